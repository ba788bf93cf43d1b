//! Browser test (a page of its own, so that nothing asked the browser before): elements ask the
//! browser for its WebAuthn support once per page, however many of them send
//! `register_client_capabilities`. Against the dev backend (`HANKO_TEST_API`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use hanko_elements::controller::{Controller, ControllerOptions, EventSink, SessionTokenLocation};
use hanko_elements::flow::model::{FlowName, Screen};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn options() -> ControllerOptions {
    ControllerOptions {
        api: option_env!("HANKO_TEST_API")
            .unwrap_or("http://127.0.0.1:18000")
            .into(),
        flow: FlowName::Login,
        lang: "en".into(),
        storage_key: "hanko".into(),
        session_token_location: SessionTokenLocation::Cookie,
        cookie_same_site: None,
        cookie_domain: None,
        debug: false,
    }
}

/// Counts the calls of `PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable` from
/// now on; gives a function that reads the count.
fn count_platform_checks() -> js_sys::Function {
    let install = js_sys::Function::new_no_args(
        "let calls = 0;
         const original = PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable;
         PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable = function () {
           calls += 1;
           return original.call(this);
         };
         return () => calls;",
    );
    install
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap()
        .unchecked_into()
}

fn on_login_init(controller: &Controller) -> Option<()> {
    match controller.screen().get_untracked() {
        Screen::Form(form) if form.state.name == "login_init" => Some(()),
        _ => None,
    }
}

#[wasm_bindgen_test]
async fn the_browser_is_asked_for_webauthn_support_once_per_page() {
    let calls = count_platform_checks();
    let first = Controller::new(options(), EventSink::new(None));
    let second = Controller::new(options(), EventSink::new(None));
    first.start();
    second.start();
    wait_for("both on login_init", 15000.0, || {
        on_login_init(&first).and(on_login_init(&second))
    })
    .await;
    let third = Controller::new(options(), EventSink::new(None));
    third.start();
    wait_for("the third on login_init", 15000.0, || on_login_init(&third)).await;
    let count = calls
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap()
        .as_f64()
        .unwrap();
    assert_eq!(
        count, 1.0,
        "three elements through register_client_capabilities"
    );
}
