//! Hostile sizes end in a clear error or in completion, never in a stack overflow: deep nesting of
//! markdown, of types and of YAML, big pages and many shapes. Each runs on a thread with a 1 MiB
//! stack (a build script's main thread has 8), so recursion that grows with the input fails here
//! first. Sizes that would take long in a debug build are scaled down; BENCHMARKS.md has the full
//! ones, measured with the release binary. No test here times anything.

mod common;

use shapegen::emit::{emit_crate, CrateOptions};
use shapegen::{docs, yaml, LoadOptions, Loaded, Result};
use std::path::Path;

const DEEP: usize = 10_000;

/// Runs `f` on a thread with a small stack; a stack overflow aborts the test binary.
fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

fn read_page(page: String) -> Result<Loaded> {
    small_stack(move || {
        docs::read_pages(
            (Path::new("type_defs.md"), &page),
            None,
            "limits",
            &LoadOptions::default(),
        )
    })
}

const SECTION: &str = "## FooTypeDef\n\nRequired fields:\n\n- `Name`: `str`\n\n";

#[test]
fn deeply_nested_markdown_is_read_without_overflowing() {
    for nested in [
        "> ".repeat(DEEP) + "quoted",
        "- ".repeat(DEEP) + "item",
        "[".repeat(DEEP) + "x" + &"](y)".repeat(DEEP),
        "*".repeat(DEEP) + "x" + &"*".repeat(DEEP),
        "<div>".repeat(DEEP),
    ] {
        // After a field list: prose to skip, or (a list) more items that are not fields.
        let page = format!("{SECTION}{nested}\n");
        match read_page(page) {
            Ok(loaded) => assert_eq!(loaded.model.shapes.len(), 1),
            Err(error) => assert!(error.location.is_some(), "{error}"),
        }
    }
}

#[test]
fn deeply_nested_types_are_refused() {
    let docs_type = "List[".repeat(DEEP) + "str" + &"]".repeat(DEEP);
    let page = format!("## FooTypeDef\n\nRequired fields:\n\n- `Deep`: `{docs_type}`\n");
    let error = read_page(page).unwrap_err();
    assert!(error.message.contains("nested more than 64"), "{error}");

    let yaml_type = "list[".repeat(DEEP) + "string" + &"]".repeat(DEEP);
    let model = format!(
        "service: s\nshapes:\n  Foo:\n    fields:\n      Deep: {{type: '{yaml_type}', required: true}}\n"
    );
    let error = small_stack(move || yaml::from_str(Path::new("m.yaml"), &model)).unwrap_err();
    assert!(error.message.contains("deeper than 64"), "{error}");
}

#[test]
fn deeply_nested_yaml_is_refused() {
    for nested in [
        "[".repeat(DEEP) + &"]".repeat(DEEP),
        "{a: ".repeat(DEEP) + "b" + &"}".repeat(DEEP),
        (0..DEEP)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect(),
    ] {
        let model = format!("service: s\nshapes:\n  Foo:\n    docs: {nested}\n");
        let error = small_stack(move || yaml::from_str(Path::new("m.yaml"), &model)).unwrap_err();
        assert!(error.location.is_some(), "{error}");
    }
}

/// `n` structures (each referring to the next, and all in one cycle) and a literal type.
fn many_shapes(n: usize) -> String {
    let mut text = String::from("service: many\nshapes:\n  Mode:\n    values: [A, B]\n");
    for i in 0..n {
        text.push_str(&format!(
            "  Shape{i}TypeDef:\n    fields:\n      Name: {{type: string, required: true}}\n      \
             Next: {{type: Shape{}TypeDef, required: false}}\n      Mode: {{type: Mode, required: false}}\n",
            (i + 1) % n
        ));
    }
    text
}

#[test]
fn many_shapes_generate_in_time() {
    const SHAPES: usize = 5_000;
    let text = many_shapes(SHAPES);
    let files = small_stack(move || {
        let model = yaml::from_str(Path::new("many.yaml"), &text)?;
        emit_crate(&model, &CrateOptions::for_model(&model))
    })
    .unwrap();
    let structures = files
        .iter()
        .find(|f| f.path == Path::new("src/structures.rs"))
        .unwrap();
    assert_eq!(structures.contents.matches("pub struct ").count(), SHAPES);
}

