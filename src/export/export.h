/* export.h: exporters that read the model and write text (the Graphviz ones live in render.h). */
#ifndef SFNVIZ_EXPORT_H
#define SFNVIZ_EXPORT_H

#include "base/arena.h"
#include "base/diag.h"
#include "export/draw.h"
#include "graph/options.h"
#include "model/workflow.h"
#include "sfnviz.h"

/* The JSON export, version 1 (schema in docs/json-schema.md): every machine given, whatever its status. */
void export_json(const machine *const *machines, size_t n, strbuf *out);

/* What sfnviz_export and the drawn diff (diff_draw.c) share. */
/* The caller's options as the graph stage takes them (theme NULL: the default). */
render_options export_render_options(const sfnviz_render_options *opts);
/* The drawing table for format (not JSON), or NULL with "cannot draw svg: ..." in err. */
const draw_api *export_drawing(sfnviz_format format, char *err, size_t err_size);
/* Sets o->detail by the machine's size, warning in diags when it is less than full; -1 with an error when
 * even collapsed it is past the budget. */
int export_plan_detail(const draw_api *draw, const machine *m, render_options *o, diag_list *diags);
/* After a render that returned rc: its first error in err, or its warnings to opts->warn. */
void export_report(const diag_list *diags, int rc, const sfnviz_render_options *opts, char *err, size_t err_size);
void export_pass_warnings(const diag_list *diags, const sfnviz_render_options *opts);

#endif
