//! The flow layer: plain Rust, no Leptos, no browser; compiled and tested on the host.
//!
//! - [`engine`]: the pure transition function `next(state, event) -> (state, effects)`, with
//!   generic events and request ids that drop stale answers;
//! - [`auto`]: the states that need no UI (capabilities, provider redirect, session, WebAuthn);
//! - [`view`]: the pure view model of any state with a UI;
//! - [`model`]: what the element shows ([`model::Screen`]);
//! - [`pkce`] makes PKCE code verifiers from random bytes, [`webauthn`] converts WebAuthn data.

pub mod auto;
pub mod debug_log;
pub mod engine;
pub mod model;
pub mod pkce;
pub mod view;
pub mod webauthn;
