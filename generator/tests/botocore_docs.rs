//! botocore's documentation, converted (`shapegen::html::to_markdown`) and put on the items of a
//! generated crate by the real emitter, passes `cargo clippy -D warnings`, `cargo doc` with
//! rustdoc's warnings denied, and `cargo test --doc` runs the README's examples and nothing else.
//!
//! The docs: every documentation string of the 20 vendored services whose HTML uses the most
//! different tags, and one string of every other combination of tags in the corpus, each on a
//! field of its own (and the first of each hundred on its structure too).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Every `documentation` string (HTML) in a botocore `service-2.json` value, in document order.
fn documentation(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match value {
                    serde_json::Value::String(html) if key == "documentation" => {
                        out.push(html.clone())
                    }
                    value => documentation(value, out),
                }
            }
        }
        serde_json::Value::Array(values) => values.iter().for_each(|v| documentation(v, out)),
        _ => {}
    }
}

/// The tag names `html` uses, lower case.
fn tags(html: &str) -> BTreeSet<String> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            (!name.is_empty()).then(|| name.to_ascii_lowercase())
        })
        .collect()
}

/// The documentation strings chosen (see the module docs), without repeats, in a stable order,
/// with how many services and tag combinations they cover.
fn chosen_docs() -> (Vec<String>, usize) {
    let root = common::repo().join("testdata/botocore");
    let mut services: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path().join("service-2.json");
        if path.is_file() {
            let json = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let mut docs = Vec::new();
            documentation(&json, &mut docs);
            let name = path.parent().unwrap().file_name().unwrap();
            services.insert(name.to_string_lossy().into_owned(), docs);
        }
    }
    assert_eq!(services.len(), 200);
    let variety = |docs: &[String]| docs.iter().flat_map(|d| tags(d)).collect::<BTreeSet<_>>();
    let mut ranked: Vec<(&String, usize)> = services
        .iter()
        .map(|(name, docs)| (name, variety(docs).len()))
        .collect();
    ranked.sort_by_key(|&(name, tags)| (std::cmp::Reverse(tags), name.clone()));
    let mut seen = BTreeSet::new();
    let mut chosen = Vec::new();
    for (name, _) in &ranked[..20] {
        for doc in &services[*name] {
            if seen.insert(doc.clone()) {
                chosen.push(doc.clone());
            }
        }
    }
    let mut combinations = BTreeSet::new();
    for doc in services.values().flatten() {
        if combinations.insert(tags(doc)) && seen.insert(doc.clone()) {
            chosen.push(doc.clone());
        }
    }
    (chosen, combinations.len())
}

/// A YAML model with `docs` (Markdown) on fields of structures of a hundred fields each, the
/// first of each hundred on its structure too.
fn model(docs: &[String]) -> String {
    let mut shapes = serde_yaml::Mapping::new();
    for (i, chunk) in docs.chunks(100).enumerate() {
        let mut fields = serde_yaml::Mapping::new();
        for (j, doc) in chunk.iter().enumerate() {
            let mut field = serde_yaml::Mapping::new();
            field.insert("type".into(), "string".into());
            field.insert("required".into(), false.into());
            field.insert("docs".into(), doc.as_str().into());
            fields.insert(format!("D{j:03}").into(), field.into());
        }
        let mut shape = serde_yaml::Mapping::new();
        shape.insert("docs".into(), chunk[0].as_str().into());
        shape.insert("fields".into(), fields.into());
        shapes.insert(format!("Docs{i:03}TypeDef").into(), shape.into());
    }
    let mut model = serde_yaml::Mapping::new();
    model.insert("service".into(), "botodocs".into());
    model.insert("shapes".into(), shapes.into());
    serde_yaml::to_string(&model).unwrap()
}

/// `cargo <args>` in `dir`, offline, every warning denied; what it printed.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .arg("--offline")
        .args(args)
        .current_dir(dir)
        .env("RUSTFLAGS", "-Dwarnings")
        .env("RUSTDOCFLAGS", "-Dwarnings")
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("botocore-docs"),
        )
        .output()
        .unwrap();
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "cargo {args:?}:\n{text}");
    text
}

#[test]
fn botocore_docs_build_clippy_and_rustdoc_clean() {
    let (chosen, combinations) = chosen_docs();
    // What this covers, so that a change in the selection shows.
    assert_eq!((chosen.len(), combinations), (17_020, 183));
    let markdown: Vec<String> = chosen
        .iter()
        .map(|html| shapegen::html::to_markdown(html))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let model_path = dir.path().join("botodocs.yaml");
    std::fs::write(&model_path, model(&markdown)).unwrap();
    let out = dir.path().join("out");
    let output = common::generate(&model_path, &out);
    assert!(output.status.success(), "{}", common::stderr(&output));
    common::copy_lock_file(&out);

    cargo(&out, &["clippy", "--all-targets", "--", "-Dwarnings"]);
    cargo(&out, &["doc", "--no-deps"]);
    let stdout = cargo(&out, &["test", "--doc"]);
    let doctests: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("test "))
        .filter(|line| !line.starts_with("result"))
        .collect();
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert_eq!(
        doctests.len(),
        readme.matches("```rust\n").count(),
        "{stdout}"
    );
    assert!(
        doctests.iter().all(|t| t.starts_with("src/lib.rs")),
        "{doctests:?}"
    );
}
