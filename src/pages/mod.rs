//! One Leptos component per [`Screen`] variant, and [`AuthView`], which shows the right one.
//!
//! Every page's root element carries `data-screen` (`loading`, `choose-provider`, `no-providers`,
//! `redirecting`, `exchanging`, `signed-in`, `unsupported`, `failed`). Pages are plain functions of
//! a `Screen` value, a [`Translation`] and [`Actions`], so they render without a backend.

mod choose_provider;
mod failed;
mod redirecting;
mod signed_in;
mod status;
mod unsupported;

pub use choose_provider::{ChooseProviderPage, NoProvidersPage, ProviderChoice, ProviderList};
pub use failed::FailedPage;
pub use redirecting::RedirectingPage;
pub use signed_in::SignedInPage;
pub use status::{ExchangingPage, LoadingPage};
pub use unsupported::UnsupportedPage;

use leptos::prelude::*;

use crate::components::ErrorNotice;
use crate::controller::Controller;
use crate::element::attributes::Theme;
use crate::errors::Failure;
use crate::flow::screen::Screen;
use crate::i18n::Translation;

/// What the user can ask for from any page. `Copy`; build it from a [`Controller`] with
/// [`Actions::from_controller`], or from your own callbacks (e.g. in tests).
#[derive(Clone, Copy)]
pub struct Actions {
    /// A provider button was pressed (argument: provider id).
    pub choose_provider: Callback<String>,
    /// "Try again" / "Use another account": start a fresh flow.
    pub retry: Callback<()>,
    /// "Sign out".
    pub sign_out: Callback<()>,
}

impl Actions {
    /// Actions that drive `controller`.
    pub fn from_controller(controller: &Controller) -> Self {
        let choose = controller.clone();
        let retry = controller.clone();
        let sign_out = controller.clone();
        Actions {
            choose_provider: Callback::new(move |id: String| choose.choose_provider(&id)),
            retry: Callback::new(move |()| retry.retry()),
            sign_out: Callback::new(move |()| sign_out.sign_out()),
        }
    }

    /// Actions that do nothing (for rendering a page on its own).
    pub fn none() -> Self {
        Actions {
            choose_provider: Callback::new(|_: String| ()),
            retry: Callback::new(|()| ()),
            sign_out: Callback::new(|()| ()),
        }
    }
}

/// The error notice of a page: the live region, filled when there is a failure; its buttons
/// start a fresh flow.
pub(crate) fn notice_view(
    failure: Option<Failure>,
    t: Signal<Translation>,
    actions: Actions,
) -> impl IntoView {
    view! { <ErrorNotice failure=Signal::stored(failure) t on_retry=actions.retry/> }
}

/// The page for one `Screen` value.
#[component]
pub fn ScreenPage(
    /// What to show.
    screen: Screen,
    /// The provider the user signed in with last time (its button gets a "Last used" badge).
    #[prop(into, optional)]
    last_used: Signal<Option<String>>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// What the buttons do.
    actions: Actions,
) -> impl IntoView {
    match screen {
        Screen::Loading => view! { <LoadingPage t/> }.into_any(),
        Screen::ChooseProvider {
            flow,
            providers,
            pending,
            notice,
        } => view! { <ChooseProviderPage flow providers pending notice last_used t actions/> }
            .into_any(),
        Screen::NoProviders { flow } => view! { <NoProvidersPage flow t/> }.into_any(),
        Screen::Redirecting {
            provider,
            flow,
            providers,
        } => view! { <RedirectingPage provider flow providers t/> }.into_any(),
        Screen::Exchanging => view! { <ExchangingPage t/> }.into_any(),
        Screen::SignedIn { user, signing_out } => {
            view! { <SignedInPage user signing_out t actions/> }.into_any()
        }
        Screen::Unsupported { state } => view! { <UnsupportedPage state t actions/> }.into_any(),
        Screen::Failed { failure } => view! { <FailedPage failure t actions/> }.into_any(),
    }
}

/// The whole element: `<section part="container">` (with `data-theme` and `lang`) around the page
/// for the current `Screen`.
#[component]
pub fn AuthView(
    /// What to show, reactively (usually [`Controller::screen`]).
    #[prop(into)]
    screen: Signal<Screen>,
    /// The provider the user signed in with last time (usually
    /// [`Controller::last_used_provider`]); its button gets a "Last used" badge.
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
    /// What the buttons do.
    actions: Actions,
) -> impl IntoView {
    view! {
        <section
            class="hanko-container"
            part="container"
            data-theme=move || theme.get().as_str()
            lang=move || Some(lang.get()).filter(|l| !l.is_empty())
        >
            {move || {
                let screen = screen.get();
                view! { <ScreenPage screen last_used t actions/> }
            }}
        </section>
    }
}
