//! The pure view model: a [`Form`] (a flow state plus what only the UI knows) → what to draw.
//!
//! Generic for every state: the headline key `states.<state>.headline`, one [`ActionView`] per
//! action the user can run (with its visible inputs), the provider buttons of `thirdparty_oauth`,
//! and the failure notice. Actions that take a WebAuthn result (`json` inputs) or only feed the
//! engine (`register_client_capabilities`, `exchange_token`) are never drawn. A state Hanko adds
//! later is drawn the same way, so the element never dead-ends.
//!
//! ```
//! use hanko_elements::flow::model::Form;
//! use hanko_elements::flow::view::{view_model, Role};
//! use hanko_elements::protocol::types::FlowResponse;
//!
//! let state: FlowResponse = serde_json::from_str(r#"{"name": "onboarding_username", "csrf_token": "c",
//!   "actions": {"username_create": {"action": "username_create", "href": "/login?action=username_create%40f",
//!     "inputs": {"username": {"name": "username", "type": "string", "required": true, "min_length": 3}}},
//!   "skip": {"action": "skip", "href": "/login?action=skip%40f"}}}"#).unwrap();
//! let view = view_model(&Form::new(state));
//! assert_eq!(view.headline, "states.onboarding_username.headline");
//! assert_eq!(view.actions[0].name, "username_create");
//! assert_eq!(view.actions[0].inputs[0].autocomplete, Some("username"));
//! assert_eq!(view.actions[1].role, Role::Secondary);
//! ```

use serde_json::Value;

use super::auto::autofill_options;
use super::model::{Busy, Form};
use crate::errors::Failure;
use crate::protocol::types::{seconds_in, Action, FlowResponse, Input};

/// The action that starts a third-party sign-in; drawn as provider buttons.
pub const PROVIDER_ACTION: &str = "thirdparty_oauth";

/// Inputs the engine fills itself (never drawn): the page address and the PKCE verifier.
pub const ENGINE_INPUTS: [&str; 2] = ["redirect_to", "code_verifier"];

/// Actions drawn as secondary links below the main controls (ways around the main one), in this
/// order.
const SECONDARY: [&str; 6] = [
    "continue_to_passcode_confirmation_recovery",
    "continue_to_login_otp",
    "continue_to_login_security_key",
    "resend_passcode",
    "skip",
    "back",
];

/// Actions only the engine runs.
const ENGINE_ACTIONS: [&str; 2] = ["register_client_capabilities", "exchange_token"];

/// How an action is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A form with inputs and its submit button (`primary-button`).
    Primary,
    /// A button of its own (a method to choose, a step without inputs).
    Choice,
    /// A link-styled button (`back`, `skip`, `resend_passcode`).
    Secondary,
}

/// What an input is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// `<input>` of [`InputView::html_type`].
    Field,
    /// `<input type="checkbox">` (a `boolean` input).
    Checkbox,
    /// `<select>` (an input with `allowed_values`).
    Select,
}

/// One input to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct InputView {
    /// The input's name (`name` attribute; key in `input_data`).
    pub name: String,
    /// Field, checkbox or select.
    pub control: Control,
    /// The `type` attribute: `text`, `email`, `password`, `number`, `checkbox`.
    pub html_type: &'static str,
    /// The standard `autocomplete` token, when there is one.
    pub autocomplete: Option<&'static str>,
    /// `inputmode`, e.g. `numeric` for codes.
    pub inputmode: Option<&'static str>,
    /// hanko-elements' `part` names, e.g. `input text-input` or `input passcode-input`.
    pub part: &'static str,
    /// Whether the backend requires it.
    pub required: bool,
    /// Minimum length.
    pub min_length: Option<u64>,
    /// Maximum length.
    pub max_length: Option<u64>,
    /// The value to show: the backend's `value`, else what the user typed before, else empty.
    pub value: String,
    /// The input-level error code (translated as `errors.<code>`).
    pub error: Option<String>,
    /// The label's translation key, `inputs.<name>.label`.
    pub label: String,
    /// The choices of a [`Control::Select`]: `(value, display name)`.
    pub options: Vec<(String, String)>,
}

