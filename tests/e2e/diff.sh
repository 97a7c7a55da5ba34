#!/usr/bin/env bash
# diff.sh: `sfnviz diff`. The prepared before/after pairs of tests/diff/<case>/ (old.* and new.*: a state
# added, removed, changed in many kinds of field, edges added and removed, machines added and removed in
# a template, a rename, YAML against JSON of the same machine, a machine in S3 or broken on one side,
# nested scopes, names that would break a terminal or a table) as text, Markdown and JSON must match
# tests/diff/<case>/expected.{txt,md,json,dot} byte for byte (one in colour too; the drawn diff's DOT of
# each machine that differs); the JSON has exactly the
# documented shape; exit codes (--exit-code, unreadable files, bad usage); the drawn formats (the one machine that differs,
# -m when several do);
# standard input; -o; colour only on a terminal or when asked; and --base REV in a git repository made
# here: a changed file, a file new since REV (added), one deleted since (removed), a folder elsewhere,
# an unknown revision, outside a repository, and revisions that look like options refused.
# After a deliberate change, regenerate the golden files with
#   UPDATE_GOLDEN=1 bash tests/e2e/diff.sh build/sfnviz tests
source "$(dirname "$0")/lib.sh"
CASES=$TESTS/diff
unset NO_COLOR

# golden EXPECTED ARGS...: sfnviz diff ARGS... (run in tests/diff) exits 0 and writes what EXPECTED holds.
golden() {
  local expected=$1
  shift
  (cd "$CASES" && timeout "$(limit 20)" "$BIN" diff "$@" >"$WORK/golden.out" 2>"$WORK/golden.err")
  local rc=$?
  if [[ $rc != 0 ]]; then
    fail "diff $*: exit $rc: $(head -c 300 "$WORK/golden.err")"
    return
  fi
  [[ ${UPDATE_GOLDEN:-} == 1 ]] && cp "$WORK/golden.out" "$CASES/$expected"
  if cmp -s "$WORK/golden.out" "$CASES/$expected"; then
    pass
  else
    fail "diff $* differs from tests/diff/$expected: $(diff "$CASES/$expected" "$WORK/golden.out" | head -10 | tr '\n' ' ')"
  fi
}

# shape FILE: prints what is wrong with the diff JSON's shape (nothing when it is right).
shape() {
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
bad = []
if set(d) != {"version", "machines"} or d["version"] != 1 or not isinstance(d["machines"], list):
    bad.append("top level")
keys = {"id", "file", "status", "added_states", "removed_states", "changed_states", "changes", "added_edges",
        "removed_edges"}
for m in d.get("machines", []):
    if set(m) != keys:
        bad.append("machine keys %s" % sorted(m))
        continue
    if m["status"] not in ("added", "removed", "changed", "same"):
        bad.append("status " + m["status"])
    for k in ("added_states", "removed_states", "changed_states"):
        if not all(isinstance(s, str) for s in m[k]):
            bad.append(k)
    for c in m["changes"]:
        if set(c) != {"state", "field", "old", "new"} or not isinstance(c["state"], str) or not isinstance(c["field"], str):
            bad.append("change %s" % c)
        if c["old"] == c["new"]:
            bad.append("a change with equal values %s" % c)
    for k in ("added_edges", "removed_edges"):
        for e in m[k]:
            if not (isinstance(e, list) and len(e) == 3 and all(x is None or isinstance(x, str) for x in e[:2])
                    and e[2] in ("start", "next", "choice", "default", "catch", "retry", "end")):
                bad.append("edge %s" % e)
    changed = m["added_states"] or m["removed_states"] or m["changed_states"] or m["changes"] or m["added_edges"] or m["removed_edges"]
    if (m["status"] == "same") == bool(changed):
        bad.append("status %s of %s disagrees with its lists" % (m["status"], m["id"]))
for b in bad:
    print(b)
PY
}

