//! Each `rust:` setting generates a crate that compiles with `-D warnings` and does what the setting
//! says, exercised by a test written into that crate. The crates share one target folder, so their
//! dependencies build once.

mod common;

use common::shapegen;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Structures that refer to each other (in a cycle too), a float, a list and an enum.
const MODEL: &str = "service: s\nshapes:
  PointTypeDef:
    fields:
      Name: {type: string, required: true}
      Mode: {type: Mode, required: false}
      Tags: {type: 'list[string]', required: false}
      Next: {type: PointTypeDef, required: false}
  MeasureTypeDef:
    fields:
      Value: {type: float, required: true}
      Point: {type: PointTypeDef, required: false}
  Mode:
    values: [A, B]
";

/// `cargo <args>` in `dir`, offline (the workspace's lock file pins every dependency), warnings
/// denied, in the target folder these tests share.
fn cargo(dir: &Path, args: &[&str]) -> String {
    // One at a time: Cargo would take turns on the shared target folder anyway, and several
    // starting at once on a new one have been seen to fail probing rustc.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let output = Command::new(env!("CARGO"))
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("RUSTFLAGS", "-Dwarnings")
        .env("RUSTDOCFLAGS", "-Dwarnings")
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("settings-crates"),
        )
        .output()
        .unwrap();
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "cargo {args:?} in {}:\n{text}",
        dir.display()
    );
    text
}

/// The crate of `MODEL` with `overlay` beside it, generated into a new folder (named `name`
/// inside it), with `test` as its integration test `tests/settings.rs`, tested.
fn generate_and_test(name: &str, overlay: &str, test: &str) -> (tempfile::TempDir, PathBuf) {
    generate_model_and_test(name, MODEL, overlay, test)
}

#[test]
fn derives_and_attributes() {
    let overlay = r##"rust:
  derives: [Hash, Eq]
  shapes:
    PointTypeDef:
      derives: [PartialOrd, Ord]
      attributes: ['#[doc(alias = "spot")]']
      fields:
        Name: {attributes: ['#[doc(alias = "label")]']}
        Tags: {attributes: ['#[doc(hidden)]']}
"##;
    // `Measure` holds an f64: it gets no `Hash` or `Eq`, or the crate would not compile.
    let test = r#"
use s_shapes::{Mode, Point};
use std::collections::{BTreeSet, HashSet};

#[test]
fn points_go_in_sets() {
    let point = |name: &str| Point::builder().name(name).mode(Mode::A).build();
    let hashed: HashSet<Point> = [point("a"), point("a"), point("b")].into_iter().collect();
    assert_eq!(hashed.len(), 2);
    let ordered: BTreeSet<Point> = [point("b"), point("a")].into_iter().collect();
    assert_eq!(ordered.first().unwrap().name, "a");
}
"#;
    let (_dir, out) = generate_and_test("derives", overlay, test);
    let structures = std::fs::read_to_string(out.join("src/structures.rs")).unwrap();
    assert!(structures.contains(
        "#[derive(Clone, Debug, PartialEq)]\n#[derive(Hash, Eq, PartialOrd, Ord)]\n#[doc(alias = \"spot\")]\n#[non_exhaustive]\npub struct Point {"
    ), "{structures}");
    assert!(structures
        .contains("#[derive(Clone, Debug, PartialEq)]\n#[non_exhaustive]\npub struct Measure {"));
    // rustdoc follows the field's attribute: `tags` is hidden, `name` is not.
    cargo(&out, &["doc", "--no-deps"]);
    let docs = Path::new(env!("CARGO_TARGET_TMPDIR")).join("settings-crates/doc/s_shapes");
    let page = std::fs::read_to_string(docs.join("struct.Point.html")).unwrap();
    assert!(page.contains("structfield.name"), "{page}");
    assert!(!page.contains("structfield.tags"), "{page}");
}

