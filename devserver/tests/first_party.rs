//! First-party sign-in and sign-up over HTTP: identifiers, passcodes, passwords and recovery,
//! passkeys (real assertions from a software authenticator), MFA at login, device trust, and
//! registration with an email; with the seeded accounts of `hanko_devserver::seed`.

mod common;

use common::authenticator::SoftKey;
use common::*;
use hanko_devserver::seed;
use hanko_devserver::{Config, DeviceTrustPolicy};
use serde_json::{json, Value};

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

fn input_error(reply: &Reply, action: &str, input: &str) -> Value {
    reply.body["actions"][action]["inputs"][input]["error"]["code"].clone()
}

fn session_cookie(reply: &Reply) -> Option<String> {
    reply
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("hanko="))
}

fn assert_success(reply: &Reply, email: &str, method: &str) {
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["name"], "success", "{}", reply.body);
    assert_eq!(reply.body["payload"]["claims"]["email"]["address"], email);
    assert_eq!(
        reply.body["payload"]["last_login"]["login_method"], method,
        "{}",
        reply.body
    );
    assert!(session_cookie(reply).is_some(), "session cookie");
}

fn totp_at(secret: &str, offset: i64) -> String {
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap();
    let now = chrono::Utc::now().timestamp() + offset;
    totp.generate(now as u64).to_string()
}

/// `login_init` → `continue_with_login_identifier` with an email.
async fn identify(h: &Harness, webauthn: bool, email: &str) -> Reply {
    let init = h.init_caps("login", webauthn).await;
    h.act(
        &init,
        "continue_with_login_identifier",
        json!({ "email": email }),
    )
    .await
}

/// Identifier, password chooser, password.
async fn password_step(h: &Harness, webauthn: bool, email: &str, password: &str) -> Reply {
    let chooser = identify(h, webauthn, email).await;
    assert_eq!(
        chooser.body["name"], "login_method_chooser",
        "{}",
        chooser.body
    );
    let login = h
        .act(&chooser, "continue_to_password_login", json!({}))
        .await;
    assert_eq!(login.body["name"], "login_password");
    h.act(&login, "password_login", json!({ "password": password }))
        .await
}

#[tokio::test]
async fn login_init_offers_actions_by_config() {
    let h = Harness::default().await;
    let init = h.init("login").await;
    assert_eq!(
        actions(&init),
        ["continue_with_login_identifier", "thirdparty_oauth"]
    );
    let email = &init.body["actions"]["continue_with_login_identifier"]["inputs"]["email"];
    assert_eq!(email["type"], "email");
    assert_eq!(email["required"], true);
    assert_eq!(
        (email["min_length"].clone(), email["max_length"].clone()),
        (json!(3), json!(120))
    );

    let webauthn = h.init_caps("login", true).await;
    assert_eq!(
        actions(&webauthn),
        [
            "continue_with_login_identifier",
            "thirdparty_oauth",
            "webauthn_generate_request_options",
            "webauthn_verify_assertion_response"
        ]
    );
    assert!(webauthn.body["payload"]["request_options"].is_null());
    let conditional = h
        .init_with(
            "login",
            json!({"webauthn_available": true, "webauthn_conditional_mediation_available": true}),
        )
        .await;
    let options = &conditional.body["payload"]["request_options"]["publicKey"];
    assert_eq!(options["allowCredentials"], json!([]));
    assert_eq!(options["userVerification"], "preferred");
    assert_eq!(options["rpId"], "localhost");
    assert!(!options["challenge"].as_str().unwrap().contains('='));

    let no_providers = Harness::start(config(|c| c.providers.clear())).await;
    let init = no_providers.init("login").await;
    assert_eq!(actions(&init), ["continue_with_login_identifier"]);
    let init = no_providers.init("registration").await;
    assert_eq!(actions(&init), ["register_login_identifier"]);

    let both = Harness::start(config(|c| c.username.enabled = true)).await;
    let init = both.init("login").await;
    let inputs = &init.body["actions"]["continue_with_login_identifier"]["inputs"];
    assert_eq!(inputs["identifier"]["max_length"], 255);
    let username_only = Harness::start(config(|c| {
        c.username.enabled = true;
        c.email.use_as_login_identifier = false;
    }))
    .await;
    let init = username_only.init("login").await;
    let inputs = &init.body["actions"]["continue_with_login_identifier"]["inputs"];
    assert_eq!(inputs["username"]["min_length"], 3);
    let nothing = Harness::start(config(|c| {
        c.password.enabled = false;
        c.email.use_for_authentication = false;
    }))
    .await;
    assert_eq!(actions(&nothing.init("login").await), ["thirdparty_oauth"]);
}

