//! Reading gold files: JSON Lines, one annotated article a line (`spec/gold-format.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sitrep_model::{
    Actor, ActorStatus, Article, ArticleExtraction, ContentHash, Count, Date, DateRange, EventType,
    Incident, Link, Place, Precision, PublishedDate, Weapon,
};

use crate::Error;

/// A loaded gold file: every annotated article, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldFile {
    /// Where the gold was read from.
    pub path: PathBuf,
    /// The articles, one per non-blank line.
    pub articles: Vec<GoldArticle>,
}

/// One annotated article: one line of a gold file.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldArticle {
    /// The article id; system output is paired with gold by this id.
    pub id: String,
    /// The line of the gold file this article is on, counted from 1.
    pub line: usize,
    /// The article file, resolved against the gold file's folder, when the line names one.
    pub file: Option<PathBuf>,
    /// The article text: the line's inline `text`, or else the contents of `file`.
    pub text: String,
    /// The article's language (ISO 639-1), when given.
    pub lang: Option<String>,
    /// The publication date the metadata gives, when any.
    pub published: Option<PublishedDate>,
    /// The article's address, when given.
    pub url: Option<String>,
    /// A remark for humans about the whole article, when given.
    pub note: Option<String>,
    /// Every incident the article reports or mentions.
    pub incidents: Vec<GoldIncident>,
    /// Phrases that look like incidents but are not.
    pub non_events: Vec<String>,
}

/// One gold incident, with every field of the spec typed.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldIncident {
    /// Unique within the gold file.
    pub key: String,
    /// Cross-article identity: equal values are one real-world incident.
    pub incident: String,
    /// The ACLED sub-event type.
    pub event_type: EventType,
    /// Other sub-event types the text alone allows.
    pub type_also: Vec<EventType>,
    /// `true` for a past incident the article only mentions.
    pub background: bool,
    /// `true` when finding it and missing it are both acceptable.
    pub optional: bool,
    /// When it happened.
    pub date: GoldDate,
    /// Where it happened; `None` when the article does not say (then not scored).
    pub location: Option<GoldPlace>,
    /// Who did it; `None` when not scored.
    pub perpetrator: Option<GoldActor>,
    /// Who or what was hit.
    pub target: Option<String>,
    /// The weapon; `None` when not scored.
    pub weapon: Option<Weapon>,
    /// Number of munitions.
    pub quantity: Option<Count>,
    /// People killed; `None` when the text says nothing.
    pub killed: Option<Count>,
    /// People wounded; `None` when the text says nothing.
    pub wounded: Option<Count>,
    /// Whether someone claimed it; `None` when the text does not say.
    pub claimed: Option<bool>,
    /// Links to other incidents of the same article.
    pub related: Vec<Link>,
    /// A remark for humans.
    pub note: Option<String>,
}

/// A gold date: the narrowest range the text supports, and the real date where known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoldDate {
    /// First possible day; `None` when the text gives no lower bound.
    pub start: Option<Date>,
    /// Last possible day; `None` when the text gives no upper bound.
    pub end: Option<Date>,
    /// The real date (the spec's `true` field), where the annotator knows it.
    pub truth: Option<Date>,
}

impl GoldDate {
    /// The range `start..=end` (an unknown end is unbounded).
    #[must_use]
    pub fn range(&self) -> DateRange {
        DateRange { start: self.start, end: self.end }
    }

    /// Whether the text supports no date at all (both ends unknown).
    #[must_use]
    pub fn is_unknown(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }
}

/// A gold location.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldPlace {
    /// The place's name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default)]
    pub country: Option<String>,
    /// First-level administrative region.
    #[serde(default)]
    pub admin1: Option<String>,
    /// Latitude in degrees.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude in degrees.
    #[serde(default)]
    pub lon: Option<f64>,
    /// How precisely the place is known; it decides how location accuracy is judged.
    pub precision: Precision,
}

impl GoldPlace {
    /// The same place in the model's type.
    #[must_use]
    pub fn to_place(&self) -> Place {
        Place {
            name: self.name.clone(),
            lat: self.lat,
            lon: self.lon,
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            precision: self.precision,
        }
    }
}

