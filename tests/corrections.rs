//! Editors' corrections of what the desk publishes: the claim as checked, the speaker (name,
//! role, person or organisation), the kind and the dates, and the review page. Each is history,
//! undoable per reviewer, carried by the JSON export, shown by `claims --format jsonl`, and
//! published by the reports and ClaimReview instead of what the engine read.
//!
//! The tests find claims by a word they contain, so that they do not depend on how the engine
//! cuts the article into claims.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{TimeZone, Utc};
use serde_json::Value;

use claimdesk::import::{ArticleInput, import_article};
use claimdesk::reports::{self, ReportFormat, ReportRequest};
use claimdesk::{Desk, ErrorKind, api};
use claimdesk_engine::ClaimKind;
use claimdesk_interchange::claimreview;
use claimdesk_interchange::restore::import_json;
use claimdesk_sources::ArticleHints;
use claimdesk_store::records::{Claim, HistoryChange, ProblemLevel, Report, SpeakerType};
use claimdesk_store::review_state::ClaimStatus;
use claimdesk_store::verdict::VerdictPreset;
use claimdesk_store::{ClaimCorrection, ClaimFilter, DateChange, DateCorrection};

use common::Sandbox;

/// An article we wrote in the shape of the examples: a speaker named by a title before
/// the name, a place with its country after a comma, and relative dates.
const TALKS: &str = "Talks set for Vietnam, Kremlin says\n\n\
Putin's foreign affairs adviser, Yuri Ushakov, said on Tuesday that talks with Ukraine would \
be held in Danang, Vietnam, next month. The ministry said 40 delegates would attend the talks. \
Officials expect the talks to cost $2 million, up from $1.2 million last year.";

fn open(sandbox: &Sandbox) -> Desk {
    let fixed = Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap();
    Desk::open_with_clock(&sandbox.db(), Box::new(move || fixed)).unwrap()
}

/// A desk holding TALKS (published 2025-03-10 by The Harbour Post at a known address).
fn talks_desk() -> (Sandbox, Desk, i64) {
    let sandbox = Sandbox::new();
    let desk = open(&sandbox);
    let result = import_article(
        &desk,
        ArticleInput {
            content: TALKS.to_string(),
            hints: ArticleHints {
                file_name: Some("talks.txt".to_string()),
                published: Some("2025-03-10".to_string()),
                outlet: Some("The Harbour Post".to_string()),
                url: Some("https://post.example/2025/03/talks".to_string()),
                ..ArticleHints::default()
            },
            ..ArticleInput::default()
        },
    )
    .unwrap();
    // Changes made without a name are recorded under the desk's legacy reviewer name (the
    // name belongs to the machine or the account since schema 4; these tests call the store
    // directly).
    rusqlite::Connection::open(sandbox.db())
        .unwrap()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('reviewer', 'Ana Ruiz')",
            [],
        )
        .unwrap();
    (sandbox, desk, result.article.id)
}

fn claim_with(desk: &Desk, article: i64, word: &str) -> Claim {
    desk.claims(&ClaimFilter {
        article_id: Some(article),
        ..ClaimFilter::default()
    })
    .unwrap()
    .into_iter()
    .find(|c| c.extracted.text.contains(word))
    .unwrap_or_else(|| panic!("no claim with {word:?}"))
}

fn speaker(name: &str) -> ClaimCorrection {
    ClaimCorrection {
        speaker: Some(name.to_string()),
        ..ClaimCorrection::default()
    }
}

