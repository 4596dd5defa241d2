//! Builders, and the traits that name a required field `build` was called without.

use super::docs::{adder_doc, code, diagnostic_text, doc_lines};
use super::{
    derive, field_value, generic_type, into_type, list, named_field, named_path, named_type,
    option_type, redacting_debug, type_args, type_args_of, Derives, Items,
};
use crate::emit::plan::{FieldDef, RustType, StructDef, BUILD_METHOD, MAX_TYPED_REQUIRED};
use crate::emit::template::{fill, ident, string, template, Fill};
use proc_macro2::Ident;
use std::fmt::Write as _;
use syn::{Attribute, Expr, FnArg, GenericParam, ImplItem, Item, Type, WherePredicate};

/// The parameters of a `push_`/`insert_` setter, and what makes the call adding them to the
/// collection it is given.
type Adder = (Vec<FnArg>, fn(Expr) -> Expr);

impl<'a> Items<'a> {
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
}
