//! Offline gazetteer and geocoder built from GeoNames and curated conflict sites.
//!
//! The extractor finds place names in article text; this crate says where they are.
//! It sits beside `sitrep-text` and under `sitrep-extract`: it reads no file and no network
//! at run time, because its data is compiled in.
//!
//! ```
//! use sitrep_geo::{GeoContext, Gazetteer, PlaceKind};
//! use sitrep_model::Precision;
//!
//! let gazetteer = Gazetteer::embedded();
//! let mut context = GeoContext::default();
//! context.prefer_country("IQ", 1.0);
//! let best = &gazetteer.lookup("Mossoul", &context)[0];
//! assert_eq!(best.place.name, "Mosul");
//! assert_eq!(best.place.country.as_deref(), Some("IQ"));
//! assert_eq!(best.place.precision, Precision::Town);
//!
//! let text = sitrep_text::Normalized::new("Des roquettes sur la base aérienne d'Aïn al-Assad.");
//! let sites = gazetteer.find_sites(text.as_str());
//! assert_eq!(sites[0].candidate.place.name, "Al Asad Air Base");
//! assert_eq!(sites[0].candidate.kind, PlaceKind::Site);
//!
//! // A relative description keeps its anchor's point, with a coarser precision.
//! let north = &gazetteer.geocode_phrase("au nord de Bagdad", &context)[0];
//! assert_eq!(north.place.name, "north of Baghdad");
//! assert_eq!(north.place.precision, Precision::Admin1);
//! assert_eq!(north.relation.map(|r| r.to_string()).as_deref(), Some("north of"));
//! ```
//!
//! Overview:
//! - [`Gazetteer`]: the index. [`Gazetteer::lookup`] gives ranked [`Candidate`]s for a name
//!   in any spelling; [`Gazetteer::find_sites`] finds curated multi-word site names in
//!   folded text; [`Gazetteer::is_name`] answers "is this folded n-gram a place name" in O(1);
//!   [`Gazetteer::geocode_phrase`] reads a whole place phrase ("près de Kirkouk", "la
//!   province d'Anbar", "Erbil airport", "Hawija, Kirkuk province") into
//!   [`PhraseReading`]s, with the [`Relation`] of a relative description.
//! - [`GeoContext`]: what the article already says (its countries, points already placed),
//!   used to rank candidates.
//! - Data: GeoNames places of 500 or more people with their Latin- and Arabic-script
//!   alternate names, admin1 regions, every country, and hand-written files for countries'
//!   French names, admin1 spellings, press spellings of towns, towns the city list lacks,
//!   districts ([`PlaceKind::District`]), conflict sites (air bases, airports, crossings,
//!   embassies, camps) and the words of place phrases. See `DATA.md` for sources, the
//!   licence and how to regenerate.
//!
//! Ranking (the [`Candidate::score`] scale; only the order is meaningful):
//! - a context country adds 3 (and 0.5 × ln of its weight above 1): it outweighs everything else;
//! - a region the context prefers ([`GeoContext::prefer_admin1`]) adds 2;
//! - a country adds 3, an admin1 region 1.5, a district 1.2 and a site 2.5, so a bigger unit
//!   beats a town of the same name, except that a region or district named after a town in
//!   it ranks below that town ("Kirkuk" is the city; "province de Kirkuk" asks for the
//!   region through [`Gazetteer::geocode_phrase`]);
//! - towns and sites add 0.3 per power of ten of population;
//! - the place's own name (the GeoNames name or a curated press spelling, not a GeoNames
//!   alternate) adds 0.5, a match reached only by dropping an article (`al-`) loses 0.3, a
//!   site's short name (`al-Asad`, `K1`) loses 2;
//! - a point placed earlier in the article adds up to 2, decaying with distance (50 km scale);
//! - ties break by population, then by data order (countries, regions, cities by geonameid,
//!   sites in file order).

mod curated;
mod error;
mod index;
mod keys;
mod load;
mod phrase;
mod relation;
mod score;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;
use sitrep_model::{Place, Precision};
use sitrep_text::{Lexicon, fold_key};

