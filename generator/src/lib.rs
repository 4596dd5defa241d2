//! shapegen: Rust types, serde and validation from mypy-boto3 structure docs or a derived YAML model.
//!
//! The pipeline runs one way: **read** ([`docs`] pages or a [`yaml`] model) → [`ir::Model`] →
//! **emit** ([`emit`]) → **write** ([`write`]).

pub mod docs;
pub mod error;
pub mod ir;
pub mod naming;

pub use error::{Error, Location, Result, Warning};

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
}
