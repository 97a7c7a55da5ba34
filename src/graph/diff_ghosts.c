/* diff_ghosts.c: in a drawn diff (diff_marks.c), the states and transitions only the old machine has,
 * drawn as ghosts where they stood.
 *
 * A removed state is placed in the scope it was in when the new machine still has that scope (the top
 * level, or the branch of a Parallel, the processor of a Map, that has the same name, type and position),
 * else in the nearest scope around it that it still has; its removed transitions join it to the states
 * of the new machine of the same names, which is what holds it where it stood. A removed Parallel or Map
 * is one ghost node: what was inside it went with it. A removed retrier is not a ghost edge of its own:
 * the state's one retry loop lists it, after a minus sign (edges.c, diff_retriers.c), and a state that
 * lost all its retriers gets a ghost loop for them. */
#include "graph/builder.h"

static int new_state_named(const builder *b, const char *name)
{
    return name ? strmap_get(&b->diff_names, DIFF_NS_STATE, name) : -1;
}

static int top_scope(const machine *m)
{
    for (size_t i = 0; i < m->scope_count; i++)
        if (m->scopes[i].parent < 0)
            return (int)i;
    return -1;
}

/* The new machine's scope for old scope `sc`: the same one (*exact), else the nearest around it that is
 * still there. A child scope is the same when its Parallel or Map has the same name and type, and has a
 * scope at the same position. */
static int map_scope(const builder *b, int sc, bool *exact)
{
    const machine *o = b->diff->old_m, *n = b->m;
    *exact = true;
    for (size_t guard = 0; guard <= o->scope_count && sc >= 0 && (size_t)sc < o->scope_count; guard++) {
        int parent = o->scopes[sc].parent;
        if (parent < 0 || (size_t)parent >= o->state_count)
            break;
        const wf_state *op = &o->states[parent];
        int np = new_state_named(b, op->name);
        int k = sc - op->first_child_scope;
        if (np >= 0 && n->states[np].type == op->type && k >= 0 && k < n->states[np].child_scope_count)
            return n->states[np].first_child_scope + k;
        *exact = false;
        sc = op->scope;
    }
    return top_scope(n);
}

/* Whether a Parallel or Map around old state i was removed too: then i went with it. */
static bool inside_removed(const builder *b, int i)
{
    const machine *o = b->diff->old_m;
    int sc = o->states[i].scope;
    for (size_t guard = 0; guard <= o->scope_count && sc >= 0 && (size_t)sc < o->scope_count; guard++) {
        int parent = o->scopes[sc].parent;
        if (parent < 0 || (size_t)parent >= o->state_count)
            return false;
        if (b->diff->old_states[parent] == DIFF_REMOVED)
            return true;
        sc = o->states[parent].scope;
    }
    return false;
}

static void add_ghost(builder *b, int i, int scope)
{
    const wf_state *s = &b->diff->old_m->states[i];
    mark_look l;
    diff_look(b, DIFF_REMOVED, &l);
    Agnode_t *n = node_by_id(scope_graph(b, scope, 0), "gone", i, "");
    b->gone[i] = n;
    char cls[48];
    snprintf(cls, sizeof cls, "%s removed", state_class(s->type));
    attr_set(n, "class", cls);
    attr_set(n, "shape", s->type == STATE_CHOICE ? "diamond" : "box");
    attr_set(n, "style", s->type == STATE_CHOICE ? "filled,dotted" : "rounded,filled,dotted");
    if (s->type == STATE_CHOICE)
        attr_set(n, "margin", "0.06,0.04");
    attr_set(n, "fillcolor", l.box->fill);
    attr_set(n, "color", l.box->border);
    attr_set(n, "fontcolor", l.box->text);
    diff_badge(b, &l);
    put_state_body(b, s, l.box);
    if (s->type == STATE_PARALLEL || s->type == STATE_MAP) {
        strbuf_printf(&b->label, "<br/><font point-size=\"%g\" color=\"%s\">", b->t->detail_size, l.box->detail);
        put_container_kind(b, s);
        strbuf_puts(&b->label, "</font>");
    }
    attr_set_html(b, n, "label", &b->label);
    put_state_tip(b, s);
    strbuf_puts(&b->tip, "\nRemoved");
    attr_set_tip(b, n);
}

/* Where a removed transition of old state i ends in the drawing: the state of that name in the new
 * machine (where edges leave it, or arrive), else i's ghost; NULL when neither is drawn. */
