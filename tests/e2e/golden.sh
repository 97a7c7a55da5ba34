#!/usr/bin/env bash
# Golden files: each small workflow in tests/golden/ (one construct each) exported as DOT, JSON and SVG
# must match tests/golden/expected/<name>.<format> byte for byte; and one workflow with every kind of state
# and edge (the order-processing sample, with its legend) drawn as DOT in each built-in theme must match
# tests/golden/expected/themes/<theme>.dot. After a deliberate change, regenerate them with
#   UPDATE_GOLDEN=1 bash tests/e2e/golden.sh build/sfnviz tests
# and read the diff before committing it.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$2/golden
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
passed=0 failed=0
slowdown=${SFNVIZ_TEST_SLOWDOWN:-1}   # the hang guard scales with the build, as in lib.sh
[[ $slowdown =~ ^[1-9][0-9]*$ ]] || slowdown=1
cd "$dir" || exit 1   # relative paths: outputs name the input as it is written here
# compare EXPECTED INPUT ARGS...: sfnviz render INPUT ARGS... writes what EXPECTED holds.
compare() {
  local expected=$1 input=$2
  shift 2
  timeout $((20 * slowdown)) "$bin" render "$input" "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  if [ $rc -ne 0 ]; then
    failed=$((failed + 1)); echo "FAIL $input $*: exit $rc: $(head -3 "$work/err")"; return
  fi
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$work/out" "$expected"
  fi
  if cmp -s "$work/out" "$expected"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL $input $* differs from $expected:"
    diff "$expected" "$work/out" | head -20
  fi
}

for input in *; do
  [ -f "$input" ] || continue
  base=${input%.json}; base=${base%.yaml}; base=${base%.asl}
  for fmt in dot json svg; do
    compare "expected/$base.$fmt" "$input" -f "$fmt"
  done
done
mkdir -p expected/themes
for theme in $("$bin" themes | awk '$1 != "auto" {print $1}'); do
  compare "expected/themes/$theme.dot" ../../samples/order-processing/statemachine/order_processing.asl.json \
    -f dot --legend --theme "$theme"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
