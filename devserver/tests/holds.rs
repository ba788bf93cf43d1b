//! Test aid `holds`: held requests wait until `POST /holds/release`, `GET /holds` lists them.

mod common;

use std::time::{Duration, Instant};

use common::*;
use hanko_devserver::Config;
use serde_json::{json, Value};
use tokio::task::JoinHandle;

/// How long a request that is not held may take here.
const PROMPT: Duration = Duration::from_secs(10);

fn holding(names: &[&str]) -> Config {
    Config {
        holds: names.iter().map(|name| name.to_string()).collect(),
        ..Config::for_tests()
    }
}

async fn get_json(h: &Harness, path: &str) -> (u16, Value) {
    let response = h.client.get(h.hanko(path)).send().await.expect("GET");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Waits until `GET /holds` lists exactly `expected`.
async fn wait_until_held(h: &Harness, expected: &[&str]) {
    let deadline = Instant::now() + PROMPT;
    loop {
        let (status, body) = get_json(h, "/holds").await;
        assert_eq!(status, 200, "{body}");
        if body == json!({ "held": expected }) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "GET /holds should list {expected:?}, lists {body}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn release(h: &Harness) -> Value {
    let response = h
        .client
        .post(h.hanko("/holds/release"))
        .send()
        .await
        .expect("POST /holds/release");
    assert_eq!(response.status(), 200);
    response.json().await.expect("JSON")
}

/// `POST /<flow>` (the flow's start) in a task of its own.
fn start_flow_in_background(h: &Harness, flow: &str) -> JoinHandle<Reply> {
    let request = h
        .client
        .post(h.hanko(&format!("/{flow}")))
        .header("content-type", "application/json")
        .body("null");
    tokio::spawn(async move { Harness::reply(request.send().await.expect("start")).await })
}

async fn finished<T>(task: JoinHandle<T>) -> T {
    tokio::time::timeout(PROMPT, task)
        .await
        .expect("the request should be answered once released")
        .expect("the request task")
}

#[tokio::test]
async fn a_held_action_waits_until_released() {
    let h = Harness::start(holding(&["exchange_token"])).await;
    // The actions on the way to Microsoft and the callback are not held.
    let (thirdparty, back) = tokio::time::timeout(
        PROMPT,
        h.round_trip("login", "account-work", Some(VERIFIER)),
    )
    .await
    .expect("only exchange_token is held");
    let token = query_param(&back, "hanko_token").expect("hanko_token");
    let csrf = thirdparty.body["csrf_token"].as_str().expect("csrf_token");
    let request = h
        .client
        .post(h.hanko(&thirdparty.href("exchange_token")))
        .json(&json!({
            "input_data": {"token": token, "code_verifier": VERIFIER},
            "csrf_token": csrf,
        }));
    let exchange =
        tokio::spawn(async move { Harness::reply(request.send().await.expect("act")).await });

    wait_until_held(&h, &["exchange_token"]).await;
    assert!(!exchange.is_finished(), "a held request is not answered");
    assert_eq!(release(&h).await, json!({"released": 1}));
    let success = finished(exchange).await;
    assert_eq!(success.status, 200, "{}", success.body);
    assert_eq!(success.body["name"], "success");
    assert_eq!(get_json(&h, "/holds").await.1, json!({"held": []}));
}

#[tokio::test]
async fn a_held_path_holds_the_requests_without_action_again_after_each_release() {
    let h = Harness::start(holding(&["/login"])).await;
    let start = start_flow_in_background(&h, "login");
    wait_until_held(&h, &["/login"]).await;
    assert_eq!(release(&h).await, json!({"released": 1}));
    let preflight = finished(start).await;
    assert_eq!(preflight.body["name"], "preflight", "{}", preflight.body);

    // The flow's actions go to /login too, and are not held: they are named by their action.
    let init = tokio::time::timeout(
        PROMPT,
        h.act(
            &preflight,
            "register_client_capabilities",
            json!({"webauthn_available": false}),
        ),
    )
    .await
    .expect("an action on a held path is not held");
    assert_eq!(init.body["name"], "login_init");

    // The next start waits again, and a registration's start is not held.
    let again = start_flow_in_background(&h, "login");
    wait_until_held(&h, &["/login"]).await;
    let registration = tokio::time::timeout(PROMPT, h.start_flow("registration"))
        .await
        .expect("/registration is not held");
    assert_eq!(registration.body["name"], "preflight");
    assert_eq!(release(&h).await, json!({"released": 1}));
    assert_eq!(finished(again).await.body["name"], "preflight");
}

#[tokio::test]
async fn stopping_the_server_lets_held_requests_go_on() {
    let h = Harness::start(holding(&["/login"])).await;
    let start = start_flow_in_background(&h, "login");
    wait_until_held(&h, &["/login"]).await;
    let stopping = Instant::now();
    h.server.shutdown().await;
    assert!(
        stopping.elapsed() < Duration::from_secs(2),
        "the shutdown should not wait for the held request: {:?}",
        stopping.elapsed()
    );
    assert_eq!(finished(start).await.body["name"], "preflight");
}

#[tokio::test]
async fn without_holds_there_are_no_control_endpoints() {
    let h = Harness::default().await;
    assert_eq!(get_json(&h, "/holds").await.0, 404);
    let response = h
        .client
        .post(h.hanko("/holds/release"))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 404);
}

#[test]
fn the_control_endpoints_and_empty_names_cannot_be_held() {
    for name in ["/holds", "/holds/release", "", "exchange token"] {
        let error = holding(&[name])
            .validate()
            .expect_err("an unusable hold name is refused");
        assert!(error.to_string().contains("hold"), "{error}");
    }
    holding(&["exchange_token", "/login"])
        .validate()
        .expect("action names and paths are accepted");
}
