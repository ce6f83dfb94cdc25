#!/usr/bin/env bash
# Install everything the tests need (Python packages, Debian packages) and run every test.
# Usage: bash tests/run_all.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: the browser for the e2e tests, xmllint for the GEXF schema checks,
# pdftoppm/pdftotext for the PDF brief. Under CI=true the tests that need them fail without them.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check -r tests/requirements.txt

# The workspace tests use PostgreSQL at 127.0.0.1:5432: start it when it is down. Without it
# they skip, except under CI=true, where they fail.
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start \
    || echo "PostgreSQL could not be started: its tests will skip (or fail under CI=true)"
fi

python3 -m pytest "$@"
