//! The page's session: one per `register` call, shared by every element on the page.
//!
//! What the official SDK's `Relay` does, for pages that swap hanko-elements for this bundle:
//!
//! - It remembers whether the page is signed in (localStorage `${storageKey}_session_state`:
//!   `{"expiration": <ms>, "lastCheck": <ms>}`), so a reload knows at once.
//! - While signed in it asks `GET /sessions/validate` every `sessionCheckInterval` (at least
//!   3 s) and, at the latest, when the session's `expiration` has passed. Only one tab asks: the
//!   one that last had the focus (it says so on the channel, the others stop). An answer of
//!   `is_valid: false` ends the session (`hanko-session-expired`); a network failure or a 5xx
//!   says nothing about the session, so the next check decides.
//! - Tabs tell each other on the `BroadcastChannel` `hanko-session-check` (with
//!   `sessionTokenLocation: "sessionStorage"` each tab has its own session, so its own channel):
//!   a sign-in in one tab signs the others in, a sign-out or expiry signs them out.
//! - It backs the `hanko` object that `register` resolves to (`getUser`, `validateSession`,
//!   `logout`, `onSessionCreated`, ...; see [`crate::elements::hanko`]).
//!
//! This module's pure part (wire shapes, outcomes, errors) compiles everywhere and is tested
//! natively; [`page`] is the browser part.
//!
//! ```
//! use hanko_elements::session::{read_logout, read_validation, Logout, Validation};
//! assert_eq!(read_logout(204), Logout::SignedOut);
//! assert_eq!(read_logout(503), Logout::Failed);
//! assert!(matches!(read_validation(200, r#"{"is_valid": false}"#), Validation::Invalid));
//! assert!(matches!(read_validation(502, "<html>"), Validation::Unknown));
//! ```

#[cfg(target_arch = "wasm32")]
pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod page;

use serde_json::{json, Value};

use crate::protocol::types::json_text;

/// The `BroadcastChannel` name (the SDK's `sessionCheckChannelName` default).
pub const CHANNEL_NAME: &str = "hanko-session-check";

/// The localStorage key of the session state for `storage_key` (`hanko` → `hanko_session_state`).
///
/// ```
/// assert_eq!(hanko_elements::session::state_key("hanko"), "hanko_session_state");
/// ```
pub fn state_key(storage_key: &str) -> String {
    format!("{storage_key}_session_state")
}

/// What localStorage remembers between checks, in milliseconds since the epoch (as the SDK's
/// `SessionState`); both 0 when signed out.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StoredState {
    /// When the session expires.
    pub expiration: f64,
    /// When the server last confirmed it (JSON field `lastCheck`).
    pub last_check: f64,
}

impl StoredState {
    /// Reads the stored JSON; anything unreadable (or `null`) counts as signed out.
    ///
    /// ```
    /// use hanko_elements::session::StoredState;
    /// let state = StoredState::read(Some(r#"{"expiration": 2000, "lastCheck": 1000}"#));
    /// assert!(state.signed_in(1500.0));
    /// assert!(!state.signed_in(2500.0));
    /// assert!(!StoredState::read(Some("not json")).signed_in(0.0));
    /// ```
    pub fn read(stored: Option<&str>) -> StoredState {
        stored
            .and_then(|text| serde_json::from_str::<Value>(text).ok())
            .and_then(|value| {
                let fields = value.as_object()?;
                // A field is a number or absent (0); anything else makes the whole state unreadable.
                let number = |key: &str| fields.get(key).map_or(Some(0.0), Value::as_f64);
                Some(StoredState {
                    expiration: number("expiration")?,
                    last_check: number("lastCheck")?,
                })
            })
            .unwrap_or_default()
    }

    /// Whether the session is still running at `now` (ms).
    pub fn signed_in(&self, now: f64) -> bool {
        now < self.expiration
    }

    /// The JSON to store.
    pub fn to_json(&self) -> String {
        json_text(&json!({"expiration": self.expiration, "lastCheck": self.last_check}))
    }
}

/// A message between the tabs of one site on [`CHANNEL_NAME`] (the SDK's `BroadcastMessage`).
/// On the channel it is `{"action": "sessionCreated", "claims": {...}}`, `{"action": "sessionExpired"}`
/// or `{"action": "requestLeadership"}`.
#[derive(Debug, Clone, PartialEq)]
pub enum ChannelMessage {
    /// A tab signed in; the claims of its session.
    SessionCreated {
        /// The session claims.
        claims: Value,
    },
    /// A tab signed out or saw the session end.
    SessionExpired,
    /// A tab got the focus and checks the session from now on.
    RequestLeadership,
}

