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
//!
//! What the service's own HTTP API says of a member, where it differs from boto3's dicts (from
//! botocore, for `rust.json_keys: service`): `key` (its JSON key, `cognitoUserPoolId`),
//! `location` (`{header: X-Amz-Foo}`, `{headers: x-amz-meta-}`, `{uri: appId}`,
//! `{querystring: maxResults}` or `status_code`; the body when absent) and `timestamp_format`
//! (`epoch_seconds`, `iso8601` or `http_date`; the protocol's default when absent); and at the
//! top, `protocol` (`json`, `rest-json`, `query`, `rest-xml` or `ec2`). A model with any of them
//! is written as `model_format: 2`, so that a shapegen reading only format 1, which would refuse
//! the keys as unknown, says to upgrade instead; a model without them stays format 1.

use crate::error::{decode_utf8, Error, Location, Result};
use crate::ir::{
    Constraints, Field, Literal, MemberLocation, Model, Protocol, ServiceWire, Shape, ShapeKind,
    Structure, TimestampFormat, Type,
};
use crate::limits::{self, MAX_YAML_BYTES};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

mod checked;
mod entries;
pub mod type_syntax;
mod writer;

pub(crate) use checked::{Boto3Version, CheckedStr, ServiceName, Version};
pub(crate) use entries::{BoundsIo, CheckedMap, Reject, UniqueMap};
pub(crate) use writer::scalar;

/// The version of the file format this build reads and writes.
pub(crate) const MODEL_FORMAT: u32 = 2;

/// The format of a model without service-wire facts, which every shapegen reads.
pub(crate) const MODEL_FORMAT_PLAIN: u32 = 1;

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
        service: file.service.0,
        version: file.version.map(|v| v.0),
        boto3_version: file.boto3_version.map(|v| v.0),
        protocol: file.protocol.map(|p| p.0),
        shapes: file.shapes.0.into_iter().map(|(k, v)| (k, v.0)).collect(),
    };
    Ok(model)
}

/// Writes `model` as YAML: byte-identical for equal models.
pub fn to_string(model: &Model) -> String {
    writer::model(model)
}

pub(crate) fn yaml_error(path: &Path, text: &str, error: &serde_yaml::Error) -> Error {
    let message = crate::error::without_position(error.to_string());
    // A reader error has no location of its own (serde_yaml says the start).
    let reader = error.location().map_or(true, |at| at.index() == 0);
    let (location, message) = match (
        reader.then(|| reader_offset(&message)).flatten(),
        error.location(),
    ) {
        (Some((offset, message)), _) => (Location::at_offset(path, text, offset), message),
        (None, Some(at)) => {
            let offset = duplicate_key_offset(text, at.index(), &message).unwrap_or(at.index());
            (Location::at_offset(path, text, offset), message)
        }
        (None, None) => (Location::new(path, 1, 1), message),
    };
    Error::at(location, message)
}

/// libyaml's reader (a control character, a bad UTF-8 sequence) gives a byte offset in its message,
/// `... at position N`, rather than a location: the offset, and the message without it.
fn reader_offset(message: &str) -> Option<(usize, String)> {
    let (problem, rest) = message.rsplit_once(" at position ")?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let offset = rest[..digits].parse().ok()?;
    Some((offset, format!("{problem}{}", &rest[digits..])))
}

/// Where the second key stands when `message` is about a duplicate key. serde_yaml can only say
/// where our check rejected its value (possibly lines below), or, for a field of a derived
/// struct, where the mapping starts; the key is what a person looks for.
fn duplicate_key_offset(text: &str, offset: usize, message: &str) -> Option<usize> {
    if let Some((_, rest)) = message.split_once("duplicate field `") {
        return second_block_key(text, offset, rest.strip_suffix('`')?);
    }
    let (_, rest) = message.split_once("duplicate key `")?;
    let key = rest.strip_suffix('`')?;
    let before = text.get(..offset)?.trim_end();
    let before = before.strip_suffix(':')?.trim_end_matches([' ', '\t']);
    let quoted = before.strip_suffix(['"', '\'']);
    let start = quoted.unwrap_or(before).strip_suffix(key)?.len();
    Some(if quoted.is_some() { start - 1 } else { start })
}

