//! hanko-elements for Rust: Hanko authentication elements written in Rust and Leptos.
//!
//! Two ways in:
//!
//! - **Any web page**: the `<hanko-auth>` custom element (plus `<hanko-login>` and
//!   `<hanko-registration>`), defined by `register` (Rust) or by the standalone JavaScript bundle's
//!   `register(api, options)`. Attributes, events, CSS parts and custom properties: see
//!   [`element`].
//! - **A Leptos 0.8 client-side app**: the `HankoAuth` component.
//!
//! Both run Hanko's Flow API and offer "Sign in with Microsoft" (and any other third-party
//! provider the Hanko backend has enabled), drawn as Microsoft's branding guidelines require.
//!
//! Layout: protocol types in [`api`], the pure flow state machine in [`flow`], failures in
//! [`errors`], strings in [`i18n`], URL handling in [`url`]; the browser parts are
//! `controller` (the driver), `components`, `pages` and [`element`] (the browser-only modules
//! are compiled for `wasm32` only).

#![warn(missing_docs)]

pub mod api;
#[cfg(target_arch = "wasm32")]
mod auth;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod controller;
pub mod element;
pub mod errors;
pub mod flow;
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod pages;
pub mod url;

#[cfg(target_arch = "wasm32")]
pub use auth::{HankoAuth, SessionCreated};
pub use element::attributes::Theme;
pub use element::options::{OptionsError, RegisterOptions, SessionTokenLocation};
#[cfg(target_arch = "wasm32")]
pub use element::{register, register_js};
