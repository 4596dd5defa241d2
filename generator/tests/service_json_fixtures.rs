//! The AmplifyBackend bodies in the service's own JSON (`tests/fixtures/service-json/amplifybackend/`)
//! use only keys botocore's model gives the members where they stand, so that no test passes on
//! an invented key; and they say what their boto3-keyed originals say.

use serde_json::{Map, Value};
use std::path::Path;

/// Each fixture and the botocore shape of its body.
const FIXTURES: [(&str, &str); 5] = [
    ("get_backend_auth", "GetBackendAuthResponse"),
    ("get_backend_api", "GetBackendAPIResponse"),
    ("get_backend_job", "GetBackendJobResponse"),
    ("list_backend_jobs", "ListBackendJobsResponse"),
    ("get_token", "GetTokenResponse"),
];

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// `body`, read as botocore's shape `shape` in the service's keys, with boto3's keys (the member
/// names) instead; panics, naming the path, at a key no member in the body has.
fn to_boto3_keys(shapes: &Map<String, Value>, shape: &str, body: &Value, path: &str) -> Value {
    let definition = &shapes[shape];
    match (definition["type"].as_str().unwrap(), body) {
        ("structure", Value::Object(fields)) => {
            let members = definition["members"].as_object().unwrap();
            let renamed = fields.iter().map(|(key, value)| {
                let found = members.iter().find(|(name, member)| {
                    let wire = member["jsonName"]
                        .as_str()
                        .or(member["locationName"].as_str())
                        .unwrap_or(name);
                    wire == key && member.get("location").is_none()
                });
                let Some((name, member)) = found else {
                    panic!("{path}.{key}: no member of `{shape}` has the key `{key}` in the body");
                };
                let inner = member["shape"].as_str().unwrap();
                let value = to_boto3_keys(shapes, inner, value, &format!("{path}.{key}"));
                (name.clone(), value)
            });
            Value::Object(renamed.collect())
        }
        ("list", Value::Array(items)) => {
            let inner = definition["member"]["shape"].as_str().unwrap();
            let items = items.iter().enumerate();
            Value::Array(
                items
                    .map(|(i, item)| to_boto3_keys(shapes, inner, item, &format!("{path}[{i}]")))
                    .collect(),
            )
        }
        ("map", Value::Object(entries)) => {
            let inner = definition["value"]["shape"].as_str().unwrap();
            let entries = entries.iter().map(|(key, value)| {
                let value = to_boto3_keys(shapes, inner, value, &format!("{path}.{key}"));
                (key.clone(), value)
            });
            Value::Object(entries.collect())
        }
        ("structure" | "list" | "map", _) => panic!("{path}: not a `{shape}`: {body}"),
        _ => body.clone(),
    }
}

#[test]
fn every_key_is_botocore_s_and_the_bodies_say_what_boto3_s_say() {
    let model = read(&repository().join("testdata/botocore/amplifybackend/service-2.json"));
    let shapes = model["shapes"].as_object().unwrap();
    for (name, shape) in FIXTURES {
        let service = read(&repository().join(format!(
            "tests/fixtures/service-json/amplifybackend/{name}.json"
        )));
        let mut boto3 = to_boto3_keys(shapes, shape, &service, name);
        let original =
            read(&repository().join(format!("tests/fixtures/amplifybackend/{name}.json")));
        if name == "get_backend_auth" {
            // The one addition to the original: the forgot-password SMS settings.
            let forgot = &mut boto3["ResourceConfig"]["UserPoolConfigs"]["ForgotPassword"];
            let sms = forgot.as_object_mut().unwrap().remove("SmsSettings");
            assert_eq!(
                sms.unwrap()["SmsMessage"],
                "Your todoapp verification code is {####}"
            );
        }
        assert_eq!(boto3, original, "{name}");
        // Most keys differ: a body in boto3's keys would not be one in the service's.
        assert_ne!(service, original, "{name}");
    }
}

#[test]
fn a_key_botocore_does_not_have_is_found() {
    let model = read(&repository().join("testdata/botocore/amplifybackend/service-2.json"));
    let shapes = model["shapes"].as_object().unwrap();
    let invented =
        serde_json::json!({"resourceConfig": {"userPoolConfigs": {"mfa": {"mfaMode": "ON"}}}});
    let panic = std::panic::catch_unwind(|| {
        to_boto3_keys(shapes, "GetBackendAuthResponse", &invented, "body")
    })
    .unwrap_err();
    assert_eq!(
        panic.downcast_ref::<String>().unwrap(),
        "body.resourceConfig.userPoolConfigs.mfa.mfaMode: no member of `CreateBackendAuthMFAConfig` has the key `mfaMode` in the body"
    );
}
