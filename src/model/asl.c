/* asl.c: Amazon States Language values -> the workflow model (workflow.h).
 *
 * Scopes are built breadth first from a queue (the top level, then every Parallel branch and Map processor
 * as it is met), never by recursion, so nesting depth costs no stack. A scope's states are added first, then
 * its transitions are resolved by name through a hash map, which keeps the build linear in the number of
 * states. Problems that still leave a drawable graph (a missing target, an unknown Type, a state with
 * neither Next nor End) are warnings: `sfnviz check` is where they become errors. */
#include "model/resolve.h"
#include "model/resource.h"
#include "model/rule.h"
#include "base/strmap.h"
#include "base/limits.h"
#include "model/workflow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct builder {
    arena *a;
    machine *m;
    const resolver *r;
    diag_list *diags;
    wf_state *states;
    size_t nstates, cap_states;
    wf_scope *scopes;
    size_t nscopes, cap_scopes;
    wf_edge *edges;
    size_t nedges, cap_edges;
    strmap by_scope; /* (scope, name) -> state */
    strmap by_name;  /* (0, name) -> first state of that name, across scopes */
    unsigned duplicate_names;
    size_t max_states;  /* the states limit */
    bool too_many;      /* a scope would pass it: nothing more is built */
} builder;

/* A YAML alias can repeat a branch thousands of times: past this, repeated names are not reported again. */
enum { DUPLICATE_NAME_WARNINGS = 20 };

/* ---- growing the arrays ---- */

static int add_scope(builder *b, const value *src, int parent, int branch, bool map_processor)
{
    b->scopes = sfn_grow(b->scopes, &b->cap_scopes, b->nscopes + 1, sizeof *b->scopes);
    wf_scope *s = &b->scopes[b->nscopes];
    memset(s, 0, sizeof *s);
    s->parent = parent;
    s->branch = branch;
    s->map_processor = map_processor;
    s->start = -1;
    s->src = src;
    s->at = src ? src->at : b->m->at;
    return (int)b->nscopes++;
}

static wf_edge *add_edge(builder *b, edge_kind kind, int scope, int from, mark at)
{
    b->edges = sfn_grow(b->edges, &b->cap_edges, b->nedges + 1, sizeof *b->edges);
    wf_edge *e = &b->edges[b->nedges++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->scope = scope;
    e->from = from;
    e->to = -1;
    e->at = at;
    e->max_delay_seconds = -1;
    return e;
}

/* A name for display and lookup: the text, with any NUL byte (from a JSON `\u0000`) shown as U+FFFD so
 * the name stays a C string. State names and the targets naming them go through the same door. */
static const char *name_text(builder *b, const char *text, size_t len)
{
    if (strlen(text) == len)
        return text;
    strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < len; i++) {
        if (text[i])
            strbuf_putc(&sb, text[i]);
        else
            strbuf_puts(&sb, "\xEF\xBF\xBD");
    }
    return strbuf_to_arena(&sb, b->a);
}

static const char *state_name(builder *b, const value_pair *p) { return name_text(b, p->key, p->key_len); }

/* The state name a Next, Default, StartAt or Catch value holds, or NULL when it is not a scalar. */
static const char *target_name(builder *b, const value *v)
{
    return value_scalar_text(v) ? name_text(b, v->text, v->len) : NULL;
}

/* ---- reading fields ---- */

static const char *field_str(const value *state, const char *key) { return value_str(value_get(state, key)); }

/* A number field as an integer, or fallback when absent or not an integer (a JSONata expression, say). */
static long long field_int(const value *map, const char *key, long long fallback)
{
    long long n;
    return value_int(value_get(map, key), &n) ? n : fallback;
}

/* A retry policy number: one that is there but unusable is worth a warning, since the drawing then
 * shows the default in its place. */
static long long retry_int(builder *b, const value *retrier, const char *key, long long fallback, const char *owner)
{
    const value *v = value_get(retrier, key);
    long long n;
    if (v && !value_int(v, &n))
        diag_warning(b->diags, v->at, "state \"%s\": %s should be an integer; the drawing shows %lld", owner,
                     key, fallback);
    return field_int(retrier, key, fallback);
}

static const char **string_list(builder *b, const value *seq, size_t *count)
{
    *count = 0;
    if (!value_is_seq(seq))
        return NULL;
    const char **out = arena_calloc(b->a, seq->count ? seq->count : 1, sizeof *out);
    for (size_t i = 0; i < seq->count; i++) {
        const char *t = value_scalar_text(seq->items[i]);
        out[(*count)++] = t ? t : "?";
    }
    return out;
}

