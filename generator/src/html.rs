//! botocore's documentation HTML (`<p>`, `<code>`, `<a>`, ...) as Markdown text for doc comments.

/// `html` as plain Markdown paragraphs: tags dropped, common entities decoded, each `<p>` a
/// paragraph (separated by a blank line), whitespace collapsed.
pub(crate) fn to_markdown(html: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        current.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            current.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("");
        if matches!(name, "p" | "br" | "li" | "ul" | "ol") {
            paragraphs.push(std::mem::take(&mut current));
        } else {
            current.push(' ');
        }
        rest = &rest[start + end + 1..];
    }
    current.push_str(rest);
    paragraphs.push(current);
    paragraphs
        .iter()
        .map(|p| collapse(&decode_entities(p)))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_without_tags() {
        assert_eq!(
            to_markdown("<p>The <code>ID</code> of the\n  app.</p><p>A &lt;b&gt; &amp; c.</p>"),
            "The ID of the app.\n\nA <b> & c."
        );
    }
}
