//! The simulated Microsoft identity platform: authorize validation, token endpoint, keys, ID-token shape.

mod common;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use sha2::{Digest, Sha256};

const CLIENT_ID: &str = "8c5b5f3e-2d7a-4f0e-9b1c-6a4d3e2f1a0b";
const SECRET: &str = "dev-client-secret-not-for-production";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

struct Ms {
    h: Harness,
}

impl Ms {
    async fn new() -> Ms {
        Ms {
            h: Harness::default().await,
        }
    }

    fn redirect_uri(&self) -> String {
        self.h.hanko("/thirdparty/callback")
    }

    fn authorize_url(&self, overrides: &[(&str, Option<&str>)]) -> String {
        let redirect_uri = self.redirect_uri();
        let challenge = challenge(VERIFIER);
        let mut params: Vec<(String, String)> = vec![
            ("client_id".into(), CLIENT_ID.into()),
            ("redirect_uri".into(), redirect_uri),
            ("response_type".into(), "code".into()),
            ("scope".into(), "openid profile email".into()),
            ("state".into(), "st<ate>\"".into()),
            ("code_challenge".into(), challenge),
            ("code_challenge_method".into(), "S256".into()),
        ];
        for (name, value) in overrides {
            params.retain(|(n, _)| n != name);
            if let Some(v) = value {
                params.push((name.to_string(), v.to_string()));
            }
        }
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish();
        format!(
            "{}/common/oauth2/v2.0/authorize?{query}",
            self.h.server.microsoft_url()
        )
    }

    /// A fresh code for `choice`.
    async fn code(&self, choice: &str) -> String {
        let response = self.h.choose(&self.authorize_url(&[]), choice).await;
        assert_eq!(response.status(), StatusCode::FOUND);
        let back = location(&response);
        assert_eq!(query_param(&back, "state").as_deref(), Some("st<ate>\""));
        assert!(query_param(&back, "session_state").is_some());
        query_param(&back, "code").expect("code")
    }

