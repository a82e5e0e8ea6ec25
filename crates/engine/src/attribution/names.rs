//! Names in speaker phrases: the proper name without its titles, and whether it names a person
//! (a later "he" can stand for) or an organisation.

use crate::lexicon::names::is_name_particle;
use crate::lexicon::organisations::is_organisation_word;
use crate::lexicon::titles::is_title_listed;

/// Title and role words that precede a name ("Russian Foreign Minister Sergey Lavrov").
pub(super) fn is_title_word(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    is_title_listed(bare)
        || (bare.len() > 4
            && (bare.ends_with("ian") || bare.ends_with("ese") || bare.ends_with("ish")))
}
pub(super) fn is_person(name: &str) -> bool {
    // Every word capitalised (or a particle): "I both -- I heard you both" or "The American
    // people" is no one a later "he" can stand for.
    name.split(' ').all(|w| {
        !is_organisation_word(w) && (w.starts_with(char::is_uppercase) || is_name_particle(w))
    }) && !matches!(name, "I" | "We" | "They" | "It" | "You")
        && name.starts_with(char::is_uppercase)
        && !name
            .split(' ')
            .any(|w| w.chars().all(|c| c.is_uppercase()) && w.len() > 1)
}
/// The name in a speaker phrase: the last comma-separated part that is a proper name, without
/// its titles; else the phrase as a description ("the president-elect", "officials").
pub(super) fn speaker_name(phrase: &str) -> Option<String> {
    let parts: Vec<&str> = phrase
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    for part in parts.iter().rev() {
        let tokens: Vec<&str> = part.split_whitespace().collect();
        // The run of capitalised words ending the part, up to a possessive or a lower-case word.
        let run_len = name_run_len(&tokens);
        if run_len == 0 {
            continue;
        }
        let run = &tokens[tokens.len() - run_len..];
        let without_titles: Vec<&str> = run
            .iter()
            .skip_while(|t| is_title_word(t))
            .copied()
            .collect();
        let name_tokens = if without_titles.is_empty() {
            run.to_vec()
        } else {
            without_titles
        };
        let name = name_tokens
            .join(" ")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .to_string();
        if !name.is_empty() && (run_len == tokens.len() || parts.len() == 1) {
            return Some(name);
        }
    }
    let description = parts
        .last()?
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    let description = description.trim_end_matches(|c: char| !c.is_alphanumeric());
    (!description.is_empty()).then(|| description.to_string())
}
/// How many tokens at the end of `tokens` form a proper name: capitalised words (and name
/// particles), joined by "and", "of", "for" or "&" inside an organisation's name ("Centers for
/// Disease Control and Prevention", "Food and Drug Administration"), up to a possessive or
/// another lower-case word.
pub(super) fn name_run_len(tokens: &[&str]) -> usize {
    let bare = |t: &str| -> String {
        t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .to_string()
    };
    let name_word = |t: &str| {
        let b = bare(t);
        (b.starts_with(char::is_uppercase) || is_name_particle(b.as_str()))
            && !t.ends_with("'s")
            && !t.ends_with("’s")
    };
    let plain = tokens.iter().rev().take_while(|t| name_word(t)).count();
    // The longest run over connectors that each stand between capitalised words; it is the
    // name only if it names an organisation ("Trump and Putin" are two names).
    let mut joined = plain;
    while joined > 0 && joined < tokens.len() {
        let at = tokens.len() - joined - 1;
        let connector = matches!(tokens[at], "and" | "of" | "for" | "&");
        if !connector || at == 0 || !name_word(tokens[at - 1]) {
            break;
        }
        let before = tokens[..at]
            .iter()
            .rev()
            .take_while(|t| name_word(t))
            .count();
        joined += 1 + before;
    }
    let run = &tokens[tokens.len() - joined..];
    if joined > plain && run.iter().any(|t| is_organisation_word(&bare(t))) {
        joined
    } else {
        plain
    }
}
