//! A failure that ended the flow.

use leptos::prelude::*;

use super::Actions;
use crate::errors::Failure;
use crate::i18n::Translation;

/// `data-screen="failed"`: the error notice for `failure`, with its recovery actions ("Try again",
/// "Use another account", …) wired to a fresh flow.
#[component]
pub fn FailedPage(
    /// What went wrong.
    failure: Failure,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// What the notice's buttons do.
    actions: Actions,
) -> impl IntoView {
    view! {
        <div class="hanko-screen" data-screen="failed">
            {super::notice_view(Some(failure), t, actions)}
        </div>
    }
}