impl ChannelMessage {
    /// Reads a message from another tab; `None` for anything else on the channel.
    ///
    /// ```
    /// use hanko_elements::session::ChannelMessage;
    /// assert_eq!(
    ///     ChannelMessage::read(r#"{"action": "sessionExpired"}"#),
    ///     Some(ChannelMessage::SessionExpired)
    /// );
    /// assert_eq!(ChannelMessage::read(r#"{"action": "reboot"}"#), None);
    /// ```
    pub fn read(json: &str) -> Option<ChannelMessage> {
        let value = serde_json::from_str::<Value>(json).ok()?;
        match value.get("action")?.as_str()? {
            "sessionCreated" => Some(ChannelMessage::SessionCreated {
                claims: value.get("claims")?.clone(),
            }),
            "sessionExpired" => Some(ChannelMessage::SessionExpired),
            "requestLeadership" => Some(ChannelMessage::RequestLeadership),
            _ => None,
        }
    }

    /// The JSON to post.
    pub fn to_json(&self) -> String {
        json_text(&match self {
            ChannelMessage::SessionCreated { claims } => {
                json!({"action": "sessionCreated", "claims": claims})
            }
            ChannelMessage::SessionExpired => json!({"action": "sessionExpired"}),
            ChannelMessage::RequestLeadership => json!({"action": "requestLeadership"}),
        })
    }

    /// What to tell the other tabs about a session event of this tab (nothing for flow errors).
    #[cfg(target_arch = "wasm32")]
    pub fn for_event(event: &events::HankoEvent) -> Option<ChannelMessage> {
        match event {
            events::HankoEvent::SessionCreated { claims, .. } => {
                Some(ChannelMessage::SessionCreated {
                    claims: claims.clone(),
                })
            }
            events::HankoEvent::UserLoggedOut | events::HankoEvent::SessionExpired => {
                Some(ChannelMessage::SessionExpired)
            }
            events::HankoEvent::FlowError(_) => None,
        }
    }
}

/// What `GET /sessions/validate` said about the session.
#[derive(Debug, Clone, PartialEq)]
pub enum Validation {
    /// The session is valid.
    Valid {
        /// Its claims (`subject`, `expiration`, `email`, ...).
        claims: Value,
        /// The whole answer, as `hanko.validateSession()` resolves it.
        answer: Value,
    },
    /// The server says there is no valid session.
    Invalid,
    /// No usable answer (network failure, timeout, 5xx, a proxy's page): nothing is known.
    Unknown,
}

/// Reads an answer of `GET /sessions/validate` (Hanko answers 200 with or without a session).
pub fn read_validation(status: u16, body: &str) -> Validation {
    if !(200..300).contains(&status) {
        return Validation::Unknown;
    }
    let Ok(answer) = serde_json::from_str::<Value>(body) else {
        return Validation::Unknown;
    };
    match answer.get("is_valid").and_then(Value::as_bool) {
        Some(true) => Validation::Valid {
            claims: answer.get("claims").cloned().unwrap_or(Value::Null),
            answer,
        },
        Some(false) => Validation::Invalid,
        None => Validation::Unknown,
    }
}

/// What `POST /logout` came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logout {
    /// The server ended the session.
    SignedOut,
    /// The server knew no session (401): signed out already.
    AlreadySignedOut,
    /// Anything else: the session may still exist; nothing is forgotten, nothing is reported.
    Failed,
}

/// Reads the status of `POST /logout`.
pub fn read_logout(status: u16) -> Logout {
    match status {
        200..=299 => Logout::SignedOut,
        401 => Logout::AlreadySignedOut,
        _ => Logout::Failed,
    }
}

/// The errors the `hanko` object's methods reject with: the official SDK's error classes, by
/// `name`, `code` and `message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SdkError {
    /// Anything unexpected (network failure, 5xx, unreadable answer).
    Technical,
    /// No valid session (401).
    Unauthorized,
    /// No answer within 13 seconds.
    RequestTimeout,
}

