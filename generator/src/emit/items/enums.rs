//! Literal enums and unions, with their serde and `Validate`.

use super::docs::{code, docs};
use super::{list, Items};
use crate::emit::plan::{EnumDef, EnumOrigin, UnionDef, UNKNOWN_VARIANT};
use crate::emit::template::{doc_attrs, fill, ident, string, template};
use proc_macro2::Ident;
use syn::{Arm, Expr, Item, Stmt, Variant};

impl<'a> Items<'a> {
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

                impl ::std::convert::AsRef<str> for __NAME {
                    fn as_ref(&self) -> &str {
                        self.as_str()
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
}
