//! End-to-end tests of our `<hanko-auth>` (the standalone bundle in `pkg/`) on
//! `examples/plain-html/index.html`, signing in with the simulated Microsoft against the dev backend:
//! the sign-in round trips, each Microsoft failure outcome in English and German (issue #4,
//! `microsoft_<outcome>_<lang>`; the cancel outcome also on a right-to-left Arabic page,
//! `microsoft_cancel_ar`), and two elements on one page (`e2e/fixtures/two-elements.html`).
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
use hanko_e2e::page::{
    self, claims_email, expect_one_event, expect_signed_in_view, go_to_microsoft, FailureCase,
    ERROR_TEXT, EXAMPLE_PAGE, HOST, MICROSOFT_BUTTON, WORK_ACCOUNT, WORK_EMAIL,
};
use hanko_e2e::{require_bundle, tests, Backend, Browser, Ctx, ShadowNode, StaticServer, Test};
use serde_json::Value;
use std::sync::Arc;

const SIGN_OUT: &str = r#"button[data-action="sign-out"]"#;
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
    /// Hanko API paths the backend answers with 503.
    unavailable: &'a [&'a str],
    /// Requests the backend holds until released (test aid `holds`).
    holds: &'a [&'a str],
}

impl Default for Setup<'_> {
    fn default() -> Self {
        Setup {
            page_host: "127.0.0.1",
            query: &[("keep", "1")],
            fragment: Some("section"),
            session_mode: SessionMode::Cookie,
            unavailable: &[],
            holds: &[],
        }
    }
}

/// The example page with our element, a fresh dev backend and a fresh browser.
struct Page {
    backend: Backend,
    url: url::Url,
    _site: StaticServer,
    browser: Browser,
}

async fn open_example(ctx: &Ctx, setup: Setup<'_>) -> anyhow::Result<Page> {
    require_bundle()?;
    let session_mode = setup.session_mode;
    let unavailable: Vec<String> = setup.unavailable.iter().map(|p| p.to_string()).collect();
    let holds: Vec<String> = setup.holds.iter().map(|name| name.to_string()).collect();
    let backend = ctx
        .backend(|config: &mut Config| {
            config.session_mode = session_mode;
            config.unavailable_paths = unavailable;
            config.holds = holds;
        })
        .await?;
    let site = ctx.serve_repo(setup.page_host).await?;
    let url = page::page_url(
        &site,
        EXAMPLE_PAGE,
        &backend.api(),
        setup.query,
        setup.fragment,
    )?;
    let browser = ctx.browser().await?;
    browser.goto(url.as_str()).await?;
    Ok(Page {
        backend,
        url,
        _site: site,
        browser,
    })
}

impl Page {
    /// Clicks "Sign in with Microsoft" and picks `choice` on the simulated Microsoft page.
    async fn choose_at_microsoft(&self, choice: &str) -> anyhow::Result<()> {
        go_to_microsoft(&self.browser, HOST, &self.backend).await?;
        self.browser.click(choice).await
    }

    /// Waits for `hanko-session-created` with `email` in its claims and the signed-in view.
    async fn expect_signed_in(&self, email: &str) -> anyhow::Result<()> {
        let detail = self.browser.wait_for_event("hanko-session-created").await?;
        anyhow::ensure!(
            claims_email(&detail) == Some(email),
            "hanko-session-created should carry {email} in claims.email.address; detail: {detail}"
        );
        expect_signed_in_view(&self.browser, HOST, email).await
    }

    /// Waits until the address bar is the page's own address again.
    async fn expect_clean_address(&self) -> anyhow::Result<()> {
        page::expect_clean_address(&self.browser, &self.url).await?;
        Ok(())
    }

    /// `GET /sessions/validate` from the page with the browser's cookies.
    async fn validate_with_cookies(&self) -> anyhow::Result<Value> {
        self.browser
            .validate_session(&self.backend.api(), None)
            .await
    }
}

fn is_valid(answer: &Value) -> bool {
    answer.get("is_valid") == Some(&Value::Bool(true))
}

async fn work_account_signs_in(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = open_example(&ctx, Setup::default()).await?;
    page.choose_at_microsoft(WORK_ACCOUNT).await?;
    page.expect_signed_in(WORK_EMAIL).await?;
    page.expect_clean_address().await?;

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
    page.expect_clean_address().await?;
    let answer = page.validate_with_cookies().await?;
    anyhow::ensure!(
        is_valid(&answer) && claims_email(&answer) == Some(PERSONAL_EMAIL),
        "/sessions/validate should accept the session of {PERSONAL_EMAIL}: {answer}"
    );
    Ok(())
}

