//! Number expressions: digits, number words, vague quantities and their modifiers,
//! read as honest ranges ("une dizaine" 8..12, "at least 3" 3.., "environ 100" 90..110).

use sitrep_lang::schema::Modifier;
use sitrep_lang::{PlaceCue, Word};

use crate::document::{Item, ItemKind};

/// A number expression over items `first..=last` of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberExpr {
    pub(crate) min: u32,
    pub(crate) max: Option<u32>,
    pub(crate) first: usize,
    pub(crate) last: usize,
}

/// Every number expression of a sentence, in order, not overlapping.
pub(crate) fn find_numbers(items: &[Item<'_>]) -> Vec<NumberExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if let Some(expr) = number_at(items, i, false) {
            i = expr.last + 1;
            out.push(expr);
        } else {
            i += 1;
        }
    }
    out
}

/// The number expression starting at item `i`, if any. A number followed by a unit of
/// time ("trois jours") is a duration and only read when `durations` is set.
pub(crate) fn number_at(items: &[Item<'_>], i: usize, durations: bool) -> Option<NumberExpr> {
    let (modifier, body) = match &items.get(i)?.kind {
        ItemKind::Word(Word::Modifier(m)) => (Some(*m), i + 1),
        // A "near" phrase right before a number means "nearly": "près de 30 morts".
        ItemKind::Word(Word::Place(PlaceCue::Near)) => (Some(Modifier::Nearly), i + 1),
        _ => (None, i),
    };
    let item = items.get(body)?;
    if modifier.is_some() && item.after_break {
        return None;
    }
    let (min, max, last) = match &item.kind {
        ItemKind::Word(Word::Vague(min, max)) => (*min, *max, body),
        ItemKind::Word(Word::Zero) if modifier.is_none() => (0, 0, body),
        ItemKind::Word(Word::Cardinal(_) | Word::Multiplier(_)) | ItemKind::Digits(_) => {
            let (value, last) = compound(items, body)?;
            let value = u32::try_from(value).ok()?;
            (value, value, last)
        }
        _ => return None,
    };
    if matches!(items.get(last + 1).map(|i| &i.kind), Some(ItemKind::Word(Word::Unit(_)))) {
        // "deux jours", "three weeks": a duration, read by the date rules.
        if !durations && modifier.is_none() {
            return None;
        }
    }
    // "plus d'une centaine", "at least a dozen": more than the round number itself, not
    // than the low end of its approximation.
    let approximate = matches!(items[body].kind, ItemKind::Word(Word::Vague(..)))
        && u64::from(max) * 2 <= u64::from(min) * 3;
    let (min, max) = match modifier {
        Some(Modifier::AtLeast | Modifier::MoreThan) if approximate => {
            let nominal = min.midpoint(max);
            apply(modifier, nominal, nominal)
        }
        _ => apply(modifier, min, max),
    };
    Some(NumberExpr { min, max, first: i, last })
}

/// A compound number from `start`: "vingt et un", "trois cents", "2 500", "two hundred
/// and five", "1,5 million". Returns the value and the last item used.
fn compound(items: &[Item<'_>], start: usize) -> Option<(u64, usize)> {
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut last = None;
    let mut i = start;
    while let Some(item) = items.get(i) {
        if i > start && item.after_break {
            break;
        }
        match &item.kind {
            ItemKind::Digits(v) if last.is_none() => current = *v,
            ItemKind::Word(Word::Cardinal(v)) => {
                let v = u64::from(*v);
                // "vingt deux": a smaller part after a ten adds; two units in a row end the number.
                if current != 0 && (!current.is_multiple_of(10) || v >= current) {
                    break;
                }
                current += v;
            }
            ItemKind::Word(Word::Multiplier(m)) => {
                let m = u64::from(*m);
                let base = if current == 0 { 1 } else { current };
                if m >= 1000 {
                    total += base * m;
                    current = 0;
                } else {
                    current = base * m;
                }
            }
            ItemKind::Word(Word::Joiner)
                if last.is_some()
                    && matches!(
                        items.get(i + 1).map(|n| &n.kind),
                        Some(ItemKind::Word(Word::Cardinal(_)))
                    ) => {}
            _ => break,
        }
        last = Some(i);
        i += 1;
    }
    last.map(|l| (total + current, l))
}

fn apply(modifier: Option<Modifier>, min: u32, max: u32) -> (u32, Option<u32>) {
    match modifier {
        None | Some(Modifier::Only) => (min, Some(max)),
        Some(Modifier::AtLeast) => (min, None),
        Some(Modifier::MoreThan) => (min.saturating_add(1), None),
        Some(Modifier::Nearly) => (tenth_below(min), Some(max)),
        Some(Modifier::About) => {
            let above = max.saturating_add(max.div_ceil(10));
            (tenth_below(min), Some(above))
        }
        Some(Modifier::UpTo) => (0, Some(max)),
    }
}

/// 0.9 × n, rounded down.
fn tenth_below(n: u32) -> u32 {
    n - n.div_ceil(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use sitrep_geo::Gazetteer;
    use sitrep_lang::Registry;

    fn read(lang: &str, text: &str) -> Vec<(u32, Option<u32>)> {
        let pack = Registry::builtin().get(lang).unwrap();
        let doc =
            Document::new(text, sitrep_text::Normalized::new(text), pack, Gazetteer::embedded());
        find_numbers(&doc.sentences[0].items).into_iter().map(|n| (n.min, n.max)).collect()
    }

    macro_rules! t {
        ($lang:literal, $text:literal, $($want:expr),*) => {
            assert_eq!(read($lang, $text), vec![$($want),*], "{}", $text);
        };
    }

    #[test]
    fn numbers_in_both_languages() {
        t!("fr", "vingt-deux miliciens", (22, Some(22)));
        t!("fr", "quelque 2.500 militaires", (2250, Some(2750)));
        t!("fr", "2 500 soldats et 1,200 civils", (2500, Some(2500)), (1200, Some(1200)));
        t!("fr", "une dizaine de roquettes", (8, Some(12)));
        t!("fr", "au moins trois morts", (3, None));
        t!("fr", "plus de 40 blessés", (41, None));
        t!("fr", "trois cents personnes", (300, Some(300)));
        t!("fr", "deux mille déplacés", (2000, Some(2000)));
        t!("fr", "soixante et onze", (71, Some(71)));
        t!("fr", "près de 100 morts", (90, Some(100)));
        t!("fr", "plus d'une centaine de blessés", (101, None));
        t!("en", "at least a dozen fighters", (12, None));
        t!("fr", "des dizaines de morts", (20, Some(99)));
        t!("en", "at least twenty-two people", (22, None));
        t!("en", "dozens of people", (20, Some(99)));
        t!("en", "a dozen rockets", (10, Some(14)));
        t!("en", "more than 2,500 troops", (2501, None));
        t!("en", "about 100 people", (90, Some(110)));
        t!("en", "two hundred and five", (205, Some(205)));
        t!("en", "no one", (0, Some(0)));
    }

    #[test]
    fn durations_are_not_counts() {
        t!("fr", "il y a trois jours",);
        t!("en", "two days later",);
    }
}