#[test]
fn correcting_wording_speaker_kind_and_a_date_is_one_command_that_undo_takes_back() {
    let (_sandbox, desk, article) = talks_desk();
    let engine = claim_with(&desk, article, "Danang");
    let date = engine
        .extracted
        .dates
        .first()
        .expect("a date in the claim")
        .clone();

    let corrected = desk
        .edit_claim(
            engine.id,
            &ClaimCorrection {
                claim_text: Some("Ukraine talks will be held in Vietnam in April".to_string()),
                // The engine reads "Yuri Ushakov"; the desk writes his full name.
                speaker: Some("Yuri  V.  Ushakov".to_string()),
                speaker_role: Some("Foreign affairs adviser".to_string()),
                speaker_type: Some(SpeakerType::Person),
                kind: Some(ClaimKind::Event),
                dates: vec![DateCorrection {
                    start: date.start,
                    end: date.end,
                    change: DateChange::Resolve("2025-04-14".to_string()),
                }],
                review_url: Some("https://factdesk.example/checks/ukraine-talks".to_string()),
            },
            None,
        )
        .unwrap();
    let claim = &corrected.claim;
    assert_eq!(
        claim.wording(),
        "Ukraine talks will be held in Vietnam in April"
    );
    assert_eq!(
        claim.extracted.text, engine.extracted.text,
        "the span stays the anchor"
    );
    assert_eq!(
        (claim.extracted.start, claim.extracted.end),
        (engine.extracted.start, engine.extracted.end)
    );
    assert_eq!(claim.extracted.speaker.as_deref(), Some("Yuri V. Ushakov"));
    assert_eq!(
        claim.speaker_role.as_deref(),
        Some("Foreign affairs adviser")
    );
    assert_eq!(claim.speaker_type, Some(SpeakerType::Person));
    assert_eq!(claim.extracted.kind, ClaimKind::Event);
    assert_eq!(
        claim.extracted.dates[0].value.as_deref(),
        Some("2025-04-14")
    );
    // The date filter follows the corrected date.
    let on_the_day = desk
        .claims(&ClaimFilter {
            date_from: chrono::NaiveDate::from_ymd_opt(2025, 4, 14),
            date_to: chrono::NaiveDate::from_ymd_opt(2025, 4, 14),
            ..ClaimFilter::default()
        })
        .unwrap();
    assert!(on_the_day.iter().any(|c| c.id == engine.id));

    // Each change is a history row of one command, the engine's reading as the old value.
    let changes: Vec<HistoryChange> = corrected.history.iter().map(|h| h.change).collect();
    for change in [
        HistoryChange::ClaimText,
        HistoryChange::Speaker,
        HistoryChange::SpeakerRole,
        HistoryChange::SpeakerType,
        HistoryChange::Kind,
        HistoryChange::Date,
        HistoryChange::ReviewUrl,
    ] {
        assert!(changes.contains(&change), "{change} in {changes:?}");
    }
    let speaker_row = corrected
        .history
        .iter()
        .find(|h| h.change == HistoryChange::Speaker)
        .unwrap();
    assert_eq!(speaker_row.old, engine.extracted.speaker);
    let actions: Vec<_> = corrected.history.iter().map(|h| h.action_id).collect();
    assert!(actions.windows(2).all(|w| w[0] == w[1]), "one command");
    let stack = desk.undo_stack(None, 1).unwrap();
    assert_eq!(stack[0].label, "corrected the claim");

    let undone = desk.undo(None).unwrap();
    assert_eq!(undone.undone.unwrap().claim_id, Some(engine.id));
    let back = undone.claim.unwrap();
    assert_eq!(
        back.claim.extracted, engine.extracted,
        "the engine's reading is back"
    );
    assert_eq!(back.claim.wording(), engine.extracted.text);
    assert_eq!(
        (
            back.claim.speaker_role,
            back.claim.speaker_type,
            back.claim.review_url
        ),
        (None, None, None)
    );
    assert!(
        back.history.len() > corrected.history.len(),
        "undo appends to the history"
    );
}

#[test]
fn giving_what_is_already_there_records_nothing() {
    let (_sandbox, desk, article) = talks_desk();
    let claim = claim_with(&desk, article, "delegates");
    let same = ClaimCorrection {
        claim_text: Some(claim.extracted.text.clone()),
        kind: Some(claim.extracted.kind),
        ..ClaimCorrection::default()
    };
    let detail = desk.edit_claim(claim.id, &same, None).unwrap();
    assert!(detail.history.is_empty(), "{:?}", detail.history);
    assert_eq!(
        detail.claim.claim_text, None,
        "the span's own words are no rewording"
    );
    assert!(desk.undo_stack(None, 5).unwrap().is_empty());
    let err = desk
        .edit_claim(claim.id, &ClaimCorrection::default(), None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn clearing_the_speaker_clears_the_role_and_a_role_needs_a_speaker() {
    let (_sandbox, desk, article) = talks_desk();
    let claim = claim_with(&desk, article, "Danang");
    desk.edit_claim(
        claim.id,
        &ClaimCorrection {
            speaker_role: Some("Foreign affairs adviser".to_string()),
            speaker_type: Some(SpeakerType::Person),
            ..speaker("Yuri Ushakov")
        },
        None,
    )
    .unwrap();
    let cleared = desk.edit_claim(claim.id, &speaker(""), None).unwrap();
    assert_eq!(
        (
            cleared.claim.extracted.speaker,
            cleared.claim.speaker_role,
            cleared.claim.speaker_type
        ),
        (None, None, None)
    );
    assert_eq!(
        desk.undo_stack(None, 1).unwrap()[0].label,
        "cleared the speaker"
    );

    let err = desk
        .edit_claim(
            claim.id,
            &ClaimCorrection {
                speaker_role: Some("Minister".to_string()),
                ..ClaimCorrection::default()
            },
            None,
        )
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::InvalidInput, Some("speaker"))
    );
}

