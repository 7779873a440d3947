//! JSON Lines: one article object per line, streamed with bounded memory.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read};
use std::path::PathBuf;

use serde_json::{Map, Value};
use sitrep_model::{Article, PublishedDate};

use crate::ReadOptions;
use crate::error::{InputError, InputErrorKind};
use crate::text::decode;

/// The longest line read, for a given article limit.
///
/// JSON escapes (`\u00e9` for `é`) can make a line about three times as long as its
/// text, and other fields take room too: a line may hold four times the article limit
/// plus 64 KiB. A longer line is skipped without being held in memory.
pub(crate) fn line_limit(max_article_bytes: usize) -> usize {
    max_article_bytes.saturating_mul(4).saturating_add(64 * 1024)
}

/// A JSON Lines stream being read, one line at a time.
pub(crate) struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    /// The path errors name (`-` for stdin).
    path: PathBuf,
    /// What `source` starts with, before `:LINE`.
    source: String,
    /// What a missing `id` starts with, before `:LINE`.
    stem: String,
    /// The number of the last line read (1-based).
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl JsonLines {
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        path: PathBuf,
        source: String,
        stem: String,
    ) -> JsonLines {
        JsonLines { reader, path, source, stem, line: 0, buf: Vec::new(), done: false }
    }

    /// The next article or error, or `None` at the end of the stream.
    pub(crate) fn next_item(
        &mut self,
        options: &ReadOptions,
    ) -> Option<Result<Article, InputError>> {
        let limit = line_limit(options.max_article_bytes);
        while !self.done {
            self.line += 1;
            let line = self.line;
            match read_line(&mut self.reader, &mut self.buf, limit) {
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong) => {
                    let message = format!(
                        "line is too long: over {limit} bytes (four times `max_article_bytes` \
                         plus 64 KiB); skipped"
                    );
                    return Some(Err(self.error(InputErrorKind::TooLarge, message)));
                }
                Ok(Line::Read) => {
                    let mut bytes = self.buf.as_slice();
                    if line == 1 {
                        bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(self.article(bytes, line, options));
                }
                Err(error) => {
                    // An I/O failure part-way cannot be skipped over reliably.
                    self.done = true;
                    return Some(Err(InputError::io(&self.path, Some(line), error)));
                }
            }
        }
        None
    }

    fn error(&self, kind: InputErrorKind, message: impl Into<String>) -> InputError {
        InputError::new(&self.path, Some(self.line), kind, message)
    }

    /// Turns one non-blank line into an article.
    fn article(
        &self,
        bytes: &[u8],
        line: usize,
        options: &ReadOptions,
    ) -> Result<Article, InputError> {
        let decoded = decode(bytes);
        let value: Value = serde_json::from_str(&decoded.text).map_err(|e| {
            self.error(InputErrorKind::BrokenJson, format!("broken JSON: {}", json_reason(&e)))
        })?;
        let Value::Object(mut object) = value else {
            let message = format!("not a JSON object: found {}", describe(&value));
            return Err(self.error(InputErrorKind::NotAnObject, message));
        };
        let text = match object.remove("text") {
            Some(Value::String(text)) => text,
            None | Some(Value::Null) => {
                return Err(self.error(InputErrorKind::MissingText, "missing `text` field"));
            }
            Some(other) => {
                let message = format!("`text` is not a string: found {}", describe(&other));
                return Err(self.error(InputErrorKind::MissingText, message));
            }
        };
        if text.trim().is_empty() {
            return Err(self.error(InputErrorKind::Empty, "empty `text`"));
        }
        if text.len() > options.max_article_bytes {
            let message = format!(
                "article is too large: {} bytes of text, over the limit of {} bytes",
                text.len(),
                options.max_article_bytes
            );
            return Err(self.error(InputErrorKind::TooLarge, message));
        }
        let published = match object.remove("published") {
            None | Some(Value::Null) => options.published,
            Some(Value::String(value)) => {
                Some(PublishedDate::parse_iso_prefix(&value).map_err(|_| {
                    let message = format!(
                        "bad `published` value `{}`: expected an ISO date such as \
                         `2021-03-04` or `2021-03-04T10:00:00Z`",
                        clip_str(&value)
                    );
                    self.error(InputErrorKind::BadDate, message)
                })?)
            }
            Some(other) => {
                let message =
                    format!("bad `published` value `{}`: expected a string", clip(&other));
                return Err(self.error(InputErrorKind::BadDate, message));
            }
        };
        let id = match object.remove("id") {
            None | Some(Value::Null) => format!("{}:{line}", self.stem),
            Some(Value::String(id)) => id,
            Some(Value::Number(id)) => id.to_string(),
            Some(other) => return Err(self.bad_field("id", "a string or a number", &other)),
        };
        let url = self.optional_string(&mut object, "url")?;
        let title = self.optional_string(&mut object, "title")?;
        let lang = self.optional_string(&mut object, "lang")?;
        let mut metadata: BTreeMap<String, Value> = object.into_iter().collect();
        if let Some(encoding) = decoded.from {
            metadata.insert("decoded_from".to_string(), Value::String(encoding.to_string()));
        }
        Ok(Article {
            id,
            source: format!("{}:{line}", self.source),
            url,
            title,
            published,
            lang: options.lang.clone().or(lang),
            text,
            metadata,
        })
    }

    fn optional_string(
        &self,
        object: &mut Map<String, Value>,
        field: &str,
    ) -> Result<Option<String>, InputError> {
        match object.remove(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(value)) => Ok(Some(value)),
            Some(other) => Err(self.bad_field(field, "a string", &other)),
        }
    }

    fn bad_field(&self, field: &str, expected: &str, found: &Value) -> InputError {
        let message = format!("bad `{field}` value `{}`: expected {expected}", clip(found));
        self.error(InputErrorKind::BadField, message)
    }
}