/// The element is removed while its token exchange is under way (the backend holds it): the
/// exchange still finishes, `hanko-session-created` goes out on `document`, the session exists,
/// and an element added afterwards shows it. In header mode, so the token must be stored by the
/// element that is gone.
async fn an_element_removed_during_the_exchange_keeps_the_session(
    ctx: Arc<Ctx>,
) -> anyhow::Result<()> {
    let setup = Setup {
        session_mode: SessionMode::Header,
        holds: &["exchange_token"],
        ..Setup::default()
    };
    let page = open_example(&ctx, setup).await?;
    page.choose_at_microsoft(WORK_ACCOUNT).await?;
    page.backend.wait_until_held("exchange_token").await?;
    page.browser
        .eval("document.querySelector('hanko-auth').remove();", vec![])
        .await?;
    anyhow::ensure!(
        page.backend.release_holds().await? == 1,
        "one exchange should have been held"
    );
    let detail = page.browser.wait_for_event("hanko-session-created").await?;
    anyhow::ensure!(
        claims_email(&detail) == Some(WORK_EMAIL),
        "hanko-session-created should carry {WORK_EMAIL}; detail: {detail}"
    );
    page.browser
        .eval(
            "document.querySelector('main').append(document.createElement('hanko-auth'));",
            vec![],
        )
        .await?;
    expect_signed_in_view(&page.browser, HOST, WORK_EMAIL).await
}

