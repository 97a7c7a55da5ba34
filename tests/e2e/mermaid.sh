#!/usr/bin/env bash
# mermaid.sh: `render -f mermaid` and `-f markdown` against mermaid's own parser (mermaid 11 in tests/tools,
# installed by .ci/setup; tests/tools/mermaid-parse.mjs runs mermaid.parse under jsdom):
# - the Mermaid of every machine of every sample, golden file, corpus file (MANIFEST.tsv) and of
#   tests/mermaid/hostile-names.asl.json (names written to break Mermaid) parses, each in full detail and in
#   the collapsed one, and every golden file's Markdown does, block by block;
# - one file per machine with -o DIR/ (DIR/<ID>.mmd), several machines to one .mmd refused, Markdown holds
#   them all; the Mermaid needs no drawing module (SFNVIZ_DRAW_MODULE pointing nowhere);
# - names never reach Mermaid syntax: the escaping golden's IDs are synthetic and its quotes are entities;
# - a machine past GitHub's limits is drawn with less detail and a warning, auto;
# - the README's Mermaid block is the image-batch sample's output now.
# Without node or tests/tools/node_modules the parser checks are skipped, saying so; under CI=true that is a
# failure.
source "$(dirname "$0")/lib.sh"

TOOLS=$TESTS/tools
have_parser() { command -v node >/dev/null 2>&1 && [[ -d $TOOLS/node_modules/mermaid && -d $TOOLS/node_modules/jsdom ]]; }

# render_dir OUTDIR FILE ARGS...: each machine of FILE as OUTDIR/<ID>.mmd (undrawable ones are reported, and
# FILE's exit is 2: the corpus holds S3 and missing definitions on purpose).
render_dir() {
  local dir=$1 file=$2
  shift 2
  mkdir -p "$dir"
  timeout "$(limit 20)" "$BIN" render "$file" -f mermaid -o "$dir/" "$@" >/dev/null 2>>"$WORK/render.err"
  local rc=$?
  ((rc <= 2)) || fail "render $file -f mermaid $*: exit $rc"
}

# --- what every machine gives ---------------------------------------------------------------------------
n=0
for f in "$REPO"/samples/*/template.yml "$REPO"/samples/*/*.asl.* "$TESTS"/golden/*.asl.* "$TESTS"/golden/*.yaml \
         "$TESTS"/golden/summary/* "$TESTS"/mermaid/*; do
  [[ -f $f ]] || continue
  n=$((n + 1))
  render_dir "$WORK/mmd/full/$n" "$f"
  render_dir "$WORK/mmd/collapsed/$n" "$f" --detail collapsed
done
while IFS=$'\t' read -r _ path _ _ _ _ _ notes _; do
  [[ $notes == PARSE-ERROR* ]] && continue
  n=$((n + 1))
  render_dir "$WORK/mmd/full/$n" "$CORPUS/$path"
  render_dir "$WORK/mmd/collapsed/$n" "$CORPUS/$path" --detail collapsed
done < <(tail -n +2 "$CORPUS/MANIFEST.tsv")
mkdir -p "$WORK/md"
for f in "$TESTS"/golden/*.asl.* "$TESTS"/golden/*.yaml "$TESTS"/mermaid/*; do
  "$BIN" render "$f" -f markdown -o "$WORK/md/$(basename "$f").md" 2>/dev/null || fail "render $f -f markdown"
done
# The diff's Markdown holds a Mermaid diagram per changed machine: every pair of tests/diff.
# (A pair with no difference, or whose changed machines have nothing to draw, has no diagram: kept aside.)
mkdir -p "$WORK/diff-md"
for d in "$TESTS"/diff/*/; do
  "$BIN" diff "$d"old.* "$d"new.* -f markdown -o "$WORK/diff-md/diff-$(basename "$d").md" 2>/dev/null ||
    fail "diff $d -f markdown"
