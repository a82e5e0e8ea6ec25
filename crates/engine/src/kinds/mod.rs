//! The kind of a claim (quantity, comparison, event, cause, law or policy, prediction,
//! opinion), after the Full Fact claim taxonomy, decided by rules over the sentence's
//! [`signals`](super::signals) and a closer [`reading`] of its words.
//!
//! Rules, not a learned model: an editor must be able to predict the label. The first rule
//! that matches wins, from the most specific reading of a sentence to the most general:
//!
//! 1. a question is [`ClaimKind::Other`]: it asserts nothing;
//! 2. opinion, prescription, evaluation or a request without hard evidence (no figure, year,
//!    comparison, trend or record) is [`ClaimKind::Opinion`] — "I think taxes are too high",
//!    "It is a miracle that nobody was hurt", "We are asking for a freeze";
//! 3. the future is [`ClaimKind::Prediction`] — "prices will rise 5% next year" cannot be
//!    checked as a fact yet, only against its sources (a headline's "Fares to rise 12%" too;
//!    "a plan to sell the annex" is a noun, not the future);
//! 4. cause and effect, what works or harms, and where something came from are
//!    [`ClaimKind::Causal`] — the hardest and most valuable to check; a cue in a clause of
//!    purpose ("…, in keeping with efforts to show vaccines are safe") is not the claim's;
//! 5. an explicit comparison or a record is [`ClaimKind::Comparison`] ("higher than", "the
//!    wettest week", "the first woman to lead"; "her first dose" only numbers a sequence);
//! 6. an act of law-makers is [`ClaimKind::LawPolicy`]: a vote, a ban, a law that bars or
//!    caps, a budget, tax or fare cut or raised ("the council cut the subsidy by $1.2
//!    million" is a decision, not a trend);
//! 7. a trend is [`ClaimKind::Comparison`]: a measured amount changing ("Crime fell 14%",
//!    "the district lost 5,000 jobs"; not "fell victim to");
//! 8. a figure is [`ClaimKind::Quantity`] (numbers inside names, "COVID-19", "Group of 20",
//!    "News 4", days of the month, "Nov. 7", and times of day, "4 p.m.", are no figures; "more
//!    than 600 people" bounds a figure, it compares nothing);
//! 9. something dated, or a named actor in the past tense, is [`ClaimKind::Event`];
//! 10. a law, vote, tax or programme named in passing is [`ClaimKind::LawPolicy`];
//! 11. anything else is [`ClaimKind::Other`].
//!
//! `claimdesk-lab eval` measures the kinds against 175 claims of our own articles labelled by
//! hand (`tests/fixtures/kinds/labels.json`).

mod reading;

use crate::claim::ClaimKind;
use crate::lexicon::comparisons::SCALE_WORDS;

use super::attribution::Cue;
use super::context::ClaimContext;
use super::signals::{self, Analysis, Signal};

/// The kind of the claim in `text` (read as a sentence of an article's body).
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
    let read = reading::read(analysis, context.headline);
    match classify_read(analysis, &read) {
        kind if kind != ClaimKind::Opinion && reports_a_prediction(context, analysis, &read) => {
            ClaimKind::Prediction
        }
        ClaimKind::Other if context.has_resolved_date() => ClaimKind::Event,
        kind => kind,
    }
}

/// Whether the claim is reported speech whose "would" is the speaker's "will" moved back a tense
/// ("Nair said the toll would push freight onto residential streets"). In a quotation or in
/// the outlet's own words, "would" stays a hypothetical; after "whether" it is a question.
fn reports_a_prediction(
    context: &ClaimContext<'_>,
    analysis: &Analysis<'_>,
    read: &reading::Reading,
) -> bool {
    context.cue == Cue::ReportedSpeech
        && !context.quoted
        && !analysis.has(Signal::Question)
        && !read.indirect_question
        && analysis
            .evidence(Signal::Conditional)
            .is_some_and(|word| word.eq_ignore_ascii_case("would"))
}

/// The kind of an analysed claim (read as a sentence of an article's body, not a headline).
pub fn classify(analysis: &Analysis<'_>) -> ClaimKind {
    classify_read(analysis, &reading::read(analysis, false))
}

