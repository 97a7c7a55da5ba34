/* boxes.c: scopes drawn as boxes: a Parallel's box with a dashed box per branch between its fork and
 * join bars, a Map's dashed box between its entry and exit points; collapsed, one node with a count. */
#include "graph/builder.h"


/* A Parallel or Map drawn as a box holding its scopes; collapsed, it is a node like any other. */
bool is_container(const builder *b, int i)
{
    return !b->collapse && valid_state(b, i) &&
           (b->m->states[i].type == STATE_PARALLEL || b->m->states[i].type == STATE_MAP);
}

/* Collapsed, only the top level is drawn. */
bool scope_drawn(const builder *b, int scope)
{
    return !b->collapse || workflow_scope_is_top(b->m, scope);
}

static void style_cluster(builder *b, Agraph_t *c, const theme_cluster *tc, const char *cls)
{
    char style[40];
    snprintf(style, sizeof style, "rounded,filled,%s", theme_line_name(tc->style));
    attr_set(c, "style", style);
    attr_set(c, "color", tc->border);
    attr_set(c, "fillcolor", tc->fill);
    if (tc->text[0]) /* an unlabelled box (a branch) has no text colour */
        attr_set(c, "fontcolor", tc->text);
    attr_set_number(c, "penwidth", b->t->cluster_line);
    attr_set_number(c, "fontsize", b->t->detail_size + 1);
    attr_set(c, "labeljust", "l");
    attr_set(c, "labelloc", "t");
    attr_set(c, "class", cls);
}

static void put_cluster_name(builder *b, const wf_state *s, const theme_cluster *tc)
{
    diff_put_badge(b, (int)(s - b->m->states));
    strbuf_printf(&b->label, "<font color=\"%s\" point-size=\"%g\"><b>", tc->text, b->t->font_size - 1);
    put_name_lines(&b->label, s->name, LABEL_MAX, NAME_LINES);
    strbuf_printf(&b->label, "</b></font><br align=\"left\"/><font color=\"%s\" point-size=\"%g\">", tc->detail,
                  b->t->detail_size);
}

/* `Parallel · 3 branches` or `Map · INLINE`: what a box is, in its label or in a collapsed node's. */
void put_container_kind(builder *b, const wf_state *s)
{
    if (s->type == STATE_PARALLEL)
        strbuf_printf(&b->label, "Parallel" SEP "%d branch%s", s->child_scope_count,
                      s->child_scope_count == 1 ? "" : "es");
    else
        strbuf_puts(&b->label, s->map.distributed ? "Map" SEP "DISTRIBUTED" : "Map" SEP "INLINE");
}

/* What a Map's box says after its kind: execution type, concurrency, reader or items, batching. */
static void put_map_facts(builder *b, const map_info *mi)
{
    strbuf *l = &b->label;
    if (mi->execution_type) {
        strbuf_puts(l, SEP);
        put_html(l, mi->execution_type, 12);
    }
    if (mi->max_concurrency > 0)
        strbuf_printf(l, SEP "max %lld concurrent", mi->max_concurrency);
    else if (mi->max_concurrency_path) {
        strbuf_puts(l, SEP "max ");
        put_html(l, mi->max_concurrency_path, 24);
        strbuf_puts(l, " concurrent");
    }
    if (mi->item_reader) {
        strbuf_puts(l, "<br align=\"left\"/>reads ");
        put_html(l, mi->item_reader, LABEL_MAX);
    } else if (mi->items_path) {
        strbuf_puts(l, "<br align=\"left\"/>items ");
        put_html(l, mi->items_path, LABEL_MAX);
    }
    if (mi->max_items_per_batch > 0)
        strbuf_printf(l, SEP "batches of %lld", mi->max_items_per_batch);
}

/* A Parallel's fork or join bar, with a guessed length per branch until bars_fit measures. */
static Agnode_t *add_bar(builder *b, Agraph_t *c, int i, const char *suffix, const char *cls)
{
    const wf_state *s = &b->m->states[i];
    Agnode_t *n = node_by_id(c, "s", i, suffix);
    attr_set(n, "class", cls);
    attr_set(n, "shape", "plain");
    attr_set(n, "color", b->t->bar);
    bar_cell *cells = sfn_calloc(2 * (size_t)s->child_scope_count + 1, sizeof *cells);
    size_t count = 0;
    cells[count++] = (bar_cell){-1, BAR_GUESS};
    for (int j = 0; j < s->child_scope_count; j++) {
        if (valid_scope(b, s->first_child_scope + j) && b->m->scopes[s->first_child_scope + j].state_count > 0) {
            cells[count++] = (bar_cell){j, BAR_PORT};
            cells[count++] = (bar_cell){-1, BAR_GUESS};
        }
    }
    bar_set_label(n, b->t->bar, b->lr, cells, count);
    free(cells);
    put_state_tip(b, s);
    attr_set_tip(b, n);
    return n;
}

