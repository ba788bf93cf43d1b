#!/usr/bin/env bash
# Checks the standalone bundle in pkg/ against the size budget in size-budget.toml.
#
#   scripts/check-size.sh [--budget-file FILE] [--pkg DIR]
#
# The measured size is `gzip -9` of the wasm plus every JS file of the bundle (the glue, with the
# snippets bundled in or beside it), each file compressed on its own, as a server sends them. Prints one line with both
# numbers; exits 1 when the size is above the budget, 2 on a missing or unreadable budget or bundle.
# When the [languages] table has a `gzip_bytes`, each language file in i18n/ (the languages loaded
# on demand) is checked against it the same way, and a bundle without language files is an error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget_file="$root/size-budget.toml"
pkg="$root/pkg"
while [ $# -gt 0 ]; do
  case "$1" in
    --budget-file) budget_file="${2:?--budget-file needs a file}"; shift 2 ;;
    --pkg) pkg="${2:?--pkg needs a directory}"; shift 2 ;;
    *) echo "check-size: unknown option $1" >&2; exit 2 ;;
  esac
done

# The value of `gzip_bytes = N` in the table named $1 (empty when there is none).
gzip_bytes_in() {
  awk -v wanted="[$1]" '
    /^[[:space:]]*\[/ { table = $0; gsub(/[[:space:]]/, "", table); next }
    table == wanted && /^[[:space:]]*gzip_bytes[[:space:]]*=/ {
      value = $0; sub(/^[^=]*=[[:space:]]*/, "", value); sub(/[[:space:]]*(#.*)?$/, "", value); print value; exit
    }' "$budget_file" 2>/dev/null || true
}
budget="$(gzip_bytes_in bundle)"
if ! [[ "$budget" =~ ^[0-9]+$ ]]; then
  echo "check-size: no \`gzip_bytes = <number>\` in the [bundle] table of $budget_file" >&2
  exit 2
fi
language_budget="$(gzip_bytes_in languages)"
if [ -n "$language_budget" ] && ! [[ "$language_budget" =~ ^[0-9]+$ ]]; then
  echo "check-size: the [languages] table's gzip_bytes in $budget_file is not a number" >&2
  exit 2
fi

wasm="$pkg/hanko_elements_bg.wasm"
if [ ! -f "$wasm" ] || [ ! -f "$pkg/hanko_elements.js" ]; then
  echo "check-size: no bundle in $pkg (build it with scripts/build-bundle.sh)" >&2
  exit 2
fi
gz() { gzip -9 -c "$1" | wc -c; }
wasm_gz="$(gz "$wasm")"
js_gz=0
while IFS= read -r -d '' js; do
  js_gz=$((js_gz + $(gz "$js")))
done < <(find "$pkg" -name '*.js' -print0)
total=$((wasm_gz + js_gz))

over_languages=0
if [ -n "$language_budget" ]; then
  largest=0
  largest_file=""
  count=0
  for file in "$pkg"/i18n/*.json; do
    [ -f "$file" ] || continue
    count=$((count + 1))
    size="$(gz "$file")"
    if [ "$size" -gt "$largest" ]; then largest="$size"; largest_file="$(basename "$file")"; fi
    if [ "$size" -gt "$language_budget" ]; then
      echo "check-size: the language file i18n/$(basename "$file") is $size B gzip, $((size - language_budget)) B over the language budget of $language_budget B in $budget_file" >&2
      over_languages=1
    fi
  done
  if [ "$count" -eq 0 ]; then
    echo "check-size: no language files in $pkg/i18n (build the bundle with scripts/build-bundle.sh)" >&2
    exit 2
  fi
  if [ "$over_languages" -eq 0 ]; then
    echo "check-size: $count language files, the largest i18n/$largest_file at $largest B gzip, within the language budget of $language_budget B"
  fi
fi

if [ "$total" -gt "$budget" ]; then
  echo "check-size: the bundle is $total B gzip (wasm $wasm_gz B + JS $js_gz B), $((total - budget)) B over the budget of $budget B in $budget_file" >&2
  exit 1
fi
echo "check-size: the bundle is $total B gzip (wasm $wasm_gz B + JS $js_gz B), within the budget of $budget B ($((budget - total)) B left)"
exit "$over_languages"
