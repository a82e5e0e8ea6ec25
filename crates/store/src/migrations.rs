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
//! - Before anything is written, [`inspect`] looks at the file through a read-only connection:
//!   a newer, foreign or damaged file is refused byte for byte as it was (switching a file to
//!   WAL mode rewrites its header, so even that waits until the file is known to be ours), and
//!   SQLite's `quick_check` runs so that a damaged desk is said to be damaged when it opens,
//!   not halfway through an editor's work.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

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
        name: "0004_newsroom_desk.sql",
        sql: include_str!("../../../migrations/0004_newsroom_desk.sql"),
    },
    Migration {
        version: 5,
        name: "0005_captions_and_speakers.sql",
        sql: include_str!("../../../migrations/0005_captions_and_speakers.sql"),
    },
    Migration {
        version: 6,
        name: "0006_sources.sql",
        sql: include_str!("../../../migrations/0006_sources.sql"),
    },
    Migration {
        version: 7,
        name: "0007_fact_checks.sql",
        sql: include_str!("../../../migrations/0007_fact_checks.sql"),
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
    u32::try_from(version).map_err(|_| odd_version(version))
}

/// A schema version no ClaimDesk writes, in a file marked as ClaimDesk's.
fn odd_version(version: i64) -> Error {
    Error::new(
        ErrorKind::DatabaseDamaged,
        format!(
            "the database's header holds the schema version {version}, which no ClaimDesk \
             writes: the file is damaged or was changed by another program. ClaimDesk did not \
             change it; restore it from a backup (claimdesk restore BACKUP)"
        ),
    )
}

/// How many of `quick_check`'s findings a damaged-database message quotes.
const DAMAGE_SHOWN: usize = 3;

/// Look at the database at `path` without changing it: refuse a file that is not SQLite, a
/// database of another program, one written by a newer ClaimDesk (newer than `latest`), or a
/// damaged one (SQLite's `PRAGMA quick_check`). The connection is read-only, so a refusal
/// leaves the file exactly as it was.
pub fn inspect(path: &Path, latest: u32) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|err| {
        Error::from(err).context(format!("cannot open the database {}", path.display()))
    })?;
    let raw = read_version(&conn, path)?;
    let version = u32::try_from(raw).ok();
    // Another program's file, or one written by a newer ClaimDesk, is refused before it is
    // checked: its pages are not ours to judge.
    refuse_foreign(&conn, path, version.unwrap_or(0), version.is_none())?;
    let version = version.ok_or_else(|| odd_version(raw).context(path.display()))?;
    refuse_newer(path, version, latest)?;
    quick_check(&conn, path)
}

/// `user_version`, translating "this is not SQLite at all" into words.
fn read_version(conn: &Connection, path: &Path) -> Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|err| match err {
            rusqlite::Error::SqliteFailure(code, _)
                if code.code == rusqlite::ErrorCode::NotADatabase =>
            {
                Error::new(
                    ErrorKind::Database,
                    format!(
                        "{} is not a ClaimDesk database (it is not SQLite at all); open another \
                         file",
                        path.display()
                    ),
                )
                .with_field("database")
            }
            rusqlite::Error::SqliteFailure(code, _)
                if code.code == rusqlite::ErrorCode::DatabaseCorrupt =>
            {
                damaged(path, &[err.to_string()])
            }
            other => {
                Error::from(other).context(format!("cannot read the database {}", path.display()))
            }
        })
}

/// SQLite's `quick_check` (every page and index entry readable and well-formed, without the
/// slower cross-check of indexes against tables), as an error naming what it found.
fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let findings = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(|err| match err {
            rusqlite::Error::SqliteFailure(code, _)
                if matches!(
                    code.code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                ) =>
            {
                damaged(path, &[err.to_string()])
            }
            other => Error::from(other).context(format!(
                "cannot check the database {} for damage",
                path.display()
            )),
        })?;
    if findings.len() == 1 && findings[0] == "ok" {
        return Ok(());
    }
    Err(damaged(path, &findings))
}

fn damaged(path: &Path, findings: &[String]) -> Error {
    let shown: Vec<&str> = findings
        .iter()
        .take(DAMAGE_SHOWN)
        .map(String::as_str)
        .collect();
    let more = findings.len().saturating_sub(DAMAGE_SHOWN);
    let more = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    Error::new(
        ErrorKind::DatabaseDamaged,
        format!(
            "the database {} is damaged: SQLite found {}{more}. ClaimDesk did not change it. \
             Restore the last backup (claimdesk restore BACKUP), or keep this file for a \
             specialist and start from a copy",
            path.display(),
            shown.join("; "),
        ),
    )
    .with_field("database")
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
    refuse_foreign(conn, path, found, false)?;
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

/// Refuse another program's database. `odd_version` says the header's schema version is not
/// one ClaimDesk writes: a file marked as ours is then damaged, not foreign (the caller says
/// so), and an unmarked one is another program's.
fn refuse_foreign(conn: &Connection, path: &Path, found: u32, odd_version: bool) -> Result<()> {
    let application_id: i32 = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let foreign = if odd_version {
        application_id != APPLICATION_ID
    } else if found == 0 {
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
