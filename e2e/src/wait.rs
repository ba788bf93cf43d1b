//! Polling with a bounded timeout: every wait in the e2e tests goes through [`wait_for`].

use std::future::Future;
use std::time::{Duration, Instant};

/// How long a test waits for anything the browser or the backend should do (20 s).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// One look at the awaited condition: `Ok(value)` when it holds, `Err(seen)` with a short
/// description of what was observed instead.
pub type Probe<T> = Result<T, String>;

const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// Polls `probe` until it returns `Ok`, or fails after `timeout` with a message naming `what` was
/// awaited and the last thing seen.
///
/// ```ignore
/// let url = wait_for("the address bar to lose hanko_token", DEFAULT_TIMEOUT, || async {
///     let url = browser.current_url().await.map_err(|e| e.to_string())?;
///     if url.contains("hanko_token") { Err(url) } else { Ok(url) }
/// }).await?;
/// ```
pub async fn wait_for<T, F, Fut>(what: &str, timeout: Duration, mut probe: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Probe<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        let seen = match probe().await {
            Ok(value) => return Ok(value),
            Err(seen) => seen,
        };
        if Instant::now() >= deadline {
            anyhow::bail!("timed out after {timeout:?} waiting for {what}; last seen: {seen}");
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}
