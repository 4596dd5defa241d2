//! Skipping unchanged work: what the last run read and wrote, kept in `.shapegen-cache/` inside
//! the output folder, so that a run whose generator, inputs and outputs are all as recorded
//! neither reads the model nor writes anything.
//!
//! A file is recorded by size and modification time, as `make` and Cargo do for their inputs:
//! changing, replacing or touching an input or an output, or rebuilding shapegen, means the next
//! run does the work again. Only outputs a write just wrote or compared byte for byte are
//! recorded, under the output's lock ([`crate::write::lock_output`]); a missing output is never
//! recorded, so an emptied folder is never taken as fresh. Only `generate` consults the cache:
//! `check` always compares contents. The folder holds a `.gitignore` of `*`, so git never sees it;
//! it is safe to delete at any time.

use crate::output::{GeneratedFile, CACHE_FOLDER, MANIFEST};
use crate::settings::Settings;
use crate::LoadOptions;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const STATE: &str = "state.yaml";
/// Files modified this close to the start of the run are not trusted to be seen whole: the run
/// might have read them halfway through a write (git's "racily clean" rule).
const RACY: Duration = Duration::from_secs(2);

/// A file's size and modification time (nanoseconds since the epoch), or `None` if it is missing.
type Stamp = Option<(u64, u128)>;

fn stamp(path: &Path) -> Stamp {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((metadata.len(), modified.as_nanos()))
}

/// The files directly in a crate's folder and in its `src/`, where generated files live (not
/// deeper, which could be a large `target/`), in order; not hidden ones such as this cache.
fn listing(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for sub in [Path::new(""), Path::new("src")] {
        let Ok(entries) = std::fs::read_dir(folder.join(sub)) else {
            continue;
        };
        let names = entries.flatten().map(|entry| entry.file_name());
        let visible = names.filter(|name| !name.to_string_lossy().starts_with('.'));
        files.extend(visible.map(|name| sub.join(name)));
    }
    files.sort();
    files
}

/// What one model's last generation read and wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The name of the crate generated.
    pub crate_name: String,
    /// Every input (an absent overlay too: creating one must count as a change).
    inputs: Vec<(PathBuf, Stamp)>,
    /// Every generated file, relative to the output folder.
    outputs: Vec<(PathBuf, Stamp)>,
    /// The crate's folder relative to the output folder, and what [`listing`] found there: a
    /// file appearing where generated files live (a stale one put back, say) is a change.
    folder: PathBuf,
    listing: Vec<PathBuf>,
}

impl Entry {
    /// How many files were generated.
    pub fn outputs(&self) -> usize {
        self.outputs.len()
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    /// The shapegen that made the entries: its executable's stamp.
    generator: Stamp,
    /// By key: the model's path and the options that shape its crate.
    entries: BTreeMap<String, Entry>,
}

/// The cache of one output folder.
#[derive(Debug)]
pub struct Cache {
    folder: PathBuf,
    generator: Stamp,
    started: SystemTime,
    state: State,
    loaded: String,
}

impl Cache {
    /// The cache of `out`; empty if there is none yet, it cannot be read, or a different build of
    /// shapegen wrote it. Never fails: without a cache, everything is simply done again.
    pub fn open(out: &Path) -> Cache {
        let started = SystemTime::now();
        let folder = out.join(CACHE_FOLDER);
        // Without a known executable nothing could tell a rebuilt shapegen apart: no caching.
        let generator = std::env::current_exe().ok().and_then(|exe| stamp(&exe));
        let loaded = crate::limits::read_yaml(&folder.join(STATE)).unwrap_or_default();
        let state = serde_yaml::from_str::<State>(&loaded)
            .ok()
            .filter(|state| generator.is_some() && state.generator == generator)
            .unwrap_or_default();
        Cache {
            folder,
            generator,
            started,
            state,
            loaded,
        }
    }

