//! The browser part of [`crate::session`]: the page's session service, one per `register` call.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::events::{event_claims, EventSink, HankoEvent};
use super::{
    read_logout, read_user, read_validation, state_key, ChannelMessage, Logout, SdkError,
    SessionState, StoredState, Validation, CHANNEL_NAME,
};
use crate::elements::options::RegisterOptions;
use crate::protocol::client::{Answer, ClientError, HankoClient};
use crate::protocol::token::{SessionTokenLocation, TokenStore};

/// sessionStorage key of this tab's own channel name in `sessionStorage` token mode (as the SDK).
const TAB_CHANNEL_KEY: &str = "sessionCheckChannelName";

/// The page's session service. Cheap to clone; stops when [`PageSession::stop`] is called (a new
/// `register` call stops the previous one).
#[derive(Clone)]
pub struct PageSession {
    inner: Rc<Inner>,
}

/// A pending check: the `setTimeout` handle and its callback.
type Timer = (i32, Closure<dyn FnMut()>);

/// An event listener this service added: where, which event, the callback.
type Listener = (
    web_sys::EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

struct Inner {
    client: HankoClient,
    storage_key: String,
    interval_ms: f64,
    channel: Option<web_sys::BroadcastChannel>,
    signed_in: Cell<bool>,
    /// Whether this tab checks the session (another tab that got the focus takes over).
    leading: Cell<bool>,
    /// Set while this service dispatches a page event itself, so its own listeners ignore it.
    relaying: Cell<bool>,
    stopped: Cell<bool>,
    timer: RefCell<Option<Timer>>,
    listeners: RefCell<Vec<Listener>>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What localStorage remembers for `storage_key` (signed out when absent or unreadable).
fn stored_state(storage_key: &str) -> StoredState {
    let stored = local_storage().and_then(|s| s.get_item(&state_key(storage_key)).ok().flatten());
    StoredState::read(stored.as_deref())
}

/// `claims.expiration` in milliseconds since the epoch; 0 when absent or unreadable.
fn expiration_of(claims: &Value) -> f64 {
    claims
        .get("expiration")
        .and_then(Value::as_str)
        .map(js_sys::Date::parse)
        .filter(|ms| ms.is_finite())
        .unwrap_or(0.0)
}

fn has_focus() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.has_focus().ok())
        .unwrap_or(false)
}

fn channel_name(location: SessionTokenLocation) -> String {
    if location == SessionTokenLocation::Cookie {
        return CHANNEL_NAME.to_owned();
    }
    // Each tab has its own session: its own channel, kept across reloads of the tab.
    let storage = web_sys::window().and_then(|window| window.session_storage().ok().flatten());
    if let Some(name) = storage
        .as_ref()
        .and_then(|s| s.get_item(TAB_CHANNEL_KEY).ok().flatten())
        .filter(|name| !name.is_empty())
    {
        return name;
    }
    let name = format!("{CHANNEL_NAME}-{}", (js_sys::Math::random() * 1e9) as u64);
    if let Some(storage) = storage {
        let _ = storage.set_item(TAB_CHANNEL_KEY, &name);
    }
    name
}

fn sdk_error(error: ClientError) -> SdkError {
    match error {
        ClientError::Timeout => SdkError::RequestTimeout,
        ClientError::Network => SdkError::Technical,
    }
}

impl PageSession {
    /// Starts the service for the Hanko API at `api`: reads the stored session state, joins the
    /// tabs' channel, follows the page's session events and checks the session while signed in.
    pub fn start(api: &str, options: &RegisterOptions) -> PageSession {
        let tokens = TokenStore::for_api(
            api,
            &options.storage_key,
            options.session_token_location,
            options.cookie_same_site.clone(),
            options.cookie_domain.clone(),
        );
        let signed_in = stored_state(&options.storage_key).signed_in(now());
        let inner = Rc::new(Inner {
            client: HankoClient::new(api, String::new(), tokens),
            storage_key: options.storage_key.clone(),
            interval_ms: f64::from(
                options
                    .session_check_interval
                    .max(RegisterOptions::MIN_SESSION_CHECK_INTERVAL),
            ),
            channel: web_sys::BroadcastChannel::new(&channel_name(options.session_token_location))
                .ok(),
            signed_in: Cell::new(signed_in),
            leading: Cell::new(true),
            relaying: Cell::new(false),
            stopped: Cell::new(false),
            timer: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
        });
        let session = PageSession { inner };
        session.listen();
        if has_focus() {
            session.post(&ChannelMessage::RequestLeadership);
        }
        session.schedule();
        session
    }

