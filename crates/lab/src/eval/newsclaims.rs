//! NewsClaims (Reddy et al., EMNLP 2022): news articles about COVID-19 whose claim sentences
//! were marked by annotators. The measure: run the whole engine ([`engine::extract`]) on each
//! article and compare the sentences holding a check-worthy claim with the gold claim
//! sentences (precision, recall, F1 over sentences, pooled over articles). A sentence is
//! predicted when it holds a claim at the model's review threshold, the one `extract` flags
//! claims at. Also: how many gold sentences the segmenter finds exactly.

use std::path::Path;

use serde::Deserialize;

use super::documents::LabelledDocument;
use super::metrics::{self, Confusion};
use super::scorer::Scorer;
use claimdesk_engine::segmentation::{BoundaryAgreement, sentence_boundary_accuracy};
use claimdesk_engine::{ExtractOptions, ExtractedClaim};
use claimdesk_error::{Error, Result};

/// A gold sentence of an article, in character offsets (end exclusive).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSentence {
    /// Sentence id within the article.
    pub sentence_id: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
}

/// A gold claim: which sentence holds it, where the claim itself is and who makes it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    /// The sentence holding the claim.
    pub sentence_id: String,
    /// Character offset of the sentence's first character.
    pub sentence_start: usize,
    /// Character offset one past the sentence's last character.
    pub sentence_end: usize,
    /// Character offset of the claim's first character, when the annotators marked a span
    /// (about three claims in four); otherwise the whole sentence is the claim.
    #[serde(default)]
    pub claim_start: Option<usize>,
    /// Character offset one past the claim's last character.
    #[serde(default)]
    pub claim_end: Option<usize>,
    /// Whether someone other than the journalist makes the claim.
    #[serde(default)]
    pub has_claimer: bool,
    /// Who makes the claim, as the annotators wrote it.
    #[serde(default)]
    pub claimer: Option<String>,
    /// Whether the claimer is named inside the sentence (else earlier, or by a pronoun).
    #[serde(default)]
    pub claimer_in_sentence: Option<bool>,
}

/// One annotated article.
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    /// The article's id.
    pub article_id: String,
    /// The article's text.
    pub text: String,
    /// All its sentences.
    pub sentences: Vec<GoldSentence>,
    /// Its claims.
    pub claims: Vec<GoldClaim>,
}

/// Read `articles_dev.jsonl` (one article per line).
pub fn read(path: &Path) -> Result<Vec<Article>> {
    let content = std::fs::read_to_string(path)
        .map_err(|e| Error::from(e).context(format!("cannot read {}", path.display())))?;
    content
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            serde_json::from_str(line).map_err(|e| {
                Error::invalid_input(format!(
                    "{}:{}: not a NewsClaims article: {e}",
                    path.display(),
                    number + 1
                ))
            })
        })
        .collect()
}

/// The NewsClaims figures of a model.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    /// Gold sentences with a check-worthy claim predicted in them, against the gold labels.
    pub confusion: Confusion,
    /// Average precision of all gold sentences ranked by their best claim's score (pooled).
    pub average_precision: f64,
    /// Precision when the threshold is set to reach 85% recall on this data (context only).
    pub precision_at_85_recall: f64,
    /// The best F1 of any threshold keeping 80% recall on this data (context only: an
    /// operating point chosen on the data measured).
    pub best_f1_at_80_recall: f64,
    /// The engine's sentence boundaries against the gold sentences.
    pub boundaries: BoundaryAgreement,
    /// Candidate claims `extract` found, and how many of them it flagged check-worthy: what
    /// the desk is shown of the articles.
    pub flagged: (usize, usize),
    /// How well the claims' spans cover the gold claim spans.
    pub spans: SpanAgreement,
    /// Whether the claims name the gold claimer as their speaker.
    pub claimers: ClaimerAgreement,
}

/// Character overlap of the engine's claims with the gold claim spans, in the manner of the
/// NewsClaims claim-span measure: for each gold span, the claim overlapping it most;
/// precision is the share of that claim inside the gold span, recall the share of the gold
/// span the claim covers, both averaged over gold spans (a span no claim touches counts 0).
#[derive(Debug, Clone, Copy, Default)]
pub struct SpanAgreement {
    /// Gold claim spans measured.
    pub spans: usize,
    /// Sum of the per-span precisions.
    precision_sum: f64,
    /// Sum of the per-span recalls.
    recall_sum: f64,
}

