//! The runtime support a generated crate carries: only the parts its types use, so that its
//! dependencies are only the crates those parts need.

use super::plan::{RustType, TypeSpace};
use crate::settings::{BlobType, JsonKeys, MapType, Rust, TimestampType, UnknownFields};

const TIMESTAMP: &str = include_str!("../../runtime/primitives/timestamp.rs");
/// For `rust.json_keys: service`: timestamps built in code written in their member's format.
const TIMESTAMP_FORMATS: &str = include_str!("../../runtime/primitives/timestamp_formats.rs");
/// The same for maps of timestamps, written for `BTreeMap` and changed for the map type chosen.
const TIMESTAMP_FORMATS_MAP: &str =
    include_str!("../../runtime/primitives/timestamp_formats_map.rs");
const BLOB: &str = include_str!("../../runtime/primitives/blob.rs");
const ENUMS: &str = include_str!("../../runtime/primitives/enums.rs");
const VALIDATE: &str = include_str!("../../runtime/primitives/validate.rs");
const PATTERN: &str = include_str!("../../runtime/primitives/pattern.rs");
const JSON: &str = include_str!("../../runtime/primitives/json.rs");
/// Apart from the template: only a crate whose model has `Any` depends on serde_json for it.
const JSON_VALUE: &str =
    "/// Arbitrary JSON: nothing to check.\nimpl Validate for ::serde_json::Value {}\n";
const BUILDERS: &str = include_str!("../../runtime/primitives/builders.rs");
const REQUIRED_FIELDS: &str = include_str!("../../runtime/primitives/required_fields.rs");
const STRUCTURES: &str = include_str!("../../runtime/primitives/structures.rs");
/// Where the structures' template reads a key no field has (as the index past the last field,
/// whose value is then skipped), and what it does instead when unknown fields are denied.
const IGNORE_UNKNOWN: &str =
    "        let index = self.0.iter().position(|name| name.as_bytes() == key);
        ::core::result::Result::Ok(index.unwrap_or(self.0.len()))
";
const DENY_UNKNOWN: &str = "        match self.0.iter().position(|name| name.as_bytes() == key) {
            ::core::option::Option::Some(index) => ::core::result::Result::Ok(index),
            // Unknown fields are denied: the error names the key (and its path, from `from_json_str`).
            ::core::option::Option::None => ::core::result::Result::Err(E::unknown_field(
                &::std::string::String::from_utf8_lossy(key),
                self.0,
            )),
        }
";

/// What `Blob` of `Vec<u8>` writes that `Blob` of `bytes::Bytes` writes differently, in order.
const BLOB_BYTES: [(&str, &str); 6] = [
    (
        "pub struct Blob(::std::vec::Vec<u8>);",
        "pub struct Blob(::bytes::Bytes);",
    ),
    (
        "    pub fn into_inner(self) -> ::std::vec::Vec<u8> {",
        "    pub fn into_inner(self) -> ::bytes::Bytes {",
    ),
    ("        Self(bytes)\n", "        Self(bytes.into())\n"),
    (
        "        Self(bytes.to_vec())\n",
        "        Self(::bytes::Bytes::copy_from_slice(bytes))\n",
    ),
    ("        blob.0\n", "        blob.0.into()\n"),
    (".map(Blob)", ".map(|bytes| Blob(bytes.into()))"),
];

/// The conversions a `Blob` of `bytes::Bytes` adds.
const BYTES_CONVERSIONS: &str = "
impl ::core::convert::From<::bytes::Bytes> for Blob {
    fn from(bytes: ::bytes::Bytes) -> Self {
        Self(bytes)
    }
}

impl ::core::convert::From<Blob> for ::bytes::Bytes {
    fn from(blob: Blob) -> Self {
        blob.0
    }
}
";

/// What `Timestamp` adds for `rust.timestamp: chrono`.
const CHRONO_CONVERSIONS: &str = "
impl ::core::convert::From<Timestamp> for ::chrono::DateTime<::chrono::Utc> {
    fn from(value: Timestamp) -> Self {
        ::chrono::DateTime::from_timestamp(value.epoch_seconds(), value.instant.nanosecond())
            .expect(\"chrono reaches every year time does\")
    }
}

/// An error outside the years `time` reaches, which chrono's are not all within.
impl ::core::convert::TryFrom<::chrono::DateTime<::chrono::Utc>> for Timestamp {
    type Error = ::time::error::ComponentRange;

