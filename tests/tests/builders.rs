//! Builders of the generated AmplifyBackend types: a whole request configuration built with
//! nested builders, its JSON, and what `Debug` hides.

use amplifybackend_shapes::{
    BackendAuthSocialProviderConfig, CreateBackendAuthForgotPasswordConfig,
    CreateBackendAuthIdentityPoolConfig, CreateBackendAuthMfaConfig, CreateBackendAuthOAuthConfig,
    CreateBackendAuthPasswordPolicyConfig, CreateBackendAuthResourceConfig,
    CreateBackendAuthUserPoolConfig, EmailSettings, MfaTypesElement, Settings,
    SocialProviderSettings,
};
use serde_json::json;

fn resource_config() -> CreateBackendAuthResourceConfig {
    CreateBackendAuthResourceConfig::builder()
        .auth_resources("USER_POOL_AND_IDENTITY_POOL")
        .service("COGNITO")
        .user_pool_configs(
            CreateBackendAuthUserPoolConfig::builder()
                .user_pool_name("shopUserPool")
                .sign_in_method("EMAIL")
                .push_required_sign_up_attributes("EMAIL")
                .push_required_sign_up_attributes("PHONE_NUMBER")
                .mfa(
                    CreateBackendAuthMfaConfig::builder()
                        .mfa_mode("ON")
                        .settings(
                            Settings::builder()
                                .push_mfa_types(MfaTypesElement::Sms)
                                .push_mfa_types("TOTP")
                                .sms_message("Your code is {####}")
                                .build(),
                        )
                        .build(),
                )
                .forgot_password(
                    CreateBackendAuthForgotPasswordConfig::builder()
                        .delivery_method("EMAIL")
                        .email_settings(
                            EmailSettings::builder()
                                .email_subject("Reset your password")
                                .build(),
                        )
                        .build(),
                )
                .o_auth(
                    CreateBackendAuthOAuthConfig::builder()
                        .o_auth_grant_type("CODE")
                        .push_o_auth_scopes("OPENID")
                        .push_o_auth_scopes("EMAIL")
                        .redirect_sign_in_uris(vec!["myshop://signin/".to_string()])
                        .redirect_sign_out_uris(Vec::new())
                        .social_provider_settings(
                            SocialProviderSettings::builder()
                                .google(
                                    BackendAuthSocialProviderConfig::builder()
                                        .client_id("google-client")
                                        .client_secret("hunter2-very-secret")
                                        .build(),
                                )
                                .build(),
                        )
                        .build(),
                )
                .password_policy(
                    CreateBackendAuthPasswordPolicyConfig::builder()
                        .minimum_length(8)
                        .build(),
                )
                .build(),
        )
        .identity_pool_configs(
            CreateBackendAuthIdentityPoolConfig::builder()
                .identity_pool_name("shopIdentityPool")
                .unauthenticated_login(false)
                .build(),
        )
        .build()
}

#[test]
fn a_resource_config_built_with_nested_builders_writes_the_expected_json() {
    let config = resource_config();
    assert_eq!(
        serde_json::to_value(&config).unwrap(),
        json!({
            "AuthResources": "USER_POOL_AND_IDENTITY_POOL",
            "Service": "COGNITO",
            "UserPoolConfigs": {
                "UserPoolName": "shopUserPool",
                "SignInMethod": "EMAIL",
                "RequiredSignUpAttributes": ["EMAIL", "PHONE_NUMBER"],
                "Mfa": {
                    "MFAMode": "ON",
                    "Settings": {"MfaTypes": ["SMS", "TOTP"], "SmsMessage": "Your code is {####}"}
                },
                "ForgotPassword": {
                    "DeliveryMethod": "EMAIL",
                    "EmailSettings": {"EmailSubject": "Reset your password"}
                },
                "OAuth": {
                    "OAuthGrantType": "CODE",
                    "OAuthScopes": ["OPENID", "EMAIL"],
                    "RedirectSignInURIs": ["myshop://signin/"],
                    "RedirectSignOutURIs": [],
                    "SocialProviderSettings": {
                        "Google": {"ClientId": "google-client", "ClientSecret": "hunter2-very-secret"}
                    }
                },
                "PasswordPolicy": {"MinimumLength": 8.0}
            },
            "IdentityPoolConfigs": {"IdentityPoolName": "shopIdentityPool", "UnauthenticatedLogin": false}
        })
    );
    // Reading what was written gives the built value back.
    let text = serde_json::to_string(&config).unwrap();
    assert_eq!(
        serde_json::from_str::<CreateBackendAuthResourceConfig>(&text).unwrap(),
        config
    );
}

#[test]
fn optional_setters_set_clear_and_read_back() {
    let builder = CreateBackendAuthMfaConfig::builder().mfa_mode("OPTIONAL");
    assert_eq!(builder.get_settings(), &None);
    let builder = builder.settings(Settings::builder().sms_message("code").build());
    assert!(builder.get_settings().is_some());
    let config = builder.set_settings(None).build();
    assert_eq!(
        serde_json::to_value(&config).unwrap(),
        json!({"MFAMode": "OPTIONAL"})
    );
}

#[test]
fn a_required_field_set_twice_keeps_the_last_value_and_push_appends() {
    let config = CreateBackendAuthOAuthConfig::builder()
        .o_auth_grant_type("CODE")
        .o_auth_grant_type("IMPLICIT")
        .o_auth_scopes(vec!["EMAIL".into()])
        .push_o_auth_scopes("OPENID")
        .push_redirect_sign_in_uris("a://in")
        .push_redirect_sign_out_uris("a://out")
        .build();
    assert_eq!(
        serde_json::to_value(&config).unwrap(),
        json!({
            "OAuthGrantType": "IMPLICIT",
            "OAuthScopes": ["EMAIL", "OPENID"],
            "RedirectSignInURIs": ["a://in"],
            "RedirectSignOutURIs": ["a://out"]
        })
    );
}

#[test]
fn builder_debug_redacts_the_client_credentials_like_the_structure() {
    let builder = BackendAuthSocialProviderConfig::builder()
        .client_id("amzn1.application-oa2-client.1")
        .client_secret("hunter2-very-secret");
    assert_eq!(
        format!("{builder:?}"),
        "BackendAuthSocialProviderConfigBuilder { client_id: \"*** Sensitive Data Redacted ***\", \
         client_secret: \"*** Sensitive Data Redacted ***\" }"
    );
    for printed in [
        format!("{builder:#?}"),
        format!("{:?}", builder.clone().build()),
    ] {
        assert!(
            !printed.contains("hunter2") && !printed.contains("amzn1"),
            "{printed}"
        );
    }
    // Required fields print their state: `Unset`, or the value once set.
    let mfa = CreateBackendAuthMfaConfig::builder();
    assert_eq!(
        format!("{mfa:?}"),
        "CreateBackendAuthMfaConfigBuilder { mfa_mode: Unset, settings: None }"
    );
    assert_eq!(
        format!("{:?}", mfa.mfa_mode("ON")),
        "CreateBackendAuthMfaConfigBuilder { mfa_mode: On, settings: None }"
    );
}
