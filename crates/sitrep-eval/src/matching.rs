//! Pairing system incidents with gold incidents within one article (spec, scoring rule 1).

use sitrep_model::{Count, Incident};

use crate::dates;
use crate::gold::GoldIncident;
use crate::place::{self, Agreement};

/// The pairs found in one article, as indexes into the gold and system incident lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Pairing {
    /// Pairs whose gold incident is not optional: these are the hits.
    pub(crate) scored: Vec<(usize, usize)>,
    /// Pairs whose gold incident is optional: removed from both sides' counts.
    pub(crate) optional: Vec<(usize, usize)>,
}

/// Whether a pair is allowed at all: the type is compatible, the dates overlap and the
/// places agree (spec, scoring rule 1). See [`dates::pairing_overlap`] and
/// [`place::pairing_agreement`] for how unknown dates and places are treated.
pub(crate) fn compatible(gold: &GoldIncident, system: &Incident) -> bool {
    gold.accepts_type(system.event_type)
        && dates::pairing_overlap(&gold.date, &system.date)
        && place_agreement(gold, system) != Agreement::Disagree
}

fn place_agreement(gold: &GoldIncident, system: &Incident) -> Agreement {
    match (&gold.location, &system.location) {
        (Some(g), Some(s)) => place::pairing_agreement(g, s),
        // A gold place of null is skipped; a system place of null does not constrain.
        _ => Agreement::Unknown,
    }
}

/// How well a compatible pair fits; the greedy pairing takes the best first.
///
/// The spec asks to prefer exact type, same background flag, closer dates and closer
/// places; those carry the weight (exact type 2, a `type_also` type 1, same background 1,
/// dates up to 1, places up to 1). Agreement on the other scored fields adds a little
/// (up to 0.6 in all) so that two look-alike incidents of one article pair with their
/// own counterparts rather than crosswise.
pub(crate) fn affinity(gold: &GoldIncident, system: &Incident) -> f64 {
    let mut score = if gold.event_type == system.event_type { 2.0 } else { 1.0 };
    if gold.background == system.background {
        score += 1.0;
    }
    score += dates::affinity(&gold.date, &system.date);
    score += place_agreement(gold, system).affinity();
    if gold.weapon.is_some() && gold.weapon == system.weapon {
        score += 0.2;
    }
    if counts_agree(gold.killed.as_ref(), system.killed.as_ref()) {
        score += 0.1;
    }
    if counts_agree(gold.wounded.as_ref(), system.wounded.as_ref()) {
        score += 0.1;
    }
    if gold.claimed.is_some() && gold.claimed == system.claimed {
        score += 0.1;
    }
    if let (Some(g), Some(s)) = (&gold.perpetrator, &system.perpetrator)
        && g.status == s.status
    {
        score += 0.1;
    }
    score
}

fn counts_agree(gold: Option<&Count>, system: Option<&Count>) -> bool {
    gold.zip(system).is_some_and(|(g, s)| g.overlaps(s))
}

/// Pairs one article's incidents, one-to-one (spec, scoring rule 1).
///
/// One greedy pass over every compatible pair of a gold and a system incident, optional
/// gold incidents included: pairs are ranked by [`affinity`], best first, and a pair is
/// taken when neither side is taken yet. Ties go to a required gold incident before an
/// optional one, then to gold position, then to system position (text order), so the
/// result never depends on anything but the two lists. Pairs with an optional gold
/// incident are then set apart: they are removed from both sides' counts.
pub(crate) fn pair(gold: &[GoldIncident], system: &[Incident]) -> Pairing {
    let mut candidates = Vec::new();
    for (g, gold_incident) in gold.iter().enumerate() {
        for (s, incident) in system.iter().enumerate() {
            if compatible(gold_incident, incident) {
                candidates.push((affinity(gold_incident, incident), gold_incident.optional, g, s));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3))
    });
    let mut gold_taken = vec![false; gold.len()];
    let mut system_taken = vec![false; system.len()];
    let mut pairing = Pairing::default();
    for (_, optional, g, s) in candidates {
        if !gold_taken[g] && !system_taken[s] {
            gold_taken[g] = true;
            system_taken[s] = true;
            if optional { &mut pairing.optional } else { &mut pairing.scored }.push((g, s));
        }
    }
    pairing.scored.sort_unstable();
    pairing.optional.sort_unstable();
    pairing
}
