//! Grammatical words: openers, conjunctions, auxiliaries, negations, and the words that start sentences and clauses.

use super::word_list;

word_list! {
    /// Capitalised words that open a sentence and name no one ("The", "In", "After"): a run of
    /// capitals starting with one is no personal name.
    SENTENCE_OPENING_WORDS, opens_sentence_not_name:
        "The"
        | "A"
        | "An"
        | "In"
        | "On"
        | "At"
        | "But"
        | "And"
        | "This"
        | "That"
        | "Since"
        | "After"
        | "Before"
        | "When"
        | "If"
        | "As"
        | "For"
        | "It"
}

word_list! {
    /// Words a speaker opens with that are not who speaks ("Well", "Yes", "Fourth",
    /// "Otherwise").
    DISCOURSE_WORDS, is_discourse_word:
        "Well"
        | "Yes"
        | "No"
        | "Now"
        | "So"
        | "Look"
        | "Listen"
        | "Otherwise"
        | "However"
        | "First"
        | "Second"
        | "Third"
        | "Fourth"
        | "Fifth"
        | "Finally"
        | "Again"
        | "Instead"
        | "Indeed"
        | "Also"
        | "Still"
        | "Then"
        | "Actually"
        | "What"
        | "Why"
        | "How"
        | "Just"
        | "Thank"
        | "Thanks"
        | "Please"
        | "Okay"
        | "OK"
        | "Oh"
        | "Because"
        | "Plus"
        | "As"
        | "When"
        | "If"
        | "While"
        | "Since"
        | "Although"
        | "Though"
        | "And"
        | "But"
        | "Or"
        | "Unless"
        | "Until"
}

word_list! {
    /// Words that lead into a sentence without being part of a speaker phrase ("But",
    /// "However").
    OPENERS, is_opener:
        "But"
        | "And"
        | "However"
        | "Meanwhile"
        | "Still"
        | "Yet"
        | "Also"
        | "So"
        | "Now"
}

word_list! {
    /// Conjunctions, relatives and auxiliaries that end a run of role words before a name.
    CLAUSE_WORDS, is_clause_word:
        "and"
        | "or"
        | "but"
        | "then"
        | "to"
        | "is"
        | "was"
        | "who"
        | "that"
        | "which"
}

word_list! {
    /// Words that open an adverbial before the subject: "On 12 March, he said", "After the jab,
    /// Biden thanked".
    ADVERBIAL_OPENERS, is_adverbial_opener:
        "On"
        | "In"
        | "At"
        | "After"
        | "Before"
        | "During"
        | "Following"
        | "Later"
        | "Earlier"
        | "Recently"
        | "Yesterday"
        | "Today"
        | "Last"
        | "This"
        | "Then"
        | "Meanwhile"
        | "Separately"
        | "Previously"
        | "Since"
        | "Speaking"
        | "When"
        | "While"
        | "However"
        | "Instead"
        | "Still"
}

word_list! {
    /// Time words that close an opening adverbial ("A day later,", "Weeks before,").
    TIME_WORDS_ENDING_AN_ADVERBIAL, ends_a_time_adverbial:
        "later"
        | "earlier"
        | "ago"
        | "before"
        | "after"
        | "week"
        | "month"
        | "year"
        | "day"
}

word_list! {
    /// Capitalised words that open a clause or stand for no one the desk could check ("When",
    /// "If", "They").
    CAPITALISED_NON_NAMES, is_capitalised_non_name:
        "When"
        | "If"
        | "While"
        | "As"
        | "After"
        | "Before"
        | "Because"
        | "Since"
        | "Although"
        | "Though"
        | "Once"
        | "Until"
        | "Unless"
        | "And"
        | "But"
        | "So"
        | "Then"
        | "Well"
        | "Yes"
        | "No"
        | "Now"
        | "I"
        | "We"
        | "They"
        | "It"
        | "You"
        | "This"
        | "That"
        | "There"
        | "Here"
        | "Somebody"
        | "Someone"
        | "Everybody"
        | "Everyone"
        | "Nobody"
        | "People"
}

