//! Words that tell a claim's kind apart (see `kinds`): trends, comparisons, records, the acts of
//! law-makers, causes and forecasts, beyond the cue words the scorer's signals share. All lower
//! case, matched against a token's normalised form.

use super::word_list;

word_list! {
    /// Verbs and nouns of a measured amount changing by itself: "rents rose", "a fall in
    /// sales", "relations soured".
    TREND_WORDS, is_trend_word:
        "rose"
        | "risen"
        | "rise"
        | "rises"
        | "rising"
        | "fell"
        | "fallen"
        | "fall"
        | "falls"
        | "falling"
        | "grew"
        | "grown"
        | "grow"
        | "grows"
        | "growing"
        | "growth"
        | "dropped"
        | "drops"
        | "dropping"
        | "declined"
        | "decline"
        | "declines"
        | "declining"
        | "climbed"
        | "climbs"
        | "climbing"
        | "soared"
        | "soars"
        | "surged"
        | "surges"
        | "jumped"
        | "plunged"
        | "plummeted"
        | "slumped"
        | "shrank"
        | "shrunk"
        | "shrinks"
        | "shrinking"
        | "tripled"
        | "halved"
        | "worsened"
        | "improved"
        | "deteriorated"
        | "soured"
}

word_list! {
    /// Words that, right after a trend verb, make an idiom or a movement rather than a trend
    /// ("fell victim to", "fell ill", "rain fell on the town").
    TREND_IDIOM_FOLLOWERS, ends_a_trend_idiom:
        "victim"
        | "victims"
        | "prey"
        | "ill"
        | "silent"
        | "asleep"
        | "apart"
        | "foul"
        | "on"
        | "onto"
        | "into"
        | "off"
        | "down"
        | "out"
        | "overboard"
}

word_list! {
    /// Verbs of a subject gaining or losing a count: "the district lost 5,000 jobs".
    GAIN_AND_LOSS_VERBS, is_gain_or_loss_verb:
        "gained"
        | "gains"
        | "lost"
        | "loses"
        | "shed"
        | "sheds"
}

word_list! {
    /// Verbs (and their nouns) of someone changing an amount: "cut its budget", "raised
    /// taxes", "an increase of 5%". With an object they are acts; without one, trends.
    CHANGE_VERBS, is_change_verb:
        "cut"
        | "cuts"
        | "cutting"
        | "raised"
        | "raise"
        | "raises"
        | "raising"
        | "lowered"
        | "lowers"
        | "reduced"
        | "reduce"
        | "reduces"
        | "reducing"
        | "trimmed"
        | "trims"
        | "trim"
        | "trimming"
        | "slashed"
        | "slashes"
        | "hiked"
        | "hikes"
        | "froze"
        | "freezes"
        | "frozen"
        | "increased"
        | "increases"
        | "increase"
        | "increasing"
        | "decreased"
        | "decreases"
        | "decrease"
        | "doubled"
        | "doubles"
        | "balanced"
        | "balances"
}

word_list! {
    /// What a government's budget decisions change: "cut the subsidy", "raised property
    /// taxes", "balanced the county budget".
    FISCAL_OBJECTS, is_fiscal_object:
        "budget"
        | "budgets"
        | "tax"
        | "taxes"
        | "rate"
        | "rates"
        | "fare"
        | "fares"
        | "fee"
        | "fees"
        | "subsidy"
        | "subsidies"
        | "spending"
        | "funding"
        | "grant"
        | "grants"
        | "toll"
        | "tolls"
        | "levy"
        | "levies"
        | "pension"
        | "pensions"
        | "benefits"
        | "deficit"
        | "tariff"
        | "tariffs"
}

