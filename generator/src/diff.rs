//! What changed between two models, and what each change means for users of the generated crate.
//!
//! The rules follow from how the crate is built: structs are `#[non_exhaustive]` and built with
//! builders, so a new *optional* field breaks nobody; a new *required* field is a new setter every
//! builder chain must call, and a document that lacks it no longer reads. Enums are
//! `#[non_exhaustive]` with an `Unknown` variant, so a new value is additive; a removed one takes a
//! variant away. Anything that changes a field's Rust type (`T` ↔ `Option<T>`, another type) breaks
//! code that reads it. Documentation, sensitivity and constraints change no signature; documentation
//! alone calls for no new version (a botocore update rewrites much of it).
//!
//! Changes are found between source names (the models'), then named as the crate names them
//! ([`TypeSpace`]): `CreateBackendAuthResourceConfig::service`, `Mode::C`. A shape that left
//! under one name and came back under another is a rename, not a removal and an addition.

use crate::emit::plan::{EnumOrigin, TypeSpace};
use crate::error::escape_controls;
use crate::ir::{Field, MemberLocation, Model, ServiceWire, Shape, ShapeKind, Type};
use crate::naming;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a change does to code written against the previous crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// No signature changes (documentation, redaction, validation limits).
    None,
    /// New API that existing code does not have to know about.
    Additive,
    /// Existing code may stop compiling, or existing documents stop reading.
    Breaking,
}

/// The version bump a set of changes calls for, in semver terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    ShapeAdded,
    ShapeRemoved,
    /// A shape under a new name: its source name changed ([`Change::renamed_from`]) or only its
    /// Rust name did (a name another shape took). Breaking when the Rust name changed.
    ShapeRenamed,
    /// A structure became a literal type or the other way round.
    ShapeKindChanged,
    FieldAdded,
    FieldRemoved,
    FieldBecameRequired,
    FieldBecameOptional,
    FieldTypeChanged,
    ValueAdded,
    ValueRemoved,
    DocsChanged,
    SensitivityChanged,
    ConstraintsChanged,
    /// How the service's own HTTP API carries the field (its JSON key, header or URI label,
    /// timestamp format): what `rust.json_keys: service` reads and writes; no signature changes.
    ServiceWireChanged,
}

/// One change, named by source shape name and wire field name, and as the crate names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub effect: Effect,
    pub shape: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What changed, in words: the new field's type, `string → integer`, the enum value.
    pub detail: String,
    /// Where the change is in the generated crate: `Type`, `Type::field` or `Enum::Variant`, in
    /// the new crate (the old one for what was removed). `None` for a model that fails
    /// [`crate::ir::check`], of which no crate is made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust: Option<String>,
    /// `detail` in the crate's terms: Rust types (`Option<String> → String`), a rename's
    /// `Old → New`. `None` where `detail` says it already (values, docs) or `rust` is `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_detail: Option<String>,
    /// The source name a [`ChangeKind::ShapeRenamed`] shape had in the old model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

/// Every change from `old` to `new`, in a stable order (shape, then field, then kind).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub bump: Bump,
    pub changes: Vec<Change>,
}

pub fn diff(old: &Model, new: &Model) -> Diff {
    let renamed = renames(old, new);
    let old_to_new: BTreeMap<&str, &str> = renamed
        .iter()
        .map(|(to, from)| (from.as_str(), to.as_str()))
        .collect();
    let mut changes = Vec::new();
    let names: BTreeSet<&String> = old.shapes.keys().chain(new.shapes.keys()).collect();
    for name in names {
        match (old.shapes.get(name), new.shapes.get(name)) {
            (Some(_), None) if old_to_new.contains_key(name.as_str()) => {}
            (Some(shape), None) => changes.push(change(
                ChangeKind::ShapeRemoved,
                name,
                None,
                describe_shape(shape),
            )),
            (None, Some(shape)) => match renamed.get(name) {
                Some(from) => {
                    let mut rename = change(
                        ChangeKind::ShapeRenamed,
                        name,
                        None,
                        format!("{from} → {name}"),
                    );
                    rename.renamed_from = Some(from.clone());
                    changes.push(rename);
                    shape_changes(name, &old.shapes[from], shape, &old_to_new, &mut changes);
                }
                None => changes.push(change(
                    ChangeKind::ShapeAdded,
                    name,
                    None,
                    describe_shape(shape),
                )),
            },
            (Some(before), Some(after)) => {
                shape_changes(name, before, after, &old_to_new, &mut changes)
            }
            (None, None) => unreachable!("a name comes from one of the models"),
        }
    }
    let (old_names, new_names) = (CrateNames::of(old), CrateNames::of(new));
    if let (Some(before), Some(after)) = (&old_names, &new_names) {
        // The same shape under another Rust name: a shape that came took its name.
        for (name, rust) in &after.types {
            if before.types.get(name).is_some_and(|was| was != rust) {
                changes.push(change(ChangeKind::ShapeRenamed, name, None, String::new()));
            }
        }
    }
    let old_side = Side {
        model: old,
        names: old_names.as_ref(),
    };
    let new_side = Side {
        model: new,
        names: new_names.as_ref(),
    };
    for c in &mut changes {
        let old_shape = renamed.get(&c.shape).unwrap_or(&c.shape).clone();
        name_in_rust(c, &old_shape, &old_side, &new_side);
    }
    changes.sort_by(|a, b| (&a.shape, &a.field, a.kind).cmp(&(&b.shape, &b.field, b.kind)));
    // Documentation alone changes nothing a user's code or data meets: no new version.
    let versioned = changes.iter().filter(|c| c.kind != ChangeKind::DocsChanged);
    let bump = match versioned.map(|c| c.effect).max() {
        Some(Effect::Breaking) => Bump::Major,
        Some(Effect::Additive) => Bump::Minor,
        Some(Effect::None) => Bump::Patch,
        None => Bump::None,
    };
    Diff { bump, changes }
}

