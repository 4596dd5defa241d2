//! Rust items from the [`TypeSpace`](super::plan::TypeSpace), written with `quote`.
//!
//! Every path is fully qualified (`::std::string::String`, `crate::Mode`): a model may well name a
//! shape `Option`, `String` or `Result`, and the generated code must not care. Paths to generated
//! items start at [`Items::root`]: `crate` for a crate, `self` for a file brought in with `include!`.

use super::plan::{EnumDef, EnumOrigin, FieldDef, RustType, StructDef, UnionDef, UNKNOWN_VARIANT};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// How `Debug` prints a sensitive field, in the AWS SDK's words.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Writes the items of one model.
pub struct Items<'a> {
    pub service: &'a str,
    /// The path under which the generated items and the `primitives` module are found.
    pub root: TokenStream,
}

impl Items<'_> {
    pub fn structure(&self, def: &StructDef) -> TokenStream {
        let service = self.service;
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
        let debug_impl = (!derive_debug).then(|| redacting_debug(def));
        let debug = derive_debug.then(|| quote!(Debug,));
        quote! {
            #docs
            #[derive(Clone, #debug PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
            }
            #debug_impl
        }
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
            quote! {
                #docs
                #[serde(rename = #wire)]
                pub #name: #ty,
            }
        } else {
            quote! {
                #docs
                #[serde(rename = #wire, skip_serializing_if = "::std::option::Option::is_none")]
                pub #name: ::std::option::Option<#ty>,
            }
        }
    }

    pub fn literal_enum(&self, def: &EnumDef) -> TokenStream {
        let (service, root) = (self.service, &self.root);
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
                fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
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
        quote! {
            #docs
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }
        }
    }

    pub fn type_tokens(&self, ty: &RustType) -> TokenStream {
        let root = &self.root;
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

/// `Debug` for a structure with sensitive fields: their values never reach a log.
fn redacting_debug(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let label = &def.name;
    let fields = def.fields.iter().map(|f| {
        let field = ident(&f.ident);
        let label = f.ident.trim_start_matches("r#");
        if f.sensitive {
            quote!(.field(#label, &#REDACTED))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#fields)* .finish()
            }
        }
    }
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
            escape_markdown(text)
                .lines()
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
