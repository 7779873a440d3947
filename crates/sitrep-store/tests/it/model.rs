//! Model-based test: random sequences of batches (with repeats) and queries agree with an
//! in-memory model of the set of articles and incidents.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use proptest::prelude::*;
use sitrep_model::{Date, DateRange, EventType, Incident};
use sitrep_store::{IncidentQuery, IngestOutcome, Store, StoreStats, StoredIncident};

use crate::support::{BACKENDS, Item, article, diagnostic, extraction, incident, place};

/// Words of article texts; none of them occurs in any other field.
const TEXT_WORDS: [&str; 4] = ["zebra", "quartz", "mango", "velvet"];
/// Words of incident targets; none of them occurs in any other field.
const TARGET_WORDS: [&str; 3] = ["harbor", "copper", "tunnel"];
const COUNTRIES: [&str; 3] = ["ML", "bf", "Sy"];
const TYPES: [EventType; 4] =
    [EventType::Attack, EventType::ArmedClash, EventType::AirDroneStrike, EventType::Abduction];

fn day(offset: u8) -> Date {
    let mut date: Date = "2021-03-01".parse().expect("a valid date");
    for _ in 0..offset {
        date = date.tomorrow().expect("within the calendar");
    }
    date
}

/// The shape of an incident, drawn by proptest.
#[derive(Debug, Clone)]
struct IncidentSpec {
    event_type: usize,
    background: bool,
    /// 0: unknown; 1: one day; 2: a range; 3: only a start; 4: only an end.
    date_kind: u8,
    start: u8,
    length: u8,
    country: Option<usize>,
    target: Option<usize>,
}

/// The shape of an article, drawn by proptest. Texts come from a small set, so two specs
/// may share a text (and so a content hash) with different extractions.
#[derive(Debug, Clone)]
struct ItemSpec {
    word: usize,
    number: u8,
    incidents: Vec<IncidentSpec>,
    diagnostics: u8,
}

fn incident_spec() -> impl Strategy<Value = IncidentSpec> {
    (
        0..TYPES.len(),
        any::<bool>(),
        0..5_u8,
        0..40_u8,
        0..6_u8,
        proptest::option::of(0..COUNTRIES.len()),
        proptest::option::of(0..TARGET_WORDS.len()),
    )
        .prop_map(|(event_type, background, date_kind, start, length, country, target)| {
            IncidentSpec { event_type, background, date_kind, start, length, country, target }
        })
}

fn item_spec() -> impl Strategy<Value = ItemSpec> {
    (0..TEXT_WORDS.len(), 0..4_u8, proptest::collection::vec(incident_spec(), 0..4), 0..3_u8)
        .prop_map(|(word, number, incidents, diagnostics)| ItemSpec {
            word,
            number,
            incidents,
            diagnostics,
        })
}

fn build(index: usize, spec: &ItemSpec) -> Item {
    let text = format!("Report {} number {}.", TEXT_WORDS[spec.word], spec.number);
    let published = if index.is_multiple_of(2) { Some("2021-03") } else { None };
    let a = article(&format!("pool-{index}"), &text, published);
    let hash = a.content_hash();
    let incidents = spec
        .incidents
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (start, end) = (day(s.start), day(s.start.saturating_add(s.length)));
            let date = match s.date_kind {
                0 => DateRange::unknown(),
                1 => DateRange::day(start),
                2 => DateRange::between(start, end),
                3 => DateRange { start: Some(start), end: None },
                _ => DateRange { start: None, end: Some(end) },
            };
            let mut inc = incident(&hash, i, TYPES[s.event_type], s.background, date);
            inc.location = s.country.map(|c| place("Somewhere", COUNTRIES[c], None));
            inc.target = s.target.map(|t| format!("{} gate", TARGET_WORDS[t]));
            inc
        })
        .collect();
    let diagnostics = (0..spec.diagnostics).map(|i| diagnostic(&format!("d{i}"))).collect();
    let e = extraction(&a, incidents, diagnostics);
    (a, e)
}

/// A query, drawn by proptest.
#[derive(Debug, Clone)]
struct QuerySpec {
    since: Option<u8>,
    until: Option<u8>,
    country: Option<usize>,
    event_type: Option<usize>,
    word: Option<usize>,
    include_background: bool,
    limit: Option<usize>,
}

fn query_spec() -> impl Strategy<Value = QuerySpec> {
    (
        proptest::option::of(0..50_u8),
        proptest::option::of(0..50_u8),
        proptest::option::of(0..COUNTRIES.len()),
        proptest::option::of(0..TYPES.len()),
        proptest::option::of(0..TEXT_WORDS.len() + TARGET_WORDS.len()),
        any::<bool>(),
        proptest::option::of(0..6_usize),
    )
        .prop_map(|(since, until, country, event_type, word, include_background, limit)| {
            // Keep since <= until: the other order is a bad query, tested elsewhere.
            let (since, until) = match (since, until) {
                (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                other => other,
            };
            QuerySpec { since, until, country, event_type, word, include_background, limit }
        })
}

fn query_word(index: usize) -> &'static str {
    TEXT_WORDS.get(index).copied().unwrap_or_else(|| TARGET_WORDS[index - TEXT_WORDS.len()])
}

