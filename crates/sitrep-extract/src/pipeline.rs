//! Clause by clause, decide which events the article tells and fill their slots.

use jiff::ToSpan;
use sitrep_geo::Gazetteer;
use sitrep_lang::schema::Unit;
use sitrep_lang::{CueKind, Pack, Word};
use sitrep_model::{
    ActorStatus, ContentHash, DateRange, Diagnostic, DiagnosticCode, EventType, Incident, LinkKind,
    PublishedDate, Weapon,
};
use sitrep_text::Normalized;

use crate::actors::{
    Perpetrator, Speaker, find_perpetrators, find_speakers, pronoun_agent, pronoun_claim,
};
use crate::casualties::{Figure, Toll, find_figures};
use crate::coreference::{PlaceRelation, Reading, affinity, relate_places};
use crate::dates::{TimeExpr, TimeMention, find_times, offset, resolve};
use crate::document::{Document, ItemKind, Sentence};
use crate::numbers::find_numbers;
use crate::places::{
    ArticleGeo, PlaceMention, UnknownPlace, article_context, drop_far_parts_of_town, find_places,
    unknown_places,
};

/// How many items before a claim a negation denies it: "n'ont pas encore formulé de
/// revendication".
const CLAIM_NEGATION_REACH: usize = 5;

/// The rank of an attack on forces read as a clash: above the ambiguous words ("strike",
/// rank 30), below the named kinds of clash ("gunfight").
const CLASH_RANK: u8 = 31;

/// How many items before a pluperfect a verb of saying makes it reported speech.
const REPORTED_REACH: usize = 8;

/// The rank of an attack told only by a passive verb ("a été attaquée"), as low as the
/// generic verbs of attack.
const PASSIVE_RANK: u8 = 6;

/// Where a value was read: folded byte range, sentence index and rule.
#[derive(Debug, Clone)]
pub(crate) struct Ev {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) sentence: usize,
    pub(crate) rule: String,
}

/// An incident being built.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub(crate) event_type: EventType,
    pub(crate) type_rank: u8,
    pub(crate) type_ev: Ev,
    pub(crate) weapon: Option<(Weapon, u8, Ev)>,
    pub(crate) time: Option<(TimeExpr, Option<DateRange>, Ev)>,
    pub(crate) relative: Option<(i32, Unit, usize, Ev)>,
    /// "pendant des semaines de tirs": an undated event spread over that unit.
    pub(crate) stretch: Option<(Unit, Ev)>,
    pub(crate) place: Option<(PlaceMention, f32, Ev)>,
    /// A place name the gazetteer does not know, to tell two villages apart.
    pub(crate) unknown_place: Option<String>,
    pub(crate) perpetrator: Option<(Perpetrator, Ev)>,
    pub(crate) quantity: Option<(u32, Option<u32>, Ev)>,
    pub(crate) figures: Vec<(Figure, Ev)>,
    pub(crate) claimed: Option<(bool, Ev)>,
    /// Why the draft is background, if it is known to be.
    pub(crate) past: Option<Ev>,
    pub(crate) related: Vec<(LinkKind, usize, Ev)>,
    /// Whose voice spoke of this event (an actor, or the group whose channel spoke), with
    /// where: an actor that speaks of its own act acknowledges it.
    pub(crate) speakers: Vec<(String, Ev)>,
}

/// Clauses of a sentence: item ranges, each with what ties it to the clause before.
type Clauses = Vec<(std::ops::Range<usize>, Option<Joint>)>;

/// What ties a clause to the next one.
#[derive(Debug, Clone, Copy)]
enum Joint {
    /// "en représailles à": the left event retaliates for (or responds to) the right one.
    Link(LinkKind, usize),
    /// "six jours après": the left event is `n` units after the right one.
    Shift(i32, Unit, usize),
    /// "après", "after" between two events: two events, no stated relation.
    Split,
}

/// The event a clause tells, read from its triggers.
#[derive(Debug, Clone)]
struct ClauseEvent {
    event_type: Option<EventType>,
    rank: u8,
    weapon: Option<(Weapon, u8)>,
    trigger: usize,
    anaphoric: bool,
    needs_act: bool,
    /// The strongest trigger names a series ("des attaques"), not one event.
    series: bool,
    /// A demonstrative anaphor ("ces tirs") is in the clause.
    demonstrative: bool,
    /// The strongest trigger refers back, typed or not ("the abduction", "l'attaque").
    refers_back: bool,
}

impl ClauseEvent {
    /// An event no trigger names, told at item `at` by another word (a verb of dying, a
    /// passive verb of attack): typed as generic words are.
    fn generic(at: usize, rank: u8) -> ClauseEvent {
        ClauseEvent {
            event_type: None,
            rank,
            weapon: None,
            trigger: at,
            anaphoric: false,
            needs_act: false,
            series: false,
            demonstrative: false,
            refers_back: false,
        }
    }
}

/// Which perpetrator statuses a clause may set.
#[derive(Debug, Clone, Copy)]
enum StatusesAllowed {
    All,
    /// A clause that tells no act: claims, blame and suspicion, not the narrator's word.
    NotStated,
    /// A habitual clause ("routinely carries out"): only blame and suspicion.
    Hedged,
}

/// Everything one clause says, read once before deciding which incident it tells.
struct Mention {
    sentence: usize,
    /// Items of the sentence.
    range: std::ops::Range<usize>,
    event: Option<ClauseEvent>,
    time: Option<TimeMention>,
    resolved: Option<DateRange>,
    /// A vague span the event went on over ("for weeks"), with its item.
    stretch: Option<(Unit, usize)>,
    places: Vec<PlaceMention>,
    /// The place of the event: the most specific near the trigger, an index into `places`.
    place: Option<usize>,
    figures: Vec<Figure>,
    perpetrators: Vec<Perpetrator>,
    /// Actors who speak in the clause.
    speakers: Vec<Speaker>,
    /// The item of "cette même base", "the same area", if any.
    same_place: Option<usize>,
    /// A name given as the event's place that the gazetteer does not know.
    unknown_place: Option<UnknownPlace>,
    /// A verb of attack or a passive ("a été la cible").
    act: bool,
    /// Threats, talks, withdrawals without an act or casualty.
    non_event: bool,
    habitual: bool,
    /// An act only intended, feared or supposed ("s'apprêtait à tirer", "could strike").
    irrealis: bool,
    aggregate: bool,
    /// "another", "un autre": words that announce a new event.
    new_event: bool,
    /// The item of a pluperfect ("avait", "had"), if any.
    pluperfect: Option<usize>,
    /// The item of a "no claim" cue, if any.
    not_claimed: Option<usize>,
    /// The item of a claim cue that no negation governs, if any.
    claim: Option<usize>,
}

impl Mention {
    /// Whether the clause says something of its own that could set its event apart:
    /// a time, a place, a toll.
    fn anchored(&self) -> bool {
        self.time.is_some()
            || self.place.is_some_and(|p| !self.places[p].origin)
            || !self.figures.is_empty()
    }
}

