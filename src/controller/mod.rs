//! The browser driver: owns the reactive [`Screen`] and carries out the [`Effect`]s of the pure
//! engine ([`crate::flow::engine`]): HTTP, storage, navigation, history, WebAuthn, events.
//! Browser only (`wasm32`).
//!
//! Storage (same keys as hanko-elements): sessionStorage `hanko_pkce_code_verifier` (PKCE
//! verifier, from the click until the return), localStorage `hanko-auth-flow-state` (the
//! `thirdparty` state, saved before leaving for the provider), localStorage
//! `${storage_key}_last_login` (`last_login` of `success`) and, in header mode, the session token
//! (cookie or sessionStorage `${storage_key}`, see [`crate::protocol::token`]).
//!
//! Several elements on one page each have their own controller. The one that starts first on a
//! return address claims the saved flow state and verifier (removes them from storage and cleans
//! the address bar in the same synchronous step), so a token is exchanged only once. If its
//! element is removed while the exchange is under way, it finishes the exchange without a view
//! (storing the token, reporting `hanko-session-created` on `document`) and only then stops.

mod webauthn;

pub use crate::protocol::token::SessionTokenLocation;
pub use crate::session::events::{EventCallback, EventSink, HankoEvent};

use crate::errors::Failure;
use crate::flow::debug_log;
use crate::flow::engine::{next, Effect, Event, PageContext, Pending, RequestId, State};
use crate::flow::model::{FlowName, Screen};
use crate::flow::pkce;
use crate::protocol::client::{ClientError, FlowAnswer, HankoClient};
use crate::protocol::token::TokenStore;
use crate::protocol::types::{
    json_text, last_login_key, ActionRequest, LastLogin, SavedFlowState, CODE_VERIFIER_KEY,
    FLOW_STATE_KEY,
};
use crate::session::{read_validation, Validation};
use crate::ui::{Actions, Submission};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// How a [`Controller`] talks to Hanko.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControllerOptions {
    /// Hanko API base URL, e.g. `https://auth.example.com` (or `https://host/<tenant-id>`).
    pub api: String,
    /// The flow to run.
    pub flow: FlowName,
    /// Sent as `X-Language`.
    pub lang: String,
    /// Name of the header-mode token cookie / sessionStorage key, and prefix of `_last_login` (default `hanko`).
    pub storage_key: String,
    /// Where the header-mode token is kept.
    pub session_token_location: SessionTokenLocation,
    /// `SameSite` of the header-mode token cookie (default `lax`).
    pub cookie_same_site: Option<String>,
    /// `Domain` of the header-mode token cookie.
    pub cookie_domain: Option<String>,
    /// Log flow states, actions and failures to the console ([`crate::flow::debug_log`]).
    pub debug: bool,
}

/// Reads a page event into a machine event (`None`: not for us).
type ReadEvent = fn(&web_sys::Event) -> Option<Event>;

/// A document or window event listener, removed when the controller is disposed.
struct Listener {
    target: web_sys::EventTarget,
    name: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

/// A pending `setTimeout` for [`Effect::WatchExpiry`].
struct Timer {
    handle: i32,
    _callback: Closure<dyn FnMut()>,
}

/// Longest `setTimeout` delay browsers accept (about 24.8 days).
const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;

/// Slack after `claims.expiration` before checking the session again.
const EXPIRY_SLACK_MS: f64 = 1_000.0;

struct Inner {
    screen: ArcRwSignal<Screen>,
    last_used: ArcRwSignal<Option<String>>,
    state: RefCell<State>,
    client: HankoClient,
    storage_key: String,
    events: EventSink,
    listeners: RefCell<Vec<Listener>>,
    expiry: RefCell<Option<Timer>>,
    /// The running WebAuthn ceremony's controller (a new ceremony aborts the previous one).
    ceremony: RefCell<Option<web_sys::AbortController>>,
    disposed: Cell<bool>,
    /// The element was removed while the return was being finished (see [`Inner::leave`]).
    detached: Cell<bool>,
    debug: bool,
}

impl Inner {
    fn clear_expiry(&self) {
        let timer = self.expiry.try_borrow_mut().ok().and_then(|mut t| t.take());
        if let (Some(timer), Some(window)) = (timer, web_sys::window()) {
            window.clear_timeout_with_handle(timer.handle);
        }
    }

