//! The botocore enrichment layer (`botocore:`, `--botocore`, `Config::botocore`) on real service
//! models: botocore 1.20.62's `service-2.json` of every gen-1 service (`testdata/botocore`).

mod common;

use shapegen::botocore::Stats;
use shapegen::ir::{Bounds, MemberLocation, Protocol, ShapeKind};
use shapegen::{load_model, LoadOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

fn botocore(service: &str) -> PathBuf {
    common::repo()
        .join("testdata/botocore")
        .join(service)
        .join("service-2.json")
}

fn enriched(docs: &str, service: &str) -> shapegen::Loaded {
    let options = LoadOptions {
        botocore: Some(botocore(service)),
        ..LoadOptions::default()
    };
    load_model(&common::corpus(docs), &options).unwrap()
}

/// Every gen-1 service enriches without an error and without a pattern that the generated
/// crate's `regex` could not compile; the counts over the corpus are printed (`--nocapture`) and
/// are those `testdata/botocore/README.md` gives.
#[test]
fn every_gen1_service_enriches() {
    let mut total = Stats::default();
    let mut services = 0;
    let mut folders: Vec<_> = std::fs::read_dir(common::corpus("gen1-1.17.62"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let name = folder
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('_', "-");
        let service = shapegen::botocore::read(&botocore(&name)).unwrap();
        let mut model = load_model(&folder, &LoadOptions::default()).unwrap().model;
        let report = service.enrich(&mut model);
        assert!(shapegen::ir::check(&model).is_empty(), "{name}");
        for shape in model.shapes.values() {
            if let ShapeKind::Structure(s) = &shape.kind {
                for pattern in s
                    .fields
                    .iter()
                    .filter_map(|f| f.constraints.pattern.as_ref())
                {
                    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("{name}: {e}"));
                }
            }
        }
        total.add(&report.stats);
        services += 1;
    }
    println!("{services} services: {total:#?}");
    assert_eq!(services, 199);
    assert_eq!(
        (
            total.shapes_matched,
            total.fields_matched,
            total.fields_documented
        ),
        (16_170, 45_229, 44_983)
    );
    assert_eq!(
        (
            total.fields_sensitive,
            total.length,
            total.range,
            total.pattern
        ),
        (326, 10_095, 1_292, 6_800)
    );
    assert_eq!(
        (total.patterns_translated, total.patterns_dropped),
        (659, 157)
    );
    assert_eq!(
        (total.service_keys, total.outside_body, total.boto3_own),
        (6_904, 393, 828)
    );
    // apigatewayv2's `JSONYAMLType` and `OAS30Type`: mypy-boto3 named inline enums of members.
    assert_eq!(
        total.unmatched.into_iter().collect::<Vec<_>>(),
        [("a docs shape botocore does not have", 2)]
    );
}

#[test]
fn secretsmanager_gains_docs_sensitivity_constraints_and_protocol() {
    let loaded = enriched("gen1-1.17.62/secretsmanager", "secretsmanager");
    let model = &loaded.model;
    assert_eq!(model.protocol, Some(Protocol::Json));
    let response = common::structure(model, "GetSecretValueResponseTypeDef");
    let secret = response.field("SecretString").unwrap();
    assert!(secret.sensitive);
    assert!(secret
        .docs
        .as_deref()
        .unwrap()
        .starts_with("The decrypted part of the protected secret information"));
    let name = response.field("Name").unwrap();
    assert!(!name.sensitive);
    assert_eq!(
        name.constraints.length,
        Some(Bounds {
            min: Some(1),
            max: Some(256)
        })
    );
    assert_eq!(
        model.shapes["GetSecretValueResponseTypeDef"].docs, None,
        "botocore does not document this output shape"
    );
    assert!(loaded.inputs.contains(&botocore("secretsmanager")));
}

/// gen-4 names requests `XRequestRequestTypeDef` and paginators' requests
/// `XRequest<Paginator>PaginateTypeDef`; both are botocore's `XRequest`.
#[test]
fn gen4_requests_match_their_input_shapes() {
    let loaded = enriched("gen4-1.24.36/secretsmanager", "secretsmanager");
    let request = common::structure(&loaded.model, "GetSecretValueRequestRequestTypeDef");
    let secret_id = request.field("SecretId").unwrap();
    assert_eq!(
        secret_id.constraints.length,
        Some(Bounds {
            min: Some(1),
            max: Some(2048)
        })
    );
    assert!(secret_id
        .docs
        .as_deref()
        .unwrap()
        .starts_with("Specifies the secret"));
    let paginate = common::structure(
        &loaded.model,
        "ListSecretsRequestListSecretsPaginateTypeDef",
    );
    assert!(paginate.field("Filters").unwrap().docs.is_some());
    // botocore 1.20.62 is older than these docs: what it lacks is named, nothing else.
    let warnings: Vec<&str> = loaded.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        warnings.iter().all(|w| w.starts_with("botocore: ")),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("Paginate")),
        "{warnings:?}"
    );
}

