//! The npm packages the end-to-end tests use, installed into `target/npm/` on demand: the
//! official `@teamhanko/hanko-elements` (conformance), `axe-core` (accessibility checks), and
//! `typescript` with `@types/react` (the bundle's declarations).
//!
//! All are pinned and installed together by one `npm install`, so no install prunes another;
//! once all are present at their pinned versions nothing touches the network.

use anyhow::Context as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Serialises installs when several tests of one binary ask at once.
static INSTALL: Mutex<()> = Mutex::new(());

/// The pinned version the conformance test runs against.
pub const OFFICIAL_VERSION: &str = "2.7.0";

/// The pinned version of axe-core the accessibility checks run.
pub const AXE_VERSION: &str = "4.14.1";

/// The pinned TypeScript that checks the bundle's declarations (`tests/types.rs`).
pub const TYPESCRIPT_VERSION: &str = "5.9.3";

/// The pinned React typings the JSX declarations are checked with.
pub const REACT_TYPES_VERSION: &str = "19.3.2";

/// Every package installed into `target/npm/`, with its pinned version.
const PINNED: [(&str, &str); 4] = [
    ("@teamhanko/hanko-elements", OFFICIAL_VERSION),
    ("axe-core", AXE_VERSION),
    ("typescript", TYPESCRIPT_VERSION),
    ("@types/react", REACT_TYPES_VERSION),
];

/// Installs the pinned packages unless they are there and returns the server path of the official
/// element's ES module entry (`/target/npm/node_modules/…/dist/elements.js`).
pub fn official_elements() -> anyhow::Result<String> {
    let package = install_pinned()?.join("@teamhanko/hanko-elements");
    let manifest = read_manifest(&package)?;
    let entry = manifest
        .pointer("/exports/./import")
        .or_else(|| manifest.get("module"))
        .and_then(|entry| entry.as_str())
        .context("the package.json of @teamhanko/hanko-elements names no ES module entry")?;
    Ok(format!(
        "/target/npm/node_modules/@teamhanko/hanko-elements/{}",
        entry.trim_start_matches("./")
    ))
}

/// Installs the pinned packages unless they are there and returns the server path of axe-core's
/// browser script (`/target/npm/node_modules/axe-core/axe.min.js`).
pub fn axe_core() -> anyhow::Result<String> {
    let script = install_pinned()?.join("axe-core").join("axe.min.js");
    anyhow::ensure!(
        script.is_file(),
        "axe-core {AXE_VERSION} is installed but {} is missing",
        script.display()
    );
    Ok("/target/npm/node_modules/axe-core/axe.min.js".to_owned())
}

/// Runs `npm install` of every [`PINNED`] package when any of them is missing or at another
/// version; returns `target/npm/node_modules`.
/// Installs the pinned packages unless they are there; returns `target/npm/node_modules`.
pub fn node_modules() -> anyhow::Result<PathBuf> {
    install_pinned()
}

fn install_pinned() -> anyhow::Result<PathBuf> {
    let _installing = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let prefix = crate::repo_root().join("target").join("npm");
    let modules = prefix.join("node_modules");
    let complete = PINNED
        .iter()
        .all(|(name, version)| installed_version(&modules.join(name)).as_deref() == Some(*version));
    if !complete {
        std::fs::create_dir_all(&prefix)
            .with_context(|| format!("creating {}", prefix.display()))?;
        let status = Command::new("npm")
            .arg("install")
            .arg("--prefix")
            .arg(&prefix)
            .args(
                PINNED
                    .iter()
                    .map(|(name, version)| format!("{name}@{version}")),
            )
            .args(["--no-save", "--no-audit", "--no-fund"])
            .status()
            .context(
                "the end-to-end tests need npm to install @teamhanko/hanko-elements, axe-core, \
                 typescript and @types/react (Debian: apt-get install npm)",
            )?;
        anyhow::ensure!(status.success(), "npm install failed ({status})");
    }
    Ok(modules)
}

fn installed_version(package: &Path) -> Option<String> {
    let manifest = read_manifest(package).ok()?;
    Some(manifest.get("version")?.as_str()?.to_owned())
}

fn read_manifest(package: &Path) -> anyhow::Result<serde_json::Value> {
    let path = package.join("package.json");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}
