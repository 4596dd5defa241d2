//! Structures: the type, its `Serialize`/`Deserialize`, its `Validate` and `from_json_str`.

use super::docs::{code, doc_lines, docs};
use super::{
    bounds, derive, field_value, list, named_field, named_type, option_type, redacting_debug,
    Derives, Items,
};
use crate::emit::plan::{FieldDef, RustType, StructDef};
use crate::emit::service_json;
use crate::emit::template::{fill, ident, number, string, template};
use crate::ir::{MemberLocation, TimestampFormat};
use crate::settings::JsonKeys;
use proc_macro2::{Ident, Literal};
use syn::{Arm, Expr, Field, FieldValue, Item, Stmt};

impl<'a> Items<'a> {
    /// A structure, its `Serialize`/`Deserialize`, `Debug` if it redacts, `Validate` and
    /// `from_json_str`.
    pub fn structure(&self, def: &StructDef) -> Vec<Item> {
        let service = self.service;
        let name = ident(&def.name);
        let docs = docs(
            def.docs.as_deref(),
            &format!(
                "The {} structure of the `{service}` API.",
                code(&def.source)
            ),
        );
        let derive_debug = def.fields.iter().all(|f| !f.sensitive);
        let structure = fill(
            template!(Item {
                #[__DOCS]
                #[__DERIVE]
                #[__EXTRA]
                #[non_exhaustive]
                pub struct __NAME {
                    __FIELDS: (),
                }
            }),
            [
                ("__DOCS", docs.into()),
                (
                    "__DERIVE",
                    vec![derive(
                        Derives::Structure {
                            default: def.all_optional(),
                        },
                        derive_debug,
                    )]
                    .into(),
                ),
                ("__EXTRA", self.extras.of_type(&def.name).into()),
                ("__NAME", name.clone().into()),
                (
                    "__FIELDS",
                    list(def.fields.iter().map(|f| {
                        let mut field = self.field(f);
                        field.attrs.extend(self.extras.of_field(&def.name, &f.wire));
                        field
                    }))
                    .into(),
                ),
            ],
        );
        let mut items = vec![structure];
        items.extend(self.structure_serde(def));
        if !derive_debug {
            items.push(redacting_debug(
                &def.name,
                named_type(&name),
                Vec::new(),
                &def.fields,
            ));
        }
        let checks = list(def.fields.iter().flat_map(|f| self.field_checks(f)));
        items.push(self.validate_impl(&name, checks));
        if self.json_entry {
            let doc = doc_lines(
                &format!(
                    "Reads a JSON document and [validates]({0}::primitives::Validate::validate) it;\n\
                     an error says where: see [`JsonError`]({0}::primitives::JsonError).",
                    self.root_text()
                ),
                false,
            );
            items.push(fill(
                template!(Item {
                    #[cfg(feature = "json")]
                    impl __NAME {
                        #[__DOCS]
                        // Each call instantiates the whole deserializer for this type: `inline`
                        // leaves that to the crates that call it instead of compiling it for every
                        // structure.
                        #[inline]
                        pub fn from_json_str(text: &str) -> ::core::result::Result<Self, __ROOT::primitives::JsonError> {
                            __ROOT::primitives::from_json_str(text)
                        }
                    }
                }),
                [("__NAME", name.into()), ("__DOCS", doc.into()), ("__ROOT", self.root())],
            ));
        }
        items
    }