#[test]
fn a_speaker_the_desk_knows_comes_with_their_role_and_type() {
    let (_sandbox, desk, article) = talks_desk();
    let first = claim_with(&desk, article, "Danang");
    let second = claim_with(&desk, article, "delegates");
    desk.edit_claim(
        first.id,
        &ClaimCorrection {
            speaker_role: Some("Foreign affairs adviser".to_string()),
            speaker_type: Some(SpeakerType::Person),
            ..speaker("Yuri Ushakov")
        },
        None,
    )
    .unwrap();
    // Picked from the desk's speakers, in another capitalisation.
    let picked = desk
        .edit_claim(second.id, &speaker("yuri ushakov"), None)
        .unwrap();
    assert_eq!(
        picked.claim.speaker_role.as_deref(),
        Some("Foreign affairs adviser")
    );
    assert_eq!(picked.claim.speaker_type, Some(SpeakerType::Person));

    let speakers = desk.speakers(50).unwrap();
    let known = speakers
        .iter()
        .find(|s| s.speaker.eq_ignore_ascii_case("Yuri Ushakov"))
        .unwrap();
    assert_eq!(known.claims, 2);
    assert_eq!(known.role.as_deref(), Some("Foreign affairs adviser"));
    assert_eq!(known.speaker_type, Some(SpeakerType::Person));
}

#[test]
fn a_date_the_editor_removed_or_corrected_stays_so_when_the_span_moves() {
    let (_sandbox, desk, article) = talks_desk();
    let claim = claim_with(&desk, article, "$2 million");
    let last_year = claim
        .extracted
        .dates
        .iter()
        .find(|d| d.text.contains("last year"))
        .expect("the engine resolves “last year”")
        .clone();
    let removed = desk
        .edit_claim(
            claim.id,
            &ClaimCorrection {
                dates: vec![DateCorrection {
                    start: last_year.start,
                    end: last_year.end,
                    change: DateChange::Remove,
                }],
                ..ClaimCorrection::default()
            },
            None,
        )
        .unwrap();
    assert!(
        removed
            .claim
            .extracted
            .dates
            .iter()
            .all(|d| d.start != last_year.start)
    );
    assert_eq!(desk.undo_stack(None, 1).unwrap()[0].label, "removed a date");
    // Moving the span's start reads the text again, but keeps the editor's decision about
    // the words the claim already covered.
    let start = claim.extracted.start + "Officials ".len();
    let moved = desk
        .edit_claim_span(claim.id, start, claim.extracted.end, None)
        .unwrap();
    assert_eq!(moved.claim.claim.extracted.start, start);
    assert!(
        moved
            .claim
            .claim
            .extracted
            .dates
            .iter()
            .all(|d| d.start != last_year.start),
        "the removed date stays removed: {:?}",
        moved.claim.claim.extracted.dates
    );
    // Words the claim takes in anew get the engine's dates.
    let shorter = desk
        .edit_claim_span(claim.id, start, last_year.start - 1, None)
        .unwrap();
    assert_eq!(shorter.claim.claim.extracted.end, last_year.start - 1);
    let longer = desk
        .edit_claim_span(claim.id, start, claim.extracted.end, None)
        .unwrap();
    assert!(
        longer
            .claim
            .claim
            .extracted
            .dates
            .iter()
            .any(|d| d.start == last_year.start),
        "{:?}",
        longer.claim.claim.extracted.dates
    );

    // A corrected value survives a span edit that keeps the date inside the span.
    let danang = claim_with(&desk, article, "Danang");
    let next_month = danang.extracted.dates[0].clone();
    desk.edit_claim(
        danang.id,
        &ClaimCorrection {
            dates: vec![DateCorrection {
                start: next_month.start,
                end: next_month.end,
                change: DateChange::Resolve("2025-05".to_string()),
            }],
            ..ClaimCorrection::default()
        },
        None,
    )
    .unwrap();
    let moved = desk
        .edit_claim_span(
            danang.id,
            danang.extracted.start + "talks ".len(),
            danang.extracted.end,
            None,
        )
        .unwrap();
    assert_eq!(
        moved.claim.claim.extracted.dates[0].value.as_deref(),
        Some("2025-05")
    );
}

