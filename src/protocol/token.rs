//! The session token in header mode (`session.enable_auth_token_header`): Hanko sends it as
//! `X-Auth-Token` on `success`, and the client keeps it like hanko-elements does — in a JavaScript
//! cookie named after `storageKey` (default `hanko`) or in sessionStorage — and sends it back as
//! `Authorization: Bearer`.
//!
//! The cookie strings are built and read by pure functions here; `TokenStore` (browser only)
//! applies them. The token itself is never logged.

/// `X-Session-Retention` value meaning "until the browser closes" (no cookie expiry).
const RETENTION_SESSION: &str = "session";

/// What a `success` answer says about the new session (from its response headers).
#[derive(Clone, PartialEq, Eq)]
pub struct SessionHeaders {
    /// `X-Auth-Token` (header mode only).
    pub token: String,
    /// `X-Session-Lifetime` in seconds.
    pub lifetime: Option<u64>,
    /// `true` when `X-Session-Retention` is `session`.
    pub session_only: bool,
}

impl std::fmt::Debug for SessionHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionHeaders")
            .field("token", &"<redacted>")
            .field("lifetime", &self.lifetime)
            .field("session_only", &self.session_only)
            .finish()
    }
}

impl SessionHeaders {
    /// Reads the three headers; `None` when there is no (usable) token.
    ///
    /// ```
    /// use hanko_elements::protocol::token::SessionHeaders;
    /// let headers = SessionHeaders::read(Some("eyJ.a.b".into()), Some("43200"), Some("persistent")).unwrap();
    /// assert_eq!(headers.lifetime, Some(43200));
    /// assert!(!headers.session_only);
    /// assert!(SessionHeaders::read(Some(" ".into()), None, None).is_none());
    /// ```
    pub fn read(
        token: Option<String>,
        lifetime: Option<&str>,
        retention: Option<&str>,
    ) -> Option<SessionHeaders> {
        let token = token?.trim().to_owned();
        if token.is_empty() || !token.bytes().all(is_cookie_value_byte) {
            return None;
        }
        Some(SessionHeaders {
            token,
            lifetime: lifetime.and_then(|value| value.trim().parse().ok()),
            session_only: retention.is_some_and(|value| value.trim() == RETENTION_SESSION),
        })
    }
}

/// Cookie attributes for the header-mode token cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieOptions {
    /// `SameSite`: `lax` (default), `strict` or `none` (`none` only with `secure`).
    pub same_site: Option<String>,
    /// `Domain`.
    pub domain: Option<String>,
    /// `Secure` (hanko-elements: only when both the page and the API are `https`).
    pub secure: bool,
}

/// The `document.cookie` string that stores `token` under `name`, expiring after `max_age`
/// seconds (a session cookie when `None`).
///
/// ```
/// use hanko_elements::protocol::token::{set_cookie, CookieOptions};
/// let options = CookieOptions { same_site: None, domain: None, secure: true };
/// assert_eq!(set_cookie("hanko", "eyJ.a.b", Some(60), &options),
///            "hanko=eyJ.a.b; Path=/; Max-Age=60; SameSite=Lax; Secure");
/// ```
pub fn set_cookie(
    name: &str,
    token: &str,
    max_age: Option<u64>,
    options: &CookieOptions,
) -> String {
    let mut cookie = format!("{}={}; Path=/", encode_name(name), token);
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    push_attributes(&mut cookie, options);
    cookie
}

/// The `document.cookie` string that deletes the cookie `name`.
///
/// ```
/// use hanko_elements::protocol::token::{delete_cookie, CookieOptions};
/// let options = CookieOptions { same_site: Some("strict".into()), domain: Some("example.com".into()), secure: false };
/// assert_eq!(delete_cookie("hanko", &options), "hanko=; Path=/; Max-Age=0; SameSite=Strict; Domain=example.com");
/// ```
pub fn delete_cookie(name: &str, options: &CookieOptions) -> String {
    let mut cookie = format!("{}=; Path=/; Max-Age=0", encode_name(name));
    push_attributes(&mut cookie, options);
    cookie
}

