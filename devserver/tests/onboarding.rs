//! Every state after the token exchange, behind Hanko's configuration switches: passcodes and the
//! outbox, email and username onboarding, password and passkey onboarding, MFA set-up, the made-up
//! state, `back` and `skip`.

mod common;

use common::*;
use hanko_devserver::{Acquire, Config};
use serde_json::{json, Value};

const UNVERIFIED: &str = "jordan.lee@fabrikam.example";

fn config(change: impl FnOnce(&mut Config)) -> Config {
    let mut config = Config::for_tests();
    change(&mut config);
    config
}

fn actions(reply: &Reply) -> Vec<String> {
    reply.body["actions"]
        .as_object()
        .map(|a| a.keys().cloned().collect())
        .unwrap_or_default()
}

async fn outbox(h: &Harness) -> Value {
    h.client
        .get(h.hanko("/outbox.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn unverified_email_with_webauthn_gets_passkey_onboarding_after_the_passcode() {
    let h = Harness::default().await;
    let confirm = h.sign_in_caps("login", "account-unverified", true).await;
    assert_eq!(confirm.body["name"], "passcode_confirmation");
    assert!(
        confirm.body["actions"]["back"].is_null(),
        "PreventRevert after exchange_token"
    );
    let code = h.last_passcode(UNVERIFIED).await;
    assert_eq!(code.len(), 6);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    let passkey = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(passkey.body["name"], "onboarding_create_passkey");
    assert_eq!(
        actions(&passkey),
        ["skip", "webauthn_generate_creation_options"]
    );
    let success = h.act(&passkey, "skip", json!({})).await;
    assert_eq!(success.body["name"], "success");
    assert_eq!(
        success.body["payload"]["claims"]["email"]["address"],
        UNVERIFIED
    );
}

#[tokio::test]
async fn wrong_passcodes_then_max_attempts_then_resend() {
    let h = Harness::default().await;
    let confirm = h.sign_in("login", "account-unverified").await;
    let first = h.last_passcode(UNVERIFIED).await;
    let wrong = format!("{:06}", (first.parse::<u32>().unwrap() + 1) % 1_000_000);
    let mut state = confirm;
    for attempt in 1..=3 {
        state = h
            .act(&state, "verify_passcode", json!({"code": wrong}))
            .await;
        assert_eq!(state.body["name"], "passcode_confirmation");
        if attempt < 3 {
            // As Hanko: an input error at `code`, the state stays.
            assert_eq!(state.status, 400);
            assert_eq!(state.body["error"]["code"], "form_data_invalid_error");
            assert_eq!(
                state.body["actions"]["verify_passcode"]["inputs"]["code"]["error"]["code"],
                "passcode_invalid",
                "attempt {attempt}"
            );
        } else {
            assert_eq!(state.status, 401);
            assert_eq!(state.body["error"]["code"], "passcode_max_attempts_reached");
        }
    }
    // The burnt code no longer works.
    let burnt = h
        .act(&state, "verify_passcode", json!({"code": first}))
        .await;
    assert_eq!(
        burnt.body["actions"]["verify_passcode"]["inputs"]["code"]["error"]["code"],
        "passcode_invalid"
    );
    let resent = h.act(&burnt, "resend_passcode", json!({})).await;
    assert_eq!(resent.status, 200, "{}", resent.body);
    let second = h.last_passcode(UNVERIFIED).await;
    let success = h
        .act(&resent, "verify_passcode", json!({"code": second}))
        .await;
    assert_eq!(success.body["name"], "success");
}

#[tokio::test]
async fn resending_too_often_is_rate_limited_with_resend_after() {
    let h = Harness::default().await;
    let mut state = h.sign_in("login", "account-unverified").await;
    // Three sends per minute: the first one and two resends.
    for _ in 0..2 {
        state = h.act(&state, "resend_passcode", json!({})).await;
        assert_eq!(state.status, 200);
    }
    let limited = h.act(&state, "resend_passcode", json!({})).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.body["name"], "passcode_confirmation");
    assert_eq!(limited.body["error"]["code"], "rate_limit_exceeded");
    let after = limited.body["payload"]["resend_after"].as_u64().unwrap();
    assert!((1..=60).contains(&after), "{after}");
    let list = outbox(&h).await;
    assert_eq!(list["passcodes"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn outbox_lists_newest_first_and_escapes_html() {
    let h = Harness::default().await;
    let confirm = h.sign_in("login", "account-unverified").await;
    h.act(&confirm, "resend_passcode", json!({})).await;
    let list = outbox(&h).await;
    let passcodes = list["passcodes"].as_array().unwrap();
    assert_eq!(passcodes.len(), 2);
    assert!(passcodes[0]["sent_at"].as_str() >= passcodes[1]["sent_at"].as_str());
    assert_eq!(passcodes[0]["template"], "email_verification");
    let newest = passcodes[0]["code"].as_str().unwrap();
    assert_eq!(newest, h.last_passcode(UNVERIFIED).await);
    let page = h.client.get(h.hanko("/outbox")).send().await.unwrap();
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    let at = html.find(newest).expect("newest code on the page");
    let older = passcodes[1]["code"].as_str().unwrap();
    if older != newest {
        assert!(at < html.find(older).unwrap(), "newest first");
    }
    let json = h
        .client
        .get(h.hanko("/outbox"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(json, list);
}

#[tokio::test]
async fn account_without_email_is_refused_by_default() {
    let h = Harness::default().await;
    let (_, back) = h
        .round_trip("login", "account-no-email", Some(VERIFIER))
        .await;
    assert!(
        back.contains(
            "?error=invalid_request&error_description=could+not+retrieve+user+data+from+provider"
        ),
        "{back}"
    );
}

#[tokio::test]
async fn account_without_email_onboards_an_email_with_a_passcode() {
    let h = Harness::start(config(|c| c.accept_account_without_email = true)).await;
    let onboarding = h.sign_in("login", "account-no-email").await;
    assert_eq!(onboarding.body["name"], "onboarding_email");
    assert_eq!(actions(&onboarding), ["email_address_set"]);
    let input = &onboarding.body["actions"]["email_address_set"]["inputs"]["email"];
    assert_eq!(input["type"], "string");
    assert_eq!(input["max_length"], 120);
    let bad = h
        .act(
            &onboarding,
            "email_address_set",
            json!({"email": "not an address"}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.body["actions"]["email_address_set"]["inputs"]["email"]["error"]["code"],
        "value_invalid_error"
    );
    let confirm = h
        .act(
            &bad,
            "email_address_set",
            json!({"email": "Sam.Rivera@Example.test"}),
        )
        .await;
    assert_eq!(confirm.body["name"], "passcode_confirmation");
    assert!(confirm.body["actions"]["back"].is_object());
    let code = h.last_passcode("sam.rivera@example.test").await;
    let success = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(success.body["name"], "success");
    let email = &success.body["payload"]["claims"]["email"];
    assert_eq!(email["address"], "sam.rivera@example.test");
    assert_eq!(email["is_verified"], true);
}

#[tokio::test]
async fn onboarding_email_without_verification_and_optional_skip() {
    let h = Harness::start(config(|c| {
        c.accept_account_without_email = true;
        c.email.require_verification = false;
        c.email.optional = true;
    }))
    .await;
    let onboarding = h.sign_in("login", "account-no-email").await;
    assert_eq!(actions(&onboarding), ["email_address_set", "skip"]);
    let taken = h
        .act(
            &onboarding,
            "email_address_set",
            json!({"email": hanko_devserver::EXISTING_USER_EMAIL}),
        )
        .await;
    assert_eq!(
        taken.body["actions"]["email_address_set"]["inputs"]["email"]["error"]["code"],
        "email_already_exists"
    );
    let skipped = h.act(&taken, "skip", json!({})).await;
    assert_eq!(skipped.body["name"], "success");
    assert!(skipped.body["payload"]["claims"]["email"].is_null());
}

#[tokio::test]
async fn username_onboarding() {
    let h = Harness::start(config(|c| c.username.enabled = true)).await;
    let onboarding = h.sign_in("login", "account-work").await;
    assert_eq!(onboarding.body["name"], "onboarding_username");
    assert_eq!(actions(&onboarding), ["skip", "username_create"]);
    let input = &onboarding.body["actions"]["username_create"]["inputs"]["username"];
    assert_eq!(
        (input["min_length"].clone(), input["max_length"].clone()),
        (json!(3), json!(32))
    );
    let short = h
        .act(&onboarding, "username_create", json!({"username": "ab"}))
        .await;
    assert_eq!(
        short.body["actions"]["username_create"]["inputs"]["username"]["error"]["code"],
        "value_too_short_error"
    );
    let invalid = h
        .act(
            &short,
            "username_create",
            json!({"username": "alex wilber!"}),
        )
        .await;
    assert_eq!(
        invalid.body["actions"]["username_create"]["inputs"]["username"]["error"]["code"],
        "invalid_username_error"
    );
    let success = h
        .act(&invalid, "username_create", json!({"username": "Alex_W"}))
        .await;
    assert_eq!(success.body["name"], "success");
    assert_eq!(
        success.body["payload"]["user"]["username"]["username"],
        "alex_w"
    );

    // The name is taken now for everybody else.
    let other = h.sign_in("login", "account-personal").await;
    let taken = h
        .act(&other, "username_create", json!({"username": "alex_w"}))
        .await;
    assert_eq!(
        taken.body["actions"]["username_create"]["inputs"]["username"]["error"]["code"],
        "username_already_exists"
    );
}

#[tokio::test]
async fn password_creation_after_the_passcode() {
    let h = Harness::start(config(|c| {
        c.password.acquire_on_login = Acquire::Always;
        c.passkey.acquire_on_login = Acquire::Never;
    }))
    .await;
    let confirm = h.sign_in("login", "account-unverified").await;
    let code = h.last_passcode(UNVERIFIED).await;
    let create = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(create.body["name"], "password_creation");
    assert_eq!(
        actions(&create),
        ["register_password"],
        "mandatory, no back"
    );
    let short = h
        .act(
            &create,
            "register_password",
            json!({"new_password": "short"}),
        )
        .await;
    assert_eq!(
        short.body["actions"]["register_password"]["inputs"]["new_password"]["error"]["code"],
        "value_too_short_error"
    );
    let long = h
        .act(
            &short,
            "register_password",
            json!({"new_password": "ä".repeat(37)}),
        )
        .await;
    assert_eq!(
        long.body["actions"]["register_password"]["inputs"]["new_password"]["error"]["code"],
        "value_too_long_error"
    );
    let success = h
        .act(
            &long,
            "register_password",
            json!({"new_password": "correct horse battery"}),
        )
        .await;
    assert_eq!(success.body["name"], "success");
}

#[tokio::test]
async fn credential_chooser_offers_both_and_back_returns_to_it() {
    let h = Harness::start(config(|c| {
        c.password.acquire_on_login = Acquire::Conditional;
        c.passkey.acquire_on_login = Acquire::Conditional;
        c.password.optional = true;
    }))
    .await;
    let confirm = h.sign_in_caps("login", "account-unverified", true).await;
    let code = h.last_passcode(UNVERIFIED).await;
    let chooser = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(chooser.body["name"], "credential_onboarding_chooser");
    assert_eq!(
        actions(&chooser),
        [
            "continue_to_passkey_registration",
            "continue_to_password_registration",
            "skip"
        ]
    );
    let password = h
        .act(&chooser, "continue_to_password_registration", json!({}))
        .await;
    assert_eq!(password.body["name"], "password_creation");
    assert!(password.body["actions"]["back"].is_object());
    let again = h.act(&password, "back", json!({})).await;
    assert_eq!(again.body["name"], "credential_onboarding_chooser");
    let passkey = h
        .act(&again, "continue_to_passkey_registration", json!({}))
        .await;
    assert_eq!(passkey.body["name"], "onboarding_create_passkey");
    assert!(
        passkey.body["actions"]["skip"].is_null(),
        "no skip after the chooser"
    );
    let success = h
        .act(&h.act(&passkey, "back", json!({})).await, "skip", json!({}))
        .await;
    assert_eq!(success.body["name"], "success");
}

fn totp_now(secret: &str) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret).unwrap();
    totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .unwrap()
        .generate_current()
        .to_string()
}

#[tokio::test]
async fn registration_mfa_totp_set_up() {
    let h = Harness::default().await;
    let confirm = h.sign_in("registration", "account-unverified").await;
    assert_eq!(confirm.body["name"], "passcode_confirmation");
    let code = h.last_passcode(UNVERIFIED).await;
    let chooser = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(chooser.body["name"], "mfa_method_chooser");
    // No WebAuthn on this device: only the authenticator app.
    assert_eq!(
        actions(&chooser),
        ["continue_to_otp_secret_creation", "skip"]
    );
    let otp = h
        .act(&chooser, "continue_to_otp_secret_creation", json!({}))
        .await;
    assert_eq!(otp.body["name"], "mfa_otp_secret_creation");
    let secret = otp.body["payload"]["otp_secret"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(otp.body["payload"]["otp_image_source"]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    let back = h.act(&otp, "back", json!({})).await;
    assert_eq!(back.body["name"], "mfa_method_chooser");
    let otp = h
        .act(&back, "continue_to_otp_secret_creation", json!({}))
        .await;
    let secret_2 = otp.body["payload"]["otp_secret"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(secret, secret_2, "a new secret each time");
    let current = totp_now(&secret_2);
    let wrong = format!(
        "{:06}",
        (current.parse::<u32>().unwrap() + 500_000) % 1_000_000
    );
    let rejected = h
        .act(&otp, "otp_code_verify", json!({"otp_code": wrong}))
        .await;
    assert_eq!(rejected.status, 400);
    assert_eq!(
        rejected.body["actions"]["otp_code_verify"]["inputs"]["otp_code"]["error"]["code"],
        "passcode_invalid"
    );
    let success = h
        .act(
            &rejected,
            "otp_code_verify",
            json!({"otp_code": totp_now(&secret_2)}),
        )
        .await;
    assert_eq!(success.body["name"], "success");
    assert_eq!(
        success.body["payload"]["user"]["mfa_config"]["auth_app_set_up"],
        true
    );
}

#[tokio::test]
async fn mfa_chooser_can_be_skipped_and_offers_security_keys_with_webauthn() {
    let h = Harness::default().await;
    let confirm = h
        .sign_in_caps("registration", "account-unverified", true)
        .await;
    let code = h.last_passcode(UNVERIFIED).await;
    let chooser = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(
        actions(&chooser),
        [
            "continue_to_otp_secret_creation",
            "continue_to_security_key_creation",
            "skip"
        ]
    );
    let key = h
        .act(&chooser, "continue_to_security_key_creation", json!({}))
        .await;
    assert_eq!(key.body["name"], "mfa_security_key_creation");
    let options = h
        .act(&key, "webauthn_generate_creation_options", json!({}))
        .await;
    assert_eq!(
        options.body["name"],
        "onboarding_verify_passkey_attestation"
    );
    let public_key = &options.body["payload"]["creation_options"]["publicKey"];
    assert_eq!(
        public_key["authenticatorSelection"]["residentKey"],
        "discouraged"
    );
    assert_eq!(
        public_key["authenticatorSelection"]["authenticatorAttachment"],
        "cross-platform"
    );
    let back = h.act(&options, "back", json!({})).await;
    assert_eq!(back.body["name"], "mfa_security_key_creation");
    let chooser = h.act(&back, "back", json!({})).await;
    let success = h.act(&chooser, "skip", json!({})).await;
    assert_eq!(success.body["name"], "success");
}

#[tokio::test]
async fn passkey_creation_options_and_an_invalid_attestation() {
    let h = Harness::default().await;
    let confirm = h.sign_in_caps("login", "account-unverified", true).await;
    let code = h.last_passcode(UNVERIFIED).await;
    let create = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    let verify = h
        .act(&create, "webauthn_generate_creation_options", json!({}))
        .await;
    assert_eq!(verify.body["name"], "onboarding_verify_passkey_attestation");
    let options = &verify.body["payload"]["creation_options"]["publicKey"];
    assert_eq!(options["rp"]["id"], "localhost");
    assert_eq!(options["user"]["name"], UNVERIFIED);
    assert_eq!(options["attestation"], "direct");
    assert_eq!(options["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(
        options["authenticatorSelection"]["userVerification"],
        "preferred"
    );
    let challenge = options["challenge"].as_str().unwrap();
    assert!(!challenge.contains('=') && !challenge.contains('+') && !challenge.contains('/'));
    let user_id = options["user"]["id"].as_str().unwrap();
    assert_eq!(user_id.len(), 22, "16 bytes, base64url without padding");
    let invalid = h
        .act(
            &verify,
            "webauthn_verify_attestation_response",
            json!({"public_key": {"id": "x", "rawId": "eA", "type": "public-key",
                "response": {"clientDataJSON": "e30", "attestationObject": "oA"}}}),
        )
        .await;
    assert_eq!(invalid.status, 401);
    assert_eq!(invalid.body["error"]["code"], "passkey_invalid");
    assert_eq!(invalid.body["name"], "success");
}

#[tokio::test]
async fn made_up_state_before_success() {
    let h = Harness::start(config(|c| c.custom_state = true)).await;
    let custom = h.sign_in("login", "account-work").await;
    assert_eq!(custom.body["name"], "favourite_colour");
    assert_eq!(actions(&custom), ["favourite_colour_set", "skip"]);
    let input = &custom.body["actions"]["favourite_colour_set"]["inputs"]["favourite_colour"];
    assert_eq!(input["type"], "string");
    assert_eq!(input["required"], true);
    let missing = h.act(&custom, "favourite_colour_set", json!({})).await;
    assert_eq!(missing.status, 400);
    let success = h
        .act(
            &missing,
            "favourite_colour_set",
            json!({"favourite_colour": "teal"}),
        )
        .await;
    assert_eq!(success.body["name"], "success");
}

#[tokio::test]
async fn back_from_the_passcode_to_another_address() {
    let h = Harness::start(config(|c| c.accept_account_without_email = true)).await;
    let onboarding = h.sign_in("login", "account-no-email").await;
    let first = h
        .act(
            &onboarding,
            "email_address_set",
            json!({"email": "first@example.test"}),
        )
        .await;
    assert_eq!(first.body["name"], "passcode_confirmation");
    let old_code = h.last_passcode("first@example.test").await;
    let again = h.act(&first, "back", json!({})).await;
    assert_eq!(again.body["name"], "onboarding_email");
    let second = h
        .act(
            &again,
            "email_address_set",
            json!({"email": "second@example.test"}),
        )
        .await;
    let new_code = h.last_passcode("second@example.test").await;
    let mut state = second;
    if new_code != old_code {
        state = h
            .act(&state, "verify_passcode", json!({"code": old_code}))
            .await;
        assert_eq!(
            state.body["actions"]["verify_passcode"]["inputs"]["code"]["error"]["code"],
            "passcode_invalid"
        );
    }
    let success = h
        .act(&state, "verify_passcode", json!({"code": new_code}))
        .await;
    assert_eq!(success.body["name"], "success");
    assert_eq!(
        success.body["payload"]["claims"]["email"]["address"],
        "second@example.test"
    );
    assert_eq!(
        success.body["payload"]["user"]["emails"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
