/* states.c: one node per state (name over a coloured detail line, the tooltip with everything), and
 * the markers: Start and End of each scope, ghosts of missing targets, references to far targets. */
#include "graph/builder.h"

/* ---- States --------------------------------------------------------------------------------------- */

typedef struct state_look {
    const theme_box *box;
    const char *cls, *shape, *style;
} state_look;

static state_look look_of(const theme *t, state_type type)
{
    switch (type) {
    case STATE_TASK: return (state_look){&t->task, "task", "box", "rounded,filled"};
    case STATE_PASS: return (state_look){&t->pass, "pass", "box", "rounded,filled"};
    case STATE_CHOICE: return (state_look){&t->choice, "choice", "diamond", "filled"};
    case STATE_WAIT: return (state_look){&t->wait, "wait", "box", "rounded,filled"};
    case STATE_SUCCEED: return (state_look){&t->succeed, "succeed", "box", "rounded,filled"};
    case STATE_FAIL: return (state_look){&t->fail, "fail", "box", "rounded,filled"};
    case STATE_PARALLEL: return (state_look){&t->unknown, "parallel", "box", "filled"};
    case STATE_MAP: return (state_look){&t->unknown, "map", "box", "filled"};
    case STATE_UNKNOWN: break;
    }
    return (state_look){&t->unknown, "unknown", "box", "filled"};
}

const char *state_class(state_type type)
{
    return look_of(&(theme){0}, type).cls;
}

static const char *type_text(const wf_state *s)
{
    if (s->type_text)
        return s->type_text;
    return s->type == STATE_UNKNOWN ? "no Type" : state_type_name(s->type);
}

static void open_detail(builder *b, const char *colour)
{
    strbuf_printf(&b->label, "<br/><font point-size=\"%g\" color=\"%s\">", b->t->detail_size, colour);
}

/* `λ Fn`, `ecs:runTask` with its pattern (`.sync`, `.waitForTaskToken`) in bold. */
static void put_resource(builder *b, const resource *r, const char *colour)
{
    const char *text = r->text ? r->text : r->name ? r->name : r->raw;
    if (r->kind == RESOURCE_NONE || !text)
        return;
    size_t tl = strlen(text), pl = r->pattern ? strlen(r->pattern) : 0;
    char *shown = malloc(tl + 1);
    if (!shown)
        sfn_oom();
    memcpy(shown, text, tl + 1);
    if (pl && tl > pl && strcmp(text + tl - pl, r->pattern) == 0) {
        size_t cut = tl - pl;
        while (cut > 0 && shown[cut - 1] == ' ')
            cut--;
        shown[cut] = '\0';
    }
    open_detail(b, colour);
    put_html(&b->label, shown, LABEL_MAX);
    if (pl) {
        strbuf_puts(&b->label, " <b>");
        put_html(&b->label, r->pattern, 24);
        strbuf_puts(&b->label, "</b>");
    }
    strbuf_puts(&b->label, "</font>");
    free(shown);
}

static void put_detail_text(builder *b, const char *colour, const char *prefix, const char *text)
{
    open_detail(b, colour);
    strbuf_puts(&b->label, prefix);
    put_html(&b->label, text, LABEL_MAX);
    strbuf_puts(&b->label, "</font>");
}

static void put_wait(builder *b, const wf_state *s, const char *colour)
{
    if (!s->wait_text)
        return;
    bool until = strncmp(s->wait_text, "until ", 6) == 0;
    put_detail_text(b, colour, until ? "" : "wait ", s->wait_text);
}

/* Error and Cause on one line when they fit, else one line each. */
static void put_failure(builder *b, const wf_state *s, const char *colour)
{
    const char *e = s->fail_error, *c = s->fail_cause;
    if (e && c && strlen(e) + strlen(c) + 2 <= LABEL_MAX) {
        open_detail(b, colour);
        put_html(&b->label, e, 0);
        strbuf_puts(&b->label, ": ");
        put_html(&b->label, c, 0);
        strbuf_puts(&b->label, "</font>");
        return;
    }
    if (e)
        put_detail_text(b, colour, "", e);
    if (c)
        put_detail_text(b, colour, "", c);
}

