/* render.c: layout and output with Graphviz, in process.
 *
 * One GVC context for the whole run, made from the three plugin libraries linked into the program
 * (gvContextPlugins with demand loading off), so the system's plugin configuration is never read. While we
 * call into Graphviz its messages go to capture_message, which joins the fragments agerr writes into lines
 * and files them as diagnostics: nothing reaches standard error. Before the layout, each Parallel's box is laid
 * out alone to measure it, so its fork and join bars can span the box with each branch's port right above
 * or below it (bars.c); DOT output gets the same bars, so `dot` draws it as we do.
 *
 * PNG is drawn by Graphviz's cairo renderer on a bitmap we allocate, and encoded by png_writer: cairo's own
 * PNG encoder (what "png:cairo" runs) took nine tenths of the time. Graphviz 2.42's cairo renderer encodes
 * and writes a PNG for "png:cairo" even when handed a context, to the job's output (stdout), so the bitmap
 * is drawn through "canvas:cairo", a device of our own with no output: it lets the renderer draw on the
 * caller's context and only reports the page size it laid out, which must be the bitmap's. */
#include "export/render.h"
#include "graph/bars.h"
#include "graph/cgraph_ids.h"
#include "graph/graph.h"
#include "export/pdf_device.h"
#include "export/png_writer.h"
#include "export/svg_scheme.h"
#include "export/textcache.h"
#include "base/timing.h"

#include <cairo.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin_device.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
extern gvplugin_library_t gvplugin_pango_LTX_library;

/* ---- The canvas device ---------------------------------------------------------------------------- */

/* The page size Graphviz laid out for the last canvas job, in pixels. */
static struct {
    unsigned width, height;
} canvas_page;

/* Initialize and finalize do nothing, and must exist: for a device without them Graphviz opens and flushes
 * stdout. There is no output: the drawing is on the caller's surface when gvRenderContext returns. */
static void canvas_nothing(GVJ_t *job)
{
    (void)job;
}

/* Called once the page is laid out (before or after it is drawn, depending on the Graphviz version). */
static void canvas_format(GVJ_t *job)
{
    canvas_page.width = job->width;
    canvas_page.height = job->height;
}

static gvdevice_engine_t canvas_engine = {canvas_nothing, canvas_format, canvas_nothing};

/* As Graphviz's "png:cairo": no margin, no default page, 96 dpi unless the graph sets one. */
static gvdevice_features_t canvas_features = {
    GVDEVICE_BINARY_FORMAT | GVDEVICE_DOES_TRUECOLOR, {0., 0.}, {0., 0.}, {96., 96.},
};

/* With a device engine of its own, the cairo renderer takes its FORMAT_CAIRO path: it draws and leaves the
 * pixels where they are. */
static gvplugin_installed_t canvas_devices[] = {
    {0, "canvas:cairo", 0, &canvas_engine, &canvas_features},
    {0, NULL, 0, NULL, NULL},
};

static gvplugin_api_t canvas_apis[] = {
    {API_device, canvas_devices},
    {(api_t)0, NULL},
};

static gvplugin_library_t canvas_library = {(char *)"sfnviz_canvas", canvas_apis};

/* Graphviz installs a built-in library only when its name starts with 'g' and has "_LTX_library". */
static const lt_symlist_t plugins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {"gvplugin_sfnviz_textcache_LTX_library", &gvplugin_sfnviz_textcache_LTX_library},
    {"gvplugin_pango_LTX_library", &gvplugin_pango_LTX_library},
    {"gvplugin_sfnviz_canvas_LTX_library", &canvas_library},
    {"gvplugin_sfnviz_pdf_LTX_library", &gvplugin_sfnviz_pdf_LTX_library},
    {NULL, NULL},
};

/* PNG resolution, and the image limits: cairo refuses sides of 32767 pixels or more; memory no longer grows
 * with the image (it is encoded a strip at a time), but time and file size do: 100 Mpx draws a 500-state
 * workflow at 57 % of its size, where its names still read (1.0 s, 5.8 MB; at 16 Mpx it was 23 %). */

