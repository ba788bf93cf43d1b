//! Reading and explaining failures: pure, table-driven, native-tested.
//!
//! A [`Failure`] is built from whatever went wrong — an `error` on the return URL
//! ([`Failure::from_redirect`]), a flow error ([`Failure::from_flow_error`]), the network
//! ([`Failure::network`]), a missing saved flow ([`Failure::lost_flow`]) or an answer that could
//! not be read ([`Failure::unreadable_answer`]) — and says which message to show
//! ([`FailureKind`], one translation per kind) and which action to offer ([`Recovery`]).
//!
//! Every string taken from outside is bounded and cleaned (see [`sanitize`]); the raw code,
//! AADSTS number and ids are kept for the details disclosure and the `hanko-flow-error` event.
//!
//! ```
//! use hanko_elements::errors::{Failure, FailureKind, Recovery};
//!
//! let f = Failure::from_redirect(
//!     "access_denied",
//!     Some("AADSTS65004: User declined to consent to access the app. Trace ID: 0b1c2d3e-0000-4000-8000-000000000001 Correlation ID: 7d2e3f40-0000-4000-8000-000000000002 Timestamp: 2024-05-01 10:00:00Z"),
//!     Some("microsoft"),
//! );
//! assert_eq!(f.kind, FailureKind::Cancelled);
//! assert_eq!(f.recovery, Recovery::Retry);
//! assert_eq!(f.aadsts, Some(65004));
//! assert_eq!(f.correlation_id.as_deref(), Some("7d2e3f40-0000-4000-8000-000000000002"));
//! assert_eq!(f.kind_name(), "cancelled");
//! ```

mod description;
pub mod sanitize;
mod table;

pub use table::{DEFAULT_RETRY_AFTER, INPUT_ERROR_CODES, MAX_RETRY_AFTER};

use serde_json::{json, Value};

/// Declares [`FailureKind`], [`FailureKind::ALL`] and [`FailureKind::name`] from one list.
macro_rules! failure_kinds {
    ($($(#[$doc:meta])* $kind:ident => $name:literal,)*) => {
        /// The category of message shown to the user: one `errors.<name>.title` / `.text` pair per
        /// kind in every language ([`crate::i18n::keys`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum FailureKind {
            $($(#[$doc])* $kind,)*
        }

        impl FailureKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [FailureKind] = &[$(FailureKind::$kind,)*];

            /// The snake_case name (`cancelled`, `account_not_allowed`, …): the `kind` of the
            /// `hanko-flow-error` event and the `<name>` in the translation keys.
            pub fn name(self) -> &'static str {
                match self {
                    $(FailureKind::$kind => $name,)*
                }
            }
        }
    };
}

failure_kinds! {
    /// The user stopped signing in with the provider (`access_denied`, AADSTS65004).
    Cancelled => "cancelled",
    /// An administrator must approve the app first (`consent_required`, AADSTS65001/90094/90095).
    NeedsAdminApproval => "needs_admin_approval",
    /// This account cannot be used here; try another (AADSTS50020, 500208, 50105, ...).
    AccountNotAllowed => "account_not_allowed",
    /// The provider needs the user to sign in again or finish verification (`interaction_required`, ...).
    MoreStepsNeeded => "more_steps_needed",
    /// The provider is temporarily unavailable (`temporarily_unavailable`, provider `server_error`).
    ProviderUnavailable => "provider_unavailable",
    /// Sign-in with the provider is not set up correctly (`unauthorized_client`, ...).
    Misconfigured => "misconfigured",
    /// Hanko `user_conflict`: an account with this email already exists.
    UserConflict => "user_conflict",
    /// Hanko `multiple_accounts`.
    MultipleAccounts => "multiple_accounts",
    /// Hanko `unverified_email`.
    UnverifiedEmail => "unverified_email",
    /// Hanko `email_maxnum`.
    EmailLimitReached => "email_limit_reached",
    /// Hanko `signup_disabled`.
    SignupDisabled => "signup_disabled",
    /// Hanko `invalid_request`: sign-in could not be completed.
    InvalidRequest => "invalid_request",
    /// Hanko `server_error` / flow `technical_error`: something went wrong on the server.
    ServerError => "server_error",
    /// Flow `flow_expired_error` or an expired one-time token: start again.
    Expired => "expired",
    /// Flow `rate_limit_exceeded`: wait and retry.
    RateLimited => "rate_limited",
    /// Flow `operation_not_permitted_error`: start again.
    NotPermitted => "not_permitted",
    /// Flow `form_data_invalid_error`: not available from this page / could not be completed.
    InvalidInput => "invalid_input",
    /// Flow `passcode_max_attempts_reached`: the code was wrong too often; start again.
    TooManyAttempts => "too_many_attempts",
    /// Flow `passkey_invalid` / `webauthn_credential_invalid_mfa_only`: the passkey was not accepted.
    PasskeyInvalid => "passkey_invalid",
    /// The browser's passkey dialog was closed, timed out or failed (`NotAllowedError`, …).
    PasskeyCancelled => "passkey_cancelled",
    /// The network failed or timed out.
    Network => "network",
    /// Came back with a `hanko_token` but no saved flow (other tab, other browser, cleared storage).
    LostFlow => "lost_flow",
    /// The browser has no `crypto.getRandomValues`, so no PKCE verifier can be made: the provider
    /// sign-in is refused (fail closed) instead of going ahead without one.
    InsecureBrowser => "insecure_browser",
    /// Anything else (the raw code is still shown).
    Unknown => "unknown",
}

/// What the user can do about a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Offer "Try again".
    Retry,
    /// Offer "Use another account" (and retry).
    UseAnotherAccount,
    /// Wait this many seconds, then retry.
    WaitAndRetry {
        /// Seconds to wait (`retry_after`).
        seconds: u32,
    },
    /// Nothing the user can do but contact the site's support (details shown).
    ContactSupport,
    /// Sign in another way (e.g. an existing account).
    SignInAnotherWay,
}

