//! An article prepared for the rules: folded once, split into sentences, and each
//! sentence read into a sequence of [`Item`]s (pack words, numbers, actors, plain words).

use sitrep_geo::{Gazetteer, SiteMatch};
use sitrep_lang::{ActorInfo, Entry, Pack, PlaceCue, Word};
use sitrep_model::Span;
use sitrep_text::{LexiconMatch, Normalized, split_sentences};

/// What one item of a sentence is.
#[derive(Debug, Clone)]
pub(crate) enum ItemKind<'p> {
    /// A phrase of the pack's vocabulary.
    Word(&'p Word),
    /// A number written in digits, with its value.
    Digits(u64),
    /// A number written in digits followed by an ordinal suffix ("14e", "5th").
    OrdinalDigits(u64),
    /// Any other word.
    Plain,
}

/// One item: a word or phrase of a sentence, with its place in the folded text.
#[derive(Debug, Clone)]
pub(crate) struct Item<'p> {
    pub(crate) kind: ItemKind<'p>,
    /// Folded byte range.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// A comma, semicolon, colon, parenthesis or dash stands between this item and the previous one.
    pub(crate) after_break: bool,
    /// A plain word that is one of the pack's function words ("de", "the", "were").
    pub(crate) function: bool,
}

/// An actor named in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct ActorMention<'p> {
    pub(crate) info: &'p ActorInfo,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// A sentence with everything the rules read from it.
#[derive(Debug)]
pub(crate) struct Sentence<'p> {
    /// Span of the original text.
    pub(crate) span: Span,
    pub(crate) items: Vec<Item<'p>>,
    pub(crate) actors: Vec<ActorMention<'p>>,
    pub(crate) sites: Vec<SiteMatch>,
    /// A photo caption or credit: kept out of extraction.
    pub(crate) caption: bool,
    /// A headline or subheading: a whole line without closing punctuation.
    pub(crate) title: bool,
    /// Items of a dateline opening the sentence ("GOMA (RD Congo) —", "BAGHDAD, April 14
    /// (Xinhua) --"): where and when the story was filed, not where the event was.
    pub(crate) dateline: usize,
}

impl Sentence<'_> {
    /// The index of the first item starting at or after folded byte `byte`, or the
    /// number of items when none does.
    pub(crate) fn item_at(&self, byte: usize) -> usize {
        self.items.iter().position(|i| i.start >= byte).unwrap_or(self.items.len())
    }
}

/// The whole article, prepared.
pub(crate) struct Document<'a, 'p> {
    pub(crate) text: &'a str,
    pub(crate) folded: Normalized,
    pub(crate) sentences: Vec<Sentence<'p>>,
}

impl<'a, 'p> Document<'a, 'p> {
    /// "The army", "la junte": the national actor of the country the article is about,
    /// or no actor when the article names no country with one.
    /// Not when it qualifies a place or forces after it ("the army base", "junta
    /// soldiers"); before an act it is the actor ("a junta airstrike").
    pub(crate) fn resolve_national(&mut self, national: Option<&'p ActorInfo>) {
        for sentence in &mut self.sentences {
            let items = &sentence.items;
            sentence.actors.retain_mut(|a| {
                if a.info.kind != "national" {
                    return true;
                }
                let qualifies = items.iter().find(|i| i.start >= a.end).is_some_and(|i| {
                    !i.after_break
                        && matches!(i.kind, ItemKind::Word(Word::Forces | Word::Place(_)))
                });
                !qualifies && national.inspect(|info| a.info = info).is_some()
            });
        }
    }

