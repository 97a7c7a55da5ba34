/* paths.h: walks over a machine's transitions, for drawing it.
 *
 * Workflows loop (retry-by-Choice, polling), so nothing here assumes a tree: loops are found as dot finds
 * them, and the longest paths are taken over what is left, which is acyclic. Everything is linear in the
 * states and edges, and iterative (a chain may be thousands of states long). */
#ifndef SFNVIZ_PATHS_H
#define SFNVIZ_PATHS_H

#include <stdbool.h>

#include "model/workflow.h"

/* Whether an edge joins two different states of its scope (not a retry loop, a start or an end). */
bool paths_links_states(const machine *m, const wf_edge *e);

/* Marks in closes_loop (one per edge) the edges that go back to a state on the path that led to them:
 * depth first from each scope's first state, then from any state not reached, edges in model order. */
void paths_find_loops(const machine *m, bool *closes_loop);

/* The step of each state down its scope: the longest path to it from a state nothing leads to, over the
 * edges that do not close a loop, where a Parallel or Map takes as many steps as its tallest scope and two
 * more (its bars or entry and exit), unless `flat_containers` (drawn as one node). depth[i] is that step
 * and height[i] the steps state i takes (1 for a plain state), so its successors are at least at
 * depth[i] + height[i]. */
void paths_depths(const machine *m, const bool *closes_loop, bool flat_containers, int *depth, int *height);

#endif
