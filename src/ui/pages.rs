//! The pages: a flow state with a UI ([`FormPage`]), and the fixed screens (loading, working,
//! signed in, failed).

use leptos::prelude::*;

use super::components::{action_button, ErrorNotice, Headline, Look, Status};
use super::form::FormContext;
use super::overrides::Overrides;
use super::{translated, Actions};
use crate::errors::Failure;
use crate::flow::model::{Screen, Work};
use crate::flow::view::ViewModel;
use crate::i18n::Translation;

/// `data-screen="<state name>"`: the headline `states.<state>.headline`, the intro
/// `states.<state>.text` when it is translated, the error notice, and the body: the override
/// registered for the state, else the generic form; a visually hidden polite status
/// (`[data-field="busy-status"]`) says "Please wait…" while an action runs. The page itself stays while flow states
/// follow each other; only what changes is updated.
#[component]
pub fn FormPage(
    /// The view model of the state on screen.
    view: Memo<ViewModel>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// What the controls do.
    actions: Actions,
    /// The provider the user signed in with last time.
    #[prop(into)]
    last_used: Signal<Option<String>>,
    /// Bodies by state name.
    overrides: Overrides,
) -> impl IntoView {
    let state = Memo::new(move |_| view.with(|v| v.state.clone()));
    let headline = Signal::derive(move || view.with(|v| t.with(|t| t.text(&v.headline))));
    let intro = move || {
        view.with(|v| t.with(|t| t.get(&v.intro).map(str::to_owned)))
            .map(|text| view! { <p class="hanko-paragraph" part="paragraph">{text}</p> })
    };
    let notice = Signal::derive(move || view.with(|v| v.notice.clone()));
    let context = FormContext {
        view,
        t,
        submit: actions.submit,
        last_used,
    };
    let keys = overrides.clone();
    let body_key = Memo::new(move |_| keys.key(&state.get()));
    let body = move || match body_key.get() {
        Some(key) => overrides.render(&key, context),
        None => super::form::generic_body(context),
    };
    // Announced while an action runs (the busy button itself only says `aria-busy`); on the way
    // to a provider the visible "redirecting" status speaks instead. The region is always there,
    // so that screen readers notice its text change.
    let busy = move || {
        view.with(|v| v.busy && v.leaving.is_none())
            .then(|| t.read().text("texts.working"))
    };
    view! {
        <div class="hanko-screen" data-screen=move || state.get()>
            <Headline text=headline/>
            {intro}
            <ErrorNotice failure=notice t on_retry=actions.retry/>
            {body}
            <p class="hanko-visually-hidden" role="status" aria-live="polite" data-field="busy-status">
                {busy}
            </p>
        </div>
    }
}

/// `data-screen="loading"`: starting the flow or checking the session.
#[component]
pub fn LoadingPage(
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
) -> impl IntoView {
    view! {
        <div class="hanko-screen" data-screen="loading">
            <Status text=translated(t, "texts.loading")/>
        </div>
    }
}

/// `data-screen="exchanging"` (back from the provider, the token is being exchanged) or
/// `data-screen="passkey"` (the browser's passkey dialog is open).
#[component]
pub fn WorkingPage(
    /// What is under way.
    work: Work,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
) -> impl IntoView {
    let (screen, key) = match work {
        Work::Exchanging => ("exchanging", "texts.signing_in"),
        Work::Passkey => ("passkey", "texts.passkey_waiting"),
    };
    view! {
        <div class="hanko-screen" data-screen=screen>
            <Status text=translated(t, key)/>
        </div>
    }
}

/// Splits a template around its `{name}` placeholder: `("Signed in as ", "")` for
/// `"Signed in as {email}"`. `None` when the placeholder is missing.
fn split_placeholder<'a>(template: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    template.split_once(&format!("{{{name}}}"))
}

/// `data-screen="signed-in"`: "Signed in as {email}" (the address in `[data-field="email"]`),
/// why the last sign-out failed (the error notice, whose "Try again" signs out again) and
/// `button[data-action="sign-out"]`, busy while signing out.
#[component]
pub fn SignedInPage(
    /// The screen (a [`Screen::SignedIn`]).
    #[prop(into)]
    screen: Signal<Screen>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// What the sign-out button does.
    actions: Actions,
) -> impl IntoView {
    let email = move || {
        screen.with(|s| match s {
            Screen::SignedIn { user, .. } => user.email.clone(),
            _ => None,
        })
    };
    // Busy and disabled alike while signing out.
    let signing_out = Signal::derive(move || {
        screen.with(|s| {
            matches!(
                s,
                Screen::SignedIn {
                    signing_out: true,
                    ..
                }
            )
        })
    });
    let notice: Signal<Option<Failure>> = Signal::derive(move || {
        screen.with(|s| match s {
            Screen::SignedIn { notice, .. } => notice.clone(),
            _ => None,
        })
    });
    // "Signed in as {email}" with the address in its own element; "Signed in" (then the address,
    // if any) when the translation has no `{email}`.
    let who = move || {
        let email = email();
        let t = t.read();
        let template = t.text("texts.signed_in_as");
        let (before, after) = match (&email, split_placeholder(&template, "email")) {
            (Some(_), Some((before, after))) => (before.to_owned(), after.to_owned()),
            (Some(_), None) => (format!("{} ", t.text("texts.signed_in")), String::new()),
            (None, _) => (t.text("texts.signed_in"), String::new()),
        };
        let email = email.map(|email| {
            view! { <span class="hanko-field" data-field="email">{email}</span> }
        });
        view! {
            <p class="hanko-paragraph" part="paragraph" data-field="signed-in-as">
                {before}
                {email}
                {after}
            </p>
        }
    };
    view! {
        <div class="hanko-screen" data-screen="signed-in">
            {who}
            <ErrorNotice failure=notice t on_retry=actions.sign_out/>
            {action_button(
                Look::Primary,
                "sign-out".to_owned(),
                translated(t, "labels.sign_out"),
                signing_out,
                signing_out,
                Some(actions.sign_out),
            )}
            {move || {
                signing_out
                    .get()
                    .then(|| {
                        view! {
                            <Status text=translated(t, "texts.signing_out")/>
                        }
                    })
            }}
        </div>
    }
}

/// `data-screen="failed"`: the error notice with its recovery actions ("Try again", "Use another
/// account", …) wired to a fresh flow.
#[component]
pub fn FailedPage(
    /// The screen (a [`Screen::Failed`]).
    #[prop(into)]
    screen: Signal<Screen>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// What the notice's buttons do.
    actions: Actions,
) -> impl IntoView {
    let failure = Signal::derive(move || {
        screen.with(|s| match s {
            Screen::Failed { failure } => Some(failure.clone()),
            _ => None,
        })
    });
    view! {
        <div class="hanko-screen" data-screen="failed">
            <ErrorNotice failure t on_retry=actions.retry/>
        </div>
    }
}
