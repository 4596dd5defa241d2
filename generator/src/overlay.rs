//! The overlay: what a maintainer adds to a model that its docs cannot say — documentation,
//! sensitivity, constraints, the package version — and the [settings](crate::settings) of the
//! crate generated from it (`package:`, `rust:`), kept in a file beside the model so that regenerating from
//! new docs loses none of it.
//!
//! ```yaml
//! # model/amplifybackend.overlay.yaml
//! version: 0.1.0
//! boto3_version: 1.17.62
//! shapes:
//!   BackendAuthSocialProviderConfigTypeDef:
//!     docs: A social identity provider's app credentials.
//!     fields:
//!       ClientSecret:
//!         sensitive: true
//!   CreateBackendAuthPasswordPolicyConfigTypeDef:
//!     fields:
//!       MinimumLength:
//!         range: {min: 6, max: 99}
//! ```
//!
//! Shapes and fields are named as in the model (source and wire names); naming one that does not
//! exist is an error at its line. What the overlay says replaces what the model says.
//!
//! A field may also say how the service's own HTTP API carries it, as a YAML model does
//! ([`crate::yaml`]): `key`, `location` and `timestamp_format`, for `rust.json_keys: service`.
//! `botocore: amplifybackend.botocore.json` names botocore's `service-2.json` of the service,
//! relative to the overlay's folder: the model is enriched from it first (documentation,
//! sensitivity, constraints, the service's own wire names; see [`crate::botocore`]), then the rest
//! of the overlay is applied on top, so that what a maintainer writes here wins.

use crate::error::{Location, Result};
use crate::ir::{Model, Shape, ShapeKind};
use crate::settings::{PackageSeed, RustSeed, Settings};
use crate::yaml::{
    read_text, yaml_error, Boto3Version, BoundsIo, CheckedMap, KeyIo, LocationIo, Reject,
    ServiceWireIo, TimestampFormatIo, Version,
};
use indexmap::IndexMap;
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// Where the overlay of the model at `model` lives: `model/amplifybackend` has
/// `model/amplifybackend.overlay.yaml`, `x.yaml` has `x.overlay.yaml`.
pub fn path_for(model: &Path) -> PathBuf {
    let stem = if model.is_dir() {
        model.file_name()
    } else {
        model.file_stem()
    };
    let name = format!(
        "{}.overlay.yaml",
        stem.unwrap_or_default().to_string_lossy()
    );
    model.with_file_name(name)
}

/// `text`'s lines for an edit of the overlay: each keeps its line break, a last line without one
/// gets the file's (`\r\n` or `\n`), which comes back too for the lines the edit adds.
pub(crate) fn terminated_lines(text: &str) -> (Vec<String>, &'static str) {
    let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    if let Some(last) = lines.last_mut().filter(|l| !l.ends_with('\n')) {
        last.push_str(ending);
    }
    (lines, ending)
}

/// The botocore service model the overlay at `path` (with `text`) names with `botocore:`, relative
/// to the overlay's folder, and where it names it. Read before the rest of the overlay, which is
/// applied on top of what botocore adds.
pub(crate) fn botocore_path(path: &Path, text: &str) -> Result<Option<(PathBuf, Location)>> {
    #[derive(Deserialize)]
    struct Head {
        botocore: Option<String>,
    }
    crate::limits::check_yaml(path, text)?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let head: Head = serde_yaml::from_str(text).map_err(|e| yaml_error(path, text, &e))?;
    Ok(head.botocore.map(|file| {
        let at = crate::yaml::locate(path, text, &["botocore"])
            .unwrap_or_else(|| Location::new(path, 1, 1));
        (path.parent().unwrap_or(Path::new("")).join(file), at)
    }))
}

/// Applies the overlay file at `path` to `model`; returns the settings it holds.
pub fn apply_file(model: &mut Model, path: &Path) -> Result<Settings> {
    apply_str(model, path, &read_text(path)?)
}

