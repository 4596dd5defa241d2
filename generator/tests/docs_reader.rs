//! The structure-docs reader against the real gen1 corpus and against malformed pages.

mod common;

use common::{location, structure};

use shapegen::docs::{read_dir, read_pages};
use shapegen::ir::{Field, Model, ShapeKind, Type};
use shapegen::{Error, LoadOptions, Loaded};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn gen1() -> PathBuf {
    common::corpus("gen1-1.17.62")
}

fn read(dir: &Path) -> Loaded {
    read_dir(dir, &LoadOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

fn field<'a>(model: &'a Model, shape: &str, name: &str) -> &'a Field {
    structure(model, shape)
        .field(name)
        .unwrap_or_else(|| panic!("{shape} has no field {name}"))
}

fn r(name: &str) -> Type {
    Type::Ref(name.into())
}

fn counts(model: &Model) -> (usize, usize) {
    let literals = model
        .shapes
        .values()
        .filter(|s| matches!(s.kind, ShapeKind::Literal(_)))
        .count();
    (model.shapes.len() - literals, literals)
}

#[test]
fn reads_every_gen1_service() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(gen1())
        .expect("gen1 corpus")
        .map(|entry| entry.expect("corpus entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    let start = Instant::now();
    let loaded: Vec<(PathBuf, Loaded)> = dirs.iter().map(|dir| (dir.clone(), read(dir))).collect();
    let elapsed = start.elapsed();

    let (mut structures, mut literals, mut warned) = (0, 0, Vec::new());
    for (dir, l) in &loaded {
        let folder = dir.file_name().unwrap().to_str().unwrap();
        // Every folder is named after its module, so the import line and the fallback agree.
        assert_eq!(l.model.service, folder);
        assert_eq!(shapegen::ir::check(&l.model), [], "{folder}");
        let has_literals = dir.join("literals.md").exists();
        assert_eq!(l.inputs.len(), if has_literals { 2 } else { 1 }, "{folder}");
        let (s, lit) = counts(&l.model);
        if !has_literals {
            assert_eq!(lit, 0, "{folder}");
        }
        structures += s;
        literals += lit;
        if !l.warnings.is_empty() {
            warned.push(folder);
        }
    }
    println!(
        "read {} services, {} shapes ({structures} structures, {literals} literal types) in {} ms",
        loaded.len(),
        structures + literals,
        elapsed.as_millis()
    );
    assert_eq!(loaded.len(), 199);
    // 4,560 literal sections; 1,270 are mypy-boto3's own (paginator, waiter names) that no field uses.
    assert_eq!((structures, literals), (13102, 3290));
    // The services whose fields name literal types that their literals page does not list.
    assert_eq!(warned, ["fsx", "sagemaker", "timestream_query", "wafv2"]);
}

#[test]
fn amplifybackend() {
    let l = read(&gen1().join("amplifybackend"));
    assert_eq!(l.model.service, "amplifybackend");
    // 14 literal types on the page; `ListBackendJobsPaginatorName` is mypy-boto3's own, unused.
    assert_eq!(counts(&l.model), (50, 13));
    assert!(l.warnings.is_empty());
    assert_eq!(
        structure(&l.model, "BackendAPIAuthTypeTypeDef").fields,
        vec![
            Field::new("Mode", r("Mode"), false),
            Field::new("Settings", r("BackendAPIAppSyncAuthSettingsTypeDef"), false),
        ]
    );
    assert_eq!(
        *field(
            &l.model,
            "CreateBackendAuthOAuthConfigTypeDef",
            "OAuthScopes"
        ),
        Field::new(
            "OAuthScopes",
            Type::List(Box::new(r("OAuthScopesElement"))),
            true
        )
    );
    // Required fields first, then optional, each in source order.
    let names: Vec<(&str, bool)> = structure(&l.model, "CreateBackendAuthOAuthConfigTypeDef")
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        names,
        [
            ("OAuthGrantType", true),
            ("OAuthScopes", true),
            ("RedirectSignInURIs", true),
            ("RedirectSignOutURIs", true),
            ("DomainPrefix", false),
            ("SocialProviderSettings", false),
        ]
    );
    let ShapeKind::Literal(mode) = &l.model.shapes["Mode"].kind else {
        panic!("Mode is not a literal");
    };
    assert_eq!(
        mode.values,
        [
            "AMAZON_COGNITO_USER_POOLS",
            "API_KEY",
            "AWS_IAM",
            "OPENID_CONNECT"
        ]
    );
}

