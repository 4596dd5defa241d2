//! Hostile sizes end in a clear error or in completion, never in a stack overflow: deep nesting of
//! markdown, of types and of YAML, big pages and many shapes. Each runs on a thread with a 1 MiB
//! stack (a build script's main thread has 8), so recursion that grows with the input fails here
//! first. Sizes that would take long in a debug build are scaled down; BENCHMARKS.md has the full
//! ones, measured with the release binary. No test here times anything.

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
        "the type of field `Deep` of `FooTypeDef` nests 10001 levels deep; at most 256 are allowed"
    );
}
