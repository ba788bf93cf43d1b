//! The `hanko` object that `register(api, options)` resolves to (`const { hanko } = await
//! register(...)`), with the methods of the official SDK's `Hanko` (2.7) that pages call. It is a
//! thin face on the page's session service ([`crate::session::page::PageSession`]).
//!
//! | method | does | resolves / returns | rejects with |
//! |---|---|---|---|
//! | `onSessionCreated(cb, once?)` | `cb({ claims, expirationSeconds })` on `hanko-session-created` (at most once a second) | an unsubscribe function | |
//! | `onSessionExpired(cb, once?)` | `cb(null)` on `hanko-session-expired` (at most once a second) | an unsubscribe function | |
//! | `onUserLoggedOut(cb, once?)` | `cb(null)` on `hanko-user-logged-out` | an unsubscribe function | |
//! | `onUserDeleted(cb, once?)` | `cb(null)` on `hanko-user-deleted` | an unsubscribe function | |
//! | `getCurrentUser()` | `GET /me` | the profile | `UnauthorizedError` (401, also fires `hanko-session-expired`), `TechnicalError`, `RequestTimeoutError` |
//! | `getUser()` | `GET /me`, then `GET /users/{id}` (deprecated in the SDK) | the user | as `getCurrentUser` |
//! | `validateSession()` | `GET /sessions/validate` | `{ is_valid, claims?, expiration_time?, user_id? }` | `TechnicalError`, `RequestTimeoutError` |
//! | `getSessionToken()` | reads the header-mode token (cookie or sessionStorage `storageKey`) | the token, or `undefined` | |
//! | `logout()` | `POST /logout` | `undefined`, after `hanko-user-logged-out` | `TechnicalError`, `RequestTimeoutError` |
//! | `setLang(lang)` | `X-Language` of this object's requests | | |
//!
//! Errors carry the SDK's `name`, `code` (`somethingWentWrong`, `unauthorized`, `requestTimeout`)
//! and `message`. One difference on purpose: the SDK's `logout()` forgets the token and reports
//! the sign-out before it knows the outcome; here both happen only once the server ended the
//! session (or answered 401), so a failed sign-out rejects and leaves the user signed in.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::protocol::types::json_text;
use crate::session::page::{js_error, PageSession};

/// How long `onSessionCreated` / `onSessionExpired` callbacks stay quiet after a call (the SDK's
/// `throttleLimit`).
const THROTTLE_MS: f64 = 1_000.0;

/// The `hanko` object: the official SDK's `Hanko` methods that pages use.
#[wasm_bindgen]
pub struct Hanko {
    session: PageSession,
}

impl std::fmt::Debug for Hanko {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hanko").finish_non_exhaustive()
    }
}

impl Hanko {
    /// Wraps the page's session service.
    pub fn new(session: PageSession) -> Hanko {
        Hanko { session }
    }

    /// The page's session service behind this object.
    pub fn session(&self) -> &PageSession {
        &self.session
    }
}

/// Calls `callback(event.detail)` for every `kind` event on `document`; returns the function that
/// removes the listener.
fn subscribe(
    kind: &str,
    callback: js_sys::Function,
    once: bool,
    throttle: bool,
) -> js_sys::Function {
    let last_call = Rc::new(Cell::new(f64::NEG_INFINITY));
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if throttle {
            let now = js_sys::Date::now();
            if now - last_call.get() < THROTTLE_MS {
                return;
            }
            last_call.set(now);
        }
        let detail = event
            .dyn_ref::<web_sys::CustomEvent>()
            .map(web_sys::CustomEvent::detail)
            .unwrap_or(JsValue::NULL);
        let _ = callback.call1(&JsValue::UNDEFINED, &detail);
    })
    .into_js_value()
    .unchecked_into::<js_sys::Function>();
    let document = web_sys::window().and_then(|window| window.document());
    if let Some(document) = &document {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(once);
        let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
            kind, &listener, &options,
        );
    }
    let kind = kind.to_owned();
    Closure::<dyn FnMut()>::new(move || {
        if let Some(document) = &document {
            let _ = document.remove_event_listener_with_callback(&kind, &listener);
        }
    })
    .into_js_value()
    .unchecked_into()
}

