//! Resolution tests over the embedded gazetteer and the curated files.

use proptest::prelude::*;
use sitrep_model::Precision;
use sitrep_text::Normalized;

use super::*;

fn gazetteer() -> &'static Gazetteer {
    Gazetteer::embedded()
}

fn context(countries: &[&str]) -> GeoContext {
    let mut context = GeoContext::default();
    for country in countries {
        context.prefer_country(country, 1.0);
    }
    context
}

/// Asserts that the best candidate for `name` has this name, country, admin1 and precision.
#[track_caller]
fn best(name: &str, countries: &[&str], want: (&str, &str, Option<&str>, Precision)) {
    let found = gazetteer().lookup(name, &context(countries));
    let Some(top) = found.first() else { panic!("`{name}` found nothing") };
    let got = (
        top.place.name.as_str(),
        top.place.country.as_deref().unwrap_or(""),
        top.place.admin1.as_deref(),
        top.place.precision,
    );
    assert_eq!(got, want, "`{name}` with context {countries:?}: {top:?}");
}

/// `(surface form, context countries, (name, country, admin1, precision))`.
type Case = (
    &'static str,
    &'static [&'static str],
    (&'static str, &'static str, Option<&'static str>, Precision),
);

#[test]
fn tricky_names_resolve() {
    use Precision::{Admin1, Country, Town};
    let cases: &[Case] = &[
        ("Bagdad", &[], ("Baghdad", "IQ", Some("Baghdad"), Town)),
        ("Baghdad", &[], ("Baghdad", "IQ", Some("Baghdad"), Town)),
        ("بغداد", &[], ("Baghdad", "IQ", Some("Baghdad"), Town)),
        ("Erbil", &[], ("Erbil", "IQ", Some("Erbil"), Town)),
        ("Irbil", &[], ("Erbil", "IQ", Some("Erbil"), Town)),
        ("Arbil", &[], ("Erbil", "IQ", Some("Erbil"), Town)),
        ("Hawler", &[], ("Erbil", "IQ", Some("Erbil"), Town)),
        ("d'Erbil", &[], ("Erbil", "IQ", Some("Erbil"), Town)),
        ("Mossoul", &[], ("Mosul", "IQ", Some("Nineveh"), Town)),
        ("Mosul", &[], ("Mosul", "IQ", Some("Nineveh"), Town)),
        ("Kirkouk", &[], ("Kirkuk", "IQ", Some("Kirkuk"), Town)),
        ("Kirkuk", &[], ("Kirkuk", "IQ", Some("Kirkuk"), Town)),
        ("Balad", &["IQ"], ("Balad", "IQ", Some("Salah ad Din"), Town)),
        ("Deir ez-Zor", &[], ("Deir ez-Zor", "SY", Some("Deir ez-Zor"), Town)),
        ("Deir Ezzor", &[], ("Deir ez-Zor", "SY", Some("Deir ez-Zor"), Town)),
        ("Hawija", &[], ("Al Ḩawījah", "IQ", Some("Kirkuk"), Town)),
        ("Abou Kamal", &[], ("Ālbū Kamāl", "SY", Some("Deir ez-Zor"), Town)),
        ("Albu Kamal", &[], ("Ālbū Kamāl", "SY", Some("Deir ez-Zor"), Town)),
        ("Abu Kamal", &[], ("Ālbū Kamāl", "SY", Some("Deir ez-Zor"), Town)),
        ("Damas", &[], ("Damascus", "SY", Some("Damascus"), Town)),
        ("Damascus", &["SY"], ("Damascus", "SY", Some("Damascus"), Town)),
        ("Alep", &[], ("Aleppo", "SY", Some("Aleppo"), Town)),
        ("Aleppo", &[], ("Aleppo", "SY", Some("Aleppo"), Town)),
        ("Beyrouth", &[], ("Beirut", "LB", Some("Beirut"), Town)),
        ("Beirut", &[], ("Beirut", "LB", Some("Beirut"), Town)),
        ("Gaza", &[], ("Gaza", "PS", Some("Gaza Strip"), Town)),
        ("Kaboul", &[], ("Kabul", "AF", Some("Kabul"), Town)),
        ("Kabul", &[], ("Kabul", "AF", Some("Kabul"), Town)),
        ("Mogadiscio", &[], ("Mogadishu", "SO", Some("Banaadir"), Town)),
        ("Mogadishu", &[], ("Mogadishu", "SO", Some("Banaadir"), Town)),
        ("Tombouctou", &[], ("Timbuktu", "ML", Some("Timbuktu"), Town)),
        ("Timbuktu", &[], ("Timbuktu", "ML", Some("Timbuktu"), Town)),
        ("Irak", &[], ("Iraq", "IQ", None, Country)),
        ("Syrie", &[], ("Syria", "SY", None, Country)),
        ("Yémen", &[], ("Yemen", "YE", None, Country)),
        ("RDC", &[], ("Democratic Republic of the Congo", "CD", None, Country)),
        ("Anbar", &[], ("Anbar", "IQ", Some("Anbar"), Admin1)),
        ("al-Anbar", &["IQ"], ("Anbar", "IQ", Some("Anbar"), Admin1)),
        ("Ninive", &[], ("Nineveh", "IQ", Some("Nineveh"), Admin1)),
        ("Salahuddin", &[], ("Salah ad Din", "IQ", Some("Salah ad Din"), Admin1)),
        ("bande de Gaza", &[], ("Gaza Strip", "PS", Some("Gaza Strip"), Admin1)),
        ("Cisjordanie", &[], ("West Bank", "PS", Some("West Bank"), Admin1)),
        ("Nord-Kivu", &[], ("Nord-Kivu", "CD", Some("Nord-Kivu"), Admin1)),
        ("Tillabéri", &["NE"], ("Tillabéri", "NE", Some("Tillaberi"), Town)),
        ("région de Tillabéri", &[], ("Tillaberi", "NE", Some("Tillaberi"), Admin1)),
        ("Niger", &["NG"], ("Niger", "NG", Some("Niger"), Admin1)),
        ("Niger", &[], ("Niger", "NE", None, Country)),
    ];
    for &(name, countries, want) in cases {
        best(name, countries, want);
    }
}

