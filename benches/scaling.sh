#!/usr/bin/env bash
# Does claimlint stay linear on hostile shapes? Times the release binary on inputs that
# double in size (one long paragraph of cited English figures, one Chinese sentence of
# 20,000 clauses, many short sentences; then hostile Markdown: nested blockquotes, list
# items, emphasis and link delimiters, variant headings) and prints each time and the
# ratio to the previous size: a ratio near 2 is linear, near 4 is quadratic.
# Usage: benches/scaling.sh   (not part of the test run; timing belongs here)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/claimlint
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
gen() { # name unit repeats
  python3 - "$dir/$1.md" "$2" "$3" <<'PY'
import sys
open(sys.argv[1], "w").write(sys.argv[2].replace("\\n", "\n") * int(sys.argv[3]))
PY
}
for shape in "en|Acme revenue was \$1.6 billion in 2023 (Gartner, 2023). " "zh|收入16亿美元，" "zh-sentences|OpenAI收入16亿美元。" \
  "quote-depth|>" "list-items|- item \$5\n" "emphasis|*a _b " "links|[a](" "headings|## 版本1\n"; do
  name=${shape%%|*}; unit=${shape#*|}
  prev=""
  for n in 5000 10000 20000 40000; do
    gen "$name-$n" "$unit" "$n"
    start=$(date +%s.%N)
    "$bin" check "$dir/$name-$n.md" --format json > /dev/null || true
    end=$(date +%s.%N)
    t=$(python3 -c "print(f'{$end-$start:.3f}')")
    ratio=$([ -n "$prev" ] && python3 -c "print(f'{$t/max($prev,1e-3):.2f}')" || echo "-")
    printf '%-14s %6d repeats  %8s s  ratio %s\n' "$name" "$n" "$t" "$ratio"
    prev=$t
  done
done