static const char *join_list(builder *b, const char **items, size_t n, const char *sep)
{
    strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_puts(&sb, sep);
        strbuf_puts(&sb, items[i]);
    }
    return strbuf_to_arena(&sb, b->a);
}

static bool is_jsonata(const value *v)
{
    const char *ql = field_str(v, "QueryLanguage");
    return ql && strcmp(ql, "JSONata") == 0;
}

/* ---- per-type facts ---- */

static void read_task(builder *b, wf_state *s)
{
    const value *res = value_get(s->src, "Resource");
    const value *params = value_get(s->src, "Parameters");
    if (!params)
        params = value_get(s->src, "Arguments");
    const char *raw = value_scalar_text(res);
    if (!raw && res)
        diag_warning(b->diags, res->at, "state \"%s\": Resource should be a string", s->name);
    else if (!res)
        diag_warning(b->diags, s->at, "state \"%s\": Task has no Resource", s->name);
    resource_classify(b->a, &s->res, raw, params, b->r);
}

static void read_wait(builder *b, wf_state *s)
{
    const value *v;
    if ((v = value_get(s->src, "Seconds")))
        s->wait_text = v->kind == VALUE_NUMBER ? arena_printf(b->a, "%s s", v->text) : value_scalar_text(v);
    else if ((v = value_get(s->src, "Timestamp")) && value_scalar_text(v))
        s->wait_text = arena_printf(b->a, "until %s", v->text);
    else if ((v = value_get(s->src, "SecondsPath")) && value_scalar_text(v))
        s->wait_text = v->text;
    else if ((v = value_get(s->src, "TimestampPath")) && value_scalar_text(v))
        s->wait_text = arena_printf(b->a, "until %s", v->text);
    else
        diag_warning(b->diags, s->at, "state \"%s\": Wait needs Seconds, Timestamp, SecondsPath or TimestampPath",
                     s->name);
}

static void read_fail(wf_state *s)
{
    s->fail_error = field_str(s->src, "Error");
    if (!s->fail_error)
        s->fail_error = field_str(s->src, "ErrorPath");
    s->fail_cause = field_str(s->src, "Cause");
    if (!s->fail_cause)
        s->fail_cause = field_str(s->src, "CausePath");
}

static const char *item_reader_text(builder *b, const value *reader)
{
    const char *res = field_str(reader, "Resource");
    if (!res)
        return reader ? "ItemReader" : NULL;
    resource r;
    resource_classify(b->a, &r, res, value_get(reader, "Parameters"), b->r);
    const char *input = field_str(value_get(reader, "ReaderConfig"), "InputType");
    return input ? arena_printf(b->a, "%s · %s", r.text, input) : r.text;
}

static const char *tolerated_text(builder *b, const value *map)
{
    const value *v = value_get(map, "ToleratedFailurePercentage");
    if (v && v->kind == VALUE_NUMBER)
        return arena_printf(b->a, "%s%%", v->text);
    v = value_get(map, "ToleratedFailureCount");
    if (v && v->kind == VALUE_NUMBER)
        return v->text;
    return NULL;
}

static void read_map(builder *b, wf_state *s)
{
    map_info *mi = &s->map;
    const value *proc = value_get(s->src, "ItemProcessor");
    const value *config = value_get(proc, "ProcessorConfig");
    const char *mode = field_str(config, "Mode");
    mi->distributed = mode && strcmp(mode, "DISTRIBUTED") == 0;
    mi->execution_type = field_str(config, "ExecutionType");
    mi->legacy_iterator = !proc && value_get(s->src, "Iterator");
    mi->max_concurrency = field_int(s->src, "MaxConcurrency", -1);
    mi->max_concurrency_path = field_str(s->src, "MaxConcurrencyPath");
    mi->item_reader = item_reader_text(b, value_get(s->src, "ItemReader"));
    mi->items_path = field_str(s->src, "ItemsPath");
    if (!mi->items_path)
        mi->items_path = value_scalar_text(value_get(s->src, "Items"));
    const value *batcher = value_get(s->src, "ItemBatcher");
    mi->has_item_batcher = batcher != NULL;
    mi->max_items_per_batch = field_int(batcher, "MaxItemsPerBatch", -1);
    mi->tolerated_failure = tolerated_text(b, s->src);
    mi->label = field_str(s->src, "Label");
}

/* ---- states ---- */

