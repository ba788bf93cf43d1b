//! Snapshots of the view model of every state, from fixtures shaped like Hanko's answers
//! (`tests/fixtures/*.json`, after the source files named in `hanko-flow-states.md`).

use super::*;
use crate::flow::model::Busy;
use std::fmt::Write as _;

fn fixture(name: &str) -> FlowResponse {
    let text = match name {
        "login_init" => include_str!("../../../tests/fixtures/login_init.json"),
        "passcode_confirmation" => {
            include_str!("../../../tests/fixtures/passcode_confirmation.json")
        }
        "passcode_confirmation_invalid" => {
            include_str!("../../../tests/fixtures/passcode_confirmation_invalid.json")
        }
        "passcode_resend_limited" => {
            include_str!("../../../tests/fixtures/passcode_resend_limited.json")
        }
        "onboarding_email" => include_str!("../../../tests/fixtures/onboarding_email.json"),
        "onboarding_email_exists" => {
            include_str!("../../../tests/fixtures/onboarding_email_exists.json")
        }
        "onboarding_username" => include_str!("../../../tests/fixtures/onboarding_username.json"),
        "credential_onboarding_chooser" => {
            include_str!("../../../tests/fixtures/credential_onboarding_chooser.json")
        }
        "password_creation" => include_str!("../../../tests/fixtures/password_creation.json"),
        "onboarding_create_passkey" => {
            include_str!("../../../tests/fixtures/onboarding_create_passkey.json")
        }
        "mfa_method_chooser" => include_str!("../../../tests/fixtures/mfa_method_chooser.json"),
        "mfa_otp_secret_creation" => {
            include_str!("../../../tests/fixtures/mfa_otp_secret_creation.json")
        }
        "mfa_security_key_creation" => {
            include_str!("../../../tests/fixtures/mfa_security_key_creation.json")
        }
        "login_method_chooser" => include_str!("../../../tests/fixtures/login_method_chooser.json"),
        "login_password" => include_str!("../../../tests/fixtures/login_password.json"),
        "login_password_invalid" => {
            include_str!("../../../tests/fixtures/login_password_invalid.json")
        }
        "login_password_recovery" => {
            include_str!("../../../tests/fixtures/login_password_recovery.json")
        }
        "login_otp" => include_str!("../../../tests/fixtures/login_otp.json"),
        "login_security_key" => include_str!("../../../tests/fixtures/login_security_key.json"),
        "device_trust" => include_str!("../../../tests/fixtures/device_trust.json"),
        "unknown_state" => include_str!("../../../tests/fixtures/unknown_state.json"),
        other => panic!("no fixture {other}"),
    };
    serde_json::from_str(text).unwrap()
}

/// A readable, stable rendering of a view model.
fn snapshot(view: &ViewModel) -> String {
    let mut out = format!("{} | {}", view.state, view.headline);
    if view.busy {
        out.push_str(" | busy");
    }
    if let Some(notice) = &view.notice {
        let _ = write!(out, " | notice {}", notice.code);
    }
    for p in &view.providers {
        let _ = write!(out, "\nprovider {} {:?}", p.id, p.name);
        if p.busy {
            out.push_str(" busy");
        }
    }
    for a in &view.actions {
        let _ = write!(out, "\n{:?} {}", a.role, a.name);
        if a.busy {
            out.push_str(" busy");
        }
        if let Some(wait) = a.wait {
            let _ = write!(out, " wait={wait}");
        }
        for i in &a.inputs {
            let _ = write!(
                out,
                "\n  {} {:?} type={} part={:?}",
                i.name, i.control, i.html_type, i.part
            );
            if let Some(token) = i.autocomplete {
                let _ = write!(out, " autocomplete={token}");
            }
            if let Some(mode) = i.inputmode {
                let _ = write!(out, " inputmode={mode}");
            }
            if i.required {
                out.push_str(" required");
            }
            if let Some(min) = i.min_length {
                let _ = write!(out, " min={min}");
            }
            if let Some(max) = i.max_length {
                let _ = write!(out, " max={max}");
            }
            if !i.value.is_empty() {
                let _ = write!(out, " value={:?}", i.value);
            }
            if let Some(error) = &i.error {
                let _ = write!(out, " error={error}");
            }
            for (value, name) in &i.options {
                let _ = write!(out, " option={value}:{name}");
            }
        }
    }
    if let Some(otp) = &view.otp {
        let _ = write!(out, "\notp {} qr={}", otp.secret, otp.qr_code.is_some());
    }
    out
}

