//! ClaimDesk's page reader must keep reading the readability-pages as well as issue 13 asks:
//! body 4-gram shingle F1 ≥ 0.95 against Readability.js's text, and title, byline, site name
//! and published day right on ≥ 90 % of the pages that have them (BENCHMARKS.md, "Article
//! extraction"). The pages are in `../shared/data/readability-pages` (or under
//! `$CLAIMDESK_SHARED`); they may not be copied into the repository, so the test skips, saying
//! so, where they are absent.

mod common;

use claimdesk_lab::pages;

// Measured 2026-12-06 (branch sources): F1 0.956, title 127/127, byline 70/76, site name
// 62/62, published day 33/33. The floors are the issue's targets.
const BODY_F1_FLOOR: f64 = 0.95;
const METADATA_FLOOR: f64 = 0.90;

#[test]
fn readability_pages_body_f1_and_metadata_meet_the_issue_targets() {
    let dir = common::shared_dir().join("data/readability-pages");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let result = pages::run(&dir).expect("the pages read");
    assert_eq!(result.pages, 130, "the set has 130 pages");
    assert!(
        result.f1 >= BODY_F1_FLOOR,
        "body F1 {:.3} < {BODY_F1_FLOOR}",
        result.f1
    );
    for (field, (right, of)) in ["title", "byline", "site name", "published day"]
        .iter()
        .zip(result.metadata)
    {
        assert!(of > 0, "{field}: no page has it");
        let share = right as f64 / of as f64;
        assert!(
            share >= METADATA_FLOOR,
            "{field}: {right}/{of} right ({share:.2}) < {METADATA_FLOOR}"
        );
    }
}
