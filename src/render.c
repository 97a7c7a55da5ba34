/* render.c: layout and output with Graphviz, in process.
 *
 * One GVC context for the whole run, made from the three plugin libraries linked into the program
 * (gvContextPlugins with demand loading off), so the system's plugin configuration is never read. While we
 * call into Graphviz its messages go to capture_message, which joins the fragments agerr writes into lines
 * and files them as diagnostics: nothing reaches standard error. A graph with Parallel states is laid out
 * twice: the first layout measures each Parallel's box and branches, so its fork and join bars can span
 * the box with each branch's port right above or below it (graph_fit_bars); DOT output gets the same
 * bars, so `dot` draws it as we do. */
#include "render.h"
#include "graph.h"

#include <graphviz/gvc.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
extern gvplugin_library_t gvplugin_pango_LTX_library;

static const lt_symlist_t plugins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {"gvplugin_pango_LTX_library", &gvplugin_pango_LTX_library},
    {NULL, NULL},
};

/* PNG resolution, and the bitmap limits: cairo refuses sides of 32767 pixels or more (Graphviz then
 * rescales silently and prints to stderr), and a bitmap of 40 Mpx already takes 160 MB to draw. */
static const double PNG_DPI = 110;
static const double PNG_MAX_SIDE = 30000;
static const double PNG_MAX_PIXELS = 40e6;
static const double GRAPH_PAD_INCHES = 0.3; /* graph.c sets pad=0.3 */

/* ---- Context -------------------------------------------------------------------------------------- */

static GVC_t *context;

static void free_context(void)
{
    if (context)
        gvFreeContext(context);
    context = NULL;
}

static GVC_t *gv_context(void)
{
    if (!context) {
        context = gvContextPlugins(plugins, 0);
        if (context)
            atexit(free_context);
    }
    return context;
}

/* ---- Messages ------------------------------------------------------------------------------------- */

typedef struct capture {
    diag_list *diags;
    strbuf line;
    diag_level level;  /* of the message being continued */
    size_t errors;
    agusererrf previous;
    agerrlevel_t previous_level;
} capture;

static capture *active_capture;

/* A finished line: `Error: ...` or `Warning: ...`; continuation lines keep the level before them. */
static void file_line(capture *c)
{
    const char *text = strbuf_cstr(&c->line);
    if (strncmp(text, "Error: ", 7) == 0) {
        c->level = DIAG_ERROR;
        text += 7;
    } else if (strncmp(text, "Warning: ", 9) == 0) {
        c->level = DIAG_WARNING;
        text += 9;
    }
    if (*text) {
        diag_add(c->diags, c->level, mark_none(), "Graphviz: %s", text);
        c->errors += c->level == DIAG_ERROR;
    }
    c->line.len = 0;
    c->line.data[0] = '\0';
}

static int capture_message(char *fragment)
{
    capture *c = active_capture;
    if (!c)
        return 0;
    for (const char *p = fragment; *p; p++) {
        if (*p == '\n')
            file_line(c);
        else
            strbuf_putc(&c->line, *p);
    }
    return 0;
}

static void capture_begin(capture *c, diag_list *diags)
{
    c->diags = diags;
    strbuf_init(&c->line);
    strbuf_putc(&c->line, '\0');
    c->line.len = 0;
    c->level = DIAG_WARNING;
    c->errors = 0;
    c->previous = agseterrf(capture_message);
    c->previous_level = agseterr(AGWARN);
    active_capture = c;
}

/* Stops capturing; rc, or -1 when Graphviz reported an error. */
static int capture_end(capture *c, int rc)
{
    if (c->line.len)
        file_line(c);
    agseterrf(c->previous);
    agseterr(c->previous_level);
    active_capture = NULL;
    strbuf_free(&c->line);
    return c->errors ? -1 : rc;
}

/* ---- Layout --------------------------------------------------------------------------------------- */

static int lay_out(GVC_t *gvc, Agraph_t *g, diag_list *diags)
{
    if (gvLayout(gvc, g, "dot") == 0)
        return 0;
    diag_error(diags, mark_none(), "Graphviz could not lay out the graph");
    return -1;
}

/* A first layout sizes the Parallel bars; the caller lays out again (or writes DOT). */
static int fit_bars(GVC_t *gvc, Agraph_t *g, bool left_right, diag_list *diags)
{
    if (!graph_has_bars(g))
        return 0;
    if (lay_out(gvc, g, diags) != 0) {
        gvFreeLayout(gvc, g);
        return -1;
    }
    graph_fit_bars(g, left_right);
    gvFreeLayout(gvc, g);
    agset(g, "bb", ""); /* gvLayout records the box; the graph as built has none */
    return 0;
}

