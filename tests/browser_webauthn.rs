//! Browser tests of the WebAuthn calls, through the real controller and UI: the Flow API is
//! answered from fixtures by a `fetch` stand-in, and `navigator.credentials.create` / `get` are
//! replaced to capture what they are called with (the end-to-end tests use ChromeDriver's virtual
//! authenticator against the dev backend instead).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use hanko_elements::controller::{Controller, ControllerOptions, EventSink};
use hanko_elements::flow::model::FlowName;
use hanko_elements::ui::AuthView;
use hanko_elements::SessionTokenLocation;
use leptos::mount::mount_to;
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Replaces `fetch` with answers by action name (`window.__answers[name]`, a list taken in
/// order; the flow start is `login`, the session check `validate`) and records every request
/// (`window.__requests`: `{key, body}`). Replaces `navigator.credentials.create` with
/// `window.__create`, recording its argument in `window.__createdWith`, and
/// `navigator.credentials.get` with `window.__get`, recording each argument in `window.__gets`.
const STUBS: &str = r#"
window.__requests = [];
window.__answers = {};
window.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input.url;
  const body = (typeof input === 'string') ? (init && init.body) : await input.clone().text();
  const key = url.includes('action=')
    ? decodeURIComponent(url.split('action=')[1]).split('@')[0]
    : url.split('?')[0].split('/').pop();
  window.__requests.push({ key, body: body ? JSON.parse(body) : null });
  const list = window.__answers[key] || [];
  const answer = list.length > 1 ? list.shift() : list[0];
  if (!answer) return new Response('{"code":404,"message":"Not Found"}', { status: 404, headers: { 'content-type': 'application/json' } });
  return new Response(JSON.stringify(answer), { status: answer.status || 200, headers: { 'content-type': 'application/json' } });
};
Object.defineProperty(navigator.credentials, 'create', {
  configurable: true,
  value: (options) => { window.__createdWith = options; return window.__create(options); },
});
window.__gets = [];
Object.defineProperty(navigator.credentials, 'get', {
  configurable: true,
  value: (options) => { window.__gets.push(options); return window.__get(options); },
});
"#;

/// `navigator.credentials.get` as a browser does it: a conditional request waits until the
/// user picks a passkey in the autofill (`window.__pick()`) or the signal aborts it; a modal one
/// answers at once with `window.__assertion()`.
const GET_LIKE_A_BROWSER: &str = r#"
window.__assertion = () => ({
  id: 'AQIDBA', type: 'public-key', rawId: new Uint8Array([1,2,3,4]).buffer,
  authenticatorAttachment: 'platform',
  response: { clientDataJSON: new Uint8Array([123,125]).buffer,
              authenticatorData: new Uint8Array([5,6]).buffer,
              signature: new Uint8Array([7,8]).buffer,
              userHandle: new Uint8Array([9]).buffer },
  getClientExtensionResults: () => ({}),
});
window.__get = (options) => {
  if (options.mediation !== 'conditional') return Promise.resolve(window.__assertion());
  return new Promise((resolve, reject) => {
    window.__pick = () => resolve(window.__assertion());
    options.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
};
"#;

/// `login_init` with `request_options`, as Hanko sends it when the browser reported
/// conditional mediation.
fn login_init_with_autofill() -> Value {
    let mut state = fixture(include_str!("fixtures/login_init.json"));
    state["payload"] = json!({"request_options": {"publicKey": {
        "challenge": "3q2-7w", "rpId": "localhost", "userVerification": "required",
        "allowCredentials": [], "timeout": 300000}}});
    state
}

fn success() -> Value {
    json!({"name": "success", "status": 200, "csrf_token": "", "actions": {},
           "payload": {"claims": {"subject": "u1", "email": {"address": "passkey@example.com"}}}})
}

/// What the `index`th call to `navigator.credentials.get` got: its keys, `mediation`, whether
/// its signal is aborted, and the options with binary fields as byte lists.
fn get_call(index: usize) -> Value {
    let text = eval(&format!(
        r#"(() => {{ const o = window.__gets[{index}]; if (!o) return 'null';
            const pk = o.publicKey, bytes = b => Array.from(new Uint8Array(b));
            return JSON.stringify({{ keys: Object.keys(o).sort(), mediation: o.mediation || null,
              aborted: o.signal.aborted, challenge: bytes(pk.challenge), rpId: pk.rpId,
              userVerification: pk.userVerification, timeout: pk.timeout,
              allow: (pk.allowCredentials || []).map(c => bytes(c.id)) }}); }})()"#
    ))
    .as_string()
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The webauthn-json form of `window.__assertion()`.
fn assertion_json() -> Value {
    json!({"type": "public-key", "id": "AQIDBA", "rawId": "AQIDBA",
           "authenticatorAttachment": "platform",
           "response": {"clientDataJSON": "e30", "authenticatorData": "BQY", "signature": "Bwg", "userHandle": "CQ"},
           "clientExtensionResults": {}})
}

