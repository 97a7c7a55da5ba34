/* edges.c: one Graphviz edge per model edge, with the line style, label and tooltip of its kind; rule
 * edges of a Choice to one target merged; far transitions sent to references. */
#include "graph/builder.h"


bool edge_is_rule(const wf_edge *e)
{
    return e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT;
}

/* The name a rule's target goes by, for grouping; NULL when it has none (never grouped). */
static const char *rule_target_key(const machine *m, const wf_edge *e)
{
    if (e->to_name)
        return e->to_name;
    return e->to >= 0 && (size_t)e->to < m->state_count ? m->states[e->to].name : NULL;
}

/* rep[i]: for each rule or default edge i, the first edge of its Choice to the same target (itself when it
 * is the first); i for every other edge. One hash lookup per edge. */
void group_rules(const machine *m, int *rep)
{
    strmap targets;
    strmap_init(&targets);
    for (size_t i = 0; i < m->edge_count; i++) {
        const wf_edge *e = &m->edges[i];
        const char *key = edge_is_rule(e) && e->from >= 0 ? rule_target_key(m, e) : NULL;
        rep[i] = key ? strmap_put(&targets, e->from, key, (int)i) : (int)i;
    }
    strmap_free(&targets);
}

/* The first rule or default edge of e's Choice that goes where e goes: the one that draws them all. */
static int first_to_same_target(const builder *b, int e)
{
    return b->rule_rep[e];
}

static const theme_edge *edge_theme(const theme *t, edge_kind k)
{
    switch (k) {
    case EDGE_CHOICE: return &t->choice_edge;
    case EDGE_DEFAULT: return &t->default_edge;
    case EDGE_CATCH: return &t->catch_edge;
    case EDGE_RETRY: return &t->retry_edge;
    default: return &t->next;
    }
}

static const char *edge_class(edge_kind k) { return edge_kind_name(k); }

/* The step below state i where what follows it starts. */
int step_below(const builder *b, int i)
{
    return b->depth[i] + b->height[i];
}

/* How many steps edge e runs down (or, closing a loop, up) its scope, as dot will rank it: at least 1. */
int edge_steps(const builder *b, const wf_edge *e)
{
    int steps = 1;
    if (e->kind == EDGE_END && valid_state(b, e->from) && valid_scope(b, e->scope)) {
        int parent = b->m->scopes[e->scope].parent;
        int end = is_container(b, parent) ? b->height[parent] - 2 /* the join bar or exit point */
                  : b->own_end[e->from]   ? step_below(b, e->from)
                                          : b->bottom;
        steps = end - step_below(b, e->from) + 1;
    } else if (paths_links_states(b->m, e)) {
        steps = b->depth[e->to] - step_below(b, e->from) + 1;
        steps = steps < 0 ? -steps : steps;
    }
    return steps < 1 ? 1 : steps;
}

/* Edges that go to a small reference to their target (target_ref) instead of the target itself: each
 * catch edge into a handler many share (dot's layout time explodes when hundreds of edges converge on one
 * node: design.md, measured), and in a compact or collapsed diagram, a transition running more than
 * FAR_STEPS steps up or down (each step a node more for dot to place; a line across a large diagram is
 * hard to follow anyway, a named reference is not). */
bool goes_to_reference(const builder *b, const wf_edge *e)
{
    if (!paths_links_states(b->m, e) || e->kind == EDGE_START || e->kind == EDGE_END)
        return false;
    if (e->kind == EDGE_CATCH && b->catches_into[e->to] >= SHARED_CATCH_MIN)
        return true;
    return b->compact && edge_steps(b, e) > FAR_STEPS;
}

bool any_reference(const builder *b)
{
    for (size_t i = 0; i < b->m->edge_count; i++)
        if (scope_drawn(b, b->m->edges[i].scope) && goes_to_reference(b, &b->m->edges[i]))
            return true;
    return false;
}

static Agnode_t *edge_tail(builder *b, const wf_edge *e)
{
    if (e->kind == EDGE_START)
        return scope_start(b, e->scope);
    if (!valid_state(b, e->from))
        return NULL;
    return e->kind == EDGE_RETRY ? b->entry[e->from] : b->exit[e->from];
}

