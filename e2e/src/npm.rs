//! The official `@teamhanko/hanko-elements`, installed from npm into `target/npm/` on demand.

use anyhow::Context as _;
use std::process::Command;
use std::sync::Mutex;

/// Serialises installs when several tests of one binary ask at once.
static INSTALL: Mutex<()> = Mutex::new(());

/// The pinned version the conformance test runs against.
pub const OFFICIAL_VERSION: &str = "2.7.0";

/// Installs `@teamhanko/hanko-elements@2.7.0` into `target/npm/` unless it is already there and
/// returns the server path of its ES module entry (`/target/npm/node_modules/…/dist/elements.js`).
pub fn official_elements() -> anyhow::Result<String> {
    let _installing = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let prefix = crate::repo_root().join("target").join("npm");
    let package = prefix.join("node_modules/@teamhanko/hanko-elements");
    if installed_version(&package).as_deref() != Some(OFFICIAL_VERSION) {
        std::fs::create_dir_all(&prefix)
            .with_context(|| format!("creating {}", prefix.display()))?;
        let status = Command::new("npm")
            .arg("install")
            .arg("--prefix")
            .arg(&prefix)
            .arg(format!("@teamhanko/hanko-elements@{OFFICIAL_VERSION}"))
            .args(["--no-save", "--no-audit", "--no-fund"])
            .status()
            .context(
                "the conformance test needs npm to install the official \
                 @teamhanko/hanko-elements (Debian: apt-get install npm)",
            )?;
        anyhow::ensure!(status.success(), "npm install failed ({status})");
    }
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

fn installed_version(package: &std::path::Path) -> Option<String> {
    let manifest = read_manifest(package).ok()?;
    Some(manifest.get("version")?.as_str()?.to_owned())
}

fn read_manifest(package: &std::path::Path) -> anyhow::Result<serde_json::Value> {
    let path = package.join("package.json");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}
