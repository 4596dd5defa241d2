// The MFA configuration, two builders down, never gets its `MFAMode`.
use amplifybackend_shapes::{
    CreateBackendAuthMfaConfig, CreateBackendAuthResourceConfig, CreateBackendAuthUserPoolConfig,
    Settings,
};

fn main() {
    let _config = CreateBackendAuthResourceConfig::builder()
        .auth_resources("USER_POOL_ONLY")
        .service("COGNITO")
        .user_pool_configs(
            CreateBackendAuthUserPoolConfig::builder()
                .user_pool_name("shopUserPool")
                .sign_in_method("EMAIL")
                .push_required_sign_up_attributes("EMAIL")
                .mfa(
                    CreateBackendAuthMfaConfig::builder()
                        .settings(Settings::builder().push_mfa_types("TOTP").build())
                        .build(),
                )
                .build(),
        )
        .build();
}
