//! Rust items from the [`TypeSpace`], as syn syntax trees filled in from templates (`emit::template`).
//!
//! Every path is fully qualified (`::std::string::String`, `crate::Mode`): a model may well name a
//! shape `Option`, `String` or `Result`, and the generated code must not care. Paths to generated
//! items start at the root ([`Root`]): `crate` in a crate, `self`/`super` in a file brought in with
//! `include!`.

use super::extras::Extras;
use super::plan::{
    EnumDef, EnumOrigin, FieldDef, RustType, StructDef, TypeSpace, UnionDef, BUILD_METHOD,
    MAX_TYPED_REQUIRED, UNKNOWN_VARIANT,
};
pub use super::template::ident;
use super::template::{doc_attrs, fill, number, string, template, Fill};
use crate::settings::MapType;
use proc_macro2::{Ident, Literal};
use std::fmt::Write as _;
use syn::{
    Arm, Attribute, Expr, Field, FieldValue, FnArg, GenericArgument, GenericParam, ImplItem, Item,
    Stmt, Type, Variant, WherePredicate,
};

/// How `Debug` prints a sensitive field, in the AWS SDK's words.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Where the generated items and the `primitives` module are, seen from the module being written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Root {
    /// A crate of its own: `crate`.
    Crate,
    /// A file `include!`d into a module of another crate, this many modules below that one:
    /// `self` at 0, `super` at 1, `super::super` at 2.
    Included(usize),
}

/// Writes the items of one model.
#[derive(Clone, Copy)]
pub struct Items<'a> {
    pub service: &'a str,
    pub space: &'a TypeSpace,
    pub root: Root,
    /// Whether structures get `from_json_str`, behind the crate's `json` feature.
    pub json_entry: bool,
    /// What the settings add to types and fields.
    pub extras: &'a Extras,
    /// The type of maps.
    pub map: MapType,
}

/// A list of items, of impl items, ...: what fills a list hole of a template.
fn list<T>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    items.into_iter().collect()
}

impl<'a> Items<'a> {
    /// The path of the generated items as seen from here, for a template's `__ROOT`.
    fn root(&self) -> Fill {
        let segments = match self.root {
            Root::Crate => vec![ident("crate")],
            Root::Included(0) => vec![ident("self")],
            Root::Included(depth) => vec![ident("super"); depth],
        };
        Fill::Root(segments)
    }

