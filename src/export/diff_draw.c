/* diff_draw.c: export_diff_drawing (diff_draw.h), in the core: the drawing itself is the drawing part's
 * (draw.h's `diff`, graph/diff_marks.c), loaded when first needed like every other drawn format. */
#include "export/diff_draw.h"
#include "export/export.h"

#include <stdio.h>

static int refuse(char *err, size_t size, const char *msg)
{
    snprintf(err, size, "%s", msg);
    return -1;
}

int export_diff_drawing(const machine_diff *md, sfnviz_format format, const sfnviz_render_options *opts,
                        char **out, size_t *out_len, char *err, size_t err_size)
{
    *out = NULL;
    *out_len = 0;
    if (!md || (!md->new_m && !md->old_m))
        return refuse(err, err_size, "no state machine to draw the diff of");
    if (format == SFNVIZ_FORMAT_JSON)
        return refuse(err, err_size, "a drawn diff is DOT, SVG, PNG or PDF");
    const draw_api *draw = export_drawing(format, err, err_size);
    if (!draw)
        return -1;
    const machine *m = md->new_m ? md->new_m : md->old_m; /* diff_drawn_machine, which is the module's */
    render_options ro = export_render_options(opts);
    diag_list diags;
    diag_list_init(&diags);
    int rc = 0;
    if ((!opts || opts->detail == SFNVIZ_DETAIL_AUTO) && m->status == MACHINE_OK)
        rc = export_plan_detail(draw, m, &ro, &diags);
    strbuf b;
    strbuf_init(&b);
    if (rc == 0)
        rc = draw->diff(md, &ro, sfnviz_format_name(format), &b, &diags);
    export_report(&diags, rc, opts, err, err_size);
    diag_list_free(&diags);
    if (rc != 0) {
        strbuf_free(&b);
        return -1;
    }
    strbuf_cstr(&b);
    *out = b.data;
    *out_len = b.len;
    return 0;
}
