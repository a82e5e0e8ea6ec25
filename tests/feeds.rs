//! RSS and Atom feeds (issue 13): subscribing, and refreshing, which imports every item not
//! seen before with a result per item and never the same article twice. Every feed and page
//! is served by a server on 127.0.0.1 started here.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use claimdesk::Desk;
use claimdesk::api::dispatch;
use claimdesk_fetch::test_server::{Reply, TestServer};
use common::Sandbox;
use serde_json::{Value, json};

fn call(desk: &Desk, command: &str, args: Value) -> Value {
    dispatch(desk, &common::signed_in("Ana Ruiz"), command, args)
        .unwrap_or_else(|err| panic!("{command}: {err}"))
}

fn page(title: &str, sentence: &str) -> Reply {
    Reply::html(&format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{sentence}\
         </p><p>Officials said the figures would be published in full on Friday.</p></article>\
         </body></html>"
    ))
}

fn rss(server: &TestServer, items: &[(&str, &str)]) -> Reply {
    let items: String = items
        .iter()
        .map(|(guid, path)| {
            let link = if path.is_empty() {
                String::new()
            } else {
                format!("<link>{}</link>", server.url(path))
            };
            format!("<item><title>Item {guid}</title>{link}<guid isPermaLink=\"false\">{guid}</guid></item>")
        })
        .collect();
    Reply::ok(
        "application/rss+xml",
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>City desk</title>\
             {items}</channel></rss>"
        ),
    )
}

fn hits(server: &TestServer, path: &str) -> usize {
    server
        .hits()
        .iter()
        .filter(|hit| hit.ends_with(&format!(" {path}")))
        .count()
}

