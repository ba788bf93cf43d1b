//! End-to-end tests of our `<hanko-auth>` through every state that can follow "Sign in with
//! Microsoft" (issue #7): the dev backend is switched to each of Hanko's configurations, the
//! element is driven only through its UI contract (`data-screen`, `data-action`, `name`), and each
//! path ends with `hanko-session-created` carrying the right email and the signed-in view. Every
//! path runs in English and in German (`<path>_<lang>`), and checks the translated headline of the
//! state it is about.
//!
//! Run: `cargo test -p hanko-e2e --test flow_paths` after `scripts/build-bundle.sh`; needs chromium
//! and chromedriver.

use anyhow::Context as _;
use hanko_devserver::Acquire;
use hanko_e2e::flow_page::{FlowPage, Setup};
use hanko_e2e::page::{in_language, HOST, WORK_ACCOUNT, WORK_EMAIL};
use hanko_e2e::{header_mode, totp, AuthenticatorKind, Ctx, Test};
use std::future::Future;
use std::sync::Arc;

/// The simulated Microsoft account whose email is not verified (`xms_edov=false`).
const UNVERIFIED_ACCOUNT: &str = "#account-unverified";
/// Its email.
const UNVERIFIED_EMAIL: &str = "jordan.lee@fabrikam.example";
/// The simulated Microsoft account without any email (needs `accept_account_without_email`).
const NO_EMAIL_ACCOUNT: &str = "#account-no-email";

/// Microsoft with an unverified email → passcode → the passkey offer of Hanko's default login
/// onboarding, skipped → session.
async fn unverified_email_confirms_a_passcode(
    ctx: Arc<Ctx>,
    lang: &'static str,
) -> anyhow::Result<()> {
    let path = FlowPage::open(&ctx, lang, Setup::default(), |_| {}).await?;
    path.microsoft(UNVERIFIED_ACCOUNT).await?;
    path.confirm_passcode(UNVERIFIED_EMAIL).await?;
    let headline = in_language(
        &[("en", "Create a passkey"), ("de", "Passkey erstellen")],
        lang,
    )?;
    path.expect_state("onboarding_create_passkey", headline)
        .await?;
    path.press("skip").await?;
    path.expect_session_for(UNVERIFIED_EMAIL).await
}

/// A Microsoft account without email (test aid) → `onboarding_email` → passcode → session.
async fn account_without_email_adds_one(ctx: Arc<Ctx>, lang: &'static str) -> anyhow::Result<()> {
    let path = FlowPage::open(&ctx, lang, Setup::default(), |config| {
        config.accept_account_without_email = true;
    })
    .await?;
    path.microsoft(NO_EMAIL_ACCOUNT).await?;
    let headline = in_language(
        &[
            ("en", "Add an email address"),
            ("de", "E-Mail-Adresse hinzufügen"),
        ],
        lang,
    )?;
    path.expect_state("onboarding_email", headline).await?;
    let email = "sam.rivera@example.test";
    path.fill("email", email).await?;
    path.press("email_address_set").await?;
    path.confirm_passcode(email).await?;
    path.expect_session_for(email).await
}

/// `username.enabled`: the work account chooses a username → session.
async fn username_onboarding(ctx: Arc<Ctx>, lang: &'static str) -> anyhow::Result<()> {
    let path = FlowPage::open(&ctx, lang, Setup::default(), |config| {
        config.username.enabled = true;
    })
    .await?;
    path.microsoft(WORK_ACCOUNT).await?;
    let headline = in_language(
        &[("en", "Choose a username"), ("de", "Benutzernamen wählen")],
        lang,
    )?;
    path.expect_state("onboarding_username", headline).await?;
    path.fill("username", "alex_wilber").await?;
    path.press("username_create").await?;
    path.expect_session_for(WORK_EMAIL).await
}

/// Password onboarding after the passcode (`password.acquire_on_login = always`, no passkey).
async fn password_creation(ctx: Arc<Ctx>, lang: &'static str) -> anyhow::Result<()> {
    let path = FlowPage::open(&ctx, lang, Setup::default(), |config| {
        config.password.acquire_on_login = Acquire::Always;
        config.passkey.acquire_on_login = Acquire::Never;
    })
    .await?;
    path.microsoft(UNVERIFIED_ACCOUNT).await?;
    path.confirm_passcode(UNVERIFIED_EMAIL).await?;
    let headline = in_language(
        &[("en", "Set a password"), ("de", "Passwort festlegen")],
        lang,
    )?;
    path.expect_state("password_creation", headline).await?;
    path.fill("new_password", "correct horse battery").await?;
    path.press("register_password").await?;
    path.expect_session_for(UNVERIFIED_EMAIL).await
}

