//! WebAuthn sign-in: request options in Hanko's shape (`{"publicKey": {…}}`, base64url without
//! padding) and real assertion verification with `webauthn-rs-core` (client data type, challenge,
//! origin, RP ID hash, user presence and verification policy, ES256/RS256 signature, counter).
//!
//! Passkey sign-in is discoverable: `allowCredentials` is empty and the credential is looked up by its
//! id among all users; a user handle, when sent, must be the owner's 16 user-id bytes. Security keys as
//! second factor list the user's credentials in `allowCredentials`.

use serde_json::Value;
use uuid::Uuid;
use webauthn_rs_core::proto::{PublicKeyCredential, UserVerificationPolicy};

use super::Hanko;
use crate::store::{Flow, Store};

/// Why an assertion was refused.
#[derive(Debug)]
pub enum AssertionError {
    /// Unreadable, unknown credential, wrong user or failed verification: Hanko's `passkey_invalid`.
    Invalid(String),
    /// A security key (MFA only) used as a passkey: `webauthn_credential_invalid_mfa_only`.
    MfaOnly,
    /// The assertion belongs to another user than the one the flow identified.
    OtherUser,
    /// No ceremony in progress (an internal error, as in Hanko).
    NoCeremony,
}

/// Starts a discoverable passkey ceremony (user verification `preferred`, Hanko's
/// `passkey.user_verification` default) and returns the `request_options` payload. With `user`, the
/// ceremony is bound to that user's passkeys (`privacy.only_show_actual_login_methods`).
pub fn passkey_options(
    app: &Hanko,
    store: &Store,
    flow: &mut Flow,
    user: Option<Uuid>,
) -> Result<Value, String> {
    let creds = user
        .and_then(|id| store.users.get(&id))
        .map(|u| {
            u.webauthn_credentials
                .iter()
                .filter(|c| !c.mfa_only)
                .map(|c| c.credential.clone())
                .collect()
        })
        .unwrap_or_default();
    start(app, flow, creds, UserVerificationPolicy::Preferred)
}

/// Starts a second-factor ceremony for the flow's user: `allowCredentials` lists all their WebAuthn
/// credentials (as Hanko does), user verification `discouraged` (Hanko's
/// `mfa.security_keys.user_verification` default).
pub fn security_key_options(app: &Hanko, store: &Store, flow: &mut Flow) -> Result<Value, String> {
    let user = flow
        .user_id
        .and_then(|id| store.users.get(&id))
        .ok_or("flow user not found")?;
    let creds = user
        .webauthn_credentials
        .iter()
        .map(|c| c.credential.clone())
        .collect();
    start(
        app,
        flow,
        creds,
        UserVerificationPolicy::Discouraged_DO_NOT_USE,
    )
}

fn start(
    app: &Hanko,
    flow: &mut Flow,
    creds: Vec<webauthn_rs_core::proto::Credential>,
    policy: UserVerificationPolicy,
) -> Result<Value, String> {
    let builder = app
        .webauthn
        .new_challenge_authenticate_builder(creds, Some(policy))
        .map_err(|e| format!("webauthn request options: {e}"))?;
    let (options, state) = app
        .webauthn
        .generate_challenge_authenticate(builder)
        .map_err(|e| format!("webauthn request options: {e}"))?;
    flow.stash.webauthn_authentication = Some(state);
    serde_json::to_value(options).map_err(|e| format!("webauthn request options: {e}"))
}

/// Verifies `assertion_response` (a JSON string or object) against the ceremony in the stash. `mfa`:
/// the credential must belong to the flow's user and may be a security key; otherwise security keys are
/// refused. On success the stored counter and backup flags are updated, the ceremony is ended and the
/// owner's id returned.
pub fn verify(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    response: Option<&Value>,
    mfa: bool,
) -> Result<Uuid, AssertionError> {
    let Some(state) = flow.stash.webauthn_authentication.clone() else {
        return Err(AssertionError::NoCeremony);
    };
    let parsed = match response {
        Some(Value::String(text)) => serde_json::from_str::<PublicKeyCredential>(text),
        Some(value) => serde_json::from_value::<PublicKeyCredential>(value.clone()),
        None => serde_json::from_value::<PublicKeyCredential>(Value::Null),
    }
    .map_err(|e| AssertionError::Invalid(format!("unreadable assertion: {e}")))?;
    let raw_id = parsed.raw_id.as_slice().to_vec();
    let owner = store
        .users
        .values()
        .filter(|u| !u.registration_pending)
        .find_map(|u| {
            u.webauthn_credentials
                .iter()
                .find(|c| c.credential.cred_id.as_slice() == raw_id.as_slice())
                .map(|c| (u.id, c.mfa_only, c.credential.clone()))
        });
    let Some((user_id, mfa_only, credential)) = owner else {
        return Err(AssertionError::Invalid("unknown credential".into()));
    };
    if !mfa && mfa_only {
        return Err(AssertionError::MfaOnly);
    }
    if mfa && flow.user_id != Some(user_id) {
        return Err(AssertionError::Invalid("credential of another user".into()));
    }
    if let Some(handle) = parsed.get_user_unique_id() {
        if handle != user_id.as_bytes() {
            return Err(AssertionError::Invalid("user handle does not match".into()));
        }
    }
    let mut state = state;
    state.set_allowed_credentials(vec![credential]);
    let result = app
        .webauthn
        .authenticate_credential(&parsed, &state)
        .map_err(|e| AssertionError::Invalid(format!("assertion rejected: {e}")))?;
    if !mfa && flow.user_id.is_some_and(|id| id != user_id) {
        return Err(AssertionError::OtherUser);
    }
    if let Some(stored) = store.users.get_mut(&user_id).and_then(|u| {
        u.webauthn_credentials
            .iter_mut()
            .find(|c| c.credential.cred_id.as_slice() == raw_id.as_slice())
    }) {
        stored.credential.counter = stored.credential.counter.max(result.counter());
        stored.credential.backup_state = result.backup_state();
        stored.credential.backup_eligible = result.backup_eligible();
    }
    flow.stash.webauthn_authentication = None;
    tracing::info!(user = %user_id, mfa, "webauthn assertion verified");
    Ok(user_id)
}
