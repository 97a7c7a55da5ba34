/* graph.c: the workflow model and a theme drawn as a cgraph graph (see graph.h for the naming scheme).
 *
 * This file plans the level of detail and drives the build; each part of the drawing has its own file,
 * sharing the builder (builder.h): label_text.c, builder.c (title, legend), boxes.c, states.c, edges.c.
 *
 * Layout is Graphviz's; this file decides what is drawn and how it looks: one node per state with an
 * HTML-like label (bold name over a coloured detail line), Parallel states as a box holding one dashed box
 * per branch between a fork bar and a join bar, Map states as a dashed box with an entry and an exit point,
 * one edge per model edge with a line style and label per kind, so colour is never the only cue.
 *
 * User text reaches Graphviz in two forms, each escaped for what Graphviz 2.43 does with it:
 *  - HTML-like labels: entities for & < > " ', and backslashes doubled, since Graphviz expands \N, \G and
 *    friends in label text after decoding entities (a `\\` comes out as one backslash);
 *  - tooltips (plain strings): `&` as `&amp;` (the SVG writer passes entities through), each backslash as
 *    four (tooltips go through escape processing twice: \n, then \N), and never a trailing backslash,
 *    which agwrite would turn into an escaped closing quote.
 * Both first become valid UTF-8 without characters XML 1.0 forbids (U+FFFD instead), and long labels are
 * cut with "…" while the tooltip keeps the whole text. */
#include "graph/graph.h"
#include "graph/builder.h"
#include "graph/cgraph_ids.h"

static void builder_init(builder *b, const machine *m, const render_options *o, Agraph_t *g)
{
    memset(b, 0, sizeof *b);
    b->m = m;
    b->t = o->theme; /* never NULL (options.h): the drawing module has no theme_default() */
    b->lr = o->left_right;
    b->compact = o->detail >= DETAIL_COMPACT;
    b->collapse = o->detail >= DETAIL_COLLAPSED;
    b->g = g;
    b->scope_graph = sfn_calloc(m->scope_count, sizeof *b->scope_graph);
    b->start = sfn_calloc(m->scope_count, sizeof *b->start);
    b->end = sfn_calloc(m->scope_count, sizeof *b->end);
    b->cluster = sfn_calloc(m->state_count, sizeof *b->cluster);
    b->entry = sfn_calloc(m->state_count, sizeof *b->entry);
    b->fork = sfn_calloc(m->state_count, sizeof *b->fork);
    b->retries_on = sfn_calloc(m->state_count, sizeof *b->retries_on);
    b->exit = sfn_calloc(m->state_count, sizeof *b->exit);
    b->catches_into = sfn_calloc(m->state_count, sizeof *b->catches_into);
    b->retry_first = sfn_calloc(m->state_count, sizeof *b->retry_first);
    b->rules_out = sfn_calloc(m->state_count, sizeof *b->rules_out);
    b->inside = sfn_calloc(m->state_count, sizeof *b->inside);
    b->rule_rep = sfn_calloc(m->edge_count, sizeof *b->rule_rep);
    b->rule_group_next = sfn_calloc(m->edge_count, sizeof *b->rule_group_next);
    b->retry_next = sfn_calloc(m->edge_count, sizeof *b->retry_next);
    b->closes_loop = sfn_calloc(m->edge_count, sizeof *b->closes_loop);
    b->own_end = sfn_calloc(m->state_count, sizeof *b->own_end);
    b->depth = sfn_calloc(m->state_count, sizeof *b->depth);
    b->height = sfn_calloc(m->state_count, sizeof *b->height);
    strmap_init(&b->ghost_index);
    strbuf_init(&b->label);
    strbuf_init(&b->tip);
}