/// A gold perpetrator.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldActor {
    /// Canonical English name, or `None` when no actor is named.
    #[serde(default)]
    pub name: Option<String>,
    /// How the text ties the actor to the incident; this is what is scored.
    pub status: ActorStatus,
}

impl GoldIncident {
    /// Whether a system type is acceptable: the gold `type` or one of `type_also`.
    #[must_use]
    pub fn accepts_type(&self, event_type: EventType) -> bool {
        self.event_type == event_type || self.type_also.contains(&event_type)
    }

    /// The incident a perfect system would output for this gold incident, with `id` as
    /// its id. Fields the gold leaves unscored (`None`) stay `None`.
    #[must_use]
    pub fn to_incident(&self, id: &str) -> Incident {
        Incident {
            id: id.to_string(),
            event_type: self.event_type,
            background: self.background,
            date: self.date.range(),
            location: self.location.as_ref().map(GoldPlace::to_place),
            perpetrator: self
                .perpetrator
                .as_ref()
                .map(|p| Actor { name: p.name.clone(), status: p.status }),
            target: self.target.clone(),
            weapon: self.weapon,
            quantity: self.quantity.clone(),
            killed: self.killed.clone(),
            wounded: self.wounded.clone(),
            claimed: self.claimed,
            related: self.related.clone(),
            evidence: Vec::new(),
        }
    }
}

impl GoldArticle {
    /// The article as the pipeline reads it, with `source` naming the gold file and line.
    #[must_use]
    pub fn to_article(&self, gold_path: &Path) -> Article {
        Article {
            id: self.id.clone(),
            source: format!("{}:{}", gold_path.display(), self.line),
            url: self.url.clone(),
            title: None,
            published: self.published,
            lang: self.lang.clone(),
            text: self.text.clone(),
            metadata: BTreeMap::new(),
        }
    }

    /// What a perfect system would output for this article: every gold incident
    /// (optional ones included), with the gold `key` as the incident id.
    #[must_use]
    pub fn perfect_extraction(&self, gold_path: &Path) -> ArticleExtraction {
        ArticleExtraction {
            id: self.id.clone(),
            source: format!("{}:{}", gold_path.display(), self.line),
            url: self.url.clone(),
            title: None,
            published: self.published,
            lang: self.lang.clone(),
            content_hash: ContentHash::of(&self.text),
            incidents: self.incidents.iter().map(|i| i.to_incident(&i.key)).collect(),
            diagnostics: Vec::new(),
        }
    }
}

impl GoldFile {
    /// Reads a gold file; relative `file` paths resolve against the gold file's folder,
    /// and the article texts are read.
    ///
    /// # Errors
    /// When the gold file or an article text cannot be read, or a line is broken JSON or
    /// breaks a rule of the format (an unknown type name, a bad date, a duplicate key...).
    /// The error names the file and the line.
    pub fn load(path: &Path) -> Result<GoldFile, Error> {
        let content = std::fs::read_to_string(path)
            .map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
        GoldFile::parse(&content, path)
    }

    /// Parses gold from `content`, as if read from `path`: `path` names the file in
    /// errors and its folder is where relative `file` paths resolve.
    ///
    /// # Errors
    /// As [`GoldFile::load`], less the failure to read the gold file itself.
    pub fn parse(content: &str, path: &Path) -> Result<GoldFile, Error> {
        let folder = path.parent().unwrap_or_else(|| Path::new(""));
        let mut articles = Vec::new();
        let mut ids = BTreeSet::new();
        let mut keys = BTreeMap::new();
        for (index, raw_line) in content.lines().enumerate() {
            let line = index + 1;
            if raw_line.trim().is_empty() {
                continue;
            }
            let invalid =
                |message: String| Error::Invalid { path: path.to_path_buf(), line, message };
            let raw: RawArticle = serde_json::from_str(raw_line).map_err(|source| Error::Json {
                path: path.to_path_buf(),
                line,
                source,
            })?;
            if !ids.insert(raw.id.clone()) {
                return Err(invalid(format!("duplicate article id `{}`", raw.id)));
            }
            let article = raw.into_article(folder, path, line)?;
            for incident in &article.incidents {
                if let Some(first) = keys.insert(incident.key.clone(), line) {
                    return Err(invalid(format!(
                        "duplicate incident key `{}` (first on line {first})",
                        incident.key
                    )));
                }
            }
            articles.push(article);
        }
        Ok(GoldFile { path: path.to_path_buf(), articles })
    }

