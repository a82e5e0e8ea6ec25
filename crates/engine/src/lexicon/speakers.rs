//! Words for who can speak without a name, and for the records a claim can rest on.

use super::word_list;

word_list! {
    /// Lower-case words that make a phrase someone who can speak: pronouns and role nouns
    /// ("he", "spokesperson", "minister").
    SPEAKER_ANCHORS, is_speaker_anchor:
        "he"
        | "she"
        | "they"
        | "we"
        | "i"
        | "spokesman"
        | "spokeswoman"
        | "spokesperson"
        | "officer"
        | "official"
        | "president"
        | "minister"
        | "president-elect"
        | "paper"
        | "report"
        | "study"
        | "statement"
        | "agency"
        | "ministry"
        | "government"
        | "company"
        | "department"
        | "court"
        | "judge"
        | "survey"
        | "poll"
        | "data"
        | "residents"
        | "witnesses"
}

word_list! {
    /// Groups that speak without a name ("officials said", "police say").
    GROUPS_THAT_SPEAK, is_group_that_speaks:
        "officials"
        | "experts"
        | "scientists"
        | "researchers"
        | "police"
        | "authorities"
        | "analysts"
        | "critics"
        | "doctors"
        | "lawmakers"
        | "sources"
        | "prosecutors"
}

word_list! {
    /// Records a claim can rest on ("according to census figures", "state data"): a lower-case
    /// phrase ending in one is a source rather than a stray clause.
    SOURCE_NOUNS, is_source_noun:
        "figures"
        | "data"
        | "statistics"
        | "records"
        | "estimates"
        | "report"
        | "reports"
        | "study"
        | "survey"
        | "poll"
        | "documents"
        | "filings"
}
