//! The file formats of a language pack, as `serde` types.
//!
//! Every file is TOML and parsed with `deny_unknown_fields`, so a misspelt key is an
//! error with a line number rather than a silently ignored rule.

use std::collections::BTreeMap;

use serde::Deserialize;
use sitrep_model::{EventType, Weapon};

/// `pack.toml`: identity and text conventions of the language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// ISO 639-1 code.
    pub code: String,
    /// English name of the language.
    pub name: String,
    /// Frequent function words, used to identify the language of an article.
    pub stopwords: Vec<String>,
    /// Words that a period does not end a sentence after ("col", "gen").
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Phrases that mark a photo caption or credit ("file photo", "via getty images").
    #[serde(default)]
    pub caption_markers: Vec<String>,
    /// How all-digit dates read: `dmy` (29/03/2020) or `mdy` (03/29/2020).
    pub numeric_date_order: NumericDateOrder,
}

/// Order of day and month in all-digit dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumericDateOrder {
    /// Day, month, year.
    Dmy,
    /// Month, day, year.
    Mdy,
}

/// `numbers.toml`: number words and vague quantities.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumbersFile {
    /// Number words below the multipliers: "deux" = 2, "vingt" = 20.
    pub cardinals: BTreeMap<String, u32>,
    /// Words that multiply what precedes them: "cent" = 100, "thousand" = 1000.
    pub multipliers: BTreeMap<String, u32>,
    /// Words allowed inside a compound number: "et" (vingt et un), "and".
    #[serde(default)]
    pub joiners: Vec<String>,
    /// Ordinal words: "quatorzieme" = 14, "fifth" = 5.
    #[serde(default)]
    pub ordinals: BTreeMap<String, u32>,
    /// Suffixes that turn digits into an ordinal: "e", "eme", "th".
    #[serde(default)]
    pub ordinal_suffixes: Vec<String>,
    /// Vague quantities as ranges: "une dizaine" = [8, 12].
    #[serde(default)]
    pub vague: BTreeMap<String, [u32; 2]>,
    /// Words meaning none: "aucun", "no".
    #[serde(default)]
    pub zero: Vec<String>,
    /// Words that bend the number after them: "au moins" = "at_least".
    #[serde(default)]
    pub modifiers: BTreeMap<String, Modifier>,
}

/// How a modifier bends the number it precedes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modifier {
    /// N..unbounded.
    AtLeast,
    /// N+1..unbounded.
    MoreThan,
    /// 0.9N..N.
    Nearly,
    /// 0.9N..1.1N.
    About,
    /// 0..N.
    UpTo,
    /// Only N (a restriction, "n'a fait qu'un mort"): N..N.
    Only,
}