fn change(kind: ChangeKind, shape: &str, field: Option<&str>, detail: String) -> Change {
    let effect = match kind {
        ChangeKind::ShapeAdded | ChangeKind::ValueAdded => Effect::Additive,
        ChangeKind::DocsChanged
        | ChangeKind::SensitivityChanged
        | ChangeKind::ConstraintsChanged
        | ChangeKind::ServiceWireChanged => Effect::None,
        _ => Effect::Breaking,
    };
    Change {
        kind,
        effect,
        shape: shape.to_string(),
        field: field.map(str::to_string),
        detail,
        rust: None,
        rust_detail: None,
        renamed_from: None,
    }
}

/// The shapes that changed their source name, new name → old. A removed and an added shape of
/// the same kind are one shape renamed when at least half of their members (field names, or
/// values) are shared, and their names start with the same word or their members are the same.
/// Where several could pair, names closest in words pair first (`CloneBackendResponse` with
/// `CloneBackendResponseResponse`, not with `CreateBackendResponseResponse` of the same fields),
/// then the most members shared; each shape pairs once. Only the [`RENAME_WINDOW`] names nearest
/// in sorted order are tried in each index, which keeps the cost linear.
fn renames(old: &Model, new: &Model) -> BTreeMap<String, String> {
    let gone: Vec<(&String, &Shape)> = old
        .shapes
        .iter()
        .filter(|(name, _)| !new.shapes.contains_key(*name))
        .collect();
    let came: Vec<(&String, &Shape)> = new
        .shapes
        .iter()
        .filter(|(name, _)| !old.shapes.contains_key(*name))
        .collect();
    // Candidates come from two indexes, in each only the added names sorting nearest the removed
    // one (those sharing the longest start), so that an update renaming thousands of shapes
    // compares a few pairs for each rather than every pair.
    let words: Vec<Vec<String>> = came.iter().map(|(name, _)| name_words(name)).collect();
    let mut by_first_word: HashMap<(bool, &str), Vec<usize>> = HashMap::new();
    let mut by_members: HashMap<(bool, BTreeSet<&str>), Vec<usize>> = HashMap::new();
    for (i, (_, shape)) in came.iter().enumerate() {
        let (structure, members) = members(shape);
        let first = words[i].first().map_or("", String::as_str);
        // `came` is sorted by name, so each bucket is too.
        by_first_word.entry((structure, first)).or_default().push(i);
        by_members.entry((structure, members)).or_default().push(i);
    }
    let nearest = |bucket: Option<&Vec<usize>>, name: &str| -> Vec<usize> {
        let bucket = bucket.map_or(&[][..], Vec::as_slice);
        let at = bucket.partition_point(|&c| came[c].0.as_str() < name);
        bucket[at.saturating_sub(RENAME_WINDOW)..(at + RENAME_WINDOW).min(bucket.len())].to_vec()
    };
    let mut pairs = Vec::new();
    for (g, (name, shape)) in gone.iter().enumerate() {
        let (structure, members_gone) = members(shape);
        let gone_words = name_words(name);
        let first = gone_words.first().map_or("", String::as_str);
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        candidates.extend(nearest(by_first_word.get(&(structure, first)), name));
        candidates.extend(nearest(
            by_members.get(&(structure, members_gone.clone())),
            name,
        ));
        for c in candidates {
            let (_, members_came) = members(came[c].1);
            let shared = members_gone.intersection(&members_came).count();
            let all = members_gone.union(&members_came).count();
            let (shared, all) = if all == 0 { (1, 1) } else { (shared, all) };
            if 2 * shared >= all {
                pairs.push((closeness(&gone_words, &words[c]), shared, all, g, c));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then((b.1 * a.2).cmp(&(a.1 * b.2)))
            .then((a.3, a.4).cmp(&(b.3, b.4)))
    });
    let (mut paired_gone, mut paired_came) = (BTreeSet::new(), BTreeSet::new());
    let mut renamed = BTreeMap::new();
    for (_, _, _, g, c) in pairs {
        if !paired_gone.contains(&g) && !paired_came.contains(&c) {
            paired_gone.insert(g);
            paired_came.insert(c);
            renamed.insert(came[c].0.clone(), gone[g].0.clone());
        }
    }
    renamed
}

/// How many added names either side of a removed one, in sorted order, may pair with it.
const RENAME_WINDOW: usize = 4;

/// Whether the shape is a structure, and its field names or values.
fn members(shape: &Shape) -> (bool, BTreeSet<&str>) {
    match &shape.kind {
        ShapeKind::Structure(s) => (true, s.fields.iter().map(|f| f.name.as_str()).collect()),
        ShapeKind::Literal(l) => (false, l.values.iter().map(String::as_str).collect()),
    }
}

/// A source name's words, without mypy-boto3's `TypeDef` suffix.
fn name_words(name: &str) -> Vec<String> {
    naming::words(name.strip_suffix("TypeDef").unwrap_or(name))
}

/// How many words two names share at their start and end.
fn closeness(a: &[String], b: &[String]) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (prefix + suffix).min(a.len().min(b.len()))
}

/// Every name the generated crate gives a model's shapes, fields and enum values.
struct CrateNames {
    /// Rust type name by source shape name.
    types: BTreeMap<String, String>,
    /// `(identifier, declared Rust type)` by source shape name and wire field name.
    fields: HashMap<(String, String), (String, String)>,
    /// `Enum::Variant` by source shape name, field (for an inline literal) and value.
    variants: HashMap<(String, Option<String>, String), String>,
}

