#!/usr/bin/env bash
# valgrind over the real-world corpus: every template and ASL file exported as JSON, and every sample
# drawn as DOT, SVG and PNG. Any invalid read or write, use of uninitialised memory, or a leak definitely
# lost in sfnviz's own code fails the test. Graphviz 2.43's own layout leaks are suppressed (valgrind.supp).
# usage: valgrind.sh SFNVIZ TESTS_DIR
set -u
bin=$1 tests=$2
supp=$tests/valgrind.supp
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --suppressions="$supp")
passed=0 failed=0

check() { # label, then the sfnviz arguments
  local label=$1; shift
  "${vg[@]}" "$bin" "$@" >/dev/null 2>"$work/err"
  if [ $? -eq 99 ] || grep -q '==[0-9]*==' "$work/err"; then
    failed=$((failed + 1)); echo "FAIL valgrind: $label"; grep '==[0-9]*==' "$work/err" | head -20
  else
    passed=$((passed + 1))
  fi
}

while IFS=$'\t' read -r _ path role _; do
  [[ $role == template || $role == asl ]] || continue
  check "$path (json)" render "$tests/corpus/$path" -f json
done < <(tail -n +2 "$tests/corpus/MANIFEST.tsv")
for f in "$tests"/../samples/*/template.yml "$tests"/../samples/*/*.asl.yaml; do
  for fmt in dot svg png; do
    check "$f ($fmt)" render "$f" -f "$fmt" -o "$work/out/"
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
