//! Browser test against the dev backend (`scripts/test.sh` starts it on `HANKO_TEST_API`):
//! `HankoAuth` inside a host Leptos app.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use hanko_elements::HankoAuth;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn api() -> &'static str {
    option_env!("HANKO_TEST_API").unwrap_or("http://127.0.0.1:18000")
}

#[component]
fn HostApp() -> impl IntoView {
    let (lang, set_lang) = signal(String::from("en"));
    view! {
        <main>
            <h2>"Host app"</h2>
            <button id="host-de" on:click=move |_| set_lang.set("de".into())>"Deutsch"</button>
            <HankoAuth api=api() lang/>
        </main>
    }
}

#[wasm_bindgen_test]
async fn hanko_auth_in_a_host_app_offers_microsoft() {
    let root = container();
    mount_to(root.clone(), HostApp).forget();
    let button = wait_for("the Microsoft button", 15000.0, || {
        query(&root, r#"section[part="container"] [data-screen="login_init"] button[data-provider="microsoft"]"#)
    })
    .await;
    assert_eq!(text(&button), "Sign in with Microsoft");
    assert_eq!(
        button.get_attribute("part").as_deref(),
        Some("button secondary-button")
    );
    // The document got the shared stylesheet once, so the light-DOM component is styled.
    assert_eq!(computed(&button, "background-color"), "rgb(255, 255, 255)");
    assert_eq!(computed(&button, "color"), "rgb(94, 94, 94)");
    // The host's signal re-translates the component in place.
    click(&query(&root, "#host-de").unwrap());
    let german = hanko_elements::i18n::lookup("de")
        .unwrap()
        .text("labels.sign_in_with_microsoft");
    wait_for("the German label", 5000.0, || {
        let b = query(&root, r#"button[data-provider="microsoft"]"#)?;
        (text(&b) == german).then_some(())
    })
    .await;
}

/// `hidePasskeyButtonOnLogin`: the dev backend offers the passkey button on `login_init` (the
/// browser has WebAuthn); with the option one component shows the email form without it, while
/// another with the default options shows it.
#[wasm_bindgen_test]
async fn the_passkey_button_can_be_hidden_on_the_first_screen() {
    let hidden = container();
    let shown = container();
    let options =
        hanko_elements::RegisterOptions::from_json(r#"{"hidePasskeyButtonOnLogin": true}"#)
            .unwrap();
    mount_to(hidden.clone(), move || {
        view! { <HankoAuth api=api() options=options.clone()/> }
    })
    .forget();
    mount_to(shown.clone(), move || view! { <HankoAuth api=api()/> }).forget();
    let passkey =
        r#"[data-screen="login_init"] button[data-action="webauthn_generate_request_options"]"#;
    wait_for("the default component's passkey button", 15000.0, || {
        query(&shown, passkey)
    })
    .await;
    wait_for("the email form of the other", 15000.0, || {
        query(
            &hidden,
            r#"[data-screen="login_init"] form[data-action="continue_with_login_identifier"]"#,
        )
    })
    .await;
    assert!(query(&hidden, passkey).is_none(), "no passkey button");
    assert!(query(&hidden, r#"button[data-provider="microsoft"]"#).is_some());
}

/// Resolves in the next animation frame's callbacks, which run before the browser paints it.
async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("a window");
        window
            .request_animation_frame(&resolve)
            .expect("requestAnimationFrame");
    });
    wasm_bindgen_futures::JsFuture::from(frame)
        .await
        .expect("the frame");
}

/// Mounted, the component is the placeholder that server-side rendering sends (so hydration finds
/// it); in a client-side app the live view has replaced it before the next frame is painted.
#[wasm_bindgen_test]
async fn a_client_side_app_paints_the_live_view_not_the_placeholder() {
    let root = container();
    mount_to(root.clone(), || view! { <HankoAuth api=api()/> }).forget();
    let placeholder = r#"[data-screen="placeholder"]"#;
    assert!(
        query(&root, placeholder).is_some(),
        "just mounted: the placeholder"
    );
    next_frame().await;
    assert!(
        query(&root, placeholder).is_none(),
        "the placeholder was painted"
    );
    assert!(
        query(&root, r#"section[part="container"]"#).is_some(),
        "the live view should be drawn by the first frame"
    );
}
