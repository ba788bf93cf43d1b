//! On the way to the provider.

use leptos::prelude::*;

use super::choose_provider::{flow_headline, ProviderList};
use crate::components::{provider_display_name, Headline, Status};
use crate::flow::screen::{FlowName, ProviderOption};
use crate::i18n::{fill, Translation};

/// `data-screen="redirecting"`: the browser is being sent to the provider. The buttons stay in
/// place, the chosen one busy and the others disabled (nothing can be pressed twice), and a live
/// status names the destination.
#[component]
pub fn RedirectingPage(
    /// Provider id, e.g. `microsoft`.
    provider: String,
    /// Login or registration.
    flow: FlowName,
    /// The providers that were offered.
    providers: Vec<ProviderOption>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
) -> impl IntoView {
    let name = providers
        .iter()
        .find(|p| p.id == provider)
        .map(|p| p.name.clone())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| provider_display_name(&provider));
    let providers = if providers.iter().any(|p| p.id == provider) {
        providers
    } else {
        vec![ProviderOption {
            id: provider.clone(),
            name: name.clone(),
        }]
    };
    let status = Signal::derive(move || fill(&t.read().texts.redirecting, &[("provider", &name)]));
    view! {
        <div class="hanko-screen" data-screen="redirecting">
            <Headline text=Signal::derive(move || flow_headline(&t.read(), flow))/>
            <ProviderList flow providers pending=Some(provider) t on_choose=Callback::new(|_| ())/>
            <Status text=status/>
        </div>
    }
}
