#!/usr/bin/env bash
# Screenshot a built page with headless Chromium, for looking at what wuye renders.
# usage: scripts/screenshot.sh PAGE.html OUT.png [WIDTH] [HEIGHT]
set -euo pipefail
page=$(realpath "$1"); out=$2; width=${3:-360}; height=${4:-2000}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size="$width,$height" \
  --screenshot="$out" "file://$page" >/dev/null 2>&1