#[test]
fn a_date_must_be_an_iso_day_month_or_year_and_belong_to_the_claim() {
    let (_sandbox, desk, article) = talks_desk();
    let claim = claim_with(&desk, article, "Danang");
    let date = claim.extracted.dates[0].clone();
    let with = |start: usize, value: &str| ClaimCorrection {
        dates: vec![DateCorrection {
            start,
            end: date.end,
            change: DateChange::Resolve(value.to_string()),
        }],
        ..ClaimCorrection::default()
    };
    let err = desk
        .edit_claim(claim.id, &with(date.start, "04/14/2025"), None)
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::InvalidInput, Some("dates"))
    );
    let err = desk
        .edit_claim(claim.id, &with(date.start + 1, "2025-04"), None)
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::NotFound, Some("dates"))
    );
}

#[test]
fn undo_passes_over_a_correction_a_colleague_has_changed_since() {
    let (_sandbox, desk, article) = talks_desk();
    let claim = claim_with(&desk, article, "Danang");
    desk.edit_claim(claim.id, &speaker("Yuri V. Ushakov"), Some("Ana Ruiz"))
        .unwrap();
    desk.edit_claim(claim.id, &speaker("Sergei Lavrov"), Some("Ben Cole"))
        .unwrap();
    let undo = desk.undo(Some("Ana Ruiz")).unwrap();
    assert!(undo.undone.is_none());
    assert_eq!(undo.skipped.len(), 1);
    assert_eq!(
        desk.claim(claim.id)
            .unwrap()
            .claim
            .extracted
            .speaker
            .as_deref(),
        Some("Sergei Lavrov"),
        "the colleague's correction stands"
    );
    let undo = desk.undo(Some("Ben Cole")).unwrap();
    assert_eq!(
        undo.claim.unwrap().claim.extracted.speaker.as_deref(),
        Some("Yuri V. Ushakov")
    );
}

#[test]
fn a_split_claim_reads_as_the_article_has_it_and_keeps_its_speaker() {
    let (_sandbox, desk, article) = talks_desk();
    let claim = claim_with(&desk, article, "Danang");
    desk.edit_claim(
        claim.id,
        &ClaimCorrection {
            claim_text: Some("Ukraine talks will be in Vietnam".to_string()),
            speaker_role: Some("Foreign affairs adviser".to_string()),
            ..speaker("Yuri Ushakov")
        },
        None,
    )
    .unwrap();
    // Offsets are into the article's text as stored (its headline is its title, not body).
    let text: Vec<char> = desk
        .article(article)
        .unwrap()
        .article
        .text
        .chars()
        .collect();
    let in_at = (claim.extracted.start..claim.extracted.end)
        .find(|&i| {
            text[i..]
                .iter()
                .collect::<String>()
                .starts_with("in Danang")
        })
        .unwrap();
    let split = desk.split_claim(claim.id, in_at, None).unwrap();
    assert_eq!(split.claim.claim.claim_text, None);
    let second = split
        .claims
        .iter()
        .find(|c| c.extracted.start == in_at)
        .unwrap();
    assert_eq!(second.extracted.speaker.as_deref(), Some("Yuri Ushakov"));
    assert_eq!(
        second.speaker_role.as_deref(),
        Some("Foreign affairs adviser")
    );
    // Undoing the split brings the wording back.
    desk.undo(None).unwrap();
    assert_eq!(
        desk.claim(claim.id).unwrap().claim.wording(),
        "Ukraine talks will be in Vietnam"
    );
}

#[test]
fn review_pages_and_templates_must_be_web_addresses_with_a_page_per_claim() {
    let (_sandbox, desk, article) = talks_desk();
    let claim = claim_with(&desk, article, "Danang");
    let err = desk
        .edit_claim(
            claim.id,
            &ClaimCorrection {
                review_url: Some("factdesk.example/checks/1".to_string()),
                ..ClaimCorrection::default()
            },
            None,
        )
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::InvalidUrl, Some("review_url"))
    );
    let err = desk
        .set_review_url_template(Some("https://factdesk.example/checks/"))
        .unwrap_err();
    assert_eq!(err.field(), Some("review_url_template"));
    assert!(err.message().contains("{claim_id}"), "{err}");
    // Regression: the message carried the source's indentation ("each              claim's
    // id") where a line continuation was missing.
    assert!(!err.message().contains("  "), "{err}");
    let err = desk
        .set_review_url_template(Some("https://factdesk.example/{slug}/{claim_id}"))
        .unwrap_err();
    assert_eq!(err.field(), Some("review_url_template"));
    let settings = desk
        .set_review_url_template(Some(" https://factdesk.example/{article_id}/{claim_id} "))
        .unwrap();
    assert_eq!(
        settings.review_url_template.as_deref(),
        Some("https://factdesk.example/{article_id}/{claim_id}")
    );
}

