#!/usr/bin/env bash
# cli.sh: the command line contract (design.md, "Command line"): exit codes, messages, output files,
# standard input, help and version, atomic writes, the seed example, --root, `list`, and JSON/YAML input edge
# cases (small files in tests/cli/).
source "$(dirname "$0")/lib.sh"

HELLO=$REPO/samples/hello/template.yml
TWO=$CLI/two-machines.yml
FLOW=$CLI/flow.asl.json
cd "$WORK" || exit 1

# --- usage errors -------------------------------------------------------------------------------------
run
expect_rc "no arguments" 2
expect_err "no arguments prints a usage line" "[Uu]sage"

run frobnicate "$HELLO"
expect_rc "unknown command" 2
expect_err "unknown command is named" "frobnicate"

run render "$HELLO" --bogus-option
expect_rc "unknown option" 2
expect_err "unknown option is named" "bogus-option"

run render
expect_rc "render without a file" 2

run render "$HELLO" -f gif
expect_rc "unknown format -f gif" 2
expect_err "unknown format is named" "gif"

run render "$HELLO" -o "$WORK/diagram.gif"
expect_rc "unknown format from -o's extension" 2
check "unknown -o extension writes nothing" test ! -e "$WORK/diagram.gif"

run render "$HELLO" --direction diagonal
expect_rc "bad --direction" 2

run render "$HELLO" --theme no-such-theme-anywhere -f svg
expect_rc "unknown --theme" 2
expect_err "unknown theme is named" "no-such-theme-anywhere"

# --- help and version ---------------------------------------------------------------------------------
run --version
expect_rc "--version" 0
expect_out "--version prints a version number" "[0-9]+\.[0-9]+\.[0-9]+"

run --help
expect_rc "--help" 0
expect_out "--help names the render command" "render"
expect_out "--help names the list command" "list"

run render --help
expect_rc "render --help" 0
expect_out "render --help lists the formats" "dot.*svg|svg.*dot"
expect_out "render --help shows -m" "-m"
expect_out "render --help shows --root" "--root"

run list --help
expect_rc "list --help" 0
expect_out "list --help is about list" "list"

# --- input that cannot be read ------------------------------------------------------------------------
run render "$WORK/no-such-template.yml" -f json
expect_rc "missing input file" 2
expect_err "missing input file: 'file: error: ...'" "no-such-template\.yml: error: "

run render "$CLI/yaml-syntax-error.yml" -f json
expect_rc "YAML syntax error" 2
expect_err "YAML syntax error at file:4:col (the stray ':' of an over-indented key)" \
  "yaml-syntax-error\.yml:4:[0-9]+: error: "

run render "$CLI/json-syntax-error.asl.json" -f svg
expect_rc "JSON syntax error" 2
expect_err "JSON syntax error at file:5:col (the missing comma before \"World\")" \
  "json-syntax-error\.asl\.json:5:[0-9]+: error: "

# --- several machines, -m, -o DIR/ --------------------------------------------------------------------
run render "$TWO" -f svg
expect_rc "several machines to svg without -m" 2
expect_err "lists the first machine ID" "IngestStateMachine"
expect_err "lists the second machine ID" "CleanupStateMachine"
expect_err "asks for -m" "-m"

run render "$TWO" -f svg -m NoSuchMachine
expect_rc "-m with an unknown ID" 2
expect_err "the unknown ID is named" "NoSuchMachine"

run render "$TWO" -f svg -m CleanupStateMachine
expect_rc "-m picks one machine" 0
check "-m CleanupStateMachine gives one SVG" is_svg "$OUT"
svg_text "$OUT" >"$WORK/text"
check "the SVG shows the picked machine's states" grep -q ListOld "$WORK/text"
check "the SVG leaves the other machine out" bash -c "! grep -q Ingest '$WORK/text'"

run render "$TWO" -f svg -m IngestStateMachine -m CleanupStateMachine
expect_rc "two -m for svg to one output" 2
run render "$TWO" -f json -m CleanupStateMachine
expect_json "-m limits the JSON export" "$OUT" '[m["id"] for m in d["machines"]]' CleanupStateMachine
run render "$TWO" -f json -m CleanupStateMachine -m CleanupStateMachine
expect_json "the same -m twice exports the machine once" "$OUT" '[m["id"] for m in d["machines"]]' CleanupStateMachine