impl SpanAgreement {
    /// Add one gold span (`gold`, character range) and the engine's claim overlapping it most.
    pub fn add(&mut self, gold: (usize, usize), claim: Option<(usize, usize)>) {
        self.spans += 1;
        if let Some((start, end)) = claim {
            let overlap = end.min(gold.1).saturating_sub(start.max(gold.0)) as f64;
            self.precision_sum += overlap / (end - start).max(1) as f64;
            self.recall_sum += overlap / (gold.1 - gold.0).max(1) as f64;
        }
    }

    /// Mean share of the matched claim that lies inside the gold span.
    pub fn precision(&self) -> f64 {
        self.precision_sum / self.spans.max(1) as f64
    }

    /// Mean share of the gold span that the matched claim covers.
    pub fn recall(&self) -> f64 {
        self.recall_sum / self.spans.max(1) as f64
    }

    /// Harmonic mean of [`Self::precision`] and [`Self::recall`].
    pub fn f1(&self) -> f64 {
        metrics::harmonic_mean(self.precision(), self.recall())
    }
}

/// Agreement of the claims' speakers with the gold claimers, by where the gold claimer is.
/// A claim agrees when it has no speaker and the journalist makes the claim, or when its
/// speaker and the gold claimer share a word (titles and articles aside: "Zhao" and "Zhao
/// Lijian", "the CDC" and "CDC").
#[derive(Debug, Clone, Copy, Default)]
pub struct ClaimerAgreement {
    /// (agreeing, all) for claimers named in the claim's sentence.
    pub in_sentence: (usize, usize),
    /// (agreeing, all) for claimers named before the sentence or by a pronoun.
    pub elsewhere: (usize, usize),
    /// (agreeing, all) for claims the journalist makes (no claimer).
    pub outlet: (usize, usize),
}

impl ClaimerAgreement {
    /// Add one gold claim and the speaker of the claim matched to it.
    pub fn add(&mut self, gold: &GoldClaim, speaker: Option<&str>) {
        let claimer = gold
            .claimer
            .as_deref()
            .filter(|c| gold.has_claimer && !c.trim().is_empty());
        let (agrees, bucket) = match claimer {
            None => (speaker.is_none(), &mut self.outlet),
            Some(claimer) => (
                speaker.is_some_and(|s| share_a_name_word(s, claimer)),
                if gold.claimer_in_sentence == Some(true) {
                    &mut self.in_sentence
                } else {
                    &mut self.elsewhere
                },
            ),
        };
        bucket.0 += usize::from(agrees);
        bucket.1 += 1;
    }

    /// (agreeing, all) over every gold claim.
    pub fn total(&self) -> (usize, usize) {
        (
            self.in_sentence.0 + self.elsewhere.0 + self.outlet.0,
            self.in_sentence.1 + self.elsewhere.1 + self.outlet.1,
        )
    }
}

/// Whether two names share a word other than titles and articles, ignoring case.
fn share_a_name_word(a: &str, b: &str) -> bool {
    const NOT_NAMES: &[&str] = &["the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "s"];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| !NOT_NAMES.contains(&w.as_str()))
            .collect()
    };
    let theirs = words(b);
    // "WHO" and "World Health Organization" are one claimer: the engine names a body by its
    // full name once the article has given it.
    let initials = |s: &str| -> String {
        s.split_whitespace()
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect()
    };
    let acronym = |short: &str, long: &str| {
        let short = short.trim();
        short.len() >= 2 && short.chars().all(|c| c.is_ascii_uppercase()) && initials(long) == short
    };
    words(a).iter().any(|w| theirs.contains(w)) || acronym(a, b) || acronym(b, a)
}

