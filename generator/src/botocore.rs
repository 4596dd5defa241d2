//! botocore's service model (`service-2.json`, the model the mypy-boto3 pages were generated
//! from) as an enrichment layer under the overlay: it adds documentation, sensitivity,
//! constraints, how the service's own HTTP API carries each member ([`ir::ServiceWire`]) and the
//! protocol. The structure docs stay the source of which shapes and fields exist and which are
//! required; botocore only adds, and what does not match is reported, never dropped silently.
//!
//! Names match by mypy-boto3's rules: structure `XTypeDef` is botocore's `X` (gen-4's request
//! structures `XRequestTypeDef` are `X` = `...Request`, and its paginator and waiter requests
//! `<input shape><Name>PaginateTypeDef`/`WaitTypeDef` the input shape); literal `X` is the enum
//! string shape `X`, or `X` for `XType` where mypy-boto3 renamed it; fields by name.

use crate::error::{decode_utf8, Error, Location, Result};
use crate::ir::{self, Bounds, Field, MemberLocation, Model, Protocol, ShapeKind, TimestampFormat};
use crate::ir::{Type, MAX_TYPE_DEPTH};
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The largest service-2.json read: 15 times the largest real one (ec2's, 2.1 MB).
pub const MAX_SERVICE_BYTES: usize = 32 << 20;

/// Shapes boto3 adds to a service that botocore does not describe: its paginator and waiter
/// settings, the response metadata of every output, s3's `copy_object` source.
const BOTO3_STRUCTURES: &[&str] = &[
    "PaginatorConfigTypeDef",
    "WaiterConfigTypeDef",
    "ResponseMetadataTypeDef",
    "CopySourceTypeDef",
    // Headed without the suffix on some pages.
    "ResponseMetadata",
    // gen-4's output of operations that return nothing.
    "EmptyResponseMetadataTypeDef",
];
/// Literal types boto3 adds: the names of its paginators and waiters.
const BOTO3_LITERAL_SUFFIXES: &[&str] = &["PaginatorName", "WaiterName"];
/// The field boto3 adds to every output structure, and those gen-4's paginator and waiter
/// requests have in place of the service's paging members.
const BOTO3_FIELDS: &[&str] = &["ResponseMetadata", "PaginationConfig", "WaiterConfig"];

/// A service model read from its `service-2.json`.
#[derive(Debug)]
pub struct Service {
    path: PathBuf,
    text: String,
    protocol: Option<String>,
    shapes: HashMap<String, BotoShape>,
}

#[derive(Deserialize)]
struct ServiceFile {
    #[serde(default)]
    metadata: Metadata,
    #[serde(default)]
    shapes: HashMap<String, BotoShape>,
}

#[derive(Deserialize, Default)]
struct Metadata {
    protocol: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct BotoShape {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    members: IndexMap<String, Member>,
    member: Option<Member>,
    key: Option<Member>,
    value: Option<Member>,
    documentation: Option<String>,
    #[serde(default)]
    sensitive: bool,
    #[serde(default)]
    deprecated: bool,
    deprecated_message: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
    pattern: Option<String>,
    timestamp_format: Option<String>,
    #[serde(rename = "enum")]
    values: Option<Vec<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Member {
    shape: String,
    documentation: Option<String>,
    location: Option<String>,
    location_name: Option<String>,
    json_name: Option<String>,
    #[serde(default)]
    sensitive: bool,
    #[serde(default)]
    deprecated: bool,
    deprecated_message: Option<String>,
    timestamp_format: Option<String>,
}

/// Reads the service model at `path`; a malformed one is an error at its line and column.
pub fn read(path: &Path) -> Result<Service> {
    let bytes = crate::limits::read_file(path, MAX_SERVICE_BYTES, "botocore service models")?;
    let text = decode_utf8(path, bytes, |byte| {
        format!("byte 0x{byte:02x} is not UTF-8: a botocore service model is JSON")
    })?;
    let file: ServiceFile = serde_json::from_str(&text).map_err(|e| {
        Error::at(
            Location::new(path, e.line(), e.column()),
            crate::error::without_position(e.to_string()),
        )
        .with_hint("expected botocore's `botocore/data/<service>/<version>/service-2.json`")
    })?;
    Ok(Service {
        path: path.to_path_buf(),
        text,
        protocol: file.metadata.protocol,
        shapes: file.shapes,
    })
}

/// What enriching a model did: the counts, and what did not match.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub stats: Stats,
    pub mismatches: Vec<Mismatch>,
}

/// Something the docs and botocore disagree on, or that botocore says and the model cannot take.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// The model's shape (source name) and field it is about.
    pub shape: String,
    pub field: Option<String>,
    /// Where in the botocore file it stands, when it is botocore's text that cannot be used.
    pub in_botocore: Option<Location>,
    pub message: String,
}

/// Counts of what enrichment matched and applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub shapes_matched: usize,
    pub shapes_documented: usize,
    pub fields_matched: usize,
    pub fields_documented: usize,
    pub fields_sensitive: usize,
    pub length: usize,
    pub range: usize,
    pub pattern: usize,
    /// Patterns rewritten from Java's regex syntax (`\uXXXX`, surrogate pairs) to Rust's.
    pub patterns_translated: usize,
    pub patterns_dropped: usize,
    /// Fields whose service wire key differs from boto3's, or that travel outside the body.
    pub service_keys: usize,
    pub outside_body: usize,
    /// Shapes and fields that boto3 adds and botocore does not describe (not mismatches).
    pub boto3_own: usize,
    /// What did not match, by reason.
    pub unmatched: BTreeMap<&'static str, usize>,
}

