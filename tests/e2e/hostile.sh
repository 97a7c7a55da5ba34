#!/usr/bin/env bash
# hostile.sh: inputs and outputs that once misbehaved (found in review): output onto devices and symbolic
# links, substitution blow-ups, unclosed placeholders, FIFOs as DefinitionUri files, states named like
# intrinsics, NUL bytes in names, invalid UTF-8 in file names, control characters in messages, options a
# command does not take, and output files that would collide. Each run has run()'s 20 s hang guard.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
mkdir -p h && cd h || exit 1
printf '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}\n' >a.asl.json

# --- output onto things that are not regular files -----------------------------------------------------
run render a.asl.json -f svg -o /dev/null
expect_rc "-o /dev/null works" 0
check "/dev/null is still a character device" test -c /dev/null
printf 'old\n' >target.svg
chmod 600 target.svg
ln -s target.svg link.svg
run render a.asl.json -o link.svg
expect_rc "-o through a symbolic link" 0
check "the link is still a link" test -L link.svg
check "the file it names got the drawing" grep -q '<svg' target.svg
check "the file keeps its mode" test "$(stat -c %a target.svg)" = 600
mkfifo fifo.out
(cat fifo.out >fifo.got) &
run render a.asl.json -f json -o fifo.out
wait
check "a FIFO output is written in place, not replaced" test -p fifo.out
check "the FIFO's reader got the JSON" grep -q '"version": 1' fifo.got
# Binary output never reaches a terminal, named by -o or not (script gives the command a terminal).
if command -v script >/dev/null; then
  for c in "render a.asl.json -f png -o /dev/stdout" "render a.asl.json -f pdf -o /dev/tty" \
           "diff a.asl.json a.asl.json -f png -o /dev/stdout" "render a.asl.json -f png"; do
    timeout "$(limit 20)" script -qec "'$BIN' $c" /dev/null >tty.out 2>&1
    check "$c on a terminal: refused" grep -q "not writing p[dn][fg] to a terminal" tty.out
    check "$c on a terminal: no PNG or PDF bytes" bash -c "! grep -qa 'PNG\|%PDF' tty.out"
  done
else
  skip "script is not installed: binary output onto a terminal is not tried"
fi

# --- substitutions that grow without bound, or placeholders that never close ----------------------------
big=$(printf '${B}%.0s' $(seq 1000))
cat >grow.yaml <<YAML
Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionSubstitutions: {A: "${big//B/B}", B: "${big//B/C}", C: "${big//B/D}", D: xxxxxxxxxxxxxxxx}
      Definition: {StartAt: T, States: {T: {Type: Pass, Comment: "\${A}", End: true}}}
YAML
run render grow.yaml -f json
expect_rc "a substitution that grows too large is refused" 2
expect_json "its message says it is too large, not a cycle" "$OUT" '"larger than 16 MiB" in d["machines"][0]["message"]' true
python3 -c 'import sys; sys.stdout.write("StartAt: A\nStates:\n  A: {Type: Pass, End: true, Comment: \"" + "${" * 400000 + "\"}\n")' >open.asl.yaml
cat >open.yaml <<'YAML'
Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionSubstitutions: {X: y}
      DefinitionUri: open.asl.yaml
YAML
run render open.yaml -f json
expect_rc "400 000 unclosed \${ are read (linear, well inside the hang guard)" 0

# --- a FIFO as DefinitionUri never blocks --------------------------------------------------------------
mkfifo def.fifo
printf 'Resources:\n  M: {Type: AWS::Serverless::StateMachine, Properties: {DefinitionUri: def.fifo}}\n' >fifo.yaml
run list fifo.yaml
expect_rc "list with a FIFO DefinitionUri returns" 0
expect_out "the machine is an error" "error"
run render fifo.yaml -f json
expect_json "a FIFO is not a regular file" "$OUT" '"is not a regular file" in d["machines"][0]["message"]' true

