//! Conformance, first-party sign-in: the official `@teamhanko/hanko-elements` 2.7.0 (from npm)
//! signs the dev backend's seeded accounts in through every first-party path, exactly as it would
//! against Hanko: email then passcode or password, password recovery, passkeys (button and
//! autofill), TOTP and security keys as second factors, and sign-up with a passkey followed by a
//! sign-in with it. The WebAuthn ceremonies run for real on ChromeDriver's virtual authenticator
//! holding the dev backend's seeded credentials (`hanko_devserver::seed`).
//!
//! Run: `cargo test -p hanko-e2e --test conformance_first_party` (needs chromium, chromedriver
//! and npm).

use hanko_devserver::seed;
use hanko_e2e::official_page::{
    confirm_passcode, expect_session_for, fill, open_official, open_official_with, press,
    settled_on, type_code, Official, Page,
};
use hanko_e2e::{header_mode, tests, totp, AuthenticatorKind, Credential, Ctx};
use std::sync::Arc;

/// The login page's email input (`autocomplete="username webauthn"`, which also makes it the
/// anchor of passkey autofill).
const EMAIL_INPUT: &str = "input[type='email']";

/// Waits for the login page to settle, types `email` and continues.
async fn enter_email(official: &Official, email: &str) -> anyhow::Result<()> {
    settled_on(official, "login_init").await?;
    fill(official, EMAIL_INPUT, email).await?;
    press(official, "Continue").await
}

/// The method chooser (passcode and password both on): picks `method` ("Passcode" or "Password").
async fn choose_method(official: &Official, method: &str) -> anyhow::Result<()> {
    official
        .browser
        .wait_for_shadow_text(official.host, "How do you want to login?")
        .await?;
    press(official, method).await
}

/// The password page: types `password` and signs in.
async fn sign_in_with_password(official: &Official, password: &str) -> anyhow::Result<()> {
    official
        .browser
        .wait_for_shadow_text(official.host, "Enter password")
        .await?;
    fill(official, "input[autocomplete='current-password']", password).await?;
    press(official, "Sign in").await
}

/// Hanko's default login onboarding offers a passkey after a first factor other than a passkey;
/// the user skips it.
async fn skip_passkey_offer(official: &Official) -> anyhow::Result<()> {
    official
        .browser
        .wait_for_shadow_text(official.host, "Create a passkey")
        .await?;
    press(official, "Skip").await
}

async fn official_email_then_passcode(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let email = seed::PASSCODE_USER_EMAIL;
    let official = open_official(&ctx).await?;
    enter_email(&official, email).await?;
    choose_method(&official, "Passcode").await?;
    confirm_passcode(&official, email).await?;
    skip_passkey_offer(&official).await?;
    expect_session_for(&official, email).await?;
    Ok(())
}

async fn official_email_then_password(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let email = seed::PASSWORD_USER_EMAIL;
    let official = open_official(&ctx).await?;
    enter_email(&official, email).await?;
    choose_method(&official, "Password").await?;
    sign_in_with_password(&official, seed::PASSWORD).await?;
    skip_passkey_offer(&official).await?;
    expect_session_for(&official, email).await?;
    Ok(())
}

/// The password set in `official_forgotten_password`.
const NEW_PASSWORD: &str = "a brand new passphrase";

async fn official_forgotten_password(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let email = seed::PASSWORD_USER_EMAIL;
    let mut official = open_official(&ctx).await?;
    enter_email(&official, email).await?;
    choose_method(&official, "Password").await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Enter password")
        .await?;
    press(&official, "Forgot your password?").await?;
    confirm_passcode(&official, email).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Set new password")
        .await?;
    fill(
        &official,
        "input[autocomplete='new-password']",
        NEW_PASSWORD,
    )
    .await?;
    press(&official, "Continue").await?;
    skip_passkey_offer(&official).await?;
    expect_session_for(&official, email).await?;

    // The new password is the one that signs in now.
    official.open_element("hanko-auth").await?;
    enter_email(&official, email).await?;
    choose_method(&official, "Password").await?;
    sign_in_with_password(&official, NEW_PASSWORD).await?;
    skip_passkey_offer(&official).await?;
    expect_session_for(&official, email).await?;
    Ok(())
}

