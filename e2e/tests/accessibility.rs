//! Accessibility gate: axe-core (from npm, pinned in `e2e/src/npm.rs`) checks every screen our
//! `<hanko-auth>` shows, with `theme="light"`, `theme="dark"` and, without the attribute, under
//! `prefers-color-scheme: dark`, on `examples/plain-html/index.html` against the dev backend,
//! and fails on any critical or serious violation (the list names rule, impact, help and the
//! offending elements).
//!
//! `e2e/fixtures/a11y-broken.html` proves the check can fail: a custom element with a nameless
//! button and low-contrast text in its shadow root fails it, the same element done right passes.
//!
//! Run: `cargo test -p hanko-e2e --test accessibility` after building the bundle (see
//! `examples/plain-html/README.md`); needs chromium, chromedriver and npm.
//!
//! A new screen is one more line in [`SCREENS`]: its name, the dev backend's settings, how to
//! reach it, what shows it is there. The flow states after the Microsoft return are there
//! (passcode, passkey and password onboarding, username and email onboarding, the MFA chooser
//! and the authenticator-app set-up of registration, the made-up state through the generic
//! renderer), the failure page (the flow cannot start: the dev backend answers `/login`
//! with 503), and the first-party sign-in states with the seeded accounts (the method chooser, a
//! wrong password at its input, the new password after recovery, the authenticator-app code,
//! "trust this device", the security-key step), the wait for the browser's passkey dialog
//! (on `localhost`, with no authenticator to answer it), and the two waits too short to audit
//! unless the dev backend holds the answer back (its test aid `holds`): the loading screen
//! while the start of the flow is held, and the token exchange after the Microsoft return.

use hanko_devserver::{seed, Acquire, Config};
use hanko_e2e::axe::{audit, expect_accessible};
use hanko_e2e::page::{
    self, go_to_microsoft, ERROR_MESSAGE, EXAMPLE_PAGE, HOST, MICROSOFT_BUTTON, SIGNED_IN_EMAIL,
    WORK_ACCOUNT,
};
use hanko_e2e::{header_mode, require_bundle, totp, Browser, Ctx, Test};
use serde_json::json;
use std::sync::Arc;

