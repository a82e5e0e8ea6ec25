//! The store: round trips of everything an editor records, import dedup, history that cannot
//! be rewritten, and the full-text indexes issue 4 searches.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{TimeZone, Utc};
use claimdesk::import::{ArticleInput, import_article};
use rstest::rstest;
use rusqlite::Connection;

use claimdesk::{Desk, ErrorKind};
use claimdesk_sources::ArticleHints;
use claimdesk_store::ClaimFilter;
use claimdesk_store::records::{HistoryChange, ImportOutcome};
use claimdesk_store::review_state::{ClaimStatus, Stance};

use common::Sandbox;

fn open(sandbox: &Sandbox) -> Desk {
    let fixed = Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap();
    Desk::open_with_clock(&sandbox.db(), Box::new(move || fixed)).unwrap()
}

fn import_demo(desk: &Desk) -> i64 {
    let result = import_article(
        desk,
        ArticleInput {
            content: common::demo_text(),
            hints: ArticleHints {
                file_name: Some("harbour-bridge-budget.txt".into()),
                ..ArticleHints::default()
            },
            ..ArticleInput::default()
        },
    )
    .unwrap();
    assert_eq!(result.outcome, ImportOutcome::Imported);
    result.article.id
}

fn first_claim(desk: &Desk, article_id: i64) -> i64 {
    desk.claims(&ClaimFilter {
        article_id: Some(article_id),
        ..ClaimFilter::default()
    })
    .unwrap()[0]
        .id
}

#[test]
fn imported_article_keeps_its_metadata_text_and_checkworthy_claims() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let id = import_demo(&desk);

    let detail = desk.article(id).unwrap();
    let article = &detail.article;
    assert_eq!(
        article.title,
        "Harbour bridge repairs to cost $48 million, council says"
    );
    assert_eq!(article.byline.as_deref(), Some("By Mira Okafor, City Desk"));
    assert_eq!(article.published.as_deref(), Some("2025-03-12"));
    assert_eq!(article.imported_at, "2025-03-14T09:30:00Z");
    assert_eq!(
        article.source_file.as_deref(),
        Some("harbour-bridge-budget.txt")
    );
    assert!(!detail.claims.is_empty());
    let chars: Vec<char> = article.text.chars().collect();
    for claim in &detail.claims {
        assert!(
            claim.extracted.checkworthy,
            "only check-worthy claims are stored"
        );
        assert_eq!(claim.status, ClaimStatus::Unreviewed);
        let span: String = chars[claim.extracted.start..claim.extracted.end]
            .iter()
            .collect();
        assert_eq!(
            span, claim.extracted.text,
            "offsets point at the claim text"
        );
    }
    let summary = &desk.list_articles().unwrap()[0];
    assert_eq!(summary.counts.total as usize, detail.claims.len());
    assert_eq!(summary.counts.unreviewed, summary.counts.total);
}

#[test]
fn importing_the_same_article_twice_returns_the_first_one() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let first = import_demo(&desk);
    // Same words, different wrapping and file name: still the same article.
    let rewrapped = common::demo_text().replace(". ", ".\n");
    let again = import_article(
        &desk,
        ArticleInput {
            content: rewrapped,
            hints: ArticleHints {
                file_name: Some("copy.txt".into()),
                ..ArticleHints::default()
            },
            ..ArticleInput::default()
        },
    )
    .unwrap();
    assert_eq!(again.outcome, ImportOutcome::AlreadyPresent);
    assert_eq!(again.article.id, first);
    assert_eq!(desk.list_articles().unwrap().len(), 1);
}

