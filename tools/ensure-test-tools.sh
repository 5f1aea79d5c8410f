#!/usr/bin/env bash
# Programs some tests run: pdftoppm and pdftotext (poppler-utils) render a printed card,
# zbarimg (zbar-tools) reads its QR code back, pg_dump and psql (postgresql-client-15, the
# embedded server's major version) back up and restore a database. Installs Debian's
# packages when missing and this user can.
set -euo pipefail
have() { command -v pdftoppm && command -v pdftotext && command -v zbarimg && command -v pg_dump && command -v psql; }
have >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing poppler-utils, zbar-tools and postgresql-client-15 for the card and backup tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils zbar-tools postgresql-client-15 >/dev/null
  have >/dev/null && exit 0
fi
echo "The card and backup tests need pdftoppm, zbarimg, pg_dump and psql: apt-get install -y poppler-utils zbar-tools postgresql-client-15." >&2
exit 1
