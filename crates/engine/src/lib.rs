//! The claim engine: from an article's text to checkable claims with spans, speakers, dates
//! and explained scores.
//!
//! This crate owns the language work and nothing else: no SQLite, no HTTP, no Tauri, and no
//! file or network I/O beyond reading the model it is given. The store, the sources, the app
//! and the lab all sit on top of it; it depends on none of them (only on `claimdesk-error`
//! for the error codes every layer shares). Its output types are in [`claim`].
//!
//! The pipeline is a chain of modules, one per concept:
//! [`cleaning`] marks page furniture (bylines, captions, share widgets) →
//! [`segmentation`] finds sentences →
//! [`attribution`] separates who speaks from what they claim →
//! [`splitting`] cuts what they claim into atomic propositions →
//! [`dates`] finds and resolves the dates in each →
//! [`scoring`] rates each claim's check-worthiness, reading the [`context::ClaimContext`]
//! the earlier stages built: with the sentence encoder ([`extract_with_encoder`], what the
//! desk uses; [`reading`]) or, for bulk work, with the linear sentence model alone
//! ([`extract`], the fast path: 10-15 MB/s, against about 6 KB/s a core with the encoder).
//! [`similarity`] links the same claim seen twice.
//!
//! Every stage works on byte ranges of the original text and never copies or rewrites it;
//! [`offsets::CharIndex`] turns the ranges into the character offsets the model reports, so a
//! claim's span always points at what the editor sees.

#![deny(missing_docs)]

pub mod article;
pub mod attribution;
pub mod claim;
pub mod cleaning;
pub mod context;
pub mod dates;
pub mod kinds;
pub mod lexicon;
pub mod offsets;
pub mod reading;
pub mod scoring;
pub mod segmentation;
pub mod signals;
pub mod similarity;
pub mod splitting;
pub mod words;

use std::ops::Range;

use chrono::NaiveDate;

use claimdesk_encoder::Encoder;
use claimdesk_error::{Error, ErrorKind, Result};

pub use crate::claim::{ClaimKind, DateMention, ExtractedClaim, ScoreReason, Sentence};
use attribution::{Attributed, Attributor};
use cleaning::{FurnitureKind, Layout};
use context::ClaimContext;
use offsets::CharIndex;

/// The largest article the engine accepts, in bytes (16 MiB): a long transcript is a few
/// hundred kilobytes, so anything near this is a mistaken file, and the limit keeps memory
/// bounded (extraction needs a small multiple of the input).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// What the engine needs to know about an article besides its text.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The article's publication date: the anchor for "Wednesday", "last year", "in July".
    /// When absent, the engine looks for a date line or a dated dateline in the text.
    pub published: Option<NaiveDate>,
}

/// A region of page furniture, in character offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FurnitureSpan {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// What it is.
    pub kind: FurnitureKind,
}

/// Everything the engine found in one text.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The sentences of the text, in order (furniture included: it is part of the text).
    pub sentences: Vec<Sentence>,
    /// The candidate claims, in text order; `checkworthy` tells which ones the desk should check.
    pub claims: Vec<ExtractedClaim>,
    /// The date relative expressions were resolved against, if there was one.
    pub anchor: Option<dates::Anchor>,
    /// The parts of the text that are not the article's body.
    pub furniture: Vec<FurnitureSpan>,
}

/// Check that `text` is something the engine can work on: not over [`MAX_INPUT_BYTES`], and
/// text rather than a binary file.
pub fn check_input(text: &str) -> Result<()> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "the text is {:.1} MB; ClaimDesk takes articles up to {} MB. Split it into articles and import them one by one",
                text.len() as f64 / 1_048_576.0,
                MAX_INPUT_BYTES / 1_048_576
            ),
        ));
    }
    let sample = &text.as_bytes()[..text.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if sample.contains(&0) || controls * 100 > sample.len().max(1) {
        return Err(Error::new(
            ErrorKind::UnsupportedFormat,
            "this looks like a binary file, not an article: paste or import the article's text",
        ));
    }
    Ok(())
}

