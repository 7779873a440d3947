//! Ingest speed, run on demand: `cargo test -p sitrep-store --release --test it -- --ignored
//! throughput --nocapture`. It prints rates and checks only results; `bench/ingest.sh`
//! measures the whole process.

use std::time::Instant;

use sitrep_store::{IncidentQuery, SqliteStore, Store};

use crate::support::{Item, numbered_item};

#[test]
#[ignore = "a measurement, run on demand"]
fn ingest_throughput() {
    const BATCH: usize = 200;
    const BATCHES: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("speed.db")).unwrap();
    let batches: Vec<Vec<Item>> = (0..BATCHES)
        .map(|b| (0..BATCH).map(|i| numbered_item(&format!("speed{b}"), i)).collect())
        .collect();

    let started = Instant::now();
    for batch in &batches {
        store.ingest(batch).unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let articles = (BATCH * BATCHES) as f64;
    let stats = store.stats().unwrap();
    eprintln!(
        "ingested {articles} articles ({} incidents) in {seconds:.3} s: {:.0} articles/s",
        stats.incidents,
        articles / seconds
    );

    let started = Instant::now();
    let again = store.ingest(&batches[0]).unwrap();
    eprintln!("re-ingesting {} duplicates: {:.3} s", again.len(), started.elapsed().as_secs_f64());

    let started = Instant::now();
    let query =
        IncidentQuery { text: Some("mopti".into()), limit: Some(100), ..Default::default() };
    let found = store.incidents(&query).unwrap();
    eprintln!("text query, {} results: {:.4} s", found.len(), started.elapsed().as_secs_f64());
    // A measurement, not a timed test: only the results are checked.
    assert_eq!(found.len(), 100);
    assert_eq!(again.len(), BATCH);
}