static const double PNG_MAX_SIDE = 30000;
static const double PNG_MAX_PIXELS = 100e6;
static const double GRAPH_PAD_INCHES = 0.3; /* graph.c sets pad=0.3 */
static const double CAIRO_DEFAULT_PAD = 4;
enum { BITMAP_SLACK = 2 }; /* pixels the bitmap has beyond the page we expect Graphviz to lay out */ /* points, when a graph sets no pad (cairo renderer's default) */

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
    if (!context && pdf_device_init() == 0) {
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
    double start = timing_now();
    int rc = gvLayout(gvc, g, "dot");
    timing_add(STAGE_LAYOUT, start);
    if (rc == 0)
        return 0;
    diag_error(diags, mark_none(), "Graphviz could not lay out the graph");
    return -1;
}

/* The graph's pad in points, read as Graphviz reads it: "x" or "x,y", in inches. */
static pointf pad_points(Agraph_t *g)
{
    pointf pad = {CAIRO_DEFAULT_PAD, CAIRO_DEFAULT_PAD};
    const char *s = agget(g, "pad");
    double x, y;
    int n = s ? sscanf(s, "%lf,%lf", &x, &y) : 0;
    if (n >= 1)
        pad.x = pad.y = x * 72.0;
    if (n == 2)
        pad.y = y * 72.0;
    return pad;
}

/* The drawing's size in points: the layout's box and the pad around it, in Graphviz's order of operations
 * (emit.c, init_job_viewport), which decides the last bit and so how a size on .5 pixels rounds. */
static pointf page_points(Agraph_t *g)
{
    boxf bb = GD_bb(g);
    pointf pad = pad_points(g);
    boxf padded = {{bb.LL.x - pad.x, bb.LL.y - pad.y}, {bb.UR.x + pad.x, bb.UR.y + pad.y}};
    pointf size = {padded.UR.x - padded.LL.x, padded.UR.y - padded.LL.y};
    return size;
}

/* Lowers the PNG resolution so the bitmap stays within cairo's limits and a sane memory budget. */
static void cap_bitmap(Agraph_t *g, double dpi, diag_list *diags)
{
    boxf bb = GD_bb(g);
    double w = ((bb.UR.x - bb.LL.x) / 72.0 + 2 * GRAPH_PAD_INCHES) * dpi;
    double h = ((bb.UR.y - bb.LL.y) / 72.0 + 2 * GRAPH_PAD_INCHES) * dpi;
    double scale = 1;
    if (w > PNG_MAX_SIDE)
        scale = PNG_MAX_SIDE / w;
    if (h * scale > PNG_MAX_SIDE)
        scale = PNG_MAX_SIDE / h;
    if (w * h * scale * scale > PNG_MAX_PIXELS)
        scale = sqrt(PNG_MAX_PIXELS / (w * h));
    GD_drawing(g)->dpi = dpi * scale;
    if (scale < 1)
        diag_warning(diags, mark_none(), "the diagram is large: PNG drawn at %.0f%% of its size (%.0f x %.0f "
                     "pixels); SVG or PDF keep it whole", scale * 100, w * scale, h * scale);
}

