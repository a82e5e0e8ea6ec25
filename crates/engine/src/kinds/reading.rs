//! A closer reading of a claim's words for its kind than the scorer's signals give: whether a
//! cue word is used the way the kind needs ("fell 14%" is a trend, "fell victim to" is not;
//! "cut its budget" is a law-maker's act, "cut 25 posts" a count; "her first dose" numbers a
//! sequence, "the first woman to" is a record), and where a clause of purpose starts, after
//! which cues are what someone meant to show rather than what the claim says.

use crate::lexicon::function_words::{is_listed_finite_verb, is_sentence_starter_listed};
use crate::lexicon::kinds::{
    asks_for_something, controls_a_headline_to, ends_a_trend_idiom, is_amount_word, is_bound,
    is_causal_verb, is_change_verb, is_clock_word, is_comparative, is_determiner_word,
    is_evaluation, is_fiscal_object, is_gain_or_loss_verb, is_law_making_verb, is_law_noun,
    is_law_verb, is_ordinal_superlative, is_purpose_verb, is_record_word, is_trend_word,
    is_weak_causal_cue, makes_a_record, opens_a_purpose,
};
use crate::signals::{Analysis, Signal};

/// What the closer reading found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Reading {
    /// A figure worth checking: a number that is not a time of day or part of a name, a
    /// percentage, a scale word ("2 million") or an amount after a bound ("more than half").
    pub figure: bool,
    /// An explicit comparison: "higher than", "compared with", "twice what", "four feet above".
    pub comparison: bool,
    /// A record: "the wettest week", "a record 14.2 gigawatts", "the first woman to".
    pub record: bool,
    /// A measured amount changing: "rents rose", "the district lost 5,000 jobs".
    pub trend: bool,
    /// An act of law-makers: "voted to close", "raised property taxes", "State law bars".
    pub law_act: bool,
    /// Cause and effect, what works or harms, where something came from, in the claim itself
    /// (not in a clause of purpose).
    pub causal: bool,
    /// The future, beyond the scorer's cue words ("Fares to rise" in a headline, "Economists
    /// expect the closure to cost"), and not "a plan to" (a noun).
    pub future: bool,
    /// An evaluation or a request: "a miracle", "too little, too late", "asking for a freeze",
    /// "called the increase “a tax on …”".
    pub opinion: bool,
    /// An indirect question: "asked whether they would accept".
    pub indirect_question: bool,
}

/// A claim's words as lower-case forms, with the token index each comes from.
struct Words<'a> {
    forms: Vec<&'a str>,
    tokens: Vec<usize>,
}

impl<'a> Words<'a> {
    fn of(analysis: &'a Analysis<'_>) -> Self {
        let mut forms = Vec::with_capacity(analysis.tokens().len());
        let mut tokens = Vec::with_capacity(analysis.tokens().len());
        for (i, token) in analysis.tokens().iter().enumerate() {
            forms.push(analysis.normalised(token));
            tokens.push(i);
        }
        Words { forms, tokens }
    }

    fn get(&self, i: usize) -> &'a str {
        self.forms.get(i).copied().unwrap_or("")
    }

    fn len(&self) -> usize {
        self.forms.len()
    }
}

