//! The desk stays usable while a long article is imported (issue 13): reading and the engine
//! run before the write lock is taken, the article and its claims are committed in one short
//! transaction, and linking the claims to their repeats runs in small batches that step aside
//! for an editor's mark.
//!
//! The test asserts the order of events a user would notice (a mark made while the import is
//! still running returns before the import does), never a time. With `IMPORT_CLAIMS=16000` and
//! `--nocapture` it prints the figures BENCHMARKS.md reports (longest wait of a mark).

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use claimdesk::Desk;
use claimdesk::import::{ArticleInput, import_article};
use claimdesk_sources::ArticleHints;
use claimdesk_store::review_state::ClaimStatus;
use common::Sandbox;

/// A plain-text article of `sentences` check-worthy sentences (a figure, a year, a source each).
fn long_article(sentences: usize) -> String {
    let mut text = String::from("Council spending, district by district\n\n");
    for i in 0..sentences {
        text.push_str(&format!(
            "The city spent ${}.{} million on district {i} roads in {}, up {}% from the year \
             before, the auditor said. ",
            i % 97 + 1,
            i % 10,
            1990 + i % 35,
            i % 60 + 3
        ));
        if i % 8 == 7 {
            text.push_str("\n\n");
        }
    }
    text
}

fn text_input(content: String, name: &str) -> ArticleInput {
    ArticleInput {
        content,
        hints: ArticleHints {
            file_name: Some(name.to_string()),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn marking_a_claim_does_not_wait_for_a_long_import_to_finish() {
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let first = import_article(&desk, text_input(common::demo_text(), "bridge.txt")).unwrap();
    let claim = desk.article(first.article.id).unwrap().claims[0].id;
    let sentences = std::env::var("IMPORT_CLAIMS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let content = long_article(sentences);
    let import_done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let importer = scope.spawn(|| {
            let started = Instant::now();
            let result = import_article(&desk, text_input(content, "spending.txt")).unwrap();
            import_done.store(true, Ordering::SeqCst);
            (started.elapsed(), result)
        });
        // Mark the claim over and over (as an editor would, a few times a second) until the
        // import is over; count the marks that came back while it was still running after
        // its article had appeared (i.e. while its claims were being linked).
        let (mut marks, mut marks_during_linking, mut longest) = (0, 0, Duration::ZERO);
        let mut status = ClaimStatus::Verified;
        // Bounded: the import ends (the importer thread) or the test fails within 10 minutes.
        let deadline = Instant::now() + Duration::from_secs(600);
        while !import_done.load(Ordering::SeqCst) && Instant::now() < deadline {
            let visible = desk.list_articles().unwrap().len() == 2;
            let asked = Instant::now();
            desk.set_status(claim, status, None, None).unwrap();
            longest = longest.max(asked.elapsed());
            marks += 1;
            if visible && !import_done.load(Ordering::SeqCst) {
                marks_during_linking += 1;
            }
            status = if status == ClaimStatus::Verified {
                ClaimStatus::Disputed
            } else {
                ClaimStatus::Verified
            };
            std::thread::sleep(Duration::from_millis(20));
        }
        let (took, result) = importer.join().unwrap();
        eprintln!(
            "import of {} claims: {took:?}; {marks} marks meanwhile, the longest waited \
             {longest:?}; {marks_during_linking} while its claims were linked",
            result.article.counts.total
        );
        assert_eq!(result.article.counts.total as usize, sentences);
        assert!(
            marks_during_linking > 0,
            "a mark made after the article appeared came back only after the import ended"
        );
    });
    let history = desk.claim(claim).unwrap();
    assert!(
        !history.history.is_empty(),
        "every mark is in the claim's history"
    );
}
