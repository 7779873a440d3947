//! The hand-written data files: countries, admin1 names, city aliases, districts,
//! conflict sites and the phrase patterns of relative descriptions.
//!
//! They are compiled into the crate with `include_str!` and folded into the index at load,
//! so editing them needs no regeneration of the GeoNames file.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{Error, PlaceKind};

pub(crate) const COUNTRIES: &str = include_str!("../data/countries.toml");
pub(crate) const ADMIN1: &str = include_str!("../data/admin1.toml");
pub(crate) const ALIASES: &str = include_str!("../data/aliases.toml");
pub(crate) const SITES: &str = include_str!("../data/sites.toml");
pub(crate) const DISTRICTS: &str = include_str!("../data/districts.toml");
pub(crate) const TOWNS: &str = include_str!("../data/towns.toml");
pub(crate) const PHRASES: &str = include_str!("../data/phrases.toml");

/// `countries.toml`: names of every country in English, French and common variants.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CountriesFile {
    pub(crate) country: Vec<CountryEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CountryEntry {
    pub(crate) iso2: String,
    /// The English name used as the place name.
    pub(crate) name: String,
    /// The French name.
    pub(crate) fr: String,
    #[serde(default)]
    pub(crate) variants: Vec<String>,
}

/// `admin1.toml`: display names and spelling variants of first-level regions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Admin1File {
    pub(crate) admin1: Vec<Admin1Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Admin1Entry {
    /// `CC.code`, as in the data file (GeoNames admin1 code).
    pub(crate) id: String,
    /// The display name (replaces the GeoNames name).
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) variants: Vec<String>,
}

/// `aliases.toml`: extra spellings of GeoNames places.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AliasesFile {
    pub(crate) alias: Vec<AliasEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AliasEntry {
    pub(crate) geonameid: u32,
    /// The GeoNames name, to catch a wrong id.
    pub(crate) place: String,
    /// The common English name, shown instead of the GeoNames name (`Raqqa` for
    /// `Ar Raqqah`).
    #[serde(default)]
    pub(crate) display: Option<String>,
    #[serde(default)]
    pub(crate) names: Vec<String>,
    #[serde(default)]
    #[expect(dead_code, reason = "documentation for readers of the file")]
    pub(crate) note: String,
}

/// `sites.toml`: named sites that city lists lack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SitesFile {
    /// Per kind, phrase templates where `{}` stands for each of a site's `cores`.
    pub(crate) templates: BTreeMap<String, Vec<String>>,
    pub(crate) site: Vec<SiteEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteEntry {
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) country: String,
    pub(crate) admin1: String,
    /// Full variants, used as they are.
    #[serde(default)]
    pub(crate) names: Vec<String>,
    /// Short names, expanded through the kind's templates (never matched alone).
    #[serde(default)]
    pub(crate) cores: Vec<String>,
    /// Names that alone mean this site only in context (`al-Asad`, `K1`): found by
    /// `lookup` with a low score, never by `find_sites` or `is_name`.
    #[serde(default)]
    pub(crate) short: Vec<String>,
    #[cfg_attr(not(test), expect(dead_code, reason = "provenance for readers; checked by tests"))]
    pub(crate) source: String,
}

/// What the loader needs of a district or a site.
pub(crate) struct CuratedPlace<'a> {
    pub(crate) name: &'a str,
    pub(crate) kind: PlaceKind,
    pub(crate) population: u64,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) country: &'a str,
    pub(crate) admin1: &'a str,
}

/// `districts.toml`: second-level regions (districts, cazas, territories) that reports
/// name as areas.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DistrictsFile {
    /// Phrase templates where `{}` stands for each of a district's `cores`.
    pub(crate) templates: Vec<String>,
    pub(crate) district: Vec<AreaEntry>,
}

/// `towns.toml`: towns and villages that conflict reports name and the GeoNames list of
/// places of 500 or more people lacks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TownsFile {
    pub(crate) town: Vec<AreaEntry>,
}

/// A curated district or town: a point with names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AreaEntry {
    pub(crate) name: String,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) country: String,
    pub(crate) admin1: String,
    /// Full variants, used as they are.
    #[serde(default)]
    pub(crate) names: Vec<String>,
    /// Bare names, indexed alone and expanded through the templates.
    #[serde(default)]
    pub(crate) cores: Vec<String>,
    /// Population, where known (ranks towns among homonyms).
    #[serde(default)]
    pub(crate) population: u64,
    #[cfg_attr(not(test), expect(dead_code, reason = "provenance for readers; checked by tests"))]
    pub(crate) source: String,
}

impl AreaEntry {
    pub(crate) fn place(&self, kind: PlaceKind) -> CuratedPlace<'_> {
        CuratedPlace {
            name: &self.name,
            kind,
            population: self.population,
            lat: self.lat,
            lon: self.lon,
            country: &self.country,
            admin1: &self.admin1,
        }
    }

    /// Every variant but the name: full names, bare cores and their template expansions.
    pub(crate) fn variants(&self, templates: &[String]) -> Vec<String> {
        let mut out = self.names.clone();
        for core in &self.cores {
            out.push(core.clone());
            out.extend(expand(templates, core));
        }
        out
    }
}

/// A template's expansions for one core; French `de {}` also gives the elided `d'{}`.
fn expand(templates: &[String], core: &str) -> Vec<String> {
    let mut out = Vec::new();
    for pattern in templates {
        out.push(pattern.replace("{}", core));
        if let Some(head) = pattern.strip_suffix("de {}") {
            out.push(format!("{head}d'{core}"));
        }
    }
    out
}

impl SiteEntry {
    /// Every variant: the name, the full names and the template expansions of the cores.
    /// French `de {}` templates also give the elided `d'{}` form.
    pub(crate) fn variants(&self, templates: &BTreeMap<String, Vec<String>>) -> Vec<String> {
        let mut out = vec![self.name.clone()];
        out.extend(self.names.iter().cloned());
        if let Some(patterns) = templates.get(&self.kind) {
            for core in &self.cores {
                out.extend(expand(patterns, core));
            }
        }
        out
    }

    pub(crate) fn place(&self) -> CuratedPlace<'_> {
        CuratedPlace {
            name: &self.name,
            kind: PlaceKind::Site,
            population: 0,
            lat: self.lat,
            lon: self.lon,
            country: &self.country,
            admin1: &self.admin1,
        }
    }
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
) -> Result<T, Error> {
    toml::from_str(text).map_err(|source| Error::CuratedSyntax { file, source })
}
