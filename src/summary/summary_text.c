/* summary_text.c: the text summary, for a terminal or a pipe: a header, the outline with its columns
 * aligned (name, type, resource, next) and tree guides for the nested scopes, then the lists. */
#include "summary/summary.h"
#include "summary/describe.h"
#include "summary/display.h"
#include "summary/text_writer.h"

#include <stdlib.h>
#include <string.h>

typedef struct guides {
    const char *tee, *corner, *bar, *blank, *more, *down;
} guides;

static const guides UNICODE_GUIDES = {"\u251c\u2500 ", "\u2514\u2500 ", "\u2502  ", "   ", "\u2026  ", "\u2502"};
static const guides ASCII_GUIDES = {"|- ", "`- ", "|  ", "   ", "...", "|"};

enum { MARGIN = 2, DETAIL_INDENT = 4, GUIDE_WIDTH = 3, TYPE_WIDTH_MAX = 12, LABEL_GAP = 2 };

typedef struct text_ctx {
    text_writer w;
    const machine *m;
    const outline *o;
    const signs *g;
    const guides *gd;
    unsigned cap;  /* guide levels drawn; deeper rows show the innermost ones after `more` */
    bool *open;    /* per level: the guide of that level goes on below (its row was not the last) */
    unsigned type_col, detail_col, next_col;
    strbuf prefix, cont, tmp;
    strbuf text; /* a state's detail or a retrier's policy, made once per line */
    unsigned prefix_width, cont_width;
} text_ctx;

static style type_style(state_type t)
{
    switch (t) {
    case STATE_TASK: return ST_TASK;
    case STATE_CHOICE: return ST_CHOICE;
    case STATE_PARALLEL:
    case STATE_MAP: return ST_GROUP;
    case STATE_WAIT: return ST_WAIT;
    case STATE_PASS: return ST_PASS;
    case STATE_SUCCEED: return ST_SUCCEED;
    case STATE_FAIL:
    case STATE_UNKNOWN: break;
    }
    return ST_FAIL;
}

/* ---- tree guides ----------------------------------------------------------------------------------- */

static unsigned first_shown(const text_ctx *c, unsigned level) { return level > c->cap ? level - c->cap + 1 : 1; }

/* Guides of levels first_shown..upto (each level's bar or blank), after `more` when outer ones are left out. */
static void put_guides(text_ctx *c, unsigned level, unsigned upto)
{
    unsigned first = first_shown(c, level);
    if (first > 1)
        strbuf_puts(&c->tmp, c->gd->more);
    for (unsigned l = first; l <= upto; l++)
        strbuf_puts(&c->tmp, c->open[l] ? c->gd->bar : c->gd->blank);
}

/* The column a row's text starts at. */
static unsigned text_column(const text_ctx *c, unsigned level)
{
    if (level == 0)
        return MARGIN;
    unsigned first = first_shown(c, level);
    unsigned more = first > 1 ? display_width(c->gd->more, strlen(c->gd->more)) : 0;
    return MARGIN + more + GUIDE_WIDTH * (level - first + 1);
}

/* c->prefix for row r, and the open flag of its level. */
static void make_prefix(text_ctx *c, const outline_row *r)
{
    strbuf_clear(&c->prefix);
    strbuf_clear(&c->tmp);
    put_spaces(&c->prefix, MARGIN);
    if (r->level > 0) {
        put_guides(c, r->level, r->level - 1);
        strbuf_puts(&c->tmp, r->last ? c->gd->corner : c->gd->tee);
        tw_styled(&c->w, &c->prefix, strbuf_cstr(&c->tmp), ST_GUIDE);
        c->open[r->level] = !r->last;
    }
    c->prefix_width = text_column(c, r->level);
}

/* c->cont: what goes before a state's detail lines (and its wrapped parts): its level's guides, a bar
 * down to its children when it has any, and the indent. */
static void make_detail_prefix(text_ctx *c, const outline_row *r)
{
    strbuf_clear(&c->cont);
    strbuf_clear(&c->tmp);
    put_spaces(&c->cont, MARGIN);
    if (r->level > 0)
        put_guides(c, r->level, r->level);
    strbuf_puts(&c->tmp, r->has_children ? c->gd->down : " ");
    tw_styled(&c->w, &c->cont, strbuf_cstr(&c->tmp), ST_GUIDE);
    put_spaces(&c->cont, DETAIL_INDENT - 1);
    c->cont_width = text_column(c, r->level) + DETAIL_INDENT;
}

