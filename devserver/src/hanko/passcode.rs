//! Passcodes: sending (Hanko's `SendPasscode` hook, rate limit) and the outbox (`GET /outbox`), where a
//! person trying the demo reads the codes that Hanko would have emailed.

use std::fmt::Write as _;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::{SecondsFormat, Utc};
use rand::Rng;
use serde_json::json;

use super::Hanko;
use crate::store::{Flow, OutboxEntry, PasscodeTemplate, PendingPasscode, Store};

/// How long a passcode stays valid (Hanko's `email.passcode_ttl` default, 5 minutes).
const PASSCODE_TTL: Duration = Duration::from_secs(300);

/// Sends a passcode to the stash's address unless the last one is still valid for it (`force`:
/// always send, as `resend_passcode` does). `Ok(Err(secs))`: rate limited, `resend_after` = `secs`.
pub fn send_if_needed(
    app: &Hanko,
    store: &mut Store,
    flow: &mut Flow,
    ip: IpAddr,
    force: bool,
) -> Result<Result<(), u64>, String> {
    let address = flow
        .stash
        .email
        .clone()
        .ok_or("email has not been stashed")?;
    let still_valid = flow.stash.passcode.as_ref().is_some_and(|p| {
        p.address == address && !p.code.is_empty() && p.expires_at > Instant::now()
    });
    if still_valid && !force {
        return Ok(Ok(()));
    }
    if let Err(resend_after) = app.passcode_limiter.hit((ip, address.clone())) {
        tracing::info!(to = %address, resend_after, "passcode rate limit reached");
        return Ok(Err(resend_after));
    }
    let code = match &app.config.passcode {
        Some(fixed) => fixed.clone(),
        None => format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32)),
    };
    let template = flow
        .stash
        .passcode_template
        .unwrap_or(PasscodeTemplate::EmailVerification);
    tracing::info!(to = %address, code = %code, template = template.as_str(), "passcode sent (read it here or at GET /outbox)");
    store.outbox.push(OutboxEntry {
        sent_at: Utc::now(),
        to: address.clone(),
        code: code.clone(),
        template: template.as_str(),
    });
    flow.stash.passcode = Some(PendingPasscode {
        code,
        address,
        expires_at: Instant::now() + PASSCODE_TTL,
        attempts: 0,
    });
    Ok(Ok(()))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json"))
}

fn entries_json(app: &Hanko) -> serde_json::Value {
    let store = app.store();
    let entries: Vec<_> = store
        .outbox
        .iter()
        .rev()
        .map(|e| {
            json!({
                "sent_at": e.sent_at.to_rfc3339_opts(SecondsFormat::Millis, true),
                "to": e.to,
                "code": e.code,
                "template": e.template,
            })
        })
        .collect();
    json!({ "passcodes": entries })
}

/// `GET /outbox.json`: `{"passcodes": [{sent_at, to, code, template}, …]}`, newest first.
pub async fn outbox_json(State(app): State<Arc<Hanko>>) -> Response {
    Json(entries_json(&app)).into_response()
}

/// `GET /outbox`: the passcodes sent so far, newest first, as an HTML page (JSON with
/// `Accept: application/json`).
pub async fn outbox(State(app): State<Arc<Hanko>>, headers: HeaderMap) -> Response {
    if wants_json(&headers) {
        return Json(entries_json(&app)).into_response();
    }
    let store = app.store();
    let mut rows = String::new();
    for entry in store.outbox.iter().rev() {
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td class=\"code\">{}</td><td>{}</td></tr>",
            escape(&entry.sent_at.format("%Y-%m-%d %H:%M:%S UTC").to_string()),
            escape(&entry.to),
            escape(&entry.code),
            escape(entry.template),
        );
    }
    drop(store);
    let body = if rows.is_empty() {
        "<p id=\"empty\">No passcode has been sent yet.</p>".to_string()
    } else {
        format!(
            "<table><thead><tr><th>Sent</th><th>To</th><th>Passcode</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    };
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Outbox – hanko-devserver</title>\
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:48rem}}td,th{{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #ddd}}.code{{font-family:monospace;font-size:1.3rem;letter-spacing:.2rem}}</style>\
</head><body><h1>Outbox</h1><p>The dev backend sends no email. These are the passcodes Hanko would have emailed, newest first. Reload to see new ones.</p>{body}</body></html>"
    ))
    .into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }
}