#[wasm_bindgen]
impl Hanko {
    /// `onSessionCreated(callback, once?)`: see the module documentation.
    #[wasm_bindgen(js_name = onSessionCreated, unchecked_return_type = "() => void")]
    pub fn on_session_created(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(detail: SessionDetail) => void")]
        callback: js_sys::Function,
        once: Option<bool>,
    ) -> js_sys::Function {
        subscribe(
            "hanko-session-created",
            callback,
            once.unwrap_or(false),
            true,
        )
    }

    /// `onSessionExpired(callback, once?)`.
    #[wasm_bindgen(js_name = onSessionExpired, unchecked_return_type = "() => void")]
    pub fn on_session_expired(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(detail: null) => void")] callback: js_sys::Function,
        once: Option<bool>,
    ) -> js_sys::Function {
        subscribe(
            "hanko-session-expired",
            callback,
            once.unwrap_or(false),
            true,
        )
    }

    /// `onUserLoggedOut(callback, once?)`.
    #[wasm_bindgen(js_name = onUserLoggedOut, unchecked_return_type = "() => void")]
    pub fn on_user_logged_out(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(detail: null) => void")] callback: js_sys::Function,
        once: Option<bool>,
    ) -> js_sys::Function {
        subscribe(
            "hanko-user-logged-out",
            callback,
            once.unwrap_or(false),
            false,
        )
    }

    /// `onUserDeleted(callback, once?)`.
    #[wasm_bindgen(js_name = onUserDeleted, unchecked_return_type = "() => void")]
    pub fn on_user_deleted(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(detail: null) => void")] callback: js_sys::Function,
        once: Option<bool>,
    ) -> js_sys::Function {
        subscribe("hanko-user-deleted", callback, once.unwrap_or(false), false)
    }

    /// `getCurrentUser()`: `GET /me`.
    #[wasm_bindgen(js_name = getCurrentUser, unchecked_return_type = "Promise<User>")]
    pub fn get_current_user(&self) -> js_sys::Promise {
        let session = self.session.clone();
        promise(async move {
            let user = session.current_user().await.map_err(js_error)?;
            to_js(&user)
        })
    }

    /// `getUser()`: `GET /me`, then `GET /users/{id}`.
    #[wasm_bindgen(js_name = getUser, unchecked_return_type = "Promise<User>")]
    pub fn get_user(&self) -> js_sys::Promise {
        let session = self.session.clone();
        promise(async move {
            let user = session.user().await.map_err(js_error)?;
            to_js(&user)
        })
    }

    /// `validateSession()`: `GET /sessions/validate`.
    #[wasm_bindgen(
        js_name = validateSession,
        unchecked_return_type = "Promise<SessionCheckResponse>"
    )]
    pub fn validate_session(&self) -> js_sys::Promise {
        let session = self.session.clone();
        promise(async move {
            let answer = session.validate().await.map_err(js_error)?;
            to_js(&answer)
        })
    }

    /// `getSessionToken()`: the header-mode token, or `undefined`.
    #[wasm_bindgen(js_name = getSessionToken)]
    pub fn get_session_token(&self) -> Option<String> {
        self.session.session_token()
    }

    /// `logout()`: `POST /logout`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn logout(&self) -> js_sys::Promise {
        let session = self.session.clone();
        promise(async move {
            session.logout().await.map_err(js_error)?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// `setLang(lang)`: the `X-Language` of this object's requests.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: String) {
        self.session.set_lang(lang);
    }
}

/// The promise of `work`. Boxed, so that every method's promise shares one copy of the
/// future-to-promise code.
fn promise(work: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> js_sys::Promise {
    let work: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(work);
    wasm_bindgen_futures::future_to_promise(work)
}

fn to_js(value: &serde_json::Value) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&json_text(value))
}
