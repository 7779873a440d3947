//! Gazetteer benchmarks: a whole load, name lookups, the n-gram test the extractor makes
//! for every capitalised word, phrase geocoding and site scanning. Each asserts what it
//! found, so it cannot silently measure nothing.
//!
//! Memory is measured on the whole process instead, with
//! `/usr/bin/time -v target/release/examples/load` (see `crates/sitrep-geo/DATA.md`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sitrep_geo::{Gazetteer, GeoContext};
use sitrep_text::{Normalized, fold_key};

/// Names as articles write them: exonyms, transliterations, Arabic script, unknown words.
const NAMES: &[&str] = &[
    "Bagdad",
    "d'Erbil",
    "Mossoul",
    "Balad",
    "Kirkouk",
    "Deir ez-Zor",
    "Kaboul",
    "Gao",
    "Aïn al-Assad",
    "بغداد",
    "Mogadiscio",
    "Kharkov",
    "Tillabéri",
    "Nowhere-ville",
];

/// Phrases as the CLI and, later, the extractor read them.
const PHRASES: &[&str] = &[
    "au nord de Bagdad",
    "près de Kirkouk",
    "la province d'Anbar",
    "85 km south of Gao",
    "la base aérienne d'al-Asad",
    "Erbil airport",
    "Hawija, Kirkuk province",
    "dans l'ouest d'Alep",
    "le district de Marjayoun",
    "a drone strike near Erbil",
];

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("gazetteer");
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| {
            let gazetteer = Gazetteer::decode_embedded().expect("the shipped data loads");
            assert!(gazetteer.len() > 200_000);
            gazetteer
        });
    });
    group.finish();
}

fn lookups(c: &mut Criterion) {
    let gazetteer = Gazetteer::embedded();
    let mut context = GeoContext::default();
    context.prefer_country("IQ", 2.0);
    let corpus = sitrep_bench::corpus();
    // Every one- to three-word n-gram of capitalised words, as the extractor tests them.
    let mut ngrams = Vec::new();
    for article in &corpus {
        let words: Vec<&str> = article.text.split_whitespace().collect();
        for (at, word) in words.iter().enumerate() {
            if word.starts_with(char::is_uppercase) {
                for len in 1..=3 {
                    if let Some(span) = words.get(at..at + len) {
                        ngrams.push(fold_key(&span.join(" ")));
                    }
                }
            }
        }
    }
    let known = ngrams.iter().filter(|k| gazetteer.is_name(k)).count();
    assert!(known > 50, "the samples name places ({known} of {})", ngrams.len());

    let mut group = c.benchmark_group("gazetteer");
    group.throughput(Throughput::Elements(NAMES.len() as u64));
    group.bench_function("lookup", |b| {
        b.iter(|| {
            let found: usize =
                NAMES.iter().map(|n| gazetteer.lookup(black_box(n), &context).len()).sum();
            assert!(found >= NAMES.len() - 1);
        });
    });
    group.throughput(Throughput::Elements(ngrams.len() as u64));
    group.bench_function("is_name", |b| {
        b.iter(|| {
            let n = ngrams.iter().filter(|k| gazetteer.is_name(black_box(k))).count();
            assert_eq!(n, known);
        });
    });
    group.throughput(Throughput::Elements(PHRASES.len() as u64));
    group.bench_function("geocode_phrase", |b| {
        b.iter(|| {
            for phrase in PHRASES {
                assert!(!gazetteer.geocode_phrase(black_box(phrase), &context).is_empty());
            }
        });
    });
    let folded: Vec<Normalized> = corpus.iter().map(|a| Normalized::new(&a.text)).collect();
    let sites: usize = folded.iter().map(|n| gazetteer.find_sites(n.as_str()).len()).sum();
    assert!(sites > 0, "the samples name curated sites");
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function("find_sites", |b| {
        b.iter(|| {
            let n: usize =
                folded.iter().map(|t| gazetteer.find_sites(black_box(t.as_str())).len()).sum();
            assert_eq!(n, sites);
        });
    });
    group.finish();
}

criterion_group!(benches, load, lookups);
criterion_main!(benches);
