/* summary_json.c: the JSON summary (version 1, docs/json-schema.md): a machine's header, its outline with
 * one object per state and per line, and the lists. Valid UTF-8 whatever the input (base/json_text.h). */
#include "summary/summary.h"
#include "summary/describe.h"
#include "base/json_text.h"

#include <math.h>

static void put_str(strbuf *out, const char *s)
{
    if (s)
        json_put_string(out, s);
    else
        strbuf_puts(out, "null");
}

/* `, "key": ` */
static void put_key(strbuf *out, const char *key)
{
    strbuf_puts(out, ", \"");
    strbuf_puts(out, key);
    strbuf_puts(out, "\": ");
}

static void put_field(strbuf *out, const char *key, const char *text)
{
    put_key(out, key);
    put_str(out, text);
}

static void put_number_field(strbuf *out, const char *key, long long n)
{
    put_key(out, key);
    put_integer(out, n);
}

static void put_bool_field(strbuf *out, const char *key, bool b)
{
    put_key(out, key);
    strbuf_puts(out, b ? "true" : "false");
}

static void put_errors(strbuf *out, const wf_edge *e)
{
    strbuf_puts(out, "\"errors\": [");
    for (size_t i = 0; i < e->error_count; i++) {
        strbuf_puts(out, i ? ", " : "");
        json_put_string(out, e->errors[i]);
    }
    strbuf_putc(out, ']');
}

static void put_retry(strbuf *out, const wf_edge *e)
{
    strbuf_putc(out, '{');
    put_errors(out, e);
    strbuf_puts(out, ", \"max_attempts\": ");
    put_integer(out, e->max_attempts);
    strbuf_puts(out, ", \"interval_seconds\": ");
    put_integer(out, e->interval_seconds);
    strbuf_puts(out, ", \"backoff_rate\": ");
    if (isfinite(e->backoff_rate))
        put_rate(out, e->backoff_rate);
    else
        strbuf_puts(out, "null");
    if (e->max_delay_seconds >= 0) {
        strbuf_puts(out, ", \"max_delay_seconds\": ");
        put_integer(out, e->max_delay_seconds);
    }
    if (e->jitter)
        put_field(out, "jitter_strategy", e->jitter);
    strbuf_putc(out, '}');
}

/* The transitions of a state of one kind, as a list of objects (rules, retriers, catchers). */
static void put_edges(strbuf *out, const machine *m, const wf_state *s, edge_kind kind, const char *key)
{
    put_key(out, key);
    strbuf_putc(out, '[');
    bool first = true;
    for (int k = 0; k < s->edge_count; k++) {
        const wf_edge *e = &m->edges[s->first_edge + k];
        if (e->kind != kind)
            continue;
        strbuf_puts(out, first ? "" : ", ");
        first = false;
        if (kind == EDGE_RETRY) {
            put_retry(out, e);
            continue;
        }
        strbuf_putc(out, '{');
        if (kind == EDGE_CHOICE) {
            strbuf_puts(out, "\"rule\": ");
            put_str(out, e->label);
        } else {
            put_errors(out, e);
        }
        put_field(out, "next", describe_target(m, e));
        strbuf_putc(out, '}');
    }
    strbuf_putc(out, ']');
}

static const char *target_of(const machine *m, const wf_state *s, edge_kind kind)
{
    for (int k = 0; k < s->edge_count; k++)
        if (m->edges[s->first_edge + k].kind == kind)
            return describe_target(m, &m->edges[s->first_edge + k]);
    return NULL;
}

/* Targets that name no state of the scope, when there are any. */
static void put_missing(strbuf *out, const machine *m, const wf_state *s)
{
    bool any = false;
    for (int k = 0; k < s->edge_count; k++) {
        const wf_edge *e = &m->edges[s->first_edge + k];
        if (e->kind == EDGE_RETRY || e->kind == EDGE_END || e->to >= 0 || !e->to_name)
            continue;
        strbuf_puts(out, any ? ", " : ", \"missing\": [");
        any = true;
        json_put_string(out, e->to_name);
    }
    if (any)
        strbuf_putc(out, ']');
}

static void put_resource(strbuf *out, const resource *r)
{
    if (r->kind == RESOURCE_NONE) {
        strbuf_puts(out, "null");
        return;
    }
    strbuf_puts(out, "{\"kind\": ");
    json_put_string(out, resource_kind_name(r->kind));
    put_field(out, "name", r->name);
    put_field(out, "text", r->text);
    if (r->pattern)
        put_field(out, "pattern", r->pattern);
    strbuf_putc(out, '}');
}

