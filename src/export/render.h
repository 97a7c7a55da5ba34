/* render.h: a machine's model drawn with Graphviz.
 *
 * graph.c turns the model and a theme into a cgraph graph (synthetic node IDs, names only in labels,
 * Parallel/Map as clusters); render.c lays it out with the in-process "dot" engine and writes DOT, SVG,
 * PNG or PDF into a buffer. Graphviz is not thread-safe: call these from one thread. */
#ifndef SFNVIZ_RENDER_H
#define SFNVIZ_RENDER_H

#include "base/arena.h"
#include "base/diag.h"
#include "graph/options.h"
#include "model/workflow.h"

#include <stdbool.h>

enum { RENDER_PNG_DPI = 110 };

/* Appends the DOT text of machine m (one `digraph`) to out. Returns 0, or -1 with an error in diags. */
int render_dot(const machine *m, const render_options *o, strbuf *out, diag_list *diags);

/* Lays out m and appends the rendered image to out; format is "svg", "png" or "pdf".
 * Returns 0, or -1 with an error in diags (nothing is appended then). */
int render_image(const machine *m, const render_options *o, const char *format, strbuf *out, diag_list *diags);

#endif
