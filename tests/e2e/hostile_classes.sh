#!/usr/bin/env bash
# hostile_classes.sh: every class of hostile input (issue 13, item 4), each under its own heading, with the
# exit status and the message it gets (a regex, with file:line:col where there is a position). Where a class
# is already covered elsewhere, the heading says which test covers what, and only what is missing is here.
# Exit statuses: render/list/summary 0 or 2 (a file that does not parse, a machine that cannot be drawn);
# check 1 for findings in a file that parses, 2 for a file that does not. Large inputs are made here, on
# the fly; the messages of size limits are matched by their stable start only (the limits get names).
# shellcheck disable=SC2016 # ${X} in single quotes is CloudFormation's substitution, not the shell's
source "$(dirname "$0")/lib.sh"
# This test runs Python some 150 times: through a version manager's shim (pyenv) that is a second each,
# so python3 (lib.sh's json() too) is the interpreter the shim resolves to, found once.
PYTHON3=$(command python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PYTHON3=
[[ -x $PYTHON3 ]] || PYTHON3=$(command -v python3)
python3() { "$PYTHON3" "$@"; }
cd "$WORK" || exit 1
mkdir -p hc && cd hc || exit 1

# unreadable FILE ERE: render, list, summary and check all exit 2 with "FILE:line:col: error: ERE"
# (check: no finding, one file that could not be read), and render -o writes nothing.
unreadable() {
  local f=$1 ere=$2 c
  for c in "render -f json" list summary; do
    # shellcheck disable=SC2086 # the command's words
    run $c "$f"
    expect_rc "$f: $c refuses it" 2
    expect_err "$f: $c says why, with file:line:col" "^$f:[0-9]+:[0-9]+: error: $ere"
  done
  run check "$f"
  expect_rc "$f: check: a file that does not parse is exit 2, not a finding" 2
  expect_err "$f: check says why" "^$f:[0-9]+:[0-9]+: error: $ere"
  expect_err "$f: check counts it as unreadable" "1 file could not be read"
  run render "$f" -o "$f.svg"
  check "$f: render -o writes no file" test ! -e "$f.svg"
}

# at FILE LINE:COL ERE: render -f json exits 2 with exactly that position.
at() {
  run render "$1" -f json
  expect_err "$1: the error is at $2" "^$1:$2: error: $3"
}

# ascii_only FILE WHAT: no byte of FILE is a C0 control other than tab/newline/CR, DEL or a C1 control.
ascii_only() {
  python3 - "$1" <<'PY'
import re, sys
b = open(sys.argv[1], "rb").read()
bad = re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]", b)
if bad: print("raw control at byte %d: %r" % (bad.start(), b[max(0, bad.start() - 20):bad.end() + 20]))
sys.exit(1 if bad else 0)
PY
}

printf '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}\n' >a.asl.json

# --- empty file ----------------------------------------------------------------------------------------
: >empty.asl.json
: >empty.yaml
unreadable empty.asl.json "empty document"
unreadable empty.yaml "not a template or state machine definition"
at empty.asl.json 1:1 "empty document"
printf '\n\n   \n' >blank.asl.yaml
unreadable blank.asl.yaml "not a template or state machine definition"

# --- binary (random bytes, an ELF header, a PNG header) --------------------------------------------------
python3 -c 'import random, sys; random.seed(13); sys.stdout.buffer.write(bytes([0x86]) + random.randbytes(4095))' >random.bin
unreadable random.bin "invalid (leading )?UTF-8"
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00' >elf.asl.json
unreadable elf.asl.json "unexpected character U\+007F"
at elf.asl.json 1:1 "unexpected character"
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10' >png.yaml
unreadable png.yaml "invalid leading UTF-8 octet"
at png.yaml 1:1 "invalid leading UTF-8 octet"

# --- truncated YAML and truncated JSON -------------------------------------------------------------------
printf '{"StartAt":"A","States":{"A":{"Type":"Pa' >cut-string.asl.json
unreadable cut-string.asl.json "unexpected end of input inside a string"
at cut-string.asl.json 1:41 "unexpected end of input"
printf '{"StartAt":"A","States":{"A":{"Type":"Pass",' >cut-object.asl.json
unreadable cut-object.asl.json "unexpected end of input inside an object"
printf 'StartAt: A\nStates:\n  A:\n    Type: "Pa' >cut-quoted.asl.yaml
unreadable cut-quoted.asl.yaml "while scanning a quoted scalar: found unexpected end of stream"
at cut-quoted.asl.yaml 4:14 "while scanning a quoted scalar"
printf 'StartAt: A\nStates:\n  A: {Type: Pass, End: tr' >cut-flow.asl.yaml
unreadable cut-flow.asl.yaml "while parsing a flow mapping"
# A block document cut between lines parses: what is missing is a finding of check, not a read error.
printf 'StartAt: A\nStates:\n  A:\n    Type: Pass\n' >cut-block.asl.yaml
run check cut-block.asl.yaml
expect_rc "a block document cut after a line: check finds what is missing (exit 1)" 1
expect_out "with the position of the state" "^cut-block.asl.yaml:3:3: error: .*End.*\[next-missing\]"

