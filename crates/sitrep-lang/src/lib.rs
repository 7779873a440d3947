//! Language packs: every fact about a language that extraction needs, as data.
//!
//! A pack is a folder of TOML files (`pack.toml`, `numbers.toml`, `dates.toml`,
//! `triggers.toml`, `casualties.toml`, `cues.toml`, `places.toml`, `actors.toml`,
//! `examples.toml`); the actor dictionary shared by all languages is `packs/actors.toml`.
//! This crate parses and validates packs, compiles their phrases into one
//! [`sitrep_text::Lexicon`] of [`Word`]s per pack, and identifies an article's language
//! from the packs' stopwords. French and English are built in.
//!
//! It sits between `sitrep-text` and `sitrep-extract`: the extractor is written against
//! [`Word`] classes and never names a language.
//!
//! ```
//! use sitrep_lang::Registry;
//!
//! let registry = Registry::builtin();
//! let pack = registry.identify("Deux roquettes se sont abattues hier près de la base.").unwrap();
//! assert_eq!(pack.code, "fr");
//! assert!(registry.identify("Zwei Raketen schlugen gestern in der Nähe ein.").is_none());
//! ```
//!
//! *Invariant:* this crate is the only place that knows which languages exist; it does so
//! through data only.

mod error;
mod pack;
mod registry;
pub mod schema;

pub use error::{Error, ErrorKind};
pub use pack::{ActorInfo, CueKind, Entry, Pack, PlaceCue, Trigger, Word};
pub use registry::Registry;
