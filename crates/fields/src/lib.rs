//! The rules for the fields editors type: a day is `YYYY-MM-DD`, a link is an absolute `http`
//! or `https` address with a host.
//!
//! Every layer that accepts such a field (the sources reading an article's details, the store
//! saving an evidence link or an organisation, the interchange restoring an export, the app
//! reading a command's arguments) checks it here, so the same input gets the same answer and
//! the same message everywhere. Depends only on `claimdesk-error`.

#![deny(missing_docs)]

use chrono::NaiveDate;

use claimdesk_error::{Error, ErrorKind, Result};

/// Parse a `YYYY-MM-DD` day, with a message that says what is expected.
pub fn parse_day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid_input(format!(
            "{text:?} is not a date in the form YYYY-MM-DD (for example 2025-03-14)"
        ))
    })
}

/// Check that `raw` is an absolute http or https URL and return it normalised.
pub fn validate_url(raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    let invalid = |why: &str| {
        Error::new(
            ErrorKind::InvalidUrl,
            format!("{trimmed:?} is not a usable link: {why}"),
        )
    };
    let url = url::Url::parse(trimmed)
        .map_err(|_| invalid("give a full web address starting with https:// or http://"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("only http:// and https:// links are accepted"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host name"));
    }
    Ok(url.to_string())
}

/// `url` if it is an absolute http or https URL with a host: the only links a report or an
/// export makes.
pub fn web_url(url: &str) -> Option<url::Url> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    (matches!(parsed.scheme(), "http" | "https") && parsed.host_str().is_some()).then_some(parsed)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::plain_https("https://example.org/report", true)]
    #[case::plain_http("http://example.org", true)]
    #[case::javascript_scheme("javascript:alert(1)", false)]
    #[case::ftp_scheme("ftp://example.org/file", false)]
    #[case::relative_path("/report.html", false)]
    #[case::no_scheme("example.org/report", false)]
    #[case::data_uri("data:text/html,<script>", false)]
    fn only_absolute_web_links_are_valid(#[case] url: &str, #[case] valid: bool) {
        let result = validate_url(url);
        assert_eq!(result.is_ok(), valid, "{result:?}");
        if let Err(err) = result {
            assert_eq!(err.kind(), ErrorKind::InvalidUrl);
        }
    }

    #[test]
    fn a_day_must_be_written_year_month_day() {
        assert_eq!(
            parse_day(" 2025-03-14 ").ok(),
            NaiveDate::from_ymd_opt(2025, 3, 14)
        );
        let err = parse_day("14/03/2025").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }
}