impl CrateNames {
    /// `None` for a model the emitter refuses, which has no crate to name things in.
    fn of(model: &Model) -> Option<CrateNames> {
        let space = TypeSpace::new(model).ok()?;
        let mut names = CrateNames {
            types: BTreeMap::new(),
            fields: HashMap::new(),
            variants: HashMap::new(),
        };
        for def in &space.structs {
            names.types.insert(def.source.clone(), def.name.clone());
            for field in &def.fields {
                let declared = if field.required {
                    field.ty.to_string()
                } else {
                    format!("Option<{}>", field.ty)
                };
                names.fields.insert(
                    (def.source.clone(), field.wire.clone()),
                    (field.ident.clone(), declared),
                );
            }
        }
        for def in &space.enums {
            let (shape, field) = match &def.origin {
                EnumOrigin::Literal(shape) => {
                    names.types.insert(shape.clone(), def.name.clone());
                    (shape.clone(), None)
                }
                EnumOrigin::Inline { shape, field } => (shape.clone(), Some(field.clone())),
            };
            for (variant, value) in &def.variants {
                names
                    .variants
                    .entry((shape.clone(), field.clone(), value.clone()))
                    .or_insert_with(|| format!("{}::{variant}", def.name));
            }
        }
        Some(names)
    }
}

/// One model of a diff, and the names its crate has.
struct Side<'a> {
    model: &'a Model,
    names: Option<&'a CrateNames>,
}

/// Fills in how the crate names what `c` is about (`old_shape`: the shape's name in the old
/// model); a rename that leaves the Rust name as it was changes nothing for users.
fn name_in_rust(c: &mut Change, old_shape: &str, old: &Side, new: &Side) {
    let removed = matches!(
        c.kind,
        ChangeKind::ShapeRemoved | ChangeKind::FieldRemoved | ChangeKind::ValueRemoved
    );
    let (side, shape) = if removed {
        (old, old_shape)
    } else {
        (new, c.shape.as_str())
    };
    let (Some(names), Some(old_names)) = (side.names, old.names) else {
        return;
    };
    let Some(ty) = names.types.get(shape) else {
        return;
    };
    let field = |names: &CrateNames, shape: &str| {
        let wire = c.field.clone()?;
        names.fields.get(&(shape.to_string(), wire)).cloned()
    };
    match c.kind {
        ChangeKind::ShapeAdded | ChangeKind::ShapeRemoved => {
            c.rust = Some(ty.clone());
            c.rust_detail = Some(describe_rust(&side.model.shapes[shape]));
        }
        ChangeKind::ShapeKindChanged => {
            c.rust = Some(ty.clone());
            c.rust_detail = Some(format!(
                "{} → {}",
                describe_rust(&old.model.shapes[old_shape]),
                describe_rust(&new.model.shapes[shape])
            ));
        }
        ChangeKind::ShapeRenamed => {
            let Some(was) = old_names.types.get(old_shape) else {
                return;
            };
            c.rust = Some(ty.clone());
            c.rust_detail = Some(format!("{was} → {ty}"));
            if was == ty {
                c.effect = Effect::None;
            }
        }
        ChangeKind::ValueAdded | ChangeKind::ValueRemoved => {
            let key = (shape.to_string(), c.field.clone(), c.detail.clone());
            c.rust = names.variants.get(&key).cloned();
        }
        _ if c.field.is_none() => c.rust = Some(ty.clone()),
        kind => {
            let Some((ident, declared)) = field(names, shape) else {
                return;
            };
            c.rust = Some(format!("{ty}::{ident}"));
            c.rust_detail = match kind {
                ChangeKind::FieldAdded | ChangeKind::FieldRemoved => Some(declared),
                ChangeKind::FieldBecameRequired
                | ChangeKind::FieldBecameOptional
                | ChangeKind::FieldTypeChanged => {
                    field(old_names, old_shape).map(|(_, before)| format!("{before} → {declared}"))
                }
                _ => None,
            };
        }
    }
}

fn describe_rust(shape: &Shape) -> String {
    match &shape.kind {
        ShapeKind::Structure(s) => format!("struct with {}", count(s.fields.len(), "field")),
        ShapeKind::Literal(l) => format!("enum with {}", count(l.values.len(), "variant")),
    }
}

