/* summary_markdown.c: the Markdown summary, for a pull request comment: a heading and a list of facts, the
 * outline as a table (nested states indented in their cell), then the lists. Every text from the file is
 * escaped (display.h), so a name with `|`, a backtick or `<` shows as written and cannot break the table. */
#include "summary/summary.h"
#include "summary/describe.h"
#include "summary/display.h"

enum { INDENT_SHOWN = 12 }; /* levels of indent drawn; deeper rows say their level */

static void put_user(strbuf *out, const char *s) { markdown_escape(out, s ? s : "?"); }

static void item(strbuf *out, const char *label, const char *text)
{
    strbuf_printf(out, "- **%s:** ", label);
    put_user(out, text);
    strbuf_putc(out, '\n');
}

static void source_item(strbuf *out, const machine *m)
{
    strbuf_printf(out, "- **Source:** %s %s ", describe_kind(m), m->kind == MACHINE_ASL ? "file" : "template");
    put_user(out, m->file);
    if (m->kind != MACHINE_ASL && m->at.line)
        strbuf_printf(out, ", line %u", m->at.line);
    strbuf_putc(out, '\n');
}

static void states_item(strbuf *out, const machine *m, const facts *f)
{
    strbuf_printf(out, "- **States:** %zu", m->state_count);
    const char *sep = ": ";
    for (int k = 0; k < TYPE_COUNT; k++) {
        state_type t = TYPE_ORDER[k];
        if (f->by_type[t]) {
            strbuf_printf(out, "%s%zu %s", sep, f->by_type[t], state_type_name(t));
            sep = ", ";
        }
    }
    strbuf_putc(out, '\n');
}

static void header(strbuf *out, const machine *m, const facts *f)
{
    strbuf_puts(out, "### ");
    put_user(out, m->id);
    strbuf_puts(out, "\n\n");
    if (m->name)
        item(out, "Name", m->name);
    source_item(out, m);
    if (m->kind != MACHINE_ASL)
        item(out, "Definition", m->where);
    item(out, "Type", describe_machine_type(m));
    if (m->status != MACHINE_OK) {
        strbuf_printf(out, "- **Status:** %s\n", machine_status_name(m->status));
        if (m->message)
            item(out, "Message", m->message);
        return;
    }
    strbuf_printf(out, "- **Query language:** %s\n", m->jsonata ? "JSONata" : "JSONPath");
    states_item(out, m, f);
    if (m->comment)
        item(out, "Comment", m->comment);
}

/* ---- the table ------------------------------------------------------------------------------------- */

static void indent(strbuf *out, unsigned level)
{
    for (unsigned l = 0; l < level && l < INDENT_SHOWN; l++)
        strbuf_puts(out, "&emsp;");
    if (level > INDENT_SHOWN)
        strbuf_printf(out, "(level %u) ", level);
}

static void put_target(strbuf *out, const machine *m, const outline *o, const wf_edge *e)
{
    strbuf_puts(out, "\u2192 ");
    put_user(out, describe_target(m, e));
    if (e->to < 0)
        strbuf_puts(out, " **(missing)**");
    else if (outline_is_back_edge(o, e))
        strbuf_puts(out, " (loop)");
}

static void put_errors(strbuf *out, const wf_edge *e)
{
    for (size_t i = 0; i < e->error_count; i++) {
        strbuf_puts(out, i ? ", " : "");
        put_user(out, e->errors[i]);
    }
}

/* The Next cell: the Next, End, or a Choice's rules and Default, one per line. */
static void next_cell(strbuf *out, const summary_input *in, const wf_state *s)
{
    const char *sep = "";
    for (int k = 0; k < s->edge_count; k++) {
        const wf_edge *e = &in->m->edges[s->first_edge + k];
        if (e->kind != EDGE_NEXT && e->kind != EDGE_CHOICE && e->kind != EDGE_DEFAULT)
            continue;
        strbuf_puts(out, sep);
        sep = "<br>";
        if (e->kind == EDGE_CHOICE) {
            put_user(out, e->label);
            strbuf_putc(out, ' ');
        } else if (e->kind == EDGE_DEFAULT) {
            strbuf_puts(out, "default ");
        }
        put_target(out, in->m, in->o, e);
    }
    if (s->end) {
        strbuf_puts(out, sep);
        strbuf_puts(out, "end");
    }
}

