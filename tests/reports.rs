//! Verification reports in every format, from a fixed desk: golden files, the ClaimReview
//! properties Google requires, hostile text in every format, scopes, verdict scales, and the
//! JSON export's exact round trip through `import-json`.
//!
//! The desk is restored from `tests/fixtures/reports/desk.json` (two articles we wrote, with
//! claims whose spans are fixed there, so engine changes do not move the goldens) and then
//! reviewed through the API with a clock that starts at a fixed time and advances one minute
//! per reading. Accept changed goldens with `UPDATE_GOLDEN=1 cargo test --test reports`, after
//! reading the diff.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use claimdesk::import::{ArticleInput, import_article};
use claimdesk_interchange::restore::import_json;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use rstest::rstest;
use serde_json::{Value, json};
use tempfile::TempDir;

use claimdesk::reports::{self, ReportFormat, ReportRequest, ReportScope};
use claimdesk::{Desk, ErrorKind, api};
use claimdesk_store::ClaimCorrection;
use claimdesk_store::records::{ActionKind, ProblemLevel, SpeakerType};
use claimdesk_store::review_state::{ClaimStatus, Stance};
use claimdesk_store::verdict::VerdictPreset;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports")
}

/// A clock that reads a settable time and moves one minute on at every reading.
#[derive(Clone)]
struct TestClock(Arc<AtomicI64>);

impl TestClock {
    fn at(time: &str) -> TestClock {
        let clock = TestClock(Arc::new(AtomicI64::new(0)));
        clock.set(time);
        clock
    }

    fn set(&self, time: &str) {
        let at = DateTime::parse_from_rfc3339(time).unwrap().timestamp();
        self.0.store(at, Ordering::SeqCst);
    }

    fn now(&self) -> String {
        DateTime::from_timestamp(self.0.load(Ordering::SeqCst), 0)
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    fn open(&self, path: &Path) -> Desk {
        let seconds = Arc::clone(&self.0);
        Desk::open_with_clock(
            path,
            Box::new(move || {
                DateTime::<Utc>::from_timestamp(seconds.fetch_add(60, Ordering::SeqCst), 0).unwrap()
            }),
        )
        .unwrap()
    }
}

struct Fixture {
    _dir: TempDir,
    desk: Desk,
    clock: TestClock,
}

/// The editor the fixed desk's unattributed changes are recorded under.
const ANA: Option<&str> = Some("Ana Ruiz");

/// The fixed desk: the fixture restored, then reviewed over three days on the six-level scale.
fn reviewed_desk() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::at("2025-03-09T08:00:00Z");
    let desk = clock.open(&dir.path().join("desk.sqlite3"));
    let fixture = std::fs::read_to_string(fixture_dir().join("desk.json")).unwrap();
    import_json(&desk, &fixture).unwrap();
    desk.set_organisation(
        Some("Lakeside Fact Desk"),
        Some("https://factdesk.example/checks/ferry-fares"),
    )
    .unwrap();
    desk.set_verdict_scale(VerdictPreset::TrueFalse, None)
        .unwrap();
    desk.set_review_url_template(Some("https://factdesk.example/checks/{claim_id}"))
        .unwrap();
    let ben = Some("Ben Cole");

    clock.set("2025-03-10T09:00:00Z");
    desk.set_status(1, ClaimStatus::Verified, None, ANA)
        .unwrap();
    desk.set_verdict(1, Some("true"), ANA).unwrap();
    desk.add_evidence(
        1,
        "https://transit.example/minutes/2025-02-03",
        Some("Board minutes, 3 February 2025"),
        Stance::Supports,
        Some("Vote recorded 5\u{2013}2."),
        ANA,
    )
    .unwrap();
    desk.set_verdict(2, Some("Mostly false"), ben).unwrap();
    // The claim as the desk checked it, and who made it, as the editor corrected them.
    desk.edit_claim(
        2,
        &ClaimCorrection {
            claim_text: Some("Ferry fares have not risen since 2019".to_string()),
            speaker: Some("Mara Lindqvist".to_string()),
            speaker_role: Some("Chair of the transit board".to_string()),
            speaker_type: Some(SpeakerType::Person),
            ..ClaimCorrection::default()
        },
        ben,
    )
    .unwrap();
    desk.set_note(
        2,
        "Fares also rose in 2022, by 4%.\nThe board's own fare table shows it.",
        ben,
    )
    .unwrap();
    desk.add_evidence(
        2,
        "https://transit.example/fares/2022",
        Some("Fare table 2022"),
        Stance::Refutes,
        None,
        ben,
    )
    .unwrap();
    let with_context = desk
        .add_evidence(
            2,
            "https://ledger.example/2022/fares",
            None,
            Stance::Context,
            None,
            ben,
        )
        .unwrap();
    let context_id = with_context.evidence.last().unwrap().id;
    desk.remove_evidence(context_id, ben).unwrap();

    clock.set("2025-03-11T14:30:00Z");
    desk.set_status(
        3,
        ClaimStatus::NeedsEvidence,
        Some("Waiting for the audited accounts."),
        ANA,
    )
    .unwrap();
    desk.set_status(4, ClaimStatus::InProgress, None, ben)
        .unwrap();

    clock.set("2025-03-12T10:15:00Z");
    desk.set_status(6, ClaimStatus::Disputed, None, ben)
        .unwrap();
    desk.set_status(7, ClaimStatus::Verified, None, ANA)
        .unwrap();
    desk.set_verdict(7, Some("Mostly true"), ANA).unwrap();
    desk.add_evidence(
        7,
        "https://northgate.example/library/annual-report-2024",
        Some("Library annual report 2024"),
        Stance::Supports,
        None,
        ANA,
    )
    .unwrap();

    clock.set("2025-03-14T17:00:00Z");
    Fixture {
        _dir: dir,
        desk,
        clock,
    }
}