fn snap(name: &str) -> String {
    snapshot(&view_model(&Form::new(fixture(name))))
}

#[test]
fn login_init_offers_the_identifier_form_and_the_providers() {
    assert_eq!(
        snap("login_init"),
        "login_init | states.login_init.headline
provider microsoft \"Microsoft\"
provider github \"GitHub\"
Primary continue_with_login_identifier
  email Field type=email part=\"input text-input\" autocomplete=email required min=3 max=120
Choice webauthn_generate_request_options"
    );
}

#[test]
fn passcode_confirmation() {
    assert_eq!(
        snap("passcode_confirmation"),
        "passcode_confirmation | states.passcode_confirmation.headline
Primary verify_passcode
  code Field type=text part=\"input passcode-input\" autocomplete=one-time-code inputmode=numeric required
Secondary resend_passcode wait=30"
    );
    assert_eq!(
        snap("passcode_confirmation_invalid"),
        "passcode_confirmation | states.passcode_confirmation.headline
Primary verify_passcode
  code Field type=text part=\"input passcode-input\" autocomplete=one-time-code inputmode=numeric required error=passcode_invalid
Secondary resend_passcode
Secondary back"
    );
    assert_eq!(
        snap("passcode_resend_limited"),
        "passcode_confirmation | states.passcode_confirmation.headline
Primary verify_passcode
  code Field type=text part=\"input passcode-input\" autocomplete=one-time-code inputmode=numeric required
Secondary resend_passcode wait=58"
    );
}

#[test]
fn onboarding_email_and_username() {
    assert_eq!(
        snap("onboarding_email"),
        "onboarding_email | states.onboarding_email.headline
Primary email_address_set
  email Field type=text part=\"input text-input\" autocomplete=email required max=120
Secondary skip"
    );
    assert_eq!(
        snap("onboarding_email_exists"),
        "onboarding_email | states.onboarding_email.headline
Primary email_address_set
  email Field type=text part=\"input text-input\" autocomplete=email required max=120 value=\"pat@contoso.example\" error=email_already_exists
Secondary skip"
    );
    assert_eq!(
        snap("onboarding_username"),
        "onboarding_username | states.onboarding_username.headline
Primary username_create
  username Field type=text part=\"input text-input\" autocomplete=username required min=3 max=32
Secondary skip"
    );
}

#[test]
fn credential_onboarding_and_password_creation() {
    assert_eq!(
        snap("credential_onboarding_chooser"),
        "credential_onboarding_chooser | states.credential_onboarding_chooser.headline
Choice continue_to_passkey_registration
Choice continue_to_password_registration
Secondary skip
Secondary back"
    );
    assert_eq!(
        snap("password_creation"),
        "password_creation | states.password_creation.headline
Primary register_password
  new_password Field type=password part=\"input text-input\" autocomplete=new-password required min=8 max=72
Secondary skip
Secondary back"
    );
    assert_eq!(
        snap("onboarding_create_passkey"),
        "onboarding_create_passkey | states.onboarding_create_passkey.headline
Choice webauthn_generate_creation_options
Secondary skip
Secondary back"
    );
}

#[test]
fn mfa_states() {
    assert_eq!(
        snap("mfa_method_chooser"),
        "mfa_method_chooser | states.mfa_method_chooser.headline
Choice continue_to_otp_secret_creation
Choice continue_to_security_key_creation
Secondary skip
Secondary back"
    );
    assert_eq!(
        snap("mfa_otp_secret_creation"),
        "mfa_otp_secret_creation | states.mfa_otp_secret_creation.headline
Primary otp_code_verify
  otp_code Field type=text part=\"input passcode-input\" autocomplete=one-time-code inputmode=numeric required
Secondary back
otp JBSWY3DPEHPK3PXP qr=true"
    );
    let view = view_model(&Form::new(fixture("mfa_security_key_creation")));
    assert_eq!(
        snapshot(&view),
        "mfa_security_key_creation | states.mfa_security_key_creation.headline
Choice webauthn_generate_creation_options
Secondary back"
    );
    assert_eq!(
        view.actions[0].label,
        [
            "states.mfa_security_key_creation.actions.webauthn_generate_creation_options",
            "actions.webauthn_generate_creation_options"
        ]
    );
}