# --- tabs in YAML indentation ----------------------------------------------------------------------------
printf 'StartAt: A\nStates:\n  A:\n\tType: Pass\n\tEnd: true\n' >tab-indent.asl.yaml
unreadable tab-indent.asl.yaml "while scanning for the next token: found character that cannot start any token \(a tab: YAML indents with spaces only\)"
at tab-indent.asl.yaml 4:1 "while scanning for the next token"
printf 'StartAt: A\nStates:\n  A:\n    Type: Pass\n\t\tEnd: true\n' >tab-inside.asl.yaml
unreadable tab-inside.asl.yaml "while scanning a plain scalar: found a tab character that violates indentation"
# A tab between tokens (not indentation) is fine, in YAML as in JSON (tests/cli/tabs.asl.json, cli.sh).
printf 'StartAt:\tA\nStates:\n  A: {Type:\tPass, End: true}\n' >tab-between.asl.yaml
run render tab-between.asl.yaml -f json
expect_rc "a tab after a key's colon is not indentation" 0

# --- billion laughs (YAML alias bomb) --------------------------------------------------------------------
# cli.sh: tests/cli/billion-laughs.asl.yaml gives render exit 2 at file:line:col. Here: the message, and the
# other commands.
cp "$CLI/billion-laughs.asl.yaml" laughs.asl.yaml
unreadable laughs.asl.yaml "(document has )?too many nodes"
# The same bomb as a template's inline Definition.
{
  printf 'Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n'
  printf '        StartAt: A\n        States: {A: {Type: Pass, End: true, Result: *i}}\n'
  printf 'X:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  for l in b c d e f g h i; do
    p=$(printf '%s' "$l" | tr 'b-i' 'a-h')
    printf '  %s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n' "$l" "$l" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p"
  done
} >laughs-later.yaml
# The anchor comes after its alias here: that alone is an error; with the anchors first, the bomb.
unreadable laughs-later.yaml "unknown anchor"
{ sed -n '8,$p' laughs-later.yaml; sed -n '1,7p' laughs-later.yaml; } >laughs.yaml
unreadable laughs.yaml "(document has )?too many nodes"

# --- alias cycle / recursive alias -----------------------------------------------------------------------
# cli.sh: tests/cli/alias-cycle.asl.yaml (an alias inside its own anchor) is refused by render at
# file:line:col. Here: the message, every command, and a cycle through a map.
cp "$CLI/alias-cycle.asl.yaml" cycle.asl.yaml
unreadable cycle.asl.yaml 'recursive alias "a"'
at cycle.asl.yaml 6:20 "recursive alias"
printf 'StartAt: A\nStates: &s\n  A: {Type: Pass, End: true, Parameters: *s}\n' >cycle-map.asl.yaml
unreadable cycle-map.asl.yaml 'recursive alias "s"'
at cycle-map.asl.yaml 3:42 "recursive alias"

# --- 100 000-deep brackets (JSON and YAML flow) ----------------------------------------------------------
python3 -c 'print("[" * 100000 + "]" * 100000)' >deep.asl.json
unreadable deep.asl.json "nesting deeper than"
python3 -c 'print("[" * 100000)' >deep-open.asl.json
unreadable deep-open.asl.json "nesting deeper than"
python3 -c 'print("StartAt: A\nStates: " + "[" * 100000 + "]" * 100000)' >deep-seq.asl.yaml
unreadable deep-seq.asl.yaml "nesting deeper than"
python3 -c 'print("StartAt: A\nStates: " + "{a: " * 100000 + "1" + "}" * 100000)' >deep-map.asl.yaml
unreadable deep-map.asl.yaml "nesting deeper than"
# As a string that is parsed again (DefinitionString): the same refusal, at the template's line.
python3 -c 'print("Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: \x27" + "[" * 100000 + "\x27")' >deep-string.yaml
run render deep-string.yaml -f json
expect_rc "100 000 brackets in a DefinitionString: the machine is an error" 2
expect_err "with the template's position" "^deep-string.yaml:[0-9]+:[0-9]+: error: .*nesting deeper than"
run check deep-string.yaml
expect_rc "check: the template parses, so its broken definition is a finding" 1

# --- 300-deep nested Parallel ----------------------------------------------------------------------------
# hostile.sh draws 100 nested Parallels, each beside a Map. 300 deep must work too: every command, the
# drawn formats collapsed (dot lays 300 nested boxes out slowly: --detail full takes 14 s and 440 MB, and
# auto drew them so, as their layout load is small, until boxes nested past 150 were collapsed). Each
# Parallel is 4 levels of maps and sequences in the file (States, the state, Branches, a branch), so the
# readers' nesting limit (VALUE_MAX_DEPTH = 512 in src/read/value.h) lets 127 through, not 128; with the
# limit at 4096 every command below passes, and the model, check, summary and graph stages were checked to
# 1000 Parallels (1300 Maps) in a plain and an ASan build: they recurse once per scope, a few hundred bytes.
# nested N: N Parallels, each the only state of the one around it, the innermost holding a Pass L
# (strings, not json.dumps: Python's encoder recurses, and stops near 1000 levels).
nested() {
  python3 -c '
import sys
s = "{\"StartAt\":\"L\",\"States\":{\"L\":{\"Type\":\"Pass\",\"End\":true}}}"
for i in range(int(sys.argv[1])):
    s = "{\"StartAt\":\"P%d\",\"States\":{\"P%d\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":[%s]}}}" % (i, i, s)
