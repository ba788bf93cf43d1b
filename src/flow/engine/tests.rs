//! Every transition of the engine, driven with realistic Hanko answers.

use super::*;
use crate::errors::{FailureKind, Recovery};
use crate::flow::view::view_model;
use crate::url::parse_return;
use serde_json::json;

const PAGE: &str = "https://app.example/login?x=1#top";
const FLOW_ID: &str = "0b41f4dd-a2d6-4de0-a2a4-5a6c4f4b1a4c";

fn response(value: Value) -> FlowResponse {
    serde_json::from_value(value).unwrap()
}

fn preflight() -> FlowResponse {
    response(json!({
        "name": "preflight", "status": 200, "payload": {}, "csrf_token": "csrf-preflight",
        "actions": {"register_client_capabilities": {
            "action": "register_client_capabilities",
            "href": format!("/login?action=register_client_capabilities%40{FLOW_ID}"),
            "inputs": {
                "webauthn_available": {"name": "webauthn_available", "type": "boolean", "required": true, "hidden": true},
                "webauthn_conditional_mediation_available": {"name": "webauthn_conditional_mediation_available", "type": "boolean", "hidden": true},
                "webauthn_platform_authenticator_available": {"name": "webauthn_platform_authenticator_available", "type": "boolean", "hidden": true}
            }}}
    }))
}

fn init_state(name: &str, providers: Value) -> FlowResponse {
    let mut actions = json!({
        "continue_with_login_identifier": {
            "action": "continue_with_login_identifier",
            "href": format!("/login?action=continue_with_login_identifier%40{FLOW_ID}"),
            "inputs": {"email": {"name": "email", "type": "email", "required": true}}
        }
    });
    if !providers.is_null() {
        actions["thirdparty_oauth"] = json!({
            "action": "thirdparty_oauth",
            "href": format!("/login?action=thirdparty_oauth%40{FLOW_ID}"),
            "inputs": {
                "provider": {"name": "provider", "type": "string", "required": true, "hidden": true, "allowed_values": providers},
                "redirect_to": {"name": "redirect_to", "type": "string", "required": true, "hidden": true},
                "code_verifier": {"name": "code_verifier", "type": "string", "hidden": true}
            }
        });
    }
    response(
        json!({"name": name, "status": 200, "payload": {}, "csrf_token": "csrf-init", "actions": actions}),
    )
}

fn login_init() -> FlowResponse {
    init_state(
        "login_init",
        json!([{"value": "github", "name": "GitHub"}, {"value": "microsoft", "name": "Microsoft"}]),
    )
}

fn with_error(mut state: FlowResponse, status: u16, code: &str, message: &str) -> FlowResponse {
    state.status = status;
    state.csrf_token = format!("csrf-after-{code}");
    state.error = Some(crate::protocol::types::FlowError {
        code: code.into(),
        message: Some(message.into()),
        cause: None,
    });
    state
}

fn thirdparty(redirect_url: &str) -> FlowResponse {
    response(json!({
        "name": "thirdparty", "status": 200,
        "payload": {"redirect_url": redirect_url},
        "csrf_token": "csrf-thirdparty",
        "actions": {
            "exchange_token": {"action": "exchange_token", "href": format!("/login?action=exchange_token%40{FLOW_ID}"),
              "inputs": {"token": {"name": "token", "type": "string", "required": true, "hidden": true},
                         "code_verifier": {"name": "code_verifier", "type": "string", "hidden": true}}},
            "back": {"action": "back", "href": format!("/login?action=back%40{FLOW_ID}"), "inputs": {}}
        }
    }))
}

const AUTHORIZE: &str =
    "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&state=xyz";

fn success() -> FlowResponse {
    response(json!({
        "name": "success", "status": 200, "csrf_token": "", "actions": {},
        "payload": {
            "claims": {"subject": "user-1", "session_id": "s-1", "expiration": "2026-08-15T12:00:00Z",
                       "email": {"address": "alex.wilber@contoso.example", "is_primary": true, "is_verified": true}},
            "last_login": {"login_method": "third_party", "third_party_provider": "microsoft"}
        }
    }))
}

fn error_state(status: u16, code: &str) -> FlowResponse {
    response(json!({
        "name": "error", "status": status, "csrf_token": "", "actions": {},
        "error": {"code": code, "message": "The operation failed."}
    }))
}

fn saved_thirdparty(flow_name: &str) -> SavedFlowState {
    SavedFlowState {
        flow_name: flow_name.into(),
        state: thirdparty(AUTHORIZE),
        is_cached: true,
        provider: Some("microsoft".into()),
    }
}

/// The request id of the (only) request effect.
fn request_of(effects: &[Effect]) -> RequestId {
    let ids: Vec<RequestId> = effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::ValidateSession { request }
            | Effect::StartFlow { request, .. }
            | Effect::RunAction { request, .. }
            | Effect::DetectCapabilities { request }
            | Effect::Webauthn { request, .. }
            | Effect::Logout { request } => Some(*request),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), 1, "expected one request in {effects:?}");
    ids[0]
}

/// The session check the engine waits for answers that there is no session.
fn no_session(t: &Transition) -> Transition {
    next(
        &t.state,
        Event::SessionChecked {
            request: awaited(t),
            valid: false,
            claims: None,
        },
    )
}

/// The request the engine waits for.
fn awaited(t: &Transition) -> RequestId {
    match t.state.awaiting() {
        Some((request, _)) => request,
        None => panic!("nothing awaited: {:?}", t.state.screen),
    }
}

/// Answers the pending request with `response`; a `preflight` answer is followed by the
/// browser's capabilities (no WebAuthn), as the driver does.
fn answered(t: &Transition, response: FlowResponse) -> Transition {
    let status = response.status;
    let t = next(
        &t.state,
        Event::FlowAnswered {
            request: awaited(t),
            status,
            response,
        },
    );
    match t.effects[..] {
        [Effect::DetectCapabilities { request }] => next(
            &t.state,
            Event::CapabilitiesDetected {
                request,
                capabilities: Capabilities::default(),
            },
        ),
        _ => t,
    }
}

fn start(href: &str, saved: Option<SavedFlowState>, verifier: Option<&str>) -> Transition {
    next(
        &State::new(FlowName::Login),
        Event::Started {
            params: parse_return(href),
            saved: saved.map(Box::new),
            verifier: verifier.map(str::to_owned),
        },
    )
}

/// Plain start → no session → preflight → login_init.
fn at_choose_provider() -> Transition {
    let t = start(PAGE, None, None);
    let t = no_session(&t);
    let t = answered(&t, preflight());
    answered(&t, login_init())
}

fn page() -> PageContext {
    PageContext {
        href: PAGE.into(),
        code_verifier: Some("v".repeat(64)),
    }
}

fn submit(t: &Transition, action: &str, inputs: &[(&str, &str)]) -> Transition {
    next(
        &t.state,
        Event::Submit {
            action: action.into(),
            inputs: inputs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            page: page(),
        },
    )
}

fn choose(t: &Transition, provider: &str) -> Transition {
    submit(t, "thirdparty_oauth", &[("provider", provider)])
}

fn emitted_failure(effects: &[Effect]) -> Option<&Failure> {
    effects.iter().find_map(|effect| match effect {
        Effect::EmitFlowError(failure) => Some(failure),
        _ => None,
    })
}

fn form(screen: &Screen) -> &Form {
    match screen {
        Screen::Form(form) => form,
        other => panic!("not a form: {other:?}"),
    }
}

fn notice(screen: &Screen) -> Option<&Failure> {
    match screen {
        Screen::Form(form) => form.notice.as_ref(),
        _ => None,
    }
}

/// The providers on screen: `(id, busy)`.
fn providers(screen: &Screen) -> Vec<(String, bool)> {
    view_model(form(screen))
        .providers
        .into_iter()
        .map(|p| (p.id, p.busy))
        .collect()
}

fn busy_action(screen: &Screen) -> Option<&str> {
    form(screen).busy.as_ref().map(|b| b.action.as_str())
}

fn ids(list: &[(&str, bool)]) -> Vec<(String, bool)> {
    list.iter()
        .map(|(id, busy)| ((*id).to_owned(), *busy))
        .collect()
}

// ---- start ----

#[test]
fn plain_start_checks_the_session_and_starts_the_flow_beside_it() {
    let t = start(PAGE, None, None);
    assert_eq!(t.state.screen, Screen::Loading);
    assert!(matches!(
        t.effects[..],
        [
            Effect::ValidateSession { .. },
            Effect::StartFlow {
                flow: FlowName::Login,
                ..
            }
        ]
    ));
    assert_eq!(
        t.state.awaiting().map(|(_, kind)| kind),
        Some(Pending::Session)
    );
}

/// The request id of the flow start sent beside the first session check.
fn early_start_request(t: &Transition) -> RequestId {
    t.effects
        .iter()
        .find_map(|effect| match effect {
            Effect::StartFlow { request, .. } => Some(*request),
            _ => None,
        })
        .expect("a flow start beside the session check")
}

