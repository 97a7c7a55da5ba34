/* facts.c: the lists after a summary's outline; see facts.h. */
#include "summary/facts.h"

#include "base/strmap.h"

#include <stdlib.h>

static bool has_edge(const machine *m, const wf_state *s, edge_kind kind)
{
    for (int k = 0; k < s->edge_count; k++)
        if (m->edges[s->first_edge + k].kind == kind)
            return true;
    return false;
}

static void add(state_list *l, int state) { l->items[l->count++] = state; }

/* Counts one more Task using `name`: its entry in *list (found through the map, namespace ns). */
static void count_use(strmap *map, int ns, const char *name, name_count **list, size_t *n, size_t *cap)
{
    int at = strmap_put(map, ns, name, (int)*n);
    if ((size_t)at == *n) {
        *list = sfn_grow(*list, cap, *n + 1, sizeof **list);
        (*list)[(*n)++] = (name_count){name, 0};
    }
    (*list)[at].tasks++;
}

void facts_gather(const machine *m, const outline *o, facts *out)
{
    *out = (facts){0};
    size_t n = m->state_count;
    out->terminal.items = sfn_calloc(n, sizeof(int));
    out->unreachable.items = sfn_calloc(n, sizeof(int));
    out->unguarded.items = sfn_calloc(n, sizeof(int));
    strmap names;
    strmap_init(&names);
    size_t lambda_cap = 0, resource_cap = 0;
    for (size_t r = 0; r < o->count; r++) {
        if (o->rows[r].kind != ROW_STATE)
            continue;
        int i = o->rows[r].state;
        const wf_state *s = &m->states[i];
        out->by_type[s->type]++;
        if (s->scope == 0 && has_edge(m, s, EDGE_END))
            add(&out->terminal, i);
        if (!o->reachable[i])
            add(&out->unreachable, i);
        if (s->type != STATE_TASK)
            continue;
        if (!has_edge(m, s, EDGE_RETRY) && !has_edge(m, s, EDGE_CATCH))
            add(&out->unguarded, i);
        if (s->res.kind == RESOURCE_LAMBDA)
            count_use(&names, 0, s->res.name, &out->lambdas, &out->lambda_count, &lambda_cap);
        else if (s->res.kind != RESOURCE_NONE)
            count_use(&names, 1, s->res.text, &out->resources, &out->resource_count, &resource_cap);
    }
    strmap_free(&names);
}

void facts_free(facts *f)
{
    free(f->terminal.items);
    free(f->unreachable.items);
    free(f->unguarded.items);
    free(f->lambdas);
    free(f->resources);
    *f = (facts){0};
}
