//! The desk's verdict scale, and keeping each claim's verdict consistent with it and with the
//! claim's status.

use crate::actions::Recorder;
use crate::records::{Claim, HistoryChange, Settings};
use crate::review::change_field;
use crate::review_state::ClaimStatus;
use crate::verdict::{VerdictLevel, VerdictPreset, VerdictScale};
use crate::{Desk, queries};
use claimdesk_error::Result;

impl Desk {
    /// The scale verdicts are given and published on.
    pub fn verdict_scale(&self) -> Result<VerdictScale> {
        Ok(self.settings()?.verdict_scale)
    }

    /// Choose the verdict scale: a preset, or `Custom` with the desk's own levels. Verdicts
    /// already given keep their labels; reports mark those not on the new scale.
    pub fn set_verdict_scale(
        &self,
        preset: VerdictPreset,
        levels: Option<Vec<VerdictLevel>>,
    ) -> Result<Settings> {
        let scale = VerdictScale::new(preset, levels)?;
        let stored = serde_json::to_string(&scale)?;
        self.write(|tx| {
            queries::put_setting(tx, "verdict_scale", Some(&stored))?;
            queries::settings(tx)
        })
    }
}

/// The verdict `verdict` is on the desk's scale, and the status it gives the claim: on a fixed
/// scale the label must be one of its levels (in the scale's spelling) and means a status.
pub(crate) fn resolve(
    conn: &rusqlite::Connection,
    verdict: Option<&str>,
) -> Result<(Option<String>, Option<ClaimStatus>)> {
    queries::settings(conn)?.verdict_scale.resolve(verdict)
}

/// Give a claim a verdict [`resolve`]d on the desk's scale, in the caller's action: the
/// level's status first, then the verdict, each with its history entry. Undoing the action
/// takes both back together.
pub(crate) fn apply_verdict(
    rec: &mut Recorder<'_>,
    claim: &Claim,
    (verdict, status): (Option<String>, Option<ClaimStatus>),
) -> Result<()> {
    if let Some(status) = status {
        change_field(
            rec,
            claim,
            HistoryChange::Status,
            Some(claim.status.as_str()),
            Some(status.as_str()),
        )?;
    }
    change_field(
        rec,
        claim,
        HistoryChange::Verdict,
        claim.verdict.as_deref(),
        verdict.as_deref(),
    )
}

/// After a claim's status became `status`, withdraw a fixed-scale verdict that meant another
/// status: reopening a review, or reversing it, must not leave the old verdict published.
pub(crate) fn withdraw_stale_verdict(
    rec: &mut Recorder<'_>,
    claim: &Claim,
    status: ClaimStatus,
) -> Result<()> {
    let Some(verdict) = claim.verdict.as_deref() else {
        return Ok(());
    };
    let scale = queries::settings(rec.conn())?.verdict_scale;
    if scale.verdict_survives(verdict, status) {
        return Ok(());
    }
    change_field(rec, claim, HistoryChange::Verdict, Some(verdict), None)
}