#[test]
fn a_hundred_thousand_shapes_are_refused_before_any_work() {
    use shapegen::ir::{Literal, Model, Shape, ShapeKind};
    let mut model = Model::new("huge");
    for i in 0..100_000 {
        let kind = ShapeKind::Literal(Literal {
            values: vec!["A".into()],
        });
        model
            .shapes
            .insert(format!("Mode{i}"), Shape { docs: None, kind });
    }
    let error = emit_crate(&model, &CrateOptions::for_model(&model)).unwrap_err();
    assert_eq!(
        error.message,
        "the `huge` model has 100000 shapes; a generated crate holds at most 10000"
    );
}

#[test]
fn a_big_page_is_read_in_time() {
    // About 4 MB: 20,000 sections.
    let page: String = (0..20_000)
        .map(|i| {
            format!(
                "## Foo{i}TypeDef\n\nRequired fields:\n\n- `Name`: `str`\n- `Next`: `List[\"Foo{}TypeDef\"]`\n\nOptional fields:\n\n- `Tags`: `Dict[str, List[int]]`\n- `Note`: `Literal['a', 'b']`\n\n",
                (i + 1) % 20_000
            )
        })
        .collect();
    let loaded = read_page(page).unwrap();
    assert_eq!(loaded.model.shapes.len(), 20_000);
}

#[test]
fn a_page_over_the_limit_is_refused_before_parsing() {
    let page = SECTION.repeat(docs::MAX_PAGE_BYTES / SECTION.len() + 1);
    let error = read_page(page).unwrap_err();
    assert!(
        error.message.contains("reads docs pages of up to 16 MiB"),
        "{error}"
    );
}

#[test]
fn a_deep_model_built_in_code_is_refused_by_the_emitter() {
    use shapegen::ir::{Field, Model, Shape, ShapeKind, Structure, Type};
    let message = small_stack(|| {
        let mut ty = Type::String;
        for _ in 0..DEEP {
            ty = Type::List(Box::new(ty));
        }
        let mut model = Model::new("deep");
        let fields = vec![Field::new("Deep", ty, true)];
        let shape = Shape {
            docs: None,
            kind: ShapeKind::Structure(Structure { fields }),
        };
        model.shapes.insert("FooTypeDef".into(), shape);
        let error = emit_crate(&model, &CrateOptions::for_model(&model)).unwrap_err();
        // Dropping the type would recurse as deep as it nests: leak it instead.
        std::mem::forget(model);
        error.message
    });
    assert_eq!(
        message,
        "field `Deep` of `FooTypeDef`: the type nests 10001 levels deep; at most 256 are allowed"
    );
}

// Issue #13, "bounded cost": each input that once cost far more than its size (BENCHMARKS.md,
// "Bounded cost"). Where the cost is the size of the generated code, the tests compare sizes at
// N and 2N; where it was time, they run the input at full size, which took minutes before.

/// The bytes of every file generated for a model of one structure with `n` string fields.
fn generated_bytes(n: usize, required: bool) -> usize {
    use shapegen::ir::{Field, Model, Shape, ShapeKind, Structure, Type};
    let mut model = Model::new("wide");
    let fields = (0..n)
        .map(|i| Field::new(format!("F{i}"), Type::String, required))
        .collect();
    let kind = ShapeKind::Structure(Structure { fields });
    model
        .shapes
        .insert("WideTypeDef".into(), Shape { docs: None, kind });
    let files = emit_crate(&model, &CrateOptions::for_model(&model)).unwrap();
    files.iter().map(|f| f.contents.len()).sum()
}

#[test]
fn code_for_many_required_fields_grows_linearly() {
    // A type parameter per required field made the builder quadratic: 3,000 gave 390 MB.
    let (n, twice) = (generated_bytes(300, true), generated_bytes(600, true));
    assert!(
        twice * 10 < n * 22,
        "{n} bytes for 300 fields, {twice} for 600"
    );
}

#[test]
fn code_for_many_optional_fields_grows_linearly() {
    let (n, twice) = (generated_bytes(2_000, false), generated_bytes(4_000, false));
    assert!(
        twice * 10 < n * 22,
        "{n} bytes for 2,000 fields, {twice} for 4,000"
    );
}

