//! Input limits, each checked before the work it bounds: a file's size from its metadata before it
//! is read, and a YAML text's size and nesting before serde_yaml parses it (libyaml's scanner
//! takes time quadratic in the nesting depth: 200 KB of `[` took over a minute).

use crate::error::{Error, Location, Result};
use std::io::Read;
use std::path::Path;

/// The largest YAML file read (model, overlay or cache state), as for docs pages: about 20 times
/// the largest real model (gen-4 ec2's, 0.76 MB) and the cache state of a whole docs generation.
pub const MAX_YAML_BYTES: usize = 16 << 20;

/// The deepest YAML nesting read, block and flow levels together; a model nests 6 levels deep.
pub(crate) const MAX_YAML_DEPTH: usize = 64;

/// The bytes of the file at `path`, or an error naming `max` (in MiB) if it is larger, told from
/// its metadata before anything is read. `kind` names what is read ("docs pages"). The read stops
/// past `max` too, for files whose metadata says nothing (pipes, `/proc`).
pub(crate) fn read_file(path: &Path, max: usize, kind: &str) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
    let declared = file
        .metadata()
        .map_err(|e| Error::io(path, "read", e))?
        .len();
    let too_big = |size: u64| too_large(path, "file", size, max, kind);
    if declared > max as u64 {
        return Err(too_big(declared));
    }
    let mut bytes = Vec::with_capacity(declared as usize);
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, "read", e))?;
    if bytes.len() > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// "this `what` is `size` MiB; shapegen reads `kind` of up to `max` MiB", about the file at `path`.
pub(crate) fn too_large(path: &Path, what: &str, size: u64, max: usize, kind: &str) -> Error {
    Error::in_file(
        path,
        format!(
            "this {what} is {:.1} MiB; shapegen reads {kind} of up to {} MiB",
            size as f64 / (1 << 20) as f64,
            max >> 20
        ),
    )
}

/// A YAML file's text: [`crate::yaml::read_text`], then [`check_yaml`].
pub(crate) fn read_yaml(path: &Path) -> Result<String> {
    let text = crate::yaml::read_text(path)?;
    check_yaml(path, &text)?;
    Ok(text)
}

/// Refuses a YAML `text` (read from `path`) over [`MAX_YAML_BYTES`] or nesting deeper than
/// [`MAX_YAML_DEPTH`], the latter at the first character too deep. One pass over the bytes, before
/// any parsing; it over-counts nothing a model, overlay or cache state contains.
pub(crate) fn check_yaml(path: &Path, text: &str) -> Result<()> {
    if text.len() > MAX_YAML_BYTES {
        return Err(too_large(
            path,
            "YAML",
            text.len() as u64,
            MAX_YAML_BYTES,
            "YAML",
        ));
    }
    match yaml_too_deep(text.as_bytes()) {
        Some(offset) => Err(Error::at(
            Location::at_offset(path, text, offset),
            format!("YAML nested more than {MAX_YAML_DEPTH} levels deep"),
        )
        .with_hint("a shapegen model or overlay nests about 6 levels: is this the right file?")),
        None => Ok(()),
    }
}

