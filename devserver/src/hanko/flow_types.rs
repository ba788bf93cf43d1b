//! Wire types of Flow API responses (Hanko's `flowpilot.Response`).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

/// `{code, message}` of a flow or input error.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ResponseError {
    /// Machine-readable code.
    pub code: &'static str,
    /// Hanko's English message.
    pub message: &'static str,
}

/// Flow error `technical_error` (500).
pub const TECHNICAL_ERROR: ResponseError = ResponseError {
    code: "technical_error",
    message: "Something went wrong.",
};
/// Flow error `flow_expired_error` (410).
pub const FLOW_EXPIRED: ResponseError = ResponseError {
    code: "flow_expired_error",
    message: "The flow has expired.",
};
/// Flow error `operation_not_permitted_error` (403).
pub const OPERATION_NOT_PERMITTED: ResponseError = ResponseError {
    code: "operation_not_permitted_error",
    message: "The operation is not permitted.",
};
/// Flow error `form_data_invalid_error` (400).
pub const FORM_DATA_INVALID: ResponseError = ResponseError {
    code: "form_data_invalid_error",
    message: "Form data invalid.",
};
/// Flow error `rate_limit_exceeded` (429).
pub const RATE_LIMIT_EXCEEDED: ResponseError = ResponseError {
    code: "rate_limit_exceeded",
    message: "The rate limit has been exceeded.",
};
/// Error `passcode_invalid`: an input error at `code` (with `form_data_invalid_error`, 400) for a
/// wrong or expired passcode, as Hanko's `verify_passcode`; also the TOTP set-up's wrong code.
pub const PASSCODE_INVALID: ResponseError = ResponseError {
    code: "passcode_invalid",
    message: "The passcode is invalid.",
};
/// Flow error `passcode_max_attempts_reached` (401).
pub const PASSCODE_MAX_ATTEMPTS_REACHED: ResponseError = ResponseError {
    code: "passcode_max_attempts_reached",
    message: "The passcode was entered wrong too many times.",
};
/// Flow error `passkey_invalid` (401).
pub const PASSKEY_INVALID: ResponseError = ResponseError {
    code: "passkey_invalid",
    message: "The passkey is invalid.",
};
/// Input error `email_already_exists`.
pub const EMAIL_ALREADY_EXISTS: ResponseError = ResponseError {
    code: "email_already_exists",
    message: "The email address already exists.",
};
/// Input error `username_already_exists`.
pub const USERNAME_ALREADY_EXISTS: ResponseError = ResponseError {
    code: "username_already_exists",
    message: "The username already exists.",
};
/// Input error `invalid_username_error`.
pub const INVALID_USERNAME: ResponseError = ResponseError {
    code: "invalid_username_error",
    message: "The username is invalid.",
};
/// Input error `value_too_long_error`.
pub const VALUE_TOO_LONG: ResponseError = ResponseError {
    code: "value_too_long_error",
    message: "Value is too long.",
};
/// Input error `value_too_short_error`.
pub const VALUE_TOO_SHORT: ResponseError = ResponseError {
    code: "value_too_short_error",
    message: "Value is too short.",
};
/// Input error `value_missing_error`.
pub const VALUE_MISSING: ResponseError = ResponseError {
    code: "value_missing_error",
    message: "Missing value.",
};
/// Input error `value_invalid_error`.
pub const VALUE_INVALID: ResponseError = ResponseError {
    code: "value_invalid_error",
    message: "The value is invalid.",
};

/// `{value, name}` of an allowed value.
#[derive(Debug, Clone, Serialize)]
pub struct AllowedValue {
    /// Value to send.
    pub value: &'static str,
    /// Display name.
    pub name: &'static str,
}

/// An action input.
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    /// Input name.
    pub name: &'static str,
    /// `string`, `boolean`, ...
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Minimum length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    /// Maximum length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// Required flag (Hanko writes it only when set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Hidden flag (Hanko writes it only when set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// Input-level error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ResponseError>,
    /// Allowed values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_values: Option<Vec<AllowedValue>>,
}

impl Input {
    /// A hidden input of `kind`, required or not.
    pub fn hidden(name: &'static str, kind: &'static str, required: bool) -> Input {
        Input {
            name,
            kind,
            min_length: None,
            max_length: None,
            required: required.then_some(true),
            hidden: Some(true),
            error: None,
            allowed_values: None,
        }
    }
}

/// An offered action.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseAction {
    /// `/<flow>?action=<name>%40<flow id>`.
    pub href: String,
    /// Inputs by name.
    pub inputs: BTreeMap<&'static str, Input>,
    /// Action name.
    pub action: &'static str,
    /// Description.
    pub description: &'static str,
}

/// A Flow API response body.
#[derive(Debug, Clone, Serialize)]
pub struct FlowResponse {
    /// State name.
    pub name: &'static str,
    /// Equals the HTTP status.
    pub status: u16,
    /// State payload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
    /// CSRF token for the next action (empty in error results).
    pub csrf_token: String,
    /// Offered actions by name.
    pub actions: BTreeMap<&'static str, ResponseAction>,
    /// Flow error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ResponseError>,
    /// Links (Hanko sends `null` when there are none).
    pub links: Option<Vec<Value>>,
}

/// Flow error `webauthn_credential_invalid_mfa_only` (401): a security key used as a passkey.
pub const WEBAUTHN_CREDENTIAL_INVALID_MFA_ONLY: ResponseError = ResponseError {
    code: "webauthn_credential_invalid_mfa_only",
    message: "This credential can be used as a second factor security key only.",
};
/// Flow error `flow_discontinuity_error` (500).
pub const FLOW_DISCONTINUITY: ResponseError = ResponseError {
    code: "flow_discontinuity_error",
    message: "The flow can't be continued.",
};
/// Input error `unknown_email_error`.
pub const UNKNOWN_EMAIL: ResponseError = ResponseError {
    code: "unknown_email_error",
    message: "The email address is unknown.",
};
/// Input error `unknown_username_error`.
pub const UNKNOWN_USERNAME: ResponseError = ResponseError {
    code: "unknown_username_error",
    message: "The username is unknown.",
};
/// Input error `otp_code_invalid` (Hanko HEAD; up to 3.0.4 `passcode_invalid`).
pub const OTP_CODE_INVALID: ResponseError = ResponseError {
    code: "otp_code_invalid",
    message: "The OTP code is invalid.",
};
/// Input error `otp_code_already_used` (RFC 6238 §5.2 replay protection).
pub const OTP_CODE_ALREADY_USED: ResponseError = ResponseError {
    code: "otp_code_already_used",
    message: "The OTP code has already been used.",
};
