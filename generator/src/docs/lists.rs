//! The list layout of docs generations 1–3: a structure section lists its fields under
//! `Required fields:` and `Optional fields:`, each item `` - `Name`: `Type` ``; a literal section
//! lists its values under `Values:`, each item `` - `VALUE` ``.
//!
//! A field's type is rebuilt from the item's inline pieces, whatever mix of code spans, text and
//! links the generation writes, remembering where each piece came from so that a type error points
//! at the character in the file.

use super::outline::{Block, Inline, Piece, PieceKind, Section};
use super::pytype;
use super::{Page, RawField, RawLiteral, RawStructure};
use crate::ir::Field;
use crate::Result;
use std::collections::HashMap;

const FIELD_ITEM: &str = "expected a field item `` - `Name`: `Type` ``";
const VALUE_ITEM: &str = "expected a literal value item `` - `VALUE` ``";

pub fn structures(page: &Page, sections: &[Section]) -> Result<Vec<RawStructure>> {
    let mut structures = Vec::with_capacity(sections.len());
    for section in sections {
        let name = page.shape_name(section)?;
        let lists = labelled_lists(page, section, &["Required fields:", "Optional fields:"])?;
        if lists.is_empty() {
            return Err(page
                .error(
                    section.offset,
                    format!(
                        "section `{name}` has no `Required fields:` or `Optional fields:` list; \
                         {FIELD_ITEM} under one of them"
                    ),
                )
                .with_hint(
                    "a structure section is `## Name`, then `Optional fields:` and its list",
                ));
        }
        let mut fields = Vec::new();
        for (label, items) in lists {
            for item in items {
                fields.push(field(page, item, label == "Required fields:")?);
            }
        }
        structures.push(RawStructure {
            name,
            offset: section.offset,
            fields,
        });
    }
    Ok(structures)
}

pub fn literals(page: &Page, sections: &[Section]) -> Result<Vec<RawLiteral>> {
    let mut literals = Vec::with_capacity(sections.len());
    for section in sections {
        let name = page.shape_name(section)?;
        let mut values: Vec<String> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (_, items) in labelled_lists(page, section, &["Values:"])? {
            for item in items {
                let (value, offset) = value(page, item)?;
                if let Some(first) = seen.insert(value.clone(), offset) {
                    return Err(page.error(
                        offset,
                        format!(
                            "duplicate value `{value}` in literal type `{name}`: already listed at line {}",
                            page.at(first).line
                        ),
                    ));
                }
                values.push(value);
            }
        }
        if values.is_empty() {
            return Err(page.error(
                section.offset,
                format!(
                    "literal type `{name}` has no values; expected `Values:` followed by a list of \
                     `` - `VALUE` `` items"
                ),
            ));
        }
        literals.push(RawLiteral {
            name,
            offset: section.offset,
            values,
        });
    }
    Ok(literals)
}

/// Each list of `section` with the label paragraph that introduces it. Other paragraphs and code blocks
/// are the page's prose and import lines; a list without a label would be fields read as nothing, so
/// it is an error.
fn labelled_lists<'s>(
    page: &Page,
    section: &'s Section,
    labels: &[&'static str],
) -> Result<Vec<(&'static str, &'s [Inline])>> {
    let expected = labels
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    let mut lists = Vec::new();
    let mut blocks = section.blocks.iter();
    while let Some(block) = blocks.next() {
        match block {
            Block::Paragraph(paragraph) => {
                let text = paragraph.text();
                let Some(&label) = labels.iter().find(|l| **l == text.trim()) else {
                    continue;
                };
                match blocks.next() {
                    Some(Block::List(items)) => lists.push((label, items.as_slice())),
                    _ => {
                        return Err(page
                            .error(paragraph.offset, format!("expected a list after `{label}`")))
                    }
                }
            }
            Block::List(items) => {
                let offset = items.first().map_or(section.offset, |i| i.offset);
                return Err(page.error(
                    offset,
                    format!(
                        "a list in section `{}` must follow {expected}",
                        section.name
                    ),
                ));
            }
            Block::Code(_) => {}
        }
    }
    Ok(lists)
}

