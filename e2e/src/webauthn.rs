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

/// A WebAuthn credential to put on a virtual authenticator (ChromeDriver's `addCredential`).
#[derive(Debug, Clone, Copy)]
pub struct Credential {
    /// Credential id, base64url.
    pub id: &'static str,
    /// The RP ID it is scoped to.
    pub rp_id: &'static str,
    /// PKCS#8 private key, base64url.
    pub private_key: &'static str,
    /// User handle (base64url) of a resident passkey; `None` for a server-side credential such as
    /// a security key.
    pub user_handle: Option<&'static str>,
}

impl Credential {
    /// The dev backend's seeded resident passkey of `passkey@example.com`.
    pub fn seeded_passkey() -> Self {
        use hanko_devserver::seed;
        Credential {
            id: seed::PASSKEY_CREDENTIAL_ID,
            rp_id: seed::RP_ID,
            private_key: seed::PASSKEY_PRIVATE_KEY,
            user_handle: Some(seed::PASSKEY_USER_HANDLE),
        }
    }

    /// The dev backend's seeded security key of `security-key@example.com` (not resident).
    pub fn seeded_security_key() -> Self {
        use hanko_devserver::seed;
        Credential {
            id: seed::SECURITY_KEY_CREDENTIAL_ID,
            rp_id: seed::RP_ID,
            private_key: seed::SECURITY_KEY_PRIVATE_KEY,
            user_handle: None,
        }
    }
}

/// What a virtual authenticator stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A platform authenticator (`internal`) that always consents.
    Platform,
    /// A roaming security key (`usb`) that always consents.
    SecurityKey,
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
        Self::add_with(browser, Kind::Platform).await
    }

    /// Adds an authenticator of `kind`.
    pub async fn add_with(browser: &Browser, kind: Kind) -> anyhow::Result<Self> {
        let transport = match kind {
            Kind::Platform => "internal",
            Kind::SecurityKey => "usb",
        };
        let answer = browser
            .client()
            .issue_cmd(WebauthnCommand {
                path: "authenticator".into(),
                body: Some(json!({
                    "protocol": "ctap2",
                    "transport": transport,
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

    /// Puts `credential` on the authenticator (the WebDriver `addCredential` command).
    pub async fn add_credential(&self, credential: &Credential) -> anyhow::Result<()> {
        let mut body = json!({
            "credentialId": credential.id,
            "isResidentCredential": credential.user_handle.is_some(),
            "rpId": credential.rp_id,
            "privateKey": credential.private_key,
            "signCount": 0,
        });
        if let Some(handle) = credential.user_handle {
            body["userHandle"] = json!(handle);
        }
        self.browser
            .client()
            .issue_cmd(WebauthnCommand {
                path: format!("authenticator/{}/credential", self.id),
                body: Some(body),
            })
            .await
            .context("adding a credential to the virtual authenticator")?;
        Ok(())
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
