//! What runs before any HTML parser sees a page: a linear scan of its tags that measures how
//! deep and how large the page is, and flattens what is nested deeper than a limit.
//!
//! Why: html5ever scans its stack of open elements for every tag, so 100,000 nested `<div>`s
//! take it ~30 s, and every extractor measured (ours included, before this) walks the tree
//! recursively, so such a page overflows the stack and aborts the process, which no
//! `catch_unwind` can stop. Dropping the tags nested deeper than [`MAX_DEPTH`] (the limit
//! Blink's HTML parser applies) while keeping their text turns those pages into milliseconds and
//! leaves real pages alone: the 130 readability-pages nest at most 38 deep.

use std::borrow::Cow;

/// Tags nested deeper than this are dropped before parsing; their text stays.
pub const MAX_DEPTH: usize = 512;

/// Elements that never have content, so they never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame",
];

/// Elements whose content is raw text up to their end tag: a `<div>` inside a script is text.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
];

/// How deep and how large a page is, as its tags say (approximate: end tags HTML lets a page
/// leave out, `</p>` or `</li>`, make the depth drift upwards, which only makes the guard
/// stricter on pages that are pathological anyway).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The deepest element nesting seen.
    pub max_depth: usize,
    /// Start tags seen.
    pub elements: usize,
}

/// Scan `html`'s tags once: its [`Shape`], and the page with every tag nested deeper than
/// `limit` removed (their text kept). Borrows the page when nothing was removed.
pub fn flatten_deep(html: &str, limit: usize) -> (Shape, Cow<'_, str>) {
    let bytes = html.as_bytes();
    let mut shape = Shape::default();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut at = 0usize;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            at = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            at = memchr::memchr(b'>', rest).map_or(bytes.len(), |end| lt + end + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        if name_start >= bytes.len() || !bytes[name_start].is_ascii_alphabetic() {
            at = lt + 1;
            continue;
        }
        let mut name_end = name_start;
        while name_end < bytes.len()
            && (bytes[name_end].is_ascii_alphanumeric() || matches!(bytes[name_end], b'-' | b':'))
        {
            name_end += 1;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let gt = tag_end(bytes, name_end);
        let self_closing = gt > 0 && bytes[gt - 1] == b'/';
        let end = (gt + 1).min(bytes.len());
        let void = VOID.contains(&name.as_str());
        let mut drop_tag = false;
        if closing {
            if !void {
                drop_tag = depth > limit;
                depth = depth.saturating_sub(1);
            }
        } else {
            shape.elements += 1;
            if !void && !self_closing {
                depth += 1;
                shape.max_depth = shape.max_depth.max(depth);
                drop_tag = depth > limit;
            }
        }
        if drop_tag {
            let flat = out.get_or_insert_with(|| String::with_capacity(html.len()));
            flat.push_str(&html[copied..lt]);
            // A space where the tag was, so words in neighbouring elements stay apart (one
            // space for a run of dropped tags: 100,000 of them must not become 100,000 spaces).
            if !flat.ends_with(' ') {
                flat.push(' ');
            }
            copied = end;
        }
        at = end;
        if !closing && !self_closing && RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            at = find_ignoring_case(bytes, at, close.as_bytes()).unwrap_or(bytes.len());
        }
    }
    let page = match out {
        Some(mut flat) => {
            flat.push_str(&html[copied..]);
            Cow::Owned(flat)
        }
        None => Cow::Borrowed(html),
    };
    (shape, page)
}

/// Where the tag whose name ends at `from` closes (`>` outside quoted attribute values).
fn tag_end(bytes: &[u8], mut from: usize) -> usize {
    let mut quote: Option<u8> = None;
    while from < bytes.len() {
        match (quote, bytes[from]) {
            (None, b'>') => return from,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        from += 1;
    }
    bytes.len().saturating_sub(1)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    memchr::memmem::find(hay, needle).map(|at| from + at)
}

fn find_ignoring_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    let first = needle.first()?;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(*first, &hay[at..]) {
        let start = at + offset;
        if hay
            .get(start..start + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
        {
            return Some(from + start);
        }
        at = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_nested_too_deep_are_dropped_and_their_text_kept() {
        let html = format!(
            "<body>{}<p>deep words</p>{}</body>",
            "<div>".repeat(50),
            "</div>".repeat(50)
        );
        let (shape, flat) = flatten_deep(&html, 10);
        assert!(shape.max_depth >= 51);
        assert!(flat.contains("deep words"));
        assert_eq!(flatten_deep(&flat, usize::MAX).0.max_depth, 10);
    }

    #[test]
    fn a_page_within_the_limit_is_not_copied() {
        let html = "<html><body><p>Hello</p></body></html>";
        let (shape, page) = flatten_deep(html, MAX_DEPTH);
        assert!(matches!(page, Cow::Borrowed(_)));
        assert_eq!(shape.max_depth, 3);
        assert_eq!(shape.elements, 3);
    }

    #[test]
    fn scripts_comments_and_void_elements_do_not_nest() {
        let html = "<div><script>if (a<b) { x = '<div>' }</script><!-- <div> --><br><img/></div>";
        assert_eq!(flatten_deep(html, MAX_DEPTH).0.max_depth, 2);
    }

    #[test]
    fn an_unclosed_script_does_not_loop() {
        let (shape, _) = flatten_deep("<p>a<script>never closed <div>", MAX_DEPTH);
        assert_eq!(shape.max_depth, 2);
    }
}
