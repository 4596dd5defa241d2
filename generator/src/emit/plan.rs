//! The symbol layer: every Rust name and Rust type of the crate, decided before any code is written.
//!
//! Names follow the AWS SDK for Rust ([`crate::naming`]); every collision is resolved here,
//! deterministically, so the code writers can trust what they are given.

use crate::error::Result;
use crate::ir::{self, Constraints, Model, ServiceWire, ShapeKind, Type};
use crate::naming;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A Rust type as the generated code spells it.
#[derive(Clone, Debug, PartialEq)]
pub enum RustType {
    String,
    I64,
    F64,
    Bool,
    Timestamp,
    Blob,
    Json,
    Vec(Box<RustType>),
    BTreeSet(Box<RustType>),
    BTreeMap(Box<RustType>, Box<RustType>),
    /// A type this crate generates, by its Rust name, boxed where it would otherwise contain itself.
    Named {
        name: String,
        boxed: bool,
    },
}

impl RustType {
    /// A list, set or map: a field of this type has a `push_`/`insert_` setter.
    pub fn is_collection(&self) -> bool {
        matches!(
            self,
            RustType::Vec(_) | RustType::BTreeSet(_) | RustType::BTreeMap(..)
        )
    }
}

pub struct StructDef {
    pub name: String,
    pub source: String,
    pub docs: Option<String>,
    pub fields: Vec<FieldDef>,
    /// The builder type, `<name>Builder` (unique: structure names are).
    pub builder: String,
}

pub struct FieldDef {
    pub wire: String,
    pub ident: String,
    pub ty: RustType,
    pub required: bool,
    pub docs: Option<String>,
    pub sensitive: bool,
    /// Checked against the field's type by [`ir::check`].
    pub constraints: Constraints,
    pub setters: Setters,
    /// How the service's own HTTP API carries it, for `rust.json_keys` and the docs.
    pub service_wire: ServiceWire,
}

/// The most required fields a builder tracks in its type, one type parameter each; past this,
/// its `build()` checks them when it runs and returns an error. Setters that rebuild the builder
/// with one parameter changed make typed code quadratic in the count: 3,000 required fields gave
/// 390 MB of Rust. The largest real structures have fewer than 20 required fields.
pub const MAX_TYPED_REQUIRED: usize = 64;

impl StructDef {
    /// Whether the builder tracks the required fields in its type ([`MAX_TYPED_REQUIRED`]).
    pub fn typed_builder(&self) -> bool {
        self.fields.iter().filter(|f| f.required).count() <= MAX_TYPED_REQUIRED
    }

    /// Whether every field is optional: the structure derives `Default`.
    pub fn all_optional(&self) -> bool {
        self.fields.iter().all(|f| !f.required)
    }
}

/// The builder methods of one field, unique within the builder and never `build` or `try_build`.
pub struct Setters {
    /// `x(value)`: gives the field a value.
    pub value: String,
    /// `set_x(Option<T>)` and `get_x()`.
    pub option: (String, String),
    /// `push_x(item)` for a list or set, `insert_x(key, value)` for a map.
    pub add: Option<String>,
}

/// The builder methods that are not setters.
pub const BUILD_METHOD: &str = "build";
pub const TRY_BUILD_METHOD: &str = "try_build";

/// Where an enum's values come from: a named literal type, or a `Literal[...]` written inline.
pub enum EnumOrigin {
    Literal(String),
    Inline { shape: String, field: String },
}

pub struct EnumDef {
    pub name: String,
    pub origin: EnumOrigin,
    pub docs: Option<String>,
    /// `(variant identifier, wire value)` in model order.
    pub variants: Vec<(String, String)>,
}

/// An untagged enum standing for a `Union[...]`; variants are in the order serde tries them,
/// `None` standing for the unit variant that reads `null`.
pub struct UnionDef {
    pub name: String,
    pub shape: String,
    pub field: String,
    pub variants: Vec<(String, Option<RustType>)>,
}

