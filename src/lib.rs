//! hanko-elements for Rust: Hanko authentication elements written in Rust and Leptos.
//!
//! Two ways in:
//!
//! - **Any web page**: the `<hanko-auth>` custom element (plus `<hanko-login>` and
//!   `<hanko-registration>`), defined by `register` (Rust) or by the standalone JavaScript bundle's
//!   `register(api, options)`. Attributes, events, CSS parts and custom properties: see
//!   [`element`].
//! - **A Leptos 0.8 app**, rendered in the browser or on the server and hydrated: the `HankoAuth`
//!   component, and `HankoProvider` with the `use_session` / `use_hanko` hooks (server builds
//!   enable the `ssr` feature).
//!
//! Both run Hanko's Flow API and offer "Sign in with Microsoft" (and any other third-party
//! provider the Hanko backend has enabled), drawn as Microsoft's branding guidelines require.
//!
//! Layers, arrows pointing down only:
//!
//! ```text
//! elements/   the custom elements and the HankoAuth component (thin glue)      wasm32 (+ ssr)
//! controller/ the browser driver: runs the engine's effects, feeds events back  wasm32
//! session/    one per page: validation, polling, cross-tab channel, page events, the `hanko` object's calls
//! ui/         generic form renderer, overrides by state name, components       wasm32 (+ ssr)
//! flow/       engine, auto-steps, view model (pure Rust, host-tested)
//! protocol/   wire types and the HTTP client (the client is wasm32 only)
//! i18n/ errors/ url/   strings, failures, addresses (pure, host-tested)
//! ```

#![warn(missing_docs)]
// Leptos views nest deep types; an app that enables `leptos/hydrate` needs more than 128 levels.
#![recursion_limit = "256"]

#[cfg(target_arch = "wasm32")]
pub mod controller;
pub mod elements;
pub mod errors;
pub mod flow;
pub mod i18n;
pub mod protocol;
pub mod session;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod ui;
pub mod url;

/// The stylesheet minifier `build.rs` runs, tested here.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "../build/minify_css.rs"]
mod minify_css;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub use elements::hanko_auth::{HankoAuth, SessionCreated};
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub use elements::hooks::{use_hanko, use_session, HankoProvider};
pub use elements::options::{OptionsError, RegisterOptions, SessionTokenLocation};
#[cfg(target_arch = "wasm32")]
pub use elements::{register, register_js};
pub use flow::model::Theme;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub use ui::form::FormContext;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub use ui::overrides::Overrides;
