//! Drop-in: one page written for the official `@teamhanko/hanko-elements` 2.7 API
//! (`e2e/fixtures/drop-in.html`: `const { hanko } = await register(api, options)`, then
//! `hanko.onSessionCreated`, `getUser`, `getCurrentUser`, `validateSession`, `getSessionToken`,
//! `logout`, `onSessionExpired`, and `<hanko-events>`) runs unchanged with our bundle and, as the oracle, with the
//! official package: only the imported module differs (`?module=ours|official`). Each scenario
//! runs with both, and the two must see the same shapes and units; two tabs of one browser follow
//! each other's sign-in and sign-out.
//!
//! Run: `cargo test -p hanko-e2e --test drop_in` after building the bundle; needs chromium,
//! chromedriver and npm.

use anyhow::Context as _;
use hanko_devserver::SessionMode;
use hanko_e2e::page::{expect_signed_in_view, HOST, MICROSOFT_BUTTON};
use hanko_e2e::{official_elements, require_bundle, tests, Backend, Browser, Ctx, StaticServer};
use serde_json::{json, Value};
use std::sync::Arc;

const WORK_EMAIL: &str = "alex.wilber@contoso.example";

/// Which module the page imports.
#[derive(Clone, Copy)]
enum Module {
    Ours,
    Official,
}

impl Module {
    fn name(self) -> &'static str {
        match self {
            Module::Ours => "ours",
            Module::Official => "official",
        }
    }

    async fn require(self) -> anyhow::Result<()> {
        match self {
            Module::Ours => require_bundle(),
            Module::Official => tokio::task::spawn_blocking(official_elements)
                .await?
                .map(drop),
        }
    }
}

/// The fixture page with `module`, a fresh dev backend (header mode, so the page holds the
/// token) and a fresh browser.
struct DropIn {
    url: url::Url,
    backend: Backend,
    _site: StaticServer,
    browser: Browser,
    lifetime_secs: u64,
}

async fn open(
    ctx: &Ctx,
    module: Module,
    lifetime_secs: u64,
    interval_ms: u32,
) -> anyhow::Result<DropIn> {
    module.require().await?;
    let backend = ctx
        .backend(|config| {
            config.session_mode = SessionMode::Header;
            config.session_lifetime_secs = lifetime_secs;
        })
        .await?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let browser = ctx.browser().await?;
    let interval = interval_ms.to_string();
    let url = url::Url::parse_with_params(
        &site.url("/e2e/fixtures/drop-in.html"),
        [
            ("api", backend.api().as_str()),
            ("module", module.name()),
            ("interval", interval.as_str()),
        ],
    )?;
    browser.goto(url.as_str()).await?;
    browser.wait_for_event("registered").await?;
    Ok(DropIn {
        url,
        backend,
        _site: site,
        browser,
        lifetime_secs,
    })
}

impl DropIn {
    /// Signs in with the work account through the element's Microsoft button; returns the
    /// `onSessionCreated` detail.
    async fn sign_in(&self) -> anyhow::Result<Value> {
        self.browser
            .find_in_shadow_by_text("hanko-auth", "button", "Microsoft")
            .await?
            .click()
            .await
            .context("clicking the Microsoft button")?;
        let microsoft = self.backend.microsoft();
        self.browser
            .wait_for_url("the simulated Microsoft page", |url| {
                url.as_str().starts_with(&microsoft)
            })
            .await?;
        self.browser.click("#account-work").await?;
        self.browser.wait_for_event("onSessionCreated").await
    }

    /// Calls `window.page[method]()` and returns its `{ ok, value | error }`.
    async fn call(&self, method: &str) -> anyhow::Result<Value> {
        self.browser
            .eval_async(
                "const [method, done] = arguments; window.page[method]().then(done);",
                vec![json!(method)],
            )
            .await
            .with_context(|| format!("hanko.{method}()"))
    }

    async fn value_of(&self, method: &str) -> anyhow::Result<Value> {
        let answer = self.call(method).await?;
        anyhow::ensure!(answer["ok"] == true, "hanko.{method}() rejected: {answer}");
        Ok(answer["value"].clone())
    }

    async fn session_token(&self) -> anyhow::Result<Value> {
        self.browser
            .eval("return window.page.getSessionToken();", vec![])
            .await
    }
}

/// `expirationSeconds` holds milliseconds (`Date.parse(expiration) - Date.now()`).
fn expect_millis_until_expiry(detail: &Value, lifetime_secs: u64) -> anyhow::Result<()> {
    let millis = detail["expirationSeconds"]
        .as_f64()
        .with_context(|| format!("expirationSeconds should be a number: {detail}"))?;
    let lifetime = (lifetime_secs * 1000) as f64;
    anyhow::ensure!(
        millis > lifetime - 30_000.0 && millis <= lifetime + 2_000.0,
        "expirationSeconds should be the milliseconds until expiry (about {lifetime}): {millis}"
    );
    Ok(())
}

