//! Reading published fact-checks into the library, from the files fact-checkers publish:
//!
//! - **JSON Lines**, one fact-check per line: `id`, `claim`, `url` and optional `title`,
//!   `subtitle`, `rating`, `publisher`, `author`, `date` (the shape of the CheckThat! 2022
//!   claim-retrieval collection). A line may also be a ClaimReview object.
//! - **schema.org ClaimReview JSON-LD**: one `ClaimReview` object, an array of them, or a
//!   document that holds them: `@graph` (what `claimdesk export --format claimreview` writes),
//!   a `DataFeed`'s `dataFeedElement` (Google's fact-check feed) or an `ItemList`'s
//!   `itemListElement`, with each element the review itself or an entry whose `item` is.
//! - the **Google Fact Check Tools** answer: `{"claims": [{"text", "claimReview": [...]}]}`.
//! - **HTML pages** carrying ClaimReview in `<script type="application/ld+json">` elements, as
//!   a fact-check article publishes it.
//!
//! A record that cannot be used (no claim, no identifier) is left out and reported with its
//! line or position, and the others are read: one bad line never loses a file. What is
//! dropped from a usable record (a link that is not http or https, a date that is not a date)
//! is reported as a note.

use chrono::{DateTime, NaiveDate};
use serde_json::{Map, Value};

use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_fields::validate_url;
use claimdesk_store::fact_checks::NewFactCheck;

/// The largest file read, in bytes: a library of 100,000 fact-checks is about 50 MB.
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// How deep into a JSON-LD document reviews are looked for (a feed of entries of reviews is
/// three levels; a deeper document is not a feed).
const MAX_NESTING: usize = 6;

/// A record that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: "line 12" (JSON Lines) or "item 3" (a JSON-LD document).
    pub place: String,
    /// What is wrong, for the editor.
    pub message: String,
}

/// What a file held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactCheckFile {
    /// The format it was read as ("JSON Lines", "ClaimReview JSON-LD", ...).
    pub format: &'static str,
    /// The usable fact-checks, in file order.
    pub items: Vec<NewFactCheck>,
    /// The records left out.
    pub problems: Vec<Problem>,
    /// What was dropped from records that were kept.
    pub notes: Vec<Problem>,
}

/// Read a fact-check file's text (any of the formats above, told apart by content).
pub fn read(content: &str) -> Result<FactCheckFile> {
    if content.len() > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "the file is {} MB; fact-check files up to {} MB are read: split it",
                content.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = content.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(Error::invalid_input(
            "the file is empty: expected fact-checks as JSON Lines or ClaimReview JSON-LD",
        ));
    }
    if text.starts_with('<') {
        return read_html(text);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(document) => Ok(read_document(document)),
        Err(whole) => {
            // Not one JSON document: JSON Lines, when its first record reads as JSON.
            let first = text.lines().map(str::trim).find(|l| !l.is_empty());
            if first.is_some_and(|line| serde_json::from_str::<Value>(line).is_ok()) {
                Ok(read_lines(text))
            } else {
                Err(Error::invalid_input(format!(
                    "this is neither JSON Lines nor a JSON-LD document ({whole}); expected one \
                     fact-check per line, or ClaimReview JSON-LD"
                )))
            }
        }
    }
}

fn read_lines(text: &str) -> FactCheckFile {
    let mut file = FactCheckFile {
        format: "JSON Lines",
        ..FactCheckFile::default()
    };
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let place = format!("line {}", index + 1);
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => {
                let read = if is_claim_review(&object) {
                    claim_review(&object)
                } else {
                    line_record(&object)
                };
                file.keep(place, read);
            }
            Ok(_) => file.problems.push(Problem {
                place,
                message: "not a JSON object".to_string(),
            }),
            Err(err) => file.problems.push(Problem {
                place,
                message: format!("not valid JSON ({err})"),
            }),
        }
    }
    file
}

fn read_document(document: Value) -> FactCheckFile {
    if let Some(claims) = document.get("claims").and_then(Value::as_array) {
        return read_google_claims(claims);
    }
    let mut found = Vec::new();
    reviews_in(document, &mut found);
    let mut file = FactCheckFile {
        format: if found.iter().any(is_claim_review) {
            "ClaimReview JSON-LD"
        } else {
            "JSON"
        },
        ..FactCheckFile::default()
    };
    if found.is_empty() {
        file.problems.push(Problem {
            place: "the document".to_string(),
            message: "it holds no ClaimReview and no records with a `claim`".to_string(),
        });
    }
    for (index, object) in found.iter().enumerate() {
        let place = format!("item {}", index + 1);
        let read = if is_claim_review(object) {
            claim_review(object)
        } else {
            line_record(object)
        };
        file.keep(place, read);
    }
    file
}