    /// What a perfect system would output for the whole file, and the cross-article
    /// clusters it would form (each incident id mapped to its gold `incident` value).
    ///
    /// Scoring this output against the file gives 1.0 everywhere; it is how the scorer
    /// checks itself and how a new gold file is checked for consistency.
    #[must_use]
    pub fn perfect_output(&self) -> (Vec<ArticleExtraction>, BTreeMap<String, String>) {
        let extractions = self.articles.iter().map(|a| a.perfect_extraction(&self.path)).collect();
        let clusters = self
            .articles
            .iter()
            .flat_map(|a| &a.incidents)
            .map(|i| (i.key.clone(), i.incident.clone()))
            .collect();
        (extractions, clusters)
    }
}

/// One line as written, before its values are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    id: String,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    note: Option<String>,
    incidents: Vec<RawIncident>,
    #[serde(default)]
    non_events: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIncident {
    key: String,
    incident: String,
    #[serde(rename = "type")]
    event_type: String,
    #[serde(default)]
    type_also: Vec<String>,
    background: bool,
    #[serde(default)]
    optional: bool,
    date: RawDate,
    #[serde(default)]
    location: Option<GoldPlace>,
    #[serde(default)]
    perpetrator: Option<GoldActor>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    weapon: Option<Weapon>,
    #[serde(default)]
    quantity: Option<Count>,
    #[serde(default)]
    killed: Option<Count>,
    #[serde(default)]
    wounded: Option<Count>,
    #[serde(default)]
    claimed: Option<bool>,
    #[serde(default)]
    related: Vec<Link>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDate {
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default, rename = "true")]
    truth: Option<String>,
}

impl RawArticle {
    fn into_article(self, folder: &Path, path: &Path, line: usize) -> Result<GoldArticle, Error> {
        let invalid = |message: String| Error::Invalid { path: path.to_path_buf(), line, message };
        let file = self.file.map(|f| folder.join(f));
        // Inline text wins when a line gives both: it is what the annotator saw last,
        // and the file is then not read at all.
        let text = match (self.text, &file) {
            (Some(text), _) => text,
            (None, Some(file)) => std::fs::read_to_string(file).map_err(|source| {
                Error::ArticleText { path: path.to_path_buf(), line, file: file.clone(), source }
            })?,
            (None, None) => {
                return Err(invalid(format!(
                    "article `{}` has neither `file` nor `text`",
                    self.id
                )));
            }
        };
        let published = match self.published {
            None => None,
            Some(p) => Some(p.parse::<PublishedDate>().map_err(|e| {
                invalid(format!("invalid `published` of article `{}`: {e}", self.id))
            })?),
        };
        let mut incidents = Vec::with_capacity(self.incidents.len());
        for raw in self.incidents {
            incidents.push(raw.into_incident().map_err(&invalid)?);
        }
        let keys: BTreeSet<&str> = incidents.iter().map(|i| i.key.as_str()).collect();
        for incident in &incidents {
            for link in &incident.related {
                if !keys.contains(link.key.as_str()) {
                    return Err(invalid(format!(
                        "incident `{}` is related to `{}`, which is not an incident of article `{}`",
                        incident.key, link.key, self.id
                    )));
                }
            }
        }
        Ok(GoldArticle {
            id: self.id,
            line,
            file,
            text,
            lang: self.lang,
            published,
            url: self.url,
            note: self.note,
            incidents,
            non_events: self.non_events,
        })
    }
}

