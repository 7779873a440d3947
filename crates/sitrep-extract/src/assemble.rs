//! Drafts become incidents: dates defaulted honestly, figures merged by source,
//! evidence attached to every field, ids given in output order.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;
use sitrep_lang::schema::Unit;
use sitrep_model::{
    Actor, ActorStatus, ContentHash, Count, DatePrecision, DateRange, EventType, Evidence, Field,
    Incident, Link,
};

use crate::casualties::{Figure, Toll};
use crate::dates::offset;
use crate::pipeline::{Ev, State};

/// Builds the incidents of an article, news first, each group in text order.
pub(crate) fn incidents(state: &mut State<'_, '_, '_>, hash: &ContentHash) -> Vec<Incident> {
    let mut order: Vec<usize> = (0..state.drafts.len()).collect();
    order.sort_by_key(|&d| (state.drafts[d].past.is_some(), state.drafts[d].type_ev.start));
    let ids: BTreeMap<usize, String> =
        order.iter().enumerate().map(|(n, &d)| (d, hash.incident_id(n))).collect();
    let lead = order.first().copied();
    let lead_range = lead.and_then(|l| state.drafts[l].time.as_ref().and_then(|t| t.1));
    order.iter().map(|&d| build(state, d, &ids, ids[&d].clone(), lead_range)).collect()
}

fn build(
    state: &State<'_, '_, '_>,
    d: usize,
    ids: &BTreeMap<usize, String>,
    id: String,
    lead_range: Option<DateRange>,
) -> Incident {
    let draft = &state.drafts[d];
    let mut evidence = Vec::new();
    let mut note = |field: Field, ev: &Ev| evidence.push(evidence_of(state, field, ev));
    note(Field::Type, &draft.type_ev);
    let background = draft.past.is_some();
    if let Some(ev) = &draft.past {
        note(Field::Background, ev);
    }
    let date = match &draft.time {
        Some((_, Some(range), ev)) => {
            note(Field::Date, ev);
            *range
        }
        Some((_, None, _)) => DateRange::unknown(),
        None => {
            let stretch = draft.stretch.as_ref().map(|(unit, ev)| {
                note(Field::Date, ev);
                *unit
            });
            default_date(state, background, lead_range, stretch)
        }
    };
    let weapon = draft.weapon.as_ref().map(|(w, _, ev)| {
        note(Field::Weapon, ev);
        *w
    });
    let location = match &draft.place {
        Some((mention, _, ev)) => {
            note(Field::Location, ev);
            Some(mention.candidate.place.clone())
        }
        // News the text places nowhere (or only by a name the gazetteer lacks): the
        // country of the nearest incident of its kind, else the country the article is
        // about; never a guess at a town.
        None if !background => sibling_country(state, d)
            .or_else(|| placed_country(state))
            .or_else(|| state.main_country()),
        None => None,
    };
    let perpetrator = match &draft.perpetrator {
        Some((p, ev)) if !p.anonymous => {
            note(Field::Perpetrator, ev);
            Actor { name: Some(p.name.clone()), status: p.status }
        }
        // "unidentified gunmen" names no actor.
        Some((_, ev)) => {
            note(Field::Perpetrator, ev);
            Actor { name: None, status: ActorStatus::Unknown }
        }
        None => Actor { name: None, status: ActorStatus::Unknown },
    };
    let quantity = draft.quantity.as_ref().map(|(min, max, ev)| {
        note(Field::Quantity, ev);
        Count { min: *min, max: *max, by_source: BTreeMap::new() }
    });
    let killed = tally(&draft.figures, Toll::Killed, Field::Killed, &mut note);
    let wounded = tally(&draft.figures, Toll::Wounded, Field::Wounded, &mut note);
    let claimed = draft.claimed.as_ref().map(|(value, ev)| {
        note(Field::Claimed, ev);
        *value
    });
    let related = draft
        .related
        .iter()
        .map(|(rel, other, ev)| {
            note(Field::Related, ev);
            Link { rel: *rel, key: ids[other].clone() }
        })
        .collect();
    // Gunmen who killed and abducted: an attack, of which the abductions are a part
    // (ACLED codes the killing first).
    let event_type = match (draft.event_type, &killed) {
        (EventType::Abduction, Some(k)) if k.min > 0 => EventType::Attack,
        (t, _) => t,
    };
    Incident {
        id,
        event_type,
        background,
        date,
        location,
        perpetrator: Some(perpetrator),
        target: None,
        weapon,
        quantity,
        killed,
        wounded,
        claimed,
        related,
        evidence,
    }
}

