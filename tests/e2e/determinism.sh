#!/usr/bin/env bash
# determinism.sh: the same input and options give the same bytes, in every format, whatever the order of
# the files and the number of workers; and `render --check` holds a folder of outputs to that: exit 0 when
# every file is current, 1 naming each one out of date or missing, and it never writes.
source "$(dirname "$0")/lib.sh"
cd "$REPO" || exit 1 # titles name the file relative to the working folder: the same one for every run

mapfile -t FILES < <(ls samples/*/template.yml samples/*/*.asl.yaml tests/golden/*.json tests/golden/*.yaml)
check "there are inputs" test "${#FILES[@]}" -gt 10
REVERSED=()
for ((i = ${#FILES[@]} - 1; i >= 0; i--)); do REVERSED+=("${FILES[i]}"); done

# batch OUT_DIR JOBS FORMAT [OPTION...] -- FILE...: one batch render, its exit code in RC.
batch() {
  local dir=$1 jobs=$2 fmt=$3
  shift 3
  local opts=()
  while [[ $1 != -- ]]; do opts+=("$1"); shift; done
  shift
  timeout "$(limit 120)" "$BIN" render -f "$fmt" -o "$dir/" -j "$jobs" "${opts[@]}" "$@" >"$OUT" 2>"$ERR"
  # shellcheck disable=SC2034 # read by expect_rc
  RC=$?
}

# same_tree WHAT A B: the two folders hold the same files with the same bytes, and some files.
same_tree() {
  local n diffs
  n=$(find "$2" -type f | wc -l)
  diffs=$(diff -rq "$2" "$3" 2>&1 | head -5)
  if ((n > 0)) && [[ -z $diffs ]]; then pass; else fail "$1: $n files; $(tr '\n' ' ' <<<"$diffs")"; fi
}

# The samples and golden inputs in every format (and a few options that change the drawing), once in
# order with one worker (one process draws them all, one after another) and once in reverse order with two,
# glibc filling fresh memory with junk.
variants=("json" "dot" "svg" "png" "pdf" "svg --theme auto --legend" "png --theme dark --dpi 72"
          "pdf --direction LR --legend")
for fmt in mermaid markdown; do # the text formats of a newer sfnviz, when this one has them
  run render samples/hello/template.yml -f "$fmt"
  [[ $RC == 0 ]] && variants+=("$fmt")
done
for v in "${variants[@]}"; do
  read -r fmt opts <<<"$v"
  name=${v// /_}
  # shellcheck disable=SC2086 # the options are words
  batch "$WORK/a/$name" 1 "$fmt" $opts -- "${FILES[@]}"
  expect_rc "$v: the first run" 0
  # shellcheck disable=SC2086 # MALLOC_PERTURB_: memory read before it is written would show as other bytes
  MALLOC_PERTURB_=165 batch "$WORK/b/$name" 2 "$fmt" $opts -- "${REVERSED[@]}"
  expect_rc "$v: the second run, files reversed, -j 2" 0
  same_tree "$v: -j 1 in order and -j 2 reversed give the same bytes" "$WORK/a/$name" "$WORK/b/$name"
done

# A file rendered alone is the same as in a batch.
for f in samples/order-processing/template.yml samples/approval-jsonata/access-request.asl.yaml; do
  stem=${f%.*}
  for fmt in svg png pdf; do
    run render "$f" -f "$fmt" -o "$WORK/alone/$stem/$fmt/"
    expect_rc "$f alone as $fmt" 0
    for out in "$WORK/alone/$stem/$fmt"/*; do
      check "$f alone as $fmt is its batch's bytes" cmp -s "$out" "$WORK/a/$fmt/$stem/$(basename "$out")"
    done
  done
done

# The corpus: many more shapes of workflow (some files are broken on purpose: they fail alike).
if [[ $INSTRUMENTED == 1 ]]; then
  skip "an instrumented build: the corpus is left to the plain one"
else
  mapfile -t CORPUS_FILES < <(find tests/corpus -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) | sort)
  mapfile -t CORPUS_REVERSED < <(printf '%s\n' "${CORPUS_FILES[@]}" | sort -r)
  for fmt in json dot svg; do
    batch "$WORK/ca/$fmt" 1 "$fmt" -- "${CORPUS_FILES[@]}"
    expect_no_crash "corpus as $fmt"
    batch "$WORK/cb/$fmt" 2 "$fmt" -- "${CORPUS_REVERSED[@]}"
    expect_no_crash "corpus as $fmt, reversed, -j 2"
    same_tree "corpus as $fmt: the same bytes both ways" "$WORK/ca/$fmt" "$WORK/cb/$fmt"
  done
fi

# ---- What made runs differ ------------------------------------------------------------------------

pdf=$WORK/a/pdf/samples/hello/template/MyStateMachine.pdf
check "a PDF carries no creation date by default" bash -c "! grep -aq CreationDate '$pdf'"
SOURCE_DATE_EPOCH=1700000000 run render samples/hello/template.yml -o "$WORK/dated1.pdf"
sleep 1
SOURCE_DATE_EPOCH=1700000000 run render samples/hello/template.yml -o "$WORK/dated2.pdf"
check "with SOURCE_DATE_EPOCH, that date (UTC)" grep -aq '/CreationDate (\(D:\)\?20231114221320Z' "$WORK/dated1.pdf"
check "with SOURCE_DATE_EPOCH, still the same bytes a second later" cmp -s "$WORK/dated1.pdf" "$WORK/dated2.pdf"
SOURCE_DATE_EPOCH=soon run render samples/hello/template.yml -o "$WORK/undated.pdf"
check "a SOURCE_DATE_EPOCH that is no number: no date" cmp -s "$WORK/undated.pdf" "$pdf"
# shellcheck disable=SC2016
check "a PNG has no tIME chunk" python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read()
at, kinds = 8, []
while at < len(d):
    n, kind = struct.unpack(">I4s", d[at:at + 8])
    kinds.append(kind)
    at += 12 + n
sys.exit(0 if kinds[-1] == b"IEND" and b"tIME" not in kinds else 1)' "$WORK/a/png/samples/hello/template/MyStateMachine.png"

# ---- render --check -------------------------------------------------------------------------------

# snapshot DIR: every file's name, size and modification time.
snapshot() { find "$1" -printf '%p %s %T@\n' | sort; }

for v in "${variants[@]}"; do
  read -r fmt opts <<<"$v"
  name=${v// /_}
  before=$(snapshot "$WORK/a/$name")
  # shellcheck disable=SC2086
  batch "$WORK/a/$name" 2 "$fmt" --check $opts -- "${REVERSED[@]}"
  expect_rc "$v: --check against the first run" 0
  expect_err "$v: --check sums up" "^sfnviz: ${#FILES[@]} files checked against .*: ${#FILES[@]} current, 0 out of date, 0 failed$"
  check "$v: --check writes nothing" test "$before" = "$(snapshot "$WORK/a/$name")"
done

dir=$WORK/a/svg
svg=$dir/samples/hello/template/MyStateMachine.svg
touch -d '2001-01-01' "$svg"
batch "$dir" 2 svg --check -- "${FILES[@]}"
expect_rc "--check compares bytes, not times: a touched file is current" 0
printf ' ' >>"$svg"
batch "$dir" 2 svg --check -- "${FILES[@]}"
expect_rc "--check with one file changed" 1
expect_err "names it" "^sfnviz: $dir/samples/hello/template/MyStateMachine.svg is out of date$"
check "and no other" test "$(grep -c 'out of date$' "$ERR")" = 1
expect_err "sums up" "[0-9]+ current, 1 out of date, 0 failed$"
check "and leaves it as it was" bash -c "tail -c 1 '$svg' | grep -q ' '"
head -c 100 "$WORK/b/svg/samples/hello/template/MyStateMachine.svg" >"$svg"
batch "$dir" 2 svg --check -- "${FILES[@]}"
expect_rc "--check with one file cut short" 1
expect_err "names it" "MyStateMachine.svg is out of date$"
rm "$svg"
batch "$dir" 1 svg --check -- "${FILES[@]}"
expect_rc "--check with one file missing" 1
expect_err "names it" "^sfnviz: $dir/samples/hello/template/MyStateMachine.svg does not exist$"
check "and does not write it" test ! -e "$svg"
cp "$WORK/b/svg/samples/hello/template/MyStateMachine.svg" "$svg"
batch "$dir" 2 svg --check -- "${FILES[@]}"
expect_rc "--check once it is back" 0

batch "$WORK/nothing" 2 svg --check -- "${FILES[@]}"
expect_rc "--check against a folder that does not exist" 1
check "names every file" test "$(grep -c 'does not exist$' "$ERR")" -ge "${#FILES[@]}"
check "and creates no folder" test ! -e "$WORK/nothing"
batch "$dir" 2 png --check -- "${FILES[@]}"
expect_rc "--check of PNGs against a folder of SVGs" 1

printf 'StartAt: [\n' >"$WORK/broken.asl.yaml"
batch "$dir" 2 svg --check -- "${FILES[@]}" "$WORK/broken.asl.yaml"
expect_rc "--check with a file that does not parse" 2
expect_err "says where" "broken.asl.yaml:[0-9]+:[0-9]+: error:"
expect_err "and counts it as failed" "[0-9]+ current, 0 out of date, 1 failed$"

# One file, one output.
run render samples/order-processing/template.yml -o "$WORK/one.png"
expect_rc "one PNG" 0
run render samples/order-processing/template.yml -o "$WORK/one.png" --check
expect_rc "--check of one PNG" 0
expect_empty "says nothing when it is current" "$ERR"
run render samples/order-processing/template.yml -o "$WORK/one.png" --check --dpi 72
expect_rc "--check of the PNG at another resolution" 1
expect_err "names it" "^sfnviz: $WORK/one.png is out of date$"
run render samples/order-processing/template.yml -o "$WORK/none.pdf" --check
expect_rc "--check of one file that is not there" 1
expect_err "says so" "^sfnviz: $WORK/none.pdf does not exist$"
check "and does not write it" test ! -e "$WORK/none.pdf"

# Several files as one JSON document.
run render -f json -o "$WORK/all.json" "${FILES[@]}"
expect_rc "one JSON document of every file" 0
run render -f json -o "$WORK/all.json" --check "${FILES[@]}"
expect_rc "--check of it, files in the same order" 0
run render -f json -o "$WORK/all.json" --check "${REVERSED[@]}"
expect_rc "--check of it, files in another order (the document lists them in order)" 1

run render samples/hello/template.yml --check
expect_rc "--check with nothing to compare with" 2
expect_err "says what it needs" "--check compares with files: give -o FILE or -o DIR/"
run render samples/hello/template.yml -o "$WORK/x/" -j 0
expect_rc "-j 0" 2
expect_err "is refused" "-j takes a number of workers from 1 to 256, not '0'"
check "and nothing is drawn" test ! -e "$WORK/x"

finish
