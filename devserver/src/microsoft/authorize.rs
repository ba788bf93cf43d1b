//! `GET`/`POST /{tenant}/oauth2/v2.0/authorize`: validate, show the picker, issue a code or an error redirect.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use url::form_urlencoded;
use uuid::Uuid;

use super::accounts::{account, outcome};
use super::{describe, page, tenant_ok, AuthCode, Microsoft};

/// A request that passed validation.
struct Authorize {
    client_id: String,
    redirect_uri: String,
    scope: String,
    state: String,
    code_challenge: Option<String>,
}

impl Authorize {
    fn fields(&self) -> Vec<(&str, &str)> {
        let mut fields = vec![
            ("client_id", self.client_id.as_str()),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("response_type", "code"),
            ("scope", self.scope.as_str()),
            ("state", self.state.as_str()),
        ];
        if let Some(challenge) = &self.code_challenge {
            fields.push(("code_challenge", challenge));
            fields.push(("code_challenge_method", "S256"));
        }
        fields
    }
}

/// 302 to the registered redirect URI with the given parameters.
fn back_to_app(redirect_uri: &str, params: &[(&str, &str)]) -> Response {
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    (
        StatusCode::FOUND,
        [(
            header::LOCATION,
            format!("{redirect_uri}{separator}{query}"),
        )],
    )
        .into_response()
}

fn error_redirect(redirect_uri: &str, state: Option<&str>, error: &str, message: &str) -> Response {
    let description = describe(message);
    let mut params = vec![
        ("error", error),
        ("error_description", description.as_str()),
    ];
    if let Some(state) = state {
        params.push(("state", state));
    }
    back_to_app(redirect_uri, &params)
}

fn missing(name: &str) -> String {
    format!("AADSTS900144: The request body must contain the following parameter: '{name}'.")
}

fn validate(
    ms: &Microsoft,
    tenant: &str,
    params: &HashMap<String, String>,
) -> Result<Authorize, Box<Response>> {
    let get = |name: &str| {
        params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    if !tenant_ok(tenant) {
        return Err(Box::new(page::tenant_not_found(tenant)));
    }
    let Some(client_id) = get("client_id") else {
        return Err(Box::new(page::error_page(
            StatusCode::BAD_REQUEST,
            &describe(&missing("client_id")),
        )));
    };
    if client_id != ms.client_id {
        return Err(Box::new(page::error_page(
            StatusCode::BAD_REQUEST,
            &describe(&format!(
                "AADSTS700016: Application with identifier '{client_id}' was not found in the directory 'Microsoft Accounts'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
            )),
        )));
    }
    let redirect_uri = get("redirect_uri").unwrap_or("");
    if redirect_uri != ms.redirect_uri {
        return Err(Box::new(page::error_page(
            StatusCode::BAD_REQUEST,
            &describe(&format!(
                "AADSTS50011: The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{client_id}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this."
            )),
        )));
    }
    let state = get("state");
    let fail = |error: &str, message: String| {
        Err(Box::new(error_redirect(
            redirect_uri,
            state,
            error,
            &message,
        )))
    };
    match get("response_type") {
        None => return fail("invalid_request", missing("response_type")),
        Some("code") => {}
        Some(other) => {
            return fail(
                "unsupported_response_type",
                format!(
                    "AADSTS700054: response_type '{other}' is not enabled for the application."
                ),
            )
        }
    }
    let Some(scope) = get("scope") else {
        return fail("invalid_request", missing("scope"));
    };
    let Some(state) = state else {
        return fail("invalid_request", missing("state"));
    };
    let code_challenge = match (get("code_challenge"), get("code_challenge_method")) {
        (None, None) => None,
        (None, Some(_)) => return fail("invalid_request", missing("code_challenge")),
        (Some(_), method) if method != Some("S256") => {
            return fail(
                "invalid_request",
                format!(
                    "AADSTS501491: Invalid code_challenge_method '{}': this application accepts only 'S256'.",
                    method.unwrap_or("plain")
                ),
            )
        }
        (Some(challenge), _) => {
            let well_formed = challenge.len() == 43
                && challenge
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !well_formed {
                return fail(
                    "invalid_request",
                    "AADSTS501491: Invalid size of Code_Challenge parameter.".into(),
                );
            }
            Some(challenge.to_string())
        }
    };
    Ok(Authorize {
        client_id: client_id.to_string(),
        redirect_uri: redirect_uri.to_string(),
        scope: scope.to_string(),
        state: state.to_string(),
        code_challenge,
    })
}

/// `GET /{tenant}/oauth2/v2.0/authorize`: the account picker.
pub async fn show(
    State(ms): State<Arc<Microsoft>>,
    Path(tenant): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let params: HashMap<String, String> =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    match validate(&ms, &tenant, &params) {
        Ok(request) => page::picker(
            &format!("/{tenant}/oauth2/v2.0/authorize"),
            &request.client_id,
            &request.redirect_uri,
            &request.fields(),
        ),
        Err(response) => *response,
    }
}

/// `POST /{tenant}/oauth2/v2.0/authorize`: a button was pressed.
pub async fn choose(
    State(ms): State<Arc<Microsoft>>,
    Path(tenant): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let params: HashMap<String, String> = match body {
        Ok(body) => form_urlencoded::parse(&body).into_owned().collect(),
        Err(_) => HashMap::new(),
    };
    let request = match validate(&ms, &tenant, &params) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let choice = params.get("choice").map(String::as_str).unwrap_or("");
    if let Some(account) = account(choice) {
        let code = crate::random::token_no_pad(48);
        {
            let mut codes = ms.codes();
            codes.retain(|_, c| c.expires_at > Instant::now());
            codes.insert(
                code.clone(),
                AuthCode {
                    account,
                    redirect_uri: request.redirect_uri.clone(),
                    code_challenge: request.code_challenge.clone(),
                    scope: request.scope.clone(),
                    expires_at: Instant::now() + ms.code_lifetime,
                    redeemed: false,
                },
            );
        }
        tracing::info!(
            account = account.id,
            "microsoft: account chosen, code issued"
        );
        let session_state = Uuid::new_v4().to_string();
        return back_to_app(
            &request.redirect_uri,
            &[
                ("code", code.as_str()),
                ("state", request.state.as_str()),
                ("session_state", session_state.as_str()),
            ],
        );
    }
    if let Some(outcome) = outcome(choice) {
        tracing::info!(outcome = outcome.id, "microsoft: outcome chosen");
        let message = outcome.message.replace("{client_id}", &request.client_id);
        return error_redirect(
            &request.redirect_uri,
            Some(&request.state),
            outcome.error,
            &message,
        );
    }
    page::error_page(
        StatusCode::BAD_REQUEST,
        &describe(
            "AADSTS90014: The required field 'choice' is missing or unknown (simulation form).",
        ),
    )
}
