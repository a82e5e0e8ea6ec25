//! Check-worthiness of a claim in its document: the sentence model's judgement of the claim's
//! words, re-weighed with what the document tells about the claim.
//!
//! The sentence model ([`super::scoring`]) learned from single debate sentences what
//! check-worthy *wording* looks like. Reading a whole document, an editor also weighs things
//! the words alone do not show: who is speaking and how much of the text is theirs, whether
//! the claim is reported or quoted, a headline or a caption, whether it dates an event, what
//! kind of claim it is (a cause, a remedy, an origin, a disputed claim), and how it stands
//! against its neighbours and the rest of the document. This layer is a small logistic model
//! over the sentence model's log-odds and those [`ArticleFeature`]s, a couple of dozen weights
//! fitted on whole labelled documents (see [`super::training`]), so every weight can be read
//! and every score explained.
//!
//! Only transcripts get a layer (fitted on the CheckThat! 2019 train debates): no labelled news
//! is available for training, only a dev split for measuring. The layer's threshold is chosen
//! for recall by cross-validation by debate.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::attribution::Cue;
use super::context::ClaimContext;
use super::signals::{Analysis, SIGNAL_COUNT, Signal};
use crate::claim::ScoreReason;
use claimdesk_error::{Error, Result};

/// What the article layer knows about a claim beyond the sentence model's log-odds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleFeature {
    /// The sentence model's log-odds for the claim's words from its hand-built signals (and
    /// its bias).
    Wording,
    /// The sentence model's log-odds from the learned n-grams: weighed apart, so the layer may
    /// trust debate vocabulary less on news ("Congress", "Russia" were said in other ways
    /// there) without trusting the hand-built signals less.
    Phrasing,
    /// Cause and effect.
    Causal,
    /// What works, protects or harms.
    Efficacy,
    /// Where something came from.
    Origin,
    /// A law, vote, sanction or policy.
    LawPolicy,
    /// Talk about a claim and its truth.
    ClaimTalk,
    /// Speculation about what happened.
    Speculation,
    /// A hedge.
    Hedge,
    /// Research or data.
    Research,
    /// A figure, percentage or amount.
    Figure,
    /// A named person, place or body.
    NamedEntity,
    /// A superlative or comparison.
    Comparison,
    /// About the future.
    Future,
    /// Opinion, evaluation or prescription.
    Opinion,
    /// A question.
    Question,
    /// The speaker talks about themselves or their group.
    FirstPerson,
    /// The subject is only a pronoun.
    PronounSubject,
    /// Someone in the article is reported making the claim.
    Reported,
    /// A direct quotation.
    Quoted,
    /// A headline or a line without final punctuation.
    Headline,
    /// From a photo caption.
    Caption,
    /// Refers to a date the engine resolved.
    ResolvedDate,
    /// The claim's wording log-odds above (or below) the article's average.
    AboveArticle,
    /// The wording log-odds of the claims before and after it, against the article's average.
    Neighbours,
    /// The share of the article's claims made by the same speaker: the candidates of a debate,
    /// not its moderators; the article's main sources.
    MainSpeaker,
}

/// How many [`ArticleFeature`]s there are.
pub const ARTICLE_FEATURE_COUNT: usize = 26;

/// The features that depend on the claim alone (the rest need the whole article).
const CLAIM_FEATURE_COUNT: usize = 23;

impl ArticleFeature {
    /// Every feature, in a fixed order (the index of a feature is its position here).
    pub const ALL: [ArticleFeature; ARTICLE_FEATURE_COUNT] = [
        ArticleFeature::Wording,
        ArticleFeature::Phrasing,
        ArticleFeature::Causal,
        ArticleFeature::Efficacy,
        ArticleFeature::Origin,
        ArticleFeature::LawPolicy,
        ArticleFeature::ClaimTalk,
        ArticleFeature::Speculation,
        ArticleFeature::Hedge,
        ArticleFeature::Research,
        ArticleFeature::Figure,
        ArticleFeature::NamedEntity,
        ArticleFeature::Comparison,
        ArticleFeature::Future,
        ArticleFeature::Opinion,
        ArticleFeature::Question,
        ArticleFeature::FirstPerson,
        ArticleFeature::PronounSubject,
        ArticleFeature::Reported,
        ArticleFeature::Quoted,
        ArticleFeature::Headline,
        ArticleFeature::Caption,
        ArticleFeature::ResolvedDate,
        ArticleFeature::AboveArticle,
        ArticleFeature::Neighbours,
        ArticleFeature::MainSpeaker,
    ];

