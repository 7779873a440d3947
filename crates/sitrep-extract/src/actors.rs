//! Actor roles: who did it (and how sure the text is), who was targeted, who speaks.

use sitrep_lang::{CueKind, Pack, PlaceCue, Word};
use sitrep_model::ActorStatus;

use crate::document::{ItemKind, Sentence};
use crate::numbers::number_at;

/// An actor read as the perpetrator of a clause's event.
#[derive(Debug, Clone)]
pub(crate) struct Perpetrator {
    pub(crate) name: String,
    pub(crate) status: ActorStatus,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) generic: bool,
    /// "unidentified gunmen", "les assaillants": a role, not a named actor; the
    /// incident's perpetrator stays unknown.
    pub(crate) anonymous: bool,
    pub(crate) rule: &'static str,
}

/// How many items a claim cue may stand after its actor ("le GSIM a revendiqué").
const CLAIM_REACH: usize = 6;

/// The rules that read an actor from the trigger itself ("an Israeli strike", "US
/// drone"): what they name, a source tells as the narrator would.
const NAMED_IN_TRIGGER: &str = "actor named in the trigger";
const COUNTRY_OF_TRIGGER: &str = "country adjective of the trigger";

/// How far before an actor a cue still governs it.
const CUE_REACH: usize = 6;