fn claimreview(desk: &Desk) -> (Report, Value) {
    let report = reports::render(desk, &ReportRequest::new(ReportFormat::ClaimReview)).unwrap();
    let document = serde_json::from_str(&report.content).unwrap();
    (report, document)
}

/// Google's ClaimReview properties, written out from its fact-check structured data guide:
/// every review must have the required ones, and each recommended one that is missing must be
/// named by a problem about that claim.
const GOOGLE_REQUIRED: &[&str] = &["claimReviewed", "reviewRating.alternateName", "url"];
const GOOGLE_RECOMMENDED: &[&str] = &[
    "author.name",
    "author.url",
    "datePublished",
    "reviewRating.ratingValue",
    "reviewRating.bestRating",
    "reviewRating.worstRating",
    "itemReviewed.author.name",
    "itemReviewed.datePublished",
    "itemReviewed.appearance.url",
    "itemReviewed.appearance.headline",
    "itemReviewed.appearance.datePublished",
    "itemReviewed.appearance.publisher.name",
];

fn value_at<'v>(review: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(review, |value, key| value.get(key))
        .filter(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
}

/// Every review of a ClaimReview export against Google's properties; returns the reviews.
pub fn assert_meets_google_guidelines(report: &Report, document: &Value) -> Vec<Value> {
    assert_eq!(document["@context"], "https://schema.org");
    let reviews = document["@graph"].as_array().unwrap().clone();
    let mut urls = Vec::new();
    for review in &reviews {
        assert_eq!(review["@type"], "ClaimReview");
        for path in GOOGLE_REQUIRED {
            assert!(
                value_at(review, path).is_some(),
                "{path} missing in {review:#}"
            );
        }
        let url = review["url"].as_str().unwrap();
        assert!(
            url.starts_with("https://") || url.starts_with("http://"),
            "{url}"
        );
        urls.push(url.to_string());
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert!(
            ["Person", "Organization"].contains(
                &review["itemReviewed"]["author"]["@type"]
                    .as_str()
                    .unwrap_or("Person")
            ),
            "{review:#}"
        );
        for path in GOOGLE_RECOMMENDED {
            if value_at(review, path).is_none() {
                assert!(
                    report
                        .problems
                        .iter()
                        .any(|p| p.level == ProblemLevel::Recommended),
                    "{path} missing without a warning: {review:#}\n{:?}",
                    report.warnings
                );
            }
        }
    }
    let distinct: std::collections::HashSet<&String> = urls.iter().collect();
    assert_eq!(
        distinct.len(),
        urls.len(),
        "every review has a page of its own: {urls:?}"
    );
    reviews
}

