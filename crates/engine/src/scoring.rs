//! Check-worthiness scoring: a logistic model over the sentence's [`signals`](super::signals)
//! and its word n-grams, learned from the ClaimBuster debates (see [`super::training`]).
//!
//! The weights live in `crates/engine/src/model/checkworthiness.json`, are compiled into the binary
//! and parsed once. Every score comes with its reasons: each hand-built signal that fired with
//! its contribution to the log-odds, and the learned wording summarised in one reason for
//! and one against ("wording typical of factual claims: 'percent', 'million'").

use std::collections::BTreeMap;
use std::sync::LazyLock;

use claimdesk_error::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::claim::{ClaimKind, ScoreReason};
use crate::lexicon::function_words::FUNCTION_WORDS;

use super::article::{ArticleLayer, ArticleLayerFile, ClaimFeatures};
use super::context::ClaimContext;
use super::kinds;
use super::reading::{EncoderLayer, EncoderLayerFile};
use super::signals::{self, Analysis, HashKeyed, Ngram, SIGNAL_COUNT, Signal};

/// A sentence's check-worthiness and the reasons behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    /// Probability-like score in 0..1.
    pub score: f64,
    /// The score's log-odds (finite; very negative for text without words).
    pub logit: f64,
    /// The part of `logit` the learned n-grams contribute.
    pub phrasing: f64,
    /// Whether the score reaches the desk's threshold.
    pub checkworthy: bool,
    /// The signals that moved the score, strongest first.
    pub reasons: Vec<ScoreReason>,
}

/// The version of the model file format this build reads (2: with the article layer).
pub const MODEL_FORMAT: u32 = 2;

/// The committed model, as trained by `claimdesk-lab train`.
const EMBEDDED_MODEL: &str = include_str!("model/checkworthiness.json");

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    // The file is part of the source tree and a unit test parses it, so failing here is a bug
    // in the build, not bad input.
    #[allow(clippy::expect_used)]
    Model::from_embedded_json(EMBEDDED_MODEL).expect("the embedded check-worthiness model is valid")
});

/// What the engine reads of a model file to score: the weights, not the training record, with
/// the n-grams' texts borrowed from the file rather than copied. A one-article `extract` pays
/// the model's loading in full, and 31,742 owned keys are most of it.
#[derive(Deserialize)]
struct WeightsView<'a> {
    format: u32,
    threshold: f64,
    review_threshold: f64,
    bias: f64,
    #[serde(borrow)]
    signals: BTreeMap<&'a str, f64>,
    #[serde(borrow)]
    ngrams: BTreeMap<&'a str, f64>,
    #[serde(default)]
    transcript: Option<ArticleLayerFile>,
    #[serde(default)]
    encoder: Option<EncoderLayerFile>,
}

/// The model the engine uses: the one compiled into the binary.
pub fn embedded_model() -> &'static Model {
    &MODEL
}

/// The score at and above which a single sentence is check-worthy (from the embedded model).
pub fn threshold() -> f64 {
    MODEL.threshold
}

/// Rate one sentence with the embedded model.
pub fn score_sentence(sentence: &str) -> Rating {
    MODEL.rate(&signals::analyse(sentence))
}

/// What the engine says about one claim on its own: its rating by its words, its kind, and
/// what the article layer needs to rate it in its article ([`Model::rate_article`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Check-worthiness and reasons by the claim's words (flagged at the review threshold).
    pub rating: Rating,
    /// The kind of claim.
    pub kind: ClaimKind,
    /// The claim's features for the article layer.
    pub features: ClaimFeatures,
}

/// Rate one claim of an article by its words and tell its kind, analysing its words once.
pub fn assess_claim(context: &ClaimContext<'_>) -> Assessment {
    MODEL.assess_claim(context)
}

/// Rate one claim of an article with the embedded model, in its context.
///
/// The claim's own words are scored (attribution and the rest of the sentence are not part of
/// what is checked), and the claim is flagged at the model's review threshold, which favours
/// recall: on a desk, a claim too many costs a glance, a claim missed can cost a correction.
pub fn score_claim(context: &ClaimContext<'_>) -> Rating {
    MODEL.rate_claim(context)
}

/// The value each n-gram feature takes in a sentence with `distinct` distinct n-grams: the
/// binary bag of n-grams scaled to unit length, so long sentences do not win by length alone.
pub fn ngram_value(distinct: usize) -> f64 {
    if distinct == 0 {
        0.0
    } else {
        1.0 / (distinct as f64).sqrt()
    }
}

