//! The definition layout of docs generation 4 (mkdocs pages): each section holds its shape as Python
//! in a ```` ```python title="Definition" ```` code block. A structure is a class with one field a
//! line,
//!
//! ```text
//! class FooTypeDef(TypedDict):
//!     Name: str,
//!     Mode: NotRequired[ModeType],  # (1)
//! ```
//!
//! where `NotRequired[...]` marks an optional field and the numbered comment refers to a note under
//! the block that links the name; a literal type is an assignment, `ModeType = Literal["A", "B",]`,
//! its values one a line. Names in types are bare whether they name structures or literal types; the
//! page that defines a name says which, so the notes are not needed.
//!
//! A definition block is Python, not markdown, so it is read line by line; every position is mapped
//! back through the code block to the file.

use super::outline::{Block, Code, Section};
use super::pytype;
use super::{Generation, Page, RawDefs, RawField, RawLiteral, RawStructure};
use crate::ir::{Field, Type};
use crate::Result;

const FIELD_LINE: &str = "expected a field `Name: Type,` or `Name: NotRequired[Type],`";

pub fn structures(page: &Page, sections: &[Section]) -> Result<RawDefs> {
    let mut structures = Vec::with_capacity(sections.len());
    for section in sections {
        let name = page.shape_name(section)?;
        let code = definition(page, section)?;
        structures.push(RawStructure {
            fields: class_fields(page, &name, code)?,
            name,
            offset: section.offset,
        });
    }
    Ok(RawDefs {
        structures,
        generation: Generation::Four,
    })
}

pub fn literals(page: &Page, sections: &[Section]) -> Result<Vec<RawLiteral>> {
    let mut literals = Vec::with_capacity(sections.len());
    for section in sections {
        let name = page.shape_name(section)?;
        let code = definition(page, section)?;
        literals.push(RawLiteral {
            values: literal_values(page, &name, code)?,
            name,
            offset: section.offset,
        });
    }
    Ok(literals)
}

/// Whether `block` is a definition block (rather than a usage example).
pub fn is_definition(block: &Block) -> bool {
    matches!(block, Block::Code(code) if code.title() == Some("Definition"))
}

/// The one definition block of `section`.
fn definition<'s>(page: &Page, section: &'s Section) -> Result<&'s Code> {
    let mut blocks = section.blocks.iter().filter(|b| is_definition(b));
    match (blocks.next(), blocks.next()) {
        (Some(Block::Code(code)), None) => Ok(code),
        (Some(_), Some(Block::Code(second))) => Err(page.error(
            second.offset,
            format!(
                "a second definition block in section `{}`; expected one",
                section.name
            ),
        )),
        _ => Err(page.error(
            section.offset,
            format!(
                "section `{}` has no definition block: expected a ```python title=\"Definition\"``` \
                 code block",
                section.name
            ),
        )),
    }
}

/// A line of a definition block: its text without line break and comment, and where it starts in
/// the block's text.
struct Line<'c> {
    code: &'c Code,
    start: usize,
    text: &'c str,
}

impl<'c> Line<'c> {
    fn all(code: &'c Code) -> impl Iterator<Item = Line<'c>> {
        let text = code.text.text.as_str();
        text.split_inclusive('\n').scan(0, move |start, line| {
            let this = Line {
                code,
                start: *start,
                text: without_comment(line.trim_end_matches(['\n', '\r'])),
            };
            *start += line.len();
            Some(this)
        })
    }

    fn indented(&self) -> bool {
        self.text.starts_with([' ', '\t'])
    }

    /// The file offset of byte `i` of the line.
    fn at(&self, i: usize) -> usize {
        self.code
            .text
            .source_offset(self.start + i)
            .unwrap_or(self.code.offset)
    }

    /// The file offset of the line's first non-blank character.
    fn first(&self) -> usize {
        self.at(self.text.len() - self.text.trim_start().len())
    }

    /// `Name: ...` as the name and the offset of what follows the colon, if the line has that form.
    fn field_name(&self) -> Option<(&'c str, usize)> {
        let (name, _) = self.text.split_once(':')?;
        let name = name.trim();
        pytype::is_identifier(name).then_some((name, self.text.find(':')? + 1))
    }
}

/// `line` up to a `#` comment; a `#` inside a string literal is not one.
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '#' => return &line[..i],
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
    }
    line
}

