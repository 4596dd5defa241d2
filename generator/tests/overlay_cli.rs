//! An overlay beside the model that names something the model lacks fails `generate` with the
//! overlay's file, line and column, and writes nothing.

mod common;

use common::{generate, AMPLIFYBACKEND as MODEL};
use std::path::Path;

/// A copy of the AmplifyBackend docs folder in `dir`, with `overlay` beside it.
fn model_with_overlay(dir: &Path, overlay: &str) -> std::path::PathBuf {
    let model = dir.join("amplifybackend");
    std::fs::create_dir(&model).unwrap();
    for entry in std::fs::read_dir(MODEL).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, model.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join("amplifybackend.overlay.yaml"), overlay).unwrap();
    model
}

#[test]
fn an_overlay_naming_a_missing_field_fails_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with_overlay(
        dir.path(),
        "shapes:\n  BackendAuthSocialProviderConfigTypeDef:\n    fields:\n      ClientSecrett: {sensitive: true}\n",
    );
    let out = dir.path().join("out");
    let output = generate(&model, &out);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let overlay = dir.path().join("amplifybackend.overlay.yaml");
    assert!(
        stderr.contains(&format!(
            "{}:4:22: error: shapes.BackendAuthSocialProviderConfigTypeDef.fields.ClientSecrett: \
             this shape has no field named `ClientSecrett`",
            overlay.display()
        )),
        "{stderr}"
    );
    assert!(
        !out.exists(),
        "nothing is written when the overlay is wrong"
    );
}

#[test]
fn an_overlay_naming_a_missing_shape_fails_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with_overlay(
        dir.path(),
        "version: 0.1.0\nshapes:\n  NoSuchShapeTypeDef:\n    docs: x\n",
    );
    let output = generate(&model, dir.path().join("out"));
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let overlay = dir.path().join("amplifybackend.overlay.yaml");
    assert!(
        stderr.contains(&format!("{}:4:5: error: shapes.NoSuchShapeTypeDef: the model has no shape named `NoSuchShapeTypeDef`", overlay.display())),
        "{stderr}"
    );
}

#[test]
fn the_overlay_beside_the_model_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with_overlay(
        dir.path(),
        "shapes:\n  CreateBackendAuthPasswordPolicyConfigTypeDef:\n    fields:\n      MinimumLength: {range: {min: 8}}\n",
    );
    let out = dir.path().join("out");
    assert!(generate(&model, &out).status.success());
    let structures = std::fs::read_to_string(out.join("src/structures.rs")).unwrap();
    assert!(
        structures
            .contains("errors.range(&path.field(\"MinimumLength\"), &self.minimum_length, 8.0..);"),
        "the overlay's range is checked"
    );
}
