//! The check pass (issue #15): a model that reads but means something no crate can be made from is
//! refused by every command alike — `generate` (one model and several), `check`, `model export`,
//! `diff`, `update` and a build script's `Config` — with one error at the file, line and column of
//! what is wrong: the model's text, the overlay's where that set it, or the docs page.

mod common;

use common::shapegen;
use std::path::{Path, PathBuf};

/// A fixture of `tests/fixtures/model_check` and the first line of its error, whose location is
/// relative to the fixture folder.
const CASES: &[(&str, &str)] = &[
    (
        "length_on_integer.yaml",
        "length_on_integer.yaml:9:9: error: field `Count` of `FooTypeDef`: a `length` constraint \
         applies to strings, lists and maps, not to an integer",
    ),
    (
        "range_on_string.yaml",
        "range_on_string.yaml:8:9: error: field `Name` of `FooTypeDef`: a `range` constraint \
         applies to numbers, not to a string",
    ),
    (
        "pattern_on_list.yaml",
        "pattern_on_list.yaml:8:9: error: field `Tags` of `FooTypeDef`: a `pattern` constraint \
         applies to strings, not to a list",
    ),
    (
        "pattern_not_regex.yaml",
        "pattern_not_regex.yaml:8:9: error: field `Name` of `FooTypeDef`: `(?<=a)b` is not a \
         regular expression the `regex` crate accepts: look-around, including look-ahead and \
         look-behind, is not supported",
    ),
    (
        "range_not_finite.yaml",
        "range_not_finite.yaml:8:9: error: field `Ratio` of `FooTypeDef`: a `range` bound must be \
         a finite number",
    ),
    // The model's `length` on `Name` is fine; the overlay's on `Enabled` is not, and is its own.
    (
        "overlay_length_on_boolean.yaml",
        "overlay_length_on_boolean.overlay.yaml:9:9: error: field `Enabled` of `FooTypeDef`: a \
         `length` constraint applies to strings, lists and maps, not to a boolean",
    ),
    // `When` is a timestamp and may have a format; `Name` may not.
    (
        "overlay_timestamp_format_on_string.yaml",
        "overlay_timestamp_format_on_string.overlay.yaml:7:9: error: field `Name` of `FooTypeDef`: \
         a `timestamp_format` applies to timestamps (and lists, sets and maps of them), not to a string",
    ),
    (
        "map_key_not_ordered.yaml",
        "map_key_not_ordered.yaml:6:9: error: field `Weights` of `FooTypeDef`: a map key must be a \
         string, integer, boolean, timestamp, blob or literal type",
    ),
    (
        "map_key_structure.yaml",
        "map_key_structure.yaml:8:9: error: field `Index` of `FooTypeDef`: a map key must be a \
         string, integer, boolean, timestamp, blob or literal type",
    ),
    (
        "dangling_reference.yaml",
        "dangling_reference.yaml:6:9: error: field `Bar` of `FooTypeDef`: the type refers to \
         `BarTypeDef`, which is not a shape of this model",
    ),
    (
        "docs_map_key",
        "docs_map_key/type_defs.md:15:4: error: field `Weights` of `FooTypeDef`: a map key must be \
         a string, integer, boolean, timestamp, blob or literal type",
    ),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/model_check")
}

const VALID: &str = "service: valid\nshapes:\n  FooTypeDef:\n    fields:\n      \
                     Name: {type: string, required: true, length: {max: 8}}\n";

