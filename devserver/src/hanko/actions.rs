//! The actions each state offers (Hanko's action definitions) and what running them does.

use std::net::IpAddr;
use std::time::Instant;

use axum::http::{header, HeaderName};
use chrono::Utc;
use serde_json::{json, Map, Value};
use url::form_urlencoded;

use super::flow_types::*;
use super::schedule::{schedule_mfa_creation, webauthn_usable};
use super::Hanko;
use crate::config::{Acquire, Provider};
use crate::oauth_state::OAuthState;
use crate::store::{Flow, FlowName, PasscodeTemplate, StateName, Store};

/// An action a state offers.
pub struct ActionDef {
    /// Action name.
    pub name: &'static str,
    /// Hanko's description.
    pub description: &'static str,
    /// Inputs.
    pub inputs: Vec<Input>,
}

/// What `back` may return to after an action (Hanko's revert rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revert {
    /// The state before the action can be returned to.
    Allow,
    /// `PreventRevert`: nothing before the new state can be returned to.
    Prevent,
    /// The action does not change what `back` returns to (e.g. a resend).
    Keep,
}

/// What running an action leads to.
pub enum Outcome {
    /// `Continue(states…)`: the states go in front of the schedule, then the next one is entered
    /// (none: the next scheduled state). `payload` becomes the new state's payload.
    Continue {
        /// States in front of the schedule.
        states: Vec<StateName>,
        /// Payload of the new state.
        payload: Value,
        /// Revert rule.
        revert: Revert,
        /// A flow error the new state carries (Hanko's `SetFlowError` before `Continue`).
        error: Option<(u16, ResponseError)>,
    },
    /// `back`: the last snapshot.
    Back,
    /// Stay in the state with a 4xx flow error.
    Stay {
        /// HTTP status.
        status: u16,
        /// Flow error.
        error: ResponseError,
        /// Input errors of the action.
        input_errors: Vec<(&'static str, ResponseError)>,
        /// A payload entry added to the re-emitted state.
        payload: Option<(&'static str, Value)>,
    },
    /// Internal failure: state `error`, 500 `technical_error`. The text is logged only.
    Fail(String),
}

impl Outcome {
    pub(super) fn stay(status: u16, error: ResponseError) -> Outcome {
        Outcome::Stay {
            status,
            error,
            input_errors: Vec::new(),
            payload: None,
        }
    }

    pub(super) fn input_error(name: &'static str, error: ResponseError) -> Outcome {
        Outcome::Stay {
            status: 400,
            error: FORM_DATA_INVALID,
            input_errors: vec![(name, error)],
            payload: None,
        }
    }

    pub(super) fn next(revert: Revert) -> Outcome {
        Outcome::Continue {
            states: Vec::new(),
            payload: json!({}),
            revert,
            error: None,
        }
    }

    pub(super) fn to(state: StateName, revert: Revert) -> Outcome {
        Outcome::Continue {
            states: vec![state],
            payload: json!({}),
            revert,
            error: None,
        }
    }
}

pub(super) fn action(
    name: &'static str,
    description: &'static str,
    inputs: Vec<Input>,
) -> ActionDef {
    ActionDef {
        name,
        description,
        inputs,
    }
}

pub(super) fn back() -> ActionDef {
    action("back", "Navigate one step back.", Vec::new())
}

pub(super) fn skip() -> ActionDef {
    action("skip", "Skip", Vec::new())
}

pub(super) fn field(
    name: &'static str,
    kind: &'static str,
    required: bool,
    min_length: Option<usize>,
    max_length: Option<usize>,
) -> Input {
    Input {
        name,
        kind,
        min_length,
        max_length,
        required: required.then_some(true),
        hidden: None,
        error: None,
        allowed_values: None,
    }
}

/// The actions `flow.state` offers now (suspended actions are absent, as in Hanko).
pub fn actions_for(app: &Hanko, flow: &Flow) -> Vec<ActionDef> {
    let cfg = &app.config;
    let can_go_back = !flow.history.is_empty();
    let mut actions = match flow.state {
        StateName::Preflight => vec![action(
            "register_client_capabilities",
            "Send the computers capabilities.",
            vec![
                Input::hidden("webauthn_available", "boolean", true),
                Input::hidden("webauthn_conditional_mediation_available", "boolean", false),
                Input::hidden(
                    "webauthn_platform_authenticator_available",
                    "boolean",
                    false,
                ),
            ],
        )],
        StateName::LoginInit => {
            let mut list = Vec::new();
            if let Some(input) = super::login::identifier_input(app)
                .filter(|_| super::login::identifier_login_offered(app))
            {
                list.push(action(
                    "continue_with_login_identifier",
                    "Enter an identifier to login.",
                    vec![input],
                ));
            }
            if flow.stash.webauthn_available && cfg.passkey.enabled {
                list.push(request_options_action());
            }
            if flow.stash.webauthn_available {
                list.push(assertion_action());
            }
            list.extend(thirdparty_action(app));
            list
        }
        StateName::RegistrationInit => {
            let mut list = Vec::new();
            let inputs = super::registration::inputs(app);
            if !inputs.is_empty() {
                list.push(action(
                    "register_login_identifier",
                    "Enter an identifier to register.",
                    inputs,
                ));
            }
            list.extend(thirdparty_action(app));
            list
        }
        StateName::LoginMethodChooser => {
            let only_actual = cfg.privacy.only_show_actual_login_methods;
            let stash = &flow.stash;
            let mut list = Vec::new();
            if !only_actual || (stash.user_has_password && cfg.password.enabled) {
                list.push(action(
                    "continue_to_password_login",
                    "Continue to the password login.",
                    Vec::new(),
                ));
            }
            if !only_actual
                || (stash.user_has_emails && cfg.email.enabled && cfg.email.use_for_authentication)
            {
                list.push(action(
                    "continue_to_passcode_confirmation",
                    "Send a login passcode code via email.",
                    Vec::new(),
                ));
            }
            if stash.webauthn_available
                && cfg.passkey.enabled
                && !(only_actual && flow.user_id.is_some() && !stash.user_has_passkey)
            {
                list.push(request_options_action());
            }
            list.push(back());
            list
        }
        StateName::LoginPassword => {
            let mut list = Vec::new();
            if cfg.password.enabled {
                list.push(action(
                    "password_login",
                    "Login with a password.",
                    vec![field("password", "password", true, None, None)],
                ));
            }
            if cfg.password.recovery && flow.stash.email.as_deref().is_some_and(|e| !e.is_empty()) {
                list.push(action(
                    "continue_to_passcode_confirmation_recovery",
                    "Send a recovery passcode code via email.",
                    Vec::new(),
                ));
            }
            list.push(back());
            list
        }
        StateName::LoginPasswordRecovery => {
            if !cfg.password.enabled {
                return Vec::new();
            }
            vec![action(
                "password_recovery",
                "Submit a new password.",
                vec![field(
                    "new_password",
                    "password",
                    true,
                    Some(cfg.password.min_length),
                    Some(PASSWORD_MAX_BYTES),
                )],
            )]
        }
        StateName::LoginPasskey => vec![assertion_action(), back()],
        StateName::LoginOtp => {
            let mut list = vec![action(
                "otp_code_validate",
                "Validates the provided code.",
                vec![field("otp_code", "string", true, None, None)],
            )];
            let has_webauthn_credential =
                flow.stash.user_has_security_key || flow.stash.user_has_passkey;
            if cfg.mfa.security_keys.enabled && has_webauthn_credential {
                list.push(action(
                    "continue_to_login_security_key",
                    "Continues the flow to the security key login.",
                    Vec::new(),
                ));
            }
            list
        }
        StateName::LoginSecurityKey => {
            let mut list = Vec::new();
            if flow.stash.webauthn_available {
                list.push(request_options_action());
            }
            if cfg.mfa.totp.enabled && flow.stash.user_has_otp_secret {
                list.push(action(
                    "continue_to_login_otp",
                    "Continues the flow to the OTP login.",
                    Vec::new(),
                ));
            }
            list
        }
        StateName::DeviceTrust => vec![
            action(
                "trust_device",
                "Trust this device, to skip MFA on subsequent logins.",
                Vec::new(),
            ),
            skip(),
            back(),
        ],
        StateName::Thirdparty => vec![
            action(
                "exchange_token",
                "Exchange a one time token.",
                vec![
                    Input::hidden("token", "string", true),
                    Input::hidden("code_verifier", "string", false),
                ],
            ),
            back(),
        ],
        StateName::PasscodeConfirmation => vec![
            action(
                "verify_passcode",
                "Enter a passcode.",
                vec![field("code", "string", true, None, None)],
            ),
            action(
                "resend_passcode",
                "Send the passcode email again.",
                Vec::new(),
            ),
            back(),
        ],
        StateName::OnboardingEmail => {
            let email = field("email", "string", !cfg.email.optional, None, Some(120));
            let mut list = vec![action(
                "email_address_set",
                "Set an email address.",
                vec![email],
            )];
            if cfg.email.optional {
                list.push(skip());
            }
            list
        }
        StateName::OnboardingUsername => {
            let username = field(
                "username",
                "string",
                !cfg.username.optional,
                Some(cfg.username.min_length),
                Some(cfg.username.max_length),
            );
            let mut list = vec![action(
                "username_create",
                "Set a new username.",
                vec![username],
            )];
            if cfg.username.optional {
                list.push(skip());
            }
            list
        }
        StateName::CredentialOnboardingChooser => {
            let mut list = Vec::new();
            if cfg.passkey.enabled && flow.stash.webauthn_available {
                list.push(action(
                    "continue_to_passkey_registration",
                    "Continue to passkey registration.",
                    Vec::new(),
                ));
            }
            if cfg.password.enabled {
                list.push(action(
                    "continue_to_password_registration",
                    "Continue to password registration.",
                    Vec::new(),
                ));
            }
            if cfg.password.optional || cfg.passkey.optional {
                list.push(skip());
            }
            list.push(back());
            list
        }
        StateName::PasswordCreation => {
            let mut list = vec![action(
                "register_password",
                "Submit a new password.",
                vec![field(
                    "new_password",
                    "password",
                    !cfg.password.optional,
                    Some(cfg.password.min_length),
                    None,
                )],
            )];
            if cfg.password.optional {
                list.push(skip());
            }
            list.push(back());
            list
        }
        StateName::OnboardingCreatePasskey => {
            let mut list = Vec::new();
            if flow.stash.webauthn_available {
                list.push(action(
                    "webauthn_generate_creation_options",
                    "Get creation options to create a webauthn credential.",
                    Vec::new(),
                ));
            }
            if cfg.passkey.optional && !flow.stash.credential_chooser_visited {
                list.push(skip());
            }
            list.push(back());
            list
        }
        StateName::OnboardingVerifyPasskeyAttestation => vec![
            action(
                "webauthn_verify_attestation_response",
                "Send the result which was generated by creating a webauthn credential.",
                vec![field("public_key", "json", false, None, None)],
            ),
            back(),
        ],
        StateName::MfaMethodChooser => {
            let mut list = Vec::new();
            if cfg.mfa.security_keys.enabled && webauthn_usable(flow) {
                list.push(action(
                    "continue_to_security_key_creation",
                    "Create a security key.",
                    Vec::new(),
                ));
            }
            if cfg.mfa.totp.enabled {
                list.push(action(
                    "continue_to_otp_secret_creation",
                    "Create an OTP secret.",
                    Vec::new(),
                ));
            }
            if cfg.mfa.optional {
                list.push(skip());
            }
            list.push(back());
            list
        }
        StateName::MfaOtpSecretCreation => vec![
            action(
                "otp_code_verify",
                "Verify the OTP code.",
                vec![field("otp_code", "string", true, None, None)],
            ),
            back(),
        ],
        StateName::MfaSecurityKeyCreation => vec![
            action(
                "webauthn_generate_creation_options",
                "Get creation options to create a webauthn credential.",
                Vec::new(),
            ),
            back(),
        ],
        StateName::FavouriteColour => vec![
            action(
                "favourite_colour_set",
                "Tell your favourite colour (a made-up state of the dev backend).",
                vec![field("favourite_colour", "string", true, Some(1), Some(64))],
            ),
            skip(),
        ],
        StateName::Success | StateName::Error => Vec::new(),
    };
    if !can_go_back {
        actions.retain(|a| a.name != "back");
    }
    actions
}

/// `thirdparty_oauth`, when any provider is enabled.
fn thirdparty_action(app: &Hanko) -> Option<ActionDef> {
    let cfg = &app.config;
    if cfg.providers.is_empty() {
        return None;
    }
    let mut provider = Input::hidden("provider", "string", true);
    provider.allowed_values = Some(
        cfg.providers
            .iter()
            .map(|p| AllowedValue {
                value: p.id(),
                name: p.display_name(),
            })
            .collect(),
    );
    Some(action(
        "thirdparty_oauth",
        "Sign up/sign in with a third party provider via OAuth.",
        vec![
            provider,
            Input::hidden("redirect_to", "string", true),
            Input::hidden("code_verifier", "string", false),
        ],
    ))
}

/// `webauthn_generate_request_options` (passkey sign-in, or the security key as second factor).
fn request_options_action() -> ActionDef {
    action(
        "webauthn_generate_request_options",
        "Get webauthn request options in order to sign in with a webauthn credential.",
        Vec::new(),
    )
}

/// `webauthn_verify_assertion_response` with `assertion_response` (json, required).
fn assertion_action() -> ActionDef {
    action(
        "webauthn_verify_assertion_response",
        "Send the result which was generated by using a webauthn credential.",
        vec![field("assertion_response", "json", true, None, None)],
    )
}

/// Checks the inputs against the definition; returns input errors.
pub fn validate(def: &ActionDef, input: &Map<String, Value>) -> Vec<(&'static str, ResponseError)> {
    let mut errors = Vec::new();
    for field in &def.inputs {
        let value = input.get(field.name).filter(|v| !v.is_null());
        let missing = match value {
            None => true,
            Some(Value::String(s)) => s.is_empty(),
            Some(_) => false,
        };
        if missing {
            if field.required == Some(true) {
                errors.push((field.name, VALUE_MISSING));
            }
            continue;
        }
        if field.kind == "json" {
            continue;
        }
        let well_typed = matches!(
            (field.kind, value),
            ("boolean", Some(Value::Bool(_)))
                | ("string" | "password" | "email", Some(Value::String(_)))
        );
        if !well_typed {
            errors.push((field.name, VALUE_INVALID));
            continue;
        }
        if let Some(Value::String(s)) = value {
            if let Some(allowed) = &field.allowed_values {
                if !allowed.iter().any(|a| a.value == s) {
                    errors.push((field.name, VALUE_INVALID));
                    continue;
                }
            }
            if field.min_length.is_some_and(|min| s.len() < min) {
                errors.push((field.name, VALUE_TOO_SHORT));
            } else if field.max_length.is_some_and(|max| s.len() > max) {
                errors.push((field.name, VALUE_TOO_LONG));
            }
        }
    }
    errors
}

pub(super) fn input_str<'a>(input: &'a Map<String, Value>, name: &str) -> &'a str {
    input.get(name).and_then(Value::as_str).unwrap_or("")
}

