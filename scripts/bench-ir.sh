#!/usr/bin/env bash
# Instructions per operation for every scenario x mode of the signals bench, and of the
# glib-signal comparison crate (benches/glib-signal), as markdown tables.
#
#   scripts/bench-ir.sh
#
# Each figure is (Ir(2N) - Ir(N)) / N from `valgrind --tool=callgrind` on the bench binary's
# `--profile SCENARIO MODE N` (scripts/ir.sh measures one): start-up and set-up cancel out,
# and the count does not depend on the machine's load, unlike times. Ratios divide by the
# callback and the floor modes of the signals bench (glib 0.22); the glib-signal rows also
# show their own glib 0.19 callback. About 10 minutes on one core.
set -euo pipefail
cd "$(dirname "$0")/.."

# Iterations (N; 2N is run too) per scenario: enough for the per-operation cost to dominate.
declare -A N=([batch]=20000 [pingpong]=5000 [churn]=5000)
SCENARIOS=(batch pingpong churn)
SCALE_KS=(100 1000 10000)

ours=$(cargo bench --bench signals --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n1)
[ -x "$ours" ] || { echo "no benchmark binary for signals" >&2; exit 1; }
cargo build --release --quiet --manifest-path benches/glib-signal/Cargo.toml
theirs=benches/glib-signal/target/release/glib-signal-bench

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ir BIN SCENARIO MODE N: prints (Ir(2N) - Ir(N)) / N.
ir() {
    local bin=$1 scenario=$2 mode=$3 n=$4 a b m
    for m in "$n" $((2 * n)); do
        valgrind --tool=callgrind --callgrind-out-file="$tmp/out.$m" \
            "$bin" --profile "$scenario" "$mode" "$m" >/dev/null 2>"$tmp/err" ||
            { cat "$tmp/err" >&2; exit 1; }
    done
    a=$(sed -n 's/^summary: //p' "$tmp/out.$n")
    b=$(sed -n 's/^summary: //p' "$tmp/out.$((2 * n))")
    echo $(((b - a) / n))
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

declare -A IR
measure() { # measure BIN TAG: fills IR[TAG/mode/scenario] for every mode of BIN
    local bin=$1 tag=$2 key s
    while IFS=$'\t' read -r key _; do
        for s in "${SCENARIOS[@]}"; do
            IR[$tag/$key/$s]=$(ir "$bin" "$s" "$key" "${N[$s]}")
            echo "  $tag $key $s: ${IR[$tag/$key/$s]}" >&2
        done
    done < <("$bin" --modes)
}

echo "measuring (callgrind, N and 2N per scenario)..." >&2
measure "$ours" ours
measure "$theirs" theirs
none=$(ir "$ours" batch none "${N[batch]}")
echo "  ours none batch: $none" >&2

echo "Instructions per operation, callgrind, (Ir(2N) - Ir(N)) / N with N = batch ${N[batch]}," \
    "pingpong ${N[pingpong]}, churn ${N[churn]} (\`scripts/bench-ir.sh\`)."
echo
echo "| mode | batch Ir/emission | / callback | / floor | pingpong Ir/round | / callback | / floor | churn Ir/connect + drop | / callback | / floor |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
row() { # row BIN TAG
    local bin=$1 tag=$2 key name s line
    while IFS=$'\t' read -r key name; do
        line="| $name"
        for s in "${SCENARIOS[@]}"; do
            line+=" | ${IR[$tag/$key/$s]} | $(ratio "${IR[$tag/$key/$s]}" "${IR[ours/callback/$s]}")"
            line+=" | $(ratio "${IR[$tag/$key/$s]}" "${IR[ours/floor/$s]}")"
        done
        echo "$line |"
    done < <("$bin" --modes)
}
row "$ours" ours
row "$theirs" theirs
echo
echo "Ratios divide by the \`callback\` and \`floor\` rows (glib 0.22); the glib-signal rows are" \
    "built against glib 0.19 (\`benches/glib-signal\`), whose own callback row is beside them."
echo

# The part of a batch emission a design controls: each mode's cost above the emission with no
# handler connected (`--profile batch none`); this crate's modes only (glib-signal is built on
# another glib, whose emission costs differ).
echo "An emission with no handler connected (\`none\`) executes $none instructions; above it, each mode's handler:"
echo
echo "| mode | batch handler Ir (above no handler) | / callback's |"
echo "|---|---:|---:|"
handler_rows() { # handler_rows BIN TAG
    local bin=$1 tag=$2 key name
    while IFS=$'\t' read -r key name; do
        echo "| $name | $((IR[$tag/$key/batch] - none)) | $(ratio $((IR[$tag/$key/batch] - none)) $((IR[ours/callback/batch] - none))) |"
    done < <("$bin" --modes)
}
handler_rows "$ours" ours
echo

# Scale: cost per handler with k live on one emitter (`--profile scale MODE k`: three rounds of
# k connects and k drops, LIFO, LIFO after one emission, random order), (Ir(2k) - Ir(k)) / k.
echo "| k live handlers on one emitter | callback Ir per handler | typed stream Ir per stream | ratio |"
echo "|---:|---:|---:|---:|"
for k in "${SCALE_KS[@]}"; do
    c=$(ir "$ours" scale callback "$k")
    t=$(ir "$ours" scale typed "$k")
    echo "  scale $k: callback $c typed $t" >&2
    echo "| $k | $c | $t | $(ratio "$t" "$c") |"
done
