//! The `<button>` every provider button is built on: press-once guard, busy state, label, badge.

use leptos::prelude::*;

use super::press_guard::PressGuard;
use super::{LastUsedBadge, Spinner};

/// A provider button's frame: `<button type="button" data-action="thirdparty_oauth"
/// data-provider="<id>" part="button secondary-button">` holding the icon (`children`), the label, the optional "Last used" badge
/// and, while busy, a spinner at the right end. While busy it carries `aria-busy="true"` and
/// `disabled`; it reacts to the first press only (see `PressGuard`).
#[component]
pub(crate) fn ProviderButtonFrame(
    /// The provider id (`data-provider`).
    #[prop(into)]
    id: String,
    /// The variant's class next to `hanko-button`, e.g. `hanko-button-microsoft`.
    variant: &'static str,
    /// The full label.
    label: Signal<String>,
    /// Called when the user presses the button.
    on_press: Callback<()>,
    /// The sign-in with this provider is under way.
    busy: Signal<bool>,
    /// Another action is under way; the button cannot be pressed.
    disabled: Signal<bool>,
    /// The "Last used" badge text, or `None`.
    badge: Signal<Option<String>>,
    /// The icon before the label.
    children: Children,
) -> impl IntoView {
    let guard = PressGuard::new(busy, disabled);
    view! {
        <button
            type="button"
            class=format!("hanko-button {variant}")
            part="button secondary-button"
            data-action="thirdparty_oauth"
            data-provider=id
            aria-busy=move || guard.is_busy().then_some("true")
            disabled=move || guard.is_disabled()
            on:click=move |_| guard.press(on_press)
        >
            {children()}
            <span class="hanko-button-label">{label}</span>
            <LastUsedBadge text=badge/>
            {move || guard.is_busy().then(|| view! { <Spinner/> })}
        </button>
    }
}