impl RawIncident {
    /// Checks the values; the error message names the value, the field and the key.
    fn into_incident(self) -> Result<GoldIncident, String> {
        let key = self.key;
        let event_type = event_type_of(&self.event_type, "type", &key)?;
        let type_also = self
            .type_also
            .iter()
            .map(|t| event_type_of(t, "type_also", &key))
            .collect::<Result<Vec<_>, _>>()?;
        let date = GoldDate {
            start: date(self.date.start.as_deref(), "date.start", &key)?,
            end: date(self.date.end.as_deref(), "date.end", &key)?,
            truth: date(self.date.truth.as_deref(), "date.true", &key)?,
        };
        if let (Some(start), Some(end)) = (date.start, date.end)
            && start > end
        {
            return Err(format!(
                "`date.start` `{start}` is after `date.end` `{end}` in incident `{key}`"
            ));
        }
        if let Some(truth) = date.truth
            && !date.range().contains(truth)
        {
            return Err(format!(
                "`date.true` `{truth}` lies outside `date.start`..`date.end` in incident `{key}`"
            ));
        }
        if let Some(place) = &self.location {
            check_place(place, &key)?;
        }
        for (name, count) in
            [("quantity", &self.quantity), ("killed", &self.killed), ("wounded", &self.wounded)]
        {
            if let Some(count) = count
                && count.max.is_some_and(|max| max < count.min)
            {
                return Err(format!(
                    "`{name}.min` `{}` is above `{name}.max` `{}` in incident `{key}`",
                    count.min,
                    count.max.unwrap_or_default()
                ));
            }
        }
        Ok(GoldIncident {
            key,
            incident: self.incident,
            event_type,
            type_also,
            background: self.background,
            optional: self.optional,
            date,
            location: self.location,
            perpetrator: self.perpetrator,
            target: self.target,
            weapon: self.weapon,
            quantity: self.quantity,
            killed: self.killed,
            wounded: self.wounded,
            claimed: self.claimed,
            related: self.related,
            note: self.note,
        })
    }
}

fn event_type_of(name: &str, field: &str, key: &str) -> Result<EventType, String> {
    EventType::from_name(name)
        .ok_or_else(|| format!("unknown event type `{name}` in `{field}` of incident `{key}`"))
}

/// Parses a `YYYY-MM-DD` day; anything else (a datetime, a month) is refused.
fn date(text: Option<&str>, field: &str, key: &str) -> Result<Option<Date>, String> {
    let Some(text) = text else { return Ok(None) };
    let well_formed = text.len() == 10
        && text
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let parsed = if well_formed { text.parse::<Date>().ok() } else { None };
    parsed.map(Some).ok_or_else(|| {
        format!("invalid date `{text}` in `{field}` of incident `{key}`: expected `YYYY-MM-DD`")
    })
}

