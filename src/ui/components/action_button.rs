//! The button every action runs from, outside the provider buttons: a form's submit button, a
//! method to choose, a link-styled way around, and "Sign out".

use leptos::prelude::*;

use super::Spinner;

/// How an [`action_button`] looks, and whether it submits its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Look {
    /// `type="submit"`, `part="button primary-button"`: runs the form's action.
    Submit,
    /// `part="button primary-button"`.
    Primary,
    /// `part="button secondary-button"`.
    Secondary,
    /// `part="link"`, link-styled.
    Link,
}

impl Look {
    /// The `type`, `class` and `part` attributes.
    fn attributes(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Look::Submit => (
                "submit",
                "hanko-button hanko-button-primary",
                "button primary-button",
            ),
            Look::Primary => (
                "button",
                "hanko-button hanko-button-primary",
                "button primary-button",
            ),
            Look::Secondary => ("button", "hanko-button", "button secondary-button"),
            Look::Link => ("button", "hanko-link", "link"),
        }
    }
}

/// `<button data-action="<action>">` with its label; while `busy` it carries `aria-busy="true"`
/// and a spinner, while `disabled` it is disabled. A click calls `on_press` (`None` for a submit
/// button, whose form handles the submission). One function for every such button, so that the
/// bundle carries the code of one.
pub(crate) fn action_button(
    look: Look,
    action: String,
    label: Signal<String>,
    busy: Signal<bool>,
    disabled: Signal<bool>,
    on_press: Option<Callback<()>>,
) -> impl IntoView {
    let (kind, class, part) = look.attributes();
    view! {
        <button
            type=kind
            class=class
            part=part
            data-action=action
            aria-busy=move || busy.get().then_some("true")
            disabled=disabled
            on:click=move |_| {
                if let Some(press) = on_press {
                    press.run(());
                }
            }
        >
            <span class="hanko-button-label">{label}</span>
            {move || busy.get().then(|| view! { <Spinner/> })}
        </button>
    }
}
