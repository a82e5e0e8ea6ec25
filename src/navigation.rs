//! Where the desktop window may go: only to its own pages. A link clicked in an article, a
//! link dropped on the window, a script that sets `location`: any other address opens in the
//! system browser, and the window stays on the desk. The shell asks [`stays_in_window`] for
//! every navigation and every new window its webview is about to make.

/// Whether the desktop window may load `url` itself: the app's own pages as Tauri serves
/// them (`tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on Windows), or
/// the development server (`dev_url`) in a development build.
pub fn stays_in_window(url: &str, dev_url: Option<&str>) -> bool {
    let Ok(url) = url::Url::parse(url) else {
        return false;
    };
    let host = url.host_str().unwrap_or_default();
    let own = match url.scheme() {
        "tauri" => host == "localhost",
        "http" | "https" => host == "tauri.localhost",
        _ => false,
    };
    own || dev_url
        .and_then(|dev| url::Url::parse(dev).ok())
        .is_some_and(|dev| dev.origin() == url.origin())
}

/// Whether the system browser may be asked to open `url`: web pages and mail only, never a
/// file or a program's own scheme that a dropped or crafted link might name.
pub fn opens_outside(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|url| matches!(url.scheme(), "http" | "https" | "mailto"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::the_app_on_linux("tauri://localhost/#/claims", true)]
    #[case::the_app_on_windows("http://tauri.localhost/index.html", true)]
    #[case::the_dev_server("http://127.0.0.1:5173/#/", true)]
    #[case::an_article_link("https://harbour.example/news/bridge", false)]
    #[case::a_lookalike_host("https://tauri.localhost.attacker.example/", false)]
    #[case::another_port_on_loopback("http://127.0.0.1:8080/", false)]
    #[case::a_local_file("file:///etc/passwd", false)]
    #[case::nonsense("not a url", false)]
    fn only_the_apps_own_pages_load_in_the_window(#[case] url: &str, #[case] stays: bool) {
        assert_eq!(stays_in_window(url, Some("http://127.0.0.1:5173")), stays);
    }

    #[rstest]
    #[case::web_page("https://harbour.example/news", true)]
    #[case::mail("mailto:desk@harbour.example", true)]
    #[case::file("file:///home/editor/.ssh/id_rsa", false)]
    #[case::javascript("javascript:alert(1)", false)]
    #[case::custom_scheme("smb://fileserver/share", false)]
    fn only_web_and_mail_links_go_to_the_system_browser(#[case] url: &str, #[case] opens: bool) {
        assert_eq!(opens_outside(url), opens);
    }
}
