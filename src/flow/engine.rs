//! The engine: the pure transition function `next(state, event) -> (state, effects)`.
//!
//! The browser driver feeds [`Event`]s (what happened: a flow answer, a submitted action, a
//! WebAuthn result, a failure) and carries out the returned [`Effect`]s (HTTP requests, storage,
//! navigation, WebAuthn calls, events). Requests carry a [`RequestId`]; an answer to anything but
//! the request the engine is waiting for is ignored, so late answers after "try again", a mode
//! change or a double click do nothing.
//!
//! The engine never grows per state. Events are generic ([`Event::Submit`] runs any action of
//! the state on screen with the inputs the user gave), states without UI are the auto-steps of
//! [`crate::flow::auto`], and every other state is shown as a [`Form`] (drawn through
//! [`crate::flow::view`]):
//!
//! | answer | result |
//! |---|---|
//! | an auto-step state | its step (capabilities, provider redirect, session, WebAuthn ceremony) |
//! | `error`, or any HTTP 5xx | [`Screen::Failed`] |
//! | the state on screen again with `error` (4xx) | the same form, input errors at the inputs, a notice for flow errors, what the user typed kept |
//! | any other state | a [`Form`] for it |
//!
//! While signed in, the session is checked again when `claims.expiration` has passed; if it is
//! gone, `hanko-session-expired` is reported and a fresh flow starts.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::auto::{auto_step, autofill_options, AutoStep, Capabilities, Ceremony, GET};
use super::model::{Busy, FlowName, Form, Screen, SignedInUser, Work};
use super::view::{has_controls, is_drawn, is_visible, PROVIDER_ACTION};
use crate::errors::{sanitize, Failure, INPUT_ERROR_CODES};
use crate::protocol::types::{Action, FlowResponse, SavedFlowState};
use crate::url::ReturnParams;

/// Identifies one request the engine asked for.
pub type RequestId = u32;

/// What kind of request the engine is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// `GET /sessions/validate`.
    Session,
    /// Starting a flow or running an action.
    Flow,
    /// Detecting the browser's WebAuthn support.
    Capabilities,
    /// A WebAuthn ceremony.
    Ceremony,
    /// `POST /logout`.
    Logout,
    /// `GET /sessions/validate` after another element (or any script) reported a session: only
    /// the server's answer is believed.
    Adoption,
}

/// A flow started at once on a plain start, beside the session check, so that a visitor without a
/// session waits one round trip instead of two. It is used when the check finds no session (its
/// answer then counts as the flow's start, however early it came) and dropped otherwise.
#[derive(Debug, Clone, PartialEq)]
struct EarlyStart {
    /// The request that starts it.
    request: RequestId,
    /// The flow it starts.
    flow: FlowName,
    /// Its answer, when it came before the session check's.
    answer: Option<Box<Event>>,
}

/// The engine's whole state: the [`Screen`] plus what it needs to continue the flow.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// What the element shows.
    pub screen: Screen,
    /// The flow to start (the `mode`).
    flow: FlowName,
    /// The last flow state received (its actions and `csrf_token` are used for the next action).
    current: Option<FlowResponse>,
    /// A failure to show once the next state with a UI arrives.
    carry: Option<Failure>,
    /// The provider of the current attempt (named in failures).
    provider: Option<String>,
    /// The request being waited for.
    awaiting: Option<(RequestId, Pending)>,
    /// The passkey autofill under way (conditional mediation), which runs beside the form.
    autofill: Option<RequestId>,
    /// The last request id handed out.
    last_request: RequestId,
    /// The flow started beside the first session check, before it is known to be needed.
    early_start: Option<EarlyStart>,
    /// Whether [`Event::Started`] was handled.
    started: bool,
}

impl State {
    /// The state before anything happened: [`Screen::Loading`], flow `flow`.
    pub fn new(flow: FlowName) -> State {
        State {
            screen: Screen::Loading,
            flow,
            current: None,
            carry: None,
            provider: None,
            awaiting: None,
            autofill: None,
            last_request: 0,
            early_start: None,
            started: false,
        }
    }

    /// The flow that (re)starts use.
    pub fn flow(&self) -> FlowName {
        self.flow
    }

    /// The request being waited for, if any.
    pub fn awaiting(&self) -> Option<(RequestId, Pending)> {
        self.awaiting
    }

    /// Whether the return from the provider is being finished: the `hanko_token` was claimed and
    /// its exchange (or a step right after it) is under way. The driver of an element removed now
    /// goes on until this ends, so that the session is kept and reported.
    pub fn finishing_return(&self) -> bool {
        matches!(
            self.screen,
            Screen::Working {
                work: Work::Exchanging,
                ..
            }
        ) && self.awaiting.is_some()
    }
}

/// What the page offers an action besides the user's inputs; the engine uses each only when
/// the action has the matching hidden input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageContext {
    /// The current page address (for `redirect_to`).
    pub href: String,
    /// A fresh PKCE verifier (for `code_verifier`; `None` without `crypto.getRandomValues`, and
    /// then an action that takes one is refused with [`Failure::no_secure_randomness`]).
    pub code_verifier: Option<String>,
}

