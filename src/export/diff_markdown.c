/* diff_markdown.c: the diff for a pull request comment: a table of the machines (status, states added,
 * removed and changed, edges added and removed), then for each changed machine a heading, its diagram
 * (write_mermaid_block) and a table of its field changes, and lists of the states and edges added and
 * removed. Every text from the files is escaped for Markdown (display.h): a `|`, a backtick, `<` or a
 * newline in a name shows as written and cannot break a table. */
#include "export/diff_markdown.h"
#include "export/mermaid.h"
#include "export/mermaid_writer.h"
#include "diff/writers.h"
#include "diff/value_text.h"
#include "summary/display.h"

#include <string.h>

static void put_user(strbuf *out, const char *s) { markdown_escape(out, s ? s : ""); }

static void summary_row(strbuf *out, const machine_diff *md)
{
    strbuf_puts(out, "| ");
    put_user(out, md->id);
    strbuf_printf(out, " | %s | ", diff_status_name(md->status));
    if (md->status == DIFF_ADDED || md->status == DIFF_REMOVED) {
        const machine *m = md->new_m ? md->new_m : md->old_m;
        size_t n = m->state_count, e = m->edge_count;
        bool added = md->status == DIFF_ADDED;
        strbuf_printf(out, "%zu | %zu | 0 | %zu | %zu |\n", added ? n : 0, added ? 0 : n, added ? e : 0, added ? 0 : e);
        return;
    }
    const machine *o = md->old_m, *n = md->new_m;
    strbuf_printf(out, "%zu | %zu | %zu | %zu | %zu |\n", diff_count(md->new_states, n->state_count, DIFF_ADDED),
                  diff_count(md->old_states, o->state_count, DIFF_REMOVED),
                  diff_count(md->new_states, n->state_count, DIFF_CHANGED),
                  diff_count(md->new_edges, n->edge_count, DIFF_ADDED),
                  diff_count(md->old_edges, o->edge_count, DIFF_REMOVED));
}

/* Edges in Mermaid text: its arrows (names are entity-coded, so no label holds a raw '>'). */
static size_t count_links(const char *s)
{
    size_t n = 0;
    for (const char *p = s; (p = strchr(p, '>')) != NULL; p++)
        if (p - s >= 2 && (p[-1] == '-' || p[-1] == '=') && (p[-2] == '-' || p[-2] == '=' || p[-2] == '.'))
            n++;
    return n;
}

/* The Mermaid diagram of the machine's diff (mermaid.h), which GitHub draws in the comment: the new
 * graph with its marks, or the old one for a machine removed; none when that side has nothing to draw
 * (a definition in S3, missing or broken: its status says why in the table). A diagram past what GitHub
 * renders is left out with a line that says so: a comment that GitHub cannot show, or cannot even post
 * (65 536 characters at most), helps no reviewer; the tables below still list every change. */
static void write_mermaid_block(strbuf *out, const machine_diff *md, const sfnviz_diff_options *opts)
{
    const machine *m = md->new_m ? md->new_m : md->old_m;
    if (!m || m->status != MACHINE_OK || m->state_count == 0)
        return;
    sfnviz_render_options quiet = {0};
    if (opts->render)
        quiet = *opts->render;
    quiet.warn = NULL; /* past the limits is said here, once, in the comment itself */
    strbuf diagram;
    strbuf_init(&diagram);
    mermaid_write_diff(&diagram, md, &quiet);
    const char *text = strbuf_cstr(&diagram);
    size_t links = count_links(text);
    if (diagram.len > MM_GITHUB_CHARS || links > MM_GITHUB_EDGES) {
        strbuf_printf(out, "\n_The diagram is left out: %zu characters and %zu edges, past what GitHub draws (%d "
                           "characters, %d edges). `sfnviz diff -f svg` draws it._\n",
                      diagram.len, links, (int)MM_GITHUB_CHARS, (int)MM_GITHUB_EDGES);
    } else {
        strbuf_puts(out, "\n```mermaid\n");
        strbuf_put(out, text, diagram.len);
        if (diagram.len && text[diagram.len - 1] != '\n')
            strbuf_putc(out, '\n');
        strbuf_puts(out, "```\n");
    }
    strbuf_free(&diagram);
}

