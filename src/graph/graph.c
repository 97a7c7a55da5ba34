/* graph.c: the workflow model and a theme drawn as a cgraph graph (see graph.h for the naming scheme).
 *
 * Layout is Graphviz's; this file decides what is drawn and how it looks: one node per state with an
 * HTML-like label (bold name over a coloured detail line), Parallel states as a box holding one dashed box
 * per branch between a fork bar and a join bar, Map states as a dashed box with an entry and an exit point,
 * one edge per model edge with a line style and label per kind, so colour is never the only cue.
 *
 * User text reaches Graphviz in two forms, each escaped for what Graphviz 2.43 does with it:
 *  - HTML-like labels: entities for & < > " ', and backslashes doubled, since Graphviz expands \N, \G and
 *    friends in label text after decoding entities (a `\\` comes out as one backslash);
 *  - tooltips (plain strings): `&` as `&amp;` (the SVG writer passes entities through), each backslash as
 *    four (tooltips go through escape processing twice: \n, then \N), and never a trailing backslash,
 *    which agwrite would turn into an escaped closing quote.
 * Both first become valid UTF-8 without characters XML 1.0 forbids (U+FFFD instead), and long labels are
 * cut with "…" while the tooltip keeps the whole text. */
#include "graph/graph.h"
#include "graph/bars.h"
#include "graph/legend.h"
#include "model/paths.h"
#include "base/strmap.h"
#include "base/utf8.h"
#include "graph/theme.h"

#include <graphviz/cgraph.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RETRY_SIGN "\u21bb"
#define TIMES_SIGN "\u00d7"
#define SEP " \u00b7 "
#define ELLIPSIS "\u2026"
#define ARROW_SIGN "\u2192"
#define REPLACEMENT_CHAR "\xef\xbf\xbd"

enum {
    LABEL_MAX = 40,        /* characters of a name or label shown before it is cut with "…" */
    TITLE_MAX = 60,        /* characters of each part of the title */
    FILE_TITLE_MAX = 120,  /* characters of the file name in the title: paths run long */
    CUT_MAX = 128,         /* the longest any text is let run before a cut (at least every *_MAX here) */
    COMMENT_MAX = 80,      /* characters of the Comment under the title */
    ERRORS_SHOWN = 6,      /* error names listed under a retry or catch label; more are counted */
    RETRIERS_SHOWN = 6,    /* retriers drawn on a state's loop; more are counted (the tooltip has all) */
    RULES_SHOWN = 6,       /* rules drawn on one merged Choice edge; more are counted */
    RULE_WIDTH = 30,       /* characters per line of a Choice rule label */
    RULE_LINES = 3,        /* lines of a Choice rule label before it is cut with "…" */
    NAME_LINES = 2,        /* lines of a state's name (of LABEL_MAX characters) before it is cut */
    CHOICE_NAME_WIDTH = 24, /* characters per line of a Choice's name, */
    CHOICE_NAME_LINES = 3,  /* over at most three lines */
    FAN_OUT_DECORATE = 3,  /* rules (default included) of a Choice from which rule labels get leader lines */
    LR_LOOP_MAX = 28,      /* characters of an error name under a retry loop, left to right */
    SHARED_CATCH_MIN = 8,  /* catch edges into one state from which each gets a small stand-in node */
    END_REACH = 3,         /* steps above the End marker from which a terminal state gets its own */
    FAR_STEPS = 8,         /* steps a transition runs, compact, past which it goes to a reference instead */
    /* Layout loads (layout_load) up to which a diagram is drawn in full, compact, and collapsed; past the
     * last, auto refuses to lay it out. Measured with bench/scale.sh (bench/README.md): places for about
     * 1 s and 100 MB in full and compact (1000 and 2000 synthetic states), 3 s collapsed (5000); and edges
     * passing ranks side by side, squared and summed, for crossings (random graphs: 73 000 took 0.9 s,
     * 190 000 took 7 s). */
    FULL_PLACES = 5000,
    COMPACT_PLACES = 5000,
    COLLAPSED_PLACES = 6500,
    CROSSINGS_MAX = 50000,
    ID_SIZE = 48,
};

/* ---- Text ------------------------------------------------------------------------------------------ */

static void sb_clear(strbuf *s)
{
    s->len = 0;
    if (s->data)
        s->data[0] = '\0';
}

/* Characters XML 1.0 allows and that draw as something: C0 controls other than tab, newline and carriage
 * return, DEL and the C1 controls, and the non-characters U+FFFE/U+FFFF become U+FFFD. */
static bool drawable(long cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' || cp == '\r';
    return !(cp >= 0x7F && cp <= 0x9F) && cp != 0xFFFE && cp != 0xFFFF;
}

/* s as valid UTF-8 of drawable characters; with one_line, each run of tabs and line breaks is one space. */
static void clean_text(strbuf *out, const char *s, bool one_line)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    bool in_space = false;
    while (n) {
        size_t used;
        long cp = utf8_decode(p, n, &used);
        bool space = one_line && (cp == '\t' || cp == '\n' || cp == '\r');
        if (space && !in_space)
            strbuf_putc(out, ' ');
        else if (!space && drawable(cp))
            strbuf_put(out, (const char *)p, used);
        else if (!space)
            strbuf_puts(out, REPLACEMENT_CHAR);
        in_space = space;
        p += used;
        n -= used;
    }
}

/* Marks that belong to the character before them (and the joiner that glues emoji): a cut never separates
 * them from their base. */
static bool extends_previous(long cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200D ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
}

/* Where to cut clean text s so that at most max - 1 characters remain before an "…"; SIZE_MAX when s
 * has at most max characters and needs no cut. */
static size_t cut_point(const char *s, size_t max)
{
    size_t offsets[CUT_MAX + 2], count = 0, i = 0, n = strlen(s);
    long cps[CUT_MAX + 2];
    if (max + 1 > sizeof offsets / sizeof offsets[0])
        max = sizeof offsets / sizeof offsets[0] - 1;
    while (i < n && count <= max) {
        size_t used;
        offsets[count] = i;
        cps[count++] = utf8_decode((const unsigned char *)s + i, n - i, &used);
        i += used;
    }
    if (count <= max && i >= n)
        return SIZE_MAX;
    size_t keep = max - 1; /* characters kept before the ellipsis */
    while (keep > 1 && (extends_previous(cps[keep]) || cps[keep - 1] == 0x200D))
        keep--;
    return offsets[keep];
}

/* Appends s[0..len) escaped for an HTML-like label. */
static void put_html_escaped(strbuf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '&': strbuf_puts(out, "&amp;"); break;
        case '<': strbuf_puts(out, "&lt;"); break;
        case '>': strbuf_puts(out, "&gt;"); break;
        case '"': strbuf_puts(out, "&quot;"); break;
        case '\'': strbuf_puts(out, "&#39;"); break;
        case '\\': strbuf_puts(out, "\\\\"); break;
        default: strbuf_putc(out, s[i]);
        }
    }
}

/* Appends user text s to an HTML-like label on one line, cut to max characters (0: never). Returns true
 * when it was cut. */
static bool put_html(strbuf *out, const char *s, size_t max)
{
    strbuf clean;
    strbuf_init(&clean);
    clean_text(&clean, s ? s : "", true);
    const char *c = strbuf_cstr(&clean);
    size_t cut = max ? cut_point(c, max) : SIZE_MAX;
    put_html_escaped(out, c, cut == SIZE_MAX ? clean.len : cut);
    if (cut != SIZE_MAX)
        strbuf_puts(out, ELLIPSIS);
    strbuf_free(&clean);
    return cut != SIZE_MAX;
}

/* Whether a line may break after character c when no space is at hand: after the separators of paths,
 * names and lists (`$.order.total`, `my_state-name`, `a,b`, `f(x)`). */
static bool breaks_after(char c)
{
    return c == '.' || c == '_' || c == '-' || c == ',' || c == ')' || c == '/' || c == ':';
}

/* Where the line that starts at c[start] ends, for at most width characters: at its last space, else
 * after its last separator (or before a `$`), else at width characters. */
static size_t line_end(const char *c, size_t n, size_t start, size_t width)
{
    size_t i = start, chars = 0, space = 0, soft = 0;
    while (i < n && chars < width) {
        size_t used;
        utf8_decode((const unsigned char *)c + i, n - i, &used);
        if (c[i] == ' ')
            space = i;
        else if (c[i] == '$' && i > start)
            soft = i;
        else if (breaks_after(c[i]))
            soft = i + used;
        i += used;
        chars++;
    }
    if (i >= n || c[i] == ' ')
        return i;
    return space > start ? space : soft > start ? soft : i;
}

/* Appends user text s to an HTML-like label in lines of at most width characters, broken at spaces (or
 * separators), and at most `lines` lines, the last cut with "…" when the text goes on. */
static void put_wrapped(strbuf *out, const char *s, size_t width, size_t lines)
{
    strbuf clean;
    strbuf_init(&clean);
    clean_text(&clean, s ? s : "", true);
    const char *c = strbuf_cstr(&clean);
    size_t n = clean.len, start = 0;
    for (size_t line = 0; line < lines && start < n; line++) {
        if (line + 1 == lines) {
            put_html(out, c + start, width);
            break;
        }
        size_t end = line_end(c, n, start, width);
        put_html_escaped(out, c + start, end - start);
        for (start = end; start < n && c[start] == ' '; start++)
            ;
        if (start < n)
            strbuf_puts(out, "<br/>");
    }
    strbuf_free(&clean);
}

/* How many lines of at most width characters line_end breaks clean text c[0..n) into. */
static size_t lines_needed(const char *c, size_t n, size_t width)
{
    size_t lines = 0;
    for (size_t start = 0; start < n; lines++) {
        start = line_end(c, n, start, width);
        while (start < n && c[start] == ' ')
            start++;
    }
    return lines;
}

/* Appends a state's name: on one line up to `width` characters; longer, over up to `lines` lines of about
 * equal length (a lone last word under a long line reads badly) when that shows it whole, else lines of
 * `width`; cut with "…" past them. An empty name shows as "" (Graphviz refuses an empty <b>). */