/// Something that happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The element started. `params` is the parsed page address; `saved` and `verifier` are the
    /// saved flow state and PKCE verifier, which the driver takes out of storage (claims them) when
    /// `params` carries a token or an error, and passes as `None` otherwise.
    Started {
        /// The parsed page address.
        params: ReturnParams,
        /// The claimed saved flow state.
        saved: Option<Box<SavedFlowState>>,
        /// The claimed PKCE verifier.
        verifier: Option<String>,
    },
    /// `GET /sessions/validate` answered whether the session is valid.
    SessionChecked {
        /// The request.
        request: RequestId,
        /// Whether the session is valid.
        valid: bool,
        /// Its claims (JSON) when valid.
        claims: Option<Value>,
    },
    /// `GET /sessions/validate` gave no usable answer (network failure, timeout, 5xx): nothing is
    /// known about the session, so a signed-in user stays signed in (the page's session service
    /// asks again every `sessionCheckInterval`).
    SessionCheckFailed {
        /// The request.
        request: RequestId,
    },
    /// The Flow API answered with a readable flow state (any HTTP status).
    FlowAnswered {
        /// The request.
        request: RequestId,
        /// HTTP status.
        status: u16,
        /// The flow state.
        response: FlowResponse,
    },
    /// The Flow API answered, but the body is not a flow state.
    Unreadable {
        /// The request.
        request: RequestId,
        /// HTTP status.
        status: u16,
    },
    /// The request failed: network error, CORS refusal or timeout.
    NetworkFailed {
        /// The request.
        request: RequestId,
    },
    /// The user runs `action` of the state on screen with these input values (as typed; the
    /// engine converts them to the input's type). Ignored while something is under way, for an
    /// action the state does not offer, or for a value outside an input's `allowed_values`.
    Submit {
        /// The action's name.
        action: String,
        /// Input values by name.
        inputs: BTreeMap<String, String>,
        /// The page address and a fresh verifier.
        page: PageContext,
    },
    /// The browser's WebAuthn support is known (answer to [`Effect::DetectCapabilities`]).
    CapabilitiesDetected {
        /// The request.
        request: RequestId,
        /// What the browser supports.
        capabilities: Capabilities,
    },
    /// A WebAuthn ceremony ended (answer to [`Effect::Webauthn`]): the credential in the
    /// webauthn-json shape, or the `DOMException` name it failed with.
    CeremonyDone {
        /// The request.
        request: RequestId,
        /// The credential or the error name.
        result: Result<Value, String>,
    },
    /// The user asked for a fresh flow.
    Retry,
    /// The user asked to sign out.
    SignOutRequested,
    /// `POST /logout` succeeded (or the session was already gone).
    LoggedOut {
        /// The request.
        request: RequestId,
    },
    /// `POST /logout` failed.
    LogoutFailed {
        /// The request.
        request: RequestId,
        /// Why.
        failure: Failure,
    },
    /// The `mode` changed.
    FlowChanged(FlowName),
    /// The page came back from the back/forward cache (`pageshow` with `persisted`).
    PageRestored,
    /// Another element on the page signed out, or the session expired.
    SessionEnded,
    /// The expiry time given by [`Effect::WatchExpiry`] has passed.
    ExpiryReached,
    /// Something on the page reported a new session (`hanko-session-created`: another element,
    /// or any script); the engine asks the server before it believes it.
    SessionCreatedElsewhere,
}

/// Something the browser driver must do, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Replace the address bar (`history.replaceState`) with this address (sign-in parameters removed).
    CleanAddressBar {
        /// The cleaned address.
        href: String,
    },
    /// `GET {api}/sessions/validate`, answer with [`Event::SessionChecked`].
    ValidateSession {
        /// The request.
        request: RequestId,
    },
    /// `POST {api}/{flow}` without a body; answer with [`Event::FlowAnswered`], [`Event::Unreadable`] or [`Event::NetworkFailed`].
    StartFlow {
        /// The request.
        request: RequestId,
        /// The flow.
        flow: FlowName,
    },
    /// `POST {api}{href}` with `{input_data, csrf_token}`; answer like [`Effect::StartFlow`].
    RunAction {
        /// The request.
        request: RequestId,
        /// The action's `href`.
        href: String,
        /// The acted-on state's `csrf_token`.
        csrf_token: String,
        /// The inputs.
        input_data: Map<String, Value>,
    },
    /// Find out what WebAuthn the browser supports; answer with [`Event::CapabilitiesDetected`].
    DetectCapabilities {
        /// The request.
        request: RequestId,
    },
    /// Run a WebAuthn ceremony with `options` (`{"publicKey": {...}}`, binary fields in
    /// base64url), aborting any earlier one; answer with [`Event::CeremonyDone`].
    Webauthn {
        /// The request.
        request: RequestId,
        /// `navigator.credentials.create` (`true`) or `get`.
        create: bool,
        /// `mediation: "conditional"`: the browser offers the passkeys in the autofill of an
        /// input with the `webauthn` autocomplete token instead of opening a dialog.
        conditional: bool,
        /// The options from the payload.
        options: Value,
    },
    /// Abort the running WebAuthn ceremony (the passkey autofill, when the user does something
    /// else); its answer is not awaited.
    AbortWebauthn,
    /// Store the PKCE verifier in sessionStorage.
    StoreVerifier(String),
    /// Remove the PKCE verifier from sessionStorage.
    ClearVerifier,
    /// Save the flow state to localStorage before leaving for the provider.
    SaveFlowState(SavedFlowState),
    /// Remove the saved flow state.
    ClearFlowState,
    /// Save `payload.last_login` of `success` to localStorage `${storageKey}_last_login`.
    SaveLastLogin(Value),
    /// `location.assign(url)` (an `http:` or `https:` address).
    Navigate {
        /// Where.
        url: String,
    },
    /// `POST {api}/logout`; answer with [`Event::LoggedOut`] or [`Event::LogoutFailed`].
    Logout {
        /// The request.
        request: RequestId,
    },
    /// Forget the header-mode session token.
    ClearSessionToken,
    /// Report `hanko-session-created`.
    EmitSessionCreated {
        /// The session claims.
        claims: Value,
    },
    /// Report `hanko-user-logged-out`.
    EmitLoggedOut,
    /// Report `hanko-session-expired`.
    EmitSessionExpired,
    /// Send [`Event::ExpiryReached`] once this time (RFC 3339, `claims.expiration`) has passed;
    /// replaces any earlier watch.
    WatchExpiry {
        /// When the session expires.
        expiration: String,
    },
    /// Report `hanko-flow-error`.
    EmitFlowError(Failure),
}

