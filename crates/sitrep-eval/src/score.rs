//! The score: incident precision and recall, field accuracy, merge B-cubed, and the
//! per-article detail a developer needs to fix the extractor.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};
use sitrep_model::{ActorStatus, ArticleExtraction, Count, Incident, Place, Weapon};

use crate::dates;
use crate::gold::{GoldArticle, GoldFile, GoldIncident, GoldPlace};
use crate::matching;
use crate::place;

/// The whole score, in the JSON shape of the spec (`sitrep eval --json`).
///
/// Rates are kept unrounded here and rounded to 3 decimals when serialised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// Number of gold articles scored.
    pub articles: usize,
    /// Incident detection over all articles.
    pub incidents: IncidentScore,
    /// Field accuracy over matched, non-optional pairs.
    pub fields: FieldScores,
    /// Cross-article merging, B-cubed over matched pairs.
    pub merge: MergeScore,
    /// What went wrong in each gold article, in gold file order.
    pub per_article: Vec<ArticleReport>,
    /// Ids of system articles that no gold article has; their incidents are not scored.
    #[serde(skip)]
    pub ignored_articles: Vec<String>,
}

/// Incident detection: counts and rates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IncidentScore {
    /// Gold incidents, optional ones left out.
    pub gold: usize,
    /// System incidents, less those matched to optional gold incidents.
    pub system: usize,
    /// Pairs of a system incident with a non-optional gold incident.
    pub matched: usize,
    /// `matched / system`, 0 when the system gave none.
    #[serde(serialize_with = "round3")]
    pub precision: f64,
    /// `matched / gold`, 0 when the gold has none.
    #[serde(serialize_with = "round3")]
    pub recall: f64,
    /// Harmonic mean of precision and recall, 0 when both are 0.
    #[serde(serialize_with = "round3")]
    pub f1: f64,
}

/// The accuracy of one field over the matched pairs where the gold gives a value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct FieldScore {
    /// Pairs where the gold field is not null.
    pub scored: usize,
    /// Those the system got right.
    pub correct: usize,
    /// `correct / scored`, `None` (JSON null) when nothing was scored.
    #[serde(serialize_with = "round3_opt")]
    pub accuracy: Option<f64>,
}

impl FieldScore {
    fn add(&mut self, correct: bool) {
        self.scored += 1;
        if correct {
            self.correct += 1;
        }
        self.accuracy = ratio(self.correct, self.scored);
    }
}

/// The fields the spec scores on matched pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoredField {
    /// The date range.
    Date,
    /// The place.
    Location,
    /// People killed.
    Killed,
    /// People wounded.
    Wounded,
    /// Whether someone claimed it.
    Claimed,
    /// News or background.
    Background,
    /// The weapon.
    Weapon,
    /// The perpetrator's status.
    PerpetratorStatus,
}

impl ScoredField {
    /// Every scored field, in the spec's order.
    pub const ALL: [ScoredField; 8] = [
        ScoredField::Date,
        ScoredField::Location,
        ScoredField::Killed,
        ScoredField::Wounded,
        ScoredField::Claimed,
        ScoredField::Background,
        ScoredField::Weapon,
        ScoredField::PerpetratorStatus,
    ];

    /// The field's JSON name (`perpetrator_status`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ScoredField::Date => "date",
            ScoredField::Location => "location",
            ScoredField::Killed => "killed",
            ScoredField::Wounded => "wounded",
            ScoredField::Claimed => "claimed",
            ScoredField::Background => "background",
            ScoredField::Weapon => "weapon",
            ScoredField::PerpetratorStatus => "perpetrator_status",
        }
    }

    /// The field whose JSON name is `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<ScoredField> {
        ScoredField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Field accuracy for every scored field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[allow(missing_docs, reason = "each field is the scored field of the same name")]
pub struct FieldScores {
    pub date: FieldScore,
    pub location: FieldScore,
    pub killed: FieldScore,
    pub wounded: FieldScore,
    pub claimed: FieldScore,
    pub background: FieldScore,
    pub weapon: FieldScore,
    pub perpetrator_status: FieldScore,
}

