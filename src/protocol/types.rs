//! Types of Hanko's Flow API and session endpoints, with their JSON form.
//!
//! Every type tolerates unknown fields, missing optional fields and `null` where Go may send it;
//! optional fields of the wrong type are read as absent instead of failing the whole answer.
//! Only a missing or non-string state `name` makes a flow answer unreadable.
//!
//! A body is parsed once, into a [`serde_json::Value`], and each type reads its fields from that
//! (`from_json`) and writes itself back as one (`to_json`). The `Deserialize` and `Serialize`
//! implementations go through the same two functions, so every way in reads alike; and the
//! bundle carries one JSON parser instead of a derived one per type and deserializer.

use serde::de::{Deserializer, Error as _};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// `value` as compact JSON text, the way every JSON this crate writes is written (rather than by
/// `Value`'s `Display`, which would add a second, formatter-driven serializer to the bundle).
///
/// ```
/// use hanko_elements::protocol::types::json_text;
/// assert_eq!(json_text(&serde_json::json!({"a": [1, "b"]})), r#"{"a":[1,"b"]}"#);
/// ```
pub fn json_text(value: &Value) -> String {
    // Writing a `Value` fails only for non-string map keys, which a `Value` cannot have.
    serde_json::to_string(value).unwrap_or_default()
}

/// A string field; `None` when absent or not a string.
fn text(fields: &Map<String, Value>, key: &str) -> Option<String> {
    fields.get(key)?.as_str().map(str::to_owned)
}

/// A boolean field; `None` when absent or not a boolean.
fn flag(fields: &Map<String, Value>, key: &str) -> Option<bool> {
    fields.get(key)?.as_bool()
}

/// A whole non-negative number; `None` when absent or anything else.
fn count(fields: &Map<String, Value>, key: &str) -> Option<u64> {
    fields.get(key)?.as_u64()
}

/// An HTTP status; 0 when absent, not a whole number or out of range.
fn status(fields: &Map<String, Value>, key: &str) -> u16 {
    count(fields, key)
        .and_then(|n| u16::try_from(n).ok())
        .unwrap_or_default()
}

/// A field of any JSON type; `None` when absent or `null`.
fn any(fields: &Map<String, Value>, key: &str) -> Option<Value> {
    fields.get(key).filter(|v| !v.is_null()).cloned()
}

/// A map of objects, skipping entries that do not read (one odd action does not hide the others);
/// empty when the field is not an object.
fn readable_map<T>(
    fields: &Map<String, Value>,
    key: &str,
    read: fn(&Value) -> Option<T>,
) -> BTreeMap<String, T> {
    let mut map = BTreeMap::new();
    if let Some(Value::Object(entries)) = fields.get(key) {
        for (name, value) in entries {
            if let Some(entry) = read(value) {
                map.insert(name.clone(), entry);
            }
        }
    }
    map
}

/// Builds a JSON object, leaving out the optional fields that are `None`.
#[derive(Default)]
struct Object(Map<String, Value>);

impl Object {
    fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    fn with_some(self, key: &str, value: Option<impl Into<Value>>) -> Self {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }
}

impl From<Object> for Value {
    fn from(object: Object) -> Value {
        Value::Object(object.0)
    }
}

/// `Deserialize` by [`Value`] and the type's `from_json`, `Serialize` by its `to_json`.
macro_rules! json_form {
    ($($ty:ident: $what:literal),* $(,)?) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = Value::deserialize(deserializer)?;
                $ty::from_json(&value).ok_or_else(|| D::Error::custom(concat!("not ", $what)))
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.to_json().serialize(serializer)
            }
        }
    )*};
}

json_form! {
    FlowError: "a flow error",
    AllowedValue: "an allowed value",
    Input: "an input",
    Action: "an action",
    FlowResponse: "a Hanko flow state",
    ActionRequest: "an action request",
    ClaimsEmail: "an email claim",
    Claims: "session claims",
    SessionValidation: "a session validation",
    ApiError: "an API error",
    SavedFlowState: "a saved flow state",
    LastLogin: "a last login",
}

/// A flow-level or input-level error: `{code, message, cause?}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowError {
    /// Machine-readable code, e.g. `form_data_invalid_error`.
    pub code: String,
    /// Human-readable text from the backend (English).
    pub message: Option<String>,
    /// Underlying cause, sent only when the backend runs in debug mode.
    pub cause: Option<String>,
}

impl FlowError {
    /// Reads an error; `None` unless `value` is an object with a string `code`.
    pub fn from_json(value: &Value) -> Option<FlowError> {
        let fields = value.as_object()?;
        Some(FlowError {
            code: text(fields, "code")?,
            message: text(fields, "message"),
            cause: text(fields, "cause"),
        })
    }

    /// The error as JSON.
    pub fn to_json(&self) -> Value {
        Object::default()
            .with("code", self.code.as_str())
            .with_some("message", self.message.as_deref())
            .with_some("cause", self.cause.as_deref())
            .into()
    }
}

