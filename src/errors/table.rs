//! The mapping tables: `error` / flow error code → kind and recovery, refined by the AADSTS number.
//!
//! Sources: `microsoft-sign-in.md` §2.2–§2.6 and `hanko-flow-api.md` §8 (project docs). Keyed on
//! the `error` code as Microsoft advises; the AADSTS number only refines OAuth codes, never
//! Hanko's own codes.

use super::{FailureKind, Recovery};

/// Seconds to wait after `rate_limit_exceeded` when the server gives no `retry_after`.
pub const DEFAULT_RETRY_AFTER: u32 = 30;
/// Longest wait offered; a larger `retry_after` is capped.
pub const MAX_RETRY_AFTER: u32 = 3600;

/// How a code is handled: the message kind and the action offered.
pub type Entry = (FailureKind, Recovery);

use FailureKind as K;
use Recovery as R;

/// Where a redirect code comes from, which decides whether the AADSTS number may refine it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Raised by Hanko itself (`user_conflict`, …): AADSTS text is never used.
    Hanko,
    /// An OAuth `error` (from Microsoft or passed through by Hanko): refined by AADSTS.
    OAuth,
    /// Not in the table: refined by AADSTS when the description carries a known number.
    Unknown,
}

/// `error` on the return URL → kind, recovery and origin.
pub fn redirect_code(code: &str) -> (Entry, Origin) {
    match code {
        "user_conflict" => ((K::UserConflict, R::SignInAnotherWay), Origin::Hanko),
        "multiple_accounts" => ((K::MultipleAccounts, R::UseAnotherAccount), Origin::Hanko),
        "unverified_email" => ((K::UnverifiedEmail, R::UseAnotherAccount), Origin::Hanko),
        "email_maxnum" => ((K::EmailLimitReached, R::SignInAnotherWay), Origin::Hanko),
        "signup_disabled" => ((K::SignupDisabled, R::SignInAnotherWay), Origin::Hanko),
        "access_denied" => ((K::Cancelled, R::Retry), Origin::OAuth),
        "consent_required" => ((K::NeedsAdminApproval, R::SignInAnotherWay), Origin::OAuth),
        "interaction_required" | "login_required" => {
            ((K::MoreStepsNeeded, R::Retry), Origin::OAuth)
        }
        "temporarily_unavailable" => ((K::ProviderUnavailable, R::Retry), Origin::OAuth),
        "unauthorized_client" | "unsupported_response_type" | "invalid_resource" => {
            ((K::Misconfigured, R::ContactSupport), Origin::OAuth)
        }
        // Hanko's own when the description has no AADSTS number; Microsoft's otherwise.
        "invalid_request" => ((K::InvalidRequest, R::Retry), Origin::OAuth),
        "server_error" => ((K::ServerError, R::Retry), Origin::OAuth),
        _ => ((K::Unknown, R::Retry), Origin::Unknown),
    }
}

/// What an OAuth code means when the description shows it came from Microsoft (has an AADSTS
/// number) but the number itself is not in [`aadsts`].
pub fn from_microsoft(code: &str) -> Option<Entry> {
    match code {
        "invalid_request" => Some((K::Misconfigured, R::ContactSupport)),
        "server_error" => Some((K::ProviderUnavailable, R::Retry)),
        _ => None,
    }
}

/// AADSTS number → group (`microsoft-sign-in.md` §2.3, plus the codes of §2.4 that normally
/// stop on Microsoft's own page).
pub fn aadsts(number: u32) -> Option<Entry> {
    match number {
        65004 => Some((K::Cancelled, R::Retry)),
        65001 | 90094 | 90095 => Some((K::NeedsAdminApproval, R::SignInAnotherWay)),
        50020 | 500208 | 50105 | 50034 | 50057 | 50053 | 53003 | 530032 | 9002332 => {
            Some((K::AccountNotAllowed, R::UseAnotherAccount))
        }
        50076 | 50079 | 50058 | 50072 => Some((K::MoreStepsNeeded, R::Retry)),
        50033 | 90006 | 90024 | 50087 | 70012 => Some((K::ProviderUnavailable, R::Retry)),
        50194 | 90002 | 900144 | 50011 | 700016 | 500113 | 7000215 | 7000222 => {
            Some((K::Misconfigured, R::ContactSupport))
        }
        _ => None,
    }
}

/// `error.code` of a flow response → kind and recovery.
pub fn flow_code(code: &str, retry_after: Option<u32>) -> Entry {
    match code {
        "form_data_invalid_error" => (K::InvalidInput, R::Retry),
        "technical_error" => (K::ServerError, R::Retry),
        "flow_expired_error" | "not_found" => (K::Expired, R::Retry),
        "rate_limit_exceeded" => (
            K::RateLimited,
            R::WaitAndRetry {
                seconds: retry_after
                    .unwrap_or(DEFAULT_RETRY_AFTER)
                    .clamp(1, MAX_RETRY_AFTER),
            },
        ),
        "operation_not_permitted_error"
        | "flow_discontinuity_error"
        | "unauthorized"
        | "forbidden" => (K::NotPermitted, R::Retry),
        "passcode_max_attempts_reached" => (K::TooManyAttempts, R::Retry),
        "passkey_invalid" | "webauthn_credential_invalid_mfa_only" => {
            (K::PasskeyInvalid, R::SignInAnotherWay)
        }
        _ => (K::Unknown, R::Retry),
    }
}

/// Codes Hanko sends as input errors (`actions.<action>.inputs.<input>.error.code`), each with a
/// message of its own (`errors.<code>`). Older Hanko versions sent some of them as the flow error
/// instead (`passcode_invalid` with 401 before April 2025); the engine then shows it at the
/// state's only input.
pub const INPUT_ERROR_CODES: &[&str] = &[
    "email_already_exists",
    "invalid_username_error",
    "otp_code_already_used",
    "otp_code_invalid",
    "passcode_invalid",
    "unknown_email_error",
    "unknown_username_error",
    "username_already_exists",
    "value_invalid_error",
    "value_missing_error",
    "value_too_long_error",
    "value_too_short_error",
];
