//! The size budget (`size-budget.toml`, checked by `scripts/check-size.sh` in `scripts/test.sh`):
//! the check measures the bundle as `gzip -9` does, passes at exactly the measured size and fails,
//! naming both numbers, one byte below it.
//!
//! Run: `cargo test -p hanko-e2e --test size_budget` after building the bundle
//! (`scripts/build-bundle.sh`).

use anyhow::Context as _;
use hanko_e2e::{bundle_dir, repo_root, require_bundle};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `scripts/check-size.sh` on the bundle under test with the budget file `budget`.
fn check(budget: &Path) -> anyhow::Result<Output> {
    Command::new(repo_root().join("scripts/check-size.sh"))
        .arg("--budget-file")
        .arg(budget)
        .arg("--pkg")
        .arg(bundle_dir())
        .output()
        .context("running scripts/check-size.sh")
}

/// A budget file in `dir` whose `[bundle]` table allows `gzip_bytes` bytes.
fn budget_file(dir: &Path, gzip_bytes: u64) -> anyhow::Result<PathBuf> {
    let path = dir.join("size-budget.toml");
    std::fs::write(
        &path,
        format!("# a test budget\n[bundle]\ngzip_bytes = {gzip_bytes} # bytes\n\n[languages]\n"),
    )?;
    Ok(path)
}

/// `gzip -9` bytes of one file.
fn gzip_size(file: &Path) -> anyhow::Result<u64> {
    let output = Command::new("gzip")
        .arg("-9")
        .arg("-c")
        .arg(file)
        .output()?;
    anyhow::ensure!(output.status.success(), "gzip failed on {}", file.display());
    Ok(u64::try_from(output.stdout.len())?)
}

/// The JS files of the bundle: the glue and the snippets below `dir`.
fn js_files(dir: &Path, found: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            js_files(&path, found)?;
        } else if path.extension().is_some_and(|ext| ext == "js") {
            found.push(path);
        }
    }
    Ok(())
}

/// The bundle's size as the check must measure it, computed here on its own.
fn bundle_gzip_size() -> anyhow::Result<u64> {
    let pkg = bundle_dir();
    let mut files = vec![pkg.join("hanko_elements_bg.wasm")];
    js_files(&pkg, &mut files)?;
    anyhow::ensure!(files.len() >= 2, "no JS in {}", pkg.display());
    files.iter().map(|file| gzip_size(file)).sum()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fails_one_byte_below_the_measured_size_and_passes_at_it() -> anyhow::Result<()> {
    require_bundle()?;
    let size = bundle_gzip_size()?;
    anyhow::ensure!(size > 10_000, "an implausibly small bundle: {size} B");
    let dir = tempfile::tempdir()?;

    let at = check(&budget_file(dir.path(), size)?)?;
    anyhow::ensure!(
        at.status.success(),
        "a budget of exactly {size} B was refused: {}",
        text(&at.stderr)
    );
    let at_stdout = text(&at.stdout);
    anyhow::ensure!(
        at_stdout.contains(&format!("the bundle is {size} B gzip"))
            && at_stdout.contains("0 B left"),
        "the check measured another size than {size} B: {at_stdout}"
    );

    let below = check(&budget_file(dir.path(), size - 1)?)?;
    anyhow::ensure!(
        below.status.code() == Some(1),
        "a budget of {} B for a {size} B bundle did not fail: {:?} {}",
        size - 1,
        below.status,
        text(&below.stdout)
    );
    let message = text(&below.stderr);
    let expected = [
        format!("the bundle is {size} B gzip"),
        "1 B over the budget".to_owned(),
        format!("budget of {} B", size - 1),
    ];
    for part in &expected {
        anyhow::ensure!(message.contains(part), "{part:?} missing from {message:?}");
    }
    Ok(())
}

#[test]
fn the_bundle_is_within_the_repository_budget() -> anyhow::Result<()> {
    require_bundle()?;
    let run = check(&repo_root().join("size-budget.toml"))?;
    anyhow::ensure!(
        run.status.success(),
        "{}{}",
        text(&run.stdout),
        text(&run.stderr)
    );
    Ok(())
}

#[test]
fn a_budget_file_without_a_number_is_an_error() -> anyhow::Result<()> {
    require_bundle()?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("size-budget.toml");
    std::fs::write(&path, "[bundle]\ngzip_bytes = \"a lot\"\n")?;
    let run = check(&path)?;
    anyhow::ensure!(
        run.status.code() == Some(2) && text(&run.stderr).contains("gzip_bytes = <number>"),
        "a budget without a number was not reported: {:?} {}",
        run.status,
        text(&run.stderr)
    );
    Ok(())
}

/// The language files in the bundle's `i18n/` with their `gzip -9` sizes, largest first.
fn language_files() -> anyhow::Result<Vec<(String, u64)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(bundle_dir().join("i18n"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((name, gzip_size(&path)?));
        }
    }
    files.sort_by_key(|file| std::cmp::Reverse(file.1));
    Ok(files)
}

#[test]
fn a_language_file_over_the_language_budget_fails() -> anyhow::Result<()> {
    require_bundle()?;
    let files = language_files()?;
    anyhow::ensure!(
        files.len() == 19,
        "expected the 19 languages besides English in i18n/, found {files:?}"
    );
    let (largest, size) = files[0].clone();
    let size_of_bundle = bundle_gzip_size()?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("size-budget.toml");
    let write = |language_budget: u64| {
        std::fs::write(
            &path,
            format!("[bundle]\ngzip_bytes = {size_of_bundle}\n\n[languages]\ngzip_bytes = {language_budget}\n"),
        )
    };

    write(size)?;
    let at = check(&path)?;
    anyhow::ensure!(
        at.status.success()
            && text(&at.stdout).contains(&format!("i18n/{largest} at {size} B gzip")),
        "a language budget of exactly {size} B was refused: {}{}",
        text(&at.stdout),
        text(&at.stderr)
    );

    write(size - 1)?;
    let below = check(&path)?;
    let message = text(&below.stderr);
    anyhow::ensure!(
        below.status.code() == Some(1)
            && message.contains(&format!("i18n/{largest} is {size} B gzip, 1 B over")),
        "a language budget of {} B did not fail on {largest}: {:?} {message}",
        size - 1,
        below.status
    );
    Ok(())
}
