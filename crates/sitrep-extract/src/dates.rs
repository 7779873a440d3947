//! Time expressions: absolute dates, dates relative to publication, and durations
//! relative to another incident, resolved into honest [`DateRange`]s.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use sitrep_lang::schema::{MonthPart, NumericDateOrder, Unit};
use sitrep_lang::{Pack, Word};
use sitrep_model::{DateRange, PublishedDate};

use crate::document::{Item, ItemKind};
use crate::numbers::number_at;

/// What a time expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeExpr {
    /// A fully given range: "29 mars 2020", "janvier 2020", "en 2019".
    Absolute(DateRange),
    /// A day of a month, year from the publication date: "le 12 mars".
    MonthDay { month: i8, day: i8 },
    /// A month (or part of one), year from the publication date: "fin février"; with
    /// `last`, strictly before the publication month ("last October").
    Month { month: i8, part: Option<MonthPart>, last: bool },
    /// Part of a month counted from publication: "early this month" = (0, early).
    MonthsPart { n: i32, part: MonthPart },
    /// A weekday, the most recent on or before publication (strictly before with `last`);
    /// `night` also takes the day before ("dans la nuit de samedi à dimanche").
    Weekday { weekday: Weekday, last: bool, night: bool },
    /// Days from publication: "hier" = -1.
    Days(i32),
    /// Calendar weeks from publication: "la semaine dernière" = -1.
    Weeks(i32),
    /// Calendar months from publication.
    Months(i32),
    /// Calendar years from publication.
    Years(i32),
    /// A duration before publication: "il y a trois jours".
    Ago { n: i32, unit: Unit },
    /// A duration from another incident: "six jours après" = +6 days.
    Relative { n: i32, unit: Unit },
    /// A duration from the incident just told: "cinq jours plus tôt" = -5 days.
    Shifted { n: i32, unit: Unit },
}

/// A time expression over items `first..=last` of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeMention {
    pub(crate) expr: TimeExpr,
    pub(crate) first: usize,
    pub(crate) last: usize,
}

impl TimeExpr {
    /// Whether the expression needs a publication date to resolve.
    pub(crate) fn is_relative(self) -> bool {
        !matches!(
            self,
            TimeExpr::Absolute(_) | TimeExpr::Relative { .. } | TimeExpr::Shifted { .. }
        )
    }
}