/// The ClaimReview objects (or plain records with a `claim`) a JSON-LD document holds, in
/// document order, looked for through `@graph`, feeds and lists to a bounded depth.
fn reviews_in(document: Value, found: &mut Vec<Map<String, Value>>) {
    // An explicit stack (last in, first out, so pushed in reverse) keeps document order and
    // bounds the depth however deeply the input nests.
    let mut stack = vec![(document, 0usize)];
    while let Some((value, depth)) = stack.pop() {
        if depth > MAX_NESTING {
            continue;
        }
        match value {
            Value::Array(items) => {
                for item in items.into_iter().rev() {
                    stack.push((item, depth + 1));
                }
            }
            Value::Object(mut object) => {
                if is_claim_review(&object) || object.contains_key("claim") {
                    found.push(object);
                    continue;
                }
                for key in ["item", "itemListElement", "dataFeedElement", "@graph"]
                    .iter()
                    .rev()
                {
                    if let Some(inner) = object.remove(*key) {
                        stack.push((inner, depth + 1));
                    }
                }
            }
            _ => {}
        }
    }
}

fn read_google_claims(claims: &[Value]) -> FactCheckFile {
    let mut file = FactCheckFile {
        format: "Google Fact Check Tools",
        ..FactCheckFile::default()
    };
    for (index, claim) in claims.iter().enumerate() {
        let text = string(claim.get("text"));
        let reviews = claim
            .get("claimReview")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if reviews.is_empty() {
            file.problems.push(Problem {
                place: format!("claim {}", index + 1),
                message: "it has no claimReview".to_string(),
            });
        }
        for (r, review) in reviews.iter().enumerate() {
            let place = format!("claim {}, review {}", index + 1, r + 1);
            let mut notes = Vec::new();
            let url = link(review.get("url"), &mut notes);
            let item = NewFactCheck {
                source_key: url.clone().unwrap_or_default(),
                claim: text.clone().unwrap_or_default(),
                title: string(review.get("title")),
                subtitle: None,
                url,
                rating: string(review.get("textualRating")),
                publisher: name_of(review.get("publisher")),
                author: None,
                published: day(review.get("reviewDate"), &mut notes),
            };
            file.keep(place, usable(item, notes, "url"));
        }
    }
    file
}

impl FactCheckFile {
    fn keep(&mut self, place: String, read: std::result::Result<Read, String>) {
        match read {
            Ok(read) => {
                for note in read.notes {
                    self.notes.push(Problem {
                        place: place.clone(),
                        message: note,
                    });
                }
                self.items.push(read.item);
            }
            Err(message) => self.problems.push(Problem { place, message }),
        }
    }
}

/// A usable record and what was dropped from it.
struct Read {
    item: NewFactCheck,
    notes: Vec<String>,
}

/// A record of the JSON Lines shape.
fn line_record(object: &Map<String, Value>) -> std::result::Result<Read, String> {
    let mut notes = Vec::new();
    let url = link(object.get("url"), &mut notes);
    let key = match object.get("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => Some(id.trim().to_string()),
        Some(Value::Number(id)) => Some(id.to_string()),
        _ => url.clone(),
    };
    let item = NewFactCheck {
        source_key: key.unwrap_or_default(),
        claim: string(object.get("claim")).unwrap_or_default(),
        title: string(object.get("title")),
        subtitle: string(object.get("subtitle")),
        url,
        rating: string(object.get("rating")).or_else(|| name_of(object.get("rating"))),
        publisher: name_of(object.get("publisher")),
        author: name_of(object.get("author")),
        published: day(object.get("date"), &mut notes),
    };
    usable(item, notes, "id")
}

fn is_claim_review(object: &Map<String, Value>) -> bool {
    match object.get("@type") {
        Some(Value::String(kind)) => kind == "ClaimReview",
        Some(Value::Array(kinds)) => kinds.iter().any(|k| k == "ClaimReview"),
        _ => false,
    }
}

