//! Text primitives for extraction: folding with an offset map back to the original,
//! sentence splitting, word-bounded lexicon matching and number parsing helpers.
//!
//! This crate sits between the model and the language packs. It knows no language:
//! abbreviations, phrases and number words come from the caller (the packs).
//!
//! ```
//! use sitrep_text::{Normalized, fold_key};
//!
//! let text = "L’armée a frappé Mossoul";
//! let norm = Normalized::new(text);
//! assert_eq!(norm.as_str(), "l armee a frappe mossoul");
//! let at = norm.as_str().find("armee").unwrap();
//! let span = norm.original_span(at, at + "armee".len());
//! assert_eq!(&text[span.range()], "armée");
//! assert_eq!(fold_key("Deir ez-Zor"), "deir ez zor");
//! ```
//!
//! Overview:
//! - [`Normalized`]: lowercase, accent-free, punctuation-simplified text with a byte map
//!   to the original, so every match becomes a [`sitrep_model::Span`] of the original.
//! - [`fold_key`]: the same folding for dictionary keys (place names, phrases).
//! - [`split_sentences`]: sentence spans of the original text.
//! - [`Lexicon`]: many phrases matched at word boundaries, leftmost-longest.

mod fold;
mod lexicon;
mod sentence;

pub use fold::{Normalized, fold_key, key_of_folded};
pub use lexicon::{Lexicon, LexiconMatch};
pub use sentence::split_sentences;
