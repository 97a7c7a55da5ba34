/* diff_draw.h: a machine's diff drawn (`sfnviz diff -f svg|png|pdf`, and DOT): the new graph with its
 * added states and transitions in one style, changed states in another, removed ones as ghosts where they
 * stood, a key of those styles and a title that says what changed (graph/diff_marks.c draws it).
 *
 * Internal: sfnviz.h has no diff yet; the diff command (diff/diff.h computes the machine_diff) calls this
 * for its drawn formats. */
#ifndef SFNVIZ_DIFF_DRAW_H
#define SFNVIZ_DIFF_DRAW_H

#include "diff/diff.h"
#include "sfnviz.h"

#include <stddef.h>

/* Draws md in format (DOT, SVG, PNG or PDF) with the caller's options (theme, direction, title, legend:
 * the kinds of state and edge keyed too, detail, dpi, dark theme). On success returns 0 and a malloc'd
 * buffer in *out (free() it; NUL-terminated past *out_len); on failure -1, *out NULL and the reason in err.
 * A machine added is drawn all added, one removed its old graph all removed. */
int export_diff_drawing(const machine_diff *md, sfnviz_format format, const sfnviz_render_options *opts,
                        char **out, size_t *out_len, char *err, size_t err_size);

#endif
