//! The HTTP client for Hanko's Flow API and session endpoints (browser only, gloo-net).
//!
//! Every request: `credentials: include`, `Accept`/`Content-Type: application/json`,
//! `X-Language`, and `Authorization: Bearer` when a header-mode token is stored. The JSON body is
//! read for every HTTP status (Hanko answers flow errors as flow states with 4xx/5xx). Network
//! failures and the 13-second timeout (as in Hanko's SDK) become a [`ClientError`].
//! A request leaves when it is made (the methods call `fetch` before they return a future), so
//! an element's first requests go out before its view is built, not after the page's current
//! task.
//! The checks of whether a session exists that nothing has happened in between can share
//! ([`HankoClient::validate_session`]: the elements' first check and the page's session service's
//! own checks) ask `GET /sessions/validate` once at a time per API and token on a page. A check
//! made because a session was just reported asks on its own, so that it never gets an answer
//! from before the session existed.

use super::in_flight::{shared, Registry};
use super::token::{SessionHeaders, TokenStore};
use super::types::{ActionRequest, FlowResponse};
use gloo_net::http::{Request, RequestBuilder, Response};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch(request)`.
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_request(request: &web_sys::Request) -> js_sys::Promise;
}

/// What a shared `GET /sessions/validate` gives each caller.
type Validation = Result<Answer, ClientError>;

thread_local! {
    /// The `GET /sessions/validate` requests under way on this page, by API and token.
    static VALIDATIONS: Registry<Validation> = const { RefCell::new(Vec::new()) };
}

/// Request timeout in milliseconds (Hanko's SDK default).
pub const TIMEOUT_MS: i32 = 13_000;

/// A request that got no HTTP answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientError {
    /// The request failed (offline, DNS, CORS refusal, ...).
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
}

/// An answer of the Flow API.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowAnswer {
    /// A flow state (any HTTP status).
    State {
        /// HTTP status.
        status: u16,
        /// The state.
        response: FlowResponse,
    },
    /// The body is not a flow state (e.g. a proxy's HTML error page).
    Unreadable {
        /// HTTP status.
        status: u16,
    },
}

/// Talks to one Hanko API.
#[derive(Debug)]
pub struct HankoClient {
    api: String,
    lang: RefCell<String>,
    tokens: TokenStore,
}

/// An answer of an endpoint outside the Flow API (`/me`, `/users/{id}`, `/logout`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The body as text (JSON when the endpoint answered itself).
    pub body: String,
}

impl Answer {
    /// Whether the status is 2xx.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A raw answer: status, response headers of interest, body text.
struct Raw {
    status: u16,
    session: Option<SessionHeaders>,
    body: String,
}

/// Aborts a request after [`TIMEOUT_MS`]; cancels its timer when dropped.
struct Deadline {
    handle: Option<i32>,
    fired: Rc<Cell<bool>>,
    _callback: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(controller: AbortController) -> Deadline {
        let fired = Rc::new(Cell::new(false));
        let flag = fired.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            controller.abort();
        });
        let handle = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    TIMEOUT_MS,
                )
                .ok()
        });
        Deadline {
            handle,
            fired,
            _callback: callback,
        }
    }

    fn error(&self) -> ClientError {
        if self.fired.get() {
            ClientError::Timeout
        } else {
            ClientError::Network
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
    }
}

impl HankoClient {
    /// A client for the API at `api` (e.g. `https://auth.example.com` or `https://host/<tenant-id>`).
    pub fn new(api: &str, lang: String, tokens: TokenStore) -> HankoClient {
        HankoClient {
            api: api.trim().trim_end_matches('/').to_owned(),
            lang: RefCell::new(lang),
            tokens,
        }
    }

    /// Changes the `X-Language` of later requests.
    pub fn set_lang(&self, lang: String) {
        if let Ok(mut current) = self.lang.try_borrow_mut() {
            *current = lang;
        }
    }

    /// The header-mode token store.
    pub fn tokens(&self) -> &TokenStore {
        &self.tokens
    }

    /// `POST {api}/{path}` without a body (`path` is the flow's name: `login`, `registration`).
    /// The request leaves now; the future gives its answer.
    pub fn start_flow(
        &self,
        path: &str,
    ) -> impl Future<Output = Result<FlowAnswer, ClientError>> + use<> {
        let url = format!("{}/{}", self.api, path);
        self.flow_request(&url, None)
    }

    /// `POST {api}{href}` with `{input_data, csrf_token}`. The request leaves now.
    pub fn run_action(
        &self,
        href: &str,
        body: &ActionRequest,
    ) -> impl Future<Output = Result<FlowAnswer, ClientError>> + use<> {
        let separator = if href.starts_with('/') { "" } else { "/" };
        let url = format!("{}{separator}{href}", self.api);
        let body = serde_json::to_string(body).unwrap_or_default();
        self.flow_request(&url, Some(body))
    }

    /// `POST {api}/logout`; gives the HTTP status. The stored token is forgotten only once the
    /// server confirmed (2xx) or said there is no session (401): after a failure the token stays,
    /// so that a retry still names the session to end. The request leaves now.
    pub fn logout(&self) -> impl Future<Output = Result<u16, ClientError>> + use<> {
        let url = format!("{}/logout", self.api);
        let answer = self.send(Request::post(&url), None);
        let tokens = self.tokens.clone();
        async move {
            let status = answer.await?.status;
            if (200..300).contains(&status) || status == 401 {
                tokens.clear();
            }
            Ok(status)
        }
    }

    /// `GET {api}/sessions/validate`, shared with every other caller on the page that asks the same
    /// API with the same token while it is under way. Not for a check after a reported sign-in (a
    /// shared answer may be from before it): use [`HankoClient::get`] for that. The request (when
    /// this caller is the first) leaves now.
    pub fn validate_session(&self) -> impl Future<Output = Validation> + use<> {
        let key = format!("{}\n{}", self.api, self.tokens.get().unwrap_or_default());
        let check = || self.get("/sessions/validate");
        shared(&VALIDATIONS, key, check, Err(ClientError::Network))
    }

    /// `GET {api}{path}` (e.g. `/me`), with the same headers as every request. The request
    /// leaves now.
    pub fn get(&self, path: &str) -> impl Future<Output = Result<Answer, ClientError>> + use<> {
        let url = format!("{}{path}", self.api);
        let raw = self.send(Request::get(&url), None);
        async move {
            let raw = raw.await?;
            Ok(Answer {
                status: raw.status,
                body: raw.body,
            })
        }
    }

    /// `POST {api}{path}` without a body; keeps the stored token whatever the outcome. The
    /// request leaves now.
    pub fn post(&self, path: &str) -> impl Future<Output = Result<Answer, ClientError>> + use<> {
        let url = format!("{}{path}", self.api);
        let raw = self.send(Request::post(&url), None);
        async move {
            let raw = raw.await?;
            Ok(Answer {
                status: raw.status,
                body: raw.body,
            })
        }
    }

    fn flow_request(
        &self,
        url: &str,
        body: Option<String>,
    ) -> impl Future<Output = Result<FlowAnswer, ClientError>> + use<> {
        let raw = self.send(Request::post(url), body);
        let tokens = self.tokens.clone();
        async move {
            let raw = raw.await?;
            let status = raw.status;
            let answer = match serde_json::from_str::<FlowResponse>(&raw.body) {
                Ok(response) => {
                    if response.name == "success" {
                        if let Some(session) = &raw.session {
                            tokens.set(session);
                        }
                    }
                    FlowAnswer::State { status, response }
                }
                Err(_) => FlowAnswer::Unreadable { status },
            };
            Ok(answer)
        }
    }

    /// Calls `fetch` now, with the headers every request carries; the future gives the answer.
    fn send(
        &self,
        builder: RequestBuilder,
        body: Option<String>,
    ) -> impl Future<Output = Result<Raw, ClientError>> + use<> {
        let sent = self.fetch(builder, body);
        async move {
            let (answer, deadline) = sent?;
            let response = JsFuture::from(answer)
                .await
                .ok()
                .and_then(|response| response.dyn_into::<web_sys::Response>().ok())
                .map(Response::from)
                .ok_or_else(|| deadline.error())?;
            let headers = response.headers();
            let session = SessionHeaders::read(
                headers.get("X-Auth-Token"),
                headers.get("X-Session-Lifetime").as_deref(),
                headers.get("X-Session-Retention").as_deref(),
            );
            let body = response.text().await.map_err(|_| deadline.error())?;
            Ok(Raw {
                status: response.status(),
                session,
                body,
            })
        }
    }

    /// Builds the request and calls `fetch`: the promise of its response and the deadline that
    /// aborts it.
    fn fetch(
        &self,
        builder: RequestBuilder,
        body: Option<String>,
    ) -> Result<(js_sys::Promise, Deadline), ClientError> {
        let controller = AbortController::new().map_err(|_| ClientError::Network)?;
        let signal = controller.signal();
        let lang = self
            .lang
            .try_borrow()
            .map(|lang| lang.clone())
            .unwrap_or_default();
        let mut builder = builder
            .credentials(RequestCredentials::Include)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .abort_signal(Some(&signal));
        if !lang.is_empty() {
            builder = builder.header("X-Language", &lang);
        }
        if let Some(token) = self.tokens.get() {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => builder.body(body),
            None => builder.build(),
        }
        .map_err(|_| ClientError::Network)?;
        let deadline = Deadline::start(controller);
        Ok((fetch_with_request(&request.into()), deadline))
    }
}
