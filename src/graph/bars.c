/* bars.c: Parallel fork/join bars, drawn as tables and fitted to their box (see bars.h).
 *
 * The fitting used to lay out the whole graph twice, the first time only to measure the boxes: twice the
 * cost of the layout (bench/README.md). Branch states only link to states of their own branch, so a box
 * laid out alone comes out as wide as in the whole diagram, with its branches where they will be: each box
 * is copied into a graph of its own, laid out, measured, and thrown away. Boxes inside it (Parallel or Map)
 * were measured first and stand in as plain boxes of their size: each state is laid out once more in all,
 * however deep the nesting (copying the insides too took 12 s and 1.3 GB for 120 nested Parallels). */
#include "graph/bars.h"

#include "base/arena.h"
#include "graph/cgraph_ids.h"
#include "base/strmap.h"
#include "base/timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Where each branch meets a bar after a layout: the mean position of the nodes its port edges reach (for an
 * edge to a box standing in for a nested one, where that box's own entry or exit sits in it: the edge's
 * head_shift or tail_shift). Returns them sorted along the bar. */
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
        const char *shift = agget(e, fork ? "head_shift" : "tail_shift");
        (*out)[k].sum += along(ND_coord(fork ? aghead(e) : agtail(e)), lr) + (shift ? atof(shift) : 0);
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
    bar_cell *cells = sfn_calloc(2 * n + 1, sizeof *cells);
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
static void copy_value(Agraph_t *to_root, void *to, Agsym_t *to_sym, char *text)
{
    if (aghtmlstr(text)) {
        char *html = agstrdup_html(to_root, text);
        agxset(to, to_sym, html);
        agstrfree(to_root, html);
    } else {
        agxset(to, to_sym, text);
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

/* What fitting carries from box to box. */
typedef struct fitting {
    GVC_t *gvc;
    Agraph_t *g; /* the whole graph, whose bars get fitted */
    bool lr;
    diag_list *diags;
    strmap boxes;   /* name of a box measured so far -> index in sizes */
    pointf *sizes;  /* its width and height in points */
    size_t size_count, size_cap;
    strmap shifts;  /* name of a measured box's entry or exit node -> index in shift */
    double *shift;  /* where that node sits along the bar's axis, from the box's middle */
    size_t shift_count, shift_cap;
} fitting;

/* Nodes of one copy that stand for a nested box already measured: node name -> index in stand_in. */
typedef struct stand_ins {
    strmap of_node;
    Agnode_t **stand_in;
    size_t count, cap;
} stand_ins;

static double shift_of(const fitting *f, const char *node)
{
    int k = strmap_get(&f->shifts, 0, node);
    return k >= 0 ? f->shift[k] : 0;
}

/* A plain box the size of measured box `box`, in its place in the copy. */
static void stand_in_for(const fitting *f, Agraph_t *box, int measured, Agraph_t *root, stand_ins *si)
{
    Agnode_t *n = agnode(root, agnameof(box), 1);
    char number[32];
    agsafeset(n, "shape", "box", "");
    agsafeset(n, "label", "", "");
    agsafeset(n, "fixedsize", "true", "");
    snprintf(number, sizeof number, "%.3f", f->sizes[measured].x / 72.0);
    agsafeset(n, "width", number, "");
    snprintf(number, sizeof number, "%.3f", f->sizes[measured].y / 72.0);
    agsafeset(n, "height", number, "");
    si->stand_in = sfn_grow(si->stand_in, &si->cap, si->count + 1, sizeof *si->stand_in);
    si->stand_in[si->count] = n;
    for (Agnode_t *inner = agfstnode(box); inner; inner = agnxtnode(box, inner))
        strmap_put(&si->of_node, 0, agnameof(inner), (int)si->count);
    si->count++;
}

/* Finds the measured boxes under `from` (not inside one another) and makes their stand-ins. */
static void find_stand_ins(const fitting *f, Agraph_t *from, Agraph_t *root, stand_ins *si)
{
    for (Agraph_t *sub = agfstsubg(from); sub; sub = agnxtsubg(sub)) {
        int measured = strmap_get(&f->boxes, 0, agnameof(sub));
        if (measured >= 0)
            stand_in_for(f, sub, measured, root, si);
        else
            find_stand_ins(f, sub, root, si);
    }
}

/* The copy of node n in the copy's root: its stand-in when it is inside a measured box. */
static Agnode_t *copy_of(Agraph_t *root, const stand_ins *si, Agnode_t *n)
{
    int k = strmap_get(&si->of_node, 0, agnameof(n));
    return k >= 0 ? si->stand_in[k] : agnode(root, agnameof(n), 0);
}

/* Copies the nodes and clusters of `from` into `to` (in the copy's root `root`), measured boxes as their
 * stand-ins. */
static void copy_tree(const fitting *f, Agraph_t *from, Agraph_t *to, Agraph_t *root, const stand_ins *si)
{
    Agraph_t *from_root = agroot(from);
    copy_attributes(from_root, from, root, to, AGRAPH);
    for (Agnode_t *n = agfstnode(from); n; n = agnxtnode(from, n)) {
        Agnode_t *copy = copy_of(root, si, n);
        if (!copy) {
            copy = agnode(root, agnameof(n), 1);
            copy_attributes(from_root, n, root, copy, AGNODE);
        }
        agsubnode(to, copy, 1);
    }
    for (Agraph_t *sub = agfstsubg(from); sub; sub = agnxtsubg(sub))
        if (strmap_get(&f->boxes, 0, agnameof(sub)) < 0)
            copy_tree(f, sub, agsubg(to, agnameof(sub), 1), root, si);
}

/* Marks an edge end moved to a stand-in: no port or box to clip at there, and where the real end sits. */
static void moved_end(const fitting *f, Agedge_t *copy, Agnode_t *real, bool head)
{
    char number[32];
    agsafeset(copy, head ? "headport" : "tailport", "", "");
    agsafeset(copy, head ? "lhead" : "ltail", "", "");
    snprintf(number, sizeof number, "%.3f", shift_of(f, agnameof(real)));
    agsafeset(copy, head ? "head_shift" : "tail_shift", number, "");
}

/* The edges between the box's nodes (those declared inside it), into the copy's root; edges inside a
 * measured box are left out, edges into or out of one go to its stand-in. */
static void copy_edges(const fitting *f, Agraph_t *box, Agraph_t *root, const stand_ins *si)
{
    Agraph_t *from_root = agroot(box);
    for (Agnode_t *n = agfstnode(box); n; n = agnxtnode(box, n))
        for (Agedge_t *e = agfstout(box, n); e; e = agnxtout(box, e)) {
            Agnode_t *t = copy_of(root, si, agtail(e)), *h = copy_of(root, si, aghead(e));
            bool tail_moved = t && strcmp(agnameof(t), agnameof(agtail(e))) != 0;
            bool head_moved = h && strcmp(agnameof(h), agnameof(aghead(e))) != 0;
            if (!t || !h || (t == h && (tail_moved || head_moved))) /* inside a measured box: in its size */
                continue;
            Agedge_t *copy = agedge(root, t, h, NULL, 1);
            if (!copy)
                continue;
            copy_attributes(from_root, e, root, copy, AGEDGE);
            if (tail_moved)
                moved_end(f, copy, agtail(e), false);
            if (head_moved)
                moved_end(f, copy, aghead(e), true);
        }
}

/* A graph holding only box (with the root's attribute declarations and graph settings, but no title, and
 * the boxes inside it already measured as stand-ins), or NULL. */
static Agraph_t *copy_box(const fitting *f, Agraph_t *box)
{
    Agraph_t *from_root = agroot(box);
    Agraph_t *root = graph_open("box"); /* numbered in creation order: the same layout every run */
    if (!root)
        return NULL;
    declare_like(from_root, root);
    copy_attributes(from_root, from_root, root, root, AGRAPH);
    agsafeset(root, "label", "", "");
    stand_ins si = {.count = 0};
    strmap_init(&si.of_node);
    find_stand_ins(f, box, root, &si);
    copy_tree(f, box, agsubg(root, agnameof(box), 1), root, &si);
    copy_edges(f, box, root, &si);
    strmap_free(&si.of_node);
    free(si.stand_in);
    return root;
}

/* ---- Fitting -------------------------------------------------------------------------------------- */

static bool is_parallel_box(Agraph_t *sub, int *state)
{
    char rest;
    return sscanf(agnameof(sub), "cluster_p%d%c", state, &rest) == 1;
}

static bool is_map_box(Agraph_t *sub)
{
    int state;
    char rest;
    return sscanf(agnameof(sub), "cluster_m%d%c", &state, &rest) == 1;
}

/* Records the laid-out box's size, and where its entry and exit nodes sit from its middle. */
static void record_box(fitting *f, Agraph_t *box, Agraph_t *laid_box)
{
    boxf bb = GD_bb(laid_box);
    int k = strmap_put(&f->boxes, 0, agnameof(box), (int)f->size_count);
    if (k != (int)f->size_count)
        return;
    f->sizes = sfn_grow(f->sizes, &f->size_cap, f->size_count + 1, sizeof *f->sizes);
    f->sizes[f->size_count++] = (pointf){bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y};
    double middle = (along(bb.LL, f->lr) + along(bb.UR, f->lr)) / 2;
    int state;
    if (sscanf(agnameof(box), "cluster_%*c%d", &state) != 1)
        return;
    static const char *const ends[] = {"", "_fork", "_join", "_exit"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        Agnode_t *real = bar_node(f->g, state, ends[i]), *laid = bar_node(agroot(laid_box), state, ends[i]);
        if (!real || !laid || strmap_put(&f->shifts, 0, agnameof(real), (int)f->shift_count) != (int)f->shift_count)
            continue;
        f->shift = sfn_grow(f->shift, &f->shift_cap, f->shift_count + 1, sizeof *f->shift);
        f->shift[f->shift_count++] = along(ND_coord(laid), f->lr) - middle;
    }
}

/* Lays out box alone; fits its bars when it is Parallel `state` (else -1), and records its size. */
static int measure_box(fitting *f, Agraph_t *box, int state)
{
    Agraph_t *copy = copy_box(f, box);
    if (!copy) {
        diag_error(f->diags, mark_none(), "Graphviz cannot open a graph");
        return -1;
    }
    double start = timing_now();
    int rc = gvLayout(f->gvc, copy, "dot");
    timing_add(STAGE_LAYOUT, start);
    if (rc == 0) {
        Agraph_t *laid = agsubg(copy, agnameof(box), 0);
        if (state >= 0)
            fit_bar_pair(f->g, laid, state, f->lr);
        record_box(f, box, laid);
    } else {
        diag_error(f->diags, mark_none(), "Graphviz could not lay out the graph");
    }
    gvFreeLayout(f->gvc, copy);
    agclose(copy);
    return rc == 0 ? 0 : -1;
}

/* Measures the boxes inside `under` deepest first: every Parallel, and every Map inside a Parallel (to
 * stand in for it there). */
static int fit_under(fitting *f, Agraph_t *under, bool in_parallel)
{
    for (Agraph_t *sub = agfstsubg(under); sub; sub = agnxtsubg(sub)) {
        int state;
        bool parallel = is_parallel_box(sub, &state);
        if (fit_under(f, sub, in_parallel || parallel) != 0)
            return -1;
        if ((parallel || (in_parallel && is_map_box(sub))) && measure_box(f, sub, parallel ? state : -1) != 0)
            return -1;
    }
    return 0;
}

int bars_fit(GVC_t *gvc, Agraph_t *g, bool lr, diag_list *diags)
{
    fitting f = {.gvc = gvc, .g = g, .lr = lr, .diags = diags};
    strmap_init(&f.boxes);
    strmap_init(&f.shifts);
    int rc = fit_under(&f, g, false);
    strmap_free(&f.boxes);
    strmap_free(&f.shifts);
    free(f.sizes);
    free(f.shift);
    return rc;
}