    /// The same writer for items one module further down.
    pub fn nested(&self) -> Items<'a> {
        Items {
            root: match self.root {
                Root::Crate => Root::Crate,
                Root::Included(depth) => Root::Included(depth + 1),
            },
            ..*self
        }
    }

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
                    vec![derive(Derives::Structure, derive_debug)].into(),
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
    /// would do for a map, in a fraction of the code for the compiler to check.
    fn structure_serde(&self, def: &StructDef) -> Vec<Item> {
        let label = string(&def.name);
        let fields: Vec<Ident> = def.fields.iter().map(|f| ident(&f.ident)).collect();
        // Locals named after the fields, prefixed so that none can be `map` or `key`.
        let slots: Vec<Ident> = def
            .fields
            .iter()
            .map(|f| ident(&format!("f_{}", f.ident.trim_start_matches("r#"))))
            .collect();
        let (serialize, read) = if def.fields.is_empty() {
            // An empty map; the general bodies would leave an unused `mut` and a `match` with
            // only the fallback arm.
            let serialize = template!(syn::Block {{
                __ROOT::primitives::serialize_struct(serializer, __LABEL, 0, &[])?.end()
            }});
            let read = template!(syn::Block {{
                while map.next_key()?.is_some() {
                    map.skip()?;
                }
                ::std::result::Result::Ok(Self {})
            }});
            (
                fill(
                    serialize,
                    [("__ROOT", self.root()), ("__LABEL", label.clone().into())],
                ),
                read,
            )
        } else {
            let required = def.fields.iter().filter(|f| f.required).count();
            let present = def
                .fields
                .iter()
                .zip(&fields)
                .filter(|(f, _)| !f.required)
                .map(|(_, field)| {
                    fill(
                        template!(Expr { self.__FIELD.is_some() }),
                        [("__FIELD", field.clone().into())],
                    )
                });
            let writes = def.fields.iter().zip(&fields).map(|(f, field)| {
                let method = ident(if f.required { "required" } else { "optional" });
                fill(
                    template!(Stmt { fields.__METHOD(__WIRE, &self.__FIELD)?; }),
                    [
                        ("__METHOD", method.into()),
                        ("__WIRE", string(&f.wire).into()),
                        ("__FIELD", field.clone().into()),
                    ],
                )
            });
            let serialize = fill(
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
            );
            let declarations = slots.iter().map(|slot| {
                fill(
                    template!(Stmt { let mut __SLOT = ::std::option::Option::None; }),
                    [("__SLOT", slot.clone().into())],
                )
            });
            let arms = slots.iter().enumerate().map(|(index, slot)| {
                fill(
                    template!(Arm { __INDEX => map.read(&mut __SLOT)?, }),
                    [
                        ("__INDEX", number(index).into()),
                        ("__SLOT", slot.clone().into()),
                    ],
                )
            });
            let values = def.fields.iter().zip(&fields).zip(&slots).enumerate().map(
                |(index, ((f, field), slot))| {
                    let value = if f.required {
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
                    };
                    field_value(field, value)
                },
            );
            let read = fill(
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
                    ("__VALUES", list(values).into()),
                ],
            );
            (serialize, read)
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
                    const FIELDS: &'static [&'static str] = &[__WIRES!()];
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
                    "__WIRES",
                    list(def.fields.iter().map(|f| string(&f.wire))).into(),
                ),
                ("__SERIALIZE", serialize.stmts.into()),
                ("__READ", read.stmts.into()),
            ],
        );
        impls.items
    }

    /// `impl Validate`: `checks` add the violations of `self` at `path` to `errors`; without
    /// any, the trait's default finds none.
    fn validate_impl(&self, name: &Ident, checks: Vec<Stmt>) -> Item {
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
        let (field, wire) = (ident(&def.ident), string(&def.wire));
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
        let docs = docs(
            def.docs.as_deref(),
            &format!("{presence}; {} on the wire.", code(&def.wire)),
        );
        let ty = self.rust_type(&def.ty);
        let ty = if def.required {
            ty
        } else {
            option_type(ty, false)
        };
        named_field(docs, ident(&def.ident), ty, true)
    }

    pub fn literal_enum(&self, def: &EnumDef) -> Vec<Item> {
        let service = self.service;
        let name = ident(&def.name);
        let summary = match &def.origin {
            EnumOrigin::Literal(source) => {
                format!("The {} literal type of the `{service}` API.", code(source))
            }
            EnumOrigin::Inline { shape, field } => {
                format!(
                    "The values of field {} of {}, listed inline.",
                    code(field),
                    code(shape)
                )
            }
        };
        let variants: Vec<Ident> = def.variants.iter().map(|(v, _)| ident(v)).collect();
        let values: Vec<Expr> = def
            .variants
            .iter()
            .map(|(_, value)| string(value))
            .collect();
        let declarations = def
            .variants
            .iter()
            .zip(&variants)
            .map(|((_, value), variant)| {
                fill(
                    template!(Variant {
                        #[__DOCS]
                        __VARIANT
                    }),
                    [
                        (
                            "__DOCS",
                            doc_attrs([format!(" {}", code(value))], false).into(),
                        ),
                        ("__VARIANT", variant.clone().into()),
                    ],
                )
            });
        let to_str = list(variants.iter().zip(&values).map(|(variant, value)| {
            fill(
                template!(Arm { Self::__VARIANT => __VALUE, }),
                [
                    ("__VARIANT", variant.clone().into()),
                    ("__VALUE", value.clone().into()),
                ],
            )
        }));
        let from_str = list(variants.iter().zip(&values).map(|(variant, value)| {
            fill(
                template!(Arm { __VALUE => Self::__VARIANT, }),
                [
                    ("__VALUE", value.clone().into()),
                    ("__VARIANT", variant.clone().into()),
                ],
            )
        }));
        let unknown = ident(UNKNOWN_VARIANT);
        let validate = fill(
            template!(Stmt {
                if let Self::__UNKNOWN(value) = self {
                    errors.unknown(path, value.as_str(), Self::VALUES);
                }
            }),
            [("__UNKNOWN", unknown.clone().into())],
        );
        let mut items = fill(
            template!(syn::File {
                #[__DOCS]
                #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
                #[__EXTRA]
                #[non_exhaustive]
                pub enum __NAME {
                    __VARIANTS,
                    /// A value this version of the crate does not know: fine to receive, wrong to send.
                    __UNKNOWN(__ROOT::primitives::UnknownValue),
                }

                impl __NAME {
                    /// Every value the model lists, in its order.
                    pub const VALUES: &'static [&'static str] = &[__VALUES!()];

                    /// The value as it is written on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            __TO_STR => {}
                            Self::__UNKNOWN(value) => value.as_str(),
                        }
                    }
                }

                impl ::std::convert::From<&str> for __NAME {
                    fn from(value: &str) -> Self {
                        match value {
                            __FROM_STR => {}
                            other => Self::__UNKNOWN(__ROOT::primitives::UnknownValue::new(other)),
                        }
                    }
                }

                impl ::std::str::FromStr for __NAME {
                    type Err = ::std::convert::Infallible;
                    // Not `Self::Err`: a variant named `Err` would make that ambiguous.
                    fn from_str(value: &str) -> ::std::result::Result<Self, ::std::convert::Infallible> {
                        ::std::result::Result::Ok(Self::from(value))
                    }
                }

                impl ::std::fmt::Display for __NAME {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl ::serde::Serialize for __NAME {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for __NAME {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        __ROOT::primitives::deserialize_enum(deserializer)
                    }
                }
            }),
            [
                ("__DOCS", docs(def.docs.as_deref(), &summary).into()),
                ("__EXTRA", self.extras.of_type(&def.name).into()),
                ("__NAME", name.clone().into()),
                ("__VARIANTS", list(declarations).into()),
                ("__UNKNOWN", unknown.into()),
                ("__ROOT", self.root()),
                ("__VALUES", values.into()),
                ("__TO_STR", to_str.into()),
                ("__FROM_STR", from_str.into()),
            ],
        )
        .items;
        items.push(self.validate_impl(&name, vec![validate]));
        if self.extras.schemars {
            // A string, whatever its value: unknown values read too.
            items.push(fill(
                template!(Item {
                    impl ::schemars::JsonSchema for __NAME {
                        fn schema_name() -> ::std::borrow::Cow<'static, str> {
                            ::std::borrow::Cow::Borrowed(__LABEL)
                        }

                        fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                            ::schemars::json_schema!({ "type": "string" })
                        }
                    }
                }),
                [
                    ("__NAME", name.clone().into()),
                    ("__LABEL", string(&def.name).into()),
                ],
            ));
        }
        items
    }

    pub fn union(&self, def: &UnionDef) -> Vec<Item> {
        let name = ident(&def.name);
        let summary = format!(
            "One of the types field {} of {} may hold; reading tries the variants in order.",
            code(&def.field),
            code(&def.shape)
        );
        let variants = def.variants.iter().map(|(variant, ty)| {
            let variant = ident(variant);
            match ty {
                Some(ty) => fill(
                    template!(Variant { __VARIANT(__TYPE) }),
                    [
                        ("__VARIANT", variant.into()),
                        ("__TYPE", self.rust_type(ty).into()),
                    ],
                ),
                None => fill(
                    template!(Variant { __VARIANT }),
                    [("__VARIANT", variant.into())],
                ),
            }
        });
        // Every variant listed, so that no wildcard hides one added later.
        let arms = def.variants.iter().map(|(variant, ty)| {
            let variant = ident(variant).into();
            match ty {
                Some(ty) if self.space.is_checked(ty) => fill(
                    template!(Arm {
                        Self::__VARIANT(value) => __ROOT::primitives::Validate::validate_at(value, path, errors),
                    }),
                    [("__VARIANT", variant), ("__ROOT", self.root())],
                ),
                Some(_) => fill(template!(Arm { Self::__VARIANT(_) => {} }), [("__VARIANT", variant)]),
                None => fill(template!(Arm { Self::__VARIANT => {} }), [("__VARIANT", variant)]),
            }
        });
        let checks = if self.space.checked.contains(&def.name) {
            vec![fill(
                template!(Stmt { match self { __ARMS => {} } }),
                [("__ARMS", list(arms).into())],
            )]
        } else {
            Vec::new()
        };
        let declaration = fill(
            template!(Item {
                #[__DOCS]
                #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[__EXTRA]
                #[serde(untagged)]
                #[non_exhaustive]
                pub enum __NAME {
                    __VARIANTS,
                }
            }),
            [
                ("__DOCS", docs(None, &summary).into()),
                ("__EXTRA", self.extras.of_type(&def.name).into()),
                ("__NAME", name.clone().into()),
                ("__VARIANTS", list(variants).into()),
            ],
        );
        vec![declaration, self.validate_impl(&name, checks)]
    }

    /// The `builders` module's contents, a piece at a time: its inner attributes, every
    /// structure's builder, and the traits that name the missing field when `build` is called
    /// too early. `self` must be at the module's depth.
    pub fn builders_module(self) -> (Vec<Attribute>, impl Iterator<Item = Vec<Item>> + 'a) {
        let mut summary = format!(
            "Builders: `Foo::builder()` gives a `FooBuilder` with a setter per field; `build()`\n\
             compiles once every required field is set, and returns the `Foo`. Their field states\n\
             are in [`primitives`]({}::primitives).",
            self.root_text()
        );
        if !self.space.structs.iter().all(StructDef::typed_builder) {
            let _ = write!(
                summary,
                "\n\nA structure with more than {MAX_TYPED_REQUIRED} required fields has a builder whose `build()`\n\
                 returns the first one missing as an error instead."
            );
        }
        let summary = doc_lines(&summary, true);
        let header = fill(
            template!(syn::File {
                #![__DOCS]
                // Setters are named after the model's fields: `to_port`, `is_default`, `add`. A
                // setter returns its builder with one field state changed: one type parameter per
                // required field, too complex for clippy's taste from about ten (lambda has 24).
                #![allow(
                    clippy::wrong_self_convention,
                    clippy::should_implement_trait,
                    clippy::type_complexity
                )]
            }),
            [("__DOCS", summary.into())],
        );
        let builders = self.space.structs.iter().map(move |s| self.builder(s));
        let required = std::iter::once_with(move || {
            let required_depth = self.nested().nested();
            let modules = self
                .space
                .structs
                .iter()
                .filter(|s| s.typed_builder() && s.fields.iter().any(|f| f.required))
                .map(|s| {
                    fill(
                        template!(Item { pub mod __MODULE { __TRAITS!(); } }),
                        [
                            ("__MODULE", ident(&s.name).into()),
                            ("__TRAITS", required_depth.required_traits(s).into()),
                        ],
                    )
                });
            vec![fill(
                template!(Item {
                    /// A trait per required field, named after it, that only a set field implements: its
                    /// error message says which field `build` still needs.
                    #[doc(hidden)]
                    #[allow(non_snake_case, non_camel_case_types)]
                    pub mod required {
                        __MODULES!();
                    }
                }),
                [("__MODULES", list(modules).into())],
            )]
        });
        (header.attrs, builders.chain(required))
    }

    fn builder(&self, def: &StructDef) -> Vec<Item> {
        if !def.typed_builder() {
            return self.checked_builder(def);
        }
        let (name, builder) = (ident(&def.name), ident(&def.builder));
        let fields: Vec<Ident> = def.fields.iter().map(|f| ident(&f.ident)).collect();
        // `S0, S1, ...`: the state of each required field, in field order.
        let states: Vec<Ident> = def
            .fields
            .iter()
            .filter(|f| f.required)
            .enumerate()
            .map(|(index, _)| ident(&format!("S{index}")))
            .collect();
        let unset = fill(
            template!(Type { __ROOT::primitives::Unset }),
            [("__ROOT", self.root())],
        );
        let mut state_types = states.iter();
        let storage = def.fields.iter().zip(&fields).map(|(field, this)| {
            let state = if field.required {
                state_types.next()
            } else {
                None
            };
            let ty = match state {
                Some(state) => named_type(state),
                None => option_type(self.rust_type(&field.ty), true),
            };
            named_field(Vec::new(), this.clone(), ty, false)
        });
        let initial = def.fields.iter().zip(&fields).map(|(field, this)| {
            let value = if field.required {
                fill(
                    template!(Expr { __ROOT::primitives::Unset }),
                    [("__ROOT", self.root())],
                )
            } else {
                template!(Expr { ::core::option::Option::None })
            };
            field_value(this, value)
        });
        let mut state_index = 0;
        let setters = def.fields.iter().zip(&fields).flat_map(|(field, this)| {
            if field.required {
                state_index += 1;
                self.required_setters(def, field, &states, state_index - 1)
            } else {
                self.optional_setters(field, this)
            }
        });
        let setters = list(setters);
        let takes = def.fields.iter().zip(&fields).map(|(field, this)| {
            let value = if field.required {
                fill(
                    template!(Expr { __ROOT::primitives::IsSet::into_value(self.__FIELD) }),
                    [("__ROOT", self.root()), ("__FIELD", this.clone().into())],
                )
            } else {
                fill(
                    template!(Expr { self.__FIELD }),
                    [("__FIELD", this.clone().into())],
                )
            };
            field_value(this, value)
        });
        let bounds = def
            .fields
            .iter()
            .filter(|f| f.required)
            .zip(&states)
            .map(|(f, state)| {
                fill(
                    template!(WherePredicate {
                        __STATE: self::required::__NAME::__FIELD
                    }),
                    [
                        ("__STATE", state.clone().into()),
                        ("__NAME", name.clone().into()),
                        ("__FIELD", ident(&f.ident).into()),
                    ],
                )
            });
        let missing: Vec<String> = def
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| code(&f.wire))
            .collect();
        let build_doc = if missing.is_empty() {
            format!(" The `{}`.", def.name)
        } else {
            format!(
                " The `{}`; compiles only once the required fields are set: {}.",
                def.name,
                missing.join(", ")
            )
        };
        let sensitive = def.fields.iter().any(|f| f.sensitive);
        let mut struct_doc = format!(
            "Builds a `{0}`: `{0}::builder()`, a setter per field, then `build()`.",
            def.name
        );
        if !missing.is_empty() {
            let _ = write!(
                struct_doc,
                "\n\nThe type parameters are the states of the required fields {}, in that order:\n\
                 `Unset` until the field's setter is called, then `Set`.",
                missing.join(", ")
            );
        }
        let defaults = states.iter().map(|state| {
            fill(
                template!(GenericParam { __STATE = __UNSET }),
                [
                    ("__STATE", state.clone().into()),
                    ("__UNSET", unset.clone().into()),
                ],
            )
        });
        let params = list(states.iter().map(|state| {
            fill(
                template!(GenericParam { __STATE }),
                [("__STATE", state.clone().into())],
            )
        }));
        let mut items = fill(
            template!(syn::File {
                #[__DOCS]
                #[__DERIVE]
                #[must_use = "a builder does nothing until `build()` is called"]
                pub struct __BUILDER<__DEFAULTS> {
                    __STORAGE: (),
                }

                impl __ROOT::__NAME {
                    #[doc = __BUILDER_DOC]
                    pub fn builder() -> __BUILDER {
                        __BUILDER { __INITIAL: () }
                    }
                }

                impl<__PARAMS> __BUILDER<__ARGS> {
                    __SETTERS!();

                    #[doc = __BUILD_DOC]
                    pub fn __BUILD(self) -> __ROOT::__NAME where __BOUNDS: Sized {
                        __ROOT::__NAME { __TAKES: () }
                    }
                }
            }),
            [
                ("__DOCS", doc_lines(&struct_doc, false).into()),
                (
                    "__DERIVE",
                    vec![derive(Derives::Builder, !sensitive)].into(),
                ),
                ("__BUILDER", builder.clone().into()),
                ("__DEFAULTS", list(defaults).into()),
                ("__STORAGE", list(storage).into()),
                ("__ROOT", self.root()),
                ("__NAME", name.clone().into()),
                (
                    "__BUILDER_DOC",
                    string(&format!(
                        " A builder with no field set: see [`{}`].",
                        def.builder
                    ))
                    .into(),
                ),
                ("__INITIAL", list(initial).into()),
                ("__PARAMS", params.clone().into()),
                ("__ARGS", type_args(&states).into()),
                ("__SETTERS", setters.into()),
                ("__BUILD_DOC", string(&build_doc).into()),
                ("__BUILD", ident(BUILD_METHOD).into()),
                ("__BOUNDS", list(bounds).into()),
                ("__TAKES", list(takes).into()),
            ],
        )
        .items;
        if sensitive {
            let ty = generic_type(&builder, &states);
            items.push(redacting_debug(&def.builder, ty, states, &def.fields));
        }
        items
    }

    /// The builder of a structure with more than [`MAX_TYPED_REQUIRED`] required fields: every
    /// field an `Option`, and `build()` returns the first required one not set as an error. Its
    /// size grows with the fields, not with their square.
    fn checked_builder(&self, def: &StructDef) -> Vec<Item> {
        let (name, builder) = (ident(&def.name), ident(&def.builder));
        let fields: Vec<Ident> = def.fields.iter().map(|f| ident(&f.ident)).collect();
        let storage = def.fields.iter().zip(&fields).map(|(field, this)| {
            let ty = option_type(self.rust_type(&field.ty), true);
            named_field(Vec::new(), this.clone(), ty, false)
        });
        let initial = fields
            .iter()
            .map(|this| field_value(this, template!(Expr { ::core::option::Option::None })));
        let setters = def
            .fields
            .iter()
            .zip(&fields)
            .flat_map(|(field, this)| self.optional_setters(field, this));
        let takes = def.fields.iter().zip(&fields).map(|(field, this)| {
            let value = if field.required {
                fill(
                    template!(Expr { self.__FIELD.ok_or(__ROOT::primitives::MissingField(__WIRE))? }),
                    [
                        ("__FIELD", this.clone().into()),
                        ("__ROOT", self.root()),
                        ("__WIRE", string(&field.wire).into()),
                    ],
                )
            } else {
                fill(
                    template!(Expr { self.__FIELD }),
                    [("__FIELD", this.clone().into())],
                )
            };
            field_value(this, value)
        });
        let required = def.fields.iter().filter(|f| f.required).count();
        let struct_doc = format!(
            "Builds a `{0}`: `{0}::builder()`, a setter per field, then `build()`.\n\n\
             `{0}` has {required} required fields, more than a builder's type tracks ({MAX_TYPED_REQUIRED}): `build()`\n\
             returns [`MissingField`]({1}::primitives::MissingField) naming the first one not set.",
            def.name,
            self.root_text()
        );
        let sensitive = def.fields.iter().any(|f| f.sensitive);
        let mut items = fill(
            template!(syn::File {
                #[__DOCS]
                #[__DERIVE]
                #[must_use = "a builder does nothing until `build()` is called"]
                pub struct __BUILDER {
                    __STORAGE: (),
                }

                impl __ROOT::__NAME {
                    #[doc = __BUILDER_DOC]
                    pub fn builder() -> __BUILDER {
                        __BUILDER { __INITIAL: () }
                    }
                }

                impl __BUILDER {
                    __SETTERS!();

                    #[doc = __BUILD_DOC]
                    pub fn __BUILD(self) -> ::core::result::Result<__ROOT::__NAME, __ROOT::primitives::MissingField> {
                        ::core::result::Result::Ok(__ROOT::__NAME { __TAKES: () })
                    }
                }
            }),
            [
                ("__DOCS", doc_lines(&struct_doc, false).into()),
                (
                    "__DERIVE",
                    vec![derive(Derives::Builder, !sensitive)].into(),
                ),
                ("__BUILDER", builder.clone().into()),
                ("__STORAGE", list(storage).into()),
                ("__ROOT", self.root()),
                ("__NAME", name.into()),
                (
                    "__BUILDER_DOC",
                    string(&format!(
                        " A builder with no field set: see [`{}`].",
                        def.builder
                    ))
                    .into(),
                ),
                ("__INITIAL", list(initial).into()),
                ("__SETTERS", list(setters).into()),
                (
                    "__BUILD_DOC",
                    string(&format!(
                        " The `{}`, or the first required field not set.",
                        def.name
                    ))
                    .into(),
                ),
                ("__BUILD", ident(BUILD_METHOD).into()),
                ("__TAKES", list(takes).into()),
            ],
        )
        .items;
        if sensitive {
            items.push(redacting_debug(
                &def.builder,
                named_type(&builder),
                Vec::new(),
                &def.fields,
            ));
        }
        items
    }

    /// `x(value)` and, for a collection, `push_x(item)`/`insert_x(key, value)`: each returns the
    /// builder with state `index` now `Set`.
    fn required_setters(
        &self,
        def: &StructDef,
        field: &FieldDef,
        states: &[Ident],
        index: usize,
    ) -> Vec<ImplItem> {
        let builder = ident(&def.builder);
        let ty = self.rust_type(&field.ty);
        let this = ident(&field.ident);
        let mut next_states: Vec<Type> = states.iter().map(named_type).collect();
        next_states[index] = fill(
            template!(Type { __ROOT::primitives::Set<__TYPE> }),
            [("__ROOT", self.root()), ("__TYPE", ty.clone().into())],
        );
        let next = type_args_of(next_states);
        let others = list(
            def.fields
                .iter()
                .map(|f| ident(&f.ident))
                .filter(|f| *f != this),
        );
        let rebuild = |value: Expr| {
            let others = others.iter().map(|other| {
                field_value(
                    other,
                    fill(
                        template!(Expr { self.__FIELD }),
                        [("__FIELD", other.clone().into())],
                    ),
                )
            });
            fill(
                template!(Expr { __BUILDER { __THIS: __ROOT::primitives::Set(__VALUE), __OTHERS: () } }),
                [
                    ("__BUILDER", builder.clone().into()),
                    ("__THIS", this.clone().into()),
                    ("__ROOT", self.root()),
                    ("__VALUE", value.into()),
                    ("__OTHERS", list(others).into()),
                ],
            )
        };
        let wire = code(&field.wire);
        let (param, value) = self.setter_value(&field.ty);
        let mut setters = vec![fill(
            template!(ImplItem {
                #[doc = __DOC]
                pub fn __SETTER(self, value: __PARAM) -> __BUILDER<__NEXT> {
                    __BODY
                }
            }),
            [
                ("__DOC", string(&format!(" Sets {wire} (required).")).into()),
                ("__SETTER", ident(&field.setters.value).into()),
                ("__PARAM", param.into()),
                ("__BUILDER", builder.clone().into()),
                ("__NEXT", next.clone().into()),
                ("__BODY", rebuild(value).into()),
            ],
        )];
        if let Some((add, (params, add_call))) =
            field.setters.add.as_ref().zip(self.adder(&field.ty))
        {
            // Not named after the field: a field called `key`, `value` or `item` would shadow the
            // parameter of the same name. Field identifiers never start with two underscores.
            let collection = template!(Expr { __collection });
            setters.push(fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __ADD(self, __INPUTS: ()) -> __BUILDER<__NEXT> where __STATE: __ROOT::primitives::SoFar<__TYPE> {
                        let mut __collection: __TYPE = __ROOT::primitives::SoFar::so_far(self.__THIS);
                        __ADD_CALL;
                        __BODY
                    }
                }),
                [
                    ("__DOC", string(&adder_doc(&field.ty, &wire, " (required)")).into()),
                    ("__ADD", ident(add).into()),
                    ("__INPUTS", Fill::Inputs(params)),
                    ("__BUILDER", builder.clone().into()),
                    ("__NEXT", next.into()),
                    ("__STATE", states[index].clone().into()),
                    ("__ROOT", self.root()),
                    ("__TYPE", ty.into()),
                    ("__THIS", this.clone().into()),
                    ("__ADD_CALL", add_call(collection.clone()).into()),
                    ("__BODY", rebuild(collection).into()),
                ],
            ));
        }
        setters
    }

    /// `x(value)`, `set_x(option)`, `get_x()` and, for a collection, `push_x`/`insert_x`, on a
    /// field stored as an `Option`: an optional one, or any in a [`Self::checked_builder`] (where a
    /// required field has no `set_x` and `get_x`).
    fn optional_setters(&self, field: &FieldDef, this: &Ident) -> Vec<ImplItem> {
        let ty = self.rust_type(&field.ty);
        let wire = code(&field.wire);
        let detail = if field.required { " (required)" } else { "" };
        let (param, value) = self.setter_value(&field.ty);
        let mut setters = vec![fill(
            template!(ImplItem {
                #[doc = __DOC]
                pub fn __SETTER(mut self, value: __PARAM) -> Self {
                    self.__THIS = ::core::option::Option::Some(__VALUE);
                    self
                }
            }),
            [
                ("__DOC", string(&format!(" Sets {wire}{detail}.")).into()),
                ("__SETTER", ident(&field.setters.value).into()),
                ("__PARAM", param.into()),
                ("__THIS", this.clone().into()),
                ("__VALUE", value.into()),
            ],
        )];
        if let Some((set, get)) = &field.setters.option {
            let option = option_type(ty.clone(), true);
            setters.push(fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __SET(mut self, value: __OPTION) -> Self {
                        self.__THIS = value;
                        self
                    }
                }),
                [
                    ("__DOC", string(&format!(" Sets or clears {wire}.")).into()),
                    ("__SET", ident(set).into()),
                    ("__OPTION", option.clone().into()),
                    ("__THIS", this.clone().into()),
                ],
            ));
            setters.push(fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __GET(&self) -> &__OPTION {
                        &self.__THIS
                    }
                }),
                [
                    ("__DOC", string(&format!(" {wire} as set so far.")).into()),
                    ("__GET", ident(get).into()),
                    ("__OPTION", option.into()),
                    ("__THIS", this.clone().into()),
                ],
            ));
        }
        if let Some((add, (params, add_call))) =
            field.setters.add.as_ref().zip(self.adder(&field.ty))
        {
            let collection = fill(
                template!(Expr { self.__THIS.get_or_insert_with(::core::default::Default::default) }),
                [("__THIS", this.clone().into())],
            );
            setters.push(fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __ADD(mut self, __INPUTS: ()) -> Self {
                        __ADD_CALL;
                        self
                    }
                }),
                [
                    ("__DOC", string(&adder_doc(&field.ty, &wire, detail)).into()),
                    ("__ADD", ident(add).into()),
                    ("__INPUTS", Fill::Inputs(params)),
                    ("__ADD_CALL", add_call(collection).into()),
                ],
            ));
        }
        setters
    }

    /// A setter's parameter type and the stored value made from it: `impl Into<T>`, boxed if the
    /// field is (recursion).
    fn setter_value(&self, ty: &RustType) -> (Type, Expr) {
        match ty {
            RustType::Named { name, boxed: true } => (
                into_type(named_path(self, name)),
                template!(Expr { ::std::boxed::Box::new(value.into()) }),
            ),
            ty => (
                into_type(self.rust_type(ty)),
                template!(Expr { value.into() }),
            ),
        }
    }

    /// For a collection: the parameters of its `push_`/`insert_` setter, and the call that adds
    /// them to a collection.
    fn adder(&self, ty: &RustType) -> Option<Adder> {
        let item = |ty: &RustType| {
            fill(
                template!(FnArg { item: __TYPE }),
                [("__TYPE", into_type(self.rust_type(ty)).into())],
            )
        };
        match ty {
            RustType::Vec(element) => Some((vec![item(element)], |collection| {
                fill(
                    template!(Expr { __COLLECTION.push(item.into()) }),
                    [("__COLLECTION", collection.into())],
                )
            })),
            RustType::BTreeSet(element) => Some((vec![item(element)], |collection| {
                fill(
                    template!(Expr { __COLLECTION.insert(item.into()) }),
                    [("__COLLECTION", collection.into())],
                )
            })),
            RustType::BTreeMap(key, value) => {
                let key = fill(
                    template!(FnArg { key: __TYPE }),
                    [("__TYPE", into_type(self.rust_type(key)).into())],
                );
                let value = fill(
                    template!(FnArg { value: __TYPE }),
                    [("__TYPE", into_type(self.rust_type(value)).into())],
                );
                Some((vec![key, value], |collection| {
                    fill(
                        template!(Expr { __COLLECTION.insert(key.into(), value.into()) }),
                        [("__COLLECTION", collection.into())],
                    )
                }))
            }
            _ => None,
        }
    }

    /// A trait per required field of `def`, whose message names the field and its setter; only
    /// `Set` of the field's type implements it. `self` must be at the depth of `required::Foo`.
    fn required_traits(&self, def: &StructDef) -> Vec<Item> {
        let mut items = Vec::new();
        for field in def.fields.iter().filter(|f| f.required) {
            let message = diagnostic_text(&format!(
                "`{}::builder()` is missing the required field {}",
                def.name,
                code(&field.wire)
            ));
            let label = diagnostic_text(&format!(
                "call `.{}(..)` before `.build()`",
                field.setters.value
            ));
            let pair = fill(
                template!(syn::File {
                    #[diagnostic::on_unimplemented(message = __MESSAGE, label = __LABEL, note = "a builder's type records which required fields are set; `build()` needs all of them")]
                    pub trait __NAME: __ROOT::primitives::IsSet<__TYPE> {}
                    impl __NAME for __ROOT::primitives::Set<__TYPE> {}
                }),
                [
                    ("__MESSAGE", string(&message).into()),
                    ("__LABEL", string(&label).into()),
                    ("__NAME", ident(&field.ident).into()),
                    ("__ROOT", self.root()),
                    ("__TYPE", self.rust_type(&field.ty).into()),
                ],
            );
            items.extend(pair.items);
        }
        items
    }

    /// The root as text, for links in generated docs.
    pub fn root_text(&self) -> String {
        match self.root {
            Root::Crate => "crate".to_string(),
            Root::Included(0) => "self".to_string(),
            Root::Included(depth) => vec!["super"; depth].join("::"),
        }
    }

    /// The Rust type of a field or union variant.
    pub fn rust_type(&self, ty: &RustType) -> Type {
        match ty {
            RustType::String => template!(Type { ::std::string::String }),
            RustType::I64 => template!(Type { i64 }),
            RustType::F64 => template!(Type { f64 }),
            RustType::Bool => template!(Type { bool }),
            RustType::Timestamp => fill(
                template!(Type { __ROOT::primitives::Timestamp }),
                [("__ROOT", self.root())],
            ),
            RustType::Blob => fill(
                template!(Type { __ROOT::primitives::Blob }),
                [("__ROOT", self.root())],
            ),
            RustType::Json => template!(Type { ::serde_json::Value }),
            RustType::Vec(item) => fill(
                template!(Type { ::std::vec::Vec<__ITEM> }),
                [("__ITEM", self.rust_type(item).into())],
            ),
            RustType::BTreeSet(item) => fill(
                template!(Type { ::std::collections::BTreeSet<__ITEM> }),
                [("__ITEM", self.rust_type(item).into())],
            ),
            RustType::BTreeMap(key, value) => fill(
                match self.map {
                    MapType::Btree => {
                        template!(Type { ::std::collections::BTreeMap<__KEY, __VALUE> })
                    }
                    MapType::Hash => {
                        template!(Type { ::std::collections::HashMap<__KEY, __VALUE> })
                    }
                    MapType::Index => template!(Type { ::indexmap::IndexMap<__KEY, __VALUE> }),
                },
                [
                    ("__KEY", self.rust_type(key).into()),
                    ("__VALUE", self.rust_type(value).into()),
                ],
            ),
            RustType::Named { name, boxed } => {
                let path = named_path(self, name);
                if *boxed {
                    fill(
                        template!(Type { ::std::boxed::Box<__TYPE> }),
                        [("__TYPE", path.into())],
                    )
                } else {
                    path
                }
            }
        }
    }
}

