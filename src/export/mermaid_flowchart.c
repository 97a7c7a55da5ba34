/* mermaid_flowchart.c: one machine as a Mermaid flowchart (see mermaid_writer.h for the IDs).
 *
 * The SVG's visual language as far as Mermaid has it: a shape per state type (Task rounded, Pass square,
 * Choice a rhombus, Wait a hexagon, Succeed and Fail pills, Fail with a heavy border), the theme's colours as
 * classDef styles, Parallel branches and Map processors as nested subgraphs (collapsed: one node each, with
 * a count), Start and End circles for the top level, dashed ghosts for missing targets. Edges by kind:
 * Next and rules solid, default and catch dotted, each labelled as in the SVG; the rules of a Choice that go
 * to the same state share one edge ("or"). Edges go to a Parallel or Map's subgraph, never into it, so
 * Mermaid keeps each subgraph's own direction. */
#include "base/strmap.h"
#include "export/mermaid_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum mm_class { C_TASK, C_PASS, C_CHOICE, C_WAIT, C_SUCCEED, C_FAIL, C_UNKNOWN, C_PARALLEL, C_MAP,
                        C_BRANCH, C_MARKER, C_MISSING, C_ADDED, C_CHANGED, C_REMOVED, C_COUNT } mm_class;

static const char *const CLASS_NAMES[C_COUNT] = {"task", "pass", "choice", "wait", "succeed", "fail", "unknown",
                                                 "parallel", "map", "branch", "marker", "missing", "added", "changed",
                                                 "removed"};

/* The classes' members, filled as nodes are written; one `class a,b name` line each at the end. */
typedef struct mm_members {
    strbuf ids[C_COUNT];
} mm_members;

static mm_members *members_of(mm_writer *w) { return (mm_members *)w->members; }

void mm_indent(mm_writer *w, int indent)
{
    for (int i = 0; i < indent; i++)
        strbuf_puts(w->out, "    ");
}

void mm_state_id(char *buf, size_t size, int i) { snprintf(buf, size, "s%d", i); }

static void add_member(mm_writer *w, mm_class c, const char *id)
{
    strbuf *b = &members_of(w)->ids[c];
    if (b->len)
        strbuf_putc(b, ',');
    strbuf_puts(b, id);
}

static mm_class class_of(state_type t)
{
    switch (t) {
    case STATE_TASK: return C_TASK;
    case STATE_PASS: return C_PASS;
    case STATE_CHOICE: return C_CHOICE;
    case STATE_WAIT: return C_WAIT;
    case STATE_SUCCEED: return C_SUCCEED;
    case STATE_FAIL: return C_FAIL;
    case STATE_PARALLEL: return C_PARALLEL;
    case STATE_MAP: return C_MAP;
    case STATE_UNKNOWN: break;
    }
    return C_UNKNOWN;
}

/* The diff's class for a state, when it has one: it replaces the type's colours (the shape keeps the type). */
static int mark_class(diff_status s)
{
    return s == DIFF_ADDED ? C_ADDED : s == DIFF_CHANGED ? C_CHANGED : s == DIFF_REMOVED ? C_REMOVED : -1;
}

/* The badge before a marked name: never colour alone. */
const char *mm_badge(diff_status s)
{
    return s == DIFF_ADDED ? "+ " : s == DIFF_CHANGED ? "~ " : s == DIFF_REMOVED ? MM_MINUS " " : NULL;
}

static diff_status state_mark(const mm_writer *w, int i)
{
    return w->hooks.state_mark ? w->hooks.state_mark[i] : DIFF_SAME;
}

void mm_node(mm_writer *w, const char *id, const wf_state *s, const char *label, int indent)
{
    static const char *const OPEN[] = {"(\"", "[\"", "{\"", "{{\"", "([\"", "([\"", "[\"", "[[\"", "[[\""};
    static const char *const CLOSE[] = {"\")", "\"]", "\"}", "\"}}", "\"])", "\"])", "\"]", "\"]]", "\"]]"};
    size_t k = (size_t)class_of(s->type);
    mm_indent(w, indent);
    strbuf_printf(w->out, "%s%s%s%s\n", id, OPEN[k], label, CLOSE[k]);
}

bool mm_scope_drawn(const mm_writer *w, int scope)
{
    for (int sc = scope; sc >= 0 && (size_t)sc < w->m->scope_count;) {
        int parent = w->m->scopes[sc].parent;
        if (parent < 0)
            return true;
        if (w->detail == MM_COLLAPSED && workflow_scope_is_top(w->m, w->m->states[parent].scope))
            return false;
        sc = w->m->states[parent].scope;
    }
    return false;
}

