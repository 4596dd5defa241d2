//! The derived YAML model: the IR written out for people and tools to read, edit and enrich.
//!
//! ```yaml
//! model_format: 1
//! service: amplifybackend
//! shapes:
//!   BackendAPIAuthTypeTypeDef:
//!     fields:
//!       Mode:
//!         type: Mode
//!         required: false
//!       Settings:
//!         type: BackendAPIAppSyncAuthSettingsTypeDef
//!         required: false
//!   Mode:
//!     values: [API_KEY, AWS_IAM]
//! ```
//!
//! A structure has `fields` (keyed by wire name, each with `type` and `required`, optionally `docs`,
//! `sensitive`, `length`, `range`, `pattern`); a literal type has `values`. Types are written in the
//! small language of [`crate::yaml::type_syntax`].

use crate::error::{decode_utf8, Error, Location, Result};
use crate::ir::{Constraints, Field, Literal, Model, Shape, ShapeKind, Structure, Type};
use crate::limits::{self, MAX_YAML_BYTES};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::Path;

mod entries;
pub mod type_syntax;

pub(crate) use entries::{BoundsIo, CheckedMap, Reject, UniqueMap};

/// The version of the file format this build reads and writes.
pub const MODEL_FORMAT: u32 = 1;

/// Reads a YAML model file.
pub fn read_file(path: &Path) -> Result<Model> {
    from_str(path, &read_text(path)?)
}

/// A file's text, or an error locating its first byte that is not UTF-8; a file over
/// [`MAX_YAML_BYTES`] is refused before it is read.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = limits::read_file(path, MAX_YAML_BYTES, "YAML files")?;
    decode_utf8(path, bytes, |_| {
        "expected UTF-8 text, found a byte sequence that is not UTF-8".to_string()
    })
}

/// Reads a YAML model from `text`; `path` names it in errors.
pub fn from_str(path: &Path, text: &str) -> Result<Model> {
    limits::check_yaml(path, text)?;
    let file: ModelFile = serde_yaml::from_str(text).map_err(|e| yaml_error(path, text, &e))?;
    if file.model_format > MODEL_FORMAT {
        return Err(Error::in_file(
            path,
            format!(
                "this model has format {}; this shapegen reads format {MODEL_FORMAT} at most",
                file.model_format
            ),
        )
        .with_hint("upgrade shapegen"));
    }
    let model = Model {
        service: file.service,
        version: file.version,
        boto3_version: file.boto3_version,
        shapes: file.shapes.0.into_iter().map(|(k, v)| (k, v.0)).collect(),
    };
    if !model.dangling_refs().is_empty() {
        return Err(locate_dangling_ref(path, text, &model));
    }
    Ok(model)
}

/// Writes `model` as YAML: byte-identical for equal models.
pub fn to_string(model: &Model) -> String {
    let file = ModelFileOut {
        model_format: MODEL_FORMAT,
        service: &model.service,
        version: model.version.as_deref(),
        boto3_version: model.boto3_version.as_deref(),
        shapes: model
            .shapes
            .iter()
            .map(|(name, shape)| (name.as_str(), ShapeOut::from(shape)))
            .collect(),
    };
    let body = serde_yaml::to_string(&file).expect("a model always serializes");
    format!(
        "# Derived model of the `{}` service, written by `shapegen model export`.\n{body}",
        model.service.replace(['\n', '\r'], " ")
    )
}

pub(crate) fn yaml_error(path: &Path, text: &str, error: &serde_yaml::Error) -> Error {
    let location = match error.location() {
        Some(at) => Location::at_offset(path, text, at.index()),
        None => Location::new(path, 1, 1),
    };
    // serde_yaml appends " at line L column C"; the location already says it.
    let message = error.to_string();
    let message = match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    };
    Error::at(location, message)
}

thread_local! {
    /// Set only while re-reading a model whose references dangle: the names of its shapes, so that
    /// the type deserializer can fail on the first unknown name and serde_yaml can say where it is.
    static KNOWN_SHAPES: RefCell<Option<BTreeSet<String>>> = const { RefCell::new(None) };
}

