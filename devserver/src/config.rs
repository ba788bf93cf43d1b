//! Configuration: the [`Config`] struct (library users), the [`Cli`] flags (binary users) and the optional TOML file.
//!
//! Precedence for the binary: built-in defaults, then the TOML file given with `--config`, then flags.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::Error;

/// How the session token reaches the client after `success`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum SessionMode {
    /// `Set-Cookie: hanko=<jwt>` (Hanko's `session.enable_auth_token_header: false`).
    Cookie,
    /// `X-Auth-Token: <jwt>` (Hanko's `session.enable_auth_token_header: true`).
    Header,
}

/// `SameSite` attribute of the `hanko` session cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum SameSite {
    /// `SameSite=Lax` (dev-server default; Hanko's own default is `strict`).
    Lax,
    /// `SameSite=Strict`.
    Strict,
    /// `SameSite=None` (browsers require `Secure`, i.e. an https public URL).
    None,
}

impl SameSite {
    /// The attribute value as written in `Set-Cookie`.
    pub fn as_str(self) -> &'static str {
        match self {
            SameSite::Lax => "Lax",
            SameSite::Strict => "Strict",
            SameSite::None => "None",
        }
    }
}

/// What the callback does with a provider email that is not verified (Microsoft: `email` with
/// `xms_edov` false), when [`EmailConfig::require_verification`] is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum UnverifiedEmail {
    /// Hanko's Flow API path: the callback accepts the account and `exchange_token` asks for a
    /// passcode (`passcode_confirmation`).
    #[default]
    Verify,
    /// Hanko's non-flow (REST) path: the callback redirects with `?error=unverified_email`
    /// ("third party provider email must be verified") before any user is created or linked.
    Reject,
}

/// A third-party provider the Hanko side can offer in `thirdparty_oauth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Microsoft (simulated by this process's Microsoft side).
    Microsoft,
}

impl Provider {
    /// Hanko's provider id (`allowed_values[].value`).
    pub fn id(self) -> &'static str {
        match self {
            Provider::Microsoft => "microsoft",
        }
    }

    /// Hanko's display name (`allowed_values[].name`).
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::Microsoft => "Microsoft",
        }
    }

    /// Case-insensitive lookup by id, like Hanko's `GetProvider`.
    pub fn from_id(id: &str) -> Option<Provider> {
        if id.eq_ignore_ascii_case("microsoft") {
            Some(Provider::Microsoft)
        } else {
            None
        }
    }
}

