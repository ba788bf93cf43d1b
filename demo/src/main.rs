//! The demo page: `<hanko-auth>` against the dev backend (or a real Hanko API) with a live log of the
//! events the element emits, and a styling page (`#styling`) that sets each CSS custom property
//! live. Built and served by trunk (`scripts/demo.sh`).
//!
//! The API URL is, in order: the `api` query parameter, `HANKO_API_URL` at build time, or
//! `<page origin>/api` (trunk's proxy to the dev backend on 127.0.0.1:8000).

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(any(target_arch = "wasm32", test))]
mod properties;
#[cfg(target_arch = "wasm32")]
mod styling;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The demo runs in the browser: scripts/demo.sh (trunk serve) builds and serves it.");
}