impl FieldScores {
    /// The score of `field`.
    #[must_use]
    pub fn get(&self, field: ScoredField) -> &FieldScore {
        match field {
            ScoredField::Date => &self.date,
            ScoredField::Location => &self.location,
            ScoredField::Killed => &self.killed,
            ScoredField::Wounded => &self.wounded,
            ScoredField::Claimed => &self.claimed,
            ScoredField::Background => &self.background,
            ScoredField::Weapon => &self.weapon,
            ScoredField::PerpetratorStatus => &self.perpetrator_status,
        }
    }

    fn get_mut(&mut self, field: ScoredField) -> &mut FieldScore {
        match field {
            ScoredField::Date => &mut self.date,
            ScoredField::Location => &mut self.location,
            ScoredField::Killed => &mut self.killed,
            ScoredField::Wounded => &mut self.wounded,
            ScoredField::Claimed => &mut self.claimed,
            ScoredField::Background => &mut self.background,
            ScoredField::Weapon => &mut self.weapon,
            ScoredField::PerpetratorStatus => &mut self.perpetrator_status,
        }
    }
}

/// B-cubed merge quality.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct MergeScore {
    /// Mean, over matched pairs, of the share of the system cluster that is the same
    /// real-world incident; 0 when nothing was matched.
    #[serde(serialize_with = "round3")]
    pub precision: f64,
    /// Mean, over matched pairs, of the share of the gold incident's reports that the
    /// system put in the same cluster; 0 when nothing was matched.
    #[serde(serialize_with = "round3")]
    pub recall: f64,
    /// Harmonic mean of the two.
    #[serde(serialize_with = "round3")]
    pub f1: f64,
}

/// What went wrong in one gold article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReport {
    /// The article id.
    pub id: String,
    /// Keys of non-optional gold incidents no system incident matched.
    pub missed: Vec<String>,
    /// Descriptions of system incidents no gold incident matched.
    pub false_alarms: Vec<String>,
    /// Field values the system got wrong on matched pairs.
    pub mismatches: Vec<Mismatch>,
    /// Whether the system gave output for this article at all.
    #[serde(skip)]
    pub has_output: bool,
}

/// One wrong field of a matched pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// The gold incident's key.
    pub key: String,
    /// The field.
    pub field: ScoredField,
    /// The gold value, written for people.
    pub gold: String,
    /// The system value, written for people.
    pub system: String,
}

impl Score {
    /// The accuracy of the field named `name` (`date`, `perpetrator_status`...), or
    /// `None` for a name that is not a scored field.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&FieldScore> {
        ScoredField::from_name(name).map(|f| self.fields.get(f))
    }
}

/// Which cluster a matched system incident is in, for B-cubed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Cluster {
    /// A cluster id from the caller's map.
    Mapped(String),
    /// An incident absent from the map: its own cluster, named by its article and
    /// position so that equal ids in two articles stay apart.
    Alone(String, usize),
}

/// Scores system output against gold (spec, "How a scorer matches").
///
/// Articles are paired by id; a gold article with no system output counts all its
/// incidents missed. System articles with an id no gold article has are not scored
/// (they are listed in [`Score::ignored_articles`]); when the system gives two
/// articles with one id, the first is scored and the others are ignored.
///
/// `clusters` maps a system incident id to its cross-article cluster id (for merge
/// B-cubed); an incident absent from the map is its own cluster.
#[must_use]
pub fn score(
    gold: &GoldFile,
    system: &[ArticleExtraction],
    clusters: &BTreeMap<String, String>,
) -> Score {
    let mut by_id: BTreeMap<&str, &ArticleExtraction> = BTreeMap::new();
    let mut ignored_articles = Vec::new();
    for extraction in system {
        if by_id.contains_key(extraction.id.as_str()) {
            ignored_articles.push(extraction.id.clone());
        } else {
            by_id.insert(&extraction.id, extraction);
        }
    }
    let gold_ids: std::collections::BTreeSet<&str> =
        gold.articles.iter().map(|a| a.id.as_str()).collect();
    for extraction in system {
        if !gold_ids.contains(extraction.id.as_str()) && !ignored_articles.contains(&extraction.id)
        {
            ignored_articles.push(extraction.id.clone());
        }
    }

    ignored_articles.sort();
    ignored_articles.dedup();

    let mut tally = Tally::default();
    let mut per_article = Vec::with_capacity(gold.articles.len());
    for article in &gold.articles {
        let output = by_id.get(article.id.as_str()).copied();
        per_article.push(score_article(article, output, clusters, &mut tally));
    }

    let precision = ratio(tally.matched, tally.system).unwrap_or(0.0);
    let recall = ratio(tally.matched, tally.gold).unwrap_or(0.0);
    Score {
        articles: gold.articles.len(),
        incidents: IncidentScore {
            gold: tally.gold,
            system: tally.system,
            matched: tally.matched,
            precision,
            recall,
            f1: f1(precision, recall),
        },
        fields: tally.fields,
        merge: b_cubed(&tally.merge_items),
        per_article,
        ignored_articles,
    }
}