/// A failure as the element shows it and reports it in its error event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Message category.
    pub kind: FailureKind,
    /// What the user can do.
    pub recovery: Recovery,
    /// The raw code (`access_denied`, `technical_error`, `network_error`, ...), bounded and sanitised.
    pub code: String,
    /// The raw description, bounded in length (shown only in the details disclosure).
    pub description: Option<String>,
    /// AADSTS number parsed from the description, e.g. `65004`.
    pub aadsts: Option<u32>,
    /// `Trace ID` parsed from the description.
    pub trace_id: Option<String>,
    /// `Correlation ID` parsed from the description.
    pub correlation_id: Option<String>,
    /// `Timestamp` parsed from the description (as written there, e.g. `2024-05-01 10:00:00Z`).
    pub timestamp: Option<String>,
    /// Provider id, when known (e.g. `microsoft`).
    pub provider: Option<String>,
}

/// Code of [`Failure::network`].
pub const NETWORK_CODE: &str = "network_error";
/// Code of [`Failure::lost_flow`].
pub const LOST_FLOW_CODE: &str = "flow_state_missing";
/// Code of [`Failure::unreadable_answer`].
pub const UNREADABLE_CODE: &str = "unreadable_response";
/// Code of [`Failure::no_secure_randomness`].
pub const NO_RANDOMNESS_CODE: &str = "crypto_unavailable";
/// Code of [`Failure::passkey_ceremony`] when the browser gave no error name.
pub const PASSKEY_CODE: &str = "webauthn_error";

impl Failure {
    /// A failure with no description or provider.
    fn bare(kind: FailureKind, recovery: Recovery, code: &str) -> Failure {
        Failure {
            kind,
            recovery,
            code: sanitize::code(code),
            description: None,
            aadsts: None,
            trace_id: None,
            correlation_id: None,
            timestamp: None,
            provider: None,
        }
    }

    /// An `error` (+ `error_description`) found on the return URL after the provider round trip.
    ///
    /// Keyed on `code` (Hanko's codes and OAuth's); for OAuth codes the AADSTS number in the
    /// description refines the kind (e.g. `invalid_request` + AADSTS50020 → account not allowed
    /// here). Hanko's own `invalid_request` / `server_error` carry no AADSTS number and keep their
    /// meaning. `provider` is the provider id (e.g. `microsoft`), if known.
    ///
    /// ```
    /// use hanko_elements::errors::{Failure, FailureKind, Recovery};
    /// let f = Failure::from_redirect("invalid_request", Some("AADSTS50020: User account from identity provider does not exist in tenant."), Some("microsoft"));
    /// assert_eq!((f.kind, f.recovery), (FailureKind::AccountNotAllowed, Recovery::UseAnotherAccount));
    /// let f = Failure::from_redirect("server_error", Some("an internal error has occurred"), None);
    /// assert_eq!(f.kind, FailureKind::ServerError);
    /// ```
    pub fn from_redirect(code: &str, description: Option<&str>, provider: Option<&str>) -> Failure {
        let kept_code = sanitize::code(code);
        let key = kept_code.to_ascii_lowercase();
        let parts = description.map(description::parse).unwrap_or_default();
        let ((mut kind, mut recovery), origin) = table::redirect_code(&key);
        if origin != table::Origin::Hanko {
            let refined = parts
                .aadsts
                .and_then(|number| table::aadsts(number).or_else(|| table::from_microsoft(&key)));
            if let Some((k, r)) = refined {
                kind = k;
                recovery = r;
            }
        }
        Failure {
            kind,
            recovery,
            code: kept_code,
            description: description.and_then(sanitize::description),
            aadsts: parts.aadsts,
            trace_id: parts.trace_id,
            correlation_id: parts.correlation_id,
            timestamp: parts.timestamp,
            provider: provider.and_then(sanitize::token),
        }
    }

    /// Whether `code`, an `error` on the return address, is one Hanko sends back: its own
    /// (`user_conflict`, ...) or an OAuth / OpenID Connect code it passes through. A page's own
    /// `?error=` is none of them.
    ///
    /// ```
    /// use hanko_elements::errors::Failure;
    /// assert!(Failure::is_return_code("access_denied"));
    /// assert!(Failure::is_return_code("USER_CONFLICT"));
    /// assert!(!Failure::is_return_code("payment_failed"));
    /// ```
    pub fn is_return_code(code: &str) -> bool {
        let key = sanitize::code(code).to_ascii_lowercase();
        table::redirect_code(&key).1 != table::Origin::Unknown
    }

