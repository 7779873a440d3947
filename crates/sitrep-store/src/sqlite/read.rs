//! Reading incidents back.

use std::fmt::Write as _;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde::de::DeserializeOwned;
use sitrep_model::{ContentHash, Diagnostic, Incident, PublishedDate};

use super::sql_error;
use crate::query::{CheckedQuery, Term};
use crate::{
    Error, ErrorKind, IncidentDetail, IncidentQuery, SourceArticle, StoreStats, StoredIncident,
};

/// Whether an article with `hash` is stored; see [`crate::Store::contains_article`].
pub(super) fn contains_article(
    conn: &Connection,
    location: &str,
    hash: &ContentHash,
) -> Result<bool, Error> {
    let failed = |e| sql_error(location, "look an article up in", e);
    let mut statement = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE content_hash = ?1)")
        .map_err(failed)?;
    statement.query_row(params![hash.as_str()], |row| row.get(0)).map_err(failed)
}

/// The incidents matching `query`; see [`crate::Store::incidents`].
pub(super) fn incidents(
    conn: &Connection,
    location: &str,
    query: &IncidentQuery,
) -> Result<Vec<StoredIncident>, Error> {
    let query = CheckedQuery::new(query)?;
    let (sql, values) = select_incidents(&query);
    let mut statement =
        conn.prepare_cached(&sql).map_err(|e| sql_error(location, "query incidents in", e))?;
    let rows = statement
        .query_map(params_from_iter(values), |row| {
            Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .map_err(|e| sql_error(location, "query incidents in", e))?;
    let mut found = Vec::new();
    for row in rows {
        let (body, article_id, article_source, published): (_, String, _, Option<String>) =
            row.map_err(|e| sql_error(location, "read incidents from", e))?;
        found.push(StoredIncident {
            incident: decode(&body, location, "an incident")?,
            published: parse_published(published.as_deref(), location, &article_id)?,
            article_id,
            article_source,
        });
    }
    Ok(found)
}

/// The SQL and parameters that select the incidents matching `query`.
///
/// Every value is a parameter; only the shape of the statement varies with the query.
fn select_incidents(query: &CheckedQuery) -> (String, Vec<Value>) {
    let mut sql = String::from(
        "SELECT i.body, a.id, a.source, a.published
         FROM incidents AS i JOIN articles AS a ON a.seq = i.article_seq
         WHERE 1 = 1",
    );
    let mut values = Vec::new();
    let mut push = |sql: &mut String, clause: &str, bound: Vec<Value>| {
        sql.push_str("\n AND ");
        sql.push_str(clause);
        values.extend(bound);
    };
    if !query.include_background {
        push(&mut sql, "i.background = 0", vec![]);
    }
    if query.has_date_filter() {
        push(&mut sql, "(i.date_start IS NOT NULL OR i.date_end IS NOT NULL)", vec![]);
    }
    if let Some(since) = query.since {
        let clause = "(i.date_end IS NULL OR i.date_end >= ?)";
        push(&mut sql, clause, vec![Value::Text(since.to_string())]);
    }
    if let Some(until) = query.until {
        let clause = "(i.date_start IS NULL OR i.date_start <= ?)";
        push(&mut sql, clause, vec![Value::Text(until.to_string())]);
    }
    if let Some(country) = &query.country {
        push(&mut sql, "i.country = ?", vec![Value::Text(country.clone())]);
    }
    if let Some(event_type) = query.event_type {
        push(&mut sql, "i.event_type = ?", vec![Value::Text(event_type.name().to_string())]);
    }
    for term in &query.terms {
        // Each word may match the article or the incident's own fields.
        let clause = "(i.article_seq IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)
              OR i.seq IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?))";
        let pattern = fts_pattern(term);
        push(&mut sql, clause, vec![Value::Text(pattern.clone()), Value::Text(pattern)]);
    }
    sql.push_str("\n ORDER BY i.date_start IS NULL, i.date_start, i.id");
    if let Some(limit) = query.limit {
        let _ = write!(sql, "\n LIMIT {}", limit.min(i64::MAX as u64));
    }
    (sql, values)
}

/// A term as an FTS5 query: a quoted string (so that no character is an operator), with
/// `*` after it for a prefix.
fn fts_pattern(term: &Term) -> String {
    let mut pattern = String::with_capacity(term.word.len() + 3);
    pattern.push('"');
    pattern.push_str(&term.word.replace('"', "\"\""));
    pattern.push('"');
    if term.prefix {
        pattern.push('*');
    }
    pattern
}