    /// Stops checking and listening (the page's elements keep working on their own).
    pub fn stop(&self) {
        self.inner.stopped.set(true);
        self.clear_timer();
        if let Ok(mut listeners) = self.inner.listeners.try_borrow_mut() {
            for (target, name, callback) in listeners.drain(..) {
                let _ = target
                    .remove_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
            }
        }
        if let Some(channel) = &self.inner.channel {
            channel.close();
        }
    }

    /// Changes the `X-Language` of later requests (`hanko.setLang`).
    pub fn set_lang(&self, lang: String) {
        self.inner.client.set_lang(lang);
    }

    /// The header-mode session token, if one is stored (`hanko.getSessionToken()`).
    pub fn session_token(&self) -> Option<String> {
        self.inner.client.tokens().get()
    }

    /// `GET /sessions/validate` (`hanko.validateSession()`): the answer as sent, or
    /// [`SdkError::Technical`] for a non-2xx answer.
    pub async fn validate(&self) -> Result<Value, SdkError> {
        let answer = self
            .inner
            .client
            .get("/sessions/validate")
            .await
            .map_err(sdk_error)?;
        if !answer.ok() {
            return Err(SdkError::Technical);
        }
        serde_json::from_str(&answer.body).map_err(|_| SdkError::Technical)
    }

    /// `GET /me` (`hanko.getCurrentUser()`): the user's profile. A 401 also reports
    /// `hanko-session-expired`, as the SDK does.
    pub async fn current_user(&self) -> Result<Value, SdkError> {
        let answer = self.inner.client.get("/me").await.map_err(sdk_error)?;
        self.user_answer(&answer)
    }

    /// `GET /me`, then `GET /users/{id}` (`hanko.getUser()`, deprecated in the SDK).
    pub async fn user(&self) -> Result<Value, SdkError> {
        let me = self.current_user().await?;
        let id = me
            .get("id")
            .and_then(Value::as_str)
            .ok_or(SdkError::Technical)?;
        let path = format!("/users/{}", js_sys::encode_uri_component(id));
        let answer = self.inner.client.get(&path).await.map_err(sdk_error)?;
        self.user_answer(&answer)
    }

    fn user_answer(&self, answer: &Answer) -> Result<Value, SdkError> {
        let user = read_user(answer.status, &answer.body);
        if user == Err(SdkError::Unauthorized) {
            self.announce(&HankoEvent::SessionExpired);
        }
        user
    }

    /// `POST /logout` (`hanko.logout()`). Only once the server ended the session (or knew none)
    /// is the stored token forgotten and `hanko-user-logged-out` reported; otherwise it rejects
    /// with [`SdkError::Technical`] and nothing changes.
    pub async fn logout(&self) -> Result<(), SdkError> {
        let status = self.inner.client.logout().await.map_err(sdk_error)?;
        match read_logout(status) {
            Logout::SignedOut | Logout::AlreadySignedOut => {
                self.announce(&HankoEvent::UserLoggedOut);
                Ok(())
            }
            Logout::Failed => Err(SdkError::Technical),
        }
    }

    fn from_weak(weak: &Weak<Inner>) -> Option<PageSession> {
        weak.upgrade()
            .filter(|inner| !inner.stopped.get())
            .map(|inner| PageSession { inner })
    }

