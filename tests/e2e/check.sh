#!/usr/bin/env bash
# check.sh: `sfnviz check` as a whole —
# - golden files of each format (text, json, github, sarif) for a template with findings inline and in a
#   DefinitionUri file, next to a file that does not parse (tests/check/golden; regenerate with
#   UPDATE_GOLDEN=1 and read the diff);
# - the SARIF validates against the SARIF 2.1.0 schema (tests/tools, installed by .ci/setup), the JSON parses;
# - exit codes: 0 clean (warnings allowed), 1 with an error or with --strict any finding, 2 unreadable;
# - the corpus: no error on any valid file (those whose MANIFEST row says MISSING-FILE give definition-missing,
#   PARSE-ERROR exit 2), every invalid file caught (exit 1), except the rows of tests/check/corpus-exceptions.tsv,
#   where the corpus' label contradicts its source's own tests.
source "$(dirname "$0")/lib.sh"

GOLDEN=$TESTS/check/golden
SCHEMA=$TESTS/tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json

# golden NAME ARGS...: sfnviz check ARGS... (run in tests/check/golden) prints expected/NAME.
golden() {
  local name=$1
  shift
  (cd "$GOLDEN" && timeout "$(limit 20)" "$BIN" check "$@" >"$WORK/$name" 2>"$WORK/$name.err")
  [[ ${UPDATE_GOLDEN:-} == 1 ]] && cp "$WORK/$name" "$GOLDEN/expected/$name"
  if cmp -s "$WORK/$name" "$GOLDEN/expected/$name"; then
    pass
  else
    fail "check $* differs from expected/$name:"$'\n'"$(diff "$GOLDEN/expected/$name" "$WORK/$name" | head -20)"
  fi
}

golden check.txt orders.yaml
# JSON inside a one-line JSON string lands on the template's columns; text Fn::Join assembled at the
# DefinitionString, with the position inside its text in the message.
golden check-definition-string.txt definition-string.json
golden check.github -f github orders.yaml
golden check.json -f json orders.yaml broken.yaml
golden check.sarif -f sarif orders.yaml broken.yaml

expect_json "json: both files" "$WORK/check.json" '[f["path"] for f in d["files"]]' $'orders.yaml\nbroken.yaml'
expect_json "json: counts" "$WORK/check.json" '(d["errors"], d["warnings"], d["unreadable_files"])' $'5\n1\n1'
expect_json "json: findings in the DefinitionUri file name it" "$WORK/check.json" \
  'sorted({x["file"] for x in d["files"][0]["findings"]})' $'orders.yaml\nstatemachine/payments.asl.json'
expect_json "json: each finding names its machine" "$WORK/check.json" \
  'sorted({x["machine"] for x in d["files"][0]["findings"]})' $'OrderFlow\nPaymentFlow'

if [[ -f $SCHEMA ]]; then
  check "sarif validates against the SARIF 2.1.0 schema" python3 -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
jsonschema.Draft7Validator(schema).validate(doc)' "$SCHEMA" "$WORK/check.sarif"
else
  fail "the SARIF schema is missing ($SCHEMA): run bash .ci/setup"
fi
expect_json "sarif: one result per finding" "$WORK/check.sarif" 'len(d["runs"][0]["results"])' 6
rules=$("$BIN" check --list-rules | wc -l)
expect_json "sarif: every rule listed" "$WORK/check.sarif" 'len(d["runs"][0]["tool"]["driver"]["rules"])' "$rules"
expect_json "sarif: ruleIndex points at the rule" "$WORK/check.sarif" \
  'all(d["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in d["runs"][0]["results"])' true
expect_json "sarif: the unreadable file is a notification" "$WORK/check.sarif" \
  'd["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("broken.yaml:")' true

# Exit codes.
(cd "$GOLDEN" && "$BIN" check orders.yaml >/dev/null 2>&1)
check "errors exit 1" test $? = 1
(cd "$GOLDEN" && "$BIN" check orders.yaml broken.yaml >/dev/null 2>&1)
check "an unreadable file exits 2" test $? = 2
run check "$TESTS/check/rules/choice-no-default.asl.yaml"
expect_rc "warnings only: exit 0" 0
run check --strict "$TESTS/check/rules/choice-no-default.asl.yaml"
expect_rc "warnings with --strict: exit 1" 1
run check -f json "$TESTS/golden/choice.asl.json"
expect_rc "a clean file: exit 0" 0
expect_json "a clean file: no findings" "$OUT" 'len(d["files"][0]["findings"])' 0
run check
expect_rc "no FILE: usage error" 2
run check - <"$TESTS/check/rules/type-missing.asl.yaml"
expect_rc "standard input" 1
expect_out "standard input is named <stdin>" '^<stdin>:3:3: error: state "A" has no Type \[type-missing\]$'
run check -f xml "$TESTS/golden/choice.asl.json"
expect_rc "an unknown format" 2
printf 'StartAt: "A\\u001b[31m"\nStates:\n  "A\\u001b[31m": {Type: Succeed, Next: X}\n' >"$WORK/esc.asl.yaml"
run check "$WORK/esc.asl.yaml"
if grep -q $'\x1b' "$OUT"; then fail "an escape sequence from a state name reached the terminal"; else pass; fi
run check -f github "$WORK/esc.asl.yaml"
if grep -q $'\x1b' "$OUT"; then fail "github: an escape sequence reached the log"; else pass; fi

