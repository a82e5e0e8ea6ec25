//! Reading a web page: the article's text and what the page says about it.
//!
//! Measured on the 130 readability-pages and against every Rust extractor on crates.io
//! (`bench/extract`, BENCHMARKS.md), the best even reading comes from three readers together:
//! - **the body** from trafilatura 0.6 (`enable_fallback`, `exclude_comments`, `FavorRecall`):
//!   4-gram shingle F1 0.956 here and 0.958 on a held-out set, where ClaimDesk's own reader
//!   scored 0.906 / 0.846; then libreadability's body, then our own, when it finds nothing;
//! - **the metadata** from libreadability 0.3 (title, byline, site name, dates, language),
//!   cleaned ([`crate::byline`], days as written) and completed by our own reading
//!   ([`metadata`]), which alone gives the canonical URL;
//! - **our own code around them**: the page is decoded before ([`crate::decode`]), flattened
//!   where it nests deeper than 512 ([`crate::guard`]), read only by our own linear reader when
//!   it has more than [`MAX_ELEMENTS_FOR_EXTRACTORS`] elements, and the extractors run on a
//!   thread with a large stack inside `catch_unwind`, so a bug of theirs costs a warning, never
//!   the desk.

pub mod metadata;
pub mod text;

use std::panic::{AssertUnwindSafe, catch_unwind};

use chrono::NaiveDate;
use scraper::Html;

use crate::{byline, dates, guard};
use claimdesk_fields::validate_url;

/// Above this many elements the extractors are not run: the page is read by our own linear
/// reader only. The 130 real pages have at most 9,888 elements; the extractors take 17–23 s
/// and over 1 GB on a 30 MB page of 400,000.
pub const MAX_ELEMENTS_FOR_EXTRACTORS: usize = 150_000;

/// The stack the extractors run on. They recurse over the tree; after the depth guard 8 MiB is
/// plenty, and this leaves room for a page the guard's approximate scan underestimates.
const EXTRACTOR_STACK: usize = 64 * 1024 * 1024;

/// Which reader produced an article's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyReader {
    /// trafilatura 0.6.
    Trafilatura,
    /// libreadability 0.3 (a Readability port).
    Readability,
    /// ClaimDesk's own linear reader.
    Own,
}

impl BodyReader {
    /// How the reader is named where the source of an article is shown.
    pub fn name(self) -> &'static str {
        match self {
            BodyReader::Trafilatura => "trafilatura 0.6",
            BodyReader::Readability => "libreadability 0.3",
            BodyReader::Own => "ClaimDesk",
        }
    }
}

/// What was read from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlReading {
    /// The article's text: paragraphs separated by a blank line.
    pub body: String,
    /// Which reader produced it.
    pub reader: BodyReader,
    /// Headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// The publication's name.
    pub site_name: Option<String>,
    /// The canonical address (absolute http or https).
    pub url: Option<String>,
    /// Publication day as written.
    pub published: Option<NaiveDate>,
    /// Last modification day as written.
    pub modified: Option<NaiveDate>,
    /// The page's language.
    pub language: Option<String>,
    /// What the editor should know about the reading.
    pub warnings: Vec<String>,
}

/// What the extractors found, from their thread.
struct Extracted {
    trafilatura: Option<trafilatura::ExtractResult>,
    readability: Option<libreadability::Article>,
}

fn run_extractors(html: &str, page_url: Option<&str>) -> Option<Extracted> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("claimdesk-extract".into())
            .stack_size(EXTRACTOR_STACK)
            .spawn_scoped(scope, || {
                catch_unwind(AssertUnwindSafe(|| {
                    let readability = libreadability::extract(html, page_url).ok();
                    let mut options = trafilatura::Options::default();
                    options.enable_fallback = true;
                    options.exclude_comments = true;
                    options.focus = trafilatura::ExtractionFocus::FavorRecall;
                    options.original_url = page_url.and_then(|url| url::Url::parse(url).ok());
                    let trafilatura = trafilatura::extract(html, &options).ok();
                    Extracted {
                        trafilatura,
                        readability,
                    }
                }))
                .ok()
            });
        match worker {
            Ok(handle) => handle.join().ok().flatten(),
            Err(_) => None,
        }
    })
}