#[test]
fn a_derive_a_shape_cannot_take_is_an_error_naming_why() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("s.yaml");
    std::fs::write(&model, MODEL).unwrap();
    std::fs::write(
        dir.path().join("s.overlay.yaml"),
        "rust:\n  shapes:\n    MeasureTypeDef: {derives: [Eq]}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = shapegen(&[
        "generate",
        "--model",
        model.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "`Measure` cannot derive `Eq`: its field of type `f64` does not implement it"
        ),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn unknown_fields_deny() {
    let test = r##"
use s_shapes::Point;

#[test]
fn an_unknown_key_is_an_error_naming_key_and_path() {
    let error = Point::from_json_str(r#"{"Name": "a", "Unknown": 1}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Unknown: unknown field `Unknown`, expected one of `Name`, `Mode`, `Tags`, `Next` at line 1 column 23"
    );
    let nested = r#"{"Name": "a", "Next": {"Name": "b", "Unknown": 1}}"#;
    let error = Point::from_json_str(nested).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Next.Unknown: unknown field `Unknown`, expected one of `Name`, `Mode`, `Tags`, `Next` at line 1 column 45"
    );
    assert_eq!(Point::from_json_str(r#"{"Name": "a"}"#).unwrap().name, "a");
}
"##;
    let (_dir, out) = generate_and_test("deny", "rust:\n  unknown_fields: deny\n", test);
    let primitives = std::fs::read_to_string(out.join("src/primitives.rs")).unwrap();
    assert!(primitives.contains("E::unknown_field("));
}

/// A model with a map and a blob, for the settings that choose their types.
const MAP_AND_BLOB: &str = "service: s\nshapes:
  BagTypeDef:
    fields:
      Counts: {type: 'map[string, integer]', required: true}
      Data: {type: blob, required: false}
";

/// The crate of `model` with `overlay` beside it, tested with `test` as `tests/settings.rs`.
fn generate_model_and_test(
    name: &str,
    model_text: &str,
    overlay: &str,
    test: &str,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("s.yaml");
    std::fs::write(&model, model_text).unwrap();
    std::fs::write(dir.path().join("s.overlay.yaml"), overlay).unwrap();
    let out = dir.path().join(name);
    let generate = common::generate(&model, &out);
    assert!(generate.status.success(), "{generate:?}");
    common::copy_lock_file(&out);
    std::fs::create_dir(out.join("tests")).unwrap();
    std::fs::write(out.join("tests/settings.rs"), test).unwrap();
    cargo(&out, &["test"]);
    (dir, out)
}

#[test]
fn hash_maps_and_bytes_blobs() {
    let test = r##"
use s_shapes::Bag;
use std::collections::HashMap;

#[test]
fn a_hash_map_and_bytes_read_and_write_the_same_json() {
    let document = r#"{"Counts":{"a":1,"b":2},"Data":"aGVsbG8="}"#;
    let bag = Bag::from_json_str(document).unwrap();
    let counts: &HashMap<String, i64> = &bag.counts;
    assert_eq!(counts["b"], 2);
    let data: bytes::Bytes = bag.data.clone().unwrap().into_inner();
    assert_eq!(&data[..], b"hello");
    assert_eq!(bag.data.as_ref().unwrap().as_bytes(), b"hello");
    let written: serde_json::Value = serde_json::to_value(&bag).unwrap();
    assert_eq!(written, serde_json::from_str::<serde_json::Value>(document).unwrap());
    let built = Bag::builder()
        .insert_counts("a", 1)
        .data(s_shapes::primitives::Blob::from(bytes::Bytes::from_static(b"hi")))
        .build();
    assert_eq!(built.counts.len(), 1);
    fn equal<T: Eq>(a: &T, b: &T) -> bool {
        a == b
    }
    assert!(equal(&bag, &bag.clone()));
}
"##;
    let (_dir, out) = generate_model_and_test(
        "hash",
        MAP_AND_BLOB,
        // A `HashMap` has no `Hash`: `Bag` gets `Eq` only, and compiles.
        "rust:\n  map: hash\n  blob: bytes\n  derives: [Hash, Eq]\n",
        test,
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nbytes = \"1.4.0\"\n"), "{manifest}");
}

