#!/usr/bin/env bash
# scheme.sh: an SVG drawn with --dark-theme, repainted by its own <style> as a dark page would, has exactly
# the colours of the same SVG drawn in the dark theme: element by element, fill and stroke. This checks the
# pairing (each light colour stands for one dark colour, nudged apart where two keys share one) on the
# samples and a few corpus files, for several light and dark themes.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

cat >repaint.py <<'PY'
import re, sys, xml.etree.ElementTree as ET

def colours(path, css_rules=None):
    """(tag, fill, stroke) of every drawn element, in document order, with css_rules applied."""
    out = []
    for el in ET.parse(path).getroot().iter():
        tag = el.tag.split('}')[-1]
        if tag in ('style', 'title', 'svg', 'g', 'a'):
            continue
        fill, stroke = el.get('fill'), el.get('stroke')
        if css_rules:
            fill = css_rules.get(('fill', fill), fill)
            stroke = css_rules.get(('stroke', stroke), stroke)
        out.append((tag, fill, stroke))
    return out

def rules(path):
    text = open(path, encoding='utf-8').read()
    style = re.search(r'<style>(.*?)</style>', text, re.S)
    if not style:
        sys.exit('no <style> in ' + path)
    found = re.findall(r'\[(fill|stroke)="(#[0-9a-f]{6})"\] \{ (fill|stroke): (#[0-9a-f]{6}) \}', style.group(1))
    table = {}
    for attr, light, attr2, dark in found:
        if attr != attr2 or table.get((attr, light), dark) != dark:
            sys.exit('rule for %s %s is inconsistent' % (attr, light))
        table[(attr, light)] = dark
    return table

both, dark = sys.argv[1], sys.argv[2]
a, b = colours(both, rules(both)), colours(dark)
if len(a) != len(b):
    sys.exit('%d drawn elements, the dark SVG has %d' % (len(a), len(b)))
for i, (x, y) in enumerate(zip(a, b)):
    if x != y:
        sys.exit('element %d: repainted %s, dark theme %s' % (i, x, y))
print(len(a), 'elements match')
PY

inputs=("$REPO"/samples/*/template.yml "$REPO"/samples/approval-jsonata/access-request.asl.yaml)
W=$CORPUS/step-functions-workflows-collection
inputs+=("$W/bedrock-evaluations-sam/statemachine/statemachine.asl.json"
  "$W/sfn-rekognition-video-catalog-workflow/statemachine/statemachine.asl.json"
  "$W/idempotent-workflow-sam/statemachine/statemachine.asl.json")

for pair in default:dark colourblind:dark mono:dark default:colourblind; do
  light=${pair%%:*} dark=${pair##*:}
  for f in "${inputs[@]}"; do
    name=$(basename "$(dirname "$f")")/$(basename "$f")
    run render "$f" -f svg --theme "$light" --dark-theme "$dark" --legend
    cp "$OUT" both.svg
    both_rc=$RC
    run render "$f" -f svg --theme "$dark" --legend
    cp "$OUT" dark.svg
    if [[ $both_rc != 0 || $RC != 0 ]]; then
      fail "$name ($light/$dark): render failed (exit $both_rc, $RC: $(said))"
      continue
    fi
    if msg=$(python3 repaint.py both.svg dark.svg 2>&1); then pass; else fail "$name ($light/$dark): $msg"; fi
  done
done
finish
