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
//! 4. cause and effect is [`ClaimKind::Causal`] — the hardest and most valuable to check;
//! 5. a comparison, trend or record is [`ClaimKind::Comparison`];
//! 6. a figure is [`ClaimKind::Quantity`];
//! 7. a law, vote, tax or programme is [`ClaimKind::LawPolicy`];
//! 8. something dated, or a named actor in the past tense, is [`ClaimKind::Event`];
//! 9. anything else is [`ClaimKind::Other`].

use super::context::ClaimContext;
use super::signals::{self, Analysis, Signal};
use crate::model::ClaimKind;

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
        ClaimKind::Other if context.has_resolved_date() => ClaimKind::Event,
        kind => kind,
    }
}

/// The kind of an analysed claim.
pub fn classify(analysis: &Analysis<'_>) -> ClaimKind {
    let has = |signal| analysis.has(signal);
    let figure = has(Signal::Number)
        || has(Signal::Percent)
        || (has(Signal::Money) && has(Signal::AmountWord))
        || has(Signal::AmountWord);
    let compares = has(Signal::Comparison) || has(Signal::Superlative);
    let hard_evidence = figure || has(Signal::Year) || compares;
    if has(Signal::Question) {
        ClaimKind::Other
    } else if (has(Signal::OpinionVerb) || has(Signal::Prescriptive) || has(Signal::Evaluative))
        && !hard_evidence
    {
        ClaimKind::Opinion
    } else if has(Signal::Future) {
        ClaimKind::Prediction
    } else if has(Signal::Causal) {
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
    #[case::prescription("The government should listen to farmers.", ClaimKind::Opinion)]
    #[case::evaluation("That decision was a disgrace.", ClaimKind::Opinion)]
    #[case::question("Did the council vote on the budget?", ClaimKind::Other)]
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
}
