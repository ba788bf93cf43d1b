//! Reading the return URL after the provider round trip, and the address to put back in the
//! address bar without the sign-in parameters.
//!
//! Hanko sends the browser back with `?hanko_token=…` on success or
//! `?error=…&error_description=…` on failure. It builds the error address as `"%s?%s"`, so when
//! the page address already had a query or a `#fragment` the parameters land after a second `?`
//! (`/page?keep=1?error=…`) or inside the fragment (`/page#section?error=…`). [`parse_return`]
//! reads all of these forms and gives the cleaned address, which keeps every other query
//! parameter byte for byte (in order) and the fragment.
//!
//! Pure string work: no allocation proportional to anything but the input, no panics on any input.
//!
//! ```
//! use hanko_elements::url::parse_return;
//!
//! let r = parse_return("https://app.example/page?keep=1?error=access_denied&error_description=AADSTS65004%3A+User+declined#top");
//! let error = r.error.unwrap();
//! assert_eq!(error.code, "access_denied");
//! assert_eq!(error.description.as_deref(), Some("AADSTS65004: User declined"));
//! assert_eq!(r.cleaned_href, "https://app.example/page?keep=1#top");
//! assert!(r.needs_cleaning);
//! ```

/// Query keys this module reads and removes.
pub const TOKEN_KEY: &str = "hanko_token";
/// `error` key.
pub const ERROR_KEY: &str = "error";
/// `error_description` key.
pub const ERROR_DESCRIPTION_KEY: &str = "error_description";
/// `error_uri` key.
pub const ERROR_URI_KEY: &str = "error_uri";

const KEYS: [&str; 4] = [TOKEN_KEY, ERROR_KEY, ERROR_DESCRIPTION_KEY, ERROR_URI_KEY];

/// Longest `hanko_token` accepted (Hanko's are 44 characters).
const MAX_TOKEN_LEN: usize = 1024;
/// Longest `error` kept (the error mapping narrows it further).
const MAX_CODE_CHARS: usize = 256;
/// Longest `error_description` kept (long enough for Microsoft's AADSTS text and ids).
const MAX_DESCRIPTION_CHARS: usize = 4096;
/// Longest `error_uri` kept.
const MAX_URI_CHARS: usize = 2048;

/// What the return URL carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnParams {
    /// `hanko_token` (percent-decoded, e.g. with its `=` padding), when present and well-formed
    /// (1–1024 characters of `[A-Za-z0-9_=-]`).
    pub token: Option<String>,
    /// `error` and friends, when `error` is present and not empty.
    pub error: Option<RedirectError>,
    /// The address without `hanko_token`, `error`, `error_description`, `error_uri`: other query
    /// parameters kept as written and in order, the fragment kept (minus error parameters that
    /// landed in it), a double-`?` turned into a proper query. Equals the input when nothing was
    /// removed.
    pub cleaned_href: String,
    /// `true` when any of the four parameters was found (even empty or malformed), i.e. the
    /// address bar should be replaced with [`ReturnParams::cleaned_href`].
    pub needs_cleaning: bool,
}

/// An OAuth-style error on the return URL (percent-decoded, `+` read as a space, bounded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectError {
    /// `error`, e.g. `access_denied` (at most 256 characters).
    pub code: String,
    /// `error_description` (at most 4096 characters).
    pub description: Option<String>,
    /// `error_uri` (at most 2048 characters; meant for developers, never a link to click).
    pub uri: Option<String>,
}

/// Reads `hanko_token`, `error`, `error_description` and `error_uri` from an address (absolute
/// or relative) and computes the cleaned address. The first occurrence of each key wins; the
/// query is read before the fragment.
///
/// ```
/// use hanko_elements::url::parse_return;
///
/// let r = parse_return("/login?lang=de&hanko_token=abc%3D%3D#pane");
/// assert_eq!(r.token.as_deref(), Some("abc=="));
/// assert_eq!(r.cleaned_href, "/login?lang=de#pane");
///
/// let r = parse_return("/login#section?error=server_error&error_description=an+internal+error+has+occurred");
/// assert_eq!(r.error.unwrap().code, "server_error");
/// assert_eq!(r.cleaned_href, "/login#section");
///
/// let r = parse_return("/plain?x=1#y");
/// assert!(!r.needs_cleaning);
/// assert_eq!(r.cleaned_href, "/plain?x=1#y");
/// ```
pub fn parse_return(href: &str) -> ReturnParams {
    let (before_fragment, fragment) = match href.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (href, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (before_fragment, None),
    };

    let mut found = Found::default();
    let query_segments = query.map(|q| segments(q, Mode::Query)).unwrap_or_default();
    let fragment_segments = fragment
        .map(|f| segments(f, Mode::Fragment))
        .unwrap_or_default();
    for segment in query_segments.iter().chain(fragment_segments.iter()) {
        if let Some(key) = segment.key {
            found.take(key, segment.text);
        }
    }

    let needs_cleaning = found.any;
    let cleaned_href = if needs_cleaning {
        let mut out = String::with_capacity(href.len());
        out.push_str(path);
        let query = rebuild(&query_segments, Mode::Query);
        if !query.is_empty() {
            out.push('?');
            out.push_str(&query);
        }
        if fragment.is_some() {
            let fragment = rebuild(&fragment_segments, Mode::Fragment);
            if !fragment.is_empty() {
                out.push('#');
                out.push_str(&fragment);
            }
        }
        out
    } else {
        href.to_owned()
    };

    ReturnParams {
        token: found.token.filter(|t| is_token(t)),
        error: found
            .error
            .filter(|code| !code.trim().is_empty())
            .map(|code| RedirectError {
                code: bounded(&code, MAX_CODE_CHARS),
                description: found
                    .description
                    .map(|d| bounded(&d, MAX_DESCRIPTION_CHARS)),
                uri: found.uri.map(|u| bounded(&u, MAX_URI_CHARS)),
            }),
        cleaned_href,
        needs_cleaning,
    }
}

