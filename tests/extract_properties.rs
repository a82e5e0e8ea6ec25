//! Properties `extract` keeps on any input: no panic, offsets inside the text, each claim's
//! text equal to the characters its offsets name, each claim inside its sentence. And the bad
//! inputs an editor can paste: empty, blank, one huge "sentence", deeply nested quotes.

use claimdesk_engine::{ExtractOptions, Extraction, extract};
use proptest::prelude::*;

fn assert_invariants(text: &str, found: &Extraction) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize| -> String { chars[start..end].iter().collect() };
    for sentence in &found.sentences {
        assert!(sentence.start < sentence.end && sentence.end <= chars.len());
        assert_eq!(slice(sentence.start, sentence.end), sentence.text);
    }
    for claim in &found.claims {
        assert!(claim.start < claim.end, "empty claim {claim:?}");
        assert!(claim.end <= chars.len());
        assert_eq!(slice(claim.start, claim.end), claim.text);
        assert!(claim.sentence_start <= claim.start && claim.end <= claim.sentence_end);
        assert!((0.0..=1.0).contains(&claim.score));
        for date in &claim.dates {
            assert!(claim.start <= date.start && date.end <= claim.end);
            assert_eq!(slice(date.start, date.end), date.text);
        }
    }
}

/// Text built from the pieces that exercise the engine's rules, in any order.
fn newsy_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "U.S.",
        "Mr.",
        "Nov. 7, 2017",
        "said",
        "Wednesday",
        "\u{201c}",
        "\u{201d}",
        "\"",
        "'",
        "(",
        ")",
        ".",
        "!",
        "?",
        "\u{2026}",
        "...",
        ",",
        ";",
        ", with",
        ", and",
        ", but",
        "according to",
        "\n",
        "\n\n",
        "HOLT:",
        "\u{2022} Star",
        "Source \u{2013}",
        "(AP Photo/Jo Park)",
        "MOSCOW (AP) \u{2014}",
        "in July",
        "last year",
        "3.5%",
        "$2.50",
        "\u{200b}",
        "caf\u{e9}",
        "\u{1f600}",
        "\t",
        "\r\n",
        "e.g.",
        "1.",
        "He",
    ];
    let piece = prop_oneof![
        prop::sample::select(PIECES).prop_map(str::to_string),
        "[A-Za-z]{1,8}",
        "[0-9]{1,4}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn extract_keeps_its_invariants_on_newsy_text(text in newsy_text()) {
        let found = extract(&text, &ExtractOptions {
            published: chrono::NaiveDate::from_ymd_opt(2017, 11, 8),
        });
        assert_invariants(&text, &found);
    }

    #[test]
    fn extract_keeps_its_invariants_on_any_text(text in "\\PC{0,400}") {
        let found = extract(&text, &ExtractOptions::default());
        assert_invariants(&text, &found);
    }
}

#[test]
fn empty_and_blank_input_give_no_claims() {
    for text in ["", " ", "\n\n\n", "\t \r\n \u{200b}"] {
        let found = extract(text, &ExtractOptions::default());
        assert!(found.claims.is_empty(), "{text:?}");
    }
}

#[test]
fn a_one_megabyte_sentence_is_handled_in_pieces() {
    let text = "the committee reviewed the figures again and ".repeat(23_000);
    assert!(text.len() > 1_000_000);
    let found = extract(&text, &ExtractOptions::default());
    assert_invariants(&text, &found);
    assert!(
        found.sentences.len() > 1,
        "a runaway sentence is cut into readable pieces"
    );
}

#[test]
fn deeply_nested_quotes_do_not_trouble_the_engine() {
    let open = "\u{201c}He said \u{2018}she said ".repeat(2_000);
    let close = "\u{2019}\u{201d}".repeat(2_000);
    let text = format!("{open}the vote was rigged.{close} Officials said.");
    let found = extract(&text, &ExtractOptions::default());
    assert_invariants(&text, &found);
}

#[test]
fn a_long_text_of_short_sentences_is_handled() {
    let text = "A. B. C. Mr. D. U.S. e.g. 1. \u{2022} x\n".repeat(20_000);
    let found = extract(&text, &ExtractOptions::default());
    assert_invariants(&text, &found);
}
