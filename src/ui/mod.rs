//! The UI layer: one generic renderer for any flow state, overrides by state name, and the small
//! components both are built from. Browser only (`wasm32`).
//!
//! [`AuthView`] draws a [`Screen`]. Every screen's root carries `data-screen`: `loading`,
//! `exchanging`, `passkey`, `signed-in`, `failed`, or, for a flow state with a UI, the state's
//! name (`login_init`, `passcode_confirmation`, …). Updates are fine-grained: while flow states
//! follow each other the page stays, and actions, inputs and provider buttons are keyed lists, so
//! a control that stays keeps its DOM node (and keyboard focus).
//!
//! The UI contract, for tests of your own: every control that runs an action carries
//! `data-action="<action name>"` (provider buttons also `data-provider="<id>"`); every input
//! has `name="<input name>"`, the right `type` and the standard `autocomplete` token; `part`
//! names follow hanko-elements (`container`, `headline1`, `paragraph`, `form`, `form-item`,
//! `label`, `input`, `text-input`, `passcode-input`, `input-error`, `button`,
//! `primary-button`, `secondary-button`, `link`, `divider`, `error`, `error-text`).

pub mod components;
mod focus;
pub mod form;
pub mod overrides;
pub mod pages;

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::flow::model::{Screen, Theme, Work};
use crate::flow::view::{view_model, Prefill, ViewModel};
use crate::i18n::{text_direction, Translation};
use overrides::Overrides;
use pages::{FailedPage, FormPage, LoadingPage, SignedInPage, WorkingPage};

/// The string at `key`, following the language. One function for every fixed string the views
/// show, so that the bundle carries one copy of the code that draws a translated text.
pub(crate) fn translated(t: Signal<Translation>, key: &'static str) -> Signal<String> {
    Signal::derive(move || t.read().text(key))
}

/// An action the user runs: its name and the values of its inputs, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The action's name.
    pub action: String,
    /// Input values by input name.
    pub inputs: BTreeMap<String, String>,
}

/// What the user can ask for. `Copy`; build it from a controller
/// (`crate::controller::Controller::actions`) or from your own callbacks (e.g. in tests).
#[derive(Clone, Copy)]
pub struct Actions {
    /// Run an action of the state on screen.
    pub submit: Callback<Submission>,
    /// "Try again" / "Use another account": start a fresh flow.
    pub retry: Callback<()>,
    /// "Sign out".
    pub sign_out: Callback<()>,
}

impl Actions {
    /// Actions that do nothing (for rendering a screen on its own).
    pub fn none() -> Self {
        Actions {
            submit: Callback::new(|_: Submission| ()),
            retry: Callback::new(|()| ()),
            sign_out: Callback::new(|()| ()),
        }
    }
}

/// Which page a screen needs; the page is rebuilt only when this changes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Page {
    Loading,
    Form,
    Working(Work),
    SignedIn,
    Failed,
}

impl Page {
    fn of(screen: &Screen) -> Page {
        match screen {
            Screen::Loading => Page::Loading,
            Screen::Form(_) => Page::Form,
            Screen::Working { work, .. } => Page::Working(*work),
            Screen::SignedIn { .. } => Page::SignedIn,
            Screen::Failed { .. } => Page::Failed,
        }
    }
}

/// The whole element: `<section part="container">` (with `data-theme`, `lang`, and `dir` following
/// the language, see [`text_direction`]) around the page for the current [`Screen`].
#[component]
pub fn AuthView(
    /// What to show, reactively (usually `Controller::screen`).
    #[prop(into)]
    screen: Signal<Screen>,
    /// The provider the user signed in with last time; its button gets a "Last used" badge.
    #[prop(into, optional)]
    last_used: Signal<Option<String>>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// The language tag the strings are in (set as the container's `lang`).
    #[prop(into, optional)]
    lang: Signal<String>,
    /// Light, dark, or follow the system.
    #[prop(into, optional)]
    theme: Signal<Theme>,
    /// What the controls do.
    actions: Actions,
    /// Pages of your own for some states (the built-in ones are used otherwise).
    #[prop(optional)]
    overrides: Overrides,
    /// No passkey button on the first sign-in screen (`hidePasskeyButtonOnLogin`).
    #[prop(optional)]
    hide_passkey_button_on_login: bool,
    /// The email / username to prefill on the first screens.
    #[prop(into, optional)]
    prefill: Signal<Prefill>,
) -> impl IntoView {
    let page = Memo::new(move |_| screen.with(Page::of));
    let form_view = Memo::new(move |previous: Option<&ViewModel>| {
        screen.with(|screen| match screen {
            Screen::Form(form) => {
                let view = prefill.with(|p| view_model(form).prefilled(p));
                if hide_passkey_button_on_login {
                    view.without_login_passkey_button()
                } else {
                    view
                }
            }
            _ => previous.cloned().unwrap_or_default(),
        })
    });
    let overrides = StoredValue::new(overrides);
    let container = NodeRef::new();
    focus::follow_screen(container, screen);
    view! {
        <section
            node_ref=container
            class="hanko-container"
            part="container"
            data-theme=move || theme.get().as_str()
            lang=move || Some(lang.get()).filter(|l| !l.is_empty())
            dir=move || lang.with(|l| text_direction(l))
        >
            {move || match page.get() {
                Page::Loading => view! { <LoadingPage t/> }.into_any(),
                Page::Form => {
                    let overrides = overrides.get_value();
                    view! { <FormPage view=form_view t actions last_used overrides/> }.into_any()
                }
                Page::Working(work) => view! { <WorkingPage work t/> }.into_any(),
                Page::SignedIn => view! { <SignedInPage screen t actions/> }.into_any(),
                Page::Failed => view! { <FailedPage screen t actions/> }.into_any(),
            }}
        </section>
    }
}
