//! Reading articles: from a file's bytes or the text the UI read, plain text or HTML, to the
//! body text that claims point into and the metadata around it.
//!
//! Limits and rules an editor can rely on:
//! - An article is at most [`MAX_ARTICLE_BYTES`] (20 MiB) of text, far above any news story
//!   (a long feature is ~100 KB) but low enough that a wrong file fails fast: `too_large`.
//! - Bytes that are not UTF-8 are replaced (U+FFFD) and the import says so in its warnings;
//!   UTF-16 files with a byte-order mark are decoded properly.
//! - Binary files (NUL bytes, PDF, RTF) are `unsupported_format`; empty files `invalid_input`.
//! - HTML is recognised by the file extension or by the content, and reduced to its body text:
//!   paragraphs separated by blank lines, without scripts, styles, navigation or footers.
//!
//! This crate reads; it never stores. It knows nothing of SQLite, HTTP serving or Tauri, and the
//! app layer hands what it reads to the engine and then to the store.

#![deny(missing_docs)]

use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_fields::{parse_day, validate_url};

/// The largest article ClaimDesk imports, in bytes of text.
pub const MAX_ARTICLE_BYTES: usize = 20 * 1024 * 1024;

/// The longest title, outlet or byline kept, in characters; longer ones are cut with "…".
const MAX_FIELD_CHARS: usize = 500;

/// An article as read from its source, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedArticle {
    /// Headline.
    pub title: String,
    /// Publication that ran it.
    pub outlet: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Canonical address (http or https).
    pub url: Option<String>,
    /// Publication day.
    pub published: Option<NaiveDate>,
    /// The text claims point into.
    pub body: String,
    /// Plain text or HTML.
    pub format: Format,
    /// What the editor should know about the reading.
    pub warnings: Vec<String>,
}

/// What sort of source an article was read from; the reading depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, kept as read (line endings normalised).
    Text,
    /// An HTML page, kept as the paragraphs of its body text.
    Html,
}

/// What the caller knows about an article besides its content; every field overrides what the
/// content says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleHints {
    /// The name of the file it came from.
    pub file_name: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Source URL (must be http or https).
    pub url: Option<String>,
    /// Publication day, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Byline.
    pub byline: Option<String>,
}

/// The file name extensions an import of a folder picks up.
pub const ARTICLE_EXTENSIONS: [&str; 6] = ["txt", "text", "md", "markdown", "html", "htm"];

/// The article files named by `paths`: each file as given, and for each folder the files
/// inside it (and its subfolders) with an [`ARTICLE_EXTENSIONS`] extension, in name order.
/// Hidden files and folders (".git") are skipped, and symbolic links to folders are not
/// followed, so a link cannot make the walk loop. A folder that cannot be read, or that holds
/// no article file, comes back as an error for that path; the other paths still count.
pub fn article_files(paths: &[std::path::PathBuf]) -> Vec<(std::path::PathBuf, Result<()>)> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = found.len();
            walk_folder(path, &mut found);
            if found.len() == before {
                found.push((
                    path.clone(),
                    Err(Error::invalid_input(format!(
                        "{} holds no article files (.{})",
                        path.display(),
                        ARTICLE_EXTENSIONS.join(", .")
                    ))),
                ));
            }
        } else {
            found.push((path.clone(), Ok(())));
        }
    }
    found
}

fn walk_folder(folder: &Path, found: &mut Vec<(std::path::PathBuf, Result<()>)>) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) => {
            let err =
                Error::from(err).context(format!("cannot read the folder {}", folder.display()));
            found.push((folder.to_path_buf(), Err(err)));
            return;
        }
    };
    let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(|entry| entry.ok()).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // `file_type` does not follow symbolic links: a linked folder is skipped.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk_folder(&path, found);
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| ARTICLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
        {
            found.push((path, Ok(())));
        }
    }
}