    /// Prepares `text`, given folded as `folded` ([`Normalized::new`] of it).
    pub(crate) fn new(
        text: &'a str,
        folded: Normalized,
        pack: &'p Pack,
        gazetteer: &Gazetteer,
    ) -> Document<'a, 'p> {
        let abbreviations: Vec<&str> = pack.abbreviations.iter().map(String::as_str).collect();
        let spans = split_sentences(text, &abbreviations);
        let mut sentences = Vec::with_capacity(spans.len());
        for span in spans {
            let start = folded.folded_offset(span.start);
            let end = folded.folded_offset(span.end);
            let slice = &folded.as_str()[start..end];
            let mut found = pack.lexicon.find_grouped(slice, 2, Entry::group).into_iter();
            let (words, actors) =
                (found.next().unwrap_or_default(), found.next().unwrap_or_default());
            let words: Vec<LexiconMatch<'p, Word>> = words
                .into_iter()
                .filter_map(|m| match m.value {
                    Entry::Word(value) => Some(LexiconMatch { start: m.start, end: m.end, value }),
                    Entry::Actor(_) => None,
                })
                .collect();
            let items = read_items(slice, start, &words, pack);
            let actors = read_actors(text, &folded, start, actors);
            let sites = gazetteer
                .find_sites(slice)
                .into_iter()
                .map(|mut m| {
                    m.start += start;
                    m.end += start;
                    m
                })
                .collect();
            let caption = is_caption(&text[span.range()], &items);
            let title = is_title(text, span);
            let dateline = dateline_end(&text[span.range()]).map_or(0, |end| {
                let end = folded.folded_offset(span.start + end);
                items.iter().take_while(|i| i.end <= end).count()
            });
            sentences.push(Sentence { span, items, actors, sites, caption, title, dateline });
        }
        // A text of headlines only (a wire flash, a one-line input) is its own body.
        if sentences.iter().all(|s| s.title || s.caption) {
            for sentence in &mut sentences {
                sentence.title = false;
            }
        }
        // A caption is its whole line: the sentences before a credit on the same line
        // describe the photo too.
        for i in (1..sentences.len()).rev() {
            if sentences[i].caption {
                let between = &text[sentences[i - 1].span.end..sentences[i].span.start];
                if !between.contains('\n') {
                    sentences[i - 1].caption = true;
                }
            }
        }
        let mut doc = Document { text, folded, sentences };
        doc.learn_acronyms();
        doc
    }

    /// "the Arakan Army [AA] ... the AA seized two outposts": an acronym given in brackets
    /// right after a known actor names that actor for the rest of the article.
    fn learn_acronyms(&mut self) {
        let mut learned: Vec<(&'a str, &'p ActorInfo)> = Vec::new();
        for sentence in &self.sentences {
            for actor in &sentence.actors {
                let after = self.span(actor.end, actor.end).start;
                let rest = &self.text[after..];
                let Some(inner) = rest
                    .strip_prefix(" (")
                    .or_else(|| rest.strip_prefix(" ["))
                    .and_then(|r| r.split_once([')', ']']).map(|(inner, _)| inner))
                else {
                    continue;
                };
                let letters = inner.chars().count();
                if (2..=6).contains(&letters)
                    && inner.chars().all(|c| c.is_uppercase() || c == '-')
                    && !learned.iter().any(|(a, _)| *a == inner)
                {
                    learned.push((inner, actor.info));
                }
            }
        }
        if learned.is_empty() {
            return;
        }
        let keys: Vec<String> = learned.iter().map(|(a, _)| a.to_lowercase()).collect();
        for sentence in &mut self.sentences {
            for item in &sentence.items {
                // The folded word first, the capitals of the original only then.
                let folded = &self.folded.as_str()[item.start..item.end];
                let Some(k) = keys.iter().position(|key| key == folded) else { continue };
                let span = self.folded.original_span(item.start, item.end);
                let (acronym, info) = learned[k];
                if &self.text[span.range()] != acronym {
                    continue;
                }
                let covered =
                    sentence.actors.iter().any(|a| a.start <= item.start && item.end <= a.end);
                if !covered {
                    sentence.actors.push(ActorMention { info, start: item.start, end: item.end });
                }
            }
            sentence.actors.sort_by_key(|a| a.start);
        }
    }

    /// The original-text span of folded bytes `start..end`.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        self.folded.original_span(start, end)
    }

    /// The original text of folded bytes `start..end`.
    pub(crate) fn original(&self, start: usize, end: usize) -> &'a str {
        let span = self.span(start, end);
        &self.text[span.range()]
    }
}