    fn abort_ceremony(&self) {
        let previous = self
            .ceremony
            .try_borrow_mut()
            .ok()
            .and_then(|mut c| c.take());
        if let Some(previous) = previous {
            previous.abort();
        }
    }

    /// The element is gone. While the return from the provider is being finished the driver goes
    /// on without its view (detached) and stops once that is done; otherwise it stops now.
    fn leave(&self) {
        let finishing = self
            .state
            .try_borrow()
            .is_ok_and(|state| state.finishing_return());
        if finishing {
            self.detached.set(true);
            self.abort_ceremony();
            self.remove_listeners();
        } else {
            self.dispose();
        }
    }

    fn dispose(&self) {
        self.disposed.set(true);
        self.clear_expiry();
        self.abort_ceremony();
        self.remove_listeners();
    }

    fn remove_listeners(&self) {
        if let Ok(mut listeners) = self.listeners.try_borrow_mut() {
            for listener in listeners.drain(..) {
                let _ = listener.target.remove_event_listener_with_callback(
                    listener.name,
                    listener.callback.as_ref().unchecked_ref(),
                );
            }
        }
    }
}

/// One element's driver. Cheap to clone; `Send + Sync` so it can live in Leptos context
/// (its browser parts are only touched on the main thread, the only thread in the browser).
///
/// Created inside a reactive owner (a component), it stops and removes its page listeners when
/// that owner is disposed.
#[derive(Clone)]
pub struct Controller {
    inner: SendWrapper<Rc<Inner>>,
}

impl Controller {
    /// Creates a controller; nothing happens until [`Controller::start`].
    pub fn new(options: ControllerOptions, events: EventSink) -> Self {
        let tokens = TokenStore::for_api(
            &options.api,
            &options.storage_key,
            options.session_token_location,
            options.cookie_same_site.clone(),
            options.cookie_domain.clone(),
        );
        let last_used = local_storage()
            .and_then(|storage| storage.get_item(&last_login_key(&options.storage_key)).ok())
            .flatten()
            .and_then(|stored| LastLogin::provider_in(&stored));
        let inner = Rc::new(Inner {
            screen: ArcRwSignal::new(Screen::Loading),
            last_used: ArcRwSignal::new(last_used),
            state: RefCell::new(State::new(options.flow)),
            client: HankoClient::new(&options.api, options.lang.clone(), tokens),
            storage_key: options.storage_key,
            events,
            listeners: RefCell::new(Vec::new()),
            expiry: RefCell::new(None),
            ceremony: RefCell::new(None),
            disposed: Cell::new(false),
            detached: Cell::new(false),
            debug: options.debug,
        });
        let controller = Controller {
            inner: SendWrapper::new(inner),
        };
        controller.listen();
        if Owner::current().is_some() {
            let weak = SendWrapper::new(Rc::downgrade(&controller.inner));
            on_cleanup(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.leave();
                }
            });
        }
        controller
    }

    /// What to show, reactively.
    pub fn screen(&self) -> Signal<Screen> {
        self.inner.screen.read_only().into()
    }

    /// The provider of the last third-party sign-in (from localStorage `${storage_key}_last_login`,
    /// updated on `success`), reactively; its button shows a "Last used" badge.
    pub fn last_used_provider(&self) -> Signal<Option<String>> {
        self.inner.last_used.read_only().into()
    }

    /// Starts the element: finishes a provider return (token or error on the address), or checks
    /// the session, or starts the flow. Only the first call does anything. Its first requests
    /// leave before it returns, and the browser is asked for its WebAuthn support meanwhile
    /// (once per page), so that `register_client_capabilities` need not wait for it.
    pub fn start(&self) {
        let href = web_sys::window()
            .and_then(|window| window.location().href().ok())
            .unwrap_or_default();
        let params = crate::url::parse_return(&href);
        let returning = params.token.is_some() || params.error.is_some();
        let (saved, verifier) = if returning {
            (
                take(local_storage(), FLOW_STATE_KEY)
                    .and_then(|stored| SavedFlowState::parse(&stored))
                    .map(Box::new),
                take(session_storage(), CODE_VERIFIER_KEY),
            )
        } else {
            (None, None)
        };
        wasm_bindgen_futures::spawn_local(async {
            webauthn::capabilities().await;
        });
        self.dispatch(Event::Started {
            params,
            saved,
            verifier,
        });
    }

    /// The user runs an action of the state on screen. The page address and a fresh PKCE
    /// verifier (from `crypto.getRandomValues`) go along; the engine uses them only for an
    /// action with `redirect_to` / `code_verifier` inputs.
    pub fn submit(&self, submission: Submission) {
        let window = web_sys::window();
        let crypto = window.as_ref().and_then(|window| window.crypto().ok());
        let code_verifier = crypto.and_then(|crypto| {
            pkce::code_verifier(|buffer| crypto.get_random_values_with_u8_array(buffer).is_ok())
        });
        let href = window
            .and_then(|window| window.location().href().ok())
            .unwrap_or_default();
        self.dispatch(Event::Submit {
            action: submission.action,
            inputs: submission.inputs,
            page: PageContext {
                href,
                code_verifier,
            },
        });
    }

    /// What the UI's controls do: run actions, retry, sign out.
    pub fn actions(&self) -> Actions {
        let submit = self.clone();
        let retry = self.clone();
        let sign_out = self.clone();
        Actions {
            submit: Callback::new(move |submission| submit.submit(submission)),
            retry: Callback::new(move |()| retry.retry()),
            sign_out: Callback::new(move |()| sign_out.sign_out()),
        }
    }

    /// Starts a fresh flow (clears any notice).
    pub fn retry(&self) {
        self.dispatch(Event::Retry);
    }

    /// Signs the user out (`POST /logout`) and restarts the flow.
    pub fn sign_out(&self) {
        self.dispatch(Event::SignOutRequested);
    }

    /// Changes the `X-Language` sent with later requests.
    pub fn set_lang(&self, lang: String) {
        self.inner.client.set_lang(lang);
    }

    /// Changes the flow (`mode` attribute); restarts unless signed in or in the middle of a redirect.
    pub fn set_flow(&self, flow: FlowName) {
        self.dispatch(Event::FlowChanged(flow));
    }

    fn from_weak(weak: &Weak<Inner>) -> Option<Controller> {
        weak.upgrade().map(|inner| Controller {
            inner: SendWrapper::new(inner),
        })
    }

    /// Follows the other elements on the page (sign-in / sign-out / expiry) and the back/forward cache.
    fn listen(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let document: Option<web_sys::EventTarget> = window.document().map(Into::into);
        let window: web_sys::EventTarget = window.into();
        let weak = Rc::downgrade(&self.inner);
        let to_event: [(Option<&web_sys::EventTarget>, &'static str, ReadEvent); 4] = [
            (document.as_ref(), "hanko-session-created", |event| {
                crate::session::events::event_claims(event)?;
                Some(Event::SessionCreatedElsewhere)
            }),
            (document.as_ref(), "hanko-user-logged-out", |_| {
                Some(Event::SessionEnded)
            }),
            (document.as_ref(), "hanko-session-expired", |_| {
                Some(Event::SessionEnded)
            }),
            (Some(&window), "pageshow", |event| {
                let persisted =
                    js_sys::Reflect::get(event, &JsValue::from_str("persisted")).ok()?;
                persisted.as_bool()?.then_some(Event::PageRestored)
            }),
        ];
        let Ok(mut listeners) = self.inner.listeners.try_borrow_mut() else {
            return;
        };
        for (target, name, read) in to_event {
            let Some(target) = target else {
                continue;
            };
            let weak = weak.clone();
            let callback =
                Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                    if let (Some(controller), Some(event)) =
                        (Controller::from_weak(&weak), read(&event))
                    {
                        controller.dispatch(event);
                    }
                });
            if target
                .add_event_listener_with_callback(name, callback.as_ref().unchecked_ref())
                .is_ok()
            {
                listeners.push(Listener {
                    target: target.clone(),
                    name,
                    callback,
                });
            }
        }
    }

    /// Sends [`Event::ExpiryReached`] shortly after `expiration` (replacing an earlier timer).
    fn watch_expiry(&self, expiration: &str) {
        self.inner.clear_expiry();
        let Some(window) = web_sys::window() else {
            return;
        };
        let millis = js_sys::Date::parse(expiration) - js_sys::Date::now() + EXPIRY_SLACK_MS;
        if !millis.is_finite() {
            return;
        }
        let delay = millis.clamp(0.0, MAX_TIMEOUT_MS) as i32;
        let weak = Rc::downgrade(&self.inner);
        // The dispatch runs after the timer callback returns, so replacing the timer never drops
        // a running closure.
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(controller) = Controller::from_weak(&weak) {
                wasm_bindgen_futures::spawn_local(async move {
                    controller.dispatch(Event::ExpiryReached);
                });
            }
        });
        let handle = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            delay,
        );
        if let (Ok(handle), Ok(mut slot)) = (handle, self.inner.expiry.try_borrow_mut()) {
            *slot = Some(Timer {
                handle,
                _callback: callback,
            });
        }
    }

    /// Writes `line` to the console when the `debug` option is on.
    fn debug(&self, line: impl FnOnce() -> String) {
        if self.inner.debug {
            web_sys::console::log_1(&JsValue::from_str(&line()));
        }
    }

    /// Feeds `event` to the state machine, publishes the new screen and carries out the effects.
    fn dispatch(&self, event: Event) {
        if self.inner.disposed.get() {
            return;
        }
        match &event {
            Event::FlowAnswered { response, .. } => self.debug(|| debug_log::state(response)),
            Event::Unreadable { status, .. } => self.debug(|| debug_log::no_state(Some(*status))),
            Event::NetworkFailed { .. } => self.debug(|| debug_log::no_state(None)),
            _ => {}
        }
        let transition = match self.inner.state.try_borrow() {
            Ok(state) => next(&state, event),
            Err(_) => return,
        };
        let screen = transition.state.screen.clone();
        match self.inner.state.try_borrow_mut() {
            Ok(mut state) => *state = transition.state,
            Err(_) => return,
        }
        if self
            .inner
            .screen
            .with_untracked(|current| current != &screen)
        {
            self.inner.screen.set(screen);
        }
        for effect in transition.effects {
            self.run(effect);
        }
        let finished = self
            .inner
            .state
            .try_borrow()
            .is_ok_and(|state| !state.finishing_return());
        if self.inner.detached.get() && finished {
            self.inner.dispose();
        }
    }

    fn run(&self, effect: Effect) {
        match effect {
            Effect::CleanAddressBar { href } => {
                if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
                    // Keep the entry's state: a client-side router stores its own there.
                    let state = history.state().unwrap_or(JsValue::NULL);
                    let _ = history.replace_state_with_url(&state, "", Some(&href));
                }
            }
            Effect::ValidateSession { request } => {
                // A check of a session another element or script reported asks on its own; a
                // first check shares the one under way on the page.
                let after_report = self
                    .inner
                    .state
                    .try_borrow()
                    .is_ok_and(|state| state.awaiting() == Some((request, Pending::Adoption)));
                let client = &self.inner.client;
                let answer: Pin<Box<dyn Future<Output = _>>> = if after_report {
                    Box::pin(client.get("/sessions/validate"))
                } else {
                    Box::pin(client.validate_session())
                };
                let controller = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let validation = match answer.await {
                        Ok(answer) => read_validation(answer.status, &answer.body),
                        Err(_) => Validation::Unknown,
                    };
                    let event = match validation {
                        Validation::Valid { claims, .. } => Event::SessionChecked {
                            request,
                            valid: true,
                            claims: Some(claims),
                        },
                        Validation::Invalid => Event::SessionChecked {
                            request,
                            valid: false,
                            claims: None,
                        },
                        Validation::Unknown => Event::SessionCheckFailed { request },
                    };
                    controller.dispatch(event);
                });
            }
            Effect::StartFlow { request, flow } => {
                let answer = self.inner.client.start_flow(flow.as_str());
                let controller = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    controller.dispatch(flow_event(request, answer.await));
                });
            }
            Effect::RunAction {
                request,
                href,
                csrf_token,
                input_data,
            } => {
                self.debug(|| debug_log::action(&href, input_data.keys().map(String::as_str)));
                let body = ActionRequest {
                    input_data,
                    csrf_token,
                };
                let answer = self.inner.client.run_action(&href, &body);
                let controller = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    controller.dispatch(flow_event(request, answer.await));
                });
            }
            Effect::DetectCapabilities { request } => {
                let controller = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let capabilities = webauthn::capabilities().await;
                    controller.dispatch(Event::CapabilitiesDetected {
                        request,
                        capabilities,
                    });
                });
            }
            Effect::AbortWebauthn => self.inner.abort_ceremony(),
            Effect::Webauthn {
                request,
                create,
                conditional,
                options,
            } => {
                self.inner.abort_ceremony();
                let Ok(abort) = web_sys::AbortController::new() else {
                    return self.dispatch(Event::CeremonyDone {
                        request,
                        result: Err("NotSupportedError".into()),
                    });
                };
                let signal = abort.signal();
                if let Ok(mut slot) = self.inner.ceremony.try_borrow_mut() {
                    *slot = Some(abort);
                }
                let controller = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = webauthn::ceremony(create, conditional, &options, &signal).await;
                    controller.dispatch(Event::CeremonyDone { request, result });
                });
            }
            Effect::StoreVerifier(verifier) => {
                if let Some(storage) = session_storage() {
                    let _ = storage.set_item(CODE_VERIFIER_KEY, &verifier);
                }
            }
            Effect::ClearVerifier => {
                take(session_storage(), CODE_VERIFIER_KEY);
            }
            Effect::SaveFlowState(saved) => {
                if let Some(storage) = local_storage() {
                    let _ = storage.set_item(FLOW_STATE_KEY, &saved.to_stored());
                }
            }
            Effect::ClearFlowState => {
                take(local_storage(), FLOW_STATE_KEY);
            }
            Effect::SaveLastLogin(last_login) => {
                let stored = json_text(&last_login);
                if let Some(storage) = local_storage() {
                    let key = last_login_key(&self.inner.storage_key);
                    let _ = storage.set_item(&key, &stored);
                }
                self.inner.last_used.set(LastLogin::provider_in(&stored));
            }
            Effect::Navigate { url } => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(&url);
                }
            }
            Effect::Logout { request } => {
                let answer = self.inner.client.logout();
                let controller = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let event = match answer.await {
                        Ok(status) if (200..300).contains(&status) || status == 401 => {
                            Event::LoggedOut { request }
                        }
                        Ok(status) => Event::LogoutFailed {
                            request,
                            failure: Failure::unreadable_answer(status),
                        },
                        Err(_) => Event::LogoutFailed {
                            request,
                            failure: Failure::network(),
                        },
                    };
                    controller.dispatch(event);
                });
            }
            Effect::ClearSessionToken => self.inner.client.tokens().clear(),
            Effect::EmitSessionCreated { claims } => {
                let expiration_millis = crate::session::millis_until_expiration(&claims);
                self.inner.events.emit(&HankoEvent::SessionCreated {
                    claims,
                    expiration_millis,
                });
            }
            Effect::EmitLoggedOut => self.inner.events.emit(&HankoEvent::UserLoggedOut),
            Effect::EmitSessionExpired => self.inner.events.emit(&HankoEvent::SessionExpired),
            Effect::WatchExpiry { expiration } => self.watch_expiry(&expiration),
            Effect::EmitFlowError(failure) => {
                self.debug(|| debug_log::failure(&failure));
                self.inner.events.emit(&HankoEvent::FlowError(failure))
            }
        }
    }
}

/// Turns a client answer into a machine event.
fn flow_event(request: RequestId, answer: Result<FlowAnswer, ClientError>) -> Event {
    match answer {
        Ok(FlowAnswer::State { status, response }) => Event::FlowAnswered {
            request,
            status,
            response,
        },
        Ok(FlowAnswer::Unreadable { status }) => Event::Unreadable { request, status },
        Err(ClientError::Network | ClientError::Timeout) => Event::NetworkFailed { request },
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Reads and removes `key` (claims it).
fn take(storage: Option<web_sys::Storage>, key: &str) -> Option<String> {
    let storage = storage?;
    let value = storage.get_item(key).ok().flatten();
    let _ = storage.remove_item(key);
    value
}