fn request(format: ReportFormat, scope: ReportScope) -> ReportRequest {
    ReportRequest {
        scope,
        ..ReportRequest::new(format)
    }
}

fn export(desk: &Desk, format: ReportFormat) -> String {
    let request = request(format, ReportScope::default());
    reports::render(desk, &request).unwrap().content
}

fn golden_name(format: ReportFormat) -> &'static str {
    match format {
        ReportFormat::Markdown => "report.md",
        ReportFormat::Html => "report.html",
        ReportFormat::Csv => "report.csv",
        ReportFormat::Json => "report.json",
        ReportFormat::ClaimReview => "report.jsonld",
        _ => unreachable!("a format without a golden file"),
    }
}

#[rstest]
#[case::markdown(ReportFormat::Markdown)]
#[case::html(ReportFormat::Html)]
#[case::csv(ReportFormat::Csv)]
#[case::json(ReportFormat::Json)]
#[case::claimreview(ReportFormat::ClaimReview)]
fn every_format_matches_its_golden_file(#[case] format: ReportFormat) {
    let fixture = reviewed_desk();
    let content = export(&fixture.desk, format);
    let path = fixture_dir().join("golden").join(golden_name(format));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &content).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        content == golden,
        "{} differs from the report; read the difference and accept it with \
         UPDATE_GOLDEN=1 cargo test --test reports\n--- report ---\n{content}",
        path.display()
    );
}

#[test]
fn claimreview_has_the_properties_google_requires() {
    let fixture = reviewed_desk();
    let report = reports::render(
        &fixture.desk,
        &request(ReportFormat::ClaimReview, ReportScope::default()),
    )
    .unwrap();
    assert_eq!(report.media_type, "application/ld+json");
    assert!(
        report.file_name.ends_with(".jsonld"),
        "{}",
        report.file_name
    );
    let document: Value = serde_json::from_str(&report.content).unwrap();
    assert_eq!(document["@context"], "https://schema.org");
    let reviews = document["@graph"].as_array().unwrap();
    // Claims 1, 2 and 7 have verdicts; 6 is disputed without one, 3, 4 and 5 are still open.
    let urls: Vec<&str> = reviews.iter().map(|r| r["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        [1, 2, 7].map(|id| format!("https://factdesk.example/checks/{id}")),
        "each review at the claim's own page, from the template"
    );
    for review in reviews {
        assert_eq!(review["@type"], "ClaimReview");
        assert!(!review["claimReviewed"].as_str().unwrap().is_empty());
        let rating = &review["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert!(!rating["alternateName"].as_str().unwrap().is_empty());
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["author"]["name"], "Lakeside Fact Desk");
        assert!(
            review["author"]["url"]
                .as_str()
                .unwrap()
                .starts_with("https://")
        );
        NaiveDate::parse_from_str(review["datePublished"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let item = &review["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert!(
            item["appearance"]["url"]
                .as_str()
                .unwrap()
                .starts_with("http")
        );
        assert!(!item["appearance"]["headline"].as_str().unwrap().is_empty());
        assert!(item["datePublished"].is_string());
        // Every review against Google's list: nothing required is missing.
        for (path, need) in claimdesk_interchange::claimreview::check_review(review) {
            assert_ne!(
                need,
                claimdesk_interchange::claimreview::Need::Required,
                "{path} missing from {review:#}"
            );
        }
    }
    let by_id = |id: i64| {
        reviews
            .iter()
            .find(|r| r["url"] == format!("https://factdesk.example/checks/{id}"))
            .unwrap()
    };
    // On the numeric scale, a verdict carries its number and the scale's ends.
    let mostly_false = &by_id(2)["reviewRating"];
    assert_eq!(mostly_false["alternateName"], "Mostly false");
    assert_eq!(mostly_false["ratingValue"], 2);
    assert_eq!(mostly_false["bestRating"], 6);
    assert_eq!(mostly_false["worstRating"], 1);
    assert_eq!(by_id(2)["datePublished"], "2025-03-10");
    // The claim as checked and the speaker as corrected, not as the engine read them.
    assert_eq!(
        by_id(2)["claimReviewed"],
        "Ferry fares have not risen since 2019"
    );
    assert_eq!(
        by_id(2)["itemReviewed"]["author"],
        json!({"@type": "Person", "name": "Mara Lindqvist", "jobTitle": "Chair of the transit board"})
    );
    // A disputed claim without a verdict, and the open claims, are left out and named.
    let left_out: Vec<&String> = report
        .problems
        .iter()
        .filter(|p| p.level == ProblemLevel::LeftOut)
        .map(|p| &p.message)
        .collect();
    assert!(
        left_out
            .iter()
            .any(|m| m.contains("claim 1 of \u{201C}Northgate") && m.contains("no verdict")),
        "{left_out:?}"
    );
    assert!(
        left_out
            .iter()
            .any(|m| m.contains("claims 3, 4 and 5 of \u{201C}Ferry fares")),
        "{left_out:?}"
    );
    // The article without an outlet: its reviews lack a publisher, which a warning says.
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.level == ProblemLevel::Recommended
                && p.field.as_deref() == Some("outlet")
                && p.claim_ids == vec![7]),
        "{:?}",
        report.problems
    );
    // The speaker: a person, a body, or the outlet when the article says it itself.
    assert_eq!(
        by_id(7)["itemReviewed"]["author"],
        json!({"@type": "Organization", "name": "The council"})
    );
    assert_eq!(
        by_id(1)["itemReviewed"]["author"],
        json!({"@type": "Organization", "name": "The Lakeside Ledger"})
    );
}

#[test]
fn published_reports_show_the_review_not_the_audit_trail_unless_asked() {
    let fixture = workspace_desk();
    for format in [ReportFormat::Markdown, ReportFormat::Html] {
        let published = export(&fixture.desk, format);
        for internal in [
            "undoing",
            "History",
            "Changed",
            "split off claim",
            "headline changed",
        ] {
            assert!(
                !published.contains(internal),
                "{internal:?} is the desk's audit trail, not for readers:\n{published}"
            );
        }
        // The claims and their reviews are there.
        assert!(published.contains("Ferry fares have not risen since 2019"));
        assert!(published.contains("Mostly false"));
        assert!(published.contains("Fare table 2022"));
        let mut request = request(format, ReportScope::default());
        request.include_history = true;
        let archived = reports::render(&fixture.desk, &request).unwrap().content;
        assert!(archived.contains("History"), "{archived}");
        assert!(archived.contains("undoing"), "{archived}");
    }
}

#[test]
fn published_reports_number_claims_within_their_article_not_by_id() {
    let fixture = reviewed_desk();
    let markdown = export(&fixture.desk, ReportFormat::Markdown);
    let northgate = &markdown[markdown.find("## Northgate").unwrap()..];
    // Claims 6 and 7 on the desk are the first and second of the Northgate article.
    assert!(
        northgate.contains("### Claim 1 \u{2014} Disputed"),
        "{northgate}"
    );
    assert!(
        northgate.contains("### Claim 2 \u{2014} Verified"),
        "{northgate}"
    );
    assert!(!markdown.contains("Claim 6"), "{markdown}");
    // The claim as checked is quoted, the article's own words beside it.
    assert!(markdown.contains("> Ferry fares have not risen since 2019"));
    assert!(markdown.contains("**In the article:** \u{201C}the first increase since 2019\u{201D}"));
    assert!(markdown.contains("**Speaker:** Mara Lindqvist, Chair of the transit board"));
    let html = export(&fixture.desk, ReportFormat::Html);
    assert!(html.contains("<span class=\"claim-number\">Claim 2</span>"));
    assert!(!html.contains(">Claim 7<"), "no internal id in a heading");
}

#[test]
fn claimreview_without_an_organisation_names_the_missing_field() {
    let fixture = reviewed_desk();
    fixture.desk.set_organisation(None, None).unwrap();
    let mut request = request(ReportFormat::ClaimReview, ReportScope::default());
    let err = reports::render(&fixture.desk, &request).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingField);
    assert_eq!(err.field(), Some("organisation_name"));

    fixture
        .desk
        .set_organisation(Some("Harbour Checks"), None)
        .unwrap();
    let err = reports::render(&fixture.desk, &request).unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::MissingField, Some("organisation_url"))
    );

    request.organisation_name = Some("Harbour Checks".to_string());
    request.organisation_url = Some("https://checks.example/".to_string());
    request.review_url_template = Some("https://checks.example/ferry/{claim_id}".to_string());
    let report = reports::render(&fixture.desk, &request).unwrap();
    assert!(report.content.contains("https://checks.example/ferry/1"));
    assert!(
        report
            .content
            .contains("\"url\": \"https://checks.example/\"")
    );

    request.organisation_url = Some("javascript:alert(1)".to_string());
    let err = reports::render(&fixture.desk, &request).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidUrl);
}

