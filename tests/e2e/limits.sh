# limits.sh: the limits on what input may make sfnviz do (sfnviz.h, `--limit NAME=N`, README "Security").
# Each is met with an error naming the file, the position where there is one, and the limit with the way
# to raise it; raising it lets the same input through; and --limit refuses what it cannot mean.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1

# --- input-size: files, standard input and DefinitionUri files ------------------------------------------
cat >small.asl.json <<'JSON'
{"Comment": "a definition of a little over a hundred bytes, to be over a limit of 100",
 "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}
JSON
run list --limit input-size=100 small.asl.json
expect_rc "a file over input-size is refused" 2
expect_err "the message names the file and the limit" \
  '^small\.asl\.json: error: larger than 100 bytes \(the input-size limit; raise it with --limit input-size=N\)$'
run list --limit input-size=1K small.asl.json
expect_rc "K is 1024 bytes: the file fits" 0
run list --limit input-size=100 - <small.asl.json
expect_rc "standard input over input-size is refused" 2
expect_err "and named <stdin>" '^<stdin>: error: larger than 100 bytes \(the input-size limit'
cat >uri.yaml <<'YAML'
Resources:
  M:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: small.asl.json
YAML
run render -f json --limit input-size=120 uri.yaml
expect_rc "a DefinitionUri file over input-size: the machine cannot be drawn" 2
expect_json "its message says why, at the DefinitionUri" "$OUT" 'd["machines"][0]["message"].strip()' \
  "uri.yaml:5:22: error: DefinitionUri file small.asl.json: larger than 120 bytes (the input-size limit; raise it with --limit input-size=N)"

# --- alias-nodes and alias-size: what YAML aliases may add --------------------------------------------
python3 - <<'PY'
big = "x" * 100000
with open("aliases.asl.yaml", "w") as f:
    f.write("StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Parameters:\n")
    f.write("      s: &s " + big + "\n")
    f.write("      l1: &l1 [" + ", ".join(["*s"] * 100) + "]\n")
    f.write("      l2: [" + ", ".join(["*l1"] * 100) + "]\n")
with open("nodes.asl.yaml", "w") as f:
    f.write("StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Parameters:\n")
    f.write("      l0: &l0 [" + ", ".join(["1"] * 100) + "]\n")
    f.write("      l1: [" + ", ".join(["*l0"] * 100) + "]\n")
with open("flat.asl.yaml", "w") as f:
    f.write("StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Parameters:\n")
    f.write("      l: [" + ", ".join(["1"] * 5000) + "]\n")
PY
for cmd in "render -f json" "check" "summary" "diff aliases.asl.yaml"; do
  run $cmd aliases.asl.yaml
  expect_rc "$cmd: 10 000 copies of a 100 kB string (1 GB) are refused at once" 2
  expect_err "$cmd: at the alias that passes alias-size, with the way to raise it" \
    'aliases\.asl\.yaml:9:[0-9]+: error: aliases make the document larger than 64 MiB \(the alias-size limit; raise it with --limit alias-size=N\)'
done
run render -f json --limit alias-size=2G aliases.asl.yaml
expect_rc "raised past the expansion, the document is read" 0
run diff --limit alias-size=2G aliases.asl.yaml aliases.asl.yaml
expect_rc "and diff compares every copy without blowing up (each pair of nodes once)" 0
expect_out "and finds them the same" "same"
run render -f json --limit alias-nodes=5000 nodes.asl.yaml
expect_rc "10 000 nodes through aliases pass alias-nodes=5000: refused" 2
expect_err "at the alias, naming the limit" \
  'nodes\.asl\.yaml:8:[0-9]+: error: document has too many nodes, counting every alias as a copy: more than 5000 \(the alias-nodes limit; raise it with --limit alias-nodes=N\)'
run render -f json --limit alias-nodes=5000 flat.asl.yaml
expect_rc "5000 nodes written out, with no alias, are not the alias limit's to refuse" 0

# --- substitution-size: per text, and what a definition grows by in all --------------------------------
python3 - <<'PY'
ten_k = "y" * 10000
comments = "".join('        S%d: {Type: Pass, Comment: "%s", Next: S%d}\n' % (i, "${X}" * 10, i + 1) for i in range(100))
with open("subst.yaml", "w") as f:
    f.write("Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n")
    f.write("      DefinitionSubstitutions: {X: %s}\n" % ten_k)
    f.write("      Definition:\n        StartAt: S0\n        States:\n")
    f.write(comments.replace("        S", "          S"))
    f.write("          S100: {Type: Succeed}\n")
PY
run render -f json --limit substitution-size=1M subst.yaml
expect_rc "100 texts of 100 kB each (10 MB in all) pass a 1 MiB budget: refused" 2
expect_json "the message says the definition grew past the limit" "$OUT" \
  '"DefinitionSubstitutions grow the definition by more than 1 MiB (the substitution-size limit; raise it with --limit substitution-size=N)" in d["machines"][0]["message"]' true
run render -f json --limit substitution-size=50K subst.yaml
expect_json "one text of 100 kB passes a 50 KiB limit on its own" "$OUT" \
  '"make this text larger than 50 KiB (the substitution-size limit" in d["machines"][0]["message"]' true
run render -f json subst.yaml
expect_rc "within the default (16 MiB), the definition is substituted" 0

# A definition that parses only once substituted (a placeholder where a number goes), whose substitution
# fails: named with why, at the DefinitionString or DefinitionUri, not with the parse error.
cat >wait-n.asl.json <<'JSON'
{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": ${N}, "End": true}}}
JSON
cat >subst-text.yaml <<'YAML'
Resources:
  Loop:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionSubstitutions: {A: "${B}", B: "${A}"}
      DefinitionString: '{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": ${A}, "End": true}}}'
  Uri:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionSubstitutions: {N: "1000000"}
      DefinitionUri: wait-n.asl.json
YAML
run render -f json -m Loop subst-text.yaml
expect_rc "a DefinitionString whose substitution never settles: refused" 2
expect_json "named at the DefinitionString, with the cycle" "$OUT" 'd["machines"][0]["message"].strip()' \
  "subst-text.yaml:6:25: error: DefinitionString does not parse as written, and substituting it fails: DefinitionSubstitutions do not settle here: a value refers to itself, directly or through others"
run render -f json -m Uri subst-text.yaml
expect_rc "the same shape in a DefinitionUri file, substituted: drawn" 0
run render -f json -m Uri --limit substitution-size=4 subst-text.yaml
expect_rc "its substitution past the limit: refused" 2
expect_json "named at the DefinitionUri, with the limit" "$OUT" 'd["machines"][0]["message"].strip()' \
  "subst-text.yaml:11:22: error: DefinitionUri file wait-n.asl.json does not parse as written, and substituting it fails: DefinitionSubstitutions make this text larger than 4 bytes (the substitution-size limit; raise it with --limit substitution-size=N)"

# --- states ----------------------------------------------------------------------------------------------
python3 - <<'PY'
states = ", ".join('"S%d": {"Type": "Pass", "Next": "S%d"}' % (i, i + 1) for i in range(300))
open("many.asl.json", "w").write('{"StartAt": "S0", "States": {%s, "S300": {"Type": "Succeed"}}}' % states)
PY
run check --limit states=100 many.asl.json
expect_rc "check: more states than the limit is a finding" 1
expect_err "" '.'
expect_out "at the States map, naming the limit" \
  '^many\.asl\.json:1:[0-9]+: error: the definition has more states than 100 \(the states limit; raise it with --limit states=N\) \[definition-invalid\]$'
run render -f dot --limit states=100 many.asl.json
expect_rc "render: a machine over the limit is not drawn" 2
run summary --limit states=301 many.asl.json
expect_rc "301 states are within states=301" 0

# --- nesting depth: fixed at 2048 levels, enough for 500 nested Parallels -------------------------------
python3 - <<'PY'
s = '{"StartAt": "Leaf", "States": {"Leaf": {"Type": "Pass", "End": true}}}'
for k in range(1, 301):
    s = '{"StartAt": "P%d", "States": {"P%d": {"Type": "Parallel", "End": true, "Branches": [%s]}}}' % (k, k, s)
open("par300.asl.json", "w").write(s)
open("deep.asl.json", "w").write('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {"x": '
                                 + "[" * 2045 + "]" * 2045 + "}}}}")
PY
for cmd in "list" "check" "summary" "render -f json" "render -f mermaid"; do
  run $cmd par300.asl.json
  expect_rc "$cmd: 300 nested Parallels (1200 levels of nesting) are read" 0
done
run render -f json par300.asl.json
expect_json "all 301 states are there" "$OUT" 'len(d["machines"][0]["states"])' 301
run check deep.asl.json
expect_rc "2049 levels of nesting: the file does not parse" 2
expect_err "at the bracket past the limit" '^deep\.asl\.json:1:[0-9]+: error: nesting deeper than 2048 levels$'

# --- what a review found a small file could still make sfnviz do ---------------------------------------
python3 - <<'PY'
# Aliases that put a deep tree deep down: 60 chains of 2000 brackets, each ending in the one before.
with open("deepalias.asl.yaml", "w") as f:
    f.write("StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Parameters:\n")
    f.write("      c0: &c0 " + "[" * 2000 + "]" * 2000 + "\n")
    for i in range(1, 60):
        f.write("      c%d: &c%d " % (i, i) + "[" * 2000 + "*c%d" % (i - 1) + "]" * 2000 + "\n")
# 20 000 keys and 100 000 placeholders none fills: each looked up in log time.
keys = "".join("        K%05d: v\n" % i for i in range(20000))
with open("subkeys.yaml", "w") as f:
    f.write("Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n")
    f.write("      DefinitionSubstitutions:\n" + keys)
    f.write("      Definition:\n        StartAt: A\n        States:\n")
    f.write("          A: {Type: Pass, End: true, Comment: \"" + "${zzzzzzz}" * 100000 + "\"}\n")
# A million `${` before one `}`: each '}' looked for once.
with open("unclosed.yaml", "w") as f:
    f.write("Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n")
    f.write("      DefinitionSubstitutions: {X: y}\n")
    f.write("      Definition:\n        StartAt: A\n        States:\n")
    f.write("          A: {Type: Pass, End: true, Comment: \"" + "${" * 1000000 + "}\"}\n")
# A chain of 60 substitutions that never grows, in a string aliased 2000 times: substituted once.
subs = "".join('        A%02d: "${A%02d}"\n' % (i, i + 1) for i in range(60)) + "        A60: end\n"
with open("rounds.yaml", "w") as f:
    f.write("Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n")
    f.write("      DefinitionSubstitutions:\n" + subs)
    f.write("      Definition:\n        StartAt: A\n        States:\n")
    f.write("          A:\n            Type: Pass\n            End: true\n            Parameters:\n")
    f.write("              s: &s \"" + "${A00}" * 1000 + "\"\n")
    f.write("              l: [" + ", ".join(["*s"] * 2000) + "]\n")
# One Fn::Sub of a 100 kB parameter, aliased 1000 times: 100 MB of text, refused at the budget.
with open("subalias.yaml", "w") as f:
    f.write("Parameters:\n  P: {Type: String, Default: " + "p" * 100000 + "}\n")
    f.write("Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n")
    f.write("      Definition:\n        StartAt: A\n        States:\n")
    f.write("          A:\n            Type: Pass\n            End: true\n            Parameters:\n")
    f.write("              s: &s !Sub \"${P}\"\n")
    f.write("              l: [" + ", ".join(["*s"] * 1000) + "]\n")
PY
run render -f json subalias.yaml
expect_rc "an aliased Fn::Sub making 100 MB of text: refused" 2
expect_json "at the Definition, naming the limit" "$OUT" 'd["machines"][0]["message"].strip()' \
  "subalias.yaml:8:9: error: Fn::Sub and Fn::Join make the template's text larger than 16 MiB (the substitution-size limit; raise it with --limit substitution-size=N)"
run render -f json --limit substitution-size=200M subalias.yaml
expect_rc "raised, it is made" 0
for cmd in list check "diff deepalias.asl.yaml"; do
  run $cmd deepalias.asl.yaml
  expect_rc "$cmd: aliases nesting 120 000 levels deep are refused, not a stack overflow" 2
  expect_err "$cmd: at the alias that passes the limit" \
    '^deepalias\.asl\.yaml:8:[0-9]+: error: nesting deeper than 2048 levels through the alias "c0"$'
done
run list subkeys.yaml
expect_rc "20 000 keys, 100 000 placeholders: read well inside the hang guard (was 20 s)" 0
run list unclosed.yaml
expect_rc "a million \${ before one }: read well inside the hang guard (was 16 s)" 0
run render -f json rounds.yaml
expect_rc "60 rounds of substitution in a string aliased 2000 times: substituted once (was 34 s)" 0
expect_json "and every copy has the final text" "$OUT" 'd["machines"][0]["status"]' ok

# Keys of 10 000 characters, 50 deep, with 40 leaves that differ: every change's field path would be
# 500 kB (20 MB of output from two 500 kB files); a path is kept at 4096 bytes, cut with its length.
python3 - <<'PY'
import json
def tree(depth, leaf):
    if depth == 0:
        return {"L%d" % i: leaf for i in range(40)}
    return {"k%d" % depth + "x" * 10000: tree(depth - 1, leaf)}
for name, leaf in (("longkeys-old", 1), ("longkeys-new", 2)):
    d = {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True, "Parameters": tree(50, leaf)}}}
    json.dump(d, open(name + ".asl.json", "w"))
