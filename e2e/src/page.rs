//! Our `<hanko-auth>` on a test page: its selectors, the page addresses the tests open, and the
//! checks the test files share (the round trip to the simulated Microsoft page, the signed-in
//! view, the cleaned address bar, the error notice and the events the page is told).
//!
//! ```ignore
//! use hanko_e2e::page::{self, HOST, WORK_ACCOUNT, WORK_EMAIL};
//!
//! let url = page::page_url(&site, page::EXAMPLE_PAGE, &backend.api(), &[("keep", "1")], None)?;
//! browser.goto(url.as_str()).await?;
//! page::go_to_microsoft(&browser, HOST, &backend).await?;
//! browser.click(WORK_ACCOUNT).await?;
//! page::expect_signed_in_view(&browser, HOST, WORK_EMAIL).await?;
//! page::expect_clean_address(&browser, &url).await?;
//! ```

use crate::{Backend, Browser, StaticServer};
use anyhow::Context as _;
use serde_json::Value;

/// Selector of the element (the first one on the page).
pub const HOST: &str = "hanko-auth";
/// The "Sign in with Microsoft" button inside the element's shadow root.
pub const MICROSOFT_BUTTON: &str = r#"button[data-provider="microsoft"]"#;
/// The email shown on the signed-in view.
pub const SIGNED_IN_EMAIL: &str = r#"[data-screen="signed-in"] [data-field="email"]"#;
/// The error notice's live region.
pub const ALERT: &str = r#"[role="alert"]"#;
/// The error message: title and text.
pub const ERROR_MESSAGE: &str = r#"[data-field="error-message"]"#;
/// The error message's title (`errors.<kind>.title`).
pub const ERROR_TITLE: &str = r#"[data-field="error-message"] .hanko-error-title"#;
/// The error message's text (`errors.<kind>.text`).
pub const ERROR_TEXT: &str = r#"[data-field="error-message"] .hanko-error-text"#;

/// The example page, `examples/plain-html/index.html`, as served from the repository root.
pub const EXAMPLE_PAGE: &str = "/examples/plain-html/index.html";
/// The work or school account's button on the simulated Microsoft page.
pub const WORK_ACCOUNT: &str = "#account-work";
/// The `upn` of [`WORK_ACCOUNT`], the email the signed-in view shows.
pub const WORK_EMAIL: &str = "alex.wilber@contoso.example";

/// The query keys of a return from Hanko, which must leave the address bar.
pub const RETURN_KEYS: [&str; 3] = ["error", "error_description", "hanko_token"];

/// The keys of the `hanko-flow-error` detail, as documented.
const ERROR_EVENT_KEYS: [&str; 8] = [
    "code",
    "description",
    "provider",
    "kind",
    "aadsts",
    "correlationId",
    "traceId",
    "timestamp",
];

/// The Microsoft ids a failure reported by Microsoft carries in its `hanko-flow-error` detail.
const MICROSOFT_IDS: [&str; 3] = ["correlationId", "traceId", "timestamp"];

/// The generic messages (`errors.unknown`, `errors.server_error`: title and text) per language,
/// which a specific failure must not fall back to.
const GENERIC: [(&str, [&str; 4]); 3] = [
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
    (
        "ar",
        [
            "فشل تسجيل الدخول",
            "حدث خطأ غير متوقع. يُرجى المحاولة مرة أخرى.",
            "حدث خطأ ما",
            "واجهت خدمة تسجيل الدخول مشكلة من جهتها. يُرجى المحاولة مرة أخرى بعد قليل.",
        ],
    ),
];

/// The entry for `lang` among per-language texts such as `[("en", "…"), ("de", "…")]`.
pub fn in_language<'a>(texts: &[(&str, &'a str)], lang: &str) -> anyhow::Result<&'a str> {
    texts
        .iter()
        .find(|(language, _)| *language == lang)
        .map(|(_, text)| *text)
        .with_context(|| format!("no {lang} text among {texts:?}"))
}

/// The address of the page at `path` on `site`: `api` first, then `query`, then `fragment`.
pub fn page_url(
    site: &StaticServer,
    path: &str,
    api: &str,
    query: &[(&str, &str)],
    fragment: Option<&str>,
) -> anyhow::Result<url::Url> {
    let mut url = url::Url::parse(&site.url(path))?;
    url.query_pairs_mut()
        .append_pair("api", api)
        .extend_pairs(query);
    url.set_fragment(fragment);
    Ok(url)
}