/// One step on the way to a screen.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// "Sign in with Microsoft", then this button on the simulated Microsoft page.
    AtMicrosoft(&'static str),
    /// Click this control inside the element's shadow root.
    Click(&'static str),
    /// On the passcode page: type the code sent to this address (read from the outbox) and
    /// submit it.
    Passcode(&'static str),
    /// Type this text into the input with this `name`.
    Fill(&'static str, &'static str),
    /// Type the current code of the seeded TOTP user's authenticator app into `otp_code`.
    Totp,
    /// Wait until the dev backend holds a request with this hold name (test aid `holds`, set
    /// in the screen's `configure`): the screen waiting for its answer stays until the test ends.
    Held(&'static str),
}

/// A screen of the element: a name for its tests, how to get there from the first screen, and
/// a selector inside the shadow root that shows the screen is there.
struct Screen {
    name: &'static str,
    /// The dev backend's settings that lead to the screen.
    configure: fn(&mut Config),
    /// Host name of the page's origin (`localhost` where WebAuthn runs).
    host: &'static str,
    /// The element's `mode`.
    mode: &'static str,
    steps: &'static [Step],
    shows: &'static str,
}

fn defaults(_: &mut Config) {}

fn with_username(config: &mut Config) {
    config.username.enabled = true;
}

fn without_email(config: &mut Config) {
    config.accept_account_without_email = true;
}

fn with_password(config: &mut Config) {
    config.password.acquire_on_login = Acquire::Always;
    config.passkey.acquire_on_login = Acquire::Never;
}

fn with_custom_state(config: &mut Config) {
    config.custom_state = true;
}

fn login_unavailable(config: &mut Config) {
    config.unavailable_paths = vec!["/login".to_owned()];
}

/// The start of the login flow (`POST /login` without action) waits for a release.
fn hold_flow_start(config: &mut Config) {
    config.holds = vec![FLOW_START.to_owned()];
}

/// The token exchange after the Microsoft return waits for a release.
fn hold_token_exchange(config: &mut Config) {
    config.holds = vec![TOKEN_EXCHANGE.to_owned()];
}

/// The hold names of the flow's start and of the token exchange.
const FLOW_START: &str = "/login";
const TOKEN_EXCHANGE: &str = "exchange_token";

/// The first screen's "Continue" (the email form), the chooser's "Sign in with a password", and
/// the password page's "Sign in".
const CONTINUE: &str = r#"button[data-action="continue_with_login_identifier"]"#;
const PASSWORD_LOGIN: &str = r#"button[data-action="continue_to_password_login"]"#;
const SIGN_IN_WITH_PASSWORD: &str = r#"button[data-action="password_login"]"#;

/// The seeded password user's email, continued.
const PASSWORD_USER: &[Step] = &[
    Step::Fill("email", seed::PASSWORD_USER_EMAIL),
    Step::Click(CONTINUE),
];

/// The seeded TOTP user up to the authenticator-app code.
const TOTP_USER: &[Step] = &[
    Step::Fill("email", seed::TOTP_USER_EMAIL),
    Step::Click(CONTINUE),
    Step::Click(PASSWORD_LOGIN),
    Step::Fill("password", seed::PASSWORD),
    Step::Click(SIGN_IN_WITH_PASSWORD),
];

/// The simulated Microsoft account whose email is not verified, and its address.
const UNVERIFIED_ACCOUNT: &str = "#account-unverified";
const UNVERIFIED_EMAIL: &str = "jordan.lee@fabrikam.example";

/// Every screen the element shows today: the fixed screens, then the flow states after the
/// Microsoft return (`data-screen` is the state's name).
#[rustfmt::skip]
const SCREENS: &[Screen] = &[
    Screen { name: "first_screen", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[], shows: MICROSOFT_BUTTON },
    Screen { name: "error_notice", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft("#outcome-cancel")], shows: ERROR_MESSAGE },
    Screen { name: "error_details", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft("#outcome-cancel"), Step::Click("summary")], shows: r#"details[open] .hanko-error-details-list"# },
    Screen { name: "error_another_way", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft("#outcome-admin-approval")], shows: r#"button[data-action="sign-in-another-way"]"# },
    Screen { name: "error_another_account", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft("#outcome-not-allowed")], shows: r#"button[data-action="use-another-account"]"# },
    Screen { name: "signed_in", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft(WORK_ACCOUNT)], shows: SIGNED_IN_EMAIL },
    Screen { name: "first_screen_last_used", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft(WORK_ACCOUNT), Step::Click(SIGN_OUT)], shows: r#"[part="last-used"]"# },
    Screen { name: "passcode_confirmation", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft(UNVERIFIED_ACCOUNT)], shows: r#"[data-screen="passcode_confirmation"] input[name="code"]"# },
    Screen { name: "onboarding_create_passkey", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft(UNVERIFIED_ACCOUNT), Step::Passcode(UNVERIFIED_EMAIL)], shows: r#"[data-screen="onboarding_create_passkey"]"# },
    Screen { name: "password_creation", configure: with_password, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft(UNVERIFIED_ACCOUNT), Step::Passcode(UNVERIFIED_EMAIL)], shows: r#"[data-screen="password_creation"] input[name="new_password"]"# },
    Screen { name: "onboarding_username", configure: with_username, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft(WORK_ACCOUNT)], shows: r#"[data-screen="onboarding_username"] input[name="username"]"# },
    Screen { name: "onboarding_email", configure: without_email, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft("#account-no-email")], shows: r#"[data-screen="onboarding_email"] input[name="email"]"# },
    Screen { name: "mfa_method_chooser", configure: defaults, host: "127.0.0.1", mode: "registration", steps: &[Step::AtMicrosoft(UNVERIFIED_ACCOUNT), Step::Passcode(UNVERIFIED_EMAIL)], shows: r#"[data-screen="mfa_method_chooser"] button[data-action="continue_to_otp_secret_creation"]"# },
    Screen { name: "mfa_otp_secret_creation", configure: defaults, host: "127.0.0.1", mode: "registration", steps: &[Step::AtMicrosoft(UNVERIFIED_ACCOUNT), Step::Passcode(UNVERIFIED_EMAIL), Step::Click(r#"button[data-action="continue_to_otp_secret_creation"]"#)], shows: r#"[data-screen="mfa_otp_secret_creation"] img[data-field="otp-qr-code"]"# },
    Screen { name: "failed_page", configure: login_unavailable, host: "127.0.0.1", mode: "login", steps: &[], shows: r#"[data-screen="failed"] [data-field="error-message"]"# },
    Screen { name: "login_method_chooser", configure: defaults, host: "127.0.0.1", mode: "login", steps: PASSWORD_USER, shows: r#"[data-screen="login_method_chooser"] button[data-action="continue_to_password_login"]"# },
    Screen { name: "login_password_wrong", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::Fill("email", seed::PASSWORD_USER_EMAIL), Step::Click(CONTINUE), Step::Click(PASSWORD_LOGIN), Step::Fill("password", "not the password"), Step::Click(SIGN_IN_WITH_PASSWORD)], shows: r#"[data-screen="login_password"] [data-input="password"] [part="input-error"]"# },
    Screen { name: "login_password_recovery", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::Fill("email", seed::PASSWORD_USER_EMAIL), Step::Click(CONTINUE), Step::Click(PASSWORD_LOGIN), Step::Click(r#"button[data-action="continue_to_passcode_confirmation_recovery"]"#), Step::Passcode(seed::PASSWORD_USER_EMAIL)], shows: r#"[data-screen="login_password_recovery"] input[name="new_password"]"# },
    Screen { name: "login_otp", configure: defaults, host: "127.0.0.1", mode: "login", steps: TOTP_USER, shows: r#"[data-screen="login_otp"] input[name="otp_code"]"# },
    Screen { name: "device_trust", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::Fill("email", seed::TOTP_USER_EMAIL), Step::Click(CONTINUE), Step::Click(PASSWORD_LOGIN), Step::Fill("password", seed::PASSWORD), Step::Click(SIGN_IN_WITH_PASSWORD), Step::Totp, Step::Click(r#"button[data-action="otp_code_validate"]"#), Step::Click(r#"[data-screen="onboarding_create_passkey"] button[data-action="skip"]"#)], shows: r#"[data-screen="device_trust"] button[data-action="trust_device"]"# },
    Screen { name: "login_security_key", configure: defaults, host: "127.0.0.1", mode: "login", steps: &[Step::Fill("email", seed::SECURITY_KEY_USER_EMAIL), Step::Click(CONTINUE), Step::Click(PASSWORD_LOGIN), Step::Fill("password", seed::PASSWORD), Step::Click(SIGN_IN_WITH_PASSWORD)], shows: r#"[data-screen="login_security_key"] button[data-action="webauthn_generate_request_options"]"# },
    Screen { name: "passkey_waiting", configure: header_mode, host: "localhost", mode: "login", steps: &[Step::Click(r#"button[data-action="webauthn_generate_request_options"]"#)], shows: r#"[data-screen="passkey"] [data-field="status"]"# },
    Screen { name: "loading", configure: hold_flow_start, host: "127.0.0.1", mode: "login", steps: &[Step::Held(FLOW_START)], shows: r#"[data-screen="loading"]"# },
    Screen { name: "exchanging", configure: hold_token_exchange, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft(WORK_ACCOUNT), Step::Held(TOKEN_EXCHANGE)], shows: r#"[data-screen="exchanging"]"# },
    Screen { name: "made_up_state", configure: with_custom_state, host: "127.0.0.1", mode: "login", steps: &[Step::AtMicrosoft(WORK_ACCOUNT)], shows: r#"[data-screen="favourite_colour"] input[name="favourite_colour"]"# },
];

/// A colour scheme to check: the element's `theme` attribute (`None`: absent, follow the
/// system), the `prefers-color-scheme` the browser reports, and the container background the two
/// must produce. The attribute is set against the system's scheme, so it must win.
struct Scheme {
    name: &'static str,
    attribute: Option<&'static str>,
    system: &'static str,
    background: &'static str,
}

/// The light and dark defaults' container backgrounds, as computed.
const LIGHT_BACKGROUND: &str = "rgb(255, 255, 255)";
const DARK_BACKGROUND: &str = "rgb(27, 27, 31)";

/// `theme="light"`, `theme="dark"`, and no attribute on a system in dark mode.
#[rustfmt::skip]
const SCHEMES: &[Scheme] = &[
    Scheme { name: "light", attribute: Some("light"), system: "dark", background: LIGHT_BACKGROUND },
    Scheme { name: "dark", attribute: Some("dark"), system: "light", background: DARK_BACKGROUND },
    Scheme { name: "system_dark", attribute: None, system: "dark", background: DARK_BACKGROUND },
];

/// "Sign out" on the signed-in view.
const SIGN_OUT: &str = r#"button[data-action="sign-out"]"#;

/// The element's outer `section`.
const CONTAINER: &str = r#"[part="container"]"#;

/// The fixture with a broken (`#broken`) and a sound (`#sound`) control in shadow roots.
const BROKEN_FIXTURE: &str = "/e2e/fixtures/a11y-broken.html";

/// Opens the example page, walks `screen.steps`, then for each of [`SCHEMES`] sets the `theme`
/// attribute and the system's colour scheme and runs axe-core on the element; fails with every
/// scheme's violations.
async fn screen_is_accessible(ctx: Arc<Ctx>, screen: &'static Screen) -> anyhow::Result<()> {
    require_bundle()?;
    let backend = ctx.backend(screen.configure).await?;
    let site = ctx.serve_repo(screen.host).await?;
    let url = page::page_url(
        &site,
        EXAMPLE_PAGE,
        &backend.api(),
        &[("keep", "1"), ("mode", screen.mode)],
        None,
    )?;
    let browser = ctx.browser().await?;
    browser.goto(url.as_str()).await?;
    // The steps start on the first screen, unless the first one holds the flow's start.
    if screen
        .steps
        .first()
        .is_some_and(|step| !matches!(step, Step::Held(_)))
    {
        browser.find_in_shadow(HOST, MICROSOFT_BUTTON).await?;
    }
    for step in screen.steps {
        match *step {
            Step::AtMicrosoft(choice) => {
                go_to_microsoft(&browser, HOST, &backend).await?;
                browser.click(choice).await?;
            }
            Step::Click(control) => browser.click_in_shadow(HOST, control).await?,
            Step::Fill(name, text) => {
                browser
                    .find_in_shadow(HOST, &format!(r#"input[name="{name}"]"#))
                    .await?
                    .send_keys(text)
                    .await?;
            }
            Step::Totp => {
                let code = totp::current_code(seed::TOTP_SECRET)?;
                browser
                    .find_in_shadow(HOST, r#"input[name="otp_code"]"#)
                    .await?
                    .send_keys(&code)
                    .await?;
            }
            Step::Passcode(to) => {
                browser
                    .find_in_shadow(
                        HOST,
                        r#"[data-screen="passcode_confirmation"] input[name="code"]"#,
                    )
                    .await?;
                let code = backend.passcode_for(to).await?;
                browser
                    .find_in_shadow(HOST, r#"input[name="code"]"#)
                    .await?
                    .send_keys(&code)
                    .await?;
                browser
                    .click_in_shadow(HOST, r#"button[data-action="verify_passcode"]"#)
                    .await?;
            }
            Step::Held(name) => backend.wait_until_held(name).await?,
        }
    }
    browser
        .wait_for_shadow(
            HOST,
            screen.shows,
            &format!("the {} screen", screen.name),
            |_| true,
        )
        .await?;
    let mut failures = Vec::new();
    for scheme in SCHEMES {
        set_scheme(&browser, scheme).await?;
        if let Err(error) = expect_accessible(&browser, HOST).await {
            failures.push(format!("{} scheme: {error:#}", scheme.name));
        }
    }
    anyhow::ensure!(failures.is_empty(), "{}", failures.join("\n"));
    // The audit was of this screen: it is still there (a transient one, too).
    if let Err(missing) = browser.shadow(HOST, screen.shows).await? {
        anyhow::bail!(
            "the {} screen went away during the audit: {missing}",
            screen.name
        );
    }
    Ok(())
}

/// Sets the element's `theme` attribute (or removes it) and the system's colour scheme, then
/// waits for [`expect_scheme`].
async fn set_scheme(browser: &Browser, scheme: &Scheme) -> anyhow::Result<()> {
    browser.emulate_color_scheme(scheme.system).await?;
    browser
        .eval(
            r#"const [host, theme] = arguments;
const element = document.querySelector(host);
if (theme === null) element.removeAttribute("theme"); else element.setAttribute("theme", theme);"#,
            vec![json!(HOST), json!(scheme.attribute)],
        )
        .await?;
    expect_scheme(browser, scheme).await
}

/// Checks the element renders in `scheme`: the container's `data-theme` (`auto` without the
/// attribute) and its computed background.
async fn expect_scheme(browser: &Browser, scheme: &Scheme) -> anyhow::Result<()> {
    let theme = scheme.attribute.unwrap_or("auto");
    browser
        .wait_for_shadow(
            HOST,
            CONTAINER,
            &format!("the container with data-theme={theme}"),
            |node| node.attributes.get("data-theme").map(String::as_str) == Some(theme),
        )
        .await?;
    let background = browser
        .eval(
            "return getComputedStyle(document.querySelector(arguments[0]).shadowRoot\
               .querySelector(arguments[1])).backgroundColor;",
            vec![json!(HOST), json!(CONTAINER)],
        )
        .await?;
    anyhow::ensure!(
        background.as_str() == Some(scheme.background),
        "in scheme {} the container's background should be {}, is {background}",
        scheme.name,
        scheme.background
    );
    Ok(())
}

/// The check fails on the broken control, naming both rules and the element inside the shadow
/// root, and passes on the sound one.
async fn check_fails_on_a_broken_control(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let site = ctx.serve_repo("127.0.0.1").await?;
    let browser = ctx.browser().await?;
    browser.goto(&site.url(BROKEN_FIXTURE)).await?;
    browser
        .find_in_shadow("test-control#broken", "button")
        .await?;

    let error = match expect_accessible(&browser, "test-control#broken").await {
        Ok(()) => anyhow::bail!("the check should fail on the broken control"),
        Err(error) => format!("{error:#}"),
    };
    for needle in [
        "button-name (critical)",
        "color-contrast (serious)",
        "#broken >>> button",
        "#broken >>> p",
    ] {
        anyhow::ensure!(
            error.contains(needle),
            "the failure should name {needle:?}:\n{error}"
        );
    }

    expect_accessible(&browser, "test-control#sound").await?;
    let violations = audit(&browser, "test-control#sound").await?;
    anyhow::ensure!(
        violations.is_empty(),
        "the sound control should have no violation at all: {violations:?}"
    );
    Ok(())
}

/// The check refuses to pass on an element that rendered nothing.
async fn check_fails_on_an_empty_element(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let site = ctx.serve_repo("127.0.0.1").await?;
    let browser = ctx.browser().await?;
    browser.goto(&site.url(BROKEN_FIXTURE)).await?;
    browser
        .eval(
            r#"const empty = document.createElement("empty-control");
document.querySelector("main").append(empty);"#,
            vec![],
        )
        .await?;
    match expect_accessible(&browser, "empty-control").await {
        Ok(()) => anyhow::bail!("the check should fail on an element with no content"),
        Err(error) => {
            let error = format!("{error:#}");
            anyhow::ensure!(
                error.contains("rendered nothing"),
                "the failure should say nothing was rendered: {error}"
            );
            Ok(())
        }
    }
}

/// One test per screen, checking it in every scheme, plus the fixture tests.
fn all_tests() -> Vec<Test> {
    let mut all = vec![
        Test::new(
            "check_fails_on_a_broken_control",
            check_fails_on_a_broken_control,
        ),
        Test::new(
            "check_fails_on_an_empty_element",
            check_fails_on_an_empty_element,
        ),
    ];
    for screen in SCREENS {
        all.push(Test::new(screen.name, move |ctx| {
            screen_is_accessible(ctx, screen)
        }));
    }
    all
}

fn main() {
    hanko_e2e::run(all_tests());
}
