//! The review workspace's core: the library (details, delete, restore), editors' claim edits
//! (span, split, merge, add, dismiss), undo of every kind of change, finding claims (filters,
//! full-text search), repeated claims and taking over their reviews, batch import, and the
//! reviewer's name on every change.
//!
//! The tests do not depend on how the engine cuts an article into claims (that improves
//! independently): they find claims by a word they contain and compute offsets from the text.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{TimeZone, Utc};
use claimdesk::import::{ArticleInput, import_article, import_batch};
use rstest::rstest;
use rusqlite::Connection;

use claimdesk::identity::{Caller, LocalEditor};
use claimdesk::{Desk, ErrorKind};
use claimdesk_engine::ClaimKind;
use claimdesk_lab::synthetic::{self, Plan};
use claimdesk_sources::ArticleHints;
use claimdesk_store::records::{
    ActionKind, Claim, ClaimOrder, ClaimOrigin, DateField, FileOutcome, HistoryChange,
    ImportOutcome,
};
use claimdesk_store::review_state::{ClaimStatus, Stance};
use claimdesk_store::{ArticleUpdate, ClaimFilter, ClaimQuery};

use common::Sandbox;

/// An article we wrote, with curly quotes, an accent and an emoji, so that character offsets
/// are not byte offsets.
const FERRY: &str = "Ferry fares to rise 12% in June\n\n\
The Harbour council voted 5-4 on Monday to raise ferry fares by 12 percent from June. \
Mayor Lena Ortiz said the increase would raise $3 million a year for the service. \
Critics said the council ignored a 2023 audit, which found 40 percent of sailings ran late. \
\u{201C}Commuters deserve better,\u{201D} said Zoë Brandt, who chairs the passengers\u{2019} \
association \u{1F6A2}, adding that 9,000 people use the ferry every day.";

/// Another article that repeats one of FERRY's claims word for word and rewords another.
const FERRY_WIRE: &str = "Harbour ferry fares going up\n\n\
Mayor Lena Ortiz said the increase would raise $3 million a year for the service. \
Ferry fares will rise by 12 percent from June after the Harbour council voted 5-4 on Monday. \
The port has 14 berths and handled 2.1 million passengers in 2024.";

fn open(sandbox: &Sandbox) -> Desk {
    let fixed = Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap();
    Desk::open_with_clock(&sandbox.db(), Box::new(move || fixed)).unwrap()
}

fn import(desk: &Desk, name: &str, text: &str) -> i64 {
    let result = import_article(
        desk,
        ArticleInput {
            content: text.to_string(),
            hints: ArticleHints {
                file_name: Some(name.to_string()),
                published: Some("2025-03-10".to_string()),
                ..ArticleHints::default()
            },
            ..ArticleInput::default()
        },
    )
    .unwrap();
    assert_eq!(result.outcome, ImportOutcome::Imported);
    result.article.id
}

/// A desk holding FERRY: the sandbox (keep it: the database is inside), the desk and the
/// article's id.
fn ferry_desk() -> (Sandbox, Desk, i64) {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let article = import(&desk, "ferry.txt", FERRY);
    (sandbox, desk, article)
}

fn claims_of(desk: &Desk, article: i64) -> Vec<Claim> {
    desk.article(article).unwrap().claims
}

/// The claim of `article` whose text holds `word`.
fn claim_with(desk: &Desk, article: i64, word: &str) -> Claim {
    claims_of(desk, article)
        .into_iter()
        .find(|c| c.extracted.text.contains(word))
        .unwrap_or_else(|| panic!("no claim with {word:?} in article {article}"))
}

/// The character offset of `needle` in `text`.
fn char_at(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).expect("needle in text");
    text[..byte].chars().count()
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn history_rows(sandbox: &Sandbox) -> i64 {
    Connection::open(sandbox.db())
        .unwrap()
        .query_row("SELECT count(*) FROM history", [], |row| row.get(0))
        .unwrap()
}