fn describe_shape(shape: &Shape) -> String {
    match &shape.kind {
        ShapeKind::Structure(s) => format!("structure with {}", count(s.fields.len(), "field")),
        ShapeKind::Literal(l) => format!("literal type with {}", count(l.values.len(), "value")),
    }
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// `renamed`: old source name → new, so that a reference to a renamed shape is not a change of
/// type too (the rename says it).
fn shape_changes(
    name: &str,
    before: &Shape,
    after: &Shape,
    renamed: &BTreeMap<&str, &str>,
    changes: &mut Vec<Change>,
) {
    if before.docs != after.docs {
        changes.push(change(ChangeKind::DocsChanged, name, None, String::new()));
    }
    match (&before.kind, &after.kind) {
        (ShapeKind::Literal(old), ShapeKind::Literal(new)) => {
            value_changes(name, None, &old.values, &new.values, changes);
        }
        (ShapeKind::Structure(old), ShapeKind::Structure(new)) => {
            for field in &old.fields {
                match new.field(&field.name) {
                    None => changes.push(change(
                        ChangeKind::FieldRemoved,
                        name,
                        Some(&field.name),
                        describe_field(field),
                    )),
                    Some(after) => field_changes(name, field, after, renamed, changes),
                }
            }
            for field in new.fields.iter().filter(|f| old.field(&f.name).is_none()) {
                let mut added = change(
                    ChangeKind::FieldAdded,
                    name,
                    Some(&field.name),
                    describe_field(field),
                );
                if !field.required {
                    added.effect = Effect::Additive;
                }
                changes.push(added);
            }
        }
        _ => changes.push(change(
            ChangeKind::ShapeKindChanged,
            name,
            None,
            format!("{} → {}", describe_shape(before), describe_shape(after)),
        )),
    }
}

fn describe_field(field: &Field) -> String {
    let presence = if field.required {
        "required"
    } else {
        "optional"
    };
    format!(
        "{presence} {}",
        crate::yaml::type_syntax::to_string(&field.ty)
    )
}

fn field_changes(
    shape: &str,
    before: &Field,
    after: &Field,
    renamed: &BTreeMap<&str, &str>,
    changes: &mut Vec<Change>,
) {
    let field = Some(before.name.as_str());
    match (before.required, after.required) {
        (false, true) => changes.push(change(
            ChangeKind::FieldBecameRequired,
            shape,
            field,
            String::new(),
        )),
        (true, false) => changes.push(change(
            ChangeKind::FieldBecameOptional,
            shape,
            field,
            String::new(),
        )),
        _ => {}
    }
    if with_renames(&before.ty, renamed) != after.ty {
        match enum_value_changes(&before.ty, &after.ty) {
            Some(values) => {
                for (old, new) in values {
                    value_changes(shape, field, old, new, changes);
                }
            }
            None => changes.push(change(
                ChangeKind::FieldTypeChanged,
                shape,
                field,
                format!(
                    "{} → {}",
                    crate::yaml::type_syntax::to_string(&before.ty),
                    crate::yaml::type_syntax::to_string(&after.ty)
                ),
            )),
        }
    }
    if before.docs != after.docs {
        changes.push(change(ChangeKind::DocsChanged, shape, field, String::new()));
    }
    if before.sensitive != after.sensitive {
        let detail = if after.sensitive {
            "now redacted"
        } else {
            "no longer redacted"
        };
        changes.push(change(
            ChangeKind::SensitivityChanged,
            shape,
            field,
            detail.to_string(),
        ));
    }
    if before.constraints != after.constraints {
        changes.push(change(
            ChangeKind::ConstraintsChanged,
            shape,
            field,
            String::new(),
        ));
    }
    if before.service_wire != after.service_wire {
        changes.push(change(
            ChangeKind::ServiceWireChanged,
            shape,
            field,
            format!(
                "{} → {}",
                service_wire_words(&before.service_wire),
                service_wire_words(&after.service_wire)
            ),
        ));
    }
}

/// Where the service carries a field, in words: `body key appId`, `header X-Amz-Id`, with its
/// timestamp format if it has one.
fn service_wire_words(wire: &ServiceWire) -> String {
    let place = match (&wire.location, &wire.key) {
        (MemberLocation::Body, Some(key)) => format!("body key {key}"),
        (MemberLocation::Body, None) => "body key as boto3's".to_string(),
        (MemberLocation::Header(name), _) => format!("header {name}"),
        (MemberLocation::Headers(prefix), _) => format!("headers {prefix}*"),
        (MemberLocation::Uri(label), _) => format!("URI label {label}"),
        (MemberLocation::QueryString(name), _) => format!("query parameter {name}"),
        (MemberLocation::StatusCode, _) => "status code".to_string(),
    };
    match wire.timestamp_format {
        Some(format) => format!("{place}, {}", crate::yaml::timestamp_format_name(format)),
        None => place,
    }
}

/// `ty` with its references to renamed shapes following the rename.
fn with_renames(ty: &Type, renamed: &BTreeMap<&str, &str>) -> Type {
    let map = |t: &Type| Box::new(with_renames(t, renamed));
    match ty {
        Type::Ref(name) => Type::Ref(
            renamed
                .get(name.as_str())
                .map_or(name.as_str(), |n| n)
                .to_string(),
        ),
        Type::List(item) => Type::List(map(item)),
        Type::Set(item) => Type::Set(map(item)),
        Type::Map(key, value) => Type::Map(map(key), map(value)),
        Type::Union(members) => {
            Type::Union(members.iter().map(|m| with_renames(m, renamed)).collect())
        }
        other => other.clone(),
    }
}

/// When two types differ only in the values of inline `Literal[...]`s, the pairs of value lists
/// that differ; `None` when they differ in anything else.
fn enum_value_changes<'a>(
    before: &'a Type,
    after: &'a Type,
) -> Option<Vec<(&'a [String], &'a [String])>> {
    let mut pairs = Vec::new();
    fn walk<'a>(
        before: &'a Type,
        after: &'a Type,
        pairs: &mut Vec<(&'a [String], &'a [String])>,
    ) -> bool {
        match (before, after) {
            (Type::Enum(old), Type::Enum(new)) => {
                pairs.push((old.as_slice(), new.as_slice()));
                true
            }
            (Type::List(a), Type::List(b)) | (Type::Set(a), Type::Set(b)) => walk(a, b, pairs),
            (Type::Map(ak, av), Type::Map(bk, bv)) => walk(ak, bk, pairs) && walk(av, bv, pairs),
            (Type::Union(a), Type::Union(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| walk(x, y, pairs))
            }
            (a, b) => a == b,
        }
    }
    walk(before, after, &mut pairs).then_some(pairs)
}

