//! The README's screenshots (not a test): our `<hanko-auth>` on the example page against the dev
//! backend, in headless Chromium, each saved as a PNG of the element alone into `docs/`:
//!
//! | file | what |
//! |---|---|
//! | `docs/first-screen.png` | the first screen of a project with Microsoft, email and passkeys (light) |
//! | `docs/first-screen-dark.png` | the same with `theme="dark"` |
//! | `docs/first-screen-ar.png` | in Arabic, right to left |
//! | `docs/error.png` | the notice after the user cancelled at Microsoft |
//!
//! Run through `scripts/screenshots.sh`, which builds the bundle first.

use anyhow::Context as _;
use hanko_e2e::page::{self, go_to_microsoft, ERROR_MESSAGE, EXAMPLE_PAGE, HOST, MICROSOFT_BUTTON};
use hanko_e2e::{repo_root, require_bundle, Ctx};
use std::sync::Arc;

/// Opens the example page on `localhost` (so that the passkey button is offered) with `query`,
/// waits for the first screen with the Microsoft button, the email input and the passkey button.
async fn first_screen(
    ctx: &Ctx,
    query: &[(&str, &str)],
) -> anyhow::Result<(
    hanko_e2e::Browser,
    hanko_e2e::Backend,
    hanko_e2e::StaticServer,
)> {
    require_bundle()?;
    let backend = ctx.backend(|_| {}).await?;
    let site = ctx.serve_repo("localhost").await?;
    let browser = ctx.browser().await?;
    let url = page::page_url(&site, EXAMPLE_PAGE, &backend.api(), query, None)?;
    browser.goto(url.as_str()).await?;
    for control in [
        MICROSOFT_BUTTON,
        r#"input[name="email"]"#,
        r#"button[data-action="webauthn_generate_request_options"]"#,
    ] {
        browser.find_in_shadow(HOST, control).await?;
    }
    Ok((browser, backend, site))
}

/// Saves a PNG of the element to `docs/<name>`.
async fn save(browser: &hanko_e2e::Browser, name: &str) -> anyhow::Result<()> {
    let element = browser
        .client()
        .find(fantoccini::Locator::Css(HOST))
        .await
        .context("finding the element")?;
    let png = element
        .screenshot()
        .await
        .context("taking the screenshot")?;
    let path = repo_root().join("docs").join(name);
    std::fs::write(&path, png).with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

async fn first_screen_light(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let (browser, _backend, _site) =
        first_screen(&ctx, &[("lang", "en"), ("theme", "light")]).await?;
    save(&browser, "first-screen.png").await
}

async fn first_screen_dark(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let (browser, _backend, _site) =
        first_screen(&ctx, &[("lang", "en"), ("theme", "dark")]).await?;
    save(&browser, "first-screen-dark.png").await
}

async fn first_screen_arabic(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let (browser, _backend, _site) =
        first_screen(&ctx, &[("lang", "ar"), ("theme", "light")]).await?;
    save(&browser, "first-screen-ar.png").await
}

async fn cancelled_at_microsoft(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let (browser, backend, _site) =
        first_screen(&ctx, &[("lang", "en"), ("theme", "light")]).await?;
    go_to_microsoft(&browser, HOST, &backend).await?;
    browser.click("#outcome-cancel").await?;
    browser
        .wait_for_shadow(HOST, ERROR_MESSAGE, "the error notice", |node| {
            !node.visible_text.trim().is_empty()
        })
        .await?;
    save(&browser, "error.png").await
}

fn main() {
    hanko_e2e::run(hanko_e2e::tests![
        first_screen_light,
        first_screen_dark,
        first_screen_arabic,
        cancelled_at_microsoft,
    ]);
}
