//! Templates: Rust written with `quote!`, parsed into syn once per thread, then cloned and filled
//! for every use.
//!
//! Quoting every item and parsing the tokens back into syn for prettyplease was most of the time
//! generation took (syn parsed about 25 MB/s); cloning a parsed template and filling its holes
//! costs a fifth of that. A template marks a hole with an identifier of `__` and a capital letter,
//! which no generated name can be: the naming layer makes snake_case and PascalCase identifiers,
//! and model text only ever becomes literals.
//!
//! | hole in the template | filled with |
//! | --- | --- |
//! | `__NAME` as an identifier, type or expression | [`Fill::Ident`], [`Fill::Type`], [`Fill::Expr`] |
//! | `__ROOT::primitives::..`, a path's first segment | [`Fill::Root`]: `crate`, `self`, `super::super` |
//! | `#[__DOCS]` | [`Fill::Attrs`] |
//! | `__ITEMS!();` among items, impl items or statements | [`Fill::Items`], [`Fill::ImplItems`], [`Fill::Stmts`] |
//! | `[__LIST!()]`, `f(__LIST!())`: an element of an array or of call arguments | [`Fill::Exprs`] |
//! | a field `__FIELDS: ()` of a struct, or `__FIELDS: ()` of a struct expression | [`Fill::Fields`], [`Fill::FieldValues`] |
//! | a variant `__VARIANTS` | [`Fill::Variants`] |
//! | a match arm `__ARMS => {}` | [`Fill::Arms`] |
//! | a type parameter `<__PARAMS>` / type argument `Foo<__ARGS>` | [`Fill::Params`], [`Fill::Args`] |
//! | a where predicate `__BOUNDS: Sized` | [`Fill::Predicates`] |
//! | a function parameter `__INPUTS: ()` | [`Fill::Inputs`] |
//! | `__VALUE` as a pattern | a literal [`Fill::Expr`] |
//!
//! Identifiers inside attribute arguments (`#[attr(key = __TEXT)]`) are filled too, as tokens.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{
    Arm, Attribute, Block, Expr, Field, FieldValue, File, FnArg, GenericArgument, GenericParam,
    ImplItem, Item, ItemStruct, Pat, PathArguments, PathSegment, Stmt, Type, Variant,
    WherePredicate,
};

/// `template!(Kind { code })`: the template `code` (a `quote!` body without interpolation) parsed
/// as a `Kind` once per thread; evaluates to a fresh copy to [`fill`].
macro_rules! template {
    ($kind:ty { $($code:tt)* }) => {{
        ::std::thread_local! {
            static PARSED: $kind = $crate::emit::template::parse(::quote::quote!($($code)*));
        }
        PARSED.with(::std::clone::Clone::clone)
    }};
}
pub(crate) use template;

/// Parses a template; a template that does not parse is a bug in shapegen, found by any test.
pub fn parse<T: syn::parse::Parse>(tokens: TokenStream) -> T {
    syn::parse2(tokens).unwrap_or_else(|e| panic!("a template does not parse: {e}"))
}

/// What fills a hole.
pub enum Fill {
    Ident(Ident),
    Type(Type),
    Expr(Expr),
    Root(Vec<Ident>),
    Attrs(Vec<Attribute>),
    Items(Vec<Item>),
    ImplItems(Vec<ImplItem>),
    Stmts(Vec<Stmt>),
    Exprs(Vec<Expr>),
    Fields(Vec<Field>),
    FieldValues(Vec<FieldValue>),
    Variants(Vec<Variant>),
    Arms(Vec<Arm>),
    Params(Vec<GenericParam>),
    Args(Vec<GenericArgument>),
    Predicates(Vec<WherePredicate>),
    Inputs(Vec<FnArg>),
}

macro_rules! fill_from {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        $(impl From<$ty> for Fill {
            fn from(value: $ty) -> Fill {
                Fill::$variant(value)
            }
        })*
    };
}

