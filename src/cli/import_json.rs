//! `claimdesk import-json`: restore a JSON export into an empty database.

use std::io::Write;
use std::path::PathBuf;

use claimdesk::Error;
use claimdesk_interchange::restore::import_json_from;
use clap::Args;

use super::{Outcome, open_desk};

/// `claimdesk import-json`.
#[derive(Args)]
pub struct ImportJsonArgs {
    /// The export: a file, or `-` for standard input.
    file: String,
}

/// Restore the export into the database `db` names, reading it as it is restored: an export
/// of any size is never held in memory whole.
pub fn run(args: ImportJsonArgs, db: Option<PathBuf>, out: &mut impl Write) -> Outcome {
    let file = if args.file == "-" {
        None
    } else {
        // Opened before the database, so a wrong name changes nothing.
        Some(
            std::fs::File::open(&args.file)
                .map_err(|e| Error::from(e).context(format!("cannot read {}", args.file)))?,
        )
    };
    let desk = open_desk(db)?;
    let restored = match file {
        Some(file) => import_json_from(&desk, file),
        None => import_json_from(&desk, std::io::stdin().lock()),
    }?;
    writeln!(
        out,
        "Restored {} article(s), {} claim(s), {} evidence link(s) and {} history entries into {}.",
        restored.articles,
        restored.claims,
        restored.evidence,
        restored.history,
        desk.path().display()
    )?;
    Ok(())
}