/// Find the claims in `text`, after [`check_input`].
pub fn try_extract(text: &str, options: &ExtractOptions) -> Result<Extraction> {
    check_input(text)?;
    Ok(extract(text, options))
}

/// Find the claims in `text`. Never fails: any text gives an extraction (an empty one for
/// empty text); callers that take input from outside use [`try_extract`] for the size limit.
pub fn extract(text: &str, options: &ExtractOptions) -> Extraction {
    extract_with(text, options, scoring::embedded_model())
}

/// [`extract`] rating the claims with `model` (`claimdesk-lab eval --model` measures model files
/// this way).
pub fn extract_with(text: &str, options: &ExtractOptions, model: &scoring::Model) -> Extraction {
    let Unrated {
        mut extraction,
        mut ratings,
        features,
        ..
    } = extract_unrated(text, options, &|context| model.assess_claim(context));
    // A claim's final rating weighs it against the whole article.
    model.rate_article(&mut ratings, &features);
    apply_ratings(&mut extraction.claims, ratings);
    rate_enumerations(&mut extraction.claims);
    extraction
}

/// Find the claims in `text` and rate them with the sentence encoder (the check-worthiness
/// model, `claimdesk_encoder::CHECKWORTHINESS_MODEL`): what the desk uses. After
/// [`check_input`]; fails only on input [`check_input`] refuses or an encoder that is not the
/// one the embedded model's thresholds were fitted for.
pub fn extract_with_encoder(
    text: &str,
    options: &ExtractOptions,
    encoder: &Encoder,
) -> Result<Extraction> {
    extract_read(text, options, encoder, scoring::embedded_model())
}

/// [`extract_with_encoder`] with the thresholds, surrogate and transcript layer of `model`.
pub fn extract_read(
    text: &str,
    options: &ExtractOptions,
    encoder: &Encoder,
    model: &scoring::Model,
) -> Result<Extraction> {
    check_input(text)?;
    let layer = encoder_layer(model, encoder)?;
    let Unrated {
        mut extraction,
        mut ratings,
        mut features,
        readings,
    } = extract_unrated(text, options, &|context| model.assess_claim(context));
    let logits = read(encoder, text, &readings)?;
    layer.rate(&logits, &mut features, &mut ratings);
    apply_ratings(&mut extraction.claims, ratings);
    rate_enumerations(&mut extraction.claims);
    Ok(extraction)
}

/// The model's layer for `encoder`, or why it cannot rate with it.
pub fn encoder_layer<'m>(
    model: &'m scoring::Model,
    encoder: &Encoder,
) -> Result<&'m reading::EncoderLayer> {
    let layer = model.encoder_layer().ok_or_else(|| {
        Error::invalid_input(
            "this check-worthiness model file has no encoder layer; train it with \
             `claimdesk-lab train` (which fits one when the encoder is found)",
        )
    })?;
    if layer.model_id != encoder.model_id() {
        return Err(Error::invalid_input(format!(
            "the check-worthiness encoder's weights (fingerprint {}) are not the ones the \
             model's thresholds were fitted for ({}); retrain with `claimdesk-lab train`",
            encoder.model_id(),
            layer.model_id
        )));
    }
    Ok(layer)
}

/// The encoder's logit for each claim, from the text it reads for the claim (`readings`,
/// byte ranges of `text`); each distinct text is encoded once.
fn read(encoder: &Encoder, text: &str, readings: &[Range<usize>]) -> Result<Vec<f64>> {
    let mut distinct: Vec<&Range<usize>> = readings.iter().collect();
    distinct.sort_by_key(|r| (r.start, r.end));
    distinct.dedup();
    let texts: Vec<&str> = distinct.iter().map(|r| &text[(*r).clone()]).collect();
    let logits = encoder.logits(&texts)?;
    Ok(readings
        .iter()
        .map(|r| {
            let at = distinct
                .binary_search_by_key(&(r.start, r.end), |d| (d.start, d.end))
                .unwrap_or(0);
            f64::from(logits[at])
        })
        .collect())
}

