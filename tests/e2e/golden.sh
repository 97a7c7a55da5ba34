#!/usr/bin/env bash
# Golden files: each small workflow in tests/golden/ (one construct each) exported as DOT, JSON and SVG
# must match tests/golden/expected/<name>.<format> byte for byte. After a deliberate change, regenerate them with
#   UPDATE_GOLDEN=1 bash tests/e2e/golden.sh build/sfnviz tests
# and read the diff before committing it.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$2/golden
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
passed=0 failed=0
cd "$dir" || exit 1   # relative paths: outputs name the input as it is written here
for input in *; do
  [ -f "$input" ] || continue
  base=${input%.json}; base=${base%.yaml}; base=${base%.asl}
  for fmt in dot json svg; do
    expected=expected/$base.$fmt
    timeout 20 "$bin" render "$input" -f "$fmt" >"$work/out" 2>"$work/err"
    rc=$?
    if [ $rc -ne 0 ]; then
      failed=$((failed + 1)); echo "FAIL $input -f $fmt: exit $rc: $(head -3 "$work/err")"; continue
    fi
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
      cp "$work/out" "$expected"
    fi
    if cmp -s "$work/out" "$expected"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)); echo "FAIL $input -f $fmt differs from $expected:"
      diff "$expected" "$work/out" | head -20
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
