//! Reading the parts of a Microsoft `error_description`: the AADSTS number, `Trace ID`,
//! `Correlation ID` and `Timestamp`.
//!
//! Microsoft writes e.g. `AADSTS65004: User declined to consent to access the app.
//! Trace ID: 0b1c… Correlation ID: 7d2e… Timestamp: 2024-05-01 10:00:00Z`. These parts are for
//! the details disclosure and the error event only; the message shown is chosen by `error`.

/// Longest id or timestamp kept.
const MAX_FIELD_LEN: usize = 64;

/// The parts found in a description.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DescriptionParts {
    /// `AADSTSnnnnn` → `nnnnn`.
    pub aadsts: Option<u32>,
    /// `Trace ID: …`.
    pub trace_id: Option<String>,
    /// `Correlation ID: …`.
    pub correlation_id: Option<String>,
    /// `Timestamp: …`.
    pub timestamp: Option<String>,
}

/// Reads every part it can find; anything malformed is left out.
pub fn parse(description: &str) -> DescriptionParts {
    DescriptionParts {
        aadsts: aadsts(description),
        trace_id: labelled(description, "Trace ID", is_id_char, trim_id),
        correlation_id: labelled(description, "Correlation ID", is_id_char, trim_id),
        timestamp: labelled(description, "Timestamp", is_timestamp_char, trim_timestamp),
    }
}

/// The number after the first `AADSTS` that is followed by 1–9 digits.
fn aadsts(text: &str) -> Option<u32> {
    let mut rest = text;
    while let Some(at) = find_ignore_case(rest, "AADSTS") {
        let after = &rest[at + "AADSTS".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits) {
            if let Ok(number) = after[..digits].parse() {
                return Some(number);
            }
        }
        rest = after;
    }
    None
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_hexdigit() || c == '-'
}

/// An id ends with a hex digit.
fn trim_id(value: &str) -> &str {
    value.trim_end_matches('-')
}

fn is_timestamp_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | ':' | '.' | ' ' | 'T' | 'Z' | '+')
}

/// A timestamp ends with a digit or `Z`; drops what the loose character set picked up after it
/// (e.g. the `T` of a following `Trace ID`).
fn trim_timestamp(value: &str) -> &str {
    value.trim_end_matches(|c: char| !(c.is_ascii_digit() || c == 'Z'))
}

/// The value after `label` (then optional spaces, `:` and spaces), made of `allowed` characters
/// and tidied by `trim`.
fn labelled(
    text: &str,
    label: &str,
    allowed: fn(char) -> bool,
    trim: fn(&str) -> &str,
) -> Option<String> {
    let mut rest = text;
    while let Some(at) = find_ignore_case(rest, label) {
        let after = rest[at + label.len()..].trim_start();
        if let Some(value) = after.strip_prefix(':') {
            let value = value.trim_start();
            let end = value
                .char_indices()
                .find(|(_, c)| !allowed(*c))
                .map_or(value.len(), |(i, _)| i);
            let found = trim(&value[..end]);
            if !found.is_empty() && found.len() <= MAX_FIELD_LEN {
                return Some(found.to_owned());
            }
        }
        rest = &rest[at + label.len()..];
    }
    None
}

/// Byte index of the first ASCII-case-insensitive occurrence of `needle` (ASCII) in `haystack`.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}