/// The offset where `text` first nests deeper than [`MAX_YAML_DEPTH`]: block levels (increasing
/// indentation, and `- ` entries on one line) plus flow levels (`[` and `{`). Quoted scalars,
/// comments, plain scalars and block scalars (`|`, `>`) are skipped, so brackets in text never count.
fn yaml_too_deep(text: &[u8]) -> Option<usize> {
    let mut scan = Scan { text, at: 0 };
    // The columns of the open block levels, innermost last.
    let mut columns: Vec<usize> = Vec::new();
    while scan.at < text.len() {
        let line_start = scan.at;
        scan.skip_spaces();
        let indent = scan.at - line_start;
        if matches!(scan.peek(), None | Some(b'\n' | b'\r' | b'#')) {
            scan.skip_line();
            continue;
        }
        while columns.last().is_some_and(|&column| column > indent) {
            columns.pop();
        }
        // A document start marker may have the root node after it.
        if indent == 0 && text[scan.at..].starts_with(b"---") && scan.blank_or_space(3) {
            scan.at += 3;
            scan.skip_spaces();
        }
        // The column of the node that owns a scalar value: continuation lines are indented more.
        let mut owner = indent;
        loop {
            let column = scan.at - line_start;
            if columns.last().map_or(true, |&top| top < column) {
                columns.push(column);
                if columns.len() > MAX_YAML_DEPTH {
                    return Some(scan.at);
                }
            }
            // `- ` opens a sequence entry whose content is one level deeper, on the same line; so
            // do `? ` and `: `, a complex key and its value.
            if matches!(scan.peek(), Some(b'-' | b'?' | b':')) && scan.blank_or_space(1) {
                owner = column;
                scan.at += 1;
                scan.skip_spaces();
                continue;
            }
            break;
        }
        // A key (quoted or plain) and its `:`, if there is one; then the value.
        let key_column = scan.at - line_start;
        scan.skip_properties();
        let keyed = match scan.peek() {
            Some(b'"' | b'\'') => {
                scan.skip_quoted();
                scan.skip_spaces();
                if scan.peek() != Some(b':') {
                    scan.skip_line();
                    continue;
                }
                scan.at += 1;
                scan.skip_spaces();
                true
            }
            Some(b'[' | b'{') => false,
            _ => {
                let start = scan.at;
                let keyed = scan.skip_plain_key();
                if !keyed {
                    // A plain scalar, perhaps continued on more indented lines.
                    scan.at = start;
                    scan.skip_line();
                    scan.skip_more_indented(owner);
                    continue;
                }
                keyed
            }
        };
        if keyed {
            owner = key_column;
        }
        scan.skip_properties();
        match scan.peek() {
            Some(b'[' | b'{') => {
                if let Some(offset) = scan.skip_flow(columns.len()) {
                    return Some(offset);
                }
                scan.skip_line();
            }
            Some(b'"' | b'\'') => {
                scan.skip_quoted();
                scan.skip_line();
            }
            None | Some(b'\n' | b'\r' | b'#') => scan.skip_line(),
            // A block scalar (`|`, `>`) or a plain one: its lines are the more indented ones.
            Some(_) => {
                scan.skip_line();
                scan.skip_more_indented(owner);
            }
        }
    }
    None
}