/// Reads cookie `name` from a `document.cookie` string.
///
/// ```
/// use hanko_elements::protocol::token::read_cookie;
/// assert_eq!(read_cookie("a=1; hanko=eyJ.a.b; b=2", "hanko").as_deref(), Some("eyJ.a.b"));
/// assert_eq!(read_cookie("hanko_last=1", "hanko"), None);
/// ```
pub fn read_cookie(cookies: &str, name: &str) -> Option<String> {
    let name = encode_name(name);
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

fn push_attributes(cookie: &mut String, options: &CookieOptions) {
    let same_site = match options
        .same_site
        .as_deref()
        .map(|value| value.trim().to_ascii_lowercase())
        .as_deref()
    {
        Some("strict") => "Strict",
        Some("none") if options.secure => "None",
        _ => "Lax",
    };
    cookie.push_str("; SameSite=");
    cookie.push_str(same_site);
    if let Some(domain) = options
        .domain
        .as_deref()
        .map(str::trim)
        .filter(|domain| !domain.is_empty() && domain.bytes().all(is_domain_byte))
    {
        cookie.push_str("; Domain=");
        cookie.push_str(domain);
    }
    if options.secure {
        cookie.push_str("; Secure");
    }
}

/// Cookie names: RFC 6265 token characters kept, everything else percent-encoded.
fn encode_name(name: &str) -> String {
    let mut encoded = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&'*+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// RFC 6265 cookie-octet (a JWT always qualifies).
fn is_cookie_value_byte(byte: u8) -> bool {
    matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

fn is_domain_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-'
}

/// Where the header-mode token is kept (hanko-elements' `sessionTokenLocation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SessionTokenLocation {
    /// A JavaScript cookie named after `storageKey` (hanko-elements' default).
    #[default]
    Cookie,
    /// sessionStorage under `storageKey`.
    SessionStorage,
}

#[cfg(target_arch = "wasm32")]
pub use browser::TokenStore;

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use wasm_bindgen::JsCast;

    /// Keeps the header-mode token for one element.
    #[derive(Debug, Clone)]
    pub struct TokenStore {
        /// Cookie name / sessionStorage key.
        pub key: String,
        /// Where.
        pub location: SessionTokenLocation,
        /// Cookie attributes (`secure` is decided when the cookie is written).
        pub same_site: Option<String>,
        /// Cookie domain.
        pub domain: Option<String>,
        /// Whether the API base URL is `https`.
        pub api_is_https: bool,
    }

    impl TokenStore {
        /// The store for the API at `api` (its scheme decides whether the cookie may be `Secure`).
        pub fn for_api(
            api: &str,
            key: &str,
            location: SessionTokenLocation,
            same_site: Option<String>,
            domain: Option<String>,
        ) -> TokenStore {
            TokenStore {
                key: key.to_owned(),
                location,
                same_site,
                domain,
                api_is_https: api.trim_start().to_ascii_lowercase().starts_with("https:"),
            }
        }

        fn document() -> Option<web_sys::HtmlDocument> {
            web_sys::window()?
                .document()?
                .dyn_into::<web_sys::HtmlDocument>()
                .ok()
        }

        fn session_storage() -> Option<web_sys::Storage> {
            web_sys::window()?.session_storage().ok().flatten()
        }

        fn cookie_options(&self) -> CookieOptions {
            let page_is_https = web_sys::window()
                .and_then(|window| window.location().protocol().ok())
                .is_some_and(|protocol| protocol == "https:");
            CookieOptions {
                same_site: self.same_site.clone(),
                domain: self.domain.clone(),
                secure: page_is_https && self.api_is_https,
            }
        }

        /// The stored token, if any.
        pub fn get(&self) -> Option<String> {
            match self.location {
                SessionTokenLocation::Cookie => {
                    read_cookie(&Self::document()?.cookie().ok()?, &self.key)
                }
                SessionTokenLocation::SessionStorage => Self::session_storage()?
                    .get_item(&self.key)
                    .ok()
                    .flatten()
                    .filter(|token| !token.is_empty()),
            }
        }

        /// Stores the token of a new session.
        pub fn set(&self, session: &SessionHeaders) {
            match self.location {
                SessionTokenLocation::Cookie => {
                    let max_age = if session.session_only {
                        None
                    } else {
                        session.lifetime
                    };
                    if let Some(document) = Self::document() {
                        let cookie =
                            set_cookie(&self.key, &session.token, max_age, &self.cookie_options());
                        let _ = document.set_cookie(&cookie);
                    }
                }
                SessionTokenLocation::SessionStorage => {
                    if let Some(storage) = Self::session_storage() {
                        let _ = storage.set_item(&self.key, &session.token);
                    }
                }
            }
        }

        /// Forgets the token (both places, whatever the configuration).
        pub fn clear(&self) {
            if let Some(document) = Self::document() {
                let _ = document.set_cookie(&delete_cookie(&self.key, &self.cookie_options()));
            }
            if let Some(storage) = Self::session_storage() {
                let _ = storage.remove_item(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(same_site: Option<&str>, domain: Option<&str>, secure: bool) -> CookieOptions {
        CookieOptions {
            same_site: same_site.map(str::to_owned),
            domain: domain.map(str::to_owned),
            secure,
        }
    }

    #[test]
    fn session_cookie_has_no_max_age() {
        assert_eq!(
            set_cookie("hanko", "t.o.k", None, &options(None, None, false)),
            "hanko=t.o.k; Path=/; SameSite=Lax"
        );
    }

    #[test]
    fn same_site_is_normalised_and_none_needs_secure() {
        assert!(
            set_cookie("k", "v", None, &options(Some(" STRICT "), None, false))
                .contains("SameSite=Strict")
        );
        assert!(
            set_cookie("k", "v", None, &options(Some("none"), None, true))
                .ends_with("SameSite=None; Secure")
        );
        assert!(
            set_cookie("k", "v", None, &options(Some("none"), None, false))
                .ends_with("SameSite=Lax")
        );
        assert!(set_cookie(
            "k",
            "v",
            None,
            &options(Some("bogus; Domain=evil"), None, false)
        )
        .ends_with("SameSite=Lax"));
    }

    #[test]
    fn domain_cannot_inject_attributes() {
        assert!(
            set_cookie("k", "v", None, &options(None, Some(".example.com"), false))
                .ends_with("Domain=.example.com")
        );
        assert!(
            !set_cookie("k", "v", None, &options(None, Some("x; Secure"), false))
                .contains("Domain")
        );
    }

    #[test]
    fn odd_names_are_encoded_and_read_back() {
        let cookie = set_cookie("my key;", "v", None, &options(None, None, false));
        assert!(cookie.starts_with("my%20key%3B=v;"));
        assert_eq!(
            read_cookie("my%20key%3B=v", "my key;").as_deref(),
            Some("v")
        );
    }

    #[test]
    fn reads_cookies_tolerantly() {
        assert_eq!(read_cookie("", "hanko"), None);
        assert_eq!(read_cookie("hanko=", "hanko"), None);
        assert_eq!(
            read_cookie("garbage;;=;hanko=x", "hanko").as_deref(),
            Some("x")
        );
        assert_eq!(read_cookie("hanko=a=b", "hanko").as_deref(), Some("a=b"));
    }

    #[test]
    fn session_headers_reject_unsafe_tokens_and_read_retention() {
        assert!(SessionHeaders::read(None, Some("1"), None).is_none());
        assert!(SessionHeaders::read(Some("a;b".into()), None, None).is_none());
        assert!(SessionHeaders::read(Some("a b".into()), None, None).is_none());
        let session = SessionHeaders::read(Some("t".into()), Some("x"), Some("session")).unwrap();
        assert_eq!(session.lifetime, None);
        assert!(session.session_only);
        assert!(!format!("{session:?}").contains("\"t\""));
    }
}