/// Sentence-level claim detection over all articles: each article goes through the whole
/// engine (`scorer`), and a gold sentence is predicted when a claim flagged check-worthy falls
/// in it (the labelled sentence it overlaps most).
pub fn evaluate(scorer: &Scorer<'_>, articles: &[Article]) -> Result<Figures> {
    let mut confusion = Confusion::default();
    let mut ranked = Vec::new();
    let mut boundaries = BoundaryAgreement::default();
    let mut flagged_claims = (0, 0);
    let mut spans = SpanAgreement::default();
    let mut claimers = ClaimerAgreement::default();
    for article in articles {
        let gold: Vec<(usize, usize)> =
            article.sentences.iter().map(|s| (s.start, s.end)).collect();
        boundaries = boundaries + sentence_boundary_accuracy(&gold, &article.text);
        let document = LabelledDocument::from(article);
        let extraction = scorer.extract(&article.text, &ExtractOptions::default())?;
        let owners = document.sentence_of_claims(&extraction.claims);
        let scores: Vec<f64> = extraction.claims.iter().map(|c| c.score).collect();
        let flags: Vec<f64> = extraction
            .claims
            .iter()
            .map(|c| f64::from(u8::from(c.checkworthy)))
            .collect();
        flagged_claims.0 += extraction.claims.len();
        flagged_claims.1 += extraction.claims.iter().filter(|c| c.checkworthy).count();
        for gold in &article.claims {
            let span = (
                gold.claim_start.unwrap_or(gold.sentence_start),
                gold.claim_end.unwrap_or(gold.sentence_end),
            );
            let matched = most_overlapping(&extraction.claims, span);
            if gold.claim_start.is_some() && gold.claim_end.is_some() {
                spans.add(span, matched.map(|c| (c.start, c.end)));
            }
            claimers.add(gold, matched.and_then(|c| c.speaker.as_deref()));
        }
        let best = document.sentence_scores(&owners, &scores);
        let flagged = document.sentence_scores(&owners, &flags);
        for ((score, flag), (_, _, gold)) in best.iter().zip(flagged).zip(&document.sentences) {
            confusion.add(flag > 0.0, *gold);
            ranked.push((*score, *gold));
        }
    }
    let cut = metrics::threshold_for_recall(&ranked, 0.85);
    Ok(Figures {
        confusion,
        average_precision: metrics::average_precision(&ranked).unwrap_or(0.0),
        precision_at_85_recall: metrics::confusion_at(&ranked, cut).precision(),
        best_f1_at_80_recall: best_f1_at_recall(&ranked, 0.80),
        boundaries,
        flagged: flagged_claims,
        spans,
        claimers,
    })
}

/// The best F1 of any threshold that keeps at least `recall` of the gold (context only: the
/// threshold is chosen on the data measured).
fn best_f1_at_recall(ranked: &[(f64, bool)], recall: f64) -> f64 {
    let mut cuts: Vec<f64> = ranked.iter().map(|(s, _)| *s).collect();
    cuts.sort_by(|a, b| b.total_cmp(a));
    cuts.dedup();
    cuts.into_iter()
        .map(|cut| metrics::confusion_at(ranked, cut))
        .filter(|c| c.recall() >= recall)
        .map(|c| c.f1())
        .fold(0.0, f64::max)
}

/// The claim that overlaps the character range `span` most (the earliest on a tie).
fn most_overlapping(claims: &[ExtractedClaim], span: (usize, usize)) -> Option<&ExtractedClaim> {
    claims
        .iter()
        .map(|c| (c, c.end.min(span.1).saturating_sub(c.start.max(span.0))))
        .filter(|(_, overlap)| *overlap > 0)
        .fold(
            None,
            |best: Option<(&ExtractedClaim, usize)>, (c, overlap)| match best {
                Some((_, most)) if most >= overlap => best,
                _ => Some((c, overlap)),
            },
        )
        .map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::share_a_name_word;

    #[test]
    fn a_claimer_agrees_by_a_name_word_or_by_initials() {
        assert!(share_a_name_word("Lijian Zhao", "Mr Zhao"));
        assert!(share_a_name_word("World Health Organization", "WHO"));
        assert!(share_a_name_word("WHO", "World Health Organization"));
        assert!(!share_a_name_word("WHO", "Centers for Disease Control"));
        assert!(!share_a_name_word("the city", "the county"));
    }
}