static Agnode_t *edge_head(builder *b, const wf_edge *e)
{
    if (e->kind == EDGE_RETRY)
        return valid_state(b, e->from) ? b->entry[e->from] : NULL;
    if (e->kind == EDGE_END)
        return scope_end(b, e->scope, e->from);
    if (!valid_state(b, e->to))
        return ghost_node(b, e->scope, e->to_name);
    if (goes_to_reference(b, e))
        return target_ref(b, e->scope, e->to);
    return b->entry[e->to];
}

/* The graph an edge is declared in: where both its ends live (a child scope's start and end edges touch
 * the fork/join or entry/exit of the box around it). */
static Agraph_t *edge_graph(builder *b, const wf_edge *e)
{
    if (valid_scope(b, e->scope) && (e->kind == EDGE_START || e->kind == EDGE_END)) {
        int parent = b->m->scopes[e->scope].parent;
        if (is_container(b, parent))
            return b->cluster[parent];
    }
    return scope_graph(b, e->scope, 0);
}

static size_t error_rows(const wf_edge *e)
{
    return e->error_count < ERRORS_SHOWN ? e->error_count : ERRORS_SHOWN + (e->error_count > ERRORS_SHOWN);
}

/* Opens a font for text in `color`, when not NULL (a lost retrier's); font_close closes it. */
static void font_open(strbuf *l, const char *color)
{
    if (color)
        strbuf_printf(l, "<font color=\"%s\">", color);
}

static void font_close(strbuf *l, const char *color)
{
    if (color)
        strbuf_puts(l, "</font>");
}

static void put_error_rows(builder *b, const wf_edge *e, const char *color)
{
    for (size_t i = 0; i < e->error_count && i < ERRORS_SHOWN; i++) {
        strbuf_printf(&b->label, "<tr><td align=\"left\"><font point-size=\"%g\">", b->t->small_size);
        font_open(&b->label, color);
        put_html(&b->label, e->errors[i], b->lr ? LR_LOOP_MAX : LABEL_MAX);
        font_close(&b->label, color);
        strbuf_puts(&b->label, "</font></td></tr>");
    }
    if (e->error_count > ERRORS_SHOWN) {
        strbuf_printf(&b->label, "<tr><td align=\"left\"><font point-size=\"%g\">", b->t->small_size);
        font_open(&b->label, color);
        strbuf_printf(&b->label, "+%zu more", e->error_count - ERRORS_SHOWN);
        font_close(&b->label, color);
        strbuf_puts(&b->label, "</font></td></tr>");
    }
}

static void open_table(builder *b)
{
    strbuf_puts(&b->label, "<table border=\"0\" cellborder=\"0\" cellpadding=\"1\" cellspacing=\"0\">");
}

/* One retrier's rows: `↻ retry ×3 · 2 s · backoff ×2.0 · max 30 s · jitter FULL` (or `no retry` for
 * MaxAttempts 0: its errors are never retried), then its errors, one per row. Left to right, loops sit above
 * their state and dot reserves no room along the ranks, so the label is narrower there: its first line is
 * broken in two. `lead` and `trail` go before and after its first row's text (the label's spacer cells). A
 * retrier the state lost (`lost_color` not NULL) is in that colour, after a minus sign. */
static void put_retrier(builder *b, const wf_edge *e, const char *lead, const char *trail, const char *lost_color)
{
    strbuf *l = &b->label;
    const char *sep = b->lr ? "<br/>" : SEP;
    strbuf_printf(l, "<tr>%s<td align=\"left\" balign=\"left\">", lead);
    font_open(l, lost_color);
    if (lost_color)
        strbuf_puts(l, MINUS_SIGN " ");
    if (e->max_attempts == 0) {
        strbuf_puts(l, "<b>no retry</b>" SEP "MaxAttempts 0");
    } else {
        strbuf_printf(l, "<b>" RETRY_SIGN " retry " TIMES_SIGN "%lld</b>" SEP "%lld s%sbackoff " TIMES_SIGN,
                      e->max_attempts, e->interval_seconds, sep);
        strbuf_put_shortest(l, e->backoff_rate);
        if (e->max_delay_seconds >= 0)
            strbuf_printf(l, SEP "max %lld s", e->max_delay_seconds);
        if (e->jitter) {
            strbuf_puts(l, e->max_delay_seconds >= 0 ? sep : SEP);
            strbuf_puts(l, "jitter ");
            put_html(l, e->jitter, 12);
        }
    }
    font_close(l, lost_color);
    strbuf_printf(l, "</td>%s</tr>", trail);
    put_error_rows(b, e, lost_color);
}