    /// Position in [`ArticleFeature::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stable identifier used in the model file and in reasons.
    pub fn id(self) -> &'static str {
        match self {
            ArticleFeature::Wording => "wording",
            ArticleFeature::Phrasing => "phrasing",
            ArticleFeature::Causal => "causal",
            ArticleFeature::Efficacy => "efficacy",
            ArticleFeature::Origin => "origin",
            ArticleFeature::LawPolicy => "law_policy",
            ArticleFeature::ClaimTalk => "claim_talk",
            ArticleFeature::Speculation => "speculation",
            ArticleFeature::Hedge => "hedge",
            ArticleFeature::Research => "research",
            ArticleFeature::Figure => "figure",
            ArticleFeature::NamedEntity => "named_entity",
            ArticleFeature::Comparison => "comparison",
            ArticleFeature::Future => "future",
            ArticleFeature::Opinion => "opinion",
            ArticleFeature::Question => "question",
            ArticleFeature::FirstPerson => "first_person",
            ArticleFeature::PronounSubject => "pronoun_subject",
            ArticleFeature::Reported => "reported",
            ArticleFeature::Quoted => "quotation",
            ArticleFeature::Headline => "headline",
            ArticleFeature::Caption => "caption",
            ArticleFeature::ResolvedDate => "resolved_date",
            ArticleFeature::AboveArticle => "above_article",
            ArticleFeature::Neighbours => "neighbours",
            ArticleFeature::MainSpeaker => "main_speaker",
        }
    }

    /// The feature with identifier `id`, if any.
    pub fn from_id(id: &str) -> Option<ArticleFeature> {
        ArticleFeature::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The direction an editor expects the feature to push a claim (+1 towards checking, -1
    /// away, 0 either way). Training keeps each weight on its side, so the layer cannot learn a
    /// data set's topic in reverse (on news about one subject, figures and names mark the
    /// *other* stories) and every reason reads the way an editor would expect.
    pub fn expected_sign(self) -> i8 {
        match self {
            ArticleFeature::Wording
            | ArticleFeature::Phrasing
            | ArticleFeature::Causal
            | ArticleFeature::Efficacy
            | ArticleFeature::Origin
            | ArticleFeature::LawPolicy
            | ArticleFeature::ClaimTalk
            | ArticleFeature::Speculation
            | ArticleFeature::Research
            | ArticleFeature::Figure
            | ArticleFeature::NamedEntity
            | ArticleFeature::Comparison
            | ArticleFeature::Reported
            | ArticleFeature::ResolvedDate
            | ArticleFeature::AboveArticle
            | ArticleFeature::Neighbours
            | ArticleFeature::MainSpeaker => 1,
            ArticleFeature::Question
            | ArticleFeature::Opinion
            | ArticleFeature::FirstPerson
            | ArticleFeature::PronounSubject
            | ArticleFeature::Future => -1,
            ArticleFeature::Hedge
            | ArticleFeature::Quoted
            | ArticleFeature::Headline
            | ArticleFeature::Caption => 0,
        }
    }

    /// The sentence signals behind a feature: it fires when any of them does, and its reason
    /// joins theirs.
    fn signals(self) -> &'static [Signal] {
        match self {
            ArticleFeature::Causal => &[Signal::Causal],
            ArticleFeature::Efficacy => &[Signal::Efficacy],
            ArticleFeature::Origin => &[Signal::Origin],
            ArticleFeature::LawPolicy => &[Signal::LawPolicy],
            ArticleFeature::ClaimTalk => &[Signal::ClaimTalk],
            ArticleFeature::Speculation => &[Signal::Speculation],
            ArticleFeature::Hedge => &[Signal::Hedge],
            ArticleFeature::Research => &[Signal::Research],
            ArticleFeature::Figure => &[Signal::Number, Signal::Percent, Signal::Money],
            ArticleFeature::NamedEntity => &[Signal::NamedEntity],
            ArticleFeature::Comparison => &[Signal::Comparison, Signal::Superlative],
            ArticleFeature::Future => &[Signal::Future],
            ArticleFeature::Opinion => &[
                Signal::OpinionVerb,
                Signal::Evaluative,
                Signal::Prescriptive,
            ],
            ArticleFeature::Question => &[Signal::Question],
            ArticleFeature::FirstPerson => {
                &[Signal::FirstPersonSingular, Signal::FirstPersonPlural]
            }
            ArticleFeature::PronounSubject => &[Signal::PronounSubject],
            _ => &[],
        }
    }

    /// What the editor reads for a feature that is not a sentence signal.
    fn describe(self, context: Option<&str>) -> String {
        let what = match self {
            ArticleFeature::Reported => "reported as someone's claim",
            ArticleFeature::Quoted => "a direct quotation",
            ArticleFeature::Headline => "a headline or list line",
            ArticleFeature::Caption => "from a photo caption",
            ArticleFeature::ResolvedDate => "dates an event",
            ArticleFeature::AboveArticle => "stands out from the rest of the article",
            ArticleFeature::Neighbours => "among other check-worthy sentences",
            ArticleFeature::MainSpeaker => "from a main speaker of the text",
            other => other.id(),
        };
        match context {
            Some(words) if !words.is_empty() => format!("{what}: \u{201c}{words}\u{201d}"),
            _ => what.to_string(),
        }
    }
}

