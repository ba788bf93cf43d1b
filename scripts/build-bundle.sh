#!/usr/bin/env bash
# Builds the standalone bundle for plain HTML pages:
#   pkg/hanko_elements.js  (ES module: `register(api, options)`, which loads the wasm itself; the
#                           `init` default export stays for pages that call it; minified, with the
#                           custom-element shim bundled in)
#   pkg/hanko_elements_bg.wasm (optimised with wasm-opt -Oz --converge)
#   pkg/hanko_elements.d.ts, pkg/hanko_elements_react.d.ts (TypeScript; JSX typings for React 19)
#   pkg/snippets/…          (the custom-element shim, --dev and without npx only; keep it next to
#                           the JS)
#   pkg/i18n/<code>.json    (every language but English, loaded when a page uses it)
#
# Usage: scripts/build-bundle.sh [--dev | --stable] [--names FILE] [--out DIR]
#   --dev         debug build, no wasm-opt, no minifying; faster, larger
#   --stable      release build with the stable toolchain even where nightly is usable
#   --names FILE  also write FILE: the release wasm optimised alike but keeping its function names
#                 (for twiggy; scripts/bench.sh uses it)
#   --out DIR     write the bundle to DIR instead of pkg/
#
# The release build uses a nightly toolchain when rustup has one with rust-src that accepts
# `-Cpanic=immediate-abort`: it rebuilds std for wasm32 without the panic machinery
# (`-Zbuild-std=std,panic_abort`), in its own target directory. Otherwise, or with --stable, it
# uses the stable toolchain (profile.release: opt-level z, LTO, panic = abort). The line it
# prints at the end names the toolchain it used.
# Both release builds compile Leptos with its type erasure (`--cfg erase_components`): components
# return type-erased views and the reactive closures of a view share one type per output type, so
# Leptos's view and effect code is compiled once per output type instead of once per call site
# (18 KB less wasm, 7.5 KB gzip; the same DOM). The browser tests (`cargo test --target
# wasm32-unknown-unknown`) build without it, as a Leptos app that uses the crate does by default,
# so both modes are tested.
# The release build bundles and minifies the JS with esbuild (run through npx, pinned below; npm is
# already needed for binaryen). Without npx the JS stays as wasm-bindgen wrote it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
esbuild_version=0.28.2

profile=release
toolchain=auto
names=""
out="$root/pkg"
while [ $# -gt 0 ]; do
  case "$1" in
    --dev) profile=debug; shift ;;
    --stable) toolchain=stable; shift ;;
    --names) names="${2:?--names needs a file}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    *) echo "build-bundle: unknown option $1" >&2; exit 2 ;;
  esac
done

# True when the nightly toolchain can build std for wasm32 without panic machinery.
nightly_usable() {
  command -v rustup >/dev/null || return 1
  local sysroot
  sysroot="$(rustup run nightly rustc --print sysroot 2>/dev/null)" || return 1
  [ -d "$sysroot/lib/rustlib/src/rust/library/std" ] || return 1
  rustup run nightly rustc -Zunstable-options -Cpanic=immediate-abort \
    --target wasm32-unknown-unknown --print cfg >/dev/null 2>&1
}

# The release builds' flags (see above).
erased="--cfg erase_components"
wasm_dir="$target_dir/wasm32-unknown-unknown/$profile"
if [ "$profile" = debug ]; then
  used="stable, debug"
  cargo build --target wasm32-unknown-unknown -p hanko-elements-bundle
elif [ "$toolchain" = auto ] && nightly_usable; then
  used="nightly, build-std, panic=immediate-abort"
  nightly_target="$target_dir/build-std"
  RUSTFLAGS="${RUSTFLAGS:-} $erased -Zunstable-options -Cpanic=immediate-abort" \
    rustup run nightly cargo build --release --target wasm32-unknown-unknown -p hanko-elements-bundle \
    -Zbuild-std=std,panic_abort --target-dir "$nightly_target"
  wasm_dir="$nightly_target/wasm32-unknown-unknown/release"
else
  used="stable"
  RUSTFLAGS="${RUSTFLAGS:-} $erased" \
    cargo build --release --target wasm32-unknown-unknown -p hanko-elements-bundle
fi
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name hanko_elements "$wasm_dir/hanko_elements_bundle.wasm"
# The bundle has English built in; every other language is a file in i18n/ that the element loads
# when a page uses it (`languagesLocation`; a revision from before, built by scripts/bench.sh
# --base, has its languages built in).
if [ -f "$root/examples/language_files.rs" ]; then
  cargo run --quiet -p hanko-elements --example language_files -- "$out/i18n"
fi
# The entry pages import: `register`, which loads the wasm itself (bundle/register.js), appended
# to the module wasm-bindgen wrote, where its init function and `registerElements` are in scope.
# (A revision from before bundle/register.js, built by scripts/bench.sh --base, keeps its own
# wasm-bindgen entry.)
entry="$out/hanko_elements.js"
if [ -f "$root/bundle/register.js" ]; then
  for name in "async function __wbg_init" "export function registerElements"; do
    if ! grep -q "$name" "$entry"; then
      echo "build-bundle: $entry has no \"$name\" (wasm-bindgen output changed?)" >&2
      exit 1
    fi
  done
  cat "$root/bundle/register.js" >> "$entry"
  cat "$root/bundle/register.d.ts" >> "$out/hanko_elements.d.ts"
  cp "$root/bundle/react.d.ts" "$out/hanko_elements_react.d.ts"
fi
if [ "$profile" = release ]; then
  # --converge repeats -Oz until it stops shrinking; --low-memory-unused lets binaryen fold
  # address arithmetic into loads and stores, assuming nothing lives in the lowest KiB (Rust's
  # wasm32 stack comes first and grows down from 1 MiB, so only a stack 1023 KiB deep reaches
  # it). Together about 1.2 KB gzip off the wasm.
  wasm_opt=(wasm-opt -Oz --converge --low-memory-unused --enable-bulk-memory
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
    --strip-producers --strip-target-features)
  if [ -n "$names" ]; then
    mkdir -p "$(dirname "$names")"
    "${wasm_opt[@]}" --debuginfo "$out/hanko_elements_bg.wasm" -o "$names"
  fi
  "${wasm_opt[@]}" "$out/hanko_elements_bg.wasm" -o "$out/hanko_elements_bg.wasm"
  if command -v npx >/dev/null; then
    # One module: the custom-element shim (snippets/) bundled into the entry, so that the browser
    # need not parse the entry before it finds the shim and fetches it (a round trip on the way to
    # the first screen). Minified: identifiers and whitespace only; the entry's exports,
    # `import.meta.url` and the wasm import object's keys stay as they are.
    npx --yes "esbuild@$esbuild_version" "$entry" --bundle --minify --format=esm \
      --log-level=warning --outfile="$entry.min"
    mv "$entry.min" "$entry"
    rm -rf "$out/snippets"
  else
    echo "build-bundle: npx not found, the JS in $out left unminified" >&2
  fi
fi
size() { echo "$(stat -c %s "$1") bytes ($(gzip -9 -c "$1" | wc -c) gzip)"; }
echo "bundle ($used): $out/hanko_elements_bg.wasm $(size "$out/hanko_elements_bg.wasm"), $out/hanko_elements.js $(size "$out/hanko_elements.js")"
