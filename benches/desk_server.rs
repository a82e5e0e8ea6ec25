//! The desk server under load, and what survives a `kill -9`.
//!
//! ```text
//! cargo bench --bench desk_server -- load [--clients 50] [--seconds 60] [--think-ms 250]
//!     [--slow 8] [--idle 100] [--login] [--poll] [--db PATH] [--articles 1000]
//!     [--claims-per-article 100] [--binary PATH]
//! cargo bench --bench desk_server -- kill [--trials 200] [--writers 4]
//! ```
//!
//! **load**: `claimdesk serve` (the release binary beside this bench, or `--binary`) on a copy of
//! a generated desk (`claimdesk_lab::synthetic`, seed 1, the desk `claimdesk-lab generate`
//! makes; generated once into `target/bench-desk-<articles>x<claims>.sqlite3`, as the workspace
//! bench does). `--clients` threads each hold one kept-alive connection and loop for
//! `--seconds`: a mixed editor's workload (open an article, open a claim, search the claims,
//! mark a claim, now and then the library), waiting a random 0–2×`--think-ms` between requests.
//! With `--login` every client is an account of its own (`claimdesk user add`) that signs in
//! first, and the server runs with `--require-login`; with `--poll` each client also asks for
//! colleagues' changes once a second, as the UI does. At the same time `--slow` connections
//! send a request body one byte a second and `--idle` connections sit open doing nothing; both
//! are reopened whenever the server closes them. Prints a Markdown table of latencies (client
//! side, request written to answer read) per operation and overall, errors, and what happened
//! to the slow and idle connections. Talks only to 127.0.0.1.
//!
//! **kill**: the durability trial of `tests/durability.rs`, `--trials` times: concurrent writers,
//! `kill -9` of the server at a random moment, then every acknowledged write must be in the
//! database.

// A bench is test code: a failed setup step is a panic with the reason.
#![allow(clippy::unwrap_used)]

#[path = "../tests/common/http.rs"]
mod http;

#[path = "../tests/common/durability.rs"]
mod durability;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use claimdesk::Desk;
use claimdesk_lab::synthetic::{self, Plan};
use http::Client;

/// The password every bench account gets.
const PASSWORD: &str = "bench-password-not-secret";

struct Options {
    mode: String,
    clients: usize,
    seconds: u64,
    think_ms: u64,
    slow: usize,
    idle: usize,
    login: bool,
    poll: bool,
    db: Option<PathBuf>,
    articles: usize,
    claims_per_article: usize,
    binary: PathBuf,
    trials: usize,
    writers: usize,
}

fn options() -> Options {
    let mut options = Options {
        mode: String::new(),
        clients: 50,
        seconds: 60,
        think_ms: 250,
        slow: 8,
        idle: 100,
        login: false,
        poll: false,
        db: None,
        articles: 1000,
        claims_per_article: 100,
        binary: PathBuf::from(env!("CARGO_BIN_EXE_claimdesk")),
        trials: 200,
        writers: 4,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        let number = || value.parse::<u64>().unwrap_or(0);
        let mut flag = false;
        match args[i].as_str() {
            "load" | "kill" => {
                options.mode = args[i].clone();
                flag = true;
            }
            "--login" => {
                options.login = true;
                flag = true;
            }
            "--poll" => {
                options.poll = true;
                flag = true;
            }
            "--clients" => options.clients = number() as usize,
            "--seconds" => options.seconds = number(),
            "--think-ms" => options.think_ms = number(),
            "--slow" => options.slow = number() as usize,
            "--idle" => options.idle = number() as usize,
            "--db" => options.db = Some(PathBuf::from(&value)),
            "--articles" => options.articles = number() as usize,
            "--claims-per-article" => options.claims_per_article = number() as usize,
            "--binary" => options.binary = PathBuf::from(&value),
            "--trials" => options.trials = number() as usize,
            "--writers" => options.writers = number() as usize,
            // `cargo bench` adds `--bench`; anything else is not ours either.
            _ => flag = true,
        }
        i += if flag { 1 } else { 2 };
    }
    options
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The generated desk, made once and reused (the workspace bench uses the same file).
fn generated_desk(options: &Options) -> PathBuf {
    if let Some(db) = &options.db {
        return db.clone();
    }
    let path = target_dir().join(format!(
        "bench-desk-{}x{}.sqlite3",
        options.articles, options.claims_per_article
    ));
    if !path.exists() {
        eprintln!("generating the desk into {} ...", path.display());
        let desk = Desk::open(&path).unwrap();
        let plan = Plan {
            articles: options.articles,
            claims_per_article: options.claims_per_article,
            seed: 1,
        };
        synthetic::generate(&desk, &plan, |_| {}).unwrap();
    }
    path
}

/// A small deterministic random source (xorshift64*): the bench needs no better.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A running server, killed when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(binary: &Path, db: &Path, ui: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(binary)
        .args(["serve", "--port", "0", "--db"])
        .arg(db)
        .arg("--ui")
        .arg(ui)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("ClaimDesk is serving http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    Server {
        child,
        address: url.trim_end_matches('/').parse().unwrap(),
    }
}

