//! Sentence boundaries on the NewsClaims dev articles against their gold sentences.
//!
//! Reads `../shared/data/newsclaims/articles_dev.jsonl` (or under `$CLAIMDESK_SHARED`); the
//! data may not be redistributed, so it is not in the repository and the test skips, saying so,
//! where it is absent.

mod common;

use claimdesk_engine::segmentation::{BoundaryAgreement, sentence_boundary_accuracy};

/// The floor CI holds the segmenter to, set from our own measurement (90.7% when last raised). The
/// issue's target is 97%; BENCHMARKS.md says why the gold sentences make that out of reach for
/// a segmenter that handles "Dr." and curly quotes correctly.
const EXACT_FLOOR: f64 = 0.90;

#[test]
fn newsclaims_dev_sentence_boundaries_stay_above_the_floor() {
    let path = common::shared_dir().join("data/newsclaims/articles_dev.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let mut total = BoundaryAgreement::default();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let article: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = article["text"].as_str().unwrap();
        let gold: Vec<(usize, usize)> = article["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["start"].as_u64().unwrap() as usize,
                    s["end"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        total = total + sentence_boundary_accuracy(&gold, text);
    }
    eprintln!(
        "NewsClaims dev sentence boundaries: {}/{} gold sentences exact ({:.1}%), precision {:.1}%",
        total.exact,
        total.gold,
        100.0 * total.exact_rate(),
        100.0 * total.precision()
    );
    assert!(total.exact_rate() >= EXACT_FLOOR, "{total:?}");
}
