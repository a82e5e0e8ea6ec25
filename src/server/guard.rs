//! Which web pages may talk to the desk: the `Host` a request names and the `Origin` a
//! browser sends with it.
//!
//! A page of another web site can make an editor's browser send requests to the desk (their
//! cookies go along on a plain form post), and a site whose domain is pointed at the desk's
//! address (DNS rebinding) can even read the answers. Both are stopped here:
//! - the `Host` must be one of the desk's own names: `localhost`, an IP address literal of the
//!   connection's own end or of loopback (an address cannot be rebound), or a name given
//!   with `--allow-host`. A rebound domain still sends its own name, which is none of these;
//! - an `Origin`, when the browser sends one, must be a page of one of those names: not
//!   merely equal to the `Host` header, which the attacker's page chooses;
//! - API calls must carry JSON (`Content-Type: application/json`), which a form cannot send
//!   without the browser asking the desk first (and the desk never says yes).

use std::net::{IpAddr, SocketAddr};

/// The names this desk answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts {
    /// Names given with `--allow-host`, lower case, without port.
    names: Vec<String>,
}

impl AllowedHosts {
    /// The desk's own names plus `extra` (`desk.example.org`, as given with `--allow-host`).
    pub fn new(extra: &[String]) -> AllowedHosts {
        AllowedHosts {
            names: extra
                .iter()
                .map(|name| host_of(name.trim()).to_ascii_lowercase())
                .filter(|name| !name.is_empty())
                .collect(),
        }
    }

    /// Whether names other than this machine's were allowed (a reverse proxy, or a name on
    /// the newsroom's network): then other people reach the desk.
    pub fn has_extra_names(&self) -> bool {
        !self.names.is_empty()
    }

    /// Whether `host` (a `Host` header or an origin's authority, port optional) names this
    /// desk, for a request that arrived at `local` (the connection's own address).
    pub fn allows(&self, authority: &str, local: SocketAddr) -> bool {
        let host = host_of(authority);
        if host.is_empty() {
            return false;
        }
        if host.eq_ignore_ascii_case("localhost") {
            return true;
        }
        if let Ok(ip) = host.parse::<IpAddr>() {
            return ip.is_loopback() || same_ip(ip, local.ip());
        }
        self.names
            .iter()
            .any(|name| name.eq_ignore_ascii_case(host))
    }

    /// Whether a browser's `Origin` header names a page of this desk: `http` or `https`, and
    /// a host this desk answers to. `null` (files, sandboxed frames) never does.
    pub fn allows_origin(&self, origin: &str, local: SocketAddr) -> bool {
        let Some(authority) = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
        else {
            return false;
        };
        !authority.contains('/') && self.allows(authority, local)
    }
}

/// Whether two addresses are the same, an IPv4 address and its IPv6-mapped form alike.
fn same_ip(a: IpAddr, b: IpAddr) -> bool {
    let canonical = |ip: IpAddr| match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    };
    canonical(a) == canonical(b)
}

/// The host of an authority (`host`, `host:port`, `[v6]:port`), without the port or brackets.
fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    // One colon: host:port; more (a bare IPv6 address) has no port to strip.
    match authority.matches(':').count() {
        1 => authority.split(':').next().unwrap_or_default(),
        _ => authority,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn local() -> SocketAddr {
        SocketAddr::from(([192, 168, 1, 20], 7878))
    }

    #[rstest]
    #[case::localhost_with_port("localhost:7878", true)]
    #[case::ipv4_loopback("127.0.0.1:7878", true)]
    #[case::ipv6_loopback("[::1]:7878", true)]
    #[case::the_address_connected_to("192.168.1.20:7878", true)]
    #[case::an_allowed_name("desk.newsroom.example", true)]
    #[case::an_allowed_name_in_capitals("DESK.newsroom.example:443", true)]
    #[case::rebound_domain("attacker.example:7878", false)]
    #[case::another_lan_address("192.168.1.21:7878", false)]
    #[case::localhost_lookalike("localhost.attacker.example", false)]
    #[case::allowed_name_as_a_suffix("evil-desk.newsroom.example", false)]
    #[case::empty("", false)]
    fn only_the_desks_own_names_pass(#[case] authority: &str, #[case] allowed: bool) {
        let hosts = AllowedHosts::new(&["desk.newsroom.example".to_string()]);
        assert_eq!(hosts.allows(authority, local()), allowed);
    }

    #[rstest]
    #[case::own_page("http://desk.newsroom.example", true)]
    #[case::own_page_over_tls("https://desk.newsroom.example", true)]
    #[case::dev_server_on_loopback("http://localhost:5173", true)]
    #[case::another_site("https://attacker.example", false)]
    #[case::null("null", false)]
    #[case::file("file://", false)]
    #[case::an_origin_with_a_path("http://desk.newsroom.example/x", false)]
    fn only_pages_of_the_desks_names_may_call_the_api(#[case] origin: &str, #[case] allowed: bool) {
        let hosts = AllowedHosts::new(&["desk.newsroom.example".to_string()]);
        assert_eq!(hosts.allows_origin(origin, local()), allowed);
    }

    /// Regression: the Origin was only compared with the Host header, which the page that
    /// sends a rebinding attack chooses itself.
    #[test]
    fn an_origin_equal_to_a_rebound_host_is_still_refused() {
        let hosts = AllowedHosts::new(&[]);
        let rebound = "attacker.example:7878";
        assert!(!hosts.allows(rebound, local()));
        assert!(!hosts.allows_origin(&format!("http://{rebound}"), local()));
    }
}