fn eval(code: &str) -> JsValue {
    js_sys::eval(code).unwrap_or_else(|e| panic!("{code}: {e:?}"))
}

fn answer(key: &str, body: &Value) {
    eval(&format!(
        "(window.__answers[{}] = window.__answers[{}] || []).push({body});",
        json!(key),
        json!(key)
    ));
}

fn requests() -> Vec<Value> {
    let text = js_sys::JSON::stringify(&eval("window.__requests"))
        .unwrap()
        .as_string()
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn request_body(key: &str) -> Option<Value> {
    requests()
        .into_iter()
        .rev()
        .find(|r| r["key"] == key)
        .map(|r| r["body"].clone())
}

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn preflight() -> Value {
    json!({"name": "preflight", "status": 200, "csrf_token": "c0", "payload": {}, "actions": {
        "register_client_capabilities": {"action": "register_client_capabilities",
          "href": "/login?action=register_client_capabilities%40f", "inputs": {
            "webauthn_available": {"name": "webauthn_available", "type": "boolean", "required": true, "hidden": true},
            "webauthn_conditional_mediation_available": {"name": "webauthn_conditional_mediation_available", "type": "boolean", "hidden": true},
            "webauthn_platform_authenticator_available": {"name": "webauthn_platform_authenticator_available", "type": "boolean", "hidden": true}}}}})
}

/// Installs the stubs, answers the start with `first` after the capabilities, and mounts the
/// element's view driven by a real controller.
async fn start_at(first: &Value) -> web_sys::HtmlElement {
    eval(STUBS);
    answer("validate", &json!({"is_valid": false}));
    answer("login", &preflight());
    answer("register_client_capabilities", first);
    let controller = Controller::new(
        ControllerOptions {
            api: "http://hanko.invalid".into(),
            flow: FlowName::Login,
            lang: "en".into(),
            storage_key: "hanko".into(),
            session_token_location: SessionTokenLocation::Cookie,
            cookie_same_site: None,
            cookie_domain: None,
            debug: false,
        },
        EventSink::new(None),
    );
    let root = container();
    let screen = controller.screen();
    let actions = controller.actions();
    let t = Signal::stored(english());
    mount_to(root.clone(), move || view! { <AuthView screen t actions/> }).forget();
    controller.start();
    std::mem::forget(controller);
    root
}

async fn button(root: &web_sys::HtmlElement, action: &str) -> web_sys::Element {
    let selector = format!(r#"button[data-action="{action}"]:not([disabled])"#);
    wait_for(&format!("the {action} button"), 10000.0, || {
        query(root, &selector)
    })
    .await
}

#[wasm_bindgen_test]
async fn capabilities_are_the_browsers_real_ones() {
    let root = start_at(&fixture(include_str!(
        "fixtures/onboarding_create_passkey.json"
    )))
    .await;
    button(&root, "webauthn_generate_creation_options").await;
    let sent = request_body("register_client_capabilities").expect("capabilities sent");
    let platform = JsFuture::from(js_sys::Promise::from(eval(
        "PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()",
    )))
    .await
    .unwrap()
    .as_bool()
    .unwrap();
    let conditional = JsFuture::from(js_sys::Promise::from(eval(
        "PublicKeyCredential.isConditionalMediationAvailable ? PublicKeyCredential.isConditionalMediationAvailable() : Promise.resolve(false)",
    )))
    .await
    .unwrap()
    .as_bool()
    .unwrap();
    assert_eq!(
        sent["input_data"],
        json!({"webauthn_available": true,
               "webauthn_conditional_mediation_available": conditional,
               "webauthn_platform_authenticator_available": platform})
    );
    assert_eq!(sent["csrf_token"], "c0");
}

#[wasm_bindgen_test]
async fn attestation_calls_create_with_the_payloads_options_and_sends_the_credential() {
    let root = start_at(&fixture(include_str!(
        "fixtures/onboarding_create_passkey.json"
    )))
    .await;
    let verify = fixture(include_str!(
        "fixtures/onboarding_verify_passkey_attestation.json"
    ));
    answer("webauthn_generate_creation_options", &verify);
    answer(
        "webauthn_verify_attestation_response",
        &json!({"name": "success", "status": 200, "csrf_token": "", "actions": {},
                "payload": {"claims": {"subject": "u1", "email": {"address": "alex.wilber@contoso.example"}}}}),
    );
    eval(
        r#"window.__create = async () => ({
            id: 'AQIDBA', type: 'public-key', rawId: new Uint8Array([1,2,3,4]).buffer,
            authenticatorAttachment: 'platform',
            response: { clientDataJSON: new Uint8Array([123,125]).buffer,
                        attestationObject: new Uint8Array([163,99]).buffer,
                        getTransports: () => ['internal', 'hybrid'] },
            getClientExtensionResults: () => ({ credProps: { rk: true } }),
        });"#,
    );
    click(&button(&root, "webauthn_generate_creation_options").await);
    wait_for("the signed-in view", 10000.0, || {
        query(&root, r#"[data-screen="signed-in"]"#)
    })
    .await;

    // create() got the payload's options, binary fields as ArrayBuffers, and a signal.
    let checks = eval(
        r#"(() => { const o = window.__createdWith, pk = o.publicKey;
            const bytes = b => Array.from(new Uint8Array(b));
            return JSON.stringify({
              challenge: pk.challenge instanceof ArrayBuffer, challengeBytes: bytes(pk.challenge).length,
              userId: bytes(pk.user.id), exclude: bytes(pk.excludeCredentials[0].id),
              rp: pk.rp, timeout: pk.timeout, selection: pk.authenticatorSelection,
              signal: o.signal instanceof AbortSignal, keys: Object.keys(o).sort() }); })()"#,
    )
    .as_string()
    .unwrap();
    let checks: Value = serde_json::from_str(&checks).unwrap();
    assert_eq!(checks["challenge"], true);
    assert_eq!(checks["challengeBytes"], 32);
    assert_eq!(
        checks["userId"],
        json!([127, 10, 156, 30, 0, 0, 64, 0, 128, 0, 0, 0, 0, 0, 0, 1])
    );
    assert_eq!(checks["exclude"], json!([1, 2, 3, 4]));
    assert_eq!(
        checks["rp"],
        json!({"name": "Hanko Authentication Service", "id": "localhost"})
    );
    assert_eq!(checks["timeout"], 600000);
    assert_eq!(
        checks["selection"],
        json!({"requireResidentKey": true, "residentKey": "required", "userVerification": "preferred"})
    );
    assert_eq!(checks["signal"], true);
    assert_eq!(checks["keys"], json!(["publicKey", "signal"]));

    // The credential went to webauthn_verify_attestation_response in the webauthn-json shape.
    let sent = request_body("webauthn_verify_attestation_response").unwrap();
    assert_eq!(sent["csrf_token"], verify["csrf_token"]);
    assert_eq!(
        sent["input_data"]["public_key"],
        json!({"type": "public-key", "id": "AQIDBA", "rawId": "AQIDBA",
               "authenticatorAttachment": "platform",
               "response": {"clientDataJSON": "e30", "attestationObject": "o2M", "transports": ["internal", "hybrid"]},
               "clientExtensionResults": {"credProps": {"rk": true}}})
    );
}