print(s)' "$1" >"nested$1.asl.json"
}
nested 300
# 300 nested Parallels are 1200 levels of nesting, within the readers' 2048 (tests/e2e/limits.sh).
run render nested300.asl.json -f json
expect_rc "300 nested Parallels: render -f json" 0
expect_json "all 301 states, the innermost 300 deep" "$OUT" \
  '"%d %s" % (len(machine(0)["states"]), [s["parent"] for s in machine(0)["states"] if s["name"] == "L"][0])' "301 P0"
for c in list check summary "summary -f json" "render -f mermaid" "render -f dot --detail collapsed"; do
  # shellcheck disable=SC2086
  run $c nested300.asl.json
  expect_rc "300 nested Parallels: $c" 0
done
run render nested300.asl.json -f dot
expect_rc "300 nested Parallels: render -f dot (auto detail)" 0
expect_err "drawn collapsed: boxes nested past BOX_DEPTH_MAX (150) are slow for dot" "drawn collapsed"
cp "$OUT" nested300.dot
check "its DOT is read back by Graphviz" bash -c "dot -Tcanon nested300.dot >/dev/null"
run render nested300.asl.json -f svg --detail collapsed -o nested300.svg
expect_rc "300 nested Parallels: drawn collapsed to SVG" 0
check "a well-formed SVG" is_svg nested300.svg
# 120 nested Parallels (480 levels): the whole pipeline, in full.
nested 120
for c in "render -f json" list check summary "render -f mermaid" "render -f dot"; do
  # shellcheck disable=SC2086
  run $c nested120.asl.json
  expect_rc "120 nested Parallels: $c" 0
done
check "120 nested Parallels: the DOT holds 120 nested boxes" test "$(grep -c 'subgraph cluster_p' "$OUT")" -ge 120

# --- 20 000 states ---------------------------------------------------------------------------------------
# large.sh covers the size guard of the drawn formats (full, compact, collapsed, refused past about 5000
# states, JSON without a limit) on bench/gen_workflow.py's workflows. Here: check, summary and render -f json
# and mermaid at 20 000 states, made by a quicker generator (gen_workflow.py takes seconds at this size):
# Tasks with Retry and Catch, a Choice every 10 states, a Parallel every 100.
python3 -c '
import json
n = 20000
st = {}
for i in range(n - 1):
    nxt = "S%d" % (i + 1)
    if i % 100 == 50:
        st["S%d" % i] = {"Type": "Parallel", "Next": nxt, "Branches": [
            {"StartAt": "B%d" % i, "States": {"B%d" % i: {"Type": "Pass", "End": True}}}]}
    elif i % 10 == 5:
        st["S%d" % i] = {"Type": "Choice", "Default": nxt,
                         "Choices": [{"Variable": "$.x", "NumericEquals": i, "Next": "S%d" % max(0, i - 3)}]}
    else:
        st["S%d" % i] = {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f%d" % (i % 7),
                         "Next": nxt, "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fail"}]}
st["S%d" % (n - 1)] = {"Type": "Succeed"}
st["Fail"] = {"Type": "Fail", "Error": "E"}
print(json.dumps({"StartAt": "S0", "States": st}))' >w20k.asl.json
run check w20k.asl.json
expect_rc "20 000 states: check" 0
run summary w20k.asl.json
expect_rc "20 000 states: summary" 0
expect_out "counts them all" "states +20201: "
run summary -f json w20k.asl.json
expect_json "20 000 states: summary -f json" "$OUT" 'd["files"][0]["machines"][0]["states"]' 20201
run render w20k.asl.json -f json
expect_json "20 000 states: render -f json lists every state" "$OUT" 'len(machine(0)["states"])' 20201
run render w20k.asl.json -f mermaid
expect_rc "20 000 states: render -f mermaid" 0
expect_err "warns that GitHub will not show it" "past what GitHub renders"
expect_out "and writes the flowchart" "^flowchart TD"
run render w20k.asl.json -f svg -o w20k.svg
expect_rc "20 000 states: a drawing is refused (large.sh)" 2
check "and nothing is written" test ! -e w20k.svg

# --- UTF-16 LE and BE with a byte order mark --------------------------------------------------------------
# Windows PowerShell 5 writes UTF-16 LE with a BOM (`>`, Out-File). Such files are read as UTF-8 is: the
# same states, the same findings at the same line:col. UTF-16 without a BOM and UTF-32 are not read, and
# the error says which they look like.
python3 - <<'PY'
import codecs
asl = '{"StartAt":"Ä😀","States":{"Ä😀":{"Type":"Pass","Next":"Nowhere"}}}\n'
tpl = ('Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n'
       '      DefinitionSubstitutions: {X: "é"}\n      Definition:\n        StartAt: "${X}"\n'
       '        States:\n          "${X}": {Type: Pass, Next: Nowhere}\n')
uri = 'Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties: {DefinitionUri: le.asl.json}\n'
for name, text in (("u8.asl.json", asl), ("u8.yaml", tpl)):
    open(name, "w", encoding="utf-8").write(text)
