//! Languages loaded on demand: the bundle has English built in and loads any other language's file
//! (`pkg/i18n/<code>.json`) only when the element is shown in it (`e2e/fixtures/languages.html`
//! against the dev backend). The first screen is drawn in the page's language, never in English
//! first; two elements in one language share one request for its file; a page in English fetches
//! no language file; a language file that cannot be loaded leaves English; a switch of `lang`
//! keeps what was typed.
//!
//! Run: `cargo test -p hanko-e2e --test languages` after building the bundle
//! (`scripts/build-bundle.sh`); needs chromium and chromedriver.

use hanko_devserver::Config;
use hanko_e2e::page::{self, HOST, MICROSOFT_BUTTON};
use hanko_e2e::{require_bundle, tests, Backend, Browser, Ctx, StaticServer};
use serde_json::Value;
use std::sync::Arc;

const PAGE: &str = "/e2e/fixtures/languages.html";
const EMAIL_INPUT: &str = r#"input[name="email"]"#;

/// The fixture page with `query`, a fresh backend and browser, once the Microsoft button reads
/// `button_text`.
async fn open(
    ctx: &Ctx,
    query: &[(&str, &str)],
    button_text: &str,
) -> anyhow::Result<(Browser, Backend, StaticServer)> {
    require_bundle()?;
    let backend = ctx.backend(|_: &mut Config| ()).await?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let url = page::page_url(&site, PAGE, &backend.api(), query, None)?;
    let browser = ctx.browser().await?;
    browser.goto(url.as_str()).await?;
    browser
        .wait_for_shadow(HOST, MICROSOFT_BUTTON, "the Microsoft button", |node| {
            node.visible_text.contains(button_text)
        })
        .await?;
    Ok((browser, backend, site))
}

/// The paths of the language files the page requested, in order.
async fn language_requests(browser: &Browser) -> anyhow::Result<Vec<String>> {
    let paths = browser
        .eval(
            "return performance.getEntriesByType('resource')
                .map((entry) => new URL(entry.name).pathname)
                .filter((path) => path.includes('/i18n/'));",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(paths)?)
}

/// The headlines the page saw drawn, in order.
async fn headlines(browser: &Browser) -> anyhow::Result<Vec<String>> {
    let seen: Value = browser.eval("return window.headlines;", vec![]).await?;
    Ok(serde_json::from_value(seen)?)
}

/// `lang="de"`, with the language file served late (after the flow's first answer): German from
/// the first drawn headline on, from one request for `de.json`.
async fn german_from_the_first_screen(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let query = [("lang", "de"), ("languagesLocation", "/slow/pkg/i18n")];
    let (browser, _backend, _site) = open(&ctx, &query, "Mit Microsoft anmelden").await?;
    let seen = headlines(&browser).await?;
    anyhow::ensure!(
        seen == ["Anmelden"],
        "the headlines drawn were {seen:?}, not only the German one"
    );
    let requested = language_requests(&browser).await?;
    anyhow::ensure!(
        requested == ["/slow/pkg/i18n/de.json"],
        "language files requested: {requested:?}"
    );
    let order = browser
        .eval(
            "const end = (suffix) => performance.getEntriesByType('resource')
                .find((entry) => new URL(entry.name).pathname.endsWith(suffix))?.responseEnd;
            return [end('/login'), end('/de.json')];",
            vec![],
        )
        .await?;
    let (flow, language): (Option<f64>, Option<f64>) = serde_json::from_value(order)?;
    anyhow::ensure!(
        matches!((flow, language), (Some(flow), Some(language)) if flow < language),
        "the flow should answer before the late language file (flow at {flow:?} ms, de.json at {language:?} ms)"
    );
    Ok(())
}

/// An English page loads no language file.
/// Two elements in German, the file served late: both draw German, from one request for
/// `de.json` (the second waits for the first's load).
async fn two_elements_share_one_language_file(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let query = [
        ("lang", "de"),
        ("languagesLocation", "/slow/pkg/i18n"),
        ("elements", "2"),
    ];
    let (browser, _backend, _site) = open(&ctx, &query, "Mit Microsoft anmelden").await?;
    browser
        .wait_for_shadow(
            "hanko-auth:nth-of-type(2)",
            MICROSOFT_BUTTON,
            "the second element's Microsoft button in German",
            |node| node.visible_text.contains("Mit Microsoft anmelden"),
        )
        .await?;
    let requested = language_requests(&browser).await?;
    anyhow::ensure!(
        requested == ["/slow/pkg/i18n/de.json"],
        "both elements should share one request for de.json; the page requested {requested:?}"
    );
    Ok(())
}

async fn english_loads_no_language_file(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let (browser, _backend, _site) =
        open(&ctx, &[("lang", "en")], "Sign in with Microsoft").await?;
    let requested = language_requests(&browser).await?;
    anyhow::ensure!(
        requested.is_empty(),
        "language files requested: {requested:?}"
    );
    Ok(())
}

/// A language file that is not there: the element shows the fallback language (English) instead
/// of waiting on.
async fn a_missing_language_file_leaves_english(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let query = [("lang", "ja"), ("languagesLocation", "/nowhere/i18n")];
    let (browser, _backend, _site) = open(&ctx, &query, "Sign in with Microsoft").await?;
    let requested = language_requests(&browser).await?;
    anyhow::ensure!(
        requested == ["/nowhere/i18n/ja.json"],
        "language files requested: {requested:?}"
    );
    let seen = headlines(&browser).await?;
    anyhow::ensure!(seen == ["Sign in"], "the headlines drawn were {seen:?}");
    Ok(())
}

/// A switch of `lang` while the user types: the screen turns French when `fr.json` arrives, and
/// the address typed stays.
async fn switching_keeps_what_was_typed(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let (browser, _backend, _site) =
        open(&ctx, &[("lang", "en")], "Sign in with Microsoft").await?;
    let typed = "pat@example.com";
    browser
        .find_in_shadow(HOST, EMAIL_INPUT)
        .await?
        .send_keys(typed)
        .await?;
    browser
        .eval(
            "document.querySelector(arguments[0]).setAttribute('lang', 'fr');",
            vec![HOST.into()],
        )
        .await?;
    browser
        .wait_for_shadow(
            HOST,
            MICROSOFT_BUTTON,
            "the French Microsoft button",
            |node| node.visible_text.contains("Se connecter avec Microsoft"),
        )
        .await?;
    let value = browser
        .find_in_shadow(HOST, EMAIL_INPUT)
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    anyhow::ensure!(
        value == typed,
        "the email input holds {value:?} after the switch"
    );
    let requested = language_requests(&browser).await?;
    anyhow::ensure!(
        requested == ["/pkg/i18n/fr.json"],
        "language files requested: {requested:?}"
    );
    Ok(())
}

fn main() {
    hanko_e2e::run(tests![
        german_from_the_first_screen,
        two_elements_share_one_language_file,
        english_loads_no_language_file,
        a_missing_language_file_leaves_english,
        switching_keeps_what_was_typed,
    ]);
}