impl SdkError {
    /// The class name, e.g. `TechnicalError`.
    ///
    /// ```
    /// use hanko_elements::session::SdkError;
    /// assert_eq!(SdkError::Unauthorized.name(), "UnauthorizedError");
    /// assert_eq!(SdkError::Unauthorized.code(), "unauthorized");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SdkError::Technical => "TechnicalError",
            SdkError::Unauthorized => "UnauthorizedError",
            SdkError::RequestTimeout => "RequestTimeoutError",
        }
    }

    /// The `code` property (a translation key in hanko-elements).
    pub fn code(self) -> &'static str {
        match self {
            SdkError::Technical => "somethingWentWrong",
            SdkError::Unauthorized => "unauthorized",
            SdkError::RequestTimeout => "requestTimeout",
        }
    }

    /// The `message` property.
    pub fn message(self) -> &'static str {
        match self {
            SdkError::Technical => "Technical error",
            SdkError::Unauthorized => "Unauthorized error",
            SdkError::RequestTimeout => "Request timed out error",
        }
    }
}

/// Reads the JSON body of a 2xx answer of `/me` or `/users/{id}`; 401 is
/// [`SdkError::Unauthorized`], any other failure [`SdkError::Technical`].
///
/// ```
/// use hanko_elements::session::{read_user, SdkError};
/// assert_eq!(read_user(200, r#"{"id": "u1"}"#).unwrap()["id"], "u1");
/// assert_eq!(read_user(401, ""), Err(SdkError::Unauthorized));
/// assert_eq!(read_user(200, "<html>"), Err(SdkError::Technical));
/// ```
pub fn read_user(status: u16, body: &str) -> Result<Value, SdkError> {
    match status {
        401 => Err(SdkError::Unauthorized),
        200..=299 => serde_json::from_str(body).map_err(|_| SdkError::Technical),
        _ => Err(SdkError::Technical),
    }
}

/// Milliseconds from `now` until `expiration` (both ms since the epoch), as the SDK's
/// `expirationSeconds`; 0 when `expiration` is not a number.
///
/// ```
/// assert_eq!(hanko_elements::session::millis_between(1_000.0, 61_000.0), 60_000);
/// ```
pub fn millis_between(now: f64, expiration: f64) -> i64 {
    let millis = expiration - now;
    if millis.is_finite() {
        millis.round() as i64
    } else {
        0
    }
}

/// Milliseconds from now until `claims.expiration` (browser clock; 0 when absent or unreadable).
#[cfg(target_arch = "wasm32")]
pub fn millis_until_expiration(claims: &Value) -> i64 {
    match claims.get("expiration").and_then(Value::as_str) {
        Some(expiration) => millis_between(js_sys::Date::now(), js_sys::Date::parse(expiration)),
        None => 0,
    }
}

/// The session as a Leptos app sees it ([`crate::elements::hooks::use_session`]): checking at
/// first, then signed in (with the claims) or signed out, following the page's session events.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SessionState {
    /// The first check has no usable answer yet.
    #[default]
    Checking,
    /// A session exists.
    SignedIn {
        /// Its claims (`subject`, `email`, `expiration`, …).
        claims: Value,
    },
    /// No session.
    SignedOut,
}

impl SessionState {
    /// What an answer of `GET /sessions/validate` (`hanko.validateSession()`) says; `None` when
    /// it says nothing usable (the state stays as it is).
    ///
    /// ```
    /// use hanko_elements::session::SessionState;
    /// let valid = serde_json::json!({"is_valid": true, "claims": {"subject": "u1"}});
    /// assert!(matches!(SessionState::from_answer(&valid), Some(SessionState::SignedIn { .. })));
    /// let invalid = serde_json::json!({"is_valid": false});
    /// assert_eq!(SessionState::from_answer(&invalid), Some(SessionState::SignedOut));
    /// assert_eq!(SessionState::from_answer(&serde_json::json!("<html>")), None);
    /// ```
    pub fn from_answer(answer: &Value) -> Option<SessionState> {
        match answer.get("is_valid").and_then(Value::as_bool)? {
            true => Some(SessionState::SignedIn {
                claims: answer.get("claims").cloned().unwrap_or(Value::Null),
            }),
            false => Some(SessionState::SignedOut),
        }
    }

    /// `Some(true)` signed in, `Some(false)` signed out, `None` while checking (the shape
    /// `leptos_router`'s `ProtectedRoute` condition takes).
    ///
    /// ```
    /// use hanko_elements::session::SessionState;
    /// let signed_in = SessionState::SignedIn {
    ///     claims: serde_json::json!({"subject": "u1", "email": {"address": "pat@contoso.example"}}),
    /// };
    /// assert_eq!(signed_in.is_signed_in(), Some(true));
    /// assert_eq!(signed_in.user_id(), Some("u1"));
    /// assert_eq!(signed_in.email(), Some("pat@contoso.example"));
    /// assert_eq!(SessionState::Checking.is_signed_in(), None);
    /// assert_eq!(SessionState::SignedOut.email(), None);
    /// ```
    pub fn is_signed_in(&self) -> Option<bool> {
        match self {
            SessionState::Checking => None,
            SessionState::SignedIn { .. } => Some(true),
            SessionState::SignedOut => Some(false),
        }
    }

