//! What changed between two models, and what each change means for users of the generated crate.
//!
//! The rules follow from how the crate is built: structs are `#[non_exhaustive]` and built with
//! builders, so a new *optional* field breaks nobody; a new *required* field is a new setter every
//! builder chain must call, and a document that lacks it no longer reads. Enums are
//! `#[non_exhaustive]` with an `Unknown` variant, so a new value is additive; a removed one takes a
//! variant away. Anything that changes a field's Rust type (`T` ↔ `Option<T>`, another type) breaks
//! code that reads it. Documentation, sensitivity and constraints change no signature; documentation
//! alone calls for no new version (a botocore update rewrites much of it).

use crate::error::escape_controls;
use crate::ir::{Field, Model, Shape, ShapeKind, Type};
use serde::Serialize;
use std::collections::BTreeSet;

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
}

/// One change, named by source shape name and wire field name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub effect: Effect,
    pub shape: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What changed, in words: the new field's type, `string → integer`, the enum value.
    pub detail: String,
}

/// Every change from `old` to `new`, in a stable order (shape, then field, then kind).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub bump: Bump,
    pub changes: Vec<Change>,
}

pub fn diff(old: &Model, new: &Model) -> Diff {
    let mut changes = Vec::new();
    let names: BTreeSet<&String> = old.shapes.keys().chain(new.shapes.keys()).collect();
    for name in names {
        match (old.shapes.get(name), new.shapes.get(name)) {
            (Some(shape), None) => changes.push(change(
                ChangeKind::ShapeRemoved,
                name,
                None,
                describe_shape(shape),
            )),
            (None, Some(shape)) => changes.push(change(
                ChangeKind::ShapeAdded,
                name,
                None,
                describe_shape(shape),
            )),
            (Some(before), Some(after)) => shape_changes(name, before, after, &mut changes),
            (None, None) => unreachable!("a name comes from one of the models"),
        }
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
        | ChangeKind::ConstraintsChanged => Effect::None,
        _ => Effect::Breaking,
    };
    Change {
        kind,
        effect,
        shape: shape.to_string(),
        field: field.map(str::to_string),
        detail,
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

fn shape_changes(name: &str, before: &Shape, after: &Shape, changes: &mut Vec<Change>) {
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
                    Some(after) => field_changes(name, field, after, changes),
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

fn field_changes(shape: &str, before: &Field, after: &Field, changes: &mut Vec<Change>) {
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
    if before.ty != after.ty {
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
    /// `Shape.Field`, or `Shape`.
    pub fn target(&self) -> String {
        match &self.field {
            Some(field) => format!("{}.{field}", self.shape),
            None => self.shape.clone(),
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
}

impl Diff {
    /// For people: the bump, then one line per change.
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
                escape_controls(&c.target())
            ));
            if !c.detail.is_empty() {
                out.push_str(&format!(": {}", escape_controls(&c.detail)));
            }
            out.push('\n');
        }
        out
    }

    /// A changelog entry headed `## <title>`, changes grouped by effect.
    pub fn to_markdown(&self, title: &str) -> String {
        let mut out = format!("## {title}\n");
        if self.changes.is_empty() {
            out.push_str("\nNo API changes.\n");
        }
        for (effect, heading) in [
            (Effect::Breaking, "Breaking changes"),
            (Effect::Additive, "Additions"),
            (Effect::None, "Other changes"),
        ] {
            let group: Vec<&Change> = self.changes.iter().filter(|c| c.effect == effect).collect();
            if group.is_empty() {
                continue;
            }
            out.push_str(&format!("\n### {heading}\n\n"));
            for c in group {
                out.push_str(&format!(
                    "- `{}`: {}",
                    escape_controls(&c.target()).replace('`', "'"),
                    c.kind_words()
                ));
                if !c.detail.is_empty() {
                    out.push_str(&format!(
                        " ({})",
                        escape_controls(&c.detail).replace('`', "'")
                    ));
                }
                out.push('\n');
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
    fn renders_for_people_and_changelogs() {
        let d = diff(&model(BASE), &model(&BASE.replace("[A, B]", "[A, C]")));
        assert_eq!(
            d.to_text(),
            "bump: major (2 changes)\nadditive  value added            Mode: C\nbreaking  value removed          Mode: B\n"
        );
        assert_eq!(
            d.to_markdown("0.2.0"),
            "## 0.2.0\n\n### Breaking changes\n\n- `Mode`: value removed (B)\n\n### Additions\n\n- `Mode`: value added (C)\n"
        );
    }

    #[test]
    fn control_characters_in_names_and_values_are_escaped() {
        let d = diff(
            &model(BASE),
            &model(&BASE.replace("[A, B]", "[A, B, \"x\\n## \\e[31m\"]")),
        );
        assert_eq!(
            d.to_text(),
            "bump: minor (1 change)\nadditive  value added            Mode: x\\u{a}## \\u{1b}[31m\n"
        );
        assert!(d
            .to_markdown("0.1.1")
            .ends_with("- `Mode`: value added (x\\u{a}## \\u{1b}[31m)\n"));
    }
}