/// The result of [`next`].
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    /// The new state.
    pub state: State,
    /// What to do, in order.
    pub effects: Vec<Effect>,
}

/// Computes the next state and the effects for `event`.
///
/// ```
/// use hanko_elements::flow::engine::{next, Effect, Event, State};
/// use hanko_elements::flow::model::{FlowName, Screen};
/// use hanko_elements::url::parse_return;
///
/// let start = next(&State::new(FlowName::Login), Event::Started {
///     params: parse_return("https://app.example/login"),
///     saved: None,
///     verifier: None,
/// });
/// assert_eq!(start.state.screen, Screen::Loading);
/// assert!(matches!(
///     start.effects[..],
///     [Effect::ValidateSession { .. }, Effect::StartFlow { .. }]
/// ));
/// ```
pub fn next(state: &State, event: Event) -> Transition {
    let mut step = Step {
        state: state.clone(),
        effects: Vec::new(),
    };
    step.handle(event);
    step.end_stale_autofill();
    Transition {
        state: step.state,
        effects: step.effects,
    }
}

/// A transition being built.
struct Step {
    state: State,
    effects: Vec<Effect>,
}

impl Step {
    fn handle(&mut self, event: Event) {
        let Some(event) = self.keep_early_answer(event) else {
            return;
        };
        match event {
            Event::Started {
                params,
                saved,
                verifier,
            } => self.started(params, saved, verifier),
            Event::SessionChecked {
                request,
                valid,
                claims,
            } => {
                let adoption = self.awaits(request, Pending::Adoption);
                if self.answers(request) {
                    let was_signed_in = matches!(self.state.screen, Screen::SignedIn { .. });
                    match claims.filter(|_| valid) {
                        Some(claims) => self.show_signed_in(&claims),
                        None if adoption => self.resume_after_adoption(),
                        None if was_signed_in => {
                            self.effects.push(Effect::ClearSessionToken);
                            self.effects.push(Effect::EmitSessionExpired);
                            self.start_flow();
                        }
                        None => self.start_flow(),
                    }
                }
            }
            Event::SessionCheckFailed { request } => {
                let adoption = self.awaits(request, Pending::Adoption);
                if self.answers(request) {
                    if adoption {
                        self.resume_after_adoption();
                    } else if !matches!(self.state.screen, Screen::SignedIn { .. }) {
                        self.start_flow();
                    }
                }
            }
            Event::ExpiryReached => {
                if matches!(
                    self.state.screen,
                    Screen::SignedIn {
                        signing_out: false,
                        ..
                    }
                ) && self.state.awaiting.is_none()
                {
                    let request = self.request(Pending::Session);
                    self.effects.push(Effect::ValidateSession { request });
                }
            }
            Event::FlowAnswered {
                request,
                status,
                response,
            } => {
                if self.answers(request) {
                    self.flow_answered(status, response);
                }
            }
            Event::Unreadable { request, status } => {
                if self.answers(request) {
                    let failure = self.with_provider(Failure::unreadable_answer(status));
                    self.fail(failure);
                }
            }
            Event::NetworkFailed { request } => {
                if self.answers(request) {
                    self.network_failed();
                }
            }
            Event::Submit {
                action,
                inputs,
                page,
            } => self.submit(&action, inputs, page),
            Event::CapabilitiesDetected {
                request,
                capabilities,
            } => {
                if self.answers(request) {
                    self.send_capabilities(capabilities);
                }
            }
            Event::CeremonyDone { request, result } => {
                if self.state.autofill == Some(request) {
                    self.state.autofill = None;
                    self.autofill_done(result);
                } else if self.answers(request) {
                    self.ceremony_done(result);
                }
            }
            Event::Retry => {
                if !self.is_under_way() && !matches!(self.state.screen, Screen::SignedIn { .. }) {
                    self.state.carry = None;
                    self.start_flow();
                }
            }
            Event::SignOutRequested => {
                if let Screen::SignedIn {
                    signing_out: false,
                    user,
                    ..
                } = &self.state.screen
                {
                    self.state.screen = Screen::SignedIn {
                        user: user.clone(),
                        signing_out: true,
                        notice: None,
                    };
                    let request = self.request(Pending::Logout);
                    self.effects.push(Effect::Logout { request });
                }
            }
            Event::LoggedOut { request } => {
                if self.answers(request) {
                    self.effects.push(Effect::ClearSessionToken);
                    self.effects.push(Effect::EmitLoggedOut);
                    self.start_flow();
                }
            }
            Event::LogoutFailed { request, failure } => {
                if self.answers(request) {
                    if let Screen::SignedIn { user, .. } = &self.state.screen {
                        self.state.screen = Screen::SignedIn {
                            user: user.clone(),
                            signing_out: false,
                            notice: Some(failure.clone()),
                        };
                    }
                    self.effects.push(Effect::EmitFlowError(failure));
                }
            }
            Event::FlowChanged(flow) => self.flow_changed(flow),
            Event::PageRestored => {
                if matches!(&self.state.screen, Screen::Form(form) if form.leaving.is_some()) {
                    self.start_flow();
                }
            }
            Event::SessionEnded => {
                if matches!(self.state.screen, Screen::SignedIn { .. }) {
                    self.effects.push(Effect::ClearSessionToken);
                    self.start_flow();
                }
            }
            Event::SessionCreatedElsewhere => {
                if self.can_adopt_session() {
                    // Any script can dispatch the event: ask the server. This also replaces a
                    // session check or flow start still under way, which would answer "no session"
                    // / the init state from before the session existed.
                    let request = self.request(Pending::Adoption);
                    self.effects.push(Effect::ValidateSession { request });
                }
            }
        }
    }

