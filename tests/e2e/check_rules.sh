#!/usr/bin/env bash
# check_rules.sh: one small file per rule of `sfnviz check` (tests/check/rules/RULE-ID.*), each ending in
# `# expect LINE:COL SEVERITY RULE` lines that name every finding sfnviz must give for it, and no others.
# Every rule of `sfnviz check --list-rules` has its file, and that file shows the rule at least once.
source "$(dirname "$0")/lib.sh"

RULES=$TESTS/check/rules

# findings FILE: "LINE:COL SEVERITY RULE" of each finding for FILE, sorted (the file named relative, so the
# text reads as in the expectations).
findings() {
  (cd "$RULES" && timeout "$(limit 20)" "$BIN" check "$1" 2>/dev/null) |
    sed -E 's/^[^:]+:([0-9]+:[0-9]+): (error|warning|note): .* \[([a-z0-9-]+)\]$/\1 \2 \3/' | sort
}

n=0
for f in "$RULES"/*; do
  base=$(basename "$f")
  want=$(sed -n 's/^# expect //p' "$f" | sort)
  got=$(findings "$base")
  n=$((n + 1))
  if [[ -n $want && $got == "$want" ]]; then
    pass
  else
    fail "$base: findings differ from its # expect lines:"$'\n'"$(diff <(echo "$want") <(echo "$got"))"
  fi
  # The exit status follows the findings: 1 with an error, else 0; --strict counts warnings too.
  (cd "$RULES" && timeout "$(limit 20)" "$BIN" check "$base" >/dev/null 2>&1)
  rc=$?
  if grep -q ' error ' <<<"$want"; then want_rc=1; else want_rc=0; fi
  check "$base: exit $want_rc (got $rc)" test "$rc" = "$want_rc"
  (cd "$RULES" && timeout "$(limit 20)" "$BIN" check --strict "$base" >/dev/null 2>&1)
  check "$base: --strict exits 1 on any finding" test $? = 1
done

# Every rule has its file, and the file shows it.
run check --list-rules
expect_rc "check --list-rules" 0
while read -r id severity _; do
  file=$(ls "$RULES/$id".* 2>/dev/null | head -n 1)
  if [[ -z $file ]]; then
    fail "rule $id has no file in tests/check/rules"
    continue
  fi
  if grep -Eq "^# expect [0-9]+:[0-9]+ $severity $id\$" "$file"; then pass; else fail "$(basename "$file") never shows $id as $severity"; fi
  # --ignore turns it off.
  (cd "$RULES" && timeout "$(limit 20)" "$BIN" check --ignore "$id" "$(basename "$file")" 2>/dev/null) >"$WORK/ignored"
  if grep -q "\[$id\]\$" "$WORK/ignored"; then fail "--ignore $id still reports it"; else pass; fi
done <"$OUT"
if (($(wc -l <"$OUT") >= 50)); then pass; else fail "only $(wc -l <"$OUT") rules listed"; fi
if ((n >= 50)); then pass; else fail "only $n rule files"; fi

# docs/rules.md has one row per rule, with its severity.
while read -r id severity _; do
  if grep -Eq "^\| \`$id\` \| $severity \|" "$REPO/docs/rules.md"; then pass; else fail "docs/rules.md has no row for $id ($severity)"; fi
done <"$OUT"

run check --ignore no-such-rule "$RULES/type-missing.asl.yaml"
expect_rc "an unknown --ignore rule is a usage error" 2
expect_err "it says which" "unknown rule 'no-such-rule'"

finish
