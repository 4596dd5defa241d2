//! What the [`rust:` settings](crate::settings::Rust) add to the generated types: derives where a
//! type can take them, and attributes on types and fields.

use super::plan::{EnumOrigin, RustType, TypeSpace};
use crate::error::{Error, Result};
use crate::ir::{Model, ShapeKind};
use crate::settings::{is_json_schema, parse_attribute, parse_derive, JsonKeys, MapType, Rust};
use std::collections::{HashMap, HashSet};
use syn::Attribute;

/// The derives whose fit shapegen works out from the fields.
const COMPUTED: [&str; 5] = ["Eq", "Hash", "PartialOrd", "Ord", "Default"];

/// The extra attributes of every type and field, by Rust type name (and wire name).
#[derive(Default)]
pub struct Extras {
    types: HashMap<String, Vec<Attribute>>,
    fields: HashMap<(String, String), Vec<Attribute>>,
    /// Whether literal enums get their `JsonSchema` impl (the other types derive it).
    pub schemars: bool,
}

impl Extras {
    /// The attributes to add after the type's own `#[derive]`.
    pub fn of_type(&self, name: &str) -> Vec<Attribute> {
        self.types.get(name).cloned().unwrap_or_default()
    }

    /// The attributes to add to field `wire` of structure `name`.
    pub fn of_field(&self, name: &str, wire: &str) -> Vec<Attribute> {
        let key = (name.to_string(), wire.to_string());
        self.fields.get(&key).cloned().unwrap_or_default()
    }

