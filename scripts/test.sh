#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh machine, then run lint and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# System packages for the browser and load-balancer tests: Debian's Chromium and nginx.
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  elif [[ " ${need[*]} " == *" chromium "* ]]; then
    # No apt: use Playwright's own Chromium build (tests look for it when /usr/bin/chromium is absent).
    .venv/bin/python -m playwright install chromium
  fi
fi

# axe-core for the accessibility test, pinned in package-lock.json (Debian's npm where apt exists).
if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
fi
npm ci --no-audit --no-fund --silent

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m mypy aicost  # the domain package's types ([tool.mypy] in pyproject.toml)
.venv/bin/lint-imports  # the layers import downwards only ([tool.importlinter] in pyproject.toml)
# Everything, the browser tests included (plain `pytest` runs the quick part); the slowest last.
.venv/bin/python -m pytest -m "e2e or not e2e" --durations=15 "$@"
