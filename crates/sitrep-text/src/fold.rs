use sitrep_model::Span;
use unicode_normalization::char::decompose_canonical;

/// Text folded for matching, with a map from each folded byte to the original text.
///
/// Folding lowercases, strips diacritics, turns apostrophes, hyphens and runs of
/// whitespace into one space, and unifies quotes, so that `l’Armée`, `l'armee` and
/// `l armee` all read `l armee`.
///
/// *Invariant:* `origin` is non-decreasing, and each entry is a char boundary of the
/// original text.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`, the byte offset in the original where its char starts.
    origin: Vec<u32>,
    /// For each byte of `text`, the byte offset in the original where its char ends.
    origin_end: Vec<u32>,
    original_len: usize,
}

impl Normalized {
    /// Folds `original`.
    ///
    /// # Panics
    /// Never for texts under 4 GiB; offsets are kept as `u32`.
    #[must_use]
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut origin_end = Vec::with_capacity(original.len());
        let mut buf = String::new();
        for (at, ch) in original.char_indices() {
            // Most text is ASCII letters, digits and plain punctuation: fold in place.
            if ch.is_ascii_alphanumeric()
                || matches!(ch, '.' | ',' | ';' | ':' | '(' | ')' | '!' | '?' | '/' | '"')
            {
                let start = u32::try_from(at).expect("article texts are under 4 GiB");
                text.push(ch.to_ascii_lowercase());
                origin.push(start);
                origin_end.push(start + 1);
                continue;
            }
            buf.clear();
            fold_char(ch, &mut buf);
            if buf.is_empty() {
                continue;
            }
            if buf == " " && (text.is_empty() || text.ends_with(' ')) {
                continue;
            }
            let start = u32::try_from(at).expect("article texts are under 4 GiB");
            let end = u32::try_from(at + ch.len_utf8()).expect("article texts are under 4 GiB");
            text.push_str(&buf);
            origin.resize(text.len(), start);
            origin_end.resize(text.len(), end);
        }
        Normalized { text, origin, origin_end, original_len: original.len() }
    }

    /// The folded text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The span of the original text that produced folded bytes `start..end`.
    ///
    /// Both ends are char boundaries of the original; an empty or out-of-range request
    /// gives an empty span at the nearest position.
    #[must_use]
    pub fn original_span(&self, start: usize, end: usize) -> Span {
        if start >= end || start >= self.text.len() {
            let at = self.origin.get(start).map_or(self.original_len, |&o| o as usize);
            return Span::new(at, at);
        }
        let end = end.min(self.text.len());
        Span::new(self.origin[start] as usize, self.origin_end[end - 1] as usize)
    }

    /// The folded byte offset of the first folded byte at or after original offset `at`.
    #[must_use]
    pub fn folded_offset(&self, at: usize) -> usize {
        self.origin.partition_point(|&o| (o as usize) < at)
    }
}

/// Folds a dictionary key the way [`Normalized`] folds running text, and also turns
/// the remaining punctuation into spaces and trims: `"Deir ez-Zor"` gives `"deir ez zor"`.
#[must_use]
pub fn fold_key(key: &str) -> String {
    key_of_folded(Normalized::new(key).as_str())
}

/// The dictionary key of text already folded by [`Normalized`]: remaining punctuation
/// becomes spaces, runs of spaces one, and the ends are trimmed. For a slice of an
/// article's folded text it equals [`fold_key`] of the original slice, without folding
/// again.
#[must_use]
pub fn key_of_folded(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for ch in folded.chars() {
        let ch = if ch.is_alphanumeric() { ch } else { ' ' };
        if ch == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(ch);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn fold_char(ch: char, out: &mut String) {
    match ch {
        '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´' | '′' | '-' | '‐' | '‑' | '‒' | '–' | '—'
        | '_' => {
            out.push(' ');
        }
        'ʿ' | 'ʾ' | '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}' => {}
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' => out.push('"'),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'ı' => out.push('i'),
        c if c.is_whitespace() => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            for lower in c.to_lowercase() {
                decompose_canonical(lower, |part| {
                    if !is_combining_mark(part) {
                        out.push(part);
                    }
                });
            }
        }
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn folds_accents_case_apostrophes_and_spaces() {
        let cases = [
            ("Aïn al-Assad", "ain al assad"),
            ("l’État  islamique", "l etat islamique"),
            ("Kata'ib\u{a0}Hizballah", "kata ib hizballah"),
            ("« Cœur »", "\" coeur \""),
            ("بغداد", "بغداد"),
        ];
        for (input, want) in cases {
            assert_eq!(Normalized::new(input).as_str(), want, "{input}");
        }
    }

    #[test]
    fn keys_drop_punctuation() {
        assert_eq!(fold_key(" Deir ez-Zor, "), "deir ez zor");
        assert_eq!(fold_key("Shi'ite"), "shi ite");
        assert_eq!(fold_key("U.S."), "u s");
    }

    #[test]
    fn spans_map_back_to_original_chars() {
        let text = "Un Œuvre à Bagdad";
        let norm = Normalized::new(text);
        let at = norm.as_str().find("oeuvre").unwrap();
        let span = norm.original_span(at, at + 6);
        assert_eq!(&text[span.range()], "Œuvre");
        let at = norm.as_str().find("bagdad").unwrap();
        assert_eq!(&text[norm.original_span(at, at + 6).range()], "Bagdad");
        assert_eq!(norm.folded_offset(span.start), norm.as_str().find("oeuvre").unwrap());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn every_folded_range_maps_to_char_boundaries(text in "\\PC{0,60}", a in 0usize..80, b in 0usize..80) {
            let norm = Normalized::new(&text);
            let (s, e) = (a.min(b), a.max(b));
            let span = norm.original_span(s, e);
            prop_assert!(span.start <= span.end);
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert!(norm.origin.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