/// One action the user can run.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionView {
    /// The action's name (`data-action`).
    pub name: String,
    /// Form, button or link.
    pub role: Role,
    /// The label's translation keys, the most specific first:
    /// `states.<state>.actions.<action>`, then `actions.<action>`.
    pub label: [String; 2],
    /// The visible inputs, in a stable order (required ones first, then by name).
    pub inputs: Vec<InputView>,
    /// This action is under way.
    pub busy: bool,
    /// Seconds before it may run again (`resend_passcode` after `payload.resend_after`).
    pub wait: Option<u32>,
}

/// One provider button of `thirdparty_oauth`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderView {
    /// Provider id, e.g. `microsoft`.
    pub id: String,
    /// Display name from the backend, e.g. `Microsoft` (may be empty).
    pub name: String,
    /// This provider's sign-in is under way.
    pub busy: bool,
}

/// The TOTP secret of `mfa_otp_secret_creation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpSecret {
    /// The base32 secret, shown as copyable text.
    pub secret: String,
    /// The QR code: a `data:image/png;base64,` address, never anything else.
    pub qr_code: Option<String>,
}

/// What the page prefills on the first screens (`prefilled-email`, `prefilled-username`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prefill {
    /// For `email` (and `identifier`) inputs.
    pub email: Option<String>,
    /// For `username` (and `identifier`, without an email) inputs.
    pub username: Option<String>,
}

/// Everything to draw for one flow state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewModel {
    /// The state's name (`data-screen`; the key of overrides).
    pub state: String,
    /// The headline's translation key, `states.<state>.headline`.
    pub headline: String,
    /// The optional intro's translation key, `states.<state>.text` (drawn only when translated).
    pub intro: String,
    /// A failure to show above the controls.
    pub notice: Option<Failure>,
    /// Provider buttons, in the backend's order.
    pub providers: Vec<ProviderView>,
    /// The actions: [`Role::Primary`] and [`Role::Choice`] first, [`Role::Secondary`] last.
    pub actions: Vec<ActionView>,
    /// Something is under way: every control is disabled.
    pub busy: bool,
    /// The browser is on its way to this provider.
    pub leaving: Option<String>,
    /// The TOTP secret, when the payload has one.
    pub otp: Option<OtpSecret>,
}

impl ViewModel {
    /// Whether there is nothing to press.
    pub fn is_empty(&self) -> bool {
        self.providers.is_empty() && self.actions.is_empty()
    }

    /// The same with the page's prefilled email / username (the `prefilled-email` and
    /// `prefilled-username` attributes) in the empty `email`, `username` and `identifier` inputs
    /// of the first screens (`login_init`, `registration_init`). What the user typed, or a value
    /// the backend sent, wins; `identifier` takes the email, else the username.
    ///
    /// ```
    /// use hanko_elements::flow::model::Form;
    /// use hanko_elements::flow::view::{view_model, Prefill};
    /// use hanko_elements::protocol::types::FlowResponse;
    /// let state: FlowResponse = serde_json::from_str(r#"{"name": "login_init", "csrf_token": "c",
    ///   "actions": {"continue_with_login_identifier": {"action": "continue_with_login_identifier",
    ///     "href": "/login?action=continue_with_login_identifier%40f",
    ///     "inputs": {"email": {"name": "email", "type": "email", "required": true}}}}}"#).unwrap();
    /// let prefill = Prefill { email: Some("pat@contoso.example".into()), username: None };
    /// let view = view_model(&Form::new(state)).prefilled(&prefill);
    /// assert_eq!(view.actions[0].inputs[0].value, "pat@contoso.example");
    /// ```
    pub fn prefilled(mut self, prefill: &Prefill) -> ViewModel {
        if !matches!(self.state.as_str(), "login_init" | "registration_init") {
            return self;
        }
        for input in self.actions.iter_mut().flat_map(|a| a.inputs.iter_mut()) {
            let value = match input.name.as_str() {
                "email" => prefill.email.as_ref(),
                "username" => prefill.username.as_ref(),
                "identifier" => prefill.email.as_ref().or(prefill.username.as_ref()),
                _ => None,
            };
            if let Some(value) = value.filter(|_| input.value.is_empty()) {
                input.value.clone_from(value);
            }
        }
        self
    }