for stem, text in (("", asl), ("-tpl", tpl)):
    ext = ".asl.json" if text is asl else ".yaml"
    open("le" + stem + ext, "wb").write(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    open("be" + stem + ext, "wb").write(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
open("uri.yaml", "wb").write(codecs.BOM_UTF16_LE + uri.encode("utf-16-le"))
open("lone.asl.json", "wb").write(codecs.BOM_UTF16_LE + '{"StartAt":"A'.encode("utf-16-le") + b"\x00\xd8"
                                  + '","States":{"A\ufffd":{"Type":"Succeed"}}}'.encode("utf-16-le"))
open("odd.asl.json", "wb").write(codecs.BOM_UTF16_LE + asl.encode("utf-16-le") + b"x")
open("nobom.asl.json", "wb").write(asl.encode("utf-16-le"))
open("u32.asl.json", "wb").write(codecs.BOM_UTF32_LE + asl.encode("utf-32-le"))
PY
run check u8.asl.json
sed 's/^u8/X/' "$OUT" >u8.check
run check u8.yaml
sed 's/^u8-tpl/X/; s/^u8/X/' "$OUT" >u8-tpl.check
for f in le.asl.json be.asl.json le-tpl.yaml be-tpl.yaml; do
  run check "$f"
  expect_rc "$f: UTF-16 is read: check finds the bad Next (exit 1)" 1
  sed "s/^${f%%.*}/X/" "$OUT" >"$f.check"
  case $f in *.yaml) want=u8-tpl.check ;; *) want=u8.check ;; esac
  check "$f: the same findings, at the same line:col, as the UTF-8 file" cmp -s "$want" "$f.check"
  run render "$f" -f json
  expect_json "$f: the names are decoded" "$OUT" 'machine(0)["start"]' "$(case $f in *.yaml) echo é ;; *) echo 'Ä😀' ;; esac)"
done
run render le.asl.json -f svg -o le.svg
check "UTF-16 to SVG: the name is drawn" grep -q 'Ä😀' le.svg
run render uri.yaml -f json
expect_rc "a UTF-16 template whose DefinitionUri file is UTF-16 too" 0
expect_json "both are decoded" "$OUT" 'machine(0)["start"]' 'Ä😀'
run render lone.asl.json -f json
expect_rc "a lone surrogate in UTF-16 becomes U+FFFD (as a JSON escape does)" 0
expect_json "and the name still matches" "$OUT" 'machine(0)["start"]' $'A\ufffd'
unreadable odd.asl.json "unexpected content after the JSON value"
unreadable nobom.asl.json "the file looks like UTF-16 without a byte order mark: sfnviz reads UTF-8, or UTF-16 with a byte order mark"
unreadable u32.asl.json "the file looks like UTF-32: sfnviz reads UTF-8"
at u32.asl.json 1:1 "the file looks like UTF-32"

# --- invalid UTF-8 in values and names -------------------------------------------------------------------
# hostile.sh: invalid UTF-8 in a file name keeps the JSON export strict UTF-8.
printf '{"StartAt":"A","States":{"A\xff":{"Type":"Pass","End":true}}}\n' >bad-name.asl.json
unreadable bad-name.asl.json "invalid UTF-8 byte 0xFF"
at bad-name.asl.json 1:28 "invalid UTF-8"
printf '{"StartAt":"A","States":{"A":{"Type":"Pass","Comment":"x\xc3\x28y","End":true}}}\n' >bad-value.asl.json
unreadable bad-value.asl.json "invalid UTF-8"
printf '{"StartAt":"A","States":{"A":{"Type":"Pass","Comment":"\xed\xa0\x80","End":true}}}\n' >surrogate.asl.json
unreadable surrogate.asl.json "invalid UTF-8"
printf 'StartAt: A\nStates:\n  "A\xc0\xaf": {Type: Pass, End: true}\n' >bad-name.asl.yaml
unreadable bad-name.asl.yaml "invalid length of a UTF-8 sequence"
printf 'StartAt: A\nStates:\n  A: {Type: Pass, End: true, Comment: x\xf8\x88\x80\x80\x80}\n' >bad-value.asl.yaml
unreadable bad-value.asl.yaml "invalid (leading|trailing) UTF-8 octet"
at bad-value.asl.yaml 3:40 "invalid leading UTF-8 octet"

# --- NUL bytes -------------------------------------------------------------------------------------------
# hostile.sh: a \u0000 escape in a name reads as U+FFFD, and a Next naming it still reaches it.
printf '{"StartAt":"A","States":{"A\0B":{"Type":"Pass","End":true}}}' >nul-name.asl.json
unreadable nul-name.asl.json "control character U\+0000 in a string"
at nul-name.asl.json 1:28 "control character"
printf '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}\0trailing' >nul-after.asl.json
unreadable nul-after.asl.json "unexpected content after the JSON value"
printf 'StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n\0\n' >nul.asl.yaml
unreadable nul.asl.yaml "control characters are not allowed"
at nul.asl.yaml 4:1 "control characters"
# YAML's "\0" escape is a NUL in a name: it parses, and check warns that the name holds an invisible
# character (a warning: exit 0, and 1 with --strict).
printf 'StartAt: "A\\0B"\nStates:\n  "A\\0B": {Type: Pass, End: true}\n' >nul-escape.asl.yaml
run check nul-escape.asl.yaml
expect_rc "a NUL escaped in a YAML name: a warning" 0
expect_out "at the name, the NUL shown as U+FFFD" '^nul-escape.asl.yaml:3:3: warning: state name "A.B" holds a control or invisible character.*\[state-name-invisible\]'
run check --strict nul-escape.asl.yaml
expect_rc "and with --strict a failure" 1
run render nul-escape.asl.yaml -f dot
cp "$OUT" nul.dot
check "the DOT has no NUL and Graphviz reads it" bash -c "! grep -qaP '\x00' nul.dot && dot -Tcanon nul.dot >/dev/null"

