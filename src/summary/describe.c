/* describe.c: the words a summary shares between its formats; see describe.h. */
#include "summary/describe.h"

#include <math.h>
#include <string.h>

static const signs UNICODE_SIGNS = {"\u2192", "\u21bb", "\u00d7", " \u00b7 ", "\u03bb"};
static const signs ASCII_SIGNS = {"->", "retry", "x", ", ", "Lambda"};

const state_type TYPE_ORDER[TYPE_COUNT] = {STATE_TASK, STATE_CHOICE, STATE_PARALLEL, STATE_MAP, STATE_PASS,
                                          STATE_WAIT, STATE_SUCCEED, STATE_FAIL, STATE_UNKNOWN};

const signs *signs_for(bool ascii) { return ascii ? &ASCII_SIGNS : &UNICODE_SIGNS; }

const char *describe_type(const wf_state *s)
{
    if (s->type != STATE_UNKNOWN)
        return state_type_name(s->type);
    return s->type_text ? s->type_text : "?";
}

/* A text of the model with its " · " separators in the signs' style. */
static void put_model_text(strbuf *out, const char *text, const signs *g)
{
    static const char model_dot[] = " \u00b7 ";
    for (const char *p = text; *p;) {
        const char *hit = strstr(p, model_dot);
        if (!hit) {
            strbuf_puts(out, p);
            return;
        }
        strbuf_put(out, p, (size_t)(hit - p));
        strbuf_puts(out, g->dot);
        p = hit + sizeof model_dot - 1;
    }
}

void put_integer(strbuf *out, long long n)
{
    char digits[24], *p = digits + sizeof digits;
    unsigned long long u = n < 0 ? 0 - (unsigned long long)n : (unsigned long long)n;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (n < 0)
        *--p = '-';
    strbuf_put(out, p, (size_t)(digits + sizeof digits - p));
}

void put_rate(strbuf *out, double d)
{
    double tenths = d * 10;
    if (isfinite(d) && d >= 0 && d < 1e9 && tenths == floor(tenths)) { /* 2.0, 1.5: the usual rates */
        long long t = (long long)tenths;
        put_integer(out, t / 10);
        strbuf_putc(out, '.');
        strbuf_putc(out, (char)('0' + t % 10));
        return;
    }
    strbuf_put_shortest(out, d);
}

static void put_task(strbuf *out, const wf_state *s, const signs *g)
{
    if (s->res.kind == RESOURCE_NONE)
        return;
    if (s->res.kind == RESOURCE_LAMBDA) {
        strbuf_puts(out, g->lambda);
        strbuf_putc(out, ' ');
        strbuf_puts(out, s->res.name);
        if (s->res.pattern) {
            strbuf_putc(out, ' ');
            strbuf_puts(out, s->res.pattern);
        }
        return;
    }
    strbuf_puts(out, s->res.text);
}

static void put_map(strbuf *out, const wf_state *s, const signs *g)
{
    const map_info *mi = &s->map;
    strbuf_puts(out, mi->distributed ? "DISTRIBUTED" : "INLINE");
    if (mi->max_concurrency > 0)
        strbuf_printf(out, "%smax %lld at once", g->dot, mi->max_concurrency);
    else if (mi->max_concurrency_path)
        strbuf_printf(out, "%smax %s at once", g->dot, mi->max_concurrency_path);
    if (mi->item_reader) {
        strbuf_printf(out, "%sreads ", g->dot);
        put_model_text(out, mi->item_reader, g);
    } else if (mi->items_path) {
        strbuf_printf(out, "%sover %s", g->dot, mi->items_path);
    }
}

void describe_detail(strbuf *out, const wf_state *s, const signs *g)
{
    switch (s->type) {
    case STATE_TASK: put_task(out, s, g); break;
    case STATE_WAIT:
        if (s->wait_text)
            strbuf_puts(out, s->wait_text);
        break;
    case STATE_FAIL:
        if (s->fail_error)
            strbuf_puts(out, s->fail_error);
        if (s->fail_cause)
            strbuf_printf(out, "%s%s", s->fail_error ? ": " : "", s->fail_cause);
        break;
    case STATE_PARALLEL:
        strbuf_printf(out, "%d branch%s", s->child_scope_count, s->child_scope_count == 1 ? "" : "es");
        break;
    case STATE_MAP: put_map(out, s, g); break;
    case STATE_PASS:
    case STATE_CHOICE:
    case STATE_SUCCEED:
    case STATE_UNKNOWN: break;
    }
}

void describe_retry(strbuf *out, const wf_edge *e, const signs *g)
{
    if (e->max_attempts == 0) {
        strbuf_puts(out, "no retry (MaxAttempts 0)");
        return;
    }
    strbuf_puts(out, g->retry);
    strbuf_putc(out, ' ');
    strbuf_puts(out, g->times);
    put_integer(out, e->max_attempts);
    strbuf_puts(out, g->dot);
    put_integer(out, e->interval_seconds);
    strbuf_puts(out, " s");
    strbuf_puts(out, g->dot);
    strbuf_puts(out, g->times);
    put_rate(out, e->backoff_rate);
    if (e->max_delay_seconds >= 0) {
        strbuf_puts(out, g->dot);
        strbuf_puts(out, "max ");
        put_integer(out, e->max_delay_seconds);
        strbuf_puts(out, " s");
    }
    if (e->jitter) {
        strbuf_puts(out, g->dot);
        strbuf_puts(out, "jitter ");
        strbuf_puts(out, e->jitter);
    }
}

const char *describe_target(const machine *m, const wf_edge *e)
{
    if (e->to >= 0 && (size_t)e->to < m->state_count)
        return m->states[e->to].name;
    return e->to_name ? e->to_name : "?";
}

const char *describe_kind(const machine *m)
{
    switch (m->kind) {
    case MACHINE_SAM: return "SAM";
    case MACHINE_CLOUDFORMATION: return "CloudFormation";
    case MACHINE_ASL: break;
    }
    return "ASL";
}

const char *describe_machine_type(const machine *m)
{
    if (m->type)
        return m->type;
    return m->kind == MACHINE_ASL ? "not set (ASL file)" : "STANDARD (default)";
}
