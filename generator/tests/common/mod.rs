//! What the integration tests share.

use std::path::{Path, PathBuf};

/// Every file under `dir`, by path relative to it, in order; not shapegen's cache, which records
/// local paths and times rather than output.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            if relative.starts_with(shapegen::cache::FOLDER) {
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
