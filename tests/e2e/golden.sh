#!/usr/bin/env bash
# Golden files: each small workflow in tests/golden/ (one construct each) exported as DOT, JSON, SVG,
# Mermaid and Markdown must match tests/golden/expected/<name>.<dot|json|svg|mmd|md> byte for byte; and one workflow with every kind of state
# and edge (the order-processing sample, with its legend) drawn as DOT in each built-in theme must match
# tests/golden/expected/themes/<theme>.dot. `sfnviz summary`: each of those workflows as ASCII text
# (expected/summary/<name>.txt), and the workflows of tests/golden/summary/ (loops, shared handlers,
# nesting, states not reached, names that break tables and terminals, every machine status) in ASCII,
# Unicode, Markdown and JSON, and one in colour. After a deliberate change, regenerate them with
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
# compare EXPECTED COMMAND INPUT ARGS...: sfnviz COMMAND INPUT ARGS... writes what EXPECTED holds (the
# summary's width is not the environment's: COLUMNS is unset).
compare() {
  local expected=$1 command=$2 input=$3
  shift 3
  timeout $((20 * slowdown)) env -u COLUMNS "$bin" "$command" "$input" "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  if [ $rc -ne 0 ]; then
    failed=$((failed + 1)); echo "FAIL $command $input $*: exit $rc: $(head -3 "$work/err")"; return
  fi
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$work/out" "$expected"
  fi
  if cmp -s "$work/out" "$expected"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL $command $input $* differs from $expected:"
    diff "$expected" "$work/out" | head -20
  fi
}

for input in *; do
  [ -f "$input" ] || continue
  base=${input%.json}; base=${base%.yaml}; base=${base%.asl}
  for fmt in dot json svg mermaid markdown; do
    ext=${fmt/mermaid/mmd}; ext=${ext/markdown/md}
    compare "expected/$base.$ext" render "$input" -f "$fmt"
  done
  compare "expected/summary/$base.txt" summary "$input"
done
mkdir -p expected/themes
for theme in $("$bin" themes | awk '$1 != "auto" {print $1}'); do
  compare "expected/themes/$theme.dot" render ../../samples/order-processing/statemachine/order_processing.asl.json \
    -f dot --legend --theme "$theme"
done
for input in summary/*; do
  [ -f "$input" ] || continue
  base=$(basename "$input"); base=${base%.json}; base=${base%.yaml}; base=${base%.asl}
  compare "expected/summary/$base.txt" summary "$input"
  compare "expected/summary/$base.unicode.txt" summary "$input" --unicode
  compare "expected/summary/$base.md" summary "$input" -f markdown
  compare "expected/summary/$base.json" summary "$input" -f json
done
compare expected/summary/loops.color.txt summary summary/loops.asl.yaml --color=always --unicode --width 100
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
