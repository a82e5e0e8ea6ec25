//! `claimdesk export`: a verification report or an export of the desk, to a file or stdout.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use claimdesk::Desk;
use claimdesk::reports::{self, ReportFormat, ReportRequest, ReportScope};
use claimdesk_store::review_state::ClaimStatus;
use clap::{Args, ValueEnum};

use super::Outcome;
use super::input::{parse_date, parse_status};
use super::output::write_atomically;

/// The formats as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// A Markdown verification report.
    Markdown,
    /// One self-contained HTML page (print it to PDF from a browser).
    Html,
    /// One row per claim, for spreadsheets.
    Csv,
    /// Everything, history included; `claimdesk import-json` restores it.
    Json,
    /// schema.org ClaimReview JSON-LD for verified and disputed claims.
    Claimreview,
}

impl From<ExportFormat> for ReportFormat {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Markdown => ReportFormat::Markdown,
            ExportFormat::Html => ReportFormat::Html,
            ExportFormat::Csv => ReportFormat::Csv,
            ExportFormat::Json => ReportFormat::Json,
            ExportFormat::Claimreview => ReportFormat::ClaimReview,
        }
    }
}

/// `claimdesk export`.
#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Only this article.
    #[arg(long, value_name = "ID")]
    article: Option<i64>,
    /// Only these claims (repeat or separate with commas).
    #[arg(long = "claim", value_name = "ID", value_delimiter = ',')]
    claims: Vec<i64>,
    /// Only claims in this status (repeat or separate with commas for several).
    #[arg(long, value_name = "S", value_delimiter = ',', value_parser = parse_status)]
    status: Vec<ClaimStatus>,
    /// Only claims reviewed on or after this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<NaiveDate>,
    /// Only claims reviewed on or before this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<NaiveDate>,
    /// The file to write [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    force: bool,
    /// The publishing organisation's name [default: the one in settings].
    #[arg(long, value_name = "NAME")]
    org_name: Option<String>,
    /// The organisation's web address, ClaimReview's author url [default: the one in
    /// settings].
    #[arg(long, value_name = "URL")]
    org_url: Option<String>,
    /// The address of each claim's fact check, {claim_id} standing for the claim's id
    /// (https://factdesk.example/checks/{claim_id}): ClaimReview's url for claims without a
    /// review page of their own [default: the one in settings].
    #[arg(long, value_name = "T")]
    review_url_template: Option<String>,
    /// HTML and Markdown: list each claim's history and each article's changes (the desk's
    /// audit trail), which published reports leave out.
    #[arg(long)]
    include_history: bool,
}

/// Write the report as it is made; warnings go to stderr.
pub fn run(args: ExportArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let request = ReportRequest {
        format: args.format.into(),
        scope: ReportScope {
            article_id: args.article,
            claim_ids: args.claims,
            statuses: args.status,
            since: args.since,
            until: args.until,
        },
        organisation_name: args.org_name,
        organisation_url: args.org_url,
        review_url_template: args.review_url_template,
        include_history: args.include_history,
    };
    // Written as it is made: a JSON export of a whole desk is never held in memory.
    let written = match args.output {
        None => {
            let mut stdout = std::io::BufWriter::new(&mut *out);
            let written = reports::write(desk, &request, &mut stdout)?;
            stdout.flush()?;
            written
        }
        Some(path) => {
            let written = write_atomically(&path, args.force, |file| {
                reports::write(desk, &request, file)
            })?;
            writeln!(out, "Wrote {}.", path.display())?;
            written
        }
    };
    for warning in written.problems.iter().map(|p| &p.message) {
        eprintln!("claimdesk: warning: {warning}");
    }
    Ok(())
}
