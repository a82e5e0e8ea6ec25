//! Reading articles: from a file's bytes or the text the UI read, plain text or HTML, to the
//! body text that claims point into and the metadata around it.
//!
//! Limits and rules an editor can rely on:
//! - An article is at most [`MAX_ARTICLE_BYTES`] (20 MiB) of text, far above any news story
//!   (a long feature is ~100 KB) but low enough that a wrong file fails fast: `too_large`.
//! - Bytes are decoded once, here ([`decode`]): a byte-order mark, valid UTF-8, the HTTP
//!   charset, the page's `<meta charset>`, else a guess; a guess or replaced characters are
//!   reported in the warnings.
//! - Binary files (NUL bytes, PDF, RTF) are `unsupported_format`; empty files `invalid_input`.
//! - HTML is recognised by the file extension or by the content, and reduced to its article
//!   text ([`html`]): paragraphs separated by blank lines, without scripts, styles, navigation,
//!   comments or footers. Markdown is read as its text.
//! - The headline is the article's title, not a paragraph of its body (so the engine does not
//!   offer it as a claim), unless the editor asks for it ([`ArticleHints::headline_in_body`]);
//!   a plain-text article's byline and dateline lines at the top are its byline and date.
//!
//! This crate reads; it never stores. It knows nothing of SQLite, HTTP serving or Tauri, and the
//! app layer hands what it reads to the engine and then to the store.

#![deny(missing_docs)]

pub mod byline;
pub mod dates;
pub mod decode;
pub mod feed;
pub mod guard;
pub mod html;

use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_fields::{parse_day, validate_url};

pub use decode::Decoded;
pub use html::{BodyReader, HtmlReading, read_html};

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
    /// Last modification day, when the page gives one.
    pub modified: Option<NaiveDate>,
    /// The article's language (`en`, `fr-CA`), when the page gives one.
    pub language: Option<String>,
    /// The text claims point into.
    pub body: String,
    /// Plain text or HTML.
    pub format: Format,
    /// Which reader produced the body (`trafilatura 0.6`, `ClaimDesk`).
    pub reader: &'static str,
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
    /// Where the page was fetched from (after redirects): resolves its relative links, and is
    /// the article's URL when the page names no canonical address.
    pub page_url: Option<String>,
    /// Keep the headline as the first paragraph of the body, so that the engine reads it as a
    /// claim too (the editor's choice; by default it is the title only).
    pub headline_in_body: bool,
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

/// Read an article file from disk: size-checked before reading, then decoded ([`decode`]).
/// Returns the text and the warnings.
pub fn read_file(path: &Path) -> Result<(String, Vec<String>)> {
    read_file_bytes(path).map(|(_, text, warnings)| (text, warnings))
}

/// Like [`read_file`], with the bytes as read (to keep as the article's original).
pub fn read_file_bytes(path: &Path) -> Result<(Vec<u8>, String, Vec<String>)> {
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
    let html = is_html_name(&path.to_string_lossy()) || looks_like_html_bytes(&bytes);
    let (text, warnings) = decode_bytes(&name.to_string(), &bytes, None, html);
    Ok((bytes, text, warnings))
}

/// Decode bytes that came from `name` (a file name or an address, for messages), with the
/// HTTP `Content-Type` when there is one; the text and a warning when the encoding had to be
/// guessed or some bytes could not be read.
pub fn decode_bytes(
    name: &str,
    bytes: &[u8],
    content_type: Option<&str>,
    html: bool,
) -> (String, Vec<String>) {
    let decoded = decode::decode(bytes, content_type, html);
    let warnings = decoded.warning(name).into_iter().collect();
    (decoded.text, warnings)
}

fn is_html_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            matches!(
                ext.to_ascii_lowercase().as_str(),
                "html" | "htm" | "xhtml" | "shtml"
            )
        })
}

fn looks_like_html_bytes(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    HTML_START.is_match(&head)
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
        warnings.push(format!(
            "{source} holds characters that could not be read (shown as \u{FFFD}); check the \
             article text"
        ));
    }
    let mut article = match detect_format(hints.file_name.as_deref(), content)? {
        Format::Html => parse_html(content, hints),
        Format::Text if is_markdown_name(hints.file_name.as_deref()) => {
            parse_text(&markdown_text(content))
        }
        Format::Text => parse_text(content),
    };
    if article.body.trim().is_empty() {
        return Err(Error::invalid_input(format!(
            "{source} has no article text: the page holds no paragraphs outside scripts, \
             navigation and footers"
        )));
    }
    check_size(source, article.body.len() as u64)?;
    apply_hints(&mut article, hints, &mut warnings)?;
    place_headline(&mut article, hints.headline_in_body);
    warnings.append(&mut article.warnings);
    warnings.dedup();
    article.warnings = warnings;
    Ok(article)
}

static HTML_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article|meta|title|p|div|h1)\b")
        .expect("static regex")
});

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
                "{source} looks like {kind} read as text; ClaimDesk imports plain text, \
                 Markdown and HTML as text, and Word (.docx) and PDF files as files. Import \
                 the file itself, or save the article as text (.txt) or a web page (.html)."
            ),
        )),
        None => Ok(()),
    }
}

