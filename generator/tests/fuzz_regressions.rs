//! The fuzz targets' checks (`fuzz/src/lib.rs`, included as is) on their seed corpus and on every
//! input that crashed them, so that CI replays both without fuzzing tooling. A crash whose bug is
//! still open is listed in `OPEN` and replayed only by the ignored test below.

#[path = "../../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

/// Crash inputs (target, file) whose bugs are reported but not fixed yet, and why they crash.
const OPEN: &[(&str, &str, &str)] = &[(
    "emit_ir",
    "bare-cr-in-docs",
    "a carriage return in docs not followed by a line feed is written into a `///` comment, \
     where Rust refuses it",
)];

/// Every input of `target` in the seed corpus and the crash regressions, open ones included or not.
fn inputs(target: &str, open: bool) -> Vec<(String, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut found = Vec::new();
    for folder in ["seeds", "regressions"] {
        let Ok(listing) = std::fs::read_dir(fuzz.join(folder).join(target)) else {
            continue;
        };
        for entry in listing {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let is_open = OPEN.iter().any(|(t, n, _)| *t == target && *n == name);
            if is_open == open {
                found.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

fn replay(target: &str, run: fn(&[u8])) {
    let inputs = inputs(target, false);
    assert!(!inputs.is_empty(), "no inputs for {target}");
    for (name, data) in inputs {
        eprintln!("{target}/{name}");
        run(&data);
    }
}

#[test]
fn docs_reader() {
    replay("docs_reader", targets::docs_reader);
}

#[test]
fn type_expression() {
    replay("type_expression", targets::type_expression);
}

#[test]
fn yaml_loader() {
    replay("yaml_loader", targets::yaml_loader);
}

#[test]
fn emit_ir() {
    replay("emit_ir", targets::emit_ir);
}

#[test]
#[ignore = "bugs reported, not fixed yet: see OPEN"]
fn open_crashes() {
    for (target, name, why) in OPEN {
        eprintln!("{target}/{name}: {why}");
    }
    for (_, data) in inputs("emit_ir", true) {
        targets::emit_ir(&data);
    }
}
