//! The signed-in view: who, and a way to sign out.

use leptos::prelude::*;

use super::Actions;
use crate::components::{Spinner, Status};
use crate::flow::screen::SignedInUser;
use crate::i18n::Translation;

/// Splits a template around its `{name}` placeholder: `("Signed in as ", "")` for
/// `"Signed in as {email}"`. `None` when the placeholder is missing.
pub(crate) fn split_placeholder<'a>(template: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    template.split_once(&format!("{{{name}}}"))
}

/// `data-screen="signed-in"`: "Signed in as {email}" (the address in `[data-field="email"]`) and
/// `button[data-action="sign-out"]`, busy while signing out.
#[component]
pub fn SignedInPage(
    /// The signed-in user.
    user: SignedInUser,
    /// `/logout` is running.
    #[prop(optional)]
    signing_out: bool,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// What the sign-out button does.
    actions: Actions,
) -> impl IntoView {
    let who = move || {
        let t = t.read();
        match (
            &user.email,
            split_placeholder(&t.texts.signed_in_as, "email"),
        ) {
            (Some(email), Some((before, after))) => view! {
                <p class="hanko-paragraph" part="paragraph" data-field="signed-in-as">
                    {before.to_owned()}
                    <span class="hanko-field" data-field="email">{email.clone()}</span>
                    {after.to_owned()}
                </p>
            }
            .into_any(),
            (Some(email), None) => view! {
                <p class="hanko-paragraph" part="paragraph" data-field="signed-in-as">
                    {t.texts.signed_in.clone()} " "
                    <span class="hanko-field" data-field="email">{email.clone()}</span>
                </p>
            }
            .into_any(),
            (None, _) => view! {
                <p class="hanko-paragraph" part="paragraph" data-field="signed-in-as">
                    {t.texts.signed_in.clone()}
                </p>
            }
            .into_any(),
        }
    };
    view! {
        <div class="hanko-screen" data-screen="signed-in">
            {who}
            <button
                type="button"
                class="hanko-button hanko-button-primary"
                part="button primary-button"
                data-action="sign-out"
                aria-busy=signing_out.then_some("true")
                disabled=signing_out
                on:click=move |_| actions.sign_out.run(())
            >
                <span class="hanko-button-label">{move || t.read().labels.sign_out.clone()}</span>
                {signing_out.then(|| view! { <Spinner/> })}
            </button>
            {signing_out.then(|| view! { <Status text=Signal::derive(move || t.read().texts.signing_out.clone())/> })}
        </div>
    }
}