/// Everything an action may need besides its inputs.
pub struct Ctx<'a> {
    /// The app.
    pub app: &'a Hanko,
    /// The locked store.
    pub store: &'a mut Store,
    /// Client IP (rate limits).
    pub ip: IpAddr,
    /// Extra response headers.
    pub headers: &'a mut Vec<(HeaderName, String)>,
}

/// Runs an offered action whose inputs passed validation.
pub fn execute(ctx: Ctx<'_>, flow: &mut Flow, name: &str, input: &Map<String, Value>) -> Outcome {
    let Ctx {
        app,
        store,
        ip,
        headers,
    } = ctx;
    match name {
        "register_client_capabilities" => {
            let flag = |key: &str| input.get(key).and_then(Value::as_bool).unwrap_or(false);
            flow.stash.webauthn_available = flag("webauthn_available");
            flow.stash.platform_authenticator_available =
                flag("webauthn_platform_authenticator_available");
            flow.stash.conditional_mediation_available =
                flag("webauthn_conditional_mediation_available");
            Outcome::next(Revert::Keep)
        }
        "thirdparty_oauth" => thirdparty_oauth(app, flow, input, headers),
        "exchange_token" => exchange_token(app, store, flow, input, ip, headers),
        "back" => Outcome::Back,
        "verify_passcode" => verify_passcode(app, store, flow, input),
        "resend_passcode" => match super::passcode::send_if_needed(app, store, flow, ip, true) {
            Ok(Ok(())) => Outcome::to(StateName::PasscodeConfirmation, Revert::Keep),
            Ok(Err(resend_after)) => Outcome::Stay {
                status: 429,
                error: RATE_LIMIT_EXCEEDED,
                input_errors: Vec::new(),
                payload: Some(("resend_after", json!(resend_after))),
            },
            Err(reason) => Outcome::Fail(reason),
        },
        "email_address_set" => email_address_set(app, store, flow, input),
        "username_create" => username_create(store, flow, input),
        "register_password" => register_password(app, store, flow, input),
        "continue_to_passkey_registration" => {
            Outcome::to(StateName::OnboardingCreatePasskey, Revert::Allow)
        }
        "continue_to_password_registration" => {
            Outcome::to(StateName::PasswordCreation, Revert::Allow)
        }
        "continue_to_otp_secret_creation" => {
            Outcome::to(StateName::MfaOtpSecretCreation, Revert::Allow)
        }
        "continue_to_security_key_creation" => {
            Outcome::to(StateName::MfaSecurityKeyCreation, Revert::Allow)
        }
        "otp_code_verify" => otp_code_verify(store, flow, input),
        "webauthn_generate_creation_options" => {
            let security_key = flow.state == StateName::MfaSecurityKeyCreation;
            match super::passkeys::creation_options(app, store, flow, security_key) {
                Ok(options) => Outcome::Continue {
                    states: vec![StateName::OnboardingVerifyPasskeyAttestation],
                    payload: json!({ "creation_options": options }),
                    revert: Revert::Allow,
                    error: None,
                },
                Err(reason) => Outcome::Fail(reason),
            }
        }
        "webauthn_verify_attestation_response" => {
            super::passkeys::verify_attestation(app, store, flow, input.get("public_key"))
        }
        "continue_with_login_identifier" => {
            super::login::continue_with_login_identifier(app, store, flow, input)
        }
        "register_login_identifier" => {
            super::registration::register_login_identifier(app, store, flow, input)
        }
        "continue_to_password_login" => Outcome::to(StateName::LoginPassword, Revert::Allow),
        "continue_to_passcode_confirmation" => super::login::to_passcode(flow, false),
        "continue_to_passcode_confirmation_recovery" => super::login::to_passcode(flow, true),
        "password_login" => super::login::password_login(app, store, flow, input, ip, headers),
        "password_recovery" => super::login::password_recovery(store, flow, input),
        "webauthn_generate_request_options" if flow.state == StateName::LoginSecurityKey => {
            match super::assertion::security_key_options(app, store, flow) {
                Ok(options) => {
                    flow.stash.mfa_usage_method = Some("security_key");
                    Outcome::Continue {
                        states: vec![StateName::LoginPasskey],
                        payload: json!({ "request_options": options }),
                        revert: Revert::Allow,
                        error: None,
                    }
                }
                Err(reason) => Outcome::Fail(reason),
            }
        }
        "webauthn_generate_request_options" => {
            let user = flow.user_id;
            super::login::passkey_options(app, store, flow, user)
        }
        "webauthn_verify_assertion_response" => {
            super::login::verify_assertion(app, store, flow, input.get("assertion_response"))
        }
        "otp_code_validate" => {
            super::mfa_usage::otp_code_validate(app, store, flow, input, ip, headers)
        }
        "continue_to_login_otp" => Outcome::to(StateName::LoginOtp, Revert::Allow),
        "continue_to_login_security_key" => Outcome::to(StateName::LoginSecurityKey, Revert::Allow),
        "trust_device" => {
            flow.stash.device_trust_granted = true;
            Outcome::next(Revert::Prevent)
        }
        "favourite_colour_set" => {
            tracing::info!(
                colour = input_str(input, "favourite_colour"),
                "favourite colour received"
            );
            flow.stash.custom_state_done = true;
            Outcome::next(Revert::Keep)
        }
        "skip" => skip_state(app, flow),
        _ => Outcome::stay(403, OPERATION_NOT_PERMITTED),
    }
}