/// `dates.toml`: calendar words and relative time expressions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatesFile {
    /// Month names and abbreviations: "fevrier" = 2.
    pub months: BTreeMap<String, u8>,
    /// Weekday names, Monday = 1.
    pub weekdays: BTreeMap<String, u8>,
    /// Day words relative to publication: "hier" = -1.
    #[serde(default)]
    pub relative_days: BTreeMap<String, i32>,
    /// Week phrases relative to publication: "la semaine derniere" = -1.
    #[serde(default)]
    pub relative_weeks: BTreeMap<String, i32>,
    /// Month phrases relative to publication: "le mois dernier" = -1.
    #[serde(default)]
    pub relative_months: BTreeMap<String, i32>,
    /// Year phrases relative to publication: "l an dernier" = -1.
    #[serde(default)]
    pub relative_years: BTreeMap<String, i32>,
    /// Words marking the previous occurrence of a weekday or month ("dernier", "last").
    #[serde(default)]
    pub last: Vec<String>,
    /// Parts of a month: "debut" = "early", "fin" = "late".
    #[serde(default)]
    pub month_parts: BTreeMap<String, MonthPart>,
    /// Phrases before a duration meaning "ago": "il y a".
    #[serde(default)]
    pub ago_before: Vec<String>,
    /// Phrases after a duration meaning "ago": "ago".
    #[serde(default)]
    pub ago_after: Vec<String>,
    /// Duration units: "jours" = "day".
    #[serde(default)]
    pub units: BTreeMap<String, Unit>,
    /// Words after a duration placing a date after another event: "apres", "later".
    #[serde(default)]
    pub after: Vec<String>,
    /// Words after a duration placing a date before another event: "avant", "before".
    #[serde(default)]
    pub before: Vec<String>,
    /// Adverbs after a duration placing an event after the one just told: "plus tard", "later".
    #[serde(default)]
    pub later: Vec<String>,
    /// Adverbs after a duration placing an event before the one just told: "plus tot", "earlier".
    #[serde(default)]
    pub earlier: Vec<String>,
    /// Words opening a span of time up to now: "depuis", "since".
    #[serde(default)]
    pub since: Vec<String>,
    /// The last weekend before publication: "over the weekend", "ce week-end".
    #[serde(default)]
    pub weekend: Vec<String>,
    /// Days from the event just told: "le lendemain" = 1, "the day before" = -1.
    #[serde(default)]
    pub shifted_days: BTreeMap<String, i32>,
    /// Days from an event named next: "au lendemain de" = 1, "la veille de" = -1.
    #[serde(default)]
    pub joint_days: BTreeMap<String, i32>,
    /// Phrases that open a night spanning two days: "dans la nuit de", "overnight".
    #[serde(default)]
    pub night: Vec<String>,
    /// Phrases holding a weekday or a month that date nothing: "Friday prayers", "la
    /// prière du vendredi".
    #[serde(default)]
    pub not_dates: Vec<String>,
    /// Vague spans of time an event went on over, by unit: "des semaines de tirs" =
    /// week, "for months" = month.
    #[serde(default)]
    pub stretches: BTreeMap<String, Unit>,
}

/// A part of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthPart {
    /// Days 1–10.
    Early,
    /// Days 11–20.
    Mid,
    /// Days 21 to the end.
    Late,
}

/// A unit of duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Hours: "a few hours later" moves a date by up to a day.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
}

/// `triggers.toml`: words that name an event, with the type and weapon they imply.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggersFile {
    /// The trigger families.
    pub trigger: Vec<TriggerEntry>,
}

/// One trigger family.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerEntry {
    /// Phrases; a trailing `*` matches any word ending.
    pub phrases: Vec<String>,
    /// The ACLED sub-event type the phrase implies; generic event nouns have none.
    #[serde(default, rename = "type", deserialize_with = "event_type_opt")]
    pub event_type: Option<EventType>,
    /// The weapon the phrase implies.
    #[serde(default)]
    pub weapon: Option<Weapon>,
    /// Which trigger decides the type when several meet: higher wins.
    #[serde(default)]
    pub rank: u8,
    /// The phrase refers back to an event already told ("l'attaque", "the blast").
    #[serde(default)]
    pub anaphoric: bool,
    /// A demonstrative anaphor ("ces tirs", "this attack"): it points at the event just
    /// told rather than at the article's news.
    #[serde(default)]
    pub demonstrative: bool,
    /// The phrase names a weapon or device, not an act: on its own it needs an act
    /// (a verb of attack, a casualty, a date) in the same sentence to make an incident.
    #[serde(default)]
    pub needs_act: bool,
    /// The phrase is itself a verb of attack ("a ciblé", "targeted"): with a time or an
    /// actor it tells an event even without a typed trigger.
    #[serde(default)]
    pub act: bool,
    /// The phrase itself means someone was killed ("assassination"): at least this many.
    #[serde(default)]
    pub killed_at_least: Option<u32>,
    /// The phrase is also a verb of killing that counts its object: "shot dead three
    /// farmers", "ont abattu deux soldats".
    #[serde(default)]
    pub kills: bool,
    /// A series of events, not one: it never starts an incident.
    #[serde(default)]
    pub series: bool,
}

fn event_type_opt<'de, D>(deserializer: D) -> Result<Option<EventType>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let name = String::deserialize(deserializer)?;
    EventType::from_name(&name)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown event type `{name}`")))
}

