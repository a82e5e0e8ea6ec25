//! The kind of a claim (quantity, comparison, event, cause, law or policy, prediction,
//! opinion), after the Full Fact claim taxonomy, decided by rules over the sentence's
//! [`signals`](super::signals).
//!
//! Rules, not a learned model: there is no labelled data for kinds, and an editor must be able
//! to predict the label. The first rule that matches wins, from the most specific reading of a
//! sentence to the most general:
//!
//! 1. a question is [`ClaimKind::Other`]: it asserts nothing;
//! 2. opinion or prescription without hard evidence (no figure, year, comparison or record) is
//!    [`ClaimKind::Opinion`] — "I think taxes are too high";
//! 3. the future is [`ClaimKind::Prediction`] — "prices will rise 5% next year" cannot be
//!    checked as a fact yet, only against its sources;
//! 4. cause and effect, what works or harms, and where something came from are
//!    [`ClaimKind::Causal`] — the hardest and most valuable to check;
//! 5. a comparison, trend or record is [`ClaimKind::Comparison`];
//! 6. a figure is [`ClaimKind::Quantity`] (numbers inside names, "COVID-19", "Group of 20",
//!    and days of the month, "Nov. 7", are no figures);
//! 7. a law, vote, tax or programme is [`ClaimKind::LawPolicy`];
//! 8. something dated, or a named actor in the past tense, is [`ClaimKind::Event`];
//! 9. anything else is [`ClaimKind::Other`].

use crate::claim::ClaimKind;
use crate::lexicon::comparisons::{SCALE_WORDS, WEAK_SUPERLATIVES};

use super::attribution::Cue;
use super::context::ClaimContext;
use super::signals::{self, Analysis, Signal};

/// The kind of the claim in `text`.
pub fn claim_kind(text: &str) -> ClaimKind {
    classify(&signals::analyse(text))
}

/// The kind of a claim found in an article. A claim with a resolved date that would otherwise
/// be [`ClaimKind::Other`] is an [`ClaimKind::Event`]: the dates stage knows more about dates
/// than the cue words do.
pub fn classify_claim(context: &ClaimContext<'_>) -> ClaimKind {
    classify_claim_analysed(context, &signals::analyse(context.claim))
}

/// [`classify_claim`] for a claim already analysed.
pub fn classify_claim_analysed(context: &ClaimContext<'_>, analysis: &Analysis<'_>) -> ClaimKind {
    match classify(analysis) {
        kind if kind != ClaimKind::Opinion && reports_a_prediction(context, analysis) => {
            ClaimKind::Prediction
        }
        ClaimKind::Other if context.has_resolved_date() => ClaimKind::Event,
        kind => kind,
    }
}

/// Whether the claim is reported speech whose "would" is the speaker's "will" moved back a tense
/// ("Nair said the toll would push freight onto residential streets"). In a quotation or in
/// the outlet's own words, "would" stays a hypothetical.
fn reports_a_prediction(context: &ClaimContext<'_>, analysis: &Analysis<'_>) -> bool {
    context.cue == Cue::ReportedSpeech
        && !context.quoted
        && !analysis.has(Signal::Question)
        && analysis
            .evidence(Signal::Conditional)
            .is_some_and(|word| word.eq_ignore_ascii_case("would"))
}

/// The kind of an analysed claim.
pub fn classify(analysis: &Analysis<'_>) -> ClaimKind {
    let has = |signal| analysis.has(signal);
    // "the two presidents" counts nothing: only digits, percentages and scale words do.
    let figure = has(Signal::Number) || has(Signal::Percent) || has_scale_word(analysis);
    let dated = has(Signal::Year) || has(Signal::DateWord);
    // "first met in July" tells an event; "the first woman to lead the union" a record.
    let record = has(Signal::Superlative)
        && !(dated
            && analysis
                .evidence(Signal::Superlative)
                .is_some_and(|word| WEAK_SUPERLATIVES.contains(&word.to_lowercase().as_str())));
    let compares = has(Signal::Comparison) || record;
    let hard_evidence = figure || has(Signal::Year) || compares;
    // "I think", "we hope" are opinion; "Moscow's hopes" or "she believes" report one.
    let speaker_opinion = has(Signal::OpinionVerb)
        && (has(Signal::FirstPersonSingular) || has(Signal::FirstPersonPlural));
    if has(Signal::Question) {
        ClaimKind::Other
    } else if (speaker_opinion || has(Signal::Prescriptive) || has(Signal::Evaluative))
        && !hard_evidence
    {
        ClaimKind::Opinion
    } else if has(Signal::Future) {
        ClaimKind::Prediction
    } else if has(Signal::Causal) || has(Signal::Efficacy) || has(Signal::Origin) {
        ClaimKind::Causal
    } else if compares {
        ClaimKind::Comparison
    } else if figure {
        ClaimKind::Quantity
    } else if has(Signal::LawPolicy) {
        ClaimKind::LawPolicy
    } else if has(Signal::Year)
        || has(Signal::DateWord)
        || (has(Signal::PastTense) && has(Signal::NamedEntity))
    {
        ClaimKind::Event
    } else {
        ClaimKind::Other
    }
}