static bool drawn_open(const mm_writer *w, int i)
{
    const wf_state *s = &w->m->states[i];
    return s->first_child_scope >= 0 && !(w->detail == MM_COLLAPSED && workflow_scope_is_top(w->m, s->scope));
}

static void write_scope(mm_writer *w, int scope, int indent);

/* A Parallel or Map drawn open: a subgraph titled with its name and kind (and retriers), holding a
 * subgraph per branch, or its processor's states. */
static void write_container(mm_writer *w, int i, int indent)
{
    const wf_state *s = &w->m->states[i];
    char id[32];
    mm_state_id(id, sizeof id, i);
    strbuf_clear(&w->label);
    mm_container_title(w, i, mm_badge(state_mark(w, i)), true);
    mm_retry_lines(w, i);
    mm_indent(w, indent);
    strbuf_printf(w->out, "subgraph %s [\"%s\"]\n", id, strbuf_cstr(&w->label));
    mm_indent(w, indent + 1);
    strbuf_printf(w->out, "direction %s\n", w->lr ? "LR" : "TB");
    for (int k = 0; k < s->child_scope_count; k++) {
        int sc = s->first_child_scope + k;
        if (s->type != STATE_PARALLEL) {
            write_scope(w, sc, indent + 1);
            continue;
        }
        mm_indent(w, indent + 1);
        strbuf_printf(w->out, "subgraph %s_b%d [\"Branch %d\"]\n", id, k, k + 1);
        mm_indent(w, indent + 2);
        strbuf_printf(w->out, "direction %s\n", w->lr ? "LR" : "TB");
        write_scope(w, sc, indent + 2);
        mm_indent(w, indent + 1);
        strbuf_puts(w->out, "end\n");
        char branch[48];
        snprintf(branch, sizeof branch, "%s_b%d", id, k);
        add_member(w, C_BRANCH, branch);
    }
    mm_indent(w, indent);
    strbuf_puts(w->out, "end\n");
    int mc = mark_class(state_mark(w, i));
    add_member(w, mc >= 0 ? (mm_class)mc : class_of(s->type), id);
}

static void write_state(mm_writer *w, int i, int indent)
{
    if (drawn_open(w, i)) {
        write_container(w, i, indent);
        return;
    }
    const wf_state *s = &w->m->states[i];
    char id[32];
    mm_state_id(id, sizeof id, i);
    strbuf_clear(&w->label);
    if (s->first_child_scope >= 0)
        mm_container_title(w, i, mm_badge(state_mark(w, i)), false);
    else
        mm_state_label(w, i, mm_badge(state_mark(w, i)));
    mm_retry_lines(w, i);
    mm_node(w, id, s, strbuf_cstr(&w->label), indent);
    int mc = mark_class(state_mark(w, i));
    add_member(w, mc >= 0 ? (mm_class)mc : class_of(s->type), id);
}

static void write_scope(mm_writer *w, int scope, int indent)
{
    const wf_scope *sc = &w->m->scopes[scope];
    for (int i = sc->first_state; i < sc->first_state + sc->state_count; i++)
        write_state(w, i, indent);
    if (w->hooks.scope_extra)
        w->hooks.scope_extra(w, scope, indent);
}

void mm_link(mm_writer *w, const char *from, const char *to, const char *arrow, const char *label, mm_look look)
{
    strbuf_printf(w->out, "    %s %s", from, arrow);
    if (label)
        strbuf_printf(w->out, "|\"%s\"|", label);
    strbuf_printf(w->out, " %s\n", to);
    strbuf *b = &w->looks[look];
    strbuf_printf(b, "%s%zu", b->len ? "," : "", w->links++);
}

/* The ghost a transition to a missing state goes to: one per (scope, name), numbered as met. */
static int missing_ghost(mm_writer *w, strmap *ghosts, size_t edge)
{
    const wf_edge *e = &w->m->edges[edge];
    if (!e->to_name)
        return w->missing[edge] = w->missing_count++;
    return w->missing[edge] = strmap_put(ghosts, e->scope, e->to_name, w->missing_count) == w->missing_count
                                  ? w->missing_count++
                                  : strmap_get(ghosts, e->scope, e->to_name);
}

