//! Reading mypy-boto3 structure docs: a service folder's `type_defs.md` (structures) and
//! `literals.md` (named literal types) into an [`ir::Model`](crate::ir::Model).
//!
//! Reading runs in three steps, so that a new docs generation only adds a middle one:
//! 1. [`outline`] turns a page's markdown events into `##` sections of blocks and inline pieces with
//!    byte offsets (generation-independent);
//! 2. a layout reader ([`lists`] for generations 1–3) turns sections into raw shapes: structures with
//!    parsed field types ([`pytype`]) and the file offset of every shape name they use, and literals;
//! 3. this module checks names across both pages and resolves references into the model.

mod lists;
mod outline;
mod pytype;

use crate::error::{Error, Location, Result, Warning};
use crate::ir::{Field, Literal, Model, Shape, ShapeKind, Structure, Type};
use crate::{LoadOptions, Loaded};
use outline::Section;
use pytype::NameRef;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Reads the structure docs in `dir`: `type_defs.md` and, if present, `literals.md` (without it the
/// service has no named literal types).
pub fn read_dir(dir: &Path, options: &LoadOptions) -> Result<Loaded> {
    let type_defs = dir.join("type_defs.md");
    let type_defs_text = read_text(&type_defs)?;
    let literals = dir.join("literals.md");
    let literals_text = match std::fs::read(&literals) {
        Ok(bytes) => Some(decode(&literals, bytes)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&literals, "read", e)),
    };
    let fallback = dir
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    read_pages(
        (&type_defs, &type_defs_text),
        literals_text
            .as_deref()
            .map(|text| (literals.as_path(), text)),
        &fallback,
        options,
    )
}

/// Reads a type-defs page and an optional literals page, given as `(path, text)`; the paths are only
/// for locations. The service is named by the type-defs page's `from mypy_boto3_<service>` import
/// lines, or `fallback_service` if it has none.
pub fn read_pages(
    type_defs: (&Path, &str),
    literals: Option<(&Path, &str)>,
    fallback_service: &str,
    options: &LoadOptions,
) -> Result<Loaded> {
    let defs_page = Page {
        path: type_defs.0,
        source: type_defs.1,
    };
    let defs_sections = outline::sections(defs_page.source);
    if defs_sections.is_empty() {
        return Err(Error::in_file(
            defs_page.path,
            "no shape sections: expected `## NameTypeDef` sections listing fields",
        ));
    }
    let structures = lists::structures(&defs_page, &defs_sections)?;
    let mut inputs = vec![defs_page.path.to_path_buf()];
    let (literals_page, literals) = match literals {
        Some((path, source)) => {
            let page = Page { path, source };
            let sections = outline::sections(source);
            if sections.is_empty() {
                return Err(Error::in_file(
                    path,
                    "no literal sections: expected `## Name` sections listing `Values:`",
                ));
            }
            inputs.push(path.to_path_buf());
            let literals = lists::literals(&page, &sections)?;
            (Some(page), literals)
        }
        None => (None, Vec::new()),
    };

    let service = service_name(&defs_sections).unwrap_or_else(|| fallback_service.to_owned());
    let mut model = Model::new(service);
    let mut defined: HashMap<&str, Definition> = HashMap::new();
    for s in &structures {
        define(
            &mut defined,
            &s.name,
            Definition::structure(s.offset),
            &defs_page,
            &defs_page,
        )?;
    }
    if let Some(page) = &literals_page {
        for l in &literals {
            define(
                &mut defined,
                &l.name,
                Definition::literal(l.offset),
                page,
                &defs_page,
            )?;
        }
    }

    let literals_name = literals_page
        .as_ref()
        .and_then(|p| p.path.file_name())
        .map_or_else(|| "literals.md".into(), |n| n.to_string_lossy());
    let mut warnings = Vec::new();
    for s in &structures {
        let fields = resolve_fields(
            s,
            &defs_page,
            &defined,
            &literals_name,
            options,
            &mut warnings,
        )?;
        model.shapes.insert(
            s.name.clone(),
            Shape {
                docs: None,
                kind: ShapeKind::Structure(Structure { fields }),
            },
        );
    }
    for l in literals {
        model.shapes.insert(
            l.name,
            Shape {
                docs: None,
                kind: ShapeKind::Literal(Literal { values: l.values }),
            },
        );
    }
    Ok(Loaded {
        model,
        warnings,
        inputs,
    })
}

/// The fields of `s` with every shape name checked against `defined`; names of unlisted literal types
/// become strings, with a warning each.
fn resolve_fields(
    s: &RawStructure,
    page: &Page,
    defined: &HashMap<&str, Definition>,
    literals_name: &str,
    options: &LoadOptions,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Field>> {
    let mut fields: Vec<Field> = Vec::with_capacity(s.fields.len());
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(s.fields.len());
    for raw in &s.fields {
        if let Some(first) = seen.insert(&raw.field.name, raw.offset) {
            return Err(page.error(
                raw.offset,
                format!(
                    "duplicate field `{}` in `{}`: already listed at line {}",
                    raw.field.name,
                    s.name,
                    page.at(first).line
                ),
            ));
        }
        let mut unlisted = BTreeSet::new();
        for name in &raw.names {
            if let Some(warning) = check_name(page, name, defined, literals_name)? {
                if options.strict {
                    return Err(warning.into());
                }
                warnings.push(warning);
                unlisted.insert(name.name.as_str());
            }
        }
        let mut field = raw.field.clone();
        if !unlisted.is_empty() {
            field.ty = open_strings(field.ty, &unlisted);
        }
        fields.push(field);
    }
    Ok(fields)
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", e))?;
    decode(path, bytes)
}

/// The text of a file, or an error at the first byte that is not UTF-8.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        Error::at(
            Location::at_offset(path, before, valid),
            format!(
                "not UTF-8 text: invalid byte 0x{:02X}; expected a markdown page",
                bytes[valid]
            ),
        )
    })
}

