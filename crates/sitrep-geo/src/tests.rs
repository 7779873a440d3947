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
        ("Hawija", &[], ("Hawija", "IQ", Some("Kirkuk"), Town)),
        ("Abou Kamal", &[], ("Abu Kamal", "SY", Some("Deir ez-Zor"), Town)),
        ("Albu Kamal", &[], ("Abu Kamal", "SY", Some("Deir ez-Zor"), Town)),
        ("Abu Kamal", &[], ("Abu Kamal", "SY", Some("Deir ez-Zor"), Town)),
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

/// `(surface form, context countries, (country, admin1, precision))`.
type Spelling =
    (&'static str, &'static [&'static str], (&'static str, Option<&'static str>, Precision));

/// French exonyms, English and transliterated press spellings and Arabic script of the
/// places conflict reports name most, through [`Gazetteer::geocode_phrase`] as the CLI
/// reads them.
#[test]
fn press_spellings_resolve() {
    use Precision::{Country, Town};
    let cases: &[Spelling] = &[
        ("Alep", &[], ("SY", Some("Aleppo"), Town)),
        ("Damas", &[], ("SY", Some("Damascus"), Town)),
        ("Homs", &[], ("SY", Some("Homs"), Town)),
        ("Idleb", &[], ("SY", Some("Idlib"), Town)),
        ("En-Nahoud", &[], ("SD", Some("Shamal Kurdufan"), Town)),
        ("Rakka", &[], ("SY", Some("Raqqa"), Town)),
        ("Raqqa", &[], ("SY", Some("Raqqa"), Town)),
        ("Hassaké", &[], ("SY", Some("Hasakah"), Town)),
        ("Deraa", &[], ("SY", Some("Daraa"), Town)),
        ("Daraa", &[], ("SY", Some("Daraa"), Town)),
        ("Koweït", &[], ("KW", None, Country)),
        ("Beyrouth", &[], ("LB", Some("Beirut"), Town)),
        ("Tyr", &[], ("LB", Some("South Governorate"), Town)),
        ("Saïda", &["LB"], ("LB", Some("South Governorate"), Town)),
        ("Nabatiyé", &[], ("LB", Some("Nabatieh"), Town)),
        ("Gaza", &[], ("PS", Some("Gaza Strip"), Town)),
        ("Khan Younès", &[], ("PS", Some("Gaza Strip"), Town)),
        ("Rafah", &[], ("PS", Some("Gaza Strip"), Town)),
        ("Jénine", &[], ("PS", Some("West Bank"), Town)),
        ("Naplouse", &[], ("PS", Some("West Bank"), Town)),
        ("Hébron", &[], ("PS", Some("West Bank"), Town)),
        ("Sanaa", &[], ("YE", Some("Amanat al-Asimah"), Town)),
        ("Aden", &[], ("YE", Some("Aden"), Town)),
        ("Hodeïda", &[], ("YE", Some("Hodeidah"), Town)),
        ("Marib", &[], ("YE", Some("Marib"), Town)),
        ("Maarib", &[], ("YE", Some("Marib"), Town)),
        ("Taëz", &[], ("YE", Some("Taiz"), Town)),
        ("Kaboul", &[], ("AF", Some("Kabul"), Town)),
        ("Kandahar", &[], ("AF", Some("Kandahar"), Town)),
        ("Jalalabad", &[], ("AF", Some("Nangarhar"), Town)),
        ("Mogadiscio", &[], ("SO", Some("Banaadir"), Town)),
        ("Kismayo", &[], ("SO", Some("Lower Juba"), Town)),
        ("Baidoa", &[], ("SO", Some("Bay"), Town)),
        ("Tombouctou", &[], ("ML", Some("Timbuktu"), Town)),
        ("Gao", &[], ("ML", Some("Gao"), Town)),
        ("Ménaka", &[], ("ML", Some("Ménaka"), Town)),
        ("Ouagadougou", &[], ("BF", Some("Centre"), Town)),
        ("Djibo", &[], ("BF", Some("Sahel"), Town)),
        ("Niamey", &[], ("NE", Some("Niamey"), Town)),
        ("Tillabéri", &["NE"], ("NE", Some("Tillaberi"), Town)),
        ("Maiduguri", &[], ("NG", Some("Borno"), Town)),
        ("Goma", &[], ("CD", Some("Nord-Kivu"), Town)),
        ("Bunia", &[], ("CD", Some("Ituri"), Town)),
        ("Beni", &[], ("CD", Some("Nord-Kivu"), Town)),
        ("Kharkiv", &[], ("UA", Some("Kharkiv"), Town)),
        ("Kharkov", &[], ("UA", Some("Kharkiv"), Town)),
        ("Kiev", &[], ("UA", Some("Kyiv City"), Town)),
        ("Kyiv", &[], ("UA", Some("Kyiv City"), Town)),
        ("Donetsk", &[], ("UA", Some("Donetsk"), Town)),
        ("Marioupol", &[], ("UA", Some("Donetsk"), Town)),
        ("Zaporijia", &[], ("UA", Some("Zaporizhzhia"), Town)),
        ("Kramatorsk", &[], ("UA", Some("Donetsk"), Town)),
        ("Odessa", &[], ("UA", Some("Odesa"), Town)),
        ("Belgorod", &[], ("RU", Some("Belgorod"), Town)),
        ("Koursk", &[], ("RU", Some("Kursk"), Town)),
        ("Téhéran", &[], ("IR", Some("Tehran"), Town)),
        ("Ispahan", &[], ("IR", Some("Isfahan"), Town)),
        ("Riyad", &[], ("SA", Some("Riyadh"), Town)),
        ("Abou Dhabi", &[], ("AE", Some("Abu Dhabi"), Town)),
        ("Bagdad", &[], ("IQ", Some("Baghdad"), Town)),
        ("Baghdad", &[], ("IQ", Some("Baghdad"), Town)),
        ("بغداد", &[], ("IQ", Some("Baghdad"), Town)),
        ("Erbil", &[], ("IQ", Some("Erbil"), Town)),
        ("Irbil", &[], ("IQ", Some("Erbil"), Town)),
        ("Arbil", &[], ("IQ", Some("Erbil"), Town)),
        ("Hawler", &[], ("IQ", Some("Erbil"), Town)),
        ("Mossoul", &[], ("IQ", Some("Nineveh"), Town)),
        ("Kirkouk", &[], ("IQ", Some("Kirkuk"), Town)),
        ("Deir ez-Zor", &[], ("SY", Some("Deir ez-Zor"), Town)),
        ("Deir Ezzor", &[], ("SY", Some("Deir ez-Zor"), Town)),
        ("Abou Kamal", &[], ("SY", Some("Deir ez-Zor"), Town)),
        ("Albu Kamal", &[], ("SY", Some("Deir ez-Zor"), Town)),
        ("الموصل", &[], ("IQ", Some("Nineveh"), Town)),
        ("دمشق", &[], ("SY", Some("Damascus"), Town)),
        ("حلب", &[], ("SY", Some("Aleppo"), Town)),
        ("بيروت", &[], ("LB", Some("Beirut"), Town)),
        ("صنعاء", &[], ("YE", Some("Amanat al-Asimah"), Town)),
        ("كركوك", &[], ("IQ", Some("Kirkuk"), Town)),
        ("أربيل", &[], ("IQ", Some("Erbil"), Town)),
        ("Falloujah", &[], ("IQ", Some("Anbar"), Town)),
        ("Ramadi", &[], ("IQ", Some("Anbar"), Town)),
        ("Tikrit", &[], ("IQ", Some("Salah ad Din"), Town)),
        ("Samarra", &[], ("IQ", Some("Salah ad Din"), Town)),
        ("Bassora", &[], ("IQ", Some("Basra"), Town)),
        ("Najaf", &[], ("IQ", Some("Najaf"), Town)),
        ("Kerbala", &[], ("IQ", Some("Karbala"), Town)),
        ("Sinjar", &[], ("IQ", Some("Nineveh"), Town)),
        ("Hawija", &[], ("IQ", Some("Kirkuk"), Town)),
        ("Qaim", &[], ("IQ", Some("Anbar"), Town)),
        ("al-Qaïm", &[], ("IQ", Some("Anbar"), Town)),
        ("Jisr al-Choughour", &[], ("SY", Some("Idlib"), Town)),
        ("Maaret al-Noomane", &[], ("SY", Some("Idlib"), Town)),
        ("Kobané", &[], ("SY", Some("Aleppo"), Town)),
        ("Palmyre", &[], ("SY", Some("Homs"), Town)),
        ("Lattaquié", &[], ("SY", Some("Latakia"), Town)),
        ("Tartous", &[], ("SY", Some("Tartus"), Town)),
        ("Manbij", &[], ("SY", Some("Aleppo"), Town)),
        ("Afrin", &[], ("SY", Some("Aleppo"), Town)),
        ("Azaz", &[], ("SY", Some("Aleppo"), Town)),
        ("Soueida", &[], ("SY", Some("Suwayda"), Town)),
        ("Quneitra", &[], ("SY", Some("Quneitra"), Town)),
        ("Douma", &[], ("SY", Some("Rif Dimashq"), Town)),
        ("Mazar-e Charif", &[], ("AF", Some("Balkh"), Town)),
        ("Hérat", &[], ("AF", Some("Herat"), Town)),
        ("Peshawar", &[], ("PK", Some("Khyber Pakhtunkhwa"), Town)),
        ("Quetta", &[], ("PK", Some("Balochistan"), Town)),
        ("Moukalla", &[], ("YE", Some("Hadramawt"), Town)),
        ("El-Facher", &[], ("SD", Some("North Darfur"), Town)),
        ("Khartoum", &[], ("SD", Some("Khartoum"), Town)),
        ("Doubaï", &[], ("AE", None, Town)),
        ("Le Caire", &[], ("EG", Some("Muhafazat al Qahirah"), Town)),
        ("Jérusalem", &[], ("IL", Some("Jerusalem"), Town)),
        ("Tel-Aviv", &[], ("IL", Some("Tel Aviv"), Town)),
        ("Sdérot", &[], ("IL", Some("Southern District"), Town)),
        ("Haïfa", &[], ("IL", Some("Haifa"), Town)),
        ("Tchassiv Iar", &[], ("UA", Some("Donetsk"), Town)),
        ("Vougledar", &[], ("UA", Some("Donetsk"), Town)),
        ("Bakhmout", &[], ("UA", Some("Donetsk"), Town)),
        ("Koupiansk", &[], ("UA", Some("Kharkiv"), Town)),
        ("Soudja", &[], ("RU", Some("Kursk"), Town)),
        ("le Donbass", &[], ("UA", None, Country)),
        ("El-Geneina", &[], ("SD", Some("West Darfur"), Town)),
        ("le Darfour", &[], ("SD", None, Country)),
        ("Deir al-Balah", &[], ("PS", Some("Gaza Strip"), Town)),
        ("Jabaliya", &[], ("PS", Some("Gaza Strip"), Town)),
        ("Khiam", &["LB"], ("LB", Some("Nabatieh"), Town)),
        ("Sayyida Zeinab", &[], ("SY", Some("Rif Dimashq"), Town)),
        ("Kitchanga", &[], ("CD", Some("Nord-Kivu"), Town)),
        ("Iraqi Kurdistan", &[], ("IQ", None, Country)),
        ("الأنبار", &[], ("IQ", Some("Anbar"), Precision::Admin1)),
    ];
    let mut wrong = Vec::new();
    for &(name, countries, want) in cases {
        let found = gazetteer().geocode_phrase(name, &context(countries));
        let got = found.first().map(|r| {
            (r.place.country.as_deref().unwrap_or(""), r.place.admin1.as_deref(), r.place.precision)
        });
        if got != Some(want) {
            wrong.push(format!("`{name}`: {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
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
    // An Iranian village listed with "Baghdad" among its alternate names does not take the
    // name from the capital of Iraq in an article about Iran; a town's own name still wins
    // in its country ("Tripoli" in Lebanon).
    best("Baghdad", &["IR"], ("Baghdad", "IQ", Some("Baghdad"), Precision::Town));
    let tripoli = gazetteer().lookup("Tripoli", &context(&["LB"]));
    assert_eq!(tripoli[0].place.country.as_deref(), Some("LB"));
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
    // French transliterations, tried when nothing else matches; never short words.
    assert!(gazetteer().is_name("daqouq"));
    assert!(gazetteer().is_name("en nahoud"));
    assert!(!gazetteer().is_name("pour"));
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
    assert!(file.site.len() >= 220, "only {} sites", file.site.len());
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
        // Within 300 km of its region's representative point (a check on typos).
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
        assert!(d < 300.0, "`{}` is {d:.0} km from its region", district.name);
    }
}

#[test]
fn curated_towns_are_well_formed() {
    let file: curated::TownsFile =
        curated::parse("towns.toml", curated::TOWNS).expect("towns.toml parses");
    for town in &file.town {
        assert!(!town.source.trim().is_empty(), "{} has no source", town.name);
        let context = context(&[town.country.as_str()]);
        for variant in std::iter::once(&town.name).chain(&town.names) {
            let found = gazetteer().lookup(variant, &context);
            assert!(
                found.first().is_some_and(|c| c.place.name == town.name),
                "`{variant}` does not find `{}` first: {:?}",
                town.name,
                found.first().map(|c| &c.place)
            );
        }
        let region = gazetteer()
            .lookup(&town.admin1, &context)
            .into_iter()
            .find(|c| c.kind == PlaceKind::Admin1)
            .unwrap_or_else(|| panic!("region `{}` not found", town.admin1));
        let d = score::distance_km(
            town.lat,
            town.lon,
            region.place.lat.unwrap_or_default(),
            region.place.lon.unwrap_or_default(),
        );
        assert!(d < 500.0, "`{}` is {d:.0} km from its region", town.name);
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
        let mut focused = context.clone();
        focused.focus_on(&gazetteer().lookup("Mossoul", &GeoContext::default())[0]);
        for phrase in [input.as_str(), &format!("au nord de {text}"), &format!("{text}, près de la ville")] {
            let readings = gazetteer().geocode_phrase(phrase, &focused);
            prop_assert!(readings.windows(2).all(|w| w[0].score >= w[1].score));
            prop_assert!(readings.len() <= MAX_CANDIDATES + 1);
        }
    }
}

/// `(phrase, context countries, (place name, country, admin1, precision, relation))`.
type PhraseCase = (
    &'static str,
    &'static [&'static str],
    (&'static str, &'static str, Option<&'static str>, Precision, Option<&'static str>),
);

#[track_caller]
fn phrase_cases(cases: &[PhraseCase]) {
    let mut wrong = Vec::new();
    for &(phrase, countries, want) in cases {
        let found = gazetteer().geocode_phrase(phrase, &context(countries));
        let got = found.first().map(|r| {
            (
                r.place.name.as_str(),
                r.place.country.as_deref().unwrap_or(""),
                r.place.admin1.as_deref(),
                r.place.precision,
                r.relation.map(|rel| rel.to_string()),
            )
        });
        let want_owned = (want.0, want.1, want.2, want.3, want.4.map(str::to_string));
        if got.as_ref() != Some(&want_owned) {
            wrong.push(format!("`{phrase}`: {got:?}\n    want {want_owned:?}"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[test]
fn short_site_names_resolve_in_context_only_through_lookup() {
    use Precision::Site;
    best("al-Asad", &["IQ"], ("Al Asad Air Base", "IQ", Some("Anbar"), Site));
    best("al-Asad", &[], ("Al Asad Air Base", "IQ", Some("Anbar"), Site));
    best("K1", &["IQ"], ("K1 Air Base", "IQ", Some("Kirkuk"), Site));
    best("K-1", &[], ("K1 Air Base", "IQ", Some("Kirkuk"), Site));
    // Short names are weak: they are no names for scanning text, and rank low.
    assert!(!gazetteer().is_name("al asad"));
    assert!(!gazetteer().is_name("k1"));
    assert!(gazetteer().is_name("ain al asad"));
    let short = &gazetteer().lookup("al-Asad", &GeoContext::default())[0];
    let full = &gazetteer().lookup("Ain al-Asad", &GeoContext::default())[0];
    assert!(short.score < full.score);
    // A short name is not found in running text as a site.
    assert!(gazetteer().find_sites("bachar al asad a dit").is_empty());
}

#[test]
fn relative_phrases_keep_the_anchor_with_coarser_precision() {
    use Precision::{Admin1, Country, Site, Town};
    phrase_cases(&[
        (
            "au nord de Bagdad",
            &[],
            ("north of Baghdad", "IQ", Some("Baghdad"), Admin1, Some("north of")),
        ),
        (
            "north of Baghdad",
            &[],
            ("north of Baghdad", "IQ", Some("Baghdad"), Admin1, Some("north of")),
        ),
        ("شمال بغداد", &[], ("north of Baghdad", "IQ", Some("Baghdad"), Admin1, Some("north of"))),
        ("près de Kirkouk", &[], ("near Kirkuk", "IQ", Some("Kirkuk"), Admin1, Some("near"))),
        ("near Mosul", &[], ("near Mosul", "IQ", Some("Nineveh"), Admin1, Some("near"))),
        (
            "à l'extérieur d'Erbil",
            &[],
            ("outside Erbil", "IQ", Some("Erbil"), Admin1, Some("outside")),
        ),
        (
            "outside Kabul airport",
            &[],
            (
                "outside Hamid Karzai International Airport",
                "AF",
                Some("Kabul"),
                Town,
                Some("outside"),
            ),
        ),
        (
            "à 20 km au sud de Kirkouk",
            &[],
            ("20 km south of Kirkuk", "IQ", Some("Kirkuk"), Admin1, Some("20 km south of")),
        ),
        (
            "85km south of Gao",
            &[],
            ("85 km south of Gao", "ML", Some("Gao"), Admin1, Some("85 km south of")),
        ),
        (
            "à une dizaine de kilomètres de Gao",
            &[],
            ("10 km from Gao", "ML", Some("Gao"), Admin1, Some("10 km from")),
        ),
        (
            "a few miles from Balad",
            &["IQ"],
            ("8 km from Balad", "IQ", Some("Salah ad Din"), Admin1, Some("8 km from")),
        ),
        (
            "dans l'ouest d'Alep",
            &[],
            ("western Aleppo", "SY", Some("Aleppo"), Town, Some("western")),
        ),
        ("eastern Aleppo", &[], ("eastern Aleppo", "SY", Some("Aleppo"), Town, Some("eastern"))),
        ("in northern Iraq", &[], ("northern Iraq", "IQ", None, Country, Some("northern"))),
        (
            "le nord-est de la Syrie",
            &[],
            ("north-eastern Syria", "SY", None, Country, Some("north-eastern")),
        ),
        (
            "in central Baghdad",
            &[],
            ("central Baghdad", "IQ", Some("Baghdad"), Town, Some("central")),
        ),
        (
            "près de la base aérienne d'Aïn al-Assad",
            &[],
            ("near Al Asad Air Base", "IQ", Some("Anbar"), Town, Some("near")),
        ),
        (
            "a drone strike near Erbil",
            &[],
            ("near Erbil", "IQ", Some("Erbil"), Admin1, Some("near")),
        ),
        (
            "southern Israel",
            &[],
            ("Southern District", "IL", Some("Southern District"), Admin1, None),
        ),
        (
            "dans le sud d'Israël",
            &[],
            ("Southern District", "IL", Some("Southern District"), Admin1, None),
        ),
        ("au Sud-Liban", &[], ("South Governorate", "LB", Some("South Governorate"), Admin1, None)),
        (
            "Baley Beri, near Tongo Tongo, Tillaberi region",
            &["NE"],
            ("near Tongo Tongo", "NE", Some("Tillaberi"), Admin1, Some("near")),
        ),
        (
            "Erbil International Airport",
            &[],
            ("Erbil International Airport", "IQ", Some("Erbil"), Site, None),
        ),
    ]);
    // Unknown anchors find nothing rather than a piece of a name ("Tongo" alone).
    assert!(
        gazetteer().geocode_phrase("85 km south of Tongo Bangou", &context(&["NE"])).is_empty()
    );
    // "West of the city" needs to know the city.
    assert!(gazetteer().geocode_phrase("west of the city", &GeoContext::default()).is_empty());
    let mut mosul = context(&["IQ"]);
    mosul.focus_on(&gazetteer().lookup("Mossoul", &mosul)[0]);
    phrase_cases_in(&mosul, "west of the city", ("west of Mosul", Admin1));
    phrase_cases_in(&mosul, "dans la ville", ("Mosul", Town));
    phrase_cases_in(&mosul, "la capitale", ("Baghdad", Town));
    phrase_cases_in(&mosul, "l'aéroport", ("Mosul International Airport", Site));
    assert!(gazetteer().geocode_phrase("the airport", &context(&["IQ"])).is_empty());
}

#[track_caller]
fn phrase_cases_in(context: &GeoContext, phrase: &str, want: (&str, Precision)) {
    let found = gazetteer().geocode_phrase(phrase, context);
    let got = found.first().map(|r| (r.place.name.as_str(), r.place.precision));
    assert_eq!(got, Some(want), "`{phrase}`");
}

#[test]
fn feature_words_pick_the_kind_of_place() {
    use Precision::{Admin1, Site, Town};
    phrase_cases(&[
        ("la province d'Anbar", &[], ("Anbar", "IQ", Some("Anbar"), Admin1, None)),
        ("Anbar province", &[], ("Anbar", "IQ", Some("Anbar"), Admin1, None)),
        ("la province de Kirkouk", &[], ("Kirkuk", "IQ", Some("Kirkuk"), Admin1, None)),
        ("Kirkuk city", &[], ("Kirkuk", "IQ", Some("Kirkuk"), Town, None)),
        ("l'État du Niger", &["NG"], ("Niger", "NG", Some("Niger"), Admin1, None)),
        ("Niger State", &[], ("Niger", "NG", Some("Niger"), Admin1, None)),
        ("le gouvernorat de Ninive", &[], ("Nineveh", "IQ", Some("Nineveh"), Admin1, None)),
        ("la région de Tillabéri", &[], ("Tillaberi", "NE", Some("Tillaberi"), Admin1, None)),
        ("région de Hawija", &[], ("near Hawija", "IQ", Some("Kirkuk"), Admin1, Some("near"))),
        (
            "le district de Marjayoun",
            &[],
            ("Marjayoun District", "LB", Some("Nabatieh"), Admin1, None),
        ),
        ("Bint Jbeil district", &[], ("Bint Jbeil District", "LB", Some("Nabatieh"), Admin1, None)),
        ("le caza de Tyr", &[], ("Tyre District", "LB", Some("South Governorate"), Admin1, None)),
        ("Tyre", &["LB"], ("Tyre", "LB", Some("South Governorate"), Town, None)),
        ("la ville de Balad", &["IQ"], ("Balad", "IQ", Some("Salah ad Din"), Town, None)),
        (
            "la base aérienne de Balad",
            &[],
            ("Balad Air Base", "IQ", Some("Salah ad Din"), Site, None),
        ),
        ("Balad air base", &[], ("Balad Air Base", "IQ", Some("Salah ad Din"), Site, None)),
        ("la base aérienne d'al-Asad", &[], ("Al Asad Air Base", "IQ", Some("Anbar"), Site, None)),
        ("Ain al-Asad airbase", &[], ("Al Asad Air Base", "IQ", Some("Anbar"), Site, None)),
        (
            "base aérienne d'Aïn al-Assad",
            &[],
            ("Al Asad Air Base", "IQ", Some("Anbar"), Site, None),
        ),
        (
            "l'aéroport de Mossoul",
            &[],
            ("Mosul International Airport", "IQ", Some("Nineveh"), Site, None),
        ),
        (
            "l'aéroport d'Erbil",
            &[],
            ("Erbil International Airport", "IQ", Some("Erbil"), Site, None),
        ),
        (
            "Baghdad airport",
            &[],
            ("Baghdad International Airport", "IQ", Some("Baghdad"), Site, None),
        ),
        (
            "the airport in Kabul",
            &[],
            ("Hamid Karzai International Airport", "AF", Some("Kabul"), Site, None),
        ),
        (
            "la zone verte de Bagdad",
            &[],
            ("Green Zone, Baghdad", "IQ", Some("Baghdad"), Site, None),
        ),
        ("Camp Taji", &[], ("Camp Taji", "IQ", Some("Baghdad"), Site, None)),
        ("Victory base", &[], ("Victory Base Complex", "IQ", Some("Baghdad"), Site, None)),
        ("al-Tanf", &[], ("Al-Tanf garrison", "SY", Some("Homs"), Site, None)),
        (
            "le poste-frontière d'Abou Kamal",
            &[],
            ("Albu Kamal border crossing", "SY", Some("Deir ez-Zor"), Site, None),
        ),
        (
            "la gare de Kramatorsk",
            &[],
            ("Kramatorsk railway station", "UA", Some("Donetsk"), Site, None),
        ),
        ("dans la province du Soum", &[], ("Soum Province", "BF", Some("Sahel"), Admin1, None)),
        (
            "North Waziristan",
            &[],
            ("North Waziristan District", "PK", Some("Khyber Pakhtunkhwa"), Admin1, None),
        ),
        ("le territoire de Djugu", &[], ("Djugu Territory", "CD", Some("Ituri"), Admin1, None)),
        ("la Ghouta orientale", &[], ("Eastern Ghouta", "SY", Some("Rif Dimashq"), Admin1, None)),
        ("in Iraq's Kurdistan region", &[], ("Iraq", "IQ", None, Precision::Country, None)),
        ("Nyiragongo", &["CD"], ("Nyiragongo Territory", "CD", Some("Nord-Kivu"), Admin1, None)),
        ("Beni", &["CD"], ("Beni", "CD", Some("Nord-Kivu"), Town, None)),
        // Distinctive site names alone.
        ("Hmeimim", &[], ("Hmeimim Air Base", "SY", Some("Latakia"), Site, None)),
        ("Shayrat", &[], ("Shayrat Air Base", "SY", Some("Homs"), Site, None)),
        ("T4", &["SY"], ("Tiyas (T4) Air Base", "SY", Some("Homs"), Site, None)),
        ("Bagram", &[], ("Bagram Air Base", "AF", Some("Parwan"), Site, None)),
        ("Baledogle", &[], ("Baledogle Airfield", "SO", Some("Lower Shabelle"), Site, None)),
        (
            "Kerem Shalom",
            &[],
            ("Kerem Shalom crossing", "IL", Some("Southern District"), Site, None),
        ),
        ("Bab al-Hawa", &[], ("Bab al-Hawa border crossing", "SY", Some("Idlib"), Site, None)),
        ("Union III", &[], ("Union III base, Baghdad", "IQ", Some("Baghdad"), Site, None)),
        ("Camp Lemonnier", &[], ("Camp Lemonnier, Djibouti", "DJ", Some("Djibouti"), Site, None)),
        ("Morozovsk air base", &[], ("Morozovsk Air Base", "RU", Some("Rostov"), Site, None)),
        (
            "la base aérienne d'Engels",
            &[],
            ("Engels-2 Air Base", "RU", Some("Saratov"), Site, None),
        ),
        (
            "Kharkiv airport",
            &[],
            ("Kharkiv International Airport", "UA", Some("Kharkiv"), Site, None),
        ),
        (
            "l'aéroport de Niamey",
            &[],
            (
                "Diori Hamani International Airport and Air Base 101",
                "NE",
                Some("Niamey"),
                Site,
                None,
            ),
        ),
        (
            "Mogadishu airport",
            &[],
            ("Aden Adde International Airport", "SO", Some("Banaadir"), Site, None),
        ),
        (
            "Dahiyeh",
            &[],
            ("Dahiyeh, Beirut southern suburbs", "LB", Some("Mount Lebanon"), Site, None),
        ),
        ("Zobe junction", &[], ("Zobe junction, Mogadishu", "SO", Some("Banaadir"), Site, None)),
        (
            "camp de la MINUSMA à Kidal",
            &[],
            ("MINUSMA camp, Kidal", "ML", Some("Kidal"), Site, None),
        ),
        // A site word for a town without a curated site of that kind: the town.
        ("l'aéroport de Djibo", &[], ("Djibo", "BF", Some("Sahel"), Town, None)),
    ]);
}

#[test]
fn qualifiers_place_names_in_their_region() {
    use Precision::{Admin1, Town};
    phrase_cases(&[
        ("Hawija, Kirkuk province", &[], ("Hawija", "IQ", Some("Kirkuk"), Town, None)),
        ("Tripoli, Lebanon", &[], ("Tripoli", "LB", Some("North Governorate"), Town, None)),
        ("Balad (Iraq)", &[], ("Balad", "IQ", Some("Salah ad Din"), Town, None)),
        // An unknown name is placed by its qualifier.
        (
            "Qqxwzville, Marjayoun district",
            &[],
            ("Marjayoun District", "LB", Some("Nabatieh"), Admin1, None),
        ),
        (
            "Qqxwzville, near Kirkuk",
            &[],
            ("near Kirkuk", "IQ", Some("Kirkuk"), Admin1, Some("near")),
        ),
        ("Qqxwzville (Kidal)", &[], ("near Kidal", "ML", Some("Kidal"), Admin1, Some("near"))),
        // A qualifier that names no place does not move the name abroad.
        ("Kirkuk, according to police", &[], ("Kirkuk", "IQ", Some("Kirkuk"), Town, None)),
        ("Mosul, said the official", &[], ("Mosul", "IQ", Some("Nineveh"), Town, None)),
    ]);
}

#[test]
fn phrase_readings_are_deterministic_and_never_panic_on_odd_input() {
    let context = context(&["IQ"]);
    for phrase in ["au nord de Bagdad", "Saint-Martin", "near near near", "de la de la", "à à à"]
    {
        let first = gazetteer().geocode_phrase(phrase, &context);
        assert_eq!(first, gazetteer().geocode_phrase(phrase, &context), "{phrase}");
    }
    for phrase in
        ["", "   ", ",,,", "()", "près de", "north of", "20 km", "la province de", "airport"]
    {
        assert!(gazetteer().geocode_phrase(phrase, &context).is_empty(), "`{phrase}`");
    }
    assert!(gazetteer().geocode_phrase(&"Bagdad ".repeat(200), &context).is_empty());
}
