//! Reading articles from text files, JSON Lines, folders and stdin, with clear errors.
//!
//! This crate sits at the mouth of the pipeline: the CLI hands it the paths it was
//! given and gets back [`sitrep_model::Article`]s to extract from, one at a time, with an
//! [`InputError`] for every bad file or line. After an error the batch goes on.
//!
//! ```
//! use std::path::PathBuf;
//! use sitrep_input::{read_inputs, InputErrorKind, ReadOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a.txt"), "date 2021-03-04\nTrois morts à Bagdad.").unwrap();
//! std::fs::write(
//!     dir.path().join("b.jsonl"),
//!     "{\"id\": \"b1\", \"published\": \"2021-03\", \"text\": \"Two killed.\"}\n{\"text\": 3}\n",
//! )
//! .unwrap();
//!
//! let mut inputs = read_inputs(&[dir.path().to_path_buf()], &ReadOptions::default());
//! let a = inputs.next().unwrap().unwrap();
//! assert_eq!((a.id.as_str(), a.text.as_str()), ("a", "Trois morts à Bagdad."));
//! assert_eq!(a.published.unwrap().to_string(), "2021-03-04");
//! let b1 = inputs.next().unwrap().unwrap();
//! assert_eq!(b1.source, format!("{}:1", dir.path().join("b.jsonl").display()));
//! let error = inputs.next().unwrap().unwrap_err();
//! assert_eq!((error.kind(), error.line()), (InputErrorKind::MissingText, Some(2)));
//! assert!(inputs.next().is_none());
//! ```
//!
//! # Formats
//!
//! - **Plain text** (`.txt`, or any file not recognised otherwise): one article whose
//!   `id` is the file stem and whose `source` is the path. An optional leading token
//!   `date YYYY`, `date YYYY-MM` or `date YYYY-MM-DD` gives the publication date (see
//!   [`parse_text_article`]).
//! - **JSON Lines** (`.jsonl`, `.ndjson`, or any file or stdin whose first non-blank
//!   byte is `{`): one object per line with `id`, `url`, `title`, `published`, `lang`
//!   and `text`; other fields are kept in `metadata`. A missing `id` becomes
//!   `<file stem>:<line>`, and `source` is `<path>:<line>`. Blank lines are skipped.
//!   Lines are streamed: memory stays bounded whatever the file size.
//! - **Folders**, walked recursively in path byte order, reading `.txt`, `.jsonl` and
//!   `.ndjson` files; hidden entries and other files are skipped and counted
//!   ([`Inputs::skipped_files`]).
//! - **`-`** is stdin, sniffed like a file: JSON Lines (streamed) or one text article
//!   with `id` `stdin`.
//!
//! # Text encodings
//!
//! Input is expected in UTF-8 (a byte-order mark is removed). Otherwise the text is
//! decoded and `metadata["decoded_from"]` says from what, so that the caller can warn:
//! - a text file with a UTF-16 byte-order mark: `utf-16le` or `utf-16be`;
//! - UTF-8 with a few invalid bytes (fewer invalid sequences than valid non-ASCII
//!   characters), each replaced by U+FFFD: `utf-8-lossy`;
//! - anything else: the legacy encoding that `chardetng` guesses, in practice
//!   `windows-1252` for French or English text (ISO-8859-1 is read as its superset
//!   windows-1252, as browsers do).
//!
//! JSON Lines are decoded line by line, so one bad line does not change the others.
//!
//! # Errors
//!
//! Every [`InputError`] names the file (and the line, for JSON Lines) and has an
//! [`InputErrorKind`]: a path not found or unreadable, an empty or binary file, a
//! broken JSON line or one that is not an object, a missing `text`, a bad `published`
//! date, a wrong-typed field, a file, line or article over
//! [`ReadOptions::max_article_bytes`], or an unsupported format such as gzip.

mod error;
mod jsonl;
mod text;
mod walk;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use sitrep_model::{Article, PublishedDate};

pub use error::{InputError, InputErrorKind};

use jsonl::JsonLines;
use text::{DateToken, SNIFF_BYTES};
use walk::Found;

/// The path that names stdin.
pub(crate) const STDIN: &str = "-";

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The publication date of an input that gives none (no `date` token, no
    /// `published` field or a `null` one).
    pub published: Option<PublishedDate>,
    /// The language every article is read as, overriding a JSON line's `lang`.
    pub lang: Option<String>,
    /// The largest article read, in bytes of text: a larger text file is refused
    /// without being read, and a larger JSON `text` is an error for its line.
    /// A JSON line may be up to four times as long plus 64 KiB (for escapes and other
    /// fields); a longer line is skipped with an error, without being held in memory.
    pub max_article_bytes: usize,
}

