//! A docs page as the readers see it: its `##` sections, each a sequence of top-level blocks whose inline
//! content is kept as pieces (code span, text, link) with their byte ranges in the file, and whose code
//! blocks keep their info string and a map from their text back to the file.
//!
//! Built from pulldown-cmark events rather than lines, so every docs generation's markdown (items that
//! wrap, escaped brackets, links in types, `<a id>` anchors, mkdocs admonitions) arrives in one shape;
//! what the blocks *mean* is left to the layout readers.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// One `## Name` section and the blocks up to the next.
#[derive(Clone, Debug)]
pub struct Section {
    /// The heading's text.
    pub name: String,
    /// Byte offset of the heading.
    pub offset: usize,
    pub blocks: Vec<Block>,
}

/// A block at the top level of a section. Blocks inside block quotes are dropped; nested lists are
/// folded into their outer item.
#[derive(Clone, Debug)]
pub enum Block {
    Paragraph(Inline),
    /// A list: one [`Inline`] per item.
    List(Vec<Inline>),
    Code(Code),
}

/// A code block.
#[derive(Clone, Debug)]
pub struct Code {
    /// What follows the opening fence (`python title="Definition"`); empty for an indented block.
    pub info: String,
    /// Byte offset of the block (its opening fence).
    pub offset: usize,
    pub text: Mapped,
}

impl Code {
    /// The value of the `title="..."` attribute in the info string, as mkdocs writes it.
    pub fn title(&self) -> Option<&str> {
        let (_, rest) = self.info.split_once("title=\"")?;
        rest.split_once('"').map(|(title, _)| title)
    }
}

/// Text assembled from parts of a file, each byte traceable to where it came from, so that an error
/// found in the text points at the file.
#[derive(Clone, Debug, Default)]
pub struct Mapped {
    pub text: String,
    parts: Vec<Part>,
}

/// Where one part starts in the text and in the file.
#[derive(Clone, Debug)]
struct Part {
    at: usize,
    source: usize,
    /// The part is in the file as is, so an offset inside it maps character for character; otherwise
    /// (escapes resolved, quotes added, indentation stripped) it maps to the part's start.
    verbatim: bool,
}

impl Mapped {
    /// Appends `text`, found in `source` (the whole file) at `range`.
    pub fn push(&mut self, text: &str, source: &str, range: Range<usize>) {
        match verbatim_offset(source, text, range.clone()) {
            Some(at) => self.push_at(text, at, true),
            None => self.push_at(text, range.start, false),
        }
    }

    /// Appends `text`, which is at file offset `source` — verbatim, or only starting there.
    pub fn push_at(&mut self, text: &str, source: usize, verbatim: bool) {
        self.parts.push(Part {
            at: self.text.len(),
            source,
            verbatim,
        });
        self.text.push_str(text);
    }

    /// The file offset of byte `at` of the text, or `None` if the text is empty there.
    pub fn source_offset(&self, at: usize) -> Option<usize> {
        let part = self.parts.iter().rev().find(|p| p.at <= at)?;
        Some(if part.verbatim {
            part.source + (at - part.at)
        } else {
            part.source
        })
    }
}

/// Byte offset in `source` of `text`'s first byte, if it appears verbatim within `range` (it does not
/// where escapes or entities were resolved).
fn verbatim_offset(source: &str, text: &str, range: Range<usize>) -> Option<usize> {
    let start = range.start;
    source.get(range)?.find(text).map(|i| start + i)
}

/// The inline content of a paragraph or list item.
#[derive(Clone, Debug, Default)]
pub struct Inline {
    /// Byte offset of the paragraph or item (its bullet).
    pub offset: usize,
    pub pieces: Vec<Piece>,
}

