/* states.c: states matched by name, edges by (from, to, kind) as a multiset (two rules of a Choice may go
 * to the same state), each in time linear in the machine's size; see states.h. */
#include "diff/states.h"
#include "base/json_text.h"
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

static const char *scope_path(arena *a, const machine *m, int s)
{
    strbuf b;
    strbuf_init(&b);
    diff_put_scope(&b, m, s);
    strbuf_cstr(&b);
    return strbuf_to_arena(&b, a);
}

static const char *json_string(arena *a, const char *s)
{
    strbuf b;
    strbuf_init(&b);
    json_put_string(&b, s);
    return strbuf_to_arena(&b, a);
}

static void compare_state(arena *a, change_list *l, const machine *om, const wf_state *o, const machine *nm,
                          const wf_state *n)
{
    fields_compare(l, n->name, o->src, n->src, SKIP_NOTHING, true);
    const char *os = scope_path(a, om, o->scope), *ns = scope_path(a, nm, n->scope);
    if (strcmp(os, ns) != 0)
        change_list_add_text(l, n->name, "scope", json_string(a, os), json_string(a, ns));
}

static void match_states(arena *a, machine_diff *md, change_list *l)
{
    const machine *om = md->old_m, *nm = md->new_m;
    strmap by_name;
    strmap_init(&by_name);
    for (size_t i = 0; i < om->state_count; i++) {
        strmap_put(&by_name, 0, om->states[i].name, (int)i);
        md->old_states[i] = DIFF_REMOVED;
    }
    for (size_t i = 0; i < nm->state_count; i++) {
        int k = strmap_get(&by_name, 0, nm->states[i].name);
        if (k < 0 || md->old_states[k] != DIFF_REMOVED) { /* new, or a repeated name already matched */
            md->new_states[i] = DIFF_ADDED;
            continue;
        }
        size_t before = l->count;
        compare_state(a, l, om, &om->states[k], nm, &nm->states[i]);
        md->new_states[i] = md->old_states[k] = l->count > before ? DIFF_CHANGED : DIFF_SAME;
    }
    strmap_free(&by_name);
}

/* An edge's identity: kind, and its ends by name (a start or end by its scope's place). */
static const char *edge_key(arena *a, const machine *m, const wf_edge *e)
{
    const char *from = diff_edge_from(m, e), *to = diff_edge_to(m, e);
    const char *where = (!from || !to) ? scope_path(a, m, e->scope) : "";
    if (!from)
        from = where;
    if (!to)
        to = where;
    return arena_printf(a, "%d %zu:%s%zu:%s", (int)e->kind, strlen(from), from, strlen(to), to);
}

static void match_edges(arena *a, machine_diff *md)
{
    const machine *om = md->old_m, *nm = md->new_m;
    strmap by_key;
    strmap_init(&by_key);
    int *next = sfn_calloc(om->edge_count, sizeof *next); /* old edges of the same key: a chain */
    for (size_t i = 0; i < om->edge_count; i++) {
        md->old_edges[i] = DIFF_REMOVED;
        next[i] = -1;
        int head = strmap_put(&by_key, 0, edge_key(a, om, &om->edges[i]), (int)i);
        if (head != (int)i) {
            next[i] = next[head];
            next[head] = (int)i;
        }
    }
    for (size_t i = 0; i < nm->edge_count; i++) {
        int k = strmap_get(&by_key, 0, edge_key(a, nm, &nm->edges[i]));
        while (k >= 0 && md->old_edges[k] != DIFF_REMOVED)
            k = next[k];
        md->new_edges[i] = k >= 0 ? DIFF_SAME : DIFF_ADDED;
        if (k >= 0)
            md->old_edges[k] = DIFF_SAME;
    }
    free(next);
    strmap_free(&by_key);
}

void diff_states(arena *a, machine_diff *md, change_list *l)
{
    md->old_states = arena_calloc(a, md->old_m->state_count, sizeof *md->old_states);
    md->new_states = arena_calloc(a, md->new_m->state_count, sizeof *md->new_states);
    md->old_edges = arena_calloc(a, md->old_m->edge_count, sizeof *md->old_edges);
    md->new_edges = arena_calloc(a, md->new_m->edge_count, sizeof *md->new_edges);
    match_states(a, md, l);
    match_edges(a, md);
}
