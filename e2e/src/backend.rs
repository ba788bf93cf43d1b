//! The dev backend (`hanko-devserver`), started in-process for one test.

use anyhow::Context as _;
use hanko_devserver::{Config, Running};

/// Backend settings for a page on another site than the API (a `localhost` page, as WebAuthn
/// needs, with the API on `127.0.0.1`): the session travels in a header, not a cookie.
pub fn header_mode(config: &mut Config) {
    config.session_mode = hanko_devserver::SessionMode::Header;
}

/// A running dev backend: Hanko's Flow API plus the simulated Microsoft identity platform, both
/// on free loopback ports. Stops with the test's runtime.
pub struct Backend {
    running: Running,
}

impl Backend {
    /// Starts a backend from [`Config::for_tests`] after `configure` has adjusted it.
    pub async fn start(configure: impl FnOnce(&mut Config)) -> anyhow::Result<Self> {
        let mut config = Config::for_tests();
        configure(&mut config);
        let running = hanko_devserver::spawn(config)
            .await
            .context("starting the dev backend (hanko_devserver::spawn)")?;
        Ok(Backend { running })
    }

    /// The Hanko API URL the element is registered with, e.g. `http://127.0.0.1:40001`.
    pub fn api(&self) -> String {
        self.running.hanko_url()
    }

    /// The URL of the simulated Microsoft side, e.g. `http://127.0.0.1:40002`.
    pub fn microsoft(&self) -> String {
        self.running.microsoft_url()
    }

    /// Waits for a passcode to `to` in the backend's outbox (`GET /outbox.json`, where a person
    /// reads it on `/outbox`) and returns the newest one.
    pub async fn passcode_for(&self, to: &str) -> anyhow::Result<String> {
        let url = format!("{}/outbox.json", self.api());
        let what = format!("a passcode to {to} in the outbox");
        crate::wait_for(&what, crate::DEFAULT_TIMEOUT, || {
            let url = url.clone();
            async move {
                let outbox: serde_json::Value = reqwest::get(&url)
                    .await
                    .map_err(|e| e.to_string())?
                    .json()
                    .await
                    .map_err(|e| e.to_string())?;
                outbox["passcodes"]
                    .as_array()
                    .and_then(|list| list.iter().find(|p| p["to"] == to))
                    .and_then(|p| p["code"].as_str())
                    .map(str::to_owned)
                    .ok_or_else(|| format!("outbox {outbox}"))
            }
        })
        .await
    }

    /// Waits until the backend holds a request named `name` (test aid `holds`: `GET /holds`
    /// lists it); the page that sent it then waits for its answer until the backend stops.
    pub async fn wait_until_held(&self, name: &str) -> anyhow::Result<()> {
        let url = format!("{}/holds", self.api());
        let what = format!("the dev backend to hold a request {name}");
        crate::wait_for(&what, crate::DEFAULT_TIMEOUT, || {
            let url = url.clone();
            async move {
                let holds: serde_json::Value = reqwest::get(&url)
                    .await
                    .map_err(|e| e.to_string())?
                    .json()
                    .await
                    .map_err(|e| e.to_string())?;
                let held = holds["held"]
                    .as_array()
                    .is_some_and(|list| list.iter().any(|held| held == name));
                if held {
                    Ok(())
                } else {
                    Err(format!("GET /holds: {holds}"))
                }
            }
        })
        .await
    }

    /// Lets every held request go on (test aid `holds`: `POST /holds/release`); returns how many
    /// there were.
    pub async fn release_holds(&self) -> anyhow::Result<u64> {
        let answer: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/holds/release", self.api()))
            .send()
            .await
            .context("POST /holds/release")?
            .json()
            .await
            .context("the answer of POST /holds/release")?;
        answer["released"]
            .as_u64()
            .with_context(|| format!("POST /holds/release answered {answer}"))
    }

    /// Asks `GET /sessions/validate` about `token` (sent as `Authorization: Bearer`), from the
    /// test process rather than the page; returns the JSON answer.
    pub async fn validate_bearer(&self, token: &str) -> anyhow::Result<serde_json::Value> {
        let response = reqwest::Client::new()
            .get(format!("{}/sessions/validate", self.api()))
            .bearer_auth(token)
            .send()
            .await
            .context("GET /sessions/validate")?;
        let status = response.status();
        anyhow::ensure!(
            status.is_success(),
            "GET /sessions/validate answered {status}"
        );
        response
            .json()
            .await
            .context("GET /sessions/validate: body is not JSON")
    }
}
