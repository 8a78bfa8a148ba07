#!/usr/bin/env bash
# Compares the generated typed streams with the signals gtk4-rs and gio bind themselves:
# every `connect_<signal>` method of their generated `auto/` modules (property notifications
# `connect_*_notify` and the non-signal `connect_*async` methods excluded) against our
# `<signal>_stream` methods, per type (module file) and per distinct name; then every
# `connect_<property>_notify` against our property streams. Reads the crates' sources from
# cargo's registry.
set -euo pipefail
cd "$(dirname "$0")/.."

registry=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/ | head -n1)

# Prints "module method" pairs: $1 a folder of modules, $2 a sed expression extracting names.
pairs() {
    for file in "$1"/*.rs; do
        module=$(basename "$file" .rs)
        sed -n "$2" "$file" | sed "s/^/$module /"
    done | sort -u
}

compare() {
    local name=$1 theirs=$2 ours=$3
    local their_pairs our_pairs
    their_pairs=$(pairs "$theirs" 's/.*fn connect_\([a-z0-9_]*\)<.*/\1/p' | grep -v -e '_notify$' -e 'async$' -e '_trampoline$')
    our_pairs=$(pairs "$ours" '/PropertyStream</!s/.*fn \([a-z0-9_]*\)_stream\b.*/\1/p')
    report "$name" "signal" "$their_pairs" "$our_pairs"
}

# The same for properties: `connect_<property>_notify` against our `<property>_stream` (or
# `<property>_property_stream`) methods yielding a `PropertyStream`.
compare_properties() {
    local name=$1 theirs=$2 ours=$3
    local their_pairs our_pairs
    their_pairs=$(pairs "$theirs" 's/.*fn connect_\([a-z0-9_]*\)_notify<.*/\1/p')
    our_pairs=$(pairs "$ours" 's/.*fn \([a-z0-9_]*\)_stream(&self) -> PropertyStream<.*/\1/p' | sed 's/_property$//')
    report "$name" "property" "$their_pairs" "$our_pairs"
}

report() {
    local name=$1 what=$2 their_pairs=$3 our_pairs=$4
    local total covered names names_covered
    total=$(wc -l <<<"$their_pairs")
    covered=$(comm -12 <(echo "$their_pairs") <(echo "$our_pairs") | wc -l)
    names=$(cut -d' ' -f2 <<<"$their_pairs" | sort -u | wc -l)
    names_covered=$(comm -12 <(cut -d' ' -f2 <<<"$their_pairs" | sort -u) \
        <(cut -d' ' -f2 <<<"$our_pairs" | sort -u) | wc -l)
    echo "$name: $covered of $total (type, $what) pairs, $names_covered of $names distinct names"
    echo "  not covered:"
    comm -23 <(echo "$their_pairs") <(echo "$our_pairs") | sed 's/^/    /'
}

compare "gtk4 0.11" "$(ls -d "$registry"gtk4-0.11.*/src/auto | tail -n1)" src/gtk_streams/auto
compare "gio 0.22" "$(ls -d "$registry"gio-0.22.*/src/auto | tail -n1)" src/gio_streams/auto
compare_properties "gtk4 0.11" "$(ls -d "$registry"gtk4-0.11.*/src/auto | tail -n1)" src/gtk_streams/auto
compare_properties "gio 0.22" "$(ls -d "$registry"gio-0.22.*/src/auto | tail -n1)" src/gio_streams/auto
