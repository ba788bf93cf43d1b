//! End-to-end tests of our `<hanko-auth>` signing in without a provider (issue #8): email and
//! passcode, email and password, a forgotten password, passkeys (button, autofill, created at
//! sign-up), and the second factors at sign-in (authenticator app, security key), against the dev
//! backend's seeded accounts (`hanko_devserver::seed`), with ChromeDriver's virtual authenticator
//! for every WebAuthn step. Each path ends with exactly one `hanko-session-created` carrying the
//! right email and the signed-in view; each error is checked where the user reads it, with what
//! they typed kept.
//!
//! Passkey paths open the page on `localhost`: Chromium refuses an IP address as WebAuthn relying
//! party. There the page and the API (`127.0.0.1`) are cross-site, so those backends use header
//! mode.
//!
//! Run: `cargo test -p hanko-e2e --test first_party` after `scripts/build-bundle.sh`; needs
//! chromium and chromedriver.

use anyhow::Context as _;
use hanko_devserver::seed;
use hanko_e2e::flow_page::{FlowPage, Setup};
use hanko_e2e::{header_mode, totp, AuthenticatorKind, Credential, Ctx};
use std::sync::Arc;

/// The first screen: type `email`, continue.
async fn identify(page: &FlowPage, email: &str) -> anyhow::Result<()> {
    page.expect_state("login_init", "Sign in").await?;
    page.fill("email", email).await?;
    page.press("continue_with_login_identifier").await
}

/// Hanko's default login onboarding offers a passkey to a user without one: skip it.
async fn skip_passkey_offer(page: &FlowPage) -> anyhow::Result<()> {
    page.expect_state("onboarding_create_passkey", "Create a passkey")
        .await?;
    page.press("skip").await
}

/// The email, then "Email me a code" on the chooser, then the code from the outbox.
async fn email_then_passcode(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |_| {}).await?;
    identify(&page, seed::PASSCODE_USER_EMAIL).await?;
    page.expect_state("login_method_chooser", "Choose how to sign in")
        .await?;
    page.press("continue_to_passcode_confirmation").await?;
    page.confirm_passcode(seed::PASSCODE_USER_EMAIL).await?;
    skip_passkey_offer(&page).await?;
    page.expect_session_for(seed::PASSCODE_USER_EMAIL).await
}

/// The password path up to the password page.
async fn to_password(page: &FlowPage, email: &str) -> anyhow::Result<()> {
    identify(page, email).await?;
    page.expect_state("login_method_chooser", "Choose how to sign in")
        .await?;
    page.press("continue_to_password_login").await?;
    page.expect_state("login_password", "Enter your password")
        .await
}

/// The email, then the password.
async fn email_then_password(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |_| {}).await?;
    to_password(&page, seed::PASSWORD_USER_EMAIL).await?;
    page.fill("password", seed::PASSWORD).await?;
    page.press("password_login").await?;
    skip_passkey_offer(&page).await?;
    page.expect_session_for(seed::PASSWORD_USER_EMAIL).await
}

/// "Forgot your password?" → a recovery code → a new password → signed in; then signed out, the
/// new password signs in and the old one no longer does.
async fn forgotten_password(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |_| {}).await?;
    to_password(&page, seed::PASSWORD_USER_EMAIL).await?;
    page.press("continue_to_passcode_confirmation_recovery")
        .await?;
    page.confirm_passcode(seed::PASSWORD_USER_EMAIL).await?;
    page.expect_state("login_password_recovery", "Set a new password")
        .await?;
    let new_password = "a brand new passphrase";
    page.fill("new_password", new_password).await?;
    page.press("password_recovery").await?;
    skip_passkey_offer(&page).await?;
    page.expect_session_for(seed::PASSWORD_USER_EMAIL).await?;

    page.browser
        .click_in_shadow(hanko_e2e::page::HOST, r#"button[data-action="sign-out"]"#)
        .await?;
    to_password(&page, seed::PASSWORD_USER_EMAIL).await?;
    page.fill("password", seed::PASSWORD).await?;
    page.press("password_login").await?;
    page.expect_input_error("password", "Wrong password.")
        .await?;
    page.clear("password").await?;
    page.fill("password", new_password).await?;
    page.press("password_login").await?;
    page.expect_state("onboarding_create_passkey", "Create a passkey")
        .await
}

/// A page on which the virtual authenticator cannot answer the passkey autofill by itself.
fn without_autofill(kind: AuthenticatorKind, credentials: Vec<Credential>) -> Setup {
    Setup {
        autofill: false,
        ..Setup::webauthn(kind, credentials)
    }
}