/// The most specific place of a clause, nearest its anchor item; places an attack came
/// from are not where it struck.
/// A place right after another trigger belongs to that event: "a drone strike in eastern
/// Afghanistan, killing a planner of this week's attack at the Kabul airport".
fn best_place(
    items: &[crate::document::Item<'_>],
    range: &std::ops::Range<usize>,
    places: &[PlaceMention],
    anchor: usize,
) -> Option<usize> {
    let triggers: Vec<usize> = range
        .clone()
        .filter(|&i| matches!(items[i].kind, ItemKind::Word(Word::Trigger(_))))
        .collect();
    let score = |m: &PlaceMention| {
        let at = items.iter().position(|i| i.start >= m.start).unwrap_or(anchor);
        let introduced = if m.introduced { 0.5 } else { 0.0 };
        let to_anchor = at.abs_diff(anchor);
        let elsewhere = triggers.iter().any(|&t| t > anchor && t < at && at - t + 3 <= to_anchor);
        let owned = if elsewhere { 2.0 } else { 0.0 };
        m.specificity + introduced - owned - 0.1 * (to_anchor as f32)
    };
    (0..places.len())
        .filter(|&p| !places[p].origin)
        .max_by(|&a, &b| score(&places[a]).total_cmp(&score(&places[b])))
}

pub(crate) struct State<'d, 'a, 'p> {
    pub(crate) doc: &'d Document<'a, 'p>,
    pack: &'p Pack,
    gazetteer: &'d Gazetteer,
    geo: ArticleGeo,
    published: Option<PublishedDate>,
    pub(crate) drafts: Vec<Draft>,
    focus: Option<usize>,
    /// A time told in a clause without an event, for the event the next sentence tells:
    /// "La MINUSMA vient une nouvelle fois d'en faire les frais, le 24 septembre."
    pending_time: Option<(usize, TimeMention, Option<DateRange>)>,
    /// The actor named first in the last sentence that named one, with the sentence and
    /// whether it is generic: what "elle", "the group" may stand for in the next two.
    named_before: Option<(String, usize, bool)>,
    /// The last town or site the text named, event or not: what "la ville", "the city"
    /// stand for ("Kharkiv, située à trente kilomètres de la frontière ... la ville").
    last_town: Option<PlaceMention>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Runs the pipeline over one article's text.
pub(crate) fn run(
    text: &str,
    folded: Normalized,
    published: Option<PublishedDate>,
    pack: &Pack,
    gazetteer: &Gazetteer,
    hash: &ContentHash,
) -> (Vec<Incident>, Vec<Diagnostic>) {
    let mut doc = Document::new(text, folded, pack, gazetteer);
    let geo = article_context(&doc, gazetteer);
    doc.resolve_national(geo.main_country().and_then(|c| pack.national.get(c)));
    let mut state = State {
        doc: &doc,
        pack,
        gazetteer,
        geo,
        published,
        drafts: Vec::new(),
        focus: None,
        pending_time: None,
        named_before: None,
        last_town: None,
        diagnostics: Vec::new(),
    };
    for index in 0..doc.sentences.len() {
        state.sentence(index);
        if let Some(actor) = doc.sentences[index]
            .actors
            .iter()
            .find(|a| !matches!(a.info.kind.as_str(), "source" | "anonymous"))
        {
            state.named_before =
                Some((actor.info.name.clone(), index, actor.info.kind == "generic"));
        }
    }
    state.settle_relatives();
    state.settle_acknowledgements();
    state.settle_shared_claims();
    let headline = state.headline_incident();
    state.settle_background(headline);
    let incidents = crate::assemble::incidents(&mut state, hash);
    let mut diagnostics = std::mem::take(&mut state.diagnostics);
    diagnostics.sort_by_key(|d| (d.span.map(|s| s.start), d.code));
    diagnostics.dedup();
    (incidents, diagnostics)
}

fn cue(sentence: &Sentence<'_>, range: &std::ops::Range<usize>, kind: CueKind) -> Option<usize> {
    range
        .clone()
        .find(|&i| matches!(sentence.items[i].kind, ItemKind::Word(Word::Cue(c)) if *c == kind))
}

impl State<'_, '_, '_> {
    fn ev(&self, sentence: usize, start: usize, end: usize, rule: impl Into<String>) -> Ev {
        Ev { start, end, sentence, rule: format!("{}: {}", self.pack.code, rule.into()) }
    }

    fn sentence(&mut self, index: usize) {
        let doc = self.doc;
        let sentence = &doc.sentences[index];
        if sentence.caption {
            self.diagnostics.push(Diagnostic::info(
                DiagnosticCode::CaptionSkipped,
                Some(sentence.span),
                "a photo caption, kept out of extraction",
            ));
            return;
        }
        if sentence.title {
            self.diagnostics.push(Diagnostic::info(
                DiagnosticCode::HeadlineSkipped,
                Some(sentence.span),
                "a headline or subheading: the body tells its events",
            ));
            return;
        }
        let times = find_times(&sentence.items, doc.folded.as_str(), self.pack);
        // Split into clauses at relation phrases.
        let mut clauses: Clauses = Vec::new();
        let mut start = sentence.dateline;
        let mut joint = None;
        for (i, item) in sentence.items.iter().enumerate().skip(start) {
            let here = match item.kind {
                ItemKind::Word(Word::Cue(CueKind::RetaliationFor)) => {
                    Some((Joint::Link(LinkKind::RetaliationFor, i), i + 1))
                }
                ItemKind::Word(Word::Cue(CueKind::ResponseTo)) => {
                    Some((Joint::Link(LinkKind::ResponseTo, i), i + 1))
                }
                ItemKind::Word(Word::After | Word::Before | Word::Cue(CueKind::Concurrent))
                    if !times.iter().any(|t| t.first <= i && i <= t.last)
                        && self.typed_event_in(sentence, start..i)
                        && self.typed_event_in(sentence, i + 1..sentence.items.len()) =>
                {
                    Some((Joint::Split, i + 1))
                }
                // "exchanging fire since the Palestinian militant group attacked southern
                // Israel on October 7": the event that opened the span is one of its own.
                // But "Djibo, sous blocus depuis 2022, avait été frappée": a dated span
                // closed by a comma qualifies what comes before it.
                ItemKind::Word(Word::Since)
                    if times.iter().any(|t| t.first > i + 2)
                        && !closed_span(&sentence.items, &times, i)
                        && sentence.items[i + 1..].iter().take(8).any(|it| {
                            matches!(
                                it.kind,
                                ItemKind::Word(Word::Trigger(_) | Word::Cue(CueKind::Act))
                            )
                        }) =>
                {
                    Some((Joint::Split, i + 1))
                }
                _ => times.iter().find(|t| t.first == i).and_then(|t| match t.expr {
                    TimeExpr::Relative { n, unit } => Some((Joint::Shift(n, unit, i), t.last + 1)),
                    _ => None,
                }),
            };
            if let Some((j, next)) = here {
                clauses.push((start..i, joint));
                joint = Some(j);
                start = next;
            }
        }
        clauses.push((start..sentence.items.len(), joint));
        let clauses = self.reorder_link(sentence, clauses);
        // "Saturday's explosions occurred at Zobe junction, the scene of a massive blast in
        // 2017 that killed more than 500 people": a second event with a time of its own.
        let clauses: Vec<_> = clauses
            .into_iter()
            .flat_map(|(range, joint)| match self.second_dated_event(sentence, &range, &times) {
                Some(at) => vec![(range.start..at, joint), (at..range.end, Some(Joint::Split))],
                None => vec![(range, joint)],
            })
            .collect();

        let mut previous: Option<usize> = None;
        let mut left_empty = true;
        let focus_before = self.focus;
        let mut made_here: Vec<usize> = Vec::new();
        for (range, joint) in clauses {
            // "Au lendemain de ce rapt, le président a ordonné ...": with nothing before
            // it, the time phrase leads into the sentence and relates nothing.
            let joint = joint.filter(|j| !(left_empty && matches!(j, Joint::Shift(..))));
            let before = previous.or(self.focus);
            let has_trigger = self.clause_event(sentence, &range).is_some();
            let range_len = range.len();
            // "l'Iran a ciblé cette base en réponse à l'assassinat de Soleimani, blessant des
            // dizaines de militaires": the participle after the linked event tells the
            // first one's toll.
            let (range, tail) = match (joint, before) {
                (Some(Joint::Link(..)), Some(_)) => {
                    let items = &sentence.items;
                    match range.clone().skip(1).find(|&i| {
                        items[i].after_break
                            && matches!(items[i].kind, ItemKind::Word(Word::Killed | Word::Wounded))
                    }) {
                        Some(at) => (range.start..at, Some(at..range.end)),
                        None => (range, None),
                    }
                }
                _ => (range, None),
            };
            if let (Some(tail), Some(left)) = (tail, before) {
                let m = self.read_mention(index, tail, &times);
                self.enrich(left, &m, None);
            }
            // The other side of "six jours après", "en représailles à" is not the event
            // on this side.
            let left = joint.and(before);
            let made = self.clause(index, range, &times, joint, left);
            if let (Some(joint), Some(left)) = (joint, before)
                && let Some(right) = made.filter(|&r| r != left)
            {
                self.relate(index, sentence, joint, left, right, left_empty);
            }
            // "..., with the group launching rockets on Israel in retaliation.": a link
            // with nothing after it ties the last event to the one told before it.
            if let Some(Joint::Link(kind, at)) = joint
                && made.is_none()
                && range_len <= 1
                && let Some(&last) = made_here.last()
            {
                let earlier = made_here.iter().rev().nth(1).copied().or(focus_before);
                if let Some(earlier) = earlier.filter(|&e| e != last) {
                    let item = &sentence.items[at];
                    let ev = self.ev(index, item.start, item.end, "relation told after the event");
                    self.drafts[last].related.push((kind, earlier, ev));
                }
            }
            made_here.extend(made);
            // Nothing before the joint but a word or two: "« En riposte », ...".
            left_empty = !has_trigger && made.is_none() && range_len <= 2;
            previous = made.or(previous);
        }
    }

    /// A relation told before the event that answers it, with nothing of an event before
    /// the relation:
    /// - "Dimanche, en riposte à l'attaque, des avions de l'armée ont frappé": its object
    ///   closed by a comma, then the answering event. The clauses become the words before
    ///   the relation, the answering event, then the relation and its object, as if the
    ///   text had said "des avions ont frappé en riposte à l'attaque".
    /// - "L'armée a annoncé avoir mené, « en riposte », des frappes aériennes": no object of
    ///   its own, told inside the clause of the answering event. The clause stays whole,
    ///   and answers the event told before.
    fn reorder_link(&self, sentence: &Sentence<'_>, clauses: Clauses) -> Clauses {
        let items = &sentence.items;
        let [(lead, None), (rest, Some(link @ Joint::Link(..)))] = clauses.as_slice() else {
            return clauses;
        };
        if self.clause_event(sentence, lead).is_some() {
            return clauses;
        }
        if items.get(rest.start).is_some_and(|i| i.after_break) && !lead.is_empty() {
            return vec![(lead.start..rest.end, Some(*link))];
        }
        if lead.len() > 4 {
            return clauses;
        }
        let Some(close) =
            rest.clone().skip(1).take(6).find(|&i| items[i].after_break && i + 1 < rest.end)
        else {
            return clauses;
        };
        if self.clause_event(sentence, &(close..rest.end)).is_none() {
            return clauses;
        }
        vec![(lead.clone(), None), (close..rest.end, None), (rest.start..close, Some(*link))]
    }

    /// Where a clause holds a second event told with its own time, after the first one's:
    /// the break before that event's trigger, when a trigger stands right before a time
    /// that cannot be the clause's first time.
    fn second_dated_event(
        &self,
        sentence: &Sentence<'_>,
        range: &std::ops::Range<usize>,
        times: &[TimeMention],
    ) -> Option<usize> {
        let items = &sentence.items;
        let inside: Vec<&TimeMention> =
            times.iter().filter(|t| range.contains(&t.first) && range.contains(&t.last)).collect();
        let first = inside.first()?;
        let first_range = resolve(first.expr, self.published)?;
        for second in &inside[1..] {
            let Some(second_range) = resolve(second.expr, self.published) else { continue };
            if second_range.overlaps(&first_range) {
                continue;
            }
            let trigger = (first.last + 1..second.first).rev().take(6).find(|&i| {
                matches!(items[i].kind, ItemKind::Word(Word::Trigger(t)) if self.pack.triggers[*t].event_type.is_some())
            })?;
            return (first.last + 1..=trigger).rev().find(|&i| items[i].after_break);
        }
        None
    }

    /// Records what a joint between two clauses says about their events.
    fn relate(
        &mut self,
        index: usize,
        sentence: &Sentence<'_>,
        joint: Joint,
        left: usize,
        right: usize,
        left_empty: bool,
    ) {
        let at = match joint {
            Joint::Link(_, i) | Joint::Shift(_, _, i) => i,
            Joint::Split => return,
        };
        let item = &sentence.items[at];
        let ev = self.ev(index, item.start, item.end, "relation between clauses");
        match joint {
            // "En riposte, le Hezbollah a lancé...": the new event answers the one told before.
            Joint::Link(kind, _) if left_empty => {
                self.drafts[right].related.push((kind, left, ev));
                return;
            }
            Joint::Link(kind, _) => {
                self.drafts[left].related.push((kind, right, ev.clone()));
                self.drafts[right].past.get_or_insert(ev);
            }
            Joint::Shift(n, unit, _) => {
                // left = right + n, so right = left - n: an earlier event is background.
                if n > 0 {
                    self.drafts[right].past.get_or_insert(ev.clone());
                }
                self.drafts[right].relative = Some((-n, unit, left, ev));
                // "The bombing came two days after a roadside bomb struck ... No group
                // claimed that attack": the event told last is the one in focus.
                return;
            }
            Joint::Split => {}
        }
        self.focus = Some(left);
    }

    /// Whether items `range` hold a trigger that names a type of event.
    fn typed_event_in(&self, sentence: &Sentence<'_>, range: std::ops::Range<usize>) -> bool {
        sentence.items[range].iter().any(|i| {
            matches!(i.kind, ItemKind::Word(Word::Trigger(t)) if self.pack.triggers[*t].event_type.is_some_and(|_| self.pack.triggers[*t].rank > 20))
        })
    }

    /// Reads one clause; returns the draft it created, if any.
    fn clause(
        &mut self,
        index: usize,
        range: std::ops::Range<usize>,
        times: &[TimeMention],
        joint: Option<Joint>,
        left: Option<usize>,
    ) -> Option<usize> {
        let doc = self.doc;
        let sentence = &doc.sentences[index];
        if range.is_empty() {
            return None;
        }
        let items = &sentence.items;
        let m = self.read_mention(index, range.clone(), times);
        if let Some(town) = m
            .places
            .iter()
            .rfind(|p| !p.origin && p.candidate.place.precision <= sitrep_model::Precision::Town)
        {
            self.last_town = Some(town.clone());
        }

        // The count may stand on another word than the strongest trigger: "was also hit
        // by two similar attacks".
        let counted = m.event.as_ref().and_then(|event| {
            let generic = |i: usize| {
                matches!(items[i].kind, ItemKind::Word(Word::Trigger(t))
                    if self.pack.triggers[*t].event_type.is_none() && !self.pack.triggers[*t].act)
            };
            // Only when no typed trigger tells an event of its own: "two suicide bombers
            // ..., in the first such attack for two years" tells one.
            let others = event.event_type.is_none().then(|| range.clone()).into_iter().flatten();
            std::iter::once(event.trigger)
                .chain(others.filter(|&i| i != event.trigger && generic(i)))
                .find_map(|i| self.tally(sentence, i).map(|count| (i, count)))
        });
        if let Some(event) = &m.event
            && let Some((counted_at, count)) = counted
        {
            // "deux attaques similaires en juin et avril derniers": as many events as
            // counted, one at each date told.
            let dated: Vec<&TimeMention> =
                times.iter().filter(|t| range.contains(&t.first)).collect();
            if let Some(n) = count
                && (2..=4).contains(&n)
                && dated.len() == n as usize
            {
                let event = event.clone();
                let place = m.place.map(|p| m.places[p].clone());
                for t in dated {
                    let mut draft = self.new_draft(index, sentence, &event, place.as_ref(), None);
                    let ev = self.ev(
                        index,
                        items[t.first].start,
                        items[t.last].end,
                        "one of the dated events counted",
                    );
                    draft.time = Some((t.expr, resolve(t.expr, self.published), ev));
                    self.drafts.push(draft);
                    // Each is where the clause says, else where the event in focus was:
                    // "Il a aussi fait l'objet de deux attaques similaires en juin et avril".
                    let id = self.drafts.len() - 1;
                    self.enrich(id, &m, Some(&event));
                    if self.drafts[id].place.is_none()
                        && let Some((mention, specificity, _)) =
                            self.focus.and_then(|f| self.drafts[f].place.clone())
                    {
                        let item = &items[counted_at];
                        let ev =
                            self.ev(index, item.start, item.end, "where the event told before was");
                        self.drafts[id].place = Some((mention, specificity, ev));
                    }
                }
                return None;
            }
            let item = &items[counted_at];
            let from = items[counted_at.saturating_sub(2)].start;
            self.diagnostics.push(Diagnostic::info(
                DiagnosticCode::NonEvent,
                Some(doc.span(from, item.end)),
                format!(
                    "`{}` counts attacks: a tally, not an incident",
                    doc.original(from, item.end)
                ),
            ));
            return None;
        }
        if m.aggregate && joint.is_none() {
            if !m.figures.is_empty() || m.event.is_some() {
                self.diagnostics.push(Diagnostic::info(
                    DiagnosticCode::AggregateFigure,
                    Some(doc.span(items[range.start].start, items[range.end - 1].end)),
                    "casualties summed over several attacks are kept off single incidents",
                ));
            }
            // Claims and blame over a series still speak of the event being told.
            // "claimed responsibility for a series of rocket barrages": the latest event
            // of that kind, else the one in focus when the series names no kind.
            let target = match m.event.as_ref().and_then(|e| e.event_type) {
                Some(t) => (0..self.drafts.len())
                    .rev()
                    .find(|&d| self.drafts[d].event_type == t && self.may_be_news(d)),
                None => self.focus,
            };
            if let Some(target) = target {
                self.enrich_actors(target, &m, StatusesAllowed::NotStated);
            }
            // What follows a tally ("Côté israélien, une vingtaine de personnes ont été
            // tuées") belongs to the tally, not to the last event told. A span with no
            // figures ("qui tente depuis des mois d'étendre son contrôle") leaves the focus.
            if !m.figures.is_empty() || m.event.is_some() {
                self.focus = None;
            }
            return None;
        }
        if let Some(t) = m.time
            && m.resolved.is_none()
            && t.expr.is_relative()
        {
            let span = doc.span(items[t.first].start, items[t.last].end);
            self.diagnostics.push(Diagnostic::warning(
                DiagnosticCode::UnresolvedDate,
                Some(span),
                format!(
                    "`{}` is relative and the article has no publication date: the date is left open",
                    &doc.text[span.range()]
                ),
            ));
        }

        if m.irrealis {
            // Who claims or is blamed may still be said of the event being told.
            if let Some(focus) = self.focus {
                self.enrich_actors(focus, &m, StatusesAllowed::NotStated);
            }
            return None;
        }
        let Some(event) = m.event.clone() else {
            let target = self.focus_for(m.resolved, m.time.map(|t| t.expr));
            if let (Some(t), Some(resolved)) = (m.time, m.resolved)
                && m.figures.is_empty()
                && (m.new_event
                    || target.is_none_or(|d| {
                        self.drafts[d]
                            .time
                            .as_ref()
                            .and_then(|t| t.1)
                            .is_some_and(|r| !r.overlaps(&resolved))
                    }))
            {
                self.pending_time = Some((index, t, Some(resolved)));
                return None;
            }
            // "Une soixantaine de déplacés avaient été tués au même endroit en février
            // 2022": deaths told with a past date of their own are a past event.
            let killed_at =
                range.clone().find(|&i| matches!(items[i].kind, ItemKind::Word(Word::Killed)));
            if let (Some(at), Some(resolved)) = (killed_at, m.resolved)
                && m.figures.iter().any(|f| f.toll == Toll::Killed && f.min > 0)
                && self.weeks_back(Some(resolved))
                && target.is_none_or(|d| !self.dated_within(d, resolved))
            {
                let event = ClauseEvent::generic(at, 0);
                let place = m.place.map(|p| &m.places[p]);
                let draft = self.new_draft(index, sentence, &event, place, None);
                self.drafts.push(draft);
                let id = self.drafts.len() - 1;
                self.enrich(id, &m, Some(&event));
                return Some(id);
            }
            if let Some(target) = target {
                self.enrich(target, &m, None);
            }
            return None;
        };
        if m.habitual || m.non_event {
            if let Some(target) = self.focus_for(m.resolved, m.time.map(|t| t.expr)) {
                // "Such attacks have frequently targeted ... with mortar and rocket
                // attacks": a habit tells no weapon of this event.
                if !m.habitual {
                    self.upgrade(target, index, sentence, &event);
                }
                self.enrich(target, &m, Some(&event));
                self.focus = Some(target);
            }
            return None;
        }
        let best = self.best_match(&m, &event, left);
        let can_create = if event.event_type.is_none() {
            !event.series && (m.act || !m.figures.is_empty() || !event.needs_act || joint.is_some())
        } else {
            // A weapon word needs an act; any trigger needs something of the event:
            // "les attaques contre les convois avec des engins explosifs" tells none.
            // "blamed the abduction on": a typed anaphor starts an event only with a
            // time or a toll of its own.
            (!event.refers_back || m.time.is_some() || !m.figures.is_empty())
                && (m.act
                || !m.figures.is_empty()
                || m.time.is_some()
                || (!event.needs_act && (m.anchored() || !m.perpetrators.is_empty()))
                // "six jours après le rapt de 344 adolescents": the relation says it happened.
                || (joint.is_some() && !event.needs_act)
                // "en représailles à des tirs de roquettes sur Erbil": a retaliation
                // presupposes the act it answers; so does "quelques heures après une
                // attaque à la roquette contre une base".
                || (matches!(joint, Some(Joint::Link(..) | Joint::Shift(..))) && m.anchored()))
        };
        let attach = match best {
            // "Twin car bombings ... another blast occurred in the same area": one more
            // of the munitions already counted.
            Some((d, score)) if m.new_event => (score >= 0.0
                && self.drafts[d].quantity.as_ref().is_some_and(|q| q.0 >= 2)
                && event
                    .event_type
                    .is_none_or(|t| t == self.drafts[d].event_type || event.rank <= 20))
            .then_some(d),
            None if m.new_event => None,
            // The other side of "after", "in retaliation for": another event, unless the
            // text plainly names one already told.
            // "en riposte à l'attaque": a bare anaphor names the event told before.
            Some((d, score)) if joint.is_some() => {
                (score >= 1.5 || (event.anaphoric && m.time.is_none())).then_some(d)
            }
            Some((d, _)) if event.anaphoric => Some(d),
            // "L'attaque n'avait pas été revendiquée jeudi": the time is the statement's.
            // But "l'explosion d'une moto piégée" the text dates elsewhere is another.
            // Nor is "l'attaque" with a toll of its own in another country or region.
            None if (event.anaphoric || event.refers_back) && event.rank <= 20 => {
                let weeks_back = self.weeks_back(m.resolved);
                self.focus.filter(|&f| !(weeks_back && self.undated_news(f))).filter(|&f| {
                    let here = m.place.map(|p| &m.places[p]);
                    match (&self.drafts[f].place, here) {
                        (Some((have, _, _)), Some(new)) => {
                            m.figures.is_empty()
                                || relate_places(have, new) != PlaceRelation::Conflict
                        }
                        _ => true,
                    }
                })
            }
            Some((d, score)) if m.anchored() && score < 0.0 => (!can_create).then_some(d),
            Some((d, _)) => Some(d),
            // "No group has so far claimed responsibility for the rocket attack", after a
            // drone strike: a claim that tells nothing else of its event speaks of the
            // one in focus, whatever it calls it.
            None if !can_create
                && m.time.is_none()
                && (m.not_claimed.is_some() || m.claim.is_some()) =>
            {
                self.focus.filter(|&f| self.drafts[f].claimed.is_none())
            }
            None => None,
        };
        if let Some(target) = attach {
            self.upgrade(target, index, sentence, &event);
            self.enrich(target, &m, Some(&event));
            self.claim_at_other_places(target, &m);
            self.focus = Some(target);
            return None;
        }
        if !can_create {
            return None;
        }
        let mut past = m.pluperfect.map(|at| {
            self.ev(index, items[at].start, items[at].end, "pluperfect: a past before the news")
        });
        // "Mossoul était tombée en juin 2014 ... Quelques jours plus tard, les jihadistes
        // avaient exécuté": dated from the time told just before, when no event had it.
        let after_pending = match m.time.map(|t| (t, t.expr)) {
            Some((t, TimeExpr::Shifted { n, unit })) => self
                .pending_time
                .filter(|p| p.0 + 1 == index)
                .and_then(|(_, _, resolved)| resolved)
                .map(|range| (t, offset(range, n, unit))),
            _ => None,
        };
        if after_pending.is_some() {
            self.pending_time = None;
        }
        // "cinq jours plus tôt", "a few hours later": dated from the event just told.
        let shifted = match m.time.map(|t| (t, t.expr)) {
            Some((_, TimeExpr::Shifted { .. })) if after_pending.is_some() => None,
            Some((t, TimeExpr::Shifted { n, unit })) => self.focus.map(|anchor| {
                let ev = self.ev(
                    index,
                    items[t.first].start,
                    items[t.last].end,
                    "time from the event told before",
                );
                // "la veille", "hours earlier": still the news of those days; "cinq jours
                // plus tôt" is before it.
                let close = match unit {
                    Unit::Hour => true,
                    Unit::Day => n >= -2,
                    _ => false,
                };
                if n < 0 && !close {
                    past.get_or_insert(ev.clone());
                }
                (n, unit, anchor, ev)
            }),
            _ => None,
        };
        let place = m.place.map(|p| &m.places[p]);
        let mut draft = self.new_draft(index, sentence, &event, place, past);
        draft.relative = shifted;
        if let Some((t, range)) = after_pending {
            let ev = self.ev(
                index,
                items[t.first].start,
                items[t.last].end,
                "time from the time told just before",
            );
            draft.time = Some((t.expr, Some(range), ev));
        }
        if m.time.is_none()
            && let Some((at, t, resolved)) =
                self.pending_time.take().filter(|p| p.0 + 1 == index || p.0 == index)
        {
            let items = &doc.sentences[at].items;
            let ev = self.ev(at, items[t.first].start, items[t.last].end, "time told just before");
            draft.time = Some((t.expr, resolved, ev));
        }
        self.drafts.push(draft);
        let id = self.drafts.len() - 1;
        self.enrich(id, &m, Some(&event));
        self.focus = Some(id);
        Some(id)
    }

    /// Everything a clause says, read before deciding which incident it speaks of.
    fn read_mention(
        &self,
        index: usize,
        range: std::ops::Range<usize>,
        times: &[TimeMention],
    ) -> Mention {
        let doc = self.doc;
        let sentence = &doc.sentences[index];
        let items = &sentence.items;
        let has = |kind: CueKind| cue(sentence, &range, kind).is_some();
        // "said on Wednesday", "a indiqué mercredi": the time of the report, not of the event.
        // "a rapporté l'AFP mardi", "a statement posted on its Telegram channels late on
        // Sunday": a source's name may stand between.
        let after_source = |t: &TimeMention| {
            // "said Wednesday's strike hit classrooms": the day names the event.
            let trigger_at = |k: usize| {
                items.get(k).is_some_and(|i| matches!(i.kind, ItemKind::Word(Word::Trigger(_))))
            };
            let possessive = items
                .get(t.last + 1)
                .is_some_and(|i| matches!(i.kind, ItemKind::Plain) && i.end - i.start == 1);
            if trigger_at(t.last + 1) || (possessive && trigger_at(t.last + 2)) {
                return false;
            }
            let mut j = t.first;
            while j > 0 && t.first - j < 7 && !items[j].after_break {
                j -= 1;
                match items[j].kind {
                    ItemKind::Word(Word::Cue(
                        CueKind::Source | CueKind::According | CueKind::Publication,
                    )) => return true,
                    // "claimed responsibility on Wednesday evening": the claim's day; but
                    // "a affirmé avoir repoussé samedi une attaque": the attack's.
                    ItemKind::Word(Word::Cue(CueKind::Claimed | CueKind::NotClaimed))
                        if !crate::actors::wards_off(items, j + 1, t.first) =>
                    {
                        return true;
                    }
                    ItemKind::Word(Word::Trigger(_) | Word::Killed | Word::Wounded) => break,
                    _ => {}
                }
            }
            false
        };
        let mut time = None;
        let mut previous_reported: Option<usize> = None;
        // "depuis 2015", "since 2015": a span up to now, not the event's date.
        // But "des affrontements opposent depuis dimanche": an event going on since a
        // day of the past week is news of its own.
        let week_before = self.week_before_publication();
        let this_week = |t: &TimeMention| {
            fine_grained(t.expr)
                && resolve(t.expr, self.published)
                    .and_then(|r| r.start)
                    .zip(week_before)
                    .is_some_and(|(s, week_before)| s >= week_before)
        };
        let opens_span = |t: &TimeMention| {
            matches!(items[t.first].kind, ItemKind::Word(Word::Since)) && !this_week(t)
        };
        for t in
            times.iter().filter(|t| t.first >= range.start && t.last < range.end && !opens_span(t))
        {
            // "said on Wednesday, May 15": a date in apposition to a reported one.
            let reported = after_source(t) || previous_reported.is_some_and(|l| l + 1 == t.first);
            if reported {
                previous_reported = Some(t.last);
            } else {
                time = Some(*t);
                break;
            }
        }
        // "La veille, mardi": a weekday in apposition to a relative day names that day.
        let time = time.map(|t| {
            let relative = matches!(t.expr, TimeExpr::Shifted { .. } | TimeExpr::Days(_));
            times
                .iter()
                .find(|n| {
                    relative
                        && n.first == t.last + 1
                        && items[n.first].after_break
                        && matches!(n.expr, TimeExpr::Weekday { .. })
                })
                .copied()
                .unwrap_or(t)
        });
        // "the day before" with no event told yet: the day before publication.
        let time = time.map(|t| match t.expr {
            TimeExpr::Shifted { n, unit: Unit::Day } if self.focus.is_none() => {
                TimeMention { expr: TimeExpr::Days(n), ..t }
            }
            _ => t,
        });
        let resolved = time.and_then(|t| resolve(t.expr, self.published));
        // "depuis le 17 octobre", "since January": a span up to now, a tally's time.
        let since_then = times.iter().filter(|t| range.contains(&t.first)).any(|t| {
            // "Djibo, sous blocus depuis 2022, avait été frappée le 11 mai": a span in an
            // apposition qualifies a name; the clause's own date tells one event.
            let apposition = |at: usize| {
                at > range.start
                    && !items[at].after_break
                    && closed_span(items, times, at)
                    && time.is_some()
            };
            if opens_span(t) {
                return !apposition(t.first);
            }
            if this_week(t) {
                return false;
            }
            let mut j = t.first;
            while j > range.start && t.first - j < 9 {
                j -= 1;
                match items[j].kind {
                    ItemKind::Word(Word::Since) => return !apposition(j),
                    ItemKind::Word(Word::Trigger(_)) => return false,
                    _ => {}
                }
            }
            false
        });
        let figures = find_figures(doc, sentence, range.clone(), self.pack);
        let event = self.clause_event(sentence, &range);
        let act = has(CueKind::Act) || has(CueKind::Passive) || has(CueKind::Defense);
        let non_event = has(CueKind::NonEvent) && !act && figures.is_empty();
        let mut places = find_places(doc, sentence, range.clone(), self.gazetteer, &self.geo);
        if let Some(town) = &self.last_town {
            drop_far_parts_of_town(sentence, &mut places, town);
        }
        let unknown = unknown_places(doc, sentence, range.clone(), &places);
        // "in the city" names the place told before; "in the city of Marib", "near the
        // village of Tongo Tongo" name another, and so does "the airport in Aden".
        let names_next = |i: usize| {
            let last =
                items[i..range.end].iter().take(4).next_back().map_or(items[i].end, |it| it.start);
            places.iter().any(|p| p.start >= items[i].start && p.start <= last)
                || items.get(i + 1).is_some_and(|n| {
                    !n.after_break
                        && self.pack.count_links.contains(&doc.folded.as_str()[n.start..n.end])
                })
        };
        let same_place = range.clone().find(|&i| match &items[i].kind {
            ItemKind::Word(Word::Place(sitrep_lang::PlaceCue::Same)) => !names_next(i),
            ItemKind::Word(Word::Place(sitrep_lang::PlaceCue::SameDefinite)) => {
                !names_next(i) && !places.iter().any(|p| p.start >= items[i].end)
            }
            _ => false,
        });
        // "In a reenactment of Chibok girls kidnap, over 280 pupils were abducted ... on
        // Thursday": of two triggers as strong, the one told with the time or the toll.
        let core = time.map(|t| t.first).or_else(|| {
            figures.first().and_then(|f| items.iter().position(|i| i.start >= f.start))
        });
        let anchor = match (&event, core) {
            (Some(e), Some(core)) => range
                .clone()
                .filter(|&i| {
                    matches!(items[i].kind, ItemKind::Word(Word::Trigger(t)) if self.pack.triggers[*t].rank == e.rank)
                })
                .min_by_key(|&i| i.abs_diff(core))
                .unwrap_or(e.trigger),
            (Some(e), None) => e.trigger,
            (None, _) => range.start,
        };
        // The unknown name nearest the trigger, unless a known place is nearer.
        let at = |byte: usize| items.iter().position(|i| i.start >= byte).unwrap_or(anchor);
        // "120 morts dans ce quartier, devenu l'un des plus surveillés de la région de
        // Damas": the place told before, when its cue stands nearer the trigger.
        let place = best_place(items, &range, &places, anchor).filter(|&p| {
            same_place.is_none_or(|s| at(places[p].start).abs_diff(anchor) < s.abs_diff(anchor))
        });
        let unknown_place =
            unknown.into_iter().min_by_key(|u| at(u.start).abs_diff(anchor)).filter(|u| {
                place.is_none_or(|p| {
                    at(u.start).abs_diff(anchor) < at(places[p].start).abs_diff(anchor)
                })
            });
        let mut perpetrators = find_perpetrators(sentence, range.clone(), self.pack);
        if !perpetrators.iter().any(|p| p.status == ActorStatus::Claimed)
            && !has(CueKind::Suspicion)
            && let Some(at) = pronoun_claim(sentence, range.clone())
            && let Some((name, _, generic)) =
                self.named_before.as_ref().filter(|n| n.1 + 2 >= index)
        {
            perpetrators.push(Perpetrator {
                name: name.clone(),
                status: ActorStatus::Claimed,
                start: items[at].start,
                end: items[at].end,
                generic: *generic,
                anonymous: false,
                rule: "a pronoun for the actor named before said it acted",
            });
        }
        if !perpetrators.iter().any(|p| p.status <= ActorStatus::Stated && !p.generic)
            && let Some(at) = pronoun_agent(sentence, range.clone())
            && let Some((name, _, generic)) =
                self.named_before.as_ref().filter(|n| n.1 + 2 >= index)
        {
            perpetrators.push(Perpetrator {
                name: name.clone(),
                status: if has(CueKind::Suspicion) {
                    ActorStatus::Suspected
                } else {
                    ActorStatus::Stated
                },
                start: items[at].start,
                end: items[at].end,
                generic: *generic,
                anonymous: false,
                rule: "a pronoun for the actor named before is the agent",
            });
        }
        let speakers = find_speakers(sentence, range.clone());
        let habitual = has(CueKind::Habitual);
        // "could strike", "vowed to retaliate": the cue governs an act shortly after it,
        // not one told before ("claimed the attacks, ... and vowed to punish") nor a
        // verb further on ("a man who tried to stop them ... was shot dead").
        let irrealis = cue(sentence, &range, CueKind::Irrealis).is_some_and(|at| {
            event.as_ref().is_none_or(|e| at <= e.trigger + 3 && e.trigger <= at + 5)
                && cue(sentence, &range, CueKind::Claimed).is_none_or(|c| at < c)
        }) || has(CueKind::Characterization);
        let stretch = range.clone().find_map(|i| match items[i].kind {
            ItemKind::Word(Word::Stretch(unit)) => Some((*unit, i)),
            _ => None,
        });
        // "said it had repelled an attack" claims no attack.
        let claim = cue(sentence, &range, CueKind::Claimed)
            .filter(|&at| !crate::actors::wards_off(items, at + 1, range.end));
        let negated = claim.is_some_and(|at| {
            items[at.saturating_sub(CLAIM_NEGATION_REACH).max(range.start)..at].iter().any(|i| {
                matches!(
                    i.kind,
                    ItemKind::Word(Word::Cue(CueKind::Negation | CueKind::NotClaimed) | Word::Zero)
                )
            })
        });
        Mention {
            sentence: index,
            time,
            resolved,
            stretch,
            figures,
            event,
            act,
            non_event,
            habitual,
            irrealis,
            aggregate: has(CueKind::Aggregate)
                || (stretch.is_some() && time.is_none())
                || (since_then && !has(CueKind::Superlative)),
            new_event: has(CueKind::NewEvent),
            // "UKMTO said a vessel had reported an explosion": the tense of reported
            // speech, not a past before the news.
            pluperfect: cue(sentence, &range, CueKind::Pluperfect).filter(|&at| {
                !items[at.saturating_sub(REPORTED_REACH).max(range.start)..at]
                    .iter()
                    .any(|i| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Source))))
            }),
            // "Les ravisseurs n'ont pas encore formulé de revendication": a claim denied.
            not_claimed: cue(sentence, &range, CueKind::NotClaimed).or(claim.filter(|_| negated)),
            // "The group claimed that attack too": a claim, whoever made it.
            claim: claim.filter(|_| !negated),
            places,
            place,
            perpetrators,
            speakers,
            same_place,
            unknown_place,
            range,
        }
    }

    /// What a clause tells, as matching it to an incident reads it.
    fn reading<'m>(&self, m: &'m Mention, event: &ClauseEvent) -> Reading<'m> {
        Reading {
            event_type: event.event_type,
            rank: event.rank,
            weapon: event.weapon.map(|(w, _)| w),
            time: m.time.map(|t| t.expr),
            resolved: m.resolved,
            place: m.place.map(|p| &m.places[p]).filter(|p| !p.origin),
            perpetrator: m.perpetrators.iter().min_by_key(|p| (p.generic, p.status)),
            unknown_place: m.unknown_place.as_ref().map(|u| u.key.as_str()),
            speakers: m.speakers.iter().map(|s| s.name.as_str()).collect(),
            figures: &m.figures,
        }
    }

    /// The incident a clause most likely speaks of, with its affinity, among those it
    /// does not conflict with; the most recent wins a tie.
    fn best_match(
        &self,
        m: &Mention,
        event: &ClauseEvent,
        exclude: Option<usize>,
    ) -> Option<(usize, f32)> {
        let reading = self.reading(m, event);
        // "Last month, separatists seized a train": weeks before the news, and so not the
        // news the article told without a date.
        let weeks_back = self.weeks_back(m.resolved);
        let mut best: Option<(usize, f32)> = None;
        for d in (0..self.drafts.len()).filter(|&d| Some(d) != exclude) {
            if weeks_back && self.undated_news(d) {
                continue;
            }
            let Some(mut score) = affinity(&self.drafts[d], &reading) else { continue };
            if self.focus == Some(d) {
                // "ces frappes": a demonstrative points at the event just told.
                score += if event.demonstrative { 1.0 } else { 0.5 };
            }
            // "the bombing", "l'attaque": an anaphor most often names the news.
            if event.anaphoric && !event.demonstrative && self.may_be_news(d) {
                score += 1.0;
            }
            if best.is_none_or(|(_, s)| score >= s) {
                best = Some((d, score));
            }
        }
        best
    }

    /// The strongest trigger of a clause.
    fn clause_event(
        &self,
        sentence: &Sentence<'_>,
        range: &std::ops::Range<usize>,
    ) -> Option<ClauseEvent> {
        let mut best: Option<ClauseEvent> = None;
        let mut anaphoric = false;
        let mut demonstrative = false;
        let mut all_need_act = true;
        let mut weapon: Option<(Weapon, u8)> = None;
        for i in range.clone() {
            let ItemKind::Word(Word::Trigger(t)) = sentence.items[i].kind else { continue };
            let trigger = &self.pack.triggers[*t];
            // "one of the deadliest attacks in the province this year": a ranking of the
            // event among others, not another event.
            let ranked = (i.saturating_sub(2).max(range.start)..i).any(|k| {
                matches!(sentence.items[k].kind, ItemKind::Word(Word::Cue(CueKind::Superlative)))
            });
            if ranked && trigger.series {
                continue;
            }
            // "armés de fusils d'assaut et de grenades": what they carried, not what
            // happened; it gives a weapon when the clause names none.
            if trigger.weapon.is_some() && !trigger.act && carried(&sentence.items, range.start, i)
            {
                if let Some(w) = trigger.weapon
                    && weapon.is_none()
                {
                    weapon = Some((w, 0));
                }
                continue;
            }
            anaphoric |= trigger.anaphoric;
            demonstrative |= trigger.demonstrative;
            if (trigger.event_type.is_some() && !trigger.needs_act) || trigger.act {
                all_need_act = false;
            }
            if let Some(w) = trigger.weapon
                && weapon.is_none_or(|(_, r)| trigger.rank > r)
            {
                weapon = Some((w, trigger.rank));
            }
            if best.as_ref().is_none_or(|b| trigger.rank > b.rank) {
                best = Some(ClauseEvent {
                    event_type: trigger.event_type,
                    rank: trigger.rank,
                    weapon: None,
                    trigger: i,
                    anaphoric: false,
                    needs_act: true,
                    series: trigger.series,
                    demonstrative: false,
                    refers_back: trigger.anaphoric,
                });
            }
        }
        // "Une position de l'armée a été attaquée jeudi": a passive verb of attack tells
        // an attack of its own, typed as generic words are.
        let passive = || {
            range.clone().find(|&i| {
                matches!(sentence.items[i].kind, ItemKind::Word(Word::Cue(CueKind::Passive)))
            })
        };
        // "Jihadists killed five soldiers near Téra": an armed group that kills a counted
        // number tells an attack of its own (a state's forces counting the enemies they
        // killed tell of an operation already told).
        let killing = || {
            let lo = sentence.items.get(range.start)?.start;
            // Not what a claim or a statement reports ("saying its fighters had killed").
            let reported = |i: usize| {
                sentence.items[range.start..i].iter().any(|it| {
                    matches!(
                        it.kind,
                        ItemKind::Word(Word::Cue(
                            CueKind::Claimed | CueKind::Source | CueKind::According
                        ))
                    )
                })
            };
            range.clone().find(|&i| {
                matches!(sentence.items[i].kind, ItemKind::Word(Word::Killed))
                    && !reported(i)
                    && crate::numbers::number_at(&sentence.items, i + 1, false).is_some()
                    && sentence.actors.iter().any(|a| {
                        a.start >= lo
                            && a.end <= sentence.items[i].start
                            && matches!(a.info.kind.as_str(), "group" | "generic" | "anonymous")
                    })
            })
        };
        let mut best = match best {
            Some(best) => best,
            None => ClauseEvent::generic(passive().or_else(killing)?, PASSIVE_RANK),
        };
        // Gunmen against soldiers, police or their posts: a clash, not an attack on
        // civilians (the ACLED line between battles and violence against civilians).
        // "Militants attacked a military base", "une position de l'armée a été attaquée":
        // a plain attack on them is one too.
        let plain_attack = best.event_type.is_none()
            && !best.series
            && weapon.is_none_or(|(w, _)| w == Weapon::Firearm)
            && match sentence.items[best.trigger].kind {
                ItemKind::Word(Word::Trigger(t)) => !self.pack.triggers[*t].anaphoric,
                _ => true,
            };
        if (plain_attack
            || (best.event_type == Some(EventType::Attack)
                && weapon.is_some_and(|(w, _)| w == Weapon::Firearm)))
            && range.clone().any(|i| {
                // Not the author of an active verb of attack ("l'armée israélienne a
                // frappé"): its target ("attacked an army base").
                let active = matches!(
                    sentence.items[best.trigger].kind,
                    ItemKind::Word(Word::Trigger(t)) if self.pack.triggers[*t].act
                );
                let placed = !plain_attack || !active || i > best.trigger;
                matches!(sentence.items[i].kind, ItemKind::Word(Word::Forces))
                    && placed
                    && i.abs_diff(best.trigger) <= 10
                    // "..., the army said": the source, not the target.
                    && !sentence.items[i + 1..range.end].iter().take(2).any(|n| {
                        matches!(n.kind, ItemKind::Word(Word::Cue(CueKind::Source)))
                    })
            })
        {
            best.event_type = Some(EventType::ArmedClash);
            // A clash told as such: a bomb or a strike told later is another event.
            best.rank = best.rank.max(CLASH_RANK);
        }
        best.weapon = weapon;
        best.needs_act = all_need_act;
        // Only an anaphor and generic words: the clause speaks of an event already told.
        best.anaphoric = anaphoric && best.event_type.is_none();
        best.demonstrative = demonstrative;
        Some(best)
    }

    /// "la quatorzième attaque", "around 20 bomb and rocket attacks": counted attacks,
    /// with the count when a number gives it.
    fn tally(&self, sentence: &Sentence<'_>, trigger: usize) -> Option<Option<u32>> {
        let items = &sentence.items;
        let before = trigger.saturating_sub(4)..trigger;
        let ordinal = before.clone().any(|i| {
            matches!(items[i].kind, ItemKind::Word(Word::Ordinal(_)) | ItemKind::OrdinalDigits(_))
        });
        // A number right before generic "attacks" counts attacks, not munitions.
        let generic = |i: usize| {
            matches!(items[i].kind, ItemKind::Word(Word::Trigger(t))
                if self.pack.triggers[*t].event_type.is_none() && !self.pack.triggers[*t].act)
        };
        // "la quatorzième attaque"; but "the second bombing" is one blast of the event.
        if ordinal && generic(trigger) {
            return Some(None);
        }
        let last_generic = (trigger..items.len().min(trigger + 5))
            .take_while(|&i| {
                i == trigger
                    || matches!(items[i].kind, ItemKind::Word(Word::Trigger(_)) | ItemKind::Plain)
            })
            .filter(|&i| generic(i))
            .last();
        let g = last_generic?;
        // "around 20 bomb and rocket attacks": the number stands before the whole chain.
        let mut chain = trigger;
        while chain > 0
            && matches!(items[chain - 1].kind, ItemKind::Word(Word::Trigger(_) | Word::Joiner))
        {
            chain -= 1;
        }
        let from = chain.saturating_sub(4);
        let numbers = find_numbers(&items[from..g]);
        // "une double attaque": one compound attack, not a count of them.
        let single = |n: &crate::numbers::NumberExpr| {
            (from + n.first)
                .checked_sub(1)
                .is_some_and(|k| matches!(items[k].kind, ItemKind::Word(Word::Cardinal(1))))
        };
        numbers
            .iter()
            .find(|n| {
                n.min > 1 && from + n.last < chain && from + n.last + 2 >= chain && !single(n)
            })
            .map(|n| n.max.filter(|&max| max == n.min))
    }

    /// The draft a clause with this time speaks of: one dated alike, else the focus.
    fn focus_for(&self, resolved: Option<DateRange>, expr: Option<TimeExpr>) -> Option<usize> {
        if let Some(range) = resolved
            && let Some(found) = (0..self.drafts.len()).rev().find(|&d| self.dated_within(d, range))
        {
            return Some(found);
        }
        if let Some(expr) = expr
            && let Some(found) = (0..self.drafts.len())
                .rev()
                .find(|&d| self.drafts[d].time.as_ref().is_some_and(|t| t.0 == expr))
        {
            return Some(found);
        }
        self.focus
    }

    /// Whether draft `d` has a date that overlaps `range`.
    fn dated_within(&self, d: usize, range: DateRange) -> bool {
        self.drafts[d].time.as_ref().and_then(|t| t.1).is_some_and(|r| r.overlaps(&range))
    }

    fn new_draft(
        &self,
        index: usize,
        sentence: &Sentence<'_>,
        event: &ClauseEvent,
        place: Option<&PlaceMention>,
        past: Option<Ev>,
    ) -> Draft {
        let item = &sentence.items[event.trigger];
        let (event_type, rule) = match event.event_type {
            Some(t) => (t, "trigger".to_string()),
            // A generic "attack" where the lead happened is most often like the lead;
            // elsewhere it is an attack.
            None => match self.drafts.first() {
                Some(lead)
                    if place.is_none_or(|p| {
                        lead.place
                            .as_ref()
                            .is_none_or(|(l, _, _)| relate_places(l, p) != PlaceRelation::Conflict)
                    }) =>
                {
                    (lead.event_type, "generic trigger, typed like the lead incident".to_string())
                }
                _ => (EventType::Attack, "generic trigger".to_string()),
            },
        };
        let type_ev = self.ev(
            index,
            item.start,
            item.end,
            format!("{rule} `{}`", self.doc.original(item.start, item.end)),
        );
        let weapon = event.weapon.map(|(w, rank)| (w, rank, type_ev.clone()));
        Draft {
            event_type,
            type_rank: event.rank,
            type_ev,
            weapon,
            time: None,
            relative: None,
            stretch: None,
            place: None,
            unknown_place: None,
            perpetrator: None,
            quantity: None,
            figures: Vec::new(),
            claimed: None,
            past,
            related: Vec::new(),
            speakers: Vec::new(),
        }
    }

    /// A stronger trigger of the same event refines its type and weapon.
    fn upgrade(&mut self, d: usize, index: usize, sentence: &Sentence<'_>, event: &ClauseEvent) {
        let item = &sentence.items[event.trigger];
        let ev = self.ev(
            index,
            item.start,
            item.end,
            format!("trigger `{}`", self.doc.original(item.start, item.end)),
        );
        let draft = &mut self.drafts[d];
        // A generic event takes the type of a stronger trigger, but a protest word
        // ("manifestants") never turns an attack into a protest.
        // Nor do "the attackers" turn an attack on soldiers, a clash, back into an attack.
        let clash_kept = draft.event_type == EventType::ArmedClash
            && event.event_type == Some(EventType::Attack);
        if let Some(t) = event.event_type
            && event.rank > draft.type_rank
            && !clash_kept
            && (t == draft.event_type || (draft.type_rank <= 20 && event.rank > 20))
        {
            draft.event_type = t;
            draft.type_rank = event.rank;
            draft.type_ev = ev.clone();
        }
        if let Some((w, rank)) = event.weapon
            && draft.weapon.as_ref().is_none_or(|(_, r, _)| rank > *r)
            && event.event_type.is_none_or(|t| t == draft.event_type)
        {
            draft.weapon = Some((w, rank, ev));
        }
    }

    /// Fills the slots of draft `d` from a clause.
    fn enrich(&mut self, d: usize, m: &Mention, event: Option<&ClauseEvent>) {
        let doc = self.doc;
        let index = m.sentence;
        let sentence = &doc.sentences[index];
        let items = &sentence.items;
        // A clause without a trigger may date the event only within the days its
        // default already allows ("The attackers arrived ... on Saturday").
        let refines_default = || {
            let (Some(resolved), Some(published)) = (m.resolved, self.published) else {
                return false;
            };
            let window = published.range();
            let earliest = window.start.and_then(|s| s.checked_sub(2.days()).ok());
            resolved.start.zip(earliest).is_some_and(|(s, e)| s >= e)
                && resolved.end.zip(window.end).is_some_and(|(a, b)| a <= b)
        };
        // "an overnight raid ... entered the village late on Sunday": a bare "overnight"
        // gives way to the day the text names later, within the days before publication.
        let vague_night =
            matches!(self.drafts[d].time, Some((TimeExpr::Ago { unit: Unit::Hour, .. }, _, _)))
                && m.time.is_some_and(|t| {
                    matches!(t.expr, TimeExpr::Weekday { .. } | TimeExpr::Days(_))
                })
                && refines_default();
        // A time counted from the event just told dates a new event, never this one.
        if let Some(t) = m.time
            && !matches!(t.expr, TimeExpr::Shifted { .. })
            && !m.habitual
            && !m.non_event
            && (self.drafts[d].time.is_none() || vague_night)
            && (event.is_some() || (self.drafts[d].past.is_none() && refines_default()))
        {
            let ev = self.ev(index, items[t.first].start, items[t.last].end, "time expression");
            self.drafts[d].time = Some((t.expr, m.resolved, ev));
        }
        if let Some((unit, at)) = m.stretch
            && m.time.is_none()
            && self.drafts[d].stretch.is_none()
        {
            let ev = self.ev(index, items[at].start, items[at].end, "span of time");
            self.drafts[d].stretch = Some((unit, ev));
        }
        // A clause that tells no act places nothing: "un émissaire est attendu à Beyrouth".
        // Nor does a habit or a threat: "Baidoa has been hit repeatedly by the group".
        // Nor "its attacks": a series happens in many places.
        let places_event = (event.is_some_and(|e| !e.series) || m.act || !m.figures.is_empty())
            && !m.habitual
            && !m.non_event;
        if let Some(best) = m.place.map(|p| &m.places[p]).filter(|p| !p.origin && places_event) {
            let replace = match &self.drafts[d].place {
                None => true,
                Some((have, specificity, _)) => {
                    event.is_some()
                        && best.specificity > *specificity
                        && relate_places(have, best) != PlaceRelation::Conflict
                }
            };
            if replace {
                let ev = self.ev(index, best.start, best.end, best.rule);
                self.drafts[d].place = Some((best.clone(), best.specificity, ev));
            }
        }
        let allowed = if m.habitual {
            StatusesAllowed::Hedged
        } else if event.is_none_or(|e| e.needs_act)
            && !m.act
            && !items[m.range.clone()]
                .iter()
                .any(|i| matches!(i.kind, ItemKind::Word(Word::Killed | Word::Wounded)))
        {
            // "forces fighting Islamic State remnants": no act, no stated actor.
            StatusesAllowed::NotStated
        } else {
            StatusesAllowed::All
        };
        if let Some(unknown) = m.unknown_place.as_ref().filter(|_| places_event)
            && self.drafts[d].unknown_place.is_none()
        {
            self.drafts[d].unknown_place = Some(unknown.key.clone());
            let span = doc.span(unknown.start, unknown.end);
            self.diagnostics.push(Diagnostic::info(
                DiagnosticCode::UnknownPlace,
                Some(span),
                format!(
                    "`{}` reads as a place the gazetteer does not know: the incident keeps the nearest known place",
                    &doc.text[span.range()]
                ),
            ));
        }
        // "l'Iran a ciblé cette même base": the place of the event told before; "la
        // ville": the last town named.
        let definite = m.same_place.is_some_and(|at| {
            matches!(
                items[at].kind,
                ItemKind::Word(Word::Place(sitrep_lang::PlaceCue::SameDefinite))
            )
        });
        let last_town = self.last_town.clone().filter(|_| definite).map(|p| (p.specificity, p));
        if let Some(at) = m.same_place
            && self.drafts[d].place.is_none()
            && let Some((specificity, mention)) = last_town.or_else(|| {
                (0..self.drafts.len())
                    .rev()
                    .filter(|&o| o != d)
                    .find_map(|o| self.drafts[o].place.as_ref().map(|p| (p.1, p.0.clone())))
            })
        {
            let ev =
                self.ev(index, items[at].start, items[at].end, "the same place as told before");
            self.drafts[d].place = Some((mention, specificity, ev));
        }
        self.enrich_actors(d, m, allowed);
        // "l'assassinat de", "assassinated": the word itself says someone died.
        if let Some(event) = event
            && let ItemKind::Word(Word::Trigger(t)) = items[event.trigger].kind
            && let Some(n) = self.pack.triggers[*t].killed_at_least
            && !self.drafts[d].figures.iter().any(|(f, _)| f.toll == Toll::Killed)
            && !m.figures.iter().any(|f| f.toll == Toll::Killed)
        {
            let item = &items[event.trigger];
            let ev = self.ev(index, item.start, item.end, "the trigger means a death");
            let figure = Figure {
                toll: Toll::Killed,
                min: n,
                max: None,
                source: None,
                start: item.start,
                end: item.end,
            };
            self.drafts[d].figures.push((figure, ev));
        }
        if !m.habitual {
            for f in &m.figures {
                let ev = self.ev(index, f.start, f.end, "casualty figure");
                self.drafts[d].figures.push((f.clone(), ev));
            }
        }
        // Munitions: a number right before the weapon word ("une dizaine de roquettes").
        let range = m.range.clone();
        if let Some(event) = event
            && self.drafts[d].quantity.is_none()
            && event.weapon.is_some()
        {
            let numbers = find_numbers(&items[range.clone()]);
            let weapon_at = (range.start..range.end).find(|&i| {
                matches!(items[i].kind, ItemKind::Word(Word::Trigger(t)) if self.pack.triggers[*t].weapon.is_some())
            });
            if let Some(w) = weapon_at
                && let Some(n) = numbers.iter().find(|n| {
                    let last = range.start + n.last;
                    let year = n.first == n.last
                        && matches!(items[last].kind, ItemKind::Digits(v) if (1900..=2100).contains(&v));
                    // "F-16 fighter jets", "MQ-9 drones": a model, not a count.
                    let first = range.start + n.first;
                    let model = first > 0 && {
                        let name = doc.original(items[first - 1].start, items[first].end);
                        name.split_once('-').is_some_and(|(letters, digits)| {
                            (1..=3).contains(&letters.len())
                                && letters.starts_with(|c: char| c.is_ascii_uppercase())
                                && letters.chars().all(|c| c.is_ascii_alphabetic())
                                && digits.chars().all(|c| c.is_ascii_digit())
                        })
                    };
                    !year
                        && !model
                        && (last + 1 == w
                            || (last + 2 == w
                            && matches!(
                                items[last + 1].kind,
                                ItemKind::Word(Word::Place(sitrep_lang::PlaceCue::Locative))
                            )))
                })
            {
                let ev = self.ev(
                    index,
                    items[range.start + n.first].start,
                    items[w].end,
                    "number of munitions",
                );
                self.drafts[d].quantity = Some((n.min, n.max, ev));
            }
        }
    }

    /// Perpetrator and claim from a clause, of the statuses `allowed`.
    fn enrich_actors(&mut self, d: usize, m: &Mention, allowed: StatusesAllowed) {
        let index = m.sentence;
        let items = &self.doc.sentences[index].items;
        // Perpetrators: the strongest status wins; named actors over generic ones.
        for p in &m.perpetrators {
            let mut p = p.clone();
            match allowed {
                StatusesAllowed::All => {}
                StatusesAllowed::NotStated if p.status == ActorStatus::Stated => continue,
                StatusesAllowed::NotStated => {}
                // "al-Shabab routinely carries out such bombings": a habit makes the actor
                // a suspect of this one.
                StatusesAllowed::Hedged => match p.status {
                    ActorStatus::Stated => p.status = ActorStatus::Suspected,
                    ActorStatus::Suspected | ActorStatus::Attributed => {}
                    _ => continue,
                },
            }
            let better = match &self.drafts[d].perpetrator {
                None => true,
                // Anyone named outranks "unidentified gunmen", whatever the status.
                Some((have, _)) if have.anonymous != p.anonymous => have.anonymous,
                Some((have, _)) => {
                    p.status < have.status
                        || (p.status == have.status && have.generic && !p.generic)
                }
            };
            if p.status == ActorStatus::Claimed {
                let ev = self.ev(index, p.start, p.end, p.rule);
                self.drafts[d].claimed = Some((true, ev));
            }
            if better {
                let ev = self.ev(index, p.start, p.end, p.rule);
                self.drafts[d].perpetrator = Some((p, ev));
            }
        }
        for speaker in &m.speakers {
            let rule = if speaker.voice_of == speaker.name {
                "the actor spoke of the event"
            } else {
                "the actor's own channel spoke of the event"
            };
            let ev = self.ev(index, speaker.start, speaker.end, rule);
            self.drafts[d].speakers.push((speaker.voice_of.clone(), ev));
        }
        if let Some(at) = m.not_claimed
            && self.drafts[d].claimed.is_none()
        {
            let ev = self.ev(index, items[at].start, items[at].end, "no claim");
            self.drafts[d].claimed = Some((false, ev));
        }
        // A claim by someone the clause does not name: claimed all the same, and by the
        // actor already said to have done it.
        if let Some(at) = m.claim.filter(|_| !matches!(allowed, StatusesAllowed::Hedged))
            && m.perpetrators.is_empty()
            && self.drafts[d].claimed.as_ref().is_none_or(|(value, _)| !value)
        {
            let ev =
                self.ev(index, items[at].start, items[at].end, "a claim by an unnamed speaker");
            self.drafts[d].claimed = Some((true, ev.clone()));
            if let Some((p, pev)) = &mut self.drafts[d].perpetrator
                && !p.generic
            {
                p.status = ActorStatus::Claimed;
                *pev = ev;
            }
        }
    }

    /// "elle avait dit avoir frappé une cellule dans la région de Taybeh et une structure
    /// dans la région de Derdghaiya": a claim that names several places acknowledges the
    /// event told at each of them, not only the one the clause joined.
    fn claim_at_other_places(&mut self, target: usize, m: &Mention) {
        if !m.perpetrators.iter().any(|p| p.status == ActorStatus::Claimed && !p.generic) {
            return;
        }
        // The place named itself: "the region of Taybeh" is near Maaroub, but not Maaroub.
        let names = |d: usize, place: &PlaceMention| {
            self.drafts[d]
                .place
                .as_ref()
                .is_some_and(|(have, _, _)| have.candidate.place.name == place.candidate.place.name)
        };
        let others: Vec<usize> = m
            .places
            .iter()
            .filter(|p| !p.origin && !names(target, p))
            .filter_map(|place| {
                (0..self.drafts.len()).find(|&d| {
                    d != target
                        && self.drafts[d].claimed.is_none()
                        && self.drafts[d].event_type == self.drafts[target].event_type
                        && names(d, place)
                })
            })
            .collect();
        for other in others {
            self.enrich_actors(other, m, StatusesAllowed::NotStated);
        }
    }

    /// Dates from relations; "Puis, deux postes ont été attaqués": an event told as
    /// following straight on from another, and placed nowhere, is where that one was.
    fn settle_relatives(&mut self) {
        for d in 0..self.drafts.len() {
            if let Some((0, Unit::Day | Unit::Hour, anchor, ev)) = self.drafts[d].relative.clone()
                && self.drafts[d].place.is_none()
                && self.drafts[d].unknown_place.is_none()
                && let Some((place, specificity, _)) = self.drafts[anchor].place.clone()
            {
                let ev = Ev { rule: format!("{} (the place of the event before)", ev.rule), ..ev };
                self.drafts[d].place = Some((place, specificity, ev));
            }
            if let Some((n, unit, anchor, _)) = self.drafts[d].relative.clone()
                && self.drafts[d].time.as_ref().is_none_or(|t| t.1.is_none())
                && let Some(range) = self.drafts[anchor].time.as_ref().and_then(|t| t.1)
            {
                let ev =
                    self.drafts[d].relative.as_ref().map(|r| r.3.clone()).expect("checked above");
                self.drafts[d].time =
                    Some((TimeExpr::Relative { n, unit }, Some(offset(range, n, unit)), ev));
            }
        }
    }

    /// "Le porte-parole du Pentagone a reconnu que cette frappe ...": the actor said to
    /// have done it speaks of it, which acknowledges it.
    fn settle_acknowledgements(&mut self) {
        for draft in &mut self.drafts {
            let Some((perpetrator, _)) = &draft.perpetrator else { continue };
            if perpetrator.generic || perpetrator.status == ActorStatus::Claimed {
                continue;
            }
            let Some((_, ev)) = draft.speakers.iter().find(|(name, _)| *name == perpetrator.name)
            else {
                continue;
            };
            let ev = Ev { rule: format!("{} (its own act)", ev.rule), ..ev.clone() };
            if let Some((p, pev)) = &mut draft.perpetrator {
                p.status = ActorStatus::Claimed;
                *pev = ev.clone();
            }
            if draft.claimed.as_ref().is_none_or(|(value, _)| *value) {
                draft.claimed = Some((true, ev));
            }
        }
    }

    /// "une « attaque complexe » ayant débuté par des tirs de roquettes. Puis, deux postes
    /// ont été attaqués ... Cette attaque a été revendiquée par le GSIM": the steps of one
    /// operation, told as following straight on in the same place, share its claim. A
    /// step with a claim status or a named actor of its own keeps them; tolls are never
    /// shared, so no tally counts them twice.
    fn settle_shared_claims(&mut self) {
        for d in 0..self.drafts.len() {
            let Some((0, Unit::Day | Unit::Hour, anchor, _)) = self.drafts[d].relative.clone()
            else {
                continue;
            };
            let same_place = match (&self.drafts[d].place, &self.drafts[anchor].place) {
                (Some((a, _, _)), Some((b, _, _))) => {
                    relate_places(a, b) != PlaceRelation::Conflict
                }
                _ => false,
            };
            if !same_place {
                continue;
            }
            let (from, to) = match (&self.drafts[anchor].claimed, &self.drafts[d].claimed) {
                (Some((true, _)), None) => (anchor, d),
                (None, Some((true, _))) => (d, anchor),
                _ => continue,
            };
            let Some((claimant, ev)) = self.drafts[from].perpetrator.clone() else { continue };
            let named_own = self.drafts[to]
                .perpetrator
                .as_ref()
                .is_some_and(|(p, _)| !p.generic && !p.anonymous);
            if claimant.status != ActorStatus::Claimed || claimant.generic || named_own {
                continue;
            }
            let ev = Ev { rule: format!("{} (a step of the same operation)", ev.rule), ..ev };
            self.drafts[to].claimed = Some((true, ev.clone()));
            self.drafts[to].perpetrator = Some((claimant, ev));
        }
    }

    /// The incident a headline tells, when a headline names one: the article's news,
    /// wherever the body first tells it.
    fn headline_incident(&self) -> Option<usize> {
        let doc = self.doc;
        (0..doc.sentences.len()).filter(|&s| doc.sentences[s].title).find_map(|index| {
            let sentence = &doc.sentences[index];
            // "Gunmen abduct dozens in Kaduna; ISWAP attacks army base in Borno": the first
            // story is the lead.
            let semicolon = sentence.items.iter().position(|i| {
                i.after_break
                    && doc.text[..doc.span(i.start, i.end).start].trim_end().ends_with(';')
            });
            let range = sentence.dateline..semicolon.unwrap_or(sentence.items.len());
            let times = find_times(&sentence.items, doc.folded.as_str(), self.pack);
            let m = self.read_mention(index, range, &times);
            // "Trois Casques bleus tués dans la région de Gao": a toll tells the story too.
            let event = m.event.clone().or_else(|| {
                (!m.figures.is_empty()).then_some(ClauseEvent::generic(m.range.start, 0))
            })?;
            let reading = self.reading(&m, &event);
            // No recency here: the earliest incident the headline fits best.
            let mut best: Option<(usize, f32)> = None;
            // Never a past event: the headline tells the news.
            for d in (0..self.drafts.len()).filter(|&d| self.may_be_news(d)) {
                if let Some(score) = affinity(&self.drafts[d], &reading)
                    && score > best.map_or(0.0, |(_, s)| s)
                {
                    best = Some((d, score));
                }
            }
            best.map(|(d, _)| d)
        })
    }

    /// Whether draft `d` may be news: not known to be past, nor dated more than a week
    /// before publication.
    fn may_be_news(&self, d: usize) -> bool {
        let draft = &self.drafts[d];
        let end = draft.time.as_ref().and_then(|t| t.1).and_then(|r| r.end);
        draft.past.is_none()
            && match (end, self.week_before_publication()) {
                (Some(end), Some(week_before)) => end >= week_before,
                _ => true,
            }
    }

    /// The day a week before the publication date's first day, when there is one: news
    /// is what happened since.
    fn week_before_publication(&self) -> Option<jiff::civil::Date> {
        self.published_range()?.start?.checked_sub(7.days()).ok()
    }

    /// Whether a range ends more than a week before publication.
    fn weeks_back(&self, resolved: Option<DateRange>) -> bool {
        resolved
            .and_then(|r| r.end)
            .zip(self.week_before_publication())
            .is_some_and(|(end, week_before)| end < week_before)
    }

    /// Whether draft `d` is news the text has not dated: a clause dated weeks back ("Last
    /// month, separatists seized a train", "le 17 septembre 2024") is never that event.
    fn undated_news(&self, d: usize) -> bool {
        self.drafts[d].time.is_none() && self.drafts[d].past.is_none()
    }

    /// News or background, from dates, tense and relations.
    fn settle_background(&mut self, headline: Option<usize>) {
        let first = (0..self.drafts.len()).find(|&d| self.drafts[d].past.is_none());
        let Some(lead) = headline.filter(|&d| self.drafts[d].past.is_none()).or(first) else {
            return;
        };
        let lead_range = self.drafts[lead].time.as_ref().and_then(|t| t.1);
        let lead_fine = self.drafts[lead].time.as_ref().is_some_and(|t| fine_grained(t.0));
        let reference = self.published.map(|p| p.range()).or(lead_range);
        for d in 0..self.drafts.len() {
            if d == lead || self.drafts[d].past.is_some() {
                continue;
            }
            // "Puis, ...", "the next day": close after an event of the past is past too.
            if let Some((n, unit, anchor, ev)) = self.drafts[d].relative.clone()
                && anchor != d
                && self.drafts[anchor].past.is_some()
                && (n <= 0 || (matches!(unit, Unit::Hour | Unit::Day) && n <= 3))
            {
                self.drafts[d].past =
                    Some(Ev { rule: format!("{} (after a past event)", ev.rule), ..ev });
                continue;
            }
            let Some((expr, range, ev)) = self.drafts[d].time.clone() else { continue };
            // Told after the lead but dated before it: the days before the news.
            let before_lead = match (range.and_then(|r| r.end), lead_range) {
                (Some(end), Some(lead)) => {
                    lead.start.and_then(|s| s.checked_sub(1.day()).ok()).is_some_and(|s| end < s)
                        && lead.end.zip(lead.start).is_some_and(|(e, s)| (e - s).get_days() <= 7)
                }
                _ => false,
            };
            let before_reference =
                match (range.and_then(|r| r.end), reference.and_then(|r| r.start)) {
                    (Some(end), Some(start)) => end < start - jiff::ToSpan::days(7),
                    _ => false,
                };
            // A week, a month or a year back, against news told by the day.
            let coarser_past = lead_fine && !fine_grained(expr) && looks_back(expr);
            let old = before_reference || coarser_past || before_lead;
            if old {
                self.drafts[d].past =
                    Some(Ev { rule: format!("{}: dated before the news", self.pack.code), ..ev });
            }
        }
    }
}

