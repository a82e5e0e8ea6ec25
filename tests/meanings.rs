//! Claims' meanings in the store: stored with each claim at import, followed after an edit,
//! and used to link rewordings that share few words, never two claims whose figures differ.
//! The encoder here is a table of vectors we choose, so each test states the cosine it needs;
//! the real model's behaviour is measured by `claimdesk-lab eval` on our labelled pairs.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use claimdesk::{Desk, Error, Result};
use claimdesk_engine::ClaimKind;
use claimdesk_lab::synthetic::one_claim_article;
use claimdesk_store::embedding::SentenceEmbedder;
use claimdesk_store::repeats::SAME_MEANING;

use common::Sandbox;

/// An encoder that gives the vectors it was told to, and a unit vector of its own (orthogonal
/// to the others) for any other text; it can be made to fail.
#[derive(Debug, Default)]
struct TableEncoder {
    table: HashMap<String, Vec<f32>>,
    calls: Mutex<Vec<String>>,
    failing: bool,
}

const DIMENSIONS: usize = 64;

/// Two unit vectors whose cosine is `cosine`.
fn pair_with_cosine(cosine: f32) -> (Vec<f32>, Vec<f32>) {
    let mut a = vec![0.0; DIMENSIONS];
    let mut b = vec![0.0; DIMENSIONS];
    a[0] = 1.0;
    b[0] = cosine;
    b[1] = (1.0 - cosine * cosine).sqrt();
    (a, b)
}

impl TableEncoder {
    fn with(pairs: &[(&str, Vec<f32>)]) -> TableEncoder {
        TableEncoder {
            table: pairs
                .iter()
                .map(|(text, v)| (text.to_string(), v.clone()))
                .collect(),
            ..TableEncoder::default()
        }
    }
}

impl SentenceEmbedder for TableEncoder {
    fn model_id(&self) -> Result<String> {
        Ok("table".to_string())
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        if self.failing {
            return Err(Error::not_found("the model is missing"));
        }
        let mut calls = self.calls.lock().unwrap();
        Ok(texts
            .iter()
            .map(|text| {
                calls.push(text.to_string());
                self.table.get(*text).cloned().unwrap_or_else(|| {
                    // Orthogonal to the table's vectors (which use the first two components).
                    let mut v = vec![0.0; DIMENSIONS];
                    v[2 + calls.len() % (DIMENSIONS - 2)] = 1.0;
                    v
                })
            })
            .collect())
    }
}

/// Store `text` as a one-claim article; returns the claim's id and the import's warnings.
fn store(desk: &Desk, text: &str, number: u32) -> (i64, Vec<String>) {
    let (article, claim) = one_claim_article(
        text,
        format!("Article {number}"),
        NaiveDate::from_ymd_opt(2025, 3, number),
        ClaimKind::Quantity,
    );
    let result = desk
        .store_article(&article, vec![claim], Vec::new(), &[])
        .unwrap();
    let id = desk.article(result.article.id).unwrap().claims[0].id;
    (id, result.warnings)
}

fn repeats_of(desk: &Desk, id: i64) -> Vec<i64> {
    desk.claim(id)
        .unwrap()
        .repeats
        .iter()
        .map(|r| r.claim.id)
        .collect()
}

const TRUCKS: &str = "Truck traffic on Mill Road rose 18 percent last year.";
const LORRIES: &str = "Last year lorries crossing Mill Road increased by 18 percent.";

#[test]
fn a_rewording_with_few_shared_words_is_linked_by_meaning_alone() {
    let (a, b) = pair_with_cosine(SAME_MEANING + 0.02);
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    desk.use_embedder(Arc::new(TableEncoder::with(&[(TRUCKS, a), (LORRIES, b)])));
    let (first, _) = store(&desk, TRUCKS, 1);
    let (second, warnings) = store(&desk, LORRIES, 2);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(repeats_of(&desk, second), [first]);
    let similarity = desk.claim(second).unwrap().repeats[0].similarity;
    assert!(
        (similarity - f64::from(SAME_MEANING + 0.02)).abs() < 0.01,
        "{similarity}"
    );

    // By words alone the two are different claims.
    let words = Sandbox::new();
    let desk = Desk::open(&words.db()).unwrap();
    store(&desk, TRUCKS, 1);
    let (second, _) = store(&desk, LORRIES, 2);
    assert!(repeats_of(&desk, second).is_empty());
}