/// The in-memory model: articles by content hash, first one kept.
#[derive(Default)]
struct Model {
    items: BTreeMap<String, Item>,
}

impl Model {
    fn ingest(&mut self, batch: &[Item]) -> Vec<IngestOutcome> {
        batch
            .iter()
            .map(|item| {
                let hash = item.0.content_hash().as_str().to_string();
                match self.items.entry(hash) {
                    Entry::Occupied(_) => IngestOutcome::Duplicate,
                    Entry::Vacant(slot) => {
                        slot.insert(item.clone());
                        IngestOutcome::Stored
                    }
                }
            })
            .collect()
    }

    fn stats(&self) -> StoreStats {
        let incidents = || self.items.values().flat_map(|(_, e)| &e.incidents);
        StoreStats {
            articles: self.items.len() as u64,
            incidents: incidents().count() as u64,
            background_incidents: incidents().filter(|i| i.background).count() as u64,
        }
    }

    fn query(&self, q: &QuerySpec) -> Vec<StoredIncident> {
        let window = DateRange { start: q.since.map(day), end: q.until.map(day) };
        let matches = |article: &sitrep_model::Article, i: &Incident| {
            let words_of = |text: &str| {
                text.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == query_word(q.word.unwrap_or(0)))
            };
            (q.include_background || !i.background)
                && (q.since.is_none() && q.until.is_none()
                    || !i.date.is_unknown() && i.date.overlaps(&window))
                && q.country.is_none_or(|c| {
                    let country = i.location.as_ref().and_then(|p| p.country.as_deref());
                    country.is_some_and(|x| x.eq_ignore_ascii_case(COUNTRIES[c]))
                })
                && q.event_type.is_none_or(|t| i.event_type == TYPES[t])
                && (q.word.is_none()
                    || words_of(&article.text)
                    || i.target.as_deref().is_some_and(words_of))
        };
        let mut found: Vec<StoredIncident> = self
            .items
            .values()
            .flat_map(|(a, e)| {
                e.incidents.iter().filter(move |i| matches(a, i)).map(move |i| StoredIncident {
                    incident: i.clone(),
                    article_id: a.id.clone(),
                    article_source: a.source.clone(),
                    published: a.published,
                })
            })
            .collect();
        found.sort_by(|a, b| {
            let key = |s: &StoredIncident| {
                (s.incident.date.start.is_none(), s.incident.date.start, s.incident.id.clone())
            };
            key(a).cmp(&key(b))
        });
        found.truncate(q.limit.unwrap_or(usize::MAX));
        found
    }
}

fn to_query(q: &QuerySpec) -> IncidentQuery {
    IncidentQuery {
        since: q.since.map(day),
        until: q.until.map(day),
        country: q.country.map(|c| COUNTRIES[c].to_ascii_lowercase()),
        event_type: q.event_type.map(|t| TYPES[t]),
        text: q.word.map(|w| query_word(w).to_string()),
        include_background: q.include_background,
        limit: q.limit,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_store_agrees_with_the_model(
        pool in proptest::collection::vec(item_spec(), 1..10),
        steps in proptest::collection::vec(
            (proptest::collection::vec(any::<prop::sample::Index>(), 0..6), query_spec()),
            1..8,
        ),
    ) {
        let pool: Vec<Item> = pool.iter().enumerate().map(|(i, s)| build(i, s)).collect();
        for backend in BACKENDS {
            let dir = tempfile::tempdir().unwrap();
            let store = (backend.open)(dir.path());
            agrees_with_the_model(store, &pool, &steps)?;
        }
    }
}

/// Runs `steps` (batches picked from `pool`, each followed by a query) on `store` and on
/// the model, and checks that they agree after each step and at the end.
fn agrees_with_the_model(
    mut store: Box<dyn Store>,
    pool: &[Item],
    steps: &[(Vec<prop::sample::Index>, QuerySpec)],
) -> Result<(), TestCaseError> {
    let mut model = Model::default();

    for (picks, query) in steps {
        let batch: Vec<Item> = picks.iter().map(|p| pool[p.index(pool.len())].clone()).collect();
        prop_assert_eq!(store.ingest(&batch).unwrap(), model.ingest(&batch));
        prop_assert_eq!(store.stats().unwrap(), model.stats());
        prop_assert_eq!(store.incidents(&to_query(query)).unwrap(), model.query(query));
        for (article, _) in pool {
            let hash = article.content_hash();
            let known = model.items.contains_key(hash.as_str());
            prop_assert_eq!(store.contains_article(&hash).unwrap(), known);
        }
    }

    let everything = QuerySpec {
        since: None,
        until: None,
        country: None,
        event_type: None,
        word: None,
        include_background: true,
        limit: None,
    };
    prop_assert_eq!(store.incidents(&to_query(&everything)).unwrap(), model.query(&everything));
    for (article, extraction) in model.items.values() {
        for incident in &extraction.incidents {
            let detail = store.incident(&incident.id).unwrap().unwrap();
            prop_assert_eq!(&detail.incident, incident);
            prop_assert_eq!(&detail.sources[0].id, &article.id);
            prop_assert_eq!(&detail.diagnostics, &extraction.diagnostics);
        }
    }
    Ok(())
}
