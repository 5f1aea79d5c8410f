#!/usr/bin/env bash
# The printed-card test renders a card with pdftoppm (poppler-utils) and reads its QR code
# with zbarimg (zbar-tools). Installs Debian's packages when missing and this user can.
set -euo pipefail
command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null && command -v zbarimg >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing poppler-utils and zbar-tools for the printed-card test..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils zbar-tools >/dev/null
  command -v pdftoppm >/dev/null && command -v zbarimg >/dev/null && exit 0
fi
echo "The printed-card test needs pdftoppm and zbarimg: apt-get install -y poppler-utils zbar-tools." >&2
exit 1