/// One allowed value of an input, e.g. `{value: "microsoft", name: "Microsoft"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedValue {
    /// The value to send.
    pub value: String,
    /// Display name.
    pub name: String,
}

impl AllowedValue {
    /// Reads an allowed value; `None` unless `value` is an object with a string `value`.
    pub fn from_json(value: &Value) -> Option<AllowedValue> {
        let fields = value.as_object()?;
        Some(AllowedValue {
            value: text(fields, "value")?,
            name: text(fields, "name").unwrap_or_default(),
        })
    }

    /// The allowed value as JSON.
    pub fn to_json(&self) -> Value {
        Object::default()
            .with("value", self.value.as_str())
            .with("name", self.name.as_str())
            .into()
    }
}

/// One input of an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// Input name (also its key in the action's `inputs`).
    pub name: String,
    /// `string`, `boolean`, `email`, `number`, `password` or `json` (JSON field `type`).
    pub kind: String,
    /// Default value.
    pub value: Option<Value>,
    /// Minimum length.
    pub min_length: Option<u64>,
    /// Maximum length.
    pub max_length: Option<u64>,
    /// Whether the input must be sent.
    pub required: Option<bool>,
    /// Whether the input is meant to be filled by the client, not the user.
    pub hidden: Option<bool>,
    /// Input-level error.
    pub error: Option<FlowError>,
    /// Allowed values (e.g. the providers of `thirdparty_oauth`); entries that do not read are
    /// left out, and the whole field is `None` when it is not an array.
    pub allowed_values: Option<Vec<AllowedValue>>,
}

impl Input {
    /// Reads an input; `None` unless `value` is an object.
    pub fn from_json(value: &Value) -> Option<Input> {
        let fields = value.as_object()?;
        Some(Input {
            name: text(fields, "name").unwrap_or_default(),
            kind: text(fields, "type").unwrap_or_default(),
            value: any(fields, "value"),
            min_length: count(fields, "min_length"),
            max_length: count(fields, "max_length"),
            required: flag(fields, "required"),
            hidden: flag(fields, "hidden"),
            error: fields.get("error").and_then(FlowError::from_json),
            allowed_values: fields
                .get("allowed_values")
                .and_then(Value::as_array)
                .map(|values| values.iter().filter_map(AllowedValue::from_json).collect()),
        })
    }

    /// The input as JSON.
    pub fn to_json(&self) -> Value {
        Object::default()
            .with("name", self.name.as_str())
            .with("type", self.kind.as_str())
            .with_some("value", self.value.clone())
            .with_some("min_length", self.min_length)
            .with_some("max_length", self.max_length)
            .with_some("required", self.required)
            .with_some("hidden", self.hidden)
            .with_some("error", self.error.as_ref().map(FlowError::to_json))
            .with_some(
                "allowed_values",
                self.allowed_values
                    .as_ref()
                    .map(|values| values.iter().map(AllowedValue::to_json).collect::<Vec<_>>()),
            )
            .into()
    }
}

/// An action the current state offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// Action name, e.g. `thirdparty_oauth`.
    pub action: String,
    /// Where to post it, relative to the API base, e.g. `/login?action=thirdparty_oauth%40<flow-id>`.
    pub href: String,
    /// Inputs by name.
    pub inputs: BTreeMap<String, Input>,
    /// Description (not shown).
    pub description: Option<String>,
}

impl Action {
    /// Reads an action; `None` unless `value` is an object with a string `href`.
    pub fn from_json(value: &Value) -> Option<Action> {
        let fields = value.as_object()?;
        Some(Action {
            action: text(fields, "action").unwrap_or_default(),
            href: text(fields, "href")?,
            inputs: readable_map(fields, "inputs", Input::from_json),
            description: text(fields, "description"),
        })
    }

    /// The action as JSON (`description` is `null` when absent, as Hanko sends it).
    pub fn to_json(&self) -> Value {
        let mut inputs = Map::new();
        for (name, input) in &self.inputs {
            inputs.insert(name.clone(), input.to_json());
        }
        Object::default()
            .with("action", self.action.as_str())
            .with("href", self.href.as_str())
            .with("inputs", inputs)
            .with("description", self.description.as_deref())
            .into()
    }
}

/// One answer of the Flow API (any HTTP status).
///
/// ```
/// use hanko_elements::protocol::types::FlowResponse;
/// let state: FlowResponse = serde_json::from_str(r#"{"name":"login_init","status":200,"csrf_token":"c"}"#).unwrap();
/// assert_eq!(state.name, "login_init");
/// assert!(state.actions.is_empty());
/// assert_eq!(state.to_json()["csrf_token"], "c");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FlowResponse {
    /// State name, e.g. `preflight`, `login_init`, `thirdparty`, `success`, `error`.
    pub name: String,
    /// The HTTP status the backend meant (equals the response status).
    pub status: u16,
    /// State-specific data (`redirect_url`, `claims`, `retry_after`, ...); `null` when absent.
    pub payload: Value,
    /// CSRF token to send with the next action (new on every answer).
    pub csrf_token: String,
    /// The actions this state offers, by name; an action that is not offered is absent.
    pub actions: BTreeMap<String, Action>,
    /// Flow-level error.
    pub error: Option<FlowError>,
    /// Links (ignored).
    pub links: Option<Value>,
}