/// The nearest cue before item `at`, within reach: claim and agent cues only within
/// the same stretch between commas, attribution and suspicion anywhere before.
fn cue_before(items: &[crate::document::Item<'_>], from: usize, at: usize) -> Option<CueKind> {
    let mut crossed_break = false;
    for (distance, i) in (from..at).rev().enumerate() {
        if let ItemKind::Word(Word::Cue(c)) = items[i].kind {
            let c = *c;
            // "a annoncé que les milices avaient lancé": the verb before "que" governs the
            // reported clause, not its subject; only blame and suspicion reach across.
            if c == CueKind::Complementizer {
                crossed_break = true;
                continue;
            }
            if !matches!(
                c,
                CueKind::ClaimedBy
                    | CueKind::Attribution
                    | CueKind::Source
                    | CueKind::According
                    | CueKind::Agent
                    | CueKind::Target
                    | CueKind::Onto
                    | CueKind::Suspicion
            ) {
                continue;
            }
            let near = distance < CUE_REACH && !crossed_break;
            if near || matches!(c, CueKind::Attribution | CueKind::Suspicion) {
                return Some(c);
            }
            return None;
        }
        crossed_break |= items[i].after_break;
    }
    None
}

/// Perpetrators named in items `range` of a sentence.
pub(crate) fn find_perpetrators(
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
    pack: &Pack,
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
        let index = sentence.item_at(actor.start);
        let after_index = sentence.item_at(actor.end);
        // "Iran-aligned Houthi movement", "Iran-backed militias": an actor that qualifies
        // the next one is not the actor itself. But "Al Shabaab militants" are al-Shabaab.
        let generic = |kind: &str| matches!(kind, "generic" | "anonymous");
        let qualifies_next = sentence.actors.iter().any(|next| {
            next.start > actor.end && {
                let between: Vec<_> =
                    items.iter().filter(|i| i.start >= actor.end && i.end <= next.start).collect();
                let names_the_next =
                    between.is_empty() && generic(&next.info.kind) && !generic(&actor.info.kind);
                between.len() <= 1
                    && !names_the_next
                    && between
                        .iter()
                        .all(|i| matches!(i.kind, ItemKind::Plain) && !i.function && !i.after_break)
                    && items.iter().find(|i| i.start >= next.start).is_some_and(|i| !i.after_break)
            }
        });
        if qualifies_next {
            continue;
        }
        // "soutenues par l'Iran", "backed by Iran": a backer, not the actor.
        if sponsored(items, range.start, index) {
            continue;
        }
        // "US embassy": a word of a site's name.
        if sentence.sites.iter().any(|s| s.start <= actor.start && actor.end <= s.end) {
            continue;
        }
        // "à Téhéran", "in Tehran": a place that shares a name with an actor.
        if index > range.start
            && actor.info.kind == "state"
            && matches!(items[index - 1].kind, ItemKind::Word(Word::Place(PlaceCue::Locative)))
        {
            continue;
        }
        // "killed Islamic State leader Abu Ibrahim", "a tué un chef du Hezbollah": the
        // actor named right after a verb of killing is the victim's side.
        let victim = (range.start..index.min(range.end))
            .rev()
            .map(|i| &items[i])
            .take_while(|i| !i.after_break)
            .find(|i| !i.function && !matches!(i.kind, ItemKind::Plain))
            .is_some_and(|i| matches!(i.kind, ItemKind::Word(Word::Killed)))
            && (range.start..index.min(range.end))
                .rev()
                .take_while(|&i| !matches!(items[i].kind, ItemKind::Word(Word::Killed)))
                .count()
                <= 3;
        if victim {
            continue;
        }
        // "frappe israélienne", "US drone": the actor is part of the trigger itself.
        let inside_trigger = items[index.min(range.end)..after_index.min(range.end)]
            .iter()
            .any(|i| matches!(i.kind, ItemKind::Word(Word::Trigger(_))));
        let mut cue_before = cue_before(items, range.start, index.min(range.end));
        // "blamed the abduction on Boko Haram": the blame reaches over its object.
        if cue_before == Some(CueKind::Onto) {
            let onto_at = (range.start..index.min(range.end))
                .rev()
                .find(|&i| matches!(items[i].kind, ItemKind::Word(Word::Cue(CueKind::Onto))));
            let blamed = onto_at.is_some_and(|at| {
                items[at.saturating_sub(4).max(range.start)..at]
                    .iter()
                    .any(|i| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Attribution))))
            });
            if blamed {
                cue_before = Some(CueKind::Attribution);
            }
        }
        // "tirées par", "carried out by": an agent only of an act, not of "occupé par".
        if cue_before == Some(CueKind::Agent) {
            let agent_at = (range.start..index.min(range.end))
                .rev()
                .find(|&i| matches!(items[i].kind, ItemKind::Word(Word::Cue(CueKind::Agent))));
            // "attaquée dans la nuit de samedi à dimanche par": past the time told between.
            let telling_time = |i: &&crate::document::Item<'_>| {
                i.function
                    || matches!(
                        i.kind,
                        ItemKind::Digits(_)
                            | ItemKind::Word(
                                Word::Weekday(_)
                                    | Word::Month(_)
                                    | Word::Night
                                    | Word::RelativeDay(_)
                                    | Word::Cardinal(_)
                                    | Word::Last
                            )
                    )
            };
            let after_act = agent_at.is_some_and(|at| {
                items[range.start..at].iter().rev().filter(|i| !telling_time(i)).take(3).any(|i| {
                    matches!(
                        i.kind,
                        ItemKind::Word(
                            Word::Trigger(_)
                                | Word::Cue(CueKind::Act | CueKind::Passive)
                                | Word::Killed
                                | Word::Wounded
                        )
                    )
                })
            });
            if !after_act {
                cue_before = None;
            }
        }
        // "les milices, soutenues par l'Iran, ont lancé": the act is told past the backer.
        let after = past_sponsor(sentence, after_index).min(range.end);
        // "jets struck an IS hideout, killing five": an actor after the act is its object.
        let object_of_act = items[range.start..index.min(range.end)]
            .iter()
            .any(|i| matches!(i.kind, ItemKind::Word(Word::Trigger(_) | Word::Cue(CueKind::Act))));
        let cue_after = (after..range.end).take(CLAIM_REACH).find_map(|j| match items[j].kind {
            // "Les Gardiens de la Révolution avaient revendiqué": the auxiliary of a
            // pluperfect governs nothing.
            ItemKind::Word(Word::Cue(
                CueKind::Onto | CueKind::Pluperfect | CueKind::Complementizer,
            )) => None,
            // "l'armée a affirmé avoir repoussé une attaque": who claims to have warded
            // off an attack speaks of it, as its target.
            ItemKind::Word(Word::Cue(CueKind::Claimed)) if wards_off(items, j + 1, range.end) => {
                Some(CueKind::Defense)
            }
            ItemKind::Word(Word::Cue(c)) => Some(*c),
            // "deux postes ont été simultanément attaqués par des hommes armés": an act
            // with its agent after it is told in the passive, of its target.
            ItemKind::Word(Word::Trigger(_)) if agent_follows(sentence, j + 1, range.end) => {
                Some(CueKind::Passive)
            }
            ItemKind::Word(Word::Trigger(_)) => Some(CueKind::Act),
            // "ADF fighters killed more than 40 worshippers", "ont tué 12 civils": a
            // verb of killing with its count is an act.
            ItemKind::Word(Word::Killed)
                if number_at(items, j + 1, false).is_some() && !object_of_act =>
            {
                Some(CueKind::Act)
            }
            _ => None,
        });
        // "Hezbollah a annoncé avoir lancé", "the army said it struck": a statement by
        // the actor that it acted is a claim.
        let says_it_acted = says_it_acted(items, after, range.end);
        // "tirs de roquettes des rebelles", "bombardements du régime", "strikes of the
        // coalition": an actor right after a trigger through "de" / "of" is its agent.
        let genitive = index >= 2
            && index <= range.end
            && items[range.start.max(index.saturating_sub(3))..index]
                .iter()
                .rev()
                .skip_while(|i| i.function)
                .take(1)
                .any(|i| {
                    matches!(i.kind, ItemKind::Word(Word::Trigger(t)) if pack.triggers[*t].event_type.is_some())
                })
            && items[index.saturating_sub(2).max(range.start)..index].iter().all(|i| !i.after_break);
        let (status, rule) = match (cue_before, cue_after) {
            _ if inside_trigger && hedged => {
                (ActorStatus::Suspected, "hedged actor named in the trigger")
            }
            _ if inside_trigger => (ActorStatus::Stated, NAMED_IN_TRIGGER),
            (Some(CueKind::ClaimedBy), _) => (ActorStatus::Claimed, "claimed by"),
            (_, Some(CueKind::Claimed)) => (ActorStatus::Claimed, "actor claimed"),
            _ if says_it_acted => (ActorStatus::Claimed, "actor said it acted"),
            (Some(CueKind::Attribution), _) => (ActorStatus::Attributed, "blamed by a third party"),
            (_, Some(CueKind::Accused)) => (ActorStatus::Attributed, "accused of the act"),
            (
                _,
                Some(CueKind::Attribution | CueKind::Source | CueKind::Passive | CueKind::Defense),
            ) => continue,
            (Some(CueKind::Source | CueKind::According | CueKind::Target | CueKind::Onto), _) => {
                continue;
            }
            _ if genitive && hedged => (ActorStatus::Suspected, "hedged agent of the trigger"),
            _ if genitive => (ActorStatus::Stated, "agent of the trigger"),
            (Some(CueKind::Agent), _) if hedged => (ActorStatus::Suspected, "hedged agent"),
            (Some(CueKind::Agent), _) => (ActorStatus::Stated, "agent of the act"),
            (_, Some(CueKind::Act | CueKind::Target)) if hedged => {
                (ActorStatus::Suspected, "hedged subject")
            }
            (_, Some(CueKind::Act | CueKind::Target)) => {
                (ActorStatus::Stated, "subject of the act")
            }
            (Some(CueKind::Suspicion), _) | (_, Some(CueKind::Suspicion)) => {
                (ActorStatus::Suspected, "suspected")
            }
            _ => continue,
        };
        out.push(Perpetrator {
            name: actor.info.name.clone(),
            status,
            start: actor.start,
            end: actor.end,
            generic: generic(&actor.info.kind),
            anonymous: actor.info.kind == "anonymous",
            rule,
        });
    }
    if !out.iter().any(|p| p.status <= ActorStatus::Stated)
        && let Some(state) = state_of_trigger(sentence, range.clone(), pack, hedged)
    {
        out.push(state);
    }
    if !out.iter().any(|p| p.status == ActorStatus::Claimed)
        && let Some(claimant) = distant_claimant(sentence, range.clone())
    {
        out.retain(|p| p.start != claimant.start);
        out.push(claimant);
    }
    // "..., ont rapporté les médias officiels", "selon l'OSDH": what the clause says of the
    // actor, it says on a source's word.
    let reported = range.clone().any(|i| match items[i].kind {
        ItemKind::Word(Word::Cue(CueKind::Source | CueKind::According)) => true,
        // "l'armée a affirmé avoir repoussé une attaque de l'Iswap": the army's word.
        ItemKind::Word(Word::Cue(CueKind::Claimed)) => wards_off(items, i + 1, range.end),
        _ => false,
    });
    if reported {
        for p in &mut out {
            // "one dead in an Israeli strike", the agency reported: the source tells the
            // event as the narrator would; the country is part of what it names.
            let names_the_event = matches!(p.rule, NAMED_IN_TRIGGER | COUNTRY_OF_TRIGGER);
            if p.status == ActorStatus::Stated && !names_the_event {
                p.status = ActorStatus::Attributed;
                p.rule = "told on a source's word";
            }
        }
    }
    out
}