# --- 10 MB strings ---------------------------------------------------------------------------------------
# Smaller in an instrumented build: the point is a string far past any buffer, not the sanitizer's time.
mb=10
[[ $INSTRUMENTED == 1 ]] && mb=3
python3 -c '
import sys
s = "x" * (int(sys.argv[1]) * 1000000)
print("{\"Comment\":\"%s\",\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Comment\":\"%s\",\"Result\":\"%s\",\"End\":true}}}" % (s, s, s))' $mb >big-string.asl.json
for c in "render -f json" "render -f dot" "render -f mermaid" "render -f markdown" summary "summary -f json" list; do
  # shellcheck disable=SC2086
  run $c big-string.asl.json
  expect_rc "$mb MB strings: $c" 0
done
run summary -f json big-string.asl.json
expect_json "the summary keeps the whole comment" "$OUT" 'len(d["files"][0]["machines"][0]["comment"])' $((mb * 1000000))
run render big-string.asl.json -f svg -o big-string.svg
expect_rc "$mb MB strings: render -f svg" 0
check "a well-formed SVG" is_svg big-string.svg
check "under 100 kB: labels and tooltips are cut, not ${mb} MB of text" test "$(stat -c %s big-string.svg)" -lt 100000
run render big-string.asl.json -f dot -o big-string.dot
check "Graphviz reads its DOT back (a tooltip line past 16 kB was a syntax error)" \
  bash -c "dot -Tcanon big-string.dot >/dev/null"
run check big-string.asl.json
expect_rc "$mb MB strings: check runs" 0
# A 10 MB string in a template's Definition, substituted from DefinitionSubstitutions.
printf 'Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionSubstitutions: {X: "%s"}\n      Definition: {StartAt: A, States: {A: {Type: Pass, Comment: "${X}${X}", End: true}}}\n' \
  "$(head -c $((mb * 1000000)) /dev/zero | tr '\0' y)" >big-sub.yaml
run render big-sub.yaml -f json
if [[ $mb == 10 ]]; then
  expect_rc "a 10 MB substitution used twice: past the substitution limit" 2
  expect_err "which says so at the use" "^big-sub.yaml:6:[0-9]+: error: DefinitionSubstitutions make this text larger than"
else
  expect_rc "a $mb MB substitution used twice" 0
fi
sed -i 's/\${X}\${X}/${X}/' big-sub.yaml
run render big-sub.yaml -f json
expect_rc "a ${mb} MB substitution used once" 0

# --- megabyte-long state names ---------------------------------------------------------------------------
python3 -c '
n = "N" * 1000000
print("{\"StartAt\":\"%s\",\"States\":{\"%s\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"B\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"IsPresent\":true,\"Next\":\"%s\"}],\"Default\":\"C\"},\"C\":{\"Type\":\"Succeed\"}}}" % (n, n, n))' >long-name.asl.json
for c in "render -f json" "render -f dot" "render -f mermaid" "render -f markdown" summary list; do
  # shellcheck disable=SC2086
  run $c long-name.asl.json
  expect_rc "a 1 MB state name: $c" 0
done
run render long-name.asl.json -f json
expect_json "the JSON export keeps the whole name" "$OUT" 'len(machine(0)["start"])' 1000000
run render long-name.asl.json -f svg -o long-name.svg
expect_rc "a 1 MB state name: render -f svg" 0
check "a well-formed SVG" is_svg long-name.svg
run render long-name.asl.json -f dot
cp "$OUT" long-name.dot
check "Graphviz reads its DOT" bash -c "dot -Tcanon long-name.dot >/dev/null"
run check long-name.asl.json
expect_rc "check: a name past 80 characters is a finding" 1
expect_out "cut in the message, with its position" "^long-name.asl.json:1:[0-9]+: error: state name \"N{60}…\" is 1000000 characters long; the limit is 80 \[state-name-length\]"
check "one short line per finding" test "$(wc -c <"$OUT")" -lt 1000

# --- names full of "<>&', backticks, ]]>, -->, newlines (every output format) -----------------------------
# Each name and text below reaches every format; each format must stay well-formed and must not let a
# name break out of its syntax: XML parsed strictly, DOT re-read by Graphviz, JSON strict, Markdown and
# Mermaid by their structure, text with no raw control characters.
python3 - <<'PY'
import json
names = ['Q"<>&\'', 'T`x``` ```', 'C]]>end', 'H-->x', 'N\nL\r\n2', 'E\x1b[31mred\x1b[0m', 'C1\u009b2J',
         'M%%{init}%%', 'P|pipe|#35;', '<!-- c -->', '${x}', 'R\u202egnp.exe', 'S\ud800x', '[[x]]']
