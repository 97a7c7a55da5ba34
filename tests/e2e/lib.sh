# lib.sh: shared helpers for the end-to-end tests. Each test script is run as
#   bash NAME.sh PATH/TO/sfnviz PATH/TO/tests
# and sources this file first. Checks count passes and failures (also from background jobs: results go to a
# file), print what failed, and `finish` prints "N passed, N failed" and exits 1 on any failure.
# Run by itself (`bash lib.sh PATH/TO/sfnviz PATH/TO/tests`), it checks its own helpers.
set -u

if [[ $# -lt 2 ]]; then
  echo "usage: bash $(basename "$0") PATH/TO/sfnviz PATH/TO/tests" >&2
  exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TESTS=$(cd "$2" && pwd)
# shellcheck disable=SC2034 # used by the scripts that source this file
{
  REPO=$(cd "$TESTS/.." && pwd)
  CORPUS=$TESTS/corpus
  CLI=$TESTS/cli
}
export LC_ALL=C.UTF-8

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sfnviz-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# shellcheck disable=SC2046 # one PID per word
trap 'kill $(jobs -p) 2>/dev/null; exit 130' INT
# shellcheck disable=SC2046
trap 'kill $(jobs -p) 2>/dev/null; exit 143' TERM
RESULTS=$WORK/results
: >"$RESULTS"

if [[ ! -x $BIN ]]; then
  echo "FAIL: $BIN is not an executable"
  echo "0 passed, 1 failed"
  exit 1
fi

pass() { echo P >>"$RESULTS"; }
fail() { echo F >>"$RESULTS"; printf 'FAIL: %s\n' "$*"; }
# skip WHY: a check that cannot run here (printed, not counted)
skip() { printf 'SKIP: %s\n' "$*"; }

# check WHAT CMD...: passes when CMD succeeds.
check() {
  local what=$1
  shift
  if "$@"; then pass; else fail "$what"; fi
}

# Hang guards catch real hangs, not slow machines: every limit is SECONDS times SFNVIZ_TEST_SLOWDOWN, a
# whole factor that the instrumented suites set (the ASan+UBSan build, valgrind) and a busy machine may raise.
# SFNVIZ_TEST_INSTRUMENTED=1 says the binary is instrumented: checks that only need some size use a smaller one.
SLOWDOWN=${SFNVIZ_TEST_SLOWDOWN:-1}
[[ $SLOWDOWN =~ ^[1-9][0-9]*$ ]] || SLOWDOWN=1
INSTRUMENTED=${SFNVIZ_TEST_INSTRUMENTED:-0}
# limit SECONDS: the hang guard for something that takes well under SECONDS in a plain build on an idle machine.
limit() { echo $(($1 * SLOWDOWN)); }

# run ARGS...: runs sfnviz (a 20 s hang guard, scaled) with stdout in $OUT, stderr in $ERR, exit code in $RC.
# Exit 124 means the guard was hit. OUT/ERR can be redirected by setting them before the call.
OUT=$WORK/out ERR=$WORK/err RC=0
run() {
  timeout "$(limit 20)" "$BIN" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}

# What stderr said, on one line, for failure messages.
said() { head -c 300 "$ERR" | tr '\n' ' '; }

# expect_rc WHAT N: the last run exited with N.
expect_rc() {
  if [[ $RC == "$2" ]]; then pass; else fail "$1: exit $RC, expected $2 (stderr: $(said))"; fi
}

# expect_no_crash WHAT: the last run exited 0, 1 or 2 (not a signal, not a timeout).
expect_no_crash() {
  if ((RC <= 2)); then pass; else fail "$1: exit $RC (crash or timeout; stderr: $(said))"; fi
}

# expect_err WHAT ERE: stderr matches the extended regular expression.
expect_err() {
  if grep -Eq -- "$2" "$ERR"; then pass; else fail "$1: stderr does not match /$2/ (stderr: $(said))"; fi
}

# expect_out WHAT ERE: stdout matches the extended regular expression.
expect_out() {
  if grep -Eq -- "$2" "$OUT"; then pass; else fail "$1: stdout does not match /$2/ (stdout: $(head -c 300 "$OUT" | tr '\n' ' '))"; fi
}

# expect_empty WHAT FILE: FILE is empty.
expect_empty() {
  if [[ ! -s $2 ]]; then pass; else fail "$1: $(basename "$2") is not empty: $(head -c 200 "$2" | tr '\n' ' ')"; fi
}

# json FILE EXPR: prints the Python expression EXPR evaluated with d = the JSON document in FILE
# (lists print one item per line). Prints "JSON-ERROR: ..." when FILE is not JSON.
json() {
  python3 - "$1" "$2" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
except Exception as e:
    print("JSON-ERROR:", str(e).splitlines()[0]); sys.exit(0)
def ok(m): return m.get("status") == "ok"
def machine(i): return d["machines"][i] if isinstance(i, int) else [m for m in d["machines"] if m["id"] == i][0]
def names(m): return [s["name"] for s in m["states"]]
def edges(m, kind=None): return [e for e in m["edges"] if kind is None or e.get("kind") == kind]
try:
    v = eval(sys.argv[2])
except Exception as e:
    print("EVAL-ERROR: %s: %s" % (type(e).__name__, e)); sys.exit(0)
if isinstance(v, (list, tuple)):
    for x in v: print(x)
elif isinstance(v, bool):
    print("true" if v else "false")
else:
    print(v)
PY
}

# expect_json WHAT FILE EXPR WANT: json FILE EXPR prints exactly WANT.
expect_json() {
  local got
  got=$(json "$2" "$3")
  if [[ $got == "$4" ]]; then pass; else fail "$1: $3 is '$(head -c 300 <<<"$got" | tr '\n' ' ')', expected '$4'"; fi
}

# out_name ID: the file name stem sfnviz writes for machine ID with -o DIR/: the whole ID (an ASL file's
# ID is its file name: flow.asl.json gives flow.asl.json.svg).
out_name() { printf '%s' "$1"; }

# out_file DIR ID EXT: the file -o DIR/ wrote for machine ID.
out_file() { printf '%s' "$1/$(out_name "$2").$3"; }

# is_png FILE / is_pdf FILE / is_svg FILE: the file's format looks right.
is_png() { [[ -s $1 && $(head -c 8 "$1" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]]; }
is_pdf() { [[ -s $1 && $(head -c 5 "$1") == "%PDF-" ]]; }
is_svg() {
  [[ -s $1 ]] && python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
sys.exit(0 if root.tag.endswith("svg") else 1)' "$1" 2>/dev/null
}
# svg_names SVG JSON ID: prints the states of machine ID (in the JSON export) whose name is in no tooltip
# of the SVG (each state's tooltip starts with its whole name: the drawing may wrap or cut it).
svg_names() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys, xml.etree.ElementTree as ET
svg, doc, want = sys.argv[1:4]
machine = [m for m in json.load(open(doc, encoding="utf-8"))["machines"] if m["id"] == want][0]
# Graphviz writes the second of two spaces as a no-break space, so that SVG keeps both
tips = [v.replace("\u00a0", " ") for el in ET.parse(svg).getroot().iter() for k, v in el.attrib.items()
        if k.endswith("}title")]
for s in machine.get("states") or []:
    if not any(t.startswith(s["name"] + " (") for t in tips):
        print(s["name"])
PY
}
# dot_ok FILE: Graphviz accepts the DOT text (its complaints go to FILE.err).
dot_ok() { [[ -s $1 ]] && timeout "$(limit 30)" dot -Tsvg "$1" >/dev/null 2>"$1.err"; }

# svg_text FILE: every text of the SVG, one <text> per line, no-break spaces made plain.
svg_text() {
  python3 -c '
import sys, xml.etree.ElementTree as ET
for t in ET.parse(sys.argv[1]).getroot().iter():
    if t.tag.endswith("}text") or t.tag == "text":
        print("".join(t.itertext()).replace("\u00a0", " "))' "$1"
}

# finish: prints the totals and exits 1 when anything failed.
finish() {
  local p f
  p=$(grep -c '^P' "$RESULTS")
  f=$(grep -c '^F' "$RESULTS")
  echo "$p passed, $f failed"
  [[ $f == 0 ]]
  exit $?
}

# Run directly rather than sourced: check the helpers, so a broken helper cannot make every test pass silently.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  check "out_name drops .asl.json" test "$(out_name flow.asl.json)" = flow
  check "out_name drops .asl.yaml" test "$(out_name access-request.asl.yaml)" = access-request
  check "out_name drops .yml" test "$(out_name state.yml)" = state
  check "out_name keeps a logical ID" test "$(out_name MyStateMachine)" = MyStateMachine
  printf '\x89PNG\r\n\x1a\nrest' >"$WORK/a.png"
  check "is_png accepts the PNG signature" is_png "$WORK/a.png"
  check "is_png refuses text" bash -c "$(declare -f is_png); ! is_png '$0'"
  printf '<svg xmlns="http://www.w3.org/2000/svg"><text>λ A</text><text>x\xc2\xa0y</text></svg>' >"$WORK/a.svg"
  check "is_svg accepts SVG" is_svg "$WORK/a.svg"
  printf '<svg><text>unclosed</svg>' >"$WORK/b.svg"
  check "is_svg refuses malformed XML" bash -c "$(declare -f is_svg); ! is_svg '$WORK/b.svg'"
  check "svg_text reads text and plain spaces" test "$(svg_text "$WORK/a.svg" | tr '\n' '|')" = "λ A|x y|"
  echo '{"machines": [{"id": "M", "states": [{"name": "A"}, {"name": "B"}], "edges": []}]}' >"$WORK/a.json"
  check "json evaluates expressions" test "$(json "$WORK/a.json" 'names(machine("M"))' | tr '\n' ' ')" = "A B "
  check "json reports bad JSON" bash -c "$(declare -f json); json '$0' 'd' | grep -q JSON-ERROR"
  echo 'digraph { a -> b }' >"$WORK/a.dot"
  check "dot_ok accepts DOT" dot_ok "$WORK/a.dot"
  echo 'digraph { a -> }' >"$WORK/b.dot"
  check "dot_ok refuses broken DOT" bash -c "$(declare -f dot_ok); ! dot_ok '$WORK/b.dot'"
  check "limit scales by SFNVIZ_TEST_SLOWDOWN" test "$(SLOWDOWN=3 limit 20)" = 60
  run --version
  expect_rc "the binary runs: --version" 0
  finish
fi
