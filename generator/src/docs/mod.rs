//! Reading mypy-boto3 structure docs: a service folder's `type_defs.md` (structures) and
//! `literals.md` (named literal types) into an [`ir::Model`](crate::ir::Model), whichever docs
//! generation wrote them.
//!
//! Reading runs in three steps, so that a new docs generation only adds a middle one:
//! 1. `outline` turns a page's markdown events into `##` sections of blocks and inline pieces with
//!    byte offsets (generation-independent);
//! 2. a layout reader turns sections into raw shapes: structures with parsed field types (`pytype`)
//!    and the file offset of every shape name they use, and literals. `lists` reads generations 1–3
//!    (`Optional fields:` lists), `definitions` generation 4 (Python definition code blocks);
//! 3. this module checks names across both pages and resolves references into the model.
//!
//! # Generations
//!
//! Nothing but the pages says which generation wrote them. Each page is read in the layout it
//! shows: a section with a ```` ```python title="Definition" ```` block makes the page gen 4's,
//! otherwise it has field and value lists. Within the list layout, the type-defs page shows its
//! generation by how types name shapes: gen 1 writes names in code spans (`"FooTypeDef"` quoted for
//! a structure, bare `Mode` for a literal type), gen 2 links them absolutely, gen 3 relatively (gen
//! 3b only adds `<a id>` anchors, which the outline skips). A bare name in a code span shows nothing
//! (later generations write Python classes the docs do not define so, such as `BaseClient`), and a
//! page whose types link no shape and quote none is read as gen 1 or 2: such a page occurs in gen 1
//! (marketplacecommerceanalytics), where names alone could not tell gen 1's `DataSetType` from a
//! suffixed one. In gens 1–3 a quoted or type-defs-linked name is a structure and a bare or
//! literals-linked one a literal type; gen 4 writes every name bare, so the page defining it decides.
//!
//! # Literal names across generations
//!
//! From gen 3 on, literal type names gained a `Type` suffix (`Mode` became `ModeType`,
//! `InstanceType` became `InstanceTypeType`); the literals mypy-boto3 adds itself (`…PaginatorName`,
//! `…WaiterName`, `…ServiceName`, `RegionName`) did not. So that one API gives one model whatever
//! generation documents it, the reader drops that one trailing `Type` from literal names and from
//! every reference to them, when:
//! - the type-defs page shows gen 3 or later by the evidence above, and
//! - every literal name outside those families ends in `Type`: the suffix arrived one release after
//!   relative links (amplifybackend's 1.17.70 pages link relatively but say `Mode`).
//!
//! A literal keeps its suffixed name if the shorter one would be another shape's name. Shorter names
//! are decided first, so a chain maps back as it came: gen 3's `StatusTypeType` and `StatusType`
//! become gen 1's `StatusType` and `Status`, while gen 4 keeps `ServiceNameType` beside mypy-boto3's
//! own `ServiceName`. Structures keep their names. Where a later generation turned an inline
//! `Literal['X']` into a named literal or back, the model says what the page says.

mod definitions;
mod lists;
mod outline;
mod pytype;

use crate::error::{decode_utf8, Error, Location, Result, Warning};
use crate::ir::{Field, Literal, Model, Shape, ShapeKind, Structure, Type};
use crate::{LoadOptions, Loaded};
use outline::Section;
use pytype::NameRef;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// The largest docs page read, 11 times the largest real one (ec2's 1.4 MB type-defs page). The
/// markdown parser holds a page's whole event tree: about 20 bytes per byte of a real page, but up
/// to 165 for a hostile one (a page of `[`), so this keeps reading under 3 GiB whatever the page.
pub const MAX_PAGE_BYTES: usize = 16 << 20;

/// Reads the structure docs in `dir`: `type_defs.md` and, if present, `literals.md` (without it the
/// service has no named literal types).
pub fn read_dir(dir: &Path, options: &LoadOptions) -> Result<Loaded> {
    read_dir_located(dir, options).map(|(loaded, _)| loaded)
}