/// The `<service>` of the first `from mypy_boto3_<service>.… import` line in the page's code blocks.
fn service_name(sections: &[Section]) -> Option<String> {
    sections.iter().flat_map(|s| &s.blocks).find_map(|block| {
        let outline::Block::Code(code) = block else {
            return None;
        };
        let rest = code.trim_start().strip_prefix("from mypy_boto3_")?;
        let end = rest
            .find(|c: char| c != '_' && !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        (end > 0).then(|| rest[..end].to_owned())
    })
}

/// Checks that a name in a field's type names a shape of its kind: a quoted name a structure, a bare
/// name a literal type. A bare name that nothing defines is only a warning: the corpus has them.
fn check_name(
    page: &Page,
    name: &NameRef,
    defined: &HashMap<&str, Definition>,
    literals_name: &str,
) -> Result<Option<Warning>> {
    let n = &name.name;
    let message = match (name.quoted, defined.get(n.as_str()).map(|d| d.literal)) {
        (true, Some(false)) | (false, Some(true)) => return Ok(None),
        (false, None) => {
            return Ok(Some(Warning {
                location: page.at(name.offset),
                message: format!(
                    "literal type `{n}` is not listed in {literals_name}; using an open string type"
                ),
            }))
        }
        (true, None) => {
            return Err(page
                .error(name.offset, format!("no shape named `{n}` in this page"))
                .with_hint("a quoted name refers to a `## Name` section of type_defs.md"))
        }
        (true, Some(true)) => format!(
            "`{n}` is a literal type, but a quoted name refers to a structure; write `{n}` unquoted"
        ),
        (false, Some(false)) => format!(
            "`{n}` is a structure, but an unquoted name refers to a literal type; write `\"{n}\"`"
        ),
    };
    Err(page.error(name.offset, message))
}

/// `ty` with references to the named (unlisted) literal types replaced by strings.
fn open_strings(ty: Type, names: &BTreeSet<&str>) -> Type {
    let open = |t: Box<Type>| Box::new(open_strings(*t, names));
    match ty {
        Type::Ref(name) if names.contains(name.as_str()) => Type::String,
        Type::List(item) => Type::List(open(item)),
        Type::Set(item) => Type::Set(open(item)),
        Type::Map(key, value) => Type::Map(open(key), open(value)),
        // Renormalised: `Union[Unlisted, str]` is now just a string.
        Type::Union(members) => Type::union(members.into_iter().map(|m| open_strings(m, names))),
        other => other,
    }
}

/// Where a shape name is first defined, to report a second definition.
#[derive(Clone, Copy)]
struct Definition {
    literal: bool,
    offset: usize,
}

impl Definition {
    fn structure(offset: usize) -> Self {
        Definition {
            literal: false,
            offset,
        }
    }

    fn literal(offset: usize) -> Self {
        Definition {
            literal: true,
            offset,
        }
    }
}

/// Records `name` as defined on `page`, or fails if it already is (structures are all on `defs_page`).
fn define<'a>(
    defined: &mut HashMap<&'a str, Definition>,
    name: &'a str,
    new: Definition,
    page: &Page,
    defs_page: &Page,
) -> Result<()> {
    let Some(first) = defined.insert(name, new) else {
        return Ok(());
    };
    let message = if first.literal == new.literal {
        format!(
            "duplicate shape `{name}`: already defined at line {}",
            page.at(first.offset).line
        )
    } else {
        format!(
            "literal type `{name}` has the same name as the structure at {}",
            defs_page.at(first.offset)
        )
    };
    Err(page.error(new.offset, message))
}

/// One page being read, to turn byte offsets into locations.
struct Page<'a> {
    path: &'a Path,
    source: &'a str,
}

impl Page<'_> {
    fn at(&self, offset: usize) -> Location {
        Location::at_offset(self.path, self.source, offset)
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::at(self.at(offset), message)
    }

    /// A section's heading as a shape name: an identifier, as the type expressions spell names.
    fn shape_name(&self, section: &Section) -> Result<String> {
        let name = &section.name;
        if pytype::is_identifier(name) {
            Ok(name.clone())
        } else {
            Err(self.error(
                section.offset,
                format!("expected a shape name after `##`, found `{name}`"),
            ))
        }
    }
}

/// A structure as a layout reader found it, before names are resolved.
struct RawStructure {
    name: String,
    /// Of the heading.
    offset: usize,
    fields: Vec<RawField>,
}

struct RawField {
    field: Field,
    /// Of the field name.
    offset: usize,
    /// Every shape name in the type, with file offsets.
    names: Vec<NameRef>,
}

struct RawLiteral {
    name: String,
    /// Of the heading.
    offset: usize,
    values: Vec<String>,
}
