/* mermaid_diff.c: the Mermaid diagram of one machine's diff (mermaid_write_diff, see mermaid.h).
 *
 * The new machine is drawn by the same writer as `render -f mermaid`, through its hooks: the diff's status
 * of each state and edge picks a class and a badge, and the removed states of the old machine come back as
 * ghosts (`r<i>`, dashed, "− Name") in the new machine's scope where they stood, found by the path of
 * container names and branch numbers from the top, with their removed edges. A removed state whose scope
 * is gone (its Parallel or Map was removed too) is left to that container's ghost. */
#include "export/mermaid.h"
#include "export/mermaid_writer.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct diff_ctx {
    const machine_diff *md;
    const machine *old_m, *new_m;
    int *scope_map; /* per scope of old_m: the same scope in new_m, or -1 */
} diff_ctx;

static const diff_ctx *ctx_of(const mm_writer *w) { return (const diff_ctx *)w->hooks.ctx; }

/* The new scope that old scope sc stands for: the top level for the top level; else the same branch of
 * the state of the same name and type in the parent's scope. Scopes come after their parent's, so one pass
 * in order sees each parent mapped first. */
static void map_scopes(diff_ctx *c)
{
    const machine *o = c->old_m, *n = c->new_m;
    for (size_t sc = 0; sc < o->scope_count; sc++) {
        c->scope_map[sc] = -1;
        int parent = o->scopes[sc].parent;
        if (parent < 0) {
            for (size_t k = 0; k < n->scope_count && c->scope_map[sc] < 0; k++)
                if (n->scopes[k].parent < 0)
                    c->scope_map[sc] = (int)k;
            continue;
        }
        const wf_state *p = &o->states[parent];
        int up = c->scope_map[p->scope];
        int np = up >= 0 ? workflow_find_state(n, up, p->name) : -1;
        int branch = (int)sc - p->first_child_scope;
        if (np >= 0 && n->states[np].type == p->type && branch < n->states[np].child_scope_count)
            c->scope_map[sc] = n->states[np].first_child_scope + branch;
    }
}

static bool removed(const diff_ctx *c, int old_state)
{
    return c->md->old_states && c->md->old_states[old_state] == DIFF_REMOVED;
}

/* The ID a transition of the old machine touching old state i reaches in the drawing, or false. */
static bool old_state_id(const mm_writer *w, int i, char *buf, size_t size)
{
    const diff_ctx *c = ctx_of(w);
    if (i < 0 || (size_t)i >= c->old_m->state_count)
        return false;
    int sc = c->scope_map[c->old_m->states[i].scope];
    if (sc < 0 || !mm_scope_drawn(w, sc))
        return false;
    if (removed(c, i)) {
        snprintf(buf, size, "r%d", i);
        return true;
    }
    int k = workflow_find_state(c->new_m, sc, c->old_m->states[i].name);
    if (k >= 0)
        mm_state_id(buf, size, k);
    return k >= 0;
}

/* Ghosts of the removed states that stood in old scopes mapped to new scope `scope`. */
static void scope_ghosts(mm_writer *w, int scope, int indent)
{
    const diff_ctx *c = ctx_of(w);
    for (size_t i = 0; i < c->old_m->state_count; i++) {
        const wf_state *s = &c->old_m->states[i];
        if (!removed(c, (int)i) || c->scope_map[s->scope] != scope)
            continue;
        const machine *drawn = w->m;
        w->m = c->old_m; /* the labels read the old machine's state */
        strbuf_clear(&w->label);
        if (s->first_child_scope >= 0)
            mm_container_title(w, (int)i, mm_badge(DIFF_REMOVED), false);
        else
            mm_state_label(w, (int)i, mm_badge(DIFF_REMOVED));
        w->m = drawn;
        char id[32];
        snprintf(id, sizeof id, "r%zu", i);
        wf_state shape = *s;
        if (shape.type == STATE_PARALLEL || shape.type == STATE_MAP)
            shape.type = STATE_PARALLEL; /* a ghost container is one node, as collapsed */
        mm_node(w, id, &shape, strbuf_cstr(&w->label), indent);
        mm_add_class(w, "removed", id);
    }
}

static bool old_edge_ends(const mm_writer *w, const wf_edge *e, char *from, char *to, size_t size)
{
    const diff_ctx *c = ctx_of(w);
    bool top = workflow_scope_is_top(c->old_m, e->scope);
    if (e->kind == EDGE_RETRY || ((e->kind == EDGE_START || e->kind == EDGE_END) && !top))
        return false;
    if (e->kind == EDGE_START) {
        snprintf(from, size, "start0");
        if (!w->has_start)
            return false;
    } else if (!old_state_id(w, e->from, from, size)) {
        return false;
    }
    if (e->kind == EDGE_END) {
        snprintf(to, size, "end0");
        return w->has_end;
    }
    return old_state_id(w, e->to, to, size);
}

/* The old machine's removed transitions between what the drawing still shows (states or ghosts): dashed,
 * "− " before their label. */
