//! Bylines: what a page or a plain-text article gives as its author line, cleaned to the names.

use std::sync::LazyLock;

use regex::Regex;

/// Where a byline stops being names: a date, a time, a separator, a handle.
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \s+(?:[-–—|•·]|on)\s+.*$ |
        \s*[|•·].*$ |
        \s+@\w+.*$ |
        \s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$ |
        \s+\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b.*$ |
        \s+\d{4}-\d{2}-\d{2}.*$ |
        \s+\d{1,2}:\d{2}.*$",
    )
    .expect("static regex")
});

/// Page furniture that sits where a byline should be.
static NOT_A_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(updated|last updated|published|posted|follow|share|comments?)\b|^https?:|^\d|^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d")
        .expect("static regex")
});

/// A byline as names: whitespace collapsed, trailing dates, times, handles and separators cut;
/// `None` for interface text ("Last Updated: …", "Follow Author"), dates and links. A leading
/// "By" is kept: ClaimDesk shows what the page says.
pub fn clean(raw: &str) -> Option<String> {
    let byline = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if NOT_A_NAME.is_match(&byline) {
        return None;
    }
    let cut = TAIL.replace(&byline, "");
    let cut = cut.trim().trim_end_matches([',', ';', '-']).trim();
    let letters = cut.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2 && cut.chars().count() <= 200).then(|| cut.to_string())
}

/// Whether a line of a plain-text article is its byline: "By Lena Marsh", "By Mira Okafor,
/// City Desk", "Lena Marsh, Reuters", or a news agency on its own ("The Associated Press").
pub fn is_byline_line(line: &str) -> bool {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:by|written by|story by|reporting by)\s+\p{Lu}[\p{L}.'’-]*(\s+\S+){0,12}$")
            .expect("static regex")
    });
    static NAME_AND_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^\p{{Lu}}[\p{{L}}.'’-]+(\s+\p{{Lu}}[\p{{L}}.'’-]+){{1,3}}\s*(,|/|\|)\s*(?i:{})$",
            AGENCIES.join("|")
        ))
        .expect("static regex")
    });
    let line = line.trim();
    if line.chars().count() > 120 {
        return false;
    }
    BY.is_match(line)
        || NAME_AND_AGENCY.is_match(line)
        || AGENCIES
            .iter()
            .any(|agency| line.trim_end_matches('.').eq_ignore_ascii_case(agency))
}

/// News agencies that stand alone as a byline.
const AGENCIES: &[&str] = &[
    "The Associated Press",
    "Associated Press",
    "AP",
    "Reuters",
    "Agence France-Presse",
    "AFP",
    "Bloomberg",
    "Bloomberg News",
    "dpa",
    "Deutsche Presse-Agentur",
    "EFE",
    "ANSA",
    "Kyodo News",
    "Xinhua",
    "Press Association",
    "PA Media",
    "The Canadian Press",
    "Canadian Press",
    "Australian Associated Press",
    "AAP",
    "United Press International",
    "UPI",
];

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::date_after_a_dash("Dan Goodin - Apr 16, 2015 8:02 pm UTC", Some("Dan Goodin"))]
    #[case::date_and_handle(
        "by Steven Musil January 18, 2017 11:00 PM PST @stevenmusil",
        Some("by Steven Musil")
    )]
    #[case::bullet("James Akinaka • 8h", Some("James Akinaka"))]
    #[case::interface_text("Last Updated: January 7, 2025", None)]
    #[case::a_date("April 28, 2019 at 6:01 am Updated April 29, 2019", None)]
    #[case::two_names("Stella Kim, Jennifer Jett", Some("Stella Kim, Jennifer Jett"))]
    #[case::a_degree("Brenda Goodman, MA", Some("Brenda Goodman, MA"))]
    fn bylines_are_cleaned(#[case] raw: &str, #[case] expected: Option<&str>) {
        assert_eq!(clean(raw).as_deref(), expected);
    }

    #[rstest]
    #[case::by_a_name("By Lena Marsh", true)]
    #[case::by_a_name_and_desk("By Mira Okafor, City Desk", true)]
    #[case::an_agency("The Associated Press", true)]
    #[case::a_name_and_agency("Lena Marsh, Reuters", true)]
    #[case::a_sentence(
        "By Tuesday the council had voted 7-2 to spend the money on repairs to the bridge and the road that leads to it.",
        false
    )]
    #[case::a_headline("Harbour bridge repairs to cost $48 million", false)]
    fn byline_lines_are_recognised(#[case] line: &str, #[case] expected: bool) {
        assert_eq!(is_byline_line(line), expected, "{line}");
    }
}
