#!/usr/bin/env bash
# Times `sfnviz render` on every template and ASL file of the corpus, per format: the median of RUNS runs
# of each file (wall clock, one process per run), then the median and the slowest files over the corpus.
# usage: bench/corpus.sh [path/to/sfnviz] [corpus dir] [runs]
set -u
bin=${1:-build/sfnviz}
corpus=${2:-tests/corpus}
runs=${3:-5}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for fmt in json svg png; do
  : >"$out/times"
  while IFS=$'\t' read -r _ path role _; do
    [[ $role == template || $role == asl ]] || continue
    for ((i = 0; i < runs; i++)); do
      t0=$(now); "$bin" render "$corpus/$path" -f "$fmt" -o "$out/r/" >/dev/null 2>&1; t1=$(now)
      echo $(((t1 - t0) / 1000))
    done | median | sed "s|\$| $path|" >>"$out/times"
  done < <(tail -n +2 "$corpus/MANIFEST.tsv")
  n=$(wc -l <"$out/times")
  med=$(cut -d' ' -f1 "$out/times" | median)
  max=$(sort -n "$out/times" | tail -1)
  awk -v f="$fmt" -v n="$n" -v med="$med" -v max="${max%% *}" -v file="${max#* }" \
    'BEGIN { printf "%-4s files=%d  median=%.1f ms  slowest=%.1f ms (%s)\n", f, n, med / 1000, max / 1000, file }'
done
