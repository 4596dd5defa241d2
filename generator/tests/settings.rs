//! Settings (the overlay's `package:` key, `--crate-name`) reach the generated crate and survive
//! every command.

mod common;

use common::{stderr, Work, MODEL_V2};
use std::process::Command;

impl Work {
    fn manifest(&self) -> String {
        self.text(&self.out().join("Cargo.toml"))
    }
}

#[test]
fn crate_name_is_recorded_so_check_and_update_keep_it() {
    let work = Work::new(Some("# Our additions.\nversion: 0.1.0\n"));
    let generate = work.run(&["generate", "--crate-name", "my-custom"]);
    assert!(generate.status.success(), "{}", stderr(&generate));
    assert!(work.manifest().contains("\nname = \"my-custom\"\n"));
    assert_eq!(
        work.text(&work.overlay()),
        "# Our additions.\nversion: 0.1.0\npackage:\n  name: my-custom\n"
    );
    // No flag needed any more: check agrees, and update keeps the name.
    let check = work.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    std::fs::write(work.model(), MODEL_V2).unwrap();
    let update = work.run(&["update"]);
    assert!(update.status.success(), "{}", stderr(&update));
    assert!(work.manifest().contains("\nname = \"my-custom\"\n"));
    assert!(work.manifest().contains("\nversion = \"0.1.1\"\n"));
    assert_eq!(
        work.text(&work.overlay()),
        "# Our additions.\nversion: 0.1.1\npackage:\n  name: my-custom\n"
    );
    // Another name replaces the recorded one; generating again with it changes nothing.
    let rename = work.run(&["generate", "--crate-name", "other"]);
    assert!(rename.status.success(), "{}", stderr(&rename));
    assert!(work
        .text(&work.overlay())
        .ends_with("package:\n  name: other\n"));
    let before = work.text(&work.overlay());
    assert!(work
        .run(&["generate", "--crate-name", "other"])
        .status
        .success());
    assert_eq!(work.text(&work.overlay()), before);
    assert!(work.run(&["check"]).status.success());
}

