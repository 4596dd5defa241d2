//! What the integration tests share.

// Each test crate includes this module and uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A folder of the structure-docs corpus vendored in `testdata/corpus` (its README says where the
/// pages come from), e.g. `corpus("gen1-1.17.62/dynamodb")`.
pub fn corpus(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/corpus")
        .join(folder)
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
