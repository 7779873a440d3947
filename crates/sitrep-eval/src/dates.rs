//! Comparing dates: pairing overlap and date accuracy.

use sitrep_model::{Date, DateRange};

use crate::gold::GoldDate;

/// Extra days a system range may span beyond the gold range's width and still be right.
pub(crate) const WIDTH_SLACK_DAYS: i32 = 2;

/// Whether a gold and a system date allow pairing (spec: "the date ranges overlap, or both
/// are unknown").
///
/// - A system date with no ends ("unknown") pairs only with a gold date with no ends:
///   that is the spec's "both are unknown". A system that could not resolve a date has
///   not found an incident the gold dates.
/// - A gold date with no ends does not constrain pairing, as a gold location of null is
///   skipped: the text supports no date, and the date rule of scoring rule 3 ("when the
///   gold range is null, ... a range that contains `date.true`" is right) judges such
///   pairs.
/// - Otherwise an unknown end, on either side, is unbounded: a gold range with only an
///   end ("before 31 January") overlaps every system range that starts on or before
///   that day, and a system range with only a start overlaps every gold range that ends
///   on or after it.
pub(crate) fn pairing_overlap(gold: &GoldDate, system: &DateRange) -> bool {
    if gold.is_unknown() {
        return true;
    }
    !system.is_unknown() && gold.range().overlaps(system)
}

/// The date part of the pairing score, in `0.0..=1.0`: closer dates are higher.
///
/// The gold reference day is `date.true`, or else the middle of a bounded gold range;
/// the system day is the middle of a bounded system range. Both unknown is a perfect
/// agreement; a reference missing on either side gives a neutral 0.3.
pub(crate) fn affinity(gold: &GoldDate, system: &DateRange) -> f64 {
    if gold.is_unknown() && system.is_unknown() {
        return 1.0;
    }
    // Days are counted from an anchor day, the gold reference or the gold start.
    let Some(anchor) = gold.truth.or(gold.start) else { return 0.3 };
    let reference = match gold.truth {
        Some(_) => Some(0.0),
        None => middle(&gold.range(), anchor),
    };
    match (reference, middle(system, anchor)) {
        (Some(g), Some(s)) => 1.0 / (1.0 + (g - s).abs() / 7.0),
        _ => 0.3,
    }
}

/// Whether the system date is right for the gold date (spec, scoring rule 3).
///
/// - Gold range with no ends ("the gold range is null"): a system date with no ends is
///   right, and so is a system range that contains `date.true`; nothing else is (with
///   no `true`, only the unknown date is right).
/// - Otherwise the system range must contain `date.true` (without `true`: overlap the
///   gold range) and be no wider than the gold range plus 2 days.
/// - Width: a range with an unknown end is infinitely wide. So a system range with an
///   unknown end is too wide for a bounded gold range; any system width fits a gold
///   range with one unknown end.
/// - A system date with no ends is wrong whenever the gold range has an end: the spec
///   allows it only for a null gold range.
pub(crate) fn date_correct(gold: &GoldDate, system: &DateRange) -> bool {
    if gold.is_unknown() {
        return system.is_unknown() || gold.truth.is_some_and(|t| system.contains(t));
    }
    if system.is_unknown() {
        return false;
    }
    let hit = match gold.truth {
        Some(truth) => system.contains(truth),
        None => system.overlaps(&gold.range()),
    };
    let narrow_enough = match (width(&gold.range()), width(system)) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(gold_width), Some(system_width)) => system_width <= gold_width + WIDTH_SLACK_DAYS,
    };
    hit && narrow_enough
}

/// Days from `start` to `end` of a bounded range (0 for one day), `None` when an end is
/// unknown.
fn width(range: &DateRange) -> Option<i32> {
    let (start, end) = range.start.zip(range.end)?;
    Some(days_between(start, end))
}

/// The middle of a bounded range, in days after `anchor`.
fn middle(range: &DateRange, anchor: Date) -> Option<f64> {
    let (start, end) = range.start.zip(range.end)?;
    Some(f64::from(days_between(anchor, start)) + f64::from(days_between(start, end)) / 2.0)
}

/// Signed number of days from `a` to `b`.
fn days_between(a: Date, b: Date) -> i32 {
    (b - a).get_days()
}

/// A date range written for people: `2021-03-03`, `2021-03-01..2021-03-31`,
/// `..2020-01-31`, or `unknown`.
pub(crate) fn show_range(range: &DateRange) -> String {
    match (range.start, range.end) {
        (None, None) => "unknown".to_string(),
        (Some(s), Some(e)) if s == e => s.to_string(),
        (s, e) => format!(
            "{}..{}",
            s.map(|d| d.to_string()).unwrap_or_default(),
            e.map(|d| d.to_string()).unwrap_or_default()
        ),
    }
}