word_list! {
    /// Acts of law-makers, courts and officials: "voted to close", "bars workers from
    /// striking", "declared a state of emergency".
    LAW_VERBS, is_law_verb:
        "voted"
        | "votes"
        | "vote"
        | "voting"
        | "approved"
        | "approves"
        | "approve"
        | "approving"
        | "declared"
        | "declares"
        | "banned"
        | "bans"
        | "banning"
        | "bars"
        | "barred"
        | "barring"
        | "mandated"
        | "mandates"
        | "vetoed"
        | "vetoes"
        | "enacted"
        | "enacts"
        | "repealed"
        | "repeals"
        | "imposed"
        | "imposes"
        | "impose"
        | "imposing"
        | "legalised"
        | "legalized"
        | "outlawed"
        | "ratified"
        | "overturned"
        | "capped"
        | "caps"
        | "capping"
}

word_list! {
    /// Verbs that are acts of law-makers only with a law as their object: "passed a law",
    /// "signed the bill", "adopted the budget".
    LAW_MAKING_VERBS, is_law_making_verb:
        "passed"
        | "passes"
        | "signed"
        | "signs"
        | "adopted"
        | "adopts"
        | "introduced"
}

word_list! {
    /// What law-makers pass, sign or adopt.
    LAW_NOUNS, is_law_noun:
        "law"
        | "laws"
        | "bill"
        | "bills"
        | "act"
        | "legislation"
        | "ordinance"
        | "ordinances"
        | "regulation"
        | "regulations"
        | "rule"
        | "rules"
        | "statute"
        | "budget"
        | "treaty"
        | "decree"
        | "amendment"
        | "measure"
        | "motion"
        | "resolution"
        | "order"
}

word_list! {
    /// Comparatives and words of comparison: "higher than", "compared with", "versus".
    COMPARATIVES, is_comparative:
        "than"
        | "compared"
        | "versus"
        | "vs"
        | "higher"
        | "lower"
        | "larger"
        | "smaller"
        | "bigger"
        | "greater"
        | "stronger"
        | "weaker"
        | "faster"
        | "slower"
        | "cheaper"
        | "costlier"
        | "richer"
        | "poorer"
        | "fewer"
        | "worse"
        | "more"
        | "less"
}

word_list! {
    /// Words that mark a record: "a record 14.2 gigawatts", "enrolment peaked".
    RECORD_WORDS, is_record_word:
        "record"
        | "peak"
        | "peaked"
        | "unprecedented"
        | "largest"
        | "biggest"
        | "highest"
        | "lowest"
        | "greatest"
        | "smallest"
        | "fewest"
        | "worst"
        | "least"
        | "longest"
        | "shortest"
}

word_list! {
    /// Ordinals that number a sequence ("her first dose", "a third year") and mark a record
    /// only in a record's phrasing ("the first woman to lead", "the first since 2019").
    ORDINAL_SUPERLATIVES, is_ordinal_superlative:
        "first"
        | "last"
        | "only"
}

word_list! {
    /// Words after an ordinal (within a few words) that make it a record: "the first woman
    /// to", "the first since", "for the first time", "the first ever".
    RECORD_CONTEXT, makes_a_record:
        "to"
        | "since"
        | "ever"
        | "time"
}

word_list! {
    /// Words before a figure that bound it rather than compare two things: "more than 600
    /// people", "up to 1,200 doses", "about a quarter".
    BOUNDS, is_bound:
        "more"
        | "less"
        | "fewer"
        | "than"
        | "over"
        | "under"
        | "nearly"
        | "almost"
        | "about"
        | "around"
        | "roughly"
        | "some"
        | "up"
        | "to"
        | "at"
        | "least"
        | "most"
        | "just"
        | "only"
        | "approximately"
        | "an"
        | "a"
        | "estimated"
}

word_list! {
    /// Amounts in words that stand for a figure after a bound ("more than half", "more than
    /// two hours").
    AMOUNT_WORDS, is_amount_word:
        "half"
        | "quarter"
        | "third"
        | "two"
        | "three"
        | "four"
        | "five"
        | "six"
        | "seven"
        | "eight"
        | "nine"
        | "ten"
        | "eleven"
        | "twelve"
        | "twenty"
        | "thirty"
        | "forty"
        | "fifty"
        | "hundred"
        | "hundreds"
        | "thousand"
        | "thousands"
        | "million"
        | "millions"
        | "dozen"
        | "dozens"
}

