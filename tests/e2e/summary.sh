#!/usr/bin/env bash
# summary.sh: `sfnviz summary`. What suits the output (colour, Unicode guides and width on a terminal, a
# pseudo-terminal made with util-linux's script; plain ASCII in 80 columns or $COLUMNS when piped; NO_COLOR,
# TERM=dumb, --color, --ascii, --unicode, --width), exit codes, text from the files never reaching the
# terminal raw, -m, standard input, several files; and the whole corpus in every format: exit 0 or 2, no
# crash, the JSON parses and its outlines list every state of every machine exactly once, Markdown table
# rows keep their columns. The exact output is in the golden files (golden.sh).
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
# The sample under a short relative path: its source line fits 60 columns.
cp -r "$REPO/samples/order-processing" op
ORDER=op/template.yml
NAMES=$TESTS/golden/summary/names.asl.json
LOOPS=$TESTS/golden/summary/loops.asl.yaml
unset COLUMNS NO_COLOR

# longest FILE: the widest line of FILE in characters (terminal escape sequences not counted).
longest() {
  python3 -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(max((len(re.sub(r"\x1b\[[0-9;]*m", "", l)) for l in text.split("\n")), default=0))' "$1"
}

# raw_controls FILE: how many control characters FILE holds besides newlines, carriage returns (the pty's)
# and the colour sequences sfnviz writes itself (ESC [ digits m); C1 controls (U+0080-U+009F) included.
raw_controls() {
  python3 -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
text = re.sub(r"\x1b\[[0-9;]*m", "", text)
print(sum(1 for c in text if (ord(c) < 32 and c not in "\n\r") or 0x7f <= ord(c) < 0xa0))' "$1"
}

# shows FILE TEXT: FILE, its colour sequences taken out, holds TEXT.
shows() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -qF -- "$2"; }

# on_tty OUTFILE ENV... -- ARGS...: runs sfnviz summary ARGS... on a 100-column pseudo-terminal with the
# environment ENV (VAR=value words), its output (carriage returns dropped) in OUTFILE.
on_tty() {
  local out=$1 cmd
  shift
  local -a env=()
  while [[ $1 != -- ]]; do env+=("$1"); shift; done
  shift
  printf -v cmd '%q ' "$BIN" summary "$@"
  timeout "$(limit 20)" env "${env[@]}" script -qec "stty cols 100 rows 50; $cmd" /dev/null | tr -d '\r' >"$out"
}

# --- piped: plain ASCII in 80 columns -----------------------------------------------------------------
run summary "$ORDER"
expect_rc "a template" 0
expect_out "the header names the machine" "^OrderProcessingStateMachine$"
expect_out "its source, with the line" "source +SAM template op/template.yml:[0-9]+:[0-9]+"
expect_out "and the states by type" "states +12: 7 Task, 1 Choice, 1 Parallel, 1 Succeed, 2 Fail"
expect_out "a Choice rule and where it goes" "not \(\\$\.payment\.method is present\) -> RejectOrder"
expect_out "the default" "default -> ProcessOrder"
expect_out "a retry policy in short" "retry x5, 1 s, x2.0, max 20 s, jitter FULL on Lambda.ServiceException"
expect_out "a catcher" "catch InvalidOrder -> RejectOrder"
expect_out "ASCII guides for a Parallel's branches" "^  \|- branch 1$"
expect_out "the lists after the outline" "^  no Retry/Catch +ReserveInventory, SaveOrder, NotifyCustomer, NotifyFailure$"
check "piped: no colour" test "$(grep -c $'\x1b' "$OUT")" = 0
check "piped: ASCII only (the sample's names are ASCII)" bash -c "! LC_ALL=C grep -q '[^ -~]' '$OUT'"
check "piped: 80 columns" test "$(longest "$OUT")" -le 80
cp "$OUT" piped.txt
COLUMNS=60 run summary "$ORDER"
check "piped with COLUMNS=60: 60 columns" test "$(longest "$OUT")" -le 60
# words: the words of a text, without the tree guides that wrapped lines repeat.
words() { tr -s ' \n' '\n\n' <"$1" | grep -vxE '[|`]-?' | sort; }
check "and wrapped, not cut: the same words" test "$(words "$OUT" | md5sum)" = "$(words piped.txt | md5sum)"
COLUMNS=60 run summary "$ORDER" --width 120
check "--width beats COLUMNS" test "$(longest "$OUT")" -gt 80
COLUMNS=junk run summary "$ORDER"
check "a COLUMNS that is no number is ignored: 80" test "$(longest "$OUT")" -le 80
run summary "$ORDER" --width 39
expect_rc "--width below 40" 2
expect_err "is refused with the range" "--width takes a number from 40 to 1000"
run summary "$ORDER" --unicode
expect_out "--unicode: tree guides" "^  ├─ branch 1$"
expect_out "--unicode: signs" "↻ ×5 · 1 s · ×2.0"
run summary "$ORDER" --ascii --unicode
expect_rc "--ascii with --unicode" 2
run summary "$ORDER" --color=always
check "--color=always when piped: colour" grep -q $'\x1b\\[1mOrderProcessingStateMachine\x1b\\[0m' "$OUT"
NO_COLOR=1 run summary "$ORDER" --color=always
check "--color=always beats NO_COLOR" grep -q $'\x1b\\[' "$OUT"
run summary "$ORDER" --color=sometimes
expect_rc "an unknown --color" 2
run summary "$ORDER" -f MARKDOWN
expect_rc "-f MARKDOWN, in any case" 0
expect_out "a Markdown heading" "^### OrderProcessingStateMachine$"
check "markdown has no colour" test "$(grep -c $'\x1b' "$OUT")" = 0

