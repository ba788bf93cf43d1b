//! Browser tests of the `Controller` against the dev backend (`HANKO_TEST_API`): it reaches the
//! provider choice through `preflight`, and reports an unreachable backend as a network failure
//! on screen and as `hanko-flow-error` on `document`; with `debug` it logs states and actions by
//! name only; without `crypto.getRandomValues` it refuses the provider sign-in (fail closed); its
//! first requests leave before `start` returns.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use hanko_elements::controller::{
    Controller, ControllerOptions, EventSink, HankoEvent, SessionTokenLocation,
};
use hanko_elements::errors::FailureKind;
use hanko_elements::flow::model::{FlowName, Screen};
use hanko_elements::flow::view::view_model;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn api() -> &'static str {
    option_env!("HANKO_TEST_API").unwrap_or("http://127.0.0.1:18000")
}

fn options(api: &str) -> ControllerOptions {
    ControllerOptions {
        api: api.into(),
        flow: FlowName::Login,
        lang: "en".into(),
        storage_key: "hanko".into(),
        session_token_location: SessionTokenLocation::Cookie,
        cookie_same_site: None,
        cookie_domain: None,
        debug: false,
    }
}

#[wasm_bindgen_test]
async fn reaches_the_provider_choice() {
    let controller = Controller::new(options(api()), EventSink::new(None));
    controller.start();
    let view = wait_for("the provider choice", 15000.0, || {
        match controller.screen().get_untracked() {
            Screen::Form(form) if form.state.name == "login_init" => Some(view_model(&form)),
            _ => None,
        }
    })
    .await;
    assert!(view
        .providers
        .iter()
        .any(|p| p.id == "microsoft" && !p.busy));
    assert_eq!(view.notice, None);
    assert!(!view.busy);
}

/// Wraps `window.fetch` to record the URLs of requests that start with `prefix` (passing every
/// request on); gives the list the wrapper fills and a function that puts the original back.
fn record_fetches(prefix: &str) -> (js_sys::Array, js_sys::Function) {
    let install = js_sys::Function::new_with_args(
        "prefix",
        "const seen = []; const original = window.fetch;
         window.fetch = function (request, init) {
           const url = typeof request === 'string' ? request : request.url;
           if (url.startsWith(prefix)) seen.push(url);
           return original.call(this, request, init);
         };
         return [seen, () => { window.fetch = original; }];",
    );
    let pair: js_sys::Array = install
        .call1(&wasm_bindgen::JsValue::NULL, &prefix.into())
        .unwrap()
        .unchecked_into();
    (pair.get(0).unchecked_into(), pair.get(1).unchecked_into())
}

#[wasm_bindgen_test]
fn the_first_requests_leave_before_start_returns() {
    // Nothing answers here; the test looks only at what was sent, before anything is awaited.
    let api = "http://127.0.0.1:9/requests-leave-at-once";
    let (seen, restore) = record_fetches(api);
    let controller = Controller::new(options(api), EventSink::new(None));
    controller.start();
    let sent: Vec<String> = seen.iter().filter_map(|url| url.as_string()).collect();
    restore.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    assert_eq!(
        sent,
        [format!("{api}/sessions/validate"), format!("{api}/login")],
        "the session check and the flow start go out while start() runs"
    );
}