#[tokio::test]
async fn passcode_login_with_a_wrong_code_first() {
    let h = Harness::default().await;
    let chooser = identify(&h, false, "Passcode@Example.com ").await;
    assert_eq!(chooser.body["name"], "login_method_chooser");
    assert_eq!(
        actions(&chooser),
        [
            "back",
            "continue_to_passcode_confirmation",
            "continue_to_password_login"
        ]
    );
    let confirm = h
        .act(&chooser, "continue_to_passcode_confirmation", json!({}))
        .await;
    assert_eq!(confirm.body["name"], "passcode_confirmation");
    let (code, template) = h.last_mail(seed::PASSCODE_USER_EMAIL).await;
    assert_eq!(template, "login");
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    let rejected = h
        .act(&confirm, "verify_passcode", json!({"code": wrong}))
        .await;
    assert_eq!(rejected.status, 400);
    assert_eq!(
        rejected.body["actions"]["verify_passcode"]["inputs"]["code"]["error"]["code"],
        "passcode_invalid"
    );
    let success = h
        .act(&rejected, "verify_passcode", json!({"code": code}))
        .await;
    assert_success(&success, seed::PASSCODE_USER_EMAIL, "passcode");
}

#[tokio::test]
async fn passcode_only_goes_straight_to_the_passcode() {
    let h = Harness::start(config(|c| c.password.enabled = false)).await;
    let confirm = identify(&h, false, seed::PASSCODE_USER_EMAIL).await;
    assert_eq!(confirm.body["name"], "passcode_confirmation");
    let (code, _) = h.last_mail(seed::PASSCODE_USER_EMAIL).await;
    let success = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_success(&success, seed::PASSCODE_USER_EMAIL, "passcode");
}

#[tokio::test]
async fn unknown_email_with_and_without_existence_hints() {
    let h = Harness::default().await;
    let chooser = identify(&h, false, "nobody@example.com").await;
    assert_eq!(
        chooser.body["name"], "login_method_chooser",
        "no hint by default"
    );
    let confirm = h
        .act(&chooser, "continue_to_passcode_confirmation", json!({}))
        .await;
    assert_eq!(confirm.body["name"], "passcode_confirmation");
    let (code, template) = h.last_mail("nobody@example.com").await;
    assert_eq!(template, "email_login_attempted");
    let refused = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(
        refused.body["error"]["code"],
        "operation_not_permitted_error"
    );

    let hints = Harness::start(config(|c| c.privacy.show_account_existence_hints = true)).await;
    let unknown = identify(&hints, false, "nobody@example.com").await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.body["name"], "login_init");
    assert_eq!(unknown.body["error"]["code"], "form_data_invalid_error");
    assert_eq!(
        input_error(&unknown, "continue_with_login_identifier", "email"),
        "unknown_email_error"
    );

    let usernames = Harness::start(config(|c| c.username.enabled = true)).await;
    let init = usernames.init("login").await;
    let unknown = usernames
        .act(
            &init,
            "continue_with_login_identifier",
            json!({"identifier": "no_such_user"}),
        )
        .await;
    assert_eq!(
        input_error(&unknown, "continue_with_login_identifier", "identifier"),
        "unknown_username_error"
    );
}

#[tokio::test]
async fn password_login_wrong_then_right() {
    let h = Harness::default().await;
    let wrong = password_step(&h, false, seed::PASSWORD_USER_EMAIL, "wrong password").await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.body["name"], "login_password");
    assert_eq!(wrong.body["error"]["code"], "form_data_invalid_error");
    assert_eq!(
        input_error(&wrong, "password_login", "password"),
        "value_invalid_error"
    );
    let success = h
        .act(
            &wrong,
            "password_login",
            json!({"password": seed::PASSWORD}),
        )
        .await;
    assert_success(&success, seed::PASSWORD_USER_EMAIL, "password");
    // A passcode-only user has no password to match.
    let none = password_step(&h, false, seed::PASSCODE_USER_EMAIL, seed::PASSWORD).await;
    assert_eq!(
        input_error(&none, "password_login", "password"),
        "value_invalid_error"
    );
}