st = {}
for i, n in enumerate(names[:-1]):
    st[n] = {"Type": "Pass", "Comment": n, "Next": names[i + 1]}
st[names[-1]] = {"Type": "Choice", "Choices": [{"Variable": "$.a\"<>&`]]>-->", "StringEquals": "v\"<>&`]]>-->\n",
                 "Next": names[0]}], "Default": "Done -->"}
st["Done -->"] = {"Type": "Parallel", "End": True, "Branches": [{"StartAt": "In ]]> `", "States": {
    "In ]]> `": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f<&>\"`", "End": True,
                 "Catch": [{"ErrorEquals": ["E<&>\"`-->"], "Next": "Fail ]]>\n```"}]},
    "Fail ]]>\n```": {"Type": "Fail", "Error": "x<>&", "Cause": "-->\n```"}}}]}
d = {"Comment": "c\"<>&`]]>-->\x1b[2J\n```", "StartAt": names[0], "States": st}
open("evil.asl.json", "w").write(json.dumps(d))  # ensure_ascii: \ud800 stays an escape, legal JSON
tpl = {"Resources": {"Evil\u009b": {"Type": "AWS::Serverless::StateMachine", "Properties": {
    "Name": "n\"<>&`]]>-->\x1b[2J\n", "Definition": d}}}}
open("evil.yaml", "w").write(json.dumps(tpl))
PY
cp a.asl.json plain.asl.json
run render evil.asl.json -f json -o evil.json
expect_rc "hostile names: render -f json" 0
check "hostile names: JSON is strict" python3 -c 'import json, sys; json.loads(open(sys.argv[1], "rb").read().decode("utf-8", "strict"))' evil.json
expect_json "every state is there" evil.json 'len(machine(0)["states"])' 17
run render evil.asl.json -f svg -o evil.svg
expect_rc "hostile names: render -f svg" 0
check "hostile names: the SVG parses (minidom)" python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' evil.svg
check "and shows the names as text" bash -c "$(declare -f svg_text); svg_text evil.svg | grep -F 'C]]>end' >/dev/null"
run render evil.asl.json -f dot -o evil.dot
expect_rc "hostile names: render -f dot" 0
check "hostile names: Graphviz re-reads the DOT (dot -Tcanon)" bash -c "dot -Tcanon evil.dot >evil.canon.dot"
check "and gvpr finds every state and the start and end markers" test "$(gvpr 'N{print($.name)}' evil.canon.dot | wc -l)" -ge 19
for f in evil.json evil.svg evil.dot; do check "$f: no raw control character" ascii_only "$f"; done
# mermaid_safe FILE: each quoted label holds no quote, backtick, -->, ]]>, <!-- or raw < > & (entities
# #quot; #96; #lt; ... stand for them); no line opens a code fence; no raw control character.
mermaid_safe() {
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
bad = []
for n, line in enumerate(text.split("\n"), 1):
    if line.startswith("```") and line not in ("```mermaid", "```"):
        bad.append((n, "a fence", line))
    for label in re.findall(r'"([^"]*)"', line):
        for s in ("`", "-->", "]]>", "<!--", "<", ">", "&", "\x1b", "\u009b", "\u202e"):
            if s in label.replace("<b>", "").replace("</b>", "").replace("<br>", ""):
                bad.append((n, s, label))
    if re.search(r'[\x00-\x08\x0b-\x1f\x7f-\x9f]', line):
        bad.append((n, "control", line))
if bad: print(bad[:5])
sys.exit(1 if bad else 0)
PY
}
run render evil.asl.json -f mermaid -o evil.mmd
expect_rc "hostile names: render -f mermaid" 0
check "hostile names: every Mermaid label is escaped" mermaid_safe evil.mmd
check "one node line per state (the Parallel is a subgraph)" test "$(grep -cE '^ +s[0-9]+(\[|\(|\{)' evil.mmd)" = 16
run render evil.asl.json -f markdown -o evil.md
expect_rc "hostile names: render -f markdown" 0
check "hostile names: one mermaid block, opened and closed once" \
  test "$(grep -c '^```' evil.md)" = 2 -a "$(grep -c '^```mermaid$' evil.md)" = 1
check "and its labels are escaped" mermaid_safe evil.md
# md_table_safe FILE: table rows keep the header's column count (| inside a cell is escaped), no fence
# line, no raw < or > (HTML), no unescaped backtick (code spans), no raw control character.
md_table_safe() {
  python3 - "$1" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
bad = []
cols = None
for n, line in enumerate(lines, 1):
    cells = len(re.findall(r"(?<!\\)\|", line))
    if line.startswith("| State |"): cols = cells
    elif line.startswith("|") and cols is not None and cells != cols: bad.append((n, "columns", line))
    if line.startswith("```"): bad.append((n, "fence", line))
    if re.search(r"(?<!\\)`", line): bad.append((n, "backtick", line))
    if re.search(r"[<>]", line.replace("<br>", "")): bad.append((n, "html", line))
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", line): bad.append((n, "control", line))
if bad: print(bad[:5])
sys.exit(1 if bad or cols is None else 0)
PY
}
run summary -f markdown evil.asl.json
cp "$OUT" evil.summary.md
expect_rc "hostile names: summary -f markdown" 0
check "hostile names: the summary's Markdown table keeps its shape, no HTML, no code span" md_table_safe evil.summary.md
run summary -f json evil.asl.json
check "hostile names: summary -f json is strict" python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$OUT"
for c in summary list check "check -f github" "diff plain.asl.json evil.asl.json" "diff evil.yaml plain.asl.json"; do
  # shellcheck disable=SC2086
  run $c evil.asl.json
  expect_no_crash "hostile names: $c"
  check "hostile names: $c: no raw control character on stdout" ascii_only "$OUT"
  check "hostile names: $c: none on stderr" ascii_only "$ERR"