/// `casualties.toml`: words for the dead, the wounded and the people they were.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasualtiesFile {
    /// Words for killing or dying: "tue*", "killed", "dead".
    pub killed: Vec<String>,
    /// Words for wounding: "blesse*", "wounded".
    pub wounded: Vec<String>,
    /// Words covering both ("victimes", "casualties"): zero figures apply to both.
    #[serde(default)]
    pub both: Vec<String>,
    /// Phrases saying nobody was hurt at all: "ni victimes", "no casualties", "aucun
    /// blessé" (nobody hurt, so nobody killed).
    #[serde(default)]
    pub none: Vec<String>,
    /// Phrases saying nobody died, saying nothing of the wounded: "aucun mort", "no
    /// deaths".
    #[serde(default)]
    pub no_deaths: Vec<String>,

    /// Words for people, so that "22 miliciens ... ont peri" links number and verb.
    #[serde(default)]
    pub people: Vec<String>,
    /// Soldiers, police and their posts: a target that makes an attack a clash
    /// ("hommes armés" against "soldats", "gunmen" against "a checkpoint").
    #[serde(default)]
    pub forces: Vec<String>,
    /// Phrases that bring a toll told before to a new figure: "has risen to", "s'élève à".
    #[serde(default)]
    pub update: Vec<String>,
    /// Prepositions that may join a word for the dead to its count: "la mort de 22
    /// enfants", "the deaths of 12 people". Other prepositions part them ("tombés dans une
    /// embuscade", "the toll from a car bomb").
    #[serde(default)]
    pub count_links: Vec<String>,
    /// Singular auxiliaries before a verb of dying with no number: one person ("a man
    /// ... was shot dead", "le directeur a été tué").
    #[serde(default)]
    pub singular: Vec<String>,
}

