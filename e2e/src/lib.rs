//! End-to-end test harness for `<hanko-auth>`: headless Chromium driven over WebDriver
//! ([`fantoccini`]) against the in-process dev backend ([`hanko_devserver`]).
//!
//! Each test binary (`e2e/tests/*.rs`, `harness = false`) hands a list of async test functions to
//! [`run`]. The runner starts one `chromedriver` for the whole binary (lazily, on the first test
//! that asks for a browser), runs the tests with a small fixed parallelism (2 unless
//! `--test-threads` says otherwise) and gives every test a fresh [`Ctx`]: fresh browser sessions
//! with fresh profiles, its own static file servers and its own dev backend. When a test fails,
//! a screenshot and a text dump of every browser it opened land in `target/e2e-artifacts/`.
//! What the test files check on our element (selectors, addresses, the error notice and events)
//! lives in [`page`]; accessibility checks with axe-core in [`axe`]; keyboard-only use and focus
//! indicators in [`keyboard`].
//!
//! ```ignore
//! use hanko_e2e::{tests, Ctx};
//! use std::sync::Arc;
//!
//! async fn page_loads(ctx: Arc<Ctx>) -> anyhow::Result<()> {
//!     let site = ctx.serve_repo("127.0.0.1").await?;
//!     let browser = ctx.browser().await?;
//!     browser.goto(&site.url("/examples/plain-html/index.html")).await?;
//!     Ok(())
//! }
//!
//! fn main() {
//!     hanko_e2e::run(tests![page_loads]);
//! }
//! ```
//!
//! Environment: `CHROMEDRIVER` and `CHROMIUM` override the executables found on `PATH`;
//! `HANKO_E2E_PKG` serves another directory (e.g. a debug build of the bundle) as `/pkg/`.

#![warn(missing_docs)]

pub mod axe;
mod backend;
mod browser;
mod chromedriver;
pub mod flow_page;
pub mod keyboard;
mod npm;
pub mod official_page;
pub mod page;
mod paths;
mod runner;
mod static_files;
pub mod totp;
mod wait;
mod webauthn;

pub use backend::{header_mode, Backend};
pub use browser::{Browser, ShadowNode};
pub use npm::{
    axe_core, node_modules, official_elements, AXE_VERSION, OFFICIAL_VERSION, REACT_TYPES_VERSION,
    TYPESCRIPT_VERSION,
};
pub use paths::{artifacts_dir, bundle_dir, repo_root, require_bundle, require_ssr_example};
pub use runner::{run, Ctx, Test};
pub use static_files::StaticServer;
pub use wait::{wait_for, Probe, DEFAULT_TIMEOUT};
pub use webauthn::{Credential, Kind as AuthenticatorKind, VirtualAuthenticator};
