//! Names in speaker phrases: the proper name without its titles, and whether it names a person
//! (a later "he" can stand for) or an organisation.

use crate::lexicon::names::is_name_particle;
use crate::lexicon::organisations::is_organisation_word;
use crate::lexicon::speakers::{is_group_that_speaks, is_person_or_body};
use crate::lexicon::titles::{is_honorific, is_title_listed};

/// Title and role words that precede a name ("Russian Foreign Minister Sergey Lavrov"), also
/// in capitals ("PRESIDENT Donald Trump") and joined by a hyphen ("Director-General").
pub(super) fn is_title_word(word: &str) -> bool {
    is_listed_title_word(word) || is_nationality_form(word.trim_end_matches('.'))
}

/// Whether a word has the form of a nationality ("Russian", "Swedish", "Chinese"), which is
/// also the form of some first names ("Kristian", "Brian"): a role only beside a listed title.
fn is_nationality_form(word: &str) -> bool {
    word.len() > 4 && (word.ends_with("ian") || word.ends_with("ese") || word.ends_with("ish"))
}

/// Whether a word is a form of address ("Mr.", "Dr"), which is no role.
pub(super) fn is_honorific_word(word: &str) -> bool {
    is_honorific(word.trim_end_matches('.'))
}

/// [`is_title_word`] without the nationality forms: the listed titles only.
pub(super) fn is_listed_title_word(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    let listed = |w: &str| is_title_listed(w);
    if listed(bare) {
        return true;
    }
    if bare.len() > 3 && bare.chars().all(|c| c.is_ascii_uppercase()) {
        return listed(&title_case(bare));
    }
    bare.contains('-') && bare.split('-').all(|part| !part.is_empty() && listed(part))
}

/// "PRESIDENT" → "President"; other words as they are.
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// A title word as a role: "PRESIDENT" → "President", "Gov." → "Gov".
pub(super) fn role_word(word: &str) -> String {
    let word = word.trim_end_matches('.');
    if word.len() > 3 && word.chars().all(|c| c.is_ascii_uppercase()) {
        title_case(word)
    } else {
        word.to_string()
    }
}

/// A speaker as a phrase names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NamedSpeaker {
    /// The name without titles ("Donald Trump"), or the description ("the ministry").
    pub name: String,
    /// The role the phrase gives them, apart from the name ("President", "Foreign
    /// Minister"); forms of address ("Mr.") are none.
    pub role: Option<String>,
    /// Whether the phrase describes the speaker rather than naming them.
    pub described: bool,
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
/// its titles (which become the role) and without a possessive ("Trump's"); else the phrase
/// as a description of a person or body ("the president-elect", "officials"). A phrase that
/// is neither (a record such as "the paper", a fragment such as "Among several other
/// questionable") names no speaker.
pub(super) fn speaker_name(phrase: &str) -> Option<NamedSpeaker> {
    let phrase = phrase
        .trim_end()
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches(['\'', '’']);
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
        let mut titles = run.iter().take_while(|t| is_title_word(t)).count();
        if !run[..titles].iter().any(|t| is_listed_title_word(t)) {
            // "Kristian Andersen": a first name of a nationality's form, no title.
            titles = 0;
        }
        let (title_tokens, name_tokens) = if titles == run.len() {
            (&run[..0], run)
        } else {
            run.split_at(titles)
        };
        // "The World Health Organization" is the World Health Organization.
        let name_tokens = match name_tokens {
            [first, rest @ ..] if !rest.is_empty() && matches!(*first, "The" | "THE") => rest,
            all => all,
        };
        let name = name_tokens
            .join(" ")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .to_string();
        if !name.is_empty() && (run_len == tokens.len() || parts.len() == 1) {
            let role: Vec<String> = title_tokens
                .iter()
                .map(|t| t.trim_end_matches('.'))
                .filter(|t| !is_honorific(t))
                .map(role_word)
                .collect();
            return Some(NamedSpeaker {
                name,
                role: (!role.is_empty()).then(|| role.join(" ")),
                described: false,
            });
        }
    }
    let description = parts
        .last()?
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    let description = description.trim_end_matches(|c: char| !c.is_alphanumeric());
    let head = description.rsplit(' ').next().unwrap_or(description);
    let lower = head.to_lowercase();
    // "the Ministry" is a body; "One Facebook post" is a record, whatever a capital "Post" is.
    let person_or_body =
        is_person_or_body(&lower) || is_group_that_speaks(&lower) || is_organisation_word(head);
    (!description.is_empty() && person_or_body).then(|| NamedSpeaker {
        name: description.to_string(),
        role: None,
        described: true,
    })
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