#[test]
fn rest_json_members_keep_their_wire_names_and_locations() {
    let model = enriched("gen1-1.17.62/amplifybackend", "amplifybackend").model;
    assert_eq!(model.protocol, Some(Protocol::RestJson));
    let auth = common::structure(&model, "GetBackendAuthResponseTypeDef");
    let app_id = auth.field("AppId").unwrap();
    assert_eq!(app_id.service_wire.key.as_deref(), Some("appId"));
    assert_eq!(app_id.service_wire.location, MemberLocation::Body);
}

/// Patterns are Java's: a surrogate pair becomes the code point, a lone half drops the pattern.
#[test]
fn java_patterns_become_rust_patterns_or_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("s");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("type_defs.md"),
        "# Structures for boto3 S module\n\n## ThingTypeDef\n\n```python\nfrom mypy_boto3_s.type_defs import ThingTypeDef\n```\n\nOptional fields:\n- `Text`: `str`\n- `Half`: `str`\n- `Extra`: `str`\n",
    )
    .unwrap();
    let service = dir.path().join("service-2.json");
    std::fs::write(
        &service,
        r#"{"metadata": {"protocol": "json"}, "shapes": {
  "Thing": {"type": "structure", "members": {"Text": {"shape": "Text"}, "Half": {"shape": "Half"}, "Gone": {"shape": "Text"}}},
  "Text": {"type": "string", "pattern": "[\\u0020-\\uD7FF\\uD800\\uDC00-\\uDBFF\\uDFFF]*"},
  "Half": {"type": "string", "pattern": "[\\uD800]"}
}}"#,
    )
    .unwrap();
    let loaded = load_model(
        &docs,
        &LoadOptions {
            botocore: Some(service.clone()),
            ..LoadOptions::default()
        },
    )
    .unwrap();
    let thing = common::structure(&loaded.model, "ThingTypeDef");
    assert_eq!(
        thing.field("Text").unwrap().constraints.pattern.as_deref(),
        Some(r"[\x{20}-\x{D7FF}\x{10000}-\x{10FFFF}]*")
    );
    assert_eq!(thing.field("Half").unwrap().constraints.pattern, None);
    let warnings: Vec<String> = loaded
        .warnings
        .iter()
        .map(|w| {
            let file = w.location.file.file_name().unwrap().to_string_lossy();
            format!(
                "{file}:{}:{}: {}",
                w.location.line, w.location.column, w.message
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [
            "service-2.json:4:30: botocore: field `Half` of `ThingTypeDef`: botocore's pattern `[\\uD800]` of `Half` is left out: `\\uD800` is half a UTF-16 surrogate pair",
            "type_defs.md:12:4: botocore: field `Extra` of `ThingTypeDef`: botocore's `Thing` has no member of this name",
            "service-2.json:2:100: botocore: `ThingTypeDef`: botocore's `Thing` has a member `Gone` the docs do not list",
        ]
    );
    // --strict makes them errors.
    let strict = load_model(
        &docs,
        &LoadOptions {
            strict: true,
            botocore: Some(service),
        },
    );
    assert!(strict
        .unwrap_err()
        .to_string()
        .contains("half a UTF-16 surrogate pair"));
}

/// The overlay names the botocore file and wins over it; a malformed botocore file is an error at
/// its line and column, a missing one at the overlay's `botocore:`.
#[test]
fn the_overlay_names_botocore_and_wins() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("secretsmanager");
    std::fs::create_dir(&docs).unwrap();
    std::fs::copy(
        common::corpus("gen1-1.17.62/secretsmanager/type_defs.md"),
        docs.join("type_defs.md"),
    )
    .unwrap();
    std::fs::copy(
        common::corpus("gen1-1.17.62/secretsmanager/literals.md"),
        docs.join("literals.md"),
    )
    .unwrap();
    std::fs::copy(botocore("secretsmanager"), dir.path().join("sm.json")).unwrap();
    let overlay = dir.path().join("secretsmanager.overlay.yaml");
    std::fs::write(
        &overlay,
        "# botocore first, then this\nbotocore: sm.json\nshapes:\n  GetSecretValueResponseTypeDef:\n    fields:\n      SecretString: {sensitive: false, docs: Ours.}\n      Name: {length: {max: 9}}\n",
    )
    .unwrap();
    let loaded = load_model(&docs, &LoadOptions::default()).unwrap();
    let response = common::structure(&loaded.model, "GetSecretValueResponseTypeDef");
    let secret = response.field("SecretString").unwrap();
    assert_eq!(
        (secret.sensitive, secret.docs.as_deref()),
        (false, Some("Ours."))
    );
    assert!(response.field("SecretBinary").unwrap().sensitive);
    assert_eq!(
        response.field("Name").unwrap().constraints.length,
        Some(Bounds {
            min: None,
            max: Some(9)
        })
    );
    assert!(loaded.inputs.contains(&dir.path().join("sm.json")));

    std::fs::write(
        dir.path().join("sm.json"),
        "{\"shapes\": {\n  \"A\": {\"type\": 3}}}",
    )
    .unwrap();
    let error = load_model(&docs, &LoadOptions::default()).unwrap_err();
    assert_eq!(
        common::location(&error).rsplit('/').next().unwrap(),
        "sm.json:2:17"
    );
    // The location is said once, by the location.
    assert!(!error.to_string().contains(" at line "), "{error}");
    std::fs::remove_file(dir.path().join("sm.json")).unwrap();
    let error = load_model(&docs, &LoadOptions::default()).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with(&format!("{}:2:1: error: cannot read", overlay.display())),
        "{error}"
    );
}