/* Graphviz's device for each format; PNG's is ours (render_png). */
static const char *device_for(const char *format)
{
    static const char *const devices[][2] = {
        {"svg", "svg:svg:core"}, /* core renderer: text stays <text>, with class attributes */
        {"png", "canvas:cairo"},
        {"pdf", "pdf:sfnviz:sfnviz_pdf"}, /* cairo's PDF without the time it was made (pdf_device.h) */
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

/* ---- PNG ------------------------------------------------------------------------------------------ */

/* The bitmap Graphviz lays the page out on at the graph's dpi: the page in points times the device scale
 * dpi/72, rounded half up. In that order: Graphviz 2.42's job->width and height matched it on 8000 random
 * layouts and dpis, where size * dpi / 72 missed 5 of them by a pixel (sizes landing on .5). draw_on
 * checks the result against the page Graphviz laid out. */
static void bitmap_size(Agraph_t *g, int *width, int *height)
{
    pointf page = page_points(g);
    double dpi = GD_drawing(g)->dpi > 0 ? GD_drawing(g)->dpi : canvas_features.default_dpi.x;
    double scale = dpi / 72.0;
    *width = (int)(page.x * scale + 0.5);
    *height = (int)(page.y * scale + 0.5);
}

/* The theme's page colour ("#rrggbb", as graph.c sets bgcolor), under everything. Graphviz paints it too,
 * but its box can leave the bitmap's outermost pixels partly uncovered: on a new RGB24 bitmap (black) that
 * is a grey line at the edge; on Graphviz's own ARGB32 bitmap it was partly transparent. */
static void paint_background(cairo_t *cr, Agraph_t *g)
{
    const char *c = agget(g, "bgcolor");
    unsigned long rgb = 0xffffff;
    if (c && c[0] == '#' && strlen(c) == 7 && strspn(c + 1, "0123456789abcdefABCDEF") == 6)
        rgb = strtoul(c + 1, NULL, 16);
    cairo_set_source_rgb(cr, (double)(rgb >> 16 & 0xff) / 255, (double)(rgb >> 8 & 0xff) / 255,
                         (double)(rgb & 0xff) / 255);
    cairo_paint(cr);
}

/* Graphviz draws g on cr, whose bitmap is width x height pixels; the page it laid out must be as large. */
static int draw_on(GVC_t *gvc, Agraph_t *g, const char *device, cairo_t *cr, int width, int height,
                   diag_list *diags)
{
    paint_background(cr, g);
    canvas_page.width = canvas_page.height = 0;
    if (gvRenderContext(gvc, g, device, cr) != 0 || cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        diag_error(diags, mark_none(), "Graphviz could not draw the PNG");
        return -1;
    }
    if (canvas_page.width == 0 || canvas_page.height == 0 || canvas_page.width > (unsigned)width ||
        canvas_page.height > (unsigned)height) {
        diag_error(diags, mark_none(), "Graphviz laid out a %u x %u pixel page for a %d x %d pixel PNG",
                   canvas_page.width, canvas_page.height, width, height);
        return -1;
    }
    return 0;
}

/* Draws g as an opaque RGB image (every theme's background is opaque) and appends it to out as PNG.
 * Graphviz draws on a recording surface, which png_write_recording replays a strip at a time: a bitmap
 * of the whole diagram took 4 bytes a pixel (the 1000-state PNG peaked at 123 MB with a 16 Mpx cap; now
 * 94 MB with a 100 Mpx one, 79 MB at 16 Mpx). */
static int render_png(GVC_t *gvc, Agraph_t *g, const char *device, strbuf *out, diag_list *diags)
{
    int width, height;
    bitmap_size(g, &width, &height);
    /* External labels (compact diagrams) move the box by fractions of a point, and Graphviz's page can
     * round a pixel past ours: the bitmap has a pixel of slack each way, and the PNG is the page it drew. */
    width += BITMAP_SLACK;
    height += BITMAP_SLACK;
    cairo_rectangle_t extents = {0, 0, width, height};
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &extents);
    cairo_t *cr = cairo_create(s); /* on a failed surface, a context in the same error state */
    int rc = -1;
    if (cairo_status(cr) == CAIRO_STATUS_SUCCESS)
        rc = draw_on(gvc, g, device, cr, width, height, diags);
    else
        diag_error(diags, mark_none(), "cannot record a %d x %d pixel drawing: %s", width, height,
                   cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    char error[160];
    if (rc == 0 && png_write_recording(s, (int)canvas_page.width, (int)canvas_page.height, out, error,
                                       sizeof error) != 0) {
        diag_error(diags, mark_none(), "cannot encode the PNG: %s", error);
        rc = -1;
    }
    cairo_surface_destroy(s);
    return rc;
}

/* ---- Entry points --------------------------------------------------------------------------------- */

/* What both entry points start with: Graphviz's messages captured, the graph built and its Parallel bars
 * sized. Returns 0 with *g set (close it), or -1; capture_end(c, rc) must follow either way. */
static int begin_render(GVC_t *gvc, const machine *m, const render_options *o, capture *c, Agraph_t **g,
                        diag_list *diags)
{
    capture_begin(c, diags);
    double start = timing_now();
    *g = graph_build(m, o, diags);
    timing_add(STAGE_GRAPH, start);
    return *g ? bars_fit(gvc, *g, o && o->left_right, diags) : -1;
}

int render_dot(const machine *m, const render_options *o, strbuf *out, diag_list *diags)
{
    GVC_t *gvc = gv_context();
    if (!gvc) {
        diag_error(diags, mark_none(), "cannot start Graphviz");
        return -1;
    }
    capture c;
    Agraph_t *g;
    textcache_begin(); /* the boxes laid out for the bars; no drawing */
    int rc = begin_render(gvc, m, o, &c, &g, diags);
    textcache_end();
    strbuf text;
    strbuf_init(&text);
    double start = timing_now();
    if (rc == 0)
        graph_write(g, &text);
    timing_add(STAGE_RENDER, start);
    if (g)
        agclose(g);
    rc = capture_end(&c, rc);
    if (rc == 0)
        strbuf_put(out, text.data ? text.data : "", text.len);
    strbuf_free(&text);
    return rc;
}

/* Lays out and draws g (built with o) in format, appending the result to out. */
static int draw(GVC_t *gvc, Agraph_t *g, const render_options *o, const char *format, strbuf *out,
                diag_list *diags)
{
    int rc = lay_out(gvc, g, diags);
    bool png = strcmp(format, "png") == 0;
    double start = timing_now();
    if (rc == 0 && png)
        cap_bitmap(g, o->png_dpi > 0 ? o->png_dpi : RENDER_PNG_DPI, diags);
    if (rc == 0 && png)
        rc = render_png(gvc, g, device_for(format), out, diags);
    else if (rc == 0)
        rc = render_laid_out(gvc, g, device_for(format), out, diags);
    timing_add(STAGE_RENDER, start);
    start = timing_now();
    gvFreeLayout(gvc, g);
    timing_add(STAGE_FREE, start);
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
    /* An SVG for light and dark pages is drawn in the light theme, nudged so CSS can repaint it. */
    render_options ro = *o;
    scheme sc = {0};
    bool dual = strcmp(format, "svg") == 0 && o->dark_theme;
    if (dual) {
        scheme_pair_themes(&sc, o->theme, o->dark_theme);
        ro.theme = &sc.light;
    }
    capture c;
    Agraph_t *g;
    bool svg = strcmp(format, "svg") == 0;
    if (svg) /* SVG text needs no pango layout: sizes can be shared (textcache.h) */
        textcache_begin();
    int rc = begin_render(gvc, m, &ro, &c, &g, diags);
    double start;
    strbuf image;
    strbuf_init(&image);
    if (rc == 0)
        rc = draw(gvc, g, &ro, format, &image, diags);
    textcache_end();
    start = timing_now();
    if (g)
        agclose(g);
    timing_add(STAGE_FREE, start);
    rc = capture_end(&c, rc);
    if (rc == 0 && dual && scheme_style_svg(&sc, &image) != 0) {
        diag_error(diags, mark_none(), "Graphviz's SVG has no <svg> element to style");
        rc = -1;
    }
    if (rc == 0)
        strbuf_put(out, image.data ? image.data : "", image.len);
    strbuf_free(&image);
    scheme_free(&sc);
    return rc;
}
