//! Actor roles: who did it (and how sure the text is), who was targeted, who speaks.

use sitrep_lang::{CueKind, Word};
use sitrep_model::ActorStatus;

use crate::document::{ItemKind, Sentence};

/// An actor read as the perpetrator of a clause's event.
#[derive(Debug, Clone)]
pub(crate) struct Perpetrator {
    pub(crate) name: String,
    pub(crate) status: ActorStatus,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) generic: bool,
    pub(crate) rule: &'static str,
}

/// How many items a claim cue may stand after its actor ("le GSIM a revendiqué").
const CLAIM_REACH: usize = 6;

/// Perpetrators named in items `range` of a sentence.
pub(crate) fn find_perpetrators(
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
) -> Vec<Perpetrator> {
    let items = &sentence.items;
    let Some(lo) = items.get(range.start).map(|i| i.start) else { return Vec::new() };
    let hi = range.end.checked_sub(1).and_then(|i| items.get(i)).map_or(lo, |i| i.end);
    let hedged = items[range.clone()]
        .iter()
        .any(|i| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Suspicion))));
    let mut out = Vec::new();
    for actor in sentence.actors.iter().filter(|a| a.start >= lo && a.end <= hi) {
        if actor.info.kind == "source" {
            continue;
        }
        let index = items.iter().position(|i| i.start >= actor.start).unwrap_or(items.len());
        let after_index = items.iter().position(|i| i.start >= actor.end).unwrap_or(items.len());
        let cue_before =
            items[range.start..index.min(range.end)].iter().rev().find_map(|i| match i.kind {
                ItemKind::Word(Word::Cue(c))
                    if *c != CueKind::Negation && *c != CueKind::Pluperfect =>
                {
                    Some(*c)
                }
                _ => None,
            });
        let cue_after = items[after_index.min(range.end)..range.end]
            .iter()
            .take(CLAIM_REACH)
            .find_map(|i| match i.kind {
                ItemKind::Word(Word::Cue(c)) => Some(*c),
                ItemKind::Word(Word::Trigger(_)) => Some(CueKind::Act),
                _ => None,
            });
        let (status, rule) = match (cue_before, cue_after) {
            (Some(CueKind::ClaimedBy), _) => (ActorStatus::Claimed, "claimed by"),
            (_, Some(CueKind::Claimed)) => (ActorStatus::Claimed, "actor claimed"),
            (Some(CueKind::Attribution), _) => (ActorStatus::Attributed, "blamed by a third party"),
            (_, Some(CueKind::Attribution | CueKind::Source | CueKind::Passive)) => continue,
            (Some(CueKind::Source | CueKind::Target), _) => continue,
            (Some(CueKind::Agent), _) if hedged => (ActorStatus::Suspected, "hedged agent"),
            (Some(CueKind::Agent), _) => (ActorStatus::Stated, "agent of the act"),
            (_, Some(CueKind::Act | CueKind::Target)) if hedged => {
                (ActorStatus::Suspected, "hedged subject")
            }
            (_, Some(CueKind::Act | CueKind::Target)) => {
                (ActorStatus::Stated, "subject of the act")
            }
            (Some(CueKind::Suspicion), _) => (ActorStatus::Suspected, "suspected"),
            _ => continue,
        };
        out.push(Perpetrator {
            name: actor.info.name.clone(),
            status,
            start: actor.start,
            end: actor.end,
            generic: actor.info.kind == "generic",
            rule,
        });
    }
    out
}
