//! For Leptos apps: [`HankoProvider`] runs the page's session service (the one `register` runs
//! for plain pages: `session::page::PageSession`) and gives the components below it
//! [`use_session`], the session as a signal, and [`use_hanko`], the client (sign out, the
//! user, the session token). Every `HankoAuth` and `<hanko-auth>` on the page reports its
//! sign-in and sign-out on `document`, so the signal follows them, other tabs, and the expiry.
//!
//! Rendered on the server (the `ssr` feature) the session is [`SessionState::Checking`]: the
//! browser starts from the same state when it hydrates, then checks. There the client's calls
//! fail with [`SdkError::Technical`] (there is no browser session to ask about) and
//! [`Hanko::session_token`] is `None`.
//!
//! A protected route with `leptos_router` (`ProtectedRoute` takes the `Option<bool>` of
//! [`SessionState::is_signed_in`]: `None` while the first check runs):
//!
//! ```
//! # #[cfg(target_arch = "wasm32")]
//! # mod app {
//! use hanko_elements::elements::hooks::{use_session, HankoProvider};
//! use hanko_elements::HankoAuth;
//! use leptos::prelude::*;
//! use leptos_router::components::{ProtectedRoute, Route, Router, Routes};
//! use leptos_router::path;
//!
//! const API: &str = "https://auth.example.com";
//!
//! #[component]
//! fn Account() -> impl IntoView {
//!     let session = use_session();
//!     view! { <p>"Signed in as " {move || session.with(|s| s.email().map(str::to_owned))}</p> }
//! }
//!
//! #[component]
//! pub fn App() -> impl IntoView {
//!     view! {
//!         <HankoProvider api=API>
//!             <Router>
//!                 <Routes fallback=|| "Not found">
//!                     <Route path=path!("/login") view=|| view! { <HankoAuth api=API/> }/>
//!                     <ProtectedRoute
//!                         path=path!("/account")
//!                         condition=move || use_session().with(|s| s.is_signed_in())
//!                         redirect_path=|| "/login"
//!                         view=Account
//!                     />
//!                 </Routes>
//!             </Router>
//!         </HankoProvider>
//!     }
//! }
//! # }
//! # fn main() {}
//! ```

use leptos::prelude::*;
use serde_json::Value;

use super::options::RegisterOptions;
use crate::session::{SdkError, SessionState};

/// The client of [`use_hanko`]: the page session service's methods, as `hanko` has them in
/// hanko-elements.
#[derive(Clone)]
pub struct Hanko {
    #[cfg(target_arch = "wasm32")]
    page: send_wrapper::SendWrapper<crate::session::page::PageSession>,
}

#[cfg(target_arch = "wasm32")]
impl Hanko {
    /// `POST /logout`; the session signal turns signed out once the server confirmed it.
    pub async fn logout(&self) -> Result<(), SdkError> {
        self.page.logout().await
    }

    /// `GET /me`: the signed-in user's id and emails (`hanko.getCurrentUser()`).
    pub async fn current_user(&self) -> Result<Value, SdkError> {
        self.page.current_user().await
    }

    /// `GET /sessions/validate`, as sent (`hanko.validateSession()`).
    pub async fn validate_session(&self) -> Result<Value, SdkError> {
        self.page.validate().await
    }

    /// The session token in header mode (`hanko.getSessionToken()`).
    pub fn session_token(&self) -> Option<String> {
        self.page.session_token()
    }
}

/// On the server there is no browser session: every call fails with [`SdkError::Technical`].
#[cfg(not(target_arch = "wasm32"))]
impl Hanko {
    /// `POST /logout`; the session signal turns signed out once the server confirmed it.
    pub async fn logout(&self) -> Result<(), SdkError> {
        Err(SdkError::Technical)
    }

    /// `GET /me`: the signed-in user's id and emails (`hanko.getCurrentUser()`).
    pub async fn current_user(&self) -> Result<Value, SdkError> {
        Err(SdkError::Technical)
    }

    /// `GET /sessions/validate`, as sent (`hanko.validateSession()`).
    pub async fn validate_session(&self) -> Result<Value, SdkError> {
        Err(SdkError::Technical)
    }

    /// The session token in header mode (`hanko.getSessionToken()`).
    pub fn session_token(&self) -> Option<String> {
        None
    }
}

/// What [`HankoProvider`] puts in context.
#[derive(Clone)]
struct HankoContext {
    session: RwSignal<SessionState>,
    hanko: Hanko,
}

