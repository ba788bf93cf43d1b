//! Start-up time and sign-in round-trip time of the dev server.
//!
//! Run with `cargo run --release -p hanko-devserver --example bench`.
//!
//! - start-up: from calling `spawn` to the first successful `POST /login` (target < 1 s);
//! - round trip: the summed durations of the requests of one full sign-in (login → capabilities →
//!   thirdparty_oauth → authorize page → account form post → callback (which itself redeems the code and
//!   fetches the JWKS over HTTP) → exchange_token → validate → logout), measured by the client on loopback;
//!   median over 50 round trips (target < 50 ms).

use std::time::{Duration, Instant};

use hanko_devserver::{spawn, Config};
use reqwest::{redirect, Client};
use serde_json::{json, Value};

const VERIFIER: &str = "Zr8Qm1xLw2Kd9Tn4Hb7Pc3Vy6Fj0Sg5Ra8Ue2Wi4Ok1Nl7Mz3Xq9Yt6Ab0Cd5Ef_";
const ROUNDS: usize = 50;

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

/// A fully read response.
struct Reply {
    status: reqwest::StatusCode,
    location: Option<String>,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> BenchResult<Value> {
        Ok(serde_json::from_slice(&self.body)?)
    }

    fn location(&self) -> BenchResult<String> {
        self.location.clone().ok_or_else(|| "no Location".into())
    }
}

/// Sends a request, reads the whole body, and adds the duration to `spent`.
async fn timed(spent: &mut Duration, request: reqwest::RequestBuilder) -> BenchResult<Reply> {
    let start = Instant::now();
    let response = request.send().await?;
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response.bytes().await?.to_vec();
    *spent += start.elapsed();
    Ok(Reply {
        status,
        location,
        body,
    })
}

fn form_fields(html: &str) -> Vec<(String, String)> {
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    html.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .filter_map(|chunk| {
            let (name, rest) = chunk.split_once("\" value=\"")?;
            let (value, _) = rest.split_once('"')?;
            Some((unescape(name), unescape(value)))
        })
        .collect()
}

async fn act(
    spent: &mut Duration,
    client: &Client,
    api: &str,
    state: &Value,
    action: &str,
    input: Value,
) -> BenchResult<Value> {
    let href = state["actions"][action]["href"]
        .as_str()
        .ok_or("action missing")?;
    let body = json!({"input_data": input, "csrf_token": state["csrf_token"]});
    timed(spent, client.post(format!("{api}{href}")).json(&body))
        .await?
        .json()
}

async fn round_trip(client: &Client, api: &str, microsoft: &str) -> BenchResult<Duration> {
    let mut spent = Duration::ZERO;
    let preflight: Value = timed(&mut spent, client.post(format!("{api}/login")))
        .await?
        .json()?;
    let init = act(
        &mut spent,
        client,
        api,
        &preflight,
        "register_client_capabilities",
        json!({"webauthn_available": false}),
    )
    .await?;
    let thirdparty = act(
        &mut spent,
        client,
        api,
        &init,
        "thirdparty_oauth",
        json!({"provider": "microsoft", "redirect_to": "http://127.0.0.1:9999/app", "code_verifier": VERIFIER}),
    )
    .await?;
    let authorize = thirdparty["payload"]["redirect_url"]
        .as_str()
        .ok_or("no redirect_url")?;
    let page = String::from_utf8(timed(&mut spent, client.get(authorize)).await?.body)?;
    let mut fields = form_fields(&page);
    fields.push(("choice".into(), "account-work".into()));
    let chosen = timed(
        &mut spent,
        client
            .post(format!("{microsoft}/common/oauth2/v2.0/authorize"))
            .form(&fields),
    )
    .await?;
    let callback = timed(&mut spent, client.get(chosen.location()?)).await?;
    let back = url::Url::parse(&callback.location()?)?;
    let token = back
        .query_pairs()
        .find(|(k, _)| k == "hanko_token")
        .map(|(_, v)| v.into_owned())
        .ok_or("no hanko_token")?;
    let success = act(
        &mut spent,
        client,
        api,
        &thirdparty,
        "exchange_token",
        json!({"token": token, "code_verifier": VERIFIER}),
    )
    .await?;
    if success["name"] != "success" {
        return Err(format!("unexpected state {}", success["name"]).into());
    }
    let valid = timed(&mut spent, client.get(format!("{api}/sessions/validate")))
        .await?
        .json()?;
    if valid["is_valid"] != true {
        return Err("session not valid".into());
    }
    let logout = timed(&mut spent, client.post(format!("{api}/logout"))).await?;
    if logout.status != 204 {
        return Err("logout failed".into());
    }
    Ok(spent)
}

#[tokio::main]
async fn main() -> BenchResult<()> {
    let client = Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .no_proxy()
        .build()?;

    let started = Instant::now();
    let server = spawn(Config::for_tests()).await?;
    let api = server.hanko_url();
    let microsoft = server.microsoft_url();
    let first = client.post(format!("{api}/login")).send().await?;
    if !first.status().is_success() {
        return Err("first request failed".into());
    }
    let startup = started.elapsed();

    let mut times = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        times.push(round_trip(&client, &api, &microsoft).await?);
    }
    times.sort();
    let median = times[ROUNDS / 2];

    println!(
        "start-up (spawn to first successful request): {:>8.1} ms   target < 1 s",
        startup.as_secs_f64() * 1e3
    );
    println!(
        "sign-in round trip, server time (median of {ROUNDS}): {:>8.2} ms   target < 50 ms   (min {:.2} ms, max {:.2} ms)",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[ROUNDS - 1].as_secs_f64() * 1e3
    );
    server.shutdown().await;
    Ok(())
}