/// The article layer's part of the model file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleLayerFile {
    /// How the layer was fitted: data, what was fitted on what, cross-validation figures.
    pub training: serde_json::Value,
    /// Score at and above which a claim in an article is flagged check-worthy.
    pub threshold: f64,
    /// Log-odds offset.
    pub bias: f64,
    /// Weight of each [`ArticleFeature`] by [`ArticleFeature::id`].
    pub weights: BTreeMap<String, f64>,
}

/// A loaded article layer.
#[derive(Debug, Clone)]
pub struct ArticleLayer {
    /// Score at and above which a claim is flagged.
    pub threshold: f64,
    /// Log-odds offset.
    pub bias: f64,
    /// Weight of each [`ArticleFeature`], by [`ArticleFeature::index`].
    pub weights: [f64; ARTICLE_FEATURE_COUNT],
}

impl ArticleLayer {
    /// Build from the file's section.
    pub fn from_file(file: &ArticleLayerFile) -> Result<ArticleLayer> {
        let mut weights = [0.0; ARTICLE_FEATURE_COUNT];
        for (id, weight) in &file.weights {
            let feature = ArticleFeature::from_id(id).ok_or_else(|| {
                Error::invalid_input(format!(
                    "model file names an unknown article feature {id:?}"
                ))
            })?;
            weights[feature.index()] = *weight;
        }
        Ok(ArticleLayer {
            threshold: file.threshold,
            bias: file.bias,
            weights,
        })
    }

    /// A layer from fitted numbers (training's view).
    pub fn new(bias: f64, weights: [f64; ARTICLE_FEATURE_COUNT], threshold: f64) -> Self {
        ArticleLayer {
            threshold,
            bias,
            weights,
        }
    }

    /// The final log-odds of a claim from its row of [`article_rows`].
    pub fn logit(&self, row: &[f64; ARTICLE_FEATURE_COUNT]) -> f64 {
        self.bias
            + row
                .iter()
                .zip(&self.weights)
                .map(|(x, w)| x * w)
                .sum::<f64>()
    }