#[test]
fn wafv2_unlisted_literals_warn_or_fail_when_strict() {
    let dir = gen1().join("wafv2");
    let l = read(&dir);
    let warnings: Vec<(usize, usize, &str)> = l
        .warnings
        .iter()
        .map(|w| (w.location.line, w.location.column, w.message.as_str()))
        .collect();
    let expected = [
        (166, 28, "PositionalConstraint"),
        (453, 24, "FallbackBehavior"),
        (468, 25, "CountryCode"),
        (637, 24, "FallbackBehavior"),
        (638, 16, "ForwardedIPPosition"),
        (735, 13, "LabelMatchScope"),
        (1033, 24, "RateBasedStatementAggregateKeyType"),
        (1269, 26, "ComparisonOperator"),
        (1353, 12, "TextTransformationType"),
    ]
    .map(|(line, column, name)| {
        (
            line,
            column,
            format!(
                "literal type `{name}` is not listed in literals.md; using an open string type"
            ),
        )
    });
    assert_eq!(
        warnings,
        expected
            .iter()
            .map(|(l, c, m)| (*l, *c, m.as_str()))
            .collect::<Vec<_>>()
    );
    assert!(l
        .warnings
        .iter()
        .all(|w| w.location.file == dir.join("type_defs.md")));
    let model = &l.model;
    assert_eq!(
        field(model, "ByteMatchStatementTypeDef", "PositionalConstraint").ty,
        Type::String
    );
    assert_eq!(
        field(model, "GeoMatchStatementTypeDef", "CountryCodes").ty,
        Type::List(Box::new(Type::String))
    );

    let err = read_dir(
        &dir,
        &LoadOptions {
            strict: true,
            ..LoadOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(location(&err), "wafv2/type_defs.md:166:28");
    assert!(
        err.message.contains("`PositionalConstraint` is not listed"),
        "{err}"
    );
    assert!(err.to_string().contains("--strict"), "{err}");
}

#[test]
fn dynamodb_attribute_value_union_normalises() {
    let l = read(&gen1().join("dynamodb"));
    let set = |t: Type| Type::Set(Box::new(t));
    let attribute_value = Type::Union(vec![
        Type::Blob,
        Type::String,
        Type::Integer,
        Type::Decimal,
        Type::Boolean,
        set(Type::Integer),
        set(Type::Decimal),
        set(Type::String),
        // `Set[bytes]` and `Set[bytearray]` are one type.
        set(Type::Blob),
        Type::List(Box::new(Type::Any)),
        Type::Map(Box::new(Type::String), Box::new(Type::Any)),
        Type::Null,
    ]);
    assert_eq!(
        field(&l.model, "AttributeValueUpdateTypeDef", "Value").ty,
        attribute_value
    );
    let item = Type::Map(Box::new(Type::String), Box::new(attribute_value));
    assert_eq!(
        field(&l.model, "BatchGetItemOutputTypeDef", "Responses").ty,
        Type::Map(Box::new(Type::String), Box::new(Type::List(Box::new(item))))
    );
}

#[test]
fn s3_response_metadata_and_streaming_bodies() {
    let l = read(&gen1().join("s3"));
    // 64 literal sections, 9 of them mypy-boto3's own paginator and waiter names.
    assert_eq!(counts(&l.model), (190, 55));
    let any_map = Type::Map(Box::new(Type::String), Box::new(Type::Any));
    assert_eq!(
        structure(&l.model, "ResponseMetadata").fields,
        vec![
            Field::new("RequestId", Type::String, true),
            Field::new("HostId", Type::String, true),
            Field::new("HTTPStatusCode", Type::Integer, true),
            Field::new("HTTPHeaders", any_map, true),
            Field::new("RetryAttempts", Type::Integer, true),
        ]
    );
    assert_eq!(
        field(
            &l.model,
            "AbortMultipartUploadOutputTypeDef",
            "ResponseMetadata"
        )
        .ty,
        r("ResponseMetadata")
    );
    // `Union[bytes, IO[bytes]]` and `StreamingBody` are both blobs.
    assert_eq!(
        field(&l.model, "RecordsEventTypeDef", "Payload").ty,
        Type::Blob
    );
    assert_eq!(
        field(&l.model, "GetObjectOutputTypeDef", "Body").ty,
        Type::Blob
    );
}

#[test]
fn a_service_without_literals_page_reads_type_defs_only() {
    let dir = gen1().join("sts");
    let l = read(&dir);
    assert_eq!(l.inputs, [dir.join("type_defs.md")]);
    assert_eq!(counts(&l.model).1, 0);
}

/// `case/file:line:col` of an error in a fixture.
fn fixture_error(case: &str) -> Error {
    match read_dir(&common::docs_fixtures().join(case), &LoadOptions::default()) {
        Ok(l) => panic!("{case} read without error: {:?}", l.model),
        Err(e) => e,
    }
}

#[test]
fn malformed_pages_fail_at_the_offending_place() {
    let cases = [
        (
            "no_field_lists",
            "type_defs.md:12:1",
            "section `EmptyTypeDef` has no `Required fields:` or `Optional fields:` list",
        ),
        (
            "label_without_list",
            "type_defs.md:9:1",
            "expected a list after `Optional fields:`",
        ),
        (
            "field_not_name_type",
            "type_defs.md:11:1",
            "expected a field item `` - `Name`: `Type` ``, found `Size: int`",
        ),
        (
            "missing_colon",
            "type_defs.md:10:11",
            "expected `:` after the field name `Name`",
        ),
        (
            "field_without_type",
            "type_defs.md:10:4",
            "field `Name` has no type",
        ),
        (
            "unbalanced_brackets",
            "type_defs.md:10:16",
            "field `Tags`: unbalanced brackets: this `[` is never closed",
        ),
        (
            "extra_bracket",
            "type_defs.md:10:21",
            "unbalanced brackets: `]` without a matching `[`",
        ),
        (
            "duplicate_shape",
            "type_defs.md:21:1",
            "duplicate shape `FooTypeDef`: already defined at line 12",
        ),
        (
            "duplicate_field",
            "type_defs.md:14:4",
            "duplicate field `A` in `FooTypeDef`: already listed at line 10",
        ),
        (
            "unknown_generic",
            "type_defs.md:10:19",
            "unknown generic `Tuple`; expected one of List, Sequence, Set, Dict, Mapping, Union, Literal, IO",
        ),
        (
            "wrong_arity",
            "type_defs.md:10:12",
            "`Dict` takes two type parameters, `Dict[K, V]`, found 1",
        ),
        (
            "empty_file",
            "type_defs.md:1:1",
            "no shape sections",
        ),
        (
            "unterminated_string",
            "type_defs.md:10:25",
            "unterminated string",
        ),
        (
            "empty_literal",
            "type_defs.md:10:12",
            "empty `Literal[]`",
        ),
        (
            "missing_ref",
            "type_defs.md:20:17",
            "no shape named `BarTypeDef` in this page",
        ),
        (
            "nesting_too_deep",
            "type_defs.md:10:336",
            "type nested more than 64 brackets deep",
        ),
        (
            "heading_not_a_name",
            "type_defs.md:3:1",
            "expected a shape name after `##`, found `Foo TypeDef`",
        ),
        (
            "quoted_literal",
            "type_defs.md:10:12",
            "`Mode` is a literal type, but a quoted name refers to a structure",
        ),
        (
            "bare_structure",
            "type_defs.md:19:12",
            "`GoodTypeDef` is a structure, but an unquoted name refers to a literal type",
        ),
        (
            "literal_without_values",
            "literals.md:14:1",
            "literal type `Color` has no values",
        ),
        (
            "duplicate_literal_value",
            "literals.md:13:4",
            "duplicate value `ON` in literal type `Mode`: already listed at line 11",
        ),
        (
            "literal_value_not_code",
            "literals.md:12:1",
            "expected a literal value item `` - `VALUE` ``, found `OFF`",
        ),
        (
            "literal_collides_with_structure",
            "literals.md:3:1",
            "literal type `Mode` has the same name as the structure at",
        ),
        (
            "empty_literals_page",
            "literals.md:1:1",
            "no literal sections",
        ),
    ];
    for (case, at, phrase) in cases {
        let err = fixture_error(case);
        assert_eq!(location(&err), format!("{case}/{at}"), "{err}");
        assert!(err.message.contains(phrase), "{case}: {err}");
    }
    let collision = fixture_error("literal_collides_with_structure");
    assert!(collision
        .message
        .ends_with("literal_collides_with_structure/type_defs.md:12:1"));
}

#[test]
fn unlisted_literal_fixture_becomes_open_strings() {
    let dir = common::docs_fixtures().join("unlisted_literal");
    let l = read(&dir);
    let at: Vec<(usize, usize)> = l
        .warnings
        .iter()
        .map(|w| (w.location.line, w.location.column))
        .collect();
    assert_eq!(at, [(10, 12), (11, 24)]);
    assert_eq!(field(&l.model, "FooTypeDef", "Mode").ty, Type::String);
    assert_eq!(
        field(&l.model, "FooTypeDef", "Modes").ty,
        Type::Union(vec![Type::List(Box::new(Type::String)), Type::String])
    );
    let err = read_dir(
        &dir,
        &LoadOptions {
            strict: true,
            ..LoadOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(location(&err), "unlisted_literal/type_defs.md:10:12");
}

#[test]
fn binary_garbage_fails_at_the_first_invalid_byte() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"# Structures\n\n## FooTypeDef\n\nab".to_vec();
    bytes.extend([0xC3, 0xA9, 0xFF, 0x00, 0x89, 0x50, 0x4E, 0x47]);
    std::fs::write(dir.path().join("type_defs.md"), &bytes).unwrap();
    let err = read_dir(dir.path(), &LoadOptions::default()).unwrap_err();
    let location = err.location.as_ref().unwrap();
    assert_eq!(location.file, dir.path().join("type_defs.md"));
    // Line 5: `ab`, then `é` (two bytes, one column), then 0xFF.
    assert_eq!((location.line, location.column), (5, 4));
    assert!(
        err.message.contains("not UTF-8 text: invalid byte 0xFF"),
        "{err}"
    );

    std::fs::write(
        dir.path().join("type_defs.md"),
        "## ATypeDef\n\nOptional fields:\n- `A`: `str`\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("literals.md"), [b'#', b' ', 0x80]).unwrap();
    let err = read_dir(dir.path(), &LoadOptions::default()).unwrap_err();
    assert_eq!(
        err.location.unwrap(),
        shapegen::Location::new(dir.path().join("literals.md"), 1, 3)
    );
}

#[test]
fn a_missing_type_defs_page_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_dir(dir.path(), &LoadOptions::default()).unwrap_err();
    assert!(err.location.is_none());
    assert!(err.message.contains("type_defs.md"), "{err}");
}

const PAGE: &str = "## FooTypeDef\n\n```python\nfrom mypy_boto3_foo_bar.type_defs import FooTypeDef\n```\n\nOptional fields:\n- `A`: `str`\n";

fn read_one(type_defs: &str) -> shapegen::Result<Loaded> {
    read_pages(
        (Path::new("mem/type_defs.md"), type_defs),
        None,
        "fallback",
        &LoadOptions::default(),
    )
}

#[test]
fn pages_in_memory_name_their_service_and_inputs() {
    let l = read_one(PAGE).unwrap();
    assert_eq!(l.model.service, "foo_bar");
    assert_eq!(l.inputs, [PathBuf::from("mem/type_defs.md")]);
    let without_import = PAGE.replace("from mypy_boto3_foo_bar", "from elsewhere");
    assert_eq!(read_one(&without_import).unwrap().model.service, "fallback");
}

#[test]
fn items_may_mix_code_text_and_links() {
    // The shape of later generations: types in several pieces, wrapped, with escaped brackets, and
    // links that say whether a name is a structure or a literal type.
    let type_defs = "## FooTypeDef\n\nOptional fields:\n\n- `Bars`:\n  `List`\\[[BarTypeDef](./type_defs.md#bartypedef)\\]\n- `Mode`: [Mode](./literals.md#mode)\n\n## BarTypeDef\n\nOptional fields:\n- `A`: `str`\n";
    let literals = "## Mode\n\nValues:\n\n- `ON`\n";
    let l = read_pages(
        (Path::new("t.md"), type_defs),
        Some((Path::new("l.md"), literals)),
        "svc",
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        structure(&l.model, "FooTypeDef").fields,
        [
            Field::new("Bars", Type::List(Box::new(r("BarTypeDef"))), false),
            Field::new("Mode", r("Mode"), false),
        ]
    );
    // An error in a wrapped item points into its second line, at the escaped bracket.
    let broken = type_defs.replace("\\]\n", "\n");
    let err = read_one(&broken).unwrap_err();
    let location = err.location.unwrap();
    assert_eq!((location.line, location.column), (6, 10), "{}", err.message);
    assert!(err.message.contains("never closed"));
}

#[test]
fn hostile_input_fails_cleanly() {
    let hostile = [
        ("\0\0\0".to_string(), "1:1", "no shape sections"),
        (
            format!("{PAGE}- `B`: `List[str\0]`\n"),
            "9:17",
            "unexpected character `\\0`",
        ),
        (
            format!("{PAGE}- `B`: `{}`\n", "[".repeat(1 << 20)),
            "9:9",
            "expected a type, found `[`",
        ),
        (
            format!(
                "{PAGE}- `B`: `{}str{}`\n",
                "List[".repeat(1 << 16),
                "]".repeat(1 << 16)
            ),
            "9:333",
            "nested more than 64",
        ),
        (
            format!("{PAGE}\n{}x", "- ".repeat(1 << 12)),
            "10:1",
            "expected a field item `` - `Name`: `Type` ``, found `x`",
        ),
        (
            (1..1000).fold(PAGE.to_string(), |page, depth| {
                page + &"  ".repeat(depth) + "- x\n"
            }),
            "9:5",
            "unexpected `x` after a complete type",
        ),
        (
            format!("## {}", "`".repeat(1 << 16)),
            "1:1",
            "expected a shape name",
        ),
    ];
    for (page, at, phrase) in &hostile {
        let err = read_one(page).unwrap_err();
        let location = err.location.as_ref().unwrap();
        assert_eq!(
            &format!("{}:{}", location.line, location.column),
            at,
            "{err}"
        );
        assert!(err.message.contains(phrase), "{err}");
    }
    // Content that means nothing to the reader is skipped; a huge name is just a name.
    for tail in [
        ">".repeat(1 << 16),
        "[".repeat(1 << 16),
        "\0".repeat(1 << 16),
    ] {
        read_one(&format!("{PAGE}\n{tail}")).unwrap();
    }
    let long_name = read_one(&format!("{PAGE}- `B`: `{}`\n", "x".repeat(1 << 20))).unwrap();
    assert_eq!(long_name.warnings.len(), 1);
    // A valid page with a huge field list still reads.
    let mut big = PAGE.to_string();
    for i in 0..20_000 {
        big.push_str(&format!("- `F{i}`: `Dict[str, List[\"FooTypeDef\"]]`\n"));
    }
    assert_eq!(
        structure(&read_one(&big).unwrap().model, "FooTypeDef")
            .fields
            .len(),
        20_001
    );
}

#[test]
fn mutated_pages_never_panic() {
    let page = std::fs::read_to_string(gen1().join("amplifybackend/type_defs.md")).unwrap();
    let bytes = page.as_bytes();
    let alphabet = b"[]`\"',:-#\n \\*_<>()\0";
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize
    };
    for _ in 0..300 {
        let mut mutated = bytes.to_vec();
        for _ in 0..1 + next() % 8 {
            let at = next() % mutated.len();
            match next() % 3 {
                0 => mutated[at] = alphabet[next() % alphabet.len()],
                1 => {
                    mutated.remove(at);
                }
                _ => mutated.insert(at, alphabet[next() % alphabet.len()]),
            }
        }
        let text = String::from_utf8_lossy(&mutated);
        let _ = read_one(&text);
    }
}
