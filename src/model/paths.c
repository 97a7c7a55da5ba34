/* paths.c: loops and longest paths over a machine's transitions (see paths.h). */
#include "model/paths.h"

#include <stdlib.h>

#include "base/arena.h"

bool paths_links_states(const machine *m, const wf_edge *e)
{
    return e->kind != EDGE_RETRY && e->from >= 0 && (size_t)e->from < m->state_count && e->to >= 0 &&
           (size_t)e->to < m->state_count && e->from != e->to;
}

/* The edges that link states, grouped by their tail: those of state i are order[first[i] .. first[i+1]). */
typedef struct out_edges {
    size_t *first;
    size_t *order;
} out_edges;

static out_edges group_by_tail(const machine *m)
{
    size_t n = m->state_count;
    out_edges o = {sfn_calloc(n + 1, sizeof *o.first), sfn_calloc(m->edge_count, sizeof *o.order)};
    for (size_t i = 0; i < m->edge_count; i++)
        if (paths_links_states(m, &m->edges[i]))
            o.first[m->edges[i].from + 1]++;
    for (size_t i = 0; i < n; i++)
        o.first[i + 1] += o.first[i];
    size_t *fill = sfn_calloc(n, sizeof *fill);
    for (size_t i = 0; i < m->edge_count; i++)
        if (paths_links_states(m, &m->edges[i])) {
            int from = m->edges[i].from;
            o.order[o.first[from] + fill[from]++] = i;
        }
    free(fill);
    return o;
}

static void out_edges_free(out_edges *o)
{
    free(o->first);
    free(o->order);
}

/* One depth-first walk from root, marking the edges that reach a state still on the walk's path. */
static void walk_from(const machine *m, const out_edges *o, int root, unsigned char *seen, int *stack,
                      size_t *next, bool *closes_loop)
{
    size_t depth = 0;
    stack[depth++] = root;
    seen[root] = 1;
    next[root] = o->first[root];
    while (depth) {
        int u = stack[depth - 1];
        if (next[u] == o->first[u + 1]) {
            seen[u] = 2;
            depth--;
            continue;
        }
        size_t ei = o->order[next[u]++];
        int v = m->edges[ei].to;
        if (seen[v] == 1)
            closes_loop[ei] = true;
        else if (seen[v] == 0) {
            seen[v] = 1;
            next[v] = o->first[v];
            stack[depth++] = v;
        }
    }
}

void paths_find_loops(const machine *m, bool *closes_loop)
{
    size_t n = m->state_count;
    for (size_t i = 0; i < m->edge_count; i++)
        closes_loop[i] = false;
    out_edges o = group_by_tail(m);
    unsigned char *seen = sfn_calloc(n, 1); /* 0 unseen, 1 on the path, 2 done */
    int *stack = sfn_calloc(n, sizeof *stack);
    size_t *next = sfn_calloc(n, sizeof *next); /* per state on the path: its next edge to follow */
    for (size_t i = 0; i < m->edge_count; i++) {
        int root = m->edges[i].kind == EDGE_START ? m->edges[i].to : -1;
        if (root >= 0 && (size_t)root < n && !seen[root])
            walk_from(m, &o, root, seen, stack, next, closes_loop);
    }
    for (size_t i = 0; i < n; i++)
        if (!seen[i])
            walk_from(m, &o, (int)i, seen, stack, next, closes_loop);
    out_edges_free(&o);
    free(seen);
    free(stack);
    free(next);
}

/* Longest paths within one scope, its states in topological order (Kahn's): the edges left once loops
 * are cut form no cycle, so every state is reached. Returns the scope's height in steps. */
static int scope_depths(const machine *m, const out_edges *o, const bool *closes_loop, int scope, int *depth,
                        const int *height, int *indegree, int *queue)
{
    const wf_scope *sc = &m->scopes[scope];
    int lo = sc->first_state, hi = sc->first_state + sc->state_count;
    for (int i = lo; i < hi; i++)
        for (size_t k = o->first[i]; k < o->first[i + 1]; k++)
            if (!closes_loop[o->order[k]])
                indegree[m->edges[o->order[k]].to]++;
    size_t head = 0, tail = 0;
    for (int i = lo; i < hi; i++)
        if (indegree[i] == 0)
            queue[tail++] = i;
    int tallest = 0;
    while (head < tail) {
        int u = queue[head++];
        int below = depth[u] + height[u];
        tallest = below > tallest ? below : tallest;
        for (size_t k = o->first[u]; k < o->first[u + 1]; k++) {
            if (closes_loop[o->order[k]])
                continue;
            int v = m->edges[o->order[k]].to;
            depth[v] = below > depth[v] ? below : depth[v];
            if (--indegree[v] == 0)
                queue[tail++] = v;
        }
    }
    return tallest;
}

/* A scope's states only link to states of the same scope, and the model numbers every child scope after
 * its parent's scope (they are built breadth first): going through the scopes from the last, a container's
 * scopes are measured before the container is. */
void paths_depths(const machine *m, const bool *closes_loop, bool flat_containers, int *depth, int *height)
{
    size_t n = m->state_count;
    for (size_t i = 0; i < n; i++) {
        depth[i] = 0;
        height[i] = 1;
    }
    out_edges o = group_by_tail(m);
    int *indegree = sfn_calloc(n, sizeof *indegree), *queue = sfn_calloc(n, sizeof *queue);
    for (size_t s = m->scope_count; s-- > 0;) {
        int tallest = scope_depths(m, &o, closes_loop, (int)s, depth, height, indegree, queue);
        int parent = m->scopes[s].parent;
        if (parent >= 0 && (size_t)parent < n && !flat_containers && tallest + 2 > height[parent])
            height[parent] = tallest + 2;
    }
    out_edges_free(&o);
    free(indegree);
    free(queue);
}