impl Inline {
    /// The content as plain text: pieces' texts joined.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// A run of inline content.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub kind: PieceKind,
    /// The text as rendered: a code span's content, text with escapes resolved, a link's text.
    pub text: String,
    /// Where the piece is in the file, delimiters (backticks, link syntax) included.
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PieceKind {
    Code,
    /// Text, including line breaks (as a space) and separators between folded nested items.
    Text,
    Link {
        target: String,
    },
}

impl Piece {
    /// Byte offset in the file of `text`'s first byte, if the text appears there verbatim (it does not
    /// where escapes or entities were resolved).
    pub fn verbatim_offset(&self, source: &str) -> Option<usize> {
        verbatim_offset(source, &self.text, self.range.clone())
    }
}

/// The `##` sections of `source`; anything before the first is the page's preamble, skipped.
pub fn sections(source: &str) -> Vec<Section> {
    let mut walk = Walk {
        source,
        ..Walk::default()
    };
    for (event, range) in Parser::new_ext(source, Options::empty()).into_offset_iter() {
        walk.event(event, range);
    }
    walk.sections.extend(walk.current);
    walk.sections
}

#[derive(Default)]
struct Walk<'a> {
    source: &'a str,
    sections: Vec<Section>,
    current: Option<Section>,
    /// The `##` heading being read: its offset and text.
    heading: Option<(usize, String)>,
    /// The paragraph or list item being read.
    inline: Option<Inline>,
    /// The link being read, inside `inline`.
    link: Option<Piece>,
    /// The items of the top-level list being read.
    items: Vec<Inline>,
    list_depth: usize,
    quote_depth: usize,
    /// Inside any code block; a top-level one being read.
    in_code: bool,
    code: Option<Code>,
}

