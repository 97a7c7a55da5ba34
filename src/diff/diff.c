/* diff.c: the diff model's small helpers every writer uses (diff.h): status names, counts, the ends of
 * an edge by name, where a scope is; the comparison itself is machines.c and states.c. */
#include "diff/diff.h"

#include <string.h>

const char *diff_status_name(diff_status s)
{
    static const char *const names[] = {"same", "added", "removed", "changed"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

size_t diff_count(const diff_status *a, size_t n, diff_status s)
{
    size_t k = 0;
    for (size_t i = 0; a && i < n; i++)
        k += a[i] == s;
    return k;
}

const char *diff_edge_from(const machine *m, const wf_edge *e)
{
    return e->from >= 0 ? m->states[e->from].name : NULL;
}

const char *diff_edge_to(const machine *m, const wf_edge *e)
{
    if (e->kind == EDGE_END)
        return NULL;
    return e->to >= 0 ? m->states[e->to].name : e->to_name ? e->to_name : "";
}

void diff_put_scope(strbuf *b, const machine *m, int s)
{
    const wf_scope *sc = &m->scopes[s];
    if (sc->parent < 0)
        return;
    const wf_state *owner = &m->states[sc->parent];
    diff_put_scope(b, m, owner->scope);
    if (b->len)
        strbuf_putc(b, '/');
    strbuf_puts(b, owner->name);
    if (sc->branch >= 0)
        strbuf_printf(b, "[%d]", sc->branch + 1);
}

bool doc_diff_differs(const doc_diff *d)
{
    for (size_t i = 0; i < d->count; i++)
        if (machine_diff_differs(&d->machines[i]))
            return true;
    return false;
}

void doc_diff_free(doc_diff *d)
{
    arena_release(&d->arena);
    memset(d, 0, sizeof *d);
}
