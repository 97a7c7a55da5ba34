/* writers.h: the formats of `sfnviz diff` that need nothing but the diff, one file each: text
 * (diff_text.c) and JSON (diff_json.c); each appends one file's diff to out. Markdown, which holds a
 * Mermaid diagram, and the drawn formats are in the export stage (export/diff_export.c). */
#ifndef SFNVIZ_DIFF_WRITERS_H
#define SFNVIZ_DIFF_WRITERS_H

#include "diff/diff.h"
#include "sfnviz.h"

#include <stdbool.h>

/* The name a side is shown under: the document's path, or /dev/null for a missing side (as git diff). */
const char *diff_side_name(const sfnviz_doc *doc);

/* An edge's end for people, appended to out through escape (display_escape, markdown_escape): the
 * state's name, or "[start]" / "[end]" of the top level, "[start of P[1]]" of a nested scope. */
void diff_put_end(strbuf *out, const machine *m, const wf_edge *e, bool from, void (*escape)(strbuf *, const char *));

void diff_write_text(strbuf *out, const doc_diff *d, bool color);
void diff_write_json(strbuf *out, const doc_diff *d);

#endif
