//! shapegen: Rust types, serde and validation from mypy-boto3 structure docs or a derived YAML model.
//!
//! The pipeline runs one way: **read** ([`docs`] pages or a [`yaml`] model) → [`ir::Model`] →
//! **emit** ([`emit`]) → **write** ([`mod@write`]).

pub mod batch;
pub mod cache;
mod config;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod error;
pub mod ir;
#[cfg(feature = "json-schema")]
pub mod json_schema;
pub mod limits;
pub mod naming;
pub mod overlay;
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
/// then applies its overlay ([`overlay::path_for`]) if there is one.
pub fn load_model(path: &Path, options: &LoadOptions) -> Result<Loaded> {
    let mut loaded = if path.is_dir() {
        docs::read_dir(path, options)?
    } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        Loaded {
            model: yaml::read_file(path)?,
            warnings: Vec::new(),
            inputs: vec![path.to_path_buf()],
            settings: Settings::default(),
        }
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
    let overlay = overlay::path_for(path);
    if overlay.is_file() {
        loaded.settings = overlay::apply_file(&mut loaded.model, &overlay)?;
        loaded.inputs.push(overlay);
    }
    Ok(loaded)
}
