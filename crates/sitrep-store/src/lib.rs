//! The incident database: the [`Store`] trait and its embedded SQLite backend,
//! [`SqliteStore`].
//!
//! A store keeps articles with what extraction found in them, and answers queries over the
//! incidents. It sits at the end of the pipeline: `sitrep ingest` reads articles, extracts
//! incidents and hands each batch to [`Store::ingest`]; `sitrep incidents` and the server
//! read them back with [`Store::incidents`] and [`Store::incident`]. It depends only on
//! `sitrep-model`, whose JSON form of [`Incident`] is also the stored form.
//!
//! ```
//! use sitrep_model::{Article, ArticleExtraction, DateRange, EventType, Incident};
//! use sitrep_store::{IncidentQuery, IngestOutcome, SqliteStore, Store};
//!
//! # fn main() -> Result<(), sitrep_store::Error> {
//! let text = "Une roquette est tombée mardi.".to_string();
//! let article = Article {
//!     id: "a1".into(),
//!     source: "feed.jsonl:1".into(),
//!     url: None,
//!     title: None,
//!     published: "2021-03-02".parse().ok(),
//!     lang: Some("fr".into()),
//!     text,
//!     metadata: Default::default(),
//! };
//! let hash = article.content_hash();
//! let incident = Incident {
//!     id: hash.incident_id(0),
//!     event_type: EventType::ShellingArtilleryMissileAttack,
//!     background: false,
//!     date: DateRange::day("2021-03-02".parse().expect("a valid date")),
//!     location: None,
//!     perpetrator: None,
//!     target: None,
//!     weapon: None,
//!     quantity: None,
//!     killed: None,
//!     wounded: None,
//!     claimed: None,
//!     related: vec![],
//!     evidence: vec![],
//! };
//! let extraction = ArticleExtraction {
//!     id: article.id.clone(),
//!     source: article.source.clone(),
//!     url: None,
//!     title: None,
//!     published: article.published,
//!     lang: Some("fr".into()),
//!     content_hash: hash,
//!     incidents: vec![incident.clone()],
//!     diagnostics: vec![],
//! };
//!
//! let mut store = SqliteStore::open_in_memory()?;
//! let batch = vec![(article, extraction)];
//! assert_eq!(store.ingest(&batch)?, [IngestOutcome::Stored]);
//! assert_eq!(store.ingest(&batch)?, [IngestOutcome::Duplicate]);
//!
//! let query = IncidentQuery { text: Some("roquette".into()), ..IncidentQuery::default() };
//! let found = store.incidents(&query)?;
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].incident, incident);
//! # Ok(())
//! # }
//! ```
//!
//! Overview:
//! - [`Store`] is what every backend offers; [`SqliteStore`] is the embedded one (a single
//!   file, WAL journal). A PostgreSQL backend is to follow with the same trait.
//! - Articles are identified by their [`ContentHash`]: ingesting the same text twice stores
//!   it once and reports [`IngestOutcome::Duplicate`] the second time.
//! - [`IncidentQuery`] filters by date overlap, country, type, full text and background;
//!   results come sorted by start date, then id.
//! - [`Error`] has an [`ErrorKind`] that separates user faults from I/O failures and bugs.
//!
//! The schema is versioned: each migration is an SQL file under `migrations/sqlite/`,
//! applied in order in one transaction, and the version is kept in SQLite's `user_version`.
//! A database written by a newer sitrep is refused rather than misread.

#![warn(missing_docs)]

mod error;
mod query;
mod sqlite;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sitrep_model::{
    Article, ArticleExtraction, ContentHash, Date, Diagnostic, EventType, Incident, PublishedDate,
};

pub use error::{Error, ErrorKind};
pub use sqlite::SqliteStore;

/// A database of articles and the incidents extracted from them.
///
/// *Invariant:* an article is stored together with all its incidents and diagnostics, or not
/// at all; a batch is stored entirely or not at all.
///
/// A store is `Send`, so that a server can hand one to a blocking task or a worker thread
/// (one connection per thread; [`SqliteStore`] is not `Sync`).
pub trait Store: Send {
    /// Stores a batch of articles with their extractions in one transaction; returns, for
    /// each item in order, whether it was new.
    ///
    /// An article whose text (content hash) is already stored, or appears earlier in the
    /// same batch, is a [`IngestOutcome::Duplicate`]: nothing of it is written, whatever its
    /// id, source or extraction.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`] when an extraction's content hash is not its article's,
    /// or an incident id is already used by another stored incident; an I/O error when the
    /// database cannot be written. On any error nothing of the batch is stored.
    fn ingest(
        &mut self,
        batch: &[(Article, ArticleExtraction)],
    ) -> Result<Vec<IngestOutcome>, Error>;

