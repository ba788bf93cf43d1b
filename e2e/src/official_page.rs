//! The official `@teamhanko/hanko-elements` (pinned [`crate::OFFICIAL_VERSION`], from npm) on the
//! fixture page `e2e/fixtures/official.html`, registered with a fresh dev backend, and the steps
//! the conformance tests take in it: pressing buttons by their English label, typing into inputs
//! found by type or autocomplete, typing codes into the six digit boxes, waiting for a state to
//! settle and for `hanko-session-created`.
//!
//! ```ignore
//! use hanko_e2e::official_page::{self, Page};
//!
//! let official = official_page::open_official_with(&ctx, Page::default(), |_| {}).await?;
//! official_page::settled_on(&official, "login_init").await?;
//! official_page::fill(&official, "input[type='email']", "passcode@example.com").await?;
//! official_page::press(&official, "Continue").await?;
//! ```

use crate::{
    official_elements, AuthenticatorKind, Backend, Browser, Credential, Ctx, StaticServer,
};
use crate::{wait_for, VirtualAuthenticator, DEFAULT_TIMEOUT};
use anyhow::Context as _;

/// Where `e2e/fixtures/official.html` imports the package from.
pub const FIXTURE_ENTRY: &str =
    "/target/npm/node_modules/@teamhanko/hanko-elements/dist/elements.js";

/// The official element on the fixture page, registered with a fresh dev backend.
pub struct Official {
    /// The dev backend the element is registered with.
    pub backend: Backend,
    site: StaticServer,
    /// The browser showing the fixture page.
    pub browser: Browser,
    /// `hanko-auth` or `hanko-registration`: the element on the page (the host of its shadow root).
    pub host: &'static str,
    /// The virtual authenticator, if the page asked for one.
    pub authenticator: Option<VirtualAuthenticator>,
}

/// Where and how the fixture page is opened.
pub struct Page {
    /// Host name of the page's origin (`localhost` for WebAuthn: Chromium refuses IP addresses
    /// as RP ID).
    pub site_host: &'static str,
    /// The element on the page: `hanko-auth` or `hanko-registration`.
    pub element: &'static str,
    /// Add a virtual authenticator of this kind before the page loads.
    pub authenticator: Option<AuthenticatorKind>,
    /// Credentials to put on that authenticator before the page loads.
    pub credentials: Vec<Credential>,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            site_host: "127.0.0.1",
            element: "hanko-auth",
            authenticator: None,
            credentials: Vec::new(),
        }
    }
}

impl Page {
    /// A page on `localhost` (the seeded credentials' RP ID) with an authenticator of `kind`
    /// holding `credentials`.
    pub fn with_authenticator(kind: AuthenticatorKind, credentials: Vec<Credential>) -> Self {
        Page {
            site_host: "localhost",
            authenticator: Some(kind),
            credentials,
            ..Page::default()
        }
    }
}

/// Opens the default page (`<hanko-auth>` on `127.0.0.1`, no authenticator) against a backend
/// from `Config::for_tests()`.
pub async fn open_official(ctx: &Ctx) -> anyhow::Result<Official> {
    open_official_with(ctx, Page::default(), |_| {}).await
}

/// Installs the official package if needed, starts a backend adjusted by `configure`, opens a
/// browser (adding the authenticator and credentials of `page` first) and loads the fixture page.
pub async fn open_official_with(
    ctx: &Ctx,
    page: Page,
    configure: impl FnOnce(&mut hanko_devserver::Config),
) -> anyhow::Result<Official> {
    let entry = tokio::task::spawn_blocking(official_elements).await??;
    anyhow::ensure!(
        entry == FIXTURE_ENTRY,
        "the package's ES module entry moved to {entry}; update e2e/fixtures/official.html"
    );
    anyhow::ensure!(
        page.authenticator.is_some() || page.credentials.is_empty(),
        "credentials need an authenticator"
    );
    let backend = ctx.backend(configure).await?;
    let site = ctx.serve_repo(page.site_host).await?;
    let browser = ctx.browser().await?;
    let authenticator = match page.authenticator {
        Some(kind) => {
            let authenticator = VirtualAuthenticator::add_with(&browser, kind).await?;
            for credential in &page.credentials {
                authenticator.add_credential(credential).await?;
            }
            Some(authenticator)
        }
        None => None,
    };
    let official = Official {
        backend,
        site,
        browser,
        host: page.element,
        authenticator,
    };
    official.load().await?;
    Ok(official)
}

