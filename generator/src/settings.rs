//! Settings: the choices that shape a generated crate beyond its model, in one value carried from
//! where they are read (the overlay's `package:` and `rust:` keys, the command line,
//! [`Config`](crate::Config)'s methods) to where each is used, as typify's `TypeSpaceSettings`
//! does. The cache key is made from this value too, so a new setting cannot be forgotten there.
//!
//! ```yaml
//! # model/amplifybackend.overlay.yaml
//! package:            # Cargo.toml metadata of the generated crate
//!   name: acme-amplifybackend
//!   description: Types of the AWS Amplify Backend API.
//!   license: Apache-2.0
//!   repository: https://example.com/acme/amplifybackend
//!   homepage: https://example.com/acme
//!   authors: ["Acme <dev@example.com>"]
//!   keywords: [aws, amplify]
//!   categories: [api-bindings]
//!   readme_example: CreateBackendAuthUserPoolConfigTypeDef  # the structure the README example reads
//! rust:
//!   derives: [Hash]   # on every generated type that can take it (see below)
//!   unknown_fields: deny   # ignore (the default) | deny: a key no field has is an error
//!   timestamp: chrono # time (the default) | chrono | jiff: conversions of `primitives::Timestamp`
//!   map: hash         # btree (the default) | hash | index: BTreeMap, HashMap or indexmap's IndexMap
//!   blob: bytes       # vec (the default) | bytes: what `primitives::Blob` holds, Vec<u8> or bytes::Bytes
//!   schemars: true    # schemars' JsonSchema on every type, naming wire names
//!   json_keys: service   # boto3 (the default) | service: serde keys of boto3's dicts or of the service's own JSON
//!   shapes:           # by source name, as everywhere in the overlay
//!     CreateBackendAuthUserPoolConfigTypeDef:
//!       derives: [Eq]
//!       attributes: ['#[doc(alias = "user_pool")]']
//!       fields:
//!         UserPoolName: {attributes: ['#[doc(alias = "pool")]']}
//! ```
//!
//! Each string is checked where it stands (an error names its line and column). Package strings
//! are written into `Cargo.toml` as TOML strings with everything that could end them escaped. A
//! derive must be a path (`Hash`, `schemars::JsonSchema`); an attribute exactly one outer
//! attribute, and not a `doc = "..."` one (documentation comes from the overlay's `docs`, where
//! shapegen keeps it from becoming a doctest): no string can become any other code.
//!
//! What a type "can take": `Eq`, `Hash`, `PartialOrd`, `Ord` and `Default` are derived only on the
//! structures whose every field can have them, and unions whose every variant can (not `f64`
//! for `Eq`, `Hash` and `Ord`; `serde_json::Value` only `Default`; no enum and no required
//! timestamp `Default`), which shapegen works out across the types they refer to. A derive the type has already (`Clone`, `Debug`, `PartialEq`,
//! `Serialize`, `Deserialize`, and on literal enums `Eq`, `Hash`, `PartialOrd`, `Ord`) is not
//! derived again. schemars' `JsonSchema` means `schemars: true` ([`Rust::schemars`]). Any other
//! derive is added to every structure and enum: it is yours to know it fits. Named on a shape (`shapes.X.derives`), a derive the shape cannot take is an error.

use crate::error::{Error, Result};
use crate::ir::{Model, Protocol, Shape, ShapeKind};
use crate::yaml::{CheckedMap, CheckedStr, Reject};
use crate::{overlay, Loaded};
use indexmap::IndexMap;
use serde::de::{Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Every choice that shapes a generated crate beyond its model. The default is what shapegen
/// generates with no settings at all.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Settings {
    pub package: Package,
    pub rust: Rust,
}

/// What the generated Rust code derives and carries beyond what shapegen writes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Rust {
    /// Derive macro paths for every generated type that can take each.
    pub derives: Vec<String>,
    /// What reading a structure does with a key it has no field for; by default
    /// [`UnknownFields::Ignore`].
    pub unknown_fields: Option<UnknownFields>,
    /// Which date-time crate `primitives::Timestamp` converts to and from; by default
    /// [`TimestampType::Time`].
    pub timestamp: Option<TimestampType>,
    /// The type of maps; by default [`MapType::Btree`].
    pub map: Option<MapType>,
    /// What `primitives::Blob` holds; by default [`BlobType::Vec`].
    pub blob: Option<BlobType>,
    /// schemars' `JsonSchema` on every generated type, whose schemas name the wire names and
    /// require the required fields, as `model export --format json-schema` does. Also what
    /// `derives: [schemars::JsonSchema]` asks for: the derive alone would see none of the
    /// serde attributes it reads (the serde impls are written out), and name Rust fields.
    pub schemars: bool,
    /// Which JSON keys serde reads and writes; by default [`JsonKeys::Boto3`].
    pub json_keys: Option<JsonKeys>,
    /// By the shape's source name.
    pub shapes: IndexMap<String, ShapeRust>,
}