fn word<'a>(items: &'a [Item<'_>], i: usize) -> Option<&'a Word> {
    match items.get(i).map(|item| &item.kind) {
        Some(ItemKind::Word(w)) => Some(w),
        _ => None,
    }
}

fn digits(items: &[Item<'_>], i: usize) -> Option<u64> {
    match items.get(i).map(|item| &item.kind) {
        Some(ItemKind::Digits(v)) => Some(*v),
        _ => None,
    }
}

fn day_at(items: &[Item<'_>], i: usize) -> Option<i8> {
    let value = match items.get(i).map(|item| &item.kind) {
        Some(ItemKind::Digits(v) | ItemKind::OrdinalDigits(v)) => *v,
        Some(ItemKind::Word(Word::Ordinal(1))) => 1,
        _ => return None,
    };
    i8::try_from(value).ok().filter(|d| (1..=31).contains(d))
}

fn year_at(items: &[Item<'_>], i: usize) -> Option<i16> {
    digits(items, i).and_then(|v| i16::try_from(v).ok()).filter(|y| (1900..=2100).contains(y))
}

fn month_at(items: &[Item<'_>], i: usize) -> Option<i8> {
    match word(items, i) {
        Some(Word::Month(m)) => i8::try_from(*m).ok(),
        _ => None,
    }
}

fn weekday_at(items: &[Item<'_>], i: usize) -> Option<Weekday> {
    match word(items, i) {
        Some(Word::Weekday(d)) => Weekday::from_monday_one_offset(i8::try_from(*d).ok()?).ok(),
        _ => None,
    }
}

fn is_filler(items: &[Item<'_>], i: usize) -> bool {
    matches!(
        word(items, i),
        Some(Word::Place(sitrep_lang::PlaceCue::Locative | sitrep_lang::PlaceCue::Article))
    )
}

/// Every time expression of a sentence, in order. `folded` is the folded text the
/// items index into (for all-digit dates such as 29/03/2020).
pub(crate) fn find_times(items: &[Item<'_>], folded: &str, pack: &Pack) -> Vec<TimeMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if let Some((expr, last)) = time_at(items, i, folded, pack) {
            out.push(TimeMention { expr, first: i, last });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn time_at(items: &[Item<'_>], i: usize, folded: &str, pack: &Pack) -> Option<(TimeExpr, usize)> {
    if let Some(found) = numeric_date(items, i, folded, pack.numeric_date_order) {
        return Some(found);
    }
    // Day Month [Year]: "29 mars 2020", "le 1er avril".
    if let (Some(day), Some(month)) = (day_at(items, i), month_at(items, i + 1)) {
        return Some(with_year(items, i + 2, month, Some(day)));
    }
    // Month Day [, Year]: "March 29, 2020".
    if let (Some(month), Some(day)) = (month_at(items, i), day_at(items, i + 1))
        && year_at(items, i + 1).is_none()
    {
        return Some(with_year(items, i + 2, month, Some(day)));
    }
    // "24 hours after", "3 days later": a duration in digits.
    if digits(items, i).is_some() {
        return duration_relation(items, i);
    }
    match word(items, i)? {
        Word::MonthPart(part) => {
            let next = if is_filler(items, i + 1) { i + 2 } else { i + 1 };
            if let Some(Word::RelativeMonth(n)) = word(items, next) {
                return Some((TimeExpr::MonthsPart { n: *n, part: *part }, next));
            }
            let month = month_at(items, next)?;
            let (expr, last) = with_year(items, next + 1, month, None);
            let expr = match expr {
                TimeExpr::Absolute(range) => TimeExpr::Absolute(month_part(range, *part)),
                TimeExpr::Month { month, last, .. } => {
                    TimeExpr::Month { month, part: Some(*part), last }
                }
                other => other,
            };
            Some((expr, last))
        }
        Word::Month(_) => {
            let month = month_at(items, i)?;
            // "octobre dernier", "juin passé".
            if matches!(word(items, i + 1), Some(Word::Last)) {
                return Some((TimeExpr::Month { month, part: None, last: true }, i + 1));
            }
            // "en juin et avril derniers": a month joined to a month told just before.
            let joined = i >= 2
                && matches!(word(items, i - 1), Some(Word::Joiner))
                && (month_at(items, i - 2).is_some()
                    || matches!(word(items, i - 2), Some(Word::Last)));
            let introduced = i > 0
                && (is_filler(items, i - 1)
                    || matches!(word(items, i - 1), Some(Word::Since))
                    || joined);
            if year_at(items, i + 1).is_some() || introduced {
                Some(with_year(items, i + 1, month, None))
            } else {
                None
            }
        }
        Word::Place(sitrep_lang::PlaceCue::Locative) | Word::Since => {
            let year = year_at(items, i + 1)?;
            let start = Date::new(year, 1, 1).ok()?;
            let end = Date::new(year, 12, 31).ok()?;
            Some((TimeExpr::Absolute(DateRange::between(start, end)), i + 1))
        }
        Word::Last => {
            if let Some(month) = month_at(items, i + 1) {
                return Some((TimeExpr::Month { month, part: None, last: true }, i + 1));
            }
            let weekday = weekday_at(items, i + 1)?;
            Some((TimeExpr::Weekday { weekday, last: true, night: false }, i + 1))
        }
        Word::Night => {
            // "overnight", "dans la nuit" and nothing after: the night before publication,
            // within hours of it.
            // But "an overnight raid" tells the hour, not the day.
            if matches!(word(items, i + 1), Some(Word::Trigger(_))) {
                return None;
            }
            if weekday_at(items, i + 1).is_none()
                && day_at(items, i + 1).is_none()
                && month_at(items, i + 1).is_none()
                && !matches!(word(items, i + 1), Some(Word::RelativeDay(_) | Word::Last))
            {
                return Some((TimeExpr::Ago { n: 12, unit: Unit::Hour }, i));
            }
            let first = weekday_at(items, i + 1)?;
            // "de samedi à dimanche", "of Sunday to Monday": the night ends on the second day.
            if (is_filler(items, i + 2) || items.get(i + 2).is_some_and(|it| it.function))
                && let Some(second) = weekday_at(items, i + 3)
            {
                return Some((
                    TimeExpr::Weekday { weekday: second, last: false, night: true },
                    i + 3,
                ));
            }
            Some((TimeExpr::Weekday { weekday: first, last: false, night: false }, i + 1))
        }
        Word::Weekday(_) => {
            let weekday = weekday_at(items, i)?;
            // "mercredi 3 mars": the day and month say more than the weekday.
            if let (Some(day), Some(month)) = (day_at(items, i + 1), month_at(items, i + 2)) {
                return Some(with_year(items, i + 3, month, Some(day)));
            }
            let last = matches!(word(items, i + 1), Some(Word::Last));
            Some((TimeExpr::Weekday { weekday, last, night: false }, i + usize::from(last)))
        }
        Word::RelativeDay(n) => Some((TimeExpr::Days(*n), i)),
        // A Sunday and the Saturday before it.
        Word::Weekend => {
            Some((TimeExpr::Weekday { weekday: Weekday::Sunday, last: false, night: true }, i))
        }
        Word::ShiftedDays(n) => Some((TimeExpr::Shifted { n: *n, unit: Unit::Day }, i)),
        Word::JointDays(n) => Some((TimeExpr::Relative { n: *n, unit: Unit::Day }, i)),
        Word::RelativeWeek(n) => Some((TimeExpr::Weeks(*n), i)),
        Word::RelativeMonth(n) => Some((TimeExpr::Months(*n), i)),
        Word::RelativeYear(n) => Some((TimeExpr::Years(*n), i)),
        Word::AgoBefore => {
            let (n, unit, last) = duration(items, i + 1)?;
            Some((TimeExpr::Ago { n, unit }, last))
        }
        _ => duration_relation(items, i),
    }
}

/// A duration and the word that relates it: "three days ago", "six jours après",
/// "a few hours later".
fn duration_relation(items: &[Item<'_>], i: usize) -> Option<(TimeExpr, usize)> {
    let (n, unit, last) = duration(items, i)?;
    match word(items, last + 1) {
        Some(Word::AgoAfter) => Some((TimeExpr::Ago { n, unit }, last + 1)),
        Some(Word::After) => Some((TimeExpr::Relative { n, unit }, last + 1)),
        Some(Word::Before) => Some((TimeExpr::Relative { n: -n, unit }, last + 1)),
        Some(Word::Later) => Some((TimeExpr::Shifted { n, unit }, last + 1)),
        Some(Word::Earlier) => Some((TimeExpr::Shifted { n: -n, unit }, last + 1)),
        _ => None,
    }
}

/// A number followed by a unit: "trois jours", "two weeks".
fn duration(items: &[Item<'_>], i: usize) -> Option<(i32, Unit, usize)> {
    let number = number_at(items, i, true)?;
    let n = i32::try_from(number.max.unwrap_or(number.min)).ok()?;
    match word(items, number.last + 1) {
        Some(Word::Unit(unit)) => Some((n, *unit, number.last + 1)),
        _ => None,
    }
}

/// Month and optional day, with a year at item `i` when there is one.
fn with_year(items: &[Item<'_>], i: usize, month: i8, day: Option<i8>) -> (TimeExpr, usize) {
    if let Some(year) = year_at(items, i) {
        let range = match day {
            Some(day) => Date::new(year, month, day).ok().map(DateRange::day),
            None => {
                Date::new(year, month, 1).ok().map(|d| DateRange::between(d, d.last_of_month()))
            }
        };
        if let Some(range) = range {
            return (TimeExpr::Absolute(range), i);
        }
    }
    let expr = match day {
        Some(day) => TimeExpr::MonthDay { month, day },
        None => TimeExpr::Month { month, part: None, last: false },
    };
    (expr, i - 1)
}

/// "29/03/2020" or "03/29/2020": three digit groups joined by `/`, `.` or `-`.
fn numeric_date(
    items: &[Item<'_>],
    i: usize,
    folded: &str,
    order: NumericDateOrder,
) -> Option<(TimeExpr, usize)> {
    let (a, b, y) = (digits(items, i)?, digits(items, i + 1)?, year_at(items, i + 2)?);
    for pair in [(i, i + 1), (i + 1, i + 2)] {
        let gap = folded.get(items[pair.0].end..items[pair.1].start)?;
        if !matches!(gap, "/" | "." | "-") {
            return None;
        }
    }
    let (day, month) = match order {
        NumericDateOrder::Dmy => (a, b),
        NumericDateOrder::Mdy => (b, a),
    };
    let date = Date::new(y, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
    Some((TimeExpr::Absolute(DateRange::day(date)), i + 2))
}

fn month_part(range: DateRange, part: MonthPart) -> DateRange {
    let (Some(start), Some(end)) = (range.start, range.end) else { return range };
    let (from, to) = match part {
        MonthPart::Early => (1, 10),
        MonthPart::Mid => (11, 20),
        MonthPart::Late => (21, end.day()),
    };
    match (start.with().day(from).build(), start.with().day(to).build()) {
        (Ok(a), Ok(b)) => DateRange::between(a, b),
        _ => range,
    }
}

/// Resolves an expression against the publication date. `None` when it cannot be
/// resolved (a relative expression with no publication date).
pub(crate) fn resolve(expr: TimeExpr, published: Option<PublishedDate>) -> Option<DateRange> {
    if let TimeExpr::Absolute(range) = expr {
        return Some(range);
    }
    let published = published?;
    let pub_range = published.range();
    let (ps, pe) = (pub_range.start?, pub_range.end?);
    let shift = |days: i32| -> Option<DateRange> {
        Some(DateRange::between(
            ps.checked_add(days.days()).ok()?,
            pe.checked_add(days.days()).ok()?,
        ))
    };
    match expr {
        TimeExpr::Absolute(range) => Some(range),
        TimeExpr::Relative { .. } | TimeExpr::Shifted { .. } => None,
        TimeExpr::MonthDay { month, day } => {
            let mut date = Date::new(pe.year(), month, day).ok()?;
            if date > pe {
                date = Date::new(pe.year() - 1, month, day).ok()?;
            }
            Some(DateRange::day(date))
        }
        TimeExpr::Month { month, part, last } => {
            let mut first = Date::new(pe.year(), month, 1).ok()?;
            if first > pe || (last && first.month() == pe.month()) {
                first = Date::new(pe.year() - 1, month, 1).ok()?;
            }
            let range = DateRange::between(first, first.last_of_month());
            Some(part.map_or(range, |p| month_part(range, p)))
        }
        TimeExpr::Weekday { weekday, last, night } => {
            // The latest such weekday on or before each end of the publication range;
            // with a coarse publication date the range starts 6 days before it.
            let latest = |day: Date| -> Option<Date> {
                let back = i32::from(day.weekday().since(weekday));
                let back = if last && back == 0 { 7 } else { back };
                day.checked_sub(back.days()).ok()
            };
            let end = latest(pe)?;
            let start = if ps == pe {
                end
            } else {
                latest(ps.checked_sub(1.day()).ok()?)?.max(ps - 6.days())
            };
            let start = if start > end { end } else { start };
            let start = if night { start.checked_sub(1.day()).ok()? } else { start };
            Some(DateRange::between(start, end))
        }
        TimeExpr::MonthsPart { n, part } => {
            let months = resolve(TimeExpr::Months(n), Some(published))?;
            let (start, end) = (months.start?, months.end?);
            let whole = DateRange::between(start, start.last_of_month());
            let part = month_part(whole, part);
            // Never past publication: "early this month" published on the 5th.
            Some(DateRange::between(part.start?, part.end?.min(end.max(part.start?))))
        }
        TimeExpr::Days(n) => shift(n),
        TimeExpr::Weeks(n) => {
            let monday =
                |d: Date| d.checked_sub(i32::from(d.weekday().to_monday_zero_offset()).days());
            let start = monday(ps).ok()?.checked_add((7 * n).days()).ok()?;
            let end =
                if n >= 0 { pe } else { monday(pe).ok()?.checked_add((7 * n + 6).days()).ok()? };
            Some(DateRange::between(start, end.max(start)))
        }
        TimeExpr::Months(n) => {
            let first = ps.first_of_month().checked_add(n.months()).ok()?;
            let end = if n >= 0 {
                pe
            } else {
                pe.first_of_month().checked_add(n.months()).ok()?.last_of_month()
            };
            Some(DateRange::between(first, end.max(first)))
        }
        TimeExpr::Years(n) => {
            let first = Date::new(ps.year() + i16::try_from(n).ok()?, 1, 1).ok()?;
            let end = if n >= 0 {
                pe
            } else {
                Date::new(pe.year() + i16::try_from(n).ok()?, 12, 31).ok()?
            };
            Some(DateRange::between(first, end.max(first)))
        }
        TimeExpr::Ago { n, unit } => match unit {
            Unit::Hour => {
                let back = i32::try_from(n.unsigned_abs().div_ceil(24)).unwrap_or(i32::MAX);
                Some(DateRange::between(ps.checked_sub(back.days()).ok()?, pe))
            }
            Unit::Day => shift(-n),
            Unit::Week => {
                let r = shift(-7 * n)?;
                Some(DateRange::between(r.start? - 3.days(), r.end? + 3.days()))
            }
            Unit::Month => resolve(TimeExpr::Months(-n), Some(published)),
            Unit::Year => resolve(TimeExpr::Years(-n), Some(published)),
        },
    }
}

/// Moves `range` by a signed duration: the date of an event "n units after" one in `range`.
pub(crate) fn offset(range: DateRange, n: i32, unit: Unit) -> DateRange {
    let span = match unit {
        // Hours later may cross midnight: widen by whole days on the side moved to.
        Unit::Hour => {
            let days = i32::try_from(n.unsigned_abs().div_ceil(24)).unwrap_or(i32::MAX).days();
            return if n >= 0 {
                DateRange {
                    start: range.start,
                    end: range.end.and_then(|d| d.checked_add(days).ok()),
                }
            } else {
                DateRange {
                    start: range.start.and_then(|d| d.checked_sub(days).ok()),
                    end: range.end,
                }
            };
        }
        Unit::Day => n.days(),
        Unit::Week => (7 * n).days(),
        Unit::Month => n.months(),
        Unit::Year => n.years(),
    };
    DateRange {
        start: range.start.and_then(|d| d.checked_add(span).ok()),
        end: range.end.and_then(|d| d.checked_add(span).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use sitrep_geo::Gazetteer;
    use sitrep_lang::Registry;

    fn read(lang: &str, text: &str, published: Option<&str>) -> Vec<String> {
        let pack = Registry::builtin().get(lang).unwrap();
        let doc =
            Document::new(text, sitrep_text::Normalized::new(text), pack, Gazetteer::embedded());
        let s = &doc.sentences[0];
        let published = published.map(|p| p.parse().unwrap());
        find_times(&s.items, doc.folded.as_str(), pack)
            .into_iter()
            .map(|t| match resolve(t.expr, published) {
                Some(r) => format!(
                    "{}..{}",
                    r.start.map_or("?".into(), |d| d.to_string()),
                    r.end.map_or("?".into(), |d| d.to_string())
                ),
                None => "unresolved".to_string(),
            })
            .collect()
    }

    macro_rules! t {
        ($lang:literal, $text:literal, $pub:expr, $($want:literal),*) => {
            assert_eq!(read($lang, $text, $pub), vec![$($want.to_string()),*], "{}", $text);
        };
    }

    #[test]
    fn absolute_dates() {
        t!("fr", "le 29 mars 2020 à Bagdad", None, "2020-03-29..2020-03-29");
        t!("fr", "en janvier 2020", None, "2020-01-01..2020-01-31");
        t!("fr", "en 2019", None, "2019-01-01..2019-12-31");
        t!("fr", "le 29/03/2020", None, "2020-03-29..2020-03-29");
        t!("en", "on March 29, 2020", None, "2020-03-29..2020-03-29");
        t!("en", "on 03/29/2020", None, "2020-03-29..2020-03-29");
        t!("en", "in October 2017", None, "2017-10-01..2017-10-31");
    }

    #[test]
    fn dates_relative_to_publication() {
        t!("fr", "hier", Some("2021-04-05"), "2021-04-04..2021-04-04");
        t!("fr", "avant-hier", Some("2021-04-05"), "2021-04-03..2021-04-03");
        t!("fr", "mercredi matin", Some("2021-03-05"), "2021-03-03..2021-03-03");
        t!("fr", "mercredi matin", Some("2021-03"), "2021-02-24..2021-03-31");
        t!("fr", "samedi dernier", Some("2021-03-06"), "2021-02-27..2021-02-27");
        t!("fr", "fin février", Some("2021-03-10"), "2021-02-21..2021-02-28");
        t!("fr", "début mars", Some("2021-03-10"), "2021-03-01..2021-03-10");
        t!("fr", "le 12 mars", Some("2021-03-20"), "2021-03-12..2021-03-12");
        t!("fr", "en décembre", Some("2021-03-20"), "2020-12-01..2020-12-31");
        t!("fr", "il y a trois jours", Some("2021-03-20"), "2021-03-17..2021-03-17");
        t!("fr", "dans la nuit de samedi à dimanche", Some("2021-03-22"), "2021-03-20..2021-03-21");
        t!("fr", "la semaine dernière", Some("2021-03-17"), "2021-03-08..2021-03-14");
        t!("en", "yesterday", Some("2021-04-05"), "2021-04-04..2021-04-04");
        t!("en", "on Wednesday", Some("2021-04-14"), "2021-04-14..2021-04-14");
        t!("en", "last week", Some("2021-03-17"), "2021-03-08..2021-03-14");
        t!("en", "late February", Some("2021-03-10"), "2021-02-21..2021-02-28");
        t!("en", "three days ago", Some("2021-03-20"), "2021-03-17..2021-03-17");
        t!("en", "over the weekend", Some("2024-04-16"), "2024-04-13..2024-04-14");
        t!("fr", "le week-end dernier", Some("2024-04-16"), "2024-04-13..2024-04-14");
        t!("en", "3 days ago", Some("2021-03-20"), "2021-03-17..2021-03-17");
        t!("en", "early this month", Some("2024-05-22"), "2024-05-01..2024-05-10");
        t!("fr", "fin du mois dernier", Some("2024-05-22"), "2024-04-21..2024-04-30");
        t!("en", "last October", Some("2022-09-06"), "2021-10-01..2021-10-31");
        t!("en", "last October", Some("2022-10-20"), "2021-10-01..2021-10-31");
        t!("fr", "en octobre dernier", Some("2022-11-06"), "2022-10-01..2022-10-31");
    }

    #[test]
    fn relative_dates_without_publication_stay_unresolved() {
        t!("fr", "hier", None, "unresolved");
        t!("en", "on Wednesday", None, "unresolved");
        t!("fr", "fin février", None, "unresolved");
    }
}
