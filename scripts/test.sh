#!/usr/bin/env bash
# Quick start, step two: set up and run every check CI runs — lint, types and the tests.
# As root on a fresh Debian machine it also installs the Debian packages the suite needs.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS; step() { echo "== [$((SECONDS - t0))s] $*"; }

step "setup"
if [ "$(id -u)" -eq 0 ]; then scripts/setup.sh --system; else scripts/setup.sh; fi

step "ruff";  .venv/bin/ruff check src tests bench && .venv/bin/ruff format --check src tests bench
step "mypy";  .venv/bin/mypy

if [ -z "${PURSUIT_TEST_DATABASE_URL:-}" ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  step "start PostgreSQL"
  # shellcheck source=scripts/pg_up.sh
  source scripts/pg_up.sh
  trap pg_down EXIT
fi

step "pytest"
set +e
.venv/bin/pytest -n 2 --dist loadgroup -p no:cacheprovider -ra -W "ignore::pytest.PytestRemovedIn10Warning" "$@"
rc=$?
set -e
step "done (pytest rc=$rc)"
if [ "$rc" -eq 5 ]; then echo "no tests collected"; exit 1; fi
exit "$rc"
