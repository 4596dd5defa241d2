//! Snapshots of the code generated for each feature, from small YAML models. Review changes with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test` and read the diff). That the code
//! compiles is proven by `tests/tricky` and `generated/`, which CI builds and lints.

use shapegen::emit::{emit_crate, CrateOptions};
use std::path::Path;

/// The generated `src/{module}.rs` for a model of the given `shapes:` YAML, without the header.
fn emit(module: &str, shapes: &str) -> String {
    let text = format!("service: demo\nshapes:\n{shapes}");
    let model =
        shapegen::yaml::from_str(Path::new("demo.yaml"), &text).unwrap_or_else(|e| panic!("{e}"));
    let files = emit_crate(&model, &CrateOptions::for_model(&model)).unwrap();
    let path = format!("src/{module}.rs");
    let file = files.iter().find(|f| f.path == Path::new(&path)).unwrap();
    file.contents.split_once("\n\n").unwrap().1.to_string()
}

#[test]
fn structure_with_required_optional_and_keyword_fields() {
    insta::assert_snapshot!(emit(
        "structures",
        "
  CreateBackendAuthMFAConfigTypeDef:
    fields:
      MFAMode: {type: MFAMode, required: true}
      Settings: {type: 'list[string]', required: false}
      type: {type: integer, required: false}
      OpenIDAuthTTL: {type: 'map[string, timestamp]', required: false}
  MFAMode:
    values: [OFF, 'ON']
"
    ));
}

#[test]
fn literal_enum_with_awkward_values() {
    insta::assert_snapshot!(emit(
        "enums",
        "
  Status:
    docs: 'Where a job is; see [the guide] <https://example.com>.'
    values: [IN_PROGRESS, UNKNOWN, en-US, '1.0', '*']
"
    ));
}

#[test]
fn inline_literal_and_union() {
    insta::assert_snapshot!(emit(
        "enums",
        "
  AttributeTypeDef:
    fields:
      Service: {type: \"enum['COGNITO']\", required: true}
      Value: {type: 'union[blob, string, integer, null, set[decimal], map[string, any]]', required: false}
"
    ));
}

#[test]
fn recursive_shapes_are_boxed_on_the_cycle_only() {
    insta::assert_snapshot!(emit(
        "structures",
        "
  NodeTypeDef:
    fields:
      Parent: {type: NodeTypeDef, required: false}
      Children: {type: 'list[NodeTypeDef]', required: true}
      Label: {type: LabelTypeDef, required: false}
  LabelTypeDef:
    fields:
      Text: {type: string, required: true}
"
    ));
}

#[test]
fn sensitive_fields_are_redacted_in_debug() {
    insta::assert_snapshot!(emit(
        "structures",
        "
  BackendAuthSocialProviderConfigTypeDef:
    fields:
      ClientId: {type: string, required: false}
      ClientSecret: {type: string, required: false, sensitive: true}
"
    ));
}

#[test]
fn builder_tracks_required_fields_in_its_type() {
    insta::assert_snapshot!(emit(
        "builders",
        "
  NodeTypeDef:
    fields:
      Name: {type: string, required: true, length: {min: 1, max: 64}}
      Tags: {type: 'list[string]', required: true}
      Parent: {type: NodeTypeDef, required: false}
      Labels: {type: 'map[string, string]', required: false}
      build: {type: boolean, required: false}
      Secret: {type: string, required: false, sensitive: true}
"
    ));
}

#[test]
fn validation_lists_only_fields_that_can_break_the_model() {
    insta::assert_snapshot!(emit(
        "structures",
        "
  PolicyTypeDef:
    fields:
      MinimumLength: {type: integer, required: true, range: {min: 6}}
      Name: {type: string, required: false, pattern: '^[a-z]+$', length: {max: 8}}
      Modes: {type: 'list[Mode]', required: false}
      Note: {type: string, required: false}
  Mode:
    values: [A, B]
"
    ));
}