#[test]
fn sites_resolve_through_lookup_and_find_sites() {
    best("Ain al-Asad", &[], ("Al Asad Air Base", "IQ", Some("Anbar"), Precision::Site));
    best("Aïn al-Assad", &[], ("Al Asad Air Base", "IQ", Some("Anbar"), Precision::Site));
    best("al-Asad air base", &[], ("Al Asad Air Base", "IQ", Some("Anbar"), Precision::Site));
    let texts = [
        ("Des roquettes ont visé la base aérienne d'al-Asad mercredi.", "base aerienne d al asad"),
        ("Rockets hit Ain al-Asad on Wednesday.", "ain al asad"),
        ("the al-Asad air base in western Iraq", "al asad air base"),
        ("la base d'Aïn al-Assad, dans l'ouest", "base d ain al assad"),
    ];
    for (text, want) in texts {
        let norm = Normalized::new(text);
        let found = gazetteer().find_sites(norm.as_str());
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let site = &found[0];
        assert_eq!(&norm.as_str()[site.start..site.end], want, "{text}");
        assert_eq!(site.candidate.place.name, "Al Asad Air Base");
        assert_eq!(site.candidate.place.admin1.as_deref(), Some("Anbar"));
        assert_eq!(site.candidate.place.precision, Precision::Site);
        assert_eq!(site.candidate.kind, PlaceKind::Site);
    }
    let norm = Normalized::new(
        "Un drone a frappé l'aéroport international d'Erbil, puis la gare de Kramatorsk.",
    );
    let names: Vec<String> =
        gazetteer().find_sites(norm.as_str()).into_iter().map(|m| m.candidate.place.name).collect();
    assert_eq!(names, ["Erbil International Airport", "Kramatorsk railway station"]);
}

#[test]
fn context_and_nearness_break_ambiguity() {
    // Without context the biggest Balad wins whatever it is; with Iraq it is the Iraqi town.
    let iraqi = gazetteer().lookup("Balad", &context(&["IQ"]));
    assert_eq!(iraqi[0].place.country.as_deref(), Some("IQ"));
    // A point near Damascus, Maryland would pull the US town; a Syrian anchor keeps Syria.
    let mut near = GeoContext::default();
    near.near(33.5, 36.3);
    assert_eq!(gazetteer().lookup("Damascus", &near)[0].place.country.as_deref(), Some("SY"));
    // A region named after its capital ranks below the town, but is still offered.
    let kirkuk = gazetteer().lookup("Kirkuk", &GeoContext::default());
    assert_eq!(kirkuk[0].kind, PlaceKind::City);
    assert!(kirkuk.iter().any(|c| c.kind == PlaceKind::Admin1 && c.place.name == "Kirkuk"));
}