#[test]
fn builders_track_up_to_64_required_fields_in_their_type() {
    use shapegen::emit::plan::MAX_TYPED_REQUIRED;
    assert_eq!(MAX_TYPED_REQUIRED, 64);
    let builders = |n: usize| {
        let model = format!(
            "service: s\nshapes:\n  FooTypeDef:\n    fields:\n{}",
            (0..n)
                .map(|i| format!("      F{i}: {{type: string, required: true}}\n"))
                .collect::<String>()
        );
        let model = yaml::from_str(Path::new("m.yaml"), &model).unwrap();
        let files = emit_crate(&model, &CrateOptions::for_model(&model)).unwrap();
        let builders = files
            .iter()
            .find(|f| f.path == Path::new("src/builders.rs"));
        builders.unwrap().contents.clone()
    };
    let typed = builders(64);
    assert!(typed.contains("pub struct FooBuilder<\n    S0 = crate::primitives::Unset,"));
    assert!(typed.contains("S0: self::required::Foo::f0,"));
    let checked = builders(65);
    assert!(checked.contains("pub struct FooBuilder {"));
    assert!(!checked.contains("self::required::Foo"));
    assert!(checked.contains(
        "pub fn build(\n        self,\n    ) -> ::core::result::Result<crate::Foo, crate::primitives::BuildError> {"
    ));
}

#[test]
fn a_million_fields_are_refused_before_any_work() {
    use shapegen::ir::{Field, Model, Shape, ShapeKind, Structure, Type};
    let mut model = Model::new("wide");
    let fields = (0..1_000_000)
        .map(|i| Field::new(format!("F{i}"), Type::String, false))
        .collect();
    let kind = ShapeKind::Structure(Structure { fields });
    model
        .shapes
        .insert("WideTypeDef".into(), Shape { docs: None, kind });
    let error = emit_crate(&model, &CrateOptions::for_model(&model)).unwrap_err();
    assert_eq!(
        error.message,
        "the `wide` model has 1000000 members (structure fields, literal values and union members); a generated crate holds at most 100000"
    );
}

#[test]
fn an_inline_literal_of_300k_values_is_read_and_its_size_refused() {
    // Each value was compared with every one before it: over 120 s in a release build.
    let values: Vec<String> = (0..300_000).map(|i| format!("'v{i}'")).collect();
    let page = format!(
        "## FooTypeDef\n\nRequired fields:\n\n- `Mode`: `Literal[{}]`\n",
        values.join(", ")
    );
    let loaded = read_page(page).unwrap();
    let shapegen::ir::ShapeKind::Structure(foo) = &loaded.model.shapes["FooTypeDef"].kind else {
        panic!("a structure");
    };
    let shapegen::ir::Type::Enum(read) = &foo.fields[0].ty else {
        panic!("an inline literal");
    };
    assert_eq!((read.len(), read[299_999].as_str()), (300_000, "v299999"));
    let error = emit_crate(&loaded.model, &CrateOptions::for_model(&loaded.model)).unwrap_err();
    assert!(error.message.contains("has 300001 members"), "{error}");
}

#[test]
fn values_that_name_one_variant_are_numbered_in_linear_time() {
    // `a!`, `a@`, ... all make the variant `A`: numbering each from 2 again was quadratic.
    let punctuation: Vec<char> = "!@#$%^&*()+=~;,.?".chars().collect();
    let values: Vec<String> = punctuation
        .iter()
        .flat_map(|a| punctuation.iter().map(move |b| (a, b)))
        .flat_map(|(a, b)| punctuation.iter().map(move |c| format!("a{a}{b}{c}")))
        .collect();
    let count = values.len();
    let model = shapegen::ir::Model {
        shapes: [(
            "Mode".to_string(),
            shapegen::ir::Shape {
                docs: None,
                kind: shapegen::ir::ShapeKind::Literal(shapegen::ir::Literal { values }),
            },
        )]
        .into(),
        ..shapegen::ir::Model::new("same")
    };
    let space = shapegen::emit::plan::TypeSpace::new(&model).unwrap();
    let variants = &space.enums[0].variants;
    assert_eq!(variants[0].0, "A");
    assert_eq!(variants[count - 1].0, format!("A{count}"));
}

