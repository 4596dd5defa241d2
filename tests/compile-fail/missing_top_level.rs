// `AuthResources` is never set: `build()` must not compile.
use amplifybackend_shapes::{CreateBackendAuthResourceConfig, CreateBackendAuthUserPoolConfig};

fn main() {
    let _config = CreateBackendAuthResourceConfig::builder()
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