/* The retriers a state's loop shows: those it has, then (in a diff) those it lost. */
typedef struct loop_rows {
    const wf_edge *lost[RETRIERS_SHOWN];
    size_t lost_count; /* all of them; the first RETRIERS_SHOWN are in lost[] */
    int more;          /* retriers it has past RETRIERS_SHOWN */
} loop_rows;

static void loop_rows_of(const builder *b, int state, loop_rows *r)
{
    r->lost_count = diff_lost_retriers(b, state, r->lost, RETRIERS_SHOWN);
    r->more = b->retries_on[state] - RETRIERS_SHOWN;
}

static size_t shown_lost(const loop_rows *r)
{
    return r->lost_count < RETRIERS_SHOWN ? r->lost_count : RETRIERS_SHOWN;
}

/* The rows of the loop's label, for the spacer cells' rowspan. */
static size_t count_rows(const builder *b, int state, const loop_rows *r)
{
    size_t rows = 0, blocks = 0;
    for (int i = b->retry_first[state]; i >= 0 && blocks < RETRIERS_SHOWN; i = b->retry_next[i], blocks++)
        rows += 1 + error_rows(&b->m->edges[i]) + (blocks > 0);
    rows += r->more > 0;
    for (size_t k = 0; k < shown_lost(r); k++, blocks++)
        rows += 1 + error_rows(r->lost[k]) + (blocks > 0);
    return rows + (r->lost_count > RETRIERS_SHOWN);
}

/* Every retrier of a state on its one loop, in order, each block under the one before: a loop per retrier
 * would draw each outer loop through the inner one's label. Empty cells left and right keep the text off
 * the loop and inside boxes: dot reserves room for a self-loop's label but not for the loop in front of
 * it. */
static void retry_label(builder *b, int state, const loop_rows *r)
{
    size_t rows = count_rows(b, state, r), blocks = 0;
    char lead[64], trail[64];
    snprintf(lead, sizeof lead, "<td rowspan=\"%zu\" width=\"4\"></td>", rows);
    snprintf(trail, sizeof trail, "<td rowspan=\"%zu\" width=\"14\"></td>", rows);
    open_table(b);
    for (int i = b->retry_first[state]; i >= 0 && blocks < RETRIERS_SHOWN; i = b->retry_next[i], blocks++) {
        if (blocks)
            strbuf_puts(&b->label, "<tr><td height=\"4\"></td></tr>");
        put_retrier(b, &b->m->edges[i], blocks ? "" : lead, blocks ? "" : trail, NULL);
    }
    if (r->more > 0)
        strbuf_printf(&b->label, "<tr><td align=\"left\">+%d more retriers</td></tr>", r->more);
    const char *color = b->t->diff_removed.detail;
    for (size_t k = 0; k < shown_lost(r); k++, blocks++) {
        if (blocks)
            strbuf_puts(&b->label, "<tr><td height=\"4\"></td></tr>");
        put_retrier(b, r->lost[k], blocks ? "" : lead, blocks ? "" : trail, color);
    }
    if (r->lost_count > RETRIERS_SHOWN)
        strbuf_printf(&b->label, "<tr><td align=\"left\"><font color=\"%s\">" MINUS_SIGN
                                 " %zu more retriers</font></td></tr>",
                      color, r->lost_count - RETRIERS_SHOWN);
    strbuf_puts(&b->label, "</table>");
}

static void put_errors_tip(builder *b, const wf_edge *e)
{
    for (size_t i = 0; i < e->error_count; i++) {
        strbuf_puts(&b->tip, i ? ", " : "");
        put_tip(&b->tip, e->errors[i]);
    }
    if (!e->error_count && e->label)
        put_tip(&b->tip, e->label);
}

