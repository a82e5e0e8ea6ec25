//! Attribution: who makes a claim.
//!
//! News attributes claims in a handful of fixed frames, and this module recognises them on the
//! sentence's words: a transcript speaker label (`HOLT:`), a leading frame ("Ushakov said the
//! leader will…", "He said…"), a trailing one ("…, Peskov said."), a quote with its speaker
//! after or before it, "according to X", and a participle after the speaker's own clause
//! ("Lavrov struck a note, saying…"). A pronoun resolves to the person last named as a speaker.
//! Anything else is the outlet's own assertion and has no speaker.

mod frames;
mod labels;
mod names;
mod phrase;
#[cfg(test)]
mod tests;

use frames::{frames, introduction_of_a_quote, unquote};
pub use labels::{SpeakerLabel, speaker_label, speaker_label_len};
use names::{
    is_honorific_word, is_listed_title_word, is_person, is_title_word, role_word, speaker_name,
};
use phrase::{Word, opens_a_described_speaker, words};

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::lexicon::function_words::is_discourse_word;
use crate::lexicon::function_words::opens_sentence_not_name;
use crate::lexicon::organisations::is_organisation_word;
use crate::lexicon::speakers::is_source_noun;

/// How a claim is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cue {
    /// No attribution: the outlet asserts it.
    Outlet,
    /// Reported speech: "X said (that) …", "…, X said", ", saying …".
    ReportedSpeech,
    /// A direct quotation with its speaker.
    Quotation,
    /// "according to X".
    AccordingTo,
    /// What a transcript speaker says in their turn.
    TranscriptTurn,
}

/// A part of a sentence that carries claims, with who makes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributed {
    /// Byte range within the sentence.
    pub range: Range<usize>,
    /// The speaker, resolved to a name where the text allows.
    pub speaker: Option<String>,
    /// The speaker's role, apart from the name ("President" for "PRESIDENT Donald Trump"), as
    /// the text last gave it.
    pub role: Option<String>,
    /// How the attribution is made.
    pub cue: Cue,
    /// Whether the part is a direct quotation.
    pub quoted: bool,
}

/// A part of a sentence before its speaker is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Frame {
    /// Byte range of what is claimed.
    range: Range<usize>,
    /// Byte range of who claims it, when the frame names someone.
    speaker: Option<Range<usize>>,
    /// How it is attributed.
    cue: Cue,
}

/// How many people named as speakers a pronoun may reach back over.
const RECENT_PEOPLE: usize = 6;

/// Resolves speakers across the sentences of one text: remembers the last person named as a
/// speaker (for "he said") and the full names seen (so a later "Ushakov" is "Yuri Ushakov").
#[derive(Debug, Default)]
pub struct Attributor {
    /// The people last named as speakers, most recent last (a few: a pronoun stands for
    /// someone named shortly before).
    recent_people: Vec<String>,
    /// Whether each person has been referred to as "she" (true) or "he" (false), so that a
    /// "she says" after two men have spoken goes back to the woman who spoke before them.
    pronouns: HashMap<String, bool>,
    last_speaker: Option<String>,
    previous_was_attributed_quote: bool,
    /// Every full name seen, for "have we seen it" in constant time: a long transcript names
    /// hundreds of people and places, and a list scanned per sentence made the engine slow.
    full_names: HashSet<String>,
    /// The latest full name seen (by first mention) for each last word: "Ushakov" → "Yuri
    /// Ushakov".
    by_last_word: HashMap<String, String>,
    /// The words of a candidate name being joined, kept to save an allocation per sentence.
    name_buffer: String,
    /// Each speaker's role as the text last gave it ("Donald Trump" → "President").
    roles: HashMap<String, String>,
    /// Organisations named in full as speakers, by their initials ("WHO" → "World Health
    /// Organization"), so a later "the WHO says" is the same speaker.
    by_initials: HashMap<String, String>,
}

impl Attributor {
    /// A resolver with no history.
    pub fn new() -> Self {
        Attributor::default()
    }

    /// The full name of a person known by `name` alone ("Ushakov" → "Yuri Ushakov"), from
    /// the names seen so far; `name` itself when none fits.
    pub fn full_name<'a>(&'a self, name: &'a str) -> &'a str {
        if name.contains(' ') {
            return name;
        }
        self.by_last_word.get(name).map_or(name, String::as_str)
    }

