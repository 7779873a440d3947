use serde::{Deserialize, Serialize};

use crate::{Count, DateRange, Span};

/// ACLED sub-event types, spelled exactly as the ACLED codebook (and the gold spec) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[allow(missing_docs, reason = "each variant is the codebook name it serialises to")]
pub enum EventType {
    #[serde(rename = "Armed clash")]
    ArmedClash,
    #[serde(rename = "Government regains territory")]
    GovernmentRegainsTerritory,
    #[serde(rename = "Non-state actor overtakes territory")]
    NonStateActorOvertakesTerritory,
    #[serde(rename = "Chemical weapon")]
    ChemicalWeapon,
    #[serde(rename = "Air/drone strike")]
    AirDroneStrike,
    #[serde(rename = "Suicide bomb")]
    SuicideBomb,
    #[serde(rename = "Shelling/artillery/missile attack")]
    ShellingArtilleryMissileAttack,
    #[serde(rename = "Remote explosive/landmine/IED")]
    RemoteExplosive,
    #[serde(rename = "Grenade")]
    Grenade,
    #[serde(rename = "Sexual violence")]
    SexualViolence,
    #[serde(rename = "Attack")]
    Attack,
    #[serde(rename = "Abduction/forced disappearance")]
    Abduction,
    #[serde(rename = "Peaceful protest")]
    PeacefulProtest,
    #[serde(rename = "Protest with intervention")]
    ProtestWithIntervention,
    #[serde(rename = "Excessive force against protesters")]
    ExcessiveForceAgainstProtesters,
    #[serde(rename = "Violent demonstration")]
    ViolentDemonstration,
    #[serde(rename = "Mob violence")]
    MobViolence,
    #[serde(rename = "Agreement")]
    Agreement,
    #[serde(rename = "Arrests")]
    Arrests,
    #[serde(rename = "Change to group/activity")]
    ChangeToGroupActivity,
    #[serde(rename = "Disrupted weapons use")]
    DisruptedWeaponsUse,
    #[serde(rename = "Headquarters or base established")]
    HeadquartersOrBaseEstablished,
    #[serde(rename = "Looting/property destruction")]
    LootingPropertyDestruction,
    #[serde(rename = "Non-violent transfer of territory")]
    NonViolentTransferOfTerritory,
    #[serde(rename = "Other")]
    Other,
}

impl EventType {
    /// Every type, in codebook order.
    pub const ALL: [EventType; 25] = [
        EventType::ArmedClash,
        EventType::GovernmentRegainsTerritory,
        EventType::NonStateActorOvertakesTerritory,
        EventType::ChemicalWeapon,
        EventType::AirDroneStrike,
        EventType::SuicideBomb,
        EventType::ShellingArtilleryMissileAttack,
        EventType::RemoteExplosive,
        EventType::Grenade,
        EventType::SexualViolence,
        EventType::Attack,
        EventType::Abduction,
        EventType::PeacefulProtest,
        EventType::ProtestWithIntervention,
        EventType::ExcessiveForceAgainstProtesters,
        EventType::ViolentDemonstration,
        EventType::MobViolence,
        EventType::Agreement,
        EventType::Arrests,
        EventType::ChangeToGroupActivity,
        EventType::DisruptedWeaponsUse,
        EventType::HeadquartersOrBaseEstablished,
        EventType::LootingPropertyDestruction,
        EventType::NonViolentTransferOfTerritory,
        EventType::Other,
    ];

    /// The codebook name ("Air/drone strike").
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            EventType::ArmedClash => "Armed clash",
            EventType::GovernmentRegainsTerritory => "Government regains territory",
            EventType::NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
            EventType::ChemicalWeapon => "Chemical weapon",
            EventType::AirDroneStrike => "Air/drone strike",
            EventType::SuicideBomb => "Suicide bomb",
            EventType::ShellingArtilleryMissileAttack => "Shelling/artillery/missile attack",
            EventType::RemoteExplosive => "Remote explosive/landmine/IED",
            EventType::Grenade => "Grenade",
            EventType::SexualViolence => "Sexual violence",
            EventType::Attack => "Attack",
            EventType::Abduction => "Abduction/forced disappearance",
            EventType::PeacefulProtest => "Peaceful protest",
            EventType::ProtestWithIntervention => "Protest with intervention",
            EventType::ExcessiveForceAgainstProtesters => "Excessive force against protesters",
            EventType::ViolentDemonstration => "Violent demonstration",
            EventType::MobViolence => "Mob violence",
            EventType::Agreement => "Agreement",
            EventType::Arrests => "Arrests",
            EventType::ChangeToGroupActivity => "Change to group/activity",
            EventType::DisruptedWeaponsUse => "Disrupted weapons use",
            EventType::HeadquartersOrBaseEstablished => "Headquarters or base established",
            EventType::LootingPropertyDestruction => "Looting/property destruction",
            EventType::NonViolentTransferOfTerritory => "Non-violent transfer of territory",
            EventType::Other => "Other",
        }
    }

    /// The type whose codebook name is `name`, ignoring case.
    #[must_use]
    pub fn from_name(name: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// The weapon used, in the gold spec's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs, reason = "the variant names are the vocabulary")]
pub enum Weapon {
    Rocket,
    Mortar,
    Artillery,
    Missile,
    Drone,
    Aircraft,
    Ied,
    Vbied,
    SuicideVest,
    Firearm,
    Grenade,
    Explosive,
    Unknown,
}

/// How sure the text is about who did it, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorStatus {
    /// The actor itself claimed or acknowledged it.
    Claimed,
    /// The narrator states it as fact.
    Stated,
    /// A named third party blames the actor.
    Attributed,
    /// The text hedges ("likely", "ressemble fortement à").
    Suspected,
    /// Nobody is named.
    Unknown,
}

