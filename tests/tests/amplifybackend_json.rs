//! The generated `amplifybackend-shapes` types against JSON documents shaped like the output
//! of `aws amplifybackend <operation> --output json` (and like the request configs the same
//! CLI takes), kept in `tests/fixtures/amplifybackend/`.
//!
//! Each fixture is read into its generated type, written back, and must come out equal to the
//! original document as a `serde_json::Value`. Further tests check the values read, what
//! happens to documents that break the model, and timestamps inside a document.

use std::any::type_name;
use std::fmt::Debug;
use std::fs;
use std::path::{Path, PathBuf};

use amplifybackend_shapes::{
    AdditionalConstraintsElement, AuthResources, BackendApiResourceConfig,
    CreateBackendAuthResourceConfig, CreateBackendAuthResourceConfigService,
    CreateBackendAuthResponse, DeleteTokenResponse, DeliveryMethod, GetBackendApiModelsResponse,
    GetBackendApiResponse, GetBackendAuthResponse, GetBackendJobResponse, GetBackendResponse,
    GetTokenResponse, ListBackendJobsResponse, MfaMode, MfaTypesElement, Mode, OAuthGrantType,
    OAuthScopesElement, PaginatorConfig, RemoveBackendConfigResponse,
    RequiredSignUpAttributesElement, ResolutionStrategy, SignInMethod, Status,
    UpdateBackendAuthResourceConfig, UpdateBackendAuthResourceConfigService,
    UpdateBackendConfigResponse,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tricky_shapes::primitives::Timestamp;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/amplifybackend")
}

fn fixture_text(file: &str) -> String {
    let path = fixture_dir().join(file);
    fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn fixture_value(file: &str) -> Value {
    serde_json::from_str(&fixture_text(file)).unwrap_or_else(|error| panic!("{file}: {error}"))
}

/// Reads fixture `file` as a `T`, writes it back and asserts the result is the same JSON value
/// as the file; also that reading the written form gives an equal `T`. Returns what was read.
fn round_trip<T>(file: &str) -> T
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let original = fixture_value(file);
    let parsed: T = serde_json::from_str(&fixture_text(file))
        .unwrap_or_else(|error| panic!("{file} as {}: {error}", type_name::<T>()));
    let written = serde_json::to_value(&parsed).unwrap();
    assert_eq!(
        written,
        original,
        "{file}: written back as {}",
        serde_json::to_string_pretty(&written).unwrap()
    );
    let again: T = serde_json::from_value(written).unwrap();
    assert_eq!(again, parsed, "{file}: reading the written form");
    parsed
}

/// One round-trip test per fixture, and `FIXTURES`, the list of files they cover.
macro_rules! round_trip_tests {
    ($($test:ident: $file:literal => $shape:ty,)*) => {
        $(
            #[test]
            fn $test() {
                round_trip::<$shape>($file);
            }
        )*

        const FIXTURES: &[&str] = &[$($file),*];
    };
}

round_trip_tests! {
    get_backend_round_trip: "get_backend.json" => GetBackendResponse,
    get_backend_minimal_round_trip: "get_backend_minimal.json" => GetBackendResponse,
    get_backend_auth_round_trip: "get_backend_auth.json" => GetBackendAuthResponse,
    get_backend_auth_user_pool_only_round_trip:
        "get_backend_auth_user_pool_only.json" => GetBackendAuthResponse,
    create_backend_auth_resource_config_round_trip:
        "create_backend_auth_resource_config.json" => CreateBackendAuthResourceConfig,
    update_backend_auth_resource_config_round_trip:
        "update_backend_auth_resource_config.json" => UpdateBackendAuthResourceConfig,
    get_backend_api_round_trip: "get_backend_api.json" => GetBackendApiResponse,
    get_backend_api_unknown_mode_round_trip:
        "get_backend_api_unknown_mode.json" => GetBackendApiResponse,
    list_backend_jobs_round_trip: "list_backend_jobs.json" => ListBackendJobsResponse,
    get_backend_job_round_trip: "get_backend_job.json" => GetBackendJobResponse,
    create_backend_auth_round_trip: "create_backend_auth.json" => CreateBackendAuthResponse,
    get_token_round_trip: "get_token.json" => GetTokenResponse,
    get_backend_api_models_round_trip:
        "get_backend_api_models.json" => GetBackendApiModelsResponse,
    update_backend_config_round_trip: "update_backend_config.json" => UpdateBackendConfigResponse,
    delete_token_round_trip: "delete_token.json" => DeleteTokenResponse,
    remove_backend_config_round_trip:
        "remove_backend_config.json" => RemoveBackendConfigResponse,
}