#[test]
fn a_state_hanko_adds_later_is_drawn_from_its_inputs() {
    assert_eq!(
        snap("unknown_state"),
        "favourite_colour | states.favourite_colour.headline
Primary choose_colour
  colour Select type=text part=\"input select-input\" required option=red:Red option=blue:Blue
  note Field type=text part=\"input text-input\" max=40
Primary remember_me
  remember_me Checkbox type=checkbox part=\"input checkbox-input\" required
Secondary back"
    );
}

#[test]
fn busy_and_typed_values() {
    let mut form = Form::new(fixture("passcode_confirmation_invalid"));
    form.busy = Some(Busy {
        action: "verify_passcode".into(),
        choice: None,
    });
    form.typed
        .insert("verify_passcode.code".into(), "123456".into());
    let view = view_model(&form);
    assert!(view.busy);
    assert!(view.actions[0].busy);
    assert!(!view.actions[1].busy);
    assert_eq!(view.actions[0].inputs[0].value, "123456");

    let mut password = Form::new(fixture("password_creation"));
    password
        .typed
        .insert("register_password.new_password".into(), "hunter22".into());
    assert_eq!(
        view_model(&password).actions[0].inputs[0].value,
        "",
        "passwords are never put back"
    );

    let mut provider = Form::new(fixture("login_init"));
    provider.busy = Some(Busy {
        action: PROVIDER_ACTION.into(),
        choice: Some("github".into()),
    });
    let view = view_model(&provider);
    assert_eq!(
        view.providers.iter().map(|p| p.busy).collect::<Vec<_>>(),
        [false, true]
    );

    let mut leaving = Form::new(fixture("onboarding_email"));
    leaving.leaving = Some("microsoft".into());
    let view = view_model(&leaving);
    assert!(view.busy);
    assert_eq!(view.providers.len(), 1, "the chosen button stays on screen");
    assert!(view.providers[0].busy);
}

#[test]
fn qr_codes_are_png_data_addresses_only() {
    assert!(is_png_data_address("data:image/png;base64,iVBORw0KGgo="));
    for src in [
        "https://evil.example/qr.png",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "data:image/png;base64,",
        "data:image/png;base64,abc\"onerror=alert(1)",
        "javascript:alert(1)",
        " data:image/png;base64,iVBORw0KGgo=",
    ] {
        assert!(!is_png_data_address(src), "{src}");
    }
    let mut state = fixture("mfa_otp_secret_creation");
    state.payload["otp_image_source"] = "https://evil.example/qr.png".into();
    let otp = view_model(&Form::new(state)).otp.unwrap();
    assert_eq!(otp.secret, "JBSWY3DPEHPK3PXP");
    assert_eq!(otp.qr_code, None);
}

#[test]
fn engine_actions_and_json_inputs_are_not_drawn() {
    let view = view_model(&Form::new(fixture("login_init")));
    assert!(!view
        .actions
        .iter()
        .any(|a| a.name == "webauthn_verify_assertion_response" || a.name == PROVIDER_ACTION));
    let mut state = fixture("onboarding_username");
    state.actions.clear();
    assert!(!has_controls(&state));
    assert!(view_model(&Form::new(state)).is_empty());
}

#[test]
fn login_method_chooser() {
    assert_eq!(
        snap("login_method_chooser"),
        "login_method_chooser | states.login_method_chooser.headline
Choice continue_to_passcode_confirmation
Choice continue_to_password_login
Choice webauthn_generate_request_options
Secondary back"
    );
}

#[test]
fn login_password_with_forgot_password_as_a_link() {
    assert_eq!(
        snap("login_password"),
        "login_password | states.login_password.headline
Primary password_login
  password Field type=password part=\"input text-input\" autocomplete=current-password required
Secondary continue_to_passcode_confirmation_recovery
Secondary back"
    );
    assert_eq!(
        snap("login_password_invalid"),
        "login_password | states.login_password.headline
Primary password_login
  password Field type=password part=\"input text-input\" autocomplete=current-password required error=value_invalid_error
Secondary continue_to_passcode_confirmation_recovery
Secondary back"
    );
}

#[test]
fn login_password_recovery_asks_for_a_new_password() {
    assert_eq!(
        snap("login_password_recovery"),
        "login_password_recovery | states.login_password_recovery.headline
Primary password_recovery
  new_password Field type=password part=\"input text-input\" autocomplete=new-password required min=8 max=72"
    );
}

