//! `claimdesk articles`: the articles on the desk with their claim counts.

use std::io::Write;

use claimdesk::Desk;
use clap::Args;

use super::Outcome;
use super::output::{ListFormat, clip, write_jsonl, write_table};

/// `claimdesk articles`.
#[derive(Args)]
pub struct ArticlesArgs {
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
}

/// List the articles, newest import first.
pub fn run(args: ArticlesArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let articles = desk.list_articles()?;
    match args.format {
        ListFormat::Jsonl => write_jsonl(out, &articles)?,
        ListFormat::Table => {
            let rows = articles.iter().map(|a| {
                vec![
                    a.id.to_string(),
                    a.published.clone().unwrap_or_default(),
                    a.counts.total.to_string(),
                    a.counts.verified.to_string(),
                    a.counts.disputed.to_string(),
                    (a.counts.unreviewed + a.counts.in_progress + a.counts.needs_evidence)
                        .to_string(),
                    clip(&a.title, 60),
                ]
            });
            let header = [
                "ID",
                "PUBLISHED",
                "CLAIMS",
                "VERIFIED",
                "DISPUTED",
                "OPEN",
                "TITLE",
            ];
            write_table(out, &header, rows)?;
            if articles.is_empty() {
                writeln!(
                    out,
                    "No articles yet: add one with `claimdesk import FILE`."
                )?;
            }
        }
    }
    Ok(())
}
