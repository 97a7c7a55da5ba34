#!/usr/bin/env bash
# gallery.sh: draws the README's gallery, docs/gallery/<sample>.png (default theme) and
# docs/gallery/<sample>-dark.png (dark theme), from the samples, and the drawn diff of samples/review/. The README shows each pair in a <picture>,
# so GitHub picks the one for the reader's light or dark view.
#
#   bash docs/gallery.sh [PATH/TO/sfnviz] [OUT_DIR]
#
# Defaults: build/sfnviz, docs/gallery. Run from anywhere; paths in the diagrams' titles are relative to
# the repository. tests/e2e/gallery.sh draws the gallery again into a temporary folder and fails when a
# committed image differs: after a change to the drawing, run `cmake --build build --target gallery` and
# commit the images.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(realpath "${1:-$REPO/build/sfnviz}")
OUT=$(mkdir -p "${2:-$REPO/docs/gallery}" && cd "${2:-$REPO/docs/gallery}" && pwd)
cd "$REPO"

# name | input | extra options
GALLERY=(
  "order-processing|samples/order-processing/template.yml|--legend"
  "image-batch|samples/image-batch/template.yml|"
  "approval-jsonata|samples/approval-jsonata/access-request.asl.yaml|"
  "cloudformation|samples/cloudformation/template.yml|"
  "hello|samples/hello/template.yml|"
)

for entry in "${GALLERY[@]}"; do
  IFS='|' read -r name input extra <<<"$entry"
  # shellcheck disable=SC2086 # extra holds whole options
  "$BIN" render "$input" -f png $extra -o "$OUT/$name.png"
  # shellcheck disable=SC2086
  "$BIN" render "$input" -f png --theme dark $extra -o "$OUT/$name-dark.png"
done
# The drawn diff of a change to review (samples/review/): before and after.
"$BIN" diff samples/review/before.asl.json samples/review/after.asl.json -f png -o "$OUT/review-diff.png"
"$BIN" diff samples/review/before.asl.json samples/review/after.asl.json -f png --theme dark -o "$OUT/review-diff-dark.png"
echo "gallery: $((${#GALLERY[@]} * 2 + 2)) images in $OUT"