impl FlowResponse {
    /// Reads a flow state; `None` unless `value` is an object with a string `name`.
    pub fn from_json(value: &Value) -> Option<FlowResponse> {
        let fields = value.as_object()?;
        Some(FlowResponse {
            name: text(fields, "name")?,
            status: status(fields, "status"),
            payload: fields.get("payload").cloned().unwrap_or_default(),
            csrf_token: text(fields, "csrf_token").unwrap_or_default(),
            actions: readable_map(fields, "actions", Action::from_json),
            error: fields.get("error").and_then(FlowError::from_json),
            links: any(fields, "links"),
        })
    }

    /// The state as JSON, its fields only.
    fn fields(&self) -> Object {
        let mut actions = Map::new();
        for (name, action) in &self.actions {
            actions.insert(name.clone(), action.to_json());
        }
        Object::default()
            .with("name", self.name.as_str())
            .with("status", self.status)
            .with("payload", self.payload.clone())
            .with("csrf_token", self.csrf_token.as_str())
            .with("actions", actions)
            .with_some("error", self.error.as_ref().map(FlowError::to_json))
            .with_some("links", self.links.clone())
    }

    /// The state as JSON.
    pub fn to_json(&self) -> Value {
        self.fields().into()
    }

    /// The action `name`, if the state offers it.
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.get(name)
    }

    /// A string field of the payload.
    pub fn payload_str(&self, key: &str) -> Option<&str> {
        self.payload.get(key).and_then(Value::as_str)
    }

    /// `payload.retry_after` (seconds) of a `rate_limit_exceeded` answer.
    pub fn retry_after(&self) -> Option<u32> {
        seconds_in(self.payload.get("retry_after")?)
    }

    /// The providers offered by `thirdparty_oauth` (`inputs.provider.allowed_values`), in the backend's order.
    /// Empty when the action is absent.
    pub fn providers(&self) -> Vec<AllowedValue> {
        self.action("thirdparty_oauth")
            .and_then(|action| action.inputs.get("provider"))
            .and_then(|input| input.allowed_values.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|provider| !provider.value.is_empty())
            .collect()
    }
}

/// The body of an action request: `{"input_data": {...}, "csrf_token": "..."}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionRequest {
    /// Input values by name.
    pub input_data: Map<String, Value>,
    /// The `csrf_token` of the state being acted on.
    pub csrf_token: String,
}

impl ActionRequest {
    /// Reads a request body; `None` unless both fields are there with their types.
    pub fn from_json(value: &Value) -> Option<ActionRequest> {
        let fields = value.as_object()?;
        Some(ActionRequest {
            input_data: fields.get("input_data")?.as_object()?.clone(),
            csrf_token: text(fields, "csrf_token")?,
        })
    }

    /// The body as JSON.
    pub fn to_json(&self) -> Value {
        Object::default()
            .with("input_data", self.input_data.clone())
            .with("csrf_token", self.csrf_token.as_str())
            .into()
    }
}

/// `claims.email` of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimsEmail {
    /// The address.
    pub address: String,
    /// Whether it is the user's primary address.
    pub is_primary: bool,
    /// Whether it is verified.
    pub is_verified: bool,
}

impl ClaimsEmail {
    /// Reads an email claim; `None` unless `value` is an object with a string `address`.
    pub fn from_json(value: &Value) -> Option<ClaimsEmail> {
        let fields = value.as_object()?;
        Some(ClaimsEmail {
            address: text(fields, "address")?,
            is_primary: flag(fields, "is_primary").unwrap_or_default(),
            is_verified: flag(fields, "is_verified").unwrap_or_default(),
        })
    }

    /// The email claim as JSON.
    pub fn to_json(&self) -> Value {
        Object::default()
            .with("address", self.address.as_str())
            .with("is_primary", self.is_primary)
            .with("is_verified", self.is_verified)
            .into()
    }
}

/// Session claims (`success` payload and `/sessions/validate`). Unknown (custom) claims are kept in `extra`.
#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    /// User id.
    pub subject: String,
    /// Session id.
    pub session_id: Option<String>,
    /// Expiry (RFC 3339).
    pub expiration: Option<String>,
    /// Primary email.
    pub email: Option<ClaimsEmail>,
    /// Username.
    pub username: Option<String>,
    /// Every other claim (`issued_at`, `audience`, `issuer`, custom claims, ...).
    pub extra: Map<String, Value>,
}