#[test]
fn an_early_flow_answer_waits_for_the_session_check() {
    let t = start(PAGE, None, None);
    let early = early_start_request(&t);
    let check = awaited(&t);
    let answered_first = next(
        &t.state,
        Event::FlowAnswered {
            request: early,
            status: 200,
            response: login_init(),
        },
    );
    assert_eq!(
        answered_first.state.screen,
        Screen::Loading,
        "not yet known"
    );
    assert!(answered_first.effects.is_empty());
    let no_session = next(
        &answered_first.state,
        Event::SessionChecked {
            request: check,
            valid: false,
            claims: None,
        },
    );
    assert_eq!(form(&no_session.state.screen).state.name, "login_init");
    assert!(
        !no_session
            .effects
            .iter()
            .any(|effect| matches!(effect, Effect::StartFlow { .. })),
        "no second flow start: {:?}",
        no_session.effects
    );
}

#[test]
fn an_early_flow_answer_after_the_check_is_the_flows_start() {
    let t = start(PAGE, None, None);
    let early = early_start_request(&t);
    let no_session = no_session(&t);
    assert_eq!(awaited(&no_session), early);
    let shown = next(
        &no_session.state,
        Event::FlowAnswered {
            request: early,
            status: 200,
            response: login_init(),
        },
    );
    assert_eq!(form(&shown.state.screen).state.name, "login_init");
}

#[test]
fn a_valid_session_drops_the_early_flow_for_good() {
    let t = start(PAGE, None, None);
    let early = early_start_request(&t);
    let signed_in = next(
        &t.state,
        Event::SessionChecked {
            request: awaited(&t),
            valid: true,
            claims: Some(json!({"subject": "u"})),
        },
    );
    let late = next(
        &signed_in.state,
        Event::FlowAnswered {
            request: early,
            status: 200,
            response: login_init(),
        },
    );
    assert_eq!(late.state, signed_in.state, "the early answer is not used");
    // After a sign-out the flow starts afresh, not from the page load's answer.
    let ended = next(&late.state, Event::SessionEnded);
    assert!(
        ended
            .effects
            .iter()
            .any(|effect| matches!(effect, Effect::StartFlow { request, .. } if *request != early)),
        "a fresh flow start: {:?}",
        ended.effects
    );
}

#[test]
fn an_early_start_for_another_mode_is_not_used() {
    let t = start(PAGE, None, None);
    let early = early_start_request(&t);
    let changed = next(&t.state, Event::FlowChanged(FlowName::Registration));
    let no_session = no_session(&changed);
    assert!(
        matches!(
            no_session.effects[..],
            [Effect::StartFlow { request, flow: FlowName::Registration }] if request != early
        ),
        "{:?}",
        no_session.effects
    );
}

#[test]
fn second_start_is_ignored() {
    let t = start(PAGE, None, None);
    let again = next(
        &t.state,
        Event::Started {
            params: parse_return(PAGE),
            saved: None,
            verifier: None,
        },
    );
    assert_eq!(again.state, t.state);
    assert!(again.effects.is_empty());
}

#[test]
fn valid_session_shows_the_signed_in_user_without_an_event() {
    let t = start(PAGE, None, None);
    let t = next(
        &t.state,
        Event::SessionChecked {
            request: awaited(&t),
            valid: true,
            claims: Some(
                json!({"subject": "user-1", "email": {"address": "pat.morgan@outlook.example"}}),
            ),
        },
    );
    assert_eq!(
        t.state.screen,
        Screen::SignedIn {
            user: SignedInUser {
                subject: "user-1".into(),
                email: Some("pat.morgan@outlook.example".into()),
                expiration: None,
            },
            signing_out: false,
            notice: None,
        }
    );
    assert!(t.effects.is_empty());
}

#[test]
fn invalid_session_goes_on_with_the_early_flow() {
    let t = start(PAGE, None, None);
    let early = early_start_request(&t);
    let t = no_session(&t);
    assert!(
        t.effects.is_empty(),
        "no second flow start: {:?}",
        t.effects
    );
    assert_eq!(t.state.awaiting(), Some((early, Pending::Flow)));
    assert_eq!(t.state.screen, Screen::Loading);
}

#[test]
fn valid_flag_without_claims_counts_as_no_session() {
    let t = start(PAGE, None, None);
    let t = next(
        &t.state,
        Event::SessionChecked {
            request: awaited(&t),
            valid: true,
            claims: None,
        },
    );
    assert!(
        t.effects.is_empty(),
        "the flow started beside the check goes on"
    );
    assert_eq!(
        t.state.awaiting().map(|(_, kind)| kind),
        Some(Pending::Flow)
    );
}

#[test]
fn preflight_reports_the_browsers_webauthn_support() {
    let t = start(PAGE, None, None);
    let t = no_session(&t);
    let detecting = next(
        &t.state,
        Event::FlowAnswered {
            request: awaited(&t),
            status: 200,
            response: preflight(),
        },
    );
    assert_eq!(detecting.state.screen, Screen::Loading);
    assert!(matches!(
        detecting.effects[..],
        [Effect::DetectCapabilities { .. }]
    ));
    let capabilities = Capabilities {
        webauthn: true,
        conditional_mediation: false,
        platform_authenticator: true,
    };
    let sent = next(
        &detecting.state,
        Event::CapabilitiesDetected {
            request: request_of(&detecting.effects),
            capabilities,
        },
    );
    match &sent.effects[..] {
        [Effect::RunAction { input_data, .. }] => assert_eq!(
            Value::Object(input_data.clone()),
            json!({"webauthn_available": true, "webauthn_conditional_mediation_available": false,
                   "webauthn_platform_authenticator_available": true})
        ),
        other => panic!("unexpected effects {other:?}"),
    }
    // A late or repeated answer does nothing.
    let late = next(
        &sent.state,
        Event::CapabilitiesDetected {
            request: request_of(&detecting.effects),
            capabilities,
        },
    );
    assert!(late.effects.is_empty());

    let t = answered(&t, preflight());
    assert_eq!(t.state.screen, Screen::Loading);
    match &t.effects[..] {
        [Effect::RunAction {
            href,
            csrf_token,
            input_data,
            ..
        }] => {
            assert_eq!(
                href,
                &format!("/login?action=register_client_capabilities%40{FLOW_ID}")
            );
            assert_eq!(csrf_token, "csrf-preflight");
            assert_eq!(
                Value::Object(input_data.clone()),
                json!({"webauthn_available": false, "webauthn_conditional_mediation_available": false,
                       "webauthn_platform_authenticator_available": false})
            );
        }
        other => panic!("unexpected effects {other:?}"),
    }
}

#[test]
fn preflight_without_its_action_or_with_an_error_fails() {
    let t = start(PAGE, None, None);
    let t = no_session(&t);
    let mut bare = preflight();
    bare.actions.clear();
    let failed = answered(&t, bare);
    assert!(matches!(failed.state.screen, Screen::Failed { .. }));
    assert!(emitted_failure(&failed.effects).is_some());

    let looping = answered(
        &t,
        with_error(preflight(), 400, "form_data_invalid_error", "invalid"),
    );
    match &looping.state.screen {
        Screen::Failed { failure } => assert_eq!(failure.code, "form_data_invalid_error"),
        other => panic!("unexpected {other:?}"),
    }
    assert!(!looping
        .effects
        .iter()
        .any(|e| matches!(e, Effect::RunAction { .. })));
}

#[test]
fn login_init_shows_the_providers_in_backend_order() {
    let t = at_choose_provider();
    assert_eq!(form(&t.state.screen).state, login_init());
    assert_eq!(
        providers(&t.state.screen),
        ids(&[("github", false), ("microsoft", false)])
    );
    assert_eq!(notice(&t.state.screen), None);
    assert!(t.effects.is_empty());
    assert_eq!(t.state.awaiting(), None);
}

#[test]
fn registration_init_is_the_registration_flow() {
    let t = at_choose_provider();
    let t = next(&t.state, Event::FlowChanged(FlowName::Registration));
    assert!(matches!(
        t.effects[..],
        [Effect::StartFlow {
            flow: FlowName::Registration,
            ..
        }]
    ));
    let t = answered(&t, preflight());
    let t = answered(
        &t,
        init_state(
            "registration_init",
            json!([{"value": "microsoft", "name": "Microsoft"}]),
        ),
    );
    assert_eq!(form(&t.state.screen).state.name, "registration_init");
    assert_eq!(t.state.flow(), FlowName::Registration);
}

#[test]
fn init_without_thirdparty_oauth_shows_the_other_actions() {
    let t = start(PAGE, None, None);
    let t = no_session(&t);
    let t = answered(&t, preflight());
    let none = answered(&t, init_state("login_init", Value::Null));
    assert!(providers(&none.state.screen).is_empty());
    let view = view_model(form(&none.state.screen));
    assert_eq!(view.actions[0].name, "continue_with_login_identifier");
    let empty = answered(&t, init_state("registration_init", json!([])));
    assert!(providers(&empty.state.screen).is_empty());
    let mut bare = init_state("login_init", Value::Null);
    bare.actions.clear();
    let nothing = answered(&t, bare);
    assert!(view_model(form(&nothing.state.screen)).is_empty());
}

// ---- provider click ----