/// The model file: weights plus everything needed to know where they came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelFile {
    /// [`MODEL_FORMAT`].
    pub format: u32,
    /// What the model is and how it was made, for someone who opens the file.
    pub about: String,
    /// Credit for the training data (required by its CC BY 4.0 licence).
    pub attribution: String,
    /// How the model was trained: data, command, hyper-parameters, cross-validation figures.
    pub training: serde_json::Value,
    /// Score at and above which a single sentence is check-worthy.
    pub threshold: f64,
    /// Score at and above which a claim in an article is flagged for review (lower than
    /// `threshold`: it is chosen for recall).
    pub review_threshold: f64,
    /// Log-odds offset with no feature present.
    pub bias: f64,
    /// Weight of each [`Signal`] by [`Signal::id`].
    pub signals: BTreeMap<String, f64>,
    /// Weight of each n-gram by its normalised text ("more than", "<s> thank").
    pub ngrams: BTreeMap<String, f64>,
    /// The layer that rates claims in transcripts (debates, interviews: text whose claims are
    /// speakers' turns) in their document, where who speaks and what surrounds a sentence tell
    /// more than its words alone. Absent when it was not trained; claims in news articles are
    /// always rated by the sentence model (no labelled news is available to train on: the
    /// NewsClaims articles are a dev split, for measuring only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<ArticleLayerFile>,
    /// The numbers that turn the sentence encoder's logit into scores, flags and reasons
    /// ([`crate::reading`]); absent when the model was trained without the encoder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoder: Option<EncoderLayerFile>,
}

impl ModelFile {
    /// The file's text as `claimdesk-lab train` writes it (pretty JSON, keys in a fixed order,
    /// final newline), so retraining gives a byte-identical file.
    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }
}

/// A loaded check-worthiness model.
#[derive(Debug, Clone)]
pub struct Model {
    threshold: f64,
    review_threshold: f64,
    bias: f64,
    signal_weights: [f64; SIGNAL_COUNT],
    ngram_weights: HashKeyed<f64>,
    transcript: Option<ArticleLayer>,
    encoder: Option<EncoderLayer>,
}

/// How many n-grams a "wording" reason names.
const WORDING_EXAMPLES: usize = 3;

/// The least an n-gram must move the log-odds on its own to be named as an example.
const WORDING_EXAMPLE_MIN: f64 = 0.1;

/// The log-odds a rule that overrides the model reports as its contribution.
const NO_WORDS_WEIGHT: f64 = -10.0;

/// Contributions smaller than this (in log-odds) are not worth an editor's attention.
const NEGLIGIBLE: f64 = 0.05;

impl Model {
    /// Parse a model file.
    pub fn from_json(json: &str) -> Result<Model> {
        let file: ModelFile = serde_json::from_str(json)
            .map_err(|e| Error::invalid_input(format!("not a check-worthiness model: {e}")))?;
        Model::from_file(&file)
    }