/// The second `key:` of the block mapping whose first key is at `start`: its keys share that
/// column, and it ends at the first line indented less. `None` for a flow mapping.
fn second_block_key(text: &str, start: usize, key: &str) -> Option<usize> {
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let indent = start - line_start;
    let mut seen = 0;
    let mut at = line_start;
    for line in text[line_start..].split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let depth = line.len() - content.len();
        if depth < indent && !content.trim().is_empty() && !content.starts_with('#') {
            break;
        }
        if depth == indent {
            let unquoted = content.strip_prefix(['"', '\'']).unwrap_or(content);
            let rest = unquoted
                .strip_prefix(key)
                .map(|r| r.trim_start_matches(['"', '\'', ' ']));
            if rest.is_some_and(|r| r.starts_with(':')) {
                seen += 1;
                if seen == 2 {
                    return Some(at + depth);
                }
            }
        }
        at += line.len();
    }
    None
}

/// Where the last of `keys` (a path of mapping keys from the document's root) stands in `text`,
/// read from `path`; `None` if the path leads nowhere. serde_yaml keeps no positions of what it
/// read, so this reads the text again and fails on purpose at that key, which serde_yaml then
/// locates. Only for errors: the text has read without one before.
pub(crate) fn locate(path: &Path, text: &str, keys: &[&str]) -> Option<Location> {
    let error = Seek(keys)
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .err()?;
    let at = error
        .location()
        .filter(|_| error.to_string().contains(SOUGHT));
    at.map(|at| Location::at_offset(path, text, at.index()))
}

/// The failure [`Seek`] ends in, told apart from any other.
const SOUGHT: &str = "the key sought by shapegen's locator";

/// Walks a mapping down its keys (at least one) and fails at the last, where serde_yaml tells the
/// position of; anything but a mapping on the way fails otherwise.
struct Seek<'a>(&'a [&'a str]);

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((name, rest)) = self.0.split_first() else {
            return Ok(());
        };
        let key = Key {
            name,
            last: rest.is_empty(),
        };
        while let Some(found) = map.next_key_seed(key)? {
            if found {
                map.next_value_seed(Seek(rest))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// Whether a key is `name`; the `last` key of a [`Seek`] fails there instead.
#[derive(Clone, Copy)]
struct Key<'a> {
    name: &'a str,
    last: bool,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<bool, E> {
        match key == self.name {
            true if self.last => Err(E::custom(SOUGHT)),
            found => Ok(found),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    #[serde(default = "default_format")]
    model_format: u32,
    service: ServiceName,
    #[serde(default)]
    version: Option<Version>,
    #[serde(default)]
    boto3_version: Option<Boto3Version>,
    #[serde(default)]
    protocol: Option<ProtocolIo>,
    shapes: UniqueMap<ShapeIn>,
}

/// botocore's names of the protocols.
const PROTOCOLS: [(&str, Protocol); 5] = [
    ("json", Protocol::Json),
    ("rest-json", Protocol::RestJson),
    ("query", Protocol::Query),
    ("rest-xml", Protocol::RestXml),
    ("ec2", Protocol::Ec2),
];

/// The name of `protocol` in a model, as botocore spells it.
pub(crate) fn protocol_name(protocol: Protocol) -> &'static str {
    let (name, _) = PROTOCOLS
        .iter()
        .find(|(_, p)| *p == protocol)
        .expect("every protocol");
    name
}

/// A protocol as botocore names it.
pub(crate) struct ProtocolIo(pub Protocol);

impl<'de> Deserialize<'de> for ProtocolIo {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Checked inside serde_yaml's call, where its error gets the value's position.
        let name = deserializer.deserialize_str(CheckedStr(|name| {
            match PROTOCOLS.iter().any(|(n, _)| *n == name) {
                true => Ok(()),
                false => Err(format!(
                    "unknown protocol `{}`, expected `json`, `rest-json`, `query`, `rest-xml` or `ec2`",
                    name.escape_debug()
                )),
            }
        }))?;
        let (_, protocol) = PROTOCOLS.iter().find(|(n, _)| *n == name).expect("checked");
        Ok(ProtocolIo(*protocol))
    }
}

/// A timestamp format: `epoch_seconds`, `iso8601` or `http_date`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TimestampFormatIo {
    EpochSeconds,
    Iso8601,
    HttpDate,
}

impl From<TimestampFormatIo> for TimestampFormat {
    fn from(format: TimestampFormatIo) -> Self {
        match format {
            TimestampFormatIo::EpochSeconds => TimestampFormat::EpochSeconds,
            TimestampFormatIo::Iso8601 => TimestampFormat::Iso8601,
            TimestampFormatIo::HttpDate => TimestampFormat::HttpDate,
        }
    }
}

/// The name of a timestamp format in a model.
pub(crate) fn timestamp_format_name(format: TimestampFormat) -> &'static str {
    match format {
        TimestampFormat::EpochSeconds => "epoch_seconds",
        TimestampFormat::Iso8601 => "iso8601",
        TimestampFormat::HttpDate => "http_date",
    }
}

