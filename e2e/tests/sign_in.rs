//! End-to-end tests of our `<hanko-auth>` (the standalone bundle in `pkg/`) on
//! `examples/plain-html/index.html`, signing in with the simulated Microsoft against the dev backend.
//!
//! Run: `cargo test -p hanko-e2e --test sign_in` after building the bundle (see
//! `examples/plain-html/README.md`); needs chromium and chromedriver.
//!
//! Origins: the page is always served from another port than the API, so every test is
//! cross-origin (CORS with credentials). Cookie mode is tested same-site (`127.0.0.1:<a>` page,
//! `127.0.0.1:<b>` API): the backend's session cookie is `SameSite=Lax` without `Secure` on plain
//! http, which browsers do not send on cross-site `fetch`, exactly like Hanko's own cookie mode
//! (Hanko documents header mode for cross-site setups). Header mode is tested cross-site
//! (`localhost:<a>` page, `127.0.0.1:<b>` API).

use anyhow::Context as _;
use hanko_devserver::{Config, SessionMode};
use hanko_e2e::{require_bundle, tests, Backend, Browser, Ctx, StaticServer};
use serde_json::Value;
use std::sync::Arc;

const HOST: &str = "hanko-auth";
const MICROSOFT_BUTTON: &str = r#"button[data-provider="microsoft"]"#;
const SIGNED_IN_EMAIL: &str = r#"[data-screen="signed-in"] [data-field="email"]"#;
const SIGN_OUT: &str = r#"button[data-action="sign-out"]"#;
const ALERT: &str = r#"[role="alert"]"#;

const WORK_EMAIL: &str = "alex.wilber@contoso.example";
const PERSONAL_EMAIL: &str = "pat.morgan@outlook.example";
/// The backend's session cookie (cookie mode) and the element's token cookie (header mode).
const SESSION_COOKIE: &str = "hanko";

/// How a test sets up the example page.
struct Setup<'a> {
    /// Host name of the page's origin (`127.0.0.1` or `localhost`).
    page_host: &'a str,
    /// Extra query parameters besides `api`.
    query: &'a [(&'a str, &'a str)],
    /// Fragment of the page URL.
    fragment: Option<&'a str>,
    /// Token transport of the backend.
    session_mode: SessionMode,
}

impl Default for Setup<'_> {
    fn default() -> Self {
        Setup {
            page_host: "127.0.0.1",
            query: &[("keep", "1")],
            fragment: Some("section"),
            session_mode: SessionMode::Cookie,
        }
    }
}

/// The example page with our element, a fresh dev backend and a fresh browser.
struct Page {
    backend: Backend,
    url: String,
    fragment: Option<String>,
    _site: StaticServer,
    browser: Browser,
}

async fn open_example(ctx: &Ctx, setup: Setup<'_>) -> anyhow::Result<Page> {
    require_bundle()?;
    let session_mode = setup.session_mode;
    let backend = ctx
        .backend(|config: &mut Config| config.session_mode = session_mode)
        .await?;
    let site = ctx.serve_repo(setup.page_host).await?;
    let mut url = url::Url::parse(&site.url("/examples/plain-html/index.html"))?;
    url.query_pairs_mut()
        .append_pair("api", &backend.api())
        .extend_pairs(setup.query);
    url.set_fragment(setup.fragment);
    let browser = ctx.browser().await?;
    browser.goto(url.as_str()).await?;
    Ok(Page {
        backend,
        url: url.into(),
        fragment: setup.fragment.map(str::to_owned),
        _site: site,
        browser,
    })
}

impl Page {
    /// Clicks "Sign in with Microsoft" and picks `choice` on the simulated Microsoft page.
    async fn choose_at_microsoft(&self, choice: &str) -> anyhow::Result<()> {
        self.browser.click_in_shadow(HOST, MICROSOFT_BUTTON).await?;
        let microsoft = self.backend.microsoft();
        self.browser
            .wait_for_url("the simulated Microsoft page", |url| {
                url.as_str().starts_with(&microsoft)
            })
            .await?;
        self.browser.click(choice).await
    }

    /// Waits for `hanko-session-created` with `email` in its claims and the signed-in view.
    async fn expect_signed_in(&self, email: &str) -> anyhow::Result<()> {
        let detail = self.browser.wait_for_event("hanko-session-created").await?;
        anyhow::ensure!(
            claims_email(&detail) == Some(email),
            "hanko-session-created should carry {email} in claims.email.address; detail: {detail}"
        );
        self.expect_signed_in_view(email).await
    }