static Agnode_t *old_state_node(builder *b, int i, bool tail, int *now)
{
    *now = new_state_named(b, b->diff->old_m->states[i].name);
    if (*now >= 0)
        return tail ? b->exit[*now] : b->entry[*now];
    return b->gone[i];
}

static Agnode_t *removed_tail(builder *b, const wf_edge *e, int *now)
{
    bool exact;
    *now = -1;
    if (e->kind == EDGE_START) {
        int sc = map_scope(b, e->scope, &exact);
        return exact && scope_drawn(b, sc) ? scope_start(b, sc) : NULL;
    }
    return e->from >= 0 && (size_t)e->from < b->diff->old_m->state_count ? old_state_node(b, e->from, true, now)
                                                                            : NULL;
}

static Agnode_t *removed_head(builder *b, const wf_edge *e, int *now)
{
    bool exact;
    *now = -1;
    if (e->kind == EDGE_END) {
        int sc = map_scope(b, e->scope, &exact);
        return exact && scope_drawn(b, sc) ? scope_end(b, sc, -1) : NULL;
    }
    return e->to >= 0 && (size_t)e->to < b->diff->old_m->state_count ? old_state_node(b, e->to, false, now)
                                                                        : NULL;
}

/* `− default`, `− catch States.ALL`, `− $.x == 1`: what the removed transition said (not compact). */
static void removed_label(builder *b, Agedge_t *ge, const wf_edge *e)
{
    if (b->compact || (e->kind != EDGE_CHOICE && e->kind != EDGE_DEFAULT && e->kind != EDGE_CATCH))
        return;
    strbuf_puts(&b->label, MINUS_SIGN " ");
    if (e->kind == EDGE_DEFAULT)
        strbuf_puts(&b->label, "default");
    else if (e->kind == EDGE_CHOICE)
        put_wrapped(&b->label, e->label ? e->label : "rule", RULE_WIDTH, 2);
    else {
        strbuf_puts(&b->label, "catch ");
        put_html(&b->label, e->label ? e->label : "", LABEL_MAX);
    }
    attr_set_html(b, ge, "label", &b->label);
}

static void add_removed_edge(builder *b, const wf_edge *e)
{
    int from_now, to_now;
    Agnode_t *tail = removed_tail(b, e, &from_now), *head = removed_head(b, e, &to_now);
    if (!tail || !head)
        return;
    Agedge_t *ge = agedge(b->g, tail, head, NULL, 1);
    mark_look l;
    diff_look(b, DIFF_REMOVED, &l);
    attr_set(ge, "class", edge_kind_name(e->kind));
    diff_mark_edge(b, ge, &l, true);
    removed_label(b, ge, e);
    if (is_container(b, from_now) && tail == b->exit[from_now])
        attr_set(ge, "ltail", agnameof(b->cluster[from_now]));
    if (is_container(b, to_now) && head == b->entry[to_now])
        attr_set(ge, "lhead", agnameof(b->cluster[to_now]));
    strbuf_puts(&b->tip, "Removed: ");
    strbuf_puts(&b->tip, edge_kind_name(e->kind));
    if (e->to_name) {
        strbuf_puts(&b->tip, " " ARROW_SIGN " ");
        put_tip(&b->tip, e->to_name);
    }
    attr_set_tip(b, ge);
}

void diff_add_removed(builder *b)
{
    if (!b->diff || !b->gone || !b->diff->old_states)
        return;
    const machine *o = b->diff->old_m;
    for (size_t i = 0; i < o->state_count; i++) {
        bool exact;
        if (b->diff->old_states[i] != DIFF_REMOVED || inside_removed(b, (int)i))
            continue;
        int sc = map_scope(b, o->states[i].scope, &exact);
        if (scope_drawn(b, sc))
            add_ghost(b, (int)i, sc);
    }
    for (size_t i = 0; b->diff->old_edges && i < o->edge_count; i++)
        if (b->diff->old_edges[i] == DIFF_REMOVED && o->edges[i].kind != EDGE_RETRY)
            add_removed_edge(b, &o->edges[i]);
    for (size_t i = 0; i < b->m->state_count; i++)
        if (diff_state_mark(b, (int)i) == DIFF_CHANGED && b->retries_on[i] == 0)
            add_lost_retry_loop(b, (int)i);
}
