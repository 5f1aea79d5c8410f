#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download works on these machines).
# Installs it when missing and this user can; otherwise says what to do.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$chromium" ] && exit 0
fi
echo "The browser tests need Chromium at $chromium: apt-get install -y chromium (or set CHROMIUM_PATH)." >&2
exit 1