/// The claims [`Claims`] has a field for.
const KNOWN_CLAIMS: [&str; 5] = ["subject", "session_id", "expiration", "email", "username"];

impl Claims {
    /// Reads claims leniently from JSON; `None` if `value` is not an object.
    pub fn from_json(value: &Value) -> Option<Claims> {
        let fields = value.as_object()?;
        let mut extra = Map::new();
        for (key, value) in fields {
            if !KNOWN_CLAIMS.contains(&key.as_str()) {
                extra.insert(key.clone(), value.clone());
            }
        }
        Some(Claims {
            subject: text(fields, "subject").unwrap_or_default(),
            session_id: text(fields, "session_id"),
            expiration: text(fields, "expiration"),
            email: fields.get("email").and_then(ClaimsEmail::from_json),
            username: text(fields, "username"),
            extra,
        })
    }

    /// The claims as JSON, the custom ones included.
    pub fn to_json(&self) -> Value {
        Object(self.extra.clone())
            .with("subject", self.subject.as_str())
            .with_some("session_id", self.session_id.as_deref())
            .with_some("expiration", self.expiration.as_deref())
            .with_some("email", self.email.as_ref().map(ClaimsEmail::to_json))
            .with_some("username", self.username.as_deref())
            .into()
    }
}

/// Whole seconds from a JSON number (fractions round up) or a numeric string, as Hanko's payloads
/// send them (`retry_after`, `resend_after`); `None` for anything else or a negative number.
///
/// ```
/// use hanko_elements::protocol::types::seconds_in;
/// use serde_json::json;
/// assert_eq!(seconds_in(&json!(1.2)), Some(2));
/// assert_eq!(seconds_in(&json!(" 30 ")), Some(30));
/// assert_eq!(seconds_in(&json!(-1)), None);
/// ```
pub fn seconds_in(value: &Value) -> Option<u32> {
    let seconds = value
        .as_u64()
        .or_else(|| {
            value
                .as_f64()
                .filter(|s| *s >= 0.0)
                .map(|s| s.ceil() as u64)
        })
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))?;
    Some(u32::try_from(seconds).unwrap_or(u32::MAX))
}

/// Answer of `GET /sessions/validate` (`Default`: not valid).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SessionValidation {
    /// Whether the session is valid.
    pub is_valid: bool,
    /// Session claims when valid (raw JSON, see [`Claims::from_json`]).
    pub claims: Option<Value>,
    /// Expiry (RFC 3339, deprecated by Hanko; use `claims.expiration`).
    pub expiration_time: Option<String>,
    /// User id (deprecated by Hanko; use `claims.subject`).
    pub user_id: Option<String>,
}

impl SessionValidation {
    /// Reads the answer; `None` unless `value` is an object.
    pub fn from_json(value: &Value) -> Option<SessionValidation> {
        let fields = value.as_object()?;
        Some(SessionValidation {
            is_valid: flag(fields, "is_valid").unwrap_or_default(),
            claims: any(fields, "claims"),
            expiration_time: text(fields, "expiration_time"),
            user_id: text(fields, "user_id"),
        })
    }

    /// The answer as JSON.
    pub fn to_json(&self) -> Value {
        Object::default()
            .with("is_valid", self.is_valid)
            .with_some("claims", self.claims.clone())
            .with_some("expiration_time", self.expiration_time.as_deref())
            .with_some("user_id", self.user_id.as_deref())
            .into()
    }
}

/// Error body of the non-flow endpoints: `{"code": 401, "message": "Unauthorized"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status as a number.
    pub code: u16,
    /// Status text or message.
    pub message: Option<String>,
}

impl ApiError {
    /// Reads an error body; `None` unless `value` is an object.
    pub fn from_json(value: &Value) -> Option<ApiError> {
        let fields = value.as_object()?;
        Some(ApiError {
            code: status(fields, "code"),
            message: text(fields, "message"),
        })
    }

    /// The error body as JSON.
    pub fn to_json(&self) -> Value {
        Object::default()
            .with("code", self.code)
            .with("message", self.message.as_deref())
            .into()
    }
}

/// localStorage key of the saved flow state (same as hanko-elements).
pub const FLOW_STATE_KEY: &str = "hanko-auth-flow-state";

/// sessionStorage key of the PKCE verifier (same as hanko-elements).
pub const CODE_VERIFIER_KEY: &str = "hanko_pkce_code_verifier";

/// The flow state saved in localStorage ([`FLOW_STATE_KEY`]) before the browser goes to the provider,
/// in hanko-elements' format (`{flow_name, name, status, payload, csrf_token, actions, is_cached}`),
/// plus the chosen `provider` (an extra field hanko-elements ignores).
#[derive(Debug, Clone, PartialEq)]
pub struct SavedFlowState {
    /// `login` or `registration`.
    pub flow_name: String,
    /// The `thirdparty` state (its `exchange_token` action and `csrf_token` are used on return);
    /// its fields sit beside the others in the JSON.
    pub state: FlowResponse,
    /// Always `true` when written (hanko-elements' marker).
    pub is_cached: bool,
    /// The provider the user chose.
    pub provider: Option<String>,
}

