//! Many models at once: each read and emitted on a pool of threads, one crate per model under a
//! generated workspace. One model's failure does not stop the others.

use crate::emit::{self, CrateOptions, GeneratedFile, GENERATED_MARKER};
use crate::error::{Error, Result, Warning};
use crate::LoadOptions;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One model's crate, ready to write under `<out>/<name>/`.
#[derive(Debug)]
pub struct EmittedCrate {
    pub name: String,
    pub files: Vec<GeneratedFile>,
    pub warnings: Vec<Warning>,
}

/// Reads and emits every model on up to `threads` threads, calling `done` as each finishes.
/// Results come back in the order of `models`, whatever the thread count, so output is the same.
pub fn emit_crates(
    models: &[PathBuf],
    options: &LoadOptions,
    threads: usize,
    done: &(dyn Fn(&Path) + Sync),
) -> Vec<Result<EmittedCrate>> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<EmittedCrate>>>> =
        Mutex::new(models.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, models.len().max(1)) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(model) = models.get(index) else {
                    break;
                };
                let result = emit_one(model, options);
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
    let mut results: Vec<Result<EmittedCrate>> = results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| Err(Error::new("internal error: a model was never processed")))
        })
        .collect();
    reject_duplicate_names(models, &mut results);
    results
}

fn emit_one(model: &Path, options: &LoadOptions) -> Result<EmittedCrate> {
    let loaded = crate::load_model(model, options)?;
    let crate_options = CrateOptions::for_model(&loaded.model);
    let files = emit::emit_crate(&loaded.model, &crate_options)?;
    Ok(EmittedCrate {
        name: crate_options.name,
        files,
        warnings: loaded.warnings,
    })
}

/// Two models of one service would write one folder: the later ones fail instead.
fn reject_duplicate_names(models: &[PathBuf], results: &mut [Result<EmittedCrate>]) {
    let mut seen: Vec<(String, &Path)> = Vec::new();
    for (model, result) in models.iter().zip(results.iter_mut()) {
        let Ok(emitted) = result else { continue };
        if let Some((_, first)) = seen.iter().find(|(name, _)| *name == emitted.name) {
            *result = Err(Error::new(format!(
                "`{}` generates crate `{}`, as `{}` does already",
                model.display(),
                emitted.name,
                first.display()
            ))
            .with_hint("generate models of the same service into different --out folders"));
        } else {
            seen.push((emitted.name.clone(), model));
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