    /// The key of a model given as `model` (any relative form of the same path is the same key),
    /// read with `options` and generated with `settings` on top of its overlay's (the overlay
    /// itself is an input). Made from the whole settings value, so no setting can be left out.
    pub fn key(model: &Path, options: &LoadOptions, settings: &Settings) -> String {
        let model = std::fs::canonicalize(model).unwrap_or_else(|_| model.to_path_buf());
        // Only this build of shapegen reads the key (a rebuilt one starts a new cache): a hash
        // that is stable within a build will do.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        serde_yaml::to_string(settings)
            .expect("settings always serialize")
            .hash(&mut hasher);
        format!(
            "{} strict={} botocore={:?} settings={:016x}",
            model.display(),
            options.strict,
            options.botocore,
            hasher.finish()
        )
    }

    /// An empty cache, which finds nothing fresh: for a run that must do everything.
    pub fn empty() -> Cache {
        Cache {
            folder: PathBuf::new(),
            generator: None,
            started: SystemTime::now(),
            state: State::default(),
            loaded: String::new(),
        }
    }

    /// The entry of `key` if every file it recorded under the output folder `out` is as recorded:
    /// then generating again would write exactly what is there. An output recorded as missing
    /// (by an older shapegen) is never fresh.
    pub fn fresh(&self, key: &str, out: &Path) -> Option<&Entry> {
        let entry = self.state.entries.get(key)?;
        let inputs = entry.inputs.iter().all(|(path, was)| stamp(path) == *was);
        let outputs = inputs
            && entry
                .outputs
                .iter()
                .all(|(path, was)| was.is_some() && stamp(&out.join(path)) == *was);
        (outputs && listing(&out.join(&entry.folder)) == entry.listing).then_some(entry)
    }

    /// What was just generated into `out` (the output folder, `folder` the crate's within it)
    /// from `model`, whose loading read `inputs`; `None` when it cannot be trusted later: an
    /// input changed as the run started, an output (or the crate's manifest) is missing, or no
    /// executable to tell builds apart.
    pub fn entry(
        &self,
        crate_name: &str,
        model: &Path,
        inputs: &[PathBuf],
        out: &Path,
        folder: &Path,
        files: &[GeneratedFile],
    ) -> Option<Entry> {
        self.generator?;
        let racy_since = self
            .started
            .checked_sub(RACY)?
            .duration_since(UNIX_EPOCH)
            .ok()?;
        // The overlay is read only if it exists; one appearing later must count as a change.
        let overlay = crate::overlay::path_for(model);
        let absent_overlay = (!inputs.contains(&overlay)).then_some(overlay);
        let mut recorded = Vec::new();
        for input in inputs.iter().cloned().chain(absent_overlay) {
            let path = std::fs::canonicalize(&input).unwrap_or(input);
            let now = stamp(&path);
            if now.is_some_and(|(_, modified)| modified >= racy_since.as_nanos()) {
                return None;
            }
            recorded.push((path, now));
        }
        let manifest = Path::new(MANIFEST);
        let mut outputs = Vec::new();
        for path in files
            .iter()
            .map(|file| file.path.as_path())
            .chain([manifest])
        {
            let path = folder.join(path);
            let now = stamp(&out.join(&path));
            now?;
            outputs.push((path, now));
        }
        Some(Entry {
            crate_name: crate_name.to_string(),
            inputs: recorded,
            outputs,
            folder: folder.to_path_buf(),
            listing: listing(&out.join(folder)),
        })
    }

    /// Records `entry` under `key`, or forgets `key` if there is none to trust.
    pub fn record(&mut self, key: String, entry: Option<Entry>) {
        match entry {
            Some(entry) => self.state.entries.insert(key, entry),
            None => self.state.entries.remove(&key),
        };
    }

    /// Writes the cache if it changed. Best effort: a cache that cannot be written only means
    /// the next run does everything again.
    pub fn save(mut self) {
        self.state.generator = self.generator;
        let Ok(text) = serde_yaml::to_string(&self.state) else {
            return;
        };
        if text == self.loaded {
            return;
        }
        // Never through a link: the cache folder is the output's own.
        let Some(out) = self.folder.parent() else {
            return;
        };
        let _ = crate::write::create_work_folder(out).and_then(|()| {
            crate::write::write_if_changed(&self.folder.join(STATE), text.as_bytes())
        });
    }
}
