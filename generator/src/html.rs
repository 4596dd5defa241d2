//! botocore's documentation HTML as Markdown, the form the IR keeps docs in.
//!
//! botocore writes a small, loose HTML: `<p>`, `<code>`, `<a href>`, lists, `<note>` and
//! `<important>` (DocBook's), `<dl>`, `<pre>`, and now and then a tag left open or closed twice.
//! html5gum tokenizes it as a browser would (entities, attributes, tag soup); the small tree built
//! here forgives what the tokenizer leaves to a tree builder (a `<li>` or `<p>` never closed, an
//! end tag with no start) and every tag not known keeps its text. The Markdown written is meant
//! to be read back by CommonMark as the HTML meant it; whether it is safe for rustdoc is the
//! emitter's business (`emit::items::docs`), not this module's.

use html5gum::{Token, Tokenizer};

/// botocore's documentation HTML (or any HTML) as CommonMark. Never fails: what is not
/// understood is kept as text.
pub fn to_markdown(html: &str) -> String {
    render(&parse(html))
}

/// How deep elements nest in the tree; tags deeper than this are left out (their text stays), so
/// that no input can exhaust the stack of the recursive writer.
pub(crate) const MAX_DEPTH: usize = 32;

/// `nodes` as CommonMark: the writer behind [`to_markdown`], and behind the emitter's sanitizer,
/// which builds nodes from Markdown it parsed so that rustdoc reads back only what this writes.
pub(crate) fn render(nodes: &[Node]) -> String {
    let mut blocks = Blocks::default();
    blocks.children(nodes);
    blocks.finish().join("\n\n")
}

/// `text` as a Markdown code span, whatever backticks it holds; line breaks become spaces.
pub(crate) fn code_span(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    // A span's content losing a space at each end, or touching the fence, needs a pad.
    let pad = if text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty())
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Plain text as Markdown inline text: every character that could start a construct (emphasis,
/// code, link, HTML, entity, table cell, strikethrough) is backslash-escaped; `_` only where it
/// could be emphasis (not inside a word). What starts a block at the start of a line is
/// [`escape_line_start`]'s business.
fn escape_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '&' | '|' | '~' => true,
            '_' => {
                let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
                !(i > 0 && word(chars.get(i - 1)) && word(chars.get(i + 1)))
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line of inline Markdown that cannot open a block: leading spaces go (indented code), and a
/// first character that would make a heading, list, quote, fence, table row or setext underline
/// is escaped.
fn escape_line_start(line: &str) -> String {
    let line = line.trim_start_matches([' ', '\t']);
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let opens_block = if digits > 0 {
        line[digits..].starts_with(['.', ')'])
    } else {
        // Text escapes `*`, `` ` ``, `~`, `|` and `<` wherever they are (so a `*` or `` ` `` here
        // opens emphasis or a code span, never a list, rule or fence).
        line.starts_with(['#', '>', '-', '+', '='])
    };
    if opens_block {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_string()
    }
}

/// A line [`escape_line_start`] wrote, for use after other text on its line: its escape undone.
fn unescape_line_start(line: &str) -> String {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &line[digits..];
    let escaped = if digits > 0 {
        rest.starts_with("\\.") || rest.starts_with("\\)")
    } else {
        ["\\#", "\\-", "\\+", "\\="]
            .iter()
            .any(|e| rest.starts_with(e))
    };
    if escaped {
        format!("{}{}", &line[..digits], &rest[1..])
    } else {
        line.to_string()
    }
}

/// A node of the forgiving tree: text (entities decoded) or an element (lower-case HTML name,
/// `href` of an `<a>`) with what it holds.
#[derive(Debug)]
pub(crate) enum Node {
    Text(String),
    Element {
        name: String,
        href: Option<String>,
        children: Vec<Node>,
    },
}

/// Elements that never hold anything (HTML's void elements).
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr"
            | "img"
            | "wbr"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "source"
            | "track"
            | "param"
    )
}