async fn sign_out_ends_the_session(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = open_example(&ctx, Setup::default()).await?;
    page.choose_at_microsoft(WORK_ACCOUNT).await?;
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

/// A sign-out the server does not confirm (`/logout` answers 503): the element says so and stays
/// signed in, the token stays, and trying again still names the session (no 401 for a forgotten
/// token counted as success); the server session survives, and no sign-out is reported.
async fn failed_sign_out_keeps_the_session_and_says_so(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let setup = Setup {
        page_host: "localhost",
        session_mode: SessionMode::Header,
        unavailable: &["/logout"],
        ..Setup::default()
    };
    let page = open_example(&ctx, setup).await?;
    page.choose_at_microsoft(WORK_ACCOUNT).await?;
    page.expect_signed_in(WORK_EMAIL).await?;
    let token = || async {
        page.browser
            .client()
            .get_named_cookie(SESSION_COOKIE)
            .await
            .map(|cookie| cookie.value().to_owned())
            .ok()
    };
    let before = token().await.context("the header-mode token cookie")?;
    for attempt in 1..=2 {
        page.browser.click_in_shadow(HOST, SIGN_OUT).await?;
        let what = format!("sign-out attempt {attempt} to be reported as failed");
        hanko_e2e::wait_for(&what, hanko_e2e::DEFAULT_TIMEOUT, || async {
            let events = page.browser.events().await.map_err(|e| format!("{e:#}"))?;
            let failures = events
                .iter()
                .filter(|e| e["type"] == "hanko-flow-error")
                .count();
            (failures >= attempt)
                .then_some(())
                .ok_or(format!("events {events:?}"))
        })
        .await?;
        page.browser
            .wait_for_shadow(HOST, ERROR_TEXT, "the sign-out failure notice", |node| {
                !node.visible_text.trim().is_empty()
            })
            .await?;
        expect_signed_in_view(&page.browser, HOST, WORK_EMAIL).await?;
        anyhow::ensure!(
            token().await.as_deref() == Some(before.as_str()),
            "attempt {attempt}: the token must stay until the server ended the session"
        );
    }
    let events = page.browser.events().await?;
    anyhow::ensure!(
        !events.iter().any(|e| e["type"] == "hanko-user-logged-out"),
        "no sign-out may be reported: {events:?}"
    );
    let answer = page.backend.validate_bearer(&before).await?;
    anyhow::ensure!(
        is_valid(&answer),
        "the session should still exist: {answer}"
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
    page.choose_at_microsoft(WORK_ACCOUNT).await?;
    page.expect_signed_in(WORK_EMAIL).await?;
    page.expect_clean_address().await?;

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

/// One simulated Microsoft failure: a name for its tests and the case. Microsoft's OAuth
/// `error` reaches the page as the event's `code`; the description starts with the AADSTS number.
struct MicrosoftOutcome {
    /// Middle part of the test names (`microsoft_<name>_<lang>`).
    name: &'static str,
    /// The button to press and what the page must show and report.
    case: FailureCase,
}

/// The four outcomes of the simulated Microsoft page that end the sign-in (issue #4).
static MICROSOFT_OUTCOMES: [MicrosoftOutcome; 4] = [
    MicrosoftOutcome {
        name: "cancel",
        case: FailureCase {
            choice: "#outcome-cancel",
            code: "access_denied",
            kind: "cancelled",
            description: None,
            aadsts: Some(65004),
            titles: &[
                ("en", "Sign-in cancelled"),
                ("de", "Anmeldung abgebrochen"),
                ("ar", "تم إلغاء تسجيل الدخول"),
            ],
        },
    },
    MicrosoftOutcome {
        name: "admin_approval",
        case: FailureCase {
            choice: "#outcome-admin-approval",
            code: "consent_required",
            kind: "needs_admin_approval",
            description: None,
            aadsts: Some(65001),
            titles: &[
                ("en", "Approval needed"),
                ("de", "Genehmigung erforderlich"),
            ],
        },
    },
    MicrosoftOutcome {
        name: "not_allowed",
        case: FailureCase {
            choice: "#outcome-not-allowed",
            code: "invalid_request",
            kind: "account_not_allowed",
            description: None,
            aadsts: Some(50020),
            titles: &[
                ("en", "This account can't be used here"),
                ("de", "Dieses Konto kann hier nicht verwendet werden"),
            ],
        },
    },
    MicrosoftOutcome {
        name: "unavailable",
        case: FailureCase {
            choice: "#outcome-unavailable",
            code: "temporarily_unavailable",
            kind: "provider_unavailable",
            description: None,
            aadsts: Some(50033),
            titles: &[
                ("en", "Temporarily unavailable"),
                ("de", "Vorübergehend nicht verfügbar"),
            ],
        },
    },
];

/// The element's container.
const CONTAINER: &str = r#"section[part="container"]"#;

/// The languages every Microsoft outcome is checked in.
const LANGUAGES: [&str; 2] = ["en", "de"];

/// Picks `outcome` at Microsoft on a fresh example page in `lang` and checks the message, the
/// cleaned address bar and the `hanko-flow-error` event.
///
/// Hanko appends `?error=…` to the full page address, so without a fragment the error arrives
/// after a second `?` (`?api=…&keep=1?error=…`) and with one inside the fragment
/// (`#section?error=…`); each outcome runs once with and once without a fragment.
async fn microsoft_failure(
    ctx: Arc<Ctx>,
    outcome: &'static MicrosoftOutcome,
    lang: &'static str,
    fragment: Option<&'static str>,
) -> anyhow::Result<()> {
    let query = [("lang", lang), ("keep", "1")];
    let setup = Setup {
        query: &query,
        fragment,
        ..Setup::default()
    };
    let page = open_example(&ctx, setup).await?;
    outcome
        .case
        .run(&page.browser, &page.backend, &page.url, lang)
        .await
}

/// The cancel outcome (`access_denied`) on an Arabic page: the container is right to left before
/// and after, and the message is the Arabic one, filled in with the provider's name.
async fn microsoft_cancel_ar(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let query = [("lang", "ar"), ("keep", "1")];
    let setup = Setup {
        query: &query,
        ..Setup::default()
    };
    let page = open_example(&ctx, setup).await?;
    let rtl = |node: &ShadowNode| {
        node.attributes.get("dir").map(String::as_str) == Some("rtl")
            && node.attributes.get("lang").map(String::as_str) == Some("ar")
    };
    page.browser
        .wait_for_shadow(HOST, CONTAINER, "the right-to-left Arabic container", rtl)
        .await?;
    MICROSOFT_OUTCOMES[0]
        .case
        .run(&page.browser, &page.backend, &page.url, "ar")
        .await?;
    let text = page
        .browser
        .wait_for_shadow(HOST, ERROR_TEXT, "the Arabic cancel text", |_| true)
        .await?
        .visible_text;
    anyhow::ensure!(
        text.trim()
            == "لقد أوقفت تسجيل الدخول باستخدام Microsoft. لم يتغير شيء. يمكنك المحاولة مرة أخرى متى شئت.",
        "the access_denied text should be the Arabic one: {text:?}"
    );
    page.browser
        .wait_for_shadow(HOST, CONTAINER, "the container, still right to left", rtl)
        .await?;
    Ok(())
}

/// One test per Microsoft outcome and language, named `microsoft_<outcome>_<lang>`.
fn microsoft_failure_tests() -> Vec<Test> {
    let mut all = Vec::new();
    for (lang_index, lang) in LANGUAGES.into_iter().enumerate() {
        for (index, outcome) in MICROSOFT_OUTCOMES.iter().enumerate() {
            let fragment = ((index + lang_index) % 2 == 1).then_some("section");
            all.push(Test::new(
                &format!("microsoft_{}_{lang}", outcome.name),
                move |ctx| microsoft_failure(ctx, outcome, lang, fragment),
            ));
        }
    }
    all
}

async fn page_load_with_valid_session_shows_signed_in(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = open_example(&ctx, Setup::default()).await?;
    page.choose_at_microsoft(WORK_ACCOUNT).await?;
    page.expect_signed_in(WORK_EMAIL).await?;

    page.browser.reload().await?;
    expect_signed_in_view(&page.browser, HOST, WORK_EMAIL).await
}

/// The fixture with two elements: `#first` (English) and `#second` (`lang="de"`).
const TWO_ELEMENTS_PAGE: &str = "/e2e/fixtures/two-elements.html";
/// The two elements of [`TWO_ELEMENTS_PAGE`] with their language's Microsoft button label and
/// sign-out label.
const TWO_ELEMENTS: [(&str, &str, &str); 2] = [
    ("hanko-auth#first", "Sign in with Microsoft", "Sign out"),
    ("hanko-auth#second", "Mit Microsoft anmelden", "Abmelden"),
];

/// Two elements on one page both offer Microsoft; signing in through the second one exchanges
/// the token once (one `hanko-session-created`, no `hanko-flow-error`) and both elements end on
/// the signed-in view, each in its own language.
///
/// Back from Microsoft, the element that starts first exchanges the token while the other one is
/// still checking the session; the other one must take the session created next to it rather
/// than the stale "no session" answer.
/// How many `GET /sessions/validate` the page has sent since it loaded.
async fn validate_requests(browser: &Browser) -> anyhow::Result<usize> {
    let count = browser
        .eval(
            "return performance.getEntriesByType('resource')
                .filter((entry) => new URL(entry.name).pathname.endsWith('/sessions/validate'))
                .length;",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(count)?)
}

async fn two_elements_on_one_page(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    require_bundle()?;
    let backend = ctx.backend(|_: &mut Config| ()).await?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let url = page::page_url(
        &site,
        TWO_ELEMENTS_PAGE,
        &backend.api(),
        &[("keep", "1")],
        Some("section"),
    )?;
    let browser = ctx.browser().await?;
    browser.goto(url.as_str()).await?;
    for (host, label, _) in TWO_ELEMENTS {
        browser
            .find_in_shadow_by_text(host, MICROSOFT_BUTTON, label)
            .await?;
    }
    let checks = validate_requests(&browser).await?;
    anyhow::ensure!(
        checks == 1,
        "the two elements and the page's session service should share one GET /sessions/validate at start, not {checks}"
    );

    go_to_microsoft(&browser, TWO_ELEMENTS[1].0, &backend).await?;
    browser.click(WORK_ACCOUNT).await?;
    for (host, _, sign_out) in TWO_ELEMENTS {
        expect_signed_in_view(&browser, host, WORK_EMAIL).await?;
        browser
            .find_in_shadow_by_text(host, SIGN_OUT, sign_out)
            .await?;
    }
    // Back from Microsoft: the session service's first check, then, once the session is
    // reported, a check of its own by the other element and one by the session service (a check
    // after a report never shares an answer that may be from before the session).
    let checks = validate_requests(&browser).await?;
    anyhow::ensure!(
        checks == 3,
        "back from Microsoft, one first check and two confirmations of the new session, not {checks}"
    );
    page::expect_clean_address(&browser, &url).await?;

    let detail = expect_one_event(&browser, "hanko-session-created").await?;
    anyhow::ensure!(
        claims_email(&detail) == Some(WORK_EMAIL),
        "hanko-session-created should carry {WORK_EMAIL} in claims.email.address: {detail}"
    );
    let events = browser.events().await?;
    anyhow::ensure!(
        events
            .iter()
            .all(|event| event.get("type").and_then(Value::as_str) != Some("hanko-flow-error")),
        "no hanko-flow-error should arrive: {}",
        Value::Array(events)
    );
    Ok(())
}

fn main() {
    hanko_e2e::run(
        tests![
            work_account_signs_in,
            personal_account_registers,
            sign_out_ends_the_session,
            an_element_removed_during_the_exchange_keeps_the_session,
            failed_sign_out_keeps_the_session_and_says_so,
            header_mode_cross_site,
            page_load_with_valid_session_shows_signed_in,
            two_elements_on_one_page,
            microsoft_cancel_ar,
        ]
        .into_iter()
        .chain(microsoft_failure_tests())
        .collect(),
    );
}
