//! ChromeDriver's virtual authenticator (the WebDriver WebAuthn extension commands), so that
//! passkey and security-key ceremonies run for real in headless Chromium.

use anyhow::Context as _;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

use crate::Browser;

/// One WebAuthn extension command: `POST|GET /session/{id}/webauthn/{path}`.
#[derive(Debug)]
struct WebauthnCommand {
    path: String,
    body: Option<Value>,
}

impl WebDriverCompatibleCommand for WebauthnCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let session = session_id.unwrap_or_default();
        base_url.join(&format!("session/{session}/webauthn/{}", self.path))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        match &self.body {
            Some(body) => (http::Method::POST, Some(body.to_string())),
            None => (http::Method::GET, None),
        }
    }
}

/// A virtual authenticator added to a browser session.
pub struct VirtualAuthenticator {
    browser: Browser,
    id: String,
}

impl VirtualAuthenticator {
    /// Adds a CTAP2 authenticator with resident keys and user verification that always consents
    /// (`internal` transport: a platform authenticator such as a laptop's fingerprint reader).
    pub async fn add(browser: &Browser) -> anyhow::Result<Self> {
        let answer = browser
            .client()
            .issue_cmd(WebauthnCommand {
                path: "authenticator".into(),
                body: Some(json!({
                    "protocol": "ctap2",
                    "transport": "internal",
                    "hasResidentKey": true,
                    "hasUserVerification": true,
                    "isUserConsenting": true,
                    "isUserVerified": true,
                    "automaticPresenceSimulation": true,
                })),
            })
            .await
            .context("adding a virtual authenticator (WebDriver WebAuthn extension)")?;
        let id = answer
            .as_str()
            .with_context(|| format!("authenticator id in {answer}"))?
            .to_owned();
        Ok(VirtualAuthenticator {
            browser: browser.clone(),
            id,
        })
    }

    /// The credentials stored on the authenticator (`{credentialId, isResidentCredential, rpId,
    /// userHandle, signCount, …}` each).
    pub async fn credentials(&self) -> anyhow::Result<Vec<Value>> {
        let answer = self
            .browser
            .client()
            .issue_cmd(WebauthnCommand {
                path: format!("authenticator/{}/credentials", self.id),
                body: None,
            })
            .await
            .context("reading the virtual authenticator's credentials")?;
        answer
            .as_array()
            .cloned()
            .with_context(|| format!("credential list in {answer}"))
    }
}
