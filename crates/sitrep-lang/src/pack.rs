use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::{EventType, Weapon};
use sitrep_text::{Lexicon, fold_key};

use crate::schema::{
    ActorEntry, ActorsFile, CasualtiesFile, CuesFile, DatesFile, Example, ExamplesFile, Modifier,
    MonthPart, NumbersFile, NumericDateOrder, PackFile, PlacesFile, TriggersFile, Unit,
};
use crate::{Error, ErrorKind};

/// A cue: a phrase that changes how an incident is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs, reason = "each variant is the `cues.toml` list of the same name")]
pub enum CueKind {
    Claimed,
    ClaimedBy,
    NotClaimed,
    Attribution,
    Suspicion,
    Source,
    According,
    Agent,
    Target,
    Onto,
    RetaliationFor,
    ResponseTo,
    Aggregate,
    NonEvent,
    Irrealis,
    Superlative,
    Pluperfect,
    Habitual,
    NewEvent,
    Concurrent,
    Act,
    Passive,
    SelfReference,
    Negation,
    Pronoun,
    Accused,
    Characterization,
    Defense,
    Sponsor,
    Complementizer,
    Publication,
    ArmedWith,
}

/// A phrase that introduces or qualifies a place name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceCue {
    /// Before a name, makes it a site of this kind.
    SiteBefore(String),
    /// After a name, makes it a site of this kind.
    SiteAfter(String),
    /// Before a name, makes it a region.
    AdminBefore,
    /// After a name, makes it a region.
    AdminAfter,
    /// The event is near the place, not in it.
    Near,
    /// The event is in a direction or at a distance from the place: in its region.
    Toward,
    /// The place is where the attack came from, not where it struck.
    Origin,
    /// The place of the event told before ("cette même base").
    Same,
    /// A definite noun for the place told before, unless a place follows ("the airport").
    SameDefinite,
    /// A road word: a hyphenated pair of towns next to it names a road.
    Road,
    /// A preposition of location.
    Locative,
    /// An article that may start a capitalised phrase.
    Article,
    /// A country adjective or demonym, with the country's ISO code.
    Demonym(String),
}

/// The class of a phrase of a pack's vocabulary.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs, reason = "variants mirror the pack files' keys, documented there")]
pub enum Word {
    Cardinal(u32),
    Multiplier(u32),
    Joiner,
    Ordinal(u32),
    Vague(u32, u32),
    Zero,
    Modifier(Modifier),
    Month(u8),
    Weekday(u8),
    RelativeDay(i32),
    RelativeWeek(i32),
    RelativeMonth(i32),
    RelativeYear(i32),
    Last,
    MonthPart(MonthPart),
    AgoBefore,
    AgoAfter,
    Unit(Unit),
    After,
    Before,
    Later,
    Earlier,
    Since,
    Weekend,
    ShiftedDays(i32),
    JointDays(i32),
    Night,
    NotDate,
    /// A vague span an event went on over: "pendant des semaines", "for months".
    Stretch(Unit),
    /// An index into [`Pack::triggers`].
    Trigger(usize),
    Killed,
    Wounded,
    BothCasualties,
    NoCasualties,
    NoDeaths,
    People,
    /// Soldiers, police, their bases and posts.
    Forces,
    TollUpdate,
    Cue(CueKind),
    Place(PlaceCue),
    Caption,
}

/// A phrase of a pack's lexicon: a word of its vocabulary or an actor's alias.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A word or phrase of the vocabulary.
    Word(Word),
    /// An actor's name or alias.
    Actor(ActorInfo),
}

impl Entry {
    /// The group [`Lexicon::find_grouped`] resolves the entry in: words 0, actors 1.
    #[must_use]
    pub fn group(&self) -> usize {
        match self {
            Entry::Word(_) => 0,
            Entry::Actor(_) => 1,
        }
    }
}

/// A compiled trigger family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    /// The type it implies, if any.
    pub event_type: Option<EventType>,
    /// The weapon it implies, if any.
    pub weapon: Option<Weapon>,
    /// Higher wins when several triggers meet.
    pub rank: u8,
    /// It refers back to an event already told.
    pub anaphoric: bool,
    /// It points at the event just told ("ces tirs"), not at the news.
    pub demonstrative: bool,
    /// It names a device, not an act.
    pub needs_act: bool,
    /// It is itself a verb of attack.
    pub act: bool,
    /// It means at least this many people were killed.
    pub killed_at_least: Option<u32>,
    /// It also counts the people it killed, as a verb of killing does.
    pub kills: bool,
    /// It names a series of events and never starts an incident alone.
    pub series: bool,
    /// The first phrase of the family, for evidence.
    pub label: String,
}