impl ReadOptions {
    /// The default limit on an article's size: 8 MiB.
    pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            published: None,
            lang: None,
            max_article_bytes: ReadOptions::DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

/// Reads every article under `paths` (files, folders, or `-` for stdin), lazily, in a
/// deterministic order.
///
/// Paths are read in the order given; a folder's files in path byte order. Nothing is
/// opened until the iterator is advanced, and JSON Lines are read one line at a time.
#[must_use]
pub fn read_inputs(paths: &[PathBuf], options: &ReadOptions) -> Inputs {
    Inputs {
        options: options.clone(),
        paths: paths.iter().cloned().collect(),
        found: VecDeque::new(),
        stream: None,
        skipped: 0,
        stdin: None,
    }
}

/// Builds an article from text, reading a leading date token.
///
/// When `content`, after any leading whitespace, starts with `date YYYY`,
/// `date YYYY-MM` or `date YYYY-MM-DD` (spaces or tabs after `date`, then whitespace
/// or the end of the text after the date), that date is the publication date at its
/// precision. `Article.text` is then `content` from the first character after the
/// token and the whitespace following it: it is always a suffix of `content`, so a
/// byte offset into `content` is `offset_in_text + content.len() - text.len()`. The
/// article text may follow on the token's own line. A `date` word anywhere else, or a
/// token that names no real day (`date 2021-02-30`), is left as text; [`read_inputs`]
/// reports the latter as [`InputErrorKind::BadDate`].
///
/// Without a token, `published` is [`ReadOptions::published`]; `lang` is always
/// [`ReadOptions::lang`].
///
/// ```
/// use sitrep_input::{parse_text_article, ReadOptions};
///
/// let article = parse_text_article("a", "a.txt", "date 2021-03 Deux morts.", &ReadOptions::default());
/// assert_eq!(article.published.unwrap().to_string(), "2021-03");
/// assert_eq!(article.text, "Deux morts.");
/// ```
#[must_use]
pub fn parse_text_article(id: &str, source: &str, content: &str, options: &ReadOptions) -> Article {
    text::text_article(id, source, content, options)
}

/// The articles under some paths, read lazily: see [`read_inputs`].
///
/// Each item is an article or the error that one file or line gave; reading goes on
/// after an error.
pub struct Inputs {
    options: ReadOptions,
    /// The paths given, not yet opened.
    paths: VecDeque<PathBuf>,
    /// The files found in the folder being read, not yet opened.
    found: VecDeque<Found>,
    /// The JSON Lines stream being read.
    stream: Option<JsonLines>,
    skipped: usize,
    /// What `-` reads instead of stdin (for tests).
    stdin: Option<Box<dyn Read + Send>>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("options", &self.options)
            .field("paths", &self.paths)
            .field("skipped", &self.skipped)
            .finish_non_exhaustive()
    }
}

impl Inputs {
    /// How many files found in folders so far were not read: hidden entries (a hidden
    /// folder counts once), files with other extensions and links to folders.
    ///
    /// The count grows as folders are reached: read it after the iterator has ended
    /// for the total.
    #[must_use]
    pub fn skipped_files(&self) -> usize {
        self.skipped
    }

    /// Opens a path given or found: a file, or a special file such as a pipe.
    fn open_path(&self, path: PathBuf) -> Opened {
        if let Some(reason) = unsupported_extension(&path) {
            let message = format!("unsupported format: {reason}");
            return Opened::One(Err(InputError::new(
                path,
                None,
                InputErrorKind::UnsupportedFormat,
                message,
            )));
        }
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(error) => return Opened::One(Err(InputError::io(path, None, error))),
        };
        let size = match file.metadata() {
            Ok(meta) if meta.is_file() => Some(meta.len()),
            Ok(_) => None,
            Err(error) => return Opened::One(Err(InputError::io(path, None, error))),
        };
        let origin = Origin {
            source: path.display().to_string(),
            stem: path
                .file_stem()
                .map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned()),
            jsonl_extension: walk::is_readable_extension(&path)
                && !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")),
            path,
        };
        open_reader(Box::new(file), size, origin, &self.options)
    }

    /// Opens stdin.
    fn open_stdin(&mut self) -> Opened {
        let reader = self.stdin.take().unwrap_or_else(|| Box::new(io::stdin()));
        let origin = Origin {
            path: PathBuf::from(STDIN),
            source: STDIN.to_string(),
            stem: "stdin".to_string(),
            jsonl_extension: false,
        };
        open_reader(reader, None, origin, &self.options)
    }
}