#[test]
fn claimreview_publishes_the_claim_as_checked_and_the_corrected_speaker() {
    let (_sandbox, desk, article) = talks_desk();
    desk.set_organisation(
        Some("Lakeside Fact Desk"),
        Some("https://factdesk.example/"),
    )
    .unwrap();
    desk.set_review_url_template(Some("https://factdesk.example/checks/{claim_id}"))
        .unwrap();
    desk.set_verdict_scale(VerdictPreset::TrueFalse, None)
        .unwrap();
    let talks = claim_with(&desk, article, "Danang");
    let delegates = claim_with(&desk, article, "delegates");
    desk.edit_claim(
        talks.id,
        &ClaimCorrection {
            claim_text: Some("Ukraine talks will be held in Vietnam".to_string()),
            speaker_role: Some("Foreign affairs adviser".to_string()),
            speaker_type: Some(SpeakerType::Person),
            ..speaker("Yuri Ushakov")
        },
        None,
    )
    .unwrap();
    desk.mark(
        talks.id,
        ClaimStatus::Disputed,
        Some("Mostly false"),
        None,
        None,
    )
    .unwrap();
    desk.edit_claim(delegates.id, &speaker("Ministry of Foreign Affairs"), None)
        .unwrap();
    desk.mark(
        delegates.id,
        ClaimStatus::Verified,
        Some("True"),
        None,
        None,
    )
    .unwrap();

    let (report, document) = claimreview(&desk);
    let reviews = assert_meets_google_guidelines(&report, &document);
    assert_eq!(reviews.len(), 2, "{:?}", report.warnings);
    let talks_review = reviews
        .iter()
        .find(|r| r["url"] == format!("https://factdesk.example/checks/{}", talks.id))
        .unwrap();
    assert_eq!(
        talks_review["claimReviewed"],
        "Ukraine talks will be held in Vietnam"
    );
    assert_eq!(
        talks_review["itemReviewed"]["author"],
        serde_json::json!({"@type": "Person", "name": "Yuri Ushakov",
                           "jobTitle": "Foreign affairs adviser"})
    );
    assert_eq!(
        talks_review["reviewRating"]["alternateName"],
        "Mostly false"
    );
    assert_eq!(talks_review["reviewRating"]["ratingValue"], 2);
    let appearance = &talks_review["itemReviewed"]["appearance"];
    assert_eq!(appearance["url"], "https://post.example/2025/03/talks");
    assert_eq!(appearance["publisher"]["name"], "The Harbour Post");
    assert_eq!(appearance["datePublished"], "2025-03-10");
    let delegates_review = reviews
        .iter()
        .find(|r| r["url"] == format!("https://factdesk.example/checks/{}", delegates.id))
        .unwrap();
    assert_eq!(
        delegates_review["itemReviewed"]["author"]["@type"],
        "Organization"
    );
    // The per-claim page beats the template.
    desk.edit_claim(
        talks.id,
        &ClaimCorrection {
            review_url: Some("https://factdesk.example/2025/ukraine-talks".to_string()),
            ..ClaimCorrection::default()
        },
        None,
    )
    .unwrap();
    let (report, document) = claimreview(&desk);
    let reviews = assert_meets_google_guidelines(&report, &document);
    assert!(
        reviews
            .iter()
            .any(|r| r["url"] == "https://factdesk.example/2025/ukraine-talks")
    );
}

#[test]
fn claims_that_cannot_be_published_are_left_out_and_named() {
    let (_sandbox, desk, article) = talks_desk();
    desk.set_organisation(
        Some("Lakeside Fact Desk"),
        Some("https://factdesk.example/"),
    )
    .unwrap();
    let talks = claim_with(&desk, article, "Danang");
    let delegates = claim_with(&desk, article, "delegates");
    // Free text: a verified claim without a verdict has nothing to publish as its rating.
    desk.set_status(talks.id, ClaimStatus::Verified, None, None)
        .unwrap();
    desk.mark(
        delegates.id,
        ClaimStatus::Disputed,
        Some("Exaggerated"),
        None,
        None,
    )
    .unwrap();

    // No review page for any claim yet.
    let (report, document) = claimreview(&desk);
    assert!(document["@graph"].as_array().unwrap().is_empty());
    let left_out: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.level == ProblemLevel::LeftOut)
        .collect();
    let number_of = |claim: &Claim| {
        desk.claims(&ClaimFilter {
            article_id: Some(article),
            ..ClaimFilter::default()
        })
        .unwrap()
        .iter()
        .position(|c| c.id == claim.id)
        .unwrap()
            + 1
    };
    let verdictless = left_out
        .iter()
        .find(|p| p.claim_ids.contains(&talks.id))
        .unwrap();
    assert_eq!(verdictless.field.as_deref(), Some("verdict"));
    assert!(
        verdictless.message.contains(&format!(
            "claim {} of \u{201C}Talks set for Vietnam",
            number_of(&talks)
        )),
        "{}",
        verdictless.message
    );
    let pageless = left_out
        .iter()
        .find(|p| p.claim_ids.contains(&delegates.id))
        .unwrap();
    assert_eq!(pageless.field.as_deref(), Some("review_url_template"));
    assert!(report.warnings.contains(&pageless.message));

    // With a template, the claim with a verdict is published; the other is still named.
    desk.set_review_url_template(Some("https://factdesk.example/checks/{claim_id}"))
        .unwrap();
    let (report, document) = claimreview(&desk);
    let reviews = assert_meets_google_guidelines(&report, &document);
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Exaggerated");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.level == ProblemLevel::LeftOut && p.claim_ids == vec![talks.id])
    );
    // Free-text verdicts carry no numbers: a recommended-property warning says why.
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.level == ProblemLevel::Recommended
                && p.field.as_deref() == Some("verdict_scale")
                && p.claim_ids == vec![delegates.id])
    );
    // Every review checked against Google's list of properties.
    for review in &reviews {
        let missing = claimreview::check_review(review);
        assert!(
            missing
                .iter()
                .all(|(_, need)| *need != claimreview::Need::Required),
            "{missing:?}"
        );
    }
}

