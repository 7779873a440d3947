//! Opening files: fresh, current, too new, foreign, not SQLite, unreachable.

use std::path::Path;

use sitrep_store::{ErrorKind, SqliteStore, Store};

use crate::support::numbered_item;

fn open_err(path: &Path) -> sitrep_store::Error {
    SqliteStore::open(path).expect_err("the file is refused")
}

#[test]
fn a_fresh_file_reaches_the_latest_version_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SqliteStore::latest_schema_version());
    assert!(SqliteStore::latest_schema_version() >= 1);
    store.ingest(&[numbered_item("fresh", 1)]).unwrap();
    drop(store);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(conn);

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SqliteStore::latest_schema_version());
    assert_eq!(store.stats().unwrap().articles, 1);

    let memory = SqliteStore::open_in_memory().unwrap();
    assert_eq!(memory.schema_version().unwrap(), SqliteStore::latest_schema_version());
}

#[test]
fn an_empty_file_becomes_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SqliteStore::latest_schema_version());
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(SqliteStore::open(&path).unwrap());
    let future = SqliteStore::latest_schema_version() + 1;
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", future).unwrap();
    drop(conn);

    let err = open_err(&path);
    assert_eq!(err.kind(), ErrorKind::SchemaTooNew);
    assert!(err.is_user_fault());
    assert_eq!(
        err.to_string(),
        format!(
            "`{}` has schema version {future}, newer than version {} that this build of \
             sitrep knows: use a newer sitrep",
            path.display(),
            SqliteStore::latest_schema_version()
        )
    );
}

#[test]
fn files_that_are_not_sqlite_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // Pseudo-random bytes (a fixed linear congruential sequence), and short text.
    let mut state = 0x2545_f491_u32;
    let noise: Vec<u8> = (0..8192)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            state.to_be_bytes()[0]
        })
        .collect();
    let cases: [(&str, &[u8]); 3] = [
        ("noise.bin", &noise),
        ("notes.txt", b"these are not the droids\n"),
        ("fake.db", b"SQLite format 3\0 but not really a database, only a header prefix"),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = open_err(&path);
        assert_eq!(err.kind(), ErrorKind::NotADatabase, "{name}: {err}");
        assert!(err.is_user_fault());
        assert_eq!(err.to_string(), format!("`{}` is not a SQLite database", path.display()));
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was changed");
    }
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');").unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();

    let err = open_err(&path);
    assert_eq!(err.kind(), ErrorKind::NotADatabase);
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "`{}` is a SQLite database but not a sitrep store",
            path.display()
        )),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn an_unreachable_path_is_an_io_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-folder").join("store.db");
    let err = open_err(&path);
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(!err.is_user_fault());
    assert!(err.to_string().contains(&format!("`{}`", path.display())), "{err}");
    assert!(std::error::Error::source(&err).is_some());
}