static void add_state(builder *b, int scope, const value_pair *p, bool scope_jsonata)
{
    b->states = sfn_grow(b->states, &b->cap_states, b->nstates + 1, sizeof *b->states);
    int index = (int)b->nstates++;
    wf_state *s = &b->states[index];
    memset(s, 0, sizeof *s);
    s->name = state_name(b, p);
    s->scope = scope;
    s->first_child_scope = -1;
    s->at = p->key_mark;
    s->src = p->val;
    if (!value_is_map(p->val)) {
        s->type = STATE_UNKNOWN;
        diag_warning(b->diags, p->val->at, "state \"%s\" should be a map of fields", s->name);
    } else {
        s->type_text = field_str(p->val, "Type");
        s->type = state_type_from_name(s->type_text);
        if (!s->type_text)
            diag_warning(b->diags, s->at, "state \"%s\" has no Type", s->name);
        else if (s->type == STATE_UNKNOWN)
            diag_warning(b->diags, value_get(p->val, "Type")->at,
                         "state \"%s\": unknown Type \"%s\" (types are Task, Pass, Choice, Wait, Succeed, Fail, "
                         "Parallel, Map; case matters)",
                         s->name, s->type_text);
    }
    s->comment = field_str(s->src, "Comment");
    s->end = value_truthy(value_get(s->src, "End"));
    s->jsonata = is_jsonata(s->src) || (scope_jsonata && !field_str(s->src, "QueryLanguage"));

    int first = strmap_put(&b->by_name, 0, s->name, index);
    if (first != index && b->duplicate_names++ < DUPLICATE_NAME_WARNINGS)
        diag_warning(b->diags, s->at, "state name \"%s\" is also used at line %u, column %u (names must be unique "
                                      "in a state machine)",
                     s->name, b->states[first].at.line, b->states[first].at.column);
    strmap_put(&b->by_scope, scope, s->name, index);

    switch (s->type) {
    case STATE_TASK: read_task(b, s); break;
    case STATE_WAIT: read_wait(b, s); break;
    case STATE_FAIL: read_fail(s); break;
    case STATE_MAP: read_map(b, s); break;
    default: break;
    }
}

/* ---- transitions ---- */

static void resolve_target(builder *b, wf_edge *e, const char *field, const char *from_name)
{
    e->to = strmap_get(&b->by_scope, e->scope, e->to_name);
    if (e->to >= 0)
        return;
    int elsewhere = strmap_get(&b->by_name, 0, e->to_name);
    if (elsewhere >= 0)
        diag_warning(b->diags, e->at, "%s: %s target \"%s\" is in another scope (transitions cannot cross a "
                                      "Parallel or Map boundary)",
                     from_name, field, e->to_name);
    else
        diag_warning(b->diags, e->at, "%s: %s target \"%s\" does not exist", from_name, field, e->to_name);
}

/* An edge to the state named by `target` (a Next, Default, Choices[i].Next or Catch[i].Next value). */
static wf_edge *add_transition(builder *b, edge_kind kind, int from, const value *target, const char *field)
{
    const wf_state *s = &b->states[from];
    const char *name = target_name(b, target);
    if (!name) {
        diag_warning(b->diags, target->at, "state \"%s\": %s should be a state name", s->name, field);
        return NULL;
    }
    wf_edge *e = add_edge(b, kind, s->scope, from, target->at);
    e->to_name = name;
    char owner[64];
    snprintf(owner, sizeof owner, "state \"%.40s\"", s->name);
    resolve_target(b, e, field, owner);
    return e;
}

static void add_choice_edges(builder *b, int from)
{
    const value *choices = value_get(b->states[from].src, "Choices");
    if (!value_is_seq(choices) || choices->count == 0) {
        diag_warning(b->diags, b->states[from].at, "state \"%s\": Choice needs a non-empty Choices list",
                     b->states[from].name);
        return;
    }
    for (size_t i = 0; i < choices->count; i++) {
        const value *rule = choices->items[i];
        const value *next = value_get(rule, "Next");
        if (!next) {
            diag_warning(b->diags, rule->at, "state \"%s\": Choices[%zu] has no Next", b->states[from].name, i);
            continue;
        }
        wf_edge *e = add_transition(b, EDGE_CHOICE, from, next, "Choices[].Next");
        if (e) {
            e->label = rule_text(b->a, rule);
            e->index = (int)i;
        }
    }
    const value *def = value_get(b->states[from].src, "Default");
    if (def)
        add_transition(b, EDGE_DEFAULT, from, def, "Default");
}