/// The kind of an analysed and closely read claim (the rules of the module documentation).
fn classify_read(analysis: &Analysis<'_>, read: &reading::Reading) -> ClaimKind {
    let has = |signal| analysis.has(signal);
    let figure = read.figure || has(Signal::Percent) || has_scale_word(analysis);
    let compares = read.comparison || read.record;
    let hard_evidence = figure || has(Signal::Year) || compares || read.trend;
    // "I think", "we hope" are opinion; "Moscow's hopes" or "she believes" report one.
    let speaker_opinion = has(Signal::OpinionVerb)
        && (has(Signal::FirstPersonSingular) || has(Signal::FirstPersonPlural));
    let opinion =
        speaker_opinion || has(Signal::Prescriptive) || has(Signal::Evaluative) || read.opinion;
    if has(Signal::Question) {
        ClaimKind::Other
    } else if opinion && !hard_evidence {
        ClaimKind::Opinion
    } else if read.future {
        ClaimKind::Prediction
    } else if read.causal {
        ClaimKind::Causal
    } else if compares {
        ClaimKind::Comparison
    } else if read.law_act {
        ClaimKind::LawPolicy
    } else if read.trend {
        ClaimKind::Comparison
    } else if figure {
        ClaimKind::Quantity
    } else if has(Signal::Year)
        || has(Signal::DateWord)
        || (has(Signal::PastTense) && has(Signal::NamedEntity))
    {
        ClaimKind::Event
    } else if has(Signal::LawPolicy) {
        ClaimKind::LawPolicy
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
    #[case::a_bound_on_a_count_is_a_quantity_beside_a_disease_name(
        "More than 500 people in Leeds have had COVID-19.",
        ClaimKind::Quantity
    )]
    #[case::count_beside_a_disease_name(
        "The ward holds 40 COVID-19 patients.",
        ClaimKind::Quantity
    )]
    #[case::plain_statement("The sky over the harbour is grey.", ClaimKind::Other)]
    #[case::a_first_dose_is_no_cause_regression(
        "Joe Biden received his first dose of the vaccine on television on Monday afternoon, in keeping with officials' efforts to show Americans such vaccines are safe.",
        ClaimKind::Event
    )]
    #[case::an_earlier_first_dose_is_no_comparison_regression(
        "his wife, Jill Biden, had already received her first dose earlier in the day",
        ClaimKind::Event
    )]
    #[case::a_station_number_is_no_quantity_regression(
        "News 4 Tucson's Priscilla Casper answered this question in her segment Wednesday night.",
        ClaimKind::Event
    )]
    #[case::falling_victim_is_no_comparison_regression(
        "The reform fell victim to political infighting.",
        ClaimKind::Causal
    )]
    #[case::a_record_first("The increase is the first since 2019.", ClaimKind::Comparison)]
    #[case::a_budget_cut_is_a_decision(
        "The council cut the ferry subsidy by $1.2 million.",
        ClaimKind::LawPolicy
    )]
    #[case::a_trend_with_a_figure("Crime fell 14% last year.", ClaimKind::Comparison)]
    #[case::a_count_of_what_was_done(
        "The district hired 40 teachers and cut 25 of those posts.",
        ClaimKind::Quantity
    )]
    #[case::a_law_that_bars(
        "State law bars transit workers from striking for more than 30 days.",
        ClaimKind::LawPolicy
    )]
    #[case::a_time_of_day_is_no_figure(
        "The clinic stays open until 8 p.m. on weekdays.",
        ClaimKind::Event
    )]
    #[case::a_noun_plan_is_no_future(
        "The council also approved a plan to sell the old annex.",
        ClaimKind::LawPolicy
    )]
    #[case::rain_falling_is_no_trend(
        "More than 9 inches of rain fell on the town.",
        ClaimKind::Quantity
    )]
    #[case::an_evaluation("It is a miracle that nobody was hurt.", ClaimKind::Opinion)]
    #[case::a_request(
        "We are asking for a freeze until the audit is done.",
        ClaimKind::Opinion
    )]
    #[case::a_cause_after_a_weak_cue(
        "Comets carrying viruses may have caused outbreaks in the past.",
        ClaimKind::Causal
    )]
    #[case::a_count_carried("The bridge carries about 31,000 vehicles a day.", ClaimKind::Quantity)]
    fn a_claim_gets_the_kind_an_editor_would_give_it(
        #[case] sentence: &str,
        #[case] kind: ClaimKind,
    ) {
        assert_eq!(claim_kind(sentence), kind, "{sentence}");
    }

    #[rstest]
    #[case::future(
        "Ferry fares to rise 12% as authority cites fuel costs",
        ClaimKind::Prediction
    )]
    #[case::future_of_a_name("Glassworks to close after 90 years", ClaimKind::Prediction)]
    #[case::a_vote_to_close("Board votes to close two schools", ClaimKind::LawPolicy)]
    #[case::purpose_after_a_verb(
        "Study finds drug leads to longer hospital stays",
        ClaimKind::Causal
    )]
    fn a_headline_s_to_is_its_future(#[case] headline: &str, #[case] kind: ClaimKind) {
        let analysis = signals::analyse(headline);
        let read = reading::read(&analysis, true);
        assert_eq!(classify_read(&analysis, &read), kind, "{headline}");
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