/// Everything the dev server can be told. `Default` gives the demo defaults.
///
/// ```
/// let mut config = hanko_devserver::Config::for_tests();
/// config.allow_signup = false;
/// assert_eq!(config.hanko_listen.port(), 0);
/// ```
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Listen address of the Hanko side.
    pub hanko_listen: SocketAddr,
    /// Listen address of the simulated Microsoft identity platform.
    pub microsoft_listen: SocketAddr,
    /// Public URL of the Hanko side (no trailing `/`), e.g. `http://127.0.0.1:8080/api` behind a proxy.
    /// `None`: `http://<actual bound address>`.
    pub public_url: Option<String>,
    /// Redirect allowlist (Hanko's `third_party.allowed_redirect_urls`, gobwas globs, no trailing `/`).
    pub allowed_redirect_urls: Vec<String>,
    /// Where callback failures go before the OAuth state is known (`third_party.error_redirect_url`).
    pub error_redirect_url: String,
    /// Enabled third-party providers, in the order they are offered.
    pub providers: Vec<Provider>,
    /// Cookie or header session mode.
    pub session_mode: SessionMode,
    /// `SameSite` of the session cookie.
    pub cookie_same_site: SameSite,
    /// Session lifetime in seconds (`X-Session-Lifetime`, cookie `Max-Age`, JWT `exp`).
    pub session_lifetime_secs: u64,
    /// `account.allow_signup`: whether an unknown Microsoft account creates a user.
    pub allow_signup: bool,
    /// Microsoft provider `allow_linking`: whether a Microsoft account may attach to an existing user with the same email.
    pub allow_linking: bool,
    /// Unverified provider emails (with [`EmailConfig::require_verification`]): `Verify` (Hanko's
    /// flow path, passcode) or `Reject` (Hanko's REST path, `?error=unverified_email`).
    pub unverified_email: UnverifiedEmail,
    /// `email.limit`: maximum number of email addresses per user.
    pub email_limit: usize,
    /// Allowed CORS origins (exact match). Empty: any `http://127.0.0.1:<port>` or `http://localhost:<port>`.
    pub cors_origins: Vec<String>,
    /// Token-exchange rate limit: requests per interval and client IP; `0` turns the limiter off.
    pub token_exchange_rate_limit: u32,
    /// Token-exchange rate-limit interval in seconds.
    pub token_exchange_rate_interval_secs: u64,
    /// OAuth client id registered at the simulated Microsoft side.
    pub client_id: String,
    /// OAuth client secret registered at the simulated Microsoft side.
    pub client_secret: String,
    /// Test aid: a fixed passcode sent instead of a random one (`None`: 6 random digits per send).
    pub passcode: Option<String>,
    /// Passcodes sent per interval, email address and client IP (Hanko's `rate_limiter.passcode_limits`);
    /// `0` turns the limit off.
    pub passcode_rate_limit: u32,
    /// Passcode rate-limit interval in seconds.
    pub passcode_rate_interval_secs: u64,
    /// Wrong `verify_passcode` attempts allowed per code (Hanko: 3).
    pub passcode_max_attempts: u32,
    /// Test aid (not Hanko's behaviour): let a Microsoft account without any email through the callback,
    /// so that `onboarding_email` follows the token exchange. Off: the callback fails with
    /// `invalid_request` like Hanko.
    pub accept_account_without_email: bool,
    /// Test aid: insert a state unknown to every client, `favourite_colour`, before `success`.
    pub custom_state: bool,
    /// Test aid: Hanko API paths (e.g. `/logout`) answered with 503 `{"code": 503, "message":
    /// "Service Unavailable"}`, as an overloaded Hanko or its proxy would.
    #[serde(default)]
    pub unavailable_paths: Vec<String>,
    /// Test aid: hold names (a Flow API action's name such as `exchange_token`, or the path of a
    /// request that runs no action, such as `/login`); such a request waits, before any handler
    /// runs, until `POST /holds/release`. `GET /holds` lists the waiting requests.
    #[serde(default)]
    pub holds: Vec<String>,
    /// `service.name`: TOTP issuer and WebAuthn relying-party name.
    pub service_name: String,
    /// `email.*`.
    pub email: EmailConfig,
    /// `username.*`.
    pub username: UsernameConfig,
    /// `password.*`.
    pub password: PasswordConfig,
    /// `passkey.*`.
    pub passkey: PasskeyConfig,
    /// `mfa.*`.
    pub mfa: MfaConfig,
    /// `webauthn.*`.
    pub webauthn: WebauthnConfig,
    /// `privacy.*`.
    pub privacy: PrivacyConfig,
    /// `password_login` attempts per interval, client IP and identifier (Hanko's
    /// `rate_limiter.password_limits`); `0` turns the limit off.
    pub password_rate_limit: u32,
    /// Password rate-limit interval in seconds.
    pub password_rate_interval_secs: u64,
    /// `otp_code_validate` attempts per interval, client IP and user (Hanko's `rate_limiter.otp_limits`);
    /// `0` turns the limit off.
    pub otp_rate_limit: u32,
    /// OTP rate-limit interval in seconds.
    pub otp_rate_interval_secs: u64,
    /// Test aid: create the seeded first-party accounts of [`crate::seed`] at start.
    pub seed_accounts: bool,
    /// Flow lifetime in seconds (Hanko: 24 h).
    pub flow_lifetime_secs: u64,
    /// OAuth `state` lifetime in seconds (Hanko: 5 min).
    pub state_lifetime_secs: u64,
    /// One-time `hanko_token` lifetime in seconds (Hanko: 1 min).
    pub hanko_token_lifetime_secs: u64,
    /// Microsoft authorization-code lifetime in seconds (Microsoft: 10 min).
    pub auth_code_lifetime_secs: u64,
    /// Generate the two RSA key pairs once per process and share them between all servers spawned in it
    /// (tests spawn many servers; generation costs ~0.5 s in debug builds). `false`: fresh keys per spawn.
    pub share_keys_in_process: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            hanko_listen: SocketAddr::from(([127, 0, 0, 1], 8000)),
            microsoft_listen: SocketAddr::from(([127, 0, 0, 1], 8001)),
            public_url: None,
            allowed_redirect_urls: vec!["http://127.0.0.1**".into(), "http://localhost**".into()],
            error_redirect_url: "http://127.0.0.1:8080".into(),
            providers: vec![Provider::Microsoft],
            session_mode: SessionMode::Cookie,
            cookie_same_site: SameSite::Lax,
            session_lifetime_secs: 43_200,
            allow_signup: true,
            allow_linking: true,
            unverified_email: UnverifiedEmail::Verify,
            email_limit: 5,
            cors_origins: Vec::new(),
            token_exchange_rate_limit: 0,
            token_exchange_rate_interval_secs: 60,
            client_id: "8c5b5f3e-2d7a-4f0e-9b1c-6a4d3e2f1a0b".into(),
            client_secret: "dev-client-secret-not-for-production".into(),
            passcode: None,
            passcode_rate_limit: 3,
            passcode_rate_interval_secs: 60,
            passcode_max_attempts: 3,
            accept_account_without_email: false,
            custom_state: false,
            unavailable_paths: Vec::new(),
            holds: Vec::new(),
            service_name: "Hanko Dev Server".into(),
            email: EmailConfig::default(),
            username: UsernameConfig::default(),
            password: PasswordConfig::default(),
            passkey: PasskeyConfig::default(),
            mfa: MfaConfig::default(),
            webauthn: WebauthnConfig::default(),
            privacy: PrivacyConfig::default(),
            password_rate_limit: 5,
            password_rate_interval_secs: 60,
            otp_rate_limit: 3,
            otp_rate_interval_secs: 60,
            seed_accounts: true,
            flow_lifetime_secs: 86_400,
            state_lifetime_secs: 300,
            hanko_token_lifetime_secs: 60,
            auth_code_lifetime_secs: 600,
            share_keys_in_process: false,
        }
    }
}

impl Config {
    /// Demo defaults, but both listeners on `127.0.0.1:0` (the OS picks free ports) and key pairs shared by all
    /// servers of the process ([`Config::share_keys_in_process`]).
    pub fn for_tests() -> Config {
        Config {
            hanko_listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            microsoft_listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            share_keys_in_process: true,
            ..Config::default()
        }
    }

