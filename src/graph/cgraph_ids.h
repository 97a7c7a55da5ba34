/* cgraph_ids.h: cgraph graphs for sfnviz's diagrams.
 *
 * Objects of a graph opened here get IDs in the order they are made, so the DOT text and the layout do not
 * depend on heap addresses (cgraph's default), and agwrite appends to a strbuf. */
#ifndef SFNVIZ_GRAPH_CGRAPH_IDS_H
#define SFNVIZ_GRAPH_CGRAPH_IDS_H

#include "base/arena.h"

#include <graphviz/cgraph.h>

/* A new directed graph named name, numbering its objects in creation order; agclose frees it. */
Agraph_t *graph_open(const char *name);

/* Appends the DOT text of g to out. */
void graph_write(Agraph_t *g, strbuf *out);

#endif
