//! The library of published fact-checks: importing files (JSON Lines and ClaimReview), importing
//! again without duplicates, "checked before" for a claim on the desk, and attaching a
//! fact-check as evidence with its history and undo. Through the core, the CLI and the API.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use claimdesk::api::dispatch;
use claimdesk::{Desk, ErrorKind};
use claimdesk_matching as matching;
use claimdesk_store::records::{ActionKind, HistoryChange};
use claimdesk_store::review_state::Stance;

use common::Sandbox;

fn demo_library(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("demo/fact-checks")
        .join(name)
}

fn import(desk: &Desk, path: &Path) -> matching::FactCheckFileImport {
    let content = std::fs::read_to_string(path).unwrap();
    matching::import_file(desk, Some(path.display().to_string()), Ok(content))
}

/// A desk with the demo article and both demo fact-check files.
fn demo_desk(sandbox: &Sandbox) -> Desk {
    let desk = Desk::open(&sandbox.db()).unwrap();
    sandbox.ok(&["import", common::demo_text_path().to_str().unwrap()]);
    import(&desk, &demo_library("eastbrook-fact-checks.jsonl"));
    import(&desk, &demo_library("harbor-gazette-claimreview.jsonld"));
    desk
}

#[test]
fn both_demo_files_import_and_importing_again_changes_nothing() {
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let lines = import(&desk, &demo_library("eastbrook-fact-checks.jsonl"));
    assert_eq!(lines.format.as_deref(), Some("JSON Lines"));
    assert_eq!((lines.counts.added, lines.skipped), (22, 0), "{lines:?}");
    let reviews = import(&desk, &demo_library("harbor-gazette-claimreview.jsonld"));
    assert_eq!(reviews.format.as_deref(), Some("ClaimReview JSON-LD"));
    assert_eq!(reviews.counts.added, 4, "{reviews:?}");
    let generation = desk.fact_check_generation().unwrap();

    let again = import(&desk, &demo_library("eastbrook-fact-checks.jsonl"));
    assert_eq!((again.counts.added, again.counts.unchanged), (0, 22));
    assert_eq!(desk.fact_check_library(None).unwrap().total, 26);
    assert_eq!(
        desk.fact_check_generation().unwrap(),
        generation,
        "nothing changed"
    );
    // The source file is kept by name, without the folders it sat in.
    let first = desk.fact_check(1).unwrap();
    assert_eq!(
        first.source_file.as_deref(),
        Some("eastbrook-fact-checks.jsonl")
    );
    assert_eq!(first.published.as_deref(), Some("2025-03-14"));
}

#[test]
fn a_changed_fact_check_is_updated_in_place_and_loses_its_stale_vectors() {
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let write = |rating: &str, claim: &str| {
        let line =
            json!({"id": "x-1", "claim": claim, "rating": rating, "url": "https://c.example/x-1"});
        matching::import_file(&desk, Some("x.jsonl".into()), Ok(line.to_string()))
    };
    assert_eq!(write("False", "Ferries will be free.").counts.added, 1);
    let text = &desk.fact_checks_to_embed("m", 10).unwrap()[0];
    let vectors = claimdesk_store::fact_checks::FactCheckVectors {
        id: text.id,
        text_hash: text.text_hash.clone(),
        claim: vec![1.0, 0.0],
        title: None,
    };
    assert_eq!(
        desk.set_fact_check_vectors("m", std::slice::from_ref(&vectors))
            .unwrap(),
        1
    );
    assert_eq!(desk.fact_check_library(Some("m")).unwrap().indexed, 1);

    // A new rating keeps the vectors: the text they were computed from is the same.
    assert_eq!(
        write("Mostly false", "Ferries will be free.")
            .counts
            .updated,
        1
    );
    assert_eq!(desk.fact_check_library(Some("m")).unwrap().indexed, 1);
    // New words clear them, and vectors of the old words are no longer accepted.
    assert_eq!(
        write("Mostly false", "Ferries will be free in May.")
            .counts
            .updated,
        1
    );
    assert_eq!(desk.fact_check_library(Some("m")).unwrap().indexed, 0);
    assert_eq!(desk.set_fact_check_vectors("m", &[vectors]).unwrap(), 0);
    assert_eq!(desk.fact_check_library(None).unwrap().total, 1);
}

