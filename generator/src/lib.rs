//! shapegen: Rust types, serde and validation from mypy-boto3 structure docs or a derived YAML model.
//!
//! The pipeline runs one way: **read** ([`docs`] pages or a [`yaml`] model) → [`ir::Model`] →
//! **emit** ([`emit`]) → **write** ([`mod@write`]).
//!
//! # Public API
//!
//! From a build script, one call does it all:
//! - [`Config`]: generate a model into `OUT_DIR` as a module to `include!`, rewritten only when
//!   its bytes change, with `cargo:rerun-if-changed` for every input.
//!
//! The command line's runs, whole (take the folder, skip what the cache vouches for, load, emit,
//! write, record):
//! - [`pipeline::generate`] / [`pipeline::check`]: one model's crate in one folder.
//! - [`batch::run`]: many models, one crate each, under a workspace.
//!
//! Each stage on its own:
//! - [`load_model`]: read a docs folder or a `.yaml` model, apply its overlay, check it
//!   ([`LoadOptions`] in, [`Loaded`] out).
//! - [`emit::emit_crate`] / [`emit::emit_module`]: the files of a crate, or one module, in memory
//!   ([`emit::CrateOptions`], [`Settings`]); [`emit::plan::TypeSpace`] is the Rust name of every
//!   shape.
//! - [`write::write_files`]: put [`output::GeneratedFile`]s on disk, touching only files shapegen
//!   wrote; [`write::differences`] compares instead (`shapegen check`); [`write::lock_output`]
//!   and [`write::recover`] for callers running several steps on one output.
//! - [`cache::Cache`]: skip a run whose inputs and outputs are as last recorded.
//! - [`batch::generate_crates`]: many models on a pool of threads, each handed to a closure.
//! - [`update::plan`] / [`update::apply`]: move a crate to a new model, bumping its version and
//!   changelog; [`diff::diff`] says what changed between two models and what bump it needs.
//!
//! The pieces:
//! - [`ir`]: the model itself; [`docs`], [`yaml`] read it (and [`yaml::to_string`] writes it);
//!   `json_schema` (feature `json-schema`) writes it as JSON Schema.
//! - [`botocore`]: the layer under the overlay, from botocore's `service-2.json` (documentation,
//!   sensitivity, constraints, the service's own wire names); [`html`]: its documentation's HTML
//!   as Markdown.
//! - [`overlay`]: what a maintainer adds beside a model; [`settings`]: the choices that shape the
//!   generated crate.
//! - [`naming`]: AWS names to Rust names, as the AWS SDK for Rust makes them.
//! - [`output`]: the generated-file type and the names shapegen reserves in an output folder.
//! - [`error`]: located [`Error`]s and [`Warning`]s; [`limits`]: the input sizes refused.

pub mod batch;
pub mod botocore;
pub mod cache;
mod config;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod error;
pub mod html;
pub mod ir;
#[cfg(feature = "json-schema")]
pub mod json_schema;
pub mod limits;
pub mod naming;
pub mod output;
pub mod overlay;
pub mod pipeline;
pub mod settings;
pub mod update;
pub mod write;
pub mod yaml;

pub use config::{Config, Generated};
pub use error::{Error, Location, Result, Warning};
pub use settings::Settings;

use std::path::{Path, PathBuf};

/// How strictly to read a model.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Treat warnings (such as a reference to an undocumented literal type) as errors.
    pub strict: bool,
    /// A botocore `service-2.json` to enrich the model from, in place of the one its overlay
    /// names (`botocore:`).
    pub botocore: Option<PathBuf>,
}

/// A model read from its source, with what was noticed on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub model: ir::Model,
    pub warnings: Vec<Warning>,
    /// Every file that was read, for build scripts' `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// The settings of the model's overlay (the default without one).
    pub settings: Settings,
}