    /// Remember a full name (two or more words), unless it is known already.
    fn remember_full_name(&mut self, name: &str) {
        if self.full_names.contains(name) {
            return;
        }
        if let Some((_, last_word)) = name.rsplit_once(' ') {
            self.by_last_word
                .insert(last_word.to_string(), name.to_string());
        }
        self.full_names.insert(name.to_string());
    }

    /// Remember the personal names a sentence mentions ("Riders' Union chair Peter Salo"), so
    /// a later "Salo said" resolves to the full name. A name is a run of two or three
    /// capitalised words that are neither titles nor organisation words, not opening the
    /// sentence (where any word is capitalised).
    fn learn_names(&mut self, words: &[Word<'_>]) {
        // The run of capitalised words ending at the current word: `run_len` words from
        // `run_start` (consecutive, since any other word ends the run).
        let mut run_start = 0;
        let mut run_len = 0;
        for (i, word) in words.iter().enumerate() {
            let opens_sentence = i == 0 && opens_sentence_not_name(word.bare);
            let capitalised = !opens_sentence
                && word.bare.len() >= 2
                && !word.raw.starts_with('(')
                && word.bare.starts_with(char::is_uppercase)
                && word
                    .bare
                    .chars()
                    .skip(1)
                    .all(|c| c.is_lowercase() || c == '-')
                && !is_listed_title_word(word.bare)
                && !is_organisation_word(word.bare);
            if capitalised {
                if run_len == 0 {
                    run_start = i;
                }
                run_len += 1;
            }
            let last = i + 1 == words.len();
            let breaks = || {
                word.raw.ends_with([',', '.', ';', ':', '\'', '’'])
                    || word.raw.ends_with("'s")
                    || word.raw.ends_with("’s")
            };
            if !capitalised || last || breaks() {
                if (2..=3).contains(&run_len) {
                    let mut name = std::mem::take(&mut self.name_buffer);
                    name.clear();
                    for (n, w) in words[run_start..run_start + run_len].iter().enumerate() {
                        if n > 0 {
                            name.push(' ');
                        }
                        name.push_str(w.bare);
                    }
                    // "President Donald Trump visited": the role a later "Trump said" keeps.
                    let titles = words[..run_start]
                        .iter()
                        .rev()
                        .take_while(|w| is_listed_title_word(w.bare) && !is_honorific_word(w.bare))
                        .count();
                    if titles > 0 {
                        let role: Vec<String> = words[run_start - titles..run_start]
                            .iter()
                            .map(|w| role_word(w.bare))
                            .collect();
                        self.roles.insert(name.clone(), role.join(" "));
                    }
                    self.remember_full_name(&name);
                    self.name_buffer = name;
                }
                run_len = 0;
            }
        }
    }

    /// Split `sentence` into attributed parts. `turn` is the transcript speaker whose turn the
    /// sentence is in, if the text is a transcript.
    pub fn attribute(&mut self, sentence: &str, turn: Option<&str>) -> Vec<Attributed> {
        let words = words(sentence);
        self.learn_names(&words);
        if let Some(phrase) = introduction_of_a_quote(&words) {
            // "…, the World Health Organization states:" and the quotation on the next line:
            // the sentence claims nothing, and the quotation is the speaker's.
            if let Some(name) = self.resolve(&sentence[phrase], turn) {
                self.last_speaker = Some(name);
                self.previous_was_attributed_quote = true;
                return Vec::new();
            }
        }
        let frames = frames(sentence, &words);
        let starts_quoted = sentence.starts_with(['“', '"', '‘']);
        let mut out = Vec::with_capacity(frames.len());
        let mut any_attributed = false;
        for frame in frames {
            let (range, quoted) = unquote(sentence, frame.range.clone());
            if range.is_empty() {
                continue;
            }
            let speaker = frame
                .speaker
                .as_ref()
                .and_then(|phrase| self.resolve(&sentence[phrase.clone()], turn));
            let (speaker, cue) = match (speaker, frame.cue) {
                (Some(name), cue) => {
                    any_attributed = true;
                    (Some(name), if quoted { Cue::Quotation } else { cue })
                }
                (None, Cue::Outlet) if starts_quoted && self.previous_was_attributed_quote => {
                    // A quotation running on from the previous sentence's speaker.
                    (self.last_speaker.clone(), Cue::Quotation)
                }
                // In a transcript, what no one else is named for is the turn's speaker's:
                // "Well, they said…" is the debater's claim about them.
                (None, _) if turn.is_some() => (turn.map(str::to_string), Cue::TranscriptTurn),
                (None, _) => (None, Cue::Outlet),
            };
            out.push(Attributed {
                range,
                role: speaker
                    .as_ref()
                    .and_then(|name| self.roles.get(name).cloned()),
                speaker,
                cue,
                quoted,
            });
        }
        self.previous_was_attributed_quote = any_attributed && sentence.contains(['”', '"'])
            || (starts_quoted
                && self.previous_was_attributed_quote
                && !sentence.trim_end().ends_with(['”', '"']));
        out
    }

    /// Resolve a speaker phrase as written to a name, and remember it.
    fn resolve(&mut self, phrase: &str, turn: Option<&str>) -> Option<String> {
        let phrase = phrase
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '.'))
            .trim_start_matches(['“', '"', '‘']);
        // A phrase that opens with a pronoun stands for it: "I'd like to say", "He'd just
        // said", "It's easy to say" ("Senator, you" opens with the name, which is resolved).
        // "Truth: The WHO says…": a label before the speaker is not part of the name.
        let phrase = phrase.rsplit_once(": ").map_or(phrase, |(_, after)| after);
        // "The U.S. Department of Agriculture (USDA)": the name without its abbreviation.
        let phrase = match phrase.rfind(" (") {
            Some(at) if at > 0 => phrase[..at].trim_end(),
            _ => phrase,
        };
        let pronoun = phrase.split([' ', '\'', '’']).next().unwrap_or(phrase);
        let is = |word: &str| pronoun.eq_ignore_ascii_case(word);
        if is("he") || is("she") {
            let she = is("she");
            let person = self
                .recent_people
                .iter()
                .rev()
                .find(|p| {
                    self.pronouns
                        .get(p.as_str())
                        .is_none_or(|&known| known == she)
                })?
                .clone();
            self.pronouns.insert(person.clone(), she);
            return Some(person);
        }
        if is("i") || is("we") {
            return turn.map(str::to_string);
        }
        if is("they") || is("it") || is("you") || phrase.is_empty() {
            return None;
        }
        let named = speaker_name(phrase)?;
        let name = self.full_name(&named.name).to_string();
        let name = self.by_initials.get(&name).cloned().unwrap_or(name);
        if !could_be_a_speaker(&name) {
            return None;
        }
        if let Some(role) = named.role {
            self.roles.insert(name.clone(), role);
        }
        if !named.described && !is_person(&name) && name.contains(' ') {
            let initials: String = name
                .split(' ')
                .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
                .collect();
            if initials.len() >= 2 {
                self.by_initials
                    .entry(initials)
                    .or_insert_with(|| name.clone());
            }
        }
        if is_person(&name) {
            self.recent_people.retain(|p| *p != name);
            if self.recent_people.len() == RECENT_PEOPLE {
                self.recent_people.remove(0);
            }
            self.recent_people.push(name.clone());
            if name.contains(' ') {
                self.remember_full_name(&name);
            }
        }
        self.last_speaker = Some(name.clone());
        Some(name)
    }
}