fn value_changes(
    shape: &str,
    field: Option<&str>,
    old: &[String],
    new: &[String],
    changes: &mut Vec<Change>,
) {
    for value in new.iter().filter(|v| !old.contains(v)) {
        changes.push(change(ChangeKind::ValueAdded, shape, field, value.clone()));
    }
    for value in old.iter().filter(|v| !new.contains(v)) {
        changes.push(change(
            ChangeKind::ValueRemoved,
            shape,
            field,
            value.clone(),
        ));
    }
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The next version after `version` (`MAJOR.MINOR.PATCH[-pre][+build]`) for this bump, by
    /// Cargo's reading of semver: below 1.0.0 a breaking change bumps the minor number and anything
    /// else the patch number. A pre-release stays one, its last number counting up whatever the
    /// bump (`1.2.3-rc.1` → `1.2.3-rc.2`, `1.2.3-beta` → `1.2.3-beta.1`): semver lets a
    /// pre-release change anything before its release, and releasing is the maintainer's call.
    /// Build metadata is kept. `None` if `version` is not a semantic version.
    pub fn apply(self, version: &str) -> Option<String> {
        let mut next = semver::Version::parse(version).ok()?;
        match (self, next.major) {
            (Bump::None, _) => return Some(version.to_string()),
            _ if !next.pre.is_empty() => next.pre = next_pre_release(&next.pre),
            (Bump::Major, 0) => (next.minor, next.patch) = (next.minor + 1, 0),
            (Bump::Major, _) => (next.major, next.minor, next.patch) = (next.major + 1, 0, 0),
            (Bump::Minor, 0) | (Bump::Patch, _) => next.patch += 1,
            (Bump::Minor, _) => (next.minor, next.patch) = (next.minor + 1, 0),
        }
        Some(next.to_string())
    }
}

/// `rc.1` → `rc.2`; `rc` → `rc.1` (more identifiers sort after fewer, so it is still later).
fn next_pre_release(pre: &semver::Prerelease) -> semver::Prerelease {
    let text = match pre.rsplit_once('.') {
        Some((head, last)) => match last.parse::<u64>() {
            Ok(n) => format!("{head}.{}", n + 1),
            Err(_) => format!("{pre}.1"),
        },
        None => match pre.parse::<u64>() {
            Ok(n) => (n + 1).to_string(),
            Err(_) => format!("{pre}.1"),
        },
    };
    semver::Prerelease::new(&text).expect("a valid pre-release with a number added stays valid")
}

impl Change {
    /// `Shape.Field`, or `Shape`: source names.
    pub fn target(&self) -> String {
        match &self.field {
            Some(field) => format!("{}.{field}", self.shape),
            None => self.shape.clone(),
        }
    }

    /// Where users find it: the Rust path where known, else [`Change::target`].
    pub fn rust_target(&self) -> String {
        self.rust.clone().unwrap_or_else(|| self.target())
    }

    /// The source names beside a Rust path, where they say more than it: a field's wire name,
    /// a renamed shape's old and new source names, a shape's source name unlike its Rust name.
    fn source_note(&self) -> Option<String> {
        let rust = self.rust.as_ref()?;
        match (&self.field, self.kind) {
            (_, ChangeKind::ValueAdded | ChangeKind::ValueRemoved) => None,
            (Some(field), _) => Some(field.clone()),
            (None, ChangeKind::ShapeRenamed) if self.renamed_from.is_some() => {
                Some(self.detail.clone())
            }
            (None, _) => (&self.shape != rust).then(|| self.shape.clone()),
        }
    }

    /// The detail as shown: in Rust terms where known.
    fn shown_detail(&self) -> &str {
        match (&self.rust, &self.rust_detail) {
            (Some(_), Some(detail)) => detail,
            _ => &self.detail,
        }
    }

    /// The kind in words: `field became required`.
    pub fn kind_words(&self) -> String {
        format!("{:?}", self.kind)
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let space = (i > 0 && c.is_ascii_uppercase()).then_some(' ');
                space
                    .into_iter()
                    .chain(std::iter::once(c.to_ascii_lowercase()))
            })
            .collect()
    }

    /// The Keep a Changelog section the change belongs in.
    fn section(&self) -> &'static str {
        match (self.kind, self.effect) {
            (ChangeKind::ShapeAdded | ChangeKind::ValueAdded, _)
            | (ChangeKind::FieldAdded, Effect::Additive) => "Added",
            (ChangeKind::ShapeRemoved | ChangeKind::FieldRemoved | ChangeKind::ValueRemoved, _) => {
                "Removed"
            }
            _ => "Changed",
        }
    }

    /// One changelog line: `- **Breaking:** `Foo::bar` (`Bar`): field type changed, `A` → `B``.
    fn to_markdown_line(&self) -> String {
        let mut line = String::from("- ");
        if self.effect == Effect::Breaking {
            line.push_str("**Breaking:** ");
        }
        if let (ChangeKind::ShapeRenamed, Some(_), Some(rust)) =
            (self.kind, &self.rust, &self.rust_detail)
        {
            // `Old` renamed to `New` (`OldTypeDef` → `NewTypeDef`)
            let (was, now) = rust.split_once(" → ").unwrap_or((rust, rust));
            line.push_str(&format!("{} renamed to {}", code(was), code(now)));
            if let Some(note) = self.source_note() {
                line.push_str(&format!(" ({})", code_parts(&note)));
            }
            line.push('\n');
            return line;
        }
        line.push_str(&code(&self.rust_target()));
        if let Some(note) = self.source_note() {
            line.push_str(&format!(" ({})", code_parts(&note)));
        }
        let presence = match self.kind {
            // The source detail says `required string`: the Rust type alone hides it in `Option`.
            ChangeKind::FieldAdded | ChangeKind::FieldRemoved if self.rust.is_some() => {
                self.detail.split(' ').next().map(|p| format!("{p} "))
            }
            _ => None,
        };
        line.push_str(&format!(
            ": {}{}",
            presence.unwrap_or_default(),
            self.kind_words()
        ));
        let detail = self.shown_detail();
        if !detail.is_empty() {
            let plain = self.rust.is_none()
                || matches!(
                    self.kind,
                    ChangeKind::ShapeAdded
                        | ChangeKind::ShapeRemoved
                        | ChangeKind::ShapeKindChanged
                        | ChangeKind::SensitivityChanged
                        | ChangeKind::ServiceWireChanged
                );
            let detail = if plain {
                markdown_text(detail)
            } else {
                code_parts(detail)
            };
            line.push_str(&format!(", {detail}"));
        }
        line.push('\n');
        line
    }
}