    /// `Serialize` and `Deserialize` on the shared helpers of `primitives`: what `#[derive]`
    /// would do for a map, in a fraction of the code for the compiler to check. Only the fields
    /// with a [`serde_key`](Self::serde_key) are read and written; the others read as `None`.
    fn structure_serde(&self, def: &StructDef) -> Vec<Item> {
        let label = string(&def.name);
        let fields: Vec<Ident> = def.fields.iter().map(|f| ident(&f.ident)).collect();
        // (field, its Rust name, its key, its slot: a local named after the field, prefixed so
        // that none can be `map` or `key`).
        let serde_fields: Vec<(&FieldDef, &Ident, &str, Ident)> = def
            .fields
            .iter()
            .zip(&fields)
            .filter_map(|(f, field)| {
                let slot = ident(&format!("f_{}", f.ident.trim_start_matches("r#")));
                self.serde_key(f).map(|key| (f, field, key, slot))
            })
            .collect();
        let serialize = if serde_fields.is_empty() {
            // An empty map; the general body would leave an unused `mut`.
            fill(
                template!(syn::Block {{
                    __ROOT::primitives::serialize_struct(serializer, __LABEL, 0, &[])?.end()
                }}),
                [("__ROOT", self.root()), ("__LABEL", label.clone().into())],
            )
        } else {
            let required = serde_fields.iter().filter(|(f, ..)| f.required).count();
            let present =
                serde_fields
                    .iter()
                    .filter(|(f, ..)| !f.required)
                    .map(|(_, field, ..)| {
                        fill(
                            template!(Expr { self.__FIELD.is_some() }),
                            [("__FIELD", (*field).clone().into())],
                        )
                    });
            let writes = serde_fields.iter().map(|(f, field, key, _)| {
                let method = ident(if f.required { "required" } else { "optional" });
                let value = self.serialized_value(f, field);
                fill(
                    template!(Stmt { fields.__METHOD(__KEY, __VALUE)?; }),
                    [
                        ("__METHOD", method.into()),
                        ("__KEY", string(key).into()),
                        ("__VALUE", value.into()),
                    ],
                )
            });
            fill(
                template!(syn::Block {{
                    let mut fields = __ROOT::primitives::serialize_struct(serializer, __LABEL, __REQUIRED, &[__PRESENT!()])?;
                    __WRITES!();
                    fields.end()
                }}),
                [
                    ("__ROOT", self.root()),
                    ("__LABEL", label.clone().into()),
                    ("__REQUIRED", number(required).into()),
                    ("__PRESENT", list(present).into()),
                    ("__WRITES", list(writes).into()),
                ],
            )
        };
        let mut read_values = serde_fields
            .iter()
            .enumerate()
            .map(|(index, (f, _, _, slot))| {
                if f.required {
                    fill(
                        template!(Expr { map.required(__SLOT, __INDEX)? }),
                        [
                            ("__SLOT", slot.clone().into()),
                            ("__INDEX", number(index).into()),
                        ],
                    )
                } else {
                    fill(
                        template!(Expr { __SLOT.flatten() }),
                        [("__SLOT", slot.clone().into())],
                    )
                }
            });
        // In the order of the fields, those left out of serde as `None`.
        let values: Vec<FieldValue> = def
            .fields
            .iter()
            .zip(&fields)
            .map(|(f, field)| {
                let value = match self.serde_key(f) {
                    Some(_) => read_values.next().expect("one value a serde field"),
                    None => template!(Expr { ::std::option::Option::None }),
                };
                field_value(field, value)
            })
            .collect();
        let read = if serde_fields.is_empty() {
            // The general body would leave a `match` with only the fallback arm.
            fill(
                template!(syn::Block {{
                    while map.next_key()?.is_some() {
                        map.skip()?;
                    }
                    ::std::result::Result::Ok(Self { __VALUES: () })
                }}),
                [("__VALUES", values.into())],
            )
        } else {
            let declarations = serde_fields.iter().map(|(.., slot)| {
                fill(
                    template!(Stmt { let mut __SLOT = ::std::option::Option::None; }),
                    [("__SLOT", slot.clone().into())],
                )
            });
            let arms = serde_fields.iter().enumerate().map(|(index, (.., slot))| {
                fill(
                    template!(Arm { __INDEX => map.read(&mut __SLOT)?, }),
                    [
                        ("__INDEX", number(index).into()),
                        ("__SLOT", slot.clone().into()),
                    ],
                )
            });
            fill(
                template!(syn::Block {{
                    __DECLARATIONS!();
                    while let ::std::option::Option::Some(key) = map.next_key()? {
                        match key {
                            __ARMS => {}
                            _ => map.skip()?,
                        }
                    }
                    ::std::result::Result::Ok(Self { __VALUES: () })
                }}),
                [
                    ("__DECLARATIONS", list(declarations).into()),
                    ("__ARMS", list(arms).into()),
                    ("__VALUES", values.into()),
                ],
            )
        };
        let impls = fill(
            template!(syn::File {
                impl ::serde::Serialize for __NAME {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        __SERIALIZE!();
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for __NAME {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        __ROOT::primitives::deserialize_struct(deserializer)
                    }
                }

                impl __ROOT::primitives::ReadStruct for __NAME {
                    const NAME: &'static str = __LABEL;
                    const FIELDS: &'static [&'static str] = &[__KEYS!()];
                    fn read<'de, A: ::serde::de::MapAccess<'de>>(mut map: __ROOT::primitives::StructMap<A>) -> ::std::result::Result<Self, A::Error> {
                        __READ!();
                    }
                }
            }),
            [
                ("__NAME", ident(&def.name).into()),
                ("__ROOT", self.root()),
                ("__LABEL", label.into()),
                (
                    "__KEYS",
                    list(serde_fields.iter().map(|(_, _, key, _)| string(key))).into(),
                ),
                ("__SERIALIZE", serialize.stmts.into()),
                ("__READ", read.stmts.into()),
            ],
        );
        impls.items
    }

    /// The key serde reads and writes `def` under ([`service_json::serde_key`]).
    fn serde_key<'f>(&self, def: &'f FieldDef) -> Option<&'f str> {
        service_json::serde_key(def, self.json_keys)
    }

    /// What `Serialize` passes for the field: `&self.x`, or with `json_keys: service` and
    /// timestamps the service does not write in RFC 3339, the field wrapped so that those built
    /// in code are written in the member's format.
    fn serialized_value(&self, def: &FieldDef, field: &Ident) -> Expr {
        let holes = [("__FIELD", field.clone().into())];
        let format = match self.json_keys {
            JsonKeys::Service if holds_timestamps(&def.ty) => {
                match service_json::body_timestamp_format(def.service_wire.timestamp_format) {
                    TimestampFormat::EpochSeconds => Some("EpochSeconds"),
                    TimestampFormat::HttpDate => Some("HttpDate"),
                    TimestampFormat::Iso8601 => None,
                }
            }
            _ => None,
        };
        let Some(format) = format else {
            return fill(template!(Expr { &self.__FIELD }), holes);
        };
        let [field] = holes;
        let holes = [
            field,
            ("__ROOT", self.root()),
            ("__FORMAT", ident(format).into()),
        ];
        if def.required {
            fill(
                template!(Expr { &__ROOT::primitives::InFormat(&self.__FIELD, __ROOT::primitives::TimestampFormat::__FORMAT) }),
                holes,
            )
        } else {
            fill(
                template!(Expr {
                    &self.__FIELD.as_ref().map(|value| __ROOT::primitives::InFormat(value, __ROOT::primitives::TimestampFormat::__FORMAT))
                }),
                holes,
            )
        }
    }

    /// `impl Validate`: `checks` add the violations of `self` at `path` to `errors`; without
    /// any, the trait's default finds none.
    pub(super) fn validate_impl(&self, name: &Ident, checks: Vec<Stmt>) -> Item {
        let holes = [("__NAME", name.clone().into()), ("__ROOT", self.root())];
        if checks.is_empty() {
            return fill(
                template!(Item { impl __ROOT::primitives::Validate for __NAME {} }),
                holes,
            );
        }
        let [name, root] = holes;
        fill(
            template!(Item {
                impl __ROOT::primitives::Validate for __NAME {
                    fn validate_at(&self, path: &__ROOT::primitives::FieldPath<'_>, errors: &mut __ROOT::primitives::ValidationErrors) {
                        __CHECKS!();
                    }
                }
            }),
            [name, root, ("__CHECKS", checks.into())],
        )
    }

    /// One statement per constraint of the field, and one that walks into it if it can hold
    /// anything to check.
    fn field_checks(&self, def: &FieldDef) -> Vec<Stmt> {
        // Violations name the key the JSON read has.
        let key = self.serde_key(def).unwrap_or(&def.wire);
        let (field, wire) = (ident(&def.ident), string(key));
        let check = |method: &str, rule: Expr| {
            fill(
                template!(Stmt { errors.__METHOD(&path.field(__WIRE), &self.__FIELD, __RULE); }),
                [
                    ("__METHOD", ident(method).into()),
                    ("__WIRE", wire.clone().into()),
                    ("__FIELD", field.clone().into()),
                    ("__RULE", rule.into()),
                ],
            )
        };
        let mut checks = Vec::new();
        let constraints = &def.constraints;
        let length = constraints.length.and_then(|b| {
            bounds(
                b.min.map(Literal::u64_unsuffixed),
                b.max.map(Literal::u64_unsuffixed),
            )
        });
        if let Some(bounds) = length {
            checks.push(check("length", bounds));
        }
        let range = constraints.range.and_then(|b| {
            bounds(
                b.min.map(Literal::f64_unsuffixed),
                b.max.map(Literal::f64_unsuffixed),
            )
        });
        if let Some(bounds) = range {
            checks.push(check("range", bounds));
        }
        if let Some(pattern) = &constraints.pattern {
            checks.push(check("pattern", string(pattern)));
        }
        if self.space.is_checked(&def.ty) {
            checks.push(fill(
                template!(Stmt {
                    __ROOT::primitives::Validate::validate_at(&self.__FIELD, &path.field(__WIRE), errors);
                }),
                [
                    ("__ROOT", self.root()),
                    ("__FIELD", field.into()),
                    ("__WIRE", wire.into()),
                ],
            ));
        }
        checks
    }

    fn field(&self, def: &FieldDef) -> Field {
        let presence = if def.required { "Required" } else { "Optional" };
        let location = location_doc(&def.service_wire.location);
        let summary = match (self.serde_key(def), location) {
            (Some(key), None) => format!("{presence}; {} on the wire.", code(key)),
            (Some(key), Some(location)) => {
                format!("{presence}; {} on the wire. {location}", code(key))
            }
            // Planned optional: no JSON body can give it a value.
            (None, location) => format!(
                "{} Not in the JSON body: serde leaves it out, so it is optional here.",
                location.unwrap_or_default()
            ),
        };
        let docs = docs(def.docs.as_deref(), &summary);
        let ty = self.rust_type(&def.ty);
        let ty = if def.required {
            ty
        } else {
            option_type(ty, false)
        };
        named_field(docs, ident(&def.ident), ty, true)
    }
}

/// Whether a field of this type holds timestamps of its own (not through another structure,
/// which writes its own): a timestamp, or a list, set or map of them.
fn holds_timestamps(ty: &RustType) -> bool {
    match ty {
        RustType::Timestamp => true,
        RustType::Vec(item) | RustType::BTreeSet(item) => holds_timestamps(item),
        RustType::BTreeMap(_, value) => holds_timestamps(value),
        _ => false,
    }
}

/// The sentence saying where a member travels outside the body, if it does.
fn location_doc(location: &MemberLocation) -> Option<String> {
    Some(match location {
        MemberLocation::Body => return None,
        MemberLocation::Header(name) => format!("In the {} HTTP header.", code(name)),
        MemberLocation::Headers(prefix) => {
            format!(
                "In the HTTP headers whose names start with {}.",
                code(prefix)
            )
        }
        MemberLocation::Uri(label) => format!("In the request URI, as its {} label.", code(label)),
        MemberLocation::QueryString(name) => {
            format!("In the query string of the request URI, as {}.", code(name))
        }
        MemberLocation::StatusCode => "The HTTP status code of the response.".into(),
    })
}
