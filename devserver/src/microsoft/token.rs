//! `POST /{tenant}/oauth2/v2.0/token`: authorization-code grant for a confidential client with PKCE.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chrono::Utc;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use url::form_urlencoded;
use uuid::Uuid;

use super::accounts::Account;
use super::{tenant_ok, Microsoft};

fn oauth_error(status: StatusCode, error: &str, code: u32, message: String) -> Response {
    let trace = Uuid::new_v4();
    let correlation = Uuid::new_v4();
    let timestamp = Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string();
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({
            "error": error,
            "error_description": format!("{message}\r\nTrace ID: {trace}\r\nCorrelation ID: {correlation}\r\nTimestamp: {timestamp}"),
            "error_codes": [code],
            "timestamp": timestamp,
            "trace_id": trace,
            "correlation_id": correlation,
            "error_uri": format!("https://login.microsoftonline.com/error?code={code}"),
        })),
    )
        .into_response()
}

fn missing(name: &str) -> Response {
    oauth_error(
        StatusCode::BAD_REQUEST,
        "invalid_request",
        900144,
        format!("AADSTS900144: The request body must contain the following parameter: '{name}'."),
    )
}

/// Client credentials from `Authorization: Basic` (URL-encoded parts, RFC 6749 §2.3.1).
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| -> String {
        form_urlencoded::parse(format!("v={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some((unescape(id), unescape(secret)))
}

/// `sub`: stable per account and application, opaque (Microsoft's pairwise subject).
fn subject(client_id: &str, account: &Account) -> String {
    let digest = Sha256::digest(format!("{client_id}:{}", account.oid).as_bytes());
    URL_SAFE_NO_PAD.encode(digest)[..43].to_string()
}

fn id_token_claims(ms: &Microsoft, account: &Account) -> Value {
    let now = Utc::now().timestamp();
    let mut claims = json!({
        "aud": ms.client_id,
        "iss": format!("{}/{}/v2.0", ms.base_url, account.tenant_id),
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "name": account.name,
        "oid": account.oid,
        "sub": subject(&ms.client_id, account),
        "tid": account.tenant_id,
        "uti": crate::random::token_no_pad(16),
        "ver": "2.0",
    });
    if let Some(v) = account.preferred_username {
        claims["preferred_username"] = Value::from(v);
    }
    if let Some(v) = account.upn {
        claims["upn"] = Value::from(v);
    }
    if let Some(v) = account.email {
        claims["email"] = Value::from(v);
    }
    if let Some(v) = account.xms_edov {
        claims["xms_edov"] = Value::from(v);
    }
    claims
}

/// `POST /{tenant}/oauth2/v2.0/token`.
pub async fn token(
    State(ms): State<Arc<Microsoft>>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if !tenant_ok(&tenant) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            90002,
            format!("AADSTS90002: Tenant '{tenant}' not found."),
        );
    }
    let form: HashMap<String, String> = match body {
        Ok(body) => form_urlencoded::parse(&body).into_owned().collect(),
        Err(_) => return missing("grant_type"),
    };
    let get = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let (client_id, secret) = match basic_credentials(&headers) {
        Some((id, secret)) => (Some(id), Some(secret)),
        None => (
            get("client_id").map(str::to_string),
            get("client_secret").map(str::to_string),
        ),
    };
    let Some(client_id) = client_id else {
        return missing("client_id");
    };
    if client_id != ms.client_id {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
            format!("AADSTS700016: Application with identifier '{client_id}' was not found in the directory 'Microsoft Accounts'."),
        );
    }
    let Some(secret) = secret else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000218,
            "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.".into(),
        );
    };
    if !crate::random::constant_time_eq(&secret, &ms.client_secret) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000215,
            format!("AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client_id}'."),
        );
    }
    match get("grant_type") {
        None => return missing("grant_type"),
        Some("authorization_code") => {}
        Some(other) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                70003,
                format!("AADSTS70003: The app requested an unsupported grant type '{other}'."),
            )
        }
    }
    let Some(code) = get("code") else {
        return missing("code");
    };
    let Some(redirect_uri) = get("redirect_uri") else {
        return missing("redirect_uri");
    };
    let issued = {
        let mut codes = ms.codes();
        let Some(issued) = codes.get_mut(code) else {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                70000,
                "AADSTS70000: The provided value for the 'code' parameter is not valid.".into(),
            );
        };
        if issued.redeemed {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                54005,
                "AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.".into(),
            );
        }
        if Instant::now() > issued.expires_at {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                70008,
                "AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.".into(),
            );
        }
        issued.redeemed = true;
        issued.clone()
    };
    if redirect_uri != issued.redirect_uri {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            500112,
            format!("AADSTS500112: The reply address '{redirect_uri}' does not match the reply address '{}' provided when requesting Authorization code.", issued.redirect_uri),
        );
    }
    if let Some(challenge) = &issued.code_challenge {
        let Some(verifier) = get("code_verifier") else {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                501481,
                "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.".into(),
            );
        };
        if !crate::random::constant_time_eq(&crate::random::s256_challenge(verifier), challenge) {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                501481,
                "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.".into(),
            );
        }
    }
    let openid = issued.scope.split_whitespace().any(|s| s == "openid");
    let mut body = json!({
        "token_type": "Bearer",
        "scope": issued.scope,
        "expires_in": 3600,
        "ext_expires_in": 3600,
        "access_token": crate::random::token_no_pad(96),
    });
    if openid {
        match ms.key.sign(&id_token_claims(&ms, issued.account)) {
            Ok(id_token) => body["id_token"] = Value::from(id_token),
            Err(e) => {
                tracing::error!(error = %e, "microsoft: could not sign id token");
                return oauth_error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "server_error",
                    50000,
                    "AADSTS50000: There was an error issuing a token.".into(),
                );
            }
        }
    }
    tracing::info!(account = issued.account.id, "microsoft: code redeemed");
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::PRAGMA, "no-cache"),
        ],
        Json(body),
    )
        .into_response()
}
