// `AuthResources` comes from an `Option`: it may be missing, so `build()` must not compile
// (`try_build()` would).
use amplifybackend_shapes::{
    AuthResources, CreateBackendAuthResourceConfig, CreateBackendAuthUserPoolConfig,
};

fn main() {
    let resources: Option<AuthResources> = Some(AuthResources::UserPoolOnly);
    let _config = CreateBackendAuthResourceConfig::builder()
        .set_auth_resources(resources)
        .service("COGNITO")
        .user_pool_configs(
            CreateBackendAuthUserPoolConfig::builder()
                .user_pool_name("shopUserPool")
                .sign_in_method("EMAIL")
                .push_required_sign_up_attributes("EMAIL")
                .build(),
        )
        .build();
}