static void put_row(strbuf *out, const summary_input *in, int i)
{
    const machine *m = in->m;
    const wf_state *s = &m->states[i];
    const wf_scope *sc = &m->scopes[s->scope];
    strbuf_puts(out, "{\"name\": ");
    json_put_string(out, s->name);
    put_field(out, "type", s->type_text);
    put_number_field(out, "depth", in->o->depth[i]);
    put_field(out, "parent", sc->parent >= 0 ? m->states[sc->parent].name : NULL);
    if (sc->branch >= 0)
        put_number_field(out, "branch", sc->branch);
    else
        put_field(out, "branch", NULL);
    put_bool_field(out, "reachable", in->o->reachable[i]);
    strbuf detail;
    strbuf_init(&detail);
    describe_detail(&detail, s, signs_for(false));
    put_field(out, "detail", detail.len ? strbuf_cstr(&detail) : NULL);
    strbuf_free(&detail);
    strbuf_puts(out, ", \"resource\": ");
    put_resource(out, &s->res);
    put_field(out, "next", target_of(m, s, EDGE_NEXT));
    put_bool_field(out, "end", s->end);
    put_edges(out, m, s, EDGE_CHOICE, "rules");
    put_field(out, "default", target_of(m, s, EDGE_DEFAULT));
    put_edges(out, m, s, EDGE_RETRY, "retry");
    put_edges(out, m, s, EDGE_CATCH, "catch");
    put_missing(out, m, s);
    put_number_field(out, "line", s->at.line);
    put_number_field(out, "column", s->at.column);
    strbuf_putc(out, '}');
}

static void put_names(strbuf *out, const char *key, const machine *m, const state_list *l)
{
    strbuf_printf(out, "\"%s\": [", key);
    for (size_t i = 0; i < l->count; i++) {
        strbuf_puts(out, i ? ", " : "");
        json_put_string(out, m->states[l->items[i]].name);
    }
    strbuf_putc(out, ']');
}

static void put_uses(strbuf *out, const char *key, const char *name_key, const name_count *list, size_t n)
{
    strbuf_printf(out, "\"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        strbuf_printf(out, "%s{\"%s\": ", i ? ", " : "", name_key);
        json_put_string(out, list[i].name);
        put_number_field(out, "tasks", (long long)list[i].tasks);
        strbuf_putc(out, '}');
    }
    strbuf_putc(out, ']');
}

static void put_header(strbuf *out, const machine *m, const facts *f)
{
    strbuf_puts(out, "    {\"id\": ");
    put_str(out, m->id);
    put_field(out, "name", m->name);
    put_field(out, "kind", machine_kind_name(m->kind));
    put_field(out, "type", m->type);
    put_field(out, "status", machine_status_name(m->status));
    put_field(out, "message", m->message);
    strbuf_puts(out, ",\n     \"file\": ");
    put_str(out, m->file);
    strbuf_printf(out, ", \"line\": %u, \"column\": %u", m->at.line, m->at.column);
    put_field(out, "definition", m->where);
    put_field(out, "definition_file", m->definition_file);
    strbuf_puts(out, ",\n     \"query_language\": ");
    json_put_string(out, m->jsonata ? "JSONata" : "JSONPath");
    put_field(out, "comment", m->comment);
    put_field(out, "start", m->scope_count ? m->scopes[0].start_name : NULL);
    if (m->status == MACHINE_OK)
        strbuf_printf(out, ",\n     \"states\": %zu, \"states_by_type\": {", m->state_count);
    else
        strbuf_puts(out, ",\n     \"states\": null, \"states_by_type\": {");
    bool first = true;
    for (int k = 0; k < TYPE_COUNT; k++) {
        state_type t = TYPE_ORDER[k];
        if (f->by_type[t]) {
            strbuf_printf(out, "%s\"%s\": %zu", first ? "" : ", ", state_type_name(t), f->by_type[t]);
            first = false;
        }
    }
    strbuf_putc(out, '}');
}

void summary_json(strbuf *out, const summary_input *in)
{
    const machine *m = in->m;
    const facts *f = in->f;
    put_header(out, m, f);
    strbuf_puts(out, ",\n     \"outline\": [");
    size_t shown = 0;
    for (size_t r = 0; in->o && r < in->o->count; r++) {
        if (in->o->rows[r].kind != ROW_STATE)
            continue;
        strbuf_puts(out, shown++ ? ",\n       " : "\n       ");
        put_row(out, in, in->o->rows[r].state);
    }
    strbuf_puts(out, shown ? "\n     ],\n     " : "],\n     ");
    put_names(out, "terminal", m, &f->terminal);
    strbuf_puts(out, ", ");
    put_names(out, "unreachable", m, &f->unreachable);
    strbuf_puts(out, ", ");
    put_names(out, "without_retry_or_catch", m, &f->unguarded);
    strbuf_puts(out, ",\n     ");
    put_uses(out, "lambda_functions", "name", f->lambdas, f->lambda_count);
    strbuf_puts(out, ", ");
    put_uses(out, "resources", "resource", f->resources, f->resource_count);
    strbuf_putc(out, '}');
}
