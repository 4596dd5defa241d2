//! The generated package as it is published: only the dependencies its code uses, and the licence
//! texts its `license` field names.

use shapegen::emit::{emit_crate, CrateOptions};
use shapegen::LoadOptions;
use std::path::Path;

fn crate_files(model: &str) -> Vec<shapegen::output::GeneratedFile> {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(model);
    let loaded = shapegen::load_model(&model, &LoadOptions::default()).unwrap();
    emit_crate(&loaded.model, &CrateOptions::for_model(&loaded.model)).unwrap()
}

fn file<'a>(files: &'a [shapegen::output::GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

#[test]
fn serde_derive_only_for_models_with_unions() {
    // AmplifyBackend has no `Union[...]`: every serde impl is written out.
    let amplify = crate_files("model/amplifybackend");
    assert!(file(&amplify, "Cargo.toml").contains("\nserde = \"1.0.200\"\n"));
    assert!(!file(&amplify, "Cargo.toml").contains("derive"));
    // tricky.yaml has unions, which derive `Deserialize` untagged.
    let tricky = crate_files("tests/fixtures/tricky.yaml");
    assert!(file(&tricky, "Cargo.toml")
        .contains("\nserde = { version = \"1.0.200\", features = [\"derive\"] }\n"));
    assert!(file(&tricky, "src/enums.rs").contains("#[serde(untagged)]"));
}

#[test]
fn the_package_carries_the_licences_it_names() {
    let files = crate_files("model/amplifybackend");
    assert!(file(&files, "Cargo.toml").contains("\nlicense = \"MIT OR Apache-2.0\"\n"));
    assert!(file(&files, "LICENSE-MIT").starts_with("MIT License\n"));
    assert!(file(&files, "LICENSE-APACHE")
        .contains("Apache License\n                        Version 2.0"));
}
