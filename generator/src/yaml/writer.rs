//! Writing the derived YAML model by hand rather than through serde_yaml, to choose how every
//! string is written: plain only where every YAML 1.1 and 1.2 reader takes it for the same string.
//! serde_yaml follows YAML 1.2 alone, where `OFF`, `no` or `1:20` are strings; PyYAML, Ruby and many
//! CI tools read YAML 1.1, where they are a boolean and a number.

use super::{protocol_name, timestamp_format_name, type_syntax};
use super::{MODEL_FORMAT, MODEL_FORMAT_PLAIN};
use crate::ir::{Bounds, Field, MemberLocation, Model, ServiceWire, Shape, ShapeKind};
use std::fmt::Write as _;

/// The model as YAML, after a comment line naming its service.
pub(super) fn model(model: &Model) -> String {
    let mut out = format!(
        "# Derived model of the `{}` service, written by `shapegen model export`.\n",
        model.service.replace(|c: char| c.is_control(), " ")
    );
    let format = if uses_service_wire(model) {
        MODEL_FORMAT
    } else {
        MODEL_FORMAT_PLAIN
    };
    entry(&mut out, 0, "model_format", &format.to_string());
    entry(&mut out, 0, "service", &scalar(&model.service));
    if let Some(version) = &model.version {
        entry(&mut out, 0, "version", &scalar(version));
    }
    if let Some(version) = &model.boto3_version {
        entry(&mut out, 0, "boto3_version", &scalar(version));
    }
    if let Some(protocol) = model.protocol {
        entry(&mut out, 0, "protocol", protocol_name(protocol));
    }
    if model.shapes.is_empty() {
        entry(&mut out, 0, "shapes", "{}");
    } else {
        key(&mut out, 0, "shapes");
        for (name, shape) in &model.shapes {
            key(&mut out, 1, name);
            write_shape(&mut out, shape);
        }
    }
    out
}

/// Whether the model says anything of the service's own HTTP API, which format 1 cannot hold.
fn uses_service_wire(model: &Model) -> bool {
    model.protocol.is_some()
        || model.shapes.values().any(|shape| match &shape.kind {
            ShapeKind::Structure(s) => s
                .fields
                .iter()
                .any(|f| f.service_wire != ServiceWire::default()),
            ShapeKind::Literal(_) => false,
        })
}

fn write_shape(out: &mut String, shape: &Shape) {
    if let Some(docs) = &shape.docs {
        entry(out, 2, "docs", &scalar(docs));
    }
    match &shape.kind {
        ShapeKind::Structure(structure) if structure.fields.is_empty() => {
            entry(out, 2, "fields", "{}")
        }
        ShapeKind::Structure(structure) => {
            key(out, 2, "fields");
            for field in &structure.fields {
                key(out, 3, &field.name);
                write_field(out, field);
            }
        }
        ShapeKind::Literal(literal) => {
            key(out, 2, "values");
            for value in &literal.values {
                let _ = writeln!(out, "{}- {}", indent(2), scalar(value));
            }
        }
    }
}

fn write_field(out: &mut String, field: &Field) {
    entry(out, 4, "type", &scalar(&type_syntax::to_string(&field.ty)));
    entry(out, 4, "required", &field.required.to_string());
    if let Some(docs) = &field.docs {
        entry(out, 4, "docs", &scalar(docs));
    }
    if field.sensitive {
        entry(out, 4, "sensitive", "true");
    }
    if let Some(length) = &field.constraints.length {
        write_bounds(out, "length", length, |n| n.to_string());
    }
    if let Some(range) = &field.constraints.range {
        write_bounds(out, "range", range, |n| float(*n));
    }
    if let Some(pattern) = &field.constraints.pattern {
        entry(out, 4, "pattern", &scalar(pattern));
    }
    let wire = &field.service_wire;
    if let Some(key) = &wire.key {
        entry(out, 4, "key", &scalar(key));
    }
    let named = match &wire.location {
        MemberLocation::Body => None,
        MemberLocation::Header(name) => Some(("header", name)),
        MemberLocation::Headers(prefix) => Some(("headers", prefix)),
        MemberLocation::Uri(label) => Some(("uri", label)),
        MemberLocation::QueryString(name) => Some(("querystring", name)),
        MemberLocation::StatusCode => {
            entry(out, 4, "location", "status_code");
            None
        }
    };
    // A block mapping: a plain name may hold `,` or `}`, which would end a flow mapping.
    if let Some((kind, name)) = named {
        key(out, 4, "location");
        entry(out, 5, kind, &scalar(name));
    }
    if let Some(format) = wire.timestamp_format {
        entry(out, 4, "timestamp_format", timestamp_format_name(format));
    }
}

