#!/usr/bin/env bash
# Prints the project's performance figures (a benchmark, not a test):
#   - the standalone bundle's size (gzip, wasm and JS) beside the official hanko-elements 2.7.0
#     elements.js, and where the wasm's bytes go (twiggy on a build that keeps its names: by
#     category, by our own module paths, the largest items), and what each flow state's strings cost
#   - time from navigation to a clickable Microsoft button, ours and the official element, in headless
#     Chromium against the dev backend (one run, same machine, same probe), and their ratio
#   - the dev backend's start-up time and server time per sign-in round trip
#
# Usage: scripts/bench.sh [--base REV] [--size-only]
#   --base REV   also build the bundle of git revision REV (in a temporary worktree, with this
#                checkout's scripts/build-bundle.sh) and show its sizes beside ours, with the difference
#   --size-only  sizes only: skip the browser and dev backend timings
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

base=""
timings=true
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="${2:?--base needs a git revision}"; shift 2 ;;
    --size-only) timings=false; shift ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done

"$root/scripts/setup.sh" --bench

size_dir="$target_dir/size"
mkdir -p "$size_dir"
base_tree=""
cleanup() {
  if [ -n "$base_tree" ]; then
    git -C "$root" worktree remove --force "$base_tree" 2>/dev/null || true
    rm -rf "$(dirname "$base_tree")"
  fi
}
trap cleanup EXIT

built="$("$root/scripts/build-bundle.sh" --names "$size_dir/current.names.wasm" | tail -1)"
if [ -n "$base" ]; then
  base_rev="$(git -C "$root" rev-parse --verify --quiet "$base^{commit}")" \
    || { echo "bench: $base is not a git revision" >&2; exit 2; }
  base_tree="$(mktemp -d)/base"
  git -C "$root" worktree add --detach --quiet "$base_tree" "$base_rev"
  cp "$root/scripts/build-bundle.sh" "$base_tree/scripts/build-bundle.sh"
  echo "bench: building the bundle of $base ($(git -C "$root" rev-parse --short "$base_rev"))" >&2
  # The same target directory: only the workspace's own crates build again.
  CARGO_TARGET_DIR="$target_dir" "$base_tree/scripts/build-bundle.sh" \
    --out "$size_dir/base-pkg" --names "$size_dir/base.names.wasm" >&2
fi

official_dir="$root/target/npm/node_modules/@teamhanko/hanko-elements"
if [ "$(node -p "require('$official_dir/package.json').version" 2>/dev/null || true)" != "2.7.0" ]; then
  npm install --prefix "$root/target/npm" --no-save --no-audit --no-fund "@teamhanko/hanko-elements@2.7.0" >/dev/null
fi

# gzip -9 bytes of each file on its own (as a server sends them), summed.
gz() { local sum=0 f; for f in "$@"; do sum=$((sum + $(gzip -9 -c "$f" | wc -c))); done; echo "$sum"; }
raw() { cat "$@" | wc -c; }
js_of() { find "$1" -name '*.js' | sort; }
row() { # label, bytes now, [bytes base]
  if [ -n "$base" ]; then
    printf '  %-28s %9d B %9d B %+9d B\n' "$1" "$2" "$3" "$(($2 - $3))"
  else
    printf '  %-28s %9d B\n' "$1" "$2"
  fi
}
# shellcheck disable=SC2046 # file lists split on newlines; paths have no spaces
measure() { # pkg dir -> "wasm_gz js_gz wasm_raw js_raw"
  echo "$(gz "$1/hanko_elements_bg.wasm") $(gz $(js_of "$1")) $(raw "$1/hanko_elements_bg.wasm") $(raw $(js_of "$1"))"
}
read -r wasm_gz js_gz wasm_raw js_raw <<<"$(measure "$root/pkg")"
b_wasm_gz=0 b_js_gz=0 b_wasm_raw=0 b_js_raw=0
if [ -n "$base" ]; then read -r b_wasm_gz b_js_gz b_wasm_raw b_js_raw <<<"$(measure "$size_dir/base-pkg")"; fi

echo
echo "bundle size (gzip -9 of each file; built with $(sed -n 's/^bundle (\([^)]*\)).*/\1/p' <<<"$built"))"
if [ -n "$base" ]; then
  printf '  %-28s %11s %11s %11s\n' "" "now" "base $base" "change"
fi
row "wasm, gzip" "$wasm_gz" "$b_wasm_gz"
row "JS (glue, shim), gzip" "$js_gz" "$b_js_gz"
row "total, gzip" "$((wasm_gz + js_gz))" "$((b_wasm_gz + b_js_gz))"
row "total, raw" "$((wasm_raw + js_raw))" "$((b_wasm_raw + b_js_raw))"
official_gz="$(gz "$official_dir/dist/elements.js")"
printf '  %-28s %9d B (%d B raw); ours / official: %.2f\n' "official 2.7.0 elements.js" \
  "$official_gz" "$(raw "$official_dir/dist/elements.js")" \
  "$(awk -v ours="$((wasm_gz + js_gz))" -v theirs="$official_gz" 'BEGIN { print ours / theirs }')"
"$root/scripts/check-size.sh" | sed 's/^check-size: /  /'

if [ -n "$base" ]; then
  cargo run --quiet -p hanko-e2e --bin size -- --base "$size_dir/base.names.wasm" "$size_dir/current.names.wasm"
else
  cargo run --quiet -p hanko-e2e --bin size -- "$size_dir/current.names.wasm"
fi

cargo run --quiet -p hanko-e2e --bin state_costs

if [ "$timings" = true ]; then
  cargo run --quiet -p hanko-e2e --bin bench
  echo
  echo "dev backend"
  cargo run --quiet --release -p hanko-devserver --example bench
fi