#[test]
fn provider_click_stores_the_verifier_and_runs_thirdparty_oauth() {
    let t = choose(&at_choose_provider(), "microsoft");
    assert_eq!(busy_action(&t.state.screen), Some("thirdparty_oauth"));
    assert_eq!(
        providers(&t.state.screen),
        ids(&[("github", false), ("microsoft", true)])
    );
    assert!(view_model(form(&t.state.screen)).busy);
    match &t.effects[..] {
        [Effect::StoreVerifier(verifier), Effect::RunAction {
            href,
            csrf_token,
            input_data,
            ..
        }] => {
            assert_eq!(verifier, &"v".repeat(64));
            assert_eq!(href, &format!("/login?action=thirdparty_oauth%40{FLOW_ID}"));
            assert_eq!(csrf_token, "csrf-init");
            assert_eq!(
                Value::Object(input_data.clone()),
                json!({"provider": "microsoft", "redirect_to": PAGE, "code_verifier": "v".repeat(64)})
            );
        }
        other => panic!("unexpected effects {other:?}"),
    }
}

#[test]
fn provider_click_without_randomness_fails_closed() {
    let at = at_choose_provider();
    let t = next(
        &at.state,
        Event::Submit {
            action: "thirdparty_oauth".into(),
            inputs: [("provider".to_owned(), "microsoft".to_owned())].into(),
            page: PageContext {
                href: PAGE.into(),
                code_verifier: None,
            },
        },
    );
    // Nothing goes to Hanko or into storage; the user is told, and other ways stay open.
    assert!(
        !t.effects.iter().any(|e| matches!(
            e,
            Effect::RunAction { .. } | Effect::StoreVerifier(_) | Effect::Navigate { .. }
        )),
        "{:?}",
        t.effects
    );
    let failure = emitted_failure(&t.effects).expect("reported");
    assert_eq!(failure.kind, FailureKind::InsecureBrowser);
    assert_eq!(failure.recovery, Recovery::SignInAnotherWay);
    assert_eq!(notice(&t.state.screen), Some(failure));
    assert!(busy_action(&t.state.screen).is_none());
    // An action without a verifier (the email form) still runs without randomness.
    let email = next(
        &t.state,
        Event::Submit {
            action: "continue_with_login_identifier".into(),
            inputs: [("email".to_owned(), "pat@contoso.example".to_owned())].into(),
            page: PageContext {
                href: PAGE.into(),
                code_verifier: None,
            },
        },
    );
    assert!(run_action(&email.effects)
        .0
        .contains("action=continue_with_login_identifier"));
}

#[test]
fn double_click_is_ignored() {
    let first = choose(&at_choose_provider(), "microsoft");
    let second = choose(&first, "microsoft");
    assert!(second.effects.is_empty());
    assert_eq!(second.state, first.state);
    let other = choose(&first, "github");
    assert!(other.effects.is_empty());
}

#[test]
fn unknown_provider_or_click_elsewhere_is_ignored() {
    let t = at_choose_provider();
    let unknown = choose(&t, "apple");
    assert!(unknown.effects.is_empty());
    assert_eq!(unknown.state, t.state);
    let loading = start(PAGE, None, None);
    let early = choose(&loading, "microsoft");
    assert!(early.effects.is_empty());
    assert_eq!(early.state, loading.state);
}

#[test]
fn thirdparty_saves_the_flow_and_goes_to_the_provider() {
    let t = answered(
        &choose(&at_choose_provider(), "microsoft"),
        thirdparty(AUTHORIZE),
    );
    assert_eq!(form(&t.state.screen).leaving.as_deref(), Some("microsoft"));
    assert_eq!(
        providers(&t.state.screen),
        ids(&[("github", false), ("microsoft", true)])
    );
    assert!(view_model(form(&t.state.screen)).busy);
    match &t.effects[..] {
        [Effect::SaveFlowState(saved), Effect::Navigate { url }] => {
            assert_eq!(saved.flow_name, "login");
            assert_eq!(saved.state, thirdparty(AUTHORIZE));
            assert!(saved.is_cached);
            assert_eq!(saved.provider.as_deref(), Some("microsoft"));
            assert_eq!(url, AUTHORIZE);
        }
        other => panic!("unexpected effects {other:?}"),
    }
    // Nothing more to do: a late click or retry changes nothing.
    assert!(choose(&t, "microsoft").effects.is_empty());
    assert!(next(&t.state, Event::Retry).effects.is_empty());
}

#[test]
fn thirdparty_without_a_web_address_fails_and_clears_the_verifier() {
    let pending = choose(&at_choose_provider(), "microsoft");
    for bad in ["", "javascript:alert(1)", "https://", "data:text/html,x"] {
        let t = answered(&pending, thirdparty(bad));
        assert!(matches!(t.state.screen, Screen::Failed { .. }), "{bad:?}");
        assert_eq!(t.effects[0], Effect::ClearVerifier);
        assert!(!t
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Navigate { .. })));
    }
    let mut missing = thirdparty(AUTHORIZE);
    missing.payload = Value::Null;
    let t = answered(&pending, missing);
    assert!(matches!(t.state.screen, Screen::Failed { .. }));
}

#[test]
fn thirdparty_with_an_error_goes_back_and_shows_it() {
    let pending = choose(&at_choose_provider(), "microsoft");
    let errored = with_error(
        thirdparty(""),
        400,
        "form_data_invalid_error",
        "redirect_to not allowed",
    );
    let t = answered(&pending, errored);
    assert!(!t
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Navigate { .. })));
    assert_eq!(t.effects[0], Effect::ClearVerifier);
    assert_eq!(
        emitted_failure(&t.effects).map(|f| f.code.as_str()),
        Some("form_data_invalid_error")
    );
    match t.effects.last() {
        Some(Effect::RunAction {
            href,
            csrf_token,
            input_data,
            ..
        }) => {
            assert_eq!(href, &format!("/login?action=back%40{FLOW_ID}"));
            assert_eq!(csrf_token, "csrf-after-form_data_invalid_error");
            assert!(input_data.is_empty());
        }
        other => panic!("unexpected {other:?}"),
    }
    let t = answered(&t, login_init());
    assert_eq!(
        notice(&t.state.screen).map(|f| f.code.as_str()),
        Some("form_data_invalid_error")
    );
    assert_eq!(busy_action(&t.state.screen), None);
    // The notice was reported once, when it happened.
    assert!(emitted_failure(&t.effects).is_none());
}

#[test]
fn thirdparty_with_an_error_and_no_back_starts_over() {
    let pending = choose(&at_choose_provider(), "microsoft");
    let mut errored = with_error(thirdparty(""), 400, "form_data_invalid_error", "x");
    errored.actions.clear();
    let t = answered(&pending, errored);
    assert!(matches!(t.effects.last(), Some(Effect::StartFlow { .. })));
    let t = answered(&answered(&t, preflight()), login_init());
    assert!(notice(&t.state.screen).is_some());
}

