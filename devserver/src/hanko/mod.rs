//! The Hanko side: Flow API, third-party callback, session endpoints, JWKS, CORS.

mod actions;
mod assertion;
mod callback;
mod device_trust;
mod flow;
mod flow_types;
pub mod holds;
mod login;
mod mfa;
mod mfa_usage;
mod passcode;
mod passkeys;
mod registration;
mod schedule;
mod session;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::config::{Config, SessionMode};
use crate::keys::SigningKey;
use crate::oauth_state::StateCipher;
use crate::ratelimit::RateLimiter;
use crate::redirect::Allowlist;
use crate::store::Store;

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "hanko";

/// Name of the OAuth state cookie.
pub const STATE_COOKIE: &str = "hanko_thirdparty_state";

/// Shared state of the Hanko side.
pub struct Hanko {
    /// Effective configuration.
    pub config: Config,
    /// Public URL (no trailing `/`).
    pub public_url: String,
    /// Base URL of the Microsoft side, as this process reaches it.
    pub microsoft_url: String,
    /// Session-JWT signing key.
    pub key: Arc<SigningKey>,
    /// OAuth state cipher.
    pub states: StateCipher,
    /// Redirect allowlist (allowed URLs + error redirect URL).
    pub allowlist: Allowlist,
    /// Users, sessions, tokens, flows.
    pub store: Mutex<Store>,
    /// Token-exchange limiter.
    pub limiter: RateLimiter,
    /// Passcode limiter, by client IP and address.
    pub passcode_limiter: RateLimiter<(std::net::IpAddr, String)>,
    /// Password-login limiter, by client IP and identifier.
    pub password_limiter: RateLimiter<(std::net::IpAddr, String)>,
    /// OTP-login limiter, by client IP and user.
    pub otp_limiter: RateLimiter<(std::net::IpAddr, uuid::Uuid)>,
    /// WebAuthn relying party.
    pub webauthn: webauthn_rs_core::WebauthnCore,
    /// HTTP client for code redemption and JWKS.
    pub http: reqwest::Client,
    /// Issuer check for Microsoft ID tokens.
    pub issuer_pattern: regex::Regex,
    /// Whether cookies get `Secure` (public URL is https).
    pub secure_cookies: bool,
    /// Test aid `holds`: the requests held until a test releases them.
    pub holds: holds::Holds,
}

impl Hanko {
    /// Locks the store (a poisoned lock is still usable: every mutation is small and complete).
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `Set-Cookie` value for the session cookie.
    pub fn session_cookie(&self, jwt: &str) -> String {
        let mut cookie = format!(
            "{SESSION_COOKIE}={jwt}; Path=/; Max-Age={}; HttpOnly; SameSite={}",
            self.config.session_lifetime_secs,
            self.config.cookie_same_site.as_str()
        );
        if self.secure_cookies {
            cookie.push_str("; Secure");
        }
        cookie
    }

    /// `Set-Cookie` value that deletes the session cookie.
    pub fn delete_session_cookie(&self) -> String {
        let mut cookie = format!(
            "{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite={}",
            self.config.cookie_same_site.as_str()
        );
        if self.secure_cookies {
            cookie.push_str("; Secure");
        }
        cookie
    }

    /// `Set-Cookie` value for the OAuth state cookie (Hanko: `Secure; SameSite=None`; over http: `Lax`, no `Secure`).
    pub fn state_cookie(&self, state: &str) -> String {
        let tail = if self.secure_cookies {
            "; Secure; SameSite=None"
        } else {
            "; SameSite=Lax"
        };
        format!(
            "{STATE_COOKIE}={state}; Path=/; Max-Age={}; HttpOnly{tail}",
            self.config.state_lifetime_secs
        )
    }

    /// `Set-Cookie` value that clears the OAuth state cookie.
    pub fn clear_state_cookie(&self) -> String {
        let secure = if self.secure_cookies { "; Secure" } else { "" };
        format!("{STATE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}")
    }
}

/// Reads a cookie from the request's `Cookie` headers.
pub fn read_cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

fn origin_allowed(config: &Config, origin: &HeaderValue) -> bool {
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if !config.cors_origins.is_empty() {
        return config.cors_origins.iter().any(|o| o == origin);
    }
    ["http://127.0.0.1", "http://localhost"]
        .iter()
        .any(|base| match origin.strip_prefix(base) {
            Some("") => true,
            Some(rest) => rest
                .strip_prefix(':')
                .is_some_and(|port| !port.is_empty() && port.parse::<u16>().is_ok()),
            None => false,
        })
}

fn cors_layer(config: &Config) -> CorsLayer {
    let mut exposed = vec![
        HeaderName::from_static("x-session-lifetime"),
        HeaderName::from_static("x-session-retention"),
        header::RETRY_AFTER,
        HeaderName::from_static("x-ratelimit-limit"),
        HeaderName::from_static("x-ratelimit-remaining"),
        HeaderName::from_static("x-ratelimit-reset"),
    ];
    if config.session_mode == SessionMode::Header {
        exposed.push(HeaderName::from_static("x-auth-token"));
    }
    let cors_config = config.clone();
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| {
            origin_allowed(&cors_config, origin)
        }))
        .allow_credentials(true)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::AUTHORIZATION,
            HeaderName::from_static("x-language"),
        ])
        .expose_headers(exposed)
        .max_age(Duration::from_secs(7200))
}

/// The Hanko router.
pub fn router(state: Arc<Hanko>) -> Router {
    let cors = cors_layer(&state.config);
    let mut router = Router::new()
        .route(
            "/",
            get(|| async { axum::Json(serde_json::json!({"status": "ok"})) }),
        )
        .route("/login", post(flow::login))
        .route("/registration", post(flow::registration))
        .route(
            "/thirdparty/callback",
            get(callback::callback_get).post(callback::callback_post),
        )
        .route(
            "/sessions/validate",
            get(session::validate_get).post(session::validate_post),
        )
        .route("/me", get(session::me))
        .route("/users/{id}", get(session::user))
        .route("/logout", post(session::logout))
        .route("/.well-known/jwks.json", get(session::jwks))
        .route("/outbox", get(passcode::outbox))
        .route("/outbox.json", get(passcode::outbox_json));
    if state.holds.is_active() {
        router = router
            .route(holds::LIST_PATH, get(holds::list))
            .route(holds::RELEASE_PATH, post(holds::release));
    }
    router
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            unavailable,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            holds::hold,
        ))
        .layer(cors)
        .with_state(state)
}

/// Test aid `unavailable_paths`: 503 for the configured paths, before any handler runs.
async fn unavailable(
    axum::extract::State(app): axum::extract::State<Arc<Hanko>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path();
    if app.config.unavailable_paths.iter().any(|p| p == path) {
        tracing::info!(path, "answering 503 (test aid unavailable_paths)");
        return session::http_error(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "Service Unavailable",
        );
    }
    next.run(request).await
}