/// `cues.toml`: phrases that change how an incident is read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuesFile {
    /// The actor claimed it: "a revendique", "claimed responsibility".
    #[serde(default)]
    pub claimed: Vec<String>,
    /// The claim cue comes before the actor: "revendique par", "claimed by".
    #[serde(default)]
    pub claimed_by: Vec<String>,
    /// Nobody claimed it: "n ont pas ete revendiques", "no group has claimed".
    #[serde(default)]
    pub not_claimed: Vec<String>,
    /// A named party blames the actor that follows: "accuse", "blamed".
    #[serde(default)]
    pub attribution: Vec<String>,
    /// The text hedges: "ressemble", "likely", "suspected".
    #[serde(default)]
    pub suspicion: Vec<String>,
    /// A source of figures or claims follows: "selon", "according to".
    #[serde(default)]
    pub source: Vec<String>,
    /// Prepositions that name the source after them: "selon", "according to".
    #[serde(default)]
    pub according: Vec<String>,
    /// The actor before it is the agent of a passive verb: "par", "by".
    #[serde(default)]
    pub agent: Vec<String>,
    /// The actor after it is the target: "contre", "against", "visant".
    #[serde(default)]
    pub target: Vec<String>,
    /// Prepositions that may mark a target ("sur", "on") but say nothing of who acted.
    #[serde(default)]
    pub onto: Vec<String>,
    /// This incident retaliates for what follows: "en represailles a".
    #[serde(default)]
    pub retaliation_for: Vec<String>,
    /// This incident responds to what follows: "en reponse a".
    #[serde(default)]
    pub response_to: Vec<String>,
    /// Figures or events summed over many incidents: "au cours de ces attaques".
    #[serde(default)]
    pub aggregate: Vec<String>,
    /// Words of things that are not incidents: threats, talks, withdrawals.
    #[serde(default)]
    pub non_event: Vec<String>,
    /// Phrases that make an act intended, feared or hypothetical ("s'apprêtait à", "could").
    #[serde(default)]
    pub irrealis: Vec<String>,
    /// Superlatives that single one event out of a span: "the deadliest since".
    #[serde(default)]
    pub superlative: Vec<String>,
    /// Verb forms of a past before the story's past (pluperfect): "avait", "had".
    #[serde(default)]
    pub pluperfect: Vec<String>,
    /// Habitual or generic statements: "frequemment", "regularly".
    #[serde(default)]
    pub habitual: Vec<String>,
    /// A new, separate event is announced: "un autre", "another".
    #[serde(default)]
    pub new_event: Vec<String>,
    /// Conjunctions joining two events told at once ("as", "tandis que").
    #[serde(default)]
    pub concurrent: Vec<String>,
    /// Verbs of an act of violence: "ont frappe", "hit", "exploded".
    #[serde(default)]
    pub act: Vec<String>,
    /// Passive verbs of being attacked: the actor before them is the target ("a ete la
    /// cible", "was hit").
    #[serde(default)]
    pub passive: Vec<String>,
    /// Words by which a speaker refers to itself before a verb of attack, making a
    /// statement a claim: "avoir" (a annoncé avoir frappé), "it" (said it struck).
    #[serde(default)]
    pub self_reference: Vec<String>,
    /// Negation particles that cancel a following act or casualty: "n", "not".
    #[serde(default)]
    pub negation: Vec<String>,
    /// Subject pronouns that may stand for the actor named before: "elle" (elle avait
    /// dit avoir frappé), "he".
    #[serde(default)]
    pub pronoun: Vec<String>,
    /// Passive accusations: the actor before them is blamed ("sont accusés d'avoir",
    /// "were blamed for").
    #[serde(default)]
    pub accused: Vec<String>,
    /// Words that characterise rather than tell: what follows them in the clause is no
    /// event ("described as an assassination", "ce qu'il a qualifié de massacre").
    #[serde(default)]
    pub characterization: Vec<String>,
    /// Verbs of warding off an attack: who says it "repelled" or "shot down" one is its
    /// target, not its author ("a affirmé avoir repoussé une attaque", "said it had shot
    /// down 11 drones").
    #[serde(default)]
    pub defense: Vec<String>,
    /// Backers: the actor after them supports the one before and is not the one who
    /// acted ("les milices houthies, soutenues par l'Iran, ont lancé", "militias backed
    /// by Iran").
    #[serde(default)]
    pub sponsor: Vec<String>,
    /// Words that open a reported clause ("a annoncé que", "said that"): a reporting
    /// verb before them governs the clause, not the actor named in it.
    #[serde(default)]
    pub complementizer: Vec<String>,
    /// Verbs and occasions of publishing a statement: a date or a place right after them
    /// is the statement's, not the event's ("dans un message diffusé mardi soir", "in a
    /// statement released Monday", "lors d'un point de presse à Cotonou").
    #[serde(default)]
    pub publication: Vec<String>,
    /// What attackers carry: a weapon word after them ("armés de fusils et de grenades",
    /// "a drone carrying explosives") gives the weapon, never the event's type.
    #[serde(default)]
    pub armed_with: Vec<String>,
}

/// `places.toml`: how place names are introduced in running text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacesFile {
    /// Phrases before a name that make it a site: "base aerienne de" = "airbase".
    #[serde(default)]
    pub site_before: BTreeMap<String, String>,
    /// Phrases after a name that make it a site: "air base" = "airbase".
    #[serde(default)]
    pub site_after: BTreeMap<String, String>,
    /// Phrases before a name that make it a region: "province d".
    #[serde(default)]
    pub admin_before: Vec<String>,
    /// Phrases after a name that make it a region: "province".
    #[serde(default)]
    pub admin_after: Vec<String>,
    /// Phrases placing the event near, not in, the place: "pres de", "north of".
    #[serde(default)]
    pub near: Vec<String>,
    /// Phrases placing the event in a direction or at a distance from the place: "north
    /// of", "à 60 km de".
    #[serde(default)]
    pub toward: Vec<String>,
    /// Phrases before a place the event came from, or where its victims were taken, not
    /// where it happened ("fired from", "évacués vers").
    #[serde(default)]
    pub origin: Vec<String>,
    /// Phrases naming the place of the event just told: "cette même base", "the same area".
    #[serde(default)]
    pub same: Vec<String>,
    /// Definite nouns that name the place told before only when no place follows them
    /// in the clause: "le secteur", "the airport" (but "the airport in Aden").
    #[serde(default)]
    pub same_definite: Vec<String>,
    /// Road words: two towns joined by a hyphen next to one ("l'axe Gao-Anefis", "the
    /// Quetta-Karachi highway") name a road, not where the event was.
    #[serde(default)]
    pub road: Vec<String>,
    /// Prepositions of location before a name: "a", "dans", "in", "at".
    #[serde(default)]
    pub locative: Vec<String>,
    /// Words that start a capitalised phrase without being part of a name ("le", "the").
    #[serde(default)]
    pub articles: Vec<String>,
    /// Demonyms and country adjectives: "irakien*" = "IQ".
    #[serde(default)]
    pub demonyms: BTreeMap<String, String>,
}

