//! `<hanko-auth>`, `<hanko-login>` and `<hanko-registration>`: the custom elements.
//!
//! Call `register` once (from Rust, or `register(api, options)` from the JavaScript bundle) to
//! define the three elements; elements already in the page are upgraded at that moment. Every
//! element runs its own flow against the Hanko API; several may share a page, and all follow the
//! page's one session service ([`crate::session`]). `register` returns the `hanko` object
//! ([`hanko::Hanko`]).
//!
//! ```html
//! <hanko-auth lang="de" theme="dark"></hanko-auth>
//! <script type="module">
//!   import { register } from "./pkg/hanko_elements.js";
//!   const { hanko } = await register("https://auth.example.com", { fallbackLanguage: "en" });
//! </script>
//! ```
//!
//! # Elements
//!
//! | tag | flow |
//! |---|---|
//! | `<hanko-auth>` | `login`, or the `mode` attribute |
//! | `<hanko-login>` | always `login` |
//! | `<hanko-registration>` | always `registration` |
//! | `<hanko-events>` | none: no view; relays the page's session events onto itself (below) |
//!
//! # Attributes
//!
//! | attribute | values | effect |
//! |---|---|---|
//! | `lang` | a language tag (`en`, `de`, `fr`, `es`, `it`, `nl`, `pt-BR`, `pl`, `ja`, `zh`, or any tag with custom `translations`) | language of the view and of `X-Language`; re-translates live. Unknown → `fallbackLanguage` |
//! | `mode` | `login` \| `registration` | `<hanko-auth>` only; anything else means `login`. A change restarts the flow |
//! | `api` | URL | overrides the API URL given to `register`; a change starts over |
//! | `theme` | `light` \| `dark` | colour scheme; absent or unknown: follow `prefers-color-scheme` |
//! | `prefilled-email` | an email address | the first screen's email (or email-or-username) input starts with it |
//! | `prefilled-username` | a username | the first screen's username input starts with it |
//!
//! # Events
//!
//! Dispatched on `document` (same names and details as hanko-elements):
//!
//! | event | `detail` |
//! |---|---|
//! | `hanko-session-created` | `{ claims, expirationSeconds }` (milliseconds, despite the name, as hanko-elements) |
//! | `hanko-user-logged-out` | `null` |
//! | `hanko-session-expired` | `null` |
//! | `hanko-flow-error` | `{ code, description, provider, kind, aadsts, correlationId, traceId }` |
//!
//! Dispatched on the element itself (`composed: true`), with the same details:
//! `onSessionCreated`, `onUserLoggedOut`, `onSessionExpired`, `onFlowError`. `<hanko-events>`
//! dispatches `onSessionCreated`, `onSessionExpired`, `onUserLoggedOut` and `onUserDeleted` for
//! every such event on the page, as in hanko-elements.
//!
//! # Styling
//!
//! CSS custom properties set on the element or an ancestor reach into the shadow root, and
//! `::part()` reaches its pieces. The README's "Styling" section lists every property with its
//! light and dark defaults and what it styles (a test in the demo crate holds that table to the
//! stylesheet), and every part.
//!
//! ```css
//! hanko-auth { --brand-color: #0f6cbd; }
//! hanko-auth::part(container) { box-shadow: 0 1px 4px #0002; }
//! ```
//!
//! The "Sign in with Microsoft" button keeps Microsoft's colours in both schemes (branding rules).
//!
//! # Inside
//!
//! Each connected element gets an isolated reactive root (`Owner::new_root`), so a host Leptos app
//! that renders `<hanko-auth>` neither leaks its context in nor tears the view down. Moving an
//! element keeps its view; removing it unmounts after the current task.

pub mod attributes;
pub mod options;

#[cfg(target_arch = "wasm32")]
pub(crate) mod component;
#[cfg(target_arch = "wasm32")]
pub mod hanko;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod hanko_auth;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod hooks;

#[cfg(target_arch = "wasm32")]
mod instances;
#[cfg(target_arch = "wasm32")]
mod shim;

#[cfg(target_arch = "wasm32")]
pub use instances::is_mounted;

#[cfg(target_arch = "wasm32")]
pub use wasm::{register, register_js};

/// What `register` was last called with.
#[cfg(target_arch = "wasm32")]
pub(crate) struct Registration {
    /// The Hanko API URL.
    pub(crate) api: String,
    /// The options.
    pub(crate) options: options::RegisterOptions,
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use web_sys::HtmlElement;

