//! Bad input at import (issue 13): malformed HTML, a 30 MB page, a page of scripts, a legacy
//! charset, 100,000 nested elements, a server that never answers, redirects forever. Each gets
//! its own error code (the UI branches on it), the rest of a batch is imported, nothing is
//! half-written. Every page is served by a server on 127.0.0.1 started here; every wait is
//! bounded by the fetcher's timeouts.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use claimdesk::Desk;
use claimdesk::import::{import_url, outcome_of};
use claimdesk_fetch::test_server::{Reply, TestServer};
use claimdesk_fetch::{FetchOptions, Fetcher, MAX_BODY_BYTES};
use claimdesk_sources::ArticleHints;
use claimdesk_store::records::{BatchImport, FileOutcome};
use common::Sandbox;

/// Tags left open, closed twice or never opened, unquoted attributes, a table broken in half,
/// no `</head>`. (The title is closed: an unclosed `<title>` holds the whole page as its text,
/// in browsers too.)
const MALFORMED: &str = "<html><head><title>Water rates rise</title><body><div class=story id=main>\
    <p>The utility raised water rates by 12% in 2024, its filing shows.<p>Residents paid an \
    average of $48 a month last year, up from $41, the board said.<div><span><b>Hearing \
    <i>notes</div></span></td></tr><p align=center>The board will vote again on June 3.</table>\
    </p></p></html></body><p>";

fn nested(depth: usize, tag: &str) -> String {
    format!(
        "<html><head><title>Inspectors hired</title></head><body>{}<p>The county hired 40 new \
         building inspectors in 2023, the annual report said.</p>{}</body></html>",
        format!("<{tag}>").repeat(depth),
        format!("</{tag}>").repeat(depth)
    )
}

/// About 30 MB of a real-looking page: every paragraph different, nothing compressible away.
fn thirty_megabytes() -> Vec<u8> {
    let mut page = String::from("<html><head><title>Archive</title></head><body>");
    let mut i = 0usize;
    while page.len() < 30 * 1024 * 1024 {
        page.push_str(&format!(
            "<p>Entry {i}: the council approved {} permits in district {}.</p>",
            i % 997,
            i % 31
        ));
        i += 1;
    }
    page.push_str("</body></html>");
    page.into_bytes()
}

/// ISO-8859-1 declared only in the HTTP header.
fn latin1_page() -> Reply {
    Reply::Page {
        status: 200,
        headers: vec![(
            "Content-Type".into(),
            "text/html; charset=ISO-8859-1".into(),
        )],
        body: b"<html><head><title>S\xe3o Paulo budget</title></head><body><article><p>S\xe3o \
            Paulo's council cut the transport budget by 8% in 2024, the city's gazette \
            reported.</p><p>The mayor said the cut was \xabtemporary\xbb.</p></article>\
            </body></html>"
            .to_vec(),
    }
}

fn serve() -> TestServer {
    let server = TestServer::start();
    server.route(
        "/good",
        Reply::html(&std::fs::read_to_string(common::demo_html_path()).unwrap()),
    );
    server.route("/malformed", Reply::html(MALFORMED));
    server.route("/nested-divs", Reply::html(&nested(100_000, "div")));
    server.route("/nested-spans", Reply::html(&nested(100_000, "span")));
    server.route("/latin1", latin1_page());
    server.route("/huge", Reply::ok("text/html", thirty_megabytes()));
    server.route(
        "/scripts",
        Reply::html(&format!(
            "<html><head><script src=a.js></script></head><body>{}</body></html>",
            "<script>var x = 'The city spent $4 million in 2024.';</script>".repeat(2000)
        )),
    );
    server.route("/silent", Reply::Silence(Duration::from_secs(5)));
    server.route("/loop", Reply::Redirect("/loop".into()));
    server
}

/// The app's limits (20 MiB), with timeouts short enough for a test.
fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(500),
        total_timeout: Duration::from_secs(20),
        max_bytes: MAX_BODY_BYTES,
        hosts: Vec::new(),
        hosts_only: true,
    })
}

