//! Comparing places: the 50 km pairing rule and the 25 km accuracy rule.

use sitrep_model::{Place, Precision};

use crate::gold::GoldPlace;

/// Mean Earth radius in kilometres (IUGG).
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Two places this close (or closer) may be paired.
pub(crate) const PAIRING_KM: f64 = 50.0;

/// A system place this close to a `site` or `town` gold place is right.
pub(crate) const ACCURATE_KM: f64 = 25.0;

/// Great-circle distance in kilometres (haversine formula).
pub(crate) fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let dphi = (lat2 - lat1).to_radians();
    let dlambda = (lon2 - lon1).to_radians();
    let a = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().clamp(0.0, 1.0).asin()
}

/// The distance between the gold and system places, when both have coordinates.
pub(crate) fn distance_km(gold: &GoldPlace, system: &Place) -> Option<f64> {
    let (glat, glon) = gold.lat.zip(gold.lon)?;
    let (slat, slon) = system.lat.zip(system.lon)?;
    Some(haversine_km(glat, glon, slat, slon))
}

/// How two places agree, for pairing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Agreement {
    /// Both are points (site or town) this many kilometres apart, within 50 km.
    Near(f64),
    /// Compared at region level (one side is coarser, or lacks coordinates): same admin1.
    SameAdmin1,
    /// Compared at country level: same country.
    SameCountry,
    /// Nothing to compare: a side is missing, or lacks what the comparison needs.
    /// Such a pair is allowed (the place does not constrain it).
    Unknown,
    /// The places disagree: the pair is not allowed.
    Disagree,
}

impl Agreement {
    /// The place part of the pairing score, in `0.0..=1.0`: closer is higher.
    pub(crate) fn affinity(self) -> f64 {
        match self {
            // 1.0 at 0 km, 0.75 at 10 km, about 0.6 at 50 km.
            Agreement::Near(km) => 0.5 + 0.5 / (1.0 + km / 10.0),
            Agreement::SameAdmin1 => 0.4,
            Agreement::SameCountry => 0.25,
            Agreement::Unknown | Agreement::Disagree => 0.0,
        }
    }
}

/// Whether a gold and a system place agree well enough to pair (spec: "within 50 km, or
/// the same admin1 or country when either side is coarser").
///
/// Decisions:
/// - A gold place of `None` is skipped (the caller does not call this), and so is a
///   system place of `None`: a system that found no place may still have found the
///   incident; the location field then scores it wrong.
/// - The comparison level is the coarser precision of the two: both `site`/`town` with
///   coordinates compare by distance; `admin1` compares admin1 names; `country` compares
///   country codes.
/// - A level that lacks its data on either side falls back to the next coarser one
///   (point → admin1 → country); when even the country is missing on one side, nothing
///   can be compared and the pair is allowed.
/// - At admin1 level, two known countries that differ disagree whatever the names say.
pub(crate) fn pairing_agreement(gold: &GoldPlace, system: &Place) -> Agreement {
    let coarser = gold.precision.max(system.precision);
    if coarser <= Precision::Town
        && let Some(km) = distance_km(gold, system)
    {
        return if km <= PAIRING_KM { Agreement::Near(km) } else { Agreement::Disagree };
    }
    if coarser <= Precision::Admin1
        && let (Some(g), Some(s)) = (&gold.admin1, &system.admin1)
    {
        if countries_differ(gold.country.as_deref(), system.country.as_deref()) {
            return Agreement::Disagree;
        }
        return if same_region(g, s) { Agreement::SameAdmin1 } else { Agreement::Disagree };
    }
    match (&gold.country, &system.country) {
        (Some(g), Some(s)) if g.trim().eq_ignore_ascii_case(s.trim()) => Agreement::SameCountry,
        (Some(_), Some(_)) => Agreement::Disagree,
        _ => Agreement::Unknown,
    }
}

/// Whether the system place is right for the gold place (spec: "within 25 km for
/// `site`/`town` precision, same admin1 for `admin1`, same country for `country`").
///
/// Decisions: a system place without coordinates cannot be right for a `site`/`town`
/// gold place (it is coarser than the text allows). A gold `site`/`town` without
/// coordinates (the format allows it) is judged at admin1 level, or country level
/// when it has no admin1. A gold `admin1` without admin1 name is judged at country level.
pub(crate) fn location_correct(gold: &GoldPlace, system: &Place) -> bool {
    let by_country = || match (&gold.country, &system.country) {
        (Some(g), Some(s)) => g.trim().eq_ignore_ascii_case(s.trim()),
        (None, _) => same_region(&gold.name, &system.name),
        (Some(_), None) => false,
    };
    let by_admin1 = || match (&gold.admin1, &system.admin1) {
        (Some(g), Some(s)) => {
            same_region(g, s)
                && !countries_differ(gold.country.as_deref(), system.country.as_deref())
        }
        (Some(_), None) => false,
        (None, _) => by_country(),
    };
    match gold.precision {
        Precision::Site | Precision::Town => {
            if gold.lat.is_some() && gold.lon.is_some() {
                distance_km(gold, system).is_some_and(|km| km <= ACCURATE_KM)
            } else {
                by_admin1()
            }
        }
        Precision::Admin1 => by_admin1(),
        Precision::Country => by_country(),
    }
}

