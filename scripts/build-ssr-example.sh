#!/usr/bin/env bash
# Builds the server-rendered Leptos example (examples/ssr), both halves:
#   <site>/pkg/hanko_ssr_example.js, _bg.wasm  the browser build (feature `hydrate`, wasm32, debug)
#   <target dir>/debug/hanko-ssr-example       the server (feature `ssr`): renders the pages,
#                                              serves <site>
# <site> is <target dir>/ssr-example. Prints the two paths, the server's first. Then run:
#   <target dir>/debug/hanko-ssr-example --api http://127.0.0.1:8000 --site-root <site>
# Debug builds: the example is there to prove that the pages render and hydrate, not to be small.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
site="$target_dir/ssr-example"

cargo build -p hanko-ssr-example --lib --target wasm32-unknown-unknown --features hydrate >&2
rm -rf "$site/pkg"
wasm-bindgen --target web --out-dir "$site/pkg" --out-name hanko_ssr_example \
  "$target_dir/wasm32-unknown-unknown/debug/hanko_ssr_example.wasm" >&2
cargo build -p hanko-ssr-example --bin hanko-ssr-example --features ssr >&2
echo "$target_dir/debug/hanko-ssr-example"
echo "$site"
