/* export_json.c: the JSON export (version 1). One object per line for states and edges, so the output
 * reads well and diffs well. */
#include "export/export.h"
#include "base/json_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_string_or_null(strbuf *out, const char *s)
{
    if (s)
        json_put_string(out, s);
    else
        strbuf_puts(out, "null");
}

/* A number with a decimal point (2.0, 1.5), as short as it can be while reading back the same. */
static void put_double(strbuf *out, double d)
{
    if (isfinite(d))
        strbuf_put_shortest(out, d);
    else
        strbuf_puts(out, "null");
}

static void put_key(strbuf *out, const char *key)
{
    json_put_string(out, key);
    strbuf_puts(out, ": ");
}

static void put_string_list(strbuf *out, const char **items, size_t n)
{
    strbuf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_puts(out, ", ");
        json_put_string(out, items[i]);
    }
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
    strbuf_puts(out, ", \"name\": ");
    put_string_or_null(out, r->name);
    strbuf_puts(out, ", \"text\": ");
    put_string_or_null(out, r->text);
    if (r->pattern) {
        strbuf_puts(out, ", \"pattern\": ");
        json_put_string(out, r->pattern);
    }
    strbuf_putc(out, '}');
}

static void put_state(strbuf *out, const machine *m, const wf_state *s)
{
    const wf_scope *sc = &m->scopes[s->scope];
    strbuf_puts(out, "{\"name\": ");
    json_put_string(out, s->name);
    strbuf_puts(out, ", \"type\": ");
    put_string_or_null(out, s->type_text);
    strbuf_puts(out, ", \"parent\": ");
    put_string_or_null(out, sc->parent >= 0 ? m->states[sc->parent].name : NULL);
    strbuf_puts(out, ", \"branch\": ");
    if (sc->branch >= 0)
        strbuf_printf(out, "%d", sc->branch);
    else
        strbuf_puts(out, "null");
    strbuf_puts(out, ", \"resource\": ");
    put_resource(out, &s->res);
    strbuf_puts(out, ", \"file\": ");
    put_string_or_null(out, s->at.file);
    strbuf_printf(out, ", \"line\": %u, \"column\": %u}", s->at.line, s->at.column);
}

static void put_retry_fields(strbuf *out, const wf_edge *e)
{
    strbuf_printf(out, ", \"max_attempts\": %lld, \"interval_seconds\": %lld, \"backoff_rate\": ", e->max_attempts,
                  e->interval_seconds);
    put_double(out, e->backoff_rate);
    if (e->max_delay_seconds >= 0)
        strbuf_printf(out, ", \"max_delay_seconds\": %lld", e->max_delay_seconds);
    if (e->jitter) {
        strbuf_puts(out, ", \"jitter_strategy\": ");
        json_put_string(out, e->jitter);
    }
}

static void put_edge(strbuf *out, const machine *m, const wf_edge *e)
{
    strbuf_puts(out, "{\"from\": ");
    put_string_or_null(out, e->from >= 0 ? m->states[e->from].name : NULL);
    strbuf_puts(out, ", \"to\": ");
    put_string_or_null(out, e->kind == EDGE_END ? NULL : e->to_name);
    strbuf_puts(out, ", \"kind\": ");
    json_put_string(out, edge_kind_name(e->kind));
    strbuf_puts(out, ", \"label\": ");
    put_string_or_null(out, e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT ? e->label : NULL);
    if (e->kind == EDGE_CATCH || e->kind == EDGE_RETRY) {
        strbuf_puts(out, ", \"errors\": ");
        put_string_list(out, e->errors, e->error_count);
    }
    if (e->kind == EDGE_RETRY)
        put_retry_fields(out, e);
    if (e->kind != EDGE_RETRY && e->kind != EDGE_END && e->to < 0)
        strbuf_puts(out, ", \"missing\": true");
    strbuf_putc(out, '}');
}

static void put_machine_header(strbuf *out, const machine *m)
{
    strbuf_puts(out, "    {");
    put_key(out, "id");
    json_put_string(out, m->id);
    strbuf_puts(out, ", \"name\": ");
    put_string_or_null(out, m->name);
    strbuf_puts(out, ", \"type\": ");
    put_string_or_null(out, m->type);
    strbuf_puts(out, ", \"kind\": ");
    json_put_string(out, machine_kind_name(m->kind));
    strbuf_puts(out, ",\n     \"status\": ");
    json_put_string(out, machine_status_name(m->status));
    strbuf_puts(out, ", \"message\": ");
    put_string_or_null(out, m->message);
    strbuf_puts(out, ",\n     \"file\": ");
    put_string_or_null(out, m->file);
    strbuf_puts(out, ", \"definition_file\": ");
    put_string_or_null(out, m->definition_file);
    strbuf_puts(out, ", \"start\": ");
    put_string_or_null(out, m->scope_count ? m->scopes[0].start_name : NULL);
}

static void put_machine(strbuf *out, const machine *m)
{
    put_machine_header(out, m);
    strbuf_puts(out, ",\n     \"states\": [");
    for (size_t i = 0; i < m->state_count; i++) {
        strbuf_puts(out, i ? ",\n       " : "\n       ");
        put_state(out, m, &m->states[i]);
    }
    strbuf_puts(out, m->state_count ? "\n     ],\n     \"edges\": [" : "],\n     \"edges\": [");
    for (size_t i = 0; i < m->edge_count; i++) {
        strbuf_puts(out, i ? ",\n       " : "\n       ");
        put_edge(out, m, &m->edges[i]);
    }
    strbuf_puts(out, m->edge_count ? "\n     ]}" : "]}");
}

void export_json(const machine *const *machines, size_t n, strbuf *out)
{
    strbuf_puts(out, "{\"version\": 1, \"machines\": [");
    for (size_t i = 0; i < n; i++) {
        strbuf_puts(out, i ? ",\n" : "\n");
        put_machine(out, machines[i]);
    }
    strbuf_puts(out, n ? "\n]}\n" : "]}\n");
}