static void builder_free(builder *b)
{
    free(b->scope_graph);
    free(b->start);
    free(b->end);
    free(b->cluster);
    free(b->entry);
    free(b->fork);
    free(b->retries_on);
    free(b->exit);
    free(b->catches_into);
    free(b->retry_first);
    free(b->rules_out);
    free(b->inside);
    free(b->rule_rep);
    free(b->rule_group_next);
    free(b->retry_next);
    free(b->closes_loop);
    free(b->own_end);
    free(b->depth);
    free(b->height);
    free(b->ghosts);
    strmap_free(&b->ghost_index);
    strbuf_free(&b->label);
    strbuf_free(&b->tip);
}

/* Links the rules of each group (group_rules) in order, and counts the edges each Choice draws. */
static void link_rule_groups(builder *b)
{
    const machine *m = b->m;
    group_rules(m, b->rule_rep);
    int *last = sfn_calloc(m->edge_count, sizeof *last); /* per group: its last edge so far */
    for (size_t i = 0; i < m->edge_count; i++) {
        b->rule_group_next[i] = -1;
        int r = b->rule_rep[i];
        if (!edge_is_rule(&m->edges[i]) || !valid_state(b, m->edges[i].from))
            continue;
        if (r == (int)i)
            b->rules_out[m->edges[i].from]++;
        else
            b->rule_group_next[last[r]] = (int)i;
        last[r] = (int)i;
    }
    free(last);
}

void link_retriers(const machine *m, int *first, int *next, int *count)
{
    for (size_t i = 0; i < m->state_count; i++)
        first[i] = -1;
    for (size_t i = m->edge_count; i-- > 0;) { /* from the last edge to the first: each list in order */
        const wf_edge *e = &m->edges[i];
        next[i] = -1;
        if (e->kind == EDGE_RETRY && e->from >= 0 && (size_t)e->from < m->state_count) {
            next[i] = first[e->from];
            first[e->from] = (int)i;
            if (count)
                count[e->from]++;
        }
    }
}

/* Counts catch edges per target; links each state's retriers in order, and each Choice's rules by
 * target. */
static void count_edges(builder *b)
{
    link_retriers(b->m, b->retry_first, b->retry_next, b->retries_on);
    for (size_t i = 0; i < b->m->edge_count; i++) {
        const wf_edge *e = &b->m->edges[i];
        if (e->kind == EDGE_CATCH && valid_state(b, e->to))
            b->catches_into[e->to]++;
    }
    for (size_t i = 0; i < b->m->state_count && !b->any_retry; i++)
        b->any_retry = b->retries_on[i] > 0;
    link_rule_groups(b);
}

/* An End edge of a top-level state. */
static bool ends_top_level(const builder *b, const wf_edge *e)
{
    return e->kind == EDGE_END && valid_state(b, e->from) && workflow_scope_is_top(b->m, e->scope);
}

/* Terminal states far above the top level's End marker get an End marker of their own: edges from all
 * over a large diagram converging on one node are what makes dot's layout slow (1000 synthetic states,
 * collapsed: 2.9 s with one End, 0.11 s so; bench/README.md), and a line down a whole diagram is no help
 * to a reader either. Far is more than END_REACH steps, estimated by longest paths (paths_depths). */
static void find_far_ends(builder *b)
{
    const machine *m = b->m;
    int bottom = 0;
    for (size_t i = 0; i < m->edge_count; i++)
        if (ends_top_level(b, &m->edges[i]) && step_below(b, m->edges[i].from) > bottom)
            bottom = step_below(b, m->edges[i].from);
    for (size_t i = 0; i < m->edge_count; i++)
        if (ends_top_level(b, &m->edges[i]))
            b->own_end[m->edges[i].from] = bottom - step_below(b, m->edges[i].from) > END_REACH;
    b->bottom = bottom;
}

/* The top level's Start marker first and its End marker last, so dot's initial order reads top down. */
static void add_states(builder *b)
{
    for (size_t i = 0; i < b->m->edge_count; i++) {
        const wf_edge *e = &b->m->edges[i];
        if (e->kind == EDGE_START && scope_drawn(b, e->scope) && !is_container(b, b->m->scopes[e->scope].parent))
            scope_start(b, e->scope);
    }
    for (size_t i = 0; i < b->m->state_count; i++)
        add_state(b, (int)i);
}