PY
for format in text json markdown; do
  run diff -f $format longkeys-old.asl.json longkeys-new.asl.json
  expect_rc "diff -f $format of 500 kB field paths: changed (diff exits 0 without --exit-code)" 0
  check "diff -f $format: each of the 40 paths cut at 4096 bytes (output under 200 kB)" \
    test "$(wc -c <"$OUT")" -lt 200000
  check "diff -f $format: a cut path says how long it was" grep -q "… (500205 bytes)" "$OUT"
done
run diff -f json longkeys-old.asl.json longkeys-new.asl.json
expect_json "in JSON, each of the 40 changes is still there" "$OUT" 'len(d["machines"][0]["changes"])' 40

# One DefinitionUri file named by 400 machines, which aliases expand to 3.4 million nodes: read once per
# template, and each walk of it (intrinsics, substitutions, check, diff) linear in the file as written.
# Before: list 8.6 s, diff 109 s. A duplicate key in it is warned of once, not once per machine.
python3 - <<'PY'
with open("shared.asl.yaml", "w") as f:
    f.write("StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Comment: one\n    Comment: two\n")
    f.write("    Parameters:\n")
    f.write("      l0: &l0 [" + ", ".join(["1"] * 100) + "]\n")
    f.write("      l1: &l1 [" + ", ".join(["*l0"] * 100) + "]\n")
    f.write("      l2: [" + ", ".join(["*l1"] * 340) + "]\n")