/// Read `analysis` closely; `headline` when the claim is a headline (no final mark).
pub(super) fn read(analysis: &Analysis<'_>, headline: bool) -> Reading {
    let words = Words::of(analysis);
    let text = analysis.text();
    let mut reading = Reading::default();
    let purpose_at = purpose_clause_start(&words);
    let figure_at = |i: usize| is_figure(analysis, &words, i);
    // "600", "more than 600", "more than half", "about a quarter", "two": a figure or an
    // amount in words, after any bounds.
    let figure_follows = |i: usize| {
        let mut j = i;
        while j < words.len() && j < i + 4 && is_bound(words.get(j)) {
            j += 1;
        }
        j < words.len() && (figure_at(j) || is_amount_word(words.get(j)))
    };
    for i in 0..words.len() {
        let word = words.get(i);
        let next = words.get(i + 1);
        let previous = if i > 0 { words.get(i - 1) } else { "" };
        if figure_at(i) || word == "%" {
            reading.figure = true;
        }
        if matches!(word, "more" | "less" | "fewer") && next == "than" && figure_follows(i + 2) {
            // A bound of a figure: "more than 600 people".
            reading.figure = true;
            continue;
        }
        if is_comparative(word)
            && !(word == "than"
                && matches!(previous, "more" | "less" | "fewer")
                && figure_follows(i + 1))
        {
            reading.comparison = true;
        }
        if matches!(word, "twice" | "times" | "half") && matches!(next, "as" | "what") {
            reading.comparison = true;
        }
        if matches!(word, "up" | "down") && next == "from" {
            reading.comparison = true;
        }
        if matches!(word, "above" | "below")
            && i > 0
            && (figure_at(i - 1)
                || is_amount_word(previous)
                || (i > 1 && (figure_at(i - 2) || is_amount_word(words.get(i - 2)))))
        {
            reading.comparison = true;
        }
        if is_record_word(word)
            || (analysis.is_superlative_form(words.tokens[i]) && previous == "the")
            || (matches!(word, "most" | "best") && previous == "the")
            || (is_ordinal_superlative(word)
                && (previous == "the" && next == "ever"
                    || (i + 1..(i + 4).min(words.len())).any(|j| makes_a_record(words.get(j)))))
        {
            reading.record = true;
        }
        if is_trend_word(word)
            && !ends_a_trend_idiom(next)
            && !(word == "rose" && next == "to" && !figure_follows(i + 2))
        {
            let noun = is_determiner_word(previous);
            if !noun || figure_follows(i + 1) || (i > 0 && (figure_at(i - 1) || previous == "%")) {
                reading.trend = true;
            }
        }
        if matches!(word, "went" | "gone" | "going") && matches!(next, "up" | "down") {
            reading.trend = true;
        }
        if is_gain_or_loss_verb(word) && figure_follows(i + 1) {
            reading.trend = true;
        }
        if is_change_verb(word) {
            read_change(&words, i, &figure_follows, &figure_at, &mut reading);
        }
        if is_law_verb(word) && !is_determiner_word(previous) {
            reading.law_act = true;
        }
        if is_law_making_verb(word)
            && (i + 1..(i + 4).min(words.len())).any(|j| is_law_noun(words.get(j)))
        {
            reading.law_act = true;
        }
        if is_law_noun(word)
            && !matches!(word, "budget" | "order" | "measure")
            && matches!(
                next,
                "bars" | "bans" | "requires" | "caps" | "allows" | "forbids"
            )
        {
            reading.law_act = true;
        }
        if i < purpose_at {
            if is_causal_verb(word) && !is_determiner_word(previous) {
                reading.causal = true;
            }
            if matches!(word, "keep" | "keeps" | "kept" | "keeping")
                && (i + 1..(i + 5).min(words.len())).any(|j| matches!(words.get(j), "out" | "from"))
            {
                reading.causal = true;
            }
            if matches!(word, "make" | "makes" | "made" | "making")
                && (i + 2..(i + 5).min(words.len())).any(|j| reads_as_a_result(words.get(j)))
            {
                reading.causal = true;
            }
            if matches!(word, "cost" | "costs") && is_determiner_word(next) && next != "a" {
                reading.causal = true;
            }
            if word == "victim" && matches!(next, "to" | "of") {
                reading.causal = true;
            }
        }
        if word == "whether" {
            reading.indirect_question = true;
        }
        let raw =
            &text[analysis.tokens()[words.tokens[i]].start..analysis.tokens()[words.tokens[i]].end];
        // "MIRACLE trial" in capitals is a name.
        if (is_evaluation(word) && raw.starts_with(char::is_lowercase))
            || (word == "too" && i + 1 < words.len() && !is_determiner_word(next))
        {
            reading.opinion = true;
        }
        if asks_for_something(word) && next == "for" {
            reading.opinion = true;
        }
        if word == "called"
            && is_determiner_word(next)
            && text[analysis.tokens()[words.tokens[i]].end..].contains(['“', '"'])
        {
            // "called the increase “a tax on people…”": a characterisation.
            reading.opinion = true;
        }
        if matches!(
            word,
            "expect" | "expects" | "expected" | "projected" | "predicted" | "forecast"
        ) && !matches!(previous, "might" | "would" | "could" | "may")
            && (i + 1..(i + 7).min(words.len())).any(|j| words.get(j) == "to")
        {
            reading.future = true;
        }
        if headline && word == "to" && i > 0 && reads_as_headline_future(analysis, &words, i) {
            reading.future = true;
        }
    }
    reading.causal |= scorer_cause_holds(analysis, &words, purpose_at, &figure_follows);
    reading.future |= scorer_future_holds(analysis);
    reading
}