/// Read an article file from disk: size-checked before reading, decoded as UTF-8 (lossily,
/// with a warning) or UTF-16 with a byte-order mark. Returns the text and the warnings.
pub fn read_file(path: &Path) -> Result<(String, Vec<String>)> {
    let name = path.display();
    let metadata = std::fs::metadata(path)
        .map_err(|err| Error::from(err).context(format!("cannot read {name}")))?;
    if metadata.is_dir() {
        return Err(Error::invalid_input(format!(
            "{name} is a folder; give the article files inside it"
        )));
    }
    check_size(&name.to_string(), metadata.len())?;
    let bytes = std::fs::read(path)
        .map_err(|err| Error::from(err).context(format!("cannot read {name}")))?;
    check_size(&name.to_string(), bytes.len() as u64)?;
    decode(&name.to_string(), &bytes)
}

fn check_size(name: &str, len: u64) -> Result<()> {
    if len > MAX_ARTICLE_BYTES as u64 {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "{name} is {:.1} MB; ClaimDesk imports articles up to {} MB. \
                 Import the article's own text rather than a whole archive or site.",
                len as f64 / 1_048_576.0,
                MAX_ARTICLE_BYTES / 1_048_576
            ),
        ));
    }
    Ok(())
}

/// Decode a file's bytes to text; `name` is for messages.
pub fn decode(name: &str, bytes: &[u8]) -> Result<(String, Vec<String>)> {
    let mut warnings = Vec::new();
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((rest, u16::from_le_bytes as fn([u8; 2]) -> u16)),
        [0xFE, 0xFF, rest @ ..] => Some((rest, u16::from_be_bytes as fn([u8; 2]) -> u16)),
        _ => None,
    };
    let text = if let Some((rest, to_unit)) = utf16 {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| to_unit([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => text,
            Err(err) => {
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                warnings.push(lossy_warning(name));
                text
            }
        }
    };
    Ok((text, warnings))
}

fn lossy_warning(name: &str) -> String {
    format!(
        "{name} is not entirely UTF-8 text: characters that could not be read were replaced \
         with \u{FFFD}. Check the article text, or save the file as UTF-8 and import it again."
    )
}

/// Read `content` (the file's text as read) into an article, applying `hints`.
pub fn parse(content: &str, hints: &ArticleHints) -> Result<ParsedArticle> {
    let source = hints.file_name.as_deref().unwrap_or("the article");
    check_size(source, content.len() as u64)?;
    let content = content.strip_prefix('\u{FEFF}').unwrap_or(content);
    reject_binary(source, content)?;
    if content.trim().is_empty() {
        return Err(Error::invalid_input(format!(
            "{source} is empty: there is no text to import"
        )));
    }

    let mut warnings = Vec::new();
    if content.contains('\u{FFFD}') {
        warnings.push(lossy_warning(source));
    }
    let mut article = match detect_format(hints.file_name.as_deref(), content)? {
        Format::Html => parse_html(content, &mut warnings),
        Format::Text => parse_text(content),
    };
    if article.body.trim().is_empty() {
        return Err(Error::invalid_input(format!(
            "{source} has no article text: the page holds no paragraphs outside scripts, \
             navigation and footers"
        )));
    }
    apply_hints(&mut article, hints, &mut warnings)?;
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    Ok(article)
}

fn reject_binary(source: &str, content: &str) -> Result<()> {
    let head: String = content.chars().take(8).collect();
    let kind = if head.starts_with("%PDF-") {
        Some("a PDF")
    } else if head.starts_with("{\\rtf") {
        Some("an RTF document")
    } else if head.starts_with("PK") && content.contains('\0') {
        Some("a Word or zip file")
    } else if content.contains('\0') {
        Some("a binary file")
    } else {
        None
    };
    match kind {
        Some(kind) => Err(Error::new(
            ErrorKind::UnsupportedFormat,
            format!(
                "{source} looks like {kind}; ClaimDesk imports plain text and HTML. \
                 Save the article as text (.txt) or a web page (.html) and import that."
            ),
        )),
        None => Ok(()),
    }
}

