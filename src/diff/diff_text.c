/* diff_text.c: the diff for a terminal, as git diff shows files: a header per file, a line per machine,
 * then `+ State (Type)`, `- State`, `~ State` with a `field: old -> new` line per change, and the edges
 * added and removed; green, red and yellow on a terminal. Text from the files is escaped (display.h), so
 * a state name cannot drive the terminal. */
#include "diff/writers.h"
#include "diff/value_text.h"
#include "summary/display.h"

#include <stdbool.h>
#include <string.h>

#define BOLD "1"
#define GREEN "32"
#define RED "31"
#define YELLOW "33"
#define DIM "2"

typedef struct text_out {
    strbuf *out;
    bool color;
} text_out;

static void open_color(text_out *t, const char *sgr)
{
    if (t->color)
        strbuf_printf(t->out, "\033[%sm", sgr);
}

static void close_color(text_out *t)
{
    if (t->color)
        strbuf_puts(t->out, "\033[0m");
}

static const char *status_color(diff_status s)
{
    return s == DIFF_ADDED ? GREEN : s == DIFF_REMOVED ? RED : s == DIFF_CHANGED ? YELLOW : DIM;
}

static char status_sign(diff_status s)
{
    return s == DIFF_ADDED ? '+' : s == DIFF_REMOVED ? '-' : s == DIFF_CHANGED ? '~' : '=';
}

static void put_value(text_out *t, const char *json) { value_put_shown(t->out, json, display_escape); }

static void put_change(text_out *t, const diff_change *c, const char *indent)
{
    strbuf_puts(t->out, indent);
    display_escape(t->out, c->field);
    strbuf_puts(t->out, ": ");
    open_color(t, RED);
    put_value(t, c->old_value);
    close_color(t);
    strbuf_puts(t->out, " -> ");
    open_color(t, GREEN);
    put_value(t, c->new_value);
    close_color(t);
    strbuf_putc(t->out, '\n');
}

static void put_state_line(text_out *t, const wf_state *s, diff_status st)
{
    open_color(t, status_color(st));
    strbuf_printf(t->out, "  %c ", status_sign(st));
    display_escape(t->out, s->name);
    strbuf_puts(t->out, " (");
    display_escape(t->out, s->type_text ? s->type_text : "no Type");
    strbuf_putc(t->out, ')');
    close_color(t);
    strbuf_putc(t->out, '\n');
}

/* The changes of state `name`: they are contiguous, in the new machine's state order. */
static size_t put_changes_of(text_out *t, const machine_diff *md, size_t at, const char *name)
{
    while (at < md->change_count && strcmp(md->changes[at].state, name) != 0)
        at++;
    for (; at < md->change_count && strcmp(md->changes[at].state, name) == 0; at++)
        put_change(t, &md->changes[at], "      ");
    return at;
}

static void put_states(text_out *t, const machine_diff *md)
{
    size_t at = 0;
    while (at < md->change_count && md->changes[at].state[0] == '\0')
        at++; /* the machine's own changes, already shown */
    for (size_t i = 0; md->new_states && i < md->new_m->state_count; i++) {
        if (md->new_states[i] == DIFF_SAME)
            continue;
        put_state_line(t, &md->new_m->states[i], md->new_states[i]);
        if (md->new_states[i] == DIFF_CHANGED)
            at = put_changes_of(t, md, at, md->new_m->states[i].name);
    }
    for (size_t i = 0; md->old_states && i < md->old_m->state_count; i++)
        if (md->old_states[i] == DIFF_REMOVED)
            put_state_line(t, &md->old_m->states[i], DIFF_REMOVED);
}

static void put_edges(text_out *t, const machine *m, const diff_status *st, diff_status want)
{
    for (size_t i = 0; st && i < m->edge_count; i++) {
        if (st[i] != want)
            continue;
        const wf_edge *e = &m->edges[i];
        open_color(t, status_color(want));
        strbuf_printf(t->out, "  %c edge ", status_sign(want));
        diff_put_end(t->out, m, e, true, display_escape);
        strbuf_puts(t->out, " -> ");
        diff_put_end(t->out, m, e, false, display_escape);
        strbuf_printf(t->out, " (%s)", edge_kind_name(e->kind));
        close_color(t);
        strbuf_putc(t->out, '\n');
    }
}

static void put_counts(strbuf *out, const machine_diff *md)
{
    const machine *m = md->new_m ? md->new_m : md->old_m;
    if (md->status == DIFF_ADDED || md->status == DIFF_REMOVED) {
        strbuf_printf(out, " (%zu states)", m->state_count);
        return;
    }
    if (md->status != DIFF_CHANGED)
        return;
    size_t added = diff_count(md->new_states, md->new_m->state_count, DIFF_ADDED);
    size_t removed = diff_count(md->old_states, md->old_m->state_count, DIFF_REMOVED);
    size_t changed = diff_count(md->new_states, md->new_m->state_count, DIFF_CHANGED);
    size_t eadded = diff_count(md->new_edges, md->new_m->edge_count, DIFF_ADDED);
    size_t eremoved = diff_count(md->old_edges, md->old_m->edge_count, DIFF_REMOVED);
    strbuf_printf(out, ": states +%zu -%zu ~%zu, edges +%zu -%zu", added, removed, changed, eadded, eremoved);
}

static void put_machine(text_out *t, const machine_diff *md)
{
    open_color(t, md->status == DIFF_SAME ? DIM : BOLD);
    strbuf_printf(t->out, "%c ", status_sign(md->status));
    display_escape(t->out, md->id);
    strbuf_printf(t->out, " %s", diff_status_name(md->status));
    put_counts(t->out, md);
    close_color(t);
    strbuf_putc(t->out, '\n');
    if (md->status != DIFF_CHANGED)
        return;
    for (size_t i = 0; i < md->change_count && md->changes[i].state[0] == '\0'; i++)
        put_change(t, &md->changes[i], "    ");
    put_states(t, md);
    put_edges(t, md->new_m, md->new_edges, DIFF_ADDED);
    put_edges(t, md->old_m, md->old_edges, DIFF_REMOVED);
}

void diff_write_text(strbuf *out, const doc_diff *d, bool color)
{
    text_out t = {out, color};
    open_color(&t, BOLD);
    strbuf_puts(out, "--- ");
    display_escape(out, diff_side_name(d->old_doc));
    strbuf_puts(out, "\n+++ ");
    display_escape(out, diff_side_name(d->new_doc));
    close_color(&t);
    strbuf_putc(out, '\n');
    if (d->count == 0)
        strbuf_puts(out, "no state machines\n");
    for (size_t i = 0; i < d->count; i++)
        put_machine(&t, &d->machines[i]);
}
