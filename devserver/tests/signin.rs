//! End-to-end sign-in through the Flow API, the simulated Microsoft page and the callback.

mod common;

use common::*;
use hanko_devserver::{Config, EmailConfig, SessionMode, UnverifiedEmail};
use serde_json::json;

#[tokio::test]
async fn happy_path_cookie_mode() {
    let h = Harness::default().await;
    let (thirdparty, back) = h.round_trip("login", "account-work", Some(VERIFIER)).await;

    // The thirdparty state offers exchange_token and back; redirect_url points at the Microsoft side.
    assert!(thirdparty.body["actions"]["exchange_token"].is_object());
    assert!(thirdparty.body["actions"]["back"].is_object());
    let authorize = thirdparty.body["payload"]["redirect_url"].as_str().unwrap();
    assert!(authorize.starts_with(&format!(
        "{}/common/oauth2/v2.0/authorize?",
        h.server.microsoft_url()
    )));
    let q = query_map(authorize);
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["scope"], "openid profile email");
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["redirect_uri"], h.hanko("/thirdparty/callback"));
    assert!(thirdparty
        .cookies()
        .iter()
        .any(|c| c.starts_with("hanko_thirdparty_state=") && c.contains("Max-Age=300")));

    // Back on the app page with existing params kept and a 44-char padded token.
    assert!(
        back.starts_with("http://127.0.0.1:9999/app?tab=1&hanko_token="),
        "{back}"
    );
    let token = query_param(&back, "hanko_token").unwrap();
    assert_eq!(token.len(), 44);
    assert!(token.ends_with('='));

    let success = h
        .act(
            &thirdparty,
            "exchange_token",
            json!({"token": token, "code_verifier": VERIFIER}),
        )
        .await;
    assert_eq!(success.status, 200, "{}", success.body);
    assert_eq!(success.body["name"], "success");
    let payload = &success.body["payload"];
    assert_eq!(
        payload["claims"]["email"]["address"],
        "alex.wilber@contoso.example"
    );
    assert_eq!(payload["claims"]["email"]["is_verified"], true);
    assert_eq!(payload["claims"]["email"]["is_primary"], true);
    assert_eq!(
        payload["last_login"],
        json!({"login_method": "third_party", "third_party_provider": "microsoft"})
    );
    assert_eq!(
        payload["user"]["emails"][0]["address"],
        "alex.wilber@contoso.example"
    );
    assert_eq!(payload["user"]["identities"][0]["provider_id"], "microsoft");
    for key in [
        "subject",
        "session_id",
        "expiration",
        "issued_at",
        "audience",
        "issuer",
    ] {
        assert!(!payload["claims"][key].is_null(), "claims.{key}");
    }
    let cookie = success
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("hanko="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("Path=/"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(cookie.contains("Max-Age=43200"));
    assert!(!cookie.contains("Secure"));
    assert_eq!(
        success.header("x-session-lifetime").as_deref(),
        Some("43200")
    );
    assert_eq!(
        success.header("x-session-retention").as_deref(),
        Some("persistent")
    );
    assert!(success.header("x-auth-token").is_none());
    assert!(success.body["actions"].as_object().unwrap().is_empty());

    // The cookie is a working session.
    let validate = Harness::reply(
        h.client
            .get(h.hanko("/sessions/validate"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(validate.body["is_valid"], true);
    assert_eq!(
        validate.body["claims"]["subject"],
        payload["claims"]["subject"]
    );
}

#[tokio::test]
async fn state_cookie_is_cleared_on_success() {
    let h = Harness::default().await;
    let thirdparty = h.thirdparty("login", APP_URL, Some(VERIFIER)).await;
    let callback = h.callback_for(&thirdparty, "account-personal").await;
    assert_eq!(callback.status(), 307);
    let cleared = callback
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.starts_with("hanko_thirdparty_state=;") && c.contains("Max-Age=0"));
    assert!(cleared);
}

#[tokio::test]
async fn header_mode_returns_x_auth_token() {
    let h = Harness::start(Config {
        session_mode: SessionMode::Header,
        ..Config::for_tests()
    })
    .await;
    let success = h.sign_in("login", "account-personal").await;
    assert_eq!(success.body["name"], "success");
    assert!(!success.cookies().iter().any(|c| c.starts_with("hanko=")));
    let jwt = success.header("x-auth-token").expect("X-Auth-Token");
    assert_eq!(jwt.split('.').count(), 3);
    assert_eq!(
        success.body["payload"]["claims"]["email"]["address"],
        "pat.morgan@outlook.example"
    );

    let fresh = client();
    let valid = Harness::reply(
        fresh
            .get(h.hanko("/sessions/validate"))
            .bearer_auth(&jwt)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(valid.body["is_valid"], true);
    let me = fresh
        .get(h.hanko("/me"))
        .bearer_auth(&jwt)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
}

#[tokio::test]
async fn registration_flow_has_no_last_login() {
    let h = Harness::default().await;
    let success = h.sign_in("registration", "account-work").await;
    assert_eq!(success.body["name"], "success");
    assert!(success.body["payload"]["last_login"].is_null());
}

#[tokio::test]
async fn same_account_signs_in_to_the_same_user() {
    let h = Harness::default().await;
    let first = h.sign_in("login", "account-work").await;
    let second = h.sign_in("login", "account-work").await;
    assert_eq!(
        first.body["payload"]["claims"]["subject"],
        second.body["payload"]["claims"]["subject"]
    );
}

#[tokio::test]
async fn unverified_email_requires_passcode_confirmation() {
    let h = Harness::default().await;
    let confirm = h.sign_in("login", "account-unverified").await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    assert_eq!(confirm.body["name"], "passcode_confirmation");
    assert!(confirm.body["actions"]["verify_passcode"]["inputs"]["code"].is_object());
    assert!(confirm.cookies().is_empty());

    let wrong = h
        .act(&confirm, "verify_passcode", json!({"code": "000000"}))
        .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.body["name"], "passcode_confirmation");
    assert_eq!(wrong.body["error"]["code"], "form_data_invalid_error");
    assert_eq!(
        wrong.body["actions"]["verify_passcode"]["inputs"]["code"]["error"]["code"],
        "passcode_invalid"
    );

    let resent = h.act(&wrong, "resend_passcode", json!({})).await;
    assert_eq!(resent.body["name"], "passcode_confirmation");

    let code = h.last_passcode("jordan.lee@fabrikam.example").await;
    let success = h
        .act(&resent, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(success.status, 200, "{}", success.body);
    assert_eq!(success.body["name"], "success");
    assert_eq!(
        success.body["payload"]["claims"]["email"]["address"],
        "jordan.lee@fabrikam.example"
    );
    assert_eq!(
        success.body["payload"]["claims"]["email"]["is_verified"],
        true
    );
    assert!(success.cookies().iter().any(|c| c.starts_with("hanko=")));
}

#[tokio::test]
async fn unverified_email_without_required_verification_goes_straight_to_success() {
    let h = Harness::start(Config {
        email: EmailConfig {
            require_verification: false,
            ..EmailConfig::default()
        },
        ..Config::for_tests()
    })
    .await;
    let success = h.sign_in("login", "account-unverified").await;
    assert_eq!(success.body["name"], "success");
    assert_eq!(
        success.body["payload"]["claims"]["email"]["is_verified"],
        false
    );
}

#[tokio::test]
async fn unverified_email_rejected_at_the_callback_like_hankos_rest_path() {
    let h = Harness::start(Config {
        unverified_email: UnverifiedEmail::Reject,
        ..Config::for_tests()
    })
    .await;
    let (_, back) = h
        .round_trip("login", "account-unverified", Some(VERIFIER))
        .await;
    assert_eq!(
        back,
        "http://127.0.0.1:9999/app?tab=1?error=unverified_email&error_description=third+party+provider+email+must+be+verified"
    );
    // Verified accounts are not affected; the unverified one is rejected every time.
    let success = h.sign_in("login", "account-work").await;
    assert_eq!(success.body["name"], "success");
    let (_, again) = h
        .round_trip("login", "account-unverified", Some(VERIFIER))
        .await;
    assert_eq!(again, back);
}

#[tokio::test]
async fn unverified_email_reject_needs_required_verification() {
    let h = Harness::start(Config {
        unverified_email: UnverifiedEmail::Reject,
        email: EmailConfig {
            require_verification: false,
            ..EmailConfig::default()
        },
        ..Config::for_tests()
    })
    .await;
    let success = h.sign_in("login", "account-unverified").await;
    assert_eq!(success.body["name"], "success");
}

#[tokio::test]
async fn existing_user_is_linked_when_linking_is_allowed() {
    let h = Harness::default().await;
    let success = h.sign_in("login", "account-existing").await;
    assert_eq!(success.body["name"], "success");
    let user = &success.body["payload"]["user"];
    assert_eq!(
        user["emails"][0]["address"],
        hanko_devserver::EXISTING_USER_EMAIL
    );
    assert_eq!(user["name"], "Casey Jones");
    assert_eq!(user["identities"][0]["provider_id"], "microsoft");
}

#[tokio::test]
async fn user_conflict_when_linking_is_disallowed() {
    let h = Harness::start(Config {
        allow_linking: false,
        ..Config::for_tests()
    })
    .await;
    let (_, back) = h
        .round_trip("login", "account-existing", Some(VERIFIER))
        .await;
    assert_eq!(
        back,
        "http://127.0.0.1:9999/app?tab=1?error=user_conflict&error_description=third+party+account+linking+for+existing+user+with+same+email+disallowed"
    );
}

#[tokio::test]
async fn signup_disabled_for_unknown_accounts() {
    let h = Harness::start(Config {
        allow_signup: false,
        ..Config::for_tests()
    })
    .await;
    let (_, back) = h
        .round_trip("login", "account-personal", Some(VERIFIER))
        .await;
    assert!(
        back.ends_with("?error=signup_disabled&error_description=account+signup+is+disabled"),
        "{back}"
    );
    // Existing users can still link and sign in.
    let success = h.sign_in("login", "account-existing").await;
    assert_eq!(success.body["name"], "success");
}

#[tokio::test]
async fn account_without_email_fails_with_invalid_request() {
    let h = Harness::default().await;
    let (_, back) = h
        .round_trip("login", "account-no-email", Some(VERIFIER))
        .await;
    assert_eq!(
        back,
        "http://127.0.0.1:9999/app?tab=1?error=invalid_request&error_description=could+not+retrieve+user+data+from+provider"
    );
}

#[tokio::test]
async fn provider_outcomes_pass_through_unchanged() {
    let h = Harness::default().await;
    for (choice, error, prefix) in [
        (
            "outcome-cancel",
            "access_denied",
            "AADSTS65004: User declined to consent to access the app.\r\nTrace ID: ",
        ),
        (
            "outcome-admin-approval",
            "consent_required",
            "AADSTS65001: ",
        ),
        ("outcome-not-allowed", "invalid_request", "AADSTS50020: "),
        (
            "outcome-unavailable",
            "temporarily_unavailable",
            "AADSTS50033: ",
        ),
    ] {
        // Without a query on redirect_to the error parameters are readable.
        let thirdparty = h
            .thirdparty("login", "http://127.0.0.1:9999/app", Some(VERIFIER))
            .await;
        let callback = h.callback_for(&thirdparty, choice).await;
        assert_eq!(callback.status(), 307);
        let back = location(&callback);
        assert_eq!(query_param(&back, "error").as_deref(), Some(error));
        let description = query_param(&back, "error_description").unwrap();
        assert!(description.starts_with(prefix), "{description}");
        assert!(description.contains("\r\nCorrelation ID: "));
        assert!(description.contains("\r\nTimestamp: "));
        assert!(query_param(&back, "hanko_token").is_none());
    }
}

#[tokio::test]
async fn error_redirect_keeps_hankos_double_question_mark() {
    let h = Harness::default().await;
    let (_, back) = h
        .round_trip("login", "outcome-cancel", Some(VERIFIER))
        .await;
    assert!(
        back.starts_with(
            "http://127.0.0.1:9999/app?tab=1?error=access_denied&error_description=AADSTS65004"
        ),
        "{back}"
    );
}

#[tokio::test]
async fn flow_without_pkce_verifier_uses_the_state_cookie() {
    let h = Harness::default().await;
    let (thirdparty, back) = h.round_trip("login", "account-work", None).await;
    let authorize = thirdparty.body["payload"]["redirect_url"].as_str().unwrap();
    assert!(query_param(authorize, "code_challenge").is_none());
    let token = query_param(&back, "hanko_token").expect("token");
    let success = h
        .act(&thirdparty, "exchange_token", json!({"token": token}))
        .await;
    assert_eq!(success.body["name"], "success");

    // Without the cookie (another browser) the callback refuses.
    let h2 = Harness::default().await;
    let thirdparty = h2.thirdparty("login", APP_URL, None).await;
    let authorize = thirdparty.body["payload"]["redirect_url"].as_str().unwrap();
    let ms = h2.choose(authorize, "account-work").await;
    let other_browser = client();
    let callback = other_browser.get(location(&ms)).send().await.unwrap();
    let back = location(&callback);
    assert!(back.starts_with("http://127.0.0.1:8080?error=invalid_request&error_description=thirdparty+state+cookie+is+missing"), "{back}");
}
