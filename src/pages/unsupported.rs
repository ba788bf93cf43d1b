//! A backend state this element does not implement.

use leptos::prelude::*;

use super::signed_in::split_placeholder;
use super::Actions;
use crate::i18n::Translation;

/// `data-screen="unsupported"`: names the backend state (in `[data-field="state"]`) and offers
/// `button[data-action="retry"]` to start again.
#[component]
pub fn UnsupportedPage(
    /// The backend's state name, e.g. `passcode_confirmation`.
    state: String,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// What "Try again" does.
    actions: Actions,
) -> impl IntoView {
    let state_attr = state.clone();
    let text = move || {
        let t = t.read();
        let (before, after) = split_placeholder(&t.texts.unsupported_step, "state")
            .unwrap_or((&t.texts.unsupported_step, ""));
        view! {
            {before.to_owned()}
            <code data-field="state">{state.clone()}</code>
            {after.to_owned()}
        }
    };
    view! {
        <div class="hanko-screen" data-screen="unsupported" data-state=state_attr>
            <p class="hanko-paragraph" part="paragraph">{text}</p>
            <button
                type="button"
                class="hanko-button"
                part="button secondary-button"
                data-action="retry"
                on:click=move |_| actions.retry.run(())
            >
                <span class="hanko-button-label">{move || t.read().labels.try_again.clone()}</span>
            </button>
        </div>
    }
}
