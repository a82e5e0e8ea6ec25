//! Check-worthiness scoring of a sentence.

use crate::model::ScoreReason;

/// A sentence's check-worthiness and the reasons behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    /// Probability-like score in 0..1.
    pub score: f64,
    /// Whether the score reaches the desk's threshold.
    pub checkworthy: bool,
    /// The signals that moved the score, strongest first.
    pub reasons: Vec<ScoreReason>,
}

/// The score at and above which a sentence is check-worthy.
pub const THRESHOLD: f64 = 0.5;

/// Rate one sentence.
///
/// First cut: a handful of hand-set signals on a logistic scale.
pub fn score_sentence(sentence: &str) -> Rating {
    let mut reasons = Vec::new();
    let mut push = |signal: &str, label: &str, weight: f64| {
        reasons.push(ScoreReason {
            signal: signal.to_string(),
            label: label.to_string(),
            weight,
        })
    };
    if sentence.chars().any(|c| c.is_ascii_digit()) {
        push("number", "contains a number", 1.2);
    }
    let capitalised_inside = sentence
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    if capitalised_inside > 0 {
        push("named_entity", "names a person, place or body", 0.8);
    }
    if sentence.trim_end().ends_with('?') {
        push("question", "is a question", -2.0);
    }
    let words = sentence.split_whitespace().count();
    if words < 6 {
        push("short", "is too short to hold a claim", -1.5);
    }
    let logit = -0.6 + reasons.iter().map(|r| r.weight).sum::<f64>();
    let score = 1.0 / (1.0 + (-logit).exp());
    reasons.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    Rating {
        score,
        checkworthy: score >= THRESHOLD,
        reasons,
    }
}