#[test]
fn the_json_export_carries_corrections_and_an_older_export_still_imports() {
    let (sandbox, desk, article) = talks_desk();
    desk.set_review_url_template(Some("https://factdesk.example/checks/{claim_id}"))
        .unwrap();
    let talks = claim_with(&desk, article, "Danang");
    desk.edit_claim(
        talks.id,
        &ClaimCorrection {
            claim_text: Some("Ukraine talks will be held in Vietnam".to_string()),
            speaker_role: Some("Foreign affairs adviser".to_string()),
            speaker_type: Some(SpeakerType::Person),
            review_url: Some("https://factdesk.example/2025/talks".to_string()),
            ..speaker("Yuri Ushakov")
        },
        None,
    )
    .unwrap();
    let json = reports::render(&desk, &ReportRequest::new(ReportFormat::Json))
        .unwrap()
        .content;
    let document: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        document["schema_version"], 1,
        "fields are added within the version"
    );

    let restored_db = sandbox.path("restored.sqlite3");
    let restored = Desk::open(&restored_db).unwrap();
    import_json(&restored, &json).unwrap();
    let claim = restored.claim(talks.id).unwrap();
    assert_eq!(
        claim.claim.wording(),
        "Ukraine talks will be held in Vietnam"
    );
    assert_eq!(claim.claim.speaker_type, Some(SpeakerType::Person));
    assert_eq!(
        claim.claim.review_url.as_deref(),
        Some("https://factdesk.example/2025/talks")
    );
    assert_eq!(
        restored.settings().unwrap().review_url_template.as_deref(),
        Some("https://factdesk.example/checks/{claim_id}")
    );
    // Undo works on the restored desk as on the original.
    let undone = restored.undo(Some("Ana Ruiz")).unwrap();
    assert_eq!(undone.claim.unwrap().claim.claim_text, None);

    // An export written before corrections existed has none of the new fields.
    let mut older: Value = serde_json::from_str(&json).unwrap();
    older["settings"]
        .as_object_mut()
        .unwrap()
        .remove("review_url_template");
    for article in older["articles"].as_array_mut().unwrap() {
        for key in ["claims", "related_claims"] {
            for claim in article[key].as_array_mut().unwrap() {
                let claim = claim.as_object_mut().unwrap();
                for field in ["claim_text", "speaker_role", "speaker_type", "review_url"] {
                    claim.remove(field);
                }
                // Nor history of corrections: keep only what 0.2 could write.
                claim.insert("history".into(), Value::Array(Vec::new()));
            }
        }
    }
    older["actions"] = Value::Array(Vec::new());
    let older_db = sandbox.path("older.sqlite3");
    let from_older = Desk::open(&older_db).unwrap();
    import_json(&from_older, &older.to_string()).unwrap();
    let claim = from_older.claim(talks.id).unwrap().claim;
    assert_eq!(claim.claim_text, None);
    assert_eq!(claim.wording(), claim.extracted.text);
}

#[test]
fn the_api_edits_a_claim_and_returns_what_the_panel_redraws() {
    let (_sandbox, desk, article) = talks_desk();
    let talks = claim_with(&desk, article, "Danang");
    let date = &talks.extracted.dates[0];
    let result = api::dispatch(
        &desk,
        &common::signed_in("Ana Ruiz"),
        "edit_claim",
        serde_json::json!({
            "claim_id": talks.id,
            "claim_text": "Ukraine talks will be held in Vietnam",
            "speaker": "Yuri V. Ushakov",
            "speaker_role": "Foreign affairs adviser",
            "speaker_type": "person",
            "kind": "event",
            "dates": [{"start": date.start, "end": date.end, "value": "2025-04-14"}],
        }),
    )
    .unwrap();
    assert_eq!(
        result["claim"]["claim_text"],
        "Ukraine talks will be held in Vietnam"
    );
    assert_eq!(result["claim"]["speaker_type"], "person");
    assert_eq!(result["claim"]["dates"][0]["value"], "2025-04-14");
    assert!(result["history"].as_array().unwrap().len() >= 6);
    let err = api::dispatch(
        &desk,
        &common::signed_in("Ana Ruiz"),
        "edit_claim",
        serde_json::json!({"claim_id": talks.id,
                           "dates": [{"start": date.start, "end": date.end}]}),
    )
    .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::MissingField, Some("dates"))
    );
    let err = api::dispatch(
        &desk,
        &common::signed_in("Ana Ruiz"),
        "set_review_url_template",
        serde_json::json!({"template": "https://factdesk.example/checks"}),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("review_url_template"));
}