    async fn token(
        &self,
        form: &[(&str, &str)],
        basic: Option<(&str, &str)>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .h
            .client
            .post(format!(
                "{}/common/oauth2/v2.0/token",
                self.h.server.microsoft_url()
            ))
            .form(form);
        if let Some((id, secret)) = basic {
            request = request.header(
                "authorization",
                format!("Basic {}", STANDARD.encode(format!("{id}:{secret}"))),
            );
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn redeem(&self, code: &str, verifier: &str) -> (StatusCode, Value) {
        let redirect_uri = self.redirect_uri();
        self.token(
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", &redirect_uri),
                ("code_verifier", verifier),
                ("client_id", CLIENT_ID),
                ("client_secret", SECRET),
            ],
            None,
        )
        .await
    }
}

fn jwt_part(jwt: &str, index: usize) -> Value {
    let part = jwt.split('.').nth(index).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

fn assert_oauth_error(
    status: StatusCode,
    body: &Value,
    want_status: u16,
    error: &str,
    aadsts: &str,
) {
    assert_eq!(status.as_u16(), want_status, "{body}");
    assert_eq!(body["error"], error);
    let description = body["error_description"].as_str().unwrap();
    assert!(description.starts_with(aadsts), "{description}");
    assert!(description.contains("\r\nTrace ID: "));
    assert!(body["error_codes"].is_array());
    assert!(body["correlation_id"].is_string());
}

#[tokio::test]
async fn authorize_page_lists_every_choice_and_escapes_input() {
    let ms = Ms::new().await;
    let page = ms.h.client.get(ms.authorize_url(&[])).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    for id in [
        "account-work",
        "account-personal",
        "account-unverified",
        "account-no-email",
        "account-existing",
        "outcome-cancel",
        "outcome-admin-approval",
        "outcome-not-allowed",
        "outcome-unavailable",
    ] {
        let button =
            regex::Regex::new(&format!(r#"<button type="submit"[^>]* id="{id}">"#)).unwrap();
        assert!(button.is_match(&html), "{id}");
    }
    assert!(html.contains("Simulation."));
    assert!(html.contains("value=\"st&lt;ate&gt;&quot;\""));
    assert!(!html.contains("st<ate>"));
}

#[tokio::test]
async fn bad_client_or_redirect_uri_shows_an_error_page_and_never_redirects() {
    let ms = Ms::new().await;
    for (overrides, aadsts) in [
        (
            vec![("client_id", Some("00000000-0000-0000-0000-000000000000"))],
            "AADSTS700016",
        ),
        (vec![("client_id", None)], "AADSTS900144"),
        (
            vec![("redirect_uri", Some("https://evil.test/cb"))],
            "AADSTS50011",
        ),
        (vec![("redirect_uri", None)], "AADSTS50011"),
    ] {
        let response =
            ms.h.client
                .get(ms.authorize_url(&overrides))
                .send()
                .await
                .unwrap();
        assert_eq!(response.status(), 400);
        assert!(response.headers().get("location").is_none());
        let html = response.text().await.unwrap();
        assert!(html.contains(aadsts), "{aadsts}");
        assert!(!html.contains("<button"));
    }
    let tenant =
        ms.h.client
            .get(
                ms.authorize_url(&[])
                    .replace("/common/", "/no-such-tenant/"),
            )
            .send()
            .await
            .unwrap();
    assert_eq!(tenant.status(), 400);
    assert!(tenant.text().await.unwrap().contains("AADSTS90002"));
}

#[tokio::test]
async fn other_bad_parameters_redirect_with_an_oauth_error() {
    let ms = Ms::new().await;
    for (overrides, error, aadsts) in [
        (
            vec![("response_type", Some("token"))],
            "unsupported_response_type",
            "AADSTS700054",
        ),
        (
            vec![("response_type", None)],
            "invalid_request",
            "AADSTS900144",
        ),
        (
            vec![("code_challenge_method", Some("plain"))],
            "invalid_request",
            "AADSTS501491",
        ),
        (
            vec![("code_challenge", Some("short"))],
            "invalid_request",
            "AADSTS501491",
        ),
        (
            vec![("code_challenge", None)],
            "invalid_request",
            "AADSTS900144",
        ),
        (vec![("state", None)], "invalid_request", "AADSTS900144"),
        (vec![("scope", None)], "invalid_request", "AADSTS900144"),
    ] {
        let response =
            ms.h.client
                .get(ms.authorize_url(&overrides))
                .send()
                .await
                .unwrap();
        assert_eq!(response.status(), 302, "{overrides:?}");
        let back = location(&response);
        assert!(back.starts_with(&ms.redirect_uri()));
        assert_eq!(
            query_param(&back, "error").as_deref(),
            Some(error),
            "{overrides:?}"
        );
        assert!(query_param(&back, "error_description")
            .unwrap()
            .starts_with(aadsts));
    }
}

#[tokio::test]
async fn unknown_choice_is_an_error_page() {
    let ms = Ms::new().await;
    let page =
        ms.h.client
            .get(ms.authorize_url(&[]))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
    let form = parse_form(&page);
    let mut fields = form.fields;
    fields.push(("choice".into(), "account-nobody".into()));
    let response =
        ms.h.client
            .post(format!("{}{}", ms.h.server.microsoft_url(), form.action))
            .form(&fields)
            .send()
            .await
            .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.headers().get("location").is_none());
}

#[tokio::test]
async fn token_endpoint_issues_microsoft_shaped_id_tokens() {
    let ms = Ms::new().await;
    let code = ms.code("account-work").await;
    let (status, body) = ms.redeem(&code, VERIFIER).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert!(body["access_token"].is_string());
    assert_eq!(body["scope"], "openid profile email");
    let id_token = body["id_token"].as_str().unwrap();
    let header = jwt_part(id_token, 0);
    assert_eq!(header["alg"], "RS256");
    assert!(header["kid"].is_string());
    let claims = jwt_part(id_token, 1);
    assert_eq!(claims["aud"], CLIENT_ID);
    assert_eq!(claims["ver"], "2.0");
    assert_eq!(claims["upn"], "alex.wilber@contoso.example");
    assert_eq!(claims["name"], "Alex Wilber");
    let tid = claims["tid"].as_str().unwrap();
    assert_eq!(
        claims["iss"],
        format!("{}/{tid}/v2.0", ms.h.server.microsoft_url())
    );
    for key in ["oid", "sub", "iat", "nbf", "exp", "preferred_username"] {
        assert!(!claims[key].is_null(), "{key}");
    }

    let personal = jwt_part(
        ms.redeem(&ms.code("account-personal").await, VERIFIER)
            .await
            .1["id_token"]
            .as_str()
            .unwrap(),
        1,
    );
    assert_eq!(personal["email"], "pat.morgan@outlook.example");
    assert!(personal.get("upn").is_none());
    assert_eq!(personal["tid"], "9188040d-6c67-4c5b-b112-36a304b66dad");
    let unverified = jwt_part(
        ms.redeem(&ms.code("account-unverified").await, VERIFIER)
            .await
            .1["id_token"]
            .as_str()
            .unwrap(),
        1,
    );
    assert_eq!(unverified["xms_edov"], false);
    let no_email = jwt_part(
        ms.redeem(&ms.code("account-no-email").await, VERIFIER)
            .await
            .1["id_token"]
            .as_str()
            .unwrap(),
        1,
    );
    assert!(no_email.get("email").is_none() && no_email.get("upn").is_none());

    // `sub` is stable per account and app.
    let again = jwt_part(
        ms.redeem(&ms.code("account-work").await, VERIFIER).await.1["id_token"]
            .as_str()
            .unwrap(),
        1,
    );
    assert_eq!(again["sub"], claims["sub"]);
}

#[tokio::test]
async fn keys_have_no_alg_like_microsoft() {
    let ms = Ms::new().await;
    let keys: Value =
        ms.h.client
            .get(format!(
                "{}/common/discovery/v2.0/keys",
                ms.h.server.microsoft_url()
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let key = &keys["keys"][0];
    assert_eq!(key["kty"], "RSA");
    assert!(key.get("alg").is_none());
    assert!(key["n"].is_string() && key["e"].is_string() && key["kid"].is_string());
}

#[tokio::test]
async fn reused_code_is_invalid_grant() {
    let ms = Ms::new().await;
    let code = ms.code("account-work").await;
    assert_eq!(ms.redeem(&code, VERIFIER).await.0, 200);
    let (status, body) = ms.redeem(&code, VERIFIER).await;
    assert_oauth_error(status, &body, 400, "invalid_grant", "AADSTS54005");
}

#[tokio::test]
async fn pkce_mismatch_is_invalid_grant() {
    let ms = Ms::new().await;
    let code = ms.code("account-work").await;
    let (status, body) = ms.redeem(&code, &"y".repeat(64)).await;
    assert_oauth_error(status, &body, 400, "invalid_grant", "AADSTS501481");
    // The code is burnt by the failed attempt.
    let (status, body) = ms.redeem(&code, VERIFIER).await;
    assert_oauth_error(status, &body, 400, "invalid_grant", "AADSTS54005");
}

#[tokio::test]
async fn missing_verifier_is_invalid_grant() {
    let ms = Ms::new().await;
    let code = ms.code("account-work").await;
    let redirect_uri = ms.redirect_uri();
    let (status, body) = ms
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", &redirect_uri),
            ],
            Some((CLIENT_ID, SECRET)),
        )
        .await;
    assert_oauth_error(status, &body, 400, "invalid_grant", "AADSTS501481");
}

#[tokio::test]
async fn client_authentication_errors() {
    let ms = Ms::new().await;
    let code = ms.code("account-work").await;
    let redirect_uri = ms.redirect_uri();
    let base = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", redirect_uri.as_str()),
        ("code_verifier", VERIFIER),
    ];
    let (status, body) = ms.token(&base, Some((CLIENT_ID, "wrong"))).await;
    assert_oauth_error(status, &body, 401, "invalid_client", "AADSTS7000215");
    let (status, body) = ms.token(&base, Some(("someone-else", SECRET))).await;
    assert_oauth_error(status, &body, 400, "unauthorized_client", "AADSTS700016");
    let mut no_secret = base.to_vec();
    no_secret.push(("client_id", CLIENT_ID));
    let (status, body) = ms.token(&no_secret, None).await;
    assert_oauth_error(status, &body, 401, "invalid_client", "AADSTS7000218");
    let (status, body) = ms.token(&base, None).await;
    assert_oauth_error(status, &body, 400, "invalid_request", "AADSTS900144");
    // Basic authentication works and the code was not burnt by the failures above.
    let (status, body) = ms.token(&base, Some((CLIENT_ID, SECRET))).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn grant_and_redirect_errors() {
    let ms = Ms::new().await;
    let code = ms.code("account-work").await;
    let redirect_uri = ms.redirect_uri();
    let creds = Some((CLIENT_ID, SECRET));
    let (status, body) = ms
        .token(
            &[
                ("grant_type", "password"),
                ("code", &code),
                ("redirect_uri", &redirect_uri),
            ],
            creds,
        )
        .await;
    assert_oauth_error(status, &body, 400, "unsupported_grant_type", "AADSTS70003");
    let (status, body) = ms
        .token(&[("code", &code), ("redirect_uri", &redirect_uri)], creds)
        .await;
    assert_oauth_error(status, &body, 400, "invalid_request", "AADSTS900144");
    let (status, body) = ms
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("redirect_uri", &redirect_uri),
            ],
            creds,
        )
        .await;
    assert_oauth_error(status, &body, 400, "invalid_request", "AADSTS900144");
    let (status, body) = ms
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("code", "nope"),
                ("redirect_uri", &redirect_uri),
            ],
            creds,
        )
        .await;
    assert_oauth_error(status, &body, 400, "invalid_grant", "AADSTS70000");
    let (status, body) = ms
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", "http://127.0.0.1:1/cb"),
                ("code_verifier", VERIFIER),
            ],
            creds,
        )
        .await;
    assert_oauth_error(status, &body, 400, "invalid_grant", "AADSTS500112");
}

#[tokio::test]
async fn expired_code_is_invalid_grant() {
    let h = Harness::start(hanko_devserver::Config {
        auth_code_lifetime_secs: 0,
        ..hanko_devserver::Config::for_tests()
    })
    .await;
    let ms = Ms { h };
    let code = ms.code("account-work").await;
    let (status, body) = ms.redeem(&code, VERIFIER).await;
    assert_oauth_error(status, &body, 400, "invalid_grant", "AADSTS70008");
}

#[tokio::test]
async fn discovery_document_points_at_this_server() {
    let ms = Ms::new().await;
    let doc: Value =
        ms.h.client
            .get(format!(
                "{}/common/v2.0/.well-known/openid-configuration",
                ms.h.server.microsoft_url()
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(
        doc["token_endpoint"],
        format!("{}/common/oauth2/v2.0/token", ms.h.server.microsoft_url())
    );
}
