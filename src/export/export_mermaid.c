/* export_mermaid.c: `render -f mermaid` and `-f markdown`: the level of detail chosen against GitHub's
 * limits, the title, the Markdown around each flowchart. The flowchart itself is mermaid_flowchart.c's.
 *
 * Mermaid's layout has no cost that explodes the way Graphviz's does; what limits a Mermaid diagram is
 * where it is shown: GitHub refuses a diagram of more than about 50 000 characters or 500 edges. So AUTO
 * measures the output itself, full first, and steps down through the SVG's detail levels (compact: short
 * retry and catch labels, rules on one line; collapsed: each top-level Parallel and Map one node). */
#include "export/mermaid.h"
#include "export/mermaid_writer.h"

#include <string.h>

static mm_detail detail_of(sfnviz_detail d)
{
    return d == SFNVIZ_DETAIL_COLLAPSED ? MM_COLLAPSED : d == SFNVIZ_DETAIL_COMPACT ? MM_COMPACT : MM_FULL;
}

static const char *detail_name(mm_detail d)
{
    return d == MM_COLLAPSED ? "collapsed" : d == MM_COMPACT ? "compact" : "full";
}

/* Writes m at detail d into out; returns the number of edges written. hooks may be NULL. */
static size_t write_at(strbuf *out, const machine *m, const sfnviz_render_options *opts, mm_detail d,
                       const mm_hooks *hooks, const char *title)
{
    mm_writer w;
    mm_init(&w, out, m, opts, d);
    if (hooks)
        w.hooks = *hooks;
    mm_write(&w, title);
    size_t links = w.links;
    mm_free(&w);
    return links;
}

static bool within_github(size_t chars, size_t links)
{
    return chars <= MM_GITHUB_CHARS && links <= MM_GITHUB_EDGES;
}

/* The flowchart of m at the detail asked for (AUTO: the most that GitHub renders), appended to out. */
static void write_planned(strbuf *out, const machine *m, const sfnviz_render_options *opts, const mm_hooks *hooks,
                          const char *title, diag_list *diags)
{
    bool automatic = !opts || opts->detail == SFNVIZ_DETAIL_AUTO;
    mm_detail d = automatic ? MM_FULL : detail_of(opts->detail);
    strbuf one;
    strbuf_init(&one);
    size_t links = write_at(&one, m, opts, d, hooks, title);
    while (automatic && d < MM_COLLAPSED && !within_github(one.len, links)) {
        d++;
        strbuf_clear(&one);
        links = write_at(&one, m, opts, d, hooks, title);
    }
    const char *id = m->id ? m->id : "state machine";
    bool within = within_github(one.len, links);
    if (automatic && d != MM_FULL && within && diags)
        diag_warning(diags, mark_none(), "%s: %zu states and %zu transitions: Mermaid drawn %s to stay within what "
                     "GitHub renders (%d characters, %d edges); --detail full draws everything", id,
                     m->state_count, m->edge_count, detail_name(d), MM_GITHUB_CHARS, MM_GITHUB_EDGES);
    if (!within && diags)
        diag_warning(diags, mark_none(), "%s: the Mermaid diagram (%s) has %zu characters and %zu edges, past what "
                     "GitHub renders (%d characters, %d edges)%s", id, detail_name(d), one.len, links,
                     MM_GITHUB_CHARS, MM_GITHUB_EDGES,
                     d == MM_COLLAPSED ? ": GitHub will show an error instead" : "; --detail collapsed draws less");
    strbuf_put(out, one.data ? one.data : "", one.len);
    strbuf_free(&one);
}

/* `order-processing · STANDARD · OrderProcessingStateMachine · JSONata`, as the SVG's title without the file. */
static void title_text(strbuf *t, const machine *m)
{
    strbuf_puts(t, m->name ? m->name : m->id ? m->id : "state machine");
    const char *parts[] = {m->type, m->name ? m->id : NULL, m->jsonata ? "JSONata" : NULL};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i]) {
            strbuf_puts(t, MM_SEP);
            strbuf_puts(t, parts[i]);
        }
}

static const char *status_text(const machine *m)
{
    return m->status == MACHINE_S3 ? "definition in S3: nothing local to draw"
           : m->status == MACHINE_MISSING ? "definition file is missing"
                                          : "definition cannot be drawn";
}

static void write_markdown(strbuf *out, const machine *m, const sfnviz_render_options *opts, diag_list *diags)
{
    if (!(opts && opts->no_title)) {
        strbuf t;
        strbuf_init(&t);
        if (opts && opts->title)
            strbuf_puts(&t, opts->title);
        else
            title_text(&t, m);
        strbuf_puts(out, "### ");
        mermaid_put_markdown(out, strbuf_cstr(&t));
        strbuf_puts(out, "\n\n");
        strbuf_free(&t);
    }
    if (m->status != MACHINE_OK) {
        mermaid_put_markdown(out, status_text(m));
        if (m->message) {
            strbuf_puts(out, ": ");
            mermaid_put_markdown(out, m->message);
        }
        strbuf_puts(out, "\n");
        return;
    }
    strbuf_puts(out, "```mermaid\n");
    write_planned(out, m, opts, NULL, NULL, diags);
    strbuf_puts(out, "```\n");
}

void export_mermaid(const machine *const *machines, size_t n, bool markdown, const sfnviz_render_options *opts,
                    strbuf *out, diag_list *diags)
{
    for (size_t i = 0; i < n; i++) {
        if (markdown) {
            strbuf_puts(out, i ? "\n" : "");
            write_markdown(out, machines[i], opts, diags);
            continue;
        }
        strbuf t;
        strbuf_init(&t);
        if (opts && opts->title)
            strbuf_puts(&t, opts->title);
        else
            title_text(&t, machines[i]);
        write_planned(out, machines[i], opts, NULL, opts && opts->no_title ? NULL : strbuf_cstr(&t), diags);
        strbuf_free(&t);
    }
}

/* mermaid_diff.c gives the hooks; the plan is the same. */
void mermaid_write_planned(strbuf *out, const machine *m, const sfnviz_render_options *opts, const mm_hooks *hooks)
{
    diag_list diags;
    diag_list_init(&diags);
    write_planned(out, m, opts, hooks, NULL, &diags);
    char buf[1024];
    for (size_t i = 0; opts && opts->warn && i < diags.count; i++) {
        diag_format(&diags.items[i], buf, sizeof buf);
        opts->warn(buf, opts->warn_ctx);
    }
    diag_list_free(&diags);
}
