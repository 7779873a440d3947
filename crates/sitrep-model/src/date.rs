use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How precisely a [`DateRange`] pins a date down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// One day.
    Day,
    /// A few days (a night across two days, "last week").
    Days,
    /// About a month.
    Month,
    /// About a year.
    Year,
    /// Only one end, or neither, is known.
    Open,
}

/// An honest date range: the narrowest `start..=end` the text supports.
///
/// Either end may be unknown (`None`), as when a relative date ("hier") has no
/// publication date to resolve against.
///
/// *Invariant:* `start <= end` when both are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    /// First possible day.
    pub start: Option<Date>,
    /// Last possible day.
    pub end: Option<Date>,
}

impl DateRange {
    /// A range with neither end known.
    #[must_use]
    pub fn unknown() -> DateRange {
        DateRange { start: None, end: None }
    }

    /// One day.
    #[must_use]
    pub fn day(date: Date) -> DateRange {
        DateRange { start: Some(date), end: Some(date) }
    }

    /// From `a` to `b`, in either order.
    #[must_use]
    pub fn between(a: Date, b: Date) -> DateRange {
        DateRange { start: Some(a.min(b)), end: Some(a.max(b)) }
    }

    /// Whether neither end is known.
    #[must_use]
    pub fn is_unknown(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }

    /// How precise the range is, derived from its width.
    #[must_use]
    pub fn precision(&self) -> DatePrecision {
        match (self.start, self.end) {
            (Some(start), Some(end)) => {
                let days = (end - start).get_days();
                match days {
                    0 => DatePrecision::Day,
                    1..=9 => DatePrecision::Days,
                    10..=62 => DatePrecision::Month,
                    _ => DatePrecision::Year,
                }
            }
            _ => DatePrecision::Open,
        }
    }

    /// Whether the two ranges share a day; an unknown end is unbounded.
    #[must_use]
    pub fn overlaps(&self, other: &DateRange) -> bool {
        let before = |a: &DateRange, b: &DateRange| match (a.end, b.start) {
            (Some(end), Some(start)) => end < start,
            _ => false,
        };
        !before(self, other) && !before(other, self)
    }

    /// Whether `date` lies in the range (an unknown end is unbounded).
    #[must_use]
    pub fn contains(&self, date: Date) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date <= e)
    }

    /// The smallest range covering both.
    #[must_use]
    pub fn cover(&self, other: &DateRange) -> DateRange {
        DateRange {
            start: self.start.zip(other.start).map(|(a, b)| a.min(b)),
            end: self.end.zip(other.end).map(|(a, b)| a.max(b)),
        }
    }
}

/// A publication date as the metadata gives it: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PublishedDate {
    /// The year.
    pub year: i16,
    /// The month, 1–12, when known.
    pub month: Option<i8>,
    /// The day of the month, when known (only with a month).
    pub day: Option<i8>,
}

/// Why a publication date did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDateError {
    input: String,
}

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date `{}`: expected `YYYY`, `YYYY-MM` or `YYYY-MM-DD`", self.input)
    }
}

impl std::error::Error for ParseDateError {}

impl PublishedDate {
    /// The days the publication date covers: one day, a whole month or a whole year.
    #[must_use]
    pub fn range(&self) -> DateRange {
        let first_month = self.month.unwrap_or(1);
        let Ok(start) = Date::new(self.year, first_month, self.day.unwrap_or(1)) else {
            return DateRange::unknown();
        };
        let end = match (self.month, self.day) {
            (Some(_), Some(_)) => start,
            (Some(_), None) => start.last_of_month(),
            _ => Date::new(self.year, 12, 31).unwrap_or(start),
        };
        DateRange::between(start, end)
    }

    /// The precision the metadata gave.
    #[must_use]
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// Parses the leading date of an ISO date or datetime ("2021-03-04T10:00:00Z" gives
    /// the day 2021-03-04).
    ///
    /// # Errors
    /// When the text does not start with `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or names no
    /// real day.
    pub fn parse_iso_prefix(text: &str) -> Result<PublishedDate, ParseDateError> {
        let text = text.trim();
        let date_part = text.split(['T', ' ']).next().unwrap_or("");
        date_part.parse()
    }
}

impl FromStr for PublishedDate {
    type Err = ParseDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseDateError { input: s.to_string() };
        let mut parts = s.split('-');
        let year_text = parts.next().ok_or_else(err)?;
        if year_text.len() != 4 {
            return Err(err());
        }
        let year: i16 = year_text.parse().map_err(|_| err())?;
        let mut number = |len: usize| -> Result<Option<i8>, ParseDateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == len || p.len() == 1 => p.parse().map(Some).map_err(|_| err()),
                Some(_) => Err(err()),
            }
        };
        let month = number(2)?;
        let day = number(2)?;
        if parts.next().is_some() {
            return Err(err());
        }
        let date = PublishedDate { year, month, day };
        if month.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(err());
        }
        if Date::new(year, month.unwrap_or(1), day.unwrap_or(1)).is_err() {
            return Err(err());
        }
        Ok(date)
    }
}

impl fmt::Display for PublishedDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PublishedDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PublishedDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PublishedDate::parse_iso_prefix(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn published_dates_parse_at_their_precision() {
        let cases = [
            ("2021", "2021-01-01", "2021-12-31"),
            ("2021-02", "2021-02-01", "2021-02-28"),
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("2021-03-04", "2021-03-04", "2021-03-04"),
        ];
        for (input, start, end) in cases {
            let p: PublishedDate = input.parse().unwrap();
            assert_eq!(p.to_string(), input);
            assert_eq!(p.range(), DateRange::between(d(start), d(end)), "{input}");
        }
    }

    #[test]
    fn bad_published_dates_are_rejected() {
        for bad in ["", "21", "2021-13", "2021-02-30", "2021-03-04-05", "abcd"] {
            assert!(bad.parse::<PublishedDate>().is_err(), "{bad}");
        }
        let p = PublishedDate::parse_iso_prefix("2021-03-04T10:20:00Z").unwrap();
        assert_eq!(p.to_string(), "2021-03-04");
    }

    #[test]
    fn ranges_overlap_and_contain() {
        let march = DateRange::between(d("2021-03-01"), d("2021-03-31"));
        assert!(march.contains(d("2021-03-03")));
        assert!(!march.contains(d("2021-04-01")));
        assert!(march.overlaps(&DateRange::day(d("2021-03-31"))));
        assert!(!march.overlaps(&DateRange::day(d("2021-04-01"))));
        assert!(DateRange::unknown().overlaps(&march));
        assert_eq!(march.precision(), DatePrecision::Month);
    }
}