/// Reads a model from a docs folder (`type_defs.md` and `literals.md`) or a `.yaml` model file,
/// then enriches it from botocore ([`botocore`]; the file [`LoadOptions::botocore`] or the overlay
/// names), then applies its overlay ([`overlay::path_for`]) if there is one, then checks what the model
/// means ([`ir::check`]): every command loads through here, so all accept and refuse the same
/// models, each problem located in the text that says what it is about.
pub fn load_model(path: &Path, options: &LoadOptions) -> Result<Loaded> {
    let (mut loaded, source) = if path.is_dir() {
        let (loaded, names) = docs::read_dir_located(path, options)?;
        (loaded, Source::Docs(names))
    } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        let text = yaml::read_text(path)?;
        let loaded = Loaded {
            model: yaml::from_str(path, &text)?,
            warnings: Vec::new(),
            inputs: vec![path.to_path_buf()],
            settings: Settings::default(),
        };
        (loaded, Source::Yaml(text))
    } else if path.exists() {
        return Err(Error::in_file(path, "expected a docs folder or a `.yaml` model file")
            .with_hint("pass the folder holding `type_defs.md` and `literals.md`, or a model written by `shapegen model export`"));
    } else {
        return Err(Error::io(
            path,
            "read",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    };
    let overlay_path = overlay::path_for(path);
    let overlay_text = match overlay_path.is_file() {
        true => Some(yaml::read_text(&overlay_path)?),
        false => None,
    };
    // botocore first, then the overlay on top: the maintainer's word wins.
    let botocore = match (&options.botocore, &overlay_text) {
        (Some(file), _) => Some((file.clone(), None)),
        (None, Some(text)) => overlay::botocore_path(&overlay_path, text)?
            .map(|(file, named_at)| (file, Some(named_at))),
        (None, None) => None,
    };
    if let Some((file, named_at)) = botocore {
        enrich_from_botocore(&mut loaded, file, named_at, path, &source, options.strict)?;
    }
    let overlay = match overlay_text {
        Some(text) => {
            loaded.settings = overlay::apply_str(&mut loaded.model, &overlay_path, &text)?;
            loaded.inputs.push(overlay_path.clone());
            Some((overlay_path, text))
        }
        None => None,
    };
    if let Some(problem) = ir::check(&loaded.model).into_iter().next() {
        return Err(locate(
            problem,
            &loaded.model,
            path,
            &source,
            overlay.as_ref(),
        ));
    }
    Ok(loaded)
}

/// Enriches `loaded` from the botocore model at `file` (named in the overlay at `named_at`, if
/// there): what does not match becomes a warning located in the model or in botocore's text, or
/// under `strict` an error.
fn enrich_from_botocore(
    loaded: &mut Loaded,
    file: PathBuf,
    named_at: Option<Location>,
    path: &Path,
    source: &Source,
    strict: bool,
) -> Result<()> {
    let service = botocore::read(&file).map_err(|e| match named_at {
        Some(at) if e.location.is_none() => e.placed(at, false),
        _ => e,
    })?;
    let report = service.enrich(&mut loaded.model);
    for mismatch in report.mismatches {
        let location = mismatch.in_botocore.clone().unwrap_or_else(|| {
            model_location(
                &loaded.model,
                path,
                source,
                &mismatch.shape,
                mismatch.field.as_deref(),
            )
        });
        let warning = Warning {
            location,
            message: match &mismatch.field {
                Some(field) => format!(
                    "botocore: field `{field}` of `{}`: {}",
                    mismatch.shape, mismatch.message
                ),
                None => format!("botocore: `{}`: {}", mismatch.shape, mismatch.message),
            },
        };
        if strict {
            return Err(warning.into());
        }
        loaded.warnings.push(warning);
    }
    loaded.inputs.push(file);
    Ok(())
}

/// The text a model was read from, kept to locate what the check pass finds.
enum Source {
    Yaml(String),
    Docs(docs::FieldNames),
}

/// The error for `problem` of `model` (read from `path` as `source`, with `overlay`): at the
/// attribute in the overlay if that sets it, else in the model; a problem of the whole model (its
/// size) names the model's file.
fn locate(
    problem: ir::Problem,
    model: &ir::Model,
    path: &Path,
    source: &Source,
    overlay: Option<&(PathBuf, String)>,
) -> Error {
    let file = match source {
        Source::Yaml(_) => path,
        Source::Docs(names) => &names.page,
    };
    let location = match &problem.subject {
        ir::Subject::Model => None,
        ir::Subject::Field {
            shape,
            field,
            attribute,
        } => {
            let keys = ["shapes", shape, "fields", field, attribute.key()];
            let in_overlay = overlay.and_then(|(path, text)| yaml::locate(path, text, &keys));
            in_overlay.or_else(|| match source {
                Source::Yaml(text) => yaml::locate(path, text, &keys),
                Source::Docs(names) => names.locate(model, shape, field),
            })
        }
    };
    let whole_file = location.is_none();
    let location = location.unwrap_or_else(|| Location::new(file, 1, 1));
    Error::from(problem).placed(location, whole_file)
}

/// Where the model (read from `path` as `source`) defines `shape`, or its `field`: for a warning
/// about it; the model's file if no better place is found.
fn model_location(
    model: &ir::Model,
    path: &Path,
    source: &Source,
    shape: &str,
    field: Option<&str>,
) -> Location {
    let found = match (source, field) {
        (Source::Yaml(text), Some(field)) => {
            yaml::locate(path, text, &["shapes", shape, "fields", field])
        }
        (Source::Yaml(text), None) => yaml::locate(path, text, &["shapes", shape]),
        (Source::Docs(names), Some(field)) => names.locate(model, shape, field),
        (Source::Docs(names), None) => {
            let page = match model.shapes.get(shape).map(|s| &s.kind) {
                Some(ir::ShapeKind::Literal(_)) => names.page.with_file_name("literals.md"),
                _ => names.page.clone(),
            };
            heading_location(&page, shape)
        }
    };
    let file = match source {
        Source::Yaml(_) => path,
        Source::Docs(names) => &names.page,
    };
    found.unwrap_or_else(|| Location::new(file, 1, 1))
}

/// Where the docs page at `page` has the heading `## name`.
fn heading_location(page: &Path, name: &str) -> Option<Location> {
    let text = std::fs::read_to_string(page).ok()?;
    let heading = format!("## {name}\n");
    let offset = text
        .find(&heading)
        .or_else(|| text.find(&format!("## {name}\r\n")))?;
    Some(Location::at_offset(page, &text, offset + 3))
}
