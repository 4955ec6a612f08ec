#!/usr/bin/env bash
# Quick start, step one: set up and show the 1968 Olympic men's individual pursuit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/pursuit show examples/mexico-1968-men-individual-pursuit.toml
