#!/usr/bin/env bash
# Set up pursuit on this machine: a virtualenv in .venv with pursuit and its tools.
#   scripts/setup.sh            Python packages only (no root needed)
#   scripts/setup.sh --system   also the Debian packages the full test suite uses
#                               (PostgreSQL, Chromium, poppler-utils); needs root
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--system" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: --system installs Debian packages and needs root" >&2
    exit 2
  fi
  echo "setup: installing the Debian packages the tests use (PostgreSQL, Chromium, poppler)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  APT=(apt-get -y -q -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
  "${APT[@]}" update >/dev/null
  "${APT[@]}" install --no-install-recommends postgresql chromium poppler-utils \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import pursuit' 2>/dev/null \
   || [ pyproject.toml -nt .venv/.installed ]; then
  echo "setup: installing pursuit and its tools into .venv (the first time takes a minute)…" >&2
  if python3 -m pip install -qq --target .ci/.uv uv 2>/dev/null; then
    .ci/.uv/bin/uv venv -q --allow-existing --python python3 .venv
    VIRTUAL_ENV="$PWD/.venv" .ci/.uv/bin/uv pip install -q -e '.[dev]'
  else
    python3 -m venv .venv
    .venv/bin/python -m pip install -qq -e '.[dev]'
  fi
  touch .venv/.installed
fi