static void put_retrier_tip(builder *b, const wf_edge *e)
{
    strbuf_printf(&b->tip, "Retry %d: ", e->index + 1);
    put_errors_tip(b, e);
    strbuf_printf(&b->tip, "\nMaxAttempts %lld, IntervalSeconds %lld, BackoffRate ", e->max_attempts,
                  e->interval_seconds);
    strbuf_put_shortest(&b->tip, e->backoff_rate);
    if (e->max_delay_seconds >= 0)
        strbuf_printf(&b->tip, ", MaxDelaySeconds %lld", e->max_delay_seconds);
    if (e->jitter) {
        strbuf_puts(&b->tip, ", JitterStrategy ");
        put_tip(&b->tip, e->jitter);
    }
}

/* Each retrier of the state, in order, a line or two each; then those it lost. */
static void retry_tip(builder *b, int state, const loop_rows *r)
{
    for (int i = b->retry_first[state]; i >= 0; i = b->retry_next[i]) {
        if (i != b->retry_first[state])
            strbuf_putc(&b->tip, '\n');
        put_retrier_tip(b, &b->m->edges[i]);
    }
    for (size_t k = 0; k < shown_lost(r); k++) {
        strbuf_puts(&b->tip, b->tip.len ? "\nRemoved: " : "Removed: ");
        put_retrier_tip(b, r->lost[k]);
    }
}

/* `catch States.ALL` on one line; several errors under a `catch` heading. */
static void catch_label(builder *b, const wf_edge *e)
{
    strbuf *l = &b->label;
    open_table(b);
    if (e->error_count == 1) {
        strbuf_puts(l, "<tr><td align=\"left\">catch ");
        put_html(l, e->errors[0], LABEL_MAX);
        strbuf_puts(l, "</td></tr>");
    } else {
        strbuf_puts(l, "<tr><td align=\"left\">catch</td></tr>");
        if (e->error_count)
            put_error_rows(b, e, NULL);
        else if (e->label) {
            strbuf_puts(l, "<tr><td align=\"left\">");
            put_html(l, e->label, LABEL_MAX);
            strbuf_puts(l, "</td></tr>");
        }
    }
    strbuf_puts(l, "</table>");
}

static void target_tip(builder *b, const wf_edge *e)
{
    strbuf_puts(&b->tip, " " ARROW_SIGN " ");
    put_tip(&b->tip, valid_state(b, e->to) ? b->m->states[e->to].name : e->to_name);
}

/* A Choice rule or "default"; long rules wrap over a few lines rather than widen the graph. */
static void put_rule_row(builder *b, const wf_edge *e)
{
    strbuf_puts(&b->label, "<tr><td align=\"left\" balign=\"left\">");
    diff_put_edge_badge(b, (int)(e - b->m->edges));
    if (e->kind == EDGE_DEFAULT)
        strbuf_puts(&b->label, "default");
    else
        put_wrapped(&b->label, e->label ? e->label : "rule", RULE_WIDTH, b->compact ? 1 : RULE_LINES);
    strbuf_puts(&b->label, "</td></tr>");
}

static void put_rule_tip(builder *b, const wf_edge *e)
{
    if (e->kind == EDGE_DEFAULT) {
        strbuf_puts(&b->tip, "Default");
    } else {
        strbuf_printf(&b->tip, "Rule %d: ", e->index + 1);
        put_tip(&b->tip, e->label ? e->label : "");
    }
}

/* Every rule (and the default) of a Choice that goes to the same state, on one edge, each under the one
 * before with "or" between them: parallel edges with a label each would cross and crowd. */
static void rules_label(builder *b, int first)
{
    const wf_edge *e = &b->m->edges[first];
    open_table(b);
    int shown = 0, more = 0;
    for (int i = first; i >= 0; i = b->rule_group_next[i]) {
        const wf_edge *r = &b->m->edges[i];
        if (i != first)
            strbuf_putc(&b->tip, '\n');
        put_rule_tip(b, r);
        if (shown == RULES_SHOWN) { /* the tooltip has them all */
            more++;
            continue;
        }
        if (i != first)
            strbuf_printf(&b->label, "<tr><td align=\"left\"><font point-size=\"%g\"><i>or</i></font></td></tr>",
                          b->t->small_size);
        put_rule_row(b, r);
        shown++;
    }
    if (more)
        strbuf_printf(&b->label, "<tr><td align=\"left\"><font point-size=\"%g\"><i>or %d more</i></font></td></tr>",
                      b->t->small_size, more);
    strbuf_puts(&b->label, "</table>");
    target_tip(b, e);
}

