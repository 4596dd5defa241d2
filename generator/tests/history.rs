//! The API-update workflow on the 55 successive versions of the AmplifyBackend docs: every step is
//! diffed, format-only steps report nothing, and `update` moves a crate along the history.

mod common;

use common::shapegen;

use shapegen::diff::{diff, Bump, ChangeKind, Diff, Effect};
use shapegen::{docs, ir::Model, LoadOptions};
use std::path::{Path, PathBuf};

fn history() -> Vec<PathBuf> {
    let folder = common::corpus("history/amplifybackend");
    let mut versions: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    versions.sort();
    versions
}

fn read(version: &Path) -> Model {
    docs::read_dir(version, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .model
}

fn name(version: &Path) -> String {
    version.file_name().unwrap().to_string_lossy().into_owned()
}

/// `(kind, effect, "Shape.Field")` of every change.
fn summary(d: &Diff) -> Vec<(ChangeKind, Effect, String)> {
    d.changes
        .iter()
        .map(|c| (c.kind, c.effect, c.target()))
        .collect()
}

#[test]
fn every_step_is_diffed_and_only_api_changes_report_anything() {
    let versions = history();
    assert_eq!(versions.len(), 55);
    let models: Vec<Model> = versions.iter().map(|v| read(v)).collect();
    let mut changed = Vec::new();
    for (i, pair) in models.windows(2).enumerate() {
        let d = diff(&pair[0], &pair[1]);
        if d.bump == Bump::None {
            assert!(d.changes.is_empty());
        } else {
            let step = format!("{} -> {}", name(&versions[i]), name(&versions[i + 1]));
            changed.push((step, d.bump, d.changes.len()));
        }
    }
    // Every other step changed only the docs' format (gen 1 → 2 at 02 → 03, → 3 at 04 → 05,
    // → 3b at 34 → 35, gen 4 from 42) or mypy-boto3's own literals: no change, as it should be.
    let expected = [
        ("14-1.17.79 -> 15-1.17.101", Bump::Minor, 1),
        ("15-1.17.101 -> 16-1.17.102", Bump::Major, 76),
        ("16-1.17.102 -> 17-1.17.103", Bump::Major, 100),
        ("17-1.17.103 -> 18-1.17.111", Bump::Minor, 2),
        ("22-1.18.52 -> 23-1.18.56", Bump::Major, 1),
        ("25-1.19.0 -> 26-1.19.10", Bump::Major, 1),
        ("29-1.20.6 -> 30-1.20.8", Bump::Minor, 20),
        ("38-1.20.27 -> 39-1.21.21", Bump::Minor, 4),
        ("41-1.21.25 -> 42-1.21.27", Bump::Major, 8),
    ];
    let expected: Vec<(String, Bump, usize)> = expected
        .iter()
        .map(|(s, b, n)| (s.to_string(), *b, *n))
        .collect();
    assert_eq!(changed, expected);
}

#[test]
fn single_steps_checked_against_the_pages() {
    let versions = history();
    let step = |from: usize, to: usize| diff(&read(&versions[from - 1]), &read(&versions[to - 1]));

    // 1.17.101 documents the new ImportBackendAuth operation's response.
    assert_eq!(
        summary(&step(14, 15)),
        [(
            ChangeKind::ShapeAdded,
            Effect::Additive,
            "ImportBackendAuthResponseTypeDef".into()
        )]
    );
    // 1.18.56: GetBackend's response gains AmplifyFeatureFlags, listed as required.
    assert_eq!(
        summary(&step(22, 23)),
        [(
            ChangeKind::FieldAdded,
            Effect::Breaking,
            "GetBackendResponseTypeDef.AmplifyFeatureFlags".into()
        )]
    );
    // 1.19.10: HTTPHeaders of ResponseMetadata narrows from Dict[str, Any] to Dict[str, str].
    let headers = step(25, 26);
    assert_eq!(headers.changes[0].kind, ChangeKind::FieldTypeChanged);
    assert_eq!(
        headers.changes[0].detail,
        "map[string, any] → map[string, string]"
    );
}

#[test]
fn from_the_first_version_to_the_last() {
    let versions = history();
    let d = diff(&read(&versions[0]), &read(&versions[54]));
    assert_eq!(d.bump, Bump::Major);
    let has = |kind: ChangeKind, effect: Effect, target: &str| {
        d.changes
            .iter()
            .any(|c| c.kind == kind && c.effect == effect && c.target() == target)
    };
    // Responses documented with optional fields in 2021 list them as required by 2022
    // (01: "Optional fields: - `AppId`"; 55: `AppId: str,` without NotRequired).
    for field in [
        "AppId",
        "BackendEnvironmentName",
        "JobId",
        "Operation",
        "Status",
    ] {
        let target = format!("CloneBackendResponseTypeDef.{field}");
        assert!(
            has(ChangeKind::FieldBecameRequired, Effect::Breaking, &target),
            "{target}"
        );
    }
    assert!(has(
        ChangeKind::FieldAdded,
        Effect::Breaking,
        "CloneBackendResponseTypeDef.ResponseMetadata"
    ));
    assert!(has(
        ChangeKind::FieldAdded,
        Effect::Breaking,
        "GetBackendResponseTypeDef.AmplifyFeatureFlags"
    ));
    // Additions that break nobody.
    assert!(has(
        ChangeKind::FieldAdded,
        Effect::Additive,
        "CreateBackendAuthUserPoolConfigTypeDef.VerificationMessage"
    ));
    assert!(has(
        ChangeKind::ShapeAdded,
        Effect::Additive,
        "ImportBackendAuthResponseTypeDef"
    ));
    // Gen 4 names the inline `Literal['COGNITO']`: the Rust type of the field changes.
    assert!(has(
        ChangeKind::FieldTypeChanged,
        Effect::Breaking,
        "CreateBackendAuthResourceConfigTypeDef.Service"
    ));
}

#[test]
fn diff_prints_json_for_tools() {
    let versions = history();
    let output = shapegen(&[
        "diff",
        "--format",
        "json",
        versions[21].to_str().unwrap(),
        versions[22].to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "bump": "major",
            "changes": [{
                "kind": "field_added",
                "effect": "breaking",
                "shape": "GetBackendResponseTypeDef",
                "field": "AmplifyFeatureFlags",
                "detail": "required string"
            }]
        })
    );
}