    pub fn new(model: &Model, space: &TypeSpace, rust: &Rust) -> Result<Extras> {
        let mut extras = Extras::default();
        if *rust == Rust::default() {
            return Ok(extras);
        }
        let in_settings = |e: String| Error::new(format!("rust settings: {e}"));
        let sorted_maps = rust.map.unwrap_or_default() == MapType::Btree;
        let global: Vec<syn::Path> = rust
            .derives
            .iter()
            .filter(|d| !is_json_schema(d))
            .map(|d| parse_derive(d))
            .collect::<Result<_, _>>()
            .map_err(in_settings)?;
        // The Rust name of each shape's type, by source name.
        let mut by_source: HashMap<&str, &str> = HashMap::new();
        for def in &space.structs {
            by_source.insert(&def.source, &def.name);
        }
        for def in &space.enums {
            if let EnumOrigin::Literal(source) = &def.origin {
                by_source.insert(source, &def.name);
            }
        }
        let mut nodes: Vec<Node> = Vec::new();
        for def in &space.structs {
            let fields = def.fields.iter().map(|f| (f.ty.clone(), f.required));
            nodes.push(Node::new(&def.name, Kind::Structure, fields.collect()));
        }
        for def in &space.enums {
            nodes.push(Node::new(&def.name, Kind::Literal, Vec::new()));
        }
        for def in &space.unions {
            let fields = def.variants.iter().filter_map(|(_, ty)| ty.clone());
            nodes.push(Node::new(
                &def.name,
                Kind::Union,
                fields.map(|ty| (ty, true)).collect(),
            ));
        }
        let mut requested: HashMap<String, Vec<syn::Path>> = HashMap::new();
        for (source, settings) in &rust.shapes {
            let shape = model
                .shapes
                .get(source)
                .ok_or_else(|| in_settings(format!("the model has no shape named `{source}`")))?;
            let name = by_source.get(source.as_str()).ok_or_else(|| {
                in_settings(format!("shape `{source}` generates no type of its own"))
            })?;
            let derives = settings.derives.iter().map(|d| parse_derive(d));
            let derives: Vec<syn::Path> = derives.collect::<Result<_, _>>().map_err(in_settings)?;
            requested.insert(name.to_string(), derives);
            let attributes = settings.attributes.iter().map(|a| parse_attribute(a));
            let attributes: Vec<Attribute> =
                attributes.collect::<Result<_, _>>().map_err(in_settings)?;
            extras.types.insert(name.to_string(), attributes);
            for (wire, field) in &settings.fields {
                let known =
                    matches!(&shape.kind, ShapeKind::Structure(s) if s.field(wire).is_some());
                if !known {
                    return Err(in_settings(format!(
                        "shape `{source}` has no field named `{wire}`"
                    )));
                }
                let attributes = field.attributes.iter().map(|a| parse_attribute(a));
                let attributes: Vec<Attribute> =
                    attributes.collect::<Result<_, _>>().map_err(in_settings)?;
                extras
                    .fields
                    .insert((name.to_string(), wire.clone()), attributes);
            }
        }
        // Each type's derives, those it has already left out, each once.
        for node in &mut nodes {
            let mine = requested.get(&node.name).into_iter().flatten();
            for path in global.iter().chain(mine) {
                let name = last_segment(path);
                let seen = node.derives.iter().any(|p| same(p, path));
                if !seen && !node.has(&name) {
                    node.derives.push(path.clone());
                }
            }
        }
        // The computed derives: start from what is asked, drop what a field cannot have, and
        // repeat until nothing changes (types may refer to each other in cycles).
        let mut has: HashMap<String, HashSet<&str>> = nodes
            .iter()
            .map(|node| {
                let asked = node.derives.iter().map(last_segment);
                let mut computed: HashSet<&str> = asked
                    .filter_map(|d| COMPUTED.iter().copied().find(|c| *c == d))
                    .collect();
                if node.has("Default") {
                    computed.insert("Default");
                }
                (node.name.clone(), computed)
            })
            .collect();
        let literal: HashSet<&str> = nodes
            .iter()
            .filter(|n| n.kind == Kind::Literal)
            .map(|n| n.name.as_str())
            .collect();
        loop {
            let mut dropped = Vec::new();
            for node in nodes.iter().filter(|n| n.kind != Kind::Literal) {
                for derive in &has[&node.name] {
                    if node.blocker(derive, &has, &literal, sorted_maps).is_some() {
                        dropped.push((node.name.clone(), *derive));
                    }
                }
            }
            if dropped.is_empty() {
                break;
            }
            for (name, derive) in dropped {
                has.get_mut(&name).map(|set| set.remove(derive));
            }
        }
        for node in &nodes {
            let mut derives = Vec::new();
            for path in &node.derives {
                let name = last_segment(path);
                let computed = COMPUTED.contains(&name.as_str());
                if computed && node.kind == Kind::Literal {
                    // Only `Default` gets here: a literal enum has no default value.
                    continue;
                }
                if computed && !has[&node.name].contains(name.as_str()) {
                    let asked = requested
                        .get(&node.name)
                        .is_some_and(|r| r.iter().any(|p| same(p, path)));
                    if asked {
                        let why = node
                            .blocker(&name, &has, &literal, sorted_maps)
                            .unwrap_or_else(|| "a field's type".into());
                        return Err(in_settings(format!(
                            "`{}` cannot derive `{name}`: {why} does not implement it; \
                             derive it there too (or in `rust.derives`), or leave it out",
                            node.name
                        )));
                    }
                    continue;
                }
                derives.push(path);
            }
            if !derives.is_empty() {
                let derive: Attribute = syn::parse_quote!(#[derive(#(#derives),*)]);
                extras
                    .types
                    .entry(node.name.clone())
                    .or_default()
                    .insert(0, derive);
            }
        }
        if rust.wants_schemars() {
            extras.add_json_schema(space, rust.json_keys.unwrap_or_default());
        }
        Ok(extras)
    }

    /// schemars' derive on structures (each field renamed to its wire name, which the derive
    /// would otherwise take from the Rust name, or the key serde uses: `keys`; skipped where serde
    /// skips it) and unions (whose serde derive it reads); literal enums implement it by hand, as
    /// they do serde.
    fn add_json_schema(&mut self, space: &TypeSpace, keys: JsonKeys) {
        self.schemars = true;
        let derive: Attribute = syn::parse_quote!(#[derive(::schemars::JsonSchema)]);
        let structures = space.structs.iter().map(|s| &s.name);
        for name in structures.chain(space.unions.iter().map(|u| &u.name)) {
            self.types
                .entry(name.clone())
                .or_default()
                .insert(0, derive.clone());
        }
        for def in &space.structs {
            for field in &def.fields {
                let rename: Attribute = match super::service_json::serde_key(field, keys) {
                    Some(key) => syn::parse_quote!(#[schemars(rename = #key)]),
                    None => syn::parse_quote!(#[schemars(skip)]),
                };
                let key = (def.name.clone(), field.wire.clone());
                self.fields.entry(key).or_default().insert(0, rename);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Structure,
    Literal,
    Union,
}

impl Kind {
    /// Whether a type of this kind derives or implements `derive` already.
    fn has(self, derive: &str) -> bool {
        let common = ["Clone", "Debug", "PartialEq", "Serialize", "Deserialize"];
        common.contains(&derive)
            || (self == Kind::Literal && ["Eq", "Hash", "PartialOrd", "Ord"].contains(&derive))
    }
}

struct Node {
    name: String,
    kind: Kind,
    /// Field types, each with whether it is required (an optional field is an `Option`).
    fields: Vec<(RustType, bool)>,
    derives: Vec<syn::Path>,
}

impl Node {
    fn new(name: &str, kind: Kind, fields: Vec<(RustType, bool)>) -> Node {
        Node {
            name: name.to_string(),
            kind,
            fields,
            derives: Vec::new(),
        }
    }

    /// Whether the type derives or implements `derive` whatever the settings ask: a structure
    /// whose fields are all optional derives `Default` itself.
    fn has(&self, derive: &str) -> bool {
        self.kind.has(derive)
            || (derive == "Default"
                && self.kind == Kind::Structure
                && self.fields.iter().all(|(_, required)| !required))
    }

    /// The first field type that keeps this type from deriving `derive`, described.
    fn blocker(
        &self,
        derive: &str,
        has: &HashMap<String, HashSet<&str>>,
        literal: &HashSet<&str>,
        sorted_maps: bool,
    ) -> Option<String> {
        if derive == "Default" && self.kind != Kind::Structure {
            return Some("an enum".into());
        }
        self.fields
            .iter()
            .filter(|(_, required)| *required || derive != "Default")
            .find(|(ty, _)| !supports(ty, derive, has, literal, sorted_maps))
            .map(|(ty, _)| format!("its field of type `{ty}`"))
    }
}

/// Whether a field of type `ty` implements `derive`, given what the generated types have and
/// whether maps are `BTreeMap`s (`HashMap` and `IndexMap` have no `Hash` or order).
fn supports(
    ty: &RustType,
    derive: &str,
    has: &HashMap<String, HashSet<&str>>,
    literal: &HashSet<&str>,
    sorted_maps: bool,
) -> bool {
    let supports = |ty| supports(ty, derive, has, literal, sorted_maps);
    match ty {
        RustType::String | RustType::I64 | RustType::Bool | RustType::Blob => true,
        RustType::Timestamp => derive != "Default",
        RustType::F64 => matches!(derive, "PartialOrd" | "Default"),
        RustType::Json => derive == "Default",
        RustType::Vec(item) | RustType::BTreeSet(item) => derive == "Default" || supports(item),
        RustType::BTreeMap(key, value) => {
            derive == "Default"
                || ((sorted_maps || derive == "Eq") && supports(key) && supports(value))
        }
        RustType::Named { name, .. } => {
            if literal.contains(name.as_str()) {
                derive != "Default"
            } else {
                has.get(name).is_some_and(|set| set.contains(derive))
            }
        }
    }
}

/// Whether two paths are written the same (syn's types compare only with its `extra-traits`).
fn same(a: &syn::Path, b: &syn::Path) -> bool {
    use quote::ToTokens;
    a.to_token_stream().to_string() == b.to_token_stream().to_string()
}

fn last_segment(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}
