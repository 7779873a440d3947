//! Place mentions: curated sites, capitalised names found in the gazetteer, and the
//! phrases around them ("la base aérienne de", "near", "province of").

use std::collections::BTreeMap;

use sitrep_geo::{Candidate, Gazetteer, GeoContext, PlaceKind};
use sitrep_lang::{CueKind, PlaceCue, Word};
use sitrep_model::Precision;
use sitrep_text::{fold_key, key_of_folded};

use crate::document::{Document, ItemKind, Sentence};
use crate::numbers::find_numbers;

/// A place named in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct PlaceMention {
    pub(crate) candidate: Candidate,
    /// Folded byte range of the name.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// How specific: site 4, town 3, region 2, country 1; "near" lowers it.
    pub(crate) specificity: f32,
    /// Which rule read it.
    pub(crate) rule: &'static str,
    /// Named as a place nearby ("near", "north of"), not the place itself.
    pub(crate) near: bool,
    /// Named as where the attack came from ("fired from"), not where it struck.
    pub(crate) origin: bool,
    /// Introduced by a preposition or a place word ("in", "near the town of").
    pub(crate) introduced: bool,
}

/// What the article says about where it is: its countries, for ranking candidates.
#[derive(Debug, Clone, Default)]
pub(crate) struct ArticleGeo {
    pub(crate) context: GeoContext,
    /// Mentions per country (ISO code).
    pub(crate) countries: BTreeMap<String, f32>,
}

impl ArticleGeo {
    fn prefer_country(&mut self, country: &str, weight: f32) {
        self.context.prefer_country(country, weight);
        *self.countries.entry(country.to_string()).or_default() += weight;
    }

    fn weight(&self, country: &str) -> f32 {
        self.countries.get(country).copied().unwrap_or(0.0)
    }

    /// The country named most often, if any.
    pub(crate) fn main_country(&self) -> Option<&str> {
        self.countries
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| c.as_str())
    }
}

/// How much a region's name says of the country an article is about, against 1 for the
/// country's own name.
const REGION_WEIGHT: f32 = 0.5;

/// Countries the article talks about: demonyms, country names, region names and curated
/// sites.
pub(crate) fn article_context(doc: &Document<'_, '_>, gazetteer: &Gazetteer) -> ArticleGeo {
    let mut context = ArticleGeo::default();
    for sentence in &doc.sentences {
        for item in &sentence.items {
            if let ItemKind::Word(Word::Place(PlaceCue::Demonym(country))) = &item.kind {
                context.prefer_country(country, 1.0);
            }
        }
        for site in &sentence.sites {
            if let Some(country) = &site.candidate.place.country {
                context.prefer_country(country, 1.0);
            }
        }
        for (start, end) in capitalised_runs(doc, sentence) {
            let key = key_of_folded(&doc.folded.as_str()[start..end]);
            if let Some(country) = gazetteer.country_named(&key) {
                context.prefer_country(&country, 1.0);
            } else if let Some(country) = gazetteer.region_country(&key) {
                // "Borno", "Anbar": a region names its country, less surely than its name.
                context.prefer_country(&country, REGION_WEIGHT);
            }
        }
    }
    context
}

/// Runs of items whose original text starts with a capital letter (single words;
/// the caller grows them into names).
fn capitalised_runs(doc: &Document<'_, '_>, sentence: &Sentence<'_>) -> Vec<(usize, usize)> {
    sentence
        .items
        .iter()
        .filter(|item| matches!(item.kind, ItemKind::Plain | ItemKind::Word(_)))
        .filter(|item| doc.original(item.start, item.end).starts_with(char::is_uppercase))
        .map(|item| (item.start, item.end))
        .collect()
}