/// Whether a resolved speaker name can be someone: not a discourse word a speaker opens with
/// ("Well", "Fourth", "Otherwise"), not a title alone ("Senator," addressing someone), not a
/// phrase holding "I" ("What I said was…") or a label's colon, and with a letter in it.
fn could_be_a_speaker(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let single = words.next().is_none();
    let discourse = is_discourse_word(first.trim_end_matches([',', '.']))
        || first.ends_with("ly") && first.starts_with(char::is_uppercase);
    // "COVID-19", "LLY) today", "TUCSON - A News 4 Tucson viewer": a name has no number of
    // its own, brackets or dashes between words ("VitaminC4Covid" is a name).
    let a_number = |word: &str| {
        word.starts_with(|c: char| c.is_ascii_digit())
            || word
                .rsplit_once('-')
                .is_some_and(|(_, tail)| tail.starts_with(|c: char| c.is_ascii_digit()))
    };
    name.chars().any(char::is_alphabetic)
        && !name.contains([':', ';', '(', ')'])
        && !name.split_whitespace().any(a_number)
        && !name.contains(" - ")
        && !name
            .split_whitespace()
            .any(|w| matches!(w, "I" | "I'm" | "I've" | "I'd" | "I'll"))
        && (!first.starts_with(char::is_lowercase)
            || opens_a_described_speaker(first)
            || name.split_whitespace().last().is_some_and(is_source_noun))
        && !discourse
        && !(single && is_title_word(first))
}