impl SavedFlowState {
    /// Reads a saved state; `None` without a string `flow_name` and a readable state.
    pub fn from_json(value: &Value) -> Option<SavedFlowState> {
        let fields = value.as_object()?;
        Some(SavedFlowState {
            flow_name: text(fields, "flow_name")?,
            state: FlowResponse::from_json(value)?,
            is_cached: flag(fields, "is_cached").unwrap_or_default(),
            provider: text(fields, "provider"),
        })
    }

    /// The saved state as JSON.
    pub fn to_json(&self) -> Value {
        self.state
            .fields()
            .with("flow_name", self.flow_name.as_str())
            .with("is_cached", self.is_cached)
            .with_some("provider", self.provider.as_deref())
            .into()
    }

    /// Reads a stored value; `None` for anything unreadable (foreign data, truncated JSON, ...).
    pub fn parse(stored: &str) -> Option<SavedFlowState> {
        SavedFlowState::from_json(&serde_json::from_str(stored).ok()?)
    }

    /// The string to store.
    pub fn to_stored(&self) -> String {
        json_text(&self.to_json())
    }
}

/// The localStorage key of the last sign-in method: `${storage_key}_last_login` (same as hanko-elements).
///
/// ```
/// use hanko_elements::protocol::types::last_login_key;
/// assert_eq!(last_login_key("hanko"), "hanko_last_login");
/// ```
pub fn last_login_key(storage_key: &str) -> String {
    format!("{storage_key}_last_login")
}

/// `payload.last_login` of `success`, as saved in localStorage ([`last_login_key`]), e.g.
/// `{"login_method":"third_party","third_party_provider":"microsoft"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastLogin {
    /// How the user signed in last, e.g. `third_party`, `passkey`, `password`.
    pub login_method: Option<String>,
    /// The provider id when `login_method` is `third_party`, e.g. `microsoft`.
    pub third_party_provider: Option<String>,
}

impl LastLogin {
    /// Reads a last login; `None` unless `value` is an object.
    pub fn from_json(value: &Value) -> Option<LastLogin> {
        let fields = value.as_object()?;
        Some(LastLogin {
            login_method: text(fields, "login_method"),
            third_party_provider: text(fields, "third_party_provider"),
        })
    }

    /// The last login as JSON.
    pub fn to_json(&self) -> Value {
        Object::default()
            .with_some("login_method", self.login_method.as_deref())
            .with_some("third_party_provider", self.third_party_provider.as_deref())
            .into()
    }

    /// The provider of the last third-party sign-in in a stored value; `None` for another login
    /// method, a missing or empty provider, or anything unreadable.
    ///
    /// ```
    /// use hanko_elements::protocol::types::LastLogin;
    /// let stored = r#"{"login_method":"third_party","third_party_provider":"microsoft"}"#;
    /// assert_eq!(LastLogin::provider_in(stored).as_deref(), Some("microsoft"));
    /// assert_eq!(LastLogin::provider_in("not json"), None);
    /// ```
    pub fn provider_in(stored: &str) -> Option<String> {
        let last = LastLogin::from_json(&serde_json::from_str(stored).ok()?)?;
        if last.login_method.as_deref() != Some("third_party") {
            return None;
        }
        last.third_party_provider.filter(|p| !p.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const LOGIN_INIT: &str = r#"{
      "name": "login_init",
      "status": 200,
      "payload": {},
      "csrf_token": "csrf-1",
      "actions": {
        "thirdparty_oauth": {
          "action": "thirdparty_oauth",
          "href": "/login?action=thirdparty_oauth%400b41f4dd-a2d6-4de0-a2a4-5a6c4f4b1a4c",
          "description": "Sign up/sign in with a third party provider via OAuth.",
          "inputs": {
            "provider": {"name": "provider", "type": "string", "required": true, "hidden": true,
              "allowed_values": [{"value": "github", "name": "GitHub"}, {"value": "microsoft", "name": "Microsoft"}]},
            "redirect_to": {"name": "redirect_to", "type": "string", "required": true, "hidden": true},
            "code_verifier": {"name": "code_verifier", "type": "string", "hidden": true}
          }
        },
        "continue_with_login_identifier": {
          "action": "continue_with_login_identifier",
          "href": "/login?action=continue_with_login_identifier%400b41f4dd",
          "inputs": {"email": {"name": "email", "type": "email", "max_length": 100, "required": true}}
        }
      },
      "links": [{"href": "https://example.com/tos", "category": "legal", "name": "tos", "target": "_blank"}]
    }"#;

    #[test]
    fn reads_login_init_with_providers() {
        let state: FlowResponse = serde_json::from_str(LOGIN_INIT).unwrap();
        assert_eq!(state.name, "login_init");
        assert_eq!(state.status, 200);
        assert_eq!(state.csrf_token, "csrf-1");
        let oauth = state.action("thirdparty_oauth").unwrap();
        assert_eq!(
            oauth.href,
            "/login?action=thirdparty_oauth%400b41f4dd-a2d6-4de0-a2a4-5a6c4f4b1a4c"
        );
        assert_eq!(oauth.inputs["provider"].kind, "string");
        assert_eq!(oauth.inputs["provider"].hidden, Some(true));
        let providers = state.providers();
        assert_eq!(providers.len(), 2);
        assert_eq!(providers[1].value, "microsoft");
        assert_eq!(providers[1].name, "Microsoft");
        let email = &state.actions["continue_with_login_identifier"].inputs["email"];
        assert_eq!(email.max_length, Some(100));
        assert!(state.error.is_none());
    }

    #[test]
    fn no_providers_when_action_absent() {
        let state: FlowResponse = serde_json::from_str(
            r#"{"name":"login_init","status":200,"csrf_token":"c","actions":{}}"#,
        )
        .unwrap();
        assert!(state.providers().is_empty());
    }

    #[test]
    fn tolerates_nulls_wrong_types_and_unknown_fields() {
        let state: FlowResponse = serde_json::from_str(
            r#"{"name":"error","status":"500","payload":null,"csrf_token":null,"actions":null,
                "error":{"code":"technical_error","message":7},"future_field":{"x":1}}"#,
        )
        .unwrap();
        assert_eq!(state.name, "error");
        assert_eq!(state.status, 0);
        assert_eq!(state.payload, Value::Null);
        assert_eq!(state.csrf_token, "");
        assert!(state.actions.is_empty());
        let error = state.error.unwrap();
        assert_eq!(error.code, "technical_error");
        assert_eq!(error.message, None);
    }