/// An actor found by the actor lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorInfo {
    /// Canonical English name.
    pub name: String,
    /// `state`, `forces`, `group`, `generic`, `anonymous`, `person`, `source` or `national`.
    pub kind: String,
    /// The actor's country, when any.
    pub country: Option<String>,
    /// The alias must appear in capitals in the original text.
    pub capitals_only: Option<String>,
    /// For a source: the actor whose own channel it is.
    pub speaks_for: Option<String>,
}

impl ActorInfo {
    /// The actor of a dictionary entry, matched by an alias that must keep its capitals
    /// when `capitals_only` holds it.
    fn of(entry: &ActorEntry, capitals_only: Option<String>) -> ActorInfo {
        ActorInfo {
            name: entry.name.clone(),
            kind: entry.kind.clone(),
            country: entry.country.clone(),
            capitals_only,
            speaks_for: entry.speaks_for.clone(),
        }
    }
}

/// A compiled language pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// ISO 639-1 code.
    pub code: String,
    /// English name of the language.
    pub name: String,
    /// Folded stopwords, for language identification.
    pub stopwords: BTreeSet<String>,
    /// Sentence-splitting abbreviations (folded).
    pub abbreviations: Vec<String>,
    /// How all-digit dates read.
    pub numeric_date_order: NumericDateOrder,
    /// Ordinal suffixes after digits ("e", "th").
    pub ordinal_suffixes: Vec<String>,
    /// The trigger families, indexed by [`Word::Trigger`].
    pub triggers: Vec<Trigger>,
    /// Every phrase of the pack and every actor alias (from the shared dictionary and
    /// the pack), searched in one pass; words and actors resolve their overlaps apart.
    pub lexicon: Lexicon<Entry>,
    /// The national actor of each country (ISO code to the actor): the state or its
    /// armed forces, for "Israeli strike", "Pakistani air strikes", and for "the army" in
    /// an article about the country.
    pub national: BTreeMap<String, ActorInfo>,
    /// Folded prepositions that may join a word for the dead to its count ("de", "of").
    pub count_links: BTreeSet<String>,
    /// Folded singular auxiliaries that make a verb of dying count one ("was", "a été").
    pub singular: BTreeSet<String>,
    /// Examples, checked by the extractor's tests.
    pub examples: Vec<Example>,
}

/// The text of every file of one pack, as read from disk or embedded.
pub(crate) struct PackSources<'a> {
    pub(crate) pack: &'a str,
    pub(crate) numbers: &'a str,
    pub(crate) dates: &'a str,
    pub(crate) triggers: &'a str,
    pub(crate) casualties: &'a str,
    pub(crate) cues: &'a str,
    pub(crate) places: &'a str,
    pub(crate) actors: &'a str,
    pub(crate) examples: &'a str,
}

fn parse<T: serde::de::DeserializeOwned>(pack: &str, file: &str, text: &str) -> Result<T, Error> {
    toml::from_str(text).map_err(|e| Error::new(pack, file, ErrorKind::Parse(e)))
}

/// Collects vocabulary phrases, refusing a phrase given two different meanings.
struct VocabularyBuilder<'p> {
    pack: &'p str,
    entries: Vec<(String, Word)>,
    seen: BTreeMap<String, (String, Word)>,
}

impl VocabularyBuilder<'_> {
    fn add(&mut self, file: &str, phrase: &str, word: Word) -> Result<(), Error> {
        let key =
            fold_key(phrase.trim_end_matches('*')) + if phrase.ends_with('*') { "*" } else { "" };
        if key.trim_end_matches('*').is_empty() {
            return Err(Error::invalid(self.pack, file, format!("empty phrase `{phrase}`")));
        }
        if let Some((other_file, other)) = self.seen.get(&key) {
            if *other != word {
                return Err(Error::invalid(
                    self.pack,
                    file,
                    format!(
                        "phrase `{phrase}` means `{word:?}` here but `{other:?}` in `{other_file}`"
                    ),
                ));
            }
            return Ok(());
        }
        self.seen.insert(key, (file.to_string(), word.clone()));
        self.entries.push((phrase.to_string(), word));
        Ok(())
    }

    fn add_all<'s>(
        &mut self,
        file: &str,
        phrases: impl IntoIterator<Item = &'s String>,
        word: &Word,
    ) -> Result<(), Error> {
        for phrase in phrases {
            self.add(file, phrase, word.clone())?;
        }
        Ok(())
    }
}

