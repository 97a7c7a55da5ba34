#!/usr/bin/env bash
# What a short run of sfnviz costs as a whole process (start, dynamic loading, work, exit), against
# /bin/true: `--version`, `list`, `render -f json` and `render -f svg` of one small sample. Reports the
# mean wall time of RUNS runs and, with perf stat, the mean CPU time (task-clock, which a busy machine
# disturbs less than the wall clock); without perf, a loop timed with date +%s%N gives the wall time only.
# Then how many shared objects a run maps (LD_DEBUG=files), and whether Graphviz is one, as a Markdown table.
#
# usage: bench/startup.sh [path/to/sfnviz] [SAMPLE]   (default: build/sfnviz samples/hello/template.yml)
# environment:
#   RUNS   runs of each command (default 50)
#   PERF   0: do not use perf even where it works
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${1:-build/sfnviz}
sample=${2:-$here/../samples/hello/template.yml}
runs=${RUNS:-50}

die() { echo "startup.sh: $*" >&2; exit 2; }
[[ -x $bin ]] || die "no sfnviz at '$bin' (build it, or pass its path)"
[[ -r $sample ]] || die "cannot read the sample '$sample'"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS is not a number: '$runs'"
tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

use_perf=0
if [[ ${PERF:-1} != 0 ]] && command -v perf >/dev/null && perf stat -o "$tmp/probe" -- true 2>/dev/null; then
  use_perf=1
fi

# times CMD...: "wall | cpu" of RUNS runs of CMD, in milliseconds (perf's spread on the wall time).
times() {
  "$@" >/dev/null 2>&1 # warm the page cache
  if ((use_perf)); then
    perf stat -r "$runs" -o "$tmp/perf" -- "$@" >/dev/null 2>&1
    awk '/task-clock/ { cpu = $1 }
         /seconds time elapsed/ { printf "%.2f ± %.2f ms | %.2f ms", $1 * 1000, $3 * 1000, cpu }' "$tmp/perf"
    return
  fi
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  awk -v ns=$((end - start)) -v n="$runs" 'BEGIN { printf "%.2f ms | -", ns / n / 1e6 }'
}

# objects CMD...: how many shared objects the dynamic loader maps for one run of CMD.
objects() {
  LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -o 'file=[^ ]*' | sort -u | wc -l
}

# Does this run map Graphviz? (the question the lazy drawing module answers)
graphviz() {
  LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -q 'file=libgvc\.so' && echo yes || echo no
}

row() { # LABEL CMD...
  local label=$1
  shift
  printf '| `%s` | %s | %s | %s |\n' "$label" "$(times "$@")" "$(objects "$@")" "$(graphviz "$@")"
}

echo "$( ((use_perf)) && echo "perf stat -r $runs" || echo "a loop of $runs runs timed with date +%s%N"), ${sample#"$here/../"}," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| command | wall (mean) | CPU (mean) | shared objects | Graphviz loaded |"
echo "| --- | ---: | ---: | ---: | --- |"
row "/bin/true" /bin/true
row "sfnviz --version" "$bin" --version
row "sfnviz list" "$bin" list "$sample"
row "sfnviz render -f json" "$bin" render -f json "$sample"
row "sfnviz render -f svg" "$bin" render -f svg "$sample"
