#!/usr/bin/env bash
# drawing_module.sh: the program loads Graphviz, its plugins, cairo, pango and libpng only when it draws
# (src/export/draw.h): --version, help, list, themes and render -f json never map them, every drawing
# format does, through libsfnviz-draw.so; a batch loads it once, before its workers fork; and a missing or
# broken module is one clear error (exit 2) for the formats that draw, nothing for the others.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
HELLO=$REPO/samples/hello/template.yml
ORDER=$REPO/samples/order-processing/template.yml
DRAWING='file=[^ ]*(libgvc|libcgraph|libgvplugin|libcairo|libpango|libpng|libsfnviz-draw)'

# mapped WHAT: the files the dynamic loader mapped in the last run (LD_DEBUG=files writes them to stderr).
drawing_mapped() { grep -Eo "$DRAWING[^ ]*" "$ERR" | sort -u | tr '\n' ' '; }

# reads_only WHAT ARGS...: sfnviz ARGS succeeds without mapping any drawing library.
reads_only() {
  local what=$1
  shift
  LD_DEBUG=files run "$@"
  expect_rc "$what" 0
  if grep -Eq "$DRAWING" "$ERR"; then fail "$what maps drawing libraries: $(drawing_mapped)"; else pass; fi
}
reads_only "--version" --version
reads_only "help" help
reads_only "render --help" render --help
reads_only "list" list "$HELLO"
reads_only "list --format json" list --format json "$HELLO" "$ORDER"
reads_only "themes" themes
reads_only "render -f json" render -f json "$HELLO"
reads_only "render -f json of several files" render -f json "$HELLO" "$ORDER"
reads_only "render -o FILE.json" render "$HELLO" -o "$WORK/hello.json"

# draws FORMAT CHECK: render -f FORMAT works and maps Graphviz, cairo and the module.
for fmt in svg png pdf dot; do
  LD_DEBUG=files run render -f "$fmt" -o "$WORK/hello.$fmt" "$HELLO"
  expect_rc "render -f $fmt" 0
  for lib in libsfnviz-draw.so libgvc.so libcairo.so; do
    if grep -q "file=[^ ]*$lib" "$ERR"; then pass; else fail "render -f $fmt does not map $lib"; fi
  done
done
check "the SVG is one" is_svg "$WORK/hello.svg"
check "the PNG is one" is_png "$WORK/hello.png"
check "the PDF is one" is_pdf "$WORK/hello.pdf"
check "the DOT is accepted by Graphviz" dot_ok "$WORK/hello.dot"
run render -f svg --timings "$HELLO"
check "the module's stages reach --timings" \
  grep -Eq 'layout [0-9]*\.[0-9]*[1-9][0-9]* ms' "$ERR"

# A batch loads the module once, in the process that forks the workers (one PID maps it).
LD_DEBUG=files run render -f svg -o "$WORK/batch/" "$HELLO" "$ORDER"
expect_rc "a batch of two files" 0
pids=$(grep 'file=[^ ]*libgvc.so' "$ERR" | grep -o '^ *[0-9]*' | sort -u | wc -l)
check "a batch maps Graphviz in one process, not in each worker ($pids)" test "$pids" = 1
check "the batch drew both files" test "$(find "$WORK/batch" -name '*.svg' | wc -l)" -ge 2

# SFNVIZ_DRAW_MODULE naming nothing: drawing formats fail with the reason, JSON does not care.
SFNVIZ_DRAW_MODULE=$WORK/nowhere.so run render -f svg "$HELLO"
expect_rc "render -f svg without its module" 2
expect_err "says which module is missing" \
  "^sfnviz: error: cannot draw svg: the drawing module $WORK/nowhere.so \(SFNVIZ_DRAW_MODULE\) was not found$"
expect_empty "and writes no SVG" "$OUT"
SFNVIZ_DRAW_MODULE=$WORK/nowhere.so run render -f json "$HELLO"
expect_rc "render -f json needs no module" 0
SFNVIZ_DRAW_MODULE=$WORK/nowhere.so run render -f png -o "$WORK/none/" "$HELLO" "$ORDER"
expect_rc "a batch without its module" 2
check "says so once, not once per file" test "$(grep -c 'cannot draw' "$ERR")" = 1
check "and starts no worker" test ! -e "$WORK/none"

# A copy of the program in a folder without the module: the places it looked in are named.
mkdir -p "$WORK/lone/bin"
cp "$BIN" "$WORK/lone/bin/sfnviz"
LONE=$WORK/lone/bin/sfnviz
timeout "$(limit 20)" "$LONE" render -f svg "$HELLO" >"$OUT" 2>"$ERR"
RC=$?
expect_rc "a lone copy of the program draws nothing" 2
expect_err "and says where it looked" \
  "cannot draw svg: the drawing module libsfnviz-draw.so was not found \(looked in $WORK/lone/bin, $WORK/lone/lib[^,]*/sfnviz, "
timeout "$(limit 20)" "$LONE" list "$HELLO" >"$OUT" 2>"$ERR"
RC=$?
expect_rc "a lone copy still lists" 0

# A module that is not one: a file that does not load, then a shared object without the entry point.
echo "not an ELF file" >"$WORK/lone/bin/libsfnviz-draw.so"
timeout "$(limit 20)" "$LONE" render -f dot "$HELLO" >"$OUT" 2>"$ERR"
RC=$?
expect_rc "a broken module" 2
expect_err "is named as one that cannot be loaded" \
  "cannot draw dot: the drawing module $WORK/lone/bin/libsfnviz-draw.so cannot be loaded: "
yaml=$(ldd "$BIN" | awk '/libyaml/ {print $3}')
if [[ -f $yaml ]]; then
  cp "$yaml" "$WORK/lone/bin/libsfnviz-draw.so"
  timeout "$(limit 20)" "$LONE" render -f svg "$HELLO" >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc "a shared object that is no module" 2
  expect_err "is refused by its missing entry point" "is not a drawing module of sfnviz \(no sfnviz_draw_module\)"
else
  skip "no libyaml found by ldd to stand in for a module"
fi

finish