/// Every place named in items `range` of a sentence.
pub(crate) fn find_places(
    doc: &Document<'_, '_>,
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
    gazetteer: &Gazetteer,
    context: &ArticleGeo,
) -> Vec<PlaceMention> {
    let items = &sentence.items;
    let (lo, hi) =
        match (items.get(range.start), range.end.checked_sub(1).and_then(|i| items.get(i))) {
            (Some(a), Some(b)) => (a.start, b.end),
            _ => return Vec::new(),
        };
    let mut out = Vec::new();
    for site in &sentence.sites {
        if site.start >= lo && site.end <= hi {
            let first = items.iter().position(|i| i.start >= site.start).unwrap_or(0);
            let direction = cue_before(sentence, first, |c| matches!(c, PlaceCue::Toward));
            let toward =
                direction && distance_before(doc, sentence, first).is_none_or(|km| km > NEAR_KM);
            let near = direction || cue_before(sentence, first, |c| matches!(c, PlaceCue::Near));
            let origin = cue_before(sentence, first, |c| matches!(c, PlaceCue::Origin));
            let mut candidate = site.candidate.clone();
            if toward {
                candidate.place.precision = Precision::Admin1;
            }
            out.push(PlaceMention {
                candidate,
                start: site.start,
                end: site.end,
                specificity: if toward {
                    2.0
                } else if near {
                    3.5
                } else {
                    4.0
                },
                rule: if toward { "in a direction from a curated site" } else { "curated site" },
                near,
                origin,
                introduced: true,
            });
        }
    }
    let mut i = range.start;
    while i < range.end {
        let item = &items[i];
        let covered = out.iter().any(|m| item.start >= m.start && item.start < m.end)
            || sentence.actors.iter().any(|a| item.start >= a.start && item.start < a.end);
        if covered || !starts_name(doc, sentence, i) {
            i += 1;
            continue;
        }
        // The longest run of up to five items from `i` that is a known name: capitalised
        // words and the short particles between them ("Deir ez-Zor", "Ain al-Asad").
        let run = items[i + 1..range.end]
            .iter()
            .take(4)
            .take_while(|it| {
                !it.after_break && {
                    let text = doc.original(it.start, it.end);
                    text.starts_with(char::is_uppercase) || text.chars().count() <= 3
                }
            })
            .count();
        let mut found = None;
        for len in (1..=run + 1).rev() {
            let last = i + len - 1;
            let key = key_of_folded(&doc.folded.as_str()[item.start..items[last].end]);
            if gazetteer.is_name(&key) {
                found = Some(last);
                break;
            }
        }
        let Some(last) = found else {
            i += 1;
            continue;
        };
        let name = doc.original(item.start, items[last].end);
        if let Some(mention) = read_mention(doc, sentence, i, last, name, gazetteer, context) {
            out.push(mention);
        }
        i = last + 1;
    }
    out.sort_by_key(|m| m.start);
    drop_inconsistent(sentence, &mut out);
    out
}

/// "in the city's Prymorskyi district": a place named as a part of the town just named
/// (the city and a possessive before the name) is dropped when it lies far from that
/// town, a homonym elsewhere.
pub(crate) fn drop_far_parts_of_town(
    sentence: &Sentence<'_>,
    places: &mut Vec<PlaceMention>,
    town: &PlaceMention,
) {
    let Some(town) = town.candidate.place.lat.zip(town.candidate.place.lon) else { return };
    let items = &sentence.items;
    places.retain(|p| {
        let at = sentence.item_at(p.start);
        let of_the_town = at >= 2
            && matches!(items[at - 2].kind, ItemKind::Word(Word::Place(PlaceCue::SameDefinite)))
            && matches!(items[at - 1].kind, ItemKind::Plain)
            && items[at - 1].end - items[at - 1].start == 1;
        let far = p
            .candidate
            .place
            .lat
            .zip(p.candidate.place.lon)
            .is_some_and(|here| crate::pipeline::distance_km(here, town) > 30.0);
        !(of_the_town && far)
    });
}

