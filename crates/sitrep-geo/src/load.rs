//! Decoding the data file and the curated files into a [`Gazetteer`].
//!
//! The file is decompressed line by line, never whole; names go into one string and keys
//! into the compact [`NameIndex`], so the peak memory of a load stays near what the loaded
//! gazetteer keeps.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead as _;

use sitrep_text::{Lexicon, fold_key};

use crate::curated::{
    self, Admin1File, AliasesFile, CountriesFile, DistrictsFile, SitesFile, TownsFile,
};
use crate::index::NameIndex;
use crate::keys::strip_article;
use crate::phrase::Phrases;
use crate::{Entry, Error, Gazetteer, PlaceKind};

/// The format line the data file must start with.
pub(crate) const FORMAT: &str = "# sitrep-gazetteer 1;";

/// Flag on an index reference: the key is the place's own name (not an alternate).
pub(crate) const PRIMARY: u32 = 1 << 31;
/// Flag on an index reference: the key was reached by dropping a leading article.
pub(crate) const STRIPPED: u32 = 1 << 30;
/// Flag on an index reference: the key is a site's short name (`al-Asad`, `K1`), which
/// alone is more often something else (a family name); it ranks low and is not a name for
/// [`Gazetteer::is_name`].
pub(crate) const SHORT: u32 = 1 << 29;
/// Mask of the entry number in an index reference.
pub(crate) const ENTRY: u32 = SHORT - 1;

/// A sentinel for "no admin1".
pub(crate) const NO_ADMIN1: u32 = u32::MAX;

/// Sizes of the shipped data, to allocate once (too small only costs a regrowth).
const EXPECTED_KEYS: usize = 720_000;
const EXPECTED_KEY_BYTES: usize = 12 * EXPECTED_KEYS;
const EXPECTED_PLACES: usize = 240_000;

pub(crate) fn decode(bytes: &[u8]) -> Result<Gazetteer, Error> {
    let mut reader = std::io::BufReader::new(flate2::read::GzDecoder::new(bytes));
    let mut builder = Builder::new();
    let mut line = String::new();
    let mut number = 0;
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(Error::Decompress)? == 0 {
            break;
        }
        number += 1;
        let text = line.trim_end_matches(['\n', '\r']);
        if number == 1 && !text.starts_with(FORMAT) {
            return Err(Error::Format { found: text.chars().take(40).collect(), expected: FORMAT });
        }
        if text.starts_with('#') || text.is_empty() {
            continue;
        }
        builder.row(text).map_err(|message| Error::Row { line: number, message })?;
    }
    if number == 0 {
        return Err(Error::Format { found: String::new(), expected: FORMAT });
    }
    builder.countries()?;
    builder.admin1()?;
    builder.aliases()?;
    builder.districts()?;
    builder.towns()?;
    let sites = builder.sites()?;
    let Builder { entries, names, admin1_names, countries, mut index, pairs, site_kinds, .. } =
        builder;
    index.seal(pairs, |r| r & ENTRY, rank);
    let mut gazetteer = Gazetteer {
        entries,
        names,
        admin1_names,
        countries,
        index,
        site_lexicon: Lexicon::new(sites),
        site_kinds,
        phrases: Phrases::default(),
    };
    gazetteer.phrases = Phrases::load()?;
    Ok(gazetteer)
}

/// Best reference first within a key and entry: primary, then not stripped, then not short.
fn rank(reference: u32) -> (u32, bool, bool, bool) {
    let flag = |f: u32| reference & f != 0;
    (reference & ENTRY, !flag(PRIMARY), flag(STRIPPED), flag(SHORT))
}

struct Builder {
    entries: Vec<Entry>,
    names: String,
    admin1_names: Vec<Box<str>>,
    /// Admin1 id (`CC.code`) to its number in `admin1_names`.
    admin1_ids: BTreeMap<String, u32>,
    /// Admin1 id to its place entry.
    admin1_entries: BTreeMap<String, u32>,
    countries: BTreeMap<[u8; 2], u32>,
    geonameids: HashMap<u32, u32>,
    index: NameIndex,
    /// (key number, reference) for every key of every place.
    pairs: Vec<(u32, u32)>,
    site_kinds: Vec<(u32, Box<str>)>,
}

