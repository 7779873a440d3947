//! Casualty figures: numbers tied to words for the dead and the wounded, with the
//! source that gave them and negations ("ni victimes", "no casualties").

use sitrep_lang::{CueKind, Pack, PlaceCue, Word};
use sitrep_text::key_of_folded;

use crate::document::{Document, ItemKind, Sentence};
use crate::numbers::{NumberExpr, find_numbers};

/// Who a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Toll {
    Killed,
    Wounded,
}

/// One figure read from the text.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    pub(crate) toll: Toll,
    pub(crate) min: u32,
    pub(crate) max: Option<u32>,
    /// The named source, when the clause gives one ("selon l'OSDH").
    pub(crate) source: Option<String>,
    /// Folded byte range of the evidence (number to casualty word).
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// How far (in items) a number may stand from its casualty word.
const BEFORE: usize = 4;
const AFTER: usize = 4;

/// The figures of items `range` of a sentence.
pub(crate) fn find_figures(
    doc: &Document<'_, '_>,
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
    pack: &Pack,
) -> Vec<Figure> {
    let items = &sentence.items[range.clone()];
    let offset = range.start;
    let numbers = find_numbers(items);
    let mut out = Vec::new();
    let mut used: Vec<usize> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let source = || source_for(doc, sentence, range.clone(), offset + i);
        let tolls: &[Toll] = match &item.kind {
            ItemKind::Word(Word::Killed) => &[Toll::Killed],
            ItemKind::Word(Word::Trigger(t)) if pack.triggers[*t].kills => &[Toll::Killed],
            ItemKind::Word(Word::Wounded) => &[Toll::Wounded],
            ItemKind::Word(Word::BothCasualties) => &[Toll::Killed, Toll::Wounded],
            // "The death toll from a car bomb ... has risen to 19": the toll named before,
            // the figure right after.
            ItemKind::Word(Word::TollUpdate) => {
                let toll = items[..i].iter().rev().find_map(|it| match it.kind {
                    ItemKind::Word(Word::Killed) => Some(Toll::Killed),
                    ItemKind::Word(Word::Wounded) => Some(Toll::Wounded),
                    _ => None,
                });
                let number = numbers.iter().enumerate().find(|(k, n)| {
                    n.first > i && n.first <= i + 2 && !used.contains(k) && !is_year(items, n)
                });
                if let (Some(toll), Some((k, n))) = (toll, number) {
                    used.push(k);
                    out.push(Figure {
                        toll,
                        min: n.min,
                        max: n.max,
                        source: source(),
                        start: item.start,
                        end: items[n.last].end,
                    });
                }
                continue;
            }
            // "aucun mort" says nothing of the wounded; "aucun blessé", nobody hurt, says
            // nobody died either.
            ItemKind::Word(word @ (Word::NoCasualties | Word::NoDeaths)) => {
                let tolls: &[Toll] = match word {
                    Word::NoDeaths => &[Toll::Killed],
                    _ => &[Toll::Killed, Toll::Wounded],
                };
                for &toll in tolls {
                    out.push(Figure {
                        toll,
                        min: 0,
                        max: Some(0),
                        source: source(),
                        start: item.start,
                        end: item.end,
                    });
                }
                continue;
            }
            _ => continue,
        };
        let found = number_near(doc, items, &numbers, i, &used, pack)
            .or_else(|| subject_number(items, &numbers, i, &used))
            .map(|(n, k)| joined(items, &numbers, n, k));
        let (min, max, start, end) = match found {
            Some((n, k)) => {
                used.push(k);
                let first = items[n.first.min(i)].start;
                let last = items[n.last.max(i)].end;
                (n.min, n.max, first, last)
            }
            None if negated(items, i) => (0, Some(0), item.start, item.end),
            // "a tué le général", "wounding civilians", "we killed the target": someone,
            // uncounted.
            None if tolls.len() == 1 && names_victims(items, i) => {
                (1, None, item.start, items[(i + 2).min(items.len() - 1)].end)
            }
            // "A man who tried to stop them was shot dead": one.
            None if tolls == [Toll::Killed] && singular_passive(doc, items, i, pack) => {
                (1, Some(1), items[i - 1].start, item.end)
            }
            None => continue,
        };
        // "victimes" without a number and without negation says nothing countable.
        if tolls.len() == 2 && min > 0 {
            continue;
        }
        let source = source();
        for &toll in tolls {
            out.push(Figure { toll, min, max, source: source.clone(), start, end });
        }
    }
    out
}

