//! Conformance: the official `@teamhanko/hanko-elements` 2.7.0 (from npm) signs in with Microsoft
//! against our dev backend, exactly as it would against Hanko, through every state that can follow
//! the token exchange: passcode, email and username onboarding, password creation, TOTP set-up at
//! registration and passkey onboarding (ChromeDriver's virtual authenticator). The official element
//! renders nothing for the dev backend's made-up state (`custom_state`), so that one is only tested
//! natively and against our element.
//!
//! Run: `cargo test -p hanko-e2e --test conformance` (needs chromium, chromedriver and npm).

use anyhow::Context as _;
use hanko_e2e::{
    official_elements, tests, Backend, Browser, Ctx, StaticServer, VirtualAuthenticator,
};
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
    /// `hanko-auth` or `hanko-registration`.
    host: &'static str,
    /// The virtual authenticator, if the page asked for one.
    authenticator: Option<VirtualAuthenticator>,
}

async fn open_official(ctx: &Ctx) -> anyhow::Result<Official> {
    open_official_with(ctx, Page::default(), |_| {}).await
}

/// Where and how the fixture page is opened.
struct Page {
    /// Host name of the page's origin (`localhost` for WebAuthn: Chromium refuses IP addresses
    /// as RP ID).
    site_host: &'static str,
    /// The element on the page.
    element: &'static str,
    /// Add a virtual authenticator before the page loads.
    authenticator: bool,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            site_host: "127.0.0.1",
            element: "hanko-auth",
            authenticator: false,
        }
    }
}

async fn open_official_with(
    ctx: &Ctx,
    page: Page,
    configure: impl FnOnce(&mut hanko_devserver::Config),
) -> anyhow::Result<Official> {
    let entry = tokio::task::spawn_blocking(official_elements).await??;
    anyhow::ensure!(
        entry == FIXTURE_ENTRY,
        "the package's ES module entry moved to {entry}; update e2e/fixtures/official.html"
    );
    let backend = ctx.backend(configure).await?;
    let site = ctx.serve_repo(page.site_host).await?;
    let browser = ctx.browser().await?;
    let authenticator = if page.authenticator {
        Some(VirtualAuthenticator::add(&browser).await?)
    } else {
        None
    };
    let url = url::Url::parse_with_params(
        &site.url("/e2e/fixtures/official.html"),
        [("api", backend.api().as_str()), ("element", page.element)],
    )?;
    browser.goto(url.as_str()).await?;
    Ok(Official {
        backend,
        _site: site,
        browser,
        host: page.element,
        authenticator,
    })
}

