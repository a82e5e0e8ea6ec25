//! The review workspace's speed on a busy desk: what the UI waits for at start, when it switches
//! article, when it filters or searches the claim list, and when it marks a claim.
//!
//! ```text
//! cargo bench --bench workspace -- [--db PATH] [--articles 1000] [--claims-per-article 100]
//!                                  [--runs 30]
//! ```
//!
//! Without `--db`, the desk is generated once (`claimdesk_lab::synthetic`, seed 1, the same data as
//! `claimdesk-lab generate`) into `target/bench-desk-<articles>x<claims>.sqlite3` and reused.
//! Every call goes through `api::dispatch`, JSON in and out, as the desktop shell and the HTTP
//! server call it; the transport and the UI's rendering are not included. Each measurement
//! prints its median, 95th percentile and maximum in milliseconds as a Markdown table row for
//! BENCHMARKS.md. Timings are not asserted anywhere: this is a measurement, not a test.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use claimdesk::Desk;
use claimdesk::api::dispatch;
use claimdesk::identity::{Caller, SignedIn};
use claimdesk_lab::synthetic::{self, Plan};

struct Options {
    db: Option<PathBuf>,
    articles: usize,
    claims_per_article: usize,
    runs: usize,
}

fn options() -> Options {
    let mut options = Options {
        db: None,
        articles: 1000,
        claims_per_article: 100,
        runs: 30,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        let number = || value.parse::<usize>().unwrap_or(0);
        match args[i].as_str() {
            "--db" => options.db = Some(PathBuf::from(&value)),
            "--articles" => options.articles = number(),
            "--claims-per-article" => options.claims_per_article = number(),
            "--runs" => options.runs = number().max(1),
            // `cargo bench` adds `--bench`; anything else is not ours either.
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    options
}

fn default_db(options: &Options) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join(format!(
        "bench-desk-{}x{}.sqlite3",
        options.articles, options.claims_per_article
    ))
}

fn call(desk: &Desk, command: &str, args: Value) -> Value {
    let editor = Caller::SignedIn(SignedIn {
        account: claimdesk_store::records::Account {
            id: 1,
            name: "Bench Editor".to_string(),
            admin: false,
            created_at: "2025-03-14T09:00:00Z".to_string(),
            disabled_at: None,
        },
        expires_at: "2999-01-01T00:00:00Z".to_string(),
    });
    match dispatch(desk, &editor, command, args) {
        Ok(value) => value,
        Err(err) => panic!("{command} failed: {err}"),
    }
}

struct Timings {
    name: String,
    samples: Vec<Duration>,
}

impl Timings {
    fn row(&self) -> String {
        let mut sorted = self.samples.clone();
        sorted.sort();
        let at = |q: f64| {
            let index = ((sorted.len() as f64 - 1.0) * q).round() as usize;
            sorted[index].as_secs_f64() * 1000.0
        };
        format!(
            "| {} | {:.1} ms | {:.1} ms | {:.1} ms | {} |",
            self.name,
            at(0.5),
            at(0.95),
            at(1.0),
            sorted.len()
        )
    }
}

fn measure(name: &str, runs: usize, mut body: impl FnMut(usize)) -> Timings {
    // One untimed run first: the first call of a query prepares its statement.
    body(runs);
    let samples = (0..runs)
        .map(|run| {
            let started = Instant::now();
            body(run);
            started.elapsed()
        })
        .collect();
    let timings = Timings {
        name: name.to_string(),
        samples,
    };
    println!("{}", timings.row());
    timings
}

fn main() {
    let options = options();
    let path = options.db.clone().unwrap_or_else(|| default_db(&options));
    if !path.exists() {
        eprintln!(
            "generating {} articles x {} claims into {} ...",
            options.articles,
            options.claims_per_article,
            path.display()
        );
        let desk = Desk::open(&path).unwrap_or_else(|err| panic!("{err}"));
        let started = Instant::now();
        let plan = Plan {
            articles: options.articles,
            claims_per_article: options.claims_per_article,
            seed: 1,
        };
        let generated = synthetic::generate(&desk, &plan, |done| {
            if done % 100 == 0 {
                eprintln!("  {done} articles");
            }
        })
        .unwrap_or_else(|err| panic!("{err}"));
        eprintln!(
            "generated {} claims ({} repeats, {} reviewed) in {:.1} s",
            generated.claims,
            generated.repeats,
            generated.reviewed,
            started.elapsed().as_secs_f64()
        );
    }
    let runs = options.runs;
    println!("Desk: {} ({runs} runs each)", path.display());
    println!();
    println!("| measurement | median | p95 | max | runs |");
    println!("| --- | --- | --- | --- | --- |");

    measure("start: open + app_info + list_articles", runs, |_| {
        let desk = Desk::open(&path).unwrap_or_else(|err| panic!("{err}"));
        call(&desk, "app_info", json!({}));
        let articles = call(&desk, "list_articles", json!({}));
        assert!(articles.as_array().is_some_and(|a| !a.is_empty()));
    });

    let desk = Desk::open(&path).unwrap_or_else(|err| panic!("{err}"));
    let articles: Vec<i64> = call(&desk, "list_articles", json!({}))
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["id"].as_i64()).collect())
        .unwrap_or_default();
    let article = |run: usize| articles[(run * 7919) % articles.len()];

    measure("switch article: get_article", runs, |run| {
        call(&desk, "get_article", json!({"id": article(run)}));
    });
    measure("switch article: list_claims of the article", runs, |run| {
        call(&desk, "list_claims", json!({"article_id": article(run)}));
    });
    // A claim of each article the runs visit, looked up before timing.
    let first_claims: Vec<Value> = (0..=runs)
        .map(|run| {
            let page = call(
                &desk,
                "list_claims",
                json!({"article_id": article(run), "limit": 1}),
            );
            page["claims"][0]["claim"]["id"].clone()
        })
        .collect();
    measure("get_claim (with repeats)", runs, |run| {
        call(&desk, "get_claim", json!({"id": first_claims[run]}));
    });

    let speaker = call(&desk, "list_speakers", json!({"limit": 50}))[10]["speaker"].clone();
    let filters = [
        (
            "filter: unreviewed, first page",
            json!({"statuses": ["unreviewed"]}),
        ),
        (
            "filter: disputed or needs evidence, comparison, score >= 0.7",
            json!({"statuses": ["disputed", "needs_evidence"], "kinds": ["comparison"],
                   "min_score": 0.7}),
        ),
        ("filter: one speaker", json!({"speaker": speaker})),
        (
            "filter: claim dates in 2019",
            json!({"date_from": "2019-01-01", "date_to": "2019-12-31"}),
        ),
        (
            "filter: published in March 2024",
            json!({"date_from": "2024-03-01", "date_to": "2024-03-31", "date_field": "published"}),
        ),
        ("filter: by score, highest first", json!({"order": "score"})),
        ("filter: recently changed first", json!({"order": "recent"})),
    ];
    for (name, args) in filters {
        measure(name, runs, |_| {
            call(&desk, "list_claims", args.clone());
        });
    }
    for typed in [
        "c",
        "co",
        "cou",
        "coun",
        "council",
        "Ashgrove burgl",
        "rough sleeping ",
    ] {
        measure(&format!("search as typed: {typed:?}"), runs, |_| {
            call(&desk, "list_claims", json!({"query": typed}));
        });
    }
    measure("search + filter: \"budget\" unreviewed", runs, |_| {
        call(
            &desk,
            "list_claims",
            json!({"query": "budget", "statuses": ["unreviewed"]}),
        );
    });
    measure("search_articles: \"flood barrier\"", runs, |_| {
        call(&desk, "search_articles", json!({"query": "flood barrier"}));
    });
    measure("list_speakers", runs, |_| {
        call(&desk, "list_speakers", json!({}));
    });

    let statuses = ["verified", "disputed", "needs_evidence", "unreviewed"];
    measure("set_status (durable commit)", runs, |run| {
        call(
            &desk,
            "set_status",
            json!({"claim_id": first_claims[run], "status": statuses[run % statuses.len()],
                   "by": "Bench"}),
        );
    });
    measure("undo (durable commit)", runs.min(20), |_| {
        call(&desk, "undo", json!({"by": "Bench"}));
    });

    // A real-sized article (the demo story, made unique per run) through the engine, the
    // store and repeat linking against the whole desk.
    let demo = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/articles/harbour-bridge-budget.txt"),
    )
    .unwrap_or_else(|err| panic!("demo article: {err}"));
    let stamp = Instant::now().elapsed().as_nanos() ^ u128::from(std::process::id());
    measure(
        "import_article (engine, store, repeat links)",
        runs.min(10),
        |run| {
            let content =
                format!("{demo}\n\nCorrection {stamp}-{run}: an earlier version misspelt a name.");
            let result = call(
                &desk,
                "import_article",
                json!({"content": content, "file_name": "bridge.txt"}),
            );
            assert_eq!(result["outcome"], "imported");
        },
    );
}
