//! Errors and warnings that point at the input: file, line, column, what was expected.

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
#[derive(Debug)]
pub struct Error {
    /// Where in the input the problem is; `None` for problems of a whole file or of the file system.
    pub location: Option<Location>,
    /// What is wrong, phrased as what was expected and what was found.
    pub message: String,
    /// What to do about it, where we can tell.
    pub hint: Option<String>,
    source: Option<std::io::Error>,
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
        }
    }

    /// An error about a whole file (or folder), with no position inside it.
    pub fn in_file(file: &Path, message: impl Into<String>) -> Self {
        Error::at(Location::new(file, 1, 1), message)
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
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "error: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
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

impl From<Warning> for Error {
    fn from(warning: Warning) -> Self {
        Error::at(warning.location, warning.message)
            .with_hint("this is an error because of --strict; without it, a warning")
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

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