#[test]
fn results_are_deterministic_and_sorted() {
    let context = context(&["IQ"]);
    let first = gazetteer().lookup("Saint-Martin", &context);
    let second = gazetteer().lookup("Saint-Martin", &context);
    assert_eq!(first, second);
    assert!(first.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(first.len() <= MAX_CANDIDATES);
}

#[test]
fn unknown_names_find_nothing() {
    for name in ["Zzyzxquorp", "", "   ", "?!.,;", "xx", "Nowhere-upon-Nothing-ville"] {
        assert!(gazetteer().lookup(name, &GeoContext::default()).is_empty(), "{name}");
    }
    assert!(gazetteer().find_sites("nothing to see here").is_empty());
}

#[test]
fn airport_codes_are_not_names() {
    assert!(!gazetteer().is_name("bgw"));
    assert!(gazetteer().is_name("bagdad"));
    assert!(gazetteer().is_name("al hawijah"));
    assert!(gazetteer().is_name("hawijah"));
    assert!(!gazetteer().is_name(""));
}

#[test]
fn countries_by_code() {
    let iraq = gazetteer().country("iq").expect("Iraq is in the data");
    assert_eq!(iraq.place.name, "Iraq");
    assert_eq!(iraq.place.precision, Precision::Country);
    assert_eq!(iraq.place.admin1, None);
    assert!(gazetteer().country("ZZ").is_none());
    assert!(gazetteer().country("").is_none());
    assert!(gazetteer().country("IRQ").is_none());
}

#[test]
fn candidates_serialise_in_snake_case() {
    let top = gazetteer().lookup("Anbar", &GeoContext::default());
    let json = serde_json::to_string(&top[0]).expect("candidates serialise");
    assert!(json.contains("\"kind\":\"admin1\""), "{json}");
    assert!(json.contains("\"precision\":\"admin1\""), "{json}");
}

#[test]
fn curated_sites_are_well_formed() {
    let file: curated::SitesFile =
        curated::parse("sites.toml", curated::SITES).expect("sites.toml parses");
    assert!(file.site.len() >= 150, "only {} sites", file.site.len());
    for site in &file.site {
        assert!(!site.source.trim().is_empty(), "{} has no source", site.name);
        assert!(
            site.cores.is_empty() || file.templates.contains_key(&site.kind),
            "{} has cores but kind `{}` has no templates",
            site.name,
            site.kind
        );
        // Every variant resolves to this site through lookup.
        for variant in site.variants(&file.templates) {
            let found = gazetteer().lookup(&variant, &GeoContext::default());
            assert!(
                found.iter().any(|c| c.place.name == site.name),
                "`{variant}` does not find `{}`",
                site.name
            );
        }
        // The site lies within 800 km of its region's representative point: a check on
        // swapped or mistyped coordinates.
        let region = gazetteer()
            .lookup(&site.admin1, &context(&[site.country.as_str()]))
            .into_iter()
            .find(|c| {
                c.kind == PlaceKind::Admin1 && c.place.country.as_deref() == Some(&site.country)
            })
            .unwrap_or_else(|| panic!("region `{}` of `{}` not found", site.admin1, site.name));
        let d = score::distance_km(
            site.lat,
            site.lon,
            region.place.lat.unwrap_or_default(),
            region.place.lon.unwrap_or_default(),
        );
        assert!(d < 800.0, "`{}` is {d:.0} km from its region `{}`", site.name, site.admin1);
    }
}

#[test]
fn curated_districts_are_well_formed() {
    let file: curated::DistrictsFile =
        curated::parse("districts.toml", curated::DISTRICTS).expect("districts.toml parses");
    for district in &file.district {
        assert!(!district.source.trim().is_empty(), "{} has no source", district.name);
        let context = context(&[district.country.as_str()]);
        // The district's own name and every "district of" form find it first.
        for variant in std::iter::once(district.name.clone())
            .chain(district.names.iter().cloned())
            .chain(district.cores.iter().map(|core| format!("district de {core}")))
        {
            let found = gazetteer().geocode_phrase(&variant, &context);
            assert!(
                found.first().is_some_and(|r| r.anchor.place.name == district.name),
                "`{variant}` does not find `{}` first: {:?}",
                district.name,
                found.first().map(|r| &r.place)
            );
        }
        // Within 100 km of its region's representative point.
        let region = gazetteer()
            .lookup(&district.admin1, &context)
            .into_iter()
            .find(|c| c.kind == PlaceKind::Admin1)
            .unwrap_or_else(|| panic!("region `{}` not found", district.admin1));
        let d = score::distance_km(
            district.lat,
            district.lon,
            region.place.lat.unwrap_or_default(),
            region.place.lon.unwrap_or_default(),
        );
        assert!(d < 150.0, "`{}` is {d:.0} km from its region", district.name);
    }
}

#[test]
fn embedded_data_loads_and_is_big_enough() {
    assert!(gazetteer().len() > 200_000);
    assert!(gazetteer().key_count() > 500_000);
    assert!(matches!(Gazetteer::from_bytes(b"not gzip"), Err(Error::Decompress(_))));
}

#[test]
fn bad_rows_are_reported_with_their_line() {
    use std::io::Write as _;
    let text = format!("{} test\nc\t1\tX\n", load::FORMAT);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).expect("writing to memory");
    let bytes = gz.finish().expect("writing to memory");
    let error = Gazetteer::from_bytes(&bytes).expect_err("a short row is an error");
    assert!(matches!(error, Error::Row { line: 2, .. }), "{error}");
    assert_eq!(
        error.to_string(),
        "gazetteer data file, line 2: expected 9 tab-separated fields, found 3"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn odd_input_never_panics(text in "\\PC{0,80}", long in 0usize..3) {
        let input = text.repeat(1 + long * 200);
        let mut context = GeoContext::default();
        context.prefer_country(&text, 1.0);
        context.near(f64::NAN, 1.0);
        let found = gazetteer().lookup(&input, &context);
        prop_assert!(found.len() <= MAX_CANDIDATES);
        let norm = Normalized::new(&input);
        for site in gazetteer().find_sites(norm.as_str()) {
            prop_assert!(site.start < site.end && site.end <= norm.as_str().len());
        }
        let _ = gazetteer().is_name(&input);
        let _ = gazetteer().country(&text);
    }
}
