//! The bodies of the fuzz targets, one function each. They live here rather than in
//! `fuzz_targets/` so that `generator/tests/fuzz_regressions.rs` replays the seed corpus and every
//! crash found through exactly the same checks (it includes this file with `#[path]`).
//!
//! A target panics only on a bug: reading may fail, but with an error located inside the input;
//! whatever is read must survive a round trip through the YAML model; whatever is generated must
//! parse as Rust.

use arbitrary::{Arbitrary, Unstructured};
use shapegen::emit::{self, CrateOptions};
use shapegen::ir::{Bounds, Constraints, Field, Literal, Model, Shape, ShapeKind, Structure, Type};
use shapegen::{docs, overlay, yaml, Error, LoadOptions};
use std::collections::HashSet;
use std::path::Path;

const TYPE_DEFS: &str = "type_defs.md";
const LITERALS: &str = "literals.md";
const MODEL: &str = "model.yaml";

/// Any bytes as a docs folder. The first byte chooses: bit 0, whether the rest holds a literals page
/// after its first NUL; bit 1, strict reading.
pub fn docs_reader(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (type_defs, literals) = match text.split_once('\0') {
        Some((defs, literals)) if selector & 1 == 1 => (defs, Some(literals)),
        _ => (text.as_ref(), None),
    };
    let options = LoadOptions {
        strict: selector & 2 == 2,
        ..LoadOptions::default()
    };
    let pages = [(TYPE_DEFS, type_defs), (LITERALS, literals.unwrap_or(""))];
    match docs::read_pages(
        (Path::new(TYPE_DEFS), type_defs),
        literals.map(|text| (Path::new(LITERALS), text)),
        "fuzz",
        &options,
    ) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                check_location(&warning.location, &pages);
            }
            assert_round_trip(&loaded.model);
        }
        Err(error) => check_error(&error, &pages),
    }
}

/// Any text as a type expression: of the YAML model (which must then write back as it read), and of
/// the docs, on a one-field page of generation 1 (a code span) and of generation 4 (a class).
pub fn type_expression(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(ty) = yaml::type_syntax::parse(&text) {
        let written = yaml::type_syntax::to_string(&ty);
        match yaml::type_syntax::parse(&written) {
            Ok(again) => assert_eq!(again, ty, "`{text}` was written back as `{written}`"),
            Err(e) => panic!("`{text}` was written back as `{written}`, which does not parse: {e}"),
        }
    }
    // Each page form carries the expression on one line of its own syntax.
    let span = text.replace(['`', '\n', '\r'], " ");
    let gen1 = format!("## FooTypeDef\n\nRequired fields:\n\n- `A`: `{span}`\n");
    let line = text.replace(['\n', '\r'], " ");
    let gen4 = format!(
        "## FooTypeDef\n\n```python title=\"Definition\"\nclass FooTypeDef(TypedDict):\n    A: {line}\n```\n"
    );
    for page in [gen1, gen4] {
        let pages = [(TYPE_DEFS, page.as_str())];
        match docs::read_pages(
            (Path::new(TYPE_DEFS), &page),
            None,
            "fuzz",
            &LoadOptions::default(),
        ) {
            Ok(loaded) => assert_round_trip(&loaded.model),
            Err(error) => check_error(&error, &pages),
        }
    }
}

/// Any text as a YAML model, or (first byte odd) as an overlay on a small model.
pub fn yaml_loader(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let pages = [(MODEL, text.as_ref())];
    if selector & 1 == 1 {
        let mut model = yaml::from_str(Path::new("base.yaml"), OVERLAY_BASE).expect("base model");
        let before = model.clone();
        match overlay::apply_str(&mut model, Path::new(MODEL), &text) {
            Ok(_) => assert_round_trip(&model),
            Err(error) => {
                assert_eq!(model, before, "a failed overlay changed the model");
                check_error(&error, &pages);
            }
        }
        return;
    }
    match yaml::from_str(Path::new(MODEL), &text) {
        Ok(model) => assert_round_trip(&model),
        Err(error) => check_error(&error, &pages),
    }
}

