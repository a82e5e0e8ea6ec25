//! `claimdesk reextract`: read articles again from their kept originals.

use std::io::Write;

use claimdesk::Desk;
use claimdesk::reextract::reextract;
use clap::Args;

use super::Outcome;
use super::output::{ListFormat, write_jsonl};

/// `claimdesk reextract`.
#[derive(Args)]
pub struct ReextractArgs {
    /// The article's id.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    article: Option<i64>,
    /// Every article on the desk whose original is kept.
    #[arg(long)]
    all: bool,
    /// Who the change is recorded as [default: the reviewer in settings, else $USER].
    #[arg(long)]
    by: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
}

/// Read each article again; one that fails is reported and the others still run.
pub fn run(args: ReextractArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let ids = match args.article {
        Some(id) => vec![id],
        None => desk.articles_with_originals()?,
    };
    let mut failed = 0;
    for id in &ids {
        match reextract(desk, *id, args.by.as_deref()) {
            Ok(result) if args.format == ListFormat::Jsonl => write_jsonl(out, [&result])?,
            Ok(result) => writeln!(
                out,
                "Article {id}: {}; {} claim(s) kept ({} moved), {} added, {} retired{}.",
                if result.text_changed {
                    format!(
                        "text read again by {}",
                        result.reader.as_deref().unwrap_or("the reader")
                    )
                } else {
                    "text unchanged".to_string()
                },
                result.kept,
                result.moved,
                result.added,
                result.retired,
                if result.retired_reviewed > 0 {
                    format!(
                        " ({} reviewed: their reviews stay in the history)",
                        result.retired_reviewed
                    )
                } else {
                    String::new()
                }
            )?,
            Err(err) => {
                failed += 1;
                out.flush()?;
                eprintln!("claimdesk: article {id}: {}", err.message());
            }
        }
    }
    if failed > 0 {
        return Err(claimdesk::Error::invalid_input(format!(
            "{failed} of {} article(s) could not be read again",
            ids.len()
        ))
        .into());
    }
    Ok(())
}
