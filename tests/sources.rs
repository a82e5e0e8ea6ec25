//! Articles from the web and evidence that outlives its link (issue 13), through the command
//! table the UI uses: every page is served by a server on 127.0.0.1 that this file wrote.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use claimdesk::Desk;
use claimdesk::api::dispatch;
use claimdesk_fetch::test_server::{Reply, TestServer};
use claimdesk_store::records::ClaimDetail;
use claimdesk_store::review_state::ClaimStatus;
use common::Sandbox;
use serde_json::{Value, json};

fn demo_page() -> String {
    std::fs::read_to_string(common::demo_html_path()).unwrap()
}

fn call(desk: &Desk, command: &str, args: Value) -> Value {
    dispatch(desk, &common::signed_in("Ana Ruiz"), command, args)
        .unwrap_or_else(|err| panic!("{command}: {err}"))
}

fn error_code(desk: &Desk, command: &str, args: Value) -> String {
    dispatch(desk, &common::signed_in("Ana Ruiz"), command, args)
        .expect_err(command)
        .kind()
        .code()
        .to_string()
}

#[test]
fn an_article_imported_from_its_address_keeps_its_source_and_metadata() {
    let server = TestServer::start();
    server.route("/city/bridge", Reply::html(&demo_page()));
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let result = call(
        &desk,
        "import_url",
        json!({"url": server.url("/city/bridge"), "byline": "Mira Okafor"}),
    );
    assert_eq!(result["outcome"], "imported");
    let article = &result["article"];
    assert_eq!(
        article["title"],
        "Harbour bridge repairs to cost $48 million, council says"
    );
    assert_eq!(article["outlet"], "The Eastbrook Ledger");
    assert_eq!(article["byline"], "Mira Okafor", "the editor's byline wins");
    assert_eq!(article["published"], "2025-03-12");
    assert_eq!(
        article["url"], "https://ledger.example/city/harbour-bridge-repairs",
        "the page's canonical address"
    );
    let id = article["id"].as_i64().unwrap();
    let detail = call(&desk, "get_article", json!({"id": id}));
    let text = detail["article"]["text"].as_str().unwrap();
    assert!(
        text.starts_with("The Eastbrook city council voted 7-2"),
        "{text}"
    );
    assert!(!text.contains("Home"), "navigation is not article text");
    let source = &detail["source"];
    assert_eq!(source["kind"], "url");
    assert_eq!(source["location"], server.url("/city/bridge"));
    assert_eq!(source["http_status"], 200);
    assert_eq!(source["original_kept"], true);
    assert_eq!(source["language"], "en");

    // The same story as a text file is the same article.
    let again = call(
        &desk,
        "import_article",
        json!({"content": common::demo_text(), "file_name": "bridge.txt"}),
    );
    assert_eq!(again["outcome"], "already_present");
    assert_eq!(again["article"]["id"], id);
}

#[test]
fn each_way_a_page_can_fail_has_its_code_and_nothing_is_stored() {
    let server = TestServer::start();
    server.route("/loop", Reply::Redirect("/loop".into()));
    server.route(
        "/image",
        Reply::ok("image/png", vec![0x89, b'P', b'N', b'G']),
    );
    server.route(
        "/scripts",
        Reply::html(&format!(
            "<html><body>{}</body></html>",
            "<script>x()</script>".repeat(50)
        )),
    );
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    for (path, code) in [
        ("/loop", "too_many_redirects"),
        ("/missing", "http_status"),
        ("/image", "not_html"),
        ("/scripts", "invalid_input"),
    ] {
        assert_eq!(
            error_code(&desk, "import_url", json!({"url": server.url(path)})),
            code,
            "{path}"
        );
    }
    assert_eq!(
        error_code(&desk, "import_url", json!({"url": "ftp://example.org/a"})),
        "invalid_url"
    );
    assert!(
        desk.list_articles().unwrap().is_empty(),
        "nothing half-written"
    );
}

