//! `claimdesk extract`, `sentences` and `score`: the engine on a text, without a database.

use std::io::{self, BufRead, Write};

use chrono::NaiveDate;
use claimdesk::rating::{self, Rating};
use claimdesk_engine::{self as engine, ExtractOptions};
use clap::{Args, ValueEnum};

use super::Outcome;
use super::input::{parse_date, read_input};
use super::output::write_jsonl;

/// The one output of these commands: a JSON object per line.
#[derive(Clone, Copy, ValueEnum)]
pub enum LineFormat {
    /// One JSON object per line.
    Jsonl,
}

/// `claimdesk extract`.
#[derive(Args)]
pub struct ExtractArgs {
    /// The article: a file, or `-` (the default) for standard input.
    #[arg(default_value = "-")]
    file: String,
    /// Publication date (YYYY-MM-DD), the anchor for relative dates.
    #[arg(long, value_parser = parse_date)]
    published: Option<NaiveDate>,
    /// Rate the claims with the linear sentence model alone instead of the sentence encoder:
    /// some 100 times faster, for bulk work, but it ranks claims less well (BENCHMARKS.md).
    #[arg(long)]
    fast: bool,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: LineFormat,
}

/// `claimdesk sentences`.
#[derive(Args)]
pub struct SentencesArgs {
    /// The article: a file, or `-` (the default) for standard input.
    #[arg(default_value = "-")]
    file: String,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: LineFormat,
}

/// `claimdesk score`.
#[derive(Args)]
pub struct ScoreArgs {
    #[arg(long, value_enum, default_value = "jsonl")]
    format: LineFormat,
}

/// The claims of a text, one JSON object each.
pub fn extract(args: ExtractArgs, out: &mut impl Write) -> Outcome {
    let LineFormat::Jsonl = args.format;
    let text = read_input(&args.file)?;
    // The engine's options grow; `..Default::default()` keeps this call compiling as they do.
    #[allow(clippy::needless_update)]
    let (extraction, warning) = rating::extract(
        &text,
        &ExtractOptions {
            published: args.published,
            ..Default::default()
        },
        if args.fast {
            Rating::Fast
        } else {
            Rating::Encoder
        },
    )?;
    if let Some(warning) = warning {
        eprintln!("claimdesk: warning: {warning}");
    }
    write_jsonl(out, &extraction.claims)
}

/// The sentences of a text, one JSON object each.
pub fn sentences(args: SentencesArgs, out: &mut impl Write) -> Outcome {
    let LineFormat::Jsonl = args.format;
    let text = read_input(&args.file)?;
    write_jsonl(out, engine::segmentation::sentences(&text))
}

/// The score of each line of standard input.
pub fn score(args: ScoreArgs, out: &mut impl Write) -> Outcome {
    let LineFormat::Jsonl = args.format;
    for line in io::stdin().lock().lines() {
        let rating = engine::scoring::score_sentence(&line?);
        write_jsonl(
            out,
            [serde_json::json!({"score": rating.score, "checkworthy": rating.checkworthy})],
        )?;
    }
    Ok(())
}
