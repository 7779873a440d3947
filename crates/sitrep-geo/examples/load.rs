//! Measures the gazetteer's load time, resident memory and lookup speed.
//!
//! Run with `cargo run --release -p sitrep-geo --example load`; phrases given as arguments
//! (`Balad@IQ` adds a context country) are geocoded and their best reading printed.

#![expect(clippy::print_stdout, reason = "a measuring tool prints its figures")]

use std::time::Instant;

use sitrep_geo::{Gazetteer, GeoContext};

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let before = resident_kib().unwrap_or(0);
    let start = Instant::now();
    let gazetteer = Gazetteer::embedded();
    let load = start.elapsed();
    let after = resident_kib().unwrap_or(0);
    println!(
        "loaded {} places, {} keys in {:.3} s; resident memory {} MiB (before {} MiB)",
        gazetteer.len(),
        gazetteer.key_count(),
        load.as_secs_f64(),
        after / 1024,
        before / 1024
    );
    let queries: Vec<String> = std::env::args().skip(1).collect();
    for query in &queries {
        let (name, country) = query.split_once('@').unwrap_or((query.as_str(), ""));
        let mut context = GeoContext::default();
        context.prefer_country(country, 1.0);
        let readings = gazetteer.geocode_phrase(name, &context);
        let Some(best) = readings.first() else {
            println!("{query}\tNONE");
            continue;
        };
        println!(
            "{query}\t{}\t{}\t{}\t{:?}\t{:.4},{:.4}\tscore {:.2}\tvia `{}`",
            best.place.name,
            best.place.country.as_deref().unwrap_or("?"),
            best.place.admin1.as_deref().unwrap_or("-"),
            best.place.precision,
            best.place.lat.unwrap_or_default(),
            best.place.lon.unwrap_or_default(),
            best.score,
            best.anchor.matched
        );
    }
    if !queries.is_empty() {
        return;
    }
    let names =
        ["Bagdad", "d'Erbil", "Balad", "Aïn al-Assad", "Kirkouk", "Mogadiscio", "Nowhere-ville"];
    let mut context = GeoContext::default();
    context.prefer_country("IQ", 2.0);
    let rounds = 20_000;
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for name in names {
            found += gazetteer.lookup(name, &context).len();
        }
    }
    let per = start.elapsed().as_secs_f64() / f64::from(rounds * 7) * 1e6;
    println!("lookup: {per:.2} µs per call ({found} candidates in all)");
    let phrases = [
        "au nord de Bagdad",
        "près de Kirkouk",
        "la province d'Anbar",
        "85 km south of Gao",
        "la base aérienne d'al-Asad",
        "Hawija, Kirkuk province",
        "a drone strike near Erbil",
        "Mossoul",
    ];
    let rounds = 5_000;
    let start = Instant::now();
    let mut read = 0;
    for _ in 0..rounds {
        for phrase in phrases {
            read += gazetteer.geocode_phrase(phrase, &context).len();
        }
    }
    let per = start.elapsed().as_secs_f64() / f64::from(rounds * 8) * 1e6;
    println!("geocode_phrase: {per:.2} µs per call ({read} readings in all)");
    for name in names {
        if let Some(best) = gazetteer.lookup(name, &context).first() {
            println!(
                "{name}: {} ({:?}, {:?}) score {:.2}",
                best.place.name, best.place.country, best.place.admin1, best.score
            );
        }
    }
}
