//! The list layout of docs generations 1–3: a structure section lists its fields under
//! `Required fields:` and `Optional fields:`, each item `` - `Name`: `Type` ``; a literal section
//! lists its values under `Values:`, each item `` - `VALUE` ``.
//!
//! A field's type is rebuilt from the item's inline pieces, whatever mix of code spans, text and
//! links the generation writes, remembering where each piece came from so that a type error points
//! at the character in the file. How the pieces name shapes tells the generation: gen 1 quotes
//! structure names in code spans, gen 2 links names absolutely, gen 3 relatively.

use super::outline::{Block, Inline, Mapped, Piece, PieceKind, Section};
use super::pytype;
use super::{Generation, Page, RawDefs, RawField, RawLiteral, RawStructure};
use crate::ir::Field;
use crate::Result;
use std::collections::HashMap;
use std::ops::Range;

const FIELD_ITEM: &str = "expected a field item `` - `Name`: `Type` ``";
const VALUE_ITEM: &str = "expected a literal value item `` - `VALUE` ``";

pub fn structures(page: &Page, sections: &[Section]) -> Result<RawDefs> {
    let mut structures = Vec::with_capacity(sections.len());
    let mut shown = None;
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
                    "a structure section is `## Name`, then `Optional fields:` and its list (gens 1–3) \
                     or a ```python title=\"Definition\"``` block with `class Name(TypedDict):` (gen 4)",
                ));
        }
        let mut fields = Vec::new();
        for (label, items) in lists {
            for item in items {
                let (field, generation) = field(page, item, label == "Required fields:")?;
                shown = shown.into_iter().chain(generation).min();
                fields.push(field);
            }
        }
        structures.push(RawStructure {
            name,
            offset: section.offset,
            fields,
        });
    }
    Ok(RawDefs {
        structures,
        // Types that name no shape show no generation: such pages occur in gen 1
        // (marketplacecommerceanalytics), so they are read as written.
        generation: shown.unwrap_or(Generation::One),
    })
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

/// The field of `item` and the generation its type shows, if it names a shape.
fn field(page: &Page, item: &Inline, required: bool) -> Result<(RawField, Option<Generation>)> {
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
    let expr = Expr::render(page, rest, first.range.end)?;
    let after_name = expr.text.text.trim_start();
    let colon = expr.text.text.len() - after_name.len();
    if !after_name.starts_with(':') {
        return Err(page.error(
            expr.source_offset(colon),
            format!("expected `:` after the field name `{name}`; {FIELD_ITEM}"),
        ));
    }
    let start = colon + 1;
    let text = &expr.text.text[start..];
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
    let generation = parsed
        .names
        .iter()
        .filter_map(|n| expr.generation(start + n.offset, n.quoted))
        .min();
    let names = parsed
        .names
        .into_iter()
        .map(|mut n| {
            n.offset = expr.source_offset(start + n.offset);
            n
        })
        .collect();
    let field = RawField {
        field: Field::new(name.clone(), parsed.ty, required),
        offset: name_offset,
        names,
    };
    Ok((field, generation))
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
    text: Mapped,
    /// Where an empty expression is: just after the field name.
    end: usize,
    /// The ranges of `text` rendered from links, each with whether its target is absolute.
    links: Vec<(Range<usize>, bool)>,
}

impl Expr {
    /// The expression of `pieces` (what follows the field name, which ends at `end`). A link to a
    /// structure becomes a quoted name, as gen 1 writes it. A parenthesised note in text is commentary,
    /// not type syntax (gen 3's `` `Literal['X']` (see [XType](./literals.md#xtype)) `` repeats an
    /// inline literal's name): it is dropped, links and all.
    fn render(page: &Page, pieces: &[Piece], end: usize) -> Result<Expr> {
        let mut expr = Expr {
            text: Mapped::default(),
            end,
            links: Vec::new(),
        };
        // How deep in notes, and where the outermost one opened.
        let (mut depth, mut opened) = (0usize, end);
        for piece in pieces {
            let verbatim = piece.verbatim_offset(page.source);
            let at = |i: usize| verbatim.map_or(piece.range.start, |o| o + i);
            match &piece.kind {
                PieceKind::Text => {
                    let mut kept = 0;
                    for (i, c) in piece.text.char_indices() {
                        match c {
                            '(' => {
                                if depth == 0 {
                                    expr.text.push_at(
                                        &piece.text[kept..i],
                                        at(kept),
                                        verbatim.is_some(),
                                    );
                                    opened = at(i);
                                }
                                depth += 1;
                            }
                            ')' if depth > 0 => {
                                depth -= 1;
                                kept = i + 1;
                            }
                            _ => {}
                        }
                    }
                    if depth == 0 {
                        expr.text
                            .push_at(&piece.text[kept..], at(kept), verbatim.is_some());
                    }
                }
                _ if depth > 0 => {}
                PieceKind::Link { target } => {
                    let start = expr.text.text.len();
                    if target.contains("type_defs") {
                        expr.text
                            .push_at(&format!("\"{}\"", piece.text), piece.range.start, false);
                    } else {
                        expr.text.push_at(&piece.text, at(0), verbatim.is_some());
                    }
                    let absolute = target.starts_with("http://") || target.starts_with("https://");
                    expr.links.push((start..expr.text.text.len(), absolute));
                }
                PieceKind::Code => expr.text.push_at(&piece.text, at(0), verbatim.is_some()),
            }
        }
        if depth > 0 {
            return Err(page.error(
                opened,
                "this `(` is never closed: a note in a type ends with `)`",
            ));
        }
        Ok(expr)
    }

    /// The file offset of byte `offset` of the expression.
    fn source_offset(&self, offset: usize) -> usize {
        self.text.source_offset(offset).unwrap_or(self.end)
    }

    /// The generation shown by a shape name at byte `offset`: gen 1 quotes a structure's name in a
    /// code span, gen 2 links names absolutely, gen 3 relatively. A bare name in a code span shows
    /// nothing: gen 1 writes literal types so, later generations the Python classes that the docs do
    /// not define (`BaseClient`).
    fn generation(&self, offset: usize, quoted: bool) -> Option<Generation> {
        match self.links.iter().find(|(range, _)| range.contains(&offset)) {
            Some((_, true)) => Some(Generation::Two),
            Some((_, false)) => Some(Generation::Three),
            None if quoted => Some(Generation::One),
            None => None,
        }
    }
}