/// [`read_dir`], and where the type-defs page names each field.
pub(crate) fn read_dir_located(dir: &Path, options: &LoadOptions) -> Result<(Loaded, FieldNames)> {
    let type_defs = dir.join("type_defs.md");
    let type_defs_text = read_text(&type_defs)?;
    let literals = dir.join("literals.md");
    let literals_text = match literals.try_exists() {
        Ok(true) => Some(read_text(&literals)?),
        Ok(false) => None,
        Err(e) => return Err(Error::io(&literals, "read", e)),
    };
    let fallback = dir
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (loaded, offsets) = read_pages_located(
        (&type_defs, &type_defs_text),
        literals_text
            .as_deref()
            .map(|text| (literals.as_path(), text)),
        &fallback,
        options,
    )?;
    let names = FieldNames {
        page: type_defs,
        text: type_defs_text,
        offsets,
    };
    Ok((loaded, names))
}

/// Where a type-defs page names each field of its structures: the page, and by structure the
/// byte offsets of its fields' names, in the model's order. Types are all a page can get wrong
/// in the check pass ([`crate::ir::check`]); a field's name stands at the start of its line.
pub(crate) struct FieldNames {
    pub page: std::path::PathBuf,
    text: String,
    offsets: HashMap<String, Vec<usize>>,
}

impl FieldNames {
    /// Where the page names field `field` of `structure` (which `model` has read from it).
    pub(crate) fn locate(&self, model: &Model, structure: &str, field: &str) -> Option<Location> {
        let ShapeKind::Structure(s) = &model.shapes.get(structure)?.kind else {
            return None;
        };
        let index = s.fields.iter().position(|f| f.name == field)?;
        let offset = *self.offsets.get(structure)?.get(index)?;
        Some(Location::at_offset(&self.page, &self.text, offset))
    }
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
    read_pages_located(type_defs, literals, fallback_service, options).map(|(loaded, _)| loaded)
}

/// [`read_pages`], and by structure the offsets of its fields' names ([`FieldNames`]).
fn read_pages_located(
    type_defs: (&Path, &str),
    literals: Option<(&Path, &str)>,
    fallback_service: &str,
    options: &LoadOptions,
) -> Result<(Loaded, HashMap<String, Vec<usize>>)> {
    for (path, text) in std::iter::once(type_defs).chain(literals) {
        if text.len() > MAX_PAGE_BYTES {
            return Err(crate::limits::too_large(
                path,
                "page",
                text.len() as u64,
                MAX_PAGE_BYTES,
                "docs pages",
            )
            .with_hint("the largest real page (ec2's type_defs.md) is 1.4 MB: is this a structure-docs page?"));
        }
    }
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
    let defs = match Layout::of(&defs_sections) {
        Layout::Lists => lists::structures(&defs_page, &defs_sections)?,
        Layout::Definitions => definitions::structures(&defs_page, &defs_sections)?,
    };
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
            let literals = match Layout::of(&sections) {
                Layout::Lists => lists::literals(&page, &sections)?,
                Layout::Definitions => definitions::literals(&page, &sections)?,
            };
            (Some(page), literals)
        }
        None => (None, Vec::new()),
    };

    let service = match service_name(&defs_sections) {
        Some(service) => service,
        // It names files and the package, as a YAML model's `service` does, checked as that is.
        None => {
            crate::emit::package::check_service_name(fallback_service).map_err(|message| {
                Error::in_file(defs_page.path, format!("{message}: the page has no `from mypy_boto3_<service>` import line to name it, so the folder's name would"))
                    .with_hint("rename the folder after the service's module name (`amplifybackend`, `acm_pca`)")
            })?;
            fallback_service.to_owned()
        }
    };
    let mut model = Model::new(service);
    let mut defined: HashMap<&str, Definition> = HashMap::new();
    for s in &defs.structures {
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

    let names = Names {
        renamed: literal_renames(defs.generation, &defined, &literals),
        defined,
        generation: defs.generation,
        literals_file: literals_page
            .as_ref()
            .and_then(|p| p.path.file_name())
            .map_or_else(
                || "literals.md".into(),
                |n| n.to_string_lossy().into_owned(),
            ),
    };
    let mut warnings = Vec::new();
    let mut offsets = HashMap::with_capacity(defs.structures.len());
    for s in &defs.structures {
        let fields = resolve_fields(s, &defs_page, &names, options, &mut warnings)?;
        offsets.insert(s.name.clone(), s.fields.iter().map(|f| f.offset).collect());
        model.shapes.insert(
            s.name.clone(),
            Shape {
                docs: None,
                kind: ShapeKind::Structure(Structure { fields }),
            },
        );
    }
    for l in &literals {
        model.shapes.insert(
            names.ir_name(&l.name).to_owned(),
            Shape {
                docs: None,
                kind: ShapeKind::Literal(Literal {
                    values: l.values.clone(),
                }),
            },
        );
    }
    drop_unused_stub_literals(&mut model);
    let loaded = Loaded {
        model,
        warnings,
        inputs,
        settings: crate::Settings::default(),
    };
    Ok((loaded, offsets))
}

