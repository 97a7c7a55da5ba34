/* diff_marks.c: a drawn diff (`sfnviz diff -f svg`): the new machine's graph, its states and edges marked
 * added or changed, the states and edges only the old machine has drawn as ghosts where they stood.
 *
 * Colour is never the only cue, so that the marks read in the mono theme, in print and to a colour-blind
 * reader: each mark has a badge before the name ("+" added, "~" changed, "−" removed) and an outline of its
 * own (bold; bold and dashed; dotted and thin), a changed state names what changed on a line of its label,
 * and transitions are bold when added, dotted with a hollow arrowhead when removed. The colours are the
 * theme's diff.* keys.
 *
 * The ghosts of removed states and transitions are diff_ghosts.c's. A machine removed as a whole is its
 * old graph, every state and edge marked removed (graph.c draws diff_drawn_machine). */
#include "graph/builder.h"
#include "graph/graph.h"

enum {
    FIELDS_SHOWN = 3,   /* changed fields named in a state's label; more are counted */
    VALUE_TIP_MAX = 160, /* bytes of an old or new value shown in a tooltip */
};

const machine *diff_drawn_machine(const machine_diff *md)
{
    return md->new_m ? md->new_m : md->old_m;
}

bool diff_look(const builder *b, diff_status s, mark_look *out)
{
    const theme *t = b->t;
    switch (s) {
    case DIFF_ADDED: *out = (mark_look){&t->diff_added, "+", NULL, "added", true}; return true;
    case DIFF_CHANGED: *out = (mark_look){&t->diff_changed, "~", "dashed", "changed", true}; return true;
    case DIFF_REMOVED: *out = (mark_look){&t->diff_removed, MINUS_SIGN, "dotted", "removed", false}; return true;
    case DIFF_SAME: break;
    }
    return false;
}

/* The pen of a bold outline or an added transition: twice the theme's, and at least 2.4 points. */
static double bold_pen(double line)
{
    return line * 2 > 2.4 ? line * 2 : 2.4;
}

void diff_begin(builder *b, const render_options *o)
{
    b->diff = o ? o->diff : NULL;
    if (!b->diff)
        return;
    const machine_diff *d = b->diff;
    bool old_side = !d->new_m; /* a removed machine is drawn from the old */
    b->state_marks = old_side ? d->old_states : d->new_states;
    b->edge_marks = old_side ? d->old_edges : d->new_edges;
    b->diff_all = d->status == DIFF_ADDED ? DIFF_ADDED : d->status == DIFF_REMOVED ? DIFF_REMOVED : DIFF_SAME;
    b->diff_kinds = o->legend;
    strmap_init(&b->diff_names);
    for (size_t i = 0; i < d->change_count; i++)
        if (d->changes[i].state)
            strmap_put(&b->diff_names, DIFF_NS_CHANGES, d->changes[i].state, (int)i);
    for (size_t i = 0; i < b->m->state_count; i++)
        strmap_put(&b->diff_names, DIFF_NS_STATE, b->m->states[i].name, (int)i);
    if (!old_side && d->old_m && d->old_m->state_count) {
        b->gone = sfn_calloc(d->old_m->state_count, sizeof *b->gone);
        diff_retriers_begin(b);
    }
}

void diff_end(builder *b)
{
    if (!b->diff)
        return;
    strmap_free(&b->diff_names);
    free(b->gone);
    b->gone = NULL;
    diff_retriers_end(b);
}

diff_status diff_state_mark(const builder *b, int state)
{
    if (!b->diff || !valid_state(b, state))
        return DIFF_SAME;
    return b->state_marks ? b->state_marks[state] : b->diff_all;
}

static diff_status edge_mark(const builder *b, int edge)
{
    if (!b->diff || edge < 0 || (size_t)edge >= b->m->edge_count)
        return DIFF_SAME;
    return b->edge_marks ? b->edge_marks[edge] : b->diff_all;
}

void diff_badge(builder *b, const mark_look *l)
{
    strbuf_printf(&b->label, "<font color=\"%s\"><b>%s</b></font> ", l->box->detail, l->badge);
}