static void write_missing(mm_writer *w)
{
    strmap ghosts;
    strmap_init(&ghosts);
    for (size_t i = 0; i < w->m->edge_count; i++) {
        const wf_edge *e = &w->m->edges[i];
        w->missing[i] = -1;
        bool top_start = e->kind == EDGE_START && workflow_scope_is_top(w->m, e->scope); /* StartAt unknown */
        if (e->to >= 0 || e->kind == EDGE_END || e->kind == EDGE_RETRY || (e->from < 0 && !top_start) ||
            !mm_scope_drawn(w, e->scope))
            continue;
        int before = w->missing_count;
        if (missing_ghost(w, &ghosts, i) < before)
            continue;
        char id[32];
        snprintf(id, sizeof id, "missing%d", w->missing[i]);
        strbuf_printf(w->out, "    %s[\"<b>", id);
        mermaid_put_text(w->out, e->to_name ? e->to_name : "", MM_NAME_MAX);
        strbuf_puts(w->out, "</b><br>missing: no such state\"]\n");
        add_member(w, C_MISSING, id);
    }
    strmap_free(&ghosts);
}

/* Groups each Choice's rule and default edges by target (rule_first, rule_next): a Choice's targets are
 * in its scope, where one name is one state, so the name as written is the key. */
static void group_rules(mm_writer *w)
{
    strmap first;
    strmap_init(&first);
    int *last = sfn_calloc(w->m->edge_count ? w->m->edge_count : 1, sizeof *last); /* per head: its group's end */
    for (size_t i = 0; i < w->m->edge_count; i++) {
        const wf_edge *e = &w->m->edges[i];
        w->rule_first[i] = w->rule_next[i] = -1;
        if ((e->kind != EDGE_CHOICE && e->kind != EDGE_DEFAULT) || e->from < 0 || !e->to_name)
            continue;
        int head = strmap_put(&first, e->from, e->to_name, (int)i);
        w->rule_first[i] = head;
        if (head != (int)i)
            w->rule_next[last[head]] = (int)i;
        last[head] = (int)i;
    }
    free(last);
    strmap_free(&first);
}

/* Whether rule edge k is the first of its Choice to go where it goes (the one that draws them all). */
static bool first_of_target(const mm_writer *w, int k) { return w->rule_first[k] < 0 || w->rule_first[k] == k; }

/* The rules (and default) of a Choice to one target, "or" between them; whether any is ADDED, and whether
 * the default is all of them. */
static void rules_label(mm_writer *w, int first, bool *added, bool *only_default)
{
    int shown = 0, more = 0;
    *added = false;
    *only_default = true;
    for (int i = first; i >= 0; i = w->rule_next[i]) {
        const wf_edge *o = &w->m->edges[i];
        *added |= w->hooks.edge_mark && w->hooks.edge_mark[i] == DIFF_ADDED;
        *only_default &= o->kind == EDGE_DEFAULT;
        if (shown == MM_RULES_SHOWN) {
            more++;
            continue;
        }
        if (shown++)
            strbuf_puts(&w->label, "<br>or ");
        mm_rule_label(w, o);
    }
    if (more)
        strbuf_printf(&w->label, "<br>or %d more", more);
}

static void target_id(const mm_writer *w, size_t i, char *buf, size_t size)
{
    const wf_edge *e = &w->m->edges[i];
    if (e->kind == EDGE_END)
        snprintf(buf, size, "end0");
    else if (e->to < 0)
        snprintf(buf, size, "missing%d", w->missing[i]);
    else
        mm_state_id(buf, size, e->to);
}