static void put_name_lines(strbuf *out, const char *name, size_t width, size_t lines)
{
    strbuf clean;
    strbuf_init(&clean);
    clean_text(&clean, name ? name : "", true);
    size_t chars = 0;
    for (size_t i = 0; i < clean.len; i++)
        chars += ((unsigned char)clean.data[i] & 0xC0) != 0x80;
    if (chars == 0)
        strbuf_puts(out, "&quot;&quot;");
    size_t fit = chars <= width ? width : (chars + lines - 1) / lines + 6;
    if (fit > width || lines_needed(strbuf_cstr(&clean), clean.len, fit) > lines)
        fit = width;
    strbuf_free(&clean);
    put_wrapped(out, name, fit, lines);
}

/* Appends user text s to a tooltip. */
static void put_tip(strbuf *out, const char *s)
{
    strbuf clean;
    strbuf_init(&clean);
    clean_text(&clean, s ? s : "", false);
    for (const char *p = strbuf_cstr(&clean); *p; p++) {
        if (*p == '\\')
            strbuf_puts(out, "\\\\\\\\");
        else if (*p == '&')
            strbuf_puts(out, "&amp;");
        else
            strbuf_putc(out, *p);
    }
    strbuf_free(&clean);
}

/* ---- Attributes ----------------------------------------------------------------------------------- */

typedef struct ghost {
    int scope;
    const char *name;
    Agnode_t *node;
} ghost;

typedef struct builder {
    const machine *m;
    const theme *t;
    bool lr;
    Agraph_t *g;
    Agraph_t **scope_graph; /* per scope, made on first use */
    Agraph_t **cluster;     /* per state: the box of a Parallel or Map, else NULL */
    Agnode_t **entry;       /* per state: where edges arrive and retries loop (for a Parallel its fork bar,
                               or with retriers an entry point above it; for a Map its entry point) */
    Agnode_t **fork;        /* per Parallel or Map: where its branches or processor start */
    Agnode_t **exit;        /* per state: where edges leave (join bar, exit point, or the node itself) */
    Agnode_t **start, **end;/* per scope: the top level's markers */
    int *catches_into;      /* per state: catch edges arriving */
    int *retries_on;        /* per state: its retriers */
    int *rules_out;         /* per state: its Choice rule and default edges as drawn (merged by target) */
    size_t *inside;         /* per top-level container, collapsed: the states it holds at any depth */
    int *rule_rep;          /* per edge: the first rule or default edge of its Choice to the same target */
    int *rule_group_next;   /* per edge: the next rule or default edge in that group, or -1 */
    int *retry_first;       /* per state: the edge index of its first retrier, or -1 */
    int *retry_next;        /* per edge: the next retrier of the same state, or -1 */
    bool *closes_loop;      /* per edge: it goes back to a state on the path that led to it */
    bool *own_end;          /* per state: a top-level terminal far above the End marker gets its own */
    int *depth, *height;    /* per state: its step down its scope, and the steps it takes (paths_depths) */
    int bottom;             /* the step of the top level's End marker */
    ghost *ghosts;
    size_t ghost_count, ghost_cap;
    strmap ghost_index;     /* (scope, name) -> index in ghosts */
    int refs;
    bool any_retry;
    bool compact;           /* short labels (DETAIL_COMPACT and beyond) */
    bool collapse;          /* containers drawn as one node, their insides left out */
    strbuf label, tip;
} builder;

static void set(void *obj, const char *name, const char *text)
{
    agsafeset(obj, (char *)name, (char *)text, "");
}

static void set_number(void *obj, const char *name, double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%g", v);
    set(obj, name, buf);
}

/* Sets an HTML-like attribute from the text in sb, and empties sb. */
static void set_html(builder *b, void *obj, const char *name, strbuf *sb)
{
    char *html = agstrdup_html(b->g, (char *)strbuf_cstr(sb));
    set(obj, name, html);
    agstrfree(b->g, html);
    sb_clear(sb);
}

/* Sets the tooltip from b->tip, and empties it. A final backslash would escape agwrite's closing quote. */
static void set_tip(builder *b, void *obj)
{
    if (b->tip.len && b->tip.data[b->tip.len - 1] == '\\')
        strbuf_putc(&b->tip, ' ');
    set(obj, "tooltip", strbuf_cstr(&b->tip));
    sb_clear(&b->tip);
}

/* The node `<prefix><n><suffix>` ("s3", "s3_join", "start0"). */
static Agnode_t *new_node(Agraph_t *g, const char *prefix, int n, const char *suffix)
{
    char id[ID_SIZE];
    snprintf(id, sizeof id, "%s%d%s", prefix, n, suffix);
    return agnode(g, id, 1);
}

/* ---- Graph ---------------------------------------------------------------------------------------- */

/* Declares the attributes clusters set with an empty default, so a cluster that does not set one inherits
 * nothing from the root's values (a root `label` would otherwise title every cluster); node and edge
 * defaults come from the theme. */
static void declare_attributes(builder *b)
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

static void set_graph_look(builder *b)
{
    const theme *t = b->t;
    set(b->g, "fontname", t->font_family);
    set_number(b->g, "fontsize", t->font_size);
    set(b->g, "bgcolor", t->background);
    set(b->g, "rankdir", b->lr ? "LR" : "TB");
    set(b->g, "nodesep", "0.5");
    /* left to right, retry labels sit above their state and need room along the ranks */
    set(b->g, "ranksep", b->lr && b->any_retry ? "0.8" : "0.45");
    set(b->g, "pad", "0.3");
    set(b->g, "compound", "true");
    set(b->g, "newrank", "true");
    set(b->g, "outputorder", "edgesfirst");
    set(b->g, "labelloc", "t");
    set(b->g, "labeljust", "l");
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
    const char *file = m->definition_file ? m->definition_file : m->file;
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
}

/* The graph's label: the title; a table, so an empty last row can keep it off the first node. */
static void add_title(builder *b)
{
    strbuf *l = &b->label;
    strbuf_puts(l, "<table border=\"0\" cellborder=\"0\" cellpadding=\"0\" cellspacing=\"0\">");
    put_title(b);
    strbuf_puts(l, "<tr><td height=\"10\"></td></tr></table>");
    set_html(b, b->g, "label", l);
}

/* The legend is a node of its own, tied by an invisible edge to the Start marker, so it sits on a rank
 * before it (above it; left to right, to its left): a table in a node keeps its own size, where one in the
 * title's table would be stretched to the title's width. */
static bool any_reference(const builder *b);

static void add_legend(builder *b, Agnode_t *start)
{
    Agnode_t *n = agnode(b->g, "legend0", 1);
    set(n, "class", "legend");
    set(n, "shape", "plain");
    set(n, "style", "");
    set(n, "tooltip", "Legend");
    legend_put(&b->label, b->t, b->m, b->collapse ? DETAIL_COLLAPSED : b->compact ? DETAIL_COMPACT : DETAIL_FULL,
               any_reference(b));
    set_html(b, n, "label", &b->label);
    Agedge_t *e = agedge(b->g, n, start, NULL, 1);
    set(e, "style", "invis");
    set(e, "weight", "0");
}

/* ---- Scopes and boxes ----------------------------------------------------------------------------- */

static bool valid_state(const builder *b, int i) { return i >= 0 && (size_t)i < b->m->state_count; }
static bool valid_scope(const builder *b, int i) { return i >= 0 && (size_t)i < b->m->scope_count; }

/* A Parallel or Map drawn as a box holding its scopes; collapsed, it is a node like any other. */
static bool is_container(const builder *b, int i)
{
    return !b->collapse && valid_state(b, i) &&
           (b->m->states[i].type == STATE_PARALLEL || b->m->states[i].type == STATE_MAP);
}

/* Collapsed, only the top level is drawn. */
static bool scope_drawn(const builder *b, int scope)
{
    return !b->collapse || workflow_scope_is_top(b->m, scope);
}

static void style_cluster(builder *b, Agraph_t *c, const theme_cluster *tc, const char *cls)
{
    char style[40];
    snprintf(style, sizeof style, "rounded,filled,%s", theme_line_name(tc->style));
    set(c, "style", style);
    set(c, "color", tc->border);
    set(c, "fillcolor", tc->fill);
    if (tc->text[0]) /* an unlabelled box (a branch) has no text colour */
        set(c, "fontcolor", tc->text);
    set_number(c, "penwidth", b->t->cluster_line);
    set_number(c, "fontsize", b->t->detail_size + 1);
    set(c, "labeljust", "l");
    set(c, "labelloc", "t");
    set(c, "class", cls);
}

static void put_cluster_name(builder *b, const wf_state *s, const theme_cluster *tc)
{
    strbuf_printf(&b->label, "<font color=\"%s\" point-size=\"%g\"><b>", tc->text, b->t->font_size - 1);
    put_name_lines(&b->label, s->name, LABEL_MAX, NAME_LINES);
    strbuf_printf(&b->label, "</b></font><br align=\"left\"/><font color=\"%s\" point-size=\"%g\">", tc->detail,
                  b->t->detail_size);
}

/* `Parallel · 3 branches` or `Map · INLINE`: what a box is, in its label or in a collapsed node's. */
static void put_container_kind(builder *b, const wf_state *s)
{
    if (s->type == STATE_PARALLEL)
        strbuf_printf(&b->label, "Parallel" SEP "%d branch%s", s->child_scope_count,
                      s->child_scope_count == 1 ? "" : "es");
    else
        strbuf_puts(&b->label, s->map.distributed ? "Map" SEP "DISTRIBUTED" : "Map" SEP "INLINE");
}