#[wasm_bindgen_test]
async fn unreachable_backend_is_a_network_failure_with_an_event() {
    let seen: Rc<RefCell<Vec<HankoEvent>>> = Rc::default();
    let log = seen.clone();
    let details: Rc<RefCell<Vec<String>>> = Rc::default();
    let document_log = details.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
            let detail = js_sys::JSON::stringify(&event.detail())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default();
            document_log.borrow_mut().push(detail);
        });
    doc()
        .add_event_listener_with_callback("hanko-flow-error", listener.as_ref().unchecked_ref())
        .unwrap();
    let sink = EventSink::new(None).with_callback(Rc::new(move |event: &HankoEvent| {
        log.borrow_mut().push(event.clone())
    }));
    // Port 9 (discard) is closed on loopback: the request fails at once.
    let controller = Controller::new(options("http://127.0.0.1:9"), sink);
    controller.start();
    let failure = wait_for("the failure screen", 15000.0, || {
        match controller.screen().get_untracked() {
            Screen::Failed { failure } => Some(failure),
            _ => None,
        }
    })
    .await;
    assert_eq!(failure.kind, FailureKind::Network);
    assert!(matches!(
        seen.borrow().as_slice(),
        [HankoEvent::FlowError(f)] if f.kind == FailureKind::Network
    ));
    let details = details.borrow();
    assert_eq!(details.len(), 1);
    let detail: serde_json::Value = serde_json::from_str(&details[0]).unwrap();
    assert_eq!(detail["kind"], "network");
    assert_eq!(detail["code"], "network_error");
    doc()
        .remove_event_listener_with_callback("hanko-flow-error", listener.as_ref().unchecked_ref())
        .unwrap();
}

#[wasm_bindgen_test]
async fn debug_logs_states_and_actions_by_name_only() {
    // Keep what the controller writes to console.log (and pass it on).
    js_sys::eval(
        "window.__hankoLines = []; window.__hankoLog = console.log; \
         console.log = (...args) => { window.__hankoLines.push(args.join(' ')); window.__hankoLog(...args); };",
    )
    .unwrap();
    let controller = Controller::new(
        ControllerOptions {
            debug: true,
            ..options(api())
        },
        EventSink::new(None),
    );
    controller.start();
    let csrf = wait_for("the provider choice", 15000.0, || {
        match controller.screen().get_untracked() {
            Screen::Form(form) if form.state.name == "login_init" => Some(form.state.csrf_token),
            _ => None,
        }
    })
    .await;
    let lines = js_sys::eval("console.log = window.__hankoLog; window.__hankoLines.join('\\n')")
        .unwrap()
        .as_string()
        .unwrap();
    let ours: Vec<&str> = lines
        .lines()
        .filter(|line| line.starts_with("hanko-elements:"))
        .collect();
    assert_eq!(
        ours,
        [
            "hanko-elements: state preflight (200)",
            "hanko-elements: action register_client_capabilities (inputs: webauthn_available, webauthn_conditional_mediation_available, webauthn_platform_authenticator_available)",
            "hanko-elements: state login_init (200)",
        ],
        "all lines: {lines}"
    );
    assert!(
        !csrf.is_empty() && !lines.contains(&csrf),
        "no CSRF token in the log"
    );
}

#[wasm_bindgen_test]
async fn without_get_random_values_the_provider_sign_in_fails_closed() {
    let controller = Controller::new(options(api()), EventSink::new(None));
    controller.start();
    wait_for("the provider choice", 15000.0, || {
        matches!(controller.screen().get_untracked(), Screen::Form(form) if form.state.name == "login_init")
            .then_some(())
    })
    .await;
    // A browser without crypto.getRandomValues.
    js_sys::eval(
        "window.__getRandomValues = Crypto.prototype.getRandomValues; \
         Object.defineProperty(Crypto.prototype, 'getRandomValues', { configurable: true, writable: true, value: undefined });",
    )
    .unwrap();
    controller.submit(hanko_elements::ui::Submission {
        action: "thirdparty_oauth".into(),
        inputs: [("provider".to_owned(), "microsoft".to_owned())].into(),
    });
    js_sys::eval("Crypto.prototype.getRandomValues = window.__getRandomValues;").unwrap();
    let (notice, busy) = match controller.screen().get_untracked() {
        Screen::Form(form) => (form.notice.clone(), form.busy.is_some()),
        other => panic!("not the form: {other:?}"),
    };
    let notice = notice.expect("the user is told");
    assert_eq!(notice.kind, FailureKind::InsecureBrowser);
    // Nothing was started: no verifier stored, no request under way.
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    assert_eq!(storage.get_item("hanko_pkce_code_verifier").unwrap(), None);
    assert!(!busy, "no request under way");
}