impl Pack {
    pub(crate) fn compile(sources: &PackSources<'_>, shared_actors: &str) -> Result<Pack, Error> {
        let head: PackFile = parse("?", "pack.toml", sources.pack)?;
        let code = head.code.clone();
        let p = code.as_str();
        let numbers: NumbersFile = parse(p, "numbers.toml", sources.numbers)?;
        let dates: DatesFile = parse(p, "dates.toml", sources.dates)?;
        let triggers: TriggersFile = parse(p, "triggers.toml", sources.triggers)?;
        let casualties: CasualtiesFile = parse(p, "casualties.toml", sources.casualties)?;
        let cues: CuesFile = parse(p, "cues.toml", sources.cues)?;
        let places: PlacesFile = parse(p, "places.toml", sources.places)?;
        let own_actors: ActorsFile = parse(p, "actors.toml", sources.actors)?;
        let shared: ActorsFile = parse("shared", "actors.toml", shared_actors)?;
        let examples: ExamplesFile = parse(p, "examples.toml", sources.examples)?;

        if head.stopwords.len() < 10 {
            return Err(Error::invalid(p, "pack.toml", "a pack needs at least 10 stopwords"));
        }

        let mut v = VocabularyBuilder { pack: p, entries: Vec::new(), seen: BTreeMap::new() };
        add_numbers(&mut v, &numbers)?;
        add_dates(&mut v, &dates)?;
        let compiled_triggers = add_triggers(&mut v, &triggers)?;
        add_casualties(&mut v, &casualties)?;
        add_cues(&mut v, &cues)?;
        add_places(&mut v, &places)?;
        v.add_all("pack.toml", &head.caption_markers, &Word::Caption)?;

        let all_actors = || shared.actor.iter().chain(&own_actors.actor);
        if let Some(channel) = all_actors()
            .find(|a| a.speaks_for.as_ref().is_some_and(|f| !all_actors().any(|b| &b.name == f)))
        {
            return Err(Error::invalid(
                p,
                "actors.toml",
                format!("`{}` speaks for an actor the dictionary does not name", channel.name),
            ));
        }
        let actors = actor_phrases(all_actors());
        let mut national = BTreeMap::new();
        for actor in all_actors().filter(|a| a.national) {
            let Some(country) = &actor.country else {
                let message = format!("national actor `{}` needs a country", actor.name);
                return Err(Error::invalid(p, "actors.toml", message));
            };
            if let Some(other) = national.insert(country.clone(), ActorInfo::of(actor, None)) {
                let message = format!(
                    "`{}` and `{}` are both national actors of {country}",
                    actor.name, other.name
                );
                return Err(Error::invalid(p, "actors.toml", message));
            }
        }
        Ok(Pack {
            code: head.code,
            name: head.name,
            stopwords: head.stopwords.iter().map(|w| fold_key(w)).collect(),
            abbreviations: head.abbreviations.iter().map(|w| fold_key(w)).collect(),
            numeric_date_order: head.numeric_date_order,
            ordinal_suffixes: numbers.ordinal_suffixes.iter().map(|w| fold_key(w)).collect(),
            triggers: compiled_triggers,
            lexicon: Lexicon::new(
                v.entries
                    .into_iter()
                    .map(|(phrase, word)| (phrase, Entry::Word(word)))
                    .chain(actors.into_iter().map(|(phrase, actor)| (phrase, Entry::Actor(actor)))),
            ),
            national,
            count_links: casualties.count_links.iter().map(|w| fold_key(w)).collect(),
            singular: casualties.singular.iter().map(|w| fold_key(w)).collect(),
            examples: examples.example,
        })
    }
}