    fn try_from(
        value: ::chrono::DateTime<::chrono::Utc>,
    ) -> ::core::result::Result<Self, Self::Error> {
        let nanos = i128::from(value.timestamp()) * 1_000_000_000
            + i128::from(value.timestamp_subsec_nanos());
        ::time::OffsetDateTime::from_unix_timestamp_nanos(nanos).map(Self::from)
    }
}
";

/// What `Timestamp` adds for `rust.timestamp: jiff`.
const JIFF_CONVERSIONS: &str = "
impl ::core::convert::From<::jiff::Timestamp> for Timestamp {
    fn from(value: ::jiff::Timestamp) -> Self {
        ::time::OffsetDateTime::from_unix_timestamp_nanos(value.as_nanosecond())
            .map(Self::from)
            .expect(\"time reaches every year jiff does\")
    }
}

/// An error on the last day of year 9999, which jiff does not reach.
impl ::core::convert::TryFrom<Timestamp> for ::jiff::Timestamp {
    type Error = ::jiff::Error;

    fn try_from(value: Timestamp) -> ::core::result::Result<Self, Self::Error> {
        ::jiff::Timestamp::from_nanosecond(value.instant.unix_timestamp_nanos())
    }
}
";

/// `Timestamp`'s JSON Schema, for `rust.schemars`: a string or epoch seconds.
const TIMESTAMP_SCHEMA: &str = "
impl ::schemars::JsonSchema for Timestamp {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed(\"Timestamp\")
    }

    fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
        ::schemars::json_schema!({ \"type\": [\"string\", \"number\"] })
    }
}
";

/// `Blob`'s JSON Schema, for `rust.schemars`: standard base64.
const BLOB_SCHEMA: &str = "
impl ::schemars::JsonSchema for Blob {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed(\"Blob\")
    }

    fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
        ::schemars::json_schema!({ \"type\": \"string\", \"contentEncoding\": \"base64\" })
    }
}
";

/// The path of the map type.
pub fn map_path(map: MapType) -> &'static str {
    match map {
        MapType::Btree => "::std::collections::BTreeMap",
        MapType::Hash => "::std::collections::HashMap",
        MapType::Index => "::indexmap::IndexMap",
    }
}

/// Which runtime parts (and so which dependencies) a model's types need.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Runtime {
    /// `UnknownValue` and the enum helpers.
    pub enums: bool,
    /// `Timestamp`, on the `time` crate.
    pub timestamps: bool,
    /// `Timestamp`'s writing in a member's format, for `rust.json_keys: service`.
    pub timestamp_formats: bool,
    /// `Blob`, on the `base64` crate.
    pub blobs: bool,
    /// `serde_json::Value` for `Any`.
    pub json: bool,
    /// `Validate` and its errors: every model with a structure or enum.
    pub validation: bool,
    /// Regular-expression constraints, on the `regex` crate.
    pub patterns: bool,
    /// `from_json_str` behind the crate's `json` feature, on `serde_json` and
    /// `serde_path_to_error`; only a crate of its own has features.
    pub json_entry: bool,
    /// The builders' field states and `BuildError`.
    pub builders: bool,
    /// How `try_build()` makes a `BuildError`: only a structure with a required field does.
    pub required_fields: bool,
    /// The helpers of the structures' `Serialize` and `Deserialize`.
    pub structures: bool,
    /// serde's derive macros: only the untagged unions are derived, everything else is written
    /// out, and a crate without unions does not build serde_derive and syn.
    pub serde_derive: bool,
    /// Whether reading a structure fails on a key it has no field for (`rust.unknown_fields`).
    pub deny_unknown_fields: bool,
    /// Whether any field holds a map.
    pub maps: bool,
    /// The type of maps, and what `Blob` holds (`rust.map`, `rust.blob`).
    pub map: MapType,
    pub blob: BlobType,
    /// The date-time crate `Timestamp` converts with besides `time` (`rust.timestamp`).
    pub timestamp: TimestampType,
    /// schemars' `JsonSchema` for `Timestamp` and `Blob` (`rust.schemars`).
    pub schemars: bool,
}

impl Runtime {
    pub fn of(space: &TypeSpace) -> Runtime {
        let mut runtime = Runtime {
            enums: !space.enums.is_empty(),
            validation: !space.structs.is_empty() || !space.enums.is_empty(),
            patterns: space
                .structs
                .iter()
                .any(|s| s.fields.iter().any(|f| f.constraints.pattern.is_some())),
            json_entry: !space.structs.is_empty(),
            builders: !space.structs.is_empty(),
            required_fields: space
                .structs
                .iter()
                .any(|s| s.fields.iter().any(|f| f.required)),
            structures: !space.structs.is_empty(),
            serde_derive: !space.unions.is_empty(),
            ..Runtime::default()
        };
        let field_types = space
            .structs
            .iter()
            .flat_map(|s| s.fields.iter().map(|f| &f.ty));
        let union_types = space
            .unions
            .iter()
            .flat_map(|u| u.variants.iter().filter_map(|(_, t)| t.as_ref()));
        for ty in field_types.chain(union_types) {
            runtime.visit(ty);
        }
        runtime
    }

