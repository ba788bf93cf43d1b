//! Bounding and cleaning strings that come from the URL or the server before they are kept,
//! shown or reported.

/// Longest code kept ([`code`]).
pub const MAX_CODE_LEN: usize = 64;
/// Longest description kept, in characters ([`description`]).
pub const MAX_DESCRIPTION_CHARS: usize = 1000;
/// What replaces a code that is empty, too long or has characters outside `[A-Za-z0-9_.-]`.
pub const UNKNOWN_CODE: &str = "unknown";

/// A code (`access_denied`, `technical_error`, a provider id) if it is 1–64 characters of
/// `[A-Za-z0-9_.-]` after trimming, else `None`.
pub fn token(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let valid = !trimmed.is_empty()
        && trimmed.len() <= MAX_CODE_LEN
        && trimmed
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    valid.then(|| trimmed.to_owned())
}

/// A code as kept in a [`super::Failure`]: the trimmed code, or [`UNKNOWN_CODE`].
pub fn code(raw: &str) -> String {
    token(raw).unwrap_or_else(|| UNKNOWN_CODE.to_owned())
}

/// Characters dropped from displayed text: C0/C1 controls (line breaks and tabs become spaces)
/// and the bidirectional formatting characters that can reorder what a reader sees.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text with line breaks and tabs turned into single spaces, other control and bidi-override
/// characters removed, runs of spaces collapsed and the ends trimmed.
pub fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(4096));
    let mut last_space = true;
    for c in raw.chars() {
        let c = if matches!(c, '\n' | '\r' | '\t') || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else if !is_hidden(c) {
            out.push(c);
            last_space = false;
        }
    }
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    out
}

/// Cuts `text` to at most `max_chars` characters (on a character boundary), ending with `…`
/// when something was cut.
pub fn truncate_chars(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_owned(),
        Some(_) => {
            let keep = max_chars.saturating_sub(1);
            let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
            let mut out = text[..end].trim_end().to_owned();
            out.push('…');
            out
        }
    }
}

/// A description as kept in a [`super::Failure`]: cleaned ([`clean_text`]), at most
/// [`MAX_DESCRIPTION_CHARS`] characters, `None` when nothing is left.
pub fn description(raw: &str) -> Option<String> {
    let cleaned = clean_text(raw);
    (!cleaned.is_empty()).then(|| truncate_chars(&cleaned, MAX_DESCRIPTION_CHARS))
}