fn skip_state(app: &Hanko, flow: &mut Flow) -> Outcome {
    let cfg = &app.config;
    match flow.state {
        StateName::OnboardingCreatePasskey => {
            if cfg.password.enabled
                && acquire(app, flow, false) == Acquire::Conditional
                && !flow.stash.user_has_password
            {
                return Outcome::to(StateName::PasswordCreation, Revert::Allow);
            }
            schedule_mfa_creation(app, flow);
            Outcome::next(Revert::Allow)
        }
        StateName::PasswordCreation => {
            if cfg.passkey.enabled
                && flow.stash.webauthn_available
                && acquire(app, flow, true) == Acquire::Conditional
                && !flow.stash.user_has_passkey
                && !flow.stash.credential_chooser_visited
            {
                return Outcome::to(StateName::OnboardingCreatePasskey, Revert::Allow);
            }
            schedule_mfa_creation(app, flow);
            Outcome::next(Revert::Allow)
        }
        StateName::CredentialOnboardingChooser => {
            schedule_mfa_creation(app, flow);
            Outcome::next(Revert::Allow)
        }
        StateName::FavouriteColour => {
            flow.stash.custom_state_done = true;
            Outcome::next(Revert::Keep)
        }
        _ => Outcome::next(Revert::Allow),
    }
}

