#!/usr/bin/env bash
# options.sh: render options that change the drawing: --no-title, --dpi, --theme, --direction.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
HELLO=$REPO/samples/hello/template.yml
png_width() { python3 -c 'import struct, sys; print(struct.unpack(">I", open(sys.argv[1], "rb").read()[16:20])[0])' "$1"; }

run render "$HELLO" -f svg
expect_out "the title names the machine" "MyWorkflow"
run render "$HELLO" -f svg --no-title
expect_rc "--no-title" 0
check "--no-title leaves the name out" bash -c "! grep -q MyWorkflow '$OUT'"
expect_out "the states are still there" "TaskOne"

run render "$HELLO" -o default.png
run render "$HELLO" --dpi 220 -o sharp.png
expect_rc "--dpi 220" 0
w1=$(png_width default.png) w2=$(png_width sharp.png)
check "--dpi 220 doubles the width of the 110 dpi default ($w1 -> $w2)" test $((w2 * 10 / w1)) -ge 19 -a $((w2 * 10 / w1)) -le 21
for bad in 0 5000 abc 1e999; do
  run render "$HELLO" --dpi "$bad" -o bad.png
  expect_rc "--dpi $bad is refused" 2
done
check "no file was written for a refused --dpi" test ! -e bad.png

for theme in default dark mono colourblind; do
  run render "$HELLO" --theme "$theme" -f svg
  expect_rc "--theme $theme" 0
done
run render "$HELLO" --theme dark -f svg
expect_out "the dark theme paints a dark background" 'fill="#161d26"'
run themes
expect_out "sfnviz themes lists the four" "^default .*"
check "four themes" test "$(wc -l <"$OUT")" -eq 4

run render "$HELLO" --direction LR -f dot
expect_out "--direction LR sets rankdir" "rankdir=LR"
finish