void diff_put_badge(builder *b, int state)
{
    mark_look l;
    if (diff_look(b, diff_state_mark(b, state), &l))
        diff_badge(b, &l);
}

const theme_box *diff_box(const builder *b, int state, const theme_box *box)
{
    mark_look l;
    return diff_look(b, diff_state_mark(b, state), &l) ? l.box : box;
}

void diff_put_edge_badge(builder *b, int edge)
{
    if (edge_mark(b, edge) == DIFF_ADDED)
        strbuf_printf(&b->label, "<font color=\"%s\"><b>+</b></font> ", b->t->diff_added.detail);
}

/* The changes of the state named `name`: consecutive in diff->changes (diff.h); [*first, *end). */
static bool changes_of(const builder *b, const char *name, size_t *first, size_t *end)
{
    int at = name ? strmap_get(&b->diff_names, DIFF_NS_CHANGES, name) : -1;
    if (at < 0)
        return false;
    size_t i = (size_t)at;
    while (i < b->diff->change_count && b->diff->changes[i].state && strcmp(b->diff->changes[i].state, name) == 0)
        i++;
    *first = (size_t)at;
    *end = i;
    return true;
}

/* The top of a field's path: "Choices" of "Choices[0].Next", "Parameters" of "Parameters.Key". */
static size_t field_head(const char *field)
{
    return strcspn(field, ".[");
}

/* `~ Next, Resource, Retry +2`: each field once, by the top of its path. */
void diff_put_changes(builder *b, int state, bool in_box)
{
    size_t first, end;
    if (diff_state_mark(b, state) != DIFF_CHANGED || !changes_of(b, b->m->states[state].name, &first, &end))
        return;
    strbuf_printf(&b->label, "%s<font point-size=\"%g\" color=\"%s\">~ ", in_box ? "" : "<br/>", b->t->detail_size,
                  b->t->diff_changed.detail);
    size_t shown = 0, more = 0;
    char head[LABEL_MAX + 1];
    for (size_t i = first; i < end; i++) {
        const char *f = b->diff->changes[i].field ? b->diff->changes[i].field : "?";
        size_t n = field_head(f), k = first;
        for (; k < i; k++) /* already named? */
            if (b->diff->changes[k].field && field_head(b->diff->changes[k].field) == n &&
                strncmp(b->diff->changes[k].field, f, n) == 0)
                break;
        if (k < i)
            continue;
        if (shown == FIELDS_SHOWN) {
            more++;
            continue;
        }
        snprintf(head, sizeof head, "%.*s", (int)(n < LABEL_MAX ? n : LABEL_MAX), f);
        strbuf_puts(&b->label, shown++ ? ", " : "");
        put_html(&b->label, head, LABEL_MAX);
    }
    if (more)
        strbuf_printf(&b->label, " +%zu", more);
    strbuf_puts(&b->label, in_box ? "</font><br align=\"left\"/>" : "</font>");
}

/* A value for a tooltip: cut at VALUE_TIP_MAX bytes, on a character boundary, with "…". */
static void put_value_tip(builder *b, const char *v)
{
    if (!v) {
        strbuf_puts(&b->tip, "(absent)");
        return;
    }
    size_t n = strlen(v);
    if (n <= VALUE_TIP_MAX) {
        put_tip(&b->tip, v);
        return;
    }
    n = VALUE_TIP_MAX;
    while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
        n--;
    strbuf cut;
    strbuf_init(&cut);
    strbuf_put(&cut, v, n);
    strbuf_puts(&cut, ELLIPSIS);
    put_tip(&b->tip, strbuf_cstr(&cut));
    strbuf_free(&cut);
}