const OVERLAY_BASE: &str = "\
service: svc
shapes:
  FooTypeDef:
    fields:
      Name: {type: string, required: true}
      Count: {type: integer, required: false}
      Items: {type: 'list[Mode]', required: false}
  Mode:
    values: [A, B]
";

/// Generation from an arbitrary model, within what the readers guarantee (see [`ArbitraryModel`]):
/// a clear error, or files whose Rust parses.
pub fn emit_ir(data: &[u8]) {
    let Ok(model) = ArbitraryModel::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let model = model.into_model();
    match emit::emit_crate(&model, &CrateOptions::for_model(&model)) {
        Ok(files) => {
            for file in files
                .iter()
                .filter(|f| f.path.extension() == Some("rs".as_ref()))
            {
                assert_parses(&file.path, &file.contents);
            }
            let module = emit::emit_module(&model, &Default::default())
                .expect("a model that makes a crate makes a module");
            assert_parses(&module.path, &module.contents);
        }
        Err(error) => assert!(
            !error.message.contains("internal error"),
            "{error}\nfrom {model:#?}"
        ),
    }
}

fn assert_parses(path: &Path, contents: &str) {
    if let Err(e) = syn::parse_file(contents) {
        panic!("{} does not parse: {e}\n{contents}", path.display());
    }
}

/// A model read from anywhere must export and read back as itself, as `shapegen model export`
/// relies on.
fn assert_round_trip(model: &Model) {
    let text = yaml::to_string(model);
    match yaml::from_str(Path::new("exported.yaml"), &text) {
        Ok(again) => assert_eq!(&again, model, "the model changed through\n{text}"),
        Err(e) => panic!("an exported model does not read back: {e}\n{text}"),
    }
}

fn check_error(error: &Error, pages: &[(&str, &str)]) {
    if let Some(location) = &error.location {
        check_location(location, pages);
    }
}

/// A location must point into its page: at a character of an existing line, or just past its end.
fn check_location(location: &shapegen::Location, pages: &[(&str, &str)]) {
    let Some((_, text)) = pages
        .iter()
        .find(|(name, _)| location.file == Path::new(name))
    else {
        panic!("a location in an unknown file: {location}");
    };
    let line = text.split('\n').nth(location.line.saturating_sub(1));
    let Some(line) = line.filter(|_| location.line >= 1) else {
        panic!("{location}: no such line");
    };
    assert!(
        location.column >= 1 && location.column <= line.chars().count() + 1,
        "{location}: no such column in {line:?}"
    );
}

/// The readers refuse types nested deeper than this; the arbitrary model stays within it too.
const MAX_DEPTH: usize = 64;

/// A model as the readers could give it, names and all else arbitrary: types at most [`MAX_DEPTH`]
/// deep, unions normalised, literal values and field names unique, no empty literal. References
/// may dangle.
#[derive(Arbitrary, Debug)]
struct ArbitraryModel {
    service: Name,
    shapes: Vec<(Name, ArbitraryShape)>,
}

#[derive(Arbitrary, Debug)]
enum ArbitraryShape {
    Structure(Option<String>, Vec<ArbitraryField>),
    Literal(Vec<Name>),
}

#[derive(Arbitrary, Debug)]
struct ArbitraryField {
    name: Name,
    ty: ArbitraryType,
    required: bool,
    docs: Option<String>,
    sensitive: bool,
    length: Option<(Option<u64>, Option<u64>)>,
    range: Option<(Option<f64>, Option<f64>)>,
    pattern: Option<String>,
}

#[derive(Arbitrary, Debug)]
enum ArbitraryType {
    String,
    Integer,
    Float,
    Boolean,
    Timestamp,
    Blob,
    Decimal,
    Any,
    Null,
    List(Box<ArbitraryType>),
    Set(Box<ArbitraryType>),
    Map(Box<ArbitraryType>, Box<ArbitraryType>),
    Union(Vec<ArbitraryType>),
    Enum(Vec<Name>),
    /// A shape of the model by position (wrapping), or past the end a name no shape has.
    Ref(u16),
}

