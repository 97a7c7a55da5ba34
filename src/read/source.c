/* source.c: reading input files; see source.h. */
#include "read/source.h"
#include "base/arena.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int source_read_stream(void *stream, char **text, size_t *len, char *err, size_t err_size)
{
    FILE *f = stream;
    strbuf b;
    strbuf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > SOURCE_MAX_BYTES) {
            snprintf(err, err_size, "larger than %d MiB", SOURCE_MAX_BYTES / (1024 * 1024));
            strbuf_free(&b);
            return -1;
        }
        strbuf_put(&b, chunk, n);
    }
    if (ferror(f)) {
        snprintf(err, err_size, "cannot read: %s", strerror(errno));
        strbuf_free(&b);
        return -1;
    }
    strbuf_cstr(&b);
    *text = b.data;
    *len = b.len;
    return 0;
}

int source_read_file(const char *path, char **text, size_t *len, char *err, size_t err_size)
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
    if (st.st_size > SOURCE_MAX_BYTES) {
        snprintf(err, err_size, "larger than %d MiB", SOURCE_MAX_BYTES / (1024 * 1024));
        return -1;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "cannot open: %s", strerror(errno));
        return -1;
    }
    int rc = source_read_stream(f, text, len, err, err_size);
    fclose(f);
    return rc;
}
