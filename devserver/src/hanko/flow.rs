//! Flow API: `POST /login` and `POST /registration` (start a flow, run an action).

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use url::form_urlencoded;
use uuid::Uuid;

use super::actions::{actions_for, execute, validate, Ctx, Outcome, Revert};
use super::flow_types::*;
use super::Hanko;
use crate::config::SessionMode;
use crate::store::{Flow, FlowName, StateName, Store};

/// `POST /login`.
pub async fn login(
    State(app): State<Arc<Hanko>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    run(&app, FlowName::Login, peer.ip(), &headers, query, body)
}

/// `POST /registration`.
pub async fn registration(
    State(app): State<Arc<Hanko>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    run(
        &app,
        FlowName::Registration,
        peer.ip(),
        &headers,
        query,
        body,
    )
}

/// A response plus extra headers (cookies, session headers).
struct Reply {
    status: u16,
    body: FlowResponse,
    headers: Vec<(HeaderName, String)>,
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(self.body)).into_response();
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }
}

fn error_result(status: u16, error: ResponseError) -> Response {
    Reply {
        status,
        body: FlowResponse {
            name: StateName::Error.as_str(),
            status,
            payload: None,
            csrf_token: String::new(),
            actions: BTreeMap::new(),
            error: Some(error),
            links: None,
        },
        headers: Vec::new(),
    }
    .into_response()
}

fn run(
    app: &Hanko,
    name: FlowName,
    ip: IpAddr,
    headers: &HeaderMap,
    query: Option<String>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let action_param = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "action")
            .map(|(_, v)| v.into_owned())
    });
    let Some(action_param) = action_param.filter(|a| !a.is_empty()) else {
        return start(app, name);
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let status = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                413
            } else {
                400
            };
            tracing::info!(flow = name.as_str(), status, "unreadable request body");
            return error_result(status, FORM_DATA_INVALID);
        }
    };
    let (input, csrf) = match parse_body(headers, &body) {
        Ok(parsed) => parsed,
        Err(status) => {
            tracing::info!(flow = name.as_str(), status, "malformed action request");
            return error_result(status, FORM_DATA_INVALID);
        }
    };
    let Some((action_name, flow_id)) = action_param
        .split_once('@')
        .and_then(|(a, id)| Uuid::parse_str(id).ok().map(|id| (a.to_string(), id)))
    else {
        tracing::info!(flow = name.as_str(), "malformed action parameter");
        return error_result(403, OPERATION_NOT_PERMITTED);
    };
    let mut store = app.store();
    let Some(flow) = store.flows.get(&flow_id).cloned() else {
        tracing::info!(flow = name.as_str(), action = %action_name, "unknown flow");
        return error_result(403, OPERATION_NOT_PERMITTED);
    };
    if flow.name != name {
        return error_result(403, OPERATION_NOT_PERMITTED);
    }
    if flow.created_at.elapsed() > Duration::from_secs(app.config.flow_lifetime_secs) {
        tracing::info!(flow = name.as_str(), "flow expired");
        return error_result(410, FLOW_EXPIRED);
    }
    if !crate::random::constant_time_eq(&csrf, &flow.csrf_token) {
        tracing::info!(flow = name.as_str(), action = %action_name, "csrf token mismatch");
        return error_result(403, OPERATION_NOT_PERMITTED);
    }
    let offered = actions_for(app, &flow);
    let Some(def) = offered.iter().find(|d| d.name == action_name) else {
        tracing::info!(flow = name.as_str(), action = %action_name, state = flow.state.as_str(), "action not offered");
        return error_result(403, OPERATION_NOT_PERMITTED);
    };
    let before = flow.clone();
    let mut flow = flow;
    let mut out_headers = Vec::new();
    let input_errors = validate(def, &input);
    let outcome = if input_errors.is_empty() {
        execute(
            Ctx {
                app,
                store: &mut store,
                ip,
                headers: &mut out_headers,
            },
            &mut flow,
            def.name,
            &input,
        )
    } else {
        Outcome::Stay {
            status: 400,
            error: FORM_DATA_INVALID,
            input_errors,
            payload: None,
        }
    };
    let reply = finish(
        app,
        &mut store,
        Step {
            flow_id,
            before,
            flow,
            action: def.name,
            ip,
            request: headers,
        },
        outcome,
        out_headers,
    );
    tracing::info!(
        flow = name.as_str(),
        action = def.name,
        state = reply.body.name,
        status = reply.status,
        error = reply.body.error.as_ref().map(|e| e.code).unwrap_or(""),
        "flow action"
    );
    reply.into_response()
}

fn start(app: &Hanko, name: FlowName) -> Response {
    let flow = Flow {
        name,
        state: StateName::Preflight,
        schedule: vec![name.init_state()],
        history: Vec::new(),
        csrf_token: crate::random::token_no_pad(24),
        created_at: Instant::now(),
        payload: json!({}),
        user_id: None,
        provider: None,
        stash: Default::default(),
    };
    let id = Uuid::new_v4();
    let body = state_body(app, id, &flow, 200, None, None);
    let keep = Duration::from_secs(app.config.flow_lifetime_secs.saturating_mul(2).max(60));
    let mut store = app.store();
    store.flows.retain(|_, f| f.created_at.elapsed() < keep);
    store.flows.insert(id, flow);
    drop(store);
    tracing::info!(flow = name.as_str(), "flow started");
    Reply {
        status: 200,
        body,
        headers: Vec::new(),
    }
    .into_response()
}

