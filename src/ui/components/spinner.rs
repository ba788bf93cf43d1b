//! A small, purely decorative progress indicator.

use leptos::prelude::*;

/// A spinning ring (`.hanko-spinner`), hidden from assistive technology: the surrounding element
/// says what is happening (`aria-busy` on a button, or a live status text).
///
/// ```ignore
/// view! { <Spinner/> <Spinner large=true/> }
/// ```
#[component]
pub fn Spinner(
    /// The larger variant used on status screens (brand colour, 24 px).
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let class = if large {
        "hanko-spinner hanko-spinner-large"
    } else {
        "hanko-spinner"
    };
    view! { <span class=class data-part="spinner" aria-hidden="true"></span> }
}
