//! `claimdesk import`: articles from web addresses, files and folders onto the desk, a result
//! per item.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use claimdesk::import::{
    ArticleInput, file_source, import_file, import_url, is_web_address, outcome_of,
};
use claimdesk::rating::Rating;
use claimdesk::{Desk, Error, ErrorKind};
use claimdesk_fetch::Fetcher;
use claimdesk_sources::{self as sources, ArticleHints};
use claimdesk_store::records::{BatchImport, FileImport, FileOutcome};
use clap::Args;

use super::Outcome;
use super::input::parse_date;
use super::output::{ListFormat, clip, write_jsonl};

/// `claimdesk import`.
#[derive(Args)]
pub struct ImportArgs {
    /// Web addresses (http or https) of articles, article files, or folders to import every
    /// .txt, .text, .md, .markdown, .html and .htm file in (subfolders too); HTML is
    /// recognised by extension or content.
    #[arg(required = true, value_name = "URL|FILE|FOLDER")]
    files: Vec<PathBuf>,
    /// Headline (one file only).
    #[arg(long)]
    title: Option<String>,
    /// Where it was published, http or https (one file only).
    #[arg(long)]
    url: Option<String>,
    /// Publication date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    published: Option<NaiveDate>,
    /// The publication that ran it.
    #[arg(long)]
    outlet: Option<String>,
    /// The author line.
    #[arg(long)]
    byline: Option<String>,
    /// Read the headline as a claim too (by default it is the title only).
    #[arg(long)]
    headline_as_claim: bool,
    /// Rate the claims with the linear sentence model alone instead of the sentence encoder:
    /// much faster for bulk imports, but it ranks claims less well (BENCHMARKS.md).
    #[arg(long)]
    fast: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
}

/// Import each file (and every article file in each folder), reporting each one's outcome as
/// it goes and a summary at the end; one bad file does not stop the others, but makes the
/// exit status non-zero.
pub fn run(args: ImportArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let hints = ArticleHints {
        title: args.title,
        url: args.url,
        published: args.published.map(|d| d.format("%Y-%m-%d").to_string()),
        outlet: args.outlet,
        byline: args.byline,
        headline_in_body: args.headline_as_claim,
        ..ArticleHints::default()
    };
    // Web addresses are fetched; everything else is a file or folder, in the order given.
    let (addresses, paths): (Vec<PathBuf>, Vec<PathBuf>) = args
        .files
        .into_iter()
        .partition(|arg| is_web_address(&arg.to_string_lossy()));
    let files = sources::article_files(&paths);
    if files.len() + addresses.len() > 1 && (hints.title.is_some() || hints.url.is_some()) {
        return Err(Error::invalid_input(
            "--title and --url describe one article; import the files one at a time to give them",
        )
        .into());
    }
    let rating = if args.fast {
        Rating::Fast
    } else {
        Rating::Encoder
    };
    let mut batch = BatchImport::default();
    let fetcher = (!addresses.is_empty()).then(Fetcher::default);
    for address in addresses {
        let address = address.to_string_lossy().into_owned();
        let fetcher = fetcher
            .as_ref()
            .ok_or_else(|| Error::internal("no web client"))?;
        let result = outcome_of(
            Some(address.clone()),
            import_url(desk, fetcher, &address, hints.clone()),
        );
        report_file(&address, &result, args.format, out)?;
        batch.push(result);
    }
    for (path, found) in files {
        let name = path.display().to_string();
        let read = found.and_then(|()| sources::read_file_bytes(&path)).map(
            |(bytes, content, warnings)| ArticleInput {
                source: Some(file_source(desk, Some(&name), &bytes)),
                content,
                hints: ArticleHints {
                    file_name: Some(name.clone()),
                    ..hints.clone()
                },
                warnings,
            },
        );
        let result = import_file(desk, Some(name.clone()), read, rating);
        report_file(&name, &result, args.format, out)?;
        batch.push(result);
    }
    if args.format == ListFormat::Table && batch.files.len() > 1 {
        writeln!(
            out,
            "{} files: {} imported, {} already present, {} failed.",
            batch.files.len(),
            batch.imported,
            batch.already_present,
            batch.failed
        )?;
    }
    if batch.failed > 0 {
        out.flush()?;
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "{} of {} file(s) could not be imported",
                batch.failed,
                batch.files.len()
            ),
        )
        .into());
    }
    Ok(())
}

/// One file's line: on standard output for an article, on standard error for a failure.
fn report_file(
    name: &str,
    result: &FileImport,
    format: ListFormat,
    out: &mut impl Write,
) -> Outcome {
    if format == ListFormat::Jsonl {
        return write_jsonl(out, [result]);
    }
    for warning in &result.warnings {
        eprintln!("claimdesk: warning: {name}: {warning}");
    }
    match (&result.article, &result.error) {
        (Some(summary), _) => {
            let title = clip(&summary.title, 70);
            match result.outcome {
                FileOutcome::Imported => writeln!(
                    out,
                    "Imported {name} as article {}, \u{201C}{title}\u{201D}: {} claim(s) to check.",
                    summary.id, summary.counts.total
                )?,
                _ => writeln!(
                    out,
                    "Already present: {name} is article {}, \u{201C}{title}\u{201D}.",
                    summary.id
                )?,
            }
        }
        (None, Some(error)) => {
            out.flush()?;
            eprintln!("claimdesk: {name}: {}", error.message);
        }
        (None, None) => {}
    }
    Ok(())
}
