//! The `shapegen` binary as a user runs it: broken input fails with a located error and leaves the
//! output folder exactly as it was; good input regenerates without touching unchanged files.

mod common;

use common::{contents, generate, shapegen, AMPLIFYBACKEND as MODEL};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    common::files(dir)
        .into_iter()
        .map(|path| {
            let full = dir.join(&path);
            let modified = std::fs::metadata(&full).unwrap().modified().unwrap();
            (path, (std::fs::read(&full).unwrap(), modified))
        })
        .collect()
}

#[test]
fn broken_docs_fail_located_and_leave_the_output_untouched() {
    let out = tempfile::tempdir().unwrap();
    assert!(generate(MODEL, out.path()).status.success());
    let before = snapshot(out.path());

    let fixtures = common::docs_fixtures();
    let garbage = tempfile::tempdir().unwrap();
    std::fs::write(
        garbage.path().join("type_defs.md"),
        b"## A\n\xff\xfe\x00\x9c binary",
    )
    .unwrap();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        // An unlisted literal is only a warning without --strict; its own test below.
        .filter(|p| !p.ends_with("unlisted_literal"))
        .collect();
    cases.sort();
    cases.push(garbage.path().to_path_buf());
    assert!(
        cases.len() >= 13,
        "expected the malformed fixtures, found {}",
        cases.len()
    );

    for case in &cases {
        let output = generate(case, out.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}: {stderr}",
            case.display()
        );
        let first = stderr.lines().next().unwrap_or_default();
        let (location, message) = first
            .split_once(": error: ")
            .unwrap_or_else(|| panic!("{}: no located error in {stderr:?}", case.display()));
        let mut parts = location.rsplitn(3, ':');
        let (column, line, file) = (parts.next(), parts.next(), parts.next());
        assert!(
            column.is_some_and(|c| c.parse::<usize>().is_ok())
                && line.is_some_and(|l| l.parse::<usize>().is_ok())
                && file.is_some_and(|f| f.starts_with(case.to_str().unwrap())),
            "{}: expected FILE:LINE:COL, got {location:?}",
            case.display()
        );
        assert!(
            message.len() > 10,
            "{}: message too thin: {message:?}",
            case.display()
        );
        assert_eq!(
            snapshot(out.path()),
            before,
            "{}: the output folder changed",
            case.display()
        );
    }
}

#[test]
fn strict_turns_an_unlisted_literal_into_an_error() {
    let case = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/docs/unlisted_literal"
    );
    let out = tempfile::tempdir().unwrap();
    let lenient = generate(case, out.path());
    assert!(lenient.status.success());
    assert!(String::from_utf8_lossy(&lenient.stderr).contains(": warning: "));
    let strict = shapegen(&[
        "generate",
        "--strict",
        "--model",
        case,
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains(": error: "));
}

#[test]
fn regenerating_unchanged_input_touches_nothing_and_check_agrees() {
    let out = tempfile::tempdir().unwrap();
    assert!(generate(MODEL, out.path()).status.success());
    let before = snapshot(out.path());
    let again = generate(MODEL, out.path());
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 written"));
    assert_eq!(snapshot(out.path()), before);

    let out_dir = out.path().to_str().unwrap();
    assert!(shapegen(&["check", "--model", MODEL, "--out", out_dir])
        .status
        .success());
    let lib = out.path().join("src/lib.rs");
    let edited = std::fs::read_to_string(&lib).unwrap() + "// a hand edit\n";
    std::fs::write(&lib, edited).unwrap();
    let check = shapegen(&["check", "--model", MODEL, "--out", out_dir]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains("src/lib.rs:") && stderr.contains("differs"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  - // a hand edit\n  + (end of file)"),
        "{stderr}"
    );
}

#[test]
fn docs_and_their_yaml_model_generate_the_same_crate() {
    let yaml = tempfile::tempdir().unwrap();
    let model_yaml = yaml.path().join("amplifybackend.yaml");
    let export = shapegen(&[
        "model",
        "export",
        "--model",
        MODEL,
        "-o",
        model_yaml.to_str().unwrap(),
    ]);
    assert!(export.status.success());
    let committed = concat!(env!("CARGO_MANIFEST_DIR"), "/../model/amplifybackend.yaml");
    // As text, so that a stale committed model shows as a readable diff.
    assert_eq!(
        std::fs::read_to_string(committed).unwrap(),
        std::fs::read_to_string(&model_yaml).unwrap(),
        "model/amplifybackend.yaml is out of date: run `shapegen model export`"
    );

    let (from_docs, from_yaml) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(generate(MODEL, from_docs.path()).status.success());
    assert!(generate(&model_yaml, from_yaml.path()).status.success());
    assert_eq!(contents(from_docs.path()), contents(from_yaml.path()));
}

#[test]
fn many_models_make_a_workspace_and_one_failure_stops_no_other() {
    let corpus = common::corpus("gen1-1.17.62");
    let corpus = corpus.display();
    let broken = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/docs/unknown_generic"
    );
    let models = [
        format!("{corpus}/sqs"),
        broken.to_string(),
        format!("{corpus}/dynamodb"),
    ];
    let run = |out: &Path, jobs: &str| {
        let mut args = vec!["generate", "--jobs", jobs, "--out", out.to_str().unwrap()];
        for model in &models {
            args.extend(["--model", model.as_str()]);
        }
        shapegen(&args)
    };
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let output = run(one.path(), "1");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("2 crates, ") && stderr.contains("1 model failed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown_generic/type_defs.md:10:19: error: "),
        "{stderr}"
    );
    let manifest = std::fs::read_to_string(one.path().join("Cargo.toml")).unwrap();
    assert!(manifest.ends_with("members = [\n    \"sqs-shapes\",\n    \"dynamodb-shapes\",\n]\n"));
    assert!(one
        .path()
        .join("dynamodb-shapes/src/structures.rs")
        .is_file());

    // The same bytes whatever the number of threads.
    run(two.path(), "2");
    assert_eq!(contents(one.path()), contents(two.path()));
}
