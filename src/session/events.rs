//! The events an element reports to the page (same names and details as hanko-elements, plus
//! `hanko-flow-error`).
//!
//! | event | on `document` (bubbles) | on the host (`bubbles: false, composed: true`) | detail |
//! |---|---|---|---|
//! | session created | `hanko-session-created` | `onSessionCreated` | `{claims, expirationSeconds}` (milliseconds, despite the name, as in hanko-elements) |
//! | signed out | `hanko-user-logged-out` | `onUserLoggedOut` | `null` |
//! | session expired | `hanko-session-expired` | `onSessionExpired` | `null` |
//! | sign-in failed | `hanko-flow-error` | `onFlowError` | `{code, description, provider, kind, aadsts, correlationId, traceId, timestamp}` |

use crate::errors::Failure;
use crate::protocol::types::json_text;
use serde_json::{json, Value};
use std::rc::Rc;
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

/// Something the page may want to know about.
#[derive(Debug, Clone, PartialEq)]
pub enum HankoEvent {
    /// A session was created (`hanko-session-created` / `onSessionCreated`).
    SessionCreated {
        /// The session claims as sent by Hanko.
        claims: Value,
        /// Milliseconds until the session expires: hanko-elements' `expirationSeconds`, which holds
        /// `Date.parse(claims.expiration) - Date.now()` despite its name.
        expiration_millis: i64,
    },
    /// The user signed out (`hanko-user-logged-out` / `onUserLoggedOut`).
    UserLoggedOut,
    /// The session ended (`hanko-session-expired` / `onSessionExpired`).
    SessionExpired,
    /// Sign-in failed (`hanko-flow-error` / `onFlowError`).
    FlowError(Failure),
}

impl HankoEvent {
    /// The `document` event name, e.g. `hanko-session-created`.
    pub fn document_name(&self) -> &'static str {
        match self {
            HankoEvent::SessionCreated { .. } => "hanko-session-created",
            HankoEvent::UserLoggedOut => "hanko-user-logged-out",
            HankoEvent::SessionExpired => "hanko-session-expired",
            HankoEvent::FlowError(_) => "hanko-flow-error",
        }
    }

    /// The host element event name, e.g. `onSessionCreated`.
    pub fn host_name(&self) -> &'static str {
        match self {
            HankoEvent::SessionCreated { .. } => "onSessionCreated",
            HankoEvent::UserLoggedOut => "onUserLoggedOut",
            HankoEvent::SessionExpired => "onSessionExpired",
            HankoEvent::FlowError(_) => "onFlowError",
        }
    }

    /// The event `detail` as JSON.
    pub fn detail(&self) -> Value {
        match self {
            HankoEvent::SessionCreated {
                claims,
                expiration_millis,
            } => json!({"claims": claims, "expirationSeconds": expiration_millis}),
            HankoEvent::UserLoggedOut | HankoEvent::SessionExpired => Value::Null,
            HankoEvent::FlowError(failure) => failure.event_detail(),
        }
    }
}

/// A Rust callback for [`HankoEvent`]s.
pub type EventCallback = Rc<dyn Fn(&HankoEvent)>;

/// Where an element reports its [`HankoEvent`]s: DOM events on `document` and on the host element,
/// plus an optional Rust callback (for Leptos users).
#[derive(Clone)]
pub struct EventSink {
    host: Option<EventTarget>,
    callback: Option<EventCallback>,
}

impl EventSink {
    /// Reports on `document` and, when given, on `host` (the custom element).
    pub fn new(host: Option<EventTarget>) -> Self {
        EventSink {
            host,
            callback: None,
        }
    }

    /// Also calls `callback` for every event.
    pub fn with_callback(mut self, callback: EventCallback) -> Self {
        self.callback = Some(callback);
        self
    }

    /// Reports `event`: first on the host, then on `document`, then to the callback.
    pub fn emit(&self, event: &HankoEvent) {
        let detail =
            js_sys::JSON::parse(&json_text(&event.detail())).unwrap_or(wasm_bindgen::JsValue::NULL);
        if let Some(host) = &self.host {
            dispatch(host, event.host_name(), &detail, false);
        }
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            dispatch(&document, event.document_name(), &detail, true);
        }
        if let Some(callback) = &self.callback {
            callback(event);
        }
    }
}

fn dispatch(target: &EventTarget, name: &str, detail: &wasm_bindgen::JsValue, bubbles: bool) {
    let init = CustomEventInit::new();
    init.set_bubbles(bubbles);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// The `claims` in the `detail` of a `hanko-session-created` event, as JSON.
pub(crate) fn event_claims(event: &web_sys::Event) -> Option<Value> {
    use wasm_bindgen::JsCast;
    let detail = event.dyn_ref::<CustomEvent>()?.detail();
    let text = js_sys::JSON::stringify(&detail).ok()?.as_string()?;
    serde_json::from_str::<Value>(&text)
        .ok()?
        .get("claims")
        .cloned()
}
