//! The structure-docs reader across every docs generation of the corpus: each folder reads, one API
//! gives one model whatever generation documents it, and malformed gen 2–4 pages fail where they are
//! wrong.

mod common;

use common::{corpus, docs_fixtures, location, structure};

use shapegen::docs::{read_dir, read_pages};
use shapegen::ir::{Field, Literal, Model, ShapeKind, Type};
use shapegen::{LoadOptions, Loaded};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn read(dir: &Path) -> Model {
    read_dir(dir, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .model
}

/// The service folders of a corpus folder, sorted.
fn services(folder: &str) -> Vec<PathBuf> {
    let dir = corpus(folder);
    let mut services: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("corpus entry").path())
        .filter(|path| path.is_dir())
        .collect();
    services.sort();
    services
}

/// Reads every service of `folder`, failing with every error at once, and checks the count of
/// services and of the shapes they define.
fn read_every_service(folder: &str, expected_services: usize, expected_shapes: usize) {
    let services = services(folder);
    let start = Instant::now();
    let mut failures = Vec::new();
    let (mut shapes, mut warnings) = (0, 0);
    for dir in &services {
        match read_dir(dir, &LoadOptions::default()) {
            Ok(Loaded {
                model, warnings: w, ..
            }) => {
                let problems = shapegen::ir::check(&model);
                if !problems.is_empty() {
                    failures.push(format!("{}: {problems:?}", dir.display()));
                }
                shapes += model.shapes.len();
                warnings += w.len();
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    println!(
        "{folder}: {} services, {shapes} shapes, {warnings} warnings, read in {} ms",
        services.len(),
        start.elapsed().as_millis()
    );
    assert!(
        failures.is_empty(),
        "{} of {} services failed:\n{}",
        failures.len(),
        services.len(),
        failures.join("\n")
    );
    assert_eq!(services.len(), expected_services, "{folder}");
    assert_eq!(shapes, expected_shapes, "{folder}");
}

#[test]
fn every_gen1_service_reads() {
    read_every_service("gen1-1.17.62", 199, 16392);
}

#[test]
fn every_gen2_service_reads() {
    read_every_service("gen2-1.17.64", 45, 5043);
}

#[test]
fn every_gen3_service_reads() {
    read_every_service("gen3-1.17.79", 45, 5082);
}

#[test]
fn every_gen3b_service_reads() {
    read_every_service("gen3b-1.20.50", 45, 8301);
}

#[test]
fn every_gen4_service_reads() {
    read_every_service("gen4-1.24.36", 232, 32671);
}

#[test]
fn every_amplifybackend_version_reads() {
    read_every_service("history/amplifybackend", 55, 5152);
}

fn literal<'a>(model: &'a Model, name: &str) -> &'a Literal {
    match &model.shapes.get(name).map(|s| &s.kind) {
        Some(ShapeKind::Literal(l)) => l,
        other => panic!("{name} is {other:?}"),
    }
}

#[test]
fn gen1_and_gen2_of_one_api_give_one_model() {
    let gen2 = services("gen2-1.17.64");
    let mut identical = Vec::new();
    for dir in &gen2 {
        let name = dir.file_name().unwrap().to_str().unwrap();
        let gen1 = corpus("gen1-1.17.62").join(name);
        if gen1.is_dir() && read(&gen1) == read(dir) {
            identical.push(name);
        }
    }
    println!(
        "{} of {} gen-2 services give the gen-1 model: {identical:?}",
        identical.len(),
        gen2.len()
    );
    assert!(identical.contains(&"amplifybackend"), "{identical:?}");
    assert!(identical.contains(&"sqs"), "{identical:?}");
    assert_eq!(identical.len(), 34);

    // dynamodb's pages differ: gen 2 lists the fields of output shapes as required, gen 1 as
    // optional. Nothing else differs, so the reader is not at fault.
    let (gen1, gen2) = (
        read(&corpus("gen1-1.17.62/dynamodb")),
        read(&corpus("gen2-1.17.64/dynamodb")),
    );
    assert_eq!(
        gen1.shapes.keys().collect::<Vec<_>>(),
        gen2.shapes.keys().collect::<Vec<_>>()
    );
    let mut changed = 0;
    for (name, shape) in &gen1.shapes {
        if *shape == gen2.shapes[name] {
            continue;
        }
        changed += 1;
        assert!(name.ends_with("OutputTypeDef"), "{name}");
        let (old, new) = (
            &structure(&gen1, name).fields,
            &structure(&gen2, name).fields,
        );
        let as_optional = |fields: &[Field]| -> Vec<Field> {
            let mut fields = fields.to_vec();
            fields.iter_mut().for_each(|f| f.required = false);
            fields.sort_by(|a, b| a.name.cmp(&b.name));
            fields
        };
        assert_eq!(as_optional(old), as_optional(new), "{name}");
        assert!(old.iter().all(|f| !f.required), "{name}");
    }
    assert_eq!(changed, 46);
}

fn history(version: &str) -> Model {
    read(&corpus("history/amplifybackend").join(version))
}

#[test]
fn amplifybackend_format_changes_alone_keep_the_model() {
    // 01–02: gen 1 (index.md, then README.md links); 03–04: gen 2; 05: relative links, names not
    // yet suffixed; 06–14: gen 3, `ModeType` and so on. The API did not change over them.
    let versions = [
        "01-1.17.62",
        "02-1.17.62",
        "03-1.17.62",
        "04-1.17.64",
        "05-1.17.70",
        "06-1.17.71",
        "14-1.17.79",
    ];
    let first = history(versions[0]);
    assert_eq!(first, read(&corpus("gen1-1.17.62/amplifybackend")));
    assert_eq!(first, read(&corpus("gen3-1.17.79/amplifybackend")));
    for version in &versions[1..] {
        assert!(history(version) == first, "{version} differs from 01");
    }
    // Gen 3 to gen 3b (`<a id>` anchors), and gen 4 to gen 4.
    assert_eq!(history("34-1.20.19"), history("35-1.20.50"));
    assert_eq!(history("45-1.22.2"), history("46-1.23.1"));
}

#[test]
fn suffixed_literal_names_map_back_to_gen1() {
    let gen1 = read(&corpus("gen1-1.17.62/amplifybackend"));
    let gen3 = read(&corpus("gen3-1.17.79/amplifybackend"));
    assert_eq!(literal(&gen3, "Mode"), literal(&gen1, "Mode"));
    assert!(!gen3.shapes.contains_key("ModeType"));
    // `OAuthGrantTypeType` loses one suffix only.
    assert_eq!(
        literal(&gen3, "OAuthGrantType"),
        literal(&gen1, "OAuthGrantType")
    );
    // The paginator name never had one, and as mypy-boto3's own literal it is no shape at all.
    assert!(!gen3.shapes.contains_key("ListBackendJobsPaginatorName"));
    assert!(!gen3.shapes.contains_key("ListBackendJobsPaginatorNameType"));

    // A chain maps back as it came: gen 3's `StatusTypeType` and `StatusType` are gen 1's
    // `StatusType` and `Status`.
    let (ec2_1, ec2_3) = (
        read(&corpus("gen1-1.17.62/ec2")),
        read(&corpus("gen3-1.17.79/ec2")),
    );
    for name in [
        "Status",
        "StatusType",
        "InstanceLifecycle",
        "InstanceLifecycleType",
    ] {
        assert_eq!(literal(&ec2_3, name), literal(&ec2_1, name), "{name}");
    }

    // Gen 4 keeps `ServiceNameType` beside mypy-boto3's own `ServiceName`, and references follow.
    let gen4 = read(&corpus("gen4-1.24.36/amplifybackend"));
    assert_eq!(literal(&gen4, "Mode"), literal(&gen1, "Mode"));
    assert_eq!(literal(&gen4, "ServiceNameType").values, ["S3"]);
    // mypy-boto3's own `ServiceName` (every boto3 client's name) is no shape of this API.
    assert!(!gen4.shapes.contains_key("ServiceName"));
    assert_eq!(
        structure(&gen4, "BackendAPIAuthTypeTypeDef").fields,
        [
            Field::new("Mode", Type::Ref("Mode".into()), false),
            Field::new(
                "Settings",
                Type::Ref("BackendAPIAppSyncAuthSettingsTypeDef".into()),
                false
            ),
        ]
    );
    assert_eq!(
        structure(&gen4, "ImportBackendStorageRequestRequestTypeDef")
            .field("ServiceName")
            .unwrap()
            .ty,
        Type::Ref("ServiceNameType".into())
    );
}

#[test]
fn gen4_type_spellings() {
    let list = |t: Type| Type::List(Box::new(t));
    let dynamodb = read(&corpus("gen4-1.24.36/dynamodb"));
    let request = structure(&dynamodb, "BatchGetItemInputRequestTypeDef");
    assert_eq!(
        request.field("RequestItems").unwrap().ty,
        Type::Map(
            Box::new(Type::String),
            Box::new(Type::Ref("KeysAndAttributesTypeDef".into()))
        )
    );
    assert!(request.field("RequestItems").unwrap().required);
    assert!(!request.field("ReturnConsumedCapacity").unwrap().required);

    let ec2 = read(&corpus("gen4-1.24.36/ec2"));
    // `Optional[T]` is `T` or `None`.
    assert_eq!(
        structure(&ec2, "CreateTagsRequestDhcpOptionsCreateTagsTypeDef")
            .field("Tags")
            .unwrap()
            .ty,
        Type::Union(vec![list(Type::Ref("TagTypeDef".into())), Type::Null])
    );

    // boto3's transfer helpers: a file object is a blob, a Python callback opaque, and the client
    // and config classes the docs do not define are open strings, with a warning each.
    let s3 = read_dir(&corpus("gen4-1.24.36/s3"), &LoadOptions::default()).unwrap();
    let upload = structure(&s3.model, "BucketUploadFileobjRequestTypeDef");
    assert_eq!(upload.field("Fileobj").unwrap().ty, Type::Blob);
    assert_eq!(upload.field("Callback").unwrap().ty, Type::Any);
    assert_eq!(upload.field("Config").unwrap().ty, Type::String);
    let warning = s3
        .warnings
        .iter()
        .find(|w| w.message.contains("`TransferConfig`"))
        .unwrap();
    assert!(warning
        .message
        .contains("is neither a structure here nor a literal type listed in literals.md"));
}

/// `case/file:line:col` of an error in a fixture.
#[test]
fn malformed_later_generation_pages_fail_at_the_offending_place() {
    let cases = [
        (
            "gen4_field_line_without_colon",
            "type_defs.md:24:5",
            "expected a field `Name: Type,` or `Name: NotRequired[Type],`, found \
             `Description NotRequired[str],`",
        ),
        (
            "gen2_unbalanced_wrapped",
            "type_defs.md:15:10",
            "field `Tags`: unbalanced brackets: this `[` is never closed",
        ),
        (
            "gen4_literal_without_values",
            "literals.md:29:12",
            "literal type `ModeType`: empty `Literal[]`: expected at least one value",
        ),
        (
            "gen4_unknown_generic",
            "type_defs.md:24:33",
            "field `Pairs`: unknown generic `Tuple`",
        ),
        (
            "gen4_field_outside_class",
            "type_defs.md:24:1",
            "field `Size` is outside any class; expected it indented under \
             `class FooTypeDef(TypedDict):`",
        ),
        (
            "gen4_duplicate_field",
            "type_defs.md:25:5",
            "duplicate field `Name` in `FooTypeDef`: already listed at line 23",
        ),
        (
            "gen4_class_name_mismatch",
            "type_defs.md:22:7",
            "class `BarTypeDef` in the section of `FooTypeDef`",
        ),
        (
            "gen4_no_definition_block",
            "type_defs.md:26:1",
            "section `BarTypeDef` has no definition block",
        ),
        (
            "gen3_unclosed_note",
            "type_defs.md:13:32",
            "this `(` is never closed: a note in a type ends with `)`",
        ),
    ];
    for (case, at, phrase) in cases {
        let err = match read_dir(&docs_fixtures().join(case), &LoadOptions::default()) {
            Ok(l) => panic!("{case} read without error: {:?}", l.model),
            Err(e) => e,
        };
        assert_eq!(location(&err), format!("{case}/{at}"), "{err}");
        assert!(err.message.contains(phrase), "{case}: {err}");
    }
}

const GEN4_HEAD: &str = "# Typed dictionaries\n\n## FooTypeDef\n\n```python title=\"Usage Example\"\nfrom mypy_boto3_demo.type_defs import FooTypeDef\n```\n\n";

fn read_gen4(definition: &str, literals: Option<&str>) -> shapegen::Result<Loaded> {
    let type_defs = format!("{GEN4_HEAD}```python title=\"Definition\"\n{definition}```\n");
    read_pages(
        (Path::new("t.md"), &type_defs),
        literals.map(|l| (Path::new("l.md"), l)),
        "fallback",
        &LoadOptions::default(),
    )
}

#[test]
fn gen4_classes_in_memory() {
    // A class with no fields, and Python's ways of saying so.
    for body in ["", "    pass\n", "\n    # nothing\n"] {
        let l = read_gen4(&format!("class FooTypeDef(TypedDict):\n{body}"), None).unwrap();
        assert_eq!(l.model.service, "demo");
        assert!(
            structure(&l.model, "FooTypeDef").fields.is_empty(),
            "{body:?}"
        );
    }
    // Comments and commas are optional; a `#` inside a string is no comment.
    let l = read_gen4(
        "class FooTypeDef(TypedDict):\n    A: Literal['#1']  # (1)\n    B: NotRequired[int]\n",
        None,
    )
    .unwrap();
    assert_eq!(
        structure(&l.model, "FooTypeDef").fields,
        [
            Field::new("A", Type::Enum(vec!["#1".into()]), true),
            Field::new("B", Type::Integer, false),
        ]
    );
    // Errors inside the block point at the file: line 10 is the class, 11 the first field.
    for (definition, at, phrase) in [
        ("    A: str,\n", "10:5", "field `A` is outside any class"),
        (
            "class FooTypeDef(dict):\n",
            "10:1",
            "expected `class FooTypeDef(TypedDict):`, found `class FooTypeDef(dict):`",
        ),
        (
            "class FooTypeDef(TypedDict):\n    A:\n",
            "11:5",
            "field `A` has no type",
        ),
        (
            "class FooTypeDef(TypedDict):\n    A: List[str,\n",
            "11:12",
            "field `A`: unbalanced brackets",
        ),
        (
            "class FooTypeDef(TypedDict):\n    A: str,\nclass FooTypeDef(TypedDict):\n",
            "12:1",
            "a second class in the definition of `FooTypeDef`",
        ),
        ("", "9:1", "the definition of `FooTypeDef` has no class"),
        (
            "class \n",
            "10:7",
            "class `` in the section of `FooTypeDef`",
        ),
    ] {
        let err = read_gen4(definition, None).unwrap_err();
        let location = err.location.as_ref().unwrap();
        assert_eq!(
            format!("{}:{}", location.line, location.column),
            at,
            "{err}"
        );
        assert!(err.message.contains(phrase), "{err}");
    }
}

#[test]
fn gen4_names_resolve_by_the_page_that_defines_them() {
    let literals = "# Literals\n\n## ModeType\n\n```python title=\"Definition\"\nModeType = Literal[\n    \"ON\",\n    \"OFF\",\n]\n```\n## StatusType\n\n```python title=\"Definition\"\nStatusType = Literal[\"A\"]\n```\n";
    let l = read_gen4(
        "class FooTypeDef(TypedDict):\n    Mode: ModeType,\n    Self: NotRequired[Sequence[FooTypeDef]],\n    Other: NotRequired[Unknown],\n",
        Some(literals),
    )
    .unwrap();
    assert_eq!(
        structure(&l.model, "FooTypeDef").fields,
        [
            Field::new("Mode", Type::Ref("Mode".into()), true),
            Field::new(
                "Self",
                Type::List(Box::new(Type::Ref("FooTypeDef".into()))),
                false
            ),
            Field::new("Other", Type::String, false),
        ]
    );
    assert_eq!(literal(&l.model, "Mode").values, ["ON", "OFF"]);
    assert_eq!(literal(&l.model, "Status").values, ["A"]);
    let [warning] = l.warnings.as_slice() else {
        panic!("{:?}", l.warnings);
    };
    assert_eq!((warning.location.line, warning.location.column), (13, 24));

    for (literals, at, phrase) in [
        (
            "## ModeType\n\n```python title=\"Definition\"\nMode = Literal[\"A\"]\n```\n",
            "4:1",
            "expected `ModeType = Literal[...]`, found `Mode` assigned",
        ),
        (
            "## ModeType\n\n```python title=\"Definition\"\nModeType = str\n```\n",
            "4:12",
            "expected `ModeType = Literal[...]`, found `str`",
        ),
        (
            "## ModeType\n\n```python title=\"Definition\"\nModeType = Literal[\n    \"A\",\n    \"A\",\n]\n```\n",
            "6:5",
            "literal type `ModeType`: duplicate value \"A\"",
        ),
    ] {
        let err = read_gen4("class FooTypeDef(TypedDict):\n    Mode: ModeType,\n", Some(literals))
            .unwrap_err();
        let location = err.location.as_ref().unwrap();
        assert_eq!(location.file, Path::new("l.md"));
        assert_eq!(
            format!("{}:{}", location.line, location.column),
            at,
            "{err}"
        );
        assert!(err.message.contains(phrase), "{err}");
    }
}

#[test]
fn gen3_notes_and_suffixes_in_memory() {
    // An inline literal keeps its values; the note naming its literal type is dropped.
    let type_defs = "## FooTypeDef\n\nOptional fields:\n\n- `Locale`: `Literal['en-US']` (see\n  [LocaleType](./literals.md#localetype))\n- `Tags`: `Dict`\\[`Literal['A']` (see [KeyType](./literals.md#keytype)),\n  [BarTypeDef](./type_defs.md#bartypedef)\\]\n- `Mode`: [ModeType](./literals.md#modetype)\n- `Service`: [ServiceNameType](./literals.md#servicenametype)\n\n## BarTypeDef\n\nOptional fields:\n\n- `Name`: `str`\n";
    let literals = "## LocaleType\n\nValues:\n\n- `en-US`\n\n## KeyType\n\nValues:\n\n- `A`\n\n## ModeType\n\nValues:\n\n- `ON`\n\n## ServiceNameType\n\nValues:\n\n- `X`\n\n## ServiceName\n\nValues:\n\n- `Y`\n\n## ListFoosPaginatorName\n\nValues:\n\n- `list_foos`\n";
    let read = |literals: &str| {
        read_pages(
            (Path::new("t.md"), type_defs),
            Some((Path::new("l.md"), literals)),
            "svc",
            &LoadOptions::default(),
        )
        .unwrap()
        .model
    };
    let model = read(literals);
    assert_eq!(
        structure(&model, "FooTypeDef").fields,
        [
            Field::new("Locale", Type::Enum(vec!["en-US".into()]), false),
            Field::new(
                "Tags",
                Type::Map(
                    Box::new(Type::Enum(vec!["A".into()])),
                    Box::new(Type::Ref("BarTypeDef".into()))
                ),
                false
            ),
            Field::new("Mode", Type::Ref("Mode".into()), false),
            // `ServiceName` is mypy-boto3's own literal, so `ServiceNameType` keeps its name.
            Field::new("Service", Type::Ref("ServiceNameType".into()), false),
        ]
    );
    // mypy-boto3's own `ServiceName` and `ListFoosPaginatorName` describe boto3, and no field uses
    // them: they are no shapes of the API.
    let names: Vec<&str> = model.shapes.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "BarTypeDef",
            "FooTypeDef",
            "Key",
            "Locale",
            "Mode",
            "ServiceNameType"
        ]
    );
    // One literal name outside the stubs' own families without the suffix: the page predates it,
    // and every name stays as written.
    let model = read(&literals.replace("## KeyType", "## Key"));
    assert!(model.shapes.contains_key("ModeType") && model.shapes.contains_key("LocaleType"));
}

#[test]
fn mutated_gen4_pages_never_panic() {
    let dir = corpus("gen4-1.24.36/amplifybackend");
    let type_defs = std::fs::read_to_string(dir.join("type_defs.md")).unwrap();
    let literals = std::fs::read_to_string(dir.join("literals.md")).unwrap();
    let alphabet = b"[]`\"',:-#\n \\*_<>()=.\t\0class NotRequired";
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize
    };
    for round in 0..300 {
        let mut mutated = [type_defs.as_bytes().to_vec(), literals.as_bytes().to_vec()];
        let page = &mut mutated[round % 2];
        for _ in 0..1 + next() % 8 {
            let at = next() % page.len();
            match next() % 3 {
                0 => page[at] = alphabet[next() % alphabet.len()],
                1 => {
                    page.remove(at);
                }
                _ => page.insert(at, alphabet[next() % alphabet.len()]),
            }
        }
        let [t, l] = mutated.map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        let _ = read_pages(
            (Path::new("t.md"), &t),
            Some((Path::new("l.md"), &l)),
            "svc",
            &LoadOptions::default(),
        );
    }
}