fn locate_dangling_ref(path: &Path, text: &str, model: &Model) -> Error {
    let (shape, field, target) = model.dangling_refs()[0];
    let names = model.shapes.keys().cloned().collect();
    KNOWN_SHAPES.with(|known| *known.borrow_mut() = Some(names));
    let second_pass = serde_yaml::from_str::<ModelFile>(text);
    KNOWN_SHAPES.with(|known| *known.borrow_mut() = None);
    match second_pass {
        Err(error) => yaml_error(path, text, &error),
        // Unreachable in practice: the second pass sees the same references.
        Ok(_) => Error::in_file(
            path,
            format!("field `{field}` of `{shape}` refers to `{target}`, which is not a shape of this model"),
        ),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    #[serde(default = "default_format")]
    model_format: u32,
    service: String,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    boto3_version: Option<String>,
    shapes: UniqueMap<ShapeIn>,
}

fn default_format() -> u32 {
    MODEL_FORMAT
}

#[derive(Serialize)]
struct ModelFileOut<'a> {
    model_format: u32,
    service: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    boto3_version: Option<&'a str>,
    shapes: IndexMap<&'a str, ShapeOut<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShapeFields {
    #[serde(default)]
    docs: Option<String>,
    #[serde(default)]
    fields: Option<UniqueMap<FieldIn>>,
    #[serde(default)]
    values: Option<Vec<String>>,
}

/// A shape as read; converting checks what the derive cannot (exactly one of `fields`/`values`).
struct ShapeIn(Shape);

impl<'de> Deserialize<'de> for ShapeIn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let raw = ShapeFields::deserialize(deserializer)?;
        let kind = match (raw.fields, raw.values) {
            (Some(fields), None) => ShapeKind::Structure(Structure {
                fields: fields
                    .0
                    .into_iter()
                    .map(|(name, field)| field.into_field(name))
                    .collect(),
            }),
            (None, Some(values)) => {
                if values.is_empty() {
                    return Err(D::Error::custom("a literal type needs at least one value"));
                }
                let mut seen = BTreeSet::new();
                if let Some(dup) = values.iter().find(|v| !seen.insert(v.as_str())) {
                    return Err(D::Error::custom(format!("duplicate literal value `{dup}`")));
                }
                ShapeKind::Literal(Literal { values })
            }
            (Some(_), Some(_)) => return Err(D::Error::custom(
                "a shape has either `fields` (a structure) or `values` (a literal type), not both",
            )),
            (None, None) => {
                return Err(D::Error::custom(
                    "expected `fields` (a structure) or `values` (a literal type)",
                ))
            }
        };
        Ok(ShapeIn(Shape {
            docs: raw.docs,
            kind,
        }))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldIn {
    #[serde(rename = "type")]
    ty: TypeIn,
    required: bool,
    #[serde(default)]
    docs: Option<String>,
    #[serde(default)]
    sensitive: bool,
    #[serde(default)]
    length: Option<BoundsIo<u64>>,
    #[serde(default)]
    range: Option<BoundsIo<f64>>,
    #[serde(default)]
    pattern: Option<String>,
}

impl FieldIn {
    fn into_field(self, name: String) -> Field {
        Field {
            name,
            ty: self.ty.0,
            required: self.required,
            docs: self.docs,
            sensitive: self.sensitive,
            constraints: Constraints {
                length: self.length.map(Into::into),
                range: self.range.map(Into::into),
                pattern: self.pattern,
            },
        }
    }
}

/// A type expression, parsed while deserializing so that a syntax error carries its YAML location.
struct TypeIn(Type);

impl<'de> Deserialize<'de> for TypeIn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let text = String::deserialize(deserializer)?;
        let ty = type_syntax::parse(&text).map_err(D::Error::custom)?;
        KNOWN_SHAPES.with(|known| {
            let known = known.borrow();
            let Some(known) = known.as_ref() else {
                return Ok(());
            };
            let mut missing = None;
            ty.walk(&mut |t| match t {
                Type::Ref(name) if missing.is_none() && !known.contains(name) => {
                    missing = Some(name.clone())
                }
                _ => {}
            });
            match missing {
                Some(name) => Err(D::Error::custom(format!(
                    "type `{text}` refers to `{name}`, which is not a shape of this model"
                ))),
                None => Ok(()),
            }
        })?;
        Ok(TypeIn(ty))
    }
}

#[derive(Serialize)]
struct ShapeOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    docs: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<IndexMap<&'a str, FieldOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<&'a [String]>,
}

impl<'a> From<&'a Shape> for ShapeOut<'a> {
    fn from(shape: &'a Shape) -> Self {
        let (fields, values) = match &shape.kind {
            ShapeKind::Structure(s) => (
                Some(
                    s.fields
                        .iter()
                        .map(|f| (f.name.as_str(), FieldOut::from(f)))
                        .collect(),
                ),
                None,
            ),
            ShapeKind::Literal(l) => (None, Some(l.values.as_slice())),
        };
        ShapeOut {
            docs: shape.docs.as_deref(),
            fields,
            values,
        }
    }
}

#[derive(Serialize)]
struct FieldOut<'a> {
    #[serde(rename = "type")]
    ty: String,
    required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    docs: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sensitive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<BoundsIo<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<BoundsIo<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<&'a str>,
}

