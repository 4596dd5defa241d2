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
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
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
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl Error {
    /// `file:line:col: error: message`, the first line of every form.
    fn header(&self) -> String {
        match &self.location {
            Some(location) => format!("{location}: error: {}", self.message),
            None => format!("error: {}", self.message),
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
        write!(f, "{}: warning: {}", self.location, self.message)
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
    if let Some(hint) = hint {
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
    Some(line.trim_end_matches('\r').to_string())
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
