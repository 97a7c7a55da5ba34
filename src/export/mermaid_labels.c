/* mermaid_labels.c: what the labels of a Mermaid flowchart say, in the SVG's words (src/graph/edges.c,
 * states.c): a state's name over a detail line (`λ Fn .sync`, `wait 30 s`, the Fail's error and cause),
 * its retriers `↻ retry ×3 · 2 s · backoff ×2` with their errors (compact, and on a Parallel or Map:
 * `↻ ×3 +1`), `catch` and the
 * errors on catch edges, Choice rules and `default`. Mermaid draws no label on a self-loop readably, so the
 * retry loop of the SVG becomes lines of its state's label. Every piece of user text goes through
 * mermaid_put_text; what this file adds itself is plain text and `<br>`/`<b>`, which labels allow. */
#include "export/mermaid_writer.h"

#include <string.h>

static void put_detail(strbuf *l, const char *prefix, const char *text)
{
    strbuf_puts(l, "<br>");
    strbuf_puts(l, prefix);
    mermaid_put_text(l, text, MM_DETAIL_MAX);
}

/* `λ Fn` with its pattern (`.sync`, `.waitForTaskToken`) in bold, as the SVG. */
static void put_resource(strbuf *l, const resource *r)
{
    const char *text = r->text ? r->text : r->name ? r->name : r->raw;
    if (r->kind == RESOURCE_NONE || !text)
        return;
    size_t tl = strlen(text), pl = r->pattern ? strlen(r->pattern) : 0;
    bool split = pl && tl > pl && strcmp(text + tl - pl, r->pattern) == 0;
    strbuf shown;
    strbuf_init(&shown);
    strbuf_put(&shown, text, split ? tl - pl : tl);
    while (shown.len && shown.data[shown.len - 1] == ' ')
        shown.len--;
    strbuf_puts(l, "<br>");
    mermaid_put_text(l, strbuf_cstr(&shown), MM_DETAIL_MAX);
    if (pl) {
        strbuf_puts(l, " <b>");
        mermaid_put_text(l, r->pattern, 24);
        strbuf_puts(l, "</b>");
    }
    strbuf_free(&shown);
}

static void put_failure(strbuf *l, const wf_state *s)
{
    if (s->fail_error)
        put_detail(l, "", s->fail_error);
    if (s->fail_cause)
        put_detail(l, "", s->fail_cause);
}

static void put_errors(strbuf *l, const wf_edge *e)
{
    for (size_t i = 0; i < e->error_count && i < MM_ERRORS_SHOWN; i++) {
        strbuf_puts(l, i ? ", " : "");
        mermaid_put_text(l, e->errors[i], MM_DETAIL_MAX);
    }
    if (e->error_count > MM_ERRORS_SHOWN)
        strbuf_printf(l, " +%zu more", e->error_count - MM_ERRORS_SHOWN);
}

/* One retrier: `↻ retry ×3 · 2 s · backoff ×2 · max 30 s · jitter FULL` (or `no retry · MaxAttempts 0`),
 * then its errors on the next line. */
static void put_retrier(strbuf *l, const wf_edge *e)
{
    strbuf_puts(l, "<br>");
    if (e->max_attempts == 0) {
        strbuf_puts(l, "no retry" MM_SEP "MaxAttempts 0");
    } else {
        strbuf_printf(l, MM_RETRY_SIGN " retry " MM_TIMES_SIGN "%lld" MM_SEP "%lld s" MM_SEP "backoff " MM_TIMES_SIGN,
                      e->max_attempts, e->interval_seconds);
        strbuf_put_shortest(l, e->backoff_rate);
        if (e->max_delay_seconds >= 0)
            strbuf_printf(l, MM_SEP "max %lld s", e->max_delay_seconds);
        if (e->jitter) {
            strbuf_puts(l, MM_SEP "jitter ");
            mermaid_put_text(l, e->jitter, 12);
        }
    }
    if (e->error_count) {
        strbuf_puts(l, "<br>on ");
        put_errors(l, e);
    }
}

/* Compact: `↻ ×3`, `↻ ×3 +1` with more retriers (the first that retries), as the SVG's compact label. */
static void put_retry_short(strbuf *l, const machine *m, const wf_state *s, const char *lead)
{
    int count = 0;
    const wf_edge *shown = NULL;
    for (int i = s->first_edge; i < s->first_edge + s->edge_count; i++) {
        const wf_edge *e = &m->edges[i];
        if (e->kind != EDGE_RETRY)
            continue;
        count++;
        if (!shown && e->max_attempts > 0)
            shown = e;
    }
    if (!count)
        return;
    strbuf_puts(l, lead);
    if (shown)
        strbuf_printf(l, MM_RETRY_SIGN " " MM_TIMES_SIGN "%lld", shown->max_attempts);
    else
        strbuf_puts(l, "no retry");
    if (count > 1)
        strbuf_printf(l, " +%d", count - 1);
}

