//! What the element shows: a few fixed screens, and [`Form`] for any flow state with a UI
//! (turned into a [`crate::flow::view::ViewModel`] and rendered by `crate::ui`). Pure data.

use std::collections::BTreeMap;

use crate::errors::Failure;
use crate::protocol::types::FlowResponse;

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
    /// use hanko_elements::flow::model::FlowName;
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
        let claims = crate::protocol::types::Claims::from_json(claims);
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

/// Colour scheme of the element (`theme` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system (`prefers-color-scheme`); also for absent or unknown values.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Reads a `theme` attribute value (`light` / `dark`, case-insensitive); anything else is
    /// [`Theme::Auto`].
    ///
    /// ```
    /// use hanko_elements::Theme;
    /// assert_eq!(Theme::parse(Some(" Dark ")), Theme::Dark);
    /// assert_eq!(Theme::parse(Some("purple")), Theme::Auto);
    /// ```
    pub fn parse(value: Option<&str>) -> Theme {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// The value of the container's `data-theme`: `auto`, `light` or `dark`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The action a [`Form`] is waiting for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    /// The action's name, e.g. `verify_passcode` or `thirdparty_oauth`.
    pub action: String,
    /// The chosen value of an input with `allowed_values` (the provider of `thirdparty_oauth`).
    pub choice: Option<String>,
}

/// A flow state shown to the user, with what only the UI knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The flow state (its actions, inputs, input errors and payload).
    pub state: FlowResponse,
    /// The action under way; every control is disabled meanwhile.
    pub busy: Option<Busy>,
    /// The browser is on its way to this provider (after `thirdparty`).
    pub leaving: Option<String>,
    /// A failure shown above the controls.
    pub notice: Option<Failure>,
    /// What the user typed, by `<action>.<input>`, kept when the backend answers the same state
    /// again (a 4xx with input errors) and the input has no `value` of its own.
    pub typed: BTreeMap<String, String>,
}

impl Form {
    /// A form for `state` with nothing under way.
    pub fn new(state: FlowResponse) -> Form {
        Form {
            state,
            busy: None,
            leaving: None,
            notice: None,
            typed: BTreeMap::new(),
        }
    }
}

/// What a working screen is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Back from the provider with a `hanko_token`; `exchange_token` is running.
    Exchanging,
    /// The browser's passkey dialog is open.
    Passkey,
}

/// Everything the element can show.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// Starting the flow or checking the session.
    Loading,
    /// A flow state with a UI: any state without an auto-step (see [`crate::flow::auto`]).
    Form(Box<Form>),
    /// An auto-step that takes a while; `state` is the flow state it belongs to.
    Working {
        /// What is under way.
        work: Work,
        /// The flow state's name (empty before the first answer).
        state: String,
    },
    /// A valid session exists.
    SignedIn {
        /// Who.
        user: SignedInUser,
        /// `true` while `/logout` runs.
        signing_out: bool,
        /// Why the last sign-out failed (the user is still signed in); cleared by the next try.
        notice: Option<Failure>,
    },
    /// A failure that ends the current flow; "try again" starts a fresh one.
    Failed {
        /// What went wrong.
        failure: Failure,
    },
}

impl Screen {
    /// The screen's name, as in its `data-screen`: the flow state's name for a form, else
    /// `loading`, `exchanging`, `passkey`, `signed-in` or `failed`.
    ///
    /// ```
    /// use hanko_elements::flow::model::Screen;
    /// assert_eq!(Screen::Loading.name(), "loading");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            Screen::Loading => "loading",
            Screen::Form(form) => &form.state.name,
            Screen::Working {
                work: Work::Exchanging,
                ..
            } => "exchanging",
            Screen::Working {
                work: Work::Passkey,
                ..
            } => "passkey",
            Screen::SignedIn { .. } => "signed-in",
            Screen::Failed { .. } => "failed",
        }
    }
}

/// Whether focus is moved into the element when the screen changes from `from` (the last screen
/// that was not `loading`; `None` before any) to `to`. It is, when the user's own step led there
/// (a new flow state, the passkey dialog closed, signed in or out, a failure) and the focused
/// control went away with the old screen. It is not for the first screen after the page loads
/// (that would steal the page's focus), for `loading` (a spinner; what follows decides), or when
/// the same state comes again (its controls stay, and so does focus).
///
/// ```
/// use hanko_elements::flow::model::moves_focus;
/// assert!(!moves_focus(None, "login_init"), "page load");
/// assert!(moves_focus(Some("login_init"), "login_method_chooser"));
/// assert!(!moves_focus(Some("login_password"), "login_password"), "a wrong password");
/// assert!(!moves_focus(Some("login_init"), "loading"));
/// ```
pub fn moves_focus(from: Option<&str>, to: &str) -> bool {
    match from {
        None => false,
        Some(_) if to == "loading" => false,
        Some(from) => from != to,
    }
}
