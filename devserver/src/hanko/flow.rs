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
use chrono::Utc;
use serde_json::{json, Map, Value};
use url::form_urlencoded;
use uuid::Uuid;

use super::flow_types::*;
use super::Hanko;
use crate::config::{Provider, SessionMode};
use crate::oauth_state::OAuthState;
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

/// An action a state offers.
struct ActionDef {
    name: &'static str,
    description: &'static str,
    inputs: Vec<Input>,
}

/// What running an action leads to.
enum Outcome {
    /// Go to a state with a payload (200).
    Next(StateName, Value),
    /// Stay in the state with a 4xx flow error.
    Stay {
        status: u16,
        error: ResponseError,
        input_errors: Vec<(&'static str, ResponseError)>,
        payload: Option<(&'static str, Value)>,
    },
    /// Internal failure: state `error`, 500 `technical_error`. The text is logged only.
    Fail(String),
}

impl Outcome {
    fn stay(status: u16, error: ResponseError) -> Outcome {
        Outcome::Stay {
            status,
            error,
            input_errors: Vec::new(),
            payload: None,
        }
    }
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
    let mut flow = flow;
    let mut out_headers = Vec::new();
    let input_errors = validate(def, &input);
    let outcome = if input_errors.is_empty() {
        execute(
            app,
            &mut store,
            &mut flow,
            def.name,
            &input,
            ip,
            &mut out_headers,
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
        flow_id,
        flow,
        def.name,
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
        previous: None,
        csrf_token: crate::random::token_no_pad(24),
        created_at: Instant::now(),
        payload: json!({}),
        user_id: None,
        provider: None,
        email_to_verify: None,
    };
    let id = Uuid::new_v4();
    let body = state_body(app, id, &flow, 200, None, None, &[]);
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

fn actions_for(app: &Hanko, flow: &Flow) -> Vec<ActionDef> {
    match flow.state {
        StateName::Preflight => vec![ActionDef {
            name: "register_client_capabilities",
            description: "Send the computers capabilities.",
            inputs: vec![
                Input::hidden("webauthn_available", "boolean", true),
                Input::hidden("webauthn_conditional_mediation_available", "boolean", false),
                Input::hidden(
                    "webauthn_platform_authenticator_available",
                    "boolean",
                    false,
                ),
            ],
        }],
        StateName::LoginInit | StateName::RegistrationInit => {
            if app.config.providers.is_empty() {
                return Vec::new();
            }
            let mut provider = Input::hidden("provider", "string", true);
            provider.allowed_values = Some(
                app.config
                    .providers
                    .iter()
                    .map(|p| AllowedValue {
                        value: p.id(),
                        name: p.display_name(),
                    })
                    .collect(),
            );
            vec![ActionDef {
                name: "thirdparty_oauth",
                description: "Sign up/sign in with a third party provider via OAuth.",
                inputs: vec![
                    provider,
                    Input::hidden("redirect_to", "string", true),
                    Input::hidden("code_verifier", "string", false),
                ],
            }]
        }
        StateName::Thirdparty => vec![
            ActionDef {
                name: "exchange_token",
                description: "Exchange a one time token.",
                inputs: vec![
                    Input::hidden("token", "string", true),
                    Input::hidden("code_verifier", "string", false),
                ],
            },
            ActionDef {
                name: "back",
                description: "Navigate one step back.",
                inputs: Vec::new(),
            },
        ],
        StateName::PasscodeConfirmation => vec![
            ActionDef {
                name: "verify_passcode",
                description: "Enter a passcode.",
                inputs: vec![Input {
                    name: "code",
                    kind: "string",
                    min_length: None,
                    max_length: None,
                    required: Some(true),
                    hidden: None,
                    error: None,
                    allowed_values: None,
                }],
            },
            ActionDef {
                name: "resend_passcode",
                description: "Send the passcode email again.",
                inputs: Vec::new(),
            },
        ],
        StateName::Success | StateName::Error => Vec::new(),
    }
}

fn validate(def: &ActionDef, input: &Map<String, Value>) -> Vec<(&'static str, ResponseError)> {
    let mut errors = Vec::new();
    for field in &def.inputs {
        let value = input.get(field.name).filter(|v| !v.is_null());
        let missing = match value {
            None => true,
            Some(Value::String(s)) => s.is_empty(),
            Some(_) => false,
        };
        if missing {
            if field.required == Some(true) {
                errors.push((field.name, VALUE_MISSING));
            }
            continue;
        }
        let well_typed = matches!(
            (field.kind, value),
            ("boolean", Some(Value::Bool(_))) | ("string", Some(Value::String(_)))
        );
        if !well_typed {
            errors.push((field.name, VALUE_INVALID));
            continue;
        }
        if let (Some(allowed), Some(Value::String(s))) = (&field.allowed_values, value) {
            if !allowed.iter().any(|a| a.value == s) {
                errors.push((field.name, VALUE_INVALID));
            }
        }
    }
    errors
}

fn input_str<'a>(input: &'a Map<String, Value>, name: &str) -> &'a str {
    input.get(name).and_then(Value::as_str).unwrap_or("")
}

fn execute(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    action: &str,
    input: &Map<String, Value>,
    ip: IpAddr,
    headers: &mut Vec<(HeaderName, String)>,
) -> Outcome {
    match action {
        "register_client_capabilities" => Outcome::Next(flow.name.init_state(), json!({})),
        "thirdparty_oauth" => thirdparty_oauth(app, flow, input, headers),
        "exchange_token" => exchange_token(app, store, flow, input, ip, headers),
        "back" => match flow.previous {
            Some(previous) => Outcome::Next(previous, json!({})),
            None => Outcome::stay(403, OPERATION_NOT_PERMITTED),
        },
        "verify_passcode" => {
            let code = input_str(input, "code");
            if !crate::random::constant_time_eq(code, &app.config.passcode) {
                return Outcome::stay(401, PASSCODE_INVALID);
            }
            if let (Some(user_id), Some(email_id)) = (flow.user_id, flow.email_to_verify) {
                if let Some(user) = store.users.get_mut(&user_id) {
                    if let Some(email) = user.emails.iter_mut().find(|e| e.id == email_id) {
                        email.verified = true;
                        user.updated_at = Utc::now();
                    }
                }
            }
            Outcome::Next(StateName::Success, json!({}))
        }
        "resend_passcode" => {
            tracing::info!("passcode re-sent (dev server: the configured passcode, no email)");
            Outcome::Next(StateName::PasscodeConfirmation, json!({}))
        }
        _ => Outcome::stay(403, OPERATION_NOT_PERMITTED),
    }
}

fn thirdparty_oauth(
    app: &Hanko,
    flow: &Flow,
    input: &Map<String, Value>,
    headers: &mut Vec<(HeaderName, String)>,
) -> Outcome {
    let redirect_to = input_str(input, "redirect_to");
    if !app.allowlist.is_allowed(redirect_to) {
        tracing::info!("redirect_to not on the allowlist");
        return Outcome::stay(400, FORM_DATA_INVALID);
    }
    let Some(provider) = Provider::from_id(input_str(input, "provider"))
        .filter(|p| app.config.providers.contains(p))
    else {
        return Outcome::stay(400, FORM_DATA_INVALID);
    };
    let verifier = Some(input_str(input, "code_verifier").to_string()).filter(|v| !v.is_empty());
    let now = Utc::now().timestamp();
    let state = OAuthState {
        provider: provider.id().to_string(),
        redirect_to: redirect_to.to_string(),
        issued_at: now,
        expires_at: now + app.config.state_lifetime_secs as i64,
        nonce: crate::random::token_no_pad(32),
        is_flow: true,
        code_verifier: verifier.clone(),
        flow: flow.name.as_str().to_string(),
    };
    let sealed = app.states.seal(&state);
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("client_id", &app.config.client_id);
    if let Some(verifier) = &verifier {
        query.append_pair("code_challenge", &crate::random::s256_challenge(verifier));
        query.append_pair("code_challenge_method", "S256");
    }
    query.append_pair(
        "redirect_uri",
        &format!("{}/thirdparty/callback", app.public_url),
    );
    query.append_pair("response_type", "code");
    query.append_pair("scope", "openid profile email");
    query.append_pair("state", &sealed);
    let redirect_url = format!(
        "{}/common/oauth2/v2.0/authorize?{}",
        app.microsoft_url,
        query.finish()
    );
    headers.push((header::SET_COOKIE, app.state_cookie(&sealed)));
    Outcome::Next(
        StateName::Thirdparty,
        json!({ "redirect_url": redirect_url }),
    )
}

fn exchange_token(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
    ip: IpAddr,
    headers: &mut Vec<(HeaderName, String)>,
) -> Outcome {
    if let Err(retry_after) = app.limiter.hit(ip) {
        headers.push((header::RETRY_AFTER, retry_after.to_string()));
        return Outcome::Stay {
            status: 429,
            error: RATE_LIMIT_EXCEEDED,
            input_errors: Vec::new(),
            payload: Some(("retry_after", json!(retry_after))),
        };
    }
    let value = input_str(input, "token");
    let Some(token) = store.tokens.get(value).cloned() else {
        return Outcome::Fail("token not found".into());
    };
    if let Some(expected) = token.code_verifier.as_deref().filter(|v| !v.is_empty()) {
        if !crate::random::constant_time_eq(expected, input_str(input, "code_verifier")) {
            tracing::info!("code_verifier does not match");
            return Outcome::stay(400, FORM_DATA_INVALID);
        }
    }
    if Instant::now() > token.expires_at {
        return Outcome::Fail("token expired".into());
    }
    store.tokens.remove(value);
    flow.user_id = Some(token.user_id);
    let provider = store.users.get(&token.user_id).and_then(|u| {
        u.identities
            .iter()
            .find(|i| i.id == token.identity_id)
            .map(|i| i.provider_id.clone())
    });
    flow.provider = provider;
    let unverified = store
        .identity_email(token.user_id, token.identity_id)
        .filter(|e| !e.verified)
        .map(|e| (e.id, e.address.clone()));
    match unverified {
        Some((email_id, address)) if app.config.require_email_verification => {
            flow.email_to_verify = Some(email_id);
            tracing::info!(email = %address, "passcode sent (dev server: the configured passcode, no email)");
            Outcome::Next(StateName::PasscodeConfirmation, json!({}))
        }
        _ => Outcome::Next(StateName::Success, json!({})),
    }
}

/// Applies the outcome to the flow, issues the session on `success`, rotates the CSRF token and builds the reply.
fn finish(
    app: &Hanko,
    store: &mut Store,
    flow_id: Uuid,
    mut flow: Flow,
    action: &'static str,
    outcome: Outcome,
    mut headers: Vec<(HeaderName, String)>,
) -> Reply {
    flow.csrf_token = crate::random::token_no_pad(24);
    let outcome = match outcome {
        Outcome::Next(StateName::Success, _) => {
            match super::session::issue(app, store, &flow, &mut headers) {
                Ok(payload) => Outcome::Next(StateName::Success, payload),
                Err(reason) => Outcome::Fail(reason),
            }
        }
        other => other,
    };
    let reply = match outcome {
        Outcome::Next(next, payload) => {
            if next == StateName::Thirdparty {
                flow.previous = Some(flow.state);
            } else if next != StateName::PasscodeConfirmation {
                flow.previous = None;
            }
            flow.state = next;
            flow.payload = payload;
            let body = state_body(app, flow_id, &flow, 200, None, None, &[]);
            Reply {
                status: 200,
                body,
                headers,
            }
        }
        Outcome::Stay {
            status,
            error,
            input_errors,
            payload,
        } => {
            let mut shown = flow.clone();
            if let (Some((key, value)), Value::Object(map)) = (payload, &mut shown.payload) {
                map.insert(key.to_string(), value);
            }
            let body = state_body(
                app,
                flow_id,
                &shown,
                status,
                Some(error),
                Some(action),
                &input_errors,
            );
            Reply {
                status,
                body,
                headers,
            }
        }
        Outcome::Fail(reason) => {
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
    };
    store.flows.insert(flow_id, flow);
    reply
}

fn state_body(
    app: &Hanko,
    flow_id: Uuid,
    flow: &Flow,
    status: u16,
    error: Option<ResponseError>,
    acted: Option<&str>,
    input_errors: &[(&'static str, ResponseError)],
) -> FlowResponse {
    let actions = actions_for(app, flow)
        .into_iter()
        .map(|def| {
            let inputs = def
                .inputs
                .into_iter()
                .map(|mut field| {
                    if acted == Some(def.name) {
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
