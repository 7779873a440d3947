//! Ranking candidates: context countries, feature kind, population, nearness.

use std::collections::BTreeMap;

use sitrep_text::fold_key;

use crate::keys::Derivation;
use crate::load::{NO_ADMIN1, PRIMARY, SHORT};
use crate::{Candidate, Entry, Gazetteer, PlaceKind};

/// Bonus of a country candidate.
pub(crate) const COUNTRY_BONUS: f32 = 3.0;
/// Bonus of an admin1 candidate (unless a town of the same name is its capital).
pub(crate) const ADMIN1_BONUS: f32 = 1.5;
/// Bonus of a curated district (unless a town of the same name is in it).
const DISTRICT_BONUS: f32 = 1.2;
/// Bonus of a curated site.
pub(crate) const SITE_BONUS: f32 = 2.5;
/// Penalty of a site reached by a short name (`al-Asad`, `K1`).
const SHORT_PENALTY: f32 = 2.0;
/// Bonus of a place in a region the context prefers.
const REGION_BONUS: f32 = 2.0;
/// Per power of ten of population, for towns and sites.
const POPULATION_WEIGHT: f32 = 0.3;
/// Bonus when the key is the place's own name rather than an alternate.
const PRIMARY_BONUS: f32 = 0.5;
/// Penalty when the key matched only once a leading article was dropped.
const ARTICLE_PENALTY: f32 = 0.3;
/// Bonus of a context country of weight 1.
const CONTEXT_BONUS: f32 = 3.0;
/// Extra bonus per natural log of context weight above 1.
const CONTEXT_LOG_WEIGHT: f32 = 0.5;
/// Penalty of a small place reached by an alternate name that is a big city's own name
/// (`Baghdādeh`, Iran, listed as "Baghdad").
const SHADOWED_PENALTY: f32 = 3.0;
/// Bonus of a candidate at an anchor point, decaying with distance.
const NEAR_BONUS: f64 = 2.0;
/// Distance scale of the nearness bonus, in kilometres.
const NEAR_SCALE_KM: f64 = 50.0;

/// What an article already says about where things are, to rank candidates.
#[derive(Debug, Clone, Default)]
pub struct GeoContext {
    /// ISO2 code (upper case) to accumulated weight.
    countries: BTreeMap<String, f32>,
    /// Points already placed in the article.
    anchors: Vec<(f64, f64)>,
    /// Preferred regions: ISO2 code and folded admin1 name.
    regions: Vec<(String, String)>,
    /// The place the article is about, for phrases such as "the city" or "la ville".
    focus: Option<Box<Candidate>>,
}

impl GeoContext {
    /// Raises candidates in this country (weight accumulates, e.g. one per mention in the
    /// article). Codes are ISO 3166-1 alpha-2, any case; non-positive weights are ignored.
    pub fn prefer_country(&mut self, iso2: &str, weight: f32) {
        if weight.is_finite() && weight > 0.0 {
            *self.countries.entry(iso2.trim().to_ascii_uppercase()).or_default() += weight;
        }
    }

    /// Raises candidates near a point already placed in the article (degrees).
    pub fn near(&mut self, lat: f64, lon: f64) {
        if lat.is_finite() && lon.is_finite() {
            self.anchors.push((lat, lon));
        }
    }

    /// Raises candidates in this first-level region of this country (a region the article
    /// names, as in "Hawija, Kirkuk province"). `admin1` is the region's name in any
    /// spelling the gazetteer shows (`Candidate::place.admin1`).
    pub fn prefer_admin1(&mut self, iso2: &str, admin1: &str) {
        let region = (iso2.trim().to_ascii_uppercase(), fold_key(admin1));
        if !region.1.is_empty() && !self.regions.contains(&region) {
            self.regions.push(region);
        }
    }

    /// Sets the place that anaphoric phrases ("the city", "la ville") refer to, usually
    /// the last town the article named.
    pub fn focus_on(&mut self, place: &Candidate) {
        self.focus = Some(Box::new(place.clone()));
    }

    /// The place set by [`GeoContext::focus_on`].
    #[must_use]
    pub fn focus(&self) -> Option<&Candidate> {
        self.focus.as_deref()
    }