fn outcomes(refresh: &Value) -> Vec<(String, String)> {
    refresh["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let url = item["file_name"].as_str().unwrap();
            let path = url.rsplit_once('/').unwrap().1.to_string();
            let outcome = item["error"]["code"]
                .as_str()
                .unwrap_or(item["outcome"].as_str().unwrap())
                .to_string();
            (path, outcome)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn a_refresh_imports_each_new_item_once_with_a_result_per_item() {
    let server = TestServer::start();
    server.route(
        "/bridge",
        page(
            "Bridge repairs",
            "The council approved $48 million for repairs in 2025.",
        ),
    );
    server.route(
        "/rates",
        page(
            "Water rates",
            "Water rates rose 12% in 2024, the utility's filing shows.",
        ),
    );
    server.route(
        "/schools",
        page(
            "Schools",
            "The district closed 4 schools in 2023, its report said.",
        ),
    );
    server.route(
        "/feed",
        rss(
            &server,
            &[("a", "/bridge"), ("b", "/rates"), ("c", "/gone"), ("d", "")],
        ),
    );
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    // The rates story is on the desk already, imported from its address.
    call(&desk, "import_url", json!({"url": server.url("/rates")}));

    let feed = call(&desk, "add_feed", json!({"url": server.url("/feed")}));
    assert_eq!(feed["title"], "City desk");
    let id = feed["id"].as_i64().unwrap();

    let first = call(&desk, "refresh_feeds", json!({}));
    assert_eq!(first.as_array().unwrap().len(), 1);
    assert_eq!(
        outcomes(&first[0]),
        pairs(&[
            ("bridge", "imported"),
            ("rates", "already_present"),
            ("gone", "http_status")
        ])
    );
    assert_eq!(first[0]["skipped"], 1, "the item with no address");
    assert_eq!(
        hits(&server, "/rates"),
        1,
        "an address on the desk is not fetched"
    );
    assert_eq!(first[0]["feed"]["imported"], 1);
    assert_eq!(first[0]["feed"]["failed"], 1);

    // The next refresh finds one new item; the failed one is tried again, the others not.
    server.route(
        "/feed",
        rss(
            &server,
            &[
                ("e", "/schools"),
                ("a", "/bridge"),
                ("b", "/rates"),
                ("c", "/gone"),
            ],
        ),
    );
    let second = call(&desk, "refresh_feeds", json!({"feed_id": id}));
    assert_eq!(
        outcomes(&second[0]),
        pairs(&[("schools", "imported"), ("gone", "http_status")])
    );
    assert_eq!(hits(&server, "/bridge"), 1, "never fetched twice");

    // A third try of the failed item, then it is left alone.
    call(&desk, "refresh_feeds", json!({}));
    let fourth = call(&desk, "refresh_feeds", json!({}));
    assert_eq!(outcomes(&fourth[0]), []);
    assert_eq!(hits(&server, "/gone"), 3);

    // The feed's items are articles with the feed as their source.
    let articles = call(&desk, "list_articles", json!({}));
    assert_eq!(articles.as_array().unwrap().len(), 3);
    let bridge = articles
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Bridge repairs")
        .unwrap();
    let source = call(&desk, "get_article_source", json!({"id": bridge["id"]}));
    assert_eq!(source["kind"], "feed");
    assert_eq!(source["feed_id"], id);
}

#[test]
fn the_same_story_in_a_second_feed_is_not_imported_again() {
    let server = TestServer::start();
    server.route(
        "/bridge",
        page(
            "Bridge repairs",
            "The council approved $48 million for repairs in 2025.",
        ),
    );
    server.route("/one", rss(&server, &[("one-1", "/bridge")]));
    server.route("/two", rss(&server, &[("two-77", "/bridge")]));
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    call(&desk, "add_feed", json!({"url": server.url("/one")}));
    call(&desk, "add_feed", json!({"url": server.url("/two")}));
    let refresh = call(&desk, "refresh_feeds", json!({}));
    assert_eq!(outcomes(&refresh[0]), pairs(&[("bridge", "imported")]));
    assert_eq!(
        outcomes(&refresh[1]),
        pairs(&[("bridge", "already_present")])
    );
    assert_eq!(
        refresh[0]["items"][0]["article"]["id"],
        refresh[1]["items"][0]["article"]["id"]
    );
    assert_eq!(hits(&server, "/bridge"), 1);
}

#[test]
fn a_broken_feed_is_reported_and_the_other_feeds_are_still_refreshed() {
    let server = TestServer::start();
    server.route(
        "/bridge",
        page(
            "Bridge repairs",
            "The council approved $48 million for repairs in 2025.",
        ),
    );
    server.route("/good", rss(&server, &[("g", "/bridge")]));
    server.route("/broken", rss(&server, &[("x", "/bridge")]));
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    call(&desk, "add_feed", json!({"url": server.url("/broken")}));
    call(&desk, "add_feed", json!({"url": server.url("/good")}));
    // The feed breaks after subscribing: cut off mid-item.
    server.route(
        "/broken",
        Reply::ok(
            "application/rss+xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Cut",
        ),
    );
    let refresh = call(&desk, "refresh_feeds", json!({}));
    assert_eq!(refresh[0]["error"]["code"], "invalid_input");
    assert!(refresh[0]["feed"]["last_error"].is_string());
    assert_eq!(outcomes(&refresh[1]), pairs(&[("bridge", "imported")]));
}

#[test]
fn an_address_that_is_not_a_feed_is_refused_and_nothing_is_stored() {
    let server = TestServer::start();
    server.route("/page", page("A page", "Not a feed at all, 12 times over."));
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let err = dispatch(
        &desk,
        &common::signed_in("Ana Ruiz"),
        "add_feed",
        json!({"url": server.url("/page")}),
    )
    .unwrap_err();
    assert_eq!(err.kind().code(), "invalid_input");
    let err = dispatch(
        &desk,
        &common::signed_in("Ana Ruiz"),
        "add_feed",
        json!({"url": server.url("/missing")}),
    )
    .unwrap_err();
    assert_eq!(err.kind().code(), "http_status");
    assert_eq!(call(&desk, "list_feeds", json!({})), json!([]));
}

#[test]
fn the_command_line_subscribes_refreshes_and_lists() {
    let server = TestServer::start();
    server.route(
        "/bridge",
        page(
            "Bridge repairs",
            "The council approved $48 million for repairs in 2025.",
        ),
    );
    server.route("/feed", rss(&server, &[("a", "/bridge"), ("b", "/gone")]));
    let sandbox = Sandbox::new();
    let added = sandbox.ok(&["feeds", "add", &server.url("/feed")]);
    assert!(added.contains("as feed 1"), "{added}");
    let output = sandbox.run(&["feeds", "refresh", "--format", "jsonl"]);
    assert!(!output.status.success(), "a failed item fails the command");
    let lines = common::jsonl(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["outcome"], "imported");
    assert_eq!(lines[1]["error"]["code"], "http_status");
    let list = common::jsonl(&sandbox.ok(&["feeds", "list", "--format", "jsonl"]));
    assert_eq!(list[0]["imported"], 1);
    assert_eq!(list[0]["failed"], 1);
    sandbox.ok(&["feeds", "remove", "1"]);
    assert!(sandbox.ok(&["feeds", "list"]).contains("No feeds"));
}
