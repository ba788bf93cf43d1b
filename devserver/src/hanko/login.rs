//! First-party sign-in (Hanko's `credential_usage` sub-flow): `continue_with_login_identifier`, the
//! login method chooser, passcode and password sign-in, password recovery, and passkey sign-in.

use std::net::IpAddr;

use axum::http::{header, HeaderName};
use chrono::Utc;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::actions::{input_str, new_password_hash, Outcome, Revert};
use super::assertion::{self, AssertionError};
use super::flow_types::*;
use super::Hanko;
use crate::store::{Flow, PasscodeTemplate, StateName, Store};

/// Which identifier `continue_with_login_identifier` takes: `identifier` (email or username),
/// `email` or `username`; `None` when neither is a login identifier.
pub fn identifier_input(app: &Hanko) -> Option<Input> {
    let cfg = &app.config;
    let email = cfg.email.enabled && cfg.email.use_as_login_identifier;
    let username = cfg.username.enabled && cfg.username.use_as_login_identifier;
    let (name, kind, min, max) = match (email, username) {
        (true, true) => ("identifier", "string", None, Some(255)),
        (true, false) => ("email", "email", Some(3), Some(120)),
        (false, true) => (
            "username",
            "string",
            Some(cfg.username.min_length),
            Some(cfg.username.max_length),
        ),
        (false, false) => return None,
    };
    Some(Input {
        name,
        kind,
        min_length: min,
        max_length: max,
        required: Some(true),
        hidden: None,
        error: None,
        allowed_values: None,
    })
}

/// Whether `continue_with_login_identifier` is offered: an identifier exists and a method needs it.
pub fn identifier_login_offered(app: &Hanko) -> bool {
    let cfg = &app.config;
    identifier_input(app).is_some() && (cfg.password.enabled || cfg.email.use_for_authentication)
}