#[test]
fn status_note_verdict_and_evidence_round_trip_with_history() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let claim = first_claim(&desk, import_demo(&desk));

    desk.set_status(
        claim,
        ClaimStatus::Disputed,
        Some("Council minutes say 6-3."),
        Some("Ana"),
    )
    .unwrap();
    desk.set_verdict(claim, Some("Mostly false"), Some("Ana"))
        .unwrap();
    desk.add_evidence(
        claim,
        "https://eastbrook.example/minutes",
        Some("Minutes"),
        Stance::Refutes,
        Some("page 4"),
        Some("Ben"),
    )
    .unwrap();
    drop(desk);

    // A restart: everything is still there.
    let desk = open(&sandbox);
    let detail = desk.claim(claim).unwrap();
    assert_eq!(detail.claim.status, ClaimStatus::Disputed);
    assert_eq!(detail.claim.note, "Council minutes say 6-3.");
    assert_eq!(detail.claim.verdict.as_deref(), Some("Mostly false"));
    assert_eq!(detail.evidence.len(), 1);
    let evidence = &detail.evidence[0];
    assert_eq!(evidence.url, "https://eastbrook.example/minutes");
    assert_eq!(evidence.stance, Stance::Refutes);
    assert_eq!(evidence.added_by, "Ben");
    let changes: Vec<_> = detail
        .history
        .iter()
        .map(|h| (h.change, h.old.as_deref(), h.new.as_deref(), h.by.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            (
                HistoryChange::Status,
                Some("unreviewed"),
                Some("disputed"),
                "Ana"
            ),
            (
                HistoryChange::Note,
                None,
                Some("Council minutes say 6-3."),
                "Ana"
            ),
            (HistoryChange::Verdict, None, Some("Mostly false"), "Ana"),
            (
                HistoryChange::EvidenceAdded,
                None,
                Some("refutes https://eastbrook.example/minutes"),
                "Ben"
            ),
        ]
    );
    assert!(
        detail
            .history
            .iter()
            .all(|h| h.at == "2025-03-14T09:30:00Z")
    );

    let removed = desk.remove_evidence(evidence.id, Some("Ben")).unwrap();
    assert!(removed.evidence.is_empty());
    assert_eq!(
        removed.history.last().map(|h| h.change),
        Some(HistoryChange::EvidenceRemoved)
    );
}

#[test]
fn setting_the_same_status_again_records_nothing() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let claim = first_claim(&desk, import_demo(&desk));
    desk.set_status(claim, ClaimStatus::Verified, None, None)
        .unwrap();
    let detail = desk
        .set_status(claim, ClaimStatus::Verified, None, None)
        .unwrap();
    assert_eq!(detail.history.len(), 1);
}

#[test]
fn changes_named_by_no_one_go_under_the_name_an_older_desk_kept() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let claim = first_claim(&desk, import_demo(&desk));
    // What a desk of schema version 2 kept for everyone who opened it.
    rusqlite::Connection::open(sandbox.db())
        .unwrap()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('reviewer', 'Mira Okafor')",
            [],
        )
        .unwrap();
    let detail = desk.set_note(claim, "checked", None).unwrap();
    assert_eq!(detail.history[0].by, "Mira Okafor");
    assert_eq!(
        desk.legacy_reviewer().unwrap().as_deref(),
        Some("Mira Okafor")
    );
    // A name given always wins.
    let detail = desk.set_note(claim, "checked twice", "Sam Chen").unwrap();
    assert_eq!(detail.history[1].by, "Sam Chen");
}

#[rstest]
#[case::javascript_url("javascript:alert(1)")]
#[case::file_url("file:///etc/passwd")]
#[case::no_scheme("eastbrook.example/minutes")]
fn evidence_must_be_a_web_link(#[case] url: &str) {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let claim = first_claim(&desk, import_demo(&desk));
    let err = desk
        .add_evidence(claim, url, None, Stance::Supports, None, None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidUrl);
    assert!(desk.claim(claim).unwrap().evidence.is_empty());
    assert!(
        desk.claim(claim).unwrap().history.is_empty(),
        "a refused change leaves no trace"
    );
}

#[test]
fn the_same_link_cannot_be_attached_twice() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let claim = first_claim(&desk, import_demo(&desk));
    let url = "https://eastbrook.example/a";
    desk.add_evidence(claim, url, None, Stance::Supports, None, None)
        .unwrap();
    let err = desk
        .add_evidence(claim, url, None, Stance::Refutes, None, None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
}

