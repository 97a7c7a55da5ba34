/* legend.c: the key of shapes and edge styles (see legend.h).
 *
 * One table of two column pairs: state swatches and their names on the left, edge samples and what their
 * labels say on the right, one entry per row. A single table, so every swatch column keeps one width. */
#include "graph/legend.h"

#include <stddef.h>

enum {
    SWATCH_WIDTH = 24,
    SWATCH_HEIGHT = 12,
    LINE_WIDTH = 30, /* length of an edge sample */
    MAX_ENTRIES = 16,
};

/* One entry: writes its sample cell and its name cell. */
typedef struct entry {
    enum { BOX, DIAMOND, LINE, ARROW } kind;
    const char *fill, *border; /* BOX: fill and border; DIAMOND: border; LINE: border is the line */
    const char *style;         /* BOX: rounded, dashed, solid; LINE: solid, dashed, dotted */
    int width;                 /* LINE: pen width; BOX: border width (0: 1) */
    const char *name;
    const char *badge;         /* BOX: a sign drawn in the swatch ("+", "~", "−"), or NULL, */
    const char *badge_colour;  /* in this colour */
} entry;

typedef struct entries {
    entry e[MAX_ENTRIES];
    size_t n;
} entries;

static void add(entries *list, entry e)
{
    if (list->n < MAX_ENTRIES)
        list->e[list->n++] = e;
}

static const char *cell_style(theme_line l, const char *otherwise)
{
    return l == THEME_DASHED ? "dashed" : l == THEME_DOTTED ? "dotted" : otherwise;
}

/* Whether scope sc is drawn: collapsed, only the top level is. */
static bool drawn(const machine *m, int sc, render_detail detail)
{
    return detail < DETAIL_COLLAPSED || workflow_scope_is_top(m, sc);
}

/* The states m draws, in the order a reader meets them: Task first, terminals, then containers. */
static void find_states(const theme *t, const machine *m, render_detail detail, entries *out)
{
    bool seen[STATE_UNKNOWN + 1] = {false};
    for (size_t i = 0; i < m->state_count; i++)
        if ((unsigned)m->states[i].type <= STATE_UNKNOWN && drawn(m, m->states[i].scope, detail))
            seen[m->states[i].type] = true;
    bool missing = false;
    for (size_t i = 0; i < m->edge_count; i++)
        if (m->edges[i].to < 0 && m->edges[i].kind != EDGE_END && m->edges[i].kind != EDGE_RETRY &&
            drawn(m, m->edges[i].scope, detail))
            missing = true;
    const theme_box *boxes[] = {[STATE_TASK] = &t->task, [STATE_PASS] = &t->pass, [STATE_WAIT] = &t->wait,
                                [STATE_SUCCEED] = &t->succeed, [STATE_FAIL] = &t->fail};
    static const state_type order[] = {STATE_TASK, STATE_CHOICE, STATE_WAIT, STATE_PASS, STATE_SUCCEED,
                                       STATE_FAIL, STATE_PARALLEL, STATE_MAP, STATE_UNKNOWN};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        state_type s = order[i];
        if (!seen[s])
            continue;
        if (s == STATE_CHOICE)
            add(out, (entry){DIAMOND, t->choice.fill, t->choice.border, "", 0, "Choice", NULL, NULL});
        else if (s == STATE_PARALLEL)
            add(out, (entry){BOX, t->parallel.fill, t->parallel.border, cell_style(t->parallel.style, "rounded"), 0,
                             "Parallel", NULL, NULL});
        else if (s == STATE_MAP)
            add(out,
                (entry){BOX, t->map.fill, t->map.border, cell_style(t->map.style, "rounded"), 0, "Map", NULL, NULL});
        else if (s == STATE_UNKNOWN)
            add(out, (entry){BOX, t->unknown.fill, t->unknown.border, "solid", 0, "unknown Type", NULL, NULL});
        else
            add(out, (entry){BOX, boxes[s]->fill, boxes[s]->border, "rounded", 0, state_type_name(s), NULL, NULL});
    }
    if (missing)
        add(out, (entry){BOX, t->missing.fill, t->missing.border, "dashed", 0, "missing target", NULL, NULL});
}

static entry line_entry(const theme_edge *e, const char *name)
{
    return (entry){LINE, NULL, e->color, cell_style(e->style, "solid"), e->style == THEME_BOLD ? 2 : 1, name, NULL,
                   NULL};
}