/// mypy-boto3's own literals describe boto3, not the API: unless a field uses one, it is left out,
/// so that a boto3 release that adds a service or a region changes no model.
fn drop_unused_stub_literals(model: &mut Model) {
    let mut used = HashSet::new();
    for shape in model.shapes.values() {
        if let ShapeKind::Structure(structure) = &shape.kind {
            for field in &structure.fields {
                field.ty.walk(&mut |ty| {
                    if let Type::Ref(name) = ty {
                        used.insert(name.clone());
                    }
                });
            }
        }
    }
    model.shapes.retain(|name, shape| {
        !matches!(shape.kind, ShapeKind::Literal(_)) || !added_by_stubs(name) || used.contains(name)
    });
}

/// The fields of `s` with every shape name checked and renamed to its IR name; names of unlisted
/// literal types become strings, with a warning each.
fn resolve_fields(
    s: &RawStructure,
    page: &Page,
    names: &Names,
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
            if let Some(warning) = names.check(page, name)? {
                if options.strict {
                    return Err(warning.into());
                }
                warnings.push(warning);
                unlisted.insert(name.name.as_str());
            }
        }
        let mut field = raw.field.clone();
        field.ty = map_refs(field.ty, &|name| {
            if unlisted.contains(name) {
                Type::String
            } else {
                Type::Ref(names.ir_name(name).to_owned())
            }
        });
        fields.push(field);
    }
    Ok(fields)
}

/// A page's text; a page over [`MAX_PAGE_BYTES`] is refused before it is read.
fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::limits::read_file(path, MAX_PAGE_BYTES, "docs pages")?;
    decode(path, bytes)
}

/// The text of a page, or an error at the first byte that is not UTF-8.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    decode_utf8(path, bytes, |byte| {
        format!("not UTF-8 text: invalid byte 0x{byte:02X}; expected a markdown page")
    })
}

/// The `<service>` of the first `from mypy_boto3_<service>.… import` line in the page's code blocks.
fn service_name(sections: &[Section]) -> Option<String> {
    sections.iter().flat_map(|s| &s.blocks).find_map(|block| {
        let outline::Block::Code(code) = block else {
            return None;
        };
        let rest = code
            .text
            .text
            .trim_start()
            .strip_prefix("from mypy_boto3_")?;
        let end = rest
            .find(|c: char| c != '_' && !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        (end > 0).then(|| rest[..end].to_owned())
    })
}

/// Every shape name defined on the pages, and how to read names in types.
struct Names<'a> {
    defined: HashMap<&'a str, Definition>,
    /// Literal types whose IR name drops the written name's `Type` suffix.
    renamed: HashMap<&'a str, String>,
    generation: Generation,
    literals_file: String,
}

