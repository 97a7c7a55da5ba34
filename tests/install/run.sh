#!/usr/bin/env bash
# `cmake --install` into a temporary prefix gives what a C user expects, and the embedding example
# (samples/embed) builds against it both ways: with pkg-config and with CMake's find_package(sfnviz).
# Usage: run.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log" >&2; fail "cmake --install"; }
libdir=$(cd "$prefix" && ls -d lib*/pkgconfig | head -1 | xargs dirname)
for f in bin/sfnviz include/sfnviz.h include/sfnviz_version.h "$libdir/libsfnviz.a" "$libdir/libsfnviz.so" \
         "$libdir/sfnviz/libsfnviz-draw.so" \
         "$libdir/pkgconfig/sfnviz.pc" "$libdir/cmake/sfnviz/sfnvizConfig.cmake" \
         "$libdir/cmake/sfnviz/sfnvizConfigVersion.cmake" share/man/man1/sfnviz.1 \
         share/bash-completion/completions/sfnviz share/zsh/site-functions/_sfnviz \
         share/sfnviz/themes/default.yaml; do
    [ -e "$prefix/$f" ] || fail "cmake --install did not install $f"
done
version=$("$prefix/bin/sfnviz" --version | awk '{print $2}')
grep -q "\"$version\"" "$prefix/include/sfnviz_version.h" || fail "sfnviz_version.h is not version $version"
grep -q "^Version: $version\$" "$prefix/$libdir/pkgconfig/sfnviz.pc" || fail "sfnviz.pc is not version $version"
grep -q "sfnviz $version" "$prefix/share/man/man1/sfnviz.1" || fail "the man page is not version $version"
# The man page renders without a warning from groff.
if command -v groff >/dev/null; then
    warnings=$(groff -man -Tutf8 -ww -z "$prefix/share/man/man1/sfnviz.1" 2>&1)
    [ -z "$warnings" ] || fail "groff warns about sfnviz.1: $warnings"
fi
# The shared library exports the public API and nothing else.
others=$(nm -D --defined-only "$prefix/$libdir/libsfnviz.so" | awk '$2 ~ /[TDBR]/ && $3 !~ /^sfnviz_/' | head -3)
[ -z "$others" ] || fail "libsfnviz.so exports more than sfnviz_*: $others"
# The drawing module exports its entry point alone; the library and the program do not link what it draws
# with (they load the module when they draw: src/export/draw.h).
module=$prefix/$libdir/sfnviz/libsfnviz-draw.so
others=$(nm -D --defined-only "$module" | awk '$2 ~ /[TDBR]/ && $3 != "sfnviz_draw_module"' | head -3)
[ -z "$others" ] || fail "libsfnviz-draw.so exports more than its entry point: $others"
readelf -d "$module" | grep -q BIND_NOW ||
    fail "libsfnviz-draw.so is not linked with -z now (a missing symbol would crash a drawing, not fail dlopen)"
for f in "$prefix/$libdir/libsfnviz.so" "$prefix/bin/sfnviz"; do
    needed=$(objdump -p "$f" | awk '$1 == "NEEDED" && $2 ~ /gvc|cgraph|cairo|pango|png/ {print $2}')
    [ -z "$needed" ] || fail "$(basename "$f") links the drawing libraries: $needed"
done
echo "ok: libsfnviz.so and sfnviz link no drawing library; the module exports its entry point only"

# The installed program draws with the module installed beside it, not the build tree's.
LD_DEBUG=files "$prefix/bin/sfnviz" render "$src/samples/hello/template.yml" -f svg >"$tmp/hello.svg" \
    2>"$tmp/ld.log" || fail "the installed sfnviz cannot render -f svg: $(grep -v '^ *[0-9]*:' "$tmp/ld.log")"
grep -q '<svg' "$tmp/hello.svg" || fail "the installed sfnviz wrote no SVG"
grep -q "file=$module .*dynamically loaded" "$tmp/ld.log" ||
    fail "the installed sfnviz did not load $module: $(grep -o 'file=[^ ]*sfnviz-draw[^ ]*' "$tmp/ld.log" | head -1)"
echo "ok: the installed sfnviz renders SVG with <prefix>/$libdir/sfnviz/libsfnviz-draw.so"

# A theme installed beside the program is found by name.
sed 's/^description:.*/description: installed/' "$prefix/share/sfnviz/themes/dark.yaml" \
    >"$prefix/share/sfnviz/themes/installed-dark.yaml"
