//! How input errors look to a person: every malformed fixture (the docs fixtures of every
//! generation, and YAML models and overlays) rendered with its source line and caret, snapshotted
//! in `fixtures/diagnostics/snapshots/`.

use shapegen::{load_model, LoadOptions};
use std::path::{Path, PathBuf};

/// The models of the fixtures, as paths relative to the package (so that snapshots do not depend
/// on where the repository is): docs folders, and `.yaml` models (an overlay sits beside its model).
fn fixtures() -> Vec<PathBuf> {
    let mut models = Vec::new();
    for folder in [
        "tests/fixtures/docs",
        "tests/fixtures/diagnostics",
        "tests/fixtures/model_check",
    ] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = Path::new(folder).join(entry.unwrap().file_name());
            let name = path.to_string_lossy();
            if path.is_dir() && !name.ends_with("snapshots")
                || name.ends_with(".yaml") && !name.ends_with(".overlay.yaml")
            {
                models.push(path);
            }
        }
    }
    models.sort();
    models
}

/// What loading `model` reports: its error, or else its warnings.
fn rendered(model: &Path) -> String {
    match load_model(model, &LoadOptions::default()) {
        Err(error) => {
            // The one-line form, which scripts and editors match, stays the first line.
            let first = error.to_string();
            let rendering = error.render(false);
            assert!(
                rendering.starts_with(first.lines().next().unwrap()),
                "{rendering}"
            );
            rendering
        }
        Ok(loaded) => {
            assert!(
                !loaded.warnings.is_empty(),
                "{} loads without an error or a warning",
                model.display()
            );
            loaded
                .warnings
                .iter()
                .map(|w| w.render(false) + "\n")
                .collect()
        }
    }
}

#[test]
fn every_malformed_fixture_renders_with_its_line_and_a_caret() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 30, "{} fixtures", fixtures.len());
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("fixtures/diagnostics/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for model in &fixtures {
            let name = model.file_stem().unwrap().to_string_lossy().into_owned();
            let kind = if model.is_dir() { "docs" } else { "yaml" };
            insta::assert_snapshot!(format!("{kind}__{name}"), rendered(model));
        }
    });
}

#[test]
fn colour_only_when_asked() {
    let error = load_model(
        Path::new("tests/fixtures/docs/unbalanced_brackets"),
        &LoadOptions::default(),
    )
    .unwrap_err();
    assert!(!error.render(false).contains('\x1b'));
    let coloured = error.render(true);
    assert!(coloured.contains("\x1b["), "{coloured}");
    assert!(coloured.contains("Dict[str, List[str]"), "{coloured}");
}

#[test]
fn a_missing_source_file_renders_the_one_line_form() {
    let error = shapegen::Error::at(
        shapegen::Location::new("no/such/file.md", 3, 4),
        "something",
    )
    .with_hint("do this");
    assert_eq!(
        error.render(false),
        "no/such/file.md:3:4: error: something\n = help: do this"
    );
}