/// The `acquire_on_login`/`acquire_on_registration` setting of the passkey (`true`) or password for this flow.
fn acquire(app: &Hanko, flow: &Flow, passkey: bool) -> Acquire {
    let cfg = &app.config;
    match (flow.name, passkey) {
        (FlowName::Login, true) => cfg.passkey.acquire_on_login,
        (FlowName::Login, false) => cfg.password.acquire_on_login,
        (FlowName::Registration, true) => cfg.passkey.acquire_on_registration,
        (FlowName::Registration, false) => cfg.password.acquire_on_registration,
    }
}

fn thirdparty_oauth(
    app: &Hanko,
    flow: &Flow,
    input: &Map<String, Value>,
    headers: &mut Vec<(HeaderName, String)>,
) -> Outcome {
    let redirect_to = input_str(input, "redirect_to");
    if !app.allowlist.is_allowed(redirect_to) {
        tracing::info!("redirect_to not on the allowlist");
        return Outcome::stay(400, FORM_DATA_INVALID);
    }
    let Some(provider) = Provider::from_id(input_str(input, "provider"))
        .filter(|p| app.config.providers.contains(p))
    else {
        return Outcome::stay(400, FORM_DATA_INVALID);
    };
    let verifier = Some(input_str(input, "code_verifier").to_string()).filter(|v| !v.is_empty());
    let now = Utc::now().timestamp();
    let state = OAuthState {
        provider: provider.id().to_string(),
        redirect_to: redirect_to.to_string(),
        issued_at: now,
        expires_at: now + app.config.state_lifetime_secs as i64,
        nonce: crate::random::token_no_pad(32),
        is_flow: true,
        code_verifier: verifier.clone(),
        flow: flow.name.as_str().to_string(),
    };
    let sealed = app.states.seal(&state);
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("client_id", &app.config.client_id);
    if let Some(verifier) = &verifier {
        query.append_pair("code_challenge", &crate::random::s256_challenge(verifier));
        query.append_pair("code_challenge_method", "S256");
    }
    query.append_pair(
        "redirect_uri",
        &format!("{}/thirdparty/callback", app.public_url),
    );
    query.append_pair("response_type", "code");
    query.append_pair("scope", "openid profile email");
    query.append_pair("state", &sealed);
    let redirect_url = format!(
        "{}/common/oauth2/v2.0/authorize?{}",
        app.microsoft_url,
        query.finish()
    );
    headers.push((header::SET_COOKIE, app.state_cookie(&sealed)));
    Outcome::Continue {
        states: vec![StateName::Thirdparty],
        payload: json!({ "redirect_url": redirect_url }),
        revert: Revert::Allow,
        error: None,
    }
}

