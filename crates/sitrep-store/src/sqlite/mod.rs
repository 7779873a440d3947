//! The embedded backend: one SQLite file.
//!
//! Durability settings, chosen once in [`SqliteStore::open`]:
//! - `journal_mode = WAL`: readers never block the writer, and a crashed writer leaves the
//!   file consistent (the uncommitted tail of the log is ignored on the next open).
//! - `synchronous = NORMAL`: in WAL mode this never corrupts the database; a committed
//!   batch survives a crash of the process, and only a power loss or OS crash can lose the
//!   last few batches. Ingesting is idempotent, so re-running the ingest restores them;
//!   `FULL` would pay an fsync per batch for nothing that re-ingesting cannot give back.
//! - `cache_size` of 32 MiB per connection, so that writing a batch does not spill pages.
//! - `foreign_keys = ON`, and a busy timeout so that a second process waits for the lock
//!   instead of failing at once.

mod ingest;
mod migrate;
mod read;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use sitrep_model::{Article, ArticleExtraction, ContentHash};

use crate::{
    Error, ErrorKind, IncidentDetail, IncidentQuery, IngestOutcome, Store, StoreStats,
    StoredIncident,
};

/// The page cache of a connection to a file, in KiB, as `PRAGMA cache_size` takes it
/// (negative: a size rather than a page count).
const CACHE_KIB: i64 = -32 * 1024;

/// How long a connection waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A store in one SQLite file (or in memory, for tests).
///
/// Open it with [`SqliteStore::open`]; it creates the file and its schema when missing, and
/// brings an older schema up to date.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    /// The path as given, or `:memory:`, for messages.
    location: String,
}

impl SqliteStore {
    /// Opens the store in the file at `path`, creating it when it does not exist and
    /// applying any migration it lacks.
    ///
    /// # Errors
    /// [`ErrorKind::NotADatabase`] when the file is not SQLite or not a sitrep store,
    /// [`ErrorKind::SchemaTooNew`] when a newer sitrep wrote it, and [`ErrorKind::Io`] when
    /// it cannot be opened (a missing folder, permissions).
    pub fn open(path: &Path) -> Result<SqliteStore, Error> {
        let location = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| sql_error(&location, "open the database", e))?;
        let mut store = SqliteStore { conn, location };
        store.setup(true)?;
        Ok(store)
    }

    /// Opens a new, empty store in memory, gone when dropped.
    ///
    /// # Errors
    /// Only when SQLite cannot allocate the database.
    pub fn open_in_memory() -> Result<SqliteStore, Error> {
        let location = ":memory:".to_string();
        let conn = Connection::open_in_memory()
            .map_err(|e| sql_error(&location, "open the database", e))?;
        let mut store = SqliteStore { conn, location };
        store.setup(false)?;
        Ok(store)
    }

    /// The schema version of the open database (the number of the last migration applied).
    ///
    /// # Errors
    /// An I/O error when the database cannot be read.
    pub fn schema_version(&self) -> Result<u32, Error> {
        let version = migrate::read_header(&self.conn, &self.location)?.user_version;
        u32::try_from(version).map_err(|_| {
            Error::new(
                ErrorKind::Internal,
                format!("schema version `{version}` of `{}` is out of range", self.location),
            )
        })
    }

    /// The schema version this build creates and reads.
    #[must_use]
    pub fn latest_schema_version() -> u32 {
        migrate::LATEST
    }

    /// Checks the file is ours, sets the connection's pragmas and migrates.
    fn setup(&mut self, on_disk: bool) -> Result<(), Error> {
        // Reading the header is the first access to the file: it is where a file that is
        // not SQLite shows up, before anything is written to it.
        let header = migrate::read_header(&self.conn, &self.location)?;
        migrate::check_header(&header, &self.location)?;
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| sql_error(&self.location, "set the busy timeout of", e))?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(|e| sql_error(&self.location, "enable foreign keys in", e))?;
        if on_disk {
            let mode: String = self
                .conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
                .map_err(|e| sql_error(&self.location, "set the journal mode of", e))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::new(
                    ErrorKind::Io,
                    format!(
                        "cannot use a write-ahead log for `{}`: SQLite kept journal mode `{mode}`",
                        self.location
                    ),
                ));
            }
            self.conn
                .pragma_update(None, "synchronous", "NORMAL")
                .map_err(|e| sql_error(&self.location, "set the sync mode of", e))?;
            // A page cache of 32 MiB (the default is 2 MiB) keeps a batch's pages and the
            // upper levels of the indexes in memory instead of spilling and re-reading them.
            self.conn
                .pragma_update(None, "cache_size", CACHE_KIB)
                .map_err(|e| sql_error(&self.location, "set the page cache of", e))?;
        }
        migrate::migrate(&mut self.conn, &self.location)
    }
}

impl Store for SqliteStore {
    fn ingest(
        &mut self,
        batch: &[(Article, ArticleExtraction)],
    ) -> Result<Vec<IngestOutcome>, Error> {
        ingest::ingest(&mut self.conn, &self.location, batch)
    }

    fn contains_article(&self, hash: &ContentHash) -> Result<bool, Error> {
        read::contains_article(&self.conn, &self.location, hash)
    }

    fn incidents(&self, query: &IncidentQuery) -> Result<Vec<StoredIncident>, Error> {
        read::incidents(&self.conn, &self.location, query)
    }

    fn incident(&self, id: &str) -> Result<Option<IncidentDetail>, Error> {
        read::incident(&self.conn, &self.location, id)
    }

    fn stats(&self) -> Result<StoreStats, Error> {
        read::stats(&self.conn, &self.location)
    }
}

/// Classifies a SQLite error: `action` says what was being done to the database at
/// `location` ("read incidents from").
fn sql_error(location: &str, action: &str, error: rusqlite::Error) -> Error {
    let code = match &error {
        rusqlite::Error::SqliteFailure(failure, _) => Some(failure.code),
        _ => None,
    };
    match code {
        Some(ErrorCode::NotADatabase) => Error::with_source(
            ErrorKind::NotADatabase,
            format!("`{location}` is not a SQLite database"),
            error,
        ),
        Some(
            ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied
            | ErrorCode::ReadOnly
            | ErrorCode::DiskFull
            | ErrorCode::SystemIoFailure
            | ErrorCode::DatabaseBusy
            | ErrorCode::DatabaseLocked
            | ErrorCode::DatabaseCorrupt
            | ErrorCode::FileLockingProtocolFailed
            | ErrorCode::NoLargeFileSupport
            | ErrorCode::OutOfMemory
            | ErrorCode::TooBig,
        ) => Error::with_source(ErrorKind::Io, format!("cannot {action} `{location}`"), error),
        _ => {
            Error::with_source(ErrorKind::Internal, format!("cannot {action} `{location}`"), error)
        }
    }
}