/// The tree of `html`: an end tag closes the nearest open element of its name (and what is open
/// inside it) or nothing; a `<li>`, `<dt>`, `<dd>`, `<p>` or `<a>` closes one left open before it
/// where HTML would; elements [`MAX_DEPTH`] deep hold no more elements.
fn parse(html: &str) -> Vec<Node> {
    // The open elements, innermost last; the root at 0.
    let mut open: Vec<(String, Option<String>, Vec<Node>)> =
        vec![(String::new(), None, Vec::new())];
    fn close(open: &mut Vec<(String, Option<String>, Vec<Node>)>) {
        let (name, href, children) = open.pop().expect("the root is never closed");
        let parent = &mut open.last_mut().expect("the root is never closed").2;
        parent.push(Node::Element {
            name,
            href,
            children,
        });
    }
    // The element of a name open since the last element of `barrier`s, if any.
    let find = |open: &[(String, Option<String>, Vec<Node>)], names: &[&str], barrier: &[&str]| {
        (1..open.len())
            .rev()
            .take_while(|&i| !barrier.contains(&open[i].0.as_str()))
            .find(|&i| names.contains(&open[i].0.as_str()))
    };
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let implied: Option<(&[&str], &[&str])> = match name.as_str() {
                    "li" => Some((&["li"], &["ul", "ol"])),
                    "dt" | "dd" => Some((&["dt", "dd"], &["dl"])),
                    "p" => Some((&["p"], &["li", "dd", "dt", "note", "important", "div"])),
                    "a" => Some((&["a"], &[])),
                    _ => None,
                };
                if let Some((names, barrier)) = implied {
                    if let Some(i) = find(&open, names, barrier) {
                        while open.len() > i {
                            close(&mut open);
                        }
                    }
                }
                let href = (name == "a")
                    .then(|| tag.attributes.get(b"href".as_slice()))
                    .flatten()
                    .map(|value| String::from_utf8_lossy(value).trim().to_string());
                if open.len() > MAX_DEPTH {
                    continue;
                }
                if tag.self_closing || is_void(&name) {
                    let parent = &mut open.last_mut().expect("the root is never closed").2;
                    parent.push(Node::Element {
                        name,
                        href,
                        children: Vec::new(),
                    });
                } else {
                    open.push((name, href, Vec::new()));
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(i) = find(&open, &[name.as_str()], &[]) {
                    while open.len() > i {
                        close(&mut open);
                    }
                }
            }
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text);
                let parent = &mut open.last_mut().expect("the root is never closed").2;
                match parent.last_mut() {
                    Some(Node::Text(last)) => last.push_str(&text),
                    _ => parent.push(Node::Text(text.into_owned())),
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    while open.len() > 1 {
        close(&mut open);
    }
    open.pop().map(|root| root.2).unwrap_or_default()
}

/// Whitespace as HTML collapses it (and the Unicode line and paragraph separators botocore
/// writes as `&#x2028;`, which Markdown would keep inside a line).
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{2028}' | '\u{2029}'
    )
}

/// The text of `nodes`, tags dropped, whitespace kept as written (a `<pre>`'s content).
fn raw_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element { name, .. } if name == "br" => out.push('\n'),
            Node::Element { children, .. } => raw_text(children, out),
        }
    }
}

