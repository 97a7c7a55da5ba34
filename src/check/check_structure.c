/* check_structure.c: the shape of each States map — StartAt, where transitions lead, terminal states,
 * and which states can run at all.
 *
 * Reachability is computed on the model's edges with explicit work lists (never recursion: a chain of
 * 20 000 states is normal), once forward from StartAt and once backward from the terminal states. The
 * service's own "not reachable" test is weaker — a state no transition names — and is an error; a state
 * named only from states that never run (an island, a loop on its own) is a warning, as is a place
 * from which no terminal state can be reached. */
#include "check/check.h"
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

/* Edges that move execution from one state to another (not START, END or the RETRY self-edges). */
static bool is_transition(const wf_edge *e)
{
    return e->kind == EDGE_NEXT || e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT || e->kind == EDGE_CATCH;
}

static const char *field_of(edge_kind k)
{
    switch (k) {
    case EDGE_START: return "StartAt";
    case EDGE_NEXT: return "Next";
    case EDGE_CHOICE: return "Choices[].Next";
    case EDGE_DEFAULT: return "Default";
    case EDGE_CATCH: return "Catch[].Next";
    default: return "target";
    }
}

/* ---- targets ---- */

static void check_target(checker *c, const wf_edge *e, const strmap *names)
{
    if (e->to >= 0 || !e->to_name)
        return;
    char buf[96];
    const char *target = check_short(e->to_name, buf, sizeof buf);
    int elsewhere = strmap_get(names, 0, e->to_name);
    if (elsewhere >= 0) {
        const wf_state *t = &c->m->states[elsewhere];
        check_report(c, RULE_TRANSITION_SCOPE, e->at,
                     "%s \"%s\" is a state of another States map (line %u): a transition cannot cross a "
                     "Parallel branch or Map processor boundary",
                     field_of(e->kind), target, t->at.line);
    } else if (e->kind == EDGE_START) {
        check_report(c, RULE_START_AT_TARGET, e->at, "StartAt \"%s\" names no state of this States map", target);
    } else {
        check_report(c, RULE_TRANSITION_TARGET, e->at, "%s \"%s\" names no state", field_of(e->kind), target);
    }
}

static void check_targets(checker *c)
{
    strmap names;
    strmap_init(&names);
    for (size_t i = 0; i < c->m->state_count; i++)
        strmap_put(&names, 0, c->m->states[i].name, (int)i);
    for (size_t i = 0; i < c->m->edge_count; i++)
        check_target(c, &c->m->edges[i], &names);
    strmap_free(&names);
}

/* ---- StartAt, States, Next and End ---- */

static void check_scope_shape(checker *c, const wf_scope *s)
{
    const value *start = value_get(s->src, "StartAt");
    if (!start)
        check_report(c, RULE_START_AT_MISSING, s->at, "StartAt is missing");
    else if (!value_str(start))
        check_report(c, RULE_START_AT_MISSING, start->at, "StartAt must be a state name (a string), not %s",
                     check_kind_name(start));
    const value *states = value_get(s->src, "States");
    if (!states)
        check_report(c, RULE_STATES_MISSING, s->at, "States is missing");
    else if (!value_is_map(states))
        check_report(c, RULE_STATES_MISSING, states->at, "States must be a map of states, not %s",
                     check_kind_name(states));
    else if (states->count == 0)
        check_report(c, RULE_STATES_MISSING, check_key_mark(s->src, "States"), "States is empty");
}

static bool is_terminal(const wf_state *s)
{
    return s->end || s->type == STATE_SUCCEED || s->type == STATE_FAIL;
}

static void check_next_end(checker *c, const wf_state *s)
{
    if (!value_is_map(s->src) || s->type == STATE_UNKNOWN || s->type == STATE_CHOICE || s->type == STATE_SUCCEED ||
        s->type == STATE_FAIL)
        return; /* no Type: its own finding; Choice, Succeed, Fail: check_fields refuses Next and End there */
    const value *next = value_get(s->src, "Next");
    const value *end = value_get(s->src, "End");
    char buf[96];
    if (next && s->end)
        check_report(c, RULE_NEXT_AND_END, check_key_mark(s->src, "End"),
                     "state \"%s\" has both Next and End: true (a terminal state has no Next)",
                     check_short(s->name, buf, sizeof buf));
    else if (!next && !s->end)
        check_report(c, RULE_NEXT_MISSING, end ? check_key_mark(s->src, "End") : s->at,
                     "state \"%s\" has %s: give it a Next or End: true", check_short(s->name, buf, sizeof buf),
                     end ? "End: false and no Next" : "neither Next nor End");
}

static void check_has_terminal(checker *c, const wf_scope *s)
{
    if (s->state_count == 0)
        return;
    for (int i = s->first_state; i < s->first_state + s->state_count; i++)
        if (is_terminal(&c->m->states[i]))
            return;
    check_report(c, RULE_NO_TERMINAL, check_key_mark(s->src, "States"),
                 "no state here ends the %s: none is a Succeed or Fail state or has End: true",
                 s->parent < 0 ? "workflow" : s->map_processor ? "Map iteration" : "Parallel branch");
}

/* ---- reachability ---- */

typedef struct graph_lists {
    int *out_first, *out_next; /* forward adjacency: edge lists per state (index into the machine's edges) */
    int *in_first, *in_next;   /* backward adjacency */
    int *queue;
    unsigned char *mark;       /* bit 1: reached from StartAt; bit 2: reaches a terminal */
    int *referenced;           /* transitions (and StartAt) naming the state */
} graph_lists;

