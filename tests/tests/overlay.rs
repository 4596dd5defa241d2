//! What `model/amplifybackend.overlay.yaml` adds reaches the generated crate.

use amplifybackend_shapes::BackendAuthSocialProviderConfig;
use serde_json::json;

#[test]
fn client_secret_is_redacted_in_debug_but_kept_on_the_wire() {
    let document = json!({"ClientId": "amzn1.application-oa2-client.1", "ClientSecret": "hunter2-very-secret"});
    let config: BackendAuthSocialProviderConfig = serde_json::from_value(document.clone()).unwrap();
    let printed = format!("{config:?}");
    assert_eq!(
        printed,
        "BackendAuthSocialProviderConfig { client_id: Some(\"amzn1.application-oa2-client.1\"), \
         client_secret: \"*** Sensitive Data Redacted ***\" }"
    );
    assert!(!format!("{config:#?}").contains("hunter2"));
    assert_eq!(serde_json::to_value(&config).unwrap(), document);
}
