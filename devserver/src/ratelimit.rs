//! Fixed-window rate limiter keyed by client IP or (IP, address) (stands in for Hanko's `token` and
//! `passcode` limiters).

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Allows `limit` hits per `interval` and key; `limit == 0` allows everything.
pub struct RateLimiter<K = IpAddr> {
    limit: u32,
    interval: Duration,
    windows: Mutex<HashMap<K, (Instant, u32)>>,
}

impl<K: Hash + Eq> RateLimiter<K> {
    /// A limiter; `limit == 0` disables it.
    pub fn new(limit: u32, interval: Duration) -> RateLimiter<K> {
        RateLimiter {
            limit,
            interval,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a hit. `Err(retry_after_secs)` when the key is over its limit.
    pub fn hit(&self, key: K) -> Result<(), u64> {
        if self.limit == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let entry = windows.entry(key).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.interval {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            let left = self.interval.saturating_sub(now.duration_since(entry.0));
            return Err(left.as_secs() + u64::from(left.subsec_nanos() > 0));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::RateLimiter;
    use std::net::{IpAddr, Ipv4Addr};
    use std::time::Duration;

    #[test]
    fn limits_per_window() {
        let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let limiter: RateLimiter = RateLimiter::new(2, Duration::from_secs(60));
        assert!(limiter.hit(ip).is_ok());
        assert!(limiter.hit(ip).is_ok());
        let retry = limiter.hit(ip).unwrap_err();
        assert!((59..=60).contains(&retry));
        assert!(RateLimiter::<IpAddr>::new(0, Duration::ZERO)
            .hit(ip)
            .is_ok());
    }
}
