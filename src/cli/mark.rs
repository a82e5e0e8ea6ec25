//! `claimdesk mark`: set a claim's status.

use std::io::Write;

use claimdesk::Desk;
use claimdesk::identity::LocalEditor;
use claimdesk_store::review_state::ClaimStatus;
use clap::Args;

use super::Outcome;
use super::input::parse_status;
use super::output::one_line;

/// `claimdesk mark`.
#[derive(Args)]
pub struct MarkArgs {
    /// The claim's id.
    claim: i64,
    /// The new status.
    #[arg(value_parser = parse_status)]
    status: ClaimStatus,
    /// The verdict to give it, on the desk's scale ("Mostly false"); verified and disputed
    /// claims only.
    #[arg(long, value_name = "V")]
    verdict: Option<String>,
    /// A note to set with it (replaces the current note).
    #[arg(long)]
    note: Option<String>,
    /// Who made the change [default: this machine's editor name (`claimdesk reviewer`), else
    /// $USER].
    #[arg(long)]
    by: Option<String>,
}

/// Set the status and say what it was before.
pub fn run(args: MarkArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let MarkArgs {
        claim,
        status,
        verdict,
        note,
        by,
    } = args;
    let by = match by {
        Some(by) => by,
        None => LocalEditor::of_this_machine().name(desk)?.0,
    };
    let before = desk.claim(claim)?.claim.status;
    let detail = desk.mark(
        claim,
        status,
        verdict.as_deref(),
        note.as_deref(),
        by.as_str(),
    )?;
    if before == status {
        writeln!(
            out,
            "Claim {claim} was already {}.",
            status.label().to_lowercase()
        )?;
    } else {
        writeln!(
            out,
            "Claim {claim} is now {} (was {}).",
            status.label().to_lowercase(),
            before.label().to_lowercase()
        )?;
    }
    if verdict.is_some() {
        writeln!(
            out,
            "Verdict: {}",
            detail.claim.verdict.as_deref().unwrap_or("none")
        )?;
    }
    if note.is_some() {
        writeln!(out, "Note: {}", one_line(&detail.claim.note))?;
    }
    Ok(())
}
