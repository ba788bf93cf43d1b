//! The demo application: the sign-in page (controls, the element, and the event log) and the
//! styling page (`#styling`, [`crate::styling`]).

use hanko_elements::elements::register;
use hanko_elements::RegisterOptions;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::styling::StylingPage;

/// Events of `<hanko-auth>` that reach `document` (and so `window`).
const EVENTS: [&str; 4] = [
    "hanko-session-created",
    "hanko-user-logged-out",
    "hanko-session-expired",
    "hanko-flow-error",
];

/// Languages the element ships.
const LANGUAGES: [(&str, &str); 10] = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pt-BR", "Português (Brasil)"),
    ("pl", "Polski"),
    ("ja", "日本語"),
    ("zh", "中文（简体）"),
];

/// One line of the event log.
#[derive(Clone)]
struct LogEntry {
    id: usize,
    time: String,
    name: String,
    detail: String,
}

/// Registers the element and mounts the page.
pub fn start() {
    let api = api_url();
    if let Err(error) = register(&api, RegisterOptions::default()) {
        leptos::logging::error!("register failed: {error:?}");
    }
    mount_to_body(move || view! { <Demo api=api.clone()/> });
}

/// The API URL: `?api=…`, else `HANKO_API_URL` at build time, else `<origin>/api`.
fn api_url() -> String {
    let location = window().location();
    let from_query = location
        .href()
        .ok()
        .and_then(|href| web_sys::Url::new(&href).ok())
        .and_then(|url| url.search_params().get("api"))
        .filter(|api| !api.is_empty());
    if let Some(api) = from_query {
        return api;
    }
    if let Some(api) = option_env!("HANKO_API_URL").filter(|api| !api.is_empty()) {
        return api.to_owned();
    }
    let origin = location.origin().unwrap_or_default();
    format!("{origin}/api")
}

/// Reads a query parameter of the page (for the initial `lang` / `mode`).
fn query(name: &str) -> Option<String> {
    let href = window().location().href().ok()?;
    web_sys::Url::new(&href).ok()?.search_params().get(name)
}

/// The demo's pages, chosen by the address's fragment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Page {
    /// `#` (or none): the element with its controls and the event log.
    SignIn,
    /// `#styling`: every CSS custom property, live.
    Styling,
}

impl Page {
    /// The page the address's fragment names.
    fn current() -> Page {
        match window().location().hash().ok().as_deref() {
            Some("#styling") => Page::Styling,
            _ => Page::SignIn,
        }
    }
}

#[component]
fn Demo(api: String) -> impl IntoView {
    let page = RwSignal::new(Page::current());
    let handle = window_event_listener_untyped("hashchange", move |_| page.set(Page::current()));
    on_cleanup(move || handle.remove());
    let current = move |which: Page| move || (page.get() == which).then_some("page");
    let api_for_page = api.clone();

    view! {
        <header class="demo-header">
            <h1>"hanko-elements for Rust"</h1>
            <p class="demo-sub">
                "A " <code>"<hanko-auth>"</code> " element written in Rust and Leptos, talking to "
                <code>{api.clone()}</code> "."
            </p>
            <nav class="demo-nav" aria-label="Demo pages">
                <a href="#" aria-current=current(Page::SignIn)>"Sign in"</a>
                <a href="#styling" aria-current=current(Page::Styling)>"Styling"</a>
            </nav>
        </header>
        <Show
            when=move || page.get() == Page::Styling
            fallback=move || view! { <SignInPage api=api_for_page.clone()/> }
        >
            <StylingPage/>
        </Show>
    }
}