fn field(page: &Page, item: &Inline, required: bool) -> Result<RawField> {
    let found = || format!("{FIELD_ITEM}, found `{}`", item.text().trim());
    let Some((first, rest)) = item.pieces.split_first() else {
        return Err(page.error(item.offset, found()));
    };
    if first.kind != PieceKind::Code
        || first.text.is_empty()
        || first.text.contains(char::is_whitespace)
    {
        return Err(page.error(item.offset, found()));
    }
    let name = &first.text;
    let name_offset = first
        .verbatim_offset(page.source)
        .unwrap_or(first.range.start);
    let expr = Expr::render(page.source, rest, first.range.end);
    let after_name = expr.text.trim_start();
    let colon = expr.text.len() - after_name.len();
    if !after_name.starts_with(':') {
        return Err(page.error(
            expr.source_offset(colon),
            format!("expected `:` after the field name `{name}`; {FIELD_ITEM}"),
        ));
    }
    let start = colon + 1;
    let text = &expr.text[start..];
    if text.trim().is_empty() {
        return Err(page.error(
            name_offset,
            format!("field `{name}` has no type; {FIELD_ITEM}"),
        ));
    }
    let parsed = pytype::parse(text).map_err(|e| {
        page.error(
            expr.source_offset(start + e.offset),
            format!("field `{name}`: {}", e.message),
        )
    })?;
    let names = parsed
        .names
        .into_iter()
        .map(|mut n| {
            n.offset = expr.source_offset(start + n.offset);
            n
        })
        .collect();
    Ok(RawField {
        field: Field::new(name.clone(), parsed.ty, required),
        offset: name_offset,
        names,
    })
}

/// The value of a `` - `VALUE` `` item and its offset.
fn value(page: &Page, item: &Inline) -> Result<(String, usize)> {
    let mut pieces = item
        .pieces
        .iter()
        .filter(|p| !(p.kind == PieceKind::Text && p.text.trim().is_empty()));
    match (pieces.next(), pieces.next()) {
        (Some(piece), None) if piece.kind == PieceKind::Code => Ok((
            piece.text.clone(),
            piece
                .verbatim_offset(page.source)
                .unwrap_or(piece.range.start),
        )),
        _ => Err(page.error(
            item.offset,
            format!("{VALUE_ITEM}, found `{}`", item.text().trim()),
        )),
    }
}

/// A type expression rebuilt from inline pieces, with a map back to the file.
struct Expr {
    text: String,
    segments: Vec<Segment>,
    /// Where an empty expression is: just after the field name.
    end: usize,
}

/// Where one piece's text starts in the expression and in the file.
struct Segment {
    at: usize,
    source: usize,
    /// The piece's text is in the file as is, so an offset inside it maps character for character;
    /// otherwise (escapes resolved, quotes added) it maps to the piece's start.
    verbatim: bool,
}

impl Expr {
    fn render(source: &str, pieces: &[Piece], end: usize) -> Expr {
        let mut expr = Expr {
            text: String::new(),
            segments: Vec::with_capacity(pieces.len()),
            end,
        };
        for piece in pieces {
            let at = expr.text.len();
            let segment = match &piece.kind {
                // A link to a structure is what a quoted name is in the code-span generations.
                PieceKind::Link { target } if target.contains("type_defs") => {
                    expr.text.push('"');
                    expr.text.push_str(&piece.text);
                    expr.text.push('"');
                    None
                }
                _ => {
                    expr.text.push_str(&piece.text);
                    piece.verbatim_offset(source)
                }
            };
            expr.segments.push(match segment {
                Some(source) => Segment {
                    at,
                    source,
                    verbatim: true,
                },
                None => Segment {
                    at,
                    source: piece.range.start,
                    verbatim: false,
                },
            });
        }
        expr
    }

    /// The file offset of byte `offset` of the expression.
    fn source_offset(&self, offset: usize) -> usize {
        match self.segments.iter().rev().find(|s| s.at <= offset) {
            Some(s) if s.verbatim => s.source + (offset - s.at),
            Some(s) => s.source,
            None => self.end,
        }
    }
}