/// A `localhost` page with a platform authenticator holding `credentials`, against a header-mode
/// backend.
async fn open_with_platform_authenticator(
    ctx: &Ctx,
    credentials: Vec<Credential>,
) -> anyhow::Result<Official> {
    let page = Page::with_authenticator(AuthenticatorKind::Platform, credentials);
    open_official_with(ctx, page, header_mode).await
}

/// Puts the seeded passkey on the page's authenticator.
async fn add_seeded_passkey(official: &Official) -> anyhow::Result<()> {
    let passkey = Credential::seeded_passkey();
    official.authenticator()?.add_credential(&passkey).await
}

/// The passkey button: `webauthn_generate_request_options` leads to `login_passkey`, whose
/// request options the element hands to a modal `navigator.credentials.get`.
///
/// ChromeDriver's virtual authenticator answers the conditional request that the official element
/// makes on `login_init` by itself (see `official_passkey_autofill`), so a passkey present at load
/// would sign the user in before any click. The passkey is therefore put on the authenticator
/// only once `login_init` has settled, when that conditional request has already been made and
/// found nothing; the button then aborts it (the SDK's `WebauthnManager` keeps one request) and
/// the modal request finds the passkey. `login_passkey` in the event log proves the button's path.
async fn official_passkey_button(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let official = open_with_platform_authenticator(&ctx, Vec::new()).await?;
    settled_on(&official, "login_init").await?;
    add_seeded_passkey(&official).await?;
    press(&official, "Sign in with a passkey").await?;
    expect_session_for(&official, seed::PASSKEY_USER_EMAIL).await?;
    anyhow::ensure!(
        official.times_shown("login_passkey").await? >= 1,
        "the session should come from the button's login_passkey state; events {:?}",
        official.browser.events().await?
    );
    Ok(())
}

/// Passkey autofill: the official element starts a conditional request (`mediation:
/// "conditional"`) with `login_init`'s `request_options` each time it shows `login_init`, and
/// sends its answer with `webauthn_verify_assertion_response` from `login_init` itself. Headless
/// Chromium's virtual authenticator answers a conditional request at once with the credential it
/// holds, without focusing or clicking the email input (a person would pick the passkey from the
/// input's autofill list): the session is created with nothing pressed and without
/// `login_passkey`.
async fn official_passkey_autofill(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let official =
        open_with_platform_authenticator(&ctx, vec![Credential::seeded_passkey()]).await?;
    expect_session_for(&official, seed::PASSKEY_USER_EMAIL).await?;
    let events = official.browser.events().await?;
    let states: Vec<&str> = events
        .iter()
        .filter(|event| event["type"] == "hanko-after-state-change")
        .filter_map(|event| event["detail"]["state"].as_str())
        .collect();
    anyhow::ensure!(
        states.contains(&"login_init") && !states.contains(&"login_passkey"),
        "the session should come straight from login_init's conditional request; states {states:?}"
    );
    let credentials = official.authenticator()?.credentials().await?;
    anyhow::ensure!(
        credentials.len() == 1 && credentials[0]["signCount"].as_u64() >= Some(1),
        "the seeded passkey should have been used once: {credentials:?}"
    );
    Ok(())
}

async fn official_password_and_totp(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let email = seed::TOTP_USER_EMAIL;
    let mut official = open_official(&ctx).await?;
    enter_email(&official, email).await?;
    choose_method(&official, "Password").await?;
    sign_in_with_password(&official, seed::PASSWORD).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Authentication code")
        .await?;
    type_code(&official, &totp::current_code(seed::TOTP_SECRET)?).await?;
    skip_passkey_offer(&official).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Trust this browser?")
        .await?;
    press(&official, "Trust this browser").await?;
    expect_session_for(&official, email).await?;

    // The trusted browser skips the second factor (and the trust question) next time.
    official.open_element("hanko-auth").await?;
    enter_email(&official, email).await?;
    choose_method(&official, "Password").await?;
    sign_in_with_password(&official, seed::PASSWORD).await?;
    skip_passkey_offer(&official).await?;
    expect_session_for(&official, email).await?;
    let events = official.browser.events().await?;
    anyhow::ensure!(
        official.times_shown("login_otp").await? == 0
            && official.times_shown("device_trust").await? == 0,
        "a trusted browser should not be asked for the code again; events {events:?}"
    );
    Ok(())
}