/// A new database with a JSON export restored into it, on a clock of its own.
struct Restored {
    dir: TempDir,
    clock: TestClock,
    desk: Desk,
    summary: claimdesk_interchange::restore::RestoreSummary,
}

impl Restored {
    fn from(json: &str) -> Restored {
        let dir = tempfile::tempdir().unwrap();
        let clock = TestClock::at("2030-01-01T00:00:00Z");
        let desk = clock.open(&dir.path().join("restored.sqlite3"));
        let summary = import_json(&desk, json).unwrap();
        Restored {
            dir,
            clock,
            desk,
            summary,
        }
    }
}

/// The restored desk exports what `original` exported at `exported_at`: `first`, the JSON
/// export, byte for byte, and the same report in every other format that shows history.
fn assert_restored_exactly(
    original: &Fixture,
    restored: &Restored,
    exported_at: &str,
    first: &str,
) {
    restored.clock.set(exported_at);
    let second = export(&restored.desk, ReportFormat::Json);
    assert!(
        first == second,
        "the restored desk exports something else:\n{second}"
    );
    for format in [
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Csv,
    ] {
        original.clock.set(exported_at);
        restored.clock.set(exported_at);
        assert_eq!(
            export(&original.desk, format),
            export(&restored.desk, format)
        );
    }
}

#[test]
fn the_json_export_round_trips_exactly_through_import_json() {
    let fixture = reviewed_desk();
    let exported_at = fixture.clock.now();
    let first = export(&fixture.desk, ReportFormat::Json);

    let restored = Restored::from(&first);
    let summary = restored.summary;
    assert_eq!((summary.articles, summary.claims), (2, 7));
    assert_eq!(summary.evidence, 4, "attached and removed links");
    // Every other format agrees too: nothing the reports show was lost.
    assert_restored_exactly(&fixture, &restored, &exported_at, &first);
    // History is restored as history: still append-only, and it keeps growing.
    let detail = restored
        .desk
        .set_status(5, ClaimStatus::Verified, None, ANA)
        .unwrap();
    assert_eq!(detail.history.len(), 1);
}

#[test]
fn import_json_refuses_a_database_that_is_not_empty() {
    let fixture = reviewed_desk();
    let json = export(&fixture.desk, ReportFormat::Json);
    let err = import_json(&fixture.desk, &json).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.message().contains("empty database"), "{err}");
    assert_eq!(fixture.desk.list_articles().unwrap().len(), 2);
}