/// Hanko's email pattern for telling an email from a username in `identifier`.
fn looks_like_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let Some((host, tld)) = domain.rsplit_once('.') else {
        return false;
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
    local_ok && host_ok && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// Fills the `user_has_*` flags, the username and the primary email from the stored user.
pub fn stash_user(store: &Store, flow: &mut Flow, user_id: Uuid) {
    let Some(user) = store.users.get(&user_id) else {
        return;
    };
    let stash = &mut flow.stash;
    stash.user_has_password = user.password_hash.is_some();
    stash.user_has_passkey = user.webauthn_credentials.iter().any(|c| !c.mfa_only);
    stash.user_has_security_key = user.webauthn_credentials.iter().any(|c| c.mfa_only);
    stash.user_has_otp_secret = user.otp_secret.is_some();
    stash.user_has_username = user.username.is_some();
    stash.user_has_emails = !user.emails.is_empty();
    flow.user_id = Some(user_id);
}

/// `continue_with_login_identifier`: looks the user up and continues as Hanko's §2.2 table says.
pub fn continue_with_login_identifier(
    app: &Hanko,
    store: &Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
) -> Outcome {
    let cfg = &app.config;
    let Some(field) = identifier_input(app) else {
        return Outcome::stay(400, FORM_DATA_INVALID);
    };
    let value = input_str(input, field.name).trim().to_lowercase();
    if value.is_empty() {
        return Outcome::input_error(field.name, VALUE_MISSING);
    }
    let as_email = match field.name {
        "identifier" => looks_like_email(&value),
        "email" => true,
        _ => false,
    };
    if field.name == "email" && !super::actions::is_address(&value) {
        return Outcome::input_error("email", VALUE_INVALID);
    }
    flow.stash.user_identification = Some(value.clone());
    let user_id = if as_email {
        let owner = store.user_by_email(&value);
        if owner.is_none() && cfg.privacy.show_account_existence_hints {
            return Outcome::input_error(field.name, UNKNOWN_EMAIL);
        }
        flow.stash.email = Some(value.clone());
        owner
    } else {
        let Some(owner) = store.user_by_username(&value) else {
            return Outcome::input_error(field.name, UNKNOWN_USERNAME);
        };
        flow.stash.username = Some(value.clone());
        flow.stash.email = store
            .users
            .get(&owner)
            .and_then(|u| u.primary_email())
            .map(|e| e.address.clone());
        Some(owner)
    };
    if let Some(user_id) = user_id {
        stash_user(store, flow, user_id);
    }
    let user = user_id.and_then(|id| store.users.get(&id));
    let has_primary = user.is_some_and(|u| u.primary_email().is_some());
    if !as_email && user.is_some() && !cfg.password.enabled && !has_primary {
        return Outcome::stay(500, FLOW_DISCONTINUITY);
    }
    if cfg.privacy.only_show_actual_login_methods {
        let email = cfg.email.use_for_authentication && has_primary;
        let password = cfg.password.enabled && flow.stash.user_has_password;
        let passkey = cfg.passkey.enabled && flow.stash.user_has_passkey;
        let count = [email, password, passkey].iter().filter(|m| **m).count();
        return if count > 1 {
            Outcome::to(StateName::LoginMethodChooser, Revert::Allow)
        } else if email {
            to_passcode(flow, false)
        } else if password {
            Outcome::to(StateName::LoginPassword, Revert::Allow)
        } else if passkey {
            passkey_options(app, store, flow, user_id)
        } else {
            Outcome::stay(500, FLOW_DISCONTINUITY)
        };
    }
    match (cfg.email.use_for_authentication, cfg.password.enabled) {
        (true, true) if as_email || has_primary => {
            Outcome::to(StateName::LoginMethodChooser, Revert::Allow)
        }
        (true, true) | (false, true) => Outcome::to(StateName::LoginPassword, Revert::Allow),
        (true, false) => to_passcode(flow, false),
        (false, false) => Outcome::stay(500, FLOW_DISCONTINUITY),
    }
}

/// `continue_to_passcode_confirmation` (`recovery`: `continue_to_passcode_confirmation_recovery`):
/// the login (recovery) template for a known address, "login attempted" for an unknown one.
pub fn to_passcode(flow: &mut Flow, recovery: bool) -> Outcome {
    flow.stash.login_method = Some(if recovery { "password" } else { "passcode" });
    let template = match (flow.user_id.is_some(), recovery) {
        (false, _) => PasscodeTemplate::LoginAttempted,
        (true, false) => PasscodeTemplate::Login,
        (true, true) => PasscodeTemplate::Recovery,
    };
    flow.stash.passcode_template = Some(template);
    flow.stash.email_to_verify = None;
    if recovery {
        flow.stash.password_recovery_pending = true;
    }
    Outcome::to(StateName::PasscodeConfirmation, Revert::Allow)
}

/// `password_login`: rate limit by client IP and identifier (every attempt counts, as in Hanko), then
/// bcrypt verification; any failure is `value_invalid_error` on `password`.
pub fn password_login(
    app: &Hanko,
    store: &Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
    ip: IpAddr,
    headers: &mut Vec<(HeaderName, String)>,
) -> Outcome {
    let key = flow.stash.user_identification.clone().unwrap_or_default();
    if let Err(retry_after) = app.password_limiter.hit((ip, key)) {
        headers.push((header::RETRY_AFTER, retry_after.to_string()));
        return Outcome::Stay {
            status: 429,
            error: RATE_LIMIT_EXCEEDED,
            input_errors: Vec::new(),
            payload: Some(("retry_after", json!(retry_after))),
        };
    }
    let owner = if let Some(email) = flow.stash.email.as_deref() {
        store.user_by_email(email)
    } else if let Some(username) = flow.stash.username.as_deref() {
        store.user_by_username(username)
    } else {
        None
    };
    let hash = owner
        .and_then(|id| store.users.get(&id))
        .and_then(|u| u.password_hash.clone());
    let password = input_str(input, "password");
    let verified = match (&owner, hash) {
        (Some(_), Some(hash)) => match bcrypt::verify(password, &hash) {
            Ok(ok) => ok,
            Err(e) => return Outcome::Fail(format!("bcrypt: {e}")),
        },
        _ => false,
    };
    let Some(user_id) = owner.filter(|_| verified) else {
        tracing::info!("wrong credentials");
        return Outcome::input_error("password", VALUE_INVALID);
    };
    stash_user(store, flow, user_id);
    flow.stash.login_method = Some("password");
    Outcome::next(Revert::Prevent)
}

/// `password_recovery`: stores the new password (bcrypt) of the flow's user.
pub fn password_recovery(
    store: &mut Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
) -> Outcome {
    let hash = match new_password_hash(input_str(input, "new_password")) {
        Ok(hash) => hash,
        Err(outcome) => return outcome,
    };
    let Some(user) = flow.user_id.and_then(|id| store.users.get_mut(&id)) else {
        return Outcome::stay(403, OPERATION_NOT_PERMITTED);
    };
    user.password_hash = Some(hash);
    user.updated_at = Utc::now();
    flow.stash.user_has_password = true;
    flow.stash.password_recovery_pending = false;
    tracing::info!("password recovered");
    Outcome::next(Revert::Prevent)
}

/// `webauthn_generate_request_options` (passkey): → `login_passkey` with `request_options`.
/// Discoverable unless `user` (only the actual login methods) binds it to that user's passkeys.
pub fn passkey_options(app: &Hanko, store: &Store, flow: &mut Flow, user: Option<Uuid>) -> Outcome {
    let bound = user.filter(|_| app.config.privacy.only_show_actual_login_methods);
    if bound.is_none() {
        // Hanko stashes the ceremony's user id, which is empty for a discoverable login.
        flow.user_id = None;
    }
    match assertion::passkey_options(app, store, flow, bound) {
        Ok(options) => Outcome::Continue {
            states: vec![StateName::LoginPasskey],
            payload: json!({ "request_options": options }),
            revert: Revert::Allow,
            error: None,
        },
        Err(reason) => Outcome::Fail(reason),
    }
}

/// `webauthn_verify_assertion_response` in `login_init` (conditional UI) and `login_passkey`: passkey
/// sign-in, or the security key as second factor after `login_security_key`.
pub fn verify_assertion(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    response: Option<&Value>,
) -> Outcome {
    let mfa = flow.stash.mfa_usage_method == Some("security_key");
    match assertion::verify(app, store, flow, response, mfa) {
        Ok(user_id) => {
            if !mfa {
                flow.stash.login_method = Some("passkey");
                stash_user(store, flow, user_id);
                flow.stash.email = store
                    .users
                    .get(&user_id)
                    .and_then(|u| u.primary_email())
                    .map(|e| e.address.clone());
            }
            Outcome::next(Revert::Prevent)
        }
        Err(AssertionError::NoCeremony) => {
            Outcome::Fail("no webauthn ceremony in the stash".into())
        }
        Err(AssertionError::MfaOnly) => {
            tracing::info!("security key used as passkey");
            Outcome::stay(401, WEBAUTHN_CREDENTIAL_INVALID_MFA_ONLY)
        }
        Err(AssertionError::OtherUser) => Outcome::Continue {
            states: vec![StateName::Error],
            payload: json!({}),
            revert: Revert::Prevent,
            error: Some((401, PASSKEY_INVALID)),
        },
        Err(AssertionError::Invalid(reason)) => {
            tracing::info!(reason = %reason, "passkey_invalid");
            Outcome::stay(401, PASSKEY_INVALID)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn email_pattern() {
        assert!(super::looks_like_email("a.b+c@example.com"));
        assert!(!super::looks_like_email("alex_w"));
        assert!(!super::looks_like_email("a@localhost"));
    }
}