/// The end of a dateline opening a sentence: a place in capitals (with an agency or a
/// date) before a dash, as in "MOSSOUL (Irak) —", "Bagdad - " or "Ouagadougou, 18 août
/// (APA) –", or before a colon, as in "QUETTA:".
fn dateline_end(sentence: &str) -> Option<usize> {
    // A dateline ends within its first 80 bytes: only they are searched.
    let mut head_end = sentence.len().min(84);
    while !sentence.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &sentence[..head_end];
    let (at, dash) = ["\u{2014} ", "\u{2013} ", "-- ", " - ", ": "]
        .iter()
        .filter_map(|d| head.find(d).map(|at| (at, *d)))
        .min_by_key(|(at, _)| *at)?;
    if at == 0 || at > 80 {
        return None;
    }
    let prefix = &sentence[..at];
    let mut depth = 0i32;
    let mut words = Vec::new();
    let mut word = String::new();
    for ch in prefix.chars().chain(std::iter::once(' ')) {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c.is_alphabetic() && depth == 0 => word.push(c),
            _ => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    let first = words.first()?;
    // "GOMA, Democratic Republic of Congo, Nov 4 (Reuters) -": short particles aside.
    let capitals =
        words.iter().all(|w| w.starts_with(char::is_uppercase) || w.chars().count() <= 3);
    let shouted = first.chars().count() >= 3 && first.chars().all(char::is_uppercase);
    let agency = prefix.contains('(');
    // "Ouagadougou, 18 août (APA) –": a French month keeps its lower case.
    let dated_agency = agency
        && first.starts_with(char::is_uppercase)
        && words.len() <= 4
        && prefix.chars().any(|c| c.is_ascii_digit());
    // "QUETTA: Seven personnel...": a colon only after a place in capitals.
    if dash == ": " && !(shouted && words.len() <= 3) {
        return None;
    }
    ((capitals && (shouted || agency || words.len() == 1)) || dated_agency)
        .then_some(at + dash.len())
}

/// A headline or subheading: a line of its own, short, that does not end like a sentence.
fn is_title(text: &str, span: Span) -> bool {
    let own_line = text[..span.start].trim_end_matches([' ', '\t']).ends_with('\n')
        || text[..span.start].trim().is_empty();
    let line_end = text[span.end..].trim_start_matches([' ', '\t']);
    let whole_line = line_end.is_empty() || line_end.starts_with(['\n', '\r']);
    let sentence = &text[span.range()];
    let last = sentence
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '»' | '”' | '’' | ')'))
        .chars()
        .last();
    let words = sentence.split_whitespace().count();
    own_line && whole_line && words <= 30 && !matches!(last, Some('.' | '!' | '?' | '…' | ';'))
}

