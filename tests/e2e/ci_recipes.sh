#!/usr/bin/env bash
# ci_recipes.sh: the CI recipes of samples/ci/ are what a user can copy. The GitHub Actions workflow is
# valid YAML with the shape GitHub reads, names only actions that exist, and its steps that run sfnviz
# do what they say on a repository of their own (run as GitHub runs them: bash -eo pipefail); the
# pre-commit hooks (.pre-commit-hooks.yaml and samples/ci/.pre-commit-config.yaml) are valid and pass or
# fail as they should. Every sfnviz command line in them uses options the program has.
source "$(dirname "$0")/lib.sh"

WORKFLOW=$REPO/samples/ci/sfnviz.yml
HOOKS=$REPO/.pre-commit-hooks.yaml
CONFIG=$REPO/samples/ci/.pre-commit-config.yaml

# recipe MODE [ARG]: reads the recipes with python3's yaml module. Modes: validate (prints each problem
# of the workflow and the hook files), env (the workflow's env as NAME=VALUE lines), script ID (the run
# script of step ID), commands (every sfnviz command line of the recipes, one per line).
recipe() {
  python3 - "$WORKFLOW" "$HOOKS" "$CONFIG" "$@" <<'PY'
import re, sys, yaml
workflow_file, hooks_file, config_file, mode = sys.argv[1:5]
arg = sys.argv[5] if len(sys.argv) > 5 else None
wf = yaml.safe_load(open(workflow_file, encoding="utf-8"))
hooks = yaml.safe_load(open(hooks_file, encoding="utf-8"))
config = yaml.safe_load(open(config_file, encoding="utf-8"))
# Actions known to exist at these versions; anything else must be added here on purpose.
KNOWN_ACTIONS = {"actions/checkout@v4", "actions/upload-artifact@v4"}
steps = [s for job in (wf.get("jobs") or {}).values() for s in job.get("steps") or []]

def problems():
    if not isinstance(wf, dict) or not wf.get("name"):
        yield "the workflow has no name"
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    if not isinstance(on, dict) or "pull_request" not in on:
        yield "the workflow does not run on pull_request"
    if not wf.get("jobs"):
        yield "the workflow has no jobs"
    for name, job in (wf.get("jobs") or {}).items():
        if job.get("runs-on") != "ubuntu-latest":
            yield "job %s does not run on ubuntu-latest" % name
        if not job.get("steps"):
            yield "job %s has no steps" % name
    for i, s in enumerate(steps):
        if ("uses" in s) == ("run" in s):
            yield "step %d has neither or both of uses and run" % i
        if "uses" in s and s["uses"] not in KNOWN_ACTIONS:
            yield "step %d uses an unknown action %s" % (i, s["uses"])
        if "${{" in s.get("run", ""):
            yield "step %s pastes an expression into its script (pass it through env:)" % s.get("id", i)
        for k in s:
            if k not in {"name", "id", "if", "uses", "with", "run", "env", "continue-on-error", "shell"}:
                yield "step %d has an unknown key %s" % (i, k)
    checkout = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    if not checkout or (checkout[0].get("with") or {}).get("fetch-depth") != 0:
        yield "the checkout does not fetch the history (fetch-depth: 0), which sfnviz diff --base needs"
    for want in ("check", "render-check", "diff"):
        if not any(s.get("id") == want for s in steps):
            yield "no step with id %s" % want
    ids = {h.get("id") for h in hooks or []}
    for want in ("sfnviz-check", "sfnviz-render-check"):
        if want not in ids:
            yield "%s defines no hook %s" % (hooks_file, want)
    for h in list(hooks or []) + [h for r in config.get("repos", []) for h in r.get("hooks", [])]:
        for key in ("id", "name", "entry", "language"):
            if key not in h:
                yield "hook %s has no %s" % (h.get("id"), key)
        if h.get("language") != "system":
            yield "hook %s is not language: system" % h.get("id")
        for key in ("files",):
            if key in h:
                re.compile(h[key])

def commands():
    texts = [s.get("run", "") for s in steps] + [h["entry"] for h in hooks] + \
            [h["entry"] for r in config.get("repos", []) for h in r.get("hooks", [])]
    for text in texts:
        for line in text.replace("\\\n", " ").splitlines():
            m = re.search(r"(?:^|[\s'(])(sfnviz (?:[a-z]+)(?: [^|;&']*)?)", line)
            if m:
                yield m.group(1).strip()

if mode == "validate":
    for p in problems():
        print(p)
elif mode == "env":
    for k, v in (wf.get("env") or {}).items():
        print("%s=%s" % (k, v))
elif mode == "script":
    print([s for s in steps if s.get("id") == arg][0]["run"])
elif mode == "commands":
    for c in commands():
        print(c)
PY
}

check "python3 reads YAML" python3 -c 'import yaml'
problems=$(recipe validate 2>&1)
check "the recipes have the shape GitHub and pre-commit read (${problems//$'\n'/; })" test -z "$problems"

# The apt packages the workflow installs are those the project's own setup installs (real package names).
# (the array as bash reads it, whatever its lines and comments)
setup_packages=$(bash -c 'eval "$(sed -n "/^packages=(/,/)/p" "$1")"; echo "${packages[*]}"' _ "$REPO/.ci/setup")
for p in $(sed -n '/apt-get install/,/^$/p' "$WORKFLOW" | tr ' \\' '\n\n' | grep -E '^(lib|build-|cmake|pkg-config|fonts-)'); do
  check "the workflow's package $p is one .ci/setup installs" grep -qw -- "$p" <<<"$setup_packages"
