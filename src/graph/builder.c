/* builder.c: attribute helpers of the graph builder, the graph-wide look, the title and the legend. */
#include "graph/builder.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

/* ---- Attributes ----------------------------------------------------------------------------------- */

void attr_set(void *obj, const char *name, const char *text)
{
    agsafeset(obj, (char *)name, (char *)text, "");
}

void attr_set_number(void *obj, const char *name, double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%g", v);
    attr_set(obj, name, buf);
}

/* Sets an HTML-like attribute from the text in sb, and empties sb. */
void attr_set_html(builder *b, void *obj, const char *name, strbuf *sb)
{
    char *html = agstrdup_html(b->g, (char *)strbuf_cstr(sb));
    attr_set(obj, name, html);
    agstrfree(b->g, html);
    strbuf_clear(sb);
}

/* Sets the tooltip from b->tip, and empties it. A final backslash would escape agwrite's closing quote. */
void attr_set_tip(builder *b, void *obj)
{
    if (b->tip.len && b->tip.data[b->tip.len - 1] == '\\')
        strbuf_putc(&b->tip, ' ');
    attr_set(obj, "tooltip", strbuf_cstr(&b->tip));
    strbuf_clear(&b->tip);
}

/* The node `<prefix><n><suffix>` ("s3", "s3_join", "start0"). */
Agnode_t *node_by_id(Agraph_t *g, const char *prefix, int n, const char *suffix)
{
    char id[ID_SIZE];
    snprintf(id, sizeof id, "%s%d%s", prefix, n, suffix);
    return agnode(g, id, 1);
}

/* ---- Graph ---------------------------------------------------------------------------------------- */

/* Declares the attributes clusters set with an empty default, so a cluster that does not set one inherits
 * nothing from the root's values (a root `label` would otherwise title every cluster); node and edge
 * defaults come from the theme. */
void declare_attributes(builder *b)
{
    static const char *const graph_attrs[] = {"label", "style", "color", "fillcolor", "fontcolor", "penwidth",
                                              "fontsize", "labeljust", "labelloc", "tooltip", "class"};
    for (size_t i = 0; i < sizeof graph_attrs / sizeof graph_attrs[0]; i++)
        agattr(b->g, AGRAPH, (char *)graph_attrs[i], "");
    const theme *t = b->t;
    char size[32];
    agattr(b->g, AGNODE, "fontname", (char *)t->font_family);
    snprintf(size, sizeof size, "%g", t->font_size);
    agattr(b->g, AGNODE, "fontsize", size);
    agattr(b->g, AGNODE, "shape", "box");
    agattr(b->g, AGNODE, "style", "rounded,filled");
    snprintf(size, sizeof size, "%g", t->node_line);
    agattr(b->g, AGNODE, "penwidth", size);
    agattr(b->g, AGNODE, "margin", "0.16,0.07");
    agattr(b->g, AGEDGE, "fontname", (char *)t->font_family);
    snprintf(size, sizeof size, "%g", t->edge_size);
    agattr(b->g, AGEDGE, "fontsize", size);
    snprintf(size, sizeof size, "%g", t->edge_line);
    agattr(b->g, AGEDGE, "penwidth", size);
    agattr(b->g, AGEDGE, "arrowsize", "0.7");
    agattr(b->g, AGEDGE, "color", (char *)t->next.color);
    agattr(b->g, AGEDGE, "fontcolor", (char *)t->next.text);
}

void set_graph_look(builder *b)
{
    const theme *t = b->t;
    attr_set(b->g, "fontname", t->font_family);
    attr_set_number(b->g, "fontsize", t->font_size);
    attr_set(b->g, "bgcolor", t->background);
    attr_set(b->g, "rankdir", b->lr ? "LR" : "TB");
    attr_set(b->g, "nodesep", "0.5");
    /* left to right, retry labels sit above their state and need room along the ranks */
    attr_set(b->g, "ranksep", b->lr && b->any_retry ? "0.8" : "0.45");
    attr_set(b->g, "pad", "0.3");
    attr_set(b->g, "compound", "true");
    attr_set(b->g, "newrank", "true");
    attr_set(b->g, "outputorder", "edgesfirst");
    attr_set(b->g, "labelloc", "t");
    attr_set(b->g, "labeljust", "l");
}

/* A file as the title shows it: an absolute path relative to the working folder, so a diagram drawn from
 * /home/ci/build/... reads as one drawn from the repository (and is as wide); `..` steps where it lies
 * beside it; as given when they share nothing but the root, or the working folder is unknown. */
