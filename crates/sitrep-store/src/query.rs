//! Checking an [`IncidentQuery`] before any backend turns it into SQL.

use sitrep_model::{Date, EventType};

use crate::{Error, ErrorKind, IncidentQuery};

/// A query whose values have been checked and put in the form backends store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedQuery {
    pub(crate) since: Option<Date>,
    pub(crate) until: Option<Date>,
    /// Upper case, two ASCII letters.
    pub(crate) country: Option<String>,
    pub(crate) event_type: Option<EventType>,
    /// Every term must match; empty when there is no text filter.
    pub(crate) terms: Vec<Term>,
    pub(crate) include_background: bool,
    pub(crate) limit: Option<u64>,
}

/// One word of a text search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    /// The word as given, without a trailing `*`.
    pub(crate) word: String,
    /// Whether the word matches as a prefix.
    pub(crate) prefix: bool,
}

impl CheckedQuery {
    /// Checks `query`.
    pub(crate) fn new(query: &IncidentQuery) -> Result<CheckedQuery, Error> {
        if let Some((since, until)) = query.since.zip(query.until).filter(|(s, u)| s > u) {
            return Err(Error::new(
                ErrorKind::BadQuery,
                format!("invalid date filter: since `{since}` is after until `{until}`"),
            ));
        }
        let country = match &query.country {
            None => None,
            Some(code) => {
                let trimmed = code.trim();
                if trimmed.len() != 2 || !trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
                    return Err(Error::new(
                        ErrorKind::BadQuery,
                        format!("invalid country `{code}`: expected a two-letter ISO 3166-1 code"),
                    ));
                }
                Some(trimmed.to_ascii_uppercase())
            }
        };
        let terms = match &query.text {
            None => Vec::new(),
            Some(text) => {
                let terms = terms(text);
                if terms.is_empty() {
                    return Err(Error::new(
                        ErrorKind::BadQuery,
                        format!("invalid text search `{text}`: it has no word to search for"),
                    ));
                }
                terms
            }
        };
        Ok(CheckedQuery {
            since: query.since,
            until: query.until,
            country,
            event_type: query.event_type,
            terms,
            include_background: query.include_background,
            limit: query.limit.map(|n| u64::try_from(n).unwrap_or(u64::MAX)),
        })
    }

    /// Whether a date filter is set.
    pub(crate) fn has_date_filter(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}

/// The words of a text search: whitespace-separated, keeping only those with a letter or
/// digit in them.
fn terms(text: &str) -> Vec<Term> {
    text.split_whitespace()
        .filter_map(|raw| {
            let word = raw.trim_end_matches('*');
            if !word.chars().any(char::is_alphanumeric) {
                return None;
            }
            Some(Term { word: word.to_string(), prefix: word.len() != raw.len() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: IncidentQuery) -> Result<CheckedQuery, Error> {
        CheckedQuery::new(&query)
    }

    #[test]
    fn text_splits_into_terms_with_prefixes() {
        let q = check(IncidentQuery {
            text: Some("  roquette  tu* -- * \"x".into()),
            ..Default::default()
        })
        .unwrap();
        let got: Vec<(&str, bool)> = q.terms.iter().map(|t| (t.word.as_str(), t.prefix)).collect();
        assert_eq!(got, [("roquette", false), ("tu", true), ("\"x", false)]);
    }

    #[test]
    fn impossible_queries_are_user_faults() {
        let d = |s: &str| -> Date { s.parse().unwrap() };
        let cases = [
            (
                IncidentQuery {
                    since: Some(d("2021-03-02")),
                    until: Some(d("2021-03-01")),
                    ..Default::default()
                },
                "invalid date filter: since `2021-03-02` is after until `2021-03-01`",
            ),
            (
                IncidentQuery { country: Some("FRA".into()), ..Default::default() },
                "invalid country `FRA`: expected a two-letter ISO 3166-1 code",
            ),
            (
                IncidentQuery { text: Some(" * -- ".into()), ..Default::default() },
                "invalid text search ` * -- `: it has no word to search for",
            ),
        ];
        for (query, message) in cases {
            let err = check(query).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BadQuery);
            assert!(err.is_user_fault());
            assert_eq!(err.to_string(), message);
        }
    }

    #[test]
    fn country_is_upper_cased() {
        let q =
            check(IncidentQuery { country: Some(" ml ".into()), ..Default::default() }).unwrap();
        assert_eq!(q.country.as_deref(), Some("ML"));
    }
}
