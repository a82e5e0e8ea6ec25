//! Sentence segmentation of news and transcript text.

use crate::model::Sentence;

/// Split `text` into sentences with character offsets into it.
///
/// First cut: a sentence ends at `.`, `!` or `?` (and any closing quotes) followed by
/// whitespace, or at a blank line.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        let blank_line = c == '\n' && chars.get(i + 1) == Some(&'\n');
        let mut end = None;
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], '"' | '\'' | '\u{201d}' | '\u{2019}' | ')')
            {
                j += 1;
            }
            if j == chars.len() || chars[j].is_whitespace() {
                end = Some(j);
            }
        } else if blank_line {
            end = Some(i);
        }
        if let (Some(s), Some(e)) = (start, end) {
            let mut trimmed_end = e;
            while trimmed_end > s && chars[trimmed_end - 1].is_whitespace() {
                trimmed_end -= 1;
            }
            if trimmed_end > s {
                out.push(Sentence {
                    start: s,
                    end: trimmed_end,
                    text: chars[s..trimmed_end].iter().collect(),
                });
            }
            start = None;
            i = e;
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        let mut e = chars.len();
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if e > s {
            out.push(Sentence {
                start: s,
                end: e,
                text: chars[s..e].iter().collect(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_at_the_sentence_text() {
        let text = "Prices rose 4% in May.  \u{201c}It hurts,\u{201d} she said. Done";
        for sentence in sentences(text) {
            let slice: String = text
                .chars()
                .skip(sentence.start)
                .take(sentence.end - sentence.start)
                .collect();
            assert_eq!(slice, sentence.text);
        }
        assert_eq!(sentences(text).len(), 3);
    }
}