impl Iterator for Inputs {
    type Item = Result<Article, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(stream) = &mut self.stream {
                if let Some(item) = stream.next_item(&self.options) {
                    return Some(item);
                }
                self.stream = None;
            }
            let opened = if let Some(found) = self.found.pop_front() {
                match found {
                    Found::File(path) => self.open_path(path),
                    Found::Error(error) => return Some(Err(error)),
                }
            } else if let Some(path) = self.paths.pop_front() {
                if path.as_os_str() == STDIN {
                    self.open_stdin()
                } else {
                    match std::fs::metadata(&path) {
                        Err(error) => return Some(Err(InputError::io(path, None, error))),
                        Ok(meta) if meta.is_dir() => {
                            match walk::walk(&path) {
                                Ok(walk) => {
                                    self.skipped += walk.skipped;
                                    self.found = walk.found.into();
                                }
                                Err(error) => return Some(Err(error)),
                            }
                            continue;
                        }
                        Ok(_) => self.open_path(path),
                    }
                }
            } else {
                return None;
            };
            match opened {
                Opened::One(item) => return Some(item),
                Opened::Stream(stream) => self.stream = Some(stream),
            }
        }
    }
}

/// What opening one input gave.
enum Opened {
    /// One article, or the error for the whole input.
    One(Result<Article, InputError>),
    /// A JSON Lines stream to read line by line.
    Stream(JsonLines),
}

/// Where an input comes from.
struct Origin {
    /// The path errors name.
    path: PathBuf,
    /// The article's `source` (before `:LINE` for JSON Lines).
    source: String,
    /// The article's `id` for text, and the start of a missing JSON `id`.
    stem: String,
    /// Whether the name says JSON Lines.
    jsonl_extension: bool,
}

/// Sniffs an input's first bytes and reads it as text or starts streaming JSON Lines.
fn open_reader(
    mut reader: Box<dyn Read + Send>,
    size: Option<u64>,
    origin: Origin,
    options: &ReadOptions,
) -> Opened {
    let fail = |kind, message: String| {
        Opened::One(Err(InputError::new(&origin.path, None, kind, message)))
    };
    let head = match read_head(&mut reader, size.is_none()) {
        Ok(head) => head,
        Err(error) => return Opened::One(Err(InputError::io(&origin.path, None, error))),
    };
    if head.is_empty() {
        return fail(InputErrorKind::Empty, "empty file".to_string());
    }
    if text::is_gzip(&head) {
        let message = "unsupported format: gzip-compressed data; decompress it first".to_string();
        return fail(InputErrorKind::UnsupportedFormat, message);
    }
    let utf16 =
        matches!(encoding_rs::Encoding::for_bom(&head), Some((e, _)) if e != encoding_rs::UTF_8);
    if !utf16 && let Some(reason) = text::binary_reason(&head) {
        return fail(InputErrorKind::Binary, reason);
    }
    let body = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head);
    let starts_with_brace = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if origin.jsonl_extension || starts_with_brace {
        if utf16 {
            let message = "unsupported format: JSON Lines in UTF-16; convert to UTF-8".to_string();
            return fail(InputErrorKind::UnsupportedFormat, message);
        }
        let reader = BufReader::with_capacity(64 * 1024, Cursor::new(head).chain(reader));
        return Opened::Stream(JsonLines::new(
            Box::new(reader),
            origin.path,
            origin.source,
            origin.stem,
        ));
    }
    Opened::One(read_text(reader, head, size, &origin, options))
}

