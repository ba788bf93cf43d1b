//! Browser test of the address-bar cleanup after a provider return (own file: it changes the
//! page URL, which would disturb other tests running in the same page). Needs the dev backend
//! (`HANKO_TEST_API`, started by `scripts/test.sh`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use hanko_elements::RegisterOptions;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn api() -> &'static str {
    option_env!("HANKO_TEST_API").unwrap_or("http://127.0.0.1:18000")
}

#[wasm_bindgen_test]
async fn provider_return_token_is_removed_from_the_address_bar() {
    let window = web_sys::window().unwrap();
    let original = window.location().href().unwrap();
    let history = window.history().unwrap();
    let url = web_sys::Url::new(&original).unwrap();
    url.set_search("?hanko_token=test-token-123&keep=1");
    url.set_hash("#section");
    // A client-side router keeps its own entry state; the cleanup must leave it alone.
    let router_state = js_sys::JSON::parse(r#"{"router":{"key":"k1","index":3}}"#).unwrap();
    history
        .replace_state_with_url(&router_state, "", Some(&url.href()))
        .unwrap();

    hanko_elements::register(api(), RegisterOptions::default()).unwrap();
    let el: HtmlElement = doc().create_element("hanko-auth").unwrap().unchecked_into();
    container().append_child(&el).unwrap();
    let cleaned = wait_for("the token to leave the URL", 10000.0, || {
        let href = window.location().href().ok()?;
        (!href.contains("hanko_token")).then_some(href)
    })
    .await;
    let state_after = js_sys::JSON::stringify(&history.state().unwrap()).unwrap();
    el.remove();
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(&original))
        .unwrap();
    let cleaned = web_sys::Url::new(&cleaned).unwrap();
    assert_eq!(cleaned.search(), "?keep=1");
    assert_eq!(cleaned.hash(), "#section");
    assert_eq!(
        String::from(state_after),
        r#"{"router":{"key":"k1","index":3}}"#,
        "history.state of the page's router must survive the cleanup"
    );
}