fn is_markdown_name(file_name: Option<&str>) -> bool {
    file_name
        .and_then(|name| Path::new(name).extension())
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| matches!(ext.to_ascii_lowercase().as_str(), "md" | "markdown"))
}

/// Markdown as the text it renders to: headings, paragraphs and list items each a paragraph,
/// without the markup.
fn markdown_text(content: &str) -> String {
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(content));
    // One paragraph per line, as a plain-text article has them, so that the headline, byline
    // and dateline lines at the top are read as in a .txt file.
    html::text::html_to_text(&rendered)
}

fn detect_format(file_name: Option<&str>, content: &str) -> Result<Format> {
    let extension = file_name
        .and_then(|name| Path::new(name).extension())
        .and_then(|ext| ext.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => return Ok(Format::Html),
        Some("txt" | "text" | "md" | "markdown") => return Ok(Format::Text),
        Some(ext @ ("doc" | "odt" | "rtf" | "pages" | "epub")) => {
            return Err(Error::new(
                ErrorKind::UnsupportedFormat,
                format!(
                    "ClaimDesk cannot read .{ext} files; it imports plain text, Markdown, HTML, \
                     Word (.docx) and PDF. Save the article as .docx, text (.txt) or a web \
                     page (.html) and import that."
                ),
            ));
        }
        _ => {}
    }
    let head: String = content.chars().take(4096).collect();
    Ok(if HTML_START.is_match(&head) {
        Format::Html
    } else {
        Format::Text
    })
}

/// Plain text: the body is the text as read, with line endings normalised. At the top, the
/// first line is the headline when it looks like one, and the lines after it that are a
/// byline ("By Lena Marsh", "The Associated Press") or a dateline ("March 3, 2025") are the
/// byline and the publication date; all of them are taken out of the body.
fn parse_text(content: &str) -> ParsedArticle {
    let text = content.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();

    let mut title = None;
    let mut byline = None;
    let mut published = None;
    // Byte offset where the body starts once the header lines are taken out.
    let mut body_start = 0;
    let mut offset = 0;
    for (index, raw_line) in text.split_inclusive('\n').enumerate() {
        let line = raw_line.trim();
        let line_end = offset + raw_line.len();
        offset = line_end;
        if line.is_empty() {
            continue;
        }
        if index == 0 {
            let looks_like_headline = line.chars().count() <= 200
                && !line.ends_with(['.', ',', ';', ':'])
                && !byline::is_byline_line(line);
            if looks_like_headline {
                title = Some(line.to_string());
                body_start = line_end;
                continue;
            }
        }
        if byline.is_none() && byline::is_byline_line(line) {
            byline = Some(clip(line));
        } else if published.is_none()
            && let Some(date) = dates::dateline(line)
        {
            published = Some(date);
        } else {
            break;
        }
        body_start = line_end;
    }
    let mut body = text[body_start..].trim();
    if body.is_empty() {
        // A text of nothing but a headline: it is the article.
        body = text;
    }
    ParsedArticle {
        title: title.unwrap_or_default(),
        outlet: None,
        byline,
        url: None,
        published,
        modified: None,
        language: None,
        body: body.to_string(),
        format: Format::Text,
        reader: "ClaimDesk",
        warnings: Vec::new(),
    }
}

/// HTML: see [`html`].
fn parse_html(content: &str, hints: &ArticleHints) -> ParsedArticle {
    let reading = read_html(content, hints.page_url.as_deref());
    ParsedArticle {
        title: reading.title.unwrap_or_default(),
        outlet: reading.site_name.map(|name| clip(&name)),
        byline: reading.byline.map(|byline| clip(&byline)),
        url: reading.url,
        published: reading.published,
        modified: reading.modified,
        language: reading.language,
        body: reading.body,
        format: Format::Html,
        reader: reading.reader.name(),
        warnings: reading.warnings,
    }
}