done
for c in "summary evil.yaml" "list evil.yaml" "check evil.yaml"; do
  # shellcheck disable=SC2086
  run $c
  check "hostile names in a template (ID with U+009B): $c: no raw control character" ascii_only "$OUT"
  check "hostile names in a template: $c: none on stderr" ascii_only "$ERR"
done
for f in json sarif; do
  run check -f $f evil.asl.json evil.yaml
  check "hostile names: check -f $f is strict JSON" python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$OUT"
done
run diff plain.asl.json evil.asl.json -f json
check "hostile names: diff -f json is strict JSON" python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$OUT"
run diff plain.asl.json evil.asl.json -f markdown
cp "$OUT" evil.diff.md
check "hostile names: diff -f markdown keeps one mermaid block" test "$(grep -c '^```' evil.diff.md)" = 2
check "and its labels are escaped" mermaid_safe evil.diff.md
run diff plain.asl.json evil.asl.json -f svg -o evil.diff.svg
check "hostile names: diff -f svg parses" python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' evil.diff.svg
run diff plain.asl.json evil.asl.json -f dot -o evil.diff.dot
check "hostile names: diff -f dot is read back by Graphviz" bash -c "dot -Tcanon evil.diff.dot >/dev/null"
# On a terminal the summary styles its own text with escape sequences; none may come from the input.
if command -v script >/dev/null; then
  for c in summary list check; do
    script -qec "$(printf '%q ' "$BIN" $c evil.asl.json evil.yaml)" /dev/null </dev/null >tty.out 2>&1
    check "hostile names: $c on a terminal: only the tool's own styling (ESC[…m), no C1" python3 -c '
import re, sys
b = open(sys.argv[1], "rb").read()
sys.exit(1 if re.search(rb"\x1b(?!\[[0-9;]*m)|\xc2[\x80-\x9f]|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]", b) else 0)' tty.out
  done
else
  skip "'script' is not installed: the terminal cases are not checked"
fi

# --- duplicate keys (a warning, the last one wins) -------------------------------------------------------
# hostile.sh: a repeated key in JSON on standard input is reported.
printf '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"B":{"Type":"Succeed"}},"StartAt":"B"}\n' >dup.asl.json
run render dup.asl.json -f json
expect_rc "JSON duplicate key: still read" 0
expect_err "a warning with both places" '^dup.asl.json:1:[0-9]+: warning: duplicate key "StartAt" \(also at line 1, column 2\); the last one is used'
expect_json "the last StartAt wins" "$OUT" 'machine(0)["start"]' B
printf 'StartAt: A\nStates:\n  A: {Type: Pass, Next: B}\n  B: {Type: Succeed}\n  B: {Type: Fail, Error: E}\n' >dup.asl.yaml
run render dup.asl.yaml -f json
expect_err "YAML duplicate state: warning at the second" '^dup.asl.yaml:5:3: warning: duplicate key "B" \(also at line 4, column 3\)'
expect_json "the last B wins: a Fail" "$OUT" '[s["type"] for s in machine(0)["states"] if s["name"] == "B"]' Fail
run check dup.asl.yaml
expect_rc "check: a duplicate key alone is a warning (exit 0)" 0
expect_out "with its rule" '^dup.asl.yaml:5:3: warning: .*\[duplicate-key\]'
run check --strict dup.asl.yaml
expect_rc "check --strict: the warning fails (exit 1)" 1

