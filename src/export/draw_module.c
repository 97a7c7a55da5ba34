/* draw_module.c: the drawing part's table (draw.h): the module's entry point, and draw_linked for the
 * binaries that link the drawing part in (libsfnviz.a, the unit tests). */
#include "export/draw.h"
#include "export/render.h"
#include "graph/graph.h"
#include "base/timing.h"
#include "sfnviz_version.h"

#include <string.h>

/* In the module, timing.c is a copy of its own: it is to add to the caller's totals. Linked in, the
 * host's totals are these already. */
static void bind(const draw_host *host)
{
    if (host->stage_totals)
        timing_share(host->stage_totals);
}

static int draw_diff(const struct machine_diff *md, const render_options *o, const char *format, strbuf *out,
                     diag_list *diags)
{
    render_options ro = *o;
    ro.diff = md;
    const machine *m = diff_drawn_machine(md);
    return strcmp(format, "dot") == 0 ? render_dot(m, &ro, out, diags) : render_image(m, &ro, format, out, diags);
}

static const draw_api table = {
    .abi = DRAW_ABI,
    .version = SFNVIZ_VERSION,
    .machine_size = sizeof(machine),
    .options_size = sizeof(render_options),
    .theme_size = sizeof(theme),
    .bind = bind,
    .plan = graph_plan,
    .dot = render_dot,
    .image = render_image,
    .diff = draw_diff,
};

const draw_api *sfnviz_draw_module(void)
{
    return &table;
}

const draw_api *draw_linked(void)
{
    return &table;
}
