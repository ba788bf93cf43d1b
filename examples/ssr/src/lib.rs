//! A Leptos 0.8 app rendered on the server and hydrated in the browser, signing in with
//! [`HankoAuth`]: the shape of a cargo-leptos app, built without cargo-leptos.
//!
//! - `/` signs in: [`HankoAuth`], drawn as a placeholder by the server and live once hydrated.
//!   When the session exists it goes on to `/account`.
//! - `/account` is a [`ProtectedRoute`] on [`use_session`]: the email, and "Sign out" through
//!   [`use_hanko`].
//!
//! The server (`src/main.rs`, feature `ssr`) renders [`shell`]; the browser build (feature
//! `hydrate`, `wasm32`) exports [`hydrate`]. Both read the Hanko API from [`HankoApi`]: the
//! server from its `--api` flag, the browser from the page's `<meta name="hanko-api">`.
//! `scripts/build-ssr-example.sh` builds both; the README tells how to run it.

use hanko_elements::{use_hanko, use_session, HankoAuth, HankoProvider};
use leptos::prelude::*;
use leptos_router::components::{ProtectedRoute, Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;

/// The Hanko API the app signs in with, provided as context above [`App`].
#[derive(Clone, Debug, Default)]
pub struct HankoApi(pub String);

/// The name of the `<meta>` that carries the Hanko API from the server to the browser.
pub const API_META: &str = "hanko-api";

/// The whole document, as the server sends it.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions, api: String) -> impl IntoView {
    provide_context(HankoApi(api.clone()));
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name=API_META content=api/>
                <title>"hanko-elements: server-rendered Leptos"</title>
                <HydrationScripts options/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The app: one [`HankoProvider`] around the router.
#[component]
pub fn App() -> impl IntoView {
    let api = use_context::<HankoApi>().unwrap_or_default().0;
    view! {
        <HankoProvider api=api.clone()>
            <Router>
                <main>
                    <Routes fallback=|| "Not found">
                        <Route path=path!("/") view=move || view! { <SignIn api=api.clone()/> }/>
                        <ProtectedRoute
                            path=path!("/account")
                            condition=move || use_session().with(|s| s.is_signed_in())
                            redirect_path=|| "/"
                            view=Account
                        />
                    </Routes>
                </main>
            </Router>
        </HankoProvider>
    }
}

/// `/`: the sign-in; goes on to `/account` once the session exists.
#[component]
fn SignIn(api: String) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.with(|s| s.is_signed_in()) == Some(true) {
            navigate("/account", Default::default());
        }
    });
    view! {
        <h1 class="page-title">"Sign in"</h1>
        <HankoAuth api/>
    }
}

/// `/account`: who is signed in, and "Sign out".
#[component]
fn Account() -> impl IntoView {
    let session = use_session();
    let hanko = use_hanko();
    let failed = RwSignal::new(false);
    let sign_out = move |_| {
        let hanko = hanko.clone();
        leptos::task::spawn_local(async move {
            failed.set(hanko.logout().await.is_err());
        });
    };
    view! {
        <h1 class="page-title">"Your account"</h1>
        <p>
            "Signed in as "
            <span id="account-email">{move || session.with(|s| s.email().map(str::to_owned))}</span>
        </p>
        <button id="sign-out" type="button" on:click=sign_out>
            "Sign out"
        </button>
        <Show when=move || failed.get()>
            <p role="alert">"Signing out failed. Please try again."</p>
        </Show>
    }
}

/// The browser's entry point: hydrates the server's `<body>`.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    let api = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector(&format!(r#"meta[name="{API_META}"]"#))
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    leptos::mount::hydrate_body(move || {
        provide_context(HankoApi(api));
        view! { <App/> }
    });
}