    /// Parse the embedded model: the same model as [`Model::from_json`] gives, read without
    /// the training record and without copying the n-grams' texts. A file whose keys hold
    /// escapes cannot be borrowed from, and is read the ordinary way.
    fn from_embedded_json(json: &str) -> Result<Model> {
        match serde_json::from_str::<WeightsView<'_>>(json) {
            Ok(view) => Model::from_parts(
                view.format,
                [view.threshold, view.review_threshold, view.bias],
                view.signals.into_iter(),
                view.ngrams.into_iter(),
                view.transcript.as_ref(),
                view.encoder.as_ref(),
            ),
            Err(_) => Model::from_json(json),
        }
    }

    /// Build the model from a parsed file.
    pub fn from_file(file: &ModelFile) -> Result<Model> {
        Model::from_parts(
            file.format,
            [file.threshold, file.review_threshold, file.bias],
            file.signals.iter().map(|(id, w)| (id.as_str(), *w)),
            file.ngrams.iter().map(|(text, w)| (text.as_str(), *w)),
            file.transcript.as_ref(),
            file.encoder.as_ref(),
        )
    }

    /// Build the model from a file's parts: its format, `[threshold, review_threshold,
    /// bias]`, the signal and n-gram weights by name (n-grams in the file's order: a hash
    /// given twice keeps the last weight), the transcript layer and the encoder's layer.
    fn from_parts<'a>(
        format: u32,
        [threshold, review_threshold, bias]: [f64; 3],
        signal_entries: impl Iterator<Item = (&'a str, f64)>,
        ngram_entries: impl Iterator<Item = (&'a str, f64)>,
        transcript: Option<&ArticleLayerFile>,
        encoder: Option<&EncoderLayerFile>,
    ) -> Result<Model> {
        if format != MODEL_FORMAT {
            return Err(Error::invalid_input(format!(
                "model file format {format} is not supported; this build reads format {MODEL_FORMAT}"
            )));
        }
        let mut signal_weights = [0.0; SIGNAL_COUNT];
        for (id, weight) in signal_entries {
            let signal = Signal::from_id(id).ok_or_else(|| {
                Error::invalid_input(format!("model file names an unknown signal {id:?}"))
            })?;
            signal_weights[signal.index()] = weight;
        }
        let ngram_weights = ngram_entries
            .map(|(text, weight)| (signals::ngram_hash(text), weight))
            .collect();
        let transcript = transcript.map(ArticleLayer::from_file).transpose()?;
        let encoder = encoder.map(EncoderLayer::from_file).transpose()?;
        Ok(Model {
            threshold,
            review_threshold,
            bias,
            signal_weights,
            ngram_weights,
            transcript,
            encoder,
        })
    }

    /// The numbers for rating claims by the sentence encoder, if the model has them.
    pub fn encoder_layer(&self) -> Option<&EncoderLayer> {
        self.encoder.as_ref()
    }

    /// Score at and above which a sentence is check-worthy.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Score at and above which a claim in a news article is flagged for review.
    pub fn review_threshold(&self) -> f64 {
        self.review_threshold
    }

    /// Rate a claim of an article by its words, flagged at the sentence model's review
    /// threshold (without the article layer, which needs the whole article).
    pub fn rate_claim(&self, context: &ClaimContext<'_>) -> Rating {
        let mut rating = self.rate(&signals::analyse(context.claim));
        rating.checkworthy = rating.score >= self.review_threshold;
        rating
    }

    /// Rate a claim by its words and tell its kind, analysing its words once.
    pub fn assess_claim(&self, context: &ClaimContext<'_>) -> Assessment {
        let analysis = signals::analyse(context.claim);
        let mut rating = self.rate(&analysis);
        rating.checkworthy = rating.score >= self.review_threshold;
        let features = ClaimFeatures::of(rating.logit, rating.phrasing, &analysis, context);
        Assessment {
            kind: kinds::classify_claim_analysed(context, &analysis),
            rating,
            features,
        }
    }

    /// Rate the claims of one text (in text order) in their document. In a transcript each
    /// one's rating by its words is turned into its final score, flag and reasons by the
    /// transcript layer; elsewhere (and without a transcript layer) the ratings stay as they are.
    pub fn rate_article(&self, ratings: &mut [Rating], features: &[ClaimFeatures]) {
        // A transcript is text whose claims are mostly speakers' turns.
        let turns = features.iter().filter(|f| f.in_transcript()).count();
        if 2 * turns <= features.len() {
            return;
        }
        let Some(layer) = self.transcript.as_ref() else {
            return;
        };
        let reasons = ratings
            .iter_mut()
            .map(|r| std::mem::take(&mut r.reasons))
            .collect();
        for (rating, (score, flagged, reasons)) in
            ratings.iter_mut().zip(layer.rate(features, reasons))
        {
            rating.score = score;
            rating.logit = super::scoring::logit_of(score);
            rating.checkworthy = flagged;
            rating.reasons = reasons;
        }
    }

    /// The log-odds of check-worthiness of an analysed sentence.
    pub fn logit(&self, analysis: &Analysis<'_>) -> f64 {
        let mut ngrams = Vec::with_capacity(2 * analysis.tokens().len() + 2);
        self.logit_with(analysis, &mut ngrams)
    }

    /// [`Model::logit`] reusing a buffer for the n-grams.
    fn logit_with(&self, analysis: &Analysis<'_>, ngrams: &mut Vec<Ngram>) -> f64 {
        analysis.ngrams(ngrams);
        let scale = ngram_value(ngrams.len());
        let wording: f64 = ngrams
            .iter()
            .filter_map(|n| self.ngram_weights.get(&n.hash))
            .sum();
        self.bias + self.signal_sum(analysis) + scale * wording
    }

    /// The hand-built signals' part of the log-odds.
    fn signal_sum(&self, analysis: &Analysis<'_>) -> f64 {
        analysis
            .values()
            .iter()
            .zip(&self.signal_weights)
            .map(|(value, weight)| f64::from(*value) * weight)
            .sum()
    }

    /// The score of an analysed sentence, without the reasons (0 when it holds no words).
    pub fn probability(&self, analysis: &Analysis<'_>) -> f64 {
        if analysis.word_count() == 0 {
            return 0.0;
        }
        sigmoid(self.logit(analysis))
    }

    /// Rate an analysed sentence and explain the rating.
    pub fn rate(&self, analysis: &Analysis<'_>) -> Rating {
        if analysis.word_count() == 0 {
            // Nothing but symbols or space: there is no statement to check. The reason's weight
            // is a large finite log-odds (JSON has no infinity) that reads as "decisive".
            return Rating {
                score: 0.0,
                logit: NO_WORDS_WEIGHT,
                phrasing: 0.0,
                checkworthy: false,
                reasons: vec![ScoreReason {
                    signal: "no_words".into(),
                    label: "holds no words".to_string(),
                    weight: NO_WORDS_WEIGHT,
                }],
            };
        }
        let mut ngrams = Vec::with_capacity(2 * analysis.tokens().len() + 2);
        analysis.ngrams(&mut ngrams);
        let scale = ngram_value(ngrams.len());
        // One lookup per n-gram serves both the score and the wording reasons.
        let mut wording: Vec<(f64, usize)> = Vec::with_capacity(ngrams.len());
        for (k, ngram) in ngrams.iter().enumerate() {
            if let Some(weight) = self.ngram_weights.get(&ngram.hash) {
                wording.push((weight * scale, k));
            }
        }
        let phrasing = wording.iter().map(|(w, _)| w).sum::<f64>();
        let logit = self.bias + self.signal_sum(analysis) + phrasing;
        let score = sigmoid(logit);
        Rating {
            score,
            logit,
            phrasing,
            checkworthy: score >= self.threshold,
            reasons: self.reasons(analysis, &ngrams, wording),
        }
    }

    /// The reasons: each signal that moved the score noticeably, and the wording for and
    /// against, from `wording` = (contribution, index into `ngrams`).
    fn reasons(
        &self,
        analysis: &Analysis<'_>,
        ngrams: &[Ngram],
        mut wording: Vec<(f64, usize)>,
    ) -> Vec<ScoreReason> {
        let mut reasons: Vec<ScoreReason> = Vec::with_capacity(8);
        for signal in Signal::ALL {
            let weight = f64::from(analysis.value(signal)) * self.signal_weights[signal.index()];
            if weight.abs() >= NEGLIGIBLE {
                reasons.push(ScoreReason {
                    signal: signal.id().into(),
                    label: signal.describe(analysis.evidence(signal)),
                    weight,
                });
            }
        }
        let for_total: f64 = wording.iter().map(|(w, _)| w.max(0.0)).sum();
        let against_total: f64 = wording.iter().map(|(w, _)| w.min(0.0)).sum();
        // Only n-grams strong enough to be named as examples need ordering: a few of them.
        wording.retain(|(w, _)| w.abs() >= WORDING_EXAMPLE_MIN);
        wording.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
        let for_claim = wording.iter().filter(|(w, _)| *w > 0.0);
        let against = wording.iter().rev().filter(|(w, _)| *w < 0.0);
        for (signal, label, summary, total, items) in [
            (
                "wording_factual",
                "wording common in check-worthy claims",
                "wording typical of check-worthy claims, on balance",
                for_total,
                Box::new(for_claim) as Box<dyn Iterator<Item = &(f64, usize)>>,
            ),
            (
                "wording_not_factual",
                "wording common in opinion, questions or small talk",
                "wording typical of opinion or small talk, on balance",
                against_total,
                Box::new(against),
            ),
        ] {
            if total.abs() < NEGLIGIBLE {
                continue;
            }
            let mut examples: [&str; WORDING_EXAMPLES] = [""; WORDING_EXAMPLES];
            let mut found = 0;
            for (_, k) in items {
                if !is_readable_wording(analysis, &ngrams[*k]) {
                    // Counted in the total, but "the", "20" or "Putin" tell the editor nothing
                    // about how claims are worded.
                    continue;
                }
                let words = wording_text(analysis, &ngrams[*k]);
                // "thank" and "<s> thank" read the same to the editor.
                if !examples[..found].contains(&words) {
                    examples[found] = words;
                    found += 1;
                }
                if found == WORDING_EXAMPLES {
                    break;
                }
            }
            let text = if found == 0 {
                summary.to_string()
            } else {
                let mut text = String::with_capacity(label.len() + 64);
                text.push_str(label);
                text.push(':');
                for (n, words) in examples[..found].iter().enumerate() {
                    text.push_str(if n == 0 { " \u{2018}" } else { ", \u{2018}" });
                    text.push_str(words);
                    text.push('\u{2019}');
                }
                text
            };
            reasons.push(ScoreReason {
                signal: signal.into(),
                label: text,
                weight: total,
            });
        }
        reasons.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        reasons
    }
}

