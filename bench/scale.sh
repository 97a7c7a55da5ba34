#!/usr/bin/env bash
# How sfnviz scales with the size of a workflow: for each size, generates a synthetic workflow of that many
# states (bench/gen_workflow.py) and times whole runs of `sfnviz render W.json -f json|dot|svg|png` and of
# Graphviz's own `dot -Tsvg` on the DOT that sfnviz wrote (wall seconds and peak RSS, /usr/bin/time), each
# under `timeout`. Prints Markdown tables; progress goes to standard error.
#
# usage: bench/scale.sh [path/to/sfnviz] [SIZES...]     (default: build/sfnviz 10 100 500 1000 2000 5000)
# environment:
#   TIMEOUT   seconds each run may take before it is reported as `timeout` (default 120)
#   RUNS      runs of each command for sizes <= 500, whose median is reported (default 3; 1 above 500)
#   SEED      the generator's seed (default 1)
#   GEN_ARGS  more generator options, e.g. GEN_ARGS=--no-shared-catch
#   DOT       Graphviz's dot (default: dot on the PATH)
#   DETAIL    sfnviz's --detail (default auto: full, compact or collapsed by size, refused past the budget)
set -u
bin=${1:-build/sfnviz}
[[ $# -gt 0 ]] && shift
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10 100 500 1000 2000 5000)
limit=${TIMEOUT:-120}
runs_small=${RUNS:-3}
seed=${SEED:-1}
gen_args=${GEN_ARGS:-}
dot_bin=${DOT:-dot}
detail=${DETAIL:-auto}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "scale.sh: $*" >&2; exit 2; }
[[ -x $bin ]] || die "no sfnviz at '$bin' (build it, or pass its path)"
[[ -x /usr/bin/time ]] || die "needs GNU time at /usr/bin/time"
command -v timeout >/dev/null || die "needs timeout (coreutils)"
command -v python3 >/dev/null || die "needs python3"
have_dot=1
command -v "$dot_bin" >/dev/null || have_dot=0
for s in "${sizes[@]}"; do [[ $s =~ ^[1-9][0-9]*$ ]] || die "not a size: '$s'"; done

tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# measure RUNS CMD...: runs CMD (output discarded; its standard error kept in $tmp/err) RUNS times and sets
# `secs` (the median wall time, or `timeout`, or `failed`) and `rss` (the largest peak RSS, KB).
measure() {
  local n=$1 i rc line
  shift
  : >"$tmp/times"
  secs=failed rss=
  for ((i = 0; i < n; i++)); do
    /usr/bin/time -f '%e %M' -o "$tmp/time" timeout -k 5 "$limit" "$@" >/dev/null 2>"$tmp/err"
    rc=$?
    if [[ $rc == 124 || $rc == 137 ]]; then
      secs=timeout rss=
      return
    fi
    if [[ $rc != 0 ]]; then
      secs="failed ($rc)" rss=
      return
    fi
    line=$(tail -n 1 "$tmp/time")
    echo "$line" >>"$tmp/times"
  done
  secs=$(sort -n "$tmp/times" | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  rss=$(sort -k2,2n "$tmp/times" | tail -n 1 | cut -d' ' -f2)
}

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.2f MB", b / 1e6 }'; }
rss_mb() { [[ -n $rss ]] && awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }' || echo -; }

# A run's standard error, if any (say, PNG drawn smaller), is listed under the table.
note() {
  [[ -s $tmp/err ]] && awk -v p="- size $1, $2: " -v t="$tmp/" 'NR <= 3 { gsub(t, ""); print p $0 }' "$tmp/err" >>"$tmp/notes"
  return 0
}

: >"$tmp/notes"
rows=() rss_rows=() stage_rows=()
for size in "${sizes[@]}"; do
  w=$tmp/w$size.json
  # shellcheck disable=SC2086 # GEN_ARGS is a list of options
  python3 "$here/gen_workflow.py" "$size" --seed "$seed" $gen_args >"$w" || die "the generator failed for $size"
  runs=1
  ((size <= 500)) && runs=$runs_small
  echo "size $size ($runs run(s) each)..." >&2

  measure "$runs" "$bin" render "$w" -f json -o "$tmp/out.json" --detail "$detail"
  json=$secs json_rss=$(rss_mb)
  note "$size" json
  states='?' edges='?'
  if [[ $json != timeout && $json != failed* ]]; then
    read -r states edges < <(python3 -c 'import json, sys
m = json.load(open(sys.argv[1]))["machines"][0]
print(len(m["states"]), len(m["edges"]))' "$tmp/out.json")
  fi

  rm -f "$tmp/out.dot"
  measure "$runs" "$bin" render "$w" -f dot -o "$tmp/out.dot" --detail "$detail"
  dot=$secs dot_rss=$(rss_mb)
  note "$size" dot

  cells=() rss_cells=()
  for fmt in svg png; do
    rm -f "$tmp/out.$fmt"
    measure "$runs" "$bin" render "$w" -f "$fmt" -o "$tmp/out.$fmt" --detail "$detail"
    note "$size" "$fmt"
    if [[ $secs =~ ^[0-9] ]]; then cells+=("$secs s / $(mb "$tmp/out.$fmt")"); else cells+=("$secs"); fi
    rss_cells+=("$(rss_mb)")
    echo "  $fmt: $secs" >&2
  done

  if ((have_dot == 0)); then
    cells+=("no dot") rss_cells+=(-)
  elif [[ ! -s $tmp/out.dot ]]; then
    cells+=(-) rss_cells+=(-)
  else
    rm -f "$tmp/plain.svg"
    measure "$runs" "$dot_bin" -Tsvg "$tmp/out.dot" -o "$tmp/plain.svg"
    note "$size" "dot -Tsvg"
    if [[ $secs =~ ^[0-9] ]]; then cells+=("$secs s / $(mb "$tmp/plain.svg")"); else cells+=("$secs"); fi
    rss_cells+=("$(rss_mb)")
  fi
  # One more SVG run for the time of each stage (sfnviz --timings) and the detail it was drawn in.
  stage_row="| $size | timeout or refused | | | | | | |"
  if timeout -k 5 "$limit" "$bin" render "$w" -f svg -o /dev/null --detail "$detail" --timings 2>"$tmp/t" >/dev/null; then
    drawn=$(grep -oE 'drawn (compact|collapsed)' "$tmp/t" | cut -d' ' -f2)
    stage_row=$(awk -v size="$size" -v drawn="${drawn:-$([[ $detail == auto ]] && echo full || echo "$detail")}" '
      /^sfnviz: timings:/ { for (i = 1; i <= NF; i++) if ($(i + 2) == "ms") t[$i] = $(i + 1) }
      END { printf "| %s | %s | %s | %s | %s | %s | %s | %s |", size, drawn, t["read"], t["model"], t["graph"], t["layout"], t["render"], t["free"] }' "$tmp/t")
  fi
  stage_rows+=("$stage_row")
  [[ $json =~ ^[0-9] ]] && json+=" s"
  [[ $dot =~ ^[0-9] ]] && dot+=" s"
  rows+=("| $size | $states | $edges | $json | $dot | ${cells[0]} | ${cells[1]} | ${cells[2]} |")
  rss_rows+=("| $size | $json_rss | $dot_rss | ${rss_cells[0]} | ${rss_cells[1]} | ${rss_cells[2]} |")
  echo "  done: json $json, dot $dot, dot -Tsvg ${cells[2]}" >&2
done

echo "sfnviz: $bin; generator: gen_workflow.py N --seed $seed${gen_args:+ $gen_args}; timeout ${limit} s;" \
  "median of $runs_small runs up to 500 states, 1 run above; $(nproc) cores;" \
  "$({ "$dot_bin" -V 2>&1 || echo 'no dot'; } | head -n 1)"
echo
echo "| size | states | edges | json | dot | svg s / MB | png s / MB | \`dot -Tsvg\` s / MB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo
echo "Stages of one SVG run (sfnviz --timings, milliseconds):"
echo
echo "| size | drawn | read | model | graph | layout | render | free |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${stage_rows[@]}"
echo
echo "Peak RSS (MB):"
echo
echo "| size | json | dot | svg | png | \`dot -Tsvg\` |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rss_rows[@]}"
if [[ -s $tmp/notes ]]; then
  echo
  echo "Standard error:"
  echo
  cat "$tmp/notes"
fi