/// `actors.toml` (shared and per pack): actors and their names.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorsFile {
    /// The actors.
    #[serde(default)]
    pub actor: Vec<ActorEntry>,
}

/// One actor of the dictionary.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    /// Canonical English name.
    pub name: String,
    /// Aliases in any language. An alias written in capitals of up to five letters
    /// ("EI", "IS", "US") only matches in capitals.
    pub aliases: Vec<String>,
    /// What kind of actor: `state`, `forces`, `group`, `generic`, `person`, `source`,
    /// `anonymous` ("unidentified gunmen": a role that names no one), or `national` ("the
    /// army", "la junte": the national actor of the country the article is about).
    #[serde(default = "default_kind")]
    pub kind: String,
    /// The country the actor belongs to, as an ISO code, when any.
    #[serde(default)]
    pub country: Option<String>,
    /// For a `source`: the actor whose own channel it is (Al-Masirah for the Houthis,
    /// Amaq for the Islamic State). What it says that actor did, the actor claims.
    #[serde(default)]
    pub speaks_for: Option<String>,
    /// The actor a country's adjective names when it qualifies an act ("Israeli strike",
    /// "Pakistani air strikes"): the state, or its national armed forces. One per country.
    #[serde(default)]
    pub national: bool,
}

fn default_kind() -> String {
    "group".to_string()
}

/// `examples.toml`: phrases with the reading they must get, checked by one test.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesFile {
    /// The examples.
    #[serde(default)]
    pub example: Vec<Example>,
}

/// One example: a short text and what extraction must find in it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Which rule family the example illustrates.
    pub family: String,
    /// The text.
    pub text: String,
    /// Publication date, when the example needs one.
    #[serde(default)]
    pub published: Option<String>,
    /// Expected incidents, in order; an empty list means no incident.
    #[serde(default)]
    pub incidents: Vec<ExpectedIncident>,
}

/// What one incident of an example must be. Unset fields are not checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedIncident {
    /// Event type name.
    #[serde(default, rename = "type")]
    pub event_type: Option<String>,
    /// Weapon.
    #[serde(default)]
    pub weapon: Option<String>,
    /// `[start, end]` dates, `""` for an unknown end.
    #[serde(default)]
    pub date: Option<[String; 2]>,
    /// `[min, max]`, with -1 for an unbounded max.
    #[serde(default)]
    pub killed: Option<[i64; 2]>,
    /// `[min, max]`, with -1 for an unbounded max.
    #[serde(default)]
    pub wounded: Option<[i64; 2]>,
    /// `[min, max]` munitions.
    #[serde(default)]
    pub quantity: Option<[i64; 2]>,
    /// Perpetrator name.
    #[serde(default)]
    pub perpetrator: Option<String>,
    /// Perpetrator status.
    #[serde(default)]
    pub status: Option<String>,
    /// Claimed flag.
    #[serde(default)]
    pub claimed: Option<bool>,
    /// Background flag.
    #[serde(default)]
    pub background: Option<bool>,
    /// Location name (the gazetteer's).
    #[serde(default)]
    pub place: Option<String>,
    /// Location country code.
    #[serde(default)]
    pub country: Option<String>,
}
