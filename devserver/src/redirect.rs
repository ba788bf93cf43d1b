//! Redirect allowlist: Hanko's `IsAllowedRedirect` with the host-boundary hardening of PR #2734.
//!
//! A candidate is allowed when it is an absolute `http`/`https` URL with a host, one allowlist glob matches the
//! candidate string (one trailing `/` trimmed), and the host boundary holds for that pattern: same scheme, a host
//! equal to the pattern's static host text (or a real subdomain for `*.example.com`), and the same port when the
//! pattern names one.
//!
//! ```
//! use hanko_devserver::redirect::Allowlist;
//! let list = Allowlist::new(&["https://app.example.com**".to_string()]).unwrap();
//! assert!(list.is_allowed("https://app.example.com/login?x=1"));
//! assert!(!list.is_allowed("https://app.example.com.evil.test/"));
//! ```

use crate::glob::Glob;

/// Compiled allowlist.
#[derive(Debug, Clone)]
pub struct Allowlist {
    entries: Vec<(String, Glob)>,
}

impl Allowlist {
    /// Compiles the patterns; fails on a malformed glob.
    pub fn new(patterns: &[String]) -> Result<Allowlist, String> {
        let entries = patterns
            .iter()
            .map(|p| Glob::new(p).map(|g| (p.clone(), g)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Allowlist { entries })
    }

    /// Whether `redirect_to` may be used as a redirect target.
    pub fn is_allowed(&self, redirect_to: &str) -> bool {
        if redirect_to.is_empty() {
            return false;
        }
        let candidate = redirect_to.strip_suffix('/').unwrap_or(redirect_to);
        let Ok(url) = url::Url::parse(candidate) else {
            return false;
        };
        if url.scheme() != "http" && url.scheme() != "https" {
            return false;
        }
        let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
            return false;
        };
        if !has_raw_host(candidate, url.scheme()) {
            return false;
        }
        let host = normalize_host(host.trim_start_matches('[').trim_end_matches(']'));
        let port = explicit_port(candidate);
        self.entries.iter().any(|(pattern, glob)| {
            glob.is_match(candidate) && host_boundary_holds(pattern, url.scheme(), &host, &port)
        })
    }
}

/// Whether the text itself has `<scheme>://<host>` (the URL parser is more lenient than Go's, e.g. `https:///x`).
fn has_raw_host(candidate: &str, scheme: &str) -> bool {
    let Some((raw_scheme, rest)) = candidate.split_once("://") else {
        return false;
    };
    if !raw_scheme.eq_ignore_ascii_case(scheme) {
        return false;
    }
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    !host_port.is_empty() && !host_port.starts_with(':')
}

/// The port exactly as written in the URL (Go's `URL.Port()`), or empty.
fn explicit_port(candidate: &str) -> String {
    let Some((_, rest)) = candidate.split_once("://") else {
        return String::new();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let after_host = match host_port.find(']') {
        Some(i) if host_port.starts_with('[') => &host_port[i + 1..],
        _ => host_port,
    };
    match after_host.rsplit_once(':') {
        Some((_, port)) if port.chars().all(|c| c.is_ascii_digit()) => port.to_string(),
        _ => String::new(),
    }
}

fn host_boundary_holds(pattern: &str, scheme: &str, host: &str, port: &str) -> bool {
    let Some((allowed_scheme, rest)) = pattern.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if allowed_scheme.is_empty() || authority.is_empty() {
        return false;
    }
    if !allowed_scheme.eq_ignore_ascii_case(scheme) {
        return false;
    }
    let (host_pattern, port_pattern) = split_authority(authority);
    if !host_matches(&normalize_host(&host_pattern), host) {
        return false;
    }
    port_pattern.is_empty() || port_pattern == port
}

fn split_authority(authority: &str) -> (String, String) {
    if let Some(inner) = authority.strip_prefix('[') {
        let Some(close) = inner.find(']') else {
            return (authority.to_string(), String::new());
        };
        let host = inner[..close].to_string();
        let rest = &inner[close + 1..];
        let port = rest
            .strip_prefix(':')
            .map(|p| static_prefix(p).to_string())
            .unwrap_or_default();
        return (host, port);
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => (host.to_string(), static_prefix(port).to_string()),
        None => (authority.to_string(), String::new()),
    }
}

fn host_matches(pattern: &str, host: &str) -> bool {
    if pattern.is_empty() || host.is_empty() {
        return false;
    }
    if let Some(base) = pattern.strip_prefix("*.") {
        let base = normalize_host(base);
        return !base.is_empty() && host != base && host.ends_with(&format!(".{base}"));
    }
    let prefix = normalize_host(static_prefix(pattern));
    !prefix.is_empty() && host == prefix
}

fn static_prefix(value: &str) -> &str {
    match value.find(['*', '?', '[']) {
        Some(i) => &value[..i],
        None => value,
    }
}

fn normalize_host(host: &str) -> String {
    let lower = host.to_ascii_lowercase();
    lower.strip_suffix('.').unwrap_or(&lower).to_string()
}