    #[test]
    fn skips_unreadable_actions_but_keeps_the_rest() {
        let state: FlowResponse = serde_json::from_str(
            r#"{"name":"login_init","actions":{"broken":{"action":"broken"},"back":{"action":"back","href":"/login?action=back%401"},
                "odd":{"action":"thirdparty_oauth","href":"/x","inputs":{"provider":{"name":"provider","type":"string","allowed_values":"nope"}}}}}"#,
        )
        .unwrap();
        assert_eq!(state.actions.len(), 2);
        assert!(state.action("broken").is_none());
        assert_eq!(state.actions["odd"].inputs["provider"].allowed_values, None);
    }

    #[test]
    fn skips_providers_without_value() {
        let state: FlowResponse = serde_json::from_str(
            r#"{"name":"login_init","actions":{"thirdparty_oauth":{"action":"thirdparty_oauth","href":"/x",
                "inputs":{"provider":{"name":"provider","type":"string","allowed_values":[{"value":"","name":"Empty"},{"value":"microsoft"}]}}}}}"#,
        )
        .unwrap();
        let providers = state.providers();
        assert_eq!(providers.len(), 1);
        assert_eq!(providers[0].value, "microsoft");
        assert_eq!(providers[0].name, "");
    }

    #[test]
    fn skips_unreadable_allowed_values_but_keeps_the_rest() {
        let state: FlowResponse = serde_json::from_str(
            r#"{"name":"login_init","actions":{"thirdparty_oauth":{"action":"thirdparty_oauth","href":"/x",
                "inputs":{"provider":{"name":"provider","allowed_values":[{"name":"No value"},"apple",{"value":"microsoft","name":"Microsoft"}]}}}}}"#,
        )
        .unwrap();
        let providers = state.providers();
        assert_eq!(providers.len(), 1);
        assert_eq!(providers[0].value, "microsoft");
    }

    #[test]
    fn flow_state_json_reads_back_as_the_same_state() {
        let state: FlowResponse = serde_json::from_str(LOGIN_INIT).unwrap();
        let written = serde_json::to_string(&state).unwrap();
        assert_eq!(
            serde_json::from_str::<FlowResponse>(&written).unwrap(),
            state
        );
        let json = state.to_json();
        assert_eq!(
            json["actions"]["continue_with_login_identifier"]["inputs"]["email"]["type"],
            "email"
        );
        assert_eq!(
            json["actions"]["continue_with_login_identifier"]["description"],
            Value::Null
        );
        assert!(json.get("error").is_none());
    }

    #[test]
    fn claims_json_keeps_the_custom_claims() {
        let value = json!({"subject": "u1", "email": {"address": "a@b.example", "is_primary": true},
            "audience": ["localhost"], "role": "admin"});
        let claims = Claims::from_json(&value).unwrap();
        assert_eq!(claims.extra.len(), 2);
        assert_eq!(
            claims.to_json(),
            json!({"subject": "u1", "email": {"address": "a@b.example", "is_primary": true, "is_verified": false},
                "audience": ["localhost"], "role": "admin"})
        );
    }

    #[test]
    fn rejects_bodies_that_are_not_flow_states() {
        for body in [
            "",
            "null",
            "[]",
            "42",
            "\"login_init\"",
            "{}",
            r#"{"name":null}"#,
            r#"{"name":12}"#,
            r#"{"code":500,"message":"Internal Server Error"}"#,
            "<html><body>Bad Gateway</body></html>",
            r#"{"name":"login_init","status":200"#,
        ] {
            assert!(
                serde_json::from_str::<FlowResponse>(body).is_err(),
                "accepted {body:?}"
            );
        }
    }

    #[test]
    fn reads_thirdparty_state() {
        let state: FlowResponse = serde_json::from_str(
            r#"{"name":"thirdparty","status":200,
                "payload":{"redirect_url":"https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&state=xyz"},
                "csrf_token":"csrf-2",
                "actions":{"exchange_token":{"action":"exchange_token","href":"/login?action=exchange_token%40f1",
                  "inputs":{"token":{"name":"token","type":"string","required":true,"hidden":true},
                            "code_verifier":{"name":"code_verifier","type":"string","hidden":true}}},
                  "back":{"action":"back","href":"/login?action=back%40f1","inputs":{}}}}"#,
        )
        .unwrap();
        assert_eq!(
            state.payload_str("redirect_url"),
            Some("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&state=xyz")
        );
        assert_eq!(state.actions["exchange_token"].inputs.len(), 2);
    }

    #[test]
    fn reads_error_states_and_retry_after() {
        let state: FlowResponse = serde_json::from_str(
            r#"{"name":"thirdparty","status":429,"payload":{"retry_after":42},"csrf_token":"c",
                "actions":{},"error":{"code":"rate_limit_exceeded","message":"The rate limit has been exceeded","cause":"limiter"}}"#,
        )
        .unwrap();
        assert_eq!(state.retry_after(), Some(42));
        assert_eq!(
            state.error.as_ref().unwrap().cause.as_deref(),
            Some("limiter")
        );
        let fractional: FlowResponse =
            serde_json::from_str(r#"{"name":"x","payload":{"retry_after":1.2}}"#).unwrap();
        assert_eq!(fractional.retry_after(), Some(2));
        let text: FlowResponse =
            serde_json::from_str(r#"{"name":"x","payload":{"retry_after":" 7 "}}"#).unwrap();
        assert_eq!(text.retry_after(), Some(7));
        let negative: FlowResponse =
            serde_json::from_str(r#"{"name":"x","payload":{"retry_after":-3}}"#).unwrap();
        assert_eq!(negative.retry_after(), None);
        let expired: FlowResponse = serde_json::from_str(
            r#"{"name":"error","status":410,"csrf_token":"","actions":{},"error":{"code":"flow_expired_error","message":"The flow has expired."}}"#,
        )
        .unwrap();
        assert_eq!(expired.retry_after(), None);
        assert_eq!(expired.error.unwrap().code, "flow_expired_error");
    }

    #[test]
    fn reads_success_claims_keeping_custom_claims() {
        let state: FlowResponse = serde_json::from_str(
            r#"{"name":"success","status":200,"csrf_token":"","actions":{},"payload":{
                "claims":{"subject":"7f0a9c1e-0000-4000-8000-000000000001","session_id":"s-1",
                  "expiration":"2026-08-15T12:00:00Z","issued_at":"2026-08-15T00:00:00Z","audience":["localhost"],
                  "email":{"address":"alex.wilber@contoso.example","is_primary":true,"is_verified":true},
                  "role":"admin"},
                "last_login":{"login_method":"third_party","third_party_provider":"microsoft"}}}"#,
        )
        .unwrap();
        let claims = Claims::from_json(&state.payload["claims"]).unwrap();
        assert_eq!(claims.subject, "7f0a9c1e-0000-4000-8000-000000000001");
        assert_eq!(claims.session_id.as_deref(), Some("s-1"));
        assert_eq!(claims.expiration.as_deref(), Some("2026-08-15T12:00:00Z"));
        let email = claims.email.as_ref().unwrap();
        assert_eq!(email.address, "alex.wilber@contoso.example");
        assert!(email.is_primary && email.is_verified);
        assert_eq!(claims.extra["role"], json!("admin"));
        assert_eq!(claims.extra["audience"], json!(["localhost"]));
        assert_eq!(Claims::from_json(&json!("nope")), None);
        let odd = Claims::from_json(&json!({"subject": 5, "email": {"address": 1}})).unwrap();
        assert_eq!(odd.subject, "");
        assert_eq!(odd.email, None);
    }

    #[test]
    fn reads_session_validation() {
        let valid: SessionValidation = serde_json::from_str(
            r#"{"is_valid":true,"claims":{"subject":"u1","expiration":"2026-08-15T12:00:00Z"},
                "expiration_time":"2026-08-15T12:00:00Z","user_id":"u1","idle_expires_at":"2026-08-15T01:00:00Z"}"#,
        )
        .unwrap();
        assert!(valid.is_valid);
        assert_eq!(valid.user_id.as_deref(), Some("u1"));
        assert_eq!(valid.claims.unwrap()["subject"], "u1");
        let invalid: SessionValidation = serde_json::from_str(r#"{"is_valid":false}"#).unwrap();
        assert!(!invalid.is_valid);
        assert!(invalid.claims.is_none());
        let odd: SessionValidation = serde_json::from_str(r#"{"is_valid":"yes"}"#).unwrap();
        assert!(!odd.is_valid);
    }

    #[test]
    fn reads_non_flow_errors() {
        let error: ApiError =
            serde_json::from_str(r#"{"code":401,"message":"Unauthorized"}"#).unwrap();
        assert_eq!(error.code, 401);
        assert_eq!(error.message.as_deref(), Some("Unauthorized"));
        let odd: ApiError = serde_json::from_str(r#"{"code":"x"}"#).unwrap();
        assert_eq!(odd.code, 0);
    }

    #[test]
    fn action_request_goes_over_the_wire_as_hanko_expects() {
        let mut input_data = Map::new();
        input_data.insert("provider".into(), json!("microsoft"));
        let body = ActionRequest {
            input_data,
            csrf_token: "csrf-1".into(),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"input_data": {"provider": "microsoft"}, "csrf_token": "csrf-1"})
        );
    }

    #[test]
    fn saved_state_round_trips_in_hanko_format() {
        let state: FlowResponse = serde_json::from_str(
            r#"{"name":"thirdparty","status":200,"payload":{"redirect_url":"https://p/authorize"},"csrf_token":"c",
                "actions":{"exchange_token":{"action":"exchange_token","href":"/login?action=exchange_token%40f1","inputs":{}}}}"#,
        )
        .unwrap();
        let saved = SavedFlowState {
            flow_name: "registration".into(),
            state,
            is_cached: true,
            provider: Some("microsoft".into()),
        };
        let stored = saved.to_stored();
        let value: Value = serde_json::from_str(&stored).unwrap();
        assert_eq!(value["flow_name"], "registration");
        assert_eq!(value["name"], "thirdparty");
        assert_eq!(value["csrf_token"], "c");
        assert_eq!(value["is_cached"], true);
        assert_eq!(
            value["actions"]["exchange_token"]["href"],
            "/login?action=exchange_token%40f1"
        );
        assert_eq!(SavedFlowState::parse(&stored), Some(saved));
    }

    #[test]
    fn reads_hanko_elements_saved_state() {
        let saved = SavedFlowState::parse(
            r#"{"flow_name":"login","name":"thirdparty","error":null,"payload":{"redirect_url":"https://p"},
                "csrf_token":"c9","status":200,"previous_action":"thirdparty_oauth",
                "actions":{"exchange_token":{"action":"exchange_token","href":"/login?action=exchange_token%40f","inputs":{},"description":null},
                           "back":{"action":"back","href":"/login?action=back%40f","inputs":{},"description":null}},
                "is_cached":true}"#,
        )
        .unwrap();
        assert_eq!(saved.flow_name, "login");
        assert_eq!(saved.state.csrf_token, "c9");
        assert!(saved.state.error.is_none());
        assert!(saved.is_cached);
        assert_eq!(saved.provider, None);
        assert_eq!(saved.state.actions.len(), 2);
    }

    #[test]
    fn unreadable_saved_state_is_none() {
        for stored in [
            "",
            "null",
            "{",
            r#"{"flow_name":"login"}"#,
            r#"{"name":"thirdparty"}"#,
        ] {
            assert_eq!(SavedFlowState::parse(stored), None, "{stored:?}");
        }
    }

    #[test]
    fn last_used_provider_is_read_from_a_third_party_last_login() {
        let stored =
            r#"{"login_method":"third_party","third_party_provider":"microsoft","extra":1}"#;
        assert_eq!(LastLogin::provider_in(stored).as_deref(), Some("microsoft"));
    }

    #[test]
    fn last_used_provider_ignores_other_methods_and_garbage() {
        for stored in [
            r#"{"login_method":"passkey"}"#,
            r#"{"login_method":"passkey","third_party_provider":"microsoft"}"#,
            r#"{"third_party_provider":"microsoft"}"#,
            r#"{"login_method":"third_party"}"#,
            r#"{"login_method":"third_party","third_party_provider":""}"#,
            r#"{"login_method":"third_party","third_party_provider":42}"#,
            r#"{"login_method":["third_party"],"third_party_provider":"microsoft"}"#,
            r#"["third_party","microsoft"]"#,
            "null",
            "\"microsoft\"",
            "{\"login_method\":\"third_party\",",
            "",
        ] {
            assert_eq!(LastLogin::provider_in(stored), None, "{stored}");
        }
    }
}
