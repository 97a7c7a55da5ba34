/* machines.c: diff_docs: the machines of two documents matched by ID, each pair's own fields compared
 * (Type, Name, status, the definition's top-level keys), then their states and edges (states.c). */
#include "diff/diff.h"
#include "diff/fields.h"
#include "diff/states.h"
#include "base/json_text.h"
#include "base/strmap.h"
#include "template/document.h"

#include <stdlib.h>
#include <string.h>

static const char *json_or_null(arena *a, const char *s)
{
    if (!s)
        return NULL;
    strbuf b;
    strbuf_init(&b);
    json_put_string(&b, s);
    return strbuf_to_arena(&b, a);
}

/* A machine-level field given as text on both sides (NULL: absent). */
static void compare_text(change_list *l, const char *field, const char *o, const char *n)
{
    if (o == n || (o && n && strcmp(o, n) == 0))
        return;
    change_list_add_text(l, DIFF_MACHINE_STATE, field, json_or_null(l->arena, o), json_or_null(l->arena, n));
}

static const value *definition_of(const machine *m) { return m->scope_count ? m->scopes[0].src : NULL; }

static void compare_machines(doc_diff *d, machine_diff *md, change_list *l)
{
    const machine *o = md->old_m, *n = md->new_m;
    compare_text(l, "Type", o->type, n->type);
    compare_text(l, "Name", o->name, n->name);
    compare_text(l, "status", machine_status_name(o->status), machine_status_name(n->status));
    compare_text(l, "definition", o->where, n->where);
    compare_text(l, "message", o->message_plain, n->message_plain); /* why a side is not ok */
    if (o->status != MACHINE_OK || n->status != MACHINE_OK) {
        md->old_states = arena_calloc(&d->arena, o->state_count, sizeof *md->old_states);
        md->new_states = arena_calloc(&d->arena, n->state_count, sizeof *md->new_states);
        md->old_edges = arena_calloc(&d->arena, o->edge_count, sizeof *md->old_edges);
        md->new_edges = arena_calloc(&d->arena, n->edge_count, sizeof *md->new_edges);
        return;
    }
    fields_compare(l, DIFF_MACHINE_STATE, definition_of(o), definition_of(n), SKIP_STATES, false);
    diff_states(&d->arena, md, l);
}

static bool any_not_same(const diff_status *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        if (a[i] != DIFF_SAME)
            return true;
    return false;
}

/* One pair (either side may be NULL): its status, arrays and changes. */
static void diff_pair(doc_diff *d, machine_diff *md, const machine *o, const machine *n)
{
    md->id = n ? n->id : o->id;
    md->old_m = o;
    md->new_m = n;
    if (!o || !n) {
        md->status = o ? DIFF_REMOVED : DIFF_ADDED;
        return;
    }
    change_list l;
    change_list_init(&l, &d->arena);
    compare_machines(d, md, &l);
    md->change_count = l.count;
    md->changes = arena_calloc(&d->arena, l.count, sizeof *md->changes);
    if (l.count)
        memcpy(md->changes, l.items, l.count * sizeof *l.items);
    change_list_free(&l);
    bool differs = md->change_count || any_not_same(md->old_states, o->state_count) ||
                   any_not_same(md->new_states, n->state_count) || any_not_same(md->old_edges, o->edge_count) ||
                   any_not_same(md->new_edges, n->edge_count);
    md->status = differs ? DIFF_CHANGED : DIFF_SAME;
}

static size_t machine_count(const sfnviz_doc *doc) { return doc && !doc->failed ? doc->machine_count : 0; }

/* Two standalone ASL files hold one machine each, named after the file: they are the same machine. */
static bool single_asl(const sfnviz_doc *o, const sfnviz_doc *n)
{
    return machine_count(o) == 1 && machine_count(n) == 1 && o->machines[0].kind == MACHINE_ASL &&
           n->machines[0].kind == MACHINE_ASL;
}

void diff_docs(doc_diff *out, const sfnviz_doc *old_doc, const sfnviz_doc *new_doc)
{
    memset(out, 0, sizeof *out);
    arena_init(&out->arena);
    out->old_doc = old_doc;
    out->new_doc = new_doc;
    size_t no = machine_count(old_doc), nn = machine_count(new_doc);
    out->machines = arena_calloc(&out->arena, no + nn, sizeof *out->machines);
    if (single_asl(old_doc, new_doc)) {
        diff_pair(out, &out->machines[out->count++], &old_doc->machines[0], &new_doc->machines[0]);
        return;
    }
    strmap by_id;
    strmap_init(&by_id);
    bool *paired = sfn_calloc(no, sizeof *paired);
    for (size_t i = 0; i < no; i++)
        strmap_put(&by_id, 0, old_doc->machines[i].id, (int)i);
    for (size_t i = 0; i < nn; i++) {
        int k = strmap_get(&by_id, 0, new_doc->machines[i].id);
        const machine *o = k >= 0 && !paired[k] ? &old_doc->machines[k] : NULL;
        if (o)
            paired[k] = true;
        diff_pair(out, &out->machines[out->count++], o, &new_doc->machines[i]);
    }
    for (size_t i = 0; i < no; i++)
        if (!paired[i])
            diff_pair(out, &out->machines[out->count++], &old_doc->machines[i], NULL);
    free(paired);
    strmap_free(&by_id);
}