/// Registration: passcode → MFA chooser → authenticator app (the code computed from the secret
/// the page shows, RFC 6238) → session.
async fn registration_sets_up_totp(ctx: Arc<Ctx>, lang: &'static str) -> anyhow::Result<()> {
    let setup = Setup {
        mode: "registration",
        ..Setup::default()
    };
    let path = FlowPage::open(&ctx, lang, setup, |_| {}).await?;
    path.microsoft(UNVERIFIED_ACCOUNT).await?;
    path.confirm_passcode(UNVERIFIED_EMAIL).await?;
    let chooser = in_language(
        &[
            ("en", "Add a second factor"),
            ("de", "Zweiten Faktor hinzufügen"),
        ],
        lang,
    )?;
    path.expect_state("mfa_method_chooser", chooser).await?;
    path.press("continue_to_otp_secret_creation").await?;
    let headline = in_language(
        &[
            ("en", "Set up an authenticator app"),
            ("de", "Authenticator-App einrichten"),
        ],
        lang,
    )?;
    path.expect_state("mfa_otp_secret_creation", headline)
        .await?;
    let qr = path
        .browser
        .wait_for_shadow(
            HOST,
            r#"img[data-field="otp-qr-code"]"#,
            "the QR code",
            |node| {
                node.attributes
                    .get("src")
                    .is_some_and(|src| src.starts_with("data:image/png;base64,"))
            },
        )
        .await?;
    anyhow::ensure!(
        qr.attributes.contains_key("alt"),
        "the QR code needs alt text"
    );
    let secret = path
        .browser
        .wait_for_shadow(HOST, r#"[data-field="otp-secret"]"#, "the secret", |node| {
            !node.text.trim().is_empty()
        })
        .await?
        .text;
    let code = totp::current_code(&secret)?;
    path.fill("otp_code", &code).await?;
    path.press("otp_code_verify").await?;
    path.expect_session_for(UNVERIFIED_EMAIL).await
}

/// Passkey onboarding after the passcode, with ChromeDriver's virtual authenticator on a
/// `localhost` page (header mode: the page and the API are cross-site).
async fn passkey_onboarding(ctx: Arc<Ctx>, lang: &'static str) -> anyhow::Result<()> {
    let setup = Setup::webauthn(AuthenticatorKind::Platform, Vec::new());
    let path = FlowPage::open(&ctx, lang, setup, header_mode).await?;
    path.microsoft(UNVERIFIED_ACCOUNT).await?;
    path.confirm_passcode(UNVERIFIED_EMAIL).await?;
    let headline = in_language(
        &[("en", "Create a passkey"), ("de", "Passkey erstellen")],
        lang,
    )?;
    path.expect_state("onboarding_create_passkey", headline)
        .await?;
    path.press("webauthn_generate_creation_options").await?;
    path.expect_session_for(UNVERIFIED_EMAIL).await?;
    let authenticator = path
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

/// A state no client knows (the dev backend's `favourite_colour`), completed through the generic
/// renderer: its headline falls back to the readable state name, its input and action work.
async fn made_up_state_through_the_generic_renderer(
    ctx: Arc<Ctx>,
    lang: &'static str,
) -> anyhow::Result<()> {
    let path = FlowPage::open(&ctx, lang, Setup::default(), |config| {
        config.custom_state = true;
    })
    .await?;
    path.microsoft(WORK_ACCOUNT).await?;
    path.expect_state("favourite_colour", "Favourite colour")
        .await?;
    path.fill("favourite_colour", "teal").await?;
    path.press("favourite_colour_set").await?;
    path.expect_session_for(WORK_EMAIL).await
}

/// One test per path and language, named `<path>_<lang>`.
fn paths() -> Vec<Test> {
    type PathTest<F> = fn(Arc<Ctx>, &'static str) -> F;
    fn both<F>(name: &str, run: PathTest<F>) -> [Test; 2]
    where
        F: Future<Output = anyhow::Result<()>> + 'static,
    {
        ["en", "de"].map(|lang| Test::new(&format!("{name}_{lang}"), move |ctx| run(ctx, lang)))
    }
    [
        both(
            "unverified_email_confirms_a_passcode",
            unverified_email_confirms_a_passcode,
        ),
        both(
            "account_without_email_adds_one",
            account_without_email_adds_one,
        ),
        both("username_onboarding", username_onboarding),
        both("password_creation", password_creation),
        both("registration_sets_up_totp", registration_sets_up_totp),
        both("passkey_onboarding", passkey_onboarding),
        both(
            "made_up_state_through_the_generic_renderer",
            made_up_state_through_the_generic_renderer,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn main() {
    hanko_e2e::run(paths());
}
