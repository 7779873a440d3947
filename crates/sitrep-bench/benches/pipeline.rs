//! Stage and end-to-end benchmarks. Each asserts what it produced, so it cannot
//! silently measure nothing.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sitrep_extract::Extractor;
use sitrep_geo::{Gazetteer, GeoContext};
use sitrep_store::{SqliteStore, Store};
use sitrep_text::Normalized;

fn extraction(c: &mut Criterion) {
    let corpus = sitrep_bench::corpus();
    let extractor = Extractor::builtin();
    let bytes: usize = corpus.iter().map(|a| a.text.len()).sum();
    let incidents: usize = corpus.iter().map(|a| extractor.extract(a).incidents.len()).sum();
    assert!(incidents >= corpus.len(), "the samples yield incidents");

    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function("samples", |b| {
        b.iter(|| {
            let n: usize =
                corpus.iter().map(|a| extractor.extract(black_box(a)).incidents.len()).sum();
            assert_eq!(n, incidents);
        });
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("normalise", |b| {
        b.iter(|| {
            corpus.iter().map(|a| Normalized::new(black_box(&a.text)).as_str().len()).sum::<usize>()
        });
    });
    group.finish();
}

fn geocoding(c: &mut Criterion) {
    let gazetteer = Gazetteer::embedded();
    let mut context = GeoContext::default();
    context.prefer_country("IQ", 2.0);
    let names = ["Bagdad", "Erbil", "Mossoul", "Balad", "Kirkouk", "Deir ez-Zor", "Kaboul", "Gao"];
    c.bench_function("geocode/lookup", |b| {
        b.iter(|| {
            let found: usize =
                names.iter().map(|n| gazetteer.lookup(black_box(n), &context).len()).sum();
            assert!(found >= names.len());
        });
    });
}

fn storage(c: &mut Criterion) {
    let corpus = sitrep_bench::corpus();
    let extractor = Extractor::builtin();
    let batch: Vec<_> = corpus.iter().map(|a| (a.clone(), extractor.extract(a))).collect();
    c.bench_function("store/ingest-samples", |b| {
        b.iter(|| {
            let mut store = SqliteStore::open_in_memory().expect("an in-memory store opens");
            let outcomes = store.ingest(black_box(&batch)).expect("the samples store");
            assert_eq!(outcomes.len(), batch.len());
        });
    });
}

criterion_group!(benches, extraction, geocoding, storage);
criterion_main!(benches);