/// `diff --fail-on LEVEL` exits 1 when the bump reaches the level, for CI to stop on without
/// reading the output: tried on every step of the history that changes the API.
#[test]
fn diff_fails_on_the_bump_ci_asks_for() {
    let versions = history();
    let mut seen = Vec::new();
    for step in versions.windows(2) {
        let bump = diff(&read(&step[0]), &read(&step[1])).bump;
        if bump == Bump::None || seen.contains(&bump) {
            continue;
        }
        seen.push(bump);
        for (level, at) in [
            ("patch", Bump::Patch),
            ("minor", Bump::Minor),
            ("major", Bump::Major),
        ] {
            let output = shapegen(&[
                "diff",
                "--fail-on",
                level,
                step[0].to_str().unwrap(),
                step[1].to_str().unwrap(),
            ]);
            let reached = bump >= at;
            assert_eq!(
                output.status.code(),
                Some(i32::from(reached)),
                "{bump:?} --fail-on {level}"
            );
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                stderr.contains("that --fail-on stops on"),
                reached,
                "{stderr}"
            );
            // The report is printed either way.
            assert!(String::from_utf8_lossy(&output.stdout).starts_with("bump: "));
        }
    }
    assert_eq!(
        seen.len(),
        2,
        "the history has minor and major steps: {seen:?}"
    );
    let unchanged = shapegen(&[
        "diff",
        "--fail-on",
        "patch",
        versions[0].to_str().unwrap(),
        versions[1].to_str().unwrap(),
    ]);
    assert_eq!(unchanged.status.code(), Some(0));
}

#[test]
fn update_moves_a_crate_along_the_history() {
    let versions = history();
    let work = tempfile::tempdir().unwrap();
    let model = work.path().join("amplifybackend");
    let out = work.path().join("out");
    let use_version = |index: usize| {
        std::fs::create_dir_all(&model).unwrap();
        for page in ["type_defs.md", "literals.md"] {
            std::fs::copy(versions[index].join(page), model.join(page)).unwrap();
        }
    };
    let (model_arg, out_arg) = (model.to_str().unwrap(), out.to_str().unwrap());
    use_version(13);
    assert!(
        shapegen(&["generate", "--model", model_arg, "--out", out_arg])
            .status
            .success()
    );

    // 1.17.101 adds a shape: a minor change, which below 1.0 bumps the patch number.
    use_version(14);
    let dry = shapegen(&[
        "update",
        "--dry-run",
        "--model",
        model_arg,
        "--out",
        out_arg,
    ]);
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stderr).contains("would go from 0.1.0 to 0.1.1"));
    assert!(
        !work.path().join("amplifybackend.overlay.yaml").exists(),
        "a dry run writes nothing"
    );
    let check = shapegen(&["check", "--model", model_arg, "--out", out_arg]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "the crate is still the old one"
    );

    assert!(
        shapegen(&["update", "--model", model_arg, "--out", out_arg])
            .status
            .success()
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nversion = \"0.1.1\"\n"), "{manifest}");
    let overlay = std::fs::read_to_string(work.path().join("amplifybackend.overlay.yaml")).unwrap();
    assert_eq!(overlay, "version: 0.1.1\n");
    assert!(shapegen(&["check", "--model", model_arg, "--out", out_arg])
        .status
        .success());

    // Two breaking steps (0.2.0, 0.3.0), one minor (0.3.1), then 1.18.56 adds a required field:
    // breaking again, 0.4.0, and its entry goes on top.
    for index in 15..=22 {
        use_version(index);
        assert!(
            shapegen(&["update", "--model", model_arg, "--out", out_arg])
                .status
                .success()
        );
    }
    let changelog = std::fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert!(changelog.starts_with("# Changelog\n\n## 0.4.0 (major bump)\n\n### Breaking changes\n\n- `GetBackendResponseTypeDef.AmplifyFeatureFlags`: field added (required string)\n"), "{changelog}");
    assert!(changelog.contains("## 0.1.1 (minor bump)\n\n### Additions\n\n- `ImportBackendAuthResponseTypeDef`: shape added (structure with 6 fields)\n"));
    assert!(shapegen(&["check", "--model", model_arg, "--out", out_arg])
        .status
        .success());
}