/// A caption carries a photo credit: a `|` followed by a short credit line, or a
/// pack caption marker ("file photo").
fn is_caption(original: &str, items: &[Item<'_>]) -> bool {
    if items.iter().any(|i| matches!(i.kind, ItemKind::Word(Word::Caption))) {
        return true;
    }
    let credit_after_bar = original.rsplit_once('|').is_some_and(|(_, credit)| {
        let credit = credit.trim();
        !credit.is_empty() && credit.len() < 80 && (credit.contains('/') || credit.contains("AFP"))
    });
    // "(Fawaz Salman / Reuters)": a photographer and an agency in closing parentheses.
    let credit_in_parentheses = original
        .trim_end()
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .is_some_and(|(_, credit)| credit.len() < 80 && credit.contains(" / "));
    credit_after_bar || credit_in_parentheses
}

fn read_items<'p>(
    slice: &str,
    offset: usize,
    matches: &[LexiconMatch<'p, Word>],
    pack: &Pack,
) -> Vec<Item<'p>> {
    let bytes = slice.as_bytes();
    let mut items = Vec::new();
    let mut next_match = matches.iter().peekable();
    let mut at = 0;
    let mut last_end = 0;
    while at < bytes.len() {
        if let Some(m) = next_match.peek()
            && m.start == at
        {
            // Prepositions, articles and "et" are function words whatever else they mean.
            let function = matches!(
                m.value,
                Word::Joiner | Word::Place(PlaceCue::Locative | PlaceCue::Article)
            ) && pack.stopwords.contains(&slice[m.start..m.end]);
            items.push(Item {
                kind: ItemKind::Word(m.value),
                start: offset + m.start,
                end: offset + m.end,
                after_break: has_break(&slice[last_end..m.start]),
                function,
            });
            at = m.end;
            last_end = m.end;
            next_match.next();
            continue;
        }
        let ch = slice[at..].chars().next().unwrap_or(' ');
        if !ch.is_alphanumeric() {
            at += ch.len_utf8();
            continue;
        }
        let word_end = word_end(slice, at);
        let limit = next_match.peek().map_or(word_end, |m| m.start.min(word_end).max(at + 1));
        let end = if limit > at { limit } else { word_end };
        let word = &slice[at..end];
        let kind = classify_word(word, pack);
        let function = matches!(kind, ItemKind::Plain) && pack.stopwords.contains(word);
        items.push(Item {
            kind,
            start: offset + at,
            end: offset + end,
            after_break: has_break(&slice[last_end..at]),
            function,
        });
        at = end;
        last_end = end;
        while next_match.peek().is_some_and(|m| m.start < at) {
            next_match.next();
        }
    }
    items
}

/// The end of the word at `at`: letters and digits, and for numbers the thousands
/// separators of "2.500", "2,500" and "2 500".
fn word_end(slice: &str, at: usize) -> usize {
    let bytes = slice.as_bytes();
    let mut end = at;
    if bytes[at].is_ascii_digit() {
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        loop {
            let sep = end;
            if sep + 3 < bytes.len() + 1
                && sep < bytes.len()
                && matches!(bytes[sep], b'.' | b',' | b' ')
                && bytes.get(sep + 1..sep + 4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && bytes.get(sep + 4).is_none_or(|b| !b.is_ascii_digit())
            {
                end = sep + 4;
            } else {
                break;
            }
        }
        // An ordinal suffix glued to the digits: "14e", "5th".
        while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
            end += 1;
        }
        return end;
    }
    for (i, ch) in slice[at..].char_indices() {
        if !ch.is_alphanumeric() {
            return at + i;
        }
    }
    slice.len()
}

fn classify_word<'p>(word: &str, pack: &Pack) -> ItemKind<'p> {
    let digits: String =
        word.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ')).collect();
    if digits.is_empty() || !word.starts_with(|c: char| c.is_ascii_digit()) {
        return ItemKind::Plain;
    }
    let suffix = &word[digits.len()..];
    let value: u64 =
        digits.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0);
    if suffix.is_empty() {
        ItemKind::Digits(value)
    } else if pack.ordinal_suffixes.iter().any(|s| s == suffix) {
        ItemKind::OrdinalDigits(value)
    } else {
        ItemKind::Plain
    }
}

/// Punctuation that ends a phrase. Quotation marks do not: « épisode cardiaque » mortel.
fn has_break(between: &str) -> bool {
    between.contains([',', ';', ':', '(', ')', '|', '.', '!', '?'])
}

fn read_actors<'p>(
    text: &str,
    folded: &Normalized,
    offset: usize,
    matches: Vec<LexiconMatch<'p, Entry>>,
) -> Vec<ActorMention<'p>> {
    matches
        .into_iter()
        .filter_map(|m| match m.value {
            Entry::Actor(value) => Some(LexiconMatch { start: m.start, end: m.end, value }),
            Entry::Word(_) => None,
        })
        .filter(|m| match &m.value.capitals_only {
            None => true,
            Some(alias) => {
                let span = folded.original_span(offset + m.start, offset + m.end);
                let original: String =
                    text[span.range()].chars().filter(|c| c.is_alphabetic()).collect();
                let wanted: String = alias.chars().filter(|c| c.is_alphabetic()).collect();
                original == wanted
            }
        })
        .map(|m| ActorMention { info: m.value, start: offset + m.start, end: offset + m.end })
        .collect()
}