    /// Whether `request` is the one being waited for; if so, stop waiting.
    fn answers(&mut self, request: RequestId) -> bool {
        match self.state.awaiting {
            Some((awaited, _)) if awaited == request => {
                self.state.awaiting = None;
                true
            }
            _ => false,
        }
    }

    /// Whether `request` is the one being waited for, of `kind`.
    fn awaits(&self, request: RequestId, kind: Pending) -> bool {
        self.state.awaiting == Some((request, kind))
    }

    /// The server knows no session after all: go on with what the adoption check replaced (a
    /// session check or flow start on the loading screen); a form stays as it is.
    fn resume_after_adoption(&mut self) {
        if matches!(self.state.screen, Screen::Loading) {
            self.start_flow();
        }
    }

    /// Hands out a new request id and waits for it (forgetting any earlier request).
    fn request(&mut self, kind: Pending) -> RequestId {
        self.state.last_request = self.state.last_request.wrapping_add(1);
        self.state.awaiting = Some((self.state.last_request, kind));
        self.state.last_request
    }

    /// Whether the user's own step is under way: an action they ran, the way to the provider,
    /// the exchange after it or a passkey dialog.
    fn is_under_way(&self) -> bool {
        match &self.state.screen {
            Screen::Form(form) => form.busy.is_some() || form.leaving.is_some(),
            Screen::Working { .. } => true,
            _ => false,
        }
    }

    /// Whether a session created by another element may replace what this element is doing: yes
    /// while it checks the session, starts a flow or waits for the user; no during the user's own
    /// step, while signing out, or when signed in.
    fn can_adopt_session(&self) -> bool {
        let settled = matches!(
            self.state.screen,
            Screen::Loading | Screen::Form(_) | Screen::Failed { .. }
        ) && !self.is_under_way();
        let interruptible = !matches!(self.state.awaiting, Some((_, Pending::Logout)));
        settled && interruptible
    }

    /// Names the provider of the current attempt in `failure`, unless it names one already.
    fn with_provider(&self, mut failure: Failure) -> Failure {
        if failure.provider.is_none() {
            failure.provider = self.state.provider.as_deref().and_then(sanitize::token);
        }
        failure
    }

    /// Whether this element put the PKCE verifier in storage and has not used it yet.
    fn owns_verifier(&self) -> bool {
        matches!(&self.state.screen, Screen::Form(form)
            if form.leaving.is_some()
                || form.busy.as_ref().is_some_and(|b| b.action == PROVIDER_ACTION))
    }

