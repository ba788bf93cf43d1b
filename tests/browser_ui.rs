//! Browser tests of the UI: every screen rendered directly from a `Screen` (no backend), flow
//! states from fixtures shaped like Hanko's answers. They check what a user (and a user's own
//! tests) can rely on: the contract attributes, errors at the input, focus kept on a control
//! that stays, the keyboard path, the QR code and the resend countdown.
#![cfg(target_arch = "wasm32")]

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use hanko_elements::errors::{Failure, FailureKind, Recovery};
use hanko_elements::flow::model::{Busy, Form, Screen, SignedInUser, Theme, Work};
use hanko_elements::i18n::{lookup, Translation};
use hanko_elements::protocol::types::FlowResponse;
use hanko_elements::ui::{Actions, AuthView, Submission};
use hanko_elements::Overrides;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Clone, Default)]
struct Calls {
    submitted: Arc<Mutex<Vec<Submission>>>,
    retries: Arc<Mutex<u32>>,
    sign_outs: Arc<Mutex<u32>>,
}

type Submitted = Vec<(String, Vec<(String, String)>)>;

impl Calls {
    fn actions(&self) -> Actions {
        let (submitted, retries, sign_outs) = (
            self.submitted.clone(),
            self.retries.clone(),
            self.sign_outs.clone(),
        );
        Actions {
            submit: Callback::new(move |s: Submission| submitted.lock().unwrap().push(s)),
            retry: Callback::new(move |()| *retries.lock().unwrap() += 1),
            sign_out: Callback::new(move |()| *sign_outs.lock().unwrap() += 1),
        }
    }

    fn submitted(&self) -> Submitted {
        self.submitted
            .lock()
            .unwrap()
            .iter()
            .map(|s| (s.action.clone(), s.inputs.clone().into_iter().collect()))
            .collect()
    }
}

fn one(action: &str, inputs: &[(&str, &str)]) -> Submitted {
    vec![(
        action.to_owned(),
        inputs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )]
}

fn fixture(name: &str) -> FlowResponse {
    let text = match name {
        "login_init" => include_str!("fixtures/login_init.json"),
        "passcode_confirmation" => include_str!("fixtures/passcode_confirmation.json"),
        "passcode_confirmation_invalid" => {
            include_str!("fixtures/passcode_confirmation_invalid.json")
        }
        "onboarding_email" => include_str!("fixtures/onboarding_email.json"),
        "onboarding_email_exists" => include_str!("fixtures/onboarding_email_exists.json"),
        "onboarding_username" => include_str!("fixtures/onboarding_username.json"),
        "credential_onboarding_chooser" => {
            include_str!("fixtures/credential_onboarding_chooser.json")
        }
        "password_creation" => include_str!("fixtures/password_creation.json"),
        "onboarding_create_passkey" => include_str!("fixtures/onboarding_create_passkey.json"),
        "mfa_method_chooser" => include_str!("fixtures/mfa_method_chooser.json"),
        "mfa_otp_secret_creation" => include_str!("fixtures/mfa_otp_secret_creation.json"),
        "mfa_security_key_creation" => include_str!("fixtures/mfa_security_key_creation.json"),
        "unknown_state" => include_str!("fixtures/unknown_state.json"),
        other => panic!("no fixture {other}"),
    };
    serde_json::from_str(text).unwrap()
}

fn form(name: &str) -> Screen {
    Screen::Form(Box::new(Form::new(fixture(name))))
}

/// Renders `screen` with `t` in a fresh container; returns the container, the screen and the
/// translation signals (to change them later), and the recorded calls.
fn render(
    screen: Screen,
    t: Translation,
) -> (HtmlElement, RwSignal<Screen>, RwSignal<Translation>, Calls) {
    let calls = Calls::default();
    let actions = calls.actions();
    let root = container();
    let screen = RwSignal::new(screen);
    let t = RwSignal::new(t);
    mount_to(root.clone(), move || {
        view! { <AuthView screen t theme=Theme::Light actions/> }
    })
    .forget();
    (root, screen, t, calls)
}

