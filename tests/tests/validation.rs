//! `Validate` and `from_json_str` of the generated AmplifyBackend types: every violation, with
//! its path in wire names.

use amplifybackend_shapes::primitives::{JsonError, Reason, Validate};
use amplifybackend_shapes::{
    CreateBackendAuthMfaConfig, CreateBackendAuthPasswordPolicyConfig,
    CreateBackendAuthResourceConfig, CreateBackendAuthUserPoolConfig, Settings,
};

/// A configuration with three mistakes at three depths.
fn invalid_config() -> CreateBackendAuthResourceConfig {
    CreateBackendAuthResourceConfig::builder()
        .auth_resources("USER_POOL_ONLY")
        .service("AMPLIFY")
        .user_pool_configs(
            CreateBackendAuthUserPoolConfig::builder()
                .user_pool_name("pool")
                .sign_in_method("USERNAME")
                .push_required_sign_up_attributes("EMAIL")
                .mfa(
                    CreateBackendAuthMfaConfig::builder()
                        .mfa_mode("ON")
                        .settings(
                            Settings::builder()
                                .push_mfa_types("SMS")
                                .push_mfa_types("PHONE")
                                .build(),
                        )
                        .build(),
                )
                .password_policy(
                    CreateBackendAuthPasswordPolicyConfig::builder()
                        .minimum_length(4)
                        .build(),
                )
                .build(),
        )
        .build()
}

#[test]
fn every_violation_is_reported_with_its_wire_path() {
    let errors = invalid_config().validate().unwrap_err();
    assert_eq!(
        errors.to_string(),
        "Service: unknown value \"AMPLIFY\", expected \"COGNITO\"\n\
         UserPoolConfigs.Mfa.Settings.MfaTypes[1]: unknown value \"PHONE\", expected one of \"SMS\", \"TOTP\"\n\
         UserPoolConfigs.PasswordPolicy.MinimumLength: out of range, expected 6 to 99"
    );
    let violations = errors.violations();
    assert_eq!(violations.len(), 3);
    assert_eq!(
        violations[1].path(),
        "UserPoolConfigs.Mfa.Settings.MfaTypes[1]"
    );
    assert_eq!(
        violations[1].reason(),
        &Reason::UnknownValue {
            value: "PHONE".into(),
            expected: &["SMS", "TOTP"]
        }
    );
    assert_eq!(
        violations[2].reason(),
        &Reason::Range {
            min: Some(6.0),
            max: Some(99.0)
        }
    );
    // An error like any other.
    let boxed: Box<dyn std::error::Error> = Box::new(errors);
    assert!(boxed.to_string().starts_with("Service: "));
}

#[test]
fn valid_values_pass_and_bounds_are_inclusive() {
    for length in [6, 99] {
        let policy = CreateBackendAuthPasswordPolicyConfig::builder()
            .minimum_length(length)
            .build();
        assert_eq!(policy.validate(), Ok(()));
    }
    let policy = CreateBackendAuthPasswordPolicyConfig::builder()
        .minimum_length(99.5)
        .build();
    assert_eq!(
        policy.validate().unwrap_err().to_string(),
        "MinimumLength: out of range, expected 6 to 99"
    );
}

#[test]
fn an_enum_validated_alone_has_an_empty_path() {
    let errors = amplifybackend_shapes::Mode::from("API_KEYS")
        .validate()
        .unwrap_err();
    assert_eq!(errors.violations()[0].path(), "");
    assert_eq!(
        errors.to_string(),
        "unknown value \"API_KEYS\", expected one of \"AMAZON_COGNITO_USER_POOLS\", \"API_KEY\", \"AWS_IAM\", \"OPENID_CONNECT\""
    );
}

const VALID: &str = r#"{
    "AuthResources": "USER_POOL_ONLY",
    "Service": "COGNITO",
    "UserPoolConfigs": {
        "RequiredSignUpAttributes": ["EMAIL"],
        "SignInMethod": "EMAIL",
        "UserPoolName": "pool",
        "PasswordPolicy": {"MinimumLength": 8}
    }
}"#;

fn read(text: &str) -> Result<CreateBackendAuthResourceConfig, JsonError> {
    CreateBackendAuthResourceConfig::from_json_str(text)
}

#[test]
fn from_json_str_reads_and_validates() {
    let config = read(VALID).unwrap();
    assert_eq!(config.user_pool_configs.user_pool_name, "pool");
    let invalid = VALID.replace("\"MinimumLength\": 8", "\"MinimumLength\": 100");
    let error = read(&invalid).unwrap_err();
    assert!(matches!(error, JsonError::Invalid(_)));
    assert_eq!(
        error.to_string(),
        "UserPoolConfigs.PasswordPolicy.MinimumLength: out of range, expected 6 to 99"
    );
}

#[test]
fn from_json_str_errors_carry_the_json_path_of_the_failing_element() {
    let wrong_type = VALID.replace("[\"EMAIL\"]", "[\"EMAIL\", 5]");
    assert_eq!(
        read(&wrong_type).unwrap_err().to_string(),
        "UserPoolConfigs.RequiredSignUpAttributes[1]: invalid type: integer `5`, expected a string at line 5 column 47"
    );
    let missing = VALID.replace("\"UserPoolName\": \"pool\",", "");
    let error = read(&missing).unwrap_err();
    let JsonError::Read { path, error } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(path, "UserPoolConfigs");
    assert!(
        error
            .to_string()
            .starts_with("missing field `UserPoolName`"),
        "{error}"
    );
    let trailing = format!("{VALID} x");
    assert!(read(&trailing)
        .unwrap_err()
        .to_string()
        .starts_with("trailing characters"));
}

/// `use the_crate::*` is all a user needs: the `Validate` trait comes with it (anonymously, so a
/// shape named `Validate` would keep its name), and enums are `AsRef<str>`.
mod glob_import {
    use amplifybackend_shapes::*;

    fn wire<S: AsRef<str>>(value: S) -> String {
        value.as_ref().to_owned()
    }

    #[test]
    fn brings_validate_and_enums_read_as_str() {
        let mfa = CreateBackendAuthMfaConfig::builder()
            .mfa_mode("PHONE")
            .build();
        assert_eq!(
            mfa.validate().unwrap_err().to_string(),
            r#"MFAMode: unknown value "PHONE", expected one of "OFF", "ON", "OPTIONAL""#
        );
        assert_eq!(wire(MfaMode::Optional), "OPTIONAL");
        assert_eq!(wire(MfaMode::from("LATER")), "LATER");
    }
}