    /// Checks values that cannot work, e.g. an allowlist entry ending in `/`.
    pub fn validate(&self) -> Result<(), Error> {
        for pattern in &self.allowed_redirect_urls {
            if pattern.ends_with('/') {
                return Err(Error::Config(format!(
                    "allowed redirect URL {pattern:?} must not end with '/'"
                )));
            }
        }
        if let Some(url) = &self.public_url {
            let parsed = url::Url::parse(url)
                .map_err(|e| Error::Config(format!("public URL {url:?}: {e}")))?;
            if parsed.scheme() != "http" && parsed.scheme() != "https" {
                return Err(Error::Config(format!("public URL {url:?} must be http(s)")));
            }
        }
        if let Some(code) = &self.passcode {
            if code.is_empty() || code.len() > 64 {
                return Err(Error::Config(
                    "a fixed passcode must have 1 to 64 characters".into(),
                ));
            }
        }
        if self.passcode_rate_limit > 0 && self.passcode_rate_interval_secs == 0 {
            return Err(Error::Config(
                "passcode rate interval must be at least 1 second".into(),
            ));
        }
        if self.username.min_length == 0 || self.username.min_length > self.username.max_length {
            return Err(Error::Config(
                "username.min_length must be between 1 and username.max_length".into(),
            ));
        }
        if self.password.min_length == 0 || self.password.min_length > 72 {
            return Err(Error::Config(
                "password.min_length must be between 1 and 72".into(),
            ));
        }
        if self.webauthn.relying_party_id.is_empty() {
            return Err(Error::Config(
                "webauthn.relying_party_id must not be empty".into(),
            ));
        }
        for origin in &self.webauthn.relying_party_origins {
            url::Url::parse(origin)
                .map_err(|e| Error::Config(format!("webauthn origin {origin:?}: {e}")))?;
        }
        if (self.password_rate_limit > 0 && self.password_rate_interval_secs == 0)
            || (self.otp_rate_limit > 0 && self.otp_rate_interval_secs == 0)
        {
            return Err(Error::Config(
                "password and OTP rate intervals must be at least 1 second".into(),
            ));
        }
        if self.token_exchange_rate_limit > 0 && self.token_exchange_rate_interval_secs == 0 {
            return Err(Error::Config(
                "token exchange rate interval must be at least 1 second".into(),
            ));
        }
        for name in &self.holds {
            if name.is_empty() || name.chars().any(char::is_whitespace) {
                return Err(Error::Config(format!(
                    "hold {name:?} must be an action name or a path, without spaces"
                )));
            }
            if [
                crate::hanko::holds::LIST_PATH,
                crate::hanko::holds::RELEASE_PATH,
            ]
            .contains(&name.as_str())
            {
                return Err(Error::Config(format!(
                    "hold {name:?}: the hold control endpoints are never held"
                )));
            }
        }
        Ok(())
    }
}

/// When a credential is asked for (`passkey.acquire_on_*`, `password.acquire_on_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Acquire {
    /// Always ask (skippable if the credential is optional).
    Always,
    /// Ask unless the user sets up the other credential (a chooser when both are conditional).
    Conditional,
    /// Never ask.
    Never,
}

/// `[email]`: Hanko's `email.*` keys.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmailConfig {
    /// `email.enabled`.
    pub enabled: bool,
    /// `email.optional`: `onboarding_email` offers `skip`.
    pub optional: bool,
    /// `email.require_verification`: unverified addresses are confirmed with a passcode.
    pub require_verification: bool,
    /// `email.acquire_on_login`: users without email are asked for one after signing in.
    pub acquire_on_login: bool,
    /// `email.acquire_on_registration`: new users without email are asked for one.
    pub acquire_on_registration: bool,
    /// `email.use_as_login_identifier`: `continue_with_login_identifier` takes an email address.
    pub use_as_login_identifier: bool,
    /// `email.use_for_authentication`: sign-in with a passcode sent by email.
    pub use_for_authentication: bool,
}

impl Default for EmailConfig {
    fn default() -> Self {
        EmailConfig {
            enabled: true,
            optional: false,
            require_verification: true,
            acquire_on_login: true,
            acquire_on_registration: true,
            use_as_login_identifier: true,
            use_for_authentication: true,
        }
    }
}

/// `[username]`: Hanko's `username.*` keys.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct UsernameConfig {
    /// `username.enabled`.
    pub enabled: bool,
    /// `username.optional`: `onboarding_username` offers `skip`.
    pub optional: bool,
    /// `username.acquire_on_login`.
    pub acquire_on_login: bool,
    /// `username.acquire_on_registration`.
    pub acquire_on_registration: bool,
    /// `username.min_length`.
    pub min_length: usize,
    /// `username.max_length`.
    pub max_length: usize,
    /// `username.use_as_login_identifier`: `continue_with_login_identifier` takes a username.
    pub use_as_login_identifier: bool,
}

impl Default for UsernameConfig {
    fn default() -> Self {
        UsernameConfig {
            enabled: false,
            optional: true,
            acquire_on_login: true,
            acquire_on_registration: true,
            min_length: 3,
            max_length: 32,
            use_as_login_identifier: true,
        }
    }
}

/// `[password]`: Hanko's `password.*` keys.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PasswordConfig {
    /// `password.enabled`.
    pub enabled: bool,
    /// `password.optional`: `password_creation` offers `skip`.
    pub optional: bool,
    /// `password.acquire_on_login`.
    pub acquire_on_login: Acquire,
    /// `password.acquire_on_registration`.
    pub acquire_on_registration: Acquire,
    /// `password.min_length` (the maximum is bcrypt's 72 bytes).
    pub min_length: usize,
    /// `password.recovery`: `login_password` offers "forgot password" (a recovery passcode).
    pub recovery: bool,
}

