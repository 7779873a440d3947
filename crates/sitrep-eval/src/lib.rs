//! Gold reader and scorer for the gold annotation format (`spec/gold-format.md`).
//!
//! This crate sits at the end of the pipeline, beside it rather than in it: it reads a
//! gold file (JSON Lines, one annotated article a line) into [`GoldFile`], and scores a
//! system's [`ArticleExtraction`]s against it with [`score`], following the spec's
//! "How a scorer matches" rules. The [`Score`] serialises to the spec's JSON and
//! displays as a compact report for people. It depends only on `sitrep-model`; the only
//! I/O is [`GoldFile::load`] reading the gold file and the article texts it names.
//!
//! ```
//! use std::collections::BTreeMap;
//! use std::path::Path;
//! use sitrep_eval::{score, GoldFile};
//!
//! let line = r#"{"id": "a1", "text": "...", "lang": "en", "published": "2021-03-04",
//!   "incidents": [{"key": "k1", "incident": "i1", "type": "Air/drone strike",
//!   "background": false, "date": {"start": "2021-03-03", "end": "2021-03-03"},
//!   "location": null, "perpetrator": null, "weapon": "drone",
//!   "killed": {"min": 2, "max": 2}, "wounded": null, "claimed": null}]}"#;
//! let gold = GoldFile::parse(&line.replace('\n', " "), Path::new("gold.jsonl")).unwrap();
//!
//! // A perfect system: the gold itself, converted to system incidents.
//! let (output, clusters) = gold.perfect_output();
//! let result = score(&gold, &output, &clusters);
//! assert_eq!(result.incidents.f1, 1.0);
//! assert_eq!(result.field("killed").unwrap().accuracy, Some(1.0));
//! assert_eq!(result.field("claimed").unwrap().accuracy, None); // nothing to score
//!
//! // A system that found nothing.
//! let nothing = score(&gold, &[], &BTreeMap::new());
//! assert_eq!(nothing.per_article[0].missed, ["k1"]);
//! ```
//!
//! Overview:
//! - [`GoldFile`], [`GoldArticle`], [`GoldIncident`], [`GoldDate`], [`GoldPlace`] and
//!   [`GoldActor`] are the gold, typed; loading checks it (unknown type names, bad
//!   dates, swapped ranges, duplicate keys) and names the line of any fault in [`Error`].
//! - [`score`] pairs incidents within each article (type compatible, dates overlapping
//!   or both unknown, places within 50 km or in the same region or country), in one
//!   greedy pass by a pairing score over required and optional gold alike (a tie goes
//!   to the required incident); then it judges each field of each pair and computes
//!   B-cubed merge quality over the pairs.
//! - [`Score`] holds [`IncidentScore`], [`FieldScores`] of [`FieldScore`], [`MergeScore`]
//!   and one [`ArticleReport`] per gold article (missed keys, false alarms, and
//!   [`Mismatch`]es, each field value the system got wrong).
//!
//! The docs of each rule state how the spec's open cases are decided: a known date's
//! unknown end is unbounded, a system date with no ends pairs and is right only where
//! the gold range has none, a gold date with no ends does not block pairing, and a
//! missing system place does not block pairing (the location field scores it wrong).
//!
//! This crate has no feature flags.

mod dates;
mod error;
mod gold;
mod matching;
mod place;
mod score;

pub use error::Error;
pub use gold::{GoldActor, GoldArticle, GoldDate, GoldFile, GoldIncident, GoldPlace};
pub use score::{
    ArticleReport, FieldScore, FieldScores, IncidentScore, MergeScore, Mismatch, Score,
    ScoredField, score,
};

#[doc(no_inline)]
pub use sitrep_model::ArticleExtraction;
