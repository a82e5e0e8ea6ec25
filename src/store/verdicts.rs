//! The desk's verdict scale, and keeping each claim's verdict consistent with it and with the
//! claim's status.

use rusqlite::Connection;

use crate::error::Result;
use crate::model::ClaimStatus;
use crate::records::{Claim, HistoryChange, Settings};
use crate::store::review::change_field;
use crate::store::{Desk, queries};
use crate::verdict::{VerdictLevel, VerdictPreset, VerdictScale};

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

/// Set a claim's verdict as the desk's scale allows, in the caller's transaction: on a fixed
/// scale the label must be one of its levels and the claim takes that level's status too
/// (status first, then verdict, each with its history entry).
pub(crate) fn apply_verdict(
    conn: &Connection,
    now: &str,
    by: &str,
    claim: &Claim,
    verdict: Option<&str>,
) -> Result<()> {
    let scale = queries::settings(conn)?.verdict_scale;
    let (verdict, status) = scale.resolve(verdict)?;
    if let Some(status) = status {
        change_field(
            conn,
            now,
            by,
            claim,
            HistoryChange::Status,
            Some(claim.status.as_str()),
            Some(status.as_str()),
        )?;
    }
    change_field(
        conn,
        now,
        by,
        claim,
        HistoryChange::Verdict,
        claim.verdict.as_deref(),
        verdict.as_deref(),
    )
}

/// After a claim's status became `status`, withdraw a fixed-scale verdict that meant another
/// status: reopening a review, or reversing it, must not leave the old verdict published.
pub(crate) fn withdraw_stale_verdict(
    conn: &Connection,
    now: &str,
    by: &str,
    claim: &Claim,
    status: ClaimStatus,
) -> Result<()> {
    let Some(verdict) = claim.verdict.as_deref() else {
        return Ok(());
    };
    let scale = queries::settings(conn)?.verdict_scale;
    if scale.verdict_survives(verdict, status) {
        return Ok(());
    }
    change_field(
        conn,
        now,
        by,
        claim,
        HistoryChange::Verdict,
        Some(verdict),
        None,
    )
}
