//! Keyboard only: a Microsoft sign-in and sign-out, and an error return with "Try again", on
//! `examples/plain-html/index.html` against the dev backend, driven by Tab, Shift+Tab and Enter
//! alone (WebDriver key actions, which go to whatever has focus). Every control that gets focus
//! must show a visible focus indicator (an outline or box shadow it does not have unfocused).
//!
//! Run: `cargo test -p hanko-e2e --test keyboard` after building the bundle (see
//! `examples/plain-html/README.md`); needs chromium and chromedriver.

use fantoccini::key::Key;
use hanko_devserver::Config;
use hanko_e2e::keyboard::{
    expect_focus_indicator, focus_style, press, press_shift_tab, tab_to, wait_for_focus, Control,
};
use hanko_e2e::page::{
    self, expect_signed_in_view, ERROR_MESSAGE, EXAMPLE_PAGE, HOST, MICROSOFT_BUTTON, WORK_ACCOUNT,
    WORK_EMAIL,
};
use hanko_e2e::{require_bundle, tests, Backend, Browser, Ctx, StaticServer};
use std::sync::Arc;

const SIGN_OUT: &str = r#"button[data-action="sign-out"]"#;
const RETRY: &str = r#"button[data-action="retry"]"#;
const DETAILS_SUMMARY: &str = r#"[data-field="error-details"] summary"#;

/// The example page with a fresh dev backend and browser, the Microsoft button rendered.
struct Page {
    backend: Backend,
    url: url::Url,
    _site: StaticServer,
    browser: Browser,
}

async fn open(ctx: &Ctx) -> anyhow::Result<Page> {
    require_bundle()?;
    let backend = ctx.backend(|_: &mut Config| ()).await?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let url = page::page_url(&site, EXAMPLE_PAGE, &backend.api(), &[("keep", "1")], None)?;
    let browser = ctx.browser().await?;
    browser.goto(url.as_str()).await?;
    browser.find_in_shadow(HOST, MICROSOFT_BUTTON).await?;
    Ok(Page {
        backend,
        url,
        _site: site,
        browser,
    })
}

impl Page {
    /// Tab to "Sign in with Microsoft", Enter, and on the simulated Microsoft page Tab to
    /// `choice`, Enter.
    async fn choose_at_microsoft(&self, choice: &str) -> anyhow::Result<()> {
        tab_to(&self.browser, Control::in_shadow(HOST, MICROSOFT_BUTTON)).await?;
        press(&self.browser, Key::Enter).await?;
        let microsoft = self.backend.microsoft();
        self.browser
            .wait_for_url("the simulated Microsoft page", |url| {
                url.as_str().starts_with(&microsoft)
            })
            .await?;
        tab_to(&self.browser, Control::in_document(choice)).await?;
        press(&self.browser, Key::Enter).await
    }
}

/// First screen → Microsoft → work account → signed in → "Sign out" → first screen again, by
/// keyboard only.
async fn sign_in_and_out_by_keyboard(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = open(&ctx).await?;
    page.choose_at_microsoft(WORK_ACCOUNT).await?;
    expect_signed_in_view(&page.browser, HOST, WORK_EMAIL).await?;
    page::expect_clean_address(&page.browser, &page.url).await?;

    tab_to(&page.browser, Control::in_shadow(HOST, SIGN_OUT)).await?;
    press(&page.browser, Key::Enter).await?;
    page.browser.wait_for_event("hanko-user-logged-out").await?;
    tab_to(&page.browser, Control::in_shadow(HOST, MICROSOFT_BUTTON)).await
}

/// First screen → Microsoft → "cancel" → the error notice, which takes focus → "Try again" →
/// "Details" opened with Enter → back to "Try again", Enter → a fresh first screen, by keyboard
/// only.
async fn error_return_by_keyboard(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = open(&ctx).await?;
    page.choose_at_microsoft("#outcome-cancel").await?;

    let message = Control::in_shadow(HOST, ERROR_MESSAGE);
    wait_for_focus(&page.browser, message).await?;
    page::expect_clean_address(&page.browser, &page.url).await?;
    let focused = focus_style(&page.browser, message).await?;

    let retry = Control::in_shadow(HOST, RETRY);
    tab_to(&page.browser, retry).await?;
    let unfocused = focus_style(&page.browser, message).await?;
    anyhow::ensure!(
        focused.draws_indicator() && focused != unfocused,
        "the error message should show a visible focus indicator while it has focus: \
         focused {focused:?}, unfocused {unfocused:?}"
    );

    let summary = Control::in_shadow(HOST, DETAILS_SUMMARY);
    tab_to(&page.browser, summary).await?;
    press(&page.browser, Key::Enter).await?;
    page.browser
        .wait_for_shadow(
            HOST,
            r#"[data-field="error-details"]"#,
            "the details open",
            |node| node.attributes.contains_key("open"),
        )
        .await?;

    let retry_unfocused = focus_style(&page.browser, retry).await?;
    press_shift_tab(&page.browser).await?;
    expect_focus_indicator(&page.browser, retry, &retry_unfocused).await?;
    press(&page.browser, Key::Enter).await?;
    tab_to(&page.browser, Control::in_shadow(HOST, MICROSOFT_BUTTON)).await
}

fn main() {
    hanko_e2e::run(tests![
        sign_in_and_out_by_keyboard,
        error_return_by_keyboard
    ]);
}
