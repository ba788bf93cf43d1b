//! `exchange_token`: Hanko's order of checks, single use, PKCE binding, expiry, rate limit.

mod common;

use common::*;
use hanko_devserver::Config;
use serde_json::json;

#[tokio::test]
async fn verifier_mismatch_or_missing_is_form_data_invalid_and_keeps_the_state() {
    let h = Harness::default().await;
    let (thirdparty, back) = h.round_trip("login", "account-work", Some(VERIFIER)).await;
    let token = query_param(&back, "hanko_token").unwrap();

    let wrong = h
        .act(
            &thirdparty,
            "exchange_token",
            json!({"token": token, "code_verifier": "x".repeat(64)}),
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.body["name"], "thirdparty");
    assert_eq!(wrong.body["error"]["code"], "form_data_invalid_error");
    assert!(wrong.body["actions"]["exchange_token"].is_object());

    let missing = h
        .act(&wrong, "exchange_token", json!({"token": token}))
        .await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.body["name"], "thirdparty");

    // The token survived the failed attempts.
    let success = h
        .act(
            &missing,
            "exchange_token",
            json!({"token": token, "code_verifier": VERIFIER}),
        )
        .await;
    assert_eq!(success.body["name"], "success");
}

#[tokio::test]
async fn reused_token_is_a_technical_error() {
    let h = Harness::default().await;
    let (thirdparty, back) = h.round_trip("login", "account-work", Some(VERIFIER)).await;
    let token = query_param(&back, "hanko_token").unwrap();
    let first = h
        .act(
            &thirdparty,
            "exchange_token",
            json!({"token": token, "code_verifier": VERIFIER}),
        )
        .await;
    assert_eq!(first.body["name"], "success");

    // A second flow tries the same token.
    let other = h.thirdparty("login", APP_URL, Some(VERIFIER)).await;
    let again = h
        .act(
            &other,
            "exchange_token",
            json!({"token": token, "code_verifier": VERIFIER}),
        )
        .await;
    assert_eq!(again.status, 500);
    assert_eq!(again.body["name"], "error");
    assert_eq!(again.body["error"]["code"], "technical_error");
    assert_eq!(again.body["actions"], json!({}));

    // The flow is now in the error state: nothing more is offered.
    let after = h
        .act_with_csrf(
            &other.href("back"),
            json!({}),
            again.body["csrf_token"].as_str().unwrap(),
        )
        .await;
    assert_eq!(after.status, 403);
}

#[tokio::test]
async fn unknown_token_is_a_technical_error() {
    let h = Harness::default().await;
    let thirdparty = h.thirdparty("login", APP_URL, Some(VERIFIER)).await;
    let reply = h
        .act(
            &thirdparty,
            "exchange_token",
            json!({"token": "A".repeat(43) + "=", "code_verifier": VERIFIER}),
        )
        .await;
    assert_eq!(reply.status, 500);
    assert_eq!(reply.body["error"]["code"], "technical_error");
}

#[tokio::test]
async fn missing_token_input_is_form_data_invalid() {
    let h = Harness::default().await;
    let thirdparty = h.thirdparty("login", APP_URL, Some(VERIFIER)).await;
    let reply = h.act(&thirdparty, "exchange_token", json!({})).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["name"], "thirdparty");
    assert_eq!(
        reply.body["actions"]["exchange_token"]["inputs"]["token"]["error"]["code"],
        "value_missing_error"
    );
}

#[tokio::test]
async fn expired_token_is_a_technical_error() {
    let h = Harness::start(Config {
        hanko_token_lifetime_secs: 0,
        ..Config::for_tests()
    })
    .await;
    let (thirdparty, back) = h.round_trip("login", "account-work", Some(VERIFIER)).await;
    let token = query_param(&back, "hanko_token").unwrap();
    let reply = h
        .act(
            &thirdparty,
            "exchange_token",
            json!({"token": token, "code_verifier": VERIFIER}),
        )
        .await;
    assert_eq!(reply.status, 500);
    assert_eq!(reply.body["error"]["code"], "technical_error");
}

#[tokio::test]
async fn verifier_is_checked_before_expiry() {
    let h = Harness::start(Config {
        hanko_token_lifetime_secs: 0,
        ..Config::for_tests()
    })
    .await;
    let (thirdparty, back) = h.round_trip("login", "account-work", Some(VERIFIER)).await;
    let token = query_param(&back, "hanko_token").unwrap();
    let reply = h
        .act(&thirdparty, "exchange_token", json!({"token": token}))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["error"]["code"], "form_data_invalid_error");
}

#[tokio::test]
async fn rate_limit_gives_429_with_retry_after() {
    let h = Harness::start(Config {
        token_exchange_rate_limit: 2,
        token_exchange_rate_interval_secs: 60,
        ..Config::for_tests()
    })
    .await;
    let thirdparty = h.thirdparty("login", APP_URL, Some(VERIFIER)).await;
    let mut state = thirdparty;
    for _ in 0..2 {
        let reply = h
            .act(
                &state,
                "exchange_token",
                json!({"token": "x", "code_verifier": VERIFIER}),
            )
            .await;
        assert_eq!(reply.status, 500);
        state = h.thirdparty("login", APP_URL, Some(VERIFIER)).await;
    }
    let limited = h
        .act(
            &state,
            "exchange_token",
            json!({"token": "x", "code_verifier": VERIFIER}),
        )
        .await;
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert_eq!(limited.body["name"], "thirdparty");
    assert_eq!(limited.body["error"]["code"], "rate_limit_exceeded");
    let retry = limited.body["payload"]["retry_after"].as_u64().unwrap();
    assert!((1..=60).contains(&retry));
    assert_eq!(limited.header("retry-after"), Some(retry.to_string()));
    assert!(limited.body["payload"]["redirect_url"].is_string());
    assert!(limited.body["actions"]["exchange_token"].is_object());
}

#[tokio::test]
async fn input_validation_comes_before_the_rate_limit() {
    let h = Harness::start(Config {
        token_exchange_rate_limit: 1,
        ..Config::for_tests()
    })
    .await;
    let thirdparty = h.thirdparty("login", APP_URL, Some(VERIFIER)).await;
    let invalid = h.act(&thirdparty, "exchange_token", json!({})).await;
    assert_eq!(invalid.status, 400);
    let invalid = h.act(&invalid, "exchange_token", json!({})).await;
    assert_eq!(invalid.status, 400, "validation does not consume the limit");
}