word_list! {
    /// Common irregular verbs in the past tense ("met", "went", "told").
    IRREGULAR_PAST, is_irregular_past:
        "met"
        | "went"
        | "made"
        | "took"
        | "gave"
        | "spoke"
        | "came"
        | "left"
        | "sent"
        | "held"
        | "led"
        | "won"
        | "lost"
        | "paid"
        | "sat"
        | "stood"
        | "saw"
        | "signed"
        | "flew"
        | "ran"
        | "put"
        | "set"
        | "cut"
        | "brought"
        | "bought"
        | "wrote"
        | "told"
}

word_list! {
    /// Lower-case words that can open the subject of a clause ("the", "a", "his", "officials").
    SUBJECT_OPENERS, is_subject_opener:
        "the"
        | "a"
        | "an"
        | "his"
        | "her"
        | "their"
        | "its"
        | "he"
        | "she"
        | "they"
        | "we"
        | "it"
        | "one"
}

word_list! {
    /// Words that usually open a sentence and rarely follow an abbreviation inside one.
    SENTENCE_STARTERS, is_sentence_starter_listed:
        "A"
        | "After"
        | "Also"
        | "An"
        | "And"
        | "Another"
        | "Are"
        | "As"
        | "At"
        | "Because"
        | "Before"
        | "Both"
        | "But"
        | "By"
        | "Despite"
        | "Did"
        | "Do"
        | "Does"
        | "During"
        | "Each"
        | "Even"
        | "Every"
        | "For"
        | "From"
        | "Given"
        | "Had"
        | "Has"
        | "Have"
        | "He"
        | "Her"
        | "Here"
        | "His"
        | "How"
        | "However"
        | "I"
        | "If"
        | "In"
        | "Instead"
        | "Is"
        | "It"
        | "Its"
        | "Last"
        | "Many"
        | "Meanwhile"
        | "More"
        | "Most"
        | "My"
        | "No"
        | "Not"
        | "Now"
        | "Of"
        | "On"
        | "One"
        | "Only"
        | "Or"
        | "Our"
        | "Over"
        | "She"
        | "Since"
        | "So"
        | "Some"
        | "Still"
        | "Such"
        | "That"
        | "The"
        | "Their"
        | "Then"
        | "There"
        | "These"
        | "They"
        | "This"
        | "Those"
        | "Though"
        | "To"
        | "Under"
        | "Until"
        | "Was"
        | "We"
        | "Were"
        | "What"
        | "When"
        | "Where"
        | "Which"
        | "While"
        | "Who"
        | "Why"
        | "With"
        | "Without"
        | "Yet"
        | "You"
        | "Your"
}

word_list! {
    /// Words that show a finite verb near the start of a clause ("is", "was", "has").
    FINITE_VERBS, is_listed_finite_verb:
        "is"
        | "are"
        | "was"
        | "were"
        | "has"
        | "have"
        | "had"
        | "will"
        | "would"
        | "can"
        | "could"
        | "may"
        | "might"
        | "must"
        | "should"
        | "did"
        | "does"
        | "do"
        | "said"
        | "says"
        | "remains"
        | "remain"
        | "rose"
        | "fell"
        | "grew"
        | "won"
        | "lost"
        | "met"
        | "made"
        | "took"
        | "gave"
        | "became"
        | "went"
        | "came"
        | "left"
        | "paid"
        | "spent"
        | "sold"
        | "found"
        | "kept"
}

word_list! {
    /// Words that negate what a claim says ("not", "never", "didnt").
    NEGATIONS, is_negation:
        "not"
        | "no"
        | "never"
        | "nor"
        | "didnt"
        | "doesnt"
        | "isnt"
        | "wasnt"
        | "arent"
        | "werent"
        | "wont"
        | "cant"
        | "cannot"
        | "hasnt"
        | "havent"
        | "hadnt"
}

/// Words too common to show as examples of wording.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "that", "this", "there", "which", "who", "into", "than", "then", "so", "do", "does",
];

/// Articles and possessives that can open a noun phrase: "the ministry", "their lawyer".
pub const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "its", "their"];

/// Whether a word is one of [`DETERMINERS`], in either case ("The", "their").
pub fn is_determiner(word: &str) -> bool {
    DETERMINERS
        .iter()
        .any(|determiner| determiner.eq_ignore_ascii_case(word))
}
