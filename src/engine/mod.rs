//! The claim engine: from an article's text to checkable claims with spans, speakers, dates
//! and explained scores.
//!
//! The pipeline is a chain of modules, one per concept: [`segmentation`] finds sentences,
//! [`scoring`] rates each one's check-worthiness. Every stage works on the original text and
//! reports character offsets into it, so a claim's span always points at what the editor sees.

pub mod kinds;
pub mod scoring;
pub mod segmentation;
pub mod signals;
pub mod training;

use chrono::NaiveDate;

use crate::model::{ClaimKind, ExtractedClaim, Sentence};

/// What the engine needs to know about an article besides its text.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The article's publication date: the anchor for "Wednesday", "last year", "in July".
    pub published: Option<NaiveDate>,
}

/// Everything the engine found in one text.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The sentences of the text, in order.
    pub sentences: Vec<Sentence>,
    /// The candidate claims, in text order; `checkworthy` tells which ones the desk should check.
    pub claims: Vec<ExtractedClaim>,
}

/// Find the claims in `text`.
pub fn extract(text: &str, options: &ExtractOptions) -> Extraction {
    let _ = options.published;
    let sentences = segmentation::sentences(text);
    let claims = sentences
        .iter()
        .map(|sentence| {
            let rating = scoring::score_sentence(&sentence.text);
            ExtractedClaim {
                text: sentence.text.clone(),
                start: sentence.start,
                end: sentence.end,
                sentence_start: sentence.start,
                sentence_end: sentence.end,
                score: rating.score,
                checkworthy: rating.checkworthy,
                kind: ClaimKind::Other,
                speaker: None,
                dates: Vec::new(),
                reasons: rating.reasons,
                caption: false,
            }
        })
        .collect();
    Extraction { sentences, claims }
}