done
check "a pair with no difference has no diagram" test "$(grep -c '^```mermaid' "$WORK/diff-md/diff-yaml-json.md")" = 0
for f in "$WORK"/diff-md/*.md; do
  if grep -q '^```mermaid' "$f"; then mv "$f" "$WORK/md/"; fi
done
check "the diff Markdown holds Mermaid diagrams" test -f "$WORK/md/diff-nested.md"
# A Choice of 10 000 rules to 5000 missing states: the rules are grouped by target in one pass (it was
# rules squared: 20 s), within the hang guard.
python3 -c 'import json
rules = [{"Variable": "$.x", "NumericEquals": i, "Next": "Missing%d" % (i % 5000)} for i in range(10000)]
print(json.dumps({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": rules, "Default": "Done"},
                                             "Done": {"Type": "Succeed"}}}))' >"$WORK/choice10k.asl.json"
(timeout "$(limit 30)" "$BIN" render "$WORK/choice10k.asl.json" -f mermaid -o "$WORK/choice10k.mmd" 2>/dev/null)
check "a Choice of 10 000 rules in Mermaid (exit 0 within the guard)" test $? = 0
count=$(find "$WORK/mmd/full" -name '*.mmd' | wc -l)
check "every file gave Mermaid ($count machines)" test "$count" -gt 100
if have_parser; then
  if (cd "$WORK" && find mmd md -type f -print0 | sort -z |
        xargs -0 timeout "$(limit 300)" node "$TOOLS/mermaid-parse.mjs" >"$WORK/parse.out" 2>&1); then
    pass
  else
    fail "mermaid.parse refused:"$'\n'"$(head -20 "$WORK/parse.out")"
  fi
elif [[ ${CI:-} == true ]]; then
  fail "mermaid's parser is not installed (node and tests/tools/node_modules: run .ci/setup)"
else
  skip "mermaid.parse checks: node or tests/tools/node_modules (mermaid, jsdom) absent; run .ci/setup"
fi

# --- outputs and names -----------------------------------------------------------------------------------
ORDERS=$REPO/samples/order-processing/template.yml
cat >"$WORK/two.yaml" <<'EOF'
Resources:
  First:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition: {StartAt: A, States: {A: {Type: Succeed}}}
  Second:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition: {StartAt: B, States: {B: {Type: Pass, End: true}}}
EOF
run render "$WORK/two.yaml" -f mermaid
expect_rc "several machines in one .mmd are refused" 2
expect_err "the refusal says how to get them all" "-o DIR/"
run render "$WORK/two.yaml" -f markdown
expect_rc "Markdown holds several machines" 0
check "one mermaid block per machine" test "$(grep -c '^```mermaid$' "$OUT")" -eq 2
expect_out "each under its title" "^### Second$"
run render "$ORDERS" -o "$WORK/orders.mmd"
expect_rc "the format from .mmd" 0
check ".mmd is a flowchart" grep -q '^flowchart TD$' "$WORK/orders.mmd"
run render "$ORDERS" -o "$WORK/orders.md"
check ".md is Markdown" grep -q '^```mermaid$' "$WORK/orders.md"
mkdir -p "$WORK/dir"
run render "$ORDERS" -f mermaid -o "$WORK/dir/"
check "-o DIR/ names the file after the ID, .mmd" test -f "$WORK/dir/OrderProcessingStateMachine.mmd"
SFNVIZ_DRAW_MODULE=/nonexistent/libsfnviz-draw.so run render "$ORDERS" -f mermaid
expect_rc "Mermaid needs no drawing module" 0
run render "$ORDERS" -f mermaid --direction LR
expect_out "--direction LR" "^flowchart LR$"
run render "$TESTS/mermaid/hostile-names.asl.json" -f mermaid
expect_out "quotes in names are entity codes" "A #quot;quoted#quot; #91;bracketed#93;"
# Every line starts with a synthetic ID or a keyword: a name is never where Mermaid reads syntax.
check "node IDs are synthetic" python3 -c 'import re, sys
ok = re.compile(r"(---|title: |flowchart |(s\d+(_b\d+)?|start0|end0|missing\d+)[ ([{]|subgraph s\d+(_b\d+)? \[|direction |end$|class |classDef |linkStyle )")
sys.exit(any(not ok.match(l.strip()) for l in open(sys.argv[1]) if l.strip()))' "$OUT"

# --- the README's sample is the program's real output -------------------------------------------------------
python3 - "$REPO/README.md" >"$WORK/readme.mmd" <<'EOF'
import re, sys
m = re.search(r"<!-- mermaid-sample: sfnviz render (\S+) -f mermaid -->\n```mermaid\n(.*?)```\n",
              open(sys.argv[1]).read(), re.S)
sys.stdout.write(m.group(2) if m else "")
EOF
(cd "$REPO" && timeout "$(limit 20)" "$BIN" render samples/image-batch/template.yml -f mermaid) >"$WORK/sample.mmd"
check "the README's Mermaid block is what sfnviz writes now" cmp -s "$WORK/readme.mmd" "$WORK/sample.mmd"

# --- GitHub's limits -----------------------------------------------------------------------------------
python3 - "$WORK/big.asl.json" <<'EOF'
import json, sys
states = {}
n = 700
for i in range(n):
    s = {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F%d" % i,
         "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 3}],
         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]}
    if i + 1 < n: s["Next"] = "S%d" % (i + 1)
    else: s["End"] = True
    states["S%d" % i] = s
states["Failed"] = {"Type": "Fail"}
json.dump({"StartAt": "S0", "States": states}, open(sys.argv[1], "w"))
EOF
run render "$WORK/big.asl.json" -f mermaid
expect_rc "a machine past GitHub's limits still renders" 0
expect_err "and says it is past them" "past what GitHub renders"
python3 - "$WORK/mid.asl.json" <<'EOF'
import json, sys
states = {}
n = 400
for i in range(n):
    s = {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F%d" % i,
         "Retry": [{"ErrorEquals": ["States.TaskFailed", "Lambda.ServiceException"], "MaxAttempts": 3}]}
    if i + 1 < n: s["Next"] = "S%d" % (i + 1)
    else: s["End"] = True
    states["S%d" % i] = s
json.dump({"StartAt": "S0", "States": states}, open(sys.argv[1], "w"))
EOF
run render "$WORK/mid.asl.json" -f mermaid
expect_err "full past GitHub's limits, compact within: auto draws compact and says so" \
  "Mermaid drawn compact to stay within"
check "compact: retriers in short" grep -q "↻ ×3" "$OUT"
check "and within GitHub's 50 000 characters" test "$(wc -c <"$OUT")" -le 50000
run render "$WORK/mid.asl.json" -f mermaid --detail full
expect_err "--detail full: past the limits, a warning" "past what GitHub renders"
run render "$TESTS/golden/task-retry.asl.json" -f mermaid
check "a small machine gives no warning" test ! -s "$ERR"

finish
