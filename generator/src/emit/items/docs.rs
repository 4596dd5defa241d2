//! Doc comments of generated items: model text made safe for rustdoc (no code blocks, links or HTML).

use crate::emit::plan::RustType;
use crate::emit::template::doc_attrs;
use syn::Attribute;

/// `#[doc]` attributes, one a line (`#![doc]` if `inner`), so that prettyplease writes `///`.
pub(super) fn doc_lines(text: &str, inner: bool) -> Vec<Attribute> {
    let lines = text_lines(text)
        .into_iter()
        .map(|line| format!(" {line}").trim_end().to_string());
    doc_attrs(lines, inner)
}

/// ` Adds one element to <wire><detail>.`, or one entry for a map.
pub(super) fn adder_doc(ty: &RustType, wire: &str, detail: &str) -> String {
    let what = if matches!(ty, RustType::BTreeMap(..)) {
        "entry"
    } else {
        "element"
    };
    format!(" Adds one {what} to {wire}{detail}.")
}

/// The lines of model text, split at every line ending: `\r` alone too, which a `///` comment may
/// not contain.
/// Like `str::lines` otherwise.
pub(super) fn text_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    match text.strip_suffix(['\n', '\r']).unwrap_or(&text) {
        "" if text.is_empty() => Vec::new(),
        text => text.split(['\n', '\r']).map(str::to_owned).collect(),
    }
}

/// Text for `#[diagnostic::on_unimplemented]`, where braces are format parameters.
pub(super) fn diagnostic_text(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// `#[doc]` attributes: the model's documentation (made safe for rustdoc) above our own summary.
pub(super) fn docs(model_docs: Option<&str>, summary: &str) -> Vec<Attribute> {
    let mut lines: Vec<String> = Vec::new();
    if let Some(text) = model_docs.filter(|t| !t.trim().is_empty()) {
        lines.extend(prose_lines(text).iter().map(|l| format!(" {l}")));
        lines.push(String::new());
    }
    lines.push(format!(" {summary}"));
    doc_attrs(lines, false)
}

/// `text` as a markdown code span, whatever backticks it contains.
pub fn code(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!(
        "{fence}{pad}{}{pad}{fence}",
        text.replace(['\n', '\r'], " ")
    )
}

/// Model documentation as rustdoc lines that read as prose and nothing else: no line can open a
/// code block (which `cargo test` would run as a doctest), a list or block quote (inside which one
/// could open), or HTML. Leading whitespace goes (no indented code), and a line starting with a
/// fence or list marker has that character escaped; inline markdown (`code`, *emphasis*) stays.
pub(crate) fn prose_lines(text: &str) -> Vec<String> {
    text_lines(text)
        .iter()
        .map(|line| {
            let line = escape_markdown(line.trim());
            // `1.` and `1)` open an ordered list: the punctuation is what gets escaped.
            let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let opens_block = if digits > 0 {
                line[digits..].starts_with(['.', ')'])
            } else {
                line.starts_with(['`', '~', '-', '+', '*'])
            };
            if opens_block {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else {
                line
            }
        })
        .collect()
}

/// Model documentation is prose, not rustdoc: brackets would be read as intra-doc links, angle
/// brackets as HTML, and bare URLs draw a warning. Escape the first two and link the last.
pub(super) fn escape_markdown(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut out = String::with_capacity(escaped.len());
    for (i, word) in escaped.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.starts_with("http://") || word.starts_with("https://") {
            out.push('<');
            out.push_str(word);
            out.push('>');
        } else {
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_ending_ends_a_doc_line() {
        assert_eq!(text_lines("a\rb\r\nc\n\nd\n"), ["a", "b", "c", "", "d"]);
        assert_eq!(text_lines(""), Vec::<String>::new());
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("Mode"), "`Mode`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }

    /// The blocks and HTML rustdoc would see in `text`'s doc lines (read as rustdoc reads them).
    fn non_prose(text: &str) -> Vec<String> {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let markdown = prose_lines(text).join("\n");
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        Parser::new_ext(&markdown, options)
            .filter_map(|event| match event {
                Event::Start(
                    tag @ (Tag::CodeBlock(_)
                    | Tag::List(_)
                    | Tag::BlockQuote(_)
                    | Tag::HtmlBlock
                    | Tag::FootnoteDefinition(_)),
                ) => Some(format!("{tag:?}")),
                Event::Html(html) | Event::InlineHtml(html) => Some(html.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn model_docs_never_open_a_code_block() {
        let hostile = [
            "Intro.\n```\npanic!(\"ran\");\n```",
            "```rust\nstd::process::exit(1);\n```",
            "~~~\nfn main() {}\n~~~",
            "Text.\n\n    panic!(\"indented\");\n\tpanic!(\"tab\");",
            "- item\n\n      panic!(\"in a list\");\n-     panic!()\n- ```\n  panic!()\n  ```",
            "1. one\n2) ```\n   panic!()\n   ```",
            "> ```\n> panic!()\n> ```\n>     panic!()",
            "+ a\n* b\n  * ```\n    x\n    ```",
            "[^1]: note\n\n        panic!()",
            "<script>alert(1)</script>\n<pre>\npanic!()\n</pre>",
            "a */ b /* c\r```\rpanic!()\r```",
            "   ```\n   x\n   ```",
        ];
        for text in hostile {
            assert_eq!(
                non_prose(text),
                Vec::<String>::new(),
                "{text:?} became {:?}",
                prose_lines(text)
            );
        }
        // What stays: the words, inline code, emphasis.
        assert_eq!(
            prose_lines("  Use `x` *now*.\n- a\n10. b\n```rust"),
            ["Use `x` *now*.", "\\- a", "10\\. b", "\\```rust"]
        );
    }

    #[test]
    fn model_docs_cannot_become_links_html_or_bare_urls() {
        assert_eq!(
            escape_markdown("See [Foo] <b> https://x.y/z now"),
            "See \\[Foo\\] &lt;b&gt; <https://x.y/z> now"
        );
    }
}
