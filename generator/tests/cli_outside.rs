//! The command line as a newcomer meets it outside the repository: what to pass when the default
//! model is missing, standard output for `model export -o -`, `--jobs 0` refused, counts in words
//! that read right.

mod common;

use common::{shapegen, stderr, AMPLIFYBACKEND as MODEL};
use std::process::Command;

#[test]
fn no_model_outside_the_repository_says_what_to_pass() {
    let empty = tempfile::tempdir().unwrap();
    for command in ["generate", "check"] {
        let output = Command::new(env!("CARGO_BIN_EXE_shapegen"))
            .arg(command)
            .current_dir(empty.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = stderr(&output);
        assert!(
            stderr.contains("error: no model at `model/amplifybackend`")
                && stderr.contains("pass --model DOCS_FOLDER_OR_MODEL.yaml and --out DIR"),
            "{command}: {stderr}"
        );
        assert!(!stderr.contains("entity not found"), "{stderr}");
    }
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);

    let output = shapegen(&["generate", "--model", "no-such-model", "--out", "x"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error: no model at `no-such-model`")
            && stderr(&output).contains("a docs folder (holding `type_defs.md` and `literals.md`)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn export_to_standard_output() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("model.yaml");
    assert!(shapegen(&[
        "model",
        "export",
        "--model",
        MODEL,
        "-o",
        file.to_str().unwrap()
    ])
    .status
    .success());
    let output = shapegen(&["model", "export", "--model", MODEL, "-o", "-"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(output.stdout, std::fs::read(&file).unwrap());
    assert_eq!(stderr(&output), "standard output: 63 shapes\n");
    assert!(!std::path::Path::new("-").exists());
}

#[test]
fn zero_jobs_is_refused() {
    let output = shapegen(&[
        "generate", "--jobs", "0", "--model", MODEL, "--model", MODEL,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "invalid value '0' for '--jobs <JOBS>': at least 1 model must be processed at a time"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn one_of_a_thing_is_singular() {
    let out = tempfile::tempdir().unwrap();
    let broken = out.path().join("broken.yaml");
    std::fs::write(&broken, "service: [").unwrap();
    let crates = out.path().join("crates");
    let output = shapegen(&[
        "generate",
        "--model",
        MODEL,
        "--model",
        broken.to_str().unwrap(),
        "--out",
        crates.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let summary = stderr(&output);
    assert!(
        summary.contains(": 1 crate, 12 files changed, 1 model failed, 0 skipped as unchanged"),
        "{summary}"
    );

    let history = common::corpus("history/amplifybackend");
    let output = shapegen(&[
        "diff",
        history.join("22-1.18.52").to_str().unwrap(),
        history.join("23-1.18.56").to_str().unwrap(),
    ]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("bump: major (1 change)\n"), "{text}");
}

/// `-o` naming a device or a pipe writes into it: renaming a new file over it, as for a regular
/// file, would have put a regular file where `/dev/null` was. A FIFO stands in for the device here.
#[test]
fn export_into_a_pipe_keeps_the_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("model.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let mut export = Command::new(env!("CARGO_BIN_EXE_shapegen"))
        .args([
            "model",
            "export",
            "--model",
            MODEL,
            "-o",
            fifo.to_str().unwrap(),
        ])
        .spawn()
        .unwrap();
    // Reading the pipe first, as a regular file is read to compare, would wait forever.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = export.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            export.kill().unwrap();
            panic!("export into a pipe did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success());
    let received = reader.join().unwrap();
    assert!(received.starts_with(b"# Derived model of the `amplifybackend` service"));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing beside it"
    );
}

/// A symbolic link is neither replaced nor written through.
#[test]
fn export_to_a_link_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("kept.yaml");
    std::fs::write(&target, "mine\n").unwrap();
    let link = dir.path().join("link.yaml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let output = shapegen(&[
        "model",
        "export",
        "--model",
        MODEL,
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("this is a symbolic link; shapegen replaces a file whole"),
        "{}",
        stderr(&output)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine\n");
}
