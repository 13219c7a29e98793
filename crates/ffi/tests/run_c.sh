#!/usr/bin/env bash
# Builds countroom's C library, compiles the C test program and the C
# example against include/countroom.h with the system `cc`, and runs the
# test under valgrind (no leaks, no invalid reads or writes), comparing
# what the C ABI gives with what the `countroom` CLI prints for the same
# inputs, byte for byte. Called by .ci/run; run it from anywhere.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$repo"

# The library (cdylib, staticlib) and the CLI the test compares with.
cargo build --locked -p countroom-ffi
cargo build --locked --bin countroom
lib="$repo/target/debug"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# What the CLI prints: the C ABI must give the same bytes.
cli="$lib/countroom"
"$cli" count examples/data/abbey-ward.jsonl --format json > "$work/abbey-ward.json"
"$cli" count examples/data/westbury.jsonl --format json > "$work/westbury.json"
"$cli" count examples/data/westbury.jsonl --format json --contest westbury > "$work/westbury-contest.json"
"$cli" count examples/data/westbury.jsonl > "$work/westbury.txt"
"$cli" stv examples/data/stv-ward.blt --rules scotland --format json > "$work/stv-ward.json"
"$cli" stv examples/data/stv-ward.blt --rules ni --format json > "$work/stv-ward-ni.json"
# `results` exits 1 when it finds problems (the shipped files have two).
published=(examples/data/published/results.csv --contests examples/data/published/contests.csv)
"$cli" results "${published[@]}" --format json > "$work/results.json" || [ $? -eq 1 ]
"$cli" results "${published[@]}" --log "$work/published.jsonl" --date 2029-05-03 > /dev/null || [ $? -eq 1 ]

cflags=(-std=c99 -Wall -Wextra -Werror -pedantic -g -I"$repo/include")
cc "${cflags[@]}" crates/ffi/tests/c/test_countroom.c -o "$work/test_countroom" \
  -L"$lib" -lcountroom_ffi -Wl,-rpath,"$lib"
cc "${cflags[@]}" examples/c/count_log.c -o "$work/count_log" \
  -L"$lib" -lcountroom_ffi -Wl,-rpath,"$lib"

echo "== the C test program under valgrind"
# All leak kinds are errors: a buffer or count not freed is still held by
# countroom's registries ("still reachable"), and that is a leak in the caller.
# The one process-wide cache (the ruleset table's digest) is suppressed by
# name in valgrind.supp.
valgrind --quiet --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
  --num-callers=60 --suppressions="$repo/crates/ffi/tests/valgrind.supp" \
  --error-exitcode=1 "$work/test_countroom" "$repo" "$work"

echo "== the C example"
"$work/count_log" examples/data/westbury.jsonl > "$work/example.out"
grep -q '"seq":4' "$work/example.out"
echo "the C example ran: $(wc -l < "$work/example.out") lines"
