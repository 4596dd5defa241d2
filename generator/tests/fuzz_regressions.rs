//! The fuzz targets' checks (`fuzz/src/lib.rs`, included as is) on their seed corpus and on every
//! input that crashed them, so that CI replays both without fuzzing tooling.

#[path = "../../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

/// Every input of `target` in the seed corpus and the crash regressions.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut found = Vec::new();
    for folder in ["seeds", "regressions"] {
        let Ok(listing) = std::fs::read_dir(fuzz.join(folder).join(target)) else {
            continue;
        };
        for entry in listing {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            found.push((name, std::fs::read(&path).unwrap()));
        }
    }
    found.sort();
    found
}

fn replay(target: &str, run: fn(&[u8])) {
    let inputs = inputs(target);
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
fn output_state() {
    replay("output_state", targets::output_state);
}