/// A schema.org ClaimReview.
fn claim_review(object: &Map<String, Value>) -> std::result::Result<Read, String> {
    let mut notes = Vec::new();
    let url = link(object.get("url"), &mut notes);
    let key = string(object.get("@id")).or_else(|| url.clone());
    // The review's author is usually the publishing organisation; a person's name goes to
    // `author`, and the organisation is then the `publisher`.
    let author = first(object.get("author"));
    let person = author
        .and_then(|a| a.get("@type"))
        .is_some_and(|t| t == "Person");
    let (publisher, author) = if person {
        (
            name_of(object.get("publisher")).or_else(|| name_of(object.get("sourceOrganization"))),
            name_of(author),
        )
    } else {
        (
            name_of(author).or_else(|| name_of(object.get("publisher"))),
            None,
        )
    };
    let rating = object.get("reviewRating").and_then(|rating| {
        string(rating.get("alternateName"))
            .or_else(|| string(rating.get("name")))
            .or_else(|| {
                let value = scalar(rating.get("ratingValue"))?;
                Some(match scalar(rating.get("bestRating")) {
                    Some(best) => format!("{value} of {best}"),
                    None => value,
                })
            })
    });
    let item = NewFactCheck {
        source_key: key.unwrap_or_default(),
        claim: string(object.get("claimReviewed")).unwrap_or_default(),
        title: string(object.get("headline")).or_else(|| string(object.get("name"))),
        subtitle: string(object.get("description")),
        url,
        rating,
        publisher,
        author,
        published: day(object.get("datePublished"), &mut notes),
    };
    usable(item, notes, "url")
}

/// The record, or why it cannot be used.
fn usable(
    item: NewFactCheck,
    notes: Vec<String>,
    key_field: &str,
) -> std::result::Result<Read, String> {
    if item.claim.trim().is_empty() {
        return Err("it has no claim (the claim that was checked is what is matched)".to_string());
    }
    if item.source_key.trim().is_empty() {
        return Err(format!(
            "it has no `{key_field}` to recognise it by when the file is imported again"
        ));
    }
    Ok(Read { item, notes })
}

/// A non-empty string field, whitespace collapsed.
fn string(value: Option<&Value>) -> Option<String> {
    let text = value?.as_str()?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A string or number, as text.
fn scalar(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Number(n) => Some(n.to_string()),
        other => string(Some(other)),
    }
}

/// The first of a value that may be one object or an array of them.
fn first(value: Option<&Value>) -> Option<&Value> {
    match value? {
        Value::Array(items) => items.first(),
        other => Some(other),
    }
}

/// A name: the string itself, or an entity's `name`.
fn name_of(value: Option<&Value>) -> Option<String> {
    let value = first(value)?;
    string(Some(value)).or_else(|| string(value.get("name")))
}

/// A link that is an absolute http(s) URL; anything else is dropped with a note.
fn link(value: Option<&Value>, notes: &mut Vec<String>) -> Option<String> {
    let raw = string(value)?;
    match validate_url(&raw) {
        Ok(url) => Some(url),
        Err(err) => {
            notes.push(format!("its link was left out: {}", err.message()));
            None
        }
    }
}

/// A publication day from the forms fact-checkers write: `2021-03-06`, an RFC 3339 time,
/// `6 March 2021`, `March 6, 2021`. Another form is dropped with a note.
fn day(value: Option<&Value>, notes: &mut Vec<String>) -> Option<NaiveDate> {
    let raw = string(value)?;
    let parsed = parse_date(&raw);
    if parsed.is_none() {
        notes.push(format!(
            "its date {raw:?} is not a date ClaimDesk reads; left out"
        ));
    }
    parsed
}

fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(raw) {
        return Some(time.date_naive());
    }
    if let Some(prefix) = raw.get(..10)
        && let Ok(day) = NaiveDate::parse_from_str(prefix, "%Y-%m-%d")
    {
        return Some(day);
    }
    let cleaned = raw.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    ["%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&cleaned, format).ok())
}

/// The ClaimReview objects in the JSON-LD script elements of an HTML page.
fn read_html(html: &str) -> Result<FactCheckFile> {
    let mut file = FactCheckFile {
        format: "ClaimReview in an HTML page",
        ..FactCheckFile::default()
    };
    let mut reviews = Vec::new();
    let mut scripts = 0;
    for (index, script) in json_ld_scripts(html).into_iter().enumerate() {
        scripts += 1;
        match serde_json::from_str::<Value>(script.trim()) {
            Ok(document) => reviews_in(document, &mut reviews),
            Err(err) => file.problems.push(Problem {
                place: format!("JSON-LD script {}", index + 1),
                message: format!("not valid JSON ({err})"),
            }),
        }
    }
    if scripts == 0 {
        return Err(Error::new(
            ErrorKind::UnsupportedFormat,
            "this HTML page carries no JSON-LD (<script type=\"application/ld+json\">), so no \
             ClaimReview to read; import the fact-checker's JSON or JSON Lines file instead",
        ));
    }
    for (index, object) in reviews.iter().enumerate() {
        if is_claim_review(object) {
            file.keep(format!("review {}", index + 1), claim_review(object));
        }
    }
    if file.items.is_empty() && file.problems.is_empty() {
        file.problems.push(Problem {
            place: "the page".to_string(),
            message: "its JSON-LD holds no ClaimReview".to_string(),
        });
    }
    Ok(file)
}