#[test]
fn unknown_ids_are_not_found() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    assert_eq!(desk.claim(42).unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(desk.article(42).unwrap_err().kind(), ErrorKind::NotFound);
    let err = desk
        .set_status(42, ClaimStatus::Verified, None, None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = desk
        .claims(&ClaimFilter {
            article_id: Some(42),
            ..ClaimFilter::default()
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[test]
fn claims_filter_by_status() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let article = import_demo(&desk);
    let claim = first_claim(&desk, article);
    desk.set_status(claim, ClaimStatus::NeedsEvidence, None, None)
        .unwrap();
    let waiting = desk
        .claims(&ClaimFilter {
            statuses: vec![ClaimStatus::NeedsEvidence, ClaimStatus::Disputed],
            ..ClaimFilter::default()
        })
        .unwrap();
    assert_eq!(waiting.iter().map(|c| c.id).collect::<Vec<_>>(), [claim]);
}

#[rstest]
#[case::update("UPDATE history SET \"by\" = 'someone else'")]
#[case::delete("DELETE FROM history")]
fn history_cannot_be_rewritten(#[case] sql: &str) {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let claim = first_claim(&desk, import_demo(&desk));
    desk.set_status(claim, ClaimStatus::Verified, None, Some("Ana"))
        .unwrap();

    let conn = Connection::open(sandbox.db()).unwrap();
    let err = conn.execute(sql, []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert_eq!(desk.claim(claim).unwrap().history[0].by, "Ana");
}

#[test]
fn an_article_with_review_history_cannot_be_deleted_underneath_it() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let article = import_demo(&desk);
    desk.set_status(
        first_claim(&desk, article),
        ClaimStatus::Verified,
        None,
        None,
    )
    .unwrap();
    let conn = Connection::open(sandbox.db()).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    let err = conn
        .execute("DELETE FROM articles WHERE id = ?1", [article])
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn full_text_indexes_follow_claims_and_articles() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let article = import_demo(&desk);
    let claim = first_claim(&desk, article);
    desk.set_note(claim, "Checked against the Zephyrine ledger", None)
        .unwrap();

    let conn = Connection::open(sandbox.db()).unwrap();
    let search = |table: &str, word: &str| -> Vec<i64> {
        conn.prepare(&format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1"))
            .unwrap()
            .query_map([word], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(search("claims_fts", "zephyrine"), [claim]);
    assert_eq!(search("articles_fts", "girders"), [article]);
}

#[test]
fn a_reader_in_the_middle_of_a_snapshot_does_not_block_marking() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let claim = first_claim(&desk, import_demo(&desk));
    // Another process holds a read transaction open (as a long export would).
    let reader = Connection::open(sandbox.db()).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM claims", [], |row| row.get(0))
        .unwrap();
    desk.set_status(claim, ClaimStatus::Verified, None, None)
        .unwrap();
    reader.execute_batch("COMMIT").unwrap();
    assert_eq!(
        desk.claim(claim).unwrap().claim.status,
        ClaimStatus::Verified
    );
}

#[test]
fn desk_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Desk>();

    let sandbox = Sandbox::new();
    let desk = std::sync::Arc::new(open(&sandbox));
    let article = import_demo(&desk);
    let claims = desk
        .claims(&ClaimFilter {
            article_id: Some(article),
            ..ClaimFilter::default()
        })
        .unwrap();
    let threads: Vec<_> = claims
        .iter()
        .map(|claim| {
            let desk = std::sync::Arc::clone(&desk);
            let id = claim.id;
            std::thread::spawn(move || {
                desk.set_status(id, ClaimStatus::Verified, None, None)
                    .unwrap();
                desk.list_articles().unwrap();
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let summary = &desk.list_articles().unwrap()[0];
    assert_eq!(summary.counts.verified as usize, claims.len());
}

#[test]
fn the_database_file_is_in_wal_mode() {
    let sandbox = Sandbox::new();
    drop(open(&sandbox));
    let conn = Connection::open(sandbox.db()).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

/// The stop-word lists of the store's repeat keys and the engine's similarity were merged into
/// one; a desk keyed with the old list must be keyed again when it opens, or a claim imported
/// later would miss repeats whose keys were computed with the other list.
#[test]
fn repeat_keys_made_with_an_older_measure_are_recomputed_when_the_desk_opens() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    import_demo(&desk);
    drop(desk);
    let signatures = |conn: &Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM claim_signatures", [], |row| {
            row.get(0)
        })
        .unwrap()
    };
    let conn = Connection::open(sandbox.db()).unwrap();
    let keyed = signatures(&conn);
    assert!(keyed > 0);
    conn.execute_batch(
        "UPDATE settings SET value = 'engine-similarity-1' WHERE key = 'repeat_measure';
         DELETE FROM claim_signatures;",
    )
    .unwrap();
    drop(conn);

    let desk = open(&sandbox);
    drop(desk);
    let conn = Connection::open(sandbox.db()).unwrap();
    assert_eq!(signatures(&conn), keyed);
    let measure: String = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'repeat_measure'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_ne!(measure, "engine-similarity-1");
}
