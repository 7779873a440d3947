use std::fmt;

/// Why a language pack could not be loaded.
#[derive(Debug)]
pub struct Error(Box<Inner>);

#[derive(Debug)]
struct Inner {
    pack: String,
    file: String,
    kind: ErrorKind,
}

/// What went wrong in a pack file.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file is not valid TOML for its schema (the message carries line and column).
    Parse(toml::de::Error),
    /// The file could not be read.
    Io(std::io::Error),
    /// A value is out of range or inconsistent with another file.
    Invalid(String),
}

impl Error {
    pub(crate) fn new(pack: &str, file: &str, kind: ErrorKind) -> Error {
        Error(Box::new(Inner { pack: pack.to_string(), file: file.to_string(), kind }))
    }

    pub(crate) fn invalid(pack: &str, file: &str, message: impl Into<String>) -> Error {
        Error::new(pack, file, ErrorKind::Invalid(message.into()))
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "in pack `{}`, file `{}`: ", self.0.pack, self.0.file)?;
        match &self.0.kind {
            ErrorKind::Parse(e) => write!(f, "{}", e.to_string().trim_end()),
            ErrorKind::Io(e) => write!(f, "cannot read: {e}"),
            ErrorKind::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            ErrorKind::Parse(e) => Some(e),
            ErrorKind::Io(e) => Some(e),
            ErrorKind::Invalid(_) => None,
        }
    }
}