impl Default for PasswordConfig {
    fn default() -> Self {
        PasswordConfig {
            enabled: true,
            optional: false,
            acquire_on_login: Acquire::Never,
            acquire_on_registration: Acquire::Always,
            min_length: 8,
            recovery: true,
        }
    }
}

/// `[passkey]`: Hanko's `passkey.*` keys.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PasskeyConfig {
    /// `passkey.enabled`.
    pub enabled: bool,
    /// `passkey.optional`: `onboarding_create_passkey` offers `skip`.
    pub optional: bool,
    /// `passkey.acquire_on_login`.
    pub acquire_on_login: Acquire,
    /// `passkey.acquire_on_registration`.
    pub acquire_on_registration: Acquire,
}

impl Default for PasskeyConfig {
    fn default() -> Self {
        PasskeyConfig {
            enabled: true,
            optional: true,
            acquire_on_login: Acquire::Always,
            acquire_on_registration: Acquire::Always,
        }
    }
}

/// `[mfa.totp]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TotpConfig {
    /// `mfa.totp.enabled`.
    pub enabled: bool,
}

impl Default for TotpConfig {
    fn default() -> Self {
        TotpConfig { enabled: true }
    }
}

/// `[mfa.security_keys]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityKeysConfig {
    /// `mfa.security_keys.enabled`.
    pub enabled: bool,
}

impl Default for SecurityKeysConfig {
    fn default() -> Self {
        SecurityKeysConfig { enabled: true }
    }
}

/// `[mfa]`: Hanko's `mfa.*` keys.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MfaConfig {
    /// `mfa.enabled`.
    pub enabled: bool,
    /// `mfa.optional`: `mfa_method_chooser` offers `skip`.
    pub optional: bool,
    /// `mfa.acquire_on_login`.
    pub acquire_on_login: bool,
    /// `mfa.acquire_on_registration`.
    pub acquire_on_registration: bool,
    /// `mfa.totp`.
    pub totp: TotpConfig,
    /// `mfa.security_keys`.
    pub security_keys: SecurityKeysConfig,
    /// `mfa.device_trust_policy`: whether a device is trusted after MFA (skipping MFA next time).
    pub device_trust_policy: DeviceTrustPolicy,
}

/// `mfa.device_trust_policy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DeviceTrustPolicy {
    /// Ask in the state `device_trust` (Hanko's default).
    #[default]
    Prompt,
    /// Trust every device after MFA without asking.
    Always,
    /// Never trust a device.
    Never,
}

/// `[privacy]`: Hanko's `privacy.*` keys.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivacyConfig {
    /// `privacy.show_account_existence_hints`: an unknown email gives `unknown_email_error`, and
    /// registering a taken email gives `email_already_exists`.
    pub show_account_existence_hints: bool,
    /// `privacy.only_show_actual_login_methods`: login offers only the methods the user has.
    pub only_show_actual_login_methods: bool,
}

impl Default for MfaConfig {
    fn default() -> Self {
        MfaConfig {
            enabled: true,
            optional: true,
            acquire_on_login: false,
            acquire_on_registration: true,
            totp: TotpConfig::default(),
            security_keys: SecurityKeysConfig::default(),
            device_trust_policy: DeviceTrustPolicy::Prompt,
        }
    }
}

/// `[webauthn]`: the relying party (Hanko's `webauthn.relying_party.*`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebauthnConfig {
    /// RP ID: a host name (browsers refuse IP addresses), e.g. `localhost`.
    pub relying_party_id: String,
    /// Allowed page origins; any port of each is accepted.
    pub relying_party_origins: Vec<String>,
}

impl Default for WebauthnConfig {
    fn default() -> Self {
        WebauthnConfig {
            relying_party_id: "localhost".into(),
            relying_party_origins: vec!["http://localhost".into()],
        }
    }
}

