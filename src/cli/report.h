/* report.h: loading a file for a command, and printing what sfnviz says about it on standard error. */
#ifndef SFNVIZ_CLI_REPORT_H
#define SFNVIZ_CLI_REPORT_H

#include "options.h"
#include "sfnviz.h"

#include <stdbool.h>
#include <stdio.h>

/* The load options the command line asked for (--root, --limit). */
sfnviz_load_options load_options_of(const options *o);
/* Loads path ("-": standard input, named <stdin>) with those options. */
sfnviz_doc *load_doc(const char *path, const options *o);

/* Writes s with control characters as `\xNN`: text from the user's files cannot drive the terminal. */
void put_safe(FILE *out, const char *s);
/* The first error of a file that did not parse, as `file:line:col: error: message`, in buf; NULL when the
 * file parsed. */
const char *doc_error_text(const sfnviz_doc *doc, char *buf, size_t size);

/* s as a JSON string, quotes included (NULL: null). */
void put_json_string(FILE *out, const char *s);
/* One file's entry of a `{"version": 1, "files": [...]}` listing: {"path", "error", then the members of
 * `data` (a library document, {"version": 1, "machines": [...]}) after its version}; no machines when
 * data is NULL or not such a document. */
void put_json_file_entry(FILE *out, const char *path, const char *error, const char *data, size_t len);
void put_safe_line(FILE *out, const char *s);

/* A render's warning callback: the message on standard error, made safe. */
void print_warning(const char *message, void *ctx);

/* The file's diagnostics on standard error (errors_only for commands that only index files); past 100
 * warnings, a count. */
void print_diagnostics(const sfnviz_doc *doc, bool errors_only);

/* `sfnviz: timings: read 1.2 ms · model 0.4 ms · ...` on standard error (--timings, for bench/scale.sh). */
void print_timings(void);

#endif