/* Compact, a state's retries are a line of its own label, `↻ ×3` (`↻ ×3 +1` with more retriers), rather
 * than a label on its loop: any edge label makes dot double every rank. */
void put_retry_line(builder *b, int state, bool in_box)
{
    int more = b->retries_on[state] - 1, shown = -1;
    for (int i = b->retry_first[state]; i >= 0 && shown < 0; i = b->retry_next[i])
        if (b->m->edges[i].max_attempts > 0)
            shown = i; /* the first retrier that retries: MaxAttempts 0 never does */
    if (!in_box)
        strbuf_puts(&b->label, "<br/>");
    strbuf_printf(&b->label, "<font point-size=\"%g\" color=\"%s\">", b->t->detail_size, b->t->retry_edge.text);
    if (shown < 0)
        strbuf_puts(&b->label, "no retry");
    else
        strbuf_printf(&b->label, RETRY_SIGN " " TIMES_SIGN "%lld", b->m->edges[shown].max_attempts);
    if (more > 0)
        strbuf_printf(&b->label, " +%d", more);
    strbuf_puts(&b->label, in_box ? "</font><br align=\"left\"/>" : "</font>");
}

/* The name in bold and the line under it, from the state alone (a removed state's ghost is drawn with it). */
void put_state_body(builder *b, const wf_state *s, const theme_box *box)
{
    strbuf_puts(&b->label, "<b>");
    /* A diamond grows with both sides of its label: Choice names wrap narrower, over more lines. */
    if (s->type == STATE_CHOICE)
        put_name_lines(&b->label, s->name, CHOICE_NAME_WIDTH, CHOICE_NAME_LINES);
    else
        put_name_lines(&b->label, s->name, LABEL_MAX, NAME_LINES);
    strbuf_puts(&b->label, "</b>");
    switch (s->type) {
    case STATE_TASK: put_resource(b, &s->res, box->detail); break;
    case STATE_WAIT: put_wait(b, s, box->detail); break;
    case STATE_FAIL: put_failure(b, s, box->detail); break;
    case STATE_UNKNOWN:
        put_detail_text(b, box->detail, s->type_text ? "Type: " : "no Type", s->type_text ? s->type_text : "");
        break;
    default: break;
    }
}

static void put_state_label(builder *b, const wf_state *s, const theme_box *box)
{
    int i = (int)(s - b->m->states);
    diff_put_badge(b, i);
    put_state_body(b, s, diff_box(b, i, box));
    if (b->compact && b->retry_first[i] >= 0)
        put_retry_line(b, i, false);
    diff_put_changes(b, i, false);
}

static void put_tip_line(builder *b, const char *what, const char *text)
{
    if (!text)
        return;
    strbuf_printf(&b->tip, "\n%s: ", what);
    put_tip(&b->tip, text);
}

/* `Name (Type)` and what the label may have cut: resource, wait, error, cause, comment. */
void put_state_tip(builder *b, const wf_state *s)
{
    put_tip(&b->tip, s->name);
    strbuf_puts(&b->tip, " (");
    put_tip(&b->tip, type_text(s));
    strbuf_puts(&b->tip, ")");
    if (s->type == STATE_TASK)
        put_tip_line(b, "Resource", s->res.raw ? s->res.raw : s->res.text);
    put_tip_line(b, "Wait", s->wait_text);
    put_tip_line(b, "Error", s->fail_error);
    put_tip_line(b, "Cause", s->fail_cause);
    if (s->type == STATE_MAP) {
        put_tip_line(b, "ItemReader", s->map.item_reader);
        put_tip_line(b, "Items", s->map.items_path);
        put_tip_line(b, "ToleratedFailure", s->map.tolerated_failure);
        put_tip_line(b, "Label", s->map.label);
    }
    put_tip_line(b, "Comment", s->comment);
}

/* For each top-level Parallel or Map, the states it holds at any depth (b->inside), in one pass: each scope's
 * top-level container is its parent's, or its parent when that is at the top level, memoised per scope. */