/// The element with its language, mode and theme controls, the dev backend's guide, and the
/// event log.
#[component]
fn SignInPage(api: String) -> impl IntoView {
    let lang = RwSignal::new(query("lang").unwrap_or_else(|| "en".to_owned()));
    let mode = RwSignal::new(query("mode").unwrap_or_else(|| "login".to_owned()));
    let theme = RwSignal::new("auto".to_owned());
    let log = RwSignal::new(Vec::<LogEntry>::new());
    let next_id = StoredValue::new(0usize);

    for name in EVENTS {
        let handle = window_event_listener_untyped(name, move |event| {
            let detail = event
                .dyn_ref::<web_sys::CustomEvent>()
                .map(|event| event.detail())
                .and_then(|detail| {
                    js_sys::JSON::stringify_with_replacer_and_space(
                        &detail,
                        &wasm_bindgen::JsValue::NULL,
                        &2.into(),
                    )
                    .ok()
                })
                .and_then(|text| text.as_string())
                .unwrap_or_else(|| "null".to_owned());
            let id = next_id.get_value();
            next_id.set_value(id + 1);
            let time = js_sys::Date::new_0().to_locale_time_string("en-GB").into();
            log.update(|entries| {
                entries.insert(
                    0,
                    LogEntry {
                        id,
                        time,
                        name: name.to_owned(),
                        detail,
                    },
                );
            });
        });
        on_cleanup(move || handle.remove());
    }

    let is_dev_backend =
        api.ends_with("/api") || api.contains("127.0.0.1") || api.contains("localhost");

    view! {
        <main class="demo-main">
            <section class="demo-card">
                <div class="demo-controls">
                    <label>
                        "Language "
                        <select on:change=move |ev| lang.set(event_target_value(&ev)) prop:value=move || lang.get()>
                            {LANGUAGES.iter().map(|(code, name)| view! { <option value=*code>{*name}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        "Mode "
                        <select on:change=move |ev| mode.set(event_target_value(&ev)) prop:value=move || mode.get()>
                            <option value="login">"login"</option>
                            <option value="registration">"registration"</option>
                        </select>
                    </label>
                    <ThemeSelect theme/>
                </div>
                <hanko-auth
                    lang=move || lang.get()
                    mode=move || mode.get()
                    theme=move || theme.get()
                ></hanko-auth>
                <Show when=move || is_dev_backend>
                    <p class="demo-hint">
                        "Dev backend: press the Microsoft button and pick a test account (or a failure) on the simulated Microsoft page."
                    </p>
                    <PathGuide outbox=format!("{api}/outbox")/>
                </Show>
            </section>
            <section class="demo-log" aria-labelledby="log-title">
                <div class="demo-log-head">
                    <h2 id="log-title">"Events"</h2>
                    <button type="button" on:click=move |_| log.set(Vec::new())>"Clear"</button>
                </div>
                <Show
                    when=move || !log.with(Vec::is_empty)
                    fallback=|| view! { <p class="demo-empty">"No events yet."</p> }
                >
                    <ol id="events">
                        <For each=move || log.get() key=|entry| entry.id let:entry>
                            <li>
                                <span class="demo-time">{entry.time}</span>
                                " "
                                <strong>{entry.name}</strong>
                                <pre>{entry.detail}</pre>
                            </li>
                        </For>
                    </ol>
                </Show>
            </section>
        </main>
    }
}

/// One path through Hanko's states that the dev backend can be switched to.
struct DemoPath {
    /// The states the user sees.
    states: &'static str,
    /// Arguments for `scripts/demo.sh` (they go to the dev backend).
    flags: &'static str,
    /// The account to pick on the simulated Microsoft page.
    account: &'static str,
}

/// Every path after "Sign in with Microsoft", as `devserver/README.md` documents them.
const DEMO_PATHS: &[DemoPath] = &[
    DemoPath {
        states: "passcode_confirmation → onboarding_create_passkey",
        flags: "(none; open the demo on localhost to create the passkey)",
        account: "Jordan Lee (email not verified)",
    },
    DemoPath {
        states: "onboarding_email → passcode_confirmation",
        flags: "--accept-account-without-email true",
        account: "Sam Rivera (no email)",
    },
    DemoPath {
        states: "onboarding_username",
        flags: "--username-enabled true",
        account: "any",
    },
    DemoPath {
        states: "password_creation",
        flags: "--password-acquire-on-login always --passkey-acquire-on-login never",
        account: "Jordan Lee (email not verified)",
    },
    DemoPath {
        states: "credential_onboarding_chooser",
        flags: "--password-acquire-on-login conditional --passkey-acquire-on-login conditional",
        account: "Jordan Lee (email not verified)",
    },
    DemoPath {
        states: "mfa_method_chooser → mfa_otp_secret_creation",
        flags:
            "--mfa-acquire-on-login true --passkey-acquire-on-login never (or Mode: registration)",
        account: "Jordan Lee (email not verified)",
    },
    DemoPath {
        states: "favourite_colour (a state no client knows)",
        flags: "--custom-state true",
        account: "any",
    },
];

/// How to try each path in the demo, and where the passcodes are.
/// The element's `theme` switch: auto, light or dark.
#[component]
pub(crate) fn ThemeSelect(theme: RwSignal<String>) -> impl IntoView {
    view! {
        <label>
            "Theme "
            <select on:change=move |ev| theme.set(event_target_value(&ev)) prop:value=move || theme.get()>
                <option value="auto">"auto"</option>
                <option value="light">"light"</option>
                <option value="dark">"dark"</option>
            </select>
        </label>
    }
}

#[component]
fn PathGuide(
    /// The dev backend's outbox page.
    outbox: String,
) -> impl IntoView {
    view! {
        <details class="demo-paths">
            <summary>"Try every path"</summary>
            <p class="demo-hint">
                "Restart the demo with the flags, e.g. " <code>"scripts/demo.sh --username-enabled true"</code>
                ", sign in with Microsoft and pick the account. Passcodes arrive in the "
                <a href=outbox target="_blank" rel="noopener">"outbox"</a> "."
            </p>
            <table>
                <thead>
                    <tr><th>"states"</th><th>"flags"</th><th>"account"</th></tr>
                </thead>
                <tbody>
                    {DEMO_PATHS
                        .iter()
                        .map(|path| view! {
                            <tr>
                                <td>{path.states}</td>
                                <td><code>{path.flags}</code></td>
                                <td>{path.account}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}