/// The incident `id` with its sources; see [`crate::Store::incident`].
pub(super) fn incident(
    conn: &Connection,
    location: &str,
    id: &str,
) -> Result<Option<IncidentDetail>, Error> {
    let failed = |e| sql_error(location, "read an incident from", e);
    let mut statement = conn
        .prepare_cached(
            "SELECT i.body, a.seq, a.id, a.source, a.url, a.title, a.published, a.lang,
                    a.content_hash, a.text, a.metadata
             FROM incidents AS i JOIN articles AS a ON a.seq = i.article_seq
             WHERE i.id = ?1",
        )
        .map_err(failed)?;
    let row = statement
        .query_row(params![id], |row| Ok((row.get::<_, String>(0)?, row.get(1)?, raw_source(row)?)))
        .optional()
        .map_err(failed)?;
    let Some((body, article_seq, raw)) = row else {
        return Ok(None);
    };
    let incident: Incident = decode(&body, location, "an incident")?;
    let source = raw.into_source(location)?;
    let diagnostics = diagnostics(conn, location, article_seq)?;
    Ok(Some(IncidentDetail { incident, sources: vec![source], diagnostics }))
}

/// The diagnostics of the article numbered `article_seq`, in extraction order.
fn diagnostics(
    conn: &Connection,
    location: &str,
    article_seq: i64,
) -> Result<Vec<Diagnostic>, Error> {
    let failed = |e| sql_error(location, "read diagnostics from", e);
    let mut statement = conn
        .prepare_cached("SELECT body FROM diagnostics WHERE article_seq = ?1 ORDER BY ordinal")
        .map_err(failed)?;
    let bodies = statement
        .query_map(params![article_seq], |row| row.get::<_, String>(0))
        .map_err(failed)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(failed)?;
    bodies.iter().map(|body| decode(body, location, "a diagnostic")).collect()
}

/// An article row as read, before its values are parsed.
struct RawSource {
    id: String,
    source: String,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    content_hash: String,
    text: String,
    metadata: String,
}

/// Reads columns 2 to 10 of the incident-detail query.
fn raw_source(row: &Row<'_>) -> rusqlite::Result<RawSource> {
    Ok(RawSource {
        id: row.get(2)?,
        source: row.get(3)?,
        url: row.get(4)?,
        title: row.get(5)?,
        published: row.get(6)?,
        lang: row.get(7)?,
        content_hash: row.get(8)?,
        text: row.get(9)?,
        metadata: row.get(10)?,
    })
}

impl RawSource {
    fn into_source(self, location: &str) -> Result<SourceArticle, Error> {
        let published = parse_published(self.published.as_deref(), location, &self.id)?;
        let content_hash: ContentHash =
            decode_value(serde_json::Value::String(self.content_hash), location, "a content hash")?;
        Ok(SourceArticle {
            id: self.id,
            source: self.source,
            url: self.url,
            title: self.title,
            published,
            lang: self.lang,
            content_hash,
            text: self.text,
            metadata: decode(&self.metadata, location, "the metadata of an article")?,
        })
    }
}

/// Counts of articles and incidents; see [`crate::Store::stats`].
pub(super) fn stats(conn: &Connection, location: &str) -> Result<StoreStats, Error> {
    let (articles, incidents, background_incidents): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM articles),
                    (SELECT count(*) FROM incidents),
                    (SELECT count(*) FROM incidents WHERE background = 1)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .map_err(|e| sql_error(location, "count the rows of", e))?;
    let unsigned = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(StoreStats {
        articles: unsigned(articles),
        incidents: unsigned(incidents),
        background_incidents: unsigned(background_incidents),
    })
}

/// Parses a stored publication date.
fn parse_published(
    text: Option<&str>,
    location: &str,
    article_id: &str,
) -> Result<Option<PublishedDate>, Error> {
    text.map(|t| {
        t.parse().map_err(|e| {
            Error::with_source(
                ErrorKind::Internal,
                format!("stored publication date `{t}` of article `{article_id}` in `{location}` does not parse"),
                e,
            )
        })
    })
    .transpose()
}

/// Decodes a stored JSON body; `what` names it in the error.
fn decode<T: DeserializeOwned>(body: &str, location: &str, what: &str) -> Result<T, Error> {
    serde_json::from_str(body).map_err(|e| {
        Error::with_source(
            ErrorKind::Internal,
            format!("cannot decode {what} stored in `{location}`"),
            e,
        )
    })
}

/// Decodes a stored value through its JSON form.
fn decode_value<T: DeserializeOwned>(
    value: serde_json::Value,
    location: &str,
    what: &str,
) -> Result<T, Error> {
    serde_json::from_value(value).map_err(|e| {
        Error::with_source(
            ErrorKind::Internal,
            format!("cannot decode {what} stored in `{location}`"),
            e,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_patterns_quote_every_character() {
        let t = |word: &str, prefix| fts_pattern(&Term { word: word.into(), prefix });
        assert_eq!(t("tués", false), "\"tués\"");
        assert_eq!(t("al-Sha", true), "\"al-Sha\"*");
        assert_eq!(t("a\"b", false), "\"a\"\"b\"");
        assert_eq!(t("NEAR(", false), "\"NEAR(\"");
    }
}
