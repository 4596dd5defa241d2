//! Generating from a build script.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), shapegen::Error> {
//!     shapegen::Config::new().model("model/amplifybackend").generate_to_out_dir()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod amplifybackend {
//!     include!(concat!(env!("OUT_DIR"), "/amplifybackend.rs"));
//! }
//! ```

use crate::error::{Error, Result, Warning};
use crate::settings::{BlobType, JsonKeys, MapType, Rust, ShapeRust, TimestampType, UnknownFields};
use crate::{emit, overlay, write, LoadOptions};
use std::path::{Path, PathBuf};

/// What to generate from, how strictly to read it, and settings on top of the overlay's.
#[derive(Clone, Debug, Default)]
pub struct Config {
    model: Option<PathBuf>,
    strict: bool,
    botocore: Option<PathBuf>,
    /// The `rust` settings made in code, added to the overlay's.
    rust: Rust,
}

/// What a generation produced.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The file written: `<service>.rs` in the output folder.
    pub path: PathBuf,
    /// Whether its bytes changed; unchanged output is not rewritten, so nothing recompiles.
    pub written: bool,
    /// Every input file read.
    pub inputs: Vec<PathBuf>,
    pub warnings: Vec<Warning>,
}

impl Config {
    pub fn new() -> Self {
        Config::default()
    }

    /// The model: a docs folder (`type_defs.md`, `literals.md`) or a `.yaml` model file. A relative
    /// path is taken from the current folder, which for a build script is the package's folder.
    pub fn model(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.model = Some(path.as_ref().to_path_buf());
        self
    }

    /// Enriches the model from botocore's `service-2.json` at `path` (docs, sensitivity,
    /// constraints; [`crate::botocore`]), in place of the one the overlay names with `botocore:`.
    ///
    /// `shapegen::Config::new().model("model/s").botocore("model/s.botocore.json");`
    pub fn botocore(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.botocore = Some(path.as_ref().to_path_buf());
        self
    }

    /// Treat warnings (such as undocumented literal types) as errors.
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// Derives `path` on every generated type that can take it, as the overlay's `rust.derives`
    /// does ([`settings`](crate::settings) says which can), after the overlay's derives.
    ///
    /// `shapegen::Config::new().model("model/s").derive("Hash");`
    pub fn derive(&mut self, path: &str) -> &mut Self {
        self.rust.derives.push(path.to_string());
        self
    }

    /// Derives `path` on the type of the shape named `shape` (its source name), as
    /// `rust.shapes.<shape>.derives` does.
    ///
    /// `shapegen::Config::new().model("model/s").type_derive("FooTypeDef", "Eq");`
    pub fn type_derive(&mut self, shape: &str, path: &str) -> &mut Self {
        self.shape(shape).derives.push(path.to_string());
        self
    }

    /// Puts `attribute`, exactly one outer attribute, on the type of the shape named `shape`, as
    /// `rust.shapes.<shape>.attributes` does.
    ///
    /// `shapegen::Config::new().model("model/s").type_attribute("FooTypeDef", "#[doc(alias = \"foo\")]");`
    pub fn type_attribute(&mut self, shape: &str, attribute: &str) -> &mut Self {
        self.shape(shape).attributes.push(attribute.to_string());
        self
    }

    /// Puts `attribute` on the field whose wire name is `field` of the shape named `shape`, as
    /// `rust.shapes.<shape>.fields.<field>.attributes` does.
    ///
    /// `shapegen::Config::new().model("model/s").field_attribute("FooTypeDef", "Name", "#[doc(alias = \"n\")]");`
    pub fn field_attribute(&mut self, shape: &str, field: &str, attribute: &str) -> &mut Self {
        let fields = &mut self.shape(shape).fields;
        let field = fields.entry(field.to_string()).or_default();
        field.attributes.push(attribute.to_string());
        self
    }

    /// What reading a structure does with a key it has no field for, as `rust.unknown_fields` says.
    ///
    /// `shapegen::Config::new().model("model/s").unknown_fields(shapegen::settings::UnknownFields::Deny);`
    pub fn unknown_fields(&mut self, choice: UnknownFields) -> &mut Self {
        self.rust.unknown_fields = Some(choice);
        self
    }