/* A small ring where edges enter or leave a box (a Map's, or a Parallel's with retriers). */
static Agnode_t *add_point(builder *b, Agraph_t *c, int i, const char *suffix, const char *cls)
{
    Agnode_t *n = node_by_id(c, "s", i, suffix);
    attr_set(n, "label", "");
    attr_set(n, "class", cls);
    attr_set(n, "shape", "circle");
    attr_set(n, "style", "filled");
    attr_set(n, "color", b->t->bar);
    attr_set(n, "fillcolor", b->t->map.fill);
    attr_set(n, "fixedsize", "true");
    attr_set(n, "width", "0.09");
    attr_set(n, "height", "0.09");
    put_state_tip(b, &b->m->states[i]);
    attr_set_tip(b, n);
    return n;
}

/* Retry loops cannot hang off a bar as wide as the box (their label would widen the box it measures), so
 * a Parallel with retriers is entered through a point above its fork bar, as a Map is. */
static void add_joints(builder *b, Agraph_t *c, int i)
{
    if (b->m->states[i].type == STATE_MAP) {
        b->entry[i] = b->fork[i] = add_point(b, c, i, "", "entry");
        b->exit[i] = add_point(b, c, i, "_exit", "exit");
        return;
    }
    if (b->retries_on[i] > 0) {
        b->entry[i] = add_point(b, c, i, "", "entry");
        b->fork[i] = add_bar(b, c, i, "_fork", "fork");
        Agedge_t *e = agedge(c, b->entry[i], b->fork[i], NULL, 1);
        attr_set(e, "class", "fork");
        attr_set(e, "arrowhead", "none");
        attr_set(e, "weight", "8");
    } else {
        b->entry[i] = b->fork[i] = add_bar(b, c, i, "", "fork");
    }
    b->exit[i] = add_bar(b, c, i, "_join", "join");
}

/* The box of Parallel or Map state i, with its fork/join bars or entry/exit points; made on first use. */

Agraph_t *container_graph(builder *b, int i, size_t depth)
{
    if (b->cluster[i])
        return b->cluster[i];
    const wf_state *s = &b->m->states[i];
    bool par = s->type == STATE_PARALLEL;
    char name[ID_SIZE];
    snprintf(name, sizeof name, par ? "cluster_p%d" : "cluster_m%d", i);
    Agraph_t *c = agsubg(scope_graph(b, s->scope, depth + 1), name, 1);
    b->cluster[i] = c;
    const theme_cluster *tc = par ? &b->t->parallel : &b->t->map;
    style_cluster(b, c, tc, par ? "parallel" : "map");
    put_cluster_name(b, s, tc);
    put_container_kind(b, s);
    if (!par)
        put_map_facts(b, &s->map);
    strbuf_puts(&b->label, "</font><br align=\"left\"/>");
    if (b->compact && b->retry_first[i] >= 0)
        put_retry_line(b, i, true);
    diff_put_changes(b, i, true);
    attr_set_html(b, c, "label", &b->label);
    put_state_tip(b, s);
    attr_set_tip(b, c);
    diff_style_cluster(b, i, c);
    add_joints(b, c, i);
    return c;
}

static Agraph_t *branch_cluster(builder *b, int parallel, int branch, Agraph_t *box)
{
    char name[ID_SIZE * 2];
    snprintf(name, sizeof name, "cluster_p%d_b%d", parallel, branch);
    Agraph_t *c = agsubg(box, name, 1);
    style_cluster(b, c, &b->t->branch, "branch");
    attr_set(c, "label", "");
    strbuf_printf(&b->tip, "Branch %d of ", branch + 1);
    put_tip(&b->tip, b->m->states[parallel].name);
    attr_set_tip(b, c);
    return c;
}

/* Which branch of its Parallel a scope is: cluster and port names use it. */
int branch_index(const builder *b, int scope)
{
    const wf_scope *sc = &b->m->scopes[scope];
    return sc->branch >= 0 ? sc->branch : scope - b->m->states[sc->parent].first_child_scope;
}

/* The graph a scope's states go in: the root for the top level, a branch box, a Map box. */
Agraph_t *scope_graph(builder *b, int scope, size_t depth)
{
    if (!valid_scope(b, scope))
        return b->g;
    if (b->scope_graph[scope])
        return b->scope_graph[scope];
    const wf_scope *sc = &b->m->scopes[scope];
    Agraph_t *g = b->g;
    if (is_container(b, sc->parent) && depth <= b->m->scope_count) {
        Agraph_t *box = container_graph(b, sc->parent, depth);
        const wf_state *p = &b->m->states[sc->parent];
        g = p->type == STATE_PARALLEL ? branch_cluster(b, sc->parent, branch_index(b, scope), box) : box;
    }
    b->scope_graph[scope] = g;
    return g;
}
