/* sfnviz.h: the public face of libsfnviz.
 *
 * Load a SAM / CloudFormation template or a standalone Amazon States Language file, look at the state
 * machines it holds, and export them as DOT, SVG, PNG, PDF or JSON. Types are opaque; every object made by
 * a *_new / *_load function is released by its *_free. Functions never abort on bad input: they report
 * diagnostics (`file:line:col: error: ...`) and return an error code. */
#ifndef SFNVIZ_H
#define SFNVIZ_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "sfnviz_version.h"

/* The version of the library the program runs with ("0.1.0"), which may be newer than SFNVIZ_VERSION,
 * the version of the headers it was built with. */
const char *sfnviz_version(void);

typedef struct sfnviz_doc sfnviz_doc;
typedef struct sfnviz_machine sfnviz_machine;
typedef struct sfnviz_theme sfnviz_theme;

typedef enum sfnviz_format {
    SFNVIZ_FORMAT_DOT,
    SFNVIZ_FORMAT_SVG,
    SFNVIZ_FORMAT_PNG,
    SFNVIZ_FORMAT_PDF,
    SFNVIZ_FORMAT_JSON,
} sfnviz_format;

/* Format by name ("svg", any case) or file extension (".svg", ".SVG"); -1 when unknown. */
int sfnviz_format_from_name(const char *name);
const char *sfnviz_format_name(sfnviz_format f);
/* True for formats that are binary (PNG, PDF): never written to a terminal. */
int sfnviz_format_is_binary(sfnviz_format f);

typedef struct sfnviz_load_options {
    /* DefinitionUri files must resolve inside this folder. NULL: the nearest folder above the template
     * holding `.git`, else the template's own folder. */
    const char *root;
} sfnviz_load_options;

/* Reads and interprets a file ("-" is not special here: use sfnviz_doc_load_buffer for standard input).
 * Never NULL except on out-of-memory; check sfnviz_doc_failed(). */
sfnviz_doc *sfnviz_doc_load_file(const char *path, const sfnviz_load_options *opts);
/* Reads a whole stream (standard input) the same way; name is used in messages. */
sfnviz_doc *sfnviz_doc_load_stream(const char *name, FILE *stream, const sfnviz_load_options *opts);

/* The same for text already in memory; name is used in messages and relative DefinitionUri paths
 * resolve against the current folder. */
sfnviz_doc *sfnviz_doc_load_buffer(const char *name, const char *text, size_t len,
                                   const sfnviz_load_options *opts);
void sfnviz_doc_free(sfnviz_doc *doc);

/* Non-zero when the file itself could not be read or parsed (nothing in it can be drawn). */
int sfnviz_doc_failed(const sfnviz_doc *doc);
const char *sfnviz_doc_path(const sfnviz_doc *doc);

/* Diagnostics found while loading, in order: each formatted as `file:line:col: level: message`. */
size_t sfnviz_doc_diag_count(const sfnviz_doc *doc);
const char *sfnviz_doc_diag_text(const sfnviz_doc *doc, size_t i, char *buf, size_t size);
int sfnviz_doc_diag_is_error(const sfnviz_doc *doc, size_t i);

size_t sfnviz_doc_machine_count(const sfnviz_doc *doc);
const sfnviz_machine *sfnviz_doc_machine(const sfnviz_doc *doc, size_t i);
/* By ID; NULL when there is none. */
const sfnviz_machine *sfnviz_doc_find_machine(const sfnviz_doc *doc, const char *id);

const char *sfnviz_machine_id(const sfnviz_machine *m);
const char *sfnviz_machine_name(const sfnviz_machine *m);       /* NULL when none */
const char *sfnviz_machine_kind(const sfnviz_machine *m);       /* "sam", "cloudformation", "asl" */
const char *sfnviz_machine_status(const sfnviz_machine *m);     /* "ok", "s3", "missing", "error" */
const char *sfnviz_machine_message(const sfnviz_machine *m);    /* NULL when status is "ok" */
const char *sfnviz_machine_where(const sfnviz_machine *m);      /* where the definition lives */
size_t sfnviz_machine_state_count(const sfnviz_machine *m);
int sfnviz_machine_drawable(const sfnviz_machine *m);