    /// Rate every claim of one article: score, flag and reasons. `reasons[i]` holds the
    /// sentence model's reasons for claim `i`; they are rescaled to their share of the final
    /// log-odds and joined by the article layer's own.
    pub fn rate(
        &self,
        claims: &[ClaimFeatures],
        reasons: Vec<Vec<ScoreReason>>,
    ) -> Vec<(f64, bool, Vec<ScoreReason>)> {
        let rows = article_rows(claims);
        rows.iter()
            .zip(claims)
            .zip(reasons)
            .map(|((row, claim), sentence_reasons)| {
                let score = super::scoring::sigmoid(self.logit(row));
                let reasons = self.explain(row, claim, sentence_reasons);
                (score, score >= self.threshold, reasons)
            })
            .collect()
    }

    /// The reasons for one claim's article score.
    fn explain(
        &self,
        row: &[f64; ARTICLE_FEATURE_COUNT],
        claim: &ClaimFeatures,
        sentence_reasons: Vec<ScoreReason>,
    ) -> Vec<ScoreReason> {
        let scale = self.weights[ArticleFeature::Wording.index()];
        let phrasing_scale = self.weights[ArticleFeature::Phrasing.index()];
        let mut reasons: Vec<ScoreReason> = sentence_reasons
            .into_iter()
            .map(|mut reason| {
                reason.weight *= if reason.signal.starts_with("wording") {
                    phrasing_scale
                } else {
                    scale
                };
                reason
            })
            .collect();
        for feature in &ArticleFeature::ALL[2..] {
            let weight = row[feature.index()] * self.weights[feature.index()];
            if weight.abs() < NEGLIGIBLE {
                continue;
            }
            let signals = feature.signals();
            if let Some(reason) = reasons
                .iter_mut()
                .find(|r| signals.iter().any(|s| s.id() == r.signal))
            {
                // The article's view of a signal the sentence model already named: one reason.
                reason.weight += weight;
                continue;
            }
            let label = match signals.iter().find(|s| claim.fired(**s)) {
                Some(signal) => signal.describe(claim.evidence(*signal)),
                None if *feature == ArticleFeature::Reported => {
                    feature.describe(claim.speaker.as_deref())
                }
                None => feature.describe(None),
            };
            let signal = signals
                .iter()
                .find(|s| claim.fired(**s))
                .map_or(feature.id(), |s| s.id());
            reasons.push(ScoreReason {
                signal: signal.into(),
                label,
                weight,
            });
        }
        reasons.retain(|r| r.weight.abs() >= NEGLIGIBLE);
        reasons.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        reasons
    }
}

/// Contributions smaller than this (in log-odds) are not worth an editor's attention.
const NEGLIGIBLE: f64 = 0.05;

/// What the article layer needs of one claim, gathered when the claim is analysed.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimFeatures {
    /// The sentence model's log-odds for the claim's words (signals and n-grams).
    pub wording: f64,
    /// The claim-level features, indexed like the first [`CLAIM_FEATURE_COUNT`] of
    /// [`ArticleFeature::ALL`].
    values: [f32; CLAIM_FEATURE_COUNT],
    /// Which signals fired, with the words that fired them (for reasons).
    fired: Vec<(Signal, Option<String>)>,
    /// Every sentence signal's value for the claim's words (the encoder's reasons read them).
    signals: [f32; SIGNAL_COUNT],
    /// Who makes the claim, when reported.
    speaker: Option<String>,
    /// Who makes the claim, reported or as a speaker's turn.
    said_by: Option<String>,
    /// Whether the claim is a speaker's turn in a transcript.
    transcript: bool,
}

impl Default for ClaimFeatures {
    fn default() -> Self {
        ClaimFeatures {
            wording: 0.0,
            values: [0.0; CLAIM_FEATURE_COUNT],
            fired: Vec::new(),
            signals: [0.0; SIGNAL_COUNT],
            speaker: None,
            said_by: None,
            transcript: false,
        }
    }
}

