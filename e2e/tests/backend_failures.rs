//! End-to-end tests of the failures the Hanko side itself raises (issue #4): each ends on
//! `examples/plain-html/index.html` with its own message, in English and German, with a cleaned
//! address bar and one `hanko-flow-error` event; plus the two ways to reach the page with no
//! saved flow state (the configured error redirect URL, a sign-in finished in another browser).
//!
//! Run: `cargo test -p hanko-e2e --test backend_failures` after building the bundle (see
//! `examples/plain-html/README.md`); needs chromium and chromedriver.
//!
//! Hanko appends `?error=…` to the full return address, so a page URL without a fragment gets
//! the error after a second `?` (`?api=…&keep=1?error=…`) and one with a fragment gets it inside
//! the fragment (`#section?error=…`); the English runs use a fragment, the German ones do not.

use anyhow::Context as _;
use hanko_devserver::{Config, UnverifiedEmail};
use hanko_e2e::page::{
    self, expect_failure, go_to_microsoft, ExpectedFailure, FailureCase, EXAMPLE_PAGE, HOST,
    MICROSOFT_BUTTON, WORK_ACCOUNT, WORK_EMAIL,
};
use hanko_e2e::{require_bundle, tests, Backend, Browser, Ctx, StaticServer};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// A failure the dev backend can be configured to raise at the callback. Hanko's `error` is
/// both the event's `code` and its `kind`; its `error_description` reaches the event unchanged.
struct BackendFailure {
    /// The backend setting that produces the failure.
    configure: fn(&mut Config),
    /// The button to press and what the page must show and report.
    case: FailureCase,
    /// `data-action` of the button the notice offers.
    action: &'static str,
}

const SIGNUP_DISABLED: BackendFailure = BackendFailure {
    configure: |config| config.allow_signup = false,
    case: FailureCase {
        choice: "#account-personal",
        code: "signup_disabled",
        kind: "signup_disabled",
        description: Some("account signup is disabled"),
        aadsts: None,
        titles: &[
            ("en", "Sign-up is closed"),
            ("de", "Registrierung geschlossen"),
        ],
    },
    action: "sign-in-another-way",
};

const USER_CONFLICT: BackendFailure = BackendFailure {
    configure: |config| config.allow_linking = false,
    case: FailureCase {
        choice: "#account-existing",
        code: "user_conflict",
        kind: "user_conflict",
        description: Some(
            "third party account linking for existing user with same email disallowed",
        ),
        aadsts: None,
        titles: &[
            ("en", "Account already exists"),
            ("de", "Konto existiert bereits"),
        ],
    },
    action: "sign-in-another-way",
};

const UNVERIFIED_EMAIL: BackendFailure = BackendFailure {
    configure: |config| config.unverified_email = UnverifiedEmail::Reject,
    case: FailureCase {
        choice: "#account-unverified",
        code: "unverified_email",
        kind: "unverified_email",
        description: Some("third party provider email must be verified"),
        aadsts: None,
        titles: &[
            ("en", "Email address not verified"),
            ("de", "E-Mail-Adresse nicht bestätigt"),
        ],
    },
    action: "use-another-account",
};

/// The example page's address: `api`, `lang`, `keep=1` and an optional fragment.
fn page_url(
    site: &StaticServer,
    api: &str,
    lang: &str,
    fragment: Option<&str>,
) -> anyhow::Result<url::Url> {
    page::page_url(
        site,
        EXAMPLE_PAGE,
        api,
        &[("lang", lang), ("keep", "1")],
        fragment,
    )
}

