//! Hostile names never break the generated code: shape, field and value names that are keywords,
//! std names, start with digits, are not ASCII, are empty, collide after case conversion, are very
//! long or carry `*/`, `"#`, NUL or code always give Rust that parses, in which no input text is
//! code, and where colliding names are numbered deterministically (see `naming::dedupe`: the first
//! keeps its name, later ones get the lowest free number from 2 in model order). One such crate is
//! also compiled.

mod common;

use proc_macro2::{TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::sample::select;
use shapegen::emit::{emit_crate, CrateOptions};
use shapegen::ir::{Field, Literal, Model, Shape, ShapeKind, Structure, Type};
use shapegen::output::GeneratedFile;
use shapegen::yaml;
use std::collections::BTreeSet;
use std::path::Path;

/// Text that has broken generators: keywords, std and prelude names, names of the generated crate's
/// own items, leading digits, non-ASCII, empty, names that meet after case conversion, comment and
/// string terminators, and code.
const AWKWARD: &[&str] = &[
    "",
    "_",
    "__",
    "type",
    "Type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "match",
    "async",
    "await",
    "dyn",
    "try",
    "gen",
    "union",
    "abstract",
    "r#type",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Box",
    "Vec",
    "Default",
    "Clone",
    "Debug",
    "std",
    "core",
    "serde",
    "Unknown",
    "UNKNOWN",
    "UnknownValue",
    "build",
    "Builder",
    "builders",
    "primitives",
    "Validate",
    "1st",
    "2019-01-01",
    "3d",
    "10GB",
    "é",
    "Ünïcödé",
    "日本語",
    "🎉",
    "foo_bar",
    "FooBar",
    "fooBar",
    "foo-bar",
    "FOO_BAR",
    "foo bar",
    "FooTypeDef",
    "Foo",
    "*/",
    "/*",
    "\"#",
    "#\"",
    "\0",
    "a\nb",
    "\r\n",
    "\\",
    "'",
    "fn evil() {}",
    "\"); fn evil() { (\"",
    "*/ fn evil() {} /*",
    "#[doc = \"x\"]",
    "}",
    "{",
];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(AWKWARD).prop_map(str::to_string),
        2 => (select(AWKWARD), select(AWKWARD)).prop_map(|(a, b)| format!("{a}{b}")),
        2 => "[A-Za-z_][A-Za-z0-9_]{0,10}",
        2 => "\\PC{0,12}",
        1 => any::<String>(),
        1 => "[a-z]{300,400}",
    ]
}

fn docs() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(prop_oneof![name(), "\\PC{0,40}"])
}

/// A field type: scalars, containers, and references to other shapes by position.
#[derive(Clone, Debug)]
enum FieldType {
    Scalar(Type),
    List(Box<FieldType>),
    Map(Box<FieldType>),
    Enum(Vec<String>),
    Union(Box<FieldType>, Box<FieldType>),
    Ref(usize),
}

fn field_type() -> impl Strategy<Value = FieldType> {
    let leaf = prop_oneof![
        select(vec![
            Type::String,
            Type::Integer,
            Type::Float,
            Type::Boolean,
            Type::Timestamp,
            Type::Blob,
            Type::Any,
        ])
        .prop_map(FieldType::Scalar),
        proptest::collection::vec(name(), 1..4).prop_map(FieldType::Enum),
        any::<usize>().prop_map(FieldType::Ref),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| FieldType::List(Box::new(t))),
            inner.clone().prop_map(|t| FieldType::Map(Box::new(t))),
            (inner.clone(), inner).prop_map(|(a, b)| FieldType::Union(Box::new(a), Box::new(b))),
        ]
    })
}

impl FieldType {
    fn to_type(&self, shapes: &[String]) -> Type {
        match self {
            FieldType::Scalar(ty) => ty.clone(),
            FieldType::List(item) => Type::List(Box::new(item.to_type(shapes))),
            // Keys are strings: the only other keys allowed, literal types, come up as values.
            FieldType::Map(value) => {
                Type::Map(Box::new(Type::String), Box::new(value.to_type(shapes)))
            }
            FieldType::Enum(values) => Type::Enum(distinct(values)),
            FieldType::Union(a, b) => Type::union([a.to_type(shapes), b.to_type(shapes)]),
            FieldType::Ref(index) => Type::Ref(shapes[index % shapes.len()].clone()),
        }
    }
}

#[derive(Clone, Debug)]
enum ShapeSpec {
    Structure(Vec<(String, FieldType, bool, Option<String>)>),
    Literal(Vec<String>),
}

