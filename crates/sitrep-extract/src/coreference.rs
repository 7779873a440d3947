//! Which incident a clause speaks of: the evidence for and against a clause being one
//! more mention of an incident already told.
//!
//! A clause conflicts with an incident when it cannot be the same event: another type,
//! dates that do not overlap, places too far apart. Otherwise it earns an affinity
//! score: the same site, weapon, day or perpetrator count for it; another weapon, another
//! named perpetrator or a different toll count against it.

use sitrep_model::{ActorStatus, DateRange, EventType, Place, Precision, Weapon};

use crate::actors::Perpetrator;
use crate::casualties::{Figure, Toll};
use crate::dates::TimeExpr;
use crate::pipeline::Draft;
use crate::places::PlaceMention;

/// How two places named for an event relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceRelation {
    /// The same site or town.
    Same,
    /// One may hold the other, or they are neighbours.
    Compatible,
    /// They cannot be the place of one event.
    Conflict,
}

/// Kilometres within which two named towns may still be one event's place (neighbouring
/// villages named for one strike).
const NEIGHBOUR_KM: f64 = 8.0;
/// Kilometres within which a town may be a district of a city of a million or more.
const CITY_KM: f64 = 20.0;
/// Kilometres within which a site may lie in a town.
const TOWN_KM: f64 = 25.0;
/// Extra tolerance when either place is only "near" the event.
const NEAR_KM: f64 = 25.0;

/// How two place mentions relate, by country, region and distance.
pub(crate) fn relate_places(a: &PlaceMention, b: &PlaceMention) -> PlaceRelation {
    let (pa, pb) = (&a.candidate.place, &b.candidate.place);
    if let (Some(ca), Some(cb)) = (&pa.country, &pb.country)
        && ca != cb
    {
        return PlaceRelation::Conflict;
    }
    let tolerance = if a.near || b.near { NEAR_KM } else { 0.0 };
    let same_name = pa.name == pb.name;
    let km = distance(pa, pb);
    let within = |limit: f64| km.is_none_or(|d| d <= limit + tolerance);
    let same_admin1 = match (&pa.admin1, &pb.admin1) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    // "Saltivka", a district of Kharkiv: a big city reaches further.
    let biggest = a.candidate.population.max(b.candidate.population);
    let neighbourhood = if biggest >= 1_000_000 { CITY_KM } else { NEIGHBOUR_KM };
    use Precision::{Admin1, Country, Site, Town};
    match (pa.precision, pb.precision) {
        (Country, _) | (_, Country) => PlaceRelation::Compatible,
        (Admin1, Admin1) if same_name || same_admin1 => PlaceRelation::Same,
        (Admin1, _) | (_, Admin1) if same_admin1 => PlaceRelation::Compatible,
        (Admin1, _) | (_, Admin1) => PlaceRelation::Conflict,
        (Site, Site) if same_name || within(1.0) => PlaceRelation::Same,
        (Site, Site) if within(3.0) => PlaceRelation::Compatible,
        (Town, Town) if same_name || within(1.0) => PlaceRelation::Same,
        (Town, Town) if within(neighbourhood) => PlaceRelation::Compatible,
        (Site, Town) | (Town, Site) if within(TOWN_KM) => PlaceRelation::Compatible,
        _ => PlaceRelation::Conflict,
    }
}

fn distance(a: &Place, b: &Place) -> Option<f64> {
    Some(crate::pipeline::distance_km((a.lat?, a.lon?), (b.lat?, b.lon?)))
}

/// What one clause tells, as far as matching it to an incident goes.
pub(crate) struct Reading<'m> {
    pub(crate) event_type: Option<sitrep_model::EventType>,
    pub(crate) rank: u8,
    pub(crate) weapon: Option<Weapon>,
    pub(crate) time: Option<TimeExpr>,
    pub(crate) resolved: Option<DateRange>,
    pub(crate) place: Option<&'m PlaceMention>,
    /// A place name the gazetteer does not know.
    pub(crate) unknown_place: Option<&'m str>,
    /// Actors who speak in the clause.
    pub(crate) speakers: Vec<&'m str>,
    pub(crate) perpetrator: Option<&'m Perpetrator>,
    pub(crate) figures: &'m [Figure],
}

/// Types one event may be told as: gunmen "stormed" a village where they abducted
/// pupils; an attack on soldiers is a clash; a suicide bomber "detonated his bomb".
fn part_of(a: EventType, b: EventType) -> bool {
    use EventType::{Abduction, ArmedClash, Attack, RemoteExplosive, SuicideBomb};
    matches!(
        (a, b),
        (Attack, Abduction | ArmedClash)
            | (Abduction | ArmedClash, Attack)
            | (RemoteExplosive, SuicideBomb)
            | (SuicideBomb, RemoteExplosive)
    )
}

