//! One model's crate in one output folder, the whole way: take the folder (one run at a time),
//! skip what the cache vouches for, load, emit, write, record. The command line runs `generate`
//! and `check` through here; several models at once go through [`crate::batch::run`].

use crate::cache::Cache;
use crate::emit::{self, CrateOptions};
use crate::error::{Result, Warning};
use crate::output::GeneratedFile;
use crate::settings::{self, Settings};
use crate::write::{self, Difference, Others, WriteReport};
use crate::{LoadOptions, Loaded};
use std::path::Path;

/// A model, the folder its crate goes to, and how to read it.
#[derive(Clone, Copy, Debug)]
pub struct CrateJob<'a> {
    pub model: &'a Path,
    pub out: &'a Path,
    pub options: &'a LoadOptions,
    /// A package name given for this run (`--crate-name`); `generate` records it in the overlay,
    /// so that later runs keep it.
    pub crate_name: Option<&'a str>,
}

/// What [`generate`] did.
#[derive(Debug)]
pub enum Generation {
    /// The model, its overlay, the crate and shapegen were as last recorded: nothing was read or
    /// written. `unchanged`: the files the crate has.
    Skipped { unchanged: usize },
    Written {
        warnings: Vec<Warning>,
        report: WriteReport,
    },
}

/// Generates the crate of `job.model` into `job.out`, waiting (after calling `waiting`) while
/// another run has the folder.
pub fn generate(job: &CrateJob, waiting: &dyn Fn()) -> Result<Generation> {
    let _lock = write::lock_output(job.out, Others::RemoveStale, waiting)?;
    let mut cache = Cache::open(job.out);
    let key = job.cache_key();
    if let Some(entry) = cache.fresh(&key, job.out) {
        return Ok(Generation::Skipped {
            unchanged: entry.outputs(),
        });
    }
    let (loaded, options, files) = job.emit()?;
    let recorded = match job.crate_name {
        Some(name) => settings::record_package_name(job.model, &loaded, name)?,
        None => None,
    };
    if let Some(edit) = &recorded {
        edit.write()?;
    }
    let report =
        write::write_files(job.out, &files, Others::RemoveStale).map_err(|e| match &recorded {
            Some(edit) => edit.undo(e),
            None => e,
        })?;
    let entry = cache.entry(
        &options.name,
        job.model,
        &loaded.inputs,
        job.out,
        Path::new(""),
        &files,
    );
    cache.record(key, entry);
    cache.save();
    Ok(Generation::Written {
        warnings: loaded.warnings,
        report,
    })
}

/// How `job.out` differs from what [`generate`] would write there, with the model's warnings.
/// It compares contents and never takes the cache's word: `check` is CI's gate.
pub fn check(job: &CrateJob) -> Result<(Vec<Warning>, Vec<Difference>)> {
    let (loaded, _, files) = job.emit()?;
    let differences = write::differences(job.out, &files, Others::RemoveStale)?;
    Ok((loaded.warnings, differences))
}

impl CrateJob<'_> {
    /// The model as loaded (the run's crate name over its overlay's), its crate's options and files.
    fn emit(&self) -> Result<(Loaded, CrateOptions, Vec<GeneratedFile>)> {
        let mut loaded = crate::load_model(self.model, self.options)?;
        if let Some(name) = self.crate_name {
            loaded.settings.package.name = Some(name.to_string());
        }
        let options = CrateOptions::new(&loaded.model, &loaded.settings);
        let files = emit::emit_crate(&loaded.model, &options)?;
        Ok((loaded, options, files))
    }

    /// The cache key: the model's path, and the settings the run adds to its overlay's.
    fn cache_key(&self) -> String {
        let mut settings = Settings::default();
        settings.package.name = self.crate_name.map(str::to_string);
        Cache::key(self.model, self.options, &settings)
    }
}