/* What a Map's box says after its kind: execution type, concurrency, reader or items, batching. */
static void put_map_facts(builder *b, const map_info *mi)
{
    strbuf *l = &b->label;
    if (mi->execution_type) {
        strbuf_puts(l, SEP);
        put_html(l, mi->execution_type, 12);
    }
    if (mi->max_concurrency > 0)
        strbuf_printf(l, SEP "max %lld concurrent", mi->max_concurrency);
    else if (mi->max_concurrency_path) {
        strbuf_puts(l, SEP "max ");
        put_html(l, mi->max_concurrency_path, 24);
        strbuf_puts(l, " concurrent");
    }
    if (mi->item_reader) {
        strbuf_puts(l, "<br align=\"left\"/>reads ");
        put_html(l, mi->item_reader, LABEL_MAX);
    } else if (mi->items_path) {
        strbuf_puts(l, "<br align=\"left\"/>items ");
        put_html(l, mi->items_path, LABEL_MAX);
    }
    if (mi->max_items_per_batch > 0)
        strbuf_printf(l, SEP "batches of %lld", mi->max_items_per_batch);
}

static void put_state_tip(builder *b, const wf_state *s);

/* A Parallel's fork or join bar, with a guessed length per branch until bars_fit measures. */
static Agnode_t *add_bar(builder *b, Agraph_t *c, int i, const char *suffix, const char *cls)
{
    const wf_state *s = &b->m->states[i];
    Agnode_t *n = new_node(c, "s", i, suffix);
    set(n, "class", cls);
    set(n, "shape", "plain");
    set(n, "color", b->t->bar);
    bar_cell *cells = sfn_calloc(2 * (size_t)s->child_scope_count + 1, sizeof *cells);
    size_t count = 0;
    cells[count++] = (bar_cell){-1, BAR_GUESS};
    for (int j = 0; j < s->child_scope_count; j++) {
        if (valid_scope(b, s->first_child_scope + j) && b->m->scopes[s->first_child_scope + j].state_count > 0) {
            cells[count++] = (bar_cell){j, BAR_PORT};
            cells[count++] = (bar_cell){-1, BAR_GUESS};
        }
    }
    bar_set_label(n, b->t->bar, b->lr, cells, count);
    free(cells);
    put_state_tip(b, s);
    set_tip(b, n);
    return n;
}

/* A small ring where edges enter or leave a box (a Map's, or a Parallel's with retriers). */
static Agnode_t *add_point(builder *b, Agraph_t *c, int i, const char *suffix, const char *cls)
{
    Agnode_t *n = new_node(c, "s", i, suffix);
    set(n, "label", "");
    set(n, "class", cls);
    set(n, "shape", "circle");
    set(n, "style", "filled");
    set(n, "color", b->t->bar);
    set(n, "fillcolor", b->t->map.fill);
    set(n, "fixedsize", "true");
    set(n, "width", "0.09");
    set(n, "height", "0.09");
    put_state_tip(b, &b->m->states[i]);
    set_tip(b, n);
    return n;
}

/* Retry loops cannot hang off a bar as wide as the box (their label would widen the box it measures), so
 * a Parallel with retriers is entered through a point above its fork bar, as a Map is. */
static void add_joints(builder *b, Agraph_t *c, int i)
{
    if (b->m->states[i].type == STATE_MAP) {
        b->entry[i] = b->fork[i] = add_point(b, c, i, "", "entry");
        b->exit[i] = add_point(b, c, i, "_exit", "exit");
        return;
    }
    if (b->retries_on[i] > 0) {
        b->entry[i] = add_point(b, c, i, "", "entry");
        b->fork[i] = add_bar(b, c, i, "_fork", "fork");
        Agedge_t *e = agedge(c, b->entry[i], b->fork[i], NULL, 1);
        set(e, "class", "fork");
        set(e, "arrowhead", "none");
        set(e, "weight", "8");
    } else {
        b->entry[i] = b->fork[i] = add_bar(b, c, i, "", "fork");
    }
    b->exit[i] = add_bar(b, c, i, "_join", "join");
}

static Agraph_t *scope_graph(builder *b, int scope, size_t depth);

/* The box of Parallel or Map state i, with its fork/join bars or entry/exit points; made on first use. */
static void put_retry_line(builder *b, int state, bool in_box);

static Agraph_t *container(builder *b, int i, size_t depth)
{
    if (b->cluster[i])
        return b->cluster[i];
    const wf_state *s = &b->m->states[i];
    bool par = s->type == STATE_PARALLEL;
    char name[ID_SIZE];
    snprintf(name, sizeof name, par ? "cluster_p%d" : "cluster_m%d", i);
    Agraph_t *c = agsubg(scope_graph(b, s->scope, depth + 1), name, 1);
    b->cluster[i] = c;
    const theme_cluster *tc = par ? &b->t->parallel : &b->t->map;
    style_cluster(b, c, tc, par ? "parallel" : "map");
    put_cluster_name(b, s, tc);
    put_container_kind(b, s);
    if (!par)
        put_map_facts(b, &s->map);
    strbuf_puts(&b->label, "</font><br align=\"left\"/>");
    if (b->compact && b->retry_first[i] >= 0)
        put_retry_line(b, i, true);
    set_html(b, c, "label", &b->label);
    put_state_tip(b, s);
    set_tip(b, c);
    add_joints(b, c, i);
    return c;
}

static Agraph_t *branch_cluster(builder *b, int parallel, int branch, Agraph_t *box)
{
    char name[ID_SIZE * 2];
    snprintf(name, sizeof name, "cluster_p%d_b%d", parallel, branch);
    Agraph_t *c = agsubg(box, name, 1);
    style_cluster(b, c, &b->t->branch, "branch");
    set(c, "label", "");
    strbuf_printf(&b->tip, "Branch %d of ", branch + 1);
    put_tip(&b->tip, b->m->states[parallel].name);
    set_tip(b, c);
    return c;
}

/* Which branch of its Parallel a scope is: cluster and port names use it. */
static int branch_index(const builder *b, int scope)
{
    const wf_scope *sc = &b->m->scopes[scope];
    return sc->branch >= 0 ? sc->branch : scope - b->m->states[sc->parent].first_child_scope;
}

/* The graph a scope's states go in: the root for the top level, a branch box, a Map box. */
static Agraph_t *scope_graph(builder *b, int scope, size_t depth)
{
    if (!valid_scope(b, scope))
        return b->g;
    if (b->scope_graph[scope])
        return b->scope_graph[scope];
    const wf_scope *sc = &b->m->scopes[scope];
    Agraph_t *g = b->g;
    if (is_container(b, sc->parent) && depth <= b->m->scope_count) {
        Agraph_t *box = container(b, sc->parent, depth);
        const wf_state *p = &b->m->states[sc->parent];
        g = p->type == STATE_PARALLEL ? branch_cluster(b, sc->parent, branch_index(b, scope), box) : box;
    }
    b->scope_graph[scope] = g;
    return g;
}

/* ---- States --------------------------------------------------------------------------------------- */

typedef struct state_look {
    const theme_box *box;
    const char *cls, *shape, *style;
} state_look;

static state_look look_of(const theme *t, state_type type)
{
    switch (type) {
    case STATE_TASK: return (state_look){&t->task, "task", "box", "rounded,filled"};
    case STATE_PASS: return (state_look){&t->pass, "pass", "box", "rounded,filled"};
    case STATE_CHOICE: return (state_look){&t->choice, "choice", "diamond", "filled"};
    case STATE_WAIT: return (state_look){&t->wait, "wait", "box", "rounded,filled"};
    case STATE_SUCCEED: return (state_look){&t->succeed, "succeed", "box", "rounded,filled"};
    case STATE_FAIL: return (state_look){&t->fail, "fail", "box", "rounded,filled"};
    case STATE_PARALLEL: return (state_look){&t->unknown, "parallel", "box", "filled"};
    case STATE_MAP: return (state_look){&t->unknown, "map", "box", "filled"};
    case STATE_UNKNOWN: break;
    }
    return (state_look){&t->unknown, "unknown", "box", "filled"};
}

static const char *type_text(const wf_state *s)
{
    if (s->type_text)
        return s->type_text;
    return s->type == STATE_UNKNOWN ? "no Type" : state_type_name(s->type);
}

static void open_detail(builder *b, const char *colour)
{
    strbuf_printf(&b->label, "<br/><font point-size=\"%g\" color=\"%s\">", b->t->detail_size, colour);
}

/* `λ Fn`, `ecs:runTask` with its pattern (`.sync`, `.waitForTaskToken`) in bold. */
static void put_resource(builder *b, const resource *r, const char *colour)
{
    const char *text = r->text ? r->text : r->name ? r->name : r->raw;
    if (r->kind == RESOURCE_NONE || !text)
        return;
    size_t tl = strlen(text), pl = r->pattern ? strlen(r->pattern) : 0;
    char *shown = malloc(tl + 1);
    if (!shown)
        sfn_oom();
    memcpy(shown, text, tl + 1);
    if (pl && tl > pl && strcmp(text + tl - pl, r->pattern) == 0) {
        size_t cut = tl - pl;
        while (cut > 0 && shown[cut - 1] == ' ')
            cut--;
        shown[cut] = '\0';
    }
    open_detail(b, colour);
    put_html(&b->label, shown, LABEL_MAX);
    if (pl) {
        strbuf_puts(&b->label, " <b>");
        put_html(&b->label, r->pattern, 24);
        strbuf_puts(&b->label, "</b>");
    }
    strbuf_puts(&b->label, "</font>");
    free(shown);
}

static void put_detail_text(builder *b, const char *colour, const char *prefix, const char *text)
{
    open_detail(b, colour);
    strbuf_puts(&b->label, prefix);
    put_html(&b->label, text, LABEL_MAX);
    strbuf_puts(&b->label, "</font>");
}

static void put_wait(builder *b, const wf_state *s, const char *colour)
{
    if (!s->wait_text)
        return;
    bool until = strncmp(s->wait_text, "until ", 6) == 0;
    put_detail_text(b, colour, until ? "" : "wait ", s->wait_text);
}

