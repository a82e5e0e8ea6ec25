//! Schema migrations: numbered SQL files embedded in the binary and applied on open.
//!
//! The rules, and why:
//! - `PRAGMA user_version` is the schema version; migration N takes it from N-1 to N.
//! - All pending migrations run in one `BEGIN IMMEDIATE` transaction, so a crash or a failing
//!   migration leaves the database exactly as it was, and two processes opening the same
//!   database at once cannot both migrate it.
//! - A database newer than this binary is refused (`database_too_new`) and not touched: an
//!   older ClaimDesk cannot know what a newer schema means.
//! - Before migrating a database that already holds data, it is copied with `VACUUM INTO` to
//!   `<db>.backup-v<N>-<timestamp>`: editors' verdicts are worth a file on disk.
//! - Migration files are never edited once released; a test pins their hashes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior};

use claimdesk_error::{Error, ErrorKind, Result};

/// One schema migration: the version it produces and its SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    /// The schema version after this migration.
    pub version: u32,
    /// File name under `migrations/`, for messages.
    pub name: &'static str,
    /// The SQL, run as one batch.
    pub sql: &'static str,
}

/// Every migration, in order. Append only.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_initial.sql",
        sql: include_str!("../../../migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "0002_review_workspace.sql",
        sql: include_str!("../../../migrations/0002_review_workspace.sql"),
    },
    Migration {
        version: 3,
        name: "0003_claim_corrections.sql",
        sql: include_str!("../../../migrations/0003_claim_corrections.sql"),
    },
    Migration {
        version: 4,
        name: "0004_captions_and_speakers.sql",
        sql: include_str!("../../../migrations/0004_captions_and_speakers.sql"),
    },
];

/// The schema version this binary writes.
pub const LATEST_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Marks a SQLite file as ClaimDesk's (`PRAGMA application_id`, "ClDk"), so that pointing
/// `--db` at another program's database is refused instead of adding tables to it.
pub const APPLICATION_ID: i32 = 0x436C_446B;

/// What [`migrate`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// The schema version found.
    pub from: u32,
    /// The schema version now.
    pub to: u32,
    /// The backup written before migrating, if one was needed.
    pub backup: Option<PathBuf>,
}

/// The schema version of an open database.
pub fn schema_version(conn: &Connection) -> Result<u32> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    u32::try_from(version).map_err(|_| Error::internal(format!("bad schema version {version}")))
}

/// Bring the database at `path` (open as `conn`) up to the last of `migrations`.
///
/// `now` names the backup file. Takes the migration list as an argument so tests can
/// exercise an upgrade with migrations this release does not have yet.
pub fn migrate(
    conn: &mut Connection,
    path: &Path,
    migrations: &[Migration],
    now: DateTime<Utc>,
) -> Result<MigrationReport> {
    let latest = migrations.last().map_or(0, |m| m.version);
    let found = schema_version(conn)?;
    refuse_newer(path, found, latest)?;
    refuse_foreign(conn, path, found)?;
    if found == latest {
        return Ok(MigrationReport {
            from: found,
            to: found,
            backup: None,
        });
    }
    let backup = if found > 0 {
        Some(backup(conn, path, found, now)?)
    } else {
        None
    };

    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated between our first look and taking the write lock.
    let current = schema_version(&tx)?;
    refuse_newer(path, current, latest)?;
    for migration in migrations.iter().filter(|m| m.version > current) {
        tx.execute_batch(migration.sql).map_err(|err| {
            Error::new(
                ErrorKind::Database,
                format!(
                    "upgrading the database {} failed in {} ({err}); it was left unchanged",
                    path.display(),
                    migration.name
                ),
            )
        })?;
        tx.pragma_update(None, "user_version", migration.version)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(MigrationReport {
        from: found,
        to: latest,
        backup,
    })
}

fn refuse_newer(path: &Path, found: u32, latest: u32) -> Result<()> {
    if found > latest {
        return Err(Error::new(
            ErrorKind::DatabaseTooNew,
            format!(
                "the database {} was written by a newer ClaimDesk (schema version {found}; this \
                 one knows up to {latest}). Update ClaimDesk to open it. The file was not changed.",
                path.display()
            ),
        ));
    }
    Ok(())
}

fn refuse_foreign(conn: &Connection, path: &Path, found: u32) -> Result<()> {
    let application_id: i32 = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let foreign = if found == 0 {
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
        objects > 0
    } else {
        application_id != APPLICATION_ID
    };
    if foreign {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "{} is a SQLite database of another program, not ClaimDesk's; open a new \
                 file to start a ClaimDesk database",
                path.display()
            ),
        )
        .with_field("database"));
    }
    Ok(())
}

/// Copy the database to `<db>.backup-v<version>-<timestamp>` with `VACUUM INTO`.
fn backup(conn: &Connection, path: &Path, version: u32, now: DateTime<Utc>) -> Result<PathBuf> {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(
        ".backup-v{version}-{}",
        now.format("%Y%m%dT%H%M%S%.3fZ")
    ));
    let target = PathBuf::from(name);
    let target_text = target.to_str().ok_or_else(|| {
        Error::new(
            ErrorKind::Io,
            format!(
                "cannot back up to {}: the path is not UTF-8",
                target.display()
            ),
        )
    })?;
    conn.execute("VACUUM INTO ?1", [target_text])
        .map_err(|err| {
            Error::new(
                ErrorKind::Io,
                format!(
                    "the database must be upgraded, but backing it up to {} failed ({err}); \
                 nothing was changed. Free some disk space and try again.",
                    target.display()
                ),
            )
        })?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version as usize, index + 1, "{}", migration.name);
            assert!(
                migration
                    .name
                    .starts_with(&format!("{:04}_", migration.version)),
                "{}",
                migration.name
            );
        }
    }
}
