#!/usr/bin/env bash
# Quick start, step one: set up, print the 1968 Olympic men's individual pursuit, then serve
# the live app on SQLite with the 1968 competition loaded and replayed live.
# Extra arguments go to `pursuit serve` (e.g. --port 8080, --speed 120, --db sqlite:///x.db).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "start: the 1968 Olympic men's individual pursuit, from examples/…" >&2
.venv/bin/pursuit show examples/mexico-1968-men-individual-pursuit.toml
echo "start: the live app on SQLite, with 1968 loaded and replayed live (Ctrl+C to stop)…" >&2
exec .venv/bin/pursuit serve --demo "$@"
