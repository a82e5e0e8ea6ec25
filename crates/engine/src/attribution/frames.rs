//! The frames news attributes claims in: a leading frame ("Ushakov said the leader will…"), a
//! trailing one ("…, Peskov said."), a quotation with its speaker, "according to X", a participle
//! after the speaker's own clause, and a coordinated verb of saying.

use std::ops::Range;

use crate::lexicon::function_words::is_opener;
use crate::lexicon::speech::{
    is_adverbial_word, is_bridge_word_listed, is_claim_noun, is_claim_noun_verb,
    is_speech_participle, is_speech_verb, is_verb_companion,
};

use super::phrase::{
    MAX_SPEAKER_PHRASE_WORDS, Word, closes_clause, ends_with_comma, is_named_subject,
    is_past_tense, is_role_and_name, opening_adverbial_len, plausible_speaker, speaker_core,
};
use super::{Cue, Frame};

/// Find the attribution frames of a sentence. Always returns at least one frame covering the
/// claim-bearing text.
pub(super) fn frames(sentence: &str, words: &[Word<'_>]) -> Vec<Frame> {
    let whole = || {
        vec![Frame {
            range: 0..sentence.len(),
            speaker: None,
            cue: Cue::Outlet,
        }]
    };
    if words.len() < 3 {
        return whole();
    }
    if let Some(found) = according_to(sentence, words) {
        return found;
    }
    // Whether a quotation is open before word `scanned`, worked out only as far as a verb of
    // saying needs it.
    let mut inside_quote = false;
    let mut scanned = 0;
    for (k, word) in words.iter().enumerate() {
        let promotes_a_claim = claim_noun_content(words, k).is_some();
        // "reported by 4% of subjects" is passive: no one reports anything; "advised against
        // it" says what not to do, not what is so; "asked for a lower rate" is a request, whose
        // claim is that it was made.
        let next = words.get(k + 1).map(|w| w.bare);
        let passive = matches!(next, Some("by" | "against"))
            || matches!(next, Some("for")) && matches!(word.bare, "asked" | "asks" | "asking");
        if !is_speech_verb(word.bare) && !promotes_a_claim || passive {
            continue;
        }
        for before in &words[scanned..k] {
            inside_quote = quotation_open_after(before.raw, inside_quote);
        }
        scanned = k;
        // "“…where extraordinary claims require…,” Lau told…": a verb inside the quotation
        // is part of what is said, not who says it.
        if inside_quote {
            continue;
        }
        if !promotes_a_claim && let Some(found) = trailing_frame(sentence, words, k) {
            return found;
        }
        if let Some(found) = leading_frame(sentence, words, k) {
            return found;
        }
    }
    if let Some(found) = participle_frame(sentence, words, None) {
        return found;
    }
    whole()
}
/// "In answer, the World Health Organization states:" — a sentence that ends by introducing
/// a quotation on the next line: the speaker phrase's range, when there is a plausible one.
pub(super) fn introduction_of_a_quote(words: &[Word<'_>]) -> Option<Range<usize>> {
    let (last, before) = words.split_last()?;
    if !last.raw.ends_with(':') || !is_speech_verb(last.bare) {
        return None;
    }
    let mut first = 0;
    while first < before.len() && is_opener(before[first].bare) {
        first += 1;
    }
    let phrase: Vec<Word<'_>> = speaker_core(&before[first..])
        .iter()
        .filter(|w| !is_verb_companion(w.bare))
        .cloned()
        .collect();
    let (head, tail) = (phrase.first()?, phrase.last()?);
    plausible_speaker(&phrase).then_some(head.range.start..tail.range.end)
}
/// Whether a quotation is open after `word`, given whether it was open before. A straight
/// quote opens at the start of a word and closes elsewhere: a sentence may start inside a
/// quotation opened in the one before.
pub(super) fn quotation_open_after(word: &str, open: bool) -> bool {
    // Curly quotes are E2 80 9C and E2 80 9D in UTF-8; most words hold neither those nor '"'.
    if !word.bytes().any(|b| b == b'"' || b == 0xE2) {
        return open;
    }
    word.char_indices().fold(open, |inside, (at, c)| match c {
        '“' => true,
        '”' => false,
        '"' => at == 0,
        _ => inside,
    })
}
/// "According to X, …" and "…, according to X."
pub(super) fn according_to(sentence: &str, words: &[Word<'_>]) -> Option<Vec<Frame>> {
    let i = words
        .windows(2)
        .position(|pair| pair[0].bare.eq_ignore_ascii_case("according") && pair[1].bare == "to")?;
    let phrase_start = words.get(i + 2)?.range.start;
    if i == 0 {
        let comma = words[i + 2..].iter().position(ends_with_comma)? + i + 2;
        let content = words.get(comma + 1)?.range.start..sentence.len();
        return Some(vec![Frame {
            range: content,
            speaker: Some(phrase_start..words[comma].range.end),
            cue: Cue::AccordingTo,
        }]);
    }
    let phrase_end = words[i + 2..]
        .iter()
        .find(|w| ends_with_comma(w))
        .map_or(sentence.len(), |w| w.range.end);
    Some(vec![Frame {
        range: 0..words[i].range.start,
        speaker: Some(phrase_start..phrase_end),
        cue: Cue::AccordingTo,
    }])
}
/// "…, Peskov said." / "“…,” Ushakov said, adding that …" / "…, said Peskov."
pub(super) fn trailing_frame(sentence: &str, words: &[Word<'_>], k: usize) -> Option<Vec<Frame>> {
    if k == 0 {
        return None;
    }
    // Inverted: ", said Peskov." Not ", told Science": after "told" comes who was told.
    if closes_clause(&words[k - 1]) && !matches!(words[k].bare, "told" | "tells") {
        let rest = &words[k + 1..];
        let phrase_len = rest
            .iter()
            .position(ends_with_comma)
            .map_or(rest.len(), |p| p + 1);
        let phrase = &rest[..phrase_len];
        let after_quote = words[k - 1].raw.trim_end_matches(',').ends_with(['”', '"']);
        // "“…,” wrote lead author Peter Horby, a professor…": a role before the name.
        if !phrase.is_empty()
            && phrase.len() <= 8
            && (plausible_speaker(phrase) || after_quote && is_role_and_name(phrase))
        {
            let speaker = phrase[0].range.start..phrase[phrase.len() - 1].range.end;
            return Some(vec![Frame {
                range: 0..words[k - 1].range.end,
                speaker: Some(speaker),
                cue: Cue::ReportedSpeech,
            }]);
        }
    }
    // Speaker before the verb: walk back to the clause end, over an appositive if need be.
    let mut j = k;
    let mut boundary = None;
    while j > 0 && k - j < MAX_SPEAKER_PHRASE_WORDS {
        j -= 1;
        if closes_clause(&words[j]) && j + 1 < k {
            let phrase = &words[j + 1..k];
            let inside_appositive =
                phrase.last().is_some_and(ends_with_comma) && !words[j].raw.ends_with(['”', '"']);
            let quote_close = words[j].raw.ends_with(['”', '"', '’']);
            if !inside_appositive || quote_close {
                boundary = Some(j);
                break;
            }
        }
    }
    let j = boundary?;
    let phrase: Vec<Word<'_>> = speaker_core(&words[j + 1..k])
        .iter()
        .filter(|w| !is_verb_companion(w.bare))
        .cloned()
        .collect();
    // After a closing quote, "parent Dana Okoro said" and "board chair Luis Ferreira wrote"
    // name the speaker by role and name, in lower case first.
    let after_quote = words[j].raw.ends_with(['”', '"']);
    // "On 12 March, he said in a tweet that…": what the verb introduces follows it, so the
    // words before the comma are no claim of theirs.
    let introduces_what_follows = !words[k].raw.ends_with(',')
        && words[k + 1..]
            .iter()
            .take_while(|w| !ends_with_comma(w))
            .take(8)
            .any(|w| w.raw == "that");
    // "A day later, he tweeted an article…": an opening adverbial is no claim either.
    let only_an_adverbial = opening_adverbial_len(words) == j + 1;
    if (introduces_what_follows || only_an_adverbial) && !after_quote {
        return None;
    }
    if !(plausible_speaker(&phrase) || after_quote && is_role_and_name(&phrase)) || j < 2 {
        return None;
    }
    let speaker = phrase[0].range.start..phrase[phrase.len() - 1].range.end;
    let mut found = vec![Frame {
        range: 0..words[j].range.end,
        speaker: Some(speaker.clone()),
        cue: Cue::ReportedSpeech,
    }];
    // What follows the verb: time and place adverbials, or more of what they said.
    if let Some(more) = participle_frame(sentence, words, Some(speaker)) {
        found.extend(
            more.into_iter()
                .filter(|f| f.range.start > words[k].range.end),
        );
    }
    Some(found)
}
/// Verbs that put a claim about by its noun: "promoted the idea that", "are spreading false
/// claims that", "raised the possibility that". Where what follows is such a noun and its
/// "that", the index of the first word after "that".
pub(super) fn claim_noun_content(words: &[Word<'_>], k: usize) -> Option<usize> {
    if !is_claim_noun_verb(words[k].bare) {
        return None;
    }
    let noun = (k + 1..words.len().min(k + 5)).find(|&i| is_claim_noun(words[i].bare))?;
    // The words between the verb and its noun only describe the noun ("the", "false",
    // "conspiracy"); a full stop or another verb means the noun is not its object.
    if words[k + 1..noun]
        .iter()
        .any(|w| w.raw.ends_with(['.', ',', ';']) || is_speech_verb(w.bare))
    {
        return None;
    }
    let that = (noun + 1..words.len().min(noun + 9))
        .take_while(|&i| !words[i - 1].raw.ends_with(['.', ';']))
        .find(|&i| words[i].raw == "that")?;
    Some(that + 1)
}
/// "Ushakov said the leader will…", "He said Putin discussed…", "Biden told CNN that…".
pub(super) fn leading_frame(sentence: &str, words: &[Word<'_>], k: usize) -> Option<Vec<Frame>> {
    let mut first = 0;
    while first < k && is_opener(words[first].bare) {
        first += 1;
    }
    let mut and_at = k;
    while and_at > first && is_verb_companion(words[and_at - 1].bare) {
        and_at -= 1;
    }
    if and_at > first + 1 && words[and_at - 1].bare == "and" {
        // "X did A and said B" with no one named as X ("I went there and said", "If they
        // look and say") stays one claim: a later verb would find a speaker inside it.
        return Some(
            coordinated_frame(sentence, words, first, and_at - 1, k).unwrap_or_else(|| {
                vec![Frame {
                    range: 0..sentence.len(),
                    speaker: None,
                    cue: Cue::Outlet,
                }]
            }),
        );
    }
    // The core is found before the verb's companions are dropped: "later" in "A day later,"
    // is part of the adverbial, "has later said" is the verb's.
    let mut phrase: Vec<Word<'_>> = speaker_core(&words[first..k])
        .iter()
        .filter(|w| !is_verb_companion(w.bare))
        .cloned()
        .collect();
    // "Posts are spreading the claim that…": the auxiliary is not part of who claims it.
    if words[k].bare.ends_with("ing")
        && phrase
            .last()
            .is_some_and(|w| matches!(w.bare, "is" | "are" | "was" | "were" | "been"))
    {
        phrase.pop();
    }
    if !plausible_speaker(&phrase) {
        return None;
    }
    let c = content_start(words, k)?;
    let speaker = phrase[0].range.start..phrase[phrase.len() - 1].range.end;
    Some(vec![Frame {
        range: words[c].range.start..sentence.len(),
        speaker: Some(speaker),
        cue: Cue::ReportedSpeech,
    }])
}
/// "Velasquez toured the school on Monday and said enrolment had fallen": the subject of the
/// first verb is the speaker of what follows "said", and what they did is the outlet's own
/// claim. `and_at` is the index of the "and" before the verb of saying at `k`.
pub(super) fn coordinated_frame(
    sentence: &str,
    words: &[Word<'_>],
    first: usize,
    and_at: usize,
    k: usize,
) -> Option<Vec<Frame>> {
    // The first clause's verb: a past tense ("toured", "met"); its subject is the speaker.
    let verb = (first + 1..and_at).find(|&v| is_past_tense(words[v].bare))?;
    // "Putin has blamed … and said": the auxiliary is not part of the subject.
    let mut subject_end = verb;
    while subject_end > first + 1 && is_verb_companion(words[subject_end - 1].bare) {
        subject_end -= 1;
    }
    let subject = &words[first..subject_end];
    if subject.len() > 6 || !is_named_subject(subject) || !plausible_speaker(subject) {
        return None;
    }
    let c = content_start(words, k)?;
    let did_end = words[and_at - 1].range.end;
    let did_end = did_end - usize::from(sentence[..did_end].ends_with(','));
    Some(vec![
        Frame {
            range: words[first].range.start..did_end,
            speaker: None,
            cue: Cue::Outlet,
        },
        Frame {
            range: words[c].range.start..sentence.len(),
            speaker: Some(subject[0].range.start..subject[subject.len() - 1].range.end),
            cue: Cue::ReportedSpeech,
        },
    ])
}
/// Where what was said starts after the verb of saying at `k`: past an addressee, a time or
/// "that". `None` when fewer than three words are left.
pub(super) fn content_start(words: &[Word<'_>], k: usize) -> Option<usize> {
    if let Some(c) = claim_noun_content(words, k) {
        return (words.len().saturating_sub(c) >= 3).then_some(c);
    }
    let mut c = k + 1;
    let colon = words[k].raw.ends_with(':');
    if !colon && matches!(words[k].bare, "told" | "tells") {
        c += addressee_len(&words[c..]);
    }
    if !colon {
        let limit = (k + 7).min(words.len());
        if let Some(that) = words[k + 1..limit].iter().position(|w| w.raw == "that") {
            let between = &words[k + 1..k + 1 + that];
            if between.iter().all(|w| is_bridge_word(w.bare)) {
                c = k + 2 + that;
            }
        } else {
            while c < words.len().saturating_sub(3) && is_adverbial_word(words[c].bare) {
                c += 1;
            }
        }
    }
    if words.len().saturating_sub(c) < 3 {
        return None;
    }
    Some(c)
}
/// How many words name who was told, after "told": "reporters", "CNN", "the Gazette", "Fox
/// News"; 0 when none does (then the next word is where "that" would be looked for).
pub(super) fn addressee_len(words: &[Word<'_>]) -> usize {
    let Some(first) = words.first() else {
        return 0;
    };
    if words.get(1).is_some_and(|w| w.raw == "that") {
        return 0;
    }
    let capitalised_run = |from: usize| {
        words[from..]
            .iter()
            .take(4)
            .take_while(|w| w.bare.starts_with(char::is_uppercase))
            .count()
    };
    match first.bare {
        "reporters" | "journalists" | "lawmakers" | "him" | "her" | "them" | "us" | "me"
        | "parents" | "residents" | "viewers" | "listeners" | "voters" => 1,
        "the" | "The" => match capitalised_run(1) {
            0 => 0,
            run => 1 + run,
        },
        _ => capitalised_run(0),
    }
}
/// Words that may stand between a verb of saying and its "that": addressees, times, places.
pub(super) fn is_bridge_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        || word.chars().all(|c| c.is_ascii_digit())
        || is_adverbial_word(word)
        || is_bridge_word_listed(word)
}
/// ", saying (that) …" after a clause whose subject (or `speaker`, if given) says it.
pub(super) fn participle_frame(
    sentence: &str,
    words: &[Word<'_>],
    speaker: Option<Range<usize>>,
) -> Option<Vec<Frame>> {
    let p = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, w)| is_speech_participle(w.bare) && ends_with_comma(&words[i - 1]))?
        .0;
    let limit = (p + 7).min(words.len());
    let mut c = p + 1;
    if let Some(that) = words[p + 1..limit].iter().position(|w| w.raw == "that") {
        if words[p + 1..p + 1 + that]
            .iter()
            .all(|w| is_bridge_word(w.bare))
        {
            c = p + 2 + that;
        }
    } else if words[p].bare == "telling" {
        return None;
    }
    if words.len().saturating_sub(c) < 3 {
        return None;
    }
    let content = words[c].range.start..sentence.len();
    match speaker {
        Some(speaker) => Some(vec![Frame {
            range: content,
            speaker: Some(speaker),
            cue: Cue::ReportedSpeech,
        }]),
        None => {
            // The subject of the main clause: its leading run of capitalised words, after an
            // opening adverbial ("After the jab, Biden thanked…, saying").
            let from = opening_adverbial_len(&words[..p]);
            let subject_len = words[from..p]
                .iter()
                .take_while(|w| w.bare.starts_with(char::is_uppercase) && !w.raw.ends_with(','))
                .count();
            if subject_len == 0 {
                return None;
            }
            let subject = words[from].range.start..words[from + subject_len - 1].range.end;
            Some(vec![
                Frame {
                    range: 0..words[p - 1].range.end,
                    speaker: None,
                    cue: Cue::Outlet,
                },
                Frame {
                    range: content,
                    speaker: Some(subject),
                    cue: Cue::ReportedSpeech,
                },
            ])
        }
    }
}
/// Trim a frame's text: surrounding white space, a trailing comma, and quotation marks that
/// enclose the whole of it (the claim is what was said, not the marks).
pub(super) fn unquote(sentence: &str, range: Range<usize>) -> (Range<usize>, bool) {
    let text = &sentence[range.clone()];
    let lead = text.len() - text.trim_start().len();
    let mut start = range.start + lead;
    let mut end = range.start + text.trim_end().len();
    let inner = &sentence[start..end];
    let opens = inner.starts_with(['“', '"', '‘']);
    let quote_count = inner.matches(['“', '"', '”']).count();
    let closes = inner
        .trim_end_matches([',', '.', '!', '?', '\u{200b}'])
        .ends_with(['”', '"', '’'])
        || inner.ends_with(['”', '"', '’']);
    let quoted = opens && closes && quote_count == 2;
    if quoted {
        start += inner.chars().next().map_or(0, char::len_utf8);
        let body = &sentence[start..end];
        let closing = body
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, '”' | '"' | '’'))
            .map_or(body.len(), |(at, _)| at);
        end = start + closing;
    }
    let body = &sentence[start..end];
    let trimmed =
        body.trim_end_matches(|c: char| c == ',' || c == ';' || c == ':' || c.is_whitespace());
    (start..start + trimmed.len(), quoted)
}