fill_from!(
    Ident(Ident),
    Type(Type),
    Expr(Expr),
    Attrs(Vec<Attribute>),
    Items(Vec<Item>),
    ImplItems(Vec<ImplItem>),
    Stmts(Vec<Stmt>),
    Exprs(Vec<Expr>),
    Fields(Vec<Field>),
    FieldValues(Vec<FieldValue>),
    Variants(Vec<Variant>),
    Arms(Vec<Arm>),
    Params(Vec<GenericParam>),
    Args(Vec<GenericArgument>),
    Predicates(Vec<WherePredicate>),
    Inputs(Vec<FnArg>),
);

/// A syntax tree a template can be.
pub trait Node: Clone + syn::parse::Parse {
    fn walk(&mut self, filler: &mut Filler);
}

macro_rules! nodes {
    ($($ty:ident => $visit:ident),* $(,)?) => {
        $(impl Node for $ty {
            fn walk(&mut self, filler: &mut Filler) {
                filler.$visit(self);
            }
        })*
    };
}

nodes!(
    File => visit_file_mut,
    Item => visit_item_mut,
    ItemStruct => visit_item_struct_mut,
    Block => visit_block_mut,
    GenericParam => visit_generic_param_mut,
    FnArg => visit_fn_arg_mut,
    WherePredicate => visit_where_predicate_mut,
    ImplItem => visit_impl_item_mut,
    Stmt => visit_stmt_mut,
    Expr => visit_expr_mut,
    Type => visit_type_mut,
    Arm => visit_arm_mut,
    Variant => visit_variant_mut,
    FieldValue => visit_field_value_mut,
);

/// Fills the holes of `node` (a copy of a template) with `holes`: (name, value) pairs.
pub fn fill<T: Node, const N: usize>(mut node: T, holes: [(&'static str, Fill); N]) -> T {
    let mut filler = Filler {
        holes: holes
            .into_iter()
            .map(|(name, fill)| (name, fill, false))
            .collect(),
    };
    node.walk(&mut filler);
    // A handful of flags: cheap enough to check in every build, so a release build never writes
    // a template with a hole left unfilled under a misspelt name.
    if let Some((name, _, _)) = filler.holes.iter().find(|(_, _, used)| !used) {
        panic!("a template has no hole {name:?}");
    }
    node
}

/// An identifier for generated code; `r#type` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A string literal expression.
pub fn string(text: &str) -> Expr {
    Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(syn::LitStr::new(text, Span::call_site())),
    })
}

/// An unsuffixed integer literal expression.
pub fn number(value: usize) -> Expr {
    Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::new(proc_macro2::Literal::usize_unsuffixed(value)),
    })
}

