//! Verdict scales: the labels a desk gives its checked claims, and what they mean in a
//! published rating.
//!
//! A desk publishes its verdicts on a scale of its own: a two-level verified/disputed scale, a
//! six-level true…false scale, or free text. The scale decides which verdict labels a claim may
//! get, which review status each label implies (a "Mostly false" claim is disputed), and the
//! numbers a ClaimReview's `reviewRating` carries (`ratingValue`, `bestRating`, `worstRating`)
//! when the scale is numeric. The scale lives in the desk's settings; the claims store only
//! the label, so changing the scale never rewrites a verdict already given.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::records::Claim;
use crate::review_state::ClaimStatus;
use claimdesk_error::{Error, ErrorKind, Result};

/// Most levels a scale may have: more would not fit a reader's head, nor a rating widget.
pub const MAX_LEVELS: usize = 12;

/// Longest level label, in characters.
pub const MAX_LABEL_CHARS: usize = 60;

/// Which kind of scale a desk uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VerdictPreset {
    /// Two labels, "Verified" and "Disputed", the same as the review statuses.
    VerifiedDisputed,
    /// Six numeric levels from "True" (6) to "False" (1).
    TrueFalse,
    /// Any label the checker types; ratings carry the label only. A new desk starts here.
    #[default]
    FreeText,
    /// The desk's own levels.
    Custom,
}

impl VerdictPreset {
    /// Every preset, in the order the settings list them.
    pub const ALL: [VerdictPreset; 4] = [
        VerdictPreset::VerifiedDisputed,
        VerdictPreset::TrueFalse,
        VerdictPreset::FreeText,
        VerdictPreset::Custom,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            VerdictPreset::VerifiedDisputed => "Verified / disputed",
            VerdictPreset::TrueFalse => "Six levels, true to false",
            VerdictPreset::FreeText => "Free text",
            VerdictPreset::Custom => "Custom levels",
        }
    }
}

/// One level of a verdict scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct VerdictLevel {
    /// The label readers see ("Mostly false"): ClaimReview's `alternateName`.
    pub label: String,
    /// Its number on a numeric scale (higher is more accurate): ClaimReview's `ratingValue`.
    /// Either every level of a scale has one, or none has.
    #[serde(default)]
    pub value: Option<u32>,
    /// The review status a claim with this verdict has: `verified` or `disputed`.
    pub status: ClaimStatus,
}

/// A desk's verdict scale: a preset and its levels, most accurate first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct VerdictScale {
    /// Which scale this is.
    pub preset: VerdictPreset,
    /// Its levels, most accurate first; empty for free text.
    pub levels: Vec<VerdictLevel>,
}

/// A claim's verdict as a published rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Rating {
    /// The label: the verdict, or the status when no verdict was given.
    pub alternate_name: String,
    /// The level's number, on a numeric scale.
    pub rating_value: Option<u32>,
    /// The scale's best number, on a numeric scale.
    pub best_rating: Option<u32>,
    /// The scale's worst number, on a numeric scale.
    pub worst_rating: Option<u32>,
    /// Whether the label is a level of the desk's scale (false for a verdict given on an
    /// earlier scale, or a status standing in for a missing verdict).
    pub on_scale: bool,
}

fn level(label: &str, value: Option<u32>, status: ClaimStatus) -> VerdictLevel {
    VerdictLevel {
        label: label.to_string(),
        value,
        status,
    }
}

impl VerdictScale {
    /// The scale a preset stands for. `Custom` starts from the six-level scale's labels
    /// without numbers, for the desk to edit.
    pub fn preset(preset: VerdictPreset) -> VerdictScale {
        use ClaimStatus::{Disputed, Verified};
        let levels = match preset {
            VerdictPreset::VerifiedDisputed => vec![
                level("Verified", None, Verified),
                level("Disputed", None, Disputed),
            ],
            VerdictPreset::TrueFalse => vec![
                level("True", Some(6), Verified),
                level("Mostly true", Some(5), Verified),
                level("Half true", Some(4), Disputed),
                level("Misleading", Some(3), Disputed),
                level("Mostly false", Some(2), Disputed),
                level("False", Some(1), Disputed),
            ],
            VerdictPreset::FreeText => Vec::new(),
            VerdictPreset::Custom => VerdictScale::preset(VerdictPreset::TrueFalse)
                .levels
                .into_iter()
                .map(|level| VerdictLevel {
                    value: None,
                    ..level
                })
                .collect(),
        };
        VerdictScale { preset, levels }
    }

    /// Every preset's scale, for the settings screen.
    pub fn presets() -> Vec<VerdictScale> {
        VerdictPreset::ALL
            .into_iter()
            .map(VerdictScale::preset)
            .collect()
    }