/// Runs the page's session service for the Hanko API at `api` while it is mounted, checks the
/// session once, and provides [`use_session`] and [`use_hanko`] to its children. Use one per
/// page, around everything that needs the session (and around your `HankoAuth`s). On the server
/// it provides [`SessionState::Checking`] and runs nothing.
#[component]
pub fn HankoProvider(
    /// Hanko API URL, the same your `HankoAuth` components use.
    #[prop(into)]
    api: String,
    /// The same options as `register` (storage key, token location, check interval, …).
    #[prop(optional)]
    options: Option<RegisterOptions>,
    /// The app.
    children: Children,
) -> impl IntoView {
    let session = RwSignal::new(SessionState::Checking);
    #[cfg(target_arch = "wasm32")]
    let hanko = browser::start(&api, &options.unwrap_or_default(), session);
    #[cfg(not(target_arch = "wasm32"))]
    let hanko = {
        let _ = (api, options);
        Hanko {}
    };
    provide_context(HankoContext { session, hanko });
    children()
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;
    use std::rc::Rc;

    use leptos::prelude::*;
    use send_wrapper::SendWrapper;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    use super::Hanko;
    use crate::elements::options::RegisterOptions;
    use crate::session::events::event_claims;
    use crate::session::page::PageSession;
    use crate::session::SessionState;

    /// The listeners the provider added to `document`, removed when it is disposed.
    type Listeners = Vec<(&'static str, Closure<dyn FnMut(web_sys::Event)>)>;

    /// Starts the page's session service, keeps `session` in step with it, and stops both when
    /// the provider is disposed.
    pub(super) fn start(
        api: &str,
        options: &RegisterOptions,
        session: RwSignal<SessionState>,
    ) -> Hanko {
        let page = PageSession::start(api, options);
        let listeners = Rc::new(RefCell::new(Listeners::new()));
        follow_page_events(session, &page, &listeners);
        check(session, page.clone());
        let cleanup = SendWrapper::new((page.clone(), listeners));
        on_cleanup(move || {
            let (page, listeners) = cleanup.take();
            page.stop();
            let document = web_sys::window().and_then(|w| w.document());
            for (name, callback) in listeners.borrow_mut().drain(..) {
                if let Some(document) = &document {
                    let _ = document.remove_event_listener_with_callback(
                        name,
                        callback.as_ref().unchecked_ref(),
                    );
                }
            }
        });
        Hanko {
            page: SendWrapper::new(page),
        }
    }

    /// Asks the server (`GET /sessions/validate`) and sets `session` from its answer; no usable
    /// answer changes nothing.
    fn check(session: RwSignal<SessionState>, page: PageSession) {
        leptos::task::spawn_local(async move {
            let answer = page.validate().await.ok();
            if let Some(state) = answer.as_ref().and_then(SessionState::from_answer) {
                session.try_set(state);
            }
        });
    }

    /// Keeps `session` in step with the session events on `document`. A reported sign-in is
    /// believed once the server confirms it (any script can dispatch the event); a sign-out or
    /// expiry is taken as it comes.
    fn follow_page_events(
        session: RwSignal<SessionState>,
        page: &PageSession,
        listeners: &Rc<RefCell<Listeners>>,
    ) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        for name in [
            "hanko-session-created",
            "hanko-user-logged-out",
            "hanko-session-expired",
        ] {
            let page = page.clone();
            let callback =
                Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                    if name != "hanko-session-created" {
                        session.try_set(SessionState::SignedOut);
                    } else if event_claims(&event).is_some() {
                        check(session, page.clone());
                    }
                });
            if document
                .add_event_listener_with_callback(name, callback.as_ref().unchecked_ref())
                .is_ok()
            {
                listeners.borrow_mut().push((name, callback));
            }
        }
    }
}

fn context() -> HankoContext {
    use_context::<HankoContext>()
        .expect("use_session() and use_hanko() need a <HankoProvider> around the component")
}

/// The session, reactively: [`SessionState::Checking`] until the first check answers, then
/// signed in (with the claims) or signed out, following every sign-in, sign-out and expiry on
/// the page and in the other tabs. Needs a [`HankoProvider`] above.
pub fn use_session() -> Signal<SessionState> {
    context().session.into()
}

/// The client: sign out, the current user, the session token. Needs a [`HankoProvider`] above.
pub fn use_hanko() -> Hanko {
    context().hanko
}