struct Scan<'a> {
    text: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.byte(0)
    }

    fn byte(&self, ahead: usize) -> Option<u8> {
        self.text.get(self.at + ahead).copied()
    }

    /// Whether the byte `ahead` is a space, a tab or the end of a line or the text.
    fn blank_or_space(&self, ahead: usize) -> bool {
        matches!(self.byte(ahead), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// Past the end of the line.
    fn skip_line(&mut self) {
        match self.text[self.at..].iter().position(|&b| b == b'\n') {
            Some(newline) => self.at += newline + 1,
            None => self.at = self.text.len(),
        }
    }

    /// Past a plain key and its `:` (a colon followed by a space or the line's end), if the line
    /// has one before a comment; whether it has.
    fn skip_plain_key(&mut self) -> bool {
        while let Some(byte) = self.peek() {
            match byte {
                b'\n' => return false,
                b':' if self.blank_or_space(1) => {
                    self.at += 1;
                    self.skip_spaces();
                    return true;
                }
                b'#' if self.at > 0 && matches!(self.text[self.at - 1], b' ' | b'\t') => {
                    return false
                }
                _ => self.at += 1,
            }
        }
        false
    }

    /// Past anchors (`&a`) and tags (`!t`) before a value.
    fn skip_properties(&mut self) {
        while matches!(self.peek(), Some(b'&' | b'!')) {
            while !self.blank_or_space(0) {
                self.at += 1;
            }
            self.skip_spaces();
        }
    }

    /// Past a quoted scalar starting here (it may span lines): `''` escapes a single quote, `\` a
    /// double-quoted character.
    fn skip_quoted(&mut self) {
        let quote = self.text[self.at];
        self.at += 1;
        while let Some(byte) = self.peek() {
            self.at += 1;
            if byte == b'\\' && quote == b'"' {
                self.at += 1;
            } else if byte == quote {
                if quote == b'\'' && self.peek() == Some(b'\'') {
                    self.at += 1;
                } else {
                    return;
                }
            }
        }
        self.at = self.at.min(self.text.len());
    }

    /// Past the lines indented more than `indent` (a block scalar's content) and blank lines.
    fn skip_more_indented(&mut self, indent: usize) {
        while self.at < self.text.len() {
            let line_start = self.at;
            self.skip_spaces();
            let blank = matches!(self.peek(), None | Some(b'\n' | b'\r'));
            if !blank && self.at - line_start <= indent {
                self.at = line_start;
                return;
            }
            self.skip_line();
        }
    }

    /// Past a flow collection starting here, inside `outer` block levels: the offset of the first
    /// bracket nested too deep, if any.
    fn skip_flow(&mut self, outer: usize) -> Option<usize> {
        let mut depth = 0;
        while let Some(byte) = self.peek() {
            match byte {
                b'[' | b'{' => {
                    depth += 1;
                    if outer + depth > MAX_YAML_DEPTH {
                        return Some(self.at);
                    }
                }
                b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        self.at += 1;
                        return None;
                    }
                }
                b'"' | b'\'' => {
                    self.skip_quoted();
                    continue;
                }
                b'#' if matches!(self.text[self.at - 1], b' ' | b'\t' | b'\n') => {
                    self.skip_line();
                    continue;
                }
                _ => {}
            }
            self.at += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> Option<(usize, usize)> {
        check_yaml(Path::new("x.yaml"), text)
            .err()
            .map(|e| e.location.map(|l| (l.line, l.column)).unwrap())
    }

    #[test]
    fn real_files_pass() {
        let model = include_str!("../../model/amplifybackend.yaml");
        assert_eq!(depth_error(model), None);
        let tricky = include_str!("../../tests/fixtures/tricky.yaml");
        assert_eq!(depth_error(tricky), None);
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let brackets = "[{".repeat(100);
        for text in [
            format!("docs: '{brackets}'\n"),
            format!("docs: \"{brackets}\"\n"),
            format!("docs: see {brackets}\n"),
            format!("docs: |\n  {brackets}\n  {brackets}\nnext: 1\n"),
            format!("# {brackets}\na: 1\n"),
            format!("a: [x, '{brackets}', \"]]\"] # {brackets}\n"),
            format!("\"{brackets}\": 1\n"),
            format!("a: first line\n  {brackets}\n- |\n {brackets}\n"),
        ] {
            assert_eq!(depth_error(&text), None, "{text}");
        }
    }

    #[test]
    fn the_first_level_too_deep_is_located() {
        let flow = format!("a:\n  b: {}", "[".repeat(100));
        // Two block levels, then the 63rd bracket is the 65th level.
        assert_eq!(depth_error(&flow), Some((2, 6 + 62)));
        let block: String = (0..100).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert_eq!(depth_error(&block), Some((65, 65)));
        let entries = format!("x: 1\n{}a\n", "- ".repeat(100));
        assert_eq!(depth_error(&entries), Some((2, 2 * 64 + 1)));
        let brackets = "[".repeat(100);
        for hidden in [
            format!("--- {brackets}"),
            format!("? {brackets}"),
            format!("&anchor {brackets}"),
            format!("!!seq {brackets}"),
            format!("- &a {brackets}"),
        ] {
            assert!(depth_error(&hidden).is_some(), "{hidden}");
        }
        // A mapping and 63 sequences in it: 64 levels.
        let deepest = format!("x: {}{}", "[".repeat(63), "]".repeat(63));
        assert_eq!(depth_error(&deepest), None);
        assert_eq!(
            depth_error(&deepest.replacen('[', "[[", 1)),
            Some((1, 4 + 63))
        );
    }
}
