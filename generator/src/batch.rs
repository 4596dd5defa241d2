//! Many models at once: each read, emitted and written (or checked) on a pool of threads, one
//! crate per model under a generated workspace. One model's failure does not stop the others,
//! and a model whose inputs and crate are as the [cache](crate::cache) recorded is skipped.

use crate::cache::{Cache, Entry};
use crate::emit::{self, CrateOptions};
use crate::error::{Error, Result, Warning};
use crate::output::{GeneratedFile, GENERATED_MARKER};
use crate::settings::Settings;
use crate::write::{self, Others};
use crate::LoadOptions;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// What writing (or checking) one crate's files found: how many files changed (or differ), and
/// what to report about them, printed in model order.
#[derive(Debug, Default)]
pub struct Applied {
    pub changed: usize,
    pub report: String,
}

/// One model's crate, written under `<out>/<crate_name>/`.
#[derive(Debug)]
pub struct Generated {
    pub crate_name: String,
    pub warnings: Vec<Warning>,
    pub applied: Applied,
    /// For the cache: the model's key, and what was read and written (`None` if it cannot be
    /// cached); `None` if the model was skipped as unchanged, as its entry stays.
    pub entry: Option<(String, Option<Entry>)>,
    /// Whether the model was skipped: the cache showed its inputs and crate unchanged.
    pub skipped: bool,
}

/// Writes (or checks) files in a folder as [`Others`] says, reporting what it found.
pub type ApplyIn<'a> = dyn Fn(&Path, &[GeneratedFile], Others) -> Result<Applied> + Sync + 'a;

/// A run of several models: each crate's outcome in model order, and the workspace manifest's.
#[derive(Debug)]
pub struct Run {
    pub crates: Vec<Result<Generated>>,
    pub manifest: Result<Applied>,
}

/// Every model's crate under `out` and the workspace manifest beside them, each handed to `apply`
/// with what it may take there ([`Others::RemoveStale`] in a crate's folder, [`Others::Keep`] at
/// the workspace's root). With `record` (`generate`), the run holds the folder (calling `waiting`
/// while another run has it), skips models the cache vouches for and records the rest; without
/// (`check`), it trusts no cache.
#[allow(clippy::too_many_arguments)]
pub fn run(
    models: &[PathBuf],
    options: &LoadOptions,
    threads: usize,
    out: &Path,
    record: bool,
    done: &(dyn Fn(&Path) + Sync),
    waiting: &dyn Fn(),
    apply: &ApplyIn<'_>,
) -> Result<Run> {
    let (_lock, mut cache) = if record {
        let lock = write::lock_output(out, Others::Keep, waiting)?;
        (Some(lock), Cache::open(out))
    } else {
        (None, Cache::empty())
    };
    let mut crates = generate_crates(
        models,
        options,
        threads,
        out,
        &cache,
        done,
        &|out, files| apply(out, files, Others::RemoveStale),
    );
    for krate in crates.iter_mut().flatten() {
        if let Some((key, entry)) = krate.entry.take().filter(|_| record) {
            cache.record(key, entry);
        }
    }
    let members: Vec<&str> = crates
        .iter()
        .flatten()
        .map(|k| k.crate_name.as_str())
        .collect();
    // The crates beside the manifest are not stale.
    let manifest = apply(out, &[workspace_manifest(&members)], Others::Keep);
    if record {
        cache.save();
    }
    Ok(Run { crates, manifest })
}

/// Reads, emits and hands to `apply` every model under `out`, on up to `threads` threads,
/// calling `done` as each finishes; `apply` gets the crate's folder and files. Results come back
/// in the order of `models`, whatever the thread count, so output is the same. Two models of
/// one crate name would write one folder: the later ones fail, before anything is written.
pub fn generate_crates(
    models: &[PathBuf],
    options: &LoadOptions,
    threads: usize,
    out: &Path,
    cache: &Cache,
    done: &(dyn Fn(&Path) + Sync),
    apply: &(dyn Fn(&Path, &[GeneratedFile]) -> Result<Applied> + Sync),
) -> Vec<Result<Generated>> {
    let next = AtomicUsize::new(0);
    let claims = Claims::new(models.len());
    let results: Mutex<Vec<Option<Result<Generated>>>> =
        Mutex::new(models.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, models.len().max(1)) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(model) = models.get(index) else {
                    break;
                };
                let claim = Claim {
                    claims: &claims,
                    index,
                    settled: false,
                };
                let result = generate_one(model, options, out, cache, claim, apply);
                done(model);
                results
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())[index] = Some(result);
            });
        }
    });
    let results = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| Err(Error::new("internal error: a model was never processed")))
        })
        .collect()
}