#[rstest]
#[case::span_outside_the_text(
    |doc: &mut Value| doc["articles"][0]["claims"][0]["end"] = json!(100_000),
    "outside the article"
)]
#[case::text_not_at_its_span(
    |doc: &mut Value| doc["articles"][0]["claims"][0]["text"] = json!("something else"),
    "not the article's text"
)]
#[case::javascript_source(
    |doc: &mut Value| doc["articles"][0]["url"] = json!("javascript:alert(1)"),
    "only http"
)]
#[case::duplicate_claim_id(
    |doc: &mut Value| doc["articles"][1]["claims"][0]["id"] = json!(1),
    "claim 1 cannot be restored"
)]
#[case::newer_schema(|doc: &mut Value| doc["schema_version"] = json!(2), "newer ClaimDesk")]
fn import_json_names_what_is_wrong_with_an_edited_export(
    #[case] edit: fn(&mut Value),
    #[case] message: &str,
) {
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture_dir().join("desk.json")).unwrap())
            .unwrap();
    edit(&mut doc);
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("desk.sqlite3")).unwrap();
    let err = import_json(&desk, &doc.to_string()).unwrap_err();
    assert!(err.message().contains(message), "{err}");
    assert!(
        desk.list_articles().unwrap().is_empty(),
        "nothing is half-imported"
    );
}

fn claim_ids_in(desk: &Desk, scope: ReportScope) -> Vec<i64> {
    let request = request(ReportFormat::Json, scope);
    let document: Value =
        serde_json::from_str(&reports::render(desk, &request).unwrap().content).unwrap();
    document["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["claims"].as_array().unwrap().iter())
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

fn day(text: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
}

#[rstest]
#[case::everything(ReportScope::default(), vec![1, 2, 3, 4, 5, 6, 7])]
#[case::one_article(ReportScope { article_id: Some(2), ..ReportScope::default() }, vec![6, 7])]
#[case::chosen_claims(ReportScope { claim_ids: vec![7, 3], ..ReportScope::default() }, vec![3, 7])]
#[case::one_status(
    ReportScope { statuses: vec![ClaimStatus::Disputed], ..ReportScope::default() },
    vec![2, 6]
)]
#[case::reviewed_since(ReportScope { since: day("2025-03-11"), ..ReportScope::default() }, vec![6, 7])]
#[case::reviewed_on_one_day(
    ReportScope { since: day("2025-03-10"), until: day("2025-03-10"), ..ReportScope::default() },
    vec![1, 2]
)]
#[case::open_claims_have_no_review_date(
    ReportScope { until: day("2025-03-31"), ..ReportScope::default() },
    vec![1, 2, 6, 7]
)]
#[case::filters_combine(
    ReportScope {
        article_id: Some(1),
        statuses: vec![ClaimStatus::Verified, ClaimStatus::NeedsEvidence],
        ..ReportScope::default()
    },
    vec![1, 3]
)]
fn the_scope_picks_the_claims(#[case] scope: ReportScope, #[case] expected: Vec<i64>) {
    let fixture = reviewed_desk();
    assert_eq!(claim_ids_in(&fixture.desk, scope), expected);
}

#[test]
fn a_scope_of_claims_that_do_not_exist_is_an_error_not_an_empty_report() {
    let fixture = reviewed_desk();
    let request = request(
        ReportFormat::Markdown,
        ReportScope {
            claim_ids: vec![1, 99],
            ..ReportScope::default()
        },
    );
    let err = reports::render(&fixture.desk, &request).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.message().contains("99"), "{err}");
}

#[test]
fn a_scope_that_matches_nothing_says_so() {
    let fixture = reviewed_desk();
    let request = request(
        ReportFormat::Markdown,
        ReportScope {
            statuses: vec![ClaimStatus::Dismissed],
            ..ReportScope::default()
        },
    );
    let report = reports::render(&fixture.desk, &request).unwrap();
    assert!(
        report.content.contains("No claims match"),
        "{}",
        report.content
    );
    assert!(!report.warnings.is_empty());
}

#[test]
fn the_api_exports_with_a_scope_and_manages_the_verdict_scale() {
    let fixture = reviewed_desk();
    let desk = &fixture.desk;
    let ana = common::signed_in("Ana Ruiz");
    let report = api::dispatch(
        desk,
        &ana,
        "export_report",
        json!({"format": "csv", "article_id": 1, "statuses": ["verified", "disputed"],
               "since": "2025-03-01", "until": null, "claim_ids": null}),
    )
    .unwrap();
    assert_eq!(report["media_type"], "text/csv; charset=utf-8");
    let file_name = report["file_name"].as_str().unwrap();
    assert_eq!(
        file_name,
        "claimdesk-ferry-fares-to-rise-9-in-april-transit-board-says-2025-03-14.csv"
    );
    let rows = csv::Reader::from_reader(report["content"].as_str().unwrap().as_bytes())
        .records()
        .count();
    assert_eq!(rows, 2, "claims 1 and 2");

    let err = api::dispatch(
        desk,
        &ana,
        "export_report",
        json!({"format": "html", "since": "14/03/2025"}),
    )
    .unwrap_err();
    assert!(err.message().contains("YYYY-MM-DD"), "{err}");

    let scales = api::dispatch(desk, &ana, "get_verdict_scale", json!({})).unwrap();
    assert_eq!(scales["current"]["preset"], "true_false");
    assert_eq!(scales["presets"].as_array().unwrap().len(), 4);

    let settings = api::dispatch(
        desk,
        &ana,
        "set_verdict_scale",
        json!({"preset": "custom", "levels": [
            {"label": "Correct", "value": 3, "status": "verified"},
            {"label": "Misleading", "value": 2, "status": "disputed"},
            {"label": "Incorrect", "value": 1, "status": "disputed"}
        ]}),
    )
    .unwrap();
    assert_eq!(settings["verdict_scale"]["levels"][0]["label"], "Correct");
    let marked = api::dispatch(
        desk,
        &ana,
        "set_verdict",
        json!({"claim_id": 4, "verdict": "incorrect"}),
    )
    .unwrap();
    assert_eq!(marked["claim"]["verdict"], "Incorrect");
    assert_eq!(marked["claim"]["status"], "disputed");
}