fn shape() -> impl Strategy<Value = (String, Option<String>, ShapeSpec)> {
    let field = (name(), field_type(), any::<bool>(), docs());
    let spec = prop_oneof![
        3 => proptest::collection::vec(field, 0..6).prop_map(ShapeSpec::Structure),
        1 => proptest::collection::vec(name(), 1..6).prop_map(ShapeSpec::Literal),
    ];
    (name(), docs(), spec)
}

fn distinct(names: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    names.iter().filter(|n| seen.insert(*n)).cloned().collect()
}

/// A model as a YAML model can state it: distinct shape names, field names and values.
fn model(shapes: Vec<(String, Option<String>, ShapeSpec)>) -> Model {
    let names = distinct(&shapes.iter().map(|(n, _, _)| n.clone()).collect::<Vec<_>>());
    let mut model = Model::new("hostile");
    for (name, docs, spec) in shapes {
        let kind = match spec {
            ShapeSpec::Structure(fields) => {
                let mut seen = BTreeSet::new();
                ShapeKind::Structure(Structure {
                    fields: fields
                        .into_iter()
                        .filter(|(wire, ..)| seen.insert(wire.clone()))
                        .map(|(wire, ty, required, docs)| Field {
                            docs,
                            ..Field::new(wire, ty.to_type(&names), required)
                        })
                        .collect(),
                })
            }
            ShapeSpec::Literal(values) => ShapeKind::Literal(Literal {
                values: distinct(&values),
            }),
        };
        model.shapes.entry(name).or_insert(Shape { docs, kind });
    }
    model
}

/// Every token of `tokens` that is not a literal, groups opened.
fn code_tokens(tokens: TokenStream, out: &mut Vec<TokenTree>) {
    for token in tokens {
        match token {
            TokenTree::Group(group) => code_tokens(group.stream(), out),
            TokenTree::Literal(_) => {}
            other => out.push(other),
        }
    }
}

/// Every string literal's value in `file` (doc comments included).
fn string_values(file: &syn::File) -> BTreeSet<String> {
    fn walk(tokens: TokenStream, out: &mut BTreeSet<String>) {
        for token in tokens {
            match token {
                TokenTree::Group(group) => walk(group.stream(), out),
                TokenTree::Literal(literal) => {
                    if let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&literal.to_string()) {
                        out.insert(s.value());
                    }
                }
                _ => {}
            }
        }
    }
    let mut values = BTreeSet::new();
    walk(quote::ToTokens::to_token_stream(file), &mut values);
    values
}

/// The names a module file defines at its top level, and checks that each struct's fields and each
/// enum's variants are distinct.
fn item_names(file: &syn::File) -> Vec<String> {
    let mut names = Vec::new();
    for item in &file.items {
        let (name, members): (_, Vec<String>) = match item {
            syn::Item::Struct(s) => (
                &s.ident,
                s.fields
                    .iter()
                    .filter_map(|f| f.ident.as_ref())
                    .map(ToString::to_string)
                    .collect(),
            ),
            syn::Item::Enum(e) => (
                &e.ident,
                e.variants.iter().map(|v| v.ident.to_string()).collect(),
            ),
            _ => continue,
        };
        let distinct: BTreeSet<&String> = members.iter().collect();
        assert_eq!(
            distinct.len(),
            members.len(),
            "`{name}` repeats a member: {members:?}"
        );
        names.push(name.to_string());
    }
    names
}

fn rust_files(files: &[GeneratedFile]) -> impl Iterator<Item = (&GeneratedFile, syn::File)> {
    files
        .iter()
        .filter(|f| f.path.extension() == Some("rs".as_ref()))
        .map(|f| match syn::parse_file(&f.contents) {
            Ok(parsed) => (f, parsed),
            Err(e) => panic!("{} does not parse: {e}\n{}", f.path.display(), f.contents),
        })
}

