# manual.sh: the man page and the shell completions (src/cli/) know every command and option that
# `sfnviz COMMAND --help` lists, so none of the three drifts from the options table.
source "$(dirname "$0")/lib.sh" "$@"

MAN=$REPO/src/cli/sfnviz.1.in
BASH_COMPLETION=$REPO/src/cli/completion.bash
ZSH_COMPLETION=$REPO/src/cli/completion.zsh

# The commands of the top-level usage: `  sfnviz NAME ...` lines.
commands=$("$BIN" --help | sed -n 's/^  sfnviz \([a-z][a-z]*\).*/\1/p')
check "the usage lists commands" test -n "$commands"

# In roff a '-' is written '\-'.
in_man() { sed 's/\\-/-/g' "$MAN" | grep -q -- "$1"; }

for cmd in $commands; do
  check "man page has a section on $cmd" in_man "^\.BI\? $cmd\( \|\$\)"
  check "bash completion completes $cmd" grep -q -- "$cmd" "$BASH_COMPLETION"
  check "zsh completion completes $cmd" grep -q -- "'$cmd:" "$ZSH_COMPLETION"
  [[ $cmd == help ]] && continue
  for opt in $("$BIN" "$cmd" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    check "man page documents $cmd $opt" in_man "$opt"
    check "bash completion offers $cmd $opt" grep -q -- "$opt" "$BASH_COMPLETION"
    check "zsh completion offers $cmd $opt" grep -q -- "$opt" "$ZSH_COMPLETION"
  done
done

# Every exit status that a command's help names is in the man page's EXIT STATUS.
for code in $( { "$BIN" render --help; "$BIN" list --help; } | sed -n 's/.*Exit status: //p' |
               grep -o '\b[0-9]\b' | sort -u); do
  check "man page explains exit status $code" in_man "^\.B $code\$"
done

# The completions load in their shells and complete a command and an option.
check "bash completion completes 'sfnviz re' to render" \
  bash -c "source '$BASH_COMPLETION'; COMP_WORDS=(sfnviz re); COMP_CWORD=1; _sfnviz; [[ \${COMPREPLY[*]} == render ]]"
check "bash completion completes 'sfnviz render --det' to --detail" \
  bash -c "source '$BASH_COMPLETION'; COMP_WORDS=(sfnviz render --det); COMP_CWORD=2; _sfnviz; [[ \${COMPREPLY[*]} == --detail ]]"
if command -v zsh >/dev/null; then
  check "zsh completion parses" zsh -n "$ZSH_COMPLETION"
else
  skip "zsh is not installed: the zsh completion is not parsed"
fi
check "the man page renders" bash -c "groff -man -Tutf8 -ww -z '$MAN' 2>&1 | (! grep -q .)"

finish