/// The signature counter of credential `id` on the page's authenticator.
async fn sign_count(page: &FlowPage, id: &str) -> anyhow::Result<u64> {
    let authenticator = page.authenticator.as_ref().context("the authenticator")?;
    let credentials = authenticator.credentials().await?;
    credentials
        .iter()
        .find(|c| c["credentialId"] == id)
        .and_then(|c| c["signCount"].as_u64())
        .with_context(|| format!("credential {id} on the authenticator: {credentials:?}"))
}

/// The passkey button with the seeded passkey on the authenticator.
async fn passkey_button(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let setup = without_autofill(
        AuthenticatorKind::Platform,
        vec![Credential::seeded_passkey()],
    );
    let page = FlowPage::open(&ctx, "en", setup, header_mode).await?;
    page.expect_state("login_init", "Sign in").await?;
    page.press("webauthn_generate_request_options").await?;
    page.expect_session_for(seed::PASSKEY_USER_EMAIL).await?;
    let count = sign_count(&page, seed::PASSKEY_CREDENTIAL_ID).await?;
    anyhow::ensure!(
        count >= 1,
        "the passkey should have signed: signCount {count}"
    );
    Ok(())
}

/// Passkey autofill: the page asks for a passkey with conditional mediation as soon as the first
/// screen shows (the email input carries `autocomplete="username webauthn"`); ChromeDriver's
/// virtual authenticator answers such a request by itself with the passkey it holds, as a person
/// picking it in the autofill would. Nothing is pressed; the passkey signed once.
async fn passkey_autofill(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let setup = Setup::webauthn(
        AuthenticatorKind::Platform,
        vec![Credential::seeded_passkey()],
    );
    let page = FlowPage::open(&ctx, "en", setup, header_mode).await?;
    page.expect_session_for(seed::PASSKEY_USER_EMAIL).await?;
    let count = sign_count(&page, seed::PASSKEY_CREDENTIAL_ID).await?;
    anyhow::ensure!(
        count >= 1,
        "the passkey should have signed: signCount {count}"
    );
    Ok(())
}

/// The password, then the code of the authenticator app (computed from the seeded secret), then
/// "Trust this device".
async fn password_and_totp(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |_| {}).await?;
    to_password(&page, seed::TOTP_USER_EMAIL).await?;
    page.fill("password", seed::PASSWORD).await?;
    page.press("password_login").await?;
    page.expect_state("login_otp", "Enter your authentication code")
        .await?;
    page.fill("otp_code", "000000").await?;
    page.press("otp_code_validate").await?;
    page.expect_input_error("otp_code", "This code is wrong.")
        .await?;
    page.clear("otp_code").await?;
    page.fill("otp_code", &totp::current_code(seed::TOTP_SECRET)?)
        .await?;
    page.press("otp_code_validate").await?;
    skip_passkey_offer(&page).await?;
    page.expect_state("device_trust", "Trust this device?")
        .await?;
    page.press("trust_device").await?;
    page.expect_session_for(seed::TOTP_USER_EMAIL).await
}

/// The password, then the security key (a roaming authenticator holding the seeded key).
async fn security_key_as_second_factor(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let setup = without_autofill(
        AuthenticatorKind::SecurityKey,
        vec![Credential::seeded_security_key()],
    );
    let page = FlowPage::open(&ctx, "en", setup, header_mode).await?;
    to_password(&page, seed::SECURITY_KEY_USER_EMAIL).await?;
    page.fill("password", seed::PASSWORD).await?;
    page.press("password_login").await?;
    page.expect_state("login_security_key", "Use your security key")
        .await?;
    page.press("webauthn_generate_request_options").await?;
    skip_passkey_offer(&page).await?;
    page.expect_state("device_trust", "Trust this device?")
        .await?;
    page.press("skip").await?;
    page.expect_session_for(seed::SECURITY_KEY_USER_EMAIL)
        .await?;
    let count = sign_count(&page, seed::SECURITY_KEY_CREDENTIAL_ID).await?;
    anyhow::ensure!(
        count >= 1,
        "the security key should have signed: signCount {count}"
    );
    Ok(())
}