/// Clicks the official Microsoft button and picks `choice` on the simulated Microsoft page.
async fn choose_at_microsoft(official: &Official, choice: &str) -> anyhow::Result<()> {
    let button = official
        .browser
        .find_in_shadow_by_text(official.host, "button", "Microsoft")
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

/// Waits until the official element has shown `state`, the state the token exchange led to, for
/// the second time. Its `AppProvider` (`flowInit`, 2.7.0) shows that state when the exchange
/// answers and again, from the same state object, 500 ms after the flow was created; whatever the
/// user did in between is drawn over by the old page (a step typed within half a second is lost).
/// A person is slower than that; the tests wait for the second `hanko-after-state-change` instead.
async fn settled_on(official: &Official, state: &str) -> anyhow::Result<()> {
    let what = format!("the official element to show {state} a second time");
    hanko_e2e::wait_for(&what, hanko_e2e::DEFAULT_TIMEOUT, || async move {
        let events = official
            .browser
            .events()
            .await
            .map_err(|e| format!("{e:#}"))?;
        let shown = events
            .iter()
            .filter(|event| {
                event["type"] == "hanko-after-state-change" && event["detail"]["state"] == state
            })
            .count();
        if shown >= 2 {
            Ok(())
        } else {
            Err(format!("events {}", serde_json::Value::Array(events)))
        }
    })
    .await
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

const UNVERIFIED_EMAIL: &str = "jordan.lee@fabrikam.example";

/// Clicks the button labelled `label` in the official element.
async fn press(official: &Official, label: &str) -> anyhow::Result<()> {
    official
        .browser
        .find_in_shadow_by_text(official.host, "button", label)
        .await?
        .click()
        .await
        .with_context(|| format!("clicking {label:?}"))
}

/// Types `code` into the official element's six digit boxes (it submits by itself).
async fn type_code(official: &Official, code: &str) -> anyhow::Result<()> {
    official
        .browser
        .find_in_shadow(official.host, "input[inputmode='numeric']")
        .await?;
    let host = official
        .browser
        .client()
        .find(fantoccini::Locator::Css(official.host))
        .await?;
    let boxes = host
        .shadow_root()
        .await?
        .find_all(fantoccini::Locator::Css("input[inputmode='numeric']"))
        .await?;
    anyhow::ensure!(
        boxes.len() == code.len(),
        "{} digit boxes for {code:?}",
        boxes.len()
    );
    for (input, digit) in boxes.iter().zip(code.chars()) {
        input.send_keys(&digit.to_string()).await?;
    }
    Ok(())
}

/// Types `text` into the official element's `input`.
async fn fill(official: &Official, input: &str, text: &str) -> anyhow::Result<()> {
    official
        .browser
        .find_in_shadow(official.host, input)
        .await?
        .send_keys(text)
        .await
        .with_context(|| format!("typing into {input}"))
}

/// The passcode page: reads the code from the outbox (as a person would on `/outbox`) and types it.
async fn confirm_passcode(official: &Official, to: &str) -> anyhow::Result<()> {
    official
        .browser
        .wait_for_shadow_text(official.host, "Enter passcode")
        .await?;
    let code = official.backend.passcode_for(to).await?;
    type_code(official, &code).await
}

async fn expect_session_for(official: &Official, email: &str) -> anyhow::Result<serde_json::Value> {
    let detail = official
        .browser
        .wait_for_event("hanko-session-created")
        .await?;
    let got = detail
        .pointer("/claims/email/address")
        .and_then(|e| e.as_str());
    anyhow::ensure!(
        got == Some(email),
        "hanko-session-created should carry {email} in claims.email.address; detail: {detail}"
    );
    Ok(detail)
}

async fn official_unverified_email_confirms_a_passcode(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let official = open_official(&ctx).await?;
    choose_at_microsoft(&official, "#account-unverified").await?;
    settled_on(&official, "passcode_confirmation").await?;
    confirm_passcode(&official, UNVERIFIED_EMAIL).await?;
    // Hanko's default login onboarding offers a passkey next; the user skips it.
    official
        .browser
        .wait_for_shadow_text(official.host, "Create a passkey")
        .await?;
    press(&official, "Skip").await?;
    expect_session_for(&official, UNVERIFIED_EMAIL).await?;
    Ok(())
}

async fn official_account_without_email_adds_one(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let official = open_official_with(&ctx, Page::default(), |config| {
        config.accept_account_without_email = true;
    })
    .await?;
    choose_at_microsoft(&official, "#account-no-email").await?;
    settled_on(&official, "onboarding_email").await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Enter a new email")
        .await?;
    let email = "sam.rivera@example.test";
    fill(&official, "input[type='email']", email).await?;
    press(&official, "Continue").await?;
    confirm_passcode(&official, email).await?;
    expect_session_for(&official, email).await?;
    Ok(())
}

async fn official_username_onboarding(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let official = open_official_with(&ctx, Page::default(), |config| {
        config.username.enabled = true;
    })
    .await?;
    choose_at_microsoft(&official, "#account-work").await?;
    settled_on(&official, "onboarding_username").await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Enter a new username")
        .await?;
    fill(&official, "input[autocomplete='username']", "alex_wilber").await?;
    press(&official, "Continue").await?;
    expect_session_for(&official, WORK_EMAIL).await?;
    Ok(())
}

async fn official_password_creation(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let official = open_official_with(&ctx, Page::default(), |config| {
        config.password.acquire_on_login = hanko_devserver::Acquire::Always;
        config.passkey.acquire_on_login = hanko_devserver::Acquire::Never;
    })
    .await?;
    choose_at_microsoft(&official, "#account-unverified").await?;
    settled_on(&official, "passcode_confirmation").await?;
    confirm_passcode(&official, UNVERIFIED_EMAIL).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Set new password")
        .await?;
    fill(&official, "input[type='password']", "correct horse battery").await?;
    press(&official, "Continue").await?;
    expect_session_for(&official, UNVERIFIED_EMAIL).await?;
    Ok(())
}

async fn official_registration_sets_up_totp(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = Page {
        element: "hanko-registration",
        ..Page::default()
    };
    let official = open_official_with(&ctx, page, |_| {}).await?;
    choose_at_microsoft(&official, "#account-unverified").await?;
    settled_on(&official, "passcode_confirmation").await?;
    confirm_passcode(&official, UNVERIFIED_EMAIL).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Set up MFA")
        .await?;
    press(&official, "Authenticator app").await?;
    let qr = official
        .browser
        .wait_for_shadow(official.host, "img[alt='QR-Code']", "the QR code", |node| {
            node.attributes
                .get("src")
                .is_some_and(|src| src.starts_with("data:image/png;base64,"))
        })
        .await?;
    anyhow::ensure!(qr.attributes.contains_key("src"));
    let shown = official
        .browser
        .eval(
            r#"const img = document.querySelector(arguments[0]).shadowRoot.querySelector("img[alt='QR-Code']");
return { secret: img.parentElement.lastElementChild.textContent, width: img.naturalWidth };"#,
            vec![serde_json::json!(official.host)],
        )
        .await?;
    let secret = shown["secret"].as_str().context("the secret on the page")?;
    anyhow::ensure!(
        shown["width"].as_u64().unwrap_or(0) > 0,
        "the QR code image should decode: {shown}"
    );
    let secret = totp_rs::Secret::try_from_base32(secret.trim())
        .map_err(|e| anyhow::anyhow!("the page's secret {secret:?} is not base32: {e}"))?;
    let code = totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .map_err(|e| anyhow::anyhow!("TOTP: {e}"))?
        .generate_current()
        .to_string();
    type_code(&official, &code).await?;
    expect_session_for(&official, UNVERIFIED_EMAIL).await?;
    Ok(())
}

async fn official_passkey_onboarding(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = Page {
        site_host: "localhost",
        authenticator: true,
        ..Page::default()
    };
    let official = open_official_with(&ctx, page, |config| {
        config.session_mode = hanko_devserver::SessionMode::Header;
    })
    .await?;
    choose_at_microsoft(&official, "#account-unverified").await?;
    settled_on(&official, "passcode_confirmation").await?;
    confirm_passcode(&official, UNVERIFIED_EMAIL).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Create a passkey")
        .await?;
    press(&official, "Create a passkey").await?;
    expect_session_for(&official, UNVERIFIED_EMAIL).await?;
    let authenticator = official
        .authenticator
        .as_ref()
        .context("the virtual authenticator")?;
    let credentials = authenticator.credentials().await?;
    anyhow::ensure!(
        credentials.len() == 1
            && credentials[0]["rpId"] == "localhost"
            && credentials[0]["isResidentCredential"] == true,
        "the authenticator should hold one resident passkey for localhost: {credentials:?}"
    );
    Ok(())
}

fn main() {
    hanko_e2e::run(tests![
        official_work_account_signs_in,
        official_cancel_shows_access_denied,
        official_unverified_email_confirms_a_passcode,
        official_account_without_email_adds_one,
        official_username_onboarding,
        official_password_creation,
        official_registration_sets_up_totp,
        official_passkey_onboarding,
    ]);
}
