//! What the structure stages know about one claim, for the stages that judge it.
//!
//! Cleaning, segmentation, splitting, attribution and dates each learn something about a claim
//! that its words alone do not show: who said it, whether it is a quotation, whether it comes
//! from a caption or a headline, whether it was split out of a longer sentence, which dates it
//! refers to. Scoring and claim kinds read this context rather than re-deriving it.

use crate::attribution::Cue;
use crate::claim::DateMention;

/// A claim with the context the structure stages found for it.
#[derive(Debug, Clone, Copy)]
pub struct ClaimContext<'a> {
    /// The claim's text.
    pub claim: &'a str,
    /// The whole sentence that holds it.
    pub sentence: &'a str,
    /// Who makes the claim, resolved to a name where the text allows; `None` when the outlet
    /// asserts it.
    pub speaker: Option<&'a str>,
    /// How the claim is attributed.
    pub cue: Cue,
    /// Whether the claim is a direct quotation.
    pub quoted: bool,
    /// Date expressions inside the claim, resolved where an anchor allows.
    pub dates: &'a [DateMention],
    /// Whether the claim comes from a photo caption.
    pub caption: bool,
    /// Whether the sentence is a headline or other line without final punctuation.
    pub headline: bool,
    /// Whether the claim is one of several split out of its sentence.
    pub split: bool,
}

impl ClaimContext<'_> {
    /// Whether someone other than the outlet makes the claim.
    pub fn is_attributed(&self) -> bool {
        self.speaker.is_some()
    }

    /// Whether at least one date in the claim resolved to a calendar value.
    pub fn has_resolved_date(&self) -> bool {
        self.dates.iter().any(|d| d.value.is_some())
    }
}