/* The tooltip of a marked state: as usual, then what the mark means, and each change old → new. */
static void mark_tip(builder *b, int state, diff_status s, void *obj)
{
    const wf_state *st = &b->m->states[state];
    put_state_tip(b, st);
    strbuf_puts(&b->tip, s == DIFF_ADDED ? "\nAdded" : s == DIFF_REMOVED ? "\nRemoved" : "\nChanged");
    size_t first, end;
    if (s == DIFF_CHANGED && changes_of(b, st->name, &first, &end))
        for (size_t i = first; i < end; i++) {
            strbuf_puts(&b->tip, "\n");
            put_tip(&b->tip, b->diff->changes[i].field ? b->diff->changes[i].field : "?");
            strbuf_puts(&b->tip, ": ");
            put_value_tip(b, b->diff->changes[i].old_value);
            strbuf_puts(&b->tip, " " ARROW_SIGN " ");
            put_value_tip(b, b->diff->changes[i].new_value);
        }
    attr_set_tip(b, obj);
}

/* Adds a word to an object's class ("task" becomes "task added"), which the SVG keeps. */
static void add_class(void *obj, const char *word)
{
    char cls[96];
    const char *was = agget(obj, "class");
    snprintf(cls, sizeof cls, "%s%s%s", was && *was ? was : "", was && *was ? " " : "", word);
    attr_set(obj, "class", cls);
}

void diff_style_state(builder *b, int state, Agnode_t *n)
{
    mark_look l;
    diff_status s = diff_state_mark(b, state);
    if (!diff_look(b, s, &l))
        return;
    bool diamond = b->m->states[state].type == STATE_CHOICE;
    char style[48];
    snprintf(style, sizeof style, "%s%s%s", diamond ? "filled" : "rounded,filled", l.line ? "," : "",
             l.line ? l.line : "");
    add_class(n, l.cls);
    attr_set(n, "style", style);
    attr_set(n, "fillcolor", l.box->fill);
    attr_set(n, "color", l.box->border);
    attr_set(n, "fontcolor", l.box->text);
    attr_set_number(n, "penwidth", l.bold ? bold_pen(b->t->node_line) : b->t->node_line);
    mark_tip(b, state, s, n);
}

void diff_style_cluster(builder *b, int state, Agraph_t *c)
{
    mark_look l;
    diff_status s = diff_state_mark(b, state);
    if (!diff_look(b, s, &l))
        return;
    char style[48];
    snprintf(style, sizeof style, "rounded,filled,%s", l.line ? l.line : "solid");
    add_class(c, l.cls);
    attr_set(c, "style", style);
    attr_set(c, "fillcolor", l.box->fill);
    attr_set(c, "color", l.box->border);
    attr_set_number(c, "penwidth", l.bold ? bold_pen(b->t->cluster_line) : b->t->cluster_line);
    mark_tip(b, state, s, c);
}

/* `text`: the label takes the mark's colour too (not for Choice rules of which only some were added). */
void diff_mark_edge(builder *b, Agedge_t *ge, const mark_look *l, bool text)
{
    add_class(ge, l->cls);
    attr_set(ge, "color", l->box->border);
    if (text)
        attr_set(ge, "fontcolor", l->box->detail);
    if (l->bold) {
        attr_set_number(ge, "penwidth", bold_pen(b->t->edge_line));
    } else {
        attr_set(ge, "style", "dotted");
        attr_set(ge, "arrowhead", "empty");
    }
}

/* A Choice's rules to one target are one edge (edges.c): added when any of them is, its added rules with
 * a "+" in its label (diff_put_edge_badge). */
void diff_style_edge(builder *b, int edge, Agedge_t *ge)
{
    mark_look l;
    diff_status s = edge_mark(b, edge);
    bool all = true;
    if (edge_is_rule(&b->m->edges[edge]))
        for (int i = b->rule_group_next[edge]; i >= 0; i = b->rule_group_next[i]) {
            all = all && edge_mark(b, i) == s;
            s = s == DIFF_SAME ? edge_mark(b, i) : s;
        }
    if (diff_look(b, s, &l))
        diff_mark_edge(b, ge, &l, all);
}

/* ---- Title and key --------------------------------------------------------------------------------- */

static void count_marks(const diff_status *marks, size_t n, diff_status all, size_t counts[4])
{
    for (size_t i = 0; i < n; i++)
        counts[marks ? marks[i] : all]++;
}