/// [`FUNCTION_WORDS`] by hash, so that a token is checked with one probe.
static FUNCTION_WORD_HASHES: LazyLock<HashKeyed<()>> = LazyLock::new(|| {
    FUNCTION_WORDS
        .iter()
        .map(|word| (signals::ngram_hash(word), ()))
        .collect()
});

/// Whether an n-gram reads as wording to an editor: made of ordinary words, at least one of
/// them not a function word, with no figures (those have their own reasons) and no names
/// (a name is not a way of wording a claim; capitalised words count as names unless they open
/// the sentence and are ordinary vocabulary, "Thank").
fn is_readable_wording(analysis: &Analysis<'_>, ngram: &Ngram) -> bool {
    let tokens = &analysis.tokens()[ngram.first..ngram.first + ngram.len];
    let mut content = false;
    for token in tokens {
        if !token.is_word || analysis.normalised(token).starts_with('<') {
            return false;
        }
        let word = &analysis.text()[token.start..token.end];
        let function = FUNCTION_WORD_HASHES.contains_key(&token.hash);
        if word.starts_with(char::is_uppercase) {
            let opens = token.start == analysis.tokens().first().map_or(0, |t| t.start);
            if !(opens && (function || signals::is_cue_word(token.hash))) {
                return false;
            }
        }
        content |= !function;
    }
    content
}