# --- names that look like intrinsics, NUL bytes, invalid UTF-8 ----------------------------------------
printf '{"StartAt":"Ref","States":{"Ref":{"Type":"Pass","Next":"Fn::GetAtt"},"Fn::GetAtt":{"Type":"Succeed"}}}\n' >ref.asl.json
run render ref.asl.json -f json
expect_rc "states named Ref and Fn::GetAtt are states" 0
expect_json "both are there" "$OUT" 'sorted(s["name"] for s in d["machines"][0]["states"])' $'Fn::GetAtt\nRef'
printf 'Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n        StartAt: Condition\n        States: {Condition: {Type: Pass, End: true}}\n' >cond.yaml
run render cond.yaml -f json
expect_json "a state named Condition in a template" "$OUT" 'd["machines"][0]["states"][0]["name"]' "Condition"
printf '{"StartAt":"A","States":{"A\\u0000b":{"Type":"Pass","End":true},"A":{"Type":"Pass","Next":"A\\u0000b"}}}\n' >nul.asl.json
run render nul.asl.json -f json
expect_json "a Next naming a state with a NUL reaches that state" "$OUT" \
  '[e["to"] for e in d["machines"][0]["edges"] if e["kind"] == "next"][0]' $'A\ufffdb'
cp a.asl.json $'bad\xf8\x80\x80.asl.json'
run render $'bad\xf8\x80\x80.asl.json' -f json
check "JSON output is strict UTF-8 whatever the file name" \
  python3 -c 'import sys, json; json.loads(open(sys.argv[1], "rb").read().decode("utf-8", "strict"))' "$OUT"

# --- messages stay one line, with no terminal control -------------------------------------------------
printf '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"x\\u001b[2J\\ny"}}}\n' >ctl.asl.json
run render ctl.asl.json -f json
check "no escape character reaches stderr" bash -c "! grep -q $'\x1b' '$ERR'"
expect_err "the control characters are shown as \\\\xNN" 'x\\x1B\[2J\\x0Ay'

# --- options a command does not take; bad short options named right -----------------------------------
run list -o out.svg a.asl.json
expect_rc "list refuses -o" 2
expect_err "and says so" "list does not take option '-o'"
run render a.asl.json -zq
expect_err "an unknown short option is named, not the file" "unknown option '-z'"
run render a.asl.json -o UPPER.SVG
expect_rc "the extension is read whatever its case" 0
check "UPPER.SVG is an SVG" grep -q '<svg' UPPER.SVG

# --- one file per machine: names that would collide ----------------------------------------------------
cat >collide.yaml <<'YAML'
Resources:
  "My/Machine": {Type: AWS::StepFunctions::StateMachine, Properties: {Definition: {StartAt: A, States: {A: {Type: Succeed}}}}}
  My_Machine: {Type: AWS::StepFunctions::StateMachine, Properties: {Definition: {StartAt: B, States: {B: {Type: Succeed}}}}}
  x.json: {Type: AWS::StepFunctions::StateMachine, Properties: {Definition: {StartAt: C, States: {C: {Type: Succeed}}}}}
YAML
run render collide.yaml -f dot -o col/
expect_rc "two machines that map to one file name are refused" 2
expect_err "the message names both" "My/Machine.*My_Machine"
check "nothing was written" test ! -e col/My_Machine.dot
run render collide.yaml -m x.json -f dot -o col2/
check "a template ID keeps its dots: x.json.dot" test -s col2/x.json.dot

# --- a picture that would miss a machine asked for is not written --------------------------------------
cat >s3.yaml <<'YAML'
Resources:
  Good: {Type: AWS::StepFunctions::StateMachine, Properties: {Definition: {StartAt: A, States: {A: {Type: Succeed}}}}}
  Bad: {Type: AWS::StepFunctions::StateMachine, Properties: {DefinitionS3Location: {Bucket: b, Key: k}}}
YAML
printf 'keep\n' >keep.svg
run render s3.yaml -o keep.svg
expect_rc "an undrawable machine among those asked for fails the render" 2
check "the existing file is untouched" test "$(cat keep.svg)" = keep
run render s3.yaml -f json
expect_rc "JSON lists both, and still exits 2" 2
expect_json "both are listed" "$OUT" 'sorted(m["status"] for m in d["machines"])' $'ok\ns3'

