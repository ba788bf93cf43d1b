#!/usr/bin/env bash
# Builds the standalone bundle for plain HTML pages:
#   pkg/hanko_elements.js  (ES module: `init` default export, `register(api, options)`; minified)
#   pkg/hanko_elements_bg.wasm (optimised with wasm-opt -Oz)
#   pkg/snippets/…          (the custom-element shim; keep it next to the JS)
# Usage: scripts/build-bundle.sh [--dev]   (--dev: debug build, no wasm-opt, no minifying; faster, larger)
# The release build minifies the JS with esbuild (run through npx, pinned below; npm is already
# needed for binaryen). Without npx the JS stays as wasm-bindgen wrote it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
esbuild_version=0.28.2

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
    --strip-producers --strip-target-features \
    pkg/hanko_elements_bg.wasm -o pkg/hanko_elements_bg.wasm
  if command -v npx >/dev/null; then
    # Minify in place: identifiers and whitespace only; imports, exports and the wasm import
    # object's keys stay as they are.
    find pkg -name '*.js' -print0 | while IFS= read -r -d '' js; do
      npx --yes "esbuild@$esbuild_version" "$js" --minify --format=esm \
        --log-level=warning --outfile="$js.min" && mv "$js.min" "$js"
    done
  else
    echo "build-bundle: npx not found, pkg/*.js left unminified" >&2
  fi
fi
size() { echo "$(stat -c %s "$1") bytes ($(gzip -9 -c "$1" | wc -c) gzip)"; }
echo "bundle: pkg/hanko_elements_bg.wasm $(size pkg/hanko_elements_bg.wasm), pkg/hanko_elements.js $(size pkg/hanko_elements.js)"
