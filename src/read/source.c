/* source.c: reading input files; see source.h. */
#include "read/source.h"
#include "base/arena.h"
#include "base/limits.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Reads f to its end into the arena, in one buffer first sized for expect bytes (the file's size when
 * known), so a regular file is read straight into place with no copy; a stream's buffer doubles as it
 * fills (the outgrown ones stay in the arena: at most the text's size again, for standard input only),
 * up to the limit and one byte more, which says the input is larger than the limit. */
static int too_large(const sfnviz_limits *limits, char *err, size_t err_size)
{
    char limit[160];
    snprintf(err, err_size, "larger than %s", limit_describe(limit, sizeof limit, limits, SFNVIZ_LIMIT_INPUT_SIZE));
    return -1;
}

static int read_all(arena *a, FILE *f, size_t expect, const sfnviz_limits *limits, char **text, size_t *len,
                    char *err, size_t err_size)
{
    size_t max = limit_of(limits, SFNVIZ_LIMIT_INPUT_SIZE);
    /* Room for the text, the byte past it (so the read that finds the end finds it without growing the
     * buffer) and the NUL; never more than the limit allows, plus that byte, to tell "too large". */
    size_t limit = max < SIZE_MAX - 2 ? max + 2 : SIZE_MAX;
    size_t cap = expect + 2 > 65536 ? expect + 2 : 65536, used = 0;
    if (cap > limit)
        cap = limit;
    char *data = arena_bump_bytes(a, cap);
    for (;;) {
        if (used + 1 == cap) {
            if (cap >= limit)
                break;
            size_t bigger_cap = cap * 2 < limit ? cap * 2 : limit;
            char *bigger = arena_bump_bytes(a, bigger_cap);
            memcpy(bigger, data, used);
            data = bigger;
            cap = bigger_cap;
        }
        size_t n = fread(data + used, 1, cap - 1 - used, f);
        used += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, err_size, "cannot read: %s", strerror(errno));
        return -1;
    }
    if (used > max)
        return too_large(limits, err, err_size);
    data[used] = '\0';
    *text = data;
    *len = used;
    return 0;
}

int source_read_stream(arena *a, void *stream, const sfnviz_limits *limits, char **text, size_t *len, char *err,
                       size_t err_size)
{
    return read_all(a, stream, 0, limits, text, len, err, err_size);
}

int source_read_file(arena *a, const char *path, const sfnviz_limits *limits, char **text, size_t *len, char *err,
                     size_t err_size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, err_size, "%s", errno == ENOENT ? "no such file" : strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "is a directory, not a file");
        return -1;
    }
    if ((unsigned long long)st.st_size > limit_of(limits, SFNVIZ_LIMIT_INPUT_SIZE))
        return too_large(limits, err, err_size);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "cannot open: %s", strerror(errno));
        return -1;
    }
    int rc = read_all(a, f, (size_t)st.st_size, limits, text, len, err, err_size);
    fclose(f);
    return rc;
}