/// Sign in, read the session and the user through the `hanko` object, then sign out.
async fn session_methods(ctx: &Ctx, module: Module) -> anyhow::Result<()> {
    let page = open(ctx, module, 3_600, 30_000).await?;
    let detail = page.sign_in().await?;
    anyhow::ensure!(
        detail.pointer("/claims/email/address") == Some(&json!(WORK_EMAIL)),
        "onSessionCreated should get the claims with {WORK_EMAIL}: {detail}"
    );
    expect_millis_until_expiry(&detail, page.lifetime_secs)?;
    let event = page.browser.wait_for_event("hanko-session-created").await?;
    expect_millis_until_expiry(&event, page.lifetime_secs)?;
    let relayed = page
        .browser
        .wait_for_event("hanko-events onSessionCreated")
        .await?;
    anyhow::ensure!(
        relayed["claims"] == detail["claims"],
        "<hanko-events> should relay the session detail: {relayed}"
    );
    let subject = detail["claims"]["subject"].clone();

    let token = page.session_token().await?;
    let token = token
        .as_str()
        .with_context(|| format!("getSessionToken() should give the header-mode token: {token}"))?
        .to_owned();
    anyhow::ensure!(token.split('.').count() == 3, "not a JWT: {token}");

    let validation = page.value_of("validateSession").await?;
    anyhow::ensure!(
        validation["is_valid"] == true && validation["claims"]["subject"] == subject,
        "validateSession(): {validation}"
    );
    let profile = page.value_of("getCurrentUser").await?;
    anyhow::ensure!(
        profile["id"] == subject && profile["emails"][0]["address"] == WORK_EMAIL,
        "getCurrentUser() should give the profile of /me: {profile}"
    );
    let user = page.value_of("getUser").await?;
    anyhow::ensure!(
        user["id"] == subject && user["email"] == WORK_EMAIL,
        "getUser() should give /users/{{id}}: {user}"
    );

    page.value_of("logout").await?;
    page.browser.wait_for_event("onUserLoggedOut").await?;
    page.browser
        .wait_for_event("hanko-events onUserLoggedOut")
        .await?;
    let after = page.backend.validate_bearer(&token).await?;
    anyhow::ensure!(
        after["is_valid"] == false,
        "the server session should be gone after logout(): {after}"
    );
    anyhow::ensure!(
        page.session_token().await? == Value::Null,
        "getSessionToken() after logout()"
    );
    let refused = page.call("getCurrentUser").await?;
    anyhow::ensure!(
        refused["ok"] == false
            && refused["error"]["code"] == "unauthorized"
            && refused["error"]["message"] == "Unauthorized error",
        "getCurrentUser() after logout() should reject like the SDK's UnauthorizedError: {refused}"
    );
    Ok(())
}

/// A short session: the page hears `onSessionExpired` once it has run out.
async fn session_expiry(ctx: &Ctx, module: Module) -> anyhow::Result<()> {
    let page = open(ctx, module, 8, 3_000).await?;
    page.sign_in().await?;
    let expired = page.browser.wait_for_event("onSessionExpired").await?;
    anyhow::ensure!(
        expired == Value::Null,
        "onSessionExpired gets null: {expired}"
    );
    Ok(())
}

/// Two tabs of one browser: a sign-in in one signs the other in, a sign-out in one signs the
/// other out within two check intervals.
async fn two_tabs(ctx: &Ctx, module: Module) -> anyhow::Result<()> {
    const INTERVAL_MS: u32 = 3_000;
    let page = open(ctx, module, 3_600, INTERVAL_MS).await?;
    let client = page.browser.client();
    let first = client.window().await?;
    let second = client.new_window(true).await?.handle;
    client.switch_to_window(second.clone()).await?;
    page.browser.goto(page.url.as_str()).await?;
    page.browser.wait_for_event("registered").await?;

    client.switch_to_window(first.clone()).await?;
    page.sign_in().await?;
    client.switch_to_window(second.clone()).await?;
    let followed = page.browser.wait_for_event("onSessionCreated").await?;
    anyhow::ensure!(
        followed.pointer("/claims/email/address") == Some(&json!(WORK_EMAIL)),
        "the second tab should hear of the session with its claims: {followed}"
    );
    if let Module::Ours = module {
        expect_signed_in_view(&page.browser, HOST, WORK_EMAIL).await?;
    }

    client.switch_to_window(first).await?;
    page.value_of("logout").await?;
    let signed_out = std::time::Instant::now();
    client.switch_to_window(second).await?;
    page.browser.wait_for_event("onSessionExpired").await?;
    let took = signed_out.elapsed();
    anyhow::ensure!(
        took.as_millis() < u128::from(2 * INTERVAL_MS),
        "the second tab should leave the session within two check intervals, took {took:?}"
    );
    if let Module::Ours = module {
        page.browser.find_in_shadow(HOST, MICROSOFT_BUTTON).await?;
    }
    Ok(())
}

async fn ours_two_tabs(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    two_tabs(&ctx, Module::Ours).await
}

async fn official_two_tabs(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    two_tabs(&ctx, Module::Official).await
}

async fn ours_session_methods(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    session_methods(&ctx, Module::Ours).await
}

async fn official_session_methods(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    session_methods(&ctx, Module::Official).await
}

async fn ours_session_expiry(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    session_expiry(&ctx, Module::Ours).await
}

async fn official_session_expiry(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    session_expiry(&ctx, Module::Official).await
}

fn main() {
    hanko_e2e::run(tests![
        ours_session_methods,
        official_session_methods,
        ours_session_expiry,
        official_session_expiry,
        ours_two_tabs,
        official_two_tabs,
    ]);
}
