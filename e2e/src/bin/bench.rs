//! Benchmark (not a test): time from navigation to a clickable "Microsoft" button, for our
//! `<hanko-auth>` (the standalone bundle in `pkg/`) and for the official `@teamhanko/hanko-elements`
//! 2.7.0, measured in one run in headless Chromium against the in-process dev backend.
//!
//! Run through `scripts/bench.sh`, which builds the bundle first and also prints sizes.
//! Prints, per element, the median and range of cold loads (a fresh browser profile each) and of
//! warm loads (the same profile, HTTP cache filled), and the ratio of our medians to the official
//! element's. The two elements take turns, run by run, so that both meet the same machine.

use anyhow::Context as _;
use hanko_e2e::{official_elements, require_bundle, Backend, Ctx, Test};
use std::sync::Arc;

/// Loads per element and temperature.
const RUNS: usize = 15;

/// The probe of `e2e/fixtures/bench.html`, called through WebDriver's asynchronous script.
const MEASURE: &str = "window.measure(arguments[0], arguments[arguments.length - 1]);";

/// One element under measurement: a name and the page that shows it.
struct Subject {
    name: &'static str,
    page: String,
}

async fn time_to_microsoft_button(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    require_bundle()?;
    tokio::task::spawn_blocking(official_elements).await??;
    let backend: Backend = ctx.backend(|_| {}).await?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let api = backend.api();
    let subjects = [
        Subject {
            name: "hanko-elements for Rust (pkg/)",
            page: url::Url::parse_with_params(
                &site.url("/examples/plain-html/index.html"),
                [("api", api.as_str())],
            )?
            .to_string(),
        },
        Subject {
            name: "@teamhanko/hanko-elements 2.7.0",
            page: url::Url::parse_with_params(
                &site.url("/e2e/fixtures/official.html"),
                [("api", api.as_str())],
            )?
            .to_string(),
        },
    ];
    let bench_page = site.url("/e2e/fixtures/bench.html");

    println!("\ntime from navigation to a clickable Microsoft button (headless Chromium, dev backend on loopback, {RUNS} runs each, the elements taking turns)");
    let mut cold = vec![Vec::with_capacity(RUNS); subjects.len()];
    let mut warm = vec![Vec::with_capacity(RUNS); subjects.len()];
    for run in 0..RUNS {
        // Alternate which element goes first, so that neither always meets a machine that has
        // just started a browser for the other.
        for turn in 0..subjects.len() {
            let index = (turn + run) % subjects.len();
            let browser = ctx.browser().await?;
            browser.goto(&bench_page).await?;
            cold[index].push(measure(&browser, &subjects[index].page).await?);
            warm[index].push(measure(&browser, &subjects[index].page).await?);
        }
    }
    let mut medians = Vec::with_capacity(subjects.len());
    for ((subject, cold), warm) in subjects.iter().zip(&mut cold).zip(&mut warm) {
        println!(
            "  {:<34} cold {}   warm {}",
            subject.name,
            summary(cold),
            summary(warm)
        );
        medians.push((median(cold), median(warm)));
    }
    if let [(ours_cold, ours_warm), (official_cold, official_warm)] = medians[..] {
        println!(
            "  {:<34} cold {:.2}   warm {:.2}",
            "ratio of the medians (ours/theirs)",
            ours_cold / official_cold,
            ours_warm / official_warm
        );
    }
    Ok(())
}

/// The median of sorted `samples`.
fn median(samples: &[f64]) -> f64 {
    samples[samples.len() / 2]
}

/// One load of `page` in the bench page's iframe; milliseconds until the button is clickable.
async fn measure(browser: &hanko_e2e::Browser, page: &str) -> anyhow::Result<f64> {
    let value = browser
        .eval_async(MEASURE, vec![serde_json::Value::from(page)])
        .await?;
    let millis = value
        .as_f64()
        .with_context(|| format!("the probe answered {value}"))?;
    anyhow::ensure!(
        millis >= 0.0,
        "no clickable Microsoft button within 30 s on {page}"
    );
    Ok(millis)
}

/// "median N ms (min–max)".
fn summary(samples: &mut [f64]) -> String {
    samples.sort_by(f64::total_cmp);
    let median = median(samples);
    let min = samples.first().copied().unwrap_or(median);
    let max = samples.last().copied().unwrap_or(median);
    format!("median {median:>6.0} ms ({min:.0}–{max:.0})")
}

fn main() {
    hanko_e2e::run(vec![Test::new(
        "time_to_microsoft_button",
        time_to_microsoft_button,
    )]);
}
