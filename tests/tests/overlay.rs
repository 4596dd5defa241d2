//! What `model/amplifybackend.overlay.yaml` adds reaches the generated crate.

use amplifybackend_shapes::{
    BackendAuthSocialProviderConfig, CreateBackendAuthForgotPasswordConfig, SocialProviderSettings,
};
use serde_json::json;

#[test]
fn client_credentials_are_redacted_in_debug_but_kept_on_the_wire() {
    let document = json!({"ClientId": "amzn1.application-oa2-client.1", "ClientSecret": "hunter2-very-secret"});
    let config: BackendAuthSocialProviderConfig = serde_json::from_value(document.clone()).unwrap();
    let printed = format!("{config:?}");
    assert_eq!(
        printed,
        "BackendAuthSocialProviderConfig { client_id: \"*** Sensitive Data Redacted ***\", \
         client_secret: \"*** Sensitive Data Redacted ***\" }"
    );
    assert!(!format!("{config:#?}").contains("hunter2"));
    assert_eq!(serde_json::to_value(&config).unwrap(), document);
}

/// The fields that hold a sensitive structure print none of it, as aws-sdk-amplifybackend's do.
#[test]
fn fields_holding_secrets_are_redacted_whole() {
    let settings: SocialProviderSettings = serde_json::from_value(json!({
        "Facebook": {"ClientId": "fb-id", "ClientSecret": "fb-secret"},
        "Google": {"ClientId": "g-id"},
    }))
    .unwrap();
    let forgot: CreateBackendAuthForgotPasswordConfig = serde_json::from_value(json!({
        "DeliveryMethod": "EMAIL",
        "EmailSettings": {"EmailMessage": "your code is 123456", "EmailSubject": "reset"},
        "SmsSettings": {"SmsMessage": "code 654321"},
    }))
    .unwrap();
    let printed = format!("{settings:?} {forgot:?} {forgot:#?}");
    for secret in ["fb-", "g-id", "123456", "reset", "654321"] {
        assert!(!printed.contains(secret), "{secret} in {printed}");
    }
    assert!(printed.contains("Email"), "{printed}");
}
