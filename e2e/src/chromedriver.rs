//! The `chromedriver` process shared by all tests of one binary, and executable discovery.

use anyhow::Context as _;
use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);

/// A running `chromedriver --port=<free port>`; killed when dropped.
pub struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    /// Starts chromedriver (from `CHROMEDRIVER` or `PATH`) on a free loopback port and waits
    /// until its `/status` reports ready.
    pub fn start(log_dir: &Path) -> anyhow::Result<Self> {
        let program = executable("CHROMEDRIVER", &["chromedriver"])?;
        std::fs::create_dir_all(log_dir)
            .with_context(|| format!("creating {}", log_dir.display()))?;
        let log_path = log_dir.join("chromedriver.log");
        let log = std::fs::File::create(&log_path)
            .with_context(|| format!("creating {}", log_path.display()))?;
        let port = free_port()?;
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .with_context(|| format!("starting {}", program.display()))?;
        let mut driver = Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        driver.await_ready(port, &log_path)?;
        Ok(driver)
    }

    /// The WebDriver endpoint, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn await_ready(&mut self, port: u16, log_path: &Path) -> anyhow::Result<()> {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        let mut seen = String::from("no answer yet");
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                anyhow::bail!(
                    "chromedriver exited during start-up ({status}); see {}",
                    log_path.display()
                );
            }
            match status_ready(port) {
                Ok(true) => return Ok(()),
                Ok(false) => seen = "answered /status but not ready".into(),
                Err(error) => seen = error.to_string(),
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        anyhow::bail!(
            "chromedriver did not become ready within {STARTUP_TIMEOUT:?} (last seen: {seen}); see {}",
            log_path.display()
        )
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // Best effort: the process may already be gone.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Asks chromedriver's `GET /status` whether it accepts new sessions. Chromedriver keeps the
/// connection open, so the answer is read up to its `Content-Length`.
fn status_ready(port: u16) -> std::io::Result<bool> {
    let mut stream = TcpStream::connect_timeout(
        &SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        Duration::from_secs(1),
    )?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.write_all(b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
    let mut answer = Vec::new();
    let mut chunk = [0_u8; 1024];
    loop {
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            break;
        }
        answer.extend_from_slice(&chunk[..read]);
        if response_complete(&answer) {
            break;
        }
    }
    let answer = String::from_utf8_lossy(&answer);
    let compact: String = answer.split_whitespace().collect();
    Ok(answer.starts_with("HTTP/1.1 200") && compact.contains("\"ready\":true"))
}

/// Whether `answer` holds the headers and as many body bytes as `Content-Length` announces.
fn response_complete(answer: &[u8]) -> bool {
    let Some(end) = answer.windows(4).position(|window| window == b"\r\n\r\n") else {
        return false;
    };
    let headers = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
    let length = headers
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse::<usize>().ok());
    length.is_some_and(|length| answer.len() >= end + 4 + length)
}

/// A loopback port that was free a moment ago.
fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// The executable named by environment variable `var`, else the first of `names` on `PATH`.
pub fn executable(var: &str, names: &[&str]) -> anyhow::Result<PathBuf> {
    if let Some(path) = std::env::var_os(var).filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .with_context(|| {
            format!(
                "none of {names:?} found on PATH and {var} is not set; install Chromium and \
                 chromedriver (Debian: apt-get install chromium chromium-driver)"
            )
        })
}
