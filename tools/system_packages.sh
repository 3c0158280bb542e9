#!/usr/bin/env bash
# What `make test` needs from the system and no wheel carries: Debian's chromium (the
# browser tests drive it, never a downloaded browser) and Pango (WeasyPrint's tagged PDFs).
# Installed with apt when we are root; otherwise one sentence says what to run.
#
# CHROMIUM, APT_GET and AS_ROOT may be set to test this script (tests/test_make.py).
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
APT_GET="${APT_GET:-apt-get}"
AS_ROOT="${AS_ROOT:-$([ "$(id -u)" = 0 ] && echo 1 || echo 0)}"

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then
  missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$AS_ROOT" = 1 ] && command -v "$APT_GET" >/dev/null 2>&1; then
  echo "Installing what the tests need from Debian: ${missing[*]}"
  "$APT_GET" update -qq
  DEBIAN_FRONTEND=noninteractive "$APT_GET" install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "The tests need ${missing[*]} from Debian: run 'sudo apt-get update && sudo apt-get install -y ${missing[*]}', then make test again." >&2
exit 1