run render "$TWO" -f json
expect_rc "json holds several machines" 0
expect_json "json lists both machines in template order" "$OUT" '[m["id"] for m in d["machines"]]' \
  $'IngestStateMachine\nCleanupStateMachine'
expect_json "json kinds" "$OUT" '[m["kind"] for m in d["machines"]]' $'sam\ncloudformation'

run render "$TWO" -f dot
expect_rc "dot holds several machines" 0
check "dot output has two digraphs" test "$(grep -cE '^[[:space:]]*(strict[[:space:]]+)?digraph' "$OUT")" = 2
cp "$OUT" "$WORK/two.dot"
check "dot -Tsvg accepts the two-machine DOT" dot_ok "$WORK/two.dot"

mkdir -p "$WORK/svgdir" "$WORK/pngdir" "$WORK/asldir"
run render "$TWO" -f svg -o "$WORK/svgdir/"
expect_rc "-o DIR/ with several machines" 0
check "-o DIR/ writes IngestStateMachine.svg and CleanupStateMachine.svg, nothing else" \
  test "$(ls -A "$WORK/svgdir" | sort | tr '\n' ' ')" = "CleanupStateMachine.svg IngestStateMachine.svg "
check "IngestStateMachine.svg is SVG" is_svg "$WORK/svgdir/IngestStateMachine.svg"
run render "$TWO" -f png -o "$WORK/pngdir/"
expect_rc "-o DIR/ with png" 0
check "CleanupStateMachine.png is PNG" is_png "$WORK/pngdir/CleanupStateMachine.png"
check "IngestStateMachine.png is PNG" is_png "$WORK/pngdir/IngestStateMachine.png"
run render "$FLOW" -f svg -o "$WORK/asldir/"
expect_rc "-o DIR/ with an ASL file" 0
check "an ASL file's output name keeps the whole ID: flow.asl.json.svg" \
  test "$(ls -A "$WORK/asldir" | tr '\n' ' ')" = "flow.asl.json.svg "
run render "$CLI/yes-no.asl.yaml" -f svg -o "$WORK/asldir/"
check "an ASL file's output name keeps the whole ID: yes-no.asl.yaml.svg" is_svg "$WORK/asldir/yes-no.asl.yaml.svg"

# --- formats from -o, stdout, terminals ---------------------------------------------------------------
run render "$HELLO" -o "$WORK/hello.png"
expect_rc "-o hello.png" 0
check "format from -o's extension: PNG" is_png "$WORK/hello.png"
run render "$HELLO" -o "$WORK/hello.pdf"
expect_rc "-o hello.pdf" 0
check "format from -o's extension: PDF" is_pdf "$WORK/hello.pdf"
run render "$HELLO" -o "$WORK/hello.json"
expect_json "format from -o's extension: JSON" "$WORK/hello.json" 'd["machines"][0]["id"]' MyStateMachine
run render "$HELLO" -f png
expect_rc "-f png to a pipe" 0
check "-f png to a pipe writes PNG" is_png "$OUT"
run render "$HELLO" -f svg -o "$WORK/explicit.out"
expect_rc "-f svg -o a name without a known extension" 0
check "-f wins over the extension" is_svg "$WORK/explicit.out"

# shellcheck disable=SC2034 # expect_rc reads RC
if command -v script >/dev/null; then
  script -qec "$(printf '%q ' "$BIN" render "$HELLO" -f png)" /dev/null </dev/null >"$WORK/tty.out" 2>&1
  RC=$?
  expect_rc "-f png to a terminal is refused" 2
  check "no PNG bytes written to the terminal" bash -c "! grep -aq PNG '$WORK/tty.out'"
  script -qec "$(printf '%q ' "$BIN" render "$HELLO" -f pdf)" /dev/null </dev/null >"$WORK/tty.out" 2>&1
  RC=$?
  expect_rc "-f pdf to a terminal is refused" 2
else
  skip "'script' is not installed: PNG/PDF-to-terminal refusal not checked"
fi