#[test]
fn the_cli_edits_marks_with_a_verdict_and_lists_the_edited_values() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("talks.txt"), TALKS).unwrap();
    sandbox.ok(&[
        "import",
        "talks.txt",
        "--published",
        "2025-03-10",
        "--outlet",
        "The Harbour Post",
        "--url",
        "https://post.example/2025/03/talks",
    ]);
    let claims = common::jsonl(&sandbox.ok(&["claims", "--format", "jsonl"]));
    let talks = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("Danang"))
        .unwrap();
    let id = talks["id"].as_i64().unwrap().to_string();
    let date = talks["dates"][0]["text"].as_str().unwrap().to_string();

    let out = sandbox.ok(&[
        "edit",
        &id,
        "--claim-text",
        "Ukraine talks will be held in Vietnam",
        "--speaker",
        "Yuri Ushakov",
        "--speaker-role",
        "Foreign affairs adviser",
        "--speaker-type",
        "person",
        "--kind",
        "event",
        "--date",
        &format!("{date}=2025-04-14"),
    ]);
    assert!(out.contains("corrected"), "{out}");
    assert!(out.contains("Foreign affairs adviser"), "{out}");
    let edited = common::jsonl(&sandbox.ok(&["claims", "--format", "jsonl"]))
        .into_iter()
        .find(|c| c["id"].as_i64().unwrap().to_string() == id)
        .unwrap();
    assert_eq!(
        edited["claim_text"],
        "Ukraine talks will be held in Vietnam"
    );
    assert_eq!(edited["speaker"], "Yuri Ushakov");
    assert_eq!(edited["speaker_role"], "Foreign affairs adviser");
    assert_eq!(edited["speaker_type"], "person");
    assert_eq!(edited["kind"], "event");
    assert_eq!(edited["dates"][0]["value"], "2025-04-14");

    // --no-speaker: the outlet asserts it; it conflicts with naming one.
    let both = sandbox.run(&["edit", &id, "--no-speaker", "--speaker", "X"]);
    assert_eq!(both.status.code(), Some(2));
    let out = sandbox.ok(&["edit", &id, "--no-speaker"]);
    assert!(out.contains("the outlet asserts it"), "{out}");
    let bad_date = sandbox.run(&["edit", &id, "--date", &format!("{date}=14/04/2025")]);
    assert!(!bad_date.status.success());
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("YYYY-MM-DD"));

    sandbox.ok(&[
        "settings",
        "--org-name",
        "Lakeside Fact Desk",
        "--org-url",
        "https://factdesk.example/",
    ]);
    let out = sandbox.ok(&["mark", &id, "disputed", "--verdict", "Misleading"]);
    assert!(out.contains("Verdict: Misleading"), "{out}");
    let marked = common::jsonl(&sandbox.ok(&["claims", "--format", "jsonl"]))
        .into_iter()
        .find(|c| c["id"].as_i64().unwrap().to_string() == id)
        .unwrap();
    assert_eq!(
        (marked["status"].as_str(), marked["verdict"].as_str()),
        (Some("disputed"), Some("Misleading"))
    );
    let refused = sandbox.run(&["mark", &id, "in_progress", "--verdict", "False"]);
    assert!(!refused.status.success());

    // Without a review page the claim is left out, named on stderr; with the template flag
    // it is published at its own page.
    let output = sandbox.run(&["export", "--format", "claimreview"]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("claimdesk: warning: Left out"), "{stderr}");
    assert!(stderr.contains("no review page"), "{stderr}");
    let output = sandbox.run(&[
        "export",
        "--format",
        "claimreview",
        "--review-url-template",
        "https://factdesk.example/checks/{claim_id}",
    ]);
    assert!(output.status.success());
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    let review = &document["@graph"][0];
    assert_eq!(
        review["url"],
        format!("https://factdesk.example/checks/{id}")
    );
    assert_eq!(
        review["claimReviewed"],
        "Ukraine talks will be held in Vietnam"
    );
    let bad = sandbox.run(&[
        "export",
        "--format",
        "claimreview",
        "--review-url-template",
        "https://factdesk.example/checks/",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("{claim_id}"));
}
