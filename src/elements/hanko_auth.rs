//! [`HankoAuth`], the Leptos component: sign in with Hanko inside a Leptos 0.8 app, rendered in the
//! browser (`csr`) or on the server and hydrated (`ssr` + `hydrate`).
//!
//! On the server (this crate's `ssr` feature) it draws a neutral placeholder,
//! `<div class="hanko-placeholder" data-screen="placeholder" aria-busy="true">`, with nothing to
//! click: no flow runs on the server, and no state the browser would have to agree with. In the
//! browser it draws the same placeholder first, so that hydration finds what the server sent, and
//! replaces it with the live view (and starts the flow) as soon as it is mounted. A client-side
//! app sees the placeholder for no frame: the swap runs before the browser paints.

use leptos::prelude::*;

use super::options::RegisterOptions;
use crate::errors::Failure;
use crate::flow::model::{FlowName, Theme};
use crate::ui::overrides::Overrides;

/// What `on_session_created` receives (the detail of `hanko-session-created`).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionCreated {
    /// The session claims as sent by Hanko (`subject`, `email`, `expiration`, …).
    pub claims: serde_json::Value,
    /// Milliseconds until the session expires (the event's `expirationSeconds`, which holds
    /// milliseconds in hanko-elements too).
    pub expiration_millis: i64,
}

/// The `data-screen` of the placeholder drawn on the server and until the component is mounted.
pub const PLACEHOLDER_SCREEN: &str = "placeholder";

/// Sign in with Hanko (and Microsoft) inside any Leptos 0.8 app.
///
/// Renders the same view as `<hanko-auth>` directly into your app (no shadow root); the stylesheet
/// is added once to `document.adoptedStyleSheets` (all classes are `hanko-` prefixed; disable with
/// `options.inject_styles = false`). The flow starts when the component mounts. Your app enables
/// `leptos/csr`, or `leptos/hydrate` in the browser and this crate's `ssr` feature (which enables
/// `leptos/ssr`) on the server.
///
/// Rendered on the server, it is a placeholder (see the [module](self) documentation):
///
/// ```
/// # #[cfg(not(target_arch = "wasm32"))]
/// # fn main() {
/// use hanko_elements::{HankoAuth, SessionCreated};
/// use leptos::prelude::*;
///
/// #[component]
/// fn App() -> impl IntoView {
///     let (user, set_user) = signal(None::<String>);
///     view! {
///         <HankoAuth
///             api="https://auth.example.com"
///             lang="de"
///             on_session_created=Callback::new(move |s: SessionCreated| {
///                 set_user.set(s.claims["subject"].as_str().map(str::to_owned))
///             })
///         />
///         <p>{move || user.get()}</p>
///     }
/// }
///
/// let html = Owner::new().with(|| view! { <App/> }.to_html());
/// assert!(html.contains(r#"data-screen="placeholder""#), "{html}");
/// assert!(!html.contains("<button"), "nothing to click before the browser takes over");
/// # }
/// # #[cfg(target_arch = "wasm32")]
/// # fn main() {}
/// ```
#[component]
pub fn HankoAuth(
    /// Hanko API URL, e.g. `https://auth.example.com`. Changing it starts over with a new flow.
    #[prop(into)]
    api: Signal<String>,
    /// Login (default) or registration; changing it restarts the flow.
    #[prop(into, optional)]
    mode: Signal<FlowName>,
    /// Language tag (`de`, `pt-BR`, …); empty or absent = `options.fallback_language`.
    #[prop(into, optional)]
    lang: Signal<String>,
    /// Light, dark, or follow the system (default).
    #[prop(into, optional)]
    theme: Signal<Theme>,
    /// The same options as the element's `register` (translations, fallback language, storage key,
    /// token location, cookie settings, `inject_styles`; `shadow` does not apply).
    #[prop(optional)]
    options: Option<RegisterOptions>,
    /// Called after sign-in with the session claims.
    #[prop(optional)]
    on_session_created: Option<Callback<SessionCreated>>,
    /// Called when sign-in fails (the same failure the element reports in `hanko-flow-error`).
    #[prop(optional)]
    on_flow_error: Option<Callback<Failure>>,
    /// Called after the user signed out.
    #[prop(optional)]
    on_user_logged_out: Option<Callback<()>>,
    /// Called when the session has ended.
    #[prop(optional)]
    on_session_expired: Option<Callback<()>>,
    /// Bodies of your own for some flow states, by state name (see [`Overrides`]).
    #[prop(optional)]
    overrides: Overrides,
    /// The email the first screen's email input starts with (`prefilled-email`); empty = none.
    #[prop(into, optional)]
    prefilled_email: Signal<String>,
    /// The username the first screen's username input starts with (`prefilled-username`).
    #[prop(into, optional)]
    prefilled_username: Signal<String>,
) -> impl IntoView {
    let mounted = RwSignal::new(false);
    #[cfg(target_arch = "wasm32")]
    let live = {
        // Effects run in the browser only, after hydration and before the next paint.
        Effect::new(move |_| mounted.set(true));
        browser::live_view(browser::Props {
            api,
            mode,
            lang,
            theme,
            options: options.unwrap_or_default(),
            on_session_created,
            on_flow_error,
            on_user_logged_out,
            on_session_expired,
            overrides,
            prefilled_email,
            prefilled_username,
        })
    };
    #[cfg(not(target_arch = "wasm32"))]
    let live = {
        // The server draws no flow: nothing here ever sets `mounted`.
        let _ = (api, mode, lang, theme, options, overrides);
        let _ = (on_session_created, on_flow_error);
        let _ = (on_user_logged_out, on_session_expired);
        let _ = (prefilled_email, prefilled_username);
        || ().into_any()
    };
    move || {
        if mounted.get() {
            live()
        } else {
            placeholder()
        }
    }
}