/* Error and Cause on one line when they fit, else one line each. */
static void put_failure(builder *b, const wf_state *s, const char *colour)
{
    const char *e = s->fail_error, *c = s->fail_cause;
    if (e && c && strlen(e) + strlen(c) + 2 <= LABEL_MAX) {
        open_detail(b, colour);
        put_html(&b->label, e, 0);
        strbuf_puts(&b->label, ": ");
        put_html(&b->label, c, 0);
        strbuf_puts(&b->label, "</font>");
        return;
    }
    if (e)
        put_detail_text(b, colour, "", e);
    if (c)
        put_detail_text(b, colour, "", c);
}

/* Compact, a state's retries are a line of its own label, `↻ ×3` (`↻ ×3 +1` with more retriers), rather
 * than a label on its loop: any edge label makes dot double every rank. */
static void put_retry_line(builder *b, int state, bool in_box)
{
    int more = b->retries_on[state] - 1, shown = -1;
    for (int i = b->retry_first[state]; i >= 0 && shown < 0; i = b->retry_next[i])
        if (b->m->edges[i].max_attempts > 0)
            shown = i; /* the first retrier that retries: MaxAttempts 0 never does */
    if (!in_box)
        strbuf_puts(&b->label, "<br/>");
    strbuf_printf(&b->label, "<font point-size=\"%g\" color=\"%s\">", b->t->detail_size, b->t->retry_edge.text);
    if (shown < 0)
        strbuf_puts(&b->label, "no retry");
    else
        strbuf_printf(&b->label, RETRY_SIGN " " TIMES_SIGN "%lld", b->m->edges[shown].max_attempts);
    if (more > 0)
        strbuf_printf(&b->label, " +%d", more);
    strbuf_puts(&b->label, in_box ? "</font><br align=\"left\"/>" : "</font>");
}

static void put_state_label(builder *b, const wf_state *s, const theme_box *box)
{
    strbuf_puts(&b->label, "<b>");
    /* A diamond grows with both sides of its label: Choice names wrap narrower, over more lines. */
    if (s->type == STATE_CHOICE)
        put_name_lines(&b->label, s->name, CHOICE_NAME_WIDTH, CHOICE_NAME_LINES);
    else
        put_name_lines(&b->label, s->name, LABEL_MAX, NAME_LINES);
    strbuf_puts(&b->label, "</b>");
    switch (s->type) {
    case STATE_TASK: put_resource(b, &s->res, box->detail); break;
    case STATE_WAIT: put_wait(b, s, box->detail); break;
    case STATE_FAIL: put_failure(b, s, box->detail); break;
    case STATE_UNKNOWN:
        put_detail_text(b, box->detail, s->type_text ? "Type: " : "no Type", s->type_text ? s->type_text : "");
        break;
    default: break;
    }
    int i = (int)(s - b->m->states);
    if (b->compact && b->retry_first[i] >= 0)
        put_retry_line(b, i, false);
}

static void put_tip_line(builder *b, const char *what, const char *text)
{
    if (!text)
        return;
    strbuf_printf(&b->tip, "\n%s: ", what);
    put_tip(&b->tip, text);
}

/* `Name (Type)` and what the label may have cut: resource, wait, error, cause, comment. */
static void put_state_tip(builder *b, const wf_state *s)
{
    put_tip(&b->tip, s->name);
    strbuf_puts(&b->tip, " (");
    put_tip(&b->tip, type_text(s));
    strbuf_puts(&b->tip, ")");
    if (s->type == STATE_TASK)
        put_tip_line(b, "Resource", s->res.raw ? s->res.raw : s->res.text);
    put_tip_line(b, "Wait", s->wait_text);
    put_tip_line(b, "Error", s->fail_error);
    put_tip_line(b, "Cause", s->fail_cause);
    if (s->type == STATE_MAP) {
        put_tip_line(b, "ItemReader", s->map.item_reader);
        put_tip_line(b, "Items", s->map.items_path);
        put_tip_line(b, "ToleratedFailure", s->map.tolerated_failure);
        put_tip_line(b, "Label", s->map.label);
    }
    put_tip_line(b, "Comment", s->comment);
}

/* For each top-level Parallel or Map, the states it holds at any depth (b->inside), in one pass: each scope's
 * top-level container is its parent's, or its parent when that is at the top level, memoised per scope. */
static void count_inside(builder *b)
{
    const machine *m = b->m;
    int *top = sfn_calloc(m->scope_count, sizeof *top); /* 0 unknown, else container + 1 (or -1: none) */
    int *path = sfn_calloc(m->scope_count, sizeof *path);
    for (size_t sc = 0; sc < m->scope_count; sc++) {
        size_t depth = 0;
        int at = (int)sc, found = -1;
        while (valid_scope(b, at) && top[at] == 0 && depth < m->scope_count) {
            int parent = m->scopes[at].parent;
            if (!valid_state(b, parent)) {
                top[at] = -1; /* the top level itself */
                break;
            }
            int up = m->states[parent].scope;
            if (workflow_scope_is_top(m, up)) {
                top[at] = parent + 1;
                break;
            }
            path[depth++] = at;
            at = up;
        }
        found = valid_scope(b, at) ? top[at] : -1;
        while (depth)
            top[path[--depth]] = found;
    }
    for (size_t i = 0; i < m->state_count; i++) {
        int sc = m->states[i].scope;
        if (valid_scope(b, sc) && top[sc] > 0)
            b->inside[top[sc] - 1]++;
    }
    free(top);
    free(path);
}

/* A collapsed Parallel or Map: a node in its box's colours and line, named, with what it holds. */
static void add_collapsed(builder *b, int i, Agnode_t *n)
{
    const wf_state *s = &b->m->states[i];
    bool par = s->type == STATE_PARALLEL;
    const theme_cluster *tc = par ? &b->t->parallel : &b->t->map;
    char style[48];
    snprintf(style, sizeof style, "rounded,filled,%s", theme_line_name(tc->style));
    set(n, "class", par ? "parallel collapsed" : "map collapsed");
    set(n, "style", style);
    set(n, "fillcolor", tc->fill);
    set(n, "color", tc->border);
    set(n, "fontcolor", tc->text);
    strbuf_puts(&b->label, "<b>");
    put_name_lines(&b->label, s->name, LABEL_MAX, NAME_LINES);
    strbuf_printf(&b->label, "</b><br/><font point-size=\"%g\" color=\"%s\">", b->t->detail_size, tc->detail);
    put_container_kind(b, s);
    strbuf_printf(&b->label, SEP "%zu states inside</font>", b->inside[i]);
    if (b->retry_first[i] >= 0)
        put_retry_line(b, i, false);
    set_html(b, n, "label", &b->label);
    put_state_tip(b, s);
    set_tip(b, n);
}

static void add_state(builder *b, int i)
{
    const wf_state *s = &b->m->states[i];
    if (is_container(b, i)) {
        container(b, i, 0);
        return;
    }
    if (!scope_drawn(b, s->scope))
        return;
    if (b->collapse && (s->type == STATE_PARALLEL || s->type == STATE_MAP)) {
        Agnode_t *n = new_node(scope_graph(b, s->scope, 0), "s", i, "");
        b->entry[i] = b->exit[i] = n;
        add_collapsed(b, i, n);
        return;
    }
    Agnode_t *n = new_node(scope_graph(b, s->scope, 0), "s", i, "");
    b->entry[i] = b->exit[i] = n;
    state_look look = look_of(b->t, s->type);
    set(n, "class", look.cls);
    if (strcmp(look.shape, "box") != 0)
        set(n, "shape", look.shape);
    if (strcmp(look.style, "rounded,filled") != 0)
        set(n, "style", look.style);
    if (s->type == STATE_CHOICE)
        set(n, "margin", "0.06,0.04");
    set(n, "fillcolor", look.box->fill);
    set(n, "color", look.box->border);
    set(n, "fontcolor", look.box->text);
    put_state_label(b, s, look.box);
    set_html(b, n, "label", &b->label);
    put_state_tip(b, s);
    set_tip(b, n);
}

/* ---- Markers and ghosts --------------------------------------------------------------------------- */

static Agnode_t *add_marker(builder *b, const char *prefix, int scope, const char *suffix, const char *text,
                            const char *cls)
{
    Agnode_t *n = new_node(b->g, prefix, scope, suffix);
    set(n, "label", text);
    set(n, "class", cls);
    set(n, "fillcolor", b->t->marker.fill);
    set(n, "color", b->t->marker.border);
    set(n, "fontcolor", b->t->marker.text);
    set_number(n, "fontsize", b->t->detail_size + 1);
    set(n, "width", "0.8");
    set(n, "height", "0.3");
    return n;
}

/* Where a scope starts: the top level's Start marker, a Parallel's fork bar, a Map's entry point. */
static Agnode_t *scope_start(builder *b, int scope)
{
    if (!valid_scope(b, scope))
        return NULL;
    int parent = b->m->scopes[scope].parent;
    if (is_container(b, parent))
        return container(b, parent, 0), b->fork[parent];
    if (!b->start[scope])
        b->start[scope] = add_marker(b, "start", scope, "", "Start", "start");
    return b->start[scope];
}

/* Where state `from` ends its scope: the join bar or exit point of the box around it, the top level's End
 * marker, or an End marker of its own (find_far_ends). */
static Agnode_t *scope_end(builder *b, int scope, int from)
{
    if (!valid_scope(b, scope))
        return NULL;
    int parent = b->m->scopes[scope].parent;
    if (is_container(b, parent))
        return container(b, parent, 0), b->exit[parent];
    if (valid_state(b, from) && b->own_end[from]) {
        char suffix[ID_SIZE];
        snprintf(suffix, sizeof suffix, "_s%d", from);
        return add_marker(b, "end", scope, suffix, "End", "end");
    }
    if (!b->end[scope])
        b->end[scope] = add_marker(b, "end", scope, "", "End", "end");
    return b->end[scope];
}