/// An actor (perpetrator) with the status of the text's claim about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical English name, or `None` when unknown.
    pub name: Option<String>,
    /// How the text ties the actor to the incident.
    pub status: ActorStatus,
}

/// How precisely a [`Place`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A named site: a base, an airport, a square.
    Site,
    /// A town or city (or a place near one).
    Town,
    /// A first-level administrative region (province, governorate, state).
    Admin1,
    /// Only the country.
    Country,
}

/// A geocoded place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The gazetteer's name for the place.
    pub name: String,
    /// Latitude in degrees, when known.
    pub lat: Option<f64>,
    /// Longitude in degrees, when known.
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// First-level administrative region name.
    pub admin1: Option<String>,
    /// How precisely the place is known.
    pub precision: Precision,
}

/// The kind of link between two incidents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// This incident retaliates for the other.
    RetaliationFor,
    /// This incident responds to the other.
    ResponseTo,
}

/// A link from one incident to another of the same article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// What the link means.
    pub rel: LinkKind,
    /// The `id` of the other incident.
    pub key: String,
}

/// The fields of an incident that carry evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs, reason = "each variant names the incident field of the same name")]
pub enum Field {
    Type,
    Date,
    Location,
    Perpetrator,
    Target,
    Weapon,
    Quantity,
    Killed,
    Wounded,
    Claimed,
    Background,
    Related,
}

/// Why a field has its value: the characters it came from and the rule that read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The field this evidence supports.
    pub field: Field,
    /// The exact characters the value was read from.
    pub span: Span,
    /// `text[span]`, kept so readers need not have the article at hand.
    pub excerpt: String,
    /// The sentence the span lies in.
    pub sentence: Span,
    /// The rule that read the value ("pack fr, casualties: tués").
    pub rule: String,
}

/// One coded incident: an event of armed violence (or a strategic development) that an
/// article reports as its news or mentions as background.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable id: the article's content hash and the incident's position.
    pub id: String,
    /// ACLED sub-event type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// `true` for a past incident the article only mentions.
    pub background: bool,
    /// When it happened.
    pub date: DateRange,
    /// Where it happened.
    pub location: Option<Place>,
    /// Who did it, with the status of that claim.
    pub perpetrator: Option<Actor>,
    /// Who or what was hit, in the article's words.
    pub target: Option<String>,
    /// The weapon used.
    pub weapon: Option<Weapon>,
    /// Number of munitions.
    pub quantity: Option<Count>,
    /// People killed; `None` when the text says nothing.
    pub killed: Option<Count>,
    /// People wounded; `None` when the text says nothing.
    pub wounded: Option<Count>,
    /// `Some(true)`: someone claimed it; `Some(false)`: the text says nobody did.
    pub claimed: Option<bool>,
    /// Links to other incidents of the same article.
    #[serde(default)]
    pub related: Vec<Link>,
    /// Evidence for each field that has a value.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl Incident {
    /// The evidence for `field`, if any.
    pub fn evidence_for(&self, field: Field) -> impl Iterator<Item = &Evidence> {
        self.evidence.iter().filter(move |e| e.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_type_names_round_trip_through_json() {
        for t in EventType::ALL {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.name()));
            assert_eq!(serde_json::from_str::<EventType>(&json).unwrap(), t);
            assert_eq!(EventType::from_name(&t.name().to_lowercase()), Some(t));
        }
    }

    #[test]
    fn weapons_use_the_gold_vocabulary() {
        assert_eq!(serde_json::to_string(&Weapon::SuicideVest).unwrap(), "\"suicide_vest\"");
        assert_eq!(serde_json::to_string(&Weapon::Ied).unwrap(), "\"ied\"");
    }
}