fn detect_format(file_name: Option<&str>, content: &str) -> Result<Format> {
    let extension = file_name
        .and_then(|name| Path::new(name).extension())
        .and_then(|ext| ext.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => return Ok(Format::Html),
        Some("txt" | "text" | "md" | "markdown") => return Ok(Format::Text),
        Some(ext @ ("pdf" | "doc" | "docx" | "odt" | "rtf" | "pages" | "epub")) => {
            return Err(Error::new(
                ErrorKind::UnsupportedFormat,
                format!(
                    "ClaimDesk cannot read .{ext} files; it imports plain text and HTML. \
                     Save the article as text (.txt) or a web page (.html) and import that."
                ),
            ));
        }
        _ => {}
    }
    static HTML_START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article|meta|title|p|div|h1)\b")
            .expect("static regex")
    });
    let head: String = content.chars().take(4096).collect();
    Ok(if HTML_START.is_match(&head) {
        Format::Html
    } else {
        Format::Text
    })
}

/// Plain text: the body is the text as read, with line endings normalised; the first line is
/// the headline when it looks like one, and a "By ..." line and a date line near the top are
/// taken as byline and publication date.
fn parse_text(content: &str) -> ParsedArticle {
    let body = content.replace("\r\n", "\n").replace('\r', "\n");
    let body = body.trim().to_string();

    let mut lines = body.lines().map(str::trim).filter(|line| !line.is_empty());
    let first = lines.next().unwrap_or_default();
    let looks_like_headline =
        first.chars().count() <= 200 && !first.ends_with(['.', ',', ';', ':']);
    let title = looks_like_headline.then(|| first.to_string());
    let mut byline = None;
    let mut published = None;
    for line in lines.take(4) {
        if byline.is_none() && BYLINE.is_match(line) {
            byline = Some(clip(line));
        } else if published.is_none()
            && let Some(date) = parse_loose_date(line)
        {
            published = Some(date);
        }
    }
    ParsedArticle {
        title: title.unwrap_or_default(),
        outlet: None,
        byline,
        url: None,
        published,
        body,
        format: Format::Text,
        warnings: Vec::new(),
    }
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)by\s+\p{Lu}[\p{L}.'’-]*(\s+\S+){0,12}$").expect("static regex")
});

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("static CSS selector")
}

