//! Nothing lost: `generate` stages the new files in its cache folder, commits a journal, then
//! renames them into place, so that a failure at any point leaves the previous output
//! byte-identical, and a kill leaves it as it was or (killed while carrying out the journal)
//! finished by the next run. Faults are injected with `SHAPEGEN_FAULT`, which only debug builds
//! read.
#![cfg(debug_assertions)]

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Output;

const V1: &str = "\
service: staged
shapes:
  FooTypeDef:
    fields:
      Name: {type: string, required: true}
      Mode: {type: Mode, required: false}
  GoneTypeDef:
    fields:
      Count: {type: integer, required: false}
  Mode:
    values: [A, B]
";

/// Every generated file changes (new field, new value, a shape gone, another version).
const V2: &str = "\
service: staged
version: 0.2.0
shapes:
  FooTypeDef:
    fields:
      Name: {type: string, required: true}
      Mode: {type: Mode, required: false}
      Size: {type: integer, required: false}
  Mode:
    values: [A, B, C]
";

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

impl Fixture {
    /// A crate generated from V1, with a user's files beside the generated ones.
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("v1.yaml"), V1).unwrap();
        std::fs::write(root.join("v2.yaml"), V2).unwrap();
        let fixture = Fixture {
            out: root.join("out"),
            root,
            _dir: dir,
        };
        assert!(fixture.generate("v1.yaml", None).status.success());
        for (path, text) in [
            ("NOTES.md", "mine"),
            ("CHANGELOG.md", "# Changelog\n"),
            ("src/extra.rs", "// hand-written\n"),
            (".git/HEAD", "ref: refs/heads/main\n"),
            ("target/debug/build.log", "cached"),
        ] {
            let path = fixture.out.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        fixture
    }

    fn generate(&self, model: &str, fault: Option<&str>) -> Output {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_shapegen"));
        // An aborted run may dump core into its working folder.
        command.current_dir(&self.root);
        command.args(["generate", "--model"]);
        command
            .arg(self.root.join(model))
            .arg("--out")
            .arg(&self.out);
        if let Some(fault) = fault {
            command.env("SHAPEGEN_FAULT", fault);
        }
        command.output().unwrap()
    }

    fn check(&self, model: &str) -> bool {
        common::shapegen(&[
            "check",
            "--model",
            self.root.join(model).to_str().unwrap(),
            "--out",
            self.out.to_str().unwrap(),
        ])
        .status
        .success()
    }

    /// The staging folders left in the output's cache folder, each with whether its journal was
    /// committed; nothing may be left beside the output.
    fn leftovers(&self) -> Vec<bool> {
        let beside: Vec<_> = std::fs::read_dir(&self.root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("shapegen"))
            .collect();
        assert!(beside.is_empty(), "{beside:?}");
        std::fs::read_dir(self.out.join(shapegen::output::CACHE_FOLDER))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("staging-")
            })
            .map(|p| p.join("journal").exists())
            .collect()
    }
}

/// Every file under `dir` with its bytes, inode and modification time.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u64, i64)> {
    common::files(dir)
        .into_iter()
        .map(|path| {
            let full = dir.join(&path);
            let meta = std::fs::metadata(&full).unwrap();
            let bytes = std::fs::read(&full).unwrap();
            (path, (bytes, meta.ino(), meta.mtime_nsec()))
        })
        .collect()
}

#[test]
fn a_failure_after_any_file_leaves_the_output_as_it_was() {
    let fixture = Fixture::new();
    let before = tree(&fixture.out);
    for fault in ["fail@1", "fail@2", "fail@3", "fail@swap"] {
        let output = fixture.generate("v2.yaml", Some(fault));
        assert!(!output.status.success(), "{fault}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("injected failure"), "{fault}: {stderr}");
        assert_eq!(tree(&fixture.out), before, "{fault}");
        assert!(
            fixture.leftovers().is_empty(),
            "{fault}: {:?}",
            fixture.leftovers()
        );
    }
}

#[test]
fn a_kill_at_any_point_leaves_the_output_as_it_was_or_recoverable() {
    let fixture = Fixture::new();
    let before = tree(&fixture.out);
    for fault in ["abort@1", "abort@3"] {
        let output = fixture.generate("v2.yaml", Some(fault));
        assert!(
            output.status.code().is_none(),
            "{fault}: killed by a signal"
        );
        assert_eq!(tree(&fixture.out), before, "{fault}");
        // Killed before committing: a staging folder without a journal, discarded next time.
        assert_eq!(fixture.leftovers(), [false], "{fault}");
        shapegen::write::recover(&fixture.out).unwrap();
        assert_eq!(tree(&fixture.out), before, "{fault}");
        assert!(fixture.leftovers().is_empty());
    }

    // Killed while carrying out its journal: recovery finishes the write.
    let output = fixture.generate("v2.yaml", Some("abort@swap"));
    assert!(output.status.code().is_none());
    assert_eq!(fixture.leftovers(), [true]);
    assert!(!fixture.check("v2.yaml"));
    shapegen::write::recover(&fixture.out).unwrap();
    assert!(fixture.leftovers().is_empty());
    assert!(fixture.check("v2.yaml"));
    let user_files = |tree: &BTreeMap<PathBuf, _>| {
        let mut tree = tree.clone();
        tree.retain(|path: &PathBuf, _| {
            [
                "NOTES.md",
                "CHANGELOG.md",
                "src/extra.rs",
                ".git/HEAD",
                "target/debug/build.log",
            ]
            .iter()
            .any(|user| path == Path::new(user))
        });
        tree
    };
    assert_eq!(user_files(&tree(&fixture.out)), user_files(&before));

    // The next run recovers by itself.
    assert!(fixture
        .generate("v1.yaml", Some("abort@swap"))
        .status
        .code()
        .is_none());
    assert!(fixture.generate("v1.yaml", None).status.success());
    assert!(fixture.check("v1.yaml"));
    assert_eq!(user_files(&tree(&fixture.out)), user_files(&before));
    assert!(fixture.leftovers().is_empty());
}

#[test]
fn a_staged_write_keeps_unchanged_and_hand_written_files_and_drops_stale_ones() {
    let fixture = Fixture::new();
    let before = tree(&fixture.out);
    let output = fixture.generate("v2.yaml", None);
    assert!(output.status.success(), "{output:?}");
    let after = tree(&fixture.out);
    assert!(fixture.leftovers().is_empty());

    // The user's files are the same files: same inode, same modification time.
    for path in [
        "NOTES.md",
        "CHANGELOG.md",
        "src/extra.rs",
        ".git/HEAD",
        "target/debug/build.log",
        "rustfmt.toml",
    ] {
        assert_eq!(
            after.get(Path::new(path)),
            before.get(Path::new(path)),
            "{path}"
        );
    }
    // What changed was rewritten; the structure that went is gone.
    let lib = Path::new("src/structures.rs");
    assert_ne!(after[lib].0, before[lib].0);
    let structures = String::from_utf8_lossy(&after[lib].0);
    assert!(structures.contains("size") && !structures.contains("Gone"));
}

#[test]
fn a_hand_written_file_in_the_way_stops_the_run_before_anything_changes() {
    let fixture = Fixture::new();
    std::fs::write(fixture.out.join("src/lib.rs"), "// mine now\n").unwrap();
    let before = tree(&fixture.out);
    let output = fixture.generate("v2.yaml", None);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not written by shapegen"));
    assert_eq!(tree(&fixture.out), before);
    assert!(fixture.leftovers().is_empty());
}