/// The nearest unused number within reach of casualty word `i`: before it ("22
/// miliciens ont péri") or after it ("killing 17 people", "tuant deux civils").
fn number_near(
    doc: &Document<'_, '_>,
    items: &[crate::document::Item<'_>],
    numbers: &[NumberExpr],
    i: usize,
    used: &[usize],
    pack: &Pack,
) -> Option<(NumberExpr, usize)> {
    // Anything strictly between `from` and `to` that separates a number from its word.
    let blocked = |from: usize, to: usize| {
        items[from + 1..to].iter().any(|it| {
            matches!(
                it.kind,
                ItemKind::Word(
                    Word::Killed | Word::Wounded | Word::BothCasualties | Word::Trigger(_)
                )
            )
        }) || items[from + 1..=to].iter().any(|it| it.after_break)
    };
    // Words between a number and its casualty word, not counting function words and
    // words for people: "22 miliciens irakiens avaient péri" is a distance of 2.
    let gap = |from: usize, to: usize| {
        1 + items[from + 1..to]
            .iter()
            .filter(|it| {
                !it.function && !matches!(it.kind, ItemKind::Word(Word::People | Word::Forces))
            })
            .count()
    };
    let mut best: Option<(usize, NumberExpr, usize)> = None;
    for (k, n) in numbers.iter().enumerate() {
        if used.contains(&k) || is_year(items, n) {
            continue;
        }
        let distance = if n.last < i {
            // "Several of the wounded", "plusieurs des blessés": a part of a toll told
            // elsewhere, not a toll.
            let partitive = i > n.last + 1
                && matches!(items[i - 1].kind, ItemKind::Word(Word::Place(PlaceCue::Article)));
            let distance = gap(n.last, i);
            if partitive {
                continue;
            }
            if distance > BEFORE || blocked(n.last, i) {
                continue;
            }
            distance
        } else if n.first > i {
            // "killed and dozens more wounded": a number after "and" starts another figure;
            // "tombés dans une embuscade", "the toll from a car bomb": a number after a
            // preposition counts something else.
            let joined_after = items[i + 1..n.first].iter().any(|it| {
                let link = pack.count_links.contains(&doc.folded.as_str()[it.start..it.end]);
                !link
                    && matches!(
                        it.kind,
                        ItemKind::Word(
                            Word::Joiner
                                | Word::Place(_)
                                | Word::Cue(CueKind::Agent | CueKind::Target | CueKind::Onto)
                        )
                    )
            });
            let distance = gap(i, n.first);
            if distance > AFTER || blocked(i, n.first) || joined_after {
                continue;
            }
            // After the word, prefer numbers before it at equal distance.
            distance + 1
        } else {
            continue;
        };
        if best.is_none_or(|(d, _, _)| distance < d) {
            best = Some((distance, *n, k));
        }
    }
    best.map(|(_, n, k)| (n, k))
}

/// The number that heads the clause's subject, for a casualty verb far from it:
/// "Vingt-sept membres du Hachd, forces paramilitaires ..., ont été tués". The number
/// must count people and nothing else about casualties may stand between.
fn subject_number(
    items: &[crate::document::Item<'_>],
    numbers: &[NumberExpr],
    i: usize,
    used: &[usize],
) -> Option<(NumberExpr, usize)> {
    let passive = i > 0 && items[i - 1].function;
    if !passive {
        return None;
    }
    let (k, n) = numbers.iter().enumerate().find(|(_, n)| n.last < i)?;
    let counts_people = items[n.last + 1..i]
        .iter()
        .take(3)
        .skip_while(|it| it.function)
        .take(1)
        .any(|it| matches!(it.kind, ItemKind::Word(Word::People | Word::Forces)));
    // Nothing else about casualties between, but in an apposition set off by commas:
    // "Vingt-sept membres ..., tombés dans une embuscade ..., ont été tués".
    let between = &items[n.last + 1..i];
    let last_break = between.iter().rposition(|it| it.after_break).unwrap_or(0);
    let clear = !between.iter().enumerate().any(|(k, it)| {
        let in_apposition = k > 0 && between[..=k].iter().any(|b| b.after_break) && k < last_break;
        !in_apposition
            && matches!(
                it.kind,
                ItemKind::Word(
                    Word::Killed | Word::Wounded | Word::BothCasualties | Word::Trigger(_)
                )
            )
    });
    (counts_people && clear && !used.contains(&k) && !is_year(items, n)).then_some((*n, k))
}

fn is_year(items: &[crate::document::Item<'_>], n: &NumberExpr) -> bool {
    n.first == n.last
        && matches!(items[n.first].kind, ItemKind::Digits(v) if (1900..=2100).contains(&v))
}

/// "four American and five Nigerien soldiers": two figures joined by "and" add up.
fn joined(
    items: &[crate::document::Item<'_>],
    numbers: &[NumberExpr],
    n: NumberExpr,
    k: usize,
) -> (NumberExpr, usize) {
    let Some(prev) = k.checked_sub(1).map(|p| numbers[p]) else { return (n, k) };
    let Some(joiner) = n.first.checked_sub(1) else { return (n, k) };
    let between_ok = prev.last < joiner
        && matches!(items[joiner].kind, ItemKind::Word(Word::Joiner))
        && joiner - prev.last <= 3
        && items[prev.last + 1..joiner].iter().all(|it| {
            !it.after_break
                && matches!(
                    it.kind,
                    ItemKind::Plain | ItemKind::Word(Word::People | Word::Forces | Word::Place(_))
                )
        });
    if !between_ok {
        return (n, k);
    }
    let sum = NumberExpr {
        min: prev.min + n.min,
        max: prev.max.zip(n.max).map(|(a, b)| a + b),
        first: prev.first,
        last: n.last,
    };
    (sum, k)
}

/// Whether a singular auxiliary stands right before item `i`: "was", "a été".
fn singular_passive(
    doc: &Document<'_, '_>,
    items: &[crate::document::Item<'_>],
    i: usize,
    pack: &Pack,
) -> bool {
    let folded = doc.folded.as_str();
    let text = |from: usize| key_of_folded(&folded[items[from].start..items[i - 1].end]);
    (1..=2).any(|back| {
        i >= back
            && !items[i - back + 1..=i].iter().any(|it| it.after_break)
            && pack.singular.contains(&text(i - back))
    })
}

/// Whether the casualty verb at `i` is followed at once by the people it struck: a
/// word for people, or an article and a noun.
fn names_victims(items: &[crate::document::Item<'_>], i: usize) -> bool {
    let next = |k: usize| items.get(i + k).filter(|it| !it.after_break).map(|it| &it.kind);
    matches!(
        (next(1), next(2)),
        (Some(ItemKind::Word(Word::People | Word::Forces)), _)
            | (
                Some(ItemKind::Word(Word::Place(PlaceCue::Article))),
                Some(ItemKind::Plain | ItemKind::Word(Word::People | Word::Forces)),
            )
    )
}

/// A negation shortly before the casualty word: "aucune troupe n'a été blessée",
/// "were not hurt".
fn negated(items: &[crate::document::Item<'_>], i: usize) -> bool {
    items[i.saturating_sub(5)..i]
        .iter()
        .any(|it| matches!(it.kind, ItemKind::Word(Word::Cue(CueKind::Negation) | Word::Zero)))
}

/// The source of the figure at item `at`: within the stretch of the clause between
/// conjunctions of concurrent statements ("tandis que", "while"), the name after
/// "selon" / "according to", else the subject of a reporting verb ("Sana a fait état de").
fn source_for(
    doc: &Document<'_, '_>,
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
    at: usize,
) -> Option<String> {
    let items = &sentence.items;
    let joint = |i: usize| matches!(items[i].kind, ItemKind::Word(Word::Cue(CueKind::Concurrent)));
    let lo = (range.start..at).rev().find(|&i| joint(i)).map_or(range.start, |i| i + 1);
    let hi = (at..range.end).find(|&i| joint(i)).unwrap_or(range.end);
    let cue_at = |kind: CueKind| {
        (lo..hi)
            .filter(move |&i| matches!(items[i].kind, ItemKind::Word(Word::Cue(c)) if *c == kind))
    };
    for i in cue_at(CueKind::According) {
        if let Some(name) = name_after(doc, sentence, i, hi) {
            return Some(name);
        }
    }
    for i in cue_at(CueKind::Source) {
        if let Some(name) =
            name_before(doc, sentence, lo, i).or_else(|| name_after(doc, sentence, i, hi))
        {
            return Some(name);
        }
    }
    None
}

/// The actor (by its canonical name) or capitalised words right after item `i`:
/// "selon le Pentagone", "according to Reuters".
fn name_after(
    doc: &Document<'_, '_>,
    sentence: &Sentence<'_>,
    i: usize,
    hi: usize,
) -> Option<String> {
    let items = &sentence.items;
    let reach = items[(i + 4).min(hi).max(i + 1) - 1].end;
    if let Some(actor) =
        sentence.actors.iter().find(|a| a.start >= items[i].end && a.start <= reach)
    {
        return Some(actor.info.name.clone());
    }
    let mut name_items = Vec::new();
    for item in &items[i + 1..hi] {
        let text = doc.original(item.start, item.end);
        if text.starts_with(char::is_uppercase) {
            name_items.push(item);
        } else if name_items.is_empty() && (item.function || text.len() <= 3) {
            continue;
        } else {
            break;
        }
    }
    let (first, last) = (name_items.first()?, name_items.last()?);
    Some(doc.original(first.start, last.end).to_string())
}

/// The subject of the reporting verb at item `i`: the nearest actor or capitalised words
/// ending right before it ("L'agence officielle Sana a fait état de").
fn name_before(
    doc: &Document<'_, '_>,
    sentence: &Sentence<'_>,
    lo: usize,
    i: usize,
) -> Option<String> {
    let items = &sentence.items;
    let from = items[i.saturating_sub(6).max(lo)].start;
    // "30 insurgents dead, a military officer said": not across a comma.
    let unbroken = |a: &crate::document::ActorMention<'_>| {
        items[lo..i].iter().filter(|it| it.start >= a.end).all(|it| !it.after_break)
    };
    if let Some(actor) = sentence
        .actors
        .iter()
        .filter(|a| a.start >= from && a.end <= items[i].start)
        .max_by_key(|a| a.end)
        .filter(|a| unbroken(a))
    {
        return Some(actor.info.name.clone());
    }
    let mut first = None;
    for j in (lo..i).rev() {
        let text = doc.original(items[j].start, items[j].end);
        if text.starts_with(char::is_uppercase) && !items[j].function {
            first = Some(j);
        } else {
            break;
        }
    }
    let first = first?;
    Some(doc.original(items[first].start, items[i - 1].end).to_string())
}