void count_inside(builder *b)
{
    const machine *m = b->m;
    int *top = sfn_calloc(m->scope_count, sizeof *top); /* 0 unknown, else container + 1 (or -1: none) */
    int *path = sfn_calloc(m->scope_count, sizeof *path);
    for (size_t sc = 0; sc < m->scope_count; sc++) {
        size_t depth = 0;
        int at = (int)sc, found = -1;
        while (valid_scope(b, at) && top[at] == 0 && depth < m->scope_count) {
            int parent = m->scopes[at].parent;
            if (!valid_state(b, parent)) {
                top[at] = -1; /* the top level itself */
                break;
            }
            int up = m->states[parent].scope;
            if (workflow_scope_is_top(m, up)) {
                top[at] = parent + 1;
                break;
            }
            path[depth++] = at;
            at = up;
        }
        found = valid_scope(b, at) ? top[at] : -1;
        while (depth)
            top[path[--depth]] = found;
    }
    for (size_t i = 0; i < m->state_count; i++) {
        int sc = m->states[i].scope;
        if (valid_scope(b, sc) && top[sc] > 0)
            b->inside[top[sc] - 1]++;
    }
    free(top);
    free(path);
}

/* A collapsed Parallel or Map: a node in its box's colours and line, named, with what it holds. */
static void add_collapsed(builder *b, int i, Agnode_t *n)
{
    const wf_state *s = &b->m->states[i];
    bool par = s->type == STATE_PARALLEL;
    const theme_cluster *tc = par ? &b->t->parallel : &b->t->map;
    char style[48];
    snprintf(style, sizeof style, "rounded,filled,%s", theme_line_name(tc->style));
    attr_set(n, "class", par ? "parallel collapsed" : "map collapsed");
    attr_set(n, "style", style);
    attr_set(n, "fillcolor", tc->fill);
    attr_set(n, "color", tc->border);
    attr_set(n, "fontcolor", tc->text);
    diff_put_badge(b, i);
    strbuf_puts(&b->label, "<b>");
    put_name_lines(&b->label, s->name, LABEL_MAX, NAME_LINES);
    strbuf_printf(&b->label, "</b><br/><font point-size=\"%g\" color=\"%s\">", b->t->detail_size, tc->detail);
    put_container_kind(b, s);
    strbuf_printf(&b->label, SEP "%zu states inside</font>", b->inside[i]);
    if (b->retry_first[i] >= 0)
        put_retry_line(b, i, false);
    diff_put_changes(b, i, false);
    attr_set_html(b, n, "label", &b->label);
    put_state_tip(b, s);
    attr_set_tip(b, n);
    diff_style_state(b, i, n);
}

void add_state(builder *b, int i)
{
    const wf_state *s = &b->m->states[i];
    if (is_container(b, i)) {
        container_graph(b, i, 0);
        return;
    }
    if (!scope_drawn(b, s->scope))
        return;
    if (b->collapse && (s->type == STATE_PARALLEL || s->type == STATE_MAP)) {
        Agnode_t *n = node_by_id(scope_graph(b, s->scope, 0), "s", i, "");
        b->entry[i] = b->exit[i] = n;
        add_collapsed(b, i, n);
        return;
    }
    Agnode_t *n = node_by_id(scope_graph(b, s->scope, 0), "s", i, "");
    b->entry[i] = b->exit[i] = n;
    state_look look = look_of(b->t, s->type);
    attr_set(n, "class", look.cls);
    if (strcmp(look.shape, "box") != 0)
        attr_set(n, "shape", look.shape);
    if (strcmp(look.style, "rounded,filled") != 0)
        attr_set(n, "style", look.style);
    if (s->type == STATE_CHOICE)
        attr_set(n, "margin", "0.06,0.04");
    attr_set(n, "fillcolor", look.box->fill);
    attr_set(n, "color", look.box->border);
    attr_set(n, "fontcolor", look.box->text);
    put_state_label(b, s, look.box);
    attr_set_html(b, n, "label", &b->label);
    put_state_tip(b, s);
    attr_set_tip(b, n);
    diff_style_state(b, i, n);
}

/* ---- Markers and ghosts --------------------------------------------------------------------------- */

