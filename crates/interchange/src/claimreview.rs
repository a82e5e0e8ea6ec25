//! schema.org ClaimReview JSON-LD: the markup Google's Fact Check tools and search read.
//!
//! One `ClaimReview` per verified or disputed claim in scope, in one document
//! (`{"@context": "https://schema.org", "@graph": [...]}`); claims still open are not reviews
//! and are left out (the warnings say how many). Each review has:
//!
//! - `claimReviewed`: the claim's text;
//! - `reviewRating`: a `Rating` whose `alternateName` is the verdict on the desk's scale (or
//!   the status when no verdict was given), with `ratingValue`, `bestRating` and
//!   `worstRating` when the scale is numeric;
//! - `url`: the organisation's page URL with the fragment `#claim-N` (the HTML report's
//!   anchor for the claim);
//! - `author`: the organisation (`Organization` with `name` and `url`); without both, export
//!   stops with an error that says where to set them;
//! - `datePublished`: the claim's review date;
//! - `itemReviewed`: a `Claim` with `author` (the speaker, as a `Person` or, when the name
//!   reads like a body, an `Organization`; the outlet when the article itself asserts it),
//!   `datePublished` (the article's publication day) and `appearance` (the article: its URL,
//!   headline and publication day).
//!
//! The JSON is escaped so it can be pasted into a `<script type="application/ld+json">`
//! element as is.

use serde_json::{Map, Value, json};

use claimdesk_error::{Error, Result};
use claimdesk_fields::web_url;
use claimdesk_store::report_data::{ReportArticle, ReportClaim, ReportData, day_of};

use crate::json::to_embeddable_json;

/// Render the ClaimReview document of `data`; what an editor should know before publishing
/// it is added to `warnings`.
pub fn render(data: &ReportData, warnings: &mut Vec<String>) -> Result<String> {
    let settings = &data.settings;
    let (Some(name), Some(page)) = (
        settings.organisation_name.as_deref(),
        settings.organisation_url.as_deref().and_then(web_url),
    ) else {
        let field = if settings.organisation_name.is_none() {
            "organisation_name"
        } else {
            "organisation_url"
        };
        return Err(Error::missing_field(
            field,
            "ClaimReview markup needs your organisation's name and web address: set them in \
             the export settings",
        ));
    };
    let organisation = json!({"@type": "Organization", "name": name, "url": page.as_str()});
    let mut reviews = Vec::new();
    let mut open = 0;
    let mut off_scale = Vec::new();
    for (article, item) in data.claims() {
        if !item.claim.status.is_reviewed() {
            open += 1;
            continue;
        }
        let rating = data.rating(&item.claim);
        if !rating.on_scale && settings.verdict_scale.is_fixed() {
            off_scale.push(item.claim.id.to_string());
        }
        let mut url = page.clone();
        url.set_fragment(Some(&format!("claim-{}", item.claim.id)));
        let mut review_rating = Map::new();
        review_rating.insert("@type".into(), json!("Rating"));
        review_rating.insert("alternateName".into(), json!(rating.alternate_name));
        if let (Some(value), Some(best), Some(worst)) =
            (rating.rating_value, rating.best_rating, rating.worst_rating)
        {
            review_rating.insert("ratingValue".into(), json!(value));
            review_rating.insert("bestRating".into(), json!(best));
            review_rating.insert("worstRating".into(), json!(worst));
        }
        let mut review = Map::new();
        review.insert("@type".into(), json!("ClaimReview"));
        review.insert("url".into(), json!(url.as_str()));
        review.insert("claimReviewed".into(), json!(item.claim.extracted.text));
        review.insert("author".into(), organisation.clone());
        if let Some(day) = item.reviewed_at.as_deref().and_then(day_of) {
            review.insert("datePublished".into(), json!(day.to_string()));
        }
        review.insert("reviewRating".into(), Value::Object(review_rating));
        review.insert("itemReviewed".into(), item_reviewed(article, item));
        reviews.push(Value::Object(review));
    }
    if open > 0 {
        warnings.push(format!(
            "{open} claim(s) in scope are not verified or disputed yet and are not exported as \
             reviews"
        ));
    }
    if reviews.is_empty() {
        warnings.push(
            "no claim in scope is verified or disputed: the document holds no reviews".to_string(),
        );
    }
    if !off_scale.is_empty() {
        warnings.push(format!(
            "claim(s) {} have no verdict on the desk's scale: their rating carries the label \
             only; give them a verdict on the scale for a numeric rating",
            off_scale.join(", ")
        ));
    }
    to_embeddable_json(&json!({"@context": "https://schema.org", "@graph": reviews}))
}

/// The reviewed `Claim`: who made it, when, and where it appeared.
fn item_reviewed(article: &ReportArticle, item: &ReportClaim) -> Value {
    let meta = &article.article;
    let mut claim = Map::new();
    claim.insert("@type".into(), json!("Claim"));
    let author = match (&item.claim.extracted.speaker, &meta.outlet) {
        (Some(speaker), _) => Some(speaker_entity(speaker)),
        // No speaker: the article states it in its own voice.
        (None, Some(outlet)) => Some(json!({"@type": "Organization", "name": outlet})),
        (None, None) => None,
    };
    if let Some(author) = author {
        claim.insert("author".into(), author);
    }
    if let Some(published) = &meta.published {
        claim.insert("datePublished".into(), json!(published));
    }
    let mut appearance = Map::new();
    appearance.insert("@type".into(), json!("CreativeWork"));
    if let Some(url) = meta.url.as_deref().and_then(web_url) {
        appearance.insert("url".into(), json!(url.as_str()));
    }
    appearance.insert("headline".into(), json!(meta.title));
    if let Some(published) = &meta.published {
        appearance.insert("datePublished".into(), json!(published));
    }
    if let Some(outlet) = &meta.outlet {
        appearance.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": outlet}),
        );
    }
    claim.insert("appearance".into(), Value::Object(appearance));
    Value::Object(claim)
}

/// Words that make a speaker a body rather than a person.
const BODY_WORDS: &[&str] = &[
    "agency",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "campaign",
    "centre",
    "center",
    "chamber",
    "commission",
    "committee",
    "company",
    "congress",
    "corporation",
    "council",
    "court",
    "department",
    "foundation",
    "government",
    "group",
    "inc",
    "institute",
    "league",
    "ltd",
    "ministry",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "senate",
    "service",
    "society",
    "team",
    "trust",
    "union",
    "university",
];

/// The speaker as a schema.org `Person`, or an `Organization` when the name reads like one
/// ("the Port Authority", "Eastbrook City Council", "NATO").
pub fn speaker_entity(speaker: &str) -> Value {
    let name = speaker.trim();
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let acronym = name.len() >= 2
        && name.len() <= 6
        && name.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    let body = acronym
        || words.first().is_some_and(|w| w == "the")
        || words.iter().any(|w| BODY_WORDS.contains(&w.as_str()));
    let kind = if body { "Organization" } else { "Person" };
    json!({"@type": kind, "name": name})
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::person("Mayor Dana Whitfield", "Person")]
    #[case::person_single_name("Okafor", "Person")]
    #[case::council("Eastbrook City Council", "Organization")]
    #[case::the_body("the port authority", "Organization")]
    #[case::acronym("NATO", "Organization")]
    #[case::ministry("Ministry of Finance", "Organization")]
    fn speakers_are_people_unless_they_read_like_a_body(#[case] speaker: &str, #[case] kind: &str) {
        assert_eq!(speaker_entity(speaker)["@type"], kind);
    }
}
