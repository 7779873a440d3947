//! Writing batches of articles.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use sitrep_model::{Article, ArticleExtraction, ContentHash, Incident};

use super::sql_error;
use crate::{Error, ErrorKind, IngestOutcome};

const INSERT_ARTICLE: &str = "
    INSERT INTO articles (content_hash, id, source, url, title, published, declared_lang, lang,
                          text, metadata, incident_count, diagnostic_count)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
    ON CONFLICT (content_hash) DO NOTHING
    RETURNING seq";

/// Indexes the articles of a batch, from the first one stored (`?1`) on, in one statement.
///
/// The full-text index keeps new terms in memory and writes them out as a new segment
/// whenever a statement opens a savepoint; one statement per row would write one small
/// segment per article, and later merging them costs more than the indexing itself.
const INDEX_ARTICLES: &str = "
    INSERT INTO article_fts (rowid, title, text)
    SELECT seq, title, text FROM articles WHERE seq >= ?1 ORDER BY seq";

const INSERT_INCIDENT: &str = "
    INSERT INTO incidents (id, article_seq, ordinal, event_type, background, date_start,
                           date_end, country, admin1, lat, lon, killed_min, killed_max,
                           wounded_min, wounded_max, perpetrator_name, perpetrator_status,
                           claimed, body)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";

/// Indexes the incidents of a batch, from the first one stored (`?1`) on, in one statement
/// (see [`INDEX_ARTICLES`]): the type, the place's name, region and country, the
/// perpetrator, the target and the weapon.
const INDEX_INCIDENTS: &str = "
    INSERT INTO incident_fts (rowid, event_type, place, perpetrator, target, weapon)
    SELECT seq, event_type,
           concat_ws(' ', body ->> '$.location.name', body ->> '$.location.admin1',
                     body ->> '$.location.country'),
           perpetrator_name, body ->> '$.target', body ->> '$.weapon'
    FROM incidents WHERE seq >= ?1 ORDER BY seq";

const INSERT_DIAGNOSTIC: &str = "
    INSERT INTO diagnostics (article_seq, ordinal, code, severity, body)
    VALUES (?1, ?2, ?3, ?4, ?5)";

/// Stores `batch` in one transaction; see [`crate::Store::ingest`].
pub(super) fn ingest(
    conn: &mut Connection,
    location: &str,
    batch: &[(Article, ArticleExtraction)],
) -> Result<Vec<IngestOutcome>, Error> {
    let hashes = batch
        .iter()
        .map(|(article, extraction)| check_pair(article, extraction))
        .collect::<Result<Vec<_>, _>>()?;
    let failed = |action: &'static str| move |e| sql_error(location, action, e);
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(failed("start a transaction in"))?;
    let mut outcomes = Vec::with_capacity(batch.len());
    {
        let mut insert_article =
            tx.prepare_cached(INSERT_ARTICLE).map_err(failed("prepare statements for"))?;
        let mut insert_incident =
            tx.prepare_cached(INSERT_INCIDENT).map_err(failed("prepare statements for"))?;
        let mut insert_diagnostic =
            tx.prepare_cached(INSERT_DIAGNOSTIC).map_err(failed("prepare statements for"))?;

        let mut first_article = None;
        let mut first_incident = None;
        for ((article, extraction), hash) in batch.iter().zip(&hashes) {
            let metadata = to_json(&article.metadata, "the metadata of article", &article.id)?;
            let seq: Option<i64> = insert_article
                .query_row(
                    params![
                        hash.as_str(),
                        article.id,
                        article.source,
                        article.url,
                        article.title,
                        article.published.map(|p| p.to_string()),
                        article.lang,
                        extraction.lang,
                        article.text,
                        metadata,
                        count(extraction.incidents.len()),
                        count(extraction.diagnostics.len()),
                    ],
                    |row| row.get(0),
                )
                .optional()
                .map_err(failed("store an article in"))?;
            let Some(seq) = seq else {
                outcomes.push(IngestOutcome::Duplicate);
                continue;
            };
            first_article.get_or_insert(seq);

            for (ordinal, incident) in extraction.incidents.iter().enumerate() {
                let row = IncidentRow::new(incident)?;
                let incident_seq = insert_incident
                    .insert(params![
                        incident.id,
                        seq,
                        count(ordinal),
                        incident.event_type.name(),
                        incident.background,
                        row.date_start,
                        row.date_end,
                        row.country,
                        row.admin1,
                        row.lat,
                        row.lon,
                        row.killed.0,
                        row.killed.1,
                        row.wounded.0,
                        row.wounded.1,
                        row.perpetrator_name,
                        row.perpetrator_status,
                        incident.claimed,
                        row.body,
                    ])
                    .map_err(|e| incident_error(location, article, incident, e))?;
                first_incident.get_or_insert(incident_seq);
            }

            for (ordinal, diagnostic) in extraction.diagnostics.iter().enumerate() {
                insert_diagnostic
                    .execute(params![
                        seq,
                        count(ordinal),
                        serde_name(&diagnostic.code)?,
                        serde_name(&diagnostic.severity)?,
                        to_json(diagnostic, "a diagnostic of article", &article.id)?,
                    ])
                    .map_err(failed("store a diagnostic in"))?;
            }
            outcomes.push(IngestOutcome::Stored);
        }
        if let Some(first) = first_article {
            let mut index =
                tx.prepare_cached(INDEX_ARTICLES).map_err(failed("prepare statements for"))?;
            index.execute(params![first]).map_err(failed("index articles in"))?;
        }
        if let Some(first) = first_incident {
            let mut index =
                tx.prepare_cached(INDEX_INCIDENTS).map_err(failed("prepare statements for"))?;
            index.execute(params![first]).map_err(failed("index incidents in"))?;
        }
    }
    tx.commit().map_err(failed("commit a batch to"))?;
    Ok(outcomes)
}