/// The parameters of a `push_`/`insert_` setter, and what makes the call adding them to the
/// collection it is given.
type Adder = (Vec<FnArg>, fn(Expr) -> Expr);

/// `root::Name`.
fn named_path(items: &Items, name: &str) -> Type {
    fill(
        template!(Type { __ROOT::__NAME }),
        [("__ROOT", items.root()), ("__NAME", ident(name).into())],
    )
}

/// A type named by one identifier: a type parameter, a type of the module being written.
fn named_type(name: &Ident) -> Type {
    fill(
        template!(Type { __NAME }),
        [("__NAME", name.clone().into())],
    )
}

/// `Name<S0, S1, ..>`, or `Name` without parameters.
fn generic_type(name: &Ident, params: &[Ident]) -> Type {
    fill(
        template!(Type { __NAME<__ARGS> }),
        [
            ("__NAME", name.clone().into()),
            ("__ARGS", type_args(params).into()),
        ],
    )
}

fn type_args(params: &[Ident]) -> Vec<GenericArgument> {
    type_args_of(params.iter().map(named_type))
}

fn type_args_of(types: impl IntoIterator<Item = Type>) -> Vec<GenericArgument> {
    list(types.into_iter().map(GenericArgument::Type))
}

/// `Option<T>`: `::std::option::Option` in a structure, `::core::option::Option` in a builder.
fn option_type(ty: Type, core: bool) -> Type {
    let holes = [("__TYPE", ty.into())];
    if core {
        fill(template!(Type { ::core::option::Option<__TYPE> }), holes)
    } else {
        fill(template!(Type { ::std::option::Option<__TYPE> }), holes)
    }
}