impl State<'_, '_, '_> {
    /// The country the article names most, as a place.
    pub(crate) fn main_country(&self) -> Option<sitrep_model::Place> {
        self.geo.main_country().and_then(|c| self.gazetteer.country(c)).map(|c| c.place)
    }

    /// The country place for an ISO code.
    pub(crate) fn country(&self, iso2: &str) -> Option<sitrep_model::Place> {
        self.gazetteer.country(iso2).map(|c| c.place)
    }

    /// The days the publication date covers, when there is one.
    pub(crate) fn published_range(&self) -> Option<DateRange> {
        self.published.map(|p| p.range())
    }
}

/// Whether an expression points back from the publication date, or names a date.
/// Whether the trigger at item `at` names what someone carried: an "armed with" cue
/// before it in the same stretch between commas, past other weapons and words that tell
/// no act ("armés de fusils d'assaut et de grenades").
fn carried(items: &[crate::document::Item<'_>], from: usize, at: usize) -> bool {
    (from..at)
        .rev()
        .take(6)
        .take_while(|&k| {
            !items[k + 1].after_break
                && !matches!(
                    items[k].kind,
                    ItemKind::Word(
                        Word::Killed
                            | Word::Wounded
                            | Word::Cue(
                                CueKind::Act
                                    | CueKind::Passive
                                    | CueKind::Source
                                    | CueKind::Agent
                                    | CueKind::Target
                            )
                    )
                )
        })
        .any(|k| matches!(items[k].kind, ItemKind::Word(Word::Cue(CueKind::ArmedWith))))
}

/// Whether a time opened at item `at` ("depuis 2022") ends at a comma: a span in an
/// apposition ("Djibo, sous blocus depuis 2022, avait été frappée").
fn closed_span(items: &[crate::document::Item<'_>], times: &[TimeMention], at: usize) -> bool {
    times.iter().any(|t| t.first == at && items.get(t.last + 1).is_some_and(|n| n.after_break))
}

fn looks_back(expr: TimeExpr) -> bool {
    match expr {
        TimeExpr::Weeks(n) | TimeExpr::Months(n) | TimeExpr::Years(n) => n < 0,
        TimeExpr::Ago { .. }
        | TimeExpr::Absolute(_)
        | TimeExpr::Month { .. }
        | TimeExpr::MonthsPart { .. } => true,
        _ => false,
    }
}

/// Whether an expression names a day or a few days (the grain of news).
fn fine_grained(expr: TimeExpr) -> bool {
    matches!(expr, TimeExpr::Days(_) | TimeExpr::Weekday { .. } | TimeExpr::MonthDay { .. })
        // "three hours ago", "overnight", "il y a deux jours".
        || matches!(expr, TimeExpr::Ago { unit: Unit::Hour | Unit::Day, .. })
        || matches!(expr, TimeExpr::Absolute(r) if r.precision() <= sitrep_model::DatePrecision::Days)
}

/// Great-circle distance in kilometres.
pub(crate) fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}
