/* syntax_error.c: filling a syntax_error, and token excerpts for its message. */
#include "check/syntax_error.h"

#include <stdarg.h>
#include <stdio.h>

bool syntax_fail(syntax_error *err, size_t offset, const char *fmt, ...)
{
    if (!err)
        return false;
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return false;
}

/* A byte that continues a UTF-8 sequence: a cut must not fall before one. */
static bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

const char *syntax_excerpt(char *buf, size_t size, const char *s, size_t n)
{
    enum { MAX_BYTES = 24 };
    if (size < MAX_BYTES + 4) { /* too small for the excerpt and "...": say nothing rather than cut more */
        if (size)
            buf[0] = '\0';
        return buf;
    }
    size_t keep = n;
    if (keep > MAX_BYTES) {
        keep = MAX_BYTES;
        while (keep > 0 && is_continuation((unsigned char)s[keep]))
            keep--;
    }
    size_t o = 0;
    for (size_t i = 0; i < keep; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[o++] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
    }
    if (keep < n) {
        buf[o++] = '.';
        buf[o++] = '.';
        buf[o++] = '.';
    }
    buf[o] = '\0';
    return buf;
}