/// Whether `paragraphed` holds (nearly) the words of `run_together`, paragraphs aside: the
/// same words in the same order give the same 4-word windows (shingles); at least 90% of
/// `paragraphed`'s windows are in `run_together`, and 70% the other way (a headline run into
/// the text makes a few windows of its own).
fn same_words(run_together: &str, paragraphed: &str) -> bool {
    fn shingles(text: &str) -> std::collections::HashSet<Vec<&str>> {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        words.windows(4).map(<[&str]>::to_vec).collect()
    }
    let (one, other) = (shingles(run_together), shingles(paragraphed));
    if one.is_empty() || other.is_empty() {
        return false;
    }
    let shared = one.intersection(&other).count() as f64;
    shared / other.len() as f64 >= 0.9 && shared / one.len() as f64 >= 0.7
}

fn non_empty(text: &str) -> Option<String> {
    let text = metadata::collapse(text);
    (!text.is_empty()).then_some(text)
}

/// Read a page (already decoded). `page_url` is where it was fetched from, if it was.
pub fn read_html(html: &str, page_url: Option<&str>) -> HtmlReading {
    let mut warnings = Vec::new();
    let (shape, html) = guard::flatten_deep(html, guard::MAX_DEPTH);
    if shape.max_depth > guard::MAX_DEPTH {
        warnings.push(format!(
            "the page nests elements {} deep; everything deeper than {} was read as plain text",
            shape.max_depth,
            guard::MAX_DEPTH
        ));
    }
    let extracted = if shape.elements > MAX_ELEMENTS_FOR_EXTRACTORS {
        warnings.push(format!(
            "the page has {} elements, far more than an article; it was read by ClaimDesk's \
             own reader only: check that the text is the article",
            shape.elements
        ));
        None
    } else {
        let extracted = run_extractors(&html, page_url);
        if extracted.is_none() {
            warnings.push(
                "the article extractor failed on this page; ClaimDesk's own reader was used: \
                 check that the text is the article"
                    .to_string(),
            );
        }
        extracted
    };
    let document = Html::parse_document(&html);
    let own = metadata::read(&document);

    let (trafilatura, readability) = match extracted {
        Some(found) => (found.trafilatura, found.readability),
        None => (None, None),
    };
    let trafilatura_body = trafilatura
        .as_ref()
        .map(|result| text::html_to_text(&result.content_html))
        .filter(|body| !body.trim().is_empty());
    let readability_body = || {
        readability
            .as_ref()
            .map(|article| text::html_to_text(&article.content))
            .filter(|body| !body.trim().is_empty())
    };
    let (body, reader) = match trafilatura_body {
        Some(body) => match readability_body() {
            // trafilatura's baseline fallback runs a short article's paragraphs together; when
            // libreadability kept the same words as paragraphs, its body is the better form.
            Some(paragraphed) if !body.contains("\n\n") && same_words(&body, &paragraphed) => {
                (paragraphed, BodyReader::Readability)
            }
            _ => (body, BodyReader::Trafilatura),
        },
        None => match readability_body() {
            Some(body) => (body, BodyReader::Readability),
            None => (text::own_body(&document), BodyReader::Own),
        },
    };

    let from_readability = |field: fn(&libreadability::Article) -> &str| {
        readability.as_ref().map(field).and_then(non_empty)
    };
    let title = from_readability(|a| &a.title).or(own.title);
    let byline = from_readability(|a| &a.byline)
        .and_then(|raw| byline::clean(&raw))
        .or_else(|| own.byline.as_deref().and_then(byline::clean))
        .or_else(|| {
            trafilatura
                .as_ref()
                .and_then(|result| byline::clean(&result.metadata.author))
        });
    let site_name = from_readability(|a| &a.site_name).or(own.site_name);
    let mut day = |what: &str, raw: Option<String>| {
        let raw = raw?;
        let day = dates::day_as_written(&raw);
        if day.is_none() {
            warnings.push(format!(
                "the page's {what} date {raw:?} could not be read; set it by hand"
            ));
        }
        day
    };
    let published = day(
        "publication",
        from_readability(|a| &a.published_time).or(own.published),
    )
    .or_else(|| trafilatura.as_ref().and_then(|result| result.metadata.date));
    let modified = day(
        "modification",
        from_readability(|a| &a.modified_time).or(own.modified),
    );
    let language = from_readability(|a| &a.language).or(own.language);
    let url = own.canonical_url.and_then(|raw| match validate_url(&raw) {
        Ok(url) => Some(url),
        Err(_) => {
            warnings.push(format!(
                "the page's own address {raw:?} is not an absolute http(s) link, so it was \
                     not kept"
            ));
            None
        }
    });
    HtmlReading {
        body,
        reader,
        title,
        byline,
        site_name,
        url,
        published,
        modified,
        language,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
        <title>Port budget | The Gazette</title>
        <meta property="og:title" content="Port budget rises 12%">
        <meta property="og:site_name" content="The Gazette">
        <meta name="author" content="Ana Ruiz">
        <meta property="article:published_time" content="2025-03-14T23:30:00-05:00">
        <meta property="article:modified_time" content="2025-03-15T09:00:00-05:00">
        <link rel="canonical" href="https://gazette.example/port-budget">
        <script>var tracking = "The budget rose 99%";</script>
        </head><body><nav>Home | World | Sports | Weather</nav>
        <article><h1>Port budget rises 12%</h1>
        <p>The port authority said on <b>Friday</b> that its budget for the coming year rose by
        12%, to $48 million, the largest increase in a decade.</p>
        <p>Mayor Lee said: &ldquo;We will hire 40 pilots and dredge the channel before the
        summer season begins.&rdquo;</p>
        <p>The harbour handled 1.2 million containers last year, up from 900,000 in 2020,
        according to the authority's annual report.</p>
        <aside>Read more: ferry fares</aside></article>
        <footer>© The Gazette</footer></body></html>"#;

    #[test]
    fn a_news_page_gives_its_article_and_metadata() {
        let reading = read_html(PAGE, Some("https://gazette.example/p?id=1"));
        assert_eq!(reading.title.as_deref(), Some("Port budget rises 12%"));
        assert_eq!(reading.site_name.as_deref(), Some("The Gazette"));
        assert_eq!(reading.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            reading.url.as_deref(),
            Some("https://gazette.example/port-budget")
        );
        assert_eq!(reading.published, NaiveDate::from_ymd_opt(2025, 3, 14));
        assert_eq!(reading.modified, NaiveDate::from_ymd_opt(2025, 3, 15));
        assert_eq!(reading.language.as_deref(), Some("en"));
        assert!(
            reading.body.contains("We will hire 40 pilots"),
            "{}",
            reading.body
        );
        assert!(reading.body.contains("1.2 million containers"));
        for furniture in ["Home | World", "99%", "© The Gazette"] {
            assert!(
                !reading.body.contains(furniture),
                "{furniture}: {}",
                reading.body
            );
        }
    }

    #[test]
    fn regression_100000_nested_divs_are_read_quickly_without_overflowing_the_stack() {
        let html = format!(
            "<html><body><article>{}<p>The deep paragraph says the toll rose 8%.</p>{}</article></body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let reading = read_html(&html, None);
        assert!(
            reading.body.contains("the toll rose 8%"),
            "{}",
            reading.body
        );
        assert!(
            reading.warnings.iter().any(|w| w.contains("100004 deep")),
            "{:?}",
            reading.warnings
        );
    }

    #[test]
    fn a_page_of_scripts_has_no_body() {
        let html = format!(
            "<html><head><script>{}</script></head><body><script>{}</script></body></html>",
            "var a = 'text';".repeat(1000),
            "document.write('<p>hello</p>');".repeat(1000)
        );
        assert_eq!(read_html(&html, None).body, "");
    }
}
