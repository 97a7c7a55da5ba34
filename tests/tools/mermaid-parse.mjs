// mermaid-parse.mjs FILE.mmd...: parses each file with mermaid's own parser (mermaid.parse, the one
// GitHub's renderer runs first), under jsdom's browser globals. Prints one line per file that does not
// parse, naming it and mermaid's error, and exits 1 if any; 0 when all parse; 2 on bad usage. A Markdown
// file (.md) is checked block by block: each ```mermaid fence is one diagram.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
for (const k of ['window', 'document', 'navigator', 'Element', 'HTMLElement', 'SVGElement', 'DOMParser',
                 'MutationObserver', 'getComputedStyle']) {
  if (!(k in globalThis) || k === 'navigator')
    Object.defineProperty(globalThis, k, { value: k === 'window' ? dom.window : dom.window[k], configurable: true });
}
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node mermaid-parse.mjs FILE.mmd|FILE.md...');
  process.exit(2);
}

function diagrams(file) {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.md'))
    return [text];
  const blocks = [...text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  if (blocks.length === 0)
    throw new Error('no ```mermaid block');
  return blocks;
}

let bad = 0;
for (const file of files) {
  try {
    const blocks = diagrams(file);
    for (let i = 0; i < blocks.length; i++) {
      const r = await mermaid.parse(blocks[i]);
      if (!r || r.diagramType !== 'flowchart-v2')
        throw new Error(`block ${i + 1}: parsed as ${r && r.diagramType}, not a flowchart`);
    }
  } catch (e) {
    bad++;
    console.log(`${file}: ${String(e && e.message ? e.message : e).split('\n').slice(0, 4).join(' | ')}`);
  }
}
process.exit(bad ? 1 : 0);