# --- DefinitionUri values that are neither a path nor an S3 location ----------------------------------
printf 'Resources:\n  A: {Type: AWS::Serverless::StateMachine, Properties: {DefinitionUri: 5}}\n  B: {Type: AWS::Serverless::StateMachine, Properties: {DefinitionUri: ""}}\n' >uri.yaml
run list uri.yaml
expect_out "both are errors" "A +SAM.*error"
expect_err "and list says why, with the position" "uri.yaml:2:[0-9]+: error: DefinitionUri should be"

# --- a branch repeated through aliases does not flood standard error ----------------------------------
{
  printf 'StartAt: P\nStates:\n  P:\n    Type: Parallel\n    End: true\n    Branches:\n'
  printf '      - &b {StartAt: X, States: {X: {Type: Pass, End: true}}}\n'
  for i in $(seq 300); do printf '      - *b\n'; done
} >alias-branches.asl.yaml
run render alias-branches.asl.yaml -f json
expect_rc "300 aliased branches render" 0
check "at most 20 repeated-name warnings" test "$(grep -c 'is also used' "$ERR")" -le 20

# --- a render that succeeds with a warning says so ----------------------------------------------------
# 800 states are over 60 000 pixels tall at 110 dpi, twice cairo's limit (more only slows the sanitizer run).
python3 -c '
print("StartAt: S0\nStates:")
for i in range(800): print(f"  S{i}: {{Type: Pass, Next: S{i+1}}}")
print("  S800: {Type: Succeed}")' >long.asl.yaml
run render long.asl.yaml -o long.png
expect_rc "an 800-state chain renders to PNG" 0
expect_err "the PNG scaled down to fit is reported" "sfnviz: warning: the diagram is large: PNG drawn at"

# --- a theme cannot smuggle markup into the SVG through the font name ---------------------------------
printf 'font:\n  family: '"'"'Foo" onload="x<&'"'"'\n' >evil-theme.yaml
run render a.asl.json --theme evil-theme.yaml -f svg
expect_rc "a font name with markup is refused" 2
expect_err "with its position" "evil-theme.yaml:2:[0-9]+: error: \"font.family\" may hold only"

# --- warnings of JSON read from standard input are kept ------------------------------------------------
printf '{"StartAt":"A","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}\n' | timeout "$(limit 20)" "$BIN" render - -f json >"$OUT" 2>"$ERR"
expect_err "a repeated key in JSON on standard input is reported" "<stdin>:1:[0-9]+: warning: duplicate key"

# --- retry rates are shown as exactly as the JSON export writes them ----------------------------------
printf '{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","End":true,"Retry":[{"ErrorEquals":["X"],"BackoffRate":1.0000001}]}}}\n' >rate.asl.json
run render rate.asl.json -f dot
expect_out "backoff 1.0000001 is not rounded to 1.0" "1\\.0000001"

# --- deep nesting: each Parallel's box was laid out with everything inside it (100 levels: minutes, GBs) --
python3 -c '
import json
inner = {"StartAt": "L", "States": {"L": {"Type": "Pass", "End": True}}}
for i in range(100):
    side = {"StartAt": f"M{i}", "States": {f"M{i}": {"Type": "Map", "End": True,
            "ItemProcessor": {"StartAt": f"I{i}", "States": {f"I{i}": {"Type": "Pass", "End": True}}}}}}
    inner = {"StartAt": f"P{i}", "States": {f"P{i}": {"Type": "Parallel", "End": True, "Branches": [inner, side]}}}
print(json.dumps(inner))' >nested.asl.json
run render nested.asl.json -f dot --detail full
expect_rc "100 nested Parallels, each beside a Map, within the hang guard" 0
expect_out "the outermost Parallel's bars are fitted, a port per branch" "port=\"b1\""
run render nested.asl.json -f svg -o nested.svg
expect_rc "and drawn" 0
expect_err "collapsed: 300 nested boxes are what dot itself is slow on (10 s in full)" "drawn collapsed"

finish
