//! Browser test against the dev backend (`scripts/test.sh` starts it on `HANKO_TEST_API`): a
//! Leptos app with `HankoProvider`, `use_session()` and a `leptos_router` protected route. Signed
//! out, `/account` sends the user to `/login`; signing in there with `HankoAuth` (the seeded
//! passcode account, the code read from the dev backend's outbox) turns the session signal
//! signed in, and `/account` then shows the user's email; signing out through `use_hanko()`
//! turns it signed out again once the server confirmed it.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use hanko_elements::{use_hanko, use_session, HankoAuth, HankoProvider};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::{ProtectedRoute, Route, Router, Routes, A};
use leptos_router::path;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn api() -> &'static str {
    option_env!("HANKO_TEST_API").unwrap_or("http://127.0.0.1:18000")
}

/// The dev backend's seeded account that signs in with a passcode.
const EMAIL: &str = "passcode@example.com";

#[component]
fn Account() -> impl IntoView {
    let session = use_session();
    let hanko = use_hanko();
    let sign_out = move |_| {
        let hanko = hanko.clone();
        leptos::task::spawn_local(async move {
            let _ = hanko.logout().await;
        });
    };
    view! {
        <p id="account">{move || session.with(|s| s.email().map(str::to_owned))}</p>
        <button id="app-sign-out" on:click=sign_out>"Sign out"</button>
    }
}

#[component]
fn App() -> impl IntoView {
    let session = use_session();
    view! {
        <p id="session">
            {move || match session.get().is_signed_in() {
                None => "checking",
                Some(true) => "signed in",
                Some(false) => "signed out",
            }}
        </p>
        <Router>
            <A href="/account">"Account"</A>
            <Routes fallback=|| "Not found">
                <Route path=path!("/login") view=|| view! { <HankoAuth api=api() lang="en"/> }/>
                <ProtectedRoute
                    path=path!("/account")
                    condition=move || session.with(|s| s.is_signed_in())
                    redirect_path=|| "/login"
                    view=Account
                />
            </Routes>
        </Router>
    }
}

fn input(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlInputElement {
    query(root, &format!(r#"input[name="{name}"]"#))
        .unwrap_or_else(|| panic!("no {name} input"))
        .unchecked_into()
}

async fn button(root: &web_sys::HtmlElement, action: &str) -> web_sys::Element {
    let selector = format!(r#"button[data-action="{action}"]:not([disabled])"#);
    wait_for(&format!("the {action} button"), 15000.0, || {
        query(root, &selector)
    })
    .await
}

/// The newest passcode to `to` in the dev backend's outbox.
async fn passcode_for(to: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(&format!("{}/outbox.json", api())))
        .await
        .ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    let outbox: serde_json::Value = serde_json::from_str(&text).ok()?;
    outbox["passcodes"]
        .as_array()?
        .iter()
        .find(|p| p["to"] == to)
        .and_then(|p| p["code"].as_str())
        .map(str::to_owned)
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> Option<String> {
    query(root, selector).map(|el| text(&el))
}

#[wasm_bindgen_test]
async fn a_protected_route_follows_the_session() {
    let history = web_sys::window().unwrap().history().unwrap();
    let start = web_sys::window().unwrap().location().href().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/account"))
        .unwrap();
    let root = container();
    mount_to(root.clone(), || {
        view! { <HankoProvider api=api()><App/></HankoProvider> }
    })
    .forget();

    // Signed out: the protected route sends the user to the sign-in page.
    wait_for("signed out", 15000.0, || {
        (text_of(&root, "#session").as_deref() == Some("signed out")).then_some(())
    })
    .await;
    wait_for("the redirect to /login", 15000.0, || {
        let path = web_sys::window()?.location().pathname().ok()?;
        (path == "/login").then_some(())
    })
    .await;

    // Sign in there: email, "code by email", the code from the outbox, the passkey offer skipped.
    button(&root, "continue_with_login_identifier").await;
    input(&root, "email").set_value(EMAIL);
    click(&button(&root, "continue_with_login_identifier").await);
    click(&button(&root, "continue_to_passcode_confirmation").await);
    button(&root, "verify_passcode").await;
    let mut code = None;
    for _ in 0..100 {
        code = passcode_for(EMAIL).await;
        if code.is_some() {
            break;
        }
        sleep(50).await;
    }
    let code = code.expect("a passcode to the seeded account in the outbox");
    input(&root, "code").set_value(&code);
    click(&button(&root, "verify_passcode").await);
    click(&button(&root, "skip").await);
    wait_for("signed in", 15000.0, || {
        (text_of(&root, "#session").as_deref() == Some("signed in")).then_some(())
    })
    .await;

    // Now the protected route shows the account.
    click(&query(&root, r#"a[href="/account"]"#).unwrap());
    wait_for("the account page with the email", 15000.0, || {
        (text_of(&root, "#account").as_deref() == Some(EMAIL)).then_some(())
    })
    .await;

    // Signing out through use_hanko(): signed out once the server confirmed it.
    click(&query(&root, "#app-sign-out").unwrap());
    wait_for("signed out again", 15000.0, || {
        (text_of(&root, "#session").as_deref() == Some("signed out")).then_some(())
    })
    .await;
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .unwrap();
}