/// [`extract`] without rating the claims: every claim has score 0, no reasons and the kind
/// "other". For measuring the structure stages apart from scoring (`cargo bench --bench
/// extract`); not for the desk.
#[doc(hidden)]
pub fn extract_structure(text: &str, options: &ExtractOptions) -> Extraction {
    extract_unrated(text, options, &|_| scoring::Assessment {
        rating: scoring::Rating {
            score: 0.0,
            logit: 0.0,
            phrasing: 0.0,
            checkworthy: false,
            reasons: Vec::new(),
        },
        kind: crate::claim::ClaimKind::Other,
        features: article::ClaimFeatures::default(),
    })
    .extraction
}

/// Give each claim its rating (claims and ratings come in the same order).
fn apply_ratings(claims: &mut [ExtractedClaim], ratings: Vec<scoring::Rating>) {
    for (claim, rating) in claims.iter_mut().zip(ratings) {
        claim.score = rating.score;
        claim.checkworthy = rating.checkworthy;
        claim.reasons = rating.reasons;
    }
}

/// How a claim is rated in its context and its kind told. The scorer reads the claim's own
/// words; the context is there for the signals that need it (speaker, quotation, dates,
/// caption, headline).
type Assess<'f> = &'f dyn Fn(&ClaimContext<'_>) -> scoring::Assessment;

/// The least number of claims a sentence splits into for them to be an enumeration.
const ENUMERATION_PARTS: usize = 3;

/// In a sentence split into an enumeration ("dealings have become more strained, with Congress
/// imposing new sanctions on Russia, Moscow capping ..., and the closure of ..."), the items
/// are the substance of the first claim: each scores at least as high as it, so the desk keeps
/// the items of a check-worthy statement together (a short verbless item, rated alone, looks
/// like small talk to the model). Claims come in text order, a sentence's together.
fn rate_enumerations(claims: &mut [ExtractedClaim]) {
    let mut start = 0;
    while start < claims.len() {
        let sentence = (claims[start].sentence_start, claims[start].sentence_end);
        let end = start
            + claims[start..]
                .iter()
                .take_while(|c| (c.sentence_start, c.sentence_end) == sentence)
                .count();
        if end - start >= ENUMERATION_PARTS {
            let (head, items) = claims[start..end].split_at_mut(1);
            let head = &head[0];
            for item in items.iter_mut().filter(|c| c.score < head.score) {
                let lift = scoring::logit_of(head.score) - scoring::logit_of(item.score);
                item.score = head.score;
                item.checkworthy |= head.checkworthy;
                item.reasons.insert(
                    0,
                    ScoreReason {
                        signal: "enumeration".into(),
                        label: format!("an item of the statement \u{201c}{}\u{201d}", head.text),
                        weight: lift,
                    },
                );
            }
        }
        start = end;
    }
}

/// The extraction with each claim rated by its words only (the sentence model, flagged at its
/// review threshold), and each claim's features for the article layer: what training fits the
/// article layer on.
pub fn extract_features(
    text: &str,
    options: &ExtractOptions,
    model: &scoring::Model,
) -> (Extraction, Vec<article::ClaimFeatures>) {
    let Unrated {
        mut extraction,
        ratings,
        features,
        ..
    } = extract_unrated(text, options, &|context| model.assess_claim(context));
    apply_ratings(&mut extraction.claims, ratings);
    (extraction, features)
}

/// [`extract_features`] with each claim's features read by the encoder
/// ([`article::ClaimFeatures::read_as`]) and its score the encoder's alone: what training fits
/// the encoder's transcript layer on.
pub fn extract_read_features(
    text: &str,
    options: &ExtractOptions,
    encoder: &Encoder,
    model: &scoring::Model,
) -> Result<(Extraction, Vec<article::ClaimFeatures>)> {
    let Unrated {
        mut extraction,
        mut ratings,
        mut features,
        readings,
    } = extract_unrated(text, options, &|context| model.assess_claim(context));
    for ((rating, feature), logit) in ratings
        .iter_mut()
        .zip(features.iter_mut())
        .zip(read(encoder, text, &readings)?)
    {
        feature.read_as(logit);
        rating.score = scoring::sigmoid(logit);
        rating.logit = logit;
    }
    apply_ratings(&mut extraction.claims, ratings);
    Ok((extraction, features))
}

/// What the pipeline knows before the article layer: the extraction (claims not yet rated),
/// each claim's rating by its words and its features (as `assess` tells them), and the text
/// the encoder reads for each claim.
struct Unrated {
    extraction: Extraction,
    ratings: Vec<scoring::Rating>,
    features: Vec<article::ClaimFeatures>,
    /// Byte ranges of the text: each claim's sentence, less page furniture at its front and a
    /// transcript speaker label, attribution kept ("Nair said the toll would ...").
    readings: Vec<Range<usize>>,
}

/// The pipeline up to the article layer.
fn extract_unrated(text: &str, options: &ExtractOptions, assess: Assess<'_>) -> Unrated {
    let mut maker = ClaimMaker {
        text,
        index: CharIndex::new(text),
        assess,
        pieces: Vec::new(),
        piece_parts: Vec::new(),
    };
    let layout = Layout::of(text);
    let anchor = dates::find_anchor(text, options.published);
    let turns = transcript_turns(text);
    let mut attributor = Attributor::new();
    // The current transcript speaker's full name, rewritten only when it changes.
    let mut turn_name = String::new();
    let mut sentences = Vec::new();
    let mut claims = Vec::new();
    let mut ratings = Vec::new();
    let mut features = Vec::new();
    let mut readings = Vec::new();
    for span in segmentation::sentence_spans(text) {
        let sentence = Sentence {
            start: maker.index.char_at(span.start),
            end: maker.index.char_at(span.end),
            text: text[span.clone()].to_string(),
        };
        let furniture = layout.covering(&span);
        // A stage direction or a clip's title run into the prose (no line of its own).
        let not_prose = cleaning::is_stage_direction(&sentence.text)
            || cleaning::is_media_embed(&sentence.text);
        if not_prose || furniture.is_some_and(|f| !f.kind.may_hold_claims()) {
            sentences.push(sentence);
            continue;
        }
        let body = segmentation::trim(text, layout.body_start(&span)..span.end);
        if body.is_empty() {
            sentences.push(sentence);
            continue;
        }
        let turn = turn_at(&turns, span.start).map(|name| {
            let full = attributor.full_name(name);
            if turn_name != full {
                turn_name.clear();
                turn_name.push_str(full);
            }
            turn_name.as_str()
        });
        let parts = attributor.attribute(&text[body.clone()], turn);
        let facts = SentenceFacts {
            span: span.clone(),
            body_start: body.start,
            caption: furniture.is_some(),
            headline: !ends_like_a_sentence(&text[span.clone()]),
            anchor: anchor.map(|a| a.date),
        };
        maker.claims_of_sentence(
            &sentence,
            &parts,
            &facts,
            &mut claims,
            &mut ratings,
            &mut features,
        );
        let label = attribution::speaker_label_len(&text[body.clone()]).unwrap_or(0);
        let reading = segmentation::trim(text, body.start + label..body.end);
        readings.resize(claims.len(), reading);
        sentences.push(sentence);
    }

    let furniture = layout
        .regions()
        .iter()
        .map(|f| FurnitureSpan {
            start: maker.index.char_at(f.range.start),
            end: maker.index.char_at(f.range.end),
            kind: f.kind,
        })
        .collect();
    let extraction = Extraction {
        sentences,
        claims,
        anchor,
        furniture,
    };
    Unrated {
        extraction,
        ratings,
        features,
        readings,
    }
}

/// What a sentence's claims share.
struct SentenceFacts {
    span: Range<usize>,
    /// Where the sentence's body starts, after furniture at its front.
    body_start: usize,
    caption: bool,
    headline: bool,
    anchor: Option<NaiveDate>,
}

/// What turns the attributed parts of sentences into claims: the text, its character index,
/// the rater, and buffers kept from sentence to sentence so that their memory is allocated
/// once per text.
struct ClaimMaker<'t, 'f> {
    text: &'t str,
    index: CharIndex<'t>,
    assess: Assess<'f>,
    /// The atomic spans of the current sentence ...
    pieces: Vec<Range<usize>>,
    /// ... and the attributed part each comes from.
    piece_parts: Vec<usize>,
}

impl ClaimMaker<'_, '_> {
    /// The claims of one sentence: each attributed part split into atomic spans, each span
    /// with its dates, appended to `claims`, and its assessment by its own words, appended to
    /// `ratings` and `features` (the article layer rates it later).
    fn claims_of_sentence(
        &mut self,
        sentence: &Sentence,
        parts: &[Attributed],
        facts: &SentenceFacts,
        claims: &mut Vec<ExtractedClaim>,
        ratings: &mut Vec<scoring::Rating>,
        features: &mut Vec<article::ClaimFeatures>,
    ) {
        let text = self.text;
        self.pieces.clear();
        self.piece_parts.clear();
        for (at, part) in parts.iter().enumerate() {
            let range = facts.body_start + part.range.start..facts.body_start + part.range.end;
            splitting::atomic_spans_into(text, range, &mut self.pieces);
            self.piece_parts.resize(self.pieces.len(), at);
        }
        let split = self.pieces.len() > 1;
        for (piece, &at) in self.pieces.iter().zip(&self.piece_parts) {
            let part = &parts[at];
            let dates: Vec<DateMention> =
                dates::find_dates(text, facts.span.clone(), piece.clone(), facts.anchor)
                    .into_iter()
                    .map(|d| DateMention {
                        text: text[d.range.clone()].to_string(),
                        start: self.index.char_at(d.range.start),
                        end: self.index.char_at(d.range.end),
                        value: d.value,
                    })
                    .collect();
            let context = ClaimContext {
                claim: &text[piece.clone()],
                sentence: &sentence.text,
                speaker: part.speaker.as_deref(),
                cue: part.cue,
                quoted: part.quoted,
                dates: &dates,
                caption: facts.caption,
                headline: facts.headline,
                split,
            };
            let scoring::Assessment {
                rating,
                kind,
                features: claim_features,
            } = (self.assess)(&context);
            claims.push(ExtractedClaim {
                text: context.claim.to_string(),
                start: self.index.char_at(piece.start),
                end: self.index.char_at(piece.end),
                sentence_start: sentence.start,
                sentence_end: sentence.end,
                score: 0.0,
                checkworthy: false,
                kind,
                speaker: part.speaker.clone(),
                speaker_role: part.role.clone(),
                reasons: Vec::new(),
                caption: facts.caption,
                dates,
            });
            ratings.push(rating);
            features.push(claim_features);
        }
    }
}

/// Whether a sentence ends with final punctuation (else it is a headline or a list line).
fn ends_like_a_sentence(sentence: &str) -> bool {
    sentence
        .trim_end()
        .trim_end_matches(|c: char| {
            matches!(c, '"' | '”' | '’' | '\'' | ')') || segmentation::is_invisible(c)
        })
        .ends_with(['.', '!', '?', '…'])
}

/// The transcript speaker labels of `text`: where each turn starts and who speaks.
fn transcript_turns(text: &str) -> Vec<(usize, String)> {
    let mut turns = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(label) = attribution::speaker_label(trimmed) {
            turns.push((line_start, label.name));
        }
        line_start += line.len();
    }
    turns
}

