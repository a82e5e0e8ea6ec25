//! The JSON export and `import-json` as streams, on a generated desk of a thousand claims with
//! a day of workspace edits: the streamed export is byte for byte the document built whole,
//! in every scope; it restores, read from a file as a stream, into a desk that exports the
//! same bytes; and an export damaged anywhere in the stream is refused with nothing imported.
//! (How much memory the streams take is measured in BENCHMARKS.md, not asserted here.)

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};
use tempfile::TempDir;

use claimdesk::reports::{self, ReportFormat, ReportRequest, ReportScope};
use claimdesk::{Desk, ErrorKind};
use claimdesk_interchange::json;
use claimdesk_interchange::restore::{import_json, import_json_from};
use claimdesk_store::review_state::{ClaimStatus, Stance};

/// When every export here is made.
const EXPORTED_AT: &str = "2025-06-02T09:00:00Z";

/// A clock at a settable time that moves one minute on at every reading.
#[derive(Clone)]
struct Clock(Arc<AtomicI64>);

impl Clock {
    fn at(time: &str) -> Clock {
        let clock = Clock(Arc::new(AtomicI64::new(0)));
        clock.set(time);
        clock
    }

    fn set(&self, time: &str) {
        let at = DateTime::parse_from_rfc3339(time).unwrap().timestamp();
        self.0.store(at, Ordering::SeqCst);
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

struct Generated {
    dir: TempDir,
    clock: Clock,
    desk: Desk,
}

/// 40 generated articles of 25 claims each (seed 11), then edited: a claim split, two
/// merged (one retired), evidence removed, a status change undone, an article deleted. So the export carries related and retired claims, history detail, undos and
/// repeat links, and leaves an article out.
fn generated_desk() -> Generated {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::at("2025-05-01T08:00:00Z");
    let desk = clock.open(&dir.path().join("generated.sqlite3"));
    let plan = claimdesk_lab::synthetic::Plan {
        articles: 40,
        claims_per_article: 25,
        seed: 11,
    };
    claimdesk_lab::synthetic::generate(&desk, &plan, |_| {}).unwrap();
    clock.set("2025-05-20T10:00:00Z");

    let articles = desk.list_articles().unwrap();
    assert_eq!(articles.len(), 40);
    let first = desk.article(articles[0].id).unwrap();
    let mut claims = first.claims.clone();
    claims.sort_by_key(|c| c.extracted.start);

    // Split the first claim between two of its words.
    let claim = &claims[0];
    let text: Vec<char> = claim.extracted.text.chars().collect();
    let spaces: Vec<usize> = (0..text.len()).filter(|&i| text[i] == ' ').collect();
    let at = claim.extracted.start + spaces[spaces.len() / 2];
    desk.split_claim(claim.id, at, Some("Ben Cole")).unwrap();

    // Merge two neighbours that carry no review.
    let untouched = |c: &claimdesk_store::records::Claim| {
        c.status == ClaimStatus::Unreviewed && c.note.is_empty() && c.verdict.is_none()
    };
    let pair = claims[1..]
        .windows(2)
        .find(|pair| {
            pair.iter().all(untouched) && desk.claim(pair[0].id).unwrap().evidence.is_empty()
        })
        .expect("two neighbouring claims without a review");
    desk.merge_claims(&[pair[0].id, pair[1].id], Some("Ben Cole"))
        .unwrap();

    // Evidence attached and removed; a status change undone.
    let second = desk.article(articles[1].id).unwrap();
    let target = second.claims[0].id;
    let detail = desk
        .add_evidence(
            target,
            "https://records.example/minutes?a=1&b=<2>",
            Some("Minutes \u{2028} & <notes>"),
            Stance::Refutes,
            None,
            Some("Ana Ruiz"),
        )
        .unwrap();
    let link = detail.evidence.last().unwrap().id;
    desk.remove_evidence(link, Some("Ana Ruiz")).unwrap();
    desk.set_status(target, ClaimStatus::Disputed, None, Some("Ana Ruiz"))
        .unwrap();
    desk.set_status(
        second.claims[1].id,
        ClaimStatus::Verified,
        None,
        Some("Ben Cole"),
    )
    .unwrap();
    desk.undo(Some("Ben Cole")).unwrap();

    desk.delete_article(articles[2].id, None).unwrap();
    Generated { dir, clock, desk }
}

fn request(format: ReportFormat, scope: ReportScope) -> ReportRequest {
    ReportRequest {
        scope,
        ..ReportRequest::new(format)
    }
}

/// The export as the CLI writes it: streamed into a file.
fn export_to_file(desk: &Desk, clock: &Clock, scope: ReportScope, path: &Path) -> Vec<u8> {
    clock.set(EXPORTED_AT);
    let mut file = std::io::BufWriter::new(fs::File::create(path).unwrap());
    reports::write(desk, &request(ReportFormat::Json, scope), &mut file).unwrap();
    file.flush().unwrap();
    drop(file);
    fs::read(path).unwrap()
}

/// The same document built whole in memory and serialised at once.
fn document_built_whole(desk: &Desk, clock: &Clock, scope: &ReportScope) -> Vec<u8> {
    clock.set(EXPORTED_AT);
    let data = desk.report_data(scope).unwrap();
    json::to_embeddable_json(&json::document(&data))
        .unwrap()
        .into_bytes()
}

#[test]
fn the_streamed_export_is_the_document_built_whole_in_every_scope() {
    let generated = generated_desk();
    let (desk, clock) = (&generated.desk, &generated.clock);
    let articles = desk.list_articles().unwrap();
    let some_claims: Vec<i64> = desk.article(articles[5].id).unwrap().claims[..3]
        .iter()
        .chain(&desk.article(articles[9].id).unwrap().claims[..2])
        .map(|c| c.id)
        .collect();
    let scopes = [
        ReportScope::default(),
        ReportScope {
            article_id: Some(articles[0].id),
            ..ReportScope::default()
        },
        ReportScope {
            statuses: vec![ClaimStatus::Verified, ClaimStatus::Disputed],
            ..ReportScope::default()
        },
        ReportScope {
            statuses: vec![ClaimStatus::Unreviewed],
            article_id: Some(articles.last().unwrap().id),
            ..ReportScope::default()
        },
        ReportScope {
            since: NaiveDate::from_ymd_opt(2025, 5, 1),
            until: NaiveDate::from_ymd_opt(2025, 5, 20),
            ..ReportScope::default()
        },
        ReportScope {
            claim_ids: some_claims,
            ..ReportScope::default()
        },
    ];
    for (i, scope) in scopes.into_iter().enumerate() {
        let streamed = export_to_file(
            desk,
            clock,
            scope.clone(),
            &generated.dir.path().join(format!("scope-{i}.json")),
        );
        let whole = document_built_whole(desk, clock, &scope);
        assert!(
            streamed == whole,
            "scope {scope:?}: the streamed export differs from the document built whole"
        );
        let document: Value = serde_json::from_slice(&streamed).unwrap();
        assert!(
            !document["articles"].as_array().unwrap().is_empty(),
            "scope {scope:?} exports something"
        );
    }
}

#[test]
fn a_generated_desk_round_trips_exactly_through_a_streamed_export_and_import() {
    let generated = generated_desk();
    let path = generated.dir.path().join("desk.json");
    let first = export_to_file(
        &generated.desk,
        &generated.clock,
        ReportScope::default(),
        &path,
    );
    let document: Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(document["articles"].as_array().unwrap().len(), 39);
    assert!(!document["actions"].as_array().unwrap().is_empty());
    assert!(!document["repeat_links"].as_array().unwrap().is_empty());
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(
        !text.contains('<') && !text.contains('&') && !text.contains('\u{2028}'),
        "escaped for a <script> element"
    );

    let clock = Clock::at("2030-01-01T00:00:00Z");
    let restored = clock.open(&generated.dir.path().join("restored.sqlite3"));
    let summary = import_json_from(&restored, fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(summary.articles, 39);
    let again = export_to_file(
        &restored,
        &clock,
        ReportScope::default(),
        &generated.dir.path().join("again.json"),
    );
    assert!(first == again, "the restored desk exports something else");
    for format in [
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Csv,
    ] {
        generated.clock.set(EXPORTED_AT);
        let original = reports::render(&generated.desk, &request(format, ReportScope::default()));
        clock.set(EXPORTED_AT);
        let copy = reports::render(&restored, &request(format, ReportScope::default()));
        assert_eq!(
            original.unwrap().content,
            copy.unwrap().content,
            "{format:?}"
        );
    }
}

#[test]
fn an_export_with_its_fields_reordered_restores_the_same_desk() {
    let generated = generated_desk();
    let path = generated.dir.path().join("desk.json");
    let first = export_to_file(
        &generated.desk,
        &generated.clock,
        ReportScope::default(),
        &path,
    );
    // serde_json's maps sort their keys: `actions` and `articles` now come before
    // `schema_version`, and each action before the history that belongs to it.
    let sorted = serde_json::to_string(&serde_json::from_slice::<Value>(&first).unwrap()).unwrap();
    assert!(sorted.find("\"actions\"") < sorted.find("\"schema_version\""));
    let clock = Clock::at("2030-01-01T00:00:00Z");
    let restored = clock.open(&generated.dir.path().join("restored.sqlite3"));
    import_json(&restored, &sorted).unwrap();
    let again = export_to_file(
        &restored,
        &clock,
        ReportScope::default(),
        &generated.dir.path().join("again.json"),
    );
    assert!(first == again, "the restored desk exports something else");
}

/// Restore `text` into a new database and return the error, after checking that nothing
/// was imported.
fn refused(dir: &Path, text: &[u8]) -> claimdesk::Error {
    let path = dir.join(format!("refused-{}.sqlite3", rand_suffix()));
    let desk = Desk::open(&path).unwrap();
    let err = import_json_from(&desk, text).unwrap_err();
    assert!(desk.list_articles().unwrap().is_empty(), "nothing imported");
    assert!(desk.list_deleted_articles().unwrap().is_empty());
    err
}

fn rand_suffix() -> u64 {
    static NEXT: AtomicI64 = AtomicI64::new(0);
    NEXT.fetch_add(1, Ordering::SeqCst) as u64
}

#[test]
fn an_export_damaged_anywhere_in_the_stream_is_refused_with_nothing_imported() {
    let generated = generated_desk();
    let dir = generated.dir.path();
    let bytes = export_to_file(
        &generated.desk,
        &generated.clock,
        ReportScope::default(),
        &dir.join("desk.json"),
    );
    let document: Value = serde_json::from_slice(&bytes).unwrap();
    let edited = |edit: &dyn Fn(&mut Value)| {
        let mut document = document.clone();
        edit(&mut document);
        serde_json::to_vec_pretty(&document).unwrap()
    };

    // Cut short in the last article, far into the stream.
    let cut = bytes.len() * 9 / 10;
    let err = refused(dir, &bytes[..cut]);
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message().contains("not a JSON file"), "{err}");

    // A byte that is not UTF-8 half-way through.
    let mut broken = bytes.clone();
    let middle = broken.len() / 2;
    broken[middle] = 0xFF;
    assert_eq!(refused(dir, &broken).kind(), ErrorKind::UnsupportedFormat);

    // A newer version, read only after the articles (the keys sorted).
    let newer = edited(&|d| d["schema_version"] = json!(2));
    let err = refused(dir, &newer);
    assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
    assert!(err.message().contains("newer ClaimDesk"), "{err}");

    // History naming a command the export does not hold.
    let orphan = edited(&|d| {
        let actions = d["actions"].as_array_mut().unwrap();
        actions.retain(|a| a["kind"] != "split_claim");
    });
    let err = refused(dir, &orphan);
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.message().contains("belongs to action") && err.message().contains("not in the export"),
        "{err}"
    );

    // A command naming a claim the export does not hold.
    let stranger = edited(&|d| d["actions"][0]["claim_id"] = json!(999_999));
    let err = refused(dir, &stranger);
    assert!(err.message().contains("names claim 999999"), "{err}");

    // A repeat link to a claim the export does not hold.
    let link = edited(&|d| d["repeat_links"][0]["other_id"] = json!(999_999));
    let err = refused(dir, &link);
    assert!(err.message().contains("names claim 999999"), "{err}");

    // A history entry naming an evidence link the export does not hold: only the database's
    // foreign keys know it, checked when the restore ends.
    let evidence = edited(&|d| {
        for article in d["articles"].as_array_mut().unwrap() {
            for claim in article["claims"].as_array_mut().unwrap() {
                if let Some(entry) = claim["history"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .find(|e| !e["evidence_id"].is_null())
                {
                    entry["evidence_id"] = json!(999_999);
                    return;
                }
            }
        }
        panic!("no history entry names evidence");
    });
    let err = refused(dir, &evidence);
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.message().contains("history entry") && err.message().contains("evidence"),
        "{err}"
    );

    // A claim whose span is outside its article, in the last article.
    let span = edited(&|d| {
        let last = d["articles"].as_array_mut().unwrap().last_mut().unwrap();
        last["claims"][0]["end"] = json!(10_000_000);
    });
    let err = refused(dir, &span);
    assert!(err.message().contains("outside the article"), "{err}");
}

#[test]
fn every_format_names_a_one_article_report_after_its_headline() {
    let generated = generated_desk();
    let article = &generated.desk.list_articles().unwrap()[3];
    let words: Vec<String> = article
        .title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let one_article = ReportScope {
        article_id: Some(article.id),
        ..ReportScope::default()
    };
    for format in ReportFormat::ALL {
        let mut request = request(format, one_article.clone());
        request.organisation_name = Some("Gazette".to_string());
        request.organisation_url = Some("https://gazette.example/checks".to_string());
        let report = reports::render(&generated.desk, &request).unwrap();
        assert!(
            report
                .file_name
                .starts_with(&format!("claimdesk-{}-", words[0])),
            "{format:?}: {}",
            report.file_name
        );
        let whole_desk = reports::render(
            &generated.desk,
            &ReportRequest {
                scope: ReportScope::default(),
                ..request
            },
        )
        .unwrap();
        assert!(
            whole_desk.file_name.starts_with("claimdesk-report-"),
            "{format:?}: {}",
            whole_desk.file_name
        );
    }
}