/// Whether items from `after` say, within reach, that the speaker acted: a verb of
/// saying, a word by which the speaker refers to itself, then an act ("a annoncé avoir
/// lancé", "said it struck").
fn says_it_acted(items: &[crate::document::Item<'_>], after: usize, end: usize) -> bool {
    let source_at = items[after..end]
        .iter()
        .take(CLAIM_REACH)
        .position(|i| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Source))));
    // "did not immediately say who they believed was behind the bombing".
    let denied = |s: usize| {
        items[after..after + s]
            .iter()
            .any(|i| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Negation))))
    };
    source_at.is_some_and(|s| {
        if denied(s) {
            return false;
        }
        let rest = &items[after + s + 1..end];
        // "said in a statement that it had killed".
        let self_at = rest
            .iter()
            .take(6)
            .position(|i| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::SelfReference))));
        // "said it did not launch an attack": a denial; "said it had shot down": a defence.
        self_at.is_some_and(|k| {
            rest[k + 1..]
                .iter()
                .take(CLAIM_REACH)
                .take_while(|i| !matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Negation))))
                .find(|i| {
                    matches!(
                        i.kind,
                        ItemKind::Word(
                            Word::Trigger(_)
                                | Word::Cue(CueKind::Act | CueKind::Defense)
                                | Word::Killed
                        )
                    )
                })
                .is_some_and(|i| !matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Defense))))
        })
    })
}

