/* output.h: writing results so that a reader never sees half a file.
 *
 * Output goes to a temporary file in the target's own folder, then rename() puts it in place: a failed or
 * interrupted render leaves an existing file untouched. A symbolic link is followed (the file it names is
 * replaced, the link stays) and the file keeps its mode; devices and FIFOs (/dev/null, /dev/stdout) are
 * written in place. */
#ifndef SFNVIZ_OUTPUT_H
#define SFNVIZ_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

int output_write_atomic(const char *path, const char *data, size_t len, char *err, size_t err_size);

/* Writes everything to standard output. */
int output_write_stdout(const char *data, size_t len, char *err, size_t err_size);

/* Writes data to path (atomically) or, when path is NULL, to standard output; on failure prints
 * `sfnviz: error: why` on standard error. Returns 0 or -1. */
int output_write_or_say(const char *path, const char *data, size_t len);

/* Compares data with the file at path, reading it in pieces: 0 the same bytes, 1 different, 2 no such
 * file, -1 when it cannot be read (why in err). */
int output_compare(const char *path, const char *data, size_t len, char *err, size_t err_size);

/* What `render` does with a result: with check false, output_write_or_say. With check true (`render
 * --check`) nothing is written: data is compared with the file at path, and a file that differs or does
 * not exist is named on standard error (`sfnviz: PATH is out of date`, `... does not exist`). Returns 0
 * (written, or current), 1 (out of date or missing) or -1 (an error, said). */
int output_put(const char *path, const char *data, size_t len, bool check);

/* True when output to path (NULL: standard output) would reach a terminal: standard output that is one,
 * or a path naming one (-o /dev/stdout, -o /dev/tty). Binary formats are never written there. */
bool output_is_terminal(const char *path);

/* True when path names a folder: it ends with '/' or is an existing directory. */
bool output_is_dir(const char *path);

/* Creates the folder and its parents when missing. */
int output_make_dir(const char *path, char *err, size_t err_size);

#endif
