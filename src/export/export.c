/* export.c: one table maps format names to exporters; sfnviz_export dispatches through it. JSON, Mermaid and
 * Markdown are written by the core (export_json.c, export_mermaid.c); every other format is drawn by the
 * drawing part (draw.h), loaded only for them. */
#include "template/document.h"
#include "export/draw.h"
#include "export/export.h"
#include "export/mermaid.h"
#include "base/timing.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct format_entry {
    const char *name;
    const char *ext; /* its files' extension */
    sfnviz_format format;
    bool binary;
    bool many; /* one output may hold several machines */
    bool core; /* written without the drawing module */
} format_entry;

static const format_entry FORMATS[] = {
    {"dot", "dot", SFNVIZ_FORMAT_DOT, false, true, false},
    {"svg", "svg", SFNVIZ_FORMAT_SVG, false, false, false},
    {"png", "png", SFNVIZ_FORMAT_PNG, true, false, false},
    {"pdf", "pdf", SFNVIZ_FORMAT_PDF, true, false, false},
    {"json", "json", SFNVIZ_FORMAT_JSON, false, true, true},
    {"mermaid", "mmd", SFNVIZ_FORMAT_MERMAID, false, false, true},
    {"markdown", "md", SFNVIZ_FORMAT_MARKDOWN, false, true, true},
};

static const format_entry *entry(sfnviz_format f)
{
    for (size_t i = 0; i < sizeof FORMATS / sizeof FORMATS[0]; i++)
        if (FORMATS[i].format == f)
            return &FORMATS[i];
    return NULL;
}

int sfnviz_format_from_name(const char *name)
{
    if (name && name[0] == '.')
        name++;
    for (size_t i = 0; name && i < sizeof FORMATS / sizeof FORMATS[0]; i++)
        if (strcasecmp(FORMATS[i].name, name) == 0 || strcasecmp(FORMATS[i].ext, name) == 0 ||
            (strcasecmp(name, "gv") == 0 && FORMATS[i].format == SFNVIZ_FORMAT_DOT))
            return (int)FORMATS[i].format;
    return -1;
}

const char *sfnviz_format_name(sfnviz_format f)
{
    const format_entry *e = entry(f);
    return e ? e->name : "?";
}

const char *sfnviz_format_extension(sfnviz_format f)
{
    const format_entry *e = entry(f);
    return e ? e->ext : "?";
}

int sfnviz_format_is_binary(sfnviz_format f)
{
    const format_entry *e = entry(f);
    return e && e->binary;
}

static int fail(char *err, size_t size, const char *msg)
{
    snprintf(err, size, "%s", msg);
    return -1;
}

/* Hands the warnings of a successful render to the caller's callback. */
void export_pass_warnings(const diag_list *diags, const sfnviz_render_options *opts)
{
    char buf[1024];
    for (size_t i = 0; opts && opts->warn && i < diags->count; i++) {
        if (diags->items[i].level == DIAG_ERROR)
            continue;
        diag_format(&diags->items[i], buf, sizeof buf);
        opts->warn(buf, opts->warn_ctx);
    }
}

/* Past the size budget, less detail, and a warning that says what was left out and how to get it back;
 * -1 with an error when even the collapsed diagram is past the budget. */
int export_plan_detail(const draw_api *draw, const machine *m, render_options *o, diag_list *diags)
{
    o->detail = draw->plan(m);
    const char *id = m->id ? m->id : "state machine";
    if (o->detail == DETAIL_TOO_LARGE) {
        diag_error(diags, mark_none(), "%s: %zu states and %zu transitions are past what Graphviz lays out in "
                   "reasonable time, even with each Parallel and Map collapsed; -f json lists them, and "
                   "--detail collapsed (or compact, full) draws anyway, which may take minutes",
                   id, m->state_count, m->edge_count);
        return -1;
    }
    if (o->detail != DETAIL_FULL)
        diag_warning(diags, mark_none(), "%s: %zu states and %zu transitions: drawn %s to keep the layout fast "
                     "(%s); --detail full draws everything, which may take minutes",
                     id, m->state_count, m->edge_count, o->detail == DETAIL_COMPACT ? "compact" : "collapsed",
                     o->detail == DETAIL_COMPACT
                         ? "retry, catch and default labels are in the tooltips, rules are on one line, long "
                           "transitions go to a reference to their target"
                         : "each top-level Parallel and Map is one node, edge labels are in the tooltips, long "
                           "transitions go to a reference to their target");
    return 0;
}

/* The drawing table, or NULL with "cannot draw svg: the drawing module ... was not found ..." in err. */
static const draw_api *drawing(const format_entry *e, char *err, size_t err_size)
{
    char why[2048];
    const draw_api *draw = draw_get(why, sizeof why);
    if (!draw)
        snprintf(err, err_size, "cannot draw %s: %s", e->name, why);
    return draw;
}

