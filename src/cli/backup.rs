//! `claimdesk backup` and `claimdesk restore`: a consistent copy of the desk while editors
//! work, and putting one back.

use std::io::Write;
use std::path::PathBuf;

use claimdesk::Desk;
use claimdesk_store::backup::{self, BackupSummary};
use clap::Args;

use super::Outcome;

/// `claimdesk backup`.
#[derive(Args)]
pub struct BackupArgs {
    /// The backup file to write (it must not exist yet).
    file: PathBuf,
}

/// `claimdesk restore`.
#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file to restore (written by `claimdesk backup`, or an upgrade's
    /// `.backup-v<N>-...` copy).
    file: PathBuf,
}

fn described(summary: &BackupSummary) -> String {
    format!(
        "{} articles, {} claims, {} history entries, schema version {}, {:.1} MB",
        summary.articles,
        summary.claims,
        summary.history,
        summary.schema_version,
        summary.bytes as f64 / 1_048_576.0
    )
}

/// Write the backup and say what it holds.
pub fn run_backup(args: BackupArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let summary = desk.backup_to(&args.file)?;
    writeln!(
        out,
        "Backed up {} to {}: {}. Checked: the copy opens and is undamaged.",
        desk.path().display(),
        summary.path.display(),
        described(&summary)
    )?;
    Ok(())
}

/// Restore the backup into the desk at `db`.
pub fn run_restore(args: RestoreArgs, db: PathBuf, out: &mut impl Write) -> Outcome {
    let summary = backup::restore(&args.file, &db, chrono::Utc::now())?;
    writeln!(
        out,
        "Restored {} into {}: {}.",
        args.file.display(),
        db.display(),
        described(&summary.restored)
    )?;
    if let Some(previous) = summary.previous {
        writeln!(
            out,
            "The desk as it was before is kept in {} (restore that to go back).",
            previous.display()
        )?;
    }
    Ok(())
}