# --- on a terminal: colour, Unicode, the terminal's width; NO_COLOR and TERM=dumb -------------------------
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
  on_tty tty.txt TERM=xterm -- "$ORDER"
  check "a terminal: colour" grep -q $'\x1b\\[1mOrderProcessingStateMachine\x1b\\[0m' tty.txt
  check "a terminal: Unicode guides" shows tty.txt '├─ branch 1'
  check "a terminal: its width, 100 columns, is used" test "$(longest tty.txt)" -gt 80
  check "and fitted" test "$(longest tty.txt)" -le 100
  on_tty tty.txt TERM=xterm COLUMNS=60 -- "$ORDER"
  check "a terminal's own width beats COLUMNS" test "$(longest tty.txt)" -gt 60
  on_tty tty.txt TERM=xterm NO_COLOR=1 -- "$ORDER"
  check "NO_COLOR=1: no colour" test "$(grep -c $'\x1b' tty.txt)" = 0
  check "NO_COLOR keeps the Unicode guides" shows tty.txt '├─ branch 1'
  on_tty tty.txt TERM=xterm NO_COLOR= -- "$ORDER"
  check "NO_COLOR set but empty: colour" grep -q $'\x1b\\[' tty.txt
  on_tty tty.txt TERM=dumb -- "$ORDER"
  check "TERM=dumb: no colour" test "$(grep -c $'\x1b' tty.txt)" = 0
  on_tty tty.txt TERM=xterm -- "$ORDER" --color=never
  check "--color=never on a terminal" test "$(grep -c $'\x1b' tty.txt)" = 0
  on_tty tty.txt TERM=xterm -- "$ORDER" --ascii --width 70
  check "--ascii on a terminal" shows tty.txt '|- branch 1'
  check "--width on a terminal" test "$(longest tty.txt)" -le 70
  on_tty tty.txt TERM=xterm -- "$NAMES"
  check "a terminal gets no control character from the file, only sfnviz's colours" test "$(raw_controls tty.txt)" = 0
  check "an escape in a name is shown as \\x1b" shows tty.txt 'Esc \x1b[31mred\x1b[0m'
else
  skip "no pseudo-terminal (util-linux script): colour and width on a terminal are not checked"
fi

# --- the README's sample is the program's real output ------------------------------------------------
readme_sample() {
  python3 - "$REPO/README.md" "$WORK/readme.args" "$WORK/readme.want" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<!-- summary-sample: sfnviz (.*?) -->\n```text\n(.*?)```\n", text, re.S)
if m:
    open(sys.argv[2], "w").write("\n".join(m.group(1).split()))
    open(sys.argv[3], "w", encoding="utf-8").write(m.group(2))
PY
}
readme_sample
if [[ -s $WORK/readme.args ]]; then
  mapfile -t readme_args <"$WORK/readme.args"
  (cd "$REPO" && env -u COLUMNS "$BIN" "${readme_args[@]}") >"$WORK/readme.got" 2>"$WORK/readme.err"
  if cmp -s "$WORK/readme.got" "$WORK/readme.want"; then pass; else
    fail "README.md's summary sample is not what 'sfnviz ${readme_args[*]}' prints: $(diff "$WORK/readme.want" "$WORK/readme.got" | head -5 | tr '\n' ' ')"
  fi