/* A dashed stand-in for a target that does not exist; one per name and scope. */
static Agnode_t *ghost_node(builder *b, int scope, const char *name)
{
    name = name ? name : "?";
    int known = strmap_put(&b->ghost_index, scope, name, (int)b->ghost_count);
    if (known != (int)b->ghost_count)
        return b->ghosts[known].node;
    Agnode_t *n = new_node(scope_graph(b, scope, 0), "missing", (int)b->ghost_count, "");
    const theme_box *box = &b->t->missing;
    set(n, "class", "missing");
    set(n, "style", "rounded,filled,dashed");
    set(n, "fillcolor", box->fill);
    set(n, "color", box->border);
    set(n, "fontcolor", box->text);
    strbuf_printf(&b->label, "<font color=\"%s\"><i>missing:</i></font> ", box->detail);
    put_html(&b->label, name, LABEL_MAX);
    set_html(b, n, "label", &b->label);
    strbuf_puts(&b->tip, "No state named ");
    put_tip(&b->tip, name);
    strbuf_puts(&b->tip, " in this scope");
    set_tip(b, n);
    b->ghosts = sfn_grow(b->ghosts, &b->ghost_cap, b->ghost_count + 1, sizeof *b->ghosts);
    b->ghosts[b->ghost_count++] = (ghost){scope, name, n};
    return n;
}

/* A small reference to a state ("→ Name") that an edge goes to instead of the state itself
 * (goes_to_reference). */
static Agnode_t *target_ref(builder *b, int scope, int target)
{
    const wf_state *s = &b->m->states[target];
    Agnode_t *n = new_node(scope_graph(b, scope, 0), "ref", b->refs++, "");
    state_look look = look_of(b->t, s->type);
    set(n, "class", "ref");
    set(n, "style", "rounded,filled");
    set(n, "fillcolor", look.box->fill);
    set(n, "color", look.box->border);
    set(n, "fontcolor", look.box->text);
    set_number(n, "fontsize", b->t->detail_size);
    set(n, "margin", "0.08,0.03");
    strbuf_puts(&b->label, ARROW_SIGN " ");
    put_html(&b->label, s->name, LABEL_MAX);
    set_html(b, n, "label", &b->label);
    strbuf_puts(&b->tip, "Goes to ");
    put_tip(&b->tip, s->name);
    set_tip(b, n);
    return n;
}

/* ---- Edges ---------------------------------------------------------------------------------------- */

static bool is_rule(const wf_edge *e)
{
    return e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT;
}

/* The name a rule's target goes by, for grouping; NULL when it has none (never grouped). */
static const char *rule_target_key(const machine *m, const wf_edge *e)
{
    if (e->to_name)
        return e->to_name;
    return e->to >= 0 && (size_t)e->to < m->state_count ? m->states[e->to].name : NULL;
}

/* rep[i]: for each rule or default edge i, the first edge of its Choice to the same target (itself when it
 * is the first); i for every other edge. One hash lookup per edge. */
static void group_rules(const machine *m, int *rep)
{
    strmap targets;
    strmap_init(&targets);
    for (size_t i = 0; i < m->edge_count; i++) {
        const wf_edge *e = &m->edges[i];
        const char *key = is_rule(e) && e->from >= 0 ? rule_target_key(m, e) : NULL;
        rep[i] = key ? strmap_put(&targets, e->from, key, (int)i) : (int)i;
    }
    strmap_free(&targets);
}

/* The first rule or default edge of e's Choice that goes where e goes: the one that draws them all. */
static int first_to_same_target(const builder *b, int e)
{
    return b->rule_rep[e];
}

static const theme_edge *edge_theme(const theme *t, edge_kind k)
{
    switch (k) {
    case EDGE_CHOICE: return &t->choice_edge;
    case EDGE_DEFAULT: return &t->default_edge;
    case EDGE_CATCH: return &t->catch_edge;
    case EDGE_RETRY: return &t->retry_edge;
    default: return &t->next;
    }
}

static const char *edge_class(edge_kind k) { return edge_kind_name(k); }

/* The step below state i where what follows it starts. */
static int below(const builder *b, int i)
{
    return b->depth[i] + b->height[i];
}

/* How many steps edge e runs down (or, closing a loop, up) its scope, as dot will rank it: at least 1. */
static int edge_steps(const builder *b, const wf_edge *e)
{
    int steps = 1;
    if (e->kind == EDGE_END && valid_state(b, e->from) && valid_scope(b, e->scope)) {
        int parent = b->m->scopes[e->scope].parent;
        int end = is_container(b, parent) ? b->height[parent] - 2 /* the join bar or exit point */
                  : b->own_end[e->from]   ? below(b, e->from)
                                          : b->bottom;
        steps = end - below(b, e->from) + 1;
    } else if (paths_links_states(b->m, e)) {
        steps = b->depth[e->to] - below(b, e->from) + 1;
        steps = steps < 0 ? -steps : steps;
    }
    return steps < 1 ? 1 : steps;
}

/* Edges that go to a small reference to their target (target_ref) instead of the target itself: each
 * catch edge into a handler many share (dot's layout time explodes when hundreds of edges converge on one
 * node: design.md, measured), and in a compact or collapsed diagram, a transition running more than
 * FAR_STEPS steps up or down (each step a node more for dot to place; a line across a large diagram is
 * hard to follow anyway, a named reference is not). */
static bool goes_to_reference(const builder *b, const wf_edge *e)
{
    if (!paths_links_states(b->m, e) || e->kind == EDGE_START || e->kind == EDGE_END)
        return false;
    if (e->kind == EDGE_CATCH && b->catches_into[e->to] >= SHARED_CATCH_MIN)
        return true;
    return b->compact && edge_steps(b, e) > FAR_STEPS;
}

static bool any_reference(const builder *b)
{
    for (size_t i = 0; i < b->m->edge_count; i++)
        if (scope_drawn(b, b->m->edges[i].scope) && goes_to_reference(b, &b->m->edges[i]))
            return true;
    return false;
}

static Agnode_t *edge_tail(builder *b, const wf_edge *e)
{
    if (e->kind == EDGE_START)
        return scope_start(b, e->scope);
    if (!valid_state(b, e->from))
        return NULL;
    return e->kind == EDGE_RETRY ? b->entry[e->from] : b->exit[e->from];
}

static Agnode_t *edge_head(builder *b, const wf_edge *e)
{
    if (e->kind == EDGE_RETRY)
        return valid_state(b, e->from) ? b->entry[e->from] : NULL;
    if (e->kind == EDGE_END)
        return scope_end(b, e->scope, e->from);
    if (!valid_state(b, e->to))
        return ghost_node(b, e->scope, e->to_name);
    if (goes_to_reference(b, e))
        return target_ref(b, e->scope, e->to);
    return b->entry[e->to];
}

/* The graph an edge is declared in: where both its ends live (a child scope's start and end edges touch
 * the fork/join or entry/exit of the box around it). */
static Agraph_t *edge_graph(builder *b, const wf_edge *e)
{
    if (valid_scope(b, e->scope) && (e->kind == EDGE_START || e->kind == EDGE_END)) {
        int parent = b->m->scopes[e->scope].parent;
        if (is_container(b, parent))
            return b->cluster[parent];
    }
    return scope_graph(b, e->scope, 0);
}

static size_t error_rows(const wf_edge *e)
{
    return e->error_count < ERRORS_SHOWN ? e->error_count : ERRORS_SHOWN + (e->error_count > ERRORS_SHOWN);
}

static void put_error_rows(builder *b, const wf_edge *e)
{
    for (size_t i = 0; i < e->error_count && i < ERRORS_SHOWN; i++) {
        strbuf_printf(&b->label, "<tr><td align=\"left\"><font point-size=\"%g\">", b->t->small_size);
        put_html(&b->label, e->errors[i], b->lr ? LR_LOOP_MAX : LABEL_MAX);
        strbuf_puts(&b->label, "</font></td></tr>");
    }
    if (e->error_count > ERRORS_SHOWN)
        strbuf_printf(&b->label, "<tr><td align=\"left\"><font point-size=\"%g\">+%zu more</font></td></tr>",
                      b->t->small_size, e->error_count - ERRORS_SHOWN);
}

static void open_table(builder *b)
{
    strbuf_puts(&b->label, "<table border=\"0\" cellborder=\"0\" cellpadding=\"1\" cellspacing=\"0\">");
}

/* One retrier's rows: `↻ retry ×3 · 2 s · backoff ×2.0 · max 30 s · jitter FULL` (or `no retry` for
 * MaxAttempts 0: its errors are never retried), then its errors, one per row. Left to right, loops sit above
 * their state and dot reserves no room along the ranks, so the label is narrower there: its first line is
 * broken in two. `lead` and `trail` go before and after its first row's text (the label's spacer cells). */
static void put_retrier(builder *b, const wf_edge *e, const char *lead, const char *trail)
{
    strbuf *l = &b->label;
    const char *sep = b->lr ? "<br/>" : SEP;
    strbuf_printf(l, "<tr>%s<td align=\"left\" balign=\"left\">", lead);
    if (e->max_attempts == 0) {
        strbuf_puts(l, "<b>no retry</b>" SEP "MaxAttempts 0");
    } else {
        strbuf_printf(l, "<b>" RETRY_SIGN " retry " TIMES_SIGN "%lld</b>" SEP "%lld s%sbackoff " TIMES_SIGN,
                      e->max_attempts, e->interval_seconds, sep);
        strbuf_put_shortest(l, e->backoff_rate);
        if (e->max_delay_seconds >= 0)
            strbuf_printf(l, SEP "max %lld s", e->max_delay_seconds);
        if (e->jitter) {
            strbuf_puts(l, e->max_delay_seconds >= 0 ? sep : SEP);
            strbuf_puts(l, "jitter ");
            put_html(l, e->jitter, 12);
        }
    }
    strbuf_printf(l, "</td>%s</tr>", trail);
    put_error_rows(b, e);
}

/* Every retrier of a state on its one loop, in order, each block under the one before: a loop per retrier
 * would draw each outer loop through the inner one's label. Empty cells left and right keep the text off
 * the loop and inside boxes: dot reserves room for a self-loop's label but not for the loop in front of
 * it. */