    /// Reports `event` on `document`, marked as this service's own (so not passed on to the other
    /// tabs: for what they told us).
    fn emit(&self, event: &HankoEvent) {
        self.inner.relaying.set(true);
        EventSink::new(None).emit(event);
        self.inner.relaying.set(false);
        self.follow(event);
    }

    /// Reports `event` of this tab on `document` and to the other tabs.
    fn announce(&self, event: &HankoEvent) {
        self.emit(event);
        if let Some(message) = ChannelMessage::for_event(event) {
            self.post(&message);
        }
    }

    fn post(&self, message: &ChannelMessage) {
        if let (Some(channel), Ok(json)) =
            (&self.inner.channel, js_sys::JSON::parse(&message.to_json()))
        {
            let _ = channel.post_message(&json);
        }
    }

    fn save(&self, state: Option<StoredState>) {
        let Some(storage) = local_storage() else {
            return;
        };
        let key = state_key(&self.inner.storage_key);
        let _ = match state {
            Some(state) => storage.set_item(&key, &state.to_json()),
            None => storage.remove_item(&key),
        };
    }

    /// Keeps the service's own state in line with a session event of the page.
    fn follow(&self, event: &HankoEvent) {
        match event {
            HankoEvent::SessionCreated { claims, .. } => {
                let expiration = expiration_of(claims);
                self.inner.signed_in.set(true);
                self.save(Some(StoredState {
                    expiration,
                    last_check: now(),
                }));
                self.schedule();
            }
            HankoEvent::UserLoggedOut | HankoEvent::SessionExpired => {
                self.inner.signed_in.set(false);
                self.save(None);
                self.clear_timer();
            }
            HankoEvent::FlowError(_) => {}
        }
    }