/* A detail line: after c->cont, wrapped lines two further in. */
static void detail_line(text_ctx *c)
{
    strbuf_clear(&c->tmp);
    strbuf_puts(&c->tmp, strbuf_cstr(&c->cont));
    strbuf_puts(&c->tmp, "  ");
    tw_line(&c->w, strbuf_cstr(&c->cont), c->cont_width, strbuf_cstr(&c->tmp), c->cont_width + 2);
}

/* ---- columns --------------------------------------------------------------------------------------- */

static void detail_text(text_ctx *c, const wf_state *s, strbuf *out)
{
    strbuf_clear(out);
    describe_detail(out, s, c->g);
}

static const wf_edge *edge_of(const machine *m, const wf_state *s, edge_kind kind)
{
    for (int k = 0; k < s->edge_count; k++)
        if (m->edges[s->first_edge + k].kind == kind)
            return &m->edges[s->first_edge + k];
    return NULL;
}

static bool needs_next(const wf_state *s)
{
    return s->type != STATE_CHOICE && s->type != STATE_SUCCEED && s->type != STATE_FAIL && s->type != STATE_UNKNOWN;
}

/* Whether the row shows something in the next column: a Next, End, or a Next that is missing. */
static bool has_next_column(const machine *m, const wf_state *s)
{
    return edge_of(m, s, EDGE_NEXT) || s->end || needs_next(s);
}

/* The width of a row's next column: `→ Target`, `(loop)` or `(missing)` included. */
static unsigned next_width(text_ctx *c, const wf_state *s)
{
    const wf_edge *e = edge_of(c->m, s, EDGE_NEXT);
    if (!e)
        return s->end ? 3 : needs_next(s) ? 7 : 0;
    unsigned w = tw_width(&c->w, c->g->arrow, false) + 1 + tw_width(&c->w, describe_target(c->m, e), true);
    if (e->to < 0)
        w += 10;
    else if (outline_is_back_edge(c->o, e))
        w += 7;
    return w;
}

/* The type, resource and next columns: aligned over the machine's rows, within the width. The next column
 * stands after the longest resource, or further left when the widest target would not fit there (a row
 * whose resource reaches past it puts its target two spaces on, or on a line of its own). */
static void fit_columns(text_ctx *c, unsigned width)
{
    unsigned name_end = 0, type_w = 0, detail_w = 0, target_w = 0;
    for (size_t i = 0; i < c->o->count; i++) {
        const outline_row *r = &c->o->rows[i];
        if (r->kind != ROW_STATE)
            continue;
        const wf_state *s = &c->m->states[r->state];
        unsigned end = text_column(c, r->level) + tw_width(&c->w, s->name, true);
        name_end = end > name_end ? end : name_end;
        unsigned tw = tw_width(&c->w, describe_type(s), true);
        type_w = tw > type_w ? tw : type_w;
        if (!has_next_column(c->m, s))
            continue;
        detail_text(c, s, &c->text);
        unsigned dw = tw_width(&c->w, strbuf_cstr(&c->text), true), nw = next_width(c, s);
        detail_w = dw > detail_w ? dw : detail_w;
        target_w = nw > target_w ? nw : target_w;
    }
    unsigned type_cap = width * 2 / 5;
    c->type_col = name_end + 2 < type_cap ? name_end + 2 : type_cap;
    c->detail_col = c->type_col + (type_w < TYPE_WIDTH_MAX ? type_w : TYPE_WIDTH_MAX) + 2;
    c->next_col = detail_w ? c->detail_col + detail_w + 2 : c->detail_col;
    unsigned next_cap = width > target_w + c->detail_col + 2 ? width - target_w : c->detail_col + 2;
    if (c->next_col > next_cap)
        c->next_col = next_cap;
}

/* ---- a state --------------------------------------------------------------------------------------- */