static void retry_label(builder *b, int first)
{
    size_t rows = 0;
    int count = 0;
    for (int i = first; i >= 0 && count < RETRIERS_SHOWN; i = b->retry_next[i], count++)
        rows += 1 + error_rows(&b->m->edges[i]) + (i != first);
    int more = b->retries_on[b->m->edges[first].from] - RETRIERS_SHOWN;
    rows += more > 0;
    char lead[64], trail[64];
    snprintf(lead, sizeof lead, "<td rowspan=\"%zu\" width=\"4\"></td>", rows);
    snprintf(trail, sizeof trail, "<td rowspan=\"%zu\" width=\"14\"></td>", rows);
    open_table(b);
    int shown = 0;
    for (int i = first; i >= 0 && shown < RETRIERS_SHOWN; i = b->retry_next[i], shown++) {
        if (i != first)
            strbuf_puts(&b->label, "<tr><td height=\"4\"></td></tr>");
        put_retrier(b, &b->m->edges[i], i == first ? lead : "", i == first ? trail : "");
    }
    if (more > 0)
        strbuf_printf(&b->label, "<tr><td align=\"left\">+%d more retriers</td></tr>", more);
    strbuf_puts(&b->label, "</table>");
}

static void put_errors_tip(builder *b, const wf_edge *e)
{
    for (size_t i = 0; i < e->error_count; i++) {
        strbuf_puts(&b->tip, i ? ", " : "");
        put_tip(&b->tip, e->errors[i]);
    }
    if (!e->error_count && e->label)
        put_tip(&b->tip, e->label);
}

static void put_retrier_tip(builder *b, const wf_edge *e)
{
    strbuf_printf(&b->tip, "Retry %d: ", e->index + 1);
    put_errors_tip(b, e);
    strbuf_printf(&b->tip, "\nMaxAttempts %lld, IntervalSeconds %lld, BackoffRate ", e->max_attempts,
                  e->interval_seconds);
    strbuf_put_shortest(&b->tip, e->backoff_rate);
    if (e->max_delay_seconds >= 0)
        strbuf_printf(&b->tip, ", MaxDelaySeconds %lld", e->max_delay_seconds);
    if (e->jitter) {
        strbuf_puts(&b->tip, ", JitterStrategy ");
        put_tip(&b->tip, e->jitter);
    }
}

/* Each retrier of the state, in order, a line or two each. */
static void retry_tip(builder *b, int first)
{
    for (int i = first; i >= 0; i = b->retry_next[i]) {
        if (i != first)
            strbuf_putc(&b->tip, '\n');
        put_retrier_tip(b, &b->m->edges[i]);
    }
}

/* `catch States.ALL` on one line; several errors under a `catch` heading. */
static void catch_label(builder *b, const wf_edge *e)
{
    strbuf *l = &b->label;
    open_table(b);
    if (e->error_count == 1) {
        strbuf_puts(l, "<tr><td align=\"left\">catch ");
        put_html(l, e->errors[0], LABEL_MAX);
        strbuf_puts(l, "</td></tr>");
    } else {
        strbuf_puts(l, "<tr><td align=\"left\">catch</td></tr>");
        if (e->error_count)
            put_error_rows(b, e);
        else if (e->label) {
            strbuf_puts(l, "<tr><td align=\"left\">");
            put_html(l, e->label, LABEL_MAX);
            strbuf_puts(l, "</td></tr>");
        }
    }
    strbuf_puts(l, "</table>");
}

static void target_tip(builder *b, const wf_edge *e)
{
    strbuf_puts(&b->tip, " " ARROW_SIGN " ");
    put_tip(&b->tip, valid_state(b, e->to) ? b->m->states[e->to].name : e->to_name);
}

/* A Choice rule or "default"; long rules wrap over a few lines rather than widen the graph. */
static void put_rule_row(builder *b, const wf_edge *e)
{
    strbuf_puts(&b->label, "<tr><td align=\"left\" balign=\"left\">");
    if (e->kind == EDGE_DEFAULT)
        strbuf_puts(&b->label, "default");
    else
        put_wrapped(&b->label, e->label ? e->label : "rule", RULE_WIDTH, b->compact ? 1 : RULE_LINES);
    strbuf_puts(&b->label, "</td></tr>");
}

static void put_rule_tip(builder *b, const wf_edge *e)
{
    if (e->kind == EDGE_DEFAULT) {
        strbuf_puts(&b->tip, "Default");
    } else {
        strbuf_printf(&b->tip, "Rule %d: ", e->index + 1);
        put_tip(&b->tip, e->label ? e->label : "");
    }
}

/* Every rule (and the default) of a Choice that goes to the same state, on one edge, each under the one
 * before with "or" between them: parallel edges with a label each would cross and crowd. */
static void rules_label(builder *b, int first)
{
    const wf_edge *e = &b->m->edges[first];
    open_table(b);
    int shown = 0, more = 0;
    for (int i = first; i >= 0; i = b->rule_group_next[i]) {
        const wf_edge *r = &b->m->edges[i];
        if (i != first)
            strbuf_putc(&b->tip, '\n');
        put_rule_tip(b, r);
        if (shown == RULES_SHOWN) { /* the tooltip has them all */
            more++;
            continue;
        }
        if (i != first)
            strbuf_printf(&b->label, "<tr><td align=\"left\"><font point-size=\"%g\"><i>or</i></font></td></tr>",
                          b->t->small_size);
        put_rule_row(b, r);
        shown++;
    }
    if (more)
        strbuf_printf(&b->label, "<tr><td align=\"left\"><font point-size=\"%g\"><i>or %d more</i></font></td></tr>",
                      b->t->small_size, more);
    strbuf_puts(&b->label, "</table>");
    target_tip(b, e);
}


/* Label and tooltip by kind; plain next, start and end edges have neither. */
static void label_edge(builder *b, Agedge_t *ge, const wf_edge *e)
{
    switch (e->kind) {
    case EDGE_CHOICE:
    case EDGE_DEFAULT: rules_label(b, (int)(e - b->m->edges)); break;
    case EDGE_CATCH:
        catch_label(b, e);
        strbuf_printf(&b->tip, "Catch %d: ", e->index + 1);
        put_errors_tip(b, e);
        target_tip(b, e);
        break;
    case EDGE_RETRY:
        retry_label(b, (int)(e - b->m->edges));
        retry_tip(b, (int)(e - b->m->edges));
        break;
    default: return;
    }
    /* Compact, no edge has a label, since any label makes dot double every rank (and the layout time with
     * it): retries are a line in their state's label, catch and default edges are told by their line style
     * (the tooltip keeps the errors), and Choice rules are external labels, placed after the layout. */
    if (!b->compact)
        set_html(b, ge, "label", &b->label);
    else if (e->kind == EDGE_CHOICE)
        set_html(b, ge, "xlabel", &b->label);
    else
        sb_clear(&b->label);
    set_tip(b, ge);
    if (b->compact)
        return;
    /* Three or more rules fan out from a Choice and their edges run steep: each label gets a leader line
     * to its edge, or it may read as the neighbour's. */
    if ((e->kind == EDGE_CHOICE || e->kind == EDGE_DEFAULT) && b->rules_out[e->from] >= FAN_OUT_DECORATE)
        set(ge, "decorate", "true");
}

static void style_edge(builder *b, Agedge_t *ge, const wf_edge *e)
{
    const theme_edge *te = edge_theme(b->t, e->kind);
    set(ge, "class", edge_class(e->kind));
    if (te != &b->t->next || strcmp(te->color, b->t->next.color) != 0)
        set(ge, "color", te->color);
    if (strcmp(te->text, b->t->next.text) != 0)
        set(ge, "fontcolor", te->text);
    if (te->style != THEME_SOLID)
        set(ge, "style", theme_line_name(te->style));
    /* The Next chain runs straight down, as in the console, rather than drifting aside for retry labels
     * and catch edges (5: measured on the corpus, enough to straighten chains; more squeezes branches). */
    if (e->kind == EDGE_NEXT && !b->closes_loop[e - b->m->edges])
        set(ge, "weight", "5");
}

/* Edges leave a Parallel or Map from its box, and enter it at its box, rather than at the bar or point. */
static void attach_to_boxes(builder *b, Agedge_t *ge, const wf_edge *e, Agnode_t *head)
{
    if (e->kind == EDGE_RETRY || (e->from == e->to && e->kind != EDGE_START && e->kind != EDGE_END))
        return;
    if (e->kind != EDGE_START && is_container(b, e->from))
        set(ge, "ltail", agnameof(b->cluster[e->from]));
    if (e->kind != EDGE_END && is_container(b, e->to) && head == b->entry[e->to])
        set(ge, "lhead", agnameof(b->cluster[e->to]));
}

/* Sets a port of a branch's part of a bar: `b<j>:s`. */
static void set_bar_port(builder *b, Agedge_t *ge, const char *attr, int scope, const char *side)
{
    const wf_state *p = &b->m->states[b->m->scopes[scope].parent];
    if (p->type != STATE_PARALLEL)
        return;
    char port[ID_SIZE];
    snprintf(port, sizeof port, "b%d:%s", branch_index(b, scope), side);
    set(ge, attr, port);
}

/* Inside a box: edges from the fork or entry are short and pull their state under it; edges into the
 * join or exit end without an arrowhead, since the bar itself says "all arrive here". */
static void style_joints(builder *b, Agedge_t *ge, const wf_edge *e)
{
    if (!valid_scope(b, e->scope) || !is_container(b, b->m->scopes[e->scope].parent))
        return;
    if (e->kind == EDGE_START) {
        set(ge, "arrowsize", "0.5");
        set(ge, "weight", "4");
        set_bar_port(b, ge, "tailport", e->scope, b->lr ? "e" : "s");
    } else if (e->kind == EDGE_END) {
        set(ge, "arrowhead", "none");
        set_bar_port(b, ge, "headport", e->scope, b->lr ? "w" : "n");
    }
}

