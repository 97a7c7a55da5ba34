/* states.c: states matched by name, edges by (from, to, kind) as a multiset (two rules of a Choice may go
 * to the same state), each in time linear in the machine's size; see states.h. */
#include "diff/states.h"
#include "base/json_text.h"
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

static const char *json_string(arena *a, const char *s)
{
    strbuf b;
    strbuf_init(&b);
    json_put_string(&b, s);
    return strbuf_to_arena(&b, a);
}

/* The state's own fields, then whether it moved to another scope (compared in two reusable buffers: a
 * state at the top level on both sides, nearly every one, costs nothing). */
static void compare_state(arena *a, change_list *l, const machine *om, const wf_state *o, const machine *nm,
                          const wf_state *n, strbuf scope_text[2])
{
    fields_compare(l, n->name, o->src, n->src, SKIP_NOTHING, true);
    if (om->scopes[o->scope].parent < 0 && nm->scopes[n->scope].parent < 0)
        return;
    strbuf_clear(&scope_text[0]);
    strbuf_clear(&scope_text[1]);
    diff_put_scope(&scope_text[0], om, o->scope);
    diff_put_scope(&scope_text[1], nm, n->scope);
    const char *os = strbuf_cstr(&scope_text[0]), *ns = strbuf_cstr(&scope_text[1]);
    if (strcmp(os, ns) != 0)
        change_list_add_text(l, n->name, "scope", json_string(a, os), json_string(a, ns));
}

/* States match by name. A name written more than once (an invalid machine, which the diff still shows)
 * matches by occurrence, the k-th state of that name on one side with the k-th on the other, so that a
 * machine is the same as itself; the map's namespace is the occurrence. seen[] counts the occurrences of
 * each name on a side, by the name's first old state. */
static void match_states(arena *a, machine_diff *md, change_list *l)
{
    const machine *om = md->old_m, *nm = md->new_m;
    strmap by_name;
    strmap_init(&by_name);
    int *old_seen = sfn_calloc(om->state_count, sizeof *old_seen);
    int *new_seen = sfn_calloc(om->state_count, sizeof *new_seen);
    strbuf scope_text[2];
    strbuf_init(&scope_text[0]);
    strbuf_init(&scope_text[1]);
    for (size_t i = 0; i < om->state_count; i++) {
        int first = strmap_put(&by_name, 0, om->states[i].name, (int)i);
        int occurrence = old_seen[first]++;
        if (occurrence)
            strmap_put(&by_name, occurrence, om->states[i].name, (int)i);
        md->old_states[i] = DIFF_REMOVED;
    }
    for (size_t i = 0; i < nm->state_count; i++) {
        int first = strmap_get(&by_name, 0, nm->states[i].name);
        int k = first < 0 ? -1 : strmap_get(&by_name, new_seen[first]++, nm->states[i].name);
        if (k < 0) { /* new, or a name repeated more often than in the old version */
            md->new_states[i] = DIFF_ADDED;
            continue;
        }
        size_t before = l->count;
        compare_state(a, l, om, &om->states[k], nm, &nm->states[i], scope_text);
        md->new_states[i] = md->old_states[k] = l->count > before ? DIFF_CHANGED : DIFF_SAME;
    }
    free(old_seen);
    free(new_seen);
    strmap_free(&by_name);
    strbuf_free(&scope_text[0]);
    strbuf_free(&scope_text[1]);
}

/* Appends n in decimal and a ':' (a length prefix: names may hold any character). */
static void put_length(strbuf *b, size_t n)
{
    char digits[24];
    size_t k = sizeof digits;
    digits[--k] = ':';
    do
        digits[--k] = (char)('0' + n % 10);
    while ((n /= 10) && k);
    strbuf_put(b, digits + k, sizeof digits - k);
}

/* An edge's identity as a hash key: kind, and its ends by name, length-prefixed (a scope's start or end
 * by the scope's place). Built in a reusable buffer without printf: a large machine has tens of
 * thousands of edges. */
static const char *edge_key(arena *a, const machine *m, const wf_edge *e, strbuf *key)
{
    const char *from = diff_edge_from(m, e), *to = diff_edge_to(m, e);
    strbuf_clear(key);
    strbuf_putc(key, (char)('a' + e->kind));
    const char *ends[2] = {from, to};
    for (int i = 0; i < 2; i++) {
        if (ends[i]) {
            size_t n = strlen(ends[i]);
            put_length(key, n);
            strbuf_put(key, ends[i], n);
            continue;
        }
        strbuf where; /* a start or end: '@' (no length starts with it), then the scope, length-prefixed */
        strbuf_init(&where);
        diff_put_scope(&where, m, e->scope);
        strbuf_putc(key, '@');
        put_length(key, where.len);
        strbuf_put(key, where.data ? where.data : "", where.len);
        strbuf_free(&where);
    }
    return arena_strndup(a, key->data, key->len);
}

static void match_edges(arena *a, machine_diff *md)
{
    const machine *om = md->old_m, *nm = md->new_m;
    strmap by_key;
    strmap_init(&by_key);
    int *next = sfn_calloc(om->edge_count, sizeof *next); /* old edges of the same key: a chain */
    strbuf key;
    strbuf_init(&key);
    for (size_t i = 0; i < om->edge_count; i++) {
        md->old_edges[i] = DIFF_REMOVED;
        next[i] = -1;
        int head = strmap_put(&by_key, 0, edge_key(a, om, &om->edges[i], &key), (int)i);
        if (head != (int)i) {
            next[i] = next[head];
            next[head] = (int)i;
        }
    }
    for (size_t i = 0; i < nm->edge_count; i++) {
        int k = strmap_get(&by_key, 0, edge_key(a, nm, &nm->edges[i], &key));
        while (k >= 0 && md->old_edges[k] != DIFF_REMOVED)
            k = next[k];
        md->new_edges[i] = k >= 0 ? DIFF_SAME : DIFF_ADDED;
        if (k >= 0)
            md->old_edges[k] = DIFF_SAME;
    }
    free(next);
    strbuf_free(&key);
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
