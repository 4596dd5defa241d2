//! Builders, and the traits that name a required field `build` was called without.

use super::docs::{adder_doc, code, diagnostic_text, doc_lines};
use super::{
    derive, field_value, generic_type, into_type, list, named_field, named_path, named_type,
    option_type, redacting_debug, type_args, type_args_of, Derives, Items,
};
use crate::emit::plan::{
    FieldDef, RustType, StructDef, BUILD_METHOD, MAX_TYPED_REQUIRED, TRY_BUILD_METHOD,
};
use crate::emit::template::{fill, ident, string, template, Fill};
use proc_macro2::Ident;
use std::fmt::Write as _;
use syn::{Attribute, Expr, FnArg, GenericParam, ImplItem, Item, Stmt, Type, WherePredicate};

/// The parameters of a `push_`/`insert_` setter, and what makes the call adding them to the
/// collection it is given.
type Adder = (Vec<FnArg>, fn(Expr) -> Expr);

impl<'a> Items<'a> {
    /// The `builders` module's contents, a piece at a time: its inner attributes, every
    /// structure's builder, and the traits that name the missing field when `build` is called
    /// too early. `self` must be at the module's depth.
    pub fn builders_module(self) -> (Vec<Attribute>, impl Iterator<Item = Vec<Item>> + 'a) {
        let mut summary = format!(
            "Builders: `Foo::builder()` gives a `FooBuilder` with a setter per field.\n\
             \n\
             - `build()` compiles once every required field is set, and returns the `Foo`:\n\
             \x20 `Foo::builder().name(\"x\").build()`.\n\
             - `set_x(option)` sets any field from an `Option`, so both branches of an `if` have one\n\
             \x20 type: `Foo::builder().set_name(maybe_name)`. A required field set so is checked when\n\
             \x20 the program runs, by `try_build()`, which every builder has and which returns a\n\
             \x20 [`BuildError`]({0}::primitives::BuildError) naming every required field missing:\n\
             \x20 `Foo::builder().set_name(maybe_name).try_build()?`.\n\
             \n\
             The field states are in [`primitives`]({0}::primitives).",
            self.root_text()
        );
        if !self.space.structs.iter().all(StructDef::typed_builder) {
            let _ = write!(
                summary,
                "\n\nA structure with more than {MAX_TYPED_REQUIRED} required fields has a builder whose `build()`\n\
                 checks them when it runs, as `try_build()` does."
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
                    // `do_not_recommend` (Rust 1.85) keeps the error short; older compilers ignore it.
                    #[allow(non_snake_case, non_camel_case_types, unknown_or_malformed_diagnostic_attributes)]
                    pub mod required {
                        __MODULES!();
                    }
                }),
                [("__MODULES", list(modules).into())],
            )]
        });
        (header.attrs, builders.chain(required))
    }

    /// A structure's builder. Up to [`MAX_TYPED_REQUIRED`] required fields, each has a type
    /// parameter for its state, and `build()` compiles only once all are `Set`; past that (its
    /// code would grow with their square), every field is an `Option` and `build()` returns the
    /// fields missing as an error. Either way `set_x(option)` and `try_build()` check at run time.
    fn builder(&self, def: &StructDef) -> Vec<Item> {
        let typed = def.typed_builder();
        // Whether a field's state is a type parameter; otherwise it is stored as an `Option`.
        let tracked = |field: &FieldDef| typed && field.required;
        let (name, builder) = (ident(&def.name), ident(&def.builder));
        let fields: Vec<Ident> = def.fields.iter().map(|f| ident(&f.ident)).collect();
        // `S0, S1, ...`: the state of each tracked field, in field order.
        let states: Vec<Ident> = (0..def.fields.iter().filter(|f| tracked(f)).count())
            .map(|index| ident(&format!("S{index}")))
            .collect();
        let mut state_types = states.iter();
        let storage = def.fields.iter().zip(&fields).map(|(field, this)| {
            let ty = match tracked(field).then(|| state_types.next()).flatten() {
                Some(state) => named_type(state),
                None => option_type(self.rust_type(&field.ty), true),
            };
            named_field(Vec::new(), this.clone(), ty, false)
        });
        let initial = def.fields.iter().zip(&fields).map(|(field, this)| {
            let value = if tracked(field) {
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
            if tracked(field) {
                state_index += 1;
                self.required_setters(def, field, &states, state_index - 1)
            } else {
                self.optional_setters(field, this)
            }
        });
        let mut setters = list(setters);
        setters.extend(self.try_build(def, typed, &states));
        let required: Vec<String> = def
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| code(&f.wire))
            .collect();
        let mut struct_doc = format!(
            "Builds a `{0}`: `{0}::builder()`, a setter per field, then `build()`.",
            def.name
        );
        let example = def.fields.iter().find(|f| f.required).map(|field| {
            format!(
                "`{}::builder().{}(option).try_build()?`",
                def.name, field.setters.option.0
            )
        });
        if typed {
            setters.push(self.typed_build(def, &states, &required));
            if let Some(example) = example {
                let _ = write!(
                    struct_doc,
                    "\n\nThe type parameters are the states of the required fields {}, in that order:\n\
                     `Unset`, `Set` once the field's setter is called, `Maybe` once `set_x(option)` is.\n\
                     `build()` compiles when all are `Set`; `try_build()` takes any state and returns the\n\
                     fields missing as a [`BuildError`]({}::primitives::BuildError): {example}.",
                    required.join(", "),
                    self.root_text()
                );
            }
        } else {
            setters.push(self.checked_build(def));
            let _ = write!(
                struct_doc,
                "\n\n`{}` has {} required fields, more than a builder's type tracks ({MAX_TYPED_REQUIRED}): `build()`\n\
                 checks them when it runs, as `try_build()` does, and returns the fields missing as a\n\
                 [`BuildError`]({}::primitives::BuildError).",
                def.name,
                required.len(),
                self.root_text()
            );
        }
        let defaults = states.iter().map(|state| {
            fill(
                template!(GenericParam { __STATE = __ROOT::primitives::Unset }),
                [("__STATE", state.clone().into()), ("__ROOT", self.root())],
            )
        });
        let params = list(states.iter().map(|state| {
            fill(
                template!(GenericParam { __STATE }),
                [("__STATE", state.clone().into())],
            )
        }));
        let sensitive = def.fields.iter().any(|f| f.sensitive);
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
                ("__PARAMS", params.into()),
                ("__ARGS", type_args(&states).into()),
                ("__SETTERS", setters.into()),
            ],
        )
        .items;
        if sensitive {
            let ty = generic_type(&builder, &states);
            items.push(redacting_debug(&def.builder, ty, states, &def.fields));
        }
        items
    }

    /// `build()` of a builder that tracks its required fields: compiles only once each state is
    /// `Set`, through the field's trait in `required` (whose message names it).
    fn typed_build(&self, def: &StructDef, states: &[Ident], required: &[String]) -> ImplItem {
        let name = ident(&def.name);
        let bounds: Vec<WherePredicate> = def
            .fields
            .iter()
            .filter(|f| f.required)
            .zip(states)
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
            })
            .collect();
        let takes = def.fields.iter().map(|field| {
            let this = ident(&field.ident);
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
            field_value(&this, value)
        });
        let doc = if required.is_empty() {
            format!(" The `{}`.", def.name)
        } else {
            format!(
                " The `{}`; compiles only once the required fields are set: {}.",
                def.name,
                required.join(", ")
            )
        };
        fill(
            template!(ImplItem {
                #[doc = __DOC]
                pub fn __BUILD(self) -> __ROOT::__NAME where __BOUNDS: Sized {
                    __ROOT::__NAME { __TAKES: () }
                }
            }),
            [
                ("__DOC", string(&doc).into()),
                ("__BUILD", ident(BUILD_METHOD).into()),
                ("__ROOT", self.root()),
                ("__NAME", name.into()),
                ("__BOUNDS", bounds.into()),
                ("__TAKES", list(takes).into()),
            ],
        )
    }

    /// `build()` of a builder with too many required fields to track: `try_build()` by its old
    /// name.
    fn checked_build(&self, def: &StructDef) -> ImplItem {
        fill(
            template!(ImplItem {
                #[doc = __DOC]
                pub fn __BUILD(self) -> ::core::result::Result<__ROOT::__NAME, __ROOT::primitives::BuildError> {
                    self.__TRY_BUILD()
                }
            }),
            [
                (
                    "__DOC",
                    string(&format!(
                        " The `{}`, or every required field not set: as `{TRY_BUILD_METHOD}()`.",
                        def.name
                    ))
                    .into(),
                ),
                ("__BUILD", ident(BUILD_METHOD).into()),
                ("__ROOT", self.root()),
                ("__NAME", ident(&def.name).into()),
                ("__TRY_BUILD", ident(TRY_BUILD_METHOD).into()),
            ],
        )
    }

    /// `try_build()`, in every state: the structure, or a `BuildError` naming every required
    /// field without a value. `typed`: the required fields are the type parameters `states`,
    /// else `Option`s.
    fn try_build(&self, def: &StructDef, typed: bool, states: &[Ident]) -> Vec<ImplItem> {
        let name = ident(&def.name);
        let mut state_types = states.iter();
        let mut bounds = Vec::new();
        let (mut requires, mut unwraps) = (Vec::new(), Vec::new());
        for field in def.fields.iter().filter(|f| f.required) {
            let this = ident(&field.ident);
            let value = match typed.then(|| state_types.next()).flatten() {
                Some(state) => {
                    bounds.push(self.field_state_bound(state, &field.ty));
                    fill(
                        template!(Expr { __ROOT::primitives::FieldState::into_option(self.__FIELD) }),
                        [("__ROOT", self.root()), ("__FIELD", this.clone().into())],
                    )
                }
                None => fill(
                    template!(Expr { self.__FIELD }),
                    [("__FIELD", this.clone().into())],
                ),
            };
            // Every field is looked at before the first one missing returns, so that the error
            // lists them all. Locals are the fields' names: none starts with two underscores.
            requires.push(fill(
                template!(Stmt { let __FIELD = __error.require(__VALUE, __WIRE); }),
                [
                    ("__FIELD", this.clone().into()),
                    ("__VALUE", value.into()),
                    ("__WIRE", string(&field.wire).into()),
                ],
            ));
            unwraps.push(fill(
                template!(Stmt {
                    let ::core::option::Option::Some(__FIELD) = __FIELD else {
                        return ::core::result::Result::Err(__error);
                    };
                }),
                [("__FIELD", this.into())],
            ));
        }
        let takes = def.fields.iter().map(|field| {
            let this = ident(&field.ident);
            if field.required {
                // The local of the same name: `field`, not `field: field`.
                syn::FieldValue {
                    attrs: Vec::new(),
                    member: syn::Member::Named(this.clone()),
                    colon_token: None,
                    expr: fill(template!(Expr { __FIELD }), [("__FIELD", this.into())]),
                }
            } else {
                let value = fill(
                    template!(Expr { self.__FIELD }),
                    [("__FIELD", this.clone().into())],
                );
                field_value(&this, value)
            }
        });
        let doc = if requires.is_empty() {
            format!(
                "The `{}`: it has no required field, so never an error.",
                def.name
            )
        } else {
            format!(
                "The `{}`, or a `BuildError` naming every required field not set, whatever\n\
                 the fields' states.",
                def.name
            )
        };
        let holes = [
            ("__DOC", doc_lines(&doc, false).into()),
            ("__TRY_BUILD", ident(TRY_BUILD_METHOD).into()),
            ("__ROOT", self.root()),
            ("__NAME", name.into()),
            ("__BOUNDS", bounds.into()),
            ("__TAKES", list(takes).into()),
        ];
        if requires.is_empty() {
            return vec![fill(
                template!(ImplItem {
                    #[__DOC]
                    pub fn __TRY_BUILD(self) -> ::core::result::Result<__ROOT::__NAME, __ROOT::primitives::BuildError> where __BOUNDS: Sized {
                        ::core::result::Result::Ok(__ROOT::__NAME { __TAKES: () })
                    }
                }),
                holes,
            )];
        }
        let [doc, try_build, root, name, bounds, takes] = holes;
        vec![fill(
            template!(ImplItem {
                #[__DOC]
                pub fn __TRY_BUILD(self) -> ::core::result::Result<__ROOT::__NAME, __ROOT::primitives::BuildError> where __BOUNDS: Sized {
                    let mut __error = __ROOT::primitives::BuildError::new(__LABEL);
                    __REQUIRES!();
                    __UNWRAPS!();
                    ::core::result::Result::Ok(__ROOT::__NAME { __TAKES: () })
                }
            }),
            [
                doc,
                try_build,
                root,
                name,
                bounds,
                takes,
                ("__LABEL", string(&def.name).into()),
                ("__REQUIRES", requires.into()),
                ("__UNWRAPS", unwraps.into()),
            ],
        )]
    }

    /// `state: FieldState<T>`: a required field's state, whatever it is, can be read.
    fn field_state_bound(&self, state: &Ident, ty: &RustType) -> WherePredicate {
        fill(
            template!(WherePredicate {
                __STATE: __ROOT::primitives::FieldState<__TYPE>
            }),
            [
                ("__STATE", state.clone().into()),
                ("__ROOT", self.root()),
                ("__TYPE", self.rust_type(ty).into()),
            ],
        )
    }

    /// The setters of a field whose state is type parameter `index`: `x(value)` and, for a
    /// collection, `push_x(item)`/`insert_x(key, value)` make it `Set`; `set_x(option)` makes it
    /// `Maybe`; `get_x()` reads it in any state. Each changes the state through one private
    /// `__with_x`, the only code that moves every other field into the new builder.
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
        // Field identifiers never start with two underscores, so neither does any setter.
        let with = ident(&format!("__with_{}", field.ident.trim_start_matches("r#")));
        let next = |state: Type| {
            let mut next_states: Vec<Type> = states.iter().map(named_type).collect();
            next_states[index] = state;
            type_args_of(next_states)
        };
        let state_type = |template: Type| {
            fill(
                template,
                [("__ROOT", self.root()), ("__TYPE", ty.clone().into())],
            )
        };
        let set = next(state_type(
            template!(Type { __ROOT::primitives::Set<__TYPE> }),
        ));
        let maybe = next(state_type(
            template!(Type { __ROOT::primitives::Maybe<__TYPE> }),
        ));
        let others = def
            .fields
            .iter()
            .map(|f| ident(&f.ident))
            .filter(|f| *f != this)
            .map(|other| {
                let value = fill(
                    template!(Expr { self.__FIELD }),
                    [("__FIELD", other.clone().into())],
                );
                field_value(&other, value)
            });
        let bound = || vec![self.field_state_bound(&states[index], &field.ty)];
        let wire = code(&field.wire);
        let (param, value) = self.setter_value(&field.ty);
        let (set_option, get) = &field.setters.option;
        let mut setters = vec![
            fill(
                template!(ImplItem {
                    fn __WITH<N>(self, state: impl ::core::ops::FnOnce(__STATE) -> N) -> __BUILDER<__NEXT> {
                        __BUILDER { __THIS: state(self.__THIS), __OTHERS: () }
                    }
                }),
                [
                    ("__WITH", with.clone().into()),
                    ("__STATE", named_type(&states[index]).into()),
                    ("__BUILDER", builder.clone().into()),
                    ("__NEXT", next(template!(Type { N })).into()),
                    ("__THIS", this.clone().into()),
                    ("__OTHERS", list(others).into()),
                ],
            ),
            fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __SETTER(self, value: __PARAM) -> __BUILDER<__NEXT> {
                        self.__WITH(|_| __ROOT::primitives::Set(__VALUE))
                    }
                }),
                [
                    ("__DOC", string(&format!(" Sets {wire} (required).")).into()),
                    ("__SETTER", ident(&field.setters.value).into()),
                    ("__PARAM", param.into()),
                    ("__BUILDER", builder.clone().into()),
                    ("__NEXT", set.clone().into()),
                    ("__WITH", with.clone().into()),
                    ("__ROOT", self.root()),
                    ("__VALUE", value.into()),
                ],
            ),
            fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __SET(self, value: __OPTION) -> __BUILDER<__NEXT> {
                        self.__WITH(|_| __ROOT::primitives::Maybe(value))
                    }
                }),
                [
                    (
                        "__DOC",
                        string(&format!(
                            " Sets or clears {wire} (required): only `{TRY_BUILD_METHOD}()` accepts the result."
                        ))
                        .into(),
                    ),
                    ("__SET", ident(set_option).into()),
                    ("__OPTION", option_type(ty.clone(), true).into()),
                    ("__BUILDER", builder.clone().into()),
                    ("__NEXT", maybe.into()),
                    ("__WITH", with.clone().into()),
                    ("__ROOT", self.root()),
                ],
            ),
            fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __GET(&self) -> ::core::option::Option<&__TYPE> where __BOUND: Sized {
                        __ROOT::primitives::FieldState::get(&self.__THIS)
                    }
                }),
                [
                    ("__DOC", string(&format!(" {wire} as set so far.")).into()),
                    ("__GET", ident(get).into()),
                    ("__TYPE", ty.clone().into()),
                    ("__BOUND", bound().into()),
                    ("__ROOT", self.root()),
                    ("__THIS", this.clone().into()),
                ],
            ),
        ];
        if let Some((add, (params, add_call))) =
            field.setters.add.as_ref().zip(self.adder(&field.ty))
        {
            // Not named after the field: a field called `key`, `value` or `item` would shadow the
            // parameter of the same name.
            let collection = template!(Expr { __collection });
            setters.push(fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __ADD(self, __INPUTS: ()) -> __BUILDER<__NEXT> where __BOUND: Sized {
                        self.__WITH(|state| {
                            let mut __collection: __TYPE = __ROOT::primitives::FieldState::into_option(state).unwrap_or_default();
                            __ADD_CALL;
                            __ROOT::primitives::Set(__collection)
                        })
                    }
                }),
                [
                    ("__DOC", string(&adder_doc(&field.ty, &wire, " (required)")).into()),
                    ("__ADD", ident(add).into()),
                    ("__INPUTS", Fill::Inputs(params)),
                    ("__BUILDER", builder.into()),
                    ("__NEXT", set.into()),
                    ("__BOUND", bound().into()),
                    ("__WITH", with.into()),
                    ("__ROOT", self.root()),
                    ("__TYPE", ty.into()),
                    ("__ADD_CALL", add_call(collection).into()),
                ],
            ));
        }
        setters
    }

    /// `x(value)`, `set_x(option)`, `get_x()` and, for a collection, `push_x`/`insert_x`, on a
    /// field stored as an `Option`: an optional one, or any in a builder with too many required
    /// fields to track. `get_x()` gives an optional field's `&Option`, a required one's value if
    /// set, as the typed builder's does.
    fn optional_setters(&self, field: &FieldDef, this: &Ident) -> Vec<ImplItem> {
        let ty = self.rust_type(&field.ty);
        let wire = code(&field.wire);
        let detail = if field.required { " (required)" } else { "" };
        let (param, value) = self.setter_value(&field.ty);
        let (set, get) = &field.setters.option;
        let option = option_type(ty.clone(), true);
        let mut setters = vec![
            fill(
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
            ),
            fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __SET(mut self, value: __OPTION) -> Self {
                        self.__THIS = value;
                        self
                    }
                }),
                [
                    (
                        "__DOC",
                        string(&format!(" Sets or clears {wire}{detail}.")).into(),
                    ),
                    ("__SET", ident(set).into()),
                    ("__OPTION", option.clone().into()),
                    ("__THIS", this.clone().into()),
                ],
            ),
        ];
        let holes = [
            ("__DOC", string(&format!(" {wire} as set so far.")).into()),
            ("__GET", ident(get).into()),
            ("__THIS", this.clone().into()),
        ];
        setters.push(if field.required {
            let [doc, get, this] = holes;
            fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __GET(&self) -> ::core::option::Option<&__TYPE> {
                        self.__THIS.as_ref()
                    }
                }),
                [doc, get, this, ("__TYPE", ty.into())],
            )
        } else {
            let [doc, get, this] = holes;
            fill(
                template!(ImplItem {
                    #[doc = __DOC]
                    pub fn __GET(&self) -> &__OPTION {
                        &self.__THIS
                    }
                }),
                [doc, get, this, ("__OPTION", option.into())],
            )
        });
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
                "missing required field {}: call `.{}(..)` before `.build()`",
                code(&field.wire),
                field.setters.value
            ));
            let label = diagnostic_text(&format!("`{}` needs it", def.name));
            let note = diagnostic_text(&format!(
                "set from an `Option` (`.{}(..)`), it is checked by `.try_build()`",
                field.setters.option.0
            ));
            // The one impl is not shown as a hint: the message says what to call.
            let pair = fill(
                template!(syn::File {
                    #[diagnostic::on_unimplemented(message = __MESSAGE, label = __LABEL, note = __NOTE)]
                    pub trait __NAME: __ROOT::primitives::IsSet<__TYPE> {}
                    #[diagnostic::do_not_recommend]
                    impl __NAME for __ROOT::primitives::Set<__TYPE> {}
                }),
                [
                    ("__MESSAGE", string(&message).into()),
                    ("__LABEL", string(&label).into()),
                    ("__NOTE", string(&note).into()),
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