fn add_numbers(v: &mut VocabularyBuilder<'_>, n: &NumbersFile) -> Result<(), Error> {
    const F: &str = "numbers.toml";
    for (phrase, &value) in &n.cardinals {
        v.add(F, phrase, Word::Cardinal(value))?;
    }
    for (phrase, &value) in &n.multipliers {
        v.add(F, phrase, Word::Multiplier(value))?;
    }
    v.add_all(F, &n.joiners, &Word::Joiner)?;
    for (phrase, &value) in &n.ordinals {
        v.add(F, phrase, Word::Ordinal(value))?;
    }
    for (phrase, &[min, max]) in &n.vague {
        if min > max {
            return Err(Error::invalid(v.pack, F, format!("`{phrase}`: min above max")));
        }
        v.add(F, phrase, Word::Vague(min, max))?;
    }
    v.add_all(F, &n.zero, &Word::Zero)?;
    for (phrase, &m) in &n.modifiers {
        v.add(F, phrase, Word::Modifier(m))?;
    }
    Ok(())
}

fn add_dates(v: &mut VocabularyBuilder<'_>, d: &DatesFile) -> Result<(), Error> {
    const F: &str = "dates.toml";
    for (phrase, &m) in &d.months {
        if !(1..=12).contains(&m) {
            return Err(Error::invalid(v.pack, F, format!("month `{phrase}` = {m} is not 1..12")));
        }
        v.add(F, phrase, Word::Month(m))?;
    }
    for (phrase, &w) in &d.weekdays {
        if !(1..=7).contains(&w) {
            return Err(Error::invalid(v.pack, F, format!("weekday `{phrase}` = {w} is not 1..7")));
        }
        v.add(F, phrase, Word::Weekday(w))?;
    }
    for (phrase, &o) in &d.relative_days {
        v.add(F, phrase, Word::RelativeDay(o))?;
    }
    for (phrase, &o) in &d.relative_weeks {
        v.add(F, phrase, Word::RelativeWeek(o))?;
    }
    for (phrase, &o) in &d.relative_months {
        v.add(F, phrase, Word::RelativeMonth(o))?;
    }
    for (phrase, &o) in &d.relative_years {
        v.add(F, phrase, Word::RelativeYear(o))?;
    }
    v.add_all(F, &d.last, &Word::Last)?;
    for (phrase, &part) in &d.month_parts {
        v.add(F, phrase, Word::MonthPart(part))?;
    }
    v.add_all(F, &d.ago_before, &Word::AgoBefore)?;
    v.add_all(F, &d.ago_after, &Word::AgoAfter)?;
    for (phrase, &unit) in &d.units {
        v.add(F, phrase, Word::Unit(unit))?;
    }
    v.add_all(F, &d.after, &Word::After)?;
    v.add_all(F, &d.before, &Word::Before)?;
    v.add_all(F, &d.later, &Word::Later)?;
    v.add_all(F, &d.earlier, &Word::Earlier)?;
    v.add_all(F, &d.since, &Word::Since)?;
    v.add_all(F, &d.weekend, &Word::Weekend)?;
    for (phrase, &n) in &d.shifted_days {
        v.add(F, phrase, Word::ShiftedDays(n))?;
    }
    for (phrase, &n) in &d.joint_days {
        v.add(F, phrase, Word::JointDays(n))?;
    }
    v.add_all(F, &d.night, &Word::Night)?;
    v.add_all(F, &d.not_dates, &Word::NotDate)?;
    for (phrase, &unit) in &d.stretches {
        v.add(F, phrase, Word::Stretch(unit))?;
    }
    Ok(())
}

fn add_triggers(v: &mut VocabularyBuilder<'_>, t: &TriggersFile) -> Result<Vec<Trigger>, Error> {
    let mut out = Vec::new();
    for (index, entry) in t.trigger.iter().enumerate() {
        let Some(label) = entry.phrases.first() else {
            return Err(Error::invalid(
                v.pack,
                "triggers.toml",
                format!("trigger {index} has no phrase"),
            ));
        };
        for phrase in &entry.phrases {
            v.add("triggers.toml", phrase, Word::Trigger(index))?;
        }
        out.push(Trigger {
            event_type: entry.event_type,
            weapon: entry.weapon,
            rank: entry.rank,
            anaphoric: entry.anaphoric,
            demonstrative: entry.demonstrative,
            needs_act: entry.needs_act,
            act: entry.act,
            killed_at_least: entry.killed_at_least,
            kills: entry.kills,
            series: entry.series,
            label: label.trim_end_matches('*').to_string(),
        });
    }
    Ok(out)
}

