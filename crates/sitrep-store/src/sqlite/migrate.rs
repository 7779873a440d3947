//! Schema migrations: SQL files applied in order, tracked in SQLite's `user_version`.
//!
//! A sitrep database is marked with [`APPLICATION_ID`] in SQLite's `application_id`, so
//! that another program's database is refused rather than altered.

use rusqlite::{Connection, TransactionBehavior};

use super::sql_error;
use crate::{Error, ErrorKind};

/// Marks a SQLite file as a sitrep store: the ASCII bytes `sitr`.
pub(super) const APPLICATION_ID: i32 = 0x7369_7472;

/// One step of the schema.
struct Migration {
    /// The schema version after this step; steps are numbered from 1 without gaps.
    version: u32,
    /// The file it comes from, for messages.
    name: &'static str,
    sql: &'static str,
}

/// Every step, in order.
const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "0001_init.sql",
    sql: include_str!("../../migrations/sqlite/0001_init.sql"),
}];

/// The schema version this build creates and reads.
pub(super) const LATEST: u32 = 1;

/// What the database header says about the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header {
    pub(super) application_id: i32,
    pub(super) user_version: i64,
    /// Tables, indexes, views and triggers in the schema.
    pub(super) objects: i64,
}

/// Reads the header fields; this is where a file that is not SQLite is detected.
pub(super) fn read_header(conn: &Connection, location: &str) -> Result<Header, Error> {
    let read = || -> rusqlite::Result<Header> {
        let application_id = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let user_version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let objects = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok(Header { application_id, user_version, objects })
    };
    read().map_err(|e| sql_error(location, "read the header of", e))
}

/// Refuses a database that sitrep did not create or that a newer sitrep wrote.
pub(super) fn check_header(header: &Header, location: &str) -> Result<(), Error> {
    let empty = header.application_id == 0 && header.user_version == 0 && header.objects == 0;
    if empty {
        return Ok(());
    }
    if header.application_id != APPLICATION_ID {
        return Err(Error::new(
            ErrorKind::NotADatabase,
            format!(
                "`{location}` is a SQLite database but not a sitrep store \
                 (application id `{:#x}`, {} schema objects)",
                header.application_id, header.objects
            ),
        ));
    }
    if header.user_version > i64::from(LATEST) {
        return Err(Error::new(
            ErrorKind::SchemaTooNew,
            format!(
                "`{location}` has schema version {}, newer than version {LATEST} that this \
                 build of sitrep knows: use a newer sitrep",
                header.user_version
            ),
        ));
    }
    if header.user_version < 0 {
        return Err(Error::new(
            ErrorKind::NotADatabase,
            format!("`{location}` has an invalid schema version {}", header.user_version),
        ));
    }
    Ok(())
}

/// Applies the migrations the database lacks, all in one transaction.
pub(super) fn migrate(conn: &mut Connection, location: &str) -> Result<(), Error> {
    let header = read_header(conn, location)?;
    if header.application_id == APPLICATION_ID && header.user_version == i64::from(LATEST) {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| sql_error(location, "start migrating", e))?;
    // Another process may have migrated the file between the first read and the lock.
    let header = read_header(&tx, location)?;
    check_header(&header, location)?;
    for migration in MIGRATIONS.iter().filter(|m| i64::from(m.version) > header.user_version) {
        let action = format!("apply migration `{}` to", migration.name);
        tx.execute_batch(migration.sql).map_err(|e| sql_error(location, &action, e))?;
        tx.pragma_update(None, "user_version", migration.version)
            .map_err(|e| sql_error(location, &action, e))?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(|e| sql_error(location, "mark as a sitrep store", e))?;
    tx.commit().map_err(|e| sql_error(location, "commit the migration of", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_and_end_at_latest() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version as usize, index + 1, "{}", migration.name);
            assert!(migration.name.starts_with(&format!("{:04}_", migration.version)));
        }
        assert_eq!(MIGRATIONS.last().map(|m| m.version), Some(LATEST));
    }
}