    fn started(
        &mut self,
        params: ReturnParams,
        saved: Option<Box<SavedFlowState>>,
        verifier: Option<String>,
    ) {
        if self.state.started {
            return;
        }
        self.state.started = true;
        // Only a return from Hanko is ours: a token, or an error with the flow saved before
        // leaving or with a code Hanko sends. A page's own `?error=` stays where it is.
        let hanko_return = params.token.is_some()
            || params
                .error
                .as_ref()
                .is_some_and(|error| saved.is_some() || Failure::is_return_code(&error.code));
        if params.needs_cleaning && hanko_return {
            self.effects.push(Effect::CleanAddressBar {
                href: params.cleaned_href,
            });
        }
        if let Some(token) = params.token {
            let exchange = saved.and_then(|saved| {
                let action = saved.state.action("exchange_token")?.clone();
                Some((saved, action))
            });
            match exchange {
                Some((saved, action)) => {
                    self.state.provider = saved.provider.clone();
                    let mut input_data = Map::new();
                    input_data.insert("token".into(), Value::String(token));
                    if let Some(verifier) = verifier {
                        input_data.insert("code_verifier".into(), Value::String(verifier));
                    }
                    self.state.screen = Screen::Working {
                        work: Work::Exchanging,
                        state: saved.state.name.clone(),
                    };
                    self.run_action(&action.href, saved.state.csrf_token.clone(), input_data);
                    self.state.current = Some(saved.state);
                }
                None => {
                    let failure = Failure::lost_flow();
                    self.effects.push(Effect::EmitFlowError(failure.clone()));
                    self.state.carry = Some(failure);
                    self.start_flow();
                }
            }
        } else if let Some(error) = params.error.filter(|_| hanko_return) {
            let provider = saved.and_then(|saved| saved.provider);
            let failure = Failure::from_redirect(
                &error.code,
                error.description.as_deref(),
                provider.as_deref(),
            );
            self.effects.push(Effect::EmitFlowError(failure.clone()));
            self.state.carry = Some(failure);
            self.start_flow();
        } else {
            let request = self.request(Pending::Session);
            self.effects.push(Effect::ValidateSession { request });
            self.state.last_request = self.state.last_request.wrapping_add(1);
            let early = self.state.last_request;
            self.state.early_start = Some(EarlyStart {
                request: early,
                flow: self.state.flow,
                answer: None,
            });
            self.effects.push(Effect::StartFlow {
                request: early,
                flow: self.state.flow,
            });
        }
    }

    /// Keeps the answer of the early flow start while the session check is still under way
    /// (`None`: kept); every other event goes on.
    fn keep_early_answer(&mut self, event: Event) -> Option<Event> {
        let request = match &event {
            Event::FlowAnswered { request, .. }
            | Event::Unreadable { request, .. }
            | Event::NetworkFailed { request } => *request,
            _ => return Some(event),
        };
        let awaited = self.state.awaiting == Some((request, Pending::Flow));
        match &mut self.state.early_start {
            Some(early) if early.request == request && !awaited => {
                early.answer = Some(Box::new(event));
                None
            }
            _ => Some(event),
        }
    }

    fn start_flow(&mut self) {
        self.state.screen = Screen::Loading;
        self.state.current = None;
        self.state.provider = None;
        if let Some(early) = self.state.early_start.take() {
            if early.flow == self.state.flow {
                self.state.awaiting = Some((early.request, Pending::Flow));
                if let Some(answer) = early.answer {
                    self.handle(*answer);
                }
                return;
            }
        }
        let request = self.request(Pending::Flow);
        self.effects.push(Effect::StartFlow {
            request,
            flow: self.state.flow,
        });
    }

    fn run_action(&mut self, href: &str, csrf_token: String, input_data: Map<String, Value>) {
        let request = self.request(Pending::Flow);
        self.effects.push(Effect::RunAction {
            request,
            href: href.to_owned(),
            csrf_token,
            input_data,
        });
    }

    fn show_signed_in(&mut self, claims: &Value) {
        self.state.early_start = None;
        let user = SignedInUser::from_claims(claims);
        if let Some(expiration) = &user.expiration {
            self.effects.push(Effect::WatchExpiry {
                expiration: expiration.clone(),
            });
        }
        self.state.screen = Screen::SignedIn {
            user,
            signing_out: false,
            notice: None,
        };
        self.state.current = None;
        self.state.carry = None;
    }

    fn fail(&mut self, failure: Failure) {
        if self.owns_verifier() {
            self.effects.push(Effect::ClearVerifier);
        }
        self.effects.push(Effect::EmitFlowError(failure.clone()));
        self.state.screen = Screen::Failed { failure };
        self.state.current = None;
        self.state.carry = None;
    }

    fn network_failed(&mut self) {
        let failure = self.with_provider(Failure::network());
        let owns_verifier = self.owns_verifier();
        match &mut self.state.screen {
            Screen::Form(form) if form.busy.is_some() => {
                form.busy = None;
                form.notice = Some(failure.clone());
                if owns_verifier {
                    self.effects.push(Effect::ClearVerifier);
                }
                self.state.provider = None;
                self.effects.push(Effect::EmitFlowError(failure));
            }
            _ => self.fail(failure),
        }
    }

