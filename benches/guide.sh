#!/usr/bin/env bash
# The performance guide of BENCHMARKS.md (issue 20, item 5): every
# user-facing command on its standard inputs, whole process, and how the
# cost grows with papers, candidates, stages, contests and boxes, each at three
# sizes. Prints a Markdown table: the best wall time of three runs and the
# largest peak memory (maximum resident set, /usr/bin/time -v).
#
#   benches/guide.sh [WORKDIR]      (default /tmp/countroom-guide)
#
# Run from the repository root. The real datasets (../shared/datasets) are
# used when present and their rows skipped otherwise. Nothing is asserted:
# timings vary with the machine and its load.
set -euo pipefail

work=${1:-/tmp/countroom-guide}
mkdir -p "$work"
cargo build --release --quiet --bin countroom --example synthetic_blt --example boxes_log
bin=target/release/countroom
gen=target/release/examples/synthetic_blt
boxes=target/release/examples/boxes_log
data=../shared/datasets

# best wall (s) and peak memory (MiB) of three runs of "$@", output discarded.
measure() {
  local best="" peak=0 t
  for _ in 1 2 3; do
    /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>&1 || true
    read -r wall kib < <(tail -1 "$work/time.txt")
    if [[ -z $best ]] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
    (( kib > peak )) && peak=$kib
  done
  awk -v w="$best" -v k="$peak" 'BEGIN{printf "%.3f s | %.1f MiB", w, k/1024}'
}

row() { # row WHAT INPUT COMMAND...
  local what=$1 input=$2; shift 2
  printf '| %s | %s | %s | `%s` |\n' "$what" "$input" "$(measure "$@")" "${*#"$bin" }"
}

echo "| command | input | wall (best of 3) | peak memory | command line |"
echo "|---|---|---|---|---|"
ex=examples/data
row verify "abbey-ward example" $bin verify $ex/abbey-ward.jsonl
row count "abbey-ward example" $bin count $ex/abbey-ward.jsonl
row count "exampleshire mayor (collated)" $bin count $ex/exampleshire-mayor.jsonl
if [[ -d $data/general-election-2019 ]]; then
  ge=$data/general-election-2019
  $bin results $ge/HoC-GE2019-results-by-candidate.csv --contests $ge/HoC-GE2019-results-by-constituency.csv \
    --log "$work/ge2019.jsonl" --date 2019-12-12 --election ge2019 >/dev/null
  row results "GE2019, 650 constituencies" $bin results $ge/HoC-GE2019-results-by-candidate.csv --contests $ge/HoC-GE2019-results-by-constituency.csv
  row count "GE2019 log, 650 contests, to stdout" $bin count "$work/ge2019.jsonl"
  row "count --out" "GE2019 log, 650 files" $bin count "$work/ge2019.jsonl" --out "$work/ge2019-out"
  row verify "GE2019 log" $bin verify "$work/ge2019.jsonl"
fi
row results "published example" $bin results $ex/published/results.csv --contests $ex/published/contests.csv
if [[ -d $data/eu-referendum-2016 ]]; then
  row collate "EU referendum 2016, 382 areas" $bin collate $data/eu-referendum-2016 --published --choices Remain,Leave --poll "EU referendum"
fi
row collate "referendum-totals example" $bin collate $ex/referendum-totals --choices Yes,No
row accounts "accounts example" $bin accounts $ex/accounts/ledger.csv --polls $ex/accounts/polls.csv --caps $ex/accounts/mra.csv --scale $ex/accounts/scale.csv
row stv "stv-ward example" $bin stv --rules scotland $ex/stv-ward.blt
g17=$data/scotland-stv/glasgow-2017-official
if [[ -d $g17 ]]; then
  for sheet in "$g17"/*Ward_2_*.derived.txt; do
    row "stv check-sheet" "Glasgow 2017 ward 2 (official sheet)" $bin stv check-sheet "$sheet" --rules scotland
  done
fi

echo
echo "Growth (synthetic contests from examples/synthetic_blt.rs):"
echo
echo "| grows with | size | wall (best of 3) | peak memory | command line |"
echo "|---|---|---|---|---|"
for papers in 100000 1000000 3000000; do
  f="$work/p$papers.blt"; [[ -f $f ]] || $gen one "$f" $papers 15 5
  row papers "$papers papers, 15 candidates, 5 seats" $bin stv --rules scotland "$f"
done
for c in 6 15 40; do
  f="$work/c$c.blt"; [[ -f $f ]] || $gen one "$f" 200000 $c 5
  row candidates "$c candidates, 200,000 papers, 5 seats" $bin stv --rules scotland "$f"
done
for c in 6 15 40; do
  sheet="$work/c$c.csv"
  $bin stv --rules scotland --format csv "$work/c$c.blt" >"$sheet" || true
  stages=$(tail -1 "$sheet" | cut -d, -f1)
  row stages "the $c-candidate sheet ($stages stages)" $bin stv check-sheet "$sheet" --rules scotland --seats 5
done
for n in 100 500 1100; do
  d="$work/contests-$n"; [[ -d $d ]] || $gen many "$d" $n 5000
  row contests "$n contests of ~5,000 papers, 2 jobs" $bin stv --rules scotland --seed bench --jobs 2 "$d"
done
for n in 1000 10000 100000; do
  f="$work/boxes-$n.jsonl"; [[ -f $f ]] || $boxes "$f" $n 2>/dev/null
  row boxes "$n polling station boxes with accounts, verify" $bin verify "$f"
  row boxes "$n polling station boxes with accounts, count" $bin count "$f"
done