impl Stats {
    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &Stats) {
        self.shapes_matched += other.shapes_matched;
        self.shapes_documented += other.shapes_documented;
        self.fields_matched += other.fields_matched;
        self.fields_documented += other.fields_documented;
        self.fields_sensitive += other.fields_sensitive;
        self.length += other.length;
        self.range += other.range;
        self.pattern += other.pattern;
        self.patterns_translated += other.patterns_translated;
        self.patterns_dropped += other.patterns_dropped;
        self.service_keys += other.service_keys;
        self.outside_body += other.outside_body;
        self.boto3_own += other.boto3_own;
        for (reason, count) in &other.unmatched {
            *self.unmatched.entry(reason).or_default() += count;
        }
    }
}

const NO_SHAPE: &str = "a docs shape botocore does not have";
const NO_MEMBER: &str = "a docs field botocore does not have";
const NO_FIELD: &str = "a botocore member the docs do not have";

impl Service {
    /// Adds what botocore says to `model` (see the [module docs](self)).
    pub fn enrich(&self, model: &mut Model) -> Report {
        let mut report = Report::default();
        model.protocol = self.protocol.as_deref().and_then(protocol);
        for (name, shape) in &mut model.shapes {
            let Some(boto_name) = self.shape_name(name, &shape.kind) else {
                if is_boto3_own(name, &shape.kind) {
                    report.stats.boto3_own += 1;
                } else {
                    report.mismatch(
                        Some(NO_SHAPE),
                        name,
                        None,
                        None,
                        "botocore has no shape of this name",
                    );
                }
                continue;
            };
            let boto = &self.shapes[boto_name];
            report.stats.shapes_matched += 1;
            // botocore only adds: a model's own documentation stays where botocore has none.
            if let Some(docs) = documentation(boto.documentation.as_deref(), boto.deprecation()) {
                shape.docs = Some(docs);
                report.stats.shapes_documented += 1;
            }
            let ShapeKind::Structure(structure) = &mut shape.kind else {
                continue;
            };
            for field in &mut structure.fields {
                match boto.members.get(&field.name) {
                    Some(member) => {
                        self.enrich_field(field, member, name, &mut report);
                        // A sensitive structure is secret as a whole: each of its members too,
                        // so that printing the structure on its own shows none of them.
                        if boto.sensitive && !field.sensitive {
                            field.sensitive = true;
                            report.stats.fields_sensitive += 1;
                        }
                    }
                    None if BOTO3_FIELDS.contains(&field.name.as_str()) => {
                        report.stats.boto3_own += 1
                    }
                    None => report.mismatch(
                        Some(NO_MEMBER),
                        name,
                        Some(&field.name),
                        None,
                        &format!("botocore's `{boto_name}` has no member of this name"),
                    ),
                }
            }
            // A paginator's or waiter's request leaves out the paging members boto3 fills in.
            let pager = name.ends_with("PaginateTypeDef") || name.ends_with("WaitTypeDef");
            for member in boto.members.keys().filter(|_| !pager) {
                if structure.field(member).is_none() {
                    report.mismatch(
                        Some(NO_FIELD),
                        name,
                        None,
                        self.locate(&["shapes", boto_name, "members", member]),
                        &format!(
                            "botocore's `{boto_name}` has a member `{member}` the docs do not list"
                        ),
                    );
                }
            }
        }
        report
    }