    /// The country with the highest weight (ties: the first code), if any.
    #[must_use]
    pub fn main_country(&self) -> Option<&str> {
        self.countries
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(code, _)| code.as_str())
    }

    fn region_bonus(&self, gazetteer: &Gazetteer, entry: &Entry) -> f32 {
        if self.regions.is_empty() || entry.kind == PlaceKind::Country {
            return 0.0;
        }
        let code = std::str::from_utf8(&entry.country).unwrap_or("");
        let Some(name) = gazetteer.admin1_names.get(entry.admin1 as usize) else { return 0.0 };
        let name = fold_key(name);
        if self.regions.iter().any(|(c, r)| c == code && *r == name) { REGION_BONUS } else { 0.0 }
    }

    fn country_bonus(&self, country: [u8; 2]) -> f32 {
        let code = std::str::from_utf8(&country).unwrap_or("");
        match self.countries.get(code) {
            Some(&weight) if weight > 0.0 => {
                CONTEXT_BONUS * weight.min(1.0) + CONTEXT_LOG_WEIGHT * weight.max(1.0).ln()
            }
            _ => 0.0,
        }
    }

    fn near_bonus(&self, lat: f64, lon: f64) -> f32 {
        let nearest = self
            .anchors
            .iter()
            .map(|&(a, b)| distance_km(lat, lon, a, b))
            .fold(f64::INFINITY, f64::min);
        if nearest.is_finite() {
            #[expect(clippy::cast_possible_truncation, reason = "a bonus of at most 2")]
            let bonus = (NEAR_BONUS * (-nearest / NEAR_SCALE_KM).exp()) as f32;
            bonus
        } else {
            0.0
        }
    }
}

/// Great-circle distance in kilometres.
pub(crate) fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// The score of one candidate; `found` holds every candidate of the same lookup.
pub(crate) fn score<M>(
    gazetteer: &Gazetteer,
    entry: &Entry,
    derivation: Derivation,
    reference: u32,
    found: &BTreeMap<u32, (Derivation, u32, M)>,
    context: &GeoContext,
) -> f32 {
    let mut score = match entry.kind {
        PlaceKind::Country => COUNTRY_BONUS,
        PlaceKind::Admin1 | PlaceKind::District if names_its_capital(gazetteer, entry, found) => {
            0.0
        }
        PlaceKind::Admin1 => ADMIN1_BONUS,
        PlaceKind::District => DISTRICT_BONUS,
        PlaceKind::Site => SITE_BONUS,
        PlaceKind::City => 0.0,
    };
    if matches!(entry.kind, PlaceKind::City | PlaceKind::Site) {
        #[expect(clippy::cast_precision_loss, reason = "populations are far below 2^52")]
        let decades = ((entry.population as f64) + 1.0).log10();
        #[expect(clippy::cast_possible_truncation, reason = "at most 10 decades")]
        let decades = decades as f32;
        score += POPULATION_WEIGHT * decades;
    }
    if reference & PRIMARY != 0 {
        score += PRIMARY_BONUS;
    } else if shadowed_by_a_city(gazetteer, entry, found) {
        score -= SHADOWED_PENALTY;
    }
    if derivation == Derivation::Article {
        score -= ARTICLE_PENALTY;
    }
    if reference & SHORT != 0 {
        score -= SHORT_PENALTY;
    }
    score += context.country_bonus(entry.country);
    score += context.region_bonus(gazetteer, entry);
    score += context.near_bonus(entry.lat, entry.lon);
    score
}

/// Whether a town, reached by an alternate name, shares that name with a city of a million
/// people or more, a hundred times its size, whose own name it is.
fn shadowed_by_a_city<M>(
    gazetteer: &Gazetteer,
    entry: &Entry,
    found: &BTreeMap<u32, (Derivation, u32, M)>,
) -> bool {
    entry.kind == PlaceKind::City
        && found.iter().any(|(&number, (_, reference, _))| {
            reference & PRIMARY != 0
                && gazetteer.entries.get(number as usize).is_some_and(|e| {
                    e.kind == PlaceKind::City
                        && e.population >= 1_000_000
                        && e.population / 100 >= entry.population
                })
        })
}

/// Whether a region candidate (admin1 or district) shares its name with a town inside it
/// (its capital, as for Kirkuk or Baghdad): then the town is the likelier reading.
fn names_its_capital<M>(
    gazetteer: &Gazetteer,
    region: &Entry,
    found: &BTreeMap<u32, (Derivation, u32, M)>,
) -> bool {
    region.admin1 != NO_ADMIN1
        && found.keys().any(|&number| {
            gazetteer.entries.get(number as usize).is_some_and(|e| {
                e.kind == PlaceKind::City
                    && e.country == region.country
                    && e.admin1 == region.admin1
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_plausible() {
        // Baghdad to Erbil is about 320 km.
        let d = distance_km(33.34, 44.40, 36.19, 44.01);
        assert!((300.0..340.0).contains(&d), "{d}");
        assert!(distance_km(1.0, 1.0, 1.0, 1.0).abs() < 1e-9);
    }

    #[test]
    fn context_weight_accumulates() {
        let mut context = GeoContext::default();
        context.prefer_country("iq", 1.0);
        let one = context.country_bonus(*b"IQ");
        context.prefer_country("IQ", 2.0);
        assert!(context.country_bonus(*b"IQ") > one);
        assert!(context.country_bonus(*b"SY").abs() < f32::EPSILON);
        context.prefer_country("SY", f32::NAN);
        assert!(context.country_bonus(*b"SY").abs() < f32::EPSILON);
    }
}
