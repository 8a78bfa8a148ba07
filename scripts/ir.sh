#!/usr/bin/env bash
# Instructions per operation, counted by callgrind: deterministic on a shared machine, unlike
# times. Runs `BENCH --profile SCENARIO MODE N` and `... 2N` (release build) under
# `valgrind --tool=callgrind` and prints (Ir(2N) - Ir(N)) / N, which cancels start-up and
# set-up costs.
#
#   scripts/ir.sh signals batch typed 20000
#   scripts/ir.sh benches/glib-signal/Cargo.toml churn glib-signal 5000
#
# BENCH is a bench target of this crate, the Cargo.toml of a crate whose binary takes the same
# arguments (built with --release), or such a binary. Every scenario x mode at once:
# scripts/bench-ir.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 4 ]; then
    echo "usage: scripts/ir.sh BENCH SCENARIO MODE N" >&2
    exit 2
fi
bench=$1 scenario=$2 mode=$3 n=$4

case $bench in
*Cargo.toml)
    bin=$(cargo build --release --manifest-path "$bench" --message-format=json 2>/dev/null |
        sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n1) ;;
*/*) bin=$bench ;;
*)
    bin=$(cargo bench --bench "$bench" --no-run --message-format=json 2>/dev/null |
        sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n1) ;;
esac
[ -x "$bin" ] || { echo "no benchmark binary for $bench" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ir() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/out.$1" "$bin" --profile "$scenario" "$mode" "$1" \
        >/dev/null 2>"$tmp/err.$1" || { cat "$tmp/err.$1" >&2; exit 1; }
    sed -n 's/^summary: //p' "$tmp/out.$1"
}
a=$(ir "$n")
b=$(ir $((2 * n)))
echo "$bench $scenario $mode: $(( (b - a) / n )) Ir per operation (Ir($n) = $a, Ir($((2 * n))) = $b)"
