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
        /// Do not fetch the page to keep a snapshot of it now.
        #[arg(long)]
        no_snapshot: bool,
    },
    /// Fetch an evidence link's page again and keep a snapshot of it.
    Snapshot {
        /// The evidence link's id.
        evidence: i64,
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
            no_snapshot,
        } => {
            let url = claimdesk_fetch::complete_scheme(&url);
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
            if !no_snapshot && let Some(evidence) = detail.evidence.last() {
                snapshot(desk, evidence.id, out)?;
            }
        }
        EvidenceAction::Snapshot { evidence } => snapshot(desk, evidence, out)?,
    }
    Ok(())
}

/// Fetch the page of evidence link `id`, keep its snapshot, and say what was kept.
fn snapshot(desk: &Desk, id: i64, out: &mut impl Write) -> Outcome {
    let detail = claimdesk::web::snapshot_evidence(desk, &claimdesk::web::fetcher(), id)?;
    let Some(evidence) = detail.evidence.iter().find(|e| e.id == id) else {
        return Ok(());
    };
    match &evidence.snapshot {
        Some(snapshot) if snapshot.error_code.is_some() => writeln!(
            out,
            "Snapshot of evidence {id}: the page could not be read now ({}){}.",
            snapshot.error_message.as_deref().unwrap_or_default(),
            match &snapshot.fetched_at {
                Some(at) => format!("; the snapshot of {at} is kept"),
                None => String::new(),
            }
        )?,
        Some(snapshot) => writeln!(
            out,
            "Snapshot of evidence {id}: \u{201C}{}\u{201D}, {} characters, status {}.",
            snapshot.title.as_deref().unwrap_or("(no title)"),
            snapshot.text.as_deref().map_or(0, |t| t.chars().count()),
            snapshot.status.unwrap_or_default()
        )?,
        None => {}
    }
    if let Some(archive) = evidence
        .snapshot
        .as_ref()
        .and_then(|s| s.archive_url.as_deref())
    {
        writeln!(out, "Archived at {archive}")?;
    }
    Ok(())
}