# --- golden files ----------------------------------------------------------------------------------
for dir in "$CASES"/*/; do
  c=$(basename "$dir")
  old=$(cd "$CASES" && ls "$c"/old.*) new=$(cd "$CASES" && ls "$c"/new.*)
  golden "$c/expected.txt" "$old" "$new"
  golden "$c/expected.md" -f markdown "$old" "$new"
  golden "$c/expected.json" -f json "$old" "$new"
  bad=$(shape "$CASES/$c/expected.json")
  if [[ -z $bad ]]; then pass; else fail "$c: the JSON's shape: $bad"; fi
  # The drawn diff, as the DOT that Graphviz lays out (SVG and PNG bytes depend on Graphviz and fonts):
  # of the one machine that differs, or of each that does (-m).
  mapfile -t differing < <(python3 -c 'import json, sys
for m in json.load(open(sys.argv[1]))["machines"]:
    if m["status"] != "same": print(m["id"])' "$CASES/$c/expected.json")
  if [[ ${#differing[@]} == 1 ]]; then
    golden "$c/expected.dot" -f dot "$old" "$new"
  else
    for id in "${differing[@]}"; do
      [[ $c/$id == status/Broken ]] && continue # broken in the new version: nothing to draw (below)
      golden "$c/expected.$id.dot" -f dot -m "$id" "$old" "$new"
    done
  fi
done
(cd "$CASES" && "$BIN" diff -f svg -m Broken status/old.yaml status/new.yaml >"$OUT" 2>"$ERR")
RC=$?
expect_rc "the drawn diff of a machine broken in the new version" 2
expect_err "says why" "Broken: the new version has nothing to draw: the definition has no States map"
check "a machine drawable only in the new version is drawn all added" grep -q "new machine" "$CASES/status/expected.Flow.dot"
# Retriers a state lost are on its loop after a minus, matched by content: removing the first of two shows
# the first (States.Timeout) as lost; a state that lost all its retriers has a dotted loop saying so.
dot=$CASES/retriers/expected.dot
check "retriers: the lost first retrier is named on Call's loop" grep -q "− <b>↻ retry ×3</b> · 2 s" "$dot"
check "retriers: the kept one is not marked lost" bash -c '! grep -q "− <b>↻ retry ×6" "$1"' _ "$dot"
check "retriers: Store's loop is a removed ghost" grep -q 'class="retry removed"' "$dot"
check "retriers: it says what it held" grep -q "− <b>↻ retry ×2</b> · 5 s" "$dot"
golden state-changed/expected.color.txt --color=always state-changed/old.asl.json state-changed/new.asl.json

# --- what the pairs show -----------------------------------------------------------------------------
J=$CASES
expect_json "a state added" "$J/state-added/expected.json" 'machine(0)["added_states"]' "Notify"
expect_json "a state removed" "$J/state-removed/expected.json" 'machine(0)["removed_states"]' "Notify"
expect_json "a rename is a removal and an addition" "$J/rename/expected.json" \
  '(machine(0)["removed_states"], machine(0)["added_states"])' "['Save']
['StoreOrder']"
expect_json "YAML and JSON of the same machine are the same" "$J/yaml-json/expected.json" 'machine(0)["status"]' same
expect_json "Retry, Catch, Choice rules, Parameters fields" "$J/state-changed/expected.json" \
  'sorted({c["field"].split("[")[0].split(".")[0] for c in machine(0)["changes"]})' "Catch
Choices
Parameters
Retry
Seconds"
expect_json "a change's old and new are JSON values" "$J/state-changed/expected.json" \
  '[c for c in machine(0)["changes"] if c["field"] == "Retry[0].MaxAttempts"][0]["new"]' 5
expect_json "an edge added and one removed" "$J/edges/expected.json" \
  '(machine(0)["added_edges"], machine(0)["removed_edges"])' "[['Check', 'Oops', 'default'], ['Work', 'Oops', 'catch']]
[['Check', 'Stop', 'default']]"
expect_json "machines added, removed, same, changed" "$J/machines/expected.json" \
  '[(m["id"], m["status"]) for m in d["machines"]]' "('Fresh', 'added')
('Keep', 'same')
('Retype', 'changed')
('Legacy', 'removed')"
expect_json "a machine's own fields are changes of state \"\"" "$J/machines/expected.json" \
  '[c["field"] for c in machine("Retype")["changes"] if c["state"] == ""]' "Type
Comment
QueryLanguage"
expect_json "a machine in S3 on one side" "$J/status/expected.json" \
  'str([(c["field"], c["old"], c["new"]) for c in machine("Flow")["changes"]][0])' "('status', 's3', 'ok')"
expect_json "a broken machine on one side" "$J/status/expected.json" \
  'str([(c["field"], c["old"], c["new"]) for c in machine("Broken")["changes"]][0])' "('status', 'ok', 'error')"
expect_json "a nested scope's StartAt is its state's change" "$J/nested/expected.json" \
  '[c["new"] for c in machine(0)["changes"] if c["field"] == "ItemProcessor.StartAt"]' Prepare
expect_json "a branch's own state changes by itself" "$J/nested/expected.json" \
  '[c["state"] for c in machine(0)["changes"] if c["field"] == "Result"]' "Left: one"
if grep -q $'\x1b' "$J/hostile/expected.txt" "$J/hostile/expected.md"; then
  fail "a control character from the file reached the output raw"
else
  pass
fi
# A Markdown table row of the hostile pair keeps its four columns (every | in a name is escaped).
rows=$(grep '^| Evil' "$J/hostile/expected.md" | sed 's/\\|//g' | tr -cd '|\n' | sort -u)
check "Markdown rows keep their columns" test "$rows" = "|||||"

# The README's sample is the golden text of that pair.
python3 - "$REPO/README.md" >"$WORK/readme-sample" <<'PY'
import re, sys
m = re.search(r"<!-- diff-sample: .*? -->\n```text\n(.*?)```\n", open(sys.argv[1], encoding="utf-8").read(), re.S)
print(m.group(1) if m else "", end="")
PY
check "the README's diff sample is the golden text" cmp -s "$WORK/readme-sample" "$CASES/state-changed/expected.txt"

# --- exit codes, usage, formats -----------------------------------------------------------------------
cd "$CASES" || exit 1
run diff state-added/old.asl.json state-added/new.asl.json
expect_rc "differences exit 0" 0
run diff --exit-code state-added/old.asl.json state-added/new.asl.json
expect_rc "--exit-code: differences exit 1" 1
run diff --exit-code yaml-json/old.asl.json yaml-json/new.asl.yaml
expect_rc "--exit-code: no difference exits 0" 0
run diff state-added/old.asl.json "$WORK/missing.asl.json"
expect_rc "a file that cannot be read" 2
printf '{"StartAt": ' >"$WORK/broken.asl.json"
run diff state-added/old.asl.json "$WORK/broken.asl.json"
expect_rc "a file that does not parse" 2
expect_err "its error names it" "broken.asl.json:[0-9]+:[0-9]+: error"
run diff state-added/old.asl.json
expect_rc "one file without --base" 2
expect_err "says what diff compares" "diff compares two files"
run diff - - </dev/null
expect_rc "two standard inputs" 2
run diff -f svg -o drawn.svg state-added/old.asl.json state-added/new.asl.json
expect_rc "the drawn diff of the one machine that differs" 0
if xmllint --noout drawn.svg 2>/dev/null && grep -q 'Diff: ' drawn.svg; then pass; else fail "drawn.svg is not a well-formed SVG titled Diff:"; fi
run diff -f png machines/old.yaml machines/new.yaml
expect_rc "several machines differ: which to draw" 2
expect_err "names them" "choose the one to draw with -m ID"
run diff -f png -m Retype -o drawn.png machines/old.yaml machines/new.yaml
expect_rc "-m picks the machine to draw" 0
if [[ $(head -c 8 drawn.png | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]]; then pass; else fail "drawn.png is not a PNG"; fi
run diff -f dot -m Nowhere machines/old.yaml machines/new.yaml
expect_rc "-m of a machine in neither version" 2
expect_err "says so" "no state machine 'Nowhere'"
python3 "$REPO/bench/gen_workflow.py" 3000 --seed 1 >"$WORK/big-old.asl.json"
python3 "$REPO/bench/diff_mutate.py" "$WORK/big-old.asl.json" >"$WORK/big-new.asl.json"
run diff -f markdown "$WORK/big-old.asl.json" "$WORK/big-new.asl.json"
expect_rc "a large diff in Markdown" 0
if grep -q '^_The diagram is left out: .* past what GitHub draws' "$OUT" && ! grep -q '^```mermaid' "$OUT" &&
   grep -q '^| State | Field | Old | New |' "$OUT"; then pass
else fail "a diagram past GitHub's limits is left out with a note, the tables kept"; fi
run diff -f yaml state-added/old.asl.json state-added/new.asl.json
expect_rc "an unknown format" 2

# --- standard input, -o, colour -----------------------------------------------------------------------
timeout "$(limit 20)" "$BIN" diff - state-added/new.asl.json <state-added/old.asl.json >"$OUT" 2>"$ERR"
RC=$?
expect_rc "the old side from standard input" 0
expect_out "named <stdin>" "^--- <stdin>$"
expect_out "and compared" "^  \+ Notify \(Task\)$"
run diff -f json -o "$WORK/d.json" state-changed/old.asl.json state-changed/new.asl.json
expect_rc "-o FILE" 0
expect_empty "nothing on standard output with -o" "$OUT"
check "-o writes what standard output would" cmp -s "$WORK/d.json" state-changed/expected.json
run diff state-changed/old.asl.json state-changed/new.asl.json
if grep -q $'\x1b' "$OUT"; then fail "colour when piped"; else pass; fi
run diff --color=always state-changed/old.asl.json state-changed/new.asl.json
expect_out "--color=always colours" $'\x1b\\[32m'
NO_COLOR=1 timeout "$(limit 20)" script -qec "$(printf '%q ' "$BIN" diff state-changed/old.asl.json state-changed/new.asl.json)" /dev/null >"$WORK/tty" 2>&1
if grep -q $'\x1b\[3' "$WORK/tty"; then fail "NO_COLOR on a terminal still colours"; else pass; fi
env -u NO_COLOR TERM=xterm timeout "$(limit 20)" script -qec "$(printf '%q ' "$BIN" diff state-changed/old.asl.json state-changed/new.asl.json)" /dev/null >"$WORK/tty" 2>&1
if grep -q $'\x1b\[32m' "$WORK/tty"; then pass; else fail "no colour on a terminal: $(head -c 200 "$WORK/tty")"; fi

# --- long values: cut in text and Markdown, whole in JSON ---------------------------------------------
python3 - <<'PY'
for name, tail in (("long-old", "a"), ("long-new", "b")):
    with open(name + ".asl.json", "w") as f:
        f.write('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {"p": "%s"}}}}'
                % ("\u00e9" * 300 + tail))
PY
run diff long-old.asl.json long-new.asl.json
expect_out "text: a 603-byte value is cut on a character boundary, its size said" \
  '^      Parameters\.p: "(é){199}… \(603 bytes\) -> "(é){199}… \(603 bytes\)$'
run diff -f markdown long-old.asl.json long-new.asl.json
expect_out "Markdown: the same in the table" '\| A \| Parameters\.p \| "(é){199}… \(603 bytes\) \|'
run diff -f json long-old.asl.json long-new.asl.json
expect_json "JSON keeps the value whole" "$OUT" 'len(d["machines"][0]["changes"][0]["new"])' 301

# --- git: --base REV ----------------------------------------------------------------------------------
if ! command -v git >/dev/null; then
  skip "git is not installed: --base not tested"
  finish
fi
REPO_DIR=$WORK/repo
mkdir -p "$REPO_DIR/flows" "$WORK/outside"
cd "$REPO_DIR" || exit 1
export GIT_CONFIG_NOSYSTEM=1 HOME=$WORK GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
git init -q .
cp "$CASES/machines/old.yaml" template.yaml
cp "$CASES/state-added/old.asl.json" flows/pay.asl.json
cp "$CASES/rename/old.asl.json" gone.asl.json
git add -A && git commit -qm one && git tag first
cp "$CASES/machines/new.yaml" template.yaml
cp "$CASES/state-added/new.asl.json" flows/pay.asl.json
cp "$CASES/edges/new.asl.json" fresh.asl.json
rm gone.asl.json
run diff --base HEAD -f json template.yaml flows/pay.asl.json fresh.asl.json gone.asl.json
expect_rc "--base HEAD over four files" 0
expect_json "the template's machines" "$OUT" '[(m["id"], m["status"]) for m in d["machines"] if m["file"] == "template.yaml"]' \
  "('Fresh', 'added')
('Keep', 'same')
('Retype', 'changed')
('Legacy', 'removed')"
expect_json "a file in a folder" "$OUT" '[m["added_states"] for m in d["machines"] if m["file"] == "flows/pay.asl.json"][0]' Notify
expect_json "a file new since HEAD is added" "$OUT" '[m["status"] for m in d["machines"] if m["file"] == "fresh.asl.json"][0]' added
expect_json "a file deleted since HEAD is removed" "$OUT" '[m["status"] for m in d["machines"] if m["file"] == "HEAD:gone.asl.json"][0]' removed
bad=$(shape "$OUT")
if [[ -z $bad ]]; then pass; else fail "--base's JSON shape: $bad"; fi
run diff --base HEAD template.yaml
expect_out "the old side is named REV:path" "^--- HEAD:template.yaml$"
run diff --base HEAD fresh.asl.json
expect_out "a new file's old side is /dev/null" "^--- /dev/null$"
run diff --base HEAD --exit-code template.yaml
expect_rc "--base --exit-code with differences" 1
git add -A && git commit -qm two
run diff --base HEAD --exit-code template.yaml flows/pay.asl.json
expect_rc "--base --exit-code, nothing changed since" 0
# A template whose definition is a DefinitionUri file: the older version reads that file at REV too.
mkdir -p sam/statemachine
printf 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: statemachine/flow.asl.json\n' >sam/template.yaml
cp "$CASES/state-changed/old.asl.json" sam/statemachine/flow.asl.json
git add -A && git commit -qm sam
cp "$CASES/state-changed/new.asl.json" sam/statemachine/flow.asl.json
run diff --base HEAD -f json sam/template.yaml
expect_json "a DefinitionUri file is read at the revision" "$OUT" 'machine("Flow")["changed_states"]' "Fetch
Route
Small"
git rm -qf sam/statemachine/flow.asl.json
git commit -qm "no file"
run diff --base first -f json sam/template.yaml
expect_json "a template new since the revision, its DefinitionUri folder gone" "$OUT" 'machine("Flow")["status"]' added
run diff --base HEAD~1 -f json sam/template.yaml
expect_json "a DefinitionUri file whose folder is gone is read at the revision" "$OUT" \
  'str([(c["field"], c["old"], c["new"]) for c in machine("Flow")["changes"]][0])' "('status', 'ok', 'missing')"
mkdir -p sam/statemachine
cp "$CASES/state-changed/new.asl.json" sam/statemachine/flow.asl.json
run diff --base HEAD -f json sam/template.yaml
expect_json "a DefinitionUri file absent at the revision is missing there" "$OUT" \
  'str([(c["field"], c["old"], c["new"]) for c in machine("Flow")["changes"]][0])' "('status', 'missing', 'ok')"
run diff --base first --exit-code -f json template.yaml
expect_rc "an older revision" 1
(cd "$WORK/outside" && timeout "$(limit 20)" "$BIN" diff --base HEAD "$REPO_DIR/flows/pay.asl.json" >"$OUT" 2>"$ERR")
RC=$?
expect_rc "a file in a repository, from a folder outside it" 0
(cd flows && timeout "$(limit 20)" "$BIN" diff --base first ../template.yaml >"$OUT" 2>"$ERR")
RC=$?
expect_rc "a file in the folder above" 0
expect_out "found at the revision" "^~ Retype changed"
run diff --base no-such-rev template.yaml
expect_rc "an unknown revision" 2
expect_err "says so" "unknown revision 'no-such-rev'"
run diff --base=--output=x template.yaml
expect_rc "a revision that is an option" 2
check "git wrote no file" test ! -e x
run diff --base HEAD -- --output=x
expect_rc "a path that looks like an option: no such file" 2
check "git wrote no file" test ! -e x
cp "$CASES/rename/new.asl.json" ./-dash.asl.json
git add -- -dash.asl.json && git commit -qm three
run diff --base HEAD --exit-code -- -dash.asl.json
expect_rc "a file whose name starts with -" 0
(timeout "$(limit 20)" "$BIN" diff --base HEAD -f json -o closed.json -- -dash.asl.json >&- 2>"$ERR")
RC=$?
expect_rc "standard output closed (the pipe to git is not on fd 1)" 0
check "and the diff is whole" grep -q '"status": "same"' closed.json
python3 -c 'import os, signal, sys; signal.signal(signal.SIGCHLD, signal.SIG_IGN); os.execv(sys.argv[1], sys.argv[1:])' \
  "$BIN" diff --base HEAD --exit-code -- -dash.asl.json >"$OUT" 2>"$ERR"
RC=$?
expect_rc "SIGCHLD ignored by the parent: git's status still read" 0
cp "$CASES/state-added/old.asl.json" "$WORK/outside/x.asl.json"
(cd "$WORK/outside" && GIT_CEILING_DIRECTORIES=$WORK timeout "$(limit 20)" "$BIN" diff --base HEAD x.asl.json >"$OUT" 2>"$ERR")
RC=$?
expect_rc "outside a repository" 2
expect_err "says so" "not in a git repository"
# --limit input-size holds for files read from git as for files on disk (git's output is read up to it).
python3 -c 'import json; print(json.dumps({"Comment": "x" * 1500000, "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}))' >big.asl.json
printf 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Big:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: big.asl.json\n' >big.yaml
git add big.asl.json big.yaml && git commit -qm big
run diff --base HEAD --exit-code big.asl.json big.yaml
expect_rc "a 1.5 MB file at the revision, within the default input-size" 0
run diff --limit input-size=1M --base HEAD big.asl.json
expect_rc "a file at the revision larger than --limit input-size" 2
expect_err "names the revision's file and the limit" \
  "HEAD:./big.asl.json is larger than 1048576 bytes \(the input-size limit; raise it with --limit input-size=N\)"
printf '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}\n' >big.asl.json
run diff --limit input-size=1M --base HEAD -f json big.yaml
expect_json "a DefinitionUri file at the revision past the limit: that side's machine is an error" "$OUT" \
  'str([(c["field"], c["old"], c["new"]) for c in machine("Big")["changes"]][0])' "('status', 'error', 'ok')"
git checkout -q -- big.asl.json
run diff --base HEAD -
expect_rc "--base and standard input" 2
finish
