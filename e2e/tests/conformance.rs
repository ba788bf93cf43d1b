//! Conformance: the official `@teamhanko/hanko-elements` 2.7.0 (from npm) signs in with Microsoft
//! against our dev backend, exactly as it would against Hanko, through every state that can follow
//! the token exchange: passcode, email and username onboarding, password creation, TOTP set-up at
//! registration and passkey onboarding (ChromeDriver's virtual authenticator). The official element
//! renders nothing for the dev backend's made-up state (`custom_state`), so that one is only tested
//! natively and against our element.
//!
//! Run: `cargo test -p hanko-e2e --test conformance` (needs chromium, chromedriver and npm).

use anyhow::Context as _;
use hanko_e2e::official_page::{
    choose_at_microsoft, confirm_passcode, expect_session_for, fill, open_official,
    open_official_with, press, settled_on, type_code, Page,
};
use hanko_e2e::{header_mode, tests, totp, AuthenticatorKind, Ctx};
use std::sync::Arc;

/// hanko-elements 2.7.0, English `flowErrors.third_party_access_denied`.
const ACCESS_DENIED: &str = "Access denied. The request was cancelled by the user or the provider has denied access for other reasons.";

const WORK_EMAIL: &str = "alex.wilber@contoso.example";

async fn official_work_account_signs_in(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let official = open_official(&ctx).await?;
    choose_at_microsoft(&official, "#account-work").await?;
    expect_session_for(&official, WORK_EMAIL).await?;
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
    let code = totp::current_code(secret)?;
    type_code(&official, &code).await?;
    expect_session_for(&official, UNVERIFIED_EMAIL).await?;
    Ok(())
}

async fn official_passkey_onboarding(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = Page {
        site_host: "localhost",
        authenticator: Some(AuthenticatorKind::Platform),
        ..Page::default()
    };
    let official = open_official_with(&ctx, page, header_mode).await?;
    choose_at_microsoft(&official, "#account-unverified").await?;
    settled_on(&official, "passcode_confirmation").await?;
    confirm_passcode(&official, UNVERIFIED_EMAIL).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Create a passkey")
        .await?;
    press(&official, "Create a passkey").await?;
    expect_session_for(&official, UNVERIFIED_EMAIL).await?;
    let credentials = official.authenticator()?.credentials().await?;
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