#[test]
fn index_maps_keep_the_order_read() {
    let test = r##"
use s_shapes::Bag;

#[test]
fn keys_stay_in_document_order() {
    let document = r#"{"Counts":{"z":1,"a":2}}"#;
    let bag = Bag::from_json_str(document).unwrap();
    let counts: &indexmap::IndexMap<String, i64> = &bag.counts;
    assert_eq!(counts.keys().collect::<Vec<_>>(), ["z", "a"]);
    assert_eq!(serde_json::to_string(&bag).unwrap(), document);
}
"##;
    generate_model_and_test("index", MAP_AND_BLOB, "rust:\n  map: index\n", test);
}

/// A model with a timestamp, for `rust.timestamp`.
const EVENT: &str = "service: s\nshapes:
  EventTypeDef:
    fields:
      At: {type: timestamp, required: true}
";

/// The test of a crate whose `Timestamp` converts with `crate_type` (`chrono::DateTime<Utc>` or
/// `jiff::Timestamp`), `to` and `from` being the conversions' expressions: the same document
/// reads as the same instant, is written back as read, and converts both ways.
fn timestamp_test(crate_type: &str, expected: &str, to: &str, from: &str) -> String {
    format!(
        r##"
use s_shapes::primitives::Timestamp;
use s_shapes::Event;

#[test]
fn the_same_json_reads_as_the_same_instant() {{
    let document = r#"{{"At":"2021-03-04T05:06:07.123+01:00"}}"#;
    let event = Event::from_json_str(document).unwrap();
    assert_eq!(serde_json::to_string(&event).unwrap(), document);
    let instant: {crate_type} = {to};
    assert_eq!(instant, {expected});
    let back: Timestamp = {from};
    assert_eq!(back, event.at);
    assert_eq!(back.to_string(), "2021-03-04T04:06:07.123Z");
}}
"##
    )
}

#[test]
fn chrono_timestamps() {
    let test = timestamp_test(
        "chrono::DateTime<chrono::Utc>",
        "chrono::DateTime::from_timestamp(1614830767, 123_000_000).unwrap()",
        "event.at.clone().into()",
        "Timestamp::try_from(instant).unwrap()",
    );
    let (_dir, out) =
        generate_model_and_test("chrono", EVENT, "rust:\n  timestamp: chrono\n", &test);
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nchrono = "), "{manifest}");
}

#[test]
fn jiff_timestamps() {
    let test = timestamp_test(
        "jiff::Timestamp",
        "jiff::Timestamp::new(1614830767, 123_000_000).unwrap()",
        "event.at.clone().try_into().unwrap()",
        "Timestamp::from(instant)",
    );
    let (_dir, out) = generate_model_and_test("jiff", EVENT, "rust:\n  timestamp: jiff\n", &test);
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\njiff = "), "{manifest}");
}

