//! The check pass: what a model means, checked once it is read (and its overlay applied), so that
//! every command accepts and refuses the same models. A problem names the shape, field and
//! attribute it is about; [`crate::load_model`] finds where that attribute was written.

use super::{Model, ShapeKind, Type, MAX_MEMBERS, MAX_SHAPES, MAX_TYPE_DEPTH};
use std::fmt;

/// The attribute of a field that a [`Problem`] is about, spelled as the YAML model spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribute {
    Type,
    Length,
    Range,
    Pattern,
    TimestampFormat,
}

impl Attribute {
    /// The attribute's key in a YAML model or overlay.
    pub fn key(self) -> &'static str {
        match self {
            Attribute::Type => "type",
            Attribute::Length => "length",
            Attribute::Range => "range",
            Attribute::Pattern => "pattern",
            Attribute::TimestampFormat => "timestamp_format",
        }
    }
}

/// What a problem is about: one attribute of one field, or the model as a whole (its size).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Model,
    Field {
        shape: String,
        field: String,
        attribute: Attribute,
    },
}

/// Something a model says that no crate can be generated from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub subject: Subject,
    /// What is wrong, without the subject.
    pub message: String,
    /// What to do about it, where we can tell.
    pub hint: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.subject {
            Subject::Model => f.write_str(&self.message),
            Subject::Field { shape, field, .. } => {
                write!(f, "field `{field}` of `{shape}`: {}", self.message)
            }
        }
    }
}

/// Every problem of `model`, in model order (shapes by name, fields as listed, then type, length,
/// range, pattern). A model over a size limit gets only that problem: the walks that find the
/// others grow with the model.
pub fn check(model: &Model) -> Vec<Problem> {
    if let Some(problem) = check_size(model) {
        return vec![problem];
    }
    let mut problems = Vec::new();
    for (shape_name, shape) in &model.shapes {
        let ShapeKind::Structure(structure) = &shape.kind else {
            continue;
        };
        for field in &structure.fields {
            let mut problem = |attribute, message: String, hint: Option<&str>| {
                problems.push(Problem {
                    subject: Subject::Field {
                        shape: shape_name.clone(),
                        field: field.name.clone(),
                        attribute,
                    },
                    message,
                    hint: hint.map(str::to_owned),
                })
            };
            if let Some(message) = type_problem(model, &field.ty) {
                problem(Attribute::Type, message, None);
            }
            let constraints = &field.constraints;
            let ty = &field.ty;
            let text = *ty == Type::String;
            let collection = matches!(ty, Type::List(_) | Type::Set(_) | Type::Map(..));
            let number = matches!(ty, Type::Integer | Type::Float | Type::Decimal);
            if constraints.length.is_some() && !text && !collection {
                problem(
                    Attribute::Length,
                    format!(
                        "a `length` constraint applies to strings, lists and maps, not to {}",
                        describe(model, ty)
                    ),
                    number.then_some("for a number, write a `range`"),
                );
            }
            if let Some(range) = constraints.range {
                if !number {
                    problem(
                        Attribute::Range,
                        format!(
                            "a `range` constraint applies to numbers, not to {}",
                            describe(model, ty)
                        ),
                        text.then_some("for a string, write a `length`"),
                    );
                } else if [range.min, range.max]
                    .iter()
                    .flatten()
                    .any(|b| !b.is_finite())
                {
                    problem(
                        Attribute::Range,
                        "a `range` bound must be a finite number".into(),
                        Some("leave `min` or `max` out for an open side"),
                    );
                }
            }
            if let Some(pattern) = &constraints.pattern {
                if !text {
                    problem(
                        Attribute::Pattern,
                        format!(
                            "a `pattern` constraint applies to strings, not to {}",
                            describe(model, ty)
                        ),
                        None,
                    );
                } else if let Some(message) = pattern_problem(pattern) {
                    problem(
                        Attribute::Pattern,
                        message,
                        Some("the generated code matches patterns with the `regex` crate, which has no look-around or backreferences"),
                    );
                }
            }
            // A format no value takes would be silently ignored by the emitter.
            let mut holds_timestamps = false;
            ty.walk(&mut |t| holds_timestamps |= *t == Type::Timestamp);
            if field.service_wire.timestamp_format.is_some() && !holds_timestamps {
                problem(
                    Attribute::TimestampFormat,
                    format!(
                        "a `timestamp_format` applies to timestamps (and lists, sets and maps of them), not to {}",
                        describe(model, ty)
                    ),
                    None,
                );
            }
        }
    }
    problems
}