#[test]
fn a_file_without_a_usable_record_fails_and_stores_nothing() {
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let result = matching::import_file(
        &desk,
        Some("bad.jsonl".into()),
        Ok("{\"id\": \"a\"}\n{\"title\": \"b\"}\n".into()),
    );
    let error = result.error.unwrap();
    assert_eq!(error.code, ErrorKind::InvalidInput);
    assert_eq!(result.skipped, 2);
    assert_eq!(desk.fact_check_library(None).unwrap().total, 0);
}

#[test]
fn checked_before_finds_the_fact_check_of_a_claim_in_other_words() {
    let sandbox = Sandbox::new();
    let desk = demo_desk(&sandbox);
    let article = desk.list_articles().unwrap()[0].id;
    let claims = desk.article(article).unwrap().claims;
    let toll = claims
        .iter()
        .find(|c| c.extracted.text.contains("Mill Road"))
        .expect("the Mill Road claim");
    let found = matching::checked_before(&desk, toll.id, 5).unwrap();
    assert_eq!(found.library, 26);
    assert!(!found.matches.is_empty(), "{found:?}");
    assert_eq!(found.matches[0].fact_check.source_key, "efc-2025-032");
    assert_eq!(found.matches[0].stance, Stance::Refutes);
    assert!(found.matches.iter().all(|m| m.confident));
}

#[test]
fn attaching_a_fact_check_is_evidence_with_history_and_undo() {
    let sandbox = Sandbox::new();
    let desk = demo_desk(&sandbox);
    let claim = desk.article(1).unwrap().claims[0].id;
    let detail = desk
        .attach_fact_check(claim, 2, Stance::Refutes, Some("Jo"))
        .unwrap();
    let evidence = detail.evidence.last().unwrap();
    assert_eq!(
        evidence.url,
        "https://factcheck.example/eastbrook/efc-2025-032"
    );
    assert_eq!(evidence.stance, Stance::Refutes);
    assert_eq!(
        evidence.title.as_deref(),
        Some(
            "Eastbrook Fact Check (Mostly false): Did truck traffic on Mill Road jump 18% in a year?"
        )
    );
    let entry = detail.history.last().unwrap();
    assert_eq!(entry.change, HistoryChange::EvidenceAdded);
    // Where the link came from is in the history row's data, for the record.
    let data: String = rusqlite::Connection::open(sandbox.db())
        .unwrap()
        .query_row(
            "SELECT data FROM history WHERE id = ?1",
            [entry.id],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&data).unwrap(),
        json!({"fact_check": 2})
    );
    let step = &desk.undo_stack(Some("Jo"), 1).unwrap()[0];
    assert_eq!(step.kind, ActionKind::AddEvidence);
    assert_eq!(step.label, "attached the fact-check from factcheck.example");

    // Twice is a conflict, not a second link.
    let twice = desk
        .attach_fact_check(claim, 2, Stance::Refutes, Some("Jo"))
        .unwrap_err();
    assert_eq!(twice.kind(), ErrorKind::Conflict);

    desk.undo(Some("Jo")).unwrap();
    assert!(desk.claim(claim).unwrap().evidence.is_empty());
}

#[test]
fn a_fact_check_without_a_link_cannot_be_attached_and_says_so() {
    let sandbox = Sandbox::new();
    let desk = demo_desk(&sandbox);
    matching::import_file(
        &desk,
        Some("nolink.jsonl".into()),
        Ok(json!({"id": "n-1", "claim": "The moon is cheese."}).to_string()),
    );
    let id = desk.fact_check_library(None).unwrap().total as i64;
    let claim = desk.article(1).unwrap().claims[0].id;
    let err = desk
        .attach_fact_check(claim, id, Stance::Context, None)
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::InvalidInput, Some("url"))
    );
}

#[test]
fn the_cli_imports_matches_and_prints_one_json_line_per_claim() {
    let sandbox = Sandbox::new();
    let file = demo_library("eastbrook-fact-checks.jsonl");
    let out = sandbox.ok(&["fact-checks", "import", file.to_str().unwrap()]);
    assert!(
        out.contains("22 added, 0 updated, 0 unchanged (JSON Lines)"),
        "{out}"
    );
    let again = sandbox.ok(&["fact-checks", "import", file.to_str().unwrap()]);
    assert!(
        again.contains("0 added, 0 updated, 22 unchanged"),
        "{again}"
    );

    let claims = sandbox.path("claims.txt");
    std::fs::write(
        &claims,
        "Last year lorry traffic on Mill Road rose 18 percent\n\nA shark was filmed on the highway https://t.co/abc\n",
    )
    .unwrap();
    let out = sandbox.ok(&[
        "fact-checks",
        "match",
        claims.to_str().unwrap(),
        "--top",
        "3",
        "--format",
        "jsonl",
    ]);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["matches"][0]["id"], "efc-2025-032");
    for field in ["score", "claim", "url", "publisher", "rating"] {
        assert!(lines[0]["matches"][0].get(field).is_some(), "{field}");
    }
    assert_eq!(lines[0]["matches"].as_array().unwrap().len(), 3);
    assert_eq!(lines[1], json!({"line": 2, "matches": []}));
    assert_eq!(lines[2]["matches"][0]["id"], "efc-2024-104");
}