impl<'a> From<&'a Field> for FieldOut<'a> {
    fn from(field: &'a Field) -> Self {
        FieldOut {
            ty: type_syntax::to_string(&field.ty),
            required: field.required,
            docs: field.docs.as_deref(),
            sensitive: field.sensitive,
            length: field.constraints.length.as_ref().map(Into::into),
            range: field.constraints.range.as_ref().map(Into::into),
            pattern: field.constraints.pattern.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Bounds;

    const SAMPLE: &str = "\
service: svc
version: 1.2.3
boto3_version: 1.17.62
shapes:
  FooTypeDef:
    docs: A foo.
    fields:
      Name:
        type: string
        required: true
        sensitive: true
        length: {min: 1, max: 64}
        pattern: '^[a-z]+$'
      Bars:
        type: list[BarTypeDef]
        required: false
      Count:
        type: integer
        required: false
        range: {min: 0}
  BarTypeDef:
    fields: {}
  Mode:
    values: [A, B]
";

    fn read(text: &str) -> Result<Model> {
        from_str(Path::new("m.yaml"), text)
    }

    #[test]
    fn reads_every_key() {
        let model = read(SAMPLE).unwrap();
        assert_eq!(model.service, "svc");
        assert_eq!(model.version.as_deref(), Some("1.2.3"));
        assert_eq!(model.boto3_version.as_deref(), Some("1.17.62"));
        let ShapeKind::Structure(foo) = &model.shapes["FooTypeDef"].kind else {
            panic!()
        };
        assert_eq!(model.shapes["FooTypeDef"].docs.as_deref(), Some("A foo."));
        let name = foo.field("Name").unwrap();
        assert!(name.required && name.sensitive);
        assert_eq!(
            name.constraints.length,
            Some(Bounds {
                min: Some(1),
                max: Some(64)
            })
        );
        assert_eq!(name.constraints.pattern.as_deref(), Some("^[a-z]+$"));
        assert_eq!(
            foo.field("Count").unwrap().constraints.range,
            Some(Bounds {
                min: Some(0.0),
                max: None
            })
        );
        assert_eq!(
            foo.field("Bars").unwrap().ty,
            Type::List(Box::new(Type::Ref("BarTypeDef".into())))
        );
        assert_eq!(
            model.shapes["Mode"].kind,
            ShapeKind::Literal(Literal {
                values: vec!["A".into(), "B".into()]
            })
        );
    }

    #[test]
    fn writes_what_it_reads() {
        let model = read(SAMPLE).unwrap();
        let text = to_string(&model);
        assert_eq!(read(&text).unwrap(), model);
        assert_eq!(to_string(&read(&text).unwrap()), text);
    }

    fn error(text: &str) -> String {
        read(text).unwrap_err().to_string()
    }

    #[test]
    fn dangling_reference_is_located() {
        let text = SAMPLE.replace("list[BarTypeDef]", "list[BazTypeDef]");
        assert_eq!(
            error(&text),
            "m.yaml:15:9: error: shapes.FooTypeDef.fields.Bars: type `list[BazTypeDef]` refers to \
             `BazTypeDef`, which is not a shape of this model"
        );
    }

    #[test]
    fn bad_type_syntax_is_located() {
        let text = SAMPLE.replace("list[BarTypeDef]", "list[BarTypeDef");
        let message = error(&text);
        assert!(
            message.starts_with("m.yaml:15:9: error: shapes.FooTypeDef.fields.Bars: "),
            "{message}"
        );
        assert!(message.contains("expected `]`"), "{message}");
    }

    #[test]
    fn structural_mistakes_are_located() {
        assert!(
            error(&SAMPLE.replace("    fields: {}", "    fields: {}\n    values: [X]"))
                .contains("not both")
        );
        assert!(
            error(&SAMPLE.replace("    values: [A, B]", "    values: []"))
                .contains("at least one value")
        );
        assert!(error(&SAMPLE.replace("[A, B]", "[A, A]")).contains("duplicate literal value `A`"));
        assert!(
            error(&SAMPLE.replace("        required: false\n      Count", "      Count"))
                .contains("missing field `required`")
        );
        let dup = SAMPLE.replace("  Mode:", "  BarTypeDef:\n    fields: {}\n  Mode:");
        assert!(
            error(&dup)
                .starts_with("m.yaml:24:5: error: shapes.BarTypeDef: duplicate key `BarTypeDef`"),
            "{}",
            error(&dup)
        );
        assert!(error(&SAMPLE.replace("required: true", "requird: true"))
            .contains("unknown field `requird`"));
        assert!(error("model_format: 9\nservice: s\nshapes: {}\n").contains("format 9"));
        assert!(error("\u{0}").starts_with("m.yaml:1:1: error:"));
    }
}
