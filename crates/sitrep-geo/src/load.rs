//! Decoding the data file and the curated files into a [`Gazetteer`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read as _;

use sitrep_text::{Lexicon, fold_key};

use crate::curated::{self, Admin1File, AliasesFile, CountriesFile, SitesFile};
use crate::keys::strip_article;
use crate::{Entry, Error, Gazetteer, PlaceKind};

/// The format line the data file must start with.
pub(crate) const FORMAT: &str = "# sitrep-gazetteer 1;";

/// Flag on an index reference: the key is the place's own name (not an alternate).
pub(crate) const PRIMARY: u32 = 1 << 31;
/// Flag on an index reference: the key was reached by dropping a leading article.
pub(crate) const STRIPPED: u32 = 1 << 30;
/// Mask of the entry number in an index reference.
pub(crate) const ENTRY: u32 = STRIPPED - 1;

/// Folded key to a `(start, len)` range of the reference list.
pub(crate) type NameIndex = HashMap<Box<str>, (u32, u32)>;

/// A sentinel for "no admin1".
pub(crate) const NO_ADMIN1: u32 = u32::MAX;

pub(crate) fn decode(bytes: &[u8]) -> Result<Gazetteer, Error> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut text).map_err(Error::Decompress)?;
    let first = text.lines().next().unwrap_or("");
    if !first.starts_with(FORMAT) {
        return Err(Error::Format { found: first.chars().take(40).collect(), expected: FORMAT });
    }
    let mut builder = Builder::default();
    for (at, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        builder.row(line).map_err(|message| Error::Row { line: at + 1, message })?;
    }
    // Curated data, owned: its keys are borrowed into the same pair list as the file's.
    let mut owned: Vec<(String, u32)> = Vec::new();
    builder.countries(&mut owned)?;
    builder.admin1(&mut owned)?;
    builder.aliases(&mut owned)?;
    let sites = builder.sites(&mut owned)?;
    let mut pairs = std::mem::take(&mut builder.pairs);
    pairs.extend(owned.iter().map(|(k, r)| (k.as_str(), *r)));
    let (index, refs) = build_index(pairs);
    let site_lexicon = Lexicon::new(sites);
    Ok(Gazetteer {
        entries: builder.entries,
        admin1_names: builder.admin1_names,
        countries: builder.countries,
        index,
        refs,
        site_lexicon,
    })
}

