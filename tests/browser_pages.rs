//! Browser tests of the pages: each `Screen` rendered directly (no backend).
#![cfg(target_arch = "wasm32")]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::*;
use hanko_elements::errors::{Failure, FailureKind, Recovery};
use hanko_elements::flow::screen::{FlowName, ProviderOption, Screen, SignedInUser};
use hanko_elements::i18n::Translation;
use hanko_elements::pages::{Actions, AuthView};
use hanko_elements::Theme;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Clone, Default)]
struct Calls {
    chosen: Arc<std::sync::Mutex<Vec<String>>>,
    retries: Arc<AtomicUsize>,
    sign_outs: Arc<AtomicUsize>,
}

impl Calls {
    fn actions(&self) -> Actions {
        let (chosen, retries, sign_outs) = (
            self.chosen.clone(),
            self.retries.clone(),
            self.sign_outs.clone(),
        );
        Actions {
            choose_provider: Callback::new(move |id: String| chosen.lock().unwrap().push(id)),
            retry: Callback::new(move |()| {
                retries.fetch_add(1, Ordering::SeqCst);
            }),
            sign_out: Callback::new(move |()| {
                sign_outs.fetch_add(1, Ordering::SeqCst);
            }),
        }
    }
}

/// Renders `screen` with `t` in a fresh container; returns the container, the screen and the
/// translation signals (to change them later), and the recorded calls.
fn render(
    screen: Screen,
    t: Translation,
) -> (HtmlElement, RwSignal<Screen>, RwSignal<Translation>, Calls) {
    let calls = Calls::default();
    let actions = calls.actions();
    let root = container();
    let screen = RwSignal::new(screen);
    let t = RwSignal::new(t);
    mount_to(root.clone(), move || {
        view! { <AuthView screen t theme=Theme::Light actions/> }
    })
    .forget();
    (root, screen, t, calls)
}

fn providers() -> Vec<ProviderOption> {
    vec![
        ProviderOption {
            id: "microsoft".into(),
            name: "Microsoft".into(),
        },
        ProviderOption {
            id: "github".into(),
            name: "GitHub".into(),
        },
        ProviderOption {
            id: "custom_acme".into(),
            name: "Acme".into(),
        },
    ]
}

fn cancelled() -> Failure {
    let failure = Failure::from_redirect(
        "access_denied",
        Some("AADSTS65004: User declined to consent to access the app."),
        Some("microsoft"),
    );
    assert_eq!(failure.kind, FailureKind::Cancelled);
    assert_eq!(failure.recovery, Recovery::Retry);
    failure
}