/* Whether the tail of a (non-retry) edge carries retry loops: a state's own node, or a Map's entry point. */
static bool tail_has_loops(const builder *b, const wf_edge *e)
{
    if (e->kind == EDGE_START) {
        int parent = valid_scope(b, e->scope) ? b->m->scopes[e->scope].parent : -1;
        return is_container(b, parent) && b->m->states[parent].type == STATE_MAP && b->retries_on[parent] > 0;
    }
    return valid_state(b, e->from) && b->retries_on[e->from] > 0 && !is_container(b, e->from);
}

/* A state with retry loops has their labels beside it: its other edges leave from the bottom (or, left to
 * right, the far side), so they do not run through that text. Left to right, the labels sit above their
 * loops and dot leaves no room for them along the ranks: two looped nodes in a row get a rank apart. */
static void keep_clear_of_retries(builder *b, Agedge_t *ge, const wf_edge *e)
{
    if (e->kind == EDGE_RETRY || !tail_has_loops(b, e))
        return;
    if (e->kind != EDGE_START)
        set(ge, "tailport", b->lr ? "e" : "s");
    if (b->lr && e->kind != EDGE_END && valid_state(b, e->to) && b->retries_on[e->to] > 0)
        set(ge, "minlen", "2");
}

/* Edges into a state with retry loops arrive at its top (left to right, its near side), not at the side
 * where its loop and label are. Not an edge that closes a loop: it comes from below, and would hook round
 * the state to reach its top. */
static void arrive_clear_of_retries(builder *b, Agedge_t *ge, const wf_edge *e, Agnode_t *head)
{
    if (e->kind == EDGE_RETRY || e->kind == EDGE_END || !valid_state(b, e->to) || is_container(b, e->to))
        return;
    if (b->retries_on[e->to] == 0 || head != b->entry[e->to] || b->closes_loop[e - b->m->edges])
        return;
    set(ge, "headport", b->lr ? "w" : "n");
}

static void add_edge(builder *b, const wf_edge *e)
{
    if (!scope_drawn(b, e->scope))
        return;
    /* A state's retriers share one loop, drawn with its first; a Choice's rules to one state one edge. */
    int index = (int)(e - b->m->edges);
    if (e->kind == EDGE_RETRY && (!valid_state(b, e->from) || b->retry_first[e->from] != index))
        return;
    if (is_rule(e) && (!valid_state(b, e->from) || first_to_same_target(b, index) != index))
        return;
    Agnode_t *tail = edge_tail(b, e), *head = edge_head(b, e);
    if (!tail || !head)
        return;
    Agedge_t *ge = agedge(edge_graph(b, e), tail, head, NULL, 1);
    if (!ge)
        ge = agedge(b->g, tail, head, NULL, 1);
    style_edge(b, ge, e);
    label_edge(b, ge, e);
    attach_to_boxes(b, ge, e, head);
    style_joints(b, ge, e);
    keep_clear_of_retries(b, ge, e);
    arrive_clear_of_retries(b, ge, e, head);
}

/* ---- Whole graph ---------------------------------------------------------------------------------- */

static int write_to_strbuf(void *chan, const char *s)
{
    strbuf_puts(chan, s);
    return 1;
}

static int flush_nothing(void *chan)
{
    (void)chan;
    return 0;
}

/* Object IDs in creation order. cgraph keeps subgraphs sorted by ID, and its default discipline uses the
 * address of each interned name as the ID, so cluster order (in the DOT text, and for the layout) would
 * follow the heap. This discipline numbers objects as they come and keeps their names itself: a table by
 * ID for printing, and an open-addressing hash of (type, name) for lookups. (Leaving names to cgraph's
 * internal map would leak its entries: Graphviz 2.43 closes that map without freeing them.) */
typedef struct id_table {
    Agraph_t *root;      /* names are its interned strings: agwrite asks them whether they are HTML */
    IDTYPE next;
    char **names;        /* by ID; NULL for anonymous objects (edges) */
    unsigned char *kinds;/* by ID: AGRAPH, AGNODE, ... */
    size_t cap;
    IDTYPE *slots;       /* hash slots holding IDs; 0 is empty */
    size_t slot_count, named;
} id_table;

static size_t name_hash(int kind, const char *s)
{
    size_t h = 2166136261u ^ (size_t)kind;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot holding (kind, name), or the empty slot where it would go. */
static size_t find_slot(const id_table *t, int kind, const char *name)
{
    size_t i = name_hash(kind, name) & (t->slot_count - 1);
    while (t->slots[i] && (t->kinds[t->slots[i]] != kind || strcmp(t->names[t->slots[i]], name) != 0))
        i = (i + 1) & (t->slot_count - 1);
    return i;
}

static void grow_slots(id_table *t)
{
    size_t old_count = t->slot_count;
    IDTYPE *old = t->slots;
    t->slot_count = old_count ? old_count * 2 : 64;
    t->slots = sfn_calloc(t->slot_count, sizeof *t->slots);
    for (size_t i = 0; i < old_count; i++)
        if (old[i])
            t->slots[find_slot(t, t->kinds[old[i]], t->names[old[i]])] = old[i];
    free(old);
}

static IDTYPE new_id(id_table *t, int kind, const char *name)
{
    IDTYPE id = ++t->next;
    if (id >= t->cap) {
        size_t cap = t->cap;
        t->names = sfn_grow(t->names, &cap, (size_t)id + 1, sizeof *t->names);
        cap = t->cap;
        t->kinds = sfn_grow(t->kinds, &cap, (size_t)id + 1, sizeof *t->kinds);
        t->cap = cap;
    }
    t->kinds[id] = (unsigned char)kind;
    t->names[id] = NULL;
    if (name) {
        t->names[id] = agstrdup(t->root, (char *)name);
        if ((t->named + 1) * 2 > t->slot_count)
            grow_slots(t);
        t->slots[find_slot(t, kind, name)] = id;
        t->named++;
    }
    return id;
}

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    id_table *t = sfn_calloc(1, sizeof *t);
    t->root = g;
    return t;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    id_table *t = state;
    if (str && t->slot_count) {
        IDTYPE found = t->slots[find_slot(t, objtype, str)];
        if (found) {
            *id = found;
            return 1;
        }
    }
    if (!createflag)
        return 0;
    *id = new_id(t, objtype, str);
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id;
    return 0; /* nobody asks for a given ID: we never read DOT into these graphs */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id; /* names live until the graph closes */
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
    id_table *t = state;
    (void)objtype;
    return id >= 1 && id <= t->next ? t->names[id] : NULL;
}

static void ids_close(void *state)
{
    id_table *t = state;
    for (IDTYPE i = 1; i <= t->next; i++)
        if (t->names[i])
            agstrfree(t->root, t->names[i]);
    free(t->names);
    free(t->kinds);
    free(t->slots);
    free(t);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state, (void)objtype, (void)obj;
}

static Agiddisc_t sequential_ids = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};
static Agiodisc_t strbuf_io = {NULL, write_to_strbuf, flush_nothing};
static Agdisc_t graph_disc = {&AgMemDisc, &sequential_ids, &strbuf_io};

Agraph_t *graph_open(const char *name)
{
    return agopen((char *)name, Agdirected, &graph_disc);
}

static void builder_init(builder *b, const machine *m, const render_options *o, Agraph_t *g)
{
    memset(b, 0, sizeof *b);
    b->m = m;
    b->t = o && o->theme ? o->theme : theme_default();
    b->lr = o && o->left_right;
    b->compact = o && o->detail >= DETAIL_COMPACT;
    b->collapse = o && o->detail >= DETAIL_COLLAPSED;
    b->g = g;
    b->scope_graph = sfn_calloc(m->scope_count, sizeof *b->scope_graph);
    b->start = sfn_calloc(m->scope_count, sizeof *b->start);
    b->end = sfn_calloc(m->scope_count, sizeof *b->end);
    b->cluster = sfn_calloc(m->state_count, sizeof *b->cluster);
    b->entry = sfn_calloc(m->state_count, sizeof *b->entry);
    b->fork = sfn_calloc(m->state_count, sizeof *b->fork);
    b->retries_on = sfn_calloc(m->state_count, sizeof *b->retries_on);
    b->exit = sfn_calloc(m->state_count, sizeof *b->exit);
    b->catches_into = sfn_calloc(m->state_count, sizeof *b->catches_into);
    b->retry_first = sfn_calloc(m->state_count, sizeof *b->retry_first);
    b->rules_out = sfn_calloc(m->state_count, sizeof *b->rules_out);
    b->inside = sfn_calloc(m->state_count, sizeof *b->inside);
    b->rule_rep = sfn_calloc(m->edge_count, sizeof *b->rule_rep);
    b->rule_group_next = sfn_calloc(m->edge_count, sizeof *b->rule_group_next);
    b->retry_next = sfn_calloc(m->edge_count, sizeof *b->retry_next);
    b->closes_loop = sfn_calloc(m->edge_count, sizeof *b->closes_loop);
    b->own_end = sfn_calloc(m->state_count, sizeof *b->own_end);
    b->depth = sfn_calloc(m->state_count, sizeof *b->depth);
    b->height = sfn_calloc(m->state_count, sizeof *b->height);
    strmap_init(&b->ghost_index);
    strbuf_init(&b->label);
    strbuf_init(&b->tip);
}

static void builder_free(builder *b)
{
    free(b->scope_graph);
    free(b->start);
    free(b->end);
    free(b->cluster);
    free(b->entry);
    free(b->fork);
    free(b->retries_on);
    free(b->exit);
    free(b->catches_into);
    free(b->retry_first);
    free(b->rules_out);
    free(b->inside);
    free(b->rule_rep);
    free(b->rule_group_next);
    free(b->retry_next);
    free(b->closes_loop);
    free(b->own_end);
    free(b->depth);
    free(b->height);
    free(b->ghosts);
    strmap_free(&b->ghost_index);
    strbuf_free(&b->label);
    strbuf_free(&b->tip);
}