#[test]
fn a_verdict_on_a_fixed_scale_sets_the_status_and_leaves_with_it() {
    let fixture = reviewed_desk();
    let desk = &fixture.desk;
    let err = desk.set_verdict(5, Some("Pants on fire"), ANA).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message().contains("Mostly true"), "{err}");
    assert_eq!(desk.claim(5).unwrap().claim.status, ClaimStatus::Unreviewed);

    let detail = desk.set_verdict(5, Some("half TRUE"), ANA).unwrap();
    assert_eq!(detail.claim.verdict.as_deref(), Some("Half true"));
    assert_eq!(detail.claim.status, ClaimStatus::Disputed);
    let changes: Vec<_> = detail.history.iter().map(|h| h.change.as_str()).collect();
    assert_eq!(changes, ["status", "verdict"]);

    // Reopening the review withdraws the verdict, on the record.
    let reopened = desk
        .set_status(5, ClaimStatus::NeedsEvidence, None, ANA)
        .unwrap();
    assert_eq!(reopened.claim.verdict, None);
    let last = reopened.history.last().unwrap();
    assert_eq!(
        (
            last.change.as_str(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        ("verdict", Some("Half true"), None)
    );

    // Free text takes any label and leaves the status to the editor.
    desk.set_verdict_scale(VerdictPreset::FreeText, None)
        .unwrap();
    let free = desk.set_verdict(5, Some("Unproven"), ANA).unwrap();
    assert_eq!(free.claim.status, ClaimStatus::NeedsEvidence);
    assert_eq!(free.claim.verdict.as_deref(), Some("Unproven"));
}

// ---------------------------------------------------------------------------------------------
// The review workspace (schema version 2): edited, retired and repeated claims, undo, deleted
// articles.

/// The fixed desk after a day of workspace edits: claim 4 split (its second part is claim 8),
/// claim 5 merged into claim 8, a claim added to article 2 and undone (claim 9, retired),
/// article 2 renamed, a status change undone, a third article whose claim repeats claim 3 and
/// took over its review, and a fourth article deleted.
fn workspace_desk() -> Fixture {
    let fixture = reviewed_desk();
    let desk = &fixture.desk;
    let ben = Some("Ben Cole");
    fixture.clock.set("2025-03-13T11:00:00Z");
    let split = desk.split_claim(4, 229, ben).unwrap();
    assert_eq!(split.claims.len(), 6, "claims 1 to 5 and the new part");
    let merged = desk.merge_claims(&[8, 5], ben).unwrap();
    assert_eq!(merged.claim.claim.id, 8);
    desk.add_claim(2, 60, 97, ANA).unwrap();
    assert_eq!(
        desk.undo(ANA).unwrap().undone.unwrap().label,
        "added a claim"
    );
    desk.update_article(
        2,
        &claimdesk_store::ArticleUpdate {
            title: Some("Northgate library opens on Sundays from March".to_string()),
            ..Default::default()
        },
        ANA,
    )
    .unwrap();
    desk.set_status(6, ClaimStatus::Verified, None, ben)
        .unwrap();
    desk.undo(ben).unwrap();

    let repeat = import_article(
        desk,
        ArticleInput {
            content: "Ferry service lost money\n\nBoard chair Helen Okoro said on Tuesday that \
                      the ferry service lost $4.2 million last year."
                .to_string(),
            hints: claimdesk_sources::ArticleHints {
                file_name: Some("ferry-loss.txt".to_string()),
                published: Some("2025-03-12".to_string()),
                ..Default::default()
            },
            warnings: Vec::new(),
            source: None,
        },
    )
    .unwrap();
    let repeat_claim = desk
        .article(repeat.article.id)
        .unwrap()
        .claims
        .into_iter()
        .find(|c| c.extracted.text.contains("$4.2 million"))
        .expect("the engine finds the repeated claim");
    let detail = desk.claim(repeat_claim.id).unwrap();
    assert!(
        detail.repeats.iter().any(|r| r.claim.id == 3),
        "linked as a repeat of claim 3: {:?}",
        detail.repeats
    );
    desk.adopt_review(repeat_claim.id, 3, ANA).unwrap();

    let doomed = import_article(
        desk,
        ArticleInput {
            content: "Pier closed\n\nThe harbour master said the pier closed for 12 days in \
                      January."
                .to_string(),
            hints: claimdesk_sources::ArticleHints::default(),
            warnings: Vec::new(),
            source: None,
        },
    )
    .unwrap();
    desk.delete_article(doomed.article.id, ANA).unwrap();
    fixture.clock.set("2025-03-14T17:00:00Z");
    fixture
}

fn json_export(desk: &Desk, scope: ReportScope) -> Value {
    let request = request(ReportFormat::Json, scope);
    serde_json::from_str(&reports::render(desk, &request).unwrap().content).unwrap()
}

fn ids(items: &Value) -> Vec<i64> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn reports_leave_out_deleted_articles_and_retired_claims() {
    let fixture = workspace_desk();
    let document = json_export(&fixture.desk, ReportScope::default());
    let titles: Vec<&str> = document["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Ferry fares to rise 9% in April, transit board says",
            "Northgate library opens on Sundays from March",
            "Ferry service lost money"
        ],
        "the deleted article is in no report"
    );
    let ferry = &document["articles"][0];
    assert_eq!(ids(&ferry["claims"]), [1, 2, 3, 4, 8]);
    assert_eq!(ids(&ferry["related_claims"]), [5], "merged into claim 8");
    assert_eq!(ids(&document["articles"][1]["related_claims"]), [9]);
    // The third article's claims are the engine's reading of it, however many that is.
    let on_desk = 7 + document["articles"][2]["claims"].as_array().unwrap().len();
    assert_eq!(document["counts"]["total"], on_desk);

    let markdown = export(&fixture.desk, ReportFormat::Markdown);
    assert!(
        !markdown.contains("Pier closed"),
        "the retired claim is off the desk"
    );
    assert_eq!(
        markdown.matches("\n### Claim ").count(),
        on_desk,
        "one heading per claim on the desk"
    );
    let csv = export(&fixture.desk, ReportFormat::Csv);
    assert_eq!(
        csv::Reader::from_reader(csv.as_bytes()).records().count(),
        on_desk
    );
    let claimreview = export(&fixture.desk, ReportFormat::ClaimReview);
    assert!(!claimreview.contains("Pier closed"));

    // Asked for by id or by article, a claim or article off the desk is an error that says so.
    let retired = request(
        ReportFormat::Markdown,
        ReportScope {
            claim_ids: vec![5],
            ..ReportScope::default()
        },
    );
    let err = reports::render(&fixture.desk, &retired).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.message().contains("merged"), "{err}");
    let deleted = request(
        ReportFormat::Html,
        ReportScope {
            article_id: Some(4),
            ..ReportScope::default()
        },
    );
    let err = reports::render(&fixture.desk, &deleted).unwrap_err();
    assert!(err.message().contains("restore"), "{err}");
}

