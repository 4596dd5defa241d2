//! Text from a model or overlay is Markdown made safe in the generated crate: no code block in it
//! becomes a doctest (each is a `text` block), no HTML or control character reaches the docs, and
//! names and versions that could break out of the README or Cargo.toml are refused where they
//! stand.

mod common;

use common::shapegen;
use std::path::Path;
use std::process::Command;

/// Docs that would run code if rustdoc read them as written: every `panic!` or `exit` below is
/// a doctest that fails, should one be made.
const MODEL: &str = r#"service: hostile
shapes:
  FenceTypeDef:
    docs: |
      Intro.
      ```
      panic!("a fence in model docs ran");
      ```
      ```rust
      std::process::exit(3);
      ```

          panic!("an indented block ran");

      - item
      -     panic!("code in a list ran");
      > ```
      > panic!("code in a quote ran");
      > ```
      <script>alert(1)</script> and a */ comment end.
    fields:
      Name:
        type: string
        required: true
        docs: "Red \e[31m bell \a rtl \u202E text\r```\rpanic!(\"a fence after a lone CR ran\");\r```"
      Mode:
        type: Mode
        required: false
  Mode:
    values: [A, "B\e[0m"]
"#;

const OVERLAY: &str = r#"shapes:
  Mode:
    docs: |
      ~~~
      panic!("a tilde fence in overlay docs ran");
      ~~~
      1. ```rust
         panic!("code in an ordered list ran");
         ```
  FenceTypeDef:
    fields:
      Mode:
        docs: "\t    panic!(\"a tab-indented block ran\");\n\n    std::process::exit(4);"
"#;

fn generate(dir: &Path) -> std::process::Output {
    let model = dir.join("hostile.yaml");
    std::fs::write(&model, MODEL).unwrap();
    std::fs::write(dir.join("hostile.overlay.yaml"), OVERLAY).unwrap();
    common::generate(&model, dir.join("out"))
}

#[test]
fn no_doctest_comes_from_model_or_overlay_text() {
    let dir = tempfile::tempdir().unwrap();
    let output = generate(dir.path());
    assert!(output.status.success(), "{output:?}");
    let out = dir.path().join("out");
    let source = std::fs::read_to_string(out.join("src/structures.rs")).unwrap()
        + &std::fs::read_to_string(out.join("src/enums.rs")).unwrap();
    // Docs are Markdown: a code block stays one, but only ever as `text`.
    assert!(
        source.contains("/// ```text\n/// std::process::exit(3);\n/// ```\n"),
        "the block is text:\n{source}"
    );
    assert!(!source.contains("```rust"), "{source}");
    assert!(source.contains("/// \\<script\\>alert(1)\\</script\\> and a \\*/ comment end."));
    assert!(source.contains("/// Red \\u{1b}\\[31m bell \\u{7} rtl \\u{202e} text"));
    assert!(!source.contains(['\x1b', '\x07', '\u{202e}', '\r']));
    assert!(!source.contains("<script>"));

    // The README's examples are the only doctests, and they pass.
    common::copy_lock_file(&out);
    let test = Command::new(env!("CARGO"))
        .args(["test", "--doc", "--offline"])
        .current_dir(&out)
        .env("RUSTFLAGS", "-Dwarnings")
        .env("RUSTDOCFLAGS", "-Dwarnings")
        // Not the target folder of the `cargo test` running this, which it keeps locked.
        .env(
            "CARGO_TARGET_DIR",
            common::repo().join("target/doc-injection"),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&test.stdout);
    assert!(
        test.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&test.stderr)
    );
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

#[test]
fn names_and_versions_cannot_break_out_of_the_package() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.yaml");
    let out = dir.path().join("out");
    let run = |model_text: &str, overlay: &str, extra: &[&str]| {
        std::fs::write(&model, model_text).unwrap();
        std::fs::write(dir.path().join("m.overlay.yaml"), overlay).unwrap();
        let mut args = vec!["generate", "--model", model.to_str().unwrap()];
        args.extend(["--out", out.to_str().unwrap()]);
        args.extend(extra);
        let output = shapegen(&args);
        assert!(!output.status.success(), "{model_text} {overlay} {extra:?}");
        assert!(!out.exists(), "nothing written");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let shapes = "shapes:\n  Mode:\n    values: [A]\n";
    let plain = format!("service: s\n{shapes}");

    let stderr = run(
        &format!("service: \"s\\n```rust\\npanic!()\\n```\"\n{shapes}"),
        "",
        &["--crate-name", "fine"],
    );
    assert!(
        stderr.contains("m.yaml:1:10: error: service: service name `s\\u{a}```rust"),
        "{stderr}"
    );
    let stderr = run(
        &plain,
        "version: 0.1.0+own\nboto3_version: \"1.2\\n\\n```\\npanic!()\\n```\"\n",
        &[],
    );
    assert!(
        stderr.contains("m.overlay.yaml:2:16: error: boto3_version: boto3 version `1.2\\u{a}"),
        "{stderr}"
    );
    let stderr = run(&plain, "", &["--crate-name", "x\n```\npanic!()"]);
    assert!(stderr.contains("is not a valid package name"), "{stderr}");
    let stderr = run(&plain, "version: \"1.2.3-a..b\"\n", &[]);
    assert!(
        stderr.contains(
            "m.overlay.yaml:1:10: error: version: `1.2.3-a..b` is not a semantic version"
        ),
        "{stderr}"
    );
}

#[test]
fn control_characters_in_input_reach_messages_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.yaml");
    std::fs::write(
        &model,
        r#"service: s
shapes:
  F:
    fields:
      X: {type: "\"\e[31mRed\a\u202E\"", required: true}
"#,
    )
    .unwrap();
    let output = shapegen(&["generate", "--model", model.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("\\u{1b}[31mRed\\u{7}\\u{202e}"), "{stderr}");
    assert!(!stderr.contains(['\x1b', '\x07', '\u{202e}']), "{stderr:?}");
}

#[test]
fn a_model_made_in_code_is_checked_before_emitting() {
    use shapegen::emit::{emit_crate, CrateOptions};
    let base = shapegen::yaml::from_str(
        Path::new("m.yaml"),
        "service: s\nshapes:\n  Mode:\n    values: [A]\n",
    )
    .unwrap();
    let refused = |edit: &dyn Fn(&mut shapegen::ir::Model)| {
        let mut model = base.clone();
        edit(&mut model);
        let mut options = CrateOptions::for_model(&model);
        options.name = "fine".into();
        emit_crate(&model, &options).unwrap_err().to_string()
    };
    assert!(refused(&|m| m.service = "s\n```rust\npanic!()\n```".into())
        .starts_with("error: service name `s\\u{a}```rust"));
    assert!(refused(&|m| {
        m.version = Some("0.1.0+own".into());
        m.boto3_version = Some("1 <script>".into());
    })
    .starts_with("error: boto3 version `1 <script>`"));
    assert!(refused(&|m| m.version = Some("1.2.3-a..b".into()))
        .starts_with("error: `1.2.3-a..b` is not a semantic version"));
    let fine = emit_crate(&base, &CrateOptions::for_model(&base)).unwrap();
    assert!(fine.iter().any(|f| f.path == Path::new("README.md")));
}
