//! One durability trial: `claimdesk serve` on a desk, several clients writing at once, a
//! `kill -9` at a moment none of them expects, and then a look at the file: every write the
//! server acknowledged (answered 200) must be in it, and the desk must open undamaged.
//! `tests/durability.rs` runs a few trials in CI; `benches/desk_server.rs -- kill` runs many.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;

use super::http::Client;

/// What a trial found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Writes the server acknowledged.
    pub acknowledged: usize,
    /// Acknowledged writes missing from the database after the kill.
    pub lost: Vec<String>,
    /// Requests answered with an error before the kill (a "database is locked" would be one).
    pub failures: Vec<String>,
}

/// A small desk for the trials: 6 articles of 20 claims.
pub fn seed_desk(path: &Path) {
    let desk = claimdesk::Desk::open(path).expect("open the seed desk");
    let plan = claimdesk_lab::synthetic::Plan {
        articles: 6,
        claims_per_article: 20,
        seed: 3,
    };
    claimdesk_lab::synthetic::generate(&desk, &plan, |_| {}).expect("generate the seed desk");
    drop(desk);
    // The trials copy the database file alone: whatever is still in the write-ahead log goes
    // into the file first, or a copy would be an empty desk.
    rusqlite::Connection::open(path)
        .and_then(|conn| conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
        .expect("checkpoint the seed desk");
}

/// A deterministic number in `0..n` from a trial's seed.
fn spread(seed: u64, n: u64) -> u64 {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    x % n
}

/// Run one trial on `db` (a copy of [`seed_desk`]) with `writers` concurrent clients, killing
/// the server 150–650 ms after they start (the moment depends on `seed`).
pub fn trial(binary: &Path, db: &Path, writers: usize, seed: u64) -> Outcome {
    let mut child = Command::new(binary)
        .args(["serve", "--port", "0", "--db"])
        .arg(db)
        .arg("--ui")
        .arg(db.parent().expect("a folder"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start claimdesk serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the first line");
    let address: SocketAddr = line
        .trim()
        .strip_prefix("ClaimDesk is serving http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .trim_end_matches('/')
        .parse()
        .expect("an address");

    let claims: Vec<i64> = {
        let mut client = Client::new(address);
        let answer = client
            .call("list_claims", &json!({"limit": 1000}))
            .expect("list the claims");
        answer.json()["claims"]
            .as_array()
            .expect("a page")
            .iter()
            .filter_map(|hit| hit["claim"]["id"].as_i64())
            .collect()
    };
    assert!(
        claims.len() >= writers * 4,
        "enough claims for every writer"
    );

    // Acknowledged notes, as (claim, note); failures before the kill.
    let acknowledged = Arc::new(Mutex::new(Vec::<(i64, String)>::new()));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let killed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let threads: Vec<_> = (0..writers)
        .map(|w| {
            let mine: Vec<i64> = claims.iter().copied().skip(w).step_by(writers).collect();
            let (acknowledged, failures, killed) =
                (acknowledged.clone(), failures.clone(), killed.clone());
            std::thread::spawn(move || {
                let mut client = Client::new(address);
                let deadline = Instant::now() + Duration::from_secs(10);
                for sequence in 0.. {
                    if Instant::now() > deadline {
                        break;
                    }
                    let claim = mine[sequence % mine.len()];
                    let note = format!("trial note w{w} s{sequence}");
                    // Every third write is a status with its note, a bigger transaction.
                    let answer = if sequence % 3 == 2 {
                        client.call(
                            "set_status",
                            &json!({"claim_id": claim, "status": "in_progress", "note": note}),
                        )
                    } else {
                        client.call("set_note", &json!({"claim_id": claim, "note": note}))
                    };
                    match answer {
                        Ok(answer) if answer.status == 200 => {
                            acknowledged.lock().expect("lock").push((claim, note));
                        }
                        Ok(answer) => {
                            if !killed.load(std::sync::atomic::Ordering::SeqCst) {
                                failures.lock().expect("lock").push(format!(
                                    "{} {}",
                                    answer.status,
                                    answer.text()
                                ));
                            }
                        }
                        // The server is gone: that is the kill.
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();

    std::thread::sleep(Duration::from_millis(150 + spread(seed, 500)));
    killed.store(true, std::sync::atomic::Ordering::SeqCst);
    // SIGKILL: no clean shutdown, no checkpoint, no flush the process could still do.
    child.kill().expect("kill -9 the server");
    child.wait().expect("reap the server");
    for thread in threads {
        thread.join().expect("a writer");
    }

    let acknowledged = std::mem::take(&mut *acknowledged.lock().expect("lock"));
    let failures = std::mem::take(&mut *failures.lock().expect("lock"));
    let mut outcome = Outcome {
        acknowledged: acknowledged.len(),
        lost: Vec::new(),
        failures,
    };
    // The desk opens (with its integrity check) and holds every acknowledged note in its
    // history; each claim's note is its last acknowledged one or a later write whose answer
    // the kill cut off.
    let desk = match claimdesk::Desk::open(db) {
        Ok(desk) => desk,
        Err(err) => {
            outcome
                .lost
                .push(format!("the desk does not open after the kill: {err}"));
            return outcome;
        }
    };
    let conn = rusqlite::Connection::open(db).expect("open the database");
    let mut stmt = conn
        .prepare("SELECT 1 FROM history WHERE claim_id = ?1 AND change = 'note' AND new_value = ?2")
        .expect("prepare");
    let mut last: HashMap<i64, &str> = HashMap::new();
    for (claim, note) in &acknowledged {
        if !stmt.exists(rusqlite::params![claim, note]).expect("query") {
            outcome.lost.push(format!(
                "claim {claim}: acknowledged note {note:?} is not in the history"
            ));
        }
        last.insert(*claim, note);
    }
    for (claim, note) in last {
        let stored = desk.claim(claim).expect("the claim").claim.note;
        let sequence = |text: &str| {
            text.rsplit('s')
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        };
        if sequence(&stored) < sequence(note) {
            outcome.lost.push(format!(
                "claim {claim}: note is {stored:?}, older than the acknowledged {note:?}"
            ));
        }
    }
    outcome
}
