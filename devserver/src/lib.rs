//! A local Hanko backend for development and tests.
//!
//! One process, two listeners:
//! - the **Hanko side** speaks Hanko's Flow API (`POST /login`, `POST /registration`) with every state Hanko
//!   can schedule for first-party (passcode, password, passkey, MFA) and third-party sign-in and sign-up
//!   (switches in [`Config`] named after Hanko's config keys),
//!   handles `/thirdparty/callback`, and serves `/sessions/validate`, `/me`, `/logout`,
//!   `/.well-known/jwks.json` and `/outbox` (the passcodes it would have emailed);
//! - the **Microsoft side** simulates the Microsoft identity platform (authorize page with one button per
//!   account or outcome, token endpoint, JWKS), on its own origin.
//!
//! The Hanko side redeems codes and fetches keys from the Microsoft side over real HTTP, and all tokens are
//! real RS256 JWTs signed with keys generated at start.
//!
//! ```no_run
//! # async fn demo() -> Result<(), hanko_devserver::Error> {
//! let running = hanko_devserver::spawn(hanko_devserver::Config::for_tests()).await?;
//! println!("Hanko API at {}", running.hanko_url());
//! running.shutdown().await;
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

pub mod config;
pub mod glob;
mod hanko;
mod keys;
pub mod microsoft;
mod oauth_state;
mod random;
mod ratelimit;
pub mod redirect;
pub mod seed;
mod store;
mod thirdparty_error;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::serve::ListenerExt as _;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::{
    Acquire, Cli, Config, DeviceTrustPolicy, EmailConfig, MfaConfig, PasskeyConfig, PasswordConfig,
    PrivacyConfig, Provider, SameSite, SessionMode, UnverifiedEmail, UsernameConfig,
    WebauthnConfig,
};
pub use store::EXISTING_USER_EMAIL;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A listener could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
    /// The configuration is unusable.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// Key generation failed.
    #[error("key generation failed: {0}")]
    Keys(String),
}

/// A running dev server. Drop it or call [`Running::shutdown`] to stop it.
pub struct Running {
    hanko_url: String,
    microsoft_url: String,
    hanko_addr: SocketAddr,
    microsoft_addr: SocketAddr,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    /// Public URL of the Hanko side (the API base for the element), e.g. `http://127.0.0.1:8000`.
    pub fn hanko_url(&self) -> String {
        self.hanko_url.clone()
    }

    /// Base URL of the Microsoft side, e.g. `http://127.0.0.1:8001`.
    pub fn microsoft_url(&self) -> String {
        self.microsoft_url.clone()
    }

    /// The address the Hanko side is bound to.
    pub fn hanko_addr(&self) -> SocketAddr {
        self.hanko_addr
    }

    /// The address the Microsoft side is bound to.
    pub fn microsoft_addr(&self) -> SocketAddr {
        self.microsoft_addr
    }

    /// Stops both listeners and waits (at most 2 s) for open connections to finish.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        for task in self.tasks.drain(..) {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(2), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, Error> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind { addr, source })
}

type SharedKey = Arc<keys::SigningKey>;

/// Generates a key pair on a blocking thread; with `shared`, only the first call per `slot` generates.
async fn generate_key(
    shared: bool,
    slot: &'static OnceLock<SharedKey>,
) -> Result<SharedKey, Error> {
    tokio::task::spawn_blocking(move || {
        if !shared {
            return keys::SigningKey::generate().map(Arc::new);
        }
        if let Some(key) = slot.get() {
            return Ok(key.clone());
        }
        let key = Arc::new(keys::SigningKey::generate()?);
        Ok(slot.get_or_init(|| key).clone())
    })
    .await
    .map_err(|e| Error::Keys(e.to_string()))?
}

static SHARED_HANKO_KEY: OnceLock<SharedKey> = OnceLock::new();
static SHARED_MICROSOFT_KEY: OnceLock<SharedKey> = OnceLock::new();

fn serve(
    listener: TcpListener,
    router: axum::Router,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<()> {
    // TCP_NODELAY, as Hanko's own server (Go's net/http) has it: without it, the last small
    // segment of an answer that goes out in several writes can wait for the client's delayed ACK
    // (40 ms on Linux loopback).
    let listener = listener.tap_io(|stream| {
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set");
        }
    });
    tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let result = axum::serve(listener, service)
            .with_graceful_shutdown(async move {
                let _ = stop.wait_for(|stopped| *stopped).await;
            })
            .await;
        if let Err(e) = result {
            tracing::error!(error = %e, "server stopped with an error");
        }
    })
}