async fn official_security_key_as_second_factor(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let email = seed::SECURITY_KEY_USER_EMAIL;
    let page = Page::with_authenticator(
        AuthenticatorKind::SecurityKey,
        vec![Credential::seeded_security_key()],
    );
    let official = open_official_with(&ctx, page, header_mode).await?;
    enter_email(&official, email).await?;
    choose_method(&official, "Password").await?;
    sign_in_with_password(&official, seed::PASSWORD).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Security key")
        .await?;
    press(&official, "Use security key").await?;
    skip_passkey_offer(&official).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Trust this browser?")
        .await?;
    press(&official, "Skip").await?;
    expect_session_for(&official, email).await?;
    let credentials = official.authenticator()?.credentials().await?;
    anyhow::ensure!(
        credentials.len() == 1 && credentials[0]["signCount"].as_u64() >= Some(1),
        "the seeded security key should have signed once: {credentials:?}"
    );
    Ok(())
}

async fn official_passkey_at_sign_up_then_sign_in(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let email = "robin.sato@example.test";
    let page = Page {
        element: "hanko-registration",
        ..Page::with_authenticator(AuthenticatorKind::Platform, Vec::new())
    };
    let mut official = open_official_with(&ctx, page, header_mode).await?;
    settled_on(&official, "registration_init").await?;
    fill(&official, "input[type='email']", email).await?;
    press(&official, "Continue").await?;
    confirm_passcode(&official, email).await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Set new password")
        .await?;
    fill(
        &official,
        "input[autocomplete='new-password']",
        "sign-up passphrase",
    )
    .await?;
    press(&official, "Continue").await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Set up MFA")
        .await?;
    press(&official, "Skip").await?;
    official
        .browser
        .wait_for_shadow_text(official.host, "Create a passkey")
        .await?;
    press(&official, "Create a passkey").await?;
    expect_session_for(&official, email).await?;

    let created = official.authenticator()?.credentials().await?;
    anyhow::ensure!(
        created.len() == 1 && created[0]["isResidentCredential"] == true,
        "sign-up should leave one resident passkey on the authenticator: {created:?}"
    );

    // Signing in again in the same browser, with the passkey button. The virtual authenticator
    // would answer login_init's conditional request with the new passkey by itself (see
    // official_passkey_autofill), so this browser now reports no passkey autofill.
    official.disable_conditional_mediation().await?;
    official.open_element("hanko-auth").await?;
    settled_on(&official, "login_init").await?;
    press(&official, "Sign in with a passkey").await?;
    expect_session_for(&official, email).await?;
    anyhow::ensure!(
        official.times_shown("login_passkey").await? >= 1,
        "the second session should come from the button's login_passkey state; events {:?}",
        official.browser.events().await?
    );
    let used = official.authenticator()?.credentials().await?;
    anyhow::ensure!(
        used.len() == 1
            && used[0]["credentialId"] == created[0]["credentialId"]
            && used[0]["signCount"].as_u64() > created[0]["signCount"].as_u64(),
        "the sign-in should use the passkey made at sign-up: before {created:?}, after {used:?}"
    );
    Ok(())
}

fn main() {
    hanko_e2e::run(tests![
        official_email_then_passcode,
        official_email_then_password,
        official_forgotten_password,
        official_passkey_button,
        official_passkey_autofill,
        official_password_and_totp,
        official_security_key_as_second_factor,
        official_passkey_at_sign_up_then_sign_in,
    ]);
}
