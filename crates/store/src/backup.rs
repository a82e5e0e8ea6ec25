//! Backups while editors work, and restoring one.
//!
//! **Backup** is SQLite's `VACUUM INTO` on a read connection: one read transaction, so the
//! copy is the desk exactly as it was at one moment (every change committed before it began,
//! none after), while editors go on writing; the WAL lets writers continue without waiting.
//! (SQLite's page-by-page backup API restarts whenever another connection writes, so on a busy
//! desk it might never finish.) The copy is written beside its destination, flushed to disk,
//! checked, and only then renamed to the name asked for: a file with that name is always a
//! whole, checked backup.
//!
//! **Restore** copies a checked backup into the desk's file with SQLite's backup API, under
//! the desk's write lock, after keeping the desk as it was beside it
//! (`<db>.before-restore-<time>`): a restore can itself be undone.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::migrations::{self, LATEST_VERSION};
use crate::{Desk, open_connection};
use claimdesk_error::{Error, ErrorKind, Result};

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The backup file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// The articles in it (deleted ones too).
    pub articles: i64,
    /// The claims in it.
    pub claims: i64,
    /// The history entries in it.
    pub history: i64,
    /// Its schema version.
    pub schema_version: u32,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreSummary {
    /// What was restored.
    pub restored: BackupSummary,
    /// Where the desk as it was before the restore was kept, when there was one.
    pub previous: Option<PathBuf>,
}

fn counts(conn: &Connection) -> Result<(i64, i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims),
                (SELECT count(*) FROM history)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?)
}

/// Check a backup file (ours, not newer than this ClaimDesk, undamaged) and say what it holds.
pub fn inspect_backup(path: &Path) -> Result<BackupSummary> {
    if !path.is_file() {
        return Err(Error::not_found(format!(
            "there is no backup file {}",
            path.display()
        )));
    }
    migrations::inspect(path, LATEST_VERSION)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let schema_version = migrations::schema_version(&conn)?;
    let (articles, claims, history) = if schema_version == 0 {
        (0, 0, 0)
    } else {
        counts(&conn)?
    };
    Ok(BackupSummary {
        path: path.to_path_buf(),
        bytes: std::fs::metadata(path)?.len(),
        articles,
        claims,
        history,
        schema_version,
    })
}

fn utf8(path: &Path) -> Result<&str> {
    path.to_str().ok_or_else(|| {
        Error::new(
            ErrorKind::Io,
            format!(
                "{} is not a UTF-8 path; choose another name",
                path.display()
            ),
        )
    })
}

/// Flush a file, and the folder that names it, to disk.
fn sync(path: &Path) -> Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Not every platform can open a folder to sync it; the file itself is synced.
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

impl Desk {
    /// Write a consistent copy of the desk to `to` while editors keep working, and check it.
    /// Refuses to overwrite an existing file.
    pub fn backup_to(&self, to: &Path) -> Result<BackupSummary> {
        if to.exists() {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!(
                    "{} already exists; give a new file name (backups are never overwritten)",
                    to.display()
                ),
            ));
        }
        let partial = {
            let mut name = to.as_os_str().to_owned();
            name.push(".partial");
            PathBuf::from(name)
        };
        let _ = std::fs::remove_file(&partial);
        let target = utf8(&partial)?.to_string();
        // A connection of its own, outside any transaction: VACUUM INTO refuses to run inside
        // one (the pooled readers always begin one), and takes its own read transaction.
        let written = open_connection(self.path(), true).and_then(|conn| {
            conn.execute("VACUUM INTO ?1", [&target]).map_err(|err| {
                Error::new(
                    ErrorKind::Io,
                    format!("the backup to {} failed: {err}", to.display()),
                )
            })?;
            Ok(())
        });
        let checked = written
            .and_then(|()| sync(&partial))
            .and_then(|()| inspect_backup(&partial));
        if let Err(err) = checked {
            let _ = std::fs::remove_file(&partial);
            return Err(err);
        }
        std::fs::rename(&partial, to).map_err(|err| {
            let _ = std::fs::remove_file(&partial);
            Error::from(err).context(format!("cannot name the backup {}", to.display()))
        })?;
        sync(to)?;
        inspect_backup(to)
    }
}

/// Restore the backup `from` into the desk at `to`: the backup is checked first, the desk as
/// it is is kept beside it, then the backup's pages replace the desk's under its write lock,
/// and the restored desk is opened (brought up to this version's schema, and checked).
pub fn restore(from: &Path, to: &Path, now: DateTime<Utc>) -> Result<RestoreSummary> {
    let restored = inspect_backup(from)?;
    if restored.schema_version == 0 {
        return Err(Error::invalid_input(format!(
            "{} is an empty database, not a backup of a desk",
            from.display()
        )));
    }
    if let (Ok(a), Ok(b)) = (from.canonicalize(), to.canonicalize())
        && a == b
    {
        return Err(Error::invalid_input(
            "the backup and the desk are the same file; give the desk with --db",
        ));
    }
    if to.exists() {
        // A damaged desk is what a restore is for; another program's file, or a newer
        // ClaimDesk's, is not ours to replace.
        match migrations::inspect(to, LATEST_VERSION) {
            Err(err) if err.kind() != ErrorKind::DatabaseDamaged => {
                return Err(err.context("nothing was restored"));
            }
            _ => {}
        }
    }
    let previous = if to.exists() {
        let mut name = to.as_os_str().to_owned();
        name.push(format!(".before-restore-{}", now.format("%Y%m%dT%H%M%SZ")));
        let keep = PathBuf::from(name);
        keep_previous(to, &keep)?;
        Some(keep)
    } else {
        None
    };
    let source = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mut target = open_connection(to, false)?;
    {
        let copy = rusqlite::backup::Backup::new(&source, &mut target)?;
        // All pages in one step: the desk's write lock is held once, and readers see the
        // desk before or after, never half of each.
        match copy.step(-1)? {
            rusqlite::backup::StepResult::Done => {}
            _ => {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "the desk {} is busy (an editor is saving); stop `claimdesk serve` and \
                         the desktop app, then restore again. Nothing was changed",
                        to.display()
                    ),
                ));
            }
        }
    }
    drop(target);
    drop(Desk::open(to)?);
    Ok(RestoreSummary { restored, previous })
}

/// Keep the desk at `path` as it is, at `keep`: a consistent copy when it can be read,
/// otherwise (it is damaged, which may be why it is being restored) its bytes.
fn keep_previous(path: &Path, keep: &Path) -> Result<()> {
    let copied = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(Error::from)
    .and_then(|conn| {
        conn.execute("VACUUM INTO ?1", [utf8(keep)?])?;
        Ok(())
    });
    if copied.is_err() {
        let _ = std::fs::remove_file(keep);
        std::fs::copy(path, keep).map_err(|err| {
            Error::from(err).context(format!(
                "cannot keep the desk as it was at {} before restoring; nothing was changed",
                keep.display()
            ))
        })?;
    }
    sync(keep)
}