    /// The botocore shape that the model's shape `name` was made from.
    fn shape_name<'a>(&'a self, name: &'a str, kind: &ShapeKind) -> Option<&'a str> {
        let is = |name: &str, structure: bool| {
            self.shapes
                .get_key_value(name)
                .filter(|(_, s)| {
                    (s.kind == "structure") == structure && (structure || s.values.is_some())
                })
                .map(|(k, _)| k.as_str())
        };
        match kind {
            ShapeKind::Structure(_) => {
                let base = name.strip_suffix("TypeDef")?;
                if let Some(found) = is(base, true) {
                    return Some(found);
                }
                if let Some(found) = base.strip_suffix("Request").and_then(|b| is(b, true)) {
                    return Some(found);
                }
                // gen-4's `<input shape><Paginator>Paginate` and `<input shape><Waiter>Wait`:
                // the longest prefix that is a structure.
                let rest = base
                    .strip_suffix("Paginate")
                    .or_else(|| base.strip_suffix("Wait"))?;
                (1..rest.len())
                    .rev()
                    .filter(|&i| {
                        rest.is_char_boundary(i)
                            && rest[i..].starts_with(|c: char| c.is_ascii_uppercase())
                    })
                    .find_map(|i| is(&rest[..i], true))
            }
            ShapeKind::Literal(_) => {
                is(name, false).or_else(|| is(name.strip_suffix("Type")?, false))
            }
        }
    }

    fn enrich_field(&self, field: &mut Field, member: &Member, shape: &str, report: &mut Report) {
        report.stats.fields_matched += 1;
        let target = self.shapes.get(&member.shape);
        let docs = member
            .documentation
            .as_deref()
            .or_else(|| target.and_then(|t| t.documentation.as_deref()));
        let deprecated = if member.deprecated {
            Some(member.deprecated_message.as_deref())
        } else {
            target.and_then(BotoShape::deprecation)
        };
        if let Some(docs) = documentation(docs, deprecated) {
            field.docs = Some(docs);
            report.stats.fields_documented += 1;
        }
        if member.sensitive || self.is_sensitive(&member.shape) {
            field.sensitive = true;
            report.stats.fields_sensitive += 1;
        }

        let wire = &mut field.service_wire;
        let location_name = member.location_name.clone();
        wire.location = match (member.location.as_deref(), location_name) {
            (Some("header"), Some(name)) => MemberLocation::Header(name),
            (Some("headers"), Some(name)) => MemberLocation::Headers(name),
            (Some("uri"), Some(name)) => MemberLocation::Uri(name),
            (Some("querystring"), Some(name)) => MemberLocation::QueryString(name),
            (Some("statusCode"), _) => MemberLocation::StatusCode,
            (_, name) => {
                wire.key = member
                    .json_name
                    .clone()
                    .or(name)
                    .filter(|k| *k != field.name);
                MemberLocation::Body
            }
        };
        report.stats.service_keys += usize::from(wire.key.is_some());
        report.stats.outside_body += usize::from(wire.location != MemberLocation::Body);
        let format = member
            .timestamp_format
            .as_deref()
            .or_else(|| target.and_then(|t| t.timestamp_format.as_deref()));
        if let Some(format) = format.and_then(timestamp_format) {
            wire.timestamp_format = Some(format);
        }

        let Some(target) = target else {
            return;
        };
        let bounds = Bounds {
            min: target.min,
            max: target.max,
        };
        let has_bounds = bounds.min.is_some() || bounds.max.is_some();
        let text = field.ty == Type::String && target.kind == "string";
        let collection = matches!(field.ty, Type::List(_) | Type::Set(_) | Type::Map(..))
            && matches!(target.kind.as_str(), "list" | "map");
        let number = matches!(field.ty, Type::Integer | Type::Float | Type::Decimal)
            && matches!(
                target.kind.as_str(),
                "integer" | "long" | "float" | "double"
            );
        if has_bounds && (text || collection) {
            let whole = |b: Option<f64>| {
                b.filter(|b| *b >= 0.0 && b.fract() == 0.0)
                    .map(|b| b as u64)
            };
            let length = Bounds {
                min: whole(bounds.min).filter(|min| *min > 0),
                max: whole(bounds.max),
            };
            if length.min.is_some() || length.max.is_some() {
                field.constraints.length = Some(length);
                report.stats.length += 1;
            }
        } else if has_bounds
            && number
            && [bounds.min, bounds.max]
                .iter()
                .flatten()
                .all(|b| b.is_finite())
        {
            field.constraints.range = Some(bounds);
            report.stats.range += 1;
        }
        if let Some(pattern) = target.pattern.as_deref().filter(|_| text) {
            match rust_pattern(pattern) {
                Ok(rust) => {
                    report.stats.patterns_translated += usize::from(rust != pattern);
                    field.constraints.pattern = Some(rust);
                    report.stats.pattern += 1;
                }
                Err(reason) => {
                    report.stats.patterns_dropped += 1;
                    report.mismatch(
                        None,
                        shape,
                        Some(&field.name),
                        self.locate(&["shapes", &member.shape, "pattern"]),
                        &format!(
                            "botocore's pattern `{pattern}` of `{}` is left out: {reason}",
                            member.shape
                        ),
                    );
                }
            }
        }
    }

