//! The crate's one error type.

use std::io;
use std::path::PathBuf;

/// Why a gold file could not be loaded.
///
/// Every variant names the gold file, and every variant about one article names the
/// line it is on, so an annotator can go straight to the fault. Scoring itself never
/// fails: only reading gold does.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The gold file itself could not be read.
    #[error("cannot read gold file `{}`: {source}", .path.display())]
    Read {
        /// The gold file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A line is not valid JSON, or does not have the shape of an article object
    /// (a missing field, a field of the wrong type, an unknown field or value).
    #[error("broken gold line in `{}`, line {line}: {source}", .path.display())]
    Json {
        /// The gold file.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
        /// What the JSON reader said.
        source: serde_json::Error,
    },
    /// The article text named by a line's `file` could not be read.
    #[error(
        "cannot read article text `{}` named in `{}`, line {line}: {source}",
        .file.display(),
        .path.display()
    )]
    ArticleText {
        /// The gold file.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
        /// The article file, resolved against the gold file's folder.
        file: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A line parses but breaks a rule of the gold format: an unknown event type, a bad
    /// date, a range whose ends are swapped, a duplicate key, an article without text.
    #[error("invalid gold line in `{}`, line {line}: {message}", .path.display())]
    Invalid {
        /// The gold file.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
        /// What is wrong, naming the value and the field it is in.
        message: String,
    },
}

impl Error {
    /// The line of the gold file the error is about, when it is about one line.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::Read { .. } => None,
            Error::Json { line, .. }
            | Error::ArticleText { line, .. }
            | Error::Invalid { line, .. } => Some(*line),
        }
    }
}