fn check(model: &Model) {
    // What `model export` writes reads back as the same model, hostile names and all.
    let text = yaml::to_string(model);
    let read =
        yaml::from_str(Path::new("hostile.yaml"), &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(&read, model);

    let options = CrateOptions::for_model(model);
    let files = emit_crate(model, &options).unwrap_or_else(|e| panic!("{e}\n{model:#?}"));
    // Collisions are resolved the same way every time (no hash order leaks).
    assert_eq!(emit_crate(model, &options).unwrap(), files);

    let mut strings = BTreeSet::new();
    let mut exported = Vec::new();
    for (file, parsed) in rust_files(&files) {
        let mut code = Vec::new();
        code_tokens(quote::ToTokens::to_token_stream(&parsed), &mut code);
        for token in &code {
            if let TokenTree::Ident(ident) = token {
                // `evil` only ever comes from the input's `fn evil() {}`, which may become part of
                // an identifier (`fn_evil`) but never a token of its own.
                assert_ne!(
                    ident,
                    "evil",
                    "input text became code in {}",
                    file.path.display()
                );
                assert!(ident.to_string().is_ascii(), "identifier `{ident}`");
            }
        }
        if matches!(
            file.path.to_str(),
            Some("src/structures.rs" | "src/enums.rs")
        ) {
            exported.extend(item_names(&parsed));
        }
        strings.extend(string_values(&parsed));
    }
    // Both modules are re-exported at the root, so their names must not meet.
    let distinct: BTreeSet<&String> = exported.iter().collect();
    assert_eq!(distinct.len(), exported.len(), "{exported:?}");

    // Wire names and values reach the code exactly, as string literals.
    for shape in model.shapes.values() {
        let wire: Vec<&String> = match &shape.kind {
            ShapeKind::Structure(s) => s.fields.iter().map(|f| &f.name).collect(),
            ShapeKind::Literal(l) => l.values.iter().collect(),
        };
        for text in wire {
            assert!(
                strings.contains(text),
                "{text:?} is not in the code as a string"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn hostile_names_give_code_that_parses_and_says_them_only_in_strings(
        shapes in proptest::collection::vec(shape(), 1..8)
    ) {
        check(&model(shapes));
    }
}

/// One model with every awkward name as a shape, a field and a value.
fn adversarial_model() -> Model {
    let names: Vec<String> = AWKWARD.iter().map(|n| n.to_string()).collect();
    let fields = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let ty = match i % 6 {
                0 => FieldType::Ref(i + 1),
                1 => FieldType::List(Box::new(FieldType::Ref(i))),
                2 => FieldType::Enum(vec![name.clone(), "x".into()]),
                3 => FieldType::Union(
                    Box::new(FieldType::Scalar(Type::Timestamp)),
                    Box::new(FieldType::Ref(i + 3)),
                ),
                4 => FieldType::Map(Box::new(FieldType::Scalar(Type::Blob))),
                _ => FieldType::Scalar(Type::Any),
            };
            (
                name.clone(),
                ty,
                i % 2 == 0,
                Some(format!("{name} */ \"# fn evil() {{}}")),
            )
        })
        .collect::<Vec<_>>();
    let shapes = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let spec = if i % 3 == 0 {
                ShapeSpec::Literal(names.clone())
            } else {
                ShapeSpec::Structure(fields[i % 7..].iter().take(12).cloned().collect())
            };
            (name.clone(), Some(format!("{name} */")), spec)
        })
        .collect();
    let mut model = model(shapes);
    // Recursion by value directly, through a union, through a map value, and between two shapes
    // through a union: each must be boxed (or already be behind a collection) to compile.
    let by_name = |name: &str| Type::Ref(name.to_string());
    let structure = |fields: Vec<Field>| Shape {
        docs: None,
        kind: ShapeKind::Structure(Structure { fields }),
    };
    model.shapes.insert(
        "TreeTypeDef".into(),
        structure(vec![
            Field::new("Itself", by_name("TreeTypeDef"), false),
            Field::new(
                "Either",
                Type::union([by_name("TreeTypeDef"), Type::String]),
                true,
            ),
            Field::new(
                "Children",
                Type::Map(Box::new(Type::String), Box::new(by_name("TreeTypeDef"))),
                true,
            ),
        ]),
    );
    for (this, other) in [
        ("PingTypeDef", "PongTypeDef"),
        ("PongTypeDef", "PingTypeDef"),
    ] {
        let ty = Type::union([by_name(other), Type::Integer]);
        model
            .shapes
            .insert(this.into(), structure(vec![Field::new("Next", ty, true)]));
    }
    model
}

#[test]
fn an_adversarial_crate_compiles() {
    let model = adversarial_model();
    check(&model);
    let files = emit_crate(&model, &CrateOptions::for_model(&model)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    shapegen::write::write_files(dir.path(), &files, shapegen::write::Others::RemoveStale).unwrap();
    common::copy_lock_file(dir.path());
    let output = std::process::Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--all-features"])
        .current_dir(dir.path())
        // Warnings are errors: adversarial names must give idiomatic code too.
        .env("RUSTFLAGS", "-Dwarnings")
        // Not the target folder of the `cargo test` running this, which it keeps locked.
        .env(
            "CARGO_TARGET_DIR",
            common::repo().join("target/adversarial-sample"),
        )
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_carriage_return_in_docs_stays_out_of_the_code() {
    let model = model(vec![(
        "FooTypeDef".into(),
        Some("one\rtwo".into()),
        ShapeSpec::Structure(vec![(
            "Name".into(),
            FieldType::Scalar(Type::String),
            true,
            Some("three\rfour".into()),
        )]),
    )]);
    check(&model);
}
