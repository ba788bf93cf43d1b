//! Conformance: the official `@teamhanko/hanko-elements` 2.7.0 (from npm) signs in with Microsoft
//! against our dev backend, exactly as it would against Hanko.
//!
//! Run: `cargo test -p hanko-e2e --test conformance` (needs chromium, chromedriver and npm).

use anyhow::Context as _;
use hanko_e2e::{official_elements, tests, Backend, Browser, Ctx, StaticServer};
use std::sync::Arc;

/// Where `e2e/fixtures/official.html` imports the package from.
const FIXTURE_ENTRY: &str = "/target/npm/node_modules/@teamhanko/hanko-elements/dist/elements.js";

/// hanko-elements 2.7.0, English `flowErrors.third_party_access_denied`.
const ACCESS_DENIED: &str = "Access denied. The request was cancelled by the user or the provider has denied access for other reasons.";

const WORK_EMAIL: &str = "alex.wilber@contoso.example";

/// The official element on the fixture page, registered with a fresh dev backend.
struct Official {
    backend: Backend,
    _site: StaticServer,
    browser: Browser,
}

async fn open_official(ctx: &Ctx) -> anyhow::Result<Official> {
    let entry = tokio::task::spawn_blocking(official_elements).await??;
    anyhow::ensure!(
        entry == FIXTURE_ENTRY,
        "the package's ES module entry moved to {entry}; update e2e/fixtures/official.html"
    );
    let backend = ctx.backend(|_| {}).await?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let browser = ctx.browser().await?;
    let page = url::Url::parse_with_params(
        &site.url("/e2e/fixtures/official.html"),
        [("api", backend.api())],
    )?;
    browser.goto(page.as_str()).await?;
    Ok(Official {
        backend,
        _site: site,
        browser,
    })
}

/// Clicks the official Microsoft button and picks `choice` on the simulated Microsoft page.
async fn choose_at_microsoft(official: &Official, choice: &str) -> anyhow::Result<()> {
    let button = official
        .browser
        .find_in_shadow_by_text("hanko-auth", "button", "Microsoft")
        .await?;
    button
        .click()
        .await
        .context("clicking the Microsoft button")?;
    let microsoft = official.backend.microsoft();
    official
        .browser
        .wait_for_url("the simulated Microsoft page", |url| {
            url.as_str().starts_with(&microsoft)
        })
        .await?;
    official.browser.click(choice).await
}

async fn official_work_account_signs_in(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let official = open_official(&ctx).await?;
    choose_at_microsoft(&official, "#account-work").await?;
    let detail = official
        .browser
        .wait_for_event("hanko-session-created")
        .await?;
    let email = detail.pointer("/claims/email/address");
    anyhow::ensure!(
        email.and_then(|email| email.as_str()) == Some(WORK_EMAIL),
        "hanko-session-created should carry {WORK_EMAIL} in claims.email.address; detail: {detail}"
    );
    let url = official.browser.url().await?;
    anyhow::ensure!(
        !url.query_pairs().any(|(key, _)| key == "hanko_token"),
        "the official element should remove hanko_token from the address bar: {url}"
    );
    Ok(())
}

async fn official_cancel_shows_access_denied(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let official = open_official(&ctx).await?;
    choose_at_microsoft(&official, "#outcome-cancel").await?;
    official
        .browser
        .wait_for_shadow_text("hanko-auth", ACCESS_DENIED)
        .await?;
    Ok(())
}

fn main() {
    hanko_e2e::run(tests![
        official_work_account_signs_in,
        official_cancel_shows_access_denied,
    ]);
}