/// What `ty` is, in words, for a message about a field of that type.
fn describe(model: &Model, ty: &Type) -> String {
    let words = match ty {
        Type::String => "a string",
        Type::Integer => "an integer",
        Type::Float => "a float",
        Type::Decimal => "a decimal",
        Type::Boolean => "a boolean",
        Type::Timestamp => "a timestamp",
        Type::Blob => "a blob",
        Type::Any => "any JSON value",
        Type::Null => "null",
        Type::List(_) => "a list",
        Type::Set(_) => "a set",
        Type::Map(..) => "a map",
        Type::Union(_) => "a union",
        Type::Enum(_) => "an inline literal type",
        Type::Ref(name) => {
            return match model.shapes.get(name).map(|s| &s.kind) {
                Some(ShapeKind::Literal(_)) => format!("the literal type `{name}`"),
                Some(ShapeKind::Structure(_)) => format!("the structure `{name}`"),
                None => format!("`{name}`"),
            }
        }
    };
    words.to_owned()
}

/// Whether values of `ty` are totally ordered, so that they can be set elements and map keys.
pub fn is_ordered(model: &Model, ty: &Type) -> bool {
    match ty {
        Type::String
        | Type::Integer
        | Type::Boolean
        | Type::Timestamp
        | Type::Blob
        | Type::Enum(_) => true,
        Type::Ref(name) => model
            .shapes
            .get(name)
            .is_some_and(|shape| matches!(shape.kind, ShapeKind::Literal(_))),
        _ => false,
    }
}

/// The first reference in `ty` to no shape of `model`, or map key that is not ordered.
fn type_problem(model: &Model, ty: &Type) -> Option<String> {
    let mut found = None;
    ty.walk(&mut |t| {
        if found.is_some() {
            return;
        }
        match t {
            Type::Ref(target) if !model.shapes.contains_key(target) => {
                found = Some(format!(
                    "the type refers to `{target}`, which is not a shape of this model"
                ))
            }
            Type::Map(key, _) if !is_ordered(model, key) => {
                found = Some(
                    "a map key must be a string, integer, boolean, timestamp, blob or literal type"
                        .into(),
                )
            }
            _ => {}
        }
    });
    found
}

/// Why the `regex` crate refuses `pattern`, if it does.
pub(crate) fn pattern_problem(pattern: &str) -> Option<String> {
    let error = match regex_syntax::Parser::new().parse(pattern) {
        Ok(hir) => {
            // The generated code compiles the pattern on first use: one too big for the `regex`
            // crate's default size limit would fail there, not here.
            return (weight(&hir) > MAX_PATTERN_WEIGHT).then(|| format!(
                "`{pattern}` repeats large character classes too often to compile within the `regex` crate's default size limit"
            ));
        }
        Err(error) => error,
    };
    let reason = match &error {
        regex_syntax::Error::Parse(e) => e.kind().to_string(),
        regex_syntax::Error::Translate(e) => e.kind().to_string(),
        other => other.to_string(),
    };
    Some(format!(
        "`{pattern}` is not a regular expression the `regex` crate accepts: {reason}"
    ))
}

/// The largest [`weight`] of a pattern kept: of botocore 1.20.62's patterns (all services), the
/// heaviest the `regex` crate compiles within its default size limit (10 MiB) weighs 319,490, the
/// lightest it refuses 711,250.
const MAX_PATTERN_WEIGHT: u64 = 500_000;

/// A rough measure of the automaton the `regex` crate builds for `hir`: a character class
/// counts its ranges (a non-ASCII one four times, for its UTF-8 forms), a bounded repetition
/// multiplies by its count.
fn weight(hir: &regex_syntax::hir::Hir) -> u64 {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(literal) => literal.0.len() as u64,
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|r| if r.end() <= '\x7f' { 1 } else { 4 })
            .sum(),
        HirKind::Class(Class::Bytes(class)) => class.ranges().len() as u64,
        HirKind::Repetition(repetition) => {
            let count = repetition.max.unwrap_or(repetition.min).max(1);
            weight(&repetition.sub).saturating_mul(u64::from(count))
        }
        HirKind::Capture(capture) => weight(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().map(weight).fold(0, u64::saturating_add)
        }
    }
}