/// Words of a headline or paragraph, compared case-blind and without punctuation.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The headline is the title, not a paragraph of the body: a first paragraph that repeats it
/// is taken out, unless the editor wants it read as a claim (`in_body`), when it is put first.
fn place_headline(article: &mut ParsedArticle, in_body: bool) {
    let title_words = words_of(&article.title);
    if title_words.is_empty() {
        return;
    }
    let first_end = article.body.find("\n\n").unwrap_or(article.body.len());
    let starts_with_title = words_of(&article.body[..first_end]) == title_words;
    if in_body && !starts_with_title {
        article.body = format!("{}\n\n{}", article.title, article.body);
    } else if !in_body && starts_with_title {
        let rest = article.body[first_end..].trim_start();
        if !rest.is_empty() {
            article.body = rest.to_string();
        }
    }
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
    } else if article.url.is_none()
        && let Some(page) = given(&hints.page_url)
    {
        article.url = validate_url(&page).ok();
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
    article.byline = article.byline.as_deref().map(clip);
    if article.published.is_none() {
        warnings.push(
            "no publication date found: relative dates (\"on Wednesday\", \"last year\") stay \
             unresolved until you set one"
                .to_string(),
        );
    }
    Ok(())
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

    const PAGE: &str = r#"<!doctype html><html><head>
        <title>Port budget | The Gazette</title>
        <meta property="og:title" content="Port budget rises 12%">
        <meta property="og:site_name" content="The Gazette">
        <meta name="author" content="Ana Ruiz">
        <meta property="article:published_time" content="2025-03-14T08:00:00-05:00">
        <link rel="canonical" href="https://gazette.example/port-budget">
        <script>var tracking = "The budget rose 99%";</script>
        </head><body><nav>Home | World</nav>
        <article><h1>Port budget rises 12%</h1>
        <p>The port authority said on <b>Friday</b> that its budget rose 12%, to $48 million.</p>
        <p>Mayor Lee said: &ldquo;We will hire 40 pilots before the summer season.&rdquo;</p>
        <aside>Read more</aside></article>
        <footer>© The Gazette</footer></body></html>"#;

    #[test]
    fn html_metadata_and_paragraphs_are_read_and_chrome_is_dropped() {
        let article = parse(PAGE, &hints("budget.html")).unwrap();
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
            "The port authority said on Friday that its budget rose 12%, to $48 million.\n\n\
             Mayor Lee said: \u{201C}We will hire 40 pilots before the summer season.\u{201D}"
        );
    }

    #[test]
    fn the_headline_is_a_paragraph_of_the_body_only_when_the_editor_says_so() {
        let given = ArticleHints {
            headline_in_body: true,
            ..hints("budget.html")
        };
        let article = parse(PAGE, &given).unwrap();
        assert!(
            article
                .body
                .starts_with("Port budget rises 12%\n\nThe port authority")
        );
        let text = "Tolls rise 8%\n\nThe toll rose 8% on Monday.";
        let article = parse(text, &hints("tolls.txt")).unwrap();
        assert_eq!(article.body, "The toll rose 8% on Monday.");
        let given = ArticleHints {
            headline_in_body: true,
            ..hints("tolls.txt")
        };
        assert_eq!(
            parse(text, &given).unwrap().body,
            "Tolls rise 8%\n\nThe toll rose 8% on Monday."
        );
    }

    #[rstest]
    #[case::by_a_name("By Lena Marsh", "By Lena Marsh")]
    #[case::an_agency("The Associated Press", "The Associated Press")]
    fn regression_a_plain_text_byline_line_is_the_byline_not_body(
        #[case] line: &str,
        #[case] byline: &str,
    ) {
        let text = format!(
            "Harbour tunnel opens\r\n{line}\r\nMarch 3, 2025\r\n\r\nThe tunnel cost $1.2 billion.\r\n"
        );
        let article = parse(&text, &hints("tunnel.txt")).unwrap();
        assert_eq!(article.title, "Harbour tunnel opens");
        assert_eq!(article.byline.as_deref(), Some(byline));
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2025, 3, 3));
        assert_eq!(article.body, "The tunnel cost $1.2 billion.");
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    }

    #[test]
    fn markdown_is_read_as_its_text() {
        let text = "# Ferry fares frozen\n\nBy Jo Park\n\nFares stay at **$4** for \
                    [another year](https://x.example), the board said.\n\n- one\n- two\n";
        let article = parse(text, &hints("fares.md")).unwrap();
        assert_eq!(article.title, "Ferry fares frozen");
        assert_eq!(article.byline.as_deref(), Some("By Jo Park"));
        assert_eq!(
            article.body,
            "Fares stay at $4 for another year, the board said.\n\none\n\ntwo"
        );
    }

    #[test]
    fn hints_override_what_the_file_says() {
        let given = ArticleHints {
            title: Some("Given title".into()),
            published: Some("2020-01-31".into()),
            url: Some("https://example.org/a".into()),
            outlet: Some("Coast News".into()),
            byline: Some("Jo Park".into()),
            ..hints("a.txt")
        };
        let article = parse("Headline\n\nBody text here.", &given).unwrap();
        assert_eq!(article.title, "Given title");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2020, 1, 31));
        assert_eq!(article.outlet.as_deref(), Some("Coast News"));
        assert_eq!(article.byline.as_deref(), Some("Jo Park"));
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
    fn an_old_word_file_is_refused_by_its_extension() {
        let err = parse("whatever", &hints("story.doc")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
        assert!(err.message().contains(".docx"), "{}", err.message());
    }

    #[test]
    fn oversized_content_is_too_large() {
        let content = "a".repeat(MAX_ARTICLE_BYTES + 1);
        let err = parse(&content, &hints("big.txt")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }

    #[test]
    fn regression_a_legacy_html_file_with_a_charset_declaration_is_decoded() {
        let (text, warnings) = decode_bytes(
            "cafe.html",
            b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 prices rose 5%</p></body></html>",
            None,
            true,
        );
        assert!(text.contains("Café prices rose 5%"), "{text}");
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
