//! Test helpers: a spawned server, an HTTP client with a cookie store, and a browser-like walk through the flow.
#![allow(dead_code)]

use std::collections::HashMap;

use hanko_devserver::{Config, Running};
use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{redirect, Client, StatusCode};
use serde_json::{json, Value};

/// A fixed PKCE verifier (64 chars from the unreserved set, like the SDK's).
pub const VERIFIER: &str = "Zr8Qm1xLw2Kd9Tn4Hb7Pc3Vy6Fj0Sg5Ra8Ue2Wi4Ok1Nl7Mz3Xq9Yt6Ab0Cd5Ef_";

/// Where the app page lives (any allowed URL).
pub const APP_URL: &str = "http://127.0.0.1:9999/app?tab=1";

/// A spawned server plus a client.
pub struct Harness {
    /// The server.
    pub server: Running,
    /// Client with cookie store, never following redirects.
    pub client: Client,
}

/// A reply: status, headers, JSON (or `Null`).
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect()
    }

    /// `href` of an offered action.
    pub fn href(&self, action: &str) -> String {
        self.body["actions"][action]["href"]
            .as_str()
            .unwrap_or_else(|| panic!("action {action} not offered in {}", self.body))
            .to_string()
    }
}

pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .no_proxy()
        .build()
        .expect("client")
}

impl Harness {
    pub async fn start(config: Config) -> Harness {
        let server = hanko_devserver::spawn(config).await.expect("spawn");
        Harness {
            server,
            client: client(),
        }
    }

    pub async fn default() -> Harness {
        Harness::start(Config::for_tests()).await
    }

    pub fn hanko(&self, path: &str) -> String {
        format!("{}{}", self.server.hanko_url(), path)
    }

    pub async fn reply(response: reqwest::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }

    /// `POST /<flow>` without body.
    pub async fn start_flow(&self, flow: &str) -> Reply {
        let response = self
            .client
            .post(self.hanko(&format!("/{flow}")))
            .header("content-type", "application/json")
            .body("null")
            .send()
            .await
            .expect("start");
        Harness::reply(response).await
    }

    /// Runs `action` of `state` with `input` and the state's csrf token.
    pub async fn act(&self, state: &Reply, action: &str, input: Value) -> Reply {
        let csrf = state.body["csrf_token"].as_str().unwrap_or("").to_string();
        self.act_with_csrf(&state.href(action), input, &csrf).await
    }

    pub async fn act_with_csrf(&self, href: &str, input: Value, csrf: &str) -> Reply {
        let response = self
            .client
            .post(self.hanko(href))
            .header("content-type", "application/json")
            .json(&json!({"input_data": input, "csrf_token": csrf}))
            .send()
            .await
            .expect("act");
        Harness::reply(response).await
    }

    /// The newest passcode sent to `to`, read from `GET /outbox.json`.
    pub async fn last_passcode(&self, to: &str) -> String {
        self.last_mail(to).await.0
    }

    /// `login` (or `registration`) up to the init state with the capabilities `caps`.
    pub async fn init_with(&self, flow: &str, caps: Value) -> Reply {
        let preflight = self.start_flow(flow).await;
        let init = self
            .act(&preflight, "register_client_capabilities", caps)
            .await;
        assert_eq!(init.status, 200, "{}", init.body);
        init
    }

    /// Runs `action` with an explicit `Cookie` header (e.g. the device-trust cookie).
    pub async fn act_with_cookie(
        &self,
        state: &Reply,
        action: &str,
        input: Value,
        cookie: &str,
    ) -> Reply {
        let csrf = state.body["csrf_token"].as_str().unwrap_or("").to_string();
        let response = self
            .client
            .post(self.hanko(&state.href(action)))
            .header("cookie", cookie)
            .json(&json!({"input_data": input, "csrf_token": csrf}))
            .send()
            .await
            .expect("act");
        Harness::reply(response).await
    }

    /// The newest outbox entry for `to`: `(code, template)`.
    pub async fn last_mail(&self, to: &str) -> (String, String) {
        let outbox: Value = self
            .client
            .get(self.hanko("/outbox.json"))
            .send()
            .await
            .expect("outbox")
            .json()
            .await
            .expect("outbox json");
        let entry = outbox["passcodes"]
            .as_array()
            .and_then(|list| list.iter().find(|p| p["to"] == to).cloned())
            .unwrap_or_else(|| panic!("no passcode for {to} in {outbox}"));
        (
            entry["code"].as_str().unwrap_or("").to_string(),
            entry["template"].as_str().unwrap_or("").to_string(),
        )
    }

    /// `login` (or `registration`) up to `login_init`, telling that WebAuthn is not available.
    pub async fn init(&self, flow: &str) -> Reply {
        self.init_caps(flow, false).await
    }