    async fn expect_signed_in_view(&self, email: &str) -> anyhow::Result<()> {
        self.browser
            .wait_for_shadow(
                HOST,
                SIGNED_IN_EMAIL,
                &format!("the signed-in view showing {email}"),
                |node| node.visible_text.contains(email),
            )
            .await?;
        Ok(())
    }

    /// Waits until the address bar lost the given query keys (in the query or, where Hanko's
    /// error redirect puts them, after a second `?` or inside the fragment), then checks that
    /// `keep=1`, `api` and the original fragment survived unchanged.
    async fn expect_clean_address(&self, removed: &[&str]) -> anyhow::Result<()> {
        let url = self
            .browser
            .wait_for_url(&format!("the address bar without {removed:?}"), |url| {
                let in_fragment = url.fragment().is_some_and(|fragment| {
                    removed
                        .iter()
                        .any(|key| fragment.contains(&format!("{key}=")))
                });
                !in_fragment
                    && !url
                        .query_pairs()
                        .any(|(key, _)| removed.contains(&key.as_ref()))
            })
            .await?;
        let keeps = |key: &str, value: &str| url.query_pairs().any(|(k, v)| k == key && v == value);
        anyhow::ensure!(
            keeps("keep", "1") && keeps("api", &self.backend.api()),
            "the page's own query parameters should survive: {url}"
        );
        anyhow::ensure!(
            url.fragment() == self.fragment.as_deref(),
            "the fragment should be back to {:?}: {url}",
            self.fragment
        );
        Ok(())
    }

    /// `GET /sessions/validate` from the page with the browser's cookies.
    async fn validate_with_cookies(&self) -> anyhow::Result<Value> {
        self.browser
            .validate_session(&self.backend.api(), None)
            .await
    }
}

fn claims_email(detail: &Value) -> Option<&str> {
    detail
        .pointer("/claims/email/address")
        .and_then(Value::as_str)
}

fn is_valid(answer: &Value) -> bool {
    answer.get("is_valid") == Some(&Value::Bool(true))
}

async fn work_account_signs_in(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = open_example(&ctx, Setup::default()).await?;
    page.choose_at_microsoft("#account-work").await?;
    page.expect_signed_in(WORK_EMAIL).await?;
    page.expect_clean_address(&["hanko_token"]).await?;

    let cookies = page.browser.client().get_all_cookies().await?;
    anyhow::ensure!(
        cookies.iter().any(|cookie| cookie.name() == SESSION_COOKIE),
        "the backend's {SESSION_COOKIE} session cookie should be set; cookies: {:?}",
        cookies
            .iter()
            .map(|cookie| cookie.name())
            .collect::<Vec<_>>()
    );
    let answer = page.validate_with_cookies().await?;
    anyhow::ensure!(
        is_valid(&answer) && claims_email(&answer) == Some(WORK_EMAIL),
        "/sessions/validate with the browser's cookies should accept the session of {WORK_EMAIL}: {answer}"
    );
    Ok(())
}

async fn personal_account_registers(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let setup = Setup {
        query: &[("keep", "1"), ("mode", "registration")],
        ..Setup::default()
    };
    let page = open_example(&ctx, setup).await?;
    page.choose_at_microsoft("#account-personal").await?;
    page.expect_signed_in(PERSONAL_EMAIL).await?;
    page.expect_clean_address(&["hanko_token"]).await?;
    let answer = page.validate_with_cookies().await?;
    anyhow::ensure!(
        is_valid(&answer) && claims_email(&answer) == Some(PERSONAL_EMAIL),
        "/sessions/validate should accept the session of {PERSONAL_EMAIL}: {answer}"
    );
    Ok(())
}

async fn sign_out_ends_the_session(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = open_example(&ctx, Setup::default()).await?;
    page.choose_at_microsoft("#account-work").await?;
    page.expect_signed_in(WORK_EMAIL).await?;

    page.browser.click_in_shadow(HOST, SIGN_OUT).await?;
    page.browser.wait_for_event("hanko-user-logged-out").await?;
    page.browser.find_in_shadow(HOST, MICROSOFT_BUTTON).await?;
    let answer = page.validate_with_cookies().await?;
    anyhow::ensure!(
        answer.get("is_valid") == Some(&Value::Bool(false)),
        "/sessions/validate should reject the session after sign-out: {answer}"
    );
    Ok(())
}

