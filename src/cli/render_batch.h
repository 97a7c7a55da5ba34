/* render_batch.h: rendering many files into a folder, for `sfnviz render`. */
#ifndef SFNVIZ_CLI_RENDER_BATCH_H
#define SFNVIZ_CLI_RENDER_BATCH_H

#include "options.h"
#include "sfnviz.h"

/* Renders one file with the options given (its output a folder); returns its exit code (EXIT_OK,
 * EXIT_STALE, EXIT_BAD_INPUT). */
typedef int render_one_fn(const char *path, const options *o, const sfnviz_render_options *ro);

/* Renders o->files[...] each into o->output/<FILE without its extension>/ with render_one, in worker
 * processes (o->jobs, else one per core), with a summary; 0 when all were rendered (--check: all current),
 * EXIT_STALE when --check found one out of date, EXIT_BAD_INPUT when one failed. */
int render_batch(const options *o, const sfnviz_render_options *ro, render_one_fn *render_one);

#endif
