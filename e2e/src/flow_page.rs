//! Our `<hanko-auth>` on the example page, driven through its UI contract only (`data-screen`,
//! `data-action`, `name`) against a dev backend of its own: what the flow-path tests share.
//!
//! ```ignore
//! let page = FlowPage::open(&ctx, "en", Setup::default(), |_| {}).await?;
//! page.fill("email", "passcode@example.com").await?;
//! page.press("continue_with_login_identifier").await?;
//! page.confirm_passcode("passcode@example.com").await?;
//! page.expect_session_for("passcode@example.com").await?;
//! ```

use anyhow::Context as _;
use hanko_devserver::Config;

use crate::page::{
    self, claims_email, expect_one_event, expect_signed_in_view, go_to_microsoft, in_language,
    EXAMPLE_PAGE, HOST,
};
use crate::{
    AuthenticatorKind, Backend, Browser, Credential, Ctx, StaticServer, VirtualAuthenticator,
};

/// The passcode page's headline per language, as the user reads it.
pub const PASSCODE_HEADLINE: &[(&str, &str)] = &[("en", "Enter passcode"), ("de", "Code eingeben")];

/// Where and how the page is opened.
pub struct Setup {
    /// Host name of the page's origin (`localhost` for WebAuthn: Chromium refuses an IP address
    /// as relying party).
    pub page_host: &'static str,
    /// `login` or `registration` (the example page's `mode` parameter).
    pub mode: &'static str,
    /// A virtual authenticator to add before the page loads.
    pub authenticator: Option<AuthenticatorKind>,
    /// Credentials to put on it.
    pub credentials: Vec<Credential>,
    /// Whether the page may see conditional mediation (passkey autofill). ChromeDriver's virtual
    /// authenticator answers a conditional request at once with any passkey it holds, so a test
    /// of another passkey path turns it off ([`crate::Browser::disable_conditional_mediation`]).
    pub autofill: bool,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            page_host: "127.0.0.1",
            mode: "login",
            authenticator: None,
            credentials: Vec::new(),
            autofill: true,
        }
    }
}

impl Setup {
    /// A `localhost` page with a virtual authenticator of `kind` holding `credentials`.
    pub fn webauthn(kind: AuthenticatorKind, credentials: Vec<Credential>) -> Setup {
        Setup {
            page_host: "localhost",
            authenticator: Some(kind),
            credentials,
            ..Setup::default()
        }
    }
}

/// The example page with our element in one language, its dev backend and browser.
pub struct FlowPage {
    /// The page's language.
    pub lang: &'static str,
    /// The page's own dev backend.
    pub backend: Backend,
    _site: StaticServer,
    /// The browser showing it.
    pub browser: Browser,
    /// The virtual authenticator, if the setup asked for one.
    pub authenticator: Option<VirtualAuthenticator>,
}

impl FlowPage {
    /// Starts a backend configured by `configure`, serves the repository on `setup.page_host`
    /// and opens the example page in `lang`.
    pub async fn open(
        ctx: &Ctx,
        lang: &'static str,
        setup: Setup,
        configure: impl FnOnce(&mut Config),
    ) -> anyhow::Result<FlowPage> {
        crate::require_bundle()?;
        let backend = ctx.backend(configure).await?;
        let site = ctx.serve_repo(setup.page_host).await?;
        let browser = ctx.browser().await?;
        let authenticator = match setup.authenticator {
            Some(kind) => {
                let authenticator = VirtualAuthenticator::add_with(&browser, kind).await?;
                for credential in &setup.credentials {
                    authenticator.add_credential(credential).await?;
                }
                Some(authenticator)
            }
            None => None,
        };
        if !setup.autofill {
            browser.disable_conditional_mediation().await?;
        }
        let url = page::page_url(
            &site,
            EXAMPLE_PAGE,
            &backend.api(),
            &[("lang", lang), ("mode", setup.mode)],
            None,
        )?;
        browser.goto(url.as_str()).await?;
        Ok(FlowPage {
            lang,
            backend,
            _site: site,
            browser,
            authenticator,
        })
    }

    /// Signs in at the simulated Microsoft page with `account`.
    pub async fn microsoft(&self, account: &str) -> anyhow::Result<()> {
        go_to_microsoft(&self.browser, HOST, &self.backend).await?;
        self.browser.click(account).await
    }