#[test]
fn the_history_summary_words_workspace_changes() {
    let fixture = workspace_desk();
    let with_history = |format| {
        let mut request = request(format, ReportScope::default());
        request.include_history = true;
        reports::render(&fixture.desk, &request).unwrap().content
    };
    let markdown = with_history(ReportFormat::Markdown);
    for line in [
        "Ben Cole: split in two; the claim now reads \u{201C}Ridership is still 15 percent\u{201D}",
        "Ben Cole: split off claim 4: \u{201C}below where it was before the pandemic\u{201D}",
        "Ben Cole: claims merged into this one; it now reads \u{201C}below where it was",
        "Ben Cole: status Verified \u{2192} Disputed (undoing \u{201C}marked Verified\u{201D})",
        "review taken over from claim 3",
    ] {
        assert!(markdown.contains(line), "{line:?} missing from\n{markdown}");
    }
    let html = with_history(ReportFormat::Html);
    assert!(html.contains("split off claim 4"), "{html}");
    assert!(
        html.contains("headline changed"),
        "the rename is on the record:\n{html}"
    );
    assert!(markdown.contains("headline changed"), "{markdown}");
}

#[test]
fn a_workspace_desk_round_trips_exactly_with_actions_links_and_undo() {
    let fixture = workspace_desk();
    let exported_at = fixture.clock.now();
    let first = export(&fixture.desk, ReportFormat::Json);
    let document: Value = serde_json::from_str(&first).unwrap();
    assert!(!document["repeat_links"].as_array().unwrap().is_empty());
    let split_part = &document["articles"][0]["claims"][4];
    assert_eq!(split_part["history"][0]["data"]["split_from"], 4);

    let restored = Restored::from(&first);
    let on_desk = 7 + document["articles"][2]["claims"].as_array().unwrap().len();
    assert_eq!(
        restored.summary.claims,
        on_desk + 2,
        "the claims on the desk and two retired"
    );
    assert_restored_exactly(&fixture, &restored, &exported_at, &first);
    let Restored {
        dir,
        clock,
        desk: restored,
        ..
    } = restored;
    let path = dir.path().join("restored.sqlite3");
    // The restored desk is the same desk: the same repeats, the same undo stacks ...
    let repeat_id = document["articles"][2]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("$4.2 million"))
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let repeats = |desk: &Desk| -> Vec<i64> {
        let detail = desk.claim(repeat_id).unwrap();
        detail.repeats.iter().map(|r| r.claim.id).collect()
    };
    assert_eq!(repeats(&restored), repeats(&fixture.desk));
    // (but for the deleted article, which was not exported, nor its deletion).
    for by in ["Ana Ruiz", "Ben Cole"] {
        let mut original = fixture.desk.undo_stack(Some(by), 20).unwrap();
        original.retain(|action| action.kind != ActionKind::DeleteArticle);
        assert_eq!(restored.undo_stack(Some(by), 20).unwrap(), original);
    }
    // ... and survives being opened again: the restored links are not measured over.
    drop(restored);
    let restored = clock.open(&path);
    assert_eq!(repeats(&restored), repeats(&fixture.desk));
    // Undo on the restored desk reverts whole commands: the merge brings claim 5 back, then
    // the split is undone.
    let undone = restored.undo(Some("Ben Cole")).unwrap();
    assert_eq!(undone.undone.unwrap().label, "merged 2 claims");
    assert!(restored.claim(5).unwrap().claim.removed_at.is_none());
    let undone = restored.undo(Some("Ben Cole")).unwrap();
    assert_eq!(undone.undone.unwrap().label, "split a claim");
    assert_eq!(
        restored.claim(4).unwrap().claim.extracted.text,
        "Ridership is still 15 percent below where it was before the pandemic"
    );
}

#[test]
fn a_json_export_of_some_claims_carries_the_claims_their_history_needs() {
    let fixture = workspace_desk();
    let scope = ReportScope {
        statuses: vec![ClaimStatus::InProgress],
        ..ReportScope::default()
    };
    let exported_at = fixture.clock.now();
    let document = json_export(&fixture.desk, scope.clone());
    let ferry = &document["articles"][0];
    assert_eq!(ids(&ferry["claims"]), [4]);
    assert_eq!(
        ids(&ferry["related_claims"]),
        [8, 5],
        "the other part of the split, and the claim merged into it"
    );
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::at(&exported_at);
    let restored = clock.open(&dir.path().join("some.sqlite3"));
    import_json(&restored, &document.to_string()).unwrap();
    clock.set(&exported_at);
    // The articles' counts are of the whole article on the desk it came from, derived and
    // not restored; everything else is the same.
    let without_counts = |mut document: Value| {
        for article in document["articles"].as_array_mut().unwrap() {
            article.as_object_mut().unwrap().remove("counts");
        }
        document
    };
    assert_eq!(
        without_counts(json_export(&restored, scope)),
        without_counts(document)
    );
    // Ben's split undoes whole on the restored desk, after his merge.
    for label in ["merged 2 claims", "split a claim"] {
        let undone = restored.undo(Some("Ben Cole")).unwrap().undone.unwrap();
        assert_eq!(undone.label, label);
    }
}