/// The country of the incident of the same type told nearest before `d` (or after it),
/// for an incident placed nowhere: "deux frappes ... sur la localité de Taybeh ... une
/// frappe israélienne ayant visé Maaroub" are both in Lebanon.
fn sibling_country(state: &State<'_, '_, '_>, d: usize) -> Option<sitrep_model::Place> {
    let drafts = &state.drafts;
    let kin = |o: &usize| *o != d && drafts[*o].event_type == drafts[d].event_type;
    let country = (0..d)
        .rev()
        .chain(d + 1..drafts.len())
        .filter(kin)
        .find_map(|o| drafts[o].place.as_ref()?.0.candidate.place.country.clone())?;
    state.country(&country)
}

/// The country where most of the article's placed incidents are, ties to the first told:
/// the incidents of an article about Borno are in Nigeria even when it names Cameroon.
fn placed_country(state: &State<'_, '_, '_>) -> Option<sitrep_model::Place> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for draft in &state.drafts {
        let Some(country) = draft.place.as_ref().and_then(|p| p.0.candidate.place.country.clone())
        else {
            continue;
        };
        match counts.iter_mut().find(|(c, _)| *c == country) {
            Some((_, n)) => *n += 1,
            None => counts.push((country, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    let (country, _) = counts.into_iter().find(|(_, n)| *n == best)?;
    state.country(&country)
}

/// The date of an incident the text does not date: the days before publication for
/// news, open before the news for background; unknown with no publication date. A
/// vague span ("pendant des semaines", "for months") bounds how far back either goes.
fn default_date(
    state: &State<'_, '_, '_>,
    background: bool,
    lead: Option<DateRange>,
    stretch: Option<Unit>,
) -> DateRange {
    let Some(published) = state.published_range() else {
        return DateRange::unknown();
    };
    let (Some(start), Some(end)) = (published.start, published.end) else {
        return DateRange::unknown();
    };
    let back_from = |day: Date| {
        stretch.and_then(|unit| offset(DateRange::day(day), -vague_plural(unit), unit).start)
    };
    if background {
        let before = lead.and_then(|l| l.start).unwrap_or(start);
        return DateRange { start: back_from(before), end: Some(before) };
    }
    let back = if published.precision() == DatePrecision::Day { 2 } else { 6 };
    let start = back_from(start).unwrap_or(start.checked_sub(back.days()).unwrap_or(start));
    DateRange::between(start, end)
}

/// How many units a vague plural ("des semaines", "for months") reaches back at most.
fn vague_plural(unit: Unit) -> i32 {
    match unit {
        Unit::Hour => 48,
        Unit::Day => 14,
        Unit::Week => 8,
        Unit::Month => 12,
        Unit::Year => 10,
    }
}

/// Merges the figures of one toll: the range over all of them, with figures by source
/// when two or more named sources disagree.
fn tally(
    figures: &[(Figure, Ev)],
    toll: Toll,
    field: Field,
    note: &mut impl FnMut(Field, &Ev),
) -> Option<Count> {
    let mine: Vec<&(Figure, Ev)> = figures.iter().filter(|(f, _)| f.toll == toll).collect();
    let first = mine.first()?;
    let mut count = Count { min: first.0.min, max: first.0.max, by_source: BTreeMap::new() };
    for (f, ev) in &mine {
        note(field, ev);
        count = count.union(&Count { min: f.min, max: f.max, by_source: BTreeMap::new() });
    }
    // Floors only ("at least ten", "at least two bodies"): the highest floor holds.
    if mine.iter().all(|(f, _)| f.max.is_none()) {
        count.min = mine.iter().map(|(f, _)| f.min).max().unwrap_or(count.min);
    }
    // "at least six" and then "six" and "nine": exact figures that meet every floor
    // bound the toll.
    let exact_max = mine.iter().filter_map(|(f, _)| f.max).max();
    if let Some(top) = exact_max
        && count.max.is_none()
        && mine.iter().all(|(f, _)| f.min <= top)
    {
        count.max = Some(top);
    }
    let mut by_source: BTreeMap<String, u32> = BTreeMap::new();
    for (f, _) in &mine {
        if let Some(source) = &f.source {
            by_source.entry(source.clone()).or_insert(f.max.unwrap_or(f.min));
        }
    }
    let distinct: std::collections::BTreeSet<u32> = by_source.values().copied().collect();
    if by_source.len() >= 2 && distinct.len() >= 2 {
        count.by_source = by_source;
    }
    Some(count)
}

fn evidence_of(state: &State<'_, '_, '_>, field: Field, ev: &Ev) -> Evidence {
    let span = state.doc.span(ev.start, ev.end);
    Evidence {
        field,
        span,
        excerpt: state.doc.text[span.range()].to_string(),
        sentence: state.doc.sentences[ev.sentence].span,
        rule: ev.rule.clone(),
    }
}