/// The fields of the `class <name>(TypedDict):` in `code`.
fn class_fields(page: &Page, name: &str, code: &Code) -> Result<Vec<RawField>> {
    let header = format!("`class {name}(TypedDict):`");
    let mut class_seen = false;
    let mut fields = Vec::new();
    for line in Line::all(code).filter(|l| !l.text.trim().is_empty()) {
        let field_name = line.field_name();
        if line.text.trim_start().starts_with("class ") {
            if class_seen {
                return Err(page.error(
                    line.first(),
                    format!("a second class in the definition of `{name}`; expected one"),
                ));
            }
            class_header(page, name, &line)?;
            class_seen = true;
        } else if !class_seen || !line.indented() {
            let found = match field_name {
                Some((field, _)) => format!("field `{field}` is outside any class"),
                None => format!("found `{}`", line.text.trim()),
            };
            return Err(page.error(
                line.first(),
                format!("{found}; expected it indented under {header}"),
            ));
        } else if !matches!(line.text.trim(), "pass" | "...") {
            fields.push(field(page, &line, field_name)?);
        }
    }
    if !class_seen {
        return Err(page.error(
            code.offset,
            format!("the definition of `{name}` has no class; expected {header}"),
        ));
    }
    Ok(fields)
}

/// Checks that `line` is `class <name>(TypedDict):`.
fn class_header(page: &Page, name: &str, line: &Line) -> Result<()> {
    let lead = line.text.len() - line.text.trim_start().len();
    let rest = line.text[lead..].strip_prefix("class ").unwrap_or_default();
    let class = rest.split('(').next().unwrap_or_default().trim();
    if class != name {
        let at = lead + "class ".len() + (rest.len() - rest.trim_start().len());
        return Err(page.error(
            line.at(at),
            format!(
                "class `{class}` in the section of `{name}`; expected `class {name}(TypedDict):`"
            ),
        ));
    }
    let bases = rest[rest.find('(').unwrap_or(rest.len())..].replace(char::is_whitespace, "");
    if bases != "(TypedDict):" {
        return Err(page.error(
            line.first(),
            format!(
                "expected `class {name}(TypedDict):`, found `{}`",
                line.text.trim()
            ),
        ));
    }
    Ok(())
}

fn field(page: &Page, line: &Line, name: Option<(&str, usize)>) -> Result<RawField> {
    let Some((name, colon_end)) = name else {
        return Err(page.error(
            line.first(),
            format!("{FIELD_LINE}, found `{}`", line.text.trim()),
        ));
    };
    let offset = line.first();
    let annotation = line.text[colon_end..].trim_end();
    let annotation = annotation.strip_suffix(',').unwrap_or(annotation);
    if annotation.trim().is_empty() {
        return Err(page.error(offset, format!("field `{name}` has no type; {FIELD_LINE}")));
    }
    let (parsed, required) = pytype::parse_field(annotation).map_err(|e| {
        page.error(
            line.at(colon_end + e.offset),
            format!("field `{name}`: {}", e.message),
        )
    })?;
    let names = parsed
        .names
        .into_iter()
        .map(|mut n| {
            n.offset = line.at(colon_end + n.offset);
            n
        })
        .collect();
    Ok(RawField {
        field: Field::new(name, parsed.ty, required),
        offset,
        names,
    })
}

/// The values of `<name> = Literal[...]` in `code`.
fn literal_values(page: &Page, name: &str, code: &Code) -> Result<Vec<String>> {
    let text = &code.text.text;
    let at = |i: usize| code.text.source_offset(i).unwrap_or(code.offset);
    let form = format!("expected `{name} = Literal[...]`");
    let Some((left, right)) = text.split_once('=') else {
        let first = text.len() - text.trim_start().len();
        return Err(page.error(at(first), format!("{form}, found no `=`")));
    };
    let start = left.len() + 1;
    if left.trim() != name {
        let first = left.len() - left.trim_start().len();
        return Err(page.error(
            at(first),
            format!("{form}, found `{}` assigned", left.trim()),
        ));
    }
    let parsed = pytype::parse(right).map_err(|e| {
        page.error(
            at(start + e.offset),
            format!("literal type `{name}`: {}", e.message),
        )
    })?;
    match parsed.ty {
        Type::Enum(values) => Ok(values),
        _ => {
            let first = right.len() - right.trim_start().len();
            Err(page.error(
                at(start + first),
                format!("{form}, found `{}`", right.trim()),
            ))
        }
    }
}