/// Refuses what the emitter cannot handle in bounded resources, before any work that grows with
/// the model: more shapes than [`MAX_SHAPES`] or members than [`MAX_MEMBERS`], and types nested
/// deeper than [`MAX_TYPE_DEPTH`] (a model built in code could otherwise overflow the stack of the
/// recursive walks that follow; both readers stop far sooner).
fn check_size(model: &Model) -> Option<Problem> {
    let too_big = |message: String, hint: &str| Problem {
        subject: Subject::Model,
        message,
        hint: Some(hint.to_owned()),
    };
    if model.shapes.len() > MAX_SHAPES {
        return Some(too_big(
            format!(
                "the `{}` model has {} shapes; a generated crate holds at most {MAX_SHAPES}",
                model.service,
                model.shapes.len()
            ),
            "split the model into several (the largest AWS service has about 2,500 shapes)",
        ));
    }
    let mut members = 0;
    for (name, shape) in &model.shapes {
        let structure = match &shape.kind {
            ShapeKind::Structure(structure) => structure,
            ShapeKind::Literal(literal) => {
                members += literal.values.len();
                continue;
            }
        };
        members += structure.fields.len();
        for field in &structure.fields {
            let depth = field.ty.depth();
            if depth > MAX_TYPE_DEPTH {
                return Some(Problem {
                    subject: Subject::Field {
                        shape: name.clone(),
                        field: field.name.clone(),
                        attribute: Attribute::Type,
                    },
                    message: format!(
                        "the type nests {depth} levels deep; at most {MAX_TYPE_DEPTH} are allowed"
                    ),
                    hint: None,
                });
            }
            members += inline_members(&field.ty);
        }
    }
    (members > MAX_MEMBERS).then(|| {
        too_big(
            format!(
                "the `{}` model has {members} members (structure fields, literal values and union members); a generated crate holds at most {MAX_MEMBERS}",
                model.service
            ),
            "split the model into several (the largest AWS service has about 10,000)",
        )
    })
}