fn countries_differ(a: Option<&str>, b: Option<&str>) -> bool {
    a.zip(b).is_some_and(|(a, b)| !a.trim().eq_ignore_ascii_case(b.trim()))
}

/// Whether two region names name the same region.
///
/// Admin1 names come from different hands (the annotator, the gazetteer) that spell one
/// region with or without an article or a generic word ("Al Anbar", "Anbar Governorate",
/// "Anbar"). Both names are folded (case, common Latin accents, punctuation), then
/// words of one or two letters and generic administrative words are dropped before
/// comparing. A name that would fold to nothing is compared whole.
pub(crate) fn same_region(a: &str, b: &str) -> bool {
    let (a, b) = (fold_region(a), fold_region(b));
    !a.is_empty() && a == b
}

const GENERIC_WORDS: [&str; 10] = [
    "governorate",
    "province",
    "state",
    "region",
    "oblast",
    "district",
    "county",
    "department",
    "prefecture",
    "territory",
];

fn fold_region(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            folded.push(c);
        } else if let Some(base) = latin_base(c) {
            folded.push(base);
        } else {
            folded.push(' ');
        }
    }
    let words: Vec<&str> = folded.split_whitespace().collect();
    let kept: Vec<&str> =
        words.iter().copied().filter(|w| w.len() > 2 && !GENERIC_WORDS.contains(w)).collect();
    if kept.is_empty() { words.join(" ") } else { kept.join(" ") }
}

/// The base letter of a common accented Latin letter (lower case).
fn latin_base(c: char) -> Option<char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        _ => return None,
    };
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(precision: Precision, admin1: Option<&str>, at: Option<(f64, f64)>) -> GoldPlace {
        GoldPlace {
            name: "g".into(),
            country: Some("IQ".into()),
            admin1: admin1.map(String::from),
            lat: at.map(|p| p.0),
            lon: at.map(|p| p.1),
            precision,
        }
    }

    fn system(precision: Precision, admin1: Option<&str>, at: Option<(f64, f64)>) -> Place {
        Place {
            name: "s".into(),
            lat: at.map(|p| p.0),
            lon: at.map(|p| p.1),
            country: Some("IQ".into()),
            admin1: admin1.map(String::from),
            precision,
        }
    }

    #[test]
    fn haversine_matches_known_distances() {
        // Baghdad to Erbil is about 320 km.
        let km = haversine_km(33.3152, 44.3661, 36.19, 44.01);
        assert!((km - 321.0).abs() < 3.0, "{km}");
        // One degree of latitude is about 111.2 km.
        assert!((haversine_km(10.0, 20.0, 11.0, 20.0) - 111.2).abs() < 0.2);
        assert!(haversine_km(1.0, 2.0, 1.0, 2.0).abs() < 1e-9);
    }

    #[test]
    fn region_names_fold() {
        assert!(same_region("Al Anbar", "Anbar"));
        assert!(same_region("Anbar Governorate", "anbar"));
        assert!(same_region("Salah ad Din", "Salah-ad-Din"));
        assert!(same_region("Île-de-France", "ile de france"));
        assert!(!same_region("Erbil", "Baghdad"));
        assert!(!same_region("", ""));
    }

    #[test]
    fn pairing_follows_the_coarser_side() {
        let erbil = (36.19, 44.01);
        let near = (36.19, 44.5); // about 44 km east
        let far = (36.19, 44.7); // about 62 km east
        let g = gold(Precision::Town, Some("Erbil"), Some(erbil));
        assert!(matches!(
            pairing_agreement(&g, &system(Precision::Town, Some("Erbil"), Some(near))),
            Agreement::Near(_)
        ));
        assert_eq!(
            pairing_agreement(&g, &system(Precision::Town, Some("Erbil"), Some(far))),
            Agreement::Disagree
        );
        assert_eq!(
            pairing_agreement(&g, &system(Precision::Admin1, Some("Arbil"), None)),
            Agreement::Disagree
        );
        assert_eq!(
            pairing_agreement(&g, &system(Precision::Admin1, Some("Erbil"), None)),
            Agreement::SameAdmin1
        );
        assert_eq!(
            pairing_agreement(&g, &system(Precision::Country, None, None)),
            Agreement::SameCountry
        );
        let mut elsewhere = system(Precision::Country, None, None);
        elsewhere.country = Some("SY".into());
        assert_eq!(pairing_agreement(&g, &elsewhere), Agreement::Disagree);
        elsewhere.country = None;
        assert_eq!(pairing_agreement(&g, &elsewhere), Agreement::Unknown);
    }

    #[test]
    fn accuracy_is_stricter_than_pairing() {
        let g = gold(Precision::Town, Some("Erbil"), Some((36.19, 44.01)));
        assert!(location_correct(&g, &system(Precision::Town, None, Some((36.19, 44.2)))));
        assert!(!location_correct(&g, &system(Precision::Town, None, Some((36.19, 44.5)))));
        assert!(!location_correct(&g, &system(Precision::Admin1, Some("Erbil"), None)));
        let region = gold(Precision::Admin1, Some("Anbar"), None);
        assert!(location_correct(&region, &system(Precision::Town, Some("Al Anbar"), None)));
        assert!(!location_correct(&region, &system(Precision::Town, None, Some((33.0, 43.0)))));
        let country = gold(Precision::Country, None, None);
        assert!(location_correct(&country, &system(Precision::Site, Some("Erbil"), None)));
    }
}