# --- standard input -----------------------------------------------------------------------------------
run render - -f json <"$HELLO"
expect_rc "template on standard input" 0
expect_json "stdin template: machine and state count" "$OUT" '[m["id"] + " " + str(len(m["states"])) for m in d["machines"]]' "MyStateMachine 2"
run render - -f svg <"$FLOW"
expect_rc "ASL file on standard input" 0
check "stdin ASL gives SVG" is_svg "$OUT"

# --- atomic writes ------------------------------------------------------------------------------------
mkdir -p "$WORK/atomic"
printf 'keep me\n' >"$WORK/atomic/diagram.svg"
cp "$WORK/atomic/diagram.svg" "$WORK/atomic.orig"
run render "$CLI/json-syntax-error.asl.json" -o "$WORK/atomic/diagram.svg"
expect_rc "failed render (parse error) over an existing file" 2
check "the existing output is unchanged after a parse error" cmp -s "$WORK/atomic.orig" "$WORK/atomic/diagram.svg"
run render "$CLI/s3-template.yml" -o "$WORK/atomic/diagram.svg"
expect_rc "failed render (definition in S3) over an existing file" 2
expect_err "definition in S3: the message gives the S3 URI" "s3-template\.yml:[0-9]+:[0-9]+: error: .*s3://example-artifacts/packaged/flow\.asl\.json"
check "definition in S3: reported once, not repeated ($(grep -c 'error:' "$ERR") error lines)" test "$(grep -c 'error:' "$ERR")" = 1
check "the existing output is unchanged after an undrawable machine" cmp -s "$WORK/atomic.orig" "$WORK/atomic/diagram.svg"
run render "$TWO" -o "$WORK/atomic/diagram.svg"
expect_rc "failed render (several machines, no -m) over an existing file" 2
check "the existing output is unchanged after a usage error" cmp -s "$WORK/atomic.orig" "$WORK/atomic/diagram.svg"
check "no temporary files left after failed renders" test "$(ls -A "$WORK/atomic")" = diagram.svg
run render "$HELLO" -o "$WORK/atomic/diagram.svg"
expect_rc "render over an existing file" 0
check "a successful render replaces the file" is_svg "$WORK/atomic/diagram.svg"
check "no temporary files left after a successful render" test "$(ls -A "$WORK/atomic")" = diagram.svg

# --- the seed example ---------------------------------------------------------------------------------
run render "$HELLO" -f svg
expect_rc "hello to SVG" 0
if is_svg "$OUT"; then
  pass
  svg_text "$OUT" >"$WORK/hello.txt"
  for want in TaskOne TaskTwo "λ TaskOneFunction" "λ TaskTwoFunction" "×3" "2 s" "×2.0" \
    Lambda.ServiceException Lambda.AWSLambdaException; do
    check "hello SVG text shows '$want'" grep -qF -- "$want" "$WORK/hello.txt"
  done
else
  fail "hello to SVG: not well-formed SVG"
fi
run render "$HELLO" -f dot
expect_rc "hello to DOT" 0
cp "$OUT" "$WORK/hello.dot"
check "hello DOT is accepted by dot" dot_ok "$WORK/hello.dot"
gvpr 'E { if ($.tail == $.head) print($.tail.label) }' "$WORK/hello.dot" >"$WORK/loops" 2>&1
check "hello DOT has a self-loop on TaskOne (the retry)" grep -qE 'TaskOne([^F]|$)' "$WORK/loops"
check "hello DOT has no self-loop on TaskTwo" bash -c "! grep -qE 'TaskTwo([^F]|\$)' '$WORK/loops'"
run render "$HELLO" -f json
expect_json "hello JSON: states" "$OUT" 'names(machine(0))' $'TaskOne\nTaskTwo'
expect_json "hello JSON: name" "$OUT" 'machine(0)["name"]' MyWorkflow
expect_json "hello JSON: start" "$OUT" 'machine(0)["start"]' TaskOne
expect_json "hello JSON: TaskOne resource" "$OUT" 'machine(0)["states"][0]["resource"]["text"]' "λ TaskOneFunction"
expect_json "hello JSON: retry edge" "$OUT" \
  '[(e["from"], e["to"], e["errors"], e["max_attempts"], e["interval_seconds"], e["backoff_rate"]) for e in edges(machine(0), "retry")]' \
  "('TaskOne', 'TaskOne', ['Lambda.ServiceException', 'Lambda.AWSLambdaException'], 3, 2, 2.0)"