/// Which JSON a structure's serde reads and writes: boto3's dicts, or the service's own HTTP
/// bodies, as botocore's model (a YAML model's `key`, `location`, `timestamp_format` and
/// `protocol`) describes them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonKeys {
    /// boto3's dict keys (`CognitoUserPoolId`), every member, timestamps written as read (RFC
    /// 3339 when built in code).
    #[default]
    Boto3,
    /// The service's own JSON body: each member under its `key` (`cognitoUserPoolId`),
    /// timestamps built in code written in the member's format (epoch seconds for the `json`
    /// and `rest-json` protocols unless it says otherwise), and members that travel in a header,
    /// the URI, the query string or the status code left out of serde (and optional, since no
    /// body carries them). Only for protocols whose bodies are JSON.
    Service,
}

impl JsonKeys {
    /// Whether `protocol`'s bodies can be read with these keys: `service` needs JSON bodies, so
    /// a known protocol.
    pub(crate) fn check(self, protocol: Option<Protocol>) -> Result<(), String> {
        match (self, protocol) {
            (JsonKeys::Boto3, _) | (JsonKeys::Service, Some(Protocol::Json | Protocol::RestJson)) => {
                Ok(())
            }
            (JsonKeys::Service, None) => Err(
                "`json_keys: service` needs the service's protocol, which the model does not say: \
                 name the service's botocore file, or set `protocol: json` or `protocol: rest-json` \
                 in the YAML model"
                    .into(),
            ),
            (JsonKeys::Service, Some(protocol)) => Err(format!(
                "`json_keys: service` reads and writes the service's JSON, but this service's \
                 protocol `{}` sends XML: remove `json_keys` (boto3's keys are the only JSON \
                 this service has)",
                crate::yaml::protocol_name(protocol)
            )),
        }
    }
}

/// What reading a structure does with a key it has no field for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownFields {
    /// Skips it, as serde does: a server adding a field breaks no reader.
    Ignore,
    /// Fails, naming the key (and, from `from_json_str`, the path to it).
    Deny,
}

/// Which date-time crate `primitives::Timestamp` converts to and from. The timestamp itself is
/// the same whichever: it reads every form AWS sends, writes back the form it read, and keeps the
/// instant as a `time::OffsetDateTime` (so the crate depends on `time` in any case); the choice
/// adds conversions with the chosen crate's type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimestampType {
    /// `time::OffsetDateTime`, always there: `From` both ways.
    #[default]
    Time,
    /// `chrono::DateTime<chrono::Utc>`: `From<Timestamp>`, and `TryFrom` back (chrono reaches
    /// years `time` cannot).
    Chrono,
    /// `jiff::Timestamp`: `From<jiff::Timestamp>`, and `TryFrom<Timestamp>` (jiff stops a day
    /// before the end of year 9999).
    Jiff,
}

/// The type of maps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MapType {
    /// `std::collections::BTreeMap`: sorted keys, so output is the same every time.
    #[default]
    Btree,
    /// `std::collections::HashMap`.
    Hash,
    /// `indexmap::IndexMap`: keys in the order they were read or inserted.
    Index,
}

/// What `primitives::Blob` holds. Its API (`as_bytes`, conversions from `Vec<u8>` and `&[u8]`)
/// and wire form (standard base64) are the same either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlobType {
    /// `Vec<u8>`.
    #[default]
    Vec,
    /// `bytes::Bytes`: cheap to clone and to share; `into_inner` gives the `Bytes`.
    Bytes,
}

/// What one shape's type derives and carries.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ShapeRust {
    pub derives: Vec<String>,
    /// Outer attributes, such as `#[doc(alias = "x")]`, each exactly one.
    pub attributes: Vec<String>,
    /// By the field's wire name.
    pub fields: IndexMap<String, FieldRust>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FieldRust {
    pub attributes: Vec<String>,
}

/// The generated crate's `Cargo.toml` metadata; what is `None` (or empty) keeps shapegen's default.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Package {
    /// The package name; by default `<service>-shapes`.
    pub name: Option<String>,
    /// By default a sentence naming the service and the boto3 release.
    pub description: Option<String>,
    /// An SPDX expression; by default `MIT OR Apache-2.0`. The crate carries the licence texts
    /// shapegen knows (MIT, Apache-2.0) for the identifiers it names.
    pub license: Option<String>,
    pub repository: Option<String>,
    pub homepage: Option<String>,
    pub authors: Vec<String>,
    /// By default `aws`, the service, `serde` and `types`.
    pub keywords: Option<Vec<String>>,
    /// By default `api-bindings` and `encoding`.
    pub categories: Option<Vec<String>>,
    /// The structure (by source name) whose JSON document the README's example reads; by
    /// default one chosen by a rule that keeps it across updates (see the README).
    pub readme_example: Option<String>,
}

impl Settings {
    /// Checks every string, for settings made in code rather than read (the reader checks each
    /// where it stands).
    pub fn check(&self) -> Result<()> {
        self.package.check().map_err(Error::new)?;
        self.rust.check().map_err(Error::new)
    }
}