#[derive(Default)]
struct Tally {
    gold: usize,
    system: usize,
    matched: usize,
    fields: FieldScores,
    /// (gold `incident`, system cluster) of every matched pair.
    merge_items: Vec<(String, Cluster)>,
}

fn score_article(
    article: &GoldArticle,
    output: Option<&ArticleExtraction>,
    clusters: &BTreeMap<String, String>,
    tally: &mut Tally,
) -> ArticleReport {
    let system: &[Incident] = output.map_or(&[], |o| o.incidents.as_slice());
    let pairing = matching::pair(&article.incidents, system);

    let required = article.incidents.iter().filter(|i| !i.optional).count();
    tally.gold += required;
    tally.system += system.len() - pairing.optional.len();
    tally.matched += pairing.scored.len();

    let mut gold_hit = vec![false; article.incidents.len()];
    let mut system_hit = vec![false; system.len()];
    for &(g, s) in pairing.scored.iter().chain(&pairing.optional) {
        gold_hit[g] = true;
        system_hit[s] = true;
    }
    let missed = article
        .incidents
        .iter()
        .zip(&gold_hit)
        .filter(|(i, hit)| !i.optional && !**hit)
        .map(|(i, _)| i.key.clone())
        .collect();
    let false_alarms = system
        .iter()
        .zip(&system_hit)
        .filter(|(_, hit)| !**hit)
        .map(|(i, _)| describe(i))
        .collect();

    let mut mismatches = Vec::new();
    for &(g, s) in &pairing.scored {
        let (gold_incident, system_incident) = (&article.incidents[g], &system[s]);
        for (field, verdict) in judge(gold_incident, system_incident) {
            tally.fields.get_mut(field).add(verdict.correct);
            if !verdict.correct {
                mismatches.push(Mismatch {
                    key: gold_incident.key.clone(),
                    field,
                    gold: verdict.gold,
                    system: verdict.system,
                });
            }
        }
        let cluster = match clusters.get(&system_incident.id) {
            Some(c) => Cluster::Mapped(c.clone()),
            None => Cluster::Alone(article.id.clone(), s),
        };
        tally.merge_items.push((gold_incident.incident.clone(), cluster));
    }

    ArticleReport {
        id: article.id.clone(),
        missed,
        false_alarms,
        mismatches,
        has_output: output.is_some(),
    }
}

/// One field's verdict on one pair, with both values written for people.
struct Verdict {
    correct: bool,
    gold: String,
    system: String,
}