impl ClaimFeatures {
    /// Gather the features of a claim from its analysis and context.
    pub fn of(
        wording: f64,
        phrasing: f64,
        analysis: &Analysis<'_>,
        context: &ClaimContext<'_>,
    ) -> Self {
        let mut values = [0.0f32; CLAIM_FEATURE_COUNT];
        values[ArticleFeature::Wording.index()] = (wording - phrasing) as f32;
        values[ArticleFeature::Phrasing.index()] = phrasing as f32;
        for feature in &ArticleFeature::ALL[2..CLAIM_FEATURE_COUNT] {
            for signal in feature.signals() {
                let value = analysis.value(*signal);
                if value > 0.0 {
                    let slot = &mut values[feature.index()];
                    *slot = slot.max(value);
                }
            }
        }
        let fired = Signal::ALL
            .into_iter()
            .filter(|s| analysis.value(*s) != 0.0)
            .map(|s| (s, analysis.evidence(s).map(str::to_string)))
            .collect();
        let reported = matches!(
            context.cue,
            Cue::ReportedSpeech | Cue::Quotation | Cue::AccordingTo
        );
        let mut set = |feature: ArticleFeature, on: bool| {
            values[feature.index()] = if on { 1.0 } else { 0.0 };
        };
        set(ArticleFeature::Reported, reported);
        set(ArticleFeature::Quoted, context.quoted);
        set(ArticleFeature::Headline, context.headline);
        set(ArticleFeature::Caption, context.caption);
        set(ArticleFeature::ResolvedDate, context.has_resolved_date());
        ClaimFeatures {
            wording,
            values,
            fired,
            signals: *analysis.values(),
            speaker: if reported {
                context.speaker.map(str::to_string)
            } else {
                None
            },
            transcript: context.cue == Cue::TranscriptTurn,
            said_by: context.speaker.map(str::to_string),
        }
    }

    /// Whether the claim is a speaker's turn in a transcript.
    pub fn in_transcript(&self) -> bool {
        self.transcript
    }

    /// Rate the claim by the encoder's logit for it instead of the sentence model's: the
    /// logit takes the place of the wording features (the n-grams' part is dropped), and the
    /// article-level features compare claims by it.
    pub fn read_as(&mut self, reading: f64) {
        self.wording = reading;
        self.values[ArticleFeature::Wording.index()] = reading as f32;
        self.values[ArticleFeature::Phrasing.index()] = 0.0;
    }

    /// The value of a sentence signal for the claim's words.
    pub fn signal_value(&self, signal: Signal) -> f32 {
        self.signals[signal.index()]
    }

    fn fired(&self, signal: Signal) -> bool {
        self.fired.iter().any(|(s, _)| *s == signal)
    }

    /// The words that fired a signal, if it fired and has any.
    pub fn evidence(&self, signal: Signal) -> Option<&str> {
        self.fired
            .iter()
            .find(|(s, _)| *s == signal)
            .and_then(|(_, e)| e.as_deref())
    }
}

/// The full feature rows of one article's claims (claim features plus the article-level ones).
pub fn article_rows(claims: &[ClaimFeatures]) -> Vec<[f64; ARTICLE_FEATURE_COUNT]> {
    if claims.is_empty() {
        return Vec::new();
    }
    let mean = claims.iter().map(|c| c.wording).sum::<f64>() / claims.len() as f64;
    // Claims per speaker; few speakers in any text, so a list beats a map.
    let mut speakers: Vec<(&str, usize)> = Vec::new();
    for name in claims.iter().filter_map(|c| c.said_by.as_deref()) {
        match speakers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => speakers.push((name, 1)),
        }
    }
    claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            let mut row = [0.0; ARTICLE_FEATURE_COUNT];
            for (x, v) in row.iter_mut().zip(&claim.values) {
                *x = f64::from(*v);
            }
            row[ArticleFeature::MainSpeaker.index()] =
                claim.said_by.as_deref().map_or(0.0, |name| {
                    speakers
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map_or(0.0, |(_, count)| *count as f64 / claims.len() as f64)
                });
            row[ArticleFeature::AboveArticle.index()] = claim.wording - mean;
            let before = i.checked_sub(1).map(|p| claims[p].wording);
            let after = claims.get(i + 1).map(|c| c.wording);
            let neighbours: Vec<f64> = before.into_iter().chain(after).collect();
            row[ArticleFeature::Neighbours.index()] = if neighbours.is_empty() {
                0.0
            } else {
                neighbours.iter().sum::<f64>() / neighbours.len() as f64 - mean
            };
            row
        })
        .collect()
}