done

# Every option of every sfnviz command line is one `sfnviz COMMAND --help` lists.
has_diff=0
"$BIN" diff --help >/dev/null 2>&1 && has_diff=1
mapfile -t lines < <(recipe commands)
check "the recipes run sfnviz" test "${#lines[@]}" -ge 5
for line in "${lines[@]}"; do
  read -r -a words <<<"$line"
  cmd=${words[1]}
  if [[ $cmd == diff && $has_diff == 0 ]]; then
    skip "this sfnviz has no diff command: '$line' not checked"
    continue
  fi
  help=$("$BIN" "$cmd" --help 2>&1)
  check "'$line': sfnviz has the command $cmd" test -n "$help"
  for w in "${words[@]:2}"; do
    [[ $w == -* ]] || continue
    check "'$line': $cmd takes $w" grep -qE -- "(^|[ ,])${w%%=*}([ ,]|\$)" <<<"$help"
  done
done

# ---- The workflow's steps, run as GitHub runs them, in a repository of their own --------------------

mkdir -p "$WORK/bin" "$WORK/runner"
ln -s "$BIN" "$WORK/bin/sfnviz"
PATH=$WORK/bin:$PATH
export PATH
git_quiet() { git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main "$@" >/dev/null 2>&1; }
git_quiet init "$WORK/origin"
cd "$WORK/origin" || exit 1
cp "$REPO/samples/hello/template.yml" template.yaml
sfnviz render -f svg -o docs/diagrams/ template.yaml 2>/dev/null
git_quiet add -A
git_quiet commit -m first
git_quiet clone "$WORK/origin" "$WORK/repo"
cd "$WORK/repo" || exit 1

# step ID: runs the step's script with the workflow's env; its exit code in RC, its output in OUT and ERR.
step() {
  recipe script "$1" >"$WORK/step.sh"
  : >"$WORK/runner/output"
  (
    while IFS= read -r kv; do export "${kv?}"; done < <(recipe env)
    export RUNNER_TEMP=$WORK/runner GITHUB_OUTPUT=$WORK/runner/output GITHUB_EVENT_NAME=pull_request
    export BASE_REF=main
    timeout "$(limit 60)" bash --noprofile --norc -eo pipefail "$WORK/step.sh"
  ) >"$OUT" 2>"$ERR"
  RC=$?
}

step check
expect_rc "step check on a clean template" 0
step render-check
expect_rc "step render-check with current diagrams" 0

printf ' ' >>docs/diagrams/MyStateMachine.svg
step render-check
expect_rc "step render-check with a diagram changed" 1
expect_err "names it" "^sfnviz: docs/diagrams/MyStateMachine.svg is out of date$"
expect_out "and says how to bring it up to date" "^::error::Diagrams in docs/diagrams/ are out of date: run 'sfnviz render -f svg -o docs/diagrams/ template.yaml'"
git checkout -q docs

printf 'StartAt: [\n' >template.yaml
step render-check
expect_rc "step render-check with a template that does not parse" 2
check "does not call it out of date" bash -c "! grep -q 'out of date' '$OUT'"
git checkout -q template.yaml

sed -i 's/End: true/Next: Nowhere/' template.yaml
step check
expect_rc "step check on a broken template" 1
expect_out "annotates the pull request" "^::error file=template.yaml,line=[0-9]+,col=[0-9]+"

if [[ $has_diff == 1 ]]; then
  git checkout -q template.yaml
  sed -i 's/TaskTwo\b/TaskThree/g' template.yaml
  step diff
  expect_rc "step diff with a state renamed" 0
  check "says the workflow changed" grep -qx "changed=true" "$WORK/runner/output"
  check "writes the comment" test -s "$WORK/runner/sfnviz-diff.md"
  git checkout -q template.yaml
  step diff
  expect_rc "step diff with nothing changed" 0
  check "asks for no comment" test ! -s "$WORK/runner/output"
else
  skip "this sfnviz has no diff command: the diff step is not run"
fi
git checkout -q template.yaml

# ---- The pre-commit hooks ---------------------------------------------------------------------------

if ! command -v pre-commit >/dev/null; then
  skip "pre-commit is not installed: its own validation and runs of the hooks are left out"
  finish
fi
check "pre-commit accepts .pre-commit-hooks.yaml" pre-commit validate-manifest "$HOOKS"
check "pre-commit accepts samples/ci/.pre-commit-config.yaml" pre-commit validate-config "$CONFIG"
export PRE_COMMIT_HOME=$WORK/pre-commit
cp "$CONFIG" .pre-commit-config.yaml
git_quiet add .pre-commit-config.yaml
# pc ARGS...: runs pre-commit with a hang guard.
pc() {
  timeout "$(limit 60)" pre-commit "$@" >"$OUT" 2>"$ERR"
  RC=$?
}
pc run --all-files
expect_rc "the sample config's hooks on a clean repository" 0
printf ' ' >>docs/diagrams/MyStateMachine.svg
pc run --all-files
expect_rc "the sample config with a diagram changed" 1
expect_out "names it" "docs/diagrams/MyStateMachine.svg is out of date"
git checkout -q docs
if git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1 &&
   git -C "$REPO" ls-files --error-unmatch .pre-commit-hooks.yaml >/dev/null 2>&1; then
  pc try-repo "$REPO" sfnviz-check --all-files
  expect_rc "the repository's sfnviz-check hook, as pre-commit users reference it" 0
else
  skip "the sources are not a git repository with .pre-commit-hooks.yaml committed: try-repo left out"
fi

finish