/// Reads the first bytes of an input to sniff: up to [`SNIFF_BYTES`] of a file, but
/// from a stream (stdin, a pipe) only what has arrived once a non-blank byte has, so
/// that a slow pipe of JSON Lines gives its first article without waiting for more.
fn read_head(reader: &mut dyn Read, stream: bool) -> io::Result<Vec<u8>> {
    let mut head = vec![0; SNIFF_BYTES];
    let mut len = 0;
    while len < head.len() {
        match reader.read(&mut head[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
        if stream && head[..len].iter().any(|b| !b.is_ascii_whitespace()) {
            break;
        }
    }
    head.truncate(len);
    Ok(head)
}

/// Reads the rest of a text input and makes it an article.
fn read_text(
    reader: Box<dyn Read + Send>,
    mut content: Vec<u8>,
    size: Option<u64>,
    origin: &Origin,
    options: &ReadOptions,
) -> Result<Article, InputError> {
    let max = options.max_article_bytes;
    let error = |kind, message: String| InputError::new(&origin.path, None, kind, message);
    let too_large = |size: &dyn std::fmt::Display| {
        let message = format!("file is too large: {size} bytes, over the limit of {max} bytes");
        error(InputErrorKind::TooLarge, message)
    };
    if let Some(size) = size.filter(|&s| s > max as u64) {
        return Err(too_large(&size));
    }
    let room = max.saturating_sub(content.len()).saturating_add(1);
    if let Err(e) = reader.take(room as u64).read_to_end(&mut content) {
        return Err(InputError::io(&origin.path, None, e));
    }
    if content.len() > max {
        return Err(too_large(&format_args!("more than {max}")));
    }
    let decoded = text::decode(&content);
    if decoded.text.trim().is_empty() {
        return Err(error(InputErrorKind::Empty, "only whitespace".to_string()));
    }
    if decoded.text.len() > max {
        let message = format!(
            "article is too large: {} bytes once decoded from {}, over the limit of {max} bytes",
            decoded.text.len(),
            decoded.from.unwrap_or("utf-8"),
        );
        return Err(error(InputErrorKind::TooLarge, message));
    }
    if let DateToken::Invalid { value } = text::date_token(&decoded.text) {
        let message = format!("bad `date` token `{value}`: no such day");
        return Err(error(InputErrorKind::BadDate, message));
    }
    let mut article = parse_text_article(&origin.stem, &origin.source, &decoded.text, options);
    if article.text.trim().is_empty() {
        return Err(error(InputErrorKind::Empty, "no text after the `date` token".to_string()));
    }
    if let Some(encoding) = decoded.from {
        article.metadata.insert("decoded_from".to_string(), encoding.into());
    }
    Ok(article)
}

/// Why a file name says a format this crate does not read, if it does.
fn unsupported_extension(path: &Path) -> Option<String> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let what = match extension.as_str() {
        "gz" | "tgz" | "bz2" | "xz" | "zst" | "lz4" => {
            "compressed files are not read; decompress it first"
        }
        "zip" | "7z" | "tar" | "rar" => "archives are not read; extract it first",
        "pdf" | "doc" | "docx" | "odt" | "rtf" => {
            "documents are not read; give plain text or JSON Lines"
        }
        _ => return None,
    };
    Some(format!("`.{extension}` {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stdin_inputs(data: &'static [u8], options: &ReadOptions) -> Inputs {
        let mut inputs = read_inputs(&[PathBuf::from(STDIN)], options);
        inputs.stdin = Some(Box::new(data));
        inputs
    }

    #[test]
    fn stdin_text_is_one_article() {
        let articles: Vec<_> =
            stdin_inputs(b"  date 2020 Hello", &ReadOptions::default()).collect();
        assert_eq!(articles.len(), 1);
        let article = articles[0].as_ref().expect("valid text");
        assert_eq!((article.id.as_str(), article.source.as_str()), ("stdin", "-"));
        assert_eq!(article.text, "Hello");
    }

    #[test]
    fn stdin_json_lines_are_streamed() {
        let data = b"\n {\"text\": \"one\"}\n[1]\n{\"text\": \"two\", \"id\": 7}\n";
        let items: Vec<_> = stdin_inputs(data, &ReadOptions::default()).collect();
        assert_eq!(items.len(), 3);
        let first = items[0].as_ref().expect("line 2 is valid");
        assert_eq!((first.id.as_str(), first.source.as_str()), ("stdin:2", "-:2"));
        let error = items[1].as_ref().expect_err("line 3 is an array");
        assert_eq!(error.to_string(), "stdin, line 3: not a JSON object: found an array");
        assert_eq!(items[2].as_ref().expect("line 4 is valid").id, "7");
    }

    /// Gives its chunks one read at a time, then fails.
    struct Chunks(VecDeque<&'static [u8]>);

    impl Read for Chunks {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let chunk = self.0.pop_front().ok_or_else(|| io::Error::other("pipe broke"))?;
            let n = chunk.len().min(buf.len());
            buf[..n].copy_from_slice(&chunk[..n]);
            Ok(n)
        }
    }

    #[test]
    fn stdin_gives_its_first_article_before_more_arrives() {
        let mut inputs = read_inputs(&[PathBuf::from(STDIN)], &ReadOptions::default());
        inputs.stdin = Some(Box::new(Chunks(VecDeque::from([&b"  "[..], b"{\"text\": \"a\"}\n"]))));
        let first = inputs.next().expect("an item").expect("the first line is good");
        assert_eq!(first.text, "a");
        let error = inputs.next().expect("an item").expect_err("the pipe broke");
        assert_eq!((error.kind(), error.line()), (InputErrorKind::Unreadable, Some(2)));
        assert_eq!(error.to_string(), "stdin, line 2: cannot read: other error");
        assert!(inputs.next().is_none());
    }

    #[test]
    fn inputs_can_move_to_another_thread() {
        fn is_send<T: Send>() {}
        is_send::<Inputs>();
        is_send::<InputError>();
    }

    #[test]
    fn empty_stdin_is_an_error() {
        let items: Vec<_> = stdin_inputs(b"", &ReadOptions::default()).collect();
        let error = items[0].as_ref().expect_err("nothing to read");
        assert_eq!(error.kind(), InputErrorKind::Empty);
    }
}