#[test]
fn a_bad_crate_name_or_an_overlay_it_cannot_be_recorded_in_changes_nothing() {
    let work = Work::new(Some("{version: 0.1.0}\n"));
    let refused = work.run(&["generate", "--crate-name", "my-custom"]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("cannot record `package.name: my-custom` in this overlay"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(work.text(&work.overlay()), "{version: 0.1.0}\n");
    assert!(!work.out().exists());

    let work = Work::new(None);
    let refused = work.run(&["generate", "--crate-name", "x\"\n[dependencies]"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("is not a valid package name"));
    assert!(!work.overlay().exists());
    assert!(!work.out().exists());
}

const METADATA: &str = r#"package:
  name: acme-s
  description: 'Types of S, "quoted" \ and '' too'
  license: Apache-2.0
  repository: https://example.com/acme/s
  homepage: https://example.com/acme
  authors: ["Acme <dev@example.com>"]
  keywords: [aws, acme]
  categories: [api-bindings]
"#;

#[test]
fn package_metadata_reaches_cargo() {
    let work = Work::new(Some(METADATA));
    let generate = work.run(&["generate"]);
    assert!(generate.status.success(), "{}", stderr(&generate));
    // Cargo itself reads the manifest back: every string as written, nothing else added.
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .current_dir(work.out())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let package = &metadata["packages"][0];
    assert_eq!(package["name"], "acme-s");
    assert_eq!(
        package["description"],
        r#"Types of S, "quoted" \ and ' too"#
    );
    assert_eq!(package["license"], "Apache-2.0");
    assert_eq!(package["repository"], "https://example.com/acme/s");
    assert_eq!(package["homepage"], "https://example.com/acme");
    assert_eq!(
        package["authors"],
        serde_json::json!(["Acme <dev@example.com>"])
    );
    assert_eq!(package["keywords"], serde_json::json!(["aws", "acme"]));
    assert_eq!(package["categories"], serde_json::json!(["api-bindings"]));
    // The licence named is the licence carried, in the package too.
    assert!(work.out().join("LICENSE-APACHE").is_file());
    assert!(!work.out().join("LICENSE-MIT").exists());
    let package = Command::new(env!("CARGO"))
        .args(["package", "--list", "--offline", "--allow-dirty"])
        .current_dir(work.out())
        .output()
        .unwrap();
    assert!(package.status.success(), "{}", stderr(&package));
    let listed = String::from_utf8(package.stdout).unwrap();
    assert!(
        listed.lines().any(|file| file == "LICENSE-APACHE"),
        "{listed}"
    );
    assert!(listed.lines().any(|file| file == "Cargo.toml"), "{listed}");
    assert!(work.run(&["check"]).status.success());
}

#[test]
fn bad_package_settings_are_errors_at_their_line() {
    let error = |overlay: &str| {
        let work = Work::new(Some(overlay));
        let output = work.run(&["generate"]);
        assert!(!output.status.success());
        assert!(!work.out().exists());
        let text = stderr(&output);
        let overlay = work.overlay().display().to_string();
        text.lines()
            .find_map(|line| line.strip_prefix(&format!("{overlay}:")))
            .unwrap_or_else(|| panic!("{text}"))
            .to_string()
    };
    assert_eq!(
        error("package:\n  licence: MIT\n"),
        "2:3: error: package: unknown key `licence`, expected `name`, `description`, `license`, \
         `repository`, `homepage`, `authors`, `keywords`, `categories` or `readme_example`"
    );
    // The README's example must read a structure the model has.
    assert_eq!(
        error("package:\n  readme_example: NoSuchTypeDef\n"),
        "2:19: error: package.readme_example: the model has no shape named `NoSuchTypeDef`"
    );
    assert_eq!(
        error("package:\n  readme_example: Mode\n"),
        "2:19: error: package.readme_example: `Mode` is a literal type; the README's example reads a structure"
    );
    assert!(
        error("package:\n  repository: \"https://x\\n[dependencies]\"\n").starts_with(
            "2:15: error: package.repository: `https://x\\n[dependencies]` is not a web address"
        )
    );
    assert!(error("package:\n  description: \"two\\nlines\"\n")
        .starts_with("2:16: error: package.description: a description is one line"));
    assert!(
        error("package:\n  keywords: [a, b, c, d, e, f]\n").contains("crates.io takes at most 5")
    );
    assert!(error("package:\n  license: MIT\" evil = \"\n")
        .contains("is not an SPDX licence expression"));
    assert!(error("package:\n  name: a\n  name: b\n")
        .starts_with("3:3: error: package.name: duplicate key `name`"));
}

#[test]
fn the_readme_example_reads_the_structure_the_settings_name() {
    let model = "service: s\nshapes:\n  AlphaRequestTypeDef:\n    fields:\n      \
        Item: {type: SmallTypeDef, required: true}\n  BigTypeDef:\n    fields:\n      \
        A: {type: string, required: true}\n      B: {type: integer, required: true}\n  \
        SmallTypeDef:\n    fields:\n      A: {type: string, required: true}\n";
    let example = |overlay: Option<&str>| {
        let work = Work::new(overlay);
        std::fs::write(work.model(), model).unwrap();
        let output = work.run(&["generate"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let readme = work.text(&work.out().join("README.md"));
        let line = readme.lines().find(|l| l.contains("let value: ")).unwrap();
        line.trim().to_string()
    };
    // By default a structure another refers to (the first by Rust name), though two sort before.
    assert_eq!(
        example(None),
        "let value: s_shapes::Small = serde_json::from_str(document)?;"
    );
    assert_eq!(
        example(Some("package:\n  readme_example: BigTypeDef\n")),
        "let value: s_shapes::Big = serde_json::from_str(document)?;"
    );
}
