//! The pure transition function of the element: `next(state, event) -> (state, effects)`.
//!
//! The browser driver feeds [`Event`]s (what happened: a flow answer, a click, a failure) and
//! carries out the returned [`Effect`]s (what to do: HTTP requests, storage, navigation, events).
//! Requests carry a [`RequestId`]; an answer to anything but the request the machine is waiting
//! for is ignored, so late answers after "try again", a mode change or a double click do nothing.
//!
//! Backend states map to screens like this:
//!
//! | backend state | screen / effect |
//! |---|---|
//! | `preflight` | run `register_client_capabilities` (no WebAuthn) automatically |
//! | `login_init`, `registration_init` | [`Screen::ChooseProvider`] (or [`Screen::NoProviders`]) |
//! | `thirdparty` | save the flow, go to `payload.redirect_url` ([`Screen::Redirecting`]) |
//! | `thirdparty` with `error` | run `back`, show the error over the provider buttons |
//! | `success` | [`Screen::SignedIn`], `hanko-session-created` |
//! | `error`, or any HTTP 5xx | [`Screen::Failed`] |
//! | `login_init` / `registration_init` with `error` (4xx) | stay, with a notice |
//! | anything else (`passcode_confirmation`, `onboarding_*`, ...) | [`Screen::Unsupported`] |
//!
//! While signed in, the session is checked again when `claims.expiration` has passed; if it is
//! gone, `hanko-session-expired` is reported and a fresh flow starts.

use super::screen::{FlowName, ProviderOption, Screen, SignedInUser};
use crate::api::types::{FlowResponse, SavedFlowState};
use crate::errors::{sanitize, Failure};
use crate::url::ReturnParams;
use serde_json::{Map, Value};

/// Identifies one request the machine asked for.
pub type RequestId = u32;

/// What kind of request the machine is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// `GET /sessions/validate`.
    Session,
    /// Starting a flow or running an action.
    Flow,
    /// `POST /logout`.
    Logout,
}