#[test]
fn undoing_a_verdict_on_a_fixed_scale_restores_verdict_and_status_together() {
    let fixture = reviewed_desk();
    let desk = &fixture.desk;
    // On the six-level scale "Half true" means disputed: one command sets both ...
    let marked = desk.set_verdict(5, Some("Half true"), ANA).unwrap();
    assert_eq!(marked.claim.status, ClaimStatus::Disputed);
    // ... and one undo takes both back.
    desk.undo(ANA).unwrap();
    let claim = desk.claim(5).unwrap().claim;
    assert_eq!(
        (claim.status, claim.verdict),
        (ClaimStatus::Unreviewed, None)
    );

    // Reopening a review withdraws its verdict; undoing the reopening puts both back, so the
    // verdict is never left on a claim whose status it contradicts.
    let reopened = desk
        .set_status(2, ClaimStatus::InProgress, None, Some("Ben Cole"))
        .unwrap();
    assert_eq!(reopened.claim.verdict, None);
    let undone = desk.undo(Some("Ben Cole")).unwrap();
    assert_eq!(undone.undone.unwrap().label, "marked In progress");
    let claim = desk.claim(2).unwrap().claim;
    assert_eq!(
        (claim.status, claim.verdict.as_deref()),
        (ClaimStatus::Disputed, Some("Mostly false"))
    );
    let scale = desk.verdict_scale().unwrap();
    assert!(scale.verdict_survives("Mostly false", claim.status));

    // The report reads the same as before the round trip of changes, with the undo on record
    // in the desk's history.
    let mut with_history = request(ReportFormat::Markdown, ReportScope::default());
    with_history.include_history = true;
    let markdown = reports::render(desk, &with_history).unwrap().content;
    assert!(
        markdown.contains("(undoing \u{201C}marked In progress\u{201D})"),
        "{markdown}"
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile text: every format keeps it as text.

const SCRIPT: &str = "<script>alert(\"claim\")</script>";
const TEXTAREA: &str = "</textarea><img src=x onerror=alert(1)>";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";

/// A desk whose every editable text is hostile: article metadata, claim text (with a quote,
/// a newline and a formula), speaker, note, verdict, evidence title and note, reviewer name.
fn hostile_desk() -> Fixture {
    let title = format!("{SCRIPT} \"quoted\" headline");
    let claim_a = format!("{FORMULA} says {SCRIPT}\nand \"{TEXTAREA}\"");
    let claim_b =
        "-5% @everyone [click](javascript:alert(1)) <a href=\"javascript:alert(2)\">x</a>";
    let text = format!("{claim_a}\n\n{claim_b}\n");
    let chars = |s: &str| s.chars().count();
    let b_start = chars(&claim_a) + 2;
    let claim = |id: i64, start: usize, span: &str| {
        json!({
            "id": id, "article_id": 1, "status": "unreviewed", "verdict": null, "note": "",
            "origin": "editor", "text": span, "start": start, "end": start + chars(span),
            "sentence_start": start, "sentence_end": start + chars(span), "score": 0.5,
            "checkworthy": true, "kind": "other",
            "speaker": "javascript:alert(1) <b onmouseover=alert(1)>Mayor</b>",
            "dates": [], "reasons": [], "caption": false,
            "created_at": "2025-03-09T08:00:00Z", "updated_at": "2025-03-09T08:00:00Z"
        })
    };
    let document = json!({
        "schema_version": 1, "generator": "hostile", "generated_at": "2025-03-09T08:00:00Z",
        "scope": {"article_id": null, "claim_ids": [], "statuses": [], "since": null, "until": null},
        "settings": {
            "organisation_name": format!("{SCRIPT} Desk"),
            "organisation_url": "https://desk.example/\"><script>alert(1)</script>",
            "verdict_scale": {"preset": "free_text", "levels": []}
        },
        "articles": [{
            "id": 1, "title": title, "outlet": TEXTAREA, "byline": "# By nobody\n- really",
            "url": "https://news.example/a?q=\"><script>alert(1)</script>",
            "published": "2025-03-01", "imported_at": "2025-03-09T08:00:00Z",
            "source_file": null, "source_format": "text", "text": text,
            "content_hash": "0", "history": [],
            "claims": [claim(1, 0, &claim_a), claim(2, b_start, claim_b)]
        }]
    });
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::at("2025-03-10T09:00:00Z");
    let desk = clock.open(&dir.path().join("desk.sqlite3"));
    import_json(&desk, &document.to_string()).unwrap();
    let by = Some("<script>alert('by')</script>");
    for id in [1, 2] {
        desk.set_status(
            id,
            ClaimStatus::Disputed,
            Some("@SUM(A1) note\n[click](javascript:alert(1))\n<a href=\"javascript:alert(3)\">x</a>\n# not a heading"),
            by,
        )
        .unwrap();
        desk.set_verdict(id, Some(TEXTAREA), by).unwrap();
        desk.add_evidence(
            id,
            "https://evidence.example/\"onmouseover=\"alert(1)",
            Some(SCRIPT),
            Stance::Refutes,
            Some("+1 <b>note</b>"),
            by,
        )
        .unwrap();
    }
    Fixture {
        _dir: dir,
        desk,
        clock,
    }
}

/// Elements and attributes found in `html` that a report must never contain.
fn active_content(document: &scraper::Html) -> Vec<String> {
    let mut found = Vec::new();
    for node in document.root_element().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        if matches!(
            name,
            "script"
                | "img"
                | "iframe"
                | "textarea"
                | "object"
                | "embed"
                | "link"
                | "form"
                | "input"
                | "svg"
                | "b"
        ) {
            found.push(format!("<{name}>"));
        }
        for (attribute, value) in element.attrs() {
            if attribute.starts_with("on") || attribute == "src" {
                found.push(format!("{name}[{attribute}]"));
            }
            if attribute == "href"
                && !(value.starts_with("https://") || value.starts_with("http://"))
            {
                found.push(format!("{name}[href={value}]"));
            }
        }
    }
    found
}

#[test]
fn hostile_text_stays_text_in_html() {
    let fixture = hostile_desk();
    let html = export(&fixture.desk, ReportFormat::Html);
    let document = scraper::Html::parse_document(&html);
    assert_eq!(active_content(&document), Vec::<String>::new(), "{html}");
    let text: String = document.root_element().text().collect();
    for hostile in [SCRIPT, TEXTAREA, FORMULA, "[click](javascript:alert(1))"] {
        assert!(text.contains(hostile), "{hostile} is not shown as text");
    }
    // The claim keeps its line break (shown by CSS, not markup).
    let quote = scraper::Selector::parse("#claim-1 blockquote").unwrap();
    let shown: String = document.select(&quote).next().unwrap().text().collect();
    assert!(shown.contains(&format!("{SCRIPT}\nand")), "{shown}");
    assert!(!html.contains("javascript:alert(2)\""), "{html}");
}

#[test]
fn hostile_text_stays_text_in_markdown() {
    let fixture = hostile_desk();
    let markdown = export(&fixture.desk, ReportFormat::Markdown);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&markdown));
    let document = scraper::Html::parse_fragment(&html);
    assert_eq!(
        active_content(&document),
        Vec::<String>::new(),
        "{markdown}\n{html}"
    );
    let text: String = document.root_element().text().collect();
    for hostile in [
        SCRIPT,
        TEXTAREA,
        "[click](javascript:alert(1))",
        "# not a heading",
    ] {
        assert!(
            text.contains(hostile),
            "{hostile} is not shown as text in:\n{text}"
        );
    }
    // No heading or list came out of the byline or the note.
    let headings = scraper::Selector::parse("h1, h2, h3").unwrap();
    let titles: Vec<String> = document
        .select(&headings)
        .map(|h| h.text().collect())
        .collect();
    assert!(
        titles.iter().all(|t| t.starts_with("Verification")
            || t.starts_with("<script>")
            || t.starts_with("Claim")),
        "{titles:?}"
    );
}