impl Names<'_> {
    fn ir_name<'n>(&'n self, written: &'n str) -> &'n str {
        self.renamed.get(written).map_or(written, String::as_str)
    }

    /// Checks that a name in a field's type names a shape of its kind: in gens 1–3 a quoted name a
    /// structure, a bare name a literal type; in gen 4 any shape. A bare name that nothing defines is
    /// only a warning, as the corpus has them: literal types the literals page does not list, and in
    /// later generations Python classes of boto3's own helpers (`BaseClient`, `TransferConfig`).
    fn check(&self, page: &Page, name: &NameRef) -> Result<Option<Warning>> {
        let n = &name.name;
        let found = self.defined.get(n.as_str()).map(|d| d.literal);
        if self.generation == Generation::Four {
            return Ok(found.is_none().then(|| Warning {
                location: page.at(name.offset),
                message: format!(
                    "`{n}` is neither a structure here nor a literal type listed in {}; using an open \
                     string type",
                    self.literals_file
                ),
            }));
        }
        let message = match (name.quoted, found) {
            (true, Some(false)) | (false, Some(true)) => return Ok(None),
            (false, None) => {
                return Ok(Some(Warning {
                    location: page.at(name.offset),
                    message: format!(
                        "literal type `{n}` is not listed in {}; using an open string type",
                        self.literals_file
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
}

/// `ty` with every reference replaced by `resolve(name)`, unions renormalised (an unlisted literal
/// in `Union[Unlisted, str]` becomes a string, so the union is just a string).
fn map_refs(ty: Type, resolve: &impl Fn(&str) -> Type) -> Type {
    let map = |t: Box<Type>| Box::new(map_refs(*t, resolve));
    match ty {
        Type::Ref(name) => resolve(&name),
        Type::List(item) => Type::List(map(item)),
        Type::Set(item) => Type::Set(map(item)),
        Type::Map(key, value) => Type::Map(map(key), map(value)),
        Type::Union(members) => Type::union(members.into_iter().map(|m| map_refs(m, resolve))),
        other => other,
    }
}

/// Whether a literal is one mypy-boto3 adds itself (client, paginator and waiter names, regions)
/// rather than one of the service's shapes.
fn added_by_stubs(name: &str) -> bool {
    ["PaginatorName", "WaiterName", "ServiceName"]
        .iter()
        .any(|family| name.ends_with(family))
        || name == "RegionName"
}

/// The literal types whose IR name drops gen 3's `Type` suffix, by written name (see the module
/// docs): none unless the pages are gen 3 or later and every literal name outside mypy-boto3's own
/// families is suffixed; then each suffixed one whose shorter name is free, shorter names first.
fn literal_renames<'a>(
    generation: Generation,
    defined: &HashMap<&'a str, Definition>,
    literals: &'a [RawLiteral],
) -> HashMap<&'a str, String> {
    const SUFFIX: &str = "Type";
    let mut renamed = HashMap::new();
    if generation < Generation::Three
        || !literals
            .iter()
            .all(|l| l.name.ends_with(SUFFIX) || added_by_stubs(&l.name))
    {
        return renamed;
    }
    let mut suffixed: Vec<&str> = literals
        .iter()
        .map(|l| l.name.as_str())
        .filter(|n| n.ends_with(SUFFIX))
        .collect();
    suffixed.sort_by_key(|n| (n.len(), *n));
    let renaming: HashSet<&str> = suffixed.iter().copied().collect();
    let mut taken: HashSet<&str> = defined
        .keys()
        .copied()
        .filter(|n| !renaming.contains(n))
        .collect();
    for name in suffixed {
        let short = &name[..name.len() - SUFFIX.len()];
        if pytype::is_identifier(short) && taken.insert(short) {
            renamed.insert(name, short.to_owned());
        } else {
            taken.insert(name);
        }
    }
    renamed
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

/// How a page lays out its shapes.
enum Layout {
    /// Gens 1–3: `Optional fields:` and `Values:` lists.
    Lists,
    /// Gen 4: Python definition code blocks.
    Definitions,
}

impl Layout {
    fn of(sections: &[Section]) -> Layout {
        let definitions = sections
            .iter()
            .flat_map(|s| &s.blocks)
            .any(definitions::is_definition);
        if definitions {
            Layout::Definitions
        } else {
            Layout::Lists
        }
    }
}

/// The docs generation a type-defs page shows, as far as reading depends on it (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Generation {
    One,
    Two,
    Three,
    Four,
}

/// A type-defs page as a layout reader found it.
struct RawDefs {
    structures: Vec<RawStructure>,
    generation: Generation,
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
