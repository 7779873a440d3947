//! Round trips and filters.

use sitrep_model::{DateRange, EventType, Incident};
use sitrep_store::{ErrorKind, IncidentQuery, IngestOutcome, Store, StoreStats};

use crate::support::{
    BACKENDS, Item, article, date, diagnostic, extraction, incident, place, rich_incident,
};

/// Three articles:
/// - `mali`: two news incidents in Mali (an IED on 1–2 March, an attack with no date) and a
///   background clash in 2019;
/// - `syrie`: an air strike on 10 March in Syria, country written in lower case;
/// - `open`: a shelling from 5 March with no known end, in Burkina Faso.
fn fixture() -> Vec<Item> {
    let text = "Explosion près de Gao: trois soldats tués, selon l'armée.";
    let mali = article("mali", text, Some("2021-03-03"));
    let h = mali.content_hash();
    let mut undated = incident(&h, 1, EventType::Attack, false, DateRange::unknown());
    undated.location = Some(place("Ménaka", "ML", None));
    let mut old = incident(&h, 2, EventType::ArmedClash, true, DateRange::day(date("2019-06-01")));
    old.location = Some(place("Tessit", "ML", None));
    let mali_x = extraction(
        &mali,
        vec![rich_incident(&h, 0, text), undated, old],
        vec![diagnostic("date of the attack unknown")],
    );

    let text = "Une frappe aérienne a touché un marché à Idleb.";
    let syrie = article("syrie", text, Some("2021-03-10"));
    let h = syrie.content_hash();
    let mut strike =
        incident(&h, 0, EventType::AirDroneStrike, false, DateRange::day(date("2021-03-10")));
    strike.location = Some(place("Idlib", "sy", Some("Idlib")));
    strike.target = Some("market".to_string());
    let syrie_x = extraction(&syrie, vec![strike], vec![]);

    let text = "Des obus tombent depuis le 5 mars sur Djibo.";
    let open = article("open", text, None);
    let h = open.content_hash();
    let mut shelling = incident(
        &h,
        0,
        EventType::ShellingArtilleryMissileAttack,
        false,
        DateRange { start: Some(date("2021-03-05")), end: None },
    );
    shelling.location = Some(place("Djibo", "BF", None));
    let open_x = extraction(&open, vec![shelling], vec![]);

    vec![(mali, mali_x), (syrie, syrie_x), (open, open_x)]
}

/// A store of each backend holding the fixture, with the folder that keeps it alive.
fn stores_with_fixture() -> Vec<(tempfile::TempDir, Box<dyn Store>, Vec<Item>)> {
    BACKENDS
        .iter()
        .map(|backend| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = (backend.open)(dir.path());
            let items = fixture();
            let outcomes = store.ingest(&items).unwrap();
            assert_eq!(outcomes, [IngestOutcome::Stored; 3], "{}", backend.name);
            (dir, store, items)
        })
        .collect()
}

/// The incident ids a query returns, in order.
fn ids(store: &impl Store, query: IncidentQuery) -> Vec<String> {
    store.incidents(&query).unwrap().into_iter().map(|s| s.incident.id).collect()
}

/// The id of incident `index` of fixture item `item`.
fn id(items: &[Item], item: usize, index: usize) -> String {
    items[item].1.incidents[index].id.clone()
}

#[test]
fn incidents_and_details_round_trip() {
    for (_dir, store, items) in stores_with_fixture() {
        let all =
            store.incidents(&IncidentQuery { include_background: true, ..Default::default() });
        let all = all.unwrap();

        // Sorted by start date, unknown last, then id.
        let mut expected: Vec<(&Item, &Incident)> =
            items.iter().flat_map(|item| item.1.incidents.iter().map(move |i| (item, i))).collect();
        expected.sort_by(|a, b| {
            let key = |i: &Incident| (i.date.start.is_none(), i.date.start, i.id.clone());
            key(a.1).cmp(&key(b.1))
        });
        assert_eq!(all.len(), expected.len());
        for (stored, (item, incident)) in all.iter().zip(&expected) {
            assert_eq!(&stored.incident, *incident);
            assert_eq!(stored.article_id, item.0.id);
            assert_eq!(stored.article_source, item.0.source);
            assert_eq!(stored.published, item.0.published);
        }

        for (article, extraction) in &items {
            for incident in &extraction.incidents {
                let detail = store.incident(&incident.id).unwrap().expect("the incident is stored");
                assert_eq!(&detail.incident, incident);
                assert_eq!(detail.diagnostics, extraction.diagnostics);
                let [source] = detail.sources.as_slice() else { panic!("one source") };
                assert_eq!(source.id, article.id);
                assert_eq!(source.source, article.source);
                assert_eq!(source.url, article.url);
                assert_eq!(source.title, article.title);
                assert_eq!(source.published, article.published);
                assert_eq!(source.lang, extraction.lang);
                assert_eq!(source.content_hash, article.content_hash());
                assert_eq!(source.text, article.text);
                assert_eq!(source.metadata, article.metadata);
                for evidence in &incident.evidence {
                    assert_eq!(evidence.span.slice(&source.text), Some(evidence.excerpt.as_str()));
                }
            }
        }
        assert_eq!(store.incident("no-such-id").unwrap(), None);
        assert_eq!(
            store.stats().unwrap(),
            StoreStats { articles: 3, incidents: 5, background_incidents: 1 }
        );
    }
}