fn screen_root(root: &HtmlElement, name: &str) -> web_sys::Element {
    query(
        root,
        &format!(r#"section[part="container"] > [data-screen="{name}"]"#),
    )
    .unwrap_or_else(|| panic!("no [data-screen={name}] in {}", root.inner_html()))
}

#[wasm_bindgen_test]
async fn loading_shows_a_polite_status() {
    let (root, _, _, _) = render(Screen::Loading, english());
    settle().await;
    let page = screen_root(&root, "loading");
    let status = query(&page, r#"[aria-live="polite"]"#).expect("live status");
    assert_eq!(text(&status), "Loading…");
    let section = query(&root, "section").unwrap();
    assert_eq!(
        section.get_attribute("data-theme").as_deref(),
        Some("light")
    );
}

#[wasm_bindgen_test]
async fn choose_provider_lists_the_providers_in_order_with_an_empty_alert() {
    let screen = Screen::ChooseProvider {
        flow: FlowName::Login,
        providers: providers(),
        pending: None,
        notice: None,
    };
    let (root, _, _, calls) = render(screen, english());
    settle().await;
    let page = screen_root(&root, "choose-provider");
    assert_eq!(
        text(&query(&page, r#"[part="headline1"]"#).unwrap()),
        "Sign in"
    );
    let ids: Vec<String> = query_all(&page, "button[data-provider]")
        .iter()
        .map(|b| b.get_attribute("data-provider").unwrap())
        .collect();
    assert_eq!(ids, ["microsoft", "github", "custom_acme"]);
    assert_eq!(query_all(&page, r#"li[part="form-item"]"#).len(), 3);
    let alert = query(&page, r#"[role="alert"]"#).expect("live region present");
    assert_eq!(text(&alert), "");
    click(&query(&page, r#"button[data-provider="microsoft"]"#).unwrap());
    settle().await;
    assert_eq!(*calls.chosen.lock().unwrap(), ["microsoft"]);
}

#[wasm_bindgen_test]
async fn pending_provider_is_busy_and_the_others_disabled() {
    let screen = Screen::ChooseProvider {
        flow: FlowName::Login,
        providers: providers(),
        pending: Some("microsoft".into()),
        notice: None,
    };
    let (root, _, _, calls) = render(screen, english());
    settle().await;
    let microsoft = query(&root, r#"button[data-provider="microsoft"]"#).unwrap();
    assert_eq!(
        microsoft.get_attribute("aria-busy").as_deref(),
        Some("true")
    );
    assert!(microsoft.has_attribute("disabled"));
    let github = query(&root, r#"button[data-provider="github"]"#).unwrap();
    assert!(github.has_attribute("disabled"));
    assert!(github.get_attribute("aria-busy").is_none());
    click(&github);
    settle().await;
    assert!(calls.chosen.lock().unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn notice_is_shown_above_the_buttons() {
    let screen = Screen::ChooseProvider {
        flow: FlowName::Login,
        providers: providers(),
        pending: None,
        notice: Some(cancelled()),
    };
    let t = english();
    let (root, _, _, _) = render(screen, t.clone());
    settle().await;
    let page = screen_root(&root, "choose-provider");
    let alert = query(&page, r#"[role="alert"]"#).unwrap();
    let message = query(&alert, r#"[data-field="error-message"]"#).expect("message");
    assert!(!text(&message).is_empty());
    assert!(
        text(&alert).contains(&t.errors.cancelled.title),
        "{}",
        text(&alert)
    );
    assert!(query(&page, r#"button[data-provider="microsoft"]"#).is_some());
}

#[wasm_bindgen_test]
async fn no_providers_says_so() {
    let (root, _, _, _) = render(
        Screen::NoProviders {
            flow: FlowName::Registration,
        },
        english(),
    );
    settle().await;
    let page = screen_root(&root, "no-providers");
    assert_eq!(text(&query(&page, "h1").unwrap()), "Create account");
    assert!(text(&page).contains("No sign-in method is available"));
}

#[wasm_bindgen_test]
async fn redirecting_keeps_the_button_busy_and_names_the_provider() {
    let (root, _, _, _) = render(
        Screen::Redirecting {
            provider: "microsoft".into(),
            flow: FlowName::Login,
            providers: providers(),
        },
        english(),
    );
    settle().await;
    let page = screen_root(&root, "redirecting");
    let button = query(&page, r#"button[data-provider="microsoft"]"#).unwrap();
    assert_eq!(button.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(button.has_attribute("disabled"));
    let github = query(&page, r#"button[data-provider="github"]"#).unwrap();
    assert!(github.has_attribute("disabled"));
    assert!(github.get_attribute("aria-busy").is_none());
    let status = query(&page, r#"[aria-live="polite"]"#).unwrap();
    assert_eq!(text(&status), "Taking you to Microsoft…");
}

#[wasm_bindgen_test]
async fn exchanging_shows_a_polite_status() {
    let (root, _, _, _) = render(Screen::Exchanging, english());
    settle().await;
    let page = screen_root(&root, "exchanging");
    assert_eq!(
        text(&query(&page, r#"[aria-live="polite"]"#).unwrap()),
        "Signing you in…"
    );
}

#[wasm_bindgen_test]
async fn signed_in_shows_the_email_and_signs_out() {
    let user = SignedInUser {
        subject: "u-1".into(),
        email: Some("alex.wilber@contoso.example".into()),
        expiration: None,
    };
    let (root, screen, _, calls) = render(
        Screen::SignedIn {
            user: user.clone(),
            signing_out: false,
        },
        english(),
    );
    settle().await;
    let page = screen_root(&root, "signed-in");
    assert_eq!(
        text(&query(&page, r#"[data-field="email"]"#).unwrap()),
        "alex.wilber@contoso.example"
    );
    assert!(text(&page).contains("Signed in as alex.wilber@contoso.example"));
    let sign_out = query(&page, r#"button[data-action="sign-out"]"#).unwrap();
    assert_eq!(text(&sign_out), "Sign out");
    click(&sign_out);
    settle().await;
    assert_eq!(calls.sign_outs.load(Ordering::SeqCst), 1);

    screen.set(Screen::SignedIn {
        user,
        signing_out: true,
    });
    settle().await;
    let sign_out = query(&root, r#"button[data-action="sign-out"]"#).unwrap();
    assert_eq!(sign_out.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(sign_out.has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn unsupported_names_the_state() {
    let (root, _, _, calls) = render(
        Screen::Unsupported {
            state: "passcode_confirmation".into(),
        },
        english(),
    );
    settle().await;
    let page = screen_root(&root, "unsupported");
    assert_eq!(
        text(&query(&page, r#"[data-field="state"]"#).unwrap()),
        "passcode_confirmation"
    );
    assert!(text(&page).contains("isn't supported here yet (passcode_confirmation)"));
    click(&query(&page, r#"button[data-action="retry"]"#).unwrap());
    settle().await;
    assert_eq!(calls.retries.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
async fn failed_shows_the_notice_with_retry() {
    let t = english();
    let (root, _, _, calls) = render(
        Screen::Failed {
            failure: cancelled(),
        },
        t.clone(),
    );
    settle().await;
    let page = screen_root(&root, "failed");
    let alert = query(&page, r#"[role="alert"]"#).unwrap();
    assert!(text(&alert).contains(&t.errors.cancelled.title));
    click(&query(&page, r#"button[data-action="retry"]"#).expect("retry button"));
    settle().await;
    assert_eq!(calls.retries.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
async fn changing_the_translation_re_renders_the_text() {
    let screen = Screen::ChooseProvider {
        flow: FlowName::Login,
        providers: providers(),
        pending: None,
        notice: None,
    };
    let (root, _, t, _) = render(screen, english());
    settle().await;
    assert_eq!(
        text(&query(&root, r#"button[data-provider="microsoft"]"#).unwrap()),
        "Sign in with Microsoft"
    );
    let german = hanko_elements::i18n::lookup("de").unwrap().clone();
    t.set(german.clone());
    settle().await;
    assert_eq!(
        text(&query(&root, r#"button[data-provider="microsoft"]"#).unwrap()),
        german.labels.sign_in_with_microsoft
    );
    assert_eq!(text(&query(&root, "h1").unwrap()), german.headlines.sign_in);
}

#[wasm_bindgen_test]
async fn last_used_provider_gets_the_badge_after_its_label() {
    let root = container();
    let screen = RwSignal::new(Screen::ChooseProvider {
        flow: FlowName::Login,
        providers: providers(),
        pending: None,
        notice: None,
    });
    let last_used = RwSignal::new(Some("microsoft".to_owned()));
    let t = RwSignal::new(english());
    let actions = Actions::none();
    mount_to(root.clone(), move || {
        view! { <AuthView screen last_used t actions/> }
    })
    .forget();
    settle().await;
    let page = screen_root(&root, "choose-provider");
    assert_eq!(query_all(&page, r#"[part="last-used"]"#).len(), 1);
    let microsoft = query(&page, r#"button[data-provider="microsoft"]"#).unwrap();
    let badge = query(&microsoft, r#"span.hanko-last-used[part="last-used"]"#)
        .unwrap_or_else(|| panic!("no badge in {}", microsoft.outer_html()));
    assert_eq!(text(&badge), "Last used");
    let label = query(&microsoft, ".hanko-button-label").unwrap();
    assert_eq!(text(&label), "Sign in with Microsoft");
    assert_eq!(label.next_element_sibling().as_ref(), Some(&badge));
    assert!(text(&microsoft).starts_with("Sign in with Microsoft"));
    for other in ["github", "custom_acme"] {
        let button = query(&page, &format!(r#"button[data-provider="{other}"]"#)).unwrap();
        assert!(query(&button, r#"[part="last-used"]"#).is_none(), "{other}");
        assert!(!text(&button).contains("Last used"), "{other}");
    }

    let german = hanko_elements::i18n::lookup("de").unwrap().clone();
    t.set(german.clone());
    last_used.set(Some("github".to_owned()));
    settle().await;
    let page = screen_root(&root, "choose-provider");
    assert!(query(
        &page,
        r#"button[data-provider="microsoft"] [part="last-used"]"#
    )
    .is_none());
    let badge = query(
        &page,
        r#"button[data-provider="github"] [part="last-used"]"#,
    )
    .expect("badge moved to GitHub");
    assert_eq!(text(&badge), german.labels.last_used);

    last_used.set(None);
    settle().await;
    assert!(query(&root, r#"[part="last-used"]"#).is_none());
}
