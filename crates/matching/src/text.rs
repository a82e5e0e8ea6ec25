//! What the lexical index reads: words, lower-cased, and a query cleaned of what only a post
//! carries (links, picture addresses).

use std::sync::LazyLock;

use regex::Regex;

/// Links and picture addresses: a post quoting a claim carries them, a fact-check never does,
/// so they only add noise to both the words and the meaning.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:https?://|www\.|pic\.twitter\.com/)\S*").expect("the link pattern is valid")
});

/// The text a claim is matched as: links and picture addresses removed, whitespace collapsed.
pub fn clean_query(text: &str) -> String {
    LINK.replace_all(text, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a text as the lexical index counts them: runs of letters, digits and
/// underscores, lower-cased ("U.S." is "u" and "s"; "$1" is "1").
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_pictures_leave_the_query() {
        assert_eq!(
            clean_query(
                "Oreo x Gaga packs drop today! pic.twitter.com/OPdkueC45h — see https://t.co/x1 "
            ),
            "Oreo x Gaga packs drop today! — see"
        );
    }

    #[test]
    fn words_are_lower_cased_runs_of_letters_and_digits() {
        let found: Vec<String> = words("The U.S. spent $1,000 on Café_bar!").collect();
        assert_eq!(
            found,
            ["the", "u", "s", "spent", "1", "000", "on", "café_bar"]
        );
    }
}
