//! `claimdesk backup` while editors work, and `claimdesk restore`: a backup taken in the middle
//! of a stream of writes holds every write acknowledged before it began, opens undamaged, and
//! restores into a desk that works; a restore keeps the desk it replaces.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;

use claimdesk::{Desk, ErrorKind};
use common::Sandbox;
use common::http::Client;
use common::served::serve_in;

#[test]
fn a_backup_taken_while_editors_write_holds_every_write_acknowledged_before_it() {
    let sandbox = Sandbox::new();
    sandbox.generate(6, 20);
    let served = serve_in(sandbox, &[], false);
    let claims: Vec<i64> = served
        .client()
        .call("list_claims", &json!({"limit": 1000}))
        .unwrap()
        .json()["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["claim"]["id"].as_i64().unwrap())
        .collect();

    // Three editors write notes as fast as the desk takes them.
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(Mutex::new(Vec::<(Instant, i64, String)>::new()));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let mine: Vec<i64> = claims.iter().copied().skip(w).step_by(3).collect();
            let (stop, acknowledged) = (stop.clone(), acknowledged.clone());
            let mut client = Client::new(served.address);
            std::thread::spawn(move || {
                let deadline = Instant::now() + Duration::from_secs(30);
                let mut sequence = 0;
                while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                    let claim = mine[sequence % mine.len()];
                    let note = format!("backup note w{w} s{sequence}");
                    let answer = client
                        .call("set_note", &json!({"claim_id": claim, "note": note}))
                        .unwrap();
                    assert_eq!(answer.status, 200, "{}", answer.text());
                    acknowledged
                        .lock()
                        .unwrap()
                        .push((Instant::now(), claim, note));
                    sequence += 1;
                }
            })
        })
        .collect();

    std::thread::sleep(Duration::from_millis(400));
    let backup = served.sandbox.path("backup.sqlite3");
    let started = Instant::now();
    let out = served.sandbox.ok(&["backup", backup.to_str().unwrap()]);
    assert!(out.contains("Backed up"), "{out}");
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.join().unwrap();
    }

    // The backup opens (quick_check included) and holds every note acknowledged before it
    // began.
    let before: Vec<(i64, String)> = acknowledged
        .lock()
        .unwrap()
        .iter()
        .filter(|(at, _, _)| *at < started)
        .map(|(_, claim, note)| (*claim, note.clone()))
        .collect();
    assert!(!before.is_empty(), "writes happened before the backup");
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let mut stmt = conn
        .prepare("SELECT 1 FROM history WHERE claim_id = ?1 AND change = 'note' AND new_value = ?2")
        .unwrap();
    for (claim, note) in &before {
        assert!(
            stmt.exists(rusqlite::params![claim, note]).unwrap(),
            "claim {claim}: {note:?} acknowledged before the backup is not in it"
        );
    }
    drop(stmt);
    drop(conn);
    let copy = Desk::open(&backup).unwrap();
    assert_eq!(copy.list_articles().unwrap().len(), 6);

    // Backups are never overwritten.
    let again = served.sandbox.run(&["backup", backup.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn a_restore_puts_the_backup_back_and_keeps_the_desk_it_replaced() {
    let sandbox = Sandbox::new();
    sandbox.generate(3, 10);
    let backup = sandbox.path("backup.sqlite3");
    sandbox.ok(&["backup", backup.to_str().unwrap()]);
    // Work after the backup, which the restore takes back.
    sandbox.ok(&["mark", "1", "disputed", "--note", "after the backup"]);
    let marked = |db: &std::path::Path| {
        Desk::open(db).unwrap().claim(1).unwrap().claim.note == "after the backup"
    };
    assert!(marked(&sandbox.db()));

    let out = sandbox.ok(&["restore", backup.to_str().unwrap()]);
    assert!(out.contains("Restored"), "{out}");
    assert!(!marked(&sandbox.db()), "the desk is the backup again");
    let kept: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(".before-restore-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        marked(&sandbox.dir.path().join(&kept[0])),
        "the replaced desk is kept whole"
    );
    assert!(out.contains(&kept[0]), "the command says where: {out}");
}

#[test]
fn a_restore_refuses_what_is_not_a_backup_of_a_desk() {
    let sandbox = Sandbox::new();
    sandbox.generate(1, 5);
    let foreign = sandbox.path("recipes.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE recipes (name TEXT);")
        .unwrap();
    let before = std::fs::read(sandbox.db()).unwrap();
    let output = sandbox.run(&["restore", foreign.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("another program"));
    assert!(
        std::fs::read(sandbox.db()).unwrap() == before,
        "the desk was not touched"
    );
    let missing = sandbox.run(&["restore", "no-such-backup.sqlite3"]);
    assert!(!missing.status.success());
    // The store says the same in codes.
    let err =
        claimdesk_store::backup::restore(&foreign, &sandbox.db(), chrono::Utc::now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}