    /// Whether an article with this text (content hash) is stored.
    ///
    /// An ingest asks this before extracting an article, so that a text already stored is
    /// not extracted again only to be skipped as a duplicate.
    ///
    /// # Errors
    /// An I/O error when the database cannot be read.
    fn contains_article(&self, hash: &ContentHash) -> Result<bool, Error>;

    /// The incidents that match `query`, sorted by start date (unknown last), then id.
    ///
    /// # Errors
    /// [`ErrorKind::BadQuery`] when the query is impossible (see [`IncidentQuery`]); an I/O
    /// error when the database cannot be read.
    fn incidents(&self, query: &IncidentQuery) -> Result<Vec<StoredIncident>, Error>;

    /// The incident with id `id`, with its source articles and their diagnostics, or `None`
    /// when no incident has that id.
    ///
    /// # Errors
    /// An I/O error when the database cannot be read.
    fn incident(&self, id: &str) -> Result<Option<IncidentDetail>, Error>;

    /// How many articles and incidents the store holds.
    ///
    /// # Errors
    /// An I/O error when the database cannot be read.
    fn stats(&self) -> Result<StoreStats, Error>;
}

/// A boxed store is a store, so that a program can pick its backend at run time
/// (`Box<dyn Store>`).
impl<S: Store + ?Sized> Store for Box<S> {
    fn ingest(
        &mut self,
        batch: &[(Article, ArticleExtraction)],
    ) -> Result<Vec<IngestOutcome>, Error> {
        (**self).ingest(batch)
    }

    fn contains_article(&self, hash: &ContentHash) -> Result<bool, Error> {
        (**self).contains_article(hash)
    }

    fn incidents(&self, query: &IncidentQuery) -> Result<Vec<StoredIncident>, Error> {
        (**self).incidents(query)
    }

    fn incident(&self, id: &str) -> Result<Option<IncidentDetail>, Error> {
        (**self).incident(id)
    }

    fn stats(&self) -> Result<StoreStats, Error> {
        (**self).stats()
    }
}

/// What [`Store::ingest`] did with one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    /// The article was new and is now stored with its incidents.
    Stored,
    /// An article with the same text was already stored (or came earlier in the batch).
    Duplicate,
}

/// Which incidents [`Store::incidents`] returns. The default returns every news incident.
///
/// Filters combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentQuery {
    /// Keep incidents whose date range reaches this day or later.
    ///
    /// With `since` or `until` set, incidents whose date is wholly unknown are left out; an
    /// incident with only one end known is treated as open on the other side.
    pub since: Option<Date>,
    /// Keep incidents whose date range reaches this day or earlier.
    pub until: Option<Date>,
    /// Keep incidents in this country (ISO 3166-1 alpha-2, any case).
    pub country: Option<String>,
    /// Keep incidents of this type.
    pub event_type: Option<EventType>,
    /// Keep incidents for which every word occurs in the source article (title or text) or
    /// in the incident's type, place, perpetrator, target or weapon.
    ///
    /// Words are matched whole, ignoring case and accents; a word ending in `*` matches as a
    /// prefix. There are no other operators.
    pub text: Option<String>,
    /// Also return background incidents (past incidents an article only mentions).
    pub include_background: bool,
    /// Return at most this many incidents.
    pub limit: Option<usize>,
}

/// An incident as [`Store::incidents`] returns it, with the article it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredIncident {
    /// The incident as extracted.
    pub incident: Incident,
    /// The id of the article it came from.
    pub article_id: String,
    /// Where that article was read from.
    pub article_source: String,
    /// That article's publication date.
    pub published: Option<PublishedDate>,
}

/// An article an incident was read from, with its text so that evidence spans can be shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceArticle {
    /// The article's id.
    pub id: String,
    /// Where it was read from.
    pub source: String,
    /// The article's address, when given.
    pub url: Option<String>,
    /// The headline, when given.
    pub title: Option<String>,
    /// The publication date.
    pub published: Option<PublishedDate>,
    /// The language the text was read as, when supported.
    pub lang: Option<String>,
    /// Hash of the text.
    pub content_hash: ContentHash,
    /// The article text; every evidence span of the incident indexes into it.
    pub text: String,
    /// The input's other fields, as the reader kept them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

/// An incident with everything needed to show why it was coded so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentDetail {
    /// The incident as extracted.
    pub incident: Incident,
    /// The articles that report it (one until incidents are merged across articles).
    pub sources: Vec<SourceArticle>,
    /// The diagnostics of those articles, in extraction order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StoreStats {
    /// Distinct articles.
    pub articles: u64,
    /// All incidents, background ones included.
    pub incidents: u64,
    /// Incidents that an article only mentions as background (counted in `incidents` too).
    pub background_incidents: u64,
}
