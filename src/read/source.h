/* source.h: reading input files whole, with a size cap and plain-word errors. */
#ifndef SFNVIZ_SOURCE_H
#define SFNVIZ_SOURCE_H

#include "base/arena.h"

#include <stddef.h>

enum { SOURCE_MAX_BYTES = 64 * 1024 * 1024 };

/* Reads path into a NUL-terminated buffer in the arena (freed with it). Returns 0, or -1 with the reason in err
 * ("no such file", "is a directory", "larger than 64 MiB"). */
int source_read_file(arena *a, const char *path, char **text, size_t *len, char *err, size_t err_size);

/* Reads a stream (standard input) the same way. */
int source_read_stream(arena *a, void *stream, char **text, size_t *len, char *err, size_t err_size);

#endif
