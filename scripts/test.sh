#!/usr/bin/env bash
# The README's test command: installs what the browser and PDF tests need
# (when running as root on Debian and it is missing), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null) \
      || echo "注意：无法安装 chromium / fonts-noto-cjk / poppler-utils，浏览器与 PDF 测试将被跳过（并会显示提示）。"
  fi
fi
# Where Chromium is installed, a browser test that would skip is a failure.
if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
  export WUYE_REQUIRE_BROWSER=1
fi
cargo test --all-targets
# The metrics against an independent implementation of the data contract
# (scripts/oracle, Python standard library only) on generated edge-case estates.
if command -v python3 >/dev/null 2>&1; then
  python3 scripts/oracle/test_oracle.py
  python3 scripts/oracle/crosscheck.py --no-build --wuye target/debug/wuye --cases 12
else
  echo "SKIPPED: python3 not found, the metrics cross-check against scripts/oracle did not run."
fi