#[test]
fn hostile_text_cannot_start_a_formula_in_csv() {
    let fixture = hostile_desk();
    let csv_text = export(&fixture.desk, ReportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{FEFF}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), reports::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell could run as a formula: {cell:?}"
            );
        }
    }
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(
        &rows[0][column("claim_text")],
        format!("'{FORMULA} says {SCRIPT}\nand \"{TEXTAREA}\"")
    );
    assert!(rows[1][column("claim_text")].starts_with("'-5% @everyone"));
    assert!(rows[0][column("note")].starts_with("'@SUM(A1) note\n"));
}

#[test]
fn hostile_text_round_trips_in_json_and_cannot_close_a_script_element() {
    let fixture = hostile_desk();
    for format in [ReportFormat::Json, ReportFormat::ClaimReview] {
        let text = export(&fixture.desk, format);
        assert!(
            !text.contains('<') && !text.contains('>'),
            "{format:?} is not safe to embed in a <script> element"
        );
        serde_json::from_str::<Value>(&text).unwrap();
    }
    let document: Value = serde_json::from_str(&export(&fixture.desk, ReportFormat::Json)).unwrap();
    let claim = &document["articles"][0]["claims"][0];
    assert_eq!(claim["verdict"], TEXTAREA);
    assert!(
        claim["text"]
            .as_str()
            .unwrap()
            .contains(&format!("{SCRIPT}\nand"))
    );

    let graph: Value =
        serde_json::from_str(&export(&fixture.desk, ReportFormat::ClaimReview)).unwrap();
    for review in graph["@graph"].as_array().unwrap() {
        for url in [&review["url"], &review["itemReviewed"]["appearance"]["url"]] {
            let url = url.as_str().unwrap();
            assert!(url.starts_with("https://") && !url.contains('"'), "{url}");
        }
        assert_eq!(review["reviewRating"]["alternateName"], TEXTAREA);
    }
}

// ---------------------------------------------------------------------------------------------
// The HTML report in a real browser.

/// Headless Chromium prints the golden report to PDF: each article starts a page. CI installs
/// Chromium; on a machine without it the test says so and passes.
#[test]
fn the_html_report_prints_each_article_on_its_own_pages() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium for this test"
        );
        eprintln!("skipped: /usr/bin/chromium is not installed");
        return;
    }
    let fixture = reviewed_desk();
    let dir = tempfile::tempdir().unwrap();
    let html_path = dir.path().join("report.html");
    let pdf_path = dir.path().join("report.pdf");
    std::fs::write(&html_path, export(&fixture.desk, ReportFormat::Html)).unwrap();
    let one_article = dir.path().join("one.html");
    let only_first = request(
        ReportFormat::Html,
        ReportScope {
            article_id: Some(2),
            ..ReportScope::default()
        },
    );
    std::fs::write(
        &one_article,
        reports::render(&fixture.desk, &only_first).unwrap().content,
    )
    .unwrap();
    let pages = |html: &Path| {
        let status = std::process::Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-pdf-header-footer",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", pdf_path.display()))
            .arg(format!("file://{}", html.display()))
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let pdf = std::fs::read(&pdf_path).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        regex::Regex::new(r"/Type\s*/Page[^s]")
            .unwrap()
            .find_iter(&text)
            .count()
    };
    let single = pages(&one_article);
    let both = pages(&html_path);
    assert!(single >= 1, "the one-article report printed {single} pages");
    assert!(
        both > single,
        "two articles printed on {both} page(s), one article on {single}: the second article \
         did not start a new page"
    );
}