/// Command-line flags of `hanko-devserver`. Every flag overrides the TOML file, which overrides the defaults.
#[derive(Debug, clap::Parser)]
#[command(
    name = "hanko-devserver",
    version,
    about = "Local Hanko backend (Flow API) plus a simulated Microsoft identity platform, for development and tests."
)]
pub struct Cli {
    /// TOML file with any of the options below (snake_case keys, e.g. `allow_signup = false`).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Listen address of the Hanko side [default: 127.0.0.1:8000].
    #[arg(long, value_name = "ADDR")]
    pub hanko_listen: Option<SocketAddr>,
    /// Listen address of the simulated Microsoft side [default: 127.0.0.1:8001].
    #[arg(long, value_name = "ADDR")]
    pub microsoft_listen: Option<SocketAddr>,
    /// Public URL of the Hanko side, e.g. http://127.0.0.1:8080/api [default: http://<hanko listen address>].
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Allowed redirect URL glob; repeat for several [default: http://127.0.0.1** and http://localhost**].
    #[arg(long = "allowed-redirect-url", value_name = "GLOB")]
    pub allowed_redirect_urls: Vec<String>,
    /// Error redirect URL for callback failures before the state is known [default: http://127.0.0.1:8080].
    #[arg(long, value_name = "URL")]
    pub error_redirect_url: Option<String>,
    /// Enabled providers, comma-separated; pass an empty string for none [default: microsoft].
    #[arg(long, value_name = "LIST", value_delimiter = ',', num_args = 0..)]
    pub providers: Option<Vec<String>>,
    /// Session mode [default: cookie].
    #[arg(long, value_enum, value_name = "MODE")]
    pub session_mode: Option<SessionMode>,
    /// SameSite of the session cookie [default: lax].
    #[arg(long, value_enum, value_name = "VALUE")]
    pub cookie_same_site: Option<SameSite>,
    /// Session lifetime in seconds [default: 43200].
    #[arg(long, value_name = "SECS")]
    pub session_lifetime_secs: Option<u64>,
    /// Allow sign-up of new users through Microsoft [default: true].
    #[arg(long, value_name = "BOOL")]
    pub allow_signup: Option<bool>,
    /// Allow linking a Microsoft account to an existing user with the same email [default: true].
    #[arg(long, value_name = "BOOL")]
    pub allow_linking: Option<bool>,
    /// email.require_verification: unverified emails must be confirmed with a passcode [default: true].
    #[arg(long, alias = "require-email-verification", value_name = "BOOL")]
    pub email_require_verification: Option<bool>,
    /// email.enabled [default: true].
    #[arg(long, value_name = "BOOL")]
    pub email_enabled: Option<bool>,
    /// email.optional: onboarding_email can be skipped [default: false].
    #[arg(long, value_name = "BOOL")]
    pub email_optional: Option<bool>,
    /// email.acquire_on_login [default: true].
    #[arg(long, value_name = "BOOL")]
    pub email_acquire_on_login: Option<bool>,
    /// email.acquire_on_registration [default: true].
    #[arg(long, value_name = "BOOL")]
    pub email_acquire_on_registration: Option<bool>,
    /// username.enabled [default: false].
    #[arg(long, value_name = "BOOL")]
    pub username_enabled: Option<bool>,
    /// username.optional [default: true].
    #[arg(long, value_name = "BOOL")]
    pub username_optional: Option<bool>,
    /// username.acquire_on_login [default: true].
    #[arg(long, value_name = "BOOL")]
    pub username_acquire_on_login: Option<bool>,
    /// username.acquire_on_registration [default: true].
    #[arg(long, value_name = "BOOL")]
    pub username_acquire_on_registration: Option<bool>,
    /// password.enabled [default: true].
    #[arg(long, value_name = "BOOL")]
    pub password_enabled: Option<bool>,
    /// password.optional [default: false].
    #[arg(long, value_name = "BOOL")]
    pub password_optional: Option<bool>,
    /// password.acquire_on_login [default: never].
    #[arg(long, value_enum, value_name = "WHEN")]
    pub password_acquire_on_login: Option<Acquire>,
    /// password.acquire_on_registration [default: always].
    #[arg(long, value_enum, value_name = "WHEN")]
    pub password_acquire_on_registration: Option<Acquire>,
    /// password.min_length [default: 8].
    #[arg(long, value_name = "N")]
    pub password_min_length: Option<usize>,
    /// passkey.enabled [default: true].
    #[arg(long, value_name = "BOOL")]
    pub passkey_enabled: Option<bool>,
    /// passkey.optional [default: true].
    #[arg(long, value_name = "BOOL")]
    pub passkey_optional: Option<bool>,
    /// passkey.acquire_on_login [default: always].
    #[arg(long, value_enum, value_name = "WHEN")]
    pub passkey_acquire_on_login: Option<Acquire>,
    /// passkey.acquire_on_registration [default: always].
    #[arg(long, value_enum, value_name = "WHEN")]
    pub passkey_acquire_on_registration: Option<Acquire>,
    /// mfa.enabled [default: true].
    #[arg(long, value_name = "BOOL")]
    pub mfa_enabled: Option<bool>,
    /// mfa.optional: mfa_method_chooser can be skipped [default: true].
    #[arg(long, value_name = "BOOL")]
    pub mfa_optional: Option<bool>,
    /// email.use_as_login_identifier [default: true].
    #[arg(long, value_name = "BOOL")]
    pub email_use_as_login_identifier: Option<bool>,
    /// email.use_for_authentication: sign in with an emailed passcode [default: true].
    #[arg(long, value_name = "BOOL")]
    pub email_use_for_authentication: Option<bool>,
    /// username.use_as_login_identifier [default: true].
    #[arg(long, value_name = "BOOL")]
    pub username_use_as_login_identifier: Option<bool>,
    /// password.recovery: "forgot password" on login_password [default: true].
    #[arg(long, value_name = "BOOL")]
    pub password_recovery: Option<bool>,
    /// privacy.show_account_existence_hints [default: false].
    #[arg(long, value_name = "BOOL")]
    pub privacy_show_account_existence_hints: Option<bool>,
    /// privacy.only_show_actual_login_methods [default: false].
    #[arg(long, value_name = "BOOL")]
    pub privacy_only_show_actual_login_methods: Option<bool>,
    /// mfa.device_trust_policy [default: prompt].
    #[arg(long, value_enum, value_name = "POLICY")]
    pub mfa_device_trust_policy: Option<DeviceTrustPolicy>,
    /// password_login attempts per interval, client IP and identifier; 0 = no limit [default: 5].
    #[arg(long, value_name = "N")]
    pub password_rate_limit: Option<u32>,
    /// Password rate-limit interval in seconds [default: 60].
    #[arg(long, value_name = "SECS")]
    pub password_rate_interval_secs: Option<u64>,
    /// otp_code_validate attempts per interval, client IP and user; 0 = no limit [default: 3].
    #[arg(long, value_name = "N")]
    pub otp_rate_limit: Option<u32>,
    /// OTP rate-limit interval in seconds [default: 60].
    #[arg(long, value_name = "SECS")]
    pub otp_rate_interval_secs: Option<u64>,
    /// Test aid: create the seeded first-party accounts (passcode@, password@, totp@,
    /// security-key@, passkey@example.com) [default: true].
    #[arg(long, value_name = "BOOL")]
    pub seed_accounts: Option<bool>,
    /// mfa.acquire_on_login [default: false].
    #[arg(long, value_name = "BOOL")]
    pub mfa_acquire_on_login: Option<bool>,
    /// mfa.acquire_on_registration [default: true].
    #[arg(long, value_name = "BOOL")]
    pub mfa_acquire_on_registration: Option<bool>,
    /// mfa.totp.enabled [default: true].
    #[arg(long, value_name = "BOOL")]
    pub mfa_totp_enabled: Option<bool>,
    /// mfa.security_keys.enabled [default: true].
    #[arg(long, value_name = "BOOL")]
    pub mfa_security_keys_enabled: Option<bool>,
    /// webauthn.relying_party.id [default: localhost].
    #[arg(long, value_name = "HOST")]
    pub webauthn_rp_id: Option<String>,
    /// Allowed WebAuthn origin (any port); repeat for several [default: http://localhost].
    #[arg(long = "webauthn-origin", value_name = "ORIGIN")]
    pub webauthn_origins: Vec<String>,
    /// Unverified provider emails (with email verification required): verify = passcode after
    /// exchange_token (Hanko's Flow API), reject = callback fails with unverified_email (Hanko's
    /// REST path) [default: verify].
    #[arg(long, value_enum, value_name = "MODE")]
    pub unverified_email: Option<UnverifiedEmail>,
    /// Maximum number of email addresses per user [default: 5].
    #[arg(long, value_name = "N")]
    pub email_limit: Option<usize>,
    /// Allowed CORS origin (exact); repeat for several [default: any http://127.0.0.1:<port> / http://localhost:<port>].
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// exchange_token requests allowed per interval and client IP; 0 = no limit [default: 0].
    #[arg(long, value_name = "N")]
    pub token_exchange_rate_limit: Option<u32>,
    /// Rate-limit interval in seconds [default: 60].
    #[arg(long, value_name = "SECS")]
    pub token_exchange_rate_interval_secs: Option<u64>,
    /// OAuth client id at the simulated Microsoft side [default: 8c5b5f3e-2d7a-4f0e-9b1c-6a4d3e2f1a0b].
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// OAuth client secret at the simulated Microsoft side [default: dev-client-secret-not-for-production].
    #[arg(long, value_name = "SECRET")]
    pub client_secret: Option<String>,
    /// Test aid: send this fixed passcode instead of 6 random digits [default: random].
    #[arg(long, value_name = "CODE")]
    pub passcode: Option<String>,
    /// Passcodes sent per interval, address and client IP; 0 = no limit [default: 3].
    #[arg(long, value_name = "N")]
    pub passcode_rate_limit: Option<u32>,
    /// Passcode rate-limit interval in seconds [default: 60].
    #[arg(long, value_name = "SECS")]
    pub passcode_rate_interval_secs: Option<u64>,
    /// Test aid: let a Microsoft account without email through the callback (then onboarding_email);
    /// Hanko itself refuses it with invalid_request [default: false].
    #[arg(long, value_name = "BOOL")]
    pub accept_account_without_email: Option<bool>,
    /// Test aid: insert the made-up state favourite_colour before success [default: false].
    #[arg(long, value_name = "BOOL")]
    pub custom_state: Option<bool>,
    /// Test aid: answer 503 to this Hanko API path, e.g. /logout (repeatable).
    #[arg(long = "unavailable", value_name = "PATH")]
    pub unavailable_paths: Vec<String>,
    /// Test aid: hold requests with this name (a Flow API action such as exchange_token, or the
    /// path of a request without action such as /login) until POST /holds/release (repeatable).
    #[arg(long = "hold", value_name = "NAME")]
    pub holds: Vec<String>,
    /// Flow lifetime in seconds [default: 86400].
    #[arg(long, value_name = "SECS")]
    pub flow_lifetime_secs: Option<u64>,
    /// OAuth state lifetime in seconds [default: 300].
    #[arg(long, value_name = "SECS")]
    pub state_lifetime_secs: Option<u64>,
    /// One-time hanko_token lifetime in seconds [default: 60].
    #[arg(long, value_name = "SECS")]
    pub hanko_token_lifetime_secs: Option<u64>,
    /// Microsoft authorization-code lifetime in seconds [default: 600].
    #[arg(long, value_name = "SECS")]
    pub auth_code_lifetime_secs: Option<u64>,
}

impl Cli {
    /// Builds the effective configuration: defaults, then the TOML file, then the flags.
    pub fn into_config(self) -> Result<Config, Error> {
        let mut config = match &self.config {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
                toml::from_str::<Config>(&text)
                    .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?
            }
            None => Config::default(),
        };
        fn set<T>(target: &mut T, value: Option<T>) {
            if let Some(v) = value {
                *target = v;
            }
        }
        set(&mut config.hanko_listen, self.hanko_listen);
        set(&mut config.microsoft_listen, self.microsoft_listen);
        if self.public_url.is_some() {
            config.public_url = self.public_url;
        }
        if !self.allowed_redirect_urls.is_empty() {
            config.allowed_redirect_urls = self.allowed_redirect_urls;
        }
        set(&mut config.error_redirect_url, self.error_redirect_url);
        if let Some(list) = self.providers {
            let mut providers = Vec::new();
            for id in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                let provider = Provider::from_id(id)
                    .ok_or_else(|| Error::Config(format!("unknown provider {id:?}")))?;
                providers.push(provider);
            }
            config.providers = providers;
        }
        set(&mut config.session_mode, self.session_mode);
        set(&mut config.cookie_same_site, self.cookie_same_site);
        set(
            &mut config.session_lifetime_secs,
            self.session_lifetime_secs,
        );
        set(&mut config.allow_signup, self.allow_signup);
        set(&mut config.allow_linking, self.allow_linking);
        set(
            &mut config.email.require_verification,
            self.email_require_verification,
        );
        set(&mut config.email.enabled, self.email_enabled);
        set(&mut config.email.optional, self.email_optional);
        set(
            &mut config.email.acquire_on_login,
            self.email_acquire_on_login,
        );
        set(
            &mut config.email.acquire_on_registration,
            self.email_acquire_on_registration,
        );
        set(&mut config.username.enabled, self.username_enabled);
        set(&mut config.username.optional, self.username_optional);
        set(
            &mut config.username.acquire_on_login,
            self.username_acquire_on_login,
        );
        set(
            &mut config.username.acquire_on_registration,
            self.username_acquire_on_registration,
        );
        set(&mut config.password.enabled, self.password_enabled);
        set(&mut config.password.optional, self.password_optional);
        set(
            &mut config.password.acquire_on_login,
            self.password_acquire_on_login,
        );
        set(
            &mut config.password.acquire_on_registration,
            self.password_acquire_on_registration,
        );
        set(&mut config.password.min_length, self.password_min_length);
        set(&mut config.passkey.enabled, self.passkey_enabled);
        set(&mut config.passkey.optional, self.passkey_optional);
        set(
            &mut config.passkey.acquire_on_login,
            self.passkey_acquire_on_login,
        );
        set(
            &mut config.passkey.acquire_on_registration,
            self.passkey_acquire_on_registration,
        );
        set(&mut config.mfa.enabled, self.mfa_enabled);
        set(&mut config.mfa.optional, self.mfa_optional);
        set(&mut config.mfa.acquire_on_login, self.mfa_acquire_on_login);
        set(
            &mut config.mfa.acquire_on_registration,
            self.mfa_acquire_on_registration,
        );
        set(&mut config.mfa.totp.enabled, self.mfa_totp_enabled);
        set(
            &mut config.mfa.security_keys.enabled,
            self.mfa_security_keys_enabled,
        );
        set(
            &mut config.email.use_as_login_identifier,
            self.email_use_as_login_identifier,
        );
        set(
            &mut config.email.use_for_authentication,
            self.email_use_for_authentication,
        );
        set(
            &mut config.username.use_as_login_identifier,
            self.username_use_as_login_identifier,
        );
        set(&mut config.password.recovery, self.password_recovery);
        set(
            &mut config.privacy.show_account_existence_hints,
            self.privacy_show_account_existence_hints,
        );
        set(
            &mut config.privacy.only_show_actual_login_methods,
            self.privacy_only_show_actual_login_methods,
        );
        set(
            &mut config.mfa.device_trust_policy,
            self.mfa_device_trust_policy,
        );
        set(&mut config.password_rate_limit, self.password_rate_limit);
        set(
            &mut config.password_rate_interval_secs,
            self.password_rate_interval_secs,
        );
        set(&mut config.otp_rate_limit, self.otp_rate_limit);
        set(
            &mut config.otp_rate_interval_secs,
            self.otp_rate_interval_secs,
        );
        set(&mut config.seed_accounts, self.seed_accounts);
        set(&mut config.webauthn.relying_party_id, self.webauthn_rp_id);
        if !self.webauthn_origins.is_empty() {
            config.webauthn.relying_party_origins = self.webauthn_origins;
        }
        set(&mut config.unverified_email, self.unverified_email);
        set(&mut config.email_limit, self.email_limit);
        if !self.cors_origins.is_empty() {
            config.cors_origins = self.cors_origins;
        }
        set(
            &mut config.token_exchange_rate_limit,
            self.token_exchange_rate_limit,
        );
        set(
            &mut config.token_exchange_rate_interval_secs,
            self.token_exchange_rate_interval_secs,
        );
        set(&mut config.client_id, self.client_id);
        set(&mut config.client_secret, self.client_secret);
        if self.passcode.is_some() {
            config.passcode = self.passcode;
        }
        set(&mut config.passcode_rate_limit, self.passcode_rate_limit);
        set(
            &mut config.passcode_rate_interval_secs,
            self.passcode_rate_interval_secs,
        );
        set(
            &mut config.accept_account_without_email,
            self.accept_account_without_email,
        );
        set(&mut config.custom_state, self.custom_state);
        if !self.unavailable_paths.is_empty() {
            config.unavailable_paths = self.unavailable_paths;
        }
        if !self.holds.is_empty() {
            config.holds = self.holds;
        }
        set(&mut config.flow_lifetime_secs, self.flow_lifetime_secs);
        set(&mut config.state_lifetime_secs, self.state_lifetime_secs);
        set(
            &mut config.hanko_token_lifetime_secs,
            self.hanko_token_lifetime_secs,
        );
        set(
            &mut config.auth_code_lifetime_secs,
            self.auth_code_lifetime_secs,
        );
        config.validate()?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn holds_are_repeatable_flags_and_the_control_endpoints_are_refused() {
        let cli = Cli::try_parse_from([
            "hanko-devserver",
            "--hold",
            "exchange_token",
            "--hold",
            "/login",
        ])
        .unwrap();
        assert_eq!(
            cli.into_config().unwrap().holds,
            ["exchange_token", "/login"]
        );
        let cli = Cli::try_parse_from(["hanko-devserver", "--hold", "/holds/release"]).unwrap();
        assert!(cli.into_config().is_err());
    }

