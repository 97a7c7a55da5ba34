/* bars.h: the fork and join bars of a Parallel state, and how they are fitted to its box.
 *
 * A bar is a node whose label is a one-row (left to right: one-column) table of one colour: short cells
 * that are ports `b<j>`, one per branch, and filling between them. A branch's edges attach to its own
 * port, placed over the branch, and drop straight onto it instead of fanning out from the middle of the
 * bar. Where the ports go is only known after a layout: bars_fit lays out each Parallel's box alone (a
 * small graph, so this costs a fraction of the whole layout) and rebuilds its bars from it. */
#ifndef SFNVIZ_BARS_H
#define SFNVIZ_BARS_H

#include "base/diag.h"

#include <graphviz/gvc.h>

#include <stdbool.h>
#include <stddef.h>

enum {
    BAR_THICKNESS = 4,
    BAR_PORT = 8,    /* the part of a bar a branch's edges attach to, centred on the branch's first or last node */
    BAR_GUESS = 50,  /* length of each stretch between ports before bars_fit */
    BAR_INSET = 8,   /* gap between the bar's ends and its box */
};

/* One stretch of a bar: a branch's port, or the filling between ports. */
typedef struct bar_cell {
    int branch;    /* -1: filling */
    double length; /* points */
} bar_cell;

/* Sets the label of node bar to the table of these cells, in colour. */
void bar_set_label(Agnode_t *bar, const char *colour, bool lr, const bar_cell *cells, size_t n);

/* Makes each Parallel's fork and join bars in g (clusters `cluster_p<i>`, bars `s<i>`/`s<i>_fork` and
 * `s<i>_join`, edges to branch j through port `b<j>`) as wide (left to right: as tall) as its box, with
 * each branch's port over that branch's first and last nodes. Inner Parallels are fitted first, so an
 * outer box is measured with its inner bars at their size. Returns 0, or -1 when Graphviz cannot lay out
 * a box (error in diags). */
int bars_fit(GVC_t *gvc, Agraph_t *g, bool lr, diag_list *diags);

#endif
