#!/usr/bin/env bash
# samples.sh: every sample in samples/ renders. For each sample file: `render -f json` exits 0 with every
# machine ok and the state count below; SVG (well-formed), PNG (PNG magic) and DOT (accepted by `dot`)
# render with exit 0. Every folder of samples/ must have its file listed here.
source "$(dirname "$0")/lib.sh"

# sample file (relative to samples/), machine ID, state count
SAMPLES="
hello/template.yml MyStateMachine 2
order-processing/template.yml OrderProcessingStateMachine 12
image-batch/template.yml ImageBatchStateMachine 12
approval-jsonata/access-request.asl.yaml access-request.asl.yaml 10
cloudformation/template.yml SalesReportStateMachine 9
review/before.asl.json before.asl.json 5
review/after.asl.json after.asl.json 6
"

# sample file, state, glob its resource text must match somewhere (substitutions and intrinsics resolved)
RESOURCES="
hello/template.yml TaskTwo λ TaskTwoFunction
order-processing/template.yml ValidateOrder λ ValidateOrderFunction
order-processing/template.yml ChargePayment λ ChargePaymentFunction
order-processing/template.yml SaveOrder dynamodb:putItem
order-processing/template.yml NotifyCustomer sns:publish
order-processing/template.yml NotifyFailure sqs:sendMessage
image-batch/template.yml ExtractMetadata λ ExtractMetadataFunction
image-batch/template.yml RecordImage dynamodb:putItem
image-batch/template.yml InvalidateCdnCache cloudfront:createInvalidation
approval-jsonata/access-request.asl.yaml RequestApproval *.waitForTaskToken
approval-jsonata/access-request.asl.yaml RunSecurityReview states:startExecution*.sync:2
approval-jsonata/access-request.asl.yaml GrantAccess iam:addUserToGroup
cloudformation/template.yml CurateSalesData glue:startJobRun*.sync
cloudformation/template.yml BuildReport λ BuildReportFunction
review/after.asl.json FraudCheck λ fraud-check
"

for dir in "$REPO"/samples/*/; do
  name=$(basename "$dir")
  [[ $name == embed ]] && continue # a C program using the library, not a workflow: tests/embed/run.sh
  [[ $name == ci ]] && continue    # CI recipes, not a workflow: tests/e2e/ci_recipes.sh
  check "samples/$name/ has an entry in samples.sh" grep -q "^$name/" <<<"$SAMPLES"
done

while read -r rel id count; do
  [[ -n $rel ]] || continue
  f=$REPO/samples/$rel
  if [[ ! -f $f ]]; then
    fail "samples/$rel does not exist"
    continue
  fi
  run render "$f" -f json
  expect_rc "samples/$rel: render -f json" 0
  expect_json "samples/$rel: machines and status" "$OUT" '[m["id"] + " " + m["status"] for m in d["machines"]]' "$id ok"
  expect_json "samples/$rel: state count" "$OUT" 'len(d["machines"][0]["states"])' "$count"
  expect_json "samples/$rel: no error diagnostics in JSON" "$OUT" 'd["machines"][0]["message"]' None

  stem=$(out_name "$id")
  for fmt in svg png; do
    mkdir -p "$WORK/$fmt"
    run render "$f" -f "$fmt" -o "$WORK/$fmt/"
    expect_rc "samples/$rel: render -f $fmt -o DIR/" 0
    if [[ $fmt == svg ]]; then
      check "samples/$rel: $stem.svg is well-formed SVG" is_svg "$WORK/svg/$stem.svg"
    else
      check "samples/$rel: $stem.png starts with the PNG signature" is_png "$WORK/png/$stem.png"
    fi
  done
  run render "$f" -f dot
  expect_rc "samples/$rel: render -f dot" 0
  cp "$OUT" "$WORK/sample.dot"
  check "samples/$rel: dot accepts the DOT" dot_ok "$WORK/sample.dot"
  check "samples/$rel: no error on stderr ($(said))" bash -c "! grep -q 'error:' '$ERR'"
done <<<"$SAMPLES"

while read -r rel state text; do
  [[ -n $rel ]] || continue
  run render "$REPO/samples/$rel" -f json
  got=$(json "$OUT" "[(s.get('resource') or {}).get('text') for s in d['machines'][0]['states'] if s['name'] == '$state']")
  # shellcheck disable=SC2053 # $text is a glob
  if [[ $got == *$text* ]]; then pass; else fail "samples/$rel: $state's resource reads '$got', expected it to match '*$text*'"; fi
done <<<"$RESOURCES"

finish
