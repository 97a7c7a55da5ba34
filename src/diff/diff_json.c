/* diff_json.c: the diff as JSON, version 1 (docs/json-schema.md): per machine its ID, file, status, the
 * states added, removed and changed, the field changes with old and new values as JSON values (null when
 * absent), and the edges added and removed as [from, to, kind] (null for a scope's start or end). */
#include "diff/writers.h"
#include "base/json_text.h"

static void put_string_or_null(strbuf *out, const char *s)
{
    if (s)
        json_put_string(out, s);
    else
        strbuf_puts(out, "null");
}

/* The states of m whose status in st is want (st NULL: all of them; m NULL: none). */
static void put_states(strbuf *out, const char *key, const machine *m, const diff_status *st, diff_status want)
{
    strbuf_printf(out, "\"%s\": [", key);
    bool first = true;
    for (size_t i = 0; m && i < m->state_count; i++) {
        if (st && st[i] != want)
            continue;
        strbuf_puts(out, first ? "" : ", ");
        first = false;
        json_put_string(out, m->states[i].name);
    }
    strbuf_putc(out, ']');
}

static void put_edges(strbuf *out, const char *key, const machine *m, const diff_status *st, diff_status want)
{
    strbuf_printf(out, "\"%s\": [", key);
    bool first = true;
    for (size_t i = 0; m && i < m->edge_count; i++) {
        if (st && st[i] != want)
            continue;
        const wf_edge *e = &m->edges[i];
        strbuf_puts(out, first ? "[" : ", [");
        first = false;
        put_string_or_null(out, diff_edge_from(m, e));
        strbuf_puts(out, ", ");
        put_string_or_null(out, diff_edge_to(m, e));
        strbuf_printf(out, ", \"%s\"]", edge_kind_name(e->kind));
    }
    strbuf_putc(out, ']');
}

static void put_changes(strbuf *out, const machine_diff *md)
{
    strbuf_puts(out, "\"changes\": [");
    for (size_t i = 0; i < md->change_count; i++) {
        const diff_change *c = &md->changes[i];
        strbuf_puts(out, i ? ",\n    {\"state\": " : "\n    {\"state\": ");
        json_put_string(out, c->state);
        strbuf_puts(out, ", \"field\": ");
        json_put_string(out, c->field);
        strbuf_puts(out, ", \"old\": "); /* already JSON text */
        strbuf_puts(out, c->old_value ? c->old_value : "null");
        strbuf_puts(out, ", \"new\": ");
        strbuf_puts(out, c->new_value ? c->new_value : "null");
        strbuf_putc(out, '}');
    }
    strbuf_putc(out, ']');
}

/* A machine added or removed has all its states and edges added or removed: the side it lacks lists
 * nothing, the side it has lists everything (a NULL status array). */
static void put_machine(strbuf *out, const doc_diff *d, const machine_diff *md)
{
    strbuf_puts(out, "{\"id\": ");
    json_put_string(out, md->id);
    strbuf_puts(out, ", \"file\": ");
    json_put_string(out, diff_side_name(d->new_doc ? d->new_doc : d->old_doc)); /* the pair's file */
    strbuf_printf(out, ", \"status\": \"%s\",\n   ", diff_status_name(md->status));
    const machine *n = md->new_m, *o = md->old_m;
    bool pair = n && o;
    put_states(out, "added_states", n, md->new_states, DIFF_ADDED);
    strbuf_puts(out, ", ");
    put_states(out, "removed_states", o, md->old_states, DIFF_REMOVED);
    strbuf_puts(out, ", ");
    put_states(out, "changed_states", pair ? n : NULL, md->new_states, DIFF_CHANGED);
    strbuf_puts(out, ",\n   ");
    put_changes(out, md);
    strbuf_puts(out, ",\n   ");
    put_edges(out, "added_edges", n, md->new_edges, DIFF_ADDED);
    strbuf_puts(out, ", ");
    put_edges(out, "removed_edges", o, md->old_edges, DIFF_REMOVED);
    strbuf_putc(out, '}');
}

void diff_write_json(strbuf *out, const doc_diff *d)
{
    for (size_t i = 0; i < d->count; i++) {
        strbuf_puts(out, i ? ",\n" : "");
        put_machine(out, d, &d->machines[i]);
    }
}
