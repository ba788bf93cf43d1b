//! Browser tests of the error notice (`ErrorNotice`): live region, focus, actions, countdown,
//! details, and that server/URL text is only ever text.
#![cfg(target_arch = "wasm32")]

use hanko_elements::errors::{Failure, FailureKind, Recovery};
use hanko_elements::i18n::{lookup, Translation};
use hanko_elements::ui::components::ErrorNotice;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const MS_DESCRIPTION: &str = "AADSTS50020: User account 'pat@outlook.example' from identity provider 'live.com' does not exist in tenant 'Contoso'. Trace ID: 0b1c2d3e-0000-4000-8000-000000000001 Correlation ID: 7d2e3f40-0000-4000-8000-000000000002 Timestamp: 2024-05-01 10:00:00Z";

fn english() -> Translation {
    lookup("en").cloned().expect("English is built in")
}

/// A fresh container in the page for one test.
fn container() -> HtmlElement {
    let document = document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Polls `condition` every 25 ms for up to 5 s.
async fn wait_for(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..200 {
        if condition() {
            return;
        }
        sleep(25).await;
    }
    panic!("timed out waiting for {what}");
}

struct Mounted {
    root: HtmlElement,
    failure: RwSignal<Option<Failure>>,
    retries: RwSignal<u32>,
    other_accounts: RwSignal<u32>,
    _owner: Owner,
}

/// Mounts an `ErrorNotice` with `initial` and counters for its callbacks.
async fn mount(initial: Option<Failure>) -> Mounted {
    let owner = Owner::new();
    owner.set();
    let failure = RwSignal::new(initial);
    let retries = RwSignal::new(0u32);
    let other_accounts = RwSignal::new(0u32);
    let root = container();
    let t = Signal::stored(english());
    mount_to(root.clone(), move || {
        view! {
            <ErrorNotice
                failure=failure
                t=t
                on_retry=Callback::new(move |()| retries.update(|n| *n += 1))
                on_use_another_account=Callback::new(move |()| other_accounts.update(|n| *n += 1))
            />
        }
    })
    .forget();
    tick().await;
    Mounted {
        root,
        failure,
        retries,
        other_accounts,
        _owner: owner,
    }
}

#[wasm_bindgen_test]
async fn live_region_exists_before_the_message_and_focus_moves_to_it() {
    let m = mount(None).await;
    let region = find(&m.root, "[role=\"alert\"]").expect("live region present while empty");
    assert_eq!(region.text_content().unwrap_or_default(), "");
    assert!(find(&m.root, "[data-field=\"error-message\"]").is_none());
    assert!(find(&m.root, "button").is_none());

    m.failure.set(Some(Failure::from_redirect(
        "access_denied",
        Some("AADSTS65004: User declined to consent to access the app."),
        Some("microsoft"),
    )));
    tick().await;

    // The message is inserted into the region that already existed.
    let same_region = find(&m.root, "[role=\"alert\"]").unwrap();
    assert!(same_region.is_same_node(Some(&region)));
    let message =
        find(&region, "[data-field=\"error-message\"]").expect("message inside the live region");
    let shown = message.text_content().unwrap_or_default();
    assert!(shown.contains("Sign-in cancelled"), "{shown}");
    assert!(
        shown.contains("You stopped signing in with Microsoft."),
        "{shown}"
    );
    assert!(
        !shown.contains("AADSTS"),
        "raw description is not the message: {shown}"
    );
    assert_eq!(message.get_attribute("tabindex").as_deref(), Some("-1"));
    assert_eq!(message.get_attribute("part").as_deref(), Some("error"));
    assert!(find(&message, "[part=\"error-text\"]").is_some());
    assert_eq!(
        find(&m.root, ".hanko-error-notice")
            .unwrap()
            .get_attribute("data-kind")
            .as_deref(),
        Some("cancelled")
    );

    wait_for("focus on the message", || {
        document()
            .active_element()
            .is_some_and(|active| active.is_same_node(Some(&message)))
    })
    .await;

    // Cleared again: the region stays, empty.
    m.failure.set(None);
    tick().await;
    let region = find(&m.root, "[role=\"alert\"]").expect("live region stays");
    assert_eq!(region.text_content().unwrap_or_default(), "");
}

#[wasm_bindgen_test]
async fn language_change_rerenders_without_stealing_focus() {
    let owner = Owner::new();
    owner.set();
    let failure = RwSignal::new(Some(Failure::network()));
    let t = RwSignal::new(english());
    let root = container();
    mount_to(root.clone(), move || {
        view! { <ErrorNotice failure=failure t=t on_retry=Callback::new(|()| ())/> }
    })
    .forget();
    tick().await;
    let message = find(&root, "[data-field=\"error-message\"]").unwrap();
    wait_for("focus on the message", || {
        document()
            .active_element()
            .is_some_and(|a| a.is_same_node(Some(&message)))
    })
    .await;
    let retry: HtmlElement = find(&root, "button[data-action=\"retry\"]")
        .unwrap()
        .unchecked_into();
    retry.focus().unwrap();

    t.set(lookup("de").cloned().unwrap());
    tick().await;
    sleep(50).await;
    assert_eq!(
        text(&root, "[data-field=\"error-message\"] .hanko-error-title"),
        "Verbindungsproblem"
    );
    assert_eq!(
        text(&root, "button[data-action=\"retry\"]"),
        "Erneut versuchen"
    );
    let active = document().active_element().unwrap();
    assert_eq!(
        active.get_attribute("data-action").as_deref(),
        Some("retry"),
        "focus stayed on the button"
    );
}

#[wasm_bindgen_test]
async fn retry_button_is_reachable_and_calls_back() {
    let m = mount(Some(Failure::network())).await;
    let button: HtmlButtonElement = find(&m.root, "button[data-action=\"retry\"]")
        .expect("retry button")
        .unchecked_into();
    assert_eq!(button.type_(), "button");
    assert!(!button.disabled());
    assert!(button.tab_index() >= 0, "in the tab order");
    assert_eq!(button.text_content().unwrap_or_default(), "Try again");
    assert!(find(&m.root, "button[data-action=\"use-another-account\"]").is_none());

    button.focus().unwrap();
    assert!(document()
        .active_element()
        .is_some_and(|a| a.is_same_node(Some(&button))));
    button.click();
    tick().await;
    assert_eq!(m.retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn account_failures_offer_another_account() {
    let m = mount(Some(Failure::from_redirect(
        "invalid_request",
        Some(MS_DESCRIPTION),
        Some("microsoft"),
    )))
    .await;
    let shown = text(&m.root, "[data-field=\"error-message\"]");
    assert!(shown.contains("work or school account"), "{shown}");
    let other: HtmlElement = find(&m.root, "button[data-action=\"use-another-account\"]")
        .expect("use another account")
        .unchecked_into();
    assert_eq!(
        other.text_content().unwrap_or_default(),
        "Use another account"
    );
    other.click();
    tick().await;
    assert_eq!(m.other_accounts.get_untracked(), 1);
    assert_eq!(m.retries.get_untracked(), 0);
    assert!(find(&m.root, "button[data-action=\"retry\"]").is_some());

    // Details: code, AADSTS number, ids, description — as text.
    let details = find(&m.root, "details[data-field=\"error-details\"]").expect("details");
    assert!(!details.has_attribute("open"), "collapsed by default");
    let all = details.text_content().unwrap_or_default();
    for expected in [
        "Details",
        "Error code",
        "invalid_request",
        "Microsoft error",
        "AADSTS50020",
        "Trace ID",
        "0b1c2d3e-0000-4000-8000-000000000001",
        "Correlation ID",
        "7d2e3f40-0000-4000-8000-000000000002",
        "Description",
        "does not exist in tenant",
    ] {
        assert!(all.contains(expected), "details miss {expected:?}: {all}");
    }
}

#[wasm_bindgen_test]
async fn contact_support_and_sign_in_another_way() {
    let m = mount(Some(Failure::from_redirect(
        "unauthorized_client",
        None,
        Some("microsoft"),
    )))
    .await;
    assert!(text(&m.root, "[data-field=\"error-message\"]")
        .contains("Contact the site's support if this keeps happening."));
    assert!(find(&m.root, "button[data-action=\"retry\"]").is_some());

    m.failure.set(Some(Failure::from_redirect(
        "user_conflict",
        None,
        Some("microsoft"),
    )));
    tick().await;
    let another_way: HtmlElement = find(&m.root, "button[data-action=\"sign-in-another-way\"]")
        .expect("sign in another way")
        .unchecked_into();
    assert!(find(&m.root, "button[data-action=\"retry\"]").is_none());
    another_way.click();
    tick().await;
    assert_eq!(
        m.retries.get_untracked(),
        1,
        "defaults to the retry callback"
    );
}

#[wasm_bindgen_test]
async fn rate_limit_counts_down_then_enables_retry() {
    let failure = Failure::from_flow_error("rate_limit_exceeded", None, Some(2));
    assert_eq!(failure.recovery, Recovery::WaitAndRetry { seconds: 2 });
    let m = mount(Some(failure)).await;
    let button: HtmlButtonElement = find(&m.root, "button[data-action=\"retry\"]")
        .unwrap()
        .unchecked_into();
    assert!(button.disabled());
    assert_eq!(
        button.text_content().unwrap_or_default(),
        "Try again in 2 seconds"
    );
    button.click();
    tick().await;
    assert_eq!(m.retries.get_untracked(), 0, "no retry while waiting");

    wait_for("one second left", || {
        button.text_content().unwrap_or_default() == "Try again in 1 second"
    })
    .await;
    wait_for("retry enabled", || !button.disabled()).await;
    assert_eq!(button.text_content().unwrap_or_default(), "Try again");
    button.click();
    tick().await;
    assert_eq!(m.retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn markup_in_server_text_stays_text() {
    js_sys::Reflect::delete_property(&window(), &JsValue::from_str("__hankoXss")).unwrap();
    let payload = "<img src=x onerror=\"window.__hankoXss=1\"><script>window.__hankoXss=2</script>";
    let failure = Failure {
        kind: FailureKind::Unknown,
        recovery: Recovery::Retry,
        code: "<b>bold</b>".to_owned(),
        description: Some(payload.to_owned()),
        aadsts: None,
        trace_id: Some("<i>x</i>".to_owned()),
        correlation_id: None,
        timestamp: None,
        provider: Some("<img src=y onerror=\"window.__hankoXss=3\">".to_owned()),
    };
    let m = mount(Some(failure)).await;
    let details = find(&m.root, "details[data-field=\"error-details\"]").unwrap();
    details.set_attribute("open", "").unwrap();
    tick().await;

    for tag in ["img", "script", "b", "i"] {
        assert!(
            find(&m.root, tag).is_none(),
            "a <{tag}> element was created"
        );
    }
    let all = m.root.text_content().unwrap_or_default();
    assert!(all.contains(payload), "payload shown literally: {all}");
    assert!(all.contains("<i>x</i>"));
    // The bad code is replaced, not rendered.
    assert!(all.contains("unknown"));
    assert!(!all.contains("<b>bold</b>"));

    // Give a (wrongly) created image time to fail loading and run its handler.
    sleep(200).await;
    let flag = js_sys::Reflect::get(&window(), &JsValue::from_str("__hankoXss")).unwrap();
    assert!(flag.is_undefined(), "script ran: {flag:?}");
}

#[wasm_bindgen_test]
async fn huge_descriptions_are_bounded() {
    let huge = "A".repeat(100 * 1024);
    // Built by hand, bypassing the constructors' bound: the view bounds it again.
    let by_hand = Failure {
        description: Some(huge.clone()),
        ..Failure::network()
    };
    let m = mount(Some(by_hand)).await;
    let values: Vec<String> = {
        let list = m
            .root
            .query_selector_all(".hanko-error-details-value")
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i).and_then(|n| n.text_content()))
            .collect()
    };
    let description = values.iter().max_by_key(|v| v.len()).unwrap();
    assert!(
        description.chars().count() <= 1000,
        "{} chars",
        description.chars().count()
    );
    assert!(description.ends_with('…'));

    m.failure.set(Some(Failure::from_redirect(
        "server_error",
        Some(&huge),
        None,
    )));
    tick().await;
    let all = m.root.text_content().unwrap_or_default();
    assert!(all.len() < 4000, "{} bytes rendered", all.len());

    // Long unbroken text wraps inside the notice instead of widening it.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/error_notice.css")));
    m.root.append_child(&style).unwrap();
    m.root.style().set_property("width", "300px").unwrap();
    m.root.style().set_property("display", "block").unwrap();
    let unbroken = "x".repeat(900);
    m.failure.set(Some(Failure::from_redirect(
        &"a".repeat(64),
        Some(&unbroken),
        None,
    )));
    tick().await;
    find(&m.root, "details")
        .unwrap()
        .set_attribute("open", "")
        .unwrap();
    tick().await;
    let value: HtmlElement = find(&m.root, ".hanko-error-details-value")
        .unwrap()
        .unchecked_into();
    let computed = window().get_computed_style(&value).unwrap().unwrap();
    assert_eq!(
        computed.get_property_value("overflow-wrap").unwrap(),
        "anywhere"
    );
    let notice: HtmlElement = find(&m.root, ".hanko-error-notice")
        .unwrap()
        .unchecked_into();
    assert!(
        notice.scroll_width() <= 300,
        "notice is {} px wide",
        notice.scroll_width()
    );
}
