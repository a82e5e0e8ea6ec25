//! HTML to the text claims point into: paragraphs separated by one blank line, whitespace inside
//! a paragraph collapsed. Both walks here are iterative (ego-tree's `traverse`), so no page can
//! make them overflow the stack however deep it nests.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

/// Elements that start and end a paragraph when an extractor's article HTML is turned into
/// text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "ul",
    "html",
    "center",
];

/// Elements whose content is never text a reader sees.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "math",
];

/// An extractor's article HTML as text.
pub fn html_to_text(html: &str) -> String {
    let document = Html::parse_fragment(html);
    let mut out = String::new();
    let mut skipping = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skipping > 0 || DROPPED.contains(&name) {
                        skipping += 1;
                    } else if name == "br" {
                        out.push('\n');
                    } else if BLOCKS.contains(&name) {
                        out.push_str("\n\n");
                    } else if name == "img" || name == "input" {
                        out.push(' ');
                    }
                }
                Node::Text(text) if skipping == 0 => out.push_str(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if BLOCKS.contains(&el.name()) {
                        out.push_str("\n\n");
                    }
                }
            }
        }
    }
    paragraphs(&out)
}

/// Elements whose text is never article text in ClaimDesk's own reading of a whole page.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
    "select", "textarea", "svg", "canvas", "iframe", "object", "video", "audio", "head",
];

/// Elements that start a new paragraph in ClaimDesk's own reading.
const OWN_BLOCKS: &[&str] = &[
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

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("static CSS selector")
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

/// ClaimDesk's own reading of a page: the text of the article element without scripts,
/// navigation, asides, forms and footers. Linear in the page; the fallback when the
/// extractors find nothing or the page is too large for them.
pub fn own_body(document: &Html) -> String {
    let root = article_root(document);
    let mut out = String::new();
    let mut skipping = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let hidden = el.attr("hidden").is_some()
                        || el.attr("aria-hidden") == Some("true")
                        || matches!(
                            el.attr("role"),
                            Some("navigation" | "complementary" | "contentinfo")
                        );
                    if skipping > 0 || SKIPPED.contains(&el.name()) || hidden {
                        skipping += 1;
                    } else if OWN_BLOCKS.contains(&el.name()) {
                        out.push_str("\n\n");
                    }
                }
                Node::Text(text) if skipping == 0 => out.push_str(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if OWN_BLOCKS.contains(&el.name()) {
                        out.push_str("\n\n");
                    }
                }
            }
        }
    }
    paragraphs(&out)
}

/// Whitespace collapsed inside paragraphs; paragraphs separated by one blank line.
pub fn paragraphs(raw: &str) -> String {
    raw.split("\n\n")
        .map(|paragraph| {
            paragraph
                .split(char::is_whitespace)
                .filter(|word| !word.is_empty())
                .map(|word| word.replace(['\u{AD}', '\u{200B}'], ""))
                .filter(|word| !word.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_inline_elements_join() {
        let text = html_to_text(
            "<div><h2>Fares</h2><p>The fare rose <b>12%</b>,<br>said  Lee.</p>\
             <script>x()</script><ul><li>one</li><li>two</li></ul></div>",
        );
        assert_eq!(text, "Fares\n\nThe fare rose 12%, said Lee.\n\none\n\ntwo");
    }

    #[test]
    fn regression_deeply_nested_spans_do_not_overflow_the_stack() {
        let html = format!(
            "<html><body><article>{}<p>Deep text.</p>{}</article></body></html>",
            "<span>".repeat(20_000),
            "</span>".repeat(20_000)
        );
        // Parsed without the guard on purpose: the walk itself must be iterative (the recursive
        // one it replaced overflowed the stack of a 2 MiB thread well before this depth).
        let document = Html::parse_document(&html);
        assert!(own_body(&document).contains("Deep text."));
    }
}