#[test]
fn second_factors_offer_each_other_as_links() {
    assert_eq!(
        snap("login_otp"),
        "login_otp | states.login_otp.headline
Primary otp_code_validate
  otp_code Field type=text part=\"input passcode-input\" autocomplete=one-time-code inputmode=numeric required
Secondary continue_to_login_security_key"
    );
    assert_eq!(
        snap("login_security_key"),
        "login_security_key | states.login_security_key.headline
Choice webauthn_generate_request_options
Secondary continue_to_login_otp"
    );
    let key = view_model(&Form::new(fixture("login_security_key")));
    assert_eq!(
        key.actions[0].label[0],
        "states.login_security_key.actions.webauthn_generate_request_options"
    );
}

#[test]
fn device_trust() {
    assert_eq!(
        snap("device_trust"),
        "device_trust | states.device_trust.headline
Choice trust_device
Secondary skip
Secondary back"
    );
}

#[test]
fn an_autofill_state_marks_its_identifier_for_passkeys() {
    let mut state = fixture("login_init");
    state.payload = serde_json::json!({"request_options": {"publicKey": {"challenge": "AQID"}}});
    let view = view_model(&Form::new(state.clone()));
    let email = &view.actions[0].inputs[0];
    assert_eq!(email.name, "email");
    assert_eq!(email.autocomplete, Some("username webauthn"));
    assert_eq!(email.html_type, "email");
    // Without the options (no conditional mediation) it is a plain email field.
    state.payload = serde_json::json!({});
    assert_eq!(
        view_model(&Form::new(state)).actions[0].inputs[0].autocomplete,
        Some("email")
    );
}

#[test]
fn the_passkey_button_can_be_hidden_on_the_first_screen_only() {
    let init = view_model(&Form::new(fixture("login_init"))).without_login_passkey_button();
    assert!(init
        .actions
        .iter()
        .all(|a| a.name != "webauthn_generate_request_options"));
    assert!(init
        .actions
        .iter()
        .any(|a| a.name == "continue_with_login_identifier"));
    let chooser =
        view_model(&Form::new(fixture("login_method_chooser"))).without_login_passkey_button();
    assert!(chooser
        .actions
        .iter()
        .any(|a| a.name == "webauthn_generate_request_options"));
}

#[test]
fn the_first_screens_take_the_prefilled_email_or_username() {
    let prefill = Prefill {
        email: Some("pat@contoso.example".into()),
        username: Some("pat".into()),
    };
    let email = view_model(&Form::new(fixture("login_init"))).prefilled(&prefill);
    assert_eq!(email.actions[0].inputs[0].value, "pat@contoso.example");
    // What the user typed wins.
    let mut typed = Form::new(fixture("login_init"));
    typed.typed.insert(
        "continue_with_login_identifier.email".into(),
        "other@contoso.example".into(),
    );
    assert_eq!(
        view_model(&typed).prefilled(&prefill).actions[0].inputs[0].value,
        "other@contoso.example"
    );
    // An `identifier` takes the email, else the username.
    let mut identifier = fixture("login_init");
    let action = identifier
        .actions
        .get_mut("continue_with_login_identifier")
        .unwrap();
    let mut input = action.inputs.remove("email").unwrap();
    input.name = "identifier".into();
    input.kind = "string".into();
    action.inputs.insert("identifier".into(), input);
    let only_username = Prefill {
        email: None,
        username: Some("pat".into()),
    };
    assert_eq!(
        view_model(&Form::new(identifier.clone()))
            .prefilled(&prefill)
            .actions[0]
            .inputs[0]
            .value,
        "pat@contoso.example"
    );
    assert_eq!(
        view_model(&Form::new(identifier))
            .prefilled(&only_username)
            .actions[0]
            .inputs[0]
            .value,
        "pat"
    );
    // Later screens are left alone.
    let onboarding = view_model(&Form::new(fixture("onboarding_email"))).prefilled(&prefill);
    assert_eq!(onboarding.actions[0].inputs[0].value, "");
}

#[test]
fn ranked_orders_by_rank_and_keeps_equal_ranks_in_their_order() {
    let words = ["c2", "a0", "b1", "d0", "e2", "f1"];
    let rank = |word: &&str| usize::from(word.as_bytes()[1] - b'0');
    assert_eq!(
        ranked(words.into_iter(), rank),
        ["a0", "d0", "b1", "f1", "c2", "e2"]
    );
    assert!(ranked(std::iter::empty::<&str>(), rank).is_empty());
}
