#!/usr/bin/env bash
# How `sfnviz summary` scales with the size of a workflow: for each size, generates a synthetic workflow of
# that many states (bench/gen_workflow.py) and times whole runs of `sfnviz list` (reading and modelling
# the file, what every command pays) and of `sfnviz summary -f text|markdown|json` (wall seconds and, in
# brackets, user + system seconds, each the median of RUNS runs, and peak RSS, /usr/bin/time), then the summary's own time from `--timings` (its
# `render` stage) per state, which stays flat when the summary is linear. Prints Markdown tables;
# progress goes to standard error.
#
# usage: bench/summary.sh [path/to/sfnviz] [SIZES...]   (default: build/sfnviz 1000 5000 10000 20000 40000)
# environment:
#   RUNS      runs of each command, whose median is reported (default 5)
#   SEED      the generator's seed (default 1)
#   GEN_ARGS  more generator options, e.g. GEN_ARGS=--no-shared-catch
set -u
bin=${1:-build/sfnviz}
[[ $# -gt 0 ]] && shift
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 5000 10000 20000 40000)
runs=${RUNS:-5}
seed=${SEED:-1}
gen_args=${GEN_ARGS:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "summary.sh: $*" >&2; exit 2; }
[[ -x $bin ]] || die "no sfnviz at '$bin' (build it, or pass its path)"
[[ -x /usr/bin/time ]] || die "needs GNU time at /usr/bin/time"
command -v python3 >/dev/null || die "needs python3"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
for s in "${sizes[@]}"; do [[ $s =~ ^[1-9][0-9]*$ ]] || die "not a size: '$s'"; done

tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# measure CMD...: runs CMD RUNS times (output discarded) and sets `secs` (the median wall time), `cpu` (the
# median user + system time) and `rss` (the largest peak RSS, MB), or secs=failed.
measure() {
  local i
  : >"$tmp/times"
  for ((i = 0; i < runs; i++)); do
    if ! /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"; then
      secs=failed cpu=- rss=-
      return
    fi
    tail -n 1 "$tmp/time" >>"$tmp/times"
  done
  secs=$(sort -n "$tmp/times" | awk '{a[NR] = $1} END {printf "%.2f", a[int((NR + 1) / 2)]}')
  cpu=$(awk '{print $3 + $4}' "$tmp/times" | sort -n | awk '{a[NR] = $1} END {printf "%.2f", a[int((NR + 1) / 2)]}')
  rss=$(sort -k2,2n "$tmp/times" | tail -n 1 | awk '{printf "%.0f", $2 / 1024}')
}

# own_ms FORMAT FILE: the median over RUNS runs of the summary's own stage (--timings' render), in ms.
own_ms() {
  local i
  for ((i = 0; i < runs; i++)); do
    "$bin" summary "$2" -f "$1" --timings 2>&1 >/dev/null |
      awk '/^sfnviz: timings:/ { for (i = 1; i <= NF; i++) if ($i == "render") print $(i + 1) }'
  done | sort -n | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)]}'
}

rows=() own_rows=()
for size in "${sizes[@]}"; do
  w=$tmp/w$size.json
  # shellcheck disable=SC2086 # GEN_ARGS is a list of options
  python3 "$here/gen_workflow.py" "$size" --seed "$seed" $gen_args >"$w" || die "the generator failed for $size"
  echo "size $size ($runs runs each)..." >&2
  mb=$(awk -v b="$(stat -c %s "$w")" 'BEGIN { printf "%.1f", b / 1e6 }')
  measure "$bin" list "$w"
  row="| $size | $mb MB | $secs s ($cpu) |"
  own_row="| $size |"
  for fmt in text markdown json; do
    measure "$bin" summary "$w" -f "$fmt"
    row+=" $secs s ($cpu) / $rss MB |"
    ms=$(own_ms "$fmt" "$w")
    own_row+=" $ms ms ($(awk -v ms="$ms" -v n="$size" 'BEGIN { printf "%.2f", ms * 1000 / n }') µs/state) |"
  done
  rows+=("$row")
  own_rows+=("$own_row")
done

echo "sfnviz: $bin; generator: gen_workflow.py N --seed $seed${gen_args:+ $gen_args}; median of $runs runs; $(nproc) cores"
echo
echo "Wall seconds (user + system seconds) / peak RSS:"
echo
echo "| states | file | \`list\` | summary text | markdown | json |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo
echo "The summary's own time (\`--timings\`, its render stage: the outline, the lists and the text), per state:"
echo
echo "| states | text | markdown | json |"
echo "| ---: | ---: | ---: | ---: |"
printf '%s\n' "${own_rows[@]}"