fn write_bounds<T>(out: &mut String, name: &str, bounds: &Bounds<T>, text: impl Fn(&T) -> String) {
    if bounds.min.is_none() && bounds.max.is_none() {
        return entry(out, 4, name, "{}");
    }
    key(out, 4, name);
    for (side, value) in [("min", &bounds.min), ("max", &bounds.max)] {
        if let Some(value) = value {
            entry(out, 5, side, &text(value));
        }
    }
}

/// A float as YAML 1.1 and 1.2 both read it back: always with a `.` or an exponent.
fn float(value: f64) -> String {
    if value.is_nan() {
        ".nan".into()
    } else if value.is_infinite() {
        if value > 0.0 { ".inf" } else { "-.inf" }.into()
    } else {
        // `Debug` writes the shortest digits that read back exactly, `6.0` rather than `6`.
        format!("{value:?}")
    }
}

fn indent(level: usize) -> String {
    "  ".repeat(level)
}

/// `name:` opening a nested block. YAML limits an implicit key to 1024 characters; a longer
/// name is written as an explicit `? key` entry.
fn key(out: &mut String, level: usize, name: &str) {
    let name = scalar(name);
    if name.len() > 1000 {
        let _ = writeln!(out, "{0}? {name}\n{0}:", indent(level));
    } else {
        let _ = writeln!(out, "{}{name}:", indent(level));
    }
}

/// `name: value` for one of this format's own keys, whose names need no quoting.
fn entry(out: &mut String, level: usize, name: &str, value: &str) {
    let _ = writeln!(out, "{}{name}: {value}", indent(level));
}

/// `text` as a YAML scalar: plain where no reader of YAML 1.1 or 1.2 could take it for anything
/// but this string; otherwise single-quoted (no escapes, so a pattern reads as written), or
/// double-quoted with escapes where it holds characters a single-quoted scalar cannot.
pub(crate) fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        return text.to_string();
    }
    if !text.chars().any(needs_escape) {
        return format!("'{}'", text.replace('\'', "''"));
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(quoted, "\\u{:04x}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Control characters, YAML's own line breaks and the byte-order mark: only a double-quoted
/// scalar can hold them, escaped.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Starting with a letter or `_` rules out every YAML 1.1 and 1.2 number, date, null (`~`), merge
/// (`<<`) and value (`=`) key, and every indicator; what is left are the boolean and null words.
/// Leading and trailing spaces, `:` and `#` (which end or comment a plain scalar) need quotes.
fn is_plain_safe(text: &str) -> bool {
    const WORDS: [&str; 9] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    let Some(first) = text.chars().next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && !text.ends_with(' ')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " _-.,/()[]{}'+*&%@!?<>=^$\\;~|`".contains(c))
        && !WORDS.contains(&text.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::scalar;

    #[test]
    fn yaml_1_1_words_and_numbers_are_quoted() {
        for word in [
            "y",
            "Y",
            "n",
            "NO",
            "yes",
            "On",
            "OFF",
            "off",
            "true",
            "False",
            "null",
            "NULL",
            "~",
            "",
            "1_000",
            "0x1F",
            "0o17",
            "1:20",
            ".inf",
            "-.inf",
            ".NaN",
            "2001-12-14",
            "<<",
            "=",
            "1e3",
            "012",
            "0.1.0",
            "1.17.62",
            " a",
            "a ",
            "a: b",
            "a #b",
            "#a",
            "- a",
        ] {
            assert!(scalar(word).starts_with('\''), "{word:?} must be quoted");
        }
        for word in [
            "OFFLINE",
            "NONE",
            "Yesterday",
            "list[Foo]",
            "enum['OFF', 'ON']",
            "a b",
        ] {
            assert_eq!(scalar(word), word);
        }
    }

    #[test]
    fn escapes_what_a_double_quoted_scalar_cannot_hold() {
        assert_eq!(
            scalar("a\"b\\c\nd\te\u{1b}[0m\u{2028}"),
            r#""a\"b\\c\nd\te\u001b[0m\u2028""#
        );
        assert_eq!(scalar("café"), "'café'");
        assert_eq!(scalar("'a' b"), "'''a'' b'");
        assert_eq!(scalar(r"^[\w+=,.@-]{8,}$"), r"'^[\w+=,.@-]{8,}$'");
    }
}
