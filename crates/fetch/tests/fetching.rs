//! The web client against a server on 127.0.0.1 serving pages written here: what an editor
//! gets for each way a fetch can go, right or wrong.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use claimdesk_error::ErrorKind;
use claimdesk_fetch::test_server::{Reply, TestServer, brotli_stored};
use claimdesk_fetch::{Expect, FetchOptions, Fetcher};

const PAGE: &str =
    "<html><head><title>Tolls</title></head><body><p>The toll rose 8%.</p></body></html>";

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(500),
        total_timeout: Duration::from_secs(5),
        max_bytes: 64 * 1024,
        hosts: Vec::new(),
        hosts_only: true,
    })
}

fn compressed(encoding: &str, body: &[u8]) -> Reply {
    let encoded = match encoding {
        "gzip" => {
            let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            out.write_all(body).unwrap();
            out.finish().unwrap()
        }
        "deflate" => {
            let mut out = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            out.write_all(body).unwrap();
            out.finish().unwrap()
        }
        "br" => brotli_stored(body),
        other => panic!("no encoder for {other}"),
    };
    Reply::Page {
        status: 200,
        headers: vec![
            ("Content-Type".into(), "text/html".into()),
            ("Content-Encoding".into(), encoding.into()),
        ],
        body: encoded,
    }
}

#[test]
fn a_page_comes_with_its_final_address_status_and_type() {
    let server = TestServer::start();
    server.route("/old", Reply::Redirect("/story".into()));
    server.route("/story", Reply::html(PAGE));
    let page = fetcher().fetch(&server.url("/old"), Expect::Page).unwrap();
    assert_eq!(page.status, 200);
    assert_eq!(page.final_url, server.url("/story"));
    assert_eq!(page.media_type().as_deref(), Some("text/html"));
    assert_eq!(page.bytes, PAGE.as_bytes());
}

#[test]
fn compressed_pages_are_decompressed() {
    let server = TestServer::start();
    for encoding in ["gzip", "deflate", "br"] {
        server.route(
            &format!("/{encoding}"),
            compressed(encoding, PAGE.as_bytes()),
        );
        let page = fetcher()
            .fetch(&server.url(&format!("/{encoding}")), Expect::Page)
            .unwrap_or_else(|err| panic!("{encoding}: {err}"));
        assert_eq!(page.bytes, PAGE.as_bytes(), "{encoding}");
    }
}

fn failure(server: &TestServer, path: &str, expect: Expect) -> ErrorKind {
    fetcher()
        .fetch(&server.url(path), expect)
        .expect_err(path)
        .kind()
}

#[test]
fn each_failure_has_its_own_kind() {
    let server = TestServer::start();
    server.route("/loop", Reply::Redirect("/loop".into()));
    server.route("/missing", Reply::status(404));
    server.route("/broken", Reply::status(503));
    server.route(
        "/image",
        Reply::ok("image/png", vec![0x89, b'P', b'N', b'G']),
    );
    server.route("/huge", Reply::html(&"<p>word</p>".repeat(20_000)));
    server.route(
        "/huge-declared",
        Reply::Page {
            status: 200,
            headers: vec![
                ("Content-Type".into(), "text/html".into()),
                ("Content-Length".into(), "31457280".into()),
            ],
            body: b"<p>".to_vec(),
        },
    );
    assert_eq!(
        failure(&server, "/loop", Expect::Page),
        ErrorKind::TooManyRedirects
    );
    assert_eq!(
        failure(&server, "/missing", Expect::Page),
        ErrorKind::HttpStatus
    );
    assert_eq!(
        failure(&server, "/broken", Expect::Page),
        ErrorKind::HttpStatus
    );
    assert_eq!(failure(&server, "/image", Expect::Page), ErrorKind::NotHtml);
    assert_eq!(failure(&server, "/huge", Expect::Page), ErrorKind::TooLarge);
    assert_eq!(
        failure(&server, "/huge-declared", Expect::Page),
        ErrorKind::TooLarge
    );
    let loops = server
        .hits()
        .iter()
        .filter(|hit| hit.ends_with("/loop"))
        .count();
    assert_eq!(loops, 11, "the first request and 10 redirects");
}

#[test]
fn a_page_that_never_answers_times_out() {
    let server = TestServer::start();
    server.route("/silent", Reply::Silence(Duration::from_secs(3)));
    let started = Instant::now();
    assert_eq!(
        failure(&server, "/silent", Expect::Page),
        ErrorKind::Timeout
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn an_unknown_host_is_a_dns_error() {
    let err = fetcher()
        .fetch("https://no-such-host.invalid/story", Expect::Page)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Dns);
}

#[test]
fn a_pinned_host_name_reaches_the_test_server() {
    let server = TestServer::start();
    server.route("/story", Reply::html(PAGE));
    let fetcher = Fetcher::new(FetchOptions {
        hosts: vec![("news.test".into(), server.address())],
        hosts_only: true,
        ..FetchOptions::default()
    });
    let url = format!("http://news.test:{}/story", server.address().port());
    assert_eq!(
        fetcher.fetch(&url, Expect::Page).unwrap().bytes,
        PAGE.as_bytes()
    );
}

#[test]
fn a_closed_port_is_a_connection_error() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = fetcher()
        .fetch(&format!("http://127.0.0.1:{port}/"), Expect::Page)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
}

#[test]
fn a_failed_tls_handshake_is_a_tls_error() {
    // A server that reads the client's hello and refuses the handshake with a fatal
    // `handshake_failure` alert, as a server does when it shares no cipher or protocol.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Some(Ok(mut stream)) = listener.incoming().next() {
            let mut hello = [0u8; 512];
            let _ = std::io::Read::read(&mut stream, &mut hello);
            let _ = stream.write_all(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let err = fetcher()
        .fetch(&format!("https://127.0.0.1:{port}/"), Expect::Page)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Tls, "{err}");
}

#[test]
fn links_that_are_not_http_are_refused_before_any_request() {
    for url in ["ftp://example.org/a", "file:///etc/passwd", "not a url"] {
        let err = fetcher().fetch(url, Expect::Page).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidUrl, "{url}");
    }
}
