//! `rust.json_keys: service`: what changes when serde reads and writes the service's own JSON
//! bodies instead of boto3's dicts.

use crate::error::{Error, Result};
use crate::ir::{MemberLocation, Model, ShapeKind, TimestampFormat};
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
            if field.service_wire.location != MemberLocation::Body {
                continue;
            }
            let key = field.service_wire.key.as_deref().unwrap_or(&field.name);
            if let Some(first) = keys.insert(key, &field.name) {
                return Err(Error::new(format!(
                    "rust.json_keys: fields `{first}` and `{}` of shape `{name}` both have the key `{key}` in the service's JSON",
                    field.name
                ))
                .with_hint("correct the `key` of one of them in the model or overlay"));
            }
        }
        for field in &mut structure.fields {
            if field.service_wire.location != MemberLocation::Body {
                field.required = false;
            }
        }
    }
    Ok(Cow::Owned(planned))
}

/// How a member in the body writes a timestamp built in code: its own format, else its
/// protocol's default, epoch seconds for `json` and `rest-json` (the only protocols `service`
/// keys take: [`planned_model`] refuses the others).
pub fn body_timestamp_format(own: Option<TimestampFormat>) -> TimestampFormat {
    own.unwrap_or(TimestampFormat::EpochSeconds)
}
