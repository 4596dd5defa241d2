//! Two `generate` runs on one output folder at once (a build script and a terminal, two CI jobs)
//! take turns: both succeed, the output is whole, as one of them wrote it, and `check` agrees.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const V1: &str = "\
service: race
shapes:
  FooTypeDef:
    fields:
      Name: {type: string, required: true}
  GoneTypeDef:
    fields:
      Count: {type: integer, required: false}
";

const V2: &str = "\
service: race
version: 0.2.0
shapes:
  FooTypeDef:
    fields:
      Name: {type: string, required: true}
      Size: {type: integer, required: false}
  Mode:
    values: [A, B]
";

fn shapegen(args: &[&Path]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shapegen"));
    command
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

fn generate(model: &Path, out: &Path) -> Command {
    shapegen(&[
        Path::new("generate"),
        Path::new("--model"),
        model,
        Path::new("--out"),
        out,
    ])
}

fn check(model: &Path, out: &Path) -> bool {
    shapegen(&[
        Path::new("check"),
        Path::new("--model"),
        model,
        Path::new("--out"),
        out,
    ])
    .status()
    .unwrap()
    .success()
}

fn succeeded(output: Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs `trial` up to `at_most` times, or until a few seconds have gone, but at least 5 times.
fn repeat(at_most: usize, mut trial: impl FnMut(usize)) {
    let start = Instant::now();
    for number in 0..at_most {
        if number >= 5 && start.elapsed() > Duration::from_secs(4) {
            break;
        }
        trial(number);
    }
}

#[test]
fn two_runs_of_one_model_leave_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("v1.yaml");
    std::fs::write(&model, V1).unwrap();
    repeat(40, |number| {
        let out = dir.path().join(format!("out{number}"));
        let first = generate(&model, &out).spawn().unwrap();
        let second = generate(&model, &out).spawn().unwrap();
        succeeded(first.wait_with_output().unwrap());
        succeeded(second.wait_with_output().unwrap());
        assert!(check(&model, &out), "trial {number}");
        // Emptied behind the cache's back: the next run must write it all again.
        for name in ["src", "Cargo.toml"] {
            let path = out.join(name);
            if path.is_dir() {
                std::fs::remove_dir_all(path).unwrap();
            } else {
                std::fs::remove_file(path).unwrap();
            }
        }
        assert!(!check(&model, &out), "trial {number}");
        succeeded(generate(&model, &out).output().unwrap());
        assert!(check(&model, &out), "trial {number}");
    });
}

#[test]
fn two_runs_of_different_models_leave_one_of_them_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, v2) = (dir.path().join("v1.yaml"), dir.path().join("v2.yaml"));
    std::fs::write(&v1, V1).unwrap();
    std::fs::write(&v2, V2).unwrap();
    repeat(40, |number| {
        let out = dir.path().join(format!("out{number}"));
        // Every other trial starts from an output already there.
        if number % 2 == 1 {
            succeeded(generate(&v1, &out).output().unwrap());
        }
        let first = generate(&v1, &out).spawn().unwrap();
        let second = generate(&v2, &out).spawn().unwrap();
        succeeded(first.wait_with_output().unwrap());
        succeeded(second.wait_with_output().unwrap());
        let (is_v1, is_v2) = (check(&v1, &out), check(&v2, &out));
        assert!(is_v1 != is_v2, "trial {number}: v1 {is_v1}, v2 {is_v2}");
        // Whichever it is, the next run of the other model finds and rewrites it.
        let (now, other) = if is_v1 { (&v1, &v2) } else { (&v2, &v1) };
        succeeded(generate(other, &out).output().unwrap());
        assert!(check(other, &out) && !check(now, &out), "trial {number}");
        let staging = std::fs::read_dir(out.join(shapegen::output::CACHE_FOLDER))
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with("staging-")
            })
            .count();
        assert_eq!(staging, 0, "trial {number}");
    });
}

#[test]
fn a_second_run_waits_for_the_first_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("v1.yaml");
    std::fs::write(&model, V1).unwrap();
    let out = dir.path().join("out");
    let held = shapegen::write::lock_output(&out, shapegen::write::Others::RemoveStale, &|| {
        panic!("nobody else holds it")
    })
    .unwrap();
    let mut waiting = generate(&model, &out).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "ran while the folder was held"
    );
    assert!(!out.join("src").exists());
    // The holder created the folder and wrote nothing: letting go takes the folder away, and the
    // waiting run, its lock now on a file no longer there, starts again on a new one.
    drop(held);
    let output = waiting.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("waiting for another shapegen run"),
        "{stderr}"
    );
    succeeded(output);
    assert!(check(&model, &out));
}