fn parse_num<T: std::str::FromStr>(field: &str, what: &str) -> Result<T, String> {
    field.parse().map_err(|_| format!("bad {what} `{field}`"))
}

fn country_code(field: &str) -> Result<[u8; 2], String> {
    match field.as_bytes() {
        &[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Ok([a, b]),
        _ => Err(format!("bad country code `{field}`")),
    }
}

impl Builder {
    fn new() -> Builder {
        Builder {
            entries: Vec::with_capacity(EXPECTED_PLACES),
            names: String::with_capacity(EXPECTED_PLACES * 10),
            admin1_names: Vec::new(),
            admin1_ids: BTreeMap::new(),
            admin1_entries: BTreeMap::new(),
            countries: BTreeMap::new(),
            geonameids: HashMap::with_capacity(EXPECTED_PLACES),
            index: NameIndex::with_capacity(EXPECTED_KEYS, EXPECTED_KEY_BYTES),
            pairs: Vec::with_capacity(EXPECTED_KEYS * 2),
            site_kinds: Vec::new(),
        }
    }

    fn next_entry(&self) -> Result<u32, String> {
        u32::try_from(self.entries.len())
            .ok()
            .filter(|&n| n <= ENTRY)
            .ok_or_else(|| "too many places".to_string())
    }

    /// Stores a name in the name string; its (start, length).
    fn store_name(&mut self, name: &str) -> Result<(u32, u32), String> {
        let start = u32::try_from(self.names.len()).map_err(|_| "too many names")?;
        let len = u32::try_from(name.len()).map_err(|_| "name too long")?;
        start.checked_add(len).ok_or("too many names")?;
        self.names.push_str(name);
        Ok((start, len))
    }

    fn rename(&mut self, number: u32, name: &str) -> Result<(), String> {
        let stored = self.store_name(name)?;
        if let Some(entry) = self.entries.get_mut(number as usize) {
            entry.name = stored;
        }
        Ok(())
    }

    fn row(&mut self, line: &str) -> Result<(), String> {
        let fields: Vec<&str> = line.split('\t').collect();
        let &[kind, id, name, lat, lon, cc, admin1, population, keys] = fields.as_slice() else {
            return Err(format!("expected 9 tab-separated fields, found {}", fields.len()));
        };
        let kind = match kind {
            "n" => PlaceKind::Country,
            "a" => PlaceKind::Admin1,
            "c" => PlaceKind::City,
            other => return Err(format!("unknown kind `{other}`")),
        };
        let number = self.next_entry()?;
        let country = country_code(cc)?;
        let admin1 = if admin1.is_empty() {
            NO_ADMIN1
        } else if kind == PlaceKind::Admin1 {
            let at = u32::try_from(self.admin1_names.len()).map_err(|_| "too many regions")?;
            self.admin1_names.push(name.into());
            self.admin1_ids.insert(admin1.to_string(), at);
            self.admin1_entries.insert(admin1.to_string(), number);
            at
        } else {
            *self.admin1_ids.get(admin1).ok_or_else(|| format!("unknown admin1 id `{admin1}`"))?
        };
        let geonameid = if kind == PlaceKind::City { parse_num(id, "geonameid")? } else { 0 };
        let entry = Entry {
            name: self.store_name(name)?,
            lat: parse_num(lat, "latitude")?,
            lon: parse_num(lon, "longitude")?,
            population: parse_num(population, "population")?,
            admin1,
            country,
            kind,
        };
        match kind {
            PlaceKind::Country => {
                self.countries.insert(country, number);
            }
            PlaceKind::City => {
                self.geonameids.insert(geonameid, number);
            }
            PlaceKind::Admin1 | PlaceKind::District | PlaceKind::Site => {}
        }
        self.entries.push(entry);
        for (at, key) in keys.split('|').enumerate() {
            if key.is_empty() {
                continue;
            }
            let flag = if at == 0 { PRIMARY } else { 0 };
            self.push_key(key, number | flag)?;
        }
        Ok(())
    }

    /// Indexes a folded key and, when it starts with an article, its article-free form.
    fn push_key(&mut self, key: &str, reference: u32) -> Result<(), String> {
        let number = self.index.intern(key).ok_or("too many keys")?;
        self.pairs.push((number, reference));
        if let Some(rest) = strip_article(key) {
            let number = self.index.intern(rest).ok_or("too many keys")?;
            self.pairs.push((number, (reference & !PRIMARY) | STRIPPED));
        }
        Ok(())
    }

    /// Folds a curated name and indexes it.
    fn push_name(&mut self, name: &str, reference: u32) -> Result<(), String> {
        let key = fold_key(name);
        if key.is_empty() { Ok(()) } else { self.push_key(&key, reference) }
    }

    fn countries(&mut self) -> Result<(), Error> {
        const FILE: &str = "countries.toml";
        let file: CountriesFile = curated::parse(FILE, curated::COUNTRIES)?;
        for country in file.country {
            let bad = |message: &str| Error::CuratedEntry {
                file: FILE,
                entry: country.iso2.clone(),
                message: message.to_string(),
            };
            let code = country_code(&country.iso2).map_err(|m| bad(&m))?;
            let Some(&number) = self.countries.get(&code) else {
                return Err(bad("no such country in the GeoNames data"));
            };
            self.rename(number, &country.name).map_err(|m| bad(&m))?;
            self.push_name(&country.name, number | PRIMARY).map_err(|m| bad(&m))?;
            self.push_name(&country.fr, number).map_err(|m| bad(&m))?;
            for variant in &country.variants {
                self.push_name(variant, number).map_err(|m| bad(&m))?;
            }
        }
        Ok(())
    }

    fn admin1(&mut self) -> Result<(), Error> {
        const FILE: &str = "admin1.toml";
        let file: Admin1File = curated::parse(FILE, curated::ADMIN1)?;
        let mut renamed = BTreeSet::new();
        let mut curated_pairs = Vec::new();
        for region in file.admin1 {
            let bad = |message: &str| Error::CuratedEntry {
                file: FILE,
                entry: region.id.clone(),
                message: message.to_string(),
            };
            let (Some(&name_at), Some(&number)) = (
                self.admin1_ids.get(region.id.as_str()),
                self.admin1_entries.get(region.id.as_str()),
            ) else {
                return Err(bad("no such admin1 id in the GeoNames data"));
            };
            renamed.insert(number);
            self.admin1_names[name_at as usize] = region.name.as_str().into();
            self.rename(number, &region.name).map_err(|m| bad(&m))?;
            let before = self.pairs.len();
            self.push_name(&region.name, number | PRIMARY).map_err(|m| bad(&m))?;
            for variant in &region.variants {
                self.push_name(variant, number).map_err(|m| bad(&m))?;
            }
            curated_pairs.extend(self.pairs.drain(before..));
        }
        // The curated names replace the data file's: its keys for these regions go.
        self.pairs.retain(|&(_, r)| !renamed.contains(&(r & ENTRY)));
        self.pairs.extend(curated_pairs);
        Ok(())
    }

    fn aliases(&mut self) -> Result<(), Error> {
        const FILE: &str = "aliases.toml";
        let file: AliasesFile = curated::parse(FILE, curated::ALIASES)?;
        for alias in file.alias {
            let bad = |message: String| Error::CuratedEntry {
                file: FILE,
                entry: alias.place.clone(),
                message,
            };
            let number = self.geonameids.get(&alias.geonameid).copied();
            let Some(number) = number.filter(|&n| {
                let (start, len) = self.entries[n as usize].name;
                let name = self.names.get(start as usize..(start + len) as usize).unwrap_or("");
                fold_key(name) == fold_key(&alias.place)
            }) else {
                return Err(bad(format!("geonameid {} is not this place", alias.geonameid)));
            };
            if let Some(display) = &alias.display {
                self.rename(number, display).map_err(&bad)?;
                self.push_name(display, number | PRIMARY).map_err(&bad)?;
            }
            // The press's names of a place are as much its own as the GeoNames name.
            for name in &alias.names {
                self.push_name(name, number | PRIMARY).map_err(&bad)?;
            }
        }
        Ok(())
    }

    /// The admin1 number of a region named `name` (any spelling of its display name) in
    /// `country`.
    fn admin1_named(&self, country: [u8; 2], name: &str) -> Option<u32> {
        let key = fold_key(name);
        self.admin1_ids
            .iter()
            .filter(|(id, _)| id.as_bytes().get(..2) == Some(&country[..]))
            .map(|(_, &at)| at)
            .find(|&at| fold_key(&self.admin1_names[at as usize]) == key)
    }

    /// Adds a curated place (district or site) after checking its country, region and
    /// coordinates.
    fn curated_place(&mut self, place: &curated::CuratedPlace<'_>) -> Result<u32, String> {
        let country = country_code(place.country)?;
        if !self.countries.contains_key(&country) {
            return Err(format!("unknown country `{}`", place.country));
        }
        if !(-90.0..=90.0).contains(&place.lat) || !(-180.0..=180.0).contains(&place.lon) {
            return Err(format!("coordinates {}, {} out of range", place.lat, place.lon));
        }
        let admin1 = self
            .admin1_named(country, place.admin1)
            .ok_or_else(|| format!("unknown admin1 `{}` in `{}`", place.admin1, place.country))?;
        let number = self.next_entry()?;
        let entry = Entry {
            name: self.store_name(place.name)?,
            lat: place.lat,
            lon: place.lon,
            population: place.population,
            admin1,
            country,
            kind: place.kind,
        };
        self.entries.push(entry);
        Ok(number)
    }

    fn districts(&mut self) -> Result<(), Error> {
        const FILE: &str = "districts.toml";
        let file: DistrictsFile = curated::parse(FILE, curated::DISTRICTS)?;
        for district in &file.district {
            let bad = |message: String| Error::CuratedEntry {
                file: FILE,
                entry: district.name.clone(),
                message,
            };
            let number = self.curated_place(&district.place(PlaceKind::District)).map_err(&bad)?;
            self.push_name(&district.name, number | PRIMARY).map_err(&bad)?;
            for variant in district.variants(&file.templates) {
                self.push_name(&variant, number).map_err(&bad)?;
            }
        }
        Ok(())
    }

    fn towns(&mut self) -> Result<(), Error> {
        const FILE: &str = "towns.toml";
        let file: TownsFile = curated::parse(FILE, curated::TOWNS)?;
        for town in &file.town {
            let bad = |message: String| Error::CuratedEntry {
                file: FILE,
                entry: town.name.clone(),
                message,
            };
            let number = self.curated_place(&town.place(PlaceKind::City)).map_err(&bad)?;
            self.push_name(&town.name, number | PRIMARY).map_err(&bad)?;
            for variant in town.variants(&[]) {
                self.push_name(&variant, number | PRIMARY).map_err(&bad)?;
            }
        }
        Ok(())
    }

    /// Adds the sites as places and returns the phrases for the site automaton.
    fn sites(&mut self) -> Result<Vec<(String, u32)>, Error> {
        const FILE: &str = "sites.toml";
        let file: SitesFile = curated::parse(FILE, curated::SITES)?;
        let mut phrases = Vec::new();
        for site in &file.site {
            let bad = |message: String| Error::CuratedEntry {
                file: FILE,
                entry: site.name.clone(),
                message,
            };
            let number = self.curated_place(&site.place()).map_err(&bad)?;
            self.site_kinds.push((number, site.kind.as_str().into()));
            for (at, variant) in site.variants(&file.templates).into_iter().enumerate() {
                let flag = if at == 0 { PRIMARY } else { 0 };
                self.push_name(&variant, number | flag).map_err(&bad)?;
                phrases.push((variant, number));
            }
            for short in &site.short {
                self.push_name(short, number | SHORT).map_err(&bad)?;
            }
        }
        Ok(phrases)
    }
}
