//! Builders of the generated AmplifyBackend types: a whole request configuration built with
//! nested builders, its JSON, and what `Debug` hides.

use amplifybackend_shapes::primitives::BuildError;
use amplifybackend_shapes::{
    AuthResources, BackendAuthSocialProviderConfig, CreateBackendAuthForgotPasswordConfig,
    CreateBackendAuthIdentityPoolConfig, CreateBackendAuthMfaConfig, CreateBackendAuthOAuthConfig,
    CreateBackendAuthPasswordPolicyConfig, CreateBackendAuthResourceConfig,
    CreateBackendAuthUserPoolConfig, EmailSettings, MfaMode, MfaTypesElement, OAuthScopesElement,
    Settings, SocialProviderSettings,
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

/// A user pool configuration with its three required fields set.
fn user_pool() -> CreateBackendAuthUserPoolConfig {
    CreateBackendAuthUserPoolConfig::builder()
        .user_pool_name("shopUserPool")
        .sign_in_method("EMAIL")
        .push_required_sign_up_attributes("EMAIL")
        .build()
}

#[test]
fn a_required_field_set_conditionally_has_one_type_in_both_branches() {
    let mfa = |on: bool| {
        let builder = CreateBackendAuthMfaConfig::builder();
        let builder = if on {
            builder.set_mfa_mode(Some(MfaMode::On))
        } else {
            builder.set_mfa_mode(None)
        };
        builder.try_build()
    };
    assert_eq!(mfa(true).unwrap().mfa_mode, MfaMode::On);
    assert_eq!(
        mfa(false).unwrap_err().to_string(),
        "`CreateBackendAuthMfaConfig` is missing the required field `MFAMode`"
    );
    // Straight from an `Option`, and `try_build()` of a builder `build()` takes gives the same.
    let from_option: Option<MfaMode> = Some(MfaMode::Optional);
    let built = CreateBackendAuthMfaConfig::builder()
        .set_mfa_mode(from_option)
        .try_build()
        .unwrap();
    let typed = CreateBackendAuthMfaConfig::builder()
        .mfa_mode(MfaMode::Optional)
        .try_build()
        .unwrap();
    assert_eq!(built, typed);
    assert_eq!(
        typed,
        CreateBackendAuthMfaConfig::builder()
            .mfa_mode("OPTIONAL")
            .build()
    );
}

#[test]
fn try_build_names_every_required_field_missing() {
    let error: BuildError = CreateBackendAuthResourceConfig::builder()
        .set_auth_resources(None)
        .try_build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "`CreateBackendAuthResourceConfig` is missing the required fields `AuthResources`, \
         `Service`, `UserPoolConfigs`"
    );
    assert_eq!(error.structure(), "CreateBackendAuthResourceConfig");
    assert_eq!(
        error.missing_fields(),
        ["AuthResources", "Service", "UserPoolConfigs"]
    );
    // An `std::error::Error`, so `?` takes it into a boxed error.
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert!(boxed.source().is_none());

    let error = CreateBackendAuthResourceConfig::builder()
        .set_auth_resources(Some(AuthResources::UserPoolOnly))
        .service("COGNITO")
        .set_user_pool_configs(None)
        .try_build()
        .unwrap_err();
    assert_eq!(error.missing_fields(), ["UserPoolConfigs"]);
    assert_eq!(
        error.to_string(),
        "`CreateBackendAuthResourceConfig` is missing the required field `UserPoolConfigs`"
    );
}

#[test]
fn required_fields_read_back_in_every_state() {
    let builder = CreateBackendAuthResourceConfig::builder();
    assert_eq!(builder.get_auth_resources(), None);
    let builder = builder.auth_resources("USER_POOL_ONLY");
    assert_eq!(
        builder.get_auth_resources(),
        Some(&AuthResources::UserPoolOnly)
    );
    let builder = builder.set_user_pool_configs(Some(user_pool()));
    assert_eq!(builder.get_user_pool_configs(), Some(&user_pool()));
    let builder = builder.set_user_pool_configs(None);
    assert_eq!(builder.get_user_pool_configs(), None);
    // Setting a field again after `set_x` makes it `Set` again, so `build()` compiles.
    let config = builder
        .user_pool_configs(user_pool())
        .service("COGNITO")
        .build();
    assert_eq!(config.user_pool_configs, user_pool());
}

#[test]
fn push_after_set_from_an_option_keeps_what_was_there() {
    let oauth = |scopes: Option<Vec<OAuthScopesElement>>| {
        CreateBackendAuthOAuthConfig::builder()
            .o_auth_grant_type("CODE")
            .set_o_auth_scopes(scopes)
            .push_o_auth_scopes("OPENID")
            .redirect_sign_in_uris(Vec::new())
            .redirect_sign_out_uris(Vec::new())
            .build()
    };
    assert_eq!(oauth(None).o_auth_scopes, [OAuthScopesElement::Openid]);
    assert_eq!(
        oauth(Some(vec![OAuthScopesElement::Email])).o_auth_scopes,
        [OAuthScopesElement::Email, OAuthScopesElement::Openid]
    );
}

#[test]
fn a_structure_of_optional_fields_only_is_default() {
    assert_eq!(Settings::default(), Settings::builder().build());
    assert_eq!(EmailSettings::default().email_subject, None);
    // A builder without required fields has `try_build()` too, which cannot fail.
    assert_eq!(Settings::builder().try_build(), Ok(Settings::default()));
}
