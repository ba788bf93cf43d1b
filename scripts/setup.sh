#!/usr/bin/env bash
# Installs, idempotently, what the tests and the demo need on a Debian machine.
#
#   scripts/setup.sh            # test tools: OpenSSL headers, wasm32 target, wasm-bindgen-cli, wasm-opt, Chromium, chromedriver, Node
#   scripts/setup.sh --demo     # the same, plus trunk (slow to build: 15–30 minutes on two cores)
#   scripts/setup.sh --bench    # the same, plus twiggy (the size profiler scripts/bench.sh uses; ~2 minutes)
#
# Where rustup has a nightly toolchain, it also adds nightly's rust-src (the bundle's release build then
# rebuilds std without panic machinery; scripts/build-bundle.sh falls back to stable without it).
#
# Every step checks first and installs only what is missing, so running it again is cheap.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want_trunk=false
want_twiggy=false
for arg in "$@"; do
  case "$arg" in
    --demo) want_trunk=true ;;
    --bench) want_twiggy=true ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
TWIGGY_VERSION="0.8.0"

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"

# The exact wasm-bindgen version the crate is pinned to, read from Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$here/Cargo.lock"
}

apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=true
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# curl, for readiness checks in the scripts.
if ! command -v curl >/dev/null; then
  apt_install curl ca-certificates
fi

# OpenSSL headers and pkg-config: the dev backend verifies WebAuthn attestations with webauthn-rs-core.
if ! command -v pkg-config >/dev/null || ! pkg-config --exists openssl 2>/dev/null; then
  apt_install libssl-dev pkg-config
fi

# Chromium and its driver (Debian's, same build), for browser and end-to-end tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt_install chromium chromium-driver
fi

# Node and npm, for wasm-opt (binaryen) and the conformance test's official hanko-elements.
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# The wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-opt from binaryen 132 (Debian's binaryen 108 breaks wasm-bindgen 0.2.130 output).
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  log "npm install -g binaryen@$BINARYEN_VERSION"
  npm install -g --prefix /usr/local --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# wasm-bindgen-cli at exactly the version in Cargo.lock (also ships wasm-bindgen-test-runner).
wbg="$(wasm_bindgen_version)"
if [ -z "$wbg" ]; then
  echo "setup.sh: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$\| $wbg "; then
  log "cargo install wasm-bindgen-cli $wbg"
  export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  cargo install wasm-bindgen-cli --version "=$wbg" --locked --force \
    || cargo install wasm-bindgen-cli --version "=$wbg" --force
fi

# rust-src for the nightly toolchain, where one is installed (this script installs no nightly). Without
# it the bundle builds with stable, only larger.
if rustup run nightly rustc --version >/dev/null 2>&1 \
  && ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -qx rust-src; then
  log "rustup component add rust-src --toolchain nightly"
  rustup component add rust-src --toolchain nightly \
    || log "no rust-src for nightly: the bundle builds with stable"
fi

if [ "$want_twiggy" = true ] && ! twiggy --version 2>/dev/null | grep -q " $TWIGGY_VERSION\$"; then
  log "cargo install twiggy $TWIGGY_VERSION"
  export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  cargo install twiggy --version "=$TWIGGY_VERSION" --locked --force \
    || cargo install twiggy --version "=$TWIGGY_VERSION" --force
fi

if [ "$want_trunk" = true ] && ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "cargo install trunk $TRUNK_VERSION (this takes a while on a small machine)"
  export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

log "ready: $(chromium --version 2>/dev/null | head -1); $(wasm-bindgen --version); $(wasm-opt --version)"