/// The text of `nodes` with whitespace collapsed (a `<code>`'s content).
fn collapsed_text(nodes: &[Node]) -> String {
    let mut raw = String::new();
    raw_text(nodes, &mut raw);
    raw.split(is_space)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Inline Markdown being written: spaces collapsed across pieces, emphasis kept able to open
/// and close (CommonMark's flanking rules) by a space where a word would touch it.
#[derive(Default)]
struct Inline {
    text: String,
    /// Inside a link's text, where a URL stays text (a link cannot hold a link).
    in_link: bool,
    /// Inside `**` or `*`.
    in_strong: bool,
    in_emphasis: bool,
    /// Whitespace came before any text: the content of an element set apart from what precedes.
    space_before: bool,
    /// Text not yet written (see [`Inline::push_text`]).
    pending: String,
    /// The last piece closed emphasis after punctuation: a word right after it would stop it
    /// from closing.
    closed_after_punctuation: bool,
}

impl Inline {
    /// Text (not Markdown); written out by [`Inline::settle`], so that text split by a tag
    /// that writes nothing is seen whole (a URL in it is linked whole).
    fn push_text(&mut self, text: &str) {
        self.pending.push_str(text);
    }

    /// Writes the text pushed since the last Markdown: whitespace collapsed, URLs linked, the rest
    /// escaped.
    fn settle(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for (i, word) in pending.split(is_space).enumerate() {
            if i > 0 {
                self.write_space();
            }
            if !word.is_empty() {
                let markdown = if self.in_link {
                    escape_text(word)
                } else {
                    link_urls(word)
                };
                self.write(&markdown);
            }
        }
    }

    /// The Markdown written, all text settled.
    fn finish(mut self) -> String {
        self.settle();
        self.text
    }

    /// An empty buffer for an element's content, inside what this one is inside.
    fn content(&self) -> Inline {
        Inline {
            in_link: self.in_link,
            in_strong: self.in_strong,
            in_emphasis: self.in_emphasis,
            ..Inline::default()
        }
    }

    fn space(&mut self) {
        self.settle();
        self.write_space();
    }

    /// One space, none at the start of a line or after another.
    fn write_space(&mut self) {
        if self.text.is_empty() {
            self.space_before = true;
        } else if !self.text.ends_with([' ', '\n']) {
            self.text.push(' ');
        }
    }

    /// Markdown already written (a code span, a link, emphasis).
    fn push_markdown(&mut self, markdown: &str) {
        self.settle();
        self.write(markdown);
    }

    fn write(&mut self, markdown: &str) {
        if self.closed_after_punctuation
            && markdown.starts_with(|c: char| c.is_alphanumeric())
            && !self.text.ends_with([' ', '\n'])
        {
            self.text.push(' ');
        }
        self.closed_after_punctuation = false;
        // Backticks or asterisks that touch make one run: a code span or emphasis must not start
        // right after one.
        for delimiter in ['`', '*'] {
            if markdown.starts_with(delimiter) && self.text.ends_with(delimiter) {
                self.text.push(' ');
            }
        }
        // `!` before a link makes it an image.
        if markdown.starts_with('[') && self.text.ends_with('!') {
            self.text.pop();
            self.text.push_str("\\!");
        }
        self.text.push_str(markdown);
    }

    fn hard_break(&mut self) {
        self.settle();
        let kept = self.text.trim_end_matches(' ').len();
        self.text.truncate(kept);
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push_str("\\\n");
        }
    }

    /// `content` between `open` and `close` (`**`, or a link's brackets), the spaces at its ends
    /// moved outside; nothing for content with no text. Emphasis is kept able to open and close
    /// under CommonMark's flanking rules: a space keeps a word from touching a delimiter on the
    /// side where the content has punctuation. Emphasis that could not open or close (content
    /// starting or ending with other whitespace, or with emphasis, as in `***a*b**`) is not
    /// written: `false` says to write the content as it is instead.
    fn enclose(&mut self, content: Inline, open: &str, close: &str) -> bool {
        let space_before = content.space_before;
        let content = content.finish();
        let inner = trim_inline(&content);
        if inner.is_empty() {
            if space_before || !content.is_empty() {
                self.space();
            }
            return true;
        }
        let emphasis = open.starts_with('*');
        if emphasis
            && (inner.starts_with(|c: char| c == '*' || c.is_whitespace())
                || inner.ends_with(|c: char| c == '*' || c.is_whitespace()))
        {
            return false;
        }
        if space_before {
            self.space();
        } else {
            self.settle();
        }
        let word = |c: char| c.is_alphanumeric();
        if emphasis && self.text.ends_with(word) && !inner.starts_with(word) {
            self.text.push(' ');
        }
        self.write(&format!("{open}{inner}{close}"));
        self.closed_after_punctuation = emphasis && !inner.ends_with(word);
        if content.ends_with(' ') {
            self.space();
        }
        true
    }

    fn node(&mut self, node: &Node) {
        let (name, href, children) = match node {
            Node::Text(text) => return self.push_text(text),
            Node::Element {
                name,
                href,
                children,
            } => (name.as_str(), href, children),
        };
        match name {
            "br" => self.hard_break(),
            "code" | "tt" | "kbd" | "samp" | "literal" | "filename" | "programlisting" => {
                let text = collapsed_text(children);
                if !text.is_empty() {
                    self.push_markdown(&code_span(&text));
                }
            }
            "b" | "strong" | "i" | "em" | "replaceable" => {
                let strong = matches!(name, "b" | "strong");
                // Emphasis in emphasis of its kind says nothing more, and its delimiters would
                // close the outer one.
                if (strong && self.in_strong) || (!strong && self.in_emphasis) {
                    for child in children {
                        self.node(child);
                    }
                    return;
                }
                let mut content = self.content();
                content.in_strong |= strong;
                content.in_emphasis |= !strong;
                for child in children {
                    content.node(child);
                }
                let delimiter = if strong { "**" } else { "*" };
                if !self.enclose(content, delimiter, delimiter) {
                    for child in children {
                        self.node(child);
                    }
                }
            }
            // Only links to the web: a relative link (botocore has some, relative to pages it
            // does not name) or `mailto:` would lead nowhere from rustdoc.
            "a" if !self.in_link && href.as_deref().is_some_and(is_web_url) => {
                let href = href.as_deref().unwrap_or_default();
                let mut content = Inline {
                    in_link: true,
                    ..self.content()
                };
                let text = collapsed_text(children);
                if text == href || text.is_empty() {
                    // A URL shown as itself (or not shown): an autolink if it can be one.
                    let autolink = link_urls(href);
                    if autolink == format!("<{href}>") {
                        return self.push_markdown(&autolink);
                    }
                    content.push_text(href);
                } else {
                    for child in children {
                        content.node(child);
                    }
                }
                let close = format!("]({})", destination(href));
                self.enclose(content, "[", &close);
            }
            _ => {
                // Blocks inside inline content, and tags not known: their text, set apart.
                let block = is_block(name);
                if block {
                    self.space();
                }
                for child in children {
                    self.node(child);
                }
                if block {
                    self.space();
                }
            }
        }
    }
}