/* `→ Target`, with `(loop)` when it goes back up the outline and `(missing)` when it names no state. */
static void put_target(text_ctx *c, const wf_edge *e)
{
    tw_piece(&c->w, c->g->arrow, ST_GUIDE, false);
    tw_piece(&c->w, " ", ST_PLAIN, false);
    tw_piece(&c->w, describe_target(c->m, e), e->to < 0 ? ST_MISSING : ST_PLAIN, true);
    if (e->to < 0)
        tw_piece(&c->w, " (missing)", ST_MISSING, false);
    else if (outline_is_back_edge(c->o, e))
        tw_piece(&c->w, " (loop)", ST_LABEL, false);
    tw_place(&c->w);
}

/* Name, type, what it runs, where it goes. */
static void state_line(text_ctx *c, const wf_state *s)
{
    /* Wrapped parts of the row go on under its detail column. */
    strbuf_clear(&c->tmp);
    strbuf_puts(&c->tmp, strbuf_cstr(&c->cont));
    unsigned cont_width = c->cont_width;
    if (cont_width < c->detail_col) {
        put_spaces(&c->tmp, c->detail_col - cont_width);
        cont_width = c->detail_col;
    }
    tw_line(&c->w, strbuf_cstr(&c->prefix), c->prefix_width, strbuf_cstr(&c->tmp), cont_width);
    tw_unit(&c->w, s->name, ST_NAME, true);
    tw_gap_to(&c->w, c->type_col, 2);
    tw_unit(&c->w, describe_type(s), type_style(s->type), true);
    detail_text(c, s, &c->text);
    if (c->text.len) {
        tw_gap_to(&c->w, c->detail_col, 2);
        if (s->type == STATE_TASK)
            tw_unit(&c->w, strbuf_cstr(&c->text), ST_PLAIN, true);
        else
            tw_words(&c->w, strbuf_cstr(&c->text), ST_PLAIN, true);
    }
    const wf_edge *next = edge_of(c->m, s, EDGE_NEXT);
    if (next || s->end || needs_next(s))
        tw_gap_to(&c->w, c->next_col, 2);
    if (next)
        put_target(c, next);
    else if (s->end)
        tw_unit(&c->w, "end", ST_LABEL, false);
    else if (needs_next(s))
        tw_unit(&c->w, "no Next", ST_MISSING, false);
    tw_end(&c->w);
}

static void put_errors(text_ctx *c, const wf_edge *e)
{
    for (size_t i = 0; i < e->error_count; i++) {
        tw_piece(&c->w, e->errors[i], ST_PLAIN, true);
        if (i + 1 < e->error_count)
            tw_piece(&c->w, ",", ST_PLAIN, false);
        tw_place(&c->w);
        tw_space(&c->w, 1);
    }
}

static void edge_line(text_ctx *c, const wf_edge *e)
{
    detail_line(c);
    switch (e->kind) {
    case EDGE_CHOICE:
        tw_words(&c->w, e->label ? e->label : "?", ST_PLAIN, true);
        tw_space(&c->w, 1);
        put_target(c, e);
        break;
    case EDGE_DEFAULT:
        tw_unit(&c->w, "default", ST_LABEL, false);
        tw_space(&c->w, 1);
        put_target(c, e);
        break;
    case EDGE_RETRY:
        strbuf_clear(&c->text);
        describe_retry(&c->text, e, c->g);
        tw_words(&c->w, strbuf_cstr(&c->text), ST_RETRY, true);
        if (e->error_count) {
            tw_space(&c->w, 1);
            tw_unit(&c->w, "on", ST_LABEL, false);
            tw_space(&c->w, 1);
            put_errors(c, e);
        }
        break;
    case EDGE_CATCH:
        tw_unit(&c->w, "catch", ST_CATCH, false);
        tw_space(&c->w, 1);
        put_errors(c, e);
        tw_space(&c->w, 1);
        put_target(c, e);
        break;
    case EDGE_START:
    case EDGE_NEXT:
    case EDGE_END: break;
    }
    tw_end(&c->w);
}

/* The lines under a state: Choice rules and Default, then retriers, then catchers, each in order. */
static void edge_lines(text_ctx *c, const wf_state *s)
{
    static const edge_kind order[] = {EDGE_CHOICE, EDGE_DEFAULT, EDGE_RETRY, EDGE_CATCH};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        for (int i = 0; i < s->edge_count; i++) {
            const wf_edge *e = &c->m->edges[s->first_edge + i];
            if (e->kind == order[k])
                edge_line(c, e);
        }
}