/* `2 states added, 1 removed, 3 changed · 1 transition added`, or what became of the whole machine. */
static void put_counts(builder *b)
{
    const machine_diff *d = b->diff;
    strbuf *l = &b->label;
    if (d->status == DIFF_ADDED || d->status == DIFF_REMOVED) {
        strbuf_printf(l, "%s" SEP "%zu state%s", d->status == DIFF_ADDED ? "new machine" : "machine removed",
                      b->m->state_count, b->m->state_count == 1 ? "" : "s");
        return;
    }
    size_t ns[4] = {0}, os[4] = {0}, ne[4] = {0}, oe[4] = {0};
    count_marks(d->new_states, d->new_m ? d->new_m->state_count : 0, DIFF_SAME, ns);
    count_marks(d->old_states, d->old_m ? d->old_m->state_count : 0, DIFF_SAME, os);
    count_marks(d->new_edges, d->new_m ? d->new_m->edge_count : 0, DIFF_SAME, ne);
    count_marks(d->old_edges, d->old_m ? d->old_m->edge_count : 0, DIFF_SAME, oe);
    if (ns[DIFF_ADDED] + os[DIFF_REMOVED] + ns[DIFF_CHANGED] + ne[DIFF_ADDED] + oe[DIFF_REMOVED] == 0) {
        strbuf_puts(l, "no changes");
        return;
    }
    strbuf_printf(l, "%zu state%s added, %zu removed, %zu changed", ns[DIFF_ADDED], ns[DIFF_ADDED] == 1 ? "" : "s",
                  os[DIFF_REMOVED], ns[DIFF_CHANGED]);
    if (ne[DIFF_ADDED] + oe[DIFF_REMOVED])
        strbuf_printf(l, SEP "%zu transition%s added, %zu removed", ne[DIFF_ADDED], ne[DIFF_ADDED] == 1 ? "" : "s",
                      oe[DIFF_REMOVED]);
}

void diff_put_title(builder *b)
{
    const machine *m = b->m;
    const char *id = b->diff->id ? b->diff->id : m->id;
    strbuf *l = &b->label;
    strbuf_printf(l, "<tr><td align=\"left\"><font point-size=\"%g\" color=\"%s\"><b>Diff: ", b->t->title_size,
                  b->t->title_text);
    put_html(l, m->name ? m->name : id ? id : "state machine", TITLE_MAX);
    strbuf_printf(l, "</b></font></td></tr><tr><td align=\"left\"><font color=\"%s\">", b->t->title_detail);
    if (m->name && id) {
        put_html(l, id, TITLE_MAX);
        strbuf_puts(l, SEP);
    }
    put_counts(b);
    strbuf_puts(l, "</font></td></tr>");
}

static bool any_mark(const diff_status *marks, size_t n, diff_status all, diff_status want)
{
    for (size_t i = 0; i < n; i++)
        if ((marks ? marks[i] : all) == want)
            return true;
    return false;
}

bool diff_legend(const builder *b, legend_diff *out)
{
    *out = (legend_diff){.kinds = true};
    if (!b->diff)
        return false;
    const machine *m = b->m, *o = b->gone ? b->diff->old_m : NULL;
    out->added = any_mark(b->state_marks, m->state_count, b->diff_all, DIFF_ADDED);
    out->changed = any_mark(b->state_marks, m->state_count, b->diff_all, DIFF_CHANGED);
    out->removed = any_mark(b->state_marks, m->state_count, b->diff_all, DIFF_REMOVED) ||
                   (o && any_mark(b->diff->old_states, o->state_count, DIFF_SAME, DIFF_REMOVED));
    out->edge_added = any_mark(b->edge_marks, m->edge_count, b->diff_all, DIFF_ADDED);
    out->edge_removed = any_mark(b->edge_marks, m->edge_count, b->diff_all, DIFF_REMOVED) ||
                        (o && any_mark(b->diff->old_edges, o->edge_count, DIFF_SAME, DIFF_REMOVED));
    out->kinds = b->diff_kinds;
    return out->added || out->changed || out->removed || out->edge_added || out->edge_removed;
}