/// `impl ::core::convert::Into<T>`.
fn into_type(ty: Type) -> Type {
    fill(
        template!(Type { impl ::core::convert::Into<__TYPE> }),
        [("__TYPE", ty.into())],
    )
}

/// What a generated type derives.
enum Derives {
    /// `Clone, Debug, PartialEq`
    Structure,
    /// `Clone, Debug`
    Builder,
}

/// The `#[derive]` of a structure or builder; without `Debug` if it redacts fields, which its
/// own `Debug` does.
fn derive(derives: Derives, debug: bool) -> Attribute {
    let mut item: syn::ItemStruct = match (derives, debug) {
        (Derives::Structure, true) => {
            template!(syn::ItemStruct { #[derive(Clone, Debug, PartialEq)] struct S; })
        }
        (Derives::Structure, false) => {
            template!(syn::ItemStruct { #[derive(Clone, PartialEq)] struct S; })
        }
        (Derives::Builder, true) => {
            template!(syn::ItemStruct { #[derive(Clone, Debug)] struct S; })
        }
        (Derives::Builder, false) => template!(syn::ItemStruct { #[derive(Clone)] struct S; }),
    };
    item.attrs.remove(0)
}

/// `name: ty` with `docs`, `pub` or private.
fn named_field(docs: Vec<Attribute>, name: Ident, ty: Type, public: bool) -> Field {
    let holes = [
        ("__DOCS", docs.into()),
        ("__NAME", name.into()),
        ("__TYPE", ty.into()),
    ];
    let item: syn::ItemStruct = if public {
        fill(
            template!(syn::ItemStruct { struct S { #[__DOCS] pub __NAME: __TYPE } }),
            holes,
        )
    } else {
        fill(
            template!(syn::ItemStruct { struct S { #[__DOCS] __NAME: __TYPE } }),
            holes,
        )
    };
    match item.fields {
        syn::Fields::Named(fields) => fields.named.into_iter().next(),
        _ => None,
    }
    .expect("the template has one named field")
}

/// `name: value` in a structure expression.
fn field_value(name: &Ident, value: Expr) -> FieldValue {
    fill(
        template!(FieldValue { __NAME: __VALUE }),
        [("__NAME", name.clone().into()), ("__VALUE", value.into())],
    )
}

/// `Debug` for a structure or builder with sensitive fields: their values never reach a log.
/// `generics` are the type's parameters, each of which must be `Debug`.
fn redacting_debug(label: &str, ty: Type, generics: Vec<Ident>, fields: &[FieldDef]) -> Item {
    let mut chain = fill(
        template!(Expr { f.debug_struct(__LABEL) }),
        [("__LABEL", string(label).into())],
    );
    for field in fields {
        let name = string(field.ident.trim_start_matches("r#"));
        chain = if field.sensitive {
            fill(
                template!(Expr { __CHAIN.field(__NAME, &__REDACTED) }),
                [
                    ("__CHAIN", chain.into()),
                    ("__NAME", name.into()),
                    ("__REDACTED", string(REDACTED).into()),
                ],
            )
        } else {
            fill(
                template!(Expr { __CHAIN.field(__NAME, &self.__FIELD) }),
                [
                    ("__CHAIN", chain.into()),
                    ("__NAME", name.into()),
                    ("__FIELD", ident(&field.ident).into()),
                ],
            )
        };
    }
    let params = generics.into_iter().map(|param| {
        fill(
            template!(GenericParam {
                __PARAM: ::std::fmt::Debug
            }),
            [("__PARAM", param.into())],
        )
    });
    fill(
        template!(Item {
            impl<__PARAMS> ::std::fmt::Debug for __TYPE {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    __CHAIN.finish()
                }
            }
        }),
        [
            ("__PARAMS", list(params).into()),
            ("__TYPE", ty.into()),
            ("__CHAIN", chain.into()),
        ],
    )
}

/// `min..=max`, `min..` or `..=max`; `None` when neither side is bounded.
fn bounds(min: Option<Literal>, max: Option<Literal>) -> Option<Expr> {
    let literal = |value: Literal| -> Fill {
        Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit: syn::Lit::new(value),
        })
        .into()
    };
    match (min, max) {
        (None, None) => None,
        (Some(min), Some(max)) => Some(fill(
            template!(Expr { __MIN..=__MAX }),
            [("__MIN", literal(min)), ("__MAX", literal(max))],
        )),
        (None, Some(max)) => Some(fill(
            template!(Expr { ..=__MAX }),
            [("__MAX", literal(max))],
        )),
        (Some(min), None) => Some(fill(template!(Expr { __MIN.. }), [("__MIN", literal(min))])),
    }
}

/// `#[doc]` attributes, one a line (`#![doc]` if `inner`), so that prettyplease writes `///`.
fn doc_lines(text: &str, inner: bool) -> Vec<Attribute> {
    let lines = text_lines(text)
        .into_iter()
        .map(|line| format!(" {line}").trim_end().to_string());
    doc_attrs(lines, inner)
}

/// ` Adds one element to <wire><detail>.`, or one entry for a map.
fn adder_doc(ty: &RustType, wire: &str, detail: &str) -> String {
    let what = if matches!(ty, RustType::BTreeMap(..)) {
        "entry"
    } else {
        "element"
    };
    format!(" Adds one {what} to {wire}{detail}.")
}

/// The lines of model text, split at every line ending: `\r` alone too, which a `///` comment may
/// not contain.
/// Like `str::lines` otherwise.
fn text_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    match text.strip_suffix(['\n', '\r']).unwrap_or(&text) {
        "" if text.is_empty() => Vec::new(),
        text => text.split(['\n', '\r']).map(str::to_owned).collect(),
    }
}

/// Text for `#[diagnostic::on_unimplemented]`, where braces are format parameters.
fn diagnostic_text(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// `#[doc]` attributes: the model's documentation (made safe for rustdoc) above our own summary.
fn docs(model_docs: Option<&str>, summary: &str) -> Vec<Attribute> {
    let mut lines: Vec<String> = Vec::new();
    if let Some(text) = model_docs.filter(|t| !t.trim().is_empty()) {
        lines.extend(prose_lines(text).iter().map(|l| format!(" {l}")));
        lines.push(String::new());
    }
    lines.push(format!(" {summary}"));
    doc_attrs(lines, false)
}

/// `text` as a markdown code span, whatever backticks it contains.
pub fn code(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!(
        "{fence}{pad}{}{pad}{fence}",
        text.replace(['\n', '\r'], " ")
    )
}

/// Model documentation as rustdoc lines that read as prose and nothing else: no line can open a
/// code block (which `cargo test` would run as a doctest), a list or block quote (inside which one
/// could open), or HTML. Leading whitespace goes (no indented code), and a line starting with a
/// fence or list marker has that character escaped; inline markdown (`code`, *emphasis*) stays.
pub(crate) fn prose_lines(text: &str) -> Vec<String> {
    text_lines(text)
        .iter()
        .map(|line| {
            let line = escape_markdown(line.trim());
            // `1.` and `1)` open an ordered list: the punctuation is what gets escaped.
            let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let opens_block = if digits > 0 {
                line[digits..].starts_with(['.', ')'])
            } else {
                line.starts_with(['`', '~', '-', '+', '*'])
            };
            if opens_block {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else {
                line
            }
        })
        .collect()
}

/// Model documentation is prose, not rustdoc: brackets would be read as intra-doc links, angle
/// brackets as HTML, and bare URLs draw a warning. Escape the first two and link the last.
fn escape_markdown(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut out = String::with_capacity(escaped.len());
    for (i, word) in escaped.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.starts_with("http://") || word.starts_with("https://") {
            out.push('<');
            out.push_str(word);
            out.push('>');
        } else {
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_ending_ends_a_doc_line() {
        assert_eq!(text_lines("a\rb\r\nc\n\nd\n"), ["a", "b", "c", "", "d"]);
        assert_eq!(text_lines(""), Vec::<String>::new());
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("Mode"), "`Mode`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }

    /// The blocks and HTML rustdoc would see in `text`'s doc lines (read as rustdoc reads them).
    fn non_prose(text: &str) -> Vec<String> {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let markdown = prose_lines(text).join("\n");
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        Parser::new_ext(&markdown, options)
            .filter_map(|event| match event {
                Event::Start(
                    tag @ (Tag::CodeBlock(_)
                    | Tag::List(_)
                    | Tag::BlockQuote(_)
                    | Tag::HtmlBlock
                    | Tag::FootnoteDefinition(_)),
                ) => Some(format!("{tag:?}")),
                Event::Html(html) | Event::InlineHtml(html) => Some(html.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn model_docs_never_open_a_code_block() {
        let hostile = [
            "Intro.\n```\npanic!(\"ran\");\n```",
            "```rust\nstd::process::exit(1);\n```",
            "~~~\nfn main() {}\n~~~",
            "Text.\n\n    panic!(\"indented\");\n\tpanic!(\"tab\");",
            "- item\n\n      panic!(\"in a list\");\n-     panic!()\n- ```\n  panic!()\n  ```",
            "1. one\n2) ```\n   panic!()\n   ```",
            "> ```\n> panic!()\n> ```\n>     panic!()",
            "+ a\n* b\n  * ```\n    x\n    ```",
            "[^1]: note\n\n        panic!()",
            "<script>alert(1)</script>\n<pre>\npanic!()\n</pre>",
            "a */ b /* c\r```\rpanic!()\r```",
            "   ```\n   x\n   ```",
        ];
        for text in hostile {
            assert_eq!(
                non_prose(text),
                Vec::<String>::new(),
                "{text:?} became {:?}",
                prose_lines(text)
            );
        }
        // What stays: the words, inline code, emphasis.
        assert_eq!(
            prose_lines("  Use `x` *now*.\n- a\n10. b\n```rust"),
            ["Use `x` *now*.", "\\- a", "10\\. b", "\\```rust"]
        );
    }

    #[test]
    fn model_docs_cannot_become_links_html_or_bare_urls() {
        assert_eq!(
            escape_markdown("See [Foo] <b> https://x.y/z now"),
            "See \\[Foo\\] &lt;b&gt; <https://x.y/z> now"
        );
    }
}
