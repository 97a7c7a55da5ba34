/* bars.c: Parallel fork/join bars, drawn as tables and fitted to their box (see bars.h).
 *
 * The fitting used to lay out the whole graph twice, the first time only to measure the boxes: twice the
 * cost of the layout (bench/README.md). Branch states only link to states of their own branch, so a box
 * laid out alone comes out as wide as in the whole diagram, with its branches where they will be: each box
 * is copied into a graph of its own, laid out, measured, and thrown away. */
#include "bars.h"

#include "arena.h"
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>

void bar_set_label(Agnode_t *bar, const char *colour, bool lr, const bar_cell *cells, size_t n)
{
    strbuf l;
    strbuf_init(&l);
    strbuf_puts(&l, "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">");
    strbuf_puts(&l, lr ? "" : "<tr>");
    for (size_t k = 0; k < n; k++) {
        int len = cells[k].length < 1 ? 1 : (int)(cells[k].length + 0.5);
        strbuf_puts(&l, lr ? "<tr><td" : "<td");
        if (cells[k].branch >= 0)
            strbuf_printf(&l, " port=\"b%d\"", cells[k].branch);
        strbuf_printf(&l, " width=\"%d\" height=\"%d\" fixedsize=\"true\" bgcolor=\"%s\"></td>",
                      lr ? (int)BAR_THICKNESS : len, lr ? len : (int)BAR_THICKNESS, colour);
        strbuf_puts(&l, lr ? "</tr>" : "");
    }
    strbuf_puts(&l, lr ? "</table>" : "</tr></table>");
    Agraph_t *root = agroot(bar);
    char *html = agstrdup_html(root, (char *)strbuf_cstr(&l));
    agsafeset(bar, "label", html, "");
    agstrfree(root, html);
    strbuf_free(&l);
}

/* ---- Measuring a laid-out box --------------------------------------------------------------------- */

/* A position along a bar: x in a top-down drawing; in a left-to-right one, y from the top (Graphviz's y
 * grows upwards). */
static double along(pointf p, bool lr)
{
    return lr ? -p.y : p.x;
}

typedef struct anchor {
    int branch;
    double sum;
    int count;
} anchor;

/* Where each branch meets a bar after a layout: the mean position of the nodes its port edges reach.
 * Returns them sorted along the bar. */
static size_t bar_anchors(Agraph_t *root, Agnode_t *bar, bool fork, bool lr, anchor **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (Agedge_t *e = fork ? agfstout(root, bar) : agfstin(root, bar); e;
         e = fork ? agnxtout(root, e) : agnxtin(root, e)) {
        int branch;
        if (sscanf(agget(e, fork ? "tailport" : "headport"), "b%d", &branch) != 1)
            continue;
        size_t k = 0;
        while (k < n && (*out)[k].branch != branch)
            k++;
        if (k == n) {
            *out = sfn_grow(*out, &cap, n + 1, sizeof **out);
            (*out)[n++] = (anchor){branch, 0, 0};
        }
        (*out)[k].sum += along(ND_coord(fork ? aghead(e) : agtail(e)), lr);
        (*out)[k].count++;
    }
    for (size_t i = 1; i < n; i++) /* insertion sort by position: a handful of branches */
        for (size_t k = i; k > 0 && (*out)[k - 1].sum / (*out)[k - 1].count > (*out)[k].sum / (*out)[k].count; k--) {
            anchor t = (*out)[k];
            (*out)[k] = (*out)[k - 1];
            (*out)[k - 1] = t;
        }
    return n;
}

/* Rebuilds bar `target` as long as the laid-out box, with each branch's port over where that branch's
 * nodes are, measured at `bar` (the same bar in the laid-out copy). */
static void fit_bar(Agnode_t *target, Agnode_t *bar, Agraph_t *box, bool fork, bool lr)
{
    anchor *anchors;
    size_t n = bar_anchors(agroot(box), bar, fork, lr, &anchors);
    boxf bb = GD_bb(box);
    double lo = along(lr ? bb.UR : bb.LL, lr) + BAR_INSET, hi = along(lr ? bb.LL : bb.UR, lr) - BAR_INSET;
    bar_cell *cells = malloc((2 * n + 1) * sizeof *cells);
    if (!cells)
        sfn_oom();
    size_t count = 0;
    double at = lo;
    for (size_t k = 0; k < n; k++) {
        double start = anchors[k].sum / anchors[k].count - BAR_PORT / 2.0;
        if (start > at)
            cells[count++] = (bar_cell){-1, start - at};
        else
            start = at;
        cells[count++] = (bar_cell){anchors[k].branch, BAR_PORT};
        at = start + BAR_PORT;
    }
    if (hi > at || count == 0)
        cells[count++] = (bar_cell){-1, hi > at ? hi - at : BAR_GUESS};
    bar_set_label(target, agget(target, "color"), lr, cells, count);
    free(cells);
    free(anchors);
}

static Agnode_t *bar_node(Agraph_t *g, int state, const char *suffix)
{
    char id[48];
    snprintf(id, sizeof id, "s%d%s", state, suffix);
    return agnode(g, id, 0);
}

/* Fits the bars of Parallel `state` in graph `target` from the laid-out copy `laid` of its box `box`. */
static void fit_bar_pair(Agraph_t *target, Agraph_t *box, int state, bool lr)
{
    Agraph_t *laid = agroot(box);
    Agnode_t *fork = bar_node(laid, state, "_fork"), *join = bar_node(laid, state, "_join");
    const char *fork_suffix = fork ? "_fork" : "";
    if (!fork)
        fork = bar_node(laid, state, "");
    Agnode_t *fork_target = bar_node(target, state, fork_suffix), *join_target = bar_node(target, state, "_join");
    if (fork && fork_target)
        fit_bar(fork_target, fork, box, true, lr);
    if (join && join_target)
        fit_bar(join_target, join, box, false, lr);
}

/* ---- A box in a graph of its own ------------------------------------------------------------------ */

/* Sets one attribute, keeping an HTML-like value HTML-like: cgraph's agxset makes a plain string of it
 * unless the same HTML string already lives in the graph's dictionary. */
static void copy_value(Agraph_t *to_root, void *to, Agsym_t *to_sym, char *value)
{
    if (aghtmlstr(value)) {
        char *html = agstrdup_html(to_root, value);
        agxset(to, to_sym, html);
        agstrfree(to_root, html);
    } else {
        agxset(to, to_sym, value);
    }
}

/* Copies every attribute of `from` (of kind `kind`, in graph from_root) onto `to`, declared alike. */
static void copy_attributes(Agraph_t *from_root, void *from, Agraph_t *to_root, void *to, int kind)
{
    for (Agsym_t *sym = agnxtattr(from_root, kind, NULL); sym; sym = agnxtattr(from_root, kind, sym)) {
        Agsym_t *to_sym = agattr(to_root, kind, sym->name, NULL);
        if (to_sym)
            copy_value(to_root, to, to_sym, agxget(from, sym));
    }
}

/* Declares in `to` every attribute `from` declares, with the same defaults. */
static void declare_like(Agraph_t *from, Agraph_t *to)
{
    static const int kinds[] = {AGRAPH, AGNODE, AGEDGE};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        for (Agsym_t *sym = agnxtattr(from, kinds[k], NULL); sym; sym = agnxtattr(from, kinds[k], sym)) {
            if (aghtmlstr(sym->defval)) {
                char *html = agstrdup_html(to, sym->defval);
                agattr(to, kinds[k], sym->name, html);
                agstrfree(to, html);
            } else {
                agattr(to, kinds[k], sym->name, sym->defval);
            }
        }
}

/* Copies the nodes and nested clusters of `from` into `to` (in the copy's root `root`). */
static void copy_tree(Agraph_t *from, Agraph_t *to, Agraph_t *root)
{
    Agraph_t *from_root = agroot(from);
    copy_attributes(from_root, from, root, to, AGRAPH);
    for (Agnode_t *n = agfstnode(from); n; n = agnxtnode(from, n)) {
        Agnode_t *copy = agnode(root, agnameof(n), 0);
        if (!copy) {
            copy = agnode(root, agnameof(n), 1);
            copy_attributes(from_root, n, root, copy, AGNODE);
        }
        agsubnode(to, copy, 1);
    }
    for (Agraph_t *sub = agfstsubg(from); sub; sub = agnxtsubg(sub))
        copy_tree(sub, agsubg(to, agnameof(sub), 1), root);
}

/* The edges between the box's nodes (those declared inside it), into the copy's root. */
static void copy_edges(Agraph_t *box, Agraph_t *root)
{
    Agraph_t *from_root = agroot(box);
    for (Agnode_t *n = agfstnode(box); n; n = agnxtnode(box, n))
        for (Agedge_t *e = agfstout(box, n); e; e = agnxtout(box, e)) {
            Agnode_t *t = agnode(root, agnameof(agtail(e)), 0), *h = agnode(root, agnameof(aghead(e)), 0);
            Agedge_t *copy = t && h ? agedge(root, t, h, NULL, 1) : NULL;
            if (copy)
                copy_attributes(from_root, e, root, copy, AGEDGE);
        }
}

/* A graph holding only box (with the root's attribute declarations and graph settings, but no title),
 * or NULL. */
static Agraph_t *copy_box(Agraph_t *box)
{
    Agraph_t *from_root = agroot(box);
    Agraph_t *root = agopen("box", Agdirected, NULL);
    if (!root)
        return NULL;
    declare_like(from_root, root);
    copy_attributes(from_root, from_root, root, root, AGRAPH);
    agsafeset(root, "label", "", "");
    copy_tree(box, agsubg(root, agnameof(box), 1), root);
    copy_edges(box, root);
    return root;
}

/* ---- Fitting -------------------------------------------------------------------------------------- */

static bool is_parallel_box(Agraph_t *sub, int *state)
{
    char rest;
    return sscanf(agnameof(sub), "cluster_p%d%c", state, &rest) == 1;
}

static int fit_box(GVC_t *gvc, Agraph_t *g, Agraph_t *box, int state, bool lr, diag_list *diags)
{
    Agraph_t *copy = copy_box(box);
    if (!copy) {
        diag_error(diags, mark_none(), "Graphviz cannot open a graph");
        return -1;
    }
    double start = timing_now();
    int rc = gvLayout(gvc, copy, "dot");
    timing_add(STAGE_LAYOUT, start);
    if (rc == 0)
        fit_bar_pair(g, agsubg(copy, agnameof(box), 0), state, lr);
    else
        diag_error(diags, mark_none(), "Graphviz could not lay out the graph");
    gvFreeLayout(gvc, copy);
    agclose(copy);
    return rc == 0 ? 0 : -1;
}

/* Fits the boxes inside `under` deepest first. */
static int fit_under(GVC_t *gvc, Agraph_t *g, Agraph_t *under, bool lr, diag_list *diags)
{
    for (Agraph_t *sub = agfstsubg(under); sub; sub = agnxtsubg(sub)) {
        if (fit_under(gvc, g, sub, lr, diags) != 0)
            return -1;
        int state;
        if (is_parallel_box(sub, &state) && fit_box(gvc, g, sub, state, lr, diags) != 0)
            return -1;
    }
    return 0;
}

int bars_fit(GVC_t *gvc, Agraph_t *g, bool lr, diag_list *diags)
{
    return fit_under(gvc, g, g, lr, diags);
}
