#!/usr/bin/env bash
# Whole-process benchmark: `claimlint check --format json` against the parse-only floor
# (examples/floor.rs: read every file, run pulldown-cmark with offsets, nothing else).
# Generates the corpora under target/corpus (deterministic, examples/gen_corpus.rs),
# then prints:
#   - 10 MB, one core: claimlint vs the floor (target: within 3x)
#   - 100 MB, one core vs both cores (target: both at least 1.7x faster)
#   - 100 MB vs 10 MB on one core (target: at most 11x)
#   - peak memory (max RSS) on the 50 MB single file (target: under 4x its size)
#   - start-up: the bundled essay (target: under 30 ms)
# Times are wall clock (best of RUNS) and user CPU from /usr/bin/time; on a shared
# machine wall time is noisy, so both are shown.
# Usage: benches/run.sh [--quick]   (--quick: skips 100 MB and the 50 MB file)
# Environment: RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
runs=${RUNS:-3}
cargo build --release -q --bin claimlint --example gen_corpus --example floor
bin=target/release/claimlint
gen=target/release/examples/gen_corpus
floor=target/release/examples/floor
asof=(--as-of 2026-01-01)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

$gen --size 10MB --out target/corpus/10mb >/dev/null
if [ "$quick" != "--quick" ]; then
  $gen --size 100MB --out target/corpus/100mb >/dev/null
  $gen --size 50MB --single --out target/corpus/50mb.md >/dev/null
fi

# measure N cmd...: best wall, best user and max RSS over N runs, as "wall user rss_kb".
measure() {
  local n=$1; shift
  local best_w="" best_u="" rss=0 out w u m
  for _ in $(seq "$n"); do
    # claimlint exits 1 when it reports findings: not a failure here.
    /usr/bin/time -o "$tmp" -f "%e %U %M" "$@" >/dev/null 2>&1 || true
    read -r w u m < <(tail -1 "$tmp")
    if [ -z "$best_w" ] || awk "BEGIN{exit !($w < $best_w)}"; then best_w=$w; fi
    if [ -z "$best_u" ] || awk "BEGIN{exit !($u < $best_u)}"; then best_u=$u; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best_w $best_u $rss"
}
ratio() { awk "BEGIN{printf \"%.2f\", $1 / ($2 > 0.001 ? $2 : 0.001)}"; }
row() { printf '%-40s wall %8.3f s   user %8.3f s   max RSS %8d KB\n' "$1" "$2" "$3" "$4"; }

read -r fw fu fm <<<"$(measure "$runs" $floor target/corpus/10mb)"
row "floor 10 MB" "$fw" "$fu" "$fm"
read -r cw cu cm <<<"$(RAYON_NUM_THREADS=1 measure "$runs" $bin check target/corpus/10mb --format json "${asof[@]}")"
row "check 10 MB, 1 thread" "$cw" "$cu" "$cm"
echo "  -> 10 MB, one core: $(ratio "$cw" "$fw")x the floor's wall time ($(ratio "$cu" "$fu")x its user time); target <= 3x"

if [ "$quick" != "--quick" ]; then
  read -r w1 u1 m1 <<<"$(RAYON_NUM_THREADS=1 measure 1 $bin check target/corpus/100mb --format json "${asof[@]}")"
  row "check 100 MB, 1 thread" "$w1" "$u1" "$m1"
  read -r w2 u2 m2 <<<"$(RAYON_NUM_THREADS=2 measure 1 $bin check target/corpus/100mb --format json "${asof[@]}")"
  row "check 100 MB, 2 threads" "$w2" "$u2" "$m2"
  echo "  -> both cores: $(ratio "$w1" "$w2")x faster than one core (wall); target >= 1.7x"
  echo "  -> linear: 100 MB took $(ratio "$w1" "$cw")x the 10 MB wall time ($(ratio "$u1" "$cu")x user); target <= 11x"
  size_kb=$(( $(stat -c %s target/corpus/50mb.md) / 1024 ))
  read -r sw su sm <<<"$(measure 1 $bin check target/corpus/50mb.md --format json "${asof[@]}")"
  row "check 50 MB single file" "$sw" "$su" "$sm"
  echo "  -> peak memory: $(ratio "$sm" "$size_kb")x the file size; target < 4x"
fi

read -r ew eu em <<<"$(measure 10 $bin check fixtures/essays/open-vs-closed.md --format json "${asof[@]}")"
row "check the bundled essay (best of 10)" "$ew" "$eu" "$em"
echo "  -> start-up: $(awk "BEGIN{printf \"%.0f\", $ew * 1000}") ms wall; target < 30 ms"