fn exchange_token(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
    ip: IpAddr,
    headers: &mut Vec<(HeaderName, String)>,
) -> Outcome {
    if let Err(retry_after) = app.limiter.hit(ip) {
        headers.push((header::RETRY_AFTER, retry_after.to_string()));
        return Outcome::Stay {
            status: 429,
            error: RATE_LIMIT_EXCEEDED,
            input_errors: Vec::new(),
            payload: Some(("retry_after", json!(retry_after))),
        };
    }
    let value = input_str(input, "token");
    let Some(token) = store.tokens.get(value).cloned() else {
        return Outcome::Fail("token not found".into());
    };
    if let Some(expected) = token.code_verifier.as_deref().filter(|v| !v.is_empty()) {
        if !crate::random::constant_time_eq(expected, input_str(input, "code_verifier")) {
            tracing::info!("code_verifier does not match");
            return Outcome::stay(400, FORM_DATA_INVALID);
        }
    }
    if Instant::now() > token.expires_at {
        return Outcome::Fail("token expired".into());
    }
    store.tokens.remove(value);
    let Some(user) = store.users.get(&token.user_id) else {
        return Outcome::Fail("token user not found".into());
    };
    flow.user_id = Some(token.user_id);
    flow.provider = user
        .identities
        .iter()
        .find(|i| i.id == token.identity_id)
        .map(|i| i.provider_id.clone());
    flow.stash.user_created = token.user_created;
    let cfg = &app.config;
    let (email_acquire, username_acquire) = if token.user_created {
        (
            cfg.email.acquire_on_registration,
            cfg.username.acquire_on_registration,
        )
    } else {
        (cfg.email.acquire_on_login, cfg.username.acquire_on_login)
    };
    let no_emails = user.emails.is_empty();
    let no_username = user.username.is_none();
    let mut states = Vec::new();
    let unverified = store
        .identity_email(token.user_id, token.identity_id)
        .filter(|e| !e.verified)
        .map(|e| (e.id, e.address.clone()));
    if let Some((email_id, address)) = unverified.filter(|_| cfg.email.require_verification) {
        flow.stash.email = Some(address);
        flow.stash.email_to_verify = Some(email_id);
        flow.stash.passcode_template = Some(PasscodeTemplate::EmailVerification);
        states.push(StateName::PasscodeConfirmation);
    }
    if cfg.email.enabled && no_emails && email_acquire {
        states.push(StateName::OnboardingEmail);
    }
    if cfg.username.enabled && no_username && username_acquire {
        states.push(StateName::OnboardingUsername);
    }
    states.push(StateName::Success);
    Outcome::Continue {
        states,
        payload: json!({}),
        revert: Revert::Prevent,
        error: None,
    }
}

