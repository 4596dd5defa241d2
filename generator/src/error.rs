//! Errors and warnings that point at the input: file, line, column, what was expected.
//!
//! [`Error::render`] and [`Warning::render`] show them to a person: the one-line form first (what
//! `Display` writes, `file:line:col: error: ...`, which editors and scripts match), then the source
//! line with a caret under the column, then the hint:
//!
//! ```text
//! model/x/type_defs.md:12:15: error: field `Names`: unbalanced brackets: this `[` is never closed
//!    |
//! 12 | - `Names`: `List[str`
//!    |                 ^
//!    |
//!    = help: ...
//! ```

use annotate_snippets::{Level, Renderer, Snippet};
use std::fmt;
use std::path::{Path, PathBuf};

/// A position in an input file; line and column count from 1, the column in characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }

    /// The location of byte `offset` in `source`, which was read from `file`.
    pub fn at_offset(file: &Path, source: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        Location::new(file, line, column)
    }
}

/// A serde error's message without the ` at line L column C` its `Display` appends, for an error
/// whose location already says where.
pub(crate) fn without_position(message: String) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

/// `bytes`, read from `path`, as text; where they are not UTF-8, an error at the first byte that is
/// not, with the message `describe` makes from that byte.
pub(crate) fn decode_utf8(
    path: &Path,
    bytes: Vec<u8>,
    describe: impl FnOnce(u8) -> String,
) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        Error::at(
            Location::at_offset(path, before, valid),
            describe(bytes[valid]),
        )
    })
}

fn floor_char_boundary(s: &str, mut index: usize) -> usize {
    while !s.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display().to_string();
        write!(
            f,
            "{}:{}:{}",
            escape_controls(&file),
            self.line,
            self.column
        )
    }
}

/// Something wrong with the input, or with reading or writing files.
///
/// `Debug` writes the rendering without colour, so that a build script's
/// `fn main() -> Result<(), shapegen::Error>` shows the source line too.
pub struct Error {
    /// Where in the input the problem is; `None` for problems of a whole file or of the file system.
    pub location: Option<Location>,
    /// What is wrong, phrased as what was expected and what was found.
    pub message: String,
    /// What to do about it, where we can tell.
    pub hint: Option<String>,
    source: Option<std::io::Error>,
    /// The location only names the file: there is no line to show.
    whole_file: bool,
}

impl Error {
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Error {
            location: Some(location),
            ..Error::new(message)
        }
    }

    /// An error about the model as a whole, after reading (the reader has checked positions).
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            location: None,
            message: message.into(),
            hint: None,
            source: None,
            whole_file: false,
        }
    }

    /// An error about a whole file (or folder), with no position inside it.
    pub fn in_file(file: &Path, message: impl Into<String>) -> Self {
        Error {
            whole_file: true,
            ..Error::at(Location::new(file, 1, 1), message)
        }
    }

    pub fn io(path: &Path, action: &str, source: std::io::Error) -> Self {
        let mut error = Error::new(format!("cannot {action} `{}`: {source}", path.display()));
        error.source = Some(source);
        error
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The error for a person (see the [module docs](self)), in colour for a terminal. The source
    /// line is read back from the file; without it, only the lines `Display` writes.
    pub fn render(&self, color: bool) -> String {
        let location = self.location.as_ref().filter(|_| !self.whole_file);
        render(
            Level::Error,
            &self.header(),
            location,
            self.hint.as_deref(),
            color,
        )
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header())?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", escape_controls(hint))?;
        }
        Ok(())
    }
}

impl Error {
    /// `file:line:col: error: message`, the first line of every form.
    fn header(&self) -> String {
        match &self.location {
            Some(location) => format!("{location}: error: {}", escape_controls(&self.message)),
            None => format!("error: {}", escape_controls(&self.message)),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}

/// A problem in the input that generation can work around, such as a reference to a literal type
/// the literals page does not list. `--strict` turns warnings into errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = escape_controls(&self.message);
        write!(f, "{}: warning: {message}", self.location)
    }
}

impl Warning {
    /// The warning for a person, as [`Error::render`] shows errors.
    pub fn render(&self, color: bool) -> String {
        render(
            Level::Warning,
            &self.to_string(),
            Some(&self.location),
            None,
            color,
        )
    }
}

impl From<crate::ir::Problem> for Error {
    /// The error for what the check pass found, without a location: for a model built in code.
    fn from(problem: crate::ir::Problem) -> Self {
        Error {
            hint: problem.hint.clone(),
            ..Error::new(problem.to_string())
        }
    }
}

impl Error {
    /// This error at `location`: a position, or with `whole_file` a whole file.
    pub(crate) fn placed(self, location: Location, whole_file: bool) -> Self {
        Error {
            location: Some(location),
            whole_file,
            ..self
        }
    }
}