/// The speaker whose turn holds byte `at`, if the text is a transcript.
fn turn_at(turns: &[(usize, String)], at: usize) -> Option<&str> {
    let after = turns.partition_point(|(start, _)| *start <= at);
    after.checked_sub(1).map(|i| turns[i].1.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nov_8_2017() -> ExtractOptions {
        ExtractOptions {
            published: NaiveDate::from_ymd_opt(2017, 11, 8),
        }
    }

    #[test]
    fn the_items_of_an_enumeration_score_with_the_statement_they_support() {
        let text = "Since then, relations between the two countries have soured, with Parliament \
                    imposing new tariffs on Norway, Oslo capping the number of Danish diplomats in \
                    Norway, and the closure of Danish consulates by Norway.";
        let found = extract(text, &ExtractOptions::default());
        let head = &found.claims[0];
        assert!(head.text.starts_with("Since then"), "{:?}", found.claims);
        assert!(found.claims.len() >= 3, "{:?}", found.claims);
        for item in &found.claims[1..] {
            assert!(item.score >= head.score, "{item:?}");
            assert!(item.checkworthy || !head.checkworthy, "{item:?}");
        }
    }

    #[test]
    fn empty_and_blank_text_give_nothing() {
        for text in ["", "   \n\n\t "] {
            let found = extract(text, &ExtractOptions::default());
            assert!(found.sentences.is_empty() && found.claims.is_empty());
        }
    }

    #[test]
    fn claims_point_into_the_original_text() {
        let text = "Caf\u{e9} owners said on Monday that rents rose 9% in 2016.\n\n\u{2022} Star\n";
        let found = extract(text, &nov_8_2017());
        let chars: Vec<char> = text.chars().collect();
        assert!(!found.claims.is_empty());
        for claim in &found.claims {
            let slice: String = chars[claim.start..claim.end].iter().collect();
            assert_eq!(slice, claim.text);
            assert!(claim.sentence_start <= claim.start && claim.end <= claim.sentence_end);
        }
        assert!(found.claims.iter().all(|c| !c.text.contains("Star")));
    }

    #[test]
    fn a_transcript_turn_gives_its_speaker() {
        let text = "MORALES: We cut the deficit by half in 2015.\n\nREYES: That is not true.";
        let found = extract(text, &ExtractOptions::default());
        let speakers: Vec<_> = found.claims.iter().map(|c| c.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Morales"), Some("Reyes")]);
        assert_eq!(found.claims[0].text, "We cut the deficit by half in 2015");
    }

    #[test]
    fn caption_claims_are_flagged_and_credits_dropped() {
        let text = "Crews clear snow in Duluth on Tuesday. (Jo Park/Northland Photo via AP)\n\nThe city spent $2 million on snow removal last year.";
        let found = extract(text, &nov_8_2017());
        let caption: Vec<_> = found.claims.iter().filter(|c| c.caption).collect();
        assert_eq!(caption.len(), 1);
        assert_eq!(caption[0].text, "Crews clear snow in Duluth on Tuesday");
        assert!(found.claims.iter().all(|c| !c.text.contains("Photo")));
    }

    #[test]
    fn the_dateline_stays_out_of_the_claim() {
        let text = "ALBANY, N.Y. (AP) \u{2014} Lawmakers passed the budget on Monday.";
        let found = extract(text, &nov_8_2017());
        assert_eq!(
            found.claims[0].text,
            "Lawmakers passed the budget on Monday"
        );
        assert_eq!(
            found.claims[0].dates[0].value.as_deref(),
            Some("2017-11-06")
        );
    }

    #[test]
    fn oversized_and_binary_input_is_refused_with_a_clear_error() {
        let big = "a".repeat(MAX_INPUT_BYTES + 1);
        let err = try_extract(&big, &ExtractOptions::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
        assert!(err.message().contains("MB"));
        let binary = "PK\u{3}\u{4}\u{0}\u{0}\u{8}\u{0}";
        let err = try_extract(binary, &ExtractOptions::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
    }
}