/// As the generated code writes it, boxes left out (`Vec<BTreeMap<String, Foo>>`).
impl std::fmt::Display for RustType {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            RustType::String => f.write_str("String"),
            RustType::I64 => f.write_str("i64"),
            RustType::F64 => f.write_str("f64"),
            RustType::Bool => f.write_str("bool"),
            RustType::Timestamp => f.write_str("Timestamp"),
            RustType::Blob => f.write_str("Blob"),
            RustType::Json => f.write_str("serde_json::Value"),
            RustType::Vec(item) => write!(f, "Vec<{item}>"),
            RustType::BTreeSet(item) => write!(f, "BTreeSet<{item}>"),
            RustType::BTreeMap(key, value) => write!(f, "BTreeMap<{key}, {value}>"),
            RustType::Named { name, .. } => f.write_str(name),
        }
    }
}

/// Everything the crate will contain.
pub struct TypeSpace {
    pub structs: Vec<StructDef>,
    pub enums: Vec<EnumDef>,
    pub unions: Vec<UnionDef>,
    /// The enums, and the structures and unions whose values can break the model: they contain
    /// an enum or a constrained field. `Validate` walks into no others.
    pub checked: BTreeSet<String>,
}

/// The catch-all variant every enum gets for values the model did not list.
pub const UNKNOWN_VARIANT: &str = "Unknown";

impl TypeSpace {
    pub fn new(model: &Model) -> Result<TypeSpace> {
        // Loaded models were checked, with locations, by `load_model`; this guards models built in
        // code, and every walk below relies on it (depth, sizes, references, map keys).
        if let Some(problem) = ir::check(model).into_iter().next() {
            return Err(problem.into());
        }
        let names = shape_names(model);
        let mut space = TypeSpace {
            structs: Vec::new(),
            enums: Vec::new(),
            unions: Vec::new(),
            checked: BTreeSet::new(),
        };
        let mut taken: BTreeSet<String> = names.values().cloned().collect();
        for (source, shape) in &model.shapes {
            let name = names[source].clone();
            match &shape.kind {
                ShapeKind::Literal(literal) => space.enums.push(EnumDef {
                    name,
                    origin: EnumOrigin::Literal(source.clone()),
                    docs: shape.docs.clone(),
                    variants: variants(&literal.values),
                }),
                ShapeKind::Structure(structure) => {
                    let idents = unique(
                        structure
                            .fields
                            .iter()
                            .map(|f| naming::field_ident(&naming::snake_case(&f.name)))
                            .collect(),
                        "_",
                    );
                    let mut fields = Vec::new();
                    for (field, ident) in structure.fields.iter().zip(idents) {
                        let mut resolver = Resolver {
                            names: &names,
                            model,
                            taken: &mut taken,
                            space: &mut space,
                            shape: source,
                            field: &field.name,
                        };
                        let base = format!("{name}{}", naming::pascal_case(&field.name));
                        let ty = resolver.rust_type(&field.ty, &base);
                        fields.push((field, ident, ty));
                    }
                    let setters = setters(&fields);
                    let fields = fields
                        .into_iter()
                        .zip(setters)
                        .map(|((field, ident, ty), setters)| FieldDef {
                            wire: field.name.clone(),
                            ident,
                            ty,
                            required: field.required,
                            docs: field.docs.clone(),
                            sensitive: field.sensitive,
                            constraints: field.constraints.clone(),
                            setters,
                            service_wire: field.service_wire.clone(),
                        })
                        .collect();
                    space.structs.push(StructDef {
                        builder: format!("{name}Builder"),
                        name,
                        source: source.clone(),
                        docs: shape.docs.clone(),
                        fields,
                    });
                }
            }
        }
        space.box_recursion();
        space.checked = space.find_checked();
        Ok(space)
    }

    /// Whether a value of `ty` can break the model: an enum, or a structure or union of
    /// [`TypeSpace::checked`], or a collection of those.
    pub fn is_checked(&self, ty: &RustType) -> bool {
        match ty {
            RustType::Named { name, .. } => self.checked.contains(name),
            RustType::Vec(item) | RustType::BTreeSet(item) => self.is_checked(item),
            RustType::BTreeMap(key, value) => self.is_checked(key) || self.is_checked(value),
            _ => false,
        }
    }