static const char *title_path(const char *file, strbuf *scratch)
{
    char cwd[PATH_MAX];
    if (!file || file[0] != '/' || !getcwd(cwd, sizeof cwd))
        return file;
    size_t common = 0; /* cwd[0, common) and file[0, common) are the same folders */
    for (size_t i = 0;; i++) {
        if ((cwd[i] == '\0' || cwd[i] == '/') && file[i] == '/')
            common = i;
        if (cwd[i] == '\0' || cwd[i] != file[i])
            break;
    }
    if (common == 0)
        return file;
    for (const char *p = cwd + common; *p; p++)
        if (*p == '/')
            strbuf_puts(scratch, "../");
    const char *rest = file + common;
    while (*rest == '/') /* "/a/b//c.json" seen from /a/b is c.json */
        rest++;
    strbuf_puts(scratch, rest);
    return scratch->data;
}

/* The title's rows: name (or ID) in bold, then type, ID, file and query language, and the Comment under it. */
static void put_title(builder *b)
{
    const machine *m = b->m;
    const theme *t = b->t;
    strbuf *l = &b->label;
    strbuf_printf(l, "<tr><td align=\"left\"><font point-size=\"%g\" color=\"%s\"><b>", t->title_size,
                  t->title_text);
    const char *heading = m->name ? m->name : m->id ? m->id : "state machine";
    put_html(l, heading, TITLE_MAX);
    strbuf_puts(l, "</b></font>");
    strbuf scratch;
    strbuf_init(&scratch);
    const char *file = title_path(m->definition_file ? m->definition_file : m->file, &scratch);
    /* A standalone ASL file is headed by its own name: naming it twice adds nothing. */
    if (file && strcmp(file, heading) == 0)
        file = NULL;
    const char *parts[] = {m->type, m->name ? m->id : NULL, file, m->jsonata ? "JSONata" : NULL};
    bool first = true;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!parts[i])
            continue;
        /* Graphviz refuses an empty <font>: open it only when there is something to put in it. */
        if (first)
            strbuf_printf(l, "  <font color=\"%s\">", t->title_detail);
        else
            strbuf_puts(l, SEP);
        put_html(l, parts[i], parts[i] == file ? FILE_TITLE_MAX : TITLE_MAX);
        first = false;
    }
    if (!first)
        strbuf_puts(l, "</font>");
    strbuf_puts(l, "</td></tr>");
    if (m->comment) {
        strbuf_printf(l, "<tr><td align=\"left\"><font color=\"%s\" point-size=\"%g\"><i>", t->title_detail,
                      t->detail_size + 1);
        put_html(l, m->comment, COMMENT_MAX);
        strbuf_puts(l, "</i></font></td></tr>");
    }
    strbuf_free(&scratch);
}

static void put_given_title(builder *b, const char *text)
{
    strbuf_printf(&b->label, "<tr><td align=\"left\"><font point-size=\"%g\" color=\"%s\"><b>", b->t->title_size,
                  b->t->title_text);
    put_html(&b->label, text, TITLE_MAX);
    strbuf_puts(&b->label, "</b></font></td></tr>");
}

/* The graph's label: the title; a table, so an empty last row can keep it off the first node. */
void add_title(builder *b, const char *title_text)
{
    strbuf *l = &b->label;
    strbuf_puts(l, "<table border=\"0\" cellborder=\"0\" cellpadding=\"0\" cellspacing=\"0\">");
    if (title_text)
        put_given_title(b, title_text);
    else if (b->diff)
        diff_put_title(b);
    else
        put_title(b);
    strbuf_puts(l, "<tr><td height=\"10\"></td></tr></table>");
    attr_set_html(b, b->g, "label", l);
}

/* The legend is a node of its own, tied by an invisible edge to the Start marker, so it sits on a rank
 * before it (above it; left to right, to its left): a table in a node keeps its own size, where one in the
 * title's table would be stretched to the title's width. */

void add_legend(builder *b, Agnode_t *start)
{
    Agnode_t *n = agnode(b->g, "legend0", 1);
    attr_set(n, "class", "legend");
    attr_set(n, "shape", "plain");
    attr_set(n, "style", "");
    attr_set(n, "tooltip", "Legend");
    legend_diff diff;
    bool is_diff = diff_legend(b, &diff);
    legend_put(&b->label, b->t, b->m, b->collapse ? DETAIL_COLLAPSED : b->compact ? DETAIL_COMPACT : DETAIL_FULL,
               any_reference(b), is_diff ? &diff : NULL);
    attr_set_html(b, n, "label", &b->label);
    Agedge_t *e = agedge(b->g, n, start, NULL, 1);
    attr_set(e, "style", "invis");
    attr_set(e, "weight", "0");
}