/// What an editor can see of the desk: articles (on the desk and deleted) with their details,
/// and every claim with its span, review and evidence.
fn snapshot(desk: &Desk) -> String {
    let mut out = String::new();
    for (state, articles) in [
        ("live", desk.list_articles().unwrap()),
        ("deleted", desk.list_deleted_articles().unwrap()),
    ] {
        for article in articles {
            out.push_str(&format!(
                "{state} {} {:?} {:?} {:?} {:?} {:?}\n",
                article.id,
                article.title,
                article.outlet,
                article.byline,
                article.url,
                article.published
            ));
            for claim in claims_of(desk, article.id) {
                let detail = desk.claim(claim.id).unwrap();
                let links: Vec<_> = detail
                    .evidence
                    .iter()
                    .map(|e| (e.url.clone(), e.stance))
                    .collect();
                out.push_str(&format!(
                    "  {} {}..{} {:?} {} {:?} {:?} {:?}\n",
                    claim.id,
                    claim.extracted.start,
                    claim.extracted.end,
                    claim.extracted.text,
                    claim.status,
                    claim.verdict,
                    claim.note,
                    links
                ));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Library

#[test]
fn the_library_lists_outlet_date_counts_and_progress() {
    let (_sandbox, desk, article) = ferry_desk();
    desk.update_article(
        article,
        &ArticleUpdate {
            outlet: Some("Coast News".into()),
            ..ArticleUpdate::default()
        },
        None,
    )
    .unwrap();
    let claims = claims_of(&desk, article);
    desk.set_status(claims[0].id, ClaimStatus::Verified, None, None)
        .unwrap();
    desk.set_status(claims[1].id, ClaimStatus::Dismissed, None, None)
        .unwrap();
    desk.set_status(claims[2].id, ClaimStatus::NeedsEvidence, None, None)
        .unwrap();

    let summary = &desk.list_articles().unwrap()[0];
    assert_eq!(summary.outlet.as_deref(), Some("Coast News"));
    assert_eq!(summary.published.as_deref(), Some("2025-03-10"));
    assert_eq!(summary.counts.total as usize, claims.len());
    assert_eq!(
        (
            summary.counts.verified,
            summary.counts.dismissed,
            summary.counts.needs_evidence
        ),
        (1, 1, 1)
    );
    assert_eq!(summary.reviewed, 2, "verified and dismissed are decided");
}

#[rstest]
#[case::script_url(ArticleUpdate { url: Some("javascript:alert(1)".into()), ..ArticleUpdate::default() }, ErrorKind::InvalidUrl)]
#[case::day_first_date(ArticleUpdate { published: Some("10/03/2025".into()), ..ArticleUpdate::default() }, ErrorKind::InvalidInput)]
#[case::blank_title(ArticleUpdate { title: Some("   ".into()), ..ArticleUpdate::default() }, ErrorKind::InvalidInput)]
#[case::good_title_bad_date(ArticleUpdate { title: Some("A new title".into()), published: Some("not a date".into()), ..ArticleUpdate::default() }, ErrorKind::InvalidInput)]
fn bad_article_details_are_refused_and_change_nothing(
    #[case] update: ArticleUpdate,
    #[case] kind: ErrorKind,
) {
    let (_sandbox, desk, article) = ferry_desk();
    let before = snapshot(&desk);
    let err = desk.update_article(article, &update, None).unwrap_err();
    assert_eq!(err.kind(), kind, "{}", err.message());
    assert_eq!(snapshot(&desk), before, "not even the valid fields change");
    assert!(desk.article(article).unwrap().history.is_empty());
}

#[test]
fn article_details_are_normalised_and_each_change_is_recorded() {
    let (_sandbox, desk, article) = ferry_desk();
    let summary = desk
        .update_article(
            article,
            &ArticleUpdate {
                title: Some("  Ferry   fares rise ".into()),
                url: Some("https://coast.example/ferry".into()),
                published: Some("2025-03-09".into()),
                ..ArticleUpdate::default()
            },
            Some("Ana"),
        )
        .unwrap();
    assert_eq!(summary.title, "Ferry fares rise");
    assert_eq!(summary.published.as_deref(), Some("2025-03-09"));
    let history = desk.article(article).unwrap().history;
    let changes: Vec<_> = history
        .iter()
        .map(|h| (h.change, h.new.as_deref(), h.by.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            (HistoryChange::ArticleTitle, Some("Ferry fares rise"), "Ana"),
            (
                HistoryChange::ArticleUrl,
                Some("https://coast.example/ferry"),
                "Ana"
            ),
            (HistoryChange::ArticlePublished, Some("2025-03-09"), "Ana"),
        ]
    );
    assert!(history.iter().all(|h| h.claim_id.is_none()));
}

#[test]
fn a_deleted_article_leaves_lists_and_searches_until_it_is_restored() {
    let (_sandbox, desk, article) = ferry_desk();
    let other = import(&desk, "wire.txt", FERRY_WIRE);
    let claim = claim_with(&desk, article, "audit");
    desk.set_status(
        claim.id,
        ClaimStatus::Disputed,
        Some("Audit says 30%."),
        None,
    )
    .unwrap();

    let deleted = desk.delete_article(article, Some("Ana")).unwrap();
    assert_eq!(deleted.deleted_by.as_deref(), Some("Ana"));
    assert_eq!(
        desk.list_articles()
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        [other]
    );
    assert_eq!(desk.list_deleted_articles().unwrap()[0].id, article);
    let everything = desk.find_claims(&ClaimQuery::default()).unwrap();
    assert!(
        everything
            .claims
            .iter()
            .all(|c| c.claim.article_id == other)
    );
    let search = |words: &str| common::search(&desk, words).total;
    assert_eq!(search("audit"), 0);
    assert!(
        desk.find_articles("sailings", false, 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(desk.find_articles("sailings", true, 10).unwrap().len(), 1);
    // Its claims cannot be changed while it is deleted, and the error says why.
    let err = desk
        .set_status(claim.id, ClaimStatus::Verified, None, None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(
        err.message().contains("restore it first"),
        "{}",
        err.message()
    );
    assert_eq!(
        desk.delete_article(article, None).unwrap_err().kind(),
        ErrorKind::Conflict
    );

    desk.restore_article(article, Some("Ben")).unwrap();
    assert_eq!(search("audit"), 1);
    let back = desk.claim(claim.id).unwrap();
    assert_eq!(back.claim.status, ClaimStatus::Disputed);
    assert_eq!(back.claim.note, "Audit says 30%.");
    let history: Vec<_> = desk
        .article(article)
        .unwrap()
        .history
        .iter()
        .map(|h| (h.change, h.by.clone()))
        .collect();
    assert_eq!(
        history,
        [
            (HistoryChange::ArticleDeleted, "Ana".to_string()),
            (HistoryChange::ArticleRestored, "Ben".to_string())
        ]
    );
}

#[test]
fn importing_a_deleted_article_again_points_at_it_instead_of_duplicating_it() {
    let (_sandbox, desk, article) = ferry_desk();
    desk.delete_article(article, None).unwrap();
    let again = import_article(
        &desk,
        ArticleInput {
            content: FERRY.to_string(),
            ..ArticleInput::default()
        },
    )
    .unwrap();
    assert_eq!(again.outcome, ImportOutcome::AlreadyPresent);
    assert_eq!(again.article.id, article);
    assert!(again.article.deleted_at.is_some());
    assert!(
        again.warnings.iter().any(|w| w.contains("restore it")),
        "{:?}",
        again.warnings
    );
}

// ---------------------------------------------------------------------------------------------
// Editing claims

#[test]
fn a_span_edit_takes_its_text_from_the_article_and_is_recorded() {
    let (_sandbox, desk, article) = ferry_desk();
    let claim = claim_with(&desk, article, "audit");
    let text = desk.article(article).unwrap().article.text;
    // Shorten the claim to its first clause, selected with the space before it.
    let start = char_at(&text, "the council ignored") - 1;
    let end = char_at(&text, ", which found");

    let edit = desk
        .edit_claim_span(claim.id, start, end, Some("Ana"))
        .unwrap();
    let edited = &edit.claim.claim.extracted;
    assert_eq!(edited.text, "the council ignored a 2023 audit");
    assert_eq!(slice(&text, edited.start, edited.end), edited.text);
    assert!(edited.sentence_start <= edited.start && edited.end <= edited.sentence_end);
    let last = edit.claim.history.last().unwrap();
    assert_eq!(last.change, HistoryChange::Span);
    assert_eq!(last.new.as_deref(), Some(edited.text.as_str()));
    assert_eq!(last.by, "Ana");
    assert!(edit.claims.iter().any(|c| c.id == claim.id));
}

#[rstest]
#[case::past_the_end(0, 100_000, ErrorKind::InvalidInput)]
#[case::empty(10, 10, ErrorKind::InvalidInput)]
#[case::reversed(30, 20, ErrorKind::InvalidInput)]
#[case::only_a_space(85, 86, ErrorKind::InvalidInput)]
fn a_span_outside_the_text_or_without_words_is_refused(
    #[case] start: usize,
    #[case] end: usize,
    #[case] kind: ErrorKind,
) {
    let (sandbox, desk, article) = ferry_desk();
    let claim = claim_with(&desk, article, "increase");
    let before = history_rows(&sandbox);
    let err = desk
        .edit_claim_span(claim.id, start, end, None)
        .unwrap_err();
    assert_eq!(err.kind(), kind, "{}", err.message());
    let err = desk.add_claim(article, start, end, None).unwrap_err();
    assert_eq!(err.kind(), kind, "{}", err.message());
    assert_eq!(
        history_rows(&sandbox),
        before,
        "a refused edit leaves no trace"
    );
}

#[test]
fn a_span_that_would_overlap_another_claim_is_refused() {
    let (_sandbox, desk, article) = ferry_desk();
    let mayor = claim_with(&desk, article, "increase");
    let critics = claim_with(&desk, article, "audit");
    let err = desk
        .edit_claim_span(
            mayor.id,
            mayor.extracted.start,
            critics.extracted.start + 5,
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(
        err.message().contains(&format!("claim {}", critics.id)),
        "{}",
        err.message()
    );
}

#[test]
fn splitting_keeps_the_review_on_the_first_part_and_rates_the_second() {
    let (_sandbox, desk, article) = ferry_desk();
    let claim = claim_with(&desk, article, "audit");
    desk.set_status(claim.id, ClaimStatus::InProgress, None, None)
        .unwrap();
    let text = desk.article(article).unwrap().article.text;
    let at = char_at(&text, "which found");

    let edit = desk.split_claim(claim.id, at, Some("Ana")).unwrap();
    let first = &edit.claim.claim;
    assert_eq!(first.id, claim.id);
    assert_eq!(first.status, ClaimStatus::InProgress);
    assert!(
        first.extracted.text.ends_with("audit,"),
        "{}",
        first.extracted.text
    );
    let second = edit
        .claims
        .iter()
        .find(|c| c.extracted.text.starts_with("which found"))
        .expect("the second part");
    assert_eq!(second.origin, ClaimOrigin::Editor);
    assert_eq!(second.status, ClaimStatus::Unreviewed);
    assert_eq!(second.extracted.end, claim.extracted.end);
    assert!(second.extracted.reasons[0].label.contains("split off"));
    let second_history = desk.claim(second.id).unwrap().history;
    assert_eq!(second_history[0].change, HistoryChange::ClaimAdded);
    assert_eq!(
        second_history[0].action_id,
        edit.claim.history.last().unwrap().action_id
    );

    let outside = desk
        .split_claim(claim.id, claim.extracted.end + 3, None)
        .unwrap_err();
    assert_eq!(outside.kind(), ErrorKind::InvalidInput);
}

#[test]
fn merging_adjacent_claims_keeps_the_reviewed_one_and_retires_the_rest() {
    let (_sandbox, desk, article) = ferry_desk();
    let mayor = claim_with(&desk, article, "increase");
    let critics = claim_with(&desk, article, "audit");
    desk.set_status(critics.id, ClaimStatus::Disputed, None, None)
        .unwrap();

    let edit = desk
        .merge_claims(&[critics.id, mayor.id], Some("Ana"))
        .unwrap();
    let merged = &edit.claim.claim;
    assert_eq!(merged.id, critics.id, "the reviewed claim survives");
    assert_eq!(merged.status, ClaimStatus::Disputed);
    assert_eq!(merged.extracted.start, mayor.extracted.start);
    assert_eq!(merged.extracted.end, critics.extracted.end);
    let text = desk.article(article).unwrap().article.text;
    assert_eq!(
        slice(&text, merged.extracted.start, merged.extracted.end),
        merged.extracted.text
    );
    assert!(edit.claims.iter().all(|c| c.id != mayor.id));
    let retired = desk.claim(mayor.id).unwrap();
    assert!(retired.claim.removed_at.is_some());
    assert_eq!(
        retired.history.last().map(|h| h.change),
        Some(HistoryChange::ClaimRemoved)
    );
    assert_eq!(
        desk.set_status(mayor.id, ClaimStatus::Verified, None, None)
            .unwrap_err()
            .kind(),
        ErrorKind::Conflict
    );
}

#[test]
fn claims_with_a_claim_between_them_or_two_reviews_are_not_merged() {
    let (_sandbox, desk, article) = ferry_desk();
    let council = claim_with(&desk, article, "voted");
    let mayor = claim_with(&desk, article, "increase");
    let critics = claim_with(&desk, article, "audit");
    let err = desk
        .merge_claims(&[council.id, critics.id], None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(
        err.message().contains(&format!("claim {}", mayor.id)),
        "{}",
        err.message()
    );

    desk.set_status(mayor.id, ClaimStatus::Verified, None, None)
        .unwrap();
    desk.set_note(critics.id, "Audit checked", None).unwrap();
    let err = desk
        .merge_claims(&[mayor.id, critics.id], None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.message().contains("review"), "{}", err.message());
    assert_eq!(
        desk.merge_claims(&[mayor.id], None).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn an_editor_adds_a_claim_the_engine_missed_with_non_ascii_offsets() {
    let (_sandbox, desk, article) = ferry_desk();
    let text = desk.article(article).unwrap().article.text;
    // After the curly quotes and the emoji, so character and byte offsets differ.
    let start = char_at(&text, "9,000 people");
    let end = text.chars().count() - 1;
    free_span(&desk, article, start, end);

    let edit = desk.add_claim(article, start, end, Some("Ana")).unwrap();
    let added = &edit.claim.claim;
    assert_eq!(added.extracted.text, "9,000 people use the ferry every day");
    assert_eq!(
        slice(&text, added.extracted.start, added.extracted.end),
        added.extracted.text
    );
    assert_eq!(added.origin, ClaimOrigin::Editor);
    assert_eq!(added.status, ClaimStatus::Unreviewed);
    assert_eq!(added.extracted.reasons[0].signal, "editor");
    assert_eq!(added.extracted.reasons[0].label, "added by an editor");
    assert!((0.0..=1.0).contains(&added.extracted.score));
    assert_eq!(edit.claim.history[0].change, HistoryChange::ClaimAdded);
    assert_eq!(edit.claim.history[0].by, "Ana");
    assert_eq!(edit.article.counts.total as usize, edit.claims.len());
    assert!(
        edit.claims
            .windows(2)
            .all(|w| w[0].extracted.start <= w[1].extracted.start),
        "claims come back in text order"
    );
}

/// Move the claims that overlap `start..end` out of the way, so that a test can mark that
/// span by hand whatever the engine found there.
fn free_span(desk: &Desk, article: i64, start: usize, end: usize) {
    for claim in claims_of(desk, article) {
        let (from, to) = (claim.extracted.start, claim.extracted.end);
        if to <= start || end <= from {
            continue;
        }
        if from < start {
            desk.edit_claim_span(claim.id, from, start, None).unwrap();
        } else if end < to {
            desk.edit_claim_span(claim.id, end, to, None).unwrap();
        } else {
            panic!(
                "claim {} lies inside {start}..{end}; pick another span",
                claim.id
            );
        }
    }
}

#[test]
fn a_dismissed_claim_stays_with_its_history() {
    let (_sandbox, desk, article) = ferry_desk();
    let claim = claim_with(&desk, article, "audit");
    desk.set_status(
        claim.id,
        ClaimStatus::Dismissed,
        Some("Opinion, not a claim."),
        None,
    )
    .unwrap();
    let detail = desk.claim(claim.id).unwrap();
    assert_eq!(detail.claim.status, ClaimStatus::Dismissed);
    assert!(claims_of(&desk, article).iter().any(|c| c.id == claim.id));
    assert_eq!(detail.history[0].new.as_deref(), Some("dismissed"));
    let stack = desk.undo_stack(None, 1).unwrap();
    assert_eq!(stack[0].label, "dismissed a claim");
}

// ---------------------------------------------------------------------------------------------
// Undo

#[derive(Debug, Clone, Copy)]
enum Change {
    Status,
    Note,
    Verdict,
    AddEvidence,
    RemoveEvidence,
    Span,
    Split,
    Merge,
    Add,
    Dismiss,
    Rename,
    Delete,
    Restore,
    Adopt,
}

#[rstest]
#[case::status(Change::Status, "marked Disputed")]
#[case::note(Change::Note, "edited the note")]
#[case::verdict(Change::Verdict, "set the verdict \u{201C}Mostly false\u{201D}")]
#[case::evidence_added(Change::AddEvidence, "attached evidence from coast.example")]
#[case::evidence_removed(Change::RemoveEvidence, "removed evidence from coast.example")]
#[case::span(Change::Span, "changed a claim's span")]
#[case::split(Change::Split, "split a claim")]
#[case::merge(Change::Merge, "merged 2 claims")]
#[case::add(Change::Add, "added a claim")]
#[case::dismiss(Change::Dismiss, "dismissed a claim")]
#[case::rename(Change::Rename, "renamed an article")]
#[case::delete(
    Change::Delete,
    "deleted \u{201C}Ferry fares to rise 12% in June\u{201D}"
)]
#[case::restore(
    Change::Restore,
    "restored \u{201C}Ferry fares to rise 12% in June\u{201D}"
)]
#[case::adopt(Change::Adopt, "took over the review of claim")]
fn undo_reverts_each_kind_of_change_by_appending_history(
    #[case] change: Change,
    #[case] label: &str,
) {
    let (sandbox, desk, article) = ferry_desk();
    let wire = import(&desk, "wire.txt", FERRY_WIRE);
    let mayor = claim_with(&desk, article, "increase");
    let critics = claim_with(&desk, article, "audit");
    let text = desk.article(article).unwrap().article.text;
    let url = "https://coast.example/audit";
    // What a colleague did before: it must survive Ana's undo.
    match change {
        Change::RemoveEvidence => {
            desk.add_evidence(critics.id, url, None, Stance::Refutes, None, Some("Ben"))
                .unwrap();
        }
        Change::Restore => {
            desk.delete_article(article, Some("Ben")).unwrap();
        }
        Change::Adopt => {
            desk.set_status(
                mayor.id,
                ClaimStatus::Verified,
                Some("Budget p. 12"),
                Some("Ben"),
            )
            .unwrap();
            desk.add_evidence(mayor.id, url, None, Stance::Supports, None, Some("Ben"))
                .unwrap();
        }
        _ => {}
    }
    let before = snapshot(&desk);
    let rows_before = history_rows(&sandbox);
    let ana = Some("Ana");
    match change {
        Change::Status => {
            desk.set_status(critics.id, ClaimStatus::Disputed, None, ana)
                .map(drop)
                .unwrap();
        }
        Change::Note => desk
            .set_note(critics.id, "Audit p. 4", ana)
            .map(drop)
            .unwrap(),
        Change::Verdict => desk
            .set_verdict(critics.id, Some("Mostly false"), ana)
            .map(drop)
            .unwrap(),
        Change::AddEvidence => desk
            .add_evidence(critics.id, url, None, Stance::Refutes, None, ana)
            .map(drop)
            .unwrap(),
        Change::RemoveEvidence => {
            let evidence = desk.claim(critics.id).unwrap().evidence[0].id;
            desk.remove_evidence(evidence, ana).map(drop).unwrap();
        }
        Change::Span => desk
            .edit_claim_span(
                critics.id,
                critics.extracted.start,
                char_at(&text, ", which found"),
                ana,
            )
            .map(drop)
            .unwrap(),
        Change::Split => desk
            .split_claim(critics.id, char_at(&text, "which found"), ana)
            .map(drop)
            .unwrap(),
        Change::Merge => desk
            .merge_claims(&[mayor.id, critics.id], ana)
            .map(drop)
            .unwrap(),
        Change::Add => {
            desk.edit_claim_span(
                critics.id,
                critics.extracted.start,
                char_at(&text, ", which found"),
                Some("Ben"),
            )
            .unwrap();
            // Ben's edit is part of the state Ana's undo must keep.
            let before_add = snapshot(&desk);
            let rows = history_rows(&sandbox);
            desk.add_claim(
                article,
                char_at(&text, "which found"),
                critics.extracted.end,
                ana,
            )
            .unwrap();
            let undone = desk.undo(ana).unwrap();
            assert_eq!(undone.undone.unwrap().label, label);
            assert_eq!(snapshot(&desk), before_add);
            assert!(history_rows(&sandbox) > rows);
            return;
        }
        Change::Dismiss => {
            desk.set_status(critics.id, ClaimStatus::Dismissed, None, ana)
                .map(drop)
                .unwrap();
        }
        Change::Rename => desk
            .update_article(
                article,
                &ArticleUpdate {
                    title: Some("Fares up".into()),
                    ..ArticleUpdate::default()
                },
                ana,
            )
            .map(drop)
            .unwrap(),
        Change::Delete => desk.delete_article(article, ana).map(drop).unwrap(),
        Change::Restore => desk.restore_article(article, ana).map(drop).unwrap(),
        Change::Adopt => {
            let repeat = claim_with(&desk, wire, "increase");
            desk.adopt_review(repeat.id, mayor.id, ana)
                .map(drop)
                .unwrap();
        }
    }
    let after_change = history_rows(&sandbox);
    assert!(after_change > rows_before, "the change is recorded");
    assert_ne!(snapshot(&desk), before, "the change shows");

    let result = desk.undo(ana).unwrap();
    let undone = result.undone.expect("something was undone");
    assert!(
        undone.label.starts_with(label),
        "{} / {label}",
        undone.label
    );
    assert_eq!(undone.by, "Ana");
    assert!(result.skipped.is_empty());
    assert_eq!(snapshot(&desk), before, "undo restores what the editor saw");
    assert!(
        history_rows(&sandbox) > after_change,
        "undo appends to the history instead of erasing it"
    );
    // The undo itself is not on the stack: the next undo has nothing of Ana's left.
    assert_eq!(desk.undo(ana).unwrap().undone, None);
}

#[test]
fn undo_walks_back_one_reviewers_changes_and_leaves_colleagues_alone() {
    let (_sandbox, desk, article) = ferry_desk();
    let mayor = claim_with(&desk, article, "increase");
    let critics = claim_with(&desk, article, "audit");
    let ana = Some("Ana");
    desk.set_status(mayor.id, ClaimStatus::Verified, None, ana)
        .unwrap();
    desk.set_status(critics.id, ClaimStatus::Disputed, None, Some("Ben"))
        .unwrap();
    desk.set_note(mayor.id, "Budget p. 12", ana).unwrap();

    let stack = desk.undo_stack(ana, 10).unwrap();
    assert_eq!(
        stack.iter().map(|a| a.label.as_str()).collect::<Vec<_>>(),
        ["edited the note", "marked Verified"]
    );
    assert_eq!(stack[0].kind, ActionKind::SetNote);
    assert_eq!(stack[0].claim_id, Some(mayor.id));

    let first = desk.undo(ana).unwrap();
    assert_eq!(first.undone.unwrap().label, "edited the note");
    assert_eq!(first.claim.as_ref().unwrap().claim.note, "");
    let second = desk.undo(ana).unwrap();
    assert_eq!(second.undone.unwrap().label, "marked Verified");
    assert_eq!(second.claim.unwrap().claim.status, ClaimStatus::Unreviewed);
    assert_eq!(desk.undo(ana).unwrap().undone, None);
    // Ben's change is untouched, and still on Ben's own stack.
    assert_eq!(
        desk.claim(critics.id).unwrap().claim.status,
        ClaimStatus::Disputed
    );
    assert_eq!(desk.undo_stack(Some("Ben"), 10).unwrap().len(), 1);

    // Undone changes are history entries like any other, marked as undoing their action.
    let history = desk.claim(mayor.id).unwrap().history;
    assert_eq!(history.len(), 4);
    assert!(history[2].undoes.is_some() && history[3].undoes.is_some());
    assert_eq!(history[3].undoes, history[0].action_id);
}

#[test]
fn undo_passes_over_a_change_a_colleague_has_since_overwritten() {
    let (_sandbox, desk, article) = ferry_desk();
    let mayor = claim_with(&desk, article, "increase");
    let critics = claim_with(&desk, article, "audit");
    desk.set_status(mayor.id, ClaimStatus::Verified, None, Some("Ana"))
        .unwrap();
    desk.set_status(critics.id, ClaimStatus::Disputed, None, Some("Ana"))
        .unwrap();
    desk.set_status(critics.id, ClaimStatus::Verified, None, Some("Ben"))
        .unwrap();

    let result = desk.undo(Some("Ana")).unwrap();
    assert_eq!(result.skipped.len(), 1);
    assert_eq!(result.skipped[0].claim_id, Some(critics.id));
    assert_eq!(result.undone.unwrap().claim_id, Some(mayor.id));
    assert_eq!(
        desk.claim(critics.id).unwrap().claim.status,
        ClaimStatus::Verified,
        "Ben's verdict stands"
    );
    assert_eq!(
        desk.claim(mayor.id).unwrap().claim.status,
        ClaimStatus::Unreviewed
    );
}

#[test]
fn undo_with_nothing_to_undo_says_so() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let result = desk.undo(Some("Ana")).unwrap();
    assert_eq!(result.undone, None);
    assert!(result.skipped.is_empty() && result.claim.is_none());
}

#[rstest]
#[case::update("UPDATE actions SET label = 'something else'")]
#[case::delete("DELETE FROM actions")]
fn the_action_log_cannot_be_rewritten(#[case] sql: &str) {
    let (sandbox, desk, article) = ferry_desk();
    desk.set_status(
        claims_of(&desk, article)[0].id,
        ClaimStatus::Verified,
        None,
        None,
    )
    .unwrap();
    let conn = Connection::open(sandbox.db()).unwrap();
    let err = conn.execute(sql, []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Finding claims

/// A synthetic desk of 40 articles with 25 claims each: varied speakers, kinds, scores, dates
/// and reviews.
fn synthetic_desk(sandbox: &Sandbox) -> Desk {
    let desk = open(sandbox);
    let plan = Plan {
        articles: 40,
        claims_per_article: 25,
        seed: 7,
    };
    let generated = synthetic::generate(&desk, &plan, |_| {}).unwrap();
    assert_eq!((generated.articles, generated.claims), (40, 1000));
    desk
}

fn ids(desk: &Desk, filter: ClaimFilter) -> Vec<i64> {
    let page = desk
        .find_claims(&ClaimQuery {
            filter,
            order: ClaimOrder::Position,
            limit: Some(1000),
            offset: None,
        })
        .unwrap();
    assert_eq!(page.total as usize, page.claims.len());
    let mut ids: Vec<i64> = page.claims.iter().map(|c| c.claim.id).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn every_filter_returns_exactly_the_claims_that_match_it() {
    let sandbox = Sandbox::new();
    let desk = synthetic_desk(&sandbox);
    let all = desk.claims(&ClaimFilter::default()).unwrap();
    let published: std::collections::HashMap<i64, String> = desk
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.published.unwrap()))
        .collect();
    let speaker = all
        .iter()
        .find_map(|c| c.extracted.speaker.clone())
        .unwrap();
    let article = all[500].article_id;
    let expect = |keep: &dyn Fn(&Claim) -> bool| {
        let mut ids: Vec<i64> = all.iter().filter(|c| keep(c)).map(|c| c.id).collect();
        ids.sort_unstable();
        assert!(!ids.is_empty(), "a filter test needs matching claims");
        ids
    };
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // A claim date value (year, month or day) overlaps 2019-03-01..2019-08-31?
    let overlaps_2019_spring_summer = |c: &Claim| {
        c.extracted.dates.iter().any(|d| {
            let v = d.value.as_deref().unwrap_or("");
            match v.len() {
                4 => v == "2019",
                7 => ("2019-03".."2019-09").contains(&v),
                _ => ("2019-03-01".."2019-09-01").contains(&v),
            }
        })
    };

    assert_eq!(
        ids(
            &desk,
            ClaimFilter {
                statuses: vec![ClaimStatus::Disputed, ClaimStatus::NeedsEvidence],
                ..ClaimFilter::default()
            }
        ),
        expect(&|c| matches!(c.status, ClaimStatus::Disputed | ClaimStatus::NeedsEvidence))
    );
    assert_eq!(
        ids(
            &desk,
            ClaimFilter {
                kinds: vec![ClaimKind::Prediction],
                ..ClaimFilter::default()
            }
        ),
        expect(&|c| c.extracted.kind == ClaimKind::Prediction)
    );
    assert_eq!(
        ids(
            &desk,
            ClaimFilter {
                speaker: Some(speaker.to_uppercase()),
                ..ClaimFilter::default()
            }
        ),
        expect(&|c| c.extracted.speaker.as_deref() == Some(speaker.as_str()))
    );
    assert_eq!(
        ids(
            &desk,
            ClaimFilter {
                min_score: Some(0.6),
                max_score: Some(0.8),
                ..ClaimFilter::default()
            }
        ),
        expect(&|c| (0.6..=0.8).contains(&c.extracted.score))
    );
    assert_eq!(
        ids(
            &desk,
            ClaimFilter {
                article_id: Some(article),
                statuses: vec![ClaimStatus::Unreviewed],
                ..ClaimFilter::default()
            }
        ),
        expect(&|c| c.article_id == article && c.status == ClaimStatus::Unreviewed)
    );
    assert_eq!(
        ids(
            &desk,
            ClaimFilter {
                date_from: Some(day("2019-03-01")),
                date_to: Some(day("2019-08-31")),
                ..ClaimFilter::default()
            }
        ),
        expect(&overlaps_2019_spring_summer)
    );
    assert_eq!(
        ids(
            &desk,
            ClaimFilter {
                date_from: Some(day("2024-06-01")),
                date_field: DateField::Published,
                ..ClaimFilter::default()
            }
        ),
        expect(&|c| published[&c.article_id].as_str() >= "2024-06-01")
    );
    assert_eq!(
        ids(
            &desk,
            ClaimFilter {
                checkworthy: Some(true),
                ..ClaimFilter::default()
            }
        )
        .len(),
        all.len()
    );
}

#[test]
fn a_search_finds_words_in_claims_and_notes_as_they_are_typed() {
    let sandbox = Sandbox::new();
    let desk = synthetic_desk(&sandbox);
    let all = desk.claims(&ClaimFilter::default()).unwrap();
    let search = |typed: &str| common::search(&desk, typed);
    // Prefix while typing: "Ashgr" finds every claim that mentions Ashgrove.
    let page = search("Ashgr");
    let expected = all
        .iter()
        .filter(|c| c.extracted.text.contains("Ashgrove"))
        .count();
    assert_eq!(page.total as usize, expected);
    let hit = &page.claims[0];
    let runs = hit.text_runs.as_ref().unwrap();
    assert_eq!(
        runs.iter().map(|r| r.text.as_str()).collect::<String>(),
        hit.claim.extracted.text
    );
    assert!(runs.iter().any(|r| r.hit && r.text == "Ashgrove"));
    // Words must all match; a finished word does not match as a prefix.
    assert!(search("Ashgrove burglaries ").total as usize <= expected);
    assert_eq!(search("Ashgr ").total, 0);

    // Notes are searched too, and the excerpt shows where.
    let claim = all[3].id;
    desk.set_note(claim, "Cross-checked with the Zephyrine ledger", None)
        .unwrap();
    let found = search("zephyr");
    assert_eq!(found.claims.len(), 1);
    assert_eq!(found.claims[0].claim.id, claim);
    let note_runs = found.claims[0].note_runs.as_ref().unwrap();
    assert!(note_runs.iter().any(|r| r.hit && r.text == "Zephyrine"));
}

#[rstest]
#[case::quote("\"")]
#[case::open_quote("\"council")]
#[case::star("*")]
#[case::star_word("coun*")]
#[case::operator("AND")]
#[case::operators("council AND OR NOT")]
#[case::bracket("(")]
#[case::near("NEAR(council spent")]
#[case::column("text:council")]
#[case::caret("^council")]
#[case::minus("-council")]
#[case::plus("council +")]
#[case::nothing("   ")]
fn what_an_editor_types_never_breaks_the_search(#[case] typed: &str) {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    import(&desk, "ferry.txt", FERRY);
    let page = common::search(&desk, typed);
    assert!(page.total as usize <= claims_of(&desk, 1).len());
    desk.find_articles(typed, false, 10).unwrap();
}

#[test]
fn searching_for_an_operator_word_finds_it_as_a_word() {
    let (_sandbox, desk, article) = ferry_desk();
    let claim = claim_with(&desk, article, "increase");
    desk.set_note(claim.id, "Figures NOT in the budget AND not audited", None)
        .unwrap();
    let page = common::search(&desk, "NOT AND");
    assert_eq!(
        page.claims.iter().map(|c| c.claim.id).collect::<Vec<_>>(),
        [claim.id]
    );
}

#[test]
fn pages_cover_every_match_once_in_order() {
    let sandbox = Sandbox::new();
    let desk = synthetic_desk(&sandbox);
    let filter = ClaimFilter {
        statuses: vec![ClaimStatus::Unreviewed],
        ..ClaimFilter::default()
    };
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = desk
            .find_claims(&ClaimQuery {
                filter: filter.clone(),
                order: ClaimOrder::Score,
                limit: Some(100),
                offset: Some(offset),
            })
            .unwrap();
        if page.claims.is_empty() {
            assert_eq!(seen.len(), page.total as usize);
            break;
        }
        offset += page.claims.len() as u32;
        seen.extend(page.claims.into_iter().map(|c| c.claim));
    }
    assert!(
        seen.windows(2)
            .all(|w| w[0].extracted.score >= w[1].extracted.score)
    );
    let mut ids: Vec<i64> = seen.iter().map(|c| c.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), seen.len());
}

#[test]
fn bad_filters_get_clear_errors() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let query = |filter: ClaimFilter| {
        desk.find_claims(&ClaimQuery {
            filter,
            ..ClaimQuery::default()
        })
        .unwrap_err()
    };
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    assert_eq!(
        query(ClaimFilter {
            min_score: Some(1.5),
            ..ClaimFilter::default()
        })
        .kind(),
        ErrorKind::InvalidInput
    );
    assert!(
        query(ClaimFilter {
            date_from: day("2025-01-02"),
            date_to: day("2025-01-01"),
            ..ClaimFilter::default()
        })
        .message()
        .contains("swap")
    );
    assert_eq!(
        query(ClaimFilter {
            article_id: Some(99),
            ..ClaimFilter::default()
        })
        .kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn article_text_search_and_speakers_serve_the_library_and_filters() {
    let (_sandbox, desk, article) = ferry_desk();
    import(&desk, "wire.txt", FERRY_WIRE);
    let hits = desk.find_articles("sailing", false, 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article.id, article);
    assert!(
        hits[0]
            .snippet
            .iter()
            .any(|r| r.hit && r.text == "sailings")
    );

    let sandbox = Sandbox::new();
    let desk = synthetic_desk(&sandbox);
    let speakers = desk.speakers(500).unwrap();
    assert!(speakers.windows(2).all(|w| w[0].claims >= w[1].claims));
    let top = &speakers[0];
    let all = desk.claims(&ClaimFilter::default()).unwrap();
    let counted = all
        .iter()
        .filter(|c| {
            c.extracted
                .speaker
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(&top.speaker))
        })
        .count();
    assert_eq!(top.claims as usize, counted);
}

/// "PRESIDENT Donald Trump", "Mr. Trump" and a later article's "Trump" are one speaker on the
/// desk, "Donald Trump", with the role apart; filtering by "Trump" finds every claim of theirs.
#[test]
fn one_speaker_is_one_name_across_the_desk_and_any_word_of_it_filters_regression() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    import(
        &desk,
        "deal.txt",
        "Trade deal signed\n\nPRESIDENT Donald Trump said the deal would add 40,000 jobs by 2026. \
         Mr. Trump said exports rose 12 percent last year.",
    );
    import(
        &desk,
        "tariffs.txt",
        "Tariffs stay\n\nTrump said the tariffs had raised $80 billion since 2018.",
    );
    let all = desk.claims(&ClaimFilter::default()).unwrap();
    let speakers: Vec<&str> = all
        .iter()
        .filter_map(|c| c.extracted.speaker.as_deref())
        .collect();
    assert!(speakers.len() >= 3, "{all:#?}");
    assert!(
        speakers.iter().all(|s| *s == "Donald Trump"),
        "{speakers:?}"
    );
    let first = all.iter().find(|c| c.extracted.speaker.is_some()).unwrap();
    assert_eq!(first.speaker_role.as_deref(), Some("President"));
    let by_word = ids(
        &desk,
        ClaimFilter {
            speaker: Some("trump".to_string()),
            ..ClaimFilter::default()
        },
    );
    assert_eq!(by_word.len(), speakers.len());
    // A word that only begins a name's word finds no one.
    let by_part = ids(
        &desk,
        ClaimFilter {
            speaker: Some("Trum".to_string()),
            ..ClaimFilter::default()
        },
    );
    assert!(by_part.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Repeats

#[test]
fn a_claim_repeated_in_another_article_is_linked_and_its_review_can_be_taken_over() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let first = import(&desk, "ferry.txt", FERRY);
    let original = claim_with(&desk, first, "increase");
    desk.set_status(
        original.id,
        ClaimStatus::Verified,
        Some("Budget p. 12"),
        Some("Ben"),
    )
    .unwrap();
    desk.set_verdict(original.id, Some("Accurate"), Some("Ben"))
        .unwrap();
    desk.add_evidence(
        original.id,
        "https://coast.example/budget",
        Some("Budget"),
        Stance::Supports,
        None,
        Some("Ben"),
    )
    .unwrap();

    let second = import(&desk, "wire.txt", FERRY_WIRE);
    let repeat = claim_with(&desk, second, "increase");
    let detail = desk.claim(repeat.id).unwrap();
    assert_eq!(detail.repeats.len(), 1);
    let shown = &detail.repeats[0];
    assert_eq!(shown.claim.id, original.id);
    assert_eq!(shown.claim.status, ClaimStatus::Verified);
    assert_eq!(shown.evidence.len(), 1);
    assert_eq!(shown.similarity, 1.0);
    assert_eq!(shown.article_title, "Ferry fares to rise 12% in June");
    // The link goes both ways.
    assert_eq!(
        desk.claim(original.id).unwrap().repeats[0].claim.id,
        repeat.id
    );

    let adopted = desk
        .adopt_review(repeat.id, original.id, Some("Ana"))
        .unwrap();
    assert_eq!(adopted.claim.status, ClaimStatus::Verified);
    assert_eq!(adopted.claim.verdict.as_deref(), Some("Accurate"));
    assert_eq!(adopted.claim.note, "Budget p. 12");
    assert_eq!(adopted.evidence.len(), 1);
    assert_eq!(adopted.evidence[0].added_by, "Ana");
    let first_entry = &adopted.history[0];
    assert_eq!(first_entry.change, HistoryChange::ReviewAdopted);
    assert_eq!(
        first_entry.new.as_deref(),
        Some(format!("claim {}", original.id).as_str())
    );
    assert!(adopted.history.iter().all(|h| h.by == "Ana"));

    let err = desk
        .adopt_review(original.id, original.id, None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let unreviewed = claim_with(&desk, second, "berths");
    let err = desk
        .adopt_review(repeat.id, unreviewed.id, None)
        .unwrap_err();
    assert!(err.message().contains("no review"), "{}", err.message());
}

#[test]
fn a_reworded_repeat_is_linked_and_a_different_figure_is_not() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let first = import(&desk, "ferry.txt", FERRY);
    let second = import(&desk, "wire.txt", FERRY_WIRE);
    let council = claim_with(&desk, first, "voted");
    let reworded = claim_with(&desk, second, "voted");
    assert!(
        desk.claim(council.id)
            .unwrap()
            .repeats
            .iter()
            .any(|r| r.claim.id == reworded.id),
        "{:?} / {:?}",
        council.extracted.text,
        reworded.extracted.text
    );

    let changed = FERRY_WIRE
        .replace("12 percent", "15 percent")
        .replace("$3 million", "$4 million");
    let third = import(&desk, "other.txt", &changed);
    let mayor = claim_with(&desk, third, "increase");
    assert!(desk.claim(mayor.id).unwrap().repeats.is_empty());
}

#[test]
fn repeat_links_follow_span_edits_and_deleted_articles() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let first = import(&desk, "ferry.txt", FERRY);
    let second = import(&desk, "wire.txt", FERRY_WIRE);
    let original = claim_with(&desk, first, "increase");
    let repeat = claim_with(&desk, second, "increase");
    assert_eq!(desk.claim(repeat.id).unwrap().repeats.len(), 1);

    desk.delete_article(first, None).unwrap();
    assert!(desk.claim(repeat.id).unwrap().repeats.is_empty());
    desk.restore_article(first, None).unwrap();
    assert_eq!(desk.claim(repeat.id).unwrap().repeats.len(), 1);

    // Cut the repeat down to "the increase would raise": no longer the same claim.
    let text = desk.article(second).unwrap().article.text;
    let end = char_at(&text, " $3 million");
    desk.edit_claim_span(repeat.id, repeat.extracted.start, end, None)
        .unwrap();
    assert!(desk.claim(repeat.id).unwrap().repeats.is_empty());
    assert!(desk.claim(original.id).unwrap().repeats.is_empty());
    desk.undo(None).unwrap();
    assert_eq!(desk.claim(original.id).unwrap().repeats.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Batch import and the reviewer

#[test]
fn a_batch_import_reports_each_file_and_one_bad_file_stops_nothing() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let file = |name: &str, content: &str| ArticleInput {
        content: content.to_string(),
        hints: ArticleHints {
            file_name: Some(name.to_string()),
            ..ArticleHints::default()
        },
        ..ArticleInput::default()
    };
    let batch = import_batch(
        &desk,
        vec![
            file("ferry.txt", FERRY),
            file("scan.pdf", "%PDF-1.7\n..."),
            file("empty.txt", "   \n"),
            file(
                "wire.html",
                &format!("<html><body><p>{FERRY_WIRE}</p></body></html>"),
            ),
            file("ferry-copy.txt", FERRY),
        ],
    );
    let outcomes: Vec<_> = batch.files.iter().map(|f| f.outcome).collect();
    assert_eq!(
        outcomes,
        [
            FileOutcome::Imported,
            FileOutcome::Failed,
            FileOutcome::Failed,
            FileOutcome::Imported,
            FileOutcome::AlreadyPresent
        ]
    );
    assert_eq!(
        (batch.imported, batch.already_present, batch.failed),
        (2, 1, 2)
    );
    let pdf = batch.files[1].error.as_ref().unwrap();
    assert_eq!(pdf.code, ErrorKind::UnsupportedFormat);
    assert!(pdf.message.contains("PDF"), "{}", pdf.message);
    assert_eq!(batch.files[1].file_name.as_deref(), Some("scan.pdf"));
    assert_eq!(
        batch.files[4].article.as_ref().unwrap().id,
        batch.files[0].article.as_ref().unwrap().id
    );
    assert_eq!(desk.list_articles().unwrap().len(), 2);
}

#[test]
fn the_app_knows_whether_the_machines_editor_is_named_and_every_change_carries_the_name() {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let me = Caller::Local(LocalEditor::with_settings_file(
        &sandbox.path("config/editor.json"),
    ));
    let call = |command: &str, args: serde_json::Value| {
        claimdesk::api::dispatch(&desk, &me, command, args).unwrap()
    };
    let info = call("app_info", serde_json::json!({}));
    assert_eq!(info["reviewer_is_set"], false);
    assert_eq!(info["reviewer"], info["default_reviewer"]);
    assert!(
        info["database_path"].is_string(),
        "the machine's editor sees the file"
    );

    call("set_reviewer", serde_json::json!({"name": "Mira Okafor"}));
    let info = call("app_info", serde_json::json!({}));
    assert_eq!(info["reviewer_is_set"], true);
    assert_eq!(info["reviewer"], "Mira Okafor");

    let article = import(&desk, "ferry.txt", FERRY);
    let claim = claim_with(&desk, article, "audit");
    let text = desk.article(article).unwrap().article.text;
    call(
        "set_status",
        serde_json::json!({"claim_id": claim.id, "status": "disputed", "note": "note"}),
    );
    call(
        "split_claim",
        serde_json::json!({"claim_id": claim.id, "at": char_at(&text, "which found")}),
    );
    call(
        "update_article",
        serde_json::json!({"id": article, "outlet": "Coast News"}),
    );
    call("undo", serde_json::json!({}));
    let conn = Connection::open(sandbox.db()).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT DISTINCT \"by\" FROM history UNION SELECT DISTINCT \"by\" FROM actions")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names, ["Mira Okafor"]);
    // The name is the machine's, not the desk file's.
    assert_eq!(desk.legacy_reviewer().unwrap(), None);
}

/// The library's counts are kept by triggers (`article_claim_counts`) rather than counted on
/// every load; after every kind of change they must agree with counting the claims.
#[test]
fn the_librarys_kept_counts_agree_with_the_claims_after_every_kind_of_change() {
    let (sandbox, desk, article) = ferry_desk();
    let by = Some("Ana");
    let claims = desk.article(article).unwrap().claims;
    let text = desk.article(article).unwrap().article.text;
    let agree = |step: &str| {
        let conn = Connection::open(sandbox.db()).unwrap();
        let collect = |sql: &str| -> Vec<(i64, String, i64)> {
            conn.prepare(sql)
                .unwrap()
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(
            collect(
                "SELECT article_id, status, claims FROM article_claim_counts
                 WHERE claims > 0 ORDER BY 1, 2"
            ),
            collect(
                "SELECT article_id, status, count(*) FROM claims WHERE removed_at IS NULL
                 GROUP BY 1, 2 ORDER BY 1, 2"
            ),
            "after {step}"
        );
    };
    agree("import");
    desk.set_status(claims[0].id, ClaimStatus::Verified, None, by)
        .unwrap();
    agree("a status");
    let audit = claim_with(&desk, article, "audit").id;
    let split = desk
        .split_claim(audit, char_at(&text, "which found"), by)
        .unwrap();
    agree("a split");
    let parts: Vec<i64> = split.claims.iter().map(|c| c.id).collect();
    let at = parts.iter().position(|&id| id == audit).unwrap();
    desk.merge_claims(&[parts[at], parts[at + 1]], by).unwrap();
    agree("a merge");
    desk.undo(by).unwrap();
    agree("undoing the merge");
    desk.delete_article(article, by).unwrap();
    agree("deleting the article");
    assert!(desk.list_articles().unwrap().is_empty());
    assert_eq!(desk.list_deleted_articles().unwrap()[0].counts.verified, 1);
    desk.restore_article(article, by).unwrap();
    agree("restoring it");
    assert_eq!(desk.list_articles().unwrap()[0].counts.verified, 1);
}