/// The machine's whole state: the [`Screen`] plus what it needs to continue the flow.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// What the element shows.
    pub screen: Screen,
    /// The flow to start (the `mode`).
    flow: FlowName,
    /// The last flow state received (its actions and `csrf_token` are used for the next action).
    current: Option<FlowResponse>,
    /// A failure to show over the provider buttons once the next init state arrives.
    carry: Option<Failure>,
    /// The provider of the current attempt (named in failures).
    provider: Option<String>,
    /// The request being waited for.
    awaiting: Option<(RequestId, Pending)>,
    /// The last request id handed out.
    last_request: RequestId,
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
            last_request: 0,
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
    /// `GET /sessions/validate` answered (a failed check counts as "not valid").
    SessionChecked {
        /// The request.
        request: RequestId,
        /// Whether the session is valid.
        valid: bool,
        /// Its claims (JSON) when valid.
        claims: Option<Value>,
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
    /// The user pressed a provider button.
    ProviderChosen {
        /// Provider id.
        provider: String,
        /// The address to come back to (the current page address).
        redirect_to: String,
        /// A fresh PKCE verifier (`None` if no randomness was available: the backend then relies on its state cookie).
        code_verifier: Option<String>,
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
    /// Another element on the page created a session.
    SessionCreatedElsewhere {
        /// Its claims.
        claims: Value,
    },
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

/// Inputs sent with `register_client_capabilities`: this element does not do passkeys.
const CAPABILITIES: [&str; 3] = [
    "webauthn_available",
    "webauthn_conditional_mediation_available",
    "webauthn_platform_authenticator_available",
];

/// Longest backend state name shown on [`Screen::Unsupported`].
const MAX_STATE_NAME_CHARS: usize = 100;

/// Computes the next state and the effects for `event`.
///
/// ```
/// use hanko_elements::flow::machine::{next, Effect, Event, State};
/// use hanko_elements::flow::screen::{FlowName, Screen};
/// use hanko_elements::url::parse_return;
///
/// let start = next(&State::new(FlowName::Login), Event::Started {
///     params: parse_return("https://app.example/login"),
///     saved: None,
///     verifier: None,
/// });
/// assert_eq!(start.state.screen, Screen::Loading);
/// assert!(matches!(start.effects[..], [Effect::ValidateSession { .. }]));
/// ```
pub fn next(state: &State, event: Event) -> Transition {
    let mut step = Step {
        state: state.clone(),
        effects: Vec::new(),
    };
    step.handle(event);
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
                if self.answers(request) {
                    let was_signed_in = matches!(self.state.screen, Screen::SignedIn { .. });
                    match claims.filter(|_| valid) {
                        Some(claims) => self.show_signed_in(&claims),
                        None if was_signed_in => {
                            self.effects.push(Effect::ClearSessionToken);
                            self.effects.push(Effect::EmitSessionExpired);
                            self.start_flow();
                        }
                        None => self.start_flow(),
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
            Event::ProviderChosen {
                provider,
                redirect_to,
                code_verifier,
            } => self.provider_chosen(provider, redirect_to, code_verifier),
            Event::Retry => {
                if !matches!(
                    self.state.screen,
                    Screen::SignedIn { .. }
                        | Screen::Redirecting { .. }
                        | Screen::Exchanging
                        | Screen::ChooseProvider {
                            pending: Some(_),
                            ..
                        }
                ) {
                    self.state.carry = None;
                    self.start_flow();
                }
            }
            Event::SignOutRequested => {
                if let Screen::SignedIn {
                    signing_out: false,
                    user,
                } = &self.state.screen
                {
                    self.state.screen = Screen::SignedIn {
                        user: user.clone(),
                        signing_out: true,
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
                        };
                    }
                    self.effects.push(Effect::EmitFlowError(failure));
                }
            }
            Event::FlowChanged(flow) => self.flow_changed(flow),
            Event::PageRestored => {
                if matches!(self.state.screen, Screen::Redirecting { .. }) {
                    self.start_flow();
                }
            }
            Event::SessionEnded => {
                if matches!(self.state.screen, Screen::SignedIn { .. }) {
                    self.effects.push(Effect::ClearSessionToken);
                    self.start_flow();
                }
            }
            Event::SessionCreatedElsewhere { claims } => {
                if self.can_adopt_session() {
                    // A session check or flow start still under way would answer "no session" /
                    // the init state from before the session existed: forget it.
                    self.state.awaiting = None;
                    self.show_signed_in(&claims);
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

    /// Hands out a new request id and waits for it (forgetting any earlier request).
    fn request(&mut self, kind: Pending) -> RequestId {
        self.state.last_request = self.state.last_request.wrapping_add(1);
        self.state.awaiting = Some((self.state.last_request, kind));
        self.state.last_request
    }

    /// Whether a session created by another element may replace what this element is doing: yes
    /// while it checks the session, starts a flow or waits for a click; no during its own provider
    /// round trip (a click, the redirect, the exchange), while signing out, or when signed in.
    fn can_adopt_session(&self) -> bool {
        let settled_screen = matches!(
            self.state.screen,
            Screen::Loading
                | Screen::ChooseProvider { pending: None, .. }
                | Screen::NoProviders { .. }
                | Screen::Unsupported { .. }
                | Screen::Failed { .. }
        );
        let interruptible = match self.state.awaiting {
            None | Some((_, Pending::Session)) | Some((_, Pending::Flow)) => true,
            Some((_, Pending::Logout)) => false,
        };
        settled_screen && interruptible
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
        matches!(
            self.state.screen,
            Screen::ChooseProvider {
                pending: Some(_),
                ..
            } | Screen::Redirecting { .. }
        )
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
        if params.needs_cleaning {
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
                    self.state.screen = Screen::Exchanging;
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
        } else if let Some(error) = params.error {
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
        }
    }

    fn start_flow(&mut self) {
        self.state.screen = Screen::Loading;
        self.state.current = None;
        self.state.provider = None;
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
        let user = SignedInUser::from_claims(claims);
        if let Some(expiration) = &user.expiration {
            self.effects.push(Effect::WatchExpiry {
                expiration: expiration.clone(),
            });
        }
        self.state.screen = Screen::SignedIn {
            user,
            signing_out: false,
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
        match &self.state.screen {
            Screen::ChooseProvider {
                flow,
                providers,
                pending: Some(_),
                ..
            } => {
                self.state.screen = Screen::ChooseProvider {
                    flow: *flow,
                    providers: providers.clone(),
                    pending: None,
                    notice: Some(failure.clone()),
                };
                self.effects.push(Effect::ClearVerifier);
                self.effects.push(Effect::EmitFlowError(failure));
            }
            _ => self.fail(failure),
        }
    }

    fn flow_answered(&mut self, status: u16, response: FlowResponse) {
        let failure = response.error.as_ref().map(|error| {
            self.with_provider(Failure::from_flow_error(
                &error.code,
                error.message.as_deref(),
                response.retry_after(),
            ))
        });
        match response.name.as_str() {
            "error" => {
                let failure = failure.unwrap_or_else(|| self.with_provider(technical_error()));
                self.fail(failure)
            }
            _ if status >= 500 => {
                let failure = failure.unwrap_or_else(|| self.with_provider(technical_error()));
                self.fail(failure)
            }
            "preflight" => self.preflight(status, response, failure),
            "login_init" => self.init_state(FlowName::Login, response, failure),
            "registration_init" => self.init_state(FlowName::Registration, response, failure),
            "thirdparty" => self.thirdparty(status, response, failure),
            "success" => self.success(response),
            _ => {
                self.state.screen = Screen::Unsupported {
                    state: response.name.chars().take(MAX_STATE_NAME_CHARS).collect(),
                };
                self.state.current = Some(response);
                self.state.carry = None;
            }
        }
    }

    fn preflight(&mut self, status: u16, response: FlowResponse, failure: Option<Failure>) {
        if let Some(failure) = failure {
            return self.fail(failure);
        }
        let Some(action) = response.action("register_client_capabilities") else {
            return self.fail(Failure::unreadable_answer(status));
        };
        let input_data = CAPABILITIES
            .iter()
            .map(|name| ((*name).to_owned(), Value::Bool(false)))
            .collect();
        self.run_action(&action.href, response.csrf_token.clone(), input_data);
        self.state.current = Some(response);
    }

    fn init_state(&mut self, flow: FlowName, response: FlowResponse, failure: Option<Failure>) {
        if self.owns_verifier() {
            self.effects.push(Effect::ClearVerifier);
        }
        if let Some(failure) = &failure {
            self.effects.push(Effect::EmitFlowError(failure.clone()));
        }
        let notice = failure.or_else(|| self.state.carry.take());
        self.state.carry = None;
        self.state.provider = None;
        let providers: Vec<ProviderOption> = response
            .providers()
            .into_iter()
            .map(|provider| ProviderOption {
                id: provider.value,
                name: provider.name,
            })
            .collect();
        self.state.screen = match (providers.is_empty(), notice) {
            (true, Some(failure)) => Screen::Failed { failure },
            (true, None) => Screen::NoProviders { flow },
            (false, notice) => Screen::ChooseProvider {
                flow,
                providers,
                pending: None,
                notice,
            },
        };
        self.state.current = Some(response);
    }

    fn thirdparty(&mut self, status: u16, response: FlowResponse, failure: Option<Failure>) {
        if let Some(failure) = failure {
            // Hanko issue #2805: never follow a `thirdparty` state that carries an error; go back
            // to the provider buttons and show the error there.
            if self.owns_verifier() {
                self.effects.push(Effect::ClearVerifier);
            }
            self.effects.push(Effect::EmitFlowError(failure.clone()));
            self.state.carry = Some(failure);
            return self.go_back(response);
        }
        let pending = match &self.state.screen {
            Screen::ChooseProvider {
                flow,
                providers,
                pending: Some(provider),
                ..
            } => Some((*flow, providers.clone(), provider.clone())),
            _ => None,
        };
        let Some((flow, providers, provider)) = pending else {
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
            flow_name: flow.as_str().to_owned(),
            state: response,
            is_cached: true,
            provider: Some(provider.clone()),
        }));
        self.effects.push(Effect::Navigate { url });
        self.state.screen = Screen::Redirecting {
            provider,
            flow,
            providers,
        };
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

    fn provider_chosen(
        &mut self,
        provider: String,
        redirect_to: String,
        code_verifier: Option<String>,
    ) {
        let Screen::ChooseProvider {
            flow,
            providers,
            pending: None,
            ..
        } = &self.state.screen
        else {
            return;
        };
        if self.state.awaiting.is_some() || !providers.iter().any(|p| p.id == provider) {
            return;
        }
        let Some(current) = self.state.current.clone() else {
            return;
        };
        let Some(action) = current.action("thirdparty_oauth") else {
            return;
        };
        let (flow, providers) = (*flow, providers.clone());
        let mut input_data = Map::new();
        input_data.insert("provider".into(), Value::String(provider.clone()));
        input_data.insert("redirect_to".into(), Value::String(redirect_to));
        if let Some(verifier) = code_verifier {
            self.effects.push(Effect::StoreVerifier(verifier.clone()));
            input_data.insert("code_verifier".into(), Value::String(verifier));
        }
        self.state.provider = Some(provider.clone());
        self.state.screen = Screen::ChooseProvider {
            flow,
            providers,
            pending: Some(provider),
            notice: None,
        };
        self.run_action(&action.href, current.csrf_token.clone(), input_data);
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
            Screen::ChooseProvider { pending, .. } => pending.is_none(),
            Screen::NoProviders { .. } | Screen::Failed { .. } | Screen::Unsupported { .. } => true,
            Screen::Redirecting { .. } | Screen::Exchanging | Screen::SignedIn { .. } => false,
        };
        if restart {
            self.state.carry = None;
            self.start_flow();
        }
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