void mm_retry_lines(mm_writer *w, int state)
{
    const wf_state *s = &w->m->states[state];
    if (w->detail != MM_FULL || s->first_child_scope >= 0) {
        put_retry_short(&w->label, w->m, s, s->first_child_scope >= 0 ? w->line_break : "<br>");
        return;
    }
    int shown = 0, count = 0;
    for (int i = s->first_edge; i < s->first_edge + s->edge_count; i++) {
        if (w->m->edges[i].kind != EDGE_RETRY)
            continue;
        if (count++ < MM_RETRIERS_SHOWN) {
            put_retrier(&w->label, &w->m->edges[i]);
            shown++;
        }
    }
    if (count > shown)
        strbuf_printf(&w->label, "<br>+%d more retriers", count - shown);
}

static void put_name(strbuf *l, const char *badge, const char *name)
{
    strbuf_puts(l, "<b>");
    strbuf_puts(l, badge ? badge : "");
    if (!name || !*name)
        strbuf_puts(l, "#quot;#quot;");
    else
        mermaid_put_text(l, name, MM_NAME_MAX);
    strbuf_puts(l, "</b>");
}

void mm_state_label(mm_writer *w, int state, const char *badge)
{
    const wf_state *s = &w->m->states[state];
    strbuf *l = &w->label;
    put_name(l, badge, s->name);
    switch (s->type) {
    case STATE_TASK: put_resource(l, &s->res); break;
    case STATE_WAIT:
        if (s->wait_text)
            put_detail(l, strncmp(s->wait_text, "until ", 6) == 0 ? "" : "wait ", s->wait_text);
        break;
    case STATE_FAIL: put_failure(l, s); break;
    case STATE_UNKNOWN: put_detail(l, s->type_text ? "Type: " : "no Type", s->type_text ? s->type_text : ""); break;
    default: break;
    }
}

/* The count a collapsed container shows, or the line under an open one: `Parallel · 2 branches`,
 * `Map · DISTRIBUTED`. */
static void put_container_kind(mm_writer *w, const wf_state *s)
{
    strbuf *l = &w->label;
    if (s->type == STATE_PARALLEL) {
        strbuf_printf(l, "%sParallel" MM_SEP "%d branch%s", w->line_break, s->child_scope_count,
                      s->child_scope_count == 1 ? "" : "es");
        return;
    }
    strbuf_puts(l, w->line_break);
    strbuf_puts(l, "Map" MM_SEP);
    strbuf_puts(l, s->map.distributed ? "DISTRIBUTED" : "INLINE");
    if (s->map.max_concurrency > 0)
        strbuf_printf(l, MM_SEP "max %lld at once", s->map.max_concurrency);
    if (s->map.item_reader) {
        strbuf_puts(l, MM_SEP);
        mermaid_put_text(l, s->map.item_reader, MM_DETAIL_MAX);
    }
}

/* The states a container holds at any depth (scopes are numbered after their parent's). */
static size_t states_inside(const machine *m, int state)
{
    size_t n = 0;
    const wf_state *s = &m->states[state];
    for (int sc = s->first_child_scope; sc >= 0 && sc < s->first_child_scope + s->child_scope_count; sc++) {
        n += (size_t)m->scopes[sc].state_count;
        for (int i = m->scopes[sc].first_state; i < m->scopes[sc].first_state + m->scopes[sc].state_count; i++)
            if (m->states[i].first_child_scope >= 0)
                n += states_inside(m, i);
    }
    return n;
}

/* A subgraph's title stays on one line, since Mermaid places a subgraph's contents one line below its
 * top whatever its title holds: `Name · Map · INLINE · ↻ ×3` (retriers in short, as compact). */
void mm_container_title(mm_writer *w, int state, const char *badge, bool open)
{
    const wf_state *s = &w->m->states[state];
    w->line_break = open ? MM_SEP : "<br>";
    put_name(&w->label, badge, s->name);
    put_container_kind(w, s);
    if (!open) {
        size_t n = states_inside(w->m, state);
        strbuf_printf(&w->label, MM_SEP "%zu state%s", n, n == 1 ? "" : "s");
    }
}

/* `catch States.ALL`, `catch A, B`; compact, `catch` alone (the SVG leaves catch labels to tooltips, which
 * Mermaid on GitHub has not: the word keeps catch edges told apart by more than colour). */
void mm_catch_label(mm_writer *w, const wf_edge *e)
{
    strbuf_puts(&w->label, "catch");
    if (w->detail != MM_FULL)
        return;
    if (e->error_count) {
        strbuf_putc(&w->label, ' ');
        put_errors(&w->label, e);
    } else if (e->label) {
        strbuf_putc(&w->label, ' ');
        mermaid_put_text(&w->label, e->label, MM_DETAIL_MAX);
    }
}

void mm_rule_label(mm_writer *w, const wf_edge *e)
{
    if (e->kind == EDGE_DEFAULT)
        strbuf_puts(&w->label, "default");
    else
        mermaid_put_text(&w->label, e->label ? e->label : "rule", w->detail == MM_FULL ? MM_RULE_MAX : MM_RULE_COMPACT);
}