/* `+ ` before an added edge's label (or `+` alone), thick: never colour alone. */
static void write_edge(mm_writer *w, size_t i)
{
    const wf_edge *e = &w->m->edges[i];
    bool top = workflow_scope_is_top(w->m, e->scope);
    if (e->kind == EDGE_RETRY || !mm_scope_drawn(w, e->scope) ||
        ((e->kind == EDGE_START || e->kind == EDGE_END) && !top))
        return;
    if ((e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT) && !first_of_target(w, (int)i))
        return;
    char from[32], to[32];
    if (e->kind == EDGE_START)
        snprintf(from, sizeof from, "start0");
    else
        mm_state_id(from, sizeof from, e->from);
    target_id(w, i, to, sizeof to);
    diff_status emark = w->hooks.edge_mark ? w->hooks.edge_mark[i] : DIFF_SAME;
    bool added = emark == DIFF_ADDED, only_default = false;
    strbuf_clear(&w->label);
    strbuf body;
    strbuf_init(&body);
    mm_look look = MM_LOOK_NEXT;
    if (e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT) {
        bool any_added;
        rules_label(w, (int)i, &any_added, &only_default);
        added |= any_added;
        look = only_default ? MM_LOOK_DEFAULT : MM_LOOK_CHOICE;
    } else if (e->kind == EDGE_CATCH) {
        mm_catch_label(w, e);
        look = MM_LOOK_CATCH;
    }
    if (added || emark == DIFF_REMOVED)
        strbuf_puts(&body, added ? (w->label.len ? "+ " : "+") : (w->label.len ? MM_MINUS " " : MM_MINUS));
    strbuf_puts(&body, strbuf_cstr(&w->label));
    bool dotted = emark == DIFF_REMOVED || look == MM_LOOK_CATCH || look == MM_LOOK_DEFAULT;
    const char *arrow = added ? "==>" : dotted ? "-.->" : "-->";
    mm_link(w, from, to, arrow, body.len ? strbuf_cstr(&body) : NULL,
            added ? MM_LOOK_ADDED : emark == DIFF_REMOVED ? MM_LOOK_REMOVED : look);
    strbuf_free(&body);
}

static void put_box_class(mm_writer *w, const char *name, const theme_box *b, const char *extra)
{
    strbuf_printf(w->out, "    classDef %s fill:%s,stroke:%s,color:%s%s\n", name, b->fill, b->border, b->text, extra);
}

/* A branch has no text colour of its own (its title is the theme's detail line colour, or none). */
static void put_cluster_class(mm_writer *w, const char *name, const theme_cluster *c)
{
    strbuf_printf(w->out, "    classDef %s fill:%s,stroke:%s", name, c->fill, c->border);
    if (c->text[0])
        strbuf_printf(w->out, ",color:%s", c->text);
    strbuf_puts(w->out, c->style == THEME_DASHED ? ",stroke-dasharray:5 4\n" : "\n");
}

/* The classDef of each class used, in the theme's colours; the diff's from the theme's too (added:
 * succeed's green, changed: choice's amber, removed: missing's grey), with heavy or dashed borders. */
static void write_classes(mm_writer *w)
{
    const theme *t = w->t;
    const theme_box *boxes[] = {&t->task, &t->pass, &t->choice, &t->wait, &t->succeed, &t->fail, &t->unknown};
    mm_members *mb = members_of(w);
    for (int c = 0; c < C_COUNT; c++) {
        if (!mb->ids[c].len)
            continue;
        if (c <= C_UNKNOWN)
            put_box_class(w, CLASS_NAMES[c], boxes[c], c == C_FAIL ? ",stroke-width:3px" : "");
        else if (c == C_PARALLEL)
            put_cluster_class(w, CLASS_NAMES[c], &t->parallel);
        else if (c == C_MAP)
            put_cluster_class(w, CLASS_NAMES[c], &t->map);
        else if (c == C_BRANCH)
            put_cluster_class(w, CLASS_NAMES[c], &t->branch);
        else if (c == C_MARKER)
            put_box_class(w, CLASS_NAMES[c], &t->marker, "");
        else if (c == C_MISSING || c == C_REMOVED)
            put_box_class(w, CLASS_NAMES[c], &t->missing, ",stroke-dasharray:5 4");
        else
            put_box_class(w, CLASS_NAMES[c], c == C_ADDED ? &t->succeed : &t->choice, ",stroke-width:3px");
        strbuf_printf(w->out, "    class %s %s\n", strbuf_cstr(&mb->ids[c]), CLASS_NAMES[c]);
    }
}

/* One linkStyle line per edge look in use, in the theme's colours (added edges the succeed green, removed
 * ones the missing grey, dashed). */
static void write_link_styles(mm_writer *w)
{
    const theme *t = w->t;
    const theme_edge *edges[] = {&t->next, &t->choice_edge, &t->default_edge, &t->catch_edge};
    for (int k = 0; k < MM_LOOK_COUNT; k++) {
        if (!w->looks[k].len)
            continue;
        strbuf_printf(w->out, "    linkStyle %s ", strbuf_cstr(&w->looks[k]));
        if (k == MM_LOOK_ADDED)
            strbuf_printf(w->out, "stroke:%s,color:%s,stroke-width:3px\n", t->succeed.border, t->succeed.text);
        else if (k == MM_LOOK_REMOVED)
            strbuf_printf(w->out, "stroke:%s,color:%s,stroke-dasharray:5 4\n", t->missing.border, t->missing.text);
        else
            strbuf_printf(w->out, "stroke:%s,color:%s\n", edges[k]->color, edges[k]->text);
    }
}

