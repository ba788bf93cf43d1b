//! "Sign in with Microsoft", drawn as Microsoft's branding guidelines require.

use leptos::prelude::*;

use super::button_frame::ProviderButtonFrame;

/// Microsoft's four-square logo as inline SVG: 21 × 21 px, four 9 × 9 px squares with a 1 px gap,
/// top-left red `#F25022`, top-right green `#7FBA00`, bottom-left blue `#00A4EF`, bottom-right
/// yellow `#FFB900`. Never recoloured, re-arranged or greyed out (also not on a disabled button).
#[component]
pub fn MicrosoftLogo() -> impl IntoView {
    view! {
        <svg
            class="hanko-microsoft-logo"
            xmlns="http://www.w3.org/2000/svg"
            width="21"
            height="21"
            viewBox="0 0 21 21"
            aria-hidden="true"
            focusable="false"
        >
            <rect x="1" y="1" width="9" height="9" fill="#F25022"></rect>
            <rect x="11" y="1" width="9" height="9" fill="#7FBA00"></rect>
            <rect x="1" y="11" width="9" height="9" fill="#00A4EF"></rect>
            <rect x="11" y="11" width="9" height="9" fill="#FFB900"></rect>
        </svg>
    }
}

/// The "Sign in with Microsoft" button.
///
/// Light: white background, 1 px `#8C8C8C` border, `#5E5E5E` text; dark: `#2F2F2F` background,
/// white text; Segoe UI semibold 15 px; the logo 12 px from the reading-start edge (the right one in
/// a right-to-left language). While busy it carries `aria-busy="true"` and `disabled` and shows a
/// small spinner at the reading-end side, clear of the logo.
/// It reacts to the first press only (see the crate's provider-button rules).
///
/// Rendered as `<button type="button" data-provider="microsoft" part="button secondary-button">`.
///
/// ```ignore
/// view! {
///     <MicrosoftButton
///         label="Sign in with Microsoft"
///         on_press=Callback::new(move |()| controller.choose_provider("microsoft"))
///     />
/// }
/// ```
#[component]
pub fn MicrosoftButton(
    /// The label: "Sign in with Microsoft", or "Sign up with Microsoft" in registration mode.
    #[prop(into)]
    label: Signal<String>,
    /// Called when the user presses the button (once until `busy` turns back to `false`).
    on_press: Callback<()>,
    /// The sign-in with Microsoft is under way.
    #[prop(into, optional)]
    busy: Signal<bool>,
    /// Another action is under way; the button cannot be pressed (the logo keeps its colours).
    #[prop(into, optional)]
    disabled: Signal<bool>,
    /// The "Last used" badge text after the label, or `None` (the default) for no badge.
    #[prop(into, optional)]
    badge: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <ProviderButtonFrame
            id="microsoft"
            variant="hanko-button-microsoft"
            label
            on_press
            busy
            disabled
            badge
        >
            <MicrosoftLogo/>
        </ProviderButtonFrame>
    }
}
