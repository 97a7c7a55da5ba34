# bash completion for sfnviz (installed as share/bash-completion/completions/sfnviz).
# The commands and options are those of `sfnviz COMMAND --help`; tests/e2e/manual.sh checks they agree.
_sfnviz()
{
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "render list summary check diff themes help --help --version -V" -- "$cur"))
        return
    fi
    case $prev in
    -f|--format)
        if [ "$cmd" = list ]; then COMPREPLY=($(compgen -W "text json" -- "$cur"))
        elif [ "$cmd" = check ]; then COMPREPLY=($(compgen -W "text json github sarif" -- "$cur"))
        elif [ "$cmd" = summary ]; then COMPREPLY=($(compgen -W "text markdown json" -- "$cur"))
        elif [ "$cmd" = diff ]; then COMPREPLY=($(compgen -W "text markdown json svg png pdf dot" -- "$cur"))
        else COMPREPLY=($(compgen -W "svg png pdf dot json mermaid markdown" -- "$cur")); fi
        return ;;
    --detail) COMPREPLY=($(compgen -W "auto full compact collapsed" -- "$cur")); return ;;
    --direction) COMPREPLY=($(compgen -W "TB LR" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --theme|--dark-theme)
        COMPREPLY=($(compgen -W "$(sfnviz themes 2>/dev/null | awk '{print $1}')" -- "$cur"))
        COMPREPLY+=($(compgen -f -X '!*.y*ml' -- "$cur"))
        return ;;
    --root) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --limit) COMPREPLY=($(compgen -W "input-size= alias-nodes= alias-size= substitution-size= states=" -- "$cur")); compopt -o nospace 2>/dev/null; return ;;
    --base) COMPREPLY=($(compgen -W "$(git for-each-ref --format='%(refname:short)' 2>/dev/null) HEAD" -- "$cur")); return ;;
    -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --ignore) COMPREPLY=($(compgen -W "$(sfnviz check --list-rules 2>/dev/null | awk '{print $1}')" -- "$cur")); return ;;
    -m|--machine|--dpi|--title|--width|-j|--jobs) return ;;
    esac
    local opts
    case $cmd in
    render) opts="-f --format -o --output -m --machine --theme --dark-theme --legend --detail --direction
                  --no-title --title --dpi --check -j --jobs --root --limit --timings -h --help" ;;
    list) opts="-f --format --root --limit --timings -h --help" ;;
    check) opts="-f --format --ignore --strict --list-rules --root --limit --timings -h --help" ;;
    summary) opts="-f --format -m --machine --color --ascii --unicode --width --root --limit --timings -h --help" ;;
    diff) opts="-f --format -o --output -m --machine --base --exit-code --color --theme --dark-theme --legend --detail --direction --title --no-title --dpi --root --limit --timings -h --help" ;;
    themes) opts="-h --help" ;;
    help) COMPREPLY=($(compgen -W "render list summary check diff themes help" -- "$cur")); return ;;
    *) return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _sfnviz sfnviz