    fn flow_answered(&mut self, status: u16, mut response: FlowResponse) {
        if (400..500).contains(&status) {
            move_input_error_to_input(&mut response);
        }
        let failure = response.error.as_ref().map(|error| {
            self.with_provider(Failure::from_flow_error(
                &error.code,
                error.message.as_deref(),
                response.retry_after(),
            ))
        });
        if response.name == "error" || status >= 500 {
            let failure = failure.unwrap_or_else(|| self.with_provider(technical_error()));
            return self.fail(failure);
        }
        match auto_step(&response.name) {
            Some(AutoStep::Capabilities) => self.preflight(status, response, failure),
            Some(AutoStep::Thirdparty) => self.thirdparty(status, response, failure),
            Some(AutoStep::Success) => self.success(response),
            Some(AutoStep::Error) => {
                let failure = failure.unwrap_or_else(|| self.with_provider(technical_error()));
                self.fail(failure)
            }
            Some(AutoStep::Webauthn(ceremony)) => {
                self.ceremony(status, response, failure, ceremony)
            }
            None => self.show(response, failure),
        }
    }

    /// Shows a state with a UI. The same state again keeps what the user typed; a flow error is
    /// shown as a notice (input errors are shown at their inputs).
    fn show(&mut self, response: FlowResponse, failure: Option<Failure>) {
        if self.owns_verifier() {
            self.effects.push(Effect::ClearVerifier);
        }
        let previous = match std::mem::replace(&mut self.state.screen, Screen::Loading) {
            Screen::Form(form) => Some(form),
            _ => None,
        };
        let failure = failure.filter(|_| !has_input_errors(&response));
        if let Some(failure) = &failure {
            self.effects.push(Effect::EmitFlowError(failure.clone()));
        }
        let notice = failure.or_else(|| self.state.carry.take());
        self.state.carry = None;
        self.state.provider = None;
        if !has_controls(&response) {
            if let Some(failure) = notice {
                self.state.screen = Screen::Failed { failure };
                self.state.current = Some(response);
                return;
            }
        }
        let mut form = Form::new(response.clone());
        if let Some(previous) = previous.filter(|p| p.state.name == response.name) {
            form.typed = previous.typed;
        }
        form.notice = notice;
        let autofill = autofill_options(&response);
        self.state.screen = Screen::Form(Box::new(form));
        self.state.current = Some(response);
        if let Some(options) = autofill {
            self.state.last_request = self.state.last_request.wrapping_add(1);
            self.state.autofill = Some(self.state.last_request);
            self.effects.push(Effect::Webauthn {
                request: self.state.last_request,
                create: false,
                conditional: true,
                options,
            });
        }
    }

    /// The passkey autofill ended: a chosen passkey is sent like the user's own action; a
    /// failure (aborted, no passkey, not allowed) changes nothing, the form stays as it is.
    fn autofill_done(&mut self, result: Result<Value, String>) {
        let Ok(credential) = result else {
            return;
        };
        if self.state.awaiting.is_some() || self.is_under_way() {
            return;
        }
        let Screen::Form(form) = &self.state.screen else {
            return;
        };
        let Some(action) = form.state.action(GET.action) else {
            return;
        };
        let (href, csrf) = (action.href.clone(), form.state.csrf_token.clone());
        let mut form = form.clone();
        form.notice = None;
        form.busy = Some(Busy {
            action: GET.action.to_owned(),
            choice: None,
        });
        self.state.screen = Screen::Form(form);
        let mut input_data = Map::new();
        input_data.insert(GET.input.to_owned(), credential);
        self.run_action(&href, csrf, input_data);
    }

    /// The autofill lives only while its form is on screen and idle: anything the user starts,
    /// and any other screen, aborts it.
    fn end_stale_autofill(&mut self) {
        if self.state.autofill.is_none() {
            return;
        }
        let idle_form = matches!(&self.state.screen, Screen::Form(form)
            if form.busy.is_none() && form.leaving.is_none());
        if !idle_form || self.state.awaiting.is_some() {
            self.state.autofill = None;
            // First, so that it cannot abort a ceremony this step starts.
            self.effects.insert(0, Effect::AbortWebauthn);
        }
    }

    fn preflight(&mut self, status: u16, response: FlowResponse, failure: Option<Failure>) {
        if let Some(failure) = failure {
            return self.fail(failure);
        }
        if response.action("register_client_capabilities").is_none() {
            return self.fail(Failure::unreadable_answer(status));
        }
        let request = self.request(Pending::Capabilities);
        self.effects.push(Effect::DetectCapabilities { request });
        self.state.current = Some(response);
    }

    fn send_capabilities(&mut self, capabilities: Capabilities) {
        let Some(current) = self.state.current.clone() else {
            return;
        };
        let Some(action) = current.action("register_client_capabilities") else {
            return;
        };
        let mut input_data = Map::new();
        for (name, value) in capabilities.inputs() {
            if action.inputs.contains_key(name) {
                input_data.insert(name.to_owned(), Value::Bool(value));
            }
        }
        self.run_action(&action.href, current.csrf_token.clone(), input_data);
    }