static void add_catch_edges(builder *b, int from)
{
    const value *catchers = value_get(b->states[from].src, "Catch");
    for (size_t i = 0; value_is_seq(catchers) && i < catchers->count; i++) {
        const value *c = catchers->items[i];
        const value *next = value_get(c, "Next");
        if (!next) {
            diag_warning(b->diags, c->at, "state \"%s\": Catch[%zu] has no Next", b->states[from].name, i);
            continue;
        }
        wf_edge *e = add_transition(b, EDGE_CATCH, from, next, "Catch[].Next");
        if (!e)
            continue;
        e->index = (int)i;
        e->errors = string_list(b, value_get(c, "ErrorEquals"), &e->error_count);
        e->label = join_list(b, e->errors, e->error_count, ", ");
    }
}

static double retry_backoff(builder *b, const value *r, const char *owner)
{
    const value *v = value_get(r, "BackoffRate");
    if (!v)
        return 2.0;
    if (v->kind == VALUE_NUMBER && isfinite(v->number))
        return v->number;
    diag_warning(b->diags, v->at, "state \"%s\": BackoffRate should be a number; the drawing shows 2.0", owner);
    return 2.0;
}

static void add_retry_edges(builder *b, int from)
{
    const value *retriers = value_get(b->states[from].src, "Retry");
    const char *owner = b->states[from].name;
    for (size_t i = 0; value_is_seq(retriers) && i < retriers->count; i++) {
        const value *r = retriers->items[i];
        wf_edge *e = add_edge(b, EDGE_RETRY, b->states[from].scope, from, r->at);
        e->to = from;
        e->to_name = b->states[from].name;
        e->index = (int)i;
        e->errors = string_list(b, value_get(r, "ErrorEquals"), &e->error_count);
        e->max_attempts = retry_int(b, r, "MaxAttempts", 3, owner);
        e->interval_seconds = retry_int(b, r, "IntervalSeconds", 1, owner);
        e->backoff_rate = retry_backoff(b, r, owner);
        e->max_delay_seconds = retry_int(b, r, "MaxDelaySeconds", -1, owner);
        e->jitter = field_str(r, "JitterStrategy");
    }
}

static bool is_terminal(const wf_state *s) { return s->type == STATE_SUCCEED || s->type == STATE_FAIL; }

static void add_outgoing_edges(builder *b, int from)
{
    const wf_state *s = &b->states[from];
    const value *next = value_get(s->src, "Next");
    if (s->type == STATE_CHOICE)
        add_choice_edges(b, from);
    else if (next)
        add_transition(b, EDGE_NEXT, from, next, "Next");
    s = &b->states[from];
    if (s->type == STATE_TASK || s->type == STATE_PARALLEL || s->type == STATE_MAP) {
        add_catch_edges(b, from);
        add_retry_edges(b, from);
    }
    s = &b->states[from];
    if (s->end || is_terminal(s))
        add_edge(b, EDGE_END, s->scope, from, s->at);
    if (next && s->end)
        diag_warning(b->diags, s->at, "state \"%s\" has both Next and End", s->name);
    if (!next && !s->end && !is_terminal(s) && s->type != STATE_CHOICE && s->type != STATE_UNKNOWN)
        diag_warning(b->diags, s->at, "state \"%s\" has neither Next nor End", s->name);
}

static void add_state_edges(builder *b, int from)
{
    size_t first_edge = b->nedges;
    add_outgoing_edges(b, from);
    b->states[from].first_edge = (int)first_edge;
    b->states[from].edge_count = (int)(b->nedges - first_edge);
}

/* Queues the scopes a Parallel (each branch) or Map (its processor) owns; they are built later, breadth
 * first. An invalid Map carrying both ItemProcessor and Iterator gets both, so nothing is hidden. */
static void add_child_scopes(builder *b, int owner)
{
    const value *src = b->states[owner].src;
    int first = (int)b->nscopes, count = 0;
    if (b->states[owner].type == STATE_PARALLEL) {
        const value *branches = value_get(src, "Branches");
        for (size_t i = 0; value_is_seq(branches) && i < branches->count; i++, count++)
            add_scope(b, branches->items[i], owner, (int)i, false);
        if (count == 0)
            diag_warning(b->diags, b->states[owner].at, "state \"%s\": Parallel needs a non-empty Branches list",
                         b->states[owner].name);
    } else if (b->states[owner].type == STATE_MAP) {
        static const char *const keys[] = {"ItemProcessor", "Iterator"};
        for (size_t k = 0; k < 2; k++)
            if (value_get(src, keys[k]))
                add_scope(b, value_get(src, keys[k]), owner, -1, true), count++;
        if (count == 0)
            diag_warning(b->diags, b->states[owner].at, "state \"%s\": Map needs an ItemProcessor",
                         b->states[owner].name);
    }
    if (count) {
        b->states[owner].first_child_scope = first;
        b->states[owner].child_scope_count = count;
    }
}

