//! How far a claim's review has got, and how evidence bears on it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use claimdesk_error::{Error, Result};

/// The review status of a claim on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClaimStatus {
    /// Nobody has looked at it yet.
    Unreviewed,
    /// A checker has taken it and is working on it.
    InProgress,
    /// It cannot be settled until more evidence comes in.
    NeedsEvidence,
    /// Checked and supported by the evidence.
    Verified,
    /// Checked and contradicted, or not supported, by the evidence.
    Disputed,
    /// Not a checkable claim after all (kept, with its history, but out of the queue).
    Dismissed,
}

impl ClaimStatus {
    /// Every status, in the order of the review workflow.
    pub const ALL: [ClaimStatus; 6] = [
        ClaimStatus::Unreviewed,
        ClaimStatus::InProgress,
        ClaimStatus::NeedsEvidence,
        ClaimStatus::Verified,
        ClaimStatus::Disputed,
        ClaimStatus::Dismissed,
    ];

    /// The stable identifier, as stored, exported and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Unreviewed => "unreviewed",
            ClaimStatus::InProgress => "in_progress",
            ClaimStatus::NeedsEvidence => "needs_evidence",
            ClaimStatus::Verified => "verified",
            ClaimStatus::Disputed => "disputed",
            ClaimStatus::Dismissed => "dismissed",
        }
    }

    /// A label for people ("Needs evidence").
    pub fn label(self) -> &'static str {
        match self {
            ClaimStatus::Unreviewed => "Unreviewed",
            ClaimStatus::InProgress => "In progress",
            ClaimStatus::NeedsEvidence => "Needs evidence",
            ClaimStatus::Verified => "Verified",
            ClaimStatus::Disputed => "Disputed",
            ClaimStatus::Dismissed => "Dismissed",
        }
    }

    /// Whether a checker has reached a verdict (verified or disputed).
    pub fn is_reviewed(self) -> bool {
        matches!(self, ClaimStatus::Verified | ClaimStatus::Disputed)
    }
}

impl fmt::Display for ClaimStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimStatus {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        ClaimStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| {
                Error::invalid_input(format!(
                    "unknown status {s:?}; use one of: {}",
                    ClaimStatus::ALL.map(ClaimStatus::as_str).join(", ")
                ))
            })
    }
}

/// How an evidence link bears on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Stance {
    /// The source supports the claim.
    Supports,
    /// The source contradicts the claim.
    Refutes,
    /// The source gives background without settling the claim.
    Context,
}

impl Stance {
    /// Every stance.
    pub const ALL: [Stance; 3] = [Stance::Supports, Stance::Refutes, Stance::Context];

    /// The stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Context => "context",
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stance {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase();
        Stance::ALL
            .into_iter()
            .find(|stance| stance.as_str() == wanted)
            .ok_or_else(|| {
                Error::invalid_input(format!(
                    "unknown stance {s:?}; use one of: supports, refutes, context"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_parses_the_spellings_editors_type() {
        assert_eq!(
            "needs-evidence".parse::<ClaimStatus>().ok(),
            Some(ClaimStatus::NeedsEvidence)
        );
        assert_eq!(
            "Verified".parse::<ClaimStatus>().ok(),
            Some(ClaimStatus::Verified)
        );
    }

    #[test]
    fn unknown_status_error_lists_the_valid_ones() {
        let err = "maybe".parse::<ClaimStatus>().unwrap_err();
        assert!(
            err.message().contains("needs_evidence"),
            "{}",
            err.message()
        );
    }
}
