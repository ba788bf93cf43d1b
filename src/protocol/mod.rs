//! The Hanko protocol layer: serde types for the Flow API and session endpoints ([`types`], pure),
//! the header-mode session token ([`token`]) and the HTTP client (`client`, browser only). No Leptos.

#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod token;
pub mod types;
