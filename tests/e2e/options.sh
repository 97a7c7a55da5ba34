#!/usr/bin/env bash
# options.sh: render options that change the drawing: --no-title, --dpi, --theme, --dark-theme, --legend,
# --direction.
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
check "four themes and auto" test "$(wc -l <"$OUT")" -eq 5
expect_out "auto is listed last" "^auto +default, and in SVG dark"

# --legend: a node of its own keying only what the diagram uses, before the Start marker.
ORDER=$REPO/samples/order-processing/template.yml
run render "$HELLO" -f svg
check "no legend unless asked" bash -c "! grep -q 'class=\"node legend\"' '$OUT'"
run render "$HELLO" -f svg --legend
expect_rc "--legend" 0
expect_empty "--legend draws without Graphviz warnings" "$ERR"
expect_out "the legend is a node" 'class="node legend"'
legend() { sed -n '/class="node legend"/,/<\/g>/p' "$OUT"; }
check "hello's legend keys Task, next and retry" bash -c "$(declare -f legend); OUT='$OUT'; legend | grep -q '>Task<' && legend | grep -q '>next<' && legend | grep -q '>retry '"
check "hello's legend leaves out what hello does not use" bash -c "$(declare -f legend); OUT='$OUT'; ! legend | grep -Eq '>(Choice|Fail|Map|catch)'"
run render "$ORDER" -f svg --legend
check "order-processing's legend keys Choice, Parallel, catch, default" bash -c "$(declare -f legend); OUT='$OUT'; legend | grep -q '>Choice<' && legend | grep -q '>Parallel<' && legend | grep -q '>catch: ' && legend | grep -q '>Choice default<'"
run render "$ORDER" -f dot --legend
expect_out "the legend sits before Start (an invisible edge)" 'legend0 -> start0.*style=invis'
run render "$ORDER" -f png --legend --theme mono -o legend.png
expect_rc "--legend in PNG with a theme" 0
expect_empty "no Graphviz warnings in PNG" "$ERR"

# --dark-theme and --theme auto: an SVG whose colours follow the page's scheme; SVG only.
run render "$HELLO" -f svg
check "a plain SVG has no colour-scheme style" bash -c "! grep -q prefers-color-scheme '$OUT'"
run render "$HELLO" -f svg --theme auto
expect_rc "--theme auto" 0
expect_out "--theme auto styles the SVG for dark pages" "@media \(prefers-color-scheme: dark\)"
expect_out "the page turns dark" '\[fill="#ffffff"\] \{ fill: #161d26 \}'
check "the SVG stays well-formed" xmllint --noout "$OUT"
run render "$HELLO" -f svg --theme mono --dark-theme colourblind
expect_rc "--dark-theme with another light theme" 0
expect_out "--dark-theme styles the SVG" "prefers-color-scheme"
run render "$HELLO" -f png --theme auto -o auto.png
expect_rc "--theme auto in PNG draws the light theme" 0
run render "$HELLO" -f png --dark-theme dark -o dark.png
expect_rc "--dark-theme in PNG is refused" 2
expect_err "and says it is for SVG" "dark-theme applies to SVG only"
check "no PNG written" test ! -e dark.png
run render "$HELLO" -f svg --dark-theme no-such-theme
expect_rc "an unknown --dark-theme is refused" 2
expect_err "naming it" "no-such-theme"

# --timings: the time of each stage on stderr, for the benchmark; list takes it, themes does not.
run render "$HELLO" -f svg --timings
expect_rc "--timings" 0
expect_err "--timings names the seven stages" "^sfnviz: timings: read [0-9.]+ ms · model [0-9.]+ ms · check [0-9.]+ ms · graph [0-9.]+ ms · layout [0-9.]+ ms · render [0-9.]+ ms · free [0-9.]+ ms$"
expect_out "and the SVG is still written" "</svg>"
run list "$HELLO" --timings
expect_err "list --timings" "^sfnviz: timings: read"
run themes --timings
expect_rc "themes refuses --timings" 2

run render "$HELLO" --direction LR -f dot
expect_out "--direction LR sets rankdir" "rankdir=LR"
finish