/// Checks that `extraction` was made from `article`, and returns the article's hash.
fn check_pair(article: &Article, extraction: &ArticleExtraction) -> Result<ContentHash, Error> {
    let hash = article.content_hash();
    if hash != extraction.content_hash {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "extraction of article `{}` from `{}` has content hash `{}`, but the article \
                 text hashes to `{hash}`",
                article.id, article.source, extraction.content_hash
            ),
        ));
    }
    Ok(hash)
}

/// The filter columns of an incident.
struct IncidentRow<'a> {
    date_start: Option<String>,
    date_end: Option<String>,
    country: Option<String>,
    admin1: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
    killed: (Option<i64>, Option<i64>),
    wounded: (Option<i64>, Option<i64>),
    perpetrator_name: Option<&'a str>,
    perpetrator_status: Option<String>,
    /// The whole incident as JSON.
    body: String,
}

impl<'a> IncidentRow<'a> {
    fn new(incident: &'a Incident) -> Result<IncidentRow<'a>, Error> {
        let location = incident.location.as_ref();
        let counts = |c: Option<&sitrep_model::Count>| {
            c.map_or((None, None), |c| (Some(i64::from(c.min)), c.max.map(i64::from)))
        };
        Ok(IncidentRow {
            date_start: incident.date.start.map(|d| d.to_string()),
            date_end: incident.date.end.map(|d| d.to_string()),
            country: location.and_then(|p| p.country.as_ref()).map(|c| c.to_ascii_uppercase()),
            admin1: location.and_then(|p| p.admin1.as_deref()),
            lat: location.and_then(|p| p.lat),
            lon: location.and_then(|p| p.lon),
            killed: counts(incident.killed.as_ref()),
            wounded: counts(incident.wounded.as_ref()),
            perpetrator_name: incident.perpetrator.as_ref().and_then(|a| a.name.as_deref()),
            perpetrator_status: incident
                .perpetrator
                .as_ref()
                .map(|a| serde_name(&a.status))
                .transpose()?,
            body: to_json(incident, "incident", &incident.id)?,
        })
    }
}

/// The error for an incident that could not be inserted.
fn incident_error(
    location: &str,
    article: &Article,
    incident: &Incident,
    error: rusqlite::Error,
) -> Error {
    let is_duplicate_id = matches!(
        &error,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    );
    if is_duplicate_id {
        return Error::with_source(
            ErrorKind::InvalidInput,
            format!(
                "incident id `{}` of article `{}` from `{}` is already used by another \
                 incident in `{location}`",
                incident.id, article.id, article.source
            ),
            error,
        );
    }
    sql_error(location, "store an incident in", error)
}

/// A length or index as an SQL integer.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The name a unit enum variant serialises to (`claimed`, `unresolved_date`).
fn serde_name<T: Serialize>(value: &T) -> Result<String, Error> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => Ok(name),
        Ok(other) => Err(Error::new(
            ErrorKind::Internal,
            format!("expected an enum to serialise to a string, got `{other}`"),
        )),
        Err(e) => {
            Err(Error::with_source(ErrorKind::Internal, "cannot serialise an enum to its name", e))
        }
    }
}

/// `value` as JSON; `what` and `id` name it in the error.
fn to_json<T: Serialize>(value: &T, what: &str, id: &str) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| {
        Error::with_source(ErrorKind::Internal, format!("cannot serialise {what} `{id}`"), e)
    })
}
