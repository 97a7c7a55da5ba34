/* draw.h: the drawing part of the library, reached through one table.
 *
 * Loading Graphviz, its plugins, cairo, pango and libpng costs a short run most of its time (bench/README.md:
 * about 5 ms of 6), so the code that draws (src/graph but its themes; render.c, png_writer.c, svg_scheme.c,
 * textcache.c; the drawn diff) is built into libsfnviz.a and also, alone, as the module libsfnviz-draw.so, which
 * libsfnviz.so and the sfnviz program load with dlopen the first time they draw (DOT, SVG, PNG, PDF), and
 * never for --version, list or -f json.
 *
 * The module is self-contained: it carries its own copy of the few core files it calls (arena, diagnostics,
 * string map, UTF-8, timings, the model's helpers, the theme key table; CMakeLists.txt lists them), since
 * libsfnviz.so hides the core's symbols and the program exports none. The two copies share data, never
 * state: the structs it is handed come from the same build (the table says which), memory comes from the
 * same malloc, and the one piece of state, the stage timings, is the caller's (draw_host). It is never
 * unloaded: the diagnostics it makes point at its static text, and leak reports need its symbols. */
#ifndef SFNVIZ_DRAW_H
#define SFNVIZ_DRAW_H

#include "base/arena.h"
#include "base/diag.h"
#include "graph/options.h"
#include "model/workflow.h"

#include <stddef.h>

/* Raised when a function of the table changes; with the version and the struct sizes it tells a module of
 * another build, which would read the structs wrong. */
enum { DRAW_ABI = 2 };

struct machine_diff;

/* What the core lends the drawing part. */
typedef struct draw_host {
    double *stage_totals; /* timing.h's totals, STAGE_COUNT of them, which --timings prints */
} draw_host;

typedef struct draw_api {
    int abi;                  /* DRAW_ABI */
    const char *version;      /* SFNVIZ_VERSION */
    size_t machine_size, options_size, theme_size; /* sizeof the structs it reads, as it was built */
    /* Called once, when the checks above have passed, before anything else of the table. */
    void (*bind)(const draw_host *host);
    /* graph.h's graph_plan, render.h's render_dot and render_image. */
    render_detail (*plan)(const machine *m);
    int (*dot)(const machine *m, const render_options *o, strbuf *out, diag_list *diags);
    int (*image)(const machine *m, const render_options *o, const char *format, strbuf *out, diag_list *diags);
    /* A drawn diff (graph/diff_marks.c) in format "dot", "svg", "png" or "pdf": render_dot or render_image
     * of diff_drawn_machine(md) with o->diff set to md. */
    int (*diff)(const struct machine_diff *md, const render_options *o, const char *format, strbuf *out,
                diag_list *diags);
} draw_api;

/* The module's one exported function (its name is DRAW_ENTRY): the table. It does nothing else, so a
 * module of another build can be asked and refused. */
#define DRAW_ENTRY "sfnviz_draw_module"
const draw_api *sfnviz_draw_module(void);

/* The table of the drawing part linked into this binary (draw_module.c, in libsfnviz.a), or NULL where it
 * is to be loaded (draw_unlinked.c: libsfnviz.so and the program link that one instead). */
const draw_api *draw_linked(void);

/* The drawing table: linked in, or the module loaded on the first call (draw_load.c). NULL, with the
 * reason in err ("the drawing module libsfnviz-draw.so was not found (looked in ...)"), when it is missing
 * or unusable; the answer is kept, so later calls neither search again nor fork a different answer. */
const draw_api *draw_get(char *err, size_t size);

#endif