/* Lowers the PNG resolution so the bitmap stays within cairo's limits and a sane memory budget. */
static void cap_bitmap(Agraph_t *g, diag_list *diags)
{
    boxf bb = GD_bb(g);
    double w = ((bb.UR.x - bb.LL.x) / 72.0 + 2 * GRAPH_PAD_INCHES) * PNG_DPI;
    double h = ((bb.UR.y - bb.LL.y) / 72.0 + 2 * GRAPH_PAD_INCHES) * PNG_DPI;
    double scale = 1;
    if (w > PNG_MAX_SIDE)
        scale = PNG_MAX_SIDE / w;
    if (h * scale > PNG_MAX_SIDE)
        scale = PNG_MAX_SIDE / h;
    if (w * h * scale * scale > PNG_MAX_PIXELS)
        scale = sqrt(PNG_MAX_PIXELS / (w * h));
    GD_drawing(g)->dpi = PNG_DPI * scale;
    if (scale < 1)
        diag_warning(diags, mark_none(), "the diagram is large: PNG drawn at %.0f%% of its size (%.0f x %.0f "
                     "pixels); SVG or PDF keep it whole", scale * 100, w * scale, h * scale);
}

static const char *device_for(const char *format)
{
    static const char *const devices[][2] = {
        {"svg", "svg:svg:core"}, /* core renderer: text stays <text>, with class attributes */
        {"png", "png:cairo:cairo"},
        {"pdf", "pdf:cairo:cairo"},
    };
    for (size_t i = 0; format && i < sizeof devices / sizeof devices[0]; i++)
        if (strcmp(format, devices[i][0]) == 0)
            return devices[i][1];
    return NULL;
}

static int render_laid_out(GVC_t *gvc, Agraph_t *g, const char *device, strbuf *out, diag_list *diags)
{
    char *data = NULL;
    unsigned int len = 0;
    if (gvRenderData(gvc, g, device, &data, &len) != 0 || !data) {
        diag_error(diags, mark_none(), "Graphviz could not render %s", device);
        if (data)
            gvFreeRenderData(data);
        return -1;
    }
    strbuf_put(out, data, len);
    gvFreeRenderData(data);
    return 0;
}

/* ---- Entry points --------------------------------------------------------------------------------- */

int render_dot(const machine *m, const render_options *o, strbuf *out, diag_list *diags)
{
    GVC_t *gvc = gv_context();
    if (!gvc) {
        diag_error(diags, mark_none(), "cannot start Graphviz");
        return -1;
    }
    capture c;
    capture_begin(&c, diags);
    Agraph_t *g = graph_build(m, o, diags);
    int rc = g ? fit_bars(gvc, g, o && o->left_right, diags) : -1;
    strbuf text;
    strbuf_init(&text);
    if (rc == 0)
        graph_write(g, &text);
    if (g)
        agclose(g);
    rc = capture_end(&c, rc);
    if (rc == 0)
        strbuf_put(out, text.data ? text.data : "", text.len);
    strbuf_free(&text);
    return rc;
}

int render_image(const machine *m, const render_options *o, const char *format, strbuf *out, diag_list *diags)
{
    const char *device = device_for(format);
    GVC_t *gvc = gv_context();
    if (!device || !gvc) {
        diag_error(diags, mark_none(), device ? "cannot start Graphviz" : "cannot draw format \"%s\"",
                   format ? format : "");
        return -1;
    }
    capture c;
    capture_begin(&c, diags);
    Agraph_t *g = graph_build(m, o, diags);
    int rc = g ? fit_bars(gvc, g, o && o->left_right, diags) : -1;
    strbuf image;
    strbuf_init(&image);
    if (rc == 0) {
        rc = lay_out(gvc, g, diags);
        if (rc == 0 && strcmp(format, "png") == 0)
            cap_bitmap(g, diags);
        if (rc == 0)
            rc = render_laid_out(gvc, g, device, &image, diags);
        gvFreeLayout(gvc, g);
    }
    if (g)
        agclose(g);
    rc = capture_end(&c, rc);
    if (rc == 0)
        strbuf_put(out, image.data ? image.data : "", image.len);
    strbuf_free(&image);
    return rc;
}
