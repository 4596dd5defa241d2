//! The types the build script generated work like the committed crate's.

use buildrs_consumer::amplifybackend::{
    GetBackendAuthResponse, MfaTypesElement, Mode, UpdateBackendAuthResourceConfig,
};
use serde_json::json;

#[test]
fn nested_document_round_trips() {
    let document = json!({
        "AppId": "d1a2b3c4e5f6g7",
        "BackendEnvironmentName": "staging",
        "ResourceName": "amplifyAuth",
        "ResourceConfig": {
            "AuthResources": "USER_POOL_ONLY",
            "Service": "COGNITO",
            "UserPoolConfigs": {
                "UserPoolName": "pool",
                "SignInMethod": "EMAIL",
                "RequiredSignUpAttributes": ["EMAIL"],
                "Mfa": {"MFAMode": "ON", "Settings": {"MfaTypes": ["SMS", "TOTP"], "SmsMessage": "{####}"}}
            }
        }
    });
    let response: GetBackendAuthResponse = serde_json::from_value(document.clone()).unwrap();
    let mfa = response
        .resource_config
        .as_ref()
        .unwrap()
        .user_pool_configs
        .mfa
        .as_ref()
        .unwrap();
    let types = mfa.settings.as_ref().unwrap().mfa_types.as_ref().unwrap();
    assert_eq!(types[1], MfaTypesElement::Totp);
    assert_eq!(serde_json::to_value(&response).unwrap(), document);
}

#[test]
fn unknown_enum_values_survive_and_required_fields_are_named() {
    let mode: Mode = serde_json::from_value(json!("OPENID_CONNECT_V2")).unwrap();
    assert!(matches!(mode, Mode::Unknown(_)));
    assert_eq!(
        serde_json::to_value(&mode).unwrap(),
        json!("OPENID_CONNECT_V2")
    );

    let error = serde_json::from_value::<UpdateBackendAuthResourceConfig>(json!({
        "AuthResources": "USER_POOL_ONLY",
        "Service": "COGNITO"
    }))
    .unwrap_err();
    assert_eq!(error.to_string(), "missing field `UserPoolConfigs`");
}
