//! One WebDriver browser session (headless Chromium, fresh profile) and the page helpers the
//! tests use: polled finds inside shadow roots, script evaluation, the page's event log.

use crate::wait::{wait_for, DEFAULT_TIMEOUT};
use anyhow::Context as _;
use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Chromium flags for every session (the profile directory is added per session).
const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1024,900",
];

/// Looks up `inner` inside the open shadow root of the first `host` and describes it, or says
/// what is missing.
const SHADOW_QUERY: &str = r#"
const [hostSelector, innerSelector] = arguments;
const host = document.querySelector(hostSelector);
if (!host) return { missing: `no element matches ${hostSelector}` };
if (!host.shadowRoot) return { missing: `${hostSelector} has no open shadow root yet` };
const node = host.shadowRoot.querySelector(innerSelector);
if (!node) {
  const holds = host.shadowRoot.innerHTML.replace(/\s+/g, " ").slice(0, 600);
  return { missing: `no ${innerSelector} inside ${hostSelector}; its shadow root holds: ${holds}` };
}
return {
  text: node.textContent ?? "",
  visible_text: node.innerText ?? "",
  html: node.outerHTML,
  attributes: Object.fromEntries(Array.from(node.attributes, (a) => [a.name, a.value])),
};
"#;

/// Page state for failure reports: the URL, the light DOM, every open shadow root, the event log.
const DUMP: &str = r#"
const parts = [`URL: ${location.href}`, "", "DOCUMENT:", document.documentElement.outerHTML];
for (const node of document.querySelectorAll("*")) {
  if (node.shadowRoot) parts.push("", `SHADOW ROOT OF <${node.localName}>:`, node.shadowRoot.innerHTML);
}
return parts.join("\n");
"#;

/// Makes a document report that it has no conditional mediation (passkey autofill).
const NO_CONDITIONAL_MEDIATION: &str = "if (window.PublicKeyCredential) { \
    PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false); }";

/// A Chromium DevTools Protocol command, sent through chromedriver's `goog/cdp/execute` endpoint.
#[derive(Debug)]
struct CdpCommand {
    method: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// What a shadow-root query found: the element's text, markup and attributes.
#[derive(Debug, Clone)]
pub struct ShadowNode {
    /// `textContent` (all text, including hidden parts such as closed `<details>`).
    pub text: String,
    /// `innerText` (the text as rendered).
    pub visible_text: String,
    /// `outerHTML`.
    pub html: String,
    /// Attribute name → value.
    pub attributes: BTreeMap<String, String>,
}

/// A WebDriver session in a fresh headless Chromium profile.
#[derive(Clone)]
pub struct Browser {
    client: Client,
}

impl Browser {
    /// Opens a session at `webdriver` with Chromium `binary` and profile directory `profile`.
    pub(crate) async fn open(
        webdriver: &str,
        binary: &Path,
        profile: &Path,
    ) -> anyhow::Result<Self> {
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|arg| arg.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": binary, "args": args }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(webdriver)
            .await
            .with_context(|| format!("opening a Chromium session at {webdriver}"))?;
        Ok(Browser { client })
    }

    /// The underlying fantoccini client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Navigates to `url` and waits for the load event.
    pub async fn goto(&self, url: &str) -> anyhow::Result<()> {
        self.client
            .goto(url)
            .await
            .with_context(|| format!("navigating to {url}"))
    }

    /// Reloads the page and checks a new document was loaded (a marker left on the old window is
    /// gone). Unlike [`Browser::goto`] with the current address, which is only a same-document
    /// navigation when the address has a fragment.
    pub async fn reload(&self) -> anyhow::Result<()> {
        self.eval("window.__hankoE2eBeforeReload = true;", vec![])
            .await?;
        self.client.refresh().await.context("reloading the page")?;
        let kept = self
            .eval("return window.__hankoE2eBeforeReload === true;", vec![])
            .await?;
        anyhow::ensure!(
            kept == Value::Bool(false),
            "reloading should load a new document"
        );
        Ok(())
    }