    #[test]
    fn flags_override_defaults() {
        let cli = Cli::try_parse_from([
            "hanko-devserver",
            "--session-mode",
            "header",
            "--cookie-same-site",
            "strict",
            "--allow-signup",
            "false",
            "--allowed-redirect-url",
            "https://app.example.test**",
            "--allowed-redirect-url",
            "http://localhost**",
            "--cors-origin",
            "https://app.example.test",
            "--public-url",
            "http://127.0.0.1:8080/api",
            "--token-exchange-rate-limit",
            "3",
            "--unverified-email",
            "reject",
        ])
        .unwrap();
        let config = cli.into_config().unwrap();
        assert_eq!(config.session_mode, SessionMode::Header);
        assert_eq!(config.cookie_same_site, SameSite::Strict);
        assert!(!config.allow_signup);
        assert!(config.allow_linking);
        assert_eq!(config.allowed_redirect_urls.len(), 2);
        assert_eq!(config.cors_origins, vec!["https://app.example.test"]);
        assert_eq!(
            config.public_url.as_deref(),
            Some("http://127.0.0.1:8080/api")
        );
        assert_eq!(config.token_exchange_rate_limit, 3);
        assert_eq!(config.unverified_email, UnverifiedEmail::Reject);
        assert_eq!(config.hanko_listen, Config::default().hanko_listen);
    }