pub use error::Error;
pub use phrase::PhraseReading;
pub use relation::{Direction, Relation, RelationKind};
pub use score::GeoContext;

/// The data file shipped in the crate (see `DATA.md`).
const DATA: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");

/// Queries longer than this (in bytes, folded) are not names and find nothing.
const MAX_QUERY: usize = 200;

/// At most this many candidates are returned by [`Gazetteer::lookup`].
pub const MAX_CANDIDATES: usize = 25;

/// What kind of feature a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A curated site: a base, an airport, a crossing, a square.
    Site,
    /// A populated place from GeoNames.
    City,
    /// A curated second-level region (district, caza, territory, cercle, LGA); its
    /// precision is [`Precision::Admin1`], the finest region level of the model.
    District,
    /// A first-level administrative region.
    Admin1,
    /// A country.
    Country,
}

impl PlaceKind {
    fn precision(self) -> Precision {
        match self {
            PlaceKind::Site => Precision::Site,
            PlaceKind::City => Precision::Town,
            PlaceKind::District | PlaceKind::Admin1 => Precision::Admin1,
            PlaceKind::Country => Precision::Country,
        }
    }
}

/// One reading of a place name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The place, as the incident model stores it.
    pub place: Place,
    /// The kind of feature.
    pub kind: PlaceKind,
    /// Population (0 for sites and where GeoNames has none).
    pub population: u64,
    /// Rank score, higher is better; see the crate docs for the scale.
    pub score: f32,
    /// The folded key (see [`sitrep_text::fold_key`]) of the variant that matched.
    pub matched: String,
}

/// A curated site name found in folded text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteMatch {
    /// First folded byte of the match.
    pub start: usize,
    /// One past the last folded byte.
    pub end: usize,
    /// The site.
    pub candidate: Candidate,
}

/// One place in the index.
#[derive(Debug, Clone)]
struct Entry {
    /// Start and length of the name in [`Gazetteer::names`].
    name: (u32, u32),
    lat: f64,
    lon: f64,
    population: u64,
    /// Number in `admin1_names`, or [`load::NO_ADMIN1`].
    admin1: u32,
    country: [u8; 2],
    kind: PlaceKind,
}

/// The offline gazetteer: places, their names in many spellings, and curated sites.
///
/// *Invariant:* lookups are deterministic: the same name and context give the same
/// candidates in the same order.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Every place name, concatenated.
    names: String,
    admin1_names: Vec<Box<str>>,
    countries: BTreeMap<[u8; 2], u32>,
    /// Folded key to entry numbers with [`load::PRIMARY`], [`load::STRIPPED`] and
    /// [`load::SHORT`] flags.
    index: index::NameIndex,
    site_lexicon: Lexicon<u32>,
    /// Curated sites with their kind (`airbase`, `crossing`), in file order.
    site_kinds: Vec<(u32, Box<str>)>,
    /// The compiled phrase patterns of [`Gazetteer::geocode_phrase`].
    phrases: phrase::Phrases,
}

