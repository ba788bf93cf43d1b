//! Browser tests of the provider buttons: Microsoft branding, busy state, press-once.
#![cfg(target_arch = "wasm32")]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::*;
use hanko_elements::ui::components::{stylesheet, MicrosoftButton, ProviderButton};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn counter() -> (Arc<AtomicUsize>, Callback<()>) {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    (
        count,
        Callback::new(move |()| {
            seen.fetch_add(1, Ordering::SeqCst);
        }),
    )
}

/// Mounts a Microsoft button inside a themed container with the element's stylesheet applied.
fn mount_microsoft(
    theme: &'static str,
    busy: bool,
    disabled: bool,
    on_press: Callback<()>,
) -> web_sys::HtmlElement {
    stylesheet::adopt_into_document();
    let root = container();
    mount_to(root.clone(), move || {
        view! {
            <section class="hanko-container" data-theme=theme>
                <MicrosoftButton label="Sign in with Microsoft" on_press busy disabled/>
            </section>
        }
    })
    .forget();
    root
}

#[wasm_bindgen_test]
async fn microsoft_button_is_brand_correct_in_light_theme() {
    let (_, on_press) = counter();
    let root = mount_microsoft("light", false, false, on_press);
    settle().await;
    let button = query(&root, r#"button[data-provider="microsoft"]"#).expect("button");
    assert_eq!(button.get_attribute("type").as_deref(), Some("button"));
    assert_eq!(
        button.get_attribute("part").as_deref(),
        Some("button secondary-button")
    );
    assert_eq!(text(&button), "Sign in with Microsoft");
    assert!(button.get_attribute("aria-busy").is_none());

    let svg = query(&button, "svg").expect("logo");
    assert_eq!(svg.get_attribute("width").as_deref(), Some("21"));
    assert_eq!(svg.get_attribute("height").as_deref(), Some("21"));
    assert_eq!(svg.get_attribute("viewBox").as_deref(), Some("0 0 21 21"));
    let squares: Vec<(String, String, String, String, String)> = query_all(&svg, "rect")
        .iter()
        .map(|r| {
            let a = |n: &str| r.get_attribute(n).unwrap_or_default();
            (
                a("x"),
                a("y"),
                a("width"),
                a("height"),
                a("fill").to_uppercase(),
            )
        })
        .collect();
    let expected = [
        ("1", "1", "#F25022"),   // top-left red
        ("11", "1", "#7FBA00"),  // top-right green
        ("1", "11", "#00A4EF"),  // bottom-left blue
        ("11", "11", "#FFB900"), // bottom-right yellow
    ];
    assert_eq!(squares.len(), 4);
    for ((x, y, w, h, fill), (ex, ey, efill)) in squares.iter().zip(expected) {
        assert_eq!((x.as_str(), y.as_str(), fill.as_str()), (ex, ey, efill));
        assert_eq!((w.as_str(), h.as_str()), ("9", "9"));
    }

    assert_eq!(computed(&button, "background-color"), "rgb(255, 255, 255)");
    assert_eq!(computed(&button, "border-top-color"), "rgb(140, 140, 140)");
    assert_eq!(computed(&button, "border-top-width"), "1px");
    assert_eq!(computed(&button, "color"), "rgb(94, 94, 94)");
    assert_eq!(computed(&button, "font-size"), "15px");
    assert_eq!(computed(&button, "font-weight"), "600");
    assert!(computed(&button, "font-family").starts_with("\"Segoe UI\""));
    assert_eq!(computed(&button, "padding-left"), "12px");
}

#[wasm_bindgen_test]
async fn microsoft_button_dark_theme_colours() {
    let (_, on_press) = counter();
    let root = mount_microsoft("dark", false, false, on_press);
    settle().await;
    let button = query(&root, "button").unwrap();
    assert_eq!(computed(&button, "background-color"), "rgb(47, 47, 47)");
    assert_eq!(computed(&button, "color"), "rgb(255, 255, 255)");
}

#[wasm_bindgen_test]
async fn press_makes_it_busy_and_a_second_press_does_nothing() {
    let (count, on_press) = counter();
    let root = mount_microsoft("light", false, false, on_press);
    settle().await;
    let button = query(&root, "button").unwrap();
    assert!(query(&button, ".hanko-spinner").is_none());
    // Two presses before the view has reacted (a double click): only one sign-in starts.
    click(&button);
    click(&button);
    settle().await;
    assert_eq!(count.load(Ordering::SeqCst), 1);
    assert_eq!(button.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(button.has_attribute("disabled"));
    let spinner = query(&button, ".hanko-spinner").expect("spinner while busy");
    // The spinner sits at the right end, clear of the logo.
    let logo = query(&button, "svg").unwrap();
    assert!(spinner.get_bounding_client_rect().left() > logo.get_bounding_client_rect().right());
    click(&button);
    settle().await;
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
async fn disabled_button_keeps_the_logo_colours() {
    let (count, on_press) = counter();
    let root = mount_microsoft("light", false, true, on_press);
    settle().await;
    let button = query(&root, "button").unwrap();
    assert!(button.has_attribute("disabled"));
    assert!(button.get_attribute("aria-busy").is_none());
    let logo = query(&button, "svg").unwrap();
    assert_eq!(computed(&logo, "opacity"), "1");
    assert_eq!(computed(&logo, "filter"), "none");
    let first = query(&logo, "rect").unwrap();
    assert_eq!(computed(&first, "fill"), "rgb(242, 80, 34)");
    click(&button);
    settle().await;
    assert_eq!(count.load(Ordering::SeqCst), 0);
}

#[wasm_bindgen_test]
async fn busy_from_the_caller_shows_busy_state() {
    let (_, on_press) = counter();
    let root = mount_microsoft("light", true, false, on_press);
    settle().await;
    let button = query(&root, "button").unwrap();
    assert_eq!(button.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(button.has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn other_providers_get_a_neutral_button() {
    let (count, on_press) = counter();
    let root = container();
    mount_to(root.clone(), move || {
        view! {
            <ProviderButton id="github" label="Sign in with GitHub" on_press/>
            <ProviderButton id="custom_acme" label="Sign in with Acme" on_press/>
        }
    })
    .forget();
    settle().await;
    let github = query(&root, r#"button[data-provider="github"]"#).unwrap();
    assert_eq!(text(&github), "Sign in with GitHub");
    assert_eq!(
        github.get_attribute("part").as_deref(),
        Some("button secondary-button")
    );
    assert_eq!(github.get_attribute("type").as_deref(), Some("button"));
    assert!(query(&github, "svg").is_none());
    let custom = query(&root, r#"button[data-provider="custom_acme"]"#).unwrap();
    assert!(
        query(&custom, "svg").is_some(),
        "custom providers get a generic icon"
    );
    click(&github);
    click(&github);
    settle().await;
    assert_eq!(count.load(Ordering::SeqCst), 1);
    assert_eq!(github.get_attribute("aria-busy").as_deref(), Some("true"));
}

/// Where its list item is narrow (a sidebar, a small phone), the Microsoft button shows its
/// short form: the logo and "Microsoft"; the full label stays in the accessible name (visually
/// hidden) and the short text is generated content with an empty alternative.
#[wasm_bindgen_test]
async fn a_narrow_microsoft_button_shows_the_short_form() {
    stylesheet::adopt_into_document();
    let (_, on_press) = counter();
    let root = container();
    mount_to(root.clone(), move || {
        view! {
            <section class="hanko-container" data-theme="light">
                <ul class="hanko-form-list">
                    <li id="narrow" style="width: 200px">
                        <MicrosoftButton label="Sign in with Microsoft" on_press/>
                    </li>
                    <li id="wide" style="width: 360px">
                        <MicrosoftButton label="Sign in with Microsoft" on_press/>
                    </li>
                </ul>
            </section>
        }
    })
    .forget();
    settle().await;
    let after = |id: &str| {
        let button = query(&root, &format!("#{id} button")).unwrap();
        web_sys::window()
            .unwrap()
            .get_computed_style_with_pseudo_elt(&button, "::after")
            .unwrap()
            .unwrap()
            .get_property_value("content")
            .unwrap()
    };
    let label_width = |id: &str| {
        query(&root, &format!("#{id} .hanko-button-label"))
            .unwrap()
            .get_bounding_client_rect()
            .width()
    };
    assert_eq!(after("narrow"), r#""Microsoft" / """#);
    assert!(
        label_width("narrow") <= 1.0,
        "the long label is visually hidden"
    );
    assert_eq!(after("wide"), "none");
    assert!(label_width("wide") > 100.0, "the full label shows");
    // Both keep the full label in the DOM (and so in the accessible name).
    let narrow = query(&root, "#narrow button").unwrap();
    assert_eq!(text(&narrow), "Sign in with Microsoft");
}