impl Official {
    /// (Re)loads the fixture page with the element `self.host`: a fresh element, fresh flow and
    /// an empty event log, in the same browser (cookies, storage and authenticator kept).
    pub async fn load(&self) -> anyhow::Result<()> {
        let url = url::Url::parse_with_params(
            &self.site.url("/e2e/fixtures/official.html"),
            [("api", self.backend.api().as_str()), ("element", self.host)],
        )?;
        self.browser.goto(url.as_str()).await
    }

    /// Puts `element` (`hanko-auth` or `hanko-registration`) on a freshly loaded page.
    pub async fn open_element(&mut self, element: &'static str) -> anyhow::Result<()> {
        self.host = element;
        self.load().await
    }

    /// From the next page load on, the browser reports no conditional mediation (as a browser
    /// without passkey autofill would): the official element then makes no conditional request on
    /// `login_init`, which ChromeDriver's virtual authenticator would answer by itself with any
    /// passkey it holds.
    pub async fn disable_conditional_mediation(&self) -> anyhow::Result<()> {
        self.browser.disable_conditional_mediation().await
    }

    /// The virtual authenticator the page was opened with.
    pub fn authenticator(&self) -> anyhow::Result<&VirtualAuthenticator> {
        self.authenticator
            .as_ref()
            .context("the page was opened without a virtual authenticator")
    }

    /// How often the official element has shown `state` (its `hanko-after-state-change` events
    /// for that state in the page's log).
    pub async fn times_shown(&self, state: &str) -> anyhow::Result<usize> {
        Ok(self
            .browser
            .events()
            .await?
            .iter()
            .filter(|event| {
                event["type"] == "hanko-after-state-change" && event["detail"]["state"] == state
            })
            .count())
    }
}

/// Clicks the official Microsoft button and picks `choice` on the simulated Microsoft page.
pub async fn choose_at_microsoft(official: &Official, choice: &str) -> anyhow::Result<()> {
    let button = official
        .browser
        .find_in_shadow_by_text(official.host, "button", "Microsoft")
        .await?;
    button
        .click()
        .await
        .context("clicking the Microsoft button")?;
    let microsoft = official.backend.microsoft();
    official
        .browser
        .wait_for_url("the simulated Microsoft page", |url| {
            url.as_str().starts_with(&microsoft)
        })
        .await?;
    official.browser.click(choice).await
}

/// Waits until the official element has shown `state` for the second time. Its `AppProvider`
/// (`flowInit`, 2.7.0) shows the state a flow starts in (`login_init`, `registration_init`, or the
/// state the token exchange led to) when it is there and again, from the same state object, 500 ms
/// after the flow was created; whatever the user did in between is drawn over by the old page (a
/// step typed within half a second is lost). A person is slower than that; the tests wait for the
/// second `hanko-after-state-change` instead.
pub async fn settled_on(official: &Official, state: &str) -> anyhow::Result<()> {
    shown_times(official, state, 2).await
}

/// Waits until the official element has shown `state` at least `times` times
/// (`hanko-after-state-change` events in the page's log).
pub async fn shown_times(official: &Official, state: &str, times: usize) -> anyhow::Result<()> {
    let what = format!("the official element to show {state} {times} time(s)");
    wait_for(&what, DEFAULT_TIMEOUT, || async move {
        let events = official
            .browser
            .events()
            .await
            .map_err(|e| format!("{e:#}"))?;
        let shown = events
            .iter()
            .filter(|event| {
                event["type"] == "hanko-after-state-change" && event["detail"]["state"] == state
            })
            .count();
        if shown >= times {
            Ok(())
        } else {
            Err(format!("events {}", serde_json::Value::Array(events)))
        }
    })
    .await
}

