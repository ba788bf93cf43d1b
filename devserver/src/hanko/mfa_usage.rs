//! MFA at sign-in (Hanko's `mfa_usage` sub-flow): which second-factor state follows the first factor,
//! and `otp_code_validate` with RFC 6238 replay protection (a time step is accepted once).

use std::net::IpAddr;

use axum::http::{header, HeaderName};
use serde_json::{json, Map, Value};
use totp_rs::{Builder, Secret};

use super::actions::{input_str, Outcome, Revert};
use super::flow_types::*;
use super::Hanko;
use crate::store::{Flow, StateName, Store};

/// The MFA usage state for a sign-in that was not by passkey, on a device not trusted for the user:
/// `login_security_key` when the user has a security key (the dev backend's security keys are
/// cross-platform, so attachment is always supported), else `login_otp` when the user has an
/// authenticator app, else none.
pub fn states(app: &Hanko, flow: &Flow, trusted: bool) -> Vec<StateName> {
    let cfg = &app.config.mfa;
    if !cfg.enabled || flow.stash.login_method == Some("passkey") || trusted {
        return Vec::new();
    }
    if cfg.security_keys.enabled && flow.stash.user_has_security_key {
        vec![StateName::LoginSecurityKey]
    } else if cfg.totp.enabled && flow.stash.user_has_otp_secret {
        vec![StateName::LoginOtp]
    } else {
        Vec::new()
    }
}

/// Period, digits and skew as Hanko's `DefaultTOTPOptions`: 30 s, 6 digits, ±1 step (SHA-1).
const PERIOD: u64 = 30;

/// Why a code was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum CodeError {
    /// No step within the window matches.
    Invalid,
    /// The matching step was accepted before.
    AlreadyUsed,
}

/// Checks `code` against the base32 `secret` at `now` (Unix seconds) in Hanko's order (T, T+1, T-1);
/// returns the matched step, or why not. `last_step`: the step accepted last.
pub fn validate(
    secret: &str,
    code: &str,
    now: u64,
    last_step: Option<u64>,
) -> Result<Result<u64, CodeError>, String> {
    let bytes = Secret::try_from_base32(secret).map_err(|e| format!("TOTP secret: {e}"))?;
    let totp = Builder::new()
        .with_secret(bytes)
        .build()
        .map_err(|e| format!("TOTP setup: {e}"))?;
    let current = now / PERIOD;
    let code = code.trim();
    let matched = [
        Some(current),
        current.checked_add(1),
        current.checked_sub(1),
    ]
    .into_iter()
    .flatten()
    .find(|step| {
        let expected = totp.generate(step * PERIOD).to_string();
        crate::random::constant_time_eq(&expected, code)
    });
    Ok(match matched {
        None => Err(CodeError::Invalid),
        Some(step) if last_step.is_some_and(|last| step <= last) => Err(CodeError::AlreadyUsed),
        Some(step) => Ok(step),
    })
}

/// `otp_code_validate`: rate limit by client IP and user, then the code; a wrong code is
/// `otp_code_invalid`, a replayed one `otp_code_already_used` (input errors, 400, as Hanko HEAD).
pub fn otp_code_validate(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
    ip: IpAddr,
    headers: &mut Vec<(HeaderName, String)>,
) -> Outcome {
    let Some(user_id) = flow.user_id else {
        return Outcome::Fail("user_id does not exist in the stash".into());
    };
    if let Err(retry_after) = app.otp_limiter.hit((ip, user_id)) {
        headers.push((header::RETRY_AFTER, retry_after.to_string()));
        return Outcome::Stay {
            status: 429,
            error: RATE_LIMIT_EXCEEDED,
            input_errors: Vec::new(),
            payload: Some(("retry_after", json!(retry_after))),
        };
    }
    let Some(user) = store.users.get_mut(&user_id) else {
        return Outcome::Fail("flow user not found".into());
    };
    let Some(secret) = user.otp_secret.clone() else {
        return Outcome::Fail("user has no OTP secret".into());
    };
    let now = chrono::Utc::now().timestamp().max(0) as u64;
    match validate(
        &secret,
        input_str(input, "otp_code"),
        now,
        user.otp_last_step,
    ) {
        Ok(Ok(step)) => {
            user.otp_last_step = Some(step);
            flow.stash.mfa_usage_method = Some("totp");
            Outcome::next(Revert::Prevent)
        }
        Ok(Err(CodeError::Invalid)) => Outcome::input_error("otp_code", OTP_CODE_INVALID),
        Ok(Err(CodeError::AlreadyUsed)) => {
            tracing::warn!(user = %user_id, "TOTP replay attempt");
            Outcome::input_error("otp_code", OTP_CODE_ALREADY_USED)
        }
        Err(reason) => Outcome::Fail(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "5S7D6VA45ZYX5UNT33CBYFFZPOGDNIKS";

    fn code_at(t: u64) -> String {
        let totp = Builder::new()
            .with_secret(Secret::try_from_base32(SECRET).unwrap())
            .build()
            .unwrap();
        totp.generate(t).to_string()
    }

    #[test]
    fn window_and_replay() {
        let now = 1_700_000_000;
        let step = now / PERIOD;
        assert_eq!(
            validate(SECRET, &code_at(now), now, None).unwrap(),
            Ok(step)
        );
        assert_eq!(
            validate(SECRET, &code_at(now - 30), now, None).unwrap(),
            Ok(step - 1)
        );
        assert_eq!(
            validate(SECRET, &code_at(now - 90), now, None).unwrap(),
            Err(CodeError::Invalid)
        );
        assert_eq!(
            validate(SECRET, &code_at(now), now, Some(step)).unwrap(),
            Err(CodeError::AlreadyUsed)
        );
    }
}