/// A change verb at `i`: with an object it is someone's act (a law-maker's when the object is
/// a budget, tax or fare; a count when it is a figure), without one a trend ("rose by 8%",
/// "were cut sharply"); as a noun it is a trend only with a figure ("an increase of 5%").
fn read_change(
    words: &Words<'_>,
    i: usize,
    figure_follows: &dyn Fn(usize) -> bool,
    figure_at: &dyn Fn(usize) -> bool,
    reading: &mut Reading,
) {
    let previous = if i > 0 { words.get(i - 1) } else { "" };
    let next = words.get(i + 1);
    if is_determiner_word(previous) {
        if figure_follows(i + 1) || (i > 1 && (figure_at(i - 1) || words.get(i - 1) == "%")) {
            reading.trend = true;
        }
        return;
    }
    let fiscal_object = (i + 1..(i + 6).min(words.len())).any(|j| is_fiscal_object(words.get(j)));
    let object_follows = is_determiner_word(next)
        || (!next.is_empty() && fiscal_object && !matches!(next, "by" | "to" | "from"));
    if object_follows {
        if fiscal_object {
            reading.law_act = true;
        }
        return;
    }
    if figure_follows(i + 1) && !matches!(next, "by" | "to" | "from") {
        // "cut 25 of those posts": a count of what was done.
        if matches!(words.get(i), "increased" | "doubled" | "decreased") {
            reading.trend = true;
        }
        return;
    }
    if !matches!(words.get(i), "balanced" | "balances") {
        reading.trend = true;
    }
}

/// Whether word `j` reads as the result of "make": a comparative or an adjective
/// ("hotter", "unprofitable", "dangerous").
fn reads_as_a_result(word: &str) -> bool {
    let adjective_ending = ["able", "ible", "ous", "ful", "less", "ive"]
        .iter()
        .any(|ending| word.len() > ending.len() + 2 && word.ends_with(ending));
    let comparative = word.len() > 4 && word.ends_with("er") && !word.ends_with("ver");
    adjective_ending || comparative || (word.starts_with("un") && word.len() > 5)
}

/// Where a clause of purpose starts ("in keeping with efforts to show…", "to prove…"), as a
/// word index; the number of words when there is none.
fn purpose_clause_start(words: &Words<'_>) -> usize {
    (1..words.len())
        .find(|&i| {
            let word = words.get(i);
            (opens_a_purpose(word) && matches!(words.get(i + 1), "with" | "to"))
                || (word == "to" && is_purpose_verb(words.get(i + 1)))
        })
        .unwrap_or(words.len())
}