/// Sign-up with a new email: passcode, password, the MFA offer skipped, a passkey created on the
/// authenticator; signed out, the passkey signs in again.
async fn passkey_at_sign_up_then_sign_in(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let setup = Setup {
        mode: "registration",
        ..Setup::webauthn(AuthenticatorKind::Platform, Vec::new())
    };
    let page = FlowPage::open(&ctx, "en", setup, header_mode).await?;
    let email = "new.person@example.org";
    page.expect_state("registration_init", "Create account")
        .await?;
    page.fill("email", email).await?;
    page.press("register_login_identifier").await?;
    page.confirm_passcode(email).await?;
    page.expect_state("password_creation", "Set a password")
        .await?;
    page.fill("new_password", "my own passphrase").await?;
    page.press("register_password").await?;
    page.expect_state("mfa_method_chooser", "Add a second factor")
        .await?;
    page.press("skip").await?;
    page.expect_state("onboarding_create_passkey", "Create a passkey")
        .await?;
    page.press("webauthn_generate_creation_options").await?;
    page.expect_session_for(email).await?;

    // Signed out, the sign-in page asks for the passkey autofill, and the new passkey answers.
    page.browser
        .click_in_shadow(hanko_e2e::page::HOST, r#"button[data-action="sign-out"]"#)
        .await?;
    page.browser.wait_for_event("hanko-user-logged-out").await?;
    let login = page
        .browser
        .url()
        .await?
        .as_str()
        .replace("mode=registration", "mode=login");
    page.browser.goto(&login).await?;
    page.expect_session_for(email).await?;
    let authenticator = page.authenticator.as_ref().context("the authenticator")?;
    let credentials = authenticator.credentials().await?;
    anyhow::ensure!(
        credentials.len() == 1 && credentials[0]["signCount"].as_u64() >= Some(1),
        "one passkey, created at sign-up and used to sign in: {credentials:?}"
    );
    Ok(())
}

/// Unknown email without existence hints (Hanko's default): the element goes on as for any
/// account, so the page tells nobody whether the address has one.
async fn unknown_email_without_hints(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |_| {}).await?;
    identify(&page, "nobody@example.org").await?;
    page.expect_state("login_method_chooser", "Choose how to sign in")
        .await
}

/// Unknown email with `privacy.show_account_existence_hints`: the message at the input, the
/// typed address still there.
async fn unknown_email_with_hints(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |config| {
        config.privacy.show_account_existence_hints = true;
    })
    .await?;
    identify(&page, "nobody@example.org").await?;
    page.expect_input_error("email", "No account has this email address.")
        .await?;
    let kept = page.value_of("email").await?;
    anyhow::ensure!(
        kept == "nobody@example.org",
        "the typed email should stay: {kept:?}"
    );
    Ok(())
}

/// A wrong passcode: the message, the page stays; the right one then signs in.
async fn wrong_passcode(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |_| {}).await?;
    identify(&page, seed::PASSCODE_USER_EMAIL).await?;
    page.press("continue_to_passcode_confirmation").await?;
    let code = page.backend.passcode_for(seed::PASSCODE_USER_EMAIL).await?;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    page.fill("code", wrong).await?;
    page.press("verify_passcode").await?;
    page.expect_text(
        "passcode_confirmation",
        "This code is wrong or has expired.",
    )
    .await?;
    page.clear("code").await?;
    page.fill("code", &code).await?;
    page.press("verify_passcode").await?;
    skip_passkey_offer(&page).await?;
    page.expect_session_for(seed::PASSCODE_USER_EMAIL).await
}

/// Too many wrong passwords: Hanko's rate limit, shown with the wait; nothing typed is lost.
async fn password_rate_limit(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |config| {
        config.password_rate_limit = 1;
    })
    .await?;
    to_password(&page, seed::PASSWORD_USER_EMAIL).await?;
    page.fill("password", "wrong one").await?;
    page.press("password_login").await?;
    page.expect_input_error("password", "Wrong password.")
        .await?;
    page.clear("password").await?;
    page.fill("password", "wrong two").await?;
    page.press("password_login").await?;
    page.expect_text("login_password", "Too many attempts")
        .await
}

/// The passkey dialog ends without a passkey (the authenticator holds none, so the browser
/// answers `NotAllowedError`, as when the user closes the dialog): the first screen again, saying
/// so.
async fn cancelled_passkey_dialog(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let setup = without_autofill(AuthenticatorKind::Platform, Vec::new());
    let page = FlowPage::open(&ctx, "en", setup, header_mode).await?;
    page.expect_state("login_init", "Sign in").await?;
    page.press("webauthn_generate_request_options").await?;
    page.expect_text("login_init", "Passkey dialog closed")
        .await
}

fn main() {
    hanko_e2e::run(hanko_e2e::tests![
        email_then_passcode,
        email_then_password,
        forgotten_password,
        passkey_button,
        passkey_autofill,
        password_and_totp,
        security_key_as_second_factor,
        passkey_at_sign_up_then_sign_in,
        unknown_email_without_hints,
        unknown_email_with_hints,
        wrong_passcode,
        password_rate_limit,
        cancelled_passkey_dialog,
    ]);
}