fn generate_one(
    model: &Path,
    options: &LoadOptions,
    out: &Path,
    cache: &Cache,
    mut claim: Claim,
    apply: &(dyn Fn(&Path, &[GeneratedFile]) -> Result<Applied> + Sync),
) -> Result<Generated> {
    // A batch takes its settings from each model's overlay alone.
    let key = Cache::key(model, options, &Settings::default());
    if let Some(entry) = cache.fresh(&key, out) {
        claim.settle(Some(&entry.crate_name), model)?;
        return Ok(Generated {
            crate_name: entry.crate_name.clone(),
            warnings: Vec::new(),
            applied: Applied::default(),
            entry: None,
            skipped: true,
        });
    }
    let loaded = match crate::load_model(model, options) {
        Ok(loaded) => loaded,
        Err(error) => {
            claim.settle(None, model)?;
            return Err(error);
        }
    };
    let crate_options = CrateOptions::new(&loaded.model, &loaded.settings);
    claim.settle(Some(&crate_options.name), model)?;
    let files = emit::emit_crate(&loaded.model, &crate_options)?;
    let folder = Path::new(&crate_options.name);
    let applied = apply(&out.join(folder), &files)?;
    let entry = cache.entry(
        &crate_options.name,
        model,
        &loaded.inputs,
        out,
        folder,
        &files,
    );
    Ok(Generated {
        crate_name: crate_options.name,
        warnings: loaded.warnings,
        applied,
        entry: Some((key, entry)),
        skipped: false,
    })
}

/// The crate names of the models, each known once its model is read.
struct Claims {
    names: Mutex<Names>,
    settled: Condvar,
}

impl Claims {
    fn new(models: usize) -> Claims {
        Claims {
            names: Mutex::new(vec![None; models]),
            settled: Condvar::new(),
        }
    }
}

/// One model's place among the claims. Dropped unsettled (its model failed or panicked), it
/// settles as no name, so that later models do not wait for it.
struct Claim<'a> {
    claims: &'a Claims,
    index: usize,
    settled: bool,
}

impl Claim<'_> {
    /// Records the model's crate name (`None` if it has none: it failed), then waits until every
    /// earlier model's is known: a name an earlier model has is an error.
    fn settle(&mut self, name: Option<&str>, model: &Path) -> Result<()> {
        self.settled = true;
        let claims = self.claims;
        let mut names = lock(claims);
        names[self.index] = Some(name.map(|name| (name.to_string(), model.to_path_buf())));
        claims.settled.notify_all();
        let Some(name) = name else {
            return Ok(());
        };
        while names[..self.index].iter().any(Option::is_none) {
            names = claims
                .settled
                .wait(names)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        let earlier = names[..self.index]
            .iter()
            .flatten()
            .flatten()
            .find(|(earlier, _)| earlier == name);
        match earlier {
            Some((_, first)) => Err(Error::new(format!(
                "`{}` generates crate `{name}`, as `{}` does already",
                model.display(),
                first.display()
            ))
            .with_hint("generate models of the same service into different --out folders")),
            None => Ok(()),
        }
    }
}

/// Each model's crate name and path once known; `Some(None)` for a model that has none.
type Names = Vec<Option<Option<(String, PathBuf)>>>;

fn lock(claims: &Claims) -> std::sync::MutexGuard<'_, Names> {
    claims
        .names
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        if !self.settled {
            let mut names = lock(self.claims);
            names[self.index] = Some(None);
            self.claims.settled.notify_all();
        }
    }
}

/// The workspace manifest tying the generated crates together, so that one
/// `cargo check --workspace` checks them all.
pub fn workspace_manifest(members: &[&str]) -> GeneratedFile {
    let members: Vec<String> = members.iter().map(|m| format!("    \"{m}\",")).collect();
    GeneratedFile {
        path: "Cargo.toml".into(),
        contents: format!(
            "# {GENERATED_MARKER}. Do not edit by hand: regenerate with `shapegen generate`.\n\
             [workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n",
            members.join("\n")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lists_members_in_order() {
        let manifest = workspace_manifest(&["a-shapes", "b-shapes"]);
        assert!(manifest
            .contents
            .ends_with("members = [\n    \"a-shapes\",\n    \"b-shapes\",\n]\n"));
    }
}