    /// A session event dispatched on `document` by an element or by another script.
    fn on_page_event(&self, event: HankoEvent) {
        if self.inner.relaying.get() {
            return;
        }
        if let HankoEvent::SessionCreated { .. } = event {
            // Any script can dispatch the event: follow it, and tell the other tabs, only once
            // the server confirms the session (with the server's claims).
            let session = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(SessionState::SignedIn { claims }) = session
                    .validate()
                    .await
                    .ok()
                    .and_then(|answer| SessionState::from_answer(&answer))
                else {
                    return;
                };
                let expiration_millis = super::millis_until_expiration(&claims);
                let confirmed = HankoEvent::SessionCreated {
                    claims,
                    expiration_millis,
                };
                session.follow(&confirmed);
                if let Some(message) = ChannelMessage::for_event(&confirmed) {
                    session.post(&message);
                }
            });
            return;
        }
        self.follow(&event);
        if let Some(message) = ChannelMessage::for_event(&event) {
            self.post(&message);
        }
    }

    fn on_message(&self, message: ChannelMessage) {
        match message {
            ChannelMessage::SessionCreated { claims } => {
                let expiration_millis = super::millis_until_expiration(&claims);
                self.emit(&HankoEvent::SessionCreated {
                    claims,
                    expiration_millis,
                });
            }
            ChannelMessage::SessionExpired => {
                if self.inner.signed_in.get() {
                    self.emit(&HankoEvent::SessionExpired);
                }
            }
            ChannelMessage::RequestLeadership => {
                if !has_focus() {
                    self.inner.leading.set(false);
                    self.clear_timer();
                }
            }
        }
    }

    fn on_focus(&self) {
        self.inner.leading.set(true);
        self.post(&ChannelMessage::RequestLeadership);
        self.schedule();
    }

    fn listen(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let weak = Rc::downgrade(&self.inner);
        type Handler = fn(&PageSession, &web_sys::Event);
        let mut targets: Vec<(web_sys::EventTarget, &'static str, Handler)> = Vec::new();
        if let Some(document) = window.document() {
            let document: web_sys::EventTarget = document.into();
            targets.push((
                document.clone(),
                "hanko-session-created",
                |session, event| {
                    if let Some(claims) = event_claims(event) {
                        session.on_page_event(HankoEvent::SessionCreated {
                            claims,
                            expiration_millis: 0,
                        });
                    }
                },
            ));
            targets.push((document.clone(), "hanko-user-logged-out", |session, _| {
                session.on_page_event(HankoEvent::UserLoggedOut)
            }));
            targets.push((document, "hanko-session-expired", |session, _| {
                session.on_page_event(HankoEvent::SessionExpired)
            }));
        }
        targets.push((window.clone().into(), "focus", |session, _| {
            session.on_focus()
        }));
        if let Some(channel) = &self.inner.channel {
            targets.push((channel.clone().into(), "message", |session, event| {
                let message = event
                    .dyn_ref::<web_sys::MessageEvent>()
                    .and_then(|event| js_sys::JSON::stringify(&event.data()).ok())
                    .and_then(|text| text.as_string())
                    .and_then(|text| ChannelMessage::read(&text));
                if let Some(message) = message {
                    session.on_message(message);
                }
            }));
        }
        let Ok(mut listeners) = self.inner.listeners.try_borrow_mut() else {
            return;
        };
        for (target, name, handler) in targets {
            let weak = weak.clone();
            let callback =
                Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                    if let Some(session) = PageSession::from_weak(&weak) {
                        handler(&session, &event);
                    }
                });
            if target
                .add_event_listener_with_callback(name, callback.as_ref().unchecked_ref())
                .is_ok()
            {
                listeners.push((target, name, callback));
            }
        }
    }

    fn clear_timer(&self) {
        let timer = self
            .inner
            .timer
            .try_borrow_mut()
            .ok()
            .and_then(|mut t| t.take());
        if let (Some((handle, _)), Some(window)) = (timer, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
    }

    /// Plans the next check: after the interval since the last one, or when the session expires
    /// if that comes first. Nothing while signed out or while another tab checks.
    fn schedule(&self) {
        self.clear_timer();
        if self.inner.stopped.get() || !self.inner.signed_in.get() || !self.inner.leading.get() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let state = stored_state(&self.inner.storage_key);
        let since_check = (now() - state.last_check).max(0.0);
        let until_interval = (self.inner.interval_ms - since_check).max(0.0);
        let until_expiry = state.expiration - now();
        // Once the expiry has passed (and the server could not be asked), the interval alone.
        let wait = if until_expiry > 0.0 {
            until_interval.min(until_expiry)
        } else {
            until_interval
        };
        let delay = wait.min(f64::from(i32::MAX)) as i32;
        let weak = Rc::downgrade(&self.inner);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(session) = PageSession::from_weak(&weak) {
                wasm_bindgen_futures::spawn_local(async move { session.check().await });
            }
        });
        if let Ok(handle) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            delay,
        ) {
            if let Ok(mut slot) = self.inner.timer.try_borrow_mut() {
                *slot = Some((handle, callback));
            }
        }
    }

    /// One check of the session: valid keeps it (and its new expiry), invalid ends it, no usable
    /// answer leaves it to the next check.
    async fn check(&self) {
        let validation = match self.inner.client.validate_session().await {
            Ok(answer) => read_validation(answer.status, &answer.body),
            Err(_) => Validation::Unknown,
        };
        if self.inner.stopped.get() || !self.inner.signed_in.get() {
            return;
        }
        match validation {
            Validation::Valid { claims, .. } => {
                let expiration = expiration_of(&claims);
                self.save(Some(StoredState {
                    expiration,
                    last_check: now(),
                }));
                self.schedule();
            }
            Validation::Invalid => self.announce(&HankoEvent::SessionExpired),
            Validation::Unknown => {
                let mut state = stored_state(&self.inner.storage_key);
                state.last_check = now();
                self.save(Some(state));
                self.schedule();
            }
        }
    }
}

/// A JavaScript `Error` shaped like the SDK's `name` / `code` / `message`.
pub fn js_error(error: SdkError) -> JsValue {
    let js = js_sys::Error::new(error.message());
    js.set_name(error.name());
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code().into());
    js.into()
}