XDG_DATA_HOME=$tmp/none "$prefix/bin/sfnviz" render "$src/samples/hello/template.yml" --theme installed-dark \
    -f svg >"$tmp/themed.svg" || fail "--theme NAME of a theme in <prefix>/share/sfnviz/themes"
echo "ok: a theme in <prefix>/share/sfnviz/themes is found by name"

input=$src/tests/golden/parallel-nested.asl.json
expected=$(cd "$src/tests" && "$build/tests/list_states" golden/parallel-nested.asl.json)
check_example() { # how, binary
    local out
    out=$(cd "$src/tests" && LD_LIBRARY_PATH="$prefix/$libdir" "$2" golden/parallel-nested.asl.json) ||
        fail "the example built with $1 failed"
    [ "$out" = "$expected" ] || fail "the example built with $1 prints something else"
    echo "ok: the example built with $1 lists the states of $(basename "$input")"
}

# pkg-config, shared and static.
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
cc -std=c11 -Wall -Wextra -Werror "$src/samples/embed/list_states.c" $(pkg-config --cflags --libs sfnviz) \
   -o "$tmp/list_pc" || fail "cc with pkg-config --cflags --libs sfnviz"
check_example "pkg-config" "$tmp/list_pc"
# Static: the archive by path (-lsfnviz would pick the shared one), its dependencies from Libs.private.
cc -std=c11 "$src/samples/embed/list_states.c" $(pkg-config --cflags sfnviz) "$prefix/$libdir/libsfnviz.a" \
   $(pkg-config --libs --static sfnviz | sed 's/-lsfnviz//') -o "$tmp/list_pc_static" ||
    fail "cc with pkg-config --libs --static sfnviz"
ldd "$tmp/list_pc_static" | grep -q libsfnviz && fail "the static build still needs libsfnviz.so"
check_example "pkg-config --static" "$tmp/list_pc_static"

# An embedder that draws: through libsfnviz.so, which loads <libdir>/sfnviz/libsfnviz-draw.so beside itself;
# statically, with the drawing linked in and no module at all (SFNVIZ_DRAW_MODULE pointing nowhere).
cc -std=c11 -Wall -Wextra -Werror "$src/tests/install/draw_svg.c" $(pkg-config --cflags --libs sfnviz) \
   -o "$tmp/draw_pc" || fail "cc draw_svg.c with pkg-config --cflags --libs sfnviz"
LD_LIBRARY_PATH="$prefix/$libdir" LD_DEBUG=files "$tmp/draw_pc" "$src/samples/hello/template.yml" \
    >"$tmp/embed.svg" 2>"$tmp/ld.log" || fail "draw_svg with libsfnviz.so: $(grep -v '^ *[0-9]*:' "$tmp/ld.log")"
grep -q '<svg' "$tmp/embed.svg" || fail "draw_svg with libsfnviz.so wrote no SVG"
grep -q "file=$module .*dynamically loaded" "$tmp/ld.log" || fail "libsfnviz.so did not load $module"
cc -std=c11 "$src/tests/install/draw_svg.c" $(pkg-config --cflags sfnviz) "$prefix/$libdir/libsfnviz.a" \
   $(pkg-config --libs --static sfnviz | sed 's/-lsfnviz//') -o "$tmp/draw_static" || fail "cc draw_svg.c --static"
SFNVIZ_DRAW_MODULE=$tmp/none "$tmp/draw_static" "$src/samples/hello/template.yml" >"$tmp/static.svg" ||
    fail "draw_svg linked statically needs a module"
cmp -s "$tmp/embed.svg" "$tmp/static.svg" || fail "libsfnviz.so and libsfnviz.a draw different SVGs"
echo "ok: an embedder draws through libsfnviz.so (the module beside it) and libsfnviz.a (no module)"

# find_package(sfnviz), with the example's own CMakeLists.txt.
cmake -S "$src/samples/embed" -B "$tmp/embed" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/cmake.log" 2>&1 ||
    { cat "$tmp/cmake.log" >&2; fail "cmake -S samples/embed with find_package(sfnviz)"; }
cmake --build "$tmp/embed" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; fail "building samples/embed"; }
check_example "find_package(sfnviz)" "$tmp/embed/list_states"
echo "install: every file in place, the example builds against the installed tree"