    /// Whether the shape `name` is sensitive, or a list or map (of lists or maps) of sensitive
    /// things; a cycle of lists, or a missing shape, is not.
    fn is_sensitive(&self, name: &str) -> bool {
        let mut pending = vec![(name, 0)];
        while let Some((name, depth)) = pending.pop() {
            let Some(shape) = self.shapes.get(name) else {
                continue;
            };
            if shape.sensitive {
                return true;
            }
            for inner in [&shape.member, &shape.key, &shape.value]
                .into_iter()
                .flatten()
            {
                if inner.sensitive {
                    return true;
                }
                if depth < MAX_TYPE_DEPTH {
                    pending.push((inner.shape.as_str(), depth + 1));
                }
            }
        }
        false
    }

    /// Where the botocore file has the key path `keys` (`["shapes", "Name", "pattern"]`), each key
    /// inside the value of the one before: for a warning about botocore's own text.
    fn locate(&self, keys: &[&str]) -> Option<Location> {
        let text = self.text.as_bytes();
        let (mut depth, mut found, mut at) = (0, 0, 0);
        while at < text.len() {
            match text[at] {
                b'{' | b'[' => depth += 1,
                // The end of the value of the last key found: the next is not in it.
                b'}' | b']' if found > 0 && depth == found + 1 => return None,
                b'}' | b']' => depth -= 1,
                b'"' => {
                    let start = at;
                    at += 1;
                    while at < text.len() && text[at] != b'"' {
                        at += if text[at] == b'\\' { 2 } else { 1 };
                    }
                    let is_key = self
                        .text
                        .get(at + 1..)
                        .is_some_and(|r| r.trim_start().starts_with(':'));
                    if is_key
                        && depth == found + 1
                        && self.text.get(start + 1..at) == Some(keys[found])
                    {
                        found += 1;
                        if found == keys.len() {
                            return Some(Location::at_offset(&self.path, &self.text, start));
                        }
                    }
                }
                _ => {}
            }
            at += 1;
        }
        None
    }
}

impl BotoShape {
    /// `Some(message)` if the shape is deprecated.
    fn deprecation(&self) -> Option<Option<&str>> {
        self.deprecated
            .then_some(self.deprecated_message.as_deref())
    }
}

impl Report {
    /// Records a mismatch; `reason`, for a name that did not match, counts it.
    fn mismatch(
        &mut self,
        reason: Option<&'static str>,
        shape: &str,
        field: Option<&str>,
        in_botocore: Option<Location>,
        message: &str,
    ) {
        if let Some(reason) = reason {
            *self.stats.unmatched.entry(reason).or_default() += 1;
        }
        self.mismatches.push(Mismatch {
            shape: shape.to_string(),
            field: field.map(str::to_string),
            in_botocore,
            message: message.to_string(),
        });
    }
}

