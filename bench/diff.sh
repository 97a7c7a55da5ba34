#!/usr/bin/env bash
# How fast `sfnviz diff` compares two versions of a large workflow: generates a workflow of SIZE states
# (bench/gen_workflow.py) and a mutated copy of it (bench/diff_mutate.py: about 2 % of the states changed
# in a field, 1 % removed, 1 % added, the rest the same, a reviewer's large change), then one from another
# seed (nearly everything added and removed: the worst case), and times whole runs of `sfnviz diff` in
# each format (wall seconds and, in brackets, user + system seconds, each the median of RUNS runs; peak
# RSS, /usr/bin/time). Prints a Markdown table; progress goes to standard error. The issue asks for
# under 0.5 s at 5000 states.
#
# usage: bench/diff.sh [path/to/sfnviz] [SIZES...]   (default: build/sfnviz 5000 20000)
# environment:
#   RUNS   runs of each command, whose median is reported (default 5)
set -u
bin=${1:-build/sfnviz}
[[ $# -gt 0 ]] && shift
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(5000 20000)
runs=${RUNS:-5}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "diff.sh: $*" >&2; exit 2; }
[[ -x $bin ]] || die "no sfnviz at '$bin' (build it, or pass its path)"
[[ -x /usr/bin/time ]] || die "needs GNU time at /usr/bin/time"
command -v python3 >/dev/null || die "needs python3"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
for s in "${sizes[@]}"; do [[ $s =~ ^[1-9][0-9]*$ ]] || die "not a size: '$s'"; done
tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# measure CMD...: sets secs (median wall), cpu (median user + system) and rss (largest peak, MB).
measure() {
  local i
  : >"$tmp/times"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
    local rc=$?
    if ((rc > 1)); then # 1: differences (--exit-code is not given, but be lenient)
      secs=failed cpu=- rss=-
      return
    fi
    tail -n 1 "$tmp/time" >>"$tmp/times"
  done
  secs=$(sort -n "$tmp/times" | awk '{a[NR] = $1} END {printf "%.2f", a[int((NR + 1) / 2)]}')
  cpu=$(awk '{print $3 + $4}' "$tmp/times" | sort -n | awk '{a[NR] = $1} END {printf "%.2f", a[int((NR + 1) / 2)]}')
  rss=$(sort -k2,2n "$tmp/times" | tail -n 1 | awk '{printf "%.0f", $2 / 1024}')
}

echo "| states | pair | changes | text | markdown | json | peak RSS |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for size in "${sizes[@]}"; do
  old=$tmp/old$size.asl.json mutated=$tmp/new$size.asl.json other=$tmp/other$size.asl.json
  python3 "$here/gen_workflow.py" "$size" --seed 1 >"$old" || die "the generator failed for $size"
  python3 "$here/diff_mutate.py" "$old" --seed 7 >"$mutated" || die "the mutation failed for $size"
  python3 "$here/gen_workflow.py" "$size" --seed 2 >"$other" || die "the generator failed for $size"
  for pair in mutated other; do
    new=${!pair}
    echo "size $size, $pair ($runs runs each)..." >&2
    changes=$("$bin" diff -f json "$old" "$new" | python3 -c '
import json, sys
m = json.load(sys.stdin)["machines"][0]
print(len(m["changes"]) + len(m["added_states"]) + len(m["removed_states"]))')
    row="| $size | $pair | $changes |"
    for fmt in text markdown json; do
      measure "$bin" diff -f "$fmt" "$old" "$new"
      row+=" $secs s ($cpu) |"
    done
    echo "$row $rss MB |"
  done
done
