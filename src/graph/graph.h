/* graph.h: a machine's model and a theme turned into a cgraph graph, ready for layout or DOT output.
 *
 * Node IDs are synthetic, so no state name ever reaches DOT syntax: `s<i>` for state i (for a Parallel its
 * fork bar, or the entry point above its fork bar `s<i>_fork` when it has retriers; for a Map its entry
 * point), `s<i>_join` / `s<i>_exit` where a Parallel / Map is left,
 * `gone<i>` for the ghost of state i of the old machine in a drawn diff (diff_marks.c),
 * `start<k>` / `end<k>` for the top-level markers (`end<k>_s<i>`: the End marker of its own of a terminal
 * state i far above the shared one), `missing<k>` for ghost targets and `ref<k>` for the small references
 * (`→ Name`) that stand in for a shared catch handler or, compact, for the target of a long transition. Clusters: `cluster_p<i>` (Parallel i), `cluster_p<i>_b<j>`
 * (its branch j), `cluster_m<i>` (Map i). Names and other user text appear only in labels and tooltips,
 * escaped for each. Every node and edge carries a `class` (task, choice, retry, ...), which Graphviz
 * copies into the SVG. */
#ifndef SFNVIZ_GRAPH_H
#define SFNVIZ_GRAPH_H

#include "base/arena.h"
#include "base/diag.h"
#include "graph/options.h"
#include "model/workflow.h"

#include <graphviz/cgraph.h>

#include <stdbool.h>

/* The detail a machine is drawn in when the caller leaves it to us: full up to a budget of layout cost,
 * compact past it, collapsed past a larger one, DETAIL_TOO_LARGE when even its top level is past a third
 * (budgets measured in bench/README.md). */
render_detail graph_plan(const machine *m);

/* The machine a drawn diff (render_options.diff) draws: the new one, or the old one when it was removed. */
const machine *diff_drawn_machine(const struct machine_diff *md);

/* Builds the graph of m, opened with graph_open (cgraph_ids.h: write it with graph_write); close it with
 * agclose. NULL only when Graphviz refuses to open a graph (error in diags). */
Agraph_t *graph_build(const machine *m, const render_options *o, diag_list *diags);

#endif