/// Judges every scored field of a matched pair (spec, scoring rule 3); a field whose
/// gold value is null is left out.
fn judge(gold: &GoldIncident, system: &Incident) -> Vec<(ScoredField, Verdict)> {
    let mut verdicts = Vec::new();
    // The date object is never null; a null range is judged by the null-range rule.
    verdicts.push((
        ScoredField::Date,
        Verdict {
            correct: dates::date_correct(&gold.date, &system.date),
            gold: dates::show_gold(&gold.date),
            system: dates::show_range(&system.date),
        },
    ));
    if let Some(g) = &gold.location {
        // A system with no place is wrong where the gold has one.
        let correct = system.location.as_ref().is_some_and(|s| place::location_correct(g, s));
        verdicts.push((
            ScoredField::Location,
            Verdict {
                correct,
                gold: show_gold_place(g),
                system: show_place(g, system.location.as_ref()),
            },
        ));
    }
    for (field, g, s) in [
        (ScoredField::Killed, &gold.killed, &system.killed),
        (ScoredField::Wounded, &gold.wounded, &system.wounded),
    ] {
        if let Some(g) = g {
            // A system that says nothing where the gold has a figure is wrong; a gold
            // figure with `by_source` is judged on its min..max, which spans every source.
            let correct = s.as_ref().is_some_and(|s| g.overlaps(s));
            verdicts.push((
                field,
                Verdict { correct, gold: show_count(Some(g)), system: show_count(s.as_ref()) },
            ));
        }
    }
    if let Some(g) = gold.claimed {
        verdicts.push((
            ScoredField::Claimed,
            Verdict {
                correct: system.claimed == Some(g),
                gold: show_bool(Some(g)),
                system: show_bool(system.claimed),
            },
        ));
    }
    verdicts.push((
        ScoredField::Background,
        Verdict {
            correct: gold.background == system.background,
            gold: show_bool(Some(gold.background)),
            system: show_bool(Some(system.background)),
        },
    ));
    if let Some(g) = gold.weapon {
        verdicts.push((
            ScoredField::Weapon,
            Verdict {
                correct: system.weapon == Some(g),
                gold: show_weapon(Some(g)),
                system: show_weapon(system.weapon),
            },
        ));
    }
    if let Some(g) = &gold.perpetrator {
        // A system that names no perpetrator is read as `unknown` (spec).
        let status = system.perpetrator.as_ref().map_or(ActorStatus::Unknown, |p| p.status);
        let system_name = system.perpetrator.as_ref().and_then(|p| p.name.as_deref());
        verdicts.push((
            ScoredField::PerpetratorStatus,
            Verdict {
                correct: status == g.status,
                gold: show_actor(g.status, g.name.as_deref()),
                system: show_actor(status, system_name),
            },
        ));
    }
    verdicts
}

/// B-cubed over the matched pairs: each item is a matched pair, its true cluster the
/// gold `incident` value and its system cluster the caller's cluster id.
fn b_cubed(items: &[(String, Cluster)]) -> MergeScore {
    if items.is_empty() {
        return MergeScore::default();
    }
    let mut by_gold: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_system: BTreeMap<&Cluster, usize> = BTreeMap::new();
    let mut by_both: BTreeMap<(&str, &Cluster), usize> = BTreeMap::new();
    for (g, s) in items {
        *by_gold.entry(g).or_default() += 1;
        *by_system.entry(s).or_default() += 1;
        *by_both.entry((g, s)).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (g, s) in items {
        let both = count_f64(by_both.get(&(g.as_str(), s)).copied().unwrap_or(0));
        precision += both / count_f64(by_system.get(s).copied().unwrap_or(1));
        recall += both / count_f64(by_gold.get(g.as_str()).copied().unwrap_or(1));
    }
    let n = count_f64(items.len());
    let (precision, recall) = (precision / n, recall / n);
    MergeScore { precision, recall, f1: f1(precision, recall) }
}

#[expect(clippy::cast_precision_loss, reason = "counts of incidents are far below 2^52")]
fn count_f64(n: usize) -> f64 {
    n as f64
}

/// `part / whole`, `None` when `whole` is 0.
fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| count_f64(part) / count_f64(whole))
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 }
}

fn rounded(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's serialize_with passes a reference")]
fn round3<S: Serializer>(x: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(rounded(*x))
}

#[expect(clippy::ref_option, reason = "serde's serialize_with passes a reference")]
fn round3_opt<S: Serializer>(x: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => serializer.serialize_some(&rounded(*x)),
        None => serializer.serialize_none(),
    }
}

/// A system incident written for people: type, news or background, date, place, id.
fn describe(incident: &Incident) -> String {
    let place = incident.location.as_ref().map_or("no place", |p| p.name.as_str());
    format!(
        "{} ({}), {}, {} [{}]",
        incident.event_type.name(),
        if incident.background { "background" } else { "news" },
        dates::show_range(&incident.date),
        place,
        incident.id
    )
}

fn show_gold_place(place: &GoldPlace) -> String {
    show_place_parts(
        &place.name,
        place.country.as_deref(),
        place.admin1.as_deref(),
        place.lat.zip(place.lon),
        place.precision,
    )
}

