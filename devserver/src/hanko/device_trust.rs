//! Device trust after MFA (Hanko's `device_trust` sub-flow): the `hanko-device-token` cookie, which
//! lets later sign-ins of the same user from the same browser skip MFA.
//!
//! Cookie value as Hanko's: `<user id>:<token>|<user id>:<token>…`, newest first, at most 20 users;
//! each token (64 random bytes, base64url) is stored with its user and expiry.

use axum::http::{header, HeaderMap, HeaderName};
use chrono::{Duration, Utc};
use uuid::Uuid;

use super::Hanko;
use crate::config::DeviceTrustPolicy;
use crate::store::{Flow, FlowName, StateName, Store};

/// Hanko's `mfa.device_trust_cookie_name` default.
pub const COOKIE: &str = "hanko-device-token";

/// Hanko's `mfa.device_trust_duration` default: 30 days.
const DURATION_SECS: i64 = 30 * 24 * 3600;

/// Hanko's `mfa.device_trust_max_users_per_device` default.
const MAX_USERS: usize = 20;

fn entries(value: &str) -> Vec<(Uuid, String)> {
    value
        .split('|')
        .filter_map(|part| {
            let (user, token) = part.split_once(':')?;
            Some((Uuid::parse_str(user).ok()?, token.to_string()))
        })
        .collect()
}

/// Whether the request's device cookie holds a valid, unexpired token for `user_id`.
pub fn is_trusted(store: &Store, request: &HeaderMap, user_id: Uuid) -> bool {
    let Some(value) = super::read_cookie(request, COOKIE) else {
        return false;
    };
    let now = Utc::now();
    entries(&value)
        .into_iter()
        .filter(|(user, _)| *user == user_id)
        .any(|(_, token)| {
            store
                .trusted_devices
                .get(&token)
                .is_some_and(|(owner, expires)| *owner == user_id && *expires > now)
        })
}

/// `ScheduleTrustDeviceState`: `device_trust` when the policy is `prompt`, MFA is on, the sign-in was
/// not by passkey, the user has an MFA method and the device is not trusted yet.
pub fn schedule(app: &Hanko, flow: &Flow, trusted: bool) -> Option<StateName> {
    let cfg = &app.config.mfa;
    let has_mfa = flow.stash.user_has_security_key || flow.stash.user_has_otp_secret;
    (cfg.enabled
        && cfg.device_trust_policy == DeviceTrustPolicy::Prompt
        && flow.stash.login_method != Some("passkey")
        && has_mfa
        && !trusted)
        .then_some(StateName::DeviceTrust)
}

/// `IssueTrustDeviceCookie` (`BeforeState(success)` of the login flow): with policy `always`, or
/// `prompt` after `trust_device`, stores a new token and sets the cookie (HttpOnly, Secure,
/// SameSite=None, 30 days), keeping the other users' entries of the request's cookie.
pub fn issue_cookie(
    app: &Hanko,
    store: &mut Store,
    flow: &Flow,
    request_cookie: Option<&str>,
    headers: &mut Vec<(HeaderName, String)>,
) {
    let policy = app.config.mfa.device_trust_policy;
    if flow.name != FlowName::Login
        || policy == DeviceTrustPolicy::Never
        || (policy == DeviceTrustPolicy::Prompt && !flow.stash.device_trust_granted)
    {
        return;
    }
    let Some(user_id) = flow.user_id else {
        return;
    };
    let token = crate::random::token_no_pad(64);
    let now = Utc::now();
    store
        .trusted_devices
        .retain(|_, (_, expires)| *expires > now);
    store.trusted_devices.insert(
        token.clone(),
        (user_id, now + Duration::seconds(DURATION_SECS)),
    );
    let mut list = vec![(user_id, token)];
    list.extend(
        request_cookie
            .map(entries)
            .unwrap_or_default()
            .into_iter()
            .filter(|(user, _)| *user != user_id),
    );
    list.truncate(MAX_USERS);
    let value = list
        .iter()
        .map(|(user, token)| format!("{user}:{token}"))
        .collect::<Vec<_>>()
        .join("|");
    headers.push((
        header::SET_COOKIE,
        format!(
            "{COOKIE}={value}; Path=/; Max-Age={DURATION_SECS}; HttpOnly; Secure; SameSite=None"
        ),
    ));
    tracing::info!(user = %user_id, "device trusted");
}
