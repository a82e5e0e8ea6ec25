//! `claimdesk import-json`: restore a JSON export into an empty database.

use std::io::Write;
use std::path::PathBuf;

use claimdesk_interchange::restore::import_json;
use clap::Args;

use super::input::read_export;
use super::{Outcome, open_desk};

/// `claimdesk import-json`.
#[derive(Args)]
pub struct ImportJsonArgs {
    /// The export: a file, or `-` for standard input.
    file: String,
}

/// Read the export, then restore it into the database `db` names.
pub fn run(args: ImportJsonArgs, db: Option<PathBuf>, out: &mut impl Write) -> Outcome {
    let text = read_export(&args.file)?;
    let desk = open_desk(db)?;
    let restored = import_json(&desk, &text)?;
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
