//! Rust items from the [`TypeSpace`], as syn syntax trees filled in from templates (`emit::template`).
//!
//! Every path is fully qualified (`::std::string::String`, `crate::Mode`): a model may well name a
//! shape `Option`, `String` or `Result`, and the generated code must not care. Paths to generated
//! items start at the root ([`Root`]): `crate` in a crate, `self`/`super` in a file brought in with
//! `include!`.
//!
//! By what they generate: `structures` (the type, serde, `Validate`), `enums` (literal enums and
//! unions), `builders` (builders and the required-field traits), and `docs` (doc comments made
//! safe for rustdoc); this module holds `Items` and the helpers they share.

mod builders;
mod docs;
mod enums;
mod structures;

use super::extras::Extras;
use super::plan::{FieldDef, RustType, TypeSpace};
pub use super::template::ident;
use super::template::{fill, string, template, Fill};
use crate::settings::{JsonKeys, MapType};
use proc_macro2::{Ident, Literal};
use syn::{Attribute, Expr, Field, FieldValue, GenericArgument, GenericParam, Item, Type};

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
    /// Whose JSON keys serde reads and writes.
    pub json_keys: JsonKeys,
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
    /// `Clone, Debug, PartialEq`, and `Default` if every field is optional
    Structure { default: bool },
    /// `Clone, Debug`
    Builder,
}

/// The `#[derive]` of a structure or builder; without `Debug` if it redacts fields, which its
/// own `Debug` does.
fn derive(derives: Derives, debug: bool) -> Attribute {
    let mut item: syn::ItemStruct = match (derives, debug) {
        (Derives::Structure { default: false }, true) => {
            template!(syn::ItemStruct { #[derive(Clone, Debug, PartialEq)] struct S; })
        }
        (Derives::Structure { default: false }, false) => {
            template!(syn::ItemStruct { #[derive(Clone, PartialEq)] struct S; })
        }
        (Derives::Structure { default: true }, true) => {
            template!(syn::ItemStruct { #[derive(Clone, Debug, Default, PartialEq)] struct S; })
        }
        (Derives::Structure { default: true }, false) => {
            template!(syn::ItemStruct { #[derive(Clone, Default, PartialEq)] struct S; })
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
