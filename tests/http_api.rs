//! `claimdesk serve`, run as the built binary on a free port: the JSON API over HTTP, its error
//! statuses, the static UI, and the guards against other web pages using it.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};

use rstest::rstest;
use serde_json::{Value, json};

use common::Sandbox;

/// A running `claimdesk serve`, stopped when dropped.
struct Served {
    child: Child,
    port: u16,
    _sandbox: Sandbox,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!("not JSON ({err}): {}", String::from_utf8_lossy(&self.body))
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn serve(with_ui: bool) -> Served {
    let sandbox = Sandbox::new();
    let ui = sandbox.path("ui");
    if with_ui {
        std::fs::create_dir_all(ui.join("assets")).unwrap();
        std::fs::write(
            ui.join("index.html"),
            "<!doctype html><title>ClaimDesk</title>",
        )
        .unwrap();
        std::fs::write(ui.join("assets/app-1a2b3c.js"), "console.log('ui')").unwrap();
    }
    let mut child = sandbox
        .command(&["serve", "--port", "0", "--ui", ui.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let url = first_line
        .trim()
        .strip_prefix("ClaimDesk is serving ")
        .unwrap_or_else(|| panic!("unexpected first line {first_line:?}"));
    let port = url.rsplit(':').next().unwrap().parse().unwrap();
    Served {
        child,
        port,
        _sandbox: sandbox,
    }
}

impl Served {
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut head = format!("{method} {path} HTTP/1.0\r\n");
        let mut has_host = false;
        for (name, value) in headers {
            has_host |= name.eq_ignore_ascii_case("host");
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !has_host {
            head.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.port));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }

    fn call(&self, command: &str, args: Value) -> Reply {
        self.request(
            "POST",
            &format!("/api/{command}"),
            &[("Content-Type", "application/json")],
            args.to_string().as_bytes(),
        )
    }

    fn ok(&self, command: &str, args: Value) -> Value {
        let reply = self.call(command, args);
        assert_eq!(reply.status, 200, "{command}: {}", reply.text());
        reply.json()
    }
}

#[test]
fn an_editor_imports_marks_reloads_and_exports_over_http() {
    let served = serve(false);
    let info = served.ok("app_info", json!({}));
    assert_eq!(
        info["schema_version"],
        claimdesk_store::migrations::LATEST_VERSION
    );
    assert!(info["statuses"].as_array().unwrap().len() >= 4);

    let imported = served.ok(
        "import_article",
        json!({"content": common::demo_text(), "file_name": "bridge.txt"}),
    );
    assert_eq!(imported["outcome"], "imported");
    let article_id = imported["article"]["id"].clone();

    let article = served.ok("get_article", json!({"id": article_id}));
    let claim_id = article["claims"][0]["id"].clone();
    let marked = served.ok(
        "set_status",
        json!({"claim_id": claim_id, "status": "disputed", "by": "Ana Ruiz"}),
    );
    assert_eq!(marked["claim"]["status"], "disputed");
    served.ok(
        "add_evidence",
        json!({"claim_id": claim_id, "url": "https://eastbrook.example/minutes",
               "stance": "refutes", "title": "Minutes"}),
    );

    let reloaded = served.ok("get_claim", json!({"id": claim_id}));
    assert_eq!(reloaded["claim"]["status"], "disputed");
    assert_eq!(reloaded["history"][0]["by"], "Ana Ruiz");
    assert_eq!(reloaded["evidence"][0]["stance"], "refutes");

    let articles = served.ok("list_articles", json!({}));
    assert_eq!(articles[0]["counts"]["disputed"], 1);

    let report = served.ok(
        "export_report",
        json!({"format": "markdown", "article_id": article_id}),
    );
    assert_eq!(report["media_type"], "text/markdown; charset=utf-8");
    assert!(report["file_name"].as_str().unwrap().ends_with(".md"));
    let content = report["content"].as_str().unwrap();
    assert!(
        content.contains(&format!("### Claim {claim_id} — Disputed")),
        "{content}"
    );
}

#[rstest]
#[case::unknown_command("frobnicate", json!({}), 400, "invalid_input")]
#[case::missing_argument("get_claim", json!({}), 400, "invalid_input")]
#[case::misspelt_argument("get_claim", json!({"idd": 1}), 400, "invalid_input")]
#[case::unknown_claim("get_claim", json!({"id": 999}), 404, "not_found")]
#[case::bad_evidence_url(
    "add_evidence",
    json!({"claim_id": 1, "url": "javascript:alert(1)", "stance": "supports"}),
    400,
    "invalid_url"
)]
#[case::binary_article("import_article", json!({"content": "PK\u{3}\u{4}\u{0}\u{0}"}), 400, "unsupported_format")]
#[case::empty_article("import_article", json!({"content": "  "}), 400, "invalid_input")]
// Regression: the server answered 500 (a server fault) to a ClaimReview export without the
// organisation's name, which is the editor's missing setting, reported as missing_field.
#[case::claimreview_without_organisation_is_400_not_500(
    "export_report",
    json!({"format": "claimreview"}),
    400,
    "missing_field"
)]
#[case::a_date_without_its_value(
    "edit_claim",
    json!({"claim_id": 1, "dates": [{"start": 0, "end": 1}]}),
    400,
    "missing_field"
)]
fn errors_carry_a_status_and_a_code(
    #[case] command: &str,
    #[case] args: Value,
    #[case] status: u16,
    #[case] code: &str,
) {
    let served = serve(false);
    let reply = served.call(command, args);
    assert_eq!(reply.status, status, "{}", reply.text());
    let payload = reply.json();
    assert_eq!(payload["code"], code);
    assert!(payload["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[test]
fn unknown_command_error_names_the_valid_ones() {
    let served = serve(false);
    let message = served.call("frobnicate", json!({})).json()["message"].to_string();
    assert!(
        message.contains("set_status") && message.contains("export_report"),
        "{message}"
    );
}

#[test]
fn malformed_json_is_invalid_input() {
    let served = serve(false);
    let reply = served.request(
        "POST",
        "/api/app_info",
        &[("Content-Type", "application/json")],
        b"{not json",
    );
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["code"], "invalid_input");
}

#[test]
fn an_oversized_request_is_refused() {
    let served = serve(false);
    let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    write!(
        stream,
        "POST /api/import_article HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        100 * 1024 * 1024
    )
    .unwrap();
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    assert!(
        raw.starts_with("HTTP/1.1 413") || raw.starts_with("HTTP/1.0 413"),
        "{raw}"
    );
    assert!(raw.contains("too_large"), "{raw}");
}

#[rstest]
#[case::rebound_host(&[("Host", "attacker.example:7878"), ("Content-Type", "application/json")], 403)]
#[case::foreign_origin(&[("Origin", "http://attacker.example"), ("Content-Type", "application/json")], 403)]
#[case::null_origin(&[("Origin", "null"), ("Content-Type", "application/json")], 403)]
#[case::form_post(&[("Content-Type", "text/plain")], 415)]
fn other_web_pages_cannot_drive_the_api(#[case] headers: &[(&str, &str)], #[case] status: u16) {
    let served = serve(false);
    let reply = served.request("POST", "/api/app_info", headers, b"{}");
    assert_eq!(reply.status, status, "{}", reply.text());
}

#[test]
fn a_development_server_on_another_loopback_port_may_proxy_to_the_api() {
    let served = serve(false);
    let reply = served.request(
        "POST",
        "/api/app_info",
        &[
            ("Origin", "http://localhost:5173"),
            ("Content-Type", "application/json"),
        ],
        b"{}",
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[test]
fn the_api_accepts_its_own_origin() {
    let served = serve(false);
    let origin = format!("http://localhost:{}", served.port);
    let reply = served.request(
        "POST",
        "/api/app_info",
        &[
            ("Origin", origin.as_str()),
            ("Host", &format!("localhost:{}", served.port)),
            ("Content-Type", "application/json"),
        ],
        b"",
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[test]
fn get_on_the_api_is_not_allowed() {
    let served = serve(false);
    let reply = served.request("GET", "/api/app_info", &[], b"");
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("Allow"), Some("POST"));
}

#[rstest]
#[case::index("/", 200, "text/html; charset=utf-8")]
#[case::asset("/assets/app-1a2b3c.js", 200, "text/javascript; charset=utf-8")]
#[case::ui_route_falls_back_to_index("/articles/3", 200, "text/html; charset=utf-8")]
#[case::missing_asset("/assets/missing.js", 404, "application/json; charset=utf-8")]
#[case::path_traversal("/../../etc/passwd", 404, "application/json; charset=utf-8")]
fn the_built_ui_is_served_as_files(
    #[case] path: &str,
    #[case] status: u16,
    #[case] content_type: &str,
) {
    let served = serve(true);
    let reply = served.request("GET", path, &[], b"");
    assert_eq!(reply.status, status, "{}", reply.text());
    assert_eq!(reply.header("Content-Type"), Some(content_type));
}

#[test]
fn hashed_assets_are_cached_and_pages_are_not() {
    let served = serve(true);
    let asset = served.request("GET", "/assets/app-1a2b3c.js", &[], b"");
    assert!(asset.header("Cache-Control").unwrap().contains("immutable"));
    let page = served.request("GET", "/", &[], b"");
    assert_eq!(page.header("Cache-Control"), Some("no-cache"));
    assert!(page.header("Content-Security-Policy").is_some());
}

#[test]
fn without_a_built_ui_the_page_says_how_to_build_it() {
    let served = serve(false);
    let reply = served.request("GET", "/", &[], b"");
    assert_eq!(reply.status, 503);
    assert!(reply.text().contains("npm run build"), "{}", reply.text());
}

#[test]
fn the_review_workspace_commands_work_over_http() {
    let served = serve(false);
    assert_eq!(
        served.ok("app_info", json!({}))["reviewer_is_set"],
        false,
        "the UI asks for a name once"
    );
    served.ok("set_reviewer", json!({"name": "Ana Ruiz"}));
    let batch = served.ok(
        "import_articles",
        json!({"files": [
            {"content": common::demo_text(), "file_name": "bridge.txt"},
            {"content": "%PDF-1.7", "file_name": "scan.pdf"},
        ]}),
    );
    assert_eq!(
        (batch["imported"].clone(), batch["failed"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(batch["files"][1]["error"]["code"], "unsupported_format");
    let article_id = batch["files"][0]["article"]["id"].clone();

    let page = served.ok("list_claims", json!({"query": "girder", "limit": 5}));
    assert!(page["total"].as_u64().unwrap() >= 1, "{page}");
    let hit = &page["claims"][0];
    assert!(
        hit["text_runs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|run| run["hit"] == true),
        "{hit}"
    );
    let claim_id = hit["claim"]["id"].clone();
    served.ok(
        "set_status",
        json!({"claim_id": claim_id, "status": "disputed"}),
    );
    let undone = served.ok("undo", json!({}));
    assert_eq!(undone["undone"]["label"], "marked Disputed");
    assert_eq!(undone["claim"]["claim"]["status"], "unreviewed");

    // A span over two claims is a conflict; a span past the text is bad input.
    let claims = served.ok("get_article", json!({"id": article_id}))["claims"].clone();
    let (first, second) = (&claims[0], &claims[1]);
    let overlap = served.call(
        "edit_claim_span",
        json!({"claim_id": first["id"], "start": first["start"], "end": second["end"]}),
    );
    assert_eq!(overlap.status, 409, "{}", overlap.text());
    assert_eq!(overlap.json()["code"], "conflict");
    let outside = served.call(
        "add_claim",
        json!({"article_id": article_id, "start": 0, "end": 1_000_000}),
    );
    assert_eq!(outside.status, 400);

    let deleted = served.ok("delete_article", json!({"id": article_id}));
    assert!(deleted["deleted_at"].is_string());
    assert_eq!(served.ok("list_articles", json!({})), json!([]));
    assert_eq!(
        served.ok("list_articles", json!({"deleted": true}))[0]["id"],
        article_id
    );
    assert_eq!(
        served.ok("undo_stack", json!({"limit": 1}))[0]["kind"],
        "delete_article"
    );
    served.ok("restore_article", json!({"id": article_id}));
    assert_eq!(served.ok("list_articles", json!({}))[0]["id"], article_id);
}