/// The contents of every `<script type="application/ld+json">` element, found by a plain scan
/// (the page's other markup does not matter here).
fn json_ld_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = lower[at..].find("<script") {
        let open = at + open;
        let Some(tag_end) = lower[open..].find('>').map(|e| open + e) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|c| tag_end + c) else {
            break;
        };
        if lower[open..tag_end].contains("application/ld+json") {
            found.push(&html[tag_end + 1..close]);
        }
        at = close + "</script".len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn json_lines_in_the_shape_of_the_retrieval_collection() {
        let file = read(concat!(
            r#"{"id": "fc-1", "claim": "Ferries will be free from May.", "title": "Free ferries?", "subtitle": "No.", "url": null, "author": "Jo Park", "date": "26 May 2015", "publisher": "Harbour Checks", "rating": "False"}"#,
            "\n\n",
            r#"{"id": 7, "claim": "The bridge closes at night.", "url": "https://checks.example/bridge"}"#,
            "\n"
        ))
        .unwrap();
        assert_eq!(file.format, "JSON Lines");
        assert_eq!(file.items.len(), 2);
        let first = &file.items[0];
        assert_eq!(first.source_key, "fc-1");
        assert_eq!(first.published, NaiveDate::from_ymd_opt(2015, 5, 26));
        assert_eq!(first.rating.as_deref(), Some("False"));
        assert_eq!(first.url, None);
        assert_eq!(file.items[1].source_key, "7");
        assert!(file.problems.is_empty() && file.notes.is_empty());
    }

    #[test]
    fn a_bad_line_is_reported_with_its_number_and_the_others_are_kept() {
        let file = read(concat!(
            r#"{"id": "a", "claim": "One."}"#,
            "\n",
            r#"{"id": "b", "claim": "#,
            "\n",
            r#"{"id": "c", "title": "no claim"}"#,
            "\n",
            r#"{"id": "d", "claim": "Two.", "url": "ftp://x.example/", "date": "someday"}"#,
        ))
        .unwrap();
        let kept: Vec<_> = file.items.iter().map(|i| i.source_key.as_str()).collect();
        assert_eq!(kept, ["a", "d"]);
        let places: Vec<_> = file.problems.iter().map(|p| p.place.as_str()).collect();
        assert_eq!(places, ["line 2", "line 3"]);
        assert_eq!(file.notes.len(), 2, "{:?}", file.notes);
        assert!(file.notes.iter().all(|n| n.place == "line 4"));
    }

    /// What `claimdesk export --format claimreview` writes.
    const EXPORTED: &str = r#"{"@context": "https://schema.org", "@graph": [{
        "@type": "ClaimReview", "url": "https://desk.example/checks#claim-3",
        "claimReviewed": "Fares would stay at $4 until 2026.",
        "author": {"@type": "Organization", "name": "Lakeside Fact Desk", "url": "https://desk.example/"},
        "datePublished": "2025-03-14",
        "reviewRating": {"@type": "Rating", "alternateName": "Mostly false", "ratingValue": 2, "bestRating": 5, "worstRating": 1},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization", "name": "The ferry company"}}}]}"#;

    #[test]
    fn claimdesks_own_claimreview_export_reads_back() {
        let file = read(EXPORTED).unwrap();
        assert_eq!(file.format, "ClaimReview JSON-LD");
        assert_eq!(file.items.len(), 1, "{file:?}");
        let item = &file.items[0];
        assert_eq!(item.source_key, "https://desk.example/checks#claim-3");
        assert_eq!(item.claim, "Fares would stay at $4 until 2026.");
        assert_eq!(item.publisher.as_deref(), Some("Lakeside Fact Desk"));
        assert_eq!(item.rating.as_deref(), Some("Mostly false"));
        assert_eq!(item.published, NaiveDate::from_ymd_opt(2025, 3, 14));
    }

    #[rstest]
    #[case::one_object(r#"{"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://c.example/1", "claimReviewed": "A.", "reviewRating": {"ratingValue": 1, "bestRating": 5}}"#, 1)]
    #[case::an_array(r#"[{"@type": "ClaimReview", "url": "https://c.example/1", "claimReviewed": "A."}, {"@type": ["ClaimReview"], "url": "https://c.example/2", "claimReviewed": "B."}]"#, 2)]
    #[case::a_data_feed(r#"{"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [{"@type": "ClaimReview", "url": "https://c.example/1", "claimReviewed": "A."}]}, {"@type": "DataFeedItem", "item": {"@type": "ClaimReview", "url": "https://c.example/2", "claimReviewed": "B."}}]}"#, 2)]
    #[case::an_item_list(r#"{"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": {"@type": "ClaimReview", "url": "https://c.example/1", "claimReviewed": "A."}}]}"#, 1)]
    #[case::google_fact_check_tools(r#"{"claims": [{"text": "A.", "claimReview": [{"publisher": {"name": "P"}, "url": "https://c.example/1", "title": "T", "reviewDate": "2020-01-02T00:00:00Z", "textualRating": "False"}]}]}"#, 1)]
    fn claimreview_documents_as_fact_checkers_publish_them(
        #[case] text: &str,
        #[case] count: usize,
    ) {
        let file = read(text).unwrap();
        assert_eq!(file.items.len(), count, "{file:?}");
        assert!(file.problems.is_empty(), "{:?}", file.problems);
    }

    #[test]
    fn a_numeric_rating_without_a_name_reads_as_value_of_best() {
        let file = read(r#"{"@type": "ClaimReview", "url": "https://c.example/1", "claimReviewed": "A.", "reviewRating": {"ratingValue": 1, "bestRating": 5}}"#).unwrap();
        assert_eq!(file.items[0].rating.as_deref(), Some("1 of 5"));
    }

    #[test]
    fn a_person_as_author_leaves_the_publisher_to_the_organisation() {
        let file = read(r#"{"@type": "ClaimReview", "url": "https://c.example/1", "claimReviewed": "A.", "author": {"@type": "Person", "name": "Jo Park"}, "publisher": {"@type": "Organization", "name": "Harbour Checks"}}"#).unwrap();
        let item = &file.items[0];
        assert_eq!(item.author.as_deref(), Some("Jo Park"));
        assert_eq!(item.publisher.as_deref(), Some("Harbour Checks"));
    }

    #[test]
    fn claimreview_in_a_fact_check_page() {
        let page = format!(
            "<!doctype html><html><head><script src=app.js></script>\
             <SCRIPT type=\"application/ld+json\">{EXPORTED}</SCRIPT></head><body>…</body></html>"
        );
        let file = read(&page).unwrap();
        assert_eq!(file.items.len(), 1);
        let err = read("<html><body>No markup</body></html>").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
    }

    #[rstest]
    #[case::empty("  \n")]
    #[case::prose("Ferries will be free, said nobody.")]
    fn what_is_not_a_fact_check_file_is_refused_with_a_reason(#[case] text: &str) {
        assert_eq!(read(text).unwrap_err().kind(), ErrorKind::InvalidInput);
    }

    #[test]
    fn deeply_nested_input_is_read_without_recursion() {
        let mut text = String::new();
        for _ in 0..100 {
            text.push_str(r#"{"@graph": ["#);
        }
        for _ in 0..100 {
            text.push_str("]}");
        }
        // serde_json's own limit refuses this depth; either way nothing panics.
        let _ = read(&text);
        let shallow = r#"{"@graph": [{"@graph": [{"@type": "ClaimReview", "url": "https://c.example/1", "claimReviewed": "A."}]}]}"#;
        assert_eq!(read(shallow).unwrap().items.len(), 1);
    }

    #[rstest]
    #[case("2021-03-06", (2021, 3, 6))]
    #[case("2021-03-06T10:00:00+02:00", (2021, 3, 6))]
    #[case("6 March 2021", (2021, 3, 6))]
    #[case("March 6, 2021", (2021, 3, 6))]
    #[case("Mar 6 2021", (2021, 3, 6))]
    fn dates_as_fact_checkers_write_them(#[case] raw: &str, #[case] ymd: (i32, u32, u32)) {
        assert_eq!(
            parse_date(raw),
            NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2)
        );
    }
}
