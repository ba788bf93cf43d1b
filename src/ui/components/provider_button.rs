//! The neutral button for any provider other than Microsoft.

use leptos::prelude::*;

use super::button_frame::ProviderButtonFrame;

/// A generic "person with key" icon for custom OIDC providers (`custom_*`).
#[component]
fn CustomProviderIcon() -> impl IntoView {
    view! {
        <svg
            class="hanko-button-icon"
            xmlns="http://www.w3.org/2000/svg"
            width="21"
            height="21"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
        >
            <circle cx="8" cy="15" r="4"></circle>
            <path d="M10.85 12.15 19 4"></path>
            <path d="m18 5 2 2"></path>
            <path d="m15 8 2 2"></path>
        </svg>
    }
}

/// A neutral provider button labelled with the provider's name ("Sign in with GitHub"); custom
/// providers (`custom_*`) get a generic key icon. Busy and press-once behaviour as
/// [`super::MicrosoftButton`].
///
/// Rendered as `<button type="button" data-provider="<id>" part="button secondary-button">`.
#[component]
pub fn ProviderButton(
    /// The provider id, e.g. `github` or `custom_acme` (becomes `data-provider`).
    #[prop(into)]
    id: String,
    /// The full label, e.g. "Sign in with GitHub".
    #[prop(into)]
    label: Signal<String>,
    /// Called when the user presses the button (once until `busy` turns back to `false`).
    on_press: Callback<()>,
    /// The sign-in with this provider is under way.
    #[prop(into, optional)]
    busy: Signal<bool>,
    /// Another action is under way; the button cannot be pressed.
    #[prop(into, optional)]
    disabled: Signal<bool>,
    /// The "Last used" badge text after the label, or `None` (the default) for no badge.
    #[prop(into, optional)]
    badge: Signal<Option<String>>,
) -> impl IntoView {
    let custom = id.starts_with("custom_");
    view! {
        <ProviderButtonFrame
            id
            variant="hanko-button-provider"
            label
            on_press
            busy
            disabled
            badge
        >
            {custom.then(|| view! { <CustomProviderIcon/> })}
        </ProviderButtonFrame>
    }
}

/// A readable name for a provider id when the backend's display name is not at hand (e.g. on the
/// redirecting screen): `microsoft` → `Microsoft`, `github` → `GitHub`, `custom_acme` → `acme`.
pub fn provider_display_name(id: &str) -> String {
    match id {
        "microsoft" => "Microsoft".to_owned(),
        "github" => "GitHub".to_owned(),
        "google" => "Google".to_owned(),
        "apple" => "Apple".to_owned(),
        "discord" => "Discord".to_owned(),
        "linkedin" => "LinkedIn".to_owned(),
        "facebook" => "Facebook".to_owned(),
        other => other.strip_prefix("custom_").unwrap_or(other).to_owned(),
    }
}
