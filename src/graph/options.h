/* options.h: what a caller chooses about a diagram: theme, direction, title, legend, level of detail.
 * The graph stage builds the diagram from them; the export stage passes them through. */
#ifndef SFNVIZ_GRAPH_OPTIONS_H
#define SFNVIZ_GRAPH_OPTIONS_H

#include "graph/theme.h"

#include <stdbool.h>

struct machine_diff;

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
    const char *title;    /* the title's whole text instead of name, type, ID and file; NULL: those */
    bool legend;          /* a key of shapes and edge styles under the title */
    render_detail detail; /* as graph_plan chose it, or the caller */
    const theme *dark_theme; /* SVG only, may be NULL: the colours it switches to on a dark page */
    double png_dpi;       /* PNG resolution; 0: RENDER_PNG_DPI */
    /* A drawn diff (diff/diff.h), or NULL: the machine drawn is diff_drawn_machine(diff) (graph.h), its
     * states and edges marked added, changed or removed, the removed ones of the new machine drawn as
     * ghosts where they stood, a key of the marks, and a title that says it is a diff. */
    const struct machine_diff *diff;
} render_options;

#endif
