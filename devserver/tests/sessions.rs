//! Session endpoints, JWKS and CORS.

mod common;

use common::*;
use hanko_devserver::{Config, SameSite, SessionMode};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn validate_without_session_is_not_an_error() {
    let h = Harness::default().await;
    let get = Harness::reply(
        h.client
            .get(h.hanko("/sessions/validate"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(get.status, 200);
    assert_eq!(get.body, json!({"is_valid": false}));
    let garbage = Harness::reply(
        h.client
            .get(h.hanko("/sessions/validate"))
            .bearer_auth("not.a.jwt")
            .header("cookie", "hanko=also-not-a-jwt")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(garbage.body, json!({"is_valid": false}));
    let post = Harness::reply(
        h.client
            .post(h.hanko("/sessions/validate"))
            .json(&json!({"session_token": "x.y.z"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(post.status, 200);
    assert_eq!(post.body, json!({"is_valid": false}));
    let missing = Harness::reply(
        h.client
            .post(h.hanko("/sessions/validate"))
            .body("{}")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.body["code"], 400);
}

#[tokio::test]
async fn session_lifecycle_validate_me_logout() {
    let h = Harness::start(Config {
        session_mode: SessionMode::Header,
        ..Config::for_tests()
    })
    .await;
    let success = h.sign_in("login", "account-work").await;
    let jwt = success.header("x-auth-token").unwrap();
    let fresh = client();

    let valid = Harness::reply(
        fresh
            .post(h.hanko("/sessions/validate"))
            .json(&json!({"session_token": jwt}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(valid.body["is_valid"], true);
    assert_eq!(
        valid.body["user_id"],
        success.body["payload"]["claims"]["subject"]
    );
    assert!(valid.body["expiration_time"].is_string());
    assert_eq!(
        valid.body["claims"]["email"]["address"],
        "alex.wilber@contoso.example"
    );

    let me = Harness::reply(
        fresh
            .get(h.hanko("/me"))
            .bearer_auth(&jwt)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["id"], success.body["payload"]["claims"]["subject"]);
    assert_eq!(
        me.body["emails"][0]["address"],
        "alex.wilber@contoso.example"
    );

    let logout = fresh
        .post(h.hanko("/logout"))
        .bearer_auth(&jwt)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    let cookie = logout.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("hanko=;") && cookie.contains("Max-Age=0"),
        "{cookie}"
    );

    let after = Harness::reply(
        fresh
            .get(h.hanko("/sessions/validate"))
            .bearer_auth(&jwt)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(after.body, json!({"is_valid": false}));
    let me_after = Harness::reply(
        fresh
            .get(h.hanko("/me"))
            .bearer_auth(&jwt)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(me_after.status, 401);
}

#[tokio::test]
async fn me_and_logout_need_a_session() {
    let h = Harness::default().await;
    let me = Harness::reply(h.client.get(h.hanko("/me")).send().await.unwrap()).await;
    assert_eq!(me.status, 401);
    assert_eq!(me.body, json!({"code": 401, "message": "Unauthorized"}));
    let logout = Harness::reply(h.client.post(h.hanko("/logout")).send().await.unwrap()).await;
    assert_eq!(logout.status, 401);
}

#[tokio::test]
async fn users_by_id_answers_the_session_user_only() {
    let h = Harness::default().await;
    h.sign_in("login", "account-personal").await;
    let me = Harness::reply(h.client.get(h.hanko("/me")).send().await.unwrap()).await;
    let id = me.body["id"].as_str().unwrap().to_owned();
    let user = Harness::reply(
        h.client
            .get(h.hanko(&format!("/users/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(user.status, 200);
    assert_eq!(user.body["id"], id.as_str());
    assert_eq!(user.body["email"], "pat.morgan@outlook.example");
    assert_eq!(user.body["emails"], me.body["emails"]);
    assert!(user.body["webauthn_credentials"].is_array());
    let other = Harness::reply(
        h.client
            .get(h.hanko("/users/00000000-0000-4000-8000-000000000000"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(other.status, 403);
    let anonymous = reqwest::Client::new()
        .get(h.hanko(&format!("/users/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn cookie_session_works_for_me_and_logout() {
    let h = Harness::default().await;
    h.sign_in("login", "account-personal").await;
    let me = Harness::reply(h.client.get(h.hanko("/me")).send().await.unwrap()).await;
    assert_eq!(
        me.body["emails"][0]["address"],
        "pat.morgan@outlook.example"
    );
    let logout = h.client.post(h.hanko("/logout")).send().await.unwrap();
    assert_eq!(logout.status(), 204);
    let validate = Harness::reply(
        h.client
            .get(h.hanko("/sessions/validate"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(validate.body["is_valid"], false);
}

#[tokio::test]
async fn bearer_header_is_preferred_over_the_cookie() {
    let h = Harness::start(Config {
        session_mode: SessionMode::Header,
        ..Config::for_tests()
    })
    .await;
    let alex = h
        .sign_in("login", "account-work")
        .await
        .header("x-auth-token")
        .unwrap();
    let pat = h
        .sign_in("login", "account-personal")
        .await
        .header("x-auth-token")
        .unwrap();
    let fresh = client();
    let reply = Harness::reply(
        fresh
            .get(h.hanko("/sessions/validate"))
            .bearer_auth(&alex)
            .header("cookie", format!("hanko={pat}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        reply.body["claims"]["email"]["address"],
        "alex.wilber@contoso.example"
    );
    // An invalid bearer falls back to the cookie, like Hanko's extractor list.
    let fallback = Harness::reply(
        fresh
            .get(h.hanko("/sessions/validate"))
            .bearer_auth("garbage")
            .header("cookie", format!("hanko={pat}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        fallback.body["claims"]["email"]["address"],
        "pat.morgan@outlook.example"
    );
}

#[tokio::test]
async fn jwks_verifies_the_session_token() {
    let h = Harness::start(Config {
        session_mode: SessionMode::Header,
        ..Config::for_tests()
    })
    .await;
    let jwt = h
        .sign_in("login", "account-work")
        .await
        .header("x-auth-token")
        .unwrap();
    let response = h
        .client
        .get(h.hanko("/.well-known/jwks.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["cache-control"], "max-age=600");
    let jwks: Value = response.json().await.unwrap();
    let key = &jwks["keys"][0];
    assert_eq!(key["alg"], "RS256");
    assert_eq!(key["use"], "sig");
    let decoding = jsonwebtoken::DecodingKey::from_rsa_components(
        key["n"].as_str().unwrap(),
        key["e"].as_str().unwrap(),
    )
    .unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.validate_aud = false;
    let data =
        jsonwebtoken::decode::<Value>(&jwt, &decoding, &validation).expect("valid signature");
    assert_eq!(data.header.kid.as_deref(), key["kid"].as_str());
    assert!(data.claims["session_id"].is_string());
    assert_eq!(
        data.claims["email"]["address"],
        "alex.wilber@contoso.example"
    );
}

#[tokio::test]
async fn cookie_attributes_follow_the_configuration() {
    let h = Harness::start(Config {
        cookie_same_site: SameSite::Strict,
        session_lifetime_secs: 600,
        ..Config::for_tests()
    })
    .await;
    let success = h.sign_in("login", "account-work").await;
    let cookie = success
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("hanko="))
        .unwrap();
    assert!(
        cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=600"),
        "{cookie}"
    );
    assert_eq!(success.header("x-session-lifetime").as_deref(), Some("600"));
}

async fn preflight(h: &Harness, origin: &str) -> reqwest::Response {
    h.client
        .request(Method::OPTIONS, h.hanko("/login"))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,x-language,authorization",
        )
        .send()
        .await
        .unwrap()
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_lowercase)
}

#[tokio::test]
async fn cors_cookie_mode() {
    let h = Harness::default().await;
    let ok = preflight(&h, "http://localhost:5173").await;
    assert!(ok.status().is_success());
    assert_eq!(
        header(&ok, "access-control-allow-origin").as_deref(),
        Some("http://localhost:5173")
    );
    assert_eq!(
        header(&ok, "access-control-allow-credentials").as_deref(),
        Some("true")
    );
    let allowed_headers = header(&ok, "access-control-allow-headers").unwrap();
    for name in ["content-type", "x-language", "authorization"] {
        assert!(allowed_headers.contains(name), "{allowed_headers}");
    }
    assert!(header(&ok, "access-control-allow-methods")
        .unwrap()
        .contains("post"));

    let evil = preflight(&h, "https://evil.test").await;
    assert!(header(&evil, "access-control-allow-origin").is_none());
    let sneaky = preflight(&h, "http://127.0.0.1.evil.test:80").await;
    assert!(header(&sneaky, "access-control-allow-origin").is_none());

    let response = h
        .client
        .post(h.hanko("/login"))
        .header("origin", "http://127.0.0.1:8080")
        .send()
        .await
        .unwrap();
    assert_eq!(
        header(&response, "access-control-allow-origin").as_deref(),
        Some("http://127.0.0.1:8080")
    );
    let exposed = header(&response, "access-control-expose-headers").unwrap();
    for name in [
        "x-session-lifetime",
        "x-session-retention",
        "retry-after",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
    ] {
        assert!(exposed.contains(name), "{exposed}");
    }
    assert!(!exposed.contains("x-auth-token"));
}

#[tokio::test]
async fn cors_header_mode_exposes_x_auth_token() {
    let h = Harness::start(Config {
        session_mode: SessionMode::Header,
        ..Config::for_tests()
    })
    .await;
    let response = h
        .client
        .get(h.hanko("/sessions/validate"))
        .header("origin", "http://127.0.0.1:3000")
        .send()
        .await
        .unwrap();
    assert!(header(&response, "access-control-expose-headers")
        .unwrap()
        .contains("x-auth-token"));
}

#[tokio::test]
async fn cors_configured_origins_are_exact() {
    let h = Harness::start(Config {
        cors_origins: vec!["https://app.example.test".into()],
        ..Config::for_tests()
    })
    .await;
    let ok = preflight(&h, "https://app.example.test").await;
    assert_eq!(
        header(&ok, "access-control-allow-origin").as_deref(),
        Some("https://app.example.test")
    );
    let loopback = preflight(&h, "http://localhost:5173").await;
    assert!(header(&loopback, "access-control-allow-origin").is_none());
}

#[tokio::test]
async fn status_endpoint_answers() {
    let h = Harness::default().await;
    let response = h.client.get(h.hanko("/")).send().await.unwrap();
    assert_eq!(response.status(), 200);
}
