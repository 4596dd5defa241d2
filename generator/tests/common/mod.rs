//! What the integration tests share.

// Each test crate includes this module and uses part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The committed amplifybackend docs model, `model/amplifybackend`.
pub const AMPLIFYBACKEND: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../model/amplifybackend");

/// The repository's root: its workspace `Cargo.lock`, `model/`, `generator/`.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A folder of the structure-docs corpus vendored in `testdata/corpus` (its README says where the
/// pages come from), e.g. `corpus("gen1-1.17.62/dynamodb")`.
pub fn corpus(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/corpus")
        .join(folder)
}

/// The malformed and unusual docs folders of `generator/tests/fixtures/docs`, one per case.
pub fn docs_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs")
}

/// Where `err` points, as `case/page:line:column` (the file with its folder, not the whole path).
pub fn location(err: &shapegen::Error) -> String {
    let location = err.location.as_ref().expect("error has a location");
    let parent = location.file.parent().and_then(Path::parent).unwrap();
    let file = location.file.strip_prefix(parent).unwrap();
    format!("{}:{}:{}", file.display(), location.line, location.column)
}

/// Structure `name` of `model`; panics if it is missing or something else.
pub fn structure<'a>(model: &'a shapegen::ir::Model, name: &str) -> &'a shapegen::ir::Structure {
    match &model.shapes.get(name).map(|s| &s.kind) {
        Some(shapegen::ir::ShapeKind::Structure(s)) => s,
        other => panic!("{name} is {other:?}"),
    }
}

/// The AWS SDK for Rust's naming golden file, vendored in `testdata/naming`.
pub fn naming_golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/naming/smithy-snake-case.txt")
}

/// The `shapegen` binary run with `args`, its output captured.
pub fn shapegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shapegen"))
        .args(args)
        .output()
        .expect("the shapegen binary runs")
}

/// What a run printed on standard error.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `shapegen generate --model model --out out`, its output captured.
pub fn generate(model: impl AsRef<Path>, out: impl AsRef<Path>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shapegen"))
        .arg("generate")
        .arg("--model")
        .arg(model.as_ref())
        .arg("--out")
        .arg(out.as_ref())
        .output()
        .expect("the shapegen binary runs")
}

/// Gives the crate or workspace at `dir` the repository's lock file, so that `cargo --offline`
/// there picks the dependency versions already downloaded for this workspace.
pub fn copy_lock_file(dir: &Path) {
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// Every file under `dir` ([`files`]) with its bytes.
pub fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(dir.join(&path)).unwrap();
            (path, bytes)
        })
        .collect()
}

/// Every file under `dir`, by path relative to it, in order; not shapegen's cache folders, which record
/// local paths and times rather than output.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            if path.file_name() == Some(std::ffi::OsStr::new(shapegen::output::CACHE_FOLDER)) {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(relative);
            }
        }
    }
    files.sort();
    files
}

/// A small YAML model: one literal type.
pub const MODEL_V1: &str = "service: s\nshapes:\n  Mode:\n    values: [A]\n";
/// [`MODEL_V1`] plus a shape: a minor change, 0.1.0 → 0.1.1.
pub const MODEL_V2: &str =
    "service: s\nshapes:\n  Mode:\n    values: [A]\n  Extra:\n    values: [X]\n";

/// A temporary folder holding model `m.yaml` ([`MODEL_V1`]), perhaps its overlay, and output
/// folder `out`.
pub struct Work {
    pub dir: tempfile::TempDir,
}

impl Work {
    pub fn new(overlay: Option<&str>) -> Work {
        let work = Work {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(work.model(), MODEL_V1).unwrap();
        if let Some(text) = overlay {
            std::fs::write(work.overlay(), text).unwrap();
        }
        work
    }

    pub fn model(&self) -> PathBuf {
        self.dir.path().join("m.yaml")
    }

    pub fn overlay(&self) -> PathBuf {
        self.dir.path().join("m.overlay.yaml")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// `shapegen <command> --model m.yaml --out out <extra>`.
    pub fn run(&self, args: &[&str]) -> Output {
        let (model, out) = (self.model(), self.out());
        let mut all = vec![args[0], "--model", model.to_str().unwrap()];
        all.extend(["--out", out.to_str().unwrap()]);
        all.extend(&args[1..]);
        shapegen(&all)
    }

    pub fn text(&self, path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }
}
