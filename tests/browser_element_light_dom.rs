//! Browser test of `register` with `shadow: false`: the view renders into the element itself and
//! the stylesheet goes to `document.adoptedStyleSheets` (own file: `register`'s options are
//! page-wide).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use hanko_elements::ui::components::stylesheet;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn api() -> &'static str {
    option_env!("HANKO_TEST_API").unwrap_or("http://127.0.0.1:18000")
}

#[wasm_bindgen_test]
async fn shadow_false_renders_into_the_light_dom() {
    let options = js_sys::JSON::parse(r#"{"shadow": false, "enablePasskeys": true}"#).unwrap();
    hanko_elements::register_js(api(), &options).unwrap();
    let el: HtmlElement = doc()
        .create_element("hanko-login")
        .unwrap()
        .unchecked_into();
    el.set_attribute("theme", "dark").unwrap();
    container().append_child(&el).unwrap();
    assert!(el.shadow_root().is_none());
    let section = wait_for("the container in light DOM", 3000.0, || {
        query(&el, r#"section.hanko-container[part="container"]"#)
    })
    .await;
    assert_eq!(section.get_attribute("data-theme").as_deref(), Some("dark"));
    let sheets = doc().adopted_style_sheets();
    let sheet = JsValue::from(stylesheet::shared_sheet().unwrap());
    let count = sheets
        .iter()
        .filter(|s| js_sys::Object::is(s, &sheet))
        .count();
    assert_eq!(
        count, 1,
        "the shared sheet is adopted by the document exactly once"
    );
    // A second element does not add it again.
    let other: HtmlElement = doc().create_element("hanko-auth").unwrap().unchecked_into();
    container().append_child(&other).unwrap();
    wait_for("the second container", 3000.0, || query(&other, "section")).await;
    let count = doc()
        .adopted_style_sheets()
        .iter()
        .filter(|s| js_sys::Object::is(s, &sheet))
        .count();
    assert_eq!(count, 1);
    assert_eq!(computed(&section, "max-width"), "410px");
    el.remove();
    other.remove();
}
