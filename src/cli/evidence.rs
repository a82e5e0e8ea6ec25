//! `claimdesk evidence`: evidence links of claims.

use std::io::Write;

use claimdesk::Desk;
use claimdesk::identity::LocalEditor;
use claimdesk_store::review_state::Stance;
use clap::Subcommand;

use super::Outcome;
use super::input::parse_stance;

/// `claimdesk evidence …`.
#[derive(Subcommand)]
pub enum EvidenceAction {
    /// Attach an evidence link to a claim.
    Add {
        /// The claim's id.
        claim: i64,
        /// The source: an http or https link.
        url: String,
        /// The source's title.
        #[arg(long)]
        title: Option<String>,
        /// How it bears on the claim.
        #[arg(long, default_value = "context", value_parser = parse_stance)]
        stance: Stance,
        /// Why it matters.
        #[arg(long)]
        note: Option<String>,
        /// Who attached it [default: this machine's editor name, else $USER].
        #[arg(long)]
        by: Option<String>,
    },
}

/// Run an evidence action.
pub fn run(action: EvidenceAction, desk: &Desk, out: &mut impl Write) -> Outcome {
    match action {
        EvidenceAction::Add {
            claim,
            url,
            title,
            stance,
            note,
            by,
        } => {
            let by = match by {
                Some(by) => by,
                None => LocalEditor::of_this_machine().name(desk)?.0,
            };
            let detail = desk.add_evidence(
                claim,
                &url,
                title.as_deref(),
                stance,
                note.as_deref(),
                by.as_str(),
            )?;
            let added = detail
                .evidence
                .last()
                .map_or(url.as_str(), |e| e.url.as_str());
            writeln!(
                out,
                "Added evidence to claim {claim} ({stance}): {added}. It now has {} link(s).",
                detail.evidence.len()
            )?;
        }
    }
    Ok(())
}
