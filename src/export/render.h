/* render.h: a machine's model drawn with Graphviz.
 *
 * graph.c turns the model and a theme into a cgraph graph (synthetic node IDs, names only in labels,
 * Parallel/Map as clusters); render.c lays it out with the in-process "dot" engine and writes DOT, SVG,
 * PNG or PDF into a buffer. Graphviz is not thread-safe: call these from one thread. */
#ifndef SFNVIZ_RENDER_H
#define SFNVIZ_RENDER_H

#include "base/arena.h"
#include "base/diag.h"
#include "graph/theme.h"
#include "model/workflow.h"

#include <stdbool.h>

/* How much a diagram shows. Past a size, Graphviz's layout time explodes (bench/README.md): labels on
 * edges double its ranks, and boxes around Parallel and Map states multiply its constraints. */
typedef enum render_detail {
    DETAIL_FULL,      /* every label, every box */
    DETAIL_COMPACT,   /* retry loops `↻ ×3`, catch and default edges unlabelled, rules on one line */
    DETAIL_COLLAPSED, /* compact, and each top-level Parallel or Map one node with what it holds */
    DETAIL_TOO_LARGE, /* graph_plan only: even collapsed, past the budget (not drawn unless forced) */
} render_detail;

typedef struct render_options {
    const theme *theme;   /* never NULL: callers pass theme_default() when none was chosen */
    bool left_right;      /* rankdir=LR */
    bool no_title;        /* leave out the title */
    bool legend;          /* a key of shapes and edge styles under the title */
    render_detail detail; /* as graph_plan chose it, or the caller */
    const theme *dark_theme; /* SVG only, may be NULL: the colours it switches to on a dark page */
    double png_dpi;       /* PNG resolution; 0: RENDER_PNG_DPI */
} render_options;

enum { RENDER_PNG_DPI = 110 };

/* Appends the DOT text of machine m (one `digraph`) to out. Returns 0, or -1 with an error in diags. */
int render_dot(const machine *m, const render_options *o, strbuf *out, diag_list *diags);

/* Lays out m and appends the rendered image to out; format is "svg", "png" or "pdf".
 * Returns 0, or -1 with an error in diags (nothing is appended then). */
int render_image(const machine *m, const render_options *o, const char *format, strbuf *out, diag_list *diags);

#endif
