/* outline.c: the execution-order walk of a machine into outline rows; see outline.h. */
#include "summary/outline.h"

#include "base/arena.h"

#include <stdlib.h>

/* The transitions the walk follows: Next, Choice rules, Default, Catch (not Retry, not End), to a state. */
static bool follows(const wf_edge *e)
{
    return (e->kind == EDGE_NEXT || e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT || e->kind == EDGE_CATCH) &&
           e->to >= 0;
}

typedef struct walk_frame {
    int state;
    int cursor; /* edges of the state still to look at, taken from the last one down */
} walk_frame;

typedef struct walk {
    const machine *m;
    bool *seen;        /* per state */
    const bool *again; /* per edge: an earlier edge of its state goes to the same state */
    walk_frame *stack;
    int *indegree;
} walk;

/* Depth-first from root over states not yet seen, appending each state to post[] when all it leads to is
 * done. Edges are taken last first, so a state's Next (or first rule) is finished last and comes first
 * once the run is reversed; an edge to a state an earlier edge already goes to is left to that one, so a
 * state comes where it is first named. */
static void walk_from(const walk *w, int root, int *post, size_t *npost)
{
    const machine *m = w->m;
    bool *seen = w->seen;
    walk_frame *stack = w->stack;
    size_t depth = 0;
    seen[root] = true;
    stack[depth++] = (walk_frame){root, m->states[root].edge_count};
    while (depth) {
        walk_frame *f = &stack[depth - 1];
        int next = -1;
        while (f->cursor > 0 && next < 0) {
            int k = m->states[f->state].first_edge + --f->cursor;
            const wf_edge *e = &m->edges[k];
            if (follows(e) && !seen[e->to] && !w->again[k])
                next = e->to;
        }
        if (next < 0) {
            post[(*npost)++] = f->state;
            depth--;
            continue;
        }
        seen[next] = true;
        stack[depth++] = (walk_frame){next, m->states[next].edge_count};
    }
}

static void reverse(int *a, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        int t = a[i];
        a[i] = a[n - 1 - i];
        a[n - 1 - i] = t;
    }
}

/* One run of the walk from root, reversed into execution order at order[*n...]. */
static void run_from(const walk *w, int root, int *order, size_t *n)
{
    size_t first = *n;
    walk_from(w, root, order, n);
    reverse(order + first, *n - first);
}

/* Marks each edge whose target an earlier edge of the same state already names (two rules to one state,
 * a catcher to the Next). `last` is scratch: per state, the state whose edges last named it. */
static bool *repeated_targets(const machine *m, int *last)
{
    bool *again = sfn_calloc(m->edge_count, sizeof *again);
    for (size_t i = 0; i < m->state_count; i++)
        last[i] = -1;
    for (size_t i = 0; i < m->state_count; i++)
        for (int k = m->states[i].first_edge; k < m->states[i].first_edge + m->states[i].edge_count; k++) {
            const wf_edge *e = &m->edges[k];
            if (!follows(e))
                continue;
            again[k] = last[e->to] == (int)i;
            last[e->to] = (int)i;
        }
    return again;
}

/* The states of scope s in outline order into order[first_state...]; returns how many the walk from
 * StartAt reached (they come first). The rest follow in runs, each from a state that no other state left
 * over leads to (in source order), then from any still left (loops among themselves). */
static size_t order_scope(const walk *w, int s, int *order)
{
    const machine *m = w->m;
    bool *seen = w->seen;
    int *indegree = w->indegree;
    const wf_scope *sc = &m->scopes[s];
    int first = sc->first_state, count = sc->state_count;
    int *out = order + first;
    size_t n = 0;
    if (sc->start >= 0)
        run_from(w, sc->start, out, &n);
    size_t reached = n;
    if (n == (size_t)count)
        return reached;
    for (int i = first; i < first + count; i++)
        for (int k = 0; !seen[i] && k < m->states[i].edge_count; k++) {
            const wf_edge *e = &m->edges[m->states[i].first_edge + k];
            if (follows(e) && !seen[e->to] && e->to != i)
                indegree[e->to]++;
        }
    for (int pass = 0; pass < 2; pass++)
        for (int i = first; i < first + count; i++)
            if (!seen[i] && (pass == 1 || indegree[i] == 0))
                run_from(w, i, out, &n);
    return reached;
}

typedef struct emit_frame {
    bool branches; /* walking the child scopes of `state`, else the states of `scope` */
    int scope, state;
    int pos;
    unsigned level;
    bool said_unreached;
} emit_frame;

typedef struct emitter {
    const machine *m;
    outline *o;
    const int *order;
    const size_t *reached; /* per scope: how many of its states the walk from its StartAt reached */
    const bool *scope_reached;
    emit_frame *frames;
    size_t depth;
} emitter;

static outline_row *add_row(emitter *em, row_kind kind, int state, int scope, unsigned level)
{
    outline_row *r = &em->o->rows[em->o->count++];
    *r = (outline_row){kind, state, scope, level, false, false};
    return r;
}

