//! Hanko's scheduling hooks: the login onboarding states (`ScheduleOnboardingStates`) and the MFA
//! creation states (`ScheduleMFACreationStates`).

use super::Hanko;
use crate::config::Acquire;
use crate::store::{Flow, FlowName, StateName, Store};

/// Whether this device can create a security key: WebAuthn is available (the dev backend uses
/// cross-platform attachment, so no platform authenticator is needed).
pub fn webauthn_usable(flow: &Flow) -> bool {
    flow.stash.webauthn_available
}

/// `ScheduleMFACreationStates`: puts `mfa_method_chooser` in front of the schedule when MFA is to be
/// acquired in this flow, a method suits the device, the user has a first factor and no MFA method,
/// no password creation is pending and the chooser was not shown yet.
pub fn schedule_mfa_creation(app: &Hanko, flow: &mut Flow) {
    if mfa_creation_due(app, flow) && !flow.schedule.contains(&StateName::MfaMethodChooser) {
        flow.schedule.insert(0, StateName::MfaMethodChooser);
    }
}

fn mfa_creation_due(app: &Hanko, flow: &Flow) -> bool {
    let cfg = &app.config.mfa;
    let acquire = match flow.name {
        FlowName::Login => cfg.acquire_on_login,
        FlowName::Registration => cfg.acquire_on_registration,
    };
    let method = cfg.totp.enabled || (cfg.security_keys.enabled && webauthn_usable(flow));
    let stash = &flow.stash;
    let first_factor =
        stash.user_has_password || (stash.user_has_emails && app.config.email.enabled);
    cfg.enabled
        && acquire
        && method
        && first_factor
        && !stash.user_has_otp_secret
        && !stash.user_has_security_key
        && !stash.mfa_chooser_visited
        && !flow.schedule.contains(&StateName::PasswordCreation)
        && !stash.password_recovery_pending
}

/// `ScheduleOnboardingStates` of the login flow, run once when the flow leaves the credential-usage
/// states: MFA usage (`login_security_key` / `login_otp`), `login_password_recovery`, user details,
/// credential onboarding, MFA creation, `device_trust`, then `success`. It reads the stash, which
/// first-party logins fill from the user and `exchange_token` leaves empty (hanko-flow-states.md §3.2).
/// `trusted`: the request's device cookie trusts the flow's user.
pub fn login_onboarding_states(app: &Hanko, flow: &Flow, trusted: bool) -> Vec<StateName> {
    let cfg = &app.config;
    let stash = &flow.stash;
    let mut states = super::mfa_usage::states(app, flow, trusted);
    if stash.password_recovery_pending {
        states.push(StateName::LoginPasswordRecovery);
    }
    if cfg.username.enabled && cfg.username.acquire_on_login && !stash.user_has_username {
        states.push(StateName::OnboardingUsername);
    }
    if cfg.email.enabled && cfg.email.acquire_on_login && !stash.user_has_emails {
        states.push(StateName::OnboardingEmail);
    }
    states.extend(credential_onboarding(app, flow));
    if mfa_creation_due(app, flow) {
        states.push(StateName::MfaMethodChooser);
    }
    states.extend(super::device_trust::schedule(app, flow, trusted));
    states.push(StateName::Success);
    states
}

/// Credential onboarding by `passkey.acquire_on_login` × `password.acquire_on_login`.
fn credential_onboarding(app: &Hanko, flow: &Flow) -> Vec<StateName> {
    use Acquire::{Always, Conditional, Never};
    let cfg = &app.config;
    let has_password = flow.stash.user_has_password;
    let has_passkey = flow.stash.user_has_passkey;
    let passkey_enabled = flow.stash.webauthn_available && cfg.passkey.enabled;
    let password_enabled = cfg.password.enabled;
    let passkey = cfg.passkey.acquire_on_login;
    // No password onboarding while a recovery is pending (it sets one).
    let password = if flow.stash.password_recovery_pending {
        Never
    } else {
        cfg.password.acquire_on_login
    };
    let neither = !has_passkey && !has_password;
    let mut states = Vec::new();
    if passkey_enabled && password_enabled {
        match (passkey, password) {
            (Always, Always) => {
                if neither {
                    if !cfg.password.optional && cfg.passkey.optional {
                        states.push(StateName::PasswordCreation);
                        states.push(StateName::OnboardingCreatePasskey);
                    } else {
                        states.push(StateName::OnboardingCreatePasskey);
                        states.push(StateName::PasswordCreation);
                    }
                } else if !has_password {
                    states.push(StateName::PasswordCreation);
                } else if !has_passkey {
                    states.push(StateName::OnboardingCreatePasskey);
                }
            }
            (Always, Conditional) | (Always, Never) | (Conditional, Never) => {
                let wanted = if passkey == Conditional {
                    neither
                } else {
                    !has_passkey
                };
                if wanted {
                    states.push(StateName::OnboardingCreatePasskey);
                }
            }
            (Conditional, Always) | (Never, Always) | (Never, Conditional) => {
                let wanted = if password == Always {
                    !has_password
                } else {
                    neither
                };
                if wanted {
                    states.push(StateName::PasswordCreation);
                }
            }
            (Conditional, Conditional) => {
                if neither {
                    states.push(StateName::CredentialOnboardingChooser);
                }
            }
            (Never, Never) => {}
        }
    } else if passkey_enabled && passkey != Never {
        if !has_passkey {
            states.push(StateName::OnboardingCreatePasskey);
        }
    } else if password_enabled && password != Never && !has_password {
        states.push(StateName::PasswordCreation);
    }
    states
}

/// The account name shown by authenticator apps and WebAuthn: the email, else the username, else the
/// user id.
pub fn account_name(store: &Store, flow: &Flow) -> String {
    let user = flow.user_id.and_then(|id| store.users.get(&id));
    user.and_then(|u| u.primary_email().map(|e| e.address.clone()))
        .or_else(|| user.and_then(|u| u.username.clone()))
        .or_else(|| flow.user_id.map(|id| id.to_string()))
        .unwrap_or_else(|| "user".into())
}