else
  fail "README.md has no summary sample (<!-- summary-sample: sfnviz ARGS --> and a text block)"
fi

# --- text from the file never drives the terminal -----------------------------------------------------
run summary "$NAMES"
expect_rc "names with control characters" 0
check "no control character from the file in the text" test "$(raw_controls "$OUT")" = 0
check "a newline in a name is shown as \\n, the name on one line" grep -qF 'Line one\nline two' "$OUT"
check "a bidirectional override is shown as \\u202e" grep -qF '\u202eevil' "$OUT"
run summary "$NAMES" --color=always --unicode
check "nor in colour" test "$(raw_controls "$OUT")" = 0
printf '{"StartAt":"A\\u009b2J","States":{"A\\u009b2J":{"Type":"Pass","Next":"B\\u0007"},"B\\u0007":{"Type":"Succeed"}}}\n' >c1.asl.json
run summary c1.asl.json --unicode
check "a C1 control (CSI, U+009B) is shown escaped" grep -qF 'A\u009b2J' "$OUT"
check "so is BEL" grep -qF 'B\x07' "$OUT"
check "none raw" test "$(raw_controls "$OUT")" = 0
run summary "$NAMES" -f json
check "JSON escapes them and stays valid" python3 -c '
import json, sys
d = json.loads(open(sys.argv[1], "rb").read().decode("utf-8", "strict"))
names = [s["name"] for s in d["files"][0]["machines"][0]["outline"]]
sys.exit(0 if "Line one\nline two" in names and "Esc \x1b[31mred\x1b[0m" in names else 1)' "$OUT"
check "no raw control character in the JSON text" test "$(raw_controls "$OUT")" = 0

# --- exit codes, like list ----------------------------------------------------------------------------
run summary "$CLI/json-syntax-error.asl.json"
expect_rc "a file that does not parse" 2
expect_err "says file:line:col: error:" "json-syntax-error\.asl\.json:[0-9]+:[0-9]+: error: "
check "and prints no summary" test ! -s "$OUT"
run summary "$CLI/yaml-syntax-error.yml"
expect_rc "a YAML file that does not parse" 2
expect_err "says file:line:col: error:" "yaml-syntax-error\.yml:[0-9]+:[0-9]+: error: "
run summary no-such-file.yml
expect_rc "a file that does not exist" 2
expect_err "is named" "no-such-file\.yml"
run summary "$CLI/s3-template.yml"
expect_rc "a machine in S3 is no failure of the file" 0
expect_out "it is shown with its status" "status +s3"
expect_out "and its message" "definition lives in S3"
run summary "$CLI/json-syntax-error.asl.json" "$LOOPS" "$ORDER"
expect_rc "several files, one broken" 2
expect_out "the others are summarised" "^loops\.asl\.yaml$"
expect_out "all of them" "^OrderProcessingStateMachine$"
check "one after another, a blank line between" test "$(grep -c '^$' "$OUT")" -ge 5
run summary
expect_rc "no FILE" 2
run summary "$CLI/four-machines.yml" -m Gamma -m Alpha
expect_rc "-m" 0
check "-m: only those, in the file's order" test "$(grep -E '^[A-Z][a-z]+$' "$OUT" | tr '\n' ' ')" = "Alpha Gamma "
run summary "$CLI/four-machines.yml" "$LOOPS" -m Beta
expect_rc "-m over several files: where it is" 0
check "and nothing of the files without it" bash -c "! grep -q '^loops' '$OUT'"
run summary "$CLI/four-machines.yml" -m Nope
expect_rc "-m naming no machine" 2
expect_err "says so" "no state machine with ID 'Nope'"
printf 'Resources: {}\n' >empty.yml
run summary empty.yml
expect_rc "a template without state machines" 0
expect_out "says so" "empty\.yml: no state machines"
run summary - <"$LOOPS"
expect_rc "standard input" 0
expect_out "named <stdin>" "ASL file <stdin>"

# --- JSON: one document for all files -----------------------------------------------------------------
run summary -f json "$ORDER" "$CLI/json-syntax-error.asl.json" "$CLI/s3-template.yml"
expect_rc "-f json with a broken file" 2
expect_json "version 1" "$OUT" 'd["version"]' 1
expect_json "a files array, in order" "$OUT" '[f["path"].split("/")[-1] for f in d["files"]]' \
  $'template.yml\njson-syntax-error.asl.json\ns3-template.yml'