/// The item of a subject pronoun that says it acted, with no actor named before it in
/// the clause: "Plus tôt, elle avait dit avoir frappé", "It said it had struck". The
/// pronoun stands for the actor the text named just before.
pub(crate) fn pronoun_claim(
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
) -> Option<usize> {
    let items = &sentence.items;
    let is_pronoun = |i: usize| {
        matches!(
            items[i].kind,
            ItemKind::Word(Word::Cue(CueKind::Pronoun | CueKind::SelfReference))
        )
    };
    // "It said it struck", "; the group claimed that attack too": a claim phrase right
    // after the pronoun, anywhere in the clause.
    let claims = |p: usize| {
        items[p + 1..range.end]
            .iter()
            .take(2)
            .any(|i| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Claimed))))
    };
    let pronoun = range.clone().find(|&i| {
        is_pronoun(i)
            && (claims(i) || (i < range.start + 4 && says_it_acted(items, i + 1, range.end)))
    })?;
    let named_before = sentence
        .actors
        .iter()
        .any(|a| a.start < items[pronoun].start && a.start >= items[range.start].start);
    (!named_before).then_some(pronoun)
}

/// The item of a pronoun that is the agent of an act: "tués ... par cette milice",
/// "killed by the group". The pronoun stands for the actor the text named before.
pub(crate) fn pronoun_agent(
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
) -> Option<usize> {
    let items = &sentence.items;
    range.clone().skip(1).find(|&i| {
        matches!(items[i].kind, ItemKind::Word(Word::Cue(CueKind::Pronoun)))
            && matches!(items[i - 1].kind, ItemKind::Word(Word::Cue(CueKind::Agent)))
            && items[range.start..i - 1].iter().rev().take(8).any(|it| {
                matches!(
                    it.kind,
                    ItemKind::Word(
                        Word::Trigger(_)
                            | Word::Cue(CueKind::Act | CueKind::Passive)
                            | Word::Killed
                            | Word::Wounded
                    )
                )
            })
    })
}

