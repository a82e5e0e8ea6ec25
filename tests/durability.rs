//! Nothing acknowledged is lost: `claimdesk serve` killed with SIGKILL while several editors
//! write at once, twenty times over; after each kill the desk opens undamaged and holds every
//! write the server answered 200 to (`benches/desk_server.rs -- kill` runs many more trials).

mod common;

use common::durability;

#[test]
fn no_acknowledged_write_is_lost_when_the_server_is_killed_mid_work() {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("seed.sqlite3");
    durability::seed_desk(&seed);
    let mut acknowledged = 0;
    for trial in 0..20 {
        let db = dir.path().join(format!("trial-{trial}.sqlite3"));
        std::fs::copy(&seed, &db).unwrap();
        let outcome = durability::trial(
            std::path::Path::new(env!("CARGO_BIN_EXE_claimdesk")),
            &db,
            4,
            trial,
        );
        assert!(outcome.lost.is_empty(), "trial {trial}: {:?}", outcome.lost);
        assert!(
            outcome.failures.is_empty(),
            "trial {trial}: requests failed before the kill: {:?}",
            outcome.failures
        );
        acknowledged += outcome.acknowledged;
    }
    assert!(
        acknowledged > 20,
        "the writers got through ({acknowledged} writes)"
    );
}