#[wasm_bindgen_test]
async fn a_closed_dialog_goes_back_and_says_so() {
    let create_passkey = fixture(include_str!("fixtures/onboarding_create_passkey.json"));
    let root = start_at(&create_passkey).await;
    answer(
        "webauthn_generate_creation_options",
        &fixture(include_str!(
            "fixtures/onboarding_verify_passkey_attestation.json"
        )),
    );
    answer("back", &create_passkey);
    eval(
        "window.__create = async () => { throw new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'); };",
    );
    click(&button(&root, "webauthn_generate_creation_options").await);
    let alert = wait_for("the cancelled message", 10000.0, || {
        let alert = query(
            &root,
            r#"[data-screen="onboarding_create_passkey"] [role="alert"]"#,
        )?;
        (!text(&alert).is_empty()).then_some(alert)
    })
    .await;
    assert!(
        text(&alert).contains("Passkey dialog closed"),
        "{}",
        text(&alert)
    );
    assert!(request_body("back").is_some(), "back was sent");
    assert!(request_body("webauthn_verify_attestation_response").is_none());
    // The user can try again or skip.
    button(&root, "webauthn_generate_creation_options").await;
    button(&root, "skip").await;
}

#[wasm_bindgen_test]
async fn the_passkey_button_calls_get_with_the_payloads_options_and_sends_the_assertion() {
    let root = start_at(&fixture(include_str!("fixtures/login_init.json"))).await;
    eval(GET_LIKE_A_BROWSER);
    let mut passkey = fixture(include_str!("fixtures/login_passkey.json"));
    passkey["payload"]["request_options"]["publicKey"]["allowCredentials"] =
        json!([{"type": "public-key", "id": "AQID"}]);
    answer("webauthn_generate_request_options", &passkey);
    answer("webauthn_verify_assertion_response", &success());
    click(&button(&root, "webauthn_generate_request_options").await);
    wait_for("the signed-in view", 10000.0, || {
        query(&root, r#"[data-screen="signed-in"]"#)
    })
    .await;
    let call = get_call(0);
    assert_eq!(
        call["keys"],
        json!(["publicKey", "signal"]),
        "a modal request: {call}"
    );
    assert_eq!(call["challenge"], json!([222, 173, 190, 239]));
    assert_eq!(call["rpId"], "localhost");
    assert_eq!(call["userVerification"], "preferred");
    assert_eq!(call["timeout"], 600000);
    assert_eq!(call["allow"], json!([[1, 2, 3]]));
    let sent = request_body("webauthn_verify_assertion_response").unwrap();
    assert_eq!(sent["csrf_token"], "csrf-login_passkey");
    assert_eq!(sent["input_data"]["assertion_response"], assertion_json());
}

#[wasm_bindgen_test]
async fn a_closed_passkey_dialog_goes_back_to_the_first_screen_and_says_so() {
    let init = fixture(include_str!("fixtures/login_init.json"));
    let root = start_at(&init).await;
    eval(GET_LIKE_A_BROWSER);
    eval("window.__get = async () => { throw new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'); };");
    answer(
        "webauthn_generate_request_options",
        &fixture(include_str!("fixtures/login_passkey.json")),
    );
    answer("back", &init);
    click(&button(&root, "webauthn_generate_request_options").await);
    let alert = wait_for("the cancelled message", 10000.0, || {
        let alert = query(&root, r#"[data-screen="login_init"] [role="alert"]"#)?;
        (!text(&alert).is_empty()).then_some(alert)
    })
    .await;
    assert!(
        text(&alert).contains("Passkey dialog closed"),
        "{}",
        text(&alert)
    );
    assert!(request_body("back").is_some(), "back was sent");
    assert!(request_body("webauthn_verify_assertion_response").is_none());
    button(&root, "webauthn_generate_request_options").await;
}

#[wasm_bindgen_test]
async fn the_autofill_waits_beside_the_form_and_signs_in_with_the_picked_passkey() {
    eval(GET_LIKE_A_BROWSER);
    let root = start_at(&login_init_with_autofill()).await;
    let email = wait_for("the email input", 10000.0, || {
        query(&root, r#"input[name="email"]"#)
    })
    .await;
    assert_eq!(
        email.get_attribute("autocomplete").as_deref(),
        Some("username webauthn")
    );
    wait_for("the conditional request", 10000.0, || {
        (eval("window.__gets.length").as_f64() == Some(1.0)).then_some(())
    })
    .await;
    let call = get_call(0);
    assert_eq!(call["mediation"], "conditional");
    assert_eq!(call["keys"], json!(["mediation", "publicKey", "signal"]));
    assert_eq!(call["challenge"], json!([222, 173, 190, 239]));
    assert_eq!(call["userVerification"], "required");
    assert_eq!(call["aborted"], false);
    // The form stays usable while it waits.
    button(&root, "continue_with_login_identifier").await;
    answer("webauthn_verify_assertion_response", &success());
    eval("window.__pick()");
    wait_for("the signed-in view", 10000.0, || {
        query(&root, r#"[data-screen="signed-in"]"#)
    })
    .await;
    let sent = request_body("webauthn_verify_assertion_response").unwrap();
    assert_eq!(sent["csrf_token"], "csrf-login_init");
    assert_eq!(sent["input_data"]["assertion_response"], assertion_json());
}

#[wasm_bindgen_test]
async fn typing_an_email_instead_aborts_the_autofill() {
    eval(GET_LIKE_A_BROWSER);
    let root = start_at(&login_init_with_autofill()).await;
    wait_for("the conditional request", 10000.0, || {
        (eval("window.__gets.length").as_f64() == Some(1.0)).then_some(())
    })
    .await;
    answer(
        "continue_with_login_identifier",
        &fixture(include_str!("fixtures/passcode_confirmation.json")),
    );
    let email = query(&root, r#"input[name="email"]"#).unwrap();
    email
        .unchecked_ref::<web_sys::HtmlInputElement>()
        .set_value("pat@contoso.example");
    click(&button(&root, "continue_with_login_identifier").await);
    wait_for("the passcode page", 10000.0, || {
        query(&root, r#"[data-screen="passcode_confirmation"]"#)
    })
    .await;
    assert_eq!(get_call(0)["aborted"], true, "the autofill was aborted");
    assert_eq!(
        request_body("continue_with_login_identifier").unwrap()["input_data"],
        json!({"email": "pat@contoso.example"})
    );
    assert!(request_body("webauthn_verify_assertion_response").is_none());
    assert_eq!(
        eval("window.__gets.length").as_f64(),
        Some(1.0),
        "no new request"
    );
}
