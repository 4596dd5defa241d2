//! `shapegen update` writes the overlay, the changelog and the crate together or not at all, edits
//! overlays without changing what else they say (or refuses before writing), and keeps
//! pre-release versions.

mod common;

use common::{shapegen, Work, MODEL_V1, MODEL_V2};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A crate generated from `MODEL_V1` (with `overlay` beside it, if any), then the model moved on
/// to `MODEL_V2`.
fn moved_on(overlay: Option<&str>) -> Work {
    let work = Work::new(overlay);
    let generate = work.run(&["generate"]);
    assert!(generate.status.success(), "{generate:?}");
    std::fs::write(work.model(), MODEL_V2).unwrap();
    work
}

impl Work {
    fn changelog(&self) -> PathBuf {
        self.out().join("CHANGELOG.md")
    }

    fn update(&self) -> (bool, String) {
        let output = self.run(&["update"]);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output.status.success(), stderr)
    }

    /// Every file under the work folder and its bytes.
    fn contents(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        common::contents(self.dir.path())
    }

    /// What a dry run says the update would do.
    fn planned(&self) -> String {
        let output = self.run(&["update", "--dry-run"]);
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    }
}

#[test]
fn a_changelog_folder_stops_the_update_before_anything_is_written() {
    let work = moved_on(Some("# kept\nversion: 0.1.0\n"));
    std::fs::create_dir(work.changelog()).unwrap();
    let before = work.contents();
    let (ok, stderr) = work.update();
    assert!(!ok);
    assert!(
        stderr.contains("error: `update` writes `")
            && stderr.contains("/out/CHANGELOG.md`, but it is a folder"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        work.contents(),
        before,
        "crate, overlay and changelog unchanged"
    );
    assert!(work.planned().contains("would go from 0.1.0 to 0.1.1"));

    std::fs::remove_dir(work.changelog()).unwrap();
    let (ok, stderr) = work.update();
    assert!(ok, "{stderr}");
    assert_eq!(work.text(&work.overlay()), "# kept\nversion: 0.1.1\n");
    assert!(work.text(&work.changelog()).contains("\n\n## [0.1.1] - "));
    assert!(work.planned().contains("would go from 0.1.1 to 0.1.1"));
}

#[test]
fn a_symlinked_changelog_is_not_followed() {
    let work = moved_on(None);
    let elsewhere = work.dir.path().join("elsewhere.md");
    std::fs::write(&elsewhere, "not ours\n").unwrap();
    std::os::unix::fs::symlink(&elsewhere, work.changelog()).unwrap();
    let before = work.contents();
    let (ok, stderr) = work.update();
    assert!(!ok);
    assert!(stderr.contains("but it is a symbolic link"), "{stderr}");
    assert_eq!(work.contents(), before);
    assert!(!work.overlay().exists(), "no overlay was created");
    assert!(std::fs::symlink_metadata(work.changelog())
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(work.text(&elsewhere), "not ours\n");
}

#[test]
fn a_crate_that_cannot_be_written_puts_overlay_and_changelog_back() {
    let work = moved_on(Some("version: 0.1.0\n"));
    std::fs::write(work.changelog(), "# Changelog\n\n## 0.1.0\n\nFirst.\n").unwrap();
    // A hand-written file where the new crate writes one: the crate write refuses it, after the
    // overlay and the changelog were written.
    std::fs::write(work.out().join("README.md"), "mine\n").unwrap();
    let before = work.contents();
    let (ok, stderr) = work.update();
    assert!(!ok);
    assert!(stderr.contains("README.md"), "{stderr}");
    assert_eq!(
        work.contents(),
        before,
        "overlay and changelog have their bytes back"
    );
    assert!(work.planned().contains("would go from 0.1.0 to 0.1.1"));
}

#[test]
fn flow_style_and_quoted_overlays_are_edited_in_place() {
    for (overlay, edited) in [
        (
            "{version: 0.1.0, shapes: {}}\n",
            "{version: 0.1.1, shapes: {}}\n",
        ),
        (
            "\"version\": 0.1.0 # the crate's\nshapes: {}\n",
            "version: 0.1.1 # the crate's\nshapes: {}\n",
        ),
        (
            "# about\r\nshapes: {}\r\n",
            "# about\r\nversion: 0.1.1\r\nshapes: {}\r\n",
        ),
    ] {
        let work = moved_on(Some(overlay));
        let (ok, stderr) = work.update();
        assert!(ok, "{overlay:?}: {stderr}");
        assert_eq!(work.text(&work.overlay()), edited);
        let check = work.run(&["check"]);
        assert!(check.status.success(), "{overlay:?}: {check:?}");
        assert!(work
            .text(&work.out().join("Cargo.toml"))
            .contains("\nversion = \"0.1.1\"\n"));
    }
}

#[test]
fn an_overlay_that_cannot_be_edited_is_refused_before_anything_is_written() {
    for overlay in [
        // The old version is written twice: which one is the version is not for text to guess.
        "{version: 0.1.0, shapes: {Mode: {docs: since 0.1.0}}}\n",
        "version:\n  0.1.0\n",
    ] {
        let work = moved_on(Some(overlay));
        let before = work.contents();
        let (ok, stderr) = work.update();
        assert!(!ok, "{overlay:?}");
        assert!(
            stderr.contains("cannot set `version: 0.1.1` in this overlay"),
            "{stderr}"
        );
        assert!(stderr.contains("on a line of its own"), "{stderr}");
        assert_eq!(work.contents(), before, "{overlay:?}");
    }
}

#[test]
fn duplicate_overlay_keys_stop_generate_and_update() {
    let work = moved_on(Some("version: 0.1.0\n"));
    std::fs::write(
        work.overlay(),
        "version: 0.2.0\nshapes: {}\nversion: 0.1.0\n",
    )
    .unwrap();
    let before = work.contents();
    let (ok, stderr) = work.update();
    assert!(!ok);
    assert!(
        stderr.contains("m.overlay.yaml:3:1: error: version: duplicate key `version`"),
        "{stderr}"
    );
    assert_eq!(work.contents(), before);
}

#[test]
fn pre_releases_and_build_metadata_survive_update() {
    let work = moved_on(Some("version: 1.2.3-rc.1+boto3.1.2\n"));
    let manifest = || work.text(&work.out().join("Cargo.toml"));
    assert!(manifest().contains("\nversion = \"1.2.3-rc.1+boto3.1.2\"\n"));
    // Nothing changed: the version stays exactly as it was (it used to lose its pre-release).
    std::fs::write(work.model(), MODEL_V1).unwrap();
    let (ok, stderr) = work.update();
    assert!(ok, "{stderr}");
    assert!(manifest().contains("\nversion = \"1.2.3-rc.1+boto3.1.2\"\n"));
    assert!(!work.changelog().exists());
    // A change: the pre-release counts up, the build metadata stays.
    std::fs::write(work.model(), MODEL_V2).unwrap();
    let (ok, stderr) = work.update();
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("1.2.3-rc.1+boto3.1.2 → 1.2.3-rc.2+boto3.1.2"),
        "{stderr}"
    );
    assert_eq!(
        work.text(&work.overlay()),
        "version: 1.2.3-rc.2+boto3.1.2\n"
    );
    assert!(manifest().contains("\nversion = \"1.2.3-rc.2+boto3.1.2\"\n"));
    assert!(work.run(&["check"]).status.success());
}

#[test]
fn versions_cargo_cannot_read_are_errors_at_their_line() {
    for (version, column) in [("1.2.3-a..b", 10), ("01.2.3", 10), ("1.2", 10)] {
        let work = tempfile::tempdir().unwrap();
        let model = work.path().join("m.yaml");
        std::fs::write(
            &model,
            format!("service: s\nversion: {version}\n{}", &MODEL_V1[11..]),
        )
        .unwrap();
        std::fs::write(work.path().join("m.overlay.yaml"), "").unwrap();
        let output = shapegen(&[
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--out",
            work.path().join("out").to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success());
        assert!(
            stderr.contains(&format!(
                "m.yaml:2:{column}: error: version: `{version}` is not a semantic version"
            )),
            "{stderr}"
        );
        assert!(!work.path().join("out").exists());
    }
}