const draw_api *export_drawing(sfnviz_format format, char *err, size_t err_size)
{
    const format_entry *e = entry(format);
    if (!e || e->format == SFNVIZ_FORMAT_JSON) {
        fail(err, err_size, "unknown output format");
        return NULL;
    }
    return drawing(e, err, err_size);
}

void export_report(const diag_list *diags, int rc, const sfnviz_render_options *opts, char *err, size_t err_size)
{
    if (rc == 0) {
        export_pass_warnings(diags, opts);
        return;
    }
    const diag *first = diags->count ? &diags->items[0] : NULL;
    for (size_t i = 0; i < diags->count; i++)
        if (diags->items[i].level == DIAG_ERROR) {
            first = &diags->items[i];
            break;
        }
    diag_format(first, err, err_size);
}

render_options export_render_options(const sfnviz_render_options *opts)
{
    return (render_options){.theme = opts && opts->theme ? opts->theme : theme_default(),
                            .left_right = opts && opts->direction == SFNVIZ_LEFT_RIGHT,
                            .no_title = opts && opts->no_title,
                            .title = opts ? opts->title : NULL,
                            .legend = opts && opts->legend,
                            .detail = opts && opts->detail == SFNVIZ_DETAIL_COMPACT     ? DETAIL_COMPACT
                                      : opts && opts->detail == SFNVIZ_DETAIL_COLLAPSED ? DETAIL_COLLAPSED
                                                                                         : DETAIL_FULL,
                            .dark_theme = opts ? opts->dark_theme : NULL,
                            .png_dpi = opts ? opts->png_dpi : 0};
}

static int export_graphviz(const machine *const *ms, size_t n, const format_entry *e, const render_options *ro,
                           const sfnviz_render_options *opts, strbuf *out, char *err, size_t err_size)
{
    const draw_api *draw = drawing(e, err, err_size);
    if (!draw)
        return -1;
    diag_list diags;
    diag_list_init(&diags);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (ms[i]->status != MACHINE_OK)
            continue;
        render_options one = *ro;
        if ((!opts || opts->detail == SFNVIZ_DETAIL_AUTO) && export_plan_detail(draw, ms[i], &one, &diags) != 0) {
            rc = -1;
            break;
        }
        rc = e->format == SFNVIZ_FORMAT_DOT ? draw->dot(ms[i], &one, out, &diags)
                                            : draw->image(ms[i], &one, e->name, out, &diags);
    }
    export_report(&diags, rc, opts, err, err_size);
    diag_list_free(&diags);
    return rc;
}

int sfnviz_export_prepare(sfnviz_format format, char *err, size_t err_size)
{
    const format_entry *e = entry(format);
    if (!e)
        return fail(err, err_size, "unknown output format");
    if (e->core)
        return 0;
    return drawing(e, err, err_size) ? 0 : -1;
}

int sfnviz_export(const sfnviz_doc *doc, const sfnviz_machine *const *machines, size_t n, sfnviz_format format,
                  const sfnviz_render_options *opts, char **out, size_t *out_len, char *err, size_t err_size)
{
    (void)doc;
    *out = NULL;
    *out_len = 0;
    const format_entry *e = entry(format);
    if (!e)
        return fail(err, err_size, "unknown output format");
    if (!e->many && n != 1)
        return fail(err, err_size, "this format holds exactly one state machine");
    if (!e->many && machines[0]->status != MACHINE_OK)
        return fail(err, err_size, machines[0]->message ? machines[0]->message : "nothing to draw");
    render_options ro = export_render_options(opts);
    strbuf b;
    strbuf_init(&b);
    if (e->format == SFNVIZ_FORMAT_JSON) {
        double start = timing_now();
        export_json(machines, n, &b);
        timing_add(STAGE_RENDER, start);
    } else if (e->format == SFNVIZ_FORMAT_MERMAID || e->format == SFNVIZ_FORMAT_MARKDOWN) {
        double start = timing_now();
        diag_list diags;
        diag_list_init(&diags);
        export_mermaid(machines, n, e->format == SFNVIZ_FORMAT_MARKDOWN, opts, &b, &diags);
        export_pass_warnings(&diags, opts);
        diag_list_free(&diags);
        timing_add(STAGE_RENDER, start);
    } else if (export_graphviz(machines, n, e, &ro, opts, &b, err, err_size) != 0) {
        strbuf_free(&b);
        return -1;
    }
    strbuf_cstr(&b);
    *out = b.data;
    *out_len = b.len;
    return 0;
}
