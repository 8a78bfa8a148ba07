#!/usr/bin/env bash
# Runs the leak tests' connect / emit / drop cycles (examples/leak_check.rs, every kind of
# stream and every way one ends) under valgrind memcheck. Fails if any block is definitely
# lost: a stream, queue, closure or item that nothing frees. GLib-only build, no display needed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null; then
    echo "valgrind is missing: apt-get install -y valgrind" >&2
    exit 1
fi

cargo build --no-default-features --example leak_check
# GLib 2.74's slice allocator keeps freed blocks in its own caches: make it use malloc so
# valgrind sees every allocation and free.
G_SLICE=always-malloc G_DEBUG=gc-friendly valgrind \
    --quiet \
    --leak-check=full \
    --errors-for-leak-kinds=definite \
    --error-exitcode=1 \
    --suppressions=valgrind.supp \
    target/debug/examples/leak_check "${LEAK_CHECK_CYCLES:-11000}"
echo "leak check: no block definitely lost"