/// Clicks the Microsoft button of the element `host` and waits for the simulated Microsoft page;
/// returns its URL.
pub async fn go_to_microsoft(
    browser: &Browser,
    host: &str,
    backend: &Backend,
) -> anyhow::Result<url::Url> {
    browser.click_in_shadow(host, MICROSOFT_BUTTON).await?;
    let microsoft = backend.microsoft();
    browser
        .wait_for_url("the simulated Microsoft page", |url| {
            url.as_str().starts_with(&microsoft)
        })
        .await
}

/// Waits until the element `host` shows the signed-in view with `email`.
pub async fn expect_signed_in_view(
    browser: &Browser,
    host: &str,
    email: &str,
) -> anyhow::Result<()> {
    browser
        .wait_for_shadow(
            host,
            SIGNED_IN_EMAIL,
            &format!("{host} showing the signed-in view of {email}"),
            |node| node.visible_text.contains(email),
        )
        .await?;
    Ok(())
}

/// The `email.address` of the session claims in `detail` (of `hanko-session-created`, or of a
/// `/sessions/validate` answer).
pub fn claims_email(detail: &Value) -> Option<&str> {
    detail
        .pointer("/claims/email/address")
        .and_then(Value::as_str)
}

/// Waits until the address bar is `page` again: none of [`RETURN_KEYS`] anywhere (query, after a
/// second `?`, fragment) and the page's own query parameters and fragment unchanged. Returns the
/// address.
pub async fn expect_clean_address(browser: &Browser, page: &url::Url) -> anyhow::Result<url::Url> {
    let path = page.path();
    let url = browser
        .wait_for_url(
            &format!("the address bar back on {path} without {RETURN_KEYS:?}"),
            |url| {
                url.origin() == page.origin()
                    && url.path() == path
                    && RETURN_KEYS
                        .iter()
                        .all(|key| !url.as_str().contains(&format!("{key}=")))
            },
        )
        .await?;
    let pairs = |url: &url::Url| url.query_pairs().into_owned().collect::<Vec<_>>();
    anyhow::ensure!(
        pairs(&url) == pairs(page),
        "the page's own query parameters should survive unchanged: {url} (was {page})"
    );
    anyhow::ensure!(
        url.fragment() == page.fragment(),
        "the fragment should be back to {:?}: {url}",
        page.fragment()
    );
    Ok(url)
}

/// Waits for an event of type `kind` in the page's event log, checks it is the only one of its
/// type, and returns its `detail`.
pub async fn expect_one_event(browser: &Browser, kind: &str) -> anyhow::Result<Value> {
    let detail = browser.wait_for_event(kind).await?;
    let events = browser.events().await?;
    let count = events
        .iter()
        .filter(|event| event.get("type").and_then(Value::as_str) == Some(kind))
        .count();
    anyhow::ensure!(
        count == 1,
        "exactly one {kind} should arrive, got {count}: {}",
        Value::Array(events)
    );
    Ok(detail)
}

/// What the page must show and report for one failure.
#[derive(Debug)]
pub struct ExpectedFailure<'a> {
    /// Language of the element.
    pub lang: &'a str,
    /// Exact title of the message (`errors.<kind>.title` in `lang`).
    pub title: &'a str,
    /// `code` of the `hanko-flow-error` event.
    pub code: &'a str,
    /// `kind` of the event.
    pub kind: &'a str,
    /// `provider` of the event (`None`: `null`).
    pub provider: Option<&'a str>,
    /// `description` of the event, when it is known in advance.
    pub description: Option<&'a str>,
    /// `aadsts` of the event: `Some` for a failure Microsoft reported, whose description then
    /// starts with `AADSTS<number>:` and whose ids (`correlationId`, `traceId`, `timestamp`) are
    /// set; `None` for one Hanko raised, with all four `null`.
    pub aadsts: Option<u64>,
}