#[test]
fn below_the_threshold_two_claims_stay_apart() {
    let (a, b) = pair_with_cosine(SAME_MEANING - 0.03);
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    desk.use_embedder(Arc::new(TableEncoder::with(&[(TRUCKS, a), (LORRIES, b)])));
    store(&desk, TRUCKS, 1);
    let (second, _) = store(&desk, LORRIES, 2);
    assert!(repeats_of(&desk, second).is_empty());
}

#[test]
fn claims_that_mean_alike_but_state_other_figures_are_not_linked() {
    let other = "Truck traffic on Mill Road rose 8 percent last year.";
    let (a, _) = pair_with_cosine(1.0);
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    desk.use_embedder(Arc::new(TableEncoder::with(&[
        (TRUCKS, a.clone()),
        (other, a),
    ])));
    store(&desk, TRUCKS, 1);
    let (second, _) = store(&desk, other, 2);
    assert!(repeats_of(&desk, second).is_empty());
}

#[test]
fn an_edited_claim_gets_its_new_meaning_and_its_links_follow() {
    let (a, b) = pair_with_cosine(0.99);
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let encoder = Arc::new(TableEncoder::with(&[
        (TRUCKS, a),
        (
            "Last year lorries crossing Mill Road increased by 18 percent",
            b,
        ),
    ]));
    desk.use_embedder(encoder.clone());
    let (first, _) = store(&desk, TRUCKS, 1);
    let (second, _) = store(&desk, &format!("{LORRIES} Officials disagree."), 2);
    assert!(repeats_of(&desk, second).is_empty());
    // Narrow the second claim to the rewording (without its final full stop).
    let end = LORRIES.chars().count() - 1;
    desk.edit_claim_span(second, 0, end, Some("Jo")).unwrap();
    assert!(
        encoder
            .calls
            .lock()
            .unwrap()
            .iter()
            .any(|t| t == "Last year lorries crossing Mill Road increased by 18 percent"),
        "the edited claim was embedded again"
    );
    assert_eq!(repeats_of(&desk, second), [first]);
    // Undo brings the old words back, and with them the old meaning: no link.
    desk.undo(Some("Jo")).unwrap();
    assert!(repeats_of(&desk, second).is_empty());
}

#[test]
fn an_encoder_that_fails_never_fails_the_import() {
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    desk.use_embedder(Arc::new(TableEncoder {
        failing: true,
        ..TableEncoder::default()
    }));
    let (id, warnings) = store(&desk, TRUCKS, 1);
    assert!(desk.claim(id).is_ok());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("the model is missing"), "{warnings:?}");
    assert_eq!(desk.claim_vector(id, "table").unwrap(), None);
}

#[test]
fn meaning_of_a_claim_without_one_computes_and_keeps_it() {
    let sandbox = Sandbox::new();
    let desk = Desk::open(&sandbox.db()).unwrap();
    let (id, _) = store(&desk, TRUCKS, 1);
    let (a, _) = pair_with_cosine(1.0);
    let encoder = Arc::new(TableEncoder::with(&[(TRUCKS, a.clone())]));
    desk.use_embedder(encoder.clone());
    assert_eq!(desk.meaning_of(id).unwrap(), Some(a.clone()));
    assert_eq!(desk.meaning_of(id).unwrap(), Some(a));
    assert_eq!(
        encoder.calls.lock().unwrap().len(),
        1,
        "the second time it is stored"
    );
}