    /// The enums, the structures with a constrained field, and every structure or union that
    /// contains one of those: found backwards along the references, each visited once (a chain
    /// of 10,000 structures ending in an enum took 30 s when each pass added one link).
    fn find_checked(&self) -> BTreeSet<String> {
        // Who refers to each named type.
        let mut referrers: HashMap<&str, Vec<&str>> = HashMap::new();
        let fields = self
            .structs
            .iter()
            .flat_map(|s| s.fields.iter().map(move |f| (s.name.as_str(), &f.ty)));
        let variants = self.unions.iter().flat_map(|u| {
            u.variants
                .iter()
                .filter_map(move |(_, ty)| Some((u.name.as_str(), ty.as_ref()?)))
        });
        for (from, ty) in fields.chain(variants) {
            for to in named_types(ty) {
                referrers.entry(to).or_default().push(from);
            }
        }
        let mut pending: Vec<&str> = self.enums.iter().map(|e| e.name.as_str()).collect();
        pending.extend(
            self.structs
                .iter()
                .filter(|s| s.fields.iter().any(|f| !f.constraints.is_empty()))
                .map(|s| s.name.as_str()),
        );
        let mut checked: BTreeSet<String> = pending.iter().map(|name| name.to_string()).collect();
        while let Some(name) = pending.pop() {
            for &from in referrers.get(name).into_iter().flatten() {
                if checked.insert(from.to_string()) {
                    pending.push(from);
                }
            }
        }
        checked
    }

    /// Boxes every by-value reference that lies on a cycle (`A { b: B }`, `B { a: Option<A> }`),
    /// which would otherwise make an infinitely large type. Collections already add indirection.
    fn box_recursion(&mut self) {
        let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut node = |name: &str, types: Vec<&RustType>| {
            let targets = types
                .into_iter()
                .filter_map(|t| match t {
                    RustType::Named { name, .. } => Some(name.clone()),
                    _ => None,
                })
                .collect();
            edges.insert(name.to_string(), targets);
        };
        for s in &self.structs {
            node(&s.name, s.fields.iter().map(|f| &f.ty).collect());
        }
        for u in &self.unions {
            node(
                &u.name,
                u.variants.iter().filter_map(|(_, t)| t.as_ref()).collect(),
            );
        }
        let component = strongly_connected(&edges);
        let on_cycle = |from: &str, to: &str| {
            component
                .get(from)
                .is_some_and(|c| Some(c) == component.get(to))
                && (from != to || edges[from].iter().any(|t| t == to))
        };
        let mark = |from: &str, ty: &mut RustType| {
            if let RustType::Named { name, boxed } = ty {
                *boxed = on_cycle(from, name);
            }
        };
        for s in &mut self.structs {
            for f in &mut s.fields {
                mark(&s.name, &mut f.ty);
            }
        }
        for u in &mut self.unions {
            for t in u.variants.iter_mut().filter_map(|(_, t)| t.as_mut()) {
                mark(&u.name, t);
            }
        }
    }
}

/// Rust names for every shape: `FooTypeDef` → `Foo`, then the SDK's PascalCase, then made unique.
fn shape_names(model: &Model) -> BTreeMap<String, String> {
    // Structures claim their names first: they are what users type most.
    let mut order: Vec<&String> = model
        .shapes
        .iter()
        .filter(|(_, s)| matches!(s.kind, ShapeKind::Structure(_)))
        .map(|(name, _)| name)
        .collect();
    order.extend(
        model
            .shapes
            .iter()
            .filter(|(_, s)| matches!(s.kind, ShapeKind::Literal(_)))
            .map(|(name, _)| name),
    );
    let candidates = order
        .iter()
        .map(|source| {
            let base = source
                .strip_suffix("TypeDef")
                .filter(|b| !b.is_empty())
                .unwrap_or(source);
            naming::type_ident(&naming::pascal_case(base))
        })
        .collect();
    order
        .into_iter()
        .cloned()
        .zip(unique(candidates, ""))
        .collect()
}

/// The builder methods of a structure's fields: `build` and `try_build` first, then every field's
/// own name, then the prefixed forms, so that a clash renames the prefixed form (`set_x_2`) before
/// a field's name.
fn setters(fields: &[(&crate::ir::Field, String, RustType)]) -> Vec<Setters> {
    let prefixes = |ty: &RustType| {
        let add: &[&str] = match ty {
            RustType::Vec(_) | RustType::BTreeSet(_) => &["push_"],
            RustType::BTreeMap(..) => &["insert_"],
            _ => &[],
        };
        [&["set_", "get_"], add].concat()
    };
    let reserved = [BUILD_METHOD, TRY_BUILD_METHOD];
    let mut candidates: Vec<String> = reserved.iter().map(|m| m.to_string()).collect();
    candidates.extend(fields.iter().map(|(_, ident, _)| ident.clone()));
    for (_, ident, ty) in fields {
        let bare = ident.trim_start_matches("r#");
        candidates.extend(prefixes(ty).iter().map(|p| format!("{p}{bare}")));
    }
    let names = unique(candidates, "_");
    let own_names = reserved.len()..reserved.len() + fields.len();
    let mut prefixed = names[own_names.end..].iter();
    let mut next = || prefixed.next().expect("a name per prefix").clone();
    fields
        .iter()
        .zip(&names[own_names])
        .map(|((_, _, ty), value)| Setters {
            value: value.clone(),
            option: (next(), next()),
            add: ty.is_collection().then(&mut next),
        })
        .collect()
}

