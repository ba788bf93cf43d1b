//! Flow API shape and error handling (`POST /login`, `POST /registration`).

mod common;

use common::*;
use hanko_devserver::Config;
use serde_json::{json, Value};

fn assert_error_state(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.body);
    assert_eq!(reply.body["status"], status);
    assert_eq!(reply.body["name"], "error");
    assert_eq!(reply.body["error"]["code"], code);
    assert_eq!(reply.body["csrf_token"], "");
    assert_eq!(reply.body["actions"], json!({}));
}

#[tokio::test]
async fn preflight_and_init_states_have_hankos_shape() {
    let h = Harness::default().await;
    let preflight = h.start_flow("login").await;
    assert_eq!(preflight.status, 200);
    let body = &preflight.body;
    assert_eq!(body["name"], "preflight");
    assert_eq!(body["status"], 200);
    assert_eq!(body["payload"], json!({}));
    assert!(body["links"].is_null());
    assert!(body.get("error").is_none());
    let action = &body["actions"]["register_client_capabilities"];
    let href = action["href"].as_str().unwrap();
    let re = regex::Regex::new(r"^/login\?action=register_client_capabilities%40[0-9a-f-]{36}$")
        .unwrap();
    assert!(re.is_match(href), "{href}");
    assert_eq!(action["action"], "register_client_capabilities");
    assert_eq!(action["inputs"]["webauthn_available"]["type"], "boolean");
    assert_eq!(action["inputs"]["webauthn_available"]["required"], true);

    let init = h
        .act(
            &preflight,
            "register_client_capabilities",
            json!({"webauthn_available": true}),
        )
        .await;
    assert_eq!(init.body["name"], "login_init");
    assert_ne!(init.body["csrf_token"], preflight.body["csrf_token"]);
    let oauth = &init.body["actions"]["thirdparty_oauth"];
    assert!(oauth["href"]
        .as_str()
        .unwrap()
        .starts_with("/login?action=thirdparty_oauth%40"));
    assert_eq!(
        oauth["inputs"]["provider"]["allowed_values"],
        json!([{"value": "microsoft", "name": "Microsoft"}])
    );
    assert_eq!(oauth["inputs"]["provider"]["hidden"], true);
    assert_eq!(oauth["inputs"]["redirect_to"]["required"], true);
    assert!(oauth["inputs"]["code_verifier"].get("required").is_none());
    assert!(init.body["actions"].get("back").is_none());
}

#[tokio::test]
async fn registration_flow_uses_its_own_path() {
    let h = Harness::default().await;
    let init = h.init("registration").await;
    assert_eq!(init.body["name"], "registration_init");
    assert!(init
        .href("thirdparty_oauth")
        .starts_with("/registration?action="));
    // A registration flow id is unknown to /login.
    let href = init
        .href("thirdparty_oauth")
        .replacen("/registration", "/login", 1);
    let csrf = init.body["csrf_token"].as_str().unwrap();
    let reply = h.act_with_csrf(&href, json!({}), csrf).await;
    assert_error_state(&reply, 403, "operation_not_permitted_error");
}

#[tokio::test]
async fn no_providers_means_no_thirdparty_oauth() {
    let h = Harness::start(Config {
        providers: vec![],
        ..Config::for_tests()
    })
    .await;
    let init = h.init("login").await;
    assert!(init.body["actions"].get("thirdparty_oauth").is_none());
}

#[tokio::test]
async fn csrf_token_rotates_and_stale_tokens_are_refused() {
    let h = Harness::default().await;
    let preflight = h.start_flow("login").await;
    let init = h
        .act(
            &preflight,
            "register_client_capabilities",
            json!({"webauthn_available": false}),
        )
        .await;
    let stale = preflight.body["csrf_token"].as_str().unwrap();
    let reply = h
        .act_with_csrf(
            &init.href("thirdparty_oauth"),
            json!({"provider": "microsoft", "redirect_to": APP_URL}),
            stale,
        )
        .await;
    assert_error_state(&reply, 403, "operation_not_permitted_error");
    let missing = h
        .act_with_csrf(&init.href("thirdparty_oauth"), json!({}), "")
        .await;
    assert_error_state(&missing, 403, "operation_not_permitted_error");
}

#[tokio::test]
async fn unknown_flow_and_malformed_action_are_forbidden() {
    let h = Harness::default().await;
    let unknown = h
        .act_with_csrf(
            "/login?action=thirdparty_oauth%4000000000-0000-4000-8000-000000000000",
            json!({}),
            "x",
        )
        .await;
    assert_error_state(&unknown, 403, "operation_not_permitted_error");
    for href in ["/login?action=nonsense", "/login?action=back%40not-a-uuid"] {
        let reply = h.act_with_csrf(href, json!({}), "x").await;
        assert_error_state(&reply, 403, "operation_not_permitted_error");
    }
}

#[tokio::test]
async fn action_not_offered_in_state_is_forbidden() {
    let h = Harness::default().await;
    let init = h.init("login").await;
    let href = init
        .href("thirdparty_oauth")
        .replace("thirdparty_oauth", "exchange_token");
    let reply = h
        .act_with_csrf(
            &href,
            json!({"token": "x"}),
            init.body["csrf_token"].as_str().unwrap(),
        )
        .await;
    assert_error_state(&reply, 403, "operation_not_permitted_error");
}

#[tokio::test]
async fn expired_flow_gives_410() {
    let h = Harness::start(Config {
        flow_lifetime_secs: 0,
        ..Config::for_tests()
    })
    .await;
    let preflight = h.start_flow("login").await;
    let reply = h
        .act(
            &preflight,
            "register_client_capabilities",
            json!({"webauthn_available": false}),
        )
        .await;
    assert_error_state(&reply, 410, "flow_expired_error");
}

