//! The flow state machine: plain Rust, no Leptos, no browser.
//!
//! [`screen::Screen`] is what the element shows; [`machine::next`] is the pure transition function
//! from a [`machine::State`] and an [`machine::Event`] to the next state plus the
//! [`machine::Effect`]s the browser driver (`crate::controller`) must carry out.
//! [`pkce`] makes PKCE code verifiers from random bytes.

pub mod machine;
pub mod pkce;
pub mod screen;
