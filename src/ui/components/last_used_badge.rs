//! The "Last used" badge on the button of the provider the user signed in with last time.

use leptos::prelude::*;

/// A small pill after a provider button's label (`<span class="hanko-last-used" part="last-used">`),
/// rendered only while `text` is `Some`. It is part of the button's accessible name, after the
/// label ("Sign in with Microsoft Last used"), and takes its colour from the button's text.
///
/// ```ignore
/// view! { <LastUsedBadge text=Signal::derive(move || Some("Last used".to_owned()))/> }
/// ```
#[component]
pub fn LastUsedBadge(
    /// The badge text (`labels.last_used`), or `None` for no badge.
    #[prop(into)]
    text: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        text.get()
            .map(|text| view! { <span class="hanko-last-used" part="last-used">{text}</span> })
    }
}
