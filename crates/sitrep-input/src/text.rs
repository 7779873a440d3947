//! Plain text: the leading `date` token, decoding bytes to text, and telling text from
//! binary data.

use std::borrow::Cow;
use std::collections::BTreeMap;

use sitrep_model::{Article, PublishedDate};

use crate::ReadOptions;

/// How many leading bytes are checked for binary data.
pub(crate) const SNIFF_BYTES: usize = 8 * 1024;

/// What the start of a text says about its publication date.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DateToken<'a> {
    /// No `date` token: the whole text is the article.
    Absent,
    /// A valid token; the article text starts at byte `rest`.
    Valid { date: PublishedDate, rest: usize },
    /// A token shaped like a date (`date 2021-02-30`) that names no real day.
    Invalid { value: &'a str },
}

/// Looks for `date YYYY`, `date YYYY-MM` or `date YYYY-MM-DD` at the start of `content`.
///
/// Leading whitespace is allowed; `date` and the value are separated by spaces or tabs,
/// and the value is followed by whitespace or the end of the text. The article text
/// starts after the value and the whitespace right after it.
pub(crate) fn date_token(content: &str) -> DateToken<'_> {
    let trimmed = content.trim_start();
    let Some(after_word) = trimmed.strip_prefix("date") else {
        return DateToken::Absent;
    };
    let value_part = after_word.trim_start_matches([' ', '\t']);
    if value_part.len() == after_word.len() {
        return DateToken::Absent;
    }
    let value_len = value_part.find(char::is_whitespace).unwrap_or(value_part.len());
    let value = &value_part[..value_len];
    if !is_date_shaped(value) {
        return DateToken::Absent;
    }
    let Ok(date) = value.parse::<PublishedDate>() else {
        return DateToken::Invalid { value };
    };
    let rest = value_part[value_len..].trim_start();
    DateToken::Valid { date, rest: content.len() - rest.len() }
}

/// Whether `value` is `DDDD`, `DDDD-DD` or `DDDD-DD-DD` (ASCII digits).
fn is_date_shaped(value: &str) -> bool {
    let mut parts = value.split('-');
    let digits = |part: Option<&str>, len: usize| {
        part.is_some_and(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
    };
    if !digits(parts.next(), 4) {
        return false;
    }
    for _ in 0..2 {
        match parts.next() {
            None => return true,
            part => {
                if !digits(part, 2) {
                    return false;
                }
            }
        }
    }
    parts.next().is_none()
}

/// Builds an article from text, reading and removing a leading `date` token.
pub(crate) fn text_article(
    id: &str,
    source: &str,
    content: &str,
    options: &ReadOptions,
) -> Article {
    let (published, text) = match date_token(content) {
        DateToken::Valid { date, rest } => (Some(date), &content[rest..]),
        DateToken::Absent | DateToken::Invalid { .. } => (options.published, content),
    };
    Article {
        id: id.to_string(),
        source: source.to_string(),
        url: None,
        title: None,
        published,
        lang: options.lang.clone(),
        text: text.to_string(),
        metadata: BTreeMap::new(),
    }
}

/// Why some bytes look like binary data rather than text.
pub(crate) fn binary_reason(head: &[u8]) -> Option<String> {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    if let Some(offset) = head.iter().position(|&b| b == 0) {
        return Some(format!("binary data (a NUL byte at offset {offset})"));
    }
    let controls = head.iter().filter(|&&b| is_suspicious_control(b)).count();
    // More than one byte in ten being a control character is far beyond any text.
    if controls >= 4 && controls * 10 > head.len() {
        let share = controls * 100 / head.len().max(1);
        return Some(format!("binary data ({share}% control characters in the first bytes)"));
    }
    None
}

/// Control bytes that do not occur in text (tab, newlines, form feed and escape do).
fn is_suspicious_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f
}

/// Whether some bytes begin with the gzip magic number.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// What `decoded_from` says for UTF-8 with a few invalid bytes, each replaced by
/// U+FFFD.
pub(crate) const LOSSY_UTF8: &str = "utf-8-lossy";

/// Whether bytes that are not valid UTF-8 are still mostly UTF-8: more valid
/// multi-byte characters than invalid sequences (a damaged UTF-8 file rather than a
/// legacy encoding, whose accented letters are all invalid UTF-8).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > invalid
}

/// Text decoded from bytes, with the legacy encoding it was decoded from, if not UTF-8.
pub(crate) struct Decoded<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) from: Option<&'static str>,
}