impl Rust {
    /// Adds `more` on top: a choice it makes replaces this one's, its derives and attributes
    /// come after these, and `schemars: true` stays.
    pub fn extend(&mut self, more: &Rust) {
        self.derives.extend(more.derives.iter().cloned());
        if more.unknown_fields.is_some() {
            self.unknown_fields = more.unknown_fields;
        }
        if more.timestamp.is_some() {
            self.timestamp = more.timestamp;
        }
        if more.map.is_some() {
            self.map = more.map;
        }
        if more.blob.is_some() {
            self.blob = more.blob;
        }
        if more.json_keys.is_some() {
            self.json_keys = more.json_keys;
        }
        self.schemars |= more.schemars;
        for (name, theirs) in &more.shapes {
            let mine = self.shapes.entry(name.clone()).or_default();
            mine.derives.extend(theirs.derives.iter().cloned());
            mine.attributes.extend(theirs.attributes.iter().cloned());
            for (field, theirs) in &theirs.fields {
                let mine = mine.fields.entry(field.clone()).or_default();
                mine.attributes.extend(theirs.attributes.iter().cloned());
            }
        }
    }

    /// Whether the types get schemars' `JsonSchema`: `schemars: true`, or `JsonSchema` among
    /// the derives of every type.
    pub fn wants_schemars(&self) -> bool {
        self.schemars || self.derives.iter().any(|d| is_json_schema(d))
    }

    fn check(&self) -> Result<(), String> {
        let shapes = self.shapes.values();
        let mut derives = self
            .derives
            .iter()
            .chain(shapes.clone().flat_map(|s| &s.derives));
        derives.try_for_each(|d| check_derive(d))?;
        let fields = shapes.clone().flat_map(|s| s.fields.values());
        let mut attributes = shapes
            .flat_map(|s| &s.attributes)
            .chain(fields.flat_map(|f| &f.attributes));
        attributes.try_for_each(|a| check_attribute(a))
    }
}

/// A derive macro's path, such as `Hash` or `schemars::JsonSchema`.
pub(crate) fn parse_derive(text: &str) -> Result<syn::Path, String> {
    let refuse = || {
        format!(
            "`{}` is not a derive macro path such as `Hash` or `schemars::JsonSchema`",
            text.escape_debug()
        )
    };
    let path = syn::parse_str::<syn::Path>(text).map_err(|_| refuse())?;
    let plain = path.segments.iter().all(|s| s.arguments.is_none());
    plain.then_some(path).ok_or_else(refuse)
}

/// Whether the derive `text` is schemars' `JsonSchema`, which [`Rust::wants_schemars`] handles.
pub(crate) fn is_json_schema(text: &str) -> bool {
    parse_derive(text).is_ok_and(|path| {
        path.segments
            .last()
            .is_some_and(|s| s.ident == "JsonSchema")
    })
}

fn check_derive(text: &str) -> Result<(), String> {
    parse_derive(text).map(drop)
}

/// Exactly one outer attribute, not a `doc = "..."` one (at any depth, such as inside `cfg_attr`):
/// text in one could become a doctest.
pub(crate) fn parse_attribute(text: &str) -> Result<syn::Attribute, String> {
    use syn::parse::Parser;
    let refuse = |why: String| {
        format!(
            "`{}` is not exactly one outer attribute such as `#[doc(alias = \"x\")]`: {why}",
            text.escape_debug()
        )
    };
    let attributes = syn::Attribute::parse_outer
        .parse_str(text)
        .map_err(|e| refuse(e.to_string()))?;
    let [attribute] = <[syn::Attribute; 1]>::try_from(attributes)
        .map_err(|found| refuse(format!("found {}", found.len())))?;
    if !matches!(attribute.style, syn::AttrStyle::Outer) {
        return Err(refuse("an inner attribute".into()));
    }
    let tokens = quote::ToTokens::to_token_stream(&attribute);
    if has_doc_value(tokens) {
        return Err(refuse(
            "a `doc = ...` attribute; write documentation in the overlay's `docs`".into(),
        ));
    }
    Ok(attribute)
}

fn check_attribute(text: &str) -> Result<(), String> {
    parse_attribute(text).map(drop)
}

/// Whether `doc` followed by `=` appears anywhere in `tokens`.
fn has_doc_value(tokens: proc_macro2::TokenStream) -> bool {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    trees.iter().enumerate().any(|(at, tree)| match tree {
        TokenTree::Group(group) => has_doc_value(group.stream()),
        TokenTree::Ident(ident) => {
            ident == "doc"
                && matches!(trees.get(at + 1), Some(TokenTree::Punct(p)) if p.as_char() == '=')
        }
        _ => false,
    })
}

const RUST_KEYS: &str =
    "`derives`, `unknown_fields`, `timestamp`, `map`, `blob`, `schemars`, `json_keys` or `shapes`";

