#!/usr/bin/env bash
# commands.sh: every command behaves alike, from the one options table (src/cli/options.c): --help everywhere,
# `help COMMAND`, -V, "did you mean" for a mistyped command, format names in any case, and messages that say
# what was asked for and how to get it.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
FOUR=$CLI/four-machines.yml
FLOW=$CLI/flow.asl.json

for c in render list summary themes; do
  run "$c" --help
  expect_rc "$c --help" 0
  expect_out "$c --help starts with its usage" "^usage: sfnviz $c"
  expect_out "$c --help lists -h, --help" "-h, --help"
  run "$c" -h
  expect_rc "$c -h" 0
  run help "$c"
  expect_rc "help $c" 0
  expect_out "help $c prints $c's help, not the program's" "^usage: sfnviz $c"
done
run help
expect_out "help alone prints the program's usage" "^Usage:"
run help rendr
expect_rc "help of an unknown command" 2

run -V
expect_rc "-V, as dot -V" 0
expect_out "-V prints the version" "^sfnviz [0-9]+\.[0-9]+\.[0-9]+$"
run --version
check "-V and --version agree" test "$(cat "$OUT")" = "$("$BIN" -V)"

run rendr "$FLOW"
expect_rc "a mistyped command" 2
expect_err "is named" "unknown command 'rendr'"
expect_err "with git's suggestion" "Did you mean 'sfnviz render'\?"
run frobnicate
expect_err "a command far from any gets no suggestion" "^Usage:"
check "and no suggestion" bash -c "! grep -q 'Did you mean' '$ERR'"

run themes --timings
expect_rc "themes refuses an option it does not take" 2
expect_err "naming it" "themes does not take option '--timings'"
run list "$FLOW" -o x.svg
expect_err "a short option is named as typed" "list does not take option '-o'"

# Help and behaviour read the same constants (large.sh checks the sizes themselves).
run render --help
expect_out "render --help gives the sizes of --detail auto" "full up to about [0-9]+ states"
check "every usage line fits 110 columns" bash -c "! awk 'length > 110' '$OUT' | grep -q ."

# Format names in any case, as file extensions are.
run render "$FLOW" -f SVG
expect_rc "-f SVG" 0
expect_out "draws an SVG" "</svg>"
run render "$FLOW" -f Dot
expect_out "-f Dot draws DOT" "^digraph"
run render "$FLOW" -o UP.PNG
expect_rc "-o UP.PNG" 0
check "writes a PNG" is_png UP.PNG
run render "$FLOW" --direction lr -f dot
expect_out "--direction lr" "rankdir=LR"
run render "$FLOW" --detail COMPACT -f dot
expect_rc "--detail COMPACT" 0

# Two -m of four machines into one SVG: which two, and how to get both.
run render "$FOUR" -m Beta -m Delta -f svg
expect_rc "two -m into one SVG" 2
expect_err "names the two asked for" "2 state machines asked for with -m \(Beta, Delta\)"
expect_err "says how to get both" "one file each with -o DIR/"
expect_err "and lists the file's machines after" "state machines: Alpha, Beta, Gamma, Delta"
# Forty machines into one SVG: the message names twenty and counts the rest.
{ echo "Resources:"
  for i in $(seq 1 40); do
    printf '  M%02d:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n' "$i"
    printf '      Definition: {StartAt: A, States: {A: {Type: Succeed}}}\n'
  done; } >forty.yaml
run render forty.yaml -f svg
expect_rc "forty machines into one SVG" 2
expect_err "names twenty and counts the rest" "to draw \(M01, M02, .*, M20 and 20 more, which sfnviz list names\), and svg holds one"
run render forty.yaml -m Nope
expect_err "an unknown -m lists twenty IDs too" "M20 and 20 more, which sfnviz list names"
run render "$FOUR" -m Beta -m Delta -o both/
expect_rc "-o DIR/ draws both" 0
check "Beta" test -s both/Beta.svg
check "Delta" test -s both/Delta.svg
check "and only those" test ! -e both/Alpha.svg

# A definition in S3: said once that there is nothing local to draw.
run render "$CLI/s3-template.yml" -f svg
expect_rc "a definition in S3" 2
check "'nothing ... to draw' said once" test "$(grep -o 'nothing[a-z ]* to draw' "$ERR" | wc -l)" = 1
expect_err "naming the machine" "\(state machine PackagedStateMachine\)$"
# list --format json: one document for every file, with each file's parse error.
printf 'StartAt: [\n' >broken.asl.yaml
run list --format json "$FOUR" "$FLOW" broken.asl.yaml
expect_rc "list --format json with a broken file" 2
expect_json "list json: version" "$OUT" 'd["version"]' 1
expect_json "list json: a files array" "$OUT" '" ".join(f["path"].split("/")[-1] for f in d["files"])' \
  "four-machines.yml flow.asl.json broken.asl.yaml"
