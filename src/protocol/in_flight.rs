//! Work under way on the page, shared by key: the first caller for a key does it, and every
//! caller that asks for the same key meanwhile waits for that run and gets a copy of its result.
//! Browser only (one thread; the registries are `thread_local!`).
//!
//! Used for `GET /sessions/validate` ([`super::client::HankoClient::validate_session`]) and for
//! the language files the elements load on demand.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::thread::LocalKey;

use futures_channel::oneshot;

/// The runs under way, by key, with the callers waiting for each.
pub(crate) type Registry<T> = RefCell<Vec<(String, Vec<oneshot::Sender<T>>)>>;

/// Runs `work` for `key`, unless a run for `key` is under way in `registry`: then waits for that
/// one's result instead. A run that was dropped before it ended gives its waiters `gone`.
///
/// Who leads and who waits is settled now, and a leading `work` is called now: a request it
/// makes leaves before this returns, not when the returned future is first polled.
pub(crate) fn shared<T, Work>(
    registry: &'static LocalKey<Registry<T>>,
    key: String,
    work: impl FnOnce() -> Work,
    gone: T,
) -> Pin<Box<dyn Future<Output = T>>>
where
    T: Clone + 'static,
    Work: Future<Output = T> + 'static,
{
    let under_way = registry.with(|runs| {
        let mut runs = runs.try_borrow_mut().ok()?;
        match runs.iter_mut().find(|(running, _)| *running == key) {
            Some((_, waiters)) => {
                let (sender, receiver) = oneshot::channel();
                waiters.push(sender);
                Some(receiver)
            }
            None => {
                runs.push((key.clone(), Vec::new()));
                None
            }
        }
    });
    let role = match under_way {
        Some(run) => Err(run),
        None => Ok((Lead { registry, key }, work())),
    };
    Box::pin(async move {
        match role {
            Err(run) => run.await.unwrap_or(gone),
            Ok((lead, work)) => {
                let result = work.await;
                for waiter in lead.take_waiters() {
                    let _ = waiter.send(result.clone());
                }
                result
            }
        }
    })
}

/// The run of one key: ends its entry when the run ends, however it ends (a dropped run drops
/// its waiters' senders, so they get `gone`).
struct Lead<T: 'static> {
    registry: &'static LocalKey<Registry<T>>,
    key: String,
}

impl<T> Lead<T> {
    fn take_waiters(&self) -> Vec<oneshot::Sender<T>> {
        self.registry.with(|runs| {
            let Ok(mut runs) = runs.try_borrow_mut() else {
                return Vec::new();
            };
            match runs.iter().position(|(running, _)| *running == self.key) {
                Some(index) => runs.remove(index).1,
                None => Vec::new(),
            }
        })
    }
}

impl<T> Drop for Lead<T> {
    fn drop(&mut self) {
        drop(self.take_waiters());
    }
}
