#!/usr/bin/env bash
# large.sh: the size guard. Synthetic workflows (bench/gen_workflow.py) past each layout budget are drawn
# with less detail, and say so; past the last they are refused unless --detail asks for a level; a long
# chain, cheap to lay out whatever its length, is drawn in full; a small but dense graph is drawn compact,
# its long edges going to references. Timing is measured in bench/, never here.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
gen() { python3 "$REPO/bench/gen_workflow.py" "$1" --seed 1 >"w$1.json"; }

# The sizes come from what `render --help` promises (full up to about F states, compact past it, collapsed
# past about C, refused past about R), so the help and the behaviour cannot drift apart.
run render --help
read -r F C R < <(tr '\n' ' ' <"$OUT" | sed -nE 's/.*full up to about ([0-9]+) states.* past about ([0-9]+) +collapsed, past about ([0-9]+) refused.*/\1 \2 \3/p')
check "render --help gives the three sizes of --detail auto" test -n "${R:-}"
F=${F:-1000} C=${C:-2500} R=${R:-5000}
FULL=$F COMPACT=$((F * 3 / 2)) COLLAPSED=$((C * 6 / 5)) REFUSED=$((R * 7 / 5))
for n in $FULL $COMPACT $COLLAPSED $REFUSED; do gen $n; done

run render "w$FULL.json" -f dot
expect_rc "$FULL states" 0
expect_empty "$FULL states are drawn in full, without a warning" "$ERR"
expect_out "retry loops carry their label" "class=retry"
expect_out "and the labels say retry" "retry ×"
expect_out "Parallel states are boxes" "subgraph cluster_p"

# Determinism: a second run gives the same bytes. In an instrumented build (ASan, valgrind) a smaller
# workflow, still with nested Parallel boxes and long labels, keeps the check meaningful and its time short.
det=1000
if [[ $INSTRUMENTED == 1 ]]; then det=300; gen $det; fi
run render "w$det.json" -f dot
cp "$OUT" first.dot
run render "w$det.json" -f dot
check "the same DOT on a second run ($det states): the Parallel boxes laid out alone come out the same" \
  cmp -s first.dot "$OUT"
run render "w$det.json" -f svg --detail compact -o first.svg
run render "w$det.json" -f svg --detail compact -o second.svg
check "and the same SVG (label sizes come from a cache of pango's)" cmp -s first.svg second.svg

run render "w$COMPACT.json" -f dot
expect_rc "$COMPACT states" 0
expect_err "$COMPACT states are drawn compact, and it says so" "w$COMPACT.json: $COMPACT states and [0-9]+ transitions: drawn compact"
expect_err "naming the flag that draws everything" "--detail full draws everything"
expect_out "rules become external labels" "xlabel=<"
expect_out "retries a line in their state's label" "↻ ×[0-9]"
check "no edge label doubles the ranks" bash -c "! grep -q '^[[:space:]]label=<<table' '$OUT'"
expect_out "boxes stay" "subgraph cluster_"

run render "w$COLLAPSED.json" -f dot
expect_rc "$COLLAPSED states" 0
expect_err "$COLLAPSED states are drawn collapsed" "w$COLLAPSED.json: $COLLAPSED states and [0-9]+ transitions: drawn collapsed"
expect_out "a collapsed Parallel or Map says what it holds" "(Parallel|Map) · .* states inside"
check "no boxes" bash -c "! grep -q 'subgraph cluster_' '$OUT'"

run render "w$REFUSED.json" -f svg -o big.svg
expect_rc "$REFUSED states are refused" 2
expect_err "with the reason and the way out" "w$REFUSED.json: $REFUSED states and [0-9]+ transitions are past what Graphviz lays out in reasonable time.*--detail collapsed"
check "and nothing is written" test ! -e big.svg
run render "w$REFUSED.json" -f json
expect_rc "the JSON export has no size limit" 0
run render "w$REFUSED.json" -f dot --detail collapsed
expect_rc "--detail collapsed lifts the refusal" 0
expect_empty "without a warning: the level was asked for" "$ERR"
run render "w$COMPACT.json" -f dot --detail full
expect_out "--detail full keeps every box and label" "subgraph cluster_"
run render "w$FULL.json" -f dot --detail nonsense
expect_rc "an unknown --detail is refused" 2
expect_err "naming the levels" "choose auto, full, compact or collapsed"

python3 -c '
print("StartAt: S0\nStates:")
for i in range(3000): print(f"  S{i}: {{Type: Pass, Next: S{i+1}}}")
print("  S3000: {Type: Succeed}")' >chain.asl.yaml
run render chain.asl.yaml -f dot
expect_rc "a 3000-state chain" 0
expect_empty "is drawn in full: a chain is cheap to lay out" "$ERR"

# 60 Choice states, each with three rules to random states (laid out in full, this takes dot 7 s).
python3 -c '
import json, random
random.seed(1)
states = {}
for i in range(59):
    rules = [{"Variable": "$.x", "NumericEquals": j, "Next": f"S{t}"} for j, t in enumerate(random.sample(range(60), 3))]
    states[f"S{i}"] = {"Type": "Choice", "Choices": rules, "Default": f"S{i + 1}"}
states["S59"] = {"Type": "Succeed"}
print(json.dumps({"StartAt": "S0", "States": states}))' >dense.asl.json
run render dense.asl.json -f dot --legend
expect_rc "a dense graph of 60 states" 0
expect_err "is drawn compact, for the crossings of its long edges" "dense.asl.json: 60 states and [0-9]+ transitions: drawn compact.*long transitions go to a reference"
expect_out "its long edges go to references" "class=ref"
expect_out "named by their target" "→ S[0-9]+"
expect_out "that the legend explains" "goes on at that state"
check "and short ones stay edges between states" grep -qE "^[[:space:]]+s[0-9]+ -> s[0-9]+[[:space:]]+\[class=choice" "$OUT"
run render "w$FULL.json" -f dot --detail compact
check "a compact synthetic workflow keeps its merges (few references)" \
  bash -c "[ \$(grep -c 'class=ref' '$OUT') -lt \$(grep -c 'class=next' '$OUT') ]"
finish
