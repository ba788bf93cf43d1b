//! The login / registration start: one button per provider.

use leptos::prelude::*;

use super::Actions;
use crate::components::{Headline, MicrosoftButton, ProviderButton};
use crate::errors::Failure;
use crate::flow::screen::{FlowName, ProviderOption};
use crate::i18n::{fill, Translation};

/// The headline of a flow: "Sign in" or "Create account".
pub(crate) fn flow_headline(t: &Translation, flow: FlowName) -> String {
    match flow {
        FlowName::Login => t.headlines.sign_in.clone(),
        FlowName::Registration => t.headlines.create_account.clone(),
    }
}

/// The label of a provider's button in a flow ("Sign in with Microsoft", "Sign up with GitHub").
pub(crate) fn provider_label(t: &Translation, flow: FlowName, id: &str, name: &str) -> String {
    match (id, flow) {
        ("microsoft", FlowName::Login) => t.labels.sign_in_with_microsoft.clone(),
        ("microsoft", FlowName::Registration) => t.labels.sign_up_with_microsoft.clone(),
        (_, FlowName::Login) => fill(&t.labels.sign_in_with, &[("provider", name)]),
        (_, FlowName::Registration) => fill(&t.labels.sign_up_with, &[("provider", name)]),
    }
}

/// One provider's button: [`MicrosoftButton`] for `microsoft`, [`ProviderButton`] otherwise.
#[component]
pub fn ProviderChoice(
    /// Login or registration (picks the label).
    flow: FlowName,
    /// The provider.
    provider: ProviderOption,
    /// This provider's sign-in is under way.
    #[prop(optional)]
    busy: bool,
    /// Another provider's sign-in is under way.
    #[prop(optional)]
    disabled: bool,
    /// The user signed in with this provider last time (shows the "Last used" badge).
    #[prop(into, optional)]
    last_used: Signal<bool>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// Called with the provider id when pressed.
    on_choose: Callback<String>,
) -> impl IntoView {
    let ProviderOption { id, name } = provider;
    let label = {
        let id = id.clone();
        Signal::derive(move || provider_label(&t.read(), flow, &id, &name))
    };
    let badge = Signal::derive(move || last_used.get().then(|| t.read().labels.last_used.clone()));
    let chosen = id.clone();
    let on_press = Callback::new(move |()| on_choose.run(chosen.clone()));
    if id == "microsoft" {
        view! { <MicrosoftButton label on_press busy disabled badge/> }.into_any()
    } else {
        view! { <ProviderButton id label on_press busy disabled badge/> }.into_any()
    }
}

/// `data-screen="choose-provider"`: the headline, the error notice (a live region, empty unless
/// `notice` is set) and one button per provider in the backend's order; the button of the
/// `last_used` provider carries a "Last used" badge.
#[component]
pub fn ChooseProviderPage(
    /// Login or registration.
    flow: FlowName,
    /// The providers to offer.
    providers: Vec<ProviderOption>,
    /// The provider whose sign-in is under way (its button is busy, the others disabled).
    pending: Option<String>,
    /// A failure to show above the buttons.
    notice: Option<Failure>,
    /// The provider the user signed in with last time (see
    /// [`crate::controller::Controller::last_used_provider`]).
    #[prop(into, optional)]
    last_used: Signal<Option<String>>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// What the buttons do.
    actions: Actions,
) -> impl IntoView {
    view! {
        <div class="hanko-screen" data-screen="choose-provider">
            <Headline text=Signal::derive(move || flow_headline(&t.read(), flow))/>
            {super::notice_view(notice, t, actions)}
            <ProviderList flow providers pending last_used t on_choose=actions.choose_provider/>
        </div>
    }
}

/// The list of provider buttons (`ul > li[part="form-item"] > button`), in the backend's order.
/// While `pending` names a provider, its button is busy and the others are disabled; the button of
/// the `last_used` provider carries a "Last used" badge.
#[component]
pub fn ProviderList(
    /// Login or registration.
    flow: FlowName,
    /// The providers to offer.
    providers: Vec<ProviderOption>,
    /// The provider whose sign-in is under way.
    pending: Option<String>,
    /// The provider the user signed in with last time.
    #[prop(into, optional)]
    last_used: Signal<Option<String>>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// Called with the provider id when a button is pressed.
    on_choose: Callback<String>,
) -> impl IntoView {
    let buttons = providers
        .into_iter()
        .map(|provider| {
            let busy = pending.as_deref() == Some(provider.id.as_str());
            let disabled = pending.is_some() && !busy;
            let id = provider.id.clone();
            let last_used =
                Signal::derive(move || last_used.read().as_deref() == Some(id.as_str()));
            view! {
                <li class="hanko-form-item" part="form-item">
                    <ProviderChoice flow provider busy disabled last_used t on_choose/>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="hanko-form-list">{buttons}</ul> }
}

/// `data-screen="no-providers"`: the flow offers no third-party sign-in.
#[component]
pub fn NoProvidersPage(
    /// Login or registration.
    flow: FlowName,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
) -> impl IntoView {
    view! {
        <div class="hanko-screen" data-screen="no-providers">
            <Headline text=Signal::derive(move || flow_headline(&t.read(), flow))/>
            <p class="hanko-paragraph" part="paragraph">{move || t.read().texts.no_providers.clone()}</p>
        </div>
    }
}
