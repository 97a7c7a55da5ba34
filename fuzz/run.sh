#!/usr/bin/env bash
# run.sh [SECONDS] [TARGET...]: builds the libFuzzer targets (clang, the Fuzz build type, in build/fuzzing/)
# and runs each for SECONDS (default 60; the issue's campaigns ran 900), one process at a time,
# seeded from the corpus, the tests and the samples, with fuzz/sfnviz.dict. What a run finds is written to
# build/fuzzing/findings/TARGET/ (crash-*, timeout-*, oom-*, slow-unit-*): keep each, once fixed, in
# fuzz/regressions/TARGET/ so the suite replays it. Targets: load check summary draw mermaid diff (all by
# default).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(load check summary draw mermaid diff)
build=$repo/build/fuzzing
cmake -S "$repo" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Fuzz -DSFNVIZ_SANITIZER_SUITE=OFF >/dev/null
cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}" >/dev/null

# Seeds: the first byte of an input picks its file name (fuzz_input.h: 0 template.yaml, 1 template.json,
# 2 workflow.asl.json, 3 workflow.asl.yaml), so each seed gets the byte that matches what it is.
name_byte() {
  case $1 in
    *.asl.json) printf '\x02' ;; *.asl.yaml | *.asl.yml) printf '\x03' ;; *.json) printf '\x01' ;; *) printf '\x00' ;;
  esac
}
seeds=$build/seeds
if [[ ! -d $seeds ]]; then
  mkdir -p "$seeds"
  i=0
  while IFS= read -r -d '' f; do
    { name_byte "$f"; head -c 200000 "$f"; } >"$seeds/seed-$i"
    i=$((i + 1))
  done < <(find "$repo/tests/corpus" "$repo/tests/golden" "$repo/tests/check/rules" "$repo/samples" \
             -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) -print0)
fi
# The diff target's seeds: each pair of tests/diff/ joined, old then new and new then old, by the marker
# line of fuzz_diff.c (each version with its own name byte).
diff_seeds=$build/seeds-diff
if [[ ! -d $diff_seeds ]]; then
  mkdir -p "$diff_seeds"
  for dir in "$repo"/tests/diff/*/; do
    old=$(ls "$dir"old.* | head -1) new=$(ls "$dir"new.* | head -1)
    pair=$(basename "$dir")
    { name_byte "$old"; cat "$old"; printf '\n@@new@@\n'; name_byte "$new"; cat "$new"; } >"$diff_seeds/$pair"
    { name_byte "$new"; cat "$new"; printf '\n@@new@@\n'; name_byte "$old"; cat "$old"; } >"$diff_seeds/$pair-back"
  done
fi

# DefinitionUri files resolve inside the folder the target runs in: give it a few to find.
sandbox=$build/sandbox
mkdir -p "$sandbox/statemachine"
cp "$repo/tests/golden/choice.asl.json" "$sandbox/statemachine/def.asl.json"
cp "$repo/tests/golden/map-inline.asl.yaml" "$sandbox/statemachine/def.asl.yaml"

# Leaks inside Graphviz, fontconfig and pango are theirs (tests/lsan.supp). Matching them needs the slow
# unwinder, which made the draw target a hundred times slower: it runs without leak checks (the suite's
# ASan build checks the drawing for leaks on every sample and golden file), the others with them.
export LSAN_OPTIONS="suppressions=$repo/tests/lsan.supp:print_suppressions=0"
for t in "${targets[@]}"; do
  if [[ $t == draw ]]; then export ASAN_OPTIONS=detect_leaks=0; else export ASAN_OPTIONS=detect_leaks=1; fi
  work=$build/corpus/$t findings=$build/findings/$t
  mkdir -p "$work" "$findings"
  extra=()
  [[ $t == diff ]] && extra=("$diff_seeds")
  echo "fuzz_$t: $seconds s"
  (cd "$sandbox" && "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
     -max_len=65536 -dict="$repo/fuzz/sfnviz.dict" -artifact_prefix="$findings/" -print_final_stats=1 \
     "$work" "$seeds" "${extra[@]}" 2>&1 | tail -12)
done