/// Applies an overlay read from `text` (named `path` in errors) to `model` and returns the
/// settings it holds; on error the model is unchanged.
pub fn apply_str(model: &mut Model, path: &Path, text: &str) -> Result<Settings> {
    crate::limits::check_yaml(path, text)?;
    if text.trim().is_empty() {
        return Ok(Settings::default());
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let overlay = OverlaySeed(model)
        .deserialize(deserializer)
        .map_err(|e| yaml_error(path, text, &e))?;
    if overlay.version.is_some() {
        model.version = overlay.version;
    }
    if overlay.boto3_version.is_some() {
        model.boto3_version = overlay.boto3_version;
    }
    for (name, additions) in overlay.shapes {
        let shape = model.shapes.get_mut(&name).expect("checked while reading");
        additions.apply(shape);
    }
    Ok(overlay.settings)
}

struct Overlay {
    version: Option<String>,
    boto3_version: Option<String>,
    shapes: IndexMap<String, ShapeOverlay>,
    settings: Settings,
}

#[derive(Default)]
struct ShapeOverlay {
    docs: Option<String>,
    fields: IndexMap<String, FieldOverlay>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldOverlay {
    #[serde(default)]
    docs: Option<String>,
    #[serde(default)]
    sensitive: Option<bool>,
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

impl ShapeOverlay {
    fn apply(self, shape: &mut Shape) {
        if self.docs.is_some() {
            shape.docs = self.docs;
        }
        let ShapeKind::Structure(structure) = &mut shape.kind else {
            return;
        };
        for (name, additions) in self.fields {
            let field = structure
                .fields
                .iter_mut()
                .find(|f| f.name == name)
                .expect("checked while reading");
            if additions.docs.is_some() {
                field.docs = additions.docs;
            }
            if let Some(sensitive) = additions.sensitive {
                field.sensitive = sensitive;
            }
            if let Some(length) = additions.length {
                field.constraints.length = Some(length.into());
            }
            if let Some(range) = additions.range {
                field.constraints.range = Some(range.into());
            }
            if additions.pattern.is_some() {
                field.constraints.pattern = additions.pattern;
            }
            ServiceWireIo {
                key: additions.key,
                location: additions.location,
                timestamp_format: additions.timestamp_format,
            }
            .apply(&mut field.service_wire);
        }
    }
}

/// Reads an overlay against the model it applies to, so that every name is checked where it stands.
struct OverlaySeed<'a>(&'a Model);

impl<'de> DeserializeSeed<'de> for OverlaySeed<'_> {
    type Value = Overlay;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Overlay, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OverlaySeed<'_> {
    type Value = Overlay;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "an overlay: a mapping with `version`, `boto3_version`, `botocore`, `shapes`, `package` or `rust`",
        )
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Overlay, A::Error> {
        let model = self.0;
        let mut overlay = Overlay {
            version: None,
            boto3_version: None,
            shapes: IndexMap::new(),
            settings: Settings::default(),
        };
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                map.next_value_seed(Reject(format!("duplicate key `{key}`")))?;
                continue;
            }
            seen.push(key.clone());
            match key.as_str() {
                "version" => overlay.version = Some(map.next_value::<Version>()?.0),
                // Read and applied before the overlay: see `botocore_path`.
                "botocore" => drop(map.next_value::<String>()?),
                "boto3_version" => {
                    overlay.boto3_version = Some(map.next_value::<Boto3Version>()?.0)
                }
                "shapes" => {
                    overlay.shapes = map.next_value_seed(CheckedMap(|name: &str| {
                        match model.shapes.get(name) {
                            Some(shape) => Ok(ShapeSeed(shape)),
                            None => Err(format!("the model has no shape named `{name}`")),
                        }
                    }))?
                }
                "package" => overlay.settings.package = map.next_value_seed(PackageSeed(model))?,
                "rust" => overlay.settings.rust = map.next_value_seed(RustSeed(model))?,
                other => {
                    return Err(A::Error::custom(format!(
                        "unknown key `{other}`, expected `version`, `boto3_version`, `botocore`, `shapes`, `package` or `rust`"
                    )))
                }
            }
        }
        Ok(overlay)
    }
}