/// Values collected while scanning (first occurrence of each key).
#[derive(Default)]
struct Found {
    token: Option<String>,
    error: Option<String>,
    description: Option<String>,
    uri: Option<String>,
    any: bool,
}

impl Found {
    fn take(&mut self, key: &str, segment: &str) {
        self.any = true;
        let slot = match key {
            TOKEN_KEY => &mut self.token,
            ERROR_KEY => &mut self.error,
            ERROR_DESCRIPTION_KEY => &mut self.description,
            _ => &mut self.uri,
        };
        if slot.is_none() {
            let value = segment.split_once('=').map_or("", |(_, v)| v);
            *slot = Some(decode(value));
        }
    }
}

/// How a part of the address is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The query: every `&`-separated piece is a parameter; a bare `error` counts.
    Query,
    /// The fragment: only `key=value` pieces count as parameters (a fragment is free text).
    Fragment,
}

/// One piece of a query or fragment and the separator before it (`""` for the first one).
struct Segment<'a> {
    separator: &'a str,
    text: &'a str,
    /// `Some(key)` when this piece is one of the four parameters.
    key: Option<&'static str>,
}

/// Splits at every `&`, and at a `?` that is directly followed by one of the four keys (the
/// double-`?` form); any other `?` stays part of the text.
fn segments(text: &str, mode: Mode) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut separator = "";
    for (i, byte) in text.bytes().enumerate() {
        let splits = match byte {
            b'&' => true,
            b'?' => our_key(&text[i + 1..], mode).is_some(),
            _ => false,
        };
        if splits {
            out.push(segment(separator, &text[start..i], mode));
            separator = &text[i..i + 1];
            start = i + 1;
        }
    }
    out.push(segment(separator, &text[start..], mode));
    out
}

fn segment<'a>(separator: &'a str, text: &'a str, mode: Mode) -> Segment<'a> {
    Segment {
        separator,
        text,
        key: our_key(text, mode),
    }
}

/// Which of the four keys `text` starts with as a parameter (`key=…`, or for the query also a
/// bare `key` ending the piece); keys are compared after percent-decoding.
fn our_key(text: &str, mode: Mode) -> Option<&'static str> {
    let end = text.find(['&', '?', '#']).unwrap_or(text.len());
    let piece = &text[..end];
    let (raw_key, has_value) = match piece.split_once('=') {
        Some((key, _)) => (key, true),
        None => (piece, false),
    };
    if !has_value && mode == Mode::Fragment {
        return None;
    }
    // The longest key is 17 bytes; a percent-encoded key is at most three times that.
    if raw_key.len() > 3 * ERROR_DESCRIPTION_KEY.len() {
        return None;
    }
    let key = decode(raw_key);
    KEYS.into_iter().find(|k| *k == key)
}

/// Joins the pieces that are not ours. A run of removed pieces is replaced by the separator of
/// the run's first piece, so `a=1&error=x&b=2` → `a=1&b=2` and `section?error=x` → `section`.
/// In the query every separator becomes `&` (turning the double-`?` into a proper query).
fn rebuild(segments: &[Segment<'_>], mode: Mode) -> String {
    let mut out = String::new();
    let mut pending: Option<&str> = None;
    let mut first_kept = true;
    for segment in segments {
        if segment.key.is_some() {
            pending.get_or_insert(segment.separator);
            continue;
        }
        let separator = pending.take().unwrap_or(segment.separator);
        let separator = match mode {
            Mode::Query if first_kept => "",
            Mode::Query => "&",
            Mode::Fragment => separator,
        };
        // Empty query pieces left next to removed ones (e.g. `?&error=x`) are dropped.
        if mode == Mode::Query && segment.text.is_empty() {
            continue;
        }
        out.push_str(separator);
        out.push_str(segment.text);
        first_kept = false;
    }
    out
}

/// Decodes `application/x-www-form-urlencoded` text: `+` is a space, `%XX` a byte; malformed
/// `%` sequences stay as written; invalid UTF-8 becomes U+FFFD.
///
/// ```
/// use hanko_elements::url::decode;
/// assert_eq!(decode("a+b%20c%3D"), "a b c=");
/// assert_eq!(decode("100%"), "100%");
/// assert_eq!(decode("%zz%C3%A9%FF"), "%zzé\u{FFFD}");
/// ```
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: Option<&u8>) -> Option<u8> {
    match byte? {
        b @ b'0'..=b'9' => Some(b - b'0'),
        b @ b'a'..=b'f' => Some(b - b'a' + 10),
        b @ b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn is_token(token: &str) -> bool {
    (1..=MAX_TOKEN_LEN).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'='))
}

/// At most `max_chars` characters, cut on a character boundary.
fn bounded(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => text[..end].to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