expect_json "list json: the machines of a file" "$OUT" '" ".join(m["id"] for m in d["files"][0]["machines"])' \
  "Alpha Beta Gamma Delta"
expect_json "list json: a machine's fields" "$OUT" '" ".join(sorted(d["files"][1]["machines"][0]))' \
  "definition id kind message name states status"
expect_json "list json: the broken file's error, located" "$OUT" \
  'bool(__import__("re").match(r"broken.asl.yaml:\d+:\d+: error: ", d["files"][2]["error"]))' true
run list -f JSON "$FLOW"
expect_rc "list -f JSON (any case)" 0
run list "$FLOW"
expect_out "list prints text by default" "^ID +KIND"
run list -f yaml "$FLOW"
expect_rc "list -f yaml" 2
expect_err "names the list formats" "choose text or json"
run themes -f json
expect_rc "themes -f" 2

# Several files' -f json: one document with a files array, to standard output or -o FILE.
run render -f json "$FOUR" "$FLOW" broken.asl.yaml
expect_rc "render -f json of several files, one broken" 2
expect_json "render json: a files array" "$OUT" '" ".join(str(len(f["machines"])) for f in d["files"])' "4 1 0"
expect_json "render json: each machine whole" "$OUT" 'len(d["files"][1]["machines"][0]["states"]) > 0' true
expect_json "render json: the broken file's error" "$OUT" 'd["files"][2]["error"] is not None' true
run render "$FOUR" "$FLOW" -o all.json
expect_rc "render of several files -o all.json" 0
expect_json "all.json" all.json 'str([f["error"] for f in d["files"]])' "[None, None]"
run render "$FOUR" "$FLOW" -f svg
expect_rc "several files to one SVG" 2
expect_err "says how" "or -f json"
# The title names the file relative to the working folder, whatever path was given; --title replaces it.
mkdir -p deep/er && cp "$FLOW" deep/er/flow.asl.json
run render "$PWD/deep/er/flow.asl.json" -f dot
expect_out "an absolute path under the working folder is shown relative" '>deep/er/flow.asl.json<'
(cd deep && run render "$WORK/deep/er/flow.asl.json" -f dot)
expect_out "... from a subfolder too" '>er/flow.asl.json<'
cp "$FLOW" flow-beside.asl.json
(cd deep/er && run render "$WORK/flow-beside.asl.json" -f dot)
expect_out "... and with .. beside it" '>\.\./\.\./flow-beside\.asl\.json<'
run render "$FLOW" --title 'Orders <v2> & "co"' -f svg
expect_rc "--title" 0
expect_out "--title's text, escaped" 'Orders &lt;v2&gt; &amp; &quot;co&quot;'
check "--title replaces the file" bash -c "! grep -q 'flow.asl.json</text>' '$OUT'"
run render "$FLOW" --title T --no-title -f svg
expect_rc "--title with --no-title" 2
expect_err "says they contradict" "contradict"
# Installed themes are found by name: $XDG_DATA_HOME/sfnviz/themes/NAME.yaml.
mkdir -p xdg/sfnviz/themes
printf 'description: red tasks\nstates:\n  task:\n    fill: "#ee1100"\n' >xdg/sfnviz/themes/redtask.yaml
XDG_DATA_HOME=$WORK/xdg run render "$FLOW" --theme redtask -f svg
expect_rc "--theme NAME from \$XDG_DATA_HOME" 0
expect_out "draws with it" '#ee1100'
XDG_DATA_HOME=$WORK/xdg run render "$FLOW" --theme bluetask -f svg
expect_rc "an unknown theme name" 2
expect_err "says where it looked" "no bluetask.yaml in $WORK/xdg/sfnviz/themes, "
# JSON stays valid whatever bytes a file name holds.
cp "$FLOW" $'bad\xff.asl.json'
run list -f json $'bad\xff.asl.json'
expect_json "list json of a file name that is not UTF-8" "$OUT" 'd["files"][0]["path"]' $'bad\uFFFD.asl.json'
run render "$FLOW" --title '' -f svg
expect_rc "an empty --title" 2
finish