/// Clicks `action` in the error notice and waits for the Microsoft button of a fresh flow.
async fn recover(browser: &Browser, action: &str) -> anyhow::Result<()> {
    browser
        .click_in_shadow(HOST, &format!(r#"button[data-action="{action}"]"#))
        .await?;
    browser.find_in_shadow(HOST, MICROSOFT_BUTTON).await?;
    Ok(())
}

/// Signs in with the work account from the Microsoft button and waits for the signed-in view.
async fn sign_in_with_work_account(browser: &Browser, backend: &Backend) -> anyhow::Result<()> {
    go_to_microsoft(browser, HOST, backend).await?;
    browser.click(WORK_ACCOUNT).await?;
    page::expect_signed_in_view(browser, HOST, WORK_EMAIL).await
}

/// Runs `failure` on a fresh backend, page and browser in `lang` and checks everything the
/// user sees and the page is told; then the offered action starts a fresh flow.
async fn failure_in(
    ctx: &Ctx,
    failure: &BackendFailure,
    lang: &str,
    fragment: Option<&str>,
) -> anyhow::Result<()> {
    require_bundle()?;
    let backend = ctx.backend(failure.configure).await?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let page = page_url(&site, &backend.api(), lang, fragment)?;
    let browser = ctx.browser().await?;
    browser.goto(page.as_str()).await?;

    failure.case.run(&browser, &backend, &page, lang).await?;
    recover(&browser, failure.action).await
}

async fn signup_disabled_en(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    failure_in(&ctx, &SIGNUP_DISABLED, "en", Some("section")).await
}

async fn signup_disabled_de(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    failure_in(&ctx, &SIGNUP_DISABLED, "de", None).await
}

async fn user_conflict_en(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    failure_in(&ctx, &USER_CONFLICT, "en", Some("section")).await
}

async fn user_conflict_de(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    failure_in(&ctx, &USER_CONFLICT, "de", None).await
}

async fn unverified_email_en(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    failure_in(&ctx, &UNVERIFIED_EMAIL, "en", Some("section")).await
}

async fn unverified_email_de(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    failure_in(&ctx, &UNVERIFIED_EMAIL, "de", None).await
}

/// A dev backend whose `error_redirect_url` is the example page pointing at that same backend:
/// the page's `api` parameter needs the backend's port before it starts, so a free port is
/// picked first (and picked again if another process takes it in between).
async fn backend_with_error_page(
    ctx: &Ctx,
    site: &StaticServer,
    lang: &str,
) -> anyhow::Result<(Backend, url::Url)> {
    let mut last_error = None;
    for _ in 0..3 {
        let port = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .and_then(|listener| listener.local_addr())
            .context("picking a free port")?
            .port();
        let api = format!("http://127.0.0.1:{port}");
        let page = page_url(site, &api, lang, None)?;
        let error_page = page.to_string();
        let started = ctx
            .backend(move |config: &mut Config| {
                config.hanko_listen = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
                config.error_redirect_url = error_page;
            })
            .await;
        match started {
            Ok(backend) if backend.api() == api => return Ok((backend, page)),
            Ok(backend) => anyhow::bail!("the backend is at {} instead of {api}", backend.api()),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| anyhow::anyhow!("no backend started")))
}

/// A callback with a state Hanko cannot read goes to the configured error redirect URL; the page
/// there has no saved flow state, shows the `invalid_request` message, cleans the address and
/// starts over from "Try again".
async fn error_redirect_url_without_flow_state(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    require_bundle()?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let (backend, page) = backend_with_error_page(&ctx, &site, "en").await?;
    let browser = ctx.browser().await?;
    browser
        .goto(&format!(
            "{}/thirdparty/callback?code=x&state=bogus",
            backend.api()
        ))
        .await?;
    let expected = ExpectedFailure {
        lang: "en",
        title: "Sign-in couldn't be completed",
        code: "invalid_request",
        kind: "invalid_request",
        provider: None,
        description: Some("could not decrypt state"),
        aadsts: None,
    };
    expect_failure(&browser, &page, &expected).await?;
    recover(&browser, "retry").await?;
    sign_in_with_work_account(&browser, &backend).await
}

/// Back from Microsoft with a valid `hanko_token` in a browser that never started the sign-in
/// (the authorize page opened in another browser): the lost-flow message, the token gone from
/// the address bar, and "Try again" signs in.
async fn lost_flow_in_another_browser(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    require_bundle()?;
    let backend = ctx.backend(|_: &mut Config| ()).await?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let page = page_url(&site, &backend.api(), "de", Some("section"))?;
    let starter = ctx.browser().await?;
    starter.goto(page.as_str()).await?;
    let authorize = go_to_microsoft(&starter, HOST, &backend).await?;

    let other = ctx.browser().await?;
    other.goto(authorize.as_str()).await?;
    other.click(WORK_ACCOUNT).await?;
    let expected = ExpectedFailure {
        lang: "de",
        title: "Anmeldung kann hier nicht abgeschlossen werden",
        code: "flow_state_missing",
        kind: "lost_flow",
        provider: None,
        description: None,
        aadsts: None,
    };
    expect_failure(&other, &page, &expected).await?;
    recover(&other, "retry").await?;
    sign_in_with_work_account(&other, &backend).await
}

fn main() {
    hanko_e2e::run(tests![
        signup_disabled_en,
        signup_disabled_de,
        user_conflict_en,
        user_conflict_de,
        unverified_email_en,
        unverified_email_de,
        error_redirect_url_without_flow_state,
        lost_flow_in_another_browser,
    ]);
}