static void removed_edges(mm_writer *w)
{
    const diff_ctx *c = ctx_of(w);
    for (size_t i = 0; c->md->old_edges && i < c->old_m->edge_count; i++) {
        const wf_edge *e = &c->old_m->edges[i];
        char from[32], to[32];
        if (c->md->old_edges[i] != DIFF_REMOVED || !old_edge_ends(w, e, from, to, sizeof from))
            continue;
        const machine *drawn = w->m;
        w->m = c->old_m;
        strbuf_clear(&w->label);
        if (e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT)
            mm_rule_label(w, e);
        else if (e->kind == EDGE_CATCH)
            mm_catch_label(w, e);
        w->m = drawn;
        strbuf body;
        strbuf_init(&body);
        strbuf_puts(&body, w->label.len ? MM_MINUS " " : MM_MINUS);
        strbuf_puts(&body, strbuf_cstr(&w->label));
        mm_link(w, from, to, "-.->", strbuf_cstr(&body), MM_LOOK_REMOVED);
        strbuf_free(&body);
    }
}

/* A key of the marks the diagram uses, each with its badge as well as its colour. */
static void legend(mm_writer *w)
{
    static const struct {
        diff_status s;
        const char *id, *cls, *text;
    } ROWS[] = {
        {DIFF_ADDED, "legend_added", "added", "+ added state<br>thick edge: added transition"},
        {DIFF_CHANGED, "legend_changed", "changed", "~ changed state"},
        {DIFF_REMOVED, "legend_removed", "removed", MM_MINUS " removed state<br>dashed edge: removed transition"},
    };
    const machine_diff *md = ctx_of(w)->md;
    bool used[3] = {false, false, false};
    for (size_t i = 0; md->new_states && md->new_m && i < md->new_m->state_count; i++)
        for (int k = 0; k < 3; k++)
            used[k] |= md->new_states[i] == ROWS[k].s;
    for (size_t i = 0; md->new_edges && md->new_m && i < md->new_m->edge_count; i++) {
        used[0] |= md->new_edges[i] == DIFF_ADDED;
        used[2] |= md->new_edges[i] == DIFF_REMOVED;
    }
    for (size_t i = 0; md->old_states && md->old_m && i < md->old_m->state_count; i++)
        used[2] |= md->old_states[i] == DIFF_REMOVED;
    for (size_t i = 0; md->old_edges && md->old_m && i < md->old_m->edge_count; i++)
        used[2] |= md->old_edges[i] == DIFF_REMOVED;
    if (!used[0] && !used[1] && !used[2])
        return;
    strbuf_puts(w->out, "    subgraph legend0 [\"Legend\"]\n");
    for (int k = 0; k < 3; k++)
        if (used[k]) {
            strbuf_printf(w->out, "        %s[\"%s\"]\n", ROWS[k].id, ROWS[k].text);
            mm_add_class(w, ROWS[k].cls, ROWS[k].id);
        }
    strbuf_puts(w->out, "    end\n");
    strbuf_printf(w->out, "    style legend0 fill:%s,stroke:%s,color:%s\n", w->t->background, w->t->marker.border,
                  w->t->marker.text);
}

/* A removed machine: the old one, every state and edge removed. */
static void write_removed(strbuf *out, const machine_diff *md, const sfnviz_render_options *opts)
{
    const machine *m = md->old_m;
    diff_status *states = sfn_calloc(m->state_count + 1, sizeof *states);
    diff_status *edges = sfn_calloc(m->edge_count + 1, sizeof *edges);
    for (size_t i = 0; i < m->state_count; i++)
        states[i] = DIFF_REMOVED;
    for (size_t i = 0; i < m->edge_count; i++)
        edges[i] = DIFF_REMOVED;
    /* Drawn as the machine with every mark on it: no ghosts to bring back, and the legend reads these. */
    machine_diff all = {.id = md->id, .status = DIFF_REMOVED, .new_m = m, .new_states = states, .new_edges = edges};
    diff_ctx c = {.md = &all, .old_m = m, .new_m = m};
    mm_hooks hooks = {.state_mark = states, .edge_mark = edges, .after = legend, .ctx = &c};
    mermaid_write_planned(out, m, opts, &hooks);
    free(states);
    free(edges);
}

void mermaid_write_diff(strbuf *out, const machine_diff *md, const sfnviz_render_options *opts)
{
    if (md->status == DIFF_REMOVED || !md->new_m) {
        if (md->old_m)
            write_removed(out, md, opts);
        return;
    }
    diff_ctx c = {.md = md, .old_m = md->old_m, .new_m = md->new_m};
    mm_hooks hooks = {.state_mark = md->new_states, .edge_mark = md->new_edges, .after = legend, .ctx = &c};
    if (md->old_m && md->old_states) {
        c.scope_map = sfn_calloc(md->old_m->scope_count + 1, sizeof *c.scope_map);
        map_scopes(&c);
        hooks.scope_extra = scope_ghosts;
        hooks.edges_extra = removed_edges;
    }
    mermaid_write_planned(out, md->new_m, opts, &hooks);
    free(c.scope_map);
}