/// A country adjective next to a trigger names the country's national actor (its state
/// or its armed forces): "Israeli strike", "frappe de drone israélienne", "Russian guided
/// bomb", "Pakistani air strikes".
fn state_of_trigger(
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
    pack: &Pack,
    hedged: bool,
) -> Option<Perpetrator> {
    let items = &sentence.items;
    for t in range.clone() {
        let ItemKind::Word(Word::Trigger(k)) = items[t].kind else { continue };
        if pack.triggers[*k].event_type.is_none() {
            continue;
        }
        // "Iraqi F-16 fighter jets": a model name may stand between, nothing else.
        let before = (t.saturating_sub(3).max(range.start)..t).rev();
        let after = t + 1..(t + 3).min(range.end);
        for j in before.chain(after) {
            let (lo, hi) = (j.min(t), j.max(t));
            if items[lo + 1..=hi].iter().any(|i| i.after_break)
                || (j + 3 == t
                    && !items[j + 1..t].iter().all(|i| {
                        !i.function && matches!(i.kind, ItemKind::Plain | ItemKind::Digits(_))
                    }))
            {
                continue;
            }
            let ItemKind::Word(Word::Place(PlaceCue::Demonym(country))) = &items[j].kind else {
                continue;
            };
            let Some(name) = pack.national.get(country).map(|a| &a.name) else { continue };
            return Some(Perpetrator {
                name: name.clone(),
                status: if hedged { ActorStatus::Suspected } else { ActorStatus::Stated },
                start: items[j].start,
                end: items[j].end,
                generic: false,
                anonymous: false,
                rule: COUNTRY_OF_TRIGGER,
            });
        }
    }
    None
}

/// The subject of a claim told after a long apposition: "Le Groupe de soutien à l'islam
/// et aux musulmans (GSIM, ou JNIM ...), affilié à Al-Qaïda, a revendiqué l'attaque".
/// The claimant is the nearest actor before the claim cue that no preposition governs,
/// when the claim is not negated.
fn distant_claimant(sentence: &Sentence<'_>, range: std::ops::Range<usize>) -> Option<Perpetrator> {
    let items = &sentence.items;
    let claim = range
        .clone()
        .find(|&i| matches!(items[i].kind, ItemKind::Word(Word::Cue(CueKind::Claimed))))?;
    let negated = items[claim.saturating_sub(3).max(range.start)..claim]
        .iter()
        .any(|i| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Negation) | Word::Zero)));
    if negated || wards_off(items, claim + 1, range.end) {
        return None;
    }
    let lo = items[range.start].start;
    // The nearest actor before the claim that no preposition governs: "affilié à
    // Al-Qaïda" qualifies the claimant; in "the army said ..., while ISWAP ... said it
    // had killed", the claimant is ISWAP.
    let actor = sentence.actors.iter().rev().find(|a| {
        if a.start < lo || a.end > items[claim].start || a.info.kind == "source" {
            return false;
        }
        let index = items.iter().position(|i| i.start >= a.start).unwrap_or(0);
        let governed = index > range.start
            && matches!(
                items[index - 1].kind,
                ItemKind::Word(
                    Word::Place(_)
                        | Word::Cue(
                            CueKind::Target
                                | CueKind::Onto
                                | CueKind::Source
                                | CueKind::According
                                | CueKind::Agent
                                | CueKind::Sponsor
                        )
                )
            );
        !governed
    })?;
    Some(Perpetrator {
        name: actor.info.name.clone(),
        status: ActorStatus::Claimed,
        start: actor.start,
        end: actor.end,
        generic: matches!(actor.info.kind.as_str(), "generic" | "anonymous"),
        anonymous: actor.info.kind == "anonymous",
        rule: "claimant named before a long apposition",
    })
}