/// An absolute `http(s)` URL, the only link destination kept.
pub(crate) fn is_web_url(href: &str) -> bool {
    href.starts_with("https://") || href.starts_with("http://")
}

/// Inline Markdown without the spaces and hard breaks at its ends.
fn trim_inline(text: &str) -> &str {
    let mut text = text.trim_start_matches(' ');
    loop {
        let trimmed = text.trim_end_matches(' ');
        match trimmed.strip_suffix("\\\n") {
            Some(shorter) => text = shorter,
            None => return trimmed,
        }
    }
}

/// A word of text with every `http(s)://` URL in it as an autolink (`<https://…>`, which
/// rustdoc's `bare_urls` asks for), the rest escaped. A URL ends where an autolink could not go
/// on, less the punctuation that ends a sentence or closes what the text opened.
fn link_urls(word: &str) -> String {
    let mut out = String::new();
    let mut rest = word;
    while let Some((start, scheme)) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| Some((rest.find(scheme)?, scheme.len())))
        .min()
    {
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c == '<' || c == '>' || c.is_control() || is_space(c))
            .unwrap_or(tail.len());
        let mut url = &tail[..end];
        loop {
            let trimmed =
                url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', '*', ']', '}']);
            let trimmed = match trimmed.strip_suffix(')') {
                Some(shorter) if trimmed.matches('(').count() < trimmed.matches(')').count() => {
                    shorter
                }
                _ => trimmed,
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        out.push_str(&escape_text(&rest[..start]));
        if url.len() == scheme {
            out.push_str(&escape_text(url));
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = &tail[url.len()..];
    }
    out.push_str(&escape_text(rest));
    out
}

