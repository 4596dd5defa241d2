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
    debug_assert!(
        filler.holes.iter().all(|(_, _, used)| *used),
        "a template has no hole {:?}",
        filler.holes.iter().find(|(_, _, used)| !used).map(|h| h.0)
    );
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
