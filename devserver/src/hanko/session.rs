//! Sessions: issuing on `success`, `/sessions/validate`, `/me`, `/logout`, `/.well-known/jwks.json`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

use super::{read_cookie, Hanko, SESSION_COOKIE};
use crate::store::{Flow, FlowName, Session, Store, User};

/// Claims of the session JWT.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionJwt {
    sub: String,
    iat: i64,
    exp: i64,
    aud: Vec<String>,
    iss: String,
    session_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    email: Option<Value>,
}

fn rfc3339(ts: i64) -> String {
    Utc.timestamp_opt(ts, 0)
        .single()
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn audience(app: &Hanko) -> String {
    url::Url::parse(&app.public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "localhost".into())
}

/// Hanko's `Claims` DTO.
fn claims_dto(jwt: &SessionJwt) -> Value {
    let mut claims = json!({
        "subject": jwt.sub,
        "session_id": jwt.session_id,
        "expiration": rfc3339(jwt.exp),
        "issued_at": rfc3339(jwt.iat),
        "audience": jwt.aud,
        "issuer": jwt.iss,
    });
    if let Some(email) = &jwt.email {
        claims["email"] = email.clone();
    }
    claims
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Hanko's `ProfileData` for `payload.user` and `/me`.
fn profile(app: &Hanko, user: &User) -> Value {
    let primary = user.primary_email_id;
    let emails: Vec<Value> = user
        .emails
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "address": e.address,
                "is_verified": e.verified,
                "is_primary": Some(e.id) == primary,
            })
        })
        .collect();
    let identities: Vec<Value> = user
        .identities
        .iter()
        .map(|i| {
            json!({
                "id": i.id,
                "provider_id": i.provider_id,
                "provider_name": crate::config::Provider::from_id(&i.provider_id)
                    .map(|p| p.display_name())
                    .unwrap_or("Unknown"),
                "email_id": i.email_id,
                "created_at": time(i.created_at),
            })
        })
        .collect();
    let mut data = json!({
        "id": user.id,
        "user_id": user.id,
        "emails": emails,
        "identities": identities,
        "mfa_config": {
            "auth_app_set_up": user.otp_secret.is_some(),
            "totp_enabled": app.config.mfa.enabled && app.config.mfa.totp.enabled,
            "security_keys_enabled": app.config.mfa.enabled && app.config.mfa.security_keys.enabled,
        },
        "created_at": time(user.created_at),
        "updated_at": time(user.updated_at),
    });
    if let Some(name) = &user.name {
        data["name"] = Value::from(name.clone());
    }
    if let Some(username) = &user.username {
        data["username"] = json!({
            "id": user.id,
            "username": username,
            "created_at": time(user.created_at),
            "updated_at": time(user.updated_at),
        });
    }
    let keys = |mfa_only: bool| -> Vec<Value> {
        user.webauthn_credentials
            .iter()
            .filter(|c| c.mfa_only == mfa_only)
            .map(|c| {
                json!({
                    "id": c.credential.cred_id,
                    "created_at": time(c.created_at),
                    "mfa_only": mfa_only,
                })
            })
            .collect()
    };
    let passkeys = keys(false);
    if !passkeys.is_empty() {
        data["passkeys"] = Value::from(passkeys);
    }
    let security_keys = keys(true);
    if !security_keys.is_empty() {
        data["security_keys"] = Value::from(security_keys);
    }
    data
}

/// Creates the session for the flow's user: JWT, session row, headers; returns the `success` payload.
pub fn issue(
    app: &Hanko,
    store: &mut Store,
    flow: &Flow,
    headers: &mut Vec<(HeaderName, String)>,
) -> Result<Value, String> {
    let user_id = flow.user_id.ok_or("no user in flow")?;
    let user = store.users.get(&user_id).ok_or("user not found")?;
    let now = Utc::now();
    let exp = now.timestamp() + app.config.session_lifetime_secs as i64;
    let session_id = Uuid::new_v4();
    let email = user
        .primary_email()
        .map(|e| json!({"address": e.address, "is_primary": true, "is_verified": e.verified}));
    let jwt_claims = SessionJwt {
        sub: user_id.to_string(),
        iat: now.timestamp(),
        exp,
        aud: vec![audience(app)],
        iss: app.public_url.clone(),
        session_id: session_id.to_string(),
        email,
    };
    let jwt = app.key.sign(&jwt_claims).map_err(|e| e.to_string())?;
    let mut payload = json!({
        "claims": claims_dto(&jwt_claims),
        "user": profile(app, user),
    });
    if flow.name == FlowName::Login {
        payload["last_login"] = match flow.stash.login_method {
            Some(method) => json!({ "login_method": method }),
            None => json!({
                "login_method": "third_party",
                "third_party_provider": flow.provider.clone().unwrap_or_else(|| "microsoft".into()),
            }),
        };
        if let Some(mfa) = flow.stash.mfa_usage_method {
            payload["last_login"]["mfa_method"] = json!(mfa);
        }
    }
    store.sessions.retain(|_, s| s.expires_at > now);
    store.sessions.insert(
        session_id,
        Session {
            user_id,
            expires_at: Utc.timestamp_opt(exp, 0).single().unwrap_or(now),
        },
    );
    super::flow::session_headers(app, &jwt, headers);
    tracing::info!(user = %user_id, session = %session_id, "session issued");
    Ok(payload)
}

