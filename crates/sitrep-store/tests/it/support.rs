//! Builders for test articles, extractions and incidents, and helpers to look inside a file.

use std::collections::BTreeMap;
use std::path::Path;

use sitrep_model::{
    Actor, ActorStatus, Article, ArticleExtraction, ContentHash, Count, Date, DateRange,
    Diagnostic, DiagnosticCode, EventType, Evidence, Field, Incident, Link, LinkKind, Place,
    Precision, Span, Weapon,
};
use sitrep_store::{SqliteStore, Store};

/// A backend of the [`Store`] trait, as the conformance tests see it.
///
/// The tests of `queries`, `model` and the backend-neutral ones of `durability` form the
/// conformance suite: they run once per entry of [`BACKENDS`] and only speak the trait.
/// A new backend (PostgreSQL) passes the suite by adding an entry whose `open` gives a
/// fresh, empty store (a new database or schema named after the folder).
pub(crate) struct Backend {
    pub(crate) name: &'static str,
    /// Opens a fresh, empty store that may keep files in `dir`.
    pub(crate) open: fn(dir: &Path) -> Box<dyn Store>,
}

fn open_sqlite(dir: &Path) -> Box<dyn Store> {
    Box::new(SqliteStore::open(&dir.join("store.db")).expect("a fresh SQLite store opens"))
}

fn open_sqlite_in_memory(_dir: &Path) -> Box<dyn Store> {
    Box::new(SqliteStore::open_in_memory().expect("an in-memory SQLite store opens"))
}

/// Every backend the conformance suite runs on.
pub(crate) const BACKENDS: &[Backend] = &[
    Backend { name: "sqlite", open: open_sqlite },
    Backend { name: "sqlite-memory", open: open_sqlite_in_memory },
];

/// One article with its extraction, as `Store::ingest` takes them.
pub(crate) type Item = (Article, ArticleExtraction);

pub(crate) fn date(text: &str) -> Date {
    text.parse().expect("test dates are valid")
}

/// An article with no metadata beyond an id, a source and a publication date.
pub(crate) fn article(id: &str, text: &str, published: Option<&str>) -> Article {
    Article {
        id: id.to_string(),
        source: format!("test.jsonl:{id}"),
        url: Some(format!("https://example.org/{id}")),
        title: Some(format!("Title of {id}")),
        published: published.map(|p| p.parse().expect("test publication dates are valid")),
        lang: Some("fr".to_string()),
        text: text.to_string(),
        metadata: BTreeMap::from([("feed".to_string(), serde_json::json!({"n": 1}))]),
    }
}

/// The extraction of `article` with these incidents and diagnostics.
pub(crate) fn extraction(
    article: &Article,
    incidents: Vec<Incident>,
    diagnostics: Vec<Diagnostic>,
) -> ArticleExtraction {
    ArticleExtraction {
        id: article.id.clone(),
        source: article.source.clone(),
        url: article.url.clone(),
        title: article.title.clone(),
        published: article.published,
        lang: Some("fr".to_string()),
        content_hash: article.content_hash(),
        incidents,
        diagnostics,
    }
}

/// A bare incident: only the id, type, background flag and date are set.
pub(crate) fn incident(
    hash: &ContentHash,
    index: usize,
    event_type: EventType,
    background: bool,
    date: DateRange,
) -> Incident {
    Incident {
        id: hash.incident_id(index),
        event_type,
        background,
        date,
        location: None,
        perpetrator: None,
        target: None,
        weapon: None,
        quantity: None,
        killed: None,
        wounded: None,
        claimed: None,
        related: vec![],
        evidence: vec![],
    }
}

/// A place in `country` with coordinates.
pub(crate) fn place(name: &str, country: &str, admin1: Option<&str>) -> Place {
    Place {
        name: name.to_string(),
        lat: Some(12.639_23),
        lon: Some(-8.002_89),
        country: Some(country.to_string()),
        admin1: admin1.map(str::to_string),
        precision: Precision::Town,
    }
}

