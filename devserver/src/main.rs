//! `hanko-devserver`: runs the dev backend until Ctrl-C.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let config = match hanko_devserver::Cli::parse().into_config() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("hanko-devserver: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let running = match hanko_devserver::spawn(config).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("hanko-devserver: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("Hanko API:          {}", running.hanko_url());
    println!("Microsoft (simulated): {}", running.microsoft_url());
    if tokio::signal::ctrl_c().await.is_err() {
        eprintln!("hanko-devserver: cannot wait for Ctrl-C");
    }
    running.shutdown().await;
    std::process::ExitCode::SUCCESS
}
