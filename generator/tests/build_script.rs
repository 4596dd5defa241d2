//! A real consumer crate whose build script generates with [`shapegen::Config`], built by Cargo as
//! a user builds it: an overlay added after the first build is applied by the next `cargo build`,
//! and a build with nothing changed does not rerun the script.

mod common;

use std::path::Path;
use std::process::Command;

/// `cargo <args>` in `dir`, offline (the workspace's lock file pins every dependency, already
/// fetched to build this test), into a target folder kept between test runs.
fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-script-consumer"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// What the consumer prints: the `Debug` of a social-provider config holding a secret.
fn printed(dir: &Path) -> String {
    String::from_utf8(cargo(dir, &["run"]).stdout).unwrap()
}

#[test]
fn an_overlay_added_after_the_first_build_is_applied_by_the_next() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    let model = dir.join("model/amplifybackend");
    std::fs::create_dir_all(&model).unwrap();
    for page in ["type_defs.md", "literals.md"] {
        std::fs::copy(
            Path::new(common::AMPLIFYBACKEND).join(page),
            model.join(page),
        )
        .unwrap();
    }
    common::copy_lock_file(dir);
    let generator = common::repo().join("generator").canonicalize().unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            r#"[package]
name = "overlay-consumer"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
serde = "1.0.200"

[build-dependencies]
shapegen = {{ path = {:?}, default-features = false }}
"#,
            generator.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("build.rs"),
        r#"fn main() -> Result<(), shapegen::Error> {
    shapegen::Config::new().model("model/amplifybackend").generate_to_out_dir()?;
    Ok(())
}
"#,
    )
    .unwrap();
    std::fs::create_dir(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        r#"mod amplifybackend {
    include!(concat!(env!("OUT_DIR"), "/amplifybackend.rs"));
}

fn main() {
    let config = amplifybackend::BackendAuthSocialProviderConfig::builder()
        .client_secret("hunter2")
        .build();
    println!("{config:?}");
}
"#,
    )
    .unwrap();

    assert!(printed(dir).contains(r#"client_secret: Some("hunter2")"#));

    // Nothing changed: Cargo does not run the build script again.
    let build = cargo(dir, &["build", "--verbose"]);
    let log = String::from_utf8_lossy(&build.stderr);
    assert!(!log.contains("build-script-build`"), "{log}");

    std::fs::write(
        dir.join("model/amplifybackend.overlay.yaml"),
        "shapes:\n  BackendAuthSocialProviderConfigTypeDef:\n    fields:\n      ClientSecret: {sensitive: true}\n",
    )
    .unwrap();
    let redacted = printed(dir);
    assert!(
        redacted.contains(r#"client_secret: "*** Sensitive Data Redacted ***""#)
            && !redacted.contains("hunter2"),
        "{redacted}"
    );
}