#[test]
fn regression_a_legacy_page_with_a_charset_declaration_is_decoded() {
    let server = TestServer::start();
    let mut page =
        b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body>\
        <article><p>The caf\xe9 owners said rents rose 30% in 2024, the chamber reported on \
        Monday.</p><p>\x93We cannot pay,\x94 one owner said.</p></article></body></html>"
            .to_vec();
    page.extend_from_slice(b"\n");
    server.route("/cafe", Reply::ok("text/html", page));
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let result = call(&desk, "import_url", json!({"url": server.url("/cafe")}));
    let id = result["article"]["id"].as_i64().unwrap();
    let text = desk.article(id).unwrap().article.text;
    assert!(text.contains("The café owners"), "{text}");
    assert!(text.contains("\u{201C}We cannot pay,\u{201D}"), "{text}");
}

#[test]
fn reading_an_article_again_keeps_every_review_whose_claim_text_is_unchanged() {
    let server = TestServer::start();
    server.route("/bridge", Reply::html(&demo_page()));
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let result = call(&desk, "import_url", json!({"url": server.url("/bridge")}));
    let id = result["article"]["id"].as_i64().unwrap();
    let claims = desk.article(id).unwrap().claims;
    let first = &claims[0];
    let last = claims.last().unwrap();
    desk.set_status(
        first.id,
        ClaimStatus::Verified,
        Some("checked"),
        Some("Ana"),
    )
    .unwrap();
    desk.set_status(last.id, ClaimStatus::Disputed, None, Some("Ana"))
        .unwrap();

    // Reading the same original again changes nothing.
    let again = call(&desk, "reextract_article", json!({"id": id}));
    assert_eq!(again["text_changed"], false);
    assert_eq!(again["retired"], 0);
    assert_eq!(again["kept"], claims.len());

    // A newer reading that adds a paragraph before them and drops the last claim's sentence.
    let old = desk.article(id).unwrap().article.text;
    let new_body = format!(
        "An added first paragraph says nothing checkable.\n\n{}",
        old.replace(&last.extracted.text, "A rewritten sentence.")
    );
    let reread = desk
        .reread_article(id, &new_body, Vec::new(), Some("test reader"), Some("Ana"))
        .unwrap();
    assert!(reread.text_changed);
    assert_eq!(reread.retired, 1);
    assert_eq!(reread.retired_reviewed, 1);
    assert_eq!(reread.kept as usize, claims.len() - 1);
    let moved = desk.claim(first.id).unwrap();
    assert_eq!(moved.claim.status, ClaimStatus::Verified);
    assert_eq!(moved.claim.note, "checked");
    let chars: Vec<char> = new_body.chars().collect();
    let at: String = chars[moved.claim.extracted.start..moved.claim.extracted.end]
        .iter()
        .collect();
    assert_eq!(at, first.extracted.text, "the claim points at its text");
    let gone = desk.claim(last.id).unwrap();
    assert!(gone.claim.removed_at.is_some(), "retired, not deleted");
    assert_eq!(
        gone.claim.status,
        ClaimStatus::Disputed,
        "its review is kept"
    );
    assert!(
        desk.undo_stack(Some("Ana"), 10)
            .unwrap()
            .iter()
            .all(|action| action.label != "re-read the article"),
        "re-reading is not undone by Ctrl+Z"
    );
}

fn evidence_of(detail: &ClaimDetail, url: &str) -> claimdesk_store::records::Evidence {
    detail
        .evidence
        .iter()
        .find(|e| e.url == url)
        .cloned()
        .unwrap()
}

