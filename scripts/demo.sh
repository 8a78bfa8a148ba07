#!/usr/bin/env bash
# Runs the main demo. On a desktop it opens a window; with no display it starts its own
# Xvfb, drives itself with real input, prints what happened and writes demo.png.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
exec cargo run --quiet --example demo -- "$@"