/// Clicks the button labelled `label` (its text contains `label`) in the official element; the
/// element's links (`Skip`, `Back`, `Forgot your password?`) are buttons too.
pub async fn press(official: &Official, label: &str) -> anyhow::Result<()> {
    official
        .browser
        .find_in_shadow_by_text(official.host, "button", label)
        .await?
        .click()
        .await
        .with_context(|| format!("clicking {label:?}"))
}

/// Types `code` into the official element's six digit boxes (it submits by itself).
pub async fn type_code(official: &Official, code: &str) -> anyhow::Result<()> {
    official
        .browser
        .find_in_shadow(official.host, "input[inputmode='numeric']")
        .await?;
    let host = official
        .browser
        .client()
        .find(fantoccini::Locator::Css(official.host))
        .await?;
    let boxes = host
        .shadow_root()
        .await?
        .find_all(fantoccini::Locator::Css("input[inputmode='numeric']"))
        .await?;
    anyhow::ensure!(
        boxes.len() == code.len(),
        "{} digit boxes for {code:?}",
        boxes.len()
    );
    for (input, digit) in boxes.iter().zip(code.chars()) {
        input.send_keys(&digit.to_string()).await?;
    }
    Ok(())
}

/// Types `text` into the official element's `input` (a CSS selector inside its shadow root), one
/// key at a time, letting the page finish rendering after each key as it would for a person.
///
/// The login and registration pages keep their identifier input controlled (`value={identifier}`)
/// and write the value back from an effect that Preact runs after the next frame; keys sent in one
/// burst are overwritten by those late renders (`passcode@example.com` arrives as `pasoeeapecm`).
/// After every key this waits for an animation frame and a task: Preact's effects, scheduled
/// from the key's render, run first. At the end the input must hold exactly `text`.
pub async fn fill(official: &Official, input: &str, text: &str) -> anyhow::Result<()> {
    let element = official
        .browser
        .find_in_shadow(official.host, input)
        .await?;
    for key in text.chars() {
        element
            .send_keys(&key.to_string())
            .await
            .with_context(|| format!("typing into {input}"))?;
        official
            .browser
            .eval_async(
                "const done = arguments[arguments.length - 1]; \
                 requestAnimationFrame(() => setTimeout(done, 0));",
                vec![],
            )
            .await?;
    }
    let element = &element;
    let what = format!("{input} to hold {text:?}");
    wait_for(&what, DEFAULT_TIMEOUT, || async move {
        let value = element
            .prop("value")
            .await
            .map_err(|e| format!("reading the value of {input}: {e}"))?;
        if value.as_deref() == Some(text) {
            Ok(())
        } else {
            Err(format!("its value is {value:?}"))
        }
    })
    .await
}

/// The passcode page: reads the code from the outbox (as a person would on `/outbox`) and types it.
pub async fn confirm_passcode(official: &Official, to: &str) -> anyhow::Result<()> {
    official
        .browser
        .wait_for_shadow_text(official.host, "Enter passcode")
        .await?;
    let code = official.backend.passcode_for(to).await?;
    type_code(official, &code).await
}

/// Waits for `hanko-session-created` and checks that its `claims.email.address` is `email`;
/// returns the event's detail.
pub async fn expect_session_for(
    official: &Official,
    email: &str,
) -> anyhow::Result<serde_json::Value> {
    let detail = official
        .browser
        .wait_for_event("hanko-session-created")
        .await?;
    let got = detail
        .pointer("/claims/email/address")
        .and_then(|e| e.as_str());
    anyhow::ensure!(
        got == Some(email),
        "hanko-session-created should carry {email} in claims.email.address; detail: {detail}"
    );
    Ok(detail)
}
