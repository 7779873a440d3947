//! A writer killed with `SIGKILL` in the middle of ingesting leaves a consistent file.
//!
//! The test runs its own test binary again as the writer: the ignored test
//! [`ingest_worker`] ingests batches forever into the file named by an environment
//! variable, until the parent kills it.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sitrep_store::{IngestOutcome, SqliteStore, Store};

use crate::support::{Item, consistency, numbered_item};

/// The database the worker writes to.
const DB_VAR: &str = "SITREP_STORE_TEST_WORKER_DB";
/// A tag that keeps the worker's texts apart from those of earlier rounds.
const TAG_VAR: &str = "SITREP_STORE_TEST_WORKER_TAG";
const BATCH: usize = 200;

#[test]
#[ignore = "the writer process of `a_killed_writer_leaves_a_consistent_file`"]
fn ingest_worker() {
    let (Some(path), Some(tag)) = (std::env::var_os(DB_VAR), std::env::var_os(TAG_VAR)) else {
        return;
    };
    let tag = tag.to_string_lossy().into_owned();
    let mut store = SqliteStore::open(Path::new(&path)).expect("the worker opens the store");
    for batch_number in 0.. {
        let batch: Vec<Item> =
            (0..BATCH).map(|i| numbered_item(&format!("{tag}-{batch_number}"), i)).collect();
        store.ingest(&batch).expect("the worker ingests");
    }
}

/// Starts the worker on `path`.
fn spawn_worker(path: &Path, tag: &str) -> Child {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    Command::new(exe)
        .args(["--exact", "interrupt::ingest_worker", "--ignored", "--test-threads=1"])
        .env(DB_VAR, path)
        .env(TAG_VAR, tag)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the worker starts")
}

/// How many articles a reader sees in `path` now; 0 before the schema exists.
fn stored_articles(path: &Path) -> u64 {
    let Ok(conn) = rusqlite::Connection::open(path) else { return 0 };
    let count = conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0));
    count.map_or(0, |n| u64::try_from(n).unwrap_or(0))
}

#[test]
fn a_killed_writer_leaves_a_consistent_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("killed.db");
    let mut last_articles = 0;
    for (round, delay_ms) in [0_u64, 15, 60, 150, 400].into_iter().enumerate() {
        let mut child = spawn_worker(&path, &format!("round{round}"));
        // Wait until the worker has committed a batch of this round, then a little longer.
        let started = Instant::now();
        while stored_articles(&path) <= last_articles && started.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("the worker is killed");
        child.wait().expect("the worker is reaped");

        let (integrity, incomplete) = consistency(&path);
        assert_eq!(integrity, "ok", "round {round}");
        assert_eq!(incomplete, 0, "round {round}: articles stored without all their rows");

        let mut store = SqliteStore::open(&path).expect("the file opens after the kill");
        let articles = store.stats().unwrap().articles;
        // The test itself stores one article after each round.
        let batches = articles - round as u64;
        assert_eq!(batches % BATCH as u64, 0, "round {round}: {batches} is a partial batch");
        assert!(articles >= last_articles);
        // Writing goes on: a new article is stored, and a repeat of it is a duplicate.
        let fresh = numbered_item(&format!("after{round}"), 1);
        let outcomes = store.ingest(&[fresh.clone(), fresh]).unwrap();
        assert_eq!(outcomes, [IngestOutcome::Stored, IngestOutcome::Duplicate]);
        last_articles = store.stats().unwrap().articles;
        assert_eq!(last_articles, articles + 1);
    }
}
