//! The `claimdesk` commands, one module each, and what they share: the database option, how a
//! failure ends the program, and how output is written ([`output`]) and input read
//! ([`input`]).

mod articles;
mod backup;
mod claims;
mod edit;
mod evidence;
mod export;
mod extract;
mod fact_checks;
mod feeds;
mod import;
mod import_json;
mod input;
mod mark;
mod output;
mod reextract;
mod reviewer;
mod serve;
mod settings;
mod user;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use claimdesk::{Desk, Error, ErrorKind, default_database_path};

/// The command line as typed.
#[derive(Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Find, review and report on checkable claims in news articles",
    after_help = "The database is the desktop app's unless --db or CLAIMDESK_DB names another."
)]
pub struct Cli {
    /// The database file [default: the desktop app's, in your data directory].
    #[arg(long, global = true, env = "CLAIMDESK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find the claims in an article (no database): one JSON object per claim.
    Extract(extract::ExtractArgs),
    /// Split an article into sentences: one JSON object per sentence.
    Sentences(extract::SentencesArgs),
    /// Score sentences read one per line on standard input.
    Score(extract::ScoreArgs),
    /// Import articles (web addresses, plain text, Markdown or HTML files) and store their
    /// check-worthy claims.
    Import(import::ImportArgs),
    /// Read articles again from their kept originals with this ClaimDesk's reader and
    /// engine, keeping every review whose claim text is unchanged.
    Reextract(reextract::ReextractArgs),
    /// List the articles on the desk with their claim counts.
    Articles(articles::ArticlesArgs),
    /// List claims.
    Claims(claims::ClaimsArgs),
    /// Set a claim's status: unreviewed, in_progress, needs_evidence, verified, disputed,
    /// dismissed; and its verdict with --verdict.
    Mark(mark::MarkArgs),
    /// Correct what the desk publishes about a claim: its wording, speaker, kind, dates and
    /// review page.
    Edit(edit::EditArgs),
    /// Show or set who publishes the reports and where each claim's fact check lives.
    Settings(settings::SettingsArgs),
    /// Show the reviewer name that changes are recorded under, or set it.
    Reviewer(reviewer::ReviewerArgs),
    /// Evidence links of claims.
    Evidence {
        #[command(subcommand)]
        action: evidence::EvidenceAction,
    },
    /// RSS and Atom feeds: subscribe, list, refresh (import every item not seen before),
    /// unsubscribe.
    Feeds {
        #[command(subcommand)]
        action: feeds::FeedsAction,
    },
    /// Write a verification report: Markdown, HTML, CSV, JSON or ClaimReview JSON-LD.
    ///
    /// The scope options narrow it; a claim's review date is when its current verdict was
    /// reached (its last status or verdict change while verified or disputed).
    Export(export::ExportArgs),
    /// The library of published fact-checks: import files of them, and find which may have
    /// checked a claim already.
    FactChecks {
        #[command(subcommand)]
        action: fact_checks::FactChecksAction,
    },
    /// Restore a JSON export (`export --format json`) into an empty database, history
    /// included.
    ImportJson(import_json::ImportJsonArgs),
    /// Serve the web UI and its JSON API over HTTP: for one editor on this machine, or for
    /// a newsroom's editors, who sign in (see `user`).
    Serve(serve::ServeArgs),
    /// The accounts editors sign in to a desk server with.
    User {
        #[command(subcommand)]
        action: user::UserAction,
    },
    /// Write a consistent, checked copy of the desk to FILE, while editors keep working.
    Backup(backup::BackupArgs),
    /// Put a backup back in place of the desk (the desk as it was is kept beside it). Stop
    /// `claimdesk serve` and the desktop app first.
    Restore(backup::RestoreArgs),
}