/// Reads the overlay's `rust:` mapping against `model`, whose shape and field names it checks.
pub(crate) struct RustSeed<'a>(pub &'a Model);

impl<'de> serde::de::DeserializeSeed<'de> for RustSeed<'_> {
    type Value = Rust;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Rust, D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// Keys a mapping may have, read one at a time by `read`; an unknown or repeated key is an error.
fn read_keys<'de, A: MapAccess<'de>>(
    map: &mut A,
    expected: &str,
    mut read: impl FnMut(&str, &mut A) -> Result<bool, A::Error>,
) -> Result<(), A::Error> {
    let mut seen: Vec<String> = Vec::new();
    while let Some(key) = map.next_key::<String>()? {
        if seen.contains(&key) {
            map.next_value_seed(Reject(format!("duplicate key `{key}`")))?;
            continue;
        }
        seen.push(key.clone());
        if !read(&key, map)? {
            return Err(A::Error::custom(format!(
                "unknown key `{key}`, expected {expected}"
            )));
        }
    }
    Ok(())
}

impl<'de> Visitor<'de> for RustSeed<'_> {
    type Value = Rust;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a mapping with {RUST_KEYS}")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rust, A::Error> {
        let model = self.0;
        let mut rust = Rust::default();
        read_keys(&mut map, RUST_KEYS, |key, map| {
            match key {
                "unknown_fields" => rust.unknown_fields = Some(map.next_value()?),
                "timestamp" => rust.timestamp = Some(map.next_value()?),
                "map" => rust.map = Some(map.next_value()?),
                "blob" => rust.blob = Some(map.next_value()?),
                "schemars" => rust.schemars = map.next_value()?,
                "json_keys" => rust.json_keys = Some(map.next_value_seed(JsonKeysSeed(model))?),
                "derives" => {
                    rust.derives = map.next_value_seed(CheckedList(check_derive, usize::MAX))?
                }
                "shapes" => {
                    rust.shapes = map.next_value_seed(CheckedMap(|name: &str| {
                        match model.shapes.get(name) {
                            Some(shape) => Ok(ShapeRustSeed(shape)),
                            None => Err(format!("the model has no shape named `{name}`")),
                        }
                    }))?
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(rust)
    }
}

/// `json_keys`, refused where it stands if the model's protocol is known not to send JSON
/// (emitting checks again, for a protocol still unknown here and for settings made in code).
struct JsonKeysSeed<'a>(&'a Model);

impl<'de> serde::de::DeserializeSeed<'de> for JsonKeysSeed<'_> {
    type Value = JsonKeys;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<JsonKeys, D::Error> {
        // In the visitor, where serde_yaml's errors get the value's position.
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for JsonKeysSeed<'_> {
    type Value = JsonKeys;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`boto3` or `service`")
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<JsonKeys, E> {
        let keys = match text {
            "boto3" => JsonKeys::Boto3,
            "service" => JsonKeys::Service,
            _ => return Err(E::unknown_variant(text, &["boto3", "service"])),
        };
        if self.0.protocol.is_some() {
            keys.check(self.0.protocol).map_err(E::custom)?;
        }
        Ok(keys)
    }
}

struct ShapeRustSeed<'a>(&'a Shape);

impl<'de> serde::de::DeserializeSeed<'de> for ShapeRustSeed<'_> {
    type Value = ShapeRust;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ShapeRust, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ShapeRustSeed<'_> {
    type Value = ShapeRust;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping with `derives`, `attributes` or `fields`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ShapeRust, A::Error> {
        let mut shape = ShapeRust::default();
        let kind = &self.0.kind;
        read_keys(
            &mut map,
            "`derives`, `attributes` or `fields`",
            |key, map| {
                match (key, kind) {
                    ("derives", _) => {
                        shape.derives =
                            map.next_value_seed(CheckedList(check_derive, usize::MAX))?
                    }
                    ("attributes", _) => {
                        shape.attributes =
                            map.next_value_seed(CheckedList(check_attribute, usize::MAX))?
                    }
                    ("fields", ShapeKind::Structure(structure)) => {
                        shape.fields =
                            map.next_value_seed(CheckedMap(|name: &str| {
                                match structure.field(name) {
                                    Some(_) => Ok(FieldRustSeed),
                                    None => Err(format!("this shape has no field named `{name}`")),
                                }
                            }))?
                    }
                    ("fields", ShapeKind::Literal(_)) => map.next_value_seed(Reject(
                        "a literal type has no fields; only `derives` and `attributes` apply"
                            .into(),
                    ))?,
                    _ => return Ok(false),
                }
                Ok(true)
            },
        )?;
        Ok(shape)
    }
}

struct FieldRustSeed;

