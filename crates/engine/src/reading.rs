//! Check-worthiness as the sentence encoder reads it, explained in an editor's terms.
//!
//! The encoder (`claimdesk-encoder`, a MiniLM fine-tuned on the ClaimBuster training debates)
//! reads the sentence that holds a claim, with its attribution ("Nair said the toll would push
//! freight onto residential streets" is read as the reported claim it is, not as a bare
//! hypothetical), and gives a logit. That logit is the claim's rating by its words; in a
//! transcript the transcript layer then weighs it with who speaks and what surrounds it
//! ([`crate::article`]), fitted on the CheckThat! 2019 training debates.
//!
//! A transformer's logit explains nothing by itself, so the reasons split it: each sentence
//! signal that fired ([`Signal`]: a figure, a name, a date, a hedge, attribution, ...) gets its
//! typical effect on the encoder's logit, from a linear *surrogate* fitted to the encoder's
//! logits on the ClaimBuster training sentences; what the signals do not account for is one
//! reason about the wording as a whole, relative to them ("reads more like a checkable fact
//! than these signs alone"). The reasons
//! add up to the logit (less the surrogate's baseline), so their sizes compare.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::article::{ArticleLayer, ArticleLayerFile, ClaimFeatures};
use super::scoring::{Rating, sigmoid};
use super::signals::{SIGNAL_COUNT, Signal};
use crate::claim::ScoreReason;
use claimdesk_error::{Error, Result};

/// The signal id of the reason for the encoder's reading of the wording as a whole.
pub const READING_SIGNAL: &str = "reading";

/// Contributions smaller than this (in log-odds) are not worth an editor's attention.
const NEGLIGIBLE: f64 = 0.05;

/// The encoder's part of the model file: the thresholds on its logit, the surrogate that
/// explains it, and the transcript layer over it. Fitted by `claimdesk-lab train`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EncoderLayerFile {
    /// How it was fitted: data, model, cross-validation figures.
    pub training: serde_json::Value,
    /// The fingerprint of the encoder weights these numbers were fitted with
    /// (`claimdesk_encoder::Encoder::model_id`).
    pub model_id: String,
    /// Score at and above which a single sentence is check-worthy.
    pub threshold: f64,
    /// Score at and above which a claim in a news article is flagged for review (chosen for
    /// recall).
    pub review_threshold: f64,
    /// The surrogate's log-odds with no signal present.
    pub surrogate_bias: f64,
    /// The surrogate's weight of each [`Signal`] by [`Signal::id`].
    pub surrogate: BTreeMap<String, f64>,
    /// The transcript layer over the encoder's logit, when fitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<ArticleLayerFile>,
}

/// A loaded [`EncoderLayerFile`].
#[derive(Debug, Clone)]
pub struct EncoderLayer {
    /// See [`EncoderLayerFile::model_id`].
    pub model_id: String,
    /// See [`EncoderLayerFile::threshold`].
    pub threshold: f64,
    /// See [`EncoderLayerFile::review_threshold`].
    pub review_threshold: f64,
    surrogate_bias: f64,
    surrogate: [f64; SIGNAL_COUNT],
    transcript: Option<ArticleLayer>,
}

impl EncoderLayer {
    /// Build from the file's section.
    pub fn from_file(file: &EncoderLayerFile) -> Result<EncoderLayer> {
        let mut surrogate = [0.0; SIGNAL_COUNT];
        for (id, weight) in &file.surrogate {
            let signal = Signal::from_id(id).ok_or_else(|| {
                Error::invalid_input(format!("model file names an unknown signal {id:?}"))
            })?;
            surrogate[signal.index()] = *weight;
        }
        Ok(EncoderLayer {
            model_id: file.model_id.clone(),
            threshold: file.threshold,
            review_threshold: file.review_threshold,
            surrogate_bias: file.surrogate_bias,
            surrogate,
            transcript: file
                .transcript
                .as_ref()
                .map(ArticleLayer::from_file)
                .transpose()?,
        })
    }

    /// Rate the claims of one text (in text order) from the encoder's logit for each
    /// (`readings`), replacing the sentence model's ratings: in a transcript through the
    /// transcript layer, elsewhere by the logit alone, flagged at the review threshold.
    pub fn rate(&self, readings: &[f64], features: &mut [ClaimFeatures], ratings: &mut [Rating]) {
        for (feature, reading) in features.iter_mut().zip(readings) {
            feature.read_as(*reading);
        }
        let reasons: Vec<Vec<ScoreReason>> = readings
            .iter()
            .zip(features.iter())
            .map(|(reading, feature)| self.explain(*reading, feature))
            .collect();
        let turns = features.iter().filter(|f| f.in_transcript()).count();
        match &self.transcript {
            Some(layer) if 2 * turns > features.len() => {
                for (rating, (score, flagged, reasons)) in
                    ratings.iter_mut().zip(layer.rate(features, reasons))
                {
                    rating.score = score;
                    rating.logit = super::scoring::logit_of(score);
                    rating.checkworthy = flagged;
                    rating.reasons = reasons;
                }
            }
            _ => {
                for ((rating, reading), reasons) in ratings.iter_mut().zip(readings).zip(reasons) {
                    rating.logit = *reading;
                    rating.score = sigmoid(*reading);
                    rating.checkworthy = rating.score >= self.review_threshold;
                    rating.reasons = reasons;
                }
            }
        }
    }