    /// A scale from a preset, or from the desk's own levels for `Custom`, checked.
    pub fn new(preset: VerdictPreset, levels: Option<Vec<VerdictLevel>>) -> Result<VerdictScale> {
        let scale = match (preset, levels) {
            (VerdictPreset::Custom, Some(levels)) => VerdictScale {
                preset,
                levels: levels
                    .into_iter()
                    .map(|level| VerdictLevel {
                        label: level.label.split_whitespace().collect::<Vec<_>>().join(" "),
                        ..level
                    })
                    .collect(),
            },
            (VerdictPreset::Custom, None) => {
                return Err(Error::invalid_input(
                    "a custom verdict scale needs its levels: give each a label and the status \
                     it means (verified or disputed)",
                ));
            }
            (preset, Some(levels)) if levels != VerdictScale::preset(preset).levels => {
                return Err(Error::invalid_input(format!(
                    "the {} scale has fixed levels; choose the custom scale to change them",
                    preset.label().to_lowercase()
                )));
            }
            (preset, _) => VerdictScale::preset(preset),
        };
        scale.check()?;
        Ok(scale)
    }

    /// Reject a scale whose levels a report could not publish unambiguously.
    fn check(&self) -> Result<()> {
        if self.preset == VerdictPreset::FreeText {
            return Ok(());
        }
        if self.levels.len() < 2 || self.levels.len() > MAX_LEVELS {
            return Err(Error::invalid_input(format!(
                "a verdict scale needs 2 to {MAX_LEVELS} levels; this one has {}",
                self.levels.len()
            )));
        }
        let mut seen: Vec<String> = Vec::new();
        for level in &self.levels {
            let len = level.label.chars().count();
            if len == 0 {
                return Err(Error::invalid_input("every verdict level needs a label"));
            }
            if len > MAX_LABEL_CHARS {
                return Err(Error::new(
                    ErrorKind::TooLarge,
                    format!(
                        "the verdict label {:?} is {len} characters long; the limit is \
                         {MAX_LABEL_CHARS}",
                        level.label
                    ),
                ));
            }
            if !level.status.is_reviewed() {
                return Err(Error::invalid_input(format!(
                    "the verdict {:?} must mean verified or disputed, not {}",
                    level.label, level.status
                )));
            }
            let key = level.label.to_lowercase();
            if seen.contains(&key) {
                return Err(Error::invalid_input(format!(
                    "the verdict {:?} appears twice on the scale",
                    level.label
                )));
            }
            seen.push(key);
        }
        let numbered = self.levels.iter().filter(|l| l.value.is_some()).count();
        if numbered != 0 && numbered != self.levels.len() {
            return Err(Error::invalid_input(
                "give every verdict level a number, or none: a rating needs the whole scale",
            ));
        }
        Ok(())
    }

    /// Whether ratings on this scale carry numbers.
    pub fn is_numeric(&self) -> bool {
        !self.levels.is_empty() && self.levels.iter().all(|level| level.value.is_some())
    }

    /// Whether verdicts must be one of the levels (every scale but free text).
    pub fn is_fixed(&self) -> bool {
        !self.levels.is_empty()
    }

    /// The level labelled `label`, ignoring case and surrounding space.
    pub fn level(&self, label: &str) -> Option<&VerdictLevel> {
        let wanted = label.split_whitespace().collect::<Vec<_>>().join(" ");
        self.levels
            .iter()
            .find(|level| level.label.to_lowercase() == wanted.to_lowercase())
    }

    /// The level a verdict must be on this scale, or an error listing the levels.
    pub fn require_level(&self, label: &str) -> Result<&VerdictLevel> {
        self.level(label).ok_or_else(|| {
            let labels: Vec<&str> = self.levels.iter().map(|l| l.label.as_str()).collect();
            Error::invalid_input(format!(
                "{label:?} is not a verdict on the desk's scale; use one of: {}",
                labels.join(", ")
            ))
        })
    }

    /// The rating a claim publishes: its verdict's level, or, with no verdict, the one level
    /// that means its status (on the two-level scale "Disputed" is the disputed status); the
    /// status label otherwise.
    pub fn rating(&self, claim: &Claim) -> Rating {
        let level = match &claim.verdict {
            Some(verdict) => self.level(verdict),
            None => {
                let mut meaning = self.levels.iter().filter(|l| l.status == claim.status);
                match (meaning.next(), meaning.next()) {
                    (Some(only), None) => Some(only),
                    _ => None,
                }
            }
        };
        let numbers = self.is_numeric();
        let values = || self.levels.iter().filter_map(|l| l.value);
        match level {
            Some(level) => Rating {
                alternate_name: level.label.clone(),
                rating_value: level.value.filter(|_| numbers),
                best_rating: values().max().filter(|_| numbers),
                worst_rating: values().min().filter(|_| numbers),
                on_scale: true,
            },
            None => Rating {
                alternate_name: claim
                    .verdict
                    .clone()
                    .unwrap_or_else(|| claim.status.label().to_string()),
                rating_value: None,
                best_rating: None,
                worst_rating: None,
                on_scale: !self.is_fixed() && claim.verdict.is_some(),
            },
        }
    }

