#!/usr/bin/env bash
# Install the Debian packages the test suite needs, when they are missing:
#   chromium        real-browser tests (Playwright drives /usr/bin/chromium; no browser download)
#   fonts-noto-cjk  Japanese text in screenshots and exports
#   postgresql      the shared-store tests start a throwaway server from its binaries
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list :lang=ja 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${need[*]} (install them with: sudo apt-get install -y ${need[*]})" >&2
  exit 1
fi
echo "installing Debian packages: ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
