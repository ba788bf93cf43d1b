//! The lines the `debug` option writes to the browser console: each flow state the backend
//! answers, each action sent, each failure shown. They carry names, statuses and error codes
//! only, never a value: no input (a token, a passcode, a password), no CSRF token, no claims.
//!
//! ```
//! use hanko_elements::flow::debug_log;
//! let line = debug_log::action("/login?action=exchange_token%40f1", ["token", "code_verifier"]);
//! assert_eq!(line, "hanko-elements: action exchange_token (inputs: token, code_verifier)");
//! ```

use crate::errors::Failure;
use crate::protocol::types::FlowResponse;

const PREFIX: &str = "hanko-elements:";

/// The action's name in a Hanko action `href` (`/login?action=<name>@<flow id>`, the `@`
/// percent-encoded or not); the whole `href` when it has no `action` parameter.
fn action_name(href: &str) -> &str {
    let Some((_, query)) = href.split_once("action=") else {
        return href;
    };
    let end = [query.find("%40"), query.find('@'), query.find('&')]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(query.len());
    &query[..end]
}

/// `hanko-elements: state login_init (200)`, plus the flow error's code and the input errors'
/// names and codes when there are any.
///
/// ```
/// use hanko_elements::flow::debug_log;
/// use hanko_elements::protocol::types::FlowResponse;
/// let state: FlowResponse = serde_json::from_str(
///     r#"{"name": "passcode_confirmation", "status": 401, "csrf_token": "c5",
///         "error": {"code": "passcode_invalid"}, "actions": {}}"#,
/// ).unwrap();
/// assert_eq!(
///     debug_log::state(&state),
///     "hanko-elements: state passcode_confirmation (401), error passcode_invalid"
/// );
/// ```
pub fn state(response: &FlowResponse) -> String {
    let mut line = format!("{PREFIX} state {} ({})", response.name, response.status);
    if let Some(error) = &response.error {
        line.push_str(&format!(", error {}", error.code));
    }
    let input_errors: Vec<String> = response
        .actions
        .iter()
        .flat_map(|(action, definition)| {
            definition.inputs.iter().filter_map(move |(name, input)| {
                input
                    .error
                    .as_ref()
                    .map(|error| format!("{action}.{name}: {}", error.code))
            })
        })
        .collect();
    if !input_errors.is_empty() {
        line.push_str(&format!(", input errors {}", input_errors.join(", ")));
    }
    line
}

/// `hanko-elements: action <name> (inputs: <names>)`: the names of the inputs sent, not their
/// values.
pub fn action<'a>(href: &str, inputs: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<&str> = inputs.into_iter().collect();
    format!(
        "{PREFIX} action {} (inputs: {})",
        action_name(href),
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    )
}

/// `hanko-elements: failure <kind> (code <code>)`, as the element shows it.
pub fn failure(failure: &Failure) -> String {
    format!(
        "{PREFIX} failure {} (code {})",
        failure.kind.name(),
        failure.code
    )
}

/// `hanko-elements: no answer from the Hanko API (network failure or timeout)`, or the status of
/// an answer that is not a flow state.
pub fn no_state(status: Option<u16>) -> String {
    match status {
        Some(status) => format!("{PREFIX} answer {status} is not a flow state"),
        None => format!("{PREFIX} no answer from the Hanko API (network failure or timeout)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(json: &str) -> FlowResponse {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_state_line_names_input_errors_but_no_values() {
        let answer = response(
            r#"{"name": "onboarding_email", "status": 400, "csrf_token": "secret-csrf",
                "payload": {"claims": {"email": "pat@example.com"}},
                "actions": {"email_address_set": {"action": "email_address_set",
                  "href": "/login?action=email_address_set%40f",
                  "inputs": {"email": {"name": "email", "type": "email", "value": "pat@example.com",
                    "error": {"code": "email_already_exists"}}}}}}"#,
        );
        let line = state(&answer);
        assert_eq!(
            line,
            "hanko-elements: state onboarding_email (400), input errors email_address_set.email: email_already_exists"
        );
        assert!(!line.contains("secret-csrf") && !line.contains("pat@example.com"));
    }

    #[test]
    fn action_lines_keep_only_names() {
        for href in [
            "/login?action=verify_passcode%40f",
            "/login?action=verify_passcode@f",
            "/login?action=verify_passcode&x=1",
            "/login?action=verify_passcode",
        ] {
            assert_eq!(
                action(href, ["code"]),
                "hanko-elements: action verify_passcode (inputs: code)",
                "{href}"
            );
        }
        assert_eq!(
            action("/odd", []),
            "hanko-elements: action /odd (inputs: none)"
        );
    }

    #[test]
    fn failure_and_no_state_lines() {
        assert_eq!(
            failure(&Failure::network()),
            format!(
                "hanko-elements: failure network (code {})",
                Failure::network().code
            )
        );
        assert_eq!(
            no_state(Some(502)),
            "hanko-elements: answer 502 is not a flow state"
        );
        assert!(no_state(None).contains("no answer"));
    }
}
