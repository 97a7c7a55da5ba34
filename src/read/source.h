/* source.h: reading input files whole, with a size cap and plain-word errors. */
#ifndef SFNVIZ_SOURCE_H
#define SFNVIZ_SOURCE_H

#include "base/arena.h"
#include "sfnviz.h"

#include <stddef.h>

/* Reads path into a NUL-terminated buffer in the arena (freed with it), refusing more than the input-size
 * limit of `limits` (NULL: the defaults). Returns 0, or -1 with the reason in err ("no such file", "is a
 * directory", "larger than 64 MiB (the input-size limit; ...)"). */
int source_read_file(arena *a, const char *path, const sfnviz_limits *limits, char **text, size_t *len, char *err,
                     size_t err_size);

/* Reads a stream (standard input) the same way. */
int source_read_stream(arena *a, void *stream, const sfnviz_limits *limits, char **text, size_t *len, char *err,
                       size_t err_size);

#endif