expect_json "hello JSON: next edge" "$OUT" '[(e["from"], e["to"]) for e in edges(machine(0), "next")]' "('TaskOne', 'TaskTwo')"
expect_json "hello JSON: start and end edges" "$OUT" \
  '[(e["kind"], e["from"], e["to"]) for e in edges(machine(0)) if e["kind"] in ("start", "end")]' \
  $'(\'start\', None, \'TaskOne\')\n(\'end\', \'TaskTwo\', None)'
run render "$HELLO" -f dot --direction LR
expect_rc "--direction LR" 0
expect_out "--direction LR sets rankdir=LR" "rankdir=\"?LR"
run render "$HELLO" -f svg --theme default
expect_rc "--theme default" 0

# --- DefinitionUri outside the project and --root -----------------------------------------------------
# proj/ holds .git, so it is the project; proj/template.yml points at ../shared/flow.asl.json.
mkdir -p "$WORK/outside/proj/.git" "$WORK/outside/shared"
cp "$CLI/escape-template.yml" "$WORK/outside/proj/template.yml"
cp "$FLOW" "$WORK/outside/shared/flow.asl.json"
run render "$WORK/outside/proj/template.yml" -f json
expect_rc "DefinitionUri above the project (.git) folder is refused" 2
expect_json "escaping DefinitionUri: status error" "$OUT" 'machine(0)["status"]' error
expect_err "escaping DefinitionUri: the message names the path" "\.\./shared/flow\.asl\.json"
expect_err "escaping DefinitionUri: the message says it is outside the project" "outside|--root|project"
run render "$WORK/outside/proj/template.yml" -f json --root "$WORK/outside"
expect_rc "--root widens the project" 0
expect_json "with --root the referenced file is drawn" "$OUT" 'names(machine(0))' $'Prepare\nStore\nDone'
expect_json "with --root: definition_file" "$OUT" 'machine(0)["definition_file"].endswith("flow.asl.json")' true
# Without any .git, the template's own folder is the limit.
mkdir -p "$WORK/nogit/app" "$WORK/nogit/shared"
cp "$CLI/escape-template.yml" "$WORK/nogit/app/template.yml"
cp "$FLOW" "$WORK/nogit/shared/flow.asl.json"
if [[ ! -e $WORK/.git && -z $(cd "$WORK" && git rev-parse --show-toplevel 2>/dev/null) ]]; then
  run render "$WORK/nogit/app/template.yml" -f svg -o "$WORK/nogit/out.svg"
  expect_rc "without .git, a DefinitionUri above the template's folder is refused" 2
  check "refused render writes nothing" test ! -e "$WORK/nogit/out.svg"
  run render "$WORK/nogit/app/template.yml" -f svg -o "$WORK/nogit/out.svg" --root "$WORK/nogit"
  expect_rc "without .git, --root allows it" 0
else
  skip "the temporary folder is inside a git work tree: no-.git case not checked"
fi
# An absolute DefinitionUri is outside the project too.
mkdir -p "$WORK/abs/proj/.git"
printf 'Transform: AWS::Serverless-2016-10-31\nResources:\n  AbsStateMachine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: %s\n' \
  "$WORK/outside/shared/flow.asl.json" >"$WORK/abs/proj/template.yml"
run render "$WORK/abs/proj/template.yml" -f json
expect_rc "absolute DefinitionUri is refused" 2
expect_json "absolute DefinitionUri: status error" "$OUT" 'machine(0)["status"]' error
run render "$WORK/abs/proj/template.yml" -f json --root "$WORK"
expect_rc "absolute DefinitionUri inside --root is accepted" 0