    /// The same without the passkey button of the first sign-in screen (`login_init`'s
    /// `webauthn_generate_request_options`; the `hidePasskeyButtonOnLogin` option). The passkey
    /// autofill stays, and every other state keeps its passkey buttons.
    ///
    /// ```
    /// use hanko_elements::flow::model::Form;
    /// use hanko_elements::flow::view::view_model;
    /// use hanko_elements::protocol::types::FlowResponse;
    /// let state: FlowResponse = serde_json::from_str(r#"{"name": "login_init", "csrf_token": "c",
    ///   "actions": {"webauthn_generate_request_options": {"action": "webauthn_generate_request_options",
    ///     "href": "/login?action=webauthn_generate_request_options%40f"}}}"#).unwrap();
    /// let view = view_model(&Form::new(state));
    /// assert_eq!(view.actions.len(), 1);
    /// assert!(view.without_login_passkey_button().actions.is_empty());
    /// ```
    pub fn without_login_passkey_button(mut self) -> ViewModel {
        if self.state == "login_init" {
            self.actions
                .retain(|a| a.name != "webauthn_generate_request_options");
        }
        self
    }
}

/// The view model of `form`.
pub fn view_model(form: &Form) -> ViewModel {
    let state = &form.state;
    let name = state.name.as_str();
    let busy = form.busy.is_some() || form.leaving.is_some();
    let drawn = state
        .actions
        .values()
        .filter(|action| is_drawn(action))
        .map(|action| action_view(state, action, form));
    let actions = ranked(drawn, |action| match action.role {
        Role::Primary => 0,
        Role::Choice => 1,
        Role::Secondary => {
            2 + SECONDARY
                .iter()
                .position(|s| *s == action.name)
                .unwrap_or_default()
        }
    });
    ViewModel {
        state: name.to_owned(),
        headline: format!("states.{name}.headline"),
        intro: format!("states.{name}.text"),
        notice: form.notice.clone(),
        providers: providers(state, form.busy.as_ref(), form.leaving.as_deref()),
        actions,
        busy,
        leaving: form.leaving.clone(),
        otp: otp_secret(&state.payload),
    }
}

/// `items` ordered by `rank`, lowest first, items of equal rank in their order: a stable
/// insertion sort, since these lists are a handful of items long and the standard library's sort
/// would add its code to the bundle once for every element type.
fn ranked<T>(items: impl Iterator<Item = T>, rank: impl Fn(&T) -> usize) -> Vec<T> {
    let mut sorted: Vec<(usize, T)> = Vec::new();
    for item in items {
        let place = rank(&item);
        let at = sorted
            .iter()
            .position(|(other, _)| *other > place)
            .unwrap_or(sorted.len());
        sorted.insert(at, (place, item));
    }
    sorted.into_iter().map(|(_, item)| item).collect()
}

/// Whether an action is drawn at all.
pub fn is_drawn(action: &Action) -> bool {
    let name = action.action.as_str();
    !ENGINE_ACTIONS.contains(&name)
        && name != PROVIDER_ACTION
        && !action.inputs.values().any(|input| input.kind == "json")
}

/// Whether `state` offers the user anything to press.
pub fn has_controls(state: &FlowResponse) -> bool {
    !state.providers().is_empty() || state.actions.values().any(is_drawn)
}

/// Whether an input is one the user fills.
pub fn is_visible(input: &Input) -> bool {
    input.hidden != Some(true) && !ENGINE_INPUTS.contains(&input.name.as_str())
}

fn action_view(state: &FlowResponse, action: &Action, form: &Form) -> ActionView {
    let name = action.action.clone();
    let autofill = autofill_options(state).is_some();
    let visible = action
        .inputs
        .iter()
        .map(|(key, input)| {
            (
                if input.name.is_empty() {
                    key
                } else {
                    &input.name
                },
                input,
            )
        })
        .filter(|(_, input)| is_visible(input))
        .map(|(input_name, input)| {
            input_view(&state.name, &name, input_name, input, form, autofill)
        });
    let inputs = ranked(visible, |input| usize::from(!input.required));
    let role = if SECONDARY.contains(&name.as_str()) {
        Role::Secondary
    } else if inputs.is_empty() {
        Role::Choice
    } else {
        Role::Primary
    };
    let wait = (name == "resend_passcode")
        .then(|| {
            let value = state.payload.get("resend_after")?;
            seconds_in(value)
        })
        .flatten()
        .or_else(|| {
            let limited = state
                .error
                .as_ref()
                .is_some_and(|e| e.code == "rate_limit_exceeded");
            (name == "resend_passcode" && limited)
                .then(|| state.retry_after())
                .flatten()
        })
        .filter(|s| *s > 0);
    ActionView {
        label: [
            format!("states.{}.actions.{name}", state.name),
            format!("actions.{name}"),
        ],
        busy: form.busy.as_ref().is_some_and(|b| b.action == name),
        role,
        inputs,
        wait,
        name,
    }
}

