//! `claimdesk claims`: the claims on the desk, filtered.

use std::io::Write;

use claimdesk::Desk;
use claimdesk_engine::ClaimKind;
use claimdesk_store::ClaimFilter;
use claimdesk_store::records::Claim;
use claimdesk_store::review_state::ClaimStatus;
use clap::Args;

use super::Outcome;
use super::input::{parse_kind, parse_status};
use super::output::{ListFormat, clip, write_jsonl, write_table};

/// `claimdesk claims`.
#[derive(Args)]
pub struct ClaimsArgs {
    /// Only claims of this article.
    #[arg(long, value_name = "ID")]
    article: Option<i64>,
    /// Only claims in this status (repeat or separate with commas for several).
    #[arg(long, value_name = "S", value_delimiter = ',', value_parser = parse_status)]
    status: Vec<ClaimStatus>,
    /// Only claims of this kind: quantity, comparison, event, causal, law_policy,
    /// prediction, opinion, other (repeat or separate with commas for several).
    #[arg(long, value_name = "K", value_delimiter = ',', value_parser = parse_kind)]
    kind: Vec<ClaimKind>,
    /// Only claims attributed to this speaker: the whole name or any word of it, in any case
    /// ("Trump" finds "Donald Trump").
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Only claims scoring at least this (0 to 1).
    #[arg(long, value_name = "SCORE")]
    min_score: Option<f64>,
    /// Only claims whose text or note holds these words (the last one as a prefix).
    #[arg(long, value_name = "WORDS")]
    search: Option<String>,
    /// Also list the claims of photo captions (left out by default, as in the app's list).
    #[arg(long)]
    captions: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
}

/// List the claims that match.
pub fn run(args: ClaimsArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let claims = desk.claims(&ClaimFilter {
        article_id: args.article,
        statuses: args.status,
        kinds: args.kind,
        speaker: args.speaker,
        min_score: args.min_score,
        query: args.search,
        caption: (!args.captions).then_some(false),
        ..ClaimFilter::default()
    })?;
    match args.format {
        ListFormat::Jsonl => write_jsonl(out, &claims),
        ListFormat::Table => write_claims_table(out, &claims),
    }
}

fn write_claims_table(out: &mut impl Write, claims: &[Claim]) -> Outcome {
    let rows = claims.iter().map(|claim| {
        vec![
            claim.id.to_string(),
            claim.article_id.to_string(),
            claim.status.as_str().to_string(),
            format!("{:.2}", claim.extracted.score),
            claim
                .extracted
                .speaker
                .as_deref()
                .map_or(String::new(), |s| clip(s, 20)),
            if claim.extracted.caption {
                format!("[photo caption] {}", clip(&claim.extracted.text, 54))
            } else {
                clip(&claim.extracted.text, 70)
            },
        ]
    });
    write_table(
        out,
        &["ID", "ARTICLE", "STATUS", "SCORE", "SPEAKER", "CLAIM"],
        rows,
    )?;
    if claims.is_empty() {
        writeln!(out, "No claims match.")?;
    }
    Ok(())
}
