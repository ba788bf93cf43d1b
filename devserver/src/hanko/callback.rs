//! `GET`/`POST /thirdparty/callback`: state check, code redemption over HTTP, ID-token check, account linking,
//! one-time token, redirect back.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use serde_json::Value;
use url::form_urlencoded;

use super::{read_cookie, Hanko, STATE_COOKIE};
use crate::config::{Provider, UnverifiedEmail};
use crate::oauth_state::StateError;
use crate::store::{LinkPolicy, OneTimeToken, ProviderUser};
use crate::thirdparty_error::ThirdPartyError;

/// `POST /thirdparty/callback` (`response_mode=form_post`): re-issued as a 303 to the `GET` handler.
pub async fn callback_post(
    State(app): State<Arc<Hanko>>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let fields: Option<Vec<(String, String)>> = body
        .ok()
        .and_then(|b| serde_urlencoded::from_bytes(&b).ok());
    let Some(fields) = fields else {
        let error = ThirdPartyError::server("could not get form parameters");
        return redirect(
            StatusCode::TEMPORARY_REDIRECT,
            &error.redirect_url(&app.config.error_redirect_url),
            None,
        );
    };
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let location = format!("{}/thirdparty/callback?{query}", app.public_url);
    redirect(StatusCode::SEE_OTHER, &location, None)
}