# --- list ---------------------------------------------------------------------------------------------
run list "$HELLO"
expect_rc "list one file" 0
expect_out "list header" "^ID[[:space:]]+KIND[[:space:]]+NAME[[:space:]]+STATES[[:space:]]+DEFINITION[[:space:]]+STATUS"
expect_out "list hello row" "^MyStateMachine[[:space:]]+SAM[[:space:]]+MyWorkflow[[:space:]]+2[[:space:]]+inline[[:space:]]+ok[[:space:]]*$"
check "list prints a header and one line" test "$(wc -l <"$OUT")" = 2
run list "$REPO/samples/order-processing/template.yml"
expect_out "list shows a DefinitionUri path" "^OrderProcessingStateMachine[[:space:]]+SAM[[:space:]]+order-processing[[:space:]]+12[[:space:]]+statemachine/order_processing\.asl\.json[[:space:]]+ok"
run list "$REPO/samples/cloudformation/template.yml"
expect_out "list shows CloudFormation and DefinitionString" "^SalesReportStateMachine[[:space:]]+CloudFormation[[:space:]]+daily-sales-report[[:space:]]+9[[:space:]]+DefinitionString[[:space:]]+ok"
run list "$FLOW"
expect_out "list shows an ASL file with no name" "^flow\.asl\.json[[:space:]]+ASL[[:space:]]+-[[:space:]]+3[[:space:]]"
run list "$CLI/s3-template.yml"
expect_rc "list of an S3-only template exits 0" 0
expect_out "list shows the S3 URI and status s3" "s3://example-artifacts/packaged/flow\.asl\.json[[:space:]]+s3[[:space:]]*$"
run list "$HELLO" "$TWO"
expect_rc "list two files" 0
expect_out "list with several files: FILE column first" "^FILE[[:space:]]+ID[[:space:]]+KIND"
expect_out "list with several files: rows start with the file" "two-machines\.yml[[:space:]]+CleanupStateMachine[[:space:]]+CloudFormation"
check "list with several files: header + 3 machines" test "$(wc -l <"$OUT")" = 4
run list "$HELLO" "$WORK/missing.yml" "$FLOW"
expect_rc "list with an unreadable file" 2
expect_err "list names the unreadable file" "missing\.yml: error: "
expect_out "list still lists the files before it" "MyStateMachine"
expect_out "list still lists the files after it" "flow\.asl\.json"

# --- JSON and YAML input edge cases -------------------------------------------------------------------
# edge FILE WHAT STATES: render -f json gives exactly these state names; SVG renders too.
edge() {
  run render "$CLI/$1" -f json
  expect_rc "$2 ($1)" 0
  expect_json "$2: state names" "$OUT" 'names(machine(0))' "$3"
  run render "$CLI/$1" -f svg -o "$WORK/edge.svg"
  check "$2: renders to SVG" is_svg "$WORK/edge.svg"
  rm -f "$WORK/edge.svg"
}
edge tabs.asl.json "JSON with tabs between tokens" $'Tabbed\nDone'
edge crlf.asl.json "JSON with CRLF line ends" $'Windows\nDone'
edge crlf-template.yml "YAML template with CRLF line ends" $'Windows\nDone'
edge bom.asl.json "JSON with a UTF-8 BOM" $'Marked\nDone'
edge escaped-slash.asl.json "JSON with \\/ escapes" $'Read/Write\nDone'
edge surrogate.asl.json "JSON with a surrogate-pair escape" $'Celebrate \U1F600\nDone'
edge yes-no.asl.yaml "YAML states named Yes and No" $'IsApproved\nYes\nNo'
run render "$CLI/yes-no.asl.yaml" -f json
expect_json "Yes/No: edges keep string targets" "$OUT" \
  'sorted((e["kind"], e["to"]) for e in edges(machine(0)) if e["kind"] in ("choice", "default"))' \
  $'(\'choice\', \'Yes\')\n(\'default\', \'No\')'
run render "$CLI/surrogate.asl.json" -f svg
svg_text "$OUT" >"$WORK/emoji.txt" 2>&1
check "the emoji reaches the SVG text" grep -q $'Celebrate \U1F600' "$WORK/emoji.txt"

run render "$CLI/alias-cycle.asl.yaml" -f json
expect_rc "a recursive YAML alias is refused" 2
expect_err "recursive alias: file:line:col: error:" "alias-cycle\.asl\.yaml:[0-9]+:[0-9]+: error: "
expect_err "recursive alias: the message says what is wrong" "[Aa]lias|[Aa]nchor|[Rr]ecurs|[Cc]ycl"

# run() stops a hang after 20 s; how fast the refusal is belongs to bench/, not here.
run render "$CLI/billion-laughs.asl.yaml" -f json
expect_rc "billion laughs is refused" 2
expect_err "billion laughs: file:line:col: error:" "billion-laughs\.asl\.yaml:[0-9]+:[0-9]+: error: "

finish