#[test]
fn every_fixture_has_a_round_trip_test() {
    let mut on_disk: Vec<String> = fs::read_dir(fixture_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut tested: Vec<&str> = FIXTURES.to_vec();
    tested.sort_unstable();
    assert_eq!(on_disk, tested);
    assert!(tested.len() >= 10);
}

// ---------------------------------------------------------------------------------------------
// Values read from the fixtures.

#[test]
fn get_backend_values() {
    let backend: GetBackendResponse = round_trip("get_backend.json");
    assert_eq!(backend.app_id.as_deref(), Some("d1a2b3c4e5f6g7"));
    assert_eq!(backend.app_name.as_deref(), Some("todoapp"));
    assert_eq!(backend.backend_environment_name.as_deref(), Some("staging"));
    assert_eq!(
        backend.backend_environment_list.as_deref(),
        Some(&["staging".to_owned(), "dev".to_owned(), "prod".to_owned()][..])
    );
    assert!(backend
        .error
        .as_deref()
        .unwrap()
        .contains("UPDATE_ROLLBACK_COMPLETE"));
    // `AmplifyMetaConfig` is a string holding JSON: kept as the string, escapes and all.
    let meta: Value =
        serde_json::from_str(backend.amplify_meta_config.as_deref().unwrap()).unwrap();
    assert_eq!(
        meta["providers"]["awscloudformation"]["AmplifyAppId"],
        "d1a2b3c4e5f6g7"
    );
}

#[test]
fn missing_optional_fields_are_none_and_stay_absent() {
    let backend: GetBackendResponse = round_trip("get_backend_minimal.json");
    assert_eq!(backend.app_id.as_deref(), Some("d1a2b3c4e5f6g7"));
    assert_eq!(backend.amplify_meta_config, None);
    assert_eq!(backend.backend_environment_list, None);
    assert_eq!(backend.error, None);
    let written = serde_json::to_value(&backend).unwrap();
    assert_eq!(
        written.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["AppId", "AppName", "BackendEnvironmentName"]
    );

    let empty: RemoveBackendConfigResponse = round_trip("remove_backend_config.json");
    assert_eq!(empty.error, None);
    assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");

    let deleted: DeleteTokenResponse = round_trip("delete_token.json");
    assert_eq!(deleted.is_success, Some(true));
}

#[test]
fn get_backend_auth_all_fields() {
    let auth: GetBackendAuthResponse = round_trip("get_backend_auth.json");
    assert_eq!(auth.resource_name.as_deref(), Some("todoappa1b2c3d4"));
    assert_eq!(auth.error, None);
    let config = auth.resource_config.as_ref().unwrap();
    assert_eq!(
        config.auth_resources,
        AuthResources::IdentityPoolAndUserPool
    );
    // `Service: Literal['COGNITO']`, an enum listed inline on the field.
    assert_eq!(
        config.service,
        CreateBackendAuthResourceConfigService::Cognito
    );
    assert_eq!(config.service.as_str(), "COGNITO");

    let identity = config.identity_pool_configs.as_ref().unwrap();
    assert_eq!(identity.identity_pool_name, "todoappIdentityPool");
    assert!(!identity.unauthenticated_login);

    let pool = &config.user_pool_configs;
    assert_eq!(pool.user_pool_name, "todoappUserPool");
    assert_eq!(pool.sign_in_method, SignInMethod::EmailAndPhoneNumber);
    assert_eq!(
        pool.required_sign_up_attributes,
        [
            RequiredSignUpAttributesElement::Email,
            RequiredSignUpAttributesElement::PhoneNumber,
            RequiredSignUpAttributesElement::GivenName,
            RequiredSignUpAttributesElement::FamilyName,
        ]
    );

    let mfa = pool.mfa.as_ref().unwrap();
    assert_eq!(mfa.mfa_mode, MfaMode::Optional);
    let settings = mfa.settings.as_ref().unwrap();
    let mfa_types = settings.mfa_types.as_deref().unwrap();
    assert_eq!(mfa_types[0], MfaTypesElement::Sms);
    assert_eq!(mfa_types[1], MfaTypesElement::Totp);
    assert_eq!(mfa_types.len(), 2);
    assert_eq!(
        settings.sms_message.as_deref(),
        Some("Your authentication code is {####}")
    );

    let forgot = pool.forgot_password.as_ref().unwrap();
    assert_eq!(forgot.delivery_method, DeliveryMethod::Email);
    assert_eq!(forgot.sms_settings, None);
    let email = forgot.email_settings.as_ref().unwrap();
    assert_eq!(
        email.email_subject.as_deref(),
        Some("Reset your todoapp password")
    );
    assert_eq!(
        email.email_message.as_deref(),
        Some("Your verification code is {####}")
    );

    let oauth = pool.o_auth.as_ref().unwrap();
    assert_eq!(oauth.domain_prefix.as_deref(), Some("todoapp-staging"));
    assert_eq!(oauth.o_auth_grant_type, OAuthGrantType::Code);
    assert_eq!(
        oauth.o_auth_scopes,
        [
            OAuthScopesElement::Phone,
            OAuthScopesElement::Email,
            OAuthScopesElement::Openid,
            OAuthScopesElement::Profile,
            OAuthScopesElement::AwsCognitoSigninUserAdmin,
        ]
    );
    assert_eq!(oauth.redirect_sign_in_uris[1], "http://localhost:3000/");
    assert_eq!(
        oauth.redirect_sign_out_uris[0],
        "https://staging.d1a2b3c4e5f6g7.amplifyapp.com/signout/"
    );
    let social = oauth.social_provider_settings.as_ref().unwrap();
    let facebook = social.facebook.as_ref().unwrap();
    assert_eq!(facebook.client_id.as_deref(), Some("1234567890123456"));
    assert!(social.google.as_ref().unwrap().client_secret.is_some());
    let amazon = social.login_with_amazon.as_ref().unwrap();
    assert!(amazon
        .client_id
        .as_deref()
        .unwrap()
        .starts_with("amzn1.application-oa2-client."));

    let policy = pool.password_policy.as_ref().unwrap();
    assert_eq!(policy.minimum_length, 8.0);
    assert_eq!(
        policy.additional_constraints.as_deref(),
        Some(
            &[
                AdditionalConstraintsElement::RequireDigit,
                AdditionalConstraintsElement::RequireLowercase,
                AdditionalConstraintsElement::RequireSymbol,
                AdditionalConstraintsElement::RequireUppercase,
            ][..]
        )
    );
}

#[test]
fn get_backend_auth_user_pool_only() {
    let auth: GetBackendAuthResponse = round_trip("get_backend_auth_user_pool_only.json");
    let config = auth.resource_config.unwrap();
    assert_eq!(config.auth_resources, AuthResources::UserPoolOnly);
    assert_eq!(config.identity_pool_configs, None);
    let pool = config.user_pool_configs;
    assert_eq!(pool.sign_in_method, SignInMethod::Username);
    assert_eq!(
        pool.required_sign_up_attributes,
        [RequiredSignUpAttributesElement::PreferredUsername]
    );
    assert_eq!(pool.o_auth, None);
    let forgot = pool.forgot_password.unwrap();
    assert_eq!(forgot.delivery_method, DeliveryMethod::Sms);
    assert_eq!(forgot.email_settings, None);
    assert_eq!(
        forgot.sms_settings.unwrap().sms_message.as_deref(),
        Some("Your todoapp reset code is {####}")
    );
    let mfa = pool.mfa.unwrap();
    assert_eq!(mfa.mfa_mode, MfaMode::Off);
    assert_eq!(mfa.settings, None);
    let policy = pool.password_policy.unwrap();
    assert_eq!(policy.minimum_length, 12.0);
    assert_eq!(policy.additional_constraints, None);
}

#[test]
fn create_backend_auth_resource_config_request() {
    let config: CreateBackendAuthResourceConfig =
        round_trip("create_backend_auth_resource_config.json");
    assert_eq!(
        config.service,
        CreateBackendAuthResourceConfigService::Cognito
    );
    assert!(config.identity_pool_configs.unwrap().unauthenticated_login);
    let pool = config.user_pool_configs;
    assert_eq!(pool.sign_in_method, SignInMethod::Email);
    // An unknown value inside a list of enums is kept as it was.
    let attributes = &pool.required_sign_up_attributes;
    assert_eq!(attributes[1], RequiredSignUpAttributesElement::Birthdate);
    assert_eq!(attributes[2], RequiredSignUpAttributesElement::ZoneInfo);
    let RequiredSignUpAttributesElement::Unknown(unknown) = &attributes[3] else {
        panic!("{:?}", attributes[3]);
    };
    assert_eq!(unknown.as_str(), "PHONE_NUMBER_VERIFIED");
    assert_eq!(attributes[3].as_str(), "PHONE_NUMBER_VERIFIED");

    let mfa = pool.mfa.unwrap();
    assert_eq!(mfa.mfa_mode, MfaMode::On);
    assert_eq!(
        mfa.settings.unwrap().mfa_types,
        Some(vec![MfaTypesElement::Totp])
    );
    let oauth = pool.o_auth.unwrap();
    assert_eq!(oauth.o_auth_grant_type, OAuthGrantType::Implicit);
    assert_eq!(oauth.domain_prefix, None);
    // A required list may be empty; it is written back as `[]`, not left out.
    assert!(oauth.redirect_sign_out_uris.is_empty());
    let social = oauth.social_provider_settings.unwrap();
    assert_eq!(social.facebook, None);
    assert_eq!(social.login_with_amazon, None);
    assert_eq!(social.google.unwrap().client_secret, None);
}

#[test]
fn update_backend_auth_resource_config_request() {
    let config: UpdateBackendAuthResourceConfig =
        round_trip("update_backend_auth_resource_config.json");
    assert_eq!(config.auth_resources, AuthResources::UserPoolOnly);
    assert_eq!(
        config.service,
        UpdateBackendAuthResourceConfigService::Cognito
    );
    assert_eq!(
        config.identity_pool_configs.unwrap().unauthenticated_login,
        Some(false)
    );
    let pool = config.user_pool_configs;
    let forgot = pool.forgot_password.unwrap();
    assert_eq!(forgot.delivery_method, None);
    assert_eq!(forgot.email_settings.unwrap().email_message, None);
    let mfa = pool.mfa.unwrap();
    assert_eq!(mfa.mfa_mode, None);
    assert_eq!(
        mfa.settings.unwrap().mfa_types.unwrap()[1],
        MfaTypesElement::Totp
    );
    let oauth = pool.o_auth.unwrap();
    assert_eq!(oauth.o_auth_grant_type, None);
    assert_eq!(oauth.o_auth_scopes, None);
    assert_eq!(oauth.redirect_sign_in_uris, None);
    assert_eq!(
        oauth.redirect_sign_out_uris,
        Some(vec!["myshop://signout/".to_owned()])
    );
    let policy = pool.password_policy.unwrap();
    assert_eq!(policy.minimum_length, None);
    assert_eq!(
        policy.additional_constraints,
        Some(vec![AdditionalConstraintsElement::RequireSymbol])
    );
}

fn api_config(file: &str) -> BackendApiResourceConfig {
    round_trip::<GetBackendApiResponse>(file)
        .resource_config
        .unwrap()
}

#[test]
fn get_backend_api_auth_types() {
    let config = api_config("get_backend_api.json");
    assert_eq!(config.api_name.as_deref(), Some("todoapi"));
    // `Service` here is a plain `str` in the model, unlike the auth resource configs.
    assert_eq!(config.service.as_deref(), Some("AppSync"));
    assert!(config
        .transform_schema
        .as_deref()
        .unwrap()
        .starts_with("type Todo @model"));
    assert_eq!(
        config.conflict_resolution.unwrap().resolution_strategy,
        Some(ResolutionStrategy::Automerge)
    );

    let default = config.default_auth_type.unwrap();
    assert_eq!(default.mode, Some(Mode::ApiKey));
    let settings = default.settings.unwrap();
    assert_eq!(settings.expiration_time, Some(7.0));
    assert_eq!(
        settings.description.as_deref(),
        Some("Public read access — café menu, 日本語")
    );

    let additional = config.additional_auth_types.unwrap();
    let modes: Vec<_> = additional
        .iter()
        .map(|auth| auth.mode.clone().unwrap())
        .collect();
    assert_eq!(
        modes,
        [
            Mode::AwsIam,
            Mode::AmazonCognitoUserPools,
            Mode::OpenidConnect
        ]
    );
    assert_eq!(additional[0].settings, None);
    assert_eq!(
        additional[1]
            .settings
            .as_ref()
            .unwrap()
            .cognito_user_pool_id
            .as_deref(),
        Some("us-east-1_AbCdEfGhI")
    );
    let oidc = additional[2].settings.as_ref().unwrap();
    assert_eq!(oidc.open_id_provider_name.as_deref(), Some("okta"));
    assert_eq!(
        oidc.open_id_issue_url.as_deref(),
        Some("https://dev-123456.okta.com/oauth2/default")
    );
    assert_eq!(oidc.open_id_auth_ttl.as_deref(), Some("3600000"));
    assert_eq!(oidc.open_id_iat_ttl.as_deref(), Some("3600000"));
    assert_eq!(oidc.expiration_time, None);
}

#[test]
fn unknown_mode_is_kept_and_written_back() {
    let config = api_config("get_backend_api_unknown_mode.json");
    let mode = config.default_auth_type.unwrap().mode.unwrap();
    let Mode::Unknown(unknown) = &mode else {
        panic!("{mode:?}");
    };
    assert_eq!(unknown.as_str(), "OPENID_CONNECT_V2");
    assert_eq!(mode.as_str(), "OPENID_CONNECT_V2");
    assert_eq!(mode.to_string(), "OPENID_CONNECT_V2");
    assert!(!Mode::VALUES.contains(&mode.as_str()));
    assert_eq!(
        serde_json::to_value(&mode).unwrap(),
        json!("OPENID_CONNECT_V2")
    );
    // Unknown values compare by their text, and known ones are matched case-sensitively.
    assert_eq!(mode, Mode::from("OPENID_CONNECT_V2"));
    assert_ne!(mode, Mode::OpenidConnect);
    assert!(matches!(Mode::from("api_key"), Mode::Unknown(_)));

    let additional = config.additional_auth_types.unwrap();
    assert_eq!(additional[0].mode.as_ref().unwrap().as_str(), "AWS_LAMBDA");
    assert!(matches!(additional[0].mode, Some(Mode::Unknown(_))));
    assert_eq!(additional[1].mode, Some(Mode::ApiKey));

    // `NONE` is the variant `ResolutionStrategy::None`, not an absent value.
    assert_eq!(
        config.conflict_resolution.unwrap().resolution_strategy,
        Some(ResolutionStrategy::None)
    );
}

#[test]
fn backend_jobs() {
    let list: ListBackendJobsResponse = round_trip("list_backend_jobs.json");
    assert!(list.next_token.as_deref().unwrap().ends_with("=="));
    let jobs = list.jobs.unwrap();
    assert_eq!(jobs.len(), 3);
    assert_eq!(jobs[0].status.as_deref(), Some("COMPLETED"));
    assert_eq!(jobs[0].operation.as_deref(), Some("CreateBackendAuth"));
    assert_eq!(jobs[0].error, None);
    assert_eq!(jobs[1].status.as_deref(), Some("FAILED"));
    assert!(jobs[1]
        .error
        .as_deref()
        .unwrap()
        .contains("ValidationException"));
    // Only the required fields.
    assert_eq!(jobs[2].app_id, "d1a2b3c4e5f6g7");
    assert_eq!(jobs[2].backend_environment_name, "staging");
    assert_eq!(
        (&jobs[2].job_id, &jobs[2].create_time, &jobs[2].status),
        (&None, &None, &None)
    );

    let job: GetBackendJobResponse = round_trip("get_backend_job.json");
    assert_eq!(job.job_id, jobs[0].job_id);
    assert_eq!(job.status.as_deref(), Some("IN_PROGRESS"));
    // An empty string is a present value, not an absent one.
    assert_eq!(job.error.as_deref(), Some(""));

    let created: CreateBackendAuthResponse = round_trip("create_backend_auth.json");
    assert_eq!(created.job_id, job.job_id);
    assert_eq!(created.error, None);
}

#[test]
fn tokens_models_and_config() {
    let token: GetTokenResponse = round_trip("get_token.json");
    assert_eq!(token.challenge_code.as_deref(), Some("482913"));
    assert_eq!(token.ttl.as_deref(), Some("600"));

    let models: GetBackendApiModelsResponse = round_trip("get_backend_api_models.json");
    assert_eq!(models.status, Some(Status::Latest));
    assert!(models.models.unwrap().contains("initSchema(schema)"));

    let config: UpdateBackendConfigResponse = round_trip("update_backend_config.json");
    assert_eq!(config.error, None);
    let login = config.login_auth_config.unwrap();
    assert_eq!(login.aws_cognito_region.as_deref(), Some("us-east-1"));
    assert_eq!(
        login.aws_user_pools_id.as_deref(),
        Some("us-east-1_AbCdEfGhI")
    );
}

// ---------------------------------------------------------------------------------------------
// Documents that break the model.

/// Fixture `file` with `edit` applied to the value at JSON pointer `pointer`, as text.
fn edited(file: &str, pointer: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut document = fixture_value(file);
    edit(
        document
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{file}: no {pointer}")),
    );
    serde_json::to_string_pretty(&document).unwrap()
}

/// Fixture `file` without the field `field` of the object at `pointer`.
fn without(file: &str, pointer: &str, field: &str) -> String {
    edited(file, pointer, |object| {
        let removed = object.as_object_mut().unwrap().remove(field);
        assert!(removed.is_some(), "{file}: no {pointer}/{field}");
    })
}

/// Fixture `file` with the value at `pointer` replaced by `value`.
fn replaced(file: &str, pointer: &str, value: Value) -> String {
    edited(file, pointer, |old| *old = value)
}

fn error<T: DeserializeOwned + Debug>(text: &str) -> String {
    serde_json::from_str::<T>(text).unwrap_err().to_string()
}

#[test]
fn missing_required_field_is_named() {
    for (text, error, field) in [
        (
            without("list_backend_jobs.json", "/Jobs/2", "AppId"),
            error::<ListBackendJobsResponse> as fn(&str) -> String,
            "AppId",
        ),
        (
            without(
                "list_backend_jobs.json",
                "/Jobs/0",
                "BackendEnvironmentName",
            ),
            error::<ListBackendJobsResponse>,
            "BackendEnvironmentName",
        ),
        (
            without("get_backend_auth.json", "/ResourceConfig", "Service"),
            error::<GetBackendAuthResponse>,
            "Service",
        ),
        (
            without(
                "get_backend_auth.json",
                "/ResourceConfig",
                "UserPoolConfigs",
            ),
            error::<GetBackendAuthResponse>,
            "UserPoolConfigs",
        ),
        (
            without(
                "get_backend_auth.json",
                "/ResourceConfig/UserPoolConfigs",
                "UserPoolName",
            ),
            error::<GetBackendAuthResponse>,
            "UserPoolName",
        ),
        (
            without(
                "get_backend_auth.json",
                "/ResourceConfig/UserPoolConfigs/Mfa",
                "MFAMode",
            ),
            error::<GetBackendAuthResponse>,
            "MFAMode",
        ),
        (
            without(
                "get_backend_auth.json",
                "/ResourceConfig/UserPoolConfigs/ForgotPassword",
                "DeliveryMethod",
            ),
            error::<GetBackendAuthResponse>,
            "DeliveryMethod",
        ),
        (
            without(
                "create_backend_auth_resource_config.json",
                "/IdentityPoolConfigs",
                "UnauthenticatedLogin",
            ),
            error::<CreateBackendAuthResourceConfig>,
            "UnauthenticatedLogin",
        ),
        (
            without(
                "create_backend_auth_resource_config.json",
                "/UserPoolConfigs/OAuth",
                "RedirectSignOutURIs",
            ),
            error::<CreateBackendAuthResourceConfig>,
            "RedirectSignOutURIs",
        ),
        (
            without(
                "update_backend_auth_resource_config.json",
                "",
                "AuthResources",
            ),
            error::<UpdateBackendAuthResourceConfig>,
            "AuthResources",
        ),
    ] {
        let message = error(&text);
        let expected = format!("missing field `{field}`");
        assert!(message.starts_with(&expected), "{message}");
        assert!(message.contains(" at line "), "{message}");
    }
}

#[test]
fn the_same_fields_are_optional_where_the_model_says_so() {
    // Leaving out a field that is optional in the model is fine.
    for (text, read) in [
        (
            without(
                "get_backend_auth.json",
                "/ResourceConfig",
                "IdentityPoolConfigs",
            ),
            read_ok::<GetBackendAuthResponse> as fn(&str),
        ),
        (
            without("get_backend_auth.json", "", "ResourceConfig"),
            read_ok::<GetBackendAuthResponse>,
        ),
        (
            without(
                "update_backend_auth_resource_config.json",
                "/UserPoolConfigs/Mfa",
                "Settings",
            ),
            read_ok::<UpdateBackendAuthResourceConfig>,
        ),
        (
            without("list_backend_jobs.json", "", "Jobs"),
            read_ok::<ListBackendJobsResponse>,
        ),
    ] {
        read(&text);
    }
}

fn read_ok<T: DeserializeOwned + Debug>(text: &str) {
    if let Err(error) = serde_json::from_str::<T>(text) {
        panic!("{}: {error}", type_name::<T>());
    }
}

#[test]
fn wrong_type_is_described() {
    for (text, error, expected) in [
        (
            replaced(
                "get_backend_auth.json",
                "/ResourceConfig/IdentityPoolConfigs/UnauthenticatedLogin",
                json!("false"),
            ),
            error::<GetBackendAuthResponse> as fn(&str) -> String,
            r#"invalid type: string "false", expected a boolean"#,
        ),
        (
            replaced(
                "get_backend_auth.json",
                "/ResourceConfig/UserPoolConfigs/PasswordPolicy/MinimumLength",
                json!("8"),
            ),
            error::<GetBackendAuthResponse>,
            r#"invalid type: string "8", expected f64"#,
        ),
        (
            replaced(
                "get_backend_auth.json",
                "/ResourceConfig/UserPoolConfigs/Mfa/Settings/MfaTypes",
                json!("TOTP"),
            ),
            error::<GetBackendAuthResponse>,
            r#"invalid type: string "TOTP", expected a sequence"#,
        ),
        (
            replaced("get_backend_auth.json", "/ResourceConfig", json!("COGNITO")),
            error::<GetBackendAuthResponse>,
            r#"invalid type: string "COGNITO", expected struct CreateBackendAuthResourceConfig"#,
        ),
        (
            replaced(
                "get_backend.json",
                "/BackendEnvironmentList",
                json!("staging"),
            ),
            error::<GetBackendResponse>,
            r#"invalid type: string "staging", expected a sequence"#,
        ),
        (
            replaced(
                "get_backend_api.json",
                "/ResourceConfig/DefaultAuthType/Mode",
                json!(3),
            ),
            error::<GetBackendApiResponse>,
            "invalid type: integer `3`, expected a string",
        ),
        (
            replaced(
                "get_backend_api.json",
                "/ResourceConfig/DefaultAuthType/Settings/ExpirationTime",
                json!(true),
            ),
            error::<GetBackendApiResponse>,
            "invalid type: boolean `true`, expected f64",
        ),
        (
            replaced("list_backend_jobs.json", "/Jobs", json!({})),
            error::<ListBackendJobsResponse>,
            "invalid type: map, expected a sequence",
        ),
        (
            replaced("list_backend_jobs.json", "/Jobs/0/AppId", json!(42)),
            error::<ListBackendJobsResponse>,
            "invalid type: integer `42`, expected a string",
        ),
        (
            replaced("list_backend_jobs.json", "/Jobs/2/AppId", json!(null)),
            error::<ListBackendJobsResponse>,
            "invalid type: null, expected a string",
        ),
        (
            replaced("delete_token.json", "/IsSuccess", json!("yes")),
            error::<DeleteTokenResponse>,
            r#"invalid type: string "yes", expected a boolean"#,
        ),
        (
            r#"{"MaxItems": 10.5}"#.to_owned(),
            error::<PaginatorConfig>,
            "invalid type: floating point `10.5`, expected i64",
        ),
    ] {
        let message = error(&text);
        assert!(message.starts_with(expected), "{message}");
        assert!(message.contains(" at line "), "{message}");
    }
}

#[test]
fn null_optional_field_reads_as_absent() {
    let text = replaced("get_backend.json", "/Error", Value::Null);
    let backend: GetBackendResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(backend.error, None);
    assert!(serde_json::to_value(&backend)
        .unwrap()
        .get("Error")
        .is_none());
}

/// Fields the model does not list (say, added by a later API version) are accepted and
/// dropped: the shapes have no place to keep them.
#[test]
fn unlisted_fields_are_ignored() {
    let text = edited("get_backend_job.json", "", |job| {
        job["BackendEnvironmentArn"] = json!("arn:aws:amplify:us-east-1:123456789012:apps/x");
    });
    let job: GetBackendJobResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(
        serde_json::to_value(&job).unwrap(),
        fixture_value("get_backend_job.json")
    );
}

/// A `float` field written as an integer (`8`, as a service may send it and as the CLI
/// prints it then) is read correctly, but is written back as `8.0`: the same number, a
/// different JSON value.
#[test]
fn integral_float_field_is_written_with_a_fraction() {
    let text = replaced(
        "get_backend_auth.json",
        "/ResourceConfig/UserPoolConfigs/PasswordPolicy/MinimumLength",
        json!(8),
    );
    let auth: GetBackendAuthResponse = serde_json::from_str(&text).unwrap();
    let config = auth.resource_config.as_ref().unwrap();
    let policy = config.user_pool_configs.password_policy.as_ref().unwrap();
    assert_eq!(policy.minimum_length, 8.0);
    let written = serde_json::to_value(&auth).unwrap();
    let pointer = "/ResourceConfig/UserPoolConfigs/PasswordPolicy/MinimumLength";
    assert_eq!(written.pointer(pointer).unwrap().to_string(), "8.0");
    assert_eq!(written.pointer(pointer).unwrap().as_f64(), Some(8.0));
}

// ---------------------------------------------------------------------------------------------
// Timestamps. The AmplifyBackend model has no timestamp fields (its times are strings), so a
// test-local shape holds the `Timestamp` generated for `tests/tricky`.

#[derive(Debug, PartialEq, Deserialize, Serialize)]
struct JobTimes {
    #[serde(rename = "JobId")]
    job_id: String,
    #[serde(rename = "CreateTime")]
    create_time: Timestamp,
    #[serde(rename = "UpdateTime")]
    update_time: Timestamp,
    #[serde(
        rename = "FinishTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    finish_time: Option<Timestamp>,
}

#[test]
fn timestamps_in_a_document() {
    let document = r#"{
        "JobId": "8a3c1f2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b",
        "CreateTime": "2021-05-03T20:21:33.412+02:00",
        "UpdateTime": 1620066093,
        "FinishTime": 1620069693.25
    }"#;
    let times: JobTimes = serde_json::from_str(document).unwrap();
    assert_eq!(times.create_time.epoch_seconds(), 1620066093);
    assert_eq!(times.update_time.epoch_seconds(), 1620066093);
    assert_eq!(
        times.finish_time.as_ref().unwrap().epoch_seconds_f64(),
        1620069693.25
    );
    assert_eq!(
        times.update_time,
        "2021-05-03T18:21:33Z".parse::<Timestamp>().unwrap()
    );
    // Every form is written back as it was read: the document is unchanged.
    let written = serde_json::to_value(&times).unwrap();
    assert_eq!(
        written,
        serde_json::from_str::<serde_json::Value>(document).unwrap()
    );
    // It reads back to the same instants and is then written unchanged.
    let again: JobTimes = serde_json::from_value(written.clone()).unwrap();
    assert_eq!(again, times);
    assert_eq!(serde_json::to_value(&again).unwrap(), written);

    // An RFC 3339 UTC string is kept exactly, and a missing optional one stays missing.
    let utc = json!({
        "JobId": "j",
        "CreateTime": "2021-05-03T18:21:33Z",
        "UpdateTime": "2021-05-03T18:21:33.000000001Z"
    });
    let times: JobTimes = serde_json::from_value(utc.clone()).unwrap();
    assert_eq!(times.finish_time, None);
    assert_eq!(serde_json::to_value(&times).unwrap(), utc);
}

