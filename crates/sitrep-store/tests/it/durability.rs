//! Idempotent ingest, duplicates inside a batch, and inconsistent batches.

use sitrep_store::{ErrorKind, IngestOutcome, SqliteStore, Store, StoreStats};

use crate::support::{BACKENDS, Item, article, dump, extraction, numbered_item};

#[test]
fn re_ingesting_a_batch_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let batch: Vec<Item> = (0..40).map(|n| numbered_item("idem", n)).collect();

    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.ingest(&batch).unwrap(), vec![IngestOutcome::Stored; 40]);
    let stats = store.stats().unwrap();
    assert_eq!(stats, StoreStats { articles: 40, incidents: 60, background_incidents: 10 });
    drop(store);
    let rows = dump(&path);
    let bytes = std::fs::read(&path).unwrap();

    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.ingest(&batch).unwrap(), vec![IngestOutcome::Duplicate; 40]);
    assert_eq!(store.stats().unwrap(), stats);
    drop(store);
    assert_eq!(dump(&path), rows);
    assert!(std::fs::read(&path).unwrap() == bytes, "the file changed");
}

#[test]
fn duplicates_inside_a_batch_and_against_the_store() {
    for backend in BACKENDS {
        let dir = tempfile::tempdir().unwrap();
        let mut store = (backend.open)(dir.path());
        let old = numbered_item("dup", 1);
        assert_eq!(store.ingest(std::slice::from_ref(&old)).unwrap(), [IngestOutcome::Stored]);

        // The same text under another id is still the same article: the first one is kept.
        let mut renamed = numbered_item("dup", 2);
        renamed.0.id = "renamed".to_string();
        renamed.1.id = "renamed".to_string();
        let batch = vec![
            numbered_item("dup", 2),
            old.clone(),
            numbered_item("dup", 3),
            renamed,
            numbered_item("dup", 5),
        ];
        let outcomes = store.ingest(&batch).unwrap();
        use IngestOutcome::{Duplicate, Stored};
        assert_eq!(outcomes, [Stored, Duplicate, Stored, Duplicate, Stored]);
        // Items 1, 2, 3, 5: 1 + 2 + 3 + 1 incidents, one of them background.
        assert_eq!(
            store.stats().unwrap(),
            StoreStats { articles: 4, incidents: 7, background_incidents: 1 }
        );
        let first = &batch[0].1.incidents[0].id;
        let detail = store.incident(first).unwrap().unwrap();
        assert_eq!(detail.sources[0].id, "dup-2");
    }
}

#[test]
fn an_inconsistent_batch_stores_nothing() {
    for backend in BACKENDS {
        let dir = tempfile::tempdir().unwrap();
        let mut store = (backend.open)(dir.path());

        // An extraction of another text.
        let good = numbered_item("bad", 1);
        let a = article("other", "Some other text.", None);
        let mismatched = (a, good.1.clone());
        let err = store.ingest(&[good.clone(), mismatched]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.to_string().contains("`other`"), "{err}");

        // Two articles whose incidents share an id: the whole batch is rolled back.
        let a = article("copy", "A text with a copied incident id.", None);
        let copied = good.1.incidents.clone();
        let e = extraction(&a, copied, vec![]);
        let err = store.ingest(&[good.clone(), (a, e)]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.to_string().contains("is already used by another incident"), "{err}");
        assert_eq!(store.stats().unwrap(), StoreStats::default());
        assert!(!store.contains_article(&good.0.content_hash()).unwrap(), "a rolled-back text");
    }
}

#[test]
fn stored_texts_are_known_by_their_hash_from_another_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let mut writer = SqliteStore::open(&path).unwrap();
    let reader = SqliteStore::open(&path).unwrap();
    let (stored, other) = (numbered_item("known", 1), numbered_item("known", 2));
    assert!(!reader.contains_article(&stored.0.content_hash()).unwrap());
    writer.ingest(std::slice::from_ref(&stored)).unwrap();
    assert!(reader.contains_article(&stored.0.content_hash()).unwrap());
    assert!(writer.contains_article(&stored.0.content_hash()).unwrap());
    assert!(!reader.contains_article(&other.0.content_hash()).unwrap());
    // The hash is of the text alone: another id or source for the same text is known.
    let mut renamed = stored.0.clone();
    renamed.id = "renamed".to_string();
    renamed.source = "elsewhere.txt".to_string();
    assert!(reader.contains_article(&renamed.content_hash()).unwrap());
}
