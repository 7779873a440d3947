//! The crate's one error type.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Why one input (a file, or one line of a JSON Lines file) gave no article.
///
/// The message names the file, the line for JSON Lines, and the reason, for example:
/// ``"`samples/x.jsonl`, line 3: broken JSON: expected value at column 1"``.
/// The batch goes on after it: [`crate::Inputs`] yields the next line or file.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", Location { path, line: *line })]
pub struct InputError {
    path: PathBuf,
    line: Option<usize>,
    kind: InputErrorKind,
    message: String,
    #[source]
    source: Option<io::Error>,
}

/// What kind of fault an [`InputError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// The path does not exist.
    NotFound,
    /// The path exists but could not be read (permission, a folder that cannot be
    /// listed, an I/O failure part-way).
    Unreadable,
    /// The file, or a JSON line's `text`, is empty or only whitespace.
    Empty,
    /// The file holds binary data: NUL bytes or many control characters near its start.
    Binary,
    /// A JSON line does not parse.
    BrokenJson,
    /// A JSON line parses but is not an object.
    NotAnObject,
    /// A JSON line has no `text`, or its `text` is not a string.
    MissingText,
    /// A date that does not parse: a JSON line's `published`, or a text file's leading
    /// `date` token naming no real day.
    BadDate,
    /// A known JSON field (`id`, `url`, `title`, `lang`) has the wrong type.
    BadField,
    /// The file, the line or the article is over the size limit.
    TooLarge,
    /// The file is in a format this crate does not read (a compressed archive, say).
    UnsupportedFormat,
}

impl InputErrorKind {
    /// A few lower-case words naming the kind, for tallies ("broken JSON", "too large").
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            InputErrorKind::NotFound => "not found",
            InputErrorKind::Unreadable => "unreadable",
            InputErrorKind::Empty => "empty",
            InputErrorKind::Binary => "binary data",
            InputErrorKind::BrokenJson => "broken JSON",
            InputErrorKind::NotAnObject => "not a JSON object",
            InputErrorKind::MissingText => "missing text",
            InputErrorKind::BadDate => "bad date",
            InputErrorKind::BadField => "bad field",
            InputErrorKind::TooLarge => "too large",
            InputErrorKind::UnsupportedFormat => "unsupported format",
        }
    }
}

impl InputError {
    pub(crate) fn new(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        kind: InputErrorKind,
        message: impl Into<String>,
    ) -> InputError {
        InputError { path: path.into(), line, kind, message: message.into(), source: None }
    }

    /// An error for an I/O failure on `path`, classified as not found or unreadable.
    pub(crate) fn io(path: impl Into<PathBuf>, line: Option<usize>, error: io::Error) -> Self {
        let (kind, message) = match error.kind() {
            io::ErrorKind::NotFound => (InputErrorKind::NotFound, "not found".to_string()),
            other => (InputErrorKind::Unreadable, format!("cannot read: {other}")),
        };
        InputError { path: path.into(), line, kind, message, source: Some(error) }
    }

    /// The file the error is about (`-` for stdin).
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line, for an error about one line of a JSON Lines input.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What kind of fault this is.
    #[must_use]
    pub fn kind(&self) -> InputErrorKind {
        self.kind
    }
}

/// Writes "`path`" or "`path`, line N", with stdin written as "stdin".
struct Location<'a> {
    path: &'a Path,
    line: Option<usize>,
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path == Path::new(crate::STDIN) {
            f.write_str("stdin")?;
        } else {
            write!(f, "`{}`", self.path.display())?;
        }
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        Ok(())
    }
}