/* The built-in themes, in order: name and one-line description of theme i; NULL past the last. */
const char *sfnviz_theme_builtin_name(size_t i);
const char *sfnviz_theme_builtin_description(size_t i);

/* Themes: the built-in "default", a name of a theme in the themes folder, or a YAML file. */
sfnviz_theme *sfnviz_theme_load(const char *name_or_file, char *err, size_t err_size);
void sfnviz_theme_free(sfnviz_theme *t);

typedef enum sfnviz_direction { SFNVIZ_TOP_BOTTOM, SFNVIZ_LEFT_RIGHT } sfnviz_direction;

/* How much a diagram shows. AUTO draws in full up to a size budget, then degrades step by step (and says
 * so through the warn callback), since Graphviz's layout time explodes on large graphs: COMPACT leaves the
 * retry, catch and default labels to the tooltips and puts rules on one line; COLLAPSED also draws each
 * top-level Parallel and Map as one node with a count. FULL draws everything whatever the size. */
typedef enum sfnviz_detail {
    SFNVIZ_DETAIL_AUTO,
    SFNVIZ_DETAIL_FULL,
    SFNVIZ_DETAIL_COMPACT,
    SFNVIZ_DETAIL_COLLAPSED
} sfnviz_detail;

/* What AUTO does with a typical workflow (bench/gen_workflow.py's; measured in bench/README.md): full up
 * to about SFNVIZ_AUTO_FULL_STATES states, compact up to about SFNVIZ_AUTO_COMPACT_STATES, collapsed up to
 * about SFNVIZ_AUTO_COLLAPSED_STATES, refused past that. The budgets are of layout work, not of states: a
 * long chain keeps full detail far longer, a dense graph loses it sooner. */
#define SFNVIZ_AUTO_FULL_STATES 1000
#define SFNVIZ_AUTO_COMPACT_STATES 2500
#define SFNVIZ_AUTO_COLLAPSED_STATES 5000

typedef struct sfnviz_render_options {
    const sfnviz_theme *theme; /* NULL: the built-in default */
    sfnviz_direction direction;
    int no_title;      /* leave out the title (name, type, ID, file) */
    double png_dpi;    /* PNG resolution; 0: the default, 110 */
    /* Called with each warning of a render that still succeeds (a PNG scaled down to fit, a Graphviz
     * warning, less detail for a large machine), formatted like a diagnostic; NULL: warnings are dropped. */
    void (*warn)(const char *message, void *ctx);
    void *warn_ctx;
    /* Zero is the default for each field below. */
    int legend;        /* add a key of the shapes and edge styles the diagram uses, before its Start */
    /* SVG only, NULL for none: the theme whose colours the SVG takes when the page is dark (CSS
     * prefers-color-scheme); fonts, sizes and line styles stay the light theme's. */
    const sfnviz_theme *dark_theme;
    sfnviz_detail detail; /* AUTO (zero): by size, see sfnviz_detail */
} sfnviz_render_options;

/* Exports machines[0..n) of doc in one output: JSON and DOT hold them all; SVG, PNG and PDF take exactly
 * one drawable machine. On success returns 0 and a malloc'd buffer in *out (free() it); on failure
 * returns -1, *out is NULL and err holds the reason. */
int sfnviz_export(const sfnviz_doc *doc, const sfnviz_machine *const *machines, size_t n, sfnviz_format format,
                  const sfnviz_render_options *opts, char **out, size_t *out_len, char *err, size_t err_size);

/* Where the time of this process went so far, stage by stage: name of stage i ("read", "model", "graph",
 * "layout", "render"; NULL past the last) and its total in seconds. For benchmarks and `--timings`. */
const char *sfnviz_stage_name(size_t i);
double sfnviz_stage_seconds(size_t i);

#ifdef __cplusplus
}
#endif

#endif