with open("shared.yaml", "w") as f:
    f.write("Resources:\n")
    for i in range(400):
        f.write("  M%d:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n" % i)
        f.write("      DefinitionUri: shared.asl.yaml\n      DefinitionSubstitutions: {X: y}\n")
PY
run list shared.yaml
expect_rc "400 machines naming one expanding file: listed inside the hang guard" 0
check "all 400 drawn" test "$(grep -c ' ok$' "$OUT")" -eq 400
run check shared.yaml
expect_rc "check of the 400: a duplicate key is a warning" 0
check "its duplicate key warned of once" test "$(grep -c 'duplicate key "Comment"' "$OUT" "$ERR" | awk -F: '{n += $NF} END {print n}')" -eq 1
run summary shared.yaml
expect_rc "summary of the 400" 0
run diff shared.yaml shared.yaml
expect_rc "diff of the 400 with themselves, each aliased pair compared once" 0
check "all the same" test "$(grep -c ' same$' "$OUT")" -eq 400
sed 's/\*l0, \*l0\]/*l0, [2]]/' shared.asl.yaml >shared2.asl.yaml
sed 's/shared\.asl\.yaml/shared2.asl.yaml/' shared.yaml >shared2.yaml
run diff -f json shared.yaml shared2.yaml
expect_rc "diff with the last item of the anchored list l1 changed" 0
expect_json "each machine has the change at every path the alias puts it" "$OUT" \
  'all(sorted(c["field"] for c in m["changes"] if c["state"] == "A") == sorted(["Parameters.l1[99]"] + ["Parameters.l2[%d][99]" % i for i in range(340)]) for m in d["machines"]) and len(d["machines"]) == 400' true

# --- --limit refuses what it cannot mean ---------------------------------------------------------------
for bad in "states=0" "states=-1" "states=1K" "input-size=1X" "input-size=99999999999999999999" \
           "input-size=20000000000G" "nothing=1" "states" "=5"; do
  run list --limit "$bad" small.asl.json
  expect_rc "--limit $bad is a usage error" 2
  expect_err "--limit $bad says what --limit takes" "^sfnviz: --limit "
done
for cmd in render list check summary diff; do
  check "$cmd --help lists the limits" bash -c "'$BIN' $cmd --help | grep -q 'alias-size=64M'"
done

finish
