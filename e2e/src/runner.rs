//! The test runner: a libtest-compatible command line (filters, `--test-threads`, `--list`), one
//! shared chromedriver per binary, and a fresh [`Ctx`] per test.

use crate::backend::Backend;
use crate::browser::Browser;
use crate::chromedriver::{executable, Chromedriver};
use crate::static_files::StaticServer;
use anyhow::Context as _;
use libtest_mimic::{Arguments, Failed, Trial};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Upper bound for one test, including browser start-up and every wait inside it.
const TEST_TIMEOUT: Duration = Duration::from_secs(180);

/// Parallelism when the command line does not set `--test-threads` (the machines have 2 cores).
const DEFAULT_TEST_THREADS: usize = 2;

type TestFuture = Pin<Box<dyn Future<Output = anyhow::Result<()>>>>;
type TestFn = Arc<dyn Fn(Arc<Ctx>) -> TestFuture + Send + Sync>;

/// A named async test function.
pub struct Test {
    name: String,
    run: TestFn,
}

impl Test {
    /// Wraps `run` (usually an `async fn(Arc<Ctx>) -> anyhow::Result<()>`) under `name`.
    pub fn new<F, Fut>(name: &str, run: F) -> Self
    where
        F: Fn(Arc<Ctx>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + 'static,
    {
        Test {
            name: name.to_owned(),
            run: Arc::new(move |ctx| Box::pin(run(ctx))),
        }
    }
}

/// Builds a `Vec<Test>` from async test functions, named after the functions.
///
/// ```ignore
/// hanko_e2e::run(hanko_e2e::tests![work_account_signs_in, sign_out_ends_the_session]);
/// ```
#[macro_export]
macro_rules! tests {
    ($($test:ident),* $(,)?) => {
        vec![$($crate::Test::new(stringify!($test), $test)),*]
    };
}

/// Runs `tests` with libtest's command line and output, then exits with its status.
pub fn run(tests: Vec<Test>) -> ! {
    let mut args = Arguments::from_args();
    if args.test_threads.is_none() {
        args.test_threads = Some(DEFAULT_TEST_THREADS);
    }
    let suite = Arc::new(Suite::default());
    let trials = tests
        .into_iter()
        .map(|test| {
            let suite = Arc::clone(&suite);
            Trial::test(test.name.clone(), move || run_test(suite, test))
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    suite.stop();
    conclusion.exit()
}

fn run_test(suite: Arc<Suite>, test: Test) -> Result<(), Failed> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failed::from(format!("building the tokio runtime: {e}")))?;
    let outcome = runtime.block_on(async {
        let ctx = Arc::new(Ctx {
            suite,
            name: test.name.clone(),
            browsers: Mutex::default(),
            profiles: Mutex::default(),
        });
        let result = match tokio::time::timeout(TEST_TIMEOUT, (test.run)(Arc::clone(&ctx))).await {
            Ok(result) => result,
            Err(_) => Err(anyhow::anyhow!(
                "the test did not finish within {TEST_TIMEOUT:?}"
            )),
        };
        let notes = match &result {
            Ok(()) => String::new(),
            Err(_) => ctx.save_artifacts().await,
        };
        ctx.close().await;
        result.map_err(|error| format!("{error:#}{notes}"))
    });
    runtime.shutdown_timeout(Duration::from_secs(5));
    outcome.map_err(Failed::from)
}

/// What the tests of one binary share: the chromedriver process (started on first use).
#[derive(Default)]
struct Suite {
    driver: Mutex<Option<Chromedriver>>,
}

impl Suite {
    fn driver(&self) -> MutexGuard<'_, Option<Chromedriver>> {
        self.driver
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The chromedriver URL; starts chromedriver if no test has yet.
    fn webdriver_url(&self) -> anyhow::Result<String> {
        let mut driver = self.driver();
        if let Some(running) = driver.as_ref() {
            return Ok(running.url().to_owned());
        }
        let running = Chromedriver::start(&crate::artifacts_dir())?;
        let url = running.url().to_owned();
        *driver = Some(running);
        Ok(url)
    }

    fn stop(&self) {
        self.driver().take();
    }
}

/// Everything one test owns: its browsers (closed after the test, with screenshots on failure)
/// and their profile directories.
pub struct Ctx {
    suite: Arc<Suite>,
    name: String,
    browsers: Mutex<Vec<Browser>>,
    profiles: Mutex<Vec<tempfile::TempDir>>,
}

impl Ctx {
    /// The test's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Opens a new headless Chromium session with a fresh profile (no cookies, no storage).
    pub async fn browser(&self) -> anyhow::Result<Browser> {
        let suite = Arc::clone(&self.suite);
        let webdriver = tokio::task::spawn_blocking(move || suite.webdriver_url())
            .await
            .context("starting chromedriver")??;
        let binary = executable(
            "CHROMIUM",
            &["chromium", "chromium-browser", "google-chrome"],
        )?;
        let profile = tempfile::Builder::new()
            .prefix("hanko-e2e-profile-")
            .tempdir()
            .context("creating a browser profile directory")?;
        let browser = Browser::open(&webdriver, &binary, profile.path()).await?;
        lock(&self.profiles).push(profile);
        lock(&self.browsers).push(browser.clone());
        Ok(browser)
    }

    /// Starts a static file server for the repository root whose origin uses `host`.
    pub async fn serve_repo(&self, host: &str) -> anyhow::Result<StaticServer> {
        StaticServer::start(host).await
    }

    /// Starts a dev backend from `Config::for_tests()` adjusted by `configure`.
    pub async fn backend(
        &self,
        configure: impl FnOnce(&mut hanko_devserver::Config),
    ) -> anyhow::Result<Backend> {
        Backend::start(configure).await
    }

    /// Saves a screenshot and a page dump per browser; returns a note naming the files.
    async fn save_artifacts(&self) -> String {
        let browsers = lock(&self.browsers).clone();
        let dir = crate::artifacts_dir();
        if let Err(error) = std::fs::create_dir_all(&dir) {
            return format!("\n(no artifacts: creating {}: {error})", dir.display());
        }
        let mut notes = String::new();
        for (index, browser) in browsers.iter().enumerate() {
            let file = |extension: &str| -> PathBuf {
                dir.join(format!("{}-{index}.{extension}", self.name))
            };
            let (png, txt) = (file("png"), file("txt"));
            match browser.save_artifacts(&png, &txt).await {
                Ok(()) => {
                    notes.push_str(&format!("\nartifacts: {} {}", png.display(), txt.display()))
                }
                Err(error) => notes.push_str(&format!("\n(artifacts incomplete: {error:#})")),
            }
        }
        notes
    }

    async fn close(&self) {
        let browsers = std::mem::take(&mut *lock(&self.browsers));
        for browser in browsers {
            // A session that already died cannot be closed; nothing else to do about it.
            let _ = browser.close().await;
        }
        lock(&self.profiles).clear();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