#[test]
fn an_evidence_snapshot_outlives_its_page_and_travels_with_the_json_export() {
    let server = TestServer::start();
    server.route(
        "/minutes",
        Reply::html(
            "<html><head><title>Board minutes, October</title></head><body><article>\
             <p>The board set the fare at $5 from June, by a vote of 5-2.</p>\
             <p>The chair said fares had not risen since 2019.</p></article></body></html>",
        ),
    );
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let imported = call(
        &desk,
        "import_article",
        json!({"content": common::demo_text(), "file_name": "bridge.txt"}),
    );
    let claim = desk
        .article(imported["article"]["id"].as_i64().unwrap())
        .unwrap()
        .claims[0]
        .clone();
    // Typed without a scheme: completed to https, shown so.
    let added: ClaimDetail = serde_json::from_value(call(
        &desk,
        "add_evidence",
        json!({"claim_id": claim.id, "url": "example.org/report", "stance": "context"}),
    ))
    .unwrap();
    assert_eq!(added.evidence[0].url, "https://example.org/report");

    let url = server.url("/minutes");
    let added: ClaimDetail = serde_json::from_value(call(
        &desk,
        "add_evidence",
        json!({"claim_id": claim.id, "url": url, "stance": "refutes"}),
    ))
    .unwrap();
    let link = evidence_of(&added, &url);
    assert!(link.snapshot.is_none(), "adding never waits for the page");
    let fetched: ClaimDetail = serde_json::from_value(call(
        &desk,
        "fetch_evidence",
        json!({"evidence_id": link.id}),
    ))
    .unwrap();
    let link = evidence_of(&fetched, &url);
    assert_eq!(link.title.as_deref(), Some("Board minutes, October"));
    let snapshot = link.snapshot.clone().unwrap();
    assert_eq!(snapshot.status, Some(200));
    assert_eq!(snapshot.final_url.as_deref(), Some(url.as_str()));
    let text = snapshot.text.clone().unwrap();
    assert!(text.contains("set the fare at $5"), "{text}");
    assert_eq!(snapshot.sha256.as_ref().map(String::len), Some(64));

    // The page goes away: the snapshot stays, and says the page is gone.
    server.route("/minutes", Reply::status(410));
    let gone: ClaimDetail = serde_json::from_value(call(
        &desk,
        "fetch_evidence",
        json!({"evidence_id": link.id}),
    ))
    .unwrap();
    let kept = evidence_of(&gone, &url).snapshot.unwrap();
    assert_eq!(kept.error_code.as_deref(), Some("http_status"));
    assert_eq!(kept.text.as_deref(), Some(text.as_str()));

    // A quote chosen in the snapshot, with its place.
    let start = text.find("the fare at $5").unwrap();
    let quoted: ClaimDetail = serde_json::from_value(call(
        &desk,
        "set_evidence_quote",
        json!({"evidence_id": link.id, "start": start, "end": start + 24}),
    ))
    .unwrap();
    let quote = evidence_of(&quoted, &url).quote.unwrap();
    assert_eq!(quote.text, "the fare at $5 from June");
    assert_eq!(
        desk.undo(Some("Ana Ruiz")).unwrap().undone.unwrap().label,
        "quoted the evidence"
    );
    assert!(
        evidence_of(&desk.claim(claim.id).unwrap(), &url)
            .quote
            .is_none()
    );
    call(
        &desk,
        "set_evidence_quote",
        json!({"evidence_id": link.id, "start": start, "end": start + 24}),
    );

    // The JSON export carries the snapshot, and import-json restores it.
    let export = call(&desk, "export_report", json!({"format": "json"}));
    let content = export["content"].as_str().unwrap();
    let document: Value = serde_json::from_str(content).unwrap();
    let exported = document["articles"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap().clone())
        .find(|e| e["url"] == url.as_str())
        .unwrap();
    assert_eq!(exported["snapshot"]["title"], "Board minutes, October");
    assert_eq!(exported["snapshot"]["text"], text.as_str());
    let file = sandbox.path("desk.json");
    std::fs::write(&file, content).unwrap();
    let restored_db = sandbox.path("restored.sqlite3");
    sandbox.ok(&[
        "--db",
        restored_db.to_str().unwrap(),
        "import-json",
        file.to_str().unwrap(),
    ]);
    let restored = Desk::open(&restored_db).unwrap();
    let link = evidence_of(&restored.claim(claim.id).unwrap(), &url);
    assert_eq!(link.snapshot.unwrap().text.as_deref(), Some(text.as_str()));
    assert_eq!(link.quote.unwrap().start, start);
}

#[test]
fn the_command_line_turns_archiving_of_new_evidence_links_on_and_off() {
    let sandbox = Sandbox::new();
    let shown = sandbox.ok(&["settings"]);
    assert!(shown.contains("Archive new links:   off"), "{shown}");
    let on = sandbox.ok(&["settings", "--archive-links", "on"]);
    assert!(on.contains("Archive new links:   on"), "{on}");
    let desk = Desk::open(&sandbox.db()).unwrap();
    assert!(desk.settings().unwrap().archive_links);
    drop(desk);
    let off = sandbox.ok(&["settings", "--archive-links", "off"]);
    assert!(off.contains("Archive new links:   off"), "{off}");
    let wrong = sandbox.run(&["settings", "--archive-links", "maybe"]);
    assert_eq!(wrong.status.code(), Some(2), "a clap usage error");
}