impl Cli {
    /// Run the command.
    pub fn run(self) -> Outcome {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        let db = self.db;
        match self.command {
            Command::Extract(args) => extract::extract(args, &mut out)?,
            Command::Sentences(args) => extract::sentences(args, &mut out)?,
            Command::Score(args) => extract::score(args, &mut out)?,
            Command::Import(args) => import::run(args, &open_desk(db)?, &mut out)?,
            Command::Reextract(args) => reextract::run(args, &open_desk(db)?, &mut out)?,
            Command::Articles(args) => articles::run(args, &open_desk(db)?, &mut out)?,
            Command::Claims(args) => claims::run(args, &open_desk(db)?, &mut out)?,
            Command::Mark(args) => mark::run(args, &open_desk(db)?, &mut out)?,
            Command::Edit(args) => edit::run(args, &open_desk(db)?, &mut out)?,
            Command::Settings(args) => settings::run(args, &open_desk(db)?, &mut out)?,
            Command::Reviewer(args) => reviewer::run(args, &open_desk(db)?, &mut out)?,
            Command::Evidence { action } => evidence::run(action, &open_desk(db)?, &mut out)?,
            Command::Feeds { action } => feeds::run(action, &open_desk(db)?, &mut out)?,
            Command::Export(args) => export::run(args, &open_desk(db)?, &mut out)?,
            Command::FactChecks { action } => fact_checks::run(action, &open_desk(db)?, &mut out)?,
            Command::ImportJson(args) => import_json::run(args, db, &mut out)?,
            Command::User { action } => user::run(action, &open_desk(db)?, &mut out)?,
            Command::Backup(args) => backup::run_backup(args, &open_desk(db)?, &mut out)?,
            Command::Restore(args) => backup::run_restore(args, database_path(db)?, &mut out)?,
            // Serving never returns until the server stops; it writes its own lines.
            Command::Serve(args) => return serve::run(args, open_desk(db)?, out),
        }
        out.flush()?;
        Ok(())
    }
}

/// Why a command stopped early.
pub enum Failure {
    /// An error to report.
    Error(Error),
    /// Whoever read our output stopped reading (`claimdesk claims | head`): not an error.
    OutputClosed,
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Error(err)
    }
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        if err.kind() == io::ErrorKind::BrokenPipe {
            Failure::OutputClosed
        } else {
            Failure::Error(err.into())
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(err: serde_json::Error) -> Self {
        if err.io_error_kind() == Some(io::ErrorKind::BrokenPipe) {
            Failure::OutputClosed
        } else {
            Failure::Error(Error::internal(format!("cannot write JSON: {err}")))
        }
    }
}

/// How a command ended.
pub type Outcome = std::result::Result<(), Failure>;

/// Open the database `--db` (or `CLAIMDESK_DB`) names, else the desktop app's. The core's
/// message names the file and what is wrong with it; the way to pick another file is the
/// command line's to say.
fn open_desk(db: Option<PathBuf>) -> Result<Desk, Error> {
    let path = database_path(db)?;
    // A file that cannot be opened as a desk is about the database the command line picked.
    claimdesk::open_desk(&path).map_err(|err| match err.kind() {
        ErrorKind::Io
        | ErrorKind::Database
        | ErrorKind::DatabaseTooNew
        | ErrorKind::DatabaseDamaged
            if err.field().is_none() =>
        {
            err.with_field("database")
        }
        _ => err,
    })
}

/// The database `--db` (or `CLAIMDESK_DB`) names, else the desktop app's.
fn database_path(db: Option<PathBuf>) -> Result<PathBuf, Error> {
    match db {
        Some(path) => Ok(path),
        None => default_database_path(),
    }
}

/// How to give, on this command line, the field a core error names: the core knows fields,
/// only the command line knows its flags.
fn flags_for(field: &str) -> Option<&'static str> {
    match field {
        // A report needs both, so both are named.
        "organisation_name" | "organisation_url" => {
            Some("or pass --org-name NAME and --org-url URL to `claimdesk export`")
        }
        "database" => Some("choose the database file with --db PATH"),
        "published" => Some("give it with --published YYYY-MM-DD"),
        "review_url_template" => Some(
            "set it with `claimdesk settings --review-url-template URL` or pass              --review-url-template to `claimdesk export`",
        ),
        "url" => Some("give it with --url URL"),
        _ => None,
    }
}

/// The exit status of a command, after saying on stderr why it failed.
pub fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(()) | Err(Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(Failure::Error(err)) => {
            match err.field().and_then(flags_for) {
                Some(flags) => eprintln!("claimdesk: {err} ({flags})"),
                None => eprintln!("claimdesk: {err}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// The exit status of a command line that could not be parsed, after saying why (or printing
/// the help or version asked for).
pub fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind as ClapKind;
    match err.kind() {
        ClapKind::DisplayHelp | ClapKind::DisplayVersion => {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        ClapKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let rendered = err.render().to_string();
    let message = rendered.trim_start_matches("error: ").trim_end();
    eprintln!("claimdesk: {message}");
    ExitCode::from(2)
}
