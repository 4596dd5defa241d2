//! Rust items from the [`TypeSpace`], written with `quote`.
//!
//! Every path is fully qualified (`::std::string::String`, `crate::Mode`): a model may well name a
//! shape `Option`, `String` or `Result`, and the generated code must not care. Paths to generated
//! items start at [`Items::root`]: `crate` in a crate, `self`/`super` in a file brought in with
//! `include!`.

use super::plan::{
    EnumDef, EnumOrigin, FieldDef, RustType, StructDef, TypeSpace, UnionDef, BUILD_METHOD,
    UNKNOWN_VARIANT,
};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use std::fmt::Write as _;

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
pub struct Items<'a> {
    pub service: &'a str,
    pub space: &'a TypeSpace,
    pub root: Root,
    /// Whether structures get `from_json_str`, behind the crate's `json` feature.
    pub json_entry: bool,
}

impl<'a> Items<'a> {
    /// The path of the generated items as seen from here.
    pub fn root(&self) -> TokenStream {
        self.root_text()
            .parse()
            .expect("`crate`, `self` and `super` lex")
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

    pub fn structure(&self, def: &StructDef) -> TokenStream {
        let service = self.service;
        let root = self.root();
        let name = ident(&def.name);
        let docs = docs(
            def.docs.as_deref(),
            &format!(
                "The {} structure of the `{service}` API.",
                code(&def.source)
            ),
        );
        let fields = def.fields.iter().map(|f| self.field(f));
        let derive_debug = def.fields.iter().all(|f| !f.sensitive);
        let debug_impl =
            (!derive_debug).then(|| redacting_debug(&def.name, quote!(#name), &[], &def.fields));
        let debug = derive_debug.then(|| quote!(Debug,));
        let checks = def.fields.iter().map(|f| self.field_checks(f));
        let validate = self.validate_impl(&name, quote!(#(#checks)*));
        let from_json = self.json_entry.then(|| {
            let doc = doc_lines(
                &format!(
                    "Reads a JSON document and [validates]({0}::primitives::Validate::validate) it;\n\
                     an error says where: see [`JsonError`]({0}::primitives::JsonError).",
                    self.root_text()
                ),
                false,
            );
            quote! {
                #[cfg(feature = "json")]
                impl #name {
                    #doc
                    // Each call instantiates the whole deserializer for this type: `inline` leaves
                    // that to the crates that call it instead of compiling it for every structure.
                    #[inline]
                    pub fn from_json_str(text: &str) -> ::core::result::Result<Self, #root::primitives::JsonError> {
                        #root::primitives::from_json_str(text)
                    }
                }
            }
        });
        let serde = self.structure_serde(def);
        quote! {
            #docs
            #[derive(Clone, #debug PartialEq)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
            }
            #serde
            #debug_impl
            #validate
            #from_json
        }
    }

    /// `Serialize` and `Deserialize` on the shared helpers of `primitives`: what `#[derive]`
    /// would do for a map, in a fraction of the code for the compiler to check.
    fn structure_serde(&self, def: &StructDef) -> TokenStream {
        let root = self.root();
        let primitives = quote!(#root::primitives);
        let (name, label) = (ident(&def.name), def.name.as_str());
        let fields: Vec<Ident> = def.fields.iter().map(|f| ident(&f.ident)).collect();
        // Locals named after the fields, prefixed so that none can be `map` or `key`.
        let slots: Vec<Ident> = def
            .fields
            .iter()
            .map(|f| format_ident!("f_{}", f.ident.trim_start_matches("r#")))
            .collect();
        let wires = def.fields.iter().map(|f| &f.wire);
        let required = Literal::usize_unsuffixed(def.fields.iter().filter(|f| f.required).count());
        let present = def
            .fields
            .iter()
            .zip(&fields)
            .filter(|(f, _)| !f.required)
            .map(|(_, field)| quote!(self.#field.is_some()));
        let writes = def.fields.iter().zip(&fields).map(|(f, field)| {
            let (wire, method) = (
                &f.wire,
                ident(if f.required { "required" } else { "optional" }),
            );
            quote!(fields.#method(#wire, &self.#field)?;)
        });
        let indices = (0..def.fields.len()).map(Literal::usize_unsuffixed);
        let values = def
            .fields
            .iter()
            .zip(&slots)
            .enumerate()
            .map(|(index, (f, slot))| {
                if f.required {
                    let index = Literal::usize_unsuffixed(index);
                    quote!(map.required(#slot, #index)?)
                } else {
                    quote!(#slot.flatten())
                }
            });
        // A structure without fields reads and writes an empty map; the general bodies would
        // leave an unused `mut` and a `match` with only the fallback arm.
        let (serialize, read) = if def.fields.is_empty() {
            (
                quote!(#primitives::serialize_struct(serializer, #label, 0, &[])?.end()),
                quote! {
                    while map.next_key()?.is_some() {
                        map.skip()?;
                    }
                    ::std::result::Result::Ok(Self {})
                },
            )
        } else {
            (
                quote! {
                    let mut fields = #primitives::serialize_struct(serializer, #label, #required, &[#(#present),*])?;
                    #(#writes)*
                    fields.end()
                },
                quote! {
                    #(let mut #slots = ::std::option::Option::None;)*
                    while let ::std::option::Option::Some(key) = map.next_key()? {
                        match key {
                            #(#indices => map.read(&mut #slots)?,)*
                            _ => map.skip()?,
                        }
                    }
                    ::std::result::Result::Ok(Self { #(#fields: #values,)* })
                },
            )
        };
        quote! {
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #serialize
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #primitives::deserialize_struct(deserializer)
                }
            }

            impl #primitives::ReadStruct for #name {
                const NAME: &'static str = #label;
                const FIELDS: &'static [&'static str] = &[#(#wires),*];
                fn read<'de, A: ::serde::de::MapAccess<'de>>(mut map: #primitives::StructMap<A>) -> ::std::result::Result<Self, A::Error> {
                    #read
                }
            }
        }
    }

    /// `impl Validate`: `body` adds the violations of `self` at `path` to `errors`; an empty body
    /// keeps the trait's, which finds none.
    fn validate_impl(&self, name: &Ident, body: TokenStream) -> TokenStream {
        let root = self.root();
        if body.is_empty() {
            return quote!(impl #root::primitives::Validate for #name {});
        }
        quote! {
            impl #root::primitives::Validate for #name {
                fn validate_at(&self, path: &#root::primitives::FieldPath<'_>, errors: &mut #root::primitives::ValidationErrors) {
                    #body
                }
            }
        }
    }

    /// One line per constraint of the field, and one that walks into it if it can hold anything
    /// to check.
    fn field_checks(&self, def: &FieldDef) -> TokenStream {
        let root = self.root();
        let (field, wire) = (ident(&def.ident), &def.wire);
        let at = quote!(&path.field(#wire));
        let mut checks = TokenStream::new();
        let constraints = &def.constraints;
        let length = constraints.length.and_then(|b| {
            bounds(
                b.min.map(Literal::u64_unsuffixed),
                b.max.map(Literal::u64_unsuffixed),
            )
        });
        if let Some(bounds) = length {
            checks.extend(quote!(errors.length(#at, &self.#field, #bounds);));
        }
        let range = constraints.range.and_then(|b| {
            bounds(
                b.min.map(Literal::f64_unsuffixed),
                b.max.map(Literal::f64_unsuffixed),
            )
        });
        if let Some(bounds) = range {
            checks.extend(quote!(errors.range(#at, &self.#field, #bounds);));
        }
        if let Some(pattern) = &constraints.pattern {
            checks.extend(quote!(errors.pattern(#at, &self.#field, #pattern);));
        }
        if self.space.is_checked(&def.ty) {
            checks.extend(
                quote!(#root::primitives::Validate::validate_at(&self.#field, #at, errors);),
            );
        }
        checks
    }

    fn field(&self, def: &FieldDef) -> TokenStream {
        let name = ident(&def.ident);
        let wire = &def.wire;
        let ty = self.type_tokens(&def.ty);
        let presence = if def.required { "Required" } else { "Optional" };
        let docs = docs(
            def.docs.as_deref(),
            &format!("{presence}; {} on the wire.", code(wire)),
        );
        if def.required {
            quote!(#docs pub #name: #ty,)
        } else {
            quote!(#docs pub #name: ::std::option::Option<#ty>,)
        }
    }

    pub fn literal_enum(&self, def: &EnumDef) -> TokenStream {
        let (service, root) = (self.service, self.root());
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
        let docs = docs(def.docs.as_deref(), &summary);
        let unknown = ident(UNKNOWN_VARIANT);
        let variants: Vec<Ident> = def.variants.iter().map(|(v, _)| ident(v)).collect();
        let values: Vec<&String> = def.variants.iter().map(|(_, value)| value).collect();
        let variant_docs = values.iter().map(|v| format!(" {}", code(v)));
        let validate = self.validate_impl(
            &name,
            quote! {
                if let Self::#unknown(value) = self {
                    errors.unknown(path, value.as_str(), Self::VALUES);
                }
            },
        );
        quote! {
            #docs
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #name {
                #( #[doc = #variant_docs] #variants, )*
                /// A value this version of the crate does not know: fine to receive, wrong to send.
                #unknown(#root::primitives::UnknownValue),
            }

            impl #name {
                /// Every value the model lists, in its order.
                pub const VALUES: &'static [&'static str] = &[#(#values),*];

                /// The value as it is written on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #( Self::#variants => #values, )*
                        Self::#unknown(value) => value.as_str(),
                    }
                }
            }

            impl ::std::convert::From<&str> for #name {
                fn from(value: &str) -> Self {
                    match value {
                        #( #values => Self::#variants, )*
                        other => Self::#unknown(#root::primitives::UnknownValue::new(other)),
                    }
                }
            }

            impl ::std::str::FromStr for #name {
                type Err = ::std::convert::Infallible;
                // Not `Self::Err`: a variant named `Err` would make that ambiguous.
                fn from_str(value: &str) -> ::std::result::Result<Self, ::std::convert::Infallible> {
                    ::std::result::Result::Ok(Self::from(value))
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #root::primitives::deserialize_enum(deserializer)
                }
            }

            #validate
        }
    }

    pub fn union(&self, def: &UnionDef) -> TokenStream {
        let name = ident(&def.name);
        let summary = format!(
            "One of the types field {} of {} may hold; reading tries the variants in order.",
            code(&def.field),
            code(&def.shape)
        );
        let docs = docs(None, &summary);
        let variants = def.variants.iter().map(|(variant, ty)| {
            let variant = ident(variant);
            match ty {
                Some(ty) => {
                    let ty = self.type_tokens(ty);
                    quote!(#variant(#ty),)
                }
                None => quote!(#variant,),
            }
        });
        let root = self.root();
        // Every variant listed, so that no wildcard hides one added later.
        let arms = def.variants.iter().map(|(variant, ty)| {
            let variant = ident(variant);
            match ty {
                Some(ty) if self.space.is_checked(ty) => quote! {
                    Self::#variant(value) => #root::primitives::Validate::validate_at(value, path, errors),
                },
                Some(_) => quote!(Self::#variant(_) => {}),
                None => quote!(Self::#variant => {}),
            }
        });
        let checked = self.space.checked.contains(&def.name);
        let validate = self.validate_impl(
            &name,
            if checked {
                quote!(match self { #(#arms)* })
            } else {
                TokenStream::new()
            },
        );
        quote! {
            #docs
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }
            #validate
        }
    }

    /// The `builders` module's contents, a piece at a time: its inner attributes, every
    /// structure's builder, and the traits that name the missing field when `build` is called
    /// too early. `self` must be at the module's depth.
    pub fn builders_module(&self) -> Vec<TokenStream> {
        let builders = self.space.structs.iter().map(|s| self.builder(s));
        let required_depth = self.nested().nested();
        let traits = self
            .space
            .structs
            .iter()
            .filter(|s| s.fields.iter().any(|f| f.required))
            .map(|s| {
                let (module, traits) = (ident(&s.name), required_depth.required_traits(s));
                quote!(pub mod #module { #traits })
            });
        let summary = doc_lines(
            &format!(
                "Builders: `Foo::builder()` gives a `FooBuilder` with a setter per field; `build()`\n\
                 compiles once every required field is set, and returns the `Foo`. Their field states\n\
                 are in [`primitives`]({}::primitives).",
                self.root_text()
            ),
            true,
        );
        let header = quote! {
            #summary
            // Setters are named after the model's fields: `to_port`, `is_default`, `add`.
            #![allow(clippy::wrong_self_convention, clippy::should_implement_trait)]
        };
        let required = quote! {
            /// A trait per required field, named after it, that only a set field implements: its
            /// error message says which field `build` still needs.
            #[doc(hidden)]
            #[allow(non_snake_case, non_camel_case_types)]
            pub mod required {
                #(#traits)*
            }
        };
        let mut pieces = vec![header];
        pieces.extend(builders);
        pieces.push(required);
        pieces
    }

    fn builder(&self, def: &StructDef) -> TokenStream {
        let root = self.root();
        let primitives = quote!(#root::primitives);
        let (name, builder) = (ident(&def.name), ident(&def.builder));
        let fields: Vec<Ident> = def.fields.iter().map(|f| ident(&f.ident)).collect();
        // `S0, S1, ...`: the state of each required field, in field order.
        let mut states = Vec::new();
        let mut storage = Vec::new();
        let mut initial = Vec::new();
        for field in &def.fields {
            if field.required {
                let state = format_ident!("S{}", states.len());
                storage.push(quote!(#state));
                initial.push(quote!(#primitives::Unset));
                states.push(state);
            } else {
                let ty = self.type_tokens(&field.ty);
                storage.push(quote!(::core::option::Option<#ty>));
                initial.push(quote!(::core::option::Option::None));
            }
        }
        let mut state_index = 0;
        let setters = def.fields.iter().zip(&fields).map(|(field, ident)| {
            if field.required {
                state_index += 1;
                self.required_setters(def, field, &states, state_index - 1)
            } else {
                self.optional_setters(field, ident)
            }
        });
        let takes = def.fields.iter().zip(&fields).map(|(field, ident)| {
            if field.required {
                quote!(#ident: #primitives::IsSet::into_value(self.#ident))
            } else {
                quote!(#ident: self.#ident)
            }
        });
        let bounds = def
            .fields
            .iter()
            .filter(|f| f.required)
            .zip(&states)
            .map(|(f, state)| {
                let required = ident(&f.ident);
                quote!(#state: self::required::#name::#required)
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
        let build = ident(BUILD_METHOD);
        let generics = (!states.is_empty()).then(|| quote!(<#(#states),*>));
        let defaults = (!states.is_empty()).then(|| quote!(<#(#states = #primitives::Unset),*>));
        let sensitive = def.fields.iter().any(|f| f.sensitive);
        let derive_debug = (!sensitive).then(|| quote!(Debug,));
        let debug_impl = sensitive.then(|| {
            redacting_debug(
                &def.builder,
                quote!(#builder #generics),
                &states,
                &def.fields,
            )
        });
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
        let struct_doc = doc_lines(&struct_doc, false);
        let builder_doc = format!(" A builder with no field set: see [`{}`].", def.builder);
        quote! {
            #struct_doc
            #[derive(Clone, #derive_debug)]
            #[must_use = "a builder does nothing until `build()` is called"]
            pub struct #builder #defaults {
                #(#fields: #storage,)*
            }

            impl #root::#name {
                #[doc = #builder_doc]
                pub fn builder() -> #builder {
                    #builder { #(#fields: #initial,)* }
                }
            }

            impl #generics #builder #generics {
                #(#setters)*

                #[doc = #build_doc]
                pub fn #build(self) -> #root::#name where #(#bounds,)* {
                    #root::#name { #(#takes,)* }
                }
            }

            #debug_impl
        }
    }

    /// `x(value)` and, for a collection, `push_x(item)`/`insert_x(key, value)`: each returns the
    /// builder with state `index` now `Set`.
    fn required_setters(
        &self,
        def: &StructDef,
        field: &FieldDef,
        states: &[Ident],
        index: usize,
    ) -> TokenStream {
        let root = self.root();
        let primitives = quote!(#root::primitives);
        let builder = ident(&def.builder);
        let ty = self.type_tokens(&field.ty);
        let this = ident(&field.ident);
        let mut next_states: Vec<TokenStream> = states.iter().map(|s| quote!(#s)).collect();
        next_states[index] = quote!(#primitives::Set<#ty>);
        let others: Vec<Ident> = def
            .fields
            .iter()
            .map(|f| ident(&f.ident))
            .filter(|f| *f != this)
            .collect();
        let rebuild = |value: TokenStream| quote!(#builder { #this: #primitives::Set(#value), #(#others: self.#others,)* });
        let wire = code(&field.wire);
        let (param, value) = self.setter_value(&field.ty);
        let setter = ident(&field.setters.value);
        let set_doc = format!(" Sets {wire} (required).");
        let set_body = rebuild(value);
        let mut tokens = quote! {
            #[doc = #set_doc]
            pub fn #setter(self, value: #param) -> #builder<#(#next_states),*> {
                #set_body
            }
        };
        if let Some((add, (params, add_call))) =
            field.setters.add.as_ref().zip(self.adder(&field.ty))
        {
            let add = ident(add);
            let state = &states[index];
            // Not named after the field: a field called `key`, `value` or `item` would shadow the
            // parameter of the same name. Field identifiers never start with two underscores.
            let collection = quote!(__collection);
            let add_body = rebuild(collection.clone());
            let doc = adder_doc(&field.ty, &wire, " (required)");
            tokens.extend(quote! {
                #[doc = #doc]
                pub fn #add(self, #params) -> #builder<#(#next_states),*> where #state: #primitives::SoFar<#ty> {
                    let mut #collection: #ty = #primitives::SoFar::so_far(self.#this);
                    #collection #add_call;
                    #add_body
                }
            });
        }
        tokens
    }

    /// `x(value)`, `set_x(option)`, `get_x()` and, for a collection, `push_x`/`insert_x`.
    fn optional_setters(&self, field: &FieldDef, this: &Ident) -> TokenStream {
        let ty = self.type_tokens(&field.ty);
        let wire = code(&field.wire);
        let (param, value) = self.setter_value(&field.ty);
        let setter = ident(&field.setters.value);
        let set_doc = format!(" Sets {wire}.");
        let mut tokens = quote! {
            #[doc = #set_doc]
            pub fn #setter(mut self, value: #param) -> Self {
                self.#this = ::core::option::Option::Some(#value);
                self
            }
        };
        if let Some((set, get)) = &field.setters.option {
            let (set, get) = (ident(set), ident(get));
            let (set_doc, get_doc) = (
                format!(" Sets or clears {wire}."),
                format!(" {wire} as set so far."),
            );
            tokens.extend(quote! {
                #[doc = #set_doc]
                pub fn #set(mut self, value: ::core::option::Option<#ty>) -> Self {
                    self.#this = value;
                    self
                }
                #[doc = #get_doc]
                pub fn #get(&self) -> &::core::option::Option<#ty> {
                    &self.#this
                }
            });
        }
        if let Some((add, (params, add_call))) =
            field.setters.add.as_ref().zip(self.adder(&field.ty))
        {
            let add = ident(add);
            let doc = adder_doc(&field.ty, &wire, "");
            tokens.extend(quote! {
                #[doc = #doc]
                pub fn #add(mut self, #params) -> Self {
                    self.#this.get_or_insert_with(::core::default::Default::default) #add_call;
                    self
                }
            });
        }
        tokens
    }

    /// A setter's parameter and the stored value made from it: `impl Into<T>`, boxed if the
    /// field is (recursion).
    fn setter_value(&self, ty: &RustType) -> (TokenStream, TokenStream) {
        match ty {
            RustType::Named { name, boxed: true } => {
                let (root, name) = (self.root(), ident(name));
                (
                    quote!(impl ::core::convert::Into<#root::#name>),
                    quote!(::std::boxed::Box::new(value.into())),
                )
            }
            ty => {
                let ty = self.type_tokens(ty);
                (
                    quote!(impl ::core::convert::Into<#ty>),
                    quote!(value.into()),
                )
            }
        }
    }

    /// For a collection: the parameters of its `push_`/`insert_` setter and the call that adds them.
    fn adder(&self, ty: &RustType) -> Option<(TokenStream, TokenStream)> {
        match ty {
            RustType::Vec(item) => {
                let item = self.type_tokens(item);
                Some((
                    quote!(item: impl ::core::convert::Into<#item>),
                    quote!(.push(item.into())),
                ))
            }
            RustType::BTreeSet(item) => {
                let item = self.type_tokens(item);
                Some((
                    quote!(item: impl ::core::convert::Into<#item>),
                    quote!(.insert(item.into())),
                ))
            }
            RustType::BTreeMap(key, value) => {
                let (key, value) = (self.type_tokens(key), self.type_tokens(value));
                Some((
                    quote!(key: impl ::core::convert::Into<#key>, value: impl ::core::convert::Into<#value>),
                    quote!(.insert(key.into(), value.into())),
                ))
            }
            _ => None,
        }
    }

    /// A trait per required field of `def`, whose message names the field and its setter; only
    /// `Set` of the field's type implements it. `self` must be at the depth of `required::Foo`.
    fn required_traits(&self, def: &StructDef) -> TokenStream {
        let root = self.root();
        let traits = def.fields.iter().filter(|f| f.required).map(|field| {
            let name = ident(&field.ident);
            let ty = self.type_tokens(&field.ty);
            let message = diagnostic_text(&format!(
                "`{}::builder()` is missing the required field {}",
                def.name,
                code(&field.wire)
            ));
            let label = diagnostic_text(&format!("call `.{}(..)` before `.build()`", field.setters.value));
            let note = "a builder's type records which required fields are set; `build()` needs all of them";
            quote! {
                #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
                pub trait #name: #root::primitives::IsSet<#ty> {}
                impl #name for #root::primitives::Set<#ty> {}
            }
        });
        quote!(#(#traits)*)
    }

    /// [`Items::root`] as text, for links in generated docs.
    pub fn root_text(&self) -> String {
        match self.root {
            Root::Crate => "crate".to_string(),
            Root::Included(0) => "self".to_string(),
            Root::Included(depth) => vec!["super"; depth].join("::"),
        }
    }

    pub fn type_tokens(&self, ty: &RustType) -> TokenStream {
        let root = self.root();
        match ty {
            RustType::String => quote!(::std::string::String),
            RustType::I64 => quote!(i64),
            RustType::F64 => quote!(f64),
            RustType::Bool => quote!(bool),
            RustType::Timestamp => quote!(#root::primitives::Timestamp),
            RustType::Blob => quote!(#root::primitives::Blob),
            RustType::Json => quote!(::serde_json::Value),
            RustType::Vec(item) => {
                let item = self.type_tokens(item);
                quote!(::std::vec::Vec<#item>)
            }
            RustType::BTreeSet(item) => {
                let item = self.type_tokens(item);
                quote!(::std::collections::BTreeSet<#item>)
            }
            RustType::BTreeMap(key, value) => {
                let (key, value) = (self.type_tokens(key), self.type_tokens(value));
                quote!(::std::collections::BTreeMap<#key, #value>)
            }
            RustType::Named { name, boxed } => {
                let name = ident(name);
                if *boxed {
                    quote!(::std::boxed::Box<#root::#name>)
                } else {
                    quote!(#root::#name)
                }
            }
        }
    }
}

/// `Debug` for a structure or builder with sensitive fields: their values never reach a log.
/// `generics` are the type's parameters, each of which must be `Debug`.
fn redacting_debug(
    label: &str,
    ty: TokenStream,
    generics: &[Ident],
    fields: &[FieldDef],
) -> TokenStream {
    let impl_generics = (!generics.is_empty()).then(|| quote!(<#(#generics: ::std::fmt::Debug),*>));
    let fields = fields.iter().map(|f| {
        let field = ident(&f.ident);
        let label = f.ident.trim_start_matches("r#");
        if f.sensitive {
            quote!(.field(#label, &#REDACTED))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    quote! {
        impl #impl_generics ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#fields)* .finish()
            }
        }
    }
}

/// `min..=max`, `min..` or `..=max`; `None` when neither side is bounded.
fn bounds(min: Option<Literal>, max: Option<Literal>) -> Option<TokenStream> {
    match (min, max) {
        (None, None) => None,
        (min, Some(max)) => Some(quote!(#min..=#max)),
        (min, None) => Some(quote!(#min..)),
    }
}

/// `#[doc]` attributes, one a line (`#![doc]` if `inner`), so that prettyplease writes `///`.
fn doc_lines(text: &str, inner: bool) -> TokenStream {
    let lines = text_lines(text)
        .into_iter()
        .map(|line| format!(" {line}").trim_end().to_string());
    if inner {
        quote!(#( #![doc = #lines] )*)
    } else {
        quote!(#( #[doc = #lines] )*)
    }
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

/// An identifier the naming layer made; `r#type` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc]` attributes: the model's documentation (made safe for rustdoc) above our own summary.
fn docs(model_docs: Option<&str>, summary: &str) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    if let Some(text) = model_docs.filter(|t| !t.trim().is_empty()) {
        lines.extend(
            text_lines(&escape_markdown(text))
                .iter()
                .map(|l| format!(" {}", l.trim_end())),
        );
        lines.push(String::new());
    }
    lines.push(format!(" {summary}"));
    quote!(#( #[doc = #lines] )*)
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

    #[test]
    fn model_docs_cannot_become_links_html_or_bare_urls() {
        assert_eq!(
            escape_markdown("See [Foo] <b> https://x.y/z now"),
            "See \\[Foo\\] &lt;b&gt; <https://x.y/z> now"
        );
    }
}
