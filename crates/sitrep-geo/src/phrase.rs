//! Geocoding phrases, not just names: "au nord de Bagdad", "la province d'Anbar",
//! "Erbil airport", "à 20 km de Gao", "Hawija, Kirkuk province", "west of the city".
//!
//! A phrase is read, after folding, as
//! `[words to drop] [relation] [feature before] NAME [feature after]`, where every part
//! comes from `data/phrases.toml`; text after a comma or in brackets qualifies the name
//! (its country, region or neighbourhood). A name that the gazetteer knows as a whole
//! ("North Kivu", "Anbar province", "base aérienne d'al-Asad") is always read as a name
//! first, so patterns never split a real name.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sitrep_model::Place;
use sitrep_text::fold_key;

use crate::curated::{self, PHRASES};
use crate::relation::{Direction, Relation, RelationKind};
use crate::score::{GeoContext, distance_km};
use crate::{Candidate, Error, Gazetteer, PlaceKind};

/// Phrases longer than this (bytes) are not read.
const MAX_PHRASE: usize = 400;
/// Words of a phrase past this many are ignored.
const MAX_WORDS: usize = 24;
/// Parts of a phrase (split at commas and brackets) past this many are ignored.
const MAX_PARTS: usize = 4;
/// Score added to candidates of the kind a feature word asks for.
const FEATURE_FIT: f32 = 3.0;
/// A site of the asked kind this close to the named town is the one meant.
const SITE_NEAR_TOWN_KM: f64 = 30.0;
/// A capital lies this close to its country's point.
const CAPITAL_KM: f64 = 15.0;

/// One reading of a phrase: the place to record, with how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhraseReading {
    /// The place to record: the anchor's point, admin1 and country, named and as precise
    /// as the phrase supports ("north of Baghdad", precision `admin1`).
    pub place: Place,
    /// Rank score, higher is better (the anchor's score plus feature fit).
    pub score: f32,
    /// How the phrase relates the place to the anchor; `None` when it names the anchor.
    pub relation: Option<Relation>,
    /// The named place the reading rests on, as [`Gazetteer::lookup`] gives it.
    pub anchor: Candidate,
}