/// The values of the inline literals and the members of the unions in `ty` (whose depth is checked).
fn inline_members(ty: &Type) -> usize {
    match ty {
        Type::List(item) | Type::Set(item) => inline_members(item),
        Type::Map(key, value) => inline_members(key) + inline_members(value),
        Type::Union(members) => members.len() + members.iter().map(inline_members).sum::<usize>(),
        Type::Enum(values) => values.len(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Bounds, Constraints, Field, Shape, Structure, TimestampFormat};

    fn model_with(field: Field) -> Model {
        let mut model = Model::new("svc");
        let kind = ShapeKind::Structure(Structure {
            fields: vec![field],
        });
        model
            .shapes
            .insert("FooTypeDef".into(), Shape { docs: None, kind });
        model
    }

    /// The attribute and message of every problem of a model whose one field is `field`.
    fn problems(ty: Type, constraints: Constraints) -> Vec<(Attribute, String)> {
        let field = Field {
            constraints,
            ..Field::new("X", ty, true)
        };
        check(&model_with(field))
            .into_iter()
            .map(|p| match p.subject {
                Subject::Field { attribute, .. } => (attribute, p.message),
                Subject::Model => panic!("a field's problem is about the model: {p}"),
            })
            .collect()
    }

    fn attributes(ty: Type, constraints: Constraints) -> Vec<Attribute> {
        problems(ty, constraints).into_iter().map(|p| p.0).collect()
    }

    #[test]
    fn a_pattern_too_big_for_the_regex_crate_is_refused_wherever_it_comes_from() {
        let pattern = |p: &str| Constraints {
            pattern: Some(p.to_string()),
            ..Constraints::default()
        };
        // What `Regex::new` in the generated crate would refuse at run time (its size limit).
        let refused = problems(Type::String, pattern(r"[^\p{C}]{1,2048}"));
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].0, Attribute::Pattern);
        assert!(refused[0].1.contains("size limit"), "{}", refused[0].1);
        assert!(regex::Regex::new(r"[^\p{C}]{1,2048}").is_err());
        assert_eq!(attributes(Type::String, pattern(r"[^\p{C}]{1,64}")), []);
        assert!(regex::Regex::new(r"[^\p{C}]{1,64}").is_ok());
    }

    #[test]
    fn constraints_must_fit_the_field_type() {
        let pattern = |p: &str| Constraints {
            pattern: Some(p.to_string()),
            ..Constraints::default()
        };
        assert_eq!(attributes(Type::String, pattern("^[a-z]+$")), []);
        let refused = problems(Type::String, pattern("(?<=a)b"));
        assert_eq!(refused.len(), 1);
        assert!(
            refused[0].1.starts_with(
                "`(?<=a)b` is not a regular expression the `regex` crate accepts: look-around"
            ),
            "{}",
            refused[0].1
        );
        assert_eq!(
            attributes(Type::Integer, pattern("x")),
            [Attribute::Pattern]
        );
        let range = |min: f64| Constraints {
            range: Some(Bounds {
                min: Some(min),
                max: None,
            }),
            ..Constraints::default()
        };
        assert_eq!(attributes(Type::Float, range(1.0)), []);
        assert_eq!(attributes(Type::Decimal, range(1.0)), []);
        assert_eq!(
            attributes(Type::Float, range(f64::INFINITY)),
            [Attribute::Range]
        );
        assert_eq!(attributes(Type::String, range(1.0)), [Attribute::Range]);
        let length = Constraints {
            length: Some(Bounds::default()),
            ..Constraints::default()
        };
        assert_eq!(
            attributes(Type::List(Box::new(Type::Boolean)), length.clone()),
            []
        );
        assert_eq!(
            attributes(Type::Boolean, length.clone()),
            [Attribute::Length]
        );
        // Every problem of a field, in attribute order.
        let all = Constraints {
            range: Some(Bounds::default()),
            pattern: Some("x".into()),
            ..length
        };
        assert_eq!(
            attributes(Type::Ref("Missing".into()), all),
            [
                Attribute::Type,
                Attribute::Length,
                Attribute::Range,
                Attribute::Pattern
            ]
        );
    }

    #[test]
    fn map_keys_must_be_ordered_wherever_the_map_is() {
        let map = |key: Type| Type::Map(Box::new(key), Box::new(Type::Any));
        assert_eq!(
            attributes(map(Type::Enum(vec!["A".into()])), Constraints::default()),
            []
        );
        let nested = Type::Union(vec![Type::String, Type::List(Box::new(map(Type::Float)))]);
        assert_eq!(
            problems(nested, Constraints::default()),
            [(
                Attribute::Type,
                "a map key must be a string, integer, boolean, timestamp, blob or literal type"
                    .to_string()
            )]
        );
    }

    #[test]
    fn dangling_references_name_their_target() {
        let ty = Type::List(Box::new(Type::Ref("BarTypeDef".into())));
        let model = model_with(Field::new("Bars", ty, false));
        assert_eq!(
            check(&model)[0].to_string(),
            "field `Bars` of `FooTypeDef`: the type refers to `BarTypeDef`, which is not a shape of this model"
        );
    }

    #[test]
    fn a_timestamp_format_needs_timestamps() {
        let with_format = |ty: Type| {
            let mut field = Field::new("At", ty, false);
            field.service_wire.timestamp_format = Some(TimestampFormat::EpochSeconds);
            check(&model_with(field))
        };
        assert_eq!(with_format(Type::Timestamp), []);
        let map = Type::Map(
            Box::new(Type::String),
            Box::new(Type::List(Box::new(Type::Timestamp))),
        );
        assert_eq!(with_format(map), []);
        let refused = with_format(Type::String);
        assert_eq!(
            refused[0].to_string(),
            "field `At` of `FooTypeDef`: a `timestamp_format` applies to timestamps (and lists, sets and maps of them), not to a string"
        );
        assert!(matches!(
            refused[0].subject,
            Subject::Field {
                attribute: Attribute::TimestampFormat,
                ..
            }
        ));
    }
}