/// `text` as inline code, with nothing that could end it or break the line.
fn code(text: &str) -> String {
    format!("`{}`", markdown_text(text).replace('`', "'"))
}

/// `A → B` as `` `A` → `B` ``.
fn code_parts(text: &str) -> String {
    text.split(" → ").map(code).collect::<Vec<_>>().join(" → ")
}

/// Text from a model, kept to one line with nothing that could end a code span.
fn markdown_text(text: &str) -> String {
    escape_controls(text).replace('`', "'")
}

impl Diff {
    /// For people: the bump, then one line per change, named as the crate names it.
    pub fn to_text(&self) -> String {
        let count = self.changes.len();
        let mut out = format!(
            "bump: {} ({count} change{})\n",
            self.bump.as_str(),
            if count == 1 { "" } else { "s" }
        );
        for c in &self.changes {
            let effect = match c.effect {
                Effect::Breaking => "breaking",
                Effect::Additive => "additive",
                Effect::None => "none",
            };
            out.push_str(&format!(
                "{effect:<9} {:<22} {}",
                c.kind_words(),
                escape_controls(&c.rust_target())
            ));
            if let Some(note) = c.source_note() {
                out.push_str(&format!(" ({})", escape_controls(&note)));
            }
            if !c.shown_detail().is_empty() {
                out.push_str(&format!(": {}", escape_controls(c.shown_detail())));
            }
            out.push('\n');
        }
        out
    }

