//! What the engine finds in a text: sentences, claims, the dates they mention and the reasons
//! for their scores. All offsets are character offsets (Unicode scalar values) into the article
//! text exactly as imported, end exclusive, because that is what survives a round trip through
//! any language; the UI converts them to its own string indices.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use claimdesk_error::{Error, Result};

/// A sentence of an article, as the segmenter found it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sentence {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// The article's characters `start..end`.
    pub text: String,
}

/// A date expression in a claim and what it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DateMention {
    /// The expression as written ("Wednesday", "in July", "Nov. 7, 2017").
    pub text: String,
    /// Character offset of the expression in the article.
    pub start: usize,
    /// Character offset one past the expression.
    pub end: usize,
    /// ISO 8601 day (`2017-11-08`), week (`2017-W45`), month (`2017-07`) or year (`2017`), or
    /// an interval for a season (`2017-06/2017-08`) or a decade (`1990/1999`); `None` when the
    /// expression needs an anchor date and the article has none.
    pub value: Option<String>,
}

/// One reason that raised or lowered a claim's check-worthiness score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScoreReason {
    /// Stable identifier of the signal (`number`, `named_entity`, `hedge`, ...).
    // Borrowed from the engine's table when the engine makes it: every claim carries several
    // reasons, and an allocation fewer per reason is a measurable share of scoring.
    #[ts(type = "string")]
    pub signal: std::borrow::Cow<'static, str>,
    /// What the editor reads ("contains a figure: 3.2 million").
    pub label: String,
    /// Contribution to the score's log-odds: positive raised it, negative lowered it.
    pub weight: f64,
}

/// What sort of checkable statement a claim is, after the Full Fact claim taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClaimKind {
    /// A figure: an amount, count, percentage or money.
    Quantity,
    /// A comparison or trend: more, less, highest, doubled, first.
    Comparison,
    /// Something that happened (or did not), usually with a date or place.
    Event,
    /// One thing caused, led to or prevented another.
    Causal,
    /// What a law, rule or policy says or does.
    LawPolicy,
    /// A claim about the future.
    Prediction,
    /// A quoted or reported statement whose content is mainly opinion.
    Opinion,
    /// A factual statement that fits none of the above.
    Other,
}

impl ClaimKind {
    /// Every kind, in the order the UI lists them.
    pub const ALL: [ClaimKind; 8] = [
        ClaimKind::Quantity,
        ClaimKind::Comparison,
        ClaimKind::Event,
        ClaimKind::Causal,
        ClaimKind::LawPolicy,
        ClaimKind::Prediction,
        ClaimKind::Opinion,
        ClaimKind::Other,
    ];

    /// The stable identifier, as stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "quantity",
            ClaimKind::Comparison => "comparison",
            ClaimKind::Event => "event",
            ClaimKind::Causal => "causal",
            ClaimKind::LawPolicy => "law_policy",
            ClaimKind::Prediction => "prediction",
            ClaimKind::Opinion => "opinion",
            ClaimKind::Other => "other",
        }
    }

    /// A label for people ("Law or policy").
    pub fn label(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "Quantity",
            ClaimKind::Comparison => "Comparison or trend",
            ClaimKind::Event => "Event",
            ClaimKind::Causal => "Cause and effect",
            ClaimKind::LawPolicy => "Law or policy",
            ClaimKind::Prediction => "Prediction",
            ClaimKind::Opinion => "Opinion",
            ClaimKind::Other => "Other",
        }
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        ClaimKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| {
                Error::invalid_input(format!(
                    "unknown claim kind {s:?}; use one of: {}",
                    ClaimKind::ALL.map(ClaimKind::as_str).join(", ")
                ))
            })
    }
}

/// A checkable claim as the engine found it in a text.
///
/// This is the object `claimdesk extract --format jsonl` writes, one per line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExtractedClaim {
    /// The article's characters `start..end`.
    pub text: String,
    /// Character offset of the claim's first character.
    pub start: usize,
    /// Character offset one past the claim's last character.
    pub end: usize,
    /// Character offset of the sentence that holds the claim (its context).
    pub sentence_start: usize,
    /// Character offset one past that sentence.
    pub sentence_end: usize,
    /// Check-worthiness in 0..1.
    pub score: f64,
    /// Whether the score reaches the threshold at which the desk should check it.
    pub checkworthy: bool,
    /// What sort of claim it is.
    pub kind: ClaimKind,
    /// The person or body the article attributes the claim to; `None` when the outlet asserts it.
    /// One name for one speaker across the article: "PRESIDENT Donald Trump", "Mr. Trump" and
    /// "Trump's" are "Donald Trump".
    pub speaker: Option<String>,
    /// The speaker's role as the article gives it, kept apart from the name ("President").
    /// On the desk it becomes the claim's `speaker_role`, which editors correct; a stored
    /// claim's reading leaves it empty, so it is written only when the engine found one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub speaker_role: Option<String>,
    /// Date expressions inside the claim, resolved against the article's date.
    pub dates: Vec<DateMention>,
    /// Why the score is what it is, strongest first.
    pub reasons: Vec<ScoreReason>,
    /// True when the claim comes from a photo caption rather than the article body.
    pub caption: bool,
}
