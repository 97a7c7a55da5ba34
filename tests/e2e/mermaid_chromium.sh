#!/usr/bin/env bash
# mermaid_chromium.sh: the Mermaid of every machine of every sample (and of tests/mermaid's hostile names),
# top to bottom and left to right, rendered by mermaid's bundled script (tests/tools/node_modules/mermaid/
# dist/mermaid.min.js) in headless Chromium: each picture renders, with exactly one node (or, for an open
# Parallel or Map, one subgraph) per state of the machine (tests/tools/mermaid-chromium.py counts them in
# the dumped DOM).
# Without chromium or tests/tools/node_modules/mermaid the check is skipped, saying so; under CI=true that is
# a failure. SCREENSHOT=FILE.png keeps a picture of the first diagram.
source "$(dirname "$0")/lib.sh"

MERMAID_JS=$TESTS/tools/node_modules/mermaid/dist/mermaid.min.js
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $CHROMIUM || ! -f $MERMAID_JS ]]; then
  what="chromium"
  [[ -f $MERMAID_JS ]] || what="tests/tools/node_modules/mermaid"
  [[ -z $CHROMIUM && ! -f $MERMAID_JS ]] && what="chromium and tests/tools/node_modules/mermaid"
  if [[ ${CI:-} == true ]]; then
    fail "$what absent (run .ci/setup): the Mermaid pictures cannot be checked"
  else
    skip "$what absent (run .ci/setup): the Mermaid pictures are not checked"
  fi
  finish
fi

args=()
k=0
for f in "$REPO"/samples/*/template.yml "$REPO"/samples/*/*.asl.* "$TESTS"/mermaid/*.asl.*; do
  [[ -f $f ]] || continue
  run render "$f" -f json
  expect_no_crash "$f: render -f json"
  # One line per drawable machine: its ID and number of states.
  while IFS=$'\t' read -r id states; do
    for direction in TB LR; do
      k=$((k + 1))
      run render "$f" -m "$id" -f mermaid --direction "$direction" -o "$WORK/m$k.mmd"
      expect_rc "$f $id: render -f mermaid --direction $direction" 0
      args+=("$WORK/m$k.mmd:$states")
    done
  done < <(python3 -c 'import json, sys
for m in json.load(open(sys.argv[1]))["machines"]:
    if m["status"] == "ok":
        print("%s\t%d" % (m["id"], len(m["states"])))' "$OUT")
done
check "the samples give pictures to check ($k)" test "$k" -ge 8
if timeout "$(limit 300)" python3 "$TESTS/tools/mermaid-chromium.py" "$CHROMIUM" "$MERMAID_JS" "$WORK" "${args[@]}" \
     >"$WORK/chromium.out" 2>&1; then
  pass
else
  fail "Mermaid pictures in Chromium:"$'\n'"$(head -20 "$WORK/chromium.out")"
fi
finish