/// `generate` reruns when the botocore file changes, and `check` sees the change.
#[test]
fn a_changed_botocore_file_regenerates() {
    let dir = tempfile::tempdir().unwrap();
    let service = dir.path().join("sts.json");
    std::fs::copy(botocore("sts"), &service).unwrap();
    let out = dir.path().join("out");
    let run = |command: &str| {
        common::shapegen(&[
            command,
            "--model",
            common::corpus("gen1-1.17.62/sts").to_str().unwrap(),
            "--botocore",
            service.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
    };
    assert!(run("generate").status.success());
    assert!(common::stderr(&run("generate")).contains("0 written"));
    assert!(run("check").status.success());
    let text = std::fs::read_to_string(&service).unwrap().replace(
        "The temporary security credentials",
        "New words about the credentials",
    );
    std::fs::write(&service, text).unwrap();
    assert_eq!(run("check").status.code(), Some(1));
    let again = run("generate");
    assert!(
        !common::stderr(&again).contains("0 written"),
        "{}",
        common::stderr(&again)
    );
    assert!(std::fs::read_to_string(out.join("src/structures.rs"))
        .unwrap()
        .contains("New words about the credentials"));
}

/// With nothing but botocore, the secretsmanager crate redacts its secrets in `Debug` and checks
/// botocore's lengths: a real build, its test written into the crate.
#[test]
fn the_secretsmanager_crate_redacts_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("secretsmanager");
    let generate = common::shapegen(&[
        "generate",
        "--model",
        common::corpus("gen1-1.17.62/secretsmanager")
            .to_str()
            .unwrap(),
        "--botocore",
        botocore("secretsmanager").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(generate.status.success(), "{generate:?}");
    common::copy_lock_file(&out);
    std::fs::create_dir(out.join("tests")).unwrap();
    std::fs::write(out.join("tests/botocore.rs"), CRATE_TEST).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["test", "--offline"])
        .current_dir(&out)
        .env("RUSTFLAGS", "-Dwarnings")
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("botocore-crates"),
        )
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

const CRATE_TEST: &str = r#"
use secretsmanager_shapes::*;

#[test]
fn secrets_never_print() {
    let value = GetSecretValueResponse::builder()
        .name("visible-name")
        .secret_string("s3cr3t-string")
        .build();
    let password = GetRandomPasswordResponse::builder().random_password("s3cr3t-password").build();
    let printed = format!("{value:?} {password:?} {value:#?}");
    assert!(printed.contains("visible-name"), "{printed}");
    assert!(!printed.contains("s3cr3t"), "{printed}");
}

#[test]
fn botocore_lengths_are_checked() {
    let named = |name: &str| GetSecretValueResponse::builder().name(name).build();
    assert!(named("ok").validate().is_ok());
    assert!(named("").validate().is_err());
    assert!(named(&"x".repeat(257)).validate().is_err());
    let version = GetSecretValueResponse::builder().version_id("short").build();
    assert!(version.validate().is_err());
}
"#;

/// One `--botocore` cannot serve several services.
#[test]
fn one_botocore_file_names_one_model() {
    let sts = common::corpus("gen1-1.17.62/sts");
    let kms = common::corpus("gen1-1.17.62/kms");
    let output = common::shapegen(&[
        "generate",
        "--model",
        sts.to_str().unwrap(),
        "--model",
        kms.to_str().unwrap(),
        "--botocore",
        botocore("sts").to_str().unwrap(),
        "--out",
        tempfile::tempdir().unwrap().path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(common::stderr(&output).contains("--botocore names one service's model"));
}