fn check_place(place: &GoldPlace, key: &str) -> Result<(), String> {
    match (place.lat, place.lon) {
        (Some(lat), Some(lon)) => {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(format!(
                    "coordinates `{lat}, {lon}` out of range in `location` of incident `{key}`"
                ));
            }
        }
        (None, None) => {}
        _ => {
            return Err(format!("`location` of incident `{key}` has only one of `lat` and `lon`"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(incident: &str) -> String {
        format!(
            r#"{{"id": "a", "text": "t", "published": "2021-03-04", "incidents": [{incident}]}}"#
        )
    }

    const GOOD: &str = r#"{"key": "k", "incident": "i", "type": "Air/drone strike", "type_also": ["Attack"], "background": false, "date": {"start": "2021-03-01", "end": "2021-03-04", "true": "2021-03-03"}, "location": {"name": "Erbil", "country": "IQ", "admin1": "Erbil", "lat": 36.19, "lon": 44.01, "precision": "town"}, "perpetrator": {"name": null, "status": "unknown"}, "target": null, "weapon": "drone", "quantity": null, "killed": {"min": 1, "max": null}, "wounded": null, "claimed": null}"#;

    fn parse(content: &str) -> Result<GoldFile, Error> {
        GoldFile::parse(content, Path::new("gold/test.jsonl"))
    }

    #[test]
    fn a_full_incident_is_typed() {
        let gold = parse(&line(GOOD)).unwrap();
        let article = &gold.articles[0];
        assert_eq!(article.line, 1);
        assert_eq!(article.published.unwrap().to_string(), "2021-03-04");
        let incident = &article.incidents[0];
        assert_eq!(incident.event_type, EventType::AirDroneStrike);
        assert_eq!(incident.type_also, vec![EventType::Attack]);
        assert_eq!(incident.date.truth.unwrap().to_string(), "2021-03-03");
        assert_eq!(incident.killed, Some(Count::at_least(1)));
        assert_eq!(incident.perpetrator.as_ref().unwrap().status, ActorStatus::Unknown);
        assert!(!incident.optional);
    }

    #[test]
    fn bad_values_name_the_value_and_the_line() {
        let cases = [
            (GOOD.replace("Air/drone strike", "Air strike"), "unknown event type `Air strike`"),
            (
                GOOD.replace("\"Attack\"", "\"Ambush\""),
                "unknown event type `Ambush` in `type_also`",
            ),
            (
                GOOD.replace("\"2021-03-01\"", "\"2021-3-1\""),
                "invalid date `2021-3-1` in `date.start`",
            ),
            (GOOD.replace("\"2021-03-01\"", "\"2021-03-05\""), "is after `date.end`"),
            (
                GOOD.replace("\"2021-03-03\"", "\"2021-02-03\""),
                "`date.true` `2021-02-03` lies outside",
            ),
            (GOOD.replace("\"lon\": 44.01", "\"lon\": null"), "only one of `lat` and `lon`"),
            (
                GOOD.replace("\"min\": 1, \"max\": null", "\"min\": 3, \"max\": 2"),
                "`killed.min` `3` is above",
            ),
        ];
        for (incident, expected) in cases {
            let content = format!("\n{}", line(&incident));
            let err = parse(&content).unwrap_err().to_string();
            assert!(err.starts_with("invalid gold line in `gold/test.jsonl`, line 2: "), "{err}");
            assert!(err.contains(expected), "{err}");
        }
    }

    #[test]
    fn broken_json_and_unknown_fields_name_the_line() {
        let err = parse(&format!("{}\n{{\"id\": ", line(GOOD))).unwrap_err();
        assert_eq!(err.line(), Some(2));
        assert!(err.to_string().starts_with("broken gold line in `gold/test.jsonl`, line 2: "));
        let typo = line(&GOOD.replace("\"wounded\"", "\"wonded\""));
        let err = parse(&typo).unwrap_err().to_string();
        assert!(err.contains("unknown field `wonded`"), "{err}");
    }

    #[test]
    fn duplicates_and_missing_text_are_refused() {
        let twice = format!("{}\n{}", line(GOOD), line(GOOD));
        let err = parse(&twice).unwrap_err().to_string();
        assert!(err.contains("line 2: duplicate article id `a`"), "{err}");
        let other = line(GOOD).replace("\"id\": \"a\"", "\"id\": \"b\"");
        let err = parse(&format!("{}\n{other}", line(GOOD))).unwrap_err().to_string();
        assert!(err.contains("duplicate incident key `k` (first on line 1)"), "{err}");
        let err = parse(r#"{"id": "x", "incidents": []}"#).unwrap_err().to_string();
        assert!(err.contains("article `x` has neither `file` nor `text`"), "{err}");
    }

    #[test]
    fn related_keys_must_exist_in_the_article() {
        let linked = GOOD.replace(
            "\"claimed\": null",
            "\"claimed\": null, \"related\": [{\"rel\": \"retaliation_for\", \"key\": \"zz\"}]",
        );
        let err = parse(&line(&linked)).unwrap_err().to_string();
        assert!(err.contains("related to `zz`"), "{err}");
    }

    #[test]
    fn perfect_incident_keeps_every_scored_field() {
        let gold = parse(&line(GOOD)).unwrap();
        let incident = gold.articles[0].incidents[0].to_incident("x");
        assert_eq!(incident.id, "x");
        assert_eq!(incident.weapon, Some(Weapon::Drone));
        assert_eq!(incident.location.unwrap().precision, Precision::Town);
    }
}