/// The neutral placeholder: the same markup on the server and in the browser.
fn placeholder() -> AnyView {
    view! { <div class="hanko-placeholder" data-screen=PLACEHOLDER_SCREEN aria-busy="true"></div> }
        .into_any()
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::rc::Rc;

    use leptos::prelude::*;
    use send_wrapper::SendWrapper;

    use super::SessionCreated;
    use crate::controller::{EventSink, HankoEvent};
    use crate::elements::attributes::Attributes;
    use crate::elements::component::AuthRoot;
    use crate::elements::options::RegisterOptions;
    use crate::errors::Failure;
    use crate::flow::model::{FlowName, Theme};
    use crate::ui::components::stylesheet;
    use crate::ui::overrides::Overrides;

    /// [`super::HankoAuth`]'s props, as the browser's live view takes them.
    pub(super) struct Props {
        pub(super) api: Signal<String>,
        pub(super) mode: Signal<FlowName>,
        pub(super) lang: Signal<String>,
        pub(super) theme: Signal<Theme>,
        pub(super) options: RegisterOptions,
        pub(super) on_session_created: Option<Callback<SessionCreated>>,
        pub(super) on_flow_error: Option<Callback<Failure>>,
        pub(super) on_user_logged_out: Option<Callback<()>>,
        pub(super) on_session_expired: Option<Callback<()>>,
        pub(super) overrides: Overrides,
        pub(super) prefilled_email: Signal<String>,
        pub(super) prefilled_username: Signal<String>,
    }

    /// The live view: [`AuthRoot`] with events going to the callbacks, rebuilt when `api` changes.
    pub(super) fn live_view(props: Props) -> impl Fn() -> AnyView + Send + Sync + 'static {
        let options = Rc::new(props.options);
        let prefill = Signal::derive(move || {
            let mut attributes = Attributes::default();
            attributes.set("prefilled-email", Some(props.prefilled_email.get()));
            attributes.set("prefilled-username", Some(props.prefilled_username.get()));
            attributes.prefill()
        });
        let inject_styles = options.inject_styles;
        let callback: Rc<dyn Fn(&HankoEvent)> = Rc::new(move |event: &HankoEvent| match event {
            HankoEvent::SessionCreated {
                claims,
                expiration_millis,
            } => {
                if let Some(cb) = props.on_session_created {
                    cb.try_run(SessionCreated {
                        claims: claims.clone(),
                        expiration_millis: *expiration_millis,
                    });
                }
            }
            HankoEvent::UserLoggedOut => {
                if let Some(cb) = props.on_user_logged_out {
                    cb.try_run(());
                }
            }
            HankoEvent::SessionExpired => {
                if let Some(cb) = props.on_session_expired {
                    cb.try_run(());
                }
            }
            HankoEvent::FlowError(failure) => {
                if let Some(cb) = props.on_flow_error {
                    cb.try_run(failure.clone());
                }
            }
        });
        let setup = SendWrapper::new((options, callback, props.overrides));
        let api = Memo::new(move |_| props.api.get());
        let (mode, lang, theme) = (props.mode, props.lang, props.theme);
        move || {
            if inject_styles {
                stylesheet::adopt_into_document();
            }
            let (options, callback, overrides) = (*setup).clone();
            let events = EventSink::new(None).with_callback(callback);
            view! {
                <AuthRoot api=api.get() flow=mode lang theme options events overrides prefill/>
            }
            .into_any()
        }
    }
}
