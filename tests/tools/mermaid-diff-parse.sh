#!/usr/bin/env bash
# mermaid-diff-parse.sh TEST_MERMAID TESTS: the diff diagrams test_mermaid builds by hand (mermaid_write_diff:
# badges, ghosts, removed edges, a legend) written out (MERMAID_DIFF_OUT) and given to mermaid's own parser.
# Without node or tests/tools/node_modules it says so and passes, except under CI=true.
set -u
bin=$1 tools=$2/tools
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
MERMAID_DIFF_OUT=$work "$bin" >/dev/null || { echo "FAIL: $bin"; exit 1; }
if ! command -v node >/dev/null 2>&1 || [[ ! -d $tools/node_modules/mermaid || ! -d $tools/node_modules/jsdom ]]; then
  if [[ ${CI:-} == true ]]; then echo "FAIL: mermaid's parser is not installed (run .ci/setup)"; exit 1; fi
  echo "SKIP: node or tests/tools/node_modules (mermaid, jsdom) absent; run .ci/setup"
  exit 0
fi
timeout $((120 * ${SFNVIZ_TEST_SLOWDOWN:-1})) node "$tools/mermaid-parse.mjs" "$work"/diff.mmd "$work"/removed.mmd &&
  echo "the diff diagrams parse"
