//! Benchmark (not a test): time from navigation to a clickable "Microsoft" button, for our
//! `<hanko-auth>` (the standalone bundle in `pkg/`) and for the official `@teamhanko/hanko-elements`
//! 2.7.0, measured in one run in headless Chromium against the in-process dev backend.
//!
//! Run through `scripts/bench.sh`, which builds the bundle first and also prints sizes.
//! Prints, per element, the median and range of cold loads (a fresh browser profile each) and of
//! warm loads (the same profile, HTTP cache filled), and the ratio of our medians to the official
//! element's. The two elements take turns, run by run, so that both meet the same machine. Then, per
//! element, where a load's time goes (medians, on the loaded page's own clock): until its scripts and
//! wasm have arrived, until its first Flow API request leaves, until the last answer before the
//! button has arrived, and until the button is there.

use anyhow::Context as _;
use hanko_e2e::{official_elements, require_bundle, Backend, Ctx, Test};
use std::sync::Arc;

/// Loads per element and temperature.
const RUNS: usize = 15;

/// The probe of `e2e/fixtures/bench.html`, called through WebDriver's asynchronous script.
const MEASURE: &str = "window.measure(arguments[0], arguments[arguments.length - 1]);";

/// One load as the probe reports it: `total` from the bench page's clock; the phases in ms from the
/// loaded page's navigation start (`None` when the page made no such request).
#[derive(Clone, Copy)]
struct Load {
    total: f64,
    code: Option<f64>,
    first_request: Option<f64>,
    last_answer: Option<f64>,
    button: Option<f64>,
}

impl Load {
    /// Reads the probe's answer; `None` without a numeric `total`.
    fn read(answer: &serde_json::Value) -> Option<Load> {
        let number = |name: &str| answer.get(name).and_then(serde_json::Value::as_f64);
        Some(Load {
            total: number("total")?,
            code: number("code"),
            first_request: number("firstRequest"),
            last_answer: number("lastAnswer"),
            button: number("button"),
        })
    }
}

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
    for ((subject, cold), warm) in subjects.iter().zip(&cold).zip(&warm) {
        let mut cold_totals: Vec<f64> = cold.iter().map(|load| load.total).collect();
        let mut warm_totals: Vec<f64> = warm.iter().map(|load| load.total).collect();
        println!(
            "  {:<34} cold {}   warm {}",
            subject.name,
            summary(&mut cold_totals),
            summary(&mut warm_totals)
        );
        medians.push((median(&cold_totals), median(&warm_totals)));
    }
    if let [(ours_cold, ours_warm), (official_cold, official_warm)] = medians[..] {
        println!(
            "  {:<34} cold {:.2}   warm {:.2}",
            "ratio of the medians (ours/theirs)",
            ours_cold / official_cold,
            ours_warm / official_warm
        );
    }
    println!("\nwhere a load's time goes (medians, ms from the loaded page's navigation start): scripts and wasm arrived / first Flow API request sent / last answer arrived / button there");
    for ((subject, cold), warm) in subjects.iter().zip(&cold).zip(&warm) {
        println!(
            "  {:<34} cold {}   warm {}",
            subject.name,
            phases(cold),
            phases(warm)
        );
    }
    Ok(())
}

/// "code / first request / last answer / button", each the median over `loads` ("–" when no load
/// had it).
fn phases(loads: &[Load]) -> String {
    let readings: [fn(&Load) -> Option<f64>; 4] = [
        |load| load.code,
        |load| load.first_request,
        |load| load.last_answer,
        |load| load.button,
    ];
    readings
        .iter()
        .map(|read| {
            let mut samples: Vec<f64> = loads.iter().filter_map(read).collect();
            if samples.is_empty() {
                return "–".to_owned();
            }
            samples.sort_by(f64::total_cmp);
            format!("{:.0}", median(&samples))
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The median of sorted `samples`.
fn median(samples: &[f64]) -> f64 {
    samples[samples.len() / 2]
}

/// One load of `page` in the bench page's iframe: the milliseconds until the button is clickable,
/// and where they went.
async fn measure(browser: &hanko_e2e::Browser, page: &str) -> anyhow::Result<Load> {
    let value = browser
        .eval_async(MEASURE, vec![serde_json::Value::from(page)])
        .await?;
    let load = Load::read(&value).with_context(|| format!("the probe answered {value}"))?;
    anyhow::ensure!(
        load.total >= 0.0,
        "no clickable Microsoft button within 30 s on {page}"
    );
    Ok(load)
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
