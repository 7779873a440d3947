use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Diagnostic, Incident, PublishedDate};

/// One news report as read from an input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The article's id: the `id` field of a JSON line, or the file stem.
    pub id: String,
    /// Where it was read from: a path, with `:LINE` for JSON Lines, or `-` for stdin.
    pub source: String,
    /// The article's address, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The headline, when given separately from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publication date at the precision the metadata gives.
    pub published: Option<PublishedDate>,
    /// The language the input declares (ISO 639-1), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The article text. Every [`crate::Span`] of its extraction indexes into this string.
    pub text: String,
    /// Other fields of the input, kept as they were.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

impl Article {
    /// The hash that identifies this article's content, for idempotent storage.
    #[must_use]
    pub fn content_hash(&self) -> ContentHash {
        ContentHash::of(&self.text)
    }
}

/// SHA-256 of an article's text, written as 64 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContentHash(String);

impl ContentHash {
    /// Hashes `text`.
    #[must_use]
    pub fn of(text: &str) -> ContentHash {
        let digest = Sha256::digest(text.as_bytes());
        let mut hex = String::with_capacity(64);
        for byte in digest {
            hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
            hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
        }
        ContentHash(hex)
    }

    /// The hex digits.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id of the `index`th incident of this article: stable for the same text,
    /// packs and gazetteer.
    #[must_use]
    pub fn incident_id(&self, index: usize) -> String {
        format!("{}-{index}", &self.0[..16])
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What extraction produced for one article: one line of `sitrep extract`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleExtraction {
    /// The article's id.
    pub id: String,
    /// Where it was read from.
    pub source: String,
    /// The article's address, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The headline, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publication date used to resolve relative dates.
    pub published: Option<PublishedDate>,
    /// The language the text was read as (ISO 639-1), or `None` when unsupported.
    pub lang: Option<String>,
    /// Hash of the article text.
    pub content_hash: ContentHash,
    /// The incidents, news first, in text order.
    pub incidents: Vec<Incident>,
    /// What could not be resolved.
    pub diagnostics: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_sha256_hex() {
        let h = ContentHash::of("abc");
        assert_eq!(h.as_str(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(h.incident_id(3), "ba7816bf8f01cfea-3");
    }
}
