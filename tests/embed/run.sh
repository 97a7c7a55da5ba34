#!/usr/bin/env bash
# The embedding example (samples/embed/list_states.c), built against the library's public header only,
# lists the states of inputs covering every scope kind; its output must match tests/embed/*.expected.
# Run from the tests folder so the locations it prints are relative: golden/parallel-nested.asl.json:3:5.
# Usage: run.sh LIST_STATES TESTS_DIR [--update]
set -euo pipefail
bin=$1 tests=$2 update=${3:-}
cd "$tests"
fail=0
for input in golden/parallel-nested.asl.json golden/map-inline.asl.yaml golden/catch-shared.asl.json golden/task-retry.asl.json \
             golden/template-substitutions.yaml golden/missing-target.asl.yaml; do
    expected=embed/$(basename "$input").expected
    actual=$("$bin" "$input" 2>&1) || true
    if [ "$update" = --update ]; then
        printf '%s\n' "$actual" >"$expected"
    elif ! diff -u "$expected" <(printf '%s\n' "$actual"); then
        echo "FAIL: list_states $input differs from $expected" >&2
        fail=1
    fi
done
# A file that does not parse: exit 1 and the error as data, located.
if "$bin" embed/broken.yaml >/tmp/embed.$$ 2>&1; then
    echo "FAIL: list_states accepted a broken file" >&2; fail=1
elif ! grep -q '^embed/broken.yaml:[0-9]*:[0-9]*: error: ' /tmp/embed.$$; then
    echo "FAIL: no located error for a broken file:" >&2; cat /tmp/embed.$$ >&2; fail=1
fi
rm -f /tmp/embed.$$
[ $fail = 0 ] && echo "embed: the example's output matches"
exit $fail