impl From<Warning> for Error {
    fn from(warning: Warning) -> Self {
        Error::at(warning.location, warning.message)
            .with_hint("this is an error because of --strict; without it, a warning")
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `header`, then the line at `location` with a caret under its column, then `hint`.
fn render(
    level: Level,
    header: &str,
    location: Option<&Location>,
    hint: Option<&str>,
    color: bool,
) -> String {
    let (renderer, bold) = if color {
        (Renderer::styled(), anstyle::Style::new().bold())
    } else {
        (Renderer::plain(), anstyle::Style::new())
    };
    let header = format!("{bold}{header}{bold:#}");
    // An empty line (the end of a file) shows nothing a caret could point at.
    let line = location.and_then(|l| {
        source_line(l)
            .filter(|text| !text.is_empty())
            .map(|text| (l, text))
    });
    if line.is_none() && hint.is_none() {
        return header;
    }
    // The title stays empty: the header, in the form `Display` writes, takes its line.
    let mut message = level.title("");
    if let Some((location, text)) = &line {
        let snippet = Snippet::source(text)
            .line_start(location.line)
            .annotation(level.span(caret(text, location.column)));
        message = message.snippet(snippet);
    }
    let hint = hint.map(escape_controls);
    if let Some(hint) = &hint {
        message = message.footer(Level::Help.title(hint));
    }
    let body = renderer.render(message).to_string();
    match body.split_once('\n') {
        Some((_, rest)) => format!("{header}\n{rest}"),
        None => header,
    }
}

/// The text of the line `location` points at, read back from its file.
fn source_line(location: &Location) -> Option<String> {
    let bytes = std::fs::read(&location.file).ok()?;
    let line = bytes
        .split(|&b| b == b'\n')
        .nth(location.line.checked_sub(1)?)?;
    let line = String::from_utf8_lossy(line);
    // One character for one, so that the caret's column still fits.
    let visible = |c: char| match c {
        '\t' => c,
        c if is_hidden_control(c) => char::REPLACEMENT_CHARACTER,
        c => c,
    };
    Some(line.trim_end_matches('\r').chars().map(visible).collect())
}

/// Characters that would act on a terminal or reorder text rather than show: control
/// characters (escape sequences, bell, line endings) and Unicode bidirectional controls, which
/// rustc refuses in comments as well.
pub(crate) fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character (and bidi control) written as a Rust escape (`\u{1b}`), so
/// that input shown in a message or generated text shows what it holds and does nothing else.
pub(crate) fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The byte range of the character at `column` (from 1) of `line`; empty just past its end.
fn caret(line: &str, column: usize) -> std::ops::Range<usize> {
    match line.char_indices().nth(column.saturating_sub(1)) {
        Some((start, c)) => start..start + c.len_utf8(),
        None => line.len()..line.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_in_messages_are_shown_not_obeyed() {
        assert_eq!(escape_controls("plain `x`"), "plain `x`");
        assert_eq!(
            escape_controls("a\x1b[31mb\x07c\u{202e}d\ne"),
            "a\\u{1b}[31mb\\u{7}c\\u{202e}d\\u{a}e"
        );
        let error = Error::at(
            Location::new("m\x1b.yaml", 2, 3),
            "no shape named `\x1b[31mRed\u{202e}`",
        )
        .with_hint("rename `\x07`");
        assert_eq!(
            error.to_string(),
            "m\\u{1b}.yaml:2:3: error: no shape named `\\u{1b}[31mRed\\u{202e}`\n  hint: rename `\\u{7}`"
        );
        assert!(!error.render(false).contains(['\x1b', '\x07', '\u{202e}']));
        let warning = Warning {
            location: Location::new("m.yaml", 1, 1),
            message: "odd \x1b".into(),
        };
        assert_eq!(warning.to_string(), "m.yaml:1:1: warning: odd \\u{1b}");
    }

    #[test]
    fn controls_in_the_source_line_are_shown_one_for_one() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("page.md");
        std::fs::write(&file, "ok\n\x1b[31m\u{202e}bad\n").unwrap();
        let rendered = Error::at(Location::new(&file, 2, 7), "here").render(false);
        assert!(!rendered.contains(['\x1b', '\u{202e}']), "{rendered:?}");
        assert!(
            rendered.contains("2 | \u{fffd}[31m\u{fffd}bad\n  |       ^\n"),
            "{rendered:?}"
        );
    }

    #[test]
    fn location_at_offset_counts_lines_and_characters() {
        let source = "ab\nc\u{e9}d\n";
        let file = Path::new("f.md");
        assert_eq!(
            Location::at_offset(file, source, 0),
            Location::new(file, 1, 1)
        );
        assert_eq!(
            Location::at_offset(file, source, 3),
            Location::new(file, 2, 1)
        );
        // 'd' is after a two-byte character: byte 6, character column 3.
        assert_eq!(
            Location::at_offset(file, source, 6),
            Location::new(file, 2, 3)
        );
        // An offset inside a character snaps back to its start.
        assert_eq!(
            Location::at_offset(file, source, 5),
            Location::new(file, 2, 2)
        );
    }
}
