#!/usr/bin/env bash
# gallery.sh: the README's gallery (docs/gallery/*.png) is what docs/gallery.sh draws now, byte for byte:
# a change to the drawing that is not followed by `cmake --build build --target gallery` fails here. And
# the README shows every image of the gallery.
source "$(dirname "$0")/lib.sh"

fresh=$WORK/gallery
if ! bash "$REPO/docs/gallery.sh" "$BIN" "$fresh" >"$WORK/gallery.log" 2>&1; then
  fail "docs/gallery.sh failed: $(head -c 300 "$WORK/gallery.log")"
  finish
fi
for image in "$fresh"/*.png; do
  name=$(basename "$image")
  committed=$REPO/docs/gallery/$name
  if [[ ! -f $committed ]]; then
    fail "docs/gallery/$name is missing: run 'cmake --build build --target gallery' and commit it"
  elif cmp -s "$image" "$committed"; then
    pass
  else
    fail "docs/gallery/$name is stale: run 'cmake --build build --target gallery' and commit it"
  fi
  check "the README shows docs/gallery/$name" grep -q "docs/gallery/$name" "$REPO/README.md"
done
for committed in "$REPO"/docs/gallery/*.png; do
  check "docs/gallery/$(basename "$committed") is drawn by docs/gallery.sh" test -f "$fresh/$(basename "$committed")"
done
finish
