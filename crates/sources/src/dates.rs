//! Dates as pages and datelines write them, read as the calendar day written: an article
//! published at 23:30 in New York on 14 March is a 14 March article, whatever the UTC day.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate};
use regex::Regex;

/// The day a date string names as written: an ISO 8601 date (with or without a time), an
/// RFC 2822 date (feeds), or a dateline ("March 14, 2025", "14 March 2025", "Mar. 14, 2025",
/// optionally after "Published"/"Updated" or a weekday).
pub fn day_as_written(text: &str) -> Option<NaiveDate> {
    static ISO_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)").expect("static regex")
    });
    if let Some(caps) = ISO_DAY.captures(text) {
        return NaiveDate::from_ymd_opt(
            caps[1].parse().ok()?,
            caps[2].parse().ok()?,
            caps[3].parse().ok()?,
        );
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(text.trim()) {
        return Some(date.date_naive());
    }
    dateline(text)
}

/// A dateline: "March 14, 2025", "14 March 2025", "Mar. 14, 2025", "Published: Sept. 2, 2024",
/// "Friday, March 14, 2025"; `None` for anything longer than a dateline.
pub fn dateline(text: &str) -> Option<NaiveDate> {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(published|updated|posted|first published)?\s*(on|:)?\s*((mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?")
            .expect("static regex")
    });
    let text = text.trim();
    if text.chars().count() > 60 {
        return None;
    }
    let rest = PREFIX.replace(text, "");
    let cleaned = rest
        .replace('.', "")
        .replace(',', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let cleaned = cleaned.replace("Sept ", "Sep ");
    ["%B %d %Y", "%d %B %Y", "%b %d %Y", "%d %b %Y", "%Y-%m-%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&cleaned, format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::iso_with_offset("2025-03-14T23:30:00-05:00", Some((2025, 3, 14)))]
    #[case::iso_day("2025-03-14", Some((2025, 3, 14)))]
    #[case::rfc2822_feed_date("Fri, 14 Mar 2025 23:30:00 -0500", Some((2025, 3, 14)))]
    #[case::us_dateline("March 14, 2025", Some((2025, 3, 14)))]
    #[case::uk_dateline("14 March 2025", Some((2025, 3, 14)))]
    #[case::abbreviated("Published: Sept. 2, 2024", Some((2024, 9, 2)))]
    #[case::with_weekday("Friday, March 14, 2025", Some((2025, 3, 14)))]
    #[case::a_sentence("The budget rose in March 2025 by 12%.", None)]
    #[case::a_number_is_not_a_day("20251", None)]
    fn dates_are_read_as_written(#[case] text: &str, #[case] expected: Option<(i32, u32, u32)>) {
        let expected = expected.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        assert_eq!(day_as_written(text), expected);
    }
}
