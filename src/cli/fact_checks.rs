//! `claimdesk fact-checks`: the library of published fact-checks, and "checked before?" for
//! claims typed or piped in.

use std::io::{self, BufRead, Write};
use std::time::Instant;

use claimdesk::{Desk, Error, ErrorKind};
use claimdesk_matching::{self as matching, FactCheckFileImport, FactCheckMatch};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Outcome;
use super::output::{ListFormat, clip, write_jsonl, write_table};

/// `claimdesk fact-checks …`.
#[derive(Subcommand)]
pub enum FactChecksAction {
    /// Add fact-checks to the library, or update them: JSON Lines (`id`, `claim`, `url`,
    /// optional `title`, `subtitle`, `rating`, `publisher`, `author`, `date`) or schema.org
    /// ClaimReview JSON-LD (an object, an array, a feed, or an HTML page that carries it).
    /// Importing a file again updates what changed and never duplicates.
    Import(ImportArgs),
    /// Rank the library for claims read one per line: the fact-checks that may have checked
    /// each one already, best first.
    Match(MatchArgs),
    /// How many fact-checks the library holds, how many are indexed by meaning, and from whom.
    Status,
}

/// `claimdesk fact-checks import`.
#[derive(Args)]
pub struct ImportArgs {
    /// Fact-check files (JSON Lines, JSON-LD, or HTML pages with ClaimReview markup).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
}

/// `claimdesk fact-checks match`.
#[derive(Args)]
pub struct MatchArgs {
    /// A file with one claim per line, or `-` for standard input.
    #[arg(default_value = "-", value_name = "FILE|-")]
    file: String,
    /// How many fact-checks per claim.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
    top: u32,
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
}

/// The largest fact-check file read (the library reader's own limit).
const MAX_FILE_BYTES: u64 = claimdesk_interchange::fact_checks::MAX_FILE_BYTES as u64;

/// Claims matched per batch: their embeddings are computed together.
const MATCH_BATCH: usize = 64;

/// Run a `fact-checks` action.
pub fn run(action: FactChecksAction, desk: &Desk, out: &mut impl Write) -> Outcome {
    match action {
        FactChecksAction::Import(args) => import(args, desk, out),
        FactChecksAction::Match(args) => match_claims(args, desk, out),
        FactChecksAction::Status => status(desk, out),
    }
}

fn read_file(path: &str) -> claimdesk::Result<String> {
    let context = |err: io::Error| Error::from(err).context(format!("cannot read {path}"));
    let size = std::fs::metadata(path).map_err(context)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "{path} is {} MB; fact-check files up to {} MB are read: split it",
                size / 1_048_576,
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(context)?;
    String::from_utf8(bytes).map_err(|_| {
        Error::new(
            ErrorKind::UnsupportedFormat,
            format!("{path} is not UTF-8 text, so it is not JSON Lines or JSON-LD"),
        )
    })
}

fn import(args: ImportArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let mut failed = 0;
    for path in &args.files {
        let result = matching::import_file(desk, Some(path.clone()), read_file(path));
        if result.error.is_some() {
            failed += 1;
        }
        report_file(path, &result, args.format, out)?;
        out.flush()?;
    }
    index(desk)?;
    if failed > 0 {
        return Err(Error::invalid_input(format!(
            "{failed} of {} file(s) could not be imported (see above)",
            args.files.len()
        ))
        .into());
    }
    Ok(())
}

fn report_file(
    path: &str,
    result: &FactCheckFileImport,
    format: ListFormat,
    out: &mut impl Write,
) -> Outcome {
    if format == ListFormat::Jsonl {
        return write_jsonl(out, [result]);
    }
    if let Some(err) = &result.error {
        eprintln!("claimdesk: {path}: {}", err.message);
        return Ok(());
    }
    let c = result.counts;
    writeln!(
        out,
        "{path}: {} added, {} updated, {} unchanged ({})",
        c.added,
        c.updated,
        c.unchanged,
        result.format.as_deref().unwrap_or("unknown format")
    )?;
    if result.skipped > 0 {
        eprintln!("claimdesk: {path}: {} record(s) left out:", result.skipped);
        for problem in &result.problems {
            eprintln!("  {}: {}", problem.place, problem.message);
        }
        if result.skipped as usize > result.problems.len() {
            eprintln!(
                "  … and {} more",
                result.skipped as usize - result.problems.len()
            );
        }
    }
    if result.noted > 0 {
        eprintln!(
            "claimdesk: {path}: {} record(s) kept without a field that did not read:",
            result.noted
        );
        for note in &result.notes {
            eprintln!("  {}: {}", note.place, note.message);
        }
        if result.noted as usize > result.notes.len() {
            eprintln!(
                "  … and {} more",
                result.noted as usize - result.notes.len()
            );
        }
    }
    Ok(())
}

