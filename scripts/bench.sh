#!/usr/bin/env bash
# Prints the project's performance figures (a benchmark, not a test):
#   - the standalone bundle's size (raw and gzip) beside the official hanko-elements 2.7.0 elements.js
#   - time from navigation to a clickable Microsoft button, ours and the official element, in headless
#     Chromium against the dev backend (one run, same machine, same probe)
#   - the dev backend's start-up time and server time per sign-in round trip
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"

"$root/scripts/setup.sh"
"$root/scripts/build-bundle.sh" >/dev/null
official_dir="$root/target/npm/node_modules/@teamhanko/hanko-elements"
if [ "$(node -p "require('$official_dir/package.json').version" 2>/dev/null || true)" != "2.7.0" ]; then
  npm install --prefix "$root/target/npm" --no-save --no-audit --no-fund "@teamhanko/hanko-elements@2.7.0" >/dev/null
fi

size() { printf '%8d B raw %8d B gzip' "$(cat "$@" | wc -c)" "$(cat "$@" | gzip -9 | wc -c)"; }
echo
echo "bundle size"
echo "  hanko-elements for Rust  wasm      $(size pkg/hanko_elements_bg.wasm)"
echo "                           js        $(size pkg/hanko_elements.js $(find pkg/snippets -name '*.js'))"
echo "                           total     $(size pkg/hanko_elements_bg.wasm pkg/hanko_elements.js $(find pkg/snippets -name '*.js'))"
echo "  official 2.7.0           elements.js $(size "$official_dir/dist/elements.js")"

cargo run --quiet -p hanko-e2e --bin bench
echo
echo "dev backend"
cargo run --quiet --release -p hanko-devserver --example bench