/// Parses `{"input_data": {...}, "csrf_token": "..."}`. `Err(status)` for a client mistake.
fn parse_body(headers: &HeaderMap, body: &[u8]) -> Result<(Map<String, Value>, String), u16> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok((Map::new(), String::new()));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/json") && !mime.ends_with("+json") {
        return Err(415);
    }
    let value: Value = serde_json::from_slice(body).map_err(|_| 400u16)?;
    let obj = match value {
        Value::Object(obj) => obj,
        Value::Null => return Ok((Map::new(), String::new())),
        _ => return Err(400),
    };
    let input = match obj.get("input_data") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(input)) => input.clone(),
        Some(_) => return Err(400),
    };
    let csrf = match obj.get("csrf_token") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(400),
    };
    Ok((input, csrf))
}

/// One action run: the flow before and after the action, and where it came from.
struct Step<'a> {
    flow_id: Uuid,
    before: Flow,
    flow: Flow,
    action: &'static str,
    ip: IpAddr,
    /// The request's headers (the device-trust cookie).
    request: &'a HeaderMap,
}

/// Where the flow goes next: the explicit states first, then the schedule; runs the login onboarding
/// hook, inserts the made-up state and runs the `BeforeState` hooks. Returns a flow error set by a hook
/// (with its status) for the new state.
fn advance(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    explicit: Vec<StateName>,
    ip: IpAddr,
    request: &HeaderMap,
) -> Result<Option<(u16, ResponseError)>, String> {
    let from = flow.state;
    let explicit_len = explicit.len();
    let mut schedule = explicit;
    schedule.append(&mut flow.schedule);
    let tentative = schedule.first().copied().unwrap_or(StateName::Success);
    if flow.name == FlowName::Login
        && from.is_credential_usage()
        && !tentative.is_credential_usage()
        && !flow.stash.login_onboarding_scheduled
    {
        // AfterFlow(credential_usage): Continue(X…) states first, then the hook's, then the old schedule.
        flow.stash.login_onboarding_scheduled = true;
        let trusted = flow
            .user_id
            .is_some_and(|id| super::device_trust::is_trusted(store, request, id));
        let hook = super::schedule::login_onboarding_states(app, flow, trusted);
        schedule.splice(explicit_len..explicit_len, hook);
    }
    let mut next = if schedule.is_empty() {
        StateName::Success
    } else {
        schedule.remove(0)
    };
    if next == StateName::Success && app.config.custom_state && !flow.stash.custom_state_done {
        schedule.insert(0, StateName::Success);
        next = StateName::FavouriteColour;
    }
    flow.schedule = schedule;
    flow.state = next;
    before_state(app, store, flow, ip)
}

/// `BeforeState` hooks of the state just entered (the session for `success` is issued in [`finish`]).
fn before_state(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    ip: IpAddr,
) -> Result<Option<(u16, ResponseError)>, String> {
    match flow.state {
        StateName::PasscodeConfirmation => {
            match super::passcode::send_if_needed(app, store, flow, ip, false)? {
                Ok(()) => Ok(None),
                Err(resend_after) => {
                    set_payload(flow, "resend_after", json!(resend_after));
                    Ok(Some((429, RATE_LIMIT_EXCEEDED)))
                }
            }
        }
        StateName::MfaOtpSecretCreation => {
            let account = super::schedule::account_name(store, flow);
            let (secret, image) = super::mfa::new_secret(&app.config.service_name, &account)?;
            flow.stash.otp_secret = Some(secret.clone());
            set_payload(flow, "otp_secret", json!(secret));
            set_payload(flow, "otp_image_source", json!(image));
            Ok(None)
        }
        StateName::MfaMethodChooser => {
            flow.stash.mfa_chooser_visited = true;
            Ok(None)
        }
        StateName::LoginInit => {
            // WebauthnGenerateRequestOptionsForConditionalUi.
            let stash = &flow.stash;
            if stash.webauthn_available
                && stash.conditional_mediation_available
                && app.config.passkey.enabled
            {
                let options = super::assertion::passkey_options(app, store, flow, None)?;
                set_payload(flow, "request_options", options);
            }
            Ok(None)
        }
        StateName::CredentialOnboardingChooser => {
            flow.stash.credential_chooser_visited = true;
            Ok(None)
        }
        _ => Ok(None),
    }
}

fn set_payload(flow: &mut Flow, key: &str, value: Value) {
    if !flow.payload.is_object() {
        flow.payload = json!({});
    }
    if let Value::Object(map) = &mut flow.payload {
        map.insert(key.to_string(), value);
    }
}