/* A machine with nothing to draw (definition in S3, missing or broken) still gets a diagram that says so. */
static void add_note(builder *b)
{
    const machine *m = b->m;
    Agnode_t *n = agnode(b->g, "note0", 1);
    attr_set(n, "class", "note");
    attr_set(n, "style", "rounded,filled,dashed");
    attr_set(n, "fillcolor", b->t->missing.fill);
    attr_set(n, "color", b->t->missing.border);
    attr_set(n, "fontcolor", b->t->missing.text);
    const char *what = m->status == MACHINE_S3 ? "definition in S3: nothing local to draw"
                       : m->status == MACHINE_MISSING ? "definition file is missing"
                       : m->status == MACHINE_ERROR ? "definition cannot be drawn"
                                                    : "no states";
    strbuf_puts(&b->label, what);
    if (m->where) {
        strbuf_puts(&b->label, "<br/>");
        put_html(&b->label, m->where, TITLE_MAX);
    }
    attr_set_html(b, n, "label", &b->label);
    put_tip(&b->tip, m->message ? m->message : what);
    attr_set_tip(b, n);
}

/* The graph's name shows in the SVG's <title>: the machine's ID, made valid text. */
static Agraph_t *open_graph(const machine *m)
{
    strbuf name;
    strbuf_init(&name);
    clean_text(&name, m->id ? m->id : "state machine", true);
    if (name.len && name.data[name.len - 1] == '\\')
        strbuf_putc(&name, ' ');
    Agraph_t *g = graph_open(strbuf_cstr(&name));
    strbuf_free(&name);
    return g;
}

/* Each drawn state's step in the whole drawing: its step in its scope, plus where its scope starts (a
 * Parallel's branches and a Map's processor a step under the box's top). The model numbers child scopes
 * after their parent's, so each box is placed before its insides. */
static void absolute_steps(const builder *b, int *at)
{
    const machine *m = b->m;
    for (size_t sc = 0; sc < m->scope_count; sc++) {
        int parent = m->scopes[sc].parent;
        int offset = is_container(b, parent) ? at[parent] + 1 : 0;
        for (int i = m->scopes[sc].first_state; i < m->scopes[sc].first_state + m->scopes[sc].state_count; i++)
            if (valid_state(b, i))
                at[i] = offset + b->depth[i];
    }
}

/* Adds one to the width of the steps strictly between a and b (in either order), as a difference array. */
static void pass_between(long *diff, int a, int b)
{
    int lo = a < b ? a : b, hi = a < b ? b : a;
    if (hi - lo > 1) {
        diff[lo + 1]++;
        diff[hi]--;
    }
}

/* What dot's layout time and memory grow with, for graphs like ours (bench/README.md). */
typedef struct layout_load {
    size_t places;    /* nodes it places: states, markers, references, and one per rank an edge passes */
    size_t crossings; /* per rank, the edges passing it squared, summed: what crossing minimisation faces
                         (a wide rank of states alone is cheap; 600 side by side lay out in 0.1 s) */
} layout_load;

