//! The committed model is exactly what `claimdesk-lab train` makes from the shared data (the
//! ClaimBuster train split for the sentence model, CheckThat! 2019 train for the transcript
//! layer, ClaimBuster dev for the encoder's thresholds) and the committed encoder: retrain and
//! compare byte for byte. Slow (the encoder reads some 30,000 sentences), so it is ignored by
//! default; run it with `cargo test --release --test training_reproducible -- --ignored`.
//! Skips, saying so, where `../shared` (or `$CLAIMDESK_SHARED`) is absent.

mod common;

use std::path::PathBuf;

use claimdesk_encoder::{CHECKWORTHINESS_MODEL, Encoder, find_model};
use claimdesk_lab::training::{self, Hyperparameters};

#[test]
#[ignore = "retrains the model (seconds in release, minutes in debug)"]
fn retraining_on_the_claimbuster_train_split_reproduces_the_committed_model() {
    let train = common::shared_dir().join("data/claimbuster/train.csv");
    if !train.exists() {
        eprintln!("skipped: {} is absent", train.display());
        return;
    }
    let data = common::shared_dir().join("data");
    let encoder = Encoder::load(&find_model(CHECKWORTHINESS_MODEL, &[]).unwrap()).unwrap();
    let trained = training::train_model(
        &train,
        &Hyperparameters::default(),
        Some(&data.join("checkthat2019-task1/train")),
        &training::ArticleHyperparameters::default(),
        Some((&encoder, &data.join("claimbuster/dev.csv"))),
    )
    .unwrap();
    let retrained = trained.file.to_json().unwrap();
    let committed = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/src/model/checkworthiness.json"),
    )
    .unwrap();
    assert!(
        retrained == committed,
        "the committed model differs from a retrained one: run `claimdesk-lab train`"
    );
}