/// An actor who speaks in a clause.
#[derive(Debug, Clone)]
pub(crate) struct Speaker {
    /// The actor's own name.
    pub(crate) name: String,
    /// Whose acts it tells as their own: itself, or the group a channel speaks for
    /// (Al-Masirah for the Houthis).
    pub(crate) voice_of: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Actors who speak in items `range`: the subject of a reporting verb ("the Israeli
/// military said") or the name after "selon" / "according to".
pub(crate) fn find_speakers(
    sentence: &Sentence<'_>,
    range: std::ops::Range<usize>,
) -> Vec<Speaker> {
    let items = &sentence.items;
    let Some(lo) = items.get(range.start).map(|i| i.start) else { return Vec::new() };
    let hi = range.end.checked_sub(1).and_then(|i| items.get(i)).map_or(lo, |i| i.end);
    let mut out = Vec::new();
    for actor in sentence.actors.iter().filter(|a| a.start >= lo && a.end <= hi) {
        let index = sentence.item_at(actor.start);
        let after = sentence.item_at(actor.end);
        let cue = |i: usize, kind: CueKind| matches!(items.get(i).map(|i| &i.kind), Some(ItemKind::Word(Word::Cue(c))) if *c == kind);
        // "blaming the CODECO militia, which says it defends ...": the blamed one.
        if sponsored(items, range.start, index)
            || cue_before(items, range.start, index) == Some(CueKind::Attribution)
        {
            continue;
        }
        let after = past_sponsor(sentence, after);
        let says = (after..range.end.min(after + 3)).any(|i| cue(i, CueKind::Source));
        let cited =
            (index.saturating_sub(2).max(range.start)..index).any(|i| cue(i, CueKind::According));
        if says || cited {
            out.push(Speaker {
                name: actor.info.name.clone(),
                voice_of: actor.info.speaks_for.as_ref().unwrap_or(&actor.info.name).clone(),
                start: actor.start,
                end: actor.end,
            });
        }
    }
    out
}

/// Whether a verb of warding off an attack follows item `from` at once ("a affirmé avoir
/// repoussé", "said it had intercepted").
pub(crate) fn wards_off(items: &[crate::document::Item<'_>], from: usize, end: usize) -> bool {
    items[from.min(end)..end]
        .iter()
        .take(2)
        .any(|i| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Defense))))
}

/// Whether the actor at item `index` is a backer: a sponsor cue stands right before it,
/// past function words ("soutenues par l'Iran", "backed by the Iranian regime").
/// But an act "linked to" an actor ("an attack linked to IS") is laid at its door.
fn sponsored(items: &[crate::document::Item<'_>], from: usize, index: usize) -> bool {
    let Some(cue) = (from.min(index)..index)
        .rev()
        .take(3)
        .find(|&k| !items[k].function)
        .filter(|&k| matches!(items[k].kind, ItemKind::Word(Word::Cue(CueKind::Sponsor))))
    else {
        return false;
    };
    let of_an_act = (from..cue)
        .rev()
        .find(|&k| !items[k].function)
        .is_some_and(|k| matches!(items[k].kind, ItemKind::Word(Word::Trigger(_))));
    !of_an_act
}

/// The item after a backer told right after an actor, past a noun or two ("les milices,
/// soutenues par l'Iran, ont lancé", "Boko Haram fighters, backed by Iran, fired"), or
/// `after` itself when none is.
fn past_sponsor(sentence: &Sentence<'_>, after: usize) -> usize {
    let items = &sentence.items;
    let Some(cue) = items
        .iter()
        .enumerate()
        .skip(after)
        .take(3)
        .find(|(_, i)| matches!(i.kind, ItemKind::Word(Word::Cue(_) | Word::Trigger(_))))
        .filter(|(_, i)| matches!(i.kind, ItemKind::Word(Word::Cue(CueKind::Sponsor))))
        .map(|(k, _)| k)
    else {
        return after;
    };
    // A backer the dictionary knows ends with its name; another, at the next comma
    // ("backed by local sympathisers, attacked").
    let named = sentence.actors.iter().find(|a| a.start >= items[cue].end).and_then(|backer| {
        let at = sentence.item_at(backer.start);
        items[cue + 1..at].iter().all(|i| i.function).then(|| sentence.item_at(backer.end))
    });
    named
        .or_else(|| (cue + 1..items.len()).take(6).find(|&k| items[k].after_break))
        .unwrap_or(after)
}

/// Whether an agent the dictionary knows follows item `from` at once: "par des hommes
/// armés", "by Russian forces".
fn agent_follows(sentence: &Sentence<'_>, from: usize, end: usize) -> bool {
    let items = &sentence.items;
    let Some(agent) = (from..end).take(2).find(|&k| !items[k].function) else { return false };
    if !matches!(items[agent].kind, ItemKind::Word(Word::Cue(CueKind::Agent))) {
        return false;
    }
    let Some(next) = (agent + 1..end).take(3).find(|&k| !items[k].function) else {
        return false;
    };
    sentence.actors.iter().any(|a| a.start == items[next].start)
}