#[test]
fn a_chain_of_structures_ending_in_an_enum_is_checked_throughout() {
    // Each pass over the structures added one link: 30 s for 10,000 in a release build.
    const LINKS: usize = 9_999;
    let mut text = String::from("service: chain\nshapes:\n  Mode:\n    values: [A, B]\n");
    for i in 0..LINKS {
        let next = if i + 1 == LINKS {
            "Mode".to_string()
        } else {
            format!("S{}TypeDef", i + 1)
        };
        text.push_str(&format!(
            "  S{i}TypeDef:\n    fields:\n      Next: {{type: {next}, required: true}}\n"
        ));
    }
    let model = yaml::from_str(Path::new("chain.yaml"), &text).unwrap();
    let space = shapegen::emit::plan::TypeSpace::new(&model).unwrap();
    assert_eq!(space.structs.len(), LINKS);
    assert!(space
        .structs
        .iter()
        .all(|s| space.checked.contains(&s.name)));
}

/// A sparse file of 3 GiB: reading it would take seconds and 3 GiB of memory.
fn sparse_file(path: &Path) {
    std::fs::File::create(path)
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
}

#[test]
fn files_over_the_limit_are_refused_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    sparse_file(&docs.join("type_defs.md"));
    let error = docs::read_dir(&docs, &LoadOptions::default()).unwrap_err();
    assert_eq!(
        error.message,
        "this file is 3072.0 MiB; shapegen reads docs pages of up to 16 MiB"
    );

    let model = dir.path().join("big.yaml");
    sparse_file(&model);
    let error = yaml::read_file(&model).unwrap_err();
    assert_eq!(
        error.message,
        "this file is 3072.0 MiB; shapegen reads YAML files of up to 16 MiB"
    );

    let model = dir.path().join("small.yaml");
    std::fs::write(&model, "service: s\nshapes:\n  Mode:\n    values: [A]\n").unwrap();
    sparse_file(&dir.path().join("small.overlay.yaml"));
    let error = shapegen::load_model(&model, &LoadOptions::default()).unwrap_err();
    assert!(
        error.message.contains("YAML files of up to 16 MiB"),
        "{error}"
    );
}

#[test]
fn yaml_text_over_the_size_limit_is_refused_before_parsing() {
    let model = format!(
        "service: s\nshapes:\n  Mode:\n    values: [A]\n    docs: '{}'\n",
        "x".repeat(shapegen::limits::MAX_YAML_BYTES)
    );
    let error = yaml::from_str(Path::new("m.yaml"), &model).unwrap_err();
    assert_eq!(
        error.message,
        "this YAML is 16.0 MiB; shapegen reads YAML of up to 16 MiB"
    );
}

#[test]
fn yaml_nested_over_the_limit_is_refused_where_it_gets_too_deep() {
    // 200 KB of brackets took over a minute in libyaml; the scan stops at the 65th level.
    let brackets = "[".repeat(100_000) + &"]".repeat(100_000);
    let model = format!("service: s\nshapes:\n  Foo:\n    docs: {brackets}\n");
    let error = yaml::from_str(Path::new("m.yaml"), &model).unwrap_err();
    // Three block levels (`shapes`, `Foo`, `docs`), then the 62nd bracket.
    let located =
        |error: shapegen::Error| format!("{}: {}", error.location.unwrap(), error.message);
    assert_eq!(
        located(error),
        "m.yaml:4:72: YAML nested more than 64 levels deep"
    );

    let mut model = yaml::from_str(Path::new("m.yaml"), "service: s\nshapes: {}\n").unwrap();
    let overlay = format!("version: {brackets}\n");
    let error =
        shapegen::overlay::apply_str(&mut model, Path::new("o.yaml"), &overlay).unwrap_err();
    assert_eq!(
        located(error),
        "o.yaml:1:73: YAML nested more than 64 levels deep"
    );
}

#[test]
fn a_nested_cache_state_is_ignored_without_parsing_it() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.yaml");
    std::fs::write(&model, "service: s\nshapes:\n  Mode:\n    values: [A]\n").unwrap();
    let out = dir.path().join("out");
    let out_arg = out.to_str().unwrap();
    let generate = || {
        common::shapegen(&[
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out_arg,
        ])
    };
    assert!(generate().status.success());
    let state = out.join(shapegen::output::CACHE_FOLDER).join("state.yaml");
    let brackets = "[".repeat(100_000) + &"]".repeat(100_000);
    std::fs::write(&state, format!("generator: {brackets}\n")).unwrap();
    // Without a usable cache the model is generated again, and the state written anew.
    let again = generate();
    assert!(again.status.success());
    assert!(!std::fs::read_to_string(&state).unwrap().contains("[["));
}