fn cancelled() -> Failure {
    let failure = Failure::from_redirect(
        "access_denied",
        Some("AADSTS65004: User declined to consent to access the app."),
        Some("microsoft"),
    );
    assert_eq!(failure.kind, FailureKind::Cancelled);
    assert_eq!(failure.recovery, Recovery::Retry);
    failure
}

fn screen_root(root: &HtmlElement, name: &str) -> web_sys::Element {
    query(
        root,
        &format!(r#"section[part="container"] > [data-screen="{name}"]"#),
    )
    .unwrap_or_else(|| panic!("no [data-screen={name}] in {}", root.inner_html()))
}

fn focused() -> Option<web_sys::Element> {
    doc().active_element()
}

fn focus(el: &web_sys::Element) {
    el.unchecked_ref::<HtmlElement>().focus().unwrap();
}

fn set_value(root: &HtmlElement, selector: &str, value: &str) {
    let input = query(root, selector).unwrap_or_else(|| panic!("no {selector}"));
    input
        .unchecked_ref::<web_sys::HtmlInputElement>()
        .set_value(value);
}

/// What pressing Enter in a form's field does: `requestSubmit()` (validation, then submit).
fn press_enter_in(form: &web_sys::Element) {
    form.unchecked_ref::<web_sys::HtmlFormElement>()
        .request_submit()
        .unwrap();
}

#[wasm_bindgen_test]
async fn loading_shows_a_polite_status() {
    let (root, _, _, _) = render(Screen::Loading, english());
    settle().await;
    let page = screen_root(&root, "loading");
    let status = query(&page, r#"[aria-live="polite"]"#).expect("live status");
    assert_eq!(text(&status), "Loading…");
    let section = query(&root, "section").unwrap();
    assert_eq!(
        section.get_attribute("data-theme").as_deref(),
        Some("light")
    );
}

#[wasm_bindgen_test]
async fn login_init_lists_the_providers_first_then_the_identifier_form() {
    let (root, _, _, calls) = render(form("login_init"), english());
    settle().await;
    let page = screen_root(&root, "login_init");
    assert_eq!(
        text(&query(&page, r#"[part="headline1"]"#).unwrap()),
        "Sign in"
    );
    let ids: Vec<String> = query_all(&page, "button[data-provider]")
        .iter()
        .map(|b| b.get_attribute("data-provider").unwrap())
        .collect();
    assert_eq!(ids, ["microsoft", "github"]);
    for button in query_all(&page, "button[data-provider]") {
        assert_eq!(
            button.get_attribute("data-action").as_deref(),
            Some("thirdparty_oauth")
        );
    }
    assert!(query(&page, r#"[part="divider"]"#).is_some());
    let alert = query(&page, r#"[role="alert"]"#).expect("live region present");
    assert_eq!(text(&alert), "");
    let email = query(
        &page,
        r#"form[data-action="continue_with_login_identifier"] input[name="email"]"#,
    )
    .expect("the identifier input");
    assert_eq!(email.get_attribute("type").as_deref(), Some("email"));
    assert_eq!(
        email.get_attribute("autocomplete").as_deref(),
        Some("email")
    );
    assert!(email.has_attribute("required"));
    assert_eq!(email.get_attribute("maxlength").as_deref(), Some("120"));
    assert!(query(
        &page,
        r#"button[data-action="webauthn_generate_request_options"]"#
    )
    .is_some());
    assert!(
        query(
            &page,
            r#"[data-action="webauthn_verify_assertion_response"]"#
        )
        .is_none(),
        "actions that take a WebAuthn result are never drawn"
    );
    click(&query(&page, r#"button[data-provider="microsoft"]"#).unwrap());
    settle().await;
    assert_eq!(
        calls.submitted(),
        one("thirdparty_oauth", &[("provider", "microsoft")])
    );
}

#[wasm_bindgen_test]
async fn a_busy_provider_keeps_its_button_and_disables_everything_else() {
    let mut state = Form::new(fixture("login_init"));
    state.busy = Some(Busy {
        action: "thirdparty_oauth".into(),
        choice: Some("microsoft".into()),
    });
    let (root, screen, _, calls) = render(Screen::Form(Box::new(state.clone())), english());
    settle().await;
    let microsoft = query(&root, r#"button[data-provider="microsoft"]"#).unwrap();
    assert_eq!(
        microsoft.get_attribute("aria-busy").as_deref(),
        Some("true")
    );
    assert!(microsoft.has_attribute("disabled"));
    let github = query(&root, r#"button[data-provider="github"]"#).unwrap();
    assert!(github.has_attribute("disabled"));
    assert!(github.get_attribute("aria-busy").is_none());
    assert!(query(&root, r#"input[name="email"]"#)
        .unwrap()
        .has_attribute("disabled"));
    click(&github);
    settle().await;
    assert!(calls.submitted().is_empty());

    // On the way to Microsoft: the same buttons, and a status naming the destination.
    state.busy = None;
    state.leaving = Some("microsoft".into());
    screen.set(Screen::Form(Box::new(state)));
    settle().await;
    let same = query(&root, r#"button[data-provider="microsoft"]"#).unwrap();
    assert_eq!(same, microsoft, "the button node stays");
    assert_eq!(same.get_attribute("aria-busy").as_deref(), Some("true"));
    let status = query(&root, r#"[role="status"][data-field="status"]"#).unwrap();
    assert_eq!(text(&status), "Taking you to Microsoft…");
}

#[wasm_bindgen_test]
async fn a_notice_is_shown_above_the_controls() {
    let mut state = Form::new(fixture("login_init"));
    state.notice = Some(cancelled());
    let (root, _, _, _) = render(Screen::Form(Box::new(state)), english());
    settle().await;
    let page = screen_root(&root, "login_init");
    let alert = query(&page, r#"[role="alert"]"#).unwrap();
    assert!(
        text(&alert).contains("Sign-in cancelled"),
        "{}",
        text(&alert)
    );
    assert!(query(&page, r#"button[data-provider="microsoft"]"#).is_some());
}

#[wasm_bindgen_test]
async fn registration_says_sign_up() {
    let mut state = fixture("login_init");
    state.name = "registration_init".into();
    let (root, _, _, _) = render(Screen::Form(Box::new(Form::new(state))), english());
    settle().await;
    let page = screen_root(&root, "registration_init");
    assert_eq!(text(&query(&page, "h1").unwrap()), "Create account");
    let microsoft = query(&page, r#"button[data-provider="microsoft"]"#).unwrap();
    assert_eq!(text(&microsoft), "Sign up with Microsoft");
    let github = query(&page, r#"button[data-provider="github"]"#).unwrap();
    assert_eq!(text(&github), "Sign up with GitHub");
}

#[wasm_bindgen_test]
async fn an_init_state_with_nothing_to_press_says_so() {
    let mut state = fixture("login_init");
    state.actions.clear();
    let (root, _, _, _) = render(Screen::Form(Box::new(Form::new(state))), english());
    settle().await;
    let page = screen_root(&root, "login_init");
    assert!(text(&page).contains("No sign-in method is available"));
}

type Case = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str, &'static str, &'static str)],
);

/// Every page that can follow the Microsoft sign-in: headline, and the contract on every control.
#[wasm_bindgen_test]
async fn every_state_renders_the_ui_contract() {
    let cases: &[Case] = &[
        (
            "passcode_confirmation",
            "Enter passcode",
            &["verify_passcode", "resend_passcode"],
            &[("code", "text", "one-time-code", "input passcode-input")],
        ),
        (
            "onboarding_email",
            "Add an email address",
            &["email_address_set", "skip"],
            &[("email", "text", "email", "input text-input")],
        ),
        (
            "onboarding_username",
            "Choose a username",
            &["username_create", "skip"],
            &[("username", "text", "username", "input text-input")],
        ),
        (
            "credential_onboarding_chooser",
            "Choose how to sign in next time",
            &[
                "continue_to_passkey_registration",
                "continue_to_password_registration",
                "skip",
                "back",
            ],
            &[],
        ),
        (
            "password_creation",
            "Set a password",
            &["register_password", "skip", "back"],
            &[(
                "new_password",
                "password",
                "new-password",
                "input text-input",
            )],
        ),
        (
            "onboarding_create_passkey",
            "Create a passkey",
            &["webauthn_generate_creation_options", "skip", "back"],
            &[],
        ),
        (
            "mfa_method_chooser",
            "Add a second factor",
            &[
                "continue_to_otp_secret_creation",
                "continue_to_security_key_creation",
                "skip",
                "back",
            ],
            &[],
        ),
        (
            "mfa_otp_secret_creation",
            "Set up an authenticator app",
            &["otp_code_verify", "back"],
            &[("otp_code", "text", "one-time-code", "input passcode-input")],
        ),
        (
            "mfa_security_key_creation",
            "Set up a security key",
            &["webauthn_generate_creation_options", "back"],
            &[],
        ),
    ];
    for (state, headline, actions, inputs) in cases {
        let (root, _, _, _) = render(form(state), english());
        settle().await;
        let page = screen_root(&root, state);
        assert_eq!(
            text(&query(&page, r#"h1[part="headline1"]"#).unwrap()),
            *headline
        );
        for action in *actions {
            let control = query(&page, &format!(r#"button[data-action="{action}"]"#))
                .unwrap_or_else(|| {
                    panic!("{state}: no button for {action}: {}", page.outer_html())
                });
            assert!(!text(&control).is_empty(), "{state}: {action} has a label");
        }
        let drawn = query_all(&page, "button[data-action]").len();
        assert_eq!(drawn, actions.len(), "{state}: {}", page.outer_html());
        for (name, kind, autocomplete, part) in *inputs {
            let input = query(&page, &format!(r#"input[name="{name}"]"#))
                .unwrap_or_else(|| panic!("{state}: no input {name}"));
            assert_eq!(
                input.get_attribute("type").as_deref(),
                Some(*kind),
                "{state}"
            );
            assert_eq!(
                input.get_attribute("autocomplete").as_deref(),
                Some(*autocomplete)
            );
            assert_eq!(input.get_attribute("part").as_deref(), Some(*part));
            let id = input.id();
            let label = query(&page, &format!(r#"label[for="{id}"]"#)).expect("a label");
            assert!(!text(&label).is_empty());
            assert!(input.get_attribute("aria-invalid").is_none());
        }
        // Every action with inputs is a form whose submit button names the same action.
        for form in query_all(&page, "form[data-action]") {
            let action = form.get_attribute("data-action").unwrap();
            let submit = query(&form, r#"button[type="submit"]"#).unwrap();
            assert_eq!(submit.get_attribute("data-action"), Some(action));
        }
    }
}

#[wasm_bindgen_test]
async fn an_input_error_is_shown_at_the_input() {
    let (root, _, _, _) = render(form("onboarding_email_exists"), english());
    settle().await;
    let input = query(&root, r#"input[name="email"]"#).unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input
        .get_attribute("aria-describedby")
        .expect("described by its error");
    let message = query(&root, &format!("#{described}")).expect("the message");
    assert_eq!(text(&message), "This email address is already in use.");
    assert_eq!(
        message.get_attribute("part").as_deref(),
        Some("input-error")
    );
    assert_eq!(
        input.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "pat@contoso.example",
        "the backend's value is shown"
    );
    // No flow-level notice for an input error.
    assert_eq!(
        text(&query(&root, r#".hanko-error-live[role="alert"]"#).unwrap()),
        ""
    );
}

#[wasm_bindgen_test]
async fn a_4xx_on_the_same_state_keeps_what_was_typed_and_the_focus() {
    let (root, screen, _, calls) = render(form("passcode_confirmation"), english());
    settle().await;
    set_value(&root, r#"input[name="code"]"#, "000000");
    let input = query(&root, r#"input[name="code"]"#).unwrap();
    let form_el = query(&root, r#"form[data-action="verify_passcode"]"#).unwrap();
    focus(&input);
    press_enter_in(&form_el);
    settle().await;
    assert_eq!(
        calls.submitted(),
        one("verify_passcode", &[("code", "000000")])
    );
    // The engine's answer: the same state again, with the input error and what was typed.
    let mut again = Form::new(fixture("passcode_confirmation_invalid"));
    again
        .typed
        .insert("verify_passcode.code".into(), "000000".into());
    screen.set(Screen::Form(Box::new(again)));
    settle().await;
    let same = query(&root, r#"input[name="code"]"#).unwrap();
    assert_eq!(same, input, "the input node stays");
    assert_eq!(focused().as_ref(), Some(&input), "focus stays in the input");
    assert_eq!(
        same.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "000000"
    );
    assert_eq!(same.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = same.get_attribute("aria-describedby").unwrap();
    assert_eq!(
        text(&query(&root, &format!("#{described}")).unwrap()),
        "This code is wrong or has expired."
    );
    assert!(
        query(&root, r#"button[data-action="back"]"#).is_some(),
        "back is offered now"
    );
}

#[wasm_bindgen_test]
async fn focus_stays_on_a_button_that_stays_across_states() {
    let (root, screen, _, _) = render(form("mfa_method_chooser"), english());
    settle().await;
    let skip = query(&root, r#"button[data-action="skip"]"#).unwrap();
    focus(&skip);
    assert_eq!(focused().as_ref(), Some(&skip));
    screen.set(form("credential_onboarding_chooser"));
    settle().await;
    let page = screen_root(&root, "credential_onboarding_chooser");
    assert_eq!(
        text(&query(&page, "h1").unwrap()),
        "Choose how to sign in next time"
    );
    let still = query(&root, r#"button[data-action="skip"]"#).unwrap();
    assert_eq!(still, skip, "the skip button is the same node");
    assert_eq!(focused().as_ref(), Some(&skip), "and keeps the focus");
    assert!(query(
        &root,
        r#"button[data-action="continue_to_otp_secret_creation"]"#
    )
    .is_none());
    assert!(query(
        &root,
        r#"button[data-action="continue_to_passkey_registration"]"#
    )
    .is_some());
}

#[wasm_bindgen_test]
async fn the_keyboard_reaches_every_control_in_order_and_submits() {
    let (root, _, _, calls) = render(form("password_creation"), english());
    settle().await;
    let page = screen_root(&root, "password_creation");
    let controls = query_all(&page, "input, select, button");
    let names: Vec<String> = controls
        .iter()
        .map(|c| {
            c.get_attribute("name")
                .or(c.get_attribute("data-action"))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(names, ["new_password", "register_password", "skip", "back"]);
    for control in &controls {
        assert!(control.get_attribute("tabindex").is_none(), "natural order");
        assert!(!control.has_attribute("disabled"));
        focus(control);
        assert_eq!(focused().as_ref(), Some(control));
    }
    // Enter in the field submits only a valid form (the browser checks `required`).
    focus(&controls[0]);
    press_enter_in(&query(&page, "form").unwrap());
    settle().await;
    assert!(calls.submitted().is_empty(), "empty: the browser keeps it");
    set_value(
        &root,
        r#"input[name="new_password"]"#,
        "correct horse battery",
    );
    press_enter_in(&query(&page, "form").unwrap());
    settle().await;
    assert_eq!(
        calls.submitted(),
        one(
            "register_password",
            &[("new_password", "correct horse battery")]
        )
    );
    // Enter or Space on a native button is a click.
    click(&controls[2]);
    settle().await;
    assert_eq!(
        calls.submitted().last().map(|s| s.0.clone()).as_deref(),
        Some("skip")
    );
}

#[wasm_bindgen_test]
async fn the_otp_secret_shows_the_qr_code_and_copyable_secret() {
    let (root, _, _, _) = render(form("mfa_otp_secret_creation"), english());
    settle().await;
    let img = query(&root, r#"img[data-field="otp-qr-code"]"#).expect("the QR code");
    assert!(img
        .get_attribute("src")
        .unwrap()
        .starts_with("data:image/png;base64,"));
    assert_eq!(
        img.get_attribute("alt").as_deref(),
        Some("QR code for your authenticator app")
    );
    let secret = query(&root, r#"[data-field="otp-secret"]"#).unwrap();
    assert_eq!(text(&secret), "JBSWY3DPEHPK3PXP");
    assert_ne!(computed(&secret, "user-select"), "none");

    let mut state = fixture("mfa_otp_secret_creation");
    state.payload["otp_image_source"] = "https://evil.example/qr.png".into();
    let (root, _, _, _) = render(Screen::Form(Box::new(Form::new(state))), english());
    settle().await;
    assert!(query(&root, "img").is_none(), "never another address");
    assert!(query(&root, r#"[data-field="otp-secret"]"#).is_some());
}

#[wasm_bindgen_test]
async fn the_resend_countdown_counts_down_politely() {
    let (root, _, _, calls) = render(form("passcode_confirmation"), english());
    settle().await;
    let resend = query(&root, r#"button[data-action="resend_passcode"]"#).unwrap();
    assert!(resend.has_attribute("disabled"));
    let status = query(&root, r#".hanko-countdown[aria-live="polite"]"#).unwrap();
    assert_eq!(text(&status), "You can ask for a new code in 30 seconds.");
    wait_for("the countdown to tick", 3000.0, || {
        (text(&status) == "You can ask for a new code in 29 seconds.").then_some(())
    })
    .await;
    click(&resend);
    settle().await;
    assert!(calls.submitted().is_empty());
}

#[wasm_bindgen_test]
async fn a_state_from_next_year_is_drawn_from_its_inputs() {
    let (root, _, _, calls) = render(form("unknown_state"), english());
    settle().await;
    let page = screen_root(&root, "favourite_colour");
    assert_eq!(text(&query(&page, "h1").unwrap()), "Favourite colour");
    let select = query(&page, r#"select[name="colour"]"#).expect("a select for allowed values");
    assert_eq!(query_all(&select, "option").len(), 2);
    assert!(query(&page, r#"input[name="note"]"#).is_some());
    assert!(
        query(&page, r#"input[name="secret_hint"]"#).is_none(),
        "hidden inputs are not drawn"
    );
    let checkbox = query(&page, r#"input[name="remember_me"][type="checkbox"]"#).unwrap();
    click(&checkbox);
    press_enter_in(&query(&page, r#"form[data-action="remember_me"]"#).unwrap());
    settle().await;
    assert_eq!(
        calls.submitted(),
        one("remember_me", &[("remember_me", "true")])
    );
    assert!(!text(&page).to_lowercase().contains("not supported"));
}

#[wasm_bindgen_test]
async fn a_registered_override_draws_its_state() {
    let calls = Calls::default();
    let actions = calls.actions();
    let root = container();
    let screen = RwSignal::new(form("onboarding_username"));
    let t = RwSignal::new(english());
    let overrides = Overrides::new().with("onboarding_username", |context| {
        view! {
            <p data-field="custom">"Pick the name other people will see."</p>
            <button data-action="skip" on:click=move |_| context.run("skip", Default::default())>
                "Later"
            </button>
        }
        .into_any()
    });
    mount_to(root.clone(), move || {
        view! { <AuthView screen t actions overrides/> }
    })
    .forget();
    settle().await;
    assert!(query(&root, r#"[data-field="custom"]"#).is_some());
    click(&query(&root, r#"button[data-action="skip"]"#).unwrap());
    settle().await;
    assert_eq!(calls.submitted(), one("skip", &[]));
    screen.set(form("onboarding_email"));
    settle().await;
    assert!(
        query(&root, r#"[data-field="custom"]"#).is_none(),
        "other states stay generic"
    );
    assert!(query(&root, r#"input[name="email"]"#).is_some());
}

#[wasm_bindgen_test]
async fn working_screens_show_a_polite_status() {
    for (work, screen, message) in [
        (Work::Exchanging, "exchanging", "Signing you in…"),
        (
            Work::Passkey,
            "passkey",
            "Follow your browser's instructions to continue.",
        ),
    ] {
        let (root, _, _, _) = render(
            Screen::Working {
                work,
                state: "x".into(),
            },
            english(),
        );
        settle().await;
        let page = screen_root(&root, screen);
        assert_eq!(
            text(&query(&page, r#"[aria-live="polite"]"#).unwrap()),
            message
        );
    }
}

#[wasm_bindgen_test]
async fn signed_in_shows_the_email_and_signs_out() {
    let user = SignedInUser {
        subject: "u-1".into(),
        email: Some("alex.wilber@contoso.example".into()),
        expiration: None,
    };
    let (root, screen, _, calls) = render(
        Screen::SignedIn {
            user: user.clone(),
            signing_out: false,
            notice: None,
        },
        english(),
    );
    settle().await;
    let page = screen_root(&root, "signed-in");
    assert_eq!(
        text(&query(&page, r#"[data-field="email"]"#).unwrap()),
        "alex.wilber@contoso.example"
    );
    assert!(text(&page).contains("Signed in as alex.wilber@contoso.example"));
    let sign_out = query(&page, r#"button[data-action="sign-out"]"#).unwrap();
    assert_eq!(text(&sign_out), "Sign out");
    click(&sign_out);
    settle().await;
    assert_eq!(*calls.sign_outs.lock().unwrap(), 1);

    screen.set(Screen::SignedIn {
        user,
        signing_out: true,
        notice: None,
    });
    settle().await;
    let sign_out = query(&root, r#"button[data-action="sign-out"]"#).unwrap();
    assert_eq!(sign_out.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(sign_out.has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn failed_shows_the_notice_with_retry() {
    let (root, _, _, calls) = render(
        Screen::Failed {
            failure: cancelled(),
        },
        english(),
    );
    settle().await;
    let page = screen_root(&root, "failed");
    let alert = query(&page, r#"[role="alert"]"#).unwrap();
    assert!(text(&alert).contains("Sign-in cancelled"));
    click(&query(&page, r#"button[data-action="retry"]"#).expect("retry button"));
    settle().await;
    assert_eq!(*calls.retries.lock().unwrap(), 1);
}

#[wasm_bindgen_test]
async fn changing_the_translation_re_renders_the_text() {
    let (root, _, t, _) = render(form("login_init"), english());
    settle().await;
    assert_eq!(
        text(&query(&root, r#"button[data-provider="microsoft"]"#).unwrap()),
        "Sign in with Microsoft"
    );
    let german = lookup("de").unwrap().clone();
    t.set(german.clone());
    settle().await;
    assert_eq!(
        text(&query(&root, r#"button[data-provider="microsoft"]"#).unwrap()),
        german.text("labels.sign_in_with_microsoft")
    );
    assert_eq!(text(&query(&root, "h1").unwrap()), "Anmelden");
    assert_eq!(
        text(
            &query(
                &root,
                r#"button[data-action="continue_with_login_identifier"]"#
            )
            .unwrap()
        ),
        "Weiter"
    );
}

#[wasm_bindgen_test]
async fn last_used_provider_gets_the_badge_after_its_label() {
    let root = container();
    let screen = RwSignal::new(form("login_init"));
    let last_used = RwSignal::new(Some("microsoft".to_owned()));
    let t = RwSignal::new(english());
    let actions = Actions::none();
    mount_to(root.clone(), move || {
        view! { <AuthView screen last_used t actions/> }
    })
    .forget();
    settle().await;
    let page = screen_root(&root, "login_init");
    assert_eq!(query_all(&page, r#"[part="last-used"]"#).len(), 1);
    let microsoft = query(&page, r#"button[data-provider="microsoft"]"#).unwrap();
    let badge = query(&microsoft, r#"span.hanko-last-used[part="last-used"]"#)
        .unwrap_or_else(|| panic!("no badge in {}", microsoft.outer_html()));
    assert_eq!(text(&badge), "Last used");
    let label = query(&microsoft, ".hanko-button-label").unwrap();
    assert_eq!(text(&label), "Sign in with Microsoft");
    assert_eq!(label.next_element_sibling().as_ref(), Some(&badge));
    let github = query(&page, r#"button[data-provider="github"]"#).unwrap();
    assert!(query(&github, r#"[part="last-used"]"#).is_none());

    let german = lookup("de").unwrap().clone();
    t.set(german.clone());
    last_used.set(Some("github".to_owned()));
    settle().await;
    assert!(query(
        &page,
        r#"button[data-provider="microsoft"] [part="last-used"]"#
    )
    .is_none());
    let badge = query(
        &page,
        r#"button[data-provider="github"] [part="last-used"]"#,
    )
    .expect("badge moved to GitHub");
    assert_eq!(text(&badge), german.text("labels.last_used"));

    last_used.set(None);
    settle().await;
    assert!(query(&root, r#"[part="last-used"]"#).is_none());
}

/// Resolves after the next two animation frames (the focus move runs in the first).
async fn frames() {
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn inside(root: &HtmlElement) -> bool {
    focused().is_some_and(|f| root.contains(Some(&f)))
}

#[wasm_bindgen_test]
async fn a_new_step_takes_the_focus_its_predecessor_lost() {
    let (root, screen, _, _) = render(form("login_init"), english());
    settle().await;
    frames().await;
    assert!(
        !inside(&root),
        "the first screen does not take the page's focus"
    );
    let email = query(&root, r#"input[name="email"]"#).unwrap();
    focus(&email);
    // The email was sent: its form goes away, the passcode page's input gets the focus.
    screen.set(form("passcode_confirmation"));
    wait_for("focus on the code input", 3000.0, || {
        focused().filter(|f| f.get_attribute("name").as_deref() == Some("code"))
    })
    .await;
    // A step without inputs: its headline, made focusable for this.
    screen.set(form("mfa_method_chooser"));
    let headline = wait_for("focus on the headline", 3000.0, || {
        focused().filter(|f| f.tag_name() == "H1")
    })
    .await;
    assert_eq!(text(&headline), "Add a second factor");
    assert_eq!(headline.get_attribute("tabindex").as_deref(), Some("-1"));
}

#[wasm_bindgen_test]
async fn focus_elsewhere_on_the_page_is_left_alone() {
    let (root, screen, _, _) = render(form("login_init"), english());
    settle().await;
    let outside = doc().create_element("input").unwrap();
    doc().body().unwrap().append_child(&outside).unwrap();
    focus(&outside);
    screen.set(form("passcode_confirmation"));
    settle().await;
    frames().await;
    assert_eq!(
        focused().as_ref(),
        Some(&outside),
        "not taken from the page"
    );
    assert!(!inside(&root));
    outside.remove();
}

#[wasm_bindgen_test]
async fn a_running_action_is_announced_politely() {
    let (root, screen, _, _) = render(form("login_init"), english());
    settle().await;
    let status = query(&root, r#"[data-field="busy-status"]"#).expect("the live region is there");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(text(&status), "", "silent while nothing runs");
    let mut busy = Form::new(fixture("login_init"));
    busy.busy = Some(Busy {
        action: "continue_with_login_identifier".into(),
        choice: None,
    });
    screen.set(Screen::Form(Box::new(busy)));
    settle().await;
    let status = query(&root, r#"[data-field="busy-status"]"#).unwrap();
    assert_eq!(text(&status), "Please wait…");
    // On the way to a provider the visible "redirecting" status speaks instead.
    let mut leaving = Form::new(fixture("login_init"));
    leaving.leaving = Some("microsoft".into());
    screen.set(Screen::Form(Box::new(leaving)));
    settle().await;
    let status = query(&root, r#"[data-field="busy-status"]"#).unwrap();
    assert_eq!(text(&status), "");
}
