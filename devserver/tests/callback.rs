//! `/thirdparty/callback` failures and the POST → GET re-issue.

mod common;

use common::*;
use hanko_devserver::Config;

const ERROR_REDIRECT: &str = "http://127.0.0.1:8080";

async fn get(h: &Harness, path_and_query: &str) -> reqwest::Response {
    h.client.get(h.hanko(path_and_query)).send().await.unwrap()
}

#[tokio::test]
async fn missing_state_goes_to_the_error_redirect_url() {
    let h = Harness::default().await;
    let response = get(&h, "/thirdparty/callback?code=abc").await;
    assert_eq!(response.status(), 307);
    assert_eq!(
        location(&response),
        format!(
            "{ERROR_REDIRECT}?error=invalid_request&error_description=State+is+a+required+field"
        )
    );
}

#[tokio::test]
async fn forged_state_goes_to_the_error_redirect_url() {
    let h = Harness::default().await;
    let response = get(&h, "/thirdparty/callback?code=abc&state=Zm9yZ2Vk").await;
    assert_eq!(response.status(), 307);
    let back = location(&response);
    assert!(
        back.starts_with(&format!("{ERROR_REDIRECT}?error=invalid_request&")),
        "{back}"
    );
}

#[tokio::test]
async fn state_from_another_server_is_rejected() {
    let a = Harness::default().await;
    let b = Harness::default().await;
    let thirdparty = a.thirdparty("login", APP_URL, Some(VERIFIER)).await;
    let authorize = thirdparty.body["payload"]["redirect_url"].as_str().unwrap();
    let state = query_param(authorize, "state").unwrap();
    let response = b
        .client
        .get(b.hanko("/thirdparty/callback"))
        .query(&[("code", "abc"), ("state", state.as_str())])
        .send()
        .await
        .unwrap();
    let back = location(&response);
    assert_eq!(
        back,
        format!("{ERROR_REDIRECT}?error=invalid_request&error_description=could+not+decrypt+state")
    );
}

#[tokio::test]
async fn expired_state_goes_to_the_error_redirect_url() {
    let h = Harness::start(Config {
        state_lifetime_secs: 0,
        ..Config::for_tests()
    })
    .await;
    let thirdparty = h.thirdparty("login", APP_URL, Some(VERIFIER)).await;
    let callback = h.callback_for(&thirdparty, "account-work").await;
    assert_eq!(callback.status(), 307);
    assert_eq!(
        location(&callback),
        format!("{ERROR_REDIRECT}?error=invalid_request&error_description=state+is+expired")
    );
}

#[tokio::test]
async fn missing_code_goes_back_to_redirect_to() {
    let h = Harness::default().await;
    let thirdparty = h
        .thirdparty("login", "http://127.0.0.1:9999/app", Some(VERIFIER))
        .await;
    let authorize = thirdparty.body["payload"]["redirect_url"].as_str().unwrap();
    let state = query_param(authorize, "state").unwrap();
    let response = h
        .client
        .get(h.hanko("/thirdparty/callback"))
        .query(&[("state", state.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        location(&response),
        "http://127.0.0.1:9999/app?error=invalid_request&error_description=auth+code+missing+from+request"
    );
}

#[tokio::test]
async fn provider_error_is_passed_through_unchanged() {
    let h = Harness::default().await;
    let thirdparty = h
        .thirdparty("login", "http://127.0.0.1:9999/app", Some(VERIFIER))
        .await;
    let authorize = thirdparty.body["payload"]["redirect_url"].as_str().unwrap();
    let state = query_param(authorize, "state").unwrap();
    let description = "AADSTS65004: User declined.\r\nTrace ID: 1";
    let response = h
        .client
        .get(h.hanko("/thirdparty/callback"))
        .query(&[
            ("state", state.as_str()),
            ("error", "access_denied"),
            ("error_description", description),
        ])
        .send()
        .await
        .unwrap();
    let back = location(&response);
    assert_eq!(
        query_param(&back, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(
        query_param(&back, "error_description").as_deref(),
        Some(description)
    );
}

#[tokio::test]
async fn invalid_code_fails_the_exchange() {
    let h = Harness::default().await;
    let thirdparty = h
        .thirdparty("login", "http://127.0.0.1:9999/app", Some(VERIFIER))
        .await;
    let authorize = thirdparty.body["payload"]["redirect_url"].as_str().unwrap();
    let state = query_param(authorize, "state").unwrap();
    let response = h
        .client
        .get(h.hanko("/thirdparty/callback"))
        .query(&[("state", state.as_str()), ("code", "not-a-code")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        location(&response),
        "http://127.0.0.1:9999/app?error=invalid_request&error_description=could+not+exchange+authorization+code+for+access+token"
    );
}

#[tokio::test]
async fn replayed_callback_fails_because_the_code_was_redeemed() {
    let h = Harness::default().await;
    let thirdparty = h
        .thirdparty("login", "http://127.0.0.1:9999/app", Some(VERIFIER))
        .await;
    let authorize = thirdparty.body["payload"]["redirect_url"].as_str().unwrap();
    let ms = h.choose(authorize, "account-work").await;
    let callback_url = location(&ms);
    let first = h.client.get(&callback_url).send().await.unwrap();
    assert!(query_param(&location(&first), "hanko_token").is_some());
    let second = h.client.get(&callback_url).send().await.unwrap();
    assert_eq!(
        query_param(&location(&second), "error_description").as_deref(),
        Some("could not exchange authorization code for access token")
    );
}

#[tokio::test]
async fn post_callback_is_reissued_as_303_get() {
    let h = Harness::default().await;
    let response = h
        .client
        .post(h.hanko("/thirdparty/callback"))
        .form(&[("code", "c 1"), ("state", "s")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        h.hanko("/thirdparty/callback?code=c+1&state=s")
    );
}

#[tokio::test]
async fn callback_with_a_proxied_public_url() {
    let mut config = Config::for_tests();
    // A public URL that is not this server: only the redirect_uri and Location headers use it.
    config.public_url = Some("http://127.0.0.1:8080/api/".into());
    let h = Harness::start(config).await;
    assert_eq!(h.server.hanko_url(), "http://127.0.0.1:8080/api");
    let response = h
        .client
        .post(format!(
            "http://{}/thirdparty/callback",
            h.server.hanko_addr()
        ))
        .form(&[("code", "c"), ("state", "s")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        location(&response),
        "http://127.0.0.1:8080/api/thirdparty/callback?code=c&state=s"
    );
}
