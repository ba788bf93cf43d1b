//! The simulated Microsoft identity platform (v2.0 endpoints): authorize page, token endpoint, JWKS, discovery.

pub mod accounts;
mod authorize;
mod page;
mod token;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use crate::keys::SigningKey;
use accounts::Account;

/// An issued authorization code.
#[derive(Debug, Clone)]
pub struct AuthCode {
    /// The account chosen.
    pub account: &'static Account,
    /// `redirect_uri` of the authorize request (the token request must repeat it).
    pub redirect_uri: String,
    /// PKCE S256 challenge, if the request had one.
    pub code_challenge: Option<String>,
    /// Granted scope.
    pub scope: String,
    /// Expiry.
    pub expires_at: Instant,
    /// Already redeemed (codes are single use).
    pub redeemed: bool,
}

/// Shared state of the Microsoft side.
pub struct Microsoft {
    /// Base URL, e.g. `http://127.0.0.1:8001`.
    pub base_url: String,
    /// Registered client id.
    pub client_id: String,
    /// Registered client secret.
    pub client_secret: String,
    /// The one registered redirect URI (`<hanko public url>/thirdparty/callback`).
    pub redirect_uri: String,
    /// ID-token signing key.
    pub key: Arc<SigningKey>,
    /// Codes by value.
    pub codes: Mutex<HashMap<String, AuthCode>>,
    /// Code lifetime.
    pub code_lifetime: Duration,
}

impl Microsoft {
    fn codes(&self) -> MutexGuard<'_, HashMap<String, AuthCode>> {
        self.codes.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Microsoft's tenant path segment: `common`, `organizations`, `consumers` or a GUID.
fn tenant_ok(tenant: &str) -> bool {
    matches!(tenant, "common" | "organizations" | "consumers") || Uuid::parse_str(tenant).is_ok()
}

/// `<message>\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …`, like Microsoft's descriptions.
pub fn describe(message: &str) -> String {
    format!(
        "{message}\r\nTrace ID: {}\r\nCorrelation ID: {}\r\nTimestamp: {}",
        Uuid::new_v4(),
        Uuid::new_v4(),
        Utc::now().format("%Y-%m-%d %H:%M:%SZ")
    )
}

/// `/{tenant}/discovery/v2.0/keys`: keys without `alg`, like Microsoft.
async fn keys(State(ms): State<Arc<Microsoft>>, Path(tenant): Path<String>) -> Response {
    if !tenant_ok(&tenant) {
        return page::tenant_not_found(&tenant);
    }
    let mut jwk = ms.key.public_jwk(false);
    jwk["x5t"] = jwk["kid"].clone();
    (
        [(header::CACHE_CONTROL, "max-age=86400")],
        Json(json!({ "keys": [jwk] })),
    )
        .into_response()
}

/// `/{tenant}/v2.0/.well-known/openid-configuration`.
async fn discovery(State(ms): State<Arc<Microsoft>>, Path(tenant): Path<String>) -> Response {
    if !tenant_ok(&tenant) {
        return page::tenant_not_found(&tenant);
    }
    let base = &ms.base_url;
    Json(json!({
        "issuer": format!("{base}/{{tenantid}}/v2.0"),
        "authorization_endpoint": format!("{base}/{tenant}/oauth2/v2.0/authorize"),
        "token_endpoint": format!("{base}/{tenant}/oauth2/v2.0/token"),
        "jwks_uri": format!("{base}/{tenant}/discovery/v2.0/keys"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
    }))
    .into_response()
}

/// The Microsoft router.
pub fn router(state: Arc<Microsoft>) -> Router {
    Router::new()
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::show).post(authorize::choose),
        )
        .route(
            "/{tenant}/oauth2/v2.0/token",
            axum::routing::post(token::token),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(keys))
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(discovery),
        )
        .layer(DefaultBodyLimit::max(crate::hanko::BODY_LIMIT))
        .with_state(state)
}
