//! Well-known places in the repository.

use std::path::{Path, PathBuf};

/// The repository root (the static servers serve it, so `/pkg/…`, `/examples/…` and
/// `/e2e/fixtures/…` are reachable).
pub fn repo_root() -> PathBuf {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR"));
    e2e.parent().unwrap_or(e2e).to_path_buf()
}

/// Where failing tests leave screenshots and page dumps: `target/e2e-artifacts/` (git-ignored).
pub fn artifacts_dir() -> PathBuf {
    repo_root().join("target").join("e2e-artifacts")
}

/// The directory served as `/pkg/`: `HANKO_E2E_PKG` if set (e.g. a debug build of the bundle),
/// else `pkg/` in the repository.
pub fn bundle_dir() -> PathBuf {
    std::env::var_os("HANKO_E2E_PKG")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("pkg"))
}

/// Fails with build instructions unless the standalone bundle `pkg/hanko_elements.js` (or
/// `$HANKO_E2E_PKG/hanko_elements.js`) exists.
pub fn require_bundle() -> anyhow::Result<()> {
    let bundle = bundle_dir().join("hanko_elements.js");
    if bundle.is_file() {
        return Ok(());
    }
    anyhow::bail!(
        "the standalone bundle {} is missing; build it first:\n  \
         cargo build --release --target wasm32-unknown-unknown -p hanko-elements-bundle\n  \
         wasm-bindgen --target web --out-dir pkg --out-name hanko_elements \
         <target dir>/wasm32-unknown-unknown/release/hanko_elements_bundle.wasm",
        bundle.display()
    )
}

/// The server-rendered Leptos example as `scripts/build-ssr-example.sh` builds it: the server
/// binary and the site folder it serves (the browser build in `pkg/`), under `CARGO_TARGET_DIR`
/// or `target/`. Fails with the build command when either is missing.
pub fn require_ssr_example() -> anyhow::Result<(PathBuf, PathBuf)> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"));
    let server = target.join("debug").join("hanko-ssr-example");
    let site = target.join("ssr-example");
    if server.is_file() && site.join("pkg").join("hanko_ssr_example.js").is_file() {
        return Ok((server, site));
    }
    anyhow::bail!(
        "the SSR example is not built ({} and {}/pkg); build it first: scripts/build-ssr-example.sh",
        server.display(),
        site.display()
    )
}