    /// The session claims, when signed in.
    pub fn claims(&self) -> Option<&Value> {
        match self {
            SessionState::SignedIn { claims } => Some(claims),
            _ => None,
        }
    }

    /// The user's id (`claims.subject`), when signed in.
    pub fn user_id(&self) -> Option<&str> {
        self.claims()?.get("subject")?.as_str()
    }

    /// The user's primary email (`claims.email.address`), when signed in and known.
    pub fn email(&self) -> Option<&str> {
        self.claims()?.pointer("/email/address")?.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn stored_state_round_trips_with_the_sdk_field_names() {
        let state = StoredState {
            expiration: 5_000.0,
            last_check: 1_000.0,
        };
        let json: Value = serde_json::from_str(&state.to_json()).unwrap();
        assert_eq!(json, json!({"expiration": 5000.0, "lastCheck": 1000.0}));
        assert_eq!(StoredState::read(Some(&state.to_json())), state);
    }

    #[test]
    fn stored_state_null_missing_and_garbage_mean_signed_out() {
        for stored in [
            None,
            Some("null"),
            Some(""),
            Some("[1,2]"),
            Some("{\"expiration\": \"x\"}"),
        ] {
            assert!(!StoredState::read(stored).signed_in(0.0), "{stored:?}");
        }
    }

    #[test]
    fn channel_messages_use_the_sdk_shapes() {
        let created = ChannelMessage::SessionCreated {
            claims: json!({"subject": "u1"}),
        };
        assert_eq!(
            serde_json::from_str::<Value>(&created.to_json()).unwrap(),
            json!({"action": "sessionCreated", "claims": {"subject": "u1"}})
        );
        assert_eq!(
            ChannelMessage::read(r#"{"action":"requestLeadership"}"#),
            Some(ChannelMessage::RequestLeadership)
        );
        assert_eq!(ChannelMessage::read("42"), None);
        assert_eq!(ChannelMessage::read(r#"{"action":"sessionCreated"}"#), None);
    }

    #[test]
    fn validation_separates_no_session_from_no_answer() {
        let valid = read_validation(200, r#"{"is_valid": true, "claims": {"subject": "u1"}}"#);
        assert!(matches!(valid, Validation::Valid { ref claims, .. } if claims["subject"] == "u1"));
        assert_eq!(
            read_validation(200, r#"{"is_valid": false}"#),
            Validation::Invalid
        );
        for (status, body) in [
            (500, "{}"),
            (503, r#"{"is_valid": false}"#),
            (200, "oops"),
            (200, "{}"),
            (0, ""),
        ] {
            assert_eq!(
                read_validation(status, body),
                Validation::Unknown,
                "{status} {body}"
            );
        }
    }

    #[test]
    fn logout_counts_only_confirmed_outcomes() {
        assert_eq!(read_logout(200), Logout::SignedOut);
        assert_eq!(read_logout(204), Logout::SignedOut);
        assert_eq!(read_logout(401), Logout::AlreadySignedOut);
        for status in [0, 400, 403, 404, 429, 500, 502] {
            assert_eq!(read_logout(status), Logout::Failed, "{status}");
        }
    }

    #[test]
    fn sdk_errors_match_the_official_classes() {
        let all = [
            SdkError::Technical,
            SdkError::Unauthorized,
            SdkError::RequestTimeout,
        ];
        let shapes: Vec<_> = all
            .iter()
            .map(|e| (e.name(), e.code(), e.message()))
            .collect();
        assert_eq!(
            shapes,
            [
                ("TechnicalError", "somethingWentWrong", "Technical error"),
                ("UnauthorizedError", "unauthorized", "Unauthorized error"),
                (
                    "RequestTimeoutError",
                    "requestTimeout",
                    "Request timed out error"
                ),
            ]
        );
    }

    #[test]
    fn user_answers() {
        assert_eq!(read_user(500, "{}"), Err(SdkError::Technical));
        assert_eq!(read_user(404, "{}"), Err(SdkError::Technical));
        assert_eq!(read_user(204, "{\"a\":1}").unwrap(), json!({"a": 1}));
    }

    #[test]
    fn millis_between_is_signed_and_total() {
        assert_eq!(millis_between(10_000.0, 4_000.0), -6_000);
        assert_eq!(millis_between(0.0, f64::NAN), 0);
    }
}