/// "le quartier de Chahba, dans l'ouest d'Alep": a place followed at once by the place
/// that holds it must lie in it; a homonym elsewhere in the country is dropped.
fn drop_inconsistent(sentence: &Sentence<'_>, mentions: &mut Vec<PlaceMention>) {
    let item_at = |byte: usize| sentence.items.iter().position(|i| i.start >= byte);
    let mut keep = vec![true; mentions.len()];
    for k in 0..mentions.len().saturating_sub(1) {
        let (inner, outer) = (&mentions[k], &mentions[k + 1]);
        let (Some(a), Some(b)) = (item_at(inner.end), item_at(outer.start)) else { continue };
        if b > a + 5 || inner.near || outer.near {
            continue;
        }
        let (pi, po) = (&inner.candidate.place, &outer.candidate.place);
        let held = match po.precision {
            Precision::Town => match (pi.lat.zip(pi.lon), po.lat.zip(po.lon)) {
                (Some(x), Some(y)) => crate::pipeline::distance_km(x, y) <= 60.0,
                _ => true,
            },
            Precision::Admin1 => pi.admin1.is_none() || pi.admin1 == po.admin1,
            Precision::Country => pi.country.is_none() || pi.country == po.country,
            Precision::Site => true,
        };
        if !held && pi.precision <= Precision::Town {
            keep[k] = false;
        }
    }
    let mut flags = keep.into_iter();
    mentions.retain(|_| flags.next().unwrap_or(true));
}

/// Whether item `i` may start a place name: a capitalised plain word that is not the
/// second half of a person's name.
fn starts_name(doc: &Document<'_, '_>, sentence: &Sentence<'_>, i: usize) -> bool {
    let item = &sentence.items[i];
    if !matches!(item.kind, ItemKind::Plain) {
        return false;
    }
    let original = doc.original(item.start, item.end);
    if !original.starts_with(char::is_uppercase) {
        return false;
    }
    // "Joe Biden", "John Kirby": a capitalised unknown word right before.
    if i > 0 {
        let prev = &sentence.items[i - 1];
        let prev_text = doc.original(prev.start, prev.end);
        if !item.after_break
            && matches!(prev.kind, ItemKind::Plain)
            && prev_text.starts_with(char::is_uppercase)
            && prev_text.chars().count() > 2
            && i - 1 > 0
        {
            return false;
        }
    }
    true
}

/// Up to how many kilometres off a place an event is told as near it.
const NEAR_KM: f64 = 25.0;

/// The distance told just before a place name, in kilometres: "about 15 km (9 miles)
/// west of", "à une vingtaine de kilomètres au sud-ouest de". Units are read by their
/// Latin stems, "km", "kilom-" and "mile".
fn distance_before(doc: &Document<'_, '_>, sentence: &Sentence<'_>, first: usize) -> Option<f64> {
    let items = &sentence.items;
    (first.saturating_sub(10)..first).rev().find_map(|k| {
        // Folded text: lower case, no accents.
        let unit = &doc.folded.as_str()[items[k].start..items[k].end];
        let per_unit = if unit.starts_with("km") || unit.starts_with("kilom") {
            1.0
        } else if unit.starts_with("mile") {
            1.609
        } else {
            return None;
        };
        let from = k.saturating_sub(3);
        let count = find_numbers(&items[from..k]).pop()?;
        let count = (f64::from(count.min) + f64::from(count.max.unwrap_or(count.min))) / 2.0;
        Some(count * per_unit)
    })
}

/// Whether the name in items `first..=last` is one end of a road named by its two towns:
/// joined to another capitalised name by a hyphen, with a road word right before the
/// pair or right after it ("l'axe Gao-Anefis", "the Quetta-Karachi highway").
fn road_end(doc: &Document<'_, '_>, sentence: &Sentence<'_>, first: usize, last: usize) -> bool {
    let items = &sentence.items;
    let hyphen = |a: usize, b: usize| {
        let between = doc.original(items[a].end, items[b].start);
        matches!(between.trim(), "-" | "\u{2013}" | "\u{2011}")
            && doc.original(items[b].start, items[b].end).starts_with(char::is_uppercase)
            && doc.original(items[a].start, items[a].end).starts_with(char::is_uppercase)
    };
    let road = |k: usize| {
        matches!(items.get(k).map(|i| &i.kind), Some(ItemKind::Word(Word::Place(PlaceCue::Road))))
    };
    // The road word first, the hyphen in the original text only then.
    let named_road =
        |lo: usize, hi: usize| (lo > 0 && road(lo - 1)) || road(hi + 1) || road(hi + 2);
    (last + 1 < items.len() && named_road(first, last + 1) && hyphen(last, last + 1))
        || (first > 0 && named_road(first - 1, last) && hyphen(first - 1, first))
}