    fn visit(&mut self, ty: &RustType) {
        match ty {
            RustType::Timestamp => self.timestamps = true,
            RustType::Blob => self.blobs = true,
            RustType::Json => self.json = true,
            RustType::Vec(item) | RustType::BTreeSet(item) => self.visit(item),
            RustType::BTreeMap(key, value) => {
                self.maps = true;
                self.visit(key);
                self.visit(value);
            }
            RustType::String
            | RustType::I64
            | RustType::F64
            | RustType::Bool
            | RustType::Named { .. } => {}
        }
    }

    /// The runtime as the `rust` settings shape it.
    pub fn with_settings(self, rust: &Rust) -> Runtime {
        Runtime {
            deny_unknown_fields: rust.unknown_fields == Some(UnknownFields::Deny),
            map: rust.map.unwrap_or_default(),
            blob: rust.blob.unwrap_or_default(),
            timestamp: rust.timestamp.unwrap_or_default(),
            schemars: rust.wants_schemars(),
            timestamp_formats: self.timestamps && rust.json_keys == Some(JsonKeys::Service),
            ..self
        }
    }

    /// Whether there is a `primitives` module at all.
    pub fn has_primitives(&self) -> bool {
        self.enums || self.timestamps || self.blobs || self.validation || self.structures
    }

    /// The source of the `primitives` module: its docs and the parts in use.
    pub fn primitives_source(&self) -> String {
        let structures = if self.deny_unknown_fields {
            STRUCTURES.replacen(IGNORE_UNKNOWN, DENY_UNKNOWN, 1)
        } else {
            STRUCTURES.to_string()
        };
        let blob = match self.blob {
            BlobType::Vec => BLOB.to_string(),
            BlobType::Bytes => {
                let mut text = BLOB.to_string();
                for (vec, bytes) in BLOB_BYTES {
                    text = text.replacen(vec, bytes, 1);
                }
                text + BYTES_CONVERSIONS
            }
        };
        let validate = VALIDATE.replace(
            "::std::collections::BTreeMap<",
            &format!("{}<", map_path(self.map)),
        );
        let mut timestamp = match self.timestamp {
            TimestampType::Time => TIMESTAMP.to_string(),
            TimestampType::Chrono => format!("{TIMESTAMP}{CHRONO_CONVERSIONS}"),
            TimestampType::Jiff => format!("{TIMESTAMP}{JIFF_CONVERSIONS}"),
        };
        if self.timestamp_formats {
            timestamp.push_str(TIMESTAMP_FORMATS);
            if self.maps {
                timestamp.push_str(&TIMESTAMP_FORMATS_MAP.replace(
                    "::std::collections::BTreeMap<",
                    &format!("{}<", map_path(self.map)),
                ));
            }
        }
        let mut blob = blob;
        if self.schemars {
            timestamp.push_str(TIMESTAMP_SCHEMA);
            blob.push_str(BLOB_SCHEMA);
        }
        let parts = [
            (self.timestamps, "[`Timestamp`]", timestamp.as_str()),
            (self.blobs, "[`Blob`]", blob.as_str()),
            (self.enums, "[`UnknownValue`]", ENUMS),
            (self.structures, "", &structures),
            (self.validation, "[`Validate`] and its errors", &validate),
            (self.validation && self.json, "", JSON_VALUE),
            (self.patterns, "", PATTERN),
            (self.json_entry, "`from_json_str`", JSON),
            (
                self.builders,
                "the builders' field states [`Unset`], [`Set`] and [`Maybe`], and [`BuildError`]",
                BUILDERS,
            ),
            (self.required_fields, "", REQUIRED_FIELDS),
        ];
        let used: Vec<_> = parts.iter().filter(|(used, _, _)| *used).collect();
        let names: Vec<&str> = used
            .iter()
            .map(|(_, name, _)| *name)
            .filter(|name| !name.is_empty())
            .collect();
        let mut source = format!(
            "//! Runtime support of the generated types: {}.\n//!\n\
             //! Every path is fully qualified because generated shapes may be called `String`,\n\
             //! `Option`, `Result`, `Vec`, `Box`, `Error`, ...\n",
            names.join(", ")
        );
        for (_, _, text) in used {
            source.push('\n');
            source.push_str(text);
        }
        source
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_for_bytes_is_made_once() {
        for (vec, _) in BLOB_BYTES {
            assert_eq!(BLOB.matches(vec).count(), 1, "{vec}");
        }
        assert_eq!(VALIDATE.matches("::std::collections::BTreeMap<").count(), 2);
    }

    #[test]
    fn denying_unknown_fields_replaces_the_skip_of_the_template() {
        let runtime = Runtime {
            structures: true,
            ..Runtime::default()
        };
        let ignoring = runtime.primitives_source();
        let denying = Runtime {
            deny_unknown_fields: true,
            ..runtime
        }
        .primitives_source();
        assert!(ignoring.contains(IGNORE_UNKNOWN) && !ignoring.contains(DENY_UNKNOWN));
        assert!(denying.contains(DENY_UNKNOWN) && !denying.contains(IGNORE_UNKNOWN));
    }
}
