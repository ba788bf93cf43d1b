//! Bodies registered by state name, for the states a generic form does not serve well. Every
//! other state, including ones Hanko adds later, gets the generic body
//! ([`super::form::generic_body`]).
//!
//! Built in:
//!
//! | state | body |
//! |---|---|
//! | `login_init`, `registration_init` | the provider buttons first (Microsoft's branding, the "Last used" badge), an "or" divider, then the other actions |
//! | `mfa_otp_secret_creation` | the QR code (a `data:image/png` address only) and the secret as copyable text, then the code form |
//!
//! Register your own with [`Overrides::with`]; yours win over the built-in ones. A body is a
//! function of a [`FormContext`]; build it from [`ActionList`] and [`ProviderList`] or from
//! scratch, keeping the UI contract (`data-action`, `name`).
//!
//! ```
//! # #[cfg(target_arch = "wasm32")]
//! # fn main() {
//! use hanko_elements::flow::view::Role;
//! use hanko_elements::ui::form::{ActionList, FormContext};
//! use hanko_elements::Overrides;
//! use leptos::prelude::*;
//!
//! let overrides = Overrides::new().with("onboarding_username", |context: FormContext| {
//!     view! {
//!         <p>"Pick the name other people will see."</p>
//!         <ActionList context roles=&[Role::Primary, Role::Choice, Role::Secondary]/>
//!     }
//!     .into_any()
//! });
//! assert!(overrides.key("onboarding_username").is_some());
//! assert!(overrides.key("login_init").is_some(), "built in");
//! assert!(overrides.key("passcode_confirmation").is_none());
//! # }
//! # #[cfg(not(target_arch = "wasm32"))]
//! # fn main() {}
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::form::{ActionList, FormContext, ProviderList};
use super::translated;
use crate::flow::view::Role;

/// A body for one state.
type Body = Arc<dyn Fn(FormContext) -> AnyView + Send + Sync>;

/// Bodies by state name: the built-in ones plus those you register.
#[derive(Clone, Default)]
pub struct Overrides {
    custom: BTreeMap<String, Body>,
}

/// Which body draws a state.
const BUILT_IN: [&str; 3] = ["login_init", "registration_init", "mfa_otp_secret_creation"];

impl Overrides {
    /// The built-in overrides only.
    pub fn new() -> Overrides {
        Overrides::default()
    }

    /// Adds (or replaces) the body of `state`.
    pub fn with(
        mut self,
        state: &str,
        body: impl Fn(FormContext) -> AnyView + Send + Sync + 'static,
    ) -> Overrides {
        self.custom.insert(state.to_owned(), Arc::new(body));
        self
    }

    /// The key of the body registered for `state`, or `None` for the generic body. The page
    /// rebuilds its body only when this key changes.
    pub fn key(&self, state: &str) -> Option<String> {
        if self.custom.contains_key(state) {
            Some(format!("custom:{state}"))
        } else {
            BUILT_IN
                .contains(&state)
                .then(|| format!("built-in:{state}"))
        }
    }

    /// Draws the body with key `key` (from [`Overrides::key`]).
    pub fn render(&self, key: &str, context: FormContext) -> AnyView {
        if let Some(body) = key
            .strip_prefix("custom:")
            .and_then(|state| self.custom.get(state))
        {
            return body(context);
        }
        match key.strip_prefix("built-in:") {
            Some("mfa_otp_secret_creation") => otp_secret_body(context),
            _ => providers_first(context),
        }
    }
}

/// `login_init` / `registration_init`: provider buttons, "or", the other actions.
fn providers_first(context: FormContext) -> AnyView {
    let t = context.t;
    let divider = move || {
        context
            .view
            .with(|v| {
                !v.providers.is_empty() && v.actions.iter().any(|a| a.role != Role::Secondary)
            })
            .then(|| {
                view! {
                    <div class="hanko-divider" part="divider">
                        <span class="hanko-divider-line" part="divider-line"></span>
                        <span class="hanko-divider-text" part="divider-text">
                            {translated(t, "labels.or")}
                        </span>
                        <span class="hanko-divider-line" part="divider-line"></span>
                    </div>
                }
            })
    };
    let nothing = move || {
        context.view.with(|v| v.is_empty()).then(|| {
            view! {
                <p class="hanko-paragraph" part="paragraph">
                    {translated(t, "texts.no_providers")}
                </p>
            }
        })
    };
    view! {
        <ProviderList context/>
        {divider}
        <ActionList context roles=&[Role::Primary, Role::Choice]/>
        <ActionList context roles=&[Role::Secondary]/>
        {nothing}
    }
    .into_any()
}

/// `mfa_otp_secret_creation`: the QR code and the secret, then the code form.
fn otp_secret_body(context: FormContext) -> AnyView {
    let t = context.t;
    let otp = move || {
        context.view.with(|v| v.otp.clone()).map(|otp| {
            let qr = otp.qr_code.map(|src| {
                view! {
                    <img
                        class="hanko-qr-code"
                        part="qr-code"
                        data-field="otp-qr-code"
                        width="200"
                        height="200"
                        src=src
                        alt=translated(t, "labels.qr_code")
                    />
                }
            });
            view! {
                <div class="hanko-otp-secret">
                    {qr}
                    <p class="hanko-paragraph" part="paragraph">
                        <span class="hanko-label">{translated(t, "labels.otp_secret")}</span>
                        " "
                        <code class="hanko-secret" data-field="otp-secret">{otp.secret}</code>
                    </p>
                </div>
            }
        })
    };
    view! {
        {otp}
        <ActionList context roles=&[Role::Primary, Role::Choice]/>
        <ActionList context roles=&[Role::Secondary]/>
    }
    .into_any()
}