fn cue_before(sentence: &Sentence<'_>, i: usize, wanted: impl Fn(&PlaceCue) -> bool) -> bool {
    (i.saturating_sub(3)..i)
        .rev()
        .any(|j| matches!(&sentence.items[j].kind, ItemKind::Word(Word::Place(cue)) if wanted(cue)))
}

/// The place named `name` in items `first..=last` of a sentence, if the gazetteer and
/// the article's countries make it one.
fn read_mention(
    doc: &Document<'_, '_>,
    sentence: &Sentence<'_>,
    first: usize,
    last: usize,
    name: &str,
    gazetteer: &Gazetteer,
    context: &ArticleGeo,
) -> Option<PlaceMention> {
    let items = &sentence.items;
    // "lors d'un point de presse à Cotonou": where the statement was made.
    let statement = (first.saturating_sub(3)..first)
        .any(|k| matches!(items[k].kind, ItemKind::Word(Word::Cue(CueKind::Publication))));
    if statement {
        return None;
    }
    let before = |j: usize| first.checked_sub(j).map(|k| &items[k].kind);
    let cue = |k: Option<&ItemKind<'_>>| match k {
        Some(ItemKind::Word(Word::Place(c))) => Some(c.clone()),
        _ => None,
    };
    let cue1 = cue(before(1));
    let cue2 = cue(before(2));
    let after = cue(items.get(last + 1).map(|i| &i.kind));
    let admin = matches!(cue1, Some(PlaceCue::AdminBefore))
        || matches!(cue2, Some(PlaceCue::AdminBefore))
        || matches!(after, Some(PlaceCue::AdminAfter));
    // "about 15 km west of Lubero": a short way off is near the place, not in its region.
    let direction = cue_before(sentence, first, |c| matches!(c, PlaceCue::Toward));
    let toward = direction && distance_before(doc, sentence, first).is_none_or(|km| km > NEAR_KM);
    let road = road_end(doc, sentence, first, last);
    let near = direction || cue_before(sentence, first, |c| matches!(c, PlaceCue::Near));
    let origin = cue_before(sentence, first, |c| matches!(c, PlaceCue::Origin));
    let site = matches!(cue1, Some(PlaceCue::SiteBefore(_)))
        || matches!(after, Some(PlaceCue::SiteAfter(_)));
    let introduced = admin
        || near
        || origin
        || site
        || matches!(cue1, Some(PlaceCue::Locative | PlaceCue::Article))
        || matches!(cue2, Some(PlaceCue::Locative));

    let candidates = gazetteer.lookup(name, &context.context);
    let chosen = if admin {
        candidates.iter().find(|c| c.kind == PlaceKind::Admin1).or(candidates.first())
    } else {
        candidates.first()
    }?;
    let in_context = chosen.place.country.as_deref().is_some_and(|c| context.weight(c) > 0.0);
    let big = matches!(chosen.kind, PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Site)
        || chosen.population >= 100_000;
    let sentence_start = first == 0;
    // Abroad, only a big place named by its own name: "Din" in "Hurras al-Din" is not
    // Dingxi, China.
    let own_name = fold_key(&chosen.place.name) == chosen.matched && chosen.matched.len() >= 4;
    let big = big && (in_context || own_name || chosen.kind == PlaceKind::Country);
    // "joint par Jeune Afrique": a small place reached by another of its names, followed
    // at once by a capitalised word, is the start of a longer proper name.
    let longer_name = items.get(last + 1).is_some_and(|next| {
        !next.after_break
            && matches!(next.kind, ItemKind::Plain)
            && doc.original(next.start, next.end).starts_with(char::is_uppercase)
    });
    if longer_name && !own_name && !big {
        return None;
    }
    // "An Israeli drone strike near Bint Jbeil": a curated conflict town (no recorded
    // population) introduced as a place is one, whatever countries the article names.
    let curated = chosen.kind == PlaceKind::City && chosen.population == 0 && introduced;
    let trusted = in_context || big || curated;
    // A small town abroad, in an article about other countries, is a homonym.
    let foreign = !in_context && !context.countries.is_empty() && !big && !curated;
    if foreign || (!trusted && (sentence_start || !introduced)) {
        return None;
    }
    let mut candidate = chosen.clone();
    let mut specificity = match candidate.place.precision {
        Precision::Site => 4.0,
        Precision::Town => 3.0,
        Precision::Admin1 => 2.0,
        Precision::Country => 1.0,
    };
    let rule = if site {
        specificity += 0.5;
        "town named with a site word"
    } else if road {
        // "on the Quetta-Karachi highway in Kalat district": the district says where.
        specificity = 1.5;
        "an end of a road named by its two towns"
    } else if toward && candidate.place.precision <= Precision::Town {
        // "60 km southeast of Baidoa", "au nord de Bagdad": somewhere in its region.
        specificity = 2.0;
        candidate.place.precision = Precision::Admin1;
        "in a direction from a named place"
    } else if near {
        // Near a place, not in it: keep the anchor's point, say less about precision.
        specificity -= 0.5;
        if candidate.place.precision == Precision::Site {
            candidate.place.precision = Precision::Town;
        }
        "near a named place"
    } else if admin {
        "region"
    } else {
        "gazetteer name"
    };
    Some(PlaceMention {
        candidate,
        start: items[first].start,
        end: items[last].end,
        specificity,
        rule,
        near,
        origin,
        introduced,
    })
}