#[tokio::test]
async fn missing_and_invalid_inputs_keep_the_state() {
    let h = Harness::default().await;
    let preflight = h.start_flow("login").await;
    let reply = h
        .act(&preflight, "register_client_capabilities", json!({}))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["name"], "preflight");
    assert_eq!(reply.body["error"]["code"], "form_data_invalid_error");
    assert_eq!(
        reply.body["actions"]["register_client_capabilities"]["inputs"]["webauthn_available"]
            ["error"]["code"],
        "value_missing_error"
    );
    assert_ne!(reply.body["csrf_token"], preflight.body["csrf_token"]);

    let typed = h
        .act(
            &reply,
            "register_client_capabilities",
            json!({"webauthn_available": "yes"}),
        )
        .await;
    assert_eq!(typed.status, 400);
    assert_eq!(
        typed.body["actions"]["register_client_capabilities"]["inputs"]["webauthn_available"]
            ["error"]["code"],
        "value_invalid_error"
    );
}

#[tokio::test]
async fn thirdparty_oauth_rejects_disallowed_redirects_and_unknown_providers() {
    let h = Harness::default().await;
    let init = h.init("login").await;
    let evil = h
        .act(
            &init,
            "thirdparty_oauth",
            json!({"provider": "microsoft", "redirect_to": "https://evil.test/"}),
        )
        .await;
    assert_eq!(evil.status, 400);
    assert_eq!(evil.body["name"], "login_init");
    assert_eq!(evil.body["error"]["code"], "form_data_invalid_error");
    assert!(
        evil.body["actions"]["thirdparty_oauth"]["inputs"]["redirect_to"]
            .get("error")
            .is_none()
    );
    assert!(evil.cookies().is_empty());

    let boundary = h
        .act(
            &evil,
            "thirdparty_oauth",
            json!({"provider": "microsoft", "redirect_to": "http://127.0.0.1.evil.test/"}),
        )
        .await;
    assert_eq!(boundary.status, 400);

    let provider = h
        .act(
            &boundary,
            "thirdparty_oauth",
            json!({"provider": "github", "redirect_to": APP_URL}),
        )
        .await;
    assert_eq!(provider.status, 400);
    assert_eq!(provider.body["error"]["code"], "form_data_invalid_error");
    assert_eq!(
        provider.body["actions"]["thirdparty_oauth"]["inputs"]["provider"]["error"]["code"],
        "value_invalid_error"
    );

    let missing = h
        .act(
            &provider,
            "thirdparty_oauth",
            json!({"provider": "microsoft"}),
        )
        .await;
    assert_eq!(
        missing.body["actions"]["thirdparty_oauth"]["inputs"]["redirect_to"]["error"]["code"],
        "value_missing_error"
    );

    // Provider ids are case-insensitive at lookup but must be an allowed value on input.
    let ok = h
        .act(
            &missing,
            "thirdparty_oauth",
            json!({"provider": "microsoft", "redirect_to": "http://localhost:3000/x"}),
        )
        .await;
    assert_eq!(ok.body["name"], "thirdparty");
}

#[tokio::test]
async fn back_returns_to_the_init_state() {
    let h = Harness::default().await;
    let thirdparty = h.thirdparty("registration", APP_URL, Some(VERIFIER)).await;
    let back = h.act(&thirdparty, "back", json!({})).await;
    assert_eq!(back.status, 200);
    assert_eq!(back.body["name"], "registration_init");
    assert!(back.body["actions"]["thirdparty_oauth"].is_object());
}

async fn raw(h: &Harness, href: &str, content_type: &str, body: Vec<u8>) -> Reply {
    let response = h
        .client
        .post(h.hanko(href))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    Harness::reply(response).await
}

#[tokio::test]
async fn malformed_bodies_are_client_errors() {
    let h = Harness::default().await;
    let preflight = h.start_flow("login").await;
    let href = preflight.href("register_client_capabilities");
    let bad_json = raw(&h, &href, "application/json", b"{\"input_data\": ".to_vec()).await;
    assert_error_state(&bad_json, 400, "form_data_invalid_error");
    let wrong_shape = raw(&h, &href, "application/json", b"[1,2]".to_vec()).await;
    assert_error_state(&wrong_shape, 400, "form_data_invalid_error");
    let wrong_input = raw(
        &h,
        &href,
        "application/json",
        b"{\"input_data\": 5}".to_vec(),
    )
    .await;
    assert_error_state(&wrong_input, 400, "form_data_invalid_error");
    let form = raw(
        &h,
        &href,
        "application/x-www-form-urlencoded",
        b"a=b".to_vec(),
    )
    .await;
    assert_error_state(&form, 415, "form_data_invalid_error");
    let mut huge = b"{\"input_data\": {\"x\": \"".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 70 * 1024));
    huge.extend(b"\"}}");
    let too_large = raw(&h, &href, "application/json", huge).await;
    assert_error_state(&too_large, 413, "form_data_invalid_error");

    // The flow is still usable afterwards.
    let init = h
        .act(
            &preflight,
            "register_client_capabilities",
            json!({"webauthn_available": false}),
        )
        .await;
    assert_eq!(init.body["name"], "login_init");
}

#[tokio::test]
async fn flows_are_independent_under_concurrency() {
    let h = std::sync::Arc::new(Harness::default().await);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let h = h.clone();
        tasks.push(tokio::spawn(async move {
            h.sign_in("login", "account-work").await.body
        }));
    }
    let mut subjects = Vec::new();
    for task in tasks {
        let body: Value = task.await.unwrap();
        assert_eq!(body["name"], "success");
        subjects.push(body["payload"]["claims"]["subject"].clone());
    }
    subjects.dedup();
    assert_eq!(subjects.len(), 1, "one Microsoft account maps to one user");
}
