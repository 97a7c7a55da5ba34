#!/usr/bin/env python3
"""mermaid-chromium.py CHROMIUM MERMAID_JS WORKDIR FILE.mmd:STATES...

Renders each Mermaid file in headless Chromium with mermaid's bundled script (mermaid.min.js), in one local
page, and checks each picture: it rendered (no mermaid error), and it has exactly one node per state: the
state IDs sfnviz gives (s<i>) seen once each, as a node (`<g class="node" id="dN-flowchart-s<i>-k">`) or,
for a Parallel or Map drawn open, as a subgraph (`<g class="cluster" id="dN-s<i>">`), and as many as the
file's machine has states. Prints one line per problem; exits 1 on any, 0 when all pass. With
SCREENSHOT=FILE.png also saves a picture of the page (the first diagram), to look at."""
import html.parser
import json
import os
import re
import subprocess
import sys


class Svgs(html.parser.HTMLParser):
    """The IDs of the node and cluster groups under each <svg id="dN">, and any error text."""

    def __init__(self):
        super().__init__()
        self.current = None
        self.ids = {}
        self.errors = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and re.fullmatch(r"d\d+", a.get("id", "")):
            self.current = a["id"]
            self.ids[self.current] = []
        elif tag == "g" and self.current:
            classes = a.get("class", "").split()
            if "node" in classes or "cluster" in classes:
                self.ids[self.current].append(a.get("id", ""))
        elif tag == "pre" and a.get("class") == "error":
            self.errors.append(a.get("id", ""))

    def handle_data(self, data):
        if data.startswith("ERROR "):
            self.errors.append(data)


def page(mermaid_js, diagrams):
    texts = json.dumps(diagrams).replace("</", "<\\/")
    return ("<!doctype html><html><head><meta charset=\"utf-8\"></head><body><div id=\"out\"></div><script>"
            + mermaid_js.replace("</script", "<\\/script") + "</script><script>\n"
            "mermaid.initialize({startOnLoad: false});\n"
            "(async () => { const texts = " + texts + ";\n"
            "  for (let i = 0; i < texts.length; i++) {\n"
            "    const div = document.createElement('div'); document.getElementById('out').appendChild(div);\n"
            "    try { div.innerHTML = (await mermaid.render('d' + i, texts[i])).svg; }\n"
            "    catch (e) { const p = document.createElement('pre'); p.className = 'error';\n"
            "                p.textContent = 'ERROR d' + i + ': ' + e.message; div.appendChild(p); }\n"
            "  }\n"
            "  document.title = 'done';\n"
            "})();\n</script></body></html>")


def state_ids(svg_id, ids):
    """The sfnviz state IDs among an SVG's node and cluster IDs, in order."""
    found = []
    for i in ids:
        m = re.fullmatch(re.escape(svg_id) + r"-(?:flowchart-)?(s\d+)(?:-\d+)?", i)
        if m:
            found.append(m.group(1))
    return found


def main():
    chromium, mermaid_js, work = sys.argv[1:4]
    files = []
    for arg in sys.argv[4:]:
        path, states = arg.rsplit(":", 1)
        files.append((path, int(states)))
    with open(mermaid_js, encoding="utf-8") as f:
        js = f.read()
    diagrams = []
    for path, _ in files:
        with open(path, encoding="utf-8") as f:
            diagrams.append(f.read())
    html_path = os.path.join(work, "mermaid-page.html")
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(page(js, diagrams))
    budget = str(5000 + 3000 * len(files))
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--virtual-time-budget=" + budget, "--user-data-dir=" + os.path.join(work, "chromium-profile")]
    dom = subprocess.run(base + ["--dump-dom", "file://" + html_path], capture_output=True, text=True,
                         timeout=300).stdout
    if os.environ.get("SCREENSHOT"):
        subprocess.run(base + ["--window-size=1400,1400", "--screenshot=" + os.environ["SCREENSHOT"],
                               "file://" + html_path], capture_output=True, timeout=300)
    parser = Svgs()
    parser.feed(dom)
    bad = 0
    if "<title>done</title>" not in dom:
        print("the page did not finish rendering within the time budget")
        bad += 1
    for e in parser.errors:
        print(e)
        bad += 1
    for k, (path, states) in enumerate(files):
        svg = "d%d" % k
        if svg not in parser.ids:
            print("%s: no picture rendered" % path)
            bad += 1
            continue
        ids = state_ids(svg, parser.ids[svg])
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice or len(ids) != states:
            print("%s: %d state nodes in the picture (%s), expected %d%s" % (
                path, len(set(ids)), " ".join(sorted(set(ids))), states,
                "; drawn twice: " + " ".join(twice) if twice else ""))
            bad += 1
    print("%d pictures, %d problems" % (len(files), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