static void lists_build(const machine *m, graph_lists *g)
{
    size_t n = m->state_count, e = m->edge_count;
    g->out_first = sfn_calloc(n, sizeof(int));
    g->in_first = sfn_calloc(n, sizeof(int));
    g->out_next = sfn_calloc(e, sizeof(int));
    g->in_next = sfn_calloc(e, sizeof(int));
    g->queue = sfn_calloc(n, sizeof(int));
    g->mark = sfn_calloc(n, 1);
    g->referenced = sfn_calloc(n, sizeof(int));
    for (size_t i = 0; i < n; i++)
        g->out_first[i] = g->in_first[i] = -1;
    for (size_t i = 0; i < e; i++) {
        const wf_edge *ed = &m->edges[i];
        if (ed->kind == EDGE_START && ed->to >= 0)
            g->referenced[ed->to]++;
        if (!is_transition(ed) || ed->from < 0 || ed->to < 0)
            continue;
        g->referenced[ed->to]++;
        g->out_next[i] = g->out_first[ed->from];
        g->out_first[ed->from] = (int)i;
        g->in_next[i] = g->in_first[ed->to];
        g->in_first[ed->to] = (int)i;
    }
}

static void lists_free(graph_lists *g)
{
    free(g->out_first), free(g->out_next), free(g->in_first), free(g->in_next);
    free(g->queue), free(g->mark), free(g->referenced);
}

/* Marks with `bit` every state reachable from the queued ones, forward or backward. */
static void spread(const machine *m, graph_lists *g, size_t queued, unsigned char bit, bool forward)
{
    size_t head = 0, tail = queued;
    while (head < tail) {
        int s = g->queue[head++];
        for (int e = forward ? g->out_first[s] : g->in_first[s]; e >= 0;
             e = forward ? g->out_next[e] : g->in_next[e]) {
            int t = forward ? m->edges[e].to : m->edges[e].from;
            if (!(g->mark[t] & bit)) {
                g->mark[t] |= bit;
                g->queue[tail++] = t;
            }
        }
    }
}

/* A state whose transition names no state may well lead out: its own finding says so, and no second
 * one should follow from it. */
static bool has_broken_transition(const machine *m, size_t state)
{
    const wf_state *s = &m->states[state];
    for (int i = s->first_edge; i < s->first_edge + s->edge_count; i++)
        if (is_transition(&m->edges[i]) && m->edges[i].to < 0)
            return true;
    return false;
}

static void mark_reachable(const machine *m, graph_lists *g)
{
    size_t queued = 0;
    for (size_t i = 0; i < m->scope_count; i++) {
        int start = m->scopes[i].start;
        if (start >= 0 && !(g->mark[start] & 1)) {
            g->mark[start] |= 1;
            g->queue[queued++] = start;
        }
    }
    spread(m, g, queued, 1, true);
    queued = 0;
    for (size_t i = 0; i < m->state_count; i++)
        if (is_terminal(&m->states[i]) || m->states[i].type == STATE_UNKNOWN || has_broken_transition(m, i)) {
            g->mark[i] |= 2;
            g->queue[queued++] = (int)i;
        }
    spread(m, g, queued, 2, false);
}

/* A scope that never runs (inside a state StartAt does not reach) has nothing more to say. */
static bool scope_runs(const machine *m, const graph_lists *g, int scope)
{
    int parent = m->scopes[scope].parent;
    return parent < 0 || (g->mark[parent] & 1);
}

static void check_reach_scope(checker *c, const graph_lists *g, int scope)
{
    const wf_scope *s = &c->m->scopes[scope];
    int stuck = -1, stuck_count = 0;
    bool has_terminal = false;
    for (int i = s->first_state; i < s->first_state + s->state_count; i++)
        has_terminal |= is_terminal(&c->m->states[i]);
    char buf[96];
    for (int i = s->first_state; i < s->first_state + s->state_count; i++) {
        const wf_state *st = &c->m->states[i];
        if (!g->referenced[i] && s->start_name) /* without StartAt, nothing is: one finding says it */
            check_report(c, RULE_STATE_UNREFERENCED, st->at, "state \"%s\" is not reachable: no transition leads to it",
                         check_short(st->name, buf, sizeof buf));
        else if (!(g->mark[i] & 1) && s->start >= 0 && scope_runs(c->m, g, scope))
            check_report(c, RULE_STATE_UNREACHABLE, st->at,
                         "state \"%s\" is never reached from StartAt: only states that never run lead to it",
                         check_short(st->name, buf, sizeof buf));
        if (has_terminal && (g->mark[i] & 1) && !(g->mark[i] & 2) && st->type != STATE_UNKNOWN &&
            stuck_count++ == 0)
            stuck = i;
    }
    if (stuck >= 0)
        check_report(c, RULE_NO_WAY_OUT, c->m->states[stuck].at,
                     "once state \"%s\" runs, no terminal state can be reached: the execution loops forever%s",
                     check_short(c->m->states[stuck].name, buf, sizeof buf),
                     stuck_count > 1 ? " (and so from the other states of this loop)" : "");
}

static void check_reachability(checker *c)
{
    graph_lists g;
    lists_build(c->m, &g);
    mark_reachable(c->m, &g);
    for (size_t i = 0; i < c->m->scope_count; i++)
        check_reach_scope(c, &g, (int)i);
    lists_free(&g);
}

void check_structure(checker *c)
{
    for (size_t i = 0; i < c->m->scope_count; i++) {
        check_scope_shape(c, &c->m->scopes[i]);
        check_has_terminal(c, &c->m->scopes[i]);
    }
    for (size_t i = 0; i < c->m->state_count; i++)
        check_next_end(c, &c->m->states[i]);
    check_targets(c);
    check_reachability(c);
}