# --- DefinitionUri: absolute, escaping the project, a symlink out, a folder, a FIFO --------------------------
# cli.sh: an absolute DefinitionUri and one above the project (.git) are refused by render, --root allows
# them. hostile.sh: a FIFO is not read (list and render return). Here: the messages with their position,
# check's exit status, symbolic links out of the project, folders and devices.
mkdir -p proj/.git proj/dir outside
cp a.asl.json outside/flow.asl.json
ln -s ../outside/flow.asl.json proj/link.asl.json
ln -s ../outside proj/linkdir
ln -s /dev/zero proj/zero.asl.json
mkfifo proj/def.fifo
uri() { printf 'Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: %s\n' "$2" >"proj/$1.yaml"; }
uri abs "$PWD/outside/flow.asl.json"
uri up ../outside/flow.asl.json
uri link link.asl.json
uri linkdir linkdir/flow.asl.json
uri dir dir
uri dirslash dir/
uri fifo def.fifo
uri zero zero.asl.json
# uri_case NAME ERE: render exits 2 and check 1 (the template parses: its broken machine is a finding),
# both with the message at the DefinitionUri's line:col (5:22).
uri_case() {
  run render "proj/$1.yaml" -f json
  expect_rc "DefinitionUri $1: render" 2
  expect_err "DefinitionUri $1: the message" "^proj/$1.yaml:5:22: error: $2"
  run check "proj/$1.yaml"
  expect_rc "DefinitionUri $1: check finds it (exit 1)" 1
  expect_out "DefinitionUri $1: check's finding" "^proj/$1.yaml:5:22: error: $2"
}
uri_case abs "DefinitionUri \"$PWD/outside/flow.asl.json\" resolves outside the project"
uri_case up 'DefinitionUri "\.\./outside/flow\.asl\.json" resolves outside the project'
uri_case link 'DefinitionUri "link\.asl\.json" resolves outside the project'
uri_case linkdir 'DefinitionUri "linkdir/flow\.asl\.json" resolves outside the project'
uri_case zero 'DefinitionUri "zero\.asl\.json" resolves outside the project'
uri_case dir "DefinitionUri file proj/dir: is a directory, not a file"
uri_case dirslash "DefinitionUri file proj/dir/: is a directory, not a file"
uri_case fifo "DefinitionUri file proj/def.fifo: is not a regular file"
run render proj/zero.yaml -f json --root /
expect_err "a link to a device inside --root: not a regular file, and not read forever" "is not a regular file"
run render proj/link.yaml -f json --root "$PWD"
expect_rc "--root takes the link's target in" 0

# --- substitution cycles ---------------------------------------------------------------------------------
# hostile.sh: substitutions that grow past the limit, and 400 000 unclosed "${".
cat >sub-cycle.yaml <<'YAML'
Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionSubstitutions: {A: "${B}", B: "${C}", C: "x${A}"}
      Definition: {StartAt: T, States: {T: {Type: Pass, Comment: "${A}", End: true}}}
YAML
run render sub-cycle.yaml -f json
expect_rc "DefinitionSubstitutions that refer to each other: an error" 2
expect_err "at the use, saying why" '^sub-cycle.yaml:6:[0-9]+: error: DefinitionSubstitutions do not settle here: a value refers to itself'
run check sub-cycle.yaml
expect_rc "check: a finding (exit 1)" 1
expect_out "check's rule" '^sub-cycle.yaml:6:[0-9]+: error: .*\[definition-invalid\]'
sed 's/{A: "${B}", B: "${C}", C: "x${A}"}/{A: "a${A}"}/' sub-cycle.yaml >sub-self.yaml
run render sub-self.yaml -f json
expect_err "a value that refers to itself" "do not settle"
# Fn::Sub is one pass (as CloudFormation does it): variables that name each other are text, not a cycle.
cat >fn-sub.yaml <<'YAML'
Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub
        - '{"StartAt":"T${A}","States":{"T${A}":{"Type":"Pass","End":true}}}'
        - {A: !Sub ["${B}", {B: "${A}"}]}
YAML
run render fn-sub.yaml -f json
expect_rc "Fn::Sub variables that name each other" 0
expect_json "one pass each: the inner \${A} stays text" "$OUT" 'machine(0)["start"]' 'T${A}'
cat >fn-sub-subs.yaml <<'YAML'
Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionSubstitutions: {A: !Sub "${B}", B: !Sub "${A}"}
      DefinitionString: '{"StartAt":"T${A}","States":{"T${A}":{"Type":"Pass","End":true}}}'
YAML
run render fn-sub-subs.yaml -f json
expect_no_crash "DefinitionSubstitutions made by Fn::Sub of each other return"

# --- diff --base with a revision and a path that look like options ----------------------------------------
mkdir -p repo && (
  cd repo && git init -q . && git config user.email t@example.com && git config user.name t &&
    cp ../a.asl.json ./-p && cp ../a.asl.json ./--output=x && git add -- -p --output=x && git commit -qm one
) >/dev/null 2>&1
printf '{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}\n' | tee repo/-p >repo/--output=x
cd repo || exit 1
run diff --base HEAD -- -p
expect_rc "diff --base HEAD -- -p: a file named -p after --" 0
expect_out "is compared with its committed version" '^\+\+\+ -p$'
run diff --base HEAD ./--output=x
expect_rc "a file named --output=x, as ./--output=x" 0
check "no file x was written" test ! -e x
run diff --base HEAD -- --output=x
expect_rc "and after --" 0
run diff --base --output=x ./-p
expect_rc "a revision that looks like an option is refused" 2
expect_err "naming it" "^sfnviz: --base takes a git revision, not '--output=x'"
check "and nothing named x is written" test ! -e x
run diff --base=-p ./-p
expect_rc "--base=-p is refused too" 2
expect_err "naming it" "not '-p'"
cd .. || exit 1

# --- check: a finding (exit 1) where the file parses, exit 2 where it does not -----------------------------
# Each class above says which of the two its cases are; one run over both kinds exits 2 and still reports the
# findings of the files that parse.
run check sub-cycle.yaml empty.asl.json
expect_rc "check of a file with findings and one that does not parse: exit 2" 2
expect_out "the findings of the first are reported" '\[definition-invalid\]'
expect_err "the second is named" "^empty.asl.json:1:1: error: empty document"

finish
