//! Test aid `holds`: chosen requests wait, before any handler runs, until a test releases them,
//! so that a client's short-lived screens (waiting for the flow to start, for the token exchange)
//! stay on screen as long as the test needs them.
//!
//! A request's hold name is the name of its Flow API action (`exchange_token` for
//! `/login?action=exchange_token%40<flow id>`), or its path when it runs no action (`/login`,
//! the start of the login flow; `/sessions/validate`). `GET /holds` lists the requests waiting now,
//! `POST /holds/release` lets them all go on; later requests with a held name wait again. Both
//! control endpoints exist only when something is held, and are never held themselves. When the
//! server stops, every waiting request goes on.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{Request, State};
use axum::http::Uri;
use axum::middleware::Next;
use axum::response::Response;
use axum::Json;
use serde_json::{json, Value};
use tokio::sync::watch;

use super::Hanko;

/// Path of the list of waiting requests.
pub const LIST_PATH: &str = "/holds";

/// Path that releases the waiting requests.
pub const RELEASE_PATH: &str = "/holds/release";

/// The held names and the requests waiting now.
pub struct Holds {
    names: Vec<String>,
    waiting: Mutex<Waiting>,
    /// Counts the releases; a request waits for the count to pass the one it arrived under.
    releases: watch::Sender<u64>,
    /// The server's stop signal.
    stop: watch::Receiver<bool>,
}

/// The requests waiting now, in arrival order, each with an id for removing it.
#[derive(Default)]
struct Waiting {
    next_id: u64,
    requests: Vec<(u64, String)>,
}

/// Takes a waiting request off the list when its wait ends, however it ends (released, the
/// server stopping, or the connection dropped).
struct Registration<'a> {
    holds: &'a Holds,
    id: u64,
}

impl Drop for Registration<'_> {
    fn drop(&mut self) {
        self.holds.lock().requests.retain(|(id, _)| *id != self.id);
    }
}

impl Holds {
    /// Holds the requests named in `names`; every wait ends when `stop` turns `true`.
    pub fn new(names: Vec<String>, stop: watch::Receiver<bool>) -> Self {
        Holds {
            names,
            waiting: Mutex::new(Waiting::default()),
            releases: watch::Sender::new(0),
            stop,
        }
    }

    /// Whether any request is held (and the control endpoints exist).
    pub fn is_active(&self) -> bool {
        !self.names.is_empty()
    }

    /// Locks the list (a poisoned lock is still usable: every change is one small step).
    fn lock(&self) -> MutexGuard<'_, Waiting> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The names of the requests waiting now, in arrival order.
    pub fn held(&self) -> Vec<String> {
        self.lock()
            .requests
            .iter()
            .map(|(_, name)| name.clone())
            .collect()
    }

    /// Lets every waiting request go on; returns how many there were.
    pub fn release(&self) -> usize {
        let mut waiting = self.lock();
        let released = waiting.requests.len();
        waiting.requests.clear();
        self.releases.send_modify(|count| *count += 1);
        released
    }

    /// Waits, listed as `name`, until the next release or until the server stops.
    async fn wait(&self, name: String) {
        let mut releases = self.releases.subscribe();
        let (_registration, arrived_under) = {
            let mut waiting = self.lock();
            // Read under the lock that `release` takes: a release either listed this request
            // or came before it.
            let arrived_under = *releases.borrow_and_update();
            let id = waiting.next_id;
            waiting.next_id += 1;
            waiting.requests.push((id, name));
            (Registration { holds: self, id }, arrived_under)
        };
        let mut stop = self.stop.clone();
        tokio::select! {
            _ = releases.wait_for(|count| *count > arrived_under) => {}
            _ = stop.wait_for(|stopped| *stopped) => {}
        }
    }
}

/// A request's hold name: its Flow API action's name (the `action` parameter up to `@`), else its
/// path.
pub fn hold_name(uri: &Uri) -> String {
    uri.query()
        .and_then(|query| {
            url::form_urlencoded::parse(query.as_bytes())
                .find(|(key, _)| key == "action")
                .map(|(_, value)| {
                    value
                        .split_once('@')
                        .map_or(value.as_ref(), |(name, _)| name)
                        .to_owned()
                })
        })
        .unwrap_or_else(|| uri.path().to_owned())
}

/// Middleware: a request with a held name waits for the next release.
pub async fn hold(State(app): State<Arc<Hanko>>, request: Request, next: Next) -> Response {
    if app.holds.is_active() {
        let name = hold_name(request.uri());
        if app.holds.names.contains(&name) {
            tracing::info!(
                name,
                "holding the request until POST /holds/release (test aid holds)"
            );
            app.holds.wait(name.clone()).await;
            tracing::info!(name, "request released (test aid holds)");
        }
    }
    next.run(request).await
}

/// `GET /holds`: `{"held": [<hold name of each waiting request, in arrival order>]}`.
pub async fn list(State(app): State<Arc<Hanko>>) -> Json<Value> {
    Json(json!({ "held": app.holds.held() }))
}

/// `POST /holds/release`: lets every waiting request go on; `{"released": <how many>}`.
pub async fn release(State(app): State<Arc<Hanko>>) -> Json<Value> {
    Json(json!({ "released": app.holds.release() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(uri: &str) -> String {
        hold_name(&uri.parse::<Uri>().expect("a valid URI"))
    }

    #[test]
    fn a_request_is_named_by_its_action_else_by_its_path() {
        assert_eq!(
            name("/login?action=exchange_token%40f81b3cf2-a5a9-4a38-bc2f-8bd6b9ae4bd4"),
            "exchange_token"
        );
        assert_eq!(
            name("/registration?action=register_client_capabilities@1"),
            "register_client_capabilities"
        );
        assert_eq!(name("/login"), "/login");
        assert_eq!(name("/sessions/validate?x=1"), "/sessions/validate");
    }
}