    /// The address bar.
    pub async fn url(&self) -> anyhow::Result<url::Url> {
        self.client.current_url().await.context("reading the URL")
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page and returns its result.
    pub async fn eval(&self, script: &str, args: Vec<Value>) -> anyhow::Result<Value> {
        self.client
            .execute(script, args)
            .await
            .context("running a script in the page")
    }

    /// Runs asynchronous `script`; it reports its result by calling the last entry of `arguments`.
    pub async fn eval_async(&self, script: &str, args: Vec<Value>) -> anyhow::Result<Value> {
        self.client
            .execute_async(script, args)
            .await
            .context("running an asynchronous script in the page")
    }

    /// Waits until the address bar satisfies `accept`; `what` describes the awaited URL.
    pub async fn wait_for_url(
        &self,
        what: &str,
        accept: impl Fn(&url::Url) -> bool,
    ) -> anyhow::Result<url::Url> {
        let client = &self.client;
        let accept = &accept;
        wait_for(what, DEFAULT_TIMEOUT, || async move {
            let url = client.current_url().await.map_err(|e| e.to_string())?;
            if accept(&url) {
                Ok(url)
            } else {
                Err(format!("URL {url}"))
            }
        })
        .await
    }

    /// One look at `inner` inside the shadow root of `host`: `Err(what is missing)` if absent.
    pub async fn shadow(
        &self,
        host: &str,
        inner: &str,
    ) -> anyhow::Result<Result<ShadowNode, String>> {
        let answer = self
            .eval(SHADOW_QUERY, vec![json!(host), json!(inner)])
            .await?;
        if let Some(missing) = answer.get("missing").and_then(Value::as_str) {
            return Ok(Err(missing.to_owned()));
        }
        let text = |key: &str| {
            answer
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let attributes = answer
            .get("attributes")
            .and_then(Value::as_object)
            .map(|map| {
                map.iter()
                    .map(|(name, value)| {
                        (name.clone(), value.as_str().unwrap_or_default().to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Ok(ShadowNode {
            text: text("text"),
            visible_text: text("visible_text"),
            html: text("html"),
            attributes,
        }))
    }

    /// Waits until `inner` exists inside the shadow root of `host` and `accept` holds for it.
    pub async fn wait_for_shadow(
        &self,
        host: &str,
        inner: &str,
        what: &str,
        accept: impl Fn(&ShadowNode) -> bool,
    ) -> anyhow::Result<ShadowNode> {
        let accept = &accept;
        wait_for(what, DEFAULT_TIMEOUT, || async move {
            match self.shadow(host, inner).await {
                Ok(Ok(node)) if accept(&node) => Ok(node),
                Ok(Ok(node)) => Err(format!("{inner} is {}", node.html)),
                Ok(Err(missing)) => Err(missing),
                Err(error) => Err(format!("{error:#}")),
            }
        })
        .await
    }

    /// Waits until the rendered text of the shadow root of `host` contains `needle`; returns
    /// that text.
    pub async fn wait_for_shadow_text(&self, host: &str, needle: &str) -> anyhow::Result<String> {
        let script = r#"
const host = document.querySelector(arguments[0]);
if (!host || !host.shadowRoot) return null;
return Array.from(host.shadowRoot.children)
  .filter((node) => node.localName !== "style")
  .map((node) => node.innerText ?? node.textContent)
  .join("\n");
"#;
        let what = format!("{needle:?} in the shadow root of {host}");
        wait_for(&what, DEFAULT_TIMEOUT, || async move {
            let text = self
                .eval(script, vec![json!(host)])
                .await
                .map_err(|e| format!("{e:#}"))?;
            match text.as_str() {
                Some(text) if text.contains(needle) => Ok(text.to_owned()),
                Some(text) => Err(format!("text {text:?}")),
                None => Err(format!("{host} or its shadow root is missing")),
            }
        })
        .await
    }

    /// Waits until the WebDriver can reach `inner` inside the shadow root of `host` (the wasm or
    /// script may still be loading) and returns it.
    pub async fn find_in_shadow(&self, host: &str, inner: &str) -> anyhow::Result<Element> {
        self.find_in_shadow_where(host, inner, None).await
    }

    /// Like [`Browser::find_in_shadow`], for the first `inner` whose text contains `text`.
    pub async fn find_in_shadow_by_text(
        &self,
        host: &str,
        inner: &str,
        text: &str,
    ) -> anyhow::Result<Element> {
        self.find_in_shadow_where(host, inner, Some(text)).await
    }

    async fn find_in_shadow_where(
        &self,
        host: &str,
        inner: &str,
        text: Option<&str>,
    ) -> anyhow::Result<Element> {
        let client = &self.client;
        let what = match text {
            Some(text) => format!("a {inner} containing {text:?} inside the shadow root of {host}"),
            None => format!("{inner} inside the shadow root of {host}"),
        };
        wait_for(&what, DEFAULT_TIMEOUT, || async move {
            let host_element = client
                .find(Locator::Css(host))
                .await
                .map_err(|e| format!("{host}: {e}"))?;
            let root = host_element
                .shadow_root()
                .await
                .map_err(|e| format!("shadow root of {host}: {e}"))?;
            let candidates = root
                .find_all(Locator::Css(inner))
                .await
                .map_err(|e| format!("{inner}: {e}"))?;
            let mut seen = Vec::new();
            for candidate in candidates {
                let Some(text) = text else {
                    return Ok(candidate);
                };
                let label = candidate.text().await.map_err(|e| e.to_string())?;
                if label.contains(text) {
                    return Ok(candidate);
                }
                seen.push(label);
            }
            Err(format!("{inner} elements with texts {seen:?}"))
        })
        .await
    }

    /// Clicks `inner` inside the shadow root of `host` once it is there and enabled; retries when
    /// a re-render replaced the element between finding and clicking.
    pub async fn click_in_shadow(&self, host: &str, inner: &str) -> anyhow::Result<()> {
        let what = format!("to click an enabled {inner} inside the shadow root of {host}");
        wait_for(&what, DEFAULT_TIMEOUT, || async move {
            let element = self
                .find_in_shadow(host, inner)
                .await
                .map_err(|e| format!("{e:#}"))?;
            if !element.is_enabled().await.map_err(|e| e.to_string())? {
                return Err(format!("{inner} is disabled"));
            }
            element
                .click()
                .await
                .map_err(|e| format!("click failed: {e}"))
        })
        .await
    }

    /// Clicks the light-DOM element `selector` once it exists (e.g. a button on the simulated
    /// Microsoft page).
    pub async fn click(&self, selector: &str) -> anyhow::Result<()> {
        let client = &self.client;
        let what = format!("to click {selector}");
        wait_for(&what, DEFAULT_TIMEOUT, || async move {
            let element = match client.find(Locator::Css(selector)).await {
                Ok(element) => element,
                Err(error) => {
                    let url = client
                        .current_url()
                        .await
                        .map(String::from)
                        .unwrap_or_default();
                    return Err(format!("{selector}: {error} (page {url})"));
                }
            };
            element
                .click()
                .await
                .map_err(|e| format!("click failed: {e}"))
        })
        .await
    }

    /// The page's event log: every line of the light-DOM `#events` element parsed as JSON
    /// (`{"type": "...", "detail": ...}`).
    pub async fn events(&self) -> anyhow::Result<Vec<Value>> {
        let log = self
            .eval(
                "const log = document.getElementById('events'); return log ? log.textContent : null;",
                vec![],
            )
            .await?;
        let log = log.as_str().context("the page has no #events log")?;
        log.lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                serde_json::from_str(line)
                    .with_context(|| format!("event log line {line:?} is not JSON"))
            })
            .collect()
    }

    /// Waits until the event log holds an event of type `kind` and returns its `detail`.
    pub async fn wait_for_event(&self, kind: &str) -> anyhow::Result<Value> {
        let what = format!("a {kind} event in the page's #events log");
        wait_for(&what, DEFAULT_TIMEOUT, || async move {
            let events = self.events().await.map_err(|e| format!("{e:#}"))?;
            events
                .iter()
                .find(|event| event.get("type").and_then(Value::as_str) == Some(kind))
                .map(|event| event.get("detail").cloned().unwrap_or(Value::Null))
                .ok_or_else(|| format!("events {}", Value::Array(events.clone())))
        })
        .await
    }

    /// Asks `GET {api}/sessions/validate` from the page (`credentials: "include"`, plus
    /// `Authorization: Bearer <bearer>` if given) and returns the JSON answer.
    pub async fn validate_session(&self, api: &str, bearer: Option<&str>) -> anyhow::Result<Value> {
        let script = r#"
const [api, bearer, done] = arguments;
const headers = bearer ? { Authorization: `Bearer ${bearer}` } : {};
fetch(`${api}/sessions/validate`, { credentials: "include", headers })
  .then(async (response) => done({ status: response.status, body: await response.json() }))
  .catch((error) => done({ error: String(error) }));
"#;
        let answer = self
            .eval_async(script, vec![json!(api), json!(bearer)])
            .await?;
        if let Some(error) = answer.get("error") {
            anyhow::bail!("GET {api}/sessions/validate from the page failed: {error}");
        }
        anyhow::ensure!(
            answer.get("status") == Some(&json!(200)),
            "GET {api}/sessions/validate from the page answered {answer}"
        );
        Ok(answer.get("body").cloned().unwrap_or(Value::Null))
    }

    /// Saves a screenshot to `png` and a page dump (URL, DOM, shadow roots) to `txt`.
    pub(crate) async fn save_artifacts(&self, png: &Path, txt: &Path) -> anyhow::Result<()> {
        let screenshot = self
            .client
            .screenshot()
            .await
            .context("taking a screenshot")?;
        std::fs::write(png, screenshot).with_context(|| format!("writing {}", png.display()))?;
        let dump = self.eval(DUMP, vec![]).await?;
        std::fs::write(txt, dump.as_str().unwrap_or_default())
            .with_context(|| format!("writing {}", txt.display()))
    }

    /// Makes the page see `prefers-color-scheme: <scheme>` (`light` or `dark`) from now on,
    /// across navigations in this tab (DevTools `Emulation.setEmulatedMedia`).
    pub async fn emulate_color_scheme(&self, scheme: &str) -> anyhow::Result<()> {
        let command = CdpCommand {
            method: "Emulation.setEmulatedMedia",
            params: json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        };
        self.client
            .issue_cmd(command)
            .await
            .with_context(|| format!("emulating prefers-color-scheme: {scheme}"))?;
        Ok(())
    }

    /// From the next page load on, the page sees no conditional mediation
    /// (`PublicKeyCredential.isConditionalMediationAvailable()` resolves to `false`), as in a
    /// browser without passkey autofill. ChromeDriver's virtual authenticator answers a
    /// conditional request by itself, at once, with any passkey it holds; a test of another
    /// passkey path on a page that would ask for the autofill turns it off this way.
    pub async fn disable_conditional_mediation(&self) -> anyhow::Result<()> {
        let command = CdpCommand {
            method: "Page.addScriptToEvaluateOnNewDocument",
            params: json!({ "source": NO_CONDITIONAL_MEDIATION }),
        };
        self.client
            .issue_cmd(command)
            .await
            .context("adding a script for new documents (Page.addScriptToEvaluateOnNewDocument)")?;
        Ok(())
    }

    /// Ends the session (and with it the browser).
    pub(crate) async fn close(self) -> anyhow::Result<()> {
        self.client
            .close()
            .await
            .context("closing the browser session")
    }
}