/// An incident with every field set, evidence pointing into `text` included.
pub(crate) fn rich_incident(hash: &ContentHash, index: usize, text: &str) -> Incident {
    let mut incident = incident(
        hash,
        index,
        EventType::RemoteExplosive,
        false,
        DateRange::between(date("2021-03-01"), date("2021-03-02")),
    );
    let span = Span::new(0, text.find(' ').unwrap_or(text.len()));
    incident.location = Some(place("Gao", "ML", Some("Gao")));
    incident.perpetrator =
        Some(Actor { name: Some("JNIM".to_string()), status: ActorStatus::Suspected });
    incident.target = Some("army convoy".to_string());
    incident.weapon = Some(Weapon::Ied);
    incident.quantity = Some(Count::exactly(1));
    incident.killed = Some(Count {
        min: 3,
        max: Some(5),
        by_source: BTreeMap::from([("army".to_string(), 3), ("locals".to_string(), 5)]),
    });
    incident.wounded = Some(Count::at_least(7));
    incident.claimed = Some(false);
    incident.related =
        vec![Link { rel: LinkKind::RetaliationFor, key: hash.incident_id(index + 1) }];
    incident.evidence = vec![Evidence {
        field: Field::Type,
        span,
        excerpt: span.slice(text).unwrap_or("").to_string(),
        sentence: Span::new(0, text.len()),
        rule: "test rule".to_string(),
    }];
    incident
}

/// A diagnostic about the start of the text.
pub(crate) fn diagnostic(message: &str) -> Diagnostic {
    Diagnostic::warning(DiagnosticCode::UnresolvedDate, Some(Span::new(0, 1)), message)
}

/// A synthetic item numbered `n`: `n % 4` incidents (the last one background when there are
/// three) and `n % 3` diagnostics; the text is unique to `tag` and `n`.
pub(crate) fn numbered_item(tag: &str, n: usize) -> Item {
    let text = format!(
        "Rapport {tag} numéro {n}: une attaque a visé un poste près de Mopti, faisant des \
         victimes selon des sources locales. Les détails restent à confirmer."
    );
    let a = article(&format!("{tag}-{n}"), &text, Some("2021-03-04"));
    let hash = a.content_hash();
    let day = date("2021-03-01");
    let incidents = (0..n % 4)
        .map(|i| {
            let mut inc = rich_incident(&hash, i, &text);
            inc.background = i == 2;
            inc.date = DateRange::day(day);
            inc
        })
        .collect();
    let diagnostics = (0..n % 3).map(|i| diagnostic(&format!("note {i}"))).collect();
    let e = extraction(&a, incidents, diagnostics);
    (a, e)
}

/// Every row of every table (full-text shadow tables included), as text, sorted within
/// each table.
pub(crate) fn dump(path: &Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(path).expect("the test file opens");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the schema lists");
    tables.sort();
    tables
        .into_iter()
        .map(|table| {
            let mut statement =
                conn.prepare(&format!("SELECT * FROM \"{table}\"")).expect("the table reads");
            let columns = statement.column_count();
            let mut rows: Vec<String> = statement
                .query_map([], |row| {
                    let values = (0..columns)
                        .map(|i| row.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(values.join(" | "))
                })
                .and_then(|rows| rows.collect())
                .expect("the rows read");
            rows.sort();
            (table, rows)
        })
        .collect()
}

/// `PRAGMA integrity_check`, and the count of articles missing an incident or diagnostic.
pub(crate) fn consistency(path: &Path) -> (String, i64) {
    let conn = rusqlite::Connection::open(path).expect("the test file opens");
    let integrity: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity check runs");
    for table in ["article_fts", "incident_fts"] {
        conn.execute(&format!("INSERT INTO {table} ({table}) VALUES ('integrity-check')"), [])
            .expect("the full-text index is consistent");
    }
    let incomplete: i64 = conn
        .query_row(
            "SELECT count(*) FROM articles AS a
             WHERE a.incident_count != (SELECT count(*) FROM incidents WHERE article_seq = a.seq)
                OR a.diagnostic_count
                   != (SELECT count(*) FROM diagnostics WHERE article_seq = a.seq)",
            [],
            |r| r.get(0),
        )
        .expect("the count runs");
    (integrity, incomplete)
}
