//! The package around the code: `Cargo.toml` and a README whose example is a doctest.

use super::plan::{EnumOrigin, RustType, StructDef, TypeSpace};
use super::runtime::Runtime;
use super::CrateOptions;
use crate::error::{Error, Result};
use crate::ir::Model;
use crate::output::{GeneratedFile, CACHE_FOLDER, GENERATED_MARKER, MANIFEST};
use crate::settings::{BlobType, JsonKeys, MapType, TimestampType};
use std::fmt::Write as _;

/// The oldest Rust the generated code and its runtime are written for.
const RUST_VERSION: &str = "1.80";

pub fn cargo_toml(model: &Model, options: &CrateOptions, runtime: &Runtime) -> String {
    let mut dependencies = vec![if runtime.serde_derive {
        r#"serde = { version = "1.0.200", features = ["derive"] }"#
    } else {
        r#"serde = "1.0.200""#
    }];
    let mut json_feature = Vec::new();
    // `float_roundtrip`: reads every float exactly, so a document is written back digit for digit
    // (the default parser can be one unit in the last place off).
    if runtime.json {
        dependencies
            .push(r#"serde_json = { version = "1.0.100", features = ["float_roundtrip"] }"#);
    } else if runtime.json_entry {
        dependencies.push(
            r#"serde_json = { version = "1.0.100", features = ["float_roundtrip"], optional = true }"#,
        );
        json_feature.push("\"dep:serde_json\"");
    }
    if runtime.json_entry {
        dependencies.push(r#"serde_path_to_error = { version = "0.1.16", optional = true }"#);
        json_feature.push("\"dep:serde_path_to_error\"");
    }
    if runtime.patterns {
        dependencies.push(r#"regex = "1.10.0""#);
    }
    if runtime.timestamps {
        dependencies.push(r#"time = { version = "0.3.36", features = ["parsing", "formatting"] }"#);
    }
    if runtime.blobs {
        dependencies.push(r#"base64 = "0.23""#);
    }
    if runtime.timestamps {
        match runtime.timestamp {
            TimestampType::Time => {}
            TimestampType::Chrono => {
                dependencies.push(r#"chrono = { version = "0.4.35", default-features = false }"#)
            }
            TimestampType::Jiff => dependencies.push(
                r#"jiff = { version = "0.2.0", default-features = false, features = ["std"] }"#,
            ),
        }
    }
    if runtime.blobs && runtime.blob == BlobType::Bytes {
        dependencies.push(r#"bytes = "1.4.0""#);
    }
    if runtime.schemars {
        dependencies.push(if runtime.maps && runtime.map == MapType::Index {
            r#"schemars = { version = "1.0.0", features = ["indexmap2"] }"#
        } else {
            r#"schemars = "1.0.0""#
        });
    }
    if runtime.maps && runtime.map == MapType::Index {
        dependencies.push(r#"indexmap = { version = "2.0.0", features = ["serde"] }"#);
    }
    dependencies.sort();
    // The README's example reads JSON.
    let dev_dependencies = if runtime.json {
        ""
    } else {
        "\n[dev-dependencies]\nserde_json = \"1.0.100\"\n"
    };
    let package = &options.settings.package;
    let default_keywords = ["aws", &model.service.replace('_', "-"), "serde", "types"]
        .into_iter()
        .filter(|k| is_keyword(k))
        .map(str::to_string)
        .collect();
    let keywords = package.keywords.clone().unwrap_or(default_keywords);
    let default_categories = ["api-bindings", "encoding"].map(str::to_string).to_vec();
    let categories = package.categories.clone().unwrap_or(default_categories);
    let mut toml = format!(
        "# {GENERATED_MARKER}. Do not edit by hand: change the model and run `shapegen generate`.\n\
         [package]\n\
         name = {name}\n\
         version = {version}\n\
         edition = \"2021\"\n\
         rust-version = \"{RUST_VERSION}\"\n",
        name = toml_string(&options.name),
        version = toml_string(&options.version),
    );
    if !package.authors.is_empty() {
        let _ = writeln!(toml, "authors = [{}]", toml_list(&package.authors));
    }
    let description = package
        .description
        .clone()
        .unwrap_or_else(|| description(model));
    let _ = write!(
        toml,
        "description = {description}\n\
         license = {license}\n\
         documentation = {documentation}\n",
        description = toml_string(&description),
        license = toml_string(&options.license),
        documentation = toml_string(&format!("https://docs.rs/{}", options.name)),
    );
    for (key, value) in [
        ("repository", &package.repository),
        ("homepage", &package.homepage),
    ] {
        if let Some(value) = value {
            let _ = writeln!(toml, "{key} = {}", toml_string(value));
        }
    }
    let _ = write!(
        toml,
        "readme = \"README.md\"\n\
         keywords = [{keywords}]\n\
         categories = [{categories}]\n\
         # shapegen's local cache (it ignores itself in git) and its list of the files it wrote:\n\
         # neither belongs in a package.\n\
         exclude = [\"/{cache}\", \"/{manifest}\"]\n\
         \n\
         [package.metadata.docs.rs]\n\
         all-features = true\n\
         \n\
         [dependencies]\n\
         {dependencies}\n\
         {dev_dependencies}",
        keywords = toml_list(&keywords),
        categories = toml_list(&categories),
        cache = CACHE_FOLDER,
        manifest = MANIFEST,
        dependencies = dependencies.join("\n"),
    );
    if !json_feature.is_empty() {
        // On by default: reading JSON is what most users do with these types; turning it off
        // leaves the types, builders and validation without serde_json.
        let _ = write!(
            toml,
            "\n[features]\n\
             default = [\"json\"]\n\
             # `from_json_str` on every structure: read and validate in one call, errors with the JSON path.\n\
             json = [{}]\n",
            json_feature.join(", ")
        );
    }
    toml
}

/// The licence texts known by SPDX identifier: a package carries the texts its `license` names.
const LICENSE_TEXTS: &[(&str, &str, &str)] = &[
    (
        "MIT",
        "LICENSE-MIT",
        include_str!("../../runtime/licenses/LICENSE-MIT"),
    ),
    (
        "Apache-2.0",
        "LICENSE-APACHE",
        include_str!("../../runtime/licenses/LICENSE-APACHE"),
    ),
];

/// A file for each licence of the SPDX expression `license` whose text shapegen knows.
pub fn license_files(license: &str) -> Vec<GeneratedFile> {
    let named: Vec<&str> = license
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .collect();
    LICENSE_TEXTS
        .iter()
        .filter(|(id, _, _)| named.contains(id))
        .map(|(_, path, text)| GeneratedFile {
            path: (*path).into(),
            contents: (*text).to_string(),
        })
        .collect()
}

fn description(model: &Model) -> String {
    let source = match &model.boto3_version {
        Some(version) => format!("the boto3 {version} documentation"),
        None => "its documentation".to_string(),
    };
    format!(
        "Rust types with serde for the shapes of the AWS {} API, generated by shapegen from {source}",
        model.service
    )
}

/// crates.io's rule for keywords.
pub(crate) fn is_keyword(word: &str) -> bool {
    word.len() <= 20
        && word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The crate's README, also its crate-level documentation: the usage example is a doctest.
pub fn readme(model: &Model, options: &CrateOptions, space: &TypeSpace) -> String {
    let crate_ident = options.name.replace('-', "_");
    let dependency_version = options
        .version
        .split('+')
        .next()
        .unwrap_or(&options.version);
    let mut text = format!(
        "<!-- {GENERATED_MARKER}. Do not edit by hand: change the model and run `shapegen generate`. -->\n\
         # {name}\n\n\
         {description}.\n\n\
         {structs} structures and {enums} enums. Every structure and enum is at the crate root, named as the\n\
         AWS SDK for Rust names it; required fields are plain values, optional ones `Option`s; enums keep\n\
         values they do not know in an `Unknown` variant, so a new server value never fails to read.\n\n\
         {builders}```toml\n[dependencies]\n{name} = \"{dependency_version}\"\n```\n",
        name = options.name,
        description = description(model),
        structs = space.structs.len(),
        enums = space.enums.len() + space.unions.len(),
        builders = if space.structs.is_empty() {
            ""
        } else {
            "Every structure `Foo` has `Foo::builder()` (module `builders`), whose `build()` compiles\n\
             only once every required field is set; fields set at run time (`set_x(Option<_>)`)\n\
             are checked by `try_build()`, whose error names every missing field. Every value has\n\
             `validate()` (the trait `primitives::Validate`), which lists every way it breaks the model.\n\n"
        },
    );
    let keys = options.settings.rust.json_keys.unwrap_or_default();
    let chosen = options.settings.package.readme_example.as_deref();
    if let Some((def, json)) = example_document(space, keys, chosen) {
        let _ = write!(
            text,
            "\nReading and writing a document:\n\n\
             ```rust\n\
             fn main() -> Result<(), serde_json::Error> {{\n    \
                 let document = {json};\n    \
                 let value: {crate_ident}::{ty} = serde_json::from_str(document)?;\n    \
                 assert!({crate_ident}::primitives::Validate::validate(&value).is_ok());\n    \
                 let written = serde_json::to_value(&value)?;\n    \
                 assert_eq!(written, serde_json::from_str::<serde_json::Value>(document)?);\n    \
                 Ok(())\n\
             }}\n\
             ```\n",
            json = rust_raw_string(&json),
            ty = def.name,
        );
    }
    let literal = space
        .enums
        .iter()
        .find(|e| matches!(e.origin, EnumOrigin::Literal(_)));
    // A backtick fence inside a value would end the README's code block.
    let example = literal.and_then(|e| {
        Some((
            &e.name,
            e.variants.first().filter(|(_, v)| !v.contains('`'))?,
        ))
    });
    if let Some((ty, (variant, value))) = example {
        let _ = write!(
            text,
            "\nEnums read any string and keep the ones they do not know:\n\n\
             ```rust\n\
             use {crate_ident}::{ty};\n\n\
             assert_eq!({ty}::from({value:?}), {ty}::{variant});\n\
             assert_eq!({ty}::{variant}.as_str(), {value:?});\n\
             let later = {ty}::from(\"A VALUE ADDED LATER\");\n\
             assert!(matches!(later, {ty}::Unknown(_)));\n\
             assert_eq!(later.as_str(), \"A VALUE ADDED LATER\");\n\
             ```\n",
        );
    }
    text
}

/// The README's example: the structure `package.readme_example` names, else the first by Rust
/// name among the structures with a required field that another structure refers to, else the
/// first by Rust name with a required field; with a JSON document of its required fields.
///
/// The rule keeps the example on one shape across updates: a later model moves it only by
/// removing or renaming that shape or adding one that sorts before it. Nested structures come
/// first because they are the API's building blocks, whose names stay: mypy-boto3 renamed every
/// operation's request and response of AmplifyBackend twice (1.17.102, 1.17.103), none of them.
fn example_document<'a>(
    space: &'a TypeSpace,
    keys: JsonKeys,
    chosen: Option<&str>,
) -> Option<(&'a StructDef, String)> {
    let document = |def: &'a StructDef| {
        let json = example_struct(space, keys, def, 0).filter(|json| !json.contains('`'))?;
        Some((def, json))
    };
    if let Some(source) = chosen {
        return space
            .structs
            .iter()
            .find(|s| s.source == source)
            .and_then(document);
    }
    let referred: std::collections::BTreeSet<&str> = space
        .structs
        .iter()
        .flat_map(|s| s.fields.iter().filter_map(|f| named_in(&f.ty)))
        .collect();
    let mut candidates: Vec<&StructDef> = space
        .structs
        .iter()
        .filter(|s| s.fields.iter().any(|f| f.required))
        .collect();
    candidates.sort_by_key(|s| (!referred.contains(s.name.as_str()), &s.name));
    candidates.into_iter().find_map(document)
}

/// The generated type a field of type `ty` holds, in a collection too.
fn named_in(ty: &RustType) -> Option<&str> {
    match ty {
        RustType::Named { name, .. } => Some(name),
        RustType::Vec(item) | RustType::BTreeSet(item) | RustType::BTreeMap(_, item) => {
            named_in(item)
        }
        _ => None,
    }
}

/// `keys`: whose JSON keys (a required field is always in the body: see
/// [`service_json::planned_model`](super::service_json::planned_model)).
fn example_struct(
    space: &TypeSpace,
    keys: JsonKeys,
    def: &StructDef,
    depth: usize,
) -> Option<String> {
    if depth > 4 {
        return None;
    }
    let mut members = Vec::new();
    for field in def.fields.iter().filter(|f| f.required) {
        members.push(format!(
            "{}: {}",
            json_string(super::service_json::serde_key(field, keys)?),
            example_value(space, keys, &field.ty, depth)?
        ));
    }
    Some(format!("{{{}}}", members.join(", ")))
}

fn example_value(space: &TypeSpace, keys: JsonKeys, ty: &RustType, depth: usize) -> Option<String> {
    Some(match ty {
        RustType::String => "\"example\"".into(),
        RustType::I64 => "1".into(),
        RustType::F64 => "1.5".into(),
        RustType::Bool => "true".into(),
        RustType::Timestamp => "\"2021-05-03T18:21:33Z\"".into(),
        RustType::Blob => "\"aGVsbG8=\"".into(),
        RustType::Json | RustType::BTreeMap(..) => "{}".into(),
        RustType::Vec(_) | RustType::BTreeSet(_) => "[]".into(),
        RustType::Named { name, .. } => {
            if let Some(e) = space.enums.iter().find(|e| &e.name == name) {
                json_string(&e.variants.first()?.1)
            } else if let Some(s) = space.structs.iter().find(|s| &s.name == name) {
                example_struct(space, keys, s, depth + 1)?
            } else {
                return None;
            }
        }
    })
}

fn json_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as a Rust raw string literal, with enough `#` that nothing inside can end it.
fn rust_raw_string(text: &str) -> String {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}

/// A TOML basic string: whatever `text` holds, it stays a string.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `"a", "b"`: TOML strings for the inside of an array.
fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| toml_string(item)).collect();
    items.join(", ")
}

/// Cargo's rule for package names: ASCII letters, digits, `-` and `_`, starting with a letter.
pub fn check_package_name(name: &str) -> Result<()> {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.len() <= 64;
    if valid {
        Ok(())
    } else {
        Err(Error::new(format!("`{name}` is not a valid package name"))
            .with_hint("use ASCII letters, digits, `-` and `_`, starting with a letter (at most 64 characters)"))
    }
}

/// A semantic version as Cargo reads it (the `semver` crate), pre-release and build metadata
/// allowed: `1.2.3`, `1.2.3-rc.1+boto3.1.17.62`; not `01.2.3` or `1.2.3-a..b`.
pub fn check_version(version: &str) -> Result<(), String> {
    semver::Version::parse(version)
        .map(drop)
        .map_err(|e| format!("`{version}` is not a semantic version ({e}): write MAJOR.MINOR.PATCH, e.g. 0.1.0, optionally with -PRE-RELEASE and +BUILD"))
}

/// A boto3 release, which becomes the version's build metadata and the README's text: dot-separated
/// identifiers of ASCII letters, digits and `-`, such as `1.17.62`.
pub fn check_boto3_version(version: &str) -> Result<(), String> {
    let metadata = semver::BuildMetadata::new(version).ok();
    metadata.filter(|m| !m.is_empty()).map(drop).ok_or_else(|| {
        format!(
            "boto3 version `{version}` is not dot-separated ASCII letters, digits and `-`, e.g. 1.17.62"
        )
    })
}

/// A service name, which names files and reaches the README and the docs: ASCII letters, digits,
/// `_` and `-`.
pub fn check_service_name(service: &str) -> Result<(), String> {
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if !service.is_empty() && service.chars().all(plain) {
        Ok(())
    } else {
        Err(format!(
            "service name `{service}` is not ASCII letters, digits, `_` and `-`"
        ))
    }
}

/// What [`emit_crate`](super::emit_crate) needs of a model's names and versions, for a model made
/// in code rather than read (readers check each where it stands).
pub fn check_package(model: &Model, options: &CrateOptions) -> Result<()> {
    check_package_name(&options.name)?;
    options.settings.check()?;
    if let Some(shape) = &options.settings.package.readme_example {
        crate::settings::check_readme_example(model, shape).map_err(Error::new)?;
    }
    let checks = [
        crate::settings::check_license(&options.license),
        check_service_name(&model.service),
        check_version(&options.version),
        model
            .boto3_version
            .as_deref()
            .map_or(Ok(()), check_boto3_version),
    ];
    checks
        .into_iter()
        .collect::<Result<(), String>>()
        .map_err(Error::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_escape_their_quotes() {
        assert_eq!(toml_string("a\"b\\c\n"), r#""a\"b\\c\u000A""#);
        assert_eq!(json_string("a\"b\\\u{1}"), r#""a\"b\\\u0001""#);
        assert_eq!(rust_raw_string(r#"{"a":1}"#), r##"r#"{"a":1}"#"##);
        assert_eq!(
            rust_raw_string(r##"{"x"#": 1}"##),
            r###"r##"{"x"#": 1}"##"###
        );
    }

    #[test]
    fn package_names_and_versions_are_checked() {
        assert!(check_package_name("amplifybackend-shapes").is_ok());
        assert!(check_package_name("x\"\n[dependencies]").is_err());
        assert!(check_package_name("").is_err());
        assert!(check_version("0.1.0").is_ok());
        assert!(check_version("1.2.3-rc.1+boto3.1.17.62").is_ok());
        for bad in [
            "1.2",
            "01.2.3",
            "1.2.3-a..b",
            "1.2.3+",
            "1.2.3-rc.01",
            "1.2.3 ",
        ] {
            assert!(
                check_version(bad)
                    .unwrap_err()
                    .contains("is not a semantic version"),
                "{bad}"
            );
        }
        assert!(check_boto3_version("1.17.62").is_ok());
        assert!(check_boto3_version("1.17.62\n```\npanic!()").is_err());
        assert!(check_boto3_version("").is_err());
        assert!(check_service_name("sagemaker-a2i_runtime").is_ok());
        for bad in ["", "s3 `x`", "s\n```", "../x"] {
            assert!(check_service_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keywords_follow_crates_io() {
        assert!(is_keyword("amplifybackend"));
        assert!(!is_keyword("sagemaker-featurestore-runtime"));
        assert!(!is_keyword("1password"));
    }
}