/// Whether word `i` is a figure worth checking for a kind: the scorer's figure, but not a time
/// of day ("4 p.m.") nor a name's number opening the claim ("News 4 Tucson's …").
fn is_figure(analysis: &Analysis<'_>, words: &Words<'_>, i: usize) -> bool {
    if !analysis.is_figure(words.tokens[i]) {
        return false;
    }
    if is_clock_word(words.get(i + 1)) {
        return false;
    }
    if i == 1 {
        let text = analysis.text();
        let tokens = analysis.tokens();
        let first = &text[tokens[0].start..tokens[0].end];
        let after = tokens.get(2).map(|t| &text[t.start..t.end]);
        let name_opens = first.starts_with(char::is_uppercase)
            && !is_sentence_starter_listed(first)
            && !is_bound(words.get(0));
        if name_opens && after.is_some_and(|w| w.starts_with(char::is_uppercase)) {
            return false;
        }
    }
    true
}

/// Whether one of the scorer's cues of cause, efficacy or origin holds: the cue is not one
/// that news mostly uses otherwise ("records began in 1910", "the result of the election"), it
/// stands in the claim rather than in a clause of purpose, and it is not a verb counting what
/// was done ("treated more than 600 people", "carries about 31,000 vehicles").
fn scorer_cause_holds(
    analysis: &Analysis<'_>,
    words: &Words<'_>,
    purpose_at: usize,
    figure_follows: &dyn Fn(usize) -> bool,
) -> bool {
    let purpose_byte = words
        .tokens
        .get(purpose_at)
        .map_or(usize::MAX, |&t| analysis.tokens()[t].start);
    [Signal::Causal, Signal::Efficacy, Signal::Origin]
        .into_iter()
        .any(|signal| {
            analysis.cues(signal).into_iter().any(|(at, end)| {
                let lower = analysis.text()[at..end].to_lowercase();
                if is_weak_causal_cue(&lower) || at >= purpose_byte {
                    return false;
                }
                let index = words
                    .tokens
                    .iter()
                    .position(|&t| analysis.tokens()[t].start == at);
                // "treated more than 600 people", "carries about 31,000 vehicles".
                let counts_what_was_done =
                    index.is_some_and(|i| !lower.contains(' ') && figure_follows(i + 1));
                !counts_what_was_done
            })
        })
}

/// Whether the scorer's cue of the future holds: "a plan to sell the annex" names a plan (a
/// noun), it does not tell the future.
fn scorer_future_holds(analysis: &Analysis<'_>) -> bool {
    let Some(cue) = analysis.evidence(Signal::Future) else {
        return false;
    };
    let lower = cue.to_lowercase();
    if lower == "plan to" || lower == "plans to" {
        let at = cue.as_ptr() as usize - analysis.text().as_ptr() as usize;
        let before = analysis.text()[..at].trim_end();
        let previous = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_lowercase();
        return !is_determiner_word(&previous) && !previous.ends_with("'s");
    }
    true
}

/// Whether "to" at word `i` of a headline is its future: "Ferry fares to rise 12%",
/// "Glassworks to close after 90 years". It follows the headline's subject (a few words, none
/// of them a verb: no finite verb, no "-ed" form, no verb that takes "to" such as "votes to
/// close" or "leads to"), and a verb in lower case follows it.
fn reads_as_headline_future(analysis: &Analysis<'_>, words: &Words<'_>, i: usize) -> bool {
    const MOST_SUBJECT_WORDS: usize = 4;
    if i > MOST_SUBJECT_WORDS {
        return false;
    }
    let verb_before = (0..i).any(|j| {
        let word = words.get(j);
        is_listed_finite_verb(word)
            || controls_a_headline_to(word)
            || (word.len() > 4 && word.ends_with("ed"))
    });
    if verb_before {
        return false;
    }
    let text = analysis.text();
    let Some(&next_token) = words.tokens.get(i + 1) else {
        return false;
    };
    let next = &text[analysis.tokens()[next_token].start..analysis.tokens()[next_token].end];
    let previous = words.get(i - 1);
    next.chars().all(|c| c.is_ascii_lowercase())
        && !is_determiner_word(next)
        && !controls_a_headline_to(previous)
        && !is_bound(previous)
        && !previous
            .chars()
            .all(|c| c.is_ascii_digit() || c == '<' || c == '>')
}