/// A name: mostly from a list of awkward ones, so that collisions and keywords come up often.
#[derive(Debug)]
struct Name(String);

const AWKWARD: &[&str] = &[
    "",
    "_",
    "type",
    "Type",
    "self",
    "Self",
    "crate",
    "super",
    "r#type",
    "fn",
    "Option",
    "Result",
    "String",
    "Box",
    "Vec",
    "Unknown",
    "UNKNOWN",
    "build",
    "Builder",
    "FooTypeDef",
    "Foo",
    "foo",
    "FOO",
    "foo_bar",
    "FooBar",
    "fooBar",
    "foo-bar",
    "1st",
    "2019-01-01",
    "é",
    "日本",
    "*/",
    "\"#",
    "\0",
    "a\nb",
    "fn evil() {}",
    "#[doc]",
    "}",
    "builders",
    "primitives",
];

impl<'a> Arbitrary<'a> for Name {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Name(if u.ratio(3, 4)? {
            u.choose(AWKWARD)?.to_string()
        } else {
            String::arbitrary(u)?
        }))
    }
}

/// The distinct names of `names` in order; at least one.
fn distinct(names: &[Name]) -> Vec<String> {
    let mut seen = HashSet::new();
    let values: Vec<String> = names
        .iter()
        .filter(|n| seen.insert(&n.0))
        .map(|n| n.0.clone())
        .collect();
    if values.is_empty() {
        vec!["VALUE".to_string()]
    } else {
        values
    }
}

impl ArbitraryModel {
    fn into_model(self) -> Model {
        let names: Vec<String> = self.shapes.iter().map(|(name, _)| name.0.clone()).collect();
        let mut model = Model::new(self.service.0);
        for (name, shape) in self.shapes {
            let kind = match shape {
                ArbitraryShape::Structure(_, ref fields) => {
                    let mut seen = HashSet::new();
                    ShapeKind::Structure(Structure {
                        fields: fields
                            .iter()
                            .filter(|f| seen.insert(&f.name.0))
                            .map(|f| f.to_field(&names))
                            .collect(),
                    })
                }
                ArbitraryShape::Literal(ref values) => ShapeKind::Literal(Literal {
                    values: distinct(values),
                }),
            };
            let docs = match shape {
                ArbitraryShape::Structure(docs, _) => docs,
                ArbitraryShape::Literal(_) => None,
            };
            model.shapes.insert(name.0, Shape { docs, kind });
        }
        model
    }
}

impl ArbitraryField {
    fn to_field(&self, shapes: &[String]) -> Field {
        Field {
            name: self.name.0.clone(),
            ty: self.ty.to_type(shapes, 0),
            required: self.required,
            docs: self.docs.clone(),
            sensitive: self.sensitive,
            constraints: Constraints {
                length: self.length.map(|(min, max)| Bounds { min, max }),
                range: self.range.map(|(min, max)| Bounds { min, max }),
                pattern: self.pattern.clone(),
            },
            service_wire: Default::default(),
        }
    }
}

impl ArbitraryType {
    fn to_type(&self, shapes: &[String], depth: usize) -> Type {
        if depth > MAX_DEPTH {
            return Type::String;
        }
        let inner = |t: &ArbitraryType| Box::new(t.to_type(shapes, depth + 1));
        match self {
            ArbitraryType::String => Type::String,
            ArbitraryType::Integer => Type::Integer,
            ArbitraryType::Float => Type::Float,
            ArbitraryType::Boolean => Type::Boolean,
            ArbitraryType::Timestamp => Type::Timestamp,
            ArbitraryType::Blob => Type::Blob,
            ArbitraryType::Decimal => Type::Decimal,
            ArbitraryType::Any => Type::Any,
            ArbitraryType::Null => Type::Null,
            ArbitraryType::List(item) => Type::List(inner(item)),
            ArbitraryType::Set(item) => Type::Set(inner(item)),
            ArbitraryType::Map(key, value) => Type::Map(inner(key), inner(value)),
            ArbitraryType::Union(members) if members.is_empty() => Type::String,
            ArbitraryType::Union(members) => {
                Type::union(members.iter().map(|m| m.to_type(shapes, depth + 1)))
            }
            ArbitraryType::Enum(values) => Type::Enum(distinct(values)),
            ArbitraryType::Ref(index) => Type::Ref(match shapes.len() {
                0 => "Missing".to_string(),
                n => shapes[usize::from(*index) % n].clone(),
            }),
        }
    }
}