/* Links the rules of each group (group_rules) in order, and counts the edges each Choice draws. */
static void link_rule_groups(builder *b)
{
    const machine *m = b->m;
    group_rules(m, b->rule_rep);
    int *last = sfn_calloc(m->edge_count, sizeof *last); /* per group: its last edge so far */
    for (size_t i = 0; i < m->edge_count; i++) {
        b->rule_group_next[i] = -1;
        int r = b->rule_rep[i];
        if (!is_rule(&m->edges[i]) || !valid_state(b, m->edges[i].from))
            continue;
        if (r == (int)i)
            b->rules_out[m->edges[i].from]++;
        else
            b->rule_group_next[last[r]] = (int)i;
        last[r] = (int)i;
    }
    free(last);
}

/* Counts catch edges per target; links each state's retriers in order (the lists are built from the last
 * edge to the first), and each Choice's rules by target. */
static void count_edges(builder *b)
{
    for (size_t i = 0; i < b->m->state_count; i++)
        b->retry_first[i] = -1;
    for (size_t i = b->m->edge_count; i-- > 0;) {
        const wf_edge *e = &b->m->edges[i];
        b->retry_next[i] = -1;
        if (e->kind == EDGE_CATCH && valid_state(b, e->to))
            b->catches_into[e->to]++;
        if (e->kind == EDGE_RETRY && valid_state(b, e->from)) {
            b->retries_on[e->from]++;
            b->retry_next[i] = b->retry_first[e->from];
            b->retry_first[e->from] = (int)i;
            b->any_retry = true;
        }
    }
    link_rule_groups(b);
}

/* An End edge of a top-level state. */
static bool ends_top_level(const builder *b, const wf_edge *e)
{
    return e->kind == EDGE_END && valid_state(b, e->from) && workflow_scope_is_top(b->m, e->scope);
}

/* Terminal states far above the top level's End marker get an End marker of their own: edges from all
 * over a large diagram converging on one node are what makes dot's layout slow (1000 synthetic states,
 * collapsed: 2.9 s with one End, 0.11 s so; bench/README.md), and a line down a whole diagram is no help
 * to a reader either. Far is more than END_REACH steps, estimated by longest paths (paths_depths). */
static void find_far_ends(builder *b)
{
    const machine *m = b->m;
    int bottom = 0;
    for (size_t i = 0; i < m->edge_count; i++)
        if (ends_top_level(b, &m->edges[i]) && below(b, m->edges[i].from) > bottom)
            bottom = below(b, m->edges[i].from);
    for (size_t i = 0; i < m->edge_count; i++)
        if (ends_top_level(b, &m->edges[i]))
            b->own_end[m->edges[i].from] = bottom - below(b, m->edges[i].from) > END_REACH;
    b->bottom = bottom;
}

/* The top level's Start marker first and its End marker last, so dot's initial order reads top down. */
static void add_states(builder *b)
{
    for (size_t i = 0; i < b->m->edge_count; i++) {
        const wf_edge *e = &b->m->edges[i];
        if (e->kind == EDGE_START && scope_drawn(b, e->scope) && !is_container(b, b->m->scopes[e->scope].parent))
            scope_start(b, e->scope);
    }
    for (size_t i = 0; i < b->m->state_count; i++)
        add_state(b, (int)i);
}

/* A machine with nothing to draw (definition in S3, missing or broken) still gets a diagram that says so. */
static void add_note(builder *b)
{
    const machine *m = b->m;
    Agnode_t *n = agnode(b->g, "note0", 1);
    set(n, "class", "note");
    set(n, "style", "rounded,filled,dashed");
    set(n, "fillcolor", b->t->missing.fill);
    set(n, "color", b->t->missing.border);
    set(n, "fontcolor", b->t->missing.text);
    const char *what = m->status == MACHINE_S3 ? "definition in S3: nothing local to draw"
                       : m->status == MACHINE_MISSING ? "definition file is missing"
                       : m->status == MACHINE_ERROR ? "definition cannot be drawn"
                                                    : "no states";
    strbuf_puts(&b->label, what);
    if (m->where) {
        strbuf_puts(&b->label, "<br/>");
        put_html(&b->label, m->where, TITLE_MAX);
    }
    set_html(b, n, "label", &b->label);
    put_tip(&b->tip, m->message ? m->message : what);
    set_tip(b, n);
}

/* The graph's name shows in the SVG's <title>: the machine's ID, made valid text. */
static Agraph_t *open_graph(const machine *m)
{
    strbuf name;
    strbuf_init(&name);
    clean_text(&name, m->id ? m->id : "state machine", true);
    if (name.len && name.data[name.len - 1] == '\\')
        strbuf_putc(&name, ' ');
    Agraph_t *g = graph_open(strbuf_cstr(&name));
    strbuf_free(&name);
    return g;
}

/* Each drawn state's step in the whole drawing: its step in its scope, plus where its scope starts (a
 * Parallel's branches and a Map's processor a step under the box's top). The model numbers child scopes
 * after their parent's, so each box is placed before its insides. */
static void absolute_steps(const builder *b, int *at)
{
    const machine *m = b->m;
    for (size_t sc = 0; sc < m->scope_count; sc++) {
        int parent = m->scopes[sc].parent;
        int offset = is_container(b, parent) ? at[parent] + 1 : 0;
        for (int i = m->scopes[sc].first_state; i < m->scopes[sc].first_state + m->scopes[sc].state_count; i++)
            if (valid_state(b, i))
                at[i] = offset + b->depth[i];
    }
}

/* Adds one to the width of the steps strictly between a and b (in either order), as a difference array. */
static void pass_between(long *diff, int a, int b)
{
    int lo = a < b ? a : b, hi = a < b ? b : a;
    if (hi - lo > 1) {
        diff[lo + 1]++;
        diff[hi]--;
    }
}

/* What dot's layout time and memory grow with, for graphs like ours (bench/README.md). */
typedef struct layout_load {
    size_t places;    /* nodes it places: states, markers, references, and one per rank an edge passes */
    size_t crossings; /* per rank, the edges passing it squared, summed: what crossing minimisation faces
                         (a wide rank of states alone is cheap; 600 side by side lay out in 0.1 s) */
} layout_load;

static layout_load layout_load_of(const builder *b)
{
    const machine *m = b->m;
    int *at = sfn_calloc(m->state_count, sizeof *at), last = b->bottom + 1;
    absolute_steps(b, at);
    for (size_t i = 0; i < m->state_count; i++)
        last = at[i] + b->height[i] + 1 > last ? at[i] + b->height[i] + 1 : last;
    long *nodes = sfn_calloc((size_t)last + 2, sizeof *nodes), *diff = sfn_calloc((size_t)last + 2, sizeof *diff);
    for (size_t i = 0; i < m->state_count; i++)
        if (scope_drawn(b, m->states[i].scope)) {
            nodes[at[i]]++;
            nodes[at[i] + b->height[i] - 1] += b->height[i] > 1; /* a box's join bar or exit point */
        }
    size_t labels = 0;
    for (size_t i = 0; i < m->edge_count; i++) {
        const wf_edge *e = &m->edges[i];
        if (!scope_drawn(b, e->scope) || e->kind == EDGE_RETRY || e->kind == EDGE_START ||
            (is_rule(e) && b->rule_rep[i] != (int)i) || !valid_state(b, e->from))
            continue;
        int tail = at[e->from] + b->height[e->from] - 1;
        labels += e->kind == EDGE_CATCH || is_rule(e);
        if (goes_to_reference(b, e) || (e->kind == EDGE_END && b->own_end[e->from]))
            nodes[tail + 1]++;
        else if (e->kind == EDGE_END)
            pass_between(diff, tail, tail + edge_steps(b, e));
        else if (paths_links_states(m, e))
            pass_between(diff, tail, at[e->to]);
    }
    layout_load load = {0, 0};
    long passing = 0;
    for (int r = 0; r <= last; r++) {
        passing += diff[r];
        load.places += (size_t)(nodes[r] + passing);
        load.crossings += (size_t)(passing * passing);
    }
    if (!b->compact && labels > 0) /* labels on edges: a node each, and every rank doubled */
        load = (layout_load){2 * load.places + labels, 2 * load.crossings};
    free(at);
    free(nodes);
    free(diff);
    return load;
}

/* What the drawing needs to know of the model before it draws: retriers, rule groups, loops, steps. */
static void analyse(builder *b)
{
    count_edges(b);
    paths_find_loops(b->m, b->closes_loop);
    paths_depths(b->m, b->closes_loop, b->collapse, b->depth, b->height);
    find_far_ends(b);
    if (b->collapse)
        count_inside(b);
}

render_detail graph_plan(const machine *m)
{
    static const struct {
        render_detail detail;
        size_t places;
    } steps[] = {{DETAIL_FULL, FULL_PLACES}, {DETAIL_COMPACT, COMPACT_PLACES}, {DETAIL_COLLAPSED, COLLAPSED_PLACES}};
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
        render_options o = {.detail = steps[k].detail};
        builder b;
        builder_init(&b, m, &o, NULL);
        analyse(&b);
        layout_load load = layout_load_of(&b);
        builder_free(&b);
        if (load.places <= steps[k].places && load.crossings <= CROSSINGS_MAX)
            return steps[k].detail;
    }
    return DETAIL_TOO_LARGE;
}

Agraph_t *graph_build(const machine *m, const render_options *o, diag_list *diags)
{
    Agraph_t *g = open_graph(m);
    if (!g) {
        diag_error(diags, mark_none(), "Graphviz cannot open a graph");
        return NULL;
    }
    builder b;
    builder_init(&b, m, o, g);
    analyse(&b);
    declare_attributes(&b);
    set_graph_look(&b);
    if (!(o && o->no_title))
        add_title(&b);
    add_states(&b);
    if (o && o->legend && b.start[0])
        add_legend(&b, b.start[0]);
    for (size_t i = 0; i < m->edge_count; i++)
        add_edge(&b, &m->edges[i]);
    if (m->state_count == 0)
        add_note(&b);
    builder_free(&b);
    return g;
}

void graph_write(Agraph_t *g, strbuf *out)
{
    agwrite(g, out);
}