/// A link destination in `<…>`, which allows parentheses and spaces would not; what it cannot
/// hold is percent-encoded.
fn destination(href: &str) -> String {
    let mut out = String::from("<");
    for c in href.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => out.push_str(&format!("%{:02X}", c as u32 & 0xff)),
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "note"
            | "important"
            | "pre"
            | "programlisting"
            | "blockquote"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// A Markdown block and what it is, for joining lists tightly.
struct Block {
    text: String,
    kind: BlockKind,
}

#[derive(Clone, Copy, PartialEq)]
enum BlockKind {
    Paragraph,
    /// A list: bullets, or numbers from 1, so that it can follow a paragraph in a tight item;
    /// marked with `*` or `1)` if `alternate`, else `-` or `1.`.
    List {
        alternate: bool,
    },
    Other,
}

/// Blocks being written, with the paragraph under way.
#[derive(Default)]
struct Blocks {
    done: Vec<Block>,
    inline: Inline,
}

impl Blocks {
    /// Ends the paragraph under way, if it has any text.
    fn flush(&mut self) {
        let inline = std::mem::take(&mut self.inline);
        let markdown = inline.finish();
        let text = trim_inline(&markdown);
        if text.is_empty() {
            return;
        }
        let lines: Vec<String> = text.split('\n').map(escape_line_start).collect();
        self.push(lines.join("\n"), BlockKind::Paragraph);
    }

    fn push(&mut self, text: String, kind: BlockKind) {
        if !text.is_empty() {
            self.done.push(Block { text, kind });
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.flush();
        self.done.into_iter().map(|b| b.text).collect()
    }

    fn children<'a>(&mut self, children: impl IntoIterator<Item = &'a Node>) {
        for child in children {
            self.node(child);
        }
    }

    /// The blocks of `children` on their own.
    fn nested<'a>(children: impl IntoIterator<Item = &'a Node>) -> Vec<Block> {
        let mut blocks = Blocks::default();
        blocks.children(children);
        blocks.flush();
        blocks.done
    }

    fn node(&mut self, node: &Node) {
        let Node::Element { name, children, .. } = node else {
            return self.inline.node(node);
        };
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" => {
                self.flush();
                let mut content = Inline {
                    in_strong: true,
                    ..Inline::default()
                };
                for child in children {
                    content.node(child);
                }
                if !self.inline.enclose(content, "**", "**") {
                    for child in children {
                        self.inline.node(child);
                    }
                }
                self.flush();
            }
            "ul" | "ol" | "li" => {
                self.flush();
                // A list right after another would continue it: the other marker keeps it apart.
                let alternate = matches!(
                    self.done.last(),
                    Some(Block {
                        kind: BlockKind::List { alternate: false },
                        ..
                    })
                );
                self.push(
                    list(name, children, alternate),
                    BlockKind::List { alternate },
                );
            }
            "note" | "important" | "blockquote" => {
                self.flush();
                let label = match name.as_str() {
                    "note" => "**Note:**",
                    "important" => "**Important:**",
                    _ => "",
                };
                let mut blocks = Blocks::nested(children);
                if blocks.is_empty() {
                    return;
                }
                match blocks.first_mut() {
                    _ if label.is_empty() => {}
                    Some(first) if first.kind == BlockKind::Paragraph => {
                        first.text = format!("{label} {}", unescape_line_start(&first.text));
                    }
                    _ => blocks.insert(
                        0,
                        Block {
                            text: label.to_string(),
                            kind: BlockKind::Paragraph,
                        },
                    ),
                }
                let quoted = join(&blocks, false)
                    .split('\n')
                    .map(|line| {
                        if line.is_empty() {
                            ">".to_string()
                        } else {
                            format!("> {line}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                self.push(quoted, BlockKind::Other);
            }
            "pre" | "programlisting" => {
                self.flush();
                let mut text = String::new();
                raw_text(children, &mut text);
                self.push(code_block(&text), BlockKind::Other);
            }
            _ if is_block(name) => {
                self.flush();
                self.children(children);
                self.flush();
            }
            _ if !contains_block(children) => self.inline.node(node),
            // Inline or unknown tags around blocks: what they hold, as it stands.
            _ => self.children(children),
        }
    }
}

fn contains_block(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| match node {
        Node::Text(_) => false,
        Node::Element { name, children, .. } => is_block(name) || contains_block(children),
    })
}

/// `text` as a fenced block tagged `text` (never a doctest), its fence longer than any run of
/// backticks in it; blank lines at either end go, and the newline HTML drops after `<pre>`; tabs
/// are 4 spaces (clippy's `tabs_in_doc_comments`).
fn code_block(text: &str) -> String {
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ");
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let body = lines[first..=last]
        .iter()
        .map(|line| line.trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    let longest_run = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    format!("{fence}text\n{body}\n{fence}")
}

/// A `<ul>`/`<ol>` (or a `<li>` found outside one) as a Markdown list: content other than `<li>`s
/// is an item of its own; each item's blocks indented under its marker.
fn list(name: &str, children: &[Node], alternate: bool) -> String {
    let ordered = name == "ol";
    let mut items: Vec<Vec<Block>> = Vec::new();
    let mut stray: Vec<&Node> = Vec::new();
    if name == "li" {
        items.push(Blocks::nested(children));
    } else {
        for child in children {
            match child {
                Node::Element { name, children, .. } if name == "li" => {
                    if !stray.is_empty() {
                        items.push(Blocks::nested(stray.drain(..)));
                    }
                    items.push(Blocks::nested(children));
                }
                other => stray.push(other),
            }
        }
        if !stray.is_empty() {
            items.push(Blocks::nested(stray));
        }
    }
    items.retain(|item| !item.is_empty());
    let tight = items.iter().all(|item| {
        item.iter().enumerate().all(|(i, block)| match block.kind {
            BlockKind::Paragraph => i == 0,
            BlockKind::List { .. } => true,
            BlockKind::Other => false,
        })
    });
    let mut text = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            text.push_str(if tight { "\n" } else { "\n\n" });
        }
        let marker = match (ordered, alternate) {
            (true, false) => format!("{}. ", i + 1),
            (true, true) => format!("{}) ", i + 1),
            (false, false) => "- ".to_string(),
            (false, true) => "* ".to_string(),
        };
        let indent = " ".repeat(marker.len());
        for (j, line) in join(item, tight).split('\n').enumerate() {
            if j == 0 {
                text.push_str(&marker);
                text.push_str(line);
            } else {
                text.push('\n');
                if !line.is_empty() {
                    text.push_str(&indent);
                    text.push_str(line);
                }
            }
        }
    }
    text
}

