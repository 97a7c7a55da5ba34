/* drawing_options.h: the options of a drawing (--theme, --dark-theme, --direction, --legend, --detail,
 * --dpi, --title, --no-title) as render options, for the commands that draw: render and diff. */
#ifndef SFNVIZ_CLI_DRAWING_OPTIONS_H
#define SFNVIZ_CLI_DRAWING_OPTIONS_H

#include "options.h"
#include "sfnviz.h"

/* A drawing's options, and the themes they hold. */
typedef struct drawing_options {
    sfnviz_render_options ro;
    sfnviz_theme *theme, *dark;
} drawing_options;

/* Fills d from o, loading the themes ("auto": the default one, and in SVG the dark one on a dark page).
 * Returns 0, or -1 after printing why a theme cannot be used. */
int drawing_options_load(drawing_options *d, const options *o);
void drawing_options_free(drawing_options *d);

/* Loads what drawing in format takes (the drawing module: sfnviz_export_prepare) before any file is read
 * or worker forked: one load for all, and a missing module is one message. Returns 0, or -1 after saying
 * why. */
int drawing_prepare(sfnviz_format format);

#endif