    /// The rating of a single sentence from its logit (flagged at [`Self::threshold`]).
    pub fn rate_sentence(&self, reading: f64, features: &ClaimFeatures) -> Rating {
        let score = sigmoid(reading);
        Rating {
            score,
            logit: reading,
            phrasing: 0.0,
            checkworthy: score >= self.threshold,
            reasons: self.explain(reading, features),
        }
    }

    /// The reasons for a logit: each signal's surrogate contribution, and the rest as the
    /// reading of the wording, strongest first.
    pub fn explain(&self, reading: f64, features: &ClaimFeatures) -> Vec<ScoreReason> {
        let mut reasons = Vec::with_capacity(6);
        let mut explained = self.surrogate_bias;
        for signal in Signal::ALL {
            let value = f64::from(features.signal_value(signal));
            let weight = value * self.surrogate[signal.index()];
            explained += weight;
            if weight.abs() >= NEGLIGIBLE {
                reasons.push(ScoreReason {
                    signal: signal.id().into(),
                    label: signal.describe(features.evidence(signal)),
                    weight,
                });
            }
        }
        let rest = reading - explained;
        if rest.abs() >= NEGLIGIBLE {
            reasons.push(ScoreReason {
                signal: READING_SIGNAL.into(),
                // Relative to the signals, not absolute: an opinion can still read as more
                // factual than its "I think" and "should" alone would have it.
                label: if rest > 0.0 {
                    "its wording as a whole reads more like a checkable fact than these signs alone"
                        .to_string()
                } else {
                    "its wording as a whole reads less like a checkable fact than these signs alone"
                        .to_string()
                },
                weight: rest,
            });
        }
        reasons.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        reasons
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use claimdesk_encoder::{CHECKWORTHINESS_MODEL, Encoder, find_model};

    use crate::{ExtractOptions, Extraction, extract, extract_with_encoder};

    /// The shipped check-worthiness encoder, loaded once for the tests.
    static ENCODER: LazyLock<Encoder> = LazyLock::new(|| {
        Encoder::load(&find_model(CHECKWORTHINESS_MODEL, &[]).expect("models/ is in the checkout"))
            .expect("the shipped encoder loads")
    });

    fn read(text: &str) -> Extraction {
        extract_with_encoder(text, &ExtractOptions::default(), &ENCODER)
            .expect("the embedded model has a layer for the shipped encoder")
    }

    #[test]
    fn a_reported_claim_is_judged_as_the_claim_it_is() {
        // Issue 12: the linear model read "would" as a hypothetical and left it unflagged.
        let text = "Nair said the toll would push freight onto residential streets.";
        let claim = &read(text).claims[0];
        assert!(claim.checkworthy, "{claim:?}");
        assert_eq!(claim.speaker.as_deref(), Some("Nair"));
        assert!(claim.score > extract(text, &ExtractOptions::default()).claims[0].score);
    }

    #[test]
    fn figures_rank_above_opinion_and_small_talk() {
        let extraction = read(
            "The council approved a 4.2 million dollar budget on Monday. \
             I think we should all be grateful. What a lovely day.",
        );
        let scores: Vec<f64> = extraction.claims.iter().map(|c| c.score).collect();
        assert_eq!(scores.len(), 3, "{:?}", extraction.claims);
        assert!(extraction.claims[0].checkworthy);
        assert!(!extraction.claims[1].checkworthy && !extraction.claims[2].checkworthy);
        assert!(scores[0] > scores[1] && scores[0] > scores[2]);
    }

    #[test]
    fn reasons_name_what_an_editor_sees_and_add_up_to_the_score() {
        let extraction = read("Unemployment fell to 3.9 percent in 2019, the bureau reported.");
        let claim = &extraction.claims[0];
        let signals: Vec<&str> = claim.reasons.iter().map(|r| r.signal.as_ref()).collect();
        assert!(signals.contains(&"percent"), "{:?}", claim.reasons);
        assert!(signals.contains(&"year"), "{:?}", claim.reasons);
        // No n-gram reasons: every reason is a named signal or the reading as a whole.
        assert!(claim.reasons.iter().all(|r| !r.label.is_empty()
            && crate::signals::Signal::from_id(&r.signal).is_some()
            || r.signal == super::READING_SIGNAL));
        let layer = crate::scoring::embedded_model()
            .encoder_layer()
            .expect("the embedded model has an encoder layer");
        let total: f64 = layer.surrogate_bias + claim.reasons.iter().map(|r| r.weight).sum::<f64>();
        let logit = crate::scoring::logit_of(claim.score);
        assert!(
            (total - logit).abs() < 0.5,
            "reasons {total} against logit {logit}"
        );
    }
}