#[test]
fn bad_timestamps_in_a_document() {
    const EXPECTED: &str = "expected an ISO 8601 / RFC 3339 timestamp, an HTTP date or epoch seconds (a number or a string)";
    for (create_time, expected) in [
        (
            json!("16200660.93.1"),
            format!(r#"invalid value: string "16200660.93.1", {EXPECTED}"#),
        ),
        (
            json!("2021-05"),
            format!(r#"invalid value: string "2021-05", {EXPECTED}"#),
        ),
        (json!(null), format!("invalid type: null, {EXPECTED}")),
    ] {
        let text = json!({"JobId": "j", "CreateTime": create_time, "UpdateTime": 0}).to_string();
        let message = error::<JobTimes>(&text);
        assert!(message.starts_with(&expected), "{message}");
    }
    let message = error::<JobTimes>(r#"{"JobId": "j", "CreateTime": 0}"#);
    assert!(
        message.starts_with("missing field `UpdateTime`"),
        "{message}"
    );
}

/// Floats are read exactly (serde_json's `float_roundtrip`, which the generated crate turns on),
/// so a document is written back digit for digit: the default parser reads rekognition's
/// `0.40819624066352844` one unit in the last place off and writes `0.4081962406635285`.
#[test]
fn floats_are_written_back_digit_for_digit() {
    for number in ["0.40819624066352844", "6.000000000000001", "1e-7", "0.1"] {
        let document = format!(r#"{{"MinimumLength":{number}}}"#);
        let policy: amplifybackend_shapes::CreateBackendAuthPasswordPolicyConfig =
            serde_json::from_str(&document).unwrap();
        let written = serde_json::to_string(&policy).unwrap();
        assert_eq!(
            written.parse::<serde_json::Value>().unwrap(),
            document.parse::<serde_json::Value>().unwrap(),
            "{number}"
        );
        assert_eq!(
            policy.minimum_length.to_string().parse::<f64>().unwrap(),
            policy.minimum_length
        );
    }
    let policy: amplifybackend_shapes::CreateBackendAuthPasswordPolicyConfig =
        serde_json::from_str(r#"{"MinimumLength":0.40819624066352844}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&policy).unwrap(),
        r#"{"MinimumLength":0.40819624066352844}"#
    );
}