#[test]
fn the_cli_reports_a_bad_file_and_still_imports_the_good_one() {
    let sandbox = Sandbox::new();
    let bad = sandbox.path("bad.json");
    std::fs::write(&bad, "not json at all").unwrap();
    let good = demo_library("harbor-gazette-claimreview.jsonld");
    let out = sandbox.run(&[
        "fact-checks",
        "import",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.json"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("4 added"), "{stdout}");
}

#[test]
fn matching_an_empty_library_says_how_to_fill_it() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["fact-checks", "match", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("fact-checks import"), "{stderr}");
}

#[test]
fn the_api_imports_files_and_attaches_a_match() {
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let editor = common::signed_in("Ana Ruiz");
    sandbox.ok(&["import", common::demo_text_path().to_str().unwrap()]);
    let content = std::fs::read_to_string(demo_library("eastbrook-fact-checks.jsonl")).unwrap();
    let imported = dispatch(
        &desk,
        &editor,
        "import_fact_checks",
        json!({"files": [{"content": content, "file_name": "eastbrook.jsonl"}]}),
    )
    .unwrap();
    assert_eq!(imported["files"][0]["counts"]["added"], 22);
    assert_eq!(imported["library"]["total"], 22);
    let progress = dispatch(&desk, &editor, "index_fact_checks", json!({})).unwrap();
    assert_eq!(progress["total"], 22);

    let claims = desk.article(1).unwrap().claims;
    let claim = claims
        .iter()
        .find(|c| c.extracted.text.contains("Mill Road"))
        .unwrap();
    let found = dispatch(
        &desk,
        &editor,
        "checked_before",
        json!({"claim_id": claim.id}),
    )
    .unwrap();
    let first = &found["matches"][0];
    assert_eq!(first["fact_check"]["source_key"], "efc-2025-032");
    assert_eq!(first["stance"], "refutes");
    let detail = dispatch(
        &desk,
        &editor,
        "attach_fact_check",
        json!({"claim_id": claim.id, "fact_check_id": first["fact_check"]["id"]}),
    )
    .unwrap();
    assert_eq!(detail["evidence"][0]["stance"], "refutes");
    let err = dispatch(
        &desk,
        &editor,
        "attach_fact_check",
        json!({"claim_id": claim.id, "fact_check_id": 999}),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[test]
fn checked_before_matches_the_claim_as_checked_once_an_editor_corrected_its_wording() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", common::demo_text_path().to_str().unwrap()]);
    sandbox.ok(&[
        "fact-checks",
        "import",
        demo_library("eastbrook-fact-checks.jsonl")
            .to_str()
            .unwrap(),
    ]);
    let desk = Desk::open(&sandbox.db()).unwrap();
    let editor = common::signed_in("Ana Ruiz");
    let claim = desk
        .article(1)
        .unwrap()
        .claims
        .into_iter()
        .find(|c| {
            c.extracted
                .text
                .starts_with("The money will come from three sources")
        })
        .unwrap();
    let top = |desk: &Desk| {
        let found = dispatch(
            desk,
            &editor,
            "checked_before",
            json!({"claim_id": claim.id}),
        )
        .unwrap();
        found["matches"][0]["fact_check"]["source_key"].clone()
    };
    assert_ne!(top(&desk), "efc-2025-036");
    dispatch(
        &desk,
        &editor,
        "edit_claim",
        json!({
            "claim_id": claim.id,
            "claim_text": "A 2023 engineering study told Eastbrook to tear down the Harbour Street bridge"
        }),
    )
    .unwrap();
    assert_eq!(
        top(&desk),
        "efc-2025-036",
        "the corrected wording is what is matched"
    );
}