impl<'de> serde::de::DeserializeSeed<'de> for FieldRustSeed {
    type Value = FieldRust;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FieldRust, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldRustSeed {
    type Value = FieldRust;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping with `attributes`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldRust, A::Error> {
        let mut field = FieldRust::default();
        read_keys(&mut map, "`attributes`", |key, map| {
            if key != "attributes" {
                return Ok(false);
            }
            field.attributes = map.next_value_seed(CheckedList(check_attribute, usize::MAX))?;
            Ok(true)
        })?;
        Ok(field)
    }
}

impl Package {
    fn check(&self) -> Result<(), String> {
        let single = [
            (&self.name, check_name as Check),
            (&self.description, check_description),
            (&self.license, check_license),
            (&self.repository, check_url),
            (&self.homepage, check_url),
        ];
        for (value, check) in single {
            value.as_deref().map_or(Ok(()), check)?;
        }
        check_list(&self.authors, check_author, usize::MAX)?;
        if let Some(keywords) = &self.keywords {
            check_list(keywords, check_keyword, MAX_KEYWORDS)?;
        }
        if let Some(categories) = &self.categories {
            check_list(categories, check_category, MAX_KEYWORDS)?;
        }
        Ok(())
    }
}

type Check = fn(&str) -> Result<(), String>;

/// crates.io takes at most five keywords and five categories.
const MAX_KEYWORDS: usize = 5;

fn check_list(items: &[String], check: Check, max: usize) -> Result<(), String> {
    if items.len() > max {
        return Err(format!(
            "{} entries, but crates.io takes at most {max}",
            items.len()
        ));
    }
    items.iter().try_for_each(|item| check(item))
}

fn check_name(name: &str) -> Result<(), String> {
    crate::emit::package::check_package_name(name).map_err(|e| match e.hint {
        Some(hint) => format!("{}: {hint}", e.message),
        None => e.message,
    })
}

fn check_description(text: &str) -> Result<(), String> {
    if text.trim().is_empty() || text.chars().any(char::is_control) {
        return Err("a description is one line of text, not empty".into());
    }
    Ok(())
}

/// An SPDX expression's characters: identifiers (`Apache-2.0`, `GPL-2.0+`), `AND`/`OR`/`WITH`
/// and parentheses. Cargo and crates.io check the identifiers themselves.
pub(crate) fn check_license(text: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || " .-+()".contains(c);
    if text.trim().is_empty() || !text.chars().all(allowed) {
        return Err(format!(
            "`{}` is not an SPDX licence expression: write identifiers such as `MIT OR Apache-2.0`",
            text.escape_debug()
        ));
    }
    Ok(())
}

fn check_url(text: &str) -> Result<(), String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && !rest.contains(|c: char| c.is_whitespace() || c.is_control()) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "`{}` is not a web address: write `https://` followed by no spaces",
            text.escape_debug()
        )),
    }
}

fn check_author(text: &str) -> Result<(), String> {
    if text.trim().is_empty() || text.chars().any(char::is_control) {
        return Err("an author is one line of text, such as `Name <mail@example.com>`".into());
    }
    Ok(())
}

fn check_keyword(word: &str) -> Result<(), String> {
    if crate::emit::package::is_keyword(word) {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a crates.io keyword: ASCII letters, digits, `-` and `_`, starting with a letter, at most 20",
            word.escape_debug()
        ))
    }
}

/// A crates.io category slug, such as `api-bindings` or `encoding` (crates.io lists them).
fn check_category(slug: &str) -> Result<(), String> {
    let valid = slug.starts_with(|c: char| c.is_ascii_lowercase())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == ':');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a crates.io category slug such as `api-bindings`",
            slug.escape_debug()
        ))
    }
}

/// A `readme_example` must name a structure of the model.
pub(crate) fn check_readme_example(model: &Model, shape: &str) -> Result<(), String> {
    match model.shapes.get(shape).map(|s| &s.kind) {
        Some(ShapeKind::Structure(_)) => Ok(()),
        Some(ShapeKind::Literal(_)) => Err(format!(
            "`{}` is a literal type; the README's example reads a structure",
            shape.escape_debug()
        )),
        None => Err(format!(
            "the model has no shape named `{}`",
            shape.escape_debug()
        )),
    }
}

/// A `readme_example`, checked against the model where it stands.
struct ReadmeExampleSeed<'a>(&'a Model);

impl<'de> serde::de::DeserializeSeed<'de> for ReadmeExampleSeed<'_> {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for ReadmeExampleSeed<'_> {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a structure's source name")
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<String, E> {
        check_readme_example(self.0, text).map_err(E::custom)?;
        Ok(text.to_owned())
    }
}

/// Reads the overlay's `package:` mapping against `model`, checking each value where it stands.
pub(crate) struct PackageSeed<'a>(pub &'a Model);

impl<'de> serde::de::DeserializeSeed<'de> for PackageSeed<'_> {
    type Value = Package;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Package, D::Error> {
        deserializer.deserialize_map(self)
    }
}

const PACKAGE_KEYS: &str =
    "`name`, `description`, `license`, `repository`, `homepage`, `authors`, `keywords`, `categories` or `readme_example`";