/// HTML: metadata from the head (Open Graph, `article:*`, JSON-LD, canonical link) and the
/// body text of the article element, as paragraphs separated by blank lines.
fn parse_html(content: &str, warnings: &mut Vec<String>) -> ParsedArticle {
    let document = Html::parse_document(content);
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            let css =
                format!(r#"meta[property="{name}"], meta[name="{name}"], meta[itemprop="{name}"]"#);
            let sel = Selector::parse(&css).ok()?;
            document
                .select(&sel)
                .filter_map(|el| el.attr("content"))
                .map(collapse_whitespace)
                .find(|value| !value.is_empty())
        })
    };
    let first_text = |css: &str| -> Option<String> {
        document
            .select(&selector(css))
            .map(|el| collapse_whitespace(&el.text().collect::<String>()))
            .find(|text| !text.is_empty())
    };
    let json_ld = json_ld_article(&document);
    let ld = |key: &str| json_ld.as_ref().and_then(|ld| json_ld_text(ld, key));

    let root = article_root(&document);
    let title = meta(&["og:title", "twitter:title"])
        .or_else(|| ld("headline"))
        .or_else(|| {
            root.select(&selector("h1"))
                .map(|el| collapse_whitespace(&el.text().collect::<String>()))
                .find(|text| !text.is_empty())
        })
        .or_else(|| first_text("title"))
        .unwrap_or_default();
    let byline = meta(&["author", "article:author", "byl", "parsely-author"])
        .filter(|author| !author.starts_with("http"))
        .or_else(|| ld("author"))
        .or_else(|| first_text(r#"[rel="author"], [itemprop="author"], .byline"#));
    let outlet = meta(&["og:site_name", "application-name"]).or_else(|| ld("publisher"));
    let url = document
        .select(&selector(r#"link[rel="canonical"]"#))
        .filter_map(|el| el.attr("href"))
        .map(str::to_string)
        .next()
        .or_else(|| meta(&["og:url"]))
        .or_else(|| ld("url"));
    let url = url.and_then(|raw| match validate_url(&raw) {
        Ok(url) => Some(url),
        Err(_) => {
            warnings.push(format!(
                "the page's own address {raw:?} is not an absolute http(s) link, so it was not kept"
            ));
            None
        }
    });
    let published_raw = meta(&[
        "article:published_time",
        "datePublished",
        "og:published_time",
        "date",
        "pubdate",
        "dc.date",
        "DC.date.issued",
    ])
    .or_else(|| ld("datePublished"))
    .or_else(|| {
        document
            .select(&selector("time[datetime]"))
            .filter_map(|el| el.attr("datetime"))
            .map(str::to_string)
            .next()
    });
    let published = published_raw.and_then(|raw| {
        let date = parse_loose_date(&raw);
        if date.is_none() {
            warnings.push(format!(
                "the page's publication date {raw:?} could not be read; set it by hand"
            ));
        }
        date
    });

    ParsedArticle {
        title,
        outlet,
        byline: byline.map(|b| clip(&b)),
        url,
        published,
        body: body_text(root),
        format: Format::Html,
        warnings: Vec::new(),
    }
}

/// The element that holds the article: the marked-up article body if there is one, else the
/// `<article>` with the most text, else `<main>`, else `<body>`.
fn article_root(document: &Html) -> ElementRef<'_> {
    let longest = |css: &str| {
        document
            .select(&selector(css))
            .max_by_key(|el| el.text().map(str::len).sum::<usize>())
    };
    longest(r#"[itemprop="articleBody"]"#)
        .or_else(|| longest("article"))
        .or_else(|| longest(r#"main, [role="main"]"#))
        .or_else(|| longest("body"))
        .unwrap_or_else(|| document.root_element())
}

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
    "select", "textarea", "svg", "canvas", "iframe", "object", "video", "audio", "head",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "hr",
    "address",
];

fn body_text(root: ElementRef<'_>) -> String {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    collect_text(root, &mut paragraphs, &mut current);
    flush(&mut paragraphs, &mut current);
    paragraphs.join("\n\n")
}

fn flush(paragraphs: &mut Vec<String>, current: &mut String) {
    let paragraph = collapse_whitespace(current);
    if !paragraph.is_empty() {
        paragraphs.push(paragraph);
    }
    current.clear();
}

fn collect_text(element: ElementRef<'_>, paragraphs: &mut Vec<String>, current: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => current.push_str(text),
            Node::Element(el) => {
                let name = el.name();
                let hidden = el.attr("hidden").is_some()
                    || el.attr("aria-hidden") == Some("true")
                    || matches!(
                        el.attr("role"),
                        Some("navigation" | "complementary" | "contentinfo")
                    );
                if SKIPPED.contains(&name) || hidden {
                    continue;
                }
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                let block = BLOCKS.contains(&name);
                if block {
                    flush(paragraphs, current);
                }
                collect_text(child_el, paragraphs, current);
                if block {
                    flush(paragraphs, current);
                } else {
                    // Inline elements often sit flush against text ("<b>Paris</b>,"), but
                    // separate words in markup like "<span>a</span><span>b</span>" rarely
                    // matter; keeping the text as written is the safer choice.
                }
            }
            _ => {}
        }
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
        collect_json_ld(value, &mut candidates);
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

fn collect_json_ld(value: serde_json::Value, out: &mut Vec<serde_json::Value>) {
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                collect_json_ld(item, out);
            }
        }
        serde_json::Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect_json_ld(graph, out);
            }
            out.push(serde_json::Value::Object(map));
        }
        _ => {}
    }
}

/// A JSON-LD property as text: a string, the `name` of an object, or the names of a list.
fn json_ld_text(item: &serde_json::Value, key: &str) -> Option<String> {
    fn text(value: &serde_json::Value) -> Option<String> {
        match value {
            serde_json::Value::String(s) => Some(collapse_whitespace(s)),
            serde_json::Value::Object(map) => map.get("name").and_then(text),
            serde_json::Value::Array(items) => {
                let names: Vec<String> = items.iter().filter_map(text).collect();
                (!names.is_empty()).then(|| names.join(", "))
            }
            _ => None,
        }
    }
    item.get(key).and_then(text).filter(|s| !s.is_empty())
}