/* Label and tooltip by kind; plain next, start and end edges have neither. */
static void label_edge(builder *b, Agedge_t *ge, const wf_edge *e)
{
    switch (e->kind) {
    case EDGE_CHOICE:
    case EDGE_DEFAULT: rules_label(b, (int)(e - b->m->edges)); break;
    case EDGE_CATCH:
        catch_label(b, e);
        strbuf_printf(&b->tip, "Catch %d: ", e->index + 1);
        put_errors_tip(b, e);
        target_tip(b, e);
        break;
    case EDGE_RETRY: {
        loop_rows r;
        loop_rows_of(b, e->from, &r);
        retry_label(b, e->from, &r);
        retry_tip(b, e->from, &r);
        break;
    }
    default: return;
    }
    /* Compact, no edge has a label, since any label makes dot double every rank (and the layout time with
     * it): retries are a line in their state's label, catch and default edges are told by their line style
     * (the tooltip keeps the errors), and Choice rules are external labels, placed after the layout. */
    if (!b->compact)
        attr_set_html(b, ge, "label", &b->label);
    else if (e->kind == EDGE_CHOICE)
        attr_set_html(b, ge, "xlabel", &b->label);
    else
        strbuf_clear(&b->label);
    attr_set_tip(b, ge);
    if (b->compact)
        return;
    /* Three or more rules fan out from a Choice and their edges run steep: each label gets a leader line
     * to its edge, or it may read as the neighbour's. */
    if ((e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT) && b->rules_out[e->from] >= FAN_OUT_DECORATE)
        attr_set(ge, "decorate", "true");
}

static void style_edge(builder *b, Agedge_t *ge, const wf_edge *e)
{
    const theme_edge *te = edge_theme(b->t, e->kind);
    attr_set(ge, "class", edge_class(e->kind));
    if (te != &b->t->next || strcmp(te->color, b->t->next.color) != 0)
        attr_set(ge, "color", te->color);
    if (strcmp(te->text, b->t->next.text) != 0)
        attr_set(ge, "fontcolor", te->text);
    if (te->style != THEME_SOLID)
        attr_set(ge, "style", theme_line_name(te->style));
    /* The Next chain runs straight down, as in the console, rather than drifting aside for retry labels
     * and catch edges (5: measured on the corpus, enough to straighten chains; more squeezes branches). */
    if (e->kind == EDGE_NEXT && !b->closes_loop[e - b->m->edges])
        attr_set(ge, "weight", "5");
}

/* Edges leave a Parallel or Map from its box, and enter it at its box, rather than at the bar or point. */
static void attach_to_boxes(builder *b, Agedge_t *ge, const wf_edge *e, Agnode_t *head)
{
    if (e->kind == EDGE_RETRY || (e->from == e->to && e->kind != EDGE_START && e->kind != EDGE_END))
        return;
    if (e->kind != EDGE_START && is_container(b, e->from))
        attr_set(ge, "ltail", agnameof(b->cluster[e->from]));
    if (e->kind != EDGE_END && is_container(b, e->to) && head == b->entry[e->to])
        attr_set(ge, "lhead", agnameof(b->cluster[e->to]));
}

/* Sets a port of a branch's part of a bar: `b<j>:s`. */
static void set_bar_port(builder *b, Agedge_t *ge, const char *attr, int scope, const char *side)
{
    const wf_state *p = &b->m->states[b->m->scopes[scope].parent];
    if (p->type != STATE_PARALLEL)
        return;
    char port[ID_SIZE];
    snprintf(port, sizeof port, "b%d:%s", branch_index(b, scope), side);
    attr_set(ge, attr, port);
}

/* Inside a box: edges from the fork or entry are short and pull their state under it; edges into the
 * join or exit end without an arrowhead, since the bar itself says "all arrive here". */
static void style_joints(builder *b, Agedge_t *ge, const wf_edge *e)
{
    if (!valid_scope(b, e->scope) || !is_container(b, b->m->scopes[e->scope].parent))
        return;
    if (e->kind == EDGE_START) {
        attr_set(ge, "arrowsize", "0.5");
        attr_set(ge, "weight", "4");
        set_bar_port(b, ge, "tailport", e->scope, b->lr ? "e" : "s");
    } else if (e->kind == EDGE_END) {
        attr_set(ge, "arrowhead", "none");
        set_bar_port(b, ge, "headport", e->scope, b->lr ? "w" : "n");
    }
}

