//! Server-rendered HTML of the simulated Microsoft sign-in pages. Every interpolated value is escaped.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::accounts::{ACCOUNTS, OUTCOMES};

const STYLE: &str = "\
body{margin:0;font:15px/1.4 'Segoe UI',system-ui,sans-serif;background:#f2f2f2;color:#1b1b1b}\
main{max-width:440px;margin:40px auto;background:#fff;padding:32px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2)}\
.logo{display:grid;grid-template-columns:10px 10px;gap:1px;width:21px;margin-bottom:16px}\
.logo span{width:10px;height:10px}\
.sim{background:#fff4ce;border:1px solid #e0c35c;padding:8px 12px;margin:0 0 16px;font-size:13px}\
h1{font-size:24px;font-weight:600;margin:0 0 8px}h2{font-size:15px;margin:20px 0 8px}\
p{margin:0 0 8px}.app{color:#555;font-size:13px;word-break:break-all}\
button{display:block;width:100%;text-align:left;padding:10px 12px;margin:0 0 8px;border:1px solid #8c8c8c;\
background:#fff;font:inherit;cursor:pointer}button:hover,button:focus{background:#f0f6ff;outline:2px solid #0067b8}\
button small{display:block;color:#555}.outcome{border-style:dashed}\
.err{color:#a4262c}pre{white-space:pre-wrap;font-size:12px;background:#f7f7f7;padding:8px}";

const LOGO: &str =
    "<div class=\"logo\" aria-hidden=\"true\"><span style=\"background:#F25022\"></span>\
<span style=\"background:#7FBA00\"></span><span style=\"background:#00A4EF\"></span>\
<span style=\"background:#FFB900\"></span></div>";

const BANNER: &str =
    "<p class=\"sim\"><strong>Simulation.</strong> This page is the Hanko dev server's stand-in \
for Microsoft sign-in (login.microsoftonline.com). No real Microsoft account is used.</p>";

/// Escapes text for HTML element content and double-quoted attributes.
pub fn escape(text: &str) -> String {
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

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title>\
<style>{STYLE}</style></head><body><main>{LOGO}{BANNER}{body}</main></body></html>",
        escape(title)
    )
}

fn html(status: StatusCode, text: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
            ),
        ],
        text,
    )
        .into_response()
}

/// The account picker. `fields` are the authorize parameters, re-posted as hidden inputs.
pub fn picker(
    action: &str,
    client_id: &str,
    redirect_uri: &str,
    fields: &[(&str, &str)],
) -> Response {
    let hidden: String = fields
        .iter()
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(name),
                escape(value)
            )
        })
        .collect();
    let accounts: String = ACCOUNTS
        .iter()
        .map(|a| {
            let login = a.upn.or(a.email).or(a.preferred_username).unwrap_or("");
            format!(
                "<button type=\"submit\" name=\"choice\" value=\"{id}\" id=\"{id}\">{name} &lt;{login}&gt;<small>{kind}</small></button>",
                id = escape(a.id),
                name = escape(a.name),
                login = escape(login),
                kind = escape(a.kind)
            )
        })
        .collect();
    let outcomes: String = OUTCOMES
        .iter()
        .map(|o| {
            format!(
                "<button type=\"submit\" class=\"outcome\" name=\"choice\" value=\"{id}\" id=\"{id}\">{label}<small>error={error}, AADSTS{code}</small></button>",
                id = escape(o.id),
                label = escape(o.label),
                error = escape(o.error),
                code = o.aadsts
            )
        })
        .collect();
    let body = format!(
        "<h1>Pick an account</h1><p class=\"app\">to continue to Hanko Dev Server ({client}).<br>\
Returns to {redirect}</p><form method=\"post\" action=\"{action}\">{hidden}\
<h2>Accounts</h2>{accounts}<h2>Simulate an outcome</h2>{outcomes}</form>",
        client = escape(client_id),
        redirect = escape(redirect_uri),
        action = escape(action),
    );
    html(StatusCode::OK, document("Sign in to your account", &body))
}

/// Microsoft-style error page (the request never goes back to the app).
pub fn error_page(status: StatusCode, description: &str) -> Response {
    let body = format!(
        "<h1>Sorry, but we’re having trouble signing you in.</h1><p class=\"err\" id=\"error-message\">{}</p>\
<h2>Troubleshooting details</h2><pre id=\"error-details\">{}</pre>",
        escape(description.lines().next().unwrap_or("")),
        escape(description)
    );
    html(status, document("Sign in to your account", &body))
}

/// AADSTS90002 error page for an unknown tenant.
pub fn tenant_not_found(tenant: &str) -> Response {
    error_page(
        StatusCode::BAD_REQUEST,
        &super::describe(&format!(
            "AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."
        )),
    )
}
