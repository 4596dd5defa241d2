//! Regenerating unchanged inputs skips reading and writing (`.shapegen-cache/`), and every kind
//! of change brings the work back: an input edited, an overlay created, an output edited, a
//! different shapegen build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/gen1-1.17.62"
);
const SKIPPED: &str = "(model and crate as last generated)";

fn shapegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shapegen"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of corpus service `service` under `root`, its files dated an hour ago: the cache does
/// not trust files modified as a run starts.
fn model_copy(root: &Path, service: &str) -> PathBuf {
    let model = root.join(service);
    fs::create_dir_all(&model).unwrap();
    for file in ["type_defs.md", "literals.md"] {
        let path = model.join(file);
        fs::copy(Path::new(CORPUS).join(service).join(file), &path).unwrap();
        backdate(&path);
    }
    model
}

fn backdate(path: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
}

fn generate(model: &Path, out: &Path) -> String {
    let output = shapegen(&[
        "generate",
        "--model",
        model.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    stderr(&output)
}

fn state(out: &Path) -> PathBuf {
    out.join(shapegen::cache::FOLDER).join("state.yaml")
}

#[test]
fn unchanged_inputs_skip_everything_and_write_nothing() {
    let inputs = tempfile::tempdir().unwrap();
    let model = model_copy(inputs.path(), "sqs");
    let out = tempfile::tempdir().unwrap();
    let first = generate(&model, out.path());
    assert!(!first.contains(SKIPPED), "{first}");
    let recorded = fs::metadata(state(out.path())).unwrap().modified().unwrap();

    // The page replaced by garbage of the same size and date: a run that read it would fail.
    let page = model.join("type_defs.md");
    let (size, date) = {
        let metadata = fs::metadata(&page).unwrap();
        (metadata.len() as usize, metadata.modified().unwrap())
    };
    fs::write(&page, "#".repeat(size)).unwrap();
    fs::File::options()
        .write(true)
        .open(&page)
        .unwrap()
        .set_modified(date)
        .unwrap();

    let skipped = generate(&model, out.path());
    assert!(skipped.contains(SKIPPED), "{skipped}");
    assert!(skipped.contains("0 written"), "{skipped}");
    assert_eq!(
        fs::metadata(state(out.path())).unwrap().modified().unwrap(),
        recorded,
        "a skipped run rewrote the cache"
    );
    // `check` trusts the same record.
    let check = shapegen(&[
        "check",
        "--model",
        model.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn any_change_brings_the_work_back() {
    let inputs = tempfile::tempdir().unwrap();
    let model = model_copy(inputs.path(), "sqs");
    let out = tempfile::tempdir().unwrap();
    generate(&model, out.path());
    assert!(generate(&model, out.path()).contains(SKIPPED));

    // An output edited by hand is put back.
    let lib = out.path().join("src/lib.rs");
    let generated = fs::read_to_string(&lib).unwrap();
    fs::write(&lib, format!("{generated}// edited\n")).unwrap();
    let restored = generate(&model, out.path());
    assert!(restored.contains("1 written"), "{restored}");
    assert_eq!(fs::read_to_string(&lib).unwrap(), generated);
    assert!(generate(&model, out.path()).contains(SKIPPED));

    // An input edited (even keeping its size) is read again.
    let page = model.join("literals.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(
        &page,
        text.replacen("QueueAttributeName", "QueueAttributeNamf", 1),
    )
    .unwrap();
    backdate(&page);
    let reread = generate(&model, out.path());
    assert!(!reread.contains(SKIPPED), "{reread}");
    assert!(generate(&model, out.path()).contains(SKIPPED));

    // An overlay that did not exist appears.
    let overlay = inputs.path().join("sqs.overlay.yaml");
    fs::write(&overlay, "version: 2.0.0\n").unwrap();
    backdate(&overlay);
    let with_overlay = generate(&model, out.path());
    assert!(!with_overlay.contains(SKIPPED), "{with_overlay}");
    let manifest = fs::read_to_string(out.path().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("version = \"2.0.0"), "{manifest}");

    // A cache written by another shapegen build is ignored.
    let state = state(out.path());
    let text = fs::read_to_string(&state).unwrap();
    let other_build = text.replacen("generator:\n- ", "generator:\n- 1", 1);
    assert_ne!(text, other_build);
    fs::write(&state, other_build).unwrap();
    assert!(!generate(&model, out.path()).contains(SKIPPED));
}

#[test]
fn a_changed_input_is_not_trusted_while_it_is_fresh() {
    let inputs = tempfile::tempdir().unwrap();
    let model = model_copy(inputs.path(), "sqs");
    // Just written: it might have been read halfway through a write.
    fs::write(
        model.join("literals.md"),
        fs::read(model.join("literals.md")).unwrap(),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    generate(&model, out.path());
    assert!(!generate(&model, out.path()).contains(SKIPPED));
}

#[test]
fn many_models_skip_only_the_unchanged_ones() {
    let inputs = tempfile::tempdir().unwrap();
    let models: Vec<PathBuf> = ["sqs", "dynamodb", "sdb"]
        .iter()
        .map(|service| model_copy(inputs.path(), service))
        .collect();
    let out = tempfile::tempdir().unwrap();
    let run = || {
        let mut args = vec!["generate", "--out", out.path().to_str().unwrap()];
        for model in &models {
            args.extend(["--model", model.to_str().unwrap()]);
        }
        let output = shapegen(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        stderr(&output)
    };
    assert!(run().contains("0 skipped as unchanged"));
    assert!(run().contains("3 crates, 0 files changed, 0 models failed, 3 skipped as unchanged"));

    let page = models[1].join("type_defs.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("{text}\n")).unwrap();
    backdate(&page);
    let partly = run();
    assert!(partly.contains("2 skipped as unchanged"), "{partly}");
    // The workspace manifest still lists every crate.
    let manifest = fs::read_to_string(out.path().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\"dynamodb-shapes\""), "{manifest}");
    assert!(manifest.contains("\"sdb-shapes\""), "{manifest}");
}
