#!/usr/bin/env bash
# invalid.sh: tests/corpus/invalid (expectations in invalid/EXPECTED.tsv).
# - the SAM translator error cases are refused or flagged as SAM would: a Definition given as a string gets
#   status error ("should be a map"); a DefinitionUri that is neither an S3 URI nor an existing local file gets
#   status missing; render exits 2 and says why, never crashes;
# - the other files are validation problems for a later `check` command: render must not crash on them
#   (exit 0 or 2), for JSON and for SVG.
source "$(dirname "$0")/lib.sh"

INVALID=$CORPUS/invalid
SAM=$INVALID/serverless-application-model/tests/translator/input

# sam_case FILE STATUS MESSAGE-ERE: one SAM error fixture.
sam_case() {
  local f=$SAM/$1 base=$1
  run render "$f" -f json
  expect_rc "$base: render -f json" 2
  expect_json "$base: one machine, StateMachine" "$OUT" '[m["id"] for m in d["machines"]]' StateMachine
  expect_json "$base: status" "$OUT" 'd["machines"][0]["status"]' "$2"
  local msg
  msg=$(json "$OUT" 'd["machines"][0]["message"]')
  if grep -Eiq -- "$3" <<<"$msg"; then pass; else fail "$base: JSON message '$msg' does not match /$3/"; fi
  expect_err "$base: stderr names the file and line" "$base:[0-9]+(:[0-9]+)?: error: "
  expect_err "$base: stderr says why" "$3"

  run render "$f" -f svg -o "$WORK/$base.svg"
  expect_rc "$base: render -f svg" 2
  check "$base: no SVG written for a machine that cannot be drawn" test ! -e "$WORK/$base.svg"

  run list "$f"
  expect_rc "$base: list exits 0 (the file itself reads fine)" 0
  expect_out "$base: list shows the status" "^StateMachine[[:space:]].*[[:space:]]$2[[:space:]]*\$"
}

sam_case error_state_machine_definition_string.yaml error "should be a map"
sam_case error_state_machine_invalid_s3_string.yaml missing "my-invalid-s3-uri"

# Every other invalid file: no crash, whatever the verdict.
n=0
while IFS=$'\t' read -r path expected _; do
  [[ $path == invalid/serverless-application-model/* ]] && continue
  n=$((n + 1))
  f=$CORPUS/$path
  run render "$f" -f json
  expect_no_crash "$path ($expected): render -f json"
  run render "$f" -f svg -o "$WORK/out.svg"
  expect_no_crash "$path: render -f svg"
  rm -f "$WORK/out.svg"
done < <(tail -n +2 "$INVALID/EXPECTED.tsv")
if ((n >= 40)); then pass; else fail "only $n non-SAM rows read from EXPECTED.tsv"; fi

finish