/// A verified session.
struct Authenticated {
    claims: SessionJwt,
    session_id: Uuid,
}

fn verify(app: &Hanko, token: &str) -> Option<Authenticated> {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&[audience(app)]);
    validation.set_issuer(&[app.public_url.as_str()]);
    validation.leeway = 0;
    let data =
        jsonwebtoken::decode::<SessionJwt>(token, app.key.decoding_key(), &validation).ok()?;
    let session_id = Uuid::parse_str(&data.claims.session_id).ok()?;
    let store = app.store();
    let session = store.sessions.get(&session_id)?;
    if session.expires_at < Utc::now() || !store.users.contains_key(&session.user_id) {
        return None;
    }
    Some(Authenticated {
        claims: data.claims,
        session_id,
    })
}

/// `Authorization: Bearer` first, then the `hanko` cookie (like Hanko's extractor list).
fn authenticate(app: &Hanko, headers: &HeaderMap) -> Option<Authenticated> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(|v| v.trim().to_string());
    let cookie = read_cookie(headers, SESSION_COOKIE);
    [bearer, cookie]
        .into_iter()
        .flatten()
        .find_map(|token| verify(app, &token))
}

fn validation_body(auth: Option<Authenticated>) -> Json<Value> {
    Json(match auth {
        Some(auth) => json!({
            "is_valid": true,
            "claims": claims_dto(&auth.claims),
            "expiration_time": rfc3339(auth.claims.exp),
            "user_id": auth.claims.sub,
        }),
        None => json!({"is_valid": false}),
    })
}

/// Hanko's non-flow error body `{code, message}`.
pub fn http_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({"code": status.as_u16(), "message": message})),
    )
        .into_response()
}

/// `GET /sessions/validate`.
pub async fn validate_get(State(app): State<Arc<Hanko>>, headers: HeaderMap) -> Json<Value> {
    validation_body(authenticate(&app, &headers))
}

#[derive(Deserialize)]
struct ValidateRequest {
    session_token: String,
}

/// `POST /sessions/validate` with `{"session_token": "<jwt>"}`.
pub async fn validate_post(
    State(app): State<Arc<Hanko>>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let Ok(body) = body else {
        return http_error(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large");
    };
    match serde_json::from_slice::<ValidateRequest>(&body) {
        Ok(req) if !req.session_token.is_empty() => {
            validation_body(verify(&app, &req.session_token)).into_response()
        }
        _ => http_error(StatusCode::BAD_REQUEST, "session_token is a required field"),
    }
}

/// `GET /me`.
pub async fn me(State(app): State<Arc<Hanko>>, headers: HeaderMap) -> Response {
    let Some(auth) = authenticate(&app, &headers) else {
        return http_error(StatusCode::UNAUTHORIZED, "Unauthorized");
    };
    let store = app.store();
    let user = Uuid::parse_str(&auth.claims.sub)
        .ok()
        .and_then(|id| store.users.get(&id));
    match user {
        Some(user) => Json(profile(&app, user)).into_response(),
        None => http_error(StatusCode::NOT_FOUND, "Not Found"),
    }
}

/// `GET /users/{id}` (what the SDK's deprecated `getUser()` reads after `/me`): Hanko's
/// `GetUserResponse`, the profile with `email` and `username` as plain strings and the deprecated
/// `webauthn_credentials`. Only the session's own user: 403 for anyone else.
pub async fn user(
    State(app): State<Arc<Hanko>>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Response {
    let Some(auth) = authenticate(&app, &headers) else {
        return http_error(StatusCode::UNAUTHORIZED, "Unauthorized");
    };
    if auth.claims.sub != id {
        return http_error(StatusCode::FORBIDDEN, "Forbidden");
    }
    let store = app.store();
    let Some(user) = Uuid::parse_str(&id)
        .ok()
        .and_then(|id| store.users.get(&id))
    else {
        return http_error(StatusCode::NOT_FOUND, "Not Found");
    };
    let mut body = profile(&app, user);
    body["webauthn_credentials"] = user
        .webauthn_credentials
        .iter()
        .map(|c| json!({"id": c.credential.cred_id, "created_at": time(c.created_at)}))
        .collect::<Vec<_>>()
        .into();
    match &user.username {
        Some(username) => body["username"] = Value::from(username.clone()),
        None => {
            if let Some(map) = body.as_object_mut() {
                map.remove("username");
            }
        }
    }
    if let Some(primary) = user
        .emails
        .iter()
        .find(|e| Some(e.id) == user.primary_email_id)
    {
        body["email"] = Value::from(primary.address.clone());
    }
    Json(body).into_response()
}

/// `POST /logout`: deletes the session, sends a delete-cookie, 204.
pub async fn logout(State(app): State<Arc<Hanko>>, headers: HeaderMap) -> Response {
    let Some(auth) = authenticate(&app, &headers) else {
        return http_error(StatusCode::UNAUTHORIZED, "Unauthorized");
    };
    app.store().sessions.remove(&auth.session_id);
    tracing::info!(session = %auth.session_id, "logged out");
    (
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, app.delete_session_cookie())],
    )
        .into_response()
}

/// `GET /.well-known/jwks.json`.
pub async fn jwks(State(app): State<Arc<Hanko>>) -> Response {
    (
        [(header::CACHE_CONTROL, "max-age=600")],
        Json(json!({"keys": [app.key.public_jwk(true)]})),
    )
        .into_response()
}
