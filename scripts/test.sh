#!/usr/bin/env bash
# Runs the whole test suite: unit, integration and doc tests, GTK tests under a private Xvfb
# display (driven by real X input through xdotool), with the default features and with
# --no-default-features (the GLib-only core).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh

export GSK_RENDERER=cairo
export NO_AT_BRIDGE=1
# GTK must be used from one thread: GTK test binaries run their own single-threaded runner.
xvfb-run -a -s "-screen 0 1280x1024x24" cargo test --all-targets "$@"
xvfb-run -a -s "-screen 0 1280x1024x24" cargo test --doc "$@"
cargo test --no-default-features --all-targets "$@"