#[test]
fn news_only_by_default_and_limit_keeps_the_first() {
    for (_dir, store, items) in stores_with_fixture() {
        let news = ids(&store, IncidentQuery::default());
        assert_eq!(news, [id(&items, 0, 0), id(&items, 2, 0), id(&items, 1, 0), id(&items, 0, 1)]);
        let first_two = ids(&store, IncidentQuery { limit: Some(2), ..Default::default() });
        assert_eq!(first_two, news[..2]);
        assert!(ids(&store, IncidentQuery { limit: Some(0), ..Default::default() }).is_empty());
    }
}

#[test]
fn date_filters_keep_overlapping_ranges() {
    for (_dir, store, items) in stores_with_fixture() {
        let q = |since: Option<&str>, until: Option<&str>| IncidentQuery {
            since: since.map(date),
            until: until.map(date),
            include_background: true,
            ..Default::default()
        };
        // 1–2 March overlaps 2 March; the open-ended shelling from 5 March does not.
        assert_eq!(ids(&store, q(Some("2021-03-02"), Some("2021-03-02"))), [id(&items, 0, 0)]);
        // From 6 March: the strike of the 10th and the shelling still going on.
        assert_eq!(ids(&store, q(Some("2021-03-06"), None)), [id(&items, 2, 0), id(&items, 1, 0)]);
        // Up to the end of 2020: only the background clash; the undated attack never matches.
        assert_eq!(ids(&store, q(None, Some("2020-12-31"))), [id(&items, 0, 2)]);
        assert_eq!(ids(&store, q(Some("2030-01-01"), None)), [id(&items, 2, 0)]);
    }
}

#[test]
fn country_and_type_filters() {
    for (_dir, store, items) in stores_with_fixture() {
        let by_country = |c: &str| {
            ids(&store, IncidentQuery { country: Some(c.to_string()), ..Default::default() })
        };
        assert_eq!(by_country("ml"), [id(&items, 0, 0), id(&items, 0, 1)]);
        assert_eq!(by_country("SY"), [id(&items, 1, 0)]);
        assert_eq!(by_country("Bf"), [id(&items, 2, 0)]);
        assert!(by_country("FR").is_empty());

        let by_type = |t: EventType, include_background| {
            ids(
                &store,
                IncidentQuery { event_type: Some(t), include_background, ..Default::default() },
            )
        };
        assert_eq!(by_type(EventType::AirDroneStrike, false), [id(&items, 1, 0)]);
        assert!(by_type(EventType::ArmedClash, false).is_empty());
        assert_eq!(by_type(EventType::ArmedClash, true), [id(&items, 0, 2)]);

        let both = IncidentQuery {
            country: Some("ML".into()),
            event_type: Some(EventType::Attack),
            ..Default::default()
        };
        assert_eq!(ids(&store, both), [id(&items, 0, 1)]);
    }
}

#[test]
fn text_search_covers_article_and_incident_fields() {
    for (_dir, store, items) in stores_with_fixture() {
        let by_text = |t: &str| {
            ids(&store, IncidentQuery { text: Some(t.to_string()), ..Default::default() })
        };
        // A word of the article text finds every news incident of that article; accents fold.
        assert_eq!(by_text("tues"), [id(&items, 0, 0), id(&items, 0, 1)]);
        assert_eq!(by_text("TUÉS"), by_text("tues"));
        // A word of the title.
        assert_eq!(by_text("syrie"), [id(&items, 1, 0)]);
        // Incident fields: target, perpetrator, place, type, weapon.
        assert_eq!(by_text("market"), [id(&items, 1, 0)]);
        assert_eq!(by_text("jnim"), [id(&items, 0, 0)]);
        assert_eq!(by_text("menaka"), [id(&items, 0, 1)]);
        assert_eq!(by_text("drone"), [id(&items, 1, 0)]);
        assert_eq!(by_text("ied"), [id(&items, 0, 0)]);
        // Every word must match, in the article or the incident.
        assert_eq!(by_text("gao attack"), [id(&items, 0, 1)]);
        assert!(by_text("gao market").is_empty());
        // Prefixes, and characters that would be operators.
        assert_eq!(by_text("obu*"), [id(&items, 2, 0)]);
        assert!(by_text("NEAR( \"obus OR").is_empty());
        assert_eq!(by_text("\"obus\""), [id(&items, 2, 0)]);
    }
}

#[test]
fn impossible_queries_are_refused() {
    for (_dir, store, _items) in stores_with_fixture() {
        let bad = [
            IncidentQuery { text: Some("  ".into()), ..Default::default() },
            IncidentQuery { country: Some("Mali".into()), ..Default::default() },
            IncidentQuery {
                since: Some(date("2021-03-02")),
                until: Some(date("2021-03-01")),
                ..Default::default()
            },
        ];
        for query in bad {
            let err = store.incidents(&query).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BadQuery, "{err}");
            assert!(err.is_user_fault());
        }
    }
}