fn has_scale_word(analysis: &Analysis<'_>) -> bool {
    analysis.has(Signal::AmountWord)
        && analysis
            .tokens()
            .iter()
            .any(|token| SCALE_WORDS.contains(&analysis.normalised(token)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::count("The city employs 4,200 teachers.", ClaimKind::Quantity)]
    #[case::percentage("Nearly 12 percent of voters stayed home.", ClaimKind::Quantity)]
    #[case::amount_in_words("Two million people live in the valley.", ClaimKind::Quantity)]
    #[case::trend("Rents rose faster than wages in Leeds.", ClaimKind::Comparison)]
    #[case::record("It was the wettest summer on record.", ClaimKind::Comparison)]
    #[case::first(
        "Smith became the first woman to lead the union.",
        ClaimKind::Comparison
    )]
    #[case::dated_event("The mayor resigned on Tuesday.", ClaimKind::Event)]
    #[case::named_past_event("Garcia met the ambassador in Lisbon.", ClaimKind::Event)]
    #[case::cause("The closures were caused by the new tariffs.", ClaimKind::Causal)]
    #[case::cause_with_figure(
        "The plant closed because orders fell 30 percent.",
        ClaimKind::Causal
    )]
    #[case::law("The new law bans smoking in parks.", ClaimKind::LawPolicy)]
    #[case::vote("The council voted to scrap the parking scheme.", ClaimKind::LawPolicy)]
    #[case::prediction("The bridge will reopen next spring.", ClaimKind::Prediction)]
    #[case::prediction_with_figure(
        "Prices are going to climb 5 percent next year.",
        ClaimKind::Prediction
    )]
    #[case::opinion("I believe our schools deserve better.", ClaimKind::Opinion)]
    #[case::reported_hope_is_no_opinion(
        "The union's hopes for a deal were dashed by the strike vote.",
        ClaimKind::LawPolicy
    )]
    #[case::small_number_is_no_quantity("The two mayors met in Oslo.", ClaimKind::Event)]
    #[case::first_meeting_with_a_date_is_an_event(
        "The two leaders first met in July in Geneva.",
        ClaimKind::Event
    )]
    #[case::headline_prediction("Leaders likely to meet in Hanoi", ClaimKind::Prediction)]
    #[case::bare_comparative("Relations have become more strained.", ClaimKind::Comparison)]
    #[case::prescription("The government should listen to farmers.", ClaimKind::Opinion)]
    #[case::evaluation("That decision was a disgrace.", ClaimKind::Opinion)]
    #[case::question("Did the council vote on the budget?", ClaimKind::Other)]
    #[case::dated_meeting_at_a_numbered_summit(
        "The two leaders first met in July at the Group of 20 summit in Osaka, Japan.",
        ClaimKind::Event
    )]
    #[case::caption_with_a_full_date(
        "The mayor speaks during a meeting in Leeds, Tuesday, Nov. 7, 2017.",
        ClaimKind::Event
    )]
    #[case::disease_name_is_no_figure(
        "Doctors in Lyon treated COVID-19 patients with oxygen.",
        ClaimKind::Causal
    )]
    #[case::sanctions("Parliament imposing new sanctions on Belarus", ClaimKind::LawPolicy)]
    #[case::cap_on_diplomats(
        "Oslo capping the number of Danish diplomatic personnel in Norway",
        ClaimKind::LawPolicy
    )]
    #[case::closure(
        "the closure of Danish diplomatic offices by Norway",
        ClaimKind::LawPolicy
    )]
    #[case::efficacy("Garlic does not protect against the flu.", ClaimKind::Causal)]
    #[case::origin("The outbreak originated in a laboratory.", ClaimKind::Causal)]
    #[case::regret_is_opinion(
        "We may reach agreements, but regrettably they become part of the fighting.",
        ClaimKind::Opinion
    )]
    #[case::figure_beside_a_disease_name(
        "More than 500 people in Leeds have had COVID-19.",
        ClaimKind::Comparison
    )]
    #[case::count_beside_a_disease_name(
        "The ward holds 40 COVID-19 patients.",
        ClaimKind::Quantity
    )]
    #[case::plain_statement("The sky over the harbour is grey.", ClaimKind::Other)]
    fn a_claim_gets_the_kind_an_editor_would_give_it(
        #[case] sentence: &str,
        #[case] kind: ClaimKind,
    ) {
        assert_eq!(claim_kind(sentence), kind, "{sentence}");
    }

    #[test]
    fn an_opinion_with_a_figure_is_still_checkable_as_a_quantity() {
        assert_eq!(
            claim_kind("I think 40 percent of the budget goes to pensions."),
            ClaimKind::Quantity
        );
    }

    #[rstest]
    #[case::reported_would_is_a_prediction_regression(
        "Councillor Ana Ruiz said the new toll would push traffic onto side streets.",
        "the new toll would push traffic onto side streets",
        ClaimKind::Prediction
    )]
    #[case::quoted_would_stays_a_hypothetical(
        "\u{201c}Without the grant we would close the pool,\u{201d} Ruiz said.",
        "Without the grant we would close the pool",
        ClaimKind::Other
    )]
    #[case::the_outlets_would_stays_a_hypothetical(
        "A toll on trucks would push traffic onto side streets.",
        "A toll on trucks would push traffic onto side streets",
        ClaimKind::Other
    )]
    fn reported_speech_with_would_reports_a_prediction(
        #[case] text: &str,
        #[case] claim: &str,
        #[case] kind: ClaimKind,
    ) {
        // The demo's "the truck toll would push freight traffic onto residential streets"
        // (Priya Nair) was of kind "other".
        let extraction = crate::extract(text, &crate::ExtractOptions::default());
        let found = extraction.claims.iter().find(|c| c.text == claim);
        assert_eq!(found.map(|c| c.kind), Some(kind), "{:?}", extraction.claims);
    }
}
