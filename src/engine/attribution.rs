//! Attribution: who makes a claim.
//!
//! News attributes claims in a handful of fixed frames, and this module recognises them on the
//! sentence's words: a transcript speaker label (`HOLT:`), a leading frame ("Ushakov said the
//! leader will…", "He said…"), a trailing one ("…, Peskov said."), a quote with its speaker
//! after or before it, "according to X", and a participle after the speaker's own clause
//! ("Lavrov struck a note, saying…"). A pronoun resolves to the person last named as a speaker.
//! Anything else is the outlet's own assertion and has no speaker.

/// A transcript speaker label at the start of a line: `HOLT:`, `SENATOR KENNEDY:`,
/// `HOWARD K. SMITH, MODERATOR:`, `Q:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerLabel {
    /// Bytes from the start of the line to the first character after the label and its space.
    pub len: usize,
    /// The speaker as a person would write it ("Senator Kennedy", "Howard K. Smith").
    pub name: String,
}

/// Words in capitals before a colon that head a line but name no speaker.
const NOT_SPEAKERS: &[&str] = &[
    "BREAKING",
    "UPDATE",
    "UPDATED",
    "EXCLUSIVE",
    "WATCH",
    "READ",
    "READ MORE",
    "NOTE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "CORRECTION",
    "LIVE",
    "VIDEO",
    "PHOTOS",
    "ANALYSIS",
    "OPINION",
    "FACT CHECK",
    "SOURCE",
    "SOURCES",
    "RELATED",
    "WARNING",
    "ALERT",
    "PARTICIPANTS",
    "MODERATOR",
    "MODERATORS",
    "PANELISTS",
    "SPONSOR",
    "TOPIC",
    "TOPICS",
];

/// Recognise a transcript speaker label at the start of `line`.
///
/// A label is at most 60 bytes of capitals, spaces, periods, commas, apostrophes, hyphens and a
/// parenthesised party, ending in a colon and a space; it has no lower-case letter and no digit
/// (so `COVID-19:` heading a sentence is not a speaker).
pub fn speaker_label(line: &str) -> Option<SpeakerLabel> {
    let colon = line.get(..line.len().min(61))?.find(':')?;
    let label = &line[..colon];
    let after = &line[colon + 1..];
    if !after.starts_with([' ', '\t']) || after.trim().is_empty() {
        return None;
    }
    let mut letters = 0;
    let mut depth = 0i32;
    for c in label.chars() {
        match c {
            'A'..='Z' => letters += 1,
            ' ' | '.' | ',' | '\'' | '’' | '-' => {}
            '(' => depth += 1,
            ')' => depth -= 1,
            'a'..='z' if depth > 0 => {}
            _ => return None,
        }
    }
    let first_is_letter = label.starts_with(|c: char| c.is_ascii_uppercase());
    let single_letter_ok = letters == 1 && matches!(label, "Q" | "A");
    if !first_is_letter || depth != 0 || (letters < 2 && !single_letter_ok) {
        return None;
    }
    let base = label.split('(').next().unwrap_or(label).trim();
    if NOT_SPEAKERS.contains(&base) {
        return None;
    }
    let spaces = after.len() - after.trim_start().len();
    Some(SpeakerLabel {
        len: colon + 1 + spaces,
        name: label_name(base),
    })
}

/// "HOWARD K. SMITH, MODERATOR" → "Howard K. Smith"; "SENATOR KENNEDY" → "Senator Kennedy".
fn label_name(label: &str) -> String {
    let person = label.split(',').next().unwrap_or(label).trim();
    person
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut out = String::with_capacity(word.len());
            let mut at_word_start = true;
            for c in word.chars() {
                if at_word_start {
                    out.push(c);
                } else {
                    out.extend(c.to_lowercase());
                }
                at_word_start = matches!(c, '-' | '\'' | '’' | '.');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Verbs that report speech or writing ("said", "told", "tweeted").
pub fn is_speech_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "asked"
            | "asks"
            | "added"
            | "adds"
            | "replied"
            | "replies"
            | "responded"
            | "shouted"
            | "wrote"
            | "writes"
            | "tweeted"
            | "posted"
            | "exclaimed"
            | "insisted"
            | "insists"
            | "declared"
            | "declares"
            | "explained"
            | "explains"
            | "continued"
            | "recalled"
            | "stated"
            | "states"
            | "noted"
            | "notes"
            | "claimed"
            | "claims"
            | "argued"
            | "argues"
            | "warned"
            | "warns"
            | "announced"
            | "announces"
            | "acknowledged"
            | "admitted"
            | "conceded"
            | "confirmed"
            | "denied"
            | "reported"
            | "reports"
            | "suggested"
            | "suggests"
            | "maintained"
            | "maintains"
            | "contended"
            | "asserted"
            | "alleged"
            | "observed"
            | "remarked"
            | "predicted"
            | "estimated"
            | "estimates"
            | "believes"
            | "believed"
            | "thinks"
            | "stressed"
            | "emphasized"
            | "emphasised"
            | "pointed"
            | "indicated"
            | "disclosed"
            | "revealed"
            | "boasted"
            | "complained"
            | "cautioned"
            | "concluded"
            | "testified"
            | "promised"
            | "vowed"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::surname("HOLT: Good evening.", Some("Holt"))]
    #[case::title_and_name("SENATOR KENNEDY: Mr. Smith.", Some("Senator Kennedy"))]
    #[case::name_and_role("HOWARD K. SMITH, MODERATOR: Good evening.", Some("Howard K. Smith"))]
    #[case::interview_question("Q: What happened next?", Some("Q"))]
    #[case::party_in_parentheses("TRUMP (R): Wrong.", Some("Trump"))]
    #[case::disease_name_is_no_speaker("COVID-19: Further evidence emerged.", None)]
    #[case::sentence_case_is_no_speaker("Note: the vote was close.", None)]
    #[case::newsroom_heading_is_no_speaker("BREAKING: Markets fall.", None)]
    #[case::clock_time_is_no_speaker("AT 10:30 the vote began.", None)]
    fn recognises_transcript_speaker_labels(#[case] line: &str, #[case] name: Option<&str>) {
        assert_eq!(speaker_label(line).map(|l| l.name).as_deref(), name);
    }
}
