#!/usr/bin/env bash
# Runs under valgrind memcheck, GLib-only build, no display needed:
# - connect / emit / drop cycles (examples/leak_check.rs, with its own emitter: every kind of stream
#   and every way one ends);
# - the re-entrancy tests and a short run of the model-based test (random sequences with
#   drops, dispose and emissions inside emissions);
# - a short run of four threads emitting into one Send stream while it is polled;
# - a short run of the stress suite (tests/stress.rs): threads emitting into Send streams of
#   every form while the consumer drops and reconnects.
# Fails on any invalid memory access and on any block definitely lost: a stream, queue,
# closure or item that nothing frees. (tests/misuse.rs is left out: it runs itself again in
# child processes, with GLib's fatal warnings.)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null; then
    echo "valgrind is missing: apt-get install -y valgrind" >&2
    exit 1
fi

# GLib 2.74's slice allocator keeps freed blocks in its own caches: make it use malloc so
# valgrind sees every allocation and free.
export G_SLICE=always-malloc G_DEBUG=gc-friendly
VALGRIND=(valgrind --quiet --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite
    --error-exitcode=1 --suppressions=valgrind.supp)

cargo build --no-default-features --example leak_check
"${VALGRIND[@]}" target/debug/examples/leak_check "${LEAK_CHECK_CYCLES:-11000}"

# Cargo runs each test binary through the runner; one test thread keeps valgrind fast.
host=$(rustc -vV | sed -n 's/^host: //p')
runner_var="CARGO_TARGET_$(echo "$host" | tr 'a-z-' 'A-Z_')_RUNNER"
export "$runner_var"="${VALGRIND[*]}"
PROPTEST_CASES="${LEAK_CHECK_MODEL_CASES:-150}" cargo test --no-default-features \
    --test reentrancy --test model -- --test-threads=1
THREADS_PER_THREAD="${LEAK_CHECK_PER_THREAD:-2000}" cargo test --no-default-features \
    --test threads -- --test-threads=1 --exact \
    four_threads_emitting_into_one_send_stream_lose_nothing_and_keep_each_threads_order
STRESS_PER_THREAD="${LEAK_CHECK_STRESS_PER_THREAD:-300}" cargo test --no-default-features \
    --test stress -- --test-threads=1
echo "leak check: no invalid access, no block definitely lost"
