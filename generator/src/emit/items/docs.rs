//! Doc comments of generated items: model docs (Markdown) made safe for rustdoc.

use crate::emit::plan::RustType;
use crate::emit::template::doc_attrs;
use crate::html::{is_web_url, Node};
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

/// `#[doc]` attributes: the model's documentation (Markdown, made safe for rustdoc) as the first
/// paragraphs, our own summary after it.
pub(super) fn docs(model_docs: Option<&str>, summary: &str) -> Vec<Attribute> {
    let mut lines: Vec<String> = Vec::new();
    let markdown = model_docs.map(rustdoc_markdown).unwrap_or_default();
    if !markdown.is_empty() {
        lines.extend(markdown.split('\n').map(|line| match line {
            "" => String::new(),
            line => format!(" {line}"),
        }));
        lines.push(String::new());
    }
    lines.push(format!(" {summary}"));
    doc_attrs(lines, false)
}

/// `text` as a markdown code span, whatever backticks it contains.
pub fn code(text: &str) -> String {
    crate::html::code_span(text)
}

/// Model documentation (Markdown) as rustdoc will read it safely: parsed as rustdoc parses it and
/// written back keeping paragraphs, lists, block quotes, emphasis, inline code and links to
/// `http(s)` URLs. Every code block comes out fenced as `text` (never a doctest); raw HTML, other
/// links and images are text; headings and table rows are paragraphs; bare URLs are autolinks;
/// brackets are escaped (no intra-doc links). Tabs, `\r` and other line breaks cannot reach a
/// doc line: the text is written by the HTML converter's writer, which makes only these.
pub(crate) fn rustdoc_markdown(text: &str) -> String {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
    // rustdoc's extensions, so that whatever they make is seen here (smart punctuation aside,
    // which only changes how quotes look).
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    // The open elements, innermost last; the root at 0. Those deeper than the writer takes are
    // left out (counted, to match their ends), their content kept.
    let mut open: Vec<(&str, Option<String>, Vec<Node>)> = vec![("", None, Vec::new())];
    let mut left_out = 0;
    let push = |open: &mut Vec<(&str, Option<String>, Vec<Node>)>, node: Node| {
        let children = &mut open.last_mut().expect("the root stays open").2;
        match (children.last_mut(), node) {
            (Some(Node::Text(last)), Node::Text(text)) => last.push_str(&text),
            (_, node) => children.push(node),
        }
    };
    let element = |name: &str, text: Option<String>| Node::Element {
        name: name.to_string(),
        href: None,
        children: text.map(Node::Text).into_iter().collect(),
    };
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(_) if open.len() > crate::html::MAX_DEPTH => left_out += 1,
            Event::Start(tag) => {
                let (name, href) = match tag {
                    Tag::Paragraph | Tag::HtmlBlock | Tag::TableRow | Tag::TableHead => ("p", None),
                    Tag::Heading { .. } => ("h1", None),
                    Tag::BlockQuote(_) => ("blockquote", None),
                    Tag::CodeBlock(_) => ("pre", None),
                    Tag::List(None) => ("ul", None),
                    Tag::List(Some(_)) => ("ol", None),
                    Tag::Item => ("li", None),
                    Tag::Emphasis => ("em", None),
                    Tag::Strong => ("strong", None),
                    Tag::Link {
                        link_type,
                        dest_url,
                        ..
                    } => {
                        let web = is_web_url(&dest_url) && link_type != LinkType::Email;
                        let href = web.then(|| dest_url.to_string());
                        ("a", href)
                    }
                    // What the writer does not make: the text inside, set apart if a block.
                    Tag::FootnoteDefinition(_) | Tag::Table(_) | Tag::TableCell => ("div", None),
                    _ => ("span", None),
                };
                open.push((name, href, Vec::new()));
            }
            Event::End(_) if left_out > 0 => left_out -= 1,
            Event::End(_) => {
                if open.len() > 1 {
                    let (name, href, children) = open.pop().expect("checked above");
                    let node = Node::Element {
                        name: name.to_string(),
                        href,
                        children,
                    };
                    push(&mut open, node);
                }
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                push(&mut open, Node::Text(text.into_string()));
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                push(&mut open, Node::Text(text.into_string()));
            }
            Event::Code(code) => push(&mut open, element("code", Some(code.into_string()))),
            Event::FootnoteReference(label) => push(&mut open, Node::Text(format!("[^{label}]"))),
            Event::TaskListMarker(done) => {
                push(
                    &mut open,
                    Node::Text(if done { "[x] " } else { "[ ] " }.into()),
                );
            }
            Event::SoftBreak => push(&mut open, Node::Text("\n".into())),
            Event::HardBreak => push(&mut open, element("br", None)),
            Event::Rule => {}
        }
    }
    let root = open.swap_remove(0).2;
    crate::html::render(&root)
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

    /// What rustdoc would see in `markdown` that model docs must not make: a code block that is
    /// not a `text` fence (a doctest), HTML, a link other than to an `http(s)` URL, a reference
    /// rustdoc would try as an intra-doc link, a bare URL (`bare_urls`).
    pub(crate) fn unsafe_for_rustdoc(markdown: &str) -> Vec<String> {
        use pulldown_cmark::{BrokenLink, CodeBlockKind, Event, Options, Parser, Tag};
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_SMART_PUNCTUATION;
        let mut found = Vec::new();
        let mut broken = |link: BrokenLink<'_>| {
            found.push(format!("intra-doc link {:?}", link.reference));
            None
        };
        let events: Vec<Event> =
            Parser::new_with_broken_link_callback(markdown, options, Some(&mut broken)).collect();
        // rustdoc's `bare_urls` pattern.
        static URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"https?://([-a-zA-Z0-9@:%._\+~#=]{2,256}\.)+[a-zA-Z]{2,63}").unwrap()
        });
        let (mut in_code, mut in_link) = (false, false);
        for event in events {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info == "text" => {
                    in_code = true;
                }
                Event::End(pulldown_cmark::TagEnd::CodeBlock) => in_code = false,
                Event::Start(Tag::Link { dest_url, .. }) if is_web_url(&dest_url) => {
                    in_link = true;
                }
                Event::End(pulldown_cmark::TagEnd::Link) => in_link = false,
                Event::Start(
                    tag @ (Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::FootnoteDefinition(_)
                    | Tag::Table(_)),
                ) => found.push(format!("{tag:?}")),
                Event::Html(html) | Event::InlineHtml(html) => found.push(html.to_string()),
                Event::FootnoteReference(label) => found.push(format!("footnote {label}")),
                Event::Text(text) if !in_code && !in_link && URL.is_match(&text) => {
                    found.push(format!("bare URL in {text:?}"));
                }
                _ => {}
            }
        }
        found
    }

    #[test]
    fn model_docs_never_open_a_code_block_html_or_link() {
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
            "[Foo] [bar][] [x](crate::Y) [m](mailto:a@b) ![i](https://x.y/i.png) <a@b.c> [^1]",
            "See https://x.y/z). and (http://a.b/c_(d)) and <https://ok.x> `https://in.code`",
            "| a | b |\n|---|---|\n| c | d |",
            "Setext\n===\nline two\n---",
            "```` ``` ````\n`` ` ``\n```\n````\n```",
        ];
        for text in hostile {
            let markdown = rustdoc_markdown(text);
            assert_eq!(
                unsafe_for_rustdoc(&markdown),
                Vec::<String>::new(),
                "{text:?} became {markdown:?}"
            );
            assert!(!markdown.contains(['\r', '\t']), "{markdown:?}");
            assert_eq!(
                rustdoc_markdown(&markdown),
                markdown,
                "{text:?} is a fixpoint"
            );
        }
    }

    #[test]
    fn deep_nesting_is_flattened_not_a_stack_overflow() {
        let html = "<ul><li><b><i>".repeat(50_000) + "deep";
        let markdown = crate::html::to_markdown(&html);
        assert!(markdown.ends_with("*deep*"), "{markdown}");
        assert!(markdown.lines().count() <= crate::html::MAX_DEPTH);
        for text in [
            ">".repeat(100_000),
            "- ".repeat(50_000),
            "*a ".repeat(50_000),
        ] {
            let markdown = rustdoc_markdown(&(text + "deep"));
            assert!(markdown.ends_with("deep"));
            assert_eq!(unsafe_for_rustdoc(&markdown), Vec::<String>::new());
        }
    }

    #[test]
    fn model_docs_keep_their_markdown() {
        // Code blocks stay, tagged `text`; the rest as written.
        assert_eq!(
            rustdoc_markdown(
                "Use `x` *now*, **really**.\n\n```rust\nlet a = 1;\n```\n- a\n- b\n\n> quote"
            ),
            "Use `x` *now*, **really**.\n\n```text\nlet a = 1;\n```\n\n- a\n- b\n\n> quote"
        );
        assert_eq!(
            rustdoc_markdown("See [Foo] <b>bold</b> https://x.y/z, [docs](https://d.x/a_(b)) and [here](../rel)."),
            "See \\[Foo\\] \\<b\\>bold\\</b\\> <https://x.y/z>, [docs](<https://d.x/a_(b)>) and here."
        );
        assert_eq!(rustdoc_markdown("  \n"), "");
    }

    /// Every `documentation` string (HTML) in a botocore `service-2.json` value.
    pub(crate) fn documentation(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    match value {
                        serde_json::Value::String(html) if key == "documentation" => {
                            out.push(html.clone());
                        }
                        value => documentation(value, out),
                    }
                }
            }
            serde_json::Value::Array(values) => values.iter().for_each(|v| documentation(v, out)),
            _ => {}
        }
    }

    /// Every documentation string of every vendored botocore service.
    pub(crate) fn botocore_documentation() -> Vec<(String, Vec<String>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/botocore");
        let mut services: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|entry| entry.unwrap().path().join("service-2.json"))
            .filter(|path| path.is_file())
            .collect();
        services.sort();
        services
            .into_iter()
            .map(|path| {
                let json: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                let mut docs = Vec::new();
                documentation(&json, &mut docs);
                let service = path.parent().unwrap().file_name().unwrap();
                (service.to_string_lossy().into_owned(), docs)
            })
            .collect()
    }

    /// The converter writes only what the sanitizer keeps, as it is: botocore's docs reach the
    /// crate as converted, and safe.
    #[test]
    fn every_botocore_doc_comes_out_safe_and_unchanged_by_the_sanitizer() {
        let services = botocore_documentation();
        assert_eq!(services.len(), 200);
        let mut count = 0;
        let mut failures = Vec::new();
        for (service, docs) in &services {
            for html in docs {
                let markdown = crate::html::to_markdown(html);
                let found = unsafe_for_rustdoc(&markdown);
                let again = rustdoc_markdown(&markdown);
                if !found.is_empty() || again != markdown {
                    // Where the sanitizer changed it, give or take.
                    let at = markdown
                        .char_indices()
                        .zip(again.chars())
                        .find(|((_, a), b)| a != b)
                        .map_or(markdown.len().min(again.len()), |((i, _), _)| i);
                    let near = |text: &str| {
                        let start = text.floor_char_boundary(at.saturating_sub(80));
                        let end = text.ceil_char_boundary((at + 80).min(text.len()));
                        text[start..end].to_string()
                    };
                    failures.push(format!(
                        "{service}: {found:?}\n  {:?}\n  {:?}",
                        near(&markdown),
                        near(&again)
                    ));
                }
                count += 1;
            }
        }
        assert_eq!(count, 94_986);
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures[..failures.len().min(8)].join("\n")
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Any text, Markdown-ish or not: no panic, nothing unsafe, and the same once more.
        #[test]
        fn any_text_comes_out_safe(text in "([-*+>#`~_\\[\\]()<>!|:=. \n\r\t0-9a-z]|https://|```|    ){0,60}") {
            let markdown = rustdoc_markdown(&text);
            proptest::prop_assert_eq!(unsafe_for_rustdoc(&markdown), Vec::<String>::new(), "{:?}", markdown);
            proptest::prop_assert!(!markdown.contains(['\r', '\t']));
        }

        /// Tag soup of botocore's tags, entities, Markdown's punctuation and URLs: converted
        /// without a panic, safe, and kept as it is by the sanitizer.
        #[test]
        fn any_html_converts_safe_and_stable(fragments in proptest::collection::vec(
            proptest::sample::select(HTML_FRAGMENTS), 0..40,
        )) {
            let html = fragments.concat();
            let markdown = crate::html::to_markdown(&html);
            proptest::prop_assert_eq!(unsafe_for_rustdoc(&markdown), Vec::<String>::new(), "{:?}", markdown);
            proptest::prop_assert_eq!(rustdoc_markdown(&markdown), markdown.clone(), "{:?}", html);
        }

        /// Any text at all as HTML: no panic.
        #[test]
        fn any_text_converts(text in proptest::prelude::any::<String>()) {
            let markdown = crate::html::to_markdown(&text);
            proptest::prop_assert_eq!(unsafe_for_rustdoc(&markdown), Vec::<String>::new(), "{:?}", markdown);
        }
    }

    const HTML_FRAGMENTS: &[&str] = &[
        "<p>",
        "</p>",
        "<p/>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<code>",
        "</code>",
        "<a href=\"https://x.y/a_(b)\">",
        "<a href=\"rel/x.html\">",
        "<a>",
        "</a>",
        "<pre>",
        "</pre>",
        "<note>",
        "</note>",
        "<important>",
        "</important>",
        "<dl>",
        "<dt>",
        "<dd>",
        "</dl>",
        "<br>",
        "<br/>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<h4>",
        "</h4>",
        "<div>",
        "</div>",
        "<unknown x='1'>",
        "</unknown>",
        "<!-- c -->",
        "<",
        ">",
        "&lt;",
        "&gt;",
        "&amp;",
        "&#x2028;",
        "&#x97;",
        "&#0;",
        "&bogus;",
        "&",
        "\"",
        "'",
        " ",
        "  ",
        "\n",
        "\r",
        "\t",
        "\u{a0}",
        "word",
        "1.",
        "1)",
        "- ",
        "+ ",
        "* ",
        "#",
        "=",
        "---",
        "```",
        "~~~",
        "`",
        "``",
        "*",
        "**",
        "_",
        "__",
        "[",
        "]",
        "[x]",
        "(",
        ")",
        "\\",
        "|",
        "!",
        ":",
        "[^1]",
        "https://x.y/z",
        "http://",
        "https://",
        ".",
        ",",
        "    ",
    ];
}
