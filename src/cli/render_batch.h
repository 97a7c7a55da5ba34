/* render_batch.h: rendering many files into a folder, and one file, for `sfnviz render`. */
#ifndef SFNVIZ_CLI_RENDER_BATCH_H
#define SFNVIZ_CLI_RENDER_BATCH_H

#include "options.h"
#include "sfnviz.h"

/* Loads one file and renders the machines asked for (cmd_render.c); returns its exit code. */
int render_file(const char *path, const options *o, const sfnviz_render_options *ro);

/* Renders o->files[...] each into o->output/<FILE without its extension>/, with a summary; 0 when all were. */
int render_batch(const options *o, const sfnviz_render_options *ro);

#endif