static void retry_cell(strbuf *out, const machine *m, const wf_state *s)
{
    const char *sep = "";
    strbuf text;
    strbuf_init(&text);
    for (int k = 0; k < s->edge_count; k++) {
        const wf_edge *e = &m->edges[s->first_edge + k];
        if (e->kind != EDGE_RETRY)
            continue;
        strbuf_clear(&text);
        describe_retry(&text, e, signs_for(false));
        strbuf_puts(out, sep);
        sep = "<br>";
        put_user(out, strbuf_cstr(&text));
        if (e->error_count) {
            strbuf_puts(out, " on ");
            put_errors(out, e);
        }
    }
    strbuf_free(&text);
}

static void catch_cell(strbuf *out, const summary_input *in, const wf_state *s)
{
    const char *sep = "";
    for (int k = 0; k < s->edge_count; k++) {
        const wf_edge *e = &in->m->edges[s->first_edge + k];
        if (e->kind != EDGE_CATCH)
            continue;
        strbuf_puts(out, sep);
        sep = "<br>";
        put_errors(out, e);
        strbuf_putc(out, ' ');
        put_target(out, in->m, in->o, e);
    }
}

static void state_row(strbuf *out, const summary_input *in, const outline_row *r)
{
    const wf_state *s = &in->m->states[r->state];
    strbuf_puts(out, "| ");
    indent(out, r->level);
    put_user(out, s->name);
    strbuf_puts(out, " | ");
    put_user(out, describe_type(s));
    strbuf_puts(out, " | ");
    strbuf detail;
    strbuf_init(&detail);
    describe_detail(&detail, s, signs_for(false));
    put_user(out, strbuf_cstr(&detail));
    strbuf_free(&detail);
    strbuf_puts(out, " | ");
    next_cell(out, in, s);
    strbuf_puts(out, " | ");
    retry_cell(out, in->m, s);
    strbuf_puts(out, " | ");
    catch_cell(out, in, s);
    strbuf_puts(out, " |\n");
}

static void table(strbuf *out, const summary_input *in)
{
    strbuf_puts(out, "\n| State | Type | Details | Next | Retry | Catch |\n| --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < in->o->count; i++) {
        const outline_row *r = &in->o->rows[i];
        if (r->kind == ROW_STATE) {
            state_row(out, in, r);
            continue;
        }
        strbuf_puts(out, "| ");
        indent(out, r->level);
        if (r->kind == ROW_BRANCH) {
            const wf_scope *sc = &in->m->scopes[r->scope];
            strbuf_printf(out, "*%s %d*", sc->map_processor ? "processor" : "branch",
                          r->scope - in->m->states[r->state].first_child_scope + 1);
        } else {
            strbuf_puts(out, "*not reached from StartAt*");
        }
        strbuf_puts(out, " | | | | | |\n");
    }
}

/* ---- the lists ------------------------------------------------------------------------------------- */

static void names_item(strbuf *out, const char *label, const machine *m, const state_list *l)
{
    strbuf_printf(out, "- **%s:** ", label);
    if (!l->count)
        strbuf_puts(out, "none");
    for (size_t i = 0; i < l->count; i++) {
        strbuf_puts(out, i ? ", " : "");
        put_user(out, m->states[l->items[i]].name);
    }
    strbuf_putc(out, '\n');
}

static void uses_item(strbuf *out, const char *label, const name_count *list, size_t n)
{
    strbuf_printf(out, "- **%s:** ", label);
    if (!n)
        strbuf_puts(out, "none");
    for (size_t i = 0; i < n; i++) {
        strbuf_puts(out, i ? ", " : "");
        put_user(out, list[i].name);
        if (list[i].tasks > 1)
            strbuf_printf(out, " (%zu Tasks)", list[i].tasks);
    }
    strbuf_putc(out, '\n');
}

void summary_markdown(strbuf *out, const summary_input *in)
{
    const machine *m = in->m;
    header(out, m, in->f);
    if (!in->o || !m->state_count)
        return;
    table(out, in);
    strbuf_putc(out, '\n');
    names_item(out, "Terminal states", m, &in->f->terminal);
    names_item(out, "Not reached from StartAt", m, &in->f->unreachable);
    names_item(out, "Tasks with neither Retry nor Catch", m, &in->f->unguarded);
    uses_item(out, "Lambda functions", in->f->lambdas, in->f->lambda_count);
    uses_item(out, "Other resources", in->f->resources, in->f->resource_count);
}