/* The kinds of edge m draws, with what their labels say (compact: what stands in for them). */
static void find_edges(const theme *t, const machine *m, render_detail detail, entries *out)
{
    bool seen[EDGE_END + 1] = {false};
    for (size_t i = 0; i < m->edge_count; i++)
        if ((unsigned)m->edges[i].kind <= EDGE_END && drawn(m, m->edges[i].scope, detail))
            seen[m->edges[i].kind] = true;
    bool compact = detail >= DETAIL_COMPACT;
    if (seen[EDGE_START] || seen[EDGE_NEXT] || seen[EDGE_END])
        add(out, line_entry(&t->next, "next"));
    if (seen[EDGE_CHOICE])
        add(out, line_entry(&t->choice_edge, "Choice rule: its condition"));
    if (seen[EDGE_DEFAULT])
        add(out, line_entry(&t->default_edge, "Choice default"));
    if (seen[EDGE_CATCH])
        add(out, line_entry(&t->catch_edge, compact ? "catch (errors in the tooltip)" : "catch: the errors caught"));
    if (seen[EDGE_RETRY])
        add(out, line_entry(&t->retry_edge, compact ? "retry: \u21bb \u00d7attempts in the state"
                                                    : "retry \u21bb \u00d7attempts \u00b7 interval \u00b7 backoff"));
}

static void put_sample(strbuf *out, const entry *e)
{
    switch (e->kind) {
    case BOX:
        strbuf_printf(out, "<td border=\"%d\" style=\"%s\" bgcolor=\"%s\" color=\"%s\" width=\"%d\" height=\"%d\">",
                      e->width > 0 ? e->width : 1, e->style, e->fill, e->border, SWATCH_WIDTH, SWATCH_HEIGHT);
        if (e->badge)
            strbuf_printf(out, "<font color=\"%s\"><b>%s</b></font>", e->badge_colour ? e->badge_colour : e->border,
                          e->badge);
        strbuf_puts(out, "</td>");
        break;
    case DIAMOND: /* table cells are rectangles: the diamond is a glyph */
        strbuf_printf(out, "<td width=\"%d\" height=\"%d\"><font color=\"%s\">\u25c6</font></td>", SWATCH_WIDTH,
                      SWATCH_HEIGHT, e->border);
        break;
    case ARROW: /* a reference node's sign */
        strbuf_printf(out, "<td width=\"%d\" height=\"%d\"><font color=\"%s\">\u2192</font></td>", SWATCH_WIDTH,
                      SWATCH_HEIGHT, e->border);
        break;
    case LINE: /* the bottom border of a cell half a row high: a line across the middle of the row */
        strbuf_printf(out, "<td valign=\"top\"><table border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr><td "
                           "border=\"%d\" sides=\"b\" style=\"%s\" color=\"%s\" width=\"%d\" height=\"%d\"></td>"
                           "</tr></table></td>",
                      e->width, e->style, e->border, LINE_WIDTH, SWATCH_HEIGHT / 2 + 2);
        break;
    }
}

static void put_entry(strbuf *out, const theme *t, const entries *list, size_t i)
{
    if (i >= list->n) {
        strbuf_puts(out, "<td></td><td></td>");
        return;
    }
    put_sample(out, &list->e[i]);
    strbuf_printf(out, "<td align=\"left\"><font point-size=\"%g\" color=\"%s\">%s</font></td>", t->detail_size,
                  t->title_detail, list->e[i].name);
}

/* The marks of a drawn diff, as graph/diff_marks.c draws them: states on the left, transitions on the right. */
static void find_diff(const theme *t, const legend_diff *d, entries *states, entries *edges)
{
    if (d->added)
        add(states,
            (entry){BOX, t->diff_added.fill, t->diff_added.border, "rounded", 2, "added", "+", t->diff_added.detail});
    if (d->changed)
        add(states, (entry){BOX, t->diff_changed.fill, t->diff_changed.border, "dashed", 2,
                            "changed: what, in its label", "~", t->diff_changed.detail});
    if (d->removed)
        add(states, (entry){BOX, t->diff_removed.fill, t->diff_removed.border, "dotted", 1, "removed", "\u2212",
                            t->diff_removed.detail});
    if (d->edge_added)
        add(edges, (entry){LINE, NULL, t->diff_added.border, "solid", 3, "transition added", NULL, NULL});
    if (d->edge_removed)
        add(edges, (entry){LINE, NULL, t->diff_removed.border, "dotted", 1, "transition removed", NULL, NULL});
}

void legend_put(strbuf *html, const theme *t, const machine *m, render_detail detail, bool references,
                const legend_diff *diff)
{
    entries states = {.n = 0}, edges = {.n = 0};
    if (diff)
        find_diff(t, diff, &states, &edges);
    if (!diff || diff->kinds) {
        find_states(t, m, detail, &states);
        if (references)
            add(&states, (entry){ARROW, NULL, t->title_detail, "", 0, "goes on at that state", NULL, NULL});
        find_edges(t, m, detail, &edges);
    }
    size_t rows = states.n > edges.n ? states.n : edges.n;
    strbuf_printf(html, "<table border=\"1\" style=\"rounded\" color=\"%s\" bgcolor=\"%s\" cellborder=\"0\" "
                        "cellspacing=\"2\" cellpadding=\"2\">",
                  t->branch.border, t->background);
    for (size_t i = 0; i < rows; i++) {
        strbuf_puts(html, "<tr>");
        put_entry(html, t, &states, i);
        strbuf_puts(html, "<td width=\"8\"></td>");
        put_entry(html, t, &edges, i);
        strbuf_puts(html, "</tr>");
    }
    strbuf_puts(html, "</table>");
}