/// A name the text gives as a place that the gazetteer does not know: capitalised words
/// right after a preposition or a place word ("in Ain Baal", "in the town of Shehabiya"),
/// that are no known place, actor or site. Folded byte range and key.
#[derive(Debug, Clone)]
pub(crate) struct UnknownPlace {
    pub(crate) key: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The unknown place names of items `range` of a sentence, given the places found there.
pub(crate) fn unknown_places(
    doc: &Document<'_, '_>,
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
    known: &[PlaceMention],
) -> Vec<UnknownPlace> {
    let items = &sentence.items;
    let mut out = Vec::new();
    let mut i = range.start.max(1);
    while i < range.end {
        let introduced = matches!(
            &items[i - 1].kind,
            ItemKind::Word(Word::Place(
                PlaceCue::Locative
                    | PlaceCue::Near
                    | PlaceCue::Toward
                    | PlaceCue::SiteBefore(_)
                    | PlaceCue::AdminBefore
            ))
        );
        let covered = |at: usize| {
            known.iter().any(|m| at >= m.start && at < m.end)
                || sentence.actors.iter().any(|a| at >= a.start && at < a.end)
                || sentence.sites.iter().any(|s| at >= s.start && at < s.end)
        };
        if !introduced || covered(items[i].start) || !starts_name(doc, sentence, i) {
            i += 1;
            continue;
        }
        let run = items[i + 1..range.end]
            .iter()
            .take(3)
            .take_while(|it| {
                !it.after_break
                    && matches!(it.kind, ItemKind::Plain)
                    && doc.original(it.start, it.end).starts_with(char::is_uppercase)
            })
            .count();
        let last = i + run;
        let (start, end) = (items[i].start, items[last].end);
        out.push(UnknownPlace { key: key_of_folded(&doc.folded.as_str()[start..end]), start, end });
        i = last + 1;
    }
    out
}