static void label_row(text_ctx *c, const char *text, style st)
{
    tw_line(&c->w, strbuf_cstr(&c->prefix), c->prefix_width, strbuf_cstr(&c->prefix), c->prefix_width);
    tw_words(&c->w, text, st, false);
    tw_end(&c->w);
}

static void unreached_row(text_ctx *c, const outline_row *r)
{
    const wf_scope *sc = &c->m->scopes[r->scope];
    if (sc->start >= 0 || !sc->start_name) {
        label_row(c, sc->start >= 0 ? "(not reached from StartAt)" : "(no StartAt)", ST_WARN);
        return;
    }
    tw_line(&c->w, strbuf_cstr(&c->prefix), c->prefix_width, strbuf_cstr(&c->prefix), c->prefix_width);
    tw_words(&c->w, "(StartAt", ST_WARN, false);
    tw_space(&c->w, 1);
    tw_unit(&c->w, sc->start_name, ST_MISSING, true);
    tw_space(&c->w, 1);
    tw_words(&c->w, "names no state)", ST_WARN, false);
    tw_end(&c->w);
}

static void outline_rows(text_ctx *c)
{
    for (size_t i = 0; i < c->o->count; i++) {
        const outline_row *r = &c->o->rows[i];
        make_prefix(c, r);
        if (r->kind == ROW_UNREACHED) {
            unreached_row(c, r);
        } else if (r->kind == ROW_BRANCH) {
            const wf_scope *sc = &c->m->scopes[r->scope];
            char label[48];
            snprintf(label, sizeof label, sc->map_processor ? "processor %d" : "branch %d",
                     r->scope - c->m->states[r->state].first_child_scope + 1);
            label_row(c, label, ST_LABEL);
        } else {
            const wf_state *s = &c->m->states[r->state];
            make_detail_prefix(c, r);
            state_line(c, s);
            edge_lines(c, s);
        }
    }
}

/* ---- header and lists ------------------------------------------------------------------------------ */

enum { LABEL_COLUMN = 18 }; /* where the values of the header and the lists start */

static void field_start(text_ctx *c, const char *label)
{
    char pad[LABEL_COLUMN + 1];
    snprintf(pad, sizeof pad, "%*s", LABEL_COLUMN, "");
    tw_line(&c->w, "  ", MARGIN, pad, LABEL_COLUMN);
    tw_unit(&c->w, label, ST_LABEL, false);
    tw_gap_to(&c->w, LABEL_COLUMN, LABEL_GAP);
}

static void field(text_ctx *c, const char *label, const char *text, bool user)
{
    field_start(c, label);
    tw_words(&c->w, text, ST_PLAIN, user);
    tw_end(&c->w);
}

static void source_field(text_ctx *c)
{
    const machine *m = c->m;
    field_start(c, "source");
    strbuf_clear(&c->tmp);
    strbuf_printf(&c->tmp, "%s %s", describe_kind(m), m->kind == MACHINE_ASL ? "file" : "template");
    tw_words(&c->w, strbuf_cstr(&c->tmp), ST_PLAIN, false);
    tw_space(&c->w, 1);
    strbuf_clear(&c->tmp);
    if (m->kind == MACHINE_ASL || m->at.line == 0)
        strbuf_puts(&c->tmp, m->file ? m->file : "?");
    else
        strbuf_printf(&c->tmp, "%s:%u:%u", m->file ? m->file : "?", m->at.line, m->at.column);
    tw_unit(&c->w, strbuf_cstr(&c->tmp), ST_PLAIN, true);
    tw_end(&c->w);
}

static void states_field(text_ctx *c, const facts *f)
{
    field_start(c, "states");
    strbuf_clear(&c->tmp);
    strbuf_printf(&c->tmp, "%zu%s", c->m->state_count, c->m->state_count ? ":" : "");
    tw_unit(&c->w, strbuf_cstr(&c->tmp), ST_PLAIN, false);
    bool first = true;
    for (int k = 0; k < TYPE_COUNT; k++) {
        state_type t = TYPE_ORDER[k];
        if (!f->by_type[t])
            continue;
        if (!first)
            tw_piece(&c->w, ",", ST_PLAIN, false), tw_place(&c->w);
        first = false;
        strbuf_clear(&c->tmp);
        strbuf_printf(&c->tmp, "%zu %s", f->by_type[t], state_type_name(t));
        tw_space(&c->w, 1);
        tw_unit(&c->w, strbuf_cstr(&c->tmp), ST_PLAIN, false);
    }
    tw_end(&c->w);
}