    fn thirdparty(&mut self, status: u16, response: FlowResponse, failure: Option<Failure>) {
        if let Some(failure) = failure {
            // Hanko issue #2805: never follow a `thirdparty` state that carries an error; go back
            // and show the error there.
            if self.owns_verifier() {
                self.effects.push(Effect::ClearVerifier);
            }
            self.effects.push(Effect::EmitFlowError(failure.clone()));
            self.state.carry = Some(failure);
            return self.go_back(response);
        }
        let pending = match &self.state.screen {
            Screen::Form(form) => form
                .busy
                .as_ref()
                .filter(|busy| busy.action == PROVIDER_ACTION)
                .and_then(|busy| busy.choice.clone())
                .map(|provider| (form.clone(), provider)),
            _ => None,
        };
        let Some((mut form, provider)) = pending else {
            // Not asked for (e.g. after an exchange): like hanko-elements, step back.
            return self.go_back(response);
        };
        let Some(url) = response
            .payload_str("redirect_url")
            .filter(|url| is_web_address(url))
            .map(str::to_owned)
        else {
            return self.fail(Failure::unreadable_answer(status));
        };
        self.effects.push(Effect::SaveFlowState(SavedFlowState {
            flow_name: self.state.flow.as_str().to_owned(),
            state: response,
            is_cached: true,
            provider: Some(provider.clone()),
        }));
        self.effects.push(Effect::Navigate { url });
        form.busy = None;
        form.leaving = Some(provider);
        self.state.screen = Screen::Form(form);
        self.state.current = None;
    }

    /// Runs the state's `back` action, or starts a fresh flow if it has none.
    fn go_back(&mut self, response: FlowResponse) {
        match response.action("back") {
            Some(back) => {
                let href = back.href.clone();
                self.run_action(&href, response.csrf_token.clone(), Map::new());
                self.state.current = Some(response);
            }
            None => self.start_flow(),
        }
    }

    fn success(&mut self, response: FlowResponse) {
        let claims = response
            .payload
            .get("claims")
            .cloned()
            .unwrap_or(Value::Null);
        self.effects.push(Effect::ClearFlowState);
        if let Some(last_login) = response.payload.get("last_login").filter(|v| v.is_object()) {
            self.effects.push(Effect::SaveLastLogin(last_login.clone()));
        }
        self.effects.push(Effect::EmitSessionCreated {
            claims: claims.clone(),
        });
        self.show_signed_in(&claims);
    }

    /// A WebAuthn state: open the browser's dialog with the payload's options.
    fn ceremony(
        &mut self,
        status: u16,
        response: FlowResponse,
        failure: Option<Failure>,
        ceremony: Ceremony,
    ) {
        let options = response
            .payload
            .get(ceremony.options)
            .filter(|o| o.get("publicKey").is_some_and(Value::is_object))
            .cloned();
        let (Some(options), Some(_)) = (options, response.action(ceremony.action)) else {
            return self.fail(Failure::unreadable_answer(status));
        };
        if let Some(failure) = failure {
            // Shown once the user is back on a page (after a cancelled retry).
            self.effects.push(Effect::EmitFlowError(failure.clone()));
            self.state.carry = Some(failure);
        }
        let request = self.request(Pending::Ceremony);
        self.effects.push(Effect::Webauthn {
            request,
            create: ceremony.create,
            conditional: false,
            options,
        });
        self.state.screen = Screen::Working {
            work: Work::Passkey,
            state: response.name.clone(),
        };
        self.state.current = Some(response);
    }

    fn ceremony_done(&mut self, result: Result<Value, String>) {
        let Some(current) = self.state.current.clone() else {
            return;
        };
        let Some(AutoStep::Webauthn(ceremony)) = auto_step(&current.name) else {
            return;
        };
        match (result, current.action(ceremony.action)) {
            (Ok(credential), Some(action)) => {
                let mut input_data = Map::new();
                input_data.insert(ceremony.input.to_owned(), credential);
                let href = action.href.clone();
                self.run_action(&href, current.csrf_token.clone(), input_data);
            }
            (Err(name), _) => {
                let failure = Failure::passkey_ceremony(&sanitize::code(&name));
                self.effects.push(Effect::EmitFlowError(failure.clone()));
                self.state.carry = Some(failure);
                self.go_back(current);
            }
            (Ok(_), None) => self.fail(technical_error()),
        }
    }

    fn submit(&mut self, name: &str, typed: BTreeMap<String, String>, page: PageContext) {
        if self.state.awaiting.is_some() || self.is_under_way() {
            return;
        }
        let Screen::Form(form) = &self.state.screen else {
            return;
        };
        let Some(action) = form.state.action(name).filter(|a| a.action == name) else {
            return;
        };
        if page.code_verifier.is_none() && takes_verifier(action) {
            // Fail closed: never start a provider sign-in without a PKCE verifier.
            let failure = Failure::no_secure_randomness();
            let mut form = form.clone();
            form.notice = Some(failure.clone());
            self.state.screen = Screen::Form(form);
            self.effects.push(Effect::EmitFlowError(failure));
            return;
        }
        let Some((input_data, choice)) = input_data(action, &typed, &page) else {
            return;
        };
        let mut form = form.clone();
        if let Some(verifier) = input_data.get("code_verifier").and_then(Value::as_str) {
            self.effects
                .push(Effect::StoreVerifier(verifier.to_owned()));
        }
        if name == PROVIDER_ACTION {
            self.state.provider.clone_from(&choice);
        }
        for (input, value) in &typed {
            form.typed.insert(format!("{name}.{input}"), value.clone());
        }
        form.notice = None;
        form.busy = Some(Busy {
            action: name.to_owned(),
            choice,
        });
        let (href, csrf) = (action.href.clone(), form.state.csrf_token.clone());
        self.state.screen = Screen::Form(form);
        self.run_action(&href, csrf, input_data);
    }