static void push(emitter *em, bool branches, int scope, int state, unsigned level)
{
    em->frames[em->depth++] = (emit_frame){branches, scope, state, 0, level, false};
}

/* Whether a state's child scopes get a header row each: a Parallel's branches, or a Map that (invalid)
 * carries both ItemProcessor and Iterator. */
static bool groups_children(const wf_state *st) { return st->type == STATE_PARALLEL || st->child_scope_count > 1; }

static void emit_state(emitter *em, emit_frame *f)
{
    const machine *m = em->m;
    const wf_scope *sc = &m->scopes[f->scope];
    int st = em->order[sc->first_state + f->pos++];
    const wf_state *s = &m->states[st];
    outline_row *r = add_row(em, ROW_STATE, st, f->scope, f->level);
    r->last = f->pos == sc->state_count;
    em->o->row_of[st] = (int)(r - em->o->rows);
    if (s->child_scope_count == 0)
        return;
    bool group = groups_children(s);
    r->has_children = group || m->scopes[s->first_child_scope].state_count > 0;
    push(em, group, s->first_child_scope, st, f->level + 1);
}

static void emit_branch(emitter *em, emit_frame *f)
{
    const wf_state *s = &em->m->states[f->state];
    int scope = s->first_child_scope + f->pos++;
    outline_row *r = add_row(em, ROW_BRANCH, f->state, scope, f->level);
    r->last = f->pos == s->child_scope_count;
    r->has_children = em->m->scopes[scope].state_count > 0;
    push(em, false, scope, -1, f->level + 1);
}

static void emit_rows(emitter *em)
{
    push(em, false, 0, -1, 0);
    while (em->depth) {
        emit_frame *f = &em->frames[em->depth - 1];
        if (f->branches) {
            if (f->pos == em->m->states[f->state].child_scope_count)
                em->depth--;
            else
                emit_branch(em, f);
            continue;
        }
        const wf_scope *sc = &em->m->scopes[f->scope];
        if (f->pos == sc->state_count) {
            em->depth--;
        } else if ((size_t)f->pos == em->reached[f->scope] && em->scope_reached[f->scope] && !f->said_unreached) {
            add_row(em, ROW_UNREACHED, -1, f->scope, f->level);
            f->said_unreached = true;
        } else {
            emit_state(em, f);
        }
    }
}

void outline_build(const machine *m, outline *out)
{
    size_t ns = m->state_count, nsc = m->scope_count;
    out->rows = sfn_calloc(ns + 2 * nsc, sizeof *out->rows);
    out->count = 0;
    out->row_of = sfn_calloc(ns, sizeof *out->row_of);
    out->reachable = sfn_calloc(ns, sizeof *out->reachable);
    out->depth = sfn_calloc(ns, sizeof *out->depth);
    if (nsc == 0)
        return;
    int *order = sfn_calloc(ns, sizeof *order);
    walk w = {m, sfn_calloc(ns, sizeof(bool)), repeated_targets(m, order), sfn_calloc(ns, sizeof(walk_frame)),
              sfn_calloc(ns, sizeof(int))};
    size_t *reached = sfn_calloc(nsc, sizeof *reached);
    bool *scope_reached = sfn_calloc(nsc, sizeof *scope_reached);
    unsigned *scope_depth = sfn_calloc(nsc, sizeof *scope_depth);
    /* Scopes are numbered breadth first: a scope's Parallel or Map is in a scope numbered before it. */
    for (size_t s = 0; s < nsc; s++) {
        const wf_scope *sc = &m->scopes[s];
        reached[s] = order_scope(&w, (int)s, order);
        scope_reached[s] = sc->parent < 0 || out->reachable[sc->parent];
        scope_depth[s] = sc->parent < 0 ? 0 : scope_depth[m->states[sc->parent].scope] + 1;
        for (size_t k = 0; k < (size_t)sc->state_count; k++) {
            int st = order[sc->first_state + (int)k];
            out->reachable[st] = scope_reached[s] && k < reached[s];
            out->depth[st] = scope_depth[s];
        }
    }
    emitter em = {m, out, order, reached, scope_reached, sfn_calloc(2 * nsc + 1, sizeof(emit_frame)), 0};
    emit_rows(&em);
    free(em.frames);
    free(scope_depth);
    free(scope_reached);
    free(reached);
    free(order);
    free(w.indegree);
    free(w.stack);
    free((bool *)w.again);
    free(w.seen);
}

void outline_free(outline *o)
{
    free(o->rows);
    free(o->row_of);
    free(o->reachable);
    free(o->depth);
    *o = (outline){0};
}

bool outline_is_back_edge(const outline *o, const wf_edge *e)
{
    return e->from >= 0 && e->to >= 0 && o->row_of[e->to] <= o->row_of[e->from];
}