/// A failure reached by picking a button on the simulated Microsoft page: what Hanko passes on
/// to the page, and the title the element must show for it.
#[derive(Debug)]
pub struct FailureCase {
    /// The button on the simulated Microsoft page.
    pub choice: &'static str,
    /// The `error` on the return address: the event's `code`.
    pub code: &'static str,
    /// The event's `kind`.
    pub kind: &'static str,
    /// The event's `description`, when it is known in advance.
    pub description: Option<&'static str>,
    /// The AADSTS number of a failure Microsoft reported (see [`ExpectedFailure::aadsts`]).
    pub aadsts: Option<u64>,
    /// `errors.<kind>.title` per language (`src/i18n/<lang>.rs`).
    pub titles: &'static [(&'static str, &'static str)],
}

impl FailureCase {
    /// From the element on `page` (already open in `browser`): "Sign in with Microsoft", pick
    /// [`FailureCase::choice`], then [`expect_failure`] in `lang` with provider `microsoft`.
    pub async fn run(
        &self,
        browser: &Browser,
        backend: &Backend,
        page: &url::Url,
        lang: &str,
    ) -> anyhow::Result<()> {
        go_to_microsoft(browser, HOST, backend).await?;
        browser.click(self.choice).await?;
        let expected = ExpectedFailure {
            lang,
            title: in_language(self.titles, lang)?,
            code: self.code,
            kind: self.kind,
            provider: Some("microsoft"),
            description: self.description,
            aadsts: self.aadsts,
        };
        expect_failure(browser, page, &expected)
            .await
            .with_context(|| format!("{} in {lang}", self.choice))
    }
}

/// Waits for the message titled `expected.title` in the element's live region, then checks it is
/// specific (not a generic message) plain text, that the address bar is back on `page`
/// ([`expect_clean_address`]) and that exactly one `hanko-flow-error` arrived with the detail
/// `expected` describes.
pub async fn expect_failure(
    browser: &Browser,
    page: &url::Url,
    expected: &ExpectedFailure<'_>,
) -> anyhow::Result<()> {
    let ExpectedFailure {
        lang, title, code, ..
    } = expected;
    browser
        .wait_for_shadow(
            HOST,
            ERROR_TITLE,
            &format!("the {code} message titled {title:?} ({lang})"),
            |node| node.visible_text.trim() == *title,
        )
        .await?;
    let text = browser
        .wait_for_shadow(HOST, ERROR_TEXT, "the error message's text", |_| true)
        .await?
        .visible_text;
    let message = browser
        .wait_for_shadow(HOST, ERROR_MESSAGE, "the error message", |_| true)
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
        !message.contains('{') && !message.contains('<') && !message.contains("&lt;"),
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
    let detail = expect_one_event(browser, "hanko-flow-error").await?;
    check_error_detail(&detail, expected)
}

/// Checks the `hanko-flow-error` detail: exactly the documented keys, with the values `expected`
/// describes.
fn check_error_detail(detail: &Value, expected: &ExpectedFailure<'_>) -> anyhow::Result<()> {
    let keys: Vec<&str> = detail
        .as_object()
        .map(|object| object.keys().map(String::as_str).collect())
        .unwrap_or_default();
    anyhow::ensure!(
        ERROR_EVENT_KEYS.iter().all(|key| keys.contains(key))
            && keys.len() == ERROR_EVENT_KEYS.len(),
        "hanko-flow-error detail should have exactly the keys {ERROR_EVENT_KEYS:?}: {detail}"
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
    match expected.aadsts {
        Some(number) => {
            let prefix = format!("AADSTS{number}:");
            anyhow::ensure!(
                detail.get("aadsts").and_then(Value::as_u64) == Some(number)
                    && field("description").is_some_and(|text| text.starts_with(&prefix)),
                "hanko-flow-error should carry aadsts {number} and Microsoft's description: {detail}"
            );
            anyhow::ensure!(
                MICROSOFT_IDS
                    .iter()
                    .all(|key| field(key).is_some_and(|id| !id.is_empty())),
                "a failure Microsoft reported carries its ids {MICROSOFT_IDS:?}: {detail}"
            );
        }
        None => anyhow::ensure!(
            std::iter::once("aadsts")
                .chain(MICROSOFT_IDS)
                .all(|key| detail.get(key) == Some(&Value::Null)),
            "a failure raised by Hanko has no AADSTS number and no Microsoft ids: {detail}"
        ),
    }
    Ok(())
}