/// Applies the outcome to the flow, issues the session on `success`, rotates the CSRF token and builds the reply.
fn finish(
    app: &Hanko,
    store: &mut Store,
    step: Step,
    outcome: Outcome,
    mut headers: Vec<(HeaderName, String)>,
) -> Reply {
    let Step {
        flow_id,
        before,
        mut flow,
        action,
        ip,
        request,
    } = step;
    flow.csrf_token = crate::random::token_no_pad(24);
    let mut entered_error = None;
    let moved = match outcome {
        Outcome::Continue {
            states,
            payload,
            revert,
            error,
        } => {
            flow.payload = payload;
            match advance(app, store, &mut flow, states, ip, request) {
                Ok(hook_error) => {
                    entered_error = error.or(hook_error);
                    apply_revert(&mut flow, before, revert);
                    Ok(())
                }
                Err(reason) => Err(reason),
            }
        }
        Outcome::Back => match flow.history.pop() {
            Some(mut previous) => {
                previous.history = std::mem::take(&mut flow.history);
                previous.csrf_token = flow.csrf_token.clone();
                flow = previous;
                Ok(())
            }
            None => Err("nothing to go back to".into()),
        },
        Outcome::Stay {
            status,
            error,
            input_errors,
            payload,
        } => {
            let mut shown = flow.clone();
            if let Some((key, value)) = payload {
                set_payload(&mut shown, key, value);
            }
            let body = state_body(
                app,
                flow_id,
                &shown,
                status,
                Some(error),
                Some((action, &input_errors)),
            );
            store.flows.insert(flow_id, flow);
            return Reply {
                status,
                body,
                headers,
            };
        }
        Outcome::Fail(reason) => Err(reason),
    };
    let moved = moved.and_then(|()| {
        if flow.state == StateName::Success {
            if let Some(user) = flow.user_id.and_then(|id| store.users.get_mut(&id)) {
                user.registration_pending = false;
            }
            let device_cookie = super::read_cookie(request, super::device_trust::COOKIE);
            super::device_trust::issue_cookie(
                app,
                store,
                &flow,
                device_cookie.as_deref(),
                &mut headers,
            );
            let payload = super::session::issue(app, store, &flow, &mut headers)?;
            flow.payload = payload;
        }
        Ok(())
    });
    if let Err(reason) = moved {
        tracing::warn!(action, reason = %reason, "technical error");
        flow.state = StateName::Error;
        flow.payload = json!({});
        store.flows.insert(flow_id, flow);
        return Reply {
            status: 500,
            body: FlowResponse {
                name: StateName::Error.as_str(),
                status: 500,
                payload: None,
                csrf_token: String::new(),
                actions: BTreeMap::new(),
                error: Some(TECHNICAL_ERROR),
                links: None,
            },
            headers: Vec::new(),
        };
    }
    let (status, error) = match entered_error {
        Some((status, error)) => (status, Some(error)),
        None => (200, None),
    };
    let body = state_body(app, flow_id, &flow, status, error, None);
    store.flows.insert(flow_id, flow);
    Reply {
        status,
        body,
        headers,
    }
}

/// Records where `back` returns to: a snapshot of the flow before the action, or none at all after
/// Hanko's `PreventRevert`.
fn apply_revert(flow: &mut Flow, mut before: Flow, revert: Revert) {
    match revert {
        Revert::Allow => {
            before.history = Vec::new();
            flow.history.push(before);
        }
        Revert::Prevent => flow.history.clear(),
        Revert::Keep => {}
    }
}

fn state_body(
    app: &Hanko,
    flow_id: Uuid,
    flow: &Flow,
    status: u16,
    error: Option<ResponseError>,
    acted: Option<(&str, &[(&'static str, ResponseError)])>,
) -> FlowResponse {
    let actions = actions_for(app, flow)
        .into_iter()
        .map(|def| {
            let inputs = def
                .inputs
                .into_iter()
                .map(|mut field| {
                    if let Some((_, input_errors)) = acted.filter(|(n, _)| *n == def.name) {
                        field.error = input_errors
                            .iter()
                            .find(|(n, _)| *n == field.name)
                            .map(|(_, e)| e.clone());
                    }
                    (field.name, field)
                })
                .collect();
            let action = ResponseAction {
                href: format!("/{}?action={}%40{}", flow.name.as_str(), def.name, flow_id),
                inputs,
                action: def.name,
                description: def.description,
            };
            (def.name, action)
        })
        .collect();
    FlowResponse {
        name: flow.state.as_str(),
        status,
        payload: Some(flow.payload.clone()),
        csrf_token: flow.csrf_token.clone(),
        actions,
        error,
        links: None,
    }
}

/// Header mode or cookie mode session delivery, plus Hanko's session headers.
pub fn session_headers(app: &Hanko, jwt: &str, headers: &mut Vec<(HeaderName, String)>) {
    match app.config.session_mode {
        SessionMode::Cookie => headers.push((header::SET_COOKIE, app.session_cookie(jwt))),
        SessionMode::Header => {
            headers.push((HeaderName::from_static("x-auth-token"), jwt.to_string()))
        }
    }
    headers.push((
        HeaderName::from_static("x-session-lifetime"),
        app.config.session_lifetime_secs.to_string(),
    ));
    headers.push((
        HeaderName::from_static("x-session-retention"),
        "persistent".to_string(),
    ));
}