fn is_boto3_own(name: &str, kind: &ShapeKind) -> bool {
    match kind {
        ShapeKind::Structure(_) => BOTO3_STRUCTURES.contains(&name),
        ShapeKind::Literal(_) => BOTO3_LITERAL_SUFFIXES.iter().any(|s| name.ends_with(s)),
    }
}

/// Markdown for botocore's HTML `docs`, with a deprecation (and its message) noted after it.
fn documentation(docs: Option<&str>, deprecated: Option<Option<&str>>) -> Option<String> {
    let mut text = docs.map(crate::html::to_markdown).unwrap_or_default();
    if let Some(message) = deprecated {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str("Deprecated.");
        if let Some(message) = message
            .map(crate::html::to_markdown)
            .filter(|m| !m.is_empty())
        {
            text.push(' ');
            text.push_str(&message);
        }
    }
    (!text.trim().is_empty()).then_some(text)
}

fn protocol(name: &str) -> Option<Protocol> {
    Some(match name {
        "json" => Protocol::Json,
        "rest-json" => Protocol::RestJson,
        "query" => Protocol::Query,
        "rest-xml" => Protocol::RestXml,
        "ec2" => Protocol::Ec2,
        _ => return None,
    })
}

fn timestamp_format(name: &str) -> Option<TimestampFormat> {
    Some(match name {
        "iso8601" => TimestampFormat::Iso8601,
        "unixTimestamp" => TimestampFormat::EpochSeconds,
        "rfc822" => TimestampFormat::HttpDate,
        _ => return None,
    })
}

/// botocore's Java regular expression `java` in the syntax of Rust's `regex` crate: `\uXXXX`
/// escapes become `\x{XXXX}`, a UTF-16 surrogate pair the one code point it encodes (so
/// `[\uD800\uDC00-\uDBFF\uDFFF]` is `[\x{10000}-\x{10FFFF}]`). Why not, if it cannot be.
pub(crate) fn rust_pattern(java: &str) -> Result<String, String> {
    let mut out = String::with_capacity(java.len());
    let mut rest = java;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(unit) = utf16_escape(rest) else {
            // Any other escape, `\\` included, stays as it is, with the character it escapes.
            let escaped = rest[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..1 + escaped]);
            rest = &rest[1 + escaped..];
            continue;
        };
        rest = &rest[6..];
        let code = if (0xD800..0xDC00).contains(&unit) {
            match utf16_escape(rest).filter(|low| (0xDC00..0xE000).contains(low)) {
                Some(low) => {
                    rest = &rest[6..];
                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                None => return Err(format!("`\\u{unit:X}` is half a UTF-16 surrogate pair")),
            }
        } else if (0xDC00..0xE000).contains(&unit) {
            return Err(format!("`\\u{unit:X}` is half a UTF-16 surrogate pair"));
        } else {
            unit
        };
        out.push_str(&format!("\\x{{{code:X}}}"));
    }
    out.push_str(rest);
    match ir::pattern_problem(&out) {
        Some(problem) => Err(problem),
        None => Ok(out),
    }
}

/// The code unit of a `\uXXXX` escape at the start of `text`.
fn utf16_escape(text: &str) -> Option<u32> {
    let hex = text.strip_prefix("\\u")?.get(..4)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::rust_pattern;

    #[test]
    fn java_escapes_become_rust_ones() {
        assert_eq!(
            rust_pattern(r"^[\u0020-\u00FF]+$").unwrap(),
            r"^[\x{20}-\x{FF}]+$"
        );
        assert_eq!(
            rust_pattern(r"[\uD800\uDC00-\uDBFF\uDFFF]*").unwrap(),
            r"[\x{10000}-\x{10FFFF}]*"
        );
        // An escaped backslash before `u` is a backslash and a `u`.
        assert_eq!(rust_pattern(r"a\\u0041").unwrap(), r"a\\u0041");
        assert_eq!(rust_pattern(r"\w+=,.@-").unwrap(), r"\w+=,.@-");
        assert!(rust_pattern(r"\uDC00")
            .unwrap_err()
            .contains("half a UTF-16 surrogate pair"));
        assert!(rust_pattern(r"(?<=a)b")
            .unwrap_err()
            .contains("look-around"));
        assert!(rust_pattern(r"[^\p{C}]{1,2048}")
            .unwrap_err()
            .contains("size limit"));
    }
}