/// Embed what the library still lacks, with progress on standard error.
fn index(desk: &Desk) -> Outcome {
    let Some(embedder) = desk.embedder() else {
        eprintln!(
            "claimdesk: note: without the sentence encoder the library is matched by its \
             words only"
        );
        return Ok(());
    };
    let started = Instant::now();
    let mut shown = false;
    let progress = matching::embed_all(
        desk,
        embedder.as_ref(),
        matching::library::EMBED_BATCH,
        |p| {
            if p.embedded > 0 || shown {
                shown = true;
                let share = 100.0 * f64::from(p.indexed) / f64::from(p.total.max(1));
                eprint!(
                    "\rIndexing fact-checks by meaning: {}/{} ({share:.0}%)  ",
                    p.indexed, p.total
                );
            }
        },
    )?;
    if shown {
        eprintln!(
            "\rIndexed {} fact-checks by meaning in {:.0} s.            ",
            progress.indexed,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// One fact-check as `match --format jsonl` prints it.
#[derive(Serialize)]
struct MatchLine<'a> {
    id: &'a str,
    score: f32,
    claim: &'a str,
    url: Option<&'a str>,
    publisher: Option<&'a str>,
    rating: Option<&'a str>,
    title: Option<&'a str>,
    date: Option<&'a str>,
    similarity: Option<f32>,
    confident: bool,
}

impl<'a> From<&'a FactCheckMatch> for MatchLine<'a> {
    fn from(m: &'a FactCheckMatch) -> Self {
        let f = &m.fact_check;
        MatchLine {
            id: &f.source_key,
            // Four decimals: the ranking, not float noise.
            score: (m.score * 1e4).round() / 1e4,
            claim: &f.claim,
            url: f.url.as_deref(),
            publisher: f.publisher.as_deref(),
            rating: f.rating.as_deref(),
            title: f.title.as_deref(),
            date: f.published.as_deref(),
            similarity: m.similarity.map(|s| (s * 1e4).round() / 1e4),
            confident: m.confident,
        }
    }
}

#[derive(Serialize)]
struct LineMatches<'a> {
    line: usize,
    matches: Vec<MatchLine<'a>>,
}

fn match_claims(args: MatchArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let library = desk.fact_check_library(None)?;
    if library.total == 0 {
        return Err(Error::not_found(
            "the fact-check library is empty: add fact-checks with `claimdesk fact-checks import FILE`",
        )
        .into());
    }
    if let Some(embedder) = desk.embedder() {
        let indexed = desk
            .fact_check_library(Some(&embedder.model_id()?))?
            .indexed;
        if indexed < library.total {
            eprintln!(
                "claimdesk: note: {} of {} fact-checks are not indexed by meaning yet and are \
                 matched by their words; run `claimdesk fact-checks import` with their file to \
                 finish",
                library.total - indexed,
                library.total
            );
        }
    }
    let reader: Box<dyn BufRead> = if args.file == "-" {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        let file = std::fs::File::open(&args.file)
            .map_err(|e| Error::from(e).context(format!("cannot read {}", args.file)))?;
        Box::new(io::BufReader::new(file))
    };
    let mut batch: Vec<(usize, String)> = Vec::with_capacity(MATCH_BATCH);
    let mut printed_header = false;
    for (number, line) in reader.lines().enumerate() {
        let line =
            line.map_err(|e| Error::from(e).context(format!("cannot read {}", args.file)))?;
        batch.push((number + 1, line));
        if batch.len() == MATCH_BATCH {
            write_batch(desk, &batch, &args, &mut printed_header, out)?;
            batch.clear();
        }
    }
    write_batch(desk, &batch, &args, &mut printed_header, out)
}

fn write_batch(
    desk: &Desk,
    batch: &[(usize, String)],
    args: &MatchArgs,
    printed_header: &mut bool,
    out: &mut impl Write,
) -> Outcome {
    let claims: Vec<&str> = batch
        .iter()
        .map(|(_, text)| text.as_str())
        .filter(|t| !t.trim().is_empty())
        .collect();
    let mut ranked = matching::match_texts(desk, &claims, args.top as usize)?.into_iter();
    for (number, text) in batch {
        let matches = if text.trim().is_empty() {
            Vec::new()
        } else {
            ranked.next().unwrap_or_default()
        };
        match args.format {
            ListFormat::Jsonl => write_jsonl(
                out,
                [LineMatches {
                    line: *number,
                    matches: matches.iter().map(MatchLine::from).collect(),
                }],
            )?,
            ListFormat::Table => {
                if !*printed_header {
                    *printed_header = true;
                } else {
                    writeln!(out)?;
                }
                writeln!(out, "{number}: {}", clip(text, 100))?;
                let rows = matches.iter().map(|m| {
                    let f = &m.fact_check;
                    vec![
                        format!("{:.2}", m.score),
                        if m.confident {
                            "likely".into()
                        } else {
                            String::new()
                        },
                        f.rating.clone().unwrap_or_default(),
                        f.publisher.clone().unwrap_or_default(),
                        clip(&f.claim, 70),
                    ]
                });
                write_table(out, &["  score", "", "rating", "publisher", "claim"], rows)?;
            }
        }
    }
    Ok(())
}

fn status(desk: &Desk, out: &mut impl Write) -> Outcome {
    let model = desk.embedder().map(|e| e.model_id()).transpose()?;
    let library = desk.fact_check_library(model.as_deref())?;
    writeln!(out, "{} fact-checks in the library", library.total)?;
    match model {
        Some(_) => writeln!(out, "{} indexed by meaning", library.indexed)?,
        None => writeln!(out, "matched by their words (no sentence encoder)")?,
    }
    for publisher in &library.publishers {
        writeln!(
            out,
            "  {:>7}  {}",
            publisher.count,
            publisher.publisher.as_deref().unwrap_or("(no publisher)")
        )?;
    }
    Ok(())
}
