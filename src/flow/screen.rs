//! What the element shows: one variant per screen. Pure data, rendered by `crate::pages`.

use crate::errors::Failure;

/// Which Hanko flow the element runs (`mode` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlowName {
    /// `POST /login` (default).
    #[default]
    Login,
    /// `POST /registration`.
    Registration,
}

impl FlowName {
    /// The flow's path segment (`login`, `registration`), as in `POST {api}/{flow}`.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowName::Login => "login",
            FlowName::Registration => "registration",
        }
    }

    /// Reads a `mode` attribute value or a saved `flow_name`; `None` for anything else.
    ///
    /// ```
    /// use hanko_elements::flow::screen::FlowName;
    /// assert_eq!(FlowName::parse("registration"), Some(FlowName::Registration));
    /// assert_eq!(FlowName::parse(" Login "), Some(FlowName::Login));
    /// assert_eq!(FlowName::parse("profile"), None);
    /// ```
    pub fn parse(value: &str) -> Option<FlowName> {
        match value.trim().to_ascii_lowercase().as_str() {
            "login" => Some(FlowName::Login),
            "registration" => Some(FlowName::Registration),
            _ => None,
        }
    }
}

/// A third-party provider offered by `thirdparty_oauth`'s `allowed_values`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderOption {
    /// Provider id as the backend knows it, e.g. `microsoft`, `custom_acme`.
    pub id: String,
    /// Display name from the backend, e.g. `Microsoft`.
    pub name: String,
}

/// The signed-in user, as far as the session claims tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInUser {
    /// `claims.subject` (user id).
    pub subject: String,
    /// `claims.email.address`, when present.
    pub email: Option<String>,
    /// `claims.expiration` (RFC 3339), when present.
    pub expiration: Option<String>,
}

impl SignedInUser {
    /// Reads the user from session claims (`success` payload or `/sessions/validate`); missing or
    /// malformed claims give an empty subject and no email.
    pub fn from_claims(claims: &serde_json::Value) -> SignedInUser {
        let claims = crate::api::types::Claims::from_value(claims);
        SignedInUser {
            subject: claims
                .as_ref()
                .map(|c| c.subject.clone())
                .unwrap_or_default(),
            email: claims
                .as_ref()
                .and_then(|c| c.email.as_ref())
                .map(|e| e.address.clone()),
            expiration: claims.and_then(|c| c.expiration),
        }
    }
}

/// Everything the element can show.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// Starting the flow or checking the session.
    Loading,
    /// The login/registration init state: one button per provider.
    ChooseProvider {
        /// Login or registration.
        flow: FlowName,
        /// Providers to offer, in the backend's order.
        providers: Vec<ProviderOption>,
        /// The provider whose button was pressed and is now busy (button disabled, spinner).
        pending: Option<String>,
        /// A failure to show above the buttons (after a failed return, or a 4xx on the action).
        notice: Option<Failure>,
    },
    /// The flow offers no third-party sign-in.
    NoProviders {
        /// Login or registration.
        flow: FlowName,
    },
    /// `thirdparty` state reached; the browser is being sent to the provider (button stays busy).
    Redirecting {
        /// Provider id (its button stays busy).
        provider: String,
        /// Login or registration.
        flow: FlowName,
        /// The providers that were offered, so the buttons can stay on screen (all disabled).
        providers: Vec<ProviderOption>,
    },
    /// Back from the provider with a `hanko_token`; `exchange_token` (and any automatic step after it) is running.
    Exchanging,
    /// A valid session exists.
    SignedIn {
        /// Who.
        user: SignedInUser,
        /// `true` while `/logout` runs.
        signing_out: bool,
    },
    /// The backend answered with a state this element does not implement yet.
    Unsupported {
        /// The backend's state name, e.g. `passcode_confirmation`.
        state: String,
    },
    /// A failure that ends the current flow; "try again" starts a fresh one.
    Failed {
        /// What went wrong.
        failure: Failure,
    },
}