/// Where a member travels: `status_code`, or a one-entry mapping naming the header, header
/// prefix, URI label or query parameter (`{header: X-Amz-Foo}`).
pub(crate) struct LocationIo(pub MemberLocation);

/// The location kinds that carry a name, as a model writes them.
const NAMED_LOCATIONS: &str =
    "`{header: NAME}`, `{headers: PREFIX}`, `{uri: LABEL}`, `{querystring: NAME}` or `status_code`";

impl<'de> Deserialize<'de> for LocationIo {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LocationVisitor)
    }
}

struct LocationVisitor;

impl<'de> Visitor<'de> for LocationVisitor {
    type Value = LocationIo;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a location: {NAMED_LOCATIONS}")
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<LocationIo, E> {
        match text {
            "status_code" => Ok(LocationIo(MemberLocation::StatusCode)),
            _ => Err(E::custom(format!(
                "unknown location `{}`, expected {NAMED_LOCATIONS}",
                text.escape_debug()
            ))),
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LocationIo, A::Error> {
        use serde::de::Error as _;
        let entry = map.next_entry::<String, String>()?;
        let location = match entry {
            Some((kind, name)) if !name.is_empty() => match kind.as_str() {
                "header" => MemberLocation::Header(name),
                "headers" => MemberLocation::Headers(name),
                "uri" => MemberLocation::Uri(name),
                "querystring" => MemberLocation::QueryString(name),
                _ => {
                    return Err(A::Error::custom(format!(
                        "unknown location `{}`, expected {NAMED_LOCATIONS}",
                        kind.escape_debug()
                    )))
                }
            },
            _ => {
                return Err(A::Error::custom(format!(
                    "expected {NAMED_LOCATIONS}, with a name that is not empty"
                )))
            }
        };
        if map.next_key::<IgnoredAny>()?.is_some() {
            return Err(A::Error::custom(format!(
                "a member has one location: {NAMED_LOCATIONS}"
            )));
        }
        Ok(LocationIo(location))
    }
}

/// A member's key in the service's JSON: not empty.
pub(crate) struct KeyIo(pub String);

impl<'de> Deserialize<'de> for KeyIo {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = deserializer.deserialize_str(CheckedStr(|key| match key.is_empty() {
            true => Err("a key is the member's name in the service's JSON, not empty".into()),
            false => Ok(()),
        }))?;
        Ok(KeyIo(key))
    }
}

/// The service-wire keys of a field in a model or overlay (each struct that reads them lists
/// them itself: `deny_unknown_fields` does not work through `flatten`).
pub(crate) struct ServiceWireIo {
    pub key: Option<KeyIo>,
    pub location: Option<LocationIo>,
    pub timestamp_format: Option<TimestampFormatIo>,
}

impl ServiceWireIo {
    /// `wire` with what was read set over it.
    pub(crate) fn apply(self, wire: &mut ServiceWire) {
        if let Some(key) = self.key {
            wire.key = Some(key.0);
        }
        if let Some(location) = self.location {
            wire.location = location.0;
        }
        if let Some(format) = self.timestamp_format {
            wire.timestamp_format = Some(format.into());
        }
    }
}

fn default_format() -> u32 {
    MODEL_FORMAT
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
    #[serde(default)]
    key: Option<KeyIo>,
    #[serde(default)]
    location: Option<LocationIo>,
    #[serde(default)]
    timestamp_format: Option<TimestampFormatIo>,
}

impl FieldIn {
    fn into_field(self, name: String) -> Field {
        let mut service_wire = ServiceWire::default();
        ServiceWireIo {
            key: self.key,
            location: self.location,
            timestamp_format: self.timestamp_format,
        }
        .apply(&mut service_wire);
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
            service_wire,
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
        Ok(TypeIn(ty))
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
    fn duplicate_keys_are_errors_at_the_second_key() {
        let error = |text: &str| read(text).unwrap_err().to_string();
        let model = "service: s\nshapes:\n  M:\n    values: [A]\n";
        assert_eq!(
            error(&format!("{model}service: t\n")),
            "m.yaml:5:1: error: duplicate field `service`"
        );
        assert_eq!(
            error(&format!("{model}  M:\n    values: [B]\n")),
            "m.yaml:5:3: error: shapes.M: duplicate key `M`"
        );
        assert_eq!(
            error("service: s\nshapes:\n  F:\n    docs: a\n    fields:\n      X: {type: string, required: true, docs: x}\n    \"docs\": b\n"),
            "m.yaml:7:5: error: shapes.F: duplicate field `docs`"
        );
        assert_eq!(
            error("service: s\nshapes:\n  F:\n    fields:\n      X:\n        type: string\n        required: true\n        type: integer\n"),
            "m.yaml:8:9: error: shapes.F.fields.X: duplicate field `type`"
        );
        assert_eq!(
            error("service: s\nshapes:\n  F:\n    fields:\n      X: {type: string, required: true}\n      X: {type: string, required: true}\n"),
            "m.yaml:6:7: error: shapes.F.fields.X: duplicate key `X`"
        );
    }

    #[test]
    fn a_raw_control_character_is_located() {
        assert_eq!(
            read("service: s\nshapes:\n  M:\n    docs: 'a\x1bb'\n")
                .unwrap_err()
                .to_string(),
            "m.yaml:4:13: error: control characters are not allowed"
        );
    }

    #[test]
    fn names_and_versions_that_reach_the_package_are_checked_where_they_stand() {
        let error = |text: &str| read(text).unwrap_err().to_string();
        let shapes = "shapes:\n  M:\n    values: [A]\n";
        assert!(error(&format!("service: s\nversion: 1.2.3-a..b\n{shapes}"))
            .starts_with("m.yaml:2:10: error: version: `1.2.3-a..b` is not a semantic version"));
        assert!(error(&format!("service: s\nversion: 01.2.3\n{shapes}"))
            .starts_with("m.yaml:2:10: error: version: `01.2.3` is not a semantic version"));
        assert!(error(&format!(
            "service: s\nboto3_version: \"1.0\\n```\"\n{shapes}"
        ))
        .starts_with("m.yaml:2:16: error: boto3_version: boto3 version"));
        assert!(error(&format!("service: \"s\\n```rust\"\n{shapes}"))
            .starts_with("m.yaml:1:10: error: service: service name"));
        let model = read(&format!(
            "service: s\nversion: 1.2.3-rc.1+boto3.1.2\n{shapes}"
        ))
        .unwrap();
        assert_eq!(model.version.as_deref(), Some("1.2.3-rc.1+boto3.1.2"));
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

    /// A rest-json model with every service-wire key.
    const SERVICE_WIRE: &str = "\
service: svc
protocol: rest-json
shapes:
  JobTypeDef:
    fields:
      AppId:
        type: string
        required: true
        location: {uri: appId}
      Tag:
        type: string
        required: false
        location: {header: 'X-Amz-Tag, v2'}
      Meta:
        type: map[string, string]
        required: false
        location: {headers: x-amz-meta-}
      MaxResults:
        type: integer
        required: false
        location: {querystring: maxResults}
      Status:
        type: integer
        required: false
        location: status_code
      StartedAt:
        type: timestamp
        required: true
        key: startedAt
        timestamp_format: epoch_seconds
      Done:
        type: timestamp
        required: false
        timestamp_format: http_date
";

    #[test]
    fn reads_and_writes_the_service_wire_keys() {
        use crate::ir::{MemberLocation, Protocol, TimestampFormat};
        let model = read(SERVICE_WIRE).unwrap();
        assert_eq!(model.protocol, Some(Protocol::RestJson));
        let ShapeKind::Structure(job) = &model.shapes["JobTypeDef"].kind else {
            panic!()
        };
        let wire = |name: &str| job.field(name).unwrap().service_wire.clone();
        assert_eq!(wire("AppId").location, MemberLocation::Uri("appId".into()));
        assert_eq!(
            wire("Tag").location,
            MemberLocation::Header("X-Amz-Tag, v2".into())
        );
        assert_eq!(
            wire("Meta").location,
            MemberLocation::Headers("x-amz-meta-".into())
        );
        assert_eq!(
            wire("MaxResults").location,
            MemberLocation::QueryString("maxResults".into())
        );
        assert_eq!(wire("Status").location, MemberLocation::StatusCode);
        let started = wire("StartedAt");
        assert_eq!(started.key.as_deref(), Some("startedAt"));
        assert_eq!(started.location, MemberLocation::Body);
        assert_eq!(
            started.timestamp_format,
            Some(TimestampFormat::EpochSeconds)
        );
        assert_eq!(
            wire("Done").timestamp_format,
            Some(TimestampFormat::HttpDate)
        );
        let text = to_string(&model);
        assert!(text.contains("model_format: 2\n"), "{text}");
        assert!(
            text.contains("        location:\n          header: X-Amz-Tag, v2\n"),
            "{text}"
        );
        assert_eq!(read(&text).unwrap(), model);
        assert_eq!(to_string(&read(&text).unwrap()), text);
        // Without service-wire facts, format 1, which every shapegen reads.
        assert!(to_string(&read(SAMPLE).unwrap()).contains("model_format: 1\n"));
    }

    #[test]
    fn bad_service_wire_values_are_located() {
        let replaced = |from: &str, to: &str| error(&SERVICE_WIRE.replace(from, to));
        assert_eq!(
            replaced("protocol: rest-json", "protocol: rest_json"),
            "m.yaml:2:11: error: protocol: unknown protocol `rest_json`, expected `json`, `rest-json`, `query`, `rest-xml` or `ec2`"
        );
        assert!(replaced("{uri: appId}", "{path: appId}").starts_with(
            "m.yaml:9:19: error: shapes.JobTypeDef.fields.AppId.location: unknown location `path`"
        ));
        assert!(replaced("{uri: appId}", "{uri: appId, header: x}")
            .contains("a member has one location"));
        assert!(replaced("{uri: appId}", "{uri: ''}").contains("with a name that is not empty"));
        assert!(replaced("location: status_code", "location: body")
            .starts_with("m.yaml:25:19: error: shapes.JobTypeDef.fields.Status.location: unknown location `body`"));
        assert!(replaced("key: startedAt", "key: ''").starts_with(
            "m.yaml:29:14: error: shapes.JobTypeDef.fields.StartedAt.key: a key is the member's name"
        ));
        assert!(replaced("format: epoch_seconds", "format: unixTimestamp").starts_with(
            "m.yaml:30:27: error: shapes.JobTypeDef.fields.StartedAt.timestamp_format: unknown variant `unixTimestamp`, expected one of `epoch_seconds`, `iso8601`, `http_date`"
        ));
    }

    #[test]
    fn locate_finds_a_key_by_its_path() {
        let at =
            |keys: &[&str]| locate(Path::new("m.yaml"), SAMPLE, keys).map(|l| (l.line, l.column));
        assert_eq!(
            at(&["shapes", "FooTypeDef", "fields", "Name", "pattern"]),
            Some((13, 9))
        );
        assert_eq!(
            at(&["shapes", "FooTypeDef", "fields", "Count", "range"]),
            Some((20, 9))
        );
        assert_eq!(at(&["shapes", "Mode"]), Some((23, 3)));
        assert_eq!(
            at(&["shapes", "FooTypeDef", "fields", "Count", "pattern"]),
            None
        );
        // A path through something other than a mapping leads nowhere.
        assert_eq!(at(&["shapes", "Mode", "values", "A"]), None);
        let flow = "service: s\nshapes: {M: {fields: {X: {type: string, 'length': {max: 1}}}}}\n";
        let location = locate(
            Path::new("f.yaml"),
            flow,
            &["shapes", "M", "fields", "X", "length"],
        );
        assert_eq!(location, Some(Location::new("f.yaml", 2, 41)));
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
                .starts_with("m.yaml:23:3: error: shapes.BarTypeDef: duplicate key `BarTypeDef`"),
            "{}",
            error(&dup)
        );
        assert!(error(&SAMPLE.replace("required: true", "requird: true"))
            .contains("unknown field `requird`"));
        assert!(error("model_format: 9\nservice: s\nshapes: {}\n").contains("format 9"));
        assert!(error("\u{0}").starts_with("m.yaml:1:1: error:"));
    }
}
