//! The Hanko protocol layer: serde types for the Flow API and session endpoints ([`types`], pure),
//! the header-mode session token ([`token`]), the HTTP client (`client`, browser only) and the
//! sharing of requests under way (`in_flight`, browser only). No Leptos.

#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub(crate) mod in_flight;
pub mod token;
pub mod types;
