//! The waiting screens: loading, exchanging the token.

use leptos::prelude::*;

use crate::components::Status;
use crate::i18n::Translation;

/// `data-screen="loading"`: starting the flow or checking the session.
#[component]
pub fn LoadingPage(
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
) -> impl IntoView {
    view! {
        <div class="hanko-screen" data-screen="loading">
            <Status text=Signal::derive(move || t.read().texts.loading.clone())/>
        </div>
    }
}

/// `data-screen="exchanging"`: back from the provider, the one-time token is being exchanged.
#[component]
pub fn ExchangingPage(
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
) -> impl IntoView {
    view! {
        <div class="hanko-screen" data-screen="exchanging">
            <Status text=Signal::derive(move || t.read().texts.signing_in.clone())/>
        </div>
    }
}