fn input_view(
    state: &str,
    action: &str,
    name: &str,
    input: &Input,
    form: &Form,
    autofill: bool,
) -> InputView {
    let options: Vec<(String, String)> = input
        .allowed_values
        .iter()
        .flatten()
        .filter(|v| !v.value.is_empty())
        .map(|v| (v.value.clone(), v.name.clone()))
        .collect();
    let code = matches!(name, "code" | "otp_code" | "passcode");
    let new_password =
        name == "new_password" || matches!(state, "password_creation" | "login_password_recovery");
    let (control, html_type) = match input.kind.as_str() {
        _ if !options.is_empty() => (Control::Select, "text"),
        "boolean" => (Control::Checkbox, "checkbox"),
        "email" => (Control::Field, "email"),
        "password" => (Control::Field, "password"),
        "number" => (Control::Field, "number"),
        _ => (Control::Field, "text"),
    };
    let autocomplete = match (name, html_type) {
        _ if code => Some("one-time-code"),
        ("email" | "username" | "identifier", _) | (_, "email") if autofill => {
            Some("username webauthn")
        }
        ("email", _) | (_, "email") => Some("email"),
        ("username" | "identifier", _) => Some("username"),
        (_, "password") if new_password => Some("new-password"),
        (_, "password") => Some("current-password"),
        _ => None,
    };
    let part = match control {
        Control::Field if code => "input passcode-input",
        Control::Field => "input text-input",
        Control::Checkbox => "input checkbox-input",
        Control::Select => "input select-input",
    };
    let typed = (html_type != "password")
        .then(|| form.typed.get(&format!("{action}.{name}")))
        .flatten();
    let value = match &input.value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => typed.cloned().unwrap_or_default(),
    };
    InputView {
        name: name.to_owned(),
        control,
        html_type,
        autocomplete,
        inputmode: code.then_some("numeric"),
        part,
        required: input.required == Some(true),
        min_length: input.min_length,
        max_length: input.max_length,
        value,
        error: input.error.as_ref().map(|e| e.code.clone()),
        label: format!("inputs.{name}.label"),
        options,
    }
}

fn providers(
    state: &FlowResponse,
    busy: Option<&Busy>,
    leaving: Option<&str>,
) -> Vec<ProviderView> {
    let chosen = busy
        .filter(|b| b.action == PROVIDER_ACTION)
        .and_then(|b| b.choice.as_deref())
        .or(leaving);
    let mut list: Vec<ProviderView> = state
        .providers()
        .into_iter()
        .map(|p| ProviderView {
            busy: chosen == Some(p.value.as_str()),
            id: p.value,
            name: p.name,
        })
        .collect();
    // On the way to a provider the state no longer lists it: keep its button on screen.
    if let Some(id) = leaving.filter(|id| !list.iter().any(|p| p.id == *id)) {
        list.push(ProviderView {
            id: id.to_owned(),
            name: String::new(),
            busy: true,
        });
    }
    list
}

/// The TOTP secret and QR code of the payload (`otp_secret`, `otp_image_source`).
fn otp_secret(payload: &Value) -> Option<OtpSecret> {
    let secret = payload.get("otp_secret")?.as_str()?.trim();
    if secret.is_empty() {
        return None;
    }
    let qr_code = payload
        .get("otp_image_source")
        .and_then(Value::as_str)
        .filter(|src| is_png_data_address(src))
        .map(str::to_owned);
    Some(OtpSecret {
        secret: secret.to_owned(),
        qr_code,
    })
}

/// Whether `src` is a `data:image/png;base64,` address with only base64 characters after it.
pub fn is_png_data_address(src: &str) -> bool {
    src.strip_prefix("data:image/png;base64,")
        .is_some_and(|data| {
            !data.is_empty()
                && data
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