fn verify_passcode(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
) -> Outcome {
    let Some(pending) = flow.stash.passcode.as_mut() else {
        return Outcome::Fail("no passcode in the stash".into());
    };
    let for_this_address = flow.stash.email.as_deref() == Some(pending.address.as_str());
    if !for_this_address || pending.code.is_empty() || Instant::now() > pending.expires_at {
        return Outcome::input_error("code", PASSCODE_INVALID);
    }
    if !crate::random::constant_time_eq(input_str(input, "code"), &pending.code) {
        pending.attempts += 1;
        if pending.attempts >= app.config.passcode_max_attempts {
            pending.code.clear();
            return Outcome::stay(401, PASSCODE_MAX_ATTEMPTS_REACHED);
        }
        return Outcome::input_error("code", PASSCODE_INVALID);
    }
    let address = pending.address.clone();
    flow.stash.passcode = None;
    flow.stash.email = None;
    let Some(user_id) = flow.user_id else {
        return Outcome::stay(403, OPERATION_NOT_PERMITTED);
    };
    match flow.stash.passcode_template.take() {
        Some(PasscodeTemplate::EmailVerification) => {
            match flow.stash.email_to_verify.take() {
                Some(email_id) => {
                    if let Some(user) = store.users.get_mut(&user_id) {
                        if let Some(email) = user.emails.iter_mut().find(|e| e.id == email_id) {
                            email.verified = true;
                            user.updated_at = Utc::now();
                        }
                    }
                }
                None => {
                    store.add_email(user_id, &address, true);
                }
            }
            flow.stash.user_has_emails = true;
        }
        Some(PasscodeTemplate::Login | PasscodeTemplate::Recovery) => {
            // EmailPersistVerifiedStatus: the address the code went to is verified now.
            if let Some(user) = store.users.get_mut(&user_id) {
                if let Some(email) = user.emails.iter_mut().find(|e| e.address == address) {
                    if !email.verified {
                        email.verified = true;
                        user.updated_at = Utc::now();
                    }
                }
            }
            flow.stash.user_has_emails = true;
        }
        Some(PasscodeTemplate::RegistrationAttempted | PasscodeTemplate::LoginAttempted) | None => {
        }
    }
    if flow.name == FlowName::Registration && !flow.schedule.contains(&StateName::PasswordCreation)
    {
        schedule_mfa_creation(app, flow);
    }
    Outcome::next(Revert::Prevent)
}

