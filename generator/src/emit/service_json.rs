//! `rust.json_keys: service`: what changes when serde reads and writes the service's own JSON
//! bodies instead of boto3's dicts.

use super::plan::FieldDef;
use crate::error::{Error, Result};
use crate::ir::{Model, ShapeKind, TimestampFormat};
use crate::settings::JsonKeys;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The model the types are planned from: with `service` keys, a member outside the JSON body
/// (a header, the URI, the query string, the status code) is left out of serde, so no body can
/// give it a value and it is optional, whatever the docs say. Fails, saying what to do, if the
/// protocol sends no JSON or two members of a structure would share a key.
pub fn planned_model(model: &Model, keys: JsonKeys) -> Result<Cow<'_, Model>> {
    if keys == JsonKeys::Boto3 {
        return Ok(Cow::Borrowed(model));
    }
    keys.check(model.protocol)
        .map_err(|message| Error::new(format!("rust.json_keys: {message}")))?;
    let mut planned = model.clone();
    for (name, shape) in &mut planned.shapes {
        let ShapeKind::Structure(structure) = &mut shape.kind else {
            continue;
        };
        let mut keys: BTreeMap<&str, &str> = BTreeMap::new();
        for field in &structure.fields {
            let Some(key) = field.service_wire.body_key(&field.name) else {
                continue;
            };
            if let Some(first) = keys.insert(key, &field.name) {
                return Err(Error::new(format!(
                    "rust.json_keys: fields `{first}` and `{}` of shape `{name}` both have the key `{key}` in the service's JSON",
                    field.name
                ))
                .with_hint("correct the `key` of one of them in the model or overlay"));
            }
        }
        for field in &mut structure.fields {
            if field.service_wire.body_key(&field.name).is_none() {
                field.required = false;
            }
        }
    }
    Ok(Cow::Owned(planned))
}

/// The key serde reads and writes `def` under: its boto3 name, or with `service` keys its key in
/// the service's JSON, and `None` if it travels outside the body.
pub fn serde_key(def: &FieldDef, keys: JsonKeys) -> Option<&str> {
    match keys {
        JsonKeys::Boto3 => Some(&def.wire),
        JsonKeys::Service => def.service_wire.body_key(&def.wire),
    }
}

/// How a member in the body writes a timestamp built in code: its own format, else its
/// protocol's default, epoch seconds for `json` and `rest-json` (the only protocols `service`
/// keys take: [`planned_model`] refuses the others).
pub fn body_timestamp_format(own: Option<TimestampFormat>) -> TimestampFormat {
    own.unwrap_or(TimestampFormat::EpochSeconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::{emit_crate, CrateOptions};
    use crate::settings::Settings;
    use std::path::Path;

    fn emit(model: &str, keys: JsonKeys) -> Result<()> {
        let model = crate::yaml::from_str(Path::new("m.yaml"), model).unwrap();
        let mut settings = Settings::default();
        settings.rust.json_keys = Some(keys);
        emit_crate(&model, &CrateOptions::new(&model, &settings)).map(drop)
    }

    const SHAPES: &str = "shapes:\n  FooTypeDef:\n    fields:\n      \
        Name: {type: string, required: true, key: name}\n      \
        Id: {type: string, required: true, location: {uri: id}}\n";

    #[test]
    fn service_keys_need_a_protocol_that_sends_json() {
        let without = format!("service: s\n{SHAPES}");
        assert!(emit(&without, JsonKeys::Boto3).is_ok());
        let error = emit(&without, JsonKeys::Service).unwrap_err().to_string();
        assert!(
            error.starts_with(
                "error: rust.json_keys: `json_keys: service` needs the service's protocol"
            ),
            "{error}"
        );
        let xml = format!("service: s\nprotocol: ec2\n{SHAPES}");
        let error = emit(&xml, JsonKeys::Service).unwrap_err().to_string();
        assert!(
            error.contains("protocol `ec2` sends XML: remove `json_keys`"),
            "{error}"
        );
        assert!(emit(
            &format!("service: s\nprotocol: json\n{SHAPES}"),
            JsonKeys::Service
        )
        .is_ok());
    }

    #[test]
    fn two_members_with_one_key_are_an_error_naming_both() {
        let model = format!(
            "service: s\nprotocol: rest-json\n{SHAPES}      Other: {{type: string, required: false, key: name}}\n"
        );
        let error = emit(&model, JsonKeys::Service).unwrap_err();
        assert_eq!(
            error.message,
            "rust.json_keys: fields `Name` and `Other` of shape `FooTypeDef` both have the key `name` in the service's JSON"
        );
        // With boto3's keys, what the service calls them does not matter.
        assert!(emit(&model, JsonKeys::Boto3).is_ok());
    }

    #[test]
    fn members_outside_the_body_become_optional_only_with_service_keys() {
        let model = crate::yaml::from_str(
            Path::new("m.yaml"),
            &format!("service: s\nprotocol: rest-json\n{SHAPES}"),
        )
        .unwrap();
        let required = |keys| {
            let planned = planned_model(&model, keys).unwrap();
            let ShapeKind::Structure(foo) = &planned.shapes["FooTypeDef"].kind else {
                panic!()
            };
            (
                foo.field("Name").unwrap().required,
                foo.field("Id").unwrap().required,
            )
        };
        assert_eq!(required(JsonKeys::Boto3), (true, true));
        assert_eq!(required(JsonKeys::Service), (true, false));
    }
}