expect_json "the broken file's error" "$OUT" 'all(x.isdigit() for x in d["files"][1]["error"].split(": error: ")[0].split(":")[-2:])' true
expect_json "an S3 machine: status, no outline" "$OUT" \
  '[(m["status"], m["states"], m["outline"]) for m in d["files"][2]["machines"]]' "('s3', None, [])"
expect_json "the outline of the sample, in execution order" "$OUT" \
  '" ".join(s["name"] for s in d["files"][0]["machines"][0]["outline"][:4])' "ValidateOrder RouteOrder ScoreFraudRisk ProcessOrder"
expect_json "nested states say where they are" "$OUT" \
  '[(s["depth"], s["parent"], s["branch"]) for s in d["files"][0]["machines"][0]["outline"] if s["name"] == "SaveOrder"]' \
  "(1, 'ProcessOrder', 2)"
expect_json "retry policies as numbers" "$OUT" \
  'd["files"][0]["machines"][0]["outline"][0]["retry"][0]["max_attempts"]' 5
expect_json "Lambda functions with their Tasks" "$OUT" \
  '[l["name"] for l in d["files"][0]["machines"][0]["lambda_functions"]]' \
  $'ValidateOrderFunction\nFraudCheckFunction\nChargePaymentFunction'

# --- the corpus, in every format --------------------------------------------------------------------
# corpus_file N PATH: summary in text, Markdown and JSON (exit 0 or 2), then one look at all three: no
# control character from the file in the text, every Markdown table row with its six cells (a | from a
# name is escaped), the JSON strict UTF-8 with every state of every machine of the JSON export once in its
# outlines.
corpus_file() {
  local n=$1 path=$2 f=$CORPUS/$2 fmt
  local OUT ERR=$WORK/c$n.err RC
  for fmt in text markdown json; do
    OUT=$WORK/c$n.$fmt
    run summary "$f" -f "$fmt"
    if ((RC == 0 || RC == 2)); then pass; else fail "$path: summary -f $fmt exited $RC (stderr: $(said))"; fi
  done
  OUT=$WORK/c$n.export
  run render "$f" -f json
  local got
  got=$(python3 - "$WORK/c$n" <<'PY'
import collections, json, re, sys
base = sys.argv[1]
text = open(base + ".text", encoding="utf-8", errors="replace").read()
text = re.sub(r"\x1b\[[0-9;]*m", "", text)
if any((ord(c) < 32 and c != "\n") or 0x7f <= ord(c) < 0xa0 for c in text):
    print("a control character in the text")
for line in open(base + ".markdown", encoding="utf-8"):
    if line.startswith("| ") and len(re.findall(r"(?<!\\)\|", line)) != 7:
        print("a Markdown row with more or fewer cells:", line[:80])
        break
try:
    s = json.loads(open(base + ".json", "rb").read().decode("utf-8", "strict"))
except Exception as e:
    print("the summary is not JSON:", e); sys.exit(0)
files = s["files"]
if len(files) != 1 or files[0]["error"]:
    sys.exit(0)  # a file that does not parse: nothing to compare
try:
    export = {m["id"]: m for m in json.load(open(base + ".export", encoding="utf-8"))["machines"]}
except Exception as e:
    print("the export is not JSON:", e); sys.exit(0)
for m in files[0]["machines"]:
    want = collections.Counter(st["name"] for st in export[m["id"]]["states"])
    got = collections.Counter(st["name"] for st in m["outline"])
    if m["status"] == "ok" and (got != want or m["states"] != sum(want.values())):
        print("%s: outline %d states, machine %d" % (m["id"], sum(got.values()), sum(want.values())))
    if sum(not st["reachable"] for st in m["outline"]) != len(m["unreachable"]):
        print("%s: the unreachable list and the outline disagree" % m["id"])
PY
)
  if [[ -z $got ]]; then pass; else fail "$path: $(head -3 <<<"$got" | tr '\n' ' ')"; fi
  rm -f "$WORK"/c$n.*
}

jobs_max=${SFNVIZ_E2E_JOBS:-2}
n=0
while IFS=$'\t' read -r _ path role _; do
  [[ $role == template || $role == asl ]] || continue
  n=$((n + 1))
  while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n; done
  corpus_file "$n" "$path" </dev/null &
done < <(tail -n +2 "$CORPUS/MANIFEST.tsv")
wait
echo "corpus: $n files"
finish