#[test]
fn a_batch_of_bad_pages_reports_each_one_and_imports_the_rest() {
    let server = serve();
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let fetcher = fetcher();
    let paths = [
        "/silent",
        "/good",
        "/huge",
        "/malformed",
        "/loop",
        "/nested-divs",
        "/scripts",
        "/nested-spans",
        "/latin1",
    ];
    let mut batch = BatchImport::default();
    for path in paths {
        let url = server.url(path);
        batch.push(outcome_of(
            Some(url.clone()),
            import_url(&desk, &fetcher, &url, ArticleHints::default()),
        ));
    }
    let outcome = |path: &str| {
        let index = paths.iter().position(|p| *p == path).unwrap();
        let item = &batch.files[index];
        match item.outcome {
            FileOutcome::Failed => item.error.as_ref().unwrap().code.code().to_string(),
            FileOutcome::AlreadyPresent => "already_present".to_string(),
            FileOutcome::Imported => "imported".to_string(),
        }
    };
    for (path, code) in [
        ("/silent", "timeout"),
        ("/good", "imported"),
        ("/huge", "too_large"),
        ("/malformed", "imported"),
        ("/loop", "too_many_redirects"),
        ("/nested-divs", "imported"),
        ("/scripts", "invalid_input"),
        // The same paragraph as /nested-divs: the guard flattens both to the same text.
        ("/nested-spans", "already_present"),
        ("/latin1", "imported"),
    ] {
        assert_eq!(outcome(path), code, "{path}");
    }
    assert_eq!(
        (batch.imported, batch.already_present, batch.failed),
        (4, 1, 4)
    );

    // What was imported reads right; what failed left nothing behind.
    let articles = desk.list_articles().unwrap();
    assert_eq!(articles.len(), 4, "only the pages that could be read");
    let text_of = |title: &str| {
        let summary = articles
            .iter()
            .find(|a| a.title == title)
            .unwrap_or_else(|| panic!("no article {title:?}"));
        desk.article(summary.id).unwrap().article.text
    };
    let malformed = text_of("Water rates rise");
    assert!(
        malformed.contains("raised water rates by 12% in 2024"),
        "{malformed}"
    );
    assert!(malformed.contains("vote again on June 3"), "{malformed}");
    assert!(text_of("Inspectors hired").contains("hired 40 new building inspectors"));
    let latin1 = text_of("São Paulo budget");
    assert!(
        latin1.contains("São Paulo's council cut the transport budget by 8%"),
        "{latin1}"
    );
    assert!(latin1.contains("«temporary»"), "{latin1}");
    for (id, hits) in articles.iter().map(|a| (a.id, a.counts.total)) {
        let detail = desk.article(id).unwrap();
        assert!(detail.source.is_some(), "article {id} keeps its source");
        assert_eq!(detail.claims.len() as u32, hits);
    }
}

#[test]
fn the_command_line_imports_the_rest_of_a_batch_and_says_what_failed() {
    let server = serve();
    let sandbox = Sandbox::new();
    let big_file = sandbox.path("archive.html");
    std::fs::write(&big_file, thirty_megabytes()).unwrap();
    let good_file = sandbox.path("bridge.txt");
    std::fs::write(&good_file, common::demo_text()).unwrap();
    let output = sandbox.run(&[
        "import",
        "--format",
        "jsonl",
        &server.url("/loop"),
        &server.url("/malformed"),
        &server.url("/huge"),
        &server.url("/scripts"),
        big_file.to_str().unwrap(),
        good_file.to_str().unwrap(),
    ]);
    assert!(!output.status.success(), "a failed item fails the command");
    let lines = common::jsonl(&String::from_utf8(output.stdout).unwrap());
    let codes: Vec<String> = lines
        .iter()
        .map(|line| {
            line["error"]["code"]
                .as_str()
                .unwrap_or(line["outcome"].as_str().unwrap())
                .to_string()
        })
        .collect();
    assert_eq!(
        codes,
        [
            "too_many_redirects",
            "imported",
            "too_large",
            "invalid_input",
            "too_large",
            "imported"
        ]
    );
    let desk = Desk::open(&sandbox.db()).unwrap();
    assert_eq!(desk.list_articles().unwrap().len(), 2);
}
