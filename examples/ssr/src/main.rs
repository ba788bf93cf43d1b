//! The server of the SSR example: renders the app's pages and serves the browser build.
//!
//! ```text
//! hanko-ssr-example --api http://127.0.0.1:8000 --site-root target/ssr-example --listen 127.0.0.1:3000
//! ```
//!
//! Prints `listening on http://<address>` once it accepts connections (`--listen` may give port 0).

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::Router;
use clap::Parser;
use hanko_ssr_example::{shell, App, HankoApi};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::services::ServeDir;

/// Command-line flags.
#[derive(Parser)]
#[command(about = "A server-rendered Leptos app that signs in with hanko-elements' HankoAuth")]
struct Args {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:3000")]
    listen: SocketAddr,
    /// The Hanko API (the dev backend's, or your Hanko Cloud project's).
    #[arg(long, default_value = "http://127.0.0.1:8000")]
    api: String,
    /// The folder `scripts/build-ssr-example.sh` wrote: the browser build in `pkg/`.
    #[arg(long, default_value = "target/ssr-example")]
    site_root: PathBuf,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let options = LeptosOptions::builder()
        .output_name("hanko_ssr_example")
        .site_root(args.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .build();
    let routes = generate_route_list({
        let api = args.api.clone();
        move || {
            provide_context(HankoApi(api.clone()));
            view! { <App/> }
        }
    });
    let app = Router::new()
        .leptos_routes(&options, routes, {
            let (options, api) = (options.clone(), args.api.clone());
            move || shell(options.clone(), api.clone())
        })
        .fallback_service(ServeDir::new(&args.site_root))
        .with_state(options);
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