fn show_place(gold: &GoldPlace, place: Option<&Place>) -> String {
    let Some(p) = place else { return "none".to_string() };
    let mut shown = show_place_parts(
        &p.name,
        p.country.as_deref(),
        p.admin1.as_deref(),
        p.lat.zip(p.lon),
        p.precision,
    );
    if let Some(km) = place::distance_km(gold, p) {
        shown = format!("{shown}, {km:.0} km away");
    }
    shown
}

fn show_place_parts(
    name: &str,
    country: Option<&str>,
    admin1: Option<&str>,
    at: Option<(f64, f64)>,
    precision: sitrep_model::Precision,
) -> String {
    let precision = serde_json::to_value(precision)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    let mut parts = vec![precision];
    parts.extend(admin1.map(String::from));
    parts.extend(country.map(String::from));
    if let Some((lat, lon)) = at {
        parts.push(format!("{lat:.4},{lon:.4}"));
    }
    format!("{name} ({})", parts.join(", "))
}

fn show_count(count: Option<&Count>) -> String {
    let Some(c) = count else { return "none".to_string() };
    let mut shown = match c.max {
        Some(max) if max == c.min => c.min.to_string(),
        Some(max) => format!("{}..{max}", c.min),
        None => format!("{}..", c.min),
    };
    if !c.by_source.is_empty() {
        let sources: Vec<String> = c.by_source.iter().map(|(s, n)| format!("{s}: {n}")).collect();
        shown = format!("{shown} ({})", sources.join(", "));
    }
    shown
}

fn show_bool(value: Option<bool>) -> String {
    value.map_or_else(|| "none".to_string(), |b| b.to_string())
}

fn show_weapon(weapon: Option<Weapon>) -> String {
    weapon
        .and_then(|w| serde_json::to_value(w).ok())
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_else(|| "none".to_string())
}

fn show_actor(status: ActorStatus, name: Option<&str>) -> String {
    let status = serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    match name {
        Some(name) => format!("{status} ({name})"),
        None => status,
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.incidents;
        writeln!(f, "articles: {}", self.articles)?;
        writeln!(
            f,
            "{:<20} {:>6} {:>6} {:>7} {:>9} {:>7} {:>7}",
            "", "gold", "system", "matched", "precision", "recall", "f1"
        )?;
        writeln!(
            f,
            "{:<20} {:>6} {:>6} {:>7} {:>9.3} {:>7.3} {:>7.3}",
            "incidents", i.gold, i.system, i.matched, i.precision, i.recall, i.f1
        )?;
        let m = &self.merge;
        writeln!(
            f,
            "{:<20} {:>6} {:>6} {:>7} {:>9.3} {:>7.3} {:>7.3}",
            "merge (b-cubed)", "", "", "", m.precision, m.recall, m.f1
        )?;
        writeln!(f)?;
        writeln!(f, "{:<20} {:>6} {:>7} {:>8}", "field", "scored", "correct", "accuracy")?;
        for field in ScoredField::ALL {
            let s = self.fields.get(field);
            let accuracy = s.accuracy.map_or_else(|| "-".to_string(), |a| format!("{a:.3}"));
            writeln!(f, "{:<20} {:>6} {:>7} {:>8}", field.name(), s.scored, s.correct, accuracy)?;
        }
        for report in &self.per_article {
            let clean = report.missed.is_empty()
                && report.false_alarms.is_empty()
                && report.mismatches.is_empty()
                && report.has_output;
            if clean {
                continue;
            }
            writeln!(f)?;
            writeln!(f, "article {}", report.id)?;
            if !report.has_output {
                writeln!(f, "  no system output")?;
            }
            for key in &report.missed {
                writeln!(f, "  missed: {key}")?;
            }
            for alarm in &report.false_alarms {
                writeln!(f, "  false alarm: {alarm}")?;
            }
            for m in &report.mismatches {
                writeln!(
                    f,
                    "  {} {}: gold {}, system {}",
                    m.key,
                    m.field.name(),
                    m.gold,
                    m.system
                )?;
            }
        }
        if !self.ignored_articles.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "not scored (no gold article, or a repeated id): {}",
                self.ignored_articles.join(", ")
            )?;
        }
        Ok(())
    }
}