impl<'de> Visitor<'de> for PackageSeed<'_> {
    type Value = Package;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a mapping with {PACKAGE_KEYS}")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Package, A::Error> {
        let mut package = Package::default();
        read_keys(&mut map, PACKAGE_KEYS, |key, map| {
            let string = |check: Check| CheckedStr(check);
            match key {
                "name" => package.name = Some(map.next_value_seed(string(check_name))?),
                "description" => {
                    package.description = Some(map.next_value_seed(string(check_description))?)
                }
                "license" => package.license = Some(map.next_value_seed(string(check_license))?),
                "repository" => package.repository = Some(map.next_value_seed(string(check_url))?),
                "homepage" => package.homepage = Some(map.next_value_seed(string(check_url))?),
                "authors" => {
                    package.authors = map.next_value_seed(CheckedList(check_author, usize::MAX))?
                }
                "keywords" => {
                    package.keywords =
                        Some(map.next_value_seed(CheckedList(check_keyword, MAX_KEYWORDS))?)
                }
                "categories" => {
                    package.categories =
                        Some(map.next_value_seed(CheckedList(check_category, MAX_KEYWORDS))?)
                }
                "readme_example" => {
                    package.readme_example = Some(map.next_value_seed(ReadmeExampleSeed(self.0))?)
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(package)
    }
}

/// A list of strings, each passing its check, at most so many.
struct CheckedList(Check, usize);

impl<'de> serde::de::DeserializeSeed<'de> for CheckedList {
    type Value = Vec<String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<String>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for CheckedList {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of strings")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(CheckedStr(self.0))? {
            items.push(item);
            if items.len() > self.1 {
                return Err(A::Error::custom(format!(
                    "more than {} entries: crates.io takes at most {}",
                    self.1, self.1
                )));
            }
        }
        Ok(items)
    }
}

/// `generate --crate-name NAME` records the name in the overlay, as `package.name`, so that
/// `check` and `update` reproduce the crate without the flag. The overlay's text with that one
/// change, everything else (comments, order) kept: a `name:` line in the top-level `package:`
/// block gets the new value, or one is added to that block, or a `package:` block is added at the
/// end. `None` when the text is not laid out that way (a flow mapping, say).
pub(crate) fn with_package_name(overlay: &str, name: &str) -> Option<String> {
    let (mut lines, ending) = overlay::terminated_lines(overlay);
    let value = crate::yaml::scalar(name);
    let is_key = |line: &str, key: &str| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':'))
    };
    let Some(start) = lines.iter().position(|l| is_key(l, "package")) else {
        if !overlay.trim().is_empty() && overlay.trim_start().starts_with('{') {
            return None;
        }
        lines.push(format!("package:{ending}  name: {value}{ending}"));
        return Some(lines.concat());
    };
    // A block mapping: `package:` alone on its line (a comment allowed).
    let rest = lines[start]["package".len()..].trim_start_matches(' ')[1..].trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    let block_end = lines[start + 1..]
        .iter()
        .position(|l| !(l.starts_with([' ', '#']) || l.trim().is_empty()))
        .map_or(lines.len(), |at| start + 1 + at);
    let indent = lines[start + 1..block_end]
        .iter()
        .find(|l| l.starts_with(' ') && !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .map_or("  ".to_string(), |l| {
            l[..l.len() - l.trim_start().len()].to_string()
        });
    let own = |line: &str| {
        line.strip_prefix(indent.as_str())
            .filter(|rest| !rest.starts_with(' '))
            .is_some_and(|rest| {
                is_key(rest, "name") || is_key(rest, "\"name\"") || is_key(rest, "'name'")
            })
    };
    match lines[start + 1..block_end].iter().position(|l| own(l)) {
        Some(at) => {
            let line = &mut lines[start + 1 + at];
            let comment = line
                .find(" #")
                .map_or("", |at| line[at..].trim_end_matches(['\r', '\n']));
            *line = format!("{indent}name: {value}{comment}{ending}");
        }
        None => lines.insert(start + 1, format!("{indent}name: {value}{ending}")),
    }
    Some(lines.concat())
}

/// An overlay rewritten to record a setting given on the command line: written before the crate,
/// and put back if writing the crate fails.
#[derive(Debug)]
pub struct OverlayEdit {
    path: PathBuf,
    before: Option<String>,
    after: String,
}

impl OverlayEdit {
    pub fn write(&self) -> Result<()> {
        crate::write::write_if_changed(&self.path, self.after.as_bytes()).map(drop)
    }

    /// Puts the overlay back as it was, after `error` (which it returns, with any failure to do so).
    pub fn undo(&self, error: Error) -> Error {
        let step = (self.path.as_path(), self.before.clone(), self.after.clone());
        crate::update::put_back(&[step], error)
    }
}

