//! What each flow state costs in the bundle (not a test). The generic renderer draws any state
//! without code of its own, so a state's cost is its strings: every `states.<state>.*` entry of
//! every built-in language (`src/i18n/<lang>.rs`), plus an override's code where it has one (the
//! `ui::overrides` row of the size breakdown). Prints, per state, the number of strings, their
//! bytes and the gzip -9 bytes of all of them together, largest first.
//!
//! Run: `cargo run -p hanko-e2e --bin state_costs [-- <i18n folder>]` (`scripts/bench.sh` does).

use anyhow::Context as _;
use flate2::write::GzEncoder;
use flate2::Compression;
use regex::Regex;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The strings of one state, over all languages.
#[derive(Debug, Default, PartialEq)]
struct StateStrings {
    /// How many `(key, text)` entries.
    entries: usize,
    /// The texts, one per line.
    texts: String,
}

/// `("states.<state>.<rest>", "<text>")` entries of a language file, grouped by state.
fn collect(source: &str, into: &mut BTreeMap<String, StateStrings>) -> anyhow::Result<()> {
    let entry = Regex::new(r#"\(\s*"states\.([a-z0-9_]+)\.[^"]*",\s*"((?:[^"\\]|\\.)*)"\s*\)"#)?;
    for found in entry.captures_iter(source) {
        let state = into.entry(found[1].to_owned()).or_default();
        state.entries += 1;
        state.texts.push_str(&found[2]);
        state.texts.push('\n');
    }
    Ok(())
}

/// gzip -9 bytes of `text`.
fn gzip_len(text: &str) -> anyhow::Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(text.as_bytes())?;
    Ok(encoder.finish()?.len())
}

/// The language files in `folder`: every `.rs` file but `mod.rs`, `keys.rs`, `file.rs` and `tests.rs`.
fn language_files(folder: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).with_context(|| format!("reading {folder:?}"))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.ends_with(".rs") && !["mod.rs", "keys.rs", "file.rs", "tests.rs"].contains(&name) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn main() -> anyhow::Result<()> {
    let folder = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/i18n"));
    let files = language_files(&folder)?;
    anyhow::ensure!(!files.is_empty(), "no language files in {folder:?}");
    let mut states = BTreeMap::new();
    for file in &files {
        let source = std::fs::read_to_string(file).with_context(|| format!("reading {file:?}"))?;
        collect(&source, &mut states)?;
    }
    let mut rows = states
        .iter()
        .map(|(name, strings)| Ok((name, strings, gzip_len(&strings.texts)?)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    println!();
    println!(
        "what each state's strings cost ({} languages; states.<state>.* only, gzip -9 of them together)",
        files.len()
    );
    println!(
        "  {:<40} {:>8} {:>10} {:>10}",
        "state", "strings", "raw", "gzip"
    );
    for (name, strings, gzip) in rows {
        println!(
            "  {:<40} {:>8} {:>8} B {:>8} B",
            name,
            strings.entries,
            strings.texts.len(),
            gzip
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_group_by_state_and_other_keys_are_left_out() -> anyhow::Result<()> {
        let source = r#"
            ("actions.skip", "Skip"),
            ("states.passcode_confirmation.headline", "Enter passcode"),
            ("states.passcode_confirmation.text", "We sent a \"code\"."),
            ("states.favourite_colour.headline", "Favourite colour"),
        "#;
        let mut states = BTreeMap::new();
        collect(source, &mut states)?;
        assert_eq!(states.len(), 2);
        assert_eq!(
            states["passcode_confirmation"],
            StateStrings {
                entries: 2,
                texts: "Enter passcode\nWe sent a \\\"code\\\".\n".to_owned(),
            }
        );
        assert_eq!(states["favourite_colour"].entries, 1);
        Ok(())
    }

    #[test]
    fn the_real_language_files_name_the_states_the_element_renders() -> anyhow::Result<()> {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/i18n");
        let files = language_files(&folder)?;
        assert!(files.len() >= 10, "language files: {files:?}");
        let mut states = BTreeMap::new();
        for file in &files {
            collect(&std::fs::read_to_string(file)?, &mut states)?;
        }
        for state in [
            "passcode_confirmation",
            "onboarding_email",
            "mfa_otp_secret_creation",
        ] {
            let strings = states
                .get(state)
                .with_context(|| format!("{state} missing"))?;
            assert!(strings.entries >= files.len(), "{state}: {strings:?}");
            assert!(gzip_len(&strings.texts)? > 0);
        }
        Ok(())
    }
}