/// The failure of every command on `model`: each must fail, and its error's first line be `header`.
fn assert_every_command_refuses(model: &Path, header: &str) {
    let work = tempfile::tempdir().unwrap();
    let valid = work.path().join("valid.yaml");
    std::fs::write(&valid, VALID).unwrap();
    let crate_dir = work.path().join("crate");
    let path = |p: &Path| p.to_str().unwrap().to_owned();
    let generated = shapegen(&[
        "generate",
        "--model",
        &path(&valid),
        "--out",
        &path(&crate_dir),
    ]);
    assert!(generated.status.success(), "{generated:?}");

    let out = path(&work.path().join("out"));
    let many_out = path(&work.path().join("many"));
    let export = path(&work.path().join("export.yaml"));
    let (model, valid) = (path(model), path(&valid));
    let commands: Vec<Vec<&str>> = vec![
        vec!["generate", "--model", &model, "--out", &out],
        vec!["check", "--model", &model, "--out", &out],
        vec!["model", "export", "--model", &model, "-o", &export],
        vec!["diff", &model, &valid],
        vec!["diff", &valid, &model],
        vec![
            "update",
            "--model",
            &model,
            "--out",
            crate_dir.to_str().unwrap(),
        ],
        vec![
            "generate", "--model", &valid, "--model", &model, "--out", &many_out, "--jobs", "2",
        ],
    ];
    for (i, args) in commands.iter().enumerate() {
        let output = shapegen(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} succeeded:\n{stderr}");
        // With several models, the error follows the summary line.
        let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
        assert_eq!(errors, [header], "{args:?}:\n{stderr}");
        if i < commands.len() - 1 {
            assert!(stderr.starts_with(header), "{args:?}:\n{stderr}");
        }
    }
    assert!(!Path::new(&export).exists(), "export wrote a refused model");
    assert!(
        !Path::new(&out).exists(),
        "generate wrote a refused model's crate"
    );
    // With several models, the good one's crate and the workspace manifest only.
    assert_eq!(
        common::files(Path::new(&many_out)),
        common::files(&crate_dir)
            .iter()
            .map(|f| Path::new("valid-shapes").join(f))
            .chain([
                PathBuf::from("Cargo.toml"),
                PathBuf::from(".shapegen-manifest")
            ])
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );

    let error = shapegen::Config::new()
        .model(&model)
        .generate_to(work.path())
        .unwrap_err();
    assert_eq!(error.to_string().lines().next(), Some(header));
    let written = std::fs::read_dir(work.path()).unwrap();
    assert!(!written
        .map(|e| e.unwrap().path())
        .any(|p| p.extension().is_some_and(|e| e == "rs")));
}

#[test]
fn every_command_refuses_each_fixture_at_the_same_location() {
    let fixtures = fixtures();
    for (model, header) in CASES {
        let header = format!("{}/{header}", fixtures.display());
        assert_every_command_refuses(&fixtures.join(model), &header);
    }
}

/// Every fixture of the folder has its case, so that none is left unchecked.
#[test]
fn every_fixture_has_a_case() {
    let mut models: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".overlay.yaml"))
        .collect();
    models.sort();
    let mut cases: Vec<String> = CASES.iter().map(|(model, _)| model.to_string()).collect();
    cases.sort();
    assert_eq!(models, cases);
}

/// A model over a size limit is refused as a whole, at its file, before any work that grows with it.
#[test]
fn a_model_over_the_shape_limit_is_refused_by_every_command() {
    let work = tempfile::tempdir().unwrap();
    let model = work.path().join("many.yaml");
    let mut text = String::from("service: many\nshapes:\n");
    for i in 0..=shapegen::ir::MAX_SHAPES {
        text.push_str(&format!("  Mode{i}:\n    values: [A]\n"));
    }
    std::fs::write(&model, text).unwrap();
    let header = format!(
        "{}:1:1: error: the `many` model has 10001 shapes; a generated crate holds at most 10000",
        model.display()
    );
    assert_every_command_refuses(&model, &header);
}

/// A docs page with no import line is named after its folder, which must then be a service name,
/// as a YAML model's `service` must: else the package's name would be refused later, by `generate`
/// only.
#[test]
fn a_docs_folder_named_unlike_a_service_is_refused_by_every_command() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("my svc");
    std::fs::create_dir(&folder).unwrap();
    let page = folder.join("type_defs.md");
    std::fs::write(
        &page,
        "## FooTypeDef\n\nRequired fields:\n\n- `Name`: `str`\n",
    )
    .unwrap();
    let header = format!(
        "{}:1:1: error: service name `my svc` is not ASCII letters, digits, `_` and `-`: the page \
         has no `from mypy_boto3_<service>` import line to name it, so the folder's name would",
        page.display()
    );
    assert_every_command_refuses(&folder, &header);
}