/// The WebAuthn relying party: `webauthn.relying_party_id`, its origins on any port, Hanko's 10-minute
/// registration timeout.
fn relying_party(config: &Config) -> Result<webauthn_rs_core::WebauthnCore, Error> {
    let origins = config
        .webauthn
        .relying_party_origins
        .iter()
        .map(|o| {
            url::Url::parse(o).map_err(|e| Error::Config(format!("webauthn origin {o:?}: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(webauthn_rs_core::WebauthnCore::new_unsafe_experts_only(
        &config.service_name,
        &config.webauthn.relying_party_id,
        origins,
        Duration::from_secs(600),
        None,
        Some(true),
    ))
}

/// Starts both sides and returns once they accept connections.
pub async fn spawn(config: Config) -> Result<Running, Error> {
    config.validate()?;
    let mut allowed = config.allowed_redirect_urls.clone();
    if !config.error_redirect_url.is_empty() {
        allowed.push(config.error_redirect_url.clone());
    }
    let allowlist = redirect::Allowlist::new(&allowed).map_err(Error::Config)?;
    let hanko_listener = bind(config.hanko_listen).await?;
    let microsoft_listener = bind(config.microsoft_listen).await?;
    let local = |l: &TcpListener| {
        l.local_addr().map_err(|source| Error::Bind {
            addr: config.hanko_listen,
            source,
        })
    };
    let hanko_addr = local(&hanko_listener)?;
    let microsoft_addr = local(&microsoft_listener)?;
    let hanko_url = config
        .public_url
        .clone()
        .map(|u| u.trim_end_matches('/').to_string())
        .unwrap_or_else(|| format!("http://{hanko_addr}"));
    let microsoft_url = format!("http://{microsoft_addr}");
    let shared = config.share_keys_in_process;
    let (hanko_key, microsoft_key) = tokio::try_join!(
        generate_key(shared, &SHARED_HANKO_KEY),
        generate_key(shared, &SHARED_MICROSOFT_KEY)
    )?;
    let issuer_pattern = regex::Regex::new(&format!(
        "^https?://{}/([^/]+)/v2[.]0/?$",
        regex::escape(&microsoft_addr.to_string())
    ))
    .map_err(|e| Error::Config(e.to_string()))?;
    let http = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| Error::Config(e.to_string()))?;
    let (stop, stop_rx) = watch::channel(false);
    let hanko_state = Arc::new(hanko::Hanko {
        public_url: hanko_url.clone(),
        microsoft_url: microsoft_url.clone(),
        key: hanko_key,
        states: oauth_state::StateCipher::generate(),
        allowlist,
        store: Mutex::new({
            let mut store = store::Store::seeded();
            if config.seed_accounts {
                seed::add_accounts(&mut store).map_err(Error::Config)?;
            }
            store
        }),
        limiter: ratelimit::RateLimiter::new(
            config.token_exchange_rate_limit,
            Duration::from_secs(config.token_exchange_rate_interval_secs),
        ),
        passcode_limiter: ratelimit::RateLimiter::new(
            config.passcode_rate_limit,
            Duration::from_secs(config.passcode_rate_interval_secs),
        ),
        password_limiter: ratelimit::RateLimiter::new(
            config.password_rate_limit,
            Duration::from_secs(config.password_rate_interval_secs),
        ),
        otp_limiter: ratelimit::RateLimiter::new(
            config.otp_rate_limit,
            Duration::from_secs(config.otp_rate_interval_secs),
        ),
        webauthn: relying_party(&config)?,
        http,
        issuer_pattern,
        secure_cookies: hanko_url.starts_with("https://"),
        holds: hanko::holds::Holds::new(config.holds.clone(), stop_rx.clone()),
        config: config.clone(),
    });
    let microsoft_state = Arc::new(microsoft::Microsoft {
        base_url: microsoft_url.clone(),
        client_id: config.client_id.clone(),
        client_secret: config.client_secret.clone(),
        redirect_uri: format!("{hanko_url}/thirdparty/callback"),
        key: microsoft_key,
        codes: Mutex::new(Default::default()),
        code_lifetime: Duration::from_secs(config.auth_code_lifetime_secs),
    });
    let tasks = vec![
        serve(hanko_listener, hanko::router(hanko_state), stop_rx.clone()),
        serve(
            microsoft_listener,
            microsoft::router(microsoft_state),
            stop_rx,
        ),
    ];
    tracing::info!(hanko = %hanko_url, hanko_listen = %hanko_addr, microsoft = %microsoft_url, "hanko-devserver listening");
    Ok(Running {
        hanko_url,
        microsoft_url,
        hanko_addr,
        microsoft_addr,
        stop,
        tasks,
    })
}