    /// An `error` in a flow response (`error.code`, `error.message`, and `payload.retry_after`
    /// for `rate_limit_exceeded`).
    ///
    /// ```
    /// use hanko_elements::errors::{Failure, FailureKind, Recovery};
    /// let f = Failure::from_flow_error("rate_limit_exceeded", Some("rate limit exceeded"), Some(42));
    /// assert_eq!((f.kind, f.recovery), (FailureKind::RateLimited, Recovery::WaitAndRetry { seconds: 42 }));
    /// ```
    pub fn from_flow_error(code: &str, message: Option<&str>, retry_after: Option<u32>) -> Failure {
        let kept_code = sanitize::code(code);
        let (kind, recovery) = table::flow_code(&kept_code.to_ascii_lowercase(), retry_after);
        Failure {
            description: message.and_then(sanitize::description),
            ..Failure::bare(kind, recovery, &kept_code)
        }
    }

    /// The backend could not be reached (fetch failed, timed out, CORS refused).
    pub fn network() -> Failure {
        Failure::bare(FailureKind::Network, Recovery::Retry, NETWORK_CODE)
    }

    /// Back from the provider with a `hanko_token`, but no saved flow to finish it with (another
    /// tab or browser, cleared storage).
    pub fn lost_flow() -> Failure {
        Failure::bare(FailureKind::LostFlow, Recovery::Retry, LOST_FLOW_CODE)
    }

    /// The browser cannot make a PKCE verifier (no `crypto.getRandomValues`), so an action that
    /// takes one is not run; other ways to sign in stay available.
    ///
    /// ```
    /// use hanko_elements::errors::{Failure, FailureKind, Recovery};
    /// let failure = Failure::no_secure_randomness();
    /// assert_eq!(failure.kind, FailureKind::InsecureBrowser);
    /// assert_eq!(failure.recovery, Recovery::SignInAnotherWay);
    /// assert_eq!(failure.code, "crypto_unavailable");
    /// ```
    pub fn no_secure_randomness() -> Failure {
        Failure::bare(
            FailureKind::InsecureBrowser,
            Recovery::SignInAnotherWay,
            NO_RANDOMNESS_CODE,
        )
    }

    /// The browser's WebAuthn dialog did not give a credential: `name` is the `DOMException` name
    /// (`NotAllowedError` when the user closed it or it timed out), kept as the code.
    ///
    /// ```
    /// use hanko_elements::errors::{Failure, FailureKind};
    /// let failure = Failure::passkey_ceremony("NotAllowedError");
    /// assert_eq!(failure.kind, FailureKind::PasskeyCancelled);
    /// assert_eq!(failure.code, "NotAllowedError");
    /// ```
    pub fn passkey_ceremony(name: &str) -> Failure {
        let code = if name.trim().is_empty() {
            PASSKEY_CODE
        } else {
            name
        };
        Failure::bare(FailureKind::PasskeyCancelled, Recovery::Retry, code)
    }

    /// The backend answered with HTTP `status` but a body that is not a flow or error document.
    ///
    /// ```
    /// use hanko_elements::errors::{Failure, FailureKind};
    /// assert_eq!(Failure::unreadable_answer(502).kind, FailureKind::ServerError);
    /// assert_eq!(Failure::unreadable_answer(502).description.as_deref(), Some("HTTP status 502"));
    /// ```
    pub fn unreadable_answer(status: u16) -> Failure {
        let (kind, recovery) = match status {
            429 => (
                FailureKind::RateLimited,
                Recovery::WaitAndRetry {
                    seconds: DEFAULT_RETRY_AFTER,
                },
            ),
            500..=599 => (FailureKind::ServerError, Recovery::Retry),
            _ => (FailureKind::Unknown, Recovery::Retry),
        };
        Failure {
            description: Some(format!("HTTP status {status}")),
            ..Failure::bare(kind, recovery, UNREADABLE_CODE)
        }
    }

    /// The snake_case name of [`Failure::kind`] (see [`FailureKind::name`]).
    pub fn kind_name(&self) -> &'static str {
        self.kind.name()
    }

    /// The `detail` of the `hanko-flow-error` / `onFlowError` events:
    /// `{code, description, provider, kind, aadsts, correlationId, traceId, timestamp}`
    /// (absent values are `null`).
    ///
    /// ```
    /// use hanko_elements::errors::Failure;
    /// let detail = Failure::network().event_detail();
    /// assert_eq!(detail["kind"], "network");
    /// assert_eq!(detail["code"], "network_error");
    /// assert!(detail["aadsts"].is_null());
    /// ```
    pub fn event_detail(&self) -> Value {
        json!({
            "code": self.code,
            "description": self.description,
            "provider": self.provider,
            "kind": self.kind_name(),
            "aadsts": self.aadsts,
            "correlationId": self.correlation_id,
            "traceId": self.trace_id,
            "timestamp": self.timestamp,
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