/// What `generate --crate-name NAME` does to the overlay of the model at `model` (read as
/// `loaded`): records `package.name: NAME` (`with_package_name`), checked by reading the result
/// back, which must say exactly what the overlay said but for the name. `None` if the overlay
/// says that name already.
pub fn record_package_name(
    model: &Path,
    loaded: &Loaded,
    name: &str,
) -> Result<Option<OverlayEdit>> {
    check_name(name).map_err(|e| Error::new(format!("--crate-name: {e}")))?;
    let path = overlay::path_for(model);
    let before = crate::update::existing_text(&path)?;
    let text = before.as_deref().unwrap_or_default();
    let read = |text: &str| {
        let mut model = loaded.model.clone();
        overlay::apply_str(&mut model, &path, text).map(|settings| (model, settings))
    };
    let (model, mut settings) = read(text)?;
    if settings.package.name.as_deref() == Some(name) {
        return Ok(None);
    }
    settings.package.name = Some(name.to_string());
    let expected = (model, settings);
    match with_package_name(text, name) {
        Some(after) if read(&after).is_ok_and(|read| read == expected) => Ok(Some(OverlayEdit {
            path,
            before,
            after,
        })),
        _ => Err(Error::in_file(
            &path,
            format!("cannot record `package.name: {name}` in this overlay without changing what else it says"),
        )
        .with_hint("write the overlay as a block mapping with `package:` on a line of its own and `name: NAME` below it, or leave out --crate-name; nothing was written")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_set_in_the_package_block_or_a_new_one() {
        let set = |text: &str| with_package_name(text, "my-custom");
        assert_eq!(set("").unwrap(), "package:\n  name: my-custom\n");
        assert_eq!(
            set("# c\nversion: 0.1.0").unwrap(),
            "# c\nversion: 0.1.0\npackage:\n  name: my-custom\n"
        );
        assert_eq!(
            set("package:\n    license: MIT\n    name: old # why\nshapes: {}\n").unwrap(),
            "package:\n    license: MIT\n    name: my-custom # why\nshapes: {}\n"
        );
        assert_eq!(
            set("package: # meta\r\n  license: MIT\r\nversion: 0.1.0\r\n").unwrap(),
            "package: # meta\r\n  name: my-custom\r\n  license: MIT\r\nversion: 0.1.0\r\n"
        );
        assert_eq!(set("{version: 0.1.0}\n"), None);
        assert_eq!(set("package: {license: MIT}\n"), None);
        assert_eq!(
            with_package_name("", "yes").unwrap(),
            "package:\n  name: 'yes'\n"
        );
    }

    #[test]
    fn an_attribute_is_exactly_one_outer_attribute_and_no_doc_text() {
        assert!(parse_attribute("#[doc(alias = \"pool\")]").is_ok());
        assert!(parse_attribute("#[serde(rename = \"x\")]").is_ok());
        for hostile in [
            "#[a] fn evil() {}",
            "#[a]] #[b",
            "",
            "#[a] #[b]",
            "#![allow(x)]",
            "fn evil() {}",
            "#[doc = \"```\\nevil()\\n```\"]",
            "/// ```",
            "#[cfg_attr(all(), doc = \"x\")]",
            "#[a] // comment\n#[b]",
        ] {
            assert!(parse_attribute(hostile).is_err(), "{hostile}");
        }
        assert!(parse_derive("schemars::JsonSchema").is_ok());
        for hostile in ["", "Hash)] fn evil() {} #[derive(Eq", "Vec<u8>", "Hash, Eq"] {
            assert!(parse_derive(hostile).is_err(), "{hostile}");
        }
    }

    #[test]
    fn bad_derives_and_attributes_are_located() {
        let model = crate::yaml::from_str(
            Path::new("m.yaml"),
            "service: s\nshapes:\n  FooTypeDef:\n    fields:\n      Name: {type: string, required: true}\n",
        )
        .unwrap();
        let error = |text: &str| {
            let mut model = model.clone();
            overlay::apply_str(&mut model, Path::new("o.yaml"), text)
                .unwrap_err()
                .to_string()
        };
        let text =
            "rust:\n  shapes:\n    FooTypeDef:\n      attributes: ['#[a]', '#[a] fn evil() {}']\n";
        assert!(error(text).starts_with("o.yaml:4:28: error: rust.shapes.FooTypeDef.attributes[1]: `#[a] fn evil() {}` is not exactly one outer attribute"), "{}", error(text));
        let text = "rust:\n  shapes:\n    FooTypeDef:\n      fields:\n        Name: {attributes: ['#[a]] #[b']}\n";
        assert!(
            error(text).starts_with(
                "o.yaml:5:29: error: rust.shapes.FooTypeDef.fields.Name.attributes[0]: `#[a]] #[b`"
            ),
            "{}",
            error(text)
        );
        let text = "rust:\n  derives: [Hash, '']\n";
        assert!(
            error(text)
                .starts_with("o.yaml:2:19: error: rust.derives[1]: `` is not a derive macro path"),
            "{}",
            error(text)
        );
        let text = "rust:\n  shapes:\n    BarTypeDef: {derives: [Eq]}\n";
        assert!(error(text).starts_with("o.yaml:3:17: error: rust.shapes.BarTypeDef: the model has no shape named `BarTypeDef`"), "{}", error(text));
        let text =
            "rust:\n  shapes:\n    FooTypeDef:\n      fields:\n        Nme: {attributes: []}\n";
        assert!(
            error(text).contains("this shape has no field named `Nme`"),
            "{}",
            error(text)
        );
        let text = "rust:\n  derive: [Hash]\n";
        assert!(
            error(text)
                .contains("unknown key `derive`, expected `derives`, `unknown_fields`, `timestamp`, `map`, `blob`, `schemars`, `json_keys` or `shapes`"),
            "{}",
            error(text)
        );
        let text = "rust:\n  unknown_fields: refuse\n";
        assert!(error(text).starts_with("o.yaml:2:19: error: rust.unknown_fields: unknown variant `refuse`, expected `ignore` or `deny`"), "{}", error(text));
    }

    proptest::proptest! {
        /// Whatever the text, an attribute that is accepted puts exactly one attribute on the
        /// item it is written above, and nothing else into the file.
        #[test]
        fn no_attribute_text_becomes_code(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "#", "!", "[", "]", "a", "doc", "=", "\"x\"", "(", ")", "{", "}", "fn evil() {}", ";",
            "///", "//", "/*", "*/", "\n", " ", "struct S;", "#[a]", "r#\"", "\"#", "'", ",",
        ]), 0..12)) {
            let text = pieces.concat();
            if parse_attribute(&text).is_ok() {
                let file: syn::File = syn::parse_str(&format!("{text}\nstruct T;")).unwrap();
                proptest::prop_assert_eq!(file.items.len(), 1);
                let syn::Item::Struct(item) = &file.items[0] else {
                    panic!("{text}");
                };
                proptest::prop_assert_eq!(item.attrs.len(), 1, "{}", text);
            }
        }
    }

    #[test]
    fn json_keys_service_is_refused_where_it_stands_for_a_protocol_that_sends_xml() {
        let model = |protocol: &str| {
            crate::yaml::from_str(
                Path::new("m.yaml"),
                &format!("service: s\n{protocol}shapes: {{}}\n"),
            )
            .unwrap()
        };
        let apply = |protocol: &str, text: &str| {
            overlay::apply_str(&mut model(protocol), Path::new("o.yaml"), text)
        };
        let service = "rust:\n  json_keys: service\n";
        let error = apply("protocol: rest-xml\n", service)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "o.yaml:2:14: error: rust.json_keys: `json_keys: service` reads and writes the service's JSON, \
             but this service's protocol `rest-xml` sends XML: remove `json_keys` (boto3's keys are the \
             only JSON this service has)"
        );
        for xml in ["query", "ec2"] {
            assert!(apply(&format!("protocol: {xml}\n"), service).is_err());
        }
        for json in ["json", "rest-json"] {
            let settings = apply(&format!("protocol: {json}\n"), service).unwrap();
            assert_eq!(settings.rust.json_keys, Some(JsonKeys::Service));
        }
        // Unknown yet (the botocore layer may tell): emitting checks it.
        assert!(apply("", service).is_ok());
        assert_eq!(
            JsonKeys::Service.check(None).unwrap_err(),
            "`json_keys: service` needs the service's protocol, which the model does not say: name the \
             service's botocore file, or set `protocol: json` or `protocol: rest-json` in the YAML model"
        );
        let settings = apply("protocol: rest-xml\n", "rust:\n  json_keys: boto3\n").unwrap();
        assert_eq!(settings.rust.json_keys, Some(JsonKeys::Boto3));
        assert!(apply("", "rust:\n  json_keys: botocore\n")
            .unwrap_err()
            .to_string()
            .starts_with("o.yaml:2:14: error: rust.json_keys: unknown variant `botocore`, expected `boto3` or `service`"));
    }

    #[test]
    fn json_schema_is_asked_for_by_key_or_by_derive() {
        let model = crate::yaml::from_str(Path::new("m.yaml"), "service: s\nshapes: {}\n").unwrap();
        let wants = |text: &str| {
            let settings =
                overlay::apply_str(&mut model.clone(), Path::new("o.yaml"), text).unwrap();
            settings.rust.wants_schemars()
        };
        assert!(wants("rust:\n  schemars: true\n"));
        assert!(wants("rust:\n  derives: [Hash, schemars::JsonSchema]\n"));
        assert!(!wants("rust:\n  derives: [Hash]\n  schemars: false\n"));
    }

    #[test]
    fn metadata_made_in_code_is_checked() {
        let mut settings = Settings::default();
        assert!(settings.check().is_ok());
        settings.package.repository = Some("https://x.test/\"\n[dependencies]".into());
        assert!(settings
            .check()
            .unwrap_err()
            .message
            .contains("is not a web address"));
        settings.package.repository = None;
        settings.package.keywords = Some(vec!["a".into(); 6]);
        assert!(settings.check().unwrap_err().message.contains("at most 5"));
    }
}