fn add_account(binary: &Path, db: &Path, name: &str) {
    let mut child = Command::new(binary)
        .args(["user", "add", name, "--db"])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "user add {name}");
}

/// One request's outcome.
struct Sample {
    op: &'static str,
    micros: u64,
    ok: bool,
}

/// What the clients need to pick requests: article ids, claim ids and words to search for.
struct Catalogue {
    articles: Vec<i64>,
    claims: Vec<i64>,
    words: Vec<String>,
}

fn catalogue(address: SocketAddr, login: bool) -> Catalogue {
    let mut client = Client::new(address);
    if login {
        assert_eq!(client.sign_in("bench-0", PASSWORD).unwrap().status, 200);
    }
    let articles = client.call("list_articles", &json!({})).unwrap().json();
    let articles: Vec<&Value> = articles.as_array().unwrap().iter().collect();
    let mut words: Vec<String> = articles
        .iter()
        .flat_map(|a| a["title"].as_str().unwrap_or("").split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| w.chars().count() >= 4)
        .collect();
    words.sort();
    words.dedup();
    let mut claims = Vec::new();
    for article in articles.iter().take(30) {
        let detail = client
            .call("get_article", &json!({"id": article["id"]}))
            .unwrap()
            .json();
        claims.extend(
            detail["claims"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|c| c["id"].as_i64()),
        );
    }
    Catalogue {
        articles: articles.iter().filter_map(|a| a["id"].as_i64()).collect(),
        claims,
        words,
    }
}

const STATUSES: &[&str] = &[
    "verified",
    "disputed",
    "in_progress",
    "needs_evidence",
    "unreviewed",
];

/// One editor's request: what it is called in the table, the command and its arguments.
fn next_request(random: &mut Random, catalogue: &Catalogue) -> (&'static str, &'static str, Value) {
    let roll = random.below(100);
    if roll < 30 {
        let id = random.pick(&catalogue.articles);
        ("open an article", "get_article", json!({"id": id}))
    } else if roll < 50 {
        let id = random.pick(&catalogue.claims);
        ("open a claim", "get_claim", json!({"id": id}))
    } else if roll < 75 {
        let mut query = random.pick(&catalogue.words).clone();
        if random.below(3) == 0 {
            query = format!("{query} {}", random.pick(&catalogue.words));
        }
        let args = if random.below(4) == 0 {
            json!({"query": query, "statuses": ["unreviewed", "in_progress"], "limit": 100})
        } else {
            json!({"query": query, "limit": 100})
        };
        ("search the claims", "list_claims", args)
    } else if roll < 95 {
        let id = random.pick(&catalogue.claims);
        let status = random.pick(STATUSES);
        (
            "mark a claim",
            "set_status",
            json!({"claim_id": id, "status": status}),
        )
    } else {
        ("open the library", "list_articles", json!({}))
    }
}

/// Hold `count` connections that send a request body one byte a second; reopen each one the
/// server closes. Returns how many times the server closed one. With `cookie` (a signed-in
/// session, `name=value`) the requests pass the sign-in check and the server must read their
/// bodies; without one, a desk that needs sign-in answers 401 before reading any body.
fn slow_bodies(
    address: SocketAddr,
    count: usize,
    cookie: Option<String>,
    stop: Arc<AtomicBool>,
) -> Arc<AtomicU64> {
    let closed = Arc::new(AtomicU64::new(0));
    let cookie = cookie
        .map(|cookie| format!("Cookie: {cookie}\r\n"))
        .unwrap_or_default();
    for _ in 0..count {
        let (stop, closed, cookie) = (stop.clone(), closed.clone(), cookie.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let Ok(mut stream) = TcpStream::connect(address) else {
                    std::thread::sleep(Duration::from_millis(200));
                    continue;
                };
                let head = format!(
                    "POST /api/app_info HTTP/1.1\r\nHost: {address}\r\n{cookie}\
                     Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                );
                if stream.write_all(head.as_bytes()).is_err() {
                    closed.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_secs(1));
                    if stream.write_all(b" ").is_err() {
                        closed.fetch_add(1, Ordering::Relaxed);
                        break;
                    }
                }
            }
        });
    }
    closed
}

