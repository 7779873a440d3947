use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A count of people or munitions as an honest range `min..=max`.
///
/// `max` is `None` when the text gives only a floor ("at least 12").
/// `by_source` keeps the figure each named source gave when sources disagree.
///
/// *Invariant:* `min <= max` whenever `max` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// Smallest value the text supports.
    pub min: u32,
    /// Largest value the text supports; `None` means unbounded.
    pub max: Option<u32>,
    /// Figures given by named sources, keyed by the source's name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_source: BTreeMap<String, u32>,
}

impl Count {
    /// Exactly `n`.
    #[must_use]
    pub fn exactly(n: u32) -> Count {
        Count { min: n, max: Some(n), by_source: BTreeMap::new() }
    }

    /// Between `a` and `b`, in either order.
    #[must_use]
    pub fn between(a: u32, b: u32) -> Count {
        Count { min: a.min(b), max: Some(a.max(b)), by_source: BTreeMap::new() }
    }

    /// At least `n`, no upper bound.
    #[must_use]
    pub fn at_least(n: u32) -> Count {
        Count { min: n, max: None, by_source: BTreeMap::new() }
    }

    /// Whether the two ranges share a value (an unset `max` is unbounded).
    #[must_use]
    pub fn overlaps(&self, other: &Count) -> bool {
        let below = |a: &Count, b: &Count| a.max.is_some_and(|max| max < b.min);
        !below(self, other) && !below(other, self)
    }

    /// The smallest range covering both; figures by source are united.
    #[must_use]
    pub fn union(&self, other: &Count) -> Count {
        let max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        let mut by_source = self.by_source.clone();
        for (source, n) in &other.by_source {
            by_source.entry(source.clone()).or_insert(*n);
        }
        Count { min: self.min.min(other.min), max, by_source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_treats_missing_max_as_unbounded() {
        assert!(Count::at_least(10).overlaps(&Count::exactly(500)));
        assert!(!Count::exactly(3).overlaps(&Count::at_least(4)));
        assert!(Count::between(1, 22).overlaps(&Count::exactly(22)));
        assert!(!Count::between(1, 2).overlaps(&Count::between(3, 9)));
    }

    #[test]
    fn union_spans_both() {
        let u = Count::exactly(22).union(&Count::exactly(1));
        assert_eq!((u.min, u.max), (1, Some(22)));
        assert_eq!(Count::exactly(1).union(&Count::at_least(5)).max, None);
    }
}