fn apply_hints(
    article: &mut ParsedArticle,
    hints: &ArticleHints,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    if let Some(title) = given(&hints.title) {
        article.title = title;
    }
    if let Some(outlet) = given(&hints.outlet) {
        article.outlet = Some(outlet);
    }
    if let Some(byline) = given(&hints.byline) {
        article.byline = Some(byline);
    }
    if let Some(url) = given(&hints.url) {
        article.url = Some(validate_url(&url)?);
    }
    if let Some(published) = given(&hints.published) {
        article.published = Some(parse_day(&published)?);
    }
    if article.title.trim().is_empty() {
        article.title = hints
            .file_name
            .as_deref()
            .and_then(|name| Path::new(name).file_stem())
            .and_then(|stem| stem.to_str())
            .map(str::to_string)
            .unwrap_or_else(|| {
                let first_words: String = article.body.chars().take(80).collect();
                format!("{}…", collapse_whitespace(&first_words))
            });
    }
    article.title = clip(&collapse_whitespace(&article.title));
    article.outlet = article.outlet.as_deref().map(clip);
    if article.published.is_none() {
        warnings.push(
            "no publication date found: relative dates (\"on Wednesday\", \"last year\") stay \
             unresolved until you set one"
                .to_string(),
        );
    }
    Ok(())
}

/// A date as pages and datelines write it: ISO 8601 (with or without a time), "March 14,
/// 2025", "14 March 2025", "Mar. 14, 2025", optionally after "Published"/"Updated" or a weekday.
fn parse_loose_date(text: &str) -> Option<NaiveDate> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-][0-9:]+)?)?$")
            .expect("static regex")
    });
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(published|updated|posted|first published)?\s*(on|:)?\s*((mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?")
            .expect("static regex")
    });
    let text = text.trim();
    if let Some(caps) = ISO.captures(text) {
        return NaiveDate::parse_from_str(&caps[1], "%Y-%m-%d").ok();
    }
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
    ["%B %d %Y", "%d %B %Y", "%b %d %Y", "%d %b %Y", "%Y-%m-%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&cleaned, format).ok())
        .or_else(|| {
            // "Sept" is common in datelines but not a chrono abbreviation.
            let cleaned = cleaned.replace("Sept ", "Sep ");
            ["%b %d %Y", "%d %b %Y"]
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(&cleaned, format).ok())
        })
}

fn collapse_whitespace(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|word| !word.is_empty())
        .map(|word| word.replace(['\u{AD}', '\u{200B}'], ""))
        .collect::<Vec<_>>()
        .join(" ")
}