fn redirect(status: StatusCode, location: &str, cookie: Option<String>) -> Response {
    let mut response = (status, [(header::LOCATION, location.to_string())]).into_response();
    if let Some(cookie) = cookie.and_then(|c| c.parse().ok()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// `GET /thirdparty/callback`.
pub async fn callback_get(
    State(app): State<Arc<Hanko>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params: HashMap<String, String> =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    match handle(&app, &headers, &params).await {
        Ok(location) => {
            tracing::info!("third-party sign-in succeeded, redirecting with hanko_token");
            redirect(
                StatusCode::TEMPORARY_REDIRECT,
                &location,
                Some(app.clear_state_cookie()),
            )
        }
        Err((error, target)) => {
            tracing::info!(error = %error.code, description = %error.description, "third-party callback failed");
            redirect(
                StatusCode::TEMPORARY_REDIRECT,
                &error.redirect_url(&target),
                None,
            )
        }
    }
}

type Failure = (ThirdPartyError, String);

async fn handle(
    app: &Hanko,
    headers: &HeaderMap,
    params: &HashMap<String, String>,
) -> Result<String, Failure> {
    let param = |name: &str| {
        params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    let early = |e: ThirdPartyError| (e, app.config.error_redirect_url.clone());
    let sealed = param("state").ok_or_else(|| {
        early(ThirdPartyError::invalid_request(
            "State is a required field",
        ))
    })?;
    let now = Utc::now().timestamp();
    let state = app.states.open(sealed, now).map_err(|e| {
        early(ThirdPartyError::invalid_request(match e {
            StateError::Undecodable => "could not decrypt state",
            StateError::Expired => "state is expired",
        }))
    })?;
    if state.code_verifier.is_none() {
        let cookie = read_cookie(headers, STATE_COOKIE).ok_or_else(|| {
            early(ThirdPartyError::invalid_request(
                "thirdparty state cookie is missing",
            ))
        })?;
        let expected = app
            .states
            .open(&cookie, now)
            .map_err(|_| early(ThirdPartyError::invalid_request("could not decrypt state")))?;
        if expected.nonce != state.nonce {
            return Err(early(ThirdPartyError::invalid_request(
                "could not verify state",
            )));
        }
    }
    let target = state.redirect_to.clone();
    let fail = |e: ThirdPartyError| (e, target.clone());
    if let Some(error) = param("error") {
        return Err(fail(ThirdPartyError::new(
            error,
            param("error_description").unwrap_or(""),
        )));
    }
    let provider = Provider::from_id(&state.provider)
        .filter(|p| app.config.providers.contains(p))
        .ok_or_else(|| {
            fail(ThirdPartyError::invalid_request(format!(
                "provider '{}' is disabled",
                state.provider
            )))
        })?;
    let code = param("code").ok_or_else(|| {
        fail(ThirdPartyError::invalid_request(
            "auth code missing from request",
        ))
    })?;
    let id_token = redeem(app, code, state.code_verifier.as_deref())
        .await
        .map_err(|reason| {
            tracing::info!(reason = %reason, "code redemption failed");
            fail(ThirdPartyError::invalid_request(
                "could not exchange authorization code for access token",
            ))
        })?;
    let user = user_data(app, &id_token).await.map_err(|reason| {
        tracing::info!(reason = %reason, "user data rejected");
        fail(ThirdPartyError::invalid_request(
            "could not retrieve user data from provider",
        ))
    })?;
    let policy = LinkPolicy {
        allow_signup: app.config.allow_signup,
        allow_linking: app.config.allow_linking,
        email_limit: app.config.email_limit,
        reject_unverified_email: app.config.email.require_verification
            && app.config.unverified_email == UnverifiedEmail::Reject,
    };
    let mut success = url::Url::parse(&state.redirect_to)
        .map_err(|_| fail(ThirdPartyError::server("could not parse redirect url")))?;
    let token_value = crate::random::hanko_token();
    {
        let mut store = app.store();
        let linked = store
            .link_account(&user, provider.id(), policy)
            .map_err(fail)?;
        store.tokens.retain(|_, t| t.expires_at > Instant::now());
        store.tokens.insert(
            token_value.clone(),
            OneTimeToken {
                user_id: linked.user_id,
                identity_id: linked.identity_id,
                code_verifier: state.code_verifier.clone(),
                user_created: linked.user_created,
                expires_at: Instant::now()
                    + Duration::from_secs(app.config.hanko_token_lifetime_secs),
            },
        );
    }
    success
        .query_pairs_mut()
        .append_pair("hanko_token", &token_value);
    Ok(success.to_string())
}

#[derive(Deserialize)]
struct TokenResponse {
    id_token: Option<String>,
}

/// Redeems the code at the Microsoft token endpoint (confidential client, HTTP Basic, PKCE verifier).
async fn redeem(app: &Hanko, code: &str, verifier: Option<&str>) -> Result<String, String> {
    let redirect_uri = format!("{}/thirdparty/callback", app.public_url);
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri.as_str()),
    ];
    if let Some(verifier) = verifier {
        form.push(("code_verifier", verifier));
    }
    let escape = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let response = app
        .http
        .post(format!("{}/common/oauth2/v2.0/token", app.microsoft_url))
        .basic_auth(
            escape(&app.config.client_id),
            Some(escape(&app.config.client_secret)),
        )
        .form(&form)
        .send()
        .await
        .map_err(|e| format!("token request failed: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        let body: Value = response.json().await.unwrap_or(Value::Null);
        return Err(format!(
            "token endpoint answered {status}: {}",
            body.get("error").and_then(Value::as_str).unwrap_or("?")
        ));
    }
    let body: TokenResponse = response
        .json()
        .await
        .map_err(|e| format!("token response unreadable: {e}"))?;
    body.id_token
        .ok_or_else(|| "no id_token in token response".into())
}

#[derive(Deserialize)]
struct Jwks {
    keys: Vec<Jwk>,
}

#[derive(Deserialize)]
struct Jwk {
    kid: Option<String>,
    kty: String,
    n: Option<String>,
    e: Option<String>,
}

#[derive(Deserialize)]
struct MicrosoftClaims {
    iss: String,
    sub: String,
    #[serde(default)]
    upn: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    xms_edov: Option<Value>,
    #[serde(default)]
    name: Option<String>,
}

fn is_address(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// Hanko's Microsoft email rules: `upn` first (trusted), else `email` with `xms_edov`.
fn pick_email(claims: &MicrosoftClaims) -> Option<(String, bool)> {
    if let Some(upn) = claims.upn.as_deref().filter(|u| !u.is_empty()) {
        return is_address(upn).then(|| (upn.to_lowercase(), true));
    }
    let email = claims.email.as_deref().filter(|e| !e.is_empty())?;
    if !is_address(email) {
        return None;
    }
    let verified = match &claims.xms_edov {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "1" || s.eq_ignore_ascii_case("true"),
        Some(_) => false,
    };
    Some((email.to_lowercase(), verified))
}

/// Verifies the ID token against the provider JWKS (fetched over HTTP) and extracts the user data.
async fn user_data(app: &Hanko, id_token: &str) -> Result<ProviderUser, String> {
    let header = jsonwebtoken::decode_header(id_token).map_err(|e| format!("bad header: {e}"))?;
    if header.alg != jsonwebtoken::Algorithm::RS256 {
        return Err(format!("unexpected alg {:?}", header.alg));
    }
    let jwks: Jwks = app
        .http
        .get(format!("{}/common/discovery/v2.0/keys", app.microsoft_url))
        .send()
        .await
        .map_err(|e| format!("jwks request failed: {e}"))?
        .json()
        .await
        .map_err(|e| format!("jwks unreadable: {e}"))?;
    let jwk = jwks
        .keys
        .iter()
        .filter(|k| k.kty == "RSA")
        .find(|k| header.kid.is_none() || k.kid == header.kid)
        .ok_or("no matching key")?;
    let (Some(n), Some(e)) = (&jwk.n, &jwk.e) else {
        return Err("key without n/e".into());
    };
    let key = jsonwebtoken::DecodingKey::from_rsa_components(n, e).map_err(|e| e.to_string())?;
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&[app.config.client_id.as_str()]);
    validation.validate_nbf = true;
    validation.set_required_spec_claims(&["exp", "aud", "iss", "sub"]);
    let data = jsonwebtoken::decode::<MicrosoftClaims>(id_token, &key, &validation)
        .map_err(|e| format!("id token rejected: {e}"))?;
    let claims = data.claims;
    if !app.issuer_pattern.is_match(&claims.iss) {
        return Err("issuer does not match".into());
    }
    let (email, email_verified) = match pick_email(&claims) {
        Some((email, verified)) => (Some(email), verified),
        None if app.config.accept_account_without_email => {
            tracing::info!(
                "account without email let through (test aid accept_account_without_email)"
            );
            (None, false)
        }
        None => return Err("no usable email".into()),
    };
    Ok(ProviderUser {
        subject: claims.sub,
        email,
        email_verified,
        name: claims.name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(upn: Option<&str>, email: Option<&str>, edov: Option<Value>) -> MicrosoftClaims {
        MicrosoftClaims {
            iss: String::new(),
            sub: String::new(),
            upn: upn.map(str::to_string),
            email: email.map(str::to_string),
            xms_edov: edov,
            name: None,
        }
    }

    #[test]
    fn microsoft_email_rules() {
        let a = "A@x.example";
        assert_eq!(
            pick_email(&claims(Some(a), None, None)),
            Some(("a@x.example".into(), true))
        );
        assert_eq!(
            pick_email(&claims(Some("not-an-address"), Some(a), None)),
            None
        );
        assert_eq!(
            pick_email(&claims(None, Some(a), None)),
            Some(("a@x.example".into(), true))
        );
        assert_eq!(
            pick_email(&claims(None, Some(a), Some(Value::Bool(false)))),
            Some(("a@x.example".into(), false))
        );
        assert_eq!(
            pick_email(&claims(None, Some(a), Some(Value::from("1")))),
            Some(("a@x.example".into(), true))
        );
        assert_eq!(pick_email(&claims(None, None, None)), None);
    }
}