static void put_value(strbuf *out, const char *json) { value_put_shown(out, json, put_user); }

static void change_row(strbuf *out, const diff_change *c)
{
    strbuf_puts(out, "| ");
    put_user(out, c->state[0] ? c->state : "(machine)");
    strbuf_puts(out, " | ");
    put_user(out, c->field);
    strbuf_puts(out, " | ");
    put_value(out, c->old_value);
    strbuf_puts(out, " | ");
    put_value(out, c->new_value);
    strbuf_puts(out, " |\n");
}

static void state_list(strbuf *out, const char *title, const machine *m, const diff_status *st, diff_status want)
{
    bool any = false;
    for (size_t i = 0; st && i < m->state_count; i++) {
        if (st[i] != want)
            continue;
        if (!any)
            strbuf_printf(out, "\n**%s:**\n\n", title);
        any = true;
        strbuf_puts(out, "- ");
        put_user(out, m->states[i].name);
        strbuf_puts(out, " (");
        put_user(out, m->states[i].type_text ? m->states[i].type_text : "no Type");
        strbuf_puts(out, ")\n");
    }
}

static void edge_list(strbuf *out, const char *title, const machine *m, const diff_status *st, diff_status want)
{
    bool any = false;
    for (size_t i = 0; st && i < m->edge_count; i++) {
        if (st[i] != want)
            continue;
        if (!any)
            strbuf_printf(out, "\n**%s:**\n\n", title);
        any = true;
        const wf_edge *e = &m->edges[i];
        strbuf_puts(out, "- ");
        diff_put_end(out, m, e, true, markdown_escape);
        strbuf_puts(out, " \u2192 ");
        diff_put_end(out, m, e, false, markdown_escape);
        strbuf_printf(out, " (%s)\n", edge_kind_name(e->kind));
    }
}

static void machine_section(strbuf *out, const machine_diff *md, const sfnviz_diff_options *opts)
{
    strbuf_puts(out, "\n### ");
    put_user(out, md->id);
    strbuf_puts(out, "\n");
    write_mermaid_block(out, md, opts);
    if (md->change_count) {
        strbuf_puts(out, "\n| State | Field | Old | New |\n| --- | --- | --- | --- |\n");
        for (size_t i = 0; i < md->change_count; i++)
            change_row(out, &md->changes[i]);
    }
    state_list(out, "States added", md->new_m, md->new_states, DIFF_ADDED);
    state_list(out, "States removed", md->old_m, md->old_states, DIFF_REMOVED);
    edge_list(out, "Edges added", md->new_m, md->new_edges, DIFF_ADDED);
    edge_list(out, "Edges removed", md->old_m, md->old_edges, DIFF_REMOVED);
}

void diff_write_markdown(strbuf *out, const doc_diff *d, const sfnviz_diff_options *opts)
{
    strbuf_puts(out, "## ");
    put_user(out, diff_side_name(d->old_doc));
    strbuf_puts(out, " \u2192 ");
    put_user(out, diff_side_name(d->new_doc));
    strbuf_puts(out, "\n\n");
    if (d->count == 0) {
        strbuf_puts(out, "No state machines.\n");
        return;
    }
    strbuf_puts(out, "| Machine | Status | States added | States removed | States changed | Edges added | Edges "
                     "removed |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (size_t i = 0; i < d->count; i++)
        summary_row(out, &d->machines[i]);
    for (size_t i = 0; i < d->count; i++)
        if (d->machines[i].status == DIFF_CHANGED)
            machine_section(out, &d->machines[i], opts);
}