// ---------------------------------------------------------------------------------------
// `phrases.toml`

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhrasesFile {
    skip: Vec<String>,
    approximately: Vec<String>,
    compass: BTreeMap<String, CompassEntry>,
    numbers: BTreeMap<String, f64>,
    units: BTreeMap<String, f64>,
    relation: Vec<RelationEntry>,
    feature: Vec<FeatureEntry>,
    anaphors: AnaphorsEntry,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompassEntry {
    nouns: Vec<String>,
    adjectives: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelationEntry {
    kind: String,
    #[serde(default)]
    direction: Option<String>,
    patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeatureEntry {
    name: String,
    prefer: String,
    #[serde(default)]
    sites: Vec<String>,
    before: Vec<String>,
    after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnaphorsEntry {
    focus: Vec<String>,
    capital: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// Compiled patterns

/// Folded words of a phrase.
type Words = Vec<Box<str>>;

fn words_of(phrase: &str) -> Words {
    fold_key(phrase).split(' ').filter(|w| !w.is_empty()).map(Into::into).collect()
}

/// One position of a relation pattern.
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Word(Box<str>),
    Dir,
    Adj,
    Number,
    Unit,
}

#[derive(Debug)]
struct RelationPattern {
    slots: Vec<Slot>,
    kind: RelationKind,
    direction: Option<Direction>,
}

/// The kind of place a feature word asks for.
#[derive(Debug, Clone, PartialEq)]
enum Prefer {
    Admin,
    District,
    Town,
    /// Curated sites of these kinds.
    Site(Vec<Box<str>>),
}

/// The compiled `phrases.toml`.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    skip: Vec<Words>,
    approximately: Vec<Words>,
    nouns: Vec<(Words, Direction)>,
    adjectives: Vec<(Words, Direction)>,
    numbers: Vec<(Words, f64)>,
    units: Vec<(Words, f64)>,
    relations: Vec<RelationPattern>,
    /// Feature preferences, by feature number.
    features: Vec<Prefer>,
    before: Vec<(Words, usize)>,
    after: Vec<(Words, usize)>,
    /// Feature words alone ("l'aéroport", "the province"), without their connectors.
    bare: Vec<(Words, usize)>,
    focus: Vec<Words>,
    capital: Vec<Words>,
    /// First words of every phrase above and of every placeholder's phrases: a word not
    /// in it (and no number) starts nothing, which saves trying every pattern.
    first_words: BTreeSet<Box<str>>,
    /// First words of the words to drop.
    skip_first: BTreeSet<Box<str>>,
    /// Last words of the feature words after a name.
    after_last: BTreeSet<Box<str>>,
}

/// What a relation pattern captured.
#[derive(Debug, Clone, Copy, Default)]
struct Capture {
    direction: Option<Direction>,
    number: Option<f64>,
    unit: Option<f64>,
}

/// Whether `words` starts with `phrase`.
fn starts_with(words: &[&str], phrase: &[Box<str>]) -> bool {
    words.len() >= phrase.len() && words.iter().zip(phrase).all(|(w, p)| *w == &**p)
}

/// Whether `words` ends with `phrase`.
fn ends_with(words: &[&str], phrase: &[Box<str>]) -> bool {
    words.len() >= phrase.len()
        && words[words.len() - phrase.len()..].iter().zip(phrase).all(|(w, p)| *w == &**p)
}

impl Phrases {
    pub(crate) fn load() -> Result<Phrases, Error> {
        const FILE: &str = "phrases.toml";
        let file: PhrasesFile = curated::parse(FILE, PHRASES)?;
        let bad = |entry: &str, message: String| Error::CuratedEntry {
            file: FILE,
            entry: entry.to_string(),
            message,
        };
        let mut phrases = Phrases {
            skip: file.skip.iter().map(|w| words_of(w)).collect(),
            approximately: file.approximately.iter().map(|w| words_of(w)).collect(),
            ..Phrases::default()
        };
        for (name, entry) in &file.compass {
            let direction = Direction::from_name(name)
                .ok_or_else(|| bad(name, "unknown direction".to_string()))?;
            phrases.nouns.extend(entry.nouns.iter().map(|w| (words_of(w), direction)));
            phrases.adjectives.extend(entry.adjectives.iter().map(|w| (words_of(w), direction)));
        }
        phrases.numbers = file.numbers.iter().map(|(w, &n)| (words_of(w), n)).collect();
        phrases.units = file.units.iter().map(|(w, &n)| (words_of(w), n)).collect();
        for entry in &file.relation {
            let kind = match entry.kind.as_str() {
                "near" => RelationKind::Near,
                "outside" => RelationKind::Outside,
                "toward" => RelationKind::Toward,
                "within" => RelationKind::Within,
                other => return Err(bad(other, "unknown relation kind".to_string())),
            };
            let direction = match &entry.direction {
                Some(name) => Some(
                    Direction::from_name(name)
                        .ok_or_else(|| bad(name, "unknown direction".to_string()))?,
                ),
                None => None,
            };
            for pattern in &entry.patterns {
                let slots = compile(pattern);
                if slots.is_empty() {
                    return Err(bad(pattern, "empty pattern".to_string()));
                }
                phrases.relations.push(RelationPattern { slots, kind, direction });
            }
        }
        for entry in &file.feature {
            let prefer = match entry.prefer.as_str() {
                "admin" => Prefer::Admin,
                "district" => Prefer::District,
                "town" => Prefer::Town,
                "site" if !entry.sites.is_empty() => {
                    Prefer::Site(entry.sites.iter().map(|s| s.as_str().into()).collect())
                }
                other => {
                    return Err(bad(&entry.name, format!("cannot prefer `{other}` (sites?)")));
                }
            };
            let number = phrases.features.len();
            phrases.features.push(prefer);
            phrases.before.extend(entry.before.iter().map(|w| (words_of(w), number)));
            phrases.after.extend(entry.after.iter().map(|w| (words_of(w), number)));
        }
        // Words to drop must be indexed before the bare feature words are trimmed.
        phrases.index_words();
        let bare: Vec<(Words, usize)> = phrases
            .before
            .iter()
            .chain(&phrases.after)
            .map(|(words, feature)| {
                let words: Vec<&str> = words.iter().map(|w| &**w).collect();
                let trimmed = phrases.trim_skip(&words);
                (trimmed.iter().map(|w| (*w).into()).collect::<Words>(), *feature)
            })
            .filter(|(words, _)| !words.is_empty())
            .collect();
        phrases.bare = bare;
        phrases.focus = file.anaphors.focus.iter().map(|w| words_of(w)).collect();
        phrases.capital = file.anaphors.capital.iter().map(|w| words_of(w)).collect();
        phrases.index_words();
        // Longest first, so that "north east" is tried before "north".
        for list in [&mut phrases.nouns, &mut phrases.adjectives] {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        phrases.numbers.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        phrases.before.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        phrases.after.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        Ok(phrases)
    }

    fn index_words(&mut self) {
        let first = |list: &[Words]| -> Vec<Box<str>> {
            list.iter().filter_map(|w| w.first().cloned()).collect()
        };
        let mut words: BTreeSet<Box<str>> = BTreeSet::new();
        words.extend(first(&self.skip));
        words.extend(first(&self.approximately));
        words.extend(first(&self.focus));
        words.extend(first(&self.capital));
        for list in [&self.nouns, &self.adjectives] {
            words.extend(list.iter().filter_map(|(w, _)| w.first().cloned()));
        }
        words.extend(self.numbers.iter().filter_map(|(w, _)| w.first().cloned()));
        for list in [&self.before, &self.bare] {
            words.extend(list.iter().filter_map(|(w, _)| w.first().cloned()));
        }
        for pattern in &self.relations {
            if let Some(Slot::Word(word)) = pattern.slots.first() {
                words.insert(word.clone());
            }
        }
        self.first_words = words;
        self.skip_first = first(&self.skip).into_iter().collect();
        self.after_last = self.after.iter().filter_map(|(w, _)| w.last().cloned()).collect();
    }

    /// Whether `words` may start a phrase of this file (a cheap test before the patterns).
    fn may_start(&self, words: &[&str]) -> bool {
        words.first().is_some_and(|w| {
            self.first_words.contains(*w) || w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        })
    }

    /// The words to drop at the start of `words`, if any.
    fn skip(&self, words: &[&str]) -> Option<usize> {
        if !words.first().is_some_and(|w| self.skip_first.contains(*w)) {
            return None;
        }
        self.skip.iter().filter(|s| !s.is_empty() && starts_with(words, s)).map(Vec::len).max()
    }

    /// Every way a relation pattern reads the start of `words` and leaves some words,
    /// longest first.
    fn relations(&self, words: &[&str]) -> Vec<(usize, Relation)> {
        let mut out: Vec<(usize, Relation)> = Vec::new();
        if !self.may_start(words) {
            return out;
        }
        for pattern in &self.relations {
            let mut ends = Vec::new();
            self.match_slots(&pattern.slots, words, 0, Capture::default(), &mut ends);
            for (end, capture) in ends {
                if end >= words.len() || end == 0 {
                    continue;
                }
                let distance_km = capture.number.map(|n| n * capture.unit.unwrap_or(1.0));
                let relation = Relation {
                    kind: pattern.kind,
                    direction: capture.direction.or(pattern.direction),
                    distance_km,
                };
                if !out.iter().any(|(e, r)| *e == end && *r == relation) {
                    out.push((end, relation));
                }
            }
        }
        // Stable: among equal lengths, the pattern written first wins.
        out.sort_by_key(|(end, _)| std::cmp::Reverse(*end));
        out
    }

    /// Matches `slots` against `words` from `at`, pushing every end reached.
    fn match_slots(
        &self,
        slots: &[Slot],
        words: &[&str],
        at: usize,
        capture: Capture,
        ends: &mut Vec<(usize, Capture)>,
    ) {
        let Some((slot, rest)) = slots.split_first() else {
            ends.push((at, capture));
            return;
        };
        let here = words.get(at..).unwrap_or_default();
        match slot {
            Slot::Word(word) => {
                if here.first().is_some_and(|w| *w == &**word) {
                    self.match_slots(rest, words, at + 1, capture, ends);
                }
            }
            Slot::Dir | Slot::Adj => {
                let list = if *slot == Slot::Dir { &self.nouns } else { &self.adjectives };
                for (phrase, direction) in list {
                    if starts_with(here, phrase) {
                        let capture = Capture { direction: Some(*direction), ..capture };
                        self.match_slots(rest, words, at + phrase.len(), capture, ends);
                    }
                }
            }
            Slot::Unit => {
                for (phrase, factor) in &self.units {
                    if starts_with(here, phrase) {
                        let capture = Capture { unit: Some(*factor), ..capture };
                        self.match_slots(rest, words, at + phrase.len(), capture, ends);
                    }
                }
            }
            Slot::Number => {
                let mut starts = vec![at];
                for phrase in &self.approximately {
                    if starts_with(here, phrase) {
                        starts.push(at + phrase.len());
                    }
                }
                for start in starts {
                    for (end, number) in self.numbers_at(words, start) {
                        let capture = Capture { number: Some(number), ..capture };
                        self.match_slots(rest, words, end, capture, ends);
                    }
                }
            }
        }
    }

    /// Numbers starting at `at`: digits, or a number phrase.
    fn numbers_at(&self, words: &[&str], at: usize) -> Vec<(usize, f64)> {
        let here = words.get(at..).unwrap_or_default();
        let mut out = Vec::new();
        if let Some(word) = here.first()
            && !word.is_empty()
            && word.len() <= 6
            && word.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = word.parse::<f64>()
        {
            out.push((at + 1, n));
        }
        for (phrase, n) in &self.numbers {
            if starts_with(here, phrase) {
                out.push((at + phrase.len(), *n));
            }
        }
        out
    }

    /// Feature words at the start, longest first, each leaving some words: (length, feature).
    fn features_before(&self, words: &[&str]) -> Vec<(usize, usize)> {
        if !self.may_start(words) {
            return Vec::new();
        }
        self.before
            .iter()
            .filter(|(p, _)| !p.is_empty() && p.len() < words.len() && starts_with(words, p))
            .map(|(p, f)| (p.len(), *f))
            .collect()
    }

    /// Feature words at the end, longest first, each leaving some words.
    fn features_after(&self, words: &[&str]) -> Vec<(usize, usize)> {
        if !words.last().is_some_and(|w| self.after_last.contains(*w)) {
            return Vec::new();
        }
        self.after
            .iter()
            .filter(|(p, _)| !p.is_empty() && p.len() < words.len() && ends_with(words, p))
            .map(|(p, f)| (p.len(), *f))
            .collect()
    }

    /// Whether `words` start with a word or phrase of this file (a relation, a feature, a
    /// word to drop, an anaphor).
    fn is_cue(&self, words: &[&str]) -> bool {
        self.may_start(words)
            && (self.skip(words).is_some()
                || !self.relations(words).is_empty()
                || !self.features_before(words).is_empty()
                || self.focus.iter().chain(&self.capital).any(|p| starts_with(words, p)))
    }

    /// `words` without the words to drop at either end ("the airport of" is "airport").
    fn trim_skip<'w>(&self, mut words: &'w [&'w str]) -> &'w [&'w str] {
        while let Some(len) = self.skip(words) {
            words = &words[len..];
        }
        while let Some(last) = words.len().checked_sub(1) {
            if self.skip(&words[last..]).is_none() {
                break;
            }
            words = &words[..last];
        }
        words
    }

    /// The feature `words` name alone ("l'aéroport", "the province"), if they are one.
    fn bare_feature(&self, words: &[&str]) -> Option<usize> {
        let words = self.trim_skip(words);
        if !self.may_start(words) {
            return None;
        }
        self.bare.iter().find(|(p, _)| p.len() == words.len() && starts_with(words, p)).map(|b| b.1)
    }

    /// Whether `words` are only words to drop ("of the").
    fn only_skip(&self, mut words: &[&str]) -> bool {
        while let Some(len) = self.skip(words) {
            words = &words[len..];
        }
        words.is_empty()
    }

    fn is_anaphor(&self, words: &[&str]) -> bool {
        self.is_focus(words) || self.is_capital(words)
    }

    fn is_focus(&self, words: &[&str]) -> bool {
        self.may_start(words)
            && self.focus.iter().any(|p| p.len() == words.len() && starts_with(words, p))
    }

    fn is_capital(&self, words: &[&str]) -> bool {
        self.may_start(words)
            && self.capital.iter().any(|p| p.len() == words.len() && starts_with(words, p))
    }
}

/// Compiles a pattern: placeholders become slots, other words are folded.
fn compile(pattern: &str) -> Vec<Slot> {
    let mut slots = Vec::new();
    for raw in pattern.split_whitespace() {
        match raw {
            "{dir}" => slots.push(Slot::Dir),
            "{adj}" => slots.push(Slot::Adj),
            "{n}" => slots.push(Slot::Number),
            "{unit}" => slots.push(Slot::Unit),
            word => slots.extend(words_of(word).into_iter().map(Slot::Word)),
        }
    }
    slots
}

/// The folded words of a phrase, each with whether it was written with a capital; a
/// number glued to a unit ("20km") becomes two words.
fn tokenize(part: &str) -> (Vec<String>, Vec<bool>) {
    let mut words = Vec::new();
    let mut capitals = Vec::new();
    let separator = |c: char| {
        c.is_whitespace() || matches!(c, '\'' | '’' | '‘' | '`' | '-' | '‐' | '‑' | '–' | '—')
    };
    for piece in part.split(separator).filter(|p| !p.is_empty()) {
        let capital = piece.chars().next().is_some_and(char::is_uppercase);
        for word in fold_key(piece).split(' ').filter(|w| !w.is_empty()) {
            let digits = word.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && digits < word.len() && word.is_char_boundary(digits) {
                words.push(word[..digits].to_string());
                words.push(word[digits..].to_string());
                capitals.extend([false, false]);
            } else {
                words.push(word.to_string());
                capitals.push(capital);
            }
        }
    }
    words.truncate(MAX_WORDS);
    capitals.truncate(MAX_WORDS);
    (words, capitals)
}

// ---------------------------------------------------------------------------------------
// Reading

/// Candidates for the anchor, best first, and the relation the phrase gives.
#[derive(Debug)]
struct Reading {
    relation: Option<Relation>,
    candidates: Vec<Candidate>,
}

impl Reading {
    fn plain(candidates: Vec<Candidate>) -> Option<Reading> {
        (!candidates.is_empty()).then_some(Reading { relation: None, candidates })
    }
}

impl Gazetteer {
    /// Readings of a place phrase as found in text, best first (empty when nothing in it is
    /// a known place).
    ///
    /// Besides what [`Gazetteer::lookup`] reads (a name in any spelling), this reads:
    /// - relative descriptions: "au nord de Bagdad", "près de Kirkouk", "near Tongo Tongo",
    ///   "à l'extérieur d'Erbil", "85 km south of Tongo Tongo", "northern Iraq",
    ///   "dans l'ouest d'Alep", "west of the city" (with [`GeoContext::focus_on`]). The
    ///   reading keeps the anchor's point and says less about precision
    ///   ([`Relation::precision`]); [`PhraseReading::relation`] says how it relates;
    /// - feature words: "la province d'Anbar", "Niger State", "le district de Marjayoun",
    ///   "l'aéroport de Mossoul", "Goma airport", "the town of Balad". The feature favours
    ///   candidates of its kind; a site word finds the curated site of that kind near the
    ///   named town, or else the town;
    /// - qualifiers after a comma or in brackets: "Hawija, Kirkuk province",
    ///   "Taybeh (Marjayoun district)" rank the name's candidates in that region; when the
    ///   name itself is unknown, the qualifier places it ("Kuriga, Chikun LGA");
    /// - leading words that are not part of a place ("a drone strike near Erbil").
    ///
    /// Words come from `data/phrases.toml` (French, English and some Arabic).
    #[must_use]
    pub fn geocode_phrase(&self, phrase: &str, context: &GeoContext) -> Vec<PhraseReading> {
        if phrase.len() > MAX_PHRASE {
            return Vec::new();
        }
        let parts: Vec<&str> = phrase
            .split([',', '(', ')', ';', '[', ']'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .take(MAX_PARTS)
            .collect();
        let Some((main, qualifiers)) = parts.split_first() else { return Vec::new() };
        let mut context = context.clone();
        let mut fallback = None;
        let mut countries: Vec<String> = Vec::new();
        for qualifier in qualifiers {
            // A qualifier is read whole: "according to police" names no place, and no word
            // of it is dropped to find one ("police" is a town in Poland).
            let (owned, _) = tokenize(qualifier);
            let words: Vec<&str> = owned.iter().map(String::as_str).collect();
            let Some(reading) = self.read(&words, &context, true) else { continue };
            if let Some(best) = reading.candidates.first() {
                qualify(&mut context, best);
                countries.extend(best.place.country.clone());
            }
            fallback.get_or_insert(reading);
        }
        if let Some(mut reading) = self.read_part(main, &context) {
            // A name qualified by a place abroad is a homonym of the place meant.
            if !countries.is_empty() {
                reading.candidates.retain(|c| {
                    c.place.country.as_ref().is_some_and(|country| countries.contains(country))
                });
            }
            if !reading.candidates.is_empty() {
                return readings(reading);
            }
        }
        // An unknown name qualified by a known place: the place it is in or near.
        let Some(mut reading) = fallback else { return Vec::new() };
        let point = reading
            .candidates
            .first()
            .is_some_and(|c| matches!(c.kind, PlaceKind::City | PlaceKind::Site));
        if reading.relation.is_none() && point {
            reading.relation = Some(Relation::new(RelationKind::Near));
        }
        readings(reading)
    }

    /// Reads one part of a phrase, dropping leading words until the rest reads. A reading
    /// may start after dropped words only at a capitalised word that does not continue a
    /// capitalised name ("Tongo" in "Tongo Tongo"), or at a word of `phrases.toml`
    /// ("near", "à", "la province de").
    fn read_part(&self, part: &str, context: &GeoContext) -> Option<Reading> {
        let (owned, capitals) = tokenize(part);
        let words: Vec<&str> = owned.iter().map(String::as_str).collect();
        (0..words.len()).find_map(|start| {
            let rest = &words[start..];
            let capital = capitals.get(start).copied().unwrap_or(false);
            let inside_name = start > 0 && capital && capitals[start - 1];
            let may_start = start == 0 || (!inside_name && (capital || self.phrases.is_cue(rest)));
            if may_start { self.read(rest, context, true) } else { None }
        })
    }

    fn read(&self, words: &[&str], context: &GeoContext, relation: bool) -> Option<Reading> {
        if words.is_empty() {
            return None;
        }
        if let Some(reading) = self.anaphor(words, context) {
            return reading;
        }
        // A feature word alone ("the airport", "la province") is the focus's.
        if let Some(feature) = self.phrases.bare_feature(words) {
            let focus = context.focus().cloned()?;
            return self.apply_feature(feature, vec![focus]);
        }
        if let Some(reading) = Reading::plain(self.read_name(words, context)) {
            return Some(reading);
        }
        if relation {
            for (len, relation) in self.phrases.relations(words) {
                if self.phrases.only_skip(&words[len..]) {
                    continue;
                }
                if let Some(mut reading) = self.read(&words[len..], context, false) {
                    reading.relation.get_or_insert(relation);
                    return Some(reading);
                }
            }
        }
        if let Some(reading) = self.read_feature(words, context) {
            return Some(reading);
        }
        let skip = self.phrases.skip(words)?;
        self.read(&words[skip..], context, relation)
    }

    /// A name alone, after dropping leading words such as articles.
    fn read_name(&self, mut words: &[&str], context: &GeoContext) -> Vec<Candidate> {
        // Words to drop alone are no name ("Of", "Sur" are towns, but not here).
        while !self.phrases.only_skip(words) && !self.phrases.is_anaphor(words) {
            let found = self.lookup(&words.join(" "), context);
            if !found.is_empty() {
                return found;
            }
            let Some(skip) = self.phrases.skip(words) else { break };
            words = &words[skip..];
        }
        Vec::new()
    }

    fn read_feature(&self, words: &[&str], context: &GeoContext) -> Option<Reading> {
        for (len, feature) in self.phrases.features_before(words) {
            let found = self.read_name(&words[len..], context);
            if !found.is_empty() {
                return self.apply_feature(feature, found);
            }
        }
        for (len, feature) in self.phrases.features_after(words) {
            let found = self.read_name(&words[..words.len() - len], context);
            if !found.is_empty() {
                return self.apply_feature(feature, found);
            }
        }
        None
    }

    /// Favours the candidates of the kind a feature word asks for.
    fn apply_feature(&self, feature: usize, mut candidates: Vec<Candidate>) -> Option<Reading> {
        let prefer = self.phrases.features.get(feature)?;
        let mut relation = None;
        let fits: Box<dyn Fn(&Candidate) -> bool> = match prefer {
            Prefer::Admin if candidates.iter().any(|c| is_region(c.kind)) => {
                Box::new(|c: &Candidate| is_region(c.kind))
            }
            Prefer::District if candidates.iter().any(|c| c.kind == PlaceKind::District) => {
                Box::new(|c: &Candidate| c.kind == PlaceKind::District)
            }
            // The region or district of a town that is no region: the town's area.
            Prefer::Admin | Prefer::District
                if candidates.iter().any(|c| c.kind == PlaceKind::City) =>
            {
                relation = Some(Relation::new(RelationKind::Near));
                Box::new(|c: &Candidate| c.kind == PlaceKind::City)
            }
            Prefer::Admin | Prefer::District => Box::new(|_: &Candidate| false),
            Prefer::Town => Box::new(|c: &Candidate| c.kind == PlaceKind::City),
            Prefer::Site(kinds) => {
                if let Some(site) = self.site_near_town(&candidates, kinds) {
                    candidates.insert(0, site);
                }
                Box::new(move |c: &Candidate| {
                    c.kind == PlaceKind::Site
                        && self
                            .site_kind(&c.place.name)
                            .is_some_and(|k| kinds.iter().any(|w| **w == *k))
                })
            }
        };
        for candidate in &mut candidates {
            if fits(candidate) {
                candidate.score += FEATURE_FIT;
            }
        }
        sort(&mut candidates);
        if relation.is_some() && candidates.first().is_some_and(|c| c.kind != PlaceKind::City) {
            relation = None;
        }
        Some(Reading { relation, candidates })
    }

    /// The kind of a curated site, by its name.
    fn site_kind(&self, name: &str) -> Option<&str> {
        self.site_kinds
            .iter()
            .find(|(entry, _)| {
                self.entries.get(*entry as usize).is_some_and(|e| self.name(e) == name)
            })
            .map(|(_, kind)| &**kind)
    }

    /// The nearest curated site of one of `kinds` within reach of the best town among
    /// `candidates` (and in its country), as a candidate scored like the town.
    fn site_near_town(&self, candidates: &[Candidate], kinds: &[Box<str>]) -> Option<Candidate> {
        let town = candidates.iter().find(|c| c.kind == PlaceKind::City)?;
        if candidates.iter().any(|c| c.kind == PlaceKind::Site && c.score >= town.score) {
            return None;
        }
        let (lat, lon) = (town.place.lat?, town.place.lon?);
        let country = town.place.country.as_deref()?.as_bytes();
        let (entry, _) = self
            .site_kinds
            .iter()
            .filter(|(_, kind)| kinds.contains(kind))
            .filter_map(|(number, _)| self.entries.get(*number as usize))
            .filter(|e| e.country == country)
            .map(|e| (e, distance_km(lat, lon, e.lat, e.lon)))
            .filter(|(_, km)| *km <= SITE_NEAR_TOWN_KM)
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        Some(self.candidate(entry, town.score, &town.matched))
    }

    /// `Some` when `words` are an anaphor ("the city"): the place it points at, if the
    /// context knows one.
    fn anaphor(&self, words: &[&str], context: &GeoContext) -> Option<Option<Reading>> {
        if self.phrases.is_focus(words) {
            return Some(Reading::plain(context.focus().cloned().into_iter().collect()));
        }
        if self.phrases.is_capital(words) {
            let capital = context.main_country().and_then(|country| self.capital(country));
            return Some(Reading::plain(capital.into_iter().collect()));
        }
        None
    }

    /// The capital of a country: its biggest town at the country's point.
    fn capital(&self, iso2: &str) -> Option<Candidate> {
        let country = self.country(iso2)?;
        let (lat, lon) = (country.place.lat?, country.place.lon?);
        let code: [u8; 2] = iso2.trim().to_ascii_uppercase().as_bytes().try_into().ok()?;
        let entry = self
            .entries
            .iter()
            .filter(|e| e.kind == PlaceKind::City && e.country == code)
            .filter(|e| distance_km(lat, lon, e.lat, e.lon) <= CAPITAL_KM)
            .max_by_key(|e| e.population)?;
        let name = self.name(entry).to_string();
        Some(self.candidate(entry, country.score, &fold_key(&name)))
    }
}

fn is_region(kind: PlaceKind) -> bool {
    matches!(kind, PlaceKind::Admin1 | PlaceKind::District)
}

/// Best first; ties by population, then name, so the order never depends on input order.
fn sort(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.population.cmp(&a.population))
            .then(a.place.name.cmp(&b.place.name))
    });
}

/// Narrows the context to what a qualifier names: its country, its region, its point.
fn qualify(context: &mut GeoContext, place: &Candidate) {
    let Some(country) = place.place.country.as_deref() else { return };
    context.prefer_country(country, 1.0);
    match place.kind {
        PlaceKind::Admin1 | PlaceKind::District => {
            if let Some(admin1) = &place.place.admin1 {
                context.prefer_admin1(country, admin1);
            }
        }
        PlaceKind::City | PlaceKind::Site => {
            if let (Some(lat), Some(lon)) = (place.place.lat, place.place.lon) {
                context.near(lat, lon);
            }
        }
        PlaceKind::Country => {}
    }
}

/// The readings of a phrase: each candidate with the relation applied.
fn readings(reading: Reading) -> Vec<PhraseReading> {
    let Reading { relation, candidates } = reading;
    candidates
        .into_iter()
        .map(|anchor| {
            let mut place = anchor.place.clone();
            if let Some(relation) = &relation {
                place.name = relation.describe(&anchor.place.name);
                place.precision = relation.precision(place.precision, place.admin1.is_some());
            }
            PhraseReading { place, score: anchor.score, relation, anchor }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_file_compiles() {
        let phrases = Phrases::load().expect("phrases.toml is valid");
        assert!(phrases.relations.len() > 100);
        assert!(phrases.features.len() >= 8 && !phrases.before.is_empty());
    }

    #[test]
    fn patterns_capture_direction_and_distance() {
        let phrases = Phrases::load().expect("phrases.toml is valid");
        let read = |text: &str| {
            let (owned, _) = tokenize(text);
            let words: Vec<&str> = owned.iter().map(String::as_str).collect();
            phrases.relations(&words).first().map(|(len, r)| (words[*len..].join(" "), *r))
        };
        let (rest, relation) = read("à 20 km au nord-est de Bagdad").expect("a relation");
        assert_eq!(rest, "bagdad");
        assert_eq!(relation.kind, RelationKind::Toward);
        assert_eq!(relation.direction, Some(Direction::NorthEast));
        assert_eq!(relation.distance_km, Some(20.0));
        let (rest, relation) = read("85km south of Tongo Tongo").expect("a relation");
        assert_eq!((rest.as_str(), relation.direction), ("tongo tongo", Some(Direction::South)));
        assert_eq!(relation.distance_km, Some(85.0));
        let (_, relation) = read("à une vingtaine de kilomètres de Gao").expect("a relation");
        assert_eq!(relation.distance_km, Some(20.0));
        let (rest, relation) = read("in northern Iraq").expect("a relation");
        assert_eq!((rest.as_str(), relation.kind), ("iraq", RelationKind::Within));
        let (_, relation) = read("about 12 miles west of Kabul").expect("a relation");
        assert!((relation.distance_km.unwrap_or_default() - 19.3).abs() < 0.1);
        assert!(read("Bagdad").is_none());
        assert!(read("near").is_none(), "a relation needs an anchor");
    }

    #[test]
    fn tokens_split_glued_units_and_keep_capitals() {
        let (words, capitals) = tokenize("20km north of d'Erbil");
        assert_eq!(words, ["20", "km", "north", "of", "d", "erbil"]);
        assert_eq!(capitals, [false, false, false, false, false, true]);
        assert_eq!(tokenize("K1 base").0, ["k1", "base"]);
        assert_eq!(tokenize("Aïn al-Assad").1, [true, false, true]);
    }
}