fn clip(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MAX_FIELD_CHARS {
        return text.to_string();
    }
    let mut clipped: String = text.chars().take(MAX_FIELD_CHARS - 1).collect();
    clipped.push('…');
    clipped
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn hints(file_name: &str) -> ArticleHints {
        ArticleHints {
            file_name: Some(file_name.to_string()),
            ..ArticleHints::default()
        }
    }

    #[test]
    fn html_metadata_and_paragraphs_are_read_and_chrome_is_dropped() {
        let html = r#"<!doctype html><html><head>
            <title>Port budget | The Gazette</title>
            <meta property="og:title" content="Port budget rises 12%">
            <meta property="og:site_name" content="The Gazette">
            <meta name="author" content="Ana Ruiz">
            <meta property="article:published_time" content="2025-03-14T08:00:00-05:00">
            <link rel="canonical" href="https://gazette.example/port-budget">
            <script>var tracking = "The budget rose 99%";</script>
            </head><body><nav>Home | World</nav>
            <article><h1>Port budget rises 12%</h1>
            <p>The port authority said on <b>Friday</b> that its budget rose 12%.</p>
            <p>Mayor Lee said: &ldquo;We will hire 40 pilots.&rdquo;</p>
            <aside>Read more</aside></article>
            <footer>© The Gazette</footer></body></html>"#;
        let article = parse(html, &hints("budget.html")).unwrap();
        assert_eq!(article.title, "Port budget rises 12%");
        assert_eq!(article.outlet.as_deref(), Some("The Gazette"));
        assert_eq!(article.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            article.url.as_deref(),
            Some("https://gazette.example/port-budget")
        );
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2025, 3, 14));
        assert_eq!(
            article.body,
            "Port budget rises 12%\n\nThe port authority said on Friday that its budget rose 12%.\n\n\
             Mayor Lee said: \u{201C}We will hire 40 pilots.\u{201D}"
        );
    }

    #[test]
    fn json_ld_supplies_what_meta_tags_lack() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
             {"@type":"NewsArticle","headline":"Ferry fares frozen","datePublished":"2024-11-02",
              "author":[{"@type":"Person","name":"Jo Park"}],"publisher":{"name":"Coast News"}}]}
            </script></head><body><p>Fares stay at $4.</p></body></html>"#;
        let article = parse(html, &hints("page")).unwrap();
        assert_eq!(article.title, "Ferry fares frozen");
        assert_eq!(article.byline.as_deref(), Some("Jo Park"));
        assert_eq!(article.outlet.as_deref(), Some("Coast News"));
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2024, 11, 2));
        assert_eq!(article.format, Format::Html);
    }

    #[test]
    fn plain_text_headline_byline_and_dateline_are_recognised() {
        let text = "Harbour tunnel opens\r\nBy Sam Ortiz\r\nMarch 3, 2025\r\n\r\nThe tunnel cost $1.2 billion.\r\n";
        let article = parse(text, &hints("tunnel.txt")).unwrap();
        assert_eq!(article.title, "Harbour tunnel opens");
        assert_eq!(article.byline.as_deref(), Some("By Sam Ortiz"));
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2025, 3, 3));
        assert!(!article.body.contains('\r'));
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    }

    #[test]
    fn hints_override_what_the_file_says() {
        let given = ArticleHints {
            title: Some("Given title".into()),
            published: Some("2020-01-31".into()),
            url: Some("https://example.org/a".into()),
            ..hints("a.txt")
        };
        let article = parse("Headline\n\nBody text here.", &given).unwrap();
        assert_eq!(article.title, "Given title");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2020, 1, 31));
    }

    #[rstest]
    #[case::empty_file("", ErrorKind::InvalidInput)]
    #[case::only_whitespace(" \n\t\n", ErrorKind::InvalidInput)]
    #[case::nul_bytes("abc\0def", ErrorKind::UnsupportedFormat)]
    #[case::pdf_read_as_text("%PDF-1.7 ...", ErrorKind::UnsupportedFormat)]
    #[case::html_without_paragraphs(
        "<html><body><script>x</script></body></html>",
        ErrorKind::InvalidInput
    )]
    fn unreadable_content_gets_a_clear_error(#[case] content: &str, #[case] kind: ErrorKind) {
        let err = parse(content, &hints("story")).unwrap_err();
        assert_eq!(err.kind(), kind, "{}", err.message());
    }

    #[test]
    fn a_word_file_is_refused_by_its_extension() {
        let err = parse("whatever", &hints("story.docx")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
        assert!(err.message().contains(".txt"), "{}", err.message());
    }

    #[test]
    fn oversized_content_is_too_large() {
        let content = "a".repeat(MAX_ARTICLE_BYTES + 1);
        let err = parse(&content, &hints("big.txt")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_a_warning() {
        let (text, warnings) = decode("latin1.txt", b"Caf\xe9 prices rose 5%").unwrap();
        assert_eq!(text, "Caf\u{FFFD} prices rose 5%");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("UTF-8"));
    }

    #[test]
    fn utf16_with_byte_order_mark_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Tolls rose 8%".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode("w.txt", &bytes).unwrap().0, "Tolls rose 8%");
    }

    #[rstest]
    #[case::iso_with_offset("2025-03-14T23:30:00-05:00", Some((2025, 3, 14)))]
    #[case::us_dateline("March 14, 2025", Some((2025, 3, 14)))]
    #[case::uk_dateline("14 March 2025", Some((2025, 3, 14)))]
    #[case::abbreviated("Published: Sept. 2, 2024", Some((2024, 9, 2)))]
    #[case::with_weekday("Friday, March 14, 2025", Some((2025, 3, 14)))]
    #[case::a_sentence("The budget rose in March 2025 by 12%.", None)]
    fn datelines_are_read(#[case] text: &str, #[case] expected: Option<(i32, u32, u32)>) {
        let expected = expected.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        assert_eq!(parse_loose_date(text), expected);
    }
}
