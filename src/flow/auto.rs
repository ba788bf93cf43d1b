//! The states that need no UI, like the official SDK's auto-steps: what the engine does by
//! itself when the backend answers with one of them.
//!
//! | state | step |
//! |---|---|
//! | `preflight` | detect the browser's WebAuthn support, send `register_client_capabilities` |
//! | `thirdparty` | save the flow and go to `payload.redirect_url` (or `back` when it carries an error) |
//! | `success` | report the session |
//! | `error` | end the flow with its error |
//! | `onboarding_verify_passkey_attestation`, `webauthn_credential_verification` | `navigator.credentials.create` with `payload.creation_options`, then `webauthn_verify_attestation_response` |
//! | `login_passkey` | `navigator.credentials.get` with `payload.request_options`, then `webauthn_verify_assertion_response` |
//!
//! Every other state, including ones Hanko adds later, is shown by the view model.

use serde_json::Value;

use crate::protocol::types::FlowResponse;

/// What the engine does for a state without UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoStep {
    /// Report the browser's capabilities.
    Capabilities,
    /// Go to the provider, or step back when the state carries an error.
    Thirdparty,
    /// Signed in.
    Success,
    /// The flow ended with an error.
    Error,
    /// A WebAuthn ceremony, then an action with its result.
    Webauthn(Ceremony),
}

/// A WebAuthn ceremony: which browser call, which options, and where the result goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ceremony {
    /// `navigator.credentials.create` (`true`) or `get` (`false`).
    pub create: bool,
    /// The payload field with the options (`{"publicKey": {...}}`).
    pub options: &'static str,
    /// The action that takes the result.
    pub action: &'static str,
    /// The action's input that takes the result (webauthn-json shape).
    pub input: &'static str,
}

/// Attestation: create a passkey or security key.
pub const CREATE: Ceremony = Ceremony {
    create: true,
    options: "creation_options",
    action: "webauthn_verify_attestation_response",
    input: "public_key",
};

/// Assertion: sign in with a passkey or security key.
pub const GET: Ceremony = Ceremony {
    create: false,
    options: "request_options",
    action: "webauthn_verify_assertion_response",
    input: "assertion_response",
};

/// The auto-step of state `name`, or `None` when the state is shown.
///
/// ```
/// use hanko_elements::flow::auto::{auto_step, AutoStep, CREATE};
/// assert_eq!(auto_step("preflight"), Some(AutoStep::Capabilities));
/// assert_eq!(auto_step("onboarding_verify_passkey_attestation"), Some(AutoStep::Webauthn(CREATE)));
/// assert_eq!(auto_step("passcode_confirmation"), None);
/// assert_eq!(auto_step("a_state_from_next_year"), None);
/// ```
pub fn auto_step(name: &str) -> Option<AutoStep> {
    Some(match name {
        "preflight" => AutoStep::Capabilities,
        "thirdparty" => AutoStep::Thirdparty,
        "success" => AutoStep::Success,
        "error" => AutoStep::Error,
        "onboarding_verify_passkey_attestation" | "webauthn_credential_verification" => {
            AutoStep::Webauthn(CREATE)
        }
        "login_passkey" => AutoStep::Webauthn(GET),
        _ => return None,
    })
}

/// The options of the passkey autofill a shown state asks for: `payload.request_options` (Hanko
/// sends them on `login_init` when the browser reported conditional mediation) together with an
/// action that takes the assertion. The engine runs `navigator.credentials.get` with
/// `mediation: "conditional"` while the state is on screen, and the view marks its identifier
/// input with the `webauthn` autocomplete token.
///
/// ```
/// use hanko_elements::flow::auto::autofill_options;
/// use hanko_elements::protocol::types::FlowResponse;
/// let state: FlowResponse = serde_json::from_str(r#"{"name": "login_init", "csrf_token": "c",
///   "payload": {"request_options": {"publicKey": {"challenge": "AQID"}}},
///   "actions": {"webauthn_verify_assertion_response": {"action": "webauthn_verify_assertion_response",
///     "href": "/login?action=webauthn_verify_assertion_response%40f",
///     "inputs": {"assertion_response": {"name": "assertion_response", "type": "json", "required": true}}}}}"#).unwrap();
/// assert_eq!(autofill_options(&state), Some(serde_json::json!({"publicKey": {"challenge": "AQID"}})));
/// let mut without = state.clone();
/// without.payload = serde_json::json!({});
/// assert_eq!(autofill_options(&without), None);
/// ```
pub fn autofill_options(state: &FlowResponse) -> Option<Value> {
    state.action(GET.action)?;
    state
        .payload
        .get(GET.options)
        .filter(|o| o.get("publicKey").is_some_and(Value::is_object))
        .cloned()
}

/// The browser's WebAuthn support, sent with `register_client_capabilities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    /// `window.PublicKeyCredential` and `navigator.credentials` exist.
    pub webauthn: bool,
    /// `PublicKeyCredential.isConditionalMediationAvailable()` resolved to `true`.
    pub conditional_mediation: bool,
    /// `PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()` resolved to `true`.
    pub platform_authenticator: bool,
}

impl Capabilities {
    /// The inputs of `register_client_capabilities`, by name.
    pub fn inputs(self) -> [(&'static str, bool); 3] {
        [
            ("webauthn_available", self.webauthn),
            (
                "webauthn_conditional_mediation_available",
                self.conditional_mediation,
            ),
            (
                "webauthn_platform_authenticator_available",
                self.platform_authenticator,
            ),
        ]
    }
}