/// `#[doc = "line"]` for each line; `inner` gives `#![doc]`.
pub fn doc_attrs(lines: impl IntoIterator<Item = String>, inner: bool) -> Vec<Attribute> {
    let prototype: Attribute = if inner {
        template!(syn::ItemMod { mod m { #![doc = ""] } })
            .attrs
            .remove(0)
    } else {
        template!(syn::ItemMod { #[doc = ""] mod m {} })
            .attrs
            .remove(0)
    };
    lines
        .into_iter()
        .map(|line| {
            let mut attr = prototype.clone();
            if let syn::Meta::NameValue(doc) = &mut attr.meta {
                // A control character would act on a terminal showing the source; a bidi one is
                // refused by rustc in comments.
                doc.value = string(&crate::error::escape_controls(&line));
            }
            attr
        })
        .collect()
}

/// A file (or a piece of one) of these attributes and items.
pub fn file(attrs: Vec<Attribute>, items: Vec<Item>) -> File {
    let mut file = template!(File {});
    file.attrs = attrs;
    file.items = items;
    file
}

/// `pub mod name { #![attrs] items }`.
pub fn module(name: &str, attrs: Vec<Attribute>, items: Vec<Item>) -> Item {
    fill(
        template!(Item { pub mod __NAME { #![__ATTRS] __ITEMS!(); } }),
        [
            ("__NAME", ident(name).into()),
            ("__ATTRS", attrs.into()),
            ("__ITEMS", items.into()),
        ],
    )
}

pub struct Filler {
    holes: Vec<(&'static str, Fill, bool)>,
}

impl Filler {
    /// The value for hole `name`, marked used.
    fn hole(&mut self, name: &Ident) -> Option<&mut Fill> {
        let hole = self.holes.iter_mut().find(|(hole, _, _)| *name == *hole)?;
        hole.2 = true;
        Some(&mut hole.1)
    }

    /// The hole a macro call `__NAME!()` stands for.
    fn macro_hole(&mut self, mac: &syn::Macro) -> Option<&mut Fill> {
        let name = mac.path.get_ident()?;
        self.hole(name)
    }

    /// The hole a single-identifier path stands for.
    fn path_hole(&mut self, path: &syn::Path) -> Option<&mut Fill> {
        let name = path.get_ident()?;
        self.hole(name)
    }

    fn splice_attrs(&mut self, attrs: &mut Vec<Attribute>) {
        splice(attrs, |attr| match self.path_hole(attr.path()) {
            Some(Fill::Attrs(list)) => Some(std::mem::take(list)),
            _ => None,
        });
    }

    /// Identifiers in `tokens` that name an identifier or expression hole, replaced by it.
    fn fill_tokens(&mut self, tokens: &mut TokenStream) {
        let filled: TokenStream = std::mem::take(tokens)
            .into_iter()
            .flat_map(|tree| -> TokenStream {
                match tree {
                    TokenTree::Ident(name) => match self.hole(&name) {
                        Some(Fill::Ident(value)) => value.to_token_stream(),
                        Some(Fill::Expr(value)) => value.to_token_stream(),
                        _ => TokenTree::Ident(name).into(),
                    },
                    TokenTree::Group(group) => {
                        let mut inner = group.stream();
                        self.fill_tokens(&mut inner);
                        let mut filled = proc_macro2::Group::new(group.delimiter(), inner);
                        filled.set_span(group.span());
                        TokenTree::Group(filled).into()
                    }
                    other => other.into(),
                }
            })
            .collect();
        *tokens = filled;
    }
}

/// Replaces each element of `list` for which `hole` gives a list by that list's elements.
fn splice<T>(list: &mut Vec<T>, mut hole: impl FnMut(&T) -> Option<Vec<T>>) {
    let mut i = 0;
    while i < list.len() {
        match hole(&list[i]) {
            Some(elements) => {
                let count = elements.len();
                list.splice(i..=i, elements);
                i += count;
            }
            None => i += 1,
        }
    }
}

/// [`splice`] for a punctuated list.
fn splice_punctuated<T, P: Default>(
    list: &mut Punctuated<T, P>,
    hole: impl FnMut(&T) -> Option<Vec<T>>,
) {
    let mut elements: Vec<T> = std::mem::take(list).into_iter().collect();
    splice(&mut elements, hole);
    *list = elements.into_iter().collect();
}

impl VisitMut for Filler {
    fn visit_ident_mut(&mut self, name: &mut Ident) {
        if let Some(Fill::Ident(value)) = self.hole(name) {
            *name = value.clone();
        }
    }

    fn visit_type_mut(&mut self, ty: &mut Type) {
        if let Type::Path(path) = ty {
            if path.qself.is_none() {
                if let Some(Fill::Type(value)) = self.path_hole(&path.path) {
                    *ty = value.clone();
                    return;
                }
            }
        }
        visit_mut::visit_type_mut(self, ty);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Expr::Path(path) = expr {
            if path.qself.is_none() {
                if let Some(Fill::Expr(value)) = self.path_hole(&path.path) {
                    *expr = value.clone();
                    return;
                }
            }
        }
        visit_mut::visit_expr_mut(self, expr);
        match expr {
            Expr::Array(array) => splice_punctuated(&mut array.elems, |e| self.exprs_hole(e)),
            Expr::Call(call) => splice_punctuated(&mut call.args, |e| self.exprs_hole(e)),
            Expr::MethodCall(call) => splice_punctuated(&mut call.args, |e| self.exprs_hole(e)),
            Expr::Struct(init) => splice_punctuated(&mut init.fields, |field| {
                let syn::Member::Named(name) = &field.member else {
                    return None;
                };
                match self.hole(name) {
                    Some(Fill::FieldValues(list)) => Some(std::mem::take(list)),
                    _ => None,
                }
            }),
            Expr::Match(matching) => splice(&mut matching.arms, |arm| {
                let syn::Pat::Ident(pat) = &arm.pat else {
                    return None;
                };
                match self.hole(&pat.ident) {
                    Some(Fill::Arms(list)) => Some(std::mem::take(list)),
                    _ => None,
                }
            }),
            _ => {}
        }
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let root = match path.segments.first().map(|s| &s.ident) {
            Some(first) => match self.hole(first) {
                Some(Fill::Root(root)) => Some(root.clone()),
                _ => None,
            },
            None => None,
        };
        if let Some(root) = root {
            let rest: Vec<PathSegment> = std::mem::take(&mut path.segments)
                .into_iter()
                .skip(1)
                .collect();
            path.segments = root
                .into_iter()
                .map(PathSegment::from)
                .chain(rest)
                .collect();
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_path_arguments_mut(&mut self, arguments: &mut PathArguments) {
        visit_mut::visit_path_arguments_mut(self, arguments);
        if let PathArguments::AngleBracketed(angle) = arguments {
            splice_punctuated(&mut angle.args, |arg| match arg {
                GenericArgument::Type(Type::Path(path)) if path.qself.is_none() => {
                    match self.path_hole(&path.path) {
                        Some(Fill::Args(list)) => Some(std::mem::take(list)),
                        _ => None,
                    }
                }
                _ => None,
            });
            if angle.args.is_empty() {
                *arguments = PathArguments::None;
            }
        }
    }

    fn visit_generics_mut(&mut self, generics: &mut syn::Generics) {
        visit_mut::visit_generics_mut(self, generics);
        splice_punctuated(&mut generics.params, |param| match param {
            GenericParam::Type(param) => match self.hole(&param.ident) {
                Some(Fill::Params(list)) => Some(std::mem::take(list)),
                _ => None,
            },
            _ => None,
        });
        if let Some(clause) = &mut generics.where_clause {
            splice_punctuated(&mut clause.predicates, |predicate| match predicate {
                WherePredicate::Type(bound) => match &bound.bounded_ty {
                    Type::Path(path) => match self.path_hole(&path.path) {
                        Some(Fill::Predicates(list)) => Some(std::mem::take(list)),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            });
        }
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        visit_mut::visit_block_mut(self, block);
        splice(&mut block.stmts, |stmt| match stmt {
            Stmt::Macro(call) => match self.macro_hole(&call.mac) {
                Some(Fill::Stmts(list)) => Some(std::mem::take(list)),
                _ => None,
            },
            _ => None,
        });
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        visit_mut::visit_item_impl_mut(self, item);
        self.splice_attrs(&mut item.attrs);
        splice(&mut item.items, |member| match member {
            ImplItem::Macro(call) => match self.macro_hole(&call.mac) {
                Some(Fill::ImplItems(list)) => Some(std::mem::take(list)),
                _ => None,
            },
            _ => None,
        });
    }

    fn visit_item_mod_mut(&mut self, item: &mut syn::ItemMod) {
        visit_mut::visit_item_mod_mut(self, item);
        self.splice_attrs(&mut item.attrs);
        if let Some((_, items)) = &mut item.content {
            self.splice_items(items);
        }
    }

    fn visit_fields_named_mut(&mut self, fields: &mut syn::FieldsNamed) {
        visit_mut::visit_fields_named_mut(self, fields);
        splice_punctuated(&mut fields.named, |field| {
            match self.hole(field.ident.as_ref()?) {
                Some(Fill::Fields(list)) => Some(std::mem::take(list)),
                _ => None,
            }
        });
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        visit_mut::visit_item_enum_mut(self, item);
        self.splice_attrs(&mut item.attrs);
        splice_punctuated(&mut item.variants, |variant| {
            match self.hole(&variant.ident) {
                Some(Fill::Variants(list)) => Some(std::mem::take(list)),
                _ => None,
            }
        });
    }

    fn visit_file_mut(&mut self, file: &mut File) {
        visit_mut::visit_file_mut(self, file);
        self.splice_attrs(&mut file.attrs);
        self.splice_items(&mut file.items);
    }

    fn visit_signature_mut(&mut self, signature: &mut syn::Signature) {
        visit_mut::visit_signature_mut(self, signature);
        splice_punctuated(&mut signature.inputs, |input| match input {
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(name) => match self.hole(&name.ident) {
                    Some(Fill::Inputs(list)) => Some(std::mem::take(list)),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        });
    }

    fn visit_pat_mut(&mut self, pat: &mut Pat) {
        if let Pat::Ident(name) = pat {
            if name.by_ref.is_none() && name.mutability.is_none() && name.subpat.is_none() {
                if let Some(Fill::Expr(Expr::Lit(literal))) = self.hole(&name.ident) {
                    *pat = Pat::Lit(literal.clone());
                    return;
                }
            }
        }
        visit_mut::visit_pat_mut(self, pat);
    }

    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        visit_mut::visit_item_struct_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_item_trait_mut(&mut self, item: &mut syn::ItemTrait) {
        visit_mut::visit_item_trait_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_impl_item_fn_mut(&mut self, item: &mut syn::ImplItemFn) {
        visit_mut::visit_impl_item_fn_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_field_mut(&mut self, field: &mut Field) {
        visit_mut::visit_field_mut(self, field);
        self.splice_attrs(&mut field.attrs);
    }

    fn visit_variant_mut(&mut self, variant: &mut Variant) {
        visit_mut::visit_variant_mut(self, variant);
        self.splice_attrs(&mut variant.attrs);
    }

    fn visit_meta_list_mut(&mut self, list: &mut syn::MetaList) {
        visit_mut::visit_meta_list_mut(self, list);
        self.fill_tokens(&mut list.tokens);
    }
}

impl Filler {
    fn splice_items(&mut self, items: &mut Vec<Item>) {
        splice(items, |member| match member {
            Item::Macro(call) => match self.macro_hole(&call.mac) {
                Some(Fill::Items(list)) => Some(std::mem::take(list)),
                _ => None,
            },
            _ => None,
        });
    }

    fn exprs_hole(&mut self, expr: &Expr) -> Option<Vec<Expr>> {
        match expr {
            Expr::Macro(call) => match self.macro_hole(&call.mac) {
                Some(Fill::Exprs(list)) => Some(std::mem::take(list)),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// `node` as prettyplease writes it (items as they are, an expression or type as a statement),
    /// to compare with the expected code: a filled list's trailing separator comes out
    /// differently in debug and release builds, and prettyplease's output never shows it.
    fn pretty(node: &impl ToTokens) -> String {
        let code = node.to_token_stream();
        let file =
            syn::parse2::<File>(code.clone()).unwrap_or_else(|_| parse(quote!(fn t() { #code; })));
        prettyplease::unparse(&file)
    }

    #[test]
    fn identifier_type_and_expression_holes() {
        let item: Item = fill(
            template!(Item { pub fn __NAME() -> __TYPE { __VALUE } }),
            [
                ("__NAME", ident("r#type").into()),
                ("__TYPE", parse::<Type>(quote!(::std::vec::Vec<u8>)).into()),
                ("__VALUE", parse::<Expr>(quote!(vec![1, 2])).into()),
            ],
        );
        assert_eq!(
            pretty(&item),
            pretty(&quote!(
                pub fn r#type() -> ::std::vec::Vec<u8> {
                    vec![1, 2]
                }
            ))
        );
    }

    #[test]
    fn root_hole_replaces_the_first_path_segment() {
        let root = Fill::Root(vec![ident("super"), ident("super")]);
        let ty: Type = fill(
            template!(Type { __ROOT::primitives::Timestamp }),
            [("__ROOT", root)],
        );
        assert_eq!(
            pretty(&ty),
            pretty(&quote!(super::super::primitives::Timestamp))
        );
    }

    #[test]
    fn attribute_and_item_list_holes() {
        let docs = doc_attrs(["one".to_string(), "two".to_string()], false);
        let items = vec![
            parse::<Item>(quote!(
                struct A;
            )),
            parse(quote!(
                struct B;
            )),
        ];
        let module: Item = fill(
            template!(Item { #[__DOCS] pub mod m { __ITEMS!(); } }),
            [("__DOCS", docs.into()), ("__ITEMS", items.into())],
        );
        assert_eq!(
            pretty(&module),
            pretty(&quote!(
                #[doc = "one"]
                #[doc = "two"]
                pub mod m {
                    struct A;
                    struct B;
                }
            ))
        );
        // An empty list removes the hole and leaves nothing behind.
        let empty = super::module("m", Vec::new(), Vec::new());
        assert_eq!(
            pretty(&empty),
            pretty(&quote!(
                pub mod m {}
            ))
        );
    }

    #[test]
    fn impl_item_and_statement_holes() {
        let methods = vec![parse::<ImplItem>(quote!(
            fn a() {}
        ))];
        let stmts = vec![parse::<Stmt>(quote!(let x = 1;)), parse(quote!(f(x);))];
        let item: Item = fill(
            template!(Item { impl T { __METHODS!(); fn b() { __BODY!(); g(); } } }),
            [("__METHODS", methods.into()), ("__BODY", stmts.into())],
        );
        assert_eq!(
            pretty(&item),
            pretty(&quote!(impl T { fn a() {} fn b() { let x = 1; f(x); g(); } }))
        );
    }

    #[test]
    fn expression_list_holes_in_arrays_and_calls() {
        let list = || vec![string("a"), number(2)];
        let expr: Expr = fill(
            template!(Expr { f([0, __LIST!()], __ARGS!(), x.m(__MORE!())) }),
            [
                ("__LIST", list().into()),
                ("__ARGS", list().into()),
                ("__MORE", list().into()),
            ],
        );
        assert_eq!(
            pretty(&expr),
            pretty(&quote!(f([0, "a", 2], "a", 2, x.m("a", 2))))
        );
    }

    #[test]
    fn field_and_field_value_holes() {
        let fields: Vec<Field> = parse::<ItemStruct>(quote!(
            struct S {
                pub a: u8,
                b: String,
            }
        ))
        .fields
        .into_iter()
        .collect();
        let item: ItemStruct = fill(
            template!(ItemStruct { struct S { first: (), __FIELDS: () } }),
            [("__FIELDS", fields.into())],
        );
        assert_eq!(
            pretty(&item),
            pretty(&quote!(
                struct S {
                    first: (),
                    pub a: u8,
                    b: String,
                }
            ))
        );
        let values = vec![parse::<FieldValue>(quote!(a: 1)), parse(quote!(b))];
        let expr: Expr = fill(
            template!(Expr { S { __FIELDS: (), c: 3 } }),
            [("__FIELDS", values.into())],
        );
        assert_eq!(pretty(&expr), pretty(&quote!(S { a: 1, b, c: 3 })));
    }

    #[test]
    fn variant_and_arm_holes() {
        let variants = vec![parse::<Variant>(quote!(A)), parse(quote!(B(u8)))];
        let item: Item = fill(
            template!(Item { enum E { __VARIANTS, Last } }),
            [("__VARIANTS", variants.into())],
        );
        assert_eq!(
            pretty(&item),
            pretty(&quote!(
                enum E {
                    A,
                    B(u8),
                    Last,
                }
            ))
        );
        let arms = vec![
            parse::<Arm>(quote!(1 => "one",)),
            parse(quote!(2 => "two",)),
        ];
        let expr: Expr = fill(
            template!(Expr { match n { __ARMS => {} _ => "many", } }),
            [("__ARMS", arms.into())],
        );
        assert_eq!(
            pretty(&expr),
            pretty(&quote!(match n {
                1 => "one",
                2 => "two",
                _ => "many",
            }))
        );
    }

    #[test]
    fn generic_parameter_argument_predicate_and_input_holes() {
        let params = vec![parse::<GenericParam>(quote!(A)), parse(quote!(B))];
        let args = vec![parse::<GenericArgument>(quote!(A)), parse(quote!(u8))];
        let bounds = vec![parse::<WherePredicate>(quote!(A: Clone))];
        let inputs = vec![parse::<FnArg>(quote!(a: A)), parse(quote!(b: u8))];
        let item: Item = fill(
            template!(Item {
                fn f<__PARAMS>(&self, __INPUTS: ()) -> Foo<__ARGS> where __BOUNDS: Sized {}
            }),
            [
                ("__PARAMS", params.into()),
                ("__ARGS", args.into()),
                ("__BOUNDS", bounds.into()),
                ("__INPUTS", inputs.into()),
            ],
        );
        assert_eq!(
            pretty(&item),
            pretty(&quote!(
                fn f<A, B>(&self, a: A, b: u8) -> Foo<A, u8>
                where
                    A: Clone,
                {
                }
            ))
        );
        // An empty argument list leaves no `<>` behind.
        let ty: Type = fill(
            template!(Type { Foo<__ARGS> }),
            [("__ARGS", Vec::<GenericArgument>::new().into())],
        );
        assert_eq!(pretty(&ty), pretty(&quote!(Foo)));
    }

    #[test]
    fn literal_pattern_and_attribute_argument_holes() {
        let expr: Expr = fill(
            template!(Expr { match key { __KEY => 0, _ => 1 } }),
            [("__KEY", string("name").into())],
        );
        assert_eq!(
            pretty(&expr),
            pretty(&quote!(match key {
                "name" => 0,
                _ => 1,
            }))
        );
        let item: Item = fill(
            template!(Item { #[serde(rename = __WIRE)] struct __NAME; }),
            [
                ("__WIRE", string("wire").into()),
                ("__NAME", ident("Shape").into()),
            ],
        );
        assert_eq!(
            pretty(&item),
            pretty(&quote!(
                #[serde(rename = "wire")]
                struct Shape;
            ))
        );
    }

    #[test]
    #[should_panic(expected = "a template has no hole \"__MISSPELT\"")]
    fn a_hole_the_template_lacks_panics_in_every_build() {
        let _: Type = fill(template!(Type { u8 }), [("__MISSPELT", ident("x").into())]);
    }

    /// The identifiers of `source` (not its literals or doc text) that look like a hole.
    fn holes_left(source: &str) -> Vec<String> {
        fn walk(tokens: TokenStream, found: &mut Vec<String>) {
            for tree in tokens {
                match tree {
                    TokenTree::Ident(name) => {
                        let name = name.to_string();
                        let mut chars = name.trim_start_matches("r#").chars();
                        if chars.next() == Some('_')
                            && chars.next() == Some('_')
                            && chars.next().is_some_and(|c| c.is_ascii_uppercase())
                        {
                            found.push(name);
                        }
                    }
                    TokenTree::Group(group) => walk(group.stream(), found),
                    _ => {}
                }
            }
        }
        let mut found = Vec::new();
        walk(
            source.parse().expect("generated code is Rust tokens"),
            &mut found,
        );
        found
    }

    #[test]
    fn the_hole_finder_sees_identifiers_only() {
        assert_eq!(
            holes_left("fn f() { let __ITEMS = \"__DOCS\"; } /// __NAME\nstruct r#__X;"),
            ["__ITEMS", "r#__X"]
        );
    }

    /// Every template the tricky model exercises, in a crate and as an included module, under
    /// each choice of map type and unknown-field handling: no hole survives in the output.
    #[test]
    fn no_hole_survives_filling() {
        use crate::settings::{MapType, Settings, UnknownFields};
        let model =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/tricky.yaml");
        let loaded = crate::load_model(&model, &crate::LoadOptions::default()).unwrap();
        let mut checked = 0;
        for map in [MapType::Btree, MapType::Hash, MapType::Index] {
            for unknown in [UnknownFields::Ignore, UnknownFields::Deny] {
                let mut settings: Settings = loaded.settings.clone();
                settings.rust.map = Some(map);
                settings.rust.unknown_fields = Some(unknown);
                let options = super::super::CrateOptions {
                    settings: settings.clone(),
                    ..super::super::CrateOptions::for_model(&loaded.model)
                };
                let mut files = super::super::emit_crate(&loaded.model, &options).unwrap();
                files.push(super::super::emit_module(&loaded.model, &settings).unwrap());
                for file in files
                    .iter()
                    .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
                {
                    assert_eq!(
                        holes_left(&file.contents),
                        Vec::<String>::new(),
                        "{}",
                        file.path.display()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 12, "only {checked} Rust files emitted");
    }
}
