use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::{self, NFA};
use aho_corasick::{Anchored, MatchKind};

use crate::Normalized;

/// A match of a lexicon phrase in folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexiconMatch<'a, T> {
    /// First folded byte.
    pub start: usize,
    /// One past the last folded byte.
    pub end: usize,
    /// The value the phrase was registered with.
    pub value: &'a T,
}

/// Many phrases, each with a value, matched in folded text at word boundaries.
///
/// Phrases are folded as running text is ([`Normalized`]), punctuation kept, so that
/// `"U.S. forces"` matches the text's `U.S. forces`. A phrase ending in `*` matches any word that
/// starts with it (`"revendiqu*"` matches `revendiqué`, `revendiquée`). Overlapping
/// matches resolve leftmost-longest; equal spans keep the phrase registered first.
#[derive(Debug, Clone)]
pub struct Lexicon<T> {
    /// An anchored automaton: phrases only start at word starts, so the text is walked
    /// from each word start rather than scanned for phrases inside words.
    automaton: Option<NFA>,
    /// For each pattern: the value index and whether the phrase ends in a wildcard.
    patterns: Vec<(usize, bool)>,
    values: Vec<T>,
}

impl<T> Lexicon<T> {
    /// Builds a lexicon from `(phrase, value)` pairs. Empty phrases are ignored.
    ///
    /// # Panics
    /// Never: the automaton is built with limits large enough for any pack.
    pub fn new(entries: impl IntoIterator<Item = (String, T)>) -> Lexicon<T> {
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        let mut values = Vec::new();
        for (phrase, value) in entries {
            let trimmed = phrase.trim();
            let (body, wildcard) = match trimmed.strip_suffix('*') {
                Some(body) => (body, true),
                None => (trimmed, false),
            };
            let folded = Normalized::new(body);
            let key = folded.as_str().trim();
            if key.is_empty() {
                continue;
            }
            phrases.push(key.to_string());
            patterns.push((values.len(), wildcard));
            values.push(value);
        }
        let automaton = (!phrases.is_empty()).then(|| {
            contiguous::Builder::new()
                .match_kind(MatchKind::Standard)
                .build(&phrases)
                .expect("lexicon automata stay within aho-corasick's default limits")
        });
        Lexicon { automaton, patterns, values }
    }

    /// Number of phrases.
    #[must_use]
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the lexicon has no phrase.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// All non-overlapping matches in `folded`, leftmost-longest, in text order.
    #[must_use]
    pub fn find<'a>(&'a self, folded: &str) -> Vec<LexiconMatch<'a, T>> {
        self.find_grouped(folded, 1, |_| 0).pop().unwrap_or_default()
    }

    /// The matches of each group of phrases, in one pass over `folded`: `group` gives a
    /// value's group (below `groups`), and each group resolves its overlaps on its own,
    /// leftmost-longest, as [`Lexicon::find`] does. Values of a group past `groups` are
    /// left out.
    #[must_use]
    pub fn find_grouped<'a>(
        &'a self,
        folded: &str,
        groups: usize,
        group: impl Fn(&T) -> usize,
    ) -> Vec<Vec<LexiconMatch<'a, T>>> {
        let mut out: Vec<Vec<LexiconMatch<'a, T>>> = (0..groups).map(|_| Vec::new()).collect();
        let Some(automaton) = &self.automaton else { return out };
        let bytes = folded.as_bytes();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        let start = automaton.start_state(Anchored::Yes).expect("the automaton is anchored");
        for from in 0..bytes.len() {
            if from > 0 && is_word_byte(bytes[from - 1]) {
                continue;
            }
            let mut state = start;
            for (at, &byte) in bytes.iter().enumerate().skip(from) {
                state = automaton.next_state(Anchored::Yes, state, byte);
                if !automaton.is_special(state) {
                    continue;
                }
                if automaton.is_dead(state) {
                    break;
                }
                if !automaton.is_match(state) {
                    continue;
                }
                let len = at + 1 - from;
                for index in 0..automaton.match_len(state) {
                    let pattern = automaton.match_pattern(state, index);
                    // A match state also holds the phrases that end its path.
                    if automaton.pattern_len(pattern) != len {
                        continue;
                    }
                    let (value, wildcard) = self.patterns[pattern.as_usize()];
                    let mut end = at + 1;
                    if wildcard {
                        while end < bytes.len() && is_word_byte(bytes[end]) {
                            end += 1;
                        }
                    } else if end < bytes.len() && is_word_byte(bytes[end]) {
                        continue;
                    }
                    found.push((from, end, value));
                }
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut next_free = vec![0; groups];
        for (start, end, value) in found {
            let value = &self.values[value];
            let g = group(value);
            if g < groups && start >= next_free[g] {
                out[g].push(LexiconMatch { start, end, value });
                next_free[g] = end;
            }
        }
        out
    }
}

/// Whether a folded byte belongs to a word: ASCII alphanumerics and every byte of a
/// non-ASCII char (folded text keeps letters of other scripts as they are).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Normalized;

    fn words(lexicon: &Lexicon<&'static str>, text: &str) -> Vec<&'static str> {
        lexicon.find(Normalized::new(text).as_str()).into_iter().map(|m| *m.value).collect()
    }

    #[test]
    fn matches_at_word_boundaries_longest_first() {
        let lex = Lexicon::new([
            ("roquette*".to_string(), "rocket"),
            ("tir de roquettes".to_string(), "rocket fire"),
            ("tir".to_string(), "fire"),
            ("EI".to_string(), "isis"),
        ]);
        assert_eq!(
            words(&lex, "Un tir de roquettes, puis des roquettes."),
            ["rocket fire", "rocket"]
        );
        assert_eq!(words(&lex, "Le tirage"), Vec::<&str>::new());
        assert_eq!(words(&lex, "l'EI a frappé; Beit"), ["isis"]);
    }

    #[test]
    fn a_phrase_ending_another_is_found_only_at_its_own_word_start() {
        let lex = Lexicon::new([
            ("tes".to_string(), "yours"),
            ("roquettes".to_string(), "rockets"),
            ("base".to_string(), "base"),
            ("la base".to_string(), "the base"),
        ]);
        assert_eq!(words(&lex, "des roquettes"), ["rockets"]);
        assert_eq!(words(&lex, "les tes"), ["yours"]);
        assert_eq!(words(&lex, "vers la base, une base"), ["the base", "base"]);
    }

    #[test]
    fn empty_lexicon_finds_nothing() {
        let lex: Lexicon<u8> = Lexicon::new([]);
        assert!(lex.find("anything").is_empty());
        assert!(lex.is_empty());
    }
}
