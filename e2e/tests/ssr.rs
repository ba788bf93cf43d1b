//! Server-side rendering: the Leptos example in `examples/ssr` (a server built with the `ssr`
//! feature, a browser build with `hydrate`) against the dev backend. The server sends a neutral
//! placeholder where `HankoAuth` goes, with nothing to click; the hydrated page draws the live
//! view in its place, signs in with Microsoft, shows the protected `/account` route with the
//! email from `use_session()`, and signs out through `use_hanko()`.
//!
//! Run: `cargo test -p hanko-e2e --test ssr` after `scripts/build-ssr-example.sh`; needs chromium
//! and chromedriver.

use anyhow::Context as _;
use hanko_devserver::Config;
use hanko_e2e::page::{MICROSOFT_BUTTON, WORK_ACCOUNT, WORK_EMAIL};
use hanko_e2e::{require_ssr_example, tests, wait_for, Backend, Browser, Ctx, DEFAULT_TIMEOUT};
use serde_json::{json, Value};
use std::process::Stdio;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, BufReader};

/// The app's `<main>`: `HankoAuth` draws there, in the light DOM (the component has no shadow root).
const LIGHT_DOM: &str = "main";
const PLACEHOLDER: &str = r#"[data-screen="placeholder"]"#;
const ACCOUNT_EMAIL: &str = "#account-email";

/// The example's server, running against one dev backend; stopped when dropped.
struct Example {
    origin: String,
    _server: tokio::process::Child,
}

impl Example {
    async fn start(backend: &Backend) -> anyhow::Result<Example> {
        let (binary, site) = require_ssr_example()?;
        let mut server = tokio::process::Command::new(&binary)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--api",
                &backend.api(),
                "--site-root",
            ])
            .arg(&site)
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let stdout = server.stdout.take().context("the server's stdout")?;
        let first = BufReader::new(stdout)
            .lines()
            .next_line()
            .await?
            .context("the server ended before it listened")?;
        let origin = first
            .strip_prefix("listening on ")
            .with_context(|| format!("the server said {first:?}, not where it listens"))?
            .to_owned();
        Ok(Example {
            origin,
            _server: server,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// The page at `path` as the server sends it, before any script runs.
    async fn html(&self, path: &str) -> anyhow::Result<String> {
        let response = reqwest::get(self.url(path)).await?;
        anyhow::ensure!(
            response.status().is_success(),
            "GET {path} answered {}",
            response.status()
        );
        Ok(response.text().await?)
    }
}

/// What the page shows in `main`: how many page headlines (the app's own `h1`), placeholders and Microsoft buttons, the
/// `#account-email` text, and the path.
async fn main_content(browser: &Browser) -> anyhow::Result<Value> {
    browser
        .eval(
            "const [main, placeholder, button, email] = arguments;
             const root = document.querySelector(main);
             const count = (selector) => root ? root.querySelectorAll(selector).length : 0;
             const address = document.querySelector(email);
             return {
               headlines: count('h1.page-title'),
               placeholders: count(placeholder),
               buttons: count(button),
               email: address ? address.textContent : null,
               path: location.pathname,
             };",
            vec![
                json!(LIGHT_DOM),
                json!(PLACEHOLDER),
                json!(MICROSOFT_BUTTON),
                json!(ACCOUNT_EMAIL),
            ],
        )
        .await
}

/// Waits until `main_content` satisfies `accept`.
async fn wait_for_content(
    browser: &Browser,
    what: &str,
    accept: impl Fn(&Value) -> bool,
) -> anyhow::Result<Value> {
    let accept = &accept;
    wait_for(what, DEFAULT_TIMEOUT, || async move {
        let content = main_content(browser).await.map_err(|e| format!("{e:#}"))?;
        if accept(&content) {
            Ok(content)
        } else {
            Err(content.to_string())
        }
    })
    .await
}

/// The server's HTML has the placeholder and nothing to click; the hydrated page replaces it with
/// the live view (one page headline: hydrated, not drawn twice), signs in with Microsoft, lands on
/// `/account` with the email, keeps it over a reload, and signs out back to `/`.
async fn server_rendered_page_hydrates_and_signs_in(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let backend = ctx.backend(|_: &mut Config| ()).await?;
    let example = Example::start(&backend).await?;

    let html = example.html("/").await?;
    anyhow::ensure!(
        html.contains(r#"data-screen="placeholder""#)
            && html.contains(r#"<h1 class="page-title">Sign in</h1>"#),
        "the server should send the sign-in page with the placeholder; it sent {html}"
    );
    anyhow::ensure!(
        !html.contains("<button") && !html.contains("data-provider"),
        "the server's placeholder should have nothing to click; it sent {html}"
    );

    let browser = ctx.browser().await?;
    browser.goto(&example.url("/")).await?;
    wait_for_content(&browser, "the live view in place of the placeholder", |c| {
        c["buttons"] == 1 && c["placeholders"] == 0 && c["headlines"] == 1
    })
    .await?;

    browser.click(MICROSOFT_BUTTON).await?;
    let microsoft = backend.microsoft();
    browser
        .wait_for_url("the simulated Microsoft page", |url| {
            url.as_str().starts_with(&microsoft)
        })
        .await?;
    browser.click(WORK_ACCOUNT).await?;
    wait_for_content(&browser, "/account with the signed-in email", |c| {
        c["path"] == "/account" && c["email"] == WORK_EMAIL
    })
    .await?;

    let html = example.html("/account").await?;
    anyhow::ensure!(
        !html.contains(WORK_EMAIL),
        "the server knows no session: /account should not name anyone; it sent {html}"
    );
    browser.reload().await?;
    wait_for_content(&browser, "/account again after a reload", |c| {
        c["path"] == "/account" && c["email"] == WORK_EMAIL
    })
    .await?;

    browser.click("#sign-out").await?;
    wait_for_content(&browser, "the sign-in page after signing out", |c| {
        c["path"] == "/" && c["buttons"] == 1
    })
    .await?;
    let answer = browser.validate_session(&backend.api(), None).await?;
    anyhow::ensure!(
        answer["is_valid"] == false,
        "the server session should be gone after signing out; /sessions/validate said {answer}"
    );
    Ok(())
}

fn main() {
    hanko_e2e::run(tests![server_rendered_page_hydrates_and_signs_in]);
}