    #[test]
    fn toml_file_then_flags() {
        let path =
            std::env::temp_dir().join(format!("hanko-devserver-{}.toml", std::process::id()));
        std::fs::write(
            &path,
            "allow_linking = false\nsession_lifetime_secs = 60\nproviders = [\"microsoft\"]\nsession_mode = \"header\"\nunverified_email = \"reject\"\n",
        )
        .unwrap();
        let cli = Cli::try_parse_from([
            "hanko-devserver",
            "--config",
            path.to_str().unwrap(),
            "--session-lifetime-secs",
            "120",
        ])
        .unwrap();
        let config = cli.into_config().unwrap();
        std::fs::remove_file(&path).ok();
        assert!(!config.allow_linking);
        assert_eq!(config.session_lifetime_secs, 120);
        assert_eq!(config.session_mode, SessionMode::Header);
        assert_eq!(config.unverified_email, UnverifiedEmail::Reject);
    }

    #[test]
    fn hanko_config_keys_as_flags_and_toml_sections() {
        let cli = Cli::try_parse_from([
            "x",
            "--require-email-verification",
            "false",
            "--username-enabled",
            "true",
            "--passkey-acquire-on-login",
            "never",
            "--password-acquire-on-login",
            "conditional",
            "--mfa-acquire-on-login",
            "true",
            "--custom-state",
            "true",
        ])
        .unwrap();
        let config = cli.into_config().unwrap();
        assert!(!config.email.require_verification);
        assert!(config.username.enabled);
        assert_eq!(config.passkey.acquire_on_login, Acquire::Never);
        assert_eq!(config.password.acquire_on_login, Acquire::Conditional);
        assert!(config.mfa.acquire_on_login);
        assert!(config.custom_state);
        assert!(config.passcode.is_none());

        let path =
            std::env::temp_dir().join(format!("hanko-devserver-keys-{}.toml", std::process::id()));
        std::fs::write(
            &path,
            "passcode = \"424242\"\n[email]\noptional = true\n[mfa]\nenabled = false\n[mfa.totp]\nenabled = false\n[webauthn]\nrelying_party_id = \"example.test\"\n",
        )
        .unwrap();
        let cli = Cli::try_parse_from(["x", "--config", path.to_str().unwrap()]).unwrap();
        let config = cli.into_config().unwrap();
        std::fs::remove_file(&path).ok();
        assert!(config.email.optional && config.email.require_verification);
        assert!(!config.mfa.enabled && !config.mfa.totp.enabled);
        assert!(config.mfa.security_keys.enabled);
        assert_eq!(config.webauthn.relying_party_id, "example.test");
        assert_eq!(config.passcode.as_deref(), Some("424242"));
    }

    #[test]
    fn bad_values_are_reported() {
        let unknown_provider = Cli::try_parse_from(["x", "--providers", "myspace"]).unwrap();
        assert!(unknown_provider.into_config().is_err());
        let none = Cli::try_parse_from(["x", "--providers", ""]).unwrap();
        assert!(none.into_config().unwrap().providers.is_empty());
        let slash = Cli::try_parse_from(["x", "--allowed-redirect-url", "http://a/"]).unwrap();
        assert!(slash.into_config().is_err());
        let path =
            std::env::temp_dir().join(format!("hanko-devserver-bad-{}.toml", std::process::id()));
        std::fs::write(&path, "no_such_option = 1\n").unwrap();
        let cli = Cli::try_parse_from(["x", "--config", path.to_str().unwrap()]).unwrap();
        assert!(cli.into_config().is_err());
        std::fs::remove_file(&path).ok();
    }
}
