//! A static file server for the repository root on a loopback port.

use anyhow::Context as _;
use axum::serve::ListenerExt as _;
use std::net::{Ipv4Addr, SocketAddr};
use tokio::task::JoinHandle;
use tower_http::services::ServeDir;

/// How late files below `/slow/` are served.
pub const SLOW_DELAY: std::time::Duration = std::time::Duration::from_millis(1500);

/// Serves the repository root (`/pkg/…`, `/examples/…`, `/e2e/fixtures/…`, `/target/npm/…`) on
/// `127.0.0.1:<random port>`, with `/pkg/` taken from [`crate::bundle_dir`]; stops when dropped.
/// Below `/slow/` it serves the same files [`SLOW_DELAY`] late (`/slow/pkg/i18n/de.json`), for
/// tests of what a page shows while a file is on the way.
pub struct StaticServer {
    origin: String,
    task: JoinHandle<()>,
}

impl StaticServer {
    /// Starts a server and names its origin with `host` (`"127.0.0.1"` or `"localhost"`: both
    /// reach the loopback listener, but they are different sites to the browser).
    pub async fn start(host: &str) -> anyhow::Result<Self> {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
            .context("binding the static file server")?;
        let port = listener.local_addr()?.port();
        let files = || {
            axum::Router::new()
                .nest_service("/pkg", ServeDir::new(crate::bundle_dir()))
                .fallback_service(ServeDir::new(crate::repo_root()))
        };
        let slow = files().layer(axum::middleware::from_fn(
            |request: axum::extract::Request, next: axum::middleware::Next| async move {
                tokio::time::sleep(SLOW_DELAY).await;
                next.run(request).await
            },
        ));
        let app = files().nest("/slow", slow);
        // TCP_NODELAY, as production HTTP servers set it: without it, the last small segment of
        // a file that goes out in several writes waits for the browser's delayed ACK (40 ms on
        // Linux loopback), which made some page loads that much later at random.
        let listener = listener.tap_io(|stream| {
            // Without it a response is only later, never wrong.
            let _ = stream.set_nodelay(true);
        });
        let task = tokio::spawn(async move {
            // The server runs until the task is aborted; an accept error ends it early and the
            // test then fails on the page that does not load.
            let _ = axum::serve(listener, app).await;
        });
        Ok(StaticServer {
            origin: format!("http://{host}:{port}"),
            task,
        })
    }

    /// The origin, e.g. `http://127.0.0.1:41234`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// An absolute URL for `path_and_query` (which starts with `/`).
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.origin)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
