//! For Leptos apps: [`HankoProvider`] runs the page's session service (the one `register` runs
//! for plain pages: [`crate::session::page::PageSession`]) and gives the components below it
//! [`use_session`], the session as a signal, and [`use_hanko`], the client (sign out, the
//! user, the session token). Every `HankoAuth` and `<hanko-auth>` on the page reports its
//! sign-in and sign-out on `document`, so the signal follows them, other tabs, and the expiry.
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

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::options::RegisterOptions;
use crate::session::events::event_claims;
use crate::session::page::PageSession;
use crate::session::{SdkError, SessionState};

/// The client of [`use_hanko`]: the page session service's methods, as `hanko` has them in
/// hanko-elements.
#[derive(Clone)]
pub struct Hanko {
    page: SendWrapper<PageSession>,
}

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

/// What [`HankoProvider`] puts in context.
#[derive(Clone)]
struct HankoContext {
    session: RwSignal<SessionState>,
    hanko: Hanko,
}

/// The listeners the provider added to `document`, removed when it is disposed.
type Listeners = Vec<(&'static str, Closure<dyn FnMut(web_sys::Event)>)>;

/// Runs the page's session service for the Hanko API at `api` while it is mounted, checks the
/// session once, and provides [`use_session`] and [`use_hanko`] to its children. Use one per
/// page, around everything that needs the session (and around your `HankoAuth`s).
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
    let options = options.unwrap_or_default();
    let page = PageSession::start(&api, &options);
    let session = RwSignal::new(SessionState::Checking);
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
                let _ = document
                    .remove_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
            }
        }
    });
    provide_context(HankoContext {
        session,
        hanko: Hanko {
            page: SendWrapper::new(page),
        },
    });
    children()
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
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
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
