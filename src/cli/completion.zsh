#compdef sfnviz
# zsh completion for sfnviz (installed as share/zsh/site-functions/_sfnviz).
# The commands and options are those of `sfnviz COMMAND --help`; tests/e2e/manual.sh checks they agree.

_sfnviz_themes() {
    local -a themes
    themes=(${(f)"$(sfnviz themes 2>/dev/null | awk '{print $1}')"})
    _alternative 'themes:theme:compadd -a themes' 'files:theme file:_files -g "*.y(a|)ml"'
}

_sfnviz() {
    local -a commands
    commands=(
        'render:draw the state machines of templates and ASL files'
        'list:list the state machines of each file'
        'check:check state machines against the service'"'"'s rules'
        'summary:describe each state machine in words: outline, transitions, retries, resources'
        'diff:show what changed between two versions of the state machines'
        'themes:list the built-in themes'
        'help:print the usage or a command'"'"'s help'
    )
    if (( CURRENT == 2 )); then
        _describe -t commands 'sfnviz command' commands
        _arguments '(- *)'{-h,--help}'[print the usage]' '(- *)'{-V,--version}'[print the version]'
        return
    fi
    local cmd=$words[2]
    shift words; (( CURRENT-- ))
    case $cmd in
    render)
        _arguments -s \
            '(-f --format)'{-f,--format}'[output format]:format:(svg png pdf dot json mermaid markdown)' \
            '(-o --output)'{-o,--output}'[output file or DIR/]:output:_files' \
            '*'{-m,--machine}'[only this state machine]:state machine ID:' \
            '--theme[theme name or YAML file]:theme:_sfnviz_themes' \
            '--dark-theme[SVG: theme for a dark page]:theme:_sfnviz_themes' \
            '--legend[add a key of shapes and edge styles]' \
            '--detail[how much to draw]:level:(auto full compact collapsed)' \
            '--direction[layout direction]:direction:(TB LR)' \
            '(--title)--no-title[leave out the title]' \
            '(--no-title)--title[the title'"'"'s text]:title:' \
            '--dpi[PNG resolution]:dots per inch:' \
            '--check[compare with the output files, write nothing]' \
            '(-j --jobs)'{-j,--jobs}'[worker processes for several files]:workers:' \
            '--root[allow DefinitionUri files under DIR]:folder:_files -/' \
            '*--limit[raise a limit on hostile input]:limit:(input-size= alias-nodes= alias-size= substitution-size= states=)' \
            '--timings[print the time of each stage]' \
            '(- *)'{-h,--help}'[this help]' \
            '*:template or ASL file:_files' ;;
    list)
        _arguments -s \
            '(-f --format)'{-f,--format}'[output format]:format:(text json)' \
            '--root[allow DefinitionUri files under DIR]:folder:_files -/' \
            '*--limit[raise a limit on hostile input]:limit:(input-size= alias-nodes= alias-size= substitution-size= states=)' \
            '--timings[print the time of each stage]' \
            '(- *)'{-h,--help}'[this help]' \
            '*:template or ASL file:_files' ;;
    check)
        _arguments -s \
            '(-f --format)'{-f,--format}'[output format]:format:(text json github sarif)' \
            '*--ignore[turn a rule off]:rule:(${(f)"$(sfnviz check --list-rules 2>/dev/null | cut -d" " -f1)"})' \
            '--strict[warnings count as errors]' \
            '(- *)--list-rules[list the rules]' \
            '--root[allow DefinitionUri files under DIR]:folder:_files -/' \
            '*--limit[raise a limit on hostile input]:limit:(input-size= alias-nodes= alias-size= substitution-size= states=)' \
            '--timings[print the time of each stage]' \
            '(- *)'{-h,--help}'[this help]' \
            '*:template or ASL file:_files' ;;
    summary)
        _arguments -s \
            '(-f --format)'{-f,--format}'[output format]:format:(text markdown json)' \
            '*'{-m,--machine}'[only this state machine]:state machine ID:' \
            '--color[colour the text]:when:(auto always never)' \
            '(--unicode)--ascii[ASCII tree guides and signs]' \
            '(--ascii)--unicode[Unicode tree guides and signs]' \
            '--width[fit the text in N columns]:columns:' \
            '--root[allow DefinitionUri files under DIR]:folder:_files -/' \
            '*--limit[raise a limit on hostile input]:limit:(input-size= alias-nodes= alias-size= substitution-size= states=)' \
            '--timings[print the time of each stage]' \
            '(- *)'{-h,--help}'[this help]' \
            '*:template or ASL file:_files' ;;
    diff)
        _arguments -s \
            '(-f --format)'{-f,--format}'[output format]:format:(text markdown json svg png pdf dot)' \
            '(-o --output)'{-o,--output}'[output file]:output:_files' \
            '(-m --machine)'{-m,--machine}'[the machine to draw]:machine ID:' \
            '--theme[theme of the drawing]:theme:(default dark mono colourblind auto)' \
            '--dark-theme[SVG colours on a dark page]:theme:(default dark mono colourblind)' \
            '--legend[add a key of the shapes and edge styles]' \
            '--detail[how much the drawing shows]:detail:(auto full compact collapsed)' \
            '--direction[layout direction]:direction:(TB LR)' \
            '--title[the title of the drawing]:title:' \
            '--no-title[leave the title out]' \
            '--dpi[PNG resolution]:dpi:' \
            '--base[compare each FILE with its version at a git revision]:revision:(HEAD ${(f)"$(git for-each-ref --format="%(refname:short)" 2>/dev/null)"})' \
            '--exit-code[exit 1 when there are differences]' \
            '--color[colour the text]:when:(auto always never)' \
            '--root[allow DefinitionUri files under DIR]:folder:_files -/' \
            '*--limit[raise a limit on hostile input]:limit:(input-size= alias-nodes= alias-size= substitution-size= states=)' \
            '--timings[print the time of each stage]' \
            '(- *)'{-h,--help}'[this help]' \
            '*:template or ASL file:_files' ;;
    themes)
        _arguments '(- *)'{-h,--help}'[this help]' ;;
    help)
        _describe -t commands 'sfnviz command' commands ;;
    esac
}

_sfnviz "$@"