/// What reading one line gave.
enum Line {
    /// A line is in the buffer, without its line ending.
    Read,
    /// The line was longer than the limit and has been skipped.
    TooLong,
    /// The stream has ended.
    End,
}

/// Reads one line into `buf`, holding at most `limit + 1` bytes of it.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let read = reader.take(cap).read_until(b'\n', buf)?;
    if read == 0 {
        return Ok(Line::End);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    } else if buf.len() > limit {
        // The rest of the line is read in the reader's own chunks and thrown away.
        reader.skip_until(b'\n')?;
        buf.clear();
        buf.shrink_to(limit.min(1024 * 1024));
        return Ok(Line::TooLong);
    }
    Ok(Line::Read)
}

/// The parser's reason without the line number, which is always 1 for one line.
fn json_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => format!("{} at column {}", &text[..at], error.column()),
        None => text,
    }
}

/// "an array", "a number", ... for messages.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value's JSON, cut to a readable length for a message.
fn clip(value: &Value) -> String {
    clip_str(&value.to_string())
}

/// Some text cut to a readable length for a message.
fn clip_str(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_and_reading_goes_on() {
        let data = format!("short\n{}\nnext\r\nlast", "x".repeat(100));
        let mut reader = io::BufReader::with_capacity(16, data.as_bytes());
        let mut buf = Vec::new();
        let mut lines = Vec::new();
        loop {
            match read_line(&mut reader, &mut buf, 20).expect("reading memory cannot fail") {
                Line::Read => lines.push(String::from_utf8_lossy(&buf).into_owned()),
                Line::TooLong => lines.push("<too long>".to_string()),
                Line::End => break,
            }
        }
        assert_eq!(lines, ["short", "<too long>", "next", "last"]);
    }

    #[test]
    fn json_reasons_drop_the_line() {
        let error = serde_json::from_str::<Value>("{").expect_err("not JSON");
        assert_eq!(json_reason(&error), "EOF while parsing an object at column 1");
    }
}