fn add_casualties(v: &mut VocabularyBuilder<'_>, c: &CasualtiesFile) -> Result<(), Error> {
    const F: &str = "casualties.toml";
    v.add_all(F, &c.killed, &Word::Killed)?;
    v.add_all(F, &c.wounded, &Word::Wounded)?;
    v.add_all(F, &c.both, &Word::BothCasualties)?;
    v.add_all(F, &c.none, &Word::NoCasualties)?;
    v.add_all(F, &c.no_deaths, &Word::NoDeaths)?;
    v.add_all(F, &c.people, &Word::People)?;
    v.add_all(F, &c.forces, &Word::Forces)?;
    v.add_all(F, &c.update, &Word::TollUpdate)
}

fn add_cues(v: &mut VocabularyBuilder<'_>, c: &CuesFile) -> Result<(), Error> {
    const F: &str = "cues.toml";
    let lists = [
        (&c.claimed, CueKind::Claimed),
        (&c.claimed_by, CueKind::ClaimedBy),
        (&c.not_claimed, CueKind::NotClaimed),
        (&c.attribution, CueKind::Attribution),
        (&c.suspicion, CueKind::Suspicion),
        (&c.source, CueKind::Source),
        (&c.according, CueKind::According),
        (&c.agent, CueKind::Agent),
        (&c.target, CueKind::Target),
        (&c.onto, CueKind::Onto),
        (&c.retaliation_for, CueKind::RetaliationFor),
        (&c.response_to, CueKind::ResponseTo),
        (&c.aggregate, CueKind::Aggregate),
        (&c.non_event, CueKind::NonEvent),
        (&c.irrealis, CueKind::Irrealis),
        (&c.superlative, CueKind::Superlative),
        (&c.pluperfect, CueKind::Pluperfect),
        (&c.habitual, CueKind::Habitual),
        (&c.new_event, CueKind::NewEvent),
        (&c.concurrent, CueKind::Concurrent),
        (&c.act, CueKind::Act),
        (&c.passive, CueKind::Passive),
        (&c.self_reference, CueKind::SelfReference),
        (&c.negation, CueKind::Negation),
        (&c.pronoun, CueKind::Pronoun),
        (&c.accused, CueKind::Accused),
        (&c.characterization, CueKind::Characterization),
        (&c.defense, CueKind::Defense),
        (&c.sponsor, CueKind::Sponsor),
        (&c.complementizer, CueKind::Complementizer),
        (&c.publication, CueKind::Publication),
        (&c.armed_with, CueKind::ArmedWith),
    ];
    for (phrases, kind) in lists {
        v.add_all(F, phrases, &Word::Cue(kind))?;
    }
    Ok(())
}

fn add_places(v: &mut VocabularyBuilder<'_>, p: &PlacesFile) -> Result<(), Error> {
    const F: &str = "places.toml";
    for (phrase, kind) in &p.site_before {
        v.add(F, phrase, Word::Place(PlaceCue::SiteBefore(kind.clone())))?;
    }
    for (phrase, kind) in &p.site_after {
        v.add(F, phrase, Word::Place(PlaceCue::SiteAfter(kind.clone())))?;
    }
    v.add_all(F, &p.admin_before, &Word::Place(PlaceCue::AdminBefore))?;
    v.add_all(F, &p.admin_after, &Word::Place(PlaceCue::AdminAfter))?;
    v.add_all(F, &p.near, &Word::Place(PlaceCue::Near))?;
    v.add_all(F, &p.toward, &Word::Place(PlaceCue::Toward))?;
    v.add_all(F, &p.origin, &Word::Place(PlaceCue::Origin))?;
    v.add_all(F, &p.same, &Word::Place(PlaceCue::Same))?;
    v.add_all(F, &p.same_definite, &Word::Place(PlaceCue::SameDefinite))?;
    v.add_all(F, &p.road, &Word::Place(PlaceCue::Road))?;
    v.add_all(F, &p.locative, &Word::Place(PlaceCue::Locative))?;
    v.add_all(F, &p.articles, &Word::Place(PlaceCue::Article))?;
    for (phrase, country) in &p.demonyms {
        v.add(F, phrase, Word::Place(PlaceCue::Demonym(country.clone())))?;
    }
    Ok(())
}

fn actor_phrases<'a>(entries: impl Iterator<Item = &'a ActorEntry>) -> Vec<(String, ActorInfo)> {
    let mut phrases = Vec::new();
    for entry in entries {
        for alias in entry.aliases.iter().chain(std::iter::once(&entry.name)) {
            let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
            let capitals = letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase());
            phrases.push((alias.clone(), ActorInfo::of(entry, capitals.then(|| alias.clone()))));
        }
    }
    phrases
}