static layout_load layout_load_of(const builder *b)
{
    const machine *m = b->m;
    int *at = sfn_calloc(m->state_count, sizeof *at), last = b->bottom + 1;
    absolute_steps(b, at);
    for (size_t i = 0; i < m->state_count; i++)
        last = at[i] + b->height[i] + 1 > last ? at[i] + b->height[i] + 1 : last;
    long *nodes = sfn_calloc((size_t)last + 2, sizeof *nodes), *diff = sfn_calloc((size_t)last + 2, sizeof *diff);
    for (size_t i = 0; i < m->state_count; i++)
        if (scope_drawn(b, m->states[i].scope)) {
            nodes[at[i]]++;
            nodes[at[i] + b->height[i] - 1] += b->height[i] > 1; /* a box's join bar or exit point */
        }
    size_t labels = 0;
    for (size_t i = 0; i < m->edge_count; i++) {
        const wf_edge *e = &m->edges[i];
        if (!scope_drawn(b, e->scope) || e->kind == EDGE_RETRY || e->kind == EDGE_START ||
            (edge_is_rule(e) && b->rule_rep[i] != (int)i) || !valid_state(b, e->from))
            continue;
        int tail = at[e->from] + b->height[e->from] - 1;
        labels += e->kind == EDGE_CATCH || edge_is_rule(e);
        if (goes_to_reference(b, e) || (e->kind == EDGE_END && b->own_end[e->from]))
            nodes[tail + 1]++;
        else if (e->kind == EDGE_END)
            pass_between(diff, tail, tail + edge_steps(b, e));
        else if (paths_links_states(m, e))
            pass_between(diff, tail, at[e->to]);
    }
    layout_load load = {0, 0};
    long passing = 0;
    for (int r = 0; r <= last; r++) {
        passing += diff[r];
        load.places += (size_t)(nodes[r] + passing);
        load.crossings += (size_t)(passing * passing);
    }
    if (!b->compact && labels > 0) /* labels on edges: a node each, and every rank doubled */
        load = (layout_load){2 * load.places + labels, 2 * load.crossings};
    free(at);
    free(nodes);
    free(diff);
    return load;
}

/* What the drawing needs to know of the model before it draws: retriers, rule groups, loops, steps. */
static void analyse(builder *b)
{
    count_edges(b);
    paths_find_loops(b->m, b->closes_loop);
    paths_depths(b->m, b->closes_loop, b->collapse, b->depth, b->height);
    find_far_ends(b);
    if (b->collapse)
        count_inside(b);
}

/* How deep Parallel and Map boxes nest: the most scopes around any scope, the top level not counted. */
static size_t box_depth(const machine *m)
{
    size_t deepest = 0;
    for (size_t i = 0; i < m->scope_count; i++) {
        size_t depth = 0;
        for (int sc = (int)i; sc >= 0 && m->scopes[sc].parent >= 0; sc = m->states[m->scopes[sc].parent].scope)
            depth++;
        deepest = depth > deepest ? depth : deepest;
    }
    return deepest;
}

render_detail graph_plan(const machine *m)
{
    static const struct {
        render_detail detail;
        size_t places;
    } steps[] = {{DETAIL_FULL, FULL_PLACES}, {DETAIL_COMPACT, COMPACT_PLACES}, {DETAIL_COLLAPSED, COLLAPSED_PLACES}};
    bool deep = box_depth(m) > BOX_DEPTH_MAX;
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
        if (deep && steps[k].detail != DETAIL_COLLAPSED)
            continue; /* full and compact keep every box */
        render_options o = {.detail = steps[k].detail}; /* no theme: planning draws nothing */
        builder b;
        builder_init(&b, m, &o, NULL);
        analyse(&b);
        layout_load load = layout_load_of(&b);
        builder_free(&b);
        if (load.places <= steps[k].places && load.crossings <= CROSSINGS_MAX)
            return steps[k].detail;
    }
    return DETAIL_TOO_LARGE;
}

Agraph_t *graph_build(const machine *m, const render_options *o, diag_list *diags)
{
    Agraph_t *g = open_graph(m);
    if (!g) {
        diag_error(diags, mark_none(), "Graphviz cannot open a graph");
        return NULL;
    }
    builder b;
    builder_init(&b, m, o, g);
    diff_begin(&b, o);
    analyse(&b);
    declare_attributes(&b);
    set_graph_look(&b);
    if (!(o && o->no_title))
        add_title(&b, o ? o->title : NULL);
    add_states(&b);
    legend_diff key;
    bool keyed = diff_legend(&b, &key); /* a diff with marks to key has a key */
    if (o && (o->legend || keyed) && b.start[0])
        add_legend(&b, b.start[0]);
    for (size_t i = 0; i < m->edge_count; i++)
        add_edge(&b, &m->edges[i]);
    diff_add_removed(&b);
    if (m->state_count == 0)
        add_note(&b);
    diff_end(&b);
    builder_free(&b);
    return g;
}