    use super::attributes::OBSERVED;
    use super::hanko::Hanko;
    use super::options::RegisterOptions;
    use super::{instances, shim, Registration};
    use crate::session::page::PageSession;

    /// The tags [`register`] defines with a view.
    const TAGS: [&str; 3] = ["hanko-auth", "hanko-login", "hanko-registration"];

    /// The tag of the event relay element, which [`register`] defines too.
    const EVENTS_TAG: &str = "hanko-events";

    thread_local! {
        static REGISTRATION: RefCell<Option<Rc<Registration>>> = const { RefCell::new(None) };
        static PAGE_SESSION: RefCell<Option<PageSession>> = const { RefCell::new(None) };
    }

    fn current() -> Rc<Registration> {
        REGISTRATION
            .with(|r| r.borrow().clone())
            .unwrap_or_else(|| {
                Rc::new(Registration {
                    api: String::new(),
                    options: RegisterOptions::default(),
                })
            })
    }

    fn hooks() -> Result<js_sys::Object, JsValue> {
        let hooks = js_sys::Object::new();
        let connected = Closure::<dyn Fn(HtmlElement, u32)>::new(|el: HtmlElement, id: u32| {
            instances::connected(el, id, current())
        });
        let disconnected = Closure::<dyn Fn(HtmlElement, u32)>::new(instances::disconnected);
        let attribute_changed = Closure::<dyn Fn(HtmlElement, u32, String, Option<String>)>::new(
            |_el: HtmlElement, id: u32, name: String, value: Option<String>| {
                instances::attribute_changed(id, name, value)
            },
        );
        js_sys::Reflect::set(&hooks, &"connected".into(), &connected.into_js_value())?;
        js_sys::Reflect::set(
            &hooks,
            &"disconnected".into(),
            &disconnected.into_js_value(),
        )?;
        js_sys::Reflect::set(
            &hooks,
            &"attributeChanged".into(),
            &attribute_changed.into_js_value(),
        )?;
        Ok(hooks)
    }

    /// Defines `<hanko-auth>`, `<hanko-login>` and `<hanko-registration>` talking to the Hanko API
    /// at `api`. Elements already in the page are upgraded now.
    ///
    /// Starts the page's session service ([`PageSession`]: polling, the tabs' channel, session
    /// events) and returns the `hanko` object on it.
    ///
    /// Calling it again replaces the API URL and options for elements connected from then on, and
    /// the session service; tags that are already defined (by an earlier call or another bundle)
    /// are left alone, as is `options.shadow` for them.
    ///
    /// ```ignore
    /// let hanko = hanko_elements::register("https://auth.example.com", RegisterOptions::default())?;
    /// ```
    pub fn register(api: &str, options: RegisterOptions) -> Result<Hanko, JsValue> {
        let shadow = options.shadow;
        let session = PageSession::start(api.trim(), &options);
        if let Some(previous) = PAGE_SESSION.with(|s| s.replace(Some(session.clone()))) {
            previous.stop();
        }
        let hanko = Hanko::new(session);
        REGISTRATION.with(|r| {
            *r.borrow_mut() = Some(Rc::new(Registration {
                api: api.trim().to_owned(),
                options,
            }))
        });
        shim::hanko_define_events(EVENTS_TAG)?;
        let observed: js_sys::Array = OBSERVED.iter().map(|n| JsValue::from_str(n)).collect();
        if TAGS.iter().all(|tag| {
            web_sys::window().is_some_and(|w| !w.custom_elements().get(tag).is_undefined())
        }) {
            return Ok(hanko);
        }
        let hooks = hooks()?;
        for tag in TAGS {
            shim::hanko_define(tag, observed.clone(), shadow, &hooks)?;
        }
        Ok(hanko)
    }

    /// [`register`] with the options given as a JavaScript object (as hanko-elements'
    /// `register(api, options)`): `undefined` / `null` mean the defaults; unknown keys are
    /// ignored; a value of the wrong type is an `Err` with a readable message.
    pub fn register_js(api: &str, options: &JsValue) -> Result<Hanko, JsValue> {
        let options = if options.is_undefined() || options.is_null() {
            RegisterOptions::default()
        } else {
            let json = js_sys::JSON::stringify(options).map_err(|_| {
                JsValue::from_str("hanko-elements: register options must be a plain object")
            })?;
            RegisterOptions::from_json(&String::from(json))
                .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?
        };
        register(api, options)
    }
}