impl Gazetteer {
    /// The gazetteer shipped in the crate, decoded once on first use (about half a second in
    /// release builds).
    ///
    /// # Panics
    /// Never in a released build: the embedded data and curated files are checked by the
    /// crate's tests.
    pub fn embedded() -> &'static Gazetteer {
        static EMBEDDED: OnceLock<Gazetteer> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            Gazetteer::from_bytes(DATA)
                .expect("the embedded gazetteer data and curated files are valid (crate tests)")
        })
    }

    /// Decodes the shipped data anew, as [`Gazetteer::embedded`] does once; for benchmarks
    /// and tools that measure a load.
    ///
    /// # Errors
    /// Never for the shipped data (the crate's tests load it); see [`Gazetteer::from_bytes`].
    pub fn decode_embedded() -> Result<Gazetteer, Error> {
        Gazetteer::from_bytes(DATA)
    }

    /// Decodes a gazetteer from the data file's bytes (gzip TSV, as written by
    /// `cargo xtask gazetteer`), and adds the curated files compiled into the crate.
    ///
    /// # Errors
    /// When the bytes are not the expected gzip TSV format, or a curated file refers to a
    /// country or region the data lacks.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, Error> {
        load::decode(bytes)
    }

    /// Candidates for a place name in any spelling, best first (empty when unknown), at most
    /// [`MAX_CANDIDATES`].
    ///
    /// `name` is a surface form as found in text (`"Bagdad"`, `"d'Erbil"`, `"al-Asad"`,
    /// `"Aïn al-Assad"`, `"بغداد"`): matching ignores case, accents, apostrophes and hyphens,
    /// a leading French `d'`, `l'`, `de la`, `du`, `des`, and a leading Arabic article.
    #[must_use]
    pub fn lookup(&self, name: &str, context: &GeoContext) -> Vec<Candidate> {
        let key = fold_key(name);
        if key.is_empty() || key.len() > MAX_QUERY {
            return Vec::new();
        }
        // Entry number to (best derivation, reference flags, matched key).
        let mut found: BTreeMap<u32, (keys::Derivation, u32, &str)> = BTreeMap::new();
        self.gather(keys::query_forms(&key), &mut found);
        // "Daqouq", "En-Nahoud": a French transliteration, when no other form is known.
        if found.is_empty() {
            let spelled =
                keys::spelling_forms(&key).into_iter().flat_map(|k| keys::query_forms(&k));
            let spelled = spelled.map(|(form, d)| (form, d.max(keys::Derivation::Grammatical)));
            self.gather(spelled.collect(), &mut found);
        }
        let mut candidates: Vec<(Candidate, u32)> = found
            .iter()
            .filter_map(|(&number, &(derivation, reference, matched))| {
                let entry = self.entries.get(number as usize)?;
                let score = score::score(self, entry, derivation, reference, &found, context);
                Some((self.candidate(entry, score, matched), number))
            })
            .collect();
        candidates.sort_by(|a, b| {
            b.0.score
                .total_cmp(&a.0.score)
                .then(b.0.population.cmp(&a.0.population))
                .then(a.1.cmp(&b.1))
        });
        candidates.truncate(MAX_CANDIDATES);
        candidates.into_iter().map(|(c, _)| c).collect()
    }

    /// Adds the entries stored under each query form to `found`, keeping for each entry
    /// the best derivation and reference.
    fn gather<'a>(
        &'a self,
        forms: Vec<(String, keys::Derivation)>,
        found: &mut BTreeMap<u32, (keys::Derivation, u32, &'a str)>,
    ) {
        for (form, derivation) in forms {
            let Some((stored, refs)) = self.index.get(form.as_str()) else {
                continue;
            };
            for &reference in refs {
                let entry = reference & load::ENTRY;
                let derivation = if reference & load::STRIPPED == 0 {
                    derivation
                } else {
                    derivation.max(keys::Derivation::Article)
                };
                let rank =
                    |d: keys::Derivation, r: u32| (r & load::SHORT != 0, d, r & load::PRIMARY == 0);
                let better = found
                    .get(&entry)
                    .is_none_or(|(d, r, _)| rank(derivation, reference) < rank(*d, *r));
                if better {
                    found.insert(entry, (derivation, reference, stored));
                }
            }
        }
    }

    /// Whether a folded key ([`sitrep_text::fold_key`] form) is any known name, for
    /// scanning n-grams. Article-free forms count (`"baghdadi"` as well as `"al baghdadi"`),
    /// and so do French transliterations of a known name (`"daqouq"` for `"daquq"`), tried
    /// only when the key itself is unknown.
    #[must_use]
    pub fn is_name(&self, folded_key: &str) -> bool {
        let known = |key: &str| {
            self.index.get(key).is_some_and(|(_, refs)| refs.iter().any(|&r| r & load::SHORT == 0))
        };
        // Capitalised short words ("Pour", "Tous") are never tried in other spellings.
        known(folded_key)
            || (folded_key.len() >= 5 && keys::spelling_forms(folded_key).iter().any(|k| known(k)))
    }

    /// The ISO 3166-1 alpha-2 code of the country a folded key names, when it names one
    /// ("irak", "syria", "rdc"); cheaper than [`Gazetteer::lookup`] for scanning a text's
    /// capitalised words for the countries it speaks of.
    #[must_use]
    pub fn country_named(&self, folded_key: &str) -> Option<String> {
        self.full_name_entries(folded_key)
            .find(|entry| entry.kind == PlaceKind::Country)
            .map(|entry| String::from_utf8_lossy(&entry.country).into_owned())
    }

    /// The ISO 3166-1 alpha-2 code of the country whose first-level region a folded key
    /// names ("borno", "anbar", "idlib"), when regions of one country only bear that
    /// name; as cheap as [`Gazetteer::country_named`].
    #[must_use]
    pub fn region_country(&self, folded_key: &str) -> Option<String> {
        let mut countries = self
            .full_name_entries(folded_key)
            .filter(|entry| entry.kind == PlaceKind::Admin1)
            .map(|entry| entry.country);
        let first = countries.next()?;
        countries.all(|c| c == first).then(|| String::from_utf8_lossy(&first).into_owned())
    }

    /// The places a folded key names by a full name, not a short one ("al-Asad").
    fn full_name_entries(&self, folded_key: &str) -> impl Iterator<Item = &Entry> {
        self.index
            .get(folded_key)
            .map(|(_, refs)| refs)
            .unwrap_or_default()
            .iter()
            .filter(|&&r| r & load::SHORT == 0)
            .filter_map(|&r| self.entries.get((r & load::ENTRY) as usize))
    }

    /// Curated multi-word site names found in folded text
    /// ([`sitrep_text::Normalized::as_str`]), leftmost-longest, with folded byte offsets.
    #[must_use]
    pub fn find_sites(&self, folded_text: &str) -> Vec<SiteMatch> {
        self.site_lexicon
            .find(folded_text)
            .into_iter()
            .filter_map(|m| {
                let entry = self.entries.get(*m.value as usize)?;
                let matched = folded_text.get(m.start..m.end).unwrap_or_default();
                let score = score::SITE_BONUS;
                Some(SiteMatch {
                    start: m.start,
                    end: m.end,
                    candidate: self.candidate(entry, score, matched),
                })
            })
            .collect()
    }

    /// The country place for an ISO 3166-1 alpha-2 code (any case).
    #[must_use]
    pub fn country(&self, iso2: &str) -> Option<Candidate> {
        let code = iso2.trim().to_ascii_uppercase();
        let code: [u8; 2] = code.as_bytes().try_into().ok()?;
        let entry = self.entries.get(*self.countries.get(&code)? as usize)?;
        Some(self.candidate(entry, score::COUNTRY_BONUS, &fold_key(self.name(entry))))
    }

    /// Number of places (countries, regions, cities and sites).
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the gazetteer has no place.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct folded keys in the name index.
    #[must_use]
    pub fn key_count(&self) -> usize {
        self.index.named_keys()
    }

    /// Approximate heap bytes held by the index, names and places (for the memory report).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
            + self.names.capacity()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
    }

    fn name(&self, entry: &Entry) -> &str {
        let (start, len) = entry.name;
        self.names.get(start as usize..(start + len) as usize).unwrap_or_default()
    }

    fn candidate(&self, entry: &Entry, score: f32, matched: &str) -> Candidate {
        let country = String::from_utf8_lossy(&entry.country).into_owned();
        let admin1 = match entry.kind {
            PlaceKind::Country => None,
            _ => self.admin1_names.get(entry.admin1 as usize).map(ToString::to_string),
        };
        Candidate {
            place: Place {
                name: self.name(entry).to_string(),
                lat: Some(entry.lat),
                lon: Some(entry.lon),
                country: Some(country),
                admin1,
                precision: entry.kind.precision(),
            },
            kind: entry.kind,
            population: entry.population,
            score,
            matched: matched.to_string(),
        }
    }
}