/// Decodes bytes as UTF-8 (a byte-order mark is removed), or as UTF-16 when a UTF-16
/// byte-order mark says so, or as UTF-8 with replacement characters when only a few
/// bytes are invalid, or else as the legacy encoding `chardetng` guesses.
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == encoding_rs::UTF_8 {
            if let Ok(text) = std::str::from_utf8(body) {
                return Decoded { text: Cow::Borrowed(text), from: None };
            }
        } else {
            let (text, _) = encoding.decode_without_bom_handling(body);
            return Decoded { text, from: Some(name(encoding)) };
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: Cow::Borrowed(text), from: None };
    }
    if mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes);
        return Decoded { text, from: Some(LOSSY_UTF8) };
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, false);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded { text, from: Some(name(encoding)) }
}

/// The encoding's WHATWG name in lower case (`windows-1252`).
fn name(encoding: &'static encoding_rs::Encoding) -> &'static str {
    // The WHATWG names are ASCII; most are already lower case. Those that are not are
    // spelled out so that the result stays `'static`.
    match encoding.name() {
        "Big5" => "big5",
        "Shift_JIS" => "shift_jis",
        "EUC-JP" => "euc-jp",
        "ISO-2022-JP" => "iso-2022-jp",
        "EUC-KR" => "euc-kr",
        "UTF-16BE" => "utf-16be",
        "UTF-16LE" => "utf-16le",
        "UTF-8" => "utf-8",
        "IBM866" => "ibm866",
        "ISO-8859-2" => "iso-8859-2",
        "ISO-8859-3" => "iso-8859-3",
        "ISO-8859-4" => "iso-8859-4",
        "ISO-8859-5" => "iso-8859-5",
        "ISO-8859-6" => "iso-8859-6",
        "ISO-8859-7" => "iso-8859-7",
        "ISO-8859-8" => "iso-8859-8",
        "ISO-8859-8-I" => "iso-8859-8-i",
        "ISO-8859-10" => "iso-8859-10",
        "ISO-8859-13" => "iso-8859-13",
        "ISO-8859-14" => "iso-8859-14",
        "ISO-8859-15" => "iso-8859-15",
        "ISO-8859-16" => "iso-8859-16",
        "KOI8-R" => "koi8-r",
        "KOI8-U" => "koi8-u",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> PublishedDate {
        s.parse().expect("test dates are valid")
    }

    #[test]
    fn date_token_forms() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("date 2021\nText", Some("2021"), "Text"),
            ("date 2021-03 Text on the line", Some("2021-03"), "Text on the line"),
            ("  \n date\t2021-03-04  \n\nText", Some("2021-03-04"), "Text"),
            ("date 2021-03-04", Some("2021-03-04"), ""),
            ("Text first. date 2021", None, "Text first. date 2021"),
            ("date de l'attaque", None, "date de l'attaque"),
            ("date 20210304 x", None, "date 20210304 x"),
            ("date 2021-3-04 x", None, "date 2021-3-04 x"),
            ("dates 2021 x", None, "dates 2021 x"),
            ("date 2021x", None, "date 2021x"),
            ("date\n2021 x", None, "date\n2021 x"),
        ];
        let options = ReadOptions::default();
        for &(input, date, text) in cases {
            let article = text_article("a", "a.txt", input, &options);
            assert_eq!(article.published, date.map(day), "{input:?}");
            assert_eq!(article.text, text, "{input:?}");
        }
    }

    #[test]
    fn impossible_dates_are_flagged() {
        assert_eq!(date_token("date 2021-02-30 x"), DateToken::Invalid { value: "2021-02-30" });
        assert_eq!(date_token("date 2021-13 x"), DateToken::Invalid { value: "2021-13" });
    }

    #[test]
    fn binary_detection() {
        assert!(binary_reason(b"Plain text.\r\n\tIndented.").is_none());
        assert!(binary_reason(b"abc\0def").is_some());
        assert!(binary_reason(&[1, 2, 3, 4, 5, 6, b'a']).is_some());
        assert!(binary_reason(b"caf\xe9 cr\xe8me").is_none());
    }

    #[test]
    fn windows_1252_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Irak, à l'aéroport de Bagdad");
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "Irak, à l'aéroport de Bagdad");
        assert_eq!(decoded.from, Some("windows-1252"));
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let decoded = decode(b"D\xc3\xa9j\xc3\xa0 \xff vu, \xc3\xa9t\xc3\xa9");
        assert_eq!(decoded.text, "Déjà \u{fffd} vu, été");
        assert_eq!(decoded.from, Some(LOSSY_UTF8));
    }

    #[test]
    fn byte_order_marks_are_honoured() {
        let decoded = decode(b"\xef\xbb\xbfhello");
        assert_eq!((decoded.text.as_ref(), decoded.from), ("hello", None));
        let decoded = decode(b"\xff\xfeh\0i\0");
        assert_eq!((decoded.text.as_ref(), decoded.from), ("hi", Some("utf-16le")));
    }
}