    /// A changelog entry in the Keep a Changelog form: `## <heading>`, then `intro` (a
    /// paragraph, if not empty), then `### Added`, `### Changed` and `### Removed` in that order,
    /// each change one line naming what users see, breaking ones marked so.
    pub fn to_markdown(&self, heading: &str, intro: &str) -> String {
        let mut out = format!("## {heading}\n");
        if !intro.is_empty() {
            out.push_str(&format!("\n{intro}\n"));
        }
        if self.changes.is_empty() {
            out.push_str("\nNo API changes.\n");
        }
        for section in ["Added", "Changed", "Removed"] {
            let lines: String = self
                .changes
                .iter()
                .filter(|c| c.section() == section)
                .map(Change::to_markdown_line)
                .collect();
            if !lines.is_empty() {
                out.push_str(&format!("\n### {section}\n\n{lines}"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const BASE: &str = "service: s\nshapes:\n  FooTypeDef:\n    fields:\n      \
        Name: {type: string, required: true}\n      Note: {type: string, required: false}\n      \
        Kind: {type: \"enum['A']\", required: false}\n  Mode:\n    values: [A, B]\n";

    fn model(text: &str) -> Model {
        crate::yaml::from_str(Path::new("m.yaml"), text).unwrap()
    }

    /// The changes from BASE to BASE edited by `from → to`, as `(kind, effect, target, detail)`.
    fn changes(from: &str, to: &str) -> (Bump, Vec<(ChangeKind, Effect, String, String)>) {
        assert!(BASE.contains(from), "{from}");
        let d = diff(&model(BASE), &model(&BASE.replace(from, to)));
        let list = d
            .changes
            .iter()
            .map(|c| (c.kind, c.effect, c.target(), c.detail.clone()))
            .collect();
        (d.bump, list)
    }

    fn one(
        kind: ChangeKind,
        effect: Effect,
        target: &str,
        detail: &str,
    ) -> Vec<(ChangeKind, Effect, String, String)> {
        vec![(kind, effect, target.to_string(), detail.to_string())]
    }

    #[test]
    fn the_same_model_has_no_changes() {
        assert_eq!(changes("", ""), (Bump::None, vec![]));
    }

    #[test]
    fn fields_added_are_additive_only_when_optional() {
        let optional = "      Extra: {type: integer, required: false}\n  Mode:";
        assert_eq!(
            changes("  Mode:", optional),
            (
                Bump::Minor,
                one(
                    ChangeKind::FieldAdded,
                    Effect::Additive,
                    "FooTypeDef.Extra",
                    "optional integer"
                )
            )
        );
        let required = "      Extra: {type: integer, required: true}\n  Mode:";
        assert_eq!(
            changes("  Mode:", required),
            (
                Bump::Major,
                one(
                    ChangeKind::FieldAdded,
                    Effect::Breaking,
                    "FooTypeDef.Extra",
                    "required integer"
                )
            )
        );
    }

    #[test]
    fn removing_or_retyping_a_field_or_its_presence_breaks() {
        let removed = changes("      Note: {type: string, required: false}\n", "");
        assert_eq!(
            removed,
            (
                Bump::Major,
                one(
                    ChangeKind::FieldRemoved,
                    Effect::Breaking,
                    "FooTypeDef.Note",
                    "optional string"
                )
            )
        );
        let required = changes(
            "Note: {type: string, required: false}",
            "Note: {type: string, required: true}",
        );
        assert_eq!(
            required.1,
            one(
                ChangeKind::FieldBecameRequired,
                Effect::Breaking,
                "FooTypeDef.Note",
                ""
            )
        );
        let optional = changes(
            "Name: {type: string, required: true}",
            "Name: {type: string, required: false}",
        );
        assert_eq!(
            optional.1,
            one(
                ChangeKind::FieldBecameOptional,
                Effect::Breaking,
                "FooTypeDef.Name",
                ""
            )
        );
        let retyped = changes("Note: {type: string", "Note: {type: 'list[string]'");
        assert_eq!(
            retyped.1,
            one(
                ChangeKind::FieldTypeChanged,
                Effect::Breaking,
                "FooTypeDef.Note",
                "string → list[string]"
            )
        );
    }

    #[test]
    fn enum_values_added_are_additive_removed_break() {
        assert_eq!(
            changes("[A, B]", "[A, B, C]"),
            (
                Bump::Minor,
                one(ChangeKind::ValueAdded, Effect::Additive, "Mode", "C")
            )
        );
        assert_eq!(
            changes("[A, B]", "[A]"),
            (
                Bump::Major,
                one(ChangeKind::ValueRemoved, Effect::Breaking, "Mode", "B")
            )
        );
        // An inline literal's values are compared the same way, not as a changed type.
        assert_eq!(
            changes("enum['A']", "enum['A', 'Z']").1,
            one(
                ChangeKind::ValueAdded,
                Effect::Additive,
                "FooTypeDef.Kind",
                "Z"
            )
        );
    }

    #[test]
    fn shapes_added_and_removed() {
        let added = changes("  Mode:", "  BarTypeDef:\n    fields: {}\n  Mode:");
        assert_eq!(
            added,
            (
                Bump::Minor,
                one(
                    ChangeKind::ShapeAdded,
                    Effect::Additive,
                    "BarTypeDef",
                    "structure with 0 fields"
                )
            )
        );
        let removed = changes("  Mode:\n    values: [A, B]\n", "");
        assert_eq!(
            removed,
            (
                Bump::Major,
                one(
                    ChangeKind::ShapeRemoved,
                    Effect::Breaking,
                    "Mode",
                    "literal type with 2 values"
                )
            )
        );
    }

    #[test]
    fn documentation_alone_calls_for_no_bump() {
        let (bump, list) = changes(
            "Note: {type: string, required: false}",
            "Note: {type: string, required: false, docs: A note.}",
        );
        assert_eq!(bump, Bump::None);
        assert_eq!(
            list.iter().map(|c| c.0).collect::<Vec<_>>(),
            [ChangeKind::DocsChanged]
        );
    }

    #[test]
    fn documentation_sensitivity_and_constraints_are_patches() {
        let (bump, list) = changes(
            "Note: {type: string, required: false}",
            "Note: {type: string, required: false, docs: A note., sensitive: true, length: {max: 9}}",
        );
        assert_eq!(bump, Bump::Patch);
        let kinds: Vec<ChangeKind> = list.iter().map(|c| c.0).collect();
        assert_eq!(
            kinds,
            [
                ChangeKind::DocsChanged,
                ChangeKind::SensitivityChanged,
                ChangeKind::ConstraintsChanged
            ]
        );
    }

    #[test]
    fn the_service_s_own_wire_changes_are_patches_in_words() {
        let note = "Note: {type: string, required: false}";
        let wire = |to: &str| {
            changes(
                note,
                &format!("Note: {{type: string, required: false, {to}}}"),
            )
        };
        let (bump, list) = wire("location: {header: X-Note}");
        assert_eq!(bump, Bump::Patch);
        assert_eq!(
            list,
            one(
                ChangeKind::ServiceWireChanged,
                Effect::None,
                "FooTypeDef.Note",
                "body key as boto3's → header X-Note"
            )
        );
        assert_eq!(
            wire("key: note").1[0].3,
            "body key as boto3's → body key note"
        );
    }

    #[test]
    fn bumps_follow_cargo_semver() {
        assert_eq!(
            Bump::Major.apply("0.3.1+boto3.1.17.62").as_deref(),
            Some("0.4.0+boto3.1.17.62")
        );
        assert_eq!(Bump::Minor.apply("0.3.1").as_deref(), Some("0.3.2"));
        assert_eq!(Bump::Patch.apply("0.3.1").as_deref(), Some("0.3.2"));
        assert_eq!(Bump::Major.apply("1.3.1").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Minor.apply("1.3.1").as_deref(), Some("1.4.0"));
        assert_eq!(Bump::None.apply("1.3.1").as_deref(), Some("1.3.1"));
        assert_eq!(Bump::Patch.apply("1.3"), None);
        assert_eq!(Bump::Patch.apply("01.3.1"), None);
    }

    #[test]
    fn pre_releases_stay_pre_releases() {
        for (bump, before, after) in [
            (Bump::Major, "1.2.3-rc.1+boto3.1.2", "1.2.3-rc.2+boto3.1.2"),
            (Bump::Patch, "1.2.3-rc.9", "1.2.3-rc.10"),
            (Bump::Minor, "0.2.0-beta", "0.2.0-beta.1"),
            (Bump::Patch, "2.0.0-7", "2.0.0-8"),
            (Bump::Patch, "2.0.0-alpha.1.x", "2.0.0-alpha.1.x.1"),
            (Bump::None, "1.2.3-rc.1+boto3.1.2", "1.2.3-rc.1+boto3.1.2"),
        ] {
            let next = bump.apply(before).unwrap();
            assert_eq!(next, after);
            assert!(
                bump == Bump::None
                    || semver::Version::parse(&next).unwrap()
                        > semver::Version::parse(before).unwrap()
            );
        }
    }

    #[test]
    fn renders_for_people_and_changelogs_in_rust_names() {
        let d = diff(
            &model(BASE),
            &model(&BASE.replace("[A, B]", "[A, C]").replace(
                "Note: {type: string, required: false}",
                "Note: {type: integer, required: false}",
            )),
        );
        assert_eq!(
            d.to_text(),
            "bump: major (3 changes)\n\
             breaking  field type changed     Foo::note (Note): Option<String> → Option<i64>\n\
             additive  value added            Mode::C: C\n\
             breaking  value removed          Mode::B: B\n"
        );
        assert_eq!(
            d.to_markdown("[0.2.0] - 2026-12-02", "Regenerated."),
            "## [0.2.0] - 2026-12-02\n\nRegenerated.\n\n\
             ### Added\n\n- `Mode::C`: value added, `C`\n\n\
             ### Changed\n\n- **Breaking:** `Foo::note` (`Note`): field type changed, `Option<String>` → `Option<i64>`\n\n\
             ### Removed\n\n- **Breaking:** `Mode::B`: value removed, `B`\n"
        );
        let json = serde_json::to_value(&d.changes[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "field_type_changed", "effect": "breaking", "shape": "FooTypeDef",
                "field": "Note", "detail": "string → integer", "rust": "Foo::note",
                "rust_detail": "Option<String> → Option<i64>"
            })
        );
    }

    #[test]
    fn a_shape_renamed_is_one_change_and_its_fields_are_compared() {
        // `FooTypeDef` leaves, `FooResponseTypeDef` comes with the same fields and one more;
        // `BarTypeDef`, with the same fields but a name further off, stays an addition.
        let renamed = BASE
            .replace("  FooTypeDef:", "  FooResponseTypeDef:")
            .replace(
                "  Mode:",
                "      Extra: {type: string, required: false}\n  Mode:",
            );
        let with_bar = format!(
            "{renamed}  BarTypeDef:\n    fields:\n      Name: {{type: string, required: true}}\n      \
             Note: {{type: string, required: false}}\n      Kind: {{type: \"enum['A']\", required: false}}\n"
        );
        let d = diff(&model(BASE), &model(&with_bar));
        let summary: Vec<(ChangeKind, Effect, String, Option<String>)> = d
            .changes
            .iter()
            .map(|c| (c.kind, c.effect, c.rust_target(), c.rust_detail.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    ChangeKind::ShapeAdded,
                    Effect::Additive,
                    "Bar".into(),
                    Some("struct with 3 fields".into())
                ),
                (
                    ChangeKind::ShapeRenamed,
                    Effect::Breaking,
                    "FooResponse".into(),
                    Some("Foo → FooResponse".into())
                ),
                (
                    ChangeKind::FieldAdded,
                    Effect::Additive,
                    "FooResponse::extra".into(),
                    Some("Option<String>".into())
                ),
            ]
        );
        assert_eq!(d.changes[1].renamed_from.as_deref(), Some("FooTypeDef"));
        assert_eq!(d.changes[1].detail, "FooTypeDef → FooResponseTypeDef");
        assert_eq!(d.bump, Bump::Major);
        assert!(d.to_text().contains(
            "breaking  shape renamed          FooResponse (FooTypeDef → FooResponseTypeDef): Foo → FooResponse\n"
        ));
    }

    #[test]
    fn a_rename_that_keeps_the_rust_name_breaks_nothing() {
        // mypy-boto3 added `TypeDef` to a name: the crate still calls it `Foo`.
        let base = BASE.replace("FooTypeDef", "Foo");
        let d = diff(&model(&base), &model(BASE));
        assert_eq!(d.bump, Bump::Patch);
        assert_eq!(d.changes.len(), 1);
        assert_eq!(d.changes[0].kind, ChangeKind::ShapeRenamed);
        assert_eq!(d.changes[0].effect, Effect::None);
        assert_eq!(d.changes[0].rust_detail.as_deref(), Some("Foo → Foo"));
    }

    #[test]
    fn a_rust_name_taken_by_a_new_shape_is_a_rename() {
        // A new structure `Mode` claims the Rust name the literal `Mode` had (structures first).
        let taken = BASE.replace("  Mode:", "  ModeTypeDef:\n    fields: {}\n  Mode:");
        let d = diff(&model(BASE), &model(&taken));
        let renamed = d
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::ShapeRenamed)
            .expect("the literal's Rust name moved");
        assert_eq!(renamed.shape, "Mode");
        assert_eq!(renamed.effect, Effect::Breaking);
        assert_eq!(renamed.rust_detail.as_deref(), Some("Mode → Mode2"));
    }

    #[test]
    fn references_to_a_renamed_shape_are_not_type_changes() {
        let base = format!(
            "{BASE}  UserTypeDef:\n    fields:\n      Foo: {{type: FooTypeDef, required: true}}\n"
        );
        let renamed = base.replace("FooTypeDef", "FooResponseTypeDef");
        let kinds: Vec<ChangeKind> = diff(&model(&base), &model(&renamed))
            .changes
            .iter()
            .map(|c| c.kind)
            .collect();
        assert_eq!(kinds, [ChangeKind::ShapeRenamed]);
    }

    #[test]
    fn control_characters_in_names_and_values_are_escaped() {
        let d = diff(
            &model(BASE),
            &model(&BASE.replace("[A, B]", "[A, B, \"x\\n## \\e[31m`\"]")),
        );
        assert_eq!(
            d.to_text(),
            "bump: minor (1 change)\nadditive  value added            Mode::X31M: x\\u{a}## \\u{1b}[31m`\n"
        );
        assert!(d
            .to_markdown("[0.1.1] - 2026-12-02", "")
            .ends_with("- `Mode::X31M`: value added, `x\\u{a}## \\u{1b}[31m'`\n"));
    }
}