#[derive(Default)]
struct Builder<'t> {
    entries: Vec<Entry>,
    admin1_names: Vec<Box<str>>,
    /// Admin1 id (`CC.code`) to its number in `admin1_names`.
    admin1_ids: BTreeMap<&'t str, u32>,
    /// Admin1 id to its place entry.
    admin1_entries: BTreeMap<&'t str, u32>,
    countries: BTreeMap<[u8; 2], u32>,
    geonameids: HashMap<u32, u32>,
    pairs: Vec<(&'t str, u32)>,
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

impl<'t> Builder<'t> {
    fn next_entry(&self) -> Result<u32, String> {
        u32::try_from(self.entries.len())
            .ok()
            .filter(|&n| n <= ENTRY)
            .ok_or_else(|| "too many places".to_string())
    }

    fn row(&mut self, line: &'t str) -> Result<(), String> {
        let fields: Vec<&'t str> = line.split('\t').collect();
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
            self.admin1_ids.insert(admin1, at);
            self.admin1_entries.insert(admin1, number);
            at
        } else {
            *self.admin1_ids.get(admin1).ok_or_else(|| format!("unknown admin1 id `{admin1}`"))?
        };
        let geonameid = if kind == PlaceKind::City { parse_num(id, "geonameid")? } else { 0 };
        let entry = Entry {
            name: name.into(),
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
            PlaceKind::Admin1 | PlaceKind::Site => {}
        }
        self.entries.push(entry);
        for (at, key) in keys.split('|').enumerate() {
            if key.is_empty() {
                continue;
            }
            let flag = if at == 0 { PRIMARY } else { 0 };
            push_key(&mut self.pairs, key, number | flag);
        }
        Ok(())
    }

    fn countries(&mut self, owned: &mut Vec<(String, u32)>) -> Result<(), Error> {
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
            self.entries[number as usize].name = country.name.as_str().into();
            push_owned(owned, &country.name, number | PRIMARY);
            push_owned(owned, &country.fr, number);
            for variant in &country.variants {
                push_owned(owned, variant, number);
            }
        }
        Ok(())
    }

    fn admin1(&mut self, owned: &mut Vec<(String, u32)>) -> Result<(), Error> {
        const FILE: &str = "admin1.toml";
        let file: Admin1File = curated::parse(FILE, curated::ADMIN1)?;
        let mut renamed = BTreeSet::new();
        for region in file.admin1 {
            let (Some(&name_at), Some(&number)) = (
                self.admin1_ids.get(region.id.as_str()),
                self.admin1_entries.get(region.id.as_str()),
            ) else {
                return Err(Error::CuratedEntry {
                    file: FILE,
                    entry: region.id.clone(),
                    message: "no such admin1 id in the GeoNames data".to_string(),
                });
            };
            renamed.insert(number);
            self.admin1_names[name_at as usize] = region.name.as_str().into();
            self.entries[number as usize].name = region.name.as_str().into();
            push_owned(owned, &region.name, number | PRIMARY);
            for variant in &region.variants {
                push_owned(owned, variant, number);
            }
        }
        // The curated names replace the data file's: its keys for these regions go.
        self.pairs.retain(|&(_, r)| !renamed.contains(&(r & ENTRY)));
        Ok(())
    }

    fn aliases(&mut self, owned: &mut Vec<(String, u32)>) -> Result<(), Error> {
        const FILE: &str = "aliases.toml";
        let file: AliasesFile = curated::parse(FILE, curated::ALIASES)?;
        for alias in file.alias {
            let number = self.geonameids.get(&alias.geonameid).copied();
            let Some(number) = number
                .filter(|&n| fold_key(&self.entries[n as usize].name) == fold_key(&alias.place))
            else {
                return Err(Error::CuratedEntry {
                    file: FILE,
                    entry: alias.place.clone(),
                    message: format!("geonameid {} is not this place", alias.geonameid),
                });
            };
            for name in &alias.names {
                push_owned(owned, name, number);
            }
        }
        Ok(())
    }

    /// Adds the sites as places and returns the phrases for the site automaton.
    fn sites(&mut self, owned: &mut Vec<(String, u32)>) -> Result<Vec<(String, u32)>, Error> {
        const FILE: &str = "sites.toml";
        let file: SitesFile = curated::parse(FILE, curated::SITES)?;
        let mut phrases = Vec::new();
        for site in &file.site {
            let bad = |message: String| Error::CuratedEntry {
                file: FILE,
                entry: site.name.clone(),
                message,
            };
            let country = country_code(&site.country).map_err(&bad)?;
            if !self.countries.contains_key(&country) {
                return Err(bad(format!("unknown country `{}`", site.country)));
            }
            if !(-90.0..=90.0).contains(&site.lat) || !(-180.0..=180.0).contains(&site.lon) {
                return Err(bad(format!("coordinates {}, {} out of range", site.lat, site.lon)));
            }
            let admin1 = self
                .admin1_ids
                .iter()
                .filter(|(id, _)| id.as_bytes().get(..2) == Some(&country[..]))
                .map(|(_, &at)| at)
                .find(|&at| fold_key(&self.admin1_names[at as usize]) == fold_key(&site.admin1))
                .ok_or_else(|| {
                    bad(format!("unknown admin1 `{}` in `{}`", site.admin1, site.country))
                })?;
            let number = self.next_entry().map_err(&bad)?;
            self.entries.push(Entry {
                name: site.name.as_str().into(),
                lat: site.lat,
                lon: site.lon,
                population: 0,
                admin1,
                country,
                kind: PlaceKind::Site,
            });
            for (at, variant) in site.variants(&file.templates).into_iter().enumerate() {
                let flag = if at == 0 { PRIMARY } else { 0 };
                push_owned(owned, &variant, number | flag);
                phrases.push((variant, number));
            }
        }
        Ok(phrases)
    }
}

/// Pushes a key and, when it starts with an article, its article-free form.
fn push_key<'t>(pairs: &mut Vec<(&'t str, u32)>, key: &'t str, reference: u32) {
    pairs.push((key, reference));
    if let Some(rest) = strip_article(key) {
        pairs.push((rest, (reference & !PRIMARY) | STRIPPED));
    }
}

fn push_owned(owned: &mut Vec<(String, u32)>, name: &str, reference: u32) {
    let key = fold_key(name);
    if key.is_empty() {
        return;
    }
    if let Some(rest) = strip_article(&key) {
        owned.push((rest.to_string(), (reference & !PRIMARY) | STRIPPED));
    }
    owned.push((key, reference));
}

/// Groups `(key, reference)` pairs into a hash map of key to a range of `refs`; for each
/// key and entry only the best reference is kept (primary before alternate before stripped).
fn build_index(mut pairs: Vec<(&str, u32)>) -> (NameIndex, Vec<u32>) {
    // Best flags first within a key and entry: PRIMARY set, then STRIPPED clear.
    let rank = |r: u32| (r & ENTRY, r & PRIMARY == 0, r & STRIPPED != 0);
    pairs.sort_unstable_by(|a, b| a.0.cmp(b.0).then_with(|| rank(a.1).cmp(&rank(b.1))));
    let mut index = NameIndex::new();
    let mut refs: Vec<u32> = Vec::with_capacity(pairs.len());
    let mut at = 0;
    while at < pairs.len() {
        let key = pairs[at].0;
        let start = refs.len();
        let mut last_entry = u32::MAX;
        while at < pairs.len() && pairs[at].0 == key {
            let reference = pairs[at].1;
            if reference & ENTRY != last_entry {
                refs.push(reference);
                last_entry = reference & ENTRY;
            }
            at += 1;
        }
        let (Ok(start), Ok(len)) = (u32::try_from(start), u32::try_from(refs.len() - start)) else {
            break;
        };
        index.insert(key.into(), (start, len));
    }
    index.shrink_to_fit();
    refs.shrink_to_fit();
    (index, refs)
}