#[test]
fn schemars_schemas_name_the_wire_names() {
    // What `model export --format json-schema` says each structure has and requires.
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("s.yaml");
    std::fs::write(&model, MODEL).unwrap();
    let export = shapegen(&[
        "model",
        "export",
        "--model",
        model.to_str().unwrap(),
        "--format",
        "json-schema",
        "-o",
        "-",
    ]);
    assert!(export.status.success(), "{export:?}");
    let exported: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let mut checks = String::new();
    for (rust, source) in [("Point", "PointTypeDef"), ("Measure", "MeasureTypeDef")] {
        let definition = &exported["$defs"][source];
        let mut properties: Vec<&String> = definition["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        properties.sort();
        let required = &definition["required"];
        checks.push_str(&format!(
            "    check::<s_shapes::{rust}>(&{properties:?}, &{required});\n"
        ));
    }
    let test = format!(
        r##"
fn check<T: schemars::JsonSchema>(properties: &[&str], required: &[&str]) {{
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    let mut names: Vec<&str> = schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(names, properties, "{{schema}}");
    let mut found: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    found.sort();
    let mut required = required.to_vec();
    required.sort();
    assert_eq!(found, required, "{{schema}}");
}}

#[test]
fn properties_and_required_fields_are_the_model_export_s() {{
{checks}}}
"##
    );
    generate_and_test(
        "schemars",
        "rust:\n  derives: [schemars::JsonSchema]\n",
        &test,
    );
}

/// A rest-json model of AmplifyBackend structures with botocore's keys and locations, and
/// timestamps of every format (tests/fixtures/service-json/model.yaml).
const SERVICE_MODEL: &str = include_str!("../../tests/fixtures/service-json/model.yaml");

/// `GetBackendAuthResponse` as AmplifyBackend's own JSON has it: every key botocore's, down to
/// `mfa.settings.mfaTypes`.
const SERVICE_AUTH_BODY: &str = r#"{"appId":"d1abcdefgh","backendEnvironmentName":"staging","resourceName":"amplifyauth","resourceConfig":{"authResources":"USER_POOL_ONLY","service":"COGNITO","userPoolConfigs":{"requiredSignUpAttributes":["EMAIL"],"signInMethod":"EMAIL","userPoolName":"pool","mfa":{"MFAMode":"ON","settings":{"mfaTypes":["TOTP"],"smsMessage":"Code {####}"}},"passwordPolicy":{"minimumLength":8.0,"additionalConstraints":["REQUIRE_DIGIT"]}},"identityPoolConfigs":{"identityPoolName":"ids","unauthenticatedLogin":false}}}"#;

#[test]
fn json_keys_service_reads_and_writes_the_service_s_json() {
    let test = format!(
        r####"
use amplifybackend_shapes::primitives::Timestamp;
use amplifybackend_shapes::{{GetBackendAuthRequest, GetBackendAuthResponse, JobTimes, MfaMode, MfaTypesElement}};

const BODY: &str = r##"{SERVICE_AUTH_BODY}"##;

fn json(text: &str) -> serde_json::Value {{
    serde_json::from_str(text).unwrap()
}}

#[test]
fn every_field_reads_and_writes_back_unchanged() {{
    let response = GetBackendAuthResponse::from_json_str(BODY).unwrap();
    assert_eq!(response.app_id.as_deref(), Some("d1abcdefgh"));
    assert_eq!(response.backend_environment_name.as_deref(), Some("staging"));
    assert_eq!(response.resource_name.as_deref(), Some("amplifyauth"));
    let config = response.resource_config.as_ref().unwrap();
    assert_eq!(config.identity_pool_configs.as_ref().unwrap().identity_pool_name, "ids");
    let pool = &config.user_pool_configs;
    assert_eq!(pool.user_pool_name, "pool");
    let mfa = pool.mfa.as_ref().unwrap();
    assert_eq!(mfa.mfa_mode, MfaMode::On);
    let settings = mfa.settings.as_ref().unwrap();
    assert_eq!(settings.mfa_types.as_deref(), Some(&[MfaTypesElement::Totp][..]));
    assert_eq!(settings.sms_message.as_deref(), Some("Code {{####}}"));
    assert_eq!(pool.password_policy.as_ref().unwrap().minimum_length, 8.0);
    assert_eq!(serde_json::to_value(&response).unwrap(), json(BODY));
}}

#[test]
fn boto3_keys_are_unknown_keys_now() {{
    let response = GetBackendAuthResponse::from_json_str(r#"{{"AppId":"x"}}"#).unwrap();
    assert_eq!(response.app_id, None);
}}

#[test]
fn members_outside_the_body_are_left_out_of_serde() {{
    let request = GetBackendAuthRequest::from_json_str(r#"{{"resourceName":"amplifyauth","appId":"ignored"}}"#).unwrap();
    assert_eq!(request.resource_name, "amplifyauth");
    // `appId` travels in the URI: a body's `appId` is an unknown key, and no body has it.
    assert_eq!(request.app_id, None);
    let request = GetBackendAuthRequest::builder()
        .resource_name("amplifyauth")
        .app_id("d1abcdefgh")
        .build();
    assert_eq!(serde_json::to_value(&request).unwrap(), json(r#"{{"resourceName":"amplifyauth"}}"#));
}}

#[test]
fn schemas_name_the_keys_serde_reads() {{
    let schema = serde_json::to_value(schemars::schema_for!(GetBackendAuthRequest)).unwrap();
    let names: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    assert_eq!(names, ["resourceName"], "{{schema}}");
    assert_eq!(schema["required"], serde_json::json!(["resourceName"]));
}}

#[test]
fn timestamps_read_write_back_as_read() {{
    let body = r#"{{"jobId":"j","startedAt":1614834367,"finishedAt":"2021-03-04T05:06:07Z","expiresAt":"Thu, 04 Mar 2021 05:06:07 GMT","checkpoints":[1614834367.25,1614834368],"stepTimes":{{"build":1614834369}}}}"#;
    let job = JobTimes::from_json_str(body).unwrap();
    assert_eq!(job.started_at.epoch_seconds(), 1614834367);
    assert_eq!(job.finished_at.as_ref().unwrap().epoch_seconds(), 1614834367);
    assert_eq!(job.expires_at.as_ref().unwrap().epoch_seconds(), 1614834367);
    assert_eq!(job.checkpoints.as_ref().unwrap()[0].epoch_seconds_f64(), 1614834367.25);
    assert_eq!(serde_json::to_value(&job).unwrap(), json(body));
}}

#[test]
fn timestamps_built_in_code_write_the_member_s_format() {{
    let at = || Timestamp::from_epoch_seconds(1614834367).unwrap();
    let job = JobTimes::builder()
        .job_id("j")
        .started_at(at())
        .finished_at(at())
        .expires_at(at())
        .push_checkpoints(at())
        .push_checkpoints(Timestamp::from_epoch_seconds_f64(1614834367.125).unwrap())
        .insert_step_times("build", at())
        .last_modified(at())
        .status_code(202)
        .build();
    let written = serde_json::to_string(&job).unwrap();
    assert_eq!(
        written,
        r#"{{"jobId":"j","startedAt":1614834367,"finishedAt":"2021-03-04T05:06:07Z","expiresAt":"Thu, 04 Mar 2021 05:06:07 GMT","checkpoints":[1614834367,1614834367.125],"stepTimes":{{"build":1614834367}}}}"#
    );
    // What it wrote reads back as the same instants (the header and status code are not in it).
    let read = JobTimes::from_json_str(&written).unwrap();
    assert_eq!(read.started_at, job.started_at);
    assert_eq!(read.checkpoints, job.checkpoints);
    assert_eq!(read.last_modified, None);
}}
"####
    );
    let (_dir, out) = generate_model_and_test(
        "service",
        SERVICE_MODEL,
        "rust:\n  json_keys: service\n  schemars: true\n",
        &test,
    );
    let structures = std::fs::read_to_string(out.join("src/structures.rs")).unwrap();
    assert!(
        structures.contains(
            "    /// In the request URI, as its `appId` label. Not in the JSON body: serde leaves it out, so it is optional here.\n    #[schemars(skip)]\n    pub app_id: ::std::option::Option<::std::string::String>,\n"
        ),
        "{structures}"
    );
    assert!(structures.contains(
        "    /// Required; `startedAt` on the wire.\n    #[schemars(rename = \"startedAt\")]\n"
    ));
}

#[test]
fn json_keys_boto3_loses_the_service_s_optional_fields_and_fails_on_its_required_ones() {
    let test = format!(
        r####"
use amplifybackend_shapes::{{CreateBackendAuthResourceConfig, GetBackendAuthResponse}};

const BODY: &str = r##"{SERVICE_AUTH_BODY}"##;

#[test]
fn optional_fields_read_as_none_without_an_error() {{
    let response = GetBackendAuthResponse::from_json_str(BODY).unwrap();
    assert_eq!(response.app_id, None);
    assert_eq!(response.backend_environment_name, None);
    assert_eq!(response.error, None);
    assert_eq!(response.resource_config, None);
    assert_eq!(response.resource_name, None);
    assert_eq!(serde_json::to_string(&response).unwrap(), "{{}}");
}}

#[test]
fn required_fields_are_missing() {{
    let config = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(BODY).unwrap()["resourceConfig"]).unwrap();
    let error = CreateBackendAuthResourceConfig::from_json_str(&config).unwrap_err();
    assert!(error.to_string().contains("missing field `AuthResources`"), "{{error}}");
}}
"####
    );
    let (_dir, out) = generate_model_and_test("boto3", SERVICE_MODEL, "", &test);
    // The location is documented with boto3's keys too.
    let structures = std::fs::read_to_string(out.join("src/structures.rs")).unwrap();
    assert!(
        structures.contains(
            "    /// Required; `AppId` on the wire. In the request URI, as its `appId` label.\n    pub app_id: ::std::string::String,\n"
        ),
        "{structures}"
    );
}

#[test]
fn json_keys_boto3_with_unknown_fields_denied_names_the_service_s_first_key() {
    let test = format!(
        r####"
#[test]
fn the_service_s_key_is_unknown() {{
    let error = amplifybackend_shapes::GetBackendAuthResponse::from_json_str(r##"{SERVICE_AUTH_BODY}"##).unwrap_err();
    assert!(error.to_string().contains("unknown field `appId`"), "{{error}}");
}}
"####
    );
    generate_model_and_test(
        "boto3-deny",
        SERVICE_MODEL,
        "rust:\n  unknown_fields: deny\n",
        &test,
    );
}

/// The AmplifyBackend crate as shipped (docs, overlay, botocore file of `model/`) with
/// `json_keys: service` and unknown keys denied reads every response body the service itself sends
/// (`tests/fixtures/service-json/amplifybackend/`, keys from botocore's `locationName`s): no key is
/// unknown, every one lands in a field, and writing it back gives the same document.
#[test]
fn amplifybackend_reads_the_service_s_own_response_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let model_dir = common::repo().join("model");
    let model = dir.path().join("amplifybackend");
    std::fs::create_dir(&model).unwrap();
    for page in ["type_defs.md", "literals.md"] {
        std::fs::copy(
            model_dir.join("amplifybackend").join(page),
            model.join(page),
        )
        .unwrap();
    }
    std::fs::copy(
        model_dir.join("amplifybackend.botocore.json"),
        dir.path().join("amplifybackend.botocore.json"),
    )
    .unwrap();
    let overlay = std::fs::read_to_string(model_dir.join("amplifybackend.overlay.yaml")).unwrap();
    assert!(
        !overlay.contains("\nrust:"),
        "the test adds its own `rust:`"
    );
    std::fs::write(
        dir.path().join("amplifybackend.overlay.yaml"),
        overlay + "rust:\n  json_keys: service\n  unknown_fields: deny\n",
    )
    .unwrap();
    let out = dir.path().join("service");
    let generate = common::generate(&model, &out);
    assert!(generate.status.success(), "{generate:?}");
    common::copy_lock_file(&out);
    let fixtures = common::repo().join("tests/fixtures/service-json/amplifybackend");
    let test = format!(
        r####"
use amplifybackend_shapes::*;

fn round_trip<T: serde::Serialize + std::fmt::Debug>(file: &str, read: fn(&str) -> Result<T, primitives::JsonError>) -> T {{
    let text = std::fs::read_to_string(std::path::Path::new(r#"{fixtures}"#).join(file)).unwrap();
    let value = read(&text).unwrap_or_else(|e| panic!("{{file}}: {{e}}"));
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_value(&value).unwrap(), original, "{{file}}");
    value
}}

#[test]
fn every_response_reads_whole() {{
    let auth = round_trip("get_backend_auth.json", GetBackendAuthResponse::from_json_str);
    let pool = &auth.resource_config.as_ref().unwrap().user_pool_configs;
    let mfa = pool.mfa.as_ref().unwrap();
    assert_eq!(mfa.mfa_mode, MfaMode::Optional);
    let types = [MfaTypesElement::Sms, MfaTypesElement::Totp];
    assert_eq!(mfa.settings.as_ref().unwrap().mfa_types.as_deref(), Some(&types[..]));
    let forgot = pool.forgot_password.as_ref().unwrap();
    assert!(forgot.sms_settings.is_some() && forgot.email_settings.is_some());
    assert!(pool.o_auth.as_ref().unwrap().social_provider_settings.is_some());
    // What the overlay marks sensitive stays out of `Debug`, whatever keys it came in.
    let printed = format!("{{auth:?}}");
    for secret in ["0a1b2c3d4e5f60718293a4b5c6d7e8f9", "GOCSPX-", "Your verification code", "Reset your"] {{
        assert!(!printed.contains(secret), "{{secret}} in {{printed}}");
    }}
    round_trip("get_backend_api.json", GetBackendApiResponse::from_json_str);
    round_trip("get_backend_job.json", GetBackendJobResponse::from_json_str);
    round_trip("list_backend_jobs.json", ListBackendJobsResponse::from_json_str);
    round_trip("get_token.json", GetTokenResponse::from_json_str);
}}
"####,
        fixtures = fixtures.display()
    );
    std::fs::create_dir(out.join("tests")).unwrap();
    std::fs::write(out.join("tests/service_json.rs"), test).unwrap();
    cargo(&out, &["test"]);
}

#[test]
fn default_asked_of_a_structure_that_derives_it_anyway_is_derived_once() {
    // `Tags` has only optional fields, so it derives `Default` itself; `Label` has a required
    // field of type `Tags`, so it can derive it only because `Tags` has it. A service of its own:
    // crates of one name in the shared target folder could take each other's builds.
    let model = "service: defaults\nshapes:
  TagsTypeDef:
    fields:
      Keys: {type: 'list[string]', required: false}
      Note: {type: string, required: false}
  LabelTypeDef:
    fields:
      Name: {type: string, required: true}
      Tags: {type: TagsTypeDef, required: true}
";
    let overlay = "rust:\n  derives: [Default]\n  shapes:\n    TagsTypeDef: {derives: [Default]}\n";
    let test = r#"
use defaults_shapes::{Label, Tags};

#[test]
fn defaults_are_empty() {
    assert_eq!(Tags::default(), Tags::builder().build());
    assert_eq!(Label::default().tags, Tags::default());
    assert_eq!(Label::default().name, "");
}
"#;
    let (_dir, out) = generate_model_and_test("defaults", model, overlay, test);
    let structures = std::fs::read_to_string(out.join("src/structures.rs")).unwrap();
    assert!(
        structures.contains(
            "#[derive(Clone, Debug, Default, PartialEq)]\n#[non_exhaustive]\npub struct Tags {"
        ),
        "{structures}"
    );
    assert!(
        structures.contains(
            "#[derive(Clone, Debug, PartialEq)]\n#[derive(Default)]\n#[non_exhaustive]\npub struct Label {"
        ),
        "{structures}"
    );
}
