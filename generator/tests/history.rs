//! The API-update workflow on the 55 successive versions of the AmplifyBackend docs: every step is
//! diffed, format-only steps report nothing, renames are renames, and `update` moves a crate along
//! the whole history, its changelog checked entry by entry against the pages.

mod common;

use common::shapegen;

use shapegen::diff::{diff, Bump, ChangeKind, Diff, Effect};
use shapegen::{docs, ir::Model, LoadOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
    // 1.17.102 renamed every operation's response (`…ResponseTypeDef` → `…ResponseResponseTypeDef`,
    // adding a required ResponseMetadata and making every field required) and added requests;
    // 1.17.103 renamed both again (`…RequestRequestTypeDef`, `…ResponseTypeDef`): 25 and 50
    // renames, each one change, its fields compared across it.
    let expected = [
        ("14-1.17.79 -> 15-1.17.101", Bump::Minor, 1),
        ("15-1.17.101 -> 16-1.17.102", Bump::Major, 201),
        ("16-1.17.102 -> 17-1.17.103", Bump::Major, 50),
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
    assert_eq!(
        headers.changes[0].rust.as_deref(),
        Some("ResponseMetadata::http_headers")
    );
    assert_eq!(
        headers.changes[0].rust_detail.as_deref(),
        Some("BTreeMap<String, serde_json::Value> → BTreeMap<String, String>")
    );
}

/// How many changes of each kind a step has.
fn kinds(d: &Diff) -> BTreeMap<ChangeKind, usize> {
    let mut counts = BTreeMap::new();
    for c in &d.changes {
        *counts.entry(c.kind).or_default() += 1;
    }
    counts
}

#[test]
fn renamed_shapes_are_renames_in_rust_names() {
    let versions = history();
    let step = |from: usize, to: usize| diff(&read(&versions[from - 1]), &read(&versions[to - 1]));

    // 15 → 16 lists no shape as removed: the 25 responses were renamed (e.g.
    // `CloneBackendResponseTypeDef` → `CloneBackendResponseResponseTypeDef` on the 1.17.102 page,
    // its 6 fields now required plus ResponseMetadata); the 25 requests and ResponseMetadata are new.
    let to_16 = step(15, 16);
    assert_eq!(
        kinds(&to_16),
        BTreeMap::from([
            (ChangeKind::ShapeAdded, 26),
            (ChangeKind::ShapeRenamed, 25),
            (ChangeKind::FieldAdded, 25),
            (ChangeKind::FieldBecameRequired, 125),
        ])
    );
    let clone = to_16
        .changes
        .iter()
        .find(|c| {
            c.kind == ChangeKind::ShapeRenamed && c.shape == "CloneBackendResponseResponseTypeDef"
        })
        .unwrap();
    assert_eq!(
        clone.renamed_from.as_deref(),
        Some("CloneBackendResponseTypeDef")
    );
    assert_eq!(clone.effect, Effect::Breaking);
    assert_eq!(
        clone.rust_detail.as_deref(),
        Some("CloneBackendResponse → CloneBackendResponseResponse")
    );
    let metadata: Vec<String> = to_16
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::FieldAdded)
        .map(|c| c.rust.clone().unwrap())
        .collect();
    assert!(metadata.contains(&"CloneBackendResponseResponse::response_metadata".to_string()));
    assert!(to_16.changes.iter().all(|c| c.rust.is_some()));

    // 1.17.103: requests and responses renamed again, the same fields: renames and nothing else,
    // each paired with the shape of its own operation although 11 responses have the same fields.
    let to_17 = step(16, 17);
    assert_eq!(
        kinds(&to_17),
        BTreeMap::from([(ChangeKind::ShapeRenamed, 50)])
    );
    let operation = |name: &str| {
        let mut name = name.trim_end_matches("TypeDef");
        while let Some(rest) = name
            .strip_suffix("Request")
            .or_else(|| name.strip_suffix("Response"))
        {
            name = rest;
        }
        name.to_string()
    };
    for c in &to_17.changes {
        let from = c.renamed_from.as_deref().unwrap();
        assert_eq!(operation(from), operation(&c.shape), "{from} → {}", c.shape);
        assert_eq!(
            from.contains("Request"),
            c.shape.contains("Request"),
            "{from} → {}",
            c.shape
        );
    }
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
                "detail": "required string",
                "rust": "GetBackendResponse::amplify_feature_flags",
                "rust_detail": "String"
            }]
        })
    );
    let renames = shapegen(&[
        "diff",
        "--format",
        "json",
        versions[15].to_str().unwrap(),
        versions[16].to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&renames.stdout).unwrap();
    assert_eq!(
        json["changes"][1],
        serde_json::json!({
            "kind": "shape_renamed",
            "effect": "breaking",
            "shape": "CloneBackendResponseTypeDef",
            "detail": "CloneBackendResponseResponseTypeDef → CloneBackendResponseTypeDef",
            "rust": "CloneBackendResponse",
            "rust_detail": "CloneBackendResponseResponse → CloneBackendResponse",
            "renamed_from": "CloneBackendResponseResponseTypeDef"
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

/// `shapegen update` on the model folder `model` and crate `out`, dated by `SOURCE_DATE_EPOCH`
/// (and `--date`, if given, which wins).
fn update(model: &Path, out: &Path, boto3: &str, epoch: u64, date: Option<&str>) -> Output {
    let mut args = vec![
        "update",
        "--model",
        model.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--boto3-version",
        boto3,
    ];
    args.extend(date.iter().flat_map(|d| ["--date", d]));
    Command::new(env!("CARGO_BIN_EXE_shapegen"))
        .args(&args)
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .output()
        .unwrap()
}

/// The structure the README's document example reads.
fn readme_example(out: &Path) -> String {
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    let line = readme
        .lines()
        .find_map(|l| l.trim().strip_prefix("let value: amplifybackend_shapes::"))
        .unwrap_or_else(|| panic!("{readme}"));
    line.split(' ')
        .next()
        .unwrap()
        .trim_end_matches(':')
        .to_string()
}

/// The changelog's entries, `(heading, body)`, newest first.
fn entries(changelog: &str) -> Vec<(String, String)> {
    changelog
        .split("\n## ")
        .skip(1)
        .map(|entry| {
            let (heading, body) = entry.split_once('\n').unwrap();
            (heading.to_string(), body.to_string())
        })
        .collect()
}

#[test]
fn update_walks_the_whole_history_and_keeps_a_changelog() {
    let versions = history();
    let work = tempfile::tempdir().unwrap();
    let model = work.path().join("amplifybackend");
    let overlay = work.path().join("amplifybackend.overlay.yaml");
    let out = work.path().join("out");
    let use_version = |index: usize| {
        std::fs::create_dir_all(&model).unwrap();
        for page in ["type_defs.md", "literals.md"] {
            std::fs::copy(versions[index].join(page), model.join(page)).unwrap();
        }
        name(&versions[index])
            .split_once('-')
            .unwrap()
            .1
            .to_string()
    };
    let (model_arg, out_arg) = (model.to_str().unwrap(), out.to_str().unwrap());
    use_version(0);
    std::fs::write(&overlay, "# AmplifyBackend\nboto3_version: 1.17.62\n").unwrap();
    assert!(
        shapegen(&["generate", "--model", model_arg, "--out", out_arg])
            .status
            .success()
    );
    let mut examples = vec![readme_example(&out)];

    // A dry run of 1.17.101, which adds a shape (below 1.0, the patch number), writes nothing.
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
    assert_eq!(
        std::fs::read_to_string(&overlay).unwrap(),
        "# AmplifyBackend\nboto3_version: 1.17.62\n",
        "a dry run writes nothing"
    );
    assert_eq!(
        shapegen(&["check", "--model", model_arg, "--out", out_arg])
            .status
            .code(),
        Some(1),
        "the crate is still the old one"
    );

    // Every version in turn, version n dated 2026-12-01 + n days; 1.21.27 with `--date` too.
    const DECEMBER_1: u64 = 1_796_083_200;
    for index in 1..versions.len() {
        let boto3 = use_version(index);
        let date = (index == 41).then_some("2027-02-01");
        let run = update(
            &model,
            &out,
            &boto3,
            DECEMBER_1 + (index as u64 + 1) * 86_400,
            date,
        );
        assert!(run.status.success(), "{}", common::stderr(&run));
        // A step with no API change releases nothing, and says the boto3 release is not kept.
        let released = !String::from_utf8_lossy(&run.stdout).starts_with("bump: none");
        assert_eq!(
            common::stderr(&run).contains("--boto3-version is not recorded"),
            !released,
            "{boto3}"
        );
        examples.push(readme_example(&out));
        assert!(
            shapegen(&["check", "--model", model_arg, "--out", out_arg])
                .status
                .success(),
            "{boto3}"
        );
    }

    // The version and the boto3 release of the last API change are in the overlay, edited in
    // place below its comment, and in the package.
    assert_eq!(
        std::fs::read_to_string(&overlay).unwrap(),
        "# AmplifyBackend\nversion: 0.6.0\nboto3_version: 1.21.27\n"
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\nversion = \"0.6.0+boto3.1.21.27\"\n")
            && manifest.contains("from the boto3 1.21.27 documentation"),
        "{manifest}"
    );
    // The README's example reads the same structure in all 55 crates: a nested one, whose name
    // no renaming of operations' requests and responses touched.
    assert!(
        examples.iter().all(|e| e == "BackendJobRespObj"),
        "{examples:?}"
    );

    let changelog = std::fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert!(changelog.starts_with("# Changelog\n\nAll notable changes to this crate, newest first, in the form of [Keep a Changelog]"));
    assert_eq!(changelog.matches("# Changelog").count(), 1);
    let entries = entries(&changelog);
    let headings: Vec<&str> = entries.iter().map(|(h, _)| h.as_str()).collect();
    // One release per step that changed the API, hand-checked against the pages' diffs above.
    assert_eq!(
        headings,
        [
            "[0.6.0] - 2027-02-01",
            "[0.5.2] - 2027-01-09",
            "[0.5.1] - 2026-12-31",
            "[0.5.0] - 2026-12-27",
            "[0.4.0] - 2026-12-24",
            "[0.3.1] - 2026-12-19",
            "[0.3.0] - 2026-12-18",
            "[0.2.0] - 2026-12-17",
            "[0.1.1] - 2026-12-16",
        ]
    );
    let body = |version: &str| -> &str {
        &entries
            .iter()
            .find(|(h, _)| h.starts_with(&format!("[{version}]")))
            .unwrap()
            .1
    };
    for (_, body) in &entries {
        let sections: Vec<&str> = body.lines().filter(|l| l.starts_with('#')).collect();
        assert!(
            sections
                .iter()
                .all(|s| ["### Added", "### Changed", "### Removed"].contains(s)),
            "{body}"
        );
    }

    assert_eq!(
        body("0.1.1"),
        "\nRegenerated from the boto3 1.17.101 documentation (was 1.17.62). Additions: 0.1.0 → 0.1.1.\n\n\
         ### Added\n\n\
         - `ImportBackendAuthResponse` (`ImportBackendAuthResponseTypeDef`): shape added, struct with 6 fields\n"
    );

    let renamed_responses = body("0.2.0");
    assert!(renamed_responses.starts_with(
        "\nRegenerated from the boto3 1.17.102 documentation (was 1.17.101). Breaking changes: 0.1.1 → 0.2.0.\n"
    ));
    for line in [
        "- `CloneBackendRequest` (`CloneBackendRequestTypeDef`): shape added, struct with 3 fields",
        "- `ResponseMetadata` (`ResponseMetadataTypeDef`): shape added, struct with 5 fields",
        "- **Breaking:** `CloneBackendResponse` renamed to `CloneBackendResponseResponse` (`CloneBackendResponseTypeDef` → `CloneBackendResponseResponseTypeDef`)",
        "- **Breaking:** `CloneBackendResponseResponse::app_id` (`AppId`): field became required, `Option<String>` → `String`",
        "- **Breaking:** `CloneBackendResponseResponse::response_metadata` (`ResponseMetadata`): required field added, `ResponseMetadata`",
        "- **Breaking:** `GetBackendApiResponse` renamed to `GetBackendApiResponseResponse` (`GetBackendAPIResponseTypeDef` → `GetBackendAPIResponseResponseTypeDef`)",
    ] {
        assert!(renamed_responses.lines().any(|l| l == line), "{line}\n{renamed_responses}");
    }
    assert_eq!(renamed_responses.matches(": shape added, ").count(), 26);
    assert_eq!(renamed_responses.matches(" renamed to ").count(), 25);
    assert!(!renamed_responses.contains("### Removed"));

    let renamed_again = body("0.3.0");
    assert!(renamed_again.starts_with(
        "\nRegenerated from the boto3 1.17.103 documentation (was 1.17.102). Breaking changes: 0.2.0 → 0.3.0.\n\n### Changed\n\n"
    ));
    assert_eq!(
        renamed_again
            .lines()
            .filter(|l| l.starts_with("- "))
            .count(),
        50
    );
    assert_eq!(renamed_again.matches(" renamed to ").count(), 50);
    for line in [
        "- **Breaking:** `CloneBackendRequest` renamed to `CloneBackendRequestRequest` (`CloneBackendRequestTypeDef` → `CloneBackendRequestRequestTypeDef`)",
        "- **Breaking:** `CloneBackendResponseResponse` renamed to `CloneBackendResponse` (`CloneBackendResponseResponseTypeDef` → `CloneBackendResponseTypeDef`)",
    ] {
        assert!(renamed_again.lines().any(|l| l == line), "{line}");
    }

    assert_eq!(
        body("0.3.1"),
        "\nRegenerated from the boto3 1.17.111 documentation (was 1.17.103). Additions: 0.3.0 → 0.3.1.\n\n\
         ### Added\n\n\
         - `BackendAuthAppleProviderConfig` (`BackendAuthAppleProviderConfigTypeDef`): shape added, struct with 4 fields\n\
         - `SocialProviderSettings::sign_in_with_apple` (`SignInWithApple`): optional field added, `Option<BackendAuthAppleProviderConfig>`\n"
    );
    assert_eq!(
        body("0.4.0"),
        "\nRegenerated from the boto3 1.18.56 documentation (was 1.17.111). Breaking changes: 0.3.1 → 0.4.0.\n\n\
         ### Changed\n\n\
         - **Breaking:** `GetBackendResponse::amplify_feature_flags` (`AmplifyFeatureFlags`): required field added, `String`\n"
    );
    assert_eq!(
        body("0.5.0"),
        "\nRegenerated from the boto3 1.19.10 documentation (was 1.18.56). Breaking changes: 0.4.0 → 0.5.0.\n\n\
         ### Changed\n\n\
         - **Breaking:** `ResponseMetadata::http_headers` (`HTTPHeaders`): field type changed, `BTreeMap<String, serde_json::Value>` → `BTreeMap<String, String>`\n"
    );

    let storage = body("0.5.1");
    assert!(storage.starts_with(
        "\nRegenerated from the boto3 1.20.8 documentation (was 1.19.10). Additions: 0.5.0 → 0.5.1.\n\n### Added\n\n"
    ));
    assert_eq!(storage.lines().filter(|l| l.starts_with("- ")).count(), 20);
    for line in [
        "- `AuthenticatedElement`: shape added, enum with 3 variants",
        "- `ServiceNameType`: shape added, enum with 1 variant",
        "- `S3BucketInfo` (`S3BucketInfoTypeDef`): shape added, struct with 2 fields",
        "- `CreateBackendStorageRequestRequest` (`CreateBackendStorageRequestRequestTypeDef`): shape added, struct with 4 fields",
    ] {
        assert!(storage.lines().any(|l| l == line), "{line}");
    }

    assert_eq!(
        body("0.5.2"),
        "\nRegenerated from the boto3 1.21.21 documentation (was 1.20.8). Additions: 0.5.1 → 0.5.2.\n\n\
         ### Added\n\n\
         - `CreateBackendAuthUserPoolConfig::verification_message` (`VerificationMessage`): optional field added, `Option<CreateBackendAuthVerificationMessageConfig>`\n\
         - `CreateBackendAuthVerificationMessageConfig` (`CreateBackendAuthVerificationMessageConfigTypeDef`): shape added, struct with 3 fields\n\
         - `UpdateBackendAuthUserPoolConfig::verification_message` (`VerificationMessage`): optional field added, `Option<UpdateBackendAuthVerificationMessageConfig>`\n\
         - `UpdateBackendAuthVerificationMessageConfig` (`UpdateBackendAuthVerificationMessageConfigTypeDef`): shape added, struct with 3 fields\n"
    );

    // Gen 4 names the inline literals `Literal['COGNITO']` and `Literal['S3']`: the fields' enums change.
    let named_literals = body("0.6.0");
    assert!(named_literals.starts_with(
        "\nRegenerated from the boto3 1.21.27 documentation (was 1.21.21). Breaking changes: 0.5.2 → 0.6.0.\n\n\
         ### Added\n\n\
         - `ListBackendJobsRequestListBackendJobsPaginate` (`ListBackendJobsRequestListBackendJobsPaginateTypeDef`): shape added, struct with 6 fields\n\n\
         ### Changed\n\n\
         - **Breaking:** `CreateBackendAuthResourceConfig::service` (`Service`): field type changed, `CreateBackendAuthResourceConfigService` → `Service`\n\
         - **Breaking:** `CreateBackendStorageResourceConfig::service_name` (`ServiceName`): field type changed, `CreateBackendStorageResourceConfigServiceName` → `ServiceNameType`\n"
    ), "{named_literals}");
    assert_eq!(named_literals.matches(": field type changed, ").count(), 7);
}

#[test]
fn update_refuses_a_bad_date_or_boto3_version_before_writing() {
    let versions = history();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    assert!(common::generate(&versions[13], &out).status.success());
    let before = common::contents(work.path());
    let model = versions[14].to_str().unwrap();
    let out_arg = out.to_str().unwrap();
    let run = |args: &[&str], epoch: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_shapegen"))
            .args(["update", "--model", model, "--out", out_arg])
            .args(args)
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        common::stderr(&output)
    };
    assert!(
        run(&["--date", "2026-02-30"], "0").contains("error: --date `2026-02-30` is not a date")
    );
    assert!(run(&[], "yesterday")
        .contains("error: SOURCE_DATE_EPOCH `yesterday` is not a number of seconds"));
    assert!(run(&["--boto3-version", "1.2\n```"], "0").contains("error: --boto3-version: "));
    assert_eq!(common::contents(work.path()), before, "nothing was written");
}
