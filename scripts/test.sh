#!/usr/bin/env bash
# Runs every test of the project, after installing what is missing (idempotent):
#   1. formatting and lints (host and wasm32)
#   2. native tests: protocol, flow state machine, error mapping, URL handling, i18n, dev backend (real HTTP on loopback),
#      the demo's list of CSS custom properties against the stylesheet
#   3. the standalone bundle build (pkg/; nightly without panic machinery where usable, and then the
#      stable fallback build as well, into target/bundle-stable/) and its size budget
#      (size-budget.toml, scripts/check-size.sh)
#   4. browser tests (wasm-bindgen-test in headless Chromium) against a dev backend on 127.0.0.1:18000
#   5. end-to-end tests (WebDriver, headless Chromium) against the dev backend, incl. conformance with the
#      official @teamhanko/hanko-elements 2.7.0 and the server-rendered Leptos example (examples/ssr)
# Ends with one line "tests: N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

"$root/scripts/setup.sh"

log="$(mktemp)"
devserver_pid=""
cleanup() {
  if [ -n "$devserver_pid" ]; then kill "$devserver_pid" 2>/dev/null || true; fi
  rm -f "$log"
}
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { "$@" 2>&1 | tee -a "$log"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --exclude hanko-elements-bundle --exclude hanko-demo --exclude hanko-ssr-example --all-targets -- -D warnings
cargo clippy -p hanko-elements --no-default-features --all-targets -- -D warnings
cargo clippy -p hanko-elements -p hanko-ssr-example --features hanko-elements/ssr,hanko-ssr-example/ssr --all-targets -- -D warnings
cargo clippy -p hanko-elements -p hanko-elements-bundle -p hanko-demo --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p hanko-ssr-example --features hydrate --target wasm32-unknown-unknown --lib -- -D warnings

step "native tests"
run cargo test -p hanko-elements -p hanko-devserver -p hanko-demo
# English only, as in the bundle: the language files and everything else without the other languages.
run cargo test -p hanko-elements --no-default-features --lib
# Server-side rendering: HankoAuth rendered to HTML on the server is the placeholder.
run cargo test -p hanko-elements --features ssr --doc -- hanko_auth

step "standalone bundle and its size budget"
built="$("$root/scripts/build-bundle.sh")"
echo "$built"
"$root/scripts/check-size.sh"
if [[ "$built" == "bundle (nightly"* ]]; then
  # Built with nightly: prove that the stable fallback still builds the bundle too, the same way
  # (beside pkg/, which the tests below use).
  "$root/scripts/build-bundle.sh" --stable --out "${CARGO_TARGET_DIR:-$root/target}/bundle-stable"
fi

step "browser tests (wasm-bindgen-test, headless Chromium)"
cargo build -p hanko-devserver
target_dir="${CARGO_TARGET_DIR:-$root/target}"
devserver_log="$target_dir/devserver-browser-tests.log"
"$target_dir/debug/hanko-devserver" \
  --hanko-listen 127.0.0.1:18000 --microsoft-listen 127.0.0.1:18001 >"$devserver_log" 2>&1 &
devserver_pid=$!
for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null http://127.0.0.1:18000/.well-known/jwks.json 2>/dev/null; then break; fi
  if ! kill -0 "$devserver_pid" 2>/dev/null; then cat "$devserver_log"; exit 1; fi
  sleep 0.1
done
CHROMEDRIVER="$(command -v chromedriver)" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
HANKO_TEST_API=http://127.0.0.1:18000 \
  run cargo test -p hanko-elements --target wasm32-unknown-unknown --test "browser_*"
kill "$devserver_pid" 2>/dev/null || true
devserver_pid=""

step "end-to-end tests (WebDriver, headless Chromium, dev backend)"
# The server-rendered Leptos example (examples/ssr), for e2e/tests/ssr.rs.
"$root/scripts/build-ssr-example.sh"
run cargo test -p hanko-e2e -- --test-threads=1

passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | awk '{s+=$6} END {print s+0}')
echo
echo "tests: $passed passed, $failed failed"
