#!/usr/bin/env bash
# Builds the standalone bundle for plain HTML pages:
#   pkg/hanko_elements.js  (ES module: `init` default export, `register(api, options)`)
#   pkg/hanko_elements_bg.wasm (optimised with wasm-opt -Oz)
#   pkg/snippets/…          (the custom-element shim; keep it next to the JS)
# Usage: scripts/build-bundle.sh [--dev]   (--dev: debug build, no wasm-opt; faster, larger)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

profile=release
if [ "${1:-}" = "--dev" ]; then profile=debug; fi

if [ "$profile" = release ]; then
  cargo build --release --target wasm32-unknown-unknown -p hanko-elements-bundle
else
  cargo build --target wasm32-unknown-unknown -p hanko-elements-bundle
fi
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name hanko_elements \
  "$target_dir/wasm32-unknown-unknown/$profile/hanko_elements_bundle.wasm"
if [ "$profile" = release ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    pkg/hanko_elements_bg.wasm -o pkg/hanko_elements_bg.wasm
fi
raw=$(stat -c %s pkg/hanko_elements_bg.wasm)
gz=$(gzip -9 -c pkg/hanko_elements_bg.wasm | wc -c)
echo "bundle: pkg/hanko_elements_bg.wasm $raw bytes ($gz gzip), pkg/hanko_elements.js $(stat -c %s pkg/hanko_elements.js) bytes"
