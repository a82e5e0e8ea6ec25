//! schema.org ClaimReview JSON-LD: the markup Google's Fact Check tools read.
//!
//! One `ClaimReview` per publishable claim in scope, in one document (`{"@context":
//! "https://schema.org", "@graph": [...]}`), following Google's fact-check structured data
//! guidelines (required: `claimReviewed`, `reviewRating.alternateName`, `url`; recommended:
//! `author`, `datePublished`, `itemReviewed` with its `author`, `datePublished` and
//! `appearance`, and the rating's numbers). Each review has:
//!
//! - `claimReviewed`: the claim as the desk checked it (the editor's wording, else the span's
//!   text);
//! - `reviewRating`: a `Rating` whose `alternateName` and `name` are the verdict on the desk's
//!   scale, with `ratingValue`, `bestRating` and `worstRating` when the scale is numbered;
//! - `url`: **this claim's** fact-check page: the claim's own review page, else the
//!   organisation's review URL template with the claim's id filled in;
//! - `author`: the organisation (`Organization` with `name` and `url`); without both, export
//!   stops with an error naming the missing setting;
//! - `datePublished`: the claim's review date;
//! - `itemReviewed`: a `Claim` with `author` (the speaker as the editor corrected them: a
//!   `Person` or an `Organization`, with `jobTitle` for a role; the outlet when the article
//!   itself asserts the claim), `datePublished` (the article's publication day) and
//!   `appearance` (the article: `url`, `headline`, `datePublished`, `publisher`).
//!
//! A claim that cannot be published is left out, and a problem names it and says what is
//! missing: it must be verified or disputed, have a verdict (a level of the desk's scale, or
//! on free text a label; the two-level scale's status counts as one), and have a review page.
//! Recommended properties that are missing are problems too, grouped by what fixes them.
//! [`check_review`] is the list of Google's properties every review is held to.
//!
//! The JSON is escaped so it can be pasted into a `<script type="application/ld+json">`
//! element as is.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use claimdesk_error::{Error, Result};
use claimdesk_fields::web_url;
use claimdesk_store::expand_review_url;
use claimdesk_store::records::{ClaimId, ProblemLevel, ReportProblem, SpeakerType};
use claimdesk_store::report_data::{ReportArticle, ReportClaim, ReportData, day_of};

use crate::json::to_embeddable_json;

/// How long Google suggests `claimReviewed` be at most, so it does not wrap on a phone.
pub const CLAIM_REVIEWED_MAX_CHARS: usize = 75;

/// Whether Google's guidelines require a property or recommend it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Need {
    /// Without it the review is not shown.
    Required,
    /// The review is shown without it, but with less.
    Recommended,
}

/// Google's ClaimReview properties, as paths into one review: what every exported review is
/// checked against. `itemReviewed.appearance` may be `firstAppearance` instead (either will
/// do, Google says).
pub const PROPERTIES: &[(&str, Need)] = &[
    ("claimReviewed", Need::Required),
    ("reviewRating", Need::Required),
    ("reviewRating.alternateName", Need::Required),
    ("url", Need::Required),
    ("author", Need::Recommended),
    ("author.name", Need::Recommended),
    ("author.url", Need::Recommended),
    ("datePublished", Need::Recommended),
    ("reviewRating.name", Need::Recommended),
    ("reviewRating.ratingValue", Need::Recommended),
    ("reviewRating.bestRating", Need::Recommended),
    ("reviewRating.worstRating", Need::Recommended),
    ("itemReviewed", Need::Recommended),
    ("itemReviewed.author", Need::Recommended),
    ("itemReviewed.author.name", Need::Recommended),
    ("itemReviewed.datePublished", Need::Recommended),
    ("itemReviewed.appearance", Need::Recommended),
    ("itemReviewed.appearance.url", Need::Recommended),
    ("itemReviewed.appearance.headline", Need::Recommended),
    ("itemReviewed.appearance.datePublished", Need::Recommended),
    ("itemReviewed.appearance.publisher", Need::Recommended),
];

