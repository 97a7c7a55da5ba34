#!/usr/bin/env bash
# replay.sh REPO REPLAY_PROGRAM...: feeds each replay program (fuzz/replay.c, named replay_TARGET) the
# inputs kept for its target (fuzz/regressions/TARGET/), those kept for all (fuzz/regressions/all/) and the
# golden inputs. Fails on a non-zero exit (a sanitizer report, an abort) or a run past the hang guard.
set -u
repo=$1
shift
guard=$((60 * ${SFNVIZ_TEST_SLOWDOWN:-1}))
failed=0 runs=0
for prog in "$@"; do
  target=$(basename "$prog")
  target=${target#replay_}
  inputs=()
  for f in "$repo/fuzz/regressions/$target"/* "$repo/fuzz/regressions/all"/* "$repo/tests/golden"/*.asl.*; do
    [[ -f $f ]] && inputs+=("$f")
  done
  for f in "${inputs[@]}"; do
    runs=$((runs + 1))
    if ! timeout "$guard" "$prog" "$f" >/dev/null 2>"${TMPDIR:-/tmp}/replay.$$.err"; then
      echo "FAIL: $target on ${f#"$repo"/} (exit $?)"
      head -20 "${TMPDIR:-/tmp}/replay.$$.err"
      failed=$((failed + 1))
    fi
  done
done
rm -f "${TMPDIR:-/tmp}/replay.$$.err"
echo "$((runs - failed)) passed, $failed failed"
[[ $runs -gt 0 && $failed -eq 0 ]]