/// The state on disk that shapegen trusts in an output folder, as three texts separated by NULs:
/// the manifest, a leftover write's journal, the cache state (`@EXE@` stands for the running
/// executable's stamp, so that a state can be taken as this build's). Whatever they say, a write
/// touches nothing outside the folder and no file without shapegen's header, and ends with the
/// output exactly as generated or with an error; the cache then records it, finds it fresh, and
/// never finds it fresh with an output gone.
pub fn output_state(data: &[u8]) {
    use shapegen::cache::Cache;
    use shapegen::output::{GeneratedFile, GENERATED_MARKER, MANIFEST};
    use shapegen::write::{self, Others};

    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\0');
    let (manifest, journal, state) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let scratch = Scratch::new();
    let (root, out) = (scratch.0.as_path(), scratch.0.join("out"));
    let header = format!("// {GENERATED_MARKER}\n");
    let put = |path: &Path, text: &str| {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let files = [
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: format!("# {GENERATED_MARKER}\n[package]\nname = \"fuzz\"\n"),
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: format!("{header}pub struct Fuzz;\n"),
        },
    ];
    // Outside the output, and inside it but not shapegen's: neither may change.
    let victim = format!("{header}victim\n");
    put(&root.join("victim.rs"), &victim);
    put(&out.join("notes.md"), "mine\n");
    put(&out.join("src/old.rs"), &header);
    if !manifest.is_empty() {
        put(&out.join(MANIFEST), manifest);
    }
    if !journal.is_empty() {
        let staging = out.join(shapegen::output::CACHE_FOLDER).join("staging-0");
        put(&staging.join("journal"), journal);
        put(&staging.join("new-0"), &format!("{header}staged\n"));
    }
    let exe = std::fs::metadata(std::env::current_exe().unwrap()).unwrap();
    let modified = exe
        .modified()
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let exe_stamp = format!("[{}, {}]", exe.len(), modified.as_nanos());
    put(
        &out.join(shapegen::output::CACHE_FOLDER).join("state.yaml"),
        &state.replace("@EXE@", &exe_stamp),
    );
    let model = root.join("model.yaml");
    put(&model, "service: fuzz\nshapes: {}\n");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&model)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();

    let mut cache = Cache::open(&out);
    let _ = cache.fresh("fuzz", &out);
    let result = write::write_files(&out, &files, Others::RemoveStale);
    assert_eq!(
        std::fs::read_to_string(root.join("victim.rs")).unwrap(),
        victim
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.md")).unwrap(),
        "mine\n"
    );
    if result.is_err() {
        return;
    }
    let differences = write::differences(&out, &files, Others::RemoveStale).unwrap();
    assert!(differences.is_empty(), "{differences:?}");
    let entry = cache.entry(
        "fuzz",
        &model,
        std::slice::from_ref(&model),
        &out,
        Path::new(""),
        &files,
    );
    assert!(entry.is_some(), "a complete output must be recordable");
    cache.record("fuzz".into(), entry);
    cache.save();
    assert!(Cache::open(&out).fresh("fuzz", &out).is_some());
    std::fs::remove_file(out.join("src/lib.rs")).unwrap();
    let cache = Cache::open(&out);
    assert!(
        cache.fresh("fuzz", &out).is_none(),
        "an absent output was fresh"
    );
    let entry = cache.entry(
        "fuzz",
        &model,
        std::slice::from_ref(&model),
        &out,
        Path::new(""),
        &files,
    );
    assert!(entry.is_none(), "an absent output was recorded");
}

/// A folder of its own under the system's temporary folder, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new() -> Scratch {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "shapegen-fuzz-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