/// The generated types `ty` names, inside collections too.
fn named_types(ty: &RustType) -> Vec<&str> {
    match ty {
        RustType::Named { name, .. } => vec![name],
        RustType::Vec(item) | RustType::BTreeSet(item) => named_types(item),
        RustType::BTreeMap(key, value) => [named_types(key), named_types(value)].concat(),
        _ => Vec::new(),
    }
}

fn unique(candidates: Vec<String>, separator: &str) -> Vec<String> {
    naming::dedupe(candidates, separator)
}

fn variants(values: &[String]) -> Vec<(String, String)> {
    let candidates = values
        .iter()
        .enumerate()
        .map(|(i, value)| match naming::variant_name(value) {
            // The catch-all owns `Unknown`; a listed `UNKNOWN` value becomes `UnknownValue`.
            Some(name) if name == UNKNOWN_VARIANT => "UnknownValue".to_string(),
            Some(name) => naming::type_ident(&name),
            None => format!("Value{}", i + 1),
        })
        .collect::<Vec<_>>();
    let mut names = unique([vec![UNKNOWN_VARIANT.to_string()], candidates].concat(), "");
    names.remove(0);
    names.into_iter().zip(values.iter().cloned()).collect()
}

/// Turns one field's IR type into its Rust type, creating the enums its inline literals and unions need.
struct Resolver<'a> {
    names: &'a BTreeMap<String, String>,
    model: &'a Model,
    taken: &'a mut BTreeSet<String>,
    space: &'a mut TypeSpace,
    shape: &'a str,
    field: &'a str,
}

impl Resolver<'_> {
    fn rust_type(&mut self, ty: &Type, name_hint: &str) -> RustType {
        match ty {
            Type::String => RustType::String,
            Type::Integer => RustType::I64,
            // `Decimal` only occurs inside DynamoDB's attribute-value unions, where JSON numbers carry it.
            Type::Float | Type::Decimal => RustType::F64,
            Type::Boolean => RustType::Bool,
            Type::Timestamp => RustType::Timestamp,
            Type::Blob => RustType::Blob,
            Type::Any | Type::Null => RustType::Json,
            Type::List(item) => {
                RustType::Vec(Box::new(self.rust_type(item, &format!("{name_hint}Item"))))
            }
            Type::Set(item) => {
                let ordered = ir::is_ordered(self.model, item);
                let item = Box::new(self.rust_type(item, &format!("{name_hint}Item")));
                if ordered {
                    RustType::BTreeSet(item)
                } else {
                    RustType::Vec(item)
                }
            }
            // `ir::check` has made sure the key is ordered.
            Type::Map(key, value) => {
                let key = self.rust_type(key, &format!("{name_hint}Key"));
                let value = self.rust_type(value, &format!("{name_hint}Value"));
                RustType::BTreeMap(Box::new(key), Box::new(value))
            }
            Type::Ref(source) => RustType::Named {
                name: self.names[source].clone(),
                boxed: false,
            },
            Type::Enum(values) => {
                let name = self.claim(name_hint);
                self.space.enums.push(EnumDef {
                    name: name.clone(),
                    origin: EnumOrigin::Inline {
                        shape: self.shape.to_string(),
                        field: self.field.to_string(),
                    },
                    docs: None,
                    variants: variants(values),
                });
                RustType::Named { name, boxed: false }
            }
            Type::Union(members) => {
                let name = self.claim(name_hint);
                let mut ranked = Vec::new();
                for (i, member) in members.iter().enumerate() {
                    let rust = if *member == Type::Null {
                        None
                    } else {
                        Some(self.rust_type(member, &format!("{name}Member{}", i + 1)))
                    };
                    ranked.push((
                        match_rank(member, self.model),
                        variant_label(member, &rust, self.names),
                        rust,
                    ));
                }
                // serde tries untagged variants in order: the most particular JSON shapes go first.
                ranked.sort_by_key(|(rank, _, _)| *rank);
                let labels = unique(
                    ranked.iter().map(|(_, label, _)| label.clone()).collect(),
                    "",
                );
                let variants = labels
                    .into_iter()
                    .zip(ranked)
                    .map(|(label, (_, _, rust))| (label, rust))
                    .collect();
                self.space.unions.push(UnionDef {
                    name: name.clone(),
                    shape: self.shape.to_string(),
                    field: self.field.to_string(),
                    variants,
                });
                RustType::Named { name, boxed: false }
            }
        }
    }

    /// Reserves a name for an inline enum, suffixing a number if a shape or earlier inline type has it.
    fn claim(&mut self, hint: &str) -> String {
        let base = naming::type_ident(hint);
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }
}