async fn header_mode_cross_site(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let setup = Setup {
        page_host: "localhost",
        session_mode: SessionMode::Header,
        ..Setup::default()
    };
    let page = open_example(&ctx, setup).await?;
    page.choose_at_microsoft("#account-work").await?;
    page.expect_signed_in(WORK_EMAIL).await?;
    page.expect_clean_address(&["hanko_token"]).await?;

    // As hanko-elements with `sessionTokenLocation: "cookie"`: a JS cookie on the page's origin.
    let token = page
        .browser
        .client()
        .get_named_cookie(SESSION_COOKIE)
        .await
        .with_context(|| {
            format!("header mode: the element should keep the token in the page cookie {SESSION_COOKIE}")
        })?
        .value()
        .to_owned();
    let from_page = page
        .browser
        .validate_session(&page.backend.api(), Some(&token))
        .await?;
    anyhow::ensure!(
        is_valid(&from_page) && claims_email(&from_page) == Some(WORK_EMAIL),
        "/sessions/validate with Bearer from the page should accept the stored token: {from_page}"
    );
    let direct = page.backend.validate_bearer(&token).await?;
    anyhow::ensure!(
        is_valid(&direct),
        "/sessions/validate with Bearer should accept the stored token: {direct}"
    );
    Ok(())
}

/// One simulated Microsoft failure: the button to pick, the English headline it must produce,
/// and the fragment of the page URL. Hanko appends `?error=…` to the full page address, so
/// without a fragment the error arrives after a second `?` (`?api=…&keep=1?error=…`) and with
/// one it arrives inside the fragment (`#section?error=…`); both forms are covered.
const OUTCOMES: [(&str, &str, Option<&str>); 4] = [
    ("#outcome-cancel", "Sign-in cancelled", None),
    (
        "#outcome-admin-approval",
        "Approval needed",
        Some("section"),
    ),
    (
        "#outcome-not-allowed",
        "This account can't be used here",
        None,
    ),
    (
        "#outcome-unavailable",
        "Temporarily unavailable",
        Some("section"),
    ),
];

/// Picks `outcome` at Microsoft on a fresh page and returns the alert's rendered text once it is
/// not empty and contains `expected`; checks the address bar was cleaned and no markup leaked into the text.
async fn failure_message(
    ctx: &Ctx,
    lang: &str,
    (outcome, expected, fragment): (&str, &str, Option<&str>),
) -> anyhow::Result<String> {
    let setup = Setup {
        query: &[("lang", lang), ("keep", "1")],
        fragment,
        ..Setup::default()
    };
    let page = open_example(ctx, setup).await?;
    page.choose_at_microsoft(outcome).await?;
    let alert = page
        .browser
        .wait_for_shadow(
            HOST,
            ALERT,
            &format!("{ALERT} with {expected:?} after {outcome} ({lang})"),
            |node| !node.visible_text.trim().is_empty() && node.visible_text.contains(expected),
        )
        .await?;
    page.expect_clean_address(&["error", "error_description"])
        .await?;
    let text = alert.visible_text;
    anyhow::ensure!(
        !text.contains('<') && !text.contains('>') && !text.contains("&lt;"),
        "the message after {outcome} should be plain text, not markup: {text:?}"
    );
    let event = page.browser.wait_for_event("hanko-flow-error").await?;
    anyhow::ensure!(
        event
            .get("code")
            .and_then(Value::as_str)
            .is_some_and(|code| !code.is_empty())
            && event.get("provider").and_then(Value::as_str) == Some("microsoft"),
        "hanko-flow-error after {outcome} should name the error code and the provider: {event}"
    );
    Ok(text)
}

async fn microsoft_failures_show_specific_messages(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let mut messages = Vec::new();
    for outcome in OUTCOMES {
        messages.push(failure_message(&ctx, "en", outcome).await?);
    }
    for (index, message) in messages.iter().enumerate() {
        anyhow::ensure!(
            !messages[..index].contains(message),
            "each outcome should have its own message, but {} repeats: {message:?}",
            OUTCOMES[index].0
        );
    }
    Ok(())
}

async fn cancel_message_in_german(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let (outcome, english, _) = OUTCOMES[0];
    let german = failure_message(
        &ctx,
        "de",
        (outcome, "Anmeldung abgebrochen", Some("section")),
    )
    .await?;
    anyhow::ensure!(
        !german.contains(english),
        "with lang=\"de\" the cancel message should be German, not {english:?}: {german:?}"
    );
    Ok(())
}

async fn page_load_with_valid_session_shows_signed_in(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = open_example(&ctx, Setup::default()).await?;
    page.choose_at_microsoft("#account-work").await?;
    page.expect_signed_in(WORK_EMAIL).await?;

    page.browser.goto(&page.url).await?;
    page.expect_signed_in_view(WORK_EMAIL).await
}

fn main() {
    hanko_e2e::run(tests![
        work_account_signs_in,
        personal_account_registers,
        sign_out_ends_the_session,
        header_mode_cross_site,
        microsoft_failures_show_specific_messages,
        cancel_message_in_german,
        page_load_with_valid_session_shows_signed_in,
    ]);
}