# definition-size counts the definition as compact JSON, in characters: é is one, a newline two (\n).
# sized N: a definition of exactly N characters (75 of them around the string), written pretty.
sized() {
  local pad=$(($1 - 75 - 3000))
  {
    printf '{\n  "StartAt": "A",\n  "States": {"A": {"Type": "Pass", "Result": {"t": "'
    for _ in $(seq 1000); do printf 'é\\n'; done
    head -c "$pad" /dev/zero | tr '\0' a
    printf '"}, "End": true}}\n}\n'
  } >"$WORK/sized.asl.json"
}
sized 1048576
run check --strict "$WORK/sized.asl.json"
expect_rc "a definition of 1 048 576 characters is within the limit" 0
sized 1048577
run check "$WORK/sized.asl.json"
expect_rc "one character more is a warning only" 0
expect_out "it says how large" \
  '^.*sized.asl.json:1:1: warning: the definition is at least 1048577 characters as compact JSON; Step Functions takes at most 1 048 576 \(1 MiB\) \[definition-size\]$'

# A DefinitionUri file that parses only once substituted, named by three machines (the third has no
# substitutions, so it stays broken): its duplicate key is one finding, not one per machine.
mkdir -p "$WORK/uri"
printf '{"StartAt": "A", "Comment": "a", "Comment": "b", "States": {"A": {"Type": "Wait", "Seconds": ${T}, "End": true}}}\n' >"$WORK/uri/def.asl.json"
{
  printf 'Resources:\n'
  for m in 'M1 {T: 5}' 'M2 {T: 6}' 'M3'; do
    set -- $m
    printf '  %s:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: def.asl.json\n' "$1"
    [[ -n ${2:-} ]] && printf '      DefinitionSubstitutions: %s %s\n' "$2" "$3"
  done
} >"$WORK/uri/t.yaml"
OUT=$WORK/uri.out run check "$WORK/uri/t.yaml"
expect_rc "the machine left unsubstituted is an error" 1
check "the duplicate key of the file is reported once (got $(grep -c 'duplicate-key' "$WORK/uri.out"))" \
  test "$(grep -c 'duplicate key "Comment"' "$WORK/uri.out")" = 1
check "the unparsed machine's error is there" grep -q "def.asl.json:1:94: error: unexpected character '\\$'" "$WORK/uri.out"

# The corpus.
declare -A exception
while IFS=$'\t' read -r path expect _; do exception[$path]=$expect; done < <(tail -n +2 "$TESTS/check/corpus-exceptions.tsv")
declare -A form # the MANIFEST row's form and notes, where MISSING-FILE and PARSE-ERROR are said
while IFS=$'\t' read -r _ path _ f _ _ _ notes _; do form[$path]="$f $notes"; done < <(tail -n +2 "$CORPUS/MANIFEST.tsv")
valid=0
while read -r f; do
  rel=${f#"$CORPUS"/}
  valid=$((valid + 1))
  OUT=$WORK/c.out ERR=$WORK/c.err run check "$f"
  # The error rules found, from the text output ([rule] ends each finding line).
  errors=$(sed -n 's/^.*: error: .* \[\([a-z0-9-]*\)\]$/\1/p' "$WORK/c.out" | sort -u | tr '\n' ' ' | sed 's/ $//')
  if [[ -n ${exception[$rel]:-} ]]; then
    check "$rel: ${exception[$rel]} (corpus-exceptions.tsv)" test "$errors" = "${exception[$rel]}"
  elif [[ ${form[$rel]:-} == *PARSE-ERROR* ]]; then
    check "$rel: marked PARSE-ERROR, exit 2 (got $RC)" test "$RC" = 2
  elif [[ ${form[$rel]:-} == *MISSING-FILE* ]]; then
    check "$rel: marked MISSING-FILE: definition-missing only (got '$errors')" test "$errors" = definition-missing
  else
    check "$rel: no error (got rc $RC: $(grep ': error: ' "$WORK/c.out" | head -2 | tr '\n' ' '))" \
      test "$RC" = 0 -a -z "$errors"
  fi
done < <(find "$CORPUS" -path "$CORPUS/invalid" -prune -o -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) -print | sort)
if ((valid >= 150)); then pass; else fail "only $valid valid corpus files"; fi

invalid=0
while IFS=$'\t' read -r path expected _; do
  invalid=$((invalid + 1))
  OUT=$WORK/c.out ERR=$WORK/c.err run check "$CORPUS/$path"
  if [[ ${exception[$path]:-} == clean ]]; then
    check "$path: clean (corpus-exceptions.tsv), got $RC" test "$RC" = 0
  else
    check "$path ($expected): caught, exit 1 (got $RC: $(head -c 200 "$WORK/c.out"))" test "$RC" = 1
    check "$path: every finding at a line and column" bash -c '! grep -Ev "^[^:]+:[0-9]+:[0-9]+: (error|warning): .* \[[a-z-]+\]$" "$1"' _ "$WORK/c.out"
  fi
done < <(tail -n +2 "$CORPUS/invalid/EXPECTED.tsv")
if ((invalid >= 40)); then pass; else fail "only $invalid invalid corpus files"; fi

finish
