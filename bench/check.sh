#!/usr/bin/env bash
# check.sh [sfnviz] [runs]: wall time of `sfnviz check` (the process as a whole) on synthetic workflows of
# 1000, 5000 and 20 000 states (gen_workflow.py) and on a small template, the median of `runs` runs, with
# the check stage alone (--timings). Linear in the input: 20 000 states should take 4x the 5000.
set -u
bin=${1:-build/sfnviz}
runs=${2:-7}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# median_ms CMD...: the median wall time of CMD over $runs runs, in milliseconds.
median_ms() {
  local i t
  for ((i = 0; i < runs; i++)); do
    t=$(date +%s%N)
    "$@" >/dev/null 2>&1
    echo $((($(date +%s%N) - t) / 1000))
  done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}

printf '| input | states | check, whole process | the check stage |\n| --- | ---: | ---: | ---: |\n'
for n in 1000 5000 20000; do
  python3 "$here/gen_workflow.py" "$n" >"$tmp/w$n.asl.json"
  stage=$("$bin" check --timings "$tmp/w$n.asl.json" 2>&1 >/dev/null | sed -n 's/.* check \([0-9.]*\) ms.*/\1/p')
  printf '| gen_workflow.py %d | %d | %s ms | %s ms |\n' "$n" "$n" "$(median_ms "$bin" check "$tmp/w$n.asl.json")" "$stage"
done
small=$here/../samples/hello/template.yml
stage=$("$bin" check --timings "$small" 2>&1 >/dev/null | sed -n 's/.* check \([0-9.]*\) ms.*/\1/p')
printf '| samples/hello/template.yml | small | %s ms | %s ms |\n' "$(median_ms "$bin" check "$small")" "$stage"
printf '| /bin/true | - | %s ms | - |\n' "$(median_ms /bin/true)"