impl Walk<'_> {
    fn top_level(&self) -> bool {
        self.list_depth == 0 && self.quote_depth == 0
    }

    fn push_block(&mut self, block: Block) {
        if let Some(section) = &mut self.current {
            section.blocks.push(block);
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(PieceKind::Text, &text, range),
            Event::Code(text) => self.text(PieceKind::Code, &text, range),
            Event::SoftBreak | Event::HardBreak => self.text(PieceKind::Text, " ", range),
            // HTML (gen3b's `<a id=...>` anchors), rules and the like carry nothing a reader needs.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading {
                level: HeadingLevel::H2,
                ..
            } if self.top_level() => self.heading = Some((range.start, String::new())),
            Tag::Paragraph if self.top_level() => {
                self.inline = Some(Inline {
                    offset: range.start,
                    pieces: Vec::new(),
                })
            }
            Tag::List(_) => {
                if self.top_level() {
                    self.items.clear();
                }
                self.list_depth += 1;
            }
            Tag::Item if self.list_depth == 1 && self.quote_depth == 0 => {
                self.inline = Some(Inline {
                    offset: range.start,
                    pieces: Vec::new(),
                })
            }
            // A nested item continues its outer item's content after a separating space.
            Tag::Item => self.text(PieceKind::Text, " ", range.start..range.start),
            Tag::BlockQuote(_) => self.quote_depth += 1,
            Tag::CodeBlock(kind) => {
                self.in_code = true;
                if self.top_level() {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    self.code = Some(Code {
                        info,
                        offset: range.start,
                        text: Mapped::default(),
                    });
                }
            }
            Tag::Link { dest_url, .. } if self.inline.is_some() => {
                self.link = Some(Piece {
                    kind: PieceKind::Link {
                        target: dest_url.to_string(),
                    },
                    text: String::new(),
                    range,
                })
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(HeadingLevel::H2) => {
                if let Some((offset, name)) = self.heading.take() {
                    let section = Section {
                        name: name.trim().to_owned(),
                        offset,
                        blocks: Vec::new(),
                    };
                    self.sections.extend(self.current.replace(section));
                }
            }
            TagEnd::Paragraph if self.top_level() => {
                if let Some(inline) = self.inline.take() {
                    self.push_block(Block::Paragraph(inline));
                }
            }
            TagEnd::List(_) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.top_level() {
                    let items = std::mem::take(&mut self.items);
                    self.push_block(Block::List(items));
                }
            }
            TagEnd::Item if self.list_depth == 1 && self.quote_depth == 0 => {
                if let Some(item) = self.inline.take() {
                    self.items.push(item);
                }
            }
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            TagEnd::CodeBlock => {
                self.in_code = false;
                if let Some(code) = self.code.take() {
                    self.push_block(Block::Code(code));
                }
            }
            TagEnd::Link => {
                if let (Some(link), Some(inline)) = (self.link.take(), &mut self.inline) {
                    inline.pieces.push(link);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, kind: PieceKind, text: &str, range: Range<usize>) {
        if self.in_code {
            if let Some(code) = &mut self.code {
                code.text.push(text, self.source, range);
            }
        } else if let Some(link) = &mut self.link {
            link.text.push_str(text);
        } else if let Some((_, heading)) = &mut self.heading {
            heading.push_str(text);
        } else if let Some(inline) = &mut self.inline {
            inline.pieces.push(Piece {
                kind,
                text: text.to_owned(),
                range,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_blocks_and_pieces_keep_offsets() {
        let source = "# Title\n\n- [toc](#x)\n\n## FooTypeDef\n\n```python\nfrom m import x\n```\n\nOptional fields:\n- `A`: `List[\"B\"]`\n- `C`:\n  `List`\\[[D](./literals.md#d)\\]\n";
        let sections = sections(source);
        assert_eq!(sections.len(), 1);
        let section = &sections[0];
        assert_eq!((section.name.as_str(), section.offset), ("FooTypeDef", 22));
        let [Block::Code(code), Block::Paragraph(label), Block::List(items)] =
            section.blocks.as_slice()
        else {
            panic!("{:?}", section.blocks);
        };
        assert_eq!(code.text.text, "from m import x\n");
        assert_eq!(
            (code.info.as_str(), code.title(), code.offset),
            ("python", None, 37)
        );
        assert_eq!(label.text(), "Optional fields:");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].text(), "A: List[\"B\"]");
        let ty = &items[0].pieces[2];
        assert_eq!(ty.kind, PieceKind::Code);
        assert_eq!(&source[ty.range.clone()], "`List[\"B\"]`");
        assert_eq!(ty.verbatim_offset(source), Some(ty.range.start + 1));
        // An item that wraps, with escaped brackets and a link.
        assert_eq!(items[1].text(), "C: List[D]");
        let link = items[1]
            .pieces
            .iter()
            .find(|p| matches!(p.kind, PieceKind::Link { .. }))
            .unwrap();
        assert_eq!(
            link.kind,
            PieceKind::Link {
                target: "./literals.md#d".into()
            }
        );
        assert_eq!(&source[link.verbatim_offset(source).unwrap()..][..1], "D");
    }

    #[test]
    fn code_blocks_keep_their_title_and_map_back_to_the_file() {
        // An indented fence loses its indentation in the text, so each line maps on its own.
        let source = "## X\n\n  ```python title=\"Definition\"\n  class X:\n      A: str\n  ```\n";
        let sections = sections(source);
        let [Block::Code(code)] = sections[0].blocks.as_slice() else {
            panic!("{:?}", sections[0].blocks);
        };
        assert_eq!(code.title(), Some("Definition"));
        assert_eq!(code.text.text, "class X:\n    A: str\n");
        let a = code.text.text.find('A').unwrap();
        assert_eq!(code.text.source_offset(a), source.find('A'));
        assert_eq!(code.text.source_offset(0), source.find("class"));
    }

    #[test]
    fn nested_lists_fold_into_their_item_and_quotes_are_skipped() {
        let source = "## X\n\n> quoted\n\n- `a`\n  - `b`\n";
        let sections = sections(source);
        let [Block::List(items)] = sections[0].blocks.as_slice() else {
            panic!("{:?}", sections[0].blocks);
        };
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].text(), "a b");
    }
}
