//! WebAuthn credential creation for passkeys and security keys: creation options in Hanko's shape
//! (`{"publicKey": {…}}`, base64url without padding) and real attestation verification
//! (`webauthn-rs-core`: client data, RP ID hash, challenge, origin, attestation statement).

use chrono::Utc;
use serde_json::Value;
use webauthn_rs_core::proto::{
    AttestationConveyancePreference, AuthenticatorAttachment, RegisterPublicKeyCredential,
    UserVerificationPolicy,
};

use super::actions::{Outcome, Revert};
use super::flow_types::PASSKEY_INVALID;
use super::schedule::{account_name, schedule_mfa_creation};
use super::Hanko;
use crate::store::{Flow, Store, WebauthnCredential};

/// Starts a registration ceremony for the flow's user and returns the `creation_options` payload.
/// Passkeys: resident key required, user verification preferred. Security keys (`security_key`):
/// no resident key, user verification discouraged, cross-platform. Attestation `direct` for both.
pub fn creation_options(
    app: &Hanko,
    store: &Store,
    flow: &mut Flow,
    security_key: bool,
) -> Result<Value, String> {
    let user_id = flow.user_id.ok_or("no user in the flow")?;
    let user = store.users.get(&user_id).ok_or("flow user not found")?;
    let name = account_name(store, flow);
    let display_name = user.username.clone().unwrap_or_else(|| name.clone());
    let exclude = user
        .webauthn_credentials
        .iter()
        .map(|c| c.credential.cred_id.clone())
        .collect::<Vec<_>>();
    let builder = app
        .webauthn
        .new_challenge_register_builder(user_id.as_bytes(), &name, &display_name)
        .map_err(|e| format!("webauthn options: {e}"))?
        .attestation(AttestationConveyancePreference::Direct)
        .exclude_credentials(Some(exclude));
    let builder = if security_key {
        builder
            .user_verification_policy(UserVerificationPolicy::Discouraged_DO_NOT_USE)
            .require_resident_key(false)
            .authenticator_attachment(Some(AuthenticatorAttachment::CrossPlatform))
    } else {
        builder
            .user_verification_policy(UserVerificationPolicy::Preferred)
            .require_resident_key(true)
    };
    let (options, state) = app
        .webauthn
        .generate_challenge_register(builder)
        .map_err(|e| format!("webauthn options: {e}"))?;
    flow.stash.webauthn_registration = Some(state);
    flow.stash.create_mfa_only_credential = security_key;
    serde_json::to_value(options).map_err(|e| format!("webauthn options: {e}"))
}

/// `webauthn_verify_attestation_response`: verifies `public_key` against the ceremony in the stash and
/// stores the credential. Like Hanko, an invalid attestation still continues, with `passkey_invalid`.
pub fn verify_attestation(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    public_key: Option<&Value>,
) -> Outcome {
    let Some(state) = flow.stash.webauthn_registration.take() else {
        return Outcome::Fail("no webauthn registration in the stash".into());
    };
    let mfa_only = flow.stash.create_mfa_only_credential;
    let parsed = match public_key {
        Some(Value::String(text)) => serde_json::from_str::<RegisterPublicKeyCredential>(text),
        Some(value) => serde_json::from_value::<RegisterPublicKeyCredential>(value.clone()),
        None => serde_json::from_value::<RegisterPublicKeyCredential>(Value::Null),
    };
    let verified = parsed
        .map_err(|e| format!("unreadable attestation: {e}"))
        .and_then(|credential| {
            app.webauthn
                .register_credential(&credential, &state, None)
                .map_err(|e| format!("attestation rejected: {e}"))
        });
    let credential = match verified {
        Ok(credential) => credential,
        Err(reason) => {
            tracing::info!(reason = %reason, "passkey_invalid");
            flow.stash.create_mfa_only_credential = false;
            return Outcome::Continue {
                states: Vec::new(),
                payload: serde_json::json!({}),
                revert: Revert::Prevent,
                error: Some((401, PASSKEY_INVALID)),
            };
        }
    };
    let Some(user) = flow.user_id.and_then(|id| store.users.get_mut(&id)) else {
        return Outcome::Fail("flow user not found".into());
    };
    user.webauthn_credentials.push(WebauthnCredential {
        credential,
        mfa_only,
        created_at: Utc::now(),
    });
    user.updated_at = Utc::now();
    tracing::info!(mfa_only, "webauthn credential registered");
    flow.stash.create_mfa_only_credential = false;
    if mfa_only {
        flow.stash.user_has_security_key = true;
    } else {
        flow.stash.user_has_passkey = true;
    }
    schedule_mfa_creation(app, flow);
    Outcome::Continue {
        states: Vec::new(),
        payload: serde_json::json!({}),
        revert: Revert::Prevent,
        error: None,
    }
}
