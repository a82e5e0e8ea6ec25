//! The built web UI as static files: `index.html` for paths without an extension (so the
//! UI's own routes survive a reload), immutable caching for Vite's content-hashed `assets/`,
//! and a content security policy on pages.

use std::path::{Component, Path, PathBuf};

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use claimdesk_error::Error;

use super::error_response;

/// What the UI's pages may load: only their own files and API; inline styles for the
/// framework's style attributes; nothing may frame them.
pub const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The file of the UI folder `path` names, as a response.
pub async fn serve(ui_dir: &Path, path: &str) -> Response {
    let index = ui_dir.join("index.html");
    if !tokio::fs::try_exists(&index).await.unwrap_or(false) {
        return ui_missing(ui_dir);
    }
    let not_a_file = || {
        error_response(
            &Error::not_found(format!("{path} is not a file of ClaimDesk")),
            None,
        )
    };
    let Some(relative) = safe_relative_path(path) else {
        return not_a_file();
    };
    let candidate = ui_dir.join(&relative);
    let is_file = tokio::fs::metadata(&candidate)
        .await
        .is_ok_and(|meta| meta.is_file());
    let (file, immutable) = if is_file {
        (candidate, relative.starts_with("assets"))
    } else if relative.extension().is_none() {
        (index, false)
    } else {
        return not_a_file();
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let content_type = content_type(&file);
            let mut response = Response::new(Body::from(bytes));
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            // Vite names built assets by content hash, so they never change under a name.
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(if immutable {
                    "public, max-age=31536000, immutable"
                } else {
                    "no-cache"
                }),
            );
            if content_type.starts_with("text/html") {
                headers.insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(PAGE_POLICY),
                );
            }
            response
        }
        Err(err) => error_response(
            &Error::from(err).context(format!("cannot read {}", file.display())),
            None,
        ),
    }
}

fn ui_missing(ui_dir: &Path) -> Response {
    let dir = ui_dir
        .display()
        .to_string()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let page = format!(
        "<!doctype html><meta charset=utf-8><title>ClaimDesk: UI not built</title>\
         <h1>The ClaimDesk web UI is not built</h1>\
         <p>There is no <code>index.html</code> in <code>{dir}</code>. Build it with \
         <code>npm ci &amp;&amp; npm run build</code> in <code>ui/</code>, or start \
         <code>claimdesk serve --ui DIR</code> with the folder of a built UI.</p>\
         <p>The JSON API at <code>/api/&lt;command&gt;</code> works without it.</p>"
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// The request path as a path inside the UI folder, or `None` if it tries to leave it.
pub fn safe_relative_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let relative = PathBuf::from(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    if relative.as_os_str().is_empty() {
        return Some(PathBuf::from("index.html"));
    }
    Some(relative)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        Some("txt") => "text/plain; charset=utf-8",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::root("/", Some("index.html"))]
    #[case::asset("/assets/app-1a2b.js", Some("assets/app-1a2b.js"))]
    #[case::parent_directory("/../secret", None)]
    #[case::encoded_parent("/%2e%2e/secret", None)]
    #[case::backslash("/..\\secret", None)]
    fn request_paths_stay_inside_the_ui_folder(#[case] path: &str, #[case] expected: Option<&str>) {
        assert_eq!(safe_relative_path(path), expected.map(PathBuf::from));
    }
}