/// The value at a dotted path of a review, if it is there and not empty.
fn at<'v>(review: &'v Value, path: &str) -> Option<&'v Value> {
    let mut value = review;
    for key in path.split('.') {
        value = value.get(key)?;
    }
    let empty = match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    (!empty).then_some(value)
}

/// The properties of [`PROPERTIES`] a review lacks, with how much each matters; and, as a
/// recommendation, a `claimReviewed` longer than Google suggests.
pub fn check_review(review: &Value) -> Vec<(&'static str, Need)> {
    let mut missing: Vec<(&'static str, Need)> = PROPERTIES
        .iter()
        .filter(|(path, _)| {
            let alternative = path
                .strip_prefix("itemReviewed.appearance")
                .map(|rest| format!("itemReviewed.firstAppearance{rest}"));
            at(review, path).is_none() && alternative.is_none_or(|alt| at(review, &alt).is_none())
        })
        .copied()
        .collect();
    if at(review, "url")
        .and_then(Value::as_str)
        .and_then(web_url)
        .is_none()
        && !missing.contains(&("url", Need::Required))
    {
        missing.push(("url", Need::Required));
    }
    if at(review, "claimReviewed")
        .and_then(Value::as_str)
        .is_some_and(|text| text.chars().count() > CLAIM_REVIEWED_MAX_CHARS)
    {
        missing.push(("claimReviewed (under 75 characters)", Need::Recommended));
    }
    missing
}

/// How a report names a claim: `claim 3 of “Ferry fares to rise”` (its number in its article,
/// not its internal id).
pub fn claim_name(article: &ReportArticle, item: &ReportClaim) -> String {
    format!(
        "claim {} of \u{201C}{}\u{201D}",
        number_of(item),
        short_title(&article.article.title)
    )
}

fn number_of(item: &ReportClaim) -> String {
    item.number
        .map_or_else(|| "(retired)".to_string(), |n| n.to_string())
}

fn short_title(title: &str) -> String {
    let flat = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 60 {
        return flat;
    }
    let mut cut: String = flat.chars().take(59).collect();
    cut.push('\u{2026}');
    cut
}

/// How many articles a problem's message names before it counts the rest.
const NAMED_ARTICLES: usize = 5;
/// How many claims of one article a problem's message names before it counts the rest.
const NAMED_CLAIMS: usize = 12;

/// Claims of one article that share a problem, named together: `claims 1, 4 and 7 of
/// “Headline”`.
fn claims_named(title: &str, numbers: &[String]) -> String {
    let list = match numbers {
        [one] => return format!("claim {one} of \u{201C}{}\u{201D}", short_title(title)),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    format!("claims {list} of \u{201C}{}\u{201D}", short_title(title))
}

/// What a group of problems shares: how much it matters (its order), the field that fixes it,
/// and what is wrong and how to fix it.
type ProblemKey = (u8, String, String);

/// An article of a group: its id and headline.
type ArticleKey = (i64, String);

/// Problems of the same kind, collected per article so a message names each claim once.
#[derive(Default)]
struct Grouped {
    /// Each kind of problem → article → the claims (their number, their id).
    groups: BTreeMap<ProblemKey, BTreeMap<ArticleKey, Vec<(String, ClaimId)>>>,
}

impl Grouped {
    fn add(
        &mut self,
        level: ProblemLevel,
        field: &str,
        what: String,
        article: &ReportArticle,
        item: &ReportClaim,
    ) {
        let order = match level {
            ProblemLevel::LeftOut => 0,
            ProblemLevel::Recommended => 1,
            ProblemLevel::Note => 2,
        };
        self.groups
            .entry((order, field.to_string(), what))
            .or_default()
            .entry((article.article.id, article.article.title.clone()))
            .or_default()
            .push((number_of(item), item.claim.id));
    }

    fn into_problems(self, problems: &mut Vec<ReportProblem>) {
        for ((order, field, what), articles) in self.groups {
            let level = match order {
                0 => ProblemLevel::LeftOut,
                1 => ProblemLevel::Recommended,
                _ => ProblemLevel::Note,
            };
            // A desk-wide export can name thousands of claims: the message names the first
            // articles' claims and counts the rest; `claim_ids` has them all.
            let mut named: Vec<String> = articles
                .iter()
                .take(NAMED_ARTICLES)
                .map(|((_, title), claims)| {
                    let mut numbers: Vec<String> = claims
                        .iter()
                        .take(NAMED_CLAIMS)
                        .map(|(n, _)| n.clone())
                        .collect();
                    if claims.len() > NAMED_CLAIMS {
                        numbers.push(format!("{} more", claims.len() - NAMED_CLAIMS));
                    }
                    claims_named(title, &numbers)
                })
                .collect();
            if articles.len() > NAMED_ARTICLES {
                let rest: usize = articles.values().skip(NAMED_ARTICLES).map(Vec::len).sum();
                named.push(format!(
                    "{rest} claim(s) of {} other article(s)",
                    articles.len() - NAMED_ARTICLES
                ));
            }
            let claim_ids = articles.values().flatten().map(|(_, id)| *id).collect();
            let prefix = match level {
                ProblemLevel::LeftOut => "Left out",
                _ => "In",
            };
            problems.push(ReportProblem {
                level,
                message: format!("{prefix} {}: {what}", named.join("; ")),
                field: (!field.is_empty()).then_some(field),
                claim_ids,
            });
        }
    }
}

/// What a missing recommended property means on the desk, the field that fixes it and how.
fn advice(path: &str) -> (&'static str, &'static str) {
    match path {
        "reviewRating.ratingValue" | "reviewRating.bestRating" | "reviewRating.worstRating" => (
            "verdict_scale",
            "the rating has no numbers (ratingValue, bestRating, worstRating): the verdict is \
             not a numbered level of the desk's scale; choose a numbered scale in the export \
             settings, or give the claim a verdict on it",
        ),
        "itemReviewed.author" | "itemReviewed.author.name" => (
            "speaker",
            "nobody is named as making the claim (itemReviewed.author); set the claim's speaker, \
             or the article's outlet when the article itself asserts it",
        ),
        "itemReviewed.datePublished" | "itemReviewed.appearance.datePublished" => (
            "published",
            "the article has no publication date (itemReviewed.datePublished); add it with Edit \
             details",
        ),
        "itemReviewed.appearance.url" => (
            "url",
            "the article has no web address (itemReviewed.appearance.url); add its source URL \
             with Edit details",
        ),
        "itemReviewed.appearance.publisher" => (
            "outlet",
            "the article has no outlet (itemReviewed.appearance.publisher); add it with Edit \
             details",
        ),
        "claimReviewed (under 75 characters)" => (
            "claim_text",
            "the claim as checked is over 75 characters, which Google suggests as the most for \
             claimReviewed; write a shorter wording of the claim",
        ),
        "datePublished" => (
            "status",
            "the review has no date (datePublished); mark the claim verified or disputed again",
        ),
        _ => ("", "a recommended property is missing"),
    }
}

/// Render the ClaimReview document of `data`; what an editor should know before publishing
/// it (claims left out, recommended properties missing) is added to `problems`.
pub fn render(data: &ReportData, problems: &mut Vec<ReportProblem>) -> Result<String> {
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
    let template = settings.review_url_template.as_deref();
    let mut reviews = Vec::new();
    let mut grouped = Grouped::default();
    for (article, item) in data.claims() {
        let claim = &item.claim;
        if !claim.status.is_reviewed() {
            grouped.add(
                ProblemLevel::LeftOut,
                "status",
                "not verified or disputed yet, so there is no review to publish".to_string(),
                article,
                item,
            );
            continue;
        }
        let rating = data.rating(claim);
        let has_verdict = claim.verdict.is_some() || rating.on_scale;
        let url = claim.review_url.as_deref().and_then(web_url).or_else(|| {
            template.and_then(|t| web_url(&expand_review_url(t, claim.article_id, claim.id)))
        });
        let missing = match (has_verdict, &url) {
            (true, Some(_)) => None,
            (false, Some(_)) => Some((
                "verdict",
                "no verdict; give it one in the claim's Verdict field",
            )),
            (true, None) => Some((
                "review_url_template",
                "no review page; set a review URL template in the export settings (such as \
                 https://factdesk.example/checks/{claim_id}), or the claim's own review page",
            )),
            (false, None) => Some((
                "verdict",
                "no verdict and no review page; give it a verdict, and set a review URL \
                 template in the export settings or the claim's own review page",
            )),
        };
        if let Some((field, what)) = missing {
            grouped.add(
                ProblemLevel::LeftOut,
                field,
                what.to_string(),
                article,
                item,
            );
            continue;
        }
        let Some(url) = url else { continue };
        if let (Some(ours), Some(theirs)) = (page.host_str(), url.host_str())
            && theirs != ours
            && !theirs.ends_with(&format!(".{ours}"))
        {
            grouped.add(
                ProblemLevel::Recommended,
                "review_url_template",
                format!(
                    "the review page is on {theirs}, not on the organisation's site ({ours}); \
                     Google reads a ClaimReview only on the page its url names"
                ),
                article,
                item,
            );
        }
        let mut review_rating = Map::new();
        review_rating.insert("@type".into(), json!("Rating"));
        review_rating.insert("alternateName".into(), json!(rating.alternate_name));
        review_rating.insert("name".into(), json!(rating.alternate_name));
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
        review.insert("claimReviewed".into(), json!(claim.wording()));
        review.insert("author".into(), organisation.clone());
        if let Some(day) = item.reviewed_at.as_deref().and_then(day_of) {
            review.insert("datePublished".into(), json!(day.to_string()));
        }
        review.insert("reviewRating".into(), Value::Object(review_rating));
        review.insert("itemReviewed".into(), item_reviewed(article, item));
        let review = Value::Object(review);
        // Each missing property once per claim, with the advice that fixes it.
        let mut advised: Vec<&str> = Vec::new();
        for (path, need) in check_review(&review) {
            let (field, what) = advice(path);
            if advised.contains(&what) {
                continue;
            }
            advised.push(what);
            let level = match need {
                Need::Required => ProblemLevel::LeftOut,
                Need::Recommended => ProblemLevel::Recommended,
            };
            grouped.add(level, field, what.to_string(), article, item);
        }
        reviews.push(review);
    }
    grouped.into_problems(problems);
    if reviews.is_empty() {
        problems.push(ReportProblem {
            level: ProblemLevel::Note,
            message: "no claim in scope can be published: the document holds no reviews"
                .to_string(),
            field: None,
            claim_ids: Vec::new(),
        });
    }
    to_embeddable_json(&json!({"@context": "https://schema.org", "@graph": reviews}))
}

/// The reviewed `Claim`: who made it, when, and where it appeared.
fn item_reviewed(article: &ReportArticle, item: &ReportClaim) -> Value {
    let meta = &article.article;
    let claim = &item.claim;
    let mut reviewed = Map::new();
    reviewed.insert("@type".into(), json!("Claim"));
    let author = match (&claim.extracted.speaker, &meta.outlet) {
        (Some(speaker), _) => Some(speaker_entity(
            speaker,
            claim.speaker_type,
            claim.speaker_role.as_deref(),
        )),
        // No speaker: the article states it in its own voice.
        (None, Some(outlet)) => Some(json!({"@type": "Organization", "name": outlet})),
        (None, None) => None,
    };
    if let Some(author) = author {
        reviewed.insert("author".into(), author);
    }
    if let Some(published) = &meta.published {
        reviewed.insert("datePublished".into(), json!(published));
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
    reviewed.insert("appearance".into(), Value::Object(appearance));
    Value::Object(reviewed)
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

/// Whether a name reads like a body ("the Port Authority", "Eastbrook City Council", "NATO")
/// rather than a person: what ClaimReview says when no editor said which it is.
pub fn reads_like_organisation(speaker: &str) -> bool {
    let name = speaker.trim();
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let acronym = name.len() >= 2
        && name.len() <= 6
        && name.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    acronym
        || words.first().is_some_and(|w| w == "the")
        || words.iter().any(|w| BODY_WORDS.contains(&w.as_str()))
}

/// The speaker as a schema.org `Person` or `Organization`: as the editor said, else as the
/// name reads; with the role as `jobTitle` (a person's) or `description` (a body's).
pub fn speaker_entity(speaker: &str, said: Option<SpeakerType>, role: Option<&str>) -> Value {
    let name = speaker.trim();
    let kind = said.unwrap_or(if reads_like_organisation(name) {
        SpeakerType::Organisation
    } else {
        SpeakerType::Person
    });
    let mut entity = Map::new();
    match kind {
        SpeakerType::Person => {
            entity.insert("@type".into(), json!("Person"));
            entity.insert("name".into(), json!(name));
            if let Some(role) = role {
                entity.insert("jobTitle".into(), json!(role));
            }
        }
        SpeakerType::Organisation => {
            entity.insert("@type".into(), json!("Organization"));
            entity.insert("name".into(), json!(name));
            if let Some(role) = role {
                entity.insert("description".into(), json!(role));
            }
        }
    }
    Value::Object(entity)
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
        assert_eq!(speaker_entity(speaker, None, None)["@type"], kind);
    }

    #[test]
    fn what_the_editor_said_beats_how_the_name_reads() {
        let person = speaker_entity(
            "Union Jack",
            Some(SpeakerType::Person),
            Some("Foreign affairs adviser"),
        );
        assert_eq!(person["@type"], "Person");
        assert_eq!(person["jobTitle"], "Foreign affairs adviser");
        let body = speaker_entity("Okafor & Sons", Some(SpeakerType::Organisation), None);
        assert_eq!(body["@type"], "Organization");
    }

    #[test]
    fn a_review_missing_its_page_or_rating_fails_the_required_check() {
        let review = json!({"@type": "ClaimReview", "claimReviewed": "x",
                            "reviewRating": {"@type": "Rating"}, "url": "not a url"});
        let missing = check_review(&review);
        assert!(missing.contains(&("url", Need::Required)), "{missing:?}");
        assert!(missing.contains(&("reviewRating.alternateName", Need::Required)));
        assert!(missing.contains(&("itemReviewed", Need::Recommended)));
    }

    #[test]
    fn first_appearance_stands_in_for_appearance() {
        let review = json!({"itemReviewed": {"firstAppearance": {"url": "https://a.example/",
            "headline": "h", "datePublished": "2025-01-01", "publisher": {"name": "p"}}}});
        let missing = check_review(&review);
        assert!(
            !missing
                .iter()
                .any(|(p, _)| p.starts_with("itemReviewed.appearance")),
            "{missing:?}"
        );
    }

    #[test]
    fn a_problem_of_many_claims_names_the_first_and_counts_the_rest() {
        let mut grouped = Grouped::default();
        for article in 1..=8_i64 {
            for number in 1..=20_i64 {
                grouped
                    .groups
                    .entry((0, "verdict".to_string(), "no verdict".to_string()))
                    .or_default()
                    .entry((article, format!("Article {article}")))
                    .or_default()
                    .push((number.to_string(), article * 100 + number));
            }
        }
        let mut problems = Vec::new();
        grouped.into_problems(&mut problems);
        let problem = &problems[0];
        assert_eq!(problem.claim_ids.len(), 160, "every claim is in claim_ids");
        assert!(
            problem.message.contains("11, 12 and 8 more of"),
            "{}",
            problem.message
        );
        assert!(
            problem
                .message
                .contains("60 claim(s) of 3 other article(s)"),
            "{}",
            problem.message
        );
        assert!(problem.message.len() < 1_000, "{}", problem.message);
    }

    #[test]
    fn several_claims_are_named_together() {
        assert_eq!(
            claims_named("Fares", &["1".into(), "4".into(), "7".into()]),
            "claims 1, 4 and 7 of \u{201C}Fares\u{201D}"
        );
        assert_eq!(
            claims_named("Fares", &["2".into()]),
            "claim 2 of \u{201C}Fares\u{201D}"
        );
    }
}
