#!/usr/bin/env bash
# Runs the demo at http://localhost:8080 after installing what is missing (idempotent; the first run
# builds trunk, which takes 15–30 minutes on two cores).
#
#   scripts/demo.sh                                   # against the bundled dev backend (no accounts needed)
#   scripts/demo.sh --username-enabled true           # extra arguments go to the dev backend (devserver/README.md)
#   HANKO_API_URL=https://<id>.hanko.io scripts/demo.sh   # against a real Hanko API (Hanko Cloud or self-hosted)
#
# With the dev backend, trunk proxies http://localhost:8080/api/ to it (same origin), and the simulated
# Microsoft sign-in page is served on http://127.0.0.1:8001. The page is on `localhost`, not 127.0.0.1:
# Chromium's WebAuthn refuses an IP address as relying party, and the dev backend's RP ID is `localhost`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"

"$root/scripts/setup.sh" --demo

devserver_pid=""
cleanup() { if [ -n "$devserver_pid" ]; then kill "$devserver_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT INT TERM

if [ -z "${HANKO_API_URL:-}" ]; then
  cargo build -p hanko-devserver
  "${CARGO_TARGET_DIR:-$root/target}/debug/hanko-devserver" \
    --hanko-listen 127.0.0.1:8000 \
    --microsoft-listen 127.0.0.1:8001 \
    --public-url http://localhost:8080/api \
    --error-redirect-url http://localhost:8080 "$@" &
  devserver_pid=$!
  echo "demo: dev backend on http://127.0.0.1:8000 (proxied at http://localhost:8080/api), Microsoft simulation on http://127.0.0.1:8001"
  echo "demo: passcodes are listed at http://127.0.0.1:8000/outbox"
else
  echo "demo: using the Hanko API at $HANKO_API_URL (allow http://localhost:8080 in its CORS and redirect settings)"
fi

export TRUNK_SKIP_VERSION_CHECK=true
echo "demo: open http://localhost:8080"
trunk serve --config "$root/Trunk.toml"