/// Hold `count` connections open without sending anything; reopen each one the server
/// closes. Returns how many times the server closed one.
fn idle_connections(address: SocketAddr, count: usize, stop: Arc<AtomicBool>) -> Arc<AtomicU64> {
    let closed = Arc::new(AtomicU64::new(0));
    let counter = closed.clone();
    std::thread::spawn(move || {
        let mut open: Vec<Option<TcpStream>> = (0..count).map(|_| None).collect();
        while !stop.load(Ordering::Relaxed) {
            for slot in open.iter_mut() {
                let alive = slot.as_mut().is_some_and(|stream| {
                    let _ = stream.set_nonblocking(true);
                    let mut byte = [0u8; 1];
                    match stream.read(&mut byte) {
                        Ok(0) => false,
                        Ok(_) => true,
                        Err(err) => err.kind() == std::io::ErrorKind::WouldBlock,
                    }
                });
                if !alive {
                    if slot.is_some() {
                        counter.fetch_add(1, Ordering::Relaxed);
                    }
                    *slot = TcpStream::connect(address).ok();
                }
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    });
    closed
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

fn row(name: &str, samples: &[&Sample], seconds: f64) -> String {
    let mut micros: Vec<u64> = samples.iter().map(|s| s.micros).collect();
    micros.sort_unstable();
    let errors = samples.iter().filter(|s| !s.ok).count();
    format!(
        "| {name} | {} | {:.0}/s | {:.1} | {:.1} | {:.1} | {:.1} | {errors} |",
        samples.len(),
        samples.len() as f64 / seconds,
        percentile(&micros, 50.0),
        percentile(&micros, 90.0),
        percentile(&micros, 99.0),
        micros.last().copied().unwrap_or(0) as f64 / 1000.0,
    )
}

fn load(options: &Options) {
    let source = generated_desk(options);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    // A copy: the bench marks claims, and the generated desk is reused by other runs. Copied
    // as bytes (never opened here, which would upgrade an older desk that `--binary` reads).
    std::fs::copy(&source, &db).unwrap();
    for sidecar in ["-wal", "-shm"] {
        let mut from = source.as_os_str().to_owned();
        from.push(sidecar);
        let mut to = db.as_os_str().to_owned();
        to.push(sidecar);
        if std::path::Path::new(&from).exists() {
            std::fs::copy(&from, &to).unwrap();
        }
    }
    let mut extra = Vec::new();
    if options.login {
        let started = Instant::now();
        for i in 0..options.clients.max(1) {
            add_account(&options.binary, &db, &format!("bench-{i}"));
        }
        eprintln!(
            "{} accounts added in {:.1} s",
            options.clients.max(1),
            started.elapsed().as_secs_f64()
        );
        extra.push("--require-login");
    }
    let server = start_server(&options.binary, &db, dir.path(), &extra);
    let address = server.address;
    let catalogue = Arc::new(catalogue(address, options.login));
    eprintln!(
        "serving {} on {address}: {} articles, {} claims sampled, {} search words",
        db.display(),
        catalogue.articles.len(),
        catalogue.claims.len(),
        catalogue.words.len()
    );

    let stop = Arc::new(AtomicBool::new(false));
    // The slow bodies come from a signed-in editor's session when the desk needs sign-in:
    // the server must then read them, which is the case the body timeout is for.
    let slow_cookie = options.login.then(|| {
        let mut client = Client::new(address);
        assert_eq!(client.sign_in("bench-0", PASSWORD).unwrap().status, 200);
        client.cookie.clone().unwrap()
    });
    let slow_closed = slow_bodies(address, options.slow, slow_cookie, stop.clone());
    let idle_closed = idle_connections(address, options.idle, stop.clone());
    // Let the slow and idle connections take their places before the editors start.
    std::thread::sleep(Duration::from_millis(1500));

    let samples = Arc::new(Mutex::new(Vec::<Sample>::new()));
    let first_errors = Arc::new(Mutex::new(Vec::<String>::new()));
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let started = Instant::now();
    let clients: Vec<_> = (0..options.clients)
        .map(|i| {
            let catalogue = catalogue.clone();
            let samples = samples.clone();
            let first_errors = first_errors.clone();
            let (login, poll, think) = (options.login, options.poll, options.think_ms);
            std::thread::spawn(move || {
                let mut random = Random(0x9E37_79B9_7F4A_7C15 ^ ((i as u64 + 1) * 7919));
                let mut client = Client::new(address);
                let mut mine = Vec::new();
                if login {
                    let answer = client.sign_in(&format!("bench-{i}"), PASSWORD).unwrap();
                    assert_eq!(answer.status, 200, "{}", answer.text());
                }
                let mut seen_change: i64 = 0;
                let mut next_poll = Instant::now();
                while Instant::now() < deadline {
                    let (op, command, args) = if poll && Instant::now() >= next_poll {
                        next_poll += Duration::from_secs(1);
                        ("poll for changes", "changes", json!({"after": seen_change}))
                    } else {
                        next_request(&mut random, &catalogue)
                    };
                    let sent = Instant::now();
                    let answer = client.call(command, &args);
                    let micros = sent.elapsed().as_micros() as u64;
                    let ok = match &answer {
                        Ok(answer) if answer.status == 200 => {
                            if command == "changes" {
                                seen_change = answer.json()["last"].as_i64().unwrap_or(seen_change);
                            }
                            true
                        }
                        Ok(answer) => {
                            let mut errors = first_errors.lock().unwrap();
                            if errors.len() < 5 {
                                errors.push(format!(
                                    "{command}: {} {}",
                                    answer.status,
                                    answer.text()
                                ));
                            }
                            false
                        }
                        Err(err) => {
                            let mut errors = first_errors.lock().unwrap();
                            if errors.len() < 5 {
                                errors.push(format!("{command}: {err}"));
                            }
                            false
                        }
                    };
                    mine.push(Sample { op, micros, ok });
                    if think > 0 {
                        std::thread::sleep(Duration::from_millis(random.next() % (2 * think + 1)));
                    }
                }
                samples.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for client in clients {
        client.join().unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);

    let samples = samples.lock().unwrap();
    let mut by_op: BTreeMap<&str, Vec<&Sample>> = BTreeMap::new();
    for sample in samples.iter() {
        by_op.entry(sample.op).or_default().push(sample);
    }
    println!(
        "{} clients{} for {:.0} s, think time 0–{} ms, {} slow-body and {} idle connections held open; {}",
        options.clients,
        if options.login { " (signed in)" } else { "" },
        seconds,
        2 * options.think_ms,
        options.slow,
        options.idle,
        options.binary.display()
    );
    println!();
    println!("| operation | requests | rate | p50 ms | p90 ms | p99 ms | max ms | errors |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (op, samples) in &by_op {
        println!("{}", row(op, samples, seconds));
    }
    let all: Vec<&Sample> = samples.iter().collect();
    println!("{}", row("**all**", &all, seconds));
    println!();
    println!(
        "slow-body connections closed by the server: {}; idle connections closed by the server: {}",
        slow_closed.load(Ordering::Relaxed),
        idle_closed.load(Ordering::Relaxed)
    );
    for error in first_errors.lock().unwrap().iter() {
        println!("error: {error}");
    }
    drop(server);
}

fn kill(options: &Options) {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("seed.sqlite3");
    durability::seed_desk(&seed);
    let (mut acknowledged, mut lost, mut failed) = (0, 0, 0);
    let started = Instant::now();
    for trial in 0..options.trials {
        let db = dir.path().join(format!("trial-{trial}.sqlite3"));
        std::fs::copy(&seed, &db).unwrap();
        let outcome = durability::trial(&options.binary, &db, options.writers, trial as u64);
        acknowledged += outcome.acknowledged;
        lost += outcome.lost.len();
        failed += outcome.failures.len();
        for line in outcome.lost.iter().chain(&outcome.failures).take(3) {
            println!("trial {trial}: {line}");
        }
        let _ = std::fs::remove_file(&db);
    }
    println!(
        "{} kill -9 trials, {} writers each, in {:.0} s: {acknowledged} acknowledged writes, \
         {lost} lost, {failed} failed requests",
        options.trials,
        options.writers,
        started.elapsed().as_secs_f64()
    );
}

fn main() {
    let options = options();
    match options.mode.as_str() {
        "load" => load(&options),
        "kill" => kill(&options),
        _ => eprintln!(
            "usage: cargo bench --bench desk_server -- load|kill [options] (see the file's doc)"
        ),
    }
}
