//! ClaimDesk's own reading of a page's metadata: `<meta>` tags (Open Graph, `article:*`,
//! Dublin Core, Parse.ly), JSON-LD `NewsArticle`/`Article` (also inside `@graph`), `<time
//! datetime>`, the canonical link and `<html lang>`. Used where libreadability has nothing,
//! and for what no extractor gives (the canonical URL, the modified date).

use scraper::{Html, Selector};

/// What a page says about itself.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMetadata {
    /// Headline.
    pub title: Option<String>,
    /// Author line, as the page gives it.
    pub byline: Option<String>,
    /// The publication's name.
    pub site_name: Option<String>,
    /// Publication date as written (to read with `dates::day_as_written`).
    pub published: Option<String>,
    /// Last modification date as written.
    pub modified: Option<String>,
    /// The canonical address, as written (validated by the caller).
    pub canonical_url: Option<String>,
    /// The page's language (`en`, `fr-CA`).
    pub language: Option<String>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("static CSS selector")
}

pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Read the metadata of a parsed page.
pub fn read(document: &Html) -> PageMetadata {
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            let css = format!(
                r#"meta[property="{name}" i], meta[name="{name}" i], meta[itemprop="{name}" i]"#
            );
            let sel = Selector::parse(&css).ok()?;
            document
                .select(&sel)
                .filter_map(|el| el.attr("content"))
                .map(collapse)
                .find(|value| !value.is_empty())
        })
    };
    let json_ld = json_ld_article(document);
    let ld = |key: &str| json_ld.as_ref().and_then(|item| json_ld_text(item, key));
    let first_text = |css: &str| {
        document
            .select(&selector(css))
            .map(|el| collapse(&el.text().collect::<String>()))
            .find(|text| !text.is_empty())
    };
    PageMetadata {
        title: meta(&["og:title", "twitter:title", "dc.title", "dcterms.title"])
            .or_else(|| ld("headline"))
            .or_else(|| first_text("h1"))
            .or_else(|| first_text("title")),
        byline: meta(&[
            "author",
            "article:author",
            "dc.creator",
            "dcterms.creator",
            "byl",
            "parsely-author",
        ])
        .filter(|author| !author.starts_with("http"))
        .or_else(|| ld("author"))
        .or_else(|| first_text(r#"[rel="author"], [itemprop="author"], .byline"#)),
        site_name: meta(&["og:site_name", "application-name"]).or_else(|| ld("publisher")),
        published: meta(&[
            "article:published_time",
            "datePublished",
            "og:published_time",
            "parsely-pub-date",
            "dcterms.created",
            "dcterms.date",
            "dc.date",
            "dc.date.issued",
            "date",
            "pubdate",
        ])
        .or_else(|| ld("datePublished"))
        .or_else(|| {
            document
                .select(&selector("time[datetime]"))
                .filter_map(|el| el.attr("datetime"))
                .map(str::to_string)
                .next()
        }),
        modified: meta(&[
            "article:modified_time",
            "dateModified",
            "og:updated_time",
            "dcterms.modified",
            "last-modified",
        ])
        .or_else(|| ld("dateModified")),
        canonical_url: document
            .select(&selector(r#"link[rel="canonical"]"#))
            .filter_map(|el| el.attr("href"))
            .map(str::trim)
            .find(|href| !href.is_empty())
            .map(str::to_string)
            .or_else(|| meta(&["og:url"]))
            .or_else(|| ld("url")),
        language: document
            .root_element()
            .attr("lang")
            .map(str::trim)
            .filter(|lang| !lang.is_empty())
            .map(str::to_string)
            .or_else(|| meta(&["og:locale", "language", "dc.language"])),
    }
}

/// The first JSON-LD object that describes an article (NewsArticle, Article, ...).
fn json_ld_article(document: &Html) -> Option<serde_json::Value> {
    let mut candidates = Vec::new();
    for script in document.select(&selector(r#"script[type="application/ld+json"]"#)) {
        let Ok(value) =
            serde_json::from_str::<serde_json::Value>(&script.text().collect::<String>())
        else {
            continue;
        };
        // Iterative: a page decides how deep its JSON-LD nests (serde_json caps it at 128).
        let mut stack = vec![value];
        while let Some(value) = stack.pop() {
            match value {
                serde_json::Value::Array(items) => stack.extend(items.into_iter().rev()),
                serde_json::Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        stack.push(graph);
                    }
                    candidates.push(serde_json::Value::Object(map));
                }
                _ => {}
            }
        }
    }
    candidates.into_iter().find(|item| {
        let is_article = |t: &str| t.ends_with("Article") || t == "Report" || t == "BlogPosting";
        match item.get("@type") {
            Some(serde_json::Value::String(t)) => is_article(t),
            Some(serde_json::Value::Array(types)) => {
                types.iter().filter_map(|t| t.as_str()).any(is_article)
            }
            _ => false,
        }
    })
}

/// A JSON-LD property as text: a string, the `name` of an object, or the names of a list.
fn json_ld_text(item: &serde_json::Value, key: &str) -> Option<String> {
    fn text(value: &serde_json::Value) -> Option<String> {
        match value {
            serde_json::Value::String(s) => Some(collapse(s)),
            serde_json::Value::Object(map) => map.get("name").and_then(|name| match name {
                serde_json::Value::String(s) => Some(collapse(s)),
                _ => None,
            }),
            serde_json::Value::Array(items) => {
                let names: Vec<String> = items
                    .iter()
                    .filter_map(|item| match item {
                        serde_json::Value::Array(_) => None,
                        other => text(other),
                    })
                    .collect();
                (!names.is_empty()).then(|| names.join(", "))
            }
            _ => None,
        }
    }
    item.get(key).and_then(text).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_in_a_graph_supplies_what_meta_tags_lack() {
        let document = Html::parse_document(
            r#"<html lang="en-GB"><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
             {"@type":"NewsArticle","headline":"Ferry fares frozen","datePublished":"2024-11-02",
              "dateModified":"2024-11-03T08:00:00Z",
              "author":[{"@type":"Person","name":"Jo Park"}],"publisher":{"name":"Coast News"}}]}
            </script></head><body><p>Fares stay at $4.</p></body></html>"#,
        );
        let meta = read(&document);
        assert_eq!(meta.title.as_deref(), Some("Ferry fares frozen"));
        assert_eq!(meta.byline.as_deref(), Some("Jo Park"));
        assert_eq!(meta.site_name.as_deref(), Some("Coast News"));
        assert_eq!(meta.published.as_deref(), Some("2024-11-02"));
        assert_eq!(meta.modified.as_deref(), Some("2024-11-03T08:00:00Z"));
        assert_eq!(meta.language.as_deref(), Some("en-GB"));
    }
}
