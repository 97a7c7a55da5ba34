#!/usr/bin/env bash
# valgrind over the real-world corpus: every template and ASL file exported as JSON and Markdown (Mermaid)
# and checked, every sample drawn as DOT, SVG, PNG and Mermaid and summarised in colour, the summary's golden workflows in every
# format, and every diff pair of tests/diff (text, Markdown, JSON; the review sample drawn). Any invalid read or write, use of uninitialised memory, or a leak definitely
# lost in sfnviz's own code fails the test. Graphviz 2.43's own layout leaks are suppressed (valgrind.supp).
# The runs are shared among SFNVIZ_VALGRIND_JOBS workers (default: the processors online; CTest gives this
# test both of a -j2 run, and never runs it beside the sanitizer suite).
# usage: valgrind.sh SFNVIZ TESTS_DIR
set -u
bin=$1 tests=$2
supp=$tests/valgrind.supp
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
jobs=${SFNVIZ_VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 1)}
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --suppressions="$supp")

# One line per run: a label, then the sfnviz arguments, separated by tabs.
while IFS=$'\t' read -r _ path role _; do
  [[ $role == template || $role == asl ]] || continue
  printf '%s (json)\trender\t%s\t-f\tjson\n' "$path" "$tests/corpus/$path"
done < <(tail -n +2 "$tests/corpus/MANIFEST.tsv") >"$work/runs"
# check: every corpus file, invalid ones included, in two runs of many files each (one process reads them
# all, which is what `sfnviz check services/*/template.yaml` does), once as SARIF and once as text.
mapfile -t checked < <(find "$tests/corpus" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) | sort)
half=$(((${#checked[@]} + 1) / 2))
(IFS=$'\t'; printf 'check, first half (sarif)\tcheck\t-f\tsarif\t%s\n' "${checked[*]:0:$half}") >>"$work/runs"
(IFS=$'\t'; printf 'check, second half (text)\tcheck\t%s\n' "${checked[*]:$half}") >>"$work/runs"
# Mermaid and Markdown: every corpus machine in one process (-j 1: no workers outside valgrind).
mapfile -t drawn < <(tail -n +2 "$tests/corpus/MANIFEST.tsv" | awk -F'\t' '$3 == "template" || $3 == "asl" {print $2}' |
                     sed "s|^|$tests/corpus/|")
(IFS=$'\t'; printf 'corpus (markdown)\trender\t-f\tmarkdown\t-j\t1\t-o\t%s\t%s\n' "$work/md/" "${drawn[*]}") >>"$work/runs"
n=0
for f in "$tests"/../samples/*/template.yml "$tests"/../samples/*/*.asl.yaml; do
  for fmt in dot svg png mermaid; do
    n=$((n + 1))
    printf '%s (%s)\trender\t%s\t-f\t%s\t-o\t%s\n' "$f" "$fmt" "$f" "$fmt" "$work/out$n/" >>"$work/runs"
  done
  printf '%s (summary)\tsummary\t%s\t--color=always\t--unicode\n' "$f" "$f" >>"$work/runs"
done
for f in "$tests"/golden/summary/*; do
  for fmt in text markdown json; do
    printf '%s (summary %s)\tsummary\t%s\t-f\t%s\n' "$f" "$fmt" "$f" "$fmt" >>"$work/runs"
  done
done
# diff: every before/after pair of tests/diff in each text format, and the review sample drawn.
for d in "$tests"/diff/*/; do
  old=$(ls "$d"old.* | head -1) new=$(ls "$d"new.* | head -1)
  for fmt in text markdown json; do
    printf '%s (diff %s)\tdiff\t%s\t%s\t-f\t%s\t--color=always\n' "$d" "$fmt" "$old" "$new" "$fmt" >>"$work/runs"
  done
done
for fmt in svg png; do
  printf 'samples/review (diff %s)\tdiff\t%s\t%s\t-f\t%s\t-o\t%s\n' "$fmt" "$tests/../samples/review/before.asl.json" \
    "$tests/../samples/review/after.asl.json" "$fmt" "$work/review.$fmt" >>"$work/runs"
done

# worker K: runs lines K, K + jobs, ... and writes "P" or "F label" and valgrind's report to its own file.
worker() {
  local k=$1 i=0 label args
  while IFS=$'\t' read -r label rest; do
    if ((i++ % jobs == k)); then
      IFS=$'\t' read -r -a args <<<"$rest"
      "${vg[@]}" "$bin" "${args[@]}" >/dev/null 2>"$work/err$k"
      if [ $? -eq 99 ] || grep -q '==[0-9]*==' "$work/err$k"; then
        echo "FAIL valgrind: $label"; grep '==[0-9]*==' "$work/err$k" | head -20
      else
        echo PASS
      fi
    fi
  done <"$work/runs" >"$work/result$k"
}
for ((k = 0; k < jobs; k++)); do worker "$k" & done
wait
cat "$work"/result* | grep -v '^PASS$'
passed=$(cat "$work"/result* | grep -c '^PASS$')
failed=$(cat "$work"/result* | grep -c '^FAIL')
total=$(wc -l <"$work/runs")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -eq "$total" ]
