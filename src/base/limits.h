/* limits.h: the limits of sfnviz.h (sfnviz_limit) as the stages use them: with the defaults filled in,
 * and named in messages the same way everywhere, so a user who meets one knows how to raise it. */
#ifndef SFNVIZ_LIMITS_H
#define SFNVIZ_LIMITS_H

#include "sfnviz.h"

#include <stddef.h>

/* The value of one limit: l's when set, else the default (l may be NULL). */
size_t limit_of(const sfnviz_limits *l, sfnviz_limit which);

/* The limit as a message ends: "64 MiB (the input-size limit; raise it with --limit input-size=N)".
 * Returns buf. */
const char *limit_describe(char *buf, size_t size, const sfnviz_limits *l, sfnviz_limit which);

/* A size as a message writes it: "64 MiB", "512 KiB", "1000 bytes". Returns buf. */
const char *limit_format_size(char *buf, size_t size, size_t bytes);

#endif
