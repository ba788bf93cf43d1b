#!/usr/bin/env bash
# Makes the README's screenshots (docs/*.png) from the running element: the example page with the
# standalone bundle against the dev backend, in headless Chromium (e2e/src/bin/screenshots.rs).
# Run it after a change to how the element looks; the files are committed.
#
# Usage: scripts/screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:/usr/local/bin:$PATH"

"$root/scripts/setup.sh"
"$root/scripts/build-bundle.sh"
cargo run -p hanko-e2e --bin screenshots