/// Reads one shape's additions, checking field names against that shape.
struct ShapeSeed<'a>(&'a Shape);

impl<'de> DeserializeSeed<'de> for ShapeSeed<'_> {
    type Value = ShapeOverlay;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ShapeOverlay, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ShapeSeed<'_> {
    type Value = ShapeOverlay;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping with `docs` or `fields`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ShapeOverlay, A::Error> {
        let mut additions = ShapeOverlay::default();
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                map.next_value_seed(Reject(format!("duplicate key `{key}`")))?;
                continue;
            }
            seen.push(key.clone());
            match (key.as_str(), &self.0.kind) {
                ("docs", _) => additions.docs = Some(map.next_value()?),
                ("fields", ShapeKind::Structure(structure)) => {
                    additions.fields =
                        map.next_value_seed(CheckedMap(|name: &str| match structure.field(name) {
                            Some(_) => Ok(PhantomData::<FieldOverlay>),
                            None => Err(format!("this shape has no field named `{name}`")),
                        }))?
                }
                ("fields", ShapeKind::Literal(_)) => map.next_value_seed(Reject(
                    "a literal type has no fields; only `docs` applies".into(),
                ))?,
                (other, _) => {
                    return Err(A::Error::custom(format!(
                        "unknown key `{other}`, expected `docs` or `fields`"
                    )))
                }
            }
        }
        Ok(additions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        crate::yaml::from_str(
            Path::new("m.yaml"),
            "service: s\nshapes:\n  FooTypeDef:\n    fields:\n      Secret: {type: string, required: false}\n      \
             Size: {type: integer, required: true}\n  Mode:\n    values: [A]\n",
        )
        .unwrap()
    }

    fn apply(text: &str) -> Result<Model> {
        let mut model = model();
        apply_str(&mut model, Path::new("o.yaml"), text)?;
        Ok(model)
    }

    #[test]
    fn adds_what_docs_cannot_say() {
        let model = apply(
            "version: 2.0.0\nboto3_version: 1.17.62\nshapes:\n  FooTypeDef:\n    docs: A foo.\n    fields:\n      \
             Secret: {sensitive: true, pattern: '^x$', length: {max: 8}}\n      Size: {range: {min: 1}}\n  \
             Mode:\n    docs: Modes.\n",
        )
        .unwrap();
        assert_eq!(
            (model.version.as_deref(), model.boto3_version.as_deref()),
            (Some("2.0.0"), Some("1.17.62"))
        );
        let foo = &model.shapes["FooTypeDef"];
        assert_eq!(foo.docs.as_deref(), Some("A foo."));
        let ShapeKind::Structure(s) = &foo.kind else {
            panic!()
        };
        let secret = s.field("Secret").unwrap();
        assert!(secret.sensitive);
        assert_eq!(secret.constraints.pattern.as_deref(), Some("^x$"));
        assert_eq!(secret.constraints.length.unwrap().max, Some(8));
        assert_eq!(
            s.field("Size").unwrap().constraints.range.unwrap().min,
            Some(1.0)
        );
        assert_eq!(model.shapes["Mode"].docs.as_deref(), Some("Modes."));
    }

    #[test]
    fn sets_and_overrides_how_the_service_carries_a_field() {
        use crate::ir::{MemberLocation, TimestampFormat};
        let mut model = model();
        let ShapeKind::Structure(foo) = &mut model.shapes.get_mut("FooTypeDef").unwrap().kind
        else {
            panic!()
        };
        foo.fields[0].service_wire.key = Some("secret".into());
        foo.fields[1].service_wire.timestamp_format = Some(TimestampFormat::Iso8601);
        let text = "shapes:\n  FooTypeDef:\n    fields:\n      \
                    Secret: {key: secretValue, location: {header: X-Secret}}\n      \
                    Size: {timestamp_format: http_date}\n";
        apply_str(&mut model, Path::new("o.yaml"), text).unwrap();
        let ShapeKind::Structure(foo) = &model.shapes["FooTypeDef"].kind else {
            panic!()
        };
        let secret = &foo.field("Secret").unwrap().service_wire;
        assert_eq!(secret.key.as_deref(), Some("secretValue"));
        assert_eq!(secret.location, MemberLocation::Header("X-Secret".into()));
        let size = &foo.field("Size").unwrap().service_wire;
        assert_eq!(size.timestamp_format, Some(TimestampFormat::HttpDate));
        let error =
            apply("shapes:\n  FooTypeDef:\n    fields:\n      Size: {location: {uri: ''}}\n")
                .unwrap_err()
                .to_string();
        assert!(
            error.starts_with("o.yaml:4:24: error: shapes.FooTypeDef.fields.Size.location: expected `{header: NAME}`"),
            "{error}"
        );
    }

    #[test]
    fn unknown_names_are_located() {
        let error = |text: &str| apply(text).unwrap_err().to_string();
        assert_eq!(
            error("shapes:\n  FooTypeDef:\n    fields: {}\n  BarTypeDef:\n    docs: x\n"),
            "o.yaml:5:5: error: shapes.BarTypeDef: the model has no shape named `BarTypeDef`"
        );
        assert_eq!(
            error("shapes:\n  FooTypeDef:\n    fields:\n      Secret: {sensitive: true}\n      Secrett:\n        sensitive: true\n"),
            "o.yaml:6:9: error: shapes.FooTypeDef.fields.Secrett: this shape has no field named `Secrett`"
        );
        assert!(
            error("shapes:\n  Mode:\n    fields: {}\n").contains("a literal type has no fields")
        );
        assert!(
            error("shapes:\n  FooTypeDef:\n    fields:\n      Size: {sensitiv: true}\n")
                .contains("unknown field `sensitiv`")
        );
        assert!(error("versoin: 1.0.0\n").contains("unknown key `versoin`"));
        assert_eq!(
            error("version: 0.2.0\nshapes: {}\nversion: 0.1.0\n"),
            "o.yaml:3:1: error: version: duplicate key `version`"
        );
        assert_eq!(
            error("shapes:\n  Mode:\n    docs: a\n    docs: b\n"),
            "o.yaml:4:5: error: shapes.Mode.docs: duplicate key `docs`"
        );
        assert_eq!(
            error("shapes:\n  Mode: {docs: a}\n  Mode: {docs: b}\n"),
            "o.yaml:3:3: error: shapes.Mode: duplicate key `Mode`"
        );
        assert_eq!(
            error("shapes:\n  FooTypeDef:\n    fields:\n      Size:\n        sensitive: true\n        sensitive: false\n"),
            "o.yaml:6:9: error: shapes.FooTypeDef.fields.Size: duplicate field `sensitive`"
        );
        assert_eq!(
            error("version: 01.2.3\n"),
            "o.yaml:1:10: error: version: `01.2.3` is not a semantic version (invalid leading zero in major version number): \
             write MAJOR.MINOR.PATCH, e.g. 0.1.0, optionally with -PRE-RELEASE and +BUILD"
        );
        assert!(error("boto3_version: \"1.2\\n```\"\n")
            .starts_with("o.yaml:1:16: error: boto3_version: boto3 version"));
    }

    #[test]
    fn overlay_path_sits_beside_the_model() {
        assert_eq!(
            path_for(Path::new("model/x.yaml")),
            Path::new("model/x.overlay.yaml")
        );
    }
}
