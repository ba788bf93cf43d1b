//! Headline and paragraph building blocks with hanko-elements' part names.

use leptos::prelude::*;

/// The screen's main headline: `<h1 part="headline1">`.
#[component]
pub fn Headline(
    /// The headline text (rendered as text, never as HTML).
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    view! { <h1 class="hanko-headline1" part="headline1">{text}</h1> }
}

/// A live status line with a spinner: `role="status"`, `aria-live="polite"`, used while the element
/// waits (loading, redirecting, exchanging the token, signing out).
#[component]
pub fn Status(
    /// What is happening, e.g. "Signing you in…".
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    view! {
        <p class="hanko-status" part="paragraph" role="status" aria-live="polite" data-field="status">
            <super::Spinner large=true/>
            <span>{text}</span>
        </p>
    }
}
