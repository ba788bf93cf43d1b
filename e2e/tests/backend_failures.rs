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
use hanko_e2e::{require_bundle, tests, Backend, Browser, Ctx, StaticServer};
use serde_json::Value;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

const HOST: &str = "hanko-auth";
const PAGE: &str = "/examples/plain-html/index.html";
const MICROSOFT_BUTTON: &str = r#"button[data-provider="microsoft"]"#;
const ALERT: &str = r#"[role="alert"]"#;
const MESSAGE: &str = r#"[data-field="error-message"]"#;
const TITLE: &str = r#"[data-field="error-message"] .hanko-error-title"#;
const TEXT: &str = r#"[data-field="error-message"] .hanko-error-text"#;
const SIGNED_IN_EMAIL: &str = r#"[data-screen="signed-in"] [data-field="email"]"#;
const WORK_EMAIL: &str = "alex.wilber@contoso.example";

/// The keys of the `hanko-flow-error` detail, as documented.
const EVENT_KEYS: [&str; 8] = [
    "code",
    "description",
    "provider",
    "kind",
    "aadsts",
    "correlationId",
    "traceId",
    "timestamp",
];

/// Query keys that must leave the address bar.
const REMOVED: [&str; 3] = ["error", "error_description", "hanko_token"];

/// The generic messages (`errors.unknown`, `errors.server_error`: title and text) per language,
/// which a specific failure must not fall back to.
const GENERIC: [(&str, [&str; 4]); 2] = [
    (
        "en",
        [
            "Sign-in failed",
            "Something unexpected went wrong. Please try again.",
            "Something went wrong",
            "The sign-in service ran into a problem on its side. Please try again in a moment.",
        ],
    ),
    (
        "de",
        [
            "Anmeldung fehlgeschlagen",
            "Etwas Unerwartetes ist schiefgelaufen. Bitte versuchen Sie es erneut.",
            "Etwas ist schiefgelaufen",
            "Beim Anmeldedienst ist ein Problem aufgetreten. Bitte versuchen Sie es gleich noch einmal.",
        ],
    ),
];

/// A failure the dev backend can be configured to raise at the callback.
struct BackendFailure {
    /// The `error` on the return URL; also the event's `code` and `kind`.
    code: &'static str,
    /// Hanko's `error_description`, expected unchanged in the event.
    description: &'static str,
    /// The button to press on the simulated Microsoft page.
    choice: &'static str,
    /// The backend setting that produces the failure.
    configure: fn(&mut Config),
    /// `errors.<kind>.title` in English and German.
    titles: [(&'static str, &'static str); 2],
    /// `data-action` of the button the notice offers.
    action: &'static str,
}

const SIGNUP_DISABLED: BackendFailure = BackendFailure {
    code: "signup_disabled",
    description: "account signup is disabled",
    choice: "#account-personal",
    configure: |config| config.allow_signup = false,
    titles: [
        ("en", "Sign-up is closed"),
        ("de", "Registrierung geschlossen"),
    ],
    action: "sign-in-another-way",
};

const USER_CONFLICT: BackendFailure = BackendFailure {
    code: "user_conflict",
    description: "third party account linking for existing user with same email disallowed",
    choice: "#account-existing",
    configure: |config| config.allow_linking = false,
    titles: [
        ("en", "Account already exists"),
        ("de", "Konto existiert bereits"),
    ],
    action: "sign-in-another-way",
};

const UNVERIFIED_EMAIL: BackendFailure = BackendFailure {
    code: "unverified_email",
    description: "third party provider email must be verified",
    choice: "#account-unverified",
    configure: |config| config.unverified_email = UnverifiedEmail::Reject,
    titles: [
        ("en", "Email address not verified"),
        ("de", "E-Mail-Adresse nicht bestätigt"),
    ],
    action: "use-another-account",
};

/// What the page must show and report for one failure.
struct Expected<'a> {
    /// Language of the page (`lang` attribute of the element).
    lang: &'a str,
    /// Exact title of the message.
    title: &'a str,
    /// `code` of the event.
    code: &'a str,
    /// `kind` of the event.
    kind: &'a str,
    /// `provider` of the event (`None`: `null`).
    provider: Option<&'a str>,
    /// `description` of the event, when it is known in advance.
    description: Option<&'a str>,
}

/// The example page's address: `api`, `lang`, `keep=1` and an optional fragment.
fn page_url(
    site: &StaticServer,
    api: &str,
    lang: &str,
    fragment: Option<&str>,
) -> anyhow::Result<url::Url> {
    let mut url = url::Url::parse(&site.url(PAGE))?;
    url.query_pairs_mut()
        .append_pair("api", api)
        .append_pair("lang", lang)
        .append_pair("keep", "1");
    url.set_fragment(fragment);
    Ok(url)
}

/// Clicks "Sign in with Microsoft" and waits for the simulated Microsoft page; returns its URL.
async fn go_to_microsoft(browser: &Browser, backend: &Backend) -> anyhow::Result<url::Url> {
    browser.click_in_shadow(HOST, MICROSOFT_BUTTON).await?;
    let microsoft = backend.microsoft();
    browser
        .wait_for_url("the simulated Microsoft page", |url| {
            url.as_str().starts_with(&microsoft)
        })
        .await
}

