//! The crate's one error type.

/// What went wrong in a store operation.
///
/// The [`kind`](Error::kind) tells user faults (a file that is not a sitrep database, a
/// schema newer than this build, a bad query, an inconsistent batch) apart from failures of
/// the machine (I/O) and from bugs in sitrep ([`ErrorKind::Internal`]). The message names
/// the database path or the value concerned; the underlying cause, when there is one, is
/// available through [`std::error::Error::source`].
#[derive(Debug, thiserror::Error)]
#[error("{message}{}", if *kind == ErrorKind::Internal { " (this is a bug in sitrep)" } else { "" })]
pub struct Error {
    kind: ErrorKind,
    message: String,
    #[source]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_sources() {
        let io = std::io::Error::other("disk on fire");
        let error = Error::with_source(ErrorKind::Io, "cannot write `x.db`", io);
        assert_eq!(error.to_string(), "cannot write `x.db`");
        let source = std::error::Error::source(&error).expect("the cause is chained");
        assert_eq!(source.to_string(), "disk on fire");
        assert!(!error.is_user_fault());
        let bug = Error::new(ErrorKind::Internal, "cannot decode an incident");
        assert_eq!(bug.to_string(), "cannot decode an incident (this is a bug in sitrep)");
        assert!(std::error::Error::source(&bug).is_none());
    }
}