/// The order in which an untagged enum tries its variants: `null`, then scalars from the most to the
/// least particular JSON form (an integer also reads as a float; any string reads as a string), then
/// arrays, objects and finally arbitrary JSON.
fn match_rank(member: &Type, model: &Model) -> u8 {
    match member {
        Type::Null => 0,
        Type::Boolean => 1,
        Type::Integer => 2,
        Type::Float | Type::Decimal => 3,
        Type::Timestamp => 4,
        Type::Enum(_) => 5,
        Type::Ref(name) if matches!(model.shapes[name].kind, ShapeKind::Literal(_)) => 5,
        Type::String => 6,
        Type::Blob => 7,
        Type::List(_) | Type::Set(_) => 8,
        Type::Ref(_) => 9,
        Type::Map(..) => 10,
        Type::Any => 11,
        Type::Union(_) => 12,
    }
}

/// A variant name describing the member's type: `String`, `IntegerSet`, `StringAnyMap`, `Settings`.
fn variant_label(
    member: &Type,
    rust: &Option<RustType>,
    names: &BTreeMap<String, String>,
) -> String {
    match (member, rust) {
        // Inline enums and unions are named after the field; the variant takes that name.
        (Type::Enum(_) | Type::Union(_), Some(RustType::Named { name, .. })) => name.clone(),
        _ => ir_label(member, names),
    }
}

fn ir_label(ty: &Type, names: &BTreeMap<String, String>) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Integer => "Integer".into(),
        Type::Float => "Float".into(),
        Type::Decimal => "Decimal".into(),
        Type::Boolean => "Boolean".into(),
        Type::Timestamp => "Timestamp".into(),
        Type::Blob => "Blob".into(),
        Type::Any => "Any".into(),
        Type::Null => "Null".into(),
        Type::List(item) => format!("{}List", ir_label(item, names)),
        Type::Set(item) => format!("{}Set", ir_label(item, names)),
        Type::Map(k, v) => format!("{}{}Map", ir_label(k, names), ir_label(v, names)),
        Type::Ref(source) => names[source].clone(),
        Type::Enum(_) => "Enum".into(),
        Type::Union(_) => "Union".into(),
    }
}

/// Kosaraju's algorithm, iteratively: each node's component, named by a representative.
fn strongly_connected(edges: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, String> {
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    for start in edges.keys() {
        if !seen.insert(start.clone()) {
            continue;
        }
        let mut stack = vec![(start.clone(), 0usize)];
        while let Some((node, next)) = stack.pop() {
            let targets = edges.get(&node).map(Vec::as_slice).unwrap_or_default();
            if let Some(target) = targets.get(next) {
                stack.push((node, next + 1));
                if edges.contains_key(target) && seen.insert(target.clone()) {
                    stack.push((target.clone(), 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, targets) in edges {
        for to in targets {
            reverse.entry(to.as_str()).or_default().push(from.as_str());
        }
    }
    let mut component = BTreeMap::new();
    for root in order.iter().rev() {
        if component.contains_key(root) {
            continue;
        }
        let mut stack = vec![root.as_str()];
        component.insert(root.clone(), root.clone());
        while let Some(node) = stack.pop() {
            for &from in reverse.get(node).map(Vec::as_slice).unwrap_or_default() {
                if !component.contains_key(from) {
                    component.insert(from.to_string(), root.clone());
                    stack.push(from);
                }
            }
        }
    }
    component
}