/// A plausible address: `local@domain`, no spaces, one `@`.
pub(super) fn is_address(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

fn email_address_set(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
) -> Outcome {
    let address = input_str(input, "email").trim().to_lowercase();
    if !is_address(&address) {
        return Outcome::input_error("email", VALUE_INVALID);
    }
    let Some(user_id) = flow.user_id else {
        return Outcome::stay(403, OPERATION_NOT_PERMITTED);
    };
    let owner = store.user_by_email(&address);
    if app.config.email.require_verification {
        let template = match owner {
            Some(owner) if owner != user_id => PasscodeTemplate::RegistrationAttempted,
            _ => PasscodeTemplate::EmailVerification,
        };
        flow.stash.email = Some(address);
        flow.stash.email_to_verify = None;
        flow.stash.passcode_template = Some(template);
        return Outcome::to(StateName::PasscodeConfirmation, Revert::Allow);
    }
    if owner.is_some() {
        return Outcome::input_error("email", EMAIL_ALREADY_EXISTS);
    }
    store.add_email(user_id, &address, false);
    flow.stash.user_has_emails = true;
    Outcome::next(Revert::Prevent)
}

/// Hanko's username rule: letters, digits, `_` and `-`.
pub(super) fn is_valid_username(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn username_create(store: &mut Store, flow: &mut Flow, input: &Map<String, Value>) -> Outcome {
    let username = input_str(input, "username").trim().to_lowercase();
    if !is_valid_username(&username) {
        return Outcome::input_error("username", INVALID_USERNAME);
    }
    let Some(user_id) = flow.user_id else {
        return Outcome::stay(403, OPERATION_NOT_PERMITTED);
    };
    if store
        .user_by_username(&username)
        .is_some_and(|owner| owner != user_id)
    {
        return Outcome::input_error("username", USERNAME_ALREADY_EXISTS);
    }
    let Some(user) = store.users.get_mut(&user_id) else {
        return Outcome::Fail("flow user not found".into());
    };
    user.username = Some(username);
    user.updated_at = Utc::now();
    Outcome::next(Revert::Prevent)
}

/// bcrypt's limit, which Hanko enforces on new passwords.
pub(super) const PASSWORD_MAX_BYTES: usize = 72;

/// The bcrypt hash of a new password (`new_password` of `password_creation` and
/// `login_password_recovery`); over [`PASSWORD_MAX_BYTES`] it is the input error
/// `value_too_long_error`.
pub(super) fn new_password_hash(password: &str) -> Result<String, Outcome> {
    if password.len() > PASSWORD_MAX_BYTES {
        return Err(Outcome::input_error("new_password", VALUE_TOO_LONG));
    }
    bcrypt::hash(password, bcrypt::DEFAULT_COST).map_err(|e| Outcome::Fail(format!("bcrypt: {e}")))
}

fn register_password(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    input: &Map<String, Value>,
) -> Outcome {
    let password = input_str(input, "new_password");
    if password.is_empty() {
        // Optional and left empty: nothing to store.
        schedule_mfa_creation(app, flow);
        return Outcome::next(Revert::Prevent);
    }
    let hash = match new_password_hash(password) {
        Ok(hash) => hash,
        Err(outcome) => return outcome,
    };
    let Some(user) = flow.user_id.and_then(|id| store.users.get_mut(&id)) else {
        return Outcome::Fail("flow user not found".into());
    };
    user.password_hash = Some(hash);
    user.updated_at = Utc::now();
    flow.stash.user_has_password = true;
    if acquire(app, flow, true) == Acquire::Conditional {
        flow.schedule
            .retain(|s| *s != StateName::OnboardingCreatePasskey);
    }
    schedule_mfa_creation(app, flow);
    Outcome::next(Revert::Prevent)
}

fn otp_code_verify(store: &mut Store, flow: &mut Flow, input: &Map<String, Value>) -> Outcome {
    let Some(secret) = flow.stash.otp_secret.clone() else {
        return Outcome::Fail("no OTP secret in the stash".into());
    };
    match super::mfa::check_code(&secret, input_str(input, "otp_code")) {
        Ok(true) => {}
        Ok(false) => return Outcome::input_error("otp_code", PASSCODE_INVALID),
        Err(reason) => return Outcome::Fail(reason),
    }
    let Some(user) = flow.user_id.and_then(|id| store.users.get_mut(&id)) else {
        return Outcome::Fail("flow user not found".into());
    };
    user.otp_secret = Some(secret);
    user.updated_at = Utc::now();
    flow.stash.otp_secret = None;
    flow.stash.user_has_otp_secret = true;
    Outcome::next(Revert::Prevent)
}