#[tokio::test]
async fn password_attempts_are_rate_limited_with_retry_after() {
    let h = Harness::start(config(|c| c.password_rate_limit = 2)).await;
    let mut state = password_step(&h, false, seed::PASSWORD_USER_EMAIL, "nope nope").await;
    state = h
        .act(&state, "password_login", json!({"password": "again nope"}))
        .await;
    assert_eq!(state.status, 400);
    let limited = h
        .act(
            &state,
            "password_login",
            json!({"password": seed::PASSWORD}),
        )
        .await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.body["name"], "login_password");
    assert_eq!(limited.body["error"]["code"], "rate_limit_exceeded");
    let retry = limited.body["payload"]["retry_after"].as_u64().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(limited.header("retry-after"), Some(retry.to_string()));
}

#[tokio::test]
async fn forgot_password_sets_a_new_one() {
    let h = Harness::default().await;
    let chooser = identify(&h, false, seed::PASSWORD_USER_EMAIL).await;
    let login = h
        .act(&chooser, "continue_to_password_login", json!({}))
        .await;
    assert!(actions(&login).contains(&"continue_to_passcode_confirmation_recovery".to_string()));
    let confirm = h
        .act(
            &login,
            "continue_to_passcode_confirmation_recovery",
            json!({}),
        )
        .await;
    assert_eq!(confirm.body["name"], "passcode_confirmation");
    let (code, template) = h.last_mail(seed::PASSWORD_USER_EMAIL).await;
    assert_eq!(template, "recovery");
    let recovery = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(
        recovery.body["name"], "login_password_recovery",
        "{}",
        recovery.body
    );
    let input = &recovery.body["actions"]["password_recovery"]["inputs"]["new_password"];
    assert_eq!(
        (input["min_length"].clone(), input["max_length"].clone()),
        (json!(8), json!(72))
    );
    let short = h
        .act(
            &recovery,
            "password_recovery",
            json!({"new_password": "short"}),
        )
        .await;
    assert_eq!(
        input_error(&short, "password_recovery", "new_password"),
        "value_too_short_error"
    );
    let success = h
        .act(
            &short,
            "password_recovery",
            json!({"new_password": "a brand new secret"}),
        )
        .await;
    assert_success(&success, seed::PASSWORD_USER_EMAIL, "password");

    let old = password_step(&h, false, seed::PASSWORD_USER_EMAIL, seed::PASSWORD).await;
    assert_eq!(
        input_error(&old, "password_login", "password"),
        "value_invalid_error"
    );
    let new = password_step(&h, false, seed::PASSWORD_USER_EMAIL, "a brand new secret").await;
    assert_success(&new, seed::PASSWORD_USER_EMAIL, "password");
}

#[tokio::test]
async fn totp_at_login_device_trust_and_replay() {
    let mut h = Harness::default().await;
    let otp = password_step(&h, false, seed::TOTP_USER_EMAIL, seed::PASSWORD).await;
    assert_eq!(otp.body["name"], "login_otp", "{}", otp.body);
    assert_eq!(actions(&otp), ["otp_code_validate"]);
    let code = totp_at(seed::TOTP_SECRET, 0);
    let wrong = format!(
        "{:06}",
        (code.parse::<u32>().unwrap() + 500_000) % 1_000_000
    );
    let rejected = h
        .act(&otp, "otp_code_validate", json!({"otp_code": wrong}))
        .await;
    assert_eq!(rejected.status, 400);
    assert_eq!(
        input_error(&rejected, "otp_code_validate", "otp_code"),
        "otp_code_invalid"
    );
    let trust = h
        .act(&rejected, "otp_code_validate", json!({"otp_code": code}))
        .await;
    assert_eq!(trust.body["name"], "device_trust", "{}", trust.body);
    assert_eq!(actions(&trust), ["skip", "trust_device"]);
    let success = h.act(&trust, "trust_device", json!({})).await;
    assert_success(&success, seed::TOTP_USER_EMAIL, "password");
    assert_eq!(success.body["payload"]["last_login"]["mfa_method"], "totp");
    let device = success
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("hanko-device-token="))
        .expect("device cookie");
    for attribute in [
        "Path=/",
        "Max-Age=2592000",
        "HttpOnly",
        "Secure",
        "SameSite=None",
    ] {
        assert!(device.contains(attribute), "{device}");
    }
    let pair = device.split(';').next().unwrap().to_string();
    assert!(pair.starts_with(&format!("hanko-device-token={}:", seed::TOTP_USER_ID)));

    // The same code again from another browser (a client without the device cookie): replay.
    h.client = common::client();
    let again = password_step(&h, false, seed::TOTP_USER_EMAIL, seed::PASSWORD).await;
    let replay = h
        .act(&again, "otp_code_validate", json!({"otp_code": code}))
        .await;
    assert_eq!(
        input_error(&replay, "otp_code_validate", "otp_code"),
        "otp_code_already_used"
    );

    // The trusted browser skips MFA.
    let chooser = identify(&h, false, seed::TOTP_USER_EMAIL).await;
    let login = h
        .act(&chooser, "continue_to_password_login", json!({}))
        .await;
    let trusted = h
        .act_with_cookie(
            &login,
            "password_login",
            json!({"password": seed::PASSWORD}),
            &pair,
        )
        .await;
    assert_success(&trusted, seed::TOTP_USER_EMAIL, "password");
    assert!(trusted.body["payload"]["last_login"]["mfa_method"].is_null());
    // A made-up token does not.
    let chooser = identify(&h, false, seed::TOTP_USER_EMAIL).await;
    let login = h
        .act(&chooser, "continue_to_password_login", json!({}))
        .await;
    let forged = format!("hanko-device-token={}:forged", seed::TOTP_USER_ID);
    let untrusted = h
        .act_with_cookie(
            &login,
            "password_login",
            json!({"password": seed::PASSWORD}),
            &forged,
        )
        .await;
    assert_eq!(untrusted.body["name"], "login_otp");
}