#[test]
fn form_error_on_the_click_stays_with_a_notice() {
    let pending = choose(&at_choose_provider(), "microsoft");
    let t = answered(
        &pending,
        with_error(login_init(), 400, "form_data_invalid_error", "provider"),
    );
    let failure = notice(&t.state.screen).unwrap();
    assert_eq!(failure.code, "form_data_invalid_error");
    assert_eq!(failure.provider.as_deref(), Some("microsoft"));
    assert_eq!(busy_action(&t.state.screen), None);
    assert_eq!(
        providers(&t.state.screen),
        ids(&[("github", false), ("microsoft", false)])
    );
    assert_eq!(t.effects[0], Effect::ClearVerifier);
    assert!(emitted_failure(&t.effects).is_some());
    // The new csrf token is used for the next click.
    let again = choose(&t, "microsoft");
    match again.effects.last() {
        Some(Effect::RunAction { csrf_token, .. }) => {
            assert_eq!(csrf_token, "csrf-after-form_data_invalid_error")
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(notice(&again.state.screen), None);
}

// ---- failures ----

#[test]
fn error_states_and_5xx_end_the_flow() {
    let pending = choose(&at_choose_provider(), "microsoft");
    for (response, code) in [
        (error_state(500, "technical_error"), "technical_error"),
        (
            error_state(403, "operation_not_permitted_error"),
            "operation_not_permitted_error",
        ),
        (error_state(410, "flow_expired_error"), "flow_expired_error"),
        (
            response(json!({"name": "error", "status": 500})),
            "technical_error",
        ),
        (
            response(json!({"name": "login_init", "status": 502, "actions": {}})),
            "technical_error",
        ),
    ] {
        let t = answered(&pending, response);
        match &t.state.screen {
            Screen::Failed { failure } => assert_eq!(failure.code, code),
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(t.effects[0], Effect::ClearVerifier);
        assert_eq!(
            emitted_failure(&t.effects).map(|f| f.code.as_str()),
            Some(code)
        );
    }
    let expired = answered(&pending, error_state(410, "flow_expired_error"));
    assert!(matches!(
        expired.state.screen,
        Screen::Failed { ref failure } if failure.kind == FailureKind::Expired
    ));
}

#[test]
fn unreadable_answer_fails() {
    let t = start(PAGE, None, None);
    let t = no_session(&t);
    let t = next(
        &t.state,
        Event::Unreadable {
            request: awaited(&t),
            status: 502,
        },
    );
    assert_eq!(
        t.state.screen,
        Screen::Failed {
            failure: Failure::unreadable_answer(502)
        }
    );
    assert_eq!(
        t.effects,
        vec![Effect::EmitFlowError(Failure::unreadable_answer(502))]
    );
}

#[test]
fn network_failure_on_the_click_keeps_the_buttons() {
    let pending = choose(&at_choose_provider(), "microsoft");
    let t = next(
        &pending.state,
        Event::NetworkFailed {
            request: request_of(&pending.effects),
        },
    );
    let mut expected = Failure::network();
    expected.provider = Some("microsoft".into());
    assert_eq!(notice(&t.state.screen), Some(&expected));
    assert_eq!(busy_action(&t.state.screen), None);
    assert_eq!(
        t.effects,
        vec![Effect::ClearVerifier, Effect::EmitFlowError(expected)]
    );
    // The user can press again.
    assert_eq!(choose(&t, "microsoft").effects.len(), 2);
}

#[test]
fn network_failure_while_loading_fails() {
    let t = start(PAGE, None, None);
    let t = no_session(&t);
    let t = next(
        &t.state,
        Event::NetworkFailed {
            request: awaited(&t),
        },
    );
    assert_eq!(
        t.state.screen,
        Screen::Failed {
            failure: Failure::network()
        }
    );
    assert_eq!(t.effects, vec![Effect::EmitFlowError(Failure::network())]);
}

#[test]
fn every_other_state_is_a_form_never_a_dead_end() {
    for name in [
        "passcode_confirmation",
        "onboarding_email",
        "onboarding_create_passkey",
        "login_otp",
        "device_trust",
        "brand_new_state",
    ] {
        let t = answered(
            &choose(&at_choose_provider(), "microsoft"),
            response(
                json!({"name": name, "status": 200, "csrf_token": "c", "actions": {
                "skip": {"action": "skip", "href": format!("/login?action=skip%40{FLOW_ID}")}}}),
            ),
        );
        assert_eq!(form(&t.state.screen).state.name, name);
        assert_eq!(busy_action(&t.state.screen), None);
        let view = view_model(form(&t.state.screen));
        assert_eq!(view.headline, format!("states.{name}.headline"));
        assert_eq!(view.actions[0].name, "skip");
        let skipped = submit(&t, "skip", &[]);
        assert!(
            matches!(skipped.effects[..], [Effect::RunAction { ref href, .. }] if href.contains("skip"))
        );
    }
}

#[test]
fn an_unknown_state_can_be_retried() {
    let pending = choose(&at_choose_provider(), "microsoft");
    let t = answered(
        &pending,
        response(json!({"name": "a_state_from_next_year", "status": 200})),
    );
    let t = next(&t.state, Event::Retry);
    assert!(matches!(t.effects[..], [Effect::StartFlow { .. }]));
    assert_eq!(t.state.screen, Screen::Loading);
}

// ---- success ----

#[test]
fn success_signs_in_and_reports_the_session() {
    let t = answered(&choose(&at_choose_provider(), "microsoft"), success());
    assert_eq!(
        t.state.screen,
        Screen::SignedIn {
            user: SignedInUser {
                subject: "user-1".into(),
                email: Some("alex.wilber@contoso.example".into()),
                expiration: Some("2026-08-15T12:00:00Z".into()),
            },
            signing_out: false,
            notice: None,
        }
    );
    assert_eq!(
        t.effects,
        vec![
            Effect::ClearFlowState,
            Effect::SaveLastLogin(
                json!({"login_method": "third_party", "third_party_provider": "microsoft"})
            ),
            Effect::EmitSessionCreated {
                claims: success().payload["claims"].clone()
            },
            Effect::WatchExpiry {
                expiration: "2026-08-15T12:00:00Z".into()
            },
        ]
    );
}

#[test]
fn expired_session_is_reported_and_the_flow_restarts() {
    let t = next(&signed_in().state, Event::ExpiryReached);
    assert!(matches!(t.effects[..], [Effect::ValidateSession { .. }]));
    assert!(next(&t.state, Event::ExpiryReached).effects.is_empty());
    let gone = no_session(&t);
    assert_eq!(gone.state.screen, Screen::Loading);
    assert!(matches!(
        gone.effects[..],
        [
            Effect::ClearSessionToken,
            Effect::EmitSessionExpired,
            Effect::StartFlow { .. }
        ]
    ));
}

#[test]
fn a_check_without_answer_at_expiry_keeps_the_user_signed_in() {
    let t = next(&signed_in().state, Event::ExpiryReached);
    let before = t.state.screen.clone();
    let blip = next(
        &t.state,
        Event::SessionCheckFailed {
            request: request_of(&t.effects),
        },
    );
    assert_eq!(
        blip.state.screen, before,
        "a 5xx or network failure is not the end of the session"
    );
    assert!(
        blip.effects.is_empty(),
        "nothing reported, nothing cleared: {:?}",
        blip.effects
    );
    assert!(blip.state.awaiting().is_none());
}

#[test]
fn a_check_without_answer_at_start_starts_the_flow() {
    let t = start(PAGE, None, None);
    let t = next(
        &t.state,
        Event::SessionCheckFailed {
            request: awaited(&t),
        },
    );
    assert_eq!(t.state.screen, Screen::Loading);
    assert!(
        t.effects.is_empty(),
        "the flow started beside the check goes on"
    );
    assert_eq!(
        t.state.awaiting().map(|(_, kind)| kind),
        Some(Pending::Flow)
    );
}

#[test]
fn extended_session_is_watched_again() {
    let t = next(&signed_in().state, Event::ExpiryReached);
    let still = next(
        &t.state,
        Event::SessionChecked {
            request: awaited(&t),
            valid: true,
            claims: Some(json!({"subject": "user-1", "expiration": "2026-08-16T12:00:00Z"})),
        },
    );
    assert!(matches!(still.state.screen, Screen::SignedIn { .. }));
    assert_eq!(
        still.effects,
        vec![Effect::WatchExpiry {
            expiration: "2026-08-16T12:00:00Z".into()
        }]
    );
}

#[test]
fn expiry_is_ignored_unless_signed_in_and_idle() {
    assert!(next(&at_choose_provider().state, Event::ExpiryReached)
        .effects
        .is_empty());
    let signing_out = next(&signed_in().state, Event::SignOutRequested);
    assert!(next(&signing_out.state, Event::ExpiryReached)
        .effects
        .is_empty());
}

#[test]
fn success_without_claims_still_signs_in() {
    let t = answered(
        &choose(&at_choose_provider(), "microsoft"),
        response(json!({"name": "success", "status": 200})),
    );
    assert!(matches!(t.state.screen, Screen::SignedIn { ref user, .. } if user.subject.is_empty()));
    assert_eq!(
        t.effects,
        vec![
            Effect::ClearFlowState,
            Effect::EmitSessionCreated {
                claims: Value::Null
            }
        ]
    );
}

// ---- return from the provider ----

#[test]
fn return_with_token_cleans_the_address_then_exchanges() {
    let t = start(
        "https://app.example/login?x=1&hanko_token=tok%3D#top",
        Some(saved_thirdparty("login")),
        Some("verifier-64"),
    );
    assert_eq!(
        t.state.screen,
        Screen::Working {
            work: Work::Exchanging,
            state: "thirdparty".into()
        }
    );
    match &t.effects[..] {
        [Effect::CleanAddressBar { href }, Effect::RunAction {
            href: action,
            csrf_token,
            input_data,
            ..
        }] => {
            assert_eq!(href, "https://app.example/login?x=1#top");
            assert_eq!(action, &format!("/login?action=exchange_token%40{FLOW_ID}"));
            assert_eq!(csrf_token, "csrf-thirdparty");
            assert_eq!(
                Value::Object(input_data.clone()),
                json!({"token": "tok=", "code_verifier": "verifier-64"})
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(t.state.finishing_return(), "the exchange is under way");
    let done = answered(&t, success());
    assert!(matches!(done.state.screen, Screen::SignedIn { .. }));
    assert!(!done.state.finishing_return());
    assert!(done
        .effects
        .iter()
        .any(|e| matches!(e, Effect::EmitSessionCreated { .. })));
    // Retry does nothing while exchanging.
    assert!(next(&t.state, Event::Retry).effects.is_empty());
}

#[test]
fn only_the_exchange_is_finishing_a_return() {
    assert!(!at_choose_provider().state.finishing_return());
    assert!(!signed_in().state.finishing_return());
    let plain = start("https://app.example/", None, None);
    assert!(
        !plain.state.finishing_return(),
        "a plain start checks the session"
    );
    let failed = start(
        "https://app.example/?error=access_denied",
        Some(saved_thirdparty("login")),
        None,
    );
    assert!(
        !failed.state.finishing_return(),
        "an error return starts over"
    );
}

#[test]
fn return_with_token_without_verifier_sends_the_token_only() {
    let t = start(
        "https://app.example/?hanko_token=abc",
        Some(saved_thirdparty("registration")),
        None,
    );
    match t.effects.last() {
        Some(Effect::RunAction { input_data, .. }) => {
            assert_eq!(Value::Object(input_data.clone()), json!({"token": "abc"}))
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn return_with_token_but_no_saved_flow_shows_lost_flow_over_a_fresh_flow() {
    let mut unusable = saved_thirdparty("login");
    unusable.state.actions.clear();
    for saved in [None, Some(unusable)] {
        let t = start(
            "https://app.example/login?hanko_token=abc",
            saved,
            Some("v"),
        );
        assert_eq!(
            t.effects[..2],
            [
                Effect::CleanAddressBar {
                    href: "https://app.example/login".into()
                },
                Effect::EmitFlowError(Failure::lost_flow()),
            ]
        );
        assert!(matches!(t.effects[2], Effect::StartFlow { .. }));
        let t = answered(&answered(&t, preflight()), login_init());
        assert_eq!(notice(&t.state.screen), Some(&Failure::lost_flow()));
    }
}

#[test]
fn a_pages_own_error_parameter_is_left_alone() {
    // No saved flow and a code Hanko never sends: the page's own parameter, not a sign-in failure.
    let t = start(
        "https://app.example/checkout?error=payment_failed&error_description=Card+declined",
        None,
        None,
    );
    assert!(
        matches!(
            t.effects[..],
            [Effect::ValidateSession { .. }, Effect::StartFlow { .. }]
        ),
        "no cleanup, no failure, the usual session check: {:?}",
        t.effects
    );
}

#[test]
fn a_hanko_error_code_is_shown_even_without_the_saved_flow() {
    let t = start("https://app.example/login?error=user_conflict", None, None);
    let expected = Failure::from_redirect("user_conflict", None, None);
    assert_eq!(
        t.effects[..2],
        [
            Effect::CleanAddressBar {
                href: "https://app.example/login".into()
            },
            Effect::EmitFlowError(expected),
        ]
    );
}

#[test]
fn return_with_error_shows_it_over_a_fresh_flow() {
    let description = "AADSTS65004: User declined to consent to access the app. Trace ID: 0b1c2d3e-0000-4000-8000-000000000001 Correlation ID: 7d2e3f40-0000-4000-8000-000000000002 Timestamp: 2026-05-01 10:00:00Z";
    let href = format!(
        "https://app.example/login?x=1?error=access_denied&error_description={}#top",
        description.replace(' ', "+").replace(':', "%3A")
    );
    let t = start(&href, Some(saved_thirdparty("login")), Some("v"));
    let expected = Failure::from_redirect("access_denied", Some(description), Some("microsoft"));
    assert_eq!(expected.kind, FailureKind::Cancelled);
    assert_eq!(
        t.effects[..2],
        [
            Effect::CleanAddressBar {
                href: "https://app.example/login?x=1#top".into()
            },
            Effect::EmitFlowError(expected.clone()),
        ]
    );
    assert!(matches!(t.effects[2], Effect::StartFlow { .. }));
    let t = answered(&answered(&t, preflight()), login_init());
    assert_eq!(notice(&t.state.screen), Some(&expected));
    assert_eq!(
        notice(&t.state.screen).and_then(|f| f.provider.as_deref()),
        Some("microsoft")
    );
}

#[test]
fn return_with_error_and_nothing_to_press_shows_the_failure() {
    let t = start(
        "https://app.example/?error=temporarily_unavailable",
        None,
        None,
    );
    let t = answered(&t, preflight());
    let mut bare = init_state("login_init", Value::Null);
    bare.actions.clear();
    match &answered(&t, bare).state.screen {
        Screen::Failed { failure } => assert_eq!(failure.code, "temporarily_unavailable"),
        other => panic!("unexpected {other:?}"),
    }
    // With another way in (the identifier form), the failure is shown over it.
    let other = answered(&t, init_state("login_init", Value::Null));
    assert_eq!(
        notice(&other.state.screen).map(|f| f.code.as_str()),
        Some("temporarily_unavailable")
    );
}

#[test]
fn exchange_rejected_goes_back_to_the_buttons_with_the_error() {
    let t = start(
        "https://app.example/?hanko_token=abc",
        Some(saved_thirdparty("login")),
        Some("wrong"),
    );
    let rejected = with_error(thirdparty(""), 400, "form_data_invalid_error", "verifier");
    let t = answered(&t, rejected);
    assert_eq!(
        t.state.screen,
        Screen::Working {
            work: Work::Exchanging,
            state: "thirdparty".into()
        }
    );
    assert!(!t.effects.contains(&Effect::ClearVerifier));
    assert!(
        matches!(t.effects.last(), Some(Effect::RunAction { href, .. }) if href.contains("action=back"))
    );
    let t = answered(&t, login_init());
    assert_eq!(
        notice(&t.state.screen).map(|f| f.code.as_str()),
        Some("form_data_invalid_error")
    );
    assert_eq!(
        notice(&t.state.screen).and_then(|f| f.provider.as_deref()),
        Some("microsoft")
    );
    // A fresh attempt names its own provider.
    let t = choose(&t, "github");
    let t = next(
        &t.state,
        Event::NetworkFailed {
            request: request_of(&t.effects),
        },
    );
    assert_eq!(
        notice(&t.state.screen).and_then(|f| f.provider.as_deref()),
        Some("github")
    );
}

#[test]
fn exchange_rate_limited_tells_how_long_to_wait() {
    let t = start(
        "https://app.example/?hanko_token=abc",
        Some(saved_thirdparty("login")),
        Some("v"),
    );
    let mut limited = with_error(thirdparty(""), 429, "rate_limit_exceeded", "slow down");
    limited.payload = json!({"retry_after": 30});
    let t = answered(&answered(&t, limited), login_init());
    let failure = notice(&t.state.screen).unwrap();
    assert_eq!(failure.kind, FailureKind::RateLimited);
    assert_eq!(failure.recovery, Recovery::WaitAndRetry { seconds: 30 });
}

#[test]
fn expired_token_on_exchange_fails() {
    let t = start(
        "https://app.example/?hanko_token=abc",
        Some(saved_thirdparty("login")),
        Some("v"),
    );
    let t = answered(&t, error_state(500, "technical_error"));
    assert!(matches!(t.state.screen, Screen::Failed { .. }));
    assert!(!t.effects.contains(&Effect::ClearVerifier));
}

#[test]
fn unasked_thirdparty_state_steps_back() {
    let t = start(
        "https://app.example/?hanko_token=abc",
        Some(saved_thirdparty("login")),
        Some("v"),
    );
    let t = answered(&t, thirdparty(AUTHORIZE));
    assert!(!t
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Navigate { .. })));
    assert!(
        matches!(t.effects[..], [Effect::RunAction { ref href, .. }] if href.contains("action=back"))
    );
}

// ---- stale answers, retry ----

#[test]
fn stale_answers_are_ignored() {
    let first = start(PAGE, None, None);
    let session = awaited(&first);
    let retried = next(&first.state, Event::Retry);
    let late = next(
        &retried.state,
        Event::SessionChecked {
            request: session,
            valid: true,
            claims: Some(json!({"subject": "u"})),
        },
    );
    assert_eq!(late.state, retried.state);
    assert!(late.effects.is_empty());
    for event in [
        Event::FlowAnswered {
            request: session,
            status: 200,
            response: success(),
        },
        Event::Unreadable {
            request: session,
            status: 500,
        },
        Event::NetworkFailed { request: session },
        Event::LoggedOut { request: session },
    ] {
        let t = next(&retried.state, event);
        assert_eq!(t.state, retried.state);
        assert!(t.effects.is_empty());
    }
}

#[test]
fn retry_starts_a_fresh_flow_without_the_old_notice() {
    let t = start("https://app.example/?error=access_denied", None, None);
    let t = next(&t.state, Event::Retry);
    let t = answered(&answered(&t, preflight()), login_init());
    assert_eq!(notice(&t.state.screen), None);

    let failed = answered(
        &choose(&at_choose_provider(), "microsoft"),
        error_state(500, "technical_error"),
    );
    let again = next(&failed.state, Event::Retry);
    assert_eq!(again.state.screen, Screen::Loading);
    assert!(matches!(
        again.effects[..],
        [Effect::StartFlow {
            flow: FlowName::Login,
            ..
        }]
    ));
    // Retry while a provider click is pending is ignored.
    let pending = choose(&at_choose_provider(), "microsoft");
    assert!(next(&pending.state, Event::Retry).effects.is_empty());
}

// ---- sign out ----

fn signed_in() -> Transition {
    answered(&choose(&at_choose_provider(), "microsoft"), success())
}

#[test]
fn sign_out_logs_out_reports_and_restarts() {
    let t = next(&signed_in().state, Event::SignOutRequested);
    assert!(matches!(
        t.state.screen,
        Screen::SignedIn {
            signing_out: true,
            ..
        }
    ));
    assert!(matches!(t.effects[..], [Effect::Logout { .. }]));
    assert!(next(&t.state, Event::SignOutRequested).effects.is_empty());
    let done = next(
        &t.state,
        Event::LoggedOut {
            request: request_of(&t.effects),
        },
    );
    assert_eq!(done.state.screen, Screen::Loading);
    assert!(matches!(
        done.effects[..],
        [
            Effect::ClearSessionToken,
            Effect::EmitLoggedOut,
            Effect::StartFlow { .. }
        ]
    ));
}

#[test]
fn failed_sign_out_stays_signed_in() {
    let t = next(&signed_in().state, Event::SignOutRequested);
    let t = next(
        &t.state,
        Event::LogoutFailed {
            request: request_of(&t.effects),
            failure: Failure::network(),
        },
    );
    assert!(
        matches!(
            t.state.screen,
            Screen::SignedIn {
                signing_out: false,
                notice: Some(ref notice),
                ..
            } if *notice == Failure::network()
        ),
        "the user is told: {:?}",
        t.state.screen
    );
    assert_eq!(t.effects, vec![Effect::EmitFlowError(Failure::network())]);
    // Trying again clears the notice while the request runs.
    let again = next(&t.state, Event::SignOutRequested);
    assert!(matches!(
        again.state.screen,
        Screen::SignedIn {
            signing_out: true,
            notice: None,
            ..
        }
    ));
}

#[test]
fn sign_out_only_when_signed_in() {
    let t = at_choose_provider();
    let out = next(&t.state, Event::SignOutRequested);
    assert!(out.effects.is_empty());
    assert_eq!(out.state, t.state);
}

// ---- mode changes, page restore, other elements ----

#[test]
fn mode_change_restarts_idle_screens_only() {
    let idle = at_choose_provider();
    assert!(next(&idle.state, Event::FlowChanged(FlowName::Login))
        .effects
        .is_empty());

    let pending = choose(&at_choose_provider(), "microsoft");
    let t = next(&pending.state, Event::FlowChanged(FlowName::Registration));
    assert!(t.effects.is_empty());
    assert_eq!(t.state.flow(), FlowName::Registration);

    let signed = next(
        &signed_in().state,
        Event::FlowChanged(FlowName::Registration),
    );
    assert!(signed.effects.is_empty());

    let failed = answered(
        &choose(&at_choose_provider(), "microsoft"),
        error_state(500, "technical_error"),
    );
    let t = next(&failed.state, Event::FlowChanged(FlowName::Registration));
    assert!(matches!(
        t.effects[..],
        [Effect::StartFlow {
            flow: FlowName::Registration,
            ..
        }]
    ));
}

#[test]
fn mode_change_during_the_session_check_applies_afterwards() {
    let t = start(PAGE, None, None);
    let changed = next(&t.state, Event::FlowChanged(FlowName::Registration));
    assert!(changed.effects.is_empty());
    let t = next(
        &changed.state,
        Event::SessionChecked {
            request: awaited(&t),
            valid: false,
            claims: None,
        },
    );
    assert!(matches!(
        t.effects[..],
        [Effect::StartFlow {
            flow: FlowName::Registration,
            ..
        }]
    ));
    // While the flow is starting, a change restarts it and the old answer is ignored.
    let again = next(&t.state, Event::FlowChanged(FlowName::Login));
    assert!(matches!(
        again.effects[..],
        [Effect::StartFlow {
            flow: FlowName::Login,
            ..
        }]
    ));
    let late = next(
        &again.state,
        Event::FlowAnswered {
            request: request_of(&t.effects),
            status: 200,
            response: preflight(),
        },
    );
    assert!(late.effects.is_empty());
}

#[test]
fn page_restored_while_redirecting_starts_over() {
    let t = answered(
        &choose(&at_choose_provider(), "microsoft"),
        thirdparty(AUTHORIZE),
    );
    let t = next(&t.state, Event::PageRestored);
    assert_eq!(t.state.screen, Screen::Loading);
    assert!(matches!(t.effects[..], [Effect::StartFlow { .. }]));
    let idle = at_choose_provider();
    assert!(next(&idle.state, Event::PageRestored).effects.is_empty());
}

#[test]
fn session_ended_elsewhere_restarts_a_signed_in_element() {
    let t = next(&signed_in().state, Event::SessionEnded);
    assert!(matches!(
        t.effects[..],
        [Effect::ClearSessionToken, Effect::StartFlow { .. }]
    ));
    assert!(next(&at_choose_provider().state, Event::SessionEnded)
        .effects
        .is_empty());
}

/// The adoption check a reported session leads to: its request.
fn adoption_check(t: &Transition) -> RequestId {
    match t.effects[..] {
        [Effect::ValidateSession { request }] => request,
        ref other => panic!("expected a session check, got {other:?}"),
    }
}

fn confirmed(t: &Transition, claims: &Value) -> Transition {
    next(
        &t.state,
        Event::SessionChecked {
            request: adoption_check(t),
            valid: true,
            claims: Some(claims.clone()),
        },
    )
}

#[test]
fn a_session_reported_elsewhere_is_believed_once_the_server_confirms_it() {
    let claims = json!({"subject": "u2", "email": {"address": "pat.morgan@outlook.example"}});
    let at = at_choose_provider();
    let t = next(&at.state, Event::SessionCreatedElsewhere);
    // Not yet: the form stays while the server is asked.
    assert_eq!(form(&t.state.screen).state.name, "login_init");
    let signed_in = confirmed(&t, &claims);
    assert!(
        matches!(signed_in.state.screen, Screen::SignedIn { ref user, .. } if user.subject == "u2")
    );
    // The user's own step is not interrupted.
    let pending = choose(&at_choose_provider(), "microsoft");
    let ignored = next(&pending.state, Event::SessionCreatedElsewhere);
    assert_eq!(ignored.state, pending.state);
    assert!(ignored.effects.is_empty());
}

#[test]
fn a_session_reported_by_a_script_that_the_server_does_not_know_changes_nothing() {
    let at = at_choose_provider();
    let t = next(&at.state, Event::SessionCreatedElsewhere);
    let denied = next(
        &t.state,
        Event::SessionChecked {
            request: adoption_check(&t),
            valid: false,
            claims: None,
        },
    );
    assert_eq!(
        denied.state.screen, at.state.screen,
        "the form stays as it was"
    );
    assert!(denied.effects.is_empty(), "{:?}", denied.effects);
    // No answer at all: the same.
    let t = next(&at.state, Event::SessionCreatedElsewhere);
    let unknown = next(
        &t.state,
        Event::SessionCheckFailed {
            request: adoption_check(&t),
        },
    );
    assert_eq!(unknown.state.screen, at.state.screen);
    assert!(unknown.effects.is_empty());
}

#[test]
fn session_created_elsewhere_wins_over_a_pending_session_check() {
    // Two elements on a return page: the other one exchanges the token while this one still
    // waits for `/sessions/validate`, which was sent before the session existed.
    let claims = json!({"subject": "u1", "email": {"address": "alex.wilber@contoso.example"}});
    let checking = start(PAGE, None, None);
    let check = awaited(&checking);
    let t = next(&checking.state, Event::SessionCreatedElsewhere);
    let late = next(
        &t.state,
        Event::SessionChecked {
            request: check,
            valid: false,
            claims: None,
        },
    );
    assert_eq!(
        late.state, t.state,
        "the stale 'no session' answer is ignored"
    );
    assert!(late.effects.is_empty());
    let signed_in = confirmed(&t, &claims);
    assert!(
        matches!(signed_in.state.screen, Screen::SignedIn { ref user, .. } if user.subject == "u1")
    );
}

#[test]
fn session_created_elsewhere_wins_over_a_flow_start() {
    let t = start(PAGE, None, None);
    let starting = no_session(&t);
    let flow_request = awaited(&starting);
    let checking = next(&starting.state, Event::SessionCreatedElsewhere);
    let late = next(
        &checking.state,
        Event::FlowAnswered {
            request: flow_request,
            status: 200,
            response: preflight(),
        },
    );
    assert_eq!(
        late.state, checking.state,
        "the stale flow answer is ignored"
    );
    // Had the server known no session, the flow would start again.
    let denied = next(
        &checking.state,
        Event::SessionChecked {
            request: adoption_check(&checking),
            valid: false,
            claims: None,
        },
    );
    assert!(matches!(denied.effects[..], [Effect::StartFlow { .. }]));
    let adopted = confirmed(&checking, &json!({"subject": "u1"}));
    assert!(matches!(adopted.state.screen, Screen::SignedIn { .. }));
}

#[test]
fn session_created_elsewhere_leaves_signing_out_alone() {
    let signing_out = next(&signed_in().state, Event::SignOutRequested);
    let t = next(&signing_out.state, Event::SessionCreatedElsewhere);
    assert_eq!(t.state, signing_out.state);
    assert!(t.effects.is_empty());
}

// ---- generic forms: every state after the Microsoft sign-in ----

fn fixture(name: &str) -> FlowResponse {
    let text = match name {
        "passcode_confirmation" => {
            include_str!("../../../tests/fixtures/passcode_confirmation.json")
        }
        "passcode_confirmation_invalid" => {
            include_str!("../../../tests/fixtures/passcode_confirmation_invalid.json")
        }
        "passcode_max_attempts" => {
            include_str!("../../../tests/fixtures/passcode_max_attempts.json")
        }
        "onboarding_create_passkey" => {
            include_str!("../../../tests/fixtures/onboarding_create_passkey.json")
        }
        "onboarding_verify_passkey_attestation" => {
            include_str!("../../../tests/fixtures/onboarding_verify_passkey_attestation.json")
        }
        "login_passkey" => include_str!("../../../tests/fixtures/login_passkey.json"),
        "login_init" => include_str!("../../../tests/fixtures/login_init.json"),
        "unknown_state" => include_str!("../../../tests/fixtures/unknown_state.json"),
        "error" => include_str!("../../../tests/fixtures/error.json"),
        other => panic!("no fixture {other}"),
    };
    serde_json::from_str(text).unwrap()
}

/// Back from Microsoft with an unverified email: the exchange answers `passcode_confirmation`.
fn at_passcode() -> Transition {
    let t = start(
        "https://app.example/?hanko_token=abc",
        Some(saved_thirdparty("login")),
        Some("v"),
    );
    answered(&t, fixture("passcode_confirmation"))
}

fn run_action(effects: &[Effect]) -> (&str, &str, Value) {
    match effects.last() {
        Some(Effect::RunAction {
            href,
            csrf_token,
            input_data,
            ..
        }) => (href, csrf_token, Value::Object(input_data.clone())),
        other => panic!("no action run: {other:?}"),
    }
}

#[test]
fn a_state_after_the_exchange_is_shown_and_submitted() {
    let t = at_passcode();
    assert_eq!(form(&t.state.screen).state.name, "passcode_confirmation");
    assert_eq!(notice(&t.state.screen), None);
    let sent = submit(&t, "verify_passcode", &[("code", "123456")]);
    let (href, csrf, data) = run_action(&sent.effects);
    assert_eq!(href, format!("/login?action=verify_passcode%40{FLOW_ID}"));
    assert_eq!(csrf, "csrf-passcode_confirmation");
    assert_eq!(data, json!({"code": "123456"}));
    assert_eq!(busy_action(&sent.state.screen), Some("verify_passcode"));
    // Pressing again (or another action) while it runs does nothing.
    assert!(submit(&sent, "verify_passcode", &[("code", "1")])
        .effects
        .is_empty());
    assert!(submit(&sent, "resend_passcode", &[]).effects.is_empty());
    let resend = submit(&t, "resend_passcode", &[]);
    assert_eq!(run_action(&resend.effects).2, json!({}));
}

#[test]
fn an_input_error_keeps_the_state_and_what_was_typed() {
    let sent = submit(&at_passcode(), "verify_passcode", &[("code", "000000")]);
    let t = answered(&sent, fixture("passcode_confirmation_invalid"));
    let shown = form(&t.state.screen);
    assert_eq!(shown.state.name, "passcode_confirmation");
    assert_eq!(shown.busy, None);
    assert_eq!(shown.notice, None, "the error is shown at the input");
    assert!(emitted_failure(&t.effects).is_none());
    let view = view_model(shown);
    assert_eq!(
        view.actions[0].inputs[0].error.as_deref(),
        Some("passcode_invalid")
    );
    assert_eq!(view.actions[0].inputs[0].value, "000000");
    // The next attempt uses the new csrf token; `back` is offered now.
    let again = submit(&t, "verify_passcode", &[("code", "123456")]);
    assert_eq!(run_action(&again.effects).1, "csrf-passcode-2");
    let back = submit(&t, "back", &[]);
    assert!(run_action(&back.effects).0.contains("action=back"));
}

#[test]
fn a_flow_error_4xx_keeps_the_state_with_a_notice() {
    let sent = submit(&at_passcode(), "verify_passcode", &[("code", "000000")]);
    let t = answered(&sent, fixture("passcode_max_attempts"));
    let failure = notice(&t.state.screen).unwrap();
    assert_eq!(failure.kind, FailureKind::TooManyAttempts);
    assert_eq!(failure.code, "passcode_max_attempts_reached");
    assert_eq!(emitted_failure(&t.effects), Some(failure));
    assert_eq!(form(&t.state.screen).state.name, "passcode_confirmation");
    // Typing again clears the notice.
    let again = submit(&t, "verify_passcode", &[("code", "123456")]);
    assert_eq!(notice(&again.state.screen), None);
}

#[test]
fn a_5xx_or_error_state_after_a_submit_ends_the_flow() {
    let sent = submit(&at_passcode(), "verify_passcode", &[("code", "1")]);
    let t = answered(&sent, fixture("error"));
    assert!(
        matches!(t.state.screen, Screen::Failed { ref failure } if failure.code == "technical_error")
    );
    let t = next(
        &sent.state,
        Event::FlowAnswered {
            request: request_of(&sent.effects),
            status: 503,
            response: fixture("passcode_confirmation"),
        },
    );
    assert!(matches!(t.state.screen, Screen::Failed { .. }));
}

#[test]
fn a_network_failure_after_a_submit_keeps_the_form() {
    let sent = submit(&at_passcode(), "verify_passcode", &[("code", "1")]);
    let t = next(
        &sent.state,
        Event::NetworkFailed {
            request: request_of(&sent.effects),
        },
    );
    assert_eq!(busy_action(&t.state.screen), None);
    assert_eq!(
        notice(&t.state.screen).map(|f| f.kind),
        Some(FailureKind::Network)
    );
    assert!(!t.effects.contains(&Effect::ClearVerifier));
}

#[test]
fn a_stale_answer_to_a_submit_is_dropped() {
    let sent = submit(&at_passcode(), "verify_passcode", &[("code", "1")]);
    let old = request_of(&sent.effects);
    let failed = next(&sent.state, Event::NetworkFailed { request: old });
    let retried = next(&failed.state, Event::Retry);
    let late = next(
        &retried.state,
        Event::FlowAnswered {
            request: old,
            status: 200,
            response: success(),
        },
    );
    assert_eq!(late.state, retried.state);
    assert!(late.effects.is_empty());
}

#[test]
fn submits_are_checked_against_the_state() {
    let sent = submit(&at_passcode(), "verify_passcode", &[("code", "123456")]);
    let t = answered(&sent, fixture("unknown_state"));
    assert!(submit(&t, "no_such_action", &[]).effects.is_empty());
    assert!(
        submit(&t, "choose_colour", &[("colour", "green")])
            .effects
            .is_empty(),
        "a value outside allowed_values"
    );
    let sent = submit(
        &t,
        "choose_colour",
        &[("colour", "red"), ("note", "hi"), ("injected", "x")],
    );
    assert_eq!(
        run_action(&sent.effects).2,
        json!({"colour": "red", "note": "hi", "secret_hint": "x"}),
        "typed values as strings, hidden inputs with their value, unknown inputs dropped"
    );
    let checkbox = submit(&t, "remember_me", &[("remember_me", "on")]);
    assert_eq!(
        run_action(&checkbox.effects).2,
        json!({"remember_me": true})
    );
    assert!(submit(&at_choose_provider(), "verify_passcode", &[])
        .effects
        .is_empty());
}

// ---- WebAuthn auto-steps ----

fn at_create_passkey() -> Transition {
    let sent = submit(&at_passcode(), "verify_passcode", &[("code", "123456")]);
    answered(&sent, fixture("onboarding_create_passkey"))
}

#[test]
fn attestation_runs_create_with_the_payloads_options() {
    let sent = submit(
        &at_create_passkey(),
        "webauthn_generate_creation_options",
        &[],
    );
    let t = answered(&sent, fixture("onboarding_verify_passkey_attestation"));
    let options =
        fixture("onboarding_verify_passkey_attestation").payload["creation_options"].clone();
    match &t.effects[..] {
        [Effect::Webauthn {
            create: true,
            options: sent_options,
            ..
        }] => assert_eq!(sent_options, &options),
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        t.state.screen,
        Screen::Working {
            work: Work::Passkey,
            state: "onboarding_verify_passkey_attestation".into()
        }
    );
    let credential = json!({"type": "public-key", "id": "AQID", "rawId": "AQID",
        "response": {"clientDataJSON": "e30", "attestationObject": "o2M", "transports": ["internal"]},
        "clientExtensionResults": {}});
    let done = next(
        &t.state,
        Event::CeremonyDone {
            request: request_of(&t.effects),
            result: Ok(credential.clone()),
        },
    );
    let (href, csrf, data) = run_action(&done.effects);
    assert!(href.contains("action=webauthn_verify_attestation_response"));
    assert_eq!(csrf, "csrf-onboarding_verify_passkey_attestation");
    assert_eq!(data, json!({"public_key": credential}));
    assert!(matches!(
        answered(&done, success()).state.screen,
        Screen::SignedIn { .. }
    ));
    // Retry and submits do nothing while the dialog is open.
    assert!(next(&t.state, Event::Retry).effects.is_empty());
}

#[test]
fn a_cancelled_dialog_goes_back_with_a_message() {
    let sent = submit(
        &at_create_passkey(),
        "webauthn_generate_creation_options",
        &[],
    );
    let t = answered(&sent, fixture("onboarding_verify_passkey_attestation"));
    let cancelled = next(
        &t.state,
        Event::CeremonyDone {
            request: request_of(&t.effects),
            result: Err("NotAllowedError".into()),
        },
    );
    let failure = emitted_failure(&cancelled.effects).unwrap().clone();
    assert_eq!(failure.kind, FailureKind::PasskeyCancelled);
    assert_eq!(failure.code, "NotAllowedError");
    assert!(run_action(&cancelled.effects).0.contains("action=back"));
    let back = answered(&cancelled, fixture("onboarding_create_passkey"));
    assert_eq!(notice(&back.state.screen), Some(&failure));
    assert!(emitted_failure(&back.effects).is_none(), "reported once");
}

#[test]
fn assertion_runs_get_and_sends_the_assertion() {
    let t = answered(
        &choose(&at_choose_provider(), "microsoft"),
        fixture("login_passkey"),
    );
    let options = fixture("login_passkey").payload["request_options"].clone();
    assert!(
        matches!(&t.effects[..], [Effect::Webauthn { create: false, options: o, .. }] if *o == options)
    );
    let assertion = json!({"type": "public-key", "id": "AQ", "rawId": "AQ",
        "response": {"clientDataJSON": "e30", "authenticatorData": "AA", "signature": "AA", "userHandle": null},
        "clientExtensionResults": {}});
    let done = next(
        &t.state,
        Event::CeremonyDone {
            request: request_of(&t.effects),
            result: Ok(assertion.clone()),
        },
    );
    assert_eq!(
        run_action(&done.effects).2,
        json!({"assertion_response": assertion})
    );
}

#[test]
fn a_webauthn_state_without_options_fails() {
    let mut broken = fixture("onboarding_verify_passkey_attestation");
    broken.payload = json!({"creation_options": {"publicKey": "nope"}});
    let sent = submit(
        &at_create_passkey(),
        "webauthn_generate_creation_options",
        &[],
    );
    let t = answered(&sent, broken);
    assert!(matches!(t.state.screen, Screen::Failed { .. }));
    assert!(!t
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Webauthn { .. })));
}

/// `login_init` as Hanko sends it when the browser reported conditional mediation: the
/// identifier form, the passkey button, and `request_options` for the autofill.
fn login_init_with_autofill() -> FlowResponse {
    let mut state = fixture("login_init");
    state.payload = json!({"request_options": {"publicKey": {
        "challenge": "autofill-challenge", "rpId": "localhost", "userVerification": "preferred",
        "allowCredentials": []}}});
    state
}

/// Start → login_init with autofill; returns the transition and the autofill's request.
fn at_autofill() -> (Transition, RequestId) {
    let t = start(PAGE, None, None);
    let t = no_session(&t);
    let t = answered(&answered(&t, preflight()), login_init_with_autofill());
    let request = match &t.effects[..] {
        [Effect::Webauthn {
            request,
            create: false,
            conditional: true,
            options,
        }] => {
            assert_eq!(
                options,
                &login_init_with_autofill().payload["request_options"]
            );
            *request
        }
        other => panic!("expected the autofill ceremony, got {other:?}"),
    };
    (t, request)
}

fn chosen_passkey() -> Value {
    json!({"type": "public-key", "id": "AQ", "rawId": "AQ",
        "response": {"clientDataJSON": "e30", "authenticatorData": "AA", "signature": "AA", "userHandle": "dQ"},
        "clientExtensionResults": {}})
}

#[test]
fn the_autofill_runs_beside_the_form_and_signs_in_with_the_chosen_passkey() {
    let (t, autofill) = at_autofill();
    // The form is usable while the autofill waits: nothing is busy.
    assert!(form(&t.state.screen).busy.is_none());
    assert!(t.state.awaiting().is_none());
    let chosen = next(
        &t.state,
        Event::CeremonyDone {
            request: autofill,
            result: Ok(chosen_passkey()),
        },
    );
    let (href, csrf, data) = run_action(&chosen.effects);
    assert!(href.contains("action=webauthn_verify_assertion_response"));
    assert_eq!(csrf, "csrf-login_init");
    assert_eq!(data, json!({"assertion_response": chosen_passkey()}));
    assert_eq!(
        busy_action(&chosen.state.screen),
        Some("webauthn_verify_assertion_response")
    );
    assert!(matches!(
        answered(&chosen, success()).state.screen,
        Screen::SignedIn { .. }
    ));
}

#[test]
fn the_users_own_action_aborts_the_autofill_first() {
    let (t, autofill) = at_autofill();
    let sent = submit(
        &t,
        "continue_with_login_identifier",
        &[("email", "pat@contoso.example")],
    );
    assert!(matches!(sent.effects[0], Effect::AbortWebauthn));
    assert!(run_action(&sent.effects)
        .0
        .contains("action=continue_with_login_identifier"));
    // The aborted call's late answer does nothing.
    let late = next(
        &sent.state,
        Event::CeremonyDone {
            request: autofill,
            result: Err("AbortError".into()),
        },
    );
    assert!(late.effects.is_empty());
    assert_eq!(late.state, sent.state);
    // The passkey button aborts it too, before its own dialog opens.
    let button = submit(&t, "webauthn_generate_request_options", &[]);
    assert!(matches!(button.effects[0], Effect::AbortWebauthn));
    let dialog = answered(&button, fixture("login_passkey"));
    assert!(matches!(
        &dialog.effects[..],
        [Effect::Webauthn {
            conditional: false,
            ..
        }]
    ));
}

#[test]
fn a_failed_autofill_changes_nothing() {
    let (t, autofill) = at_autofill();
    for name in ["NotAllowedError", "AbortError", "UnknownError"] {
        let failed = next(
            &t.state,
            Event::CeremonyDone {
                request: autofill,
                result: Err(name.into()),
            },
        );
        assert!(failed.effects.is_empty(), "{name}: {:?}", failed.effects);
        assert_eq!(notice(&failed.state.screen), None);
        assert!(form(&failed.state.screen).busy.is_none());
    }
}

#[test]
fn the_autofill_starts_again_with_the_fresh_options_after_an_input_error() {
    let (t, _) = at_autofill();
    let sent = submit(
        &t,
        "continue_with_login_identifier",
        &[("email", "nobody@contoso.example")],
    );
    let mut unknown = with_error(
        login_init_with_autofill(),
        400,
        "form_data_invalid_error",
        "Form data invalid.",
    );
    unknown.payload["request_options"]["publicKey"]["challenge"] = json!("second-challenge");
    unknown
        .actions
        .get_mut("continue_with_login_identifier")
        .unwrap()
        .inputs
        .get_mut("email")
        .unwrap()
        .error = Some(crate::protocol::types::FlowError {
        code: "unknown_email_error".into(),
        message: None,
        cause: None,
    });
    let shown = answered(&sent, unknown);
    match &shown.effects[..] {
        [Effect::Webauthn {
            conditional: true,
            options,
            ..
        }] => assert_eq!(options["publicKey"]["challenge"], "second-challenge"),
        other => panic!("expected the autofill again, got {other:?}"),
    }
    assert_eq!(
        form(&shown.state.screen)
            .typed
            .get("continue_with_login_identifier.email"),
        Some(&"nobody@contoso.example".to_owned())
    );
}

#[test]
fn a_state_without_request_options_starts_no_autofill() {
    let t = at_choose_provider();
    assert!(!t
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Webauthn { .. } | Effect::AbortWebauthn)));
    let passcode = answered(
        &submit(
            &t,
            "continue_with_login_identifier",
            &[("email", "pat@contoso.example")],
        ),
        fixture("passcode_confirmation"),
    );
    assert!(!passcode
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Webauthn { .. } | Effect::AbortWebauthn)));
}

#[test]
fn an_older_hankos_flow_level_passcode_error_is_shown_at_the_input() {
    // Hanko before April 2025: a wrong passcode is the flow error 401 `passcode_invalid`.
    let t = at_passcode();
    let sent = submit(&t, "verify_passcode", &[("code", "000000")]);
    let wrong = with_error(
        fixture("passcode_confirmation"),
        401,
        "passcode_invalid",
        "The passcode is invalid.",
    );
    let shown = answered(&sent, wrong);
    let view = view_model(form(&shown.state.screen));
    let code = view
        .actions
        .iter()
        .flat_map(|a| &a.inputs)
        .find(|i| i.name == "code")
        .unwrap();
    assert_eq!(code.error.as_deref(), Some("passcode_invalid"));
    assert_eq!(view.notice, None, "not a notice with 'Try again'");
    assert!(emitted_failure(&shown.effects).is_none());
    // A flow error that is no input error stays a notice.
    let sent = submit(&t, "verify_passcode", &[("code", "000000")]);
    let other = answered(
        &sent,
        with_error(
            fixture("passcode_confirmation"),
            401,
            "passcode_max_attempts_reached",
            "Too many attempts.",
        ),
    );
    assert_eq!(
        notice(&other.state.screen).map(|f| f.kind),
        Some(FailureKind::TooManyAttempts)
    );
}

#[test]
fn typed_numbers_go_out_as_json_numbers_and_everything_else_as_text() {
    let number = |text: &str| serde_json::to_string(&typed_value("number", text)).unwrap();
    assert_eq!(number("12"), "12", "an integer stays an integer");
    assert_eq!(number(" -0.5 "), "-0.5");
    assert_eq!(number(".5"), "0.5");
    assert_eq!(number("-.5"), "-0.5");
    assert_eq!(number("007"), "7");
    assert_eq!(number("0"), "0");
    assert_eq!(number("0e2"), "0.0");
    assert_eq!(number("1e3"), "1000.0");
    for text in [
        "", "-", ".", "e5", "+5", "1.", "1e400", "12abc", "NaN", "inf",
    ] {
        assert_eq!(
            typed_value("number", text),
            Value::String(text.to_owned()),
            "{text:?}"
        );
    }
    assert_eq!(typed_value("boolean", " on "), Value::Bool(true));
    assert_eq!(
        typed_value("string", "007"),
        Value::String("007".to_owned())
    );
}
