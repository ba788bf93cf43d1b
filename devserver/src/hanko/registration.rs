//! First-party sign-up: `register_login_identifier` in `registration_init`. The user is kept as
//! "registration pending" (invisible to sign-in and look-ups) until the flow reaches `success`, as
//! Hanko creates the user only then.

use chrono::Utc;
use serde_json::{json, Map, Value};

use super::actions::{input_str, is_address, is_valid_username, Outcome, Revert};
use super::flow_types::*;
use super::schedule::schedule_mfa_creation;
use super::Hanko;
use crate::config::Acquire;
use crate::store::{Flow, PasscodeTemplate, StateName, Store, User};

/// The inputs of `register_login_identifier`; empty when the action is suspended (sign-up off, or no
/// identifier acquired at registration).
pub fn inputs(app: &Hanko) -> Vec<Input> {
    let cfg = &app.config;
    let mut inputs = Vec::new();
    if !cfg.allow_signup {
        return inputs;
    }
    if cfg.email.enabled && cfg.email.acquire_on_registration {
        inputs.push(super::actions::field(
            "email",
            "email",
            !cfg.email.optional,
            None,
            Some(120),
        ));
    }
    if cfg.username.enabled && cfg.username.acquire_on_registration {
        inputs.push(super::actions::field(
            "username",
            "string",
            !cfg.username.optional,
            Some(cfg.username.min_length),
            Some(cfg.username.max_length),
        ));
    }
    inputs
}

/// Credential states of a registration by `passkey.acquire_on_registration` ×
/// `password.acquire_on_registration` (hanko-flow-states.md §2.3; the passkey counts only with WebAuthn).
fn credential_states(app: &Hanko, flow: &Flow) -> Vec<StateName> {
    use Acquire::{Always, Conditional, Never};
    let cfg = &app.config;
    let passkey_enabled = flow.stash.webauthn_available && cfg.passkey.enabled;
    let password_enabled = cfg.password.enabled;
    let passkey = cfg.passkey.acquire_on_registration;
    let password = cfg.password.acquire_on_registration;
    let (create_passkey, create_password) = (
        StateName::OnboardingCreatePasskey,
        StateName::PasswordCreation,
    );
    if passkey_enabled && password_enabled {
        match (passkey, password) {
            (Always, Always) => {
                if !cfg.password.optional && cfg.passkey.optional {
                    vec![create_password, create_passkey]
                } else {
                    vec![create_passkey, create_password]
                }
            }
            (Always, Conditional) | (Conditional, Never) | (Always, Never) => vec![create_passkey],
            (Conditional, Always) | (Never, Always) | (Never, Conditional) => vec![create_password],
            (Conditional, Conditional) => vec![StateName::CredentialOnboardingChooser],
            (Never, Never) => Vec::new(),
        }
    } else if passkey_enabled && passkey != Never {
        vec![create_passkey]
    } else if password_enabled && password != Never {
        vec![create_password]
    } else {
        Vec::new()
    }
}

/// `register_login_identifier`: checks the username and email, then continues with the email
/// passcode (with `email.require_verification`), the credential states and `success`. A taken email
/// gives `email_already_exists` without verification or with existence hints, else a "registration
/// attempted" passcode that cannot finish the flow.
pub fn register_login_identifier(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
) -> Outcome {
    let cfg = &app.config;
    let email = input_str(input, "email").trim().to_lowercase();
    let username = input_str(input, "username").trim().to_lowercase();
    let take_email = cfg.email.enabled && cfg.email.acquire_on_registration;
    let take_username = cfg.username.enabled && cfg.username.acquire_on_registration;
    let email_optional = !take_email || cfg.email.optional;
    let username_optional = !take_username || cfg.username.optional;
    if email_optional && email.is_empty() && username_optional && username.is_empty() {
        return Outcome::Stay {
            status: 400,
            error: FORM_DATA_INVALID,
            input_errors: vec![("username", VALUE_INVALID), ("email", VALUE_INVALID)],
            payload: None,
        };
    }
    if take_username && !username.is_empty() {
        if !is_valid_username(&username) {
            return Outcome::input_error("username", INVALID_USERNAME);
        }
        if store.user_by_username(&username).is_some() {
            return Outcome::input_error("username", USERNAME_ALREADY_EXISTS);
        }
    }
    let email = Some(email).filter(|e| take_email && !e.is_empty());
    if let Some(address) = &email {
        if !is_address(address) {
            return Outcome::input_error("email", VALUE_INVALID);
        }
        if store.user_by_email(address).is_some() {
            if !cfg.email.require_verification || cfg.privacy.show_account_existence_hints {
                return Outcome::input_error("email", EMAIL_ALREADY_EXISTS);
            }
            flow.stash.email = Some(address.clone());
            flow.stash.email_to_verify = None;
            flow.stash.passcode_template = Some(PasscodeTemplate::RegistrationAttempted);
            return Outcome::to(StateName::PasscodeConfirmation, Revert::Allow);
        }
    }
    let mut user = User::new(None);
    user.registration_pending = true;
    if take_username && !username.is_empty() {
        user.username = Some(username);
        flow.stash.user_has_username = true;
    }
    let user_id = user.id;
    store.users.insert(user_id, user);
    flow.user_id = Some(user_id);
    flow.stash.user_created = true;
    let mut states = Vec::new();
    if let Some(address) = email {
        if cfg.email.require_verification {
            flow.stash.email = Some(address);
            flow.stash.email_to_verify = None;
            flow.stash.passcode_template = Some(PasscodeTemplate::EmailVerification);
            states.push(StateName::PasscodeConfirmation);
        } else {
            store.add_email(user_id, &address, false);
            flow.stash.user_has_emails = true;
        }
    }
    let credentials = credential_states(app, flow);
    if credentials.is_empty() && !states.contains(&StateName::PasscodeConfirmation) {
        // No credential state and no passcode (whose `verify_passcode` runs the hook): MFA now.
        schedule_mfa_creation(app, flow);
        if flow.schedule.first() == Some(&StateName::MfaMethodChooser) {
            flow.schedule.remove(0);
            states.push(StateName::MfaMethodChooser);
        }
    }
    states.extend(credentials);
    states.push(StateName::Success);
    tracing::info!(user = %user_id, "registration started");
    if let Some(user) = store.users.get_mut(&user_id) {
        user.updated_at = Utc::now();
    }
    Outcome::Continue {
        states,
        payload: json!({}),
        revert: Revert::Allow,
        error: None,
    }
}