/// Blocks one after the other: a blank line apart, or (in a tight list item) a line break.
fn join(blocks: &[Block], tight: bool) -> String {
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    texts.join(if tight { "\n" } else { "\n\n" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_code_links_and_emphasis() {
        assert_eq!(
            to_markdown(
                "<p>The <code>Mode</code> of a\n  <a href=\"https://x.y/a_(b)\">thing</a>.</p> <p><b>Note:</b>This <i>is</i> it.</p>"
            ),
            "The `Mode` of a [thing](<https://x.y/a_(b)>).\n\n**Note:** This *is* it."
        );
    }

    #[test]
    fn lists_nest_and_indent_under_their_marker() {
        assert_eq!(
            to_markdown(
                "<ul><li><p>One</p><ul><li>a</li><li>b</li></ul></li><li>Two<li>Three</ul>"
            ),
            "- One\n  - a\n  - b\n- Two\n- Three"
        );
        assert_eq!(
            to_markdown("<ol><li><p>One</p><p>more</p></li><li>Two</li></ol>"),
            "1. One\n\n   more\n\n2. Two"
        );
    }

    #[test]
    fn notes_code_blocks_and_definitions() {
        assert_eq!(
            to_markdown("<note><p>Careful.</p><p>Really.</p></note>"),
            "> **Note:** Careful.\n>\n> Really."
        );
        assert_eq!(
            to_markdown("<pre><code>a ``` b\n  c</code></pre>"),
            "````text\na ``` b\n  c\n````"
        );
        assert_eq!(
            to_markdown("<dl><dt>Key<dd>What it is.<dt>Other</dt><dd>More.</dd></dl>"),
            "**Key**\n\nWhat it is.\n\n**Other**\n\nMore."
        );
    }

    #[test]
    fn text_is_text() {
        assert_eq!(
            to_markdown("<p>a &lt;b&gt; [c] *d* 1_2 _e_ &amp;f; <foo>kept</foo></p>"),
            "a \\<b\\> \\[c\\] \\*d\\* 1_2 \\_e\\_ \\&f; kept"
        );
        assert_eq!(to_markdown("<p># 1. - x</p>"), "\\# 1. - x");
        assert_eq!(to_markdown("<p>1. x<br/>- y</p>"), "1\\. x\\\n\\- y");
        assert_eq!(to_markdown("</p></ul>text<b>"), "text");
        assert_eq!(to_markdown(""), "");
    }
}