/// The words of the sentence an n-gram stands for, as written (not normalised), so that the
/// editor sees "Thank you" rather than "<s> thank you".
fn wording_text<'a>(analysis: &Analysis<'a>, ngram: &Ngram) -> &'a str {
    let tokens = analysis.tokens();
    let first = tokens[ngram.first];
    let last = tokens[ngram.first + ngram.len - 1];
    analysis
        .text()
        .get(first.start..last.end)
        .unwrap_or_default()
}

/// The logistic function, mapping log-odds to 0..1.
pub fn sigmoid(logit: f64) -> f64 {
    1.0 / (1.0 + (-logit).exp())
}

/// The inverse of [`sigmoid`], kept finite at 0 and 1.
pub fn logit_of(score: f64) -> f64 {
    let p = score.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn the_embedded_model_parses_and_has_learned_weights() {
        let file: ModelFile = serde_json::from_str(EMBEDDED_MODEL).unwrap();
        assert!(file.ngrams.len() > 1000, "{}", file.ngrams.len());
        assert!(file.attribution.contains("10.5281/zenodo.3609356"));
        assert!(embedded_model().threshold() > 0.0 && embedded_model().threshold() < 1.0);
    }

    #[rstest]
    #[case::statistic(
        "Unemployment fell from 10 percent to 4 percent between 2009 and 2016.",
        "Thank you all for coming tonight."
    )]
    #[case::record_versus_opinion(
        "We built the largest highway network in the world in the 1950s.",
        "I think we can do better."
    )]
    #[case::law_versus_question(
        "The senate voted 52 to 48 to pass the tax bill in December.",
        "What would you do about taxes?"
    )]
    fn a_factual_claim_outscores_small_talk(#[case] claim: &str, #[case] chatter: &str) {
        let claim_rating = score_sentence(claim);
        let chatter_rating = score_sentence(chatter);
        assert!(
            claim_rating.score > chatter_rating.score,
            "{claim_rating:?} vs {chatter_rating:?}"
        );
        assert!(claim_rating.checkworthy, "{claim_rating:?}");
        assert!(!chatter_rating.checkworthy, "{chatter_rating:?}");
    }

    #[test]
    fn reasons_are_sorted_strongest_first_and_name_the_evidence() {
        let rating = score_sentence("Crime rose 12 percent in Chicago last year.");
        let weights: Vec<f64> = rating.reasons.iter().map(|r| r.weight.abs()).collect();
        assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
        let percent = rating.reasons.iter().find(|r| r.signal == "percent");
        assert!(
            percent.is_some_and(|r| r.label.contains("12 percent") && r.weight > 0.0),
            "{:?}",
            rating.reasons
        );
    }

    #[test]
    fn a_question_is_a_reason_against() {
        let rating = score_sentence("Did crime rise in Chicago last year?");
        assert!(
            rating
                .reasons
                .iter()
                .any(|r| r.signal == "question" && r.weight < 0.0),
            "{:?}",
            rating.reasons
        );
    }

    #[test]
    fn wording_reasons_quote_the_sentence_as_written() {
        let rating = score_sentence("Thank you, Governor, and good evening.");
        let against = rating
            .reasons
            .iter()
            .find(|r| r.signal == "wording_not_factual");
        assert!(
            against.is_some_and(|r| r.label.contains("\u{2018}Thank")
                && !r.label.contains("<s>")
                && r.weight < 0.0),
            "{:?}",
            rating.reasons
        );
    }

    #[rstest]
    #[case::names("Russian President Vladimir Putin met Chancellor Angela Merkel in Berlin.")]
    #[case::names_and_figures("The Group of 20 met in Hamburg, Germany, in July 2017.")]
    #[case::figures("Unemployment fell from 10 percent to 4 percent between 2009 and 2016.")]
    #[case::institution_opening_the_claim("Congress imposing new sanctions on Russia")]
    fn wording_reasons_never_quote_names_or_figures(#[case] sentence: &str) {
        let rating = score_sentence(sentence);
        for reason in rating
            .reasons
            .iter()
            .filter(|r| r.signal.starts_with("wording"))
        {
            let quoted: String = reason
                .label
                .split('\u{2018}')
                .skip(1)
                .filter_map(|part| part.split('\u{2019}').next())
                .collect();
            assert!(
                !quoted
                    .chars()
                    .any(|c| c.is_uppercase() || c.is_ascii_digit()),
                "{reason:?}"
            );
        }
    }

    #[rstest]
    #[case::empty("")]
    #[case::whitespace("   \n\t ")]
    #[case::symbols("\u{2014} ... ??? $$$ %%")]
    fn degenerate_input_scores_low_without_panicking(#[case] text: &str) {
        let rating = score_sentence(text);
        assert!(
            rating.score.is_finite() && !rating.checkworthy,
            "{rating:?}"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_gets_a_score_in_0_1_and_reasons_quoting_its_own_words(
            text in "\\PC{0,200}|[A-Za-z0-9 .,'’$%?\u{201c}\u{201d}-]{0,200}"
        ) {
            let rating = score_sentence(&text);
            proptest::prop_assert!((0.0..=1.0).contains(&rating.score));
            let weights: Vec<f64> = rating.reasons.iter().map(|r| r.weight.abs()).collect();
            proptest::prop_assert!(weights.windows(2).all(|w| w[0] >= w[1]));
            let analysis = signals::analyse(&text);
            for signal in Signal::ALL {
                if let Some(words) = analysis.evidence(signal) {
                    proptest::prop_assert!(text.contains(words));
                }
            }
        }
    }

    #[test]
    fn the_embedded_model_reads_the_same_borrowed_as_owned() {
        let fast = Model::from_embedded_json(EMBEDDED_MODEL).unwrap();
        let owned = Model::from_json(EMBEDDED_MODEL).unwrap();
        assert_eq!(fast.signal_weights, owned.signal_weights);
        assert_eq!(fast.ngram_weights, owned.ngram_weights);
        assert_eq!(
            [fast.threshold, fast.review_threshold, fast.bias],
            [owned.threshold, owned.review_threshold, owned.bias]
        );
        assert_eq!(
            fast.transcript.map(|t| (t.threshold, t.bias, t.weights)),
            owned.transcript.map(|t| (t.threshold, t.bias, t.weights))
        );
    }

    #[test]
    fn a_model_file_of_another_format_is_refused_with_a_clear_error() {
        let mut file: ModelFile = serde_json::from_str(EMBEDDED_MODEL).unwrap();
        file.format = MODEL_FORMAT + 1;
        let err = Model::from_file(&file).unwrap_err();
        assert!(err.message().contains("format"), "{}", err.message());
    }
}