static void header(text_ctx *c, const facts *f)
{
    const machine *m = c->m;
    tw_line(&c->w, "", 0, "  ", MARGIN);
    tw_unit(&c->w, m->id ? m->id : "?", ST_ID, true);
    tw_end(&c->w);
    if (m->name)
        field(c, "name", m->name, true);
    source_field(c);
    if (m->kind != MACHINE_ASL)
        field(c, "definition", m->where ? m->where : "-", true);
    field(c, "type", describe_machine_type(m), true);
    if (m->status != MACHINE_OK) {
        field(c, "status", machine_status_name(m->status), false);
        if (m->message)
            field(c, "message", m->message, true);
        return;
    }
    field(c, "query language", m->jsonata ? "JSONata" : "JSONPath", false);
    states_field(c, f);
    if (m->comment)
        field(c, "comment", m->comment, true);
}

static void state_names(text_ctx *c, const char *label, const state_list *l)
{
    field_start(c, label);
    if (!l->count)
        tw_unit(&c->w, "none", ST_LABEL, false);
    for (size_t i = 0; i < l->count; i++) {
        tw_piece(&c->w, c->m->states[l->items[i]].name, ST_PLAIN, true);
        if (i + 1 < l->count)
            tw_piece(&c->w, ",", ST_PLAIN, false);
        tw_place(&c->w);
        tw_space(&c->w, 1);
    }
    tw_end(&c->w);
}

static void uses(text_ctx *c, const char *label, const name_count *list, size_t n)
{
    field_start(c, label);
    if (!n)
        tw_unit(&c->w, "none", ST_LABEL, false);
    for (size_t i = 0; i < n; i++) {
        tw_piece(&c->w, list[i].name, ST_PLAIN, true);
        if (list[i].tasks > 1) {
            strbuf_clear(&c->tmp);
            strbuf_printf(&c->tmp, " %s%zu", c->g->times, list[i].tasks);
            tw_piece(&c->w, strbuf_cstr(&c->tmp), ST_LABEL, false);
        }
        if (i + 1 < n)
            tw_piece(&c->w, ",", ST_PLAIN, false);
        tw_place(&c->w);
        tw_space(&c->w, 1);
    }
    tw_end(&c->w);
}

static void lists(text_ctx *c, const facts *f)
{
    state_names(c, "terminal", &f->terminal);
    state_names(c, "unreachable", &f->unreachable);
    state_names(c, "no Retry/Catch", &f->unguarded);
    uses(c, "Lambda", f->lambdas, f->lambda_count);
    uses(c, "resources", f->resources, f->resource_count);
}

void summary_text(strbuf *out, const summary_input *in)
{
    unsigned width = in->opts->width ? in->opts->width : 80;
    if (width < 20)
        width = 20;
    text_ctx c = {.m = in->m, .o = in->o, .g = signs_for(in->opts->ascii),
                  .gd = in->opts->ascii ? &ASCII_GUIDES : &UNICODE_GUIDES, .cap = width / 8};
    tw_init(&c.w, out, in->opts->color, width);
    strbuf_init(&c.prefix);
    strbuf_init(&c.cont);
    strbuf_init(&c.tmp);
    strbuf_init(&c.text);
    header(&c, in->f);
    if (in->o && in->m->state_count) {
        c.open = sfn_calloc(2 * in->m->scope_count + 2, sizeof *c.open);
        fit_columns(&c, width);
        strbuf_putc(out, '\n');
        outline_rows(&c);
        strbuf_putc(out, '\n');
        lists(&c, in->f);
        free(c.open);
    }
    strbuf_free(&c.text);
    strbuf_free(&c.tmp);
    strbuf_free(&c.cont);
    strbuf_free(&c.prefix);
    tw_free(&c.w);
}