static void add_start_edge(builder *b, int scope)
{
    wf_scope *sc = &b->scopes[scope];
    const value *start = value_get(sc->src, "StartAt");
    sc->start_name = target_name(b, start);
    if (!sc->start_name) {
        diag_warning(b->diags, sc->at, "StartAt is missing");
        return;
    }
    wf_edge *e = add_edge(b, EDGE_START, scope, -1, start->at);
    e->to_name = sc->start_name;
    resolve_target(b, e, "StartAt", "StartAt");
    b->scopes[scope].start = e->to;
}

static void build_scope(builder *b, int scope)
{
    const value *src = b->scopes[scope].src;
    const value *states = value_get(src, "States");
    bool jsonata = b->m->jsonata;
    b->scopes[scope].first_state = (int)b->nstates;
    if (!value_is_map(states)) {
        diag_warning(b->diags, src ? src->at : b->m->at, "States is missing or is not a map");
        return;
    }
    if (states->count > b->max_states - b->nstates) {
        b->too_many = true;
        return;
    }
    for (size_t i = 0; i < states->count; i++)
        add_state(b, scope, &states->pairs[i], jsonata);
    int first = b->scopes[scope].first_state, count = (int)b->nstates - first;
    b->scopes[scope].state_count = count;
    add_start_edge(b, scope);
    for (int i = first; i < first + count; i++) {
        add_state_edges(b, i);
        add_child_scopes(b, i);
    }
}

static void *copy_to_arena(arena *a, const void *src, size_t n, size_t elem)
{
    void *p = arena_calloc(a, n ? n : 1, elem);
    if (n)
        memcpy(p, src, n * elem);
    return p;
}

/* Every handle the public API gives out finds its machine again (sfnviz_edge_from needs the states). */
static void set_owner(machine *m)
{
    for (size_t i = 0; i < m->state_count; i++)
        m->states[i].owner = m;
    for (size_t i = 0; i < m->scope_count; i++)
        m->scopes[i].owner = m;
    for (size_t i = 0; i < m->edge_count; i++)
        m->edges[i].owner = m;
}

/* The model past the states limit is dropped: a definition that names one branch through many YAML
 * aliases could otherwise make millions of states for every later stage to walk. */
static bool refuse_too_many(builder *b, const value *definition, const sfnviz_limits *limits)
{
    char limit[160];
    diag_error(b->diags, value_get(definition, "States")->at, "the definition has more states than %s",
               limit_describe(limit, sizeof limit, limits, SFNVIZ_LIMIT_STATES));
    free(b->states);
    free(b->scopes);
    free(b->edges);
    strmap_free(&b->by_scope);
    strmap_free(&b->by_name);
    return false;
}

bool workflow_build(arena *a, machine *m, const value *definition, const resolver *resolve,
                    const sfnviz_limits *limits, diag_list *diags)
{
    if (!value_is_map(value_get(definition, "States"))) {
        diag_error(diags, definition ? definition->at : m->at, "the definition has no States map");
        return false;
    }
    builder b;
    memset(&b, 0, sizeof b);
    b.a = a;
    b.m = m;
    b.r = resolve;
    b.diags = diags;
    b.max_states = limit_of(limits, SFNVIZ_LIMIT_STATES);
    m->jsonata = is_jsonata(definition);
    m->comment = field_str(definition, "Comment");
    add_scope(&b, definition, -1, -1, false);
    for (size_t next = 0; next < b.nscopes && !b.too_many; next++)
        build_scope(&b, (int)next);
    if (b.too_many)
        return refuse_too_many(&b, definition, limits);
    m->states = copy_to_arena(a, b.states, b.nstates, sizeof *b.states);
    m->state_count = b.nstates;
    m->scopes = copy_to_arena(a, b.scopes, b.nscopes, sizeof *b.scopes);
    m->scope_count = b.nscopes;
    m->edges = copy_to_arena(a, b.edges, b.nedges, sizeof *b.edges);
    m->edge_count = b.nedges;
    set_owner(m);
    free(b.states);
    free(b.scopes);
    free(b.edges);
    strmap_free(&b.by_scope);
    strmap_free(&b.by_name);
    return true;
}
