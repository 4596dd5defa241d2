//! A model as a JSON Schema (draft 2020-12), one definition per shape: for tools that speak JSON
//! Schema, and to compare shapegen with JSON-Schema code generators on the same shapes.

use crate::ir::{Model, ShapeKind, Type};
use serde_json::{json, Map, Value};

/// The schema of every shape of `model` under `$defs`, keyed by source name.
pub fn to_value(model: &Model) -> Value {
    let definitions: Map<String, Value> = model
        .shapes
        .iter()
        .map(|(name, shape)| {
            let mut schema = match &shape.kind {
                ShapeKind::Literal(literal) => json!({"type": "string", "enum": literal.values}),
                ShapeKind::Structure(structure) => {
                    let properties: Map<String, Value> = structure
                        .fields
                        .iter()
                        .map(|f| {
                            let mut schema = type_schema(&f.ty);
                            if let (Some(docs), Value::Object(map)) = (&f.docs, &mut schema) {
                                map.insert("description".into(), Value::String(docs.clone()));
                            }
                            (f.name.clone(), schema)
                        })
                        .collect();
                    let required: Vec<&str> = structure
                        .fields
                        .iter()
                        .filter(|f| f.required)
                        .map(|f| f.name.as_str())
                        .collect();
                    json!({"type": "object", "properties": properties, "required": required})
                }
            };
            if let (Some(docs), Value::Object(map)) = (&shape.docs, &mut schema) {
                map.insert("description".into(), Value::String(docs.clone()));
            }
            (name.clone(), schema)
        })
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": model.service,
        "$defs": definitions,
    })
}

fn type_schema(ty: &Type) -> Value {
    match ty {
        Type::String => json!({"type": "string"}),
        Type::Integer => json!({"type": "integer"}),
        Type::Float | Type::Decimal => json!({"type": "number"}),
        Type::Boolean => json!({"type": "boolean"}),
        Type::Timestamp => json!({"type": "string", "format": "date-time"}),
        Type::Blob => json!({"type": "string", "contentEncoding": "base64"}),
        Type::Any => json!({}),
        Type::Null => json!({"type": "null"}),
        Type::List(item) => json!({"type": "array", "items": type_schema(item)}),
        Type::Set(item) => {
            json!({"type": "array", "items": type_schema(item), "uniqueItems": true})
        }
        Type::Map(key, value) => json!({
            "type": "object",
            "propertyNames": type_schema(key),
            "additionalProperties": type_schema(value),
        }),
        Type::Union(members) => {
            json!({"anyOf": members.iter().map(type_schema).collect::<Vec<_>>()})
        }
        Type::Enum(values) => json!({"type": "string", "enum": values}),
        Type::Ref(name) => json!({"$ref": format!("#/$defs/{}", json_pointer_escape(name))}),
    }
}

/// RFC 6901: `~` and `/` in a name must not split the pointer.
fn json_pointer_escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_become_definitions() {
        let model = crate::yaml::from_str(
            std::path::Path::new("m.yaml"),
            "service: s\nshapes:\n  FooTypeDef:\n    fields:\n      \
             Mode: {type: Mode, required: true}\n      At: {type: timestamp, required: false}\n      \
             Tags: {type: 'map[string, list[blob]]', required: false}\n  Mode:\n    values: [A]\n",
        )
        .unwrap();
        assert_eq!(
            to_value(&model)["$defs"],
            json!({
                "FooTypeDef": {
                    "type": "object",
                    "properties": {
                        "Mode": {"$ref": "#/$defs/Mode"},
                        "At": {"type": "string", "format": "date-time"},
                        "Tags": {
                            "type": "object",
                            "propertyNames": {"type": "string"},
                            "additionalProperties": {
                                "type": "array",
                                "items": {"type": "string", "contentEncoding": "base64"}
                            }
                        }
                    },
                    "required": ["Mode"]
                },
                "Mode": {"type": "string", "enum": ["A"]}
            })
        );
        assert_eq!(json_pointer_escape("a/b~c"), "a~1b~0c");
    }
}