#[tokio::test]
async fn device_trust_policies() {
    let h = Harness::default().await;
    let otp = password_step(&h, false, seed::TOTP_USER_EMAIL, seed::PASSWORD).await;
    let trust = h
        .act(
            &otp,
            "otp_code_validate",
            json!({"otp_code": totp_at(seed::TOTP_SECRET, 0)}),
        )
        .await;
    let skipped = h.act(&trust, "skip", json!({})).await;
    assert_eq!(skipped.body["name"], "success");
    assert!(!skipped
        .cookies()
        .iter()
        .any(|c| c.starts_with("hanko-device-token")));

    for (policy, cookie) in [
        (DeviceTrustPolicy::Never, false),
        (DeviceTrustPolicy::Always, true),
    ] {
        let h = Harness::start(config(|c| c.mfa.device_trust_policy = policy)).await;
        let otp = password_step(&h, false, seed::TOTP_USER_EMAIL, seed::PASSWORD).await;
        let success = h
            .act(
                &otp,
                "otp_code_validate",
                json!({"otp_code": totp_at(seed::TOTP_SECRET, 0)}),
            )
            .await;
        assert_eq!(
            success.body["name"], "success",
            "{policy:?}: no device_trust state"
        );
        let has = success
            .cookies()
            .iter()
            .any(|c| c.starts_with("hanko-device-token="));
        assert_eq!(has, cookie, "{policy:?}");
    }
}

#[tokio::test]
async fn passkey_login_with_the_seeded_passkey_and_bad_assertions() {
    let h = Harness::default().await;
    let init = h.init_caps("login", true).await;
    let passkey = h
        .act(&init, "webauthn_generate_request_options", json!({}))
        .await;
    assert_eq!(passkey.body["name"], "login_passkey");
    assert_eq!(
        actions(&passkey),
        ["back", "webauthn_verify_assertion_response"]
    );
    let options = passkey.body["payload"]["request_options"].clone();
    assert_eq!(options["publicKey"]["allowCredentials"], json!([]));
    assert_eq!(options["publicKey"]["userVerification"], "preferred");
    let mut key = SoftKey::from_seed(
        seed::PASSKEY_PRIVATE_KEY,
        seed::PASSKEY_CREDENTIAL_ID,
        seed::PASSKEY_USER_HANDLE,
    );
    let forger = p256::ecdsa::SigningKey::random(&mut rand::rngs::OsRng);
    let forged = key.assert_with(&options, &forger);
    let invalid = h
        .act(
            &passkey,
            "webauthn_verify_assertion_response",
            json!({"assertion_response": forged}),
        )
        .await;
    assert_eq!(invalid.status, 401);
    assert_eq!(invalid.body["name"], "login_passkey");
    assert_eq!(invalid.body["error"]["code"], "passkey_invalid");
    let mut security_key = SoftKey::from_seed(
        seed::SECURITY_KEY_PRIVATE_KEY,
        seed::SECURITY_KEY_CREDENTIAL_ID,
        seed::SECURITY_KEY_USER_HANDLE,
    );
    let mfa_only = h
        .act(
            &invalid,
            "webauthn_verify_assertion_response",
            json!({"assertion_response": security_key.assert(&options)}),
        )
        .await;
    assert_eq!(
        mfa_only.body["error"]["code"],
        "webauthn_credential_invalid_mfa_only"
    );
    // As a JSON string, as hanko-elements sends it.
    let text = key.assert(&options).to_string();
    let success = h
        .act(
            &mfa_only,
            "webauthn_verify_assertion_response",
            json!({"assertion_response": text}),
        )
        .await;
    assert_success(&success, seed::PASSKEY_USER_EMAIL, "passkey");
    assert!(success.body["payload"]["last_login"]["mfa_method"].is_null());

    // Conditional UI: the options on login_init itself.
    let init = h
        .init_with(
            "login",
            json!({"webauthn_available": true, "webauthn_conditional_mediation_available": true}),
        )
        .await;
    let options = init.body["payload"]["request_options"].clone();
    let success = h
        .act(
            &init,
            "webauthn_verify_assertion_response",
            json!({"assertion_response": key.assert(&options)}),
        )
        .await;
    assert_success(&success, seed::PASSKEY_USER_EMAIL, "passkey");
}

