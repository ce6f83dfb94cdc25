#!/usr/bin/env bash
# Install everything the tests need (Python packages, Debian's Chromium) and run every test.
# Usage: bash tests/run_all.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check -r tests/requirements.txt

# The workspace tests use PostgreSQL at 127.0.0.1:5432: start it when it is down. Without it
# they skip, except under CI=true, where they fail.
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start \
    || echo "PostgreSQL could not be started: its tests will skip (or fail under CI=true)"
fi

python3 -m pytest "$@"