/* What a machine with nothing to draw shows instead, as the SVG does. */
static void write_note(mm_writer *w)
{
    const machine *m = w->m;
    const char *what = m->status == MACHINE_S3 ? "definition in S3: nothing local to draw"
                       : m->status == MACHINE_MISSING ? "definition file is missing"
                       : m->status == MACHINE_ERROR ? "definition cannot be drawn"
                                                    : "no states";
    strbuf_printf(w->out, "    note0[\"%s", what);
    if (m->where) {
        strbuf_puts(w->out, "<br>");
        mermaid_put_text(w->out, m->where, MM_NAME_MAX);
    }
    strbuf_puts(w->out, "\"]\n");
    add_member(w, C_MISSING, "note0");
}

static void write_markers(mm_writer *w, bool end)
{
    for (size_t i = 0; i < w->m->edge_count; i++) {
        const wf_edge *e = &w->m->edges[i];
        if (e->kind == (end ? EDGE_END : EDGE_START) && workflow_scope_is_top(w->m, e->scope)) {
            strbuf_printf(w->out, end ? "    end0((End))\n" : "    start0((Start))\n");
            *(end ? &w->has_end : &w->has_start) = true;
            add_member(w, C_MARKER, end ? "end0" : "start0");
            return;
        }
    }
}

static void write_title(mm_writer *w, const char *title)
{
    strbuf_puts(w->out, "---\ntitle: \"");
    mermaid_put_text(w->out, title, 0);
    strbuf_puts(w->out, "\"\n---\n");
}

void mm_write(mm_writer *w, const char *title)
{
    if (title)
        write_title(w, title);
    strbuf_printf(w->out, "flowchart %s\n", w->lr ? "LR" : "TD");
    if (w->m->status != MACHINE_OK || w->m->state_count == 0)
        write_note(w);
    write_markers(w, false);
    for (size_t sc = 0; w->m->status == MACHINE_OK && sc < w->m->scope_count; sc++)
        if (w->m->scopes[sc].parent < 0)
            write_scope(w, (int)sc, 1);
    write_markers(w, true);
    write_missing(w);
    for (size_t i = 0; w->m->status == MACHINE_OK && i < w->m->edge_count; i++)
        write_edge(w, i);
    if (w->hooks.edges_extra)
        w->hooks.edges_extra(w);
    if (w->hooks.after)
        w->hooks.after(w);
    write_classes(w);
    write_link_styles(w);
}

void mm_add_class(mm_writer *w, const char *cls, const char *id)
{
    for (int c = 0; c < C_COUNT; c++)
        if (strcmp(CLASS_NAMES[c], cls) == 0)
            add_member(w, (mm_class)c, id);
}

void mm_init(mm_writer *w, strbuf *out, const machine *m, const sfnviz_render_options *opts, mm_detail d)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->m = m;
    w->t = opts && opts->theme ? opts->theme : theme_default();
    w->lr = opts && opts->direction == SFNVIZ_LEFT_RIGHT;
    w->detail = d;
    w->line_break = "<br>";
    for (int k = 0; k < MM_LOOK_COUNT; k++)
        strbuf_init(&w->looks[k]);
    strbuf_init(&w->label);
    w->missing = sfn_calloc(m->edge_count ? m->edge_count : 1, sizeof *w->missing);
    w->rule_first = sfn_calloc(m->edge_count ? m->edge_count : 1, sizeof *w->rule_first);
    w->rule_next = sfn_calloc(m->edge_count ? m->edge_count : 1, sizeof *w->rule_next);
    group_rules(w);
    mm_members *mb = sfn_calloc(1, sizeof *mb);
    for (int c = 0; c < C_COUNT; c++)
        strbuf_init(&mb->ids[c]);
    w->members = mb;
}

void mm_free(mm_writer *w)
{
    for (int k = 0; k < MM_LOOK_COUNT; k++)
        strbuf_free(&w->looks[k]);
    strbuf_free(&w->label);
    free(w->missing);
    free(w->rule_first);
    free(w->rule_next);
    mm_members *mb = members_of(w);
    for (int c = 0; c < C_COUNT; c++)
        strbuf_free(&mb->ids[c]);
    free(mb);
}