    fn flow_changed(&mut self, flow: FlowName) {
        if flow == self.state.flow {
            return;
        }
        self.state.flow = flow;
        let restart = match &self.state.screen {
            Screen::Loading => {
                self.state.started && matches!(self.state.awaiting, Some((_, Pending::Flow)))
            }
            Screen::Form(_) | Screen::Failed { .. } => !self.is_under_way(),
            Screen::Working { .. } | Screen::SignedIn { .. } => false,
        };
        if restart {
            self.state.carry = None;
            self.start_flow();
        }
    }
}

/// The `input_data` of `action` from what the user typed and the page context, and the value
/// chosen for an input with `allowed_values`; `None` when a typed value is not allowed.
///
/// Each input the action declares gets, in this order: the typed value (converted to the
/// input's type), the page address for `redirect_to`, the verifier for `code_verifier`, or the
/// backend's `value`. Typed values for inputs the action does not declare are dropped.
fn input_data(
    action: &Action,
    typed: &BTreeMap<String, String>,
    page: &PageContext,
) -> Option<(Map<String, Value>, Option<String>)> {
    let mut data = Map::new();
    let mut choice = None;
    for (key, input) in &action.inputs {
        let name = if input.name.is_empty() {
            key.as_str()
        } else {
            input.name.as_str()
        };
        let value = match typed.get(name) {
            Some(text) => {
                if let Some(allowed) = &input.allowed_values {
                    if !allowed.iter().any(|v| v.value == *text) {
                        return None;
                    }
                    choice = Some(text.clone());
                }
                Some(typed_value(&input.kind, text))
            }
            None if name == "redirect_to" && !is_visible(input) => {
                Some(Value::String(page.href.clone()))
            }
            None if name == "code_verifier" && !is_visible(input) => {
                page.code_verifier.clone().map(Value::String)
            }
            None => input.value.clone().filter(|v| !v.is_null()),
        };
        if let Some(value) = value {
            data.insert(name.to_owned(), value);
        }
    }
    Some((data, choice))
}

/// Whether `action` takes a PKCE verifier the engine fills in (a hidden `code_verifier` input).
fn takes_verifier(action: &Action) -> bool {
    action.inputs.iter().any(|(key, input)| {
        (key == "code_verifier" || input.name == "code_verifier") && !is_visible(input)
    })
}

/// A typed value as the input's JSON type: `boolean` → true/false, `number` → a number when it
/// is one (see [`json_number`]), anything else a string.
fn typed_value(kind: &str, text: &str) -> Value {
    match kind {
        "boolean" => Value::Bool(matches!(text.trim(), "true" | "on" | "1")),
        "number" => json_number(text.trim())
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(text.to_owned())),
        _ => Value::String(text.to_owned()),
    }
}

/// A number typed into a field, as JSON writes it: `12` stays the integer 12, `-0.5`, `.5` (as an
/// `<input type="number">` may hold it), `007` and `1e3` are numbers too; anything else, or a
/// number too large for a double, is `None`.
fn json_number(text: &str) -> Option<serde_json::Number> {
    let (sign, magnitude) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let significant = magnitude.trim_start_matches('0');
    let zeros_dropped = significant.len() < magnitude.len();
    let lead = if significant.starts_with('.')
        || zeros_dropped && !significant.starts_with(|c: char| c.is_ascii_digit())
    {
        "0"
    } else {
        ""
    };
    format!("{sign}{lead}{significant}").parse().ok()
}

/// Whether some input of some action carries an error.
fn has_input_errors(state: &FlowResponse) -> bool {
    state
        .actions
        .values()
        .any(|action| action.inputs.values().any(|input| input.error.is_some()))
}

/// A flow error that is really an input error (an older Hanko's 401 `passcode_invalid`, say) is
/// put on the state's only input the user fills, where a current Hanko puts it and where the user
/// reads it; with several inputs, or none, it stays a notice.
fn move_input_error_to_input(state: &mut FlowResponse) {
    let Some(error) = state.error.clone() else {
        return;
    };
    if has_input_errors(state) || !INPUT_ERROR_CODES.contains(&error.code.as_str()) {
        return;
    }
    let mut inputs = state
        .actions
        .values_mut()
        .filter(|action| is_drawn(action))
        .flat_map(|action| action.inputs.values_mut())
        .filter(|input| is_visible(input));
    if let (Some(input), None) = (inputs.next(), inputs.next()) {
        input.error = Some(error);
    }
}

/// The failure for an `error` state or 5xx answer without an `error` object.
fn technical_error() -> Failure {
    Failure::from_flow_error("technical_error", None, None)
}

/// Whether `url` is an absolute `http:`/`https:` address (never `javascript:` and the like).
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://"].iter().any(|scheme| {
        lower
            .strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty())
    })
}

#[cfg(test)]
mod tests;