/// Waits for the message titled `expected.title`, the cleaned address bar (back to `page` with
/// its own parameters and fragment) and exactly one `hanko-flow-error` with the documented detail.
async fn expect_failure(
    browser: &Browser,
    page: &url::Url,
    expected: &Expected<'_>,
) -> anyhow::Result<()> {
    let Expected {
        lang, title, code, ..
    } = expected;
    browser
        .wait_for_shadow(
            HOST,
            TITLE,
            &format!("the {code} message titled {title:?} ({lang})"),
            |node| node.visible_text.trim() == *title,
        )
        .await?;
    let text = browser
        .wait_for_shadow(HOST, TEXT, "the error message's text", |_| true)
        .await?
        .visible_text;
    let message = browser
        .wait_for_shadow(HOST, MESSAGE, "the error message", |_| true)
        .await?
        .visible_text;
    let generic = GENERIC
        .iter()
        .find(|(language, _)| language == lang)
        .map(|(_, texts)| texts)
        .with_context(|| format!("no generic texts for {lang}"))?;
    anyhow::ensure!(
        !generic.contains(title) && !generic.contains(&text.trim()),
        "the {code} message should not be a generic one: {message:?}"
    );
    anyhow::ensure!(
        !message.contains('{') && !message.contains('<'),
        "the {code} message should be filled-in plain text: {message:?}"
    );
    let alert = browser
        .wait_for_shadow(HOST, ALERT, "the alert", |_| true)
        .await?;
    anyhow::ensure!(
        alert.visible_text.contains(title),
        "the message should be inside the {ALERT} live region: {:?}",
        alert.visible_text
    );

    expect_clean_address(browser, page).await?;
    expect_one_error_event(browser, expected).await
}

/// Waits until the address bar is `page` again: no `error`, `error_description` or
/// `hanko_token` anywhere (query, after a second `?`, fragment) and the page's own parameters and
/// fragment unchanged.
async fn expect_clean_address(browser: &Browser, page: &url::Url) -> anyhow::Result<()> {
    let path = page.path();
    let url = browser
        .wait_for_url(
            &format!("the address bar back on {path} without {REMOVED:?}"),
            |url| {
                url.origin() == page.origin()
                    && url.path() == path
                    && REMOVED
                        .iter()
                        .all(|key| !url.as_str().contains(&format!("{key}=")))
            },
        )
        .await?;
    let pairs = |url: &url::Url| url.query_pairs().into_owned().collect::<Vec<_>>();
    anyhow::ensure!(
        pairs(&url) == pairs(page),
        "the page's own query parameters (api, lang, keep=1) should survive unchanged: {url}"
    );
    anyhow::ensure!(
        url.fragment() == page.fragment(),
        "the fragment should be back to {:?}: {url}",
        page.fragment()
    );
    Ok(())
}

/// Waits for the `hanko-flow-error` event, then checks it is the only one and carries the
/// documented keys with the expected values.
async fn expect_one_error_event(browser: &Browser, expected: &Expected<'_>) -> anyhow::Result<()> {
    let detail = browser.wait_for_event("hanko-flow-error").await?;
    let events = browser.events().await?;
    let count = events
        .iter()
        .filter(|event| event.get("type").and_then(Value::as_str) == Some("hanko-flow-error"))
        .count();
    anyhow::ensure!(
        count == 1,
        "exactly one hanko-flow-error should arrive, got {count}: {}",
        Value::Array(events)
    );
    let keys: Vec<&str> = detail
        .as_object()
        .map(|object| object.keys().map(String::as_str).collect())
        .unwrap_or_default();
    anyhow::ensure!(
        EVENT_KEYS.iter().all(|key| keys.contains(key)) && keys.len() == EVENT_KEYS.len(),
        "hanko-flow-error detail should have exactly the keys {EVENT_KEYS:?}: {detail}"
    );
    let field = |key: &str| detail.get(key).and_then(Value::as_str);
    anyhow::ensure!(
        field("code") == Some(expected.code)
            && field("kind") == Some(expected.kind)
            && field("provider") == expected.provider,
        "hanko-flow-error should carry code {:?}, kind {:?}, provider {:?}: {detail}",
        expected.code,
        expected.kind,
        expected.provider
    );
    if let Some(description) = expected.description {
        anyhow::ensure!(
            field("description") == Some(description),
            "hanko-flow-error should carry the description {description:?}: {detail}"
        );
    }
    anyhow::ensure!(
        ["aadsts", "correlationId", "traceId", "timestamp"]
            .iter()
            .all(|key| detail.get(key) == Some(&Value::Null)),
        "a failure raised by Hanko has no Microsoft ids: {detail}"
    );
    Ok(())
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
    go_to_microsoft(browser, backend).await?;
    browser.click("#account-work").await?;
    browser
        .wait_for_shadow(HOST, SIGNED_IN_EMAIL, "the signed-in view", |node| {
            node.visible_text.contains(WORK_EMAIL)
        })
        .await?;
    Ok(())
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

    go_to_microsoft(&browser, &backend).await?;
    browser.click(failure.choice).await?;
    let title = failure
        .titles
        .iter()
        .find(|(language, _)| *language == lang)
        .map(|(_, title)| *title)
        .with_context(|| format!("no {lang} title for {}", failure.code))?;
    let expected = Expected {
        lang,
        title,
        code: failure.code,
        kind: failure.code,
        provider: Some("microsoft"),
        description: Some(failure.description),
    };
    expect_failure(&browser, &page, &expected)
        .await
        .with_context(|| format!("{} in {lang}", failure.code))?;
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
    let expected = Expected {
        lang: "en",
        title: "Sign-in couldn't be completed",
        code: "invalid_request",
        kind: "invalid_request",
        provider: None,
        description: Some("could not decrypt state"),
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
    let authorize = go_to_microsoft(&starter, &backend).await?;

    let other = ctx.browser().await?;
    other.goto(authorize.as_str()).await?;
    other.click("#account-work").await?;
    let expected = Expected {
        lang: "de",
        title: "Anmeldung kann hier nicht abgeschlossen werden",
        code: "flow_state_missing",
        kind: "lost_flow",
        provider: None,
        description: None,
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