    /// Waits until the element shows `state` (its `data-screen`) with `headline`.
    pub async fn expect_state(&self, state: &str, headline: &str) -> anyhow::Result<()> {
        self.expect_text(state, headline).await
    }

    /// Waits until the element shows `state` with `text` somewhere on it.
    pub async fn expect_text(&self, state: &str, text: &str) -> anyhow::Result<()> {
        let screen = format!(r#"[data-screen="{state}"]"#);
        self.browser
            .wait_for_shadow(HOST, &screen, &format!("the {state} page"), |node| {
                node.visible_text.contains(text)
            })
            .await
            .with_context(|| format!("{state} should show {text:?}"))?;
        Ok(())
    }

    /// Waits until the input `name` shows the input error `text` (its own live region).
    pub async fn expect_input_error(&self, name: &str, text: &str) -> anyhow::Result<()> {
        let selector = format!(r#"[data-input="{name}"] [part="input-error"]"#);
        self.browser
            .wait_for_shadow(HOST, &selector, &format!("the error at {name}"), |node| {
                node.visible_text.contains(text)
            })
            .await
            .with_context(|| format!("the {name} input should say {text:?}"))?;
        Ok(())
    }

    /// The current value of the input `name`.
    pub async fn value_of(&self, name: &str) -> anyhow::Result<String> {
        let input = self
            .browser
            .find_in_shadow(HOST, &format!(r#"input[name="{name}"]"#))
            .await?;
        Ok(input.prop("value").await?.unwrap_or_default())
    }

    /// Types `text` into the input `name` (`input[name=…]`).
    pub async fn fill(&self, name: &str, text: &str) -> anyhow::Result<()> {
        self.browser
            .find_in_shadow(HOST, &format!(r#"input[name="{name}"]"#))
            .await?
            .send_keys(text)
            .await
            .with_context(|| format!("typing into the {name} input"))
    }

    /// Empties the input `name`.
    pub async fn clear(&self, name: &str) -> anyhow::Result<()> {
        self.browser
            .find_in_shadow(HOST, &format!(r#"input[name="{name}"]"#))
            .await?
            .clear()
            .await
            .with_context(|| format!("clearing the {name} input"))
    }

    /// Presses the control of `action` (`[data-action=…]`, a button).
    pub async fn press(&self, action: &str) -> anyhow::Result<()> {
        self.browser
            .click_in_shadow(HOST, &format!(r#"button[data-action="{action}"]"#))
            .await
            .with_context(|| format!("pressing the {action} button"))
    }

    /// The passcode page: reads the code sent to `to` from the outbox and submits it.
    pub async fn confirm_passcode(&self, to: &str) -> anyhow::Result<()> {
        self.expect_state(
            "passcode_confirmation",
            in_language(PASSCODE_HEADLINE, self.lang)?,
        )
        .await?;
        let code = self.backend.passcode_for(to).await?;
        self.fill("code", &code).await?;
        self.press("verify_passcode").await
    }

    /// Waits for the `count`th `hanko-session-created` and checks it is for `email`, with the
    /// signed-in view.
    pub async fn expect_nth_session_for(&self, count: usize, email: &str) -> anyhow::Result<()> {
        let what = format!("hanko-session-created number {count}");
        let browser = &self.browser;
        let detail = crate::wait_for(&what, crate::DEFAULT_TIMEOUT, || async move {
            let events = browser.events().await.map_err(|e| format!("{e:#}"))?;
            events
                .iter()
                .filter(|e| e["type"] == "hanko-session-created")
                .nth(count - 1)
                .map(|e| e["detail"].clone())
                .ok_or_else(|| format!("events {}", serde_json::Value::Array(events.clone())))
        })
        .await?;
        anyhow::ensure!(
            claims_email(&detail) == Some(email),
            "hanko-session-created number {count} should carry {email}; detail: {detail}"
        );
        expect_signed_in_view(&self.browser, HOST, email).await
    }

    /// The path's end: one `hanko-session-created` for `email`, and the signed-in view.
    pub async fn expect_session_for(&self, email: &str) -> anyhow::Result<()> {
        let detail = expect_one_event(&self.browser, "hanko-session-created").await?;
        anyhow::ensure!(
            claims_email(&detail) == Some(email),
            "hanko-session-created should carry {email}; detail: {detail}"
        );
        expect_signed_in_view(&self.browser, HOST, email).await
    }
}
