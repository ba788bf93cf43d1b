//! Helpers shared by the browser tests (wasm32 only).

#![allow(dead_code)]

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement};

/// The document.
pub fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh `<div>` appended to `<body>`.
pub fn container() -> HtmlElement {
    let div = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Waits `ms` milliseconds (only for polling a condition, never as a fixed delay before an assertion).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Lets Leptos run its scheduled effects and DOM updates.
pub async fn settle() {
    leptos::task::tick().await;
    sleep(0).await;
    leptos::task::tick().await;
}

/// Polls `check` until it returns `Some`, for at most `timeout_ms`; panics with `what` and the
/// page's HTML otherwise.
pub async fn wait_for<T>(what: &str, timeout_ms: f64, mut check: impl FnMut() -> Option<T>) -> T {
    let start = js_sys::Date::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        if js_sys::Date::now() - start > timeout_ms {
            let html = doc().body().map(|b| b.inner_html()).unwrap_or_default();
            panic!("timed out after {timeout_ms} ms waiting for {what}; body: {html}");
        }
        sleep(20).await;
    }
}

/// `root.querySelector(selector)`.
pub fn query(root: &impl AsRef<web_sys::Node>, selector: &str) -> Option<Element> {
    let node: &web_sys::Node = root.as_ref();
    if let Some(el) = node.dyn_ref::<Element>() {
        return el.query_selector(selector).unwrap();
    }
    if let Some(frag) = node.dyn_ref::<web_sys::DocumentFragment>() {
        return frag.query_selector(selector).unwrap();
    }
    None
}

/// `root.querySelectorAll(selector)` as a Vec.
pub fn query_all(root: &impl AsRef<web_sys::Node>, selector: &str) -> Vec<Element> {
    let node: &web_sys::Node = root.as_ref();
    let list = if let Some(el) = node.dyn_ref::<Element>() {
        el.query_selector_all(selector).unwrap()
    } else {
        node.unchecked_ref::<web_sys::DocumentFragment>()
            .query_selector_all(selector)
            .unwrap()
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// The computed value of a CSS property.
pub fn computed(el: &Element, property: &str) -> String {
    web_sys::window()
        .unwrap()
        .get_computed_style(el)
        .unwrap()
        .unwrap()
        .get_property_value(property)
        .unwrap()
}

/// Clicks an element.
pub fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

/// The trimmed text content.
pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_owned()
}

/// The English translation.
pub fn english() -> hanko_elements::i18n::Translation {
    hanko_elements::i18n::lookup("en").unwrap().clone()
}