word_list! {
    /// Causal verbs beyond the scorer's cue words: "pushed rents up", "would force the
    /// agency to", "discouraged investment".
    CAUSAL_VERBS, is_causal_verb:
        "pushed"
        | "pushes"
        | "pushing"
        | "drove"
        | "drives"
        | "forced"
        | "forces"
        | "force"
        | "forcing"
        | "discouraged"
        | "discourages"
        | "encouraged"
        | "encourages"
        | "boosted"
        | "boosts"
        | "hurt"
        | "hurts"
}

word_list! {
    /// Cue words of cause that, in news, mostly report something else: "records began in
    /// 1910", "the result of the election", "signed a contract".
    WEAK_CAUSAL_CUES, is_weak_causal_cue:
        "result of"
        | "began in"
        | "started in"
        | "contract"
}

word_list! {
    /// Words that open a clause of purpose, whose content is what someone meant to show, not
    /// what the claim says: "in keeping with efforts to show vaccines are safe".
    PURPOSE_OPENERS, opens_a_purpose:
        "keeping"
        | "effort"
        | "efforts"
        | "order"
        | "bid"
        | "attempt"
}

word_list! {
    /// Verbs after "to" in a purpose clause: "to show", "to prove".
    PURPOSE_VERBS, is_purpose_verb:
        "show"
        | "prove"
        | "demonstrate"
        | "reassure"
        | "persuade"
        | "convince"
        | "encourage"
}

word_list! {
    /// Verbs before "to" in a headline that keep it in the present ("votes to close", "vows to
    /// fight"); after any other word, a headline's "to" is its future ("Fares to rise 12%").
    HEADLINE_CONTROL_WORDS, controls_a_headline_to:
        "votes"
        | "vote"
        | "agrees"
        | "agree"
        | "plans"
        | "vows"
        | "moves"
        | "seeks"
        | "wants"
        | "hopes"
        | "refuses"
        | "promises"
        | "pledges"
        | "threatens"
        | "fails"
        | "urges"
        | "asks"
        | "tries"
        | "needs"
        | "decides"
        | "aims"
        | "fights"
        | "struggles"
        | "pushes"
        | "calls"
        | "begins"
        | "starts"
        | "continues"
        | "returns"
        | "heads"
        | "leads"
        | "lead"
        | "led"
        | "linked"
        | "related"
        | "relative"
        | "thanks"
        | "owing"
        | "goes"
        | "comes"
        | "back"
        | "up"
        | "due"
        | "according"
        | "compared"
        | "how"
        | "what"
        | "where"
        | "ways"
        | "way"
        | "right"
        | "access"
}

word_list! {
    /// Evaluations beyond the scorer's cue words: "a miracle", "painful", "appalling".
    EVALUATIONS, is_evaluation:
        "miracle"
        | "painful"
        | "unacceptable"
        | "disastrous"
        | "scandal"
        | "scandalous"
        | "appalling"
        | "shocking"
        | "tragic"
        | "tragedy"
        | "reckless"
        | "irresponsible"
        | "disgraceful"
        | "pathetic"
}

word_list! {
    /// Words that ask for something: "asking for a freeze", "calls for an inquiry".
    REQUEST_WORDS, asks_for_something:
        "asking"
        | "calling"
        | "calls"
        | "called"
        | "demanding"
        | "demands"
        | "demanded"
        | "appealing"
}

word_list! {
    /// Words before a number that make it a time of day, not a figure ("4 p.m.").
    CLOCK_WORDS, is_clock_word:
        "a.m"
        | "p.m"
        | "am"
        | "pm"
        | "o'clock"
}

word_list! {
    /// Determiners and possessives that open a noun phrase ("the", "its", "their").
    DETERMINERS, is_determiner_word:
        "the"
        | "a"
        | "an"
        | "its"
        | "their"
        | "his"
        | "her"
        | "our"
        | "my"
        | "your"
        | "this"
        | "that"
        | "these"
        | "those"
        | "every"
        | "each"
        | "some"
        | "all"
}
