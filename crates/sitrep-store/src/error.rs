//! The crate's one error type.

use std::fmt;

/// What went wrong in a store operation.
///
/// The [`kind`](Error::kind) tells user faults (a file that is not a sitrep database, a
/// schema newer than this build, a bad query, an inconsistent batch) apart from failures of
/// the machine (I/O) and from bugs in sitrep ([`ErrorKind::Internal`]). The message names
/// the database path or the value concerned; the underlying cause, when there is one, is
/// available through [`std::error::Error::source`].
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// The class of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file is not a SQLite database, or is a SQLite database that sitrep did not create.
    NotADatabase,
    /// The database was written by a newer sitrep, with a schema this build does not know.
    SchemaTooNew,
    /// A query asks for something impossible (an empty text search, `since` after `until`,
    /// a country that is not two letters).
    BadQuery,
    /// A batch to ingest is inconsistent (an extraction that does not belong to its article,
    /// an incident id that another article already uses).
    InvalidInput,
    /// The database could not be read or written: missing folder, permissions, full disk,
    /// corruption, a lock held too long.
    Io,
    /// A bug in sitrep.
    Internal,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into(), source: None }
    }

    pub(crate) fn with_source(
        kind: ErrorKind,
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        Error { kind, message: message.into(), source: Some(Box::new(source)) }
    }

    /// The class of the error.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Whether the user can fix this by changing what they asked for (as opposed to an I/O
    /// failure or a bug).
    #[must_use]
    pub fn is_user_fault(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::NotADatabase
                | ErrorKind::SchemaTooNew
                | ErrorKind::BadQuery
                | ErrorKind::InvalidInput
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if self.kind == ErrorKind::Internal {
            f.write_str(" (this is a bug in sitrep)")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}