static Agnode_t *add_marker(builder *b, const char *prefix, int scope, const char *suffix, const char *text,
                            const char *cls)
{
    Agnode_t *n = node_by_id(b->g, prefix, scope, suffix);
    attr_set(n, "label", text);
    attr_set(n, "class", cls);
    attr_set(n, "fillcolor", b->t->marker.fill);
    attr_set(n, "color", b->t->marker.border);
    attr_set(n, "fontcolor", b->t->marker.text);
    attr_set_number(n, "fontsize", b->t->detail_size + 1);
    attr_set(n, "width", "0.8");
    attr_set(n, "height", "0.3");
    return n;
}

/* Where a scope starts: the top level's Start marker, a Parallel's fork bar, a Map's entry point. */
Agnode_t *scope_start(builder *b, int scope)
{
    if (!valid_scope(b, scope))
        return NULL;
    int parent = b->m->scopes[scope].parent;
    if (is_container(b, parent))
        return container_graph(b, parent, 0), b->fork[parent];
    if (!b->start[scope])
        b->start[scope] = add_marker(b, "start", scope, "", "Start", "start");
    return b->start[scope];
}

/* Where state `from` ends its scope: the join bar or exit point of the box around it, the top level's End
 * marker, or an End marker of its own (find_far_ends). */
Agnode_t *scope_end(builder *b, int scope, int from)
{
    if (!valid_scope(b, scope))
        return NULL;
    int parent = b->m->scopes[scope].parent;
    if (is_container(b, parent))
        return container_graph(b, parent, 0), b->exit[parent];
    if (valid_state(b, from) && b->own_end[from]) {
        char suffix[ID_SIZE];
        snprintf(suffix, sizeof suffix, "_s%d", from);
        return add_marker(b, "end", scope, suffix, "End", "end");
    }
    if (!b->end[scope])
        b->end[scope] = add_marker(b, "end", scope, "", "End", "end");
    return b->end[scope];
}

/* A dashed stand-in for a target that does not exist; one per name and scope. */
Agnode_t *ghost_node(builder *b, int scope, const char *name)
{
    name = name ? name : "?";
    int known = strmap_put(&b->ghost_index, scope, name, (int)b->ghost_count);
    if (known != (int)b->ghost_count)
        return b->ghosts[known].node;
    Agnode_t *n = node_by_id(scope_graph(b, scope, 0), "missing", (int)b->ghost_count, "");
    const theme_box *box = &b->t->missing;
    attr_set(n, "class", "missing");
    attr_set(n, "style", "rounded,filled,dashed");
    attr_set(n, "fillcolor", box->fill);
    attr_set(n, "color", box->border);
    attr_set(n, "fontcolor", box->text);
    strbuf_printf(&b->label, "<font color=\"%s\"><i>missing:</i></font> ", box->detail);
    put_html(&b->label, name, LABEL_MAX);
    attr_set_html(b, n, "label", &b->label);
    strbuf_puts(&b->tip, "No state named ");
    put_tip(&b->tip, name);
    strbuf_puts(&b->tip, " in this scope");
    attr_set_tip(b, n);
    b->ghosts = sfn_grow(b->ghosts, &b->ghost_cap, b->ghost_count + 1, sizeof *b->ghosts);
    b->ghosts[b->ghost_count++] = (ghost){scope, name, n};
    return n;
}

/* A small reference to a state ("→ Name") that an edge goes to instead of the state itself
 * (goes_to_reference). */
Agnode_t *target_ref(builder *b, int scope, int target)
{
    const wf_state *s = &b->m->states[target];
    Agnode_t *n = node_by_id(scope_graph(b, scope, 0), "ref", b->refs++, "");
    state_look look = look_of(b->t, s->type);
    attr_set(n, "class", "ref");
    attr_set(n, "style", "rounded,filled");
    attr_set(n, "fillcolor", look.box->fill);
    attr_set(n, "color", look.box->border);
    attr_set(n, "fontcolor", look.box->text);
    attr_set_number(n, "fontsize", b->t->detail_size);
    attr_set(n, "margin", "0.08,0.03");
    strbuf_puts(&b->label, ARROW_SIGN " ");
    put_html(&b->label, s->name, LABEL_MAX);
    attr_set_html(b, n, "label", &b->label);
    strbuf_puts(&b->tip, "Goes to ");
    put_tip(&b->tip, s->name);
    attr_set_tip(b, n);
    return n;
}
