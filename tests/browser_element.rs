//! Browser tests of the custom-element glue: define, attributes, moves, removal, styles.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use hanko_elements::elements::is_mounted;
use hanko_elements::i18n::Translation;
use hanko_elements::RegisterOptions;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// The dev backend of `scripts/test.sh` (the element only needs some API; content may vary).
fn api() -> &'static str {
    option_env!("HANKO_TEST_API").unwrap_or("http://127.0.0.1:18000")
}

fn setup() {
    hanko_elements::register(api(), RegisterOptions::default()).unwrap();
}

fn create(tag: &str, attrs: &[(&str, &str)]) -> HtmlElement {
    let el = doc().create_element(tag).unwrap();
    for (name, value) in attrs {
        el.set_attribute(name, value).unwrap();
    }
    el.unchecked_into()
}

fn shadow(el: &HtmlElement) -> ShadowRoot {
    el.shadow_root().expect("open shadow root")
}

async fn section(el: &HtmlElement) -> Element {
    let root = shadow(el);
    wait_for("the container", 3000.0, || {
        query(&root, r#"section[part="container"]"#)
    })
    .await
}

/// A string that the current screen shows in translation `t`.
fn marker(screen: &str, t: &Translation) -> Vec<String> {
    match screen {
        "loading" => vec![t.text("texts.loading")],
        "login_init" => vec![
            t.text("states.login_init.headline"),
            t.text("labels.sign_in_with_microsoft"),
        ],
        "exchanging" => vec![t.text("texts.signing_in")],
        _ => vec![t.text("labels.try_again"), t.text("labels.sign_out")],
    }
}

#[wasm_bindgen_test]
async fn define_is_idempotent_and_defines_three_tags() {
    setup();
    setup();
    hanko_elements::register_js(api(), &JsValue::UNDEFINED).unwrap();
    let registry = web_sys::window().unwrap().custom_elements();
    for tag in ["hanko-auth", "hanko-login", "hanko-registration"] {
        assert!(!registry.get(tag).is_undefined(), "{tag} defined");
    }
}

#[wasm_bindgen_test]
async fn bad_options_are_rejected_not_panicking() {
    let options = js_sys::JSON::parse(r#"{"shadow": "yes"}"#).unwrap();
    let err = hanko_elements::register_js(api(), &options).unwrap_err();
    let message = js_sys::Reflect::get(&err, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("invalid register options"), "{message}");
    assert!(
        message.contains("`shadow` must be true or false"),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn attributes_set_before_insertion_reach_the_view() {
    setup();
    let el = create(
        "hanko-auth",
        &[("lang", "de"), ("theme", "dark"), ("mode", "registration")],
    );
    container().append_child(&el).unwrap();
    let section = section(&el).await;
    assert_eq!(section.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(section.get_attribute("lang").as_deref(), Some("de"));
    assert!(query(&section, "[data-screen]").is_some());
    el.remove();
}

#[wasm_bindgen_test]
async fn lang_change_re_translates() {
    setup();
    let el = create("hanko-auth", &[("lang", "en")]);
    container().append_child(&el).unwrap();
    let section = section(&el).await;
    let english = hanko_elements::i18n::lookup("en").unwrap();
    let german = hanko_elements::i18n::lookup("de").unwrap();
    let shows = |t: &Translation| {
        let screen = query(&section, "[data-screen]")?.get_attribute("data-screen")?;
        let content = text(&section);
        marker(&screen, t)
            .iter()
            .any(|m| content.contains(m.as_str()))
            .then_some(())
    };
    wait_for("English text", 5000.0, || shows(english)).await;
    el.set_attribute("lang", "de").unwrap();
    wait_for("German text", 5000.0, || shows(german)).await;
    assert_eq!(section.get_attribute("lang").as_deref(), Some("de"));
    el.set_attribute("theme", "light").unwrap();
    wait_for("theme change", 2000.0, || {
        (section.get_attribute("data-theme").as_deref() == Some("light")).then_some(())
    })
    .await;
    el.remove();
}

/// The Microsoft button's logo and label boxes, once the button shows `label`.
async fn microsoft_boxes(el: &HtmlElement, label: &str) -> (web_sys::DomRect, web_sys::DomRect) {
    let root = shadow(el);
    wait_for(label, 5000.0, || {
        let button = query(&root, ".hanko-button-microsoft")?;
        let text_box = query(&button, ".hanko-button-label")?;
        let logo = query(&button, ".hanko-microsoft-logo")?;
        (text(&text_box) == label).then(|| {
            (
                logo.get_bounding_client_rect(),
                text_box.get_bounding_client_rect(),
            )
        })
    })
    .await
}

#[wasm_bindgen_test]
async fn arabic_is_right_to_left_with_the_logo_at_the_reading_start() {
    setup();
    let el = create("hanko-auth", &[("lang", "ar")]);
    container().append_child(&el).unwrap();
    let section = section(&el).await;
    assert_eq!(section.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(section.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(computed(&section, "direction"), "rtl");
    let arabic = hanko_elements::i18n::lookup("ar").unwrap();
    let (logo, label) = microsoft_boxes(&el, &arabic.text("labels.sign_in_with_microsoft")).await;
    assert!(
        logo.left() >= label.right() - 0.5,
        "logo {}..{} should be right of the label {}..{}",
        logo.left(),
        logo.right(),
        label.left(),
        label.right()
    );

    el.set_attribute("lang", "en").unwrap();
    let (logo, label) = microsoft_boxes(&el, "Sign in with Microsoft").await;
    assert_eq!(section.get_attribute("dir").as_deref(), Some("ltr"));
    assert!(
        logo.right() <= label.left() + 0.5,
        "logo {}..{} should be left of the label {}..{}",
        logo.left(),
        logo.right(),
        label.left(),
        label.right()
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn mode_change_restarts_the_flow_in_registration() {
    setup();
    let el = create("hanko-auth", &[("lang", "en")]);
    container().append_child(&el).unwrap();
    let section = section(&el).await;
    let microsoft = |label: &'static str| {
        let section = section.clone();
        move || {
            let button = query(
                &section,
                r#"[data-screen$="_init"] button[data-provider="microsoft"]"#,
            )?;
            (text(&button) == label).then_some(())
        }
    };
    wait_for(
        "the sign-in button",
        10000.0,
        microsoft("Sign in with Microsoft"),
    )
    .await;
    el.set_attribute("mode", "registration").unwrap();
    wait_for(
        "the sign-up button",
        10000.0,
        microsoft("Sign up with Microsoft"),
    )
    .await;
    assert_eq!(text(&query(&section, "h1").unwrap()), "Create account");
    el.set_attribute("mode", "nonsense").unwrap();
    wait_for("login again", 10000.0, microsoft("Sign in with Microsoft")).await;
    el.remove();
}

#[wasm_bindgen_test]
async fn moving_keeps_the_view_and_removing_unmounts() {
    setup();
    let el = create("hanko-auth", &[]);
    let first = container();
    first.append_child(&el).unwrap();
    let before = section(&el).await;
    assert!(is_mounted(&el));
    let second = container();
    second.append_child(&el).unwrap();
    settle().await;
    let after = section(&el).await;
    assert!(
        before.is_same_node(Some(&after)),
        "the same view survives a move"
    );
    assert!(is_mounted(&el), "still one mounted view");

    el.remove();
    wait_for("unmount", 2000.0, || {
        (shadow(&el).child_element_count() == 0).then_some(())
    })
    .await;
    assert!(!is_mounted(&el), "removing unmounts");

    // Re-inserting mounts a fresh view with the current attributes.
    el.set_attribute("theme", "dark").unwrap();
    second.append_child(&el).unwrap();
    let again = section(&el).await;
    assert_eq!(again.get_attribute("data-theme").as_deref(), Some("dark"));
    el.remove();
}

#[wasm_bindgen_test]
async fn every_instance_adopts_the_one_shared_sheet() {
    setup();
    let a = create("hanko-auth", &[]);
    let b = create("hanko-login", &[]);
    let root = container();
    root.append_child(&a).unwrap();
    root.append_child(&b).unwrap();
    section(&a).await;
    section(&b).await;
    let sheets_a = shadow(&a).adopted_style_sheets();
    let sheets_b = shadow(&b).adopted_style_sheets();
    assert_eq!(sheets_a.length(), 1);
    assert_eq!(sheets_b.length(), 1);
    assert!(js_sys::Object::is(&sheets_a.get(0), &sheets_b.get(0)));
    // The sheet styles the container from inside the shadow root.
    let container = query(&shadow(&a), "section").unwrap();
    assert_eq!(computed(&container, "max-width"), "410px");
    a.remove();
    b.remove();
}

#[wasm_bindgen_test]
async fn upgrade_path_via_inner_html() {
    setup();
    let root = container();
    root.set_inner_html(r#"<hanko-registration lang="fr"></hanko-registration>"#);
    let el: HtmlElement = root.first_element_child().unwrap().unchecked_into();
    let section = section(&el).await;
    assert_eq!(section.get_attribute("lang").as_deref(), Some("fr"));
    el.remove();
}

#[derive(Clone)]
struct HostContext;

#[wasm_bindgen_test]
async fn rendered_by_a_host_leptos_app_it_is_isolated() {
    setup();
    let root = container();
    let (show, set_show) = signal(true);
    let handle = mount_to(root.clone(), move || {
        provide_context(HostContext);
        view! { <Show when=move || show.get()><hanko-auth lang="en"></hanko-auth></Show> }
    });
    let el: HtmlElement = wait_for("element", 2000.0, || query(&root, "hanko-auth"))
        .await
        .unchecked_into();
    let inner = section(&el).await;
    // The host app re-rendering around it does not tear the element's view down.
    set_show.set(true);
    settle().await;
    assert!(inner.is_connected());
    drop(handle);
    settle().await;
    wait_for("unmount", 2000.0, || {
        (!el.is_connected() && shadow(&el).child_element_count() == 0).then_some(())
    })
    .await;
}

/// `prefilled-email`: the dev backend's first screen has an email input, which starts with the
/// attribute's value; a later change of the attribute reaches it too while nothing is typed.
#[wasm_bindgen_test]
async fn prefilled_email_fills_the_first_screens_email_input() {
    setup();
    let el = create("hanko-auth", &[("prefilled-email", "pat@contoso.example")]);
    container().append_child(&el).unwrap();
    let root = shadow(&el);
    let value = |root: &ShadowRoot| {
        query(root, r#"[data-screen="login_init"] input[name="email"]"#)
            .map(|input| input.unchecked_into::<web_sys::HtmlInputElement>().value())
    };
    wait_for("the prefilled email", 15000.0, || {
        value(&root).filter(|v| v == "pat@contoso.example")
    })
    .await;
    el.set_attribute("prefilled-email", "alex@contoso.example")
        .unwrap();
    wait_for("the changed email", 5000.0, || {
        value(&root).filter(|v| v == "alex@contoso.example")
    })
    .await;
    el.remove();
}

/// How many `GET /sessions/validate` requests have completed on this page.
fn validations() -> usize {
    let entries = web_sys::window()
        .unwrap()
        .performance()
        .unwrap()
        .get_entries_by_type("resource");
    entries
        .iter()
        .filter_map(|entry| {
            js_sys::Reflect::get(&entry, &"name".into())
                .ok()?
                .as_string()
        })
        .filter(|name| name.contains("/sessions/validate"))
        .count()
}

/// A `hanko-session-created` that some script dispatches, with made-up claims: the element asks
/// the server, which knows no session, and stays on its first screen.
#[wasm_bindgen_test]
async fn a_made_up_session_event_is_checked_with_the_server_first() {
    setup();
    let el = create("hanko-auth", &[("lang", "en")]);
    container().append_child(&el).unwrap();
    let root = shadow(&el);
    wait_for("the first screen", 15000.0, || {
        query(
            &root,
            r#"[data-screen="login_init"] button[data-provider="microsoft"]"#,
        )
    })
    .await;
    let before = validations();
    js_sys::eval(
        "document.dispatchEvent(new CustomEvent('hanko-session-created', { detail: { claims: \
         { subject: 'nobody', email: { address: 'mallory@evil.example' } }, expirationSeconds: 60000 } }));",
    )
    .unwrap();
    wait_for("the element's session check", 15000.0, || {
        (validations() > before).then_some(())
    })
    .await;
    settle().await;
    assert!(
        query(&root, r#"[data-screen="signed-in"]"#).is_none(),
        "not signed in"
    );
    assert!(
        query(&root, r#"[data-screen="login_init"]"#).is_some(),
        "the first screen stays"
    );
    assert!(!el.inner_html().contains("mallory") && !root.inner_html().contains("mallory"));
    el.remove();
}