/// Weapons often named for one another in reports of the same event.
fn kindred(a: Weapon, b: Weapon) -> bool {
    use Weapon::{
        Aircraft, Artillery, Drone, Explosive, Ied, Missile, Mortar, Rocket, SuicideVest, Unknown,
        Vbied,
    };
    let shelling = |w| matches!(w, Rocket | Missile | Mortar | Artillery);
    matches!(a, Explosive | Unknown)
        || matches!(b, Explosive | Unknown)
        || (shelling(a) && shelling(b))
        || (matches!(a, Aircraft | Drone) && matches!(b, Aircraft | Drone))
        || (matches!(a, Ied | Vbied | SuicideVest) && matches!(b, Ied | Vbied | SuicideVest))
}

/// The affinity of a clause for an incident being built: `None` when the clause cannot
/// be that incident, else a score (above zero: evidence it is; below: evidence it is not).
pub(crate) fn affinity(draft: &Draft, reading: &Reading<'_>) -> Option<f32> {
    let mut score = 0.0;
    if let Some(t) = reading.event_type
        && reading.rank > 20
    {
        // A drone or a jet fires missiles: "an MQ-9 Reaper fired two Hellfire missiles".
        let munition_of_strike = draft.event_type == EventType::AirDroneStrike
            && reading.weapon == Some(Weapon::Missile);
        // A weak word ("strike", "raid") fits any event told; an event told with one is a
        // missile strike as well as an air strike, but never a roadside bomb told later.
        let strike_like = |t: EventType| {
            matches!(t, EventType::AirDroneStrike | EventType::ShellingArtilleryMissileAttack)
        };
        let weak = reading.rank <= 30
            || (draft.type_rank <= 30 && strike_like(t) && strike_like(draft.event_type));
        if t != draft.event_type
            && draft.type_rank > 20
            && !munition_of_strike
            && !weak
            && !part_of(t, draft.event_type)
        {
            return None;
        }
        if t == draft.event_type {
            score += 0.5;
        }
    } else if let Some(t) = reading.event_type
        && draft.type_rank > 20
    {
        // "the assault" after "militants attacked a military base, sparking a gunfight":
        // the noun of an anaphor hints at the kind of event it names.
        if t == draft.event_type {
            score += 0.5;
        } else if !part_of(t, draft.event_type) {
            score -= 1.0;
        }
    }
    // "intercepted several drones ..., causing no casualties" after a drone strike that
    // killed 17: a clause that kills no one tells another event than one that killed.
    let killed_none = reading.figures.iter().any(|f| f.toll == Toll::Killed && f.max == Some(0));
    let killed_some = draft.figures.iter().any(|(f, _)| f.toll == Toll::Killed && f.min > 0);
    if killed_none && killed_some {
        return None;
    }
    // An event dated from another ("two days after") is not one the text dates itself.
    // "a few hours later", "cinq jours plus tôt": another event than the one just told.
    if let Some(TimeExpr::Shifted { n, .. }) = reading.time
        && n != 0
    {
        return None;
    }
    if draft.relative.is_some()
        && draft.time.as_ref().is_none_or(|t| t.1.is_none())
        && let Some(t) = reading.time
        && !matches!(t, TimeExpr::Relative { .. } | TimeExpr::Shifted { .. })
    {
        return None;
    }
    match (&draft.time, reading.resolved, reading.time) {
        (Some((expr, Some(have), _)), Some(new), t) => {
            if !have.overlaps(&new) {
                return None;
            }
            // "l'attaque de mercredi" after "mercredi matin": the same words for the day.
            if t == Some(*expr) || (have == &new && new.start == new.end) {
                score += 1.0;
            }
        }
        // "on Friday" with no publication date, then "on April 8": the same day when
        // April 8 was a Friday.
        (Some((expr, have, _)), new, Some(t)) if *expr != t => match (*have, new) {
            // "on Friday", then "on April 8", and no publication date: nothing tells
            // whether they are one day; the rest of the reading decides.
            (None, None) => {}
            (Some(day), None) | (None, Some(day)) => {
                // Only the unresolved side's weekday can be checked against the other date.
                let weekday = match (*have, *expr, t) {
                    (Some(_), _, TimeExpr::Weekday { weekday, .. })
                    | (None, TimeExpr::Weekday { weekday, .. }, _) => Some(weekday),
                    _ => None,
                };
                match (weekday, day.start, day.end) {
                    (Some(w), Some(s), Some(e)) if s == e && s.weekday() != w => return None,
                    (Some(_), Some(s), Some(e)) if s == e => score += 1.0,
                    // "on Monday", then "In February 2022": a writer who dated an event
                    // by its weekday does not date it again by a month.
                    (Some(_), Some(s), Some(e)) if (e - s).get_days() > 7 => return None,
                    _ => {}
                }
            }
            (Some(_), Some(_)) => {}
        },
        _ => {}
    }
    // "in Ain Baal" then "in the town of Shehabiya": two villages, known or not.
    if let (Some(have), Some(new)) = (&draft.unknown_place, reading.unknown_place) {
        if have != new {
            return None;
        }
        score += 1.0;
    }
    // "a strike on Taybeh", then "a strike that hit Maaroub": a village the gazetteer
    // does not know, named where the other side has a known town, is likely another one.
    let town = |p: Option<&PlaceMention>| {
        p.is_some_and(|p| p.candidate.place.precision <= Precision::Town)
    };
    let draft_town = town(draft.place.as_ref().map(|(p, _, _)| p));
    let reading_town = town(reading.place);
    if (reading.unknown_place.is_some()
        && draft.unknown_place.is_none()
        && draft_town
        && !reading_town)
        || (draft.unknown_place.is_some()
            && reading.unknown_place.is_none()
            && reading_town
            && !draft_town)
    {
        score -= 1.5;
    }
    if let (Some((have, _, _)), Some(new)) = (&draft.place, reading.place) {
        match relate_places(have, new) {
            PlaceRelation::Conflict => return None,
            PlaceRelation::Same => {
                score += if new.candidate.place.precision == Precision::Site { 2.0 } else { 1.0 }
            }
            PlaceRelation::Compatible => {}
        }
    }
    if let (Some((have, _, _)), Some(new)) = (draft.weapon.as_ref(), reading.weapon) {
        if *have == new {
            // A rocket and a rocket say more than two firearms or two explosions.
            score += if matches!(new, Weapon::Firearm | Weapon::Explosive | Weapon::Unknown) {
                0.5
            } else {
                1.0
            };
        } else if kindred(*have, new) {
            score -= 0.3;
        } else {
            score -= 1.0;
        }
    }
    if let (Some((have, _)), Some(new)) = (&draft.perpetrator, reading.perpetrator) {
        // Only the narrator's word on both sides says they differ: a claim by JNIM does
        // not contradict "des jihadistes".
        let stated = have.status == ActorStatus::Stated && new.status == ActorStatus::Stated;
        if have.name == new.name {
            // Blame or suspicion on both sides: one group often stands behind several
            // attacks of an article.
            let hedged = |s: ActorStatus| s >= ActorStatus::Attributed;
            score += if hedged(have.status) && hedged(new.status) { 0.5 } else { 1.0 };
        } else if !have.generic && !new.generic {
            score -= 2.0;
        } else if stated {
            // "des rebelles" then "du régime": the text names the other side.
            score -= if have.generic && new.generic { 1.0 } else { 1.5 };
        }
    }
    // A town named for the first time, with a toll of its own, where the incident was
    // only placed in a region or a country: more likely another event ("Et dans la ville
    // de Douma").
    if let Some(new) = reading.place
        && new.candidate.place.precision <= Precision::Town
        && !reading.figures.is_empty()
        && draft
            .place
            .as_ref()
            .is_none_or(|(have, _, _)| have.candidate.place.precision >= Precision::Admin1)
    {
        score -= 0.5;
    }
    // "Biden a déclaré : « j'ai dirigé cette action militaire »": an actor speaks of its
    // own act.
    if let Some((have, _)) = &draft.perpetrator
        && !have.generic
        && reading.speakers.contains(&have.name.as_str())
    {
        score += 1.5;
    }
    score += figure_affinity(draft, reading.figures);
    Some(score)
}

/// Tolls that agree speak for one event; tolls that differ, with no source to explain
/// the difference, speak against it.
fn figure_affinity(draft: &Draft, figures: &[Figure]) -> f32 {
    let mut score = 0.0;
    for toll in [Toll::Killed, Toll::Wounded] {
        let have: Vec<&Figure> =
            draft.figures.iter().map(|(f, _)| f).filter(|f| f.toll == toll && f.min > 0).collect();
        let Some(new) = figures.iter().find(|f| f.toll == toll && f.min > 0) else { continue };
        if have.is_empty() {
            continue;
        }
        let agrees = have.iter().any(|f| overlaps(f, new));
        let sourced = new.source.is_some() || have.iter().any(|f| f.source.is_some());
        if agrees {
            score += 0.5;
        } else if !sourced {
            score -= 0.5;
        }
    }
    score
}

fn overlaps(a: &Figure, b: &Figure) -> bool {
    a.min <= b.max.unwrap_or(u32::MAX) && b.min <= a.max.unwrap_or(u32::MAX)
}