    /// Which date-time crate `primitives::Timestamp` converts with, as `rust.timestamp` says.
    ///
    /// `shapegen::Config::new().model("model/s").timestamp(shapegen::settings::TimestampType::Chrono);`
    pub fn timestamp(&mut self, timestamp: TimestampType) -> &mut Self {
        self.rust.timestamp = Some(timestamp);
        self
    }

    /// The type of maps, as `rust.map` says.
    ///
    /// `shapegen::Config::new().model("model/s").map(shapegen::settings::MapType::Hash);`
    pub fn map(&mut self, map: MapType) -> &mut Self {
        self.rust.map = Some(map);
        self
    }

    /// What `primitives::Blob` holds, as `rust.blob` says.
    ///
    /// `shapegen::Config::new().model("model/s").blob(shapegen::settings::BlobType::Bytes);`
    pub fn blob(&mut self, blob: BlobType) -> &mut Self {
        self.rust.blob = Some(blob);
        self
    }

    /// schemars' `JsonSchema` on every type, naming wire names, as `rust.schemars: true` does.
    ///
    /// `shapegen::Config::new().model("model/s").schemars(true);`
    pub fn schemars(&mut self, schemars: bool) -> &mut Self {
        self.rust.schemars = schemars;
        self
    }

    /// Which JSON keys serde reads and writes, boto3's or the service's own, as `rust.json_keys`
    /// says.
    ///
    /// `shapegen::Config::new().model("model/s.yaml").json_keys(shapegen::settings::JsonKeys::Service);`
    pub fn json_keys(&mut self, keys: JsonKeys) -> &mut Self {
        self.rust.json_keys = Some(keys);
        self
    }

    fn shape(&mut self, shape: &str) -> &mut ShapeRust {
        self.rust.shapes.entry(shape.to_string()).or_default()
    }

    /// Writes the model's types as one file, `<service>.rs`, into `dir`.
    pub fn generate_to(&self, dir: impl AsRef<Path>) -> Result<Generated> {
        let model = self.model.as_deref().ok_or_else(|| {
            Error::new("no model to generate from")
                .with_hint("call `Config::model(\"path/to/docs-or-model.yaml\")` first")
        })?;
        let loaded = crate::load_model(
            model,
            &LoadOptions {
                strict: self.strict,
                botocore: self.botocore.clone(),
            },
        )?;
        let mut settings = loaded.settings;
        settings.rust.extend(&self.rust);
        let file = emit::emit_module(&loaded.model, &settings)?;
        let path = dir.as_ref().join(&file.path);
        let written = write::write_if_changed(&path, file.contents.as_bytes())?;
        Ok(Generated {
            path,
            written,
            inputs: loaded.inputs,
            warnings: loaded.warnings,
        })
    }

    /// For build scripts: [`generate_to`](Self::generate_to) Cargo's `OUT_DIR`, then tell Cargo to
    /// rerun the script when an input file changes (and only then), and pass on model warnings.
    ///
    /// Without an overlay, the folder it would be created in is watched, so an overlay added later
    /// (say, marking a field sensitive) is applied by the next `cargo build`. Keep the model in a
    /// folder of its own (`model/`): any change in that folder reruns the script, and the
    /// package's root folder would be changed by every build.
    pub fn generate_to_out_dir(&self) -> Result<Generated> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
            Error::new("OUT_DIR is not set").with_hint(
                "`generate_to_out_dir` is for build scripts, where Cargo sets OUT_DIR; elsewhere use `generate_to(folder)`",
            )
        })?;
        let generated = self.generate_to(out_dir)?;
        for input in &generated.inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        // An overlay added after this build must be applied by the next one, but Cargo reruns a
        // script on every build while a watched path does not exist: watch the folder the overlay
        // would appear in (Cargo scans a folder for any newer file) until it does.
        let overlay = overlay::path_for(self.model.as_deref().unwrap_or(Path::new("")));
        if !generated.inputs.contains(&overlay) {
            let folder = overlay.parent().filter(|p| !p.as_os_str().is_empty());
            println!(
                "cargo:rerun-if-changed={}",
                folder.unwrap_or(Path::new(".")).display()
            );
        }
        for warning in &generated.warnings {
            println!("cargo:warning={}", warning.to_string().replace('\n', " "));
        }
        Ok(generated)
    }
}