#[tokio::test]
async fn security_key_as_second_factor() {
    let h = Harness::default().await;
    let login = password_step(&h, true, seed::SECURITY_KEY_USER_EMAIL, seed::PASSWORD).await;
    assert_eq!(login.body["name"], "login_security_key", "{}", login.body);
    assert_eq!(actions(&login), ["webauthn_generate_request_options"]);
    let passkey = h
        .act(&login, "webauthn_generate_request_options", json!({}))
        .await;
    assert_eq!(passkey.body["name"], "login_passkey");
    let options = passkey.body["payload"]["request_options"].clone();
    assert_eq!(
        options["publicKey"]["allowCredentials"][0]["id"],
        seed::SECURITY_KEY_CREDENTIAL_ID
    );
    assert_eq!(options["publicKey"]["userVerification"], "discouraged");
    // Another user's passkey is not this user's second factor.
    let mut other = SoftKey::from_seed(
        seed::PASSKEY_PRIVATE_KEY,
        seed::PASSKEY_CREDENTIAL_ID,
        seed::PASSKEY_USER_HANDLE,
    );
    let refused = h
        .act(
            &passkey,
            "webauthn_verify_assertion_response",
            json!({"assertion_response": other.assert(&options)}),
        )
        .await;
    assert_eq!(refused.body["error"]["code"], "passkey_invalid");
    let mut key = SoftKey::from_seed(
        seed::SECURITY_KEY_PRIVATE_KEY,
        seed::SECURITY_KEY_CREDENTIAL_ID,
        seed::SECURITY_KEY_USER_HANDLE,
    );
    let trust = h
        .act(
            &refused,
            "webauthn_verify_assertion_response",
            json!({"assertion_response": key.assert(&options)}),
        )
        .await;
    // Hanko's order after the second factor: credential onboarding (passkey.acquire_on_login
    // `always`), then device_trust.
    assert_eq!(
        trust.body["name"], "onboarding_create_passkey",
        "{}",
        trust.body
    );
    let trust = h.act(&trust, "skip", json!({})).await;
    assert_eq!(trust.body["name"], "device_trust", "{}", trust.body);
    let success = h.act(&trust, "skip", json!({})).await;
    assert_success(&success, seed::SECURITY_KEY_USER_EMAIL, "password");
    assert_eq!(
        success.body["payload"]["last_login"]["mfa_method"],
        "security_key"
    );
}