/// A gold date written for people, with its real date when known.
pub(crate) fn show_gold(gold: &GoldDate) -> String {
    let range = show_range(&gold.range());
    match gold.truth {
        Some(t) if gold.start != Some(t) || gold.end != Some(t) => format!("{range} (true {t})"),
        _ => range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    fn gold(start: &str, end: &str, truth: &str) -> GoldDate {
        GoldDate { start: d(start), end: d(end), truth: d(truth) }
    }

    fn sys(start: &str, end: &str) -> DateRange {
        DateRange { start: d(start), end: d(end) }
    }

    #[test]
    fn date_accuracy_table() {
        let month = gold("2021-02-23", "2021-03-31", "2021-03-03");
        let no_true = gold("2021-03-01", "2021-03-05", "");
        let null = gold("", "", "2021-04-04");
        let null_no_true = gold("", "", "");
        let open_start = gold("", "2020-01-31", "2020-01-03");
        #[rustfmt::skip]
        let cases = [
            // (gold, system, right?)
            (&month, sys("2021-03-03", "2021-03-03"), true),
            (&month, sys("2021-02-23", "2021-03-31"), true),
            (&month, sys("2021-02-22", "2021-04-01"), true),  // 2 days wider
            (&month, sys("2021-02-21", "2021-04-01"), false), // 3 days wider
            (&month, sys("2021-03-04", "2021-03-04"), false), // misses true
            (&month, sys("2021-03-01", ""), false),           // open: too wide
            (&month, sys("", ""), false),
            (&no_true, sys("2021-03-05", "2021-03-06"), true), // overlaps
            (&no_true, sys("2021-03-06", "2021-03-06"), false),
            (&null, sys("", ""), true),
            (&null, sys("2021-04-04", "2021-04-04"), true),
            (&null, sys("2021-04-01", "2021-04-30"), true),
            (&null, sys("2021-04-05", "2021-04-05"), false),
            (&null_no_true, sys("", ""), true),
            (&null_no_true, sys("2021-04-05", "2021-04-05"), false),
            (&open_start, sys("2020-01-03", "2020-01-03"), true),
            (&open_start, sys("", "2020-01-31"), true),
            (&open_start, sys("2019-01-01", "2020-01-31"), true),
            (&open_start, sys("", ""), false),
        ];
        for (i, (g, s, right)) in cases.into_iter().enumerate() {
            assert_eq!(
                date_correct(g, &s),
                right,
                "case {i}: {} vs {}",
                show_gold(g),
                show_range(&s)
            );
        }
    }

    #[test]
    fn pairing_treats_unknown_ends_as_unbounded() {
        let open_start = gold("", "2020-01-31", "");
        assert!(pairing_overlap(&open_start, &sys("2019-05-01", "2019-05-01")));
        assert!(!pairing_overlap(&open_start, &sys("2020-02-01", "2020-02-01")));
        assert!(pairing_overlap(&gold("", "", ""), &sys("2020-02-01", "2020-02-01")));
        assert!(pairing_overlap(&gold("", "", "2020-02-03"), &sys("2020-02-01", "2020-02-01")));
        assert!(pairing_overlap(&gold("", "", ""), &sys("", "")));
        // A system date with no ends is not "both unknown" against a dated gold incident.
        assert!(!pairing_overlap(&gold("2021-03-01", "2021-03-02", ""), &sys("", "")));
        assert!(!pairing_overlap(&open_start, &sys("", "")));
        assert!(pairing_overlap(&gold("2021-03-01", "2021-03-02", ""), &sys("", "2021-03-01")));
        assert!(pairing_overlap(&gold("2021-03-01", "2021-03-02", ""), &sys("2021-02-01", "")));
        assert!(!pairing_overlap(&gold("2021-03-01", "2021-03-02", ""), &sys("2021-03-03", "")));
    }

    #[test]
    fn closer_dates_score_higher() {
        let g = gold("2021-03-01", "2021-03-31", "2021-03-03");
        let exact = affinity(&g, &sys("2021-03-03", "2021-03-03"));
        let week = affinity(&g, &sys("2021-03-10", "2021-03-10"));
        assert!((exact - 1.0).abs() < 1e-9);
        assert!(week < exact && week > affinity(&g, &sys("2021-03-30", "2021-03-30")));
        assert!((affinity(&gold("", "", ""), &sys("", "")) - 1.0).abs() < 1e-9);
        assert_eq!(show_range(&sys("", "2020-01-31")), "..2020-01-31");
    }
}