/* Whether the tail of a (non-retry) edge carries retry loops: a state's own node, or a Map's entry point. */
static bool tail_has_loops(const builder *b, const wf_edge *e)
{
    if (e->kind == EDGE_START) {
        int parent = valid_scope(b, e->scope) ? b->m->scopes[e->scope].parent : -1;
        return is_container(b, parent) && b->m->states[parent].type == STATE_MAP && b->retries_on[parent] > 0;
    }
    return valid_state(b, e->from) && b->retries_on[e->from] > 0 && !is_container(b, e->from);
}

/* A state with retry loops has their labels beside it: its other edges leave from the bottom (or, left to
 * right, the far side), so they do not run through that text. Left to right, the labels sit above their
 * loops and dot leaves no room for them along the ranks: two looped nodes in a row get a rank apart. */
static void keep_clear_of_retries(builder *b, Agedge_t *ge, const wf_edge *e)
{
    if (e->kind == EDGE_RETRY || !tail_has_loops(b, e))
        return;
    if (e->kind != EDGE_START)
        attr_set(ge, "tailport", b->lr ? "e" : "s");
    if (b->lr && e->kind != EDGE_END && valid_state(b, e->to) && b->retries_on[e->to] > 0)
        attr_set(ge, "minlen", "2");
}

/* Edges into a state with retry loops arrive at its top (left to right, its near side), not at the side
 * where its loop and label are. Not an edge that closes a loop: it comes from below, and would hook round
 * the state to reach its top. */
static void arrive_clear_of_retries(builder *b, Agedge_t *ge, const wf_edge *e, Agnode_t *head)
{
    if (e->kind == EDGE_RETRY || e->kind == EDGE_END || !valid_state(b, e->to) || is_container(b, e->to))
        return;
    if (b->retries_on[e->to] == 0 || head != b->entry[e->to] || b->closes_loop[e - b->m->edges])
        return;
    attr_set(ge, "headport", b->lr ? "w" : "n");
}

void add_edge(builder *b, const wf_edge *e)
{
    if (!scope_drawn(b, e->scope))
        return;
    /* A state's retriers share one loop, drawn with its first; a Choice's rules to one state one edge. */
    int index = (int)(e - b->m->edges);
    if (e->kind == EDGE_RETRY && (!valid_state(b, e->from) || b->retry_first[e->from] != index))
        return;
    if (edge_is_rule(e) && (!valid_state(b, e->from) || first_to_same_target(b, index) != index))
        return;
    Agnode_t *tail = edge_tail(b, e), *head = edge_head(b, e);
    if (!tail || !head)
        return;
    Agedge_t *ge = agedge(edge_graph(b, e), tail, head, NULL, 1);
    if (!ge)
        ge = agedge(b->g, tail, head, NULL, 1);
    style_edge(b, ge, e);
    label_edge(b, ge, e);
    diff_style_edge(b, index, ge);
    attach_to_boxes(b, ge, e, head);
    style_joints(b, ge, e);
    keep_clear_of_retries(b, ge, e);
    arrive_clear_of_retries(b, ge, e, head);
}

void add_lost_retry_loop(builder *b, int state)
{
    const wf_state *s = &b->m->states[state];
    if (b->retries_on[state] > 0 || !scope_drawn(b, s->scope) || !b->entry[state])
        return;
    mark_look l;
    loop_rows r;
    loop_rows_of(b, state, &r);
    if (!r.lost_count || !diff_look(b, DIFF_REMOVED, &l))
        return;
    Agedge_t *ge = agedge(scope_graph(b, s->scope, 0), b->entry[state], b->entry[state], NULL, 1);
    if (!ge)
        return;
    attr_set(ge, "class", edge_class(EDGE_RETRY));
    diff_mark_edge(b, ge, &l, true);
    retry_tip(b, state, &r);
    if (!b->compact) { /* compact, no edge has a label (label_edge) */
        retry_label(b, state, &r);
        attr_set_html(b, ge, "label", &b->label);
    }
    attr_set_tip(b, ge);
}