#[tokio::test]
async fn sign_up_with_email_password_and_passkey_then_sign_in_with_both() {
    let h = Harness::default().await;
    let address = "new.user@example.test";
    let init = h.init_caps("registration", true).await;
    let email = &init.body["actions"]["register_login_identifier"]["inputs"]["email"];
    assert_eq!(
        (email["type"].clone(), email["required"].clone()),
        (json!("email"), json!(true))
    );
    let confirm = h
        .act(
            &init,
            "register_login_identifier",
            json!({"email": "New.User@Example.test"}),
        )
        .await;
    assert_eq!(
        confirm.body["name"], "passcode_confirmation",
        "{}",
        confirm.body
    );
    let (code, template) = h.last_mail(address).await;
    assert_eq!(template, "email_verification");
    // Not a user yet: signing in meanwhile knows nothing of the address.
    let hints = identify(&h, false, address).await;
    assert_eq!(hints.body["name"], "login_method_chooser");
    let password = h
        .act(&confirm, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(
        password.body["name"], "password_creation",
        "{}",
        password.body
    );
    // ScheduleMFACreationStates after the password puts the MFA chooser in front of the passkey.
    let chooser = h
        .act(
            &password,
            "register_password",
            json!({"new_password": "my new password"}),
        )
        .await;
    assert_eq!(
        chooser.body["name"], "mfa_method_chooser",
        "{}",
        chooser.body
    );
    let passkey = h.act(&chooser, "skip", json!({})).await;
    assert_eq!(
        passkey.body["name"], "onboarding_create_passkey",
        "{}",
        passkey.body
    );
    let verify = h
        .act(&passkey, "webauthn_generate_creation_options", json!({}))
        .await;
    let mut key = SoftKey::random();
    let attestation = key.attest(&verify.body["payload"]["creation_options"]);
    let success = h
        .act(
            &verify,
            "webauthn_verify_attestation_response",
            json!({"public_key": attestation}),
        )
        .await;
    assert_eq!(success.body["name"], "success");
    assert_eq!(
        success.body["payload"]["claims"]["email"]["address"],
        address
    );
    assert_eq!(
        success.body["payload"]["claims"]["email"]["is_verified"],
        true
    );
    assert!(success.body["payload"]["last_login"].is_null());
    assert_eq!(
        success.body["payload"]["user"]["passkeys"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let by_password = password_step(&h, false, address, "my new password").await;
    assert_success(&by_password, address, "password");
    let init = h.init_caps("login", true).await;
    let login = h
        .act(&init, "webauthn_generate_request_options", json!({}))
        .await;
    let options = login.body["payload"]["request_options"].clone();
    let by_passkey = h
        .act(
            &login,
            "webauthn_verify_assertion_response",
            json!({"assertion_response": key.assert(&options)}),
        )
        .await;
    assert_success(&by_passkey, address, "passkey");
    // The counter moved on: an assertion with an old counter is refused.
    key.counter = 0;
    let init = h.init_caps("login", true).await;
    let login = h
        .act(&init, "webauthn_generate_request_options", json!({}))
        .await;
    let options = login.body["payload"]["request_options"].clone();
    let replayed = h
        .act(
            &login,
            "webauthn_verify_assertion_response",
            json!({"assertion_response": key.assert(&options)}),
        )
        .await;
    assert_eq!(replayed.body["error"]["code"], "passkey_invalid");
}

#[tokio::test]
async fn sign_up_with_a_taken_email() {
    let h = Harness::default().await;
    let init = h.init("registration").await;
    let attempted = h
        .act(
            &init,
            "register_login_identifier",
            json!({"email": seed::PASSWORD_USER_EMAIL}),
        )
        .await;
    assert_eq!(attempted.body["name"], "passcode_confirmation");
    let (code, template) = h.last_mail(seed::PASSWORD_USER_EMAIL).await;
    assert_eq!(template, "email_registration_attempted");
    let refused = h
        .act(&attempted, "verify_passcode", json!({"code": code}))
        .await;
    assert_eq!(refused.status, 403);

    for change in [
        (|c: &mut Config| c.privacy.show_account_existence_hints = true) as fn(&mut Config),
        |c: &mut Config| c.email.require_verification = false,
    ] {
        let h = Harness::start(config(change)).await;
        let init = h.init("registration").await;
        let taken = h
            .act(
                &init,
                "register_login_identifier",
                json!({"email": seed::PASSWORD_USER_EMAIL}),
            )
            .await;
        assert_eq!(taken.status, 400);
        assert_eq!(
            input_error(&taken, "register_login_identifier", "email"),
            "email_already_exists"
        );
    }
}

#[tokio::test]
async fn seeding_can_be_turned_off() {
    let h = Harness::start(config(|c| {
        c.seed_accounts = false;
        c.privacy.show_account_existence_hints = true;
    }))
    .await;
    let unknown = identify(&h, false, seed::PASSWORD_USER_EMAIL).await;
    assert_eq!(
        input_error(&unknown, "continue_with_login_identifier", "email"),
        "unknown_email_error"
    );
}
