/* legend.h: the key of a diagram (`--legend`), drawn before its Start marker.
 *
 * A small table of what the diagram uses, and only that: a swatch per kind of state (coloured and shaped
 * as drawn: rounded boxes, the Choice diamond, the solid Parallel and dashed Map boxes, the dashed ghost of
 * a missing target) and a line sample per kind of edge (line style and colour as drawn, with what its label
 * says). graph.c puts it in a node of its own. */
#ifndef SFNVIZ_LEGEND_H
#define SFNVIZ_LEGEND_H

#include "base/arena.h"
#include "graph/options.h"
#include "graph/theme.h"
#include "model/workflow.h"

#include <stdbool.h>

/* The marks a drawn diff uses (graph/diff_marks.c), and whether the key also shows the kinds of state and
 * edge (--legend). */
typedef struct legend_diff {
    bool added, changed, removed, edge_added, edge_removed;
    bool kinds;
} legend_diff;

/* Appends to html an HTML-like <table> keying what m draws at that detail, in theme t; `references`: the
 * diagram has small `→ Name` nodes standing in for a far or shared target. `diff`: NULL, or the marks of a
 * drawn diff, keyed first (then the kinds only when diff->kinds). */
void legend_put(strbuf *html, const theme *t, const machine *m, render_detail detail, bool references,
                const legend_diff *diff);

#endif
