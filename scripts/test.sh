#!/usr/bin/env bash
# One command from a fresh clone: environment, test dependencies (Debian's chromium for the
# browser tests, when run as root), then the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup_env.sh test
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is not installed: the browser tests will be skipped" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
