/// The one error type of this crate: the gazetteer data or a curated file is invalid.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The data file is not valid gzip or not UTF-8.
    #[error("cannot decompress the gazetteer data file")]
    Decompress(#[source] std::io::Error),
    /// The data file does not start with the expected format line.
    #[error("gazetteer data file has format `{found}`, expected `{expected}`")]
    Format {
        /// The header found.
        found: String,
        /// The header this version reads.
        expected: &'static str,
    },
    /// A row of the data file is malformed.
    #[error("gazetteer data file, line {line}: {message}")]
    Row {
        /// One-based line number in the decompressed file.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A curated TOML file does not parse.
    #[error("curated file `{file}`: {source}")]
    CuratedSyntax {
        /// The file name under `crates/sitrep-geo/data/`.
        file: &'static str,
        /// The parser's error, with its position.
        #[source]
        source: toml::de::Error,
    },
    /// A curated entry is inconsistent with the data (unknown country, bad coordinates).
    #[error("curated file `{file}`, entry `{entry}`: {message}")]
    CuratedEntry {
        /// The file name under `crates/sitrep-geo/data/`.
        file: &'static str,
        /// The entry's name or id.
        entry: String,
        /// What is wrong.
        message: String,
    },
}
