//! The sitrep data model: what an article is, what an incident is, and how every
//! extracted value points back at the text it came from.
//!
//! This crate sits at the bottom of the pipeline: every other crate speaks these types,
//! and their JSON form (through `serde`) is the public schema of `sitrep extract`, the
//! store and the HTTP API. It does no I/O.
//!
//! ```
//! use sitrep_model::{Count, DateRange, PublishedDate};
//!
//! let published: PublishedDate = "2021-03".parse().unwrap();
//! let month = published.range();
//! assert_eq!(month.start.unwrap().to_string(), "2021-03-01");
//! assert_eq!(month.end.unwrap().to_string(), "2021-03-31");
//!
//! let killed = Count::between(1, 22);
//! assert!(killed.overlaps(&Count::exactly(5)));
//! # let _ = DateRange::unknown();
//! ```
//!
//! Overview:
//! - [`Article`] is one input report; [`ContentHash`] identifies its text.
//! - [`Incident`] is one coded event, with [`EventType`], [`DateRange`], [`Place`],
//!   [`Actor`], [`Weapon`], [`Count`]s, [`Link`]s and [`Evidence`] for every field.
//! - [`ArticleExtraction`] is what extraction returns for one article: incidents plus
//!   [`Diagnostic`]s.
//! - [`Span`] is a byte range into the original article text.

mod article;
mod count;
mod date;
mod diagnostic;
mod incident;
mod span;

pub use article::{Article, ArticleExtraction, ContentHash};
pub use count::Count;
pub use date::{DatePrecision, DateRange, ParseDateError, PublishedDate};
pub use diagnostic::{Diagnostic, DiagnosticCode, Severity};
pub use incident::{
    Actor, ActorStatus, EventType, Evidence, Field, Incident, Link, LinkKind, Place, Precision,
    Weapon,
};
pub use span::Span;

/// Re-exported so that callers build dates with the same calendar type.
pub use jiff::civil::Date;