    /// The verdict and status a claim gets when `verdict` is set on this scale: on a fixed
    /// scale the label is put in the scale's spelling and the claim takes the level's status;
    /// free text is kept as typed and leaves the status alone.
    pub fn resolve(&self, verdict: Option<&str>) -> Result<(Option<String>, Option<ClaimStatus>)> {
        match verdict {
            None => Ok((None, None)),
            Some(label) if self.is_fixed() => {
                let level = self.require_level(label)?;
                Ok((Some(level.label.clone()), Some(level.status)))
            }
            Some(label) => Ok((Some(label.to_string()), None)),
        }
    }

    /// Whether a claim may keep `verdict` once its status becomes `status`: a fixed-scale
    /// verdict belongs to one status, and reopening or reversing the review withdraws it.
    pub fn verdict_survives(&self, verdict: &str, status: ClaimStatus) -> bool {
        match self.level(verdict) {
            Some(level) => level.status == status,
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn the_presets_are_valid_scales() {
        for scale in VerdictScale::presets() {
            let rebuilt = VerdictScale::new(scale.preset, Some(scale.levels.clone()));
            assert_eq!(rebuilt.as_ref().ok(), Some(&scale), "{:?}", scale.preset);
        }
        assert!(VerdictScale::preset(VerdictPreset::TrueFalse).is_numeric());
        assert!(!VerdictScale::preset(VerdictPreset::VerifiedDisputed).is_numeric());
        assert!(!VerdictScale::default().is_fixed());
    }

    #[rstest]
    #[case::too_few(vec![level("Yes", None, ClaimStatus::Verified)], "2 to")]
    #[case::twice(
        vec![level("Yes", None, ClaimStatus::Verified), level("yes", None, ClaimStatus::Disputed)],
        "twice"
    )]
    #[case::half_numbered(
        vec![level("Yes", Some(2), ClaimStatus::Verified), level("No", None, ClaimStatus::Disputed)],
        "every verdict level a number"
    )]
    #[case::open_status(
        vec![level("Yes", None, ClaimStatus::Verified), level("Later", None, ClaimStatus::InProgress)],
        "verified or disputed"
    )]
    #[case::blank(
        vec![level("Yes", None, ClaimStatus::Verified), level("  ", None, ClaimStatus::Disputed)],
        "needs a label"
    )]
    fn custom_scales_that_cannot_be_published_are_refused(
        #[case] levels: Vec<VerdictLevel>,
        #[case] message: &str,
    ) {
        let err = VerdictScale::new(VerdictPreset::Custom, Some(levels)).unwrap_err();
        assert!(err.message().contains(message), "{}", err.message());
    }

    #[test]
    fn a_preset_refuses_edited_levels() {
        let err = VerdictScale::new(
            VerdictPreset::TrueFalse,
            Some(vec![
                level("Yes", None, ClaimStatus::Verified),
                level("No", None, ClaimStatus::Disputed),
            ]),
        )
        .unwrap_err();
        assert!(err.message().contains("custom"), "{}", err.message());
    }

    #[test]
    fn verdicts_on_a_fixed_scale_take_its_spelling_and_status() {
        let scale = VerdictScale::preset(VerdictPreset::TrueFalse);
        assert_eq!(
            scale.resolve(Some("  mostly   FALSE ")).unwrap(),
            (
                Some("Mostly false".to_string()),
                Some(ClaimStatus::Disputed)
            )
        );
        let err = scale.resolve(Some("Pants on fire")).unwrap_err();
        assert!(err.message().contains("Mostly true"), "{}", err.message());
        let free = VerdictScale::default();
        assert_eq!(
            free.resolve(Some("Unproven")).unwrap(),
            (Some("Unproven".to_string()), None)
        );
    }

    #[test]
    fn a_verdict_is_withdrawn_when_the_review_moves_away_from_it() {
        let scale = VerdictScale::preset(VerdictPreset::TrueFalse);
        assert!(scale.verdict_survives("False", ClaimStatus::Disputed));
        assert!(!scale.verdict_survives("False", ClaimStatus::Verified));
        assert!(!scale.verdict_survives("False", ClaimStatus::InProgress));
        assert!(scale.verdict_survives("From an older scale", ClaimStatus::Verified));
    }
}