    /// `login` (or `registration`) up to `login_init` with `webauthn_available` = `webauthn`.
    pub async fn init_caps(&self, flow: &str, webauthn: bool) -> Reply {
        let preflight = self.start_flow(flow).await;
        assert_eq!(preflight.body["name"], "preflight");
        let init = self
            .act(
                &preflight,
                "register_client_capabilities",
                json!({"webauthn_available": webauthn, "webauthn_platform_authenticator_available": webauthn}),
            )
            .await;
        assert_eq!(init.status, 200, "{}", init.body);
        init
    }

    /// Up to the `thirdparty` state.
    pub async fn thirdparty(&self, flow: &str, redirect_to: &str, verifier: Option<&str>) -> Reply {
        self.thirdparty_caps(flow, redirect_to, verifier, false)
            .await
    }

    /// Up to the `thirdparty` state, with `webauthn_available` = `webauthn`.
    pub async fn thirdparty_caps(
        &self,
        flow: &str,
        redirect_to: &str,
        verifier: Option<&str>,
        webauthn: bool,
    ) -> Reply {
        let init = self.init_caps(flow, webauthn).await;
        let mut input = json!({"provider": "microsoft", "redirect_to": redirect_to});
        if let Some(v) = verifier {
            input["code_verifier"] = json!(v);
        }
        let state = self.act(&init, "thirdparty_oauth", input).await;
        assert_eq!(state.status, 200, "{}", state.body);
        assert_eq!(state.body["name"], "thirdparty");
        state
    }

    /// Opens the authorize page, presses the button `choice` (form post) and returns the Microsoft redirect.
    pub async fn choose(&self, authorize_url: &str, choice: &str) -> reqwest::Response {
        let page = self
            .client
            .get(authorize_url)
            .send()
            .await
            .expect("authorize page");
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("html");
        assert!(
            html.contains(&format!("id=\"{choice}\"")),
            "no #{choice} on page"
        );
        let form = parse_form(&html);
        let mut fields = form.fields;
        fields.push(("choice".into(), choice.into()));
        self.client
            .post(format!("{}{}", self.server.microsoft_url(), form.action))
            .form(&fields)
            .send()
            .await
            .expect("form post")
    }

    /// From `thirdparty` through Microsoft to the callback; returns the callback's reply (307).
    pub async fn callback_for(&self, thirdparty: &Reply, choice: &str) -> reqwest::Response {
        let authorize = thirdparty.body["payload"]["redirect_url"]
            .as_str()
            .expect("redirect_url");
        let ms = self.choose(authorize, choice).await;
        assert_eq!(ms.status(), 302);
        let location = location(&ms);
        assert!(
            location.starts_with(&self.hanko("/thirdparty/callback?")),
            "{location}"
        );
        self.client.get(location).send().await.expect("callback")
    }

    /// The whole round trip up to the return URL; returns (thirdparty state, return URL).
    pub async fn round_trip(
        &self,
        flow: &str,
        choice: &str,
        verifier: Option<&str>,
    ) -> (Reply, String) {
        let thirdparty = self.thirdparty(flow, APP_URL, verifier).await;
        let callback = self.callback_for(&thirdparty, choice).await;
        assert_eq!(callback.status(), 307);
        (thirdparty, location(&callback))
    }

    /// Full sign-in: returns the `exchange_token` reply.
    pub async fn sign_in(&self, flow: &str, choice: &str) -> Reply {
        self.sign_in_caps(flow, choice, false).await
    }

    /// Full sign-in with `webauthn_available` = `webauthn`: returns the `exchange_token` reply.
    pub async fn sign_in_caps(&self, flow: &str, choice: &str, webauthn: bool) -> Reply {
        let thirdparty = self
            .thirdparty_caps(flow, APP_URL, Some(VERIFIER), webauthn)
            .await;
        let callback = self.callback_for(&thirdparty, choice).await;
        assert_eq!(callback.status(), 307);
        let back = location(&callback);
        let token = query_param(&back, "hanko_token").expect("hanko_token");
        self.act(
            &thirdparty,
            "exchange_token",
            json!({"token": token, "code_verifier": VERIFIER}),
        )
        .await
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("Location")
        .to_string()
}

/// A query parameter of an absolute URL.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    parsed
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

pub fn query_map(url: &str) -> HashMap<String, String> {
    url::Url::parse(url)
        .map(|u| u.query_pairs().into_owned().collect())
        .unwrap_or_default()
}

pub struct Form {
    pub action: String,
    pub fields: Vec<(String, String)>,
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Reads the picker form: its action and hidden inputs.
pub fn parse_form(html: &str) -> Form {
    let action = regex::Regex::new(r#"<form method="post" action="([^"]*)">"#)
        .unwrap()
        .captures(html)
        .map(|c| unescape(&c[1]))
        .expect("form");
    let fields = regex::Regex::new(r#"<input type="hidden" name="([^"]*)" value="([^"]*)">"#)
        .unwrap()
        .captures_iter(html)
        .map(|c| (unescape(&c[1]), unescape(&c[2])))
        .collect();
    Form { action, fields }
}
pub mod authenticator;
