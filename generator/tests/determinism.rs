//! Byte-identical output: across runs, across thread counts, and whatever order a docs page lists
//! its sections in.

mod common;

use common::corpus;

use std::path::{Path, PathBuf};
use std::process::Command;

fn generate(models: &[PathBuf], out: &Path, jobs: &str) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shapegen"));
    command.arg("generate");
    for model in models {
        command.arg("--model").arg(model);
    }
    let output = command
        .arg("--out")
        .arg(out)
        .args(["--jobs", jobs])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
}

/// Every file under `dir` by relative path, with its bytes.
fn assert_same_trees(a: &Path, b: &Path) {
    let (a, b) = (common::contents(a), common::contents(b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(*bytes == b[path], "{} differs", path.display());
    }
}

#[test]
fn two_runs_write_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let model = [corpus("gen4-1.24.36/amplifybackend")];
    generate(&model, &dir.path().join("a"), "1");
    generate(&model, &dir.path().join("b"), "1");
    assert_same_trees(&dir.path().join("a"), &dir.path().join("b"));
}

#[test]
fn one_thread_and_two_write_the_same_bytes() {
    let models: Vec<PathBuf> = [
        "gen1-1.17.62/amplifybackend",
        "gen1-1.17.62/apigatewaymanagementapi",
        "gen1-1.17.62/ec2_instance_connect",
        "gen2-1.17.64/appintegrations",
        "gen3-1.17.79/amp",
        "gen3b-1.20.50/account",
        "gen4-1.24.36/forecastquery",
        "gen4-1.24.36/workmailmessageflow",
    ]
    .into_iter()
    .map(corpus)
    .collect();
    let dir = tempfile::tempdir().unwrap();
    generate(&models, &dir.path().join("one"), "1");
    generate(&models, &dir.path().join("two"), "2");
    assert_same_trees(&dir.path().join("one"), &dir.path().join("two"));
}

/// A small deterministic generator (xorshift64*), so that the shuffle is the same every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

/// `page` with its `##` sections in a shuffled order, the preamble before them kept first.
fn shuffle_sections(page: &str, rng: &mut Rng) -> String {
    let mut chunks: Vec<String> = Vec::new();
    let mut fenced = false;
    for line in page.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if (line.starts_with("## ") && !fenced) || chunks.is_empty() {
            chunks.push(String::new());
        }
        chunks.last_mut().unwrap().push_str(line);
    }
    let preamble = chunks.remove(0);
    for i in (1..chunks.len()).rev() {
        chunks.swap(i, rng.below(i + 1));
    }
    let mut shuffled = preamble;
    for chunk in chunks {
        shuffled.push_str(chunk.trim_end());
        shuffled.push_str("\n\n");
    }
    shuffled
}

#[test]
fn shuffled_sections_generate_the_same_bytes() {
    let mut rng = Rng(0x5eed_5eed_5eed_5eed);
    for service in [
        "gen1-1.17.62/amplifybackend",
        "gen2-1.17.64/amp",
        "gen3-1.17.79/appintegrations",
        "gen3b-1.20.50/account",
        "gen4-1.24.36/amplifybackend",
    ] {
        let original = corpus(service);
        let dir = tempfile::tempdir().unwrap();
        // Named as the service, which names the crate when the page does not.
        let shuffled = dir.path().join(original.file_name().unwrap());
        std::fs::create_dir(&shuffled).unwrap();
        for page in ["type_defs.md", "literals.md"] {
            let Ok(text) = std::fs::read_to_string(original.join(page)) else {
                continue;
            };
            let moved = shuffle_sections(&text, &mut rng);
            assert_ne!(
                moved, text,
                "{service}/{page} has too few sections to shuffle"
            );
            std::fs::write(shuffled.join(page), moved).unwrap();
        }
        generate(&[original], &dir.path().join("a"), "1");
        generate(&[shuffled], &dir.path().join("b"), "1");
        assert_same_trees(&dir.path().join("a"), &dir.path().join("b"));
    }
}
